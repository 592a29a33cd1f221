# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("QIANFAN_API_KEY", "unset")
openai.base_url = (
    os.environ.get("QIANFAN_BASE_URL", "https://qianfan.baidubce.com/v2").rstrip("/")
    + "/"
)
openai.chat.completions.create(model="ernie-4.5-turbo-128k", messages=[])
