"""Every rule's examples, applied: the exact `after` text, and nothing left to edit after it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.formats import classify
from migrate_llm.rules import PYTHON_RULES, all_rules
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.python import check_python

CASES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
    # a notebook rule's example is a cell: tests/test_notebooks.py runs those in a notebook
    if example.provider is not None and not example.path.endswith(".ipynb")
]


def run(rule, example, registry):
    ctx = RuleContext(registry, registry.get(example.provider))
    if rule in PYTHON_RULES:
        return check_python(example.before, ctx, (rule,))
    return check_config(example.path, example.before, ctx, rules=(rule,))


def kind_of(path: str) -> str:
    return classify(path) or "python"


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example_applies_and_is_idempotent(registry, rule, example):
    findings = run(rule, example, registry)
    after, _ = migrate_text(example.before, kind_of(example.path), example.path, findings)
    if example.after is not None:
        assert after == example.after
    again = run(rule, replace(example, before=after), registry)
    assert [f for f in again if f.edit is not None] == []


def test_rules_with_edits_show_them_in_an_example():
    documented = {rule.code for rule in all_rules() for e in rule.examples if e.after}
    assert {"ML001", "ML002", "ML103", "ML201", "ML202", "ML401", "ML402"} <= documented
