"""Chat with the model: plain, streamed and async replies."""

import logging

import openai

from .retry import with_backoff
from .settings import conf

log = logging.getLogger(__name__)

SYSTEM_PROMPT = "You are HelpBot, a friendly assistant for the Acme web shop."
TEMPERATURE = conf["openai"].get("temperature", 0.7)


def build_messages(history, user_input):
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    messages += history[-conf["bot"]["history_size"]:]
    messages.append({"role": "user", "content": user_input})
    return messages


@with_backoff()
def reply(history, user_input):
    try:
        resp = openai.ChatCompletion.create(
            model=conf["openai"]["model"],
            messages=build_messages(history, user_input),
            temperature=TEMPERATURE,
            max_tokens=conf["openai"]["max_tokens"],
        )
    except openai.error.InvalidRequestError as e:
        log.error("request rejected: %s", e)
        return "Sorry, that message is too long for me. Could you shorten it?"
    return resp["choices"][0]["message"]["content"].strip()


def stream_reply(history, user_input):
    for chunk in openai.ChatCompletion.create(
        model="gpt-3.5-turbo",
        messages=build_messages(history, user_input),
        temperature=TEMPERATURE,
        stream=True,
    ):
        yield chunk["choices"][0]["delta"].get("content", "")


async def areply(history, user_input):
    resp = await openai.ChatCompletion.acreate(
        model="gpt-4",
        messages=build_messages(history, user_input),
        temperature=0,
    )
    return resp["choices"][0]["message"]["content"]
