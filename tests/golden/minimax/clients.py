"""Every kind of client and model reference the provider switch rewrites."""

from __future__ import annotations

import os

import openai as oa
from openai import AsyncOpenAI, OpenAI

CHAT_MODEL = "MiniMax-M2.5"
LEGACY_URL = os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1")

sync_client = OpenAI(api_key="sk-proj-GOLDENgoldenGOLDENgolden00", organization="org-golden")
async_client = AsyncOpenAI(
    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),
    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
    timeout=30,
    max_retries=2,  # keep this comment
)
azure = OpenAI(
    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),
    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
)
local = OpenAI(base_url="http://127.0.0.1:8000/v1")


class Bot:
    def __init__(self) -> None:
        self.llm = oa.OpenAI(base_url=oa_base())

    def ask(self, question: str, model: str = "MiniMax-M3") -> str:
        reply = self.llm.chat.completions.create(
            model=model, messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content or ""


def oa_base() -> str:
    import os

    return os.getenv("MINIMAX_BASE_URL", LEGACY_URL)


def embed(texts: list[str]) -> list[list[float]]:
    data = sync_client.embeddings.create(model="text-embedding-3-small", input=texts).data
    return [d.embedding for d in data]


async def chat(prompt: str) -> str:
    reply = await async_client.chat.completions.create(model=CHAT_MODEL, messages=[])
    return reply.choices[0].message.content or ""
