"""What the OpenAI Agents SDK (`openai-agents`, imported as `agents`) looks like.

Knowledge of the framework only; what a provider offers stays in `providers/*.toml`.
Checked against openai/openai-agents-python 0.22.0 (commit 7f7a44f8, 2026-08-22) and the
installed openai-agents 0.24.0; the file named beside each entry is in that repository.
"""

from __future__ import annotations

# The module the SDK is imported as (pyproject.toml: name "openai-agents", package src/agents).
MODULE = "agents"

# Classes whose construction takes a model: qualified name -> (keyword, position of the
# positional argument). `Agent(name, ..., model=...)` is a dataclass whose fields are
# keyword-only in practice (src/agents/agent.py: `model: str | Model | None = None`);
# `OpenAIChatCompletionsModel(model, openai_client)` (src/agents/models/
# openai_chatcompletions.py `__init__(self, model, openai_client, ...)`).
AGENT_CLASSES: dict[str, tuple[str, int | None]] = {
    "agents.Agent": ("model", None),
    "agents.agent.Agent": ("model", None),
    # `class SandboxAgent(Agent[TContext])` (src/agents/sandbox/sandbox_agent.py, 0.24)
    "agents.sandbox.SandboxAgent": ("model", None),
    "agents.sandbox.sandbox_agent.SandboxAgent": ("model", None),
}
RUN_CONFIG_CLASSES: dict[str, tuple[str, int | None]] = {
    "agents.RunConfig": ("model", None),  # src/agents/run_config.py: `model: str | Model | None`
    "agents.run_config.RunConfig": ("model", None),
}
CHAT_MODEL_CLASSES: dict[str, tuple[str, int | None]] = {
    "agents.OpenAIChatCompletionsModel": ("model", 0),
    "agents.models.openai_chatcompletions.OpenAIChatCompletionsModel": ("model", 0),
}
# The Responses API model class: same signature as the chat one (src/agents/models/
# openai_responses.py `OpenAIResponsesModel.__init__(self, model, openai_client, ...)`), but
# it calls /responses, which the providers do not serve.
RESPONSES_MODEL_CLASSES = frozenset(
    {
        "agents.OpenAIResponsesModel",
        "agents.models.openai_responses.OpenAIResponsesModel",
    }
)
CHAT_MODEL_CLASS = "OpenAIChatCompletionsModel"

