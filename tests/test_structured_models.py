"""A request for structured outputs to a provider whose file says only some of its models take
json_schema (qwen.toml: `[supports] structured_outputs = "partial"`, `[params]
structured_models`) is read per model: its model as written, as apply maps it in the same run,
or the provider's as an earlier apply wrote it. One the file lists: no finding of it; one it
does not: an error naming the models that take it (the request fails with HTTP 400 on every
run; check was green where `--fail-on error`, and said "test this call"); one not known here:
the warning with the list. ML111 says nothing more of the json_schema dict (s62)."""

from __future__ import annotations

import json
import os

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .cli_findings import cli
from .loopback_server import JSON_SCHEMA_REFUSED, LoopbackServer
from .program_runner import run_python

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
DOCS = "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope"
LISTED = ["qwen4-max", "qwen3.8-max"]
DOUBT = (
    "providers/qwen.toml: json_schema documented for qwen4-max; third-party list for "
    "qwen3.8-max / qwen3.7; older models json_object only"
)
SCHEMA = '{"type": "json_schema", "json_schema": {"name": "a", "schema": {}}}'


def program(model: str) -> str:
    return (
        "from openai import OpenAI\n\n"
        "client = OpenAI()\n"
        "reply = client.chat.completions.create(\n"
        f"    model={model},\n"
        '    messages=[{"role": "user", "content": "hi"}],\n'
        f"    response_format={SCHEMA},\n"
        ")\n"
        "print(reply.choices[0].message.content)\n"
    )


def refused(shown: str) -> str:
    return (
        "chat.completions.create() through an OpenAI client; it asks for structured outputs "
        f"(response_format json_schema); {shown} does not take it ({QWEN}'s file names the "
        "models that do: qwen4-max, qwen3.8-max), so this call fails on every run (HTTP 400): "
        "use one of those models, or ask for JSON mode instead (type json_object), describe "
        f"the fields in the prompt and validate the reply yourself, by hand (see {DOCS})"
    )


def found(registry, text: str) -> list[tuple]:
    """(line, rule, severity, fix, message, data) of the findings of ML101, ML102, ML111."""
    ctx = RuleContext(registry, registry.get("qwen"))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML101", "ML102", "ML111")
    ]


def test_a_model_apply_maps_off_the_list_is_an_error(registry):
    assert found(registry, program('"gpt-4o-mini"')) == [
        (
            4,
            "ML101",
            "error",
            "manual",
            refused("qwen-plus, to which apply maps gpt-4o-mini,"),
            {
                "surface": "structured_outputs",
                "call": "chat.completions.create",
                "model": "qwen-plus",
                "model_from": "gpt-4o-mini",
                "structured_models": LISTED,
                "unconfirmed": DOUBT,
            },
        )
    ]


def test_the_providers_model_an_earlier_apply_wrote_is_read_too(registry):
    text = program("MODEL").replace("client = ", 'MODEL = "qwen-plus"\nclient = ')
    ((line, rule, severity, fix, message, data),) = found(registry, text)
    assert (line, rule, severity, fix) == (5, "ML101", "error", "manual")
    assert message == refused("qwen-plus")
    assert data["model"] == "qwen-plus" and "model_from" not in data


def test_a_listed_model_says_nothing_of_the_schema(registry):
    """gpt-4o maps to qwen4-max, which takes json_schema: the note of a served chat call, and
    no ML111 of the dict either (before: a warning from each)."""
    assert found(registry, program('"gpt-4o"')) == [
        (
            4,
            "ML101",
            "note",
            "none",
            f"chat.completions.create() through an OpenAI client; supported by {QWEN}",
            {
                "surface": "chat",
                "call": "chat.completions.create",
                "model": "qwen4-max",
                "model_from": "gpt-4o",
            },
        )
    ]
    parse = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'r = client.beta.chat.completions.parse(model="qwen3.8-max", messages=[], '
        "response_format=Answer)\n"
    )
    assert [(f[1], f[2]) for f in found(registry, parse)] == [("ML101", "note")]


def test_a_model_known_at_run_time_only_keeps_the_warning_with_the_list(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        'r = client.responses.parse(model=os.environ["MODEL"], input="x", text_format=Answer)\n'
    )
    ((line, rule, severity, fix, message, data),) = found(registry, text)
    assert (line, rule, severity, fix) == (6, "ML101", "warning", "manual")
    assert message == (
        f"responses.parse() through an OpenAI client; {QWEN}'s structured_outputs support is "
        "partial (providers/qwen.toml: json_schema documented for qwen4-max; third-party list "
        "for qwen3.8-max / qwen3.7; older models json_object only); "
        f"{QWEN}'s file names the models that take json_schema: qwen4-max, qwen3.8-max; check "
        f"that this call's model is one of them, then test it (see {DOCS})"
    )
    assert data["structured_models"] == LISTED and "model" not in data


