"""bench/bench_scan.py runs end to end on a tiny generated tree and reports the right counts.

Times are never asserted: only the shape of the JSON and what each command found.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "bench_scan.py"
NO_BYTECODE = shutil.ignore_patterns("__pycache__")


def run_bench(tmp_path: Path, *args: str) -> tuple[dict, str]:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--repeat", "1", "--json", str(out), *args],
        capture_output=True,
        text=True,
        timeout=600,  # a bound, not a measure: on a loaded machine the runs take long
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text()), proc.stdout


def rows_by_name(section: dict) -> dict[str, dict]:
    return {row["name"]: row for row in section["rows"]}


def test_generated_tree_rows_and_counts(tmp_path: Path) -> None:
    data, stdout = run_bench(
        tmp_path, "--files", "20", "--share", "0.3", "--framework", "0.3", "--no-semgrep",
        "--jobs", "2", "--apply",
    )  # fmt: skip
    assert data["jobs"] == 2
    assert data["repeat"] == 1
    assert data["semgrep"] is None
    assert data["notes"] == []
    assert data["commands"] == []
    assert data["linearity"] is None
    assert data["goals"] == []
    (section,) = data["trees"]
    assert section["kind"] == "generated"
    kinds = section["generated"]
    # seed 7: the same composition every run
    assert kinds == {"openai": 8, "framework": 8, "yaml": 1, "plain": 3}
    assert section["files"] == 20 + 1 + 20  # and a .gitignore at the root and in each package
    rows = rows_by_name(section)
    assert list(rows) == [
        "grep -rlE",
        "scan -j 1 (cold)",
        "scan -j 2 (cold)",
        "scan -j 2 (first run)",
        "scan -j 2 (warm)",
        "scan -p zhipu -j 2 (cold)",
        "apply -p zhipu -j 2",
    ]
    # grep matches the OpenAI files and the framework files that mention OpenAI in text
    assert rows["grep -rlE"]["counts"] == {"matched": kinds["openai"] + kinds["framework"]}
    assert rows["grep -rlE"]["vs_grep"] == 1.0
    expected_scan = rows["scan -j 1 (cold)"]["counts"]
    # how many framework files get past the text prefilter is the scanner's business
    assert kinds["openai"] <= expected_scan["parsed"] <= kinds["openai"] + kinds["framework"]
    assert expected_scan == {
        "files": 20,
        "parsed": expected_scan["parsed"],
        "with_findings": kinds["openai"],
        "findings": expected_scan["findings"],
        "errors": 0,
    }
    assert expected_scan["findings"] >= 3 * kinds["openai"]
    # the first run writes the cache the warm run reads: the same report
    scans = ("scan -j 1 (cold)", "scan -j 2 (cold)", "scan -j 2 (first run)", "scan -j 2 (warm)")
    for name in scans:
        row = rows[name]
        assert row["tool"] == "scan"
        assert row["counts"] == expected_scan
        assert row["vs_semgrep"] is None
        assert len(row["times"]) == 1
        assert row["seconds"] == row["times"][0] > 0
        assert row["peak_mib"] > 0
        # the CPU time of the run (user + system, the waited-for processes included)
        assert len(row["cpu_times"]) == 1
        assert row["cpu"] == row["cpu_times"][0] > 0
        assert row["cpu_vs_grep"] == row["cpu"] / rows["grep -rlE"]["cpu"]
    preview = rows["scan -p zhipu -j 2 (cold)"]["counts"]
    assert preview["with_findings"] == kinds["openai"]
    assert preview["findings"] >= expected_scan["findings"]
    assert rows["apply -p zhipu -j 2"]["counts"] == {"changed": kinds["openai"]}
    assert "scan -j 2 (warm)" in stdout
    assert "CPU x grep" in stdout
    assert set(data["load_average"]) == {"start", "end"}
    assert "load average (1 min): " in stdout
    assert "8 OpenAI, 8 framework, 3 plain Python, 1 YAML" in stdout


def test_tree_dir_big_file_commands_and_goals(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    (tree / "app").mkdir(parents=True)
    (tree / "app" / "llm.py").write_text(
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'reply = client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    (tree / "app" / "util.py").write_text("def add(a, b):\n    return a + b\n")
    (tree / "README.md").write_text("Uses gpt-4o.\n")
    # semgrep is asked for but missing: a note, and the run goes on
    data, stdout = run_bench(
        tmp_path, "--tree", str(tree), "--semgrep", str(tmp_path / "no-semgrep"),
        "--big-file", "300", "--goals", "--linearity", "4",
    )  # fmt: skip
    assert "semgrep" in data["notes"][0]
    assert "note: semgrep" in stdout
    dir_section, big, big_class = data["trees"]
    assert dir_section["kind"] == "dir"
    assert dir_section["path"] == str(tree)
    assert dir_section["files"] == 3
    rows = rows_by_name(dir_section)
    assert rows["grep -rlE"]["counts"] == {"matched": 2}
    assert rows["scan -j 1 (cold)"]["counts"] == {
        "files": 2,
        "parsed": 1,
        "with_findings": 1,
        "findings": rows["scan -j 1 (cold)"]["counts"]["findings"],
        "errors": 0,
    }
    assert [r["tool"] for r in dir_section["rows"]] == [
        "grep", "scan", "scan", "scan", "scan", "scan", "apply",
    ]  # fmt: skip
    assert dir_section["rows"][-1]["counts"] == {"changed": 1}
    # the tree given is never written to
    assert "from openai import OpenAI" in (tree / "app" / "llm.py").read_text()

    assert big["kind"] == "big-file"
    assert big["files"] == 1
    assert [r["name"] for r in big["rows"]] == [
        "grep -rlE", "scan -j 1 (cold)", "scan -p zhipu -j 2 (cold)", "apply -p zhipu -j 2",
    ]  # fmt: skip
    assert big["rows"][1]["counts"]["with_findings"] == 1
    assert big["rows"][3]["counts"] == {"changed": 1}
    assert (big["label"], big_class["label"]) == ("300-line file", "300-line class")
    assert [r["name"] for r in big_class["rows"]] == [r["name"] for r in big["rows"]]
    assert big_class["rows"][1]["counts"]["with_findings"] == 1
    assert big_class["rows"][3]["counts"] == {"changed": 1}

    assert [c["name"] for c in data["commands"]] == [
        "python -c pass",
        "python -c 'import typer'",
        "migrate-llm --help",
        "migrate-llm scan --help",
        "scan EMPTY-FOLDER",
        "check FILE (300 lines)",
    ]
    assert [c["tool"] for c in data["commands"]] == [
        "baseline", "baseline", "help", "help", "startup", "check",
    ]  # fmt: skip
    assert data["commands"][5]["counts"] == {"lines": 300}
    python = data["commands"][0]
    assert python["vs_python"] is None
    for command in data["commands"][1:]:
        assert command["vs_python"] == command["seconds"] / python["seconds"]
        assert command["instructions"] is None  # not asked for (--instructions)
    linear = data["linearity"]
    assert linear["files"] == 4
    assert [r["counts"]["files"] for r in linear["rows"]] == [4, 8]
    assert linear["ratio"] == linear["rows"][1]["seconds"] / linear["rows"][0]["seconds"]

    goals = [g["goal"] for g in data["goals"]]
    # a tree with findings: the framework-heavy tree's goals (semgrep missing: not that one)
    assert goals[:3] == [
        "repo: scan of the unchanged tree within 3x grep",
        "repo: peak RSS of a whole-tree scan under 250 MB",
        "repo: apply at most 1.5x the scan of the same migration (-p, same -j)",
    ]
    assert goals[3:7] == [
        "300-line file: scan under 10 s",
        "300-line file: scan under 500 MB",
        "300-line file: scan -p zhipu -j 2 (cold) under 10 s",
        "300-line file: apply at most 1.5x the scan of the same migration (-p, same -j)",
    ]
    assert goals[7:11] == [
        "300-line class: scan under 10 s",
        "300-line class: scan under 500 MB",
        "300-line class: scan -p zhipu -j 2 (cold) under 10 s",
        "300-line class: apply at most 1.5x the scan of the same migration (-p, same -j)",
    ]
    assert len(goals) == 15
    assert "300-line file" in goals[-2]
    for g in data["goals"]:
        assert g["pass"] in (True, False)
        assert set(g) == {"goal", "measured", "limit", "unit", "pass"}
    assert "goals (issue #16):" in stdout


def test_a_tree_with_notebooks_is_also_scanned_without_them(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    tree.mkdir()
    (tree / "llm.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    notebook = {
        "cells": [{**cell, "source": ["import openai\n", "openai.api_key = 'x'\n"]}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tree / "demo.ipynb").write_text(json.dumps(notebook))
    data, stdout = run_bench(tmp_path, "--tree", str(tree), "--no-semgrep", "--jobs", "2")
    rows = rows_by_name(data["trees"][0])
    assert list(rows) == [
        "grep -rlE", "scan -j 1 (cold)", "scan -j 2 (cold)", "scan -j 2, no .ipynb",
        "scan -j 2 (first run)", "scan -j 2 (warm)",
    ]  # fmt: skip
    assert rows["scan -j 2 (cold)"]["counts"]["files"] == 2
    assert rows["scan -j 2 (cold)"]["counts"]["with_findings"] == 2
    assert rows["scan -j 2, no .ipynb"]["counts"]["files"] == 1
    assert rows["scan -j 2, no .ipynb"]["counts"]["with_findings"] == 1
    assert "scan -j 2, no .ipynb" in stdout


FAKE_SEMGREP = """#!{python}
import json, os, sys
targets = [a for a in sys.argv[1:] if os.path.isdir(a)]
seen = {{}}
for target in targets:
    for folder, _, names in os.walk(target):
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                seen[os.path.relpath(path, target)] = open(path).read()
with open({log!r}, "a") as log:
    log.write(json.dumps({{"targets": len(targets), "seen": seen}}) + "\\n")
