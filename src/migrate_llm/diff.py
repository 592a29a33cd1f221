"""Unified diffs that `git apply` accepts, with every secret masked."""

from __future__ import annotations

import difflib
from dataclasses import replace

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
    lines = difflib.unified_diff(
        lines_of(change.before),
        lines_of(change.after),
        git_path("a/", change.path),
        git_path("b/", change.path),
        n=context,
        lineterm="\n",
    )
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
