"""Suppression comments in every file type, and reporting the ones that suppress nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.formats import classify
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.suppressions import UnusedSuppression
from migrate_llm.suppress import parse


def findings(registry, name, text, provider=None, unused=False):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    kind = "python" if name.endswith(".py") else classify(name)
    return FileScanner(ctx, Path("."), report_unused=unused).findings(kind, name, text) or []


@pytest.mark.parametrize(
    "example",
    UnusedSuppression.examples,
    ids=[f"ML900[{i}]" for i in range(len(UnusedSuppression.examples))],
)
def test_unused_suppression_examples(registry, example):
    found = [
        f
        for f in findings(registry, example.path, example.before, unused=True)
        if f.rule == "ML900"
    ]
    assert bool(found) == example.finds
    if example.message:
        assert found[0].message == example.message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            ".env",
            "OPENAI_API_KEY=x  # migrate-llm: ignore\n# migrate-llm: ignore[ML501]\nOPENAI_BASE_URL=\nOPENAI_ORG_ID=o\n",
            [(4, "ML501")],
        ),
        (
            "config.yaml",
            "llm:\n  model: gpt-4o  # migrate-llm: ignore[ML503]\n  fallback: gpt-4o-mini\n",
            [(3, "ML503")],
        ),
        (
            "settings.toml",
            '# migrate-llm: ignore-file\n[llm]\nmodel = "gpt-4o"\n',
            [],
        ),
        (
            "app.py",
            "from openai import OpenAI\nc = OpenAI()  # migrate-llm: ignore[ml001]\nd = OpenAI()\n",
            [(3, "ML001")],
        ),
    ],
)
def test_suppressions_in_each_file_type(registry, name, text, expected):
    assert [(f.line, f.rule) for f in findings(registry, name, text)] == expected


def test_unused_codes_are_named_and_used_ones_are_not(registry):
    text = "from openai import OpenAI\nc = OpenAI()  # migrate-llm: ignore[ML001, ML201]\n"
    found = findings(registry, "app.py", text, unused=True)
    assert [(f.line, f.column, f.rule, f.message) for f in found] == [
        (2, 15, "ML900", "unused suppression of ML201; remove it")
    ]


def test_unused_ignores_are_only_reported_when_asked(registry):
    assert findings(registry, "app.py", "x = 1  # migrate-llm: ignore\n") == []


def test_parse_positions_and_coverage():
    table = parse("a = 1\n    # migrate-llm: ignore[ML001]\nb = 2  # migrate-llm: ignore\n")
    assert [(s.line, s.column, sorted(s.codes), s.lines) for s in table] == [
        (2, 5, ["ML001"], (2, 3)),
        (3, 8, [], (3,)),
    ]
