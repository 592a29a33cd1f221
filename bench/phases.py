"""Where a scan's time goes on the files it examines, phase by phase, in one process.

Usage: python bench/phases.py DIR [--provider ID] [--only SUFFIX] [--rules] [--slowest N]
                              [--json FILE]

Finds and screens the files under DIR as `scan` does, then examines every file worth it in
this process, one after the other (no pool, no cache), with the functions that do each phase
wrapped in a timer: reading the bytes, Python's parse, libcst's parse, the scope analysis
(with the walk that records the module's nodes), the rules, collecting each file's tree,
placing the findings, laying out the migrated code, notebooks and config files. Phases nest
(libcst's parse is part of the Python findings), so the shares do not add up to 100%. The
first file is examined once before the clock starts: importing libcst and the rules is a
cost of each process, not of a file. --only keeps the files whose name ends with SUFFIX
(`.py`, `.ipynb`); --rules adds the time of each rule's `visit_` methods (timing each call
adds about half to the rules' own time); --slowest lists the N files that took longest.
Times move by a few percent from one run to the next: compare two versions of the code by
alternating runs of each (`PYTHONPATH=other/src python bench/phases.py ...`).
Exit codes: 0 measured, 2 bad input (not a directory, an unknown provider) or a timed
function this version of the code no longer has, each said in one line on stderr.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

PYTHON = "migrate_llm.rules.python"
CONTEXT = "migrate_llm.rules.python_context"
# (phase, module, attribute): the function (or a class's method, `Class.method`) timed.
PHASES = (
    ("read the file", "migrate_llm.engine", "read_bytes"),
    ("Python findings (libcst's parse, the analysis, the rules)", PYTHON, "_findings"),
    ("  libcst's parse", PYTHON, "parse_module"),
    ("  the module's context (its analysis, its index)", CONTEXT, "PythonContext.__init__"),
    ("    scope analysis and the walk of the nodes", CONTEXT, "_scopes"),
    ("  the rules", PYTHON, "dispatch"),
    ("  placing findings", CONTEXT, "PythonContext.position"),
    ("notebooks: reading the JSON", "migrate_llm.notebooks", "read_notebook"),
    ("notebooks: joining the cells", "migrate_llm.notebooks", "build"),
    ("config files", "migrate_llm.rules.config_files", "check_config"),
    ("laying out the migrated code", "migrate_llm.engine", "migrate_text"),
)
# Calls of a module's function made through that module's name (`ast.parse` in the engine,
# `gc.collect` in the rules): timed only where this module makes them.
THROUGH = (
    ("Python's parse", "migrate_llm.engine", "ast", "parse"),
    ("Python's parse", "migrate_llm.notebook_code", "ast", "parse"),
    ("collecting the tree", "migrate_llm.collector", "gc", "collect"),
)


def fail(message: str) -> NoReturn:
    """Say `message` in one line on stderr and exit 2."""
    print(f"phases: {message}", file=sys.stderr)
    raise SystemExit(2)


class Timer:
    """Seconds and calls by name; a call inside another of the same name counts once."""

    def __init__(self) -> None:
        self.seconds: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self._running: collections.Counter[str] = collections.Counter()

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._running[name]:
                return function(*args, **kwargs)
            self._running[name] += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1
                self._running[name] -= 1

        return timed


class _Through:
    """A module as another module sees it, with one of its functions timed."""

    def __init__(self, module: Any, attribute: str, timed: Callable[..., Any]) -> None:
        self._module = module
        setattr(self, attribute, timed)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def install(timer: Timer, rules: bool) -> None:
    """Wrap every phase's function; exit 2 naming one that this version of the code lacks."""
    import importlib

    for phase, module_name, attribute in PHASES:
        module = importlib.import_module(module_name)
        owner: Any = module
        name = attribute
        if "." in attribute:
            class_name, name = attribute.split(".")
            owner = getattr(module, class_name, None)
        function = getattr(owner, name, None) if owner is not None else None
        if function is None:
            fail(f"{module_name}.{attribute} is gone; update PHASES")
        setattr(owner, name, timer.wrap(phase, function))
    for phase, module_name, through, attribute in THROUGH:
        module = importlib.import_module(module_name)
        used = getattr(module, through, None)
        if used is None or not callable(getattr(used, attribute, None)):
            fail(f"{module_name} no longer calls {through}.{attribute}; update THROUGH")
        timed = timer.wrap(phase, getattr(used, attribute))
        setattr(module, through, _Through(used, attribute, timed))
    if rules:
        from migrate_llm.rules import python as python_rules_module
        from migrate_llm.rules import python_rules

        for rule in python_rules():
            for _node, method in python_rules_module._visit_methods(rule):
                key = f"rule {rule.__name__}"
                setattr(rule, method, timer.wrap(f"{key}.{method}", getattr(rule, method)))
        python_rules_module._visit_methods.cache_clear()