# How a run finds its model (src/agents/run_internal/turn_preparation.py:134 `get_model`): a
# model name (the Agent's, None for an Agent without one) goes to `run_config.model_provider`,
# `RunConfig.model_provider: ModelProvider = field(default_factory=MultiProvider)`
# (src/agents/run_config.py:330). Handoffs and agents run as tools take the run's config
# (src/agents/agent.py:714 `as_tool`: `context.run_config` when given none).
# The Runner's class methods, each with the position of `run_config` where it may be given
# positionally (src/agents/run.py:250 `run` and :355 `run_sync` take it by keyword only,
# :458 `run_streamed(starting_agent, input, context, max_turns, hooks, run_config, ...)`).
RUNNER_CALLS: dict[str, tuple[str, int | None]] = {
    f"{module}.Runner.{method}": ("run_config", position)
    for module in ("agents", "agents.run")
    for method, position in (("run", None), ("run_sync", None), ("run_streamed", 5))
}
MODEL_PROVIDER = "model_provider"
# The SDK's providers of OpenAI's models: `OpenAIProvider.get_model(None)` takes
# `get_default_model()` (src/agents/models/openai_provider.py:244), and MultiProvider hands a
# name without a prefix, or None, to its OpenAIProvider (src/agents/models/multi_provider.py:
# 240-245). An Agent run through one of them without `model=` asks OpenAI's default.
OPENAI_PROVIDERS = frozenset(
    {
        "agents.OpenAIProvider",
        "agents.models.openai_provider.OpenAIProvider",
        "agents.MultiProvider",
        "agents.models.multi_provider.MultiProvider",
    }
)
# The SDK's providers that hand a model name to another library, and for None the SDK's
# default: `LitellmModel(model_name or get_default_model())`
# (src/agents/extensions/models/litellm_provider.py:23), `AnyLLMModel(model=model_name or
# f"openai/{get_default_model()}")` (src/agents/extensions/models/any_llm_provider.py:32).
ROUTED_PROVIDERS: dict[str, str] = {
    "agents.extensions.models.litellm_provider.LitellmProvider": "litellm",
    "agents.extensions.models.any_llm_provider.AnyLLMProvider": "any-llm",
}
# The SDK's models that hand the model name to another library instead of an OpenAI client
# (`LitellmModel(model, base_url=None, api_key=None, ...)`, src/agents/extensions/models/
# litellm_model.py; `AnyLLMModel(model, base_url=None, api_key=None, api=None)`,
# any_llm_model.py; src/agents/extensions/models/__init__.py exports nothing), and the
# prefixes of a model name that MultiProvider, a run's default provider, hands to their
# providers (src/agents/models/multi_provider.py `_create_fallback_provider`). An Agent given
# one does not use the SDK's default client. Class or prefix -> the library.
ROUTED_MODELS: dict[str, str] = {
    "agents.extensions.models.litellm_model.LitellmModel": "litellm",
    "agents.extensions.models.any_llm_model.AnyLLMModel": "any-llm",
}
ROUTED_PREFIXES: dict[str, str] = {"litellm/": "litellm", "any-llm/": "any-llm"}
# A model name with such a prefix given to an Agent or a RunConfig: MultiProvider hands the
# rest of the name to LitellmProvider / AnyLLMProvider (multi_provider.py
# `_resolve_prefixed_model`), which build `LitellmModel(model_name)` / `AnyLLMModel(model=
# model_name)` with no key or base URL: the library picks the endpoint and key from the rest
# of the name, `openai/gpt-4o-mini` (or `gpt-4o-mini`) going to OpenAI with OPENAI_API_KEY.
# The model class to write in its place, which takes a key and a base URL: prefix -> (the
# class, its import).
ROUTED_PREFIX_MODELS: dict[str, tuple[str, str]] = {
    "litellm/": ("LitellmModel", "from agents.extensions.models.litellm_model import LitellmModel"),
    "any-llm/": ("AnyLLMModel", "from agents.extensions.models.any_llm_model import AnyLLMModel"),
}
# `AnyLLMModel(model, base_url=None, api_key=None, api=None)` splits "provider/model" (a name
# without one is "openai"'s) and, given no `api`, uses the Responses API where any-llm's
# provider offers it, as its OpenAI provider does (any_llm_model.py `_split_model_name`,
# `_selected_api`): pointed at an OpenAI-compatible server it needs the chat API by name.
ANY_LLM_OPENAI = "openai"
ANY_LLM_KEYWORDS = ("api_key", "base_url")
ANY_LLM_CHAT_API = ("api", "chat_completions")
# LitellmModel hands its model string, key and base URL to `litellm.acompletion(model=...,
# base_url=self.base_url, api_key=self.api_key)` (openai-agents 0.20.0, litellm_model.py
# `_fetch_response`): a litellm call of its own, on litellm's routes ("gpt-4o" and
# "openai/gpt-4o" go to OpenAI with OPENAI_API_KEY). Its keyword and position of the model,
# and the keywords of the key and the base URL.
LITELLM_MODELS = frozenset(name for name, library in ROUTED_MODELS.items() if library == "litellm")
LITELLM_MODEL = ("model", 0)
LITELLM_KEY = "api_key"
LITELLM_BASE = "base_url"
# The base of a provider of one's own: `class ModelProvider(abc.ABC)` with the abstract
# `get_model(self, model_name: str | None) -> Model` (src/agents/models/interface.py:138-145),
# exported by src/agents/__init__.py:88.
MODEL_PROVIDER_BASES = frozenset({"agents.ModelProvider", "agents.models.interface.ModelProvider"})
GET_MODEL = "get_model"
# The keyword and position of the client of the model classes (`__init__(self, model,
# openai_client, ...)`, see CHAT_MODEL_CLASSES).
MODEL_CLIENT = ("openai_client", 1)

# The model an Agent without `model=` uses: `get_default_model()` returns
# `os.getenv("OPENAI_DEFAULT_MODEL", "gpt-5.6-luna")` (src/agents/models/default_models.py);
# older releases used gpt-4o and gpt-4.1. An OpenAI model either way.
DEFAULT_MODEL = "gpt-5.6-luna"
DEFAULT_MODEL_VARIABLE = "OPENAI_DEFAULT_MODEL"

