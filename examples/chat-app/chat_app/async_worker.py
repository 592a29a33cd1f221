"""Summarise a batch of support tickets concurrently."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from openai import AsyncOpenAI

SUMMARY_PROMPT = "Summarise this support ticket in one sentence for the on-call agent."


async def summarise(client: AsyncOpenAI, ticket: str) -> str:
    response = await client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": SUMMARY_PROMPT},
            {"role": "user", "content": ticket},
        ],
        max_tokens=80,
    )
    return (response.choices[0].message.content or "").strip()


async def summarise_all(client: AsyncOpenAI, tickets: Sequence[str]) -> list[str]:
    async with client:
        return list(await asyncio.gather(*(summarise(client, t) for t in tickets)))
