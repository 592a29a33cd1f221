import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),
    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
)
reply = client.chat.completions.create(model="MiniMax-M2.5-highspeed", messages=[])