print(json.dumps({{"results": [], "paths": {{"scanned": sorted(seen)}}}}))
"""


def test_semgrep_is_also_given_the_notebooks_code_as_python(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    (tree / "docs").mkdir(parents=True)
    (tree / "llm.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    notebook = {
        "cells": [
            {**cell, "source": ["%pip install openai\n", "import openai"]},
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
            {**cell, "source": "if True:\n    !ls\nopenai.api_key = 'x'"},
            {**cell, "source": ["%%bash\n", "echo hi"]},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tree / "docs" / "demo.ipynb").write_text(json.dumps(notebook))
    log = tmp_path / "semgrep.log"
    fake = tmp_path / "semgrep"
    fake.write_text(FAKE_SEMGREP.format(python=sys.executable, log=str(log)))
    fake.chmod(0o755)
    data, stdout = run_bench(tmp_path, "--tree", str(tree), "--semgrep", str(fake), "--jobs", "2")
    names = [row["name"] for row in data["trees"][0]["rows"]]
    assert names[:3] == ["grep -rlE", "semgrep -j 2", "semgrep -j 2, notebooks as .py"]
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    runs = [run for run in runs if run["targets"]]  # not `semgrep --version`
    assert [run["targets"] for run in runs] == [1, 2]  # the tree, then with the notebooks
    assert runs[0]["seen"] == {"llm.py": (tree / "llm.py").read_text()}
    assert runs[1]["seen"].keys() == {"llm.py", "docs/demo.ipynb.py"}
    # the module scan's rules see: the Python cells, IPython lines hidden, `%%bash` left out
    module = runs[1]["seen"]["docs/demo.ipynb.py"]
    assert ast.parse(module)
    assert "import openai\n" in module
    assert "if True:\n" in module and "openai.api_key = 'x'" in module
    assert "%pip" not in module and "!ls" not in module and "echo hi" not in module
    assert "semgrep -j 2, notebooks as .py" in stdout
    assert not list(tmp_path.glob("migrate-llm-bench-*"))  # the written code is not left behind


def _bench_module(monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # it imports bench_trees beside it
    monkeypatch.delitem(sys.modules, "bench_scan", raising=False)
    spec = importlib.util.spec_from_file_location("bench_scan", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_scan", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_goals_follow_what_the_tree_holds(monkeypatch) -> None:
    bench = _bench_module(monkeypatch)

    def rows(with_findings: int) -> list:
        counts = {"with_findings": with_findings}
        return [
            bench.Row("grep -rlE", "grep", 1.0, [1.0], 1000),
            bench.Row("semgrep -j 2", "semgrep", 12.0, [12.0], 1000),
            bench.Row("semgrep -j 2, notebooks as .py", "semgrep", 14.0, [14.0], 1000),
            bench.Row("scan -j 1 (cold)", "scan", 8.0, [8.0], 1000, counts),
            bench.Row("scan -j 2 (cold)", "scan", 4.0, [4.0], 2000, counts),
            bench.Row("scan -j 2 (warm)", "scan", 2.0, [2.0], 1000, counts),
            bench.Row("scan -p zhipu -j 2 (cold)", "scan", 5.0, [5.0], 1000, counts),
            bench.Row("apply -p zhipu -j 2", "apply", 6.0, [6.0], 1000),
        ]

    def measured(with_findings: int) -> dict:
        section = {"label": "t", "kind": "dir", "rows": rows(with_findings)}
        return {g["goal"]: (g["measured"], g["pass"]) for g in bench.tree_goals(section)}

    peak = 2000 * 1024 / 1e6
    apply = "t: apply at most 1.5x the scan of the same migration (-p, same -j)"
    assert measured(0) == {
        "t: cold scan -j 2 within 3x grep (SDK-free tree)": (4.0, False),
        "t: peak RSS of a whole-tree scan under 250 MB": (peak, True),
        apply: (1.2, True),
    }
    assert measured(3) == {
        "t: cold scan at least 2x faster than semgrep, both -j": (3.0, True),
        "t: cold scan at least 2x faster than semgrep given the notebooks' code as Python, "
        "both -j": (3.5, True),
        "t: scan of the unchanged tree within 3x grep": (2.0, True),
        "t: peak RSS of a whole-tree scan under 250 MB": (peak, True),
        apply: (1.2, True),
    }
    # with the row of a first run (writing the cache), an SDK-free tree is held to it too
    first = bench.Row("scan -j 2 (first run)", "scan", 5.0, [5.0], 3000, {"with_findings": 0})
    section = {"label": "t", "kind": "dir", "rows": [*rows(0), first]}
    goals = {g["goal"]: (g["measured"], g["pass"]) for g in bench.tree_goals(section)}
    assert goals["t: scan -j 2's first run, writing its cache, within 3x grep (SDK-free tree)"] == (
        5.0,
        False,
    )
    assert goals["t: peak RSS of a whole-tree scan under 250 MB"] == (3000 * 1024 / 1e6, True)
    section = {"label": "t", "kind": "dir", "rows": [*rows(3), first]}
    assert not any("first run" in g["goal"] for g in bench.tree_goals(section))


def test_the_package_and_the_compared_copy_are_byte_compiled_before_any_run(
    monkeypatch, tmp_path: Path
) -> None:
    import argparse

    bench = _bench_module(monkeypatch)
    copy = tmp_path / "src"
    # without the bytecode (another run may be writing its kept code there meanwhile)
    shutil.copytree(ROOT / "src" / "migrate_llm", copy / "migrate_llm", ignore=NO_BYTECODE)
    args = argparse.Namespace(
        jobs=1, repeat=1, semgrep=None, no_semgrep=True, compare_src=copy, instructions=False
    )
    monkeypatch.setattr(bench.Bench, "_keep_code", lambda self, package: None)
    bench.Bench(args, tmp_path)
    modules = sorted(p.stem for p in (copy / "migrate_llm").glob("*.py"))
    compiled = sorted(
        p.name.split(".")[0] for p in (copy / "migrate_llm" / "__pycache__").glob("*.pyc")
    )
    assert compiled == modules


def test_each_copy_s_kept_code_is_written_afresh_before_any_run(
    monkeypatch, tmp_path: Path
) -> None:
    """As an installed package's is by its first run: PYTHONDONTWRITEBYTECODE (set on the
    bench's machine) keeps the measured runs from writing it, and what the test suite left
    is replaced."""
    import argparse

    bench = _bench_module(monkeypatch)
    copy = tmp_path / "old" / "src"
    shutil.copytree(ROOT / "src" / "migrate_llm", copy / "migrate_llm", ignore=NO_BYTECODE)
    shutil.copytree(ROOT / "providers", tmp_path / "old" / "providers")
    stale = copy / "migrate_llm" / "__pycache__" / "kept-code.stale.marshal"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"left by an earlier run")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setattr(bench.Bench, "_compile_sources", lambda self: None)
    args = argparse.Namespace(
        jobs=1, repeat=1, semgrep=None, no_semgrep=True, compare_src=copy, instructions=False
    )
    made = bench.Bench(args, tmp_path / "work")
    made.work.mkdir()
    made._keep_code(copy / "migrate_llm")
    kept = sorted(p.name for p in (copy / "migrate_llm" / "__pycache__").glob("kept-code.*"))
    assert len(kept) == 1 and not stale.exists() and made.notes == []
    broken = tmp_path / "broken" / "src" / "migrate_llm"
    shutil.copytree(ROOT / "src" / "migrate_llm", broken, ignore=NO_BYTECODE)  # no providers
    made._keep_code(broken)
    assert len(made.notes) == 1 and "kept code not written" in made.notes[0]


def test_instruction_count_sums_the_report_of_each_process(monkeypatch) -> None:
    bench = _bench_module(monkeypatch)
    report = (
        "==101== Cachegrind, a high-precision tracing profiler\n"
        "==102== I   refs:      1,000\n"
        "==101== \n"
        "==101== I   refs:      2,345,678\n"
    )
    assert bench.instruction_count(report) == 2_346_678
    assert bench.instruction_count("==7== Cachegrind\nvalgrind: bad option\n") is None


# Stands in for valgrind: runs the command after the options and reports one count per
# process, as cachegrind does with --trace-children=yes (this one: the command's own, and
# one child's)
FAKE_VALGRIND = """#!{python}
import subprocess, sys
args = sys.argv[1:]
while args[0].startswith("--"):  # valgrind's own options
    args.pop(0)
