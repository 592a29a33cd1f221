# -*- coding: latin-1 -*-
import os

import openai

GREETING = "ça va, café"
openai.api_key = os.environ.get("ARK_API_KEY", "unset")
openai.base_url = (
    os.environ.get("ARK_BASE_URL", "https://ark.cn-beijing.volces.com/api/v3").rstrip(
        "/"
    )
    + "/"
)
openai.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}},
    model="doubao-seed-2-1-pro-260628",
    messages=[],
)
