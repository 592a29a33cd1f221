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
