# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["MOONSHOT_API_KEY"]
openai.base_url = os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
openai.chat.completions.create(model="kimi-k2.6", messages=[])
