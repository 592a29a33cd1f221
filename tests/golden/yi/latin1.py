# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["YI_API_KEY"]
openai.base_url = os.environ.get("YI_BASE_URL", "https://api.lingyiwanwu.com/v1")
openai.chat.completions.create(model="yi-lightning", messages=[])
