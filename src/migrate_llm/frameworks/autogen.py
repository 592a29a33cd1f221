"""What AutoGen / AG2 look like: the 0.2-style `config_list` dicts and autogen-ext's OpenAI
model client.

Checked against autogen-ext / autogen-core 0.7.5 (installed from PyPI; github.com/microsoft/
autogen) and, for the 0.2 API, microsoft/autogen 0.2 and ag2ai/ag2 `autogen/oai/client.py`.
"""

from __future__ import annotations

# 0.2 / AG2: `OpenAIWrapper(config_list=[{...}])` builds `OpenAI(**config)` from the keys of
# each entry that are keyword-only arguments of `OpenAI.__init__`
# (`openai_kwargs = set(inspect.getfullargspec(OpenAI.__init__).kwonlyargs)`,
# autogen/oai/client.py): `model`, `api_key`, `base_url`; `api_type` picks Azure and others.
CONFIG_LIST_NAME = "config_list"  # a name or key holding the list of entries
# Readers of entries kept outside the code: `config_list_from_json(env_or_file=
# "OAI_CONFIG_LIST", ...)` reads a JSON file or a variable of that name, and
# `config_list_from_dotenv` a .env file (autogen/oai/openai_utils.py, exported by
# autogen/__init__.py).
CONFIG_READERS = frozenset(
    {
        "autogen.config_list_from_json",
        "autogen.oai.config_list_from_json",
        "autogen.oai.openai_utils.config_list_from_json",
        "autogen.config_list_from_dotenv",
        "autogen.oai.config_list_from_dotenv",
        "autogen.oai.openai_utils.config_list_from_dotenv",
    }
)
LLM_CONFIG_NAME = "llm_config"  # `AssistantAgent(llm_config={"model": ..., ...})` (AG2)
# AG2's `LLMConfig(*configs, ...)` (autogen/llm_config/config.py, ag2 0.9 to 0.14): each dict
# given positionally is an entry, as those of `config_list=` are
# (`LLMConfig({"api_type": "openai", "model": "gpt-5-nano", "api_key": ...})`).
LLM_CONFIG_CLASSES = frozenset(
    {"autogen.LLMConfig", "autogen.llm_config.LLMConfig", "autogen.llm_config.config.LLMConfig"}
)
MODULES = ("autogen", "ag2")
MODEL_KEY = "model"
API_KEY = "api_key"
BASE_URL = "base_url"
API_TYPE = "api_type"  # anything but "openai" is another client (azure, google, ...)
OPENAI_API_TYPE = "openai"
# an `api_type` starting so builds `AzureOpenAI(**config)` (autogen/oai/client.py)
AZURE_API_TYPE = "azure"
# Keys of an entry holding labels, not models: `filter_config(config_list, {"tags": ["gpt-4"]})`
# (autogen/oai/openai_utils.py) keeps the entries carrying one of them; a label named like a
# model stays, or the program's filters stop matching.
LABEL_KEYS = frozenset({"tags"})

# autogen-ext: `OpenAIChatCompletionClient(**kwargs: Unpack[OpenAIClientConfiguration])`
# (autogen_ext/models/openai/_openai_client.py; config/__init__.py: `model`, `api_key`,
# `base_url`, `model_info`, `model_capabilities`). A model name it does not know raises
# "model_info is required when model name is not a valid OpenAI model" unless `model_info` is
# given; `model_info` and the deprecated `model_capabilities` are mutually exclusive.
CLIENT_CLASSES = frozenset(
    {
        "autogen_ext.models.openai.OpenAIChatCompletionClient",
        "autogen_ext.models.openai._openai_client.OpenAIChatCompletionClient",
    }
)
MODEL_INFO = "model_info"
MODEL_CAPABILITIES = "model_capabilities"
# ModelInfo (autogen_core/models/_model_client.py): required keys vision, function_calling,
# json_output, family, structured_output. -> the provider `supports` surface each comes from.
MODEL_INFO_SUPPORTS: tuple[tuple[str, str], ...] = (
    ("vision", "vision"),
    ("function_calling", "tools"),
    ("json_output", "json_mode"),
    ("structured_output", "structured_outputs"),
)
UNKNOWN_FAMILY = "unknown"  # ModelFamily.UNKNOWN
