import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("AZURE_OPENAI_API_KEY", "unset"),
    base_url=os.environ.get(
        "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com"
    ).rstrip("/")
    + "/openai/v1",
)
reply = client.chat.completions.create(model="gpt-3.5-turbo", messages=[])
