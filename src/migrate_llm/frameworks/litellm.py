"""What litellm looks like: the calls and the Router that take a model, and their keywords.

Knowledge of the framework only; the prefix litellm gives each provider is provider data
(`[frameworks] litellm_prefix` in providers/*.toml). Checked against litellm 1.110.2 (installed
from PyPI; github.com/BerriAI/litellm), file named beside each entry.
"""

from __future__ import annotations

import re

# Functions taking `model` first (litellm/main.py: `def completion(model: str, messages=[],
# ..., base_url=None, api_version=None, api_key=None, ...)`, `async def acompletion(model: str,
# ...)`, `def embedding(model, input=[], ..., api_base=None, api_version=None, api_key=None)`,
# `aembedding(*args, **kwargs)`); re-exported by litellm/__init__.py (`from .main import *`).
# qualified name -> surface ("chat" or "embeddings").
CALLS: dict[str, str] = {
    "litellm.completion": "chat",
    "litellm.acompletion": "chat",
    "litellm.main.completion": "chat",
    "litellm.main.acompletion": "chat",
    "litellm.embedding": "embeddings",
    "litellm.aembedding": "embeddings",
    "litellm.main.embedding": "embeddings",
    "litellm.main.aembedding": "embeddings",
}
MODEL_KEYWORD = "model"
MODEL_POSITION = 0
# `embedding(model, input=[], dimensions: int | None = None, ...)`, sent only when given
# (litellm 1.110.2: main.py L6859-6863)
DIMENSIONS = "dimensions"
# On the openai/ route (where apply writes embeddings), litellm refuses `dimensions=` for a
# model whose name lacks "text-embedding-3" (UnsupportedParamsError "Setting dimensions is
# not supported for OpenAI `text-embedding-3` and later models") unless the call lists it in
# `allowed_openai_params` (utils.py `get_optional_params_embeddings` L4864-4884, 1.110.2;
# measured on the loopback 2026-12-06: `openai/text-embedding-v4` with `dimensions=1536`
# raised before any request, with `allowed_openai_params=["dimensions"]` sent it).
DIMENSIONS_MODEL_MARK = "text-embedding-3"
# `embedding(model, input=[], ...)` (`aembedding` hands its arguments on): the texts, by keyword
# or second argument. litellm sends the list as it is in one request, on the openai/ route
# (llms/openai/openai.py L1410 `data = {"model": model, "input": input, ...}`) and on a
# provider's own (llms/dashscope/embed/transformation.py L146 `"input": input`; 1.110.2), so a
# provider's limit on texts a request holds for it (ML114; measured on the loopback, t67b: 25
# texts in one request to `openai/text-embedding-v4`).
INPUT = ("input", 1)

# `completion(..., response_format=Answer)`: a pydantic type is sent as a json_schema format
# (`{"type": "json_schema", "json_schema": {"schema": ..., "name": ..., "strict": True}}`,
# llms/base_llm/base_utils.py `type_to_response_format_param`, called by utils.py
# `get_optional_params`; litellm 1.110.2), a dict as it is: the keyword, and the keys leading
# in such a dict to its type, as `openai_sdk.STRUCTURED_ARGUMENTS` holds them for the SDK.
STRUCTURED_ARGUMENT = "response_format"
STRUCTURED_KEYS = ("type",)

# `completion(..., extra_body={...})`: for a route that calls through the OpenAI SDK ("openai",
# and those of `openai_compatible_providers`, constants.py L1104-1187: "zai", "deepseek",
# "moonshot", "volcengine", "dashscope" among them), utils.py
# `add_provider_specific_params_to_optional_params` (L6236-6280) keeps the dict as the
# request's `extra_body`, which the SDK merges into the body: where a provider's thinking
# switch goes (ML118). Other routes translate their keywords themselves.
EXTRA_BODY = "extra_body"
EXTRA_BODY_ROUTES = frozenset({"openai", "zai", "deepseek", "moonshot", "volcengine", "dashscope"})

