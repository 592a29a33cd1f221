"""Load config.json and configure the openai module once, at import time."""

import json
import os
from pathlib import Path

import openai

CONFIG_PATH = Path(__file__).resolve().parent.parent / "config.json"


def load_config(path: Path = CONFIG_PATH) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


conf = load_config()

openai.api_key = os.getenv("OPENAI_API_KEY")
openai.api_base = conf["openai"]["api_base"]
openai.organization = os.getenv("OPENAI_ORG_ID")

# Our office network needs a proxy to reach the API.
if os.getenv("HTTPS_PROXY"):
    openai.proxy = os.getenv("HTTPS_PROXY")
