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
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from migrate_llm.discover import DEFAULT_EXCLUDES
from migrate_llm.patched_clients import may_patch, patched_clients
from migrate_llm.reread import read_once
from migrate_llm.textio import MODULE_LIMIT, UnreadableFile

if TYPE_CHECKING:
    from migrate_llm.readings import Readings

# The files that mark a project's directory (`requirements*.txt` too)
MARKERS = ("pyproject.toml", "setup.py", "setup.cfg")
# The directories whose modules are tests whatever their names
TEST_DIRECTORIES = frozenset({"test", "tests", "testing"})
# How many files of a project are looked at (by name) at most, and how large a test module
# may be to be read: a large tree is not walked to its end
WALKED = 20_000
_EXCLUDED = frozenset(p.rstrip("/") for p in DEFAULT_EXCLUDES if p.endswith("/"))
# The names pytest collects (`PYTEST_FILE`) among a directory's names joined by NUL, which
# no name holds
_TEST_NAMES = re.compile(r"(?:^|\0)((?:test_[^\0\n]*|[^\0\n]*_test|conftest)\.py)(?=\0|\Z)")


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


def doubles_beyond(
    paths: Sequence[Path], cwd: Path, readings: Readings | None = None
) -> dict[str, frozenset[str]]:
    """The client classes (`app.llm.AsyncOpenAI`) the test modules of each project holding
    one of `paths` (relative to `cwd`) double outside those paths, by the project's
    directory; a project the paths cover whole is not walked. With `readings` (a run with
    a cache), where its test modules are is kept, and found again without a walk while no
    directory walked has changed (`_listed`)."""
    given = [os.path.normpath(p if p.is_absolute() else cwd / p) for p in paths]
    found: dict[str, frozenset[str]] = {}
    for top in uncovered_tops(given, cwd):
        names = _test_doubles(top, frozenset(given), readings)
        if names:
            found[top] = names
    return found


def uncovered_tops(given: Sequence[str], cwd: Path) -> list[str]:
    """The directories of the projects holding the paths `given` (absolute, normalised) that
    those paths do not cover whole."""
    tops = {project_top(g, str(cwd)) for g in given}
    return sorted(top for top in tops if not any(_under(top, g) for g in given))


def _test_doubles(top: str, given: frozenset[str], readings: Readings | None) -> frozenset[str]:
    """The doubles the test modules under `top`, not under `given`, hold."""
    found: set[str] = set()
    for directory, name in _listed(top, given, readings):
        path = os.path.join(directory, name)
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


def _listed(top: str, given: frozenset[str], readings: Readings | None) -> list[tuple[str, str]]:
    """The test modules under `top` but not under `given` (`_test_modules`). With `readings`,
    kept in the cache with the modification time of each directory walked, and taken from
    it while every one has the time kept: a name added to a directory, removed or renamed
    changes its time, and the modules themselves are read anew. A listing is not kept where
    a directory could not be listed, or changed too lately for its time to show the next
    change (`cache.RACY_NS`). Files given are left out of the project's one listing when it
    is read (they count towards the walk's limit as its own files do)."""
    if readings is None:
        return list(_test_modules(top, given))
    from migrate_llm.cache import RACY_NS

    # files given (what pre-commit passes) leave the walk as it is, only their own names out:
    # one listing of the project serves every such run (a listing for each set of files given
    # would grow the cache with each commit); given directories are walked round, keyed by them
    files_only = not any(os.path.isdir(g) for g in given)
    cache = readings.cache
    key = cache.key("walk:test-modules", top, "" if files_only else "\0".join(sorted(given)))
    walked = _kept_listing(cache.reading(key))
    if walked is None:
        times: dict[str, int] = {}
        now = time.time_ns()
        walked = list(_test_modules(top, frozenset() if files_only else given, times))
        if readings.keep and all(t >= 0 and now - t > RACY_NS for t in times.values()):
            cache.put_reading(key, {"directories": times, "modules": [list(m) for m in walked]})
    if not files_only:
        return walked
    return [(d, name) for d, name in walked if os.path.join(d, name) not in given]


def _kept_listing(value: object) -> list[tuple[str, str]] | None:
    """The test modules a kept listing names, where every directory it walked has the time
    it kept; None otherwise, or where the entry is damaged."""
    if not isinstance(value, dict):
        return None
    times, modules = value.get("directories"), value.get("modules")
    if not isinstance(times, dict) or not isinstance(modules, list):
        return None
    for directory, kept in times.items():
        try:
            if os.stat(directory).st_mtime_ns != kept:
                return None
        except OSError:
            return None
    listed = []
    for module in modules:
        if not (isinstance(module, list) and len(module) == 2):
            return None
        directory, name = module
        if not (isinstance(directory, str) and isinstance(name, str)):
            return None
        listed.append((directory, name))
    return listed


def _test_modules(
    top: str, given: frozenset[str], times: dict[str, int] | None = None
) -> Iterator[tuple[str, str]]:
    """(directory, name) of each test module under `top` but not under `given`, in the
    order `os.walk` meets them with its directories sorted, among the first `WALKED` files.
    A directory's names are sorted only where the limit falls in it, and its test modules
    found with one search of its joined names (the walk of a large tree is most of a
    `check` of one file beside it). `times` gets each directory's modification time, taken
    before it is listed (-1 where it cannot be listed)."""
    left_out: dict[str, set[str]] = {}
    for path in given:
        directory, name = os.path.split(path)
        left_out.setdefault(directory, set()).add(name)
    seen = 0
    stack = [(top, False)]  # a directory, and whether it is in a test directory
    while stack:
        directory, in_tests = stack.pop()
        dirs: list[str] = []
        files: list[str] = []
        try:
            if times is not None:
                times[directory] = os.stat(directory).st_mtime_ns
            with os.scandir(directory) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if not is_dir:
                        files.append(entry.name)
                    elif not entry.is_symlink():  # a link is not followed (as by os.walk)
                        dirs.append(entry.name)
        except OSError:
            if times is not None:
                times[directory] = -1
            continue
        omitted = left_out.get(directory, ())
        last = seen + len(files) > WALKED
        if last:
            files = sorted(files)[: WALKED - seen]
        seen += len(files)
        if in_tests:
            names = [n for n in files if n.endswith(".py")]
        else:
            names = _TEST_NAMES.findall("\0".join(files))
        for name in sorted(names):
            if name not in omitted:
                yield directory, name
        if last:
            return
        kept = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _EXCLUDED
            and not d.endswith(".egg-info")
            and d not in omitted
        )
        for d in reversed(kept):
            stack.append((os.path.join(directory, d), in_tests or d in TEST_DIRECTORIES))


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