# The Router (litellm/router.py, `Router(model_list=[...])`; litellm/__init__.py `from .router
# import Router`): each deployment is `{"model_name": alias, "litellm_params": {"model": ...,
# "api_key": ..., "api_base": ...}}` (litellm/types/router.py `litellm_params`). `model_name`
# is the application's own alias (what it passes to `router.completion(model=...)`).
ROUTER_CLASSES = frozenset({"litellm.Router", "litellm.router.Router"})
MODEL_LIST = "model_list"
ROUTER_ALIAS = "model_name"
ROUTER_PARAMS = "litellm_params"
# Router methods whose `model=` is an alias of the model list, not a model id
# (litellm/router.py `def completion(self, model: str, messages, ...)` and friends).
ROUTER_METHODS = frozenset({"completion", "acompletion", "embedding", "aembedding"})

# Classes of other libraries shaped as an OpenAI client whose `chat.completions.create(model=...)`
# hands its model to `litellm.completion` as it is, with the call's `api_key=` and `base_url=`:
# qualified name -> how messages name it. mem0's proxy (mem0ai 2.0.18, github.com/mem0ai/mem0 at
# 8d5b786, mem0/proxy/main.py:21-135, checked 2026-12-06: `Completions.create(self, model, ...,
# base_url=None, api_version=None, api_key=None, ...)` calls `litellm.completion(model=model,
# ..., base_url=base_url, api_key=api_key)`, after `litellm.supports_function_calling(model)`,
# raising ValueError "does not support function calling" where litellm's map of models does not
# mark the model so: measured with litellm 1.110.2 and its own map (2026-12-06),
# `zai/glm-4-air-250414` is refused, `zai/glm-5.3` reaches the endpoint).
# qualified name -> (label, the litellm function that must answer True for the model, or "").
OPENAI_SHAPED: dict[str, tuple[str, str]] = {
    "mem0.proxy.main.Mem0": ("mem0's proxy Mem0", "litellm.supports_function_calling"),
}
OPENAI_SHAPED_REQUEST = ("chat", "completions", "create")
OPENAI_SHAPED_KEYWORDS = ("api_key", "base_url")

# the library's module: what a project's lazy stand-in imports (`lazy_proxies`)
MODULE = "litellm"
# A module may reach litellm through a stand-in bound to its name: aider's `from aider.llm
# import litellm`, a lazy proxy that imports litellm on first use (aider/llm.py, `class
# LazyLiteLLM` with `__getattr__`). `litellm.completion(...)` there is litellm's function,
# whatever module the name comes from.
STAND_IN = "litellm"
# The last names of CALLS and ROUTER_CLASSES: what a stand-in is called with.
MODEL_TAKERS = frozenset(name.rsplit(".", 1)[1] for name in (*CALLS, *ROUTER_CLASSES))
_TAKERS = "|".join(sorted(MODEL_TAKERS))
# Where a Python file (a notebook's source) calls litellm with a model, as its bytes show it
# when a run's files are screened: `litellm.completion(` (the module or a stand-in), a name
# bound to such a function to be called by it (shell_gpt's `completion = litellm.completion`,
# also as one branch of `litellm.completion if ... else client.chat.completions.create`), or
# an import of one of MODEL_TAKERS from litellm.
CALL_TEXT = re.compile(
    rf"\blitellm[ \t]*\.[ \t]*(?:{_TAKERS})[ \t]*(?:\(|[ \t]if[ \t]|(?:#[^\r\n]*)?\r?$)"
    rf"|^[ \t]*\"?from[ \t]+litellm(?:\.\w+)*[ \t]+import\b[^\n]*\b(?:{_TAKERS})\b".encode(),
    re.MULTILINE,
)

# Words in a model setting's name (or the name of what it is given to, or of the environment
# variable it is the default of) that say which library takes it, where a module of the project
# calls litellm and the setting's own module does not show where it goes (ML204): "litellm",
# written on the provider's litellm route, or "client", an OpenAI client's, the provider's
# model as it is. magentic's settings name their backend: `Settings.litellm_model` goes to
# `LitellmChatModel` (litellm.completion), `Settings.openai_model` to `OpenaiChatModel` (an
# `openai.OpenAI` client). A name with words of both says nothing.
SETTING_NAME_WORDS: dict[str, str] = {"litellm": "litellm", "openai": "client"}

