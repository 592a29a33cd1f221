"""`check --baseline` and `check --write-baseline`: findings against a recorded baseline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from migrate_llm.baseline import LineReader, load_baseline, write_baseline
from migrate_llm.model import ScanResult


@dataclass(frozen=True)
class Filtered:
    """A scan result holding only the findings the baseline does not cover, and how many
    baseline entries no finding matches any more (`fixed`: time to refresh the baseline)."""

    result: ScanResult
    fixed: int


def record_baseline(target: Path, result: ScanResult, cwd: Path) -> int:
    """Write today's findings as the baseline `target`; return the number of entries."""
    return write_baseline(target, result.findings, LineReader(cwd))


def without_baseline(result: ScanResult, source: Path, cwd: Path) -> Filtered:
    """`result` minus the findings the baseline `source` holds. Entries for files this scan
    did not look at neither match nor count as fixed."""
    lines = LineReader(cwd)
    known = load_baseline(source).within(result.scanned)
    fixed = known.fixed(result.findings, lines)
    kept = replace(result, findings=tuple(known.new_findings(result.findings, lines)))
    return Filtered(kept, fixed)
