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

# our own words for a script pointing LangChain's classes at its own server before it
# builds them (FastChat's LangChain test builds them in a function pytest may call: below)
LANGCHAIN_TEST = (
    "import os\n\n"
    "from langchain.chat_models import ChatOpenAI\n"
    "from langchain.embeddings import OpenAIEmbeddings\n\n"
    'if __name__ == "__main__":\n'
    '    os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
    '    os.environ["OPENAI_API_KEY"] = "empty"\n'
    '    embedding = OpenAIEmbeddings(model="text-embedding-ada-002")\n'
    '    llm = ChatOpenAI(model="gpt-3.5-turbo")\n'
    '    print(embedding.embed_query("hi"), llm.invoke("hi"))\n'
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
    where = "http://localhost:8000/v1 (OPENAI_API_BASE, which the module sets on line 7)"
    assert [(f["rule"], f["line"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (
            "ML404",
            7,
            "note",
            "none",
            "sets OPENAI_API_BASE to http://localhost:8000/v1, a server of the program's own, "
            "not OpenAI: the classes reading it talk to that server; left as it is",
        ),
        (
            "ML404",
            8,
            "note",
            "none",
            "sets OPENAI_API_KEY to a stand-in key for the server the module points "
            "OPENAI_API_BASE at (http://localhost:8000/v1, line 7), not OpenAI; left as it is",
        ),
        (
            "ML601",
            9,
            "note",
            "none",
            f"OpenAIEmbeddings() (LangChain) points at {where}, not OpenAI; left as it is",
        ),
        (
            "ML601",
            10,
            "note",
            "none",
            f"ChatOpenAI() (LangChain) points at {where}, not OpenAI; left as it is",
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


def classes_and_base_write(registry, text: str, path: str = "app.py"):
    """(rule, line, severity, fix) of ML601 and of ML404 at the base-URL write."""
    return [
        (f.rule, f.line, f.severity.value, f.fix.value)
        for f in findings(registry, text, path)
        if f.rule == "ML601" or (f.rule == "ML404" and "OPENAI_API_BASE" in f.message)
    ]


HEAD = "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
WRITE = 'os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
MIGRATED = [("ML601", 5, "error", "review"), ("ML404", 6, "warning", "manual")]


def test_a_class_built_before_the_write_talks_to_openai(registry):
    # langchain-openai reads OPENAI_API_BASE when the class is built: built first, it
    # talks to OpenAI (the review of session 62: check passed)
    text = HEAD + 'llm = ChatOpenAI(model="gpt-4o")\n' + WRITE + 'print(llm.invoke("hi"))\n'
    assert classes_and_base_write(registry, text) == MIGRATED
    after, _ = migrate_text(text, "python", "app.py", findings(registry, text))
    assert 'base_url=os.environ.get("ZAI_BASE_URL"' in after
    first = HEAD + WRITE + 'llm = ChatOpenAI(model="gpt-4o")\n'
    assert classes_and_base_write(registry, first) == [
        ("ML404", 5, "note", "none"),
        ("ML601", 6, "note", "none"),
    ]


def test_a_write_under_main_after_a_module_level_class_changes_nothing(registry):
    text = (
        HEAD
        + 'llm = ChatOpenAI(model="gpt-4o")\n\nif __name__ == "__main__":\n    '
        + WRITE
        + '    print(llm.invoke("hi"))\n'
    )
    assert classes_and_base_write(registry, text) == [
        ("ML601", 5, "error", "review"),
        ("ML404", 8, "warning", "manual"),
    ]


# FastChat's LangChain test (t62a) builds its classes in a function and writes the
# variable only in `if __name__ == "__main__":`: pytest, or a module importing it, calls
# the function without that write, and the class reaches OpenAI
BUILT_IN_FUNCTION = (
    HEAD + "\ndef make():\n"
    '    return ChatOpenAI(model="gpt-4o")\n\n\n'
    'if __name__ == "__main__":\n    ' + WRITE + '    os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
    '    print(make().invoke("hi"))\n'
)


def test_a_class_built_in_a_function_and_a_write_under_main_changes_nothing(registry):
    assert classes_and_base_write(registry, BUILT_IN_FUNCTION) == [
        ("ML601", 7, "error", "review"),
        ("ML404", 11, "warning", "manual"),
    ]
    key = [f for f in findings(registry, BUILT_IN_FUNCTION) if "OPENAI_API_KEY" in f.message]
    assert [(f.rule, f.severity.value) for f in key if f.rule == "ML404"] == [
        ("ML404", "error")  # the stand-in key is no longer left as that server's
    ]


def test_a_write_at_top_level_before_the_function_or_first_in_it_counts(registry):
    above = HEAD + WRITE + '\n\ndef make():\n    return ChatOpenAI(model="gpt-4o")\n'
    assert classes_and_base_write(registry, above) == [
        ("ML404", 5, "note", "none"),
        ("ML601", 9, "note", "none"),
    ]
    below = HEAD + 'def make():\n    return ChatOpenAI(model="gpt-4o")\n\n\n' + WRITE
    assert classes_and_base_write(registry, below) == [
        ("ML601", 6, "error", "review"),
        ("ML404", 9, "warning", "manual"),
    ]
    inside = HEAD + "def make():\n    " + WRITE + '    return ChatOpenAI(model="gpt-4o")\n'
    assert classes_and_base_write(registry, inside) == [
        ("ML404", 6, "note", "none"),
        ("ML601", 7, "note", "none"),
    ]
    after = HEAD + 'def make():\n    llm = ChatOpenAI(model="gpt-4o")\n    ' + WRITE
    assert classes_and_base_write(registry, after) == [
        ("ML601", 6, "error", "review"),
        ("ML404", 7, "warning", "manual"),
    ]
    other = (
        HEAD + "def setup():\n    " + WRITE + "\n\ndef make():\n"
        '    return ChatOpenAI(model="gpt-4o")\n'
    )
    assert classes_and_base_write(registry, other) == [
        ("ML404", 6, "warning", "manual"),
        ("ML601", 10, "error", "review"),
    ]


# the usual layout of a script for a server of one's own (the review of session 62: apply
# moved it to Zhipu): the class is built in a function written above the write, which the
# module calls only after it, at its top level, or as its `main()` in its `__main__` block
MADE_BELOW = (
    HEAD + "def make():\n"
    '    return ChatOpenAI(model="vicuna-7b")\n\n\n'
    + WRITE
    + 'os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
    "llm = make()\n"
)
MAIN_BELOW = (
    HEAD + "def main():\n"
    '    print(ChatOpenAI(model="vicuna-7b").invoke("hi"))\n\n\n'
    'if __name__ == "__main__":\n    ' + WRITE + '    os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
    "    main()\n"
)


def test_a_function_called_only_after_the_write_builds_a_class_for_that_server(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for text, lines in (
        (MADE_BELOW, [("ML404", 9), ("ML404", 10), ("ML601", 6)]),
        (MAIN_BELOW, [("ML404", 10), ("ML404", 11), ("ML601", 6)]),
    ):
        app = tmp_path / "app.py"
        app.write_bytes(text.encode())
        scanned = runner.invoke(app_cli, ["scan", ".", "-p", "zhipu", "--format", "json"])
        found = json.loads(scanned.stdout)["findings"]
        assert sorted((f["rule"], f["line"], f["severity"], f["fix"]) for f in found) == [
            (rule, line, "note", "none") for rule, line in lines
        ]
        assert runner.invoke(app_cli, ["apply", "-p", "zhipu", "--yes"]).exit_code == 0
        assert app.read_bytes() == text.encode()


def test_a_function_that_may_run_without_the_write_still_reaches_openai(registry):
    red = [("ML601", 6, "error", "review"), ("ML404", 9, "warning", "manual")]
    variants = {
        # handed on: called where the module does not show
        "handed": MADE_BELOW + "factories = [make]\n",
        # called in a function, which another module may call first
        "in a function": MADE_BELOW + "\n\ndef again():\n    return make()\n",
        # pytest calls it, with no call of the module's
        "test": MADE_BELOW.replace("make", "test_make"),
        # never called in the module: an importer may call it before it runs
        "uncalled": MADE_BELOW.replace("llm = make()\n", ""),
    }
    # called before the write as well
    first = MADE_BELOW.replace(WRITE, "llm0 = make()\n" + WRITE)
    assert classes_and_base_write(registry, first) == [
        ("ML601", 6, "error", "review"),
        ("ML404", 10, "warning", "manual"),
    ]
    for name in ("handed", "in a function", "test", "uncalled"):
        assert classes_and_base_write(registry, variants[name]) == red, name


def test_a_main_block_write_counts_only_for_the_main_it_alone_calls(registry):
    red = [("ML601", 6, "error", "review"), ("ML404", 10, "warning", "manual")]
    # a helper another module imports (`from app import make`) is called without the write
    assert classes_and_base_write(registry, MAIN_BELOW.replace("main()", "make()")) == red
    # main() called outside the block too, or before the write in it
    assert classes_and_base_write(registry, MAIN_BELOW + "main()\n") == red
    before = MAIN_BELOW.replace(
        '    os.environ["OPENAI_API_BASE"]', '    main()\n    os.environ["OPENAI_API_BASE"]'
    )
    assert classes_and_base_write(registry, before) == [
        ("ML601", 6, "error", "review"),
        ("ML404", 11, "warning", "manual"),
    ]


def test_a_stand_in_key_written_is_no_key_the_class_read(tmp_path, monkeypatch):
    # built before the write, the class is migrated; the module's "EMPTY" is no key of the
    # user's that it read from OPENAI_API_KEY (the review of session 62: the message said
    # "app.py stores a key in OPENAI_API_KEY, which it read"); a key written there is one
    monkeypatch.chdir(tmp_path)
    text = HEAD + 'llm = ChatOpenAI(model="gpt-4o")\n' + WRITE
    text += 'os.environ["OPENAI_API_KEY"] = "EMPTY"\n'
    runner = CliRunner()
    for stored, named in (("EMPTY", None), ("sk-proj-0123456789abcdefghijKLMN", "app.py")):
        (tmp_path / "app.py").write_bytes(text.replace("EMPTY", stored).encode())
        scanned = runner.invoke(app_cli, ["scan", ".", "-p", "zhipu", "--format", "json"])
        ml601 = [f for f in json.loads(scanned.stdout)["findings"] if f["rule"] == "ML601"]
        assert [f["data"].get("key_stored_in") for f in ml601] == [named]