# What litellm raises for a model without a provider prefix that it does not know (a
# provider's own id, `deepseek-v4-pro`): litellm_core_utils/get_llm_provider_logic.py
# `get_llm_provider` (seen with litellm 1.83.0: open-interpreter's profile, ML503; 1.110.2
# L584-590, before any request). Measured with 1.110.2 (2026-12-06): every model of the
# providers' tables but OpenAI's raises so without a prefix (`get_llm_provider(
# "glm-4-air-250414")`), also given the provider's official URL as `api_base=`; a URL of
# litellm's list of OpenAI-compatible endpoints is taken as the route
# (`deepseek-v4-pro` with `api_base="https://api.deepseek.com/v1"`: deepseek), which the
# official URLs are not.
UNKNOWN_MODEL_ERROR = "LLM Provider NOT provided"
# The keyword naming the route of a call whose model carries none (`completion(model=
# "glm-4-air-250414", custom_llm_provider="zai")`): `get_llm_provider` takes it first
# (get_llm_provider_logic.py L109-135; main.py `completion(**kwargs)` docstring,
# `embedding(..., custom_llm_provider=None)`; litellm 1.110.2).
ROUTE_KEYWORD = "custom_llm_provider"

# litellm's lookups in its own map of models (`model_prices_and_context_window.json`, shipped
# with each release), by the model string they are given (litellm/utils.py, exported by
# litellm/__init__.py; `def get_model_info(model: str, custom_llm_provider=None)`, `def
# supports_vision(model: str, custom_llm_provider=None) -> bool`, ...; the same in 1.83.0 and
# 1.110.2). For a model that map does not know (litellm 1.83.0 and
# `deepseek/deepseek-v4-pro`, which 1.110.2 knows), `get_model_info` raises "This model isn't
# mapped yet" and the `supports_*` functions answer False: a program sizing its context or
# choosing tools and images by them fails or turns them off (ML643).
# qualified name -> what the call does then.
MODEL_INFO_CALLS: dict[str, str] = {
    "litellm.get_model_info": 'raises ("This model isn\'t mapped yet")',
    "litellm.utils.get_model_info": 'raises ("This model isn\'t mapped yet")',
    **{
        f"litellm{module}.{name}": "answers False"
        for module in ("", ".utils")
        for name in (
            "supports_function_calling",
            "supports_parallel_function_calling",
            "supports_tool_choice",
            "supports_vision",
            "supports_response_schema",
            "supports_reasoning",
        )
    },
}
MODEL_INFO_MODEL = ("model", 0)  # the model: `model=` or the first argument
# `register_model({model: {"litellm_provider": ..., "mode": "chat", "max_input_tokens": ...,
# "supports_function_calling": ..., "supports_vision": ...}})` adds entries to that map
# (utils.py `def register_model(model_cost: Union[str, dict])`); the lookups above then read
# them (tried with litellm 1.83.0).
REGISTER_MODEL = frozenset({"litellm.register_model", "litellm.utils.register_model"})

# The keywords that choose the endpoint: `api_key`, and `api_base` (main.py reads
# `api_base=base_url or kwargs.get("api_base")` in completion; `embedding` takes `api_base`).
API_KEY = "api_key"
API_BASE = "api_base"
BASE_KEYWORDS = ("api_base", "base_url")

