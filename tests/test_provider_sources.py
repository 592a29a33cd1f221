"""Every provider fact has a source a reader can follow (`[sources]`), shown by `providers show`."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.errors import ProviderError
from migrate_llm.provider_sources import newest_date, unsourced
from migrate_llm.registry import builtin_providers_dir, load_registry, parse_provider

from .conftest import TINY_PROVIDER

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUILTIN = sorted(
    e.name[: -len(".toml")] for e in builtin_providers_dir().iterdir() if e.name.endswith(".toml")
)


def _raw(pid: str) -> dict:
    return tomllib.loads((builtin_providers_dir() / f"{pid}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pid", BUILTIN)
def test_every_fact_of_a_builtin_provider_has_a_source(pid):
    provider = load_registry().get(pid)
    assert unsourced(_raw(pid), provider.sources) == []


@pytest.mark.parametrize("pid", BUILTIN)
def test_as_of_is_the_date_of_the_newest_fact(pid):
    provider = load_registry().get(pid)
    assert provider.as_of == newest_date(provider.sources)


MINIMAL = (
    TINY_PROVIDER
    + """notes = ["Keys expire after 30 days.", "Answers are in English only."]

[models]
"gpt-4o" = "tiny-large"
"gpt-4.1*" = "tiny-large"

[params]
max_tokens_param = "max_tokens"
seed = false

