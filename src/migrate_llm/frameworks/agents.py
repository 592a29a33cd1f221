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
# UserError("Hosted tools are not supported with the ChatCompletions API")
# (src/agents/models/chatcmpl_converter.py `tool_to_openai`). Classes of src/agents/tool.py.
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
    }
)

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