# The SDK's helpers that test the name of its default model, not the model an Agent runs:
# `is_gpt_5_default()` is `gpt_5_reasoning_settings_required(get_default_model())`, whether
# that name starts with "gpt-5" (src/agents/models/default_models.py:79-96), exported by
# src/agents/models/__init__.py:5. Helper -> the family it tests for (ML205 reports the call).
DEFAULT_MODEL_TESTS: dict[str, str] = {
    "agents.models.is_gpt_5_default": "GPT-5",
    "agents.models.default_models.is_gpt_5_default": "GPT-5",
}

# Process-wide settings (src/agents/__init__.py):
# `set_default_openai_client(client: AsyncOpenAI, use_for_tracing: bool = True)`,
# `set_default_openai_api(api: Literal["chat_completions", "responses"])` ("By default, we
# will use the responses API"), and from src/agents/tracing/__init__.py
# `set_tracing_disabled(disabled: bool)`. Traces are uploaded to api.openai.com with the
# OpenAI key unless disabled (docs: openai.github.io/openai-agents-python/tracing/).
SET_CLIENT = "set_default_openai_client"
SET_API = "set_default_openai_api"
SET_TRACING_DISABLED = "set_tracing_disabled"
SETTERS = frozenset({SET_CLIENT, SET_API, SET_TRACING_DISABLED})
CHAT_API = "chat_completions"

# Hosted tools: only the Responses API runs them; the chat completions converter raises
# UserError("Hosted tools are not supported with the ChatCompletions API") for every tool
# but a FunctionTool (src/agents/models/chatcmpl_converter.py `tool_to_openai`). Classes of
# src/agents/tool.py (the `Tool` union, 0.22), exported by src/agents/__init__.py.
HOSTED_TOOLS = frozenset(
    {
        "FileSearchTool",
        "WebSearchTool",
        "ComputerTool",
        "HostedMCPTool",
        "CodeInterpreterTool",
        "ImageGenerationTool",
        "LocalShellTool",
        "ToolSearchTool",
        "ShellTool",  # also with a local executor: it is the Responses "shell" tool
        "ApplyPatchTool",
        "CustomTool",
        "ProgrammaticToolCallingTool",
    }
)
# What makes a function tool a Responses-only one: `tool_to_openai` first calls
# `ensure_function_tool_supports_responses_only_features`, which raises UserError("The
# following function-tool features are only supported with OpenAI Responses models") for
# `allowed_callers`, `defer_loading=True` and an output schema (`output_json_schema`, or the
# one `output_type` builds) (src/agents/tool.py `get_function_tool_responses_only_features`),
# and for a tool of `tool_namespace(...)`. The factories: `function_tool` (and its alias
# `agents.decorators.tool`) and the `FunctionTool` dataclass; keyword -> what a value of
# no effect is written as (the keyword's default).
FUNCTION_TOOL_FACTORIES = frozenset(
    {
        "agents.function_tool",
        "agents.tool.function_tool",
        "agents.decorators.tool",
        "agents.decorators.function_tool",
        "agents.FunctionTool",
        "agents.tool.FunctionTool",
    }
)
RESPONSES_ONLY_TOOL_KEYWORDS: dict[str, str] = {
    "allowed_callers": "None",
    "defer_loading": "False",
    "output_type": "None",
    "output_json_schema": "None",
}
TOOL_NAMESPACE = frozenset({"agents.tool_namespace", "agents.tool.tool_namespace"})
# `ModelSettings(tool_choice=...)` values the chat converter refuses: "tool_choice=
# 'programmatic_tool_calling' is only supported with OpenAI Responses models"
# (src/agents/tool.py `ensure_tool_choice_supports_backend`).
MODEL_SETTINGS_CLASSES = frozenset({"agents.ModelSettings", "agents.model_settings.ModelSettings"})
RESPONSES_TOOL_CHOICES = frozenset({"programmatic_tool_calling"})
# `ModelSettings` fields the chat completions model sends under their own name
# (openai_chatcompletions.py `_fetch_response`: `"temperature": ...`, `"tool_choice": ...`),
# checked as a request's (ML111); `tool_choice` as one of its modes only (a tool's name
# becomes a named-function choice, chatcmpl_converter.py `convert_tool_choice`).
SETTINGS_SENT = ("temperature", "top_p", "frequency_penalty", "presence_penalty", "tool_choice")
TOOL_CHOICE = "tool_choice"
TOOL_CHOICE_MODES = frozenset({"auto", "required", "none"})

