"""Measure `migrate-llm scan` side by side with grep and semgrep on the same trees.

Usage: python bench/bench_scan.py [--files N] [--share S] [--framework F] [--tree DIR ...]
                                  [--big-file LINES] [--jobs J] [--repeat R] [--goals]
                                  [--semgrep PATH | --no-semgrep] [--apply] [--startup]
                                  [--check-file] [--linearity N] [--compare-src SRC]
                                  [--instructions] [--valgrind PATH] [--json FILE]

Without --tree it generates a synthetic monorepo in a temporary directory (a share S of the
files use OpenAI, a share F are LlamaIndex/LangChain modules that do not); --tree measures
real directories instead (repeatable). On every tree, in the same run: `grep -rlE` for
OpenAI markers (the baseline: it reads every file once and parses nothing), semgrep with
bench/semgrep_rules.yml when installed, `scan --no-cache` with `-j 1` and `-j J`, a first
scan that writes the result cache (what a user's first `scan` does: the cache is on by
default), and a second scan of the unchanged tree that reads it. semgrep reads no notebook: on a
tree that holds some, it runs a second time given their code cells written out as Python, and
scan runs a second time without them, so that each tool is also timed on what the other
reads. Each figure is the median of R runs; memory is the peak RSS of the largest process of
a run, and CPU the user and system time of the run and the processes it waited for (both
os.wait4). Wall time is what a user waits, and what the goals hold; CPU time is what the
work costs, which other load on the machine does not change: where the two part (a wall
time well above the CPU time of a one-process run), the run waited for a core, and the
load averages printed at the start and the end say how busy the machine was.
--apply times `apply --provider zhipu` on a copy of each tree (and of the large module)
beside `scan --provider zhipu`, the scan that previews the same migration. --big-file scans
a generated module of that many lines, alone in its tree: once as top-level functions, once
as the methods of one class. --goals also times `--help`, `scan --help`, `scan` of an
empty folder, `check` on a 300-line file, apply, and the scan of N and 2N generated files,
then prints the goals of issue #16 as pass/fail lines: a tree where scan finds nothing is
held to the SDK-free tree's goal, any other to the framework-heavy tree's.
--compare-src runs `scan -j 1` a second time with another copy of the package's source first
on PYTHONPATH (e.g. an older checkout's `src`), so that a change is measured against the
code before it in the same run, on the same loaded machine. Both copies are byte-compiled
first, and their kept code (`migrate_llm.kept_code`) written by a first run, as an installed
package's are.
--startup times `python -c pass` (what any Python program costs: each start-up command is
also given as a ratio of it), `--help`, `scan --help` and `scan` of an empty folder.
--instructions also counts, once, the instructions each of those commands (and `check`)
executes, under valgrind's cachegrind (`--valgrind PATH`; the processes it starts
included): a figure the load of the machine does not change, where wall times on a busy
machine say little. With --compare-src, the same for that copy of the source.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_trees import big_file, make_tree, notebook_code

__all__ = ["big_file", "main", "make_tree"]

HERE = Path(__file__).resolve().parent
RULES = HERE / "semgrep_rules.yml"
GREP_PATTERN = "openai|OPENAI_|gpt-"
PROVIDER = "zhipu"
# What `migrate-llm scan` never reads (migrate_llm.discover.DEFAULT_EXCLUDES); semgrep gets
# the same list as --exclude so that both tools look at the same files.
try:
    from migrate_llm.discover import DEFAULT_EXCLUDES
except ImportError:  # pragma: no cover - the benchmark runs in the project's venv
    DEFAULT_EXCLUDES = (".git/", ".venv/", "venv/", "node_modules/", "build/", "dist/")

OK_EXIT = (0, 1)  # grep: 1 = no match; scan/check/apply/semgrep: 1 = findings or work left


@dataclass
class Row:
    """One command measured on one tree."""

    name: str
    tool: str  # grep | semgrep | scan | apply | check | help | baseline
    seconds: float
    times: list[float]
    peak_kib: int
    counts: dict = field(default_factory=dict)
    # user + system seconds of each run (the median in `cpu`)
    cpu_times: list[float] = field(default_factory=list)
    # instructions executed (--instructions), and by the --compare-src copy's run
    instructions: int | None = None
    compare_instructions: int | None = None

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_times) if self.cpu_times else 0.0

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def run_once(
    cmd: list[str], out: Path | None, env: dict | None, cwd: Path
) -> tuple[float, int, float]:
    """Wall time, peak RSS (KiB, of the largest process of the run) and CPU time (user and
    system seconds of the run and of the processes it waited for) of one run."""
    stdout = open(out, "wb") if out is not None else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=cwd)
        # read stderr before waiting, so a chatty child cannot block on a full pipe
        err = proc.stderr.read() if proc.stderr is not None else b""
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if out is not None:
            stdout.close()
    if proc.returncode not in OK_EXIT:
        tail = err.decode(errors="replace")[-2000:]
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.jobs = args.jobs or os.cpu_count() or 1
        self.repeat = max(1, args.repeat)
        self.env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}
        self.semgrep = self._find_semgrep()
        self.notes: list[str] = []
        self.valgrind = self._find_valgrind()
        self._compile_sources()
        if self.semgrep is None and not args.no_semgrep:
            where = args.semgrep or "not on PATH; --semgrep PATH names one"
            self.notes.append(f"semgrep not found ({where}): semgrep rows skipped")
        elif self.semgrep is not None:
            self.notes.append(
                "semgrep reads Python files only (scan also reads YAML, TOML, JSON, .env, "
                "requirements and notebooks); its built-in .semgrepignore (tests/, ...) is off "
                "and scan's default excludes are passed as --exclude; in a git repository "
                "semgrep applies .gitignore to untracked files only, scan to all"
            )

    def _find_valgrind(self) -> str | None:
        if not self.args.instructions:
            return None
        found = shutil.which(str(self.args.valgrind or "valgrind"))
        if found is None:
            where = self.args.valgrind or "not on PATH; --valgrind PATH names one"
            self.notes.append(f"valgrind not found ({where}): instructions not counted")
        return found

    def _compile_sources(self) -> None:
        """Byte-compile the package (and the --compare-src copy) before any run: an installed
        package imports cached bytecode, and with PYTHONDONTWRITEBYTECODE set (or a source
        edited since) every measured run would compile the modules it imports first. Then
        each copy's kept code (`migrate_llm.kept_code`, beside its bytecode) is written
        afresh by a first run, as an installed package's is: with PYTHONDONTWRITEBYTECODE
        set no measured run writes it, and what an earlier run (the test suite's) left there
        would otherwise decide what each copy compiles at every start."""
        import compileall

        import migrate_llm

        packages = [Path(migrate_llm.__file__).parent]
        if self.args.compare_src is not None:
            packages.append(self.args.compare_src / "migrate_llm")
        for package in packages:
            if package.is_dir() and not compileall.compile_dir(package, quiet=1):
                self.notes.append(f"{package}: some modules did not byte-compile")
        for package in packages:
            if package.is_dir():
                self._keep_code(package)

    def _keep_code(self, package: Path) -> None:
        """Write the kept code of `package` (a copy of `migrate_llm`) by scanning, with
        and without a provider, a small tree that holds a module of each kind the runs
        meet (one using OpenAI, a plain one, a LlamaIndex one, a YAML file)."""
        for old in package.glob("__pycache__/kept-code.*"):
            old.unlink()
        tree = self.work / "keep-code"
        if not tree.exists():
            make_tree(tree, 40, 0.25, 0.25)
        env = {k: v for k, v in self.env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        path = os.pathsep.join([str(package.parent.resolve()), os.environ.get("PYTHONPATH", "")])
        env["PYTHONPATH"] = path
        cmd = self.ml("scan", str(tree), "-f", "json", "-o", os.devnull, "--no-cache", "-j", "1")
        try:
            for provider in ((), ("--provider", PROVIDER)):
                run_once([*cmd, *provider], None, env, self.work)
        except SystemExit as error:  # a copy that cannot scan: its runs will say so
            self.notes.append(f"{package}: kept code not written: {str(error).splitlines()[0]}")
            return
        if not any(package.glob("__pycache__/kept-code.*")):
            self.notes.append(f"{package}: no kept code written (a directory not writable?)")

    def _find_semgrep(self) -> str | None:
        if self.args.no_semgrep:
            return None
        if self.args.semgrep:
            return shutil.which(str(self.args.semgrep))
        return shutil.which("semgrep")

    # -- measuring -------------------------------------------------------------------------

    def measure(
        self,
        name: str,
        tool: str,
        cmd: list[str],
        *,
        out: Path | None = None,
        env: dict | None = None,
        prepare=None,
        repeat: int | None = None,
    ) -> Row:
        times, cpu, peak = [], [], 0
        for _ in range(repeat or self.repeat):
            if prepare is not None:
                cmd = prepare()
            elapsed, rss, used = run_once(cmd, out, env or self.env, self.work)
            times.append(elapsed)
            cpu.append(used)
            peak = max(peak, rss)
        return Row(name, tool, statistics.median(times), times, peak, cpu_times=cpu)

    def ml(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "migrate_llm", *args]

    def command_row(self, name: str, tool: str, cmd: list[str]) -> Row:
        """A single command timed, and its instructions counted (--instructions), also with
        the --compare-src copy first on PYTHONPATH."""
        row = self.measure(name, tool, cmd)
        if self.valgrind is not None:
            row.instructions = self.instructions(cmd, self.env)
            if self.args.compare_src is not None and tool != "baseline":
                path = [str(self.args.compare_src.resolve()), os.environ.get("PYTHONPATH", "")]
                env = {**self.env, "PYTHONPATH": os.pathsep.join(path)}
                row.compare_instructions = self.instructions(cmd, env)
        return row

    def instructions(self, cmd: list[str], env: dict) -> int | None:
        """The instructions `cmd` executes (its child processes' included), under cachegrind."""
        assert self.valgrind is not None
        counting = [
            self.valgrind,
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            "--trace-children=yes",
            *cmd,
        ]
        proc = subprocess.run(
            counting, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=self.work
        )
        found = instruction_count(proc.stderr.decode(errors="replace"))
        if proc.returncode not in OK_EXIT or found is None:
            self.notes.append(f"instructions not counted ({proc.returncode}): {' '.join(cmd)}")
            return None
        return found

    def grep_row(self, tree: Path) -> Row:
        out = self.work / "grep.out"
        row = self.measure("grep -rlE", "grep", ["grep", "-rlE", GREP_PATTERN, str(tree)], out=out)
        row.counts = {"matched": len(out.read_text(errors="replace").splitlines())}
        return row

    def semgrep_row(self, tree: Path, *, notebooks: Path | None = None) -> Row | None:
        """semgrep on the tree; with `notebooks`, also on that folder of the tree's notebooks'
        code written out as Python (bench_trees.notebook_code), so that it reads the code scan
        reads (its own time only: writing the folder is not timed)."""
        if self.semgrep is None:
            return None
        out = self.work / "semgrep.json"
        cmd = [self.semgrep, "scan", "--metrics=off", "--config", str(RULES), "--json"]
        cmd += ["--jobs", str(self.jobs), "--max-target-bytes", "0", "--timeout", "0"]
        # semgrep's built-in .semgrepignore (tests/, ...) would skip files scan reads
        cmd += ["--x-ignore-semgrepignore-files", "--quiet"]
        for pattern in DEFAULT_EXCLUDES:
            cmd += ["--exclude", pattern.rstrip("/")]
        name, targets = f"semgrep -j {self.jobs}", [str(tree)]
        if notebooks is not None:
            name, targets = f"{name}, notebooks as .py", [*targets, str(notebooks)]
        try:
            row = self.measure(name, "semgrep", [*cmd, *targets], out=out)
            data = json.loads(out.read_text())
        except (SystemExit, ValueError) as error:  # a failed semgrep run costs its row only
            self.notes.append(f"semgrep failed on {tree}: {str(error).splitlines()[0]}")
            return None
        results = data.get("results", [])
        row.counts = {
            "scanned": len(data.get("paths", {}).get("scanned", [])),
            "matched": len({r["path"] for r in results}),
            "results": len(results),
        }
        return row

    def scan_row(
        self,
        name: str,
        tree: Path,
        jobs: int,
        *,
        cache: Path | None = None,
        src: Path | None = None,
        repeat: int | None = None,
        provider: str | None = None,
        extra: tuple[str, ...] = (),
        fresh_cache: bool = False,
    ) -> Row:
        """`fresh_cache`: `cache` is removed before each run (a first run, which writes it)."""
        out = self.work / "scan.json"
        cmd = self.ml("scan", str(tree), "-f", "json", "-o", str(out), "-j", str(jobs), *extra)
        cmd += ["--provider", provider] if provider is not None else []
        cmd += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
        env = None
        if src is not None:
            path = os.pathsep.join([str(src.resolve()), os.environ.get("PYTHONPATH", "")])
            env = {**self.env, "PYTHONPATH": path}
        out.unlink(missing_ok=True)

        def emptied() -> list[str]:
            assert cache is not None
            shutil.rmtree(cache, ignore_errors=True)
            return cmd

        prepare = emptied if fresh_cache else None
        row = self.measure(name, "scan", cmd, env=env, repeat=repeat, prepare=prepare)
        if not out.exists():  # exit 1 is findings, or a Python that has no migrate_llm
            raise SystemExit(f"scan wrote no report: {' '.join(cmd)}")
        row.counts = scan_counts(json.loads(out.read_text()))
        return row

    def apply_row(self, tree: Path) -> Row:
        """`apply --yes` on a fresh copy of the tree for each run (the copy is not timed)."""
        copy = self.work / "apply-copy"

        def prepare() -> list[str]:
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(tree, copy, symlinks=True)
            return self.ml(
                "apply",
                str(copy),
                "--provider",
                PROVIDER,
                "--yes",
                "--allow-dirty",
                "-j",
                str(self.jobs),
            )

        row = self.measure(f"apply -p {PROVIDER} -j {self.jobs}", "apply", [], prepare=prepare)
        row.counts = {"changed": changed_files(tree, copy)}
        shutil.rmtree(copy)
        return row

    # -- one tree --------------------------------------------------------------------------

    def tree_section(self, label: str, kind: str, tree: Path, *, full: bool = True) -> dict:
        files = count_files(tree)
        rows: list[Row] = [self.grep_row(tree)]
        semgrep = self.semgrep_row(tree)
        if semgrep is not None:
            rows.append(semgrep)
            notebooks = self.work / "notebooks-as-python"
            if full and notebook_code(tree, notebooks):
                # like for like: semgrep given the code of the notebooks scan reads
                both = self.semgrep_row(tree, notebooks=notebooks)
                rows += [both] if both is not None else []
            shutil.rmtree(notebooks, ignore_errors=True)
        rows.append(self.scan_row("scan -j 1 (cold)", tree, 1))
        if full:
            if self.args.compare_src is not None:
                rows.append(
                    self.scan_row("scan -j 1 --compare-src", tree, 1, src=self.args.compare_src)
                )
            rows.append(self.scan_row(f"scan -j {self.jobs} (cold)", tree, self.jobs))
            if has_notebooks(tree):
                # what the notebooks cost, and the like-for-like row for semgrep, which reads none
                name = f"scan -j {self.jobs}, no .ipynb"
                extra = ("--exclude", "*.ipynb")
                rows.append(self.scan_row(name, tree, self.jobs, extra=extra))
            # what a user's first scan does: it writes the result cache (on by default), which
            # the cold rows (--no-cache) leave out; its last run's cache is the warm rows'
            cache = self.work / "cache"
            first = f"scan -j {self.jobs} (first run)"
            rows.append(self.scan_row(first, tree, self.jobs, cache=cache, fresh_cache=True))
            rows.append(self.scan_row(f"scan -j {self.jobs} (warm)", tree, self.jobs, cache=cache))
            shutil.rmtree(cache, ignore_errors=True)
        if self.args.apply or self.args.goals or kind == "big-file":
            # the scan that previews a migration (`--provider`): what a user runs first, and
            # what apply is held to
            preview = f"scan -p {PROVIDER} -j {self.jobs} (cold)"
            rows.append(self.scan_row(preview, tree, self.jobs, provider=PROVIDER))
        if self.args.apply or self.args.goals:
            rows.append(self.apply_row(tree))
        return {"label": label, "kind": kind, "path": str(tree), "files": files, "rows": rows}

    # -- single commands -------------------------------------------------------------------

    def commands(self) -> list[Row]:
        rows = []
        if self.args.startup or self.args.goals:
            # what the machine gives before migrate-llm's own work: absolute goals move with it
            rows.append(
                self.command_row("python -c pass", "baseline", [sys.executable, "-c", "pass"])
            )
            importing = [sys.executable, "-c", "import typer"]
            rows.append(self.command_row("python -c 'import typer'", "baseline", importing))
            rows.append(self.command_row("migrate-llm --help", "help", self.ml("--help")))
            scan_help = self.ml("scan", "--help")
            rows.append(self.command_row("migrate-llm scan --help", "help", scan_help))
            empty = self.work / "empty"
            empty.mkdir()
            empty_scan = self.ml("scan", str(empty), "--no-cache")
            rows.append(self.command_row("scan EMPTY-FOLDER", "startup", empty_scan))
        if self.args.check_file or self.args.goals:
            path = self.work / "check" / "service.py"
            path.parent.mkdir()
            path.write_text(big_file(300))
            cmd = self.ml("check", str(path), "--provider", PROVIDER, "--no-cache")
            row = self.command_row("check FILE (300 lines)", "check", cmd)
            row.counts = {"lines": len(path.read_text().splitlines())}
            rows.append(row)
        return rows

    def linearity(self) -> dict | None:
        n = self.args.linearity or (2000 if self.args.goals else 0)
        if not n:
            return None
        sizes = {}
        for files in (n, 2 * n):
            tree = self.work / f"linear-{files}"
            make_tree(tree, files, self.args.share, self.args.framework)
            row = self.scan_row(f"scan -j {self.jobs} (cold), {files} files", tree, self.jobs)
            sizes[files] = row
            shutil.rmtree(tree)
        small, large = sizes[n], sizes[2 * n]
        return {"files": n, "rows": [small, large], "ratio": large.seconds / small.seconds}


# -- helpers -------------------------------------------------------------------------------


def count_files(tree: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(tree))


def has_notebooks(tree: Path) -> bool:
    for _, dirs, names in os.walk(tree):
        if any(name.endswith(".ipynb") for name in names):
            return True
        if ".git" in dirs:
            dirs.remove(".git")
    return False


def changed_files(before: Path, after: Path) -> int:
    """Files of `after` that are new or differ from the same path under `before`."""
    changed = 0
    for path in after.rglob("*"):
        if path.is_file() and not path.is_symlink():
            old = before / path.relative_to(after)
            changed += not old.is_file() or old.read_bytes() != path.read_bytes()
    return changed


def scan_counts(report: dict) -> dict:
    findings = report.get("findings", [])
    return {
        "files": report.get("files"),
        "parsed": report.get("parsed"),
        "with_findings": len({f["path"] for f in findings}),
        "findings": len(findings),
        "errors": len(report.get("errors", [])),
    }


def instruction_count(report: str) -> int | None:
    """The instructions valgrind's cachegrind reports on stderr (`==PID== I   refs:
    1,234`), summed over the processes it followed; None when it reports none."""
    counts = re.findall(r"^==\d+== I\s+refs:\s+([\d,]+)", report, re.MULTILINE)
    return sum(int(c.replace(",", "")) for c in counts) if counts else None


def ratio(a: float, b: float | None) -> float | None:
    return a / b if b else None


def find(rows: list[Row], tool: str, prefix: str = "") -> Row | None:
    return next((r for r in rows if r.tool == tool and r.name.startswith(prefix)), None)


def describe(row: Row) -> str:
    c = row.counts
    if row.tool == "grep":
        return f"{c['matched']} files match"
    if row.tool == "semgrep":
        return f"{c['scanned']} scanned, {c['matched']} with results"
    if row.tool == "scan":
        text = f"{c['files']} files, {c['parsed']} parsed, {c['with_findings']} with findings"
        return text + (f", {c['errors']} errors" if c["errors"] else "")
    if row.tool == "apply":
        return f"{c['changed']} files changed"
    if row.tool == "check":
        return f"{c['lines']} lines"
    return ""


# -- goals ---------------------------------------------------------------------------------


def goal(text: str, measured: float | None, limit: float, unit: str, lower: bool = True) -> dict:
    """A goal met when `measured` is at most `limit` (or at least, with lower=False)."""
    ok = None if measured is None else (measured <= limit if lower else measured >= limit)
    return {"goal": text, "measured": measured, "limit": limit, "unit": unit, "pass": ok}


def tree_goals(section: dict) -> list[dict]:
    """The issue's goals for one tree: a tree where scan finds nothing is held to the goal
    of an SDK-free tree (cold scan within 3x grep), any other to those of a framework-heavy
    one (2x faster than semgrep, a second run within 3x grep); memory and apply for all."""
    rows, label = section["rows"], section["label"]
    grep = find(rows, "grep")
    semgrep = find(rows, "semgrep")
    cold = [r for r in rows if re.fullmatch(r"scan -j \d+ \(cold\)", r.name)]
    cold_n = cold[-1] if cold else None
    warm = next((r for r in rows if r.name.endswith("(warm)")), None)
    first = next((r for r in rows if r.name.endswith("(first run)")), None)
    preview = find(rows, "scan", "scan -p ")
    apply = find(rows, "apply")
    goals = []
    if section["kind"] == "big-file":
        scan = cold[0]
        goals.append(goal(f"{label}: scan under 10 s", scan.seconds, 10, "s"))
        goals.append(goal(f"{label}: scan under 500 MB", scan.peak_kib * 1024 / 1e6, 500, "MB"))
        if preview is not None:
            goals.append(goal(f"{label}: {preview.name} under 10 s", preview.seconds, 10, "s"))
        return goals + _apply_goal(label, apply, preview)
    assert grep is not None and cold_n is not None
    sdk_free = not (cold_n.counts or {}).get("with_findings")
    if sdk_free:
        goals.append(
            goal(
                f"{label}: cold {cold_n.name.split(' (')[0]} within 3x grep (SDK-free tree)",
                ratio(cold_n.seconds, grep.seconds),
                3,
                "x grep",
            )
        )
    if sdk_free and first is not None:
        goals.append(
            goal(
                f"{label}: {first.name.split(' (')[0]}'s first run, writing its cache, within "
                "3x grep (SDK-free tree)",
                ratio(first.seconds, grep.seconds),
                3,
                "x grep",
            )
        )
    if semgrep is not None and not sdk_free:
        goals.append(
            goal(
                f"{label}: cold scan at least 2x faster than semgrep, both -j",
                ratio(semgrep.seconds, cold_n.seconds),
                2,
                "x faster",
                lower=False,
            )
        )
    with_notebooks = find(rows, "semgrep", f"{semgrep.name}, notebooks") if semgrep else None
    if with_notebooks is not None and not sdk_free:
        goals.append(
            goal(
                f"{label}: cold scan at least 2x faster than semgrep given the notebooks' "
                "code as Python, both -j",
                ratio(with_notebooks.seconds, cold_n.seconds),
                2,
                "x faster",
                lower=False,
            )
        )
    if warm is not None and not sdk_free:
        goals.append(
            goal(
                f"{label}: scan of the unchanged tree within 3x grep",
                ratio(warm.seconds, grep.seconds),
                3,
                "x grep",
            )
        )
    peak = max(r.peak_kib for r in rows if r.tool == "scan" and "compare-src" not in r.name)
    goals.append(
        goal(f"{label}: peak RSS of a whole-tree scan under 250 MB", peak * 1024 / 1e6, 250, "MB")
    )
    return goals + _apply_goal(label, apply, preview)


def _apply_goal(label: str, apply: Row | None, preview: Row | None) -> list[dict]:
    if apply is None or preview is None:
        return []
    return [
        goal(
            f"{label}: apply at most 1.5x the scan of the same migration (-p, same -j)",
            ratio(apply.seconds, preview.seconds),
            1.5,
            "x scan",
        )
    ]


def command_goals(rows: list[Row], linear: dict | None) -> list[dict]:
    goals = []
    for row in rows:
        if row.tool == "help":
            goals.append(goal(f"`{row.name}` under 0.15 s", row.seconds, 0.15, "s"))
        elif row.tool == "check":
            goals.append(goal("check on one 300-line file under 0.5 s", row.seconds, 0.5, "s"))
    if linear is not None:
        n = linear["files"]
        goals.append(
            goal(
                f"scan time linear in files: time({2 * n}) / time({n}) at most 2.2",
                linear["ratio"],
                2.2,
                "x",
            )
        )
    return goals


# -- output --------------------------------------------------------------------------------


def print_section(section: dict) -> None:
    rows = section["rows"]
    grep = find(rows, "grep")
    semgrep = find(rows, "semgrep")
    detail = f": {section['detail']}" if section.get("detail") else ""
    print(f"\n== {section['label']}, {section['files']} files{detail} ({section['path']})")
    print(
        f"{'run':<28}{'seconds':>9}{'CPU s':>7}{'files/s':>9}{'peak MiB':>10}{'x grep':>8}"
        f"{'CPU x grep':>11}{'x semgrep':>11}  counts"
    )
    for row in rows:
        vs_grep = ratio(row.seconds, grep.seconds if grep else None)
        cpu_vs_grep = ratio(row.cpu, grep.cpu if grep else None)
        vs_sg = ratio(row.seconds, semgrep.seconds) if semgrep and row.tool == "scan" else None
        print(
            f"{row.name:<28}{row.seconds:>9.2f}{row.cpu:>7.2f}"
            f"{section['files'] / row.seconds:>9.0f}{row.peak_mib:>10.1f}{fmt(vs_grep, 8)}"
            f"{fmt(cpu_vs_grep, 11)}{fmt(vs_sg, 11)}  {describe(row)}"
        )
    sys.stdout.flush()


def fmt(value: float | None, width: int) -> str:
    if value is None:
        return f"{'-':>{width}}"
    return f" {value:>{width - 1}.1f}" if value < 1000 else f" {value:>{width - 1}.0f}"


def row_json(row: Row, grep: Row | None, semgrep: Row | None) -> dict:
    return {
        "name": row.name,
        "tool": row.tool,
        "seconds": row.seconds,
        "times": row.times,
        "cpu": row.cpu,
        "cpu_times": row.cpu_times,
        "peak_mib": row.peak_mib,
        "vs_grep": ratio(row.seconds, grep.seconds) if grep else None,
        "cpu_vs_grep": ratio(row.cpu, grep.cpu) if grep else None,
        "vs_semgrep": ratio(row.seconds, semgrep.seconds) if semgrep else None,
        "counts": row.counts,
    }


def describe_startup(row: Row, python: Row | None) -> str:
    """A command's ratios to `python -c pass` (time, CPU time, instructions), and its
    instructions against the --compare-src copy's, where measured."""
    if python is None or row is python:
        parts = []
    else:
        parts = [
            f"{row.seconds / python.seconds:.1f}x python",
            f"CPU {ratio(row.cpu, python.cpu) or 0:.1f}x",
        ]
    if row.instructions is not None:
        parts.append(f"{row.instructions / 1e6:,.0f} M instructions")
        if python is not None and python.instructions and row is not python:
            parts.append(f"{row.instructions / python.instructions:.1f}x python's")
    if row.compare_instructions is not None and row.instructions is not None:
        parts.append(
            f"--compare-src {row.compare_instructions / 1e6:,.0f} M"
            f" ({row.instructions / row.compare_instructions:.3f}x)"
        )
    return "  " + "; ".join(parts) if parts else ""


def command_json(row: Row, commands: list[Row]) -> dict:
    """A single command's figures, with its ratios to `python -c pass` where measured."""
    python = find(commands, "baseline", "python -c pass")
    ratios = python is not None and row is not python
    return {
        **row_json(row, None, None),
        "vs_python": ratio(row.seconds, python.seconds) if ratios else None,
        "cpu_vs_python": ratio(row.cpu, python.cpu) if ratios else None,
        "instructions": row.instructions,
        "instructions_vs_python": ratio(row.instructions, python.instructions)
        if ratios and row.instructions is not None
        else None,
        "compare_src_instructions": row.compare_instructions,
    }


def section_json(section: dict) -> dict:
    rows = section["rows"]
    grep, semgrep = find(rows, "grep"), find(rows, "semgrep")
    return {
        **section,
        "rows": [row_json(r, grep, semgrep if r.tool in ("scan", "apply") else None) for r in rows],
    }


def load_average() -> str:
    """The system's load average over the last minute, or "?" where it cannot be read."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def semgrep_version(path: str | None) -> str | None:
    if path is None:
        return None
    env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}
    try:
        proc = subprocess.run([path, "--version"], capture_output=True, text=True, env=env)
    except OSError:
        return None
    return proc.stdout.strip() or None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tree = parser.add_argument_group("trees")
    tree.add_argument("--files", type=int, default=3000, help="files of the generated tree")
    tree.add_argument("--share", type=float, default=0.1, help="share of OpenAI files")
    tree.add_argument(
        "--framework",
        type=float,
        default=0.0,
        help="share of LlamaIndex/LangChain files that do not use OpenAI",
    )
    tree.add_argument(
        "--tree",
        type=Path,
        action="append",
        metavar="DIR",
        help="measure this directory instead of a generated tree (repeatable)",
    )
    tree.add_argument(
        "--big-file",
        type=int,
        metavar="LINES",
        help="scan one generated module of LINES lines, alone in its tree "
        "(--goals: 50000; 0 skips it)",
    )
    what = parser.add_argument_group("what to measure")
    what.add_argument(
        "--goals",
        action="store_true",
        help="everything below, and the issue's goals as pass/fail lines",
    )
    what.add_argument("--apply", action="store_true", help="time apply on a copy of each tree")
    what.add_argument(
        "--startup",
        action="store_true",
        help="time python -c pass, --help, scan --help and scan of an empty folder",
    )
    what.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of those commands and check, under valgrind",
    )
    what.add_argument("--valgrind", type=Path, metavar="PATH", help="valgrind executable")
    what.add_argument(
        "--check-file", action="store_true", help="time check on a generated 300-line file"
    )
    what.add_argument(
        "--linearity",
        type=int,
        default=0,
        metavar="N",
        help="time scan of N and 2N generated files (--goals: 2000)",
    )
    what.add_argument("--semgrep", type=Path, metavar="PATH", help="semgrep executable")
    what.add_argument("--no-semgrep", action="store_true", help="skip semgrep")
    what.add_argument(
        "--compare-src",
        type=Path,
        metavar="SRC",
        help="also run scan -j 1 with SRC first on PYTHONPATH",
    )
    run = parser.add_argument_group("running")
    run.add_argument("--jobs", type=int, default=0, help="jobs of scan -j N and semgrep (0: CPUs)")
    run.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    run.add_argument("--json", type=Path, metavar="FILE", help="write all figures as JSON")
    args = parser.parse_args(argv)
    if args.big_file is None:
        args.big_file = 50000 if args.goals else 0
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="migrate-llm-bench-"))
    jobs = args.jobs or os.cpu_count() or 1
    print(
        f"jobs: {jobs} of {os.cpu_count()} CPUs; median of {max(1, args.repeat)} runs; "
        "peak MiB = largest process of a run; CPU s = user + system time of a run",
        flush=True,
    )
    load_at_start = load_average()
    try:
        bench = Bench(args, work)
        sections = []
        for tree in args.tree or []:
            if not tree.is_dir():
                raise SystemExit(f"--tree {tree}: not a directory")
            sections.append(bench.tree_section(tree.name, "dir", tree.resolve()))
            print_section(sections[-1])
        if not args.tree:
            tree = work / "tree"
            kinds = make_tree(tree, args.files, args.share, args.framework)
            section = bench.tree_section("generated tree", "generated", tree)
            section["generated"] = kinds
            section["detail"] = (
                f"{kinds['openai']} OpenAI, {kinds['framework']} framework, "
                f"{kinds['plain']} plain Python, {kinds['yaml']} YAML"
            )
            sections.append(section)
            print_section(section)
            shutil.rmtree(tree)
        for shape, name in (("functions", "file"), ("class", "class")) if args.big_file else ():
            tree = work / "big"
            tree.mkdir()
            (tree / "big_module.py").write_text(big_file(args.big_file, shape))
            label = f"{args.big_file}-line {name}"
            sections.append(bench.tree_section(label, "big-file", tree, full=False))
            print_section(sections[-1])
            shutil.rmtree(tree)
        commands = bench.commands()
        linear = bench.linearity()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(
        f"load average (1 min): {load_at_start} at the start, {load_average()} at the end "
        f"({os.cpu_count()} CPUs; above that, runs wait for a core and wall times grow)"
    )
    for note in bench.notes:
        print(f"note: {note}")
    if commands:
        print()
        python = find(commands, "baseline", "python -c pass")
        for row in commands:
            print(
                f"{row.name:<28}{row.seconds:>9.3f} s{row.cpu:>7.3f} s CPU{row.peak_mib:>9.1f} MiB"
                f"{describe_startup(row, python)}"
            )
    if linear is not None:
        small, large = linear["rows"]
        print(
            f"\nlinearity: {small.name} {small.seconds:.2f} s, {large.name} {large.seconds:.2f} s:"
            f" ratio {linear['ratio']:.2f}"
        )
    compared = [find(s["rows"], "scan", "scan -j 1 --compare-src") for s in sections]
    for section, other in zip(sections, compared, strict=True):
        if other is not None:
            this = find(section["rows"], "scan", "scan -j 1 (cold)")
            print(
                f"{section['label']}: this source against --compare-src (scan -j 1): "
                f"{this.seconds / other.seconds:.2f}x the time "
                f"({other.seconds / this.seconds:.2f}x faster), "
                f"{this.peak_kib / other.peak_kib:.2f}x the peak memory"
            )
    goals = []
    if args.goals:
        for section in sections:
            goals += tree_goals(section)
        goals += command_goals(commands, linear)
        print("\ngoals (issue #16):")
        for g in goals:
            verdict = {True: "PASS", False: "FAIL", None: "n/a "}[g["pass"]]
            measured = "-" if g["measured"] is None else f"{g['measured']:.2f}"
            print(f"  {verdict}  {g['goal']}: {measured} {g['unit']} (limit {g['limit']})")
    if args.json is not None:
        data = {
            "cpus": os.cpu_count(),
            "jobs": bench.jobs,
            "repeat": bench.repeat,
            "python": sys.version.split()[0],
            "semgrep": semgrep_version(bench.semgrep),
            "notes": bench.notes,
            "load_average": {"start": load_at_start, "end": load_average()},
            "trees": [section_json(s) for s in sections],
            "commands": [command_json(r, commands) for r in commands],
            "linearity": None
            if linear is None
            else {
                "files": linear["files"],
                "ratio": linear["ratio"],
                "rows": [row_json(r, None, None) for r in linear["rows"]],
            },
            "goals": goals,
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    main()
