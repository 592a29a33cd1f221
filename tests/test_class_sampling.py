"""A config class's sampling fields beside the model field apply maps (t64c D3).

vocode's `ChatGPTAgentConfig` holds `model_name` (ML204 maps its default to kimi-k2.6),
`temperature` and `max_tokens`, which a request in another module sends. `check` was green
after apply: Kimi rejects a temperature other than the one kimi-k2.6 fixes (1.0 thinking, 0.6
with thinking off), and 256 tokens leave a thinking model little or no answer. ML115 now
reports such a temperature, and ML118 such a limit, at the class's fields (in the class's
module, before and after apply), from the provider file's facts alone."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python

CFG = """from pydantic import BaseModel

DEFAULT_TEMPERATURE = {temperature}


class AgentConfig(BaseModel):
    model_name: str = "{model}"
    temperature: float = DEFAULT_TEMPERATURE
    max_tokens: int = {limit}
"""

AGENT = """import os

from openai import OpenAI

from cfg import AgentConfig

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def ask(config: AgentConfig, text: str):
    return client.chat.completions.create(
        model=config.model_name,
        messages=[{"role": "user", "content": text}],
        temperature=config.temperature,
        max_tokens=config.max_tokens,
    )


print(ask(AgentConfig(), "hi").choices[0].message.content)
"""

UNSURE_VALUES = (
    " (unconfirmed: third-party reports, for temperature and top_p; n and the penalties not "
    "measured)"
)
UNSURE_LIMIT = (
    ' (unconfirmed: a third party\'s advice ("raise to ≥32K"); the API reference says only '
    "that the default is about 1024)"
)
MAPPED = "kimi-k2.6, to which apply maps gpt-4o (the default of AgentConfig.model_name),"
OWN = "kimi-k2.6 (the default of AgentConfig.model_name)"
SWITCH = '{"thinking": {"type": "disabled"}}'


def temperature(subject: str, value: str) -> str:
    return (
        f"{subject} fixes temperature at 1.0 (0.6 with thinking off) and Moonshot AI (Kimi) "
        f"rejects other values: AgentConfig.temperature's default DEFAULT_TEMPERATURE ({value}), "
        "which a request sends as temperature=, makes every request fail (HTTP 400); set 1.0, "
        f"or 0.6 where the program sends {SWITCH} in extra_body, or have the program not send "
        "temperature, by hand" + UNSURE_VALUES
    )


def limit(subject: str, off: str) -> str:
    return (
        f"{subject} thinks unless told not to, and the reasoning counts against "
        "AgentConfig.max_tokens's default 256, which a request sends as its token limit: below "
        "the 32000 Moonshot AI (Kimi) advises for it, the reasoning may use all of it and leave "
        f"the reply empty; raise it, or turn thinking off in the request (extra_body={SWITCH})"
        + off
        + ", by hand"
        + UNSURE_LIMIT
    )


def off(value: str) -> str:
    return (
        ", where kimi-k2.6 fixes temperature at 0.6 and Moonshot AI (Kimi) rejects "
        f"AgentConfig.temperature's default DEFAULT_TEMPERATURE ({value})"
    )


def findings(registry, text: str, provider: str = "moonshot") -> list[tuple]:
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.rule, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML115", "ML118")
    ]


W, MANUAL = Severity.WARNING, FixClass.MANUAL


def test_fields_beside_a_mapped_model_and_beside_the_provider_s_model(registry):
    text = CFG.format(temperature="0.7", model="gpt-4o", limit="256")
    assert findings(registry, text) == [
        (8, 5, "ML115", W, MANUAL, temperature(MAPPED, "0.7")),
        (9, 5, "ML118", W, MANUAL, limit(MAPPED, off("0.7"))),
    ]
    text = CFG.format(temperature="0.7", model="kimi-k2.6", limit="256")
    assert findings(registry, text) == [
        (8, 5, "ML115", W, MANUAL, temperature(OWN, "0.7")),
        (9, 5, "ML118", W, MANUAL, limit(OWN, off("0.7"))),
    ]


def test_the_thinking_temperature_is_named_where_thinking_off_needs_another(registry):
    # 1.0 is what kimi-k2.6 takes while it thinks: no ML115; turning thinking off, as the
    # limit's finding offers, needs 0.6
    text = CFG.format(temperature="1.0", model="kimi-k2.6", limit="256")
    assert findings(registry, text) == [(9, 5, "ML118", W, MANUAL, limit(OWN, off("1.0")))]
    text = CFG.format(temperature="0.6", model="kimi-k2.6", limit="256")
    assert findings(registry, text) == [(9, 5, "ML118", W, MANUAL, limit(OWN, ""))]


def test_a_model_and_values_held_in_module_constants(registry):
    # vocode's shape: every default a constant of the module
    text = (
        "from pydantic import BaseModel\n\n"
        'CHAT_MODEL = "gpt-3.5-turbo-1106"\nTEMPERATURE = 0.2\nMAX_TOKENS = 256\n\n\n'
        "class ChatConfig(BaseModel):\n"
        "    model_name: str = CHAT_MODEL\n"
        "    temperature: float = TEMPERATURE\n"
        "    max_tokens: int = MAX_TOKENS\n"
    )
    assert [(line, rule) for line, _, rule, *_ in findings(registry, text)] == [
        (10, "ML115"),
        (11, "ML118"),
    ]
    ml115, ml118 = (row[5] for row in findings(registry, text))
    assert ml115.startswith(
        "kimi-k2.6, to which apply maps gpt-3.5-turbo-1106 (the default of "
        "ChatConfig.model_name), fixes temperature at 1.0 (0.6 with thinking off) and Moonshot "
        "AI (Kimi) rejects other values: ChatConfig.temperature's default TEMPERATURE (0.2), "
    )
    assert "ChatConfig.max_tokens's default MAX_TOKENS (256)" in ml118


def test_a_subclass_giving_its_own_model_leaves_the_base(registry):
    text = CFG.format(temperature="0.7", model="kimi-k2.6", limit="256")
    text += '\n\nclass Fast(AgentConfig):\n    model_name: str = "moonshot-v1-8k"\n'
    assert findings(registry, text) == []


def test_values_the_model_takes_and_other_models_are_left(registry):
    for value in ("1.0", "0.6"):
        assert (
            findings(registry, CFG.format(temperature=value, model="gpt-4o", limit="32768")) == []
        )
    # a model that fixes nothing and does not think (the provider's table maps none to it)
    assert (
        findings(registry, CFG.format(temperature="0.7", model="moonshot-v1-8k", limit="256")) == []
    )
    # a run staying on OpenAI
    assert (
        findings(registry, CFG.format(temperature="0.7", model="gpt-4o", limit="256"), "openai")
        == []
    )


def _env(provider, server, tmp_path) -> dict[str, str]:
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    return network_guard.subprocess_env(env, tmp_path / "guard")


def test_check_stays_red_after_apply_on_the_values_the_request_sends(
    registry, tmp_path, monkeypatch
):
    project = tmp_path / "project"  # the network guard's files beside it, not in it
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "cfg.py").write_text(CFG.format(temperature="0.7", model="gpt-4o", limit="256"))
    (project / "agent.py").write_text(AGENT)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.output
    written = CFG.format(temperature="0.7", model="kimi-k2.6", limit="256")
    assert (project / "cfg.py").read_text() == written
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        "cfg.py:8:5 ML115 " + temperature(OWN, "0.7"),
        "cfg.py:9:5 ML118 " + limit(OWN, off("0.7")),
        "2 findings for moonshot in 1 of 2 files; 0 error, 2 warning, 0 note",
    ]

    # the values check names are those the migrated request sends
    provider = registry.get("moonshot")
    server = LoopbackServer.for_provider(provider).start()
    try:
        proc = run_python(["agent.py"], cwd=project, env=_env(provider, server, tmp_path))
        assert network_guard.blocked_hosts(tmp_path / "guard") == []
        assert proc.returncode == 0, proc.stderr
        (sent,) = server.requests
        body = sent.body
        assert (body["model"], body["temperature"], body["max_completion_tokens"]) == (
            "kimi-k2.6",
            0.7,
            256,
        )
        assert "thinking" not in body
    finally:
        server.stop()

    # set as the findings say: 1.0 while it thinks, and a limit for the reasoning
    fixed = CFG.format(temperature="1.0", model="kimi-k2.6", limit="32768")
    (project / "cfg.py").write_text(fixed)
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert (done.exit_code, done.stdout) == (0, "0 findings for moonshot in 0 of 2 files\n")
