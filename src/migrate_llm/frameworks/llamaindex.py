"""What LlamaIndex's OpenAI classes look like, and the OpenAI-like classes that replace them.

Knowledge of the framework only; what a provider serves stays in `providers/*.toml`.

Checked against the released packages (PyPI): llama-index-core 0.14.25,
llama-index-llms-openai 0.8.3, llama-index-llms-openai-like 0.8.1,
llama-index-embeddings-openai 0.6.0, llama-index-embeddings-openai-like 0.4.0 (files named
beside each entry are in those wheels; the same code is in github.com/run-llama/llama_index
under llama-index-integrations/llms/llama-index-llms-openai*/ and
llama-index-integrations/embeddings/llama-index-embeddings-openai*/).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from migrate_llm.frameworks import FrameworkClass

FRAMEWORK = "llamaindex"

# llama_index/llms/openai/base.py L261-277: `OpenAI.__init__(self, model: str =
# DEFAULT_OPENAI_MODEL ("gpt-3.5-turbo", L99), temperature, max_tokens, additional_kwargs,
# max_retries, timeout, reuse_client, api_key, api_base, api_version, ...)`. Its `metadata`
# calls `openai_modelname_to_contextsize` (utils.py L385-395), which raises ValueError for a
# model name it does not know: a provider's model cannot simply be passed to it.
#
# llama_index/llms/openai_like/base.py L23-120: `class OpenAILike(OpenAI)` adds
# `context_window` (default 3900), `is_chat_model` (default False: the completions endpoint),
# `is_function_calling_model` (default False) and skips the model-name check; installed with
# `pip install llama-index-llms-openai-like`. In llama-index<0.10 the same class is
# llama_index/llms/openai_like.py of the `llama-index` package, importable by the same path.
LLM_REPLACEMENT = "llama_index.llms.openai_like.OpenAILike"
LLM_REQUIREMENT = "llama-index-llms-openai-like"
# what `OpenAI` does given another model name (`FrameworkClass.checks_model`)
LLM_CHECKS_MODEL = "raises ValueError for a model name it does not know when its metadata is read"

# llama_index/embeddings/openai/base.py L277-307: `OpenAIEmbedding.__init__(self, mode, model
# = "text-embedding-ada-002", embed_batch_size, dimensions, additional_kwargs, api_key,
# api_base, api_version, ...)` calls `get_engine(mode, model, ...)` (L202-211), which raises
# for a model outside OpenAIEmbeddingModelType. llama_index/embeddings/openai_like/base.py
# L10-80: `class OpenAILikeEmbedding(OpenAIEmbedding)` takes `model_name` (and raises
# ValueError when given `model`), `api_key`, `api_base`, `embed_batch_size` (default 10);
# `pip install llama-index-embeddings-openai-like`. No such class in llama-index<0.10.
EMBEDDING_REPLACEMENT = "llama_index.embeddings.openai_like.OpenAILikeEmbedding"
EMBEDDING_REQUIREMENT = "llama-index-embeddings-openai-like"
# what `OpenAIEmbedding` does given another model name (`FrameworkClass.checks_model`): t66a's
# `OpenAIEmbedding(api_base=..., model="text-embedding-v4")` stopped with "is not a valid
# OpenAIEmbeddingModelType" before any request
EMBEDDING_CHECKS_MODEL = "raises ValueError when built with a model name that is not OpenAI's"

# `additional_kwargs: Dict[str, Any]` (llama_index/llms/openai/base.py L206), merged into the
# keyword arguments of every `chat.completions.create` (`_get_model_kwargs` L472, used at
# L501-631; OpenAILike inherits it): its "extra_body" entry reaches the SDK's `extra_body`,
# where the provider's switch turning off a model's thinking goes (ML118).
ADDITIONAL_KWARGS = "additional_kwargs"
EXTRA_BODY = "extra_body"
_LLM = FrameworkClass(
    FRAMEWORK,
    "OpenAI",
    "chat",
    ("model",),
    ("api_key",),
    ("api_base",),
    "gpt-3.5-turbo",
    replacement=LLM_REPLACEMENT,
    requirement=LLM_REQUIREMENT,
    extra_body=ADDITIONAL_KWARGS,
    extra_body_entry=EXTRA_BODY,
    checks_model=LLM_CHECKS_MODEL,
)
_EMBEDDING = FrameworkClass(
    FRAMEWORK,
    "OpenAIEmbedding",
    "embeddings",
    ("model", "model_name"),  # `model_name`: its pydantic field, which code passes too
    ("api_key",),
    ("api_base",),
    "text-embedding-ada-002",
    replacement=EMBEDDING_REPLACEMENT,
    replacement_keywords=(("model", "model_name"),),
    requirement=EMBEDDING_REQUIREMENT,
    # `dimensions: Optional[int]`, added to `additional_kwargs` (so sent) only when given
    # (llama-index-embeddings-openai 0.3.1: base.py L256, L292-293; OpenAILikeEmbedding
    # passes it on, openai_like/base.py L60, L84)
    dimensions="dimensions",
    checks_model=EMBEDDING_CHECKS_MODEL,
)
# Where these classes (and LlamaIndex's default models, built as `OpenAI()` /
# `OpenAIEmbedding()`) take their key and base URL when not given `api_key=` / `api_base=`:
# `resolve_openai_credentials` (llama-index-llms-openai 0.8.3 llama_index/llms/openai/
# utils.py L1034-1060, llama-index-embeddings-openai 0.6.0 llama_index/embeddings/openai/
# utils.py L124-150): the key
# from OPENAI_API_KEY, else `openai.api_key`; the base URL from OPENAI_API_BASE, else
# `openai.base_url`, else api.openai.com. Each in its own order: with OPENAI_API_KEY set
# and OPENAI_API_BASE not, a class given neither sends OpenAI's key to the base URL the
# openai module is given (t62d: the provider's, once ML103 points it there).
KEY_SOURCES = ("api_key", "env:OPENAI_API_KEY", "module:api_key")
BASE_URL_SOURCES = ("api_base", "env:OPENAI_API_BASE", "module:base_url", "default")
# whether the environment's key wins over the module's while the module's base URL is read:
# a class left on OpenAI then reads the module-level client's base URL with OpenAI's key
ENV_KEY_WITH_MODULE_BASE_URL = (
    KEY_SOURCES.index("env:OPENAI_API_KEY") < KEY_SOURCES.index("module:api_key")
    and "module:base_url" in BASE_URL_SOURCES
)

# llama-index<0.10 (one `llama-index` package): `from llama_index.llms import OpenAI`
# (llama_index/llms/__init__.py) and `from llama_index.embeddings import OpenAIEmbedding`,
# also exported by the package itself (`from llama_index import OpenAIEmbedding`: the
# 0.8.69.post1 and 0.9.48 wheels' llama_index/__init__.py; GPTDiscord, t50b).
# Checked on the llama-index 0.9.48 wheel: llama_index/llms/__init__.py exports OpenAILike,
# llama_index/llms/openai_like.py has the same `context_window`, `is_chat_model`,
# `is_function_calling_model` fields, and llama_index/llms/openai.py takes `api_base`; no
# OpenAILikeEmbedding exists there.
_LEGACY_LLM = FrameworkClass(
    FRAMEWORK,
    "OpenAI",
    "chat",
    ("model",),
    ("api_key",),
    ("api_base",),
    "gpt-3.5-turbo",
    replacement="llama_index.llms.OpenAILike",
    legacy=True,
    checks_model=LLM_CHECKS_MODEL,
)
_LEGACY_EMBEDDING = FrameworkClass(
    FRAMEWORK,
    "OpenAIEmbedding",
    "embeddings",
    ("model",),
    ("api_key",),
    ("api_base",),
    "text-embedding-ada-002",
    legacy=True,
    checks_model=EMBEDDING_CHECKS_MODEL,
    manual="llama-index<0.10 has no OpenAILikeEmbedding and its OpenAIEmbedding accepts only "
    f"OpenAI models: upgrade to llama-index>=0.10 and use {EMBEDDING_REPLACEMENT} "
    f"(package {EMBEDDING_REQUIREMENT})",
)

# llama-index-multi-modal-llms-openai 0.6.2 (PyPI wheel, llama_index/multi_modal_llms/openai/
# base.py): `class OpenAIMultiModal(OpenAI)`, LlamaIndex's OpenAI LLM above (the same keywords,
# the same model-name check) with `complete(prompt, image_documents)`; deprecated since 0.5.2
# for the LLM class with image blocks. Releases before 0.5 had a class of their own that also
# accepted only OpenAI's vision models. No OpenAI-like counterpart takes `image_documents`.
_MULTI_MODAL = FrameworkClass(
    FRAMEWORK,
    "OpenAIMultiModal",
    "chat",
    ("model",),
    ("api_key",),
    ("api_base",),
    "gpt-3.5-turbo",
    checks_model=LLM_CHECKS_MODEL,
    manual="it is LlamaIndex's OpenAI LLM, which accepts only OpenAI model names, and no "
    "OpenAI-like class takes its image_documents: use "
    f"{LLM_REPLACEMENT} (package {LLM_REQUIREMENT}) with the images as ImageBlock items "
    "of a ChatMessage's blocks (llama-index<0.10 has neither: upgrade first)",
)

# llama-index<0.10 exports the class from the package (`from llama_index.multi_modal_llms
# import OpenAIMultiModal`, 0.9.48 wheel: llama_index/multi_modal_llms/__init__.py); ImageBlock
# and the separate OpenAI-like packages came with 0.10 (rags, on 0.9.7).
_LEGACY_MULTI_MODAL = replace(
    _MULTI_MODAL,
    default_model="gpt-4-vision-preview",
    legacy=True,
    manual="llama-index<0.10's OpenAIMultiModal accepts only OpenAI's vision models and that "
    "release has no OpenAI-like class for images: upgrade to llama-index>=0.10 and use "
    f"{LLM_REPLACEMENT} (package {LLM_REQUIREMENT}) with the images as ImageBlock items of a "
    "ChatMessage's blocks",
)

# llama-index-llms-openai 0.8.3, llama_index/llms/openai/responses.py L147-373:
# `class OpenAIResponses(FunctionCallingLLM)` (default model "gpt-4o-mini", L105) sends
# OpenAI's Responses API (`client.responses.create`); it takes `api_key`, `api_base` and
# `context_window` (without it, `metadata` looks the model's window up among OpenAI's and
# raises for another name, L364-373). OpenAILike sends chat completions instead.
_RESPONSES = FrameworkClass(
    FRAMEWORK,
    "OpenAIResponses",
    "chat",
    ("model",),
    ("api_key",),
    ("api_base",),
    "gpt-4o-mini",
    manual="it sends OpenAI's Responses API and, without context_window=, accepts only "
    "OpenAI model names: where the provider serves /responses pass it api_key=, api_base= "
    f"and context_window= with the provider's model; else use {LLM_REPLACEMENT} (package "
    f"{LLM_REQUIREMENT}), which sends chat completions",
)

CLASSES: dict[str, FrameworkClass] = {
    "llama_index.llms.openai.OpenAI": _LLM,
    "llama_index.llms.openai.base.OpenAI": _LLM,
    "llama_index.embeddings.openai.OpenAIEmbedding": _EMBEDDING,
    "llama_index.embeddings.openai.base.OpenAIEmbedding": _EMBEDDING,
    "llama_index.llms.OpenAI": _LEGACY_LLM,
    "llama_index.embeddings.OpenAIEmbedding": _LEGACY_EMBEDDING,
    "llama_index.OpenAIEmbedding": _LEGACY_EMBEDDING,
    "llama_index.multi_modal_llms.openai.OpenAIMultiModal": _MULTI_MODAL,
    "llama_index.multi_modal_llms.openai.base.OpenAIMultiModal": _MULTI_MODAL,
    "llama_index.multi_modal_llms.OpenAIMultiModal": _LEGACY_MULTI_MODAL,
    "llama_index.llms.openai.OpenAIResponses": _RESPONSES,
    "llama_index.llms.openai.responses.OpenAIResponses": _RESPONSES,
}

CLASS_NAMES = frozenset(c.name for c in CLASSES.values())

# The OpenAI-like LLM that apply writes (`LLM_REPLACEMENT`; llama-index<0.10: the same path and
# `llama_index.llms.OpenAILike`), looked at once it points at the target: for what it sends.
_OPENAI_LIKE = replace(_LLM, name="OpenAILike", replacement=None, requirement=None, checks_model="")
OPENAI_LIKE: dict[str, FrameworkClass] = {
    LLM_REPLACEMENT: _OPENAI_LIKE,
    "llama_index.llms.openai_like.base.OpenAILike": _OPENAI_LIKE,
    "llama_index.llms.OpenAILike": replace(_OPENAI_LIKE, legacy=True),
}

# The OpenAI-like embedding class apply writes (`EMBEDDING_REPLACEMENT`), looked at once it
# points at the target: for the width of its vectors (ML114).
EMBEDDING_LIKE_NAME = "OpenAILikeEmbedding"
_EMBEDDING_LIKE = replace(
    _EMBEDDING,
    name=EMBEDDING_LIKE_NAME,
    model=("model_name",),
    replacement=None,
    replacement_keywords=(),
    requirement=None,
    checks_model="",
)
OPENAI_LIKE_EMBEDDING: dict[str, FrameworkClass] = {
    EMBEDDING_REPLACEMENT: _EMBEDDING_LIKE,
    "llama_index.embeddings.openai_like.base.OpenAILikeEmbedding": _EMBEDDING_LIKE,
}

# LlamaIndex's helpers that answer from OpenAI's model names alone (ML614), each with what it
# does given another name and what to read instead (the LLM's `metadata`, which OpenAILike
# fills from its own fields). llama-index 0.9.48 wheel, llama_index/llms/openai_utils.py
# L170-213: `openai_modelname_to_contextsize` raises ValueError for a name outside
# ALL_AVAILABLE_MODELS, `is_chat_model` is `model in CHAT_MODELS`, and
# `is_function_calling_model` is `is_chat_model(model)` (no 0301/0314). llama-index-llms-openai
# 0.8.3, llama_index/llms/openai/utils.py L365-418: the same two, but its
# `is_function_calling_model` returns True for a name it does not know (not listed).
_CONTEXT_SIZE = ("raises ValueError", "llm.metadata.context_window")
_CHAT = ("returns False", "llm.metadata.is_chat_model")
NAME_ONLY_FUNCTIONS: dict[str, tuple[str, str]] = {
    "llama_index.llms.openai_utils.is_function_calling_model": (
        "returns False",
        "llm.metadata.is_function_calling_model",
    ),
    "llama_index.llms.openai_utils.is_chat_model": _CHAT,
    "llama_index.llms.openai_utils.openai_modelname_to_contextsize": _CONTEXT_SIZE,
    "llama_index.llms.openai.utils.is_chat_model": _CHAT,
    "llama_index.llms.openai.utils.openai_modelname_to_contextsize": _CONTEXT_SIZE,
}

# The agents that, in older releases, check the LLM's model name themselves (ML614): on a
# pinned llama-index below `FIRST_AGENT_BY_METADATA` they refuse the OpenAILike that ML611
# writes (rags, on 0.9.7, failed at start-up). Checked on the PyPI wheels (`pip download
# --no-deps llama-index==0.9.X`), 2026-12-03: in 0.9.7, 0.9.10, 0.9.11 and 0.9.12,
# llama_index/agent/openai_agent.py L588 (`OpenAIAgent`, also exported by
# llama_index/agent/__init__.py): `from_tools` raises ValueError("Model name ... does not
# support function calling API") unless `is_function_calling_model(llm.model)` (OpenAI's
# names); `OpenAIAgent.__init__` checks nothing. 0.9.13 is the first whose `from_tools` reads
# `llm.metadata.is_function_calling_model` instead; so do 0.9.14, 0.9.15 and 0.9.20 to 0.9.48
# (0.9.20, 0.9.25, 0.9.30, 0.9.35, 0.9.40, 0.9.48 checked: llama_index/agent/openai/base.py
# L113-116 and OpenAIAgentWorker, openai/step.py L217). OpenAIAssistantAgent checks no name.
FIRST_AGENT_BY_METADATA = (0, 9, 13)
NAME_CHECKING_AGENTS = frozenset(
    {
        "llama_index.agent.OpenAIAgent.from_tools",
        "llama_index.agent.openai_agent.OpenAIAgent.from_tools",
    }
)
# `from_tools(tools, tool_retriever, llm, ...)`: where the LLM stands among its arguments
AGENT_LLM_ARGUMENT = ("llm", 2)
# What a requirements file's bytes hold where it may pin llama-index: the name in any
# spelling, then (after a quote, extras, blanks) a specifier's first character (`==0.9.7`,
# TOML's `llama-index = "^0.9"`, `(>=0.9)`), or the `]` of a `[...llama-index]` table. Only
# such a file is read as requirements, which the rule then reads (a package's description
# "llama-index readers ..." is not one: LlamaIndex has 600 of them).
REQUIRES_LLAMA_INDEX = re.compile(
    rb"(?i)llama[-_.]+index[\"']?[ \t]*(?:\[[^\]\n]*\][ \t]*)?[<>=!~^(\]]"
)

# The LLM's keyword -> the chat request parameter it sends, and what it sends in every request:
# llama_index/llms/openai/base.py `temperature: float = Field(default=DEFAULT_TEMPERATURE,
# ge=0.0, le=2.0)` (L185-190; llama_index/core/constants.py L3 `DEFAULT_TEMPERATURE = 0.1`),
# and `_get_model_kwargs` (L457-490) starts every request from `{"model": self.model,
# "temperature": self.temperature}`, `additional_kwargs` only added on top: no setting leaves
# it out (the field takes no None). OpenAILike (openai_like/base.py) and OpenAIMultiModal
# (llama-index-multi-modal-llms-openai 0.6.2) derive from it; llama-index 0.9.48 the same
# (llama_index/constants.py L3, llms/openai.py L80 and L285, multi_modal_llms/openai.py L92
# and L189). OpenAIResponses (responses.py L407-435) leaves it out for `reasoning_options`.
REQUEST_PARAMS = {"temperature": "temperature"}
DEFAULT_TEMPERATURE = "0.1"
SENT_BY_DEFAULT: dict[str, dict[str, str]] = {
    name: {"temperature": DEFAULT_TEMPERATURE}
    for name, c in {**CLASSES, **OPENAI_LIKE}.items()
    if c.name in ("OpenAI", "OpenAILike", "OpenAIMultiModal")
}

# What the LLM classes above send as a chat request's arguments besides the model and
# temperature (llama-index-llms-openai 0.8.3, llama_index/llms/openai/base.py
# `_get_model_kwargs` L457-490; OpenAILike and OpenAIMultiModal inherit it): the
# `max_tokens` field as `max_tokens` when set (L459-463; renamed to max_completion_tokens
# only for OpenAI's o1 models, L475-480: the class has no field of the other name), then every
# entry of `additional_kwargs` as it is (L472). A subclass overriding `_get_model_kwargs`
# returns the request's arguments: the keys it sets on what `super()._get_model_kwargs(...)`
# gives are sent as they are (private-gpt's PatchedOpenAILLM writes a json_schema
# `response_format` there). The rules reading requests (ML111, ML112, ML115) read these where
# the class sends to the provider.
CHAT_CLASSES: dict[str, FrameworkClass] = {
    name: c for name, c in {**CLASSES, **OPENAI_LIKE}.items() if name in SENT_BY_DEFAULT
}
OPENAI_LIKE_NAME = _OPENAI_LIKE.name
TOKEN_LIMIT_FIELD = "max_tokens"
MODEL_KWARGS_METHOD = "_get_model_kwargs"
# What to do instead of the field where the provider takes max_completion_tokens
TOKEN_LIMIT_INSTEAD = (
    f"LlamaIndex sends its max_tokens field under that name and has no field of the other: "
    f'remove it and pass {ADDITIONAL_KWARGS}={{"max_completion_tokens": ...}}, by hand'
)

# Structured output on these classes (llama-index-llms-openai 0.8.3, base.py L1105-1300;
# llama-index-core 0.14.25): `llm.structured_predict(Output, prompt)`, `astructured_predict`,
# `stream_structured_predict`, `astream_structured_predict`, and `llm.as_structured_llm(
# Output)`, whose chat calls call them (core/llms/structured_llm.py L53-151). Where
# `_should_use_structure_outputs()` holds (OpenAI: `pydantic_program_mode` DEFAULT and a model
# `is_json_schema_supported`, utils.py L232-262, a name starting with one of
# `JSON_SCHEMA_MODELS`; OpenAILike: `should_use_structured_outputs=True`, openai_like/base.py
# L108-114 and L158-159, default False) the request sends the schema as a json_schema
# `response_format` (`_prepare_schema` L1105-1123). Otherwise the method sets
# `llm_kwargs["tool_choice"] = "required"` unless `llm_kwargs` gives one (L1148-1150), and every
# program `get_program_for_llm` picks sends it: FunctionCallingProgram asks for the tool call
# (`tool_required=True`, core/program/function_program.py L81), LLMTextCompletionProgram passes
# `llm_kwargs` to `chat()` as they are (core/program/llm_program.py L104-114), so even the
# prompt-based mode sends `tool_choice: "required"` (measured on the loopback server).
# `FunctionCallingProgram.from_defaults(..., llm=llm)` called directly asks the same unless
# given `tool_choice=` or `tool_required=False`; `LLMTextCompletionProgram.from_defaults(...,
# llm=llm)` sends neither.
STRUCTURED_METHODS = frozenset(
    {
        "structured_predict",
        "astructured_predict",
        "stream_structured_predict",
        "astream_structured_predict",
        "as_structured_llm",
    }
)
STRUCTURED_KWARGS = "llm_kwargs"
PROGRAM_MODE = "pydantic_program_mode"
PROGRAM_DEFAULT = "DEFAULT"
# the enum (llama_index/core/types.py L137-145; llama-index<0.10: llama_index/types.py)
PROGRAM_MODES = frozenset(
    {"llama_index.core.types.PydanticProgramMode", "llama_index.types.PydanticProgramMode"}
)
STRUCTURED_OUTPUTS_FIELD = "should_use_structured_outputs"
JSON_SCHEMA_MODELS = (
    "o4-mini",
    "o1",
    "o1-pro",
    "o3",
    "o3-mini",
    "gpt-4o",
    "gpt-4.1",
    "gpt-5",
    "gpt-6",
)
FUNCTION_PROGRAMS = frozenset(
    {
        "llama_index.core.program.FunctionCallingProgram.from_defaults",
        "llama_index.core.program.function_program.FunctionCallingProgram.from_defaults",
    }
)
# what gives such a program another tool_choice than "required"
FUNCTION_PROGRAM_CHOICE = ("tool_choice", "tool_required")
PROGRAM_LLM = "llm"
# what to do where the provider refuses what structured output sends: the prompt-based program
STRUCTURED_INSTEAD = (
    "use LlamaIndex's LLMTextCompletionProgram.from_defaults(output_cls=..., "
    "prompt_template_str=..., llm=llm) (from llama_index.core.program), which describes the "
    "schema in the prompt and sends neither"
)

# Where LlamaIndex falls back to its default OpenAI LLM and embedding model:
# llama_index/core/settings.py L35-43 (`Settings.llm` unset -> `resolve_llm("default")`),
# core/llms/utils.py L40-56 ("default" -> `OpenAI()`), core/embeddings/utils.py L42
# ("default" -> `OpenAIEmbedding()`). `ServiceContext.from_defaults(llm=..., embed_model=...)`
# (llama-index<0.10, llama_index/service_context.py) does the same for a missing argument.
SERVICE_CONTEXT = frozenset(
    {
        "llama_index.ServiceContext.from_defaults",
        "llama_index.service_context.ServiceContext.from_defaults",
        "llama_index.core.ServiceContext.from_defaults",
        "llama_index.core.service_context.ServiceContext.from_defaults",
    }
)
SERVICE_CONTEXT_SETTINGS = ("llm", "embed_model")
# `ServiceContext.from_defaults(...)` starts from the global service context where
# `set_global_service_context(...)` set one, a model left out (or "default") then being that
# context's: llama-index 0.9.48 llama_index/service_context.py L144-162 `if
# llama_index.global_service_context is not None: return cls.from_service_context(
# llama_index.global_service_context, llm=llm, ...)`, whose `from_service_context` (L227)
# keeps the context's `llm_predictor` unless `llm != "default"` (L263-267) and its
# `embed_model` where given "default" (L279-280); 0.9.7 the same at L141-152 (which does not
# even pass `llm=` on). Checked on the PyPI wheels, 2026-12-05. ML612 counts such a setting
# for these calls as it does for the calls of `DEFAULT_USERS`.

# The functions that turn `"default"` into LlamaIndex's default OpenAI model, and what they
# build: llama_index/core/llms/utils.py L40-56 (`resolve_llm("default")` -> `OpenAI()`) and
# core/embeddings/utils.py L42 (`resolve_embed_model("default")` -> `OpenAIEmbedding()`);
# llama-index<0.10 has them as llama_index/llms/utils.py and llama_index/embeddings/utils.py
# (0.9.48 wheel; rags calls `resolve_embed_model("default")`). None gives a mock model.
DEFAULT_RESOLVERS: dict[str, str] = {
    "llama_index.core.llms.utils.resolve_llm": "LLM",
    "llama_index.llms.utils.resolve_llm": "LLM",
    "llama_index.core.embeddings.utils.resolve_embed_model": "embedding model",
    "llama_index.core.embeddings.resolve_embed_model": "embedding model",
    "llama_index.embeddings.utils.resolve_embed_model": "embedding model",
    "llama_index.embeddings.resolve_embed_model": "embedding model",
}

# What falls back on LlamaIndex's default models when no model is passed: in
# llama-index>=0.10 `Settings.llm` / `Settings.embed_model` (core/settings.py: unset, each
# resolves "default", which builds `OpenAI()` / `OpenAIEmbedding()`: gpt-3.5-turbo and
# text-embedding-ada-002 with OPENAI_API_KEY), before 0.10 the default ServiceContext (which
# `set_global_service_context(...)` replaces). Each entry: the settings it reads, keyed by
# what the call's qualified name ends with (any module under `llama_index`), or for the
# methods every index has, by method name. The keywords that pass a model instead follow.
DEFAULT_USERS: dict[str, tuple[str, ...]] = {
    "VectorStoreIndex": ("embed_model",),  # built from nodes: embeds them
    "VectorStoreIndex.from_documents": ("embed_model",),
    "VectorStoreIndex.from_vector_store": ("embed_model",),  # embeds each query
    "load_index_from_storage": ("embed_model",),  # a vector index: embeds each query
    "KeywordTableIndex.from_documents": ("llm",),  # extracts keywords with the LLM
    "TreeIndex.from_documents": ("llm",),  # summarises with the LLM
    "DocumentSummaryIndex.from_documents": ("llm", "embed_model"),
    "KnowledgeGraphIndex.from_documents": ("llm", "embed_model"),
    "PropertyGraphIndex.from_documents": ("llm", "embed_model"),
    "ReActAgent": ("llm",),
    "ReActAgent.from_tools": ("llm",),
    "FunctionAgent": ("llm",),
    "FunctionCallingAgent.from_tools": ("llm",),
    "AgentWorkflow.from_tools_or_functions": ("llm",),
    "RetrieverQueryEngine.from_args": ("llm",),
    "SubQuestionQueryEngine.from_defaults": ("llm",),
    "CondensePlusContextChatEngine.from_defaults": ("llm",),
    "CondenseQuestionChatEngine.from_defaults": ("llm",),
    "ContextChatEngine.from_defaults": ("llm",),
    "SimpleChatEngine.from_defaults": ("llm",),
    "get_response_synthesizer": ("llm",),
}
# `Settings.llm` / `Settings.embed_model` read (`Settings.llm.complete(...)`): the default
# itself, by attribute
DEFAULT_SETTINGS: dict[str, tuple[str, ...]] = {"llm": ("llm",), "embed_model": ("embed_model",)}
DEFAULT_USER_METHODS: dict[str, tuple[str, ...]] = {
    "as_query_engine": ("llm",),
    "as_chat_engine": ("llm",),
}
# the keyword arguments that give such a call its own model, by the setting they replace
# (`service_context=` of llama-index<0.10 carries both)
DEFAULT_OVERRIDES: dict[str, tuple[str, ...]] = {
    "llm": ("llm", "service_context"),
    "embed_model": ("embed_model", "service_context"),
}
# A file that may use the defaults, and one that sets them, as screening finds them in its
# bytes (a module setting a default sets it for the modules importing it: `Screened.of`):
# `Settings.llm = ...`, `Settings.embed_model = ...`,
# `set_global_service_context(...)` (both). Coarse on purpose: the rule decides.
# Each expression starts with a literal and is searched on its own (`uses_default`): `re`
# finds a leading literal by skipping ahead to it, where the alternation of them all was
# tried at every position whose character starts one of them (twice the time on the
# LlamaIndex checkout's notebooks, whose JSON is mostly outputs), and grouped prefixes,
# `(?:A|B)Index`, were 7 times slower still on LlamaIndex's own 3,700 modules.
_DEFAULT_USE_EXPRESSIONS = (
    rb"\.as_query_engine\(",
    rb"\.as_chat_engine\(",
    rb"VectorStoreIndex(?:\.from_\w+)?\(",
    rb"load_index_from_storage\(",
    rb"KeywordTableIndex\.from_documents\(",
    rb"TreeIndex\.from_documents\(",
    rb"DocumentSummaryIndex\.from_documents\(",
    rb"KnowledgeGraphIndex\.from_documents\(",
    rb"PropertyGraphIndex\.from_documents\(",
    # a call on the default (`Settings.llm.complete(`): what ML612 reports; a bare
    # read (`llm or Settings.llm`, LlamaIndex's own modules) is not a use of it
    rb"Settings\.(?:llm|embed_model)(?:\.\w+)+\s*\(",
    rb"ReActAgent(?:\.from_tools)?\(",
    rb"FunctionAgent(?:\.from_tools)?\(",
    rb"FunctionCallingAgent\.from_tools\(",
    rb"AgentWorkflow\.from_tools_or_functions\(",
    rb"QueryEngine\.from_(?:defaults|args)\(",
    rb"ChatEngine\.from_(?:defaults|args)\(",
    rb"get_response_synthesizer\(",
    # llama-index<0.10: starts from the global service context where one is set
    # (ML612 says nothing of a model that context gives), so its module is read as
    # one using the defaults is
    rb"ServiceContext\.from_defaults\(",
)


@functools.cache
def default_use() -> tuple[re.Pattern[bytes], ...]:
    """The expressions of a call that may use a default model, compiled when first asked
    (most runs never search a file naming LlamaIndex)."""
    return tuple(re.compile(e) for e in _DEFAULT_USE_EXPRESSIONS)


@functools.cache
def default_use_text() -> tuple[re.Pattern[str], ...]:
    """`default_use`, for a text."""
    return tuple(re.compile(e.decode()) for e in _DEFAULT_USE_EXPRESSIONS)


def uses_default(data: bytes) -> bool:
    """Whether bytes hold a call that may use a default model (`default_use`)."""
    return any(e.search(data) is not None for e in default_use())


def uses_default_text(text: str) -> bool:
    """`uses_default` of a text."""
    return any(e.search(text) is not None for e in default_use_text())


# (the engine takes a match only where it starts a line: not in a comment)
SETS = rb"(?:%s)\.%s\s*=(?!=)"
SETS_BOTH = re.compile(rb"set_global_service_context\(")
# `from llama_index.core import Settings as S`: the name a module gives the settings
SETTINGS_ALIAS = re.compile(rb"Settings\s+as\s+(\w+)")

# Which requirement brings the classes that ML611 rewrites, and so needs which OpenAI-like
# package beside it once they are rewritten (rule ML613): normalised project name -> (the
# first release that brings them, () for every release; the packages to add). Checked on the
# METADATA of the PyPI wheels: the `llama-index` meta-package 0.10.0 declares
# `Requires-Dist: llama-index-llms-openai (>=0.1.0,<0.2.0)` and
# `llama-index-embeddings-openai (>=0.1.0,<0.2.0)`, 0.14.25 `llama-index-llms-openai<0.8,>=0.7.0`
# and `llama-index-embeddings-openai<0.7,>=0.6.0`; neither declares an OpenAI-like package.
# llama-index 0.9.48 is one package that ships llama_index/llms/openai_like.py itself, so
# releases before 0.10 need nothing added. llama-index-llms-openai-like 0.8.1 declares
# `llama-index-llms-openai<0.9,>=0.8.0` and llama-index-embeddings-openai-like 0.4.0
# `llama-index-embeddings-openai<0.7,>=0.6.0` (each builds on its OpenAI package).
REQUIREMENTS_NEEDED: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "llama-index": ((0, 10), (LLM_REQUIREMENT, EMBEDDING_REQUIREMENT)),
    "llama-index-llms-openai": ((), (LLM_REQUIREMENT,)),
    "llama-index-embeddings-openai": ((), (EMBEDDING_REQUIREMENT,)),
}

# Which releases go with which llama-index-core line (its minor release: (0, 12) is 0.12.x), so
# that the OpenAI-like package ML613 adds installs beside a pinned LlamaIndex. Source: PyPI
# requires_dist (the `Requires-Dist` of every release's wheel METADATA, as listed on
# pypi.org/simple), checked 2026-12-02. Each range is [first, beyond): the releases of that
# line, no other.
Line = tuple[int, int]
Releases = tuple[tuple[int, ...], tuple[int, ...]]

# A listed package -> the releases of it that need each core line. llama-index X.Y requires
# llama-index-core X.Y.*, except 0.14.0 (`llama-index-core<0.15,>=0.13.6`). llms-openai 0.1
# requires core 0.10, 0.2 core 0.11, 0.3 and 0.4 core 0.12, 0.5.0 to 0.5.5 core 0.13, 0.5.6
# and 0.6.0 `>=0.13.0,<0.15`, 0.6.1 to 0.8.3 core 0.14 (`>=0.14.3` or `>=0.14.5`, `<0.15`);
# embeddings-openai 0.1 core 0.10, 0.2 core 0.11, 0.3 core 0.12 (no 0.4 was released), 0.5.0
# core 0.13, 0.5.1 to 0.7.0 `>=0.13.0,<0.15`. A requirement that admits a release from the
# last `beyond` on (a newer line, not checked here) pins nothing.
CORE_LINE_RELEASES: dict[str, dict[Line, Releases]] = {
    "llama-index-core": {(0, m): ((0, m), (0, m + 1)) for m in range(10, 15)},
    "llama-index": {
        (0, 10): ((0, 10), (0, 11)),
        (0, 11): ((0, 11), (0, 12)),
        (0, 12): ((0, 12), (0, 13)),
        (0, 13): ((0, 13), (0, 14, 1)),
        (0, 14): ((0, 14), (0, 15)),
    },
    "llama-index-llms-openai": {
        (0, 10): ((0, 1), (0, 2)),
        (0, 11): ((0, 2), (0, 3)),
        (0, 12): ((0, 3), (0, 5)),
        (0, 13): ((0, 5), (0, 6, 1)),
        (0, 14): ((0, 5, 6), (0, 9)),
    },
    "llama-index-embeddings-openai": {
        (0, 10): ((0, 1), (0, 2)),
        (0, 11): ((0, 2), (0, 3)),
        (0, 12): ((0, 3), (0, 4)),
        (0, 13): ((0, 5), (0, 8)),
        (0, 14): ((0, 5, 1), (0, 8)),
    },
}

# An OpenAI-like package -> its releases that work with each core line; a line missing here
# has none. llms-openai-like 0.1.0 requires `llama-index-core==0.10.0`, 0.1.1 to 0.1.3
# `>=0.10.1,<0.11.0`, 0.2.0 `>=0.11.0,<0.12.0`, 0.3.0 to 0.4.0 `>=0.12.0,<0.13.0`, 0.5.0
# `>=0.13.0,<0.14`, 0.5.1 `>=0.13.0,<0.15`, 0.5.2 to 0.8.1 `>=0.14.3,<0.15`.
# embeddings-openai-like declares no core: 0.1.0 to 0.2.0 require
# `llama-index-embeddings-openai>=0.3.0,<0.4` (core 0.12), 0.2.1 to 0.3.0 `>=0.5.0,<0.6`,
# 0.3.1 and 0.4.0 `>=0.6.0,<0.7` (core 0.13 and 0.14): none works with core 0.10 or 0.11.
# The newest line ends below the next minor release of the package (0.9, 0.5), not checked.
# (0.0.1 and 0.0.2 of llms-openai-like were previews for llama-index-core 0.9.)
OPENAI_LIKE_RELEASES: dict[str, dict[Line, Releases]] = {
    LLM_REQUIREMENT: {
        (0, 10): ((0, 1), (0, 2)),
        (0, 11): ((0, 2), (0, 3)),
        (0, 12): ((0, 3), (0, 5)),
        (0, 13): ((0, 5), (0, 5, 2)),
        (0, 14): ((0, 5, 1), (0, 9)),
    },
    EMBEDDING_REQUIREMENT: {
        (0, 12): ((0, 1), (0, 2, 1)),
        (0, 13): ((0, 2, 1), (0, 5)),
        (0, 14): ((0, 2, 1), (0, 5)),
    },
}


# What in a module's bytes (or a notebook's) says that the migrated code imports an OpenAI-like
# class, so that its package is needed (ML613): it does already (`OpenAILike`,
# `OpenAILikeEmbedding`), or it builds one of the classes ML611 rewrites to them: LlamaIndex's
# `OpenAIEmbedding(...)` (also under an alias, or by its module path), and `OpenAI(...)` where
# the module imports `OpenAI` from a llama_index module. An import alone, which apply leaves,
# needs nothing. Searched only in files that name llama_index. Each expression starts with
# its literal (`\bword` written `word(?<=\bword)`): `re` then finds it in C, where a leading
# `\b` or alternation is tried at every position (20 times slower on LlamaIndex's files).
USES_LLM_LIKE = (
    re.compile(rb"OpenAILike(?<=\bOpenAILike)\b"),
    re.compile(rb"llama_index(?<=\bllama_index)\.llms(?:\.openai)?\.OpenAI\s*\("),
)
IMPORTS_LLM = re.compile(
    rb"from(?<=\bfrom)[ \t]+llama_index[\w.]*[ \t]+import[ \t]+"
    rb"(?:\([^)]*|[^\n(]*)\bOpenAI\b(?![\w.])"
)
BUILDS_LLM = re.compile(rb"OpenAI(?<=\bOpenAI)(?:\s*\(|[ \t]+as[ \t])")
USES_EMBEDDING_LIKE = re.compile(
    rb"OpenAI(?<=\bOpenAI)(?:LikeEmbedding\b|Embedding(?:\s*\(|[ \t]+as[ \t]))"
)


def needed_requirement_words() -> tuple[str, ...]:
    """Words (lowercase) of which a text holds one, in any case, wherever
    `needed_requirement_pattern` matches: the first part of each name, which no spelling
    changes."""
    return tuple(sorted({name.split("-")[0].lower() for name in REQUIREMENTS_NEEDED}))


def needed_requirement_pattern() -> str:
    """A regular expression (case-insensitive) that finds each requirement of
    `REQUIREMENTS_NEEDED` however its name is spelled (`Llama_Index`: names compare after
    PEP 503 normalisation), and no other name (`llama-index-core`,
    `llama-index-llms-openai-like`) nor prose (`description = "llama-index agent"`): after
    the name comes what may follow it in a requirement (extras, a version, a marker, a URL,
    an option, a comment), the end of a string or line, or a TOML key's `=`."""
    names = sorted(REQUIREMENTS_NEEDED, key=len, reverse=True)
    spelled = "|".join("[-_.]+".join(re.escape(p) for p in n.split("-")) for n in names)
    return rf"(?i:\b(?:{spelled})(?![-_.]*[a-z0-9])(?=[ \t]*(?:[\[(<>=!~;@\"',#\\\r\n-]|$)))"
