"""Shared fixtures: a registry that includes the made-up `acme` provider."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from migrate_llm.registry import Provider, Registry, load_registry

from .loopback_server import LoopbackServer

# Let this interpreter and the ones the tests start cache bytecode (`__pycache__`, ignored by
# git): with PYTHONDONTWRITEBYTECODE set, as on some machines, each of the many interpreters
# the end-to-end and CLI tests start compiles migrate-llm's modules again.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
# pytest-xdist's workers set COLUMNS=80 and LINES=24; the CLI sizes its tables by COLUMNS, so
# a test that wants a width says so (CliRunner's env=), and the rest get the pipe's default.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)
# The user cache directory (the built-in providers' snapshot, `provider_snapshot`) of this
# interpreter and of those the tests start: one of the test run's own, never the user's.
_CACHE_HOME = tempfile.mkdtemp(prefix="migrate-llm-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)

FIXTURES = Path(__file__).parent / "fixtures"
ACME_DIR = FIXTURES / "providers"


@pytest.fixture(scope="session")
def registry() -> Registry:
    """Built-in providers plus `acme`."""
    return load_registry([ACME_DIR])


@pytest.fixture
def no_network():
    """Fail on any connection to a host other than the loopback interface (tests/network_guard.py)."""
    from . import network_guard

    network_guard.install()
    try:
        yield network_guard
    finally:
        network_guard.uninstall()


# The smallest valid provider file, for tests of the provider-file schema (append tables).
TINY_PROVIDER = """
schema = 1
id = "tiny"
name = "Tiny Cloud"
docs = "https://tiny.example/docs"
as_of = 2026-10-01
api_key_env = "TINY_API_KEY"
base_url_env = "TINY_BASE_URL"
base_url = "https://api.tiny.example/v1"
"""


def bare_provider(**fields) -> Provider:
    """A provider `x` with only what every provider must have, and `fields`."""
    return Provider(
        id="x",
        name="X",
        docs="https://x.example",
        as_of=dt.date(2026, 1, 1),
        api_key_env="X_API_KEY",
        base_url_env="X_BASE_URL",
        base_url="https://x.example/v1",
        **fields,
    )


@pytest.fixture
def server():
    """A loopback OpenAI-compatible server (tests/loopback_server.py) for one test."""
    running = LoopbackServer().start()
    yield running
    running.stop()
