"""What the files of a project tell the rules about the project.

The engine learns them while it screens the files, before any is examined, from each file's
bytes (`facts_of`, as bits a forked process sends back cheaply), joins them per project
(`Projects`: a run may hold many independent ones, a directory of apps each with its own
requirements), and hands each file's rules its project's (`RuleContext.facts`): a module
that calls the openai<1.0 API reads its settings from whichever module of the project sets
them, a LlamaIndex default model no file sets is OpenAI's, crewAI and Semantic Kernel read
variables from a `.env` of the project, a model setting may reach the litellm a module of
the project calls, a key handed to a class of the project may reach the OpenAI URL another
module holds.
"""

from __future__ import annotations

import ast
import functools
import itertools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from migrate_llm import openai_sdk as sdk
from migrate_llm.azure_endpoints import FIELD_READ
from migrate_llm.base_fields import BaseEntry
from migrate_llm.built_key_reads import BuiltRead, built_fields, may_build
from migrate_llm.caller_models import CallerModel, may_pass_model
from migrate_llm.config_tables import TableDefault, holds_table
from migrate_llm.crewai_agent_configs import AgentConfig
from migrate_llm.env_model_defaults import EnvDefault, may_default
from migrate_llm.env_read_calls import (
    LOOKUP_CALL,
    LOOKUP_CALLED,
    LOOKUP_TAILS,
    reader_imported,
    reads_any,
)
from migrate_llm.env_readers import EnvReader
from migrate_llm.file_models import FileModel, names_model
from migrate_llm.file_settings import FileSetting, reads_file_setting
from migrate_llm.foreign_key_calls import ForeignKeyCall
from migrate_llm.formats import FORMATS, FormatError
from migrate_llm.formats.notebook import read_notebook
from migrate_llm.framework_heirs import FrameworkHeir
from migrate_llm.frameworks import agno, crewai, dspy
from migrate_llm.frameworks import instructor as ins
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.frameworks import marvin as mv
from migrate_llm.frameworks import open_interpreter as oi
from migrate_llm.frameworks import pydantic_ai as pai
from migrate_llm.frameworks import semantic_kernel as sk
from migrate_llm.frameworks import smolagents as smol
from migrate_llm.frameworks import tokenizers as tok
from migrate_llm.frameworks import txtai as fw_txtai
from migrate_llm.frameworks.libraries import CONFIGURED
from migrate_llm.frameworks.local_servers import LOCAL_CLIENT_WORDS, local_host
from migrate_llm.frameworks.pins import (
    FIRST_OPENAI_V1,
    OPENAI_V0_BUILDERS,
    OPENAI_V0_CLASSES,
    OPENAI_V0_LIBRARIES,
    OPENAI_V0_ONLY_DEPENDENCIES,
    OPENAI_V0_PARTS,
    REPLACED_FOR_OPENAI_V1,
)
from migrate_llm.graphrag_settings import GraphragSettings
from migrate_llm.heir_models import HeirModel
from migrate_llm.held_settings import HeldField
from migrate_llm.import_reach import Imported, ImportGraph, imported_of, imports_any
from migrate_llm.key_imports import KeyImport
from migrate_llm.label_params import LabelParam
from migrate_llm.lazy_proxies import LazyProxy, may_proxy
from migrate_llm.lm_subclasses import LmSubclass, may_derive
from migrate_llm.model_registry import RegisteredModel, may_register
from migrate_llm.model_table_keys import TABLE_KINDS, ModelKey, keys_models
from migrate_llm.model_tables import ModelTable, may_key_models
from migrate_llm.module_requests import ModuleRequest, may_request
from migrate_llm.notebook_code import build
from migrate_llm.patched_clients import may_patch
from migrate_llm.prefilter import SETTINGS_TO_CLASS
from migrate_llm.provider_factories import ProviderFactory
from migrate_llm.rare_bytes import literal_search, rare_pair, whole_search
from migrate_llm.raw_key_callers import RawKeyCaller
from migrate_llm.registry import litellm_tool_turns_filled
from migrate_llm.reread import read_once
from migrate_llm.sent_sizes import SentSize
from migrate_llm.service_names import ServiceName, may_name_services
from migrate_llm.shared_key_defaults import SharedKeyDefault
from migrate_llm.stand_in_writes import StandInWrite
from migrate_llm.stand_in_writes import may_remove as may_remove_key
from migrate_llm.stand_in_writes import may_write as may_write_key
from migrate_llm.switched_fields import may_switch, switched_fields
from migrate_llm.textio import UnreadableFile, python_parsed, text_of
from migrate_llm.thinking_off_callees import Callee
from migrate_llm.tiktoken_cache import file_sets_cache
from migrate_llm.v0_settings import V0Setting
from migrate_llm.wrapper_params import WrapperParam, may_hand_on

_DEFAULT_MODELS = frozenset({"llm", "embed_model"})
Search = Callable[[bytes], "re.Match[bytes] | None"]


def _literal(needle: bytes) -> Search:
    """The search for `needle` in a file's bytes: most files lack every one the facts look
    for, and lack the rare character most of them hold (`rare_bytes`)."""
    return literal_search(needle)


_HOLDS = {
    needle: _literal(needle)
    for needle in (
        b"openai:", b"_tokens", b"requests", b"aiohttp", b"BaseSettings", b"_API_KEY",
        b"llama_index", b"OPENAI", b"OpenAI", b"openai", b"litellm", b"LiteLLM",
        b"instructor", b"interpreter", b"txtai",
    )
}  # fmt: skip
# the names of the files of a project setting pydantic_evals' default judge model, and the
# (name, kind) of those loading a dataset without setting it (`with_judge_imports`)
Judging = tuple[list[str], list[tuple[str, str]]]

