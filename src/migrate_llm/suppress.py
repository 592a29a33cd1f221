"""`# migrate-llm: ignore[...]` comments, in Python, .env, YAML and TOML alike."""

from __future__ import annotations

import re
from collections.abc import Iterable

from migrate_llm.model import Finding

_IGNORE = re.compile(r"#\s*migrate-llm:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?(?![\w-])")
_IGNORE_FILE = re.compile(r"#\s*migrate-llm:\s*ignore-file\b")
FILE_HEADER_LINES = 20

ALL = frozenset({"*"})


def suppressions(text: str) -> dict[int, frozenset[str]]:
    """Line number -> rule codes ignored there (`*` for all).

    A comment at the end of a line covers that line; a comment alone on its line also
    covers the next line. `ignore-file` in the first lines covers the whole file (line 0).
    """
    found: dict[int, frozenset[str]] = {}
    if "migrate-llm:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if number <= FILE_HEADER_LINES and _IGNORE_FILE.search(line):
            found[0] = ALL
        match = _IGNORE.search(line)
        if match is None:
            continue
        codes = (
            frozenset(c.strip().upper() for c in match.group(1).split(",") if c.strip())
            if match.group(1) is not None
            else ALL
        )
        lines = [number, number + 1] if line.lstrip().startswith("#") else [number]
        for target in lines:
            found[target] = found.get(target, frozenset()) | codes
    return found


def is_suppressed(finding: Finding, table: dict[int, frozenset[str]]) -> bool:
    for line in (0, finding.line):
        codes = table.get(line)
        if codes and ("*" in codes or finding.rule in codes):
            return True
    return False


def drop_suppressed(findings: Iterable[Finding], text: str) -> list[Finding]:
    table = suppressions(text)
    if not table:
        return list(findings)
    return [f for f in findings if not is_suppressed(f, table)]
