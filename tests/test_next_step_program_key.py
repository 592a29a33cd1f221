"""apply's closing "Next:" line names where the program keeps the key it hands a client
apply pointed at the provider (ML003's `program_key`): the provider's key must go there."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
CONFIG = 'import os\n\nopenai_api_key = os.environ.get("APP_KEY", "")\nopenai_api_base = None\n'
FROM_CONFIG = (
    "from openai import OpenAI\n\nfrom pkg import config\n\n"
    "client = OpenAI(api_key=config.openai_api_key, base_url=config.openai_api_base)\n"
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


def test_a_key_from_another_modules_setting_is_named_where_nothing_reads_the_providers(
    tmp_path, monkeypatch
):
    assert last_line(tmp_path, FROM_CONFIG, monkeypatch) == (
        "Next: put your Acme Cloud key where the program keeps the key it hands this client: "
        "`config.openai_api_key` (pkg/bot.py:5:10); an OpenAI key left there would be sent to "
        "the provider."
    )


def test_a_key_with_the_providers_fallback_is_named_after_the_export(tmp_path, monkeypatch):
    assert last_line(tmp_path, FROM_PARAMETER, monkeypatch) == (
        f"{EXPORT} Put your Acme Cloud key where the program keeps the key it hands this "
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
