"""Measure `migrate-llm scan` against a plain text search over the same tree.

Usage: python bench/bench_scan.py [--files N] [--tree DIR] [--jobs J] [--repeat R]

Without --tree it generates a synthetic monorepo (1 file in 10 uses OpenAI; the rest is
ordinary Python, YAML and JSON) in a temporary directory. The scans run without the result
cache, except the last row: a second scan of the unchanged tree, which reads the cache.
Figures are reported as ratios against the baseline measured in the same run: `grep -rlE`
for OpenAI markers, which reads every file once and parses nothing.
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


def make_tree(root: Path, files: int) -> None:
    rng = random.Random(7)
    for n in range(files):
        package = root / f"pkg{n % 50:02}" / f"sub{n % 7}"
        package.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.1:
            (package / f"llm_{n}.py").write_text(OPENAI_FILE.format(n=n))
        elif roll < 0.15:
            (package / f"settings_{n}.yaml").write_text(
                f"service: s{n}\nretries: 3\nport: 80{n % 10}\n"
            )
        else:
            (package / f"mod_{n}.py").write_text(PLAIN_FILE.format(n=n))


def measure(cmd: list[str], repeat: int) -> tuple[float, int]:
    """Best wall time over `repeat` runs and the peak RSS (KiB) of the child."""
    best, peak = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"command failed: {' '.join(cmd)}")
        best, peak = min(best, elapsed), max(peak, usage.ru_maxrss)
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--tree", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    tmp = None
    tree = args.tree
    if tree is None:
        tmp = Path(tempfile.mkdtemp(prefix="migrate-llm-bench-"))
        tree = tmp / "tree"
        make_tree(tree, args.files)
    count = sum(1 for p in tree.rglob("*") if p.is_file())
    try:
        baseline = measure(["grep", "-rlE", "openai|OPENAI_|gpt-", str(tree)], args.repeat)
        scan = [sys.executable, "-m", "migrate_llm", "scan", str(tree), "-f", "json"]
        scan += ["-o", os.devnull]
        cold = [*scan, "--no-cache", "-j"]
        serial = measure([*cold, "1"], args.repeat)
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
    for name, (seconds, rss) in (
        ("grep -rlE (baseline)", baseline),
        ("scan -j 1", serial),
        (f"scan -j {args.jobs or os.cpu_count()}", parallel),
        ("scan, unchanged tree", cached),
    ):
        print(
            f"{name:<24}{seconds:>9.2f}{count / seconds:>10.0f}{rss / 1024:>10.1f}"
            f"{seconds / baseline[0]:>8.1f}{rss / baseline[1]:>7.1f}"
        )


if __name__ == "__main__":
    main()
