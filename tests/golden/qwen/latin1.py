# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("DASHSCOPE_API_KEY", "unset")
openai.base_url = (
    os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    ).rstrip("/")
    + "/"
)
openai.chat.completions.create(model="qwen4-max", messages=[])
