"""Embeddings of FAQ entries, computed concurrently with the async client."""

from __future__ import annotations

import asyncio

from openai import AsyncOpenAI


async def embed_all(texts: list[str]) -> list[list[float]]:
    client = AsyncOpenAI(max_retries=1)
    batches = [texts[i : i + 2] for i in range(0, len(texts), 2)]

    async def embed(batch: list[str]) -> list[list[float]]:
        result = await client.embeddings.create(model="text-embedding-3-small", input=batch)
        return [item.embedding for item in result.data]

    done = await asyncio.gather(*(embed(batch) for batch in batches))
    await client.close()
    return [vector for batch in done for vector in batch]
