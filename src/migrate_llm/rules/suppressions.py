"""The rule about suppression comments themselves."""

from __future__ import annotations

from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import Example, Rule
from migrate_llm.suppress import Suppression


class UnusedSuppression(Rule):
    """A `# migrate-llm: ignore` comment that suppresses nothing.

    ## What it does
    With `check --report-unused-ignores`, reports suppression comments (or the codes in
    them) that no finding used: the code they silenced was migrated or removed.

    ## Why
    A stale suppression would hide the next real problem on that line.

    ## Fix
    Delete the comment, or the codes it lists that are no longer needed.
    """

    code = "ML900"
    name = "unused-suppression"
    category = "suppression"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "import os\nkey = os.environ['ACME_API_KEY']  # migrate-llm: ignore[ML401]\n",
            message="unused suppression of ML401; remove it",
        ),
        Example("x = 1  # migrate-llm: ignore\n", message="unused suppression; remove it"),
        Example(
            "import os\nkey = os.environ['OPENAI_API_KEY']  # migrate-llm: ignore[ML401]\n",
            finds=False,
        ),
    )


def unused_findings(table: list[Suppression]) -> list[Finding]:
    """One finding per comment that suppressed nothing, or per unused code in it."""
    found = []
    for suppression in table:
        codes = suppression.unused_codes()
        if not codes:
            continue
        what = "" if codes == ["*"] else " of " + ", ".join(codes)
        found.append(
            UnusedSuppression.make_finding(
                f"unused suppression{what}; remove it",
                (suppression.line, suppression.column),
                (suppression.line, suppression.column),
            )
        )
    return found
