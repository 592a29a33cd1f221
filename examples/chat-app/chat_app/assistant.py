"""The support assistant: plain, streamed and tool-calling chat."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from openai import OpenAI

from .tools import TOOLS, run_tool

DEFAULT_MODEL = "gpt-4o-mini"
SYSTEM_PROMPT = "You are the support assistant of the Acme web shop. Answer briefly."


class SupportAssistant:
    def __init__(self, temperature: float = 0.3) -> None:
        self.client = OpenAI(timeout=20.0, max_retries=3)
        self.temperature = temperature

    def _messages(self, question: str) -> list[dict[str, Any]]:
        return [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": question},
        ]

    def ask(self, question: str) -> str:
        response = self.client.chat.completions.create(
            model=DEFAULT_MODEL,
            messages=self._messages(question),
            temperature=self.temperature,
        )
        return response.choices[0].message.content or ""

    def stream(self, question: str) -> Iterator[str]:
        stream = self.client.chat.completions.create(
            model=DEFAULT_MODEL,
            messages=self._messages(question),
            temperature=self.temperature,
            stream=True,
        )
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                yield chunk.choices[0].delta.content

    def ask_with_tools(self, question: str) -> str:
        messages = self._messages(question)
        response = self.client.chat.completions.create(
            model=DEFAULT_MODEL, messages=messages, tools=TOOLS, tool_choice="auto"
        )
        message = response.choices[0].message
        if not message.tool_calls:
            return message.content or ""
        messages.append(message.model_dump(exclude_none=True))
        for call in message.tool_calls:
            if call.type != "function":
                continue
            result = run_tool(call.function.name, json.loads(call.function.arguments))
            messages.append(
                {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)}
            )
        final = self.client.chat.completions.create(model=DEFAULT_MODEL, messages=messages)
        return final.choices[0].message.content or ""
