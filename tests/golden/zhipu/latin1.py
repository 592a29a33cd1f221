# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("ZAI_API_KEY", "unset")
openai.base_url = (
    os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4").rstrip("/")
    + "/"
)
openai.chat.completions.create(model="glm-4-plus", messages=[])