# What screening learns of a file for its project (`Screening.facts`, bits): it sets
# openai's module configuration; it sets LlamaIndex's default LLM / embedding model; it is
# a Python module or notebook naming LlamaIndex and calling what may use its default models
# (`li.uses_default`), not worth examining otherwise (then, when no file of its project sets a
# default, it is examined, with the digest screening took of its bytes); it
# imports crewAI; it is a .env setting crewAI's default model; it imports Semantic Kernel; it
# calls litellm with a model; its migrated code imports LlamaIndex's OpenAILike /
# OpenAILikeEmbedding (`li.USES_LLM_LIKE`...); it is a requirements file (`pyproject.toml`,
# `setup.cfg`) that pins llama-index below the release whose OpenAIAgent reads the LLM's
# metadata (`li.FIRST_AGENT_BY_METADATA`); one that pins agno below the release that renamed
# its structured-outputs field (`agno.FIRST_NATIVE_OUTPUTS`); it imports pydantic-ai (or a
# library handing it model strings: `pai.PREFIXED`); it pins crewai below the release with
# its own DeepSeek and DashScope routes (`crewai.FIRST_COMPATIBLE_ROUTES`), or at it or above;
# it imports pydantic-ai (or the like) and calls `set_default_judge_model(` (pydantic_evals);
# it is a Python module holding an OpenAI URL with an API path (`endpoint_urls`); it is a
# Python module or a notebook the rules read (not every one: most of a large tree tell
# nothing, and are passed over at once); it is a Python module, notebook or JavaScript module
# that uses an OpenAI client (`_uses_openai_client`); it is one that names the part of a
# package calling the removed openai API (`pins.OPENAI_V0_PARTS`, its `word`; a bit per
# package, `NAMES_PART`); it defines a pydantic settings class with a field named after
# OpenAI's key variable (`openai_api_key: str`, `_OPENAI_SETTINGS_FIELD`); it is a requirements
# file that keeps the project on openai<1 after apply (`dependency_pin.keeps_openai_0`); it
# sets LlamaIndex's default LLM / embedding model only inside a function (`llamaindex_settings`);
# it is a Python module setting a `*_API_KEY` variable under a name computed at run time
# (`_COMPUTED_KEY_WRITE`); it is a requirements file pinning langchain-openai below the release
# whose OpenAIEmbeddings takes `check_embedding_ctx_length` (`lc.FIRST_TEXT_EMBEDDINGS`); it
# pins crewai below `crewai.FIRST_1` (its default model, no litellm extra), or at it or above;
# it requires crewai without its litellm extra, or it requires that extra or litellm itself;
# it imports pydantic-ai (or the like) and loads a pydantic-evals dataset without setting the
# default judge model itself (`pai.LOADS_DATASET`; cleared for the project where each such
# module imports one that sets it: `with_judge_imports`); it is a requirements file pinning
# langchain below the release whose chat, embeddings or text class takes `openai_api_base`
# (`lc.BASE_URL_SINCE`, a bit for each kind: a pin below the first sets all three); it imports
# marvin and sets its default model (`marvin.defaults.model = ...`, `mv.SETS_MODEL`), or
# imports marvin and does not; it imports marvin and overrides its default model for a block
# (`override_defaults(model=...)`: in a `conftest.py`, a fixture doing it for the tests,
# `mv.OVERRIDES_MODEL`). These three count for each module apart (`marvin_set_for`). It is
# a requirements file pinning langchain-openai below the release whose ChatOpenAI asks for
# structured outputs by json_schema (`lc.FIRST_JSON_SCHEMA_DEFAULT`); it is a Python module
# or a notebook holding an `openai:` model string of a chat model (`holds_openai_route`). It
# is a requirements file requiring the package of a route of LangChain's init_chat_model
# (`lc.ROUTE_PACKAGES`: langchain-openai, langchain-deepseek), a bit per route.
SETS_OPENAI, SETS_LLM, SETS_EMBED_MODEL, MAY_USE_LLAMAINDEX_DEFAULT = 1, 2, 4, 8
IMPORTS_CREWAI, SETS_CREWAI_MODEL, IMPORTS_SEMANTIC_KERNEL, CALLS_LITELLM = 16, 32, 64, 128
NEEDS_LLM_LIKE, NEEDS_EMBEDDING_LIKE, PINS_NAME_CHECKING_AGENT = 256, 512, 1024
PINS_OLD_AGNO, IMPORTS_PYDANTIC_AI, PINS_OLD_CREWAI, PINS_NEW_CREWAI = 2048, 4096, 8192, 16384
SETS_JUDGE_MODEL, HOLDS_OPENAI_ENDPOINT, HOLDS_CODE = 32768, 65536, 131072
USES_OPENAI_CLIENT, DEFINES_OPENAI_SETTINGS_FIELD, KEEPS_OPENAI_V0 = 262144, 524288, 1048576
SETS_LLM_LATER, SETS_EMBED_MODEL_LATER, WRITES_COMPUTED_KEY = 2097152, 4194304, 8388608
PINS_OLD_LANGCHAIN_OPENAI, PINS_CREWAI_0, PINS_CREWAI_1 = 16777216, 33554432, 67108864
REQUIRES_CREWAI_ALONE, REQUIRES_LITELLM = 134217728, 268435456
LOADS_DATASET_UNJUDGED = 536870912
PINS_LANGCHAIN_WITHOUT_BASE_URL = {"chat": 1073741824, "embeddings": 2147483648, "llm": 4294967296}
PINS_OLD_LANGCHAIN = sum(PINS_LANGCHAIN_WITHOUT_BASE_URL.values())
SETS_MARVIN_MODEL, MARVIN_MODEL_UNSET = 8589934592, 17179869184
OVERRIDES_MARVIN_MODEL = 34359738368
PINS_FUNCTION_CALLING_OUTPUT, HOLDS_OPENAI_ROUTE = 68719476736, 137438953472
MARVIN_BITS = SETS_MARVIN_MODEL | MARVIN_MODEL_UNSET | OVERRIDES_MARVIN_MODEL
REQUIRES_LANGCHAIN_ROUTE = {name: 274877906944 << i for i, name in enumerate(lc.ROUTE_PACKAGES)}
_ROUTES_END = 274877906944 << len(REQUIRES_LANGCHAIN_ROUTE)
# a Python module or notebook imports a library configured with a dict (a bit per library of
# `CONFIGURED`: mem0, embedchain, scrapegraphai)
IMPORTS_CONFIGURED = {library.module: _ROUTES_END << i for i, library in enumerate(CONFIGURED)}
_FIRST_PART = _ROUTES_END << len(IMPORTS_CONFIGURED)
_WORDED = tuple((name, part.word) for name, part in OPENAI_V0_PARTS.items() if part.word)
NAMES_PART = {name: _FIRST_PART << i for i, (name, _) in enumerate(_WORDED)}
# a Python module or notebook names an `openai:` chat model as a value, not a dict's key
# (a table's keys name no model a call builds), one OpenAI's file says thinks (`openai:o3`) or
# one that does not (`openai:gpt-4.1`): ML118, ML605
NAMES_THINKING_ROUTE = _FIRST_PART << len(NAMES_PART)
NAMES_PLAIN_ROUTE = NAMES_THINKING_ROUTE << 1
# a Python module or notebook names a model string of a provider's own route as a value
# (`"deepseek:deepseek-flash"`, as ML204 writes it), a bit per route of `lc.INIT_ROUTES`: ML118
NAMES_ROUTE = {name: NAMES_PLAIN_ROUTE << 1 << i for i, name in enumerate(lc.INIT_ROUTES)}
# a Python module may hold an object of a dict class built from a table of defaults, or a
# setting bound at its level to a URL, or OpenAI's key or base URL read from a settings file
# (`config_tables.holds_table`): read again where its project uses an OpenAI client (ML003,
# ML502)
HOLDS_CONFIG_TABLE = NAMES_PLAIN_ROUTE << 1 << len(NAMES_ROUTE)
# a Python module or notebook worth examining names a LangChain function reading a provider
# setting beside a model (`lc.PROVIDER_READERS`: init_chat_model, init_embeddings): ML204
NAMES_PROVIDER_READER = HOLDS_CONFIG_TABLE << 1
# a requirements file pins openai 1.x below the release whose create() takes
# max_completion_tokens= (1.45.0: `sdk.KEYWORD_SINCE`), a pin apply leaves: ML112
PINS_OPENAI_BEFORE_COMPLETION_TOKENS = NAMES_PROVIDER_READER << 1
# a Python module imports a package openai<1 installed and openai>=1 does not
# (`pins.OPENAI_V0_ONLY_DEPENDENCIES`), a bit per package: ML504
IMPORTS_V0_DEPENDENCY = {
    name: PINS_OPENAI_BEFORE_COMPLETION_TOKENS << 1 << i
    for i, name in enumerate(OPENAI_V0_ONLY_DEPENDENCIES)
}
# a Python module reads OpenAI's key variable and builds a class named like OpenAI that no
# table knows (`_keeps_openai_key`): ML401 may leave that read, so ML501 keeps the variable;
# the engine clears it where ML401 leaves none (`key_left`, the flagged modules read again)
KEEPS_OPENAI_KEY = PINS_OPENAI_BEFORE_COMPLETION_TOKENS << 1 << len(IMPORTS_V0_DEPENDENCY)
# a Python module or notebook worth examining names max_tokens or max_completion_tokens as a
# keyword, an attribute set or a dict's key (`_TOKEN_LIMIT`): ML112 may rename it to
# max_completion_tokens, which openai<1.45.0 rejects, so ML504 raises the openai requirement
NAMES_TOKEN_LIMIT = KEEPS_OPENAI_KEY << 1
# a requirements file requires openai with a specifier admitting releases below
# 1.45.0 (`sdk.KEYWORD_SINCE`) that ML504 may raise (`openai>=1.3.5`, `openai`,
# `openai==0.28.1`; not one capped below it: `PINS_OPENAI_BEFORE_COMPLETION_TOKENS`): ML112
ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS = NAMES_TOKEN_LIMIT << 1
# a Python module using an OpenAI client may define a function handing a parameter on to a
# request (`wrapper_params.may_hand_on`): read again for the modules importing it (ML204, ML111)
HANDS_ON = ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS << 1
# a requirements file pins instructor to releases whose `OpenAISchema.from_response` given no
# mode reads a response to the legacy `functions=` (below `ins.FROM_RESPONSE_TOOLS_SINCE`, or
# from `ins.TOOLS_READS_FUNCTION_CALL_SINCE` on): ML654
PINS_INSTRUCTOR_READING_FUNCTION_CALL = HANDS_ON << 1
# a Python module the rules read may read an environment variable with a model id as its
# default (`env_model_defaults.may_default`): read again where its project uses an OpenAI
# client, for the modules testing a model against their collections (ML205)
DEFAULTS_ENV_MODEL = PINS_INSTRUCTOR_READING_FUNCTION_CALL << 1
# a Python module defines a class field whose default reads OpenAI's key variable, or stores a
# value in that variable (`_OPENAI_KEY_FIELD`, `_OPENAI_KEY_STORE`), or a class field holding
# OpenAI's URL or a settings field named after its key variable (`switched_fields`): read again
# for the names of the key fields and the modules storing it (`key_flow_of`: ML003, ML404,
# ML601, ML304)
MOVES_OPENAI_KEY = DEFAULTS_ENV_MODEL << 1
# a Python module reads an attribute named like one of OpenAI's base-URL variables
# (`settings.OPENAI_API_BASE`, `azure_endpoints.FIELD_READ`): read again for the settings its
# project gives only as the endpoint of an Azure client apply leaves (`azure_endpoint_fields`)
READS_BASE_URL_FIELD = MOVES_OPENAI_KEY << 1
# a Python module or notebook may make a request through openai's module-level client
# (`module_requests.may_request`): read again for its requests (ML102)
REQUESTS_MODULE_CLIENT = READS_BASE_URL_FIELD << 1
# a Python module or notebook passes instructor a mode (`ins.PASSES_MODE`), which needs
# instructor>=0.4.0: ML504 advises that release where openai-function-call is replaced
PASSES_INSTRUCTOR_MODE = REQUESTS_MODULE_CLIENT << 1
# a YAML, TOML or JSON file worth examining may hold a key that is an OpenAI model id
# (`model_table_keys.keys_models`): read again, where the run switches provider and its
# project uses an OpenAI client, for the keys of its tables keyed by model (ML204); or a Python
# module worth examining may key a dict display by one (`model_tables.may_key_models`): read
# again, where the run switches provider, for its top-level tables (ML204)
KEYS_OPENAI_MODEL = PASSES_INSTRUCTOR_MODE << 1
# a requirements file pins tiktoken below the release that brought o200k_base
# (`tokenizers.FIRST_WITH_ENCODING`): ML207 advises cl100k_base
PINS_TIKTOKEN_BEFORE_ENCODING = KEYS_OPENAI_MODEL << 1
# a Python module may double or read a module's OpenAI client class (`patch("app.llm.OpenAI")`,
# `patched_clients.may_patch`): read again for those names (ML001, ML002)
PATCHES_CLIENT = PINS_TIKTOKEN_BEFORE_ENCODING << 1
# a Python module names "openai" in quotes (`service_names.may_name_services`): read again, where
# the run switches provider, for the service names its code picks clients by (ML204, ML501)
NAMES_SERVICES = PATCHES_CLIENT << 1
# a Python module may define a class deriving from DSPy's legacy OpenAI class
# (`lm_subclasses.may_derive`): read again for those classes, whose constructions in the
# project's other modules ML640 checks
DERIVES_LM_CLASS = NAMES_SERVICES << 1
# a Python module may define a lazy stand-in for litellm (`lazy_proxies.may_proxy`: aider's
# `litellm = LazyLiteLLM()`): read again for it, so the modules importing it call litellm
PROXIES_LIBRARY = DERIVES_LM_CLASS << 1
# a Python module may register models (`register(Chat("gpt-4o"))`, a dict of constructions
# keyed by model: `model_registry.may_register`), whether or not the rules read it: read again,
# where the run switches provider, for the ids its program registers (ML204)
REGISTERS_MODELS = PROXIES_LIBRARY << 1
# in a run moving to another provider (`key_request_facts`): a Python module the prefilter
# rules out holds a header sending a key (`sends_key_header`: `"Bearer ` in any case, a quoted
# `"api-key"`): a raw request of it may send that key to the provider's URL (ML403, which
# reads it where the module holds such a URL, names a chat path, or takes its URL from a
# project module holding one); it names a chat path (`sdk.CHAT_PATH`); a Python module worth
# examining, or one sending a key header, holds OpenAI's host or the provider's base-URL
# variable or host (what `raw_request_keys.url_module` looks for in the module a request's
# URL comes from)
SENDS_KEY_HEADER = REGISTERS_MODELS << 1
NAMES_CHAT_PATH = SENDS_KEY_HEADER << 1
HOLDS_REQUEST_URL = NAMES_CHAT_PATH << 1
# a Python module the prefilter rules out may give a model as a parameter's default or an
# argument (`caller_models.may_pass_model`: `def main(prompt, model="kimi-k2.6")`, a migrated
# caller): read again where its project has a function sending a parameter as a request's
# model (ML115, `caller_models`)
PASSES_MODEL = HOLDS_REQUEST_URL << 1
# a Python module or notebook splits a string at its colon into a provider and a model itself
# (`llm_provider, llm_model = llm_str.split(":", 1)`, gpt-researcher's `parse_llm`): its
# `openai:` strings pick the program's own client, not LangChain's (ML204, t57a D4)
SPLITS_PROVIDER_MODEL = PASSES_MODEL << 1
# a file of any kind names tiktoken's cache variable (`sdk.TIKTOKEN_CACHE_VARIABLES`: a `.env`,
# a Dockerfile, a CI workflow, a module setting it): the project says where tiktoken's files
# are, so a module loading an encoding is ML208's note, not its warning
NAMES_TIKTOKEN_CACHE = SPLITS_PROVIDER_MODEL << 1
# a requirements file pins litellm below the first release whose provider route gives back
# the reasoning a thinking model's tool turn lacks (`TOOL_TURNS_FILLED`), a bit per route:
# ML634 reports an Agent on such a LitellmModel with tools
TOOL_TURNS_FILLED = litellm_tool_turns_filled()
PINS_LITELLM_UNFILLED = {
    prefix: NAMES_TIKTOKEN_CACHE << 1 << i for i, prefix in enumerate(TOOL_TURNS_FILLED)
}
# a Python module or notebook worth examining names an openai<1.0 resource class
# (`openai.Completion`, `openai.Embedding`: `_V0_RESOURCE`), whose uses apply moves to the v1
# clients: ML504 raises an openai requirement that admits 0.x releases (`openai`, t59f D4)
USES_OPENAI_V0 = NAMES_TIKTOKEN_CACHE << 1 << len(PINS_LITELLM_UNFILLED)
# a YAML, TOML or JSON file worth examining may hold an entry naming a model (`names_model`): read
# again, where the run switches provider and its project uses an OpenAI client, for the models
# its mappings send once migrated (ML115 reads a request's `cfg["model"]` of such a file)
NAMES_MODEL_ENTRY = USES_OPENAI_V0 << 1
# a Python module or notebook uses Open Interpreter's API (`oi.IMPORT_TEXT`), which hands its
# model to litellm (also CALLS_LITELLM): its profiles' `llm: {model: ...}` are litellm's (ML503)
USES_OPEN_INTERPRETER = NAMES_MODEL_ENTRY << 1
# a Python module or notebook imports txtai (`txtai.IMPORT_TEXT`), which hands the models of its
# application configs (`llm: {path: gpt-4o}`) to litellm (ML503)
USES_TXTAI = USES_OPEN_INTERPRETER << 1
# a Python module or notebook imports DSPy (`dspy.IMPORT`), whose `dspy.LM` hands its model to
# litellm: a lock's litellm is the one it runs on (ML641)
IMPORTS_DSPY = USES_TXTAI << 1
# a requirements file requires a package running on openai<1 only (`pins.
# OPENAI_V0_LIBRARIES`: gptcache), a bit per package: its project stays on openai<1 for good
# (ML504 leaves both pins), so apply leaves the openai<1 code of its modules there (ML302)
REQUIRES_V0_LIBRARY = {name: IMPORTS_DSPY << 1 << i for i, name in enumerate(OPENAI_V0_LIBRARIES)}
_AFTER_V0_LIBRARY = IMPORTS_DSPY << 1 << len(REQUIRES_V0_LIBRARY)
# a requirements file pins openai 1.x below the first release whose request method takes a
# keyword (`sdk.KEYWORD_SINCE`: dimensions=, reasoning_effort=), a bit per keyword: apply sends
# it in `extra_body` (ML114), ML507 advises that form (max_completion_tokens=, which ML112
# leaves unrenamed instead, has its bit: `PINS_OPENAI_BEFORE_COMPLETION_TOKENS`)
PINS_OPENAI_BEFORE_KEYWORD = {
    name: _AFTER_V0_LIBRARY << i
    for i, name in enumerate(k for k in sdk.KEYWORD_SINCE if k != sdk.MAX_COMPLETION_TOKENS)
}
# a Python module or notebook names a class of a framework that alone reaches openai<1's API
# in the framework's old releases (`pins.OPENAI_V0_CLASSES`: `from langchain.llms import
# OpenAI`), a bit per framework: ML504
NAMES_V0_CLASS = {
    name: _AFTER_V0_LIBRARY << len(PINS_OPENAI_BEFORE_KEYWORD) << i
    for i, name in enumerate(OPENAI_V0_CLASSES)
}
# in a run moving to a provider with other base-URL variables (`Provider.base_url_names`): a
# Python module or .env file names one of them or the provider's own (`base_url_names`): read
# again for the names (`base_url_names_read`)
NAMES_BASE_URL_VARIABLE = (
    _AFTER_V0_LIBRARY << len(PINS_OPENAI_BEFORE_KEYWORD) << len(NAMES_V0_CLASS)
)
# a Python module naming LangChain splits a string at its slash into a provider and a model
# (`provider, model = name.split("/", maxsplit=1)`, the `load_chat_model` of LangChain's
# LangGraph templates, chat-langchain's `make_text_encoder`): its `"openai/<model>"` strings
# build OpenAI's classes (ML204, ML605)
SPLITS_SLASH_PROVIDER = NAMES_BASE_URL_VARIABLE << 1
# a Python module or notebook names an OpenAI chat model after `openai/` (`"openai/gpt-4o-mini"`),
# calling no litellm and giving no client another service's URL (OpenRouter's ids):
# with a module splitting such strings (`SPLITS_SLASH_PROVIDER`), ML605
NAMES_SLASH_ROUTE = SPLITS_SLASH_PROVIDER << 1
# a Python module or notebook reads `openai.api_key` or the module-level client's base URL as
# a value (`OpenAI(api_key=openai.api_key)`, `key = openai.api_key`: `_MODULE_SETTING_READ`):
# what a module sets there is used, so apply renames it (ML103, ML401)
READS_MODULE_SETTING = NAMES_SLASH_ROUTE << 1
# a Python module sets the module-level client's base URL (`openai.base_url = ...`,
# `openai.api_base = ...`): a key another module sets there goes to it (ML103)
SETS_MODULE_BASE_URL = READS_MODULE_SETTING << 1
# a Python module strips a routing prefix of its own off a string and uses the rest
# (`route_prefixes`: textgrad's `get_engine` takes `"experimental:gpt-4o"` and hands
# `engine_name.split("experimental:")[1]` to litellm): the project's `"experimental:<model>"`
# strings name the OpenAI model after it (ML205, t66b)
STRIPS_ROUTE_PREFIX = SETS_MODULE_BASE_URL << 1
# a Python module may write a literal in OpenAI's key variable, or remove that variable
# (`stand_in_writes.may_write`, `may_remove`): where the run switches provider and a project
# has both, its writers are read again for the stand-ins their test code writes, which ML401
# renames a test's removal with (`stand_in_writes`, t67c)
WRITES_KEY_LITERAL = STRIPS_ROUTE_PREFIX << 1
REMOVES_OPENAI_KEY = WRITES_KEY_LITERAL << 1
# a Python module states a class deriving from pydantic's `BaseSettings` (`_STATES_SETTINGS`):
# where the run switches provider, its path and bytes are the project's `settings_bases`, the
# settings classes another module's class may derive from (ML401, t67d)
STATES_SETTINGS_CLASS = REMOVES_OPENAI_KEY << 1
# a requirements file pins langchain-openai below `lc.TOKEN_LIMIT_ALIAS_SINCE`, whose ChatOpenAI
# sends `max_tokens=` as it is (not as `max_completion_tokens`): ML601 (r3)
PINS_MAX_TOKENS_AS_IS = STATES_SETTINGS_CLASS << 1
# a Python module asks a chat model an attribute of another object holds for tools or
# structured output (`self.endpoint._llm.bind_tools(`, `_ASKS_MEMBER`): where the run switches
# provider, the project's modules building an OpenAI class in a class of theirs are read for
# it (ML111, ML604: `rules/member_values.py`), so their paths and bytes key the project's
# results (`member_holders`)
ASKS_MEMBER_MODEL = PINS_MAX_TOKENS_AS_IS << 1
# a Python module or notebook sets litellm's key process-wide (`litellm.api_key = ...`,
# `litellm.openai_key = ...`: `fw_litellm.GLOBAL_KEYS`), which litellm sends where a call's
# route finds its own variable empty: ML645 leaves the project's calls alone
SETS_LITELLM_KEY = ASKS_MEMBER_MODEL << 1
# a Python module or notebook imports the openai package itself (`import openai`, `from
# openai import OpenAI`, `_IMPORTS_OPENAI`): where none does, the project reaches openai only
# through a framework, whose old releases' classes apply points at the provider on openai<1
# (ML504: `openai_sdk_unimported`)
IMPORTS_OPENAI_SDK = SETS_LITELLM_KEY << 1
# a Python module or notebook imports or names LangChain's own OpenAIEmbeddings
# (`from langchain.embeddings import OpenAIEmbeddings`), which sends token ids: a provider
# taking none needs langchain_openai's class (ML602), which needs openai>=1 (ML504)
NAMES_V0_EMBEDDINGS = IMPORTS_OPENAI_SDK << 1
# a Python module writes litellm's `openai/` before a model itself (`adds_openai_route`:
# `f"openai/{model}"`, `"openai/" + model`, a table's `"openai/"` value, t68e's ragflow-like
# `PREFIX = {"OpenAI": "openai/"}` then `f"{PREFIX[provider]}{model_name}"`): the models its
# config files give it are sent after that prefix, so ML503 writes them bare
ADDS_OPENAI_ROUTE = NAMES_V0_EMBEDDINGS << 1
# a Python module strips litellm's `openai/` off a string and uses the rest
# (`.removeprefix("openai/")`, `.split("/", 1)`, `[len("openai/"):]`: R2R's
# `_get_async_client_and_model`): a config's `openai/<model>` is then the model an OpenAI
# client takes after it, and ML503 writes the provider's with the prefix kept
STRIPS_OPENAI_ROUTE = ADDS_OPENAI_ROUTE << 1
# a Python module gives a client a URL other than OpenAI's, or an OpenAI SDK client a base
# URL read from elsewhere (`OpenAI(base_url="https://openrouter.ai/api/v1")`: `_OTHER_BASE_URL`,
# `_CLIENT_BASE_URL`): a config's `openai/<model>` may be that service's id (OpenRouter's)
POINTS_CLIENT_ELSEWHERE = STRIPS_OPENAI_ROUTE << 1
# a Python module names one of OpenAI's variables (`OPENAI_`: a key test's), names a model
# (`model`), defines a test (`def test`): with the module's name, whether another module's
# callee may decide its results (`callee_stamps`), known without reading it again
NAMES_OPENAI_VARIABLE = POINTS_CLIENT_ELSEWHERE << 1
NAMES_MODEL_WORD = NAMES_OPENAI_VARIABLE << 1
DEFINES_TEST = NAMES_MODEL_WORD << 1
FACTS = DEFINES_TEST << 1
# (the module's name as bytes, the search for its import, its bit)
_CONFIGURED_IMPORT = tuple(
    (
        _literal(module.encode()),
        re.compile(rb"^[ \t]*\"?(?:import|from)[ \t]+" + module.encode() + rb"\b", re.MULTILINE),
        bit,
    )
    for module, bit in IMPORTS_CONFIGURED.items()
)
# each default model LlamaIndex builds, with its bits: set at a module's top level, in a function
SETTING_BITS = (
    ("llm", SETS_LLM, SETS_LLM_LATER),
    ("embed_model", SETS_EMBED_MODEL, SETS_EMBED_MODEL_LATER),
)
LATER_SETTINGS = SETS_LLM_LATER | SETS_EMBED_MODEL_LATER
_PART_WORDS = tuple((_literal(word.encode()), NAMES_PART[name]) for name, word in _WORDED)
# each framework of `OPENAI_V0_CLASSES`: its name, the search for an import of one of those
# classes, or of a name building one by default (`OPENAI_V0_BUILDERS`), from it (`from
# langchain.llms import OpenAI`, a parenthesized list too) or a dotted use of one
# (`langchain.chat_models.ChatOpenAI`), its bit
_V0_CLASS_NAMED = tuple(
    (
        _literal(name.encode()),
        re.compile(
            rb"\bfrom[ \t]+"
            + name.encode()
            + rb"(?:\.\w+)*[ \t]+import[ \t]+(?:\([^)]*|[^\n]*)\b(?:"
            + b"|".join(c.encode() for c in classes)
            + rb")\b|\b"
            + name.encode()
            + rb"(?:\.\w+)*\.(?:"
            + b"|".join(c.encode() for c in classes)
            + rb")\b"
        ),
        NAMES_V0_CLASS[name],
    )
    for name, classes in (
        (name, classes + OPENAI_V0_BUILDERS.get(name, ()))
        for name, classes in OPENAI_V0_CLASSES.items()
    )
)
# an import of the openai package or of one of its modules, at any indentation
_IMPORTS_OPENAI = re.compile(
    rb"^[ \t]*\"?(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*openai\b"
    rb"|from[ \t]+openai\b[\w.]*[ \t]+import\b)",
    re.MULTILINE,
)
# an import of LangChain's own OpenAIEmbeddings (`lc.MONOLITH_PREFIX`), or a dotted use of it
_V0_EMBEDDINGS_NAMED = re.compile(
    rb"\bfrom[ \t]+langchain(?:\.\w+)*[ \t]+import[ \t]+(?:\([^)]*|[^\n]*)\bOpenAIEmbeddings\b"
    rb"|\blangchain(?:\.\w+)*\.OpenAIEmbeddings\b"
)
_LIKE_PACKAGES = (
    (li.LLM_REQUIREMENT, NEEDS_LLM_LIKE),
    (li.EMBEDDING_REQUIREMENT, NEEDS_EMBEDDING_LIKE),
)


def _known(a: bool | None, b: bool | None) -> bool | None:
    """What two pins of crewai tell together: one that tells alone, None where they disagree
    (requirements files of one project pinning it both below and above the release)."""
    if a is None:
        return b
    return a if b is None or a == b else None


def _flag(bit: int) -> Any:
    """A field set where a file's bits hold `bit`, joined by either."""
    return field(default=False, metadata={"bit": bit})


def _named(bits: Mapping[str, int]) -> Any:
    """A field of the names of `bits` whose bit a file's bits hold, joined as a union."""
    return field(default=frozenset(), metadata={"bits": bits})


def _given() -> Any:
    """A field of what the engine learns of a project's files beside their bits (`of_bits`'s
    `given`), joined as a union."""
    return field(default=frozenset())


def _either(no: int, yes: int) -> Any:
    """A field False where a file's bits hold `no`, True where `yes`, None where neither or
    both (`_known`)."""
    return field(
        default=None,
        metadata={
            "join": _known,
            "of": lambda facts, _: _known(
                False if facts & no else None, True if facts & yes else None
            ),
        },
    )


