"""A key field of the project whose default ML401 switches (xiaogpt's `Config.openai_key =
os.getenv("OPENAI_API_KEY", "")`), handed to a client in another module whose base URL may be
None (t49d defect 1: apply switched the key and left OpenAI's URL, so the DeepSeek key went to
api.openai.com), or stored by the program in OPENAI_API_KEY for a LangChain class in a third
module (t49d defect 3: the migrated class read `os.environ["DEEPSEEK_API_KEY"]` and raised
KeyError). The key and the base URL move together; the read does not raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import MOVES_OPENAI_KEY, facts_of, key_flow_of

from .cli_findings import finding_rows, run_json
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # files named as shown from the current directory


CONFIG = (
    "import os\nfrom dataclasses import dataclass\n\n\n@dataclass\nclass Config:\n"
    '    openai_key: str = os.getenv("OPENAI_API_KEY", "")\n    api_base: str | None = None\n'
)
DATACLASS_BOT = (
    "import dataclasses\n\nimport openai\n\n\n@dataclasses.dataclass\nclass Bot:\n"
    "    openai_key: str\n    api_base: str | None = None\n\n    def client(self):\n"
    "        return openai.AsyncOpenAI(api_key=self.openai_key, base_url=self.api_base)\n\n"
    "    @classmethod\n    def from_config(cls, config):\n"
    "        return cls(openai_key=config.openai_key, api_base=config.api_base)\n"
)
INIT_BOT = (
    "import openai\n\n\nclass Bot:\n"
    "    def __init__(self, openai_key: str, api_base: str | None = None):\n"
    "        self.openai_key = openai_key\n        self.api_base = api_base\n\n"
    "    def client(self):\n"
    "        return openai.AsyncOpenAI(api_key=self.openai_key, base_url=self.api_base)\n\n"
    "    @classmethod\n    def from_config(cls, config):\n"
    "        return cls(openai_key=config.openai_key, api_base=config.api_base)\n"
)
CLIENT_AFTER = (
    "        return openai.AsyncOpenAI(\n"
    '            api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
    "            if not self.api_base\n"
    "            else (\n"
    "                self.openai_key\n"
    "                or (\n"
    '                    os.environ.get("DEEPSEEK_API_KEY", "unset")\n'
    '                    if str(self.api_base).rstrip("/").lower()\n'
    "                    in (\n"
    '                        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
    '                        .rstrip("/")\n'
    "                        .lower(),\n"
    '                        "https://api.deepseek.com",\n'
    '                        "https://api.deepseek.com/v1",\n'
    '                        "https://api.deepseek.com/beta",\n'
    "                    )\n"
    "                    else self.openai_key\n"
    "                )\n"
    "            ),\n"
    "            base_url=self.api_base\n"
    '            or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "        )\n"
)
ML003 = (
    "AsyncOpenAI() takes its base URL from `self.api_base` at run time (OpenAI's when that is "
    "None) and its key from `self.openai_key` (`openai_key` of config.py, which apply makes "
    "read DEEPSEEK_API_KEY); for DeepSeek it falls back to DEEPSEEK_BASE_URL (default "
    "https://api.deepseek.com), its key DEEPSEEK_API_KEY where no URL is given, in place of "
    "`self.openai_key` (given for OpenAI's URL, it must not go to DeepSeek's), and "
    "DEEPSEEK_API_KEY when `self.openai_key` is empty where the URL given is "
    "DeepSeek's (its variable's value or its URL in any spelling); another server keeps the key "
    "the program gives it, which must be a "
    "DeepSeek key on DeepSeek's URL"
)


def _scan(root: Path) -> list[tuple[str, int, str, str, str]]:
    code, report = run_json("scan", str(root), "-p", "deepseek", "--no-cache")
    assert code == 0, report
    found = finding_rows(report, "path", "line", "rule", "fix", "message")
    return [(Path(path).name, *rest) for path, *rest in found]


def _apply_and_check(root: Path) -> int:
    runner = CliRunner()
    done = runner.invoke(app, ["apply", str(root), "-p", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    again = runner.invoke(app, ["apply", str(root), "-p", "deepseek", "--diff", "--no-cache"])
    assert again.exit_code == 0 and again.stdout == ""  # idempotent
    return runner.invoke(app, ["check", str(root), "-p", "deepseek", "--no-cache"]).exit_code


@pytest.mark.parametrize("bot", [DATACLASS_BOT, INIT_BOT], ids=["dataclass", "init"])
def test_the_key_and_the_base_url_move_together(tmp_path: Path, bot: str):
    (tmp_path / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "bot.py").write_text(bot, encoding="utf-8")
    line = bot.splitlines().index(
        "        return openai.AsyncOpenAI(api_key=self.openai_key, base_url=self.api_base)"
    )
    assert _scan(tmp_path) == [
        ("bot.py", line + 1, "ML003", "review", ML003),
        (
            "config.py",
            7,
            "ML401",
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not copied)",
        ),
    ]
    assert _apply_and_check(tmp_path) == 0
    after = bot.replace(
        "        return openai.AsyncOpenAI(api_key=self.openai_key, base_url=self.api_base)\n",
        CLIENT_AFTER,
    )
    head = "import dataclasses\nimport os\n" if bot is DATACLASS_BOT else "import os\n\n"
    after = after.replace("import dataclasses\n" if bot is DATACLASS_BOT else "", head, 1)
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == after
    assert (tmp_path / "config.py").read_text(encoding="utf-8") == CONFIG.replace(
        "OPENAI_API_KEY", "DEEPSEEK_API_KEY"
    )


def test_without_the_field_the_openai_named_key_stays_left(tmp_path: Path):
    """Where no module of the project shows where `config.openai_key` comes from, it may hold
    the OpenAI key: no fallback to the provider's URL (as before)."""
    (tmp_path / "bot.py").write_text(DATACLASS_BOT, encoding="utf-8")
    [(_, _, rule, fix, message)] = _scan(tmp_path)
    assert (rule, fix) == ("ML003", "manual")
    assert "(OPENAI_API_KEY when that is None)" in message


