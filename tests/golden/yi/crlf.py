import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("YI_API_KEY", "unset"),
    base_url=os.environ.get("YI_BASE_URL", "https://api.lingyiwanwu.com/v1"),
)
reply = client.chat.completions.create(model="yi-spark", messages=[])
