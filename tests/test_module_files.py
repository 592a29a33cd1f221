"""`import_roots.module_files`: the files of a module a file imports, as Python finds them
(raw_request_keys and the engine's screening of key senders read the modules so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.import_roots import module_files, project_module_files


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """app/ (a package holding api/ and settings.py) beside config.py and a helpers/ package."""
    for name in (
        "config.py",
        "helpers/__init__.py",
        "app/__init__.py",
        "app/settings.py",
        "app/api/__init__.py",
        "app/api/chat.py",
        "app/api/config.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    return tmp_path


@pytest.mark.parametrize(
    ("dotted", "files"),
    [
        # beside the importing file, then where Python finds its top package
        ("config", ["app/api/config.py", "config.py"]),
        ("app.settings", ["app/settings.py"]),
        ("helpers", ["helpers/__init__.py"]),
        # relative: each dot past the first one package up
        (".chat", ["app/api/chat.py"]),
        ("..settings", ["app/settings.py"]),
        (".", ["app/api/__init__.py"]),
        ("..", ["app/__init__.py"]),
        ("missing", []),
        ("app.missing", []),
    ],
)
def test_the_files_a_module_in_a_package_may_import(tree, dotted, files):
    here = str(tree / "app" / "api")
    assert [Path(p).relative_to(tree).as_posix() for p in module_files(here, dotted)] == files


def test_bases_given_replace_the_default(tree):
    here = str(tree / "app" / "api")
    assert module_files(here, "config", [str(tree)]) == [str(tree / "config.py")]
    assert module_files(here, ".chat", [str(tree)]) == [str(tree / "app" / "api" / "chat.py")]


def test_project_module_files_look_up_to_the_repository(tmp_path: Path):
    """`project_module_files` (review r5): `scripts/run.py`'s `pkg.lib` of the root's `pkg/`
    or of `src/pkg/`, the nearest first; not above the directory holding `.git`."""
    for name in ("repo/pkg/lib.py", "repo/src/other/lib.py", "repo/scripts/run.py", "top.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "repo/.git").mkdir()
    scripts = str(tmp_path / "repo/scripts")
    assert project_module_files(scripts, "pkg.lib") == [str(tmp_path / "repo/pkg/lib.py")]
    assert project_module_files(scripts, "other.lib") == [str(tmp_path / "repo/src/other/lib.py")]
    assert project_module_files(scripts, "top") == []
    assert project_module_files(scripts, ".pkg.lib") == []
