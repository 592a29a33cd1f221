# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["DEEPSEEK_API_KEY"]
openai.base_url = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
openai.chat.completions.create(model="deepseek-v4-pro", messages=[])
