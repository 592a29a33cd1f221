"""FAQ search with embeddings and cosine similarity."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openai import OpenAI

FAQ: list[str] = [
    "Orders ship within two working days; you get a tracking number by email.",
    "You can return any item within 30 days for a full refund.",
    "We accept Alipay, WeChat Pay, UnionPay and major credit cards.",
    "Change your delivery address from the order page until the order ships.",
]


# texts per embeddings request: providers take fewer than OpenAI's 2,048 (DashScope ten)
BATCH = 10


def embed(client: OpenAI, texts: Sequence[str]) -> list[list[float]]:
    texts = list(texts)
    vectors: list[list[float]] = []
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        response = client.embeddings.create(model="text-embedding-3-small", input=batch)
        vectors += [item.embedding for item in sorted(response.data, key=lambda item: item.index)]
    return vectors


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def search(
    client: OpenAI, query: str, documents: Sequence[str] = FAQ, top_k: int = 2
) -> list[tuple[float, str]]:
    """The `top_k` documents closest to `query`, best first."""
    query_vector, *doc_vectors = embed(client, [query, *documents])
    pairs = zip(doc_vectors, documents, strict=True)
    scored = [(cosine(query_vector, vector), doc) for vector, doc in pairs]
    return sorted(scored, reverse=True)[:top_k]
