"""A module that points OpenAI's base-URL variable at a server of its own before building
LangChain's classes (t62a: FastChat's tests/test_openai_langchain.py sets OPENAI_API_BASE to
its local server and OPENAI_API_KEY to "empty" in `if __name__ == "__main__":`): the classes
read that variable, so they talk to that server. ML601 leaves them, ML404 leaves the writes
(apply wrote `os.environ["ZAI_API_KEY"] = "empty"` over the user's key, and sent the tests'
requests to Zhipu); a write that may not run, or a URL computed at run time, changes nothing.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app as app_cli
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

# our own words for the shape of FastChat's LangChain test
LANGCHAIN_TEST = (
    "import os\n\n"
    "from langchain.chat_models import ChatOpenAI\n"
    "from langchain.embeddings import OpenAIEmbeddings\n\n\n"
    "def test_chain():\n"
    '    embedding = OpenAIEmbeddings(model="text-embedding-ada-002")\n'
    '    llm = ChatOpenAI(model="gpt-3.5-turbo")\n'
    '    print(embedding.embed_query("hi"), llm.invoke("hi"))\n\n\n'
    'if __name__ == "__main__":\n'
    '    os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
    '    os.environ["OPENAI_API_KEY"] = "empty"\n'
    "    test_chain()\n"
)


def findings(registry, text: str, path: str = "app.py"):
    ctx = RuleContext(registry, registry.get("zhipu"))
    return check_python(text, ctx, PYTHON_RULES, path=path)


def test_the_langchain_test_is_left_byte_for_byte_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = tmp_path / "test_langchain.py"
    app.write_bytes(LANGCHAIN_TEST.encode())
    runner = CliRunner()
    scanned = runner.invoke(app_cli, ["scan", ".", "-p", "zhipu", "--format", "json"])
    found = json.loads(scanned.stdout)["findings"]
    where = "http://localhost:8000/v1 (OPENAI_API_BASE, which the module sets on line 14)"
    assert [(f["rule"], f["line"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (
            "ML601",
            8,
            "note",
            "none",
            f"OpenAIEmbeddings() (LangChain) points at {where}, not OpenAI; left as it is",
        ),
        (
            "ML601",
            9,
            "note",
            "none",
            f"ChatOpenAI() (LangChain) points at {where}, not OpenAI; left as it is",
        ),
        (
            "ML404",
            14,
            "note",
            "none",
            "sets OPENAI_API_BASE to http://localhost:8000/v1, a server of the program's own, "
            "not OpenAI: the classes reading it talk to that server; left as it is",
        ),
        (
            "ML404",
            15,
            "note",
            "none",
            "sets OPENAI_API_KEY to a stand-in key for the server the module points "
            "OPENAI_API_BASE at (http://localhost:8000/v1, line 14), not OpenAI; left as it is",
        ),
    ]
    assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
    assert app.read_bytes() == LANGCHAIN_TEST.encode()
    checked = runner.invoke(app_cli, ["check", "-p", "zhipu"])
    assert (checked.exit_code, checked.stdout.splitlines()[-1]) == (
        0,
        "0 findings for zhipu in 0 of 1 file",
    )


def test_a_write_that_may_not_run_leaves_the_classes_to_be_migrated(registry):
    text = LANGCHAIN_TEST.replace(
        '    os.environ["OPENAI_API_BASE"]',
        '    if os.getenv("LOCAL"):\n        os.environ["OPENAI_API_BASE"]',
    )
    found = findings(registry, text)
    assert [(f.rule, f.severity.value, f.fix.value) for f in found if f.rule == "ML601"] == [
        ("ML601", "error", "review"),
        ("ML601", "error", "review"),
    ]
    base = next(f for f in found if f.rule == "ML404" and "OPENAI_API_BASE" in f.message)
    assert (base.severity.value, base.message) == (
        "warning",
        "sets OPENAI_API_BASE: the value is not copied to ZAI_BASE_URL (default "
        "https://open.bigmodel.cn/api/paas/v4); set ZAI_BASE_URL yourself if this URL is "
        "meant for Zhipu AI (GLM)",
    )
    after, _ = migrate_text(text, "python", "app.py", found)
    assert after.count('"ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"') == 2


def test_a_url_computed_at_run_time_is_no_own_server(registry):
    text = LANGCHAIN_TEST.replace('"http://localhost:8000/v1"', 'os.environ["LLM_URL"]')
    found = findings(registry, text)
    assert [(f.rule, f.fix.value) for f in found if f.rule == "ML601"] == [
        ("ML601", "review"),
        ("ML601", "review"),
    ]


def test_a_stand_in_key_in_test_code_is_left_beside_the_own_server(registry):
    # without the base URL the module writes, the stand-in goes to the provider's variable
    alone = LANGCHAIN_TEST.replace(
        '    os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n', ""
    )
    renamed = [f for f in findings(registry, alone, "test_chain.py") if f.rule == "ML404"]
    assert [(f.fix.value, f.edit is not None) for f in renamed] == [("review", True)]
    kept = [f for f in findings(registry, LANGCHAIN_TEST, "test_chain.py") if f.rule == "ML404"]
    assert [(f.fix.value, f.edit) for f in kept] == [("none", None), ("none", None)]


def test_a_mock_server_for_other_modules_clients_changes_nothing(registry):
    # a test pointing the project's clients (built elsewhere, moved to the provider's
    # variables by apply) at a mock server: its stand-in key still goes to the provider's
    text = (
        "import os\n\nfrom app import ask\n\n\n"
        "def test_ask():\n"
        '    os.environ["OPENAI_API_BASE"] = "http://localhost:9999/v1"\n'
        '    os.environ["OPENAI_API_KEY"] = "FAKE"\n'
        "    assert ask()\n"
    )
    found = [f for f in findings(registry, text, "test_app.py") if f.rule == "ML404"]
    assert [(f.severity.value, f.fix.value, f.edit is not None) for f in found] == [
        ("warning", "manual", False),
        ("warning", "review", True),
    ]
