# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("BAICHUAN_API_KEY", "unset")
openai.base_url = (
    os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1").rstrip("/")
    + "/"
)
openai.chat.completions.create(model="Baichuan4", messages=[])