[uncertain]
"models.gpt-4.1*" = "one forum post"
"""
)

SOURCES = """
[sources]
base_url = { url = "https://tiny.example/docs/quickstart", date = 2026-10-01, kind = "official" }
api_key_env = { url = "https://tiny.example/docs/quickstart", date = 2026-10-01, kind = "official" }
base_url_env = { convention = "migrate-llm names it <PREFIX>_BASE_URL; Tiny has no such variable" }
models = { convention = "OpenAI names mapped onto Tiny's tiers" }
"models.gpt-4.1*" = { url = "https://forum.tiny.example/t/41", retrieved = 2026-11-30, quote = "4.1 goes to large" }
params = { url = "https://tiny.example/docs/api", date = 2026-09-12 }
"notes.0" = { url = "https://tiny.example/docs/keys", retrieved = 2026-11-30 }
"notes.1" = [
    { url = "https://tiny.example/docs/languages", date = 2025-01-02 },
    { url = "https://blog.example/tiny-review", retrieved = 2026-11-30, kind = "third-party" },
]
"""


def _parse(text: str):
    return parse_provider(tomllib.loads(text), "tiny.toml", "tiny")


def test_a_table_key_covers_its_entries_and_a_dotted_model_name_is_one_key():
    data = tomllib.loads(MINIMAL + SOURCES)
    provider = _parse(MINIMAL + SOURCES)
    assert unsourced(data, provider.sources) == []
    assert [s.url for s in provider.source_of("models", "gpt-4.1*")] == [
        "https://forum.tiny.example/t/41"
    ]
    assert [s.convention for s in provider.source_of("models", "gpt-4o")] == [
        "OpenAI names mapped onto Tiny's tiers"
    ]
    assert provider.source_of("params", "seed")[0].date == dt.date(2026, 9, 12)
    assert len(provider.source_of("notes", "1")) == 2
    assert newest_date(provider.sources) == dt.date(2026, 10, 1)


def test_facts_without_a_source_are_named():
    text = MINIMAL + SOURCES.replace('"notes.0" = ', "# ").replace("params = ", "# ")
    provider = _parse(text)
    assert unsourced(tomllib.loads(text), provider.sources) == [
        "notes.0",
        "params.max_tokens_param",
        "params.seed",
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            'api_key_env = { url = "https://a.example/k" }',
            "sources.api_key_env: give the page's date, or retrieved = <day read> when it has none",
        ),
        (
            'api_key_env = { url = "shared/research/providers.md", date = 2026-01-01 }',
            "sources.api_key_env: url must be an https:// address a reader can open, "
            "got 'shared/research/providers.md'",
        ),
        (
            'api_key_env = { url = "https://a.example/k", date = "undated" }',
            "sources.api_key_env: date must be a date such as 2026-11-30",
        ),
        (
            'api_key_env = { url = "https://a.example/k", date = 2026-01-01, confidence = "high" }',
            "sources.api_key_env: unknown key 'confidence' (known: date, kind, quote, retrieved, url)",
        ),
        (
            'api_key_env = { url = "https://a.example/k", date = 2026-01-01, kind = "blog" }',
            "sources.api_key_env: kind must be one of official, official-sdk, third-party",
        ),
        (
            'api_key_env = { convention = "ours", url = "https://a.example/k" }',
            "sources.api_key_env: a convention is one non-empty string and nothing else",
        ),
        (
            '"notes.2" = { url = "https://a.example/n", date = 2026-01-01 }',
            "sources.notes.2: names no fact of this file",
        ),
        (
            '"tiers.flagship" = { url = "https://a.example/t", date = 2026-01-01 }',
            "sources.tiers.flagship: names no fact of this file",
        ),
        (
            'detect = { url = "https://a.example/t", date = 2026-01-01 }',
            "sources.detect: names no fact of this file",
        ),
        ("api_key_env = []", "sources.api_key_env: expected at least one source"),
    ],
)
def test_a_broken_source_is_one_error_naming_file_and_key(line, problem):
    with pytest.raises(ProviderError) as caught:
        _parse(MINIMAL + "\n[sources]\n" + line + "\n")
    assert str(caught.value) == f"tiny.toml: {problem}"


def test_providers_show_numbers_each_fact_source_and_lists_them(tmp_path):
    (tmp_path / "tiny.toml").write_text(MINIMAL + SOURCES, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        app, ["providers", "--providers-dir", str(tmp_path), "show", "tiny"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\nEndpoint\n", 1)[1] == (
        "  base URL           https://api.tiny.example/v1  [1]\n"
        "  key variable       TINY_API_KEY  [1]\n"
        "  base-URL variable  TINY_BASE_URL  [2]\n"
        "  aliases            -\n"
        "  docs               https://tiny.example/docs\n"
        "  facts as of        2026-10-01\n"
        "\nOpenAI model -> provider model\n"
        "  gpt-4o    tiny-large  [3]\n"
        "  gpt-4.1*  tiny-large  [4] *\n"
        "\nParameters\n"
        '  max_tokens_param  "max_tokens"  [5]\n'
        "  seed              false  [5]\n"
        "\nNotes\n"
        "  - Keys expire after 30 days.  [6]\n"
        "  - Answers are in English only.  [7,8]\n"
        "\nUncertain facts (marked *)\n"
        "  models.gpt-4.1*  one forum post\n"
        "\nSources\n"
        "  [1] https://tiny.example/docs/quickstart (dated 2026-10-01, official)\n"
        "  [2] migrate-llm convention: migrate-llm names it <PREFIX>_BASE_URL; Tiny has no such"
        " variable\n"
        "  [3] migrate-llm convention: OpenAI names mapped onto Tiny's tiers\n"
        '  [4] https://forum.tiny.example/t/41 (undated, retrieved 2026-11-30) "4.1 goes to'
        ' large"\n'
        "  [5] https://tiny.example/docs/api (dated 2026-09-12)\n"
        "  [6] https://tiny.example/docs/keys (undated, retrieved 2026-11-30)\n"
        "  [7] https://tiny.example/docs/languages (dated 2025-01-02)\n"
        "  [8] https://blog.example/tiny-review (undated, retrieved 2026-11-30, third-party)\n"
    )


def test_providers_show_json_carries_the_sources(tmp_path):
    (tmp_path / "tiny.toml").write_text(MINIMAL + SOURCES, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["providers", "--providers-dir", str(tmp_path), "show", "tiny", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sources"]["models.gpt-4.1*"] == [
        {
            "url": "https://forum.tiny.example/t/41",
            "retrieved": "2026-11-30",
            "quote": "4.1 goes to large",
        }
    ]
    assert data["sources"]["base_url_env"] == [
        {"convention": "migrate-llm names it <PREFIX>_BASE_URL; Tiny has no such variable"}
    ]
