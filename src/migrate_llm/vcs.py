"""Asking git whether the files `apply` would write have uncommitted changes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


def uncommitted(paths: Iterable[Path], cwd: Path) -> list[str]:
    """Files under `paths` that git tracks and reports as modified or staged (an untracked
    file has nothing of yours for `apply` to overwrite that git could show or restore, so it
    does not block).

    Paths outside a git work tree, or a machine without git, report nothing.
    """
    found: list[str] = []
    for path in paths:
        target = path if path.is_absolute() else cwd / path
        where = target if target.is_dir() else target.parent
        try:
            proc = subprocess.run(
                ["git", "status", "--porcelain", "--", str(target)],
                cwd=where,
                capture_output=True,
                text=True,
                timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if proc.returncode != 0:
            continue
        found += [
            line[3:]
            for line in proc.stdout.splitlines()
            if line.strip() and not line.startswith(("??", "!!"))
        ]
    return found


def repository_root(path: Path) -> Path | None:
    """The work tree holding `path` (the nearest directory above it with a `.git`), or None."""
    for directory in path.parents:
        if (directory / ".git").exists():
            return directory
    return None


def diff_name(path: Path, cwd: Path) -> str:
    """How a diff names `path` so that `git apply` takes it: relative to its repository's root,
    else to the current directory, else the path as it is (no `a//abs` headers)."""
    target = path if path.is_absolute() else cwd / path
    for base in (repository_root(target), cwd):
        if base is not None and target.is_relative_to(base):
            return target.relative_to(base).as_posix()
    return target.as_posix().lstrip("/")
