"""What AutoGen / AG2 look like: the 0.2-style `config_list` dicts, autogen-ext's OpenAI
model client and the component configs autogen-core builds it from.

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
# Arguments `OpenAIChatCompletionClient(...)` sends with every request (`create_kwargs` of
# autogen-ext 0.7.5's autogen_ext/models/openai/_openai_client.py: the fields of the SDK's
# create params, and timeout, stream, extra_body): `extra_body` carries a provider's thinking
# switch; a `reasoning_effort` is the program's own choice of thinking.
EXTRA_BODY = "extra_body"
REASONING_EFFORT = "reasoning_effort"

# autogen-core's component configs (`ComponentModel`, autogen-core 0.7.5
# autogen_core/_component_config.py):
# `{"provider": ..., "config": {...}}`, written in a YAML or JSON file or in code and given to
# `ChatCompletionClient.load_component(...)`, which imports the class `provider` names (also
# through `WELL_KNOWN_PROVIDERS`' short names) and builds it from `config` through its
# `component_config_schema`.
COMPONENT_PROVIDER_KEY = "provider"
COMPONENT_CONFIG_KEY = "config"
COMPONENT_PROVIDERS = frozenset(
    {
        *CLIENT_CLASSES,
        "OpenAIChatCompletionClient",
        "openai_chat_completion_client",
    }
)
# A component's config becomes `OpenAIClientConfigurationConfigModel` (config/__init__.py), a
# pydantic model without an `extra_body` field that ignores the keys it lacks: the thinking
# switch cannot be set there (`load_component(...)._create_args` holds no `extra_body`).

# Structured output: `AssistantAgent(output_content_type=Model)` sends its model class as
# `json_output=` of `create` / `create_stream` (autogen_agentchat/agents/_assistant_agent.py),
# and a client with `model_info["structured_output"]` False raises "Model does not support
# structured output." for a `json_output=` that is a pydantic class before any request
# (`_process_create_args`, _openai_client.py); `json_output=True` asks for a JSON object.
AGENT_CLASSES = frozenset(
    {
        "autogen_agentchat.agents.AssistantAgent",
        "autogen_agentchat.agents._assistant_agent.AssistantAgent",
    }
)
AGENT_CLIENT = "model_client"
AGENT_OUTPUT_TYPE = "output_content_type"
CREATE_METHODS = frozenset({"create", "create_stream"})
JSON_OUTPUT = "json_output"

# Tools: with `model_info["function_calling"]` False, `AssistantAgent(tools=...)` raises "The
# model does not support function calling." and `handoffs=` "..., which is needed for
# handoffs." in the constructor (autogen_agentchat/agents/_assistant_agent.py), and the
# client's `create(tools=...)`, which a `workbench=`'s tools go through, raises "Model does not
# support function calling" (_openai_client.py). With True the client sends them as they are.
FUNCTION_CALLING = "function_calling"
AGENT_TOOLS = ("tools", "handoffs", "workbench")
CREATE_TOOLS = "tools"

# Images: with `model_info["vision"]` False the client raises "Model does not support vision
# and image was provided" for a `UserMessage` holding an `Image` (_openai_client.py), and
# `AssistantAgent` drops the images of its context (`_get_compatible_context`,
# `remove_images`). What a module makes images with: autogen-core's `Image`
# (autogen_core/_image.py, exported by autogen_core) and agentchat's `MultiModalMessage`.
IMAGE_CLASSES = frozenset(
    {
        "autogen_core.Image",
        "autogen_core._image.Image",
        "autogen_agentchat.messages.MultiModalMessage",
    }
)
