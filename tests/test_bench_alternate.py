"""bench/alternate.py: one command run in turns under two copies of the source, CPU compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "bench" / "alternate.py"
SRC = Path(__file__).parent.parent / "src"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd
    )


def test_runs_a_command_under_both_copies_in_turns(tmp_path):
    proc = _run(str(SRC), str(SRC), "--runs", "2", "--", sys.executable, "-c", "pass", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["base", "new", "new / base"]
    assert "(median of 2: " in lines[0]


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    missing = _run(str(SRC), str(SRC), cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr.startswith("alternate: give a command after --")
    not_source = _run(str(tmp_path), str(SRC), "--", sys.executable, "-c", "pass", cwd=tmp_path)
    assert not_source.returncode == 2
    assert not_source.stderr == f"alternate: {tmp_path.resolve()} holds no migrate_llm package\n"


def test_a_copy_that_fails_or_differs_is_refused_not_measured(tmp_path):
    failing = _run(
        str(SRC),
        str(SRC),
        "--runs",
        "1",
        "--",
        sys.executable,
        "-c",
        "raise SystemExit(2)",
        cwd=tmp_path,
    )
    assert (failing.returncode, failing.stdout) == (2, "")
    assert failing.stderr == (
        f"alternate: the command exits 2 under base ({SRC.resolve()}); nothing measured\n"
    )
    # a copy whose package answers differently (here: a marker only the new copy holds)
    new = tmp_path / "new"
    (new / "migrate_llm").mkdir(parents=True)
    (new / "marker.py").write_text("")
    probe = "import importlib.util as u, sys; sys.exit(1 if u.find_spec('marker') else 0)"
    differing = _run(
        str(SRC), str(new), "--runs", "1", "--", sys.executable, "-c", probe, cwd=tmp_path
    )
    assert (differing.returncode, differing.stdout) == (2, "")
    assert differing.stderr == "alternate: the command exits 0 under base but 1 under new\n"
    allowed = _run(
        str(SRC),
        str(new),
        "--runs",
        "1",
        "--exits-may-differ",
        "--",
        sys.executable,
        "-c",
        probe,
        cwd=tmp_path,
    )
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.splitlines()[2].startswith("new / base: ")
