"""A request sent without the SDK, the way many projects call the REST API directly."""

from __future__ import annotations

import os

import httpx


def quick_reply(prompt: str) -> str:
    response = httpx.post(
        "https://api.openai.com/v1/chat/completions",
        headers={"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"},
        json={"model": "gpt-4o-mini", "messages": [{"role": "user", "content": prompt}]},
        timeout=20,
    )
    response.raise_for_status()
    return response.json()["choices"][0]["message"]["content"]
