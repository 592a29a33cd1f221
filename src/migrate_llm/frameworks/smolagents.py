"""What smolagents looks like: its model classes that reach OpenAI, and their keywords.

Checked against smolagents 1.26.0 (installed from PyPI; github.com/huggingface/smolagents,
src/smolagents/models.py); smolagents/__init__.py re-exports them (`from .models import *`).
"""

from __future__ import annotations

import re

# `LiteLLMModel(model_id=None, api_base=None, api_key=None, ..., **kwargs)`: calls
# `litellm.completion(model=self.model_id, api_base=..., api_key=...)`, so the model string
# picks the endpoint as litellm's does ("gpt-4o", "openai/gpt-4o": OpenAI, OPENAI_API_KEY).
LITELLM_CLASSES = frozenset({"smolagents.LiteLLMModel", "smolagents.models.LiteLLMModel"})
# `LiteLLMRouterModel(model_id, model_list, client_kwargs=None, ...)`: builds
# `litellm.Router(model_list=model_list, **client_kwargs)` and calls it with `model=model_id`,
# so `model_id` is an alias of the model list (its `model_name`), and each deployment's
# `litellm_params` picks the endpoint as the Router's do.
ROUTER_CLASSES = frozenset(
    {"smolagents.LiteLLMRouterModel", "smolagents.models.LiteLLMRouterModel"}
)
MODEL_LIST = "model_list"
MODEL_LIST_POSITION = 1
# LiteLLMRouterModel takes LiteLLMModel's `__init__` (`api_base=None, api_key=None`, models.py
# L1224-1242) and its `generate`, which calls `self.client.completion(..., api_base=
# self.api_base, api_key=self.api_key, ...)` (L1274-1287): the Router gets `api_base=None` and
# `api_key=None` on every call, and the caller's keywords win over the deployment's
# `litellm_params` (see `frameworks.litellm`), so a deployment's `api_base` and `api_key` are
# never used: the route's own variables set them (litellm/llms/deepseek/chat/
# transformation.py L378-379: `api_base or get_secret_str("DEEPSEEK_API_BASE") or
# "https://api.deepseek.com/beta"`, `api_key or get_secret_str("DEEPSEEK_API_KEY")`; on the
# openai/ route litellm/main.py L2594-2607: `api_base or litellm.api_base or
# get_secret("OPENAI_BASE_URL") or get_secret("OPENAI_API_BASE")`, `... or
# get_secret("OPENAI_API_KEY")`).
ROUTER_DEPLOYMENT = "a LiteLLMRouterModel deployment"
ROUTER_MODEL = "LiteLLMRouterModel"  # given the endpoint of all its deployments
# Where a Python file (a notebook's source) builds one of the classes above, as its bytes show
# it when a run's files are screened: `LiteLLMModel(`, `LiteLLMRouterModel(`.
CALL_TEXT = re.compile(rb"\bLiteLLM(?:Router)?Model[ \t]*\(")
# `OpenAIModel(model_id, api_base=None, api_key=None, organization=None, ...)`, also named
# `OpenAIServerModel` (`OpenAIServerModel = OpenAIModel`): builds
# `openai.OpenAI(api_key=api_key, base_url=api_base, ...)`, which reads OPENAI_API_KEY and
# OPENAI_BASE_URL when they are None; the model id is the server's own (no prefix).
OPENAI_CLASSES = frozenset(
    {
        "smolagents.OpenAIModel",
        "smolagents.OpenAIServerModel",
        "smolagents.models.OpenAIModel",
        "smolagents.models.OpenAIServerModel",
    }
)
# `AzureOpenAIModel(model_id, azure_endpoint=None, api_key=None, api_version=None, ...)`,
# also `AzureOpenAIServerModel`: builds `openai.AzureOpenAI`, Azure's deployment API.
AZURE_CLASSES = frozenset(
    {
        "smolagents.AzureOpenAIModel",
        "smolagents.AzureOpenAIServerModel",
        "smolagents.models.AzureOpenAIModel",
        "smolagents.models.AzureOpenAIServerModel",
    }
)
# The last names of OPENAI_CLASSES: a module naming one may send a model setting to an OpenAI
# client rather than to litellm.
OPENAI_CLASS_NAMES = frozenset(name.rsplit(".", 1)[1] for name in OPENAI_CLASSES)
# The classes' other keywords (`**kwargs`, kept as `self.kwargs`, models.py L484-495) go into
# every request as they are (`_prepare_completion_kwargs`, L545-551): into `litellm.completion`
# for LiteLLMModel, into `client.chat.completions.create` for OpenAIServerModel (L1769-1780).
MODEL_KEYWORD = "model_id"
MODEL_POSITION = 0
API_KEY = "api_key"
API_BASE = "api_base"