@dataclass(frozen=True)
class RunFacts:
    """What the files of a project (`Projects`) tell of it. `openai_configured`: a Python
    file sets openai's module configuration (`openai.api_key = ...`). `llamaindex_unset`: the
    LlamaIndex default models (`llm`, `embed_model`) that neither the file told of nor a
    module of the project it imports sets at its top level, outside a function (both when
    the project is not known: a text given alone): a module's top-level setting runs only in
    a program that imports it, so it counts for that module and those importing it, not for
    an independent script beside them (`settings_apart`); `llamaindex_set_apart`: the
    (model, file name) of the modules setting one of those at their top level;
    `llamaindex_set_in`: those a file sets only inside a function, as (model, file name): a
    program runs that setting only if it calls the function, so it counts for that file and
    for the modules importing it (ML612). `crewai_project`: a module imports crewAI (its model
    variables in a .env are read by crewAI); `crewai_model_set`: a .env sets crewAI's
    default model (`MODEL=`). `semantic_kernel_project`: a module imports Semantic Kernel,
    whose OpenAI services read OPENAI_API_KEY from ./.env when given no client.
    `litellm_project`: a module calls litellm with a model (`litellm.completion(`, also
    through a stand-in: aider's, or smolagents' `LiteLLMModel(`; or uses Open Interpreter's
    API, which hands `interpreter.llm.model` to litellm: `oi.IMPORT_TEXT`), which routes a
    model without a provider prefix to OpenAI; `open_interpreter_project`: a module uses Open
    Interpreter's API (its profiles' models are litellm's, ML503); `txtai_project`: a module
    imports txtai (its application configs' models are litellm's, ML503); `dspy_project`: a
    module imports DSPy, whose `dspy.LM` hands its model to litellm (ML641);
    `openai_route_added`: a Python module writes litellm's `openai/` before a model itself
    (`adds_openai_route`), so ML503 writes its config files' models bare. `openai_client_used`: a
    Python module, notebook or JavaScript module builds an OpenAI client or calls the openai
    module's requests (`_uses_openai_client`): with `litellm_project`, a model setting of a
    config file may reach either (ML503).
    `llamaindex_like_unneeded`: the OpenAI-like LlamaIndex packages that no file's migrated
    code imports (ML613 leaves them out; none when the project is not known).
    `llamaindex_agent_by_name`: a requirements file pins llama-index below
    `li.FIRST_AGENT_BY_METADATA`, whose OpenAIAgent checks the LLM's model name (ML614).
    `agno_old_outputs_field`: a requirements file pins agno below `agno.FIRST_NATIVE_OUTPUTS`,
    whose models name the structured-outputs field `supports_structured_outputs` (ML685).
    `pydantic_ai_project`: a module imports pydantic-ai (or marvin, pydantic_evals), so an
    `openai:` model string anywhere in the project goes to OpenAI through its OpenAIProvider
    (ML671, ML503). `crewai_routes`: whether the project's crewai has its own DeepSeek and
    DashScope routes (`crewai.FIRST_COMPATIBLE_ROUTES`): True or False where a requirements
    file pins it so (every release it admits) or, where none does, the project's uv.lock
    locks it so (`with_locked_crewai`), None where none tells (ML690, ML503). `crewai_1`
    likewise, whether it is crewai 1.0 or later (`crewai.FIRST_1`: its default model, the
    `litellm` extra; ML690, ML503). `crewai_litellm_missing_in`: the requirements files
    (names as shown) requiring crewai without its `litellm` extra, where no requirements
    file of the project requires that extra or litellm and its uv.lock (where read) locks no
    litellm: crewai>=1.0 then cannot load a model on litellm's route (ML690, ML503).
    `judge_model_set`: a module calls pydantic_evals' `set_default_judge_model(...)` (its
    judges given no model use that one: ML671); `dataset_loaded_unjudged`: a module loads a
    dataset (`Dataset.from_file(...)`) without calling it or importing a module of the
    project that does (`with_judge_imports`), so its judges given no model may still use
    the OpenAI default (ML672). `marvin_model_set`: the module imports a module of the
    project that sets marvin's default model (`marvin.defaults.model = ...`), or is a test
    under a `conftest.py` that sets or overrides it (`marvin_set_for`): its agents given no
    model use that one (ML671). `openai_endpoint_held`: a Python module
    holds an OpenAI URL with an API path (`https://api.openai.com/v1/chat/completions`,
    ML402 leaves it): a key handed to a class or function of the project may be sent there
    (ML401). `openai_route_stripped`, `client_elsewhere`: a Python module strips `openai/`
    off a string (`STRIPS_OPENAI_ROUTE`), gives a client a URL not OpenAI's
    (`POINTS_CLIENT_ELSEWHERE`): where ML503 may keep a config's `openai/` prefix on the
    provider's model, or must leave it (another service's id). `openai_parts_unused`: the
    packages of `pins.OPENAI_V0_PARTS` whose part no
    Python module or notebook of the project names (ML504; none when the rules read no code
    of the project: a requirements file checked alone). `openai_classes_unnamed`: likewise,
    the frameworks of `pins.OPENAI_V0_CLASSES` none of whose openai<1 classes (nor a name
    building one by default: `pins.OPENAI_V0_BUILDERS`) a module or notebook of the project
    imports or names (ML504). `openai_sdk_unimported`: the rules read modules of the project
    and none imports the openai package itself (only a framework reaches it: ML504).
    `v0_embeddings_named`: a module names LangChain's own OpenAIEmbeddings (ML504).
    `openai_settings_field`: a module
    defines a pydantic settings class with a field named after OpenAI's key variable
    (`openai_api_key: str`), which ML401 makes read the provider's: `settings.openai_api_key`
    then holds the provider's key (`clients.openai_named`). `openai_v0_used`: a Python
    module or notebook names an openai<1.0 resource class (`openai.Embedding`), whose code apply
    moves to the v1 client: ML504 raises a requirement admitting 0.x. `openai_v0_kept`: a
    requirements file keeps the project on openai<1 after apply (`dependency_pin.keeps_openai_0`: a
    framework release needing it, which ML504 leaves to a person), so the openai module reads
    `openai.api_base`, not the v1 `openai.base_url` (ML103). `openai_v0_libraries`: the
    packages running on openai<1 only (`pins.OPENAI_V0_LIBRARIES`) a requirements file
    requires: the openai<1 code of every module stays there (ML302). `computed_key_written`: a
    module sets a `*_API_KEY` variable under a name computed at run time (aider's
    `os.environ[f"{provider.upper()}_API_KEY"] = key`), which can be OPENAI_API_KEY: a read
    of it in another module reads what the program stores there (ML401 leaves it).
    `langchain_openai_pinned_in`: the requirements files (names as shown) that pin
    langchain-openai below `lc.FIRST_TEXT_EMBEDDINGS`, whose OpenAIEmbeddings has no
    `check_embedding_ctx_length` and sends token ids (ML601, ML602). `langchain_without_base_url`:
    the kinds of langchain's own OpenAI classes ("chat", "embeddings", "llm") that take no
    `openai_api_base` in any release a requirements file's pin of langchain admits
    (`lc.BASE_URL_SINCE`), and `langchain_pinned_in` the files pinning it so: a base URL given
    such a class is dropped and its requests go to OpenAI (ML601, ML602). `langchain_routes`:
    the routes of LangChain's init_chat_model (`lc.ROUTE_PACKAGES`: `openai`, `deepseek`)
    whose package a requirements file of the project requires (ML204 writes a model on its
    provider's; a project requiring langchain-openai picks models by LangChain's provider).
    `langchain_openai_function_calling`: a requirements file pins langchain-openai below
    `lc.FIRST_JSON_SCHEMA_DEFAULT`, whose ChatOpenAI asks for structured outputs by a
    forced tool call, not json_schema (ML604). `openai_routes_in`: the Python modules and
    notebooks (names as shown) holding an `openai:` model string of a chat model
    (`"openai:gpt-4.1"`), which `init_chat_model` configured at run time builds ChatOpenAI
    from (ML604, ML605).
    `configured_imported`: the libraries configured with a dict (`libraries.CONFIGURED`, by
    module) that a module of the project imports: a config dict of their shape written in
    another module of it may be given to them (ML670, ML401). `config_defaults`: the entries
    of the tables of defaults its config modules hold, as an object there reads them
    (`config_tables`: shell_gpt's `cfg.get("API_BASE_URL")`), and the settings they bind at
    their level to a URL (`config.openrouter_api_base`), where a module of the project uses an
    OpenAI client (ML003). `provider_readers_named`: a module or notebook of the
    project names a LangChain function that reads a provider setting beside a model
    (`lc.PROVIDER_READERS`), so a `*_provider = "openai"` setting may pick ChatOpenAI (ML204).
    `openai_before_completion_tokens`: a requirements file pins openai 1.x below
    1.45.0 (`sdk.KEYWORD_SINCE`: `openai==1.39.0`), whose create() rejects
    `max_completion_tokens=` (ML112). `openai_rejects`: the keywords of `sdk.KEYWORD_SINCE`
    whose first release a requirements file's openai 1.x pin admits none of (`openai==1.1.0`:
    dimensions, reasoning_effort): sent in `extra_body` instead (ML114, ML507).
    `v0_dependencies_imported`: the packages openai<1
    installed and openai>=1 does not (`pins.OPENAI_V0_ONLY_DEPENDENCIES`) that a Python module
    of the project imports: raising the openai pin may drop them (ML504). `openai_key_kept`:
    a Python module reads OpenAI's key variable (`os.getenv("OPENAI_API_KEY")`) and builds a
    class named like OpenAI that neither the SDK nor the framework tables know (chromadb's
    `OpenAIEmbeddingFunction`), or builds an OpenAI client with a request on a resource some
    provider lacks (`_UNSERVED_MAYBE`: a client apply leaves on OpenAI reads it, t55d's
    quivr-whisper): ML401 leaves such a read for a person, so the program may
    still need the variable after apply (ML501 keeps it in an example .env). Confirmed by
    ML401's own judgment of those modules (`key_left`), where the run switches provider:
    not for chatgpt-telegram-bot's `OpenAIHelper(config=openai_config)`, whose read it moves.
    `token_limit_named`: a Python module or notebook the rules read names `max_tokens` or
    `max_completion_tokens` as a keyword, attribute or key (ML112 may rename it to
    max_completion_tokens), and `openai_admits_before_completion_tokens`: a requirements
    file requires openai admitting releases below 1.45.0 (`sdk.KEYWORD_SINCE`), not
    capped below it (`openai>=1.3.5`): ML504 raises it where the provider takes
    max_completion_tokens, and ML112 says so. `instructor_reads_function_call`: a
    requirements file pins instructor to releases whose `OpenAISchema.from_response` given no
    mode reads a response to the legacy `functions=` (ML654). `env_model_defaults`: the
    OpenAI models its modules give as the default of an environment read
    (`os.environ.get("OPENAI_MODEL", "gpt-4o")`, `env_model_defaults`), which ML205 counts
    as the models of a module that tests a value against its lists, tuples or sets.
    `openai_key_fields`: the (name, file as shown) of the class fields whose default reads
    OpenAI's key variable (xiaogpt's `openai_key: str = os.getenv("OPENAI_API_KEY", "")`), which
    ML401 makes read the provider's, or that apply points at the provider's key otherwise
    (`switched_fields`: AgentGPT's placeholder key beside OpenAI's URL): a key the program
    hands a client from such a field is the provider's after apply (ML003, ML404; ML601 and
    ML304 where the client stays on OpenAI). `openai_key_stored_in`: the modules (as shown)
    storing a value in OpenAI's key variable (`os.environ["OPENAI_API_KEY"] = key`), which a
    class reading it in another module took its key from (ML601 reads the provider's so that it
    does not raise). `built_key_fields`: (module as shown, read) of the fields its modules set
    from a read under a name built at run time that may be OpenAI's key variable
    (`built_key_reads`: quivr's `self.llm_api_key = os.getenv(self.env_variable_name)`), which
    no rule renames: a client pointed at the provider given such a field may send it the
    OpenAI key (ML003, the class rules). `openai_key_settings`: (module as found, as shown,
    name, variable) of the names its modules bind at their level to a read of a key variable
    alone (`OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")`, which ML401 renames, or one of
    another `*_API_KEY`, the provider's once renamed; also of OpenAI's base-URL variable, for
    `settings_left`): a client of another module given such a key sends the provider's key
    after apply, so ML001 moves it (t63c) and ML003
    gives its base URL the provider's where it may be None. All four from `key_flow_of`.
    `azure_endpoint_fields`: the (name, module as shown) of the attributes named like OpenAI's
    base-URL variables that the project's modules give only as the endpoint of an Azure client
    or class apply leaves (besides testing them: DocsGPT's `AzureOpenAI(azure_endpoint=
    settings.OPENAI_API_BASE)`), each with a module doing so: ML401 leaves a settings field of
    that name (`azure_endpoints`). `settings_left`: (module as found, name, the call as shown)
    of the settings of `openai_key_settings` whose read ML401 renames that another module
    gives to a client or class apply leaves on OpenAI or
    Azure OpenAI (`setting_consumers`: t63c's `AzureOpenAI(azure_endpoint=API_BASE)`, `API_BASE`
    imported from settings.py; or a raw request to OpenAI ML403 leaves given it in its
    headers): ML401 leaves that read, and ML001 the clients given it. `settings_renamed`:
    (module as found, name) of the key settings of `openai_key_settings` whose read ML401
    renames (run once on their module, the project told), bound once there, with no key as
    their default and given nowhere apply leaves (`setting_consumers.bindings`): ML001
    moves the clients given one with it (review), as their key is then the provider's.
    `module_requests`: the requests its modules
    and notebooks make through openai's module-level client (`module_requests.requests_of`),
    all of which one module configuring that client points at the provider (ML102); not read
    where a module sets openai's configuration (`openai_configured`).
    `module_client_requested`: a module or notebook may make a request through that client
    (`module_requests.may_request`, whether or not it is read again): where none does and
    the project builds its own clients, what a module sets on it is read by nothing (ML103).
    `module_settings_read`: a module or notebook reads `openai.api_key` or `openai.base_url`
    as a value (`OpenAI(api_key=openai.api_key)`): what a module sets there is read (ML103).
    `module_base_url_set`: a module sets `openai.base_url` or `openai.api_base` (ML103).
    `litellm_key_set`: a module or notebook sets `litellm.api_key` or `litellm.openai_key`,
    which litellm sends before OPENAI_API_KEY (ML645).
    `instructor_mode_passed`: a module or notebook passes instructor a mode
    (`instructor.Mode`, `patch(client, mode=...)`: `ins.PASSES_MODE`), which needs the
    release `pins.Successor.first_with_mode` (ML504).
    `model_table_keys`: the keys of the tables keyed
    by OpenAI model that its YAML, TOML and JSON files hold (`model_table_keys.table_keys`, as
    ML503 finds them), where the run switches provider: ML204 leaves a model set in code that
    such a table has as a key and has no entry for what it maps to (chatgpt-telegram-bot's
    `current_model = "gpt-4o"` beside config/models.yml's `info: {gpt-4o: ...}`).
    `config_file_settings`: OpenAI's key and base URL its config modules read from a settings
    file they load (`file_settings.settings_of`: chatgpt-telegram-bot's `openai_api_base =
    config_yaml.get("openai_api_base", None)` from config.yml): ML502 reports that file's
    entries, ML003 names them.
    `config_file_models`: the models its YAML, TOML and JSON files' mappings send once migrated
    (`file_models`, as ML508 reads them), where the run switches provider: ML115 reads a
    request's model from such a file's loader (`cfg["model"]`, t60d D1).
    `service_names`: the service names its Python modules pick their clients by (keys of
    tables keyed by service, values tested: `service_names.service_names`), where the run
    switches provider: ML204 sets a provider setting beside the models it maps to the
    target's name where they hold it (t52b D2), ML501 says OpenAI's key stays read.
    `model_tables`: the dict displays keyed by OpenAI model its Python modules bind at their
    top level (`model_tables.model_tables`), where the run switches provider: ML204 leaves a
    model a module looks up in one it imports by name that has no entry for what it maps to
    (gpt_academic's `from request_llms.bridge_all import model_info`, then
    `model_info[llm_model]`), and names such a table on a setting it maps.
    `route_prefixes`: the routing prefixes of its own its modules strip off a string to use
    the rest (`route_prefixes`, `STRIPS_ROUTE_PREFIX`: textgrad's `"experimental:"`), after
    which ML205 reads an OpenAI model id.
    `patched_clients`: the dotted names of the OpenAI client classes its modules double or
    read as an attribute of a module (`patch("app.llm.AsyncOpenAI")`, `patched_clients`): a
    key read ML001 or ML002 writes in `app/llm.py` then tolerates the variable unset
    (`PythonContext.key_tolerant`), and ML002 rewrites a double of an Azure class it replaces.
    `thinking_off_callees`: the functions of its modules building an OpenAI client that make
    chat requests, each with whether every one sends the provider's switch turning thinking
    off (`thinking_off_callees.callees`), where the run switches to a provider whose tool turns
    need reply fields: ML117 leaves a turn built from what a call of such a function answers
    (OpenManus's `self.llm.ask_tool(...)`, its request in app/llm.py).
    `graphrag_settings`: its GraphRAG settings files with the variables their model entries
    read once applied and the index directories built beside them (`graphrag_settings`), where
    the run switches provider: ML505 names the variable GraphRAG reads the provider's key from
    to the .env beside one, ML503 has an index built with OpenAI's embedding model rebuilt.
    `provider_factories`: the top-level functions and methods of its modules returning an
    OpenAI client they build, each with whether every client it may return is the provider's
    once applied (ML001's judgment of each construction, `provider_factories`), where the run
    switches provider and one is: ML204 maps the model of a request through a client another
    module gets from such a function (`config.initialize_openai()`, t54a D3), as ML201 does
    through a client the module builds. `label_params`: the parameters, only compared with
    string labels (`if model == "gpt-4-with-som":`), of the functions its modules import from
    another of its modules (read whatever the screening said of it) and pass an OpenAI model
    id, with those modules (`label_params`), where the run switches provider: ML205 leaves such
    a value with a note, as it does for a function of the module itself (t54a D2).
    `lazy_proxies`: the module-level stand-ins for litellm its modules define, importing it
    lazily (aider's `litellm = LazyLiteLLM()`, `lazy_proxies`): a name imported from there
    is litellm's (`PythonContext.qualnames`), so ML640 and its kin check those calls.
    `registered_models`: the model ids its program registers (`register(Chat("gpt-4o"))`, a
    dict of constructions keyed by model: `model_registry`), where the run switches provider
    and one is an OpenAI model: ML204 leaves a model setting that is a registered id where
    what it maps to is registered nowhere (simonw/llm's `DEFAULT_MODEL`, a key `get_model()`
    looks up among them). `request_url_held`: a module of it holds OpenAI's host or the
    provider's base-URL variable or host (`HOLDS_REQUEST_URL`), where the run switches
    provider: a module sending a key in a request's headers may take its URL from there
    (ML403). `caller_models`: the models its modules the rules read give a parameter of a
    function or method of another of its modules that a request sends as its model
    (`caller_models`), where the run switches provider: ML115 follows a request's model to
    a default of those callers (t56f S1). `raw_key_callers`: the calls its modules holding
    OpenAI's URL make giving a function or class of another of its modules a read of OpenAI's
    key that a raw request there keeps (`raw_key_callers`), where the run switches provider:
    ML401 leaves the callee's key read that parameter falls back to, and ML001 its client
    (review r2 t2). `foreign_key_calls`: the calls its Python modules make giving a function of
    another of its modules a value naming OpenAI (`foreign_key_calls`), where the run switches
    provider: ML601 and ML001 hold a client that function gives such a parameter (review r2,
    s68). `key_imports`: the names its modules holding an OpenAI URL apply leaves
    or the provider's URL import from another of its modules (`key_imports`), where the run
    switches provider: ML401 leaves a read of OpenAI's key reaching such a name kept on OpenAI
    there, and reports a key named for OpenAI reaching one sent to the provider (t65b).
    `client_modules`: the absolute paths of its Python
    modules in the run that build an OpenAI client (`USES_OPENAI_CLIENT`): apply edits only
    those, so a caller's base URL follows a callee's key fill only where it is one of them
    (`filled_callees`). `kwargs_callees`: the absolute path, sha256 digest and callees of
    each of them defining a function or class that spreads its `**` parameter into a
    LangChain class (`kwargs_callees`): whether ML401 switches a caller's base-URL read going
    there depends on what such a callee holds (`base_url_reads.filled_callee`), so the digests
    key the caller's cached result. `base_entries`: the dict entries a base
    class of another of its modules builds from `self` fields for the subclasses its modules
    derive (`base_fields`, where the run switches provider): ML115 and ML112 read them at a
    subclass's `**self.params`, and a cached result changes with them. `heir_models`: the
    subclasses its modules derive from a class of another of its modules whose request
    goes through the client they set (`heir_models`, where the run switches provider):
    ML115 reads the model each sends at the base's request. `framework_heirs`: the
    subclasses its modules derive from its classes deriving from a LangChain OpenAI class
    (`framework_heirs`): ML601 reports their constructions where they are built, not the
    shared base.
    `litellm_unfilled`: the litellm routes of `TOOL_TURNS_FILLED` whose first release filling
    a tool turn's reasoning a requirements file's litellm pin admits none of
    (`litellm==1.83.4`): ML634 reports a thinking Agent with tools on such a route's
    LitellmModel.
    `shared_key_defaults`: its settings classes whose key field defaults
    to the provider's key variable, or will once applied, beside the provider's base URL
    (`shared_key_defaults`), where the run switches provider: a config entry building one with
    a server of its own and no key sends the provider's key there (ML502).
    `crewai_agent_configs`: the agents' entries of the YAML files its crewAI modules'
    @CrewBase classes load (`crewai_agent_configs`, where the run switches provider), with
    whether each gives an llm: ML690 does not say an `Agent(config=self.agents_config["x"])`
    is given none where the entry gives one. `v0_settings`: its modules setting openai<1's
    `openai.api_key` or `openai.api_base`, each with whether it sets both from the provider's
    variables (`v0_settings`), where the run switches provider and the project may keep
    openai<1 code: those settings hold for the whole process, so where one does and none sets
    them otherwise, the openai<1 requests apply leaves there go to the provider (ML302,
    ML201: `v0_libraries.v0_pointed`). `base_url_names_read`: the provider's other base-URL
    variables its modules and .env files name (`Provider.base_url_names`: DEEPSEEK_API_BASE),
    and its own where they name it, where the run switches provider: the clients apply writes
    read the one the project already reads (`Provider.reading_base_url`). `settings_bases`:
    the (absolute path, sha256) of its modules stating a class deriving from `BaseSettings`
    (`STATES_SETTINGS_CLASS`), where the run switches provider: ML401 takes a class of
    another module deriving from one there for a settings class (`settings_bases`), and
    their bytes key the project's results. `member_holders`: the (absolute path, sha256) of
    its modules building an OpenAI class (`USES_OPENAI_CLIENT`) and stating a class, where
    the run switches provider and one of its modules asks a chat model another object holds
    for tools or structured output (`ASKS_MEMBER_MODEL`): ML111 and ML604 read that object's
    class there (`member_values`), so their bytes key the project's results.
    `callee_modules`: the (absolute path, sha256) of each of its Python modules where a key
    test's or a test's call may be judged by its callee in another module (ML401, ML206:
    `callee_stamps`), so their bytes key the project's results. `sizes_sent`: the
    `dimensions=` its modules give their embedding requests (`sent_sizes`), where the run
    switches provider and the project holds a config file: ML511 takes a .env width under
    the variable one reads as the size the program asks for. `litellm_model_params`: the
    (module path, function or class, parameter) triples of its modules whose parameter
    reaches a litellm chat call's model, across modules (`litellm_model_params`; with the
    packages re-exporting such a name, `module_bindings`), where it
    calls litellm and the run switches provider: ML204 writes an OpenAI model given there on
    the provider's route, ML640 reports the provider's model given there with no route.
    `env_readers`: the reads of OpenAI's key and base-URL variables (`OPENAI_API_KEY`,
    `OPENAI_API_BASE`) in its Python modules, each with where it is and whether ML401
    switches it (`env_readers.readers_of`), where the run switches provider and the project
    holds a .env file: ML501 renames such a line there only where no read of it is left."""

    openai_configured: bool = _flag(SETS_OPENAI)
    llamaindex_unset: frozenset[str] = field(
        default=_DEFAULT_MODELS,
        metadata={
            "join": frozenset.intersection,
            "of": lambda facts, _: frozenset(n for n, bit, _ in SETTING_BITS if not facts & bit),
        },
    )
    crewai_project: bool = _flag(IMPORTS_CREWAI)
    crewai_model_set: bool = _flag(SETS_CREWAI_MODEL)
    semantic_kernel_project: bool = _flag(IMPORTS_SEMANTIC_KERNEL)
    litellm_project: bool = _flag(CALLS_LITELLM)
    open_interpreter_project: bool = _flag(USES_OPEN_INTERPRETER)
    txtai_project: bool = _flag(USES_TXTAI)
    dspy_project: bool = _flag(IMPORTS_DSPY)
    openai_route_added: bool = _flag(ADDS_OPENAI_ROUTE)
    llamaindex_like_unneeded: frozenset[str] = field(
        default=frozenset(),
        metadata={"of": lambda facts, _: frozenset(p for p, b in _LIKE_PACKAGES if not facts & b)},
    )
    llamaindex_agent_by_name: bool = _flag(PINS_NAME_CHECKING_AGENT)
    agno_old_outputs_field: bool = _flag(PINS_OLD_AGNO)
    pydantic_ai_project: bool = _flag(IMPORTS_PYDANTIC_AI)
    crewai_routes: bool | None = _either(PINS_OLD_CREWAI, PINS_NEW_CREWAI)
    crewai_1: bool | None = _either(PINS_CREWAI_0, PINS_CREWAI_1)
    judge_model_set: bool = _flag(SETS_JUDGE_MODEL)
    dataset_loaded_unjudged: bool = _flag(LOADS_DATASET_UNJUDGED)
    marvin_model_set: bool = _flag(SETS_MARVIN_MODEL)
    openai_endpoint_held: bool = _flag(HOLDS_OPENAI_ENDPOINT)
    openai_route_stripped: bool = _flag(STRIPS_OPENAI_ROUTE)
    client_elsewhere: bool = _flag(POINTS_CLIENT_ELSEWHERE)
    openai_parts_unused: frozenset[str] = field(
        default=frozenset(),
        metadata={
            "of": lambda facts, _: frozenset(
                name for name, bit in NAMES_PART.items() if facts & HOLDS_CODE and not facts & bit
            )
        },
    )
    openai_classes_unnamed: frozenset[str] = field(
        default=frozenset(),
        metadata={
            "of": lambda facts, _: frozenset(
                name
                for name, bit in NAMES_V0_CLASS.items()
                if facts & HOLDS_CODE and not facts & bit
            )
        },
    )
    openai_client_used: bool = _flag(USES_OPENAI_CLIENT)
    openai_sdk_unimported: bool = field(
        default=False,
        metadata={
            "of": lambda facts, _: bool(facts & HOLDS_CODE and not facts & IMPORTS_OPENAI_SDK)
        },
    )
    v0_embeddings_named: bool = _flag(NAMES_V0_EMBEDDINGS)
    openai_settings_field: bool = _flag(DEFINES_OPENAI_SETTINGS_FIELD)
    openai_v0_kept: bool = _flag(KEEPS_OPENAI_V0)
    openai_v0_libraries: frozenset[str] = _named(REQUIRES_V0_LIBRARY)
    llamaindex_set_in: frozenset[tuple[str, str]] = _given()
    llamaindex_set_apart: frozenset[tuple[str, str]] = _given()
    computed_key_written: bool = _flag(WRITES_COMPUTED_KEY)
    langchain_openai_pinned_in: frozenset[str] = _given()
    crewai_litellm_missing_in: frozenset[str] = field(
        default=frozenset(),
        metadata={
            "of": lambda facts, given: frozenset(
                () if facts & REQUIRES_LITELLM else given.get("crewai_litellm_missing_in", ())
            )
        },
    )
    langchain_without_base_url: frozenset[str] = _named(PINS_LANGCHAIN_WITHOUT_BASE_URL)
    langchain_pinned_in: frozenset[str] = _given()
    langchain_routes: frozenset[str] = _named(REQUIRES_LANGCHAIN_ROUTE)
    langchain_openai_function_calling: bool = _flag(PINS_FUNCTION_CALLING_OUTPUT)
    # a requirements file pins langchain-openai below `lc.TOKEN_LIMIT_ALIAS_SINCE`
    langchain_openai_max_tokens_as_is: bool = _flag(PINS_MAX_TOKENS_AS_IS)
    openai_routes_in: frozenset[str] = _given()
    configured_imported: frozenset[str] = _named(IMPORTS_CONFIGURED)
    thinking_routes_named: bool = _flag(NAMES_THINKING_ROUTE)
    plain_routes_named: bool = _flag(NAMES_PLAIN_ROUTE)
    routes_named: frozenset[str] = _named(NAMES_ROUTE)
    config_defaults: frozenset[TableDefault] = _given()
    provider_readers_named: bool = _flag(NAMES_PROVIDER_READER)
    provider_model_split: bool = _flag(SPLITS_PROVIDER_MODEL)
    provider_slash_split: bool = _flag(SPLITS_SLASH_PROVIDER)
    slash_routes_named: bool = _flag(NAMES_SLASH_ROUTE)
    litellm_unfilled: frozenset[str] = _named(PINS_LITELLM_UNFILLED)
    tiktoken_cache_named: bool = _flag(NAMES_TIKTOKEN_CACHE)
    openai_v0_used: bool = _flag(USES_OPENAI_V0)
    openai_before_completion_tokens: bool = _flag(PINS_OPENAI_BEFORE_COMPLETION_TOKENS)
    v0_dependencies_imported: frozenset[str] = _named(IMPORTS_V0_DEPENDENCY)
    openai_rejects: frozenset[str] = _named(PINS_OPENAI_BEFORE_KEYWORD)
    openai_key_kept: bool = _flag(KEEPS_OPENAI_KEY)
    token_limit_named: bool = _flag(NAMES_TOKEN_LIMIT)
    openai_admits_before_completion_tokens: bool = _flag(ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS)
    wrapper_params: frozenset[WrapperParam] = _given()
    instructor_reads_function_call: bool = _flag(PINS_INSTRUCTOR_READING_FUNCTION_CALL)
    env_model_defaults: frozenset[EnvDefault] = _given()
    openai_key_fields: frozenset[tuple[str, str]] = _given()
    openai_key_stored_in: frozenset[str] = _given()
    built_key_fields: frozenset[tuple[str, BuiltRead]] = _given()
    openai_key_settings: frozenset[tuple[str, str, str, str]] = _given()
    azure_endpoint_fields: frozenset[tuple[str, str]] = _given()
    settings_left: frozenset[tuple[str, str, str]] = _given()
    settings_renamed: frozenset[tuple[str, str]] = _given()
    module_requests: frozenset[ModuleRequest] = _given()
    module_client_requested: bool = _flag(REQUESTS_MODULE_CLIENT)
    module_settings_read: bool = _flag(READS_MODULE_SETTING)
    module_base_url_set: bool = _flag(SETS_MODULE_BASE_URL)
    litellm_key_set: bool = _flag(SETS_LITELLM_KEY)
    instructor_mode_passed: bool = _flag(PASSES_INSTRUCTOR_MODE)
    model_table_keys: frozenset[ModelKey] = _given()
    config_file_settings: frozenset[FileSetting] = _given()
    config_file_models: frozenset[FileModel] = _given()
    model_tables: frozenset[ModelTable] = _given()
    service_names: frozenset[ServiceName] = _given()
    tiktoken_before_encoding: bool = _flag(PINS_TIKTOKEN_BEFORE_ENCODING)
    patched_clients: frozenset[str] = _given()
    route_prefixes: frozenset[str] = _given()
    azure_clients_left: frozenset[str] = _given()
    lm_subclasses: frozenset[LmSubclass] = _given()
    thinking_off_callees: frozenset[Callee] = _given()
    graphrag_settings: frozenset[GraphragSettings] = _given()
    promptflow_connections: frozenset[tuple[str, str]] = _given()
    key_names_read: frozenset[str] = _given()
    settings_fields_passed: frozenset[tuple[str, str, str]] = _given()
    settings_fields_held: frozenset[HeldField] = _given()
    provider_factories: frozenset[ProviderFactory] = _given()
    label_params: frozenset[LabelParam] = _given()
    langroid_defaults: frozenset[str] = _given()
    lazy_proxies: frozenset[LazyProxy] = _given()
    registered_models: frozenset[RegisteredModel] = _given()
    request_url_held: bool = _flag(HOLDS_REQUEST_URL)
    caller_models: frozenset[CallerModel] = _given()
    client_modules: frozenset[str] = _given()
    kwargs_callees: frozenset[tuple[str, str, tuple[str, ...]]] = _given()
    shared_key_defaults: frozenset[SharedKeyDefault] = _given()
    base_entries: frozenset[BaseEntry] = _given()
    heir_models: frozenset[HeirModel] = _given()
    framework_heirs: frozenset[FrameworkHeir] = _given()
    crewai_agent_configs: frozenset[AgentConfig] = _given()
    v0_settings: frozenset[V0Setting] = _given()
    raw_key_callers: frozenset[RawKeyCaller] = _given()
    foreign_key_calls: frozenset[ForeignKeyCall] = _given()
    key_imports: frozenset[KeyImport] = _given()
    base_url_names_read: frozenset[str] = _given()
    settings_bases: frozenset[tuple[str, str]] = _given()
    member_holders: frozenset[tuple[str, str]] = _given()
    callee_modules: frozenset[tuple[str, str]] = _given()
    sizes_sent: frozenset[SentSize] = _given()
    litellm_model_params: frozenset[tuple[str, str, str]] = _given()
    env_readers: frozenset[EnvReader] = _given()
    litellm_shared_params: frozenset[tuple[str, str, str]] = _given()
    litellm_param_packages: frozenset[tuple[str, int]] = _given()
    stand_in_writes: frozenset[StandInWrite] = _given()

    def joined(self, found: RunFacts) -> RunFacts:
        """These facts with what screening `found` added to them: a flag set by either, the
        members of a set of either (the default models left unset: of both), a crewai release
        told by one or agreed by both (`_known`); the default-model settings only of models
        left unset."""
        values: dict[str, Any] = {}
        for each in _FIELDS:
            mine, theirs = getattr(self, each.name), getattr(found, each.name)
            join = each.metadata.get("join")
            if join is not None:
                values[each.name] = join(mine, theirs)
            elif isinstance(mine, bool):
                values[each.name] = mine or theirs
            else:
                values[each.name] = mine | theirs
        return RunFacts(**_settings_of_unset(values))

    @functools.cached_property
    def key(self) -> str:
        """The facts as a short text (part of the result cache's keys): each field in turn, a
        flag as 0 or 1 (- where unknown), a set as its members' sorted reprs."""
        parts = []
        for each in _FIELDS:
            value = getattr(self, each.name)
            if value is None or isinstance(value, bool):
                parts.append("-01"[0 if value is None else 1 + value])
            else:
                parts.append("|".join(sorted(map(repr, value))))
        return ":".join(parts)

    @classmethod
    def of_bits(cls, facts: int, **given: Iterable[Any]) -> RunFacts:
        """The facts of a project whose files' bits (`facts_of`) joined are `facts`, and
        whose files told what `given` holds by field (the fields of `_given()`):
        `llamaindex_set_in`: the (model, file name) of its files setting a default model
        inside a function; `llamaindex_set_apart`: those of its files setting one at their top
        level that the file told of neither is nor imports (its bit is then clear in `facts`:
        `settings_apart`); `langchain_openai_pinned_in`: the names of its files pinning
        langchain-openai below `lc.FIRST_TEXT_EMBEDDINGS` (`PINS_OLD_LANGCHAIN_OPENAI`);
        `crewai_litellm_missing_in`: those requiring crewai without its litellm extra
        (`REQUIRES_CREWAI_ALONE`); `langchain_pinned_in`: those pinning langchain below a
        release of `lc.BASE_URL_SINCE` (`PINS_OLD_LANGCHAIN`); `openai_routes_in`: its
        modules holding an `openai:` model string (`HOLDS_OPENAI_ROUTE`); `config_defaults`:
        the entries of its tables of defaults (`config_tables.defaults_of`);
        `wrapper_params`: the parameters of its functions reaching a request
        (`wrapper_params`); `env_model_defaults`: the OpenAI models its modules default
        environment reads to (`env_model_defaults`); `openai_key_fields`,
        `openai_key_stored_in`: what its modules flagged `MOVES_OPENAI_KEY` tell
        (`key_flow_of`); `azure_endpoint_fields`: what those flagged `READS_BASE_URL_FIELD`
        tell (`azure_endpoints`); `module_requests`: the requests through openai's module
        client of those flagged `REQUESTS_MODULE_CLIENT` (`module_requests.requests_of`);
        `model_table_keys`: the keys of the tables keyed by OpenAI model its config files
        flagged `KEYS_OPENAI_MODEL` hold (`model_table_keys.table_keys`);
        `config_file_settings`: OpenAI's key and base URL its modules flagged
        `HOLDS_CONFIG_TABLE` read from a settings file they load (`file_settings`);
        `config_file_models`: the models of its config files flagged `NAMES_MODEL_ENTRY`
        (`file_models`);
        `model_tables`: the
        tables keyed by OpenAI model its modules flagged so bind (`model_tables.model_tables`);
        `patched_clients`: the client classes its modules flagged `PATCHES_CLIENT` double or
        read (`patched_clients.patched_clients`); `azure_clients_left`: those of them that
        are Azure classes whose module keeps a construction apply leaves
        (`azure_doubles.azure_clients_left`);
        `service_names`: the service names its modules flagged `NAMES_SERVICES` pick clients
        by (`service_names.service_names`); `lm_subclasses`: the classes deriving from DSPy's
        legacy class its modules flagged `DERIVES_LM_CLASS` define, and those the modules of a
        run given some of its files import from beyond them (`lm_subclasses`);
        `thinking_off_callees`: the functions making chat
        requests of its modules flagged `USES_OPENAI_CLIENT` (`thinking_off_callees.callees`);
        `graphrag_settings`: what its GraphRAG settings files tell (`graphrag_settings`);
        `promptflow_connections`: the (name, file) of the promptflow connections the YAML
        files of the run define, whatever their project (`promptflow_connections`);
        `key_names_read`: the key variables its modules name (`deployed_keys.key_names`);
        `settings_fields_passed`: the (class, field, module) of its modules' calls passing a
        settings field of OpenAI's variable by name (`settings_callers`);
        `settings_fields_held`: the settings fields of OpenAI's variables ML401 leaves, with
        the module holding each and why, the class's own or one importing it (`held_settings`);
        `provider_factories`: the functions of its modules flagged `USES_OPENAI_CLIENT`
        returning an OpenAI client, with whether apply points it at the provider
        (`provider_factories`); `label_params`: the parameters only compared with string
        labels of the functions its modules import from another of its modules and pass an
        OpenAI model id (`label_params`); `langroid_defaults`: which of langroid's classes
        it defines itself default to the provider (`langroid_defaults`); `lazy_proxies`: the
        lazy stand-ins for litellm its modules flagged `PROXIES_LIBRARY` define, and those
        the modules of a run given some of its files import from beyond them
        (`lazy_proxies`), read as litellm where imported (`PythonContext.qualnames`);
        `registered_models`: the model ids its modules flagged `REGISTERS_MODELS` register
        (`model_registry`); `caller_models`: the models its modules give the parameters of
        `wrapper_params` sent as a request's model (`caller_models`); `client_modules`: the
        absolute paths of its Python modules building an OpenAI client; `kwargs_callees`: the
        (path, digest, names) of those defining callees spreading their `**` parameter;
        `shared_key_defaults`: its settings classes sharing the provider's key as a default
        (`shared_key_defaults`); `base_entries`: the entries of `base_fields`;
        `heir_models`: the subclasses of `heir_models`; `framework_heirs`: those of
        `framework_heirs`; `crewai_agent_configs`: the agents'
        entries of the YAML its crewAI modules' @CrewBase classes load (`crewai_agent_configs`);
        `base_url_names_read`: the provider's base-URL variables its modules and .env files
        name (`base_url_names`), which `RuleContext` has apply reuse; `sizes_sent`: the
        `dimensions=` of its modules' embedding requests (`sent_sizes`);
        `litellm_model_params`, `litellm_shared_params`, `litellm_param_packages`: those of
        `litellm_model_params`; `env_readers`: the reads of OpenAI's key and base-URL
        variables its modules make, with whether apply switches each (`env_readers`);
        `stand_in_writes`: the stand-in keys its test code writes in OpenAI's key variables,
        with whether ML404 renames each (`stand_in_writes`)."""
        values: dict[str, Any] = {}
        for each in _FIELDS:
            meta = each.metadata
            if "bit" in meta:
                values[each.name] = bool(facts & meta["bit"])
            elif "bits" in meta:
                values[each.name] = frozenset(n for n, bit in meta["bits"].items() if facts & bit)
            elif "of" in meta:
                values[each.name] = meta["of"](facts, given)
            else:
                values[each.name] = frozenset(given.get(each.name, ()))
        return cls(**_settings_of_unset(values))