# A model id with litellm's OpenAI prefix ("openai/gpt-4o") is OpenAI's gpt-4o
# (litellm/llms/openai; docs.litellm.ai/docs/providers/openai_compatible: "openai/<model>" with
# `api_base` reaches any OpenAI-compatible endpoint). A provider without its own litellm route
# is reached that way.
OPENAI_PREFIX = "openai"
# The routes that send a model to OpenAI's API, by prefix, with the variable litellm reads their
# key from where the call passes no `api_key` (litellm 1.110.2 main.py: `openai/` is
# `_complete_custom_openai` (L2771-2818), `text-completion-openai/`
# `_complete_text_completion_openai` (L1898-1930): `api_key or litellm.api_key or
# litellm.openai_key or get_secret("OPENAI_API_KEY")`, `api_base or litellm.api_base or
# get_secret("OPENAI_BASE_URL") or get_secret("OPENAI_API_BASE") or
# "https://api.openai.com/v1"`). The model goes on after the prefix as it is. Code that puts
# one of them on a model at run time (`"openai/" + model`, ML642) sends that key to whatever
# api_base the call gives.
OPENAI_ROUTES: dict[str, str] = {
    OPENAI_PREFIX: "OPENAI_API_KEY",
    "text-completion-openai": "OPENAI_API_KEY",
}
# The routes that send a model to an Azure OpenAI resource, by prefix, with the variables
# litellm reads its endpoint, key and API version from where the call passes none (litellm
# 1.110.2 main.py `_complete_azure` L1502-1513, `_complete_azure_text` L1626-1640, `embedding`
# L7041-7058: `api_base or litellm.api_base or get_secret("AZURE_API_BASE")`, `api_key or ...
# get_secret_str("AZURE_API_KEY")`, `api_version or ... get_secret_str("AZURE_API_VERSION")`;
# docs.litellm.ai/docs/providers/azure). The model after the prefix is a deployment's name,
# not a model id. Such a call is Azure OpenAI, as the SDK's `AzureOpenAI()` is (ML002);
# `azure_ai/` (Azure AI Foundry's model inference) is another service and is not listed.
AZURE_ROUTES: dict[str, tuple[str, str, str]] = {
    "azure": ("AZURE_API_KEY", "AZURE_API_BASE", "AZURE_API_VERSION"),
}
# Third-party routers whose litellm route takes another provider's model after its own prefix
# (`openrouter/openai/gpt-4o`: OpenAI's gpt-4o, sent to the router with the router's key):
# prefix -> (name, host, the variable litellm reads the key from). litellm 1.110.2 main.py:
# `api_base = ... or "https://openrouter.ai/api/v1"`, `api_key = ... or
# get_secret("OPENROUTER_API_KEY")` (docs.litellm.ai/docs/providers/openrouter).
ROUTERS: dict[str, tuple[str, str, str]] = {
    "openrouter": ("OpenRouter", "openrouter.ai", "OPENROUTER_API_KEY"),
}


def through_router(value: str) -> tuple[str, str] | None:
    """(router prefix, model after `openai/`) of a model string sending an OpenAI model through
    a router of `ROUTERS` (`openrouter/openai/gpt-4o`), else None."""
    head, model = route(value)
    if head not in ROUTERS:
        return None
    inner, rest = route(model)
    return (head, rest) if inner == OPENAI_PREFIX else None


