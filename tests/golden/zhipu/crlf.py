import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
reply = client.chat.completions.create(model="glm-4-flash", messages=[])
