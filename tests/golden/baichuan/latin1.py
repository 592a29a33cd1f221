# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["BAICHUAN_API_KEY"]
openai.base_url = os.environ.get("BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1")
openai.chat.completions.create(model="Baichuan4", messages=[])
