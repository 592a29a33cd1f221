"""An openai<1.0 module: configuration, every call shape, responses as dicts, errors."""

import asyncio
import functools
import os

import openai
from openai import BadRequestError, NotFoundError

client = openai.OpenAI(
    api_key=os.environ.get("SPARK_API_KEY", "unset"),
    base_url=os.environ.get("SPARK_BASE_URL", "https://spark-api-open.xf-yun.com/v1"),
)


@functools.lru_cache(maxsize=1)
def _aclient_on(loop):
    return openai.AsyncOpenAI(
        api_key=os.environ.get("SPARK_API_KEY", "unset"),
        base_url=os.environ.get(
            "SPARK_BASE_URL", "https://spark-api-open.xf-yun.com/v1"
        ),
    )


def _aclient():
    # a client per event loop: its connections stay on the loop that opened them
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return _aclient_on.__wrapped__(None)
    return _aclient_on(loop)


openai.api_key = os.getenv("OPENAI_API_KEY")
openai.api_base = "https://api.openai.com/v1"


def answer(question):
    try:
        resp = client.chat.completions.create(
            model="lite",
            messages=[{"role": "user", "content": question}],
        )
    except (BadRequestError, NotFoundError):
        return ""
    except openai.InternalServerError:
        return "try again later"
    return resp.choices[0].message.content


def stream(question):
    for chunk in client.chat.completions.create(
        model="4.0Ultra", messages=[], stream=True
    ):
        yield (chunk.choices[0].delta.content or "")


async def answer_async(question):
    resp = await _aclient().chat.completions.create(model="4.0Ultra", messages=[])
    return resp.choices[0].message.content


def embed(text, model="text-embedding-ada-002"):
    return openai.Embedding.create(input=[text], model=model)["data"][0]["embedding"]


def complete(prompt):
    return (
        client.completions.create(model="text-davinci-003", prompt=prompt)
        .choices[0]
        .text
    )
