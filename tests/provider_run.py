"""Run a migrated program with a provider's variables against the tests' loopback server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from . import network_guard
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
