"""What Microsoft Semantic Kernel's OpenAI connectors look like (ML686).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against semantic-kernel 1.45.0 (the tables from GENERIC_SETTINGS on: 1.44.1; PyPI;
the same code is in github.com/microsoft/semantic-kernel under python/semantic_kernel/).
Every OpenAI service (connectors/ai/open_ai/services/open_ai_*.py) takes `ai_model_id`,
`api_key`, `org_id`, `service_id`, `default_headers`, `async_client: AsyncOpenAI | None` and
`env_file_path`, and reads what is not given from `OpenAISettings` (connectors/ai/open_ai/
settings/open_ai_settings.py: prefix OPENAI_, the environment, then ./.env). There is no
base-URL keyword: `OpenAIConfigBase.__init__` (services/open_ai_config_base.py) builds
`AsyncOpenAI(api_key=..., organization=..., default_headers=...)` when given no client, so
the request goes to OpenAI (or OPENAI_BASE_URL). There is no default model either: without
`ai_model_id` the service raises unless its `OPENAI_*_MODEL_ID` variable is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FRAMEWORK = "semantic_kernel"
LABEL = "Semantic Kernel"

MODEL = "ai_model_id"  # also the first positional parameter of every service
KEY = "api_key"
CLIENT = "async_client"  # `client` in the realtime services
DROP = frozenset({"org_id"})  # OpenAI-only, and unused once a client is given
CLIENT_IMPORT = "from openai import AsyncOpenAI"
CLIENT_CLASS = "AsyncOpenAI"
KEY_ENV = "OPENAI_API_KEY"  # OpenAISettings.api_key

# The API surfaces (`[supports]` of providers/*.toml) apply points a service at a provider
# for, given `async_client=`; the other services are left to a person.
REWRITTEN = ("chat", "completions", "embeddings")


@dataclass(frozen=True)
class Service:
    """One OpenAI class (or agent set-up call) of Semantic Kernel: the API surface it calls
    and the variable its model comes from when given no `ai_model_id` (`model_env`; an Azure
    class's deployment variable). `plain`: for an Azure OpenAI class, the OpenAI class that
    takes a client of another provider instead (empty for OpenAI's own)."""

    name: str
    surface: str
    model_env: str
    plain: str = ""


_CONNECTORS = "semantic_kernel.connectors.ai.open_ai"


def _service(
    name: str, module: str, surface: str, model_env: str, plain: str = ""
) -> dict[str, Service]:
    """A service under the package that re-exports it and the module that defines it."""
    entry = Service(name, surface, model_env, plain)
    return {f"{_CONNECTORS}.{name}": entry, f"{_CONNECTORS}.services.{module}.{name}": entry}


# Qualified name -> service. The model variables are OpenAISettings' fields.
SERVICES: dict[str, Service] = {
    **_service("OpenAIChatCompletion", "open_ai_chat_completion", "chat", "OPENAI_CHAT_MODEL_ID"),
    **_service(
        "OpenAITextCompletion", "open_ai_text_completion", "completions", "OPENAI_TEXT_MODEL_ID"
    ),
    **_service(
        "OpenAITextEmbedding", "open_ai_text_embedding", "embeddings", "OPENAI_EMBEDDING_MODEL_ID"
    ),
    **_service(
        "OpenAITextToImage", "open_ai_text_to_image", "images", "OPENAI_TEXT_TO_IMAGE_MODEL_ID"
    ),
    **_service(
        "OpenAIAudioToText", "open_ai_audio_to_text", "audio", "OPENAI_AUDIO_TO_TEXT_MODEL_ID"
    ),
    **_service(
        "OpenAITextToAudio", "open_ai_text_to_audio", "audio", "OPENAI_TEXT_TO_AUDIO_MODEL_ID"
    ),
    # services/open_ai_realtime.py: the Realtime API over WebRTC or a websocket (its client
    # keyword is `client`, not `async_client`)
    **_service("OpenAIRealtimeWebRTC", "open_ai_realtime", "realtime", "OPENAI_REALTIME_MODEL_ID"),
    **_service(
        "OpenAIRealtimeWebsocket", "open_ai_realtime", "realtime", "OPENAI_REALTIME_MODEL_ID"
    ),
}

# The Azure OpenAI services (connectors/ai/open_ai/services/azure_*.py): each builds an
# `AsyncAzureOpenAI` from `endpoint` / `base_url`, `api_key` (or an Entra ID token, `ad_token`,
# `ad_token_provider`, `credential`) and `deployment_name`, read from `AzureOpenAISettings`
# (settings/azure_open_ai_settings.py: prefix AZURE_OPENAI_, the environment, then ./.env)
# when not given. Their first positional parameter is `service_id`, not a model.
_AZURE = "AZURE_OPENAI_{}_DEPLOYMENT_NAME"
AZURE_SERVICES: dict[str, Service] = {
    **_service(
        "AzureChatCompletion",
        "azure_chat_completion",
        "chat",
        _AZURE.format("CHAT"),
        "OpenAIChatCompletion",
    ),
    **_service(
        "AzureTextCompletion",
        "azure_text_completion",
        "completions",
        _AZURE.format("TEXT"),
        "OpenAITextCompletion",
    ),
    **_service(
        "AzureTextEmbedding",
        "azure_text_embedding",
        "embeddings",
        _AZURE.format("EMBEDDING"),
        "OpenAITextEmbedding",
    ),
    **_service(
        "AzureTextToImage",
        "azure_text_to_image",
        "images",
        _AZURE.format("TEXT_TO_IMAGE"),
        "OpenAITextToImage",
    ),
    **_service(
        "AzureAudioToText",
        "azure_audio_to_text",
        "audio",
        _AZURE.format("AUDIO_TO_TEXT"),
        "OpenAIAudioToText",
    ),
    **_service(
        "AzureTextToAudio",
        "azure_text_to_audio",
        "audio",
        _AZURE.format("TEXT_TO_AUDIO"),
        "OpenAITextToAudio",
    ),
    **_service(
        "AzureRealtimeWebRTC",
        "azure_realtime",
        "realtime",
        _AZURE.format("REALTIME"),
        "OpenAIRealtimeWebRTC",
    ),
    **_service(
        "AzureRealtimeWebsocket",
        "azure_realtime",
        "realtime",
        _AZURE.format("REALTIME"),
        "OpenAIRealtimeWebsocket",
    ),
}

# The class names of the services: a module naming one uses Semantic Kernel's services.
SERVICE_NAMES = frozenset(s.name for s in (SERVICES | AZURE_SERVICES).values())

# `Service.from_dict(settings)` (a classmethod of every service above) builds the service
# from the dict's entries and never from a client: OpenAIChatCompletion's passes only
# `ai_model_id`, `service_id` and `default_headers` (its key is OPENAI_API_KEY), the others
# `api_key` and `org_id` too; none passes `async_client`.
FROM_DICT = "from_dict"
FROM_DICTS: dict[str, Service] = {
    f"{name}.{FROM_DICT}": Service(f"{s.name}.{FROM_DICT}", s.surface, s.model_env, s.plain)
    for name, s in (SERVICES | AZURE_SERVICES).items()
}

# agents/open_ai/openai_assistant_agent.py and openai_responses_agent.py (exported by
# agents/__init__.py): `setup_resources(...)` / `create_client(...)` build the agent's
# AsyncOpenAI from ai_model_id, api_key and org_id (the model from OPENAI_CHAT_MODEL_ID for the
# assistant, OPENAI_RESPONSES_MODEL_ID for the responses agent), with no base URL.
_AGENTS = {
    "OpenAIAssistantAgent": ("openai_assistant_agent", "assistants", "OPENAI_CHAT_MODEL_ID"),
    "OpenAIResponsesAgent": ("openai_responses_agent", "responses", "OPENAI_RESPONSES_MODEL_ID"),
}
AGENT_SETUPS: dict[str, Service] = {
    f"{module}.{name}.{method}": Service(f"{name}.{method}", surface, model_env)
    for name, (file, surface, model_env) in _AGENTS.items()
    for module in ("semantic_kernel.agents", f"semantic_kernel.agents.open_ai.{file}")
    for method in ("setup_resources", "create_client")
}
# agents/open_ai/azure_assistant_agent.py and azure_responses_agent.py: the same set-up calls
# build an `AsyncAzureOpenAI` from AzureOpenAISettings (AZURE_OPENAI_*).
_AZURE_AGENTS = {
    "AzureAssistantAgent": ("azure_assistant_agent", "assistants", "CHAT", "OpenAIAssistantAgent"),
    "AzureResponsesAgent": (
        "azure_responses_agent",
        "responses",
        "RESPONSES",
        "OpenAIResponsesAgent",
    ),
}
AZURE_AGENT_SETUPS: dict[str, Service] = {
    f"{module}.{name}.{method}": Service(f"{name}.{method}", surface, _AZURE.format(kind), plain)
    for name, (file, surface, kind, plain) in _AZURE_AGENTS.items()
    for module in ("semantic_kernel.agents", f"semantic_kernel.agents.open_ai.{file}")
    for method in ("setup_resources", "create_client")
}
# What an agent on a provider without that API is built from instead (agents/__init__.py,
# agents/chat_completion/chat_completion_agent.py: `ChatCompletionAgent(service=...)`).
CHAT_AGENT = "ChatCompletionAgent(service=OpenAIChatCompletion(...))"

# The execution settings of the OpenAI connectors (connectors/ai/open_ai/
# prompt_execution_settings/open_ai_prompt_execution_settings.py, azure_chat_prompt_execution_
# settings.py): the service that runs them sends their fields as the request's arguments
# (`prepare_settings_dict`: by alias, None left out), `ai_model_id` as the model in place of
# its own. Qualified name -> the API surface.
_SETTINGS_MODULE = f"{_CONNECTORS}.prompt_execution_settings"
_SETTINGS = {
    "OpenAIPromptExecutionSettings": ("open_ai_prompt_execution_settings", "chat"),
    "OpenAIChatPromptExecutionSettings": ("open_ai_prompt_execution_settings", "chat"),
    "OpenAITextPromptExecutionSettings": ("open_ai_prompt_execution_settings", "completions"),
    "OpenAIEmbeddingPromptExecutionSettings": ("open_ai_prompt_execution_settings", "embeddings"),
    "AzureChatPromptExecutionSettings": ("azure_chat_prompt_execution_settings", "chat"),
}
SETTINGS: dict[str, str] = {
    qualified: surface
    for name, (file, surface) in _SETTINGS.items()
    for qualified in (f"{_CONNECTORS}.{name}", f"{_SETTINGS_MODULE}.{file}.{name}")
}
# A settings keyword sent under another name (its `serialization_alias`) -> the request's.
SETTINGS_PARAMS = {"ai_model_id": "model", "number_of_responses": "n"}
# The settings every service takes (semantic-kernel 1.44.1, connectors/ai/
# prompt_execution_settings.py, exported by connectors/ai/__init__.py): their keywords are
# kept (`extension_data`), and the OpenAI chat service converts them to its own class
# (`get_prompt_execution_settings_from_settings`; services/ai_service_selector.py:
# `from_prompt_execution_settings`), whose fields take them, `extra_body` included. Read as
# the OpenAI settings only where tied to an OpenAI chat service of the module.
GENERIC_SETTINGS = frozenset(
    {
        "semantic_kernel.connectors.ai.PromptExecutionSettings",
        "semantic_kernel.connectors.ai.prompt_execution_settings.PromptExecutionSettings",
    }
)
# The settings' keyword naming the service that runs them (also their first positional
# parameter: `PromptExecutionSettings.__init__(service_id=None, **kwargs)`), and a service's
# (`OpenAIChatCompletion.__init__(ai_model_id, service_id, ...)`, `AzureChatCompletion.
# __init__(service_id, ...)`). A service given none is registered under its model
# (services/ai_service_client_base.py, `model_post_init`); settings naming none run on the
# kernel's service "default", else on its first (services/kernel_services_extension.py,
# `get_service`), and on the service a program calls with them directly.
SERVICE_ID = "service_id"
# The other connectors' packages (connectors/ai/<name>/): a module importing one may hand
# settings that name no service to another service than the OpenAI one it builds.
OTHER_CONNECTORS = (
    "anthropic",
    "azure_ai_inference",
    "bedrock",
    "google",
    "hugging_face",
    "mistral_ai",
    "nvidia",
    "ollama",
    "onnx",
)
# The settings' `function_choice_behavior`: the OpenAI chat service sends its type as the
# request's `tool_choice` (connectors/ai/function_calling_utils.py,
# `update_settings_from_function_call_configuration`: `settings.tool_choice = type`, a
# FunctionChoiceType whose value is the string; never a named function, `filters` only narrow
# the tools). The behavior is built by a classmethod of FunctionChoiceBehavior
# (connectors/ai/function_choice_behavior.py, exported by connectors/ai/__init__.py), or, as
# the settings' value, parsed from a string (`from_string`) or a dict (`from_dict`: its
# "type", "auto" when absent) by `PromptExecutionSettings.parse_function_choice_behavior`.
CHOICE_BEHAVIOR = "function_choice_behavior"
_BEHAVIOR = (
    "semantic_kernel.connectors.ai",
    "semantic_kernel.connectors.ai.function_choice_behavior",
)
CHOICE_TYPES = {"Auto": "auto", "NoneInvoke": "none", "Required": "required"}
CHOICES: dict[str, str] = {
    f"{module}.FunctionChoiceBehavior.{method}": choice
    for module in _BEHAVIOR
    for method, choice in CHOICE_TYPES.items()
}
CHOICE_PARSERS: dict[str, str] = {
    f"{module}.FunctionChoiceBehavior.{method}": method
    for module in _BEHAVIOR
    for method in ("from_string", "from_dict")
}
CHOICE_DEFAULT = "auto"  # `from_dict` given no "type"
# `OpenAIChatCompletionBase._create_chat_message_content` (connectors/ai/open_ai/services/
# open_ai_chat_completion_base.py) keeps a reply's tool calls and content, not its
# `reasoning_content`: the assistant turn its tool loop sends back carries none.
# The chat services' keyword naming the role of system messages ("system" or "developer").
INSTRUCTION_ROLE = "instruction_role"

# What screening looks for: a module importing Semantic Kernel (bytes).
IMPORT = re.compile(rb"^[ \t]*\"?(?:import|from)[ \t]+semantic_kernel\b", re.MULTILINE)
