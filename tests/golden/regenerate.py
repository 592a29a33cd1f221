"""Rewrite the expected golden outputs: `python tests/golden/regenerate.py`.

Run it after a deliberate change to a rule or a provider file, then read `git diff
tests/golden` line by line before committing: the diff is the change users will see.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from migrate_llm.engine import ScanOptions, plan, write  # noqa: E402
from migrate_llm.registry import load_registry  # noqa: E402


def expected(provider: str, out: Path) -> None:
    """Migrate a copy of tests/golden/input for `provider` into `out`.

    The copy is migrated in a temporary directory, as tests/test_golden.py does: under this
    repository the project's own ruff line length (pyproject.toml) would apply instead of
    the default one the test sees, and the files would be wrapped differently.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / provider
        shutil.copytree(HERE / "input", work)
        options = ScanOptions(paths=(work,), provider=provider, cwd=work, use_gitignore=False)
        planned = plan(options).planned
        errors = [p.change.error for p in planned if p.change.error]
        errors += [error for error in map(write, planned) if error is not None]
        if errors:
            raise SystemExit(f"{provider}: {errors}")
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(work, out)


if __name__ == "__main__":
    for provider in load_registry().ids:
        expected(provider, HERE / provider)
        print(f"wrote tests/golden/{provider}")
