# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["QIANFAN_API_KEY"]
openai.base_url = os.environ.get("QIANFAN_BASE_URL", "https://qianfan.baidubce.com/v2")
openai.chat.completions.create(model="ernie-4.5-turbo-128k", messages=[])
