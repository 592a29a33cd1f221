# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("MINIMAX_API_KEY", "unset")
openai.base_url = (
    os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1").rstrip("/") + "/"
)
openai.chat.completions.create(model="MiniMax-M3", messages=[])
