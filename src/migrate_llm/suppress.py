"""`# migrate-llm: ignore[...]` comments, in Python, .env, YAML and TOML alike (`//` in
JavaScript)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from migrate_llm.model import Finding

_IGNORE = re.compile(r"(?:#|//)\s*migrate-llm:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?(?![\w-])")
_IGNORE_FILE = re.compile(r"(?:#|//)\s*migrate-llm:\s*ignore-file\b")
FILE_HEADER_LINES = 20


@dataclass
class Suppression:
    """One comment: where it is, which codes it names (empty: all), which lines it covers.

    A comment at the end of a line covers that line; a comment alone on its line also covers
    the next line; `ignore-file` in the first lines covers the whole file (`lines` empty).
    """

    line: int
    column: int
    codes: frozenset[str]
    lines: tuple[int, ...]
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        if self.lines and finding.line not in self.lines:
            return False
        return not self.codes or finding.rule in self.codes

    def unused_codes(self) -> list[str]:
        """Codes that suppressed nothing (["*"] for a bare comment that suppressed nothing)."""
        if not self.codes:
            return [] if self.used else ["*"]
        return sorted(self.codes - self.used)


def parse(text: str) -> list[Suppression]:
    found: list[Suppression] = []
    if "migrate-llm:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if number <= FILE_HEADER_LINES and (match := _IGNORE_FILE.search(line)):
            found.append(Suppression(number, match.start() + 1, frozenset(), ()))
            continue
        match = _IGNORE.search(line)
        if match is None:
            continue
        codes = frozenset(c.strip().upper() for c in (match.group(1) or "").split(",") if c.strip())
        alone = line.lstrip().startswith(("#", "//"))
        lines = (number, number + 1) if alone else (number,)
        found.append(Suppression(number, match.start() + 1, codes, lines))
    return found


def apply_suppressions(
    findings: Iterable[Finding], text: str
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no comment suppresses, and every comment with what it was used for."""
    table = parse(text)
    if not table:
        return list(findings), table
    kept = []
    for finding in findings:
        hits = [s for s in table if s.covers(finding)]
        for suppression in hits:
            suppression.used.add(finding.rule)
        if not hits:
            kept.append(finding)
    return kept, table


def drop_suppressed(findings: Iterable[Finding], text: str) -> list[Finding]:
    return apply_suppressions(findings, text)[0]