BOT_STORES = (
    "import os\n\nfrom chain import make_llm\n\n\nclass Bot:\n"
    "    def __init__(self, openai_key: str):\n"
    '        os.environ["OPENAI_API_KEY"] = openai_key\n\n'
    "    @classmethod\n    def from_config(cls, config):\n"
    "        return cls(openai_key=config.openai_key)\n\n    def ask(self):\n"
    "        return make_llm()\n"
)
STORES_UNKNOWN = (
    'import os\n\nfrom chain import make_llm\n\n\ndef start(key):\n    os.environ["OPENAI_API_KEY"]'
    " = key\n    return make_llm()\n"
)
CHAIN = (
    "from langchain_community.chat_models import ChatOpenAI\n\n\ndef make_llm():\n"
    '    return ChatOpenAI(model="gpt-4o-mini")\n'
)
CHAIN_AFTER = (
    "import os\n\nfrom langchain_community.chat_models import ChatOpenAI\n\n\ndef make_llm():\n"
    "    return ChatOpenAI(\n"
    '        openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '        openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    '        model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}},\n'
    '        tiktoken_model_name="gpt-4o-mini",\n        model="deepseek-flash",\n    )\n'
)


def test_a_stored_key_field_goes_to_the_provider_variable(tmp_path: Path):
    (tmp_path / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "bot.py").write_text(BOT_STORES, encoding="utf-8")
    (tmp_path / "chain.py").write_text(CHAIN, encoding="utf-8")
    found = {(name, rule): (fix, message) for name, _, rule, fix, message in _scan(tmp_path)}
    assert found[("bot.py", "ML404")] == (
        "review",
        "sets OPENAI_API_KEY to `openai_key`, which holds `openai_key` of config.py, whose "
        "default apply makes read DEEPSEEK_API_KEY: it goes to DEEPSEEK_API_KEY, which migrated "
        "code reads; it must be DeepSeek's key",
    )
    assert (
        "bot.py stores a key in OPENAI_API_KEY, which it read: it reads DEEPSEEK_API_KEY"
        in (found[("chain.py", "ML601")][1])
    )
    assert _apply_and_check(tmp_path) == 0
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == BOT_STORES.replace(
        '"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"'
    )
    assert (tmp_path / "chain.py").read_text(encoding="utf-8") == CHAIN_AFTER