# A run's keywords that name state OpenAI keeps (src/agents/run.py `run`, `run_sync`,
# `run_streamed`): `previous_response_id` chains a stored response, `conversation_id` a
# Conversations API conversation. The chat completions model takes neither
# (src/agents/models/openai_chatcompletions.py ignores both), so the turn goes without history.
RESPONSES_RUN_KEYWORDS = ("previous_response_id", "conversation_id")
# An input item's file part given by URL (`{"type": "input_file", "file_url": ...}`): the
# chat completions converter takes `file_data` or `file_id` only and raises UserError("Only
# file_data or file_id is supported for input_file ...") before any request
# (src/agents/models/chatcmpl_converter.py `extract_all_content`).
INPUT_FILE = "input_file"
INPUT_FILE_URL = "file_url"
INPUT_FILE_ERROR = "Only file_data or file_id is supported for input_file"
# `Agent(prompt=...)`: a prompt template stored on OpenAI; "Reusable prompts are only supported
# by the Responses API ... Ignoring `prompt`" (openai_chatcompletions.py
# `_handle_unsupported_prompt`).
AGENT_PROMPT = "prompt"
# `responses_websocket_session()` builds `MultiProvider(openai_use_responses=True,
# openai_use_responses_websocket=True)`: the Responses API over a websocket whatever the
# default API (src/agents/responses_websocket_session.py).
RESPONSES_WEBSOCKET = frozenset(
    {
        "agents.responses_websocket_session",
        "agents.responses_websocket_session.responses_websocket_session",
    }
)
# The OpenAI providers' keywords that give them a client of their own, so the SDK's default
# client (ML630) does not reach them, and those that choose the Responses API whatever the
# default API (src/agents/models/openai_provider.py `__init__`, multi_provider.py
# `__init__`: the same with an `openai_` prefix).
PROVIDER_CLIENT_KEYWORDS = frozenset(
    {"api_key", "base_url", "websocket_base_url", "organization", "project", "openai_client"}
)
PROVIDER_RESPONSES_KEYWORD = "use_responses"
MULTI_PROVIDERS = frozenset({"agents.MultiProvider", "agents.models.multi_provider.MultiProvider"})
MULTI_PROVIDER_PREFIX = "openai_"

# Sessions kept on OpenAI's servers: OpenAIConversationsSession calls the Conversations API
# (`client.conversations.create/items...`, src/agents/memory/openai_conversations_session.py)
# and OpenAIResponsesCompactionSession the Responses API's compaction
# (src/agents/memory/openai_responses_compaction_session.py); both exported by
# src/agents/__init__.py (0.24). No provider serves them.
SERVER_SESSIONS = frozenset(
    {
        "OpenAIConversationsSession",
        "OpenAIResponsesCompactionSession",
    }
)

# Voice pipelines (src/agents/voice): `VoicePipeline(workflow, stt_model=None, tts_model=None,
# config=None)` takes a model name or None to `config.model_provider`, by default
# `OpenAIVoiceModelProvider`, whose STT and TTS models call `/audio/transcriptions` (a
# realtime transcription websocket when streamed) and `/audio/speech` on the SDK's default
# client (voice/models/openai_model_provider.py: DEFAULT_STT_MODEL "gpt-4o-transcribe",
# DEFAULT_TTS_MODEL "gpt-4o-mini-tts").
VOICE_PIPELINES = frozenset({"agents.voice.VoicePipeline", "agents.voice.pipeline.VoicePipeline"})
VOICE_PIPELINE_MODELS = (("stt_model", 1), ("tts_model", 2))
VOICE_PIPELINE_CONFIG = ("config", 3)
VOICE_PIPELINE_CONFIGS = frozenset(
    {"agents.voice.VoicePipelineConfig", "agents.voice.pipeline_config.VoicePipelineConfig"}
)
VOICE_MODEL_PROVIDER = "model_provider"
VOICE_OPENAI = frozenset(
    {
        "agents.voice.OpenAIVoiceModelProvider",
        "agents.voice.models.openai_model_provider.OpenAIVoiceModelProvider",
        "agents.voice.OpenAISTTModel",
        "agents.voice.models.openai_stt.OpenAISTTModel",
        "agents.voice.OpenAITTSModel",
        "agents.voice.models.openai_tts.OpenAITTSModel",
    }
)
VOICE_DEFAULT_MODELS = ("gpt-4o-transcribe", "gpt-4o-mini-tts")
# Realtime (src/agents/realtime): `RealtimeRunner(agent, model=None)` runs on
# `OpenAIRealtimeWebSocketModel`, which opens wss://api.openai.com/v1/realtime with
# OPENAI_API_KEY unless its model_config gives `url` and `api_key`
# (realtime/openai_realtime.py); the default client is not used.
REALTIME = frozenset(
    {
        "agents.realtime.RealtimeRunner",
        "agents.realtime.runner.RealtimeRunner",
        "agents.realtime.OpenAIRealtimeWebSocketModel",
        "agents.realtime.openai_realtime.OpenAIRealtimeWebSocketModel",
        "agents.realtime.OpenAIRealtimeSIPModel",
        "agents.realtime.openai_realtime.OpenAIRealtimeSIPModel",
    }
)

