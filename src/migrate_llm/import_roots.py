"""Where Python finds a file's top package: read with `os` alone, so the engine's screening
(`lm_subclasses.imported_beyond`) can use it without loading libcst."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence


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


def module_files(directory: str, dotted: str, bases: Sequence[str] | None = None) -> list[str]:
    """The files of the module `dotted` (`config`, `pkg.settings`, `.settings`) that a module
    in `directory` may import, where they are: for a relative import, below its package (each
    dot past the first one package up); else below each of `bases` in turn (by default
    `directory`, where a program started there finds it, and where Python finds its top
    package: `import_root`). One a base: its `.py` file, else its package's `__init__.py`
    (a package's own for `from . import name`)."""
    dots = len(dotted) - len(dotted.lstrip("."))
    parts = [p for p in dotted[dots:].split(".") if p]
    if dots:
        base = directory
        for _ in range(dots - 1):
            base = os.path.dirname(base)
        bases = [base]
    elif bases is None:
        bases = [directory, import_root(directory)]
    found = []
    for base in dict.fromkeys(bases):
        stem = os.path.join(base, *parts)
        places = (stem + ".py",) if parts else ()
        for path in (*places, os.path.join(stem, "__init__.py")):
            if os.path.isfile(path):
                found.append(path)
                break
    return found


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


def project_module_files(directory: str, dotted: str) -> list[str]:
    """The files of the module `dotted` a module in `directory` may import from its project:
    `module_files`, else for an absolute import below the nearest of `directory` and the
    directories above it (up to the one holding `.git`, `_PROJECT_DEPTH` levels at most) holding it,
    or holding it in its `src/` (`scripts/run.py` importing the project root's `pkg`, or a
    `src` layout's, installed)."""
    found = module_files(directory, dotted)
    if found or dotted.startswith("."):
        return found
    here = os.path.abspath(directory)
    for _ in range(_PROJECT_DEPTH):
        found = module_files(here, dotted, [here, os.path.join(here, "src")])
        parent = os.path.dirname(here)
        if found or parent == here or os.path.exists(os.path.join(here, ".git")):
            return found
        here = parent
    return []


# directories a project's own packages are not looked for in (environments, caches)
_NOT_PROJECT = frozenset({"node_modules", "site-packages", "venv", "env", "__pycache__"})


def project_holds_package(directory: str, package: str) -> bool:
    """Whether the project of a file in `directory` (its tree up to the directory holding
    `.git`, a few levels at most) holds a package named `package` anywhere (a monorepo's
    `extensions/llms/openai/pandasai_openai/`, installed editable): the code a program
    imports by that name is then the project's own."""
    here = os.path.abspath(directory)
    for _ in range(_PROJECT_DEPTH):
        if os.path.exists(os.path.join(here, ".git")):
            return package in _packages(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return False


@functools.lru_cache(maxsize=16)
def _packages(root: str) -> frozenset[str]:
    """The names of the package directories (holding `__init__.py`) under `root`, outside
    hidden directories and environments."""
    found = set()
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_PROJECT]
        if "__init__.py" in files:
            found.add(os.path.basename(top))
    return frozenset(found)
