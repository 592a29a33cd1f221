import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
reply = client.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}}, model="deepseek-flash", messages=[]
)
