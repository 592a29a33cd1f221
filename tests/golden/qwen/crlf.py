import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
    base_url=os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    ),
)
reply = client.chat.completions.create(model="qwen-flash", messages=[])
