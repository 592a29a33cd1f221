"""The lines `apply --diff` prints after its diff, for tests of its summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app


def summary_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], provider: str
) -> list[str]:
    """The non-empty lines `apply . --provider <provider> --diff` prints on stderr, run in
    `tmp_path` holding `files` (name -> text); the run must exit 0."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", provider, "--diff"])
    assert done.exit_code == 0, done.stderr
    return [line for line in done.stderr.splitlines() if line]