# The token-limit keywords a provider's own litellm route sends to the endpoint under their own
# name, by prefix (a route not listed: neither). litellm/utils.py `get_optional_params` hands
# a call's keywords to the route's config (L6054 for deepseek):
# - deepseek (llms/deepseek/chat/transformation.py `DeepSeekChatConfig(OpenAIGPTConfig)`,
#   `map_openai_params` L43-66) and dashscope (llms/dashscope/chat/transformation.py
#   `DashScopeChatConfig(OpenAIGPTConfig)`) keep OpenAIGPTConfig's mapping, which copies each
#   supported keyword as it is (llms/openai/chat/gpt_transformation.py `_map_openai_params`
#   L286-308; both names in its list, L240-241);
# - moonshot sends `max_completion_tokens` as `max_tokens` (llms/moonshot/chat/
#   transformation.py L136-137), zai sends either as `max_tokens` (llms/zai/chat/
#   transformation.py L110-118), volcengine too (`replace_max_completion_tokens_with_max_tokens`,
#   llms/openai_like/chat/transformation.py L169-176).
# On the OpenAI-compatible route (`openai/<model>`) every keyword goes as it is.
TOKEN_LIMITS_AS_IS: dict[str, frozenset[str]] = {
    "deepseek": frozenset({"max_tokens", "max_completion_tokens"}),
    "dashscope": frozenset({"max_tokens", "max_completion_tokens"}),
    "moonshot": frozenset({"max_tokens"}),
    "zai": frozenset({"max_tokens"}),
    "volcengine": frozenset({"max_tokens"}),
}
# The sampling keywords a provider's own route sends to the endpoint as written, by prefix (a
# route not listed: none known). Measured with litellm 1.82.3 and 1.110.2 against the loopback
# server, each keyword alone (`temperature=0`, `top_p=0.5`, `n=1`, `presence_penalty=0.5`,
# `frequency_penalty=0.5`, `temperature=1.5`): deepseek, dashscope and volcengine send all five
# as written; zai sends temperature and top_p (it drops n=1 and refuses the penalties, see
# REFUSED_PARAMS); moonshot sends top_p, n and both penalties, and temperature as written up
# to 1 in 1.82.3 (llms/moonshot/chat/transformation.py `map_openai_params` clamps only above 1)
# while 1.110.2 drops it for a model litellm's map marks as reasoning (kimi-k2.6): listed, as a
# release in use may send it. A request check on the provider's SDK requests (ML115: Kimi's
# fixed temperature and top_p) applies to these keywords of a call on the route.
SAMPLING_AS_IS: dict[str, frozenset[str]] = {
    "deepseek": frozenset({"temperature", "top_p", "n", "presence_penalty", "frequency_penalty"}),
    "dashscope": frozenset({"temperature", "top_p", "n", "presence_penalty", "frequency_penalty"}),
    "volcengine": frozenset({"temperature", "top_p", "n", "presence_penalty", "frequency_penalty"}),
    "moonshot": frozenset({"temperature", "top_p", "n", "presence_penalty", "frequency_penalty"}),
    "zai": frozenset({"temperature", "top_p"}),
}


# What every litellm release from the first with a provider's own route on (1.74.2, `[frameworks]
# litellm_first_release` of the providers' files) requires of the packages a project pins
# beside it: the lowest release of each (name -> first release), from the `Requires-Dist` of
# the wheels' METADATA on PyPI (`pip download --no-deps litellm==X`, checked 2026-12-06):
# 1.74.2 and 1.74.4 `openai (>=1.68.2)`, `pydantic (>=2.5.0,<3.0.0)`; 1.80.8 `openai
# (>=2.8.0)`, `pydantic (>=2.5.0,<3.0.0)`; 1.110.2 `openai>=2.20.0,<4.0.0`,
# `pydantic>=2.11.0,<3.0.0`. A pin admitting none of these (gpt-migrate's `pydantic==1.10.8`
# beside `litellm==0.1.213`) makes the upgrade ML641 asks for fail to install: it moves too.
ROUTE_RELEASES_REQUIRE: dict[str, tuple[int, ...]] = {
    "pydantic": (2, 5, 0),
    "openai": (1, 68, 2),
}

# litellm's entry in a uv.lock or poetry.lock, as both write a `[[package]]` table: its name
# line, then the version it locks on the next (`name = "litellm"`, `version = "1.72.0"`);
# ML641 reads the version.
LOCKED_LITELLM = 'name = "litellm"'
LOCKED_VERSION = re.compile(r'(?m)^name = "litellm"\r?\nversion = "([^"\s]+)"')


def sent_as_is(prefix: str) -> frozenset[str]:
    """The keywords the provider's own route `prefix` sends under their own name: its token
    limits (`TOKEN_LIMITS_AS_IS`) and sampling keywords (`SAMPLING_AS_IS`)."""
    return TOKEN_LIMITS_AS_IS.get(prefix, frozenset()) | SAMPLING_AS_IS.get(prefix, frozenset())


