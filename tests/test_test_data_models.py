"""OpenAI model ids that a project's tests hand its own code are test data (t58c D3): gpt-
engineer's `TokenUsageLog("gpt-4")` picks a price the table holds for OpenAI's names only,
and `AI("gpt-4")` builds a model the test replaces. Changed as ML205 said, two passing tests
failed; check could not pass without that change. Now ML205 notes them (check passes), and a
price table whose every read handles a model it lacks (`.get()` tested for None) is a note
too; a literal that reaches a request (ML204's forwarding, a test sending it) keeps check red.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .program_runner import pytest_offline

USAGE = """PRICES = {"gpt-4": 0.03}


class UsageLog:
    def __init__(self, model_name):
        self.model_name = model_name

    def cost(self, tokens):
        price = PRICES.get(self.model_name)
        return None if price is None else price * tokens
"""
CHAT = """from openai import OpenAI

client = OpenAI()


def ask(model, question):
    return client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": question}]
    )
"""
TEST_USAGE = """import pytest

from pkg.usage import PRICES, UsageLog


def test_cost():
    assert UsageLog("gpt-4").cost(1000) == 30.0


def test_cost_by_keyword():
    assert UsageLog(model_name="gpt-4").cost(100) == 3.0


@pytest.mark.parametrize("name", ["gpt-4", "gpt-4o"])
def test_known(name):
    assert (UsageLog(name).cost(1) is None) == (name not in PRICES)


def test_table():
    assert PRICES["gpt-4"] == 0.03
"""
TEST_MOCKED = """from pkg.chat import ask


def test_ask(monkeypatch):
    sent = {}
    monkeypatch.setattr("pkg.chat.client.chat.completions.create", lambda **kw: sent.update(kw))
    ask("gpt-4o", "hi")
    assert sent["model"] == "gpt-4o"
"""
TEST_DATA = (
    ": test data, which no request of this file sends; apply leaves {it}, since the project's "
    "tests may depend on the name (a price or token table's entry, a mocked reply); if the code "
    "under test sends it in a real request, change it with that code, by hand"
)
PASSED = "'gpt-4' ({how}) is an OpenAI model id a test hands the project's own code"


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"pkg/__init__.py": "", "pkg/usage.py": USAGE, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def run(tmp_path: Path, monkeypatch, command: str) -> tuple[int, list[tuple]]:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, [command, ".", "-p", "deepseek", "--format", "json"])
    found = json.loads(done.stdout)["findings"]
    return done.exit_code, [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in found
    ]


def test_test_data_and_a_guarded_price_table_are_notes(tmp_path, monkeypatch):
    project(tmp_path, {"tests/test_usage.py": TEST_USAGE})
    code, found = run(tmp_path, monkeypatch, "scan")
    assert code == 0
    table = (
        "'gpt-4' is a dict key of a table keyed by OpenAI model (such as token limits): lookups "
        "with DeepSeek's model names miss it, and each read of it in this module handles a "
        "model it lacks (`.get()`, `in`), so nothing raises, and no request sends its keys; "
        "add DeepSeek's models if the program should know them"
    )
    note = {"test_data": True}
    assert found == [
        ("pkg/usage.py", 1, "ML205", "note", "manual", table, {"keys": ["gpt-4"]}),
        (
            "tests/test_usage.py",
            7,
            "ML205",
            "note",
            "none",
            PASSED.format(how="passed to UsageLog()") + TEST_DATA.format(it="it"),
            note,
        ),
        (
            "tests/test_usage.py",
            11,
            "ML205",
            "note",
            "none",
            PASSED.format(how="passed as model_name= to UsageLog()") + TEST_DATA.format(it="it"),
            note,
        ),
        (
            "tests/test_usage.py",
            14,
            "ML205",
            "note",
            "none",
            "'gpt-4', 'gpt-4o' in a list of a parametrized test's cases are OpenAI model ids the "
            "test hands the code it tests" + TEST_DATA.format(it="them"),
            note,
        ),
        (
            "tests/test_usage.py",
            20,
            "ML205",
            "note",
            "none",
            "'gpt-4' is an OpenAI model id a test looks up in a table keyed by such ids"
            + TEST_DATA.format(it="it"),
            note,
        ),
    ]
    code, found = run(tmp_path, monkeypatch, "check")
    assert (code, found) == (0, [])
    # apply writes nothing, and the project's tests pass as before
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.py")}
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.py")} == before
    proc, blocked = pytest_offline(tmp_path, "tests")
    assert (proc.returncode, blocked) == (0, []), proc.stdout
    assert "5 passed" in proc.stdout


def test_a_table_read_that_may_raise_keeps_check_red(tmp_path, monkeypatch):
    usage = USAGE.replace("PRICES.get(self.model_name)", "PRICES[self.model_name]")
    project(tmp_path, {"pkg/usage.py": usage, "tests/test_usage.py": TEST_USAGE})
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[0], f[1], f[2], f[3], f[5]) for f in found] == [
        (
            "pkg/usage.py",
            1,
            "ML205",
            "warning",
            "'gpt-4' is a dict key of a table keyed by OpenAI model (such as token limits): "
            "lookups with DeepSeek's model names miss it; add entries for them by hand",
        )
    ]


def test_a_model_id_outside_test_code_stays_a_warning(tmp_path, monkeypatch):
    project(tmp_path, {"report.py": "from pkg.usage import UsageLog\n\nUsageLog('gpt-4')\n"})
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[0], f[1], f[2], f[3], f[5]) for f in found] == [
        (
            "report.py",
            3,
            "ML205",
            "warning",
            "'gpt-4' (passed to UsageLog()) is an OpenAI model id: if it reaches a request or a "
            "model check, DeepSeek will not know it; change it by hand",
        )
    ]


def test_a_test_literal_that_reaches_a_request_keeps_check_red(tmp_path, monkeypatch):
    """ask() sends its parameter as model=: ML204 maps the test's argument and apply writes
    it, with what the test's double records (the test keeps passing)."""
    project(tmp_path, {"pkg/chat.py": CHAT, "tests/test_chat.py": TEST_MOCKED})
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[0], f[1], f[2], f[3], f[4]) for f in found if f[0].startswith("tests/")] == [
        ("tests/test_chat.py", 7, "ML204", "warning", "review"),
        ("tests/test_chat.py", 8, "ML204", "warning", "review"),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert 'ask("deepseek-v4-pro", "hi")' in (tmp_path / "tests/test_chat.py").read_text()
    proc, blocked = pytest_offline(tmp_path, "tests")
    assert (proc.returncode, blocked) == (0, []), proc.stdout


def test_parametrized_cases_a_test_sends_itself_keep_check_red(tmp_path, monkeypatch):
    live = (
        "import pytest\nfrom openai import OpenAI\n\n\n"
        '@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4o-mini"])\n'
        "def test_live(model):\n"
        "    client = OpenAI()\n"
        "    assert client.chat.completions.create(model=model, messages=[]).choices\n"
    )
    project(tmp_path, {"tests/test_live.py": live})
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[1], f[2], f[3]) for f in found if f[2] == "ML205"] == [(5, "ML205", "warning")]


