"""Unified diffs that `git apply` accepts, with every secret masked."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterator
from dataclasses import replace
from typing import Literal

from migrate_llm.model import FileChange
from migrate_llm.secrets import mask_secrets
from migrate_llm.textio import lines_of

NO_NEWLINE = "\\ No newline at end of file\n"
_GIT_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def git_path(prefix: str, path: str) -> str:
    """`a/path` as git writes it in a diff header: C-quoted when it holds a quote, a backslash
    or a control character (a tab or a newline in a file name)."""
    name = prefix + path
    if not any(c in _GIT_ESCAPES or ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        return name
    out = []
    for c in name:
        if c in _GIT_ESCAPES:
            out.append(_GIT_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\{ord(c):03o}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def encoded_diff(
    change: FileChange, encoding: str = "utf-8", bom: bool = False, name: str | None = None
) -> tuple[bytes, bool]:
    """`unified_diff` as the bytes `git apply` needs: lines in the file's own encoding (a
    latin-1 file's diff is latin-1), a UTF-8 BOM kept on the first line; `name` is the path
    the headers give (the change's path by default)."""
    if bom:
        change = replace(change, before="\ufeff" + change.before, after="\ufeff" + change.after)
    if name is not None:
        change = replace(change, path=name)
    text, masked = unified_diff(change)
    out = []
    for line in lines_of(text):
        if line.startswith(("--- ", "+++ ")):
            out.append(line.encode("utf-8", "surrogateescape"))
        else:
            out.append(line.encode(encoding, "surrogateescape"))
    return b"".join(out), masked


def unified_diff(change: FileChange, context: int = 3) -> tuple[str, bool]:
    """The diff of one change with `a/` and `b/` paths, and whether a secret was masked in it.

    Line endings are kept as they are in the file, so a CRLF file's diff applies to it; lines
    are split at LF only, as git splits them.
    """
    if not change.changed:
        return "", False
    before, after = lines_of(change.before), lines_of(change.after)
    a, b = git_path("a/", change.path), git_path("b/", change.path)
    if len(before) + len(after) > ANCHORED_LINES:
        lines = _unified(AnchoredMatcher(before, after), before, after, a, b, context)
    else:
        lines = difflib.unified_diff(before, after, a, b, n=context, lineterm="\n")
    out: list[str] = []
    masked = False
    for line in lines:
        safe = mask_secrets(line)
        masked = masked or safe != line
        if safe.endswith("\n"):
            out.append(safe)
        else:
            out.append(safe + "\n" + NO_NEWLINE)
    return "".join(out), masked


Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]
# Above this many lines (both sides together) a diff's lines are matched between anchors
ANCHORED_LINES = 4000


class AnchoredMatcher(difflib.SequenceMatcher):
    """difflib's matcher for two long lists of lines, its matching done between anchors.

    difflib alone took over a minute on the diff of a 50,000-line generated module, where
    thousands of lines (`    )`) recur. Here the lines both lists start and end with are
    matched first, then, in the rest, the lines that occur once in each list, in the order
    both keep them (the longest such chain, as patience diff chooses); difflib matches what
    lies between two anchors. The opcodes cover both lists, adjacent equal runs joined, so
    `get_grouped_opcodes` groups them into hunks as it groups difflib's."""

    def __init__(self, a: list[str], b: list[str]) -> None:
        super().__init__(None, a, b)
        self.old, self.new = a, b
        self._anchored: list[Opcode] | None = None

    def get_opcodes(self) -> list[Opcode]:
        if self._anchored is None:
            self._anchored = self._opcodes()
        return self._anchored

    def _opcodes(self) -> list[Opcode]:
        a, b = self.old, self.new
        start = 0
        limit = min(len(a), len(b))
        while start < limit and a[start] == b[start]:
            start += 1
        end_a, end_b = len(a), len(b)
        while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
            end_a -= 1
            end_b -= 1
        ops: list[Opcode] = []
        _add(ops, ("equal", 0, start, 0, start))
        i, j = start, start
        for x, y in [*_anchors(a, b, start, end_a, end_b), (end_a, end_b)]:
            gap = difflib.SequenceMatcher(None, a[i:x], b[j:y])
            for tag, i1, i2, j1, j2 in gap.get_opcodes():
                _add(ops, (tag, i + i1, i + i2, j + j1, j + j2))
            _add(ops, ("equal", x, x + 1, y, y + 1))
            i, j = x + 1, y + 1
        _add(ops, ("equal", end_a, len(a), end_b, len(b)))
        return ops


def _anchors(
    a: list[str], b: list[str], start: int, end_a: int, end_b: int
) -> list[tuple[int, int]]:
    """(index in a, index in b) of the lines in a[start:end_a] and b[start:end_b] that occur
    once in each, the longest chain of them in the order of both lists."""
    seen_a: dict[str, int] = {}
    for i in range(start, end_a):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(start, end_b):
        line = b[j]
        if seen_a.get(line, -1) >= 0:
            seen_b[line] = -1 if line in seen_b else j
    pairs = [(seen_a[line], j) for line, j in seen_b.items() if j >= 0]
    pairs.sort()
    # the longest chain increasing in b: patience sorting, each pile's top the smallest end
    tops: list[int] = []  # the b index ending the best chain of each length
    ends: list[int] = []  # the pair ending it
    before: list[int] = []  # for each pair, the pair before it in its chain
    for k, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        if pile == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[pile] = j
            ends[pile] = k
        before.append(ends[pile - 1] if pile else -1)
    chain: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def _add(ops: list[Opcode], op: Opcode) -> None:
    """Append `op`, joined to the last one when both are equal runs; nothing for an empty
    one."""
    tag, i1, i2, j1, j2 = op
    if i1 == i2 and j1 == j2:
        return
    if ops and tag == "equal" and ops[-1][0] == "equal":
        ops[-1] = ("equal", ops[-1][1], i2, ops[-1][3], j2)
        return
    ops.append(op)


def _unified(
    matcher: difflib.SequenceMatcher[str],
    old: list[str],
    new: list[str],
    a: str,
    b: str,
    context: int,
) -> Iterator[str]:
    """The lines of a unified diff of `old` and `new` (the matcher's lists), headed `--- a`
    and `+++ b`, as difflib.unified_diff writes them."""
    first = True
    for group in matcher.get_grouped_opcodes(context):
        if first:
            yield f"--- {a}\n"
            yield f"+++ {b}\n"
            first = False
        yield f"@@ -{_range(group[0][1], group[-1][2])} +{_range(group[0][3], group[-1][4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in old[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in old[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in new[j1:j2])


def _range(start: int, stop: int) -> str:
    """A hunk's range: `line,count`, the line alone for one line, the line before for none."""
    count = stop - start
    if count == 1:
        return str(start + 1)
    return f"{start if count == 0 else start + 1},{count}"


def preview_diff(change: FileChange, context: int = 3) -> str:
    """The diff a person reads before writing: a notebook's changed cells as Python, each
    headed by its cell number; any other file as `unified_diff` shows it."""
    if not change.changed or not change.path.endswith(".ipynb"):
        return unified_diff(change, context)[0]
    from migrate_llm.notebooks import cell_changes

    out: list[str] = []
    for index, before, after in cell_changes(change.before, change.after):
        lines = difflib.unified_diff(
            lines_of(before),
            lines_of(after),
            f"a/{change.path} (cell {index})",
            f"b/{change.path} (cell {index})",
            n=context,
        )
        out += [mask_secrets(line if line.endswith("\n") else line + "\n") for line in lines]
    return "".join(out)
