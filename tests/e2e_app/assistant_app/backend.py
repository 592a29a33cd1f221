"""The model backend: the SDK's client class under our own name, built from a dict of options."""

from __future__ import annotations

import os

from openai import OpenAI as Backend

OPTIONS = {
    "timeout": 20,
    "max_retries": 1,
    "base_url": os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1"),
}


def make_backend(**options) -> Backend:
    """A client with `options` passed through untouched (the SDK reads the key itself)."""
    return Backend(**options)


def default_backend() -> Backend:
    return make_backend(**OPTIONS)
