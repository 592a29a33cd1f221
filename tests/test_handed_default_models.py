"""ML115 and ML118 where a request's model is a default one step removed (t56d D1, shell_gpt).

shell_gpt sends `temperature=0.0` and `top_p=1.0` with the model its command defaults to, which
apply maps to kimi-k2.6: Kimi fixes both (0.6 and 0.95 with thinking off) and rejects other
values. The request sat in a function given the model by another function's parameter
(`complete(model, ...)` called by `main(prompt, model="gpt-4o-mini", ...)`), or its parameter
defaulted to a module dict's entry reading the environment (`model=DEFAULTS["MODEL"]`): nothing
was said, check was green, and every request got a 400.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .cli_findings import cli as invoke
from .loopback_server import LoopbackServer
from .program_runner import run_python

RULES = ("ML115", "ML118")
CLIENT = "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
MIGRATED_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n)\n\n\n'
)
HANDED = (
    "def complete(model, temperature, top_p, messages):\n"
    "    return client.chat.completions.create(\n"
    "        model=model, temperature=temperature, top_p=top_p, messages=messages,\n"
    "    )\n\n\n"
    'def main(prompt, model="gpt-4o-mini", temperature=0.0, top_p=1.0):\n'
    '    return complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)
HANDED_AFTER = (
    "def complete(model, temperature, top_p, messages):\n"
    "    return client.chat.completions.create(\n"
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    "        model=model, temperature=0.6, top_p=0.95, messages=messages,\n"
    "    )\n\n\n"
    'def main(prompt, model="kimi-k2.6", temperature=0.0, top_p=1.0):\n'
    '    return complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)
ENTRY = (
    'DEFAULTS = {"MODEL": os.getenv("MODEL", "gpt-4o-mini")}\n\n\n'
    'def ask(prompt, model=DEFAULTS["MODEL"], temperature=0.0, top_p=1.0):\n'
    "    return client.chat.completions.create(\n"
    "        model=model, temperature=temperature, top_p=top_p, messages=prompt,\n"
    "    )\n"
)
THINKS = (
    "kimi-k2.6 (the default of {}) thinks before it answers unless told not to, which "
    "gpt-4o-mini did not (replies and stream deltas carry reasoning_content, temperature is "
    "fixed at 1.0 and other values are rejected, a tool loop must send the reasoning back): "
    'apply passes extra_body={{"thinking": {{"type": "disabled"}}}}'
)
TEMPERATURE = (
    "kimi-k2.6 (mapped from gpt-4o-mini) fixes temperature on Moonshot AI (Kimi), and it is the "
    "default of {}: temperature=0.6 is written in place of temperature, its value with thinking "
    "turned off (apply passes the switch, ML118; temperature=1.0 where the switch is dropped; a "
    "caller passing another model may need another)"
)
TOP_P = (
    "kimi-k2.6 (mapped from gpt-4o-mini) fixes top_p on Moonshot AI (Kimi), and it is the "
    "default of {}: top_p=0.95 is written in place of top_p, its value whether it thinks or not "
    "(a caller passing another model may need another)"
)
BY_HAND = (
    "kimi-k2.6 fixes {} on Moonshot AI (Kimi), and it is the default of model of main(): remove "
    "{}= by hand (the model ignores or rejects it; apply leaves it: a caller may pass another "
    "model)"
)


def said(registry, text):
    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        (f.rule, f.line, f.column, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in RULES
    ]


def test_a_default_handed_on_by_another_function_gets_the_values_kimi_fixes(registry):
    label = "model of main()"
    assert said(registry, CLIENT + HANDED) == [
        ("ML118", 9, 12, FixClass.REVIEW, THINKS.format(label)),
        ("ML115", 10, 22, FixClass.REVIEW, TEMPERATURE.format(label)),
        ("ML115", 10, 47, FixClass.REVIEW, TOP_P.format(label)),
    ]


def test_a_default_read_from_a_dict_entrys_environment_default_counts(registry):
    label = "model of ask()"
    assert said(registry, CLIENT + ENTRY) == [
        ("ML118", 12, 12, FixClass.REVIEW, THINKS.format(label)),
        ("ML115", 13, 22, FixClass.REVIEW, TEMPERATURE.format(label)),
        ("ML115", 13, 47, FixClass.REVIEW, TOP_P.format(label)),
    ]


@pytest.mark.parametrize(
    "change",
    [
        # the module changes the dict: its entry is not the default any more
        'DEFAULTS["MODEL"] = os.environ["OTHER"]\n',
        "DEFAULTS.update(MODEL=os.environ['OTHER'])\n",
    ],
)
def test_a_dict_the_module_changes_gives_no_default(registry, change):
    assert said(registry, CLIENT + ENTRY + change)[1:] == []


def test_callers_giving_models_kimi_treats_otherwise_leave_it_unknown(registry):
    # moonshot-v1-8k does not fix temperature: which model the request sends is not one
    text = CLIENT + HANDED + '\n\nFAST = complete("moonshot-v1-8k", 0.3, 1.0, [])\n'
    assert [row[0] for row in said(registry, text)] == ["ML118"]  # its note: chosen at run time
    assert said(registry, text)[0][3] == FixClass.MANUAL


@pytest.fixture
def server():
    running = LoopbackServer(key="test-key").start()
    yield running
    running.stop()


MIGRATED_BY_HAND = (
    'import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ["MOONSHOT_API_KEY"],'
    '\n                base_url=os.getenv("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"))\n\n\n'
    "def complete(model, temperature, top_p, messages):\n"
    "    return client.chat.completions.create(\n"
    "        model=model, temperature=temperature, top_p=top_p, messages=messages,\n"
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    "    )\n\n\n"
    'def main(prompt, model="kimi-k2.6", temperature=0.0, top_p=1.0):\n'
    '    return complete(model, temperature, top_p, [{"role": "user", "content": prompt}])\n'
)


def test_check_is_red_while_the_handed_values_are_rejected_and_green_once_fixed(
    tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(MIGRATED_BY_HAND)
    monkeypatch.chdir(tmp_path)
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[:2] == [
        f"app.py:11:22 ML115 {BY_HAND.format('temperature', 'temperature')}",
        f"app.py:11:47 ML115 {BY_HAND.format('top_p', 'top_p')}",
    ]
    # main() hands on the values Kimi fixes with thinking off: nothing left
    (tmp_path / "app.py").write_text(
        MIGRATED_BY_HAND.replace("temperature=0.0, top_p=1.0", "temperature=0.6, top_p=0.95")
    )
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 0, checked.stdout


def test_after_apply_check_is_green_and_kimi_gets_the_values_it_fixes(
    registry, server, tmp_path, monkeypatch
):
    provider = registry.get("moonshot")
    (tmp_path / "app.py").write_text(CLIENT + HANDED)
    monkeypatch.chdir(tmp_path)
    assert invoke("check", ".", "--provider", "moonshot").exit_code == 1
    done = invoke("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == MIGRATED_CLIENT + HANDED_AFTER
    checked = invoke("check", ".", "--provider", "moonshot")
    assert checked.exit_code == 0, checked.stdout

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    env = network_guard.subprocess_env(env, tmp_path / "guard")
    program = "import app\nprint(app.main('hi').choices[0].message.content)\n"
    proc = run_python(["-c", program], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (sent,) = server.requests
    assert (sent.path, sent.headers["authorization"]) == (
        "/v1/chat/completions",
        "Bearer test-key",
    )
    # the values the provider's file says kimi-k2.6 fixes with thinking off, and the switch
    fixed = {
        p: provider.fixed_value("kimi-k2.6", p, "thinking_off")[0] for p in ("temperature", "top_p")
    }
    assert fixed == {"temperature": 0.6, "top_p": 0.95}
    assert {k: sent.body[k] for k in ("model", "temperature", "top_p", "thinking")} == {
        "model": "kimi-k2.6",
        **fixed,
        "thinking": {"type": "disabled"},
    }
