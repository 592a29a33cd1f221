# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("HUNYUAN_API_KEY", "unset")
openai.base_url = (
    os.environ.get(
        "HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1"
    ).rstrip("/")
    + "/"
)
openai.chat.completions.create(model="hunyuan-turbos-latest", messages=[])
