"""What lagent's OpenAI-style chat classes send, and the model names they refuse (ML697).

Knowledge of the library only; what a provider serves is in `providers/*.toml`.

Read in lagent 0.5.0rc2 (PyPI wheel, the version InternLM/MindSearch pins) and the tags of
github.com/InternLM/lagent: v0.1.0-v0.2.3, v0.2.4 (2024-10-21), v0.5.0rc1, v0.5.0rc2
(2024-11-29), v0.5.0rc3 (2025-03-04), checked 2026-12-07.
"""

from __future__ import annotations

PACKAGE = "lagent"
LABEL = "lagent"

# lagent/llms/openai.py: `class GPTAPI(BaseAPILLM)` and (from 0.5.0rc1) `class
# AsyncGPTAPI(AsyncBaseAPILLM)`, both `__init__(self, model_type: str = 'gpt-3.5-turbo', ...)`,
# exported by lagent/llms/__init__.py (`from .openai import GPTAPI, AsyncGPTAPI`).
CLASSES: frozenset[str] = frozenset(
    f"lagent.llms.{module}{name}"
    for module in ("", "openai.")
    for name in ("GPTAPI", "AsyncGPTAPI")
)
MODEL_KEYWORD = "model_type"
MODEL_POSITION = 0

# lagent/utils/util.py `create_object(config)`: pops the config's "type" (a class, or a
# dotted path it imports) and builds it with the other entries as keywords; MindSearch's
# mindsearch/agent/models.py holds its LLMs as `dict(type=GPTAPI, model_type=..., ...)`.
CONFIG_TYPE_KEY = "type"

# Where both classes post when no URL is given: `OPENAI_API_BASE =
# 'https://api.openai.com/v1/chat/completions'`, the default of the URL keyword, which is
# `api_base` in 0.2.4-0.5.0rc3 and `openai_api_base` in the v0.1 releases (read in a copy of
# v0.1's lagent/llms/openai.py). The key comes as `key` (fourth positionally; 'ENV' reads
# OPENAI_API_KEY), so an OpenAI key given to a class without a URL goes to OpenAI.
DEFAULT_URL = "https://api.openai.com/v1/chat/completions"
URL_KEYWORDS: tuple[str, ...] = ("api_base", "openai_api_base")
KEY_KEYWORD = "key"
KEY_POSITION = 3

# `generate_request_data(model_type, ...)` of both classes, called for every request: from
# v0.2.4 it builds a body only for `model_type.lower().startswith(...)` one of these, and
# raises `NotImplementedError(f'Model type {model_type} is not supported')` for any other
# name before a request is sent. 0.2.4-0.5.0rc2: gpt and internlm get the OpenAI chat body,
# qwen DashScope's native one (`input`/`parameters`, header X-DashScope-SSE); 0.5.0rc3: gpt
# and qwen the OpenAI body, internlm too (AsyncGPTAPI also o1, without sampling parameters).
# v0.1.0-v0.2.3 have no such test (the model is sent as written).
ACCEPTED_STARTS: tuple[str, ...] = ("gpt", "internlm", "qwen")
REFUSING_SINCE = "0.2.4"
CHECKED = "0.5.0rc3"
SOURCE = "lagent/llms/openai.py"


def accepts(model: str) -> bool:
    """Whether lagent's GPTAPI builds a request for `model` as its `model_type`."""
    return model.lower().startswith(ACCEPTED_STARTS)
