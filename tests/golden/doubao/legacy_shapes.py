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
        api_key=os.environ.get("ARK_API_KEY", "unset"),
        base_url=os.environ.get(
            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"
        ),
    )


@functools.lru_cache(maxsize=1)
def _aclient_on(loop):
    return openai.AsyncOpenAI(
        api_key=os.environ.get("ARK_API_KEY", "unset"),
        base_url=os.environ.get(
            "ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"
        ),
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
        extra_body={"thinking": {"type": "disabled"}},
        model="doubao-seed-2-1-turbo-260628",
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
        _aclient().chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model="doubao-seed-2-1-pro-260628",
            messages=[],
        )
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
        return openai.Audio.transcribe("whisper-1", audio)["text"]


def dump(question):
    resp = ask(question)
    return json.dumps(resp.to_dict(), sort_keys=True), isinstance(resp, OpenAIObject)


def engines():
    return [e.id for e in _client().models.list().data]
