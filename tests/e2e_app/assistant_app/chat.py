"""Chat requests: a thin wrapper, an assistant driven by its settings, and summaries."""

from __future__ import annotations

from dataclasses import dataclass, field

from .backend import default_backend
from .settings import SUMMARY_REQUEST, AssistantSettings, reply_tokens


def chat(messages: list[dict], model="gpt-4-turbo") -> str:
    """One chat completion; the reply's text."""
    client = default_backend()
    response = client.chat.completions.create(model=model, messages=messages)
    return response.choices[0].message.content


@dataclass
class Assistant:
    settings: AssistantSettings = field(default_factory=AssistantSettings)

    def ask(self, question: str) -> str:
        client = default_backend()
        response = client.chat.completions.create(
            model=self.settings.model,
            temperature=self.settings.temperature,
            max_tokens=reply_tokens(self.settings.model),
            messages=[
                {"role": "system", "content": self.settings.system_prompt},
                {"role": "user", "content": question},
            ],
        )
        return response.choices[0].message.content


def summarise(text: str) -> str:
    client = default_backend()
    response = client.chat.completions.create(
        **SUMMARY_REQUEST,
        messages=[{"role": "user", "content": f"Summarise in one line: {text}"}],
    )
    return response.choices[0].message.content
