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
from pathlib import Path

import pytest

from . import network_guard
from .migrated_examples import migrated_copy
from .program_runner import run_python

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = {
    "chat-app": ROOT / "examples" / "chat-app",
    "legacy-bot": ROOT / "examples" / "legacy-bot",
    "e2e-app": ROOT / "tests" / "e2e_app",
}
PROVIDERS = ["zhipu", "qwen", "openai"]  # openai: openai<1.0 code modernised only

# The environment ships httpx's successor as `httpx2`; code written against `httpx` gets its alias.
HTTPX_ALIAS = """
import importlib.util as _u
if _u.find_spec("httpx") is None and _u.find_spec("httpx2") is not None:
    import httpx2 as _httpx2
    _httpx2.alias_httpx()
"""

# One interpreter per project: it starts with the network guard (sitecustomize), imports the
# openai SDK once, then forks one child per copy of the project (the original and each migrated
# copy), so every copy is imported in a process of its own that no other copy has touched. In
# the child each module is imported on its own: the project's modules and the environment are
# reset between imports. Outcomes go back to the parent through a pipe.
IMPORT_EACH = """
import importlib, json, os, sys
copies = json.loads(sys.argv[1])
try:
    import openai  # loaded once, before the fork, as any module of the copies would load it
except ImportError:
    pass
base = dict(os.environ)


def import_each(root, names, log):
    os.chdir(root)
    packages = {name.split(".")[0] for name in names}
    environment = {**base, "NETWORK_GUARD_LOG": log}
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
    return outcomes


results = {}
for label, (root, names, log) in copies.items():
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        data = json.dumps(import_each(root, names, log)).encode()
        with os.fdopen(write, "wb") as out:
            out.write(data)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        sys.exit(f"importing the modules of {label} failed (wait status {status})")
    results[label] = json.loads(data)
print(json.dumps(results))
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


Outcomes = dict[str, dict[str, str]]


def import_outcomes(copies: dict[str, Path], registry, work: Path) -> dict[str, Outcomes]:
    """The import outcome of every module of each copy of a project, by copy label."""
    request = {}
    for label, project in copies.items():
        names = modules(project)
        assert names, f"no modules found in {project}"
        log = work / f"blocked-{label}.log"
        log.write_text("", encoding="utf-8")
        request[label] = [str(project), names, str(log)]
    env = network_guard.subprocess_env(bare_env(registry), work / "guard", preamble=HTTPX_ALIAS)
    proc = run_python(["-c", IMPORT_EACH, json.dumps(request)], cwd=work, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for label, (_, _, log) in request.items():
        blocked = Path(log).read_text(encoding="utf-8").split()
        assert blocked == [], f"a module of {label} opened a connection at import: {blocked}"
    return json.loads(proc.stdout.splitlines()[-1])


_OUTCOMES: dict[str, dict[str, Outcomes]] = {}


def outcomes(name: str, registry, tmp_path_factory) -> dict[str, Outcomes]:
    """Import outcomes of the project `name` ("original") and of its copy migrated for each
    provider (computed once per project and test process)."""
    if name not in _OUTCOMES:
        work = tmp_path_factory.mktemp(f"imports-{name}")
        original = work / "original"
        shutil.copytree(PROJECTS[name], original)
        copies = {"original": original}
        for provider_id in PROVIDERS:
            copy = migrated_copy(PROJECTS[name], provider_id, tmp_path_factory, work / provider_id)
            copies[provider_id] = copy.project
        _OUTCOMES[name] = import_outcomes(copies, registry, work)
    return _OUTCOMES[name]


def test_every_module_of_the_acceptance_app_imports_before_migration(registry, tmp_path_factory):
    found = outcomes("e2e-app", registry, tmp_path_factory)["original"]
    assert {name: o["outcome"] for name, o in found.items()} == {
        "assistant_app": "ok",
        "assistant_app.__main__": "SystemExit",  # running the program needs the key
        "assistant_app.backend": "ok",
        "assistant_app.chat": "ok",
        "assistant_app.main": "ok",
        "assistant_app.rest": "ok",
        "assistant_app.settings": "ok",
        "assistant_app.vectors": "ok",
    }
    assert found["assistant_app.__main__"]["message"] == (
        "missing environment variable(s): OPENAI_API_KEY"
    )


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_migrated_modules_import_as_the_originals_did(registry, tmp_path_factory, name):
    found = outcomes(name, registry, tmp_path_factory)
    original = found["original"]
    for provider_id in PROVIDERS:
        migrated = found[provider_id]
        assert sorted(migrated) == sorted(original), provider_id
        changed = {
            module: f"{original[module]['outcome']} -> {o['outcome']}: {o['message']}"
            for module, o in migrated.items()
            if o["outcome"] != original[module]["outcome"]
        }
        assert changed == {}, provider_id
