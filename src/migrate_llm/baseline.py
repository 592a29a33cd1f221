"""Baselines: record today's findings so `check --baseline` fails only on new ones.

An entry is keyed by path, rule and a fingerprint of the finding's source line, not its line
number, so it survives lines moving; in a notebook the line is the cell's line, so it survives
cells moving too. Only a hash of the line is stored: the line may hold a key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrate_llm.errors import ConfigError
from migrate_llm.model import Finding
from migrate_llm.textio import UnreadableFile, read_source

VERSION = 1
TOOL = "migrate-llm"
ENTRY_KEYS = ("path", "rule", "fingerprint", "count")
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_RULE = re.compile(r"ML[0-9]{3}")

Key = tuple[str, str, str]


def fingerprint(line_text: str) -> str:
    """A short hash of the line with surrounding whitespace stripped and inner runs collapsed."""
    normalised = " ".join(line_text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


class LineReader:
    """Source lines of the files findings point at, each file read once."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._files: dict[str, list[str]] = {}
        self._cells: dict[str, dict[int, list[str]]] = {}

    def line(self, path: str, number: int, cell: int | None = None) -> str:
        """Line `number` (1-based) of `path` (of its cell `cell` in a notebook), or "" when
        the file or the line is gone."""
        lines = self._notebook(path).get(cell, []) if cell is not None else self._file(path)
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    def _file(self, path: str) -> list[str]:
        lines = self._files.get(path)
        if lines is None:
            file = self.cwd / path
            try:
                lines = read_source(file, python=file.suffix == ".py").text.splitlines()
            except UnreadableFile:
                lines = []
            self._files[path] = lines
        return lines

    def _notebook(self, path: str) -> dict[int, list[str]]:
        cells = self._cells.get(path)
        if cells is None:
            from migrate_llm.formats import FormatError
            from migrate_llm.formats.notebook import read_notebook

            try:
                notebook = read_notebook(read_source(self.cwd / path, python=False).text)
                cells = {c.index: c.source.splitlines() for c in notebook.cells}
            except (UnreadableFile, FormatError):
                cells = {}
            self._cells[path] = cells
        return cells


def _key(finding: Finding, lines: LineReader) -> Key:
    line = lines.line(finding.path, finding.line, finding.cell)
    return finding.path, finding.rule, fingerprint(line)


def _order(finding: Finding) -> tuple[str, int, int, int]:
    return finding.path, finding.cell or 0, finding.line, finding.column


def write_baseline(target: Path, findings: Sequence[Finding], lines: LineReader) -> int:
    """Write `findings` as a baseline to `target` atomically; return the number of entries."""
    counts = Counter(_key(f, lines) for f in findings)
    entries = [
        {"path": path, "rule": rule, "fingerprint": fp, "count": count}
        for (path, rule, fp), count in sorted(counts.items())
    ]
    data = {"version": VERSION, "tool": TOOL, "findings": entries}
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    directory = target.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write baseline: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private; a baseline is meant to be committed and shared.
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"{target}: cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


@dataclass(frozen=True)
class Baseline:
    """Findings recorded earlier: how many of each (path, rule, fingerprint)."""

    entries: dict[Key, int]
    source: Path | None = None

    def new_findings(self, findings: Sequence[Finding], lines: LineReader) -> list[Finding]:
        """The findings the baseline does not cover, in their given order. For each key the
        first `count` findings (by path and line) are covered; any more are new."""
        left = dict(self.entries)
        covered: set[int] = set()
        for i in sorted(range(len(findings)), key=lambda i: _order(findings[i])):
            key = _key(findings[i], lines)
            if left.get(key, 0) > 0:
                left[key] -= 1
                covered.add(i)
        return [f for i, f in enumerate(findings) if i not in covered]

    def within(self, paths: Collection[str]) -> Baseline:
        """The entries for `paths` only: a check of some files says nothing of the others."""
        entries = {key: count for key, count in self.entries.items() if key[0] in paths}
        return Baseline(entries, self.source)

    def fixed(self, findings: Sequence[Finding], lines: LineReader) -> int:
        """How many recorded findings no longer occur (an entry with count 3 and one left
        counts 2)."""
        now = Counter(_key(f, lines) for f in findings)
        return sum(max(0, count - now[key]) for key, count in self.entries.items())


def _fail(source: Path, problem: str) -> ConfigError:
    return ConfigError(f"{source}: {problem}")


def load_baseline(source: Path) -> Baseline:
    """Read a baseline written by `write_baseline`; ConfigError naming the file otherwise."""
    try:
        data = json.loads(source.read_bytes())
    except FileNotFoundError:
        raise _fail(source, "baseline file not found") from None
    except OSError as exc:
        raise _fail(source, f"cannot read baseline: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise _fail(source, f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or set(data) != {"version", "tool", "findings"}:
        raise _fail(source, "not a baseline: expected an object with version, tool and findings")
    if data["tool"] != TOOL:
        raise _fail(source, f"not a migrate-llm baseline (tool is {data['tool']!r})")
    if data["version"] != VERSION or isinstance(data["version"], bool):
        raise _fail(source, f"unsupported baseline version {data['version']!r} (expected 1)")
    if not isinstance(data["findings"], list):
        raise _fail(source, "findings: expected a list")
    entries: Counter[Key] = Counter()
    for i, entry in enumerate(data["findings"]):
        where = f"findings[{i}]"
        if not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS):
            raise _fail(source, f"{where}: expected an object with path, rule, fingerprint, count")
        path, rule, fp, count = (entry[k] for k in ENTRY_KEYS)
        if not isinstance(path, str) or not path:
            raise _fail(source, f"{where}.path: expected a non-empty string")
        if not isinstance(rule, str) or not _RULE.fullmatch(rule):
            raise _fail(source, f"{where}.rule: expected a rule code such as ML001")
        if not isinstance(fp, str) or not _FINGERPRINT.fullmatch(fp):
            raise _fail(source, f"{where}.fingerprint: expected 16 lowercase hex digits")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise _fail(source, f"{where}.count: expected a whole number >= 1")
        entries[(path, rule, fp)] += count  # a hand-merged file may repeat a key
    return Baseline(dict(entries), source)
