"""Provider definitions: load `providers/*.toml` strictly, merge user directories, look up by id.

The schema is documented in README.md ("Provider files"); every key is validated here and an
unknown or malformed key is an error naming the file and the key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fnmatch
import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from migrate_llm.errors import ProviderError
from migrate_llm.provider_api_moves import OwnApi, ShutDown, parse_own_api, parse_shut_down
from migrate_llm.provider_errors import ErrorReply, parse_errors
from migrate_llm.provider_partial import PartialSupport, parse_partial
from migrate_llm.provider_sources import (
    CheckedSources,
    Source,
    parse_sources,
    resolve,
    source_for,
)
from migrate_llm.provider_sources import Path as SourcePath
from migrate_llm.secrets import key_shape

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

SCHEMA_VERSION = 1

TIERS = (
    "flagship",
    "balanced",
    "fast",
    "reasoning",
    "vision",
    "long",
    "embedding",
    "image",
    "transcription",
    "speech",
)
CHAT_TIERS = ("flagship", "balanced", "fast", "reasoning", "vision", "long")
SURFACE_TIERS = {
    "embeddings": ("embedding",),
    "images": ("image",),
    "audio": ("transcription", "speech"),
    "videos": (),  # no tier names a video model
    "moderations": (),  # nor a moderation model (Zhipu's `moderation` answers another schema)
}
SURFACES = (
    "chat",
    "stream",
    "tools",
    "json_mode",
    "structured_outputs",
    "vision",
    "completions",
    "embeddings",
    "images",
    "audio",
    "moderations",
    "files",
    "batches",
    "fine_tuning",
    "models",
    "responses",
    "assistants",
    "vector_stores",
    "realtime",
)
# Surfaces of the OpenAI SDK's newer or OpenAI-only APIs (`openai_sdk.SURFACES`,
# `METHOD_SURFACES`, `KEYWORD_SURFACES`) that a provider file may state but need not: one it
# leaves out is unconfirmed ("unknown"), which ML101 reports as a warning `check` fails on.
FURTHER_SURFACES = (
    "responses_input_tokens",
    "responses_websocket",
    "responses_background",
    "responses_compact",
    "uploads",
    "conversations",
    "videos",
    "containers",
    "evals",
    "skills",
    "webhooks",
    "agents",
    "chatkit",
    "live",
    "admin",
    "safety",
    "decisions",
    "content_provenance_checks",
)
KNOWN_SURFACES = SURFACES + FURTHER_SURFACES
SUPPORT_VALUES = (True, False, "partial", "unknown")
TOOL_CHOICES = ("none", "auto", "required", "function")
RESPONSE_FORMATS = ("text", "json_object", "json_schema")
MAX_TOKENS_PARAMS = ("max_tokens", "max_completion_tokens", "both")
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh", "max")
IMAGE_RESPONSE_FORMATS = ("url", "b64_json")

_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# A model id is one token: letters, digits and `._:-`, plus `/` for organisation-prefixed ids
# (`Qwen/Qwen3-8B` on SiliconFlow; `openai/gpt-4o` of a router is not an OpenAI id).
MODEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*\Z")
# The date of a dated snapshot: `-2024-08-06`, `-0613`, `-0125-preview`.
_SNAPSHOT = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})(?:-preview)?\Z")


def undated_model(model: str) -> str | None:
    """`gpt-4o` for `gpt-4o-2024-08-06`, `gpt-4` for `gpt-4-0125-preview`; None when undated."""
    undated = _SNAPSHOT.sub("", model)
    return undated if undated != model and undated else None


_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
# `key_example`: one token of printable ASCII (no space, quote or backslash)
_KEY_EXAMPLE = re.compile(r"[!#-&(-\[\]-~]{8,200}\Z")


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_range(v: object) -> bool:
    return (
        isinstance(v, list)
        and len(v) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
        and v[0] <= v[1]
    )


def _is_list_of(choices: tuple[str, ...]):
    def check(v: object) -> bool:
        return isinstance(v, list) and bool(v) and all(x in choices for x in v)

    return check


def _is_int_list(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(_is_int(x) and x > 0 for x in v)


def _is_id_list(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, str) and _ID.match(x) for x in v)


def _is_size_table(v: object) -> bool:
    return (
        isinstance(v, dict)
        and bool(v)
        and all(isinstance(k, str) and k and _is_int(x) and x > 0 for k, x in v.items())
    )


# An extra_body key migrate-llm writes as a Python string: a plain name.
_BODY_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")


def _is_body_entries(v: object, depth: int = 0) -> bool:
    """A table of plain names to true/false, numbers, strings or (one level down) such a
    table (entries of `extra_body`: `{ thinking = { type = "disabled" } }`)."""
    return (
        isinstance(v, dict)
        and bool(v)
        and all(
            isinstance(k, str)
            and _BODY_KEY.match(k)
            and (
                isinstance(x, (bool, int, float, str))
                or (depth == 0 and _is_body_entries(x, depth + 1))
            )
            for k, x in v.items()
        )
    )


def _is_model_globs(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(_is_model_glob(x) for x in v)


def _is_model_glob(v: object) -> bool:
    return isinstance(v, str) and bool(_MODEL_GLOB.match(v))


# what a provider does with a value other than the one a model fixes (`fixed_other_value`)
FIXED_OTHER_VALUES = ("rejected", "ignored")


def _is_https_url(v: object) -> bool:
    return isinstance(v, str) and _URL.match(v) is not None


def _is_param_names(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(x in MODEL_PARAM_NAMES for x in v)


# key -> (validator, description for the error message)
PARAMS: dict[str, tuple[Any, str]] = {
    "temperature": (_is_range, "[min, max] numbers"),
    "top_p": (_is_range, "[min, max] numbers"),
    "tool_choice": (_is_list_of(TOOL_CHOICES), f"a list of {', '.join(TOOL_CHOICES)}"),
    "response_format": (
        _is_list_of(RESPONSE_FORMATS),
        f"a list of {', '.join(RESPONSE_FORMATS)}",
    ),
    "n_max": (lambda v: _is_int(v) and v >= 1, "a whole number >= 1"),
    "reasoning_effort": (
        _is_list_of(REASONING_EFFORTS),
        f"a list of {', '.join(REASONING_EFFORTS)}",
    ),
    "max_tokens_param": (lambda v: v in MAX_TOKENS_PARAMS, " or ".join(MAX_TOKENS_PARAMS)),
    "developer_role": (_is_bool, "true or false"),
    # whether its chat models take a message with the system role (OpenAI's o1-preview and
    # o1-mini took none: code for them folds it into the user turn, which ML205 leaves where
    # the provider's models take one); left out: not known
    "system_role": (_is_bool, "true or false"),
    "logprobs": (_is_bool, "true or false"),
    "seed": (_is_bool, "true or false"),
    "parallel_tool_calls": (_is_bool, "true or false"),
    "stream_options": (_is_bool, "true or false"),
    "functions": (_is_bool, "true or false"),
    "embedding_dimensions": (_is_int_list, "a list of positive whole numbers"),
    "embedding_default_dimensions": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    # the size of each embedding model's vectors (OpenAI's file: what ML114 keeps)
    "embedding_model_dimensions": (
        _is_size_table,
        "a table of model ids to positive whole numbers",
    ),
    "embedding_batch_max": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    # whether the `vision` tier's model also answers requests that send no image, so code
    # sending one model both can take it (ML685); left out: not known
    "vision_model_text": (_is_bool, "true or false"),
    # whether /embeddings takes OpenAI's token ids (arrays of integers) as `input` besides
    # text: true for OpenAI's and Azure OpenAI's, false where the provider documents text
    # only; left out, not known, and read as false (ML114, ML601, ML602)
    "embedding_token_input": (_is_bool, "true or false"),
    # the `purpose` values the files API takes (`files.create`, `uploads.create`: ML101);
    # a provider without the entry is not checked
    "file_purposes": (_is_id_list, "a list of lowercase purpose names"),
    # what a chat request with stream=True and tools= must add to `extra_body` for the tool
    # calls to stream (ML116)
    "stream_tools_extra_body": (
        _is_body_entries,
        "a table of names to true, false, numbers, strings or such a table",
    ),
    # the base URL on which the provider documents strict function calling (`"strict": true`
    # in a tool's function, which the SDK's parse helpers always send), where that is not
    # `base_url` (DeepSeek's /beta): ML111 says so of a request sending strict tools
    "strict_tools_base_url": (_is_https_url, "an https:// URL"),
    # the models that think (reason before answering) unless told not to (ML118; in
    # OpenAI's file, its reasoning models)
    "thinking_models": (_is_model_globs, "a list of model ids or globs"),
    # the models that reason at the effort a request asks for, by default or not (OpenAI's
    # file: the o-series and the gpt-5 family): ML118 does not say such a model did not think
    "reasoning_models": (_is_model_globs, "a list of model ids or globs"),
    # the models that take tools (function calling) where `[supports] tools` is "partial":
    # the others take none (autogen-ext's `model_info`, ML661 and ML663); left out, the
    # file does not say which
    "tool_models": (_is_model_globs, "a list of model ids or globs"),
    # the models that take response_format json_schema where `[supports] structured_outputs`
    # is "partial" (GraphRAG's community reports, ML503); left out, the file does not say which
    "structured_models": (_is_model_globs, "a list of model ids or globs"),
    # the models that always think, with no switch to turn it off (ML118's note)
    "always_thinking": (_is_model_globs, "a list of model ids or globs"),
    # what `extra_body` sends to turn that thinking off (ML118)
    "thinking_off_extra_body": (
        _is_body_entries,
        "a table of names to true, false, numbers, strings or such a table",
    ),
    # the fields of a reply an assistant turn with tool_calls must give back (ML117)
    "tool_turn_fields": (_is_id_list, "a list of lowercase field names"),
    # what the provider does with a value other than the one a model fixes (`[model_params]`
    # "fixed"): rejects the request (HTTP 400) or ignores it; left out, not known (ML118,
    # ML507, ML508 say which)
    "fixed_other_value": (lambda v: v in FIXED_OTHER_VALUES, '"rejected" or "ignored"'),
    # the sampling parameters its models ignore while they think (ML118, ML507 say so)
    "thinking_ignored": (
        _is_param_names,
        "a list of request parameters (temperature, top_p, presence_penalty...)",
    ),
    # the smallest token limit it advises for a model that thinks: ML507 leaves a limit at
    # or above it
    "thinking_tokens_min": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    # the audio files its transcription API takes (`audio.transcriptions.create`), by
    # extension, and the most it takes of one (ML101 names them); left out: not known
    "transcription_formats": (_is_id_list, "a list of lowercase file extensions"),
    "transcription_max_mb": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    "transcription_max_seconds": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    # the forms its images API answers with (`data[].url`, `data[].b64_json`); left out: not
    # known (ML120 reads a base64 answer of a provider that gives URLs only)
    "image_response_formats": (
        _is_list_of(IMAGE_RESPONSE_FORMATS),
        f"a list of {', '.join(IMAGE_RESPONSE_FORMATS)}",
    ),
}

# A Python class path, `package.module.Class` (at least one dot).
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\Z")
_DOTTED_TEXT = "a dotted class path (package.module.Class)"


def _langchain_routes() -> frozenset[str]:
    # imported here: a table of framework knowledge, read only for files naming a route
    from migrate_llm.frameworks.langchain import INIT_ROUTES

    return frozenset(INIT_ROUTES)


# [frameworks]: what a framework needs to reach this provider (see frameworks/); key ->
# (validator, description for the error message).
# the check of a value that names an environment variable
_AN_ENV_NAME: tuple[Any, str] = (
    lambda v: isinstance(v, str) and bool(_ENV_NAME.match(v)),
    "an environment variable name",
)
# the check of a value that names a release (`1.74.2`)
_A_RELEASE: tuple[Any, str] = (
    lambda v: isinstance(v, str) and bool(re.fullmatch(r"\d+(?:\.\d+)*", v)),
    "a release number such as 1.74.2",
)
# the keys naming litellm's own route and the variables it reads (`Provider.litellm_route`)
LITELLM_ROUTE_KEYS = ("litellm_prefix", "litellm_api_key_env", "litellm_base_url_env")
FRAMEWORK_KEYS: dict[str, tuple[Any, str]] = {
    "litellm_prefix": (lambda v: isinstance(v, str) and bool(_ID.match(v)), "a lowercase id"),
    "langchain_integration": (
        lambda v: isinstance(v, str) and bool(_DOTTED.match(v)),
        _DOTTED_TEXT,
    ),
    # the provider's own route in LangChain's init_chat_model (`deepseek:<model>`), one that
    # `frameworks.langchain.INIT_ROUTES` describes (its package, class and variables)
    "langchain_route": (
        lambda v: isinstance(v, str) and v in _langchain_routes(),
        "a route of init_chat_model that migrate-llm knows (frameworks/langchain.py)",
    ),
    "llamaindex_integration": (
        lambda v: isinstance(v, str) and bool(_DOTTED.match(v)),
        _DOTTED_TEXT,
    ),
    "context_window": (lambda v: _is_int(v) and v > 0, "a positive whole number"),
    # the variables litellm's own route (`<litellm_prefix>/<model>`) reads the key and the base
    # URL from when a call passes no `api_key` / `api_base` (named in apply's next step)
    "litellm_api_key_env": _AN_ENV_NAME,
    "litellm_base_url_env": _AN_ENV_NAME,
    # the first litellm release with that route (ML641 reports a pin below it)
    "litellm_first_release": _A_RELEASE,
    # the first litellm release whose route gives a thinking model's assistant turn with tool
    # calls the reasoning it wants back (ML634 reports an Agent on it where a pin admits none)
    "litellm_tool_turns_filled": _A_RELEASE,
}

# [model_params."<model glob>"]: what one model does with a request parameter. "fixed": the
# model uses its own value and ignores or rejects the argument; "drop": the model does not take
# it. Either way the argument is removed (ML115). The parameters a table may name are the chat
# request's optional sampling and output arguments (not `model`, `messages` or the max-tokens
# pair, which ML112 renames).
MODEL_PARAM_FACTS = ("fixed", "drop")
MODEL_PARAM_NAMES = frozenset(
    {
        "temperature",
        "top_p",
        "n",
        "presence_penalty",
        "frequency_penalty",
        "reasoning_effort",
        "seed",
        "logprobs",
        "top_logprobs",
        "logit_bias",
        "stop",
        "tool_choice",
        "parallel_tool_calls",
        "response_format",
        "stream_options",
        "service_tier",
        "verbosity",
    }
)
# A model glob: a model id with fnmatch wildcards (`kimi-k2.7-code*`, `*`).
_MODEL_GLOB = re.compile(r"^[A-Za-z0-9*?\[][A-Za-z0-9._:/*?\[\]!-]*\Z")

_TOP_LEVEL = {
    "schema",
    "id",
    "name",
    "aliases",
    "docs",
    "as_of",
    "api_key_env",
    "base_url_env",
    "base_url",
    "default_region",
    "passthrough_models",
    "notes",
    "regions",
    "base_url_aliases",
    "tiers",
    "models",
    "supports",
    "params",
    "default_headers",
    "detect",
    "frameworks",
    "uncertain",
    "sources",
    "azure",
    "model_params",
    "fixed_values",
    "region_env",
    "retired",
    "key_example",
    "errors",
    "key_page",
    "partial",
    "shut_down",
    "own_api",
}
# the spellings of a base-URL variable among a provider's `detect.env_vars`
_BASE_URL_NAME = re.compile(r"_(?:BASE_URL|API_BASE)$")
_REQUIRED = ("schema", "id", "name", "docs", "as_of", "api_key_env", "base_url_env", "base_url")
_DETECT = {"hosts", "models", "model_words", "fine_tuned_models", "env_vars", "sdk_clients"}
# A `[detect] fine_tuned_models` template: `{base}` once (the model it was trained from, no
# `:` in it), `*` for the rest (`ft:{base}:*`).
_FINE_TUNED_TEMPLATE = re.compile(r"[A-Za-z0-9:*_.-]*\{base\}[A-Za-z0-9:*_.-]*\Z")
# A word of a model id that `[detect] model_words` need not list: a number, a version or a
# date part, with a letter before or after it (`4`, `4o`, `o1`, `3.5`, `0613`, `2024`, `32k`).
_WORD = re.compile(r"[a-z]+\Z")
_NUMBER_WORD = re.compile(r"[a-z]?\d+(?:\.\d+)*[a-z]?\Z")
# How many strings a provider's `serves` keeps its answer for (then it starts again).
_KNOWN_MODELS = 4096


@dataclass(frozen=True)
class Retirement:
    """A model id the provider no longer serves (`[retired]`): the model to use instead, the
    day it stopped (when known), and what else the switch takes (`how`, may be empty)."""

    use: str
    on: dt.date | None = None
    how: str = ""

    def advice(self, prefix: str = "") -> str:
        """`use deepseek-flash (with thinking disabled: ...) instead`, the replacement written
        after `prefix` (`deepseek/` of litellm's route)."""
        how = f" ({self.how})" if self.how else ""
        return f"use {prefix}{self.use}{how} instead"

    def to_json(self) -> dict[str, str]:
        fields = {"use": self.use, "on": self.on.isoformat() if self.on else "", "how": self.how}
        return {k: v for k, v in fields.items() if v}


@dataclass(frozen=True)
class Provider:
    """One OpenAI-compatible provider, as read from its TOML file."""

    id: str
    name: str
    docs: str
    as_of: dt.date
    api_key_env: str
    base_url_env: str
    base_url: str
    source: str = ""
    aliases: tuple[str, ...] = ()
    default_region: str | None = None
    passthrough_models: bool = False
    notes: tuple[str, ...] = ()
    regions: dict[str, str] = field(default_factory=dict)
    # other spellings of a base URL (the default's or a region's), same host, same key
    # (`[base_url_aliases]`: DeepSeek's `/v1`): `base_url_spellings`
    base_url_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tiers: dict[str, str] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    supports: dict[str, bool | str] = field(default_factory=dict)
    # what an API `supports` marks "partial" serves, where, and what serves the rest
    partial: dict[str, PartialSupport] = field(default_factory=dict)
    # APIs it served and shut down (`[shut_down]`: OpenAI's Assistants API), and its own APIs
    # for what an OpenAI API it lacks does (`[own_api]`): `provider_api_moves`
    shut_down: dict[str, ShutDown] = field(default_factory=dict)
    own_api: dict[str, OwnApi] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    default_headers: dict[str, str] = field(default_factory=dict)
    hosts: tuple[str, ...] = ()
    model_patterns: tuple[str, ...] = ()
    model_words: frozenset[str] = frozenset()
    fine_tuned_models: tuple[str, ...] = ()
    env_vars: tuple[str, ...] = ()
    # the client classes of its own SDK (`zhipuai.ZhipuAI`): they take its key, not another
    # service's (`frameworks.other_sdks`, `rules.key_destinations`)
    sdk_clients: frozenset[str] = frozenset()
    uncertain: dict[str, str] = field(default_factory=dict)
    frameworks: dict[str, Any] = field(default_factory=dict)
    sources: Mapping[SourcePath, tuple[Source, ...]] = field(default_factory=dict)
    uncertain_paths: frozenset[SourcePath] = frozenset()
    azure: AzureSettings | None = None
    model_params: dict[str, dict[str, str]] = field(default_factory=dict)
    fixed_values: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    region_env: dict[str, str] = field(default_factory=dict)
    retired: dict[str, Retirement] = field(default_factory=dict)
    # what it answers where OpenAI answers with an error programs test (`[errors]`, ML119)
    errors: dict[str, ErrorReply] = field(default_factory=dict)
    # a made-up key of the documented shape (never a real one; never shown: `key_shape`)
    key_example: str | None = field(default=None, repr=False)
    # the console page where a person gets a key for the default region (None: not known)
    key_page: str | None = None
    # the file's `base_url_env` where this provider reads another of its base-URL variables,
    # one the project already reads (`reading_base_url`); None: `base_url_env` is the file's
    own_base_url_env: str | None = field(default=None, repr=False, compare=False)

    def key_shape(self) -> str | None:
        """The shape of the provider's keys (`"sk-" + 32 characters`), None when unknown."""
        return key_shape(self.key_example) if self.key_example is not None else None

    def litellm_route(self) -> tuple[str, str, str] | None:
        """litellm's own route for the provider and the key and base-URL variables it reads
        where a call passes no api_key or api_base (`[frameworks] litellm_prefix`,
        `litellm_api_key_env`, `litellm_base_url_env`: `deepseek`, DEEPSEEK_API_KEY,
        DEEPSEEK_API_BASE); None where the file names no route or not both variables."""
        found = [self.frameworks.get(k) for k in LITELLM_ROUTE_KEYS]
        if not all(isinstance(v, str) for v in found):
            return None
        prefix, key, base = (str(v) for v in found)
        return prefix, key, base

    def route_variables(self, prefix: str | None) -> tuple[str, str]:
        """The key and base-URL variables to name for a litellm call on route `prefix`: the
        ones litellm reads on the provider's own route (`litellm_route`), so that a call
        passing none and one passing them read the same; else this file's."""
        route = self.litellm_route()
        if route is not None and prefix == route[0]:
            return route[1], route[2]
        return self.api_key_env, self.base_url_env

    def retirement(self, model: str) -> Retirement | None:
        """What replaces `model` when it is one of this provider's retired ids, else None."""
        return self.retired.get(model)

    def map_model(self, model: str) -> str | None:
        """The provider model for an OpenAI model name, or None when the table has no entry.

        Exact entries first, then the exact entry of the undated name (`gpt-4o-mini-2024-07-18`
        is looked up as `gpt-4o-mini`, `gpt-4-0125-preview` as `gpt-4`), then the longest glob
        matching the name, then the longest glob matching the undated name. A dated snapshot is
        the same model as its undated id, so a table needs no entry per snapshot.
        """
        if self.passthrough_models:
            return model
        if not MODEL_ID.match(model):
            return None
        if model in self.models:
            return self.models[model]
        undated = undated_model(model)
        if undated is not None and undated in self.models:
            return self.models[undated]
        globs = sorted(
            (p for p in self.models if any(c in p for c in "*?[")), key=len, reverse=True
        )
        for name in (n for n in (model, undated) if n is not None):
            for pattern in globs:
                if fnmatch.fnmatchcase(name, pattern):
                    return self.models[pattern]
        return None

    def image_model(self) -> str | None:
        """The model for chat requests that send images: the `vision` tier, None when the
        provider names none or takes no images."""
        if self.supports.get("vision") is False:
            return None
        return self.tiers.get("vision")

    def image_model_answers_text(self) -> bool:
        """Whether the model for images also answers requests that send none: the file says
        so (`[params] vision_model_text`), or names it for a tier of text models too."""
        image = self.image_model()
        if image is None:
            return False
        if self.params.get("vision_model_text") is True:
            return True
        return any(self.tiers.get(t) == image for t in CHAT_TIERS if t != "vision")

    def takes_tools(self, model: str | None) -> bool | None:
        """Whether `model` takes tools (function calling): what `[supports] tools` says of
        all the provider's models, or, where that is "partial", whether `[params]
        tool_models` lists it (Spark's 4.0Ultra, not lite); None where the file does not say
        ("unknown", "partial" without the list, or a model not known)."""
        support = self.support("tools")
        if isinstance(support, bool):
            return support
        listed = self.params.get("tool_models")
        if support != "partial" or not listed or model is None:
            return None
        return any(fnmatch.fnmatchcase(model, glob) for glob in listed)

    def takes_structured(self, model: str) -> bool | None:
        """Whether `model` takes response_format json_schema: what `[supports]
        structured_outputs` and `[params] response_format` say of all the provider's models,
        or, where the support is "partial", whether `[params] structured_models` lists it;
        None where the file does not say."""
        support = self.support("structured_outputs")
        accepted = self.params.get("response_format")
        refused = isinstance(accepted, list) and "json_schema" not in accepted
        if support is True:
            return None if refused else True
        if support is False:
            return False
        listed = self.params.get("structured_models")
        if support != "partial" or not listed:
            return None
        return any(fnmatch.fnmatchcase(model, glob) for glob in listed)

    def serves(self, model: str) -> bool:
        """Whether `model` is one of this provider's own model ids.

        An id is one whole token (see MODEL_ID): `gpt-4o` is one, `gpt-4o continued` is not,
        whatever the `[detect] models` globs say.
        """
        known = self._served
        found = known.get(model)
        if found is None:
            if len(known) >= _KNOWN_MODELS:
                known.clear()
            found = known[model] = (
                MODEL_ID.match(model) is not None
                and self._serves_match(model) is not None
                and not self._other_words(model)
            )
        return found

    def label_words(self, model: str) -> tuple[str, ...]:
        """The words that make `model`, which a `[detect] models` glob takes, no model id of
        the provider (`with`, `ocr` of `gpt-4-with-ocr`: a program's own label for a mode):
        words `[detect] model_words` does not list. Empty for an id, or a value no glob takes."""
        if not MODEL_ID.match(model) or self._serves_match(model) is None:
            return ()
        return self._other_words(model)

    def fine_tuned_base(self, model: str) -> str | None:
        """The model `model` was fine-tuned from when it is one of the provider's fine-tuned
        ids (`[detect] fine_tuned_models`: `ft:gpt-4o-mini:acme::a1b2` from `gpt-4o-mini`,
        which it `serves`), else None."""
        if MODEL_ID.match(model):
            for pattern in self._fine_tuned_patterns:
                found = pattern.match(model)
                if found is not None and self.serves(found.group("base")):
                    return found.group("base")
        return None

    @functools.cached_property
    def _fine_tuned_patterns(self) -> tuple[re.Pattern[str], ...]:
        """`fine_tuned_models` as expressions of the whole id, `{base}` a `base` group."""
        patterns = []
        for template in self.fine_tuned_models:
            before, after = (re.escape(p).replace(r"\*", ".*") for p in template.split("{base}"))
            patterns.append(re.compile(f"{before}(?P<base>[^:]+){after}\\Z"))
        return tuple(patterns)

    def _other_words(self, model: str) -> tuple[str, ...]:
        """The words of `model` (split at `-`, up to a `:` suffix) that are neither numbers
        nor among `model_words`; none where the file lists no words."""
        if not self.model_words:
            return ()
        words = model.split(":", 1)[0].split("-")
        return tuple(
            w for w in words if w and w not in self.model_words and not _NUMBER_WORD.match(w)
        )

    @functools.cached_property
    def variables(self) -> frozenset[str]:
        """The environment variables the provider's file names as its own: its key and base
        URL variables and `detect.env_vars`."""
        return frozenset({self.api_key_env, self.base_url_env, *self.env_vars})

    @functools.cached_property
    def _served(self) -> dict[str, bool]:
        """`serves`'s answers so far: a module asks about the same few strings (a model, a
        role) at each call, and the patterns are tried one after another."""
        return {}

    @functools.cached_property
    def _serves_match(self) -> Callable[[str], re.Match[str] | None]:
        """`fnmatch.fnmatchcase` against any of `model_patterns`, as one compiled expression
        (case-sensitive, the whole string): the patterns' translations as alternatives."""
        joined = "|".join(f"(?:{fnmatch.translate(p)})" for p in self.model_patterns)
        return re.compile(joined or "(?!)").match

    def candidates(self, surface: str = "chat") -> list[str]:
        """Distinct provider models fit for `surface`, for messages that ask a person to choose."""
        seen: list[str] = []
        for tier in SURFACE_TIERS.get(surface, CHAT_TIERS):
            model = self.tiers.get(tier)
            if model is not None and model not in seen:
                seen.append(model)
        return seen

    def chat_model(self, model: str) -> bool:
        """Whether `model` is one of the provider's chat models: a chat tier's, or a target of
        its [models] table that no tier of another API names (`embedding-3` is not)."""
        others = {self.tiers.get(t) for tiers in SURFACE_TIERS.values() for t in tiers}
        chat = {self.tiers.get(t) for t in CHAT_TIERS} | set(self.models.values())
        return model in chat - others

    def other_api_model(self, model: str) -> bool:
        """Whether a tier of an API other than chat names `model` (its embedding, image,
        transcription or speech model: `SURFACE_TIERS`)."""
        return any(self.tiers.get(t) == model for tiers in SURFACE_TIERS.values() for t in tiers)

    def base_url_for(self, region: str | None = None) -> str:
        """The base URL of `region` (the default one when None)."""
        if region is None or region == self.default_region:
            return self.base_url
        if region in self.regions:
            return self.regions[region]
        known = ", ".join(sorted(self.regions)) or "none"
        raise ProviderError(f"provider {self.id!r} has no region {region!r} (regions: {known})")

    def base_url_spellings(self, url: str) -> tuple[str, ...]:
        """`url` (the base URL of the run's region) and the other spellings the provider's
        file documents for it (`[base_url_aliases]`), each on the same host."""
        return (url, *self.base_url_aliases.get(url, ()))

    def region_named_by(self, hint: str) -> str | None:
        """The one region whose base URL's host is `hint`'s (a URL), or whose own key variable
        (`[region_env]`) `hint` is; None where no region, or several, has it."""
        if "://" in hint:
            host = (urlsplit(hint.strip()).hostname or "").lower()
            urls = dict(self.regions)
            if self.default_region is not None:
                urls.setdefault(self.default_region, self.base_url)
            found = {r for r, url in urls.items() if host and urlsplit(url).hostname == host}
        else:
            found = {r for r, name in self.region_env.items() if name == hint}
        return found.pop() if len(found) == 1 else None

    def azure_client(
        self, region: str | None = None, api: str | None = None, auth: str | None = None
    ) -> AzureClient | None:
        """How migrated code builds an Azure OpenAI client in `region` (None: not Azure).

        `api`: `v1` or `classic` (default: the region's, else the provider's); `auth`: `key`
        or `entra` (Entra ID tokens from azure-identity instead of a key; default `key`).
        """
        if self.azure is None:
            return None
        settings = self.azure
        chosen = region or None
        if chosen is not None and chosen != self.default_region and chosen not in self.regions:
            known = ", ".join(sorted(self.regions)) or "none"
            raise ProviderError(f"provider {self.id!r} has no region {chosen!r} (regions: {known})")
        local = settings.regions.get(chosen or self.default_region or "", {})
        api = api or local.get("api", settings.api)
        auth = auth or "key"
        for value, choices in ((api, AZURE_APIS), (auth, AZURE_AUTHS)):
            if value not in choices:
                raise ProviderError(
                    f"provider {self.id!r}: unknown client option {value!r} "
                    f"(known: {', '.join(choices)})"
                )
        scope_key = "token_scope" if api == "v1" else "classic_token_scope"
        return AzureClient(
            region=chosen,
            api=api,
            auth=auth,
            v1_path=settings.v1_path,
            api_version=settings.api_version,
            api_version_env=settings.api_version_env,
            token_scope=local.get(scope_key, getattr(settings, scope_key)),
        )

    def source_of(self, *path: str) -> tuple[Source, ...]:
        """The sources of one fact (`source_of("params", "max_tokens_param")`); () if none."""
        return source_for(self.sources, path)[1]

    def is_uncertain(self, *path: str) -> bool:
        """Whether `[uncertain]` names this fact or a table holding it."""
        return any(path[:end] in self.uncertain_paths for end in range(1, len(path) + 1))

    def key_env_for(self, region: str | None = None) -> str:
        """The key variable of `region`: its `[region_env]` entry, else `api_key_env` (which
        is the default region's)."""
        if region is None or region == self.default_region:
            return self.api_key_env
        return self.region_env.get(region, self.api_key_env)

    @functools.cached_property
    def base_url_names(self) -> tuple[str, ...]:
        """The base-URL variables of `detect.env_vars` other than the file's `base_url_env`
        (DeepSeek's DEEPSEEK_API_BASE, DEEPSEEK_API_BASE_URL), in the file's order: names
        ending in `_BASE_URL` or `_API_BASE`, never a key's or a region's key variable.
        None for an Azure target (its endpoint is per resource)."""
        if self.azure is not None:
            return ()
        own = self.own_base_url_env or self.base_url_env
        keys = {self.api_key_env, *self.region_env.values()}
        return tuple(
            name
            for name in self.env_vars
            if name != own and name not in keys and _BASE_URL_NAME.search(name)
        )

    def reading_base_url(self, read: Iterable[str]) -> Provider:
        """This provider for a project whose code or .env files already name the base-URL
        variables `read`: where they name exactly one of `base_url_names` and not the file's
        `base_url_env`, that one is `base_url_env` (apply reuses it instead of adding a
        second variable for the same URL); else the file's."""
        own = self.own_base_url_env or self.base_url_env
        names = set(read)
        found = [n for n in self.base_url_names if n in names]
        chosen = found[0] if own not in names and len(found) == 1 else own
        if chosen == self.base_url_env:
            return self
        return replace(self, base_url_env=chosen, own_base_url_env=None if chosen == own else own)

    def in_region(self, region: str | None) -> Provider:
        """This provider as code migrated for `region` sees it: `api_key_env` is the region's
        key variable. Every reader of `api_key_env` then follows the region."""
        key_env = self.key_env_for(region)
        # the key page is the default region's: another region's console is not known
        page = self.key_page if region in (None, self.default_region) else None
        if key_env == self.api_key_env and page == self.key_page:
            return self
        return replace(self, api_key_env=key_env, key_page=page)

    def model_param_facts(self, model: str | None) -> dict[str, tuple[str, str]]:
        """param -> (fact, glob) from `[model_params]` for `model`: per parameter, the exact
        entry, else the longest matching glob. With `model` None (not known statically) only
        the entries of `"*"`, which hold for every model."""
        facts: dict[str, tuple[str, str]] = {}
        if model is None:
            globs = [g for g in self.model_params if g == "*"]
        else:
            globs = sorted(
                (g for g in self.model_params if fnmatch.fnmatchcase(model, g)),
                key=lambda g: (g == model, len(g)),
            )
        for glob in globs:  # least specific first: later ones win
            for param, fact in self.model_params[glob].items():
                facts[param] = (fact, glob)
        return facts

    def fixed_value(self, model: str, param: str, mode: str) -> tuple[float, str] | None:
        """The value `model` fixes `param` at in `mode` ("thinking" or "thinking_off"), from
        `[fixed_values]` (the exact entry, else the longest matching glob), and that glob; None
        when the file does not say."""
        globs = sorted(
            (g for g in self.fixed_values if fnmatch.fnmatchcase(model, g)),
            key=lambda g: (g == model, len(g)),
        )
        for glob in reversed(globs):
            if param in self.fixed_values[glob]:
                value = self.fixed_values[glob][param].get(mode)
                return (value, glob) if value is not None else None
        return None

    def support(self, surface: str) -> bool | str:
        """True, False, "partial" or "unknown" for an API surface."""
        return self.supports.get(surface, "unknown")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "docs": self.docs,
            "as_of": self.as_of.isoformat(),
            "base_url": self.base_url,
            "default_region": self.default_region,
            "regions": dict(self.regions),
            "api_key_env": self.api_key_env,
            "base_url_env": self.base_url_env,
            "models": dict(self.models),
            "tiers": dict(self.tiers),
            "supports": dict(self.supports),
            "partial": {surface: p.to_json() for surface, p in self.partial.items()},
            "shut_down": {surface: s.to_json() for surface, s in self.shut_down.items()},
            "own_api": {surface: a.to_json() for surface, a in self.own_api.items()},
            "params": dict(self.params),
            "default_headers": dict(self.default_headers),
            "detect": {
                "hosts": list(self.hosts),
                "models": list(self.model_patterns),
                "model_words": sorted(self.model_words),
                "fine_tuned_models": list(self.fine_tuned_models),
                "env_vars": list(self.env_vars),
                "sdk_clients": sorted(self.sdk_clients),
            },
            "notes": list(self.notes),
            "frameworks": dict(self.frameworks),
            "uncertain": dict(self.uncertain),
            **({"azure": self.azure.to_json()} if self.azure is not None else {}),
            "sources": {
                ".".join(path): [s.to_json() for s in items] for path, items in self.sources.items()
            },
            "model_params": {glob: dict(table) for glob, table in self.model_params.items()},
            "fixed_values": {
                glob: {param: dict(modes) for param, modes in table.items()}
                for glob, table in self.fixed_values.items()
            },
            "region_env": dict(self.region_env),
            "retired": {model: r.to_json() for model, r in self.retired.items()},
            "errors": {name: reply.to_json() for name, reply in self.errors.items()},
            "key_shape": self.key_shape(),
            "source": self.source,
        }


