"""An openai<1.0 module: configuration, every call shape, responses as dicts, errors."""

import os

import openai
from openai.error import InvalidRequestError

openai.api_key = os.getenv("OPENAI_API_KEY")
openai.api_base = "https://api.openai.com/v1"


def answer(question):
    try:
        resp = openai.ChatCompletion.create(
            model="gpt-3.5-turbo",
            messages=[{"role": "user", "content": question}],
        )
    except InvalidRequestError:
        return ""
    except openai.error.ServiceUnavailableError:
        return "try again later"
    return resp["choices"][0]["message"]["content"]


def stream(question):
    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=[], stream=True):
        yield chunk["choices"][0]["delta"].get("content", "")


async def answer_async(question):
    resp = await openai.ChatCompletion.acreate(model="gpt-4", messages=[])
    return resp["choices"][0]["message"]["content"]


def embed(text, model="text-embedding-ada-002"):
    return openai.Embedding.create(input=[text], model=model)["data"][0]["embedding"]


def complete(prompt):
    return openai.Completion.create(engine="text-davinci-003", prompt=prompt)["choices"][0]["text"]
