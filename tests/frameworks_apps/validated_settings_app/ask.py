"""Ask the model the settings name one question."""

from config import settings
from openai import OpenAI

client = OpenAI(api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL)

if __name__ == "__main__":
    reply = client.chat.completions.create(
        model=settings.LLM_NAME, messages=[{"role": "user", "content": "hi"}]
    )
    print(f"endpoint: {settings.OPENAI_BASE_URL}")
    print(f"reply: {reply.choices[0].message.content}")
