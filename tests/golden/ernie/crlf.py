import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("QIANFAN_API_KEY", "unset"),
    base_url=os.environ.get("QIANFAN_BASE_URL", "https://qianfan.baidubce.com/v2"),
)
reply = client.chat.completions.create(model="ernie-speed-128k", messages=[])
