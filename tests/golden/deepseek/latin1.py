# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("DEEPSEEK_API_KEY", "unset")
openai.base_url = (
    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/") + "/"
)
openai.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}}, model="deepseek-v4-pro", messages=[]
)
