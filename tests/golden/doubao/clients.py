"""Every kind of client and model reference the provider switch rewrites."""

from __future__ import annotations

import os

import openai as oa
from openai import AsyncOpenAI, OpenAI

CHAT_MODEL = "doubao-seed-2-1-turbo-260628"
LEGACY_URL = os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3")

sync_client = OpenAI(
    base_url=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),
    api_key=os.environ.get("ARK_API_KEY", "unset"),
)
async_client = AsyncOpenAI(
    api_key=os.environ.get("ARK_API_KEY", "unset"),
    base_url=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),
    timeout=30,
    max_retries=2,  # keep this comment
)
azure = OpenAI(
    api_key=os.environ.get("ARK_API_KEY", "unset"),
    base_url=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),
)
local = OpenAI(base_url="http://127.0.0.1:8000/v1")


class Bot:
    def __init__(self) -> None:
        self.llm = oa.OpenAI(base_url=oa_base())

    def ask(self, question: str, model: str = "doubao-seed-2-1-pro-260628") -> str:
        reply = self.llm.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model=model, messages=[{"role": "user", "content": question}]
        )
        return reply.choices[0].message.content or ""


def oa_base() -> str:
    import os

    return os.getenv("ARK_BASE_URL", LEGACY_URL)


def embed(texts: list[str]) -> list[list[float]]:
    data = sync_client.embeddings.create(
        model="doubao-embedding-large-text-250515", input=texts
    ).data
    return [d.embedding for d in data]


async def chat(prompt: str) -> str:
    reply = await async_client.chat.completions.create(
        extra_body={"thinking": {"type": "disabled"}}, model=CHAT_MODEL, messages=[]
    )
    return reply.choices[0].message.content or ""
