"""What `scan` says a fix is, is what `apply` does: safe/review only for findings whose edit
the same migration makes; manual or none otherwise. Every rule example here, every golden
input for every provider in tests/test_golden.py."""

from __future__ import annotations

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.formats import classify
from migrate_llm.model import FixClass
from migrate_llm.rules import all_rules
from migrate_llm.rules.base import RuleContext

from .notebook_builder import STYLES, cell, notebook


def key(finding):
    return (finding.line, finding.column, finding.rule, finding.message)


SCANNERS: dict[str, FileScanner] = {}


def assert_scan_matches_apply(registry, provider, name, text, tmp_path):
    scanner = SCANNERS.get(provider)
    if scanner is None:  # one per target, as the engine keeps one per process
        scanner = FileScanner(RuleContext(registry, registry.get(provider)), tmp_path)
        SCANNERS[provider] = scanner
    kind = classify(name) or "python"
    # `scan` and `apply` both read FileScanner.examine, so one migration gives what each says.
    assert_fix_truth(scanner.migrate_text(text, kind, name, name, tmp_path / name), text)


def assert_fix_truth(change, text: str) -> None:
    """The findings of `change` marked safe/review are exactly those its edits fix."""
    scanned = change.findings
    rewritten = {key(f) for f in scanned if f.fix.rewritten}
    if change.error is not None:
        assert rewritten == set()
        return
    assert rewritten == {key(f) for f in change.fixed}
    assert (change.after != text) == bool(rewritten)
    for finding in scanned:
        if finding.fix is FixClass.NONE:
            assert finding.severity.value == "note", finding


EXAMPLE_CASES = [
    pytest.param(rule, example, id=f"{rule.code}[{i}]")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
    if example.provider is not None
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLE_CASES)
def test_rule_examples(registry, tmp_path, rule, example):
    text = example.before
    if example.path.endswith(".ipynb"):  # a notebook rule's example is one cell's source
        text = STYLES["jupyter"](notebook(cell(text)))
    assert_scan_matches_apply(registry, example.provider, example.path, text, tmp_path)
