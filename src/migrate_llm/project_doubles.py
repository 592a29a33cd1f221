"""The client classes a project's tests double beyond the paths a run is given.

`apply nano_graphrag` reads the package alone, while tests/test_openai.py, outside it, patches
`nano_graphrag._llm.AsyncOpenAI`: the key read apply writes there must tolerate the variable
unset whichever paths it is given (`PythonContext.key_tolerant`), so the project's test
modules outside them are read for doubles too (`patched_clients`). The project is the
nearest directory above a given path holding `.git` or a file saying how it is installed
(`pyproject.toml`, `setup.py`, `setup.cfg`, `requirements*.txt`), else the current directory
where the path is in it. Only its test modules are read (pytest's `test_*.py`, `*_test.py`,
`conftest.py`, and any module in a `test`/`tests` directory), and a double counts only where
the module it names is a file of the project, so a string naming a module (test data, another
project's) does not.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from migrate_llm.discover import DEFAULT_EXCLUDES
from migrate_llm.patched_clients import may_patch, patched_clients
from migrate_llm.reread import read_once
from migrate_llm.run_facts import PYTEST_FILE
from migrate_llm.textio import MODULE_LIMIT, UnreadableFile

# The files that mark a project's directory (`requirements*.txt` too)
MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")
# The directories whose modules are tests whatever their names
TEST_DIRECTORIES = frozenset({"test", "tests", "testing"})
# How many files of a project are looked at (by name) at most, and how large a test module
# may be to be read: a large tree is not walked to its end
WALKED = 20_000
_EXCLUDED = frozenset(p.rstrip("/") for p in DEFAULT_EXCLUDES if p.endswith("/"))


def project_top(path: str, cwd: str) -> str:
    """The directory of the project holding `path` (a file or directory, absolute)."""
    start = path if os.path.isdir(path) else os.path.dirname(path)
    directory = start
    while True:
        if _marked(directory):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return cwd if _under(start, cwd) else start


def doubles_beyond(paths: Sequence[Path], cwd: Path) -> dict[str, frozenset[str]]:
    """The client classes (`app.llm.AsyncOpenAI`) the test modules of each project holding
    one of `paths` (relative to `cwd`) double outside those paths, by the project's
    directory; a project the paths cover whole is not walked."""
    given = [os.path.normpath(p if p.is_absolute() else cwd / p) for p in paths]
    found: dict[str, frozenset[str]] = {}
    for top in uncovered_tops(given, cwd):
        names = _test_doubles(top, frozenset(given))
        if names:
            found[top] = names
    return found


def uncovered_tops(given: Sequence[str], cwd: Path) -> list[str]:
    """The directories of the projects holding the paths `given` (absolute, normalised) that
    those paths do not cover whole."""
    tops = {project_top(g, str(cwd)) for g in given}
    return sorted(top for top in tops if not any(_under(top, g) for g in given))


def _test_doubles(top: str, given: frozenset[str]) -> frozenset[str]:
    """The doubles the test modules under `top`, not under `given`, hold."""
    found: set[str] = set()
    seen = 0
    for directory, dirs, files in os.walk(top):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _EXCLUDED
            and not d.endswith(".egg-info")
            and os.path.join(directory, d) not in given
        )
        parts = os.path.relpath(directory, top).split(os.sep)
        in_tests = any(part in TEST_DIRECTORIES for part in parts)
        for name in sorted(files):
            seen += 1
            if seen > WALKED:
                return frozenset(found)
            path = os.path.join(directory, name)
            if not name.endswith(".py") or path in given:
                continue
            if not in_tests and not PYTEST_FILE.fullmatch(name):
                continue
            try:
                data = read_once(path, MODULE_LIMIT)
            except UnreadableFile:
                continue
            if may_patch(data):
                found.update(
                    target
                    for target in patched_clients(path, path, data)
                    if _of_project(target, top, directory)
                )
    return frozenset(found)


def _of_project(target: str, top: str, directory: str) -> bool:
    """Whether the module a double names (`app.llm` of `app.llm.AsyncOpenAI`) is openai's
    or a file of the project: from its directory, its `src/`, or the test's directory (which
    pytest puts on the path)."""
    module = target.rpartition(".")[0]
    if module == "openai":
        return True
    relative = module.replace(".", os.sep)
    return any(
        os.path.isfile(os.path.join(base, relative + ".py"))
        or os.path.isfile(os.path.join(base, relative, "__init__.py"))
        for base in (top, os.path.join(top, "src"), directory)
    )


def _marked(directory: str) -> bool:
    """Whether `directory` holds `.git` or a file marking a project."""
    try:
        names = os.listdir(directory)
    except OSError:
        return False
    return any(
        name == ".git"
        or name in MARKERS
        or (name.startswith("requirements") and name.endswith(".txt"))
        for name in names
    )


def _under(path: str, directory: str) -> bool:
    """Whether `path` is `directory` or below it."""
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)
