"""A config mapping whose base URL and key are environment placeholders (`base_url:
${BASE_URL}`, `api_key: ${API_KEY}`) beside a model apply sends to the provider: ML502's note
and apply's Next line name the variables the program fills them from (t51a: ChatDev's
workflows stopped at "Unresolved placeholder '${BASE_URL}'" with only DASHSCOPE_* set)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry

from .apply_summary import placeholder_step
from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_config_edits import migrate

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
CONFIG = (
    "llm:\n  provider: openai\n  name: gpt-4o\n  base_url: ${BASE_URL}\n  api_key: ${API_KEY}\n"
)
# the program fills each `${VAR}` from the environment, and stops where one is unset
APP = (
    "import os\nimport re\n\nimport yaml\nfrom openai import OpenAI\n\n"
    'cfg = yaml.safe_load(open("config.yaml"))["llm"]\n'
    'cfg = {k: re.sub(r"\\$\\{(\\w+)\\}", lambda m: os.environ[m.group(1)], v) '
    "for k, v in cfg.items()}\n"
    'client = OpenAI(api_key=cfg["api_key"], base_url=cfg["base_url"])\n'
    'reply = client.chat.completions.create(model=cfg["name"], messages=[])\n'
    "print(reply.choices[0].message.content)\n"
)
NOTE = (
    "${BASE_URL} and ${API_KEY} (line 5) read BASE_URL and API_KEY from the environment, and "
    "the model beside them (gpt-4o, line 3) maps to acme-large on Acme Cloud: set BASE_URL to "
    "Acme Cloud's base URL https://api.acme.example/v1 (not OpenAI's) and API_KEY to your Acme "
    "Cloud key where the program reads them; ACME_BASE_URL and ACME_API_KEY do not fill them"
)
NEXT_VARIABLES = (
    "Set BASE_URL=https://api.acme.example/v1 and API_KEY=<your Acme Cloud key> where the "
    "program reads them: its config entries for Acme Cloud's models read their base URL and key "
    "from them (config.yaml:4), not from ACME_BASE_URL and ACME_API_KEY."
)


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def test_the_note_names_both_variables_and_what_they_must_hold(registry: Registry) -> None:
    after, findings = migrate(registry, "config.yaml", CONFIG)
    assert after == CONFIG.replace("gpt-4o", "acme-large")  # ML503's edit alone
    (note,) = [f for f in findings if f.rule == "ML502"]
    assert (note.line, note.column, note.severity, note.fix, note.edit) == (
        4,
        13,
        Severity.NOTE,
        FixClass.MANUAL,
        None,
    )
    assert note.message == NOTE
    assert note.data == {
        "mappings": 1,
        "url_variable": "BASE_URL",
        "url_to": "https://api.acme.example/v1",
        "key_variable": "API_KEY",
    }
    # after apply the model is the provider's: the variables still need its URL and key
    (again,) = [f for f in migrate(registry, "config.yaml", after)[1] if f.rule == "ML502"]
    assert again.message == NOTE.replace(
        "(gpt-4o, line 3) maps to acme-large on Acme Cloud", "(acme-large, line 3) is Acme Cloud's"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "llm:\n  model: gpt-4o\n  base_url: $LLM_URL\n",
            "$LLM_URL reads LLM_URL from the environment, and the model beside it (gpt-4o, line "
            "2) maps to acme-large on Acme Cloud: set LLM_URL to Acme Cloud's base URL "
            "https://api.acme.example/v1 (not OpenAI's) where the program reads it; "
            "ACME_BASE_URL does not fill it",
        ),
        (
            '{"llm": {"model": "gpt-4o-mini", "api_key": "${LLM_KEY:-}"}}',
            "${LLM_KEY:-} reads LLM_KEY from the environment, and the model beside it "
            "(gpt-4o-mini, line 1) maps to acme-small on Acme Cloud: set LLM_KEY to your Acme "
            "Cloud key where the program reads it; ACME_API_KEY does not fill it",
        ),
    ],
    ids=["bare-url", "key-with-empty-default"],
)
def test_one_placeholder_alone(registry: Registry, text: str, message: str) -> None:
    path = "config.json" if text.startswith("{") else "config.yaml"
    notes = [f.message for f in migrate(registry, path, text)[1] if f.rule == "ML502"]
    assert notes == [message]


@pytest.mark.parametrize(
    "text",
    [
        # the provider's own variables, or OpenAI's (ML501 reports those)
        "llm:\n  model: gpt-4o\n  base_url: ${ACME_BASE_URL}\n  api_key: ${ACME_API_KEY}\n",
        "llm:\n  model: gpt-4o\n  base_url: ${OPENAI_BASE_URL}\n",
        # a default naming a host: chosen on purpose
        "llm:\n  model: gpt-4o\n  base_url: ${LLM_URL:-https://proxy.internal.example/v1}\n",
        # no model that goes to the provider beside it
        "llm:\n  model: gemini-2.5-pro\n  base_url: ${BASE_URL}\n",
        "search:\n  base_url: ${BASE_URL}\n  api_key: ${API_KEY}\n",
        # a value that reads a variable inside a text is no placeholder
        "llm:\n  model: gpt-4o\n  base_url: https://${HOST}/v1\n",
    ],
    ids=["provider-vars", "openai-var", "default-host", "other-model", "no-model", "in-text"],
)
def test_no_note(registry: Registry, text: str) -> None:
    findings = migrate(registry, "config.yaml", text)[1]
    assert [f for f in findings if f.rule == "ML502" and f.severity is Severity.NOTE] == []


def test_one_note_a_file_for_the_same_variables(registry: Registry) -> None:
    node = "  - name: {model}\n    base_url: ${{BASE_URL}}\n    api_key: ${{API_KEY}}\n"
    text = "nodes:\n" + "".join(node.format(model=m) for m in ("gpt-4o", "gpt-4o-mini", "x1"))
    notes = [f for f in migrate(registry, "flow.yaml", text)[1] if f.rule == "ML502"]
    assert [(f.line, f.data["mappings"]) for f in notes] == [(3, 2)]
    assert "(so does 1 more mapping of this file)" in notes[0].message


def test_apply_names_the_variables_on_the_next_line_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(CONFIG)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    lines = done.stderr.splitlines()
    assert f"  config.yaml:4:13 ML502 note {NOTE}" in lines
    assert lines[-1] == "Next: " + NEXT_VARIABLES[:1].lower() + NEXT_VARIABLES[1:]
    checked = invoke("check", ".")  # a note: nothing in the file is left to change
    assert checked.exit_code == 0, checked.stdout
    scanned = json.loads(invoke("scan", ".", "--format", "json").stdout)["findings"]
    assert [(f["rule"], f["severity"], f["data"]["url_variable"]) for f in scanned] == [
        ("ML502", "note", "BASE_URL")
    ]


def test_the_variables_follow_the_other_steps(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(CONFIG)
    (tmp_path / "app.py").write_text(APP)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        + placeholder_step("Acme Cloud", "app.py:10", "app.py:15")
        + " "
        "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
        "test server). Put your Acme Cloud key where the program keeps the key it hands this "
        'client: `cfg["api_key"]` (app.py:9:10); an OpenAI key left there would be sent to the '
        "provider. " + NEXT_VARIABLES
    )


def test_the_migrated_program_runs_once_the_named_variables_are_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yaml").write_text(CONFIG)
    (tmp_path / "app.py").write_text(APP)
    assert invoke("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    server = LoopbackServer().start()
    try:
        # the provider's variables alone do not fill the placeholders
        alone = {"ACME_API_KEY": "acme-key", "ACME_BASE_URL": server.base}
        proc, blocked = run_guarded("app.py", tmp_path, alone)
        assert proc.returncode == 1 and "KeyError: 'BASE_URL'" in proc.stderr
        named = {"BASE_URL": server.base, "API_KEY": "acme-key"}
        proc, blocked = run_guarded("app.py", tmp_path, named)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer acme-key"
    assert request.body["model"] == "acme-large"
