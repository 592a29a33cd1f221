"""Example projects migrated once per provider and test process, shared by the end-to-end tests
(tests/test_e2e.py, test_e2e_app.py, test_e2e_legacy.py, test_import_safety.py).

The migrated tree is never run or edited in place: each test works on its own copy
(`migrated_copy`), so tests cannot see each other's files.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app


@dataclass(frozen=True)
class Migrated:
    project: Path
    stderr: str  # what the first `apply` printed (the variables to set, what is left)


_MIGRATED: dict[tuple[Path, str], Migrated] = {}


def migrated(source: Path, provider_id: str, tmp_path_factory) -> Migrated:
    """`source` copied and migrated with `apply . --provider P --yes` (once per process)."""
    key = (source.resolve(), provider_id)
    if key not in _MIGRATED:
        project = tmp_path_factory.mktemp(f"migrated-{source.name}-{provider_id}")
        shutil.copytree(source, project, dirs_exist_ok=True)
        cwd = Path.cwd()
        os.chdir(project)
        try:
            result = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
        finally:
            os.chdir(cwd)
        assert result.exit_code == 0, result.stderr or repr(result.exception)
        _MIGRATED[key] = Migrated(project, result.stderr)
    return _MIGRATED[key]


def migrated_copy(source: Path, provider_id: str, tmp_path_factory, target: Path) -> Migrated:
    """A copy at `target` of `source` migrated for the provider, to run or edit."""
    done = migrated(source, provider_id, tmp_path_factory)
    shutil.copytree(done.project, target)
    return Migrated(target, done.stderr)
