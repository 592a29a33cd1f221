"""Run a migrated program as the end-to-end tests do: with the test process's environment less
every OPENAI_* variable, plus the variables a test sets, and with the network guard
(tests/network_guard.py) refusing and recording every host but the loopback server's."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from . import network_guard
from .program_runner import run_python


def run_guarded(
    script: str, cwd: Path, env: Mapping[str, str]
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `script` in `cwd` with `env` added (an OPENAI_* variable only where `env` sets it);
    the process and the hosts the guard refused."""
    given = {**{k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}, **env}
    guard = cwd / "guard"
    proc = run_python([script], cwd=cwd, env=network_guard.subprocess_env(given, guard), timeout=60)
    return proc, network_guard.blocked_hosts(guard)