# t68c (ChemCrow's shape): the project's class hands the model straight to LangChain's class,
# which the project points at DashScope: a test's OpenAI model goes there
BOT = """import os

from langchain.chat_models import ChatOpenAI


class Bot:
    def __init__(self, model="qwen-plus"):
        self.llm = ChatOpenAI(
            {keyword}=model,
            openai_api_base="https://dashscope.aliyuncs.com/compatible-mode/v1",
            openai_api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
        )
"""
HANDED = """from langchain.chat_models import ChatOpenAI


def _make_llm(name, temp):
    return ChatOpenAI(model_name=name, temperature=temp)


class Agent:
    def __init__(self, tools=None, model="gpt-4-0613", temp=0.1):
        self.llm = _make_llm(model, temp)
"""
ML206 = (
    "model='gpt-3.5-turbo-0125' goes to {callee}, which is not an OpenAI SDK call, so apply "
    "leaves it; if it talks to DeepSeek, use a DeepSeek model there (the model table says "
    "'deepseek-flash')"
)


def _bot_tree(tmp_path: Path, keyword: str, imported: str, test: str = "tests/test_bot.py"):
    files = {
        "pkg/__init__.py": "from .agents import Bot\n",
        "pkg/agents/__init__.py": "from .bot import Bot\n",
        "pkg/agents/bot.py": BOT.format(keyword=keyword),
        test: f"{imported}\n\n\ndef test_bot():\n"
        f"    assert {'pkg.' if imported == 'import pkg' else ''}Bot("
        'model="gpt-3.5-turbo-0125").llm\n',
    }
    project(tmp_path, files)


def test_a_model_a_test_hands_the_projects_class_that_sends_it_is_a_warning(tmp_path, monkeypatch):
    """Before: ML205's note "test data" and check rc 0 while the model went to the provider;
    now as outside tests, ML206's warning (check rc 1), through the package's re-export."""
    _bot_tree(tmp_path, "model_name", "import pkg")
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[0], f[1], f[2], f[3], f[4], f[5]) for f in found] == [
        ("tests/test_bot.py", 5, "ML206", "warning", "manual", ML206.format(callee="pkg.Bot()"))
    ]


@pytest.mark.parametrize(
    ("keyword", "imported", "test"),
    [
        ("model", "import pkg", "tests/test_bot.py"),
        ("model_name", "from pkg.agents.bot import Bot", "tests/test_bot.py"),
        ("model_name", "from pkg import Bot", "tests/test_bot.py"),
        ("model_name", "from .bot import Bot", "pkg/agents/test_bot.py"),
    ],
)
def test_the_same_through_each_import(tmp_path, monkeypatch, keyword, imported, test):
    _bot_tree(tmp_path, keyword, imported, test)
    code, found = run(tmp_path, monkeypatch, "check")
    assert (code, [(f[0], f[2], f[3]) for f in found]) == (1, [(test, "ML206", "warning")])


