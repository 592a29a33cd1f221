"""Names programs give LLM services as the keys of their per-service tables.

A multi-provider program keeps tables keyed by service (gptme's `MODEL_ALIASES =
{"openai": {"gpt-5.6": "gpt-5.6-sol"}, "anthropic": {...}}`): an entry under a service names
that service's model, which the program sends to that service. The ids of migrate-llm's
provider files (and their aliases) count too (`service_tables`). Compared in lower case.
Gathered from the provider names of LiteLLM, LangChain's `init_chat_model`, pydantic-ai,
gptme and aider (2026-12-05); a name missing here only makes a table not count as keyed by
service.
"""

from __future__ import annotations

# OpenAI's own names, and those of its models served elsewhere under OpenAI's contract
OPENAI_SERVICES = frozenset(
    {
        "openai",
        "openai-subscription",
        "openai_subscription",
        "chatgpt",
        "azure",
        "azure_openai",
        "azure-openai",
        "azureopenai",
    }
)

# Those of OPENAI_SERVICES whose host and key are the program's own resource, not OpenAI's
# API (Azure OpenAI: `AZURE_API_KEY`, `settings.azure_base_url`): a client keyed for one is
# that resource's, and the target's key must not go where its URL points (`service_keys`)
RESOURCE_SERVICES = frozenset({"azure"})

OTHER_SERVICES = frozenset(
    {
        "anthropic",
        "claude",
        "google",
        "gemini",
        "google_genai",
        "google-genai",
        "vertex",
        "vertexai",
        "vertex_ai",
        "google_vertexai",
        "bedrock",
        "aws",
        "mistral",
        "mistralai",
        "cohere",
        "groq",
        "xai",
        "grok",
        "grok-subscription",
        "openrouter",
        "requesty",
        "together",
        "together_ai",
        "togetherai",
        "fireworks",
        "fireworks_ai",
        "perplexity",
        "deepinfra",
        "cerebras",
        "sambanova",
        "nvidia",
        "nvidia_nim",
        "huggingface",
        "hf",
        "replicate",
        "ollama",
        "lmstudio",
        "lm_studio",
        "vllm",
        "local",
        "gptme",
        "ai21",
        "voyage",
        "jina",
        "github",
        "github_copilot",
        "copilot",
        # aggregators serving OpenAI's models under their own names and key, which DB-GPT
        # has proxies for (`AIMLAPI_API_KEY`, api.aimlapi.com; `BURNCLOUD_API_KEY`), t64b
        "aimlapi",
        "burncloud",
    }
)

# The names of a setting that picks the service a program's clients talk to (TradingAgents'
# `"llm_provider": "openai"`, `TRADINGAGENTS_LLM_PROVIDER`, `api_type`, `backend`), compared
# in lower case, whole or after `_` (`default_llm_provider`, `embedding_provider`). The words
# before the name that are none of `SELECTOR_SCOPES` say which models it picks for
# (`embedding_provider`: the embedding model's).
SELECTOR_NAMES = frozenset(
    {
        "provider",
        "llm_provider",
        "model_provider",
        "api_provider",
        "ai_provider",
        "chat_provider",
        "llm_service",
        "api_type",
        "llm_type",
        "backend",
        "llm_backend",
        "model_backend",
    }
)
# Words before a selector's name that say nothing of which models it picks for.
SELECTOR_SCOPES = frozenset({"", "llm", "lm", "model", "ai", "chat", "api", "default", "main"})
