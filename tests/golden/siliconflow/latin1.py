# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("SILICONFLOW_CN_API_KEY", "unset")
openai.base_url = (
    os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1").rstrip("/")
    + "/"
)
openai.chat.completions.create(model="deepseek-ai/DeepSeek-V3.2", messages=[])