def test_a_model_handed_on_to_a_function_that_sends_it_is_a_warning(tmp_path, monkeypatch):
    """ChemCrow: `ChemCrow(model=...)` -> `_make_llm(model, temp)` -> `ChatOpenAI(
    model_name=...)`; by position too, as ML205 outside tests."""
    test = (
        "from pkg.agent import Agent\n\n\ndef test_agent():\n"
        '    assert Agent(model="gpt-3.5-turbo-0125").llm\n'
        '    assert Agent(None, "gpt-3.5-turbo-0125").llm\n'
    )
    project(tmp_path, {"pkg/agent.py": HANDED, "tests/test_agent.py": test})
    code, found = run(tmp_path, monkeypatch, "check")
    assert code == 1
    assert [(f[1], f[2], f[3], f[6]) for f in found if f[0] == "tests/test_agent.py"] == [
        (5, "ML206", "warning", {}),
        (6, "ML205", "warning", {}),
    ]


def test_a_model_stored_for_other_methods_stays_test_data(tmp_path, monkeypatch):
    """gpt-engineer's `AI("gpt-4")` keeps its name on `self` and builds its model elsewhere,
    which the test replaces (t58c): still a note."""
    stored = (
        "class AI:\n    def __init__(self, model_name):\n        self.model_name = model_name\n\n"
        "    def llm(self, make):\n        return make(model=self.model_name)\n"
    )
    test = 'from pkg.ai import AI\n\n\ndef test_ai():\n    assert AI("gpt-4").model_name\n'
    project(tmp_path, {"pkg/ai.py": stored, "tests/test_ai.py": test})
    assert run(tmp_path, monkeypatch, "check")[0] == 0
    found = run(tmp_path, monkeypatch, "scan")[1]
    assert [(f[0], f[2], f[3], f[6]) for f in found if f[0].startswith("tests/")] == [
        ("tests/test_ai.py", "ML205", "note", {"test_data": True})
    ]


def test_an_edit_to_the_callees_module_alone_rekeys_the_cached_result(tmp_path, monkeypatch):
    """Before: cached, the test's result stayed ML206 after pkg/agents/bot.py alone stopped
    sending the model it is given (the test's bytes unchanged); `--no-cache` said ML205."""
    root = tmp_path / "p"
    _bot_tree(root, "model_name", "import pkg")
    monkeypatch.chdir(root)

    def rules(*cache: str) -> list[tuple[str, str]]:
        args = ["scan", ".", "-p", "deepseek", "--format", "json", *cache]
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 0, done.stderr
        found = json.loads(done.stdout)["findings"]
        return [
            (f["path"], f["rule"])
            for f in found
            if f["rule"] in ("ML205", "ML206") and f["path"] == "tests/test_bot.py"
        ]

    cache = ("--cache-dir", str(tmp_path / "cache"))
    assert rules(*cache) == [("tests/test_bot.py", "ML206")]
    bot = root / "pkg" / "agents" / "bot.py"
    bot.write_text(bot.read_text().replace("model_name=model", 'model_name="qwen-plus"'))
    assert rules(*cache) == rules("--no-cache") == [("tests/test_bot.py", "ML205")]


def test_a_model_sent_to_the_programs_own_server_or_a_tokenizer_stays_test_data(
    tmp_path, monkeypatch
):
    """Before: ML206 (check rc 1) for a callee handing the model to a client of a server on
    this machine (ML601 leaves it) or to tiktoken's tokenizer (ML207's to tell)."""
    project(
        tmp_path,
        {
            "pkg/bot.py": "from langchain_openai import ChatOpenAI\n\n\nclass Bot:\n"
            "    def __init__(self, model):\n        self.llm = ChatOpenAI(\n"
            '            model_name=model, base_url="http://localhost:8000/v1", '
            'api_key="EMPTY"\n        )\n',
            "pkg/tok.py": "import tiktoken\n\n\ndef count(text, model):\n"
            "    return len(tiktoken.encoding_for_model(model_name=model).encode(text))\n",
            "tests/test_bot.py": "from pkg.bot import Bot\nfrom pkg.tok import count\n\n\n"
            'def test_bot():\n    assert Bot(model="gpt-4o").llm\n\n\n'
            'def test_count():\n    assert count("hi", model="gpt-4o") == 1\n',
        },
    )
    code, found = run(tmp_path, monkeypatch, "scan")
    assert (code, [(f[1], f[2], f[3]) for f in found if f[0] == "tests/test_bot.py"]) == (
        0,
        [(6, "ML205", "note"), (10, "ML205", "note")],
    )
