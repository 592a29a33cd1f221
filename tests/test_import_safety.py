"""Migrated code must not fail at import where the original did not (issue 9).

Every module of the examples and of the acceptance app (tests/e2e_app) is imported in a
subprocess with no OPENAI_* and no provider variable set, before and after `apply`, with the
network guard installed. Each module is imported on its own (the package's modules and the
environment are reset between imports), and the outcome, "ok" or the exception's type, must be
the same after the migration as before it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = {
    "chat-app": ROOT / "examples" / "chat-app",
    "legacy-bot": ROOT / "examples" / "legacy-bot",
    "e2e-app": ROOT / "tests" / "e2e_app",
}
PROVIDERS = ["zhipu", "qwen"]

# The environment ships httpx's successor as `httpx2`; code written against `httpx` gets its alias.
HTTPX_ALIAS = """
import importlib.util as _u
if _u.find_spec("httpx") is None and _u.find_spec("httpx2") is not None:
    import httpx2 as _httpx2
    _httpx2.alias_httpx()
"""

IMPORT_EACH = """
import importlib, json, os, sys
names = json.loads(sys.argv[1])
packages = {name.split(".")[0] for name in names}
environment = dict(os.environ)
outcomes = {}
for name in names:
    for loaded in list(sys.modules):
        if loaded.split(".")[0] in packages:
            del sys.modules[loaded]
    os.environ.clear()
    os.environ.update(environment)
    sys.argv = [name]
    try:
        importlib.import_module(name)
    except BaseException as exc:
        outcomes[name] = {"outcome": type(exc).__name__, "message": str(exc)[:300]}
    else:
        outcomes[name] = {"outcome": "ok", "message": ""}
print(json.dumps(outcomes))
"""


def modules(project: Path) -> list[str]:
    """Dotted names of every module in the project's packages."""
    names = []
    for path in sorted(project.rglob("*.py")):
        parts = path.relative_to(project).with_suffix("").parts
        if not (project / parts[0] / "__init__.py").is_file():
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def bare_env(registry) -> dict[str, str]:
    """This process's environment without OpenAI, provider or proxy variables."""
    named = set()
    for provider in registry.providers.values():
        named |= {provider.api_key_env, provider.base_url_env, *provider.env_vars}
    return {
        k: v
        for k, v in os.environ.items()
        if "OPENAI" not in k.upper() and "PROXY" not in k.upper() and k not in named
    }


def import_outcomes(project: Path, registry, guard_dir: Path) -> dict[str, dict[str, str]]:
    names = modules(project)
    assert names, f"no modules found in {project}"
    env = network_guard.subprocess_env(bare_env(registry), guard_dir, preamble=HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, json.dumps(names)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert network_guard.blocked_hosts(guard_dir) == [], "a module opened a connection at import"
    return json.loads(proc.stdout.splitlines()[-1])


_BEFORE: dict[str, dict[str, dict[str, str]]] = {}


def before(name: str, registry, tmp_path_factory) -> dict[str, dict[str, str]]:
    """Import outcomes of the original project (computed once per project)."""
    if name not in _BEFORE:
        project = tmp_path_factory.mktemp(f"original-{name}")
        shutil.copytree(PROJECTS[name], project, dirs_exist_ok=True)
        guard = tmp_path_factory.mktemp(f"guard-{name}")
        _BEFORE[name] = import_outcomes(project, registry, guard)
    return _BEFORE[name]


def test_every_module_of_the_acceptance_app_imports_before_migration(registry, tmp_path_factory):
    outcomes = before("e2e-app", registry, tmp_path_factory)
    assert {name: o["outcome"] for name, o in outcomes.items()} == {
        "assistant_app": "ok",
        "assistant_app.__main__": "SystemExit",  # running the program needs the key
        "assistant_app.backend": "ok",
        "assistant_app.chat": "ok",
        "assistant_app.main": "ok",
        "assistant_app.rest": "ok",
        "assistant_app.settings": "ok",
        "assistant_app.vectors": "ok",
    }
    assert outcomes["assistant_app.__main__"]["message"] == (
        "missing environment variable(s): OPENAI_API_KEY"
    )


@pytest.mark.parametrize("provider_id", PROVIDERS)
@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_migrated_modules_import_as_the_originals_did(
    registry, tmp_path_factory, tmp_path, monkeypatch, name, provider_id
):
    original = before(name, registry, tmp_path_factory)
    project = tmp_path / name
    shutil.copytree(PROJECTS[name], project)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert result.exit_code == 0, result.stderr or repr(result.exception)

    migrated = import_outcomes(project, registry, tmp_path / "guard")
    assert sorted(migrated) == sorted(original)
    changed = {
        module: f"{original[module]['outcome']} -> {o['outcome']}: {o['message']}"
        for module, o in migrated.items()
        if o["outcome"] != original[module]["outcome"]
    }
    assert changed == {}
