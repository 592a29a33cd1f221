# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("AZURE_OPENAI_API_KEY", "unset")
openai.base_url = (
    os.environ.get(
        "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com"
    ).rstrip("/")
    + "/openai/v1/"
)
openai.chat.completions.create(model="gpt-4", messages=[])
