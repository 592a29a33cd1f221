"""ML504 reads requirements only where a TOML file lists them (t53g D5): a tool's module list
(`[[tool.mypy.overrides]] module = ["openai"]`, ruff's `known-third-party`) names modules,
and apply leaves it byte for byte while it raises the real requirement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats.dependencies import holds_requirements

APP = (
    b"from openai import OpenAI\n\nc = OpenAI()\n"
    b'c.chat.completions.create(model="gpt-4o", messages=[], max_tokens=10)\n'
)
PYPROJECT = (
    b'[project]\nname = "x"\nversion = "0"\ndependencies = ["openai>=1.0"]\n\n'
    b'[[tool.mypy.overrides]]\nmodule = ["openai", "tiktoken"]\nignore_missing_imports = true\n\n'
    b'[tool.ruff.lint.isort]\nknown-third-party = ["openai"]\n'
)
RUFF = b'[lint.isort]\nknown-third-party = ["openai"]\n'


@pytest.mark.parametrize(
    ("path", "holds"),
    [
        (("project", "dependencies", "0"), True),
        (("project", "optional-dependencies", "llm", "0"), True),
        (("dependency-groups", "dev", "0"), True),
        (("build-system", "requires", "0"), True),
        (("tool", "poetry", "group", "dev", "dependencies", "openai"), True),
        (("tool", "hatch", "envs", "default", "extra-dependencies", "0"), True),
        (("tool", "tox", "env_run_base", "deps", "0"), True),
        (("packages", "openai"), True),
        (("tool", "mypy", "overrides", "0", "module", "0"), False),
        (("tool", "ruff", "lint", "isort", "known-third-party", "0"), False),
        (("lint", "isort", "known-third-party", "0"), False),
    ],
)
def test_which_toml_places_hold_requirements(path, holds):
    assert holds_requirements(path) is holds


def test_the_answer_for_a_path_is_the_same_asked_again_in_any_case():
    """`holds_requirements` is kept by path: asked again, each path gets its own answer, and
    a key spelled in capitals is read as lowercase (`[Packages]`, `DEPENDENCIES`)."""
    asked = [
        (("tool", "mypy", "overrides", "0", "module", "0"), False),
        (("Packages", "openai"), True),
        (("project", "DEPENDENCIES", "0"), True),
        (("project", "name"), False),
        (("dev-packages", "pytest"), True),
    ]
    for _ in range(2):
        assert [holds_requirements(path) for path, _ in asked] == [h for _, h in asked]


def test_a_mypy_module_list_is_no_requirement(tmp_path: Path):
    (tmp_path / "app.py").write_bytes(APP)
    (tmp_path / "pyproject.toml").write_bytes(PYPROJECT)
    (tmp_path / "ruff.toml").write_bytes(RUFF)
    runner = CliRunner()
    scanned = runner.invoke(app, ["scan", str(tmp_path), "-p", "minimax", "--format", "json"])
    pins = [
        (Path(f["path"]).name, f["line"], f["fix"], f["data"]["requirement"])
        for f in json.loads(scanned.stdout)["findings"]
        if f["rule"] == "ML504"
    ]
    assert pins == [("pyproject.toml", 4, "review", "openai>=1.0")]
    done = runner.invoke(app, ["apply", str(tmp_path), "-p", "minimax", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "pyproject.toml").read_bytes() == PYPROJECT.replace(
        b'["openai>=1.0"]', b'["openai>=1.45.0"]'
    )
    assert (tmp_path / "ruff.toml").read_bytes() == RUFF
