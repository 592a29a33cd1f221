"""What pandas-ai's LLM extensions look like: pandasai-openai's `OpenAI` and pandasai-litellm's
`LiteLLM` (ML694, ML640).

Read from pandas-ai v3.0.0 (github.com/sinaptik-ai/pandas-ai @c6b58f5, 2025-10-07; trial t54g),
`extensions/llms/`; the packages pandasai-openai 0.1.6 and pandasai-litellm 0.0.1 are built
from there:
- `pandasai_openai/openai.py` `OpenAI(BaseOpenAI)`: `__init__(self, api_token=None, **kwargs)`
  reads the key from `api_token` or OPENAI_API_KEY (none: `APIKeyNotFoundError`), the base URL
  from `api_base=` or OPENAI_API_BASE, else `BaseOpenAI.api_base`, "https://api.openai.com/v1"
  (`base.py`); `model=` (class default "gpt-4.1-mini") must be one of its
  `_supported_chat_models` / `_supported_completion_models`, OpenAI's ids only, else
  `UnsupportedModelError`. So it cannot send a provider's model: given one it raises, given an
  OpenAI one pointed at the provider it sends a model the provider does not serve. A subclass
  extending `_supported_chat_models` (what apply does to the class inside pandas-ai's own
  tree) or pandasai-litellm is the way to another server.
- `pandasai_openai/azure_openai.py` `AzureOpenAI`: Azure OpenAI whatever it is given.
- `pandasai_litellm/litellm.py` `LiteLLM(LLM)`: `__init__(self, model, **kwargs)` keeps the
  keywords and calls `litellm.completion(model=self.model, messages=[...], **self.params)`:
  litellm's model string and keywords (`api_key`, `api_base`, `base_url`) as they are.
"""

from __future__ import annotations

OPENAI_MODULE = "pandasai_openai"
LITELLM_MODULE = "pandasai_litellm"
LABEL = "pandasai-openai"

# pandasai-openai's OpenAI class, by the names a program reaches it by (`__init__.py`
# re-exports it)
OPENAI_CLASSES = frozenset({"pandasai_openai.OpenAI", "pandasai_openai.openai.OpenAI"})
AZURE_CLASSES = frozenset(
    {"pandasai_openai.AzureOpenAI", "pandasai_openai.azure_openai.AzureOpenAI"}
)
KEY = "api_token"
BASE_URL = "api_base"
MODEL = "model"
DEFAULT_MODEL = "gpt-4.1-mini"  # `OpenAI.model`
KEY_VARIABLE = "OPENAI_API_KEY"
BASE_URL_VARIABLE = "OPENAI_API_BASE"
DEFAULT_URL = "https://api.openai.com/v1"  # `BaseOpenAI.api_base`

# pandasai-litellm's LiteLLM class (`__init__.py` re-exports it): a litellm model call
# (`rules.framework_litellm.model_call`) taking `model` first and litellm's keywords
LITELLM_CLASSES = frozenset({"pandasai_litellm.LiteLLM", "pandasai_litellm.litellm.LiteLLM"})
LITELLM_MODEL = ("model", 0)
LITELLM_KEY = "api_key"
LITELLM_BASES = ("api_base", "base_url")
LITELLM_IMPORT = "from pandasai_litellm.litellm import LiteLLM"
