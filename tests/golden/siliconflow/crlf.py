import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),
    base_url=os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"),
)
reply = client.chat.completions.create(model="Qwen/Qwen3-8B", messages=[])
