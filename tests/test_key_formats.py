"""ML405: a check of a key against OpenAI's key format, tested with a made-up key of the
provider's documented shape; and the `key_example` fact itself, never shown as a key."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

ACME_MISMATCH = (
    "tests a key against OpenAI's key format: Acme Cloud's keys "
    '("acme-" + 32 characters) do not match it; accept the provider\'s key format'
)


def findings(registry, text: str, provider=None, rule: str = "ML405"):
    if isinstance(provider, str):
        provider = registry.get(provider)
    ctx = RuleContext(registry, provider)
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def test_an_openai_key_pattern_rejects_the_providers_key(registry):
    text = (
        'import re\n\n\ndef ok(key):\n    return bool(re.fullmatch(r"sk-[A-Za-z0-9]{48}", key))\n'
    )
    assert findings(registry, text, "acme") == [
        (
            5,
            "warning",
            "manual",
            ACME_MISMATCH,
            {"pattern": "sk-[A-Za-z0-9]{48}", "key_shape": '"acme-" + 32 characters'},
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        'import re\nre.search("^sk-\\\\w{48}$", key)\n',
        'import re\nre.match(r"sk-proj-[A-Za-z0-9_-]+", key)\n',
        'import re\nPATTERN = r"^sk-[a-zA-Z0-9]{48}$"\nre.match(PATTERN, key)\n',
        'from re import compile as rx\nKEY = rx((r"sk-[a-z0-9]{48}$|" r"sk-proj-\\S{20,}$"))\n',
        'import re\nre.match(pattern=r"sk-.{48}$", string=key)\n',
    ],
)
def test_the_ways_a_pattern_is_written_and_used(registry, text):
    assert [m for _, _, _, m, _ in findings(registry, text, "acme")] == [ACME_MISMATCH]


@pytest.mark.parametrize(
    "text",
    [
        # not a test of a value: a substitution (masking keys in logs)
        'import re\nre.sub(r"sk-[A-Za-z0-9]{48}", "***", text)\n',
        # OpenRouter's keys, Anthropic's: not OpenAI's format
        'import re\nre.match(r"sk-or-v1-[a-z0-9]{64}$", key)\n',
        'import re\nre.match(r"sk-ant-[A-Za-z0-9_-]{95}$", key)\n',
        # a pattern computed at run time
        'import re\nre.match(prefix + r"[A-Za-z0-9]{48}$", key)\n',
        # the provider's keys pass it
        'import re\nre.match(r"(sk-[A-Za-z0-9]{48}|acme-[0-9a-f]{32})$", key)\n',
        # a string that is not a regular expression
        'import re\nre.match(r"sk-[A-Z", key)\n',
    ],
)
def test_what_is_not_reported(registry, text):
    assert findings(registry, text, "acme") == []


def test_silent_without_a_provider_and_for_openai(registry):
    text = 'import re\nre.match(r"sk-[A-Za-z0-9]{48}$", key)\n'
    assert findings(registry, text) == []
    assert findings(registry, text, "openai") == []


def test_a_provider_without_a_documented_shape(registry):
    unknown = replace(registry.get("acme"), key_example=None)
    text = 'import re\nre.match(r"sk-[A-Za-z0-9]{48}$", key)\n'
    assert findings(registry, text, unknown) == [
        (
            2,
            "warning",
            "manual",
            "tests a key against OpenAI's key format: Acme Cloud's key format is unknown to "
            "migrate-llm; make sure the check accepts the provider's keys",
            {"pattern": "sk-[A-Za-z0-9]{48}$"},
        )
    ]


def test_the_built_in_shapes_against_openais_pattern(registry):
    text = 'import re\nre.match(r"sk-[a-zA-Z0-9_-]{48}$", key)\n'
    assert [m for _, _, _, m, _ in findings(registry, text, "zhipu")] == [
        "tests a key against OpenAI's key format: Zhipu AI (GLM)'s keys "
        '(32 characters + "." + 16 characters) do not match it; accept the provider\'s key format'
    ]
    assert [m for _, _, _, m, _ in findings(registry, text, "deepseek")] == [
        "tests a key against OpenAI's key format: DeepSeek's keys "
        '("sk-" + 32 characters) do not match it; accept the provider\'s key format'
    ]


def test_a_key_pattern_is_not_a_hardcoded_key(registry):
    text = (
        "import re\nKEYS = re.compile(\n"
        '    r"sk-[a-zA-Z0-9_-]{48}$|" + r"sk-proj-[a-zA-Z0-9_-]{156}$|" + "^sk-\\\\w{92}$"\n)\n'
    )
    assert findings(registry, text, "acme", rule="ML004") == []
    assert findings(registry, text, None, rule="ML004") == []


def test_check_fails_on_a_module_that_only_checks_the_key(tmp_path):
    (tmp_path / "keys.py").write_text(
        'import re\n\nVALID = re.compile(r"^sk-[A-Za-z0-9]{48}$")\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--provider", "zhipu", "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [("ML405", 3, 20)]
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--provider", "openai"])
    assert result.exit_code == 0


def test_the_example_is_never_shown(registry):
    deepseek = registry.get("deepseek")
    assert deepseek.key_example is not None
    shown = json.dumps(deepseek.to_json()) + repr(deepseek)
    assert deepseek.key_example not in shown
    assert deepseek.to_json()["key_shape"] == '"sk-" + 32 characters'
    assert registry.get("moonshot").to_json()["key_shape"] is None
    result = CliRunner().invoke(app, ["providers", "show", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    assert deepseek.key_example not in result.stdout


@pytest.mark.parametrize("value", ["", "sk-short", "has space in it", 'sk-"quoted"12345', 42])
def test_a_bad_key_example_is_refused(registry, value):
    table = {
        "schema": 1,
        "id": "tiny",
        "name": "Tiny",
        "docs": "https://tiny.example/docs",
        "as_of": registry.get("acme").as_of,
        "api_key_env": "TINY_API_KEY",
        "base_url_env": "TINY_BASE_URL",
        "base_url": "https://api.tiny.example/v1",
        "key_example": value,
    }
    if value == "sk-short":
        assert parse_provider(table, "tiny.toml").key_shape() == '"sk-short"'
        return
    with pytest.raises(ProviderError, match=r"tiny\.toml: key_example: expected a made-up key"):
        parse_provider(table, "tiny.toml")
