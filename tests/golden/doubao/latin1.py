# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["ARK_API_KEY"]
openai.base_url = os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3")
openai.chat.completions.create(model="doubao-seed-2-0-pro-260215", messages=[])
