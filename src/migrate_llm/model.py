"""Plain data that crosses module boundaries: findings, edits, file results, scan results."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from enum import Enum

from migrate_llm.secrets import mask_secrets


class Severity(str, Enum):
    """How much a finding matters: errors break at run time, notes only inform."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


class FixClass(str, Enum):
    """What `apply` does with a finding: safe and review are rewritten (the finding carries
    the edit, or lies inside one), manual is left for a person, none is information only."""

    SAFE = "safe"
    REVIEW = "review"
    MANUAL = "manual"
    NONE = "none"

    @property
    def rewritten(self) -> bool:
        return self in (FixClass.SAFE, FixClass.REVIEW)


@dataclass(frozen=True)
class Span:
    """A half-open range of character offsets into a file's decoded text."""

    start: int
    end: int


@dataclass(frozen=True)
class Edit:
    """Replace `span` of the decoded text with `text`; an empty span inserts.

    `imports` are module-level import statements the new text needs (`import os`); `setup`
    are module-level statements it needs after the imports (`client = openai.OpenAI()`). The
    engine adds each missing one once per file.
    """

    span: Span
    text: str
    imports: tuple[str, ...] = ()
    setup: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One place that depends on OpenAI, with what to do about it.

    `line`/`column` are 1-based; `column` counts characters. `path` is filled in by the engine.
    `data` holds the finding's facts for programs (summaries, `verify`, JSON readers), so
    nothing ever parses a message: `surface` and `call` for API calls, `model_from` and
    `model_to` for model mappings, `model` for a model the target already serves.
    """

    rule: str
    category: str
    severity: Severity
    fix: FixClass
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    path: str = ""
    edit: Edit | None = None
    cell: int | None = None
    data: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    def at_path(self, path: str) -> Finding:
        """`dataclasses.replace(self, path=path)`, a quarter of its time: the fields are
        copied as they are, with no call of `__init__` (a scan gives thousands of findings
        their path)."""
        moved = object.__new__(type(self))
        moved.__dict__.update(self.__dict__)
        object.__setattr__(moved, "path", path)
        return moved

    @property
    def where(self) -> str:
        """`path:line:column`, with the cell in a notebook: `demo.ipynb:cell 3:2:5`."""
        return f"{self.path}:{self.where_in_file}"

    @property
    def where_in_file(self) -> str:
        """`line:column`, with the cell in a notebook: `cell 3:2:5`."""
        cell = f"cell {self.cell}:" if self.cell is not None else ""
        return f"{cell}{self.line}:{self.column}"

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "fix": self.fix.value,
            "data": dict(self.data),
        }
        if self.cell is not None:
            data["cell"] = self.cell
        return data


def one_per_place(findings: list[Finding]) -> list[Finding]:
    """`findings` with one finding for each place and message: where two rules say the same
    of the same span (a key prompt naming OpenAI whose answer both the key's read, ML401, and
    the class it is given to, ML685, report), the most severe is kept, of those the lowest
    rule code. Order otherwise kept."""
    best: dict[tuple[object, ...], Finding] = {}
    for found in findings:
        place = (found.cell, found.line, found.column, found.end_line, found.end_column)
        key = (*place, found.message, found.fix)
        kept = best.get(key)
        if kept is None or (-found.severity.rank, found.rule) < (-kept.severity.rank, kept.rule):
            best[key] = found
    if len(best) == len(findings):
        return findings
    chosen = {id(f) for f in best.values()}
    return [f for f in findings if id(f) in chosen]


@dataclass(frozen=True)
class FileError:
    """A file that could not be scanned completely: unreadable, undecodable, unparsable, too big.

    The message is masked as it is made: a parser's error may quote the text, key included.
    """

    path: str
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", mask_secrets(self.message))

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"path": self.path, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


@dataclass(frozen=True)
class FileResult:
    """What scanning one file produced."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    parsed: bool = False
    # sha256 of the bytes that were read (the result cache's key), when they were read
    digest: str = field(default="", compare=False)


@dataclass(frozen=True)
class FileChange:
    """What `apply` would do to one file: its text before and after, and which findings the
    edits fix. `error` set means the file is left as it is."""

    path: str
    before: str
    after: str
    findings: tuple[Finding, ...] = ()
    fixed: tuple[Finding, ...] = ()
    error: FileError | None = None
    problems: tuple[FileError, ...] = ()  # parts left as they were (a cell that won't parse)

    @property
    def changed(self) -> bool:
        return self.error is None and self.after != self.before

    @property
    def left(self) -> tuple[Finding, ...]:
        """Findings the edits do not fix."""
        fixed = set(self.fixed)
        return tuple(f for f in self.findings if f not in fixed)


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan found, sorted by path and position."""

    provider: str | None
    files: int
    findings: tuple[Finding, ...] = ()
    errors: tuple[FileError, ...] = ()
    parsed: int = 0
    scanned: Set[str] = frozenset()  # the paths looked at, as findings name them
    ignored: tuple[str, ...] = ()  # gitignored config files that name OpenAI (not scanned)
    # why the results could not be kept in the cache directory, when they could not
    cache_unwritten: str | None = None


class LineIndex:
    """Converts character offsets to 1-based (line, column) and back."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        i = text.find("\n")
        while i != -1:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def span_position(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """`position` of `start` and of `end` (not before it), with one search of the lines
        when both are on one line (most nodes asked about)."""
        starts = self.starts
        line = bisect.bisect_right(starts, start) - 1
        first = starts[line]
        if line + 1 == len(starts) or end < starts[line + 1]:
            return (line + 1, start - first + 1), (line + 1, end - first + 1)
        return (line + 1, start - first + 1), self.position(end)
