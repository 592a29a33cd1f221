"""Unified diffs that `git apply` accepts, with every secret masked."""

from __future__ import annotations

import difflib

from migrate_llm.model import FileChange
from migrate_llm.secrets import mask_secrets

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(change: FileChange, context: int = 3) -> tuple[str, bool]:
    """The diff of one change with `a/` and `b/` paths, and whether a secret was masked in it.

    Line endings are kept as they are in the file, so a CRLF file's diff applies to it.
    """
    if not change.changed:
        return "", False
    lines = difflib.unified_diff(
        change.before.splitlines(keepends=True),
        change.after.splitlines(keepends=True),
        f"a/{change.path}",
        f"b/{change.path}",
        n=context,
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