_FIELDS = fields(RunFacts)


def _settings_of_unset(values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the default-model settings kept only of the models left unset."""
    unset = values["llamaindex_unset"]
    for name in ("llamaindex_set_in", "llamaindex_set_apart"):
        values[name] = frozenset(pair for pair in values[name] if pair[0] in unset)
    return values


# The files pytest collects tests and their fixtures from: a `conftest.py` serves the tests in
# its directory and below.
PYTEST_FILE = re.compile(r"(?:test_.*|.*_test|conftest)\.py")


# The kinds of the files that may mark a project's root (`Projects`).
_MARKER_KINDS = frozenset({"toml", "requirements", "setup", "setup.py"})


class Projects:
    """The projects of a run's files. A project's root is a directory holding a file that
    says how the code under it is installed: `pyproject.toml`, `setup.py`, `setup.cfg` or
    `requirements*.txt` (files in a `requirements/` directory mark the directory above it).
    Only the files the run found are looked at, so the walk makes no call more (a Pipfile,
    a `package.json` or a `.git` marks none). A file belongs to the project of the nearest
    root above it; the files under no root (all of them in a run without one) make one
    project, rooted at "". A project within another is a project of its own: its files
    count for it alone, and what the outer one's files tell does not reach it (it is
    installed with its own requirements; the files of the outer one that have no project
    file of their own are the outer one's)."""

    def __init__(self, sources: Iterable[tuple[str, str]]) -> None:
        """`sources`: the run's files, as (name, kind) (`SourceFile`)."""
        roots = set()
        for name, kind in [source for source in sources if source[1] in _MARKER_KINDS]:
            directory, _, base = name.rpartition(os.sep)
            base = base.lower()
            if kind == "requirements":
                parent, _, below = directory.rpartition(os.sep)
                if below.lower() == "requirements":
                    directory = parent
                elif not base.startswith("requirements"):
                    continue  # constraints.txt
            elif kind == "toml" and base != "pyproject.toml":
                continue
            roots.add(directory)
        self.roots = frozenset(roots)
        self._of_directory: dict[str, str] = {}

    def root(self, name: str) -> str:
        """The root of the project of the file `name` ("" where none is above it)."""
        if not self.roots:
            return ""
        directory = name.rpartition(os.sep)[0]
        found = self._of_directory.get(directory)
        if found is None:
            found = directory
            while found and found not in self.roots:
                found = found.rpartition(os.sep)[0]
            self._of_directory[directory] = found
        return found


def facts_of(
    kind: str,
    data: bytes,
    worth: bool,
    holds_openai: bool,
    modules: set[str] | None,
    endpoints: Search | None = None,
    urls: Held | None = None,
    names: Held | None = None,
) -> int:
    """The bits of what a file of `kind` tells of its project, from its bytes and its screening:
    whether the rules may say something of it (`worth`), it holds `openai` (`holds_openai`:
    the Python, notebook and JavaScript prefilters' first anchor, so a file without it is
    not searched for what starts so),
    the frameworks it imports (`modules`, None where the prefilter did not look);
    `endpoints`: the search for an OpenAI URL with an API path (`endpoint_urls`); `urls`: in a
    run moving to another provider, whether bytes hold OpenAI's or its URL (`request_urls`);
    `names`: in one moving to a provider with other base-URL variables, whether they hold one
    (`base_url_names.holds_names`)."""
    if names is not None and kind in ("python", "dotenv") and names(data):
        return NAMES_BASE_URL_VARIABLE | facts_of(
            kind, data, worth, holds_openai, modules, endpoints, urls
        )
    if kind == "python" and urls is not None:
        return key_request_facts(data, worth, urls) | _facts_of(
            kind, data, worth, holds_openai, modules, endpoints
        )
    return _facts_of(kind, data, worth, holds_openai, modules, endpoints)


_CACHE_DIR = _literal(b"_CACHE_DIR")
_CACHE_VARIABLES = tuple(_literal(name.encode()) for name in sdk.TIKTOKEN_CACHE_VARIABLES)


def _names_tiktoken_cache(kind: str, data: bytes) -> bool:
    """Whether a file of `kind` sets tiktoken's cache variable (`NAMES_TIKTOKEN_CACHE`): code
    where it sets it in the environment, not a constant of that name (`tiktoken_cache`)."""
    return (
        _CACHE_DIR(data) is not None
        and any(h(data) is not None for h in _CACHE_VARIABLES)
        and file_sets_cache(kind, data)
    )


def _facts_of(
    kind: str,
    data: bytes,
    worth: bool,
    holds_openai: bool,
    modules: set[str] | None,
    endpoints: Search | None,
) -> int:
    if kind == "python" and not worth and not holds_openai and modules is not None and not modules:
        # most modules of a large tree: none of the words a fact but a table starts from
        for held in _QUIET_COMMON:
            if held(data) is not None:
                break
        else:
            for first, second, search in _QUIET_RARE:
                if first in data and second in data and search(data) is not None:
                    break
            else:
                table = HOLDS_CONFIG_TABLE if holds_table(data) else 0
                table |= PASSES_MODEL if may_pass_model(data) else 0
                table |= REGISTERS_MODELS if may_register(data) else 0
                table |= NAMES_TIKTOKEN_CACHE if _names_tiktoken_cache(kind, data) else 0
                table |= SPLITS_SLASH_PROVIDER if splits_slash(data) else 0
                table |= STRIPS_ROUTE_PREFIX if route_prefixes(data) else 0
                table |= _slash_facts(data) | _callee_words(data)
                return table | (SPLITS_PROVIDER_MODEL if _splits_provider(data) else 0)
    return all_facts(kind, data, worth, holds_openai, modules, endpoints)


def all_facts(
    kind: str,
    data: bytes,
    worth: bool,
    holds_openai: bool,
    modules: set[str] | None,
    endpoints: Search | None = None,
) -> int:
    """`facts_of`, each fact looked for (in a Python module the prefilter rules out, one
    holding none of `_QUIET_WORDS` has none but `HOLDS_CONFIG_TABLE`)."""
    facts = NAMES_TIKTOKEN_CACHE if _names_tiktoken_cache(kind, data) else 0
    if kind in ("python", "notebook"):
        facts |= (HOLDS_CODE if worth else 0) | _parts_named(data) | _v0_classes_named(data)
        if holds_openai and _HOLDS[b"openai:"](data):
            facts |= _openai_routes(data)
        if holds_openai and names_slash_route(data):
            facts |= NAMES_SLASH_ROUTE
        facts |= _own_routes_named(data)
        if worth and any(word in data for word in _PROVIDER_READERS):
            facts |= NAMES_PROVIDER_READER
        if _splits_provider(data):
            facts |= SPLITS_PROVIDER_MODEL
        if splits_slash(data):
            facts |= SPLITS_SLASH_PROVIDER
        if kind == "python" and route_prefixes(data):
            facts |= STRIPS_ROUTE_PREFIX
        if kind == "python" and holds_openai and adds_openai_route(data):
            facts |= ADDS_OPENAI_ROUTE
        if kind == "python":
            facts |= _slash_facts(data) | _callee_words(data)
        if worth and _HOLDS[b"_tokens"](data) and _TOKEN_LIMIT.search(data) is not None:
            facts |= NAMES_TOKEN_LIMIT
        if _HOLDS[b"instructor"](data) and ins.PASSES_MODE.search(data) is not None:
            facts |= PASSES_INSTRUCTOR_MODE
        if worth and holds_openai and _V0_RESOURCE.search(data) is not None:
            facts |= USES_OPENAI_V0
        if holds_openai and _IMPORTS_OPENAI.search(data) is not None:
            facts |= IMPORTS_OPENAI_SDK
        if _HOLDS[b"OpenAI"](data) and _V0_EMBEDDINGS_NAMED.search(data):
            facts |= NAMES_V0_EMBEDDINGS
    if kind in ("python", "notebook", "javascript") and _uses_openai_client(data, holds_openai):
        facts |= USES_OPENAI_CLIENT
    if kind in ("python", "notebook") and holds_openai and may_request(data):
        facts |= REQUESTS_MODULE_CLIENT
    if kind in ("python", "notebook") and holds_openai and _MODULE_SETTING_READ.search(data):
        facts |= READS_MODULE_SETTING
    python = kind in ("python", "notebook")
    if python and _HOLDS[b"litellm"](data) and _LITELLM_KEY_SET.search(data):
        facts |= SETS_LITELLM_KEY
    if kind == "python":
        if _HOLDS[b"OPENAI"](data) is not None:
            facts |= WRITES_KEY_LITERAL if may_write_key(data) else 0
            facts |= REMOVES_OPENAI_KEY if may_remove_key(data) else 0
        if holds_openai and _OPENAI_DOT(data) is not None and _MODULE_SETTING.search(data):
            facts |= SETS_OPENAI
            if _MODULE_BASE_URL_SET.search(data) is not None:
                facts |= SETS_MODULE_BASE_URL
        if _HOLDS[b"BaseSettings"](data) and _OPENAI_SETTINGS_FIELD.search(data) is not None:
            facts |= DEFINES_OPENAI_SETTINGS_FIELD
        if _HOLDS[b"BaseSettings"](data) and _STATES_SETTINGS.search(data) is not None:
            facts |= STATES_SETTINGS_CLASS
        if any(h(data) is not None for h in _MEMBER_METHODS) and _ASKS_MEMBER.search(data):
            facts |= ASKS_MEMBER_MODEL
        if _HOLDS[b"_API_KEY"](data) and _writes_computed_key(data):
            facts |= WRITES_COMPUTED_KEY
        if holds_openai and may_name_services(data):
            facts |= NAMES_SERVICES
        # what follows names OpenAI in either case: a file naming it in neither is passed over
        upper = _HOLDS[b"OPENAI"](data) is not None
        if (
            upper
            and (
                _OPENAI_KEY_FIELD.search(data) is not None
                or _OPENAI_KEY_STORE.search(data)
                or _OPENAI_KEY_SETTING.search(data)
            )
        ) or (
            facts & DEFINES_OPENAI_SETTINGS_FIELD
            or ((holds_openai or upper) and may_switch(data))
            or may_build(data)
        ):
            facts |= MOVES_OPENAI_KEY
        if (holds_openai or upper) and FIELD_READ.search(data) is not None:
            facts |= READS_BASE_URL_FIELD
        if (
            worth
            and (
                _keeps_openai_key(data)
                or (facts & USES_OPENAI_CLIENT and _UNSERVED_MAYBE(data))
                or _framework_reads_key(data)
            )
        ) or _uses_llamaindex_default(data):  # its read passes the prefilter
            facts |= KEEPS_OPENAI_KEY
        # or OpenAI's key or base URL read from a settings file (`file_settings`)
        if holds_table(data) or ((holds_openai or upper) and reads_file_setting(data)):
            facts |= HOLDS_CONFIG_TABLE
        if worth and facts & USES_OPENAI_CLIENT and may_hand_on(data):
            facts |= HANDS_ON
        if worth and may_default(data):
            facts |= DEFAULTS_ENV_MODEL
        if not worth and may_pass_model(data):
            facts |= PASSES_MODEL
        if _HOLDS[b"OpenAI"](data) and may_patch(data):
            facts |= PATCHES_CLIENT
        if _HOLDS[b"OpenAI"](data) and may_derive(data):
            facts |= DERIVES_LM_CLASS
        if _HOLDS[b"litellm"](data) and may_proxy(data):
            facts |= PROXIES_LIBRARY
        if may_register(data):
            facts |= REGISTERS_MODELS
        # a module holding an OpenAI host passes the prefilter: only those are searched
        if worth and endpoints is not None and endpoints(data) is not None:
            facts |= HOLDS_OPENAI_ENDPOINT
        # one search of most files: LlamaIndex's settings are set where it is imported
        if _HOLDS[b"llama_index"](data):
            facts |= llamaindex_settings(data) | _may_use_default(data, worth)
            facts |= _openai_like(data)
    elif kind == "notebook" and _HOLDS[b"llama_index"](data):
        # a notebook's `Settings.llm = ...` is its own: no other file runs in its kernel
        facts |= _openai_like(data) | _may_use_default(data, worth)
    elif kind in _REQUIREMENT_KINDS and (
        li.REQUIRES_LLAMA_INDEX.search(data) is not None
        or agno.REQUIRES_AGNO.search(data)
        or crewai.NAMES_CREWAI_OR_LITELLM.search(data)
        or lc.REQUIRES_SETTINGS.search(data)
        or lc.REQUIRES_ROUTE.search(data)
        # also a langchain pin below `lc.BASE_URL_SINCE`: such releases need openai<1
        or _NAMES_OPENAI_V0.search(data) is not None
        or tok.REQUIRES_TIKTOKEN.search(data)
    ):
        facts |= _framework_pins(kind, data)
    keyed = keys_models if kind in TABLE_KINDS else may_key_models if kind == "python" else None
    if worth and keyed is not None and keyed(data):
        facts |= KEYS_OPENAI_MODEL
    if worth and kind in TABLE_KINDS and names_model(data):
        facts |= NAMES_MODEL_ENTRY
    return facts | _framework_facts(kind, data, modules)


# `max_tokens=300`, `settings.max_tokens = 300`, `"max_tokens": 300` (also as a notebook's
# JSON escapes its quotes), and the same of max_completion_tokens. `\bword` is written
# `word(?<=\bword)`, here and below: `re` skips ahead to a leading literal but tries `\b` at
# every position (each search ten times as long on notebooks, whose JSON is mostly outputs).
_TOKEN_LIMIT = re.compile(rb"max_(?<=\bmax_)(?:completion_)?tokens(?:\s*=(?!=)|\\?[\"']\s*:)")


# `openai.ChatCompletion`, `openai.Embedding`, `from openai import Completion`: an openai<1.0
# resource class (`sdk.LEGACY_RESOURCES`), as a notebook's JSON holds it too
_V0_RESOURCE = re.compile(
    rb"openai(?<=\bopenai)\s*(?:\.\s*|\s+import\s+(?:\(\s*)?)(?:"
    + b"|".join(re.escape(name.encode()) for name in sdk.LEGACY_RESOURCES)
    + rb")\b"
)


# `import requests`, `from aiohttp import ClientSession`: a statement importing a package of
# `OPENAI_V0_ONLY_DEPENDENCIES` (at the start of a line, indented or not)
_V0_DEPENDENCY_IMPORT = re.compile(
    rb"(?m)^[ \t]*(?:import|from)[ \t]+("
    + b"|".join(re.escape(n.encode()) for n in OPENAI_V0_ONLY_DEPENDENCIES)
    + rb")(?![\w])"
)


def v0_dependencies(data: bytes) -> int:
    """The `IMPORTS_V0_DEPENDENCY` bits of the packages a module's bytes import."""
    bits = 0
    if _HOLDS[b"requests"](data) or _HOLDS[b"aiohttp"](data):
        for found in _V0_DEPENDENCY_IMPORT.finditer(data):
            bits |= IMPORTS_V0_DEPENDENCY[found[1].decode()]
    return bits


_ALL_V0_DEPENDENCIES = sum(IMPORTS_V0_DEPENDENCY.values())


def with_v0_dependencies(
    bits: dict[str, int], modules: Iterable[tuple[str, str]], root_of: Callable[[str], str]
) -> None:
    """Set in `bits` (by project root) the `IMPORTS_V0_DEPENDENCY` bits of the projects whose
    requirements admit an openai release ML504 may raise (a 0.x pin among them:
    `ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS`), from their Python modules (`modules`, as
    (name, kind); `root_of` gives a file's project root), read again: the packages openai<1
    installed matter only where the pin moves, so the other projects' modules (nearly all of
    a large tree) are not searched for them."""
    admits = ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS
    wanted = {root for root, found in bits.items() if found & admits}
    if not wanted:
        return
    for name, kind in modules:
        if kind != "python" or (root := root_of(name)) not in wanted:
            continue
        if bits[root] & _ALL_V0_DEPENDENCIES == _ALL_V0_DEPENDENCIES:
            continue
        try:
            data = read_once(name, FORMATS[kind].max_bytes)
        except UnreadableFile:
            continue
        bits[root] |= v0_dependencies(data)


def with_judge_imports(bits: dict[str, int], judging: dict[str, Judging]) -> None:
    """Clear `LOADS_DATASET_UNJUDGED` in `bits` (by project root) where each module of the
    project loading a pydantic-evals dataset without setting the default judge model imports
    one of the project's modules that set it (`judging`, by project root: the files with
    `SETS_JUDGE_MODEL`, those with `LOADS_DATASET_UNJUDGED`): its program then sets it
    (`configure()` of `from setup import configure`, a setup module's top level). A script
    that imports none may run without it. Only such projects' loading modules are read
    again: few projects have them."""
    for root, (setters, loaders) in judging.items():
        if setters and loaders and all(_imports_any_of(*f, setters) for f in loaders):
            bits[root] &= ~LOADS_DATASET_UNJUDGED


def marvin_set_for(modules: Mapping[str, list[tuple[tuple[str, str], int]]]) -> set[str]:
    """The names of the modules importing marvin (`modules`: by project root, each as its
    (name, kind) with its `MARVIN_BITS`) that do not set its default model themselves but run
    where a module of their project does: they import one setting it (`marvin.defaults.model
    = ...`), or they are tests pytest collects under a `conftest.py` setting or overriding it
    (a fixture). Only the modules of projects with such a module are read again."""
    found: set[str] = set()
    for files in modules.values():
        setters = [n for (n, kind), bits in files if bits & SETS_MARVIN_MODEL and kind == "python"]
        tests = [d for (n, _), bits in files if (d := _conftest_directory(n, bits)) is not None]
        if not setters and not tests:
            continue
        for file, bits in files:
            if bits & SETS_MARVIN_MODEL:
                continue  # the rule sees it itself
            if _tested_under(file[0], tests) or (setters and _imports_any_of(*file, setters)):
                found.add(file[0])
    return found


def _conftest_directory(name: str, bits: int) -> str | None:
    """The directory of the `conftest.py` `name` where it sets or overrides marvin's default
    model (`bits`: its `MARVIN_BITS`); else None."""
    directory, _, base = name.rpartition(os.sep)
    if base == "conftest.py" and bits & (SETS_MARVIN_MODEL | OVERRIDES_MARVIN_MODEL):
        return directory
    return None


def _tested_under(name: str, directories: list[str]) -> bool:
    """Whether the file `name` is one pytest collects (a test module, a conftest.py) in one
    of `directories` or below it."""
    if PYTEST_FILE.fullmatch(name.rpartition(os.sep)[2]) is None:
        return False
    return any(not d or name.startswith(d + os.sep) for d in directories)


def _imports_any_of(name: str, kind: str, files: list[str]) -> bool:
    """Whether the module or notebook `name` imports one of `files` (names given as `name`
    is; False where it cannot be read or parsed)."""
    try:
        imported = _imports_of(kind, read_once(name, FORMATS[kind].max_bytes))
    except UnreadableFile:
        return False
    return imported is not None and imports_any(imported, name, files)


def settings_apart(
    name: str,
    kind: str,
    data: bytes,
    setters: Mapping[str, Sequence[str]],
    graph: ImportGraph | None = None,
) -> list[str]:
    """The LlamaIndex default models of `setters` (model -> the names, given as `name` is, of
    the project's Python modules setting it at their top level) that the module or notebook
    `name` (of `kind`, its bytes `data`) imports none of the setters of (`import setup`,
    `from app.setup import x`, `from . import setup`; also inside a function, or in a
    notebook's cells; with `graph`, the project's modules, also through the modules it
    imports) and that are not the `__init__.py` of a package holding it (which runs before it
    where it is imported as part of its package): those it may run without, as an
    independent script does. All where it cannot be parsed."""
    imported = _imports_of(kind, data)
    if imported is None:
        return list(setters)
    missing = [
        model
        for model, files in setters.items()
        if not any(_holds(file, name) for file in files) and not imports_any(imported, name, files)
    ]
    if missing and graph is not None:
        reached = graph.reached(name, imported, (f for m in missing for f in setters[m]))
        missing = [model for model in missing if not reached.intersection(setters[model])]
    return missing


def module_imports(data: bytes) -> list[Imported] | None:
    """The imports of a Python module's bytes (`imported_of`); None where they cannot be
    parsed."""
    return _imports_of("python", data)


def _holds(file: str, name: str) -> bool:
    """Whether the file `file` is the `__init__.py` of a package above the file `name`."""
    directory, _, base = file.rpartition(os.sep)
    return base == "__init__.py" and name.startswith(directory + os.sep)


def _imports_of(kind: str, data: bytes) -> list[Imported] | None:
    """The imports of a module's or notebook's bytes (`imported_of`); None where they cannot
    be parsed (a module's tree is the screening's, `python_parsed`)."""
    if kind == "python":
        parsed = python_parsed(data)
        return None if parsed is None else imported_of(parsed[1])
    try:
        text = text_of(data, False)
        if kind == "notebook":
            text = build(read_notebook(text)).text
        tree = ast.parse(text)
    except (UnreadableFile, FormatError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return imported_of(tree)


def _writes_computed_key(data: bytes) -> bool:
    """Whether a module's bytes set a `*_API_KEY` variable under a name computed at run time,
    in the call or through a name (`_COMPUTED_KEY_WRITE`, `_COMPUTED_KEY_NAME`)."""
    if _COMPUTED_KEY_WRITE.search(data) is not None:
        return True
    return _COMPUTED_KEY_NAME.search(data) is not None and _WRITE_BY_NAME.search(data) is not None


# a read of OpenAI's key variable by name (`os.getenv("OPENAI_API_KEY")`, `os.environ[...]`)
_OPENAI_KEY_READ = re.compile(
    rb"(?:"
    + LOOKUP_TAILS
    + rb"\s*\(|environ\s*\[)\s*[\"'](?:"
    + b"|".join(re.escape(name.encode()) for name in sorted(sdk.KEY_VARS_TO_SWITCH))
    + rb")[\"']"
)
# a call of a capitalised name holding "OpenAI" (`OpenAIEmbeddingFunction(`)
_OPENAI_NAMED_CALL = re.compile(rb"\b([A-Z]\w*OpenAI\w*|OpenAI\w+)\s*\(")
# a class statement with a base of such a name (`class MyVanna(Store, OpenAI_Chat):`), whose
# construction takes what that base does (`openai_configs`)
_OPENAI_NAMED_BASE = re.compile(rb"\bclass\s+\w+\s*\(([^)]*)\)\s*:")
_OPENAI_NAMED_WORD = re.compile(rb"\b([A-Z]\w*OpenAI\w*|OpenAI\w+)\b")
# a settings dict written into the call of a class (`MyVanna(config={...})`), which may be one
# of another module of the project deriving from such a base (`openai_configs`)
_SETTINGS_TO_CLASS = re.compile(SETTINGS_TO_CLASS.encode())
# a base_url keyword given no string: maybe chosen at run time (`_keeps_openai_key`)
_RUN_TIME_BASE_URL = re.compile(rb"\bbase_url\s*=\s*(?![\s\"'rbfuRBFU]*[\"'])[^=]")
# a request on a resource some provider lacks (`moderations.`, `beta.`, `audio.`: not
# `chat.` nor `completions.`), which may leave its client on OpenAI, reading OpenAI's key
# variable (`key_left`, `unserved_clients`)
_UNSERVED_MAYBE = re.compile(
    rb"\.\s*(?:"
    + b"|".join(
        re.escape(name.encode())
        for name in sorted({path[0] for path, _ in sdk.SURFACES} - {"chat", "completions"})
    )
    + rb")\s*\.\s*\w"
).search


@functools.lru_cache(maxsize=1)
def _known_openai_names() -> frozenset[bytes]:
    """The last names of the SDK's clients and of every class or function the framework
    tables know: apply rewrites what they are given."""
    from migrate_llm.frameworks.modules import framework_names

    names = {*sdk.CLIENT_CLASSES, *framework_names()}
    return frozenset(name.rsplit(".", 1)[-1].encode() for name in names)


_KEY_NAMES = b"|".join(
    re.escape(name.encode()) for name in sorted(sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR})
)
# an annotated field of a class body (indented) whose default reads OpenAI's key variable
# (`openai_key: str = os.getenv("OPENAI_API_KEY", "")`, decouple's `config(...)`: the table's
# lookups, `env_read_calls`); group 1: its name, group 2: the lookup as written
_OPENAI_KEY_FIELD = re.compile(
    rb"(?m)^[ \t]+(\w+)[ \t]*:[^=\n]*=[ \t]*"
    + LOOKUP_CALLED
    + rb"\s*[\"'](?:"
    + _KEY_NAMES
    + rb")[\"']"
)
# a name a module binds at its level to a read of a key variable alone: OpenAI's, which ML401
# renames to the provider's (`OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")`, a string or
# None as its default, also as `default=`; any lookup of the table: decouple's `config`), or
# another `*_API_KEY` (the provider's, where an earlier apply renamed it); or of another
# OpenAI variable (`API_BASE = os.environ.get("OPENAI_API_BASE")`, `OPENAI_KEY`,
# `OPENAI_BASEURL`: which of them ML401 renames, running it there tells,
# `engine._settings_renamed`); group 1: the name, group 2: the variable
_OPENAI_KEY_SETTING = re.compile(
    rb"(?m)^(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*(?:"
    + LOOKUP_CALL
    + rb"|(?:os\.)?environ\[)[ \t]*[\"']("
    + rb"(?:[A-Z][A-Z0-9_]*_)?OPENAI_[A-Z0-9_]+|[A-Z][A-Z0-9_]*_API_KEY"
    + rb")[\"'][ \t]*(?:,[ \t]*(?:default[ \t]*=[ \t]*)?(?:None|[\"'][^\"'\n]*[\"'])[ \t]*)?"
    + rb"[)\]][ \t]*(?:#[^\n]*)?$"
)
# a value stored in OpenAI's key variable (`os.environ["OPENAI_API_KEY"] = key`, `setdefault`);
# not a stand-in written alone (`= "EMPTY"`: a word, no key; the review of session 62), which
# is no key of the user's that a class read from there
_OPENAI_KEY_STORE = re.compile(
    rb"environ(?:\s*\[\s*[\"'](?:"
    + _KEY_NAMES
    + rb")[\"']\s*\]\s*=(?!=)"
    + rb"(?![ \t]*[\"'](?!sk-)[A-Za-z_-]{0,20}[\"'][ \t]*(?:#[^\n]*)?(?:\r?\n|\Z))"
    + rb"|\.setdefault\(\s*[\"'](?:"
    + _KEY_NAMES
    + rb")[\"'])"
)


def key_flow_of(
    shown: str, data: bytes
) -> tuple[set[tuple[str, str]], bool, set[tuple[str, BuiltRead]], set[tuple[str, str]]]:
    """What a module flagged `MOVES_OPENAI_KEY` (shown as `shown`) tells: the (name, `shown`)
    of its class fields whose default reads OpenAI's key variable, or that apply points at
    the provider's key otherwise (`switched_fields`), whether it stores a value in that
    variable, (`shown`, read) of the fields it sets from a read under a name built at run
    time that may be OpenAI's key variable, and the (name, variable) it binds at its level to
    a read of a key variable alone (`RunFacts.openai_key_fields`, `openai_key_stored_in`,
    `built_key_fields`, `openai_key_settings`)."""
    fields = {
        (m[1].decode(), shown)
        for m in _OPENAI_KEY_FIELD.finditer(data)
        if reader_imported(data, m[2])
    }
    fields |= {(name, shown) for name in switched_fields(data)}
    built = {(shown, read) for read in built_fields(data)}
    settings = {(m[1].decode(), m[2].decode()) for m in _OPENAI_KEY_SETTING.finditer(data)}
    return fields, _OPENAI_KEY_STORE.search(data) is not None, built, settings


def _keeps_openai_key(data: bytes) -> bool:
    """Whether a module's bytes read OpenAI's key variable and call a class named like OpenAI
    that no table knows (or define a class deriving from one, or give a class a settings dict:
    its base may be one), or give a base URL that is no string (one chosen at run time, ML003
    leaves the client: `key_left`) (`KEEPS_OPENAI_KEY`)."""
    if not _HOLDS[b"OPENAI"](data) or not reads_any(_OPENAI_KEY_READ, data):
        return False
    if _RUN_TIME_BASE_URL.search(data) is not None:
        return True
    known = _known_openai_names()
    if any(m[1] not in known for m in _OPENAI_NAMED_CALL.finditer(data)):
        return True
    if _SETTINGS_TO_CLASS.search(data) is not None:
        return True
    return any(
        w[1] not in known
        for m in _OPENAI_NAMED_BASE.finditer(data)
        for w in _OPENAI_NAMED_WORD.finditer(m[1])
    )


# a class statement naming `BaseSettings` among its bases (`class Settings(BaseSettings):`)
_STATES_SETTINGS = re.compile(rb"^[ \t]*class\s+\w+\s*\([^)]*\bBaseSettings\b", re.MULTILINE)
# a method of `lc.MEMBER_METHODS` called on an attribute of an object as `member_read` follows
# it: of a name other than `self` (`endpoint._llm.bind_tools(`), or of `self.X`
# (`self.endpoint._llm.bind_tools(`); not of `self` itself (`self.llm.bind_tools(`, the class's
# own attribute, which every LangChain project calls) nor of a longer dotted name
_ASKS_MEMBER = re.compile(
    rb"(?<![\w.])(?:self\s*\.\s*\w+|(?!self\b)\w+)\s*\.\s*\w+\s*\.\s*(?:"
    + b"|".join(m.encode() for m in lc.MEMBER_METHODS)
    + rb")\s*\("
)
_MEMBER_METHODS = tuple(_literal(m.encode()) for m in lc.MEMBER_METHODS)
_STATES_CLASS = re.compile(rb"^[ \t]*class\s", re.MULTILINE)


def states_class(data: bytes) -> bool:
    """Whether a module's bytes state a class (`class Endpoint:`; a line of a string too)."""
    return _STATES_CLASS.search(data) is not None


# a call of litellm's embeddings functions (`embedding(`, `litellm.aembedding(`)
_LITELLM_EMBEDDING = re.compile(rb"\ba?embedding\s*\(")


@functools.lru_cache(maxsize=1)
def _framework_embedding_names() -> frozenset[bytes]:
    """The last names of the embeddings classes the framework tables know (`OpenAIEmbeddings`,
    `OpenAIEmbedding`): the API most providers lack, which apply leaves on OpenAI."""
    from migrate_llm.frameworks.modules import framework_names

    names = {name.rsplit(".", 1)[-1] for name in framework_names()}
    return frozenset(n.encode() for n in names if "Embedding" in n)


def _uses_llamaindex_default(data: bytes) -> bool:
    """Whether a module's bytes name LlamaIndex and call what may use its default models,
    which read OpenAI's key variable (`li.uses_default`; the prefilter passes such a module
    over: it names no OpenAI)."""
    return _HOLDS[b"llama_index"](data) is not None and li.uses_default(data)


def _framework_reads_key(data: bytes) -> bool:
    """Whether a module's bytes call an embeddings class of a framework that a table knows
    (`OpenAIEmbeddings(`), or litellm's `embedding(`/`aembedding(`, or use a LlamaIndex
    default model (`li.uses_default`): given no key, such a class reads OpenAI's key variable
    itself where apply leaves it on OpenAI (a provider serving no embeddings; `key_left` asks
    its rule) (`KEEPS_OPENAI_KEY`, t62d, t67d)."""
    if _uses_llamaindex_default(data):
        return True
    if _HOLDS[b"litellm"](data) is not None and _LITELLM_EMBEDDING.search(data) is not None:
        return True
    if _HOLDS[b"OpenAI"](data) is None:
        return False
    known = _framework_embedding_names()
    return any(m[1] in known for m in _OPENAI_NAMED_CALL.finditer(data))


def _v0_classes_named(data: bytes) -> int:
    """The `NAMES_V0_CLASS` bits of the frameworks one of whose openai<1 classes a file's
    bytes import or name (`_V0_CLASS_NAMED`)."""
    found = 0
    for word, search, bit in _V0_CLASS_NAMED:
        if word(data) and search.search(data):
            found |= bit
    return found


def _parts_named(data: bytes) -> int:
    """The `NAMES_PART` bits of the parts whose word a file's bytes hold."""
    found = 0
    for word, bit in _PART_WORDS:
        if word(data):
            found |= bit
    return found


# A header sending a key (`sdk.KEY_HEADERS`), as a module's lowercased bytes hold it: each
# word opening a quoted string, with what must follow it there. Its scheme before the key
# (`f"bearer {key}"`, `"bearer %s" % key`); the name of a header carrying the key bare
# (`{"api-key": key}`); the name of a header with a scheme given a value that is not a lone
# name (`{"authorization": config.api_key}`: a setting holding the scheme too, while
# `{"authorization": token}` sends a parameter, most often another service's token: issue
# #16's 3,600 modules sending one are passed over)
_KEY_HEADER_CHECKS = tuple(
    [(scheme.encode(), re.compile(rb"\s").match) for scheme in sdk.KEY_HEADERS.values() if scheme]
    + [
        (
            name.encode(),
            re.compile(
                rb"[\"']\s*:(?!\s*\w+\s*(?:[,})\]#]|$))" if scheme else rb"[\"']", re.MULTILINE
            ).match,
        )
        for name, scheme in sdk.KEY_HEADERS.items()
    ]
)
_QUOTES = b"\"'"
# the words one of which such bytes hold (none holding another), searched first
_KEY_HEADER_WORDS = tuple(
    w for w, _ in _KEY_HEADER_CHECKS if not any(o != w and o in w for o, _ in _KEY_HEADER_CHECKS)
)
# (`bytes.__contains__` would first try each word as an integer: `rare_bytes`)
_KEY_HEADER_SEARCHES = tuple((w, literal_search(w)) for w in _KEY_HEADER_WORDS)
_CHAT_PATH = sdk.CHAT_PATH.lstrip("/").encode()  # also `urljoin(base, "chat/completions")`
Held = Callable[[bytes], bool]


def sends_key_header(data: bytes) -> bool:
    """Whether a module's bytes hold a header sending a key, in any case
    (`_KEY_HEADER_CHECKS`: `"Bearer `, `"bearer `, `"X-API-Key"`, `"Authorization":
    config.API_KEY`). One lowercased copy of the bytes is searched for the words, then for
    each check whose word it holds, and what follows only where a quote opens it: less than a
    pattern's search, which stops at each quote of the module."""
    lowered = data.lower()
    held = [w for w, search in _KEY_HEADER_SEARCHES if search(lowered) is not None]
    if not held:
        return False
    for word, follows in _KEY_HEADER_CHECKS:
        if not any(w in word for w in held):
            continue
        at = lowered.find(word, 1)
        while at != -1:
            if lowered[at - 1] in _QUOTES and follows(lowered, at + len(word)):
                return True
            at = lowered.find(word, at + 1)
    return False


@functools.lru_cache(maxsize=4)
def request_urls(names: tuple[str, ...]) -> Held:
    """Whether a file's bytes hold one of `names`: the hosts of OpenAI and of the provider a
    run moves to, and the provider's base-URL variable (a URL `raw_request_keys.url_module`
    tells of a module a request takes it from)."""
    needles = [n.encode() for n in names if n]
    searches = tuple(
        _literal(n) for n in dict.fromkeys(needles) if not any(o != n and o in n for o in needles)
    )

    def held(data: bytes) -> bool:
        for search in searches:  # noqa: SIM110 (a loop costs less than any() on most files)
            if search(data) is not None:
                return True
        return False

    return held


def key_request_facts(data: bytes, worth: bool, urls: Held) -> int:
    """The `SENDS_KEY_HEADER`, `NAMES_CHAT_PATH` and `HOLDS_REQUEST_URL` bits of a Python
    module's bytes in a run moving to another provider (`urls`: `request_urls` of OpenAI's and
    its URLs): each is searched for a URL (a module holding only the provider's URL, which a
    request elsewhere imports, is not worth examining); one the prefilter rules out, for a
    key header, and only one holding such a header for a chat path."""
    held = HOLDS_REQUEST_URL if urls(data) else 0
    if worth or not sends_key_header(data):
        return held
    return SENDS_KEY_HEADER | held | (NAMES_CHAT_PATH if names_chat_path(data) else 0)


def names_chat_path(data: bytes) -> bool:
    """Whether a module's bytes name a chat request's path (`sdk.CHAT_PATH`)."""
    return _CHAT_PATH in data


@functools.lru_cache(maxsize=4)
def endpoint_urls(hosts: tuple[str, ...]) -> Search:
    """The search for an OpenAI URL with an API path in a file's bytes: one of `hosts` (the
    registry's OpenAI hosts) followed by `/v1/` and a path or a placeholder for one
    (`api.openai.com/v1/chat/completions`, `/v1/{path}`), not a plain base URL. A literal
    leads it: most texts are passed over at `re`'s speed."""
    alternatives = b"|".join(re.escape(h.encode()) for h in hosts) or b"(?!)"
    return re.compile(rb"(?:" + alternatives + rb")/v1/[A-Za-z{]").search


# A call of a class named with `OpenAI` (group 1: the rest of its name): the SDK's clients
# (`OpenAI(`, `AsyncAzureOpenAI(`; JavaScript's `new OpenAI(`) and the frameworks' OpenAI
# classes (`ChatOpenAI(`, `OpenAIEmbeddings(`, `OpenAIServerModel(`, `OpenAIChatGenerator(`:
# each framework's table names its classes so). Led by its literal, the name's start is
# looked for behind it.
_OPENAI_CLASS_CALL = re.compile(rb"OpenAI(\w*)\s*\(")
# The openai module's own clients and requests: `openai.Client(`, `openai.ChatCompletion.create(`
# (openai<1.0), `openai.chat.completions.create(` (the module client of openai>=1.0), on the
# resources of the surfaces that take a model.
_MODULE_REQUEST = re.compile(
    rb"openai\s*\.\s*(?:(?:Async)?Client\s*\(|(?:"
    + b"|".join(
        sorted(
            {
                *(p[0].encode() for p, s in sdk.SURFACES if s in sdk.TELLTALE_SURFACES),
                *(r.encode() for r, s in sdk.LEGACY_SURFACE.items() if s in sdk.TELLTALE_SURFACES),
            }
        )
    )
    + rb")\s*\.)"
)
# A class field named after OpenAI's key variable (`    openai_api_key: str`), in a module
# naming pydantic's `BaseSettings` (`settings_fields`: ML401 gives it the provider's alias)
# A `*_API_KEY` variable set under a name computed at run time: `os.environ[f"{p.upper()}
# _API_KEY"] = key`, `os.environ[name + "_API_KEY"] = key`, `os.environ.setdefault(f"...`,
# `os.putenv(f"...` (what `EnvNames.computed_write` finds in a module, as its text shows it).
_COMPUTED_NAME = (
    rb"(?:f[\"'][^\"'\n]*\{[^\"'\n]*_API_KEY[\"']|[^\]\n,]*\+\s*[\"'][A-Z_]*_API_KEY[\"'])"
)
_COMPUTED_KEY_WRITE = re.compile(
    rb"environ\s*\[\s*" + _COMPUTED_NAME + rb"\s*\]\s*=(?!=)"
    rb"|(?:environ\s*\.\s*setdefault|putenv)\s*\(\s*" + _COMPUTED_NAME
)
# ... or through a name (aider's `env_var = f"{provider.strip().upper()}_API_KEY"`, then
# `os.environ[env_var] = key`): a name given such a value, and a write under a bare name.
_COMPUTED_KEY_NAME = re.compile(rb"\b\w+\s*=\s*" + _COMPUTED_NAME)
_WRITE_BY_NAME = re.compile(rb"environ\s*\[\s*\w+\s*\]\s*=(?!=)")
_OPENAI_SETTINGS_FIELD = re.compile(rb"\n[ \t]+openai_api_key[ \t]*:", re.IGNORECASE)
# Words before a name that define it rather than call it (`class MyOpenAI(Base):`)
_DEFINES = (b"class", b"def", b"function")


def _uses_openai_client(data: bytes, holds_openai: bool = True) -> bool:
    """Whether a module's bytes build an OpenAI client (`_OPENAI_CLASS_CALL`, not an error
    class's `OpenAIError(` nor a definition) or call the openai module's requests
    (`_MODULE_REQUEST`; only where they hold `openai`, `holds_openai`), off a comment's
    line (`# engine = OpenAIEngine()`)."""
    if _HOLDS[b"OpenAI"](data):
        for match in _OPENAI_CLASS_CALL.finditer(data):
            rest = match[1]
            if rest.endswith((b"Error", b"Exception")):
                continue
            start = match.start()
            while start and (data[start - 1 : start].isalnum() or data[start - 1] == 95):
                start -= 1
            line = data[data.rfind(b"\n", 0, start) + 1 : start]
            if b"#" not in line and not line.rstrip().endswith(_DEFINES):
                return True
    if holds_openai and _HOLDS[b"openai"](data):
        for match in _MODULE_REQUEST.finditer(data):
            start = match.start()
            before = data[start - 1 : start]
            line = data[data.rfind(b"\n", 0, start) + 1 : start]
            if not (before.isalnum() or before == b"_") and b"#" not in line:
                return True
    return False


# `openai.` as `re` finds it: in a text without it about twice as fast as `in`
_OPENAI_DOT = re.compile(rb"openai\.").search
# `openai.api_key = ...` and the other openai<1.0 module settings, and openai>=1.0's
# `openai.base_url = ...`, at any indentation.
_MODULE_SETTING = re.compile(
    rb"^[ \t]*openai\.(?:api_key|api_key_path|api_base|base_url|organization|api_type"
    rb"|api_version)\s*=(?!=)",
    re.MULTILINE,
)
_MODULE_BASE_URL_SET = re.compile(rb"^[ \t]*openai\.(?:api_base|base_url)\s*=(?!=)", re.MULTILINE)
# litellm's key set process-wide: `litellm.api_key = ...` (not `x.litellm.api_key`, not `==`)
_LITELLM_KEY_SET = re.compile(
    rb"(?<![\w.])litellm\s*\.\s*(?:"
    + b"|".join(k.encode() for k in fw_litellm.GLOBAL_KEYS)
    + rb")\s*=(?!=)"
)
# `openai.api_key` (or its base URL) read as a value: not `x.openai.api_key`, not a target
_MODULE_SETTING_READ = re.compile(
    rb"openai(?<![\w.]openai)\.(?:api_key|api_base|base_url)\b(?!\s*=(?!=))"
)


def _framework_facts(kind: str, data: bytes, modules: set[str] | None) -> int:
    """What a file tells of crewAI, Semantic Kernel, pydantic-ai and litellm: a module or
    notebook imports one (one importing pydantic-ai or the like may set pydantic_evals'
    judge model), or calls litellm with a model (also through a stand-in imported
    from elsewhere, so its bytes are searched), a .env sets crewAI's default model.
    `modules`: the frameworks the prefilter found imported (most files, ruled out: no search
    of their bytes), None where it did not look."""
    if kind in ("python", "notebook"):
        facts = 0
        if (_HOLDS[b"litellm"](data) and fw_litellm.CALL_TEXT.search(data) is not None) or (
            _HOLDS[b"LiteLLM"](data) and smol.CALL_TEXT.search(data) is not None
        ):
            facts = CALLS_LITELLM
        if _HOLDS[b"interpreter"](data) and oi.IMPORT_TEXT.search(data) is not None:
            facts |= CALLS_LITELLM | USES_OPEN_INTERPRETER
        if _HOLDS[b"txtai"](data) and fw_txtai.IMPORT_TEXT.search(data) is not None:
            facts |= USES_TXTAI
        for name, (bit, holds, pattern) in _FRAMEWORK_IMPORTS.items():
            if modules is not None:
                if name in modules:
                    facts |= bit
            elif holds(data) and pattern.search(data) is not None:
                facts |= bit
        if facts & IMPORTS_PYDANTIC_AI and pai.SETS_JUDGE.search(data) is not None:
            facts |= SETS_JUDGE_MODEL
        elif facts & IMPORTS_PYDANTIC_AI and pai.LOADS_DATASET.search(data) is not None:
            facts |= LOADS_DATASET_UNJUDGED
        for word, pattern, bit in _CONFIGURED_IMPORT:
            if word(data) and pattern.search(data) is not None:
                facts |= bit
        if facts & IMPORTS_PYDANTIC_AI and b"marvin" in data and mv.IMPORT.search(data):
            facts |= SETS_MARVIN_MODEL if mv.SETS_MODEL.search(data) else MARVIN_MODEL_UNSET
            if b"override_defaults" in data and mv.OVERRIDES_MODEL.search(data):
                facts |= OVERRIDES_MARVIN_MODEL
        return facts
    if kind == "dotenv" and b"MODEL" in data and crewai.SETS_MODEL.search(data):
        return SETS_CREWAI_MODEL
    return 0


_FRAMEWORK_IMPORTS = {
    name: (bit, _literal(name.encode()), pattern)
    for name, (bit, pattern) in {
        "crewai": (IMPORTS_CREWAI, crewai.IMPORT),
        "dspy": (IMPORTS_DSPY, dspy.IMPORT),
        "semantic_kernel": (IMPORTS_SEMANTIC_KERNEL, sk.IMPORT),
        **{library.module: (IMPORTS_PYDANTIC_AI, pai.IMPORT) for library in pai.PREFIXED},
    }.items()
}


# the files `formats.dependencies.requirements` reads (`toml`: pyproject.toml)
_REQUIREMENT_KINDS = frozenset({"requirements", "toml", "setup", "setup.py"})
# openai or a framework a release of which needs openai<1 (`keeps_openai_0`), as a file may
# spell it (`llama_index`), as a requirement names it: not a part of another project's name, a
# module path or prose (`llama-index-llms-openai`, `llama_index.core`, "llama-index packs": the
# 600 pyproject.toml files of LlamaIndex's integrations were each parsed for a pin none holds)
_NAMES_OPENAI_V0 = re.compile(
    rb"(?i)(?<![\w.-])(?:openai|"
    + b"|".join(
        rb"[-_.]".join(re.escape(p.encode()) for p in name.split("-"))
        for name in (*FIRST_OPENAI_V1, *REPLACED_FOR_OPENAI_V1, *OPENAI_V0_LIBRARIES)
    )
    # then what may follow a requirement's name: its extras, a specifier, a marker, the end
    # of the string or line (`langchain[openai]==0.0.150`, Poetry's `openai = "^0.27"`)
    + rb")(?=[ \t]*(?:\[[^\]\n]*\][ \t]*)?(?:[<>=!~^(;@,\"'\]\r\n]|\Z))"
    + rb"|/openai-python"  # the SDK's repository, by URL
)


def _framework_pins(kind: str, data: bytes) -> int:
    """`PINS_NAME_CHECKING_AGENT` when the file requires llama-index with a specifier that
    admits no release from `li.FIRST_AGENT_BY_METADATA` on (`llama-index==0.9.7`),
    `PINS_OLD_AGNO` when it requires agno with one that admits none from
    `agno.FIRST_NATIVE_OUTPUTS` on (`agno==1.1.5`); `PINS_OLD_CREWAI` / `PINS_NEW_CREWAI` when
    it requires crewai with one admitting no release from / before
    `crewai.FIRST_COMPATIBLE_ROUTES` (`crewai==1.6.1`, `crewai>=1.13`);
    `PINS_OLD_LANGCHAIN_OPENAI` when it requires langchain-openai with one admitting none from
    `lc.FIRST_TEXT_EMBEDDINGS` on (`langchain-openai==0.0.6`), `PINS_FUNCTION_CALLING_OUTPUT`
    when with one admitting none from `lc.FIRST_JSON_SCHEMA_DEFAULT` on;
    `PINS_LANGCHAIN_WITHOUT_BASE_URL`'s
    bit of each kind of class when it requires langchain with one admitting none from that
    kind's `lc.BASE_URL_SINCE` on (`langchain==0.0.61`: all three); `KEEPS_OPENAI_V0` when it keeps
    the project on openai<1 (`keeps_openai_0`); `REQUIRES_LITELLM` when it requires litellm
    or crewai's litellm extra (`crewai[tools,litellm]`), else `REQUIRES_CREWAI_ALONE` when
    it requires crewai (Poetry's `crewai = {extras = [...]}`: by whether the file names
    litellm); `PINS_OPENAI_BEFORE_COMPLETION_TOKENS` when it requires openai 1.x with one
    admitting no release from 1.45.0 on (`sdk.KEYWORD_SINCE`; `openai==1.39.0`),
    else `ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS` when with one admitting a release before
    it (`openai>=1.3.5`, `openai`), and `PINS_OPENAI_BEFORE_KEYWORD`'s bit of each keyword
    of `sdk.KEYWORD_SINCE` whose release it admits none from;
    `PINS_INSTRUCTOR_READING_FUNCTION_CALL` when it requires instructor with one admitting no
    release from `ins.FROM_RESPONSE_TOOLS_SINCE` on, or none before
    `ins.TOOLS_READS_FUNCTION_CALL_SINCE` (`instructor==0.4.0`, `instructor>=1.16`);
    `PINS_TIKTOKEN_BEFORE_ENCODING` when it requires tiktoken with one admitting no release
    from `tok.FIRST_WITH_ENCODING` on (`tiktoken==0.4.0`); `PINS_LITELLM_UNFILLED`'s bit of a
    route when it requires litellm with one admitting no release from that route's
    `TOOL_TURNS_FILLED` on (`litellm==1.83.4`); `REQUIRES_V0_LIBRARY`'s bit of a package
    running on openai<1 only that it requires (`gptcache`)."""
    # imported here: the rules' modules import this one
    from migrate_llm.formats.dependencies import requirements
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.rules.dependency_pin import (
        admits_from,
        caps_below,
        keeps_openai_0,
        pins_legacy,
    )

    try:
        doc = ConfigDocument.read("", kind, data.decode("utf-8", "replace"))
    except FormatError:
        return 0
    facts = KEEPS_OPENAI_V0 if _NAMES_OPENAI_V0.search(data) and keeps_openai_0(doc) else 0
    for found in requirements(doc):
        if found.name == "llama-index" and caps_below(found.spec, li.FIRST_AGENT_BY_METADATA):
            facts |= PINS_NAME_CHECKING_AGENT
        elif found.name == "agno" and caps_below(found.spec, agno.FIRST_NATIVE_OUTPUTS):
            facts |= PINS_OLD_AGNO
        elif found.name == crewai.LITELLM_EXTRA_NAME:
            facts |= REQUIRES_LITELLM
            for prefix, first in TOOL_TURNS_FILLED.items():
                if caps_below(found.spec, first):
                    facts |= PINS_LITELLM_UNFILLED[prefix]
        elif found.name == crewai.REQUIREMENT:
            if found.style == "poetry":
                extras = b"litellm" in data
            else:
                extras = crewai.LITELLM_EXTRA_NAME in _extras(found.shown)
            facts |= REQUIRES_LITELLM if extras else REQUIRES_CREWAI_ALONE
            if caps_below(found.spec, crewai.FIRST_COMPATIBLE_ROUTES):
                facts |= PINS_OLD_CREWAI
            elif admits_from(found.spec, crewai.FIRST_COMPATIBLE_ROUTES):
                facts |= PINS_NEW_CREWAI
            if caps_below(found.spec, crewai.FIRST_1):
                facts |= PINS_CREWAI_0
            elif admits_from(found.spec, crewai.FIRST_1):
                facts |= PINS_CREWAI_1
        elif found.name == lc.SETTINGS_REQUIREMENT:
            if caps_below(found.spec, lc.FIRST_TEXT_EMBEDDINGS):
                facts |= PINS_OLD_LANGCHAIN_OPENAI
            if caps_below(found.spec, lc.FIRST_JSON_SCHEMA_DEFAULT):
                facts |= PINS_FUNCTION_CALLING_OUTPUT
            if caps_below(found.spec, lc.TOKEN_LIMIT_ALIAS_SINCE):
                facts |= PINS_MAX_TOKENS_AS_IS
        elif found.name == lc.MONOLITH_REQUIREMENT:
            for kind, first in lc.BASE_URL_SINCE.items():
                if caps_below(found.spec, first):
                    facts |= PINS_LANGCHAIN_WITHOUT_BASE_URL[kind]
        elif found.name == "instructor" and (
            caps_below(found.spec, ins.FROM_RESPONSE_TOOLS_SINCE)
            or admits_from(found.spec, ins.TOOLS_READS_FUNCTION_CALL_SINCE)
        ):
            facts |= PINS_INSTRUCTOR_READING_FUNCTION_CALL
        elif found.name == "openai":
            for keyword, bit in PINS_OPENAI_BEFORE_KEYWORD.items():
                if caps_below(found.spec, sdk.KEYWORD_SINCE[keyword]) and not pins_legacy(
                    found.spec
                ):
                    facts |= bit
            first = sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS]
            # ML504 raises a pin below 1 (or the code stays on 0.x)
            if caps_below(found.spec, first) and not pins_legacy(found.spec):
                facts |= PINS_OPENAI_BEFORE_COMPLETION_TOKENS
            elif not admits_from(found.spec, first):
                facts |= ADMITS_OPENAI_BEFORE_COMPLETION_TOKENS
        elif found.name == tok.TIKTOKEN_REQUIREMENT and caps_below(
            found.spec, tok.FIRST_WITH_ENCODING
        ):
            facts |= PINS_TIKTOKEN_BEFORE_ENCODING
        facts |= _ROUTE_PACKAGES.get(found.name, 0) | REQUIRES_V0_LIBRARY.get(found.name, 0)
    return facts


