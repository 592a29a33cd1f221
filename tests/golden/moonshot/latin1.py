# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("MOONSHOT_API_KEY", "unset")
openai.base_url = (
    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1").rstrip("/") + "/"
)
openai.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}}, model="kimi-k2.6", messages=[]
)