def _fail(source: str, key: str, problem: str) -> ProviderError:
    return ProviderError(f"{source}: {key}: {problem}")


# [azure]: a target whose endpoint is per resource (Azure OpenAI). `base_url_env` then holds
# the resource endpoint (`https://<resource>.openai.azure.com`) and the regions' URLs are
# endpoints too; migrated code derives the client's base URL from it.
AZURE_APIS = ("v1", "classic")
AZURE_AUTHS = ("key", "entra")
_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-preview)?\Z")
_V1_PATH = re.compile(r"^(?:/[a-z0-9]+)+\Z")
_SCOPE = re.compile(r"^https://[a-z0-9.-]+/\.default\Z")
_AZURE_REGION_KEYS = ("api", "token_scope", "classic_token_scope")


@dataclass(frozen=True)
class AzureSettings:
    """The `[azure]` table: how clients reach an Azure OpenAI resource.

    `api`: the default API style, "v1" (the plain client on `<endpoint><v1_path>`) or
    "classic" (`AzureOpenAI(azure_endpoint=..., api_version=...)`); `api_version`: the GA
    api-version classic code uses when `api_version_env` is unset; `token_scope` /
    `classic_token_scope`: the Entra ID scope of keyless auth per style; `regions`: per
    region overrides of `api` and the scopes.
    """

    api: str
    v1_path: str
    api_version: str
    api_version_env: str
    token_scope: str
    classic_token_scope: str
    regions: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "v1_path": self.v1_path,
            "api_version": self.api_version,
            "api_version_env": self.api_version_env,
            "token_scope": self.token_scope,
            "classic_token_scope": self.classic_token_scope,
            "regions": {k: dict(v) for k, v in self.regions.items()},
        }


