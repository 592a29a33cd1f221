"""The walk for a project's test modules beyond the paths given (`project_doubles`) meets
the modules `os.walk` met, in its order, within its limit, so that `check` of one file
beside a large tree finds the doubles it found before (issue #16: the walk was most of such
a check)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from migrate_llm import project_doubles
from migrate_llm.cache import ResultCache
from migrate_llm.project_doubles import doubles_beyond
from migrate_llm.readings import Readings

PYTEST_NAME = re.compile(r"(?:test_.*|.*_test|conftest)\.py")


def walked(top: str, given: frozenset[str], limit: int) -> list[str]:
    """The test modules as the walk read them before: os.walk, directories sorted and pruned,
    every file counted towards `limit`."""
    found = []
    seen = 0
    for directory, dirs, files in os.walk(top):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in project_doubles._EXCLUDED
            and not d.endswith(".egg-info")
            and os.path.join(directory, d) not in given
        )
        in_tests = any(
            part in {"test", "tests", "testing"}
            for part in os.path.relpath(directory, top).split(os.sep)
        )
        for name in sorted(files):
            seen += 1
            if seen > limit:
                return found
            path = os.path.join(directory, name)
            tested = in_tests or PYTEST_NAME.fullmatch(name)
            if name.endswith(".py") and path not in given and tested:
                found.append(path)
    return found


def _tree(root: Path) -> None:
    files = [
        "setup.py",
        "conftest.py",
        "app/llm.py",
        "app/test_llm.py",
        "app/llm_test.py",
        "app/test_.py",
        "app/_test.py",
        "app/test_llm.pyc",
        "app/test_llm.py.bak",
        "app/contest.py",
        "app/tests/helpers.py",
        "app/tests/data.json",
        "app/tests/deep/more.py",
        "tests/unit/fixtures.py",
        "testing/util.py",
        "test/a.py",
        "notests/helpers.py",
        "notests/test_b.py",
        ".hidden/test_c.py",
        "node_modules/test_d.py",
        "pkg.egg-info/test_e.py",
        "build/test_f.py",
        "given_dir/test_g.py",
        "docs/test_given.py",
    ]
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    (root / "linked").symlink_to(root / "app", target_is_directory=True)
    (root / "dangling_test.py").symlink_to(root / "absent.py")


@pytest.mark.parametrize("limit", [20_000, 9, 10, 11, 1])
def test_the_walk_meets_the_modules_os_walk_met(tmp_path, monkeypatch, limit):
    _tree(tmp_path)
    given = frozenset({str(tmp_path / "given_dir"), str(tmp_path / "docs" / "test_given.py")})
    monkeypatch.setattr(project_doubles, "WALKED", limit)
    expected = walked(str(tmp_path), given, limit)
    met = [os.path.join(d, n) for d, n in project_doubles._test_modules(str(tmp_path), given)]
    assert met == expected
    if limit == 20_000:
        assert [os.path.relpath(p, tmp_path) for p in met] == [
            "conftest.py",
            "dangling_test.py",
            "app/_test.py",
            "app/llm_test.py",
            "app/test_.py",
            "app/test_llm.py",
            "app/tests/helpers.py",
            "app/tests/deep/more.py",
            "notests/test_b.py",
            "test/a.py",
            "testing/util.py",
            "tests/unit/fixtures.py",
        ]


def test_a_double_in_a_test_directory_deep_in_the_tree_is_found(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "llm.py").write_text("from openai import OpenAI\n")
    deep = tmp_path / "a" / "b" / "tests" / "c"
    deep.mkdir(parents=True)
    (deep / "doubles.py").write_text('from unittest import mock\n\nmock.patch("app.llm.OpenAI")\n')
    (tmp_path / "a" / "b" / "doubles.py").write_text('mock.patch("openai.OpenAI")\n')  # no test
    found = doubles_beyond([Path("app/llm.py")], tmp_path)
    assert found == {str(tmp_path): frozenset({"app.llm.OpenAI"})}


def _aged(root: Path) -> None:
    """Every directory under `root` changed an hour ago: not too lately to be kept."""
    past = time.time() - 3600
    for directory, _, _ in os.walk(root):
        os.utime(directory, (past, past))


def test_a_run_with_a_cache_finds_the_test_modules_again_until_a_directory_changes(
    tmp_path, monkeypatch
):
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "setup.py").write_text("")
    (project / "app" / "llm.py").write_text("from openai import OpenAI\n")
    (project / "tests").mkdir()
    (project / "tests" / "test_llm.py").write_text('mock.patch("app.llm.OpenAI")\n')
    _aged(project)
    given = [Path("app/llm.py")]
    store = tmp_path / "cache"

    def run(walk: bool) -> dict[str, frozenset[str]]:
        cache = ResultCache(store, "context")
        if not walk:
            monkeypatch.setattr(project_doubles, "_test_modules", _not_walked)
        try:
            return doubles_beyond(given, project, Readings(cache))
        finally:
            monkeypatch.undo()
            assert cache.close() is None

    assert run(walk=True) == {str(project): frozenset({"app.llm.OpenAI"})}
    # kept: the module is read again, not looked for
    (project / "tests" / "test_llm.py").write_text('mock.patch("openai.OpenAI")\n')
    assert run(walk=False) == {str(project): frozenset({"openai.OpenAI"})}
    # a module added to a directory changes its time: walked again, and kept again
    (project / "tests" / "deep").mkdir()
    (project / "tests" / "deep" / "doubles.py").write_text('mock.patch("app.llm.OpenAI")\n')
    with pytest.raises(AssertionError, match="walked"):
        run(walk=False)
    _aged(project)
    both = {str(project): frozenset({"app.llm.OpenAI", "openai.OpenAI"})}
    assert run(walk=True) == both
    assert run(walk=False) == both
    # nor is a listing kept where a directory changed too lately to tell the next change
    (project / "tests" / "deep" / "doubles.py").unlink()
    assert run(walk=True) == {str(project): frozenset({"openai.OpenAI"})}
    with pytest.raises(AssertionError, match="walked"):
        run(walk=False)
    # a run without a cache walks
    assert doubles_beyond(given, project) == {str(project): frozenset({"openai.OpenAI"})}


def _not_walked(top, given, times=None):
    raise AssertionError("walked")


def test_runs_given_other_files_share_the_projects_one_listing(tmp_path, monkeypatch):
    """What pre-commit does: each commit's files differ. One listing of the project serves
    them all (a listing per set of files would grow the cache at each commit), each run
    leaving out the files it is given, as a walk round them does."""
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "setup.py").write_text("")
    (project / "tests" / "test_a.py").write_text('mock.patch("openai.OpenAI")\n')
    (project / "tests" / "test_b.py").write_text('mock.patch("openai.AsyncOpenAI")\n')
    _aged(project)
    store = tmp_path / "cache"

    def run(given: list[Path], walk: bool) -> dict[str, frozenset[str]]:
        cache = ResultCache(store, "context")
        if not walk:
            monkeypatch.setattr(project_doubles, "_test_modules", _not_walked)
        try:
            return doubles_beyond(given, project, Readings(cache))
        finally:
            monkeypatch.undo()
            assert cache.close() is None

    a, b = Path("tests/test_a.py"), Path("tests/test_b.py")
    assert run([a], walk=True) == {str(project): frozenset({"openai.AsyncOpenAI"})}
    assert run([b], walk=False) == {str(project): frozenset({"openai.OpenAI"})}
    assert run([b], walk=False) == doubles_beyond([b], project)
    cache = ResultCache(store, "context")
    entries = cache._open().execute("SELECT COUNT(*) FROM readings").fetchone()[0]
    cache.close()
    assert entries == 1