# the package of each route of `lc.ROUTE_PACKAGES` -> its bit
_ROUTE_PACKAGES = {
    package: REQUIRES_LANGCHAIN_ROUTE[name] for name, package in lc.ROUTE_PACKAGES.items()
}


# a quoted `openai:` model string (in a notebook's JSON, its quote escaped): the model
# a quoted `openai:` model string (in a notebook's JSON, its quote escaped): the model, and
# the colon after it where it is a dict's key
_OPENAI_ROUTE = re.compile(rb"[\"']openai:([A-Za-z0-9][\w.:-]*)\\?[\"']([ \t]*:)?")


def holds_openai_route(data: bytes) -> bool:
    """Whether a module's bytes hold an `openai:` model string of a chat model
    (`"openai:gpt-4.1"`, not `"openai:text-embedding-3-small"`)."""
    return bool(_openai_routes(data, named=False))


def _openai_routes(data: bytes, named: bool = True) -> int:
    """One pass over the `openai:` model strings of a module's bytes: `HOLDS_OPENAI_ROUTE`
    where one is a chat model's, and with `named` `NAMES_THINKING_ROUTE` / `NAMES_PLAIN_ROUTE`
    for those of OpenAI's own chat models held as values (not a dict's keys), by its
    `thinking_models`."""
    from migrate_llm.registry import load_registry
    from migrate_llm.rules.thinking_switch import thinks

    bits, openai = 0, None
    for found in _OPENAI_ROUTE.finditer(data):
        model = found[1].decode("ascii")
        if sdk.surface_of_model(model) != "chat":
            continue
        bits |= HOLDS_OPENAI_ROUTE
        if not named or found[2] is not None:
            continue
        openai = openai or load_registry().openai
        # OpenAI's own models only (not `"openai:deepseek-flash"`, an earlier apply's)
        if openai.serves(model):
            bits |= NAMES_THINKING_ROUTE if thinks(openai, model) else NAMES_PLAIN_ROUTE
    return bits