# Reasoning of a thinking model: the chat completions model gives `reasoning_content` back on
# the assistant turn with tool calls only where `should_replay_reasoning_content` says so, by
# default for a model whose name contains "deepseek"
# (src/agents/models/reasoning_content_replay.py `default_should_replay_reasoning_content`).
REPLAYS_REASONING_FOR = "deepseek"
# `OpenAIChatCompletionsModel(model, openai_client, should_replay_reasoning_content=None, ...)`
# (openai_chatcompletions.py `__init__`): a callable given there decides instead (`lambda
# ctx: True` replays it for every model). Its keyword and position.
REPLAY_REASONING = ("should_replay_reasoning_content", 2)
# `LitellmModel(model, base_url=None, api_key=None, should_replay_reasoning_content=None)`
# (litellm_model.py `__init__`, 0.20.0 and 0.22.0) hands the same callable to the converter
# building its messages; litellm's own route may fill the field itself
# (`[frameworks] litellm_tool_turns_filled` of its provider file).
LITELLM_REPLAY_REASONING = ("should_replay_reasoning_content", 3)
AGENT_TOOL_KEYWORDS = ("tools", "handoffs")
HANDOFFS = "handoffs"
# Agents that continue a history holding tool calls without making them: a handoff's target
# (the handoff is a tool call of the Agent handing off, src/agents/handoffs/__init__.py
# `handoff(agent, ...)`: keyword and position of the Agent), and the starting agent of a run
# whose input is an earlier run's items (src/agents/result.py `to_input_list()`; run.py
# `run(cls, starting_agent, input, ...)`: keyword and position of each).
HANDOFF_FUNCTIONS: dict[str, tuple[str, int | None]] = {
    "agents.handoff": ("agent", 0),
    "agents.handoffs.handoff": ("agent", 0),
}
# `handoff(agent, ..., input_filter=...)`: a function of the program's choosing what history
# the target gets (`handoff_filters.remove_all_tools` drops the tool calls).
HANDOFF_INPUT_FILTER = "input_filter"
RUN_AGENT = ("starting_agent", 0)
RUN_INPUT = ("input", 1)
TO_INPUT_LIST = "to_input_list"
# `Agent(output_type=...)`: anything but plain text (`None` or `str`, src/agents/agent_output.py
# `is_plain_text`) goes to the chat completions API as `response_format={"type":
# "json_schema", ...}` (src/agents/models/chatcmpl_converter.py `convert_response_format`),
# a request for structured outputs as `chat.completions.parse` makes.
AGENT_OUTPUT_TYPE = "output_type"
STRUCTURED_OUTPUTS = "structured_outputs"  # the `[supports]` entry that decides it
# The `[params] response_format` entry and the type a provider may take instead of the
# json_schema the SDK sends. `ModelSettings(extra_body={"response_format": {"type":
# "json_object"}})` replaces the json_schema in the request's body (the openai client merges
# `extra_body` over the body it builds), while the SDK still parses the reply as the output
# type; `extra_args=` with the key raises TypeError (openai_chatcompletions.py: "got multiple
# values").
RESPONSE_FORMAT = "response_format"
JSON_MODE = "json_object"
PLAIN_TEXT_OUTPUTS = frozenset({"None", "str"})
# `Agent(model_settings=ModelSettings(extra_body=...))`: ModelSettings' `extra_body: Body |
# None` (src/agents/model_settings.py L174) goes to `chat.completions.create(extra_body=...)`
# (src/agents/models/openai_chatcompletions.py L705): where an Agent's model thinks by default,
# the provider's switch turning that off (ML118). Its `reasoning=` (L131) asks for reasoning.
MODEL_SETTINGS = "model_settings"
EXTRA_BODY = "extra_body"
MODEL_SETTINGS_NAME = "ModelSettings"
MODEL_SETTINGS_IMPORT = "from agents import ModelSettings"
SETTINGS_REASONING = "reasoning"