# The provider routes that send OPENAI_API_KEY where their own key variable is unset or empty
# and the call passes no api_key, or passes an empty one or None: main.py's branch for
# `openai_compatible_providers` (1.110.2 L2808-2813, 1.82.3 L2600-2603: `api_key or
# litellm.api_key or litellm.openai_key or get_secret("OPENAI_API_KEY")`, after the route's
# `api_key or get_secret_str("MOONSHOT_API_KEY")` in get_llm_provider_logic.py
# `_get_openai_compatible_provider_info`, L928-): "" is falsy at every step. Measured with
# 1.82.3 and 1.110.2 against the loopback server, OPENAI_API_KEY set and the route's own key
# unset, then set to "", then `api_key=""` and `api_key=None` passed (1.110.2, 2026-12-07):
# the request carried `Bearer <OPENAI_API_KEY>` on each route listed; deepseek sent no
# Authorization header (unset, or None passed) or failed before sending ("Illegal header
# value", empty). An OpenAI key a .env or the environment still holds then goes to the
# provider.
OPENAI_KEY_FALLBACK = frozenset({"moonshot", "dashscope", "zai", "volcengine"})
OPENAI_KEY_VAR = "OPENAI_API_KEY"
# litellm's module settings read in that order before OPENAI_API_KEY (`litellm.api_key =
# os.environ["MY_GATEWAY_KEY"]`): process-wide, so one module of a project setting one makes
# every call there that passes no key send it where the route's variable is empty (measured
# with 1.110.2 on the loopback server, 2026-12-07: `Bearer <that key>` on `moonshot/`, with
# MOONSHOT_API_KEY unset and OPENAI_API_KEY set). `litellm.api_base` is not read on those
# routes: each gives its own host as the default (1.110.2: llms/moonshot/chat/transformation.py
# L74, llms/zai/chat/transformation.py L55, llms/dashscope/common_utils.py L119-,
# get_llm_provider_logic.py L743 for volcengine).
GLOBAL_KEYS = ("api_key", "openai_key")
# The routes a message names as those a key given whatever the provider's route would take to
# another host (ML640's and ML694's advice): by the route the call is on, else the default.
OTHER_ROUTES: dict[str, str] = {OPENAI_PREFIX: "`ollama/...`, `anthropic/...`"}
OTHER_ROUTES_DEFAULT = "`ollama/...`, `openai/...` with your api_base"


def empty_key_sends_openai_key(prefix: str) -> bool:
    """Whether litellm's route `prefix` sends OPENAI_API_KEY where a call's `api_key` is empty
    (""/None) and the route's own variable too: the provider routes of
    `OPENAI_KEY_FALLBACK`, and OpenAI's own (`OPENAI_ROUTES`: `openai/<model>` with the
    provider's `api_base`, the same measurement). A key read apply writes for such a call
    must never be empty (`code_templates.key_expr(..., filled=True)`)."""
    return prefix in OPENAI_KEY_FALLBACK or prefix in OPENAI_ROUTES


# A provider route giving an assistant turn with tool calls the `reasoning_content` a thinking
# model wants back where the history lacks it (moonshot/chat/transformation.py
# `fill_reasoning_content`, the reply's own, else " ", where `supports_reasoning(model)`) does
# so from the release its file names (`[frameworks] litellm_tool_turns_filled`: the first
# whose bundled model map has the provider's thinking models, the map litellm reads under
# LITELLM_LOCAL_MODEL_COST_MAP=True or where GitHub is out of reach). Measured with 1.83.4
# and 1.110.2 on the loopback server: 1.110.2 sent `"reasoning_content": " "`. The SDK's own
# replay is for DeepSeek models only (ML634).


