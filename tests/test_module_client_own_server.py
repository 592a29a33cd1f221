"""The openai>=1.0 module-level client pointed at the program's own server (t62a: FastChat's
tests of its OpenAI-compatible server set `openai.api_key = "EMPTY"` and `openai.base_url =
"http://localhost:8000/v1/"`): ML103 leaves both lines (a note), as ML003 leaves
`OpenAI(base_url=...)` with such a URL, and the requests through that client are not
reported (ML102) nor their models; a module client that may still reach OpenAI is migrated.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app as app_cli
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

# our own words for the shape of FastChat's tests/test_openai_api.py
OWN_SERVER = (
    '"""Exercise the OpenAI-compatible server started on this machine."""\n'
    "import openai\n\n"
    'openai.api_key = "EMPTY"  # the server takes any key\n'
    'openai.base_url = "http://localhost:8000/v1/"\n\n\n'
    "def names():\n"
    "    return [m.id for m in openai.models.list().data]\n\n\n"
    "def chat(model):\n"
    "    return openai.chat.completions.create(\n"
    '        model=model, messages=[{"role": "user", "content": "hi"}]\n'
    "    )\n\n\n"
    "def embed(model):\n"
    '    return openai.embeddings.create(model=model, input="hello")\n\n\n'
    'if __name__ == "__main__":\n'
    "    for name in names():\n"
    "        chat(name)\n"
    '    print(chat("gpt-3.5-turbo"), embed("text-embedding-ada-002"))\n'
)


def findings(registry, text: str):
    return check_python(text, RuleContext(registry, registry.get("zhipu")), PYTHON_RULES)


def test_the_own_server_module_is_left_byte_for_byte_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "test_api.py"
    app.write_bytes(OWN_SERVER.encode())
    runner = CliRunner()
    scanned = runner.invoke(app_cli, ["scan", ".", "-p", "zhipu", "--format", "json"])
    found = json.loads(scanned.stdout)["findings"]
    # (ML205's notes on the model ids the test hands its own functions: as for a client)
    assert {f["rule"] for f in found} == {"ML103", "ML205"}
    shown = [(f["rule"], f["line"], f["severity"], f["fix"], f["message"]) for f in found]
    assert [f for f in shown if f[0] == "ML103"] == [
        (
            "ML103",
            line,
            "note",
            "none",
            f"openai.{attr} configures the module-level client, which the module points at "
            "http://localhost:8000/v1/, not OpenAI; left as it is",
        )
        for line, attr in ((4, "api_key"), (5, "base_url"))
    ]
    assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert app.read_bytes() == OWN_SERVER.encode()
    checked = runner.invoke(app_cli, ["check", "-p", "zhipu"])
    assert (checked.exit_code, checked.stdout.splitlines()[-1]) == (
        0,
        "0 findings for zhipu in 0 of 1 file",
    )


def test_a_run_time_url_beside_a_stand_in_key_is_the_own_server_too(registry):
    # as ML003 reads `OpenAI(api_key="EMPTY", base_url=os.environ["LLM_URL"])`
    text = (
        "import os\n\nimport openai\n\n"
        'openai.api_key = "EMPTY"\n'
        'openai.base_url = os.environ["LLM_URL"]\n'
        "openai.chat.completions.create(model=m, messages=[])\n"
    )
    found = findings(registry, text)
    assert [(f.rule, f.fix.value, f.edit) for f in found] == [
        ("ML103", "none", None),
        ("ML103", "none", None),
    ]
    assert found[1].message == (
        "openai.base_url configures the module-level client, which the module points at "
        "environment variable LLM_URL, not OpenAI; left as it is"
    )


def test_a_module_client_that_may_reach_openai_is_still_migrated(registry):
    # one of its base URLs is OpenAI's: the key and URLs move to the provider as before
    text = (
        "import openai\n\n"
        'openai.api_key = "EMPTY"\n'
        'openai.base_url = "http://localhost:8000/v1/"\n\n\n'
        "def remote():\n"
        '    openai.base_url = "https://api.openai.com/v1/"\n\n\n'
        "openai.chat.completions.create(model=m, messages=[])\n"
    )
    found = findings(registry, text)
    assert [(f.rule, f.fix.value) for f in found if f.rule in ("ML102", "ML103")] == [
        ("ML103", "safe"),
        ("ML103", "safe"),
        ("ML103", "safe"),
        ("ML102", "manual"),
    ]
    after, _ = migrate_text(text, "python", "app.py", found)
    assert "localhost" not in after
    assert after.count('os.environ.get("ZAI_BASE_URL"') == 2
