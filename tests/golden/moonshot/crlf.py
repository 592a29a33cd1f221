import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
)
reply = client.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}}, model="kimi-k2.6", messages=[]
)
