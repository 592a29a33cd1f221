"""Shared fixtures: a registry that includes the made-up `acme` provider."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.registry import Registry, load_registry

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
