"""A lock file beside a requirements file whose requirements apply changes (ML504 raising the
openai pin in pyproject.toml beside uv.lock, t51a: `uv sync --locked` then failed): apply
leaves the lock as it is, and its Next line says to re-lock with the tool's command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.lock_files import LOCK_FILES, relock_step, stale_locks
from migrate_llm.model import FileChange

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
PYPROJECT = '[project]\nname = "app"\ndependencies = ["openai<1", "requests"]\n'
LOCK = 'version = 1\n\n[[package]]\nname = "openai"\nversion = "0.28.1"\n'
UV = (
    "Re-lock uv.lock with `uv lock`: apply changed the requirements of pyproject.toml beside it "
    "and leaves lock files as they are (`uv sync --locked` fails until then)."
)


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def project(root: Path, *locks: str) -> None:
    (root / "pyproject.toml").write_text(PYPROJECT)
    for name in locks:
        (root / name).write_text(LOCK)


def test_apply_leaves_uv_lock_and_says_to_re_lock(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project(tmp_path, "uv.lock")
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "pyproject.toml").read_text() == PYPROJECT.replace("openai<1", "openai>=1")
    assert (tmp_path / "uv.lock").read_text() == LOCK
    assert done.stderr.splitlines()[-1] == "Next: " + UV[:1].lower() + UV[1:]


def test_the_diff_asks_to_write_it_first_and_names_each_lock(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    project(tmp_path / "sub", "uv.lock", "poetry.lock")
    done = invoke("apply", ".", "--diff")
    assert done.exit_code == 0, done.stderr
    assert done.stderr.splitlines()[-1] == (
        "Next: write it (`git apply`, or apply again with --yes), then run your tests. "
        "Re-lock sub/uv.lock with `uv lock`: apply changed the requirements of sub/pyproject.toml "
        "beside it and leaves lock files as they are (`uv sync --locked` fails until then). "
        "Re-lock sub/poetry.lock with `poetry lock`, or `poetry lock --no-update` before Poetry "
        "2: apply changed the requirements of sub/pyproject.toml beside it and leaves lock files "
        "as they are (`poetry check --lock` fails until then)."
    )
    assert (tmp_path / "sub" / "pyproject.toml").read_text() == PYPROJECT


def test_no_lock_file_no_step(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project(tmp_path)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert "Next" not in done.stderr
    assert "lock" not in done.stderr


def test_a_change_outside_the_requirements_leaves_the_lock_current(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = '[project]\nname = "app"\ndependencies = ["openai>=1"]\n\n[tool.app]\nmodel = "gpt-4o"\n'
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "uv.lock").write_text(LOCK)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text.replace("gpt-4o", "acme-large")
    assert "lock" not in done.stderr


@pytest.mark.parametrize(
    ("manifest", "lock", "command"),
    [(t.manifest, t.name, t.relock) for t in LOCK_FILES],
)
def test_each_lock_file_of_the_table(tmp_path, manifest, lock, command):
    (tmp_path / manifest).write_text("x")
    (tmp_path / lock).write_text("x")
    before = '[project]\ndependencies = ["openai<1"]\n'
    change = FileChange(f"app/{manifest}", before, before.replace("<1", ">=1"))
    (found,) = stale_locks([(tmp_path / manifest, change)])
    assert (found.manifest, found.lock) == (f"app/{manifest}", f"app/{lock}")
    assert f"`{command}`" in relock_step((found,))


def test_an_unchanged_file_makes_no_step(tmp_path):
    (tmp_path / "uv.lock").write_text("x")
    change = FileChange("pyproject.toml", PYPROJECT, PYPROJECT)
    assert stale_locks([(tmp_path / "pyproject.toml", change)]) == ()
    assert relock_step(()) == ""
