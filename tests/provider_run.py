"""Run a migrated program with a provider's variables against the tests' loopback server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python


def run_on_provider(
    script: Path, cwd: Path, provider, server, guard: Path
) -> subprocess.CompletedProcess:
    """Run `script` in `cwd` with the provider's key variable set and its base-URL variable
    pointing at `server`, no OPENAI_* variable, and the network guard on (its log in
    `guard`); asserts that the program succeeded and reached no other host."""
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base}
    proc = run_python([script], cwd=cwd, env=network_guard.subprocess_env(env, guard), timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


def dashscope_requests(root: Path, keys: dict[str, str], **env: str) -> list[tuple[str, str, str]]:
    """Run `root`/chat.py with `keys` (variable: key) and `env` set, no OPENAI_* variable, and
    DASHSCOPE_BASE_URL pointing at a loopback server standing for DashScope: (path, model, the
    variable of the key, "other" for another key) of each request the server got."""
    server = LoopbackServer.for_provider(load_registry().get("qwen")).start()
    try:
        env |= {**keys, "DASHSCOPE_BASE_URL": server.base + "/compatible-mode/v1"}
        given = {**{k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}, **env}
        guard = root.parent / "guard"  # not in the project: check would read its module
        proc = run_python(
            ["chat.py"], cwd=root, env=network_guard.subprocess_env(given, guard), timeout=60
        )
        assert (proc.returncode, proc.stderr, network_guard.blocked_hosts(guard)) == (0, "", [])
        names = {f"Bearer {key}": name for name, key in keys.items()}
        return [
            (r.path, r.body["model"], names.get(r.headers.get("authorization", ""), "other"))
            for r in server.requests
        ]
    finally:
        server.stop()
