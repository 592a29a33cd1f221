"""Golden files: `apply --provider P` on tests/golden/input gives tests/golden/P byte for byte.

Regenerate after a deliberate change with `python tests/golden/regenerate.py`, then review
`git diff tests/golden`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrate_llm.engine import ScanOptions, plan, write
from migrate_llm.registry import load_registry

from .test_fix_truth import assert_fix_truth

GOLDEN = Path(__file__).resolve().parent / "golden"
PROVIDERS = load_registry().ids


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def apply_to(root: Path, provider: str) -> int:
    options = ScanOptions(paths=(root,), provider=provider, cwd=root, use_gitignore=False)
    planned = plan(options).planned
    assert [p.change.error for p in planned if p.change.error] == []
    for p in planned:  # what `scan` calls safe/review is exactly what this apply rewrites
        assert_fix_truth(p.change, p.change.before)
    assert [write(p) for p in planned] == [None] * len(planned)
    return sum(p.change.changed for p in planned)


def test_every_provider_has_golden_output():
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name != "input") == PROVIDERS


@pytest.mark.parametrize("provider", PROVIDERS)
def test_golden_output(tmp_path, provider):
    work = tmp_path / "work"
    shutil.copytree(GOLDEN / "input", work)
    apply_to(work, provider)
    assert files(work) == files(GOLDEN / provider)
    assert files(work)["nothing.py"] == files(GOLDEN / "input")["nothing.py"]
    assert apply_to(work, provider) == 0  # a second apply changes nothing
    assert files(work) == files(GOLDEN / provider)
