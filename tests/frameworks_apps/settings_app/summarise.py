"""Summarise a ticket with the model the settings name."""

from config import settings
from openai import OpenAI

client = OpenAI(api_key=settings.openai_api_key)


def summarise(ticket: str) -> str:
    reply = client.chat.completions.create(
        model=settings.chat_model,
        messages=[{"role": "user", "content": f"{settings.greeting}! Summarise: {ticket}"}],
    )
    return reply.choices[0].message.content or ""


if __name__ == "__main__":
    print(f"endpoint: {settings.openai_base_url}")
    print(f"summary: {summarise('The printer is on fire.')}")
