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

# The model an Agent without `model=` uses: `get_default_model()` returns
# `os.getenv("OPENAI_DEFAULT_MODEL", "gpt-5.6-luna")` (src/agents/models/default_models.py);
# older releases used gpt-4o and gpt-4.1. An OpenAI model either way.
DEFAULT_MODEL = "gpt-5.6-luna"

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
