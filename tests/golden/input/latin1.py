# -*- coding: latin-1 -*-
import openai

GREETING = "ça va, café"
openai.api_key = key
openai.base_url = "https://api.openai.com/v1/"
openai.chat.completions.create(model="gpt-4", messages=[])