# The OpenAI chat keywords a route refuses, by prefix: litellm/utils.py `get_optional_params`
# checks each keyword given a value (not None; `n` other than 1) against the route's
# `get_supported_openai_params` and raises `UnsupportedParamsError` ("volcengine does not
# support parameters: ['parallel_tool_calls'] ...", L5644-5671), before any request, unless
# the call passes `allowed_openai_params=[...]` naming it (then sent as it is, L5690-5691 and
# `apply_openai_param_overrides` L6291-6313) or `drop_params=True` (left out). Measured with
# litellm 1.110.2 against the loopback server, each keyword alone on each route, for the models
# the provider files map to (1.65.3 refuses the same on volcengine/, llms/volcengine.py):
# - volcengine: llms/volcengine/chat/transformation.py `get_supported_openai_params` (L47-70),
#   which leaves out keywords Ark's Chat API documents (response_format, parallel_tool_calls,
#   reasoning_effort, service_tier);
# - moonshot: llms/moonshot/chat/transformation.py L99-118 (`functions`; `reasoning_effort`
#   only for a model litellm's map marks as reasoning, as kimi-k2.6 and kimi-k3 are);
# - zai: llms/zai/chat/transformation.py L79-99 (ten keywords in all);
# - deepseek, dashscope, and `openai/` with a model not OpenAI's: `verbosity` (OpenAI's
#   GPT-5 keyword) only.
# `user`, `stream_options`, `stream`, `max_retries` are never checked
# (`PROVIDER_UNVALIDATED_PARAMS`), nor are `metadata` and `extra_headers` (litellm's own).
_NEW_KEYWORDS = frozenset(
    {
        "modalities",
        "audio",
        "prediction",
        "store",
        "service_tier",
        "web_search_options",
        "verbosity",
        "prompt_cache_key",
        "safety_identifier",
    }
)
REFUSED_PARAMS: dict[str, frozenset[str]] = {
    "volcengine": _NEW_KEYWORDS | {"response_format", "parallel_tool_calls", "reasoning_effort"},
    "moonshot": frozenset({"functions", "verbosity"}),
    "zai": _NEW_KEYWORDS
    | {
        "frequency_penalty",
        "logit_bias",
        "logprobs",
        "top_logprobs",
        "n",
        "presence_penalty",
        "seed",
        "parallel_tool_calls",
        "functions",
        "function_call",
        "reasoning_effort",
    },
    "deepseek": frozenset({"verbosity"}),
    "dashscope": frozenset({"verbosity"}),
    OPENAI_PREFIX: frozenset({"verbosity"}),
}
# the keyword of `completion` listing refused keywords to send as they are, and the first
# release that reads it (1.65.3; 1.65.1 has no `allowed_openai_params` in utils.py, checked
# on the PyPI wheels 2026-12-05)
ALLOWED_PARAMS = "allowed_openai_params"
ALLOWED_PARAMS_FIRST_RELEASE = "1.65.3"
# the keyword (and module setting, `litellm.drop_params = True`) leaving refused keywords out
DROP_PARAMS = "drop_params"

# The Router sends a deployment's `litellm_params` as the call's keywords, the caller's over
# them (litellm/router_rust/invoke/endpoints.py L879-884: `{**params, **named, ...,
# **kwargs}`), so an entry there (`"max_completion_tokens": 8192`) reaches the route as a
# keyword of `completion` would.

# Embeddings always go through the OpenAI-compatible route: of the providers' own routes only
# some implement embeddings (litellm/llms/zai, moonshot, deepseek have chat/ only).
EMBEDDINGS_PREFIX = OPENAI_PREFIX
# The providers' own routes whose `embedding()` sends a request (main.py `embedding`, 1.110.2:
# the volcengine branch L7770, the dashscope one L7797; llms/volcengine/embedding,
# llms/dashscope/embed). zai/, moonshot/ and deepseek/ have no branch there: litellm raises
# before any request.
EMBEDDINGS_ROUTES = frozenset({"dashscope", "volcengine"})


def route(value: str) -> tuple[str, str]:
    """(prefix, model) of a litellm model string: ("deepseek", "deepseek-chat") for
    `deepseek/deepseek-chat`, ("", value) for one without a prefix."""
    head, slash, model = value.partition("/")
    return (head, model) if slash and head and model else ("", value)


def on_openai_route(value: str) -> str | None:
    """The model after litellm's OpenAI route prefix (`gpt-4o-mini` of `openai/gpt-4o-mini`,
    the "route/model" form a config holds for litellm, or for code that strips the prefix
    before an OpenAI client takes the rest: R2R's `fast_llm`); None for another value."""
    head, model = route(value)
    return model if head == OPENAI_PREFIX else None


def routed_model(value: str, own: object) -> tuple[str, str]:
    """(the prefix with its slash, the model) of a model id on litellm's OpenAI route
    (`openai/kimi-k2.6`) or on the route `own` (a provider's `litellm_prefix`:
    `moonshot/kimi-k2.6`); ("", value) for another value."""
    head, model = route(value)
    if head and head in (OPENAI_PREFIX, own):
        return f"{head}/", model
    return "", value