def test_a_key_of_unknown_origin_stored_is_left_and_the_read_does_not_raise(tmp_path: Path):
    (tmp_path / "bot.py").write_text(STORES_UNKNOWN, encoding="utf-8")
    (tmp_path / "chain.py").write_text(CHAIN, encoding="utf-8")
    assert _apply_and_check(tmp_path) == 1  # ML404 left: the value may be OpenAI's key
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == STORES_UNKNOWN
    assert (tmp_path / "chain.py").read_text(encoding="utf-8") == CHAIN_AFTER


@pytest.mark.parametrize(
    ("text", "fields", "stores", "settings"),
    [
        (CONFIG, {("openai_key", "m.py")}, False, set()),
        (
            'class C:\n    key: str = os.environ.get("OPENAI_API_KEY")\n',
            {("key", "m.py")},
            False,
            set(),
        ),
        # not a class's field: a module's setting of OpenAI's key (`openai_key_settings`)
        ('key: str = os.getenv("OPENAI_API_KEY")\n', set(), False, {("key", "OPENAI_API_KEY")}),
        # and of OpenAI's base-URL variable, or of another key variable (`settings_left`)
        (
            'BASE = os.getenv("OPENAI_API_BASE", None)\n',
            set(),
            False,
            {("BASE", "OPENAI_API_BASE")},
        ),
        (  # as apply leaves the first
            'OPENAI_API_KEY = os.environ["ZAI_API_KEY"]  # set\n',
            set(),
            False,
            {("OPENAI_API_KEY", "ZAI_API_KEY")},
        ),
        ('class C:\n    key: str = os.getenv("AZURE_OPENAI_API_KEY")\n', set(), False, set()),
        ('os.environ["OPENAI_API_KEY"] = key\n', set(), True, set()),
        ('os.environ.setdefault("OPENAI_API_KEY", key)\n', set(), True, set()),
        ('if os.environ["OPENAI_API_KEY"] == key:\n    pass\n', set(), False, set()),
    ],
)
def test_what_the_key_flow_facts_find(text: str, fields: set, stores: bool, settings: set):
    data = f"import os\n{text}".encode()
    flagged = bool(facts_of("python", data, True, True, None) & MOVES_OPENAI_KEY)
    assert flagged is bool(fields or stores or settings)
    assert key_flow_of("m.py", data) == (fields, stores, set(), settings)


MAIN = (
    "import asyncio\n\nfrom bot import Bot\nfrom config import Config\n\n\n"
    "async def main():\n    client = Bot.from_config(Config()).client()\n"
    '    reply = await client.chat.completions.create(model="deepseek-flash", messages=[])\n'
    "    print(reply.choices[0].message.content)\n\n\nasyncio.run(main())\n"
)


def test_the_applied_program_sends_the_key_to_the_provider(tmp_path: Path):
    (tmp_path / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "bot.py").write_text(DATACLASS_BOT, encoding="utf-8")
    assert _apply_and_check(tmp_path) == 0
    (tmp_path / "main.py").write_text(MAIN, encoding="utf-8")
    server = LoopbackServer().start()
    try:
        env = {"DEEPSEEK_API_KEY": "deepseek-key", "DEEPSEEK_BASE_URL": server.base}
        proc, blocked = run_guarded("main.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert request.path == "/chat/completions"
    assert request.headers["authorization"] == "Bearer deepseek-key"
