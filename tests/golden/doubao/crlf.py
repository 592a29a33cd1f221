import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("ARK_API_KEY", "unset"),
    base_url=os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3"),
)
reply = client.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}},
    model="doubao-seed-2-0-mini-260215",
    messages=[],
)
