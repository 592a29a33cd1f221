"""ML401 on an OpenAI variable whose name an f-string builds on a pass of a loop over services
(gpt-pilot's legacy-.env importer: `values.get(f"{p.upper()}_API_KEY")` for `p` in a list
holding "openai", t51h): left to a person, naming the pass and the loop."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .test_key_reads_left import migrated

IMPORTER = (
    "from dotenv import dotenv_values\n\n\n"
    "def convert(values: dict) -> dict:\n"
    "    cfg = {}\n"
    '    for provider in ["openai", "anthropic"]:\n'
    '        key = values.get(f"{provider.upper()}_API_KEY")\n'
    "        if key:\n"
    '            cfg[provider] = {"api_key": key}\n'
    "    return cfg\n\n\n"
    "def load():\n"
    '    return convert(dotenv_values("pilot/.env"))\n'
)


def findings(change) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.rule, f.fix.value, f.message) for f in change.findings]


def test_a_key_name_built_in_a_loop_over_a_literal_list(registry, tmp_path):
    change = migrated(registry, tmp_path, IMPORTER)
    assert change.after == IMPORTER
    assert findings(change) == [
        (
            7,
            "ML401",
            "manual",
            'names OPENAI_API_KEY on the pass for "openai" of the loop on line 6, but the module '
            'does not show how it is used; read DEEPSEEK_API_KEY for "openai" instead, by hand',
        )
    ]
    assert change.findings[0].data == {
        "variable_from": "OPENAI_API_KEY",
        "variable_to": "DEEPSEEK_API_KEY",
    }


@pytest.mark.parametrize(
    "text",
    [
        'KEYS = {p: env.get(f"{p.upper()}_BASE_URL") for p in ("anthropic", "openai")}\n',
        'KEYS = [env.get(f"{p.upper()}_API_KEY") for p in {"openai"}]\n',
    ],
)
def test_comprehensions_tuples_and_sets(registry, tmp_path, text):
    (finding,) = migrated(registry, tmp_path, text).findings
    assert (finding.rule, finding.line, finding.message.split(" on the pass")[0]) == (
        "ML401",
        1,
        "names OPENAI_BASE_URL" if "BASE_URL" in text else "names OPENAI_API_KEY",
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('["openai", "anthropic"]', "PROVIDERS"),  # not a literal list
        ('["openai", "anthropic"]', '["openai", other]'),  # not all strings
        ('["openai", "anthropic"]', '["groq", "anthropic"]'),  # no OpenAI variable
        ("{provider.upper()}", "{provider.lower()}"),  # not the loop's name, nor .upper()
        ('f"{provider.upper()}_API_KEY"', 'f"{provider.upper()}_{kind}"'),  # two names put in
        ('f"{provider.upper()}_API_KEY"', 'f"{provider.upper()}_ENDPOINT"'),  # no equivalent
    ],
)
def test_what_is_not_followed(registry, tmp_path, old, new):
    assert migrated(registry, tmp_path, IMPORTER.replace(old, new)).findings == ()


def test_the_loop_name_bound_outside_the_loop_body(registry, tmp_path):
    # the f-string in the loop's own list is not on a pass of it
    text = 'for p in [f"{p.upper()}_API_KEY"]:\n    pass\n'
    assert migrated(registry, tmp_path, text).findings == ()


def test_scan_reads_the_module(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "importer.py").write_text(IMPORTER)
    result = CliRunner().invoke(app, ["scan", "--provider", "deepseek", "--format", "json"])
    assert result.exit_code == 0
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]] == [
        ("importer.py", 7, "ML401")
    ]
