"""Compare the CPU time of one command under two copies of the package's source, run in turns.

Usage: python bench/alternate.py BASE_SRC NEW_SRC [--runs N] [--cwd DIR] -- COMMAND...

Runs COMMAND N times (default 5) with each `src` directory first on PYTHONPATH, alternating
(base, new, new, base, ...) so that the drift of a loaded machine weighs on both alike, and
prints each copy's median CPU time (user and system time of the run and of the processes it
waited for: os.wait4), its runs, and the ratio new / base. Every run must end as the first run
under BASE did, with 0 or 1: a copy that exits 2 (a `src` without its `providers` folder, a bad
flag) or otherwise differs is not measured but refused; `--exits-may-differ` measures a change
meant to turn a result (check's 0 and 1) as long as each copy keeps its own. Both copies are
byte-compiled first and run once unmeasured with bytecode writing allowed, which writes their
kept code (`migrate_llm.kept_code`) as an installed package's first run does. `bench_scan.py
--compare-src` runs the two one after the other within a larger benchmark; this measures one
command, interleaved. Exit codes: 0 measured, 2 bad input (said in one line on stderr).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import NoReturn


def cpu_seconds(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    """The user and system time of one run of `command` and of what it waited for, and its
    exit code."""
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return usage.ru_utime + usage.ru_stime, proc.returncode


def _refuse(message: str) -> NoReturn:
    print(f"alternate: {message}", file=sys.stderr)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        usage="%(prog)s BASE_SRC NEW_SRC [options] -- COMMAND...",
    )
    parser.add_argument("base", type=Path, help="the src directory of the code before")
    parser.add_argument("new", type=Path, help="the src directory of the code after")
    parser.add_argument("--runs", type=int, default=5, help="runs of each copy (median)")
    parser.add_argument("--cwd", type=Path, default=Path.cwd(), help="directory to run in")
    parser.add_argument(
        "--exits-may-differ",
        action="store_true",
        help="measure though base and new end with different codes (0 and 1)",
    )
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    command = argv[split + 1 :]
    sources = [args.base.resolve(), args.new.resolve()]
    if not command or args.runs < 1:
        print("alternate: give a command after --, and --runs of at least 1", file=sys.stderr)
        raise SystemExit(2)
    for src in sources:
        if not (src / "migrate_llm").is_dir():
            print(f"alternate: {src} holds no migrate_llm package", file=sys.stderr)
            raise SystemExit(2)
    environments = []
    expected: list[int] = []
    for name, src in zip(("base", "new"), sources, strict=True):
        compileall.compile_dir(src / "migrate_llm", quiet=1)
        env = {**os.environ, "PYTHONPATH": str(src)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _, code = cpu_seconds(command, env, args.cwd)  # writes the kept code
        if code not in (0, 1):
            _refuse(f"the command exits {code} under {name} ({src}); nothing measured")
        if expected and code != expected[0] and not args.exits_may_differ:
            _refuse(f"the command exits {expected[0]} under base but {code} under new")
        expected.append(code)
        environments.append({**env, "PYTHONDONTWRITEBYTECODE": "1"})
    runs: list[list[float]] = [[], []]
    for turn in range(args.runs):
        order = (0, 1) if turn % 2 == 0 else (1, 0)
        for i in order:
            seconds, code = cpu_seconds(command, environments[i], args.cwd)
            if code != expected[i]:
                _refuse(f"a run exited {code}, not {expected[i]}: the runs are not alike")
            runs[i].append(seconds)
    medians = [statistics.median(r) for r in runs]
    for name, src, median, times in zip(("base", "new"), sources, medians, runs, strict=True):
        listed = " ".join(f"{t:.2f}" for t in times)
        print(f"{name}: {median:.3f} s CPU (median of {len(times)}: {listed})  {src}")
    print(f"new / base: {medians[1] / medians[0]:.3f}")


if __name__ == "__main__":
    main()
