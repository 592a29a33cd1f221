"""Helpers of the framework rewrite tests: apply every Python rule with a real provider file,
and check that a second run has nothing left to edit."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def applied(registry, text: str, provider: str) -> str:
    """`text` after `apply --provider provider`; asserts a second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f for f in again if f.edit is not None] == [], [f.message for f in again]
    return after


def findings(registry, text: str, provider: str) -> list[tuple[int, str, str]]:
    """(line, rule, fix) of every finding for `provider`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [(f.line, f.rule, f.fix.value) for f in check_python(text, ctx, PYTHON_RULES)]


def migrate(registry, text: str, provider: str = "acme"):
    """The FileChange `apply --provider provider` makes of `text` (as app.py)."""
    from pathlib import Path

    from migrate_llm.engine import FileScanner

    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def assert_rewrites(registry, before: str, after: str) -> None:
    """`before` becomes exactly `after`, and a second run edits nothing."""
    change = migrate(registry, before)
    assert change.error is None
    assert change.after == after
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []


def file_findings(registry, text: str, provider: str | None):
    """(rule, line, column, message) of every finding on `text` as app.py, as a scan finds
    them (the prefilter first); None when the prefilter rules the file out."""
    from pathlib import Path

    from migrate_llm.engine import FileScanner

    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text)
    if found is None:
        return None
    return [(f.rule, f.line, f.column, f.message) for f in found]