@dataclass(frozen=True)
class AzureClient:
    """The Azure client settings of one run (see `Provider.azure_client`)."""

    region: str | None
    api: str
    auth: str
    v1_path: str
    api_version: str
    api_version_env: str
    token_scope: str


def _parse_azure(source: str, value: object, regions: Mapping[str, str]) -> AzureSettings:
    if not isinstance(value, dict):
        raise _fail(source, "azure", "expected a table")
    checks: dict[str, tuple[Any, str]] = {
        "api": (lambda v: v in AZURE_APIS, " or ".join(map(repr, AZURE_APIS))),
        "v1_path": (
            lambda v: isinstance(v, str) and bool(_V1_PATH.match(v)),
            "a path like /openai/v1",
        ),
        "api_version": (
            lambda v: isinstance(v, str) and bool(_API_VERSION.match(v)),
            "a dated api-version such as 2024-10-21",
        ),
        "api_version_env": (
            lambda v: isinstance(v, str) and bool(_ENV_NAME.match(v)),
            "an environment variable name",
        ),
        "token_scope": (
            lambda v: isinstance(v, str) and bool(_SCOPE.match(v)),
            "an https://.../.default scope",
        ),
        "classic_token_scope": (
            lambda v: isinstance(v, str) and bool(_SCOPE.match(v)),
            "an https://.../.default scope",
        ),
        "regions": (lambda v: isinstance(v, dict), "a table of region tables"),
    }
    table = _checked_table(source, "azure", value, checks, "key")
    for key in checks:
        if key != "regions" and key not in table:
            raise _fail(source, f"azure.{key}", "missing required key")
    local: dict[str, dict[str, str]] = {}
    for name, entry in table.get("regions", {}).items():
        where = f"azure.regions.{name}"
        if name not in regions:
            raise _fail(source, where, "is not in [regions]")
        local[name] = _checked_table(
            source, where, entry, {k: checks[k] for k in _AZURE_REGION_KEYS}, "key"
        )
    return AzureSettings(
        api=table["api"],
        v1_path=table["v1_path"],
        api_version=table["api_version"],
        api_version_env=table["api_version_env"],
        token_scope=table["token_scope"],
        classic_token_scope=table["classic_token_scope"],
        regions=local,
    )


