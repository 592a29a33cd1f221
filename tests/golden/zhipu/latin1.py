# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["ZAI_API_KEY"]
openai.base_url = os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")
openai.chat.completions.create(model="glm-4-plus", messages=[])