code = subprocess.run(args).returncode
sys.stderr.write("==11== I   refs:      1,000,000\\n==10== I   refs:      {refs}\\n")
sys.exit(code)
"""


def _startup_commands(monkeypatch, tmp_path: Path, refs: str, **given):
    import argparse

    bench = _bench_module(monkeypatch)
    monkeypatch.setattr(bench.Bench, "_compile_sources", lambda self: None)
    valgrind = tmp_path / "valgrind"
    valgrind.write_text(FAKE_VALGRIND.format(python=sys.executable, refs=refs))
    valgrind.chmod(0o755)
    args = argparse.Namespace(
        jobs=1, repeat=1, semgrep=None, no_semgrep=True, compare_src=None, startup=True,
        check_file=False, goals=False, instructions=True, valgrind=valgrind,
    )  # fmt: skip
    args.__dict__.update(given)
    work = tmp_path / "work"
    work.mkdir()
    made = bench.Bench(args, work)
    return bench, made, made.commands()


def test_startup_commands_are_counted_under_valgrind_with_ratios_to_python(
    monkeypatch, tmp_path: Path
) -> None:
    bench, made, rows = _startup_commands(monkeypatch, tmp_path, "3,000,000")
    assert [(r.name, r.tool) for r in rows] == [
        ("python -c pass", "baseline"),
        ("python -c 'import typer'", "baseline"),
        ("migrate-llm --help", "help"),
        ("migrate-llm scan --help", "help"),
        ("scan EMPTY-FOLDER", "startup"),
    ]
    assert made.notes == []
    # each process's count, summed
    assert [r.instructions for r in rows] == [4_000_000] * 5
    assert [r.compare_instructions for r in rows] == [None] * 5
    data = [bench.command_json(r, rows) for r in rows]
    assert [d["instructions_vs_python"] for d in data] == [None, 1.0, 1.0, 1.0, 1.0]
    assert [d["instructions"] for d in data] == [4_000_000] * 5
    assert "4 M instructions; 1.0x python's" in bench.describe_startup(rows[2], rows[0])


def test_with_compare_src_each_command_is_also_counted_with_the_other_copy(
    monkeypatch, tmp_path: Path
) -> None:
    _, _, rows = _startup_commands(
        monkeypatch, tmp_path, "5,000,000", compare_src=ROOT / "src"
    )  # fmt: skip
    # the baseline runs no migrate-llm: nothing to compare
    assert [r.compare_instructions for r in rows] == [None, None, 6_000_000, 6_000_000, 6_000_000]


def test_without_valgrind_a_note_and_no_counts(monkeypatch, tmp_path: Path) -> None:
    _, made, rows = _startup_commands(
        monkeypatch, tmp_path, "1", valgrind=tmp_path / "no-valgrind"
    )  # fmt: skip
    assert made.notes == [
        f"valgrind not found ({tmp_path / 'no-valgrind'}): instructions not counted"
    ]
    assert [r.instructions for r in rows] == [None] * 5
