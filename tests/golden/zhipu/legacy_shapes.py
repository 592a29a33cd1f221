"""More openai<1.0 shapes: helpers, gather, errors read in handlers, text of a response."""

import asyncio
import functools
import json
import os

import openai
from openai import BaseModel as OpenAIObject


@functools.lru_cache(maxsize=None)
def _client():
    return openai.OpenAI(
        api_key=os.environ.get("ZAI_API_KEY", "unset"),
        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
    )


@functools.lru_cache(maxsize=1)
def _aclient_on(loop):
    return openai.AsyncOpenAI(
        api_key=os.environ.get("ZAI_API_KEY", "unset"),
        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
    )


def _aclient():
    # a client per event loop: its connections stay on the loop that opened them
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return _aclient_on.__wrapped__(None)
    return _aclient_on(loop)


def ask(question):
    return _client().chat.completions.create(
        model="glm-4-air-250414",
        messages=[{"role": "user", "content": question}],
        extra_headers={"X-Team": "support"},
        timeout=20,
    )


def reply(question):
    resp = ask(question)
    print(f"raw: {json.dumps(resp.to_dict(), sort_keys=True, indent=2)}")
    return resp.choices[0].message.content


async def many(questions):
    calls = [
        _aclient().chat.completions.create(model="glm-4-plus", messages=[])
        for _ in questions
    ]
    results = await asyncio.gather(*calls)
    return [r.choices[0].message.content for r in results]


def safe_reply(question):
    try:
        return reply(question)
    except openai.RateLimitError as e:
        return f"busy ({e.status_code}): {e.response.headers.get('retry-after')}"
    except (openai.BadRequestError, openai.NotFoundError) as e:
        return e.body["message"]


def transcript(path):
    with open(path, "rb") as audio:
        return (
            _client().audio.transcriptions.create(model="glm-asr-2512", file=audio).text
        )


def dump(question):
    resp = ask(question)
    return json.dumps(resp.to_dict(), sort_keys=True), isinstance(resp, OpenAIObject)


def engines():
    return [e.id for e in _client().models.list().data]
