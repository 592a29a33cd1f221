"""ML504 on a requirement that no openai>=1 release installs with (t62e: generative_agents'
`typing-extensions==4.0.0` beside `openai==0.27.0`, raised to `openai>=1`: pip stopped with
ResolutionImpossible after apply while `check` was green)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.openai_sdk import OPENAI_V1_DEPENDENCY_FLOORS

from .cli_findings import finding_rows, run_json

APP = "import openai\n\nopenai.ChatCompletion.create(model='gpt-4o-mini', messages=[])\n"
PINNED = "numpy==1.25.2\nopenai==0.27.0\ntqdm==4.62.3\ntyping-extensions==4.0.0\n"
RAISED = "numpy==1.25.2\nopenai>=1\ntqdm==4.62.3\ntyping-extensions==4.5.0\n"
MESSAGE = (
    "typing-extensions==4.0.0 admits no release that openai>=1 installs with: every openai>=1 "
    "release requires typing-extensions>=4.5.0 or newer, so pip cannot resolve these "
    "requirements (ResolutionImpossible)"
)


def _check() -> tuple[int, list[tuple[str, int, str, str]]]:
    code, report = run_json("check", ".", "--provider", "zhipu")
    rows = finding_rows(report, "rule", "line", "fix", "message")
    return code, [r for r in rows if r[0] == "ML504"]


def test_apply_moves_the_exact_pin_with_openai_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(PINNED)
    code, found = _check()
    assert code == 1
    assert found[1] == (
        "ML504",
        4,
        "review",
        MESSAGE + ": apply pins it to ==4.5.0, the lowest release openai 1.0.0 takes (newer "
        "openai releases need a newer one; check what else needs it)",
    )
    assert len(found) == 2
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert requirements.read_bytes() == RAISED.encode()
    assert _check() == (0, [])


def test_the_pin_left_beside_openai_v1_keeps_check_red(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "requirements.txt").write_text("openai>=1.2,<2\ntyping-extensions==4.0.0\n")
    assert _check() == (
        1,
        [("ML504", 2, "manual", MESSAGE + ": raise it to >=4.5.0 (apply leaves this requirement)")],
    )


def test_a_pin_beside_openai_held_back_by_a_framework_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    text = "openai==0.27.6\nlangchain==0.0.184\ntyping-extensions==4.0.0\n"
    (tmp_path / "requirements.txt").write_text(text)
    code, found = _check()  # the openai pin stays (manual): so may typing-extensions
    assert (code, [f[:3] for f in found]) == (1, [("ML504", 1, "manual"), ("ML504", 2, "manual")])


@pytest.mark.network
def test_pip_resolves_what_apply_writes(tmp_path, monkeypatch):
    """pip (from PyPI) resolves the rewritten file, and not the one apply left before."""
    assert OPENAI_V1_DEPENDENCY_FLOORS["typing-extensions"] == "4.5.0"
    for text, code in ((RAISED, 0), ("openai>=1\ntyping-extensions==4.0.0\n", 1)):
        path = tmp_path / "requirements.txt"
        path.write_text(text)
        run = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "-q"]
        done = subprocess.run([*run, "-r", str(path)], capture_output=True, text=True)
        assert done.returncode == code, done.stderr
