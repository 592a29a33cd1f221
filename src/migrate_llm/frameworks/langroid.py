"""langroid's OpenAI configuration (ML693): its model enum, its default model, and the
settings that pick a model and a server.

Read from langroid 0.65.16 (github.com/langroid/langroid @786c4fe, 2026-07-29; trial t54c):
- `OpenAIGPTConfig` (language_models/openai_gpt.py) is a pydantic settings class with
  `env_prefix="OPENAI_"`: `chat_model` (OPENAI_CHAT_MODEL), `api_key` (OPENAI_API_KEY),
  `api_base` (OPENAI_API_BASE; None: the SDK's default, api.openai.com). Given no
  `chat_model`, it uses `default_openai_chat_model`, `OpenAIChatModel.GPT4o` ("gpt-4o") unless
  the OpenAI account lists a model of its preference list. A `chat_model` with a prefix langroid
  knows (`ollama/`, `gemini/`, `deepseek/`, `groq/`, `litellm/`, `local/`...) picks that
  server; any other model goes to `api_base`, or to OpenAI when it is None.
- `OpenAIChatModel` (language_models/model_info.py) is a `str` enum of OpenAI's model ids
  (`GPT4o = "gpt-4o"`, `GPT4 = "gpt-4o"`, `GPT4o_MINI = "gpt-4o-mini"`...): a member passed as
  `chat_model=` is that OpenAI model.
- `AgentConfig.llm` (agent/base.py; `ChatAgentConfig` derives from it) defaults to
  `OpenAIGPTConfig()`: an agent config given no `llm=` talks to OpenAI with its default model.
- OPENAI_CHAT_MODEL is langroid's own model selector (the `chat_model` field read through the
  prefix), not a variable of OpenAI's SDK.
"""

from __future__ import annotations

MODULE = "langroid"

# The config class, by the names a program reaches it by.
CONFIG_CLASSES = frozenset(
    {
        "langroid.language_models.OpenAIGPTConfig",
        "langroid.language_models.openai_gpt.OpenAIGPTConfig",
        "langroid.OpenAIGPTConfig",
    }
)
# The agent configs whose `llm` defaults to `OpenAIGPTConfig()`.
AGENT_CONFIGS = frozenset(
    {
        "langroid.ChatAgentConfig",
        "langroid.agent.ChatAgentConfig",
        "langroid.agent.chat_agent.ChatAgentConfig",
        "langroid.AgentConfig",
        "langroid.agent.AgentConfig",
        "langroid.agent.base.AgentConfig",
    }
)
MODEL_KEYWORD = "chat_model"
LLM_KEYWORD = "llm"
KEY_KEYWORD = "api_key"
BASE_URL_KEYWORD = "api_base"
# The enum of OpenAI's chat models, by the names a program reaches it by.
MODEL_ENUMS = frozenset(
    {
        "langroid.language_models.OpenAIChatModel",
        "langroid.language_models.model_info.OpenAIChatModel",
    }
)
# Its members, as langroid 0.65.16 defines them (member -> OpenAI model id).
MODEL_MEMBERS: dict[str, str] = {
    "GPT3_5_TURBO": "gpt-3.5-turbo",
    "GPT4": "gpt-4o",
    "GPT4_TURBO": "gpt-4-turbo",
    "GPT4o": "gpt-4o",
    "GPT4o_MINI": "gpt-4o-mini",
    "O1": "o1",
    "O1_MINI": "o1-mini",
    "O3_MINI": "o3-mini",
    "O3": "o3",
    "O4_MINI": "o4-mini",
    "GPT4_1": "gpt-4.1",
    "GPT4_1_MINI": "gpt-4.1-mini",
    "GPT4_1_NANO": "gpt-4.1-nano",
    "GPT5": "gpt-5",
    "GPT5_MINI": "gpt-5-mini",
    "GPT5_NANO": "gpt-5-nano",
}
# The model `OpenAIGPTConfig()` sends when given none (its fallback; an OpenAI account may
# make it another OpenAI model).
DEFAULT_MODEL = "gpt-4o"
# The variable langroid reads its model from (the prefix and the field).
MODEL_VARIABLE = "OPENAI_CHAT_MODEL"
# The class whose `llm` field is the agent configs' default (agent/base.py), and the field.
AGENT_BASE = "AgentConfig"
# Fields of `OpenAIGPTConfig` that pick the server (beside the model).
SERVER_FIELDS = (BASE_URL_KEYWORD, KEY_KEYWORD)
