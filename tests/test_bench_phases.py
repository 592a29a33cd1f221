"""bench/phases.py times every phase it names on a small tree, and says when the code it times
has moved. Times are never asserted: only which phases ran, how often, and how they nest."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .notebook_builder import STYLES, cell, notebook

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "phases.py"

CLIENT = (
    'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o")\n'
)


def _tree(root: Path) -> Path:
    (root / "app.py").write_text(CLIENT, encoding="utf-8")
    (root / "other.py").write_text(CLIENT.replace("client", "backend"), encoding="utf-8")
    (root / "plain.py").write_text("x = 1\n", encoding="utf-8")
    (root / "demo.ipynb").write_text(STYLES["jupyter"](notebook(cell(CLIENT))), encoding="utf-8")
    (root / "settings.toml").write_text('model = "gpt-4o"\n', encoding="utf-8")
    return root


def _phases(tmp_path: Path, *args: str) -> tuple[dict, str]:
    out = tmp_path / "phases.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(_tree(tmp_path)), "--json", str(out), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8")), done.stdout


def test_every_phase_of_a_migration_preview_is_timed(tmp_path: Path) -> None:
    data, stdout = _phases(tmp_path, "--provider", "zhipu", "--rules", "--slowest", "2")
    # the first file is examined before the clock starts, then again with the others
    assert (data["files"], data["provider"], data["only"]) == (4, "zhipu", "")
    calls = {name: row["calls"] for name, row in data["phases"].items()}
    assert calls == {
        "read the file": 4,
        "Python findings (libcst's parse, the analysis, the rules)": 3,
        "  libcst's parse": 3,
        "  the module's context (its analysis, its index)": 3,
        "    scope analysis and the walk of the nodes": 3,
        "  the rules": 3,
        "  placing findings": calls["  placing findings"],
        "notebooks: reading the JSON": 2,  # and the migrated notebook, to check it loads
        "notebooks: joining the cells": 1,
        "config files": 1,
        "laying out the migrated code": 4,
        "Python's parse": 3,
        "collecting the tree": 3,
    }
    assert calls["  placing findings"] >= 6
    seconds = {name: row["seconds"] for name, row in data["phases"].items()}
    findings = seconds["Python findings (libcst's parse, the analysis, the rules)"]
    assert seconds["  libcst's parse"] + seconds["  the rules"] <= findings <= data["seconds"]
    context = seconds["  the module's context (its analysis, its index)"]
    assert seconds["    scope analysis and the walk of the nodes"] <= context
    assert "ClientToOpenAI" in data["rules"] and "ModelSetting" in data["rules"]
    assert [row["path"] for row in data["slowest"]] and len(data["slowest"]) == 2
    assert stdout.startswith(f"4 files examined in {data['seconds']:.3f} s (")
    assert "rules (their visit_ methods):" in stdout and "slowest files:" in stdout


def test_only_the_files_named_so(tmp_path: Path) -> None:
    data, stdout = _phases(tmp_path, "--only", ".ipynb")
    assert data["files"] == 1 and data["provider"] is None
    assert data["phases"]["notebooks: reading the JSON"]["calls"] == 1
    assert data["phases"]["config files"]["calls"] == 0
    assert data["rules"] == {} and data["slowest"] == []
    assert "rules (their" not in stdout


def _module(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delitem(sys.modules, "phases", raising=False)
    spec = importlib.util.spec_from_file_location("phases", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_timed_function_that_is_gone_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    phases = _module(monkeypatch)
    monkeypatch.setattr(phases, "PHASES", (("x", "migrate_llm.engine", "no_such_function"),))
    with pytest.raises(SystemExit) as gone:
        phases.install(phases.Timer(), rules=False)
    assert gone.value.code == 2
    assert capsys.readouterr().err == (
        "phases: migrate_llm.engine.no_such_function is gone; update PHASES\n"
    )
    monkeypatch.setattr(phases, "PHASES", ())
    monkeypatch.setattr(phases, "THROUGH", (("x", "migrate_llm.engine", "json", "parse"),))
    with pytest.raises(SystemExit) as gone:
        phases.install(phases.Timer(), rules=False)
    assert gone.value.code == 2
    assert capsys.readouterr().err == (
        "phases: migrate_llm.engine no longer calls json.parse; update THROUGH\n"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("missing",), "missing: not a directory"),
        ((".", "--provider", "nope"), "unknown provider 'nope'; known providers: "),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"phases: {said}") and done.stderr.count("\n") == 1


def test_a_nested_call_of_a_timed_function_counts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    phases = _module(monkeypatch)
    timer = phases.Timer()

    def countdown(n: int) -> int:
        return 0 if n == 0 else wrapped(n - 1) + 1

    wrapped = timer.wrap("countdown", countdown)
    assert wrapped(3) == 3
    assert timer.calls["countdown"] == 1
