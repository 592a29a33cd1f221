"""More openai<1.0 shapes: helpers, gather, errors read in handlers, text of a response."""

import asyncio
import json

import openai
from openai.openai_object import OpenAIObject


def ask(question):
    return openai.ChatCompletion.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
        headers={"X-Team": "support"},
        request_timeout=20,
    )


def reply(question):
    resp = ask(question)
    print(f"raw: {resp}")
    return resp["choices"][0]["message"]["content"]


async def many(questions):
    calls = [openai.ChatCompletion.acreate(model="gpt-4", messages=[]) for _ in questions]
    results = await asyncio.gather(*calls)
    return [r["choices"][0]["message"]["content"] for r in results]


def safe_reply(question):
    try:
        return reply(question)
    except openai.error.RateLimitError as e:
        return f"busy ({e.http_status}): {e.headers.get('retry-after')}"
    except openai.error.InvalidRequestError as e:
        return e.json_body["error"]["message"]


def transcript(path):
    with open(path, "rb") as audio:
        return openai.Audio.transcribe("whisper-1", audio)["text"]


def dump(question):
    resp = ask(question)
    return json.dumps(resp, sort_keys=True), isinstance(resp, OpenAIObject)


def engines():
    return [e["id"] for e in openai.Engine.list()["data"]]
