"""OpenAI clients shared by the service."""

from __future__ import annotations

import os

from openai import AsyncOpenAI, OpenAI

REQUEST_TIMEOUT = 30.0
MAX_RETRIES = 2


def make_client() -> OpenAI:
    """A synchronous client; fails fast if the key is missing."""
    return OpenAI(
        api_key=os.environ["OPENAI_API_KEY"],
        base_url=os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"),
        timeout=REQUEST_TIMEOUT,
        max_retries=MAX_RETRIES,
    )


def make_async_client() -> AsyncOpenAI:
    """An asynchronous client; the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself."""
    return AsyncOpenAI(timeout=REQUEST_TIMEOUT, max_retries=MAX_RETRIES)
