"""apply's closing "Next:" line names where the program keeps the key it hands a client
apply pointed at the provider (ML001's and ML003's `program_key`): the provider's key must go
there."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .apply_summary import placeholder_step
from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
CONFIG = 'import os\n\nllm_api_key = os.environ.get("APP_KEY", "")\nllm_api_base = None\n'
FROM_CONFIG = (
    "from openai import OpenAI\n\nfrom pkg import config\n\n"
    "client = OpenAI(api_key=config.llm_api_key, base_url=config.llm_api_base)\n"
)
FROM_PARAMETER = (
    "from openai import OpenAI\n\n\ndef make(cfg):\n"
    "    return OpenAI(api_key=cfg.key, base_url=cfg.url)\n"
)
EXPORT = (
    "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
    "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
    "test server)."
)


def export(*reads: str) -> str:
    """EXPORT where apply wrote key reads with the placeholder "unset" (`reads`): a kept key's
    fallback, read where the program hands the client none."""
    key, rest = EXPORT.split(" ACME_BASE_URL ", 1)
    return f"{key} {placeholder_step('Acme Cloud', *reads)} ACME_BASE_URL {rest}"


def last_line(tmp_path: Path, bot: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The last line `apply --yes` prints for a package holding `bot` beside its config, run
    in `tmp_path`."""
    monkeypatch.chdir(tmp_path)
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "config.py").write_text(CONFIG)
    (package / "bot.py").write_text(bot)
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    return done.stderr.splitlines()[-1]


def test_a_key_from_another_modules_setting_is_named_after_the_providers_read(
    tmp_path, monkeypatch
):
    # t59g: where the client gets the provider's URL, the provider's key goes with it
    assert last_line(tmp_path, FROM_CONFIG, monkeypatch) == (
        f"{export('pkg/bot.py:8')} Put your Acme Cloud key where the program keeps the key it "
        "hands this client: `config.llm_api_key` (pkg/bot.py:5:10); an OpenAI key left there "
        "would be sent to the provider."
    )


def test_a_key_with_the_providers_fallback_is_named_after_the_export(tmp_path, monkeypatch):
    assert last_line(tmp_path, FROM_PARAMETER, monkeypatch) == (
        f"{export('pkg/bot.py:8', 'pkg/bot.py:13')} Put your Acme Cloud key where the program keeps the key it hands this "
        "client: `cfg.key` (pkg/bot.py:5:12); an OpenAI key left there would be sent to the "
        "provider."
    )


def test_past_three_keys_the_line_counts_the_rest(tmp_path, monkeypatch):
    functions = "".join(
        f"\n\ndef make_{n}(cfg):\n    return OpenAI(api_key=cfg.key_{n}, base_url=cfg.url)\n"
        for n in range(5)
    )
    line = last_line(tmp_path, "from openai import OpenAI\n" + functions, monkeypatch)
    assert line.endswith(
        "hands these clients: `cfg.key_0` (pkg/bot.py:5:12), `cfg.key_1` (pkg/bot.py:9:12), "
        "`cfg.key_2` (pkg/bot.py:13:12) and 2 more (see Review); an OpenAI key left there "
        "would be sent to the provider."
    )


def test_a_key_ml001_keeps_is_named_after_the_export(tmp_path, monkeypatch):
    bot = (
        "from openai import OpenAI\n\n\nclass Chat:\n    def __init__(self, config):\n"
        '        if "api_key" in config:\n'
        '            self.client = OpenAI(api_key=config["api_key"])\n'
    )
    assert last_line(tmp_path, bot, monkeypatch) == (
        f"{export('pkg/bot.py:11')} Put your Acme Cloud key where the program keeps the key it "
        'hands this client: `config["api_key"]` (pkg/bot.py:7:27); an OpenAI key left there would be sent '
        "to the provider."
    )


def test_a_kept_key_in_a_built_dict_or_set_after_construction_is_named_once_each(
    tmp_path, monkeypatch
):
    bot = (
        "from openai import OpenAI\n\n\ndef make(cfg):\n"
        '    kw = {"api_key": cfg.key, "timeout": 5}\n    return OpenAI(**kw)\n\n\n'
        "def later(cfg):\n    c = OpenAI()\n    c.api_key = cfg.other\n    return c\n"
    )
    # later()'s client is built in a function: apply wrote os.environ[...] there (t62d)
    strict = (
        ' The one it wrote as os.environ["ACME_API_KEY"] (pkg/bot.py:17) stops the program with '
        "KeyError instead. ACME_BASE_URL "
    )
    assert last_line(tmp_path, bot, monkeypatch) == (
        f"{export('pkg/bot.py:9', 'pkg/bot.py:20').replace(' ACME_BASE_URL ', strict)} Put "
        "your Acme Cloud key where the program "
        "keeps the key it hands these clients: `cfg.key` (pkg/bot.py:6:12), `cfg.other` (pkg/bot.py:11:5); an OpenAI key "
        "left there would be sent to the provider."
    )


def test_a_key_from_the_environment_is_not_named(tmp_path, monkeypatch):
    bot = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n"
        '    return OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    assert last_line(tmp_path, bot, monkeypatch) == EXPORT


def test_a_key_from_a_setting_named_for_openai_is_left_not_named(tmp_path, monkeypatch):
    """`config.openai_api_key` is most likely the OpenAI key: the client is left (ML003,
    manual), so the line names no key to replace."""
    bot = FROM_CONFIG.replace("config.llm_api_key", "config.openai_api_key")
    assert "Next: put your" not in last_line(tmp_path, bot, monkeypatch)
    assert (tmp_path / "pkg" / "bot.py").read_text() == bot


def test_a_key_a_framework_class_keeps_is_named_beside_the_clients(tmp_path, monkeypatch):
    """LLMTest_NeedleInAHaystack (t48f): the evaluator's ChatOpenAI keeps the key the program
    hands it as the model's client does; the line named only the client's, and the OpenAI key
    the README says to put in the evaluator's variable went to the provider."""
    bot = (
        "from langchain_openai import ChatOpenAI\nfrom openai import OpenAI\n\n\n"
        "def make(cfg):\n    return OpenAI(api_key=cfg.key, base_url=cfg.url)\n\n\n"
        "def judge(cfg):\n    return ChatOpenAI(model=cfg.model, api_key=cfg.judge_key)\n"
    )
    assert last_line(tmp_path, bot, monkeypatch) == (
        f"{export('pkg/bot.py:9', 'pkg/bot.py:14', 'pkg/bot.py:34')} Put your Acme Cloud key where the program "
        "keeps the key it hands these clients: `cfg.key` (pkg/bot.py:6:12), `cfg.judge_key` (pkg/bot.py:10:12); an OpenAI "
        "key left there would be sent to the provider."
    )