# a quoted model string of a provider's own route (`"deepseek:deepseek-flash"`), as a value
_OWN_ROUTE_VALUE = re.compile(
    rb"[\"'](" + b"|".join(re.escape(n.encode()) for n in lc.INIT_ROUTES) + rb"):"
    rb"[A-Za-z0-9][\w.:-]*\\?[\"'](?![ \t]*:)"
)


_PROVIDER_READERS = tuple(name.encode() for name in lc.PROVIDER_READERS)
_COLON_SPLIT = tuple(literal_search(c) for c in (b'":"', b"':'"))
_PROVIDER_WORDS = tuple(literal_search(w) for w in (b"rovider", b"ROVIDER"))
_SPLIT_WORDS = tuple(literal_search(w) for w in (b"split(", b"partition("))
# `provider, model = value.split(":", 1)` (also `.partition(":")`, `'`), the first name
# naming a provider
_PROVIDER_MODEL_SPLIT = re.compile(
    rb"(?i)\b\w*provider\w*\s*,\s*\w+\s*(?:,\s*\w+\s*)?=[^=\n]*\.(?:r?split|r?partition)\(\s*[\"']:[\"']"
)


# litellm's `openai/` written before a model by the code: an f-string starting with it, the
# string alone added to something (`"openai/" + model`, `"openai/{}".format(m)`,
# `"openai/%s" % m`), or the string alone as a value (`PREFIX = {"OpenAI": "openai/"}`,
# `prefix = "openai/"`; not `== "openai/"`, nor an argument: `m.startswith("openai/")`)
_ADDS_OPENAI_ROUTE = re.compile(
    rb"\bf[\"']openai/\{"
    rb"|[\"']openai/[\"']\s*\+"
    rb"|[\"']openai/(?:\{\}|%s)[\"']"
    rb"|(?::|(?<![=!<>])=)\s*[\"']openai/[\"']\s*[,}\n#]"
)


