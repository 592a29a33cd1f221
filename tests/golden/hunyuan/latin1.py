# -*- coding: latin-1 -*-
import openai
import os

GREETING = "ça va, café"
openai.api_key = os.environ["HUNYUAN_API_KEY"]
openai.base_url = os.environ.get("HUNYUAN_BASE_URL", "https://api.hunyuan.cloud.tencent.com/v1")
openai.chat.completions.create(model="hunyuan-turbos-latest", messages=[])
