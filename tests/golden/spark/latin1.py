# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("SPARK_API_KEY", "unset")
openai.base_url = (
    os.environ.get("SPARK_BASE_URL", "https://spark-api-open.xf-yun.com/v1").rstrip("/")
    + "/"
)
openai.chat.completions.create(model="4.0Ultra", messages=[])
