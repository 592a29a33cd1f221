# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("YI_API_KEY", "unset")
openai.base_url = (
    os.environ.get("YI_BASE_URL", "https://api.lingyiwanwu.com/v1").rstrip("/") + "/"
)
openai.chat.completions.create(model="yi-lightning", messages=[])
