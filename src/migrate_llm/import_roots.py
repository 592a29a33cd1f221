"""Where Python finds a file's top package: read with `os` alone, so the engine's screening
(`lm_subclasses.imported_beyond`) can use it without loading libcst."""

from __future__ import annotations

import functools
import os


def import_root(directory: str) -> str:
    """Where Python finds the top package of a file in `directory` (`package_root`)."""
    return package_root(os.path.abspath(directory))[0]


@functools.lru_cache(maxsize=256)
def package_root(directory: str) -> tuple[str, str]:
    """(where Python finds the top package of a file in `directory`, that package): the
    parent of the outermost directory of the chain holding `__init__.py` up from `directory`,
    and its name; (`directory`, "") where `directory` is no package."""
    own = ""
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        own, directory = os.path.basename(directory), parent
    return directory, own


# how many directories up from a file a module of its project is looked for
_PROJECT_DEPTH = 6


@functools.lru_cache(maxsize=1024)
def project_file_module(directory: str, dotted: str) -> bool:
    """Whether a file in `directory` may import the module `dotted` (`common.const`) from its
    own project: a file `common/const.py` (or a package `common/const/`) in `directory` or a
    directory above it, up to the one holding `.git` (a few levels at most), as Python finds
    a namespace package (no `__init__.py`) from where the program starts."""
    parts = [p for p in dotted.split(".") if p]
    if not parts:
        return False
    here = os.path.abspath(directory)
    for _ in range(_PROJECT_DEPTH):
        found = os.path.join(here, *parts)
        if os.path.isfile(found + ".py") or os.path.isfile(os.path.join(found, "__init__.py")):
            return True
        parent = os.path.dirname(here)
        if parent == here or os.path.exists(os.path.join(here, ".git")):
            return False
        here = parent
    return False
