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


def placeholder_step(provider: str, *reads: object) -> str:
    """The Next line's sentence on the key reads apply wrote with the placeholder "unset"
    (`reads`: where, `app.py:5`), which send it while the variable is unset (t52j N2)."""
    shown = ", ".join(map(str, reads[:3])) + (
        f" and {len(reads) - 3} more" if len(reads) > 3 else ""
    )
    many = len(reads) > 1
    return (
        f'Until it is set, the key read{"s" * many} apply wrote with the placeholder "unset" '
        f"({shown}) send{'' if many else 's'} that placeholder: a 401 from {provider} means the "
        "variable is not set."
    )