def test_the_module_level_client_is_read_per_model_too(registry):
    text = (
        "import openai\n\n"
        'r = openai.chat.completions.parse(model="gpt-4o-mini", messages=[], '
        "response_format=Answer)\n"
    )
    ((line, rule, severity, fix, message, _),) = found(registry, text)
    assert (line, rule, severity, fix) == (3, "ML102", "error", "manual")
    assert "qwen-plus, to which apply maps gpt-4o-mini, does not take it" in message
    ok = text.replace("gpt-4o-mini", "gpt-4o")
    assert [(f[1], f[2]) for f in found(registry, ok)] == [("ML102", "warning")]


def run(root, script: str, server: LoopbackServer):
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}
    env |= {"DASHSCOPE_API_KEY": "test-key", "DASHSCOPE_BASE_URL": server.base}
    guard = root.parent / f"guard-{script}"
    proc = run_python([script], cwd=root, env=network_guard.subprocess_env(env, guard), timeout=60)
    assert network_guard.blocked_hosts(guard) == []
    return proc


def test_check_is_red_on_the_request_the_provider_refuses(registry, tmp_path, monkeypatch):
    """End to end: apply maps gpt-4o-mini to qwen-plus and gpt-4o to qwen4-max; a loopback
    server refusing json_schema but from the models qwen.toml lists answers the second and
    refuses the first (HTTP 400), and check is red on the first alone."""
    root = tmp_path / "app"
    root.mkdir()
    (root / "fails.py").write_text(program('"gpt-4o-mini"'))
    (root / "works.py").write_text(program('"gpt-4o"'))
    monkeypatch.chdir(root)
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert 'model="qwen-plus",' in (root / "fails.py").read_text()
    assert 'model="qwen4-max",' in (root / "works.py").read_text()
    checked = cli("check", ".", "--provider", "qwen", "--format", "json")
    assert checked.exit_code == 1
    assert [
        (f["path"], f["rule"], f["severity"], f["message"])
        for f in json.loads(checked.stdout)["findings"]
    ] == [("fails.py", "ML101", "error", refused("qwen-plus"))]
    assert cli("check", "works.py", "--provider", "qwen").exit_code == 0

    server = LoopbackServer.for_provider(registry.get("qwen")).start()
    try:
        works = run(root, "works.py", server)
        fails = run(root, "fails.py", server)
    finally:
        server.stop()
    assert (works.returncode, works.stderr) == (0, "")
    assert fails.returncode == 1
    assert JSON_SCHEMA_REFUSED in fails.stderr.strip().splitlines()[-1]
    assert [
        (r.path, r.body["model"], r.body["response_format"]["type"]) for r in server.requests
    ] == [
        ("/chat/completions", "qwen4-max", "json_schema"),
        ("/chat/completions", "qwen-plus", "json_schema"),
    ]


def test_a_request_in_code_run_only_for_openai_is_a_note(registry):
    text = (
        "def answer(provider, client, q):\n"
        '    if provider == "openai":\n'
        '        return client.chat.completions.parse(model="gpt-4o-mini", messages=q, '
        "response_format=A)\n"
    )
    ((line, rule, severity, fix, message, _),) = found(registry, text)
    assert (line, rule, severity, fix) == (3, "ML101", "note", "none")
    assert message == (
        "chat.completions.parse() on `client`, which looks like an OpenAI client (not traced to "
        f"its construction); qwen-plus does not take response_format json_schema on {QWEN}, "
        "but the call stands in code run only where the program's service is OpenAI (`if "
        'provider == "openai"`), which still goes to OpenAI after apply: left as it is'
    )


POINTED = (
    "import os\n\nimport openai\n\n"
    'openai.api_key = os.environ["DASHSCOPE_API_KEY"]\n'
    'openai.base_url = os.environ["DASHSCOPE_BASE_URL"]\n'
    "r = openai.chat.completions.create(model={model}, messages=[], response_format=RF)\n"
)


def test_ml111_reads_the_model_where_ml101_says_nothing(registry):
    """A module-level client the module points at the provider: ML102 says nothing, and the
    json_schema dict is ML111's, read per model too."""
    rf = f"RF = {SCHEMA}\n"
    listed = found(registry, rf + POINTED.format(model='"gpt-4o"'))
    assert listed == []
    (finding,) = found(registry, rf + POINTED.format(model='"qwen-plus"'))
    assert finding[:5] == (
        8,
        "ML111",
        "error",
        "manual",
        f'response_format type "json_schema" is not accepted by {QWEN} (accepted: '
        "text, json_object), nor by qwen-plus (the models taking it: qwen4-max, qwen3.8-max); "
        "use json_object and describe the schema in the prompt",
    )
    (finding,) = found(registry, rf + POINTED.format(model="name"))
    assert finding[2] == "warning"
    assert finding[4].endswith(
        "(accepted: text, json_object) but by the models qwen4-max, qwen3.8-max; use "
        "json_object and describe the schema in the prompt"
    )
