"""Third-party libraries that build their own OpenAI client from OpenAI's variables (ML670).

One entry per library: a module importing it talks to OpenAI through it, whatever the module
itself names, until a person points the library at the provider. `LIBRARIES` build it from a
client class, `CONFIGURED` from a config dict, `DEFAULTING` for what a call is not given.
Each entry names the release and the file it was checked against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class OpenAILibrary:
    """A library that sends its requests to OpenAI unless told otherwise.

    `module`: the top-level module imported (what `FRAMEWORK_MODULES` lists). `package`: the
    distribution that provides it. `clients`: qualified names of the classes requests go
    through; a construction of one is where the rule reports. `provider_keyword`: the keyword
    that chooses another backend, given to a client class or to one of `provider_calls`
    (method name -> position of that argument, not counting `self`); None when there is
    none. `own_keywords`: those of a client class that point it elsewhere whatever their
    value (a client or base URL of one's own); a construction without one goes to OpenAI.
    `openai_providers`: the strings and `openai_provider_objects` the qualified names that
    still mean OpenAI; `provider_classes` build a backend of one's own. `variables`: what the
    library reads. `default`: its OpenAI backend as the message names it. `instead`: what a
    person does for a provider, `{variables}` its key and base URL variables, `{models}` its
    models.
    `source`: where, in which release and when the entry was checked. `service`: where the
    requests go. `whole_module`: whether importing the module itself (`import spice`) reaches
    the client (not where the client is one class among many: `import trulens_eval`).
    `model`: the keyword and position (not counting `self`) of the model a client class
    sends (None: not read); ML204-ML206 leave a literal given there, and the rule's message
    names the provider's model for it, else for `model_default`, on `surface` (the API as
    provider files name it in `[supports]`).
    """

    module: str
    package: str
    clients: tuple[str, ...]
    provider_keyword: str | None
    provider_calls: dict[str, int]
    openai_providers: frozenset[str]
    openai_provider_objects: frozenset[str]
    provider_classes: frozenset[str]
    variables: tuple[str, ...]
    default: str
    instead: str
    source: str
    own_keywords: tuple[str, ...] = ()
    service: str = "OpenAI"
    whole_module: bool = True
    model: tuple[str, int] | None = None
    model_default: str = ""
    surface: str = "chat"


# spiceai 0.2.2 (PyPI wheel; github.com/AbanteAI/spice, spice/providers.py, checked
# 2026-12-03): the "openai" provider's client reads `OPENAI_API_KEY` and `OPENAI_API_BASE`
# (`get_openai_client`, `os.getenv`); a model spice/models.py does not list raises
# UnknownModelError ("Provider is required when unknown models are used") unless a provider
# is passed. spice/spice.py: `get_response(messages, model, provider)` and the other methods
# below take `provider=` (a `Provider`, or a name `get_provider_from_name` looks up);
# `load_provider(provider)` builds that provider's client. Early releases took
# `Spice(provider=...)` instead. Older releases named the provider "open_ai".
SPICE = OpenAILibrary(
    module="spice",
    package="spiceai",
    clients=("spice.Spice", "spice.spice.Spice"),
    provider_keyword="provider",
    provider_calls={
        "get_response": 2,
        "stream_response": 2,
        "get_embeddings": 2,
        "get_embeddings_sync": 2,
        "get_transcription": 2,
        "count_tokens": 2,
        "count_prompt_tokens": 2,
        "load_provider": 0,
    },
    openai_providers=frozenset({"openai", "open_ai"}),
    openai_provider_objects=frozenset({"spice.providers.OPEN_AI", "spice.models.OPEN_AI"}),
    provider_classes=frozenset(
        {"spice.providers.Provider", "spice.models.Provider", "spice.spice.Provider"}
    ),
    variables=("OPENAI_API_KEY", "OPENAI_API_BASE"),
    default="spiceai's default openai provider",
    instead="register a spice provider that reads {variables}, register {models} with it and "
    "pass it as provider=",
    source="https://github.com/AbanteAI/spice/blob/main/spice/providers.py (spiceai 0.2.2, "
    "checked 2026-12-03)",
)

# trulens' OpenAI feedback provider (PyPI wheels, checked 2026-12-03): trulens_eval 0.18.3
# and 0.33.1, trulens_eval/feedback/provider/openai.py: `OpenAI(..., model_engine=None,
# **kwargs)`, model_engine "gpt-3.5-turbo" unless given (DEFAULT_MODEL_ENGINE in 0.33.1); its
# endpoint (feedback/provider/endpoint/openai.py) sends through the `client=` it is given,
# else builds `openai.OpenAI()` (0.18.3, which reads OPENAI_API_KEY and OPENAI_BASE_URL) or
# `openai.OpenAI(**kwargs)` (0.33.1: `api_key=`, `base_url=` reach the client). Exported as
# `trulens_eval.OpenAI`, `trulens_eval.feedback.OpenAI` and `trulens_eval.feedback.provider.
# OpenAI`. trulens-providers-openai 2.16.0, trulens/providers/openai/provider.py: the same
# class as `trulens.providers.openai.OpenAI`, model_engine "gpt-4o-mini" by default.
# `AzureOpenAI(deployment_name=..., **kwargs)` (both) always builds `openai.AzureOpenAI(
# **kwargs)`, which reads AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and OPENAI_API_VERSION.
_TRULENS_SOURCE = (
    "https://github.com/truera/trulens (trulens_eval 0.18.3 and 0.33.1: trulens_eval/feedback/"
    "provider/openai.py; trulens-providers-openai 2.16.0: trulens/providers/openai/"
    "provider.py; checked 2026-12-03)"
)
_TRULENS_INSTEAD = (
    "pass it client=openai.OpenAI(base_url=..., api_key=...) reading {variables} and "
    "model_engine= one of {models}"
)
_TRULENS_EVAL_PROVIDER = "trulens_eval.feedback.provider"
TRULENS_EVAL = OpenAILibrary(
    module="trulens_eval",
    package="trulens_eval",
    clients=(
        "trulens_eval.OpenAI",
        "trulens_eval.feedback.OpenAI",
        f"{_TRULENS_EVAL_PROVIDER}.OpenAI",
        f"{_TRULENS_EVAL_PROVIDER}.openai.OpenAI",
    ),
    provider_keyword=None,
    provider_calls={},
    openai_providers=frozenset(),
    openai_provider_objects=frozenset(),
    provider_classes=frozenset(),
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    default="trulens_eval's OpenAI feedback provider, gpt-3.5-turbo unless given model_engine=",
    instead=_TRULENS_INSTEAD,
    source=_TRULENS_SOURCE,
    own_keywords=("client", "base_url"),
    whole_module=False,
)
TRULENS_EVAL_AZURE = replace(
    TRULENS_EVAL,
    clients=tuple(c.replace(".OpenAI", ".AzureOpenAI") for c in TRULENS_EVAL.clients),
    variables=("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION"),
    default="trulens_eval's AzureOpenAI feedback provider",
    instead="use its OpenAI provider instead and " + _TRULENS_INSTEAD,
    own_keywords=(),
    service="Azure OpenAI",
)
TRULENS = replace(
    TRULENS_EVAL,
    module="trulens",
    package="trulens-providers-openai",
    clients=("trulens.providers.openai.OpenAI", "trulens.providers.openai.provider.OpenAI"),
    default="trulens' OpenAI feedback provider, gpt-4o-mini unless given model_engine=",
)
TRULENS_AZURE = replace(
    TRULENS_EVAL_AZURE,
    module="trulens",
    package="trulens-providers-openai",
    clients=tuple(c.replace(".OpenAI", ".AzureOpenAI") for c in TRULENS.clients),
    default="trulens' AzureOpenAI feedback provider",
)

# pinecone-text's OpenAI encoders (PyPI wheels 0.7.2 and 0.11.0, `pip download --no-deps
# pinecone-text==VERSION`, pinecone_text/dense/openai_encoder.py, read 2026-12-07):
# `OpenAIEncoder(model_name="text-embedding-3-small", *, dimension=None, **kwargs)` (0.7.2:
# `model_name="text-embedding-ada-002", **kwargs`) builds `openai.OpenAI(**kwargs)`, so it
# reads OPENAI_API_KEY and OPENAI_BASE_URL unless given `api_key=` / `base_url=`, and sends
# `embeddings.create(input=..., model=model_name)`. `AzureOpenAIEncoder(model_name,
# **kwargs)` builds `openai.AzureOpenAI(**kwargs)`. Both exported by `pinecone_text.dense`.
_PINECONE_DENSE = "pinecone_text.dense"
PINECONE_TEXT = OpenAILibrary(
    module="pinecone_text",
    package="pinecone-text",
    clients=(f"{_PINECONE_DENSE}.OpenAIEncoder", f"{_PINECONE_DENSE}.openai_encoder.OpenAIEncoder"),
    provider_keyword=None,
    provider_calls={},
    openai_providers=frozenset(),
    openai_provider_objects=frozenset(),
    provider_classes=frozenset(),
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    default="pinecone-text's OpenAI embeddings encoder, openai.OpenAI(**kwargs), "
    "text-embedding-3-small unless given a model_name",
    instead="pass it base_url= and api_key= reading {variables} (its **kwargs go to "
    "openai.OpenAI()) and model_name={models}",
    source="https://github.com/pinecone-io/pinecone-text (pinecone-text 0.7.2 and 0.11.0: "
    "pinecone_text/dense/openai_encoder.py; checked 2026-12-07)",
    own_keywords=("base_url",),
    whole_module=False,
    model=("model_name", 0),
    model_default="text-embedding-3-small",
    surface="embeddings",
)
PINECONE_TEXT_AZURE = replace(
    PINECONE_TEXT,
    clients=tuple(
        c.replace(".OpenAIEncoder", ".AzureOpenAIEncoder") for c in PINECONE_TEXT.clients
    ),
    variables=("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION"),
    default="pinecone-text's Azure OpenAI embeddings encoder, openai.AzureOpenAI(**kwargs)",
    instead="use its OpenAIEncoder instead and " + PINECONE_TEXT.instead,
    own_keywords=(),
    service="Azure OpenAI",
)

LIBRARIES: tuple[OpenAILibrary, ...] = (
    SPICE,
    TRULENS_EVAL,
    TRULENS_EVAL_AZURE,
    TRULENS,
    TRULENS_AZURE,
    PINECONE_TEXT,
    PINECONE_TEXT_AZURE,
)


@dataclass(frozen=True)
class NestedLlm:
    """A section that builds the library's LLM from its settings when its provider is one of
    `picked_by` (mem0's `"reranker": {"provider": "llm_reranker", "config": {...}}`).

    `provider_key`: the entry of its settings naming the LLM's provider (OpenAI's when left
    out); `llm_key`: the entry of its settings holding a config of the LLM of its own
    (`{"provider": ..., "config": {...}}`, the section's provider key and settings key), whose
    settings alone take the base URL (`ConfigSection.base_url_key`)."""

    picked_by: frozenset[str]
    provider_key: str
    llm_key: str


@dataclass(frozen=True)
class ConfigSection:
    """A part of a library's config that builds a client of the library's own (`"llm"`).

    `keys`: the config's keys for it, the one a message names first. `builds`: what its
    OpenAI provider builds, as a message names it. `variables`: what that client reads when
    its settings give no key or base URL. `base_url_key`: the setting that takes a base URL.
    `default_model`: the model it sends unless its settings name one (None: it has none).
    `size_key`: an embedder's setting of the size of its vectors. `store_key`: the entry of
    the config naming the library's vector store (`{"provider": ..., "config": {...}}`), which
    is not told the embedder's size; `default_store` the store a config without it builds;
    `stores`: each store -> the setting of its "config" giving the size of the vectors it
    holds and that setting's default (None: it must be given), or None where it takes no
    size (mem0's chroma sizes a collection by its first vectors and forbids the setting);
    `store_default` the size most stores are made for. `argument`: the keyword through which
    a construction of the library takes the part as an object of the program's own
    (embedchain's `App(llm=OllamaLlm(...))`). `when_absent`: whether a config without it
    builds the OpenAI one. `surface`: the API its client calls (an embedder's:
    "embeddings"), which a provider may not serve. `nested`: how a section of another kind
    builds the library's LLM from its settings (mem0's LLM reranker). `thinking_switch`:
    whether its settings can send a provider's switch turning a model's thinking off (an
    `extra_body`); False where none does (mem0's llm).
    builds the library's LLM from its settings (mem0's LLM reranker). `litellm_providers`:
    the providers of the section that hand its "model" to litellm as it is, with no key or base
    URL (litellm picks the route by the model's prefix and reads that route's variables).
    """

    keys: tuple[str, ...]
    builds: str
    variables: tuple[str, ...]
    base_url_key: str
    default_model: str | None
    size_key: str | None = None
    store_key: str | None = None
    default_store: str | None = None
    stores: Mapping[str, tuple[str, int | None] | None] = field(default_factory=dict)
    store_default: int | None = None
    argument: str | None = None
    when_absent: bool = True
    surface: str = "chat"
    nested: NestedLlm | None = None
    thinking_switch: bool = True
    litellm_providers: frozenset[str] = frozenset()

    def store_size(self, store: str | None) -> tuple[str, int | None] | None:
        """The setting of `store`'s "config" giving its size and that setting's default;
        None where it takes none. An unknown store (None, one not in the table) is taken to
        take the most common setting, with `store_default`."""
        if store is not None and store in self.stores:
            return self.stores[store]
        common = next((s for s in self.stores.values() if s is not None), None)
        return None if common is None else (common[0], self.store_default)


@dataclass(frozen=True)
class ConfiguredLibrary:
    """A library that builds OpenAI clients from a config (a dict) that names no other
    provider, or a provider of OpenAI's.

    `module`, `package`: as `OpenAILibrary`'s. `config_calls`: qualified names of the calls
    given the config -> its keyword and position (not counting `self` or `cls`); a call
    given no argument at all builds every section that is built `when_absent`.
    `object_calls`: constructions given the sections as objects (`ConfigSection.argument`).
    `config_classes`: classes whose keyword arguments are the entries of a config or of a
    section (mem0's `MemoryConfig(llm=LlmConfig(provider=..., config={...}))`).
    `provider_key`: the entry of a section that picks its provider (missing: OpenAI's);
    None where the prefix of its model does (`model_prefix`, scrapegraphai's "openai/gpt-4o";
    an OpenAI model id without a prefix picks OpenAI too). `settings_key`: the entry of a
    section that holds its settings (None: the section itself). `openai_providers`: the
    provider names that mean OpenAI. `own_keys`: entries of a section that give it a client
    of the program's own (scrapegraphai's `model_instance`). `key_keys`: the settings that take
    the key its OpenAI client sends. `platform_arguments`: calls of `config_calls` that build
    none of the sections when given that argument (keyword, position), not None: mem0's proxy
    `Mem0(api_key=...)` is then a client of mem0's platform. `source`: where, in which release
    and when the entry was checked.
    """

    module: str
    package: str
    config_calls: dict[str, tuple[str, int]]
    sections: tuple[ConfigSection, ...]
    provider_key: str | None
    settings_key: str | None
    openai_providers: frozenset[str]
    source: str
    object_calls: frozenset[str] = frozenset()
    config_classes: frozenset[str] = frozenset()
    model_prefix: str | None = None
    own_keys: tuple[str, ...] = ()
    key_keys: tuple[str, ...] = ("api_key",)
    platform_arguments: dict[str, tuple[str, int]] = field(default_factory=dict)


# embedchain 0.1.128 (PyPI wheel, checked 2026-12-04): `App.from_config(config_path=None,
# config=None, ...)` (embedchain/app.py:327) reads `config["llm"]`, `config["embedder"]` (or
# "embedding_model"), each `{"provider": ..., "config": {...}}`, provider "openai" when left
# out (app.py:392, 397); no "llm" gives `App(llm=None)`, which builds `OpenAILlm()`, and
# `App(embedding_model=None)` `OpenAIEmbedder()` (app.py:121-123). The openai llm sends
# `config.model or "gpt-4o-mini"` with `config.api_key or os.environ["OPENAI_API_KEY"]` and
# `config.base_url or os.environ.get("OPENAI_API_BASE")` (llm/openai.py:55-61); the openai
# embedder "text-embedding-ada-002" with `api_key` / `api_base`, else OPENAI_API_KEY /
# OPENAI_API_BASE (embedder/openai.py:15-19), and 1536-wide vectors unless
# `vector_dimension` (embedder/openai.py:30; models/vector_dimensions.py:7).
# `validate_config` (utils/misc.py:389) takes those keys. `Pipeline` is `App` (pipeline.py).
_EMBEDCHAIN_APPS = ("embedchain.App", "embedchain.app.App", "embedchain.Pipeline")
EMBEDCHAIN = ConfiguredLibrary(
    module="embedchain",
    package="embedchain",
    config_calls={
        f"{app}.from_config": ("config", 1)
        for app in (*_EMBEDCHAIN_APPS, "embedchain.pipeline.Pipeline")
    },
    sections=(
        ConfigSection(
            keys=("llm",),
            builds="embedchain's openai llm",
            variables=("OPENAI_API_KEY", "OPENAI_API_BASE"),
            base_url_key="base_url",
            default_model="gpt-4o-mini",
            argument="llm",
        ),
        ConfigSection(
            keys=("embedder", "embedding_model"),
            builds="embedchain's openai embedder",
            variables=("OPENAI_API_KEY", "OPENAI_API_BASE"),
            base_url_key="api_base",
            default_model="text-embedding-ada-002",
            size_key="vector_dimension",
            argument="embedding_model",
            surface="embeddings",
        ),
    ),
    provider_key="provider",
    settings_key="config",
    openai_providers=frozenset({"openai"}),
    source="https://pypi.org/project/embedchain/ (embedchain 0.1.128: embedchain/app.py, "
    "llm/openai.py, embedder/openai.py; checked 2026-12-04)",
    object_calls=frozenset({*_EMBEDCHAIN_APPS, "embedchain.pipeline.Pipeline"}),
)

# mem0ai 2.2.1 (PyPI wheel, checked 2026-12-04): `Memory.from_config(config_dict)` and
# `AsyncMemory.from_config` build `MemoryConfig(**config_dict)` (mem0/memory/main.py:731,
# 2426); `Memory(config=MemoryConfig())` (main.py:488). `MemoryConfig.llm` and `.embedder`
# (configs/base.py:34, 38) are `LlmConfig` / `EmbedderConfig(provider="openai", config={})`
# by default (llms/configs.py:7, embeddings/configs.py:7). The openai llm (also
# "openai_structured") sends "gpt-5-mini" unless given `model`, with `api_key` else
# OPENAI_API_KEY and `openai_base_url` else OPENAI_BASE_URL else api.openai.com
# (llms/openai.py:39-53, llms/openai_structured.py:15-19); the openai embedder
# "text-embedding-3-small" with `openai_base_url` else OPENAI_API_BASE else OPENAI_BASE_URL
# (embeddings/openai.py:15-27), its `embedding_dims` 1536 unless given, sent as
# `dimensions=` only where given (embeddings/openai.py:16-19).
# mem0ai 2.0.18 (github.com/mem0ai/mem0 at 8d5b786, trial t45g) and 2.2.1 (PyPI wheel), checked
# 2026-12-05: no vector store is told the embedder's size: the default store, qdrant
# (vector_stores/configs.py:7-10), and faiss are made for `embedding_model_dims` 1536 unless
# their "config" says (configs/vector_stores/qdrant.py:12, faiss.py:15). The proxy
# `mem0.proxy.main.Mem0(config=None, api_key=None, host=None)` builds
# `Memory.from_config(config)`, else `Memory()`, unless given `api_key`, which makes it the
# platform's `MemoryClient` (proxy/main.py:22-31).
# The stores' size settings (2.0.18 at 8d5b786, trial t47b, checked 2026-12-07): each
# `configs/vector_stores/<store>.py` class, chosen by vector_stores/configs.py:12-38; chroma,
# langchain, upstash_vector, vertex_ai_vector_search and neptune take no size, and refuse
# fields they do not list ("Extra fields not allowed", chroma.py:48-55); valkey's has no
# default (valkey.py:11); databricks names it `embedding_dimension` (databricks.py:28).
_MEM0_STORES: dict[str, tuple[str, int | None] | None] = {
    **{
        store: ("embedding_model_dims", 1536)
        for store in (
            "qdrant",
            "pgvector",
            "pinecone",
            "mongodb",
            "milvus",
            "baidu",
            "cassandra",
            "azure_ai_search",
            "azure_mysql",
            "redis",
            "elasticsearch",
            "opensearch",
            "supabase",
            "weaviate",
            "faiss",
            "s3_vectors",
            "turbopuffer",
            "oracledb",
        )
    },
    "valkey": ("embedding_model_dims", None),
    "databricks": ("embedding_dimension", 1536),
    **{
        store: None
        for store in ("chroma", "langchain", "upstash_vector", "vertex_ai_vector_search", "neptune")
    },
}
# mem0's litellm llm (2.0.18 at 8d5b786, trial t47d, checked 2026-12-07): `"llm": {"provider":
# "litellm", "config": {...}}` (utils/factory.py:48) builds llms/litellm.py, whose
# `litellm.completion(**params)` gets `"model": config.model` ("gpt-5-mini" when none) and no
# api_key or api_base (litellm.py:73-89): litellm routes it by its prefix and reads that
# route's variables ("LLM Provider NOT provided" for a bare non-OpenAI model).
# mem0's LLM reranker (2.0.18 at 8d5b786, trial t47b, checked 2026-12-07): `"reranker":
# {"provider": "llm_reranker", "config": {...}}` (configs/rerankers/config.py:23-27; no
# "reranker": none is built, memory/main.py:506-510; another provider: cohere,
# sentence_transformer, zero_entropy, huggingface, utils/factory.py:233-242) builds
# `LLMRerankerConfig(**config)` (configs/rerankers/llm.py:22-54: `provider` "openai",
# `model` "gpt-5-mini", `api_key`, `llm`; other keys, an "openai_base_url" too, are ignored),
# then `LlmFactory.create(provider, {"model", "temperature", "max_tokens", "api_key"})`
# (reranker/llm_reranker.py:51-62): mem0's openai llm, OPENAI_API_KEY and OPENAI_BASE_URL.
# Given a nested "llm": {"provider": ..., "config": {...}}, its provider (else the
# reranker's) gets that "config" with the reranker's model and key as defaults
# (llm_reranker.py:42-50): there alone "openai_base_url" takes effect.
_MEM0_MEMORIES = (
    "mem0.Memory",
    "mem0.AsyncMemory",
    "mem0.memory.main.Memory",
    "mem0.memory.main.AsyncMemory",
)
MEM0 = ConfiguredLibrary(
    module="mem0",
    package="mem0ai",
    config_calls={
        **{f"{memory}.from_config": ("config_dict", 0) for memory in _MEM0_MEMORIES},
        **{memory: ("config", 0) for memory in _MEM0_MEMORIES},
        "mem0.proxy.main.Mem0": ("config", 0),
    },
    sections=(
        ConfigSection(
            keys=("llm",),
            builds="mem0's openai llm",
            variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
            base_url_key="openai_base_url",
            default_model="gpt-5-mini",
            # mem0ai 2.0.18 (trial t47b): OpenAIConfig (configs/llms/openai.py:12-30) has no
            # extra_body setting, and llms/base.py `_get_common_params` (L149-170) sends
            # temperature, top_p, the token limit and mem0's own kwargs only
            thinking_switch=False,
            litellm_providers=frozenset({"litellm"}),
        ),
        ConfigSection(
            keys=("embedder",),
            builds="mem0's openai embedder",
            variables=("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_BASE_URL"),
            base_url_key="openai_base_url",
            default_model="text-embedding-3-small",
            size_key="embedding_dims",
            store_key="vector_store",
            default_store="qdrant",
            stores=_MEM0_STORES,
            store_default=1536,
            surface="embeddings",
        ),
        ConfigSection(
            keys=("reranker",),
            builds="mem0's LLM reranker, which builds mem0's openai llm",
            variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
            base_url_key="openai_base_url",
            default_model="gpt-5-mini",
            when_absent=False,
            nested=NestedLlm(frozenset({"llm_reranker"}), "provider", "llm"),
        ),
    ),
    provider_key="provider",
    settings_key="config",
    openai_providers=frozenset({"openai", "openai_structured"}),
    source="https://pypi.org/project/mem0ai/ (mem0ai 2.2.1: mem0/memory/main.py, "
    "llms/openai.py, embeddings/openai.py; checked 2026-12-04; 2.0.18: proxy/main.py, "
    "configs/vector_stores/*.py, reranker/llm_reranker.py; checked 2026-12-07)",
    config_classes=frozenset(
        {
            "mem0.configs.base.MemoryConfig",
            "mem0.llms.configs.LlmConfig",
            "mem0.embeddings.configs.EmbedderConfig",
            "mem0.configs.rerankers.config.RerankerConfig",
        }
    ),
    platform_arguments={"mem0.proxy.main.Mem0": ("api_key", 1)},
)

# scrapegraphai 1.76.0 (PyPI wheel, checked 2026-12-04): every graph reads `config["llm"]`
# (graphs/abstract_graph.py:67); a model written "openai/<model>", or an OpenAI model id
# without a prefix (the first provider of helpers/models_tokens.py listing it is "openai"),
# goes to `init_chat_model(model=..., model_provider="openai", **llm)` (abstract_graph.py:
# 177-192, 241), that is langchain-openai's ChatOpenAI, which reads its `api_key` and
# `base_url`, else OPENAI_API_KEY and OPENAI_API_BASE (langchain_openai 1.8.1,
# chat_models/base.py:866-873). `model_instance` in "llm" is a model of one's own
# (abstract_graph.py:148). The position of `config` among each graph's parameters:
_SCRAPEGRAPH_GRAPHS = {
    "AbstractGraph": ("abstract_graph", 1),
    "CodeGeneratorGraph": ("code_generator_graph", 2),
    "CSVScraperGraph": ("csv_scraper_graph", 2),
    "CSVScraperMultiGraph": ("csv_scraper_multi_graph", 2),
    "DepthSearchGraph": ("depth_search_graph", 2),
    "DocumentScraperGraph": ("document_scraper_graph", 2),
    "DocumentScraperMultiGraph": ("document_scraper_multi_graph", 2),
    "JSONScraperGraph": ("json_scraper_graph", 2),
    "JSONScraperMultiGraph": ("json_scraper_multi_graph", 2),
    "OmniScraperGraph": ("omni_scraper_graph", 2),
    "OmniSearchGraph": ("omni_search_graph", 1),
    "ScreenshotScraperGraph": ("screenshot_scraper_graph", 2),
    "ScriptCreatorGraph": ("script_creator_graph", 2),
    "ScriptCreatorMultiGraph": ("script_creator_multi_graph", 2),
    "SearchGraph": ("search_graph", 1),
    "SearchLinkGraph": ("search_link_graph", 1),
    "SmartScraperGraph": ("smart_scraper_graph", 2),
    "SmartScraperLiteGraph": ("smart_scraper_lite_graph", 1),
    "SmartScraperMultiConcatGraph": ("smart_scraper_multi_concat_graph", 2),
    "SmartScraperMultiGraph": ("smart_scraper_multi_graph", 2),
    "SmartScraperMultiLiteGraph": ("smart_scraper_multi_lite_graph", 2),
    "SpeechGraph": ("speech_graph", 2),
    "XMLScraperGraph": ("xml_scraper_graph", 2),
    "XMLScraperMultiGraph": ("xml_scraper_multi_graph", 2),
}
SCRAPEGRAPHAI = ConfiguredLibrary(
    module="scrapegraphai",
    package="scrapegraphai",
    config_calls={
        f"scrapegraphai.graphs{path}.{graph}": ("config", position)
        for graph, (file, position) in _SCRAPEGRAPH_GRAPHS.items()
        for path in ("", f".{file}")
    },
    sections=(
        ConfigSection(
            keys=("llm",),
            builds="scrapegraphai's openai model (langchain's ChatOpenAI)",
            variables=("OPENAI_API_KEY", "OPENAI_API_BASE"),
            base_url_key="base_url",
            default_model=None,
            when_absent=False,
        ),
    ),
    provider_key=None,
    settings_key=None,
    openai_providers=frozenset({"openai"}),
    source="https://pypi.org/project/scrapegraphai/ (scrapegraphai 1.76.0: scrapegraphai/graphs/"
    "abstract_graph.py; checked 2026-12-04)",
    model_prefix="openai/",
    own_keys=("model_instance",),
)

CONFIGURED: tuple[ConfiguredLibrary, ...] = (EMBEDCHAIN, MEM0, SCRAPEGRAPHAI)


@dataclass(frozen=True)
class DefaultingLibrary:
    """A library whose calls build OpenAI models of their own for what they are not given
    (ragas' `evaluate(dataset, metrics)` without `llm=` or `embeddings=`).

    `calls`: qualified names of the calls -> each part they build when not given (`"llm"`,
    `"embeddings"`) -> the keyword and position (not counting `self`) of the argument that
    gives it. `wrapped`: those of the calls that take the library's own objects, which a
    message builds with `wrappers` (part -> class and module). `legacy`: calls whose form
    with this keyword takes no model at all -> what to use instead. `metrics`: those
    calls that build a part only for the metrics they run that need it -> the keyword and
    position of those metrics (missing: the library's default ones, which need both).
    `metric_module`: where the library's metrics live (a name outside it may need both).
    `llm_free_metrics`: the names (class or instance) of its metrics that need no LLM;
    `embedding_metrics`: those that need embeddings. `openai_calls`: calls that build
    OpenAI models whatever they are given -> the models they send. `variables`, `default`:
    what the built models read and send, as a message names them; `mapped_from`: the OpenAI
    model of each part whose mapping names the provider's. `llm_class`, `embeddings_class`:
    what a message tells a person to pass instead, from `classes_module`;
    `embeddings_extra`: the keywords the embeddings class needs for a provider. `source`:
    where, in which releases and when the entry was checked. `reached_from`: other top-level
    modules whose calls are in the tables (the prefilter parses a module importing one that
    names `module`).
    """

    module: str
    package: str
    calls: dict[str, dict[str, tuple[str, int]]]
    wrapped: frozenset[str]
    wrappers: dict[str, tuple[str, str]]
    legacy: dict[str, tuple[str, str]]
    metrics: dict[str, tuple[str, int]]
    metric_module: str
    llm_free_metrics: frozenset[str]
    embedding_metrics: frozenset[str]
    openai_calls: dict[str, str]
    variables: tuple[str, ...]
    default: dict[str, str]
    mapped_from: dict[str, str]
    llm_class: str
    embeddings_class: str
    embeddings_extra: str
    classes_module: str
    source: str
    reached_from: tuple[str, ...] = ()


# ragas (PyPI wheels 0.1.21 and 0.4.3, checked 2026-12-04). `evaluate(dataset, metrics=None,
# llm=None, embeddings=None, ...)` (0.1.21 evaluation.py:51-55; 0.4.3 evaluation.py:349-355,
# and `aevaluate`, :59-65) gives each metric that needs an LLM and has none (`metric.llm is
# None`) the `llm=` it is given, else a default: 0.1.21 `llm_factory()` (evaluation.py:185-
# 188), langchain's `ChatOpenAI(model="gpt-4o-mini")` (llms/base.py:292-310); 0.4.3
# `llm_factory("gpt-4o-mini", client=OpenAI())` (evaluation.py:174-179). Likewise each metric
# that needs embeddings (`MetricWithEmbeddings`): 0.1.21 `embedding_factory()`, langchain's
# `OpenAIEmbeddings(model="text-embedding-ada-002")` (evaluation.py:189-193, embeddings/
# base.py:181-189); 0.4.3 `embedding_factory(provider=<inferred from the llm>,
# client=<the llm's client>)` (evaluation.py:182-193): "openai" unless the llm's class names
# another, its client's `text-embedding-3-small` (embeddings/openai_provider.py:19), or, with
# no client (a langchain llm), langchain's `OpenAIEmbeddings("text-embedding-ada-002")` at
# OpenAI (embeddings/base.py:717-742). No `metrics` runs answer_relevancy, context_precision,
# faithfulness and context_recall (0.1.21 evaluation.py:150-158). Both releases wrap a
# langchain chat model or embeddings given as `llm=` / `embeddings=` (0.1.21 evaluation.py:
# 168-171; 0.4.3 evaluation.py:157-161), so langchain-openai's classes pointed at a provider
# serve either (0.1's `llm_factory` takes no key, 0.4's needs `client=`). `adapt(metrics,
# language, llm=None)` (0.1.21 adaptation.py:10-23) builds `llm_factory()` too.
# `TestsetGenerator.with_openai()` (0.1.21 testset/generator.py:145-157, removed in 0.2)
# builds ChatOpenAI and OpenAIEmbeddings. Metrics: 0.4.3 metrics/*.py, `MetricWithEmbeddings`
# in 0.1.21 and 0.4.3 (`AnswerSimilarity` also takes an LLM in 0.1.21).
# ragas-haystack (PyPI wheels 0.1.3, 2.2.0, 4.2.0 and 5.0.0, checked 2026-12-04): 0.1.x's
# `RagasEvaluator(metric, metric_params=None)` runs `evaluate(dataset, [metric])`, no model
# (haystack_integrations/components/evaluators/ragas/evaluator.py:52-55, 101-102); 2.x's
# `RagasEvaluator(ragas_metrics, evaluator_llm=None, evaluator_embedding=None)` passes them
# as `llm=` / `embeddings=` (evaluator.py:55-60, 143-148) and takes only ragas' objects
# (`BaseRagasLLM`, `BaseRagasEmbeddings`: evaluator.py:91-97); 4.x and 5.x take metrics of
# `ragas.metrics.collections` built with their LLM (evaluator.py:54-59).
_RAGAS_EVALUATE = {"llm": ("llm", 2), "embeddings": ("embeddings", 3)}
_RAGAS_HAYSTACK = "haystack_integrations.components.evaluators.ragas"
_RAGAS_EVALUATORS = (
    f"{_RAGAS_HAYSTACK}.RagasEvaluator",
    f"{_RAGAS_HAYSTACK}.evaluator.RagasEvaluator",
)
RAGAS = DefaultingLibrary(
    module="ragas",
    package="ragas",
    calls={
        "ragas.evaluate": _RAGAS_EVALUATE,
        "ragas.evaluation.evaluate": _RAGAS_EVALUATE,
        "ragas.aevaluate": _RAGAS_EVALUATE,
        "ragas.evaluation.aevaluate": _RAGAS_EVALUATE,
        "ragas.adapt": {"llm": ("llm", 2)},
        "ragas.adaptation.adapt": {"llm": ("llm", 2)},
        **{
            evaluator: {
                "llm": ("evaluator_llm", 1),
                "embeddings": ("evaluator_embedding", 2),
            }
            for evaluator in _RAGAS_EVALUATORS
        },
    },
    wrapped=frozenset(_RAGAS_EVALUATORS),
    wrappers={
        "llm": ("LangchainLLMWrapper", "ragas.llms"),
        "embeddings": ("LangchainEmbeddingsWrapper", "ragas.embeddings"),
    },
    legacy={
        evaluator: ("metric", "ragas-haystack 2's RagasEvaluator(ragas_metrics=[...], ...)")
        for evaluator in _RAGAS_EVALUATORS
    },
    metrics={
        "ragas.evaluate": ("metrics", 1),
        "ragas.evaluation.evaluate": ("metrics", 1),
        "ragas.aevaluate": ("metrics", 1),
        "ragas.evaluation.aevaluate": ("metrics", 1),
        **{evaluator: ("ragas_metrics", 0) for evaluator in _RAGAS_EVALUATORS},
    },
    metric_module="ragas.metrics",
    llm_free_metrics=frozenset(
        {
            "BleuScore",
            "ChrfScore",
            "DataCompyScore",
            "ExactMatch",
            "IDBasedContextPrecision",
            "IDBasedContextRecall",
            "NonLLMContextPrecisionWithReference",
            "NonLLMContextRecall",
            "NonLLMStringSimilarity",
            "RougeScore",
            "SemanticSimilarity",
            "StringPresence",
            "ToolCallAccuracy",
            "ToolCallF1",
        }
    ),
    embedding_metrics=frozenset(
        {
            "AnswerCorrectness",
            "AnswerRelevancy",
            "AnswerSimilarity",
            "ResponseRelevancy",
            "SemanticSimilarity",
            "answer_correctness",
            "answer_relevancy",
            "answer_similarity",
        }
    ),
    openai_calls={
        f"ragas.testset{path}.TestsetGenerator.with_openai": "gpt-4o-mini, gpt-4o and "
        "text-embedding-ada-002 unless given others"
        for path in ("", ".generator")
    },
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE"),
    default={
        "llm": "gpt-4o-mini",
        "embeddings": "text-embedding-ada-002 or text-embedding-3-small, by release",
    },
    mapped_from={"llm": "gpt-4o-mini", "embeddings": "text-embedding-3-small"},
    llm_class="ChatOpenAI",
    embeddings_class="OpenAIEmbeddings",
    embeddings_extra="check_embedding_ctx_length=False",
    classes_module="langchain_openai",
    source="https://pypi.org/project/ragas/ (ragas 0.1.21 and 0.4.3: ragas/evaluation.py, "
    "llms/base.py, embeddings/base.py, adaptation.py, testset/generator.py; ragas-haystack "
    "0.1.3, 2.2.0, 4.2.0, 5.0.0: evaluator.py; checked 2026-12-04)",
    reached_from=("haystack_integrations",),
)

DEFAULTING: tuple[DefaultingLibrary, ...] = (RAGAS,)


@dataclass(frozen=True)
class JudgedLibrary:
    """A library whose classes judge with a model object of the library's kind and build
    their OpenAI model from anything else: a model name (OpenAI's or another provider's) or
    none (deepeval's `AnswerRelevancyMetric(model="gpt-4o")`).

    `classes`: qualified names of those classes -> the position of `model` (not counting
    `self`; None where releases disagree: keyword only). `settings_calls`: calls that pass a
    dict of settings on to such a class -> its keyword, position and the key of the model
    (the Haystack evaluator's `metric_params={"model": ...}`). `variables`, `default`: what
    the OpenAI model reads and sends, as a message names them; `mapped_from`: the OpenAI
    model whose mapping a message names when none is given. `model_class`, `classes_module`:
    the library's model of an OpenAI-compatible endpoint a message tells a person to pass
    (`model=`, `base_url=`, `api_key=`); `older`: what releases without it take instead.
    `configured_by`: the library's own setting that points a name at another endpoint.
    `source`: where, in which releases and when the entry was checked. `reached_from`: as
    `DefaultingLibrary`'s.
    """

    module: str
    package: str
    classes: dict[str, int | None]
    settings_calls: dict[str, tuple[str, int, str]]
    variables: tuple[str, ...]
    default: str
    mapped_from: str
    model_class: str
    classes_module: str
    older: str
    configured_by: str
    source: str
    reached_from: tuple[str, ...] = ()


# deepeval (PyPI wheels 2.9.0, 3.0.0 and 4.3.1, checked 2026-12-04). Each LLM metric runs
# `initialize_model(model)` in its constructor (4.3.1 deepeval/metrics/utils/models.py:170-
# 235; 2.9.0 deepeval/metrics/utils.py:315-341): a `DeepEvalBaseLLM` instance is used as it
# is; a string or None becomes `OpenAIModel(model=model)` (2.9.0: `GPTModel`) unless
# deepeval's settings pick another provider (4.3.1: USE_LOCAL_MODEL and the other USE_*
# variables, or what `deepeval set-local-model` saved; 2.9.0: only the key file that command
# writes). OpenAIModel sends the name it is given (any name in 4.3.1; 2.9.0 rejects one it
# does not list), else OPENAI_MODEL_NAME, else "gpt-5.4" (4.3.1 models/llms/constants.py:5;
# 2.9.0 "gpt-4o", models/llms/openai_model.py:141), with OPENAI_API_KEY to
# `openai.OpenAI(base_url=None)`: api.openai.com unless OPENAI_BASE_URL (4.3.1
# models/llms/openai_model.py:53-98, 484-495). 4.3.1's `LocalModel(model=, base_url=,
# api_key=)` (models/llms/local_model.py:26-79) sends chat completions to that URL; 2.9.0's
# and 3.0.0's `LocalModel()` takes them only from `deepeval set-local-model`. The position of
# `model` is that of 4.3.1, where 2.9.0 agrees (TaskCompletionMetric and ToolCorrectnessMetric
# differ; 2.9.0's Image* and Multimodal* metrics build `MultimodalOpenAIModel` likewise,
# metrics/utils.py:368-381). deepeval-haystack 2.0.0 (evaluator.py:149-168, metrics.py:
# 299-328): every metric of `DeepEvalEvaluator(metric, metric_params)` requires
# `metric_params`, whose only key is "model" (typed `str | None`), given as is to the metric
# class; an object there works, but `to_dict()` cannot serialize it (evaluator.py:120-128).
_DEEPEVAL_METRICS: dict[str, int | None] = {
    **dict.fromkeys(
        (
            "AnswerRelevancyMetric",
            "ArgumentCorrectnessMetric",
            "BiasMetric",
            "ContextualPrecisionMetric",
            "ContextualRecallMetric",
            "ContextualRelevancyMetric",
            "ConversationCompletenessMetric",
            "ConversationRelevancyMetric",
            "FaithfulnessMetric",
            "GoalAccuracyMetric",
            "HallucinationMetric",
            "JsonCorrectnessMetric",
            "KnowledgeRetentionMetric",
            "MCPTaskCompletionMetric",
            "MCPUseMetric",
            "MultiTurnMCPUseMetric",
            "MultimodalAnswerRelevancyMetric",
            "MultimodalContextualPrecisionMetric",
            "MultimodalContextualRecallMetric",
            "MultimodalContextualRelevancyMetric",
            "MultimodalFaithfulnessMetric",
            "PIILeakageMetric",
            "PlanAdherenceMetric",
            "PlanQualityMetric",
            "RoleAdherenceMetric",
            "StepEfficiencyMetric",
            "ToxicityMetric",
            "TurnContextualPrecisionMetric",
            "TurnContextualRecallMetric",
            "TurnContextualRelevancyMetric",
            "TurnFaithfulnessMetric",
            "TurnRelevancyMetric",
        ),
        1,
    ),
    **dict.fromkeys(
        (
            "ConversationalDAGMetric",
            "DAGMetric",
            "MisuseMetric",
            "NonAdviceMetric",
            "PromptAlignmentMetric",
            "RoleViolationMetric",
            "SummarizationMetric",
            "ToolUseMetric",
            "TopicAdherenceMetric",
        ),
        2,
    ),
    **dict.fromkeys(
        (
            "ImageCoherenceMetric",
            "ImageEditingMetric",
            "ImageHelpfulnessMetric",
            "ImageReferenceMetric",
            "TextToImageMetric",
        ),
        0,
    ),
    "ArenaGEval": 4,
    "ConversationalGEval": 4,
    "GEval": 5,
    "TaskCompletionMetric": None,
    "ToolCorrectnessMetric": None,
}
_DEEPEVAL_HAYSTACK = "haystack_integrations.components.evaluators.deepeval"
DEEPEVAL = JudgedLibrary(
    module="deepeval",
    package="deepeval",
    classes={f"deepeval.metrics.{name}": at for name, at in _DEEPEVAL_METRICS.items()},
    settings_calls={
        f"{_DEEPEVAL_HAYSTACK}{path}.DeepEvalEvaluator": ("metric_params", 1, "model")
        for path in ("", ".evaluator")
    },
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    default="gpt-4o or gpt-5.4, by release",
    mapped_from="gpt-4o",
    model_class="LocalModel",
    classes_module="deepeval.models",
    older="where LocalModel() takes no arguments (deepeval 3.0 and older) a DeepEvalBaseLLM "
    "subclass of one's own",
    configured_by="deepeval set-local-model",
    source="https://pypi.org/project/deepeval/ (deepeval 2.9.0, 3.0.0 and 4.3.1: deepeval/"
    "metrics/utils, models/llms/openai_model.py, models/llms/local_model.py; deepeval-haystack "
    "2.0.0: evaluator.py, metrics.py; checked 2026-12-04)",
    reached_from=("haystack_integrations",),
)

JUDGED: tuple[JudgedLibrary, ...] = (DEEPEVAL,)