def adds_openai_route(data: bytes) -> bool:
    """Whether a module's bytes write litellm's `openai/` before a model themselves
    (`ADDS_OPENAI_ROUTE`)."""
    return _ADDS_OPENAI_ROUTE.search(data) is not None


def _splits_provider(data: bytes) -> bool:
    """Whether a module's bytes split a string at its colon into a provider and a model
    (`SPLITS_PROVIDER_MODEL`)."""
    # the words first: the search, led by a word of any case, stops at each word of a module;
    # loops, not any() over generators: most modules of a large tree hold no such word
    for words in (_PROVIDER_WORDS, _COLON_SPLIT, _SPLIT_WORDS):
        for held in words:
            if held(data) is not None:
                break
        else:
            return False
    return _PROVIDER_MODEL_SPLIT.search(data) is not None


_SLASH_HEAD = tuple(literal_search(q + b"openai/") for q in (b'"', b"'"))
# a quoted `openai/` model string: the model
_SLASH_ROUTE = re.compile(rb"[\"']openai/([A-Za-z0-9][\w.:-]*)\\?[\"']")


# a client given another service's URL written out
# (`OpenAI(base_url="https://openrouter.ai/api/v1")`)
_OTHER_BASE_URL = re.compile(
    rb"\b(?:base_url|api_base|openai_api_base|base_path)[\"']?\s*[=:]\s*"
    rb"[\"']https?://(?!api\.openai\.com)"
)
# an OpenAI SDK client given a base URL read from elsewhere or another service's
# (`OpenAI(base_url=os.environ["OPENROUTER_BASE_URL"])`): its `openai/` ids are that service's
_CLIENT_BASE_URL = re.compile(
    rb"\b(?:Async)?OpenAI\((?:[^()]|\([^()]*\))*\bbase_url\s*=\s*"
    rb"(?![\"']https?://api\.openai\.com)(?!None\b)"
)