# What a base URL may hold: it is written into code, .env and YAML files, so no quote,
# backslash, space or control character can get in (percent-encode anything else).
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/@+=,;:-]*)?\Z")


def _check_url(source: str, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise _fail(source, key, "expected a URL string")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise _fail(source, key, f"expected an https:// URL without query, got {value!r}")
    if not _URL.match(value):
        raise _fail(
            source, key, f"{value!r} has characters a URL does not need (percent-encode them)"
        )
    return value.rstrip("/")


def _check_str(source: str, key: str, value: object, pattern: re.Pattern[str] | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, key, "expected a non-empty string")
    if pattern is not None and not pattern.match(value):
        raise _fail(source, key, f"{value!r} does not match {pattern.pattern}")
    return value


def _check_str_list(source: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise _fail(source, key, "expected a list of non-empty strings")
    return tuple(value)


def _check_words(source: str, key: str, value: object) -> frozenset[str]:
    words = _check_str_list(source, key, value)
    for word in words:
        if not _WORD.match(word):
            raise _fail(source, key, f"{word!r} is not one word of lowercase letters")
    return frozenset(words)


def _check_sdk_clients(source: str, value: object) -> frozenset[str]:
    names = _check_str_list(source, "detect.sdk_clients", value)
    for name in names:
        if not _DOTTED.match(name):
            raise _fail(source, "detect.sdk_clients", f"{name!r} is not {_DOTTED_TEXT}")
    return frozenset(names)


def _check_fine_tuned(source: str, value: object) -> tuple[str, ...]:
    templates = _check_str_list(source, "detect.fine_tuned_models", value)
    for template in templates:
        if template.count("{base}") != 1 or not _FINE_TUNED_TEMPLATE.match(template):
            raise _fail(
                source,
                "detect.fine_tuned_models",
                f"{template!r} is not an id with {{base}} once and `*` for any characters",
            )
    return templates


def _check_str_table(source: str, key: str, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _fail(source, key, "expected a table")
    for k, v in value.items():
        if not isinstance(v, str) or not v:
            raise _fail(source, f"{key}.{k}", "expected a non-empty string")
    return dict(value)


def _checked_table(
    source: str,
    name: str,
    value: object,
    known: Mapping[str, tuple[Any, str]],
    what: str,
) -> dict[str, Any]:
    """A table whose keys are all in `known` (key -> (validator, description))."""
    if not isinstance(value, dict):
        raise _fail(source, name, "expected a table")
    for key, item in value.items():
        if key not in known:
            raise _fail(source, f"{name}.{key}", f"unknown {what}")
        check, wanted = known[key]
        if not check(item):
            raise _fail(source, f"{name}.{key}", f"expected {wanted}, got {item!r}")
    return dict(value)


def _check_model_params(source: str, value: object) -> dict[str, dict[str, str]]:
    """`[model_params."<glob>"]`: per model glob, parameter -> "fixed" | "drop"."""
    if not isinstance(value, dict):
        raise _fail(source, "model_params", "expected a table of model globs")
    checked: dict[str, dict[str, str]] = {}
    for glob, table in value.items():
        key = f"model_params.{glob}"
        if not _MODEL_GLOB.match(glob):
            raise _fail(source, key, f"{glob!r} is not a model id or glob")
        if not isinstance(table, dict) or not table:
            raise _fail(source, key, 'expected a table such as { temperature = "fixed" }')
        for param, fact in table.items():
            if param not in MODEL_PARAM_NAMES:
                known = ", ".join(sorted(MODEL_PARAM_NAMES))
                raise _fail(source, f"{key}.{param}", f"unknown parameter (known: {known})")
            if fact not in MODEL_PARAM_FACTS:
                raise _fail(source, f"{key}.{param}", f'expected "fixed" or "drop", got {fact!r}')
        checked[glob] = dict(table)
    return checked


FIXED_VALUE_MODES = ("thinking", "thinking_off")


def _check_fixed_values(
    source: str, value: object, model_params: Mapping[str, Mapping[str, str]]
) -> dict[str, dict[str, dict[str, float]]]:
    """`[fixed_values."<glob>"]`: per model glob, a parameter `[model_params]` marks "fixed"
    for that glob -> { thinking = <value>, thinking_off = <value> } (either or both)."""
    if not isinstance(value, dict):
        raise _fail(source, "fixed_values", "expected a table of model globs")
    checked: dict[str, dict[str, dict[str, float]]] = {}
    for glob, table in value.items():
        key = f"fixed_values.{glob}"
        if not isinstance(table, dict) or not table:
            raise _fail(
                source, key, "expected a table such as { temperature = { thinking = 1.0 } }"
            )
        for param, modes in table.items():
            if model_params.get(glob, {}).get(param) != "fixed":
                raise _fail(
                    source, f"{key}.{param}", f'[model_params."{glob}"] does not mark it "fixed"'
                )
            if (
                not isinstance(modes, dict)
                or not modes
                or any(m not in FIXED_VALUE_MODES for m in modes)
                or any(
                    isinstance(v, bool) or not isinstance(v, (int, float)) for v in modes.values()
                )
            ):
                raise _fail(
                    source,
                    f"{key}.{param}",
                    "expected { thinking = <number>, thinking_off = <number> }",
                )
        checked[glob] = {param: dict(modes) for param, modes in table.items()}
    return checked


_RETIRED_KEYS = frozenset({"use", "on", "how"})


def _check_retired(source: str, value: object) -> dict[str, Retirement]:
    """`[retired]`: retired model id -> { use = "<model>", on = <date>, how = "..." }."""
    if not isinstance(value, dict):
        raise _fail(source, "retired", "expected a table of model ids")
    checked: dict[str, Retirement] = {}
    for model, table in value.items():
        key = f"retired.{model}"
        if not MODEL_ID.match(model):
            raise _fail(source, key, f"{model!r} is not a model id")
        if not isinstance(table, dict) or not isinstance(table.get("use"), str):
            raise _fail(source, key, 'expected a table such as { use = "<model>" }')
        for name in table:
            if name not in _RETIRED_KEYS:
                raise _fail(source, f"{key}.{name}", "unknown key (known: use, on, how)")
        if not MODEL_ID.match(table["use"]):
            raise _fail(source, f"{key}.use", f"{table['use']!r} is not a model id")
        on = table.get("on")
        if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
            raise _fail(source, f"{key}.on", "expected a date such as 2026-09-01")
        how = table.get("how", "")
        if not isinstance(how, str):
            raise _fail(source, f"{key}.how", "expected a string")
        checked[model] = Retirement(table["use"], on, how)
    return checked


def _check_region_env(
    source: str, value: object, regions: Mapping[str, str], default: str | None, api_key_env: str
) -> dict[str, str]:
    """`[region_env]`: region -> the key variable of that region (the default region's, when
    listed, must be `api_key_env`)."""
    table = _check_str_table(source, "region_env", value)
    for region, name in table.items():
        key = f"region_env.{region}"
        if region not in regions:
            raise _fail(source, key, f"{region!r} is not in [regions]")
        if not _ENV_NAME.match(name):
            raise _fail(source, key, f"{name!r} is not an environment variable name")
        if region == default and name != api_key_env:
            raise _fail(source, key, "the default region's variable must equal api_key_env")
    return table


def _check_base_url_aliases(
    source: str, value: object, bases: set[str]
) -> dict[str, tuple[str, ...]]:
    """`[base_url_aliases]`: a base URL of the file (`base_url` or a region's) -> other URLs
    serving the same API with the same key. Each on that URL's host: a key that goes with
    an alias must never reach another host."""
    if not isinstance(value, dict):
        raise _fail(source, "base_url_aliases", "expected a table")
    found: dict[str, tuple[str, ...]] = {}
    for url, aliases in value.items():
        key = f"base_url_aliases.{url}"
        if url not in bases:
            raise _fail(source, key, "is not base_url or a URL of [regions]")
        checked = tuple(
            _check_url(source, key, alias) for alias in _check_str_list(source, key, aliases)
        )
        host = urlsplit(url).netloc.lower()
        for alias in checked:
            if urlsplit(alias).netloc.lower() != host or alias == url:
                raise _fail(source, key, f"{alias!r} is not another spelling on {host}")
        found[url] = checked
    return found


def parse_provider(
    data: Mapping[str, Any],
    source: str,
    expected_id: str | None = None,
    checked: Callable[[], Mapping[str, Any]] | None = None,
) -> Provider:
    """Validate one provider table; raise ProviderError naming `source` and the key. With
    `checked` (a table that passed once already, and how to read it again from its file),
    its `[sources]` are read when first asked for (`CheckedSources`)."""
    for key in data:
        if key not in _TOP_LEVEL:
            raise _fail(source, key, "unknown key")
    for key in _REQUIRED:
        if key not in data:
            raise _fail(source, key, "missing required key")
    if data["schema"] != SCHEMA_VERSION:
        raise _fail(source, "schema", f"expected {SCHEMA_VERSION}, got {data['schema']!r}")
    pid = _check_str(source, "id", data["id"], _ID)
    if expected_id is not None and pid != expected_id:
        raise _fail(source, "id", f"{pid!r} must equal the file name {expected_id!r}")
    as_of = data["as_of"]
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise _fail(source, "as_of", "expected a date such as 2026-09-01")

    regions = {}
    for name, url in dict(data.get("regions", {})).items():
        regions[name] = _check_url(source, f"regions.{name}", url)
    default_region = data.get("default_region")
    if default_region is not None:
        _check_str(source, "default_region", default_region)
        if default_region not in regions:
            raise _fail(source, "default_region", f"{default_region!r} is not in [regions]")
    base_url = _check_url(source, "base_url", data["base_url"])
    if default_region is not None and regions[default_region] != base_url:
        raise _fail(source, "base_url", f"must equal regions.{default_region}")

    tiers = _check_str_table(source, "tiers", data.get("tiers", {}))
    for table, values in (("tiers", tiers), ("models", data.get("models", {}))):
        for name, model in dict(values).items():
            if isinstance(model, str) and not MODEL_ID.match(model):
                raise _fail(source, f"{table}.{name}", f"{model!r} is not a model id")
    for tier in tiers:
        if tier not in TIERS:
            raise _fail(source, f"tiers.{tier}", f"unknown tier (known: {', '.join(TIERS)})")
    models = _check_str_table(source, "models", data.get("models", {}))

    supports = data.get("supports", {})
    if not isinstance(supports, dict):
        raise _fail(source, "supports", "expected a table")
    for surface, value in supports.items():
        if surface not in KNOWN_SURFACES:
            raise _fail(source, f"supports.{surface}", "unknown surface")
        if value not in SUPPORT_VALUES or (isinstance(value, int) and not isinstance(value, bool)):
            raise _fail(
                source, f"supports.{surface}", 'expected true, false, "partial" or "unknown"'
            )

    params = _checked_table(source, "params", data.get("params", {}), PARAMS, "parameter")
    if "tool_models" in params and supports.get("tools") != "partial":
        raise _fail(source, "params.tool_models", 'supports.tools is not "partial"')
    if "structured_models" in params and supports.get("structured_outputs") != "partial":
        raise _fail(
            source, "params.structured_models", 'supports.structured_outputs is not "partial"'
        )
    frameworks = _checked_table(
        source, "frameworks", data.get("frameworks", {}), FRAMEWORK_KEYS, "key"
    )

    detect = data.get("detect", {})
    if not isinstance(detect, dict):
        raise _fail(source, "detect", "expected a table")
    for key in detect:
        if key not in _DETECT:
            raise _fail(source, f"detect.{key}", "unknown key")
    env_vars = _check_str_list(source, "detect.env_vars", detect.get("env_vars", []))
    for key, name in (
        ("api_key_env", data["api_key_env"]),
        ("base_url_env", data["base_url_env"]),
        *(("detect.env_vars", n) for n in env_vars),
    ):
        if not _ENV_NAME.match(str(name)):
            raise _fail(source, key, f"{name!r} is not an environment variable name")

    uncertain = _check_str_table(source, "uncertain", data.get("uncertain", {}))
    uncertain_paths = set()
    for dotted in uncertain:
        path = resolve(data, dotted)
        if path is None:
            raise _fail(source, f"uncertain.{dotted}", "names a key the file does not have")
        uncertain_paths.add(path)

    key_example = data.get("key_example")
    if key_example is not None and (
        not isinstance(key_example, str) or not _KEY_EXAMPLE.match(key_example)
    ):
        raise _fail(source, "key_example", "expected a made-up key: 8 to 200 printable characters")

    passthrough = data.get("passthrough_models", False)
    if not isinstance(passthrough, bool):
        raise _fail(source, "passthrough_models", "expected true or false")

    model_params = _check_model_params(source, data.get("model_params", {}))
    return Provider(
        id=pid,
        name=_check_str(source, "name", data["name"]),
        docs=_check_url(source, "docs", data["docs"]),
        as_of=as_of,
        api_key_env=_check_str(source, "api_key_env", data["api_key_env"], _ENV_NAME),
        base_url_env=_check_str(source, "base_url_env", data["base_url_env"], _ENV_NAME),
        base_url=base_url,
        source=source,
        aliases=_check_str_list(source, "aliases", data.get("aliases", [])),
        default_region=default_region,
        passthrough_models=passthrough,
        notes=_check_str_list(source, "notes", data.get("notes", [])),
        regions=regions,
        base_url_aliases=_check_base_url_aliases(
            source, data.get("base_url_aliases", {}), {base_url, *regions.values()}
        ),
        tiers=tiers,
        models=models,
        supports=dict(supports),
        partial=parse_partial(source, data.get("partial", {}), supports, _check_url),
        shut_down=parse_shut_down(source, data.get("shut_down", {}), supports),
        own_api=parse_own_api(source, data.get("own_api", {}), supports, _check_url),
        params=dict(params),
        default_headers=_check_str_table(
            source, "default_headers", data.get("default_headers", {})
        ),
        hosts=_check_str_list(source, "detect.hosts", detect.get("hosts", [])),
        model_patterns=_check_str_list(source, "detect.models", detect.get("models", [])),
        model_words=_check_words(source, "detect.model_words", detect.get("model_words", [])),
        fine_tuned_models=_check_fine_tuned(source, detect.get("fine_tuned_models", [])),
        env_vars=env_vars,
        sdk_clients=_check_sdk_clients(source, detect.get("sdk_clients", [])),
        uncertain=uncertain,
        frameworks=dict(frameworks),
        sources=CheckedSources(data, source, checked) if checked else parse_sources(data, source),
        uncertain_paths=frozenset(uncertain_paths),
        azure=_parse_azure(source, data["azure"], regions) if "azure" in data else None,
        model_params=model_params,
        fixed_values=_check_fixed_values(source, data.get("fixed_values", {}), model_params),
        region_env=_check_region_env(
            source, data.get("region_env", {}), regions, default_region, data["api_key_env"]
        ),
        retired=_check_retired(source, data.get("retired", {})),
        errors=parse_errors(source, data.get("errors", {})),
        key_example=key_example,
        key_page=_check_url(source, "key_page", data["key_page"]) if "key_page" in data else None,
    )


def builtin_providers_dir() -> Path:
    """Installed wheel: migrate_llm/providers/. Checkout or editable install: <repo>/providers/.
    (The package's own directory, without importlib.resources: its import costs more than
    this whole function.)"""
    packaged = Path(__file__).parent / "providers"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "providers"


_READ: dict[tuple[object, ...], tuple[list[Provider], str]] = {}


def _read_dir(directory: Traversable | Path, label: str) -> tuple[list[Provider], str]:
    """The providers of `directory`'s TOML files, and a digest of their names and bytes.
    Read once per process while the files do not change (a run with --providers-dir also
    loads the built-ins alone, to say which ones a project replaces)."""
    key = (label, *_fingerprint([directory]))
    if key not in _READ:
        _READ[key] = _parse_dir(directory, label, snapshot=directory == builtin_providers_dir())
    return _READ[key]


def _parse_dir(
    directory: Traversable | Path, label: str, snapshot: bool = False
) -> tuple[list[Provider], str]:
    """`_read_dir`'s work; with `snapshot` (the built-in files), the tables are taken from
    the snapshot of these exact bytes when there is one (`provider_snapshot`)."""
    if not directory.is_dir():
        raise ProviderError(f"{label}: not a directory of provider files")
    files: list[tuple[str, str]] = []
    digest = hashlib.sha256()
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml") or not entry.is_file():
            continue
        source = f"{label}/{entry.name}"
        try:
            text = entry.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ProviderError(f"{source}: not valid TOML: {exc}") from None
        files.append((entry.name, text))
        digest.update(f"{source}\0{len(text)}\0".encode("utf-8", "surrogateescape"))
        digest.update(text.encode("utf-8", "surrogateescape"))
    hexdigest = digest.hexdigest()
    from migrate_llm import provider_snapshot

    if snapshot:
        kept = provider_snapshot.load(hexdigest, len(files))
        if kept is not None:
            with contextlib.suppress(ProviderError):  # a snapshot altered by hand: parse
                return _providers(files, label, kept, checked=True), hexdigest
    tables = [_toml(text, f"{label}/{name}") for name, text in files]
    providers = _providers(files, label, tables)
    if snapshot:
        provider_snapshot.save(hexdigest, tables)
    return providers, hexdigest


def _toml(text: str, source: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProviderError(f"{source}: not valid TOML: {exc}") from None


def _providers(
    files: Sequence[tuple[str, str]],
    label: str,
    tables: Sequence[Mapping[str, Any]],
    checked: bool = False,
) -> list[Provider]:
    """The providers of `tables`, read from `files`; `checked`: tables that passed before
    (a snapshot's), whose `[sources]` are read when first asked for."""
    providers = []
    for (name, text), table in zip(files, tables, strict=True):
        source = f"{label}/{name}"
        again = functools.partial(_toml, text, source) if checked else None
        providers.append(parse_provider(table, source, name[: -len(".toml")], again))
    return providers


@dataclass(frozen=True)
class Registry:
    """All known providers by id, plus their aliases."""

    providers: dict[str, Provider]
    # A digest of every provider file read, in order (label, length, text): what `providers`
    # was built from, cheaper to key a cache with than the providers themselves ("": a
    # registry built by hand).
    digest: str = field(default="", compare=False)

    @property
    def ids(self) -> list[str]:
        return sorted(self.providers)

    def get(self, name: str) -> Provider:
        """Look a provider up by id or alias (case-insensitive)."""
        wanted = name.strip().lower()
        if wanted in self.providers:
            return self.providers[wanted]
        for provider in self.providers.values():
            if wanted in (a.lower() for a in provider.aliases):
                return provider
        raise ProviderError(f"unknown provider {name!r}; known providers: {', '.join(self.ids)}")

    @property
    def openai(self) -> Provider:
        """The source side of every migration: what OpenAI code looks like."""
        return self.get("openai")


_LOADED: dict[tuple[object, ...], Registry] = {}


def _fingerprint(directories: Sequence[Traversable | Path]) -> tuple[object, ...]:
    """What the provider files of `directories` are now: names, sizes and change times (the
    same registry is loaded once per process, and again when a file changes)."""
    seen: list[object] = []
    for directory in directories:
        if isinstance(directory, Path):
            directory = directory.resolve()
        seen.append(str(directory))
        if isinstance(directory, Path) and directory.is_dir():
            for entry in sorted(directory.glob("*.toml")):
                status = entry.stat()
                seen.append((entry.name, status.st_size, status.st_mtime_ns))
    return tuple(seen)


def litellm_tool_turns_filled() -> dict[str, tuple[int, ...]]:
    """By litellm route of the built-in providers (`moonshot`), the first release filling a
    thinking model's tool turn with its reasoning (`[frameworks] litellm_tool_turns_filled`),
    in the files' order."""
    found: dict[str, tuple[int, ...]] = {}
    for provider in load_registry().providers.values():
        prefix = provider.frameworks.get("litellm_prefix")
        first = provider.frameworks.get("litellm_tool_turns_filled")
        if isinstance(prefix, str) and isinstance(first, str):
            found[prefix] = tuple(int(p) for p in first.split("."))
    return found


def load_registry(extra_dirs: Iterable[Path] = ()) -> Registry:
    """Built-in providers, then each extra directory in order; a later file replaces by id."""
    directories = [builtin_providers_dir(), *(Path(d) for d in extra_dirs)]
    key = _fingerprint(directories)
    if key not in _LOADED:
        _LOADED[key] = _load_registry(extra_dirs)
    return _LOADED[key]


def _load_registry(extra_dirs: Iterable[Path]) -> Registry:
    providers: dict[str, Provider] = {}
    builtin, digest = _read_dir(builtin_providers_dir(), "providers")
    digests = [digest]
    for provider in builtin:
        providers[provider.id] = provider
    for directory in extra_dirs:
        extra, digest = _read_dir(Path(directory), str(directory))
        digests.append(digest)
        for provider in extra:
            providers[provider.id] = provider
    seen: dict[str, str] = {}
    for provider in providers.values():
        for name in (provider.id, *provider.aliases):
            key = name.lower()
            if key in seen and seen[key] != provider.id:
                raise ProviderError(
                    f"{provider.source}: aliases: {name!r} is already used by {seen[key]!r}"
                )
            seen[key] = provider.id
    if "openai" not in providers:
        raise ProviderError("providers: openai.toml is missing; it describes the source API")
    return Registry(providers, digest=hashlib.sha256(" ".join(digests).encode()).hexdigest())
