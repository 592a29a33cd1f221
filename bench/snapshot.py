"""Record everything the engine says about a set of Python files, to compare two versions.

Usage:
    python bench/snapshot.py OUT.jsonl PATH... [--provider P ...] [--provider-dir DIR]
    python bench/snapshot.py --compare A.jsonl B.jsonl

For each file (directories are walked for `*.py` and `*.ipynb`) and each provider (`-`:
plain `scan`), it records every finding (all fields: message, span, fix class, edit, data)
and the migrated text, or the error. A speed change must leave two snapshots identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from migrate_llm.engine import FileScanner, ParseFailure, ScanOptions, _context


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".py", ".ipynb"))
        else:
            found.append(path)
    return found


def record(out: Path, paths: list[Path], providers: list[str], dirs: list[Path]) -> None:
    files = _files(paths)
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as stream:
        for provider in providers:
            options = ScanOptions(
                provider=None if provider == "-" else provider, provider_dirs=tuple(dirs)
            )
            scanner = FileScanner(_context(options), Path.cwd())
            for path in files:
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                kind = "notebook" if path.suffix == ".ipynb" else "python"
                entry: dict[str, object] = {"file": str(path), "provider": provider}
                try:
                    examined = scanner.examine(kind, str(path), text, path)
                except ParseFailure as exc:
                    entry["error"] = [exc.message, exc.line]
                except Exception as exc:
                    entry["crash"] = repr(exc)
                else:
                    if examined is None:  # ruled out before parsing: nothing found
                        entry.update(
                            findings=[],
                            fixed=[],
                            after=hashlib.sha256(text.encode()).hexdigest(),
                            failure=repr(None),
                            problems=repr(()),
                        )
                    else:
                        entry["findings"] = [repr(f) for f in examined.findings]
                        entry["fixed"] = [repr(f) for f in examined.fixed]
                        entry["after"] = hashlib.sha256(examined.after.encode()).hexdigest()
                        entry["failure"] = repr(examined.failure)
                        entry["problems"] = repr(examined.problems)
                stream.write(json.dumps(entry) + "\n")
    print(f"{len(files)} files x {len(providers)} runs: {time.perf_counter() - started:.1f} s")


def compare(a: Path, b: Path) -> int:
    left = [json.loads(line) for line in a.open(encoding="utf-8")]
    right = [json.loads(line) for line in b.open(encoding="utf-8")]
    if len(left) != len(right):
        print(f"different number of records: {len(left)} != {len(right)}")
    differ = 0
    for x, y in zip(left, right, strict=False):
        if x != y:
            differ += 1
            if differ <= 10:
                print(f"--- {x['file']} ({x['provider']})")
                for key in sorted(set(x) | set(y)):
                    if x.get(key) != y.get(key):
                        print(f"  {key}:\n    {x.get(key)}\n    {y.get(key)}")
    print(f"{len(left)} records, {differ} differ")
    return 1 if differ or len(left) != len(right) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", nargs=2, type=Path)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--provider", action="append", default=[])
    parser.add_argument("--provider-dir", action="append", type=Path, default=[])
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    record(args.out, args.paths, args.provider or ["-", "openai", "acme"], args.provider_dir)


if __name__ == "__main__":
    main()
