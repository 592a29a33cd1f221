"""Embeddings for finding the FAQ entry closest to a question."""

import math

import openai

from .retry import with_backoff

FAQ = [
    "Orders ship within two working days.",
    "Returns are free within 30 days of delivery.",
    "We ship to mainland China, Hong Kong, Macau and Taiwan.",
]


@with_backoff()
def get_embedding(text, model="text-embedding-ada-002"):
    text = text.replace("\n", " ")
    return openai.Embedding.create(input=[text], model=model)["data"][0]["embedding"]


@with_backoff()
def embed_faq():
    resp = openai.Embedding.create(input=FAQ, model="text-embedding-ada-002")
    return [item["embedding"] for item in resp["data"]]


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def closest_faq(question, faq_vectors):
    q = get_embedding(question)
    scores = [cosine(q, v) for v in faq_vectors]
    return FAQ[scores.index(max(scores))]
