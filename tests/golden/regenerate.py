"""Rewrite the expected golden outputs: `python tests/golden/regenerate.py`.

Run it after a deliberate change to a rule or a provider file, then read `git diff
tests/golden` line by line before committing: the diff is the change users will see.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from migrate_llm.engine import ScanOptions, plan  # noqa: E402
from migrate_llm.registry import load_registry  # noqa: E402


def expected(provider: str, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(HERE / "input", out)
    options = ScanOptions(paths=(out,), provider=provider, cwd=out, use_gitignore=False)
    for planned in plan(options).planned:
        if planned.change.changed and planned.source is not None:
            planned.path.write_bytes(planned.source.encode(planned.change.after))


if __name__ == "__main__":
    for provider in load_registry().ids:
        expected(provider, HERE / provider)
        print(f"wrote tests/golden/{provider}")
