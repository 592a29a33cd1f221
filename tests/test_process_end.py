"""A run whose process ends once its output is written (the `migrate-llm` command) leaves
its last file's syntax tree to the system; any other run, and the next one, collect it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from migrate_llm import engine, process_end
from migrate_llm.engine import ScanOptions

from .test_cli import _command

CALL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'


@pytest.fixture
def lasts(monkeypatch) -> list[bool | str]:
    """For each file `check_python` reads, whether it was told the process ends next (and
    "frozen" for each file left out of collections)."""
    told: list[bool | str] = []
    check = engine.FileScanner._check_python

    def spy(self, *args, **kwargs):
        told.append(self.last)
        return check(self, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "_check_python", spy)
    monkeypatch.setattr(gc, "freeze", lambda: told.append("frozen"))  # this process goes on
    return told


def _scan(root: Path, jobs: int = 1, provider: str | None = None):
    return engine.scan(ScanOptions(paths=(root,), cwd=root, jobs=jobs, provider=provider))


def test_the_last_file_of_the_run_before_the_end_is_told(tmp_path, lasts):
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(CALL)
    first = _scan(tmp_path)
    assert lasts == [False, False, False]  # not said: every file is collected
    process_end.ends_after_next_run()
    assert _scan(tmp_path) == first
    assert lasts[3:] == [False, False, True, "frozen"]
    _scan(tmp_path)  # said once: the next run collects again
    assert lasts[7:] == [False, False, False]


def test_a_run_that_previews_a_migration_leaves_only_a_short_last_file(
    tmp_path, lasts, monkeypatch
):
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(CALL)
    process_end.ends_after_next_run()
    _scan(tmp_path, provider="qwen")
    assert lasts == [False, True, "frozen"]
    # a long file is parsed again for its migration: its first tree is collected first,
    # then what is left (its findings, walked by every later collection) is frozen
    monkeypatch.setattr(engine, "FROZEN_PREVIEW_CHARACTERS", len(CALL) - 1)
    collect = gc.collect
    monkeypatch.setattr(
        gc, "collect", lambda gen=2: lasts.append(f"collected {gen}") or collect(gen)
    )
    process_end.ends_after_next_run()
    _scan(tmp_path, provider="qwen")
    assert lasts[3:] == [False, "collected 0", True, "collected 0", "frozen"]
    assert not process_end.last_run()  # taken by that run all the same


def test_the_command_says_its_process_ends_after_its_run(tmp_path):
    (tmp_path / "app.py").write_text(CALL)
    prelude = (
        "import migrate_llm.process_end as ending\n"
        "real = ending.last_run\n"
        "def noted():\n"
        "    said = real()\n"
        "    print('last run', said, flush=True)\n"
        "    return said\n"
        "ending.last_run = noted\n"
    )
    done = _command("scan", ".", "--no-cache", "-f", "json", cwd=tmp_path, prelude=prelude)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "last run True"
