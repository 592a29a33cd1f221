"""Measure `migrate-llm scan` against a plain text search over the same tree.

Usage: python bench/bench_scan.py [--files N] [--share S] [--tree DIR] [--big-file LINES]
                                  [--jobs J] [--repeat R] [--compare-src SRC]

Without --tree it generates a synthetic monorepo (a share S of the files use OpenAI, 1 in
10 by default; the rest is ordinary Python, YAML and JSON) in a temporary directory;
--big-file adds one generated module of that many lines that uses OpenAI throughout. The
scans run without the result cache, except the last row: a second scan of the unchanged
tree, which reads the cache. Figures are reported as ratios against the baseline measured
in the same run: `grep -rlE` for OpenAI markers, which reads every file once and parses
nothing. --compare-src runs `scan -j 1` a second time with another copy of the package's
source first on PYTHONPATH (e.g. an older checkout's `src`), so that a change is measured
against the code before it in the same run, on the same loaded machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENAI_FILE = """import os
from openai import OpenAI

MODEL = "gpt-4o-mini"
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


def ask(question: str) -> str:
    reply = client.chat.completions.create(
        model=MODEL, messages=[{{"role": "user", "content": question}}]
    )
    return reply.choices[0].message.content or ""


def embed(texts: list[str]) -> list[list[float]]:
    data = client.embeddings.create(model="text-embedding-3-small", input=texts).data
    return [d.embedding for d in data]  # module {n}
"""

PLAIN_FILE = (
    '''"""Ordinary module {n}: nothing to migrate here."""

import dataclasses
import json


@dataclasses.dataclass
class Record{n}:
    name: str
    value: int

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))


def total(records: list[Record{n}]) -> int:
    return sum(r.value for r in records)
'''
    + "\n".join(f"CONSTANT_{{n}}_{i} = {i}" for i in range(60))
    + "\n"
)


BIG_FILE_BLOCK = """

def ask_{n}(question: str) -> str:
    reply = client.chat.completions.create(
        model="gpt-4o", messages=[{{"role": "user", "content": question}}]
    )
    key = os.environ["OPENAI_API_KEY"]
    return reply.choices[0].message.content or key
"""


def big_file(lines: int) -> str:
    """A module of about `lines` lines calling OpenAI in every function."""
    head = "import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    blocks = max(1, lines // BIG_FILE_BLOCK.count("\n"))
    return head + "".join(BIG_FILE_BLOCK.format(n=n) for n in range(blocks))


def make_tree(root: Path, files: int, share: float = 0.1) -> None:
    rng = random.Random(7)
    for n in range(files):
        package = root / f"pkg{n % 50:02}" / f"sub{n % 7}"
        package.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < share:
            (package / f"llm_{n}.py").write_text(OPENAI_FILE.format(n=n))
        elif roll < share + 0.05:
            (package / f"settings_{n}.yaml").write_text(
                f"service: s{n}\nretries: 3\nport: 80{n % 10}\n"
            )
        else:
            (package / f"mod_{n}.py").write_text(PLAIN_FILE.format(n=n))


def measure(cmd: list[str], repeat: int, src: Path | None = None) -> tuple[float, int]:
    """Best wall time over `repeat` runs and the peak RSS (KiB) of the child; with `src`,
    the child imports the package from that directory."""
    env = None
    if src is not None:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
        }
    best, peak = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"command failed: {' '.join(cmd)}")
        best, peak = min(best, elapsed), max(peak, usage.ru_maxrss)
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--share", type=float, default=0.1, help="share of OpenAI files")
    parser.add_argument("--big-file", type=int, default=0, metavar="LINES")
    parser.add_argument("--compare-src", type=Path, metavar="SRC")
    parser.add_argument("--tree", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tmp = None
    tree = args.tree
    if tree is None:
        tmp = Path(tempfile.mkdtemp(prefix="migrate-llm-bench-"))
        tree = tmp / "tree"
        make_tree(tree, args.files, args.share)
    if args.big_file:
        if tmp is None:
            raise SystemExit("--big-file needs a generated tree (no --tree)")
        (tree / "big_module.py").write_text(big_file(args.big_file))
    count = sum(1 for p in tree.rglob("*") if p.is_file())
    try:
        baseline = measure(["grep", "-rlE", "openai|OPENAI_|gpt-", str(tree)], args.repeat)
        scan = [sys.executable, "-m", "migrate_llm", "scan", str(tree), "-f", "json"]
        scan += ["-o", os.devnull]
        cold = [*scan, "--no-cache", "-j"]
        serial = measure([*cold, "1"], args.repeat)
        compared = None
        if args.compare_src is not None:
            compared = measure([*cold, "1"], args.repeat, args.compare_src.resolve())
        parallel = measure([*cold, str(args.jobs)], args.repeat)
        # a second run on the unchanged tree reads the results from the cache
        cache = Path(tempfile.mkdtemp(prefix="migrate-llm-bench-cache-"))
        warm = [*scan, "--cache-dir", str(cache), "-j", str(args.jobs)]
        measure(warm, 1)
        cached = measure(warm, args.repeat)
        shutil.rmtree(cache)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp)

    print(f"tree: {count} files ({'synthetic' if args.tree is None else tree})")
    print(f"{'run':<24}{'seconds':>9}{'files/s':>10}{'peak MiB':>10}{'time x':>8}{'mem x':>7}")
    rows = [
        ("grep -rlE (baseline)", baseline),
        ("scan -j 1", serial),
        (f"scan -j {args.jobs or os.cpu_count()}", parallel),
        ("scan, unchanged tree", cached),
    ]
    if compared is not None:
        rows.insert(2, ("scan -j 1, --compare-src", compared))
    for name, (seconds, rss) in rows:
        print(
            f"{name:<24}{seconds:>9.2f}{count / seconds:>10.0f}{rss / 1024:>10.1f}"
            f"{seconds / baseline[0]:>8.1f}{rss / baseline[1]:>7.1f}"
        )
    if compared is not None:
        print(
            f"this source against --compare-src (scan -j 1): {serial[0] / compared[0]:.2f}x the "
            f"time ({compared[0] / serial[0]:.2f}x faster), {serial[1] / compared[1]:.2f}x "
            "the peak memory"
        )


if __name__ == "__main__":
    main()