def measure(tree: Path, provider: str | None, only: str, rules: bool, slowest: int) -> dict:
    from migrate_llm.engine import (
        FileScanner,
        ScanOptions,
        Screened,
        Screener,
        _context,
        _discovered,
    )
    from migrate_llm.gitignored import Gitignored

    timer = Timer()
    install(timer, rules)
    options = ScanOptions(paths=(tree,), cwd=tree, provider=provider)
    ctx = _context(options)
    sources, verdicts = _discovered(options, Screener(options, None), Gitignored(), ctx)
    screened = Screened.of(sources, verdicts, options.facts)
    scanner = FileScanner(ctx, options.cwd, options.report_unused_ignores, options.config)
    work = [
        (s, facts)
        for s, facts in zip(screened.worth, screened.told, strict=True)
        if s.name.endswith(only)
    ]
    if work:
        scanner.tell(work[0][1])
        scanner.scan(work[0][0])  # imports libcst and the rules: each process pays it once
    timer.seconds.clear()
    timer.calls.clear()
    gc.collect()
    times = []
    findings = 0
    start = time.perf_counter()
    for source, facts in work:
        scanner.tell(facts)  # what the files of its project tell
        began = time.perf_counter()
        result = scanner.scan(source)
        times.append((time.perf_counter() - began, source.name, len(result.findings)))
        findings += len(result.findings)
    total = time.perf_counter() - start
    order = dict.fromkeys([p for p, _, _ in PHASES] + [p for p, _, _, _ in THROUGH])
    phases = {
        name: {"seconds": round(timer.seconds[name], 4), "calls": timer.calls[name]}
        for name in order
    }
    rule_times: collections.Counter[str] = collections.Counter()
    for name, seconds in timer.seconds.items():
        if name.startswith("rule "):
            rule_times[name.split(".")[0][len("rule ") :]] += seconds
    times.sort(reverse=True)
    return {
        "tree": str(tree),
        "provider": provider,
        "only": only,
        "files": len(work),
        "findings": findings,
        "seconds": round(total, 4),
        "phases": phases,
        "rules": {name: round(s, 4) for name, s in rule_times.most_common()},
        "slowest": [
            {"path": str(Path(name).relative_to(tree)), "seconds": round(s, 4), "findings": n}
            for s, name, n in times[:slowest]
        ],
    }


def report(data: dict) -> str:
    total = data["seconds"] or 1e-9
    lines = [
        f"{data['files']} files examined in {data['seconds']:.3f} s ({data['findings']} findings)",
        f"{'phase':58} {'seconds':>8} {'share':>6} {'calls':>7}",
    ]
    for name, row in data["phases"].items():
        share = 100 * row["seconds"] / total
        lines.append(f"{name:58} {row['seconds']:8.3f} {share:5.1f}% {row['calls']:7d}")
    if data["rules"]:
        lines.append("")
        lines.append("rules (their visit_ methods):")
        for name, seconds in data["rules"].items():
            lines.append(f"  {name:56} {seconds:8.3f} {100 * seconds / total:5.1f}%")
    if data["slowest"]:
        lines.append("")
        lines.append("slowest files:")
        for row in data["slowest"]:
            lines.append(f"  {row['seconds']:7.3f} s {row['findings']:4d} findings  {row['path']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--provider", default=None)
    parser.add_argument("--only", default="", metavar="SUFFIX")
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--slowest", type=int, default=0, metavar="N")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE")
    args = parser.parse_args(argv)
    if not args.tree.is_dir():
        fail(f"{args.tree}: not a directory")
    from migrate_llm.errors import MigrateError

    try:
        data = measure(args.tree.resolve(), args.provider, args.only, args.rules, args.slowest)
    except MigrateError as exc:
        fail(str(exc))
    print(report(data))
    if args.json is not None:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