# `openai/` stripped off a string: `.removeprefix("openai/")`, `.replace("openai/", "")`,
# `[len("openai/"):]`, `.split("openai/")[1]`, `.split("/", 1)`, `.partition("/")[2]`
_OPENAI_STRIPPED = re.compile(
    rb"\.removeprefix\(\s*[\"']openai/[\"']\s*\)"
    rb"|\.replace\(\s*[\"']openai/[\"']\s*,\s*(?:\"\"|'')"
    rb"|\[\s*len\(\s*[\"']openai/[\"']\s*\)\s*:\s*\]"
    rb"|\.split\(\s*[\"']openai/[\"']\s*\)\s*\[\s*-?1\s*\]"
    rb"|\.split\(\s*[\"']/[\"']\s*,\s*(?:maxsplit\s*=\s*)?1\s*\)"
    rb"|\.partition\(\s*[\"']/[\"']\s*\)\s*\[\s*2\s*\]"
)


def _slash_facts(data: bytes) -> int:
    """`STRIPS_OPENAI_ROUTE` and `POINTS_CLIENT_ELSEWHERE` of a Python module's bytes."""
    facts = 0
    if b"/" in data and _OPENAI_STRIPPED.search(data) is not None:
        facts |= STRIPS_OPENAI_ROUTE
    if (b"base" in data or b"BASE" in data) and (
        _OTHER_BASE_URL.search(data) is not None
        or (_HOLDS[b"OpenAI"](data) is not None and _CLIENT_BASE_URL.search(data) is not None)
    ):
        facts |= POINTS_CLIENT_ELSEWHERE
    return facts


def slash_route_elsewhere(data: bytes) -> bool:
    """Whether a module's `openai/` strings are another service's ids, not a `provider/model`
    string for LangChain: the module calls litellm (its `openai/` route), gives a client
    another service's URL (OpenRouter's `"openai/gpt-4o"`) or an OpenAI SDK client a base
    URL read from elsewhere."""
    return (
        (_HOLDS[b"litellm"](data) is not None and fw_litellm.CALL_TEXT.search(data) is not None)
        or (_HOLDS[b"LiteLLM"](data) is not None and smol.CALL_TEXT.search(data) is not None)
        or _OTHER_BASE_URL.search(data) is not None
        or (_HOLDS[b"OpenAI"](data) is not None and _CLIENT_BASE_URL.search(data) is not None)
    )


class _Source:
    """The bytes of a parsed module's nodes, as `ast.get_source_segment` gives them encoded,
    from its lines' offsets found once (that function splits the whole text at each call)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        # bytes.splitlines breaks at what `ast` counts lines by: \r\n, \r and \n
        self.starts = list(itertools.accumulate(map(len, data.splitlines(True)), initial=0))

    def of(self, node: ast.expr) -> bytes:
        """The code of `node` (columns are UTF-8 offsets in its lines)."""
        if node.end_lineno is None or node.end_col_offset is None:
            return b""
        starts = self.starts
        start = starts[node.lineno - 1] + node.col_offset
        return self.data[start : starts[node.end_lineno - 1] + node.end_col_offset]


def _elsewhere_call(call: ast.Call, source: _Source, clients: set[str], lite: set[str]) -> bool:
    """Whether `call` is litellm's (`litellm.completion(...)`, a name imported from litellm,
    `LiteLLMModel(...)`), builds a client given another service's or an outside URL, or calls
    a method of a name bound to such a client (`client.chat.completions.create(...)`)."""
    head = source.of(call)
    if (
        fw_litellm.CALL_TEXT.match(head)
        or smol.CALL_TEXT.match(head)
        or (isinstance(call.func, ast.Name) and call.func.id in lite)
    ):
        return True
    if _OTHER_BASE_URL.search(head) or _CLIENT_BASE_URL.match(head):
        return True
    root = call.func
    while isinstance(root, ast.Attribute):
        root = root.value
    return root is not call.func and isinstance(root, ast.Name) and root.id in clients


def slash_ids_elsewhere(data: bytes) -> frozenset[str]:
    """The `openai/` strings of a module that are another service's ids
    (`slash_route_elsewhere`): each of their uses is an argument of a litellm call or of a
    client given another service's URL, or a name bound to them used only there (or nowhere:
    `ROUTER_MODEL = "openai/gpt-4o"`). Others beside such a call (a splitter's
    `load_chat_model("openai/gpt-4o")`) stay LangChain's `provider/model` strings."""
    if all(held(data) is None for held in _SLASH_HEAD) or not slash_route_elsewhere(data):
        return frozenset()
    try:
        text = data.decode("utf-8")
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return frozenset(found[0][1:-1].decode("ascii") for found in _SLASH_ROUTE.finditer(data))
    source = _Source(data)
    parents: dict[ast.AST, ast.AST] = {}
    lite: set[str] = set()
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "litellm":
            lite.update(a.asname or a.name for a in node.names)
    clients = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        for target in node.targets
        if isinstance(target, ast.Name) and _elsewhere_call(node.value, source, set(), lite)
    }

    def given_elsewhere(node: ast.AST) -> bool:
        above = parents.get(node)
        while isinstance(above, ast.keyword | ast.Starred | ast.Tuple | ast.List | ast.Dict):
            node, above = above, parents.get(above)
        return (
            isinstance(above, ast.Call)
            and node is not above.func
            and _elsewhere_call(above, source, clients, lite)
        )

    loads: dict[str, list[ast.Name]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads.setdefault(node.id, []).append(node)
    verdicts: dict[str, bool] = {}
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith("openai/")
        ):
            continue
        above = parents.get(node)
        if isinstance(above, ast.Assign | ast.AnnAssign) and above.value is node:
            targets = above.targets if isinstance(above, ast.Assign) else [above.target]
            elsewhere = all(isinstance(t, ast.Name) for t in targets) and all(
                given_elsewhere(use)
                for t in targets
                if isinstance(t, ast.Name)
                for use in loads.get(t.id, ())
            )
        else:
            elsewhere = given_elsewhere(node)
        verdicts[node.value] = verdicts.get(node.value, True) and elsewhere
    return frozenset(value for value, elsewhere in verdicts.items() if elsewhere)


def names_slash_route(data: bytes) -> bool:
    """Whether a module's bytes hold an OpenAI chat model after `openai/` (`NAMES_SLASH_ROUTE`)
    that is no other service's id (`slash_ids_elsewhere`)."""
    if all(held(data) is None for held in _SLASH_HEAD):
        return False
    from migrate_llm.registry import load_registry

    openai = load_registry().openai
    elsewhere = slash_ids_elsewhere(data)
    return any(
        sdk.surface_of_model(m) == "chat" and openai.serves(m) and f"openai/{m}" not in elsewhere
        for m in (found[1].decode("ascii") for found in _SLASH_ROUTE.finditer(data))
    )


_SLASH_SPLIT = tuple(literal_search(c) for c in (b'"/"', b"'/'"))
_LANGCHAIN = literal_search(b"langchain")
# `provider, model = value.split("/", maxsplit=1)` (also `'`), the first name naming a provider
_PROVIDER_SLASH_SPLIT = re.compile(
    rb"(?i)\b\w*provider\w*\s*,\s*\w+\s*=[^=\n]*\.split\(\s*[\"']/[\"']"
)


def splits_slash(data: bytes) -> bool:
    """Whether a module's bytes name LangChain and split a string at its slash into a
    provider and a model (`SPLITS_SLASH_PROVIDER`)."""
    if _LANGCHAIN(data) is None or all(held(data) is None for held in _SLASH_SPLIT):
        return False
    return _PROVIDER_SLASH_SPLIT.search(data) is not None


_ROUTE_PREFIXES = tuple(_literal(name.encode() + b":") for name in NAMES_ROUTE)

_STRIP_WORDS = tuple(
    literal_search(w) for w in (b"startswith(", b"removeprefix(", b"split(", b"replace(", b"len(")
)
# a quoted routing prefix (`"experimental:"`), as a pattern's group
_PREFIX = rb"[\"']([A-Za-z][\w.-]*:)[\"']"
# the prefix stripped off a string: `.removeprefix("p:")`, `.split("p:")[1]` (or `[-1]`,
# `, 1)`), `.replace("p:", "")`, `[len("p:"):]`
_STRIPPED = re.compile(
    rb"\.removeprefix\(\s*" + _PREFIX + rb"\s*\)"
    rb"|\.split\(\s*" + _PREFIX + rb"\s*(?:,\s*1\s*)?\)\s*\[\s*-?1\s*\]"
    rb"|\.replace\(\s*" + _PREFIX + rb"\s*,\s*(?:\"\"|'')\s*(?:,\s*1\s*)?\)"
    rb"|\[\s*len\(\s*" + _PREFIX + rb"\s*\)\s*:\s*\]"
)
# a prefix tested, then the string split at its colon: `if name.startswith("p:"):` and
# `name.split(":", 1)[1]` (or `.partition(":")[2]`)
_TESTED = re.compile(rb"\.startswith\(\s*" + _PREFIX + rb"\s*\)")
_COLON_REST = re.compile(
    rb"\.split\(\s*[\"']:[\"']\s*(?:,\s*(?:maxsplit\s*=\s*)?1\s*)?\)\s*\[\s*-?1\s*\]"
    rb"|\.partition\(\s*[\"']:[\"']\s*\)\s*\[\s*2\s*\]"
)


# a URL's host (`http://localhost:11434`, `http://[::1]:8000`)
_URL_HOST = re.compile(rb"[A-Za-z][\w+.-]*://(\[[^\]/]*\]|[^/:\"'\s]+)")


def _suite_from(data: bytes, at: int) -> bytes:
    """The lines from the one holding `at` to the end of the block it stands in (every
    later line as indented as it or more, blank lines too): what the strip leads to."""
    start = data.rfind(b"\n", 0, at) + 1
    line_end = data.find(b"\n", at)
    first = data[start : line_end if line_end != -1 else len(data)]
    indent = len(first) - len(first.lstrip())
    end = len(data) if line_end == -1 else line_end
    while end < len(data):
        following = data.find(b"\n", end + 1)
        line = data[end + 1 : following if following != -1 else len(data)]
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        end = following if following != -1 else len(data)
    return data[start:end]


def _local_rest(suite: bytes) -> bool:
    """Whether `suite` hands the rest to a server of one's own: a client of one
    (`local_servers.LOCAL_CLIENT_WORDS`: Ollama's) or a URL on this machine."""
    lowered = suite.lower()
    if any(word.encode() in lowered for word in LOCAL_CLIENT_WORDS):
        return True
    return any(local_host(m.group(1).decode(errors="replace")) for m in _URL_HOST.finditer(suite))


def route_prefixes(data: bytes) -> frozenset[str]:
    """The routing prefixes of its own (`"experimental:"`) a Python module strips off a
    string to use the rest (`STRIPS_ROUTE_PREFIX`, `_STRIPPED`, `_TESTED` with `_COLON_REST`),
    but for one whose every strip (or test) leads, in the rest of its block, to a server of
    one's own (`_local_rest`: `if name.startswith("ollama:"):` then `ollama.Client(...)`):
    the rest names that server's model, not OpenAI's."""
    if b":" not in data or all(held(data) is None for held in _STRIP_WORDS):
        return frozenset()
    sites = [(m.group(m.lastindex or 0), m.start()) for m in _STRIPPED.finditer(data)]
    if _COLON_REST.search(data) is not None:
        sites.extend((m.group(1), m.start()) for m in _TESTED.finditer(data))
    found = {p for p, at in sites if not _local_rest(_suite_from(data, at))}
    return frozenset(p.decode() for p in found)


# The words the facts of a Python module start from where the prefilter rules it out, it
# holds no `openai` and imports no framework the prefilter knows (`facts_of`): a module
# holding none of them has no fact but `HOLDS_CONFIG_TABLE`. Most often held first; a word
# holding another (`OpenAIEmbeddingFunction`) is left out. A fact `all_facts` finds in such
# a module from another word needs that word here (tests/test_rare_bytes.py compares both
# on every module of this repository).
_QUIET_WORDS = (
    b"OpenAI",
    b"OPENAI",
    b"_API_KEY",
    b"llama_index",
    b"BaseSettings",
    b"instructor",
    b"litellm",
    b"LiteLLM",
    b"interpreter",  # Open Interpreter's API hands its model to litellm (`oi.IMPORT_TEXT`)
    b"txtai",  # txtai hands its app configs' models to litellm (`fw_txtai.IMPORT_TEXT`)
    *(name.encode() + b":" for name in NAMES_ROUTE),
    *(word.encode() for _, word in _WORDED),
    *(module.encode() for module in IMPORTS_CONFIGURED),
)
_QUIET = [
    word
    for word in dict.fromkeys(_QUIET_WORDS)
    if not any(other in word for other in _QUIET_WORDS if other != word)
]
# those made of common characters only, searched at once (`whole_search`); the others by
# their rarest characters first (`rare_bytes`)
_QUIET_COMMON = tuple(whole_search(word) for word in _QUIET if not rare_pair(word)[0])


def _by_rarest(word: bytes) -> tuple[int, int, Search]:
    """The values of the rarest two bytes of `word` (`in` finds a byte's value at once: see
    `rare_bytes`), and the search for it."""
    first, second = rare_pair(word)
    return first[0], second[0], whole_search(word)


_QUIET_RARE = tuple(_by_rarest(word) for word in _QUIET if rare_pair(word)[0])


def _callee_words(data: bytes) -> int:
    """The bits of the words `callee_stamps` decides by (`NAMES_OPENAI_VARIABLE`,
    `NAMES_MODEL_WORD`, `DEFINES_TEST`)."""
    bits = NAMES_OPENAI_VARIABLE if b"OPENAI_" in data else 0
    bits |= NAMES_MODEL_WORD if b"model" in data else 0
    return bits | (DEFINES_TEST if b"def test" in data else 0)


def _own_routes_named(data: bytes) -> int:
    """The `NAMES_ROUTE` bits of the routes a module's bytes name models of as values."""
    bits = 0
    if not any(route(data) for route in _ROUTE_PREFIXES):
        return 0
    for found in _OWN_ROUTE_VALUE.finditer(data):
        bits |= NAMES_ROUTE[found[1].decode("ascii")]
    return bits


def _extras(requirement: str) -> list[str]:
    """The extras a requirement as written names (`crewai[tools,litellm]>=1.6`), lowercased."""
    _, bracket, rest = requirement.partition("[")
    return [e.strip().lower() for e in rest.partition("]")[0].split(",")] if bracket else []


def with_locked_crewai(bits: dict[str, int], roots: frozenset[str]) -> None:
    """Set in `bits` (by project root) what the uv.lock of each project that imports crewAI
    locks it at, where its requirements tell nothing (`crewai>=0.152.0`) or disagree: the
    version uv installs; and `REQUIRES_LITELLM` where they require crewai without its litellm
    extra and the lock locks litellm (installed all the same). One read per such project (of
    `roots`, those with a project file), so a large tree reads no other lock file."""
    pins = PINS_OLD_CREWAI | PINS_NEW_CREWAI
    majors = PINS_CREWAI_0 | PINS_CREWAI_1
    for root, found in bits.items():
        if not found & IMPORTS_CREWAI or root not in roots:
            continue
        alone = found & (REQUIRES_CREWAI_ALONE | REQUIRES_LITELLM) == REQUIRES_CREWAI_ALONE
        if found & pins not in (0, pins) and found & majors not in (0, majors) and not alone:
            continue
        try:
            data = read_once(os.path.join(root, crewai.LOCK_FILE))
        except UnreadableFile:
            continue
        if alone and b"litellm" in data and crewai.LOCKS_LITELLM.search(data):
            found |= REQUIRES_LITELLM
            bits[root] = found
        locked = crewai.LOCKED.search(data) if b"crewai" in data else None
        if locked is not None:
            # imported here: a run with no project locking crewAI needs none of the rules
            from migrate_llm.rules.dependency_pin import caps_below  # (see `_framework_pins`)

            spec = f"=={locked[1].decode()}"
            if found & pins in (0, pins):
                old = caps_below(spec, crewai.FIRST_COMPATIBLE_ROUTES)
                found = found & ~pins | (PINS_OLD_CREWAI if old else PINS_NEW_CREWAI)
            if found & majors in (0, majors):
                old = caps_below(spec, crewai.FIRST_1)
                found = found & ~majors | (PINS_CREWAI_0 if old else PINS_CREWAI_1)
            bits[root] = found


def settings_made(data: bytes) -> frozenset[str]:
    """The LlamaIndex default models (`llm`, `embed_model`) a module's bytes set anywhere: at
    its top level or in a function (`llamaindex_settings`)."""
    found = llamaindex_settings(data)
    return frozenset(setting for setting, now, later in SETTING_BITS if found & (now | later))


def llamaindex_settings(data: bytes) -> int:
    """The LlamaIndex default models a module's bytes set (`Settings.llm = ...` starting a
    line, also under the name the module imports the settings as): `SETS_LLM`... where one
    setting of it stands outside any `def` (run when the module is imported or run, also under
    `if`, `with`, `try`), else `SETS_LLM_LATER`... (run only if the function is called)."""
    found = 0
    if b"Settings" not in data and b"set_global_service_context" not in data:
        return found
    names = b"|".join([b"Settings", *li.SETTINGS_ALIAS.findall(data)])
    both = _where_set(data, li.SETS_BOTH)
    for setting, bit, later in SETTING_BITS:
        where = both or _where_set(data, re.compile(li.SETS % (names, setting.encode())))
        if where == "top" or both == "top":
            found |= bit
        elif where:
            found |= later
    return found


_FUNCTION_HEADER = re.compile(rb"(?:async\s+)?def\s")


def _where_set(data: bytes, pattern: re.Pattern[bytes]) -> str:
    """Where `pattern` matches where only indentation stands before it on its line, not in a
    comment: "top" where one match is outside any `def` (no less indented line above it heads
    a function), "function" where all are inside one, "" where none does."""
    found = ""
    for match in pattern.finditer(data):
        start = data.rfind(b"\n", 0, match.start()) + 1
        if data[start : match.start()].strip(b" \t"):
            continue
        indent = match.start() - start
        while indent and start:
            end = start - 1
            start = data.rfind(b"\n", 0, end) + 1
            line = data[start:end]
            text = line.lstrip(b" \t")
            if not text.strip() or text.startswith(b"#") or len(line) - len(text) >= indent:
                continue
            indent = len(line) - len(text)
            if _FUNCTION_HEADER.match(text):
                break
        else:
            return "top"
        found = "function"
    return found


def openai_like_needed(data: bytes) -> frozenset[str]:
    """The OpenAI-like LlamaIndex packages a file's migrated code imports (`_openai_like`)."""
    found = _openai_like(data)
    return frozenset(package for package, bit in _LIKE_PACKAGES if found & bit)


def _may_use_default(data: bytes, worth: bool) -> int:
    """`MAY_USE_LLAMAINDEX_DEFAULT` for a file naming LlamaIndex not worth examining that
    calls what may use its default models; 0 otherwise."""
    return 0 if worth or not li.uses_default(data) else MAY_USE_LLAMAINDEX_DEFAULT


def _openai_like(data: bytes) -> int:
    """The OpenAI-like LlamaIndex classes a file's migrated code imports: it does already, or
    it builds a class ML611 rewrites to one (`li.USES_LLM_LIKE`...)."""
    found = 0
    if not _HOLDS[b"OpenAI"](data):
        return found
    if any(like.search(data) for like in li.USES_LLM_LIKE) or (
        li.IMPORTS_LLM.search(data) and li.BUILDS_LLM.search(data)
    ):
        found |= NEEDS_LLM_LIKE
    if li.USES_EMBEDDING_LIKE.search(data):
        found |= NEEDS_EMBEDDING_LIKE
    return found
