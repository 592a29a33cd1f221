"""What graphiti (graphiti-core) looks like where it reaches OpenAI (ML689): its config classes,
its OpenAI clients, and the default clients `Graphiti(...)` builds for what it is not given.

Checked against graphiti-core 0.29.3 (github.com/getzep/graphiti @ 993e081a, 2026-08-20; the
files under graphiti_core/), file and line named beside each entry. No provider facts: what a
provider serves is in `providers/*.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass

PACKAGE = "graphiti-core"
MODULE = "graphiti_core"
LABEL = "graphiti"

# Each OpenAI client builds `AsyncOpenAI(api_key=config.api_key, base_url=config.base_url)`
# (llm_client/openai_client.py:61, llm_client/openai_generic_client.py:98,
# embedder/openai.py:52, cross_encoder/openai_reranker_client.py:55): a config without
# `base_url` reaches OpenAI (the SDK's OPENAI_BASE_URL, else api.openai.com) with whatever key
# it holds, OPENAI_API_KEY where it holds none.
KEY_VARIABLE = "OPENAI_API_KEY"
OPENAI_HOST = "api.openai.com"


@dataclass(frozen=True)
class ConfigClass:
    """A graphiti config class whose fields its OpenAI clients pass to `AsyncOpenAI`.

    `key`, `base_url`, `model`: its keywords; `key_position`, `base_url_position`: where it
    takes them by position (None: by keyword only). `takers`: the clients it is given to.
    `source`: file and line."""

    name: str
    key: str
    base_url: str
    model: str
    takers: str
    source: str
    key_position: int | None = None
    base_url_position: int | None = None


# llm_client/config.py:37-66 `LLMConfig.__init__(self, api_key=None, model=None,
# base_url=None, temperature=..., max_tokens=..., small_model=None)`; given to OpenAIClient,
# OpenAIGenericClient and OpenAIRerankerClient (`config=`, first).
LLM_CONFIG = ConfigClass(
    "LLMConfig",
    "api_key",
    "base_url",
    "model",
    "OpenAIClient, OpenAIGenericClient and OpenAIRerankerClient",
    "llm_client/config.py:37-66",
    key_position=0,
    base_url_position=2,
)
# embedder/openai.py:27-30 `OpenAIEmbedderConfig(EmbedderConfig)`: `embedding_model`
# (default text-embedding-3-small, :24), `api_key`, `base_url` (pydantic fields).
EMBEDDER_CONFIG = ConfigClass(
    "OpenAIEmbedderConfig",
    "api_key",
    "base_url",
    "embedding_model",
    "OpenAIEmbedder",
    "embedder/openai.py:27-30",
)
CONFIGS: dict[str, ConfigClass] = {
    # llm_client/__init__.py re-exports LLMConfig; embedder/__init__.py OpenAIEmbedderConfig
    **{f"graphiti_core.llm_client.{m}LLMConfig": LLM_CONFIG for m in ("", "config.")},
    **{f"graphiti_core.embedder.{m}OpenAIEmbedderConfig": EMBEDDER_CONFIG for m in ("", "openai.")},
}

# graphiti.py:138-145 `Graphiti.__init__(self, uri=None, user=None, password=None,
# llm_client=None, embedder=None, cross_encoder=None, ...)`; graphiti_core/__init__.py:1
# re-exports it. Without one, :219 `OpenAIClient()`, :223 `OpenAIEmbedder()`, :227
# `OpenAIRerankerClient()`: each an `AsyncOpenAI` with no key or base URL, so OPENAI_API_KEY
# and api.openai.com.
GRAPHITI = frozenset({"graphiti_core.Graphiti", "graphiti_core.graphiti.Graphiti"})
GRAPHITI_NAME = "Graphiti"


@dataclass(frozen=True)
class DefaultClient:
    """A client `Graphiti(...)` builds when not given `keyword` (at `position`, not counting
    `self`): `built`, the class; `default_model`, the OpenAI model it sends."""

    keyword: str
    position: int
    built: str
    default_model: str


DEFAULT_CLIENTS = (
    # llm_client/openai_base_client.py:34 DEFAULT_MODEL = 'gpt-5.5'; OpenAIClient calls
    # `responses.parse` (llm_client/openai_client.py:103), OpenAI's Responses API
    DefaultClient("llm_client", 3, "OpenAIClient", "gpt-5.5"),
    # embedder/openai.py:24 DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small'
    DefaultClient("embedder", 4, "OpenAIEmbedder", "text-embedding-3-small"),
    # cross_encoder/openai_reranker_client.py:31 DEFAULT_MODEL = 'gpt-4.1-nano'
    DefaultClient("cross_encoder", 5, "OpenAIRerankerClient", "gpt-4.1-nano"),
)

# The OpenAI client classes (`config=` first, `client=` an SDK client of one's own): llm_client/
# __init__.py re-exports OpenAIClient, embedder/__init__.py OpenAIEmbedder,
# cross_encoder/__init__.py OpenAIRerankerClient. Given no config, each reads OPENAI_API_KEY
# and talks to api.openai.com (a config of its own defaults, e.g. embedder/openai.py:45-46).
CLIENTS: dict[str, str] = {
    **{f"graphiti_core.llm_client.{m}OpenAIClient": "llm" for m in ("", "openai_client.")},
    "graphiti_core.llm_client.openai_generic_client.OpenAIGenericClient": "llm",
    **{f"graphiti_core.embedder.{m}OpenAIEmbedder": "embedder" for m in ("", "openai.")},
    **{
        f"graphiti_core.cross_encoder.{m}OpenAIRerankerClient": "reranker"
        for m in ("", "openai_reranker_client.")
    },
}
CONFIG_KEYWORD = "config"
CLIENT_KEYWORD = "client"
# llm_client/openai_client.py:103: OpenAIClient sends every request with `responses.parse`
RESPONSES_CLIENT = "OpenAIClient"
RESPONSES_SURFACE = "responses"

# What a message tells a person to pass instead, and from where. OpenAIGenericClient calls
# chat completions (llm_client/openai_generic_client.py:156) with
# `structured_output_mode='json_schema'` (default, :66) or 'json_object' (:37, :76-79):
# `__init__(self, config=None, cache=False, client=None, max_tokens=16384,
# structured_output_mode='json_schema')` (:60-67); json_schema sends `response_format`
# `{"type": "json_schema", ...}` (:110-124), json_object `{"type": "json_object"}` (:111) with
# the schema in the prompt (:191).
GENERIC_CLIENT = "OpenAIGenericClient"
MODE_KEYWORD = "structured_output_mode"
MODE_POSITION = 4  # not counting `self`
DEFAULT_MODE = "json_schema"
OBJECT_MODE = "json_object"
GENERIC_IMPORT = "from graphiti_core.llm_client.openai_generic_client import OpenAIGenericClient"
GENERIC_MODEL = "gpt-4.1-mini"  # openai_generic_client.py:35 DEFAULT_MODEL
JSON_OBJECT_MODE = f"{MODE_KEYWORD}='{OBJECT_MODE}'"
EMBEDDER_CLASS = "OpenAIEmbedder"
RERANKER_CLASS = "OpenAIRerankerClient"
# cross_encoder/openai_reranker_client.py:87-95: chat completions with `logprobs=True,
# top_logprobs=2` (and logit_bias); :99-114 scores from `choices[0].logprobs`, so a reply
# without them fails the search (t53m: `zip()` ValueError).
RERANKER_PARAM = "logprobs"
