"""The wheel carries the provider catalogue and loads it from the installed package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build sdist, then the wheel from that sdist, as pip and `python -m build` do."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("migrate_llm-*.whl")
    return found


def test_wheel_contains_every_provider_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"migrate_llm/providers/{p.name}" for p in (ROOT / "providers").glob("*.toml")}
    assert len(expected) == 14
    assert expected <= names
    assert not any(n.startswith("providers/") for n in names)


def test_installed_package_loads_providers_from_inside_itself(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import json, migrate_llm\n"
        "from migrate_llm.registry import builtin_providers_dir, load_registry\n"
        "print(json.dumps([migrate_llm.__file__, str(builtin_providers_dir()),"
        " load_registry().ids]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    module_file, providers_dir, ids = json.loads(proc.stdout)
    assert Path(module_file).is_relative_to(tmp_path)
    assert Path(providers_dir) == tmp_path / "migrate_llm" / "providers"
    assert len(ids) == 14 and "zhipu" in ids
