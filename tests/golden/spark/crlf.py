import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("SPARK_API_KEY", "unset"),
    base_url=os.environ.get("SPARK_BASE_URL", "https://spark-api-open.xf-yun.com/v1"),
)
reply = client.chat.completions.create(model="lite", messages=[])
