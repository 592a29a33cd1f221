"""What LangChain's OpenAI classes look like: import paths, keywords, endpoint needs.

Knowledge of the framework only; a provider's own LangChain integration is provider data
(`[frameworks] langchain_integration` in `providers/*.toml`).

Checked against the released packages (PyPI): langchain-openai 1.7.4 and langchain-community
0.4.2 (the files named beside each entry are in those wheels; the same code is in
github.com/langchain-ai/langchain under libs/partners/openai/langchain_openai/ and in
github.com/langchain-ai/langchain-community under libs/community/langchain_community/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "langchain"

# langchain_openai: pydantic fields with aliases, populated by either name.
# chat_models/base.py: `model_name: str = Field(default="gpt-3.5-turbo", alias="model")`,
# `openai_api_key ... = Field(alias="api_key", ...)`, `openai_api_base: str | None =
# Field(default=None, alias="base_url")`, `openai_organization ... alias="organization"`.
# llms/base.py: `model_name: str = Field(default="gpt-3.5-turbo-instruct", alias="model")`,
# same key/base/organization aliases. embeddings/base.py: `model: str =
# "text-embedding-ada-002"` (no `model_name`), same aliases.
_MODEL = ("model", "model_name")
_KEY = ("api_key", "openai_api_key")
_BASE_URL = ("base_url", "openai_api_base")
_ORGANIZATION = frozenset({"organization", "openai_organization"})
# The variables LangChain's OpenAI classes read OpenAI's account ids from where given none, and
# the header each then goes in with every request, to whatever base URL the class has: langchain
# 0.0.x (chat_models/openai.py, embeddings/openai.py 0.0.275: `get_from_dict_or_env(values,
# "openai_organization", "OPENAI_ORGANIZATION", default="")`, sent by openai<1 as
# OpenAI-Organization); langchain-openai and langchain-community (`os.getenv("OPENAI_ORG_ID")
# or os.getenv("OPENAI_ORGANIZATION")`, langchain-openai 1.8.1 chat_models/base.py,
# langchain-community 0.4.2 chat_models/openai.py), whose v1 client reads OPENAI_PROJECT_ID
# itself (`openai_sdk.ACCOUNT_ENV_HEADERS`). The same header from either variable: t68c, the
# provider received `OpenAI-Organization` from OPENAI_ORGANIZATION.
ACCOUNT_ENV_HEADERS: dict[str, str] = {
    "OPENAI_ORG_ID": "OpenAI-Organization",
    "OPENAI_ORGANIZATION": "OpenAI-Organization",
    "OPENAI_PROJECT_ID": "OpenAI-Project",
}
# The older classes (langchain<0.1 `langchain.chat_models`, and langchain_community) know the
# field names in every release; the `api_key`/`base_url` aliases came later
# (langchain_community chat_models/openai.py L240-242 has them, langchain 0.0.x had not).
_LEGACY_KEY = ("openai_api_key", "api_key")
_LEGACY_BASE_URL = ("openai_api_base", "base_url")
# Azure OpenAI settings of the plain classes (t64e, RealChar's database/chroma.py). langchain
# 0.0.308 (langchain/embeddings/openai.py L164-169, 246-306) and langchain_community
# (embeddings/openai.py L205): OpenAIEmbeddings takes `deployment` "to support Azure OpenAI
# Service custom deployment names" and `openai_api_type`, read from OPENAI_API_TYPE when not
# given; with one of `AZURE_API_TYPES` its requests go to `engine=self.deployment`, openai<1's
# Azure path (`<base>/openai/deployments/<deployment>/embeddings?api-version=...`, with an
# `api-key` header). langchain-openai 1.8.1 (embeddings/base.py L195, 222, 379) keeps the
# fields but refuses an Azure type ("please use the `AzureOpenAIEmbeddings` class") and
# sends `deployment` nowhere but to its token counting: `deployment=` is Azure's only in the
# older packages (`AZURE_DEPLOYMENT_PACKAGES`). openai<1 itself reads OPENAI_API_TYPE too
# (`openai.api_type`), so a plain class built where the program tests that variable for
# Azure is the program's Azure client.
API_TYPE_KEYWORD = "openai_api_type"
API_TYPE_VARIABLE = "OPENAI_API_TYPE"
AZURE_API_TYPES = frozenset({"azure", "azure_ad", "azuread"})
AZURE_DEPLOYMENT_KEYWORD = "deployment"
AZURE_DEPLOYMENT_PACKAGES = ("langchain.", "langchain_community.")

# The names of one setting: a test that a `**mapping` holds it under none of them
# (`if not kw.get("api_key") and not kw.get("openai_api_key"):`) tests whether it holds it.
SAME_SETTING = (frozenset(_KEY), frozenset(_BASE_URL))

# embeddings/base.py L160-180 (class docstring, "OpenAI-compatible APIs"): "When using a
# non-OpenAI provider, set `check_embedding_ctx_length=False` to send raw text instead of
# tokens (which many providers don't support)"; field at L335 `check_embedding_ctx_length:
# bool = True`. langchain_community's OpenAIEmbeddings has no such field (`build_extra`,
# embeddings/openai.py L263-285, moves it into `model_kwargs`) and always sends token ids
# (`embed_documents` -> `_get_len_safe_embeddings`, L655-673): see `TOKEN_ARRAYS`.
EMBEDDINGS_ENDPOINT_SETTINGS = (("check_embedding_ctx_length", "False"),)
# The release of `SETTINGS_REQUIREMENT` that brought that field. Checked on the PyPI wheels
# (`pip download --no-deps langchain-openai==X`), 2026-12-05: 0.1.4 has it (embeddings/base.py
# L132, read by `embed_documents` L517); 0.0.6, 0.0.8, 0.1.0 and 0.1.3 have not. There
# `build_extra` (0.0.6 embeddings/base.py L136-158) moves the unknown keyword into
# `model_kwargs`, which `_invocation_params` passes to every `client.create(...)` (L230,
# L323), and `embed_documents` always sends tiktoken's token ids (`_get_len_safe_embeddings`,
# L477-480). langchain-community's class has it in no release (0.0.36, 0.2.0, 0.3.0, 0.4.2).
SETTINGS_REQUIREMENT = "langchain-openai"
FIRST_TEXT_EMBEDDINGS = (0, 1, 4)
# What a requirements file's bytes hold where it may pin langchain-openai (the name in any
# spelling, then a specifier's first character, as `llamaindex.REQUIRES_LLAMA_INDEX`).
REQUIRES_SETTINGS = re.compile(
    rb"(?i)langchain[-_.]+openai[\"']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?[<>=!~^(\]]"
)

# The langchain package before the split (0.0.x), whose own classes the deprecated paths
# `langchain.llms` / `langchain.chat_models` / `langchain.embeddings` name: the first release
# whose class of each kind has an `openai_api_base` field. Checked on the PyPI wheels (`pip
# download --no-deps langchain==X`), 2026-12-05: langchain/llms/openai.py (`BaseOpenAI`, so
# OpenAI and AzureOpenAI, and `OpenAIChat`) has `openai_api_base: Optional[str] = None` from
# 0.0.140 (L141; 0.0.139 none); langchain/embeddings/openai.py from 0.0.155 (L111; 0.0.154
# none); langchain/chat_models/openai.py from 0.0.169 (L124). 0.0.158 to 0.0.168 read only
# OPENAI_API_BASE there (`validate_environment`), the keyword being no field: run on 0.0.158,
# `ChatOpenAI(openai_api_base=URL)` leaves `openai.api_base` at OpenAI's URL and holds URL in
# `model_kwargs`. Before, the llm and chat classes move an unknown keyword into
# `model_kwargs` (`build_extra`, `Extra.ignore`), which is sent in the request body: the
# request goes to OpenAI's URL with the key given (0.0.61 llms/openai.py L63-80, t45c: the
# provider's key to api.openai.com); the embeddings class refuses it (`Extra.forbid`: "extra
# fields not permitted"). ML504 names the chat class's release (`pins.FIRST_WITH_BASE_URL`).
MONOLITH_REQUIREMENT = "langchain"
MONOLITH_PREFIX = "langchain."  # qualified names of its classes (not langchain_openai's)
BASE_URL_SINCE: dict[str, tuple[int, ...]] = {
    "chat": (0, 0, 169),
    "embeddings": (0, 0, 155),
    "llm": (0, 0, 140),
}
# what such a release does with the keyword, by kind of class
_SWEPT = "sends the keyword in the request body, and the request to OpenAI with the key it is given"
BASE_URL_UNKNOWN = {
    "chat": _SWEPT,
    "embeddings": "refuses the keyword (extra fields not permitted)",
    "llm": _SWEPT,
}

# Azure classes (chat_models/azure.py L485-565, embeddings/azure.py L95-160, llms/azure.py):
# fields that only mean something to Azure, under their field names and aliases.
AZURE_KEYWORDS = frozenset(
    {
        "azure_endpoint",
        "azure_deployment",
        "deployment_name",
        "deployment",
        "api_version",
        "openai_api_version",
        "azure_ad_token",
        "azure_ad_token_provider",
        "azure_ad_async_token_provider",
        "openai_api_type",
        "model_version",
        "validate_base_url",
    }
)
# The deployment's field and alias: `deployment_name` / `azure_deployment` (chat_models/azure.py
# L500, llms/azure.py L46), `deployment` / `azure_deployment` (embeddings/azure.py L106).
AZURE_DEPLOYMENT = ("azure_deployment", "deployment_name", "deployment")


def _paths(name: str, *modules: str) -> list[str]:
    return [f"{module}.{name}" for module in modules]


# ChatOpenAI counts tokens with tiktoken by model name and raises NotImplementedError for a
# name it does not know (langchain_openai chat_models/base.py L2384-2457,
# `get_num_tokens_from_messages`; langchain_community chat_models/openai.py the same): memory
# classes such as ConversationTokenBufferMemory call it. `tiktoken_model_name` (base.py L1006;
# community: the same field) names the model to count with instead.
TOKEN_MODEL = "tiktoken_model_name"
# The release of langchain (before the split) whose ChatOpenAI and OpenAIEmbeddings first
# have that field, and whose OpenAIEmbeddings first counts a model tiktoken does not know with
# cl100k_base (logging "Warning: model not found"). Checked on the PyPI wheels (`pip download
# --no-deps langchain==X`), 2026-12-05: 0.0.184, 0.0.200 and 0.0.210 to 0.0.215 have neither;
# 0.0.216 has both (chat_models/openai.py L187, embeddings/openai.py L173, the fallback
# L278-283), and so have 0.0.217-0.0.220, 0.0.225, 0.0.230, 0.0.240, 0.0.250, 0.0.300 and
# 0.0.334. Before 0.0.216 the chat class moves the keyword into `model_kwargs` (`build_extra`,
# `Extra.ignore`, 0.0.184 chat_models/openai.py L164-185), which every request sends (run on
# 0.0.215: `_default_params` holds `tiktoken_model_name`); the embeddings class refuses it
# (`Extra.forbid`, 0.0.184 embeddings/openai.py L131-134: "extra fields not permitted"), and
# given a provider's model raises KeyError ("Could not automatically map embedding-3 to a
# tokeniser": `tiktoken.model.encoding_for_model(self.model)`, 0.0.184 L215, 0.0.215 L268;
# run on 0.0.215 and 0.0.216 with openai 0.27.6, tiktoken 0.4.0). ML504 names the release.
TOKEN_MODEL_SINCE = (0, 0, 216)
# what a release before it does with the keyword, by kind of class
TOKEN_MODEL_UNKNOWN = {
    "chat": "ChatOpenAI sends it in the request body",
    "embeddings": "OpenAIEmbeddings refuses it and raises KeyError counting the tokens of a "
    "provider's model",
}


# ChatOpenAI sends `extra_body` (a dict) as the chat request's `extra_body` (langchain_openai
# chat_models/base.py `extra_body: Mapping[str, Any] | None = None`, 1.x; merged into the
# request payload by `_default_params`); langchain_community's class has no such field.
EXTRA_BODY = "extra_body"
# The older chat class (langchain_community chat_models/openai.py, 0.4.2; langchain's own
# before the split re-exports it from 0.0.350) has no `extra_body` field: its `model_kwargs:
# Dict[str, Any]` (L235) is spread into every request (`_default_params`, L370-382) and given
# to the openai>=1 client's `create(**params)` (`completion_with_retry`, L385-398), so its
# "extra_body" entry is the request's `extra_body` (run against a DeepSeek-like server, t49d
# F4). An unknown keyword is moved into that dict (`build_extra`, L283-307), and one given
# both ways is refused ("Found extra_body supplied twice"). With openai<1 the entry would be
# sent as a body field of that name, not merged: the switch needs openai>=1 there.
MODEL_KWARGS = "model_kwargs"
# ChatOpenAI's own fields that ask for reasoning (`reasoning_effort`, the Responses API's
# `reasoning={...}`): a construction naming one keeps its choice.
REASONING_KEYWORDS = ("reasoning_effort", "reasoning")


# OpenAIEmbeddings sends `chunk_size` texts per request (default 1000; langchain_openai
# embeddings/base.py L260, used by the loop over `texts[i : i + chunk_size_]` when
# check_embedding_ctx_length is False; langchain_community embeddings/openai.py: the same
# field and default). DashScope takes 10 inputs per request.
BATCH_SIZE = "chunk_size"
BATCH_DEFAULT = 1000


# Where a class given no base URL reads it (langchain-openai 1.8.1, 2026-12-07): "Env var
# `OPENAI_API_BASE` (read by LangChain at init)", then "`OPENAI_BASE_URL` (read by the
# underlying `openai` SDK client)" (chat_models/base.py L870-875; embeddings/base.py L209
# `default_factory=from_env("OPENAI_API_BASE", default=None)`, L215-218; llms/base.py L99).
# langchain_community's classes read OPENAI_API_BASE (`get_from_dict_or_env(values,
# "openai_api_base", "OPENAI_API_BASE", ...)`: chat_models/openai.py L328, embeddings/openai.py
# L295, 0.4.2). The Azure classes read Azure's variables, not these.
BASE_URL_ENV = ("OPENAI_API_BASE", "OPENAI_BASE_URL")
LEGACY_BASE_URL_ENV = ("OPENAI_API_BASE",)


def _current(name: str, kind: str, default_model: str, *modules: str, **more) -> dict:
    more.setdefault("base_url_env", () if "azure" in more else BASE_URL_ENV)
    entry = FrameworkClass(
        FRAMEWORK,
        name,
        kind,
        _MODEL if kind != "embeddings" else ("model",),
        _KEY,
        _BASE_URL,
        default_model,
        drop=_ORGANIZATION,
        token_model=TOKEN_MODEL if kind == "chat" else None,
        batch_size=BATCH_SIZE if kind == "embeddings" else None,
        batch_default=BATCH_DEFAULT,
        extra_body=EXTRA_BODY if kind == "chat" else None,
        **more,
    )
    return dict.fromkeys(_paths(name, "langchain_openai", *modules), entry)


# The older classes that count tokens with tiktoken by model name: the chat class (above),
# and the embeddings class, which counts every text it embeds (`_get_len_safe_embeddings`:
# langchain_community embeddings/openai.py L422 `model_name = self.tiktoken_model_name or
# self.model`, L462-464 "Warning: model not found. Using cl100k_base encoding." on every call
# for a provider's model; langchain 0.0.334 embeddings/openai.py L390-395 the same).
# langchain_openai's OpenAIEmbeddings counts none with the `check_embedding_ctx_length=False`
# apply passes (embeddings/base.py `embed_documents`), so it gets no such keyword.
_TOKEN_COUNTING = ("chat", "embeddings")


def _legacy(name: str, kind: str, default_model: str, *modules: str) -> dict:
    entry = FrameworkClass(
        FRAMEWORK,
        name,
        kind,
        _MODEL if kind != "embeddings" else ("model",),
        _LEGACY_KEY,
        _LEGACY_BASE_URL,
        default_model,
        drop=_ORGANIZATION,
        legacy=True,
        token_model=TOKEN_MODEL if kind in _TOKEN_COUNTING else None,
        batch_size=BATCH_SIZE if kind == "embeddings" else None,
        batch_default=BATCH_DEFAULT,
        extra_body=MODEL_KWARGS if kind == "chat" else None,
        extra_body_entry=EXTRA_BODY if kind == "chat" else None,
        # on openai<1 the chat class's client is `openai.ChatCompletion`, called with
        # `**self.model_kwargs` among its keywords (langchain_community 0.0.x
        # chat_models/openai.py L326, L339, L358; langchain 0.0.331 the same): each entry
        # is a field of the body, an "extra_body" entry one of that name (t62c)
        v0_entries=kind == "chat",
        base_url_env=LEGACY_BASE_URL_ENV,
    )
    return dict.fromkeys(_paths(name, *modules), entry)


# Qualified name -> class. langchain_openai/__init__.py exports ChatOpenAI, OpenAI,
# OpenAIEmbeddings, AzureChatOpenAI, AzureOpenAI, AzureOpenAIEmbeddings from chat_models/,
# llms/ and embeddings/ (each `__init__.py` re-exports base.py / azure.py).
CLASSES: dict[str, FrameworkClass] = {
    **_current(
        "ChatOpenAI",
        "chat",
        "gpt-3.5-turbo",  # chat_models/base.py L805
        "langchain_openai.chat_models",
        "langchain_openai.chat_models.base",
    ),
    **_current(
        "OpenAI",
        "llm",
        "gpt-3.5-turbo-instruct",  # llms/base.py L176
        "langchain_openai.llms",
        "langchain_openai.llms.base",
    ),
    **_current(
        "OpenAIEmbeddings",
        "embeddings",
        "text-embedding-ada-002",  # embeddings/base.py L187
        "langchain_openai.embeddings",
        "langchain_openai.embeddings.base",
        endpoint_settings=EMBEDDINGS_ENDPOINT_SETTINGS,
        # embeddings/base.py `dimensions: int | None = None`, sent only when set (langchain-openai
        # 1.1.9: L171, L415-416)
        dimensions="dimensions",
    ),
    # chat_models/azure.py L569: `model_name: str | None = Field(default=None, alias="model")`;
    # the deployment (`azure_deployment`) picks the model.
    **_current(
        "AzureChatOpenAI",
        "chat",
        "",
        "langchain_openai.chat_models",
        "langchain_openai.chat_models.azure",
        azure=AZURE_KEYWORDS,
        deployment=AZURE_DEPLOYMENT,
        plain="ChatOpenAI",
    ),
    **_current(
        "AzureOpenAI",
        "llm",
        "",
        "langchain_openai.llms",
        "langchain_openai.llms.azure",
        azure=AZURE_KEYWORDS,
        deployment=AZURE_DEPLOYMENT,
        plain="OpenAI",
    ),
    **_current(
        "AzureOpenAIEmbeddings",
        "embeddings",
        "",
        "langchain_openai.embeddings",
        "langchain_openai.embeddings.azure",
        azure=AZURE_KEYWORDS,
        deployment=AZURE_DEPLOYMENT,
        plain="OpenAIEmbeddings",
        endpoint_settings=EMBEDDINGS_ENDPOINT_SETTINGS,
    ),
    # Deprecated paths: langchain<0.1 defined the classes in langchain/chat_models/openai.py,
    # langchain/llms/openai.py, langchain/embeddings/openai.py (re-exported by each package's
    # __init__); langchain_community keeps them in the same places (chat_models/openai.py
    # L231 `model_name ... default="gpt-3.5-turbo", alias="model"`, llms/openai.py L183
    # default "gpt-3.5-turbo-instruct", embeddings/openai.py L194 `model: str =
    # "text-embedding-ada-002"`).
    **_legacy(
        "ChatOpenAI",
        "chat",
        "gpt-3.5-turbo",
        "langchain.chat_models",
        "langchain.chat_models.openai",
        "langchain_community.chat_models",
        "langchain_community.chat_models.openai",
    ),
    # langchain 0.0.x also exports OpenAI at its top (0.0.61 langchain/__init__.py L21; 0.0.331
    # through a module `__getattr__`, L191): `from langchain import OpenAI`
    **_legacy(
        "OpenAI",
        "llm",
        "gpt-3.5-turbo-instruct",
        "langchain",
        "langchain.llms",
        "langchain.llms.openai",
        "langchain_community.llms",
        "langchain_community.llms.openai",
    ),
    **_legacy(
        "OpenAIEmbeddings",
        "embeddings",
        "text-embedding-ada-002",
        "langchain.embeddings",
        "langchain.embeddings.openai",
        "langchain_community.embeddings",
        "langchain_community.embeddings.openai",
    ),
}

# Chat class field -> the chat request parameter it sends. langchain_openai chat_models/base.py
# (1.8.1): `temperature`, `presence_penalty`, `frequency_penalty`, `seed`, `logprobs`,
# `top_logprobs`, `logit_bias`, `n`, `top_p`, `reasoning_effort` (L808-950), each sent under
# its own name by `_default_params` (L1563-1594). langchain_community chat_models/openai.py
# (0.4.2) has `temperature` and `n` as fields and moves any other keyword into `model_kwargs`
# (`build_extra`, L283-307), which `_default_params` sends as given (L369-382).
REQUEST_PARAMS = {
    name: name
    for name in (
        "temperature",
        "top_p",
        "n",
        "presence_penalty",
        "frequency_penalty",
        "seed",
        "logit_bias",
        "logprobs",
        "top_logprobs",
        "reasoning_effort",
    )
}

# Methods of a chat model whose keyword arguments reach the request (langchain-core 1.8.3
# language_models/chat_models.py and runnables/base.py): `invoke(input, config=None, *,
# stop=None, **kwargs)` and `ainvoke`, `stream`, `astream`, `batch`, `abatch` (which pass
# `**kwargs` on to `invoke`), and `bind(**kwargs)`, whose keywords every later call passes.
# langchain-openai 1.8.1 chat_models/base.py `_get_request_payload` (L2039-2050) sends
# `{**self._default_params, **kwargs}`, `_default_params` holding `"model":
# self.model_name` (L1591): a `model=` given there is the model the request sends.
# The older request methods do the same: langchain 0.0.334 chat_models/base.py `predict(text,
# *, stop=None, **kwargs)` (L629), `predict_messages(messages, *, stop=None, **kwargs)`
# (L642), `apredict` (L655) and `apredict_messages` (L670) pass `**kwargs` through
# `generate` to ChatOpenAI's `_generate`, which sends `{**params, **kwargs}`
# (chat_models/openai.py L416, L500); langchain_core keeps them, deprecated, up to 0.3
# (0.1.53 language_models/chat_models.py L838-883), and 1.x has none. LangChain's
# OpenAIFunctionsAgent calls `predict_messages(..., functions=...)`; AgentGPT hands
# `self.model.apredict_messages` to a helper together with `functions=` (t50g D6).
PREDICT_METHODS = frozenset({"predict", "apredict", "predict_messages", "apredict_messages"})
PER_CALL_METHODS = (
    frozenset({"invoke", "ainvoke", "stream", "astream", "batch", "abatch", "bind"})
    | PREDICT_METHODS
)
PER_CALL_MODEL = "model"
# Those a program hands uncalled to a helper that calls them with the keywords given beside
# (`openai_error_handler(func=self.model.apredict_messages, functions=...)`): not `stream`,
# `batch` or `bind`, the names of other values too (`stream=args.stream`).
HANDED_METHODS = PREDICT_METHODS | {"invoke", "ainvoke"}
# The keywords of OpenAI's legacy function calling that such a method sends as they are
# (`functions=[...]`, `function_call={...}`), which providers without `functions` ignore or
# refuse (ML111).
LEGACY_FUNCTION_KEYWORDS = ("functions", "function_call")

# What a chat class sends in every request, given or not: request parameter -> the value it
# sends when not given. langchain_community chat_models/openai.py (0.4.2): `temperature:
# float = 0.7` (L233), `n: int = 1` (L258), both in `_default_params` (L369-382); langchain
# 0.0.330's own langchain/chat_models/openai.py the same (L171, L188, L281-289; 0.0.350 and
# later re-export langchain_community's). langchain_openai's ChatOpenAI leaves out what is
# not given since langchain-openai 0.3.0 (`temperature: Optional[float] = None`, in
# `exclude_if_none`); 0.2.14 had `temperature: float = 0.7`, always sent.
SENT_BY_DEFAULT: dict[str, dict[str, str]] = {
    name: {"temperature": "0.7", "n": "1"}
    for name, c in CLASSES.items()
    if c.kind == "chat" and c.legacy
}
# The chat class to use instead: it sends a sampling parameter only when given.
MODERN_CHAT = "langchain_openai.ChatOpenAI"
# What langchain_openai's chat classes sent in every request, given or not, before a release:
# request parameter -> (the value sent when not given, the first release leaving it out).
# `temperature: float = 0.7` (0.1.0 chat_models/base.py L286, 0.1.25 L386, 0.2.14 L412), put
# in every request by `_default_params` (0.1.25 L553-575: `"temperature": self.temperature`, L572);
# 0.3.0 has `temperature: Optional[float] = None` (L445), in `exclude_if_none` (L636-648).
# Checked on the PyPI wheels 0.1.0, 0.1.25, 0.2.0, 0.2.14, 0.3.0 and 1.8.1, 2026-12-06.
SENT_BEFORE: dict[str, dict[str, tuple[str, tuple[int, ...]]]] = {
    name: {"temperature": ("0.7", (0, 3, 0))}
    for name, c in CLASSES.items()
    if c.kind == "chat" and not c.legacy
}
SENT_BEFORE_PACKAGE = "langchain-openai"

# The chat classes' token limit keyword. langchain_openai's ChatOpenAI takes
# `max_completion_tokens` as an alias of its `max_tokens` field and sends either under that
# name from 0.2.10 (chat_models/base.py L1969 `max_tokens: Optional[int] = Field(default=None,
# alias="max_completion_tokens")`, `_get_request_payload` L2021 renames the payload's
# `max_tokens`); 0.2.9 and earlier, and langchain_community's class, send `max_tokens` and move
# a `max_completion_tokens=` they do not know into `model_kwargs` (`build_extra`, with a
# UserWarning), which every request sends as given (0.1.25 L463-470, L574). Checked on the
# PyPI wheels 0.1.25, 0.2.0-0.2.10, 0.2.14 and 1.8.1, 2026-12-06.
TOKEN_LIMIT = "max_tokens"
TOKEN_LIMIT_ALIAS = "max_completion_tokens"
TOKEN_LIMIT_ALIAS_SINCE = (0, 2, 10)
# From that release the one way to send `max_tokens` itself (a provider taking no other name:
# Zhipu) is an entry of `extra_body=`, which the openai SDK merges into the body as it is;
# `model_kwargs={"max_tokens": N}` is moved to the field (a UserWarning) and sent as
# `max_completion_tokens` too (`_get_request_payload` of 1.8.1 run in venv-fw, 2026-12-07).
TOKEN_LIMIT_BODY = "extra_body"

# The embeddings classes that always send token ids (see EMBEDDINGS_ENDPOINT_SETTINGS) and
# the class to use instead.
TOKEN_ARRAYS = frozenset(name for name, c in CLASSES.items() if c.kind == "embeddings" and c.legacy)
# Where the plain classes replacing the Azure ones are imported from (langchain_openai/__init__.py).
PLAIN_MODULE = "langchain_openai"
MODERN_EMBEDDINGS = "langchain_openai.OpenAIEmbeddings"
MODERN_PACKAGE = "langchain-openai"

CLASS_NAMES = frozenset(c.name for c in CLASSES.values())

# What changes for the code calling a text completion class (`OpenAI`, kind "llm") once it is
# a chat model: `llm.invoke(text)` (and `llm(text)`, `predict`) returned the completion's
# string, a chat model's returns an AIMessage (langchain_core/language_models/chat_models.py
# `BaseChatModel.invoke` -> BaseMessage), whose text is `.content`. llm-examples' page 3
# failed with "Got unknown type" after the class alone changed (t44c).
CHAT_RESULT = "whose invoke() returns a message, not a string: take its .content where the "
CHAT_RESULT += "code used the text"

# The functions that build a chat or embeddings model from a model string, the provider
# named before a colon or by a keyword (langchain 1.5.2 langchain/chat_models/base.py and
# langchain/embeddings/base.py; langchain_classic and langchain 0.3 the same):
# `init_chat_model(model=None, *, model_provider=None, configurable_fields=None,
# config_prefix=None, **kwargs)` takes "provider:model" when the provider is built in
# (`_parse_model`), else infers it from the model's start (`_attempt_infer_model_provider`:
# "gpt-", "o1", "o3", "chatgpt", "text-davinci" are OpenAI's; "deepseek" is DeepSeek's own
# package, so a provider's model must keep "openai:"); without a model it builds a model
# configured at run time. `init_embeddings(model, *, provider=None, **kwargs)` needs
# "provider:model" or `provider=`. For "openai" they call `ChatOpenAI(model=model, **kwargs)`
# / `OpenAIEmbeddings(model=model, **kwargs)`: the class's keywords pass through.
# Qualified name -> (provider keyword, the class it builds).
INIT_FUNCTIONS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        _paths(
            "init_chat_model",
            "langchain.chat_models",
            "langchain.chat_models.base",
            "langchain_classic.chat_models",
            "langchain_classic.chat_models.base",
        ),
        ("model_provider", "langchain_openai.ChatOpenAI"),
    ),
    **dict.fromkeys(
        _paths(
            "init_embeddings",
            "langchain.embeddings",
            "langchain.embeddings.base",
            "langchain_classic.embeddings",
            "langchain_classic.embeddings.base",
        ),
        ("provider", "langchain_openai.OpenAIEmbeddings"),
    ),
}
# Functions that build their chat model with `init_chat_model(model)` when given a string, and
# take a chat model object instead: langchain 1.5.2 `create_agent` (langchain/agents/factory.py
# L1050) and deepagents 0.7.32 `create_deep_agent` (deepagents/_models.py `resolve_model`, which
# also turns OpenAI's Responses API on for "openai:" strings). Given "openai:<model>" they build
# ChatOpenAI at OpenAI's URL with OPENAI_API_KEY, whatever the model (gpt-researcher's deep
# research agent). Qualified name -> (the model keyword, its position).
AGENT_FACTORIES: dict[str, tuple[str, int]] = {
    **dict.fromkeys(
        _paths("create_agent", "langchain.agents", "langchain.agents.factory"), ("model", 0)
    ),
    **dict.fromkeys(_paths("create_deep_agent", "deepagents", "deepagents.graph"), ("model", 0)),
}
# The functions above that read a provider setting beside a model (`model_provider=`,
# `provider=`): a setting `writer_provider = "openai"` picks LangChain's OpenAI class only in
# a project that names one of them; elsewhere it is the program's own choice (ML204).
PROVIDER_READERS = ("init_chat_model", "init_embeddings")
# what the factories are given instead of the string: the chat model pointed at the provider
INIT_CHAT_MODEL = "init_chat_model"
INIT_CHAT_MODEL_IMPORT = "from langchain.chat_models import init_chat_model"
INIT_MODEL_KEYWORD = "model"
INIT_OPENAI = "openai"
INIT_SEPARATOR = ":"
# chat models only: init_embeddings infers nothing
INIT_INFERRED_OPENAI = ("gpt-", "o1", "o3", "chatgpt", "text-davinci")
# An OpenAI model named with its provider, as these functions take it and as applications
# that choose models by such strings keep them (gpt-researcher's FAST_LLM="openai:gpt-4o-mini").
OPENAI_MODEL_PREFIX = INIT_OPENAI + INIT_SEPARATOR
# The same written `provider/model`, which LangChain itself does not read: the project splits it
# (`provider, model = name.split("/", maxsplit=1)`) and hands the parts to
# `init_chat_model(model, model_provider=provider)` (the `load_chat_model` of LangChain's
# LangGraph templates, langchain-ai/react-agent src/react_agent/utils.py; chat-langchain
# backend/utils.py) or builds OpenAIEmbeddings for "openai" (chat-langchain backend/retrieval.py
# `make_text_encoder`): "openai/gpt-4o-mini" builds ChatOpenAI at OpenAI's URL.
SPLIT_SEPARATOR = "/"
OPENAI_SPLIT_PREFIX = INIT_OPENAI + SPLIT_SEPARATOR


@dataclass(frozen=True)
class InitRoute:
    """A provider's own route in `init_chat_model`: `"<name>:<model>"` builds the class of
    its package, which reads its own variables (a provider file's `[frameworks]
    langchain_route` names it)."""

    name: str  # what goes before the colon: `deepseek`
    package: str  # the package the route imports, as a requirement names it
    cls: str  # the class it builds
    api_key_env: str  # the variable it reads its key from
    base_url_env: str  # the variable it reads its base URL from
    base_url: str  # its base URL when that is not set
    base_url_keyword: str  # its keyword for the base URL (it ignores `base_url=`)
    structured_method: str  # the default `method` of its `with_structured_output()`


# langchain 1.2.10 langchain/chat_models/base.py `_BUILTIN_PROVIDERS` (L38-73): `"deepseek":
# ("langchain_deepseek", "ChatDeepSeek", _call)`, taken before a colon by `_parse_model`
# (L558-570) and inferred from a model starting with "deepseek" (L540-541).
# langchain-deepseek 1.0.1 langchain_deepseek/chat_models.py: `api_key ... default_factory=
# secret_from_env("DEEPSEEK_API_KEY", default=None)` (L170-173), `api_base: str = Field(
# default_factory=from_env("DEEPSEEK_API_BASE", default=DEFAULT_API_BASE))` (L175-177),
# DEFAULT_API_BASE = "https://api.deepseek.com/v1" (L24); its `validate_environment`
# (L203-231) builds the client from `api_base` only, so `base_url=` (langchain-openai's
# `openai_api_base` alias, which ChatDeepSeek inherits) is not used before 1.1.0, which
# gives `api_base` the alias `base_url` (checked on the 0.1.4, 1.0.1, 1.1.0 and 1.1.1 wheels);
# `api_base=` and DEEPSEEK_API_BASE work in all of them.
# ChatDeepSeek's `with_structured_output()` defaults to "function_calling" in every release:
# 0.1.0 and 0.1.2 inherit BaseChatOpenAI's (langchain-openai>=0.3.3,<0.4 there; 0.3.0
# chat_models/base.py L1249-1255 `method ... = "function_calling"`); 0.1.3 (chat_models.py
# L306-313), 0.1.4, 1.0.1 and 1.1.1 (L555-563) override it with that default and turn
# `method="json_schema"` into "function_calling" (1.1.1 L637-638); 0.1.0-0.1.2 still send a
# json_schema asked for by name (checked on the PyPI wheels, 2026-12-07). So a model moved to
# the route asks for a forced tool call unless `method=` says otherwise (ML604).
INIT_ROUTES: dict[str, InitRoute] = {
    "deepseek": InitRoute(
        "deepseek",
        "langchain-deepseek",
        "langchain_deepseek.ChatDeepSeek",
        "DEEPSEEK_API_KEY",
        "DEEPSEEK_API_BASE",
        "https://api.deepseek.com/v1",
        "api_base",
        "function_calling",
    ),
}
# Each route's class derives from langchain_openai's BaseChatOpenAI and so takes `extra_body=`
# as ChatOpenAI does (langchain-deepseek 1.1.1 chat_models.py:110 `class ChatDeepSeek(
# BaseChatOpenAI)`; langchain-openai 1.8.1 chat_models/base.py:1150 `extra_body: Mapping[str,
# Any] | None = None`, sent with every request by `_default_params`, base.py:1576). Neither
# sends a reply's `reasoning_content` back with the assistant turn of a tool loop
# (ChatDeepSeek only reads it, chat_models.py:406-416, and its `_get_request_payload`,
# chat_models.py:357-383, adds none), which a thinking model's provider may require
# (`[params] tool_turn_fields`, HTTP 400): ML118 turns thinking off with `extra_body=`, also
# as a default of `init_chat_model(configurable_fields=...)`, which passes its keywords to
# each model it builds (checked on these wheels, 2026-12-06).
ROUTE_EXTRA_BODY = EXTRA_BODY
# The package of each route of init_chat_model a requirements file may require: OpenAI's
# (langchain-openai, whose ChatOpenAI `openai:` builds) and the providers' own.
ROUTE_PACKAGES = {
    INIT_OPENAI: SETTINGS_REQUIREMENT,
    **{name: route.package for name, route in INIT_ROUTES.items()},
}
# What a requirements file's bytes hold where it may require one (the name in any spelling,
# as `REQUIRES_SETTINGS`, with or without a specifier).
REQUIRES_ROUTE = re.compile(
    rb"(?i)langchain[-_.]+(?:"
    + b"|".join(re.escape(p.split("-", 1)[1].encode()) for p in ROUTE_PACKAGES.values())
    + rb")(?![\w-])"
)


def without_provider(value: str) -> tuple[str, str]:
    """(`openai:`, the model) for a model written after OpenAI as its provider; else ("",
    `value`)."""
    if value.startswith(OPENAI_MODEL_PREFIX):
        return OPENAI_MODEL_PREFIX, value[len(OPENAI_MODEL_PREFIX) :]
    return "", value


# `with_structured_output(schema=None, *, method=..., include_raw=False, strict=None,
# tools=None, **kwargs)` of ChatOpenAI and AzureChatOpenAI. Its default `method` is
# "json_schema" from langchain-openai 0.3.0 (0.3.0 chat_models/base.py L2019-2023,
# chat_models/azure.py L745-749; 1.1.14 base.py L3208-3212, azure.py L834-838), sent as
# `response_format={"type": "json_schema", ...}` (1.1.14 base.py L2282-2304); 0.2.14's is
# "function_calling" (base.py L1170-1176). Checked on the PyPI wheels (`pip download --no-deps
# langchain-openai==X`), 2026-12-05. BaseChatOpenAI keeps "function_calling" (1.1.14 base.py
# L2065-2071): langchain-deepseek 1.0.1's ChatDeepSeek, which derives from it, defaults to it
# too (langchain_deepseek/chat_models.py L417-425). "function_calling" binds the schema as the
# only tool, with `tool_choice=<its name>` and `parallel_tool_calls=False` (1.1.14 base.py
# L2235-2256); "json_mode" sends `response_format={"type": "json_object"}` and not the schema,
# which the prompt must then describe (L2266-2281), and raises ValueError given `strict=`
# (L2202-2204); `tools=` is read only with "json_schema" (L2300-2303).
STRUCTURED_OUTPUT = "with_structured_output"
STRUCTURED_SCHEMA = "schema"  # also its first positional argument
STRUCTURED_METHOD = "method"  # keyword-only
JSON_SCHEMA_METHOD = "json_schema"
TOOL_METHOD = "function_calling"
JSON_MODE_METHOD = "json_mode"
# `tools=` is sent beside the schema only with "json_schema"; with "function_calling" it
# reaches `bind_tools(tools, ...)` a second time (TypeError: multiple values for 'tools').
# `strict=` is sent in the schema's tool by "function_calling" (and refused by "json_mode").
STRUCTURED_TOOLS = "tools"
FIRST_JSON_SCHEMA_DEFAULT = (0, 3, 0)
# "function_calling" sends the named `tool_choice` unless the call's own keywords replace it:
# they reach `bind_tools` after LangChain's (`{"tool_choice": tool_name, ..., **kwargs}`,
# 1.8.1 base.py L2804-2816, "Pass kwargs through to the model" since 0.3.21), so
# `tool_choice=None` sends none (TradingAgents' `kwargs.setdefault("tool_choice", None)`).
# Checked on the wheel installed in venv-fw (langchain-openai 1.8.1), 2026-12-12: ChatOpenAI
# and AzureChatOpenAI default to "json_schema" (base.py L3890, azure.py L902),
# BaseChatOpenAI to "function_calling" (base.py L2630).
STRUCTURED_TOOL_CHOICE = "tool_choice"

# `bind_tools(tools, *, tool_choice=None, ...)` of langchain_openai's chat classes sends its
# `tool_choice` mapped (1.8.1 chat_models/base.py L2515-2614, checked in venv-fw 2026-12-07):
# a string naming one of the tools becomes `{"type": "function", "function": {"name": ...}}`
# (a named tool), "any" becomes "required", True becomes "required", False and None send none;
# "auto", "none" and "required" are sent as they are. (A string naming a built-in tool of
# OpenAI's Responses API, `WellKnownTools` L205-215, becomes `{"type": <it>}`; any other string
# goes as it is written, which OpenAI itself refuses.) ML111 checks what is sent.
BIND_TOOLS = "bind_tools"
BIND_TOOL_CHOICE = "tool_choice"
BIND_TOOL_CHOICE_SENT = {"any": "required", "auto": "auto", "none": "none", "required": "required"}
BIND_TOOL_CHOICE_TRUE = "required"  # `tool_choice=True`
BIND_TOOL_CHOICE_NAMED = "function"  # any other string: a tool's name (`[params] tool_choice`)
# the methods asked of a chat model another object holds (`self.endpoint._llm`), which ML604
# and ML111 follow to the class of that object (`rules/member_values.py`)
MEMBER_METHODS = (STRUCTURED_OUTPUT, BIND_TOOLS)

# ChatOpenAI's `stream_usage: bool | None = None` (langchain-openai 1.8.1 chat_models/base.py
# L896): where true, `_stream` / `_astream` send `stream_options={"include_usage": True}` with
# each streamed request (`_should_stream_usage`, L1852-1869; L1882-1884, L2177-2179). Left unset,
# it is turned on only for OpenAI's own URL (L1435-1454), so only a written true follows the
# class to a provider. ML111 reports it as the SDK's `stream_options=` (t65d: chat-langchain's
# `load_chat_model` passes `stream_usage=True` to init_chat_model).
STREAM_USAGE = "stream_usage"
STREAM_USAGE_SENDS = "stream_options"

# init_chat_model (langchain 1.2.10 langchain/chat_models/base.py): given no model and no
# `configurable_fields`, it makes "model" and "model_provider" configurable (L452-453); with
# `configurable_fields` it returns a `_ConfigurableModel` whose default config is its other
# keywords (L469-477), and builds the model for each run from those and the run's
# `configurable` entries (`_model`, L650-656, through `_init_chat_model_helper`, L480-488,
# which passes every keyword to the class: `extra_body=` reaches ChatOpenAI). Its
# `__getattr__` (L620-648) builds the default model for an attribute it does not queue:
# with keywords but no model that raises TypeError (`_init_chat_model_helper()` missing
# 'model'; run on 1.2.10, t46e; on 1.5.2 L687-715 the same: `.with_retry()` on it asks
# `hasattr(bound, "name")` when invoked, open_deep_research's chain), hence a default model
# beside them. Given a model, nothing is configurable unless `configurable_fields` says so
# (L516-527): written beside a default model, LangChain's own default fields keep the model
# chosen per run. `configurable_fields` is "any" or a sequence of field names.
CONFIGURABLE_FIELDS = "configurable_fields"
CONFIGURABLE_ANY = "any"
CONFIGURABLE_DEFAULT = '("model", "model_provider")'  # given neither a model nor fields
# the chat class that `openai:` builds, and its keywords
INIT_OPENAI_CLASS = "langchain_openai.ChatOpenAI"
INIT_PROVIDER_KEYWORD = "model_provider"


# What a module calls to give a chat model tools, so that its turns form a tool loop: a model
# on a provider whose thinking turns must send `reasoning_content` back (`[params]
# tool_turn_fields`) fails there on the second turn with thinking on (LangChain's chat
# models drop that field: ROUTE_EXTRA_BODY), whatever the OpenAI model did.
TOOL_BINDERS = ("bind_tools", "create_react_agent", "create_agent")


# Agents whose requests give the model the legacy `functions=` (OpenAI's function calling,
# before tools): langchain_classic 1.0.8 (langchain<1 the same under langchain.agents)
# agents/initialize.py `initialize_agent(tools, llm, agent=None, ...)` builds the class
# agents/types.py maps the agent type to: AgentType.OPENAI_FUNCTIONS ("openai-functions",
# agent_types.py L51) -> OpenAIFunctionsAgent, whose `plan` calls `self.llm.predict_messages(
# ..., functions=self.functions)` (openai_functions_agent/base.py L127, L165);
# OPENAI_MULTI_FUNCTIONS ("openai-multi-functions", L54) -> OpenAIMultiFunctionsAgent
# (openai_functions_multi_agent/base.py L230, L261). `create_openai_functions_agent(llm,
# tools, prompt)` binds them (`llm.bind(functions=[...])`, openai_functions_agent/base.py
# L372). Builder (last name) -> (the position and keyword of its model, of its agent type).
FUNCTIONS_AGENT_BUILDERS: dict[str, tuple[tuple[int, str], tuple[int, str] | None]] = {
    "initialize_agent": ((1, "llm"), (2, "agent")),
    "create_openai_functions_agent": ((0, "llm"), None),
}
# The packages defining them (a qualified name starts with one), and the agent types sending
# `functions=` (the member's name, or its value given as a string).
AGENT_PACKAGES = ("langchain.agents", "langchain_classic.agents")
AGENT_TYPE = "AgentType"  # agent_types.py: the enum naming them
FUNCTIONS_AGENT_TYPES = {
    "OPENAI_FUNCTIONS": "openai-functions",
    "OPENAI_MULTI_FUNCTIONS": "openai-multi-functions",
}
# What to build instead: an agent giving the model `tools=` (langchain_classic agents/
# tool_calling_agent/base.py `create_tool_calling_agent(llm, tools, prompt)`: `llm.bind_tools`)
TOOLS_AGENT = "create_tool_calling_agent"
FUNCTIONS_PARAM = "functions"

# LangChain's helpers that read one environment variable named by an argument (position,
# keyword): `get_from_dict_or_env(data, key, env_key, default=None)` returns `data[key]` where
# it is set, else the variable, else `default`; `get_from_env(key, env_key, default=None)` the
# variable, else `default` (langchain_core 1.8 utils/env.py, exported by langchain_core.utils;
# langchain_classic.utils and langchain<1's langchain.utils re-export them). ML401 reads them
# as it reads `os.getenv(...)`.
_ENV_HELPERS = {"get_from_dict_or_env": (2, "env_key"), "get_from_env": (1, "env_key")}
# the helpers' fallback value, the argument after the variable's name (or `default=`)
ENV_READER_DEFAULT = "default"
ENV_READERS: dict[str, tuple[int, str]] = {
    f"{module}.{name}": where
    for module in (
        "langchain_core.utils",
        "langchain_core.utils.env",
        "langchain_classic.utils",
        "langchain_classic.utils.env",
        "langchain.utils",
        "langchain.utils.env",
    )
    for name, where in _ENV_HELPERS.items()
}
