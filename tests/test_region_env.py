"""`[region_env]`: a region whose accounts are separate has its own key variable, and every
place migrate-llm names the key (client code, .env files, verify, the next-step hint)
follows `--region`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.cli_support.verify_env import Endpoint, endpoint_from_env
from migrate_llm.edits import apply_edits
from migrate_llm.engine import FileScanner
from migrate_llm.errors import MigrateError, ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import TINY_PROVIDER

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ACME_DIR = Path(__file__).parent / "fixtures" / "providers"

MINIMAL = (
    TINY_PROVIDER
    + """default_region = "cn"

[regions]
cn = "https://api.tiny.example/v1"
intl = "https://intl.tiny.example/v1"
"""
)

CLIENT = (
    "import os\n"
    "from openai import OpenAI\n"
    'c = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'
    'c.chat.completions.create(model="gpt-4o", messages=[])\n'
)


def client_after(key_env: str, url: str) -> str:
    return (
        "import os\n"
        "from openai import OpenAI\n"
        "c = OpenAI(\n"
        f'    base_url=os.environ.get("ACME_BASE_URL", "{url}"),\n'
        f'    api_key=os.environ.get("{key_env}", "unset"),\n'
        ")\n"
        'c.chat.completions.create(model="acme-large", messages=[])\n'
    )


def parsed(extra: str):
    return parse_provider(tomllib.loads(MINIMAL + extra), "providers/tiny.toml")


# --- the table ---------------------------------------------------------------------------


def test_region_env_is_read_and_shown():
    tiny = parsed('[region_env]\ncn = "TINY_API_KEY"\nintl = "TINY_INTL_API_KEY"\n')
    assert tiny.region_env == {"cn": "TINY_API_KEY", "intl": "TINY_INTL_API_KEY"}
    assert tiny.to_json()["region_env"] == {"cn": "TINY_API_KEY", "intl": "TINY_INTL_API_KEY"}
    assert [tiny.key_env_for(r) for r in (None, "cn", "intl")] == [
        "TINY_API_KEY",
        "TINY_API_KEY",
        "TINY_INTL_API_KEY",
    ]
    assert tiny.in_region("cn") is tiny
    assert tiny.in_region("intl").api_key_env == "TINY_INTL_API_KEY"


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            '[region_env]\nmars = "TINY_MARS_KEY"\n',
            "providers/tiny.toml: region_env.mars: 'mars' is not in [regions]",
        ),
        (
            '[region_env]\nintl = "tiny-key"\n',
            "providers/tiny.toml: region_env.intl: 'tiny-key' is not an environment variable name",
        ),
        (
            '[region_env]\ncn = "TINY_CN_API_KEY"\n',
            "providers/tiny.toml: region_env.cn: the default region's variable must equal "
            "api_key_env",
        ),
        (
            "[region_env]\nintl = 3\n",
            "providers/tiny.toml: region_env.intl: expected a non-empty string",
        ),
    ],
)
def test_a_malformed_table_names_the_file_and_the_key(extra, error):
    with pytest.raises(ProviderError) as failed:
        parsed(extra)
    assert str(failed.value) == error


# --- what migrated code reads ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "key_env", "url"),
    [
        (None, "ACME_API_KEY", "https://api.acme.example/v1"),
        ("intl", "ACME_API_KEY", "https://intl.acme.example/v1"),  # no region_env entry
        ("eu", "ACME_EU_API_KEY", "https://eu.acme.example/v1"),
    ],
)
def test_client_code_reads_the_key_of_the_region(registry, region, key_env, url):
    ctx = RuleContext(registry, registry.get("acme"), region)
    change = FileScanner(ctx, Path(".")).migrate_text(CLIENT, "python", "app.py", "app.py")
    assert change.after == client_after(key_env, url)


def test_dotenv_gets_the_key_variable_of_the_region(registry):
    text = "OPENAI_API_KEY=sk-test-placeholder\nOPENAI_BASE_URL=https://api.openai.com/v1\n"
    ctx = RuleContext(registry, registry.get("acme"), "eu")
    findings = check_config(".env", text, ctx)
    after, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    assert after == (
        "OPENAI_API_KEY=sk-test-placeholder\n"
        "# ACME_EU_API_KEY=\n"
        "ACME_BASE_URL=https://eu.acme.example/v1\n"
    )


def test_verify_reads_the_key_of_the_region(registry):
    acme = registry.get("acme")
    environ = {"ACME_API_KEY": "k-default", "ACME_EU_API_KEY": "k-eu"}
    assert endpoint_from_env(acme, "eu", environ) == Endpoint("https://eu.acme.example/v1", "k-eu")
    assert endpoint_from_env(acme, None, environ).api_key == "k-default"
    with pytest.raises(MigrateError) as missing:
        endpoint_from_env(acme, "eu", {"ACME_API_KEY": "k-default"})
    assert str(missing.value) == (
        "ACME_EU_API_KEY is not set: export ACME_EU_API_KEY=<your Acme Cloud key>"
    )


def test_apply_with_a_region_writes_the_region_key_variable(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(CLIENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        [
            "apply",
            "app.py",
            "--provider",
            "acme",
            "--providers-dir",
            str(ACME_DIR),
            "--region",
            "eu",
            "--yes",
        ],
    )
    assert result.exit_code == 0, result.output
    written = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert written == client_after("ACME_EU_API_KEY", "https://eu.acme.example/v1")
    assert "export ACME_EU_API_KEY=<your Acme Cloud key>" in result.output


# --- the built-in data -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "key_env"),
    [
        (None, "SILICONFLOW_CN_API_KEY"),
        ("cn", "SILICONFLOW_CN_API_KEY"),
        ("intl", "SILICONFLOW_API_KEY"),
    ],
)
def test_siliconflow_keys_differ_between_its_sites(registry, region, key_env):
    ctx = RuleContext(registry, registry.get("siliconflow"), region)
    change = FileScanner(ctx, Path(".")).migrate_text(CLIENT, "python", "app.py", "app.py")
    assert f'api_key=os.environ.get("{key_env}", "unset"),\n' in change.after


def test_providers_show_lists_the_key_variable_of_each_region(registry):
    from rich.console import Console

    from migrate_llm.report import provider_details

    console = Console(record=True, width=200)
    provider_details(registry.get("acme"), console)
    lines = console.export_text().splitlines()
    assert "  key variable       ACME_API_KEY" in lines
    assert "  key variable eu    ACME_EU_API_KEY" in lines
