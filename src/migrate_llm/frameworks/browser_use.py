"""What browser-use looks like: its OpenAI chat class, its Azure OpenAI and DeepSeek classes
and the agent they drive (ML687).

Knowledge of the framework only; what a provider serves is in `providers/*.toml`.

Checked against browser-use 0.13.8 (PyPI wheel; github.com/browser-use/browser-use commit
85ddbfe, under browser_use/), file and line named beside each entry. Its chat classes are
dataclasses of its own (not LangChain's), imported lazily from `browser_use` and
`browser_use.llm` (`__init__.py` L93, L100; `llm/__init__.py` L88, L94).
"""

from __future__ import annotations

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "browser_use"
LABEL = "browser-use"

KEY = "api_key"
BASE_URL = "base_url"
MODEL = "model"

# llm/openai/chat.py `ChatOpenAI` (L25): `model` has no default (L34); `api_key=None`,
# `organization`, `project`, `base_url=None` (L53-56) go to `AsyncOpenAI(...)` only when not
# None (`_get_client_params` L84-107, `get_client` L109-117), so the SDK reads
# OPENAI_API_KEY and OPENAI_BASE_URL, else api.openai.com. Every request sends
# `temperature=0.2`, `frequency_penalty=0.3` and `max_completion_tokens=4096` unless set to
# None (L37-38, L64, L171-178); structured output sends `response_format` json_schema with
# `strict: True` (L224-256) unless `dont_force_structured_output=True` (L44).
CHAT = FrameworkClass(
    FRAMEWORK,
    "ChatOpenAI",
    "chat",
    (MODEL,),
    (KEY,),
    (BASE_URL,),
    "",
    drop=frozenset({"organization", "project"}),
)
CLASSES: dict[str, FrameworkClass] = {
    f"browser_use.{module}ChatOpenAI": CHAT for module in ("", "llm.", "llm.openai.chat.")
}
# L43: `add_schema_to_system_prompt=True` also writes the JSON schema into the system
# prompt (L235-243), so a provider that does not enforce json_schema still sees it.
SCHEMA_IN_PROMPT = "add_schema_to_system_prompt"
# L44: `dont_force_structured_output=True` sends the structured request without
# `response_format` (L245-250; L251-258 otherwise), the schema then only in the prompt.
NO_FORCED_SCHEMA = "dont_force_structured_output"
SCHEMA_SETTINGS = (SCHEMA_IN_PROMPT, NO_FORCED_SCHEMA)

# llm/deepseek/chat.py `ChatDeepSeek` (L29): `model='deepseek-chat'` (L32), `api_key=None`
# (L41), `base_url='https://api.deepseek.com/v1'` (L42), handed to `AsyncOpenAI(...)` as they
# are (`_client` L50-56): without a key the SDK reads OPENAI_API_KEY and sends it there.
DEEPSEEK_CLASSES = frozenset(
    f"browser_use.{module}ChatDeepSeek" for module in ("", "llm.", "llm.deepseek.chat.")
)
DEEPSEEK_DEFAULT_MODEL = "deepseek-chat"
DEEPSEEK_PROVIDER = "deepseek"  # the catalogued provider (providers/deepseek.toml) it calls
DEEPSEEK_URL = "https://api.deepseek.com/v1"
DEEPSEEK_NAME = "ChatDeepSeek"

# llm/azure/chat.py `ChatAzureOpenAI(ChatOpenAILike)` (L34; `llm/openai/like.py` L7 derives
# from ChatOpenAI, so `model` comes first): builds `AsyncAzureOpenAI` (L96-118) with `api_key`
# or AZURE_OPENAI_KEY or AZURE_OPENAI_API_KEY, `azure_endpoint` or AZURE_OPENAI_ENDPOINT,
# `azure_deployment` or AZURE_OPENAI_DEPLOYMENT (L73-75) and `api_version` (L51): Azure
# OpenAI whatever it is given. Lazily exported as `browser_use.ChatAzureOpenAI` (`__init__.py`
# L104) and `browser_use.llm.ChatAzureOpenAI` (`llm/__init__.py` L85).
AZURE_CLASSES = frozenset(
    f"browser_use.{module}ChatAzureOpenAI" for module in ("", "llm.", "llm.azure.chat.")
)
AZURE_NAME = "ChatAzureOpenAI"
CHAT_IMPORT = "from browser_use import ChatOpenAI"  # the class to build instead (`CHAT`)

# agent/service.py `Agent.__init__(self, task, llm=None, ..., use_vision=True, ...)` (L135-138,
# L168): with `use_vision` True (or 'auto') the agent sends screenshots to `llm`; it turns
# vision off itself only where the model name contains "deepseek" (L474-477).
AGENT_CLASSES = frozenset({"browser_use.Agent", "browser_use.agent.service.Agent"})
AGENT_LLM = "llm"
AGENT_LLM_POSITION = 1
USE_VISION = "use_vision"
