import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("BAICHUAN_API_KEY", "unset"),
    base_url=os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1"),
)
reply = client.chat.completions.create(model="Baichuan4-Air", messages=[])
