import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("HUNYUAN_API_KEY", "unset"),
    base_url=os.environ.get(
        "HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"
    ),
)
reply = client.chat.completions.create(model="hunyuan-lite", messages=[])
