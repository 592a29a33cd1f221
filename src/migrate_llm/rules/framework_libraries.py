"""ML670: a library that builds its own OpenAI client from OpenAI's variables (see
`migrate_llm.frameworks.libraries`). ML671: a library whose `openai:` model strings pick
OpenAI's endpoint (see `migrate_llm.frameworks.pydantic_ai`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, cast

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment

from migrate_llm.frameworks import camel, graphrag, lightrag
from migrate_llm.frameworks.libraries import (
    CONFIGURED,
    DEFAULTING,
    JUDGED,
    LIBRARIES,
    ConfiguredLibrary,
    DefaultingLibrary,
    JudgedLibrary,
    OpenAILibrary,
)
from migrate_llm.frameworks.marvin import MARVIN_DEFAULTS, imports_marvin
from migrate_llm.frameworks.pydantic_ai import (
    EVALS_DEFAULTS,
    LABEL_ARGUMENTS,
    MARVIN,
    PrefixedModels,
    model_api,
    split_prefix,
)
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.openai_sdk import ENV_LOOKUPS
from migrate_llm.registry import Provider
from migrate_llm.rules.azure_target import azure_target, describe_target
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import lacks_api
from migrate_llm.rules.clients import azure_replaced, classify_url, endpoint_of, env_var_read
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.compat import model_param_message
from migrate_llm.rules.framework_args import argument, callee, qualified
from migrate_llm.rules.framework_classes import unserved_advice
from migrate_llm.rules.framework_litellm import provider_url
from migrate_llm.rules.library_callers import caller_calls, caller_message
from migrate_llm.rules.library_camel import CamelSite, camel_message, camel_sites
from migrate_llm.rules.library_clients import own_backend
from migrate_llm.rules.library_config_sizes import size_issues
from migrate_llm.rules.library_configs import OpenAIPart, openai_parts, part_message
from migrate_llm.rules.library_defaults import DefaultedCall, defaulted_calls, defaulted_message
from migrate_llm.rules.library_graphrag import graphrag_message, graphrag_sites
from migrate_llm.rules.library_judges import JudgedCall, judged_calls, judged_message
from migrate_llm.rules.library_lightrag import lightrag_message, lightrag_sites
from migrate_llm.rules.library_marvin import default_message, default_uses
from migrate_llm.rules.model_places import Site
from migrate_llm.rules.model_site_rules import SitesRule
from migrate_llm.rules.models import article
from migrate_llm.rules.prefixed_recipe import (
    build_advice,
    built_model,
    model_text,
    profile_code,
    profile_reason,
    provider_args,
    rejects_forced_tools,
    settings_code,
    thinks_reason,
    why_openai,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    self_attribute,
    string_value,
    without_rstrip,
)
from migrate_llm.rules.request_arguments import RequestArgument
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, requote
from migrate_llm.rules.thinking_switch import thinking_switch
from migrate_llm.rules.v0_libraries import v0_library_uses, v0_pointed
from migrate_llm.rules.wording import and_listed

_ENCODER = (
    "OpenAIEncoder() sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_BASE_URL "
    "(pinecone-text's OpenAI embeddings encoder, openai.OpenAI(**kwargs), "
    "text-embedding-3-small unless given a model_name); "
)


class OpenAILibraryClient(PythonRule):
    """A library that sends its requests to OpenAI with OpenAI's variables (spiceai, camel, ...).

    ## What it does
    In a module that uses such a library, reports once: at the first construction of its
    client class (`Spice()`), else at an import through which that class is reached
    (`import spice`, `from spice import Spice`; not `from spice.errors import APIError`
    alone). A module is left alone when it builds a backend of its own (`Provider(...)`,
    with which models are registered), or passes one everywhere it picks one: every
    `get_response(provider=...)` (and the library's other methods taking a provider), or
    every `Spice(provider=...)` (early spiceai), names a provider other than OpenAI's, and
    none names OpenAI's (`"openai"`, `OPEN_AI`). A string other than `"openai"`, an imported
    provider other than `OPEN_AI`, or a `Provider(...)` is one; a parameter or attribute,
    which may hold anything, is not.
    trulens' OpenAI feedback provider (`from trulens_eval import OpenAI`, also aliased, and
    `trulens.providers.openai.OpenAI`) is reported at its first construction, else at an
    import of the class (not `import trulens_eval` alone); one given `client=` or
    `base_url=` is pointed elsewhere (an `openai.OpenAI(...)` client is the SDK rules').
    Its `AzureOpenAI` (Azure OpenAI's variables) is always reported.
    pinecone-text's `OpenAIEncoder` (`pinecone_text.dense`, `.openai_encoder`) is reported at
    its first construction, else at an import of the class; one given `base_url=` is pointed
    elsewhere. The model handed to it (a literal, a constant, a parameter's default) is left
    by ML204-ML206: the message names the provider's embedding model for it, or says the
    provider serves none. Its `AzureOpenAIEncoder` is always reported.
    Libraries configured with a dict (embedchain, mem0, scrapegraphai: `CONFIGURED` in
    `migrate_llm.frameworks.libraries`) are reported (a warning) at each part of a config
    that builds their OpenAI client: embedchain's `App.from_config(config={...})` and mem0's
    `Memory.from_config({...})` (also `AsyncMemory`, `MemoryConfig(llm=LlmConfig(...))`, the
    proxy `Mem0(config=...)`, not given `api_key=`, with which it is the platform's client) at
    an `"llm"` or `"embedder"` whose `"provider"` is `"openai"`, that names no provider, or
    that the config leaves out (`{"vector_store": {...}}` alone, `Memory()`, an `App()` given
    no `llm=` or `embedding_model=`); scrapegraphai's graphs (`SmartScraperGraph(...,
    config={...})`) at an `"llm"` whose `"model"` is `"openai/<model>"` or an OpenAI model id.
    The config is followed through names bound once, `dict(...)` and mem0's config classes;
    one the module does not show (a parameter, `config_path=`, `**kwargs`) is reported as
    possibly OpenAI's. A part that names another provider or sets its base URL (scrapegraphai:
    or gives `model_instance`) is left alone. The model written in a reported part is not
    mapped by ML204: the message names the provider's model. mem0's `"reranker"` with provider
    `"llm_reranker"` builds mem0's openai llm from its "config" (its `"provider"` OpenAI's or
    none): an error, as that "config" takes no base URL; so is a nested `"llm"` there of OpenAI's
    provider without `"openai_base_url"`. A module-level dict shaped like such a config (a
    section holding `"provider"` and a `"config"` giving `"api_key"` or `"model"`) that no call
    of the module is shown taking counts as one where the module or another of the project
    imports the library (`RunFacts.configured_imported`): it may be handed to
    `Memory.from_config` elsewhere; so does one a function returns (`return {...}`, or a name
    bound to one: `make_config()`). An
    embedder pointed at the provider (its base-URL variable or URL) is an error where it gives
    no `"model"` (OpenAI's default goes there: apply adds the provider's embedding model), an
    `"embedding_dims"` the provider's `embedding_dimensions` lack (apply sets its default), or
    a vector store made for another size than the one it returns (the store's setting by store,
    `ConfigSection.stores`; apply sets it where the store's "config" is written), also in such
    a dict given to the library elsewhere, and for a "model" bound to a read of the environment
    with a default (`os.environ.get("EMB_MODEL", "embedding-3")`: the default is checked). A
    size held in a name bound once (`DIMS = 1536`) is checked as its number and left to a
    person (manual: other code may read it). Settings looked up by a string in a dict the
    module shows (`"config": LLM["config"]`) are read as that dict.
    Libraries whose calls build OpenAI models for what they are not given (ragas: `DEFAULTING`)
    are reported at each such call: `evaluate(...)` / `aevaluate(...)` without `llm=` or
    `embeddings=` (None counts as not given) where the metrics it runs need them, 0.1's
    `adapt(...)` without `llm=`, `TestsetGenerator.with_openai()`, ragas-haystack's
    `RagasEvaluator(metric=...)` (0.1: no model can be given) and `RagasEvaluator(
    ragas_metrics=[...])` without `evaluator_llm=` / `evaluator_embedding=`. The metrics are read
    from a list or tuple written in the call or bound once: a ragas metric that needs no LLM
    (`BleuScore()`, `ExactMatch()`...) or no embeddings (all but answer relevancy, similarity
    and correctness), or one built with `llm=` / `embeddings=`, does not ask for it; no
    `metrics` (ragas' defaults), metrics not shown or not ragas' need both.
    Libraries whose classes judge with a model object of their own kind (deepeval: `JUDGED`)
    are reported at each construction given a model name or none: a deepeval metric
    (`AnswerRelevancyMetric(model="gpt-4o")`, `GEval(..., model="qwen-plus")`,
    `FaithfulnessMetric()`; not one judging without a model, `ExactMatchMetric()`) and
    deepeval-haystack's `DeepEvalEvaluator(metric=..., metric_params={"model": ...})` (a dict
    written there or bound once). A string, a name bound to one, a read of the environment
    or None is a name; an object, a parameter or `**settings` is left. ML204-ML206 leave
    the literal (a constant stays ML204's to map: ML670 stays).
    camel (camel-ai: `migrate_llm.frameworks.camel`) is reported once per module for each
    kind of call, at the first (the message names the lines of the others): an agent given no
    model (`ChatAgent(...)`, its subclasses, `RolePlaying(...)` without `model=`,
    `Workforce(...)` without `default_model=`; also `model=None`, `[]` or a parameter that
    defaults to None); an agent given a model without a platform (`model="gpt-4o-mini"`,
    `model="qwen-plus"`, `model=ModelType.GPT_4O_MINI`, a list of them);
    `ModelFactory.create(...)` (or an agent's `(platform, type)` tuple) on
    `ModelPlatformType.OPENAI`, `"openai"` or `ModelPlatformType.DEFAULT` without `url=` or
    `client=`; `OpenAIEmbedding(...)`; `OpenAIAudioModels(...)` without `url=` (speech at
    OpenAI: where the provider's `[supports] audio` is false, the message says so). camel's
    toolkits and PersonaHub given no model (`ImageAnalysisToolkit()`, `VideoAnalysisToolkit()`,
    `AudioAnalysisToolkit()` without `audio_reasoning_model=`, `PersonaHub()`) are agents on
    the default model too; `VectorRetriever()`, `AutoRetriever()` and `HybridRetriever()`
    without `embedding_model=` build `OpenAIEmbedding()`, `AudioAnalysisToolkit()` without
    `transcribe_model=` `OpenAIAudioModels()` (whisper-1). `ModelFactory.create_from_yaml(
    "model.yaml")` / `create_from_json(...)` given a file's name take the platform from its
    `model_platform` (openai or default: OpenAI's backend), which the rule cannot read: the
    message says what to write there, and to suppress the finding once it is written (ML503
    leaves the `model_type` of such a file's mapping on OpenAI's platform).
    ML204-ML206 leave the model literal of such a call.
    LightRAG (lightrag-hku: `migrate_llm.frameworks.lightrag`) is reported at each use of its
    OpenAI helpers (`lightrag.llm.openai`, `lightrag.llm.azure_openai`, and `lightrag.llm` of
    releases up to 1.1): `gpt_4o_mini_complete`, `gpt_4o_complete` and `openai_complete`
    passed (`LightRAG(llm_model_func=gpt_4o_mini_complete)`) or called; `openai_embed`
    (`openai_embedding`) passed as it is (`embedding_func=openai_embed`, `func=openai_embed.func`);
    `openai_complete_if_cache(...)` / `openai_embed(...)` / `openai_embed.func(...)` (also
    through `functools.partial`) called without `base_url=` or `api_key=` (None counts as not
    given; `**kwargs` does not count as giving them); the Azure helpers (`azure_openai_complete`,
    `azure_openai_complete_if_cache`, `azure_openai_embed`) wherever used, unless the target is
    Azure OpenAI. `openai_complete` given `base_url` and `api_key` in the same `LightRAG(...)`'s
    `llm_model_kwargs=` (a dict written there or bound once) is left, as is a look at a helper
    (`isinstance(openai_embed, EmbeddingFunc)`, `openai_embed.embedding_dim`).
    GraphRAG (`migrate_llm.frameworks.graphrag`) is reported at each model entry written in
    code whose `model_provider` (a string, a constant) is `"openai"` with no `api_base` (or
    None), or `"azure"` (unless the target is Azure OpenAI), beside a `model`: a dict display
    (also one the program writes out as its settings.yaml), `dict(...)` or graphrag_llm's
    `ModelConfig(...)` given keywords only; not one whose type is the mock
    (`LLMProviderType.MockLLM`, `"mock"`). Its model, written there (or an environment
    default there), is not mapped by ML204-ML206: the message names the provider's model, so
    `check` stays red until the base URL and key point at the provider, whatever model it
    names.
    Library functions that call OpenAI's API themselves and take no base URL
    (`migrate_llm.frameworks.openai_callers`: SpeechRecognition's `recognize_whisper_api()` and
    `recognize_openai()`, methods of that name in a module naming `speech_recognition`) are
    reported at each call, with the provider's offer for the request from its file (its
    transcription model and the files it takes) or that it has none; ML401 leaves a key
    read reaching one on OpenAI's key.

    ## Why
    The library builds its OpenAI client itself: spiceai's default `openai` provider reads
    `OPENAI_API_KEY` and `OPENAI_API_BASE` (spice/providers.py, spiceai 0.2.2), so the program
    still needs an OpenAI key and talks to OpenAI however the rest of the code is migrated.
    spiceai also refuses a model it does not list unless a provider is passed
    (`UnknownModelError: Provider is required when unknown models are used`). trulens'
    provider builds `openai.OpenAI()` (OPENAI_API_KEY, OPENAI_BASE_URL) with gpt-3.5-turbo
    (trulens_eval 0.x) or gpt-4o-mini (trulens-providers-openai 2.x) unless told otherwise.
    pinecone-text's `OpenAIEncoder` builds `openai.OpenAI(**kwargs)` (OPENAI_API_KEY,
    OPENAI_BASE_URL) and sends text-embedding-3-small unless given a `model_name`
    (pinecone-text 0.7.2 and 0.11.0): the provider's model name alone still goes to OpenAI.
    embedchain's and mem0's openai llm and embedder, and scrapegraphai's OpenAI model
    (langchain's ChatOpenAI), read OPENAI_API_KEY and OPENAI_API_BASE (mem0:
    OPENAI_BASE_URL) for what their settings leave out, and send an OpenAI model by default.
    ragas gives a metric without a model its own: gpt-4o-mini (0.1: langchain's `ChatOpenAI`;
    0.4: `llm_factory("gpt-4o-mini", client=OpenAI())`) and OpenAI embeddings
    (text-embedding-ada-002; 0.4: text-embedding-3-small through that llm's client), which read
    OPENAI_API_KEY and OPENAI_BASE_URL (langchain: OPENAI_API_BASE).
    deepeval builds `OpenAIModel(model=<the name>)` (2.x: `GPTModel`) for a metric given a
    string or None, which reads OPENAI_API_KEY and OPENAI_BASE_URL: the provider's model name
    alone goes to OpenAI too (deepeval/metrics/utils, 2.9.0 and 4.3.1), unless deepeval's own
    settings (`deepeval set-local-model`) pick another endpoint outside the code.
    camel's default platform is OpenAI (`ModelPlatformType.DEFAULT` reads
    DEFAULT_MODEL_PLATFORM_TYPE, "openai" unless set; `ModelType.DEFAULT` DEFAULT_MODEL_TYPE,
    gpt-4.1-mini), and an agent sends a model given without a platform there: the provider's
    model name alone still goes to OpenAI. Its OpenAI backend (through `ModelFactory.create`
    with OpenAI's platform, also one read from a variable defaulting to "openai", or built as
    `OpenAIModel(...)`) and `OpenAIEmbedding` read OPENAI_API_KEY and OPENAI_API_BASE_URL
    (camel-ai 0.2.91a5). An OpenAI `ModelType` member camel sends to the provider (its
    platform for it, or OpenAI's given the provider's URL) is refused there.
    LightRAG's helpers send OpenAI's models (gpt-4o-mini, gpt-4o, LightRAG's `llm_model_name`,
    text-embedding-3-small) with OPENAI_API_KEY to OPENAI_API_BASE (api.openai.com unless set;
    older releases through the SDK's OPENAI_BASE_URL) unless given `base_url=` and `api_key=`;
    the Azure ones build `AsyncAzureOpenAI` from the AZURE_* variables whatever they are given
    (lightrag-hku 1.5.7 lightrag/llm/openai.py; 1.0.9 lightrag/llm.py).
    GraphRAG hands litellm `f"{model_provider}/{model}"` with the entry's `api_base` and
    `api_key`: `openai` without a base URL goes to api.openai.com (litellm reads
    OPENAI_BASE_URL and OPENAI_API_BASE), with the provider's model name too; `azure` goes to
    the user's Azure resource (graphrag-llm 3.1.2).

    ## Fix (manual)
    Register a spice `Provider` whose client reads the provider's key and base URL variables
    (the message names them), register the provider's models with spice, and pass that
    provider (`provider=`) where the program picks one. Model names given to the library's
    calls stay ML206's (not an OpenAI SDK call). For trulens, pass the provider
    `client=openai.OpenAI(base_url=..., api_key=...)` reading the provider's variables and
    `model_engine=` one of its models (`model_engine=` literals stay ML206's). In a config,
    set the base URL (embedchain's llm `"base_url"`, its embedder `"api_base"`; mem0's
    `"openai_base_url"`; scrapegraphai's `"base_url"`), the key and the model the message
    names (scrapegraphai's after `openai/`), and an embedder's size of vectors
    (`"vector_dimension"`, `"embedding_dims"`): the provider's model returns its own size.
    mem0 does not tell its vector store that size (qdrant and faiss hold 1536 unless their
    `"embedding_model_dims"` says, and its embedder sends `dimensions=` only when given
    `"embedding_dims"`): the message gives 1536 where the provider's model returns it when
    asked (`embedding_dimensions` of its file), else its size for both settings; vectors stored
    from OpenAI's model are embedded again. An embedder for a provider that serves no
    embeddings (`[supports] embeddings = false`) is told so instead, with the catalogued
    providers that serve them. No edit: the key such a config is given is usually
    the program's OpenAI key (ML401 leaves a read of OPENAI_API_KEY given there). For ragas pass
    what the message gives: `llm=ChatOpenAI(model=..., base_url=..., api_key=...)` and
    `embeddings=OpenAIEmbeddings(model=..., base_url=..., api_key=...,
    check_embedding_ctx_length=False)` (langchain_openai; ragas 0.1 and 0.4 wrap them) with the
    provider's variables and models (`chunk_size=` its batch limit; for `RagasEvaluator` in
    `LangchainLLMWrapper(...)` / `LangchainEmbeddingsWrapper(...)`), or embeddings of a
    provider that serves them (`TestsetGenerator.from_langchain(llm, llm, embeddings)` instead
    of `with_openai()`). For deepeval pass `model=LocalModel(model=..., base_url=...,
    api_key=...)` (`deepeval.models`, 4.x; 3.0 and older: a `DeepEvalBaseLLM` subclass of
    one's own) with the provider's variables and model; to `DeepEvalEvaluator` as
    `metric_params={"model": LocalModel(...)}` (its `to_dict()` then fails), or set deepeval's
    local model (`deepeval set-local-model`) and suppress the finding. For camel pass
    `ModelFactory.create(model_platform=ModelPlatformType.<camel's platform for the provider>,
    model_type=..., url=..., api_key=...)` (QWEN, DEEPSEEK, ZHIPU, MOONSHOT, YI, SILICONFLOW,
    VOLCANO, QIANFAN, MINIMAX; any other: OPENAI_COMPATIBLE_MODEL) reading the provider's
    variables (without them that platform reads its own: QWEN_API_KEY, QWEN_API_BASE_URL...);
    for an agent given no model, or the default platform and model, setting
    DEFAULT_MODEL_PLATFORM_TYPE, DEFAULT_MODEL_TYPE and that platform's variables before camel
    is imported also works (then suppress the finding); for `OpenAIEmbedding` build
    `OpenAICompatibleEmbedding(model_type=..., url=..., api_key=..., output_dim=...)` (passed
    as `embedding_model=` to a retriever given none); in a model file camel reads, write
    `model_platform:` camel's member name for the provider (`qwen`: camel upper-cases it and
    refuses `tongyi-qianwen`, the value) and `model_type:` its model, with that platform's key
    and base URL variables set where the program runs (not the key in the file).
    For LightRAG use what its recipe for OpenAI-compatible APIs does: an async function of one's
    own returning `await openai_complete_if_cache("<provider model>", prompt,
    system_prompt=system_prompt, history_messages=history_messages, base_url=..., api_key=...,
    **kwargs)` as `llm_model_func=`, and an embedding function decorated with
    `@wrap_embedding_func_with_attrs(embedding_dim=..., max_token_size=..., model_name=...)`
    returning `await openai_embed.func(texts, model=..., base_url=..., api_key=...)` as
    `embedding_func=`, reading the provider's variables (where the provider serves no
    embeddings, DeepSeek, another provider's); a call of `openai_complete_if_cache` /
    `openai_embed` gets the `base_url=` / `api_key=` it lacks (and `openai_embed` a `model=`).
    For GraphRAG give the entry `api_base=os.environ.get("<BASE_URL_VAR>", "<URL>")` and
    `api_key=os.environ["<KEY_VAR>"]` (in a dict of a settings text, `"${VAR}"` strings: the
    URL written out, as GraphRAG's `${VAR}` takes no default), `model_provider="openai"` for an
    Azure one (without `azure_deployment_name`), and the provider's model; where the provider
    has no embeddings API, an embeddings entry stays on OpenAI or moves to one that has.
    A package running on openai<1 only (`frameworks.pins.OPENAI_V0_LIBRARIES`: GPTCache,
    t62c) sends its requests with openai<1's module settings, `openai.api_key` and
    `openai.api_base` (unset: OPENAI_API_KEY, read at import, and api.openai.com; the
    message says what the module sets them to: `openai.api_key from DEEPSEEK_API_KEY`, `set
    on line 11`): an error at
    each call setting the key from OPENAI_API_KEY (`cache.set_openai_key()`), at each of its
    embeddings classes built where the provider has no embeddings API
    (`gptcache.embedding.OpenAI()`: choose another embedding), and at the first import of its
    OpenAI parts (`from gptcache.adapter import openai`) where the module does not set both
    settings from the provider's variables (ML301 and ML103 keep and point them).
    Silent with `--provider openai`.

    ## Data
    `library` (the package), `variables` (what it reads); for a part of a config also `section`
    (`llm`, `embedder`) and `base_url_key` (the setting to give a base URL); for a call that builds
    models (ragas) `missing` (`llm`, `embeddings`: what it builds); for a construction judging with
    deepeval's OpenAI model `model` (the name, "" for one read from the environment, null for none);
    for camel `kind` (`default`, `named`, `platform`, `embedding`, `default_embedding`,
    `audio`, `default_audio`, `client`, `backend`, `model`, `file`) and `model` (the OpenAI
    model it sends, null where not known); for LightRAG `helper`
    (its name), `kind` (`chat`, `complete`, `embedding`, `azure_chat`, `azure_embedding`) and
    `model` (the model it sends unless given another, null where the call or LightRAG's
    `llm_model_name` says); for a GraphRAG entry `base_url_key` (`api_base`) and `provider`
    (`openai`, `azure`: what it picks).
    """

    code = "ML670"
    name = "openai-library"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    examples = (
        # t65e: pinecone-text's OpenAIEncoder builds openai.OpenAI(**kwargs) (canopy's
        # OpenAIRecordEncoder): the default model handed to it is not mapped alone
        Example(
            "from pinecone_text.dense.openai_encoder import OpenAIEncoder\n\n\n"
            "class Encoder:\n"
            '    def __init__(self, *, model_name: str = "text-embedding-3-small"):\n'
            "        self.encoder = OpenAIEncoder(model_name)\n",
            provider="acme",
            message=_ENCODER + "for Acme Cloud pass it base_url= and api_key= reading ACME_API_KEY "
            "and ACME_BASE_URL (its **kwargs go to openai.OpenAI()) and "
            "model_name='acme-embed', by hand",
        ),
        Example(
            "from pinecone_text.dense import OpenAIEncoder\n\n"
            'encoder = OpenAIEncoder("text-embedding-3-small")\n',
            provider="deepseek",
            message=_ENCODER
            + "DeepSeek serves no embeddings: keep it on OpenAI, or use embeddings "
            "of a provider that serves them, by hand",
        ),
        Example(
            "import os\n\nfrom pinecone_text.dense import OpenAIEncoder\n\n"
            "encoder = OpenAIEncoder(\n"
            '    "acme-embed",\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.environ["ACME_API_KEY"],\n'
            ")\n",
            provider="acme",
            finds=False,
        ),
        # t64e: SpeechRecognition's Whisper API recognisers call OpenAI themselves
        Example(
            "import speech_recognition as sr\n\n\n"
            "def transcribe(audio, key):\n"
            "    return sr.Recognizer().recognize_whisper_api(audio, api_key=key)\n",
            provider="zhipu",
            message="recognize_whisper_api() is SpeechRecognition's OpenAI Whisper API "
            "recogniser: the library sends the request to api.openai.com itself "
            "(audio.transcriptions.create, whisper-1) with the api_key= it is given, else "
            "OPENAI_API_KEY, and takes no base URL argument, so apply leaves it and its key on "
            "OpenAI; for Zhipu AI (GLM) send it with an OpenAI client pointed at Zhipu AI (GLM) "
            '(ZAI_API_KEY, ZAI_BASE_URL): client.audio.transcriptions.create(model="glm-asr-2512"'
            ", file=...), which transcribes .wav and .mp3 files only, of at most 25 MB and 30 "
            "seconds, or keep this call on OpenAI with OpenAI's key, by hand",
        ),
        Example(
            "import speech_recognition as sr\n\nr = sr.Recognizer()\n\n\n"
            "def transcribe(audio):\n    return r.recognize_openai(audio)\n",
            provider="deepseek",
            message="recognize_openai() is SpeechRecognition's OpenAI Whisper API recogniser: "
            "the library sends the request to api.openai.com itself (audio.transcriptions."
            "create, whisper-1) with OPENAI_API_KEY, and takes no base URL argument, so apply "
            "leaves it and its key on OpenAI; DeepSeek has no OpenAI-compatible audio API: send "
            "it to another service, or keep this call on OpenAI with OpenAI's key, by hand",
        ),
        Example(
            "import speech_recognition as sr\n\nr = sr.Recognizer()\n\n\n"
            "def transcribe(audio):\n    return r.recognize_google(audio)\n",
            finds=False,
        ),
        # t62c: GPTCache's adapter runs on openai<1 with its module settings
        Example(
            "from gptcache import cache\n\ncache.set_openai_key()\n",
            provider="deepseek",
            message="cache.set_openai_key() sets openai<1's openai.api_key from OPENAI_API_KEY, "
            "which gptcache's OpenAI adapter and embeddings send with their requests (to "
            "openai.api_base, else api.openai.com): for DeepSeek set openai.api_key from "
            "DEEPSEEK_API_KEY and openai.api_base from DEEPSEEK_BASE_URL instead, by hand",
        ),
        Example(
            "import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n',
            provider="deepseek",
            finds=False,
        ),
        Example(
            "from spice import Spice\n\nclient = Spice()\n",
            provider="acme",
            message="Spice() sends its requests to OpenAI with OPENAI_API_KEY and "
            "OPENAI_API_BASE (spiceai's default openai provider); for Acme Cloud register a "
            "spice provider that reads ACME_API_KEY and ACME_BASE_URL, register Acme Cloud's "
            "models with it and pass it as provider=, by hand",
        ),
        Example(
            "import spice\n\n\ndef make():\n    return spice.Spice\n",
            message="spice sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_API_BASE "
            "(spiceai's default openai provider); for another provider register a spice "
            "provider that reads its key and base URL variables, register its models with it "
            "and pass it as provider=, by hand (`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            "from spice import Spice\n\nfrom .backends import BACKEND\n\nclient = Spice()\n\n\n"
            "async def ask(messages):\n"
            '    return await client.get_response(messages, "acme-large", provider=BACKEND)\n',
            provider="acme",
            finds=False,
        ),
        Example("from spice import Spice\n\nclient = Spice()\n", provider="openai", finds=False),
        Example(
            "from scrapegraphai.graphs import SmartScraperGraph\n\n\n"
            "def scrape(url, key):\n"
            '    config = {"llm": {"model": "openai/gpt-4o-mini", "api_key": key}}\n'
            '    return SmartScraperGraph("List the titles", url, config).run()\n',
            provider="acme",
            message="\"llm\" of SmartScraperGraph() picks model 'openai/gpt-4o-mini': "
            "scrapegraphai's openai model (langchain's ChatOpenAI), which goes to OpenAI unless "
            '"llm" sets "base_url" (it reads OPENAI_API_KEY and OPENAI_API_BASE for what that '
            'leaves out); for Acme Cloud set in "llm" "base_url" to the base URL from '
            'ACME_BASE_URL (default https://api.acme.example/v1), "api_key" to the key from '
            "ACME_API_KEY and \"model\" to 'openai/acme-small' (for 'openai/gpt-4o-mini'), by hand",
        ),
        Example(
            "from mem0 import Memory\n\n"
            'memory = Memory.from_config({"vector_store": {"provider": "qdrant"}, "llm": {\n'
            '    "provider": "ollama", "config": {"model": "llama3.1"}}})\n',
            provider="acme",
            message='Memory.from_config() is given no "embedder": mem0\'s openai embedder, which '
            "goes to OpenAI (it reads OPENAI_API_KEY, OPENAI_API_BASE and OPENAI_BASE_URL, and "
            'sends text-embedding-3-small); for Acme Cloud add "embedder": {"provider": '
            '"openai", "config": {...}} and set in that "config" "openai_base_url" to the base '
            'URL from ACME_BASE_URL (default https://api.acme.example/v1), "api_key" to the key '
            "from ACME_API_KEY and \"model\" to 'acme-embed' (instead of "
            '\'text-embedding-3-small\'), and "embedding_dims" to 1024 and "vector_store": '
            '{"config": {"embedding_model_dims": 1024}} (mem0\'s vector stores hold 1536 unless '
            "told); re-embed the vectors stored with OpenAI's model, by hand",
        ),
        Example(
            "from ragas import evaluate\nfrom ragas.metrics import answer_relevancy, faithfulness"
            "\n\n\ndef score(dataset):\n"
            "    return evaluate(dataset, metrics=[faithfulness, answer_relevancy])\n",
            provider="acme",
            message="evaluate() is given no llm= nor embeddings=: ragas builds an LLM "
            "(gpt-4o-mini) and embeddings (text-embedding-ada-002 or text-embedding-3-small, by "
            "release) at OpenAI for the metrics that need them, which read OPENAI_API_KEY, "
            "OPENAI_BASE_URL and OPENAI_API_BASE; for Acme Cloud pass llm=ChatOpenAI("
            'model="acme-small", base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"]) and '
            'embeddings=OpenAIEmbeddings(model="acme-embed", base_url=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ['
            '"ACME_API_KEY"], check_embedding_ctx_length=False, chunk_size=16) (from '
            "langchain_openai import ChatOpenAI, OpenAIEmbeddings), by hand",
        ),
        Example(
            "from ragas import evaluate\nfrom ragas.metrics import BleuScore, Faithfulness\n\n\n"
            "def score(dataset, llm):\n"
            "    return evaluate(dataset, [Faithfulness(llm=llm), BleuScore()])\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from deepeval.metrics import AnswerRelevancyMetric\n\n"
            'metric = AnswerRelevancyMetric(threshold=0.7, model="gpt-4o-mini")\n',
            provider="acme",
            message="AnswerRelevancyMetric() is given model='gpt-4o-mini', a model name: "
            "deepeval builds its OpenAI model with it, which reads OPENAI_API_KEY and "
            "OPENAI_BASE_URL; a model name alone does not move deepeval; for Acme Cloud pass "
            'model=LocalModel(model="acme-small", base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"]) (from '
            "deepeval.models import LocalModel; where LocalModel() takes no arguments (deepeval "
            "3.0 and older) a DeepEvalBaseLLM subclass of one's own), by hand",
        ),
        Example(
            "from deepeval.metrics import AnswerRelevancyMetric\nfrom deepeval.models import "
            "LocalModel\n\n"
            'judge = LocalModel(model="acme-small", base_url=URL, api_key=KEY)\n'
            "metric = AnswerRelevancyMetric(threshold=0.7, model=judge)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from camel.agents import ChatAgent\n\n"
            'agent = ChatAgent("Be brief.")\nother = ChatAgent("Be brief.", model=None)\n',
            provider="qwen",
            message="ChatAgent() is given no model=: camel builds its default model ("
            "ModelPlatformType.DEFAULT with ModelType.DEFAULT: OpenAI's gpt-4.1-mini-2025-04-14 "
            "unless DEFAULT_MODEL_PLATFORM_TYPE and DEFAULT_MODEL_TYPE name others), which reads "
            "OPENAI_API_KEY and OPENAI_API_BASE_URL (also line 4); for Alibaba Qwen (DashScope / "
            "Model Studio) set DEFAULT_MODEL_PLATFORM_TYPE=tongyi-qianwen, DEFAULT_MODEL_TYPE="
            "qwen-plus, QWEN_API_KEY (the Alibaba Qwen (DashScope / Model Studio) key) and "
            "QWEN_API_BASE_URL=https://dashscope.aliyuncs.com/compatible-mode/v1 where the "
            "program runs, before camel is imported (then suppress this finding), or pass model="
            'ModelFactory.create(model_platform=ModelPlatformType.QWEN, model_type="qwen-plus", '
            'url=os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/'
            'compatible-mode/v1"), api_key=os.environ["DASHSCOPE_API_KEY"]) (given neither url= '
            "nor api_key=, camel's QWEN platform reads QWEN_API_KEY and QWEN_API_BASE_URL), by "
            "hand",
        ),
        Example(
            "from camel.agents import ChatAgent\n\n"
            'agent = ChatAgent("Be brief.", model="qwen-plus")\n',
            provider="acme",
            message="ChatAgent() is given model='qwen-plus' without a platform: camel sends it "
            "through ModelPlatformType.DEFAULT (OpenAI unless DEFAULT_MODEL_PLATFORM_TYPE names "
            "another platform), which reads OPENAI_API_KEY and OPENAI_API_BASE_URL; a model name "
            "alone does not move camel; for Acme Cloud pass model=ModelFactory.create("
            "model_platform=ModelPlatformType.OPENAI_COMPATIBLE_MODEL, model_type=<model>, url="
            'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ['
            '"ACME_API_KEY"]) (<model> one of acme-large, acme-medium, acme-small; given neither '
            "url= nor api_key=, camel's OPENAI_COMPATIBLE_MODEL platform reads "
            "OPENAI_COMPATIBILITY_API_KEY and OPENAI_COMPATIBILITY_API_BASE_URL), by hand",
        ),
        Example(
            "from camel.models import ModelFactory\nfrom camel.types import ModelPlatformType, "
            "ModelType\n\n"
            "model = ModelFactory.create(ModelPlatformType.OPENAI, ModelType.GPT_4O_MINI)\n",
            message="ModelFactory.create() picks ModelPlatformType.OPENAI: camel's OpenAI "
            "backend, which reads OPENAI_API_KEY and OPENAI_API_BASE_URL; for another provider "
            "pass model_platform=<its camel platform>, model_type=..., url=..., api_key=... "
            "reading its variables, by hand (`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            "import os\n\nfrom camel.agents import ChatAgent\nfrom camel.models import "
            "ModelFactory\nfrom camel.types import ModelPlatformType\n\n"
            'model = ModelFactory.create(ModelPlatformType.QWEN, "qwen-plus")\n'
            'agent = ChatAgent("Be brief.", model=model)\n'
            'judge = ChatAgent(model=(ModelPlatformType.DEEPSEEK, "deepseek-chat"))\n',
            provider="qwen",
            finds=False,
        ),
        Example(
            "from lightrag import LightRAG\nfrom lightrag.llm.openai import gpt_4o_mini_complete"
            "\n\n"
            'rag = LightRAG(working_dir="./w", llm_model_func=gpt_4o_mini_complete)\n',
            provider="acme",
            message="gpt_4o_mini_complete is LightRAG's OpenAI chat helper: it sends gpt-4o-mini "
            "to the base URL, with the key, its module defaults to (OpenAI's, as lightrag-hku "
            "ships it); for Acme Cloud use an async function of your "
            "own instead, as LightRAG's recipe for OpenAI-compatible APIs does: `async def "
            "llm_model_func(prompt, system_prompt=None, history_messages=None, **kwargs): return "
            'await openai_complete_if_cache("acme-small", prompt, system_prompt=system_prompt, '
            'history_messages=history_messages, base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"], **kwargs)` (from '
            "lightrag.llm.openai import openai_complete_if_cache), by hand",
        ),
        Example(
            "from lightrag.llm.openai import openai_embed\n\n\n"
            "async def embed(texts):\n"
            '    return await openai_embed(texts, base_url="https://api.deepseek.com")\n',
            provider="deepseek",
            message="openai_embed() is given base_url= but no api_key= (nor model=: its "
            "default model): LightRAG reads OPENAI_API_KEY for the key (an OpenAI key goes to "
            "that URL; unset, the call fails); DeepSeek serves no embeddings: pass model=, "
            "base_url= and api_key= of a provider that serves them, by hand",
        ),
        Example(
            "import os\n\nfrom lightrag.llm.openai import openai_complete_if_cache\n\n\n"
            "async def llm_model_func(prompt, system_prompt=None, history_messages=None, **kw):\n"
            "    return await openai_complete_if_cache(\n"
            '        "acme-small", prompt, system_prompt=system_prompt,\n'
            "        history_messages=history_messages,\n"
            '        base_url=os.environ["ACME_BASE_URL"],\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "        **kw,\n"
            "    )\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nfrom graphrag_llm.config import ModelConfig\n\n"
            'config = ModelConfig(model_provider="openai", model="gpt-4o",\n'
            '                     api_key=os.environ["APP_KEY"])\n',
            provider="acme",
            message='model_provider="openai" with no api_base: GraphRAG sends this model entry '
            "through litellm to api.openai.com (litellm reads OPENAI_BASE_URL and OPENAI_API_BASE "
            "for the base URL it leaves out); for Acme Cloud give it api_base=os.environ.get("
            '"ACME_BASE_URL", "https://api.acme.example/v1") and api_key=os.environ['
            '"ACME_API_KEY"] in place of os.environ["APP_KEY"] and model="acme-large" (for '
            "'gpt-4o'), by hand",
        ),
        Example(
            "import os\n\nfrom graphrag_llm.config import ModelConfig\n\n"
            'config = ModelConfig(model_provider="openai", model="acme-large",\n'
            '                     api_base=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"),\n'
            '                     api_key=os.environ["ACME_API_KEY"])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from embedchain import App\n\n"
            'app = App.from_config(config={"llm": {"provider": "ollama"}, "embedder": {\n'
            '    "provider": "openai", "config": {"api_base": "http://127.0.0.1:8000/v1"}}})\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        text = self.ctx.text
        for library in LIBRARIES:
            if library.module in text:
                self._check(library)
        for configured in CONFIGURED:
            for part in openai_parts(self.ctx, configured):
                self._report_part(configured, part)
            imported = self.ctx.rules.facts.configured_imported
            if self.ctx.mentions(configured.module) or configured.module in imported:
                for issue in size_issues(self.ctx, configured):
                    fix = FixClass.MANUAL if issue.edit is None else FixClass.REVIEW
                    self.report(
                        issue.node,
                        issue.message,
                        severity=issue.severity,
                        fix=fix,
                        edit=issue.edit,
                        data={"library": configured.package, "section": "embedder"},
                    )
        for defaulting in DEFAULTING:
            if defaulting.module in text:
                for found in defaulted_calls(self.ctx, defaulting):
                    self._report_defaulted(defaulting, found)
        for judged in JUDGED:
            if judged.module in text:
                for call in judged_calls(self.ctx, judged):
                    self._report_judged(judged, call)
        if camel.MODULE in text:
            self._report_camel()
        self._report_v0_library()
        for entry in graphrag_sites(self.ctx):
            self.report(
                entry.selector,
                graphrag_message(self.ctx, entry),
                data={
                    "library": graphrag.PACKAGE,
                    "variables": list(graphrag.VARIABLES),
                    "base_url_key": graphrag.BASE_URL_KEY,
                    "provider": entry.provider,
                },
            )
        for made, caller in caller_calls(self.ctx):
            self.report(
                made.func,
                caller_message(caller, callee(made.func), self.ctx),
                data={
                    "library": caller.package,
                    "function": caller.method,
                    "request": caller.request,
                    "variables": ["OPENAI_API_KEY"],
                },
            )
        if lightrag.MODULE in text:
            for site in lightrag_sites(self.ctx):
                self.report(
                    site.node,
                    lightrag_message(self.ctx, site),
                    data={
                        "library": lightrag.PACKAGE,
                        "variables": list(site.helper.variables or lightrag.VARIABLES),
                        "helper": site.name.partition(".")[0],
                        "kind": site.helper.kind,
                        "model": site.helper.model,
                    },
                )

    def _check(self, library: OpenAILibrary) -> None:
        imported: cst.CSTNode | None = None
        first: cst.Call | None = None
        picks: set[str] = set()  # how the module picks the backend (`_pick`)
        clients = frozenset(library.clients)
        for node in self.ctx.nodes:
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                if imported is None and _reaches_client(node, library):
                    imported = node
            elif isinstance(node, cst.Call):
                if qualified(self.ctx, node.func, library.provider_classes):
                    picks.add("registered")
                elif self.ctx.qualnames(node.func) & clients:  # aliased too (`as fOpenAI`)
                    first = first or node
                    if library.own_keywords:  # trulens: a client or base URL of one's own
                        picks.add(own_backend(node, library.own_keywords))
                    elif library.provider_keyword is not None:
                        given = argument(node, library.provider_keyword, None)
                        if given is not None:  # spiceai's client takes none: its calls do
                            picks.add(self._pick(library, given.value))
                elif (position := _provider_position(library, node)) is not None:
                    assert library.provider_keyword is not None  # provider_calls need one
                    given = argument(node, library.provider_keyword, position)
                    picks.add("unknown" if given is None else self._pick(library, given.value))
        place = first or imported
        own = "registered" in picks or picks == {"own"}
        if place is not None and ("openai" in picks or not own):
            self._report(library, place)

    def _pick(self, library: OpenAILibrary, value: cst.BaseExpression, depth: int = 1) -> str:
        """ "own" where `value` names a backend other than the library's OpenAI one (a string
        other than OpenAI's, a literal, constant or default; an imported provider other than
        OpenAI's; a construction of the library's provider class; a name bound once to one
        of these), "openai" where it names that one, "unknown" for anything else (None, a
        parameter or an attribute, which may hold anything)."""
        resolved = self.ctx.resolve_literal(value)
        if resolved is not None:
            return "openai" if resolved[1] in library.openai_providers else "own"
        if isinstance(value, cst.Call):
            found = qualified(self.ctx, value.func, library.provider_classes)
            return "unknown" if found is None else "own"
        names = self.ctx.qualnames(value)
        if names:
            return "openai" if names & library.openai_provider_objects else "own"
        if isinstance(value, cst.Name) and value.value != "None" and depth > 0:
            bound = self.ctx.bound_value(value)
            if bound is not None:
                return self._pick(library, bound, depth - 1)
        return "unknown"

    def _report(self, library: OpenAILibrary, node: cst.CSTNode) -> None:
        subject = f"{callee(node.func)}()" if isinstance(node, cst.Call) else library.module
        reads = and_listed(library.variables)
        service = library.service
        head = f"{subject} sends its requests to {service} with {reads} ({library.default})"
        provider = self.provider
        if provider is None:
            how = library.instead.format(
                variables="its key and base URL variables", models="its models"
            )
            advice = _for_another(how)
        elif library.model is not None and provider.support(library.surface) is False:
            advice = (
                f"{provider.name} serves no {library.surface}: keep it on OpenAI, or use "
                f"{library.surface} of a provider that serves them, by hand"
            )
        else:
            variables = f"{provider.api_key_env} and {provider.base_url_env}"
            how = library.instead.format(
                variables=variables, models=self._model_for(library, node, provider)
            )
            advice = f"for {provider.name} {how}, by hand"
        self.report(
            node.func if isinstance(node, cst.Call) else node,
            f"{head}; {advice}",
            data={"library": library.package, "variables": list(library.variables)},
        )

    def _model_for(self, library: OpenAILibrary, node: cst.CSTNode, provider: Provider) -> str:
        """The provider's model for the one a client construction sends (given as
        `library.model`, else `library.model_default`), quoted; its models in words where
        none maps or the library's model is not read."""
        words = f"{provider.name}'s models"
        if library.model is None:
            return words
        given = argument(node, *library.model) if isinstance(node, cst.Call) else None
        resolved = self.ctx.resolve_literal(given.value) if given is not None else None
        model = resolved[1] if resolved is not None else library.model_default
        mapped = self.ctx.rules.map_model(model)
        return repr(mapped) if mapped else f"one of {words}"

    def _report_part(self, library: ConfiguredLibrary, part: OpenAIPart) -> None:
        """A part of a config that builds the library's OpenAI client: what to set there."""
        section = part.section
        # an LLM reranker reaches OpenAI only at a search that reranks: a run that does not
        # search shows nothing, and its settings take no base URL
        nested = section.nested is not None and part.how != "unknown"
        self.report(
            part.node,
            part_message(self.ctx, library, part),
            severity=Severity.ERROR if nested else Severity.WARNING,
            data={
                "library": library.package,
                "section": section.keys[0],
                "variables": list(section.variables),
                "base_url_key": section.base_url_key,
            },
        )

    def _report_defaulted(self, library: DefaultingLibrary, found: DefaultedCall) -> None:
        """A call that builds the library's OpenAI models: what to pass instead."""
        self.report(
            found.node.func,
            defaulted_message(self.ctx, library, found),
            data={
                "library": library.package,
                "variables": list(library.variables),
                "missing": list(found.missing) or ["llm", "embeddings"],
            },
        )

    def _report_judged(self, library: JudgedLibrary, found: JudgedCall) -> None:
        """A construction given a model name or none: the library's model to pass instead."""
        self.report(
            found.node.func,
            judged_message(self.ctx, library, found),
            data={
                "library": library.package,
                "variables": list(library.variables),
                "model": found.given,
            },
        )

    def _report_v0_library(self) -> None:
        """A package running on openai<1 only (`frameworks.pins.OPENAI_V0_LIBRARIES`,
        GPTCache's adapter): its requests go with openai<1's module settings. Each call
        setting `openai.api_key` from OPENAI_API_KEY (`cache.set_openai_key()`), each of its
        embeddings classes built where the provider has no embeddings API, and the first
        import of a part where the module does not point both settings at the provider."""
        rules = self.ctx.rules
        if rules.provider is not None and not rules.switching:
            return
        uses = v0_library_uses(self.ctx)
        if not uses:
            return
        provider = self.provider
        name = provider.name if provider is not None else "the provider"
        point = (
            f"set openai.api_key from {provider.api_key_env} and openai.api_base from "
            f"{provider.base_url_env}"
            if provider is not None
            else "point openai.api_key and openai.api_base at it"
        )
        sends = (
            "sends its requests through openai<1 with the module's openai.api_key and "
            f"openai.api_base ({_v0_settings_words(self.ctx)})"
        )
        imported = False
        for use in uses:
            data = {"library": use.package, "use": use.name}
            if use.kind == "key":
                message = (
                    f"{self.snippet(cast(cst.Call, use.node).func)}() sets openai<1's "
                    f"openai.api_key from OPENAI_API_KEY, which {use.package}'s OpenAI adapter "
                    f"and embeddings send with their requests (to openai.api_base, else "
                    f"api.openai.com): for {name} {point} instead, by hand"
                )
            elif use.kind == "embeddings":
                if provider is None or provider.support("embeddings") is not False:
                    continue  # it goes where the module's settings say: the import's finding
                message = (
                    f"{use.name}() {sends}; {lacks_api(provider, 'embeddings')}: choose "
                    f"another embedding for {use.package} (not OpenAI's), or point it at a "
                    "provider that serves embeddings (its key and base URL), by hand"
                )
            elif imported or v0_pointed(self.ctx, provider):
                continue
            else:
                imported = True
                message = f"{use.name} {sends}: for {name} {point} before using it, by hand"
            node = cast(cst.Call, use.node).func if use.kind != "import" else use.node
            self.report(node, message, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)

    def _report_camel(self) -> None:
        """camel's calls that reach OpenAI: once per kind in the module, at the first, naming
        the lines of the others."""
        kinds: dict[str, list[CamelSite]] = {}
        for site in camel_sites(self.ctx):
            kinds.setdefault(site.kind, []).append(site)
        for sites in kinds.values():
            first, *rest = sites
            lines = [self.ctx.position(site.node)[0][0] for site in rest]
            self.report(
                first.node.func,
                camel_message(self.ctx, first, lines),
                data={
                    "library": camel.PACKAGE,
                    "variables": list(camel.VARIABLES),
                    "kind": first.kind,
                    "model": first.model,
                },
            )


def _v0_settings_words(ctx: PythonContext) -> str:
    """What the module sets openai<1's `openai.api_key` and `openai.api_base` to, in words
    (`from DEEPSEEK_API_KEY`, `set on line 7`), each unset one by its default: `unset:
    OPENAI_API_KEY, read at import, and api.openai.com` where the module sets neither."""
    said: dict[str, list[str]] = {"api_key": [], "api_base": []}
    for attr, assign in ctx.index.config_assigns:
        if attr not in said:
            continue
        read = env_var_read(ctx, without_rstrip(assign.value))
        line = ctx.line_label(ctx.position(assign)[0][0])
        words = f"from {read[0]}" if read is not None else f"set on {line}"
        if words not in said[attr]:
            said[attr].append(words)
    key, base = (" or ".join(said[a]) for a in ("api_key", "api_base"))
    if not key and not base:
        return "unset: OPENAI_API_KEY, read at import, and api.openai.com"
    key = key or "unset: OPENAI_API_KEY, read at import"
    return f"openai.api_key {key}; openai.api_base {base or 'unset: api.openai.com'}"


def _provider_position(library: OpenAILibrary, call: cst.Call) -> int | None:
    """Where a call of one of the library's methods that pick a provider (`x.get_response`)
    takes it; None for any other call."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return library.provider_calls.get(func.attr.value)
    return None


def _reaches_client(node: cst.Import | cst.ImportFrom, library: OpenAILibrary) -> bool:
    """Whether an import binds a name through which the library's client class is reached
    (`import spice`, `from spice import Spice`); not one of its other parts only
    (`from spice.errors import APIError`, `from spice import SpiceMessage`)."""
    if isinstance(node, cst.ImportFrom):
        module = get_full_name_for_node(node.module) if node.module is not None else None
        if node.relative or module is None:
            return False
        if isinstance(node.names, cst.ImportStar):
            return _leads_to(module, library)
        paths = [f"{module}.{get_full_name_for_node(alias.name)}" for alias in node.names]
        return any(path in library.clients or _leads_to(path, library) for path in paths)
    for alias in node.names:
        name = get_full_name_for_node(alias.name) or ""
        bound = name if alias.asname is not None else name.partition(".")[0]
        if _leads_to(bound, library):
            return True
    return False


def _leads_to(module: str, library: OpenAILibrary) -> bool:
    """Whether `module` is the library's module (where importing it reaches the client) or
    one that holds one of its client classes."""
    if module == library.module and not library.whole_module:
        return False
    return any(client.startswith(module + ".") for client in library.clients)


class _Found(NamedTuple):
    """A finding of ML671 on a model or provider class, made during the traversal (it may
    claim the model literal it maps from ML204-ML206) and reported after it."""

    node: cst.CSTNode
    message: str
    fix: FixClass | None = None
    edit: Edit | None = None
    data: dict[str, object] | None = None
    claimed: cst.CSTNode | None = None


class OpenAIPrefixedModel(SitesRule):
    """A pydantic-ai model that goes to OpenAI: an `openai:` string, a model class or provider.

    ## What it does
    In a module that imports pydantic-ai (or marvin 3, pydantic_evals), reports
    - a model string written after `openai:`, `openai-chat:` or `openai-responses:` wherever
      it picks a model: a setting (`agent_model: KnownModelName = Field(default=
      "openai:gpt-4o")`, a constant, a default), `Agent("openai:gpt-4o")`,
      `Agent(model=...)`, `agent.run(..., model=...)`, `generate_dataset(model=...)`, a row
      of a table a loop unpacks whose column it gives as a model (`models = [("openai:gpt-5-
      mini", "OPENAI_API_KEY"), ...]`; `for model, env_var in models: ... agent.run_stream(
      prompt, model=model)`). ML204 does not map it and ML206 does not report it; one in
      another list of models, a prefix test, a comparison or a table key stays ML205's. In a
      run where a module imports one of them, an `openai:` string of another module counts
      too (`agent.override(model=...)` on an agent imported from elsewhere, a settings
      module);
    - `OpenAIChatModel(...)`, `OpenAIResponsesModel(...)` or the older `OpenAIModel(...)`
      built without `provider=` (or with `provider="openai"`);
    - `OpenAIProvider(...)` built without `base_url=` (nor `openai_client=`, a client the
      SDK rules migrate);
    - a model class given such a provider by a name or `self.X` (`p = OpenAIProvider()`;
      `OpenAIChatModel("gpt-4o", provider=p)`), for what the model class needs beside it;
    - pydantic_evals' `LLMJudge(...)`, `GEval(...)` and `judge_output(...)` (and the other
      `judge_*` helpers) given no model (or None), in a module and project that never call
      `set_default_judge_model(...)`, and `generate_dataset(...)` given no `model=`;
    - marvin 3's default model, `marvin.defaults.model` (`"openai:gpt-4o"` unless
      MARVIN_AGENT_MODEL names another: marvin 3.2.7): a `marvin.Agent(...)` given no
      `model=`, and a call running marvin's default agent given no agent (`marvin.run(...)`,
      `run_async`, `run_stream` without `agents=`; `extract`, `cast`, `classify`, `generate`,
      `generate_schema`, `say`, `summarize`, `plan` and their `_async` twins without `agent=`;
      `marvin.Task(...)` without `agents=`; `@marvin.fn` or `@fn(...)` without `agent=`), where
      the module does not set `marvin.defaults.model` itself (nor, for those calls,
      `marvin.defaults.agent`), nor runs it inside `with override_defaults(model=...)`, nor
      imports a module of the project that sets it (a test under a `conftest.py` that sets or
      overrides it, as a fixture does, counts as set).

    A model class given `provider=OpenAIProvider(base_url=...)` or `openai_client=` (built
    there or bound once to a name) that goes elsewhere than OpenAI or the provider, another
    provider's name (`provider="deepseek"`) or a value the module does not show is left
    alone.

    ## Why
    pydantic-ai picks the endpoint from the prefix: `openai:` builds its `OpenAIProvider`,
    which reads `OPENAI_API_KEY` and `OPENAI_BASE_URL` (providers/openai.py,
    pydantic-ai-slim 2.68.0), and the string has no room for a base URL. Another model name
    after the prefix still goes to OpenAI, and a field typed `KnownModelName` (the `Literal`
    of the names pydantic-ai knows) rejects it when the settings load. The model classes use
    that provider unless given another. marvin hands pydantic-ai `self.model or
    marvin.defaults.model` for every agent, and runs `marvin.defaults.agent` (which has no
    model) for a task given none.

    ## Fix
    A model string given straight to `Agent(...)` as its model (`Agent("openai:gpt-4o")`,
    `Agent(model="openai:gpt-4o")`, not given `capabilities=` or `builtin_tools=`, whose
    web search the chat model class refuses), or bound once to a name given only so
    (`MODEL = "openai:gpt-4o"`; `Agent(MODEL)`), becomes that model built for the provider
    (review; an environment read's default, `os.getenv("M", "openai:gpt-4o")`, becomes
    `os.getenv("M") or <the model>`):
    `OpenAIChatModel("<provider model>", provider=OpenAIProvider(base_url=os.environ.get(
    "<BASE_URL_VAR>", "<URL>"), api_key=os.environ["<KEY_VAR>"]))`, the model mapped through
    the provider's table, with the imports. Anywhere else (a setting, a constant, `agent.run(
    model=...)`) it is left to you (manual): build that model and pass it where the string
    went (a settings field then holds the provider's model name, not a `KnownModelName`).
    marvin's `marvin.settings.agent_model = "openai:..."` takes no model object (a
    `KnownModelName` checked on assignment) and is read only when marvin is imported, so set
    after that it changes no model: remove it and assign the built model to
    `marvin.defaults.model` (manual). A use of marvin's default model is left to you
    (manual): assign the built model to `marvin.defaults.model` once marvin is imported, or
    pass it as the agent's `model=`.
    Where the provider file says the provider rejects `tool_choice` "required" (Zhipu,
    Kimi), which pydantic-ai sends for a structured output, the model also takes
    `profile=OpenAIModelProfile(openai_supports_tool_choice_required=False)`; where the
    OpenAI model answered at once and the provider's model thinks unless told not to
    (ML118's test: Kimi, DeepSeek), `settings={"extra_body": <the provider's switch>}`. `apply`
    (review) gives a model class built without a provider
    `provider=OpenAIProvider(base_url=..., api_key=...)` reading the provider's variables
    (and that profile, unless it passes one), and a bare `OpenAIProvider()` the same two
    arguments, with the imports; a model literal in the call is mapped through the
    provider's table. An `OpenAIProvider()` built in a model class's call
    (`OpenAIChatModel("gpt-4o", provider=OpenAIProvider())`) gets those two arguments, and the
    model class its model mapped and the profile, in one edit. A model class given the
    provider by a name or `self.X` bound once to a bare `OpenAIProvider()` gets the profile
    and its model mapped in its own edit (the provider gets its two arguments where it is
    built); where that name is bound more than once, the profile is left to you (manual,
    naming it). Manual where the call passes `**kwargs` (which may hold the provider), where
    an `OpenAIProvider` is given a key (one meant for OpenAI), and for
    `OpenAIResponsesModel` when the provider has no Responses API. A judge given no model
    is left to you (manual): pydantic_evals judges with its default `openai:gpt-5.2`
    (pydantic-evals 2.33.0 to 2.62.0); pass the provider's model as `model=`, or once to
    `set_default_judge_model(...)` (a module of the project calling it silences every
    judge); `generate_dataset` takes only `model=`. An `LLMJudge` evaluator of a YAML or JSON
    dataset file is ML672's. A model class whose `OpenAIProvider` is given a base URL or an
    SDK client that reaches the provider (its URL or variable; or an OpenAI URL written in
    the module, which ML402 points there, an `OpenAI()`/`AsyncOpenAI()` client built for
    OpenAI, which ML001 points there, or an `AzureOpenAI()`/`AsyncAzureOpenAI()` client that
    ML002 makes the provider's plain client) gets its model mapped and the profile in the same
    pass (review): one apply leaves nothing for a second. An entry of the settings given as
    the `settings=` of a model class apply moves to the provider (or finds there), or as the
    `model_settings=` of the `Agent(...)` given such a model or a string apply rewrites or of
    its runs (`agent.run(...)`, `run_sync`, `run_stream`, `run_stream_sync`,
    `run_stream_events`, `iter`, `override` on a name bound once to it, given no `model=`), a
    dict or a settings class's keywords
    (`ModelSettings(temperature=0.2)`, `OpenAIChatModelSettings(...)`), whose request
    parameter (`temperature`, `top_p`, `presence_penalty`, `frequency_penalty`, `seed`,
    `parallel_tool_calls`, `logit_bias`; `openai_reasoning_effort` for `reasoning_effort`) the
    provider's model fixes or does not take (`[model_params]`) is said in ML115's words
    (warning) and removed (review): its line where it stands on its own, else it and its
    comma; the keyword goes too where nothing else is left in the settings (no
    `model_settings={}`). An entry of settings bound to a name is left to you (manual). A
    realtime or embedding model after the prefix
    (`Embedder("openai:text-embedding-3-small")`, `agent.realtime("openai:gpt-realtime")`)
    needs that API: where the provider file marks it unsupported the message says so instead
    of the recipe. Silent with
    `--provider openai`.

    ## Data
    `library` (the package; `marvin` for its default model), `variables` (what its OpenAI
    provider reads); `model_from` and `model_to` where `apply` maps a model; `default_model`
    for a judge given none and a use of marvin's default.
    """

    code = "ML671"
    name = "openai-prefixed-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    examples = (
        Example(
            "from pydantic import Field\nfrom pydantic_ai.models import KnownModelName\n"
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            '    agent_model: KnownModelName = Field(default="openai:gpt-4o")\n',
            provider="acme",
            message="field Settings.agent_model = 'openai:gpt-4o': the openai: prefix makes "
            "pydantic-ai use its OpenAIProvider, which reads OPENAI_API_KEY and "
            "OPENAI_BASE_URL, so another model name after it still goes to OpenAI (and a "
            "KnownModelName field rejects other names); for Acme Cloud build "
            'OpenAIChatModel("acme-large", provider=OpenAIProvider(base_url=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ['
            '"ACME_API_KEY"]), profile=OpenAIModelProfile(openai_supports_tool_choice_required='
            "False)) and pass that model where this string goes, by hand (profile=: Acme Cloud "
            'rejects tool_choice "required", which pydantic-ai sends for a structured output)',
        ),
        Example(
            'from pydantic_ai import Agent\n\nagent = Agent("openai:gpt-4o")\n',
            message="'openai:gpt-4o' (passed to Agent()): the openai: prefix makes pydantic-ai "
            "use its OpenAIProvider, which reads OPENAI_API_KEY and OPENAI_BASE_URL, so another "
            "model name after it still goes to OpenAI; for another provider build "
            'OpenAIChatModel("<its model>", provider=OpenAIProvider(base_url=os.environ.get('
            '"<its base URL variable>", "<its URL>"), api_key=os.environ["<its key '
            'variable>"])) and pass that model where this string goes, by hand '
            "(`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            "from pydantic_ai import Agent\nfrom pydantic_ai.models.openai import "
            'OpenAIChatModel\n\nagent = Agent(OpenAIChatModel("gpt-4o-mini"))\n',
            provider="acme",
            message="OpenAIChatModel() without provider= uses pydantic-ai's OpenAIProvider, "
            "which reads OPENAI_API_KEY and OPENAI_BASE_URL (it goes to OpenAI); apply passes "
            "provider=OpenAIProvider(base_url=..., api_key=...) and profile=OpenAIModelProfile("
            'openai_supports_tool_choice_required=False) (Acme Cloud rejects tool_choice "required'
            '", which pydantic-ai sends for a structured output): for Acme Cloud read the key '
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); model 'gpt-4o-mini' -> 'acme-small'",
            after="import os\n\nfrom pydantic_ai import Agent\nfrom pydantic_ai.models.openai "
            "import OpenAIChatModel\nfrom pydantic_ai.profiles.openai import OpenAIModelProfile\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n"
            "\nagent = Agent(\n"
            "    OpenAIChatModel(\n"
            '        "acme-small",\n'
            "        provider=OpenAIProvider(\n"
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '            api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            "        ),\n"
            "        profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
            "    )\n"
            ")\n",
        ),
        Example(
            "import os\n\nfrom pydantic_ai import Agent\nfrom pydantic_ai.models.openai import "
            "OpenAIChatModel\nfrom pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "model = OpenAIChatModel(\n"
            '    "acme-large",\n'
            "    provider=OpenAIProvider(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "    ),\n"
            ")\nagent = Agent(model)\n",
            provider="acme",
            message="OpenAIChatModel() talks to Acme Cloud; apply passes profile="
            "OpenAIModelProfile(openai_supports_tool_choice_required=False) (Acme Cloud rejects "
            'tool_choice "required", which pydantic-ai sends for a structured output)',
            after="import os\n\nfrom pydantic_ai import Agent\nfrom pydantic_ai.models.openai "
            "import OpenAIChatModel\nfrom pydantic_ai.profiles.openai import "
            "OpenAIModelProfile\nfrom pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "model = OpenAIChatModel(\n"
            '    "acme-large",\n'
            "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
            "    provider=OpenAIProvider(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "    ),\n"
            ")\nagent = Agent(model)\n",
        ),
        Example(
            'from pydantic_ai import Agent\n\nagent = Agent("openai:gpt-4o")\n',
            provider="openai",
            finds=False,
        ),
        Example(
            'from pydantic_ai import Agent\n\n\ndef make():\n    return Agent("openai:gpt-4o")\n',
            provider="acme",
            message="'openai:gpt-4o' (passed to Agent()): the openai: prefix makes pydantic-ai "
            "use its OpenAIProvider, which reads OPENAI_API_KEY and OPENAI_BASE_URL, so another "
            'model name after it still goes to OpenAI; apply passes OpenAIChatModel("acme-large", '
            "provider=OpenAIProvider(base_url=..., api_key=...), profile=OpenAIModelProfile("
            "openai_supports_tool_choice_required=False)) instead (profile=: Acme Cloud rejects "
            'tool_choice "required", which pydantic-ai sends for a structured output): for Acme '
            "Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom pydantic_ai import Agent\nfrom pydantic_ai.models.openai "
            "import OpenAIChatModel\nfrom pydantic_ai.profiles.openai import OpenAIModelProfile\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n\ndef make():\n"
            "    return Agent(\n"
            "        OpenAIChatModel(\n"
            '            "acme-large",\n'
            "            provider=OpenAIProvider(\n"
            '                base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '                api_key=os.environ["ACME_API_KEY"],\n'
            "            ),\n"
            "            profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
            "        )\n"
            "    )\n",
        ),
        Example(
            "import os\n\nfrom pydantic_ai import Agent, ModelSettings\n"
            "from pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "model = OpenAIChatModel(\n"
            '    "acme-think-1",\n'
            "    provider=OpenAIProvider(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "    ),\n"
            "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
            ")\n"
            "agent = Agent(model)\n"
            'agent.run_sync("Hi", model_settings=ModelSettings(temperature=0.2))\n',
            provider="acme",
            message="acme-think-1 fixes temperature on Acme Cloud: temperature= is removed (the "
            "model ignores or rejects it); model_settings= goes too: nothing else is in it",
            after="import os\n\nfrom pydantic_ai import Agent\n"
            "from pydantic_ai.models.openai import OpenAIChatModel\n"
            "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
            "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
            "model = OpenAIChatModel(\n"
            '    "acme-think-1",\n'
            "    provider=OpenAIProvider(\n"
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            "    ),\n"
            "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
            ")\n"
            "agent = Agent(model)\n"
            'agent.run_sync("Hi")\n',
        ),
        Example(
            'from pydantic_evals.evaluators import LLMJudge\n\nJUDGE = LLMJudge("Answers in '
            'French")\n',
            message="LLMJudge() without model= uses pydantic_evals' default judge model "
            "'openai:gpt-5.2': the openai: prefix makes pydantic-ai use its OpenAIProvider, "
            "which reads OPENAI_API_KEY and OPENAI_BASE_URL, so another model name after it "
            'still goes to OpenAI; for another provider build OpenAIChatModel("<its model>", '
            'provider=OpenAIProvider(base_url=os.environ.get("<its base URL variable>", '
            '"<its URL>"), api_key=os.environ["<its key variable>"])) and pass that model as '
            "model= (or once to set_default_judge_model(), for every judge), by hand "
            "(`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            'import marvin\n\nprint(marvin.run("Write a haiku about coding"))\n',
            provider="acme",
            message="marvin.run() without agents= runs marvin's default agent, whose model is "
            "marvin.defaults.model ('openai:gpt-4o' unless MARVIN_AGENT_MODEL names another): "
            "the openai: prefix makes pydantic-ai use its OpenAIProvider, which reads "
            "OPENAI_API_KEY and OPENAI_BASE_URL, so another model name after it still goes to "
            'OpenAI; for Acme Cloud build OpenAIChatModel("acme-large", provider=OpenAIProvider('
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), api_key='
            'os.environ["ACME_API_KEY"]), profile=OpenAIModelProfile('
            "openai_supports_tool_choice_required=False)) and pass that model to "
            "marvin.defaults.model once marvin is imported (every agent given no model uses it), "
            "or to an agent given here as agents=, by hand (profile=: Acme Cloud rejects "
            'tool_choice "required", which pydantic-ai sends for a structured output)',
        ),
        Example(
            "import marvin\n\nfrom .models import QWEN\n\nmarvin.defaults.model = QWEN\n"
            'print(marvin.run("Write a haiku about coding"))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'import marvin\n\nmarvin.settings.agent_model = "openai:gpt-4o-mini"\n',
            message="attribute marvin.settings.agent_model = 'openai:gpt-4o-mini': the openai: "
            "prefix makes pydantic-ai use its OpenAIProvider, which reads OPENAI_API_KEY and "
            "OPENAI_BASE_URL, so another model name after it still goes to OpenAI; "
            "marvin.settings.agent_model takes only pydantic-ai's KnownModelName strings (a "
            "model object or another name fails its validation), and marvin reads it only when "
            "imported, into marvin.defaults.model, so this changes no model: remove it, and for "
            'another provider build OpenAIChatModel("<its model>", provider=OpenAIProvider('
            'base_url=os.environ.get("<its base URL variable>", "<its URL>"), api_key=os.environ['
            '"<its key variable>"])) and pass that model to marvin.defaults.model instead, once '
            "marvin is imported, by hand (`migrate-llm scan --provider ID` names them)",
        ),
        Example(
            "from pydantic_evals.evaluators import LLMJudge\nfrom pydantic_evals.evaluators."
            "llm_as_a_judge import set_default_judge_model\n\nfrom .models import JUDGE_MODEL"
            '\n\nset_default_judge_model(JUDGE_MODEL)\nJUDGE = LLMJudge("Answers in French")\n',
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self._classes: list[_Found] = []  # model and provider classes, reported at the end
        self._inline: set[int] = set()  # providers built inside a model class (by id)
        self._judges: list[tuple[cst.Call, str]] = []  # given no model: (call, qualified name)
        self._judge_set = False  # the module calls `set_default_judge_model(...)`
        self._settings_seen: set[int] = set()  # settings dicts said (by id)
        self._settings: list[_Found] = []  # their entries, reported at the end

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        library = self.sites.prefixed
        if library is None:
            return
        found = None
        if qualified(self.ctx, node.func, library.model_classes):
            found = self._model_class(library, node)
        elif (
            qualified(self.ctx, node.func, library.provider_classes)
            and id(node) not in self._inline  # else said with its model class
        ):
            found = self._provider_class(library, node)
        if found is not None:
            self._classes.append(found)
            if found.claimed is not None:  # the model literal this rule maps: not ML205's
                self.sites.claimed.add(id(found.claimed))
        elif self.ctx.mentions("pydantic_evals"):
            self._judge_call(node)

    def _judge_call(self, call: cst.Call) -> None:
        """Note a call of pydantic_evals that uses its default model (given none), and
        whether the module sets its judges' default."""
        defaults = EVALS_DEFAULTS
        judge = qualified(self.ctx, call.func, defaults.judges)
        if judge is None:
            if qualified(self.ctx, call.func, defaults.setter):
                self._judge_set = True
            return
        if any(a.star == "**" for a in call.args):
            return  # `**` may give one
        given = argument(call, defaults.model_keyword, defaults.judges[judge])
        if given is None or (isinstance(given.value, cst.Name) and given.value.value == "None"):
            self._judges.append((call, judge))

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        library = self.sites.prefixed
        if library is None:
            return
        for kind in ("setting", "foreign", "check"):
            for site in sites[kind]:
                if self.sites.library_owns(site) and not self._label(site):
                    self._report_string(library, site)
        for found in self._classes:
            self.report(found.node, found.message, fix=found.fix, edit=found.edit, data=found.data)
        judge_set = self._judge_set or self.ctx.rules.facts.judge_model_set
        for call, judge in self._judges:
            if not (judge_set and judge in EVALS_DEFAULTS.settable):
                self._report_default(library, call, judge)
        if imports_marvin(self.ctx.text) and not self.ctx.rules.facts.marvin_model_set:
            table = MARVIN_DEFAULTS
            for use in default_uses(self.ctx, table):
                self.report(
                    use.node,
                    default_message(self.ctx, table, MARVIN, use),
                    data={
                        "library": table.module,
                        "variables": list(MARVIN.variables),
                        "default_model": table.default,
                    },
                )
        for found in self._settings:
            self.report(
                found.node,
                found.message,
                severity=Severity.WARNING,
                fix=found.fix,
                edit=found.edit,
                data=found.data,
            )

    def _label(self, site: Site) -> bool:
        """Whether the string is an argument naming an experiment or a case in pydantic_evals'
        reports (`LABEL_ARGUMENTS`: `dataset.evaluate_sync(task, name="openai:gpt-5.1")`)."""
        above = self.ctx.ancestors(site.node)
        if len(above) < 2:
            return False
        call, arg = above[-2], above[-1]
        if not (isinstance(call, cst.Call) and isinstance(arg, cst.Arg) and arg.keyword):
            return False
        labels = LABEL_ARGUMENTS.get(last_name(call.func) or "")
        return labels is not None and arg.keyword.value in labels

    def _report_default(self, library: PrefixedModels, call: cst.Call, judge: str) -> None:
        """A pydantic_evals judge (or `generate_dataset`) given no model: it uses the default,
        an `openai:` model; what to pass instead."""
        defaults = EVALS_DEFAULTS
        prefix, model = split_prefix(defaults.default, library)
        keyword_ = defaults.model_keyword
        if judge in defaults.settable:
            whose = "pydantic_evals' default judge model"
            where = f"as {keyword_}= (or once to set_default_judge_model(), for every judge)"
        else:
            whose = "its default model"
            where = f"as {keyword_}="
        provider = self.provider
        mapped = self.ctx.rules.map_model(model) if provider is not None else None
        advice = build_advice(library, provider, self.ctx.rules.base_url, mapped, where)
        self.report(
            call.func,
            f"{callee(call.func)}() without {keyword_}= uses {whose} {defaults.default!r}: "
            f"{why_openai(library, prefix)}; {advice}",
            data={**_data(library), "default_model": defaults.default},
        )

    # --- model strings ----------------------------------------------------------------------

    def _report_string(self, library: PrefixedModels, site: Site) -> None:
        written = site.prefix + site.model
        place = site.place
        if place.kind == "setting":
            subject = site.subject
        elif place.kind == "foreign":
            subject = f"{place.detail}={written!r} given to {place.where}()"
        else:
            subject = f"{written!r} ({place.detail})"
        known = (
            f" (and a {library.known_names} field rejects other names)"
            if self._typed_known(library, site.node)
            else ""
        )
        provider = self.provider
        mapped = None
        if provider is not None:
            served = provider.serves(site.model)  # `"openai:qwen-plus"`: still OpenAI's
            mapped = site.model if served else self.ctx.rules.map_model(site.model)
        api = model_api(site.model)
        if provider is not None and api is not None and provider.support(api) is False:
            advice = unserved_advice(self.ctx, api)  # no chat model stands in
        elif api is None and mapped and (edit := self._string_edit(library, site, mapped)):
            data = _data(library)
            if mapped != site.model:
                data.update(model_from=site.model, model_to=mapped)
            extra, reasons = "", []
            if rejects_forced_tools(provider):
                extra = f", {library.profile_keyword}={profile_code(library)}"
                reasons.append(f"{library.profile_keyword}=: {profile_reason(library, provider)}")
            if switch := thinking_switch(self.ctx.rules, site.model, mapped):
                extra += f", {library.settings_keyword}={settings_code(switch)}"
                reasons.append(f"{library.settings_keyword}=: {thinks_reason(mapped)}")
                data["extra_body"] = switch
            why = f" ({'; '.join(reasons)})" if reasons else ""
            built = (
                f"{library.model_class}({literal(mapped)}, {library.provider_keyword}="
                f"{library.provider_class}({library.base_url_keyword}=..., "
                f"{library.key_keyword}=...){extra})"
            )
            read = self._env_read(site)
            does = (
                f"passes {built} instead"
                if read is None
                else f"makes {built} the default (`{self.ctx.code(read.func)}(...) or "
                f"{library.model_class}(...)`: the variable, where set, still picks)"
            )
            self.report(
                site.node,
                f"{subject}: {why_openai(library, site.prefix)}; apply {does}{why}: "
                f"{describe_target(self.ctx.rules)}",
                fix=FixClass.REVIEW,
                edit=edit,
                data=data,
            )
            if read is None:  # else the variable, where set, picks the model
                moved_from = site.model if mapped != site.model else None
                for taker in self._takers(library, site.node):
                    self._report_agent_settings(library, taker, mapped, moved_from)
            return
        else:
            switch = thinking_switch(self.ctx.rules, site.model, mapped) if mapped else None
            setting = self._marvin_setting(site)
            table = MARVIN_DEFAULTS
            advice = build_advice(
                library,
                provider,
                self.ctx.rules.base_url,
                mapped,
                f"to {table.setter} instead, once {table.module} is imported"
                if setting
                else "where this string goes",
                switch=switch,
            ) + self._native_tools(library, site)
            if setting:
                advice = (
                    f"{setting} takes only pydantic-ai's {table.known_names} strings (a model "
                    f"object or another name fails its validation), and {table.module} reads "
                    f"it only when imported, into {table.setter}, so this changes no model: "
                    f"remove it, and {advice}"
                )
        self.report(
            site.node,
            f"{subject}: {why_openai(library, site.prefix)}{known}; {advice}",
            data=_data(library),
        )

    def _string_edit(self, library: PrefixedModels, site: Site, mapped: str) -> Edit | None:
        """The edit putting the model built for the provider in place of a model string that
        only ever is the model argument of a class taking a model object: given there
        (`Agent("openai:gpt-4o")`, `Agent(model=...)`), or bound once to a name every use of
        which is given there (`MODEL = "openai:gpt-4o"`; `Agent(MODEL)`); also as an
        environment read's default (`os.getenv("M", "openai:gpt-4o")`), which then stays
        the variable's value where it is set (`os.getenv("M") or OpenAIChatModel(...)`).
        None elsewhere."""
        provider = self.provider
        if provider is None or azure_target(self.ctx.rules) is not None:
            return None
        holder: cst.BaseExpression = site.node
        above = self.ctx.ancestors(holder)
        read = self._env_read(site)
        if read is not None:
            holder, above = read, above[:-2]
        if not self._only_given_as_model(library, holder, above):
            return None
        code = built_model(
            library,
            provider,
            self.ctx.rules.base_url,
            literal(mapped),
            at_import=self.ctx.at_import(holder),
            switch=thinking_switch(self.ctx.rules, site.model, mapped),
        )
        if read is not None:
            code = f"{self.ctx.code(read.func)}({self.ctx.code(read.args[0].value)}) or {code}"
        imports = (IMPORT_OS, *library.imports)
        if rejects_forced_tools(provider):
            imports += (library.profile_import,)
        return Edit(self.ctx.span(holder), code, imports)

    def _marvin_setting(self, site: Site) -> str | None:
        """The settings attribute of marvin the string is assigned to
        (`marvin.settings.agent_model = "openai:gpt-4o"`), as written; else None."""
        above = self.ctx.ancestors(site.node)
        if not above or not imports_marvin(self.ctx.text):
            return None
        assign = above[-1]
        if not isinstance(assign, cst.Assign) or assign.value is not site.node:
            return None
        target = assign.targets[0].target
        if len(assign.targets) == 1 and qualified(self.ctx, target, MARVIN_DEFAULTS.setting):
            return self.ctx.code(target)
        return None

    def _env_read(self, site: Site) -> cst.Call | None:
        """The environment read whose default the string is (`os.getenv("M", "openai:...")`),
        given as its second argument; else None."""
        above = self.ctx.ancestors(site.node)
        if len(above) < 2:
            return None
        call, arg = above[-2], above[-1]
        if (
            isinstance(call, cst.Call)
            and isinstance(arg, cst.Arg)
            and arg.value is site.node
            and len(call.args) == 2
            and argument(call, "default", 1) is arg
            and not any(a.star for a in call.args)
            and qualified(self.ctx, call.func, ENV_LOOKUPS) is not None
        ):
            return call
        return None

    def _only_given_as_model(
        self, library: PrefixedModels, value: cst.BaseExpression, above: Sequence[cst.CSTNode]
    ) -> bool:
        """Whether `value` (with `above`, its ancestors) is the model argument of a class
        taking a model object, or bound once to a name used only so."""
        if len(above) >= 2 and isinstance(above[-1], cst.Arg) and above[-1].value is value:
            return self._model_argument(library, above[-2], above[-1])
        if not above or not isinstance(above[-1], cst.Assign) or above[-1].value is not value:
            return False
        targets = above[-1].targets
        if len(targets) != 1 or not isinstance(targets[0].target, cst.Name):
            return False
        target = targets[0].target
        bound = self.ctx.bindings(target)
        if len(bound) != 1 or not isinstance(bound[0], Assignment) or bound[0].node is not target:
            return False
        uses = [a.node for a in bound[0].references]
        return bool(uses) and all(
            isinstance(use, cst.Name)
            and len(outer := self.ctx.ancestors(use)) >= 2
            and isinstance(outer[-1], cst.Arg)
            and outer[-1].value is use
            and self._model_argument(library, outer[-2], outer[-1])
            for use in uses
        )

    def _model_argument(self, library: PrefixedModels, call: cst.CSTNode, arg: cst.Arg) -> bool:
        """Whether `arg` is the model argument (first, or `model=`) of `call`, a class
        taking a model object that names no native tools."""
        return (
            isinstance(call, cst.Call)
            and not arg.star
            and argument(call, "model", 0) is arg
            and qualified(self.ctx, call.func, library.model_takers) is not None
            # tools OpenAI's servers ran: the chat model class refuses them
            and not any(keyword(call, k) is not None for k in library.native_tool_keywords)
        )

    def _native_tools(self, library: PrefixedModels, site: Site) -> str:
        """What the message adds where the string is the model of a call that also names
        native tools (`Agent("openai:gpt-5.2", capabilities=[WebSearch()])`)."""
        above = self.ctx.ancestors(site.node)
        call = above[-2] if len(above) >= 2 else None
        if not isinstance(call, cst.Call):
            return ""
        given = [k for k in library.native_tool_keywords if keyword(call, k) is not None]
        if not given:
            return ""
        return (
            f"; its {'/'.join(k + '=' for k in given)} may name tools OpenAI's servers run "
            f"(WebSearch), which {library.model_class} refuses and the provider does not run: "
            "use tools run locally there (WebSearch(local=...), a function tool)"
        )

    def _typed_known(self, library: PrefixedModels, node: cst.CSTNode) -> bool:
        """Whether the string is the default of a field or parameter typed as the library's
        list of known model names (`agent_model: KnownModelName = ...`, not widened)."""
        for ancestor in reversed(self.ctx.ancestors(node)):
            if isinstance(ancestor, (cst.AnnAssign, cst.Param)):
                annotation = ancestor.annotation
                if annotation is None:
                    return False
                return last_name(annotation.annotation) == library.known_names
            if isinstance(ancestor, cst.BaseStatement):
                return False
        return False

    def _provider_code(self, library: PrefixedModels, at_import: bool) -> str:
        """`OpenAIProvider(base_url=..., api_key=...)` reading the provider's variables."""
        return f"{library.provider_class}({self._provider_args(library, at_import)})"

    def _provider_args(self, library: PrefixedModels, at_import: bool) -> str:
        return provider_args(library, self.provider, self.ctx.rules.base_url, at_import)

    # --- model and provider classes ---------------------------------------------------------

    def _model_class(self, library: PrefixedModels, call: cst.Call) -> _Found | None:
        """A model class built without a provider, or with the OpenAI one named or built in
        the call."""
        given = argument(call, library.provider_keyword, None)
        if (
            given is not None
            and isinstance(given.value, cst.Call)
            and qualified(self.ctx, given.value.func, library.provider_classes)
        ):
            self._inline.add(id(given.value))
            return self._provider_class(library, given.value, call)
        if given is not None and (held := self._held_providers(library, given.value)):
            return self._named_provider(library, call, given.value, held)
        name = callee(call.func)
        named = ""  # how the OpenAI provider is named: "literal", "constant NAME"...
        if given is not None:
            resolved = self.ctx.resolve_literal(given.value)
            if resolved is None or resolved[1] not in library.openai_providers:
                return None  # a provider of its own, another provider's name, or not shown
            named = resolved[2]
            subject = f"{name}({library.provider_keyword}={resolved[1]!r})"
        else:
            subject = f"{name}() without {library.provider_keyword}="
        reads = " and ".join(library.variables)
        head = (
            f"{subject} uses {library.package}'s {library.provider_class}, which reads "
            f"{reads} (it goes to OpenAI)"
        )
        provider = self.provider
        code = self._provider_code(library, at_import=False)
        if provider is None or not self.ctx.rules.switching:
            advice = _for_another(f"pass {library.provider_keyword}={code} and one of its models")
        elif self._no_responses(library, call):
            advice = self._no_responses(library, call)
        elif given is None and any(a.star == "**" for a in call.args):
            advice = (
                f"unless `**` gives one, pass {library.provider_keyword}={code}"
                f"{self._profile_too(library, call)}, by hand"
            )
        elif named not in ("", "literal"):
            profile = self._profile_too(library, call)
            advice = f"pass {library.provider_keyword}={code}{profile}, by hand"
        else:
            return self._rewrite_model_class(library, call, head)
        return _Found(call.func, f"{head}; {advice}", data=_data(library))

    def _held_providers(
        self, library: PrefixedModels, value: cst.BaseExpression
    ) -> list[cst.BaseExpression | None]:
        """What a name or `self.X` given as the provider may hold (a value per assignment,
        None for one not shown: a parameter, a loop), when one of them builds the OpenAI
        provider; else empty."""
        if isinstance(value, cst.Name):
            held = [
                self.ctx.index.assigned.get(id(b.node)) if isinstance(b, Assignment) else None
                for b in self.ctx.bindings(value)
            ]
        elif isinstance(value, cst.Attribute) and self_attribute(value):
            held = list(self.ctx.self_values(value))
        else:
            return []
        built = any(
            isinstance(v, cst.Call) and qualified(self.ctx, v.func, library.provider_classes)
            for v in held
        )
        return held if built else []

    def _named_provider(
        self,
        library: PrefixedModels,
        call: cst.Call,
        named: cst.BaseExpression,
        held: list[cst.BaseExpression | None],
    ) -> _Found | None:
        """A model class given the OpenAI provider through a name or `self.X`: where that is
        bound once to an `OpenAIProvider(...)` this rule points at the provider (reported
        there), the model class gets what the recipe gives it (the profile, its model mapped),
        as where the provider is built in the call; where it is bound more than once, the
        profile is left to a person."""
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return None  # the provider's finding says it
        subject = f"{callee(call.func)}({library.provider_keyword}={self.ctx.code(named)})"
        profile = self._profile_needed(library, call)
        if len(held) > 1 or held[0] is None:
            built = [
                v
                for v in held
                if isinstance(v, cst.Call)
                and qualified(self.ctx, v.func, library.provider_classes)
                and not any(a.star for a in v.args)
                and argument(v, library.client_keyword, 2) is None
            ]
            if not profile or not built:
                return None
            line = self.ctx.line_label(self.ctx.position(built[0])[0][0])
            message = (
                f"{subject}: {self.ctx.code(named)} is bound more than once, one of them the "
                f"{library.provider_class}() of {line}; where it is that one, for "
                f"{provider.name} pass {profile}, by hand"
            )
            return _Found(call.func, message, data=_data(library))
        bound = held[0]
        assert isinstance(bound, cst.Call)
        if any(a.star for a in bound.args):
            return None  # `**` may make it a provider of its own
        if argument(bound, library.base_url_keyword, 0) or argument(
            bound, library.client_keyword, 2
        ):
            return self._pointed_model(library, call, bound)
        line = self.ctx.line_label(self.ctx.position(bound)[0][0])
        head = f"{subject} uses the {library.provider_class}() of {line}"
        no_responses = self._no_responses(library, call)
        if no_responses:
            advice = no_responses
        elif argument(bound, library.key_keyword, 1) is not None:
            if not profile:
                return None
            advice = f"for {provider.name} pass {profile}, by hand"
        elif any(a.star == "**" for a in call.args):
            if not profile:
                return None
            advice = f"unless `**` gives one, pass {profile}, by hand"
        else:
            head += f", which apply points at {provider.name} (ML671 there)"
            return self._rewrite_model_class(library, call, head, named=True)
        return _Found(call.func, f"{head} (reported there); {advice}", data=_data(library))

    # --- settings the provider's model fixes ------------------------------------------------

    def _takers(self, library: PrefixedModels, model: cst.BaseExpression) -> list[cst.Call]:
        """The calls (`Agent(...)`) whose model argument `model` is, or a name bound once to
        it is."""
        above = self.ctx.ancestors(model)
        if len(above) >= 2 and isinstance(above[-1], cst.Arg) and above[-1].value is model:
            call = above[-2]
            given = self._model_argument(library, call, above[-1])
            return [call] if given and isinstance(call, cst.Call) else []
        found = []
        for use in self._uses(model):
            outer = self.ctx.ancestors(use)
            if (
                len(outer) >= 2
                and isinstance(outer[-2], cst.Call)
                and isinstance(outer[-1], cst.Arg)
                and outer[-1].value is use
                and self._model_argument(library, outer[-2], outer[-1])
            ):
                found.append(outer[-2])
        return found

    def _runs(self, library: PrefixedModels, agent: cst.Call) -> list[cst.Call]:
        """The runs (`agent.run_sync(...)`, `run`, `run_stream`, `iter`, `override`...) of the
        object `agent` builds, bound once to a name, that give no model of their own (a
        `model=`, or `**` that may hold one)."""
        runs = []
        for use in self._uses(agent):
            outer = self.ctx.ancestors(use)
            if (
                len(outer) >= 2
                and isinstance(method := outer[-1], cst.Attribute)
                and method.value is use
                and method.attr.value in library.run_methods
                and isinstance(run := outer[-2], cst.Call)
                and run.func is method
                and keyword(run, "model") is None
                and not any(a.star for a in run.args)
            ):
                runs.append(run)
        return runs

    def _uses(self, value: cst.BaseExpression) -> list[cst.Name]:
        """Where the name that `value` alone is bound to (`agent = Agent(...)`, the only
        binding of that name) is read; empty elsewhere."""
        above = self.ctx.ancestors(value)
        if not above or not isinstance(above[-1], cst.Assign) or above[-1].value is not value:
            return []
        targets = above[-1].targets
        if len(targets) != 1 or not isinstance(targets[0].target, cst.Name):
            return []
        bound = self.ctx.bindings(targets[0].target)
        if len(bound) != 1 or not isinstance(bound[0], Assignment):
            return []
        return [u.node for u in bound[0].references if isinstance(u.node, cst.Name)]

    def _report_sent_settings(
        self, library: PrefixedModels, call: cst.Call, model: str | None
    ) -> None:
        """The settings of a model class apply moves to the provider (or finds there), and
        of the `Agent(...)` it is given to and its runs, that the model it sends (`model`, as
        written: mapped where the provider does not serve it) fixes or does not take."""
        provider = self.provider
        assert provider is not None
        sent, sent_from = model, None
        if model is not None and not provider.serves(model):
            mapped = self.ctx.rules.map_model(model)
            sent, sent_from = (mapped, model) if mapped is not None else (None, None)
        self._report_settings(library, call, sent, sent_from, library.settings_keyword)
        for taker in self._takers(library, call):
            self._report_agent_settings(library, taker, sent, sent_from)

    def _report_agent_settings(
        self, library: PrefixedModels, agent: cst.Call, model: str | None, model_from: str | None
    ) -> None:
        """The settings given to `agent` (`Agent(...)`, whose model sends `model`) and to its
        runs that give no model of their own."""
        for call in (agent, *self._runs(library, agent)):
            self._report_settings(library, call, model, model_from)

    def _report_settings(
        self,
        library: PrefixedModels,
        call: cst.Call,
        model: str | None,
        model_from: str | None,
        keyword_: str = "",
    ) -> None:
        """The entries of the settings given to `call` as `keyword_` (by default the model
        taker's: a dict, or a settings class's keywords, `ModelSettings(temperature=0.2)`)
        whose request parameter the provider's `model` fixes or does not take
        (`[model_params]`, as ML115 reads them), in ML115's words: removed (review) where
        the settings are written in the call (with the keyword where nothing else is left in
        them), else left to a person (settings bound once to a name)."""
        provider = self.provider
        assert provider is not None
        name = keyword_ or library.taker_settings_keyword
        given = keyword(call, name)
        if given is None or not provider.model_params:
            return
        value: cst.BaseExpression | None = given.value
        in_call = not isinstance(value, cst.Name)
        if isinstance(value, cst.Name):
            value = self.ctx.bound_value(value)
        if value is None or id(value) in self._settings_seen:
            return
        items = self._settings_items(library, value)
        if items is None:
            return
        self._settings_seen.add(id(value))
        facts = provider.model_param_facts(model)
        found: list[tuple[str, str, cst.DictElement | cst.Arg]] = []
        for item in items:
            key = _settings_key(item)
            param = library.settings_params.get(key or "")
            if param is not None and param in facts:
                assert key is not None and isinstance(item, (cst.DictElement, cst.Arg))
                found.append((key, param, item))
        removed = {key for key, _, _ in found}
        # nothing left in them: the keyword goes too (`model_settings={}` says nothing)
        whole = in_call and bool(found) and len(found) == len(items)
        for key, param, item in found:
            fact, glob = facts[param]
            message = model_param_message(
                provider, model, model_from, param, fact, glob, written=key, by_hand=not in_call
            )
            edit = None
            if whole:
                message += f"; {name}= goes too: nothing else is in it"
                gone = RequestArgument(name, given, None, True)
                edit = Edit(gone.removal(self.ctx, call, {name}.__contains__), "")
            elif in_call:
                if isinstance(value, cst.Dict):
                    entry = RequestArgument(key, item, value, True)
                    edit = Edit(entry.removal(self.ctx, call, removed.__contains__), "")
                else:
                    assert isinstance(value, cst.Call)
                    entry = RequestArgument(key, item, None, True)
                    edit = Edit(entry.removal(self.ctx, value, removed.__contains__), "")
            data = {
                "model": model,
                "model_from": model_from,
                "param": param,
                "fact": fact,
                "glob": glob,
            }
            fix = FixClass.REVIEW if edit else FixClass.MANUAL
            self._settings.append(_Found(item, message, fix, edit, data))

    def _settings_items(
        self, library: PrefixedModels, value: cst.BaseExpression
    ) -> Sequence[cst.BaseDictElement | cst.Arg] | None:
        """The items of settings written as a dict display (`{"temperature": 0.2}`) or a
        settings class's call (`ModelSettings(temperature=0.2)`): its elements or arguments,
        `**` ones too; None for other values."""
        if isinstance(value, cst.Dict):
            return value.elements
        if isinstance(value, cst.Call) and qualified(
            self.ctx, value.func, library.settings_classes
        ):
            return value.args
        return None

    def _no_responses(self, library: PrefixedModels, call: cst.Call) -> str:
        """For a Responses model class where the provider has no Responses API: the model to
        build instead; else empty."""
        provider = self.provider
        if (
            provider is None
            or not qualified(self.ctx, call.func, library.responses_classes)
            or provider.support("responses") is True
        ):
            return ""
        model_arg = argument(call, "model_name", 0)
        resolved = self.ctx.resolve_literal(model_arg.value) if model_arg else None
        mapped = self.ctx.rules.map_model(resolved[1]) if resolved else None
        made = built_model(library, provider, self.ctx.rules.base_url, model_text(provider, mapped))
        advice = f"{provider.name} has no Responses API: build {made} instead, by hand"
        if rejects_forced_tools(provider):
            advice += f" ({library.profile_keyword}=: {profile_reason(library, provider)})"
        return advice

    def _profile_too(self, library: PrefixedModels, call: cst.Call) -> str:
        """` and profile=...` where the provider rejects a forced tool call and the call
        passes no profile of its own."""
        needed = self._profile_needed(library, call)
        return f" and {needed}" if needed else ""

    def _profile_needed(self, library: PrefixedModels, call: cst.Call) -> str:
        """`profile=... (why)` where the provider rejects a forced tool call and the call
        passes no profile of its own; else empty."""
        provider = self.provider
        if not rejects_forced_tools(provider) or keyword(call, library.profile_keyword):
            return ""
        assert provider is not None
        return (
            f"{library.profile_keyword}={profile_code(library)} "
            f"({profile_reason(library, provider)})"
        )

    def _rewrite_model_class(
        self,
        library: PrefixedModels,
        call: cst.Call,
        head: str,
        inline: tuple[cst.Call, str] | None = None,
        named: bool = False,
    ) -> _Found | None:
        """Give the model class the provider's `OpenAIProvider` (or, `inline`, the provider
        built in the call and its new text; `named`, none: the one it names is pointed
        there), the profile where needed, and its model mapped. None where `named` leaves
        nothing to change."""
        provider = self.provider
        assert provider is not None
        at_import = self.ctx.at_import(call)
        code = inline[1] if inline else self._provider_code(library, at_import)
        set_args = {} if named else {library.provider_keyword: code}
        values: dict[int, str] = {}
        data = _data(library)
        note = ""
        claimed = None
        model_arg = argument(call, "model_name", 0)
        resolved = self.ctx.resolve_literal(model_arg.value) if model_arg is not None else None
        self._report_sent_settings(library, call, resolved[1] if resolved else None)
        if model_arg is not None and resolved is not None:
            model = resolved[1]
            mapped = None if provider.serves(model) else self.ctx.rules.map_model(model)
            if mapped is not None and mapped != model:
                data.update(model_from=model, model_to=mapped)
                where = "" if resolved[2] == "literal" else f" ({resolved[2]})"
                note = f"; model {model!r}{where} -> {mapped!r}"
                if resolved[2] == "literal":  # a constant or default is mapped there (ML204)
                    index = next(i for i, a in enumerate(call.args) if a is model_arg)
                    values[index] = _model_text(model_arg, mapped)
                    claimed = resolved[0]
            elif not provider.serves(model):
                note = (
                    f"; {provider.name} has no mapping for model {model!r}: pass a provider model"
                )
        elif model_arg is not None:
            note = (
                f"; model from `{self.snippet(model_arg.value)}` at run time: make sure it "
                f"names {article(provider.name)} {provider.name} model"
            )
        imports: tuple[str, ...] = () if named else (IMPORT_OS, library.imports[1])
        passes = (
            ""
            if named
            else f"{library.provider_keyword}={library.provider_class}("
            f"{library.base_url_keyword}=..., {library.key_keyword}=...)"
            if inline is None
            else f"{library.base_url_keyword}= and {library.key_keyword}="
        )
        if rejects_forced_tools(provider):
            reason = profile_reason(library, provider)
            if keyword(call, library.profile_keyword) is None:
                set_args[library.profile_keyword] = profile_code(library)
                imports += (library.profile_import,)
                to = " and " if inline is None else f", and to {callee(call.func)}() "
                passes += f"{to if passes else ''}{library.profile_keyword}="
                passes += f"{profile_code(library)} ({reason})"
            else:
                note += (
                    f"; its {library.profile_keyword}= is kept: make sure it sets "
                    f"{library.forced_tool_field}=False ({reason})"
                )
        if named:
            if not set_args and not values:
                return None
            done = f"passes {passes}{note}" if passes else f"maps {note[2:]}"
            message = f"{head}; apply {done}"
        else:
            message = f"{head}; apply passes {passes}: {describe_target(self.ctx.rules)}{note}"
        new = rebuild_call(self.ctx, call, set_args, values=values)
        return _Found(
            (inline[0] if inline else call).func,
            message,
            FixClass.REVIEW,
            narrowed_edit(self.ctx, call, new, imports),
            data,
            claimed,
        )

    def _provider_class(
        self, library: PrefixedModels, call: cst.Call, model: cst.Call | None = None
    ) -> _Found | None:
        """The OpenAI provider built without a base URL (nor a client of one's own); `model`:
        the model class it is built in (`OpenAIChatModel(..., provider=OpenAIProvider())`),
        which then gets what the recipe gives it (a profile, its model mapped)."""
        if any(a.star for a in call.args):
            return None  # `**settings` may hold them
        base_url = argument(call, library.base_url_keyword, 0)
        if base_url is not None or argument(call, library.client_keyword, 2) is not None:
            # pointed elsewhere, or given the SDK's client, which its rules migrate
            return self._pointed_model(library, model, call) if model else None
        key = argument(call, library.key_keyword, 1)
        name = callee(call.func)
        head = (
            f"{name}() without {library.base_url_keyword}= reads "
            f"{' and '.join(library.variables)} (it goes to OpenAI)"
        )
        provider = self.provider
        args = self._provider_args(library, at_import=False)
        profile = self._profile_for(library, model) if model is not None else ""
        if provider is None or not self.ctx.rules.switching:
            advice = _for_another(f"pass {args}")
        elif model is not None and self._no_responses(library, model):
            advice = self._no_responses(library, model)
        elif key is not None:
            advice = (
                f"for {provider.name} pass {args}{profile}, by hand (the key it is given now is "
                "meant for OpenAI)"
            )
        elif model is not None and profile and any(a.star == "**" for a in model.args):
            advice = f"for {provider.name} pass {args}{profile} unless `**` gives one, by hand"
        else:
            at_import = self.ctx.at_import(call)
            set_args = {
                library.base_url_keyword: base_url_expr(provider, self.ctx.rules.base_url or ""),
                library.key_keyword: key_expr(provider, at_import),
            }
            new = rebuild_call(self.ctx, call, set_args)
            if model is not None:
                return self._rewrite_model_class(library, model, head, (call, new))
            return _Found(
                call.func,
                f"{head}; apply passes {library.base_url_keyword}= and "
                f"{library.key_keyword}=: {describe_target(self.ctx.rules)}",
                FixClass.REVIEW,
                narrowed_edit(self.ctx, call, new, (IMPORT_OS,)),
                _data(library),
            )
        return _Found(call.func, f"{head}; {advice}", data=_data(library))

    def _pointed_model(
        self, library: PrefixedModels, model: cst.Call, built: cst.Call
    ) -> _Found | None:
        """A model class whose provider (`built`, given a base URL or a client) talks to the
        target: already (by hand, or an earlier apply), or once apply points the OpenAI URL or
        SDK client it is given there. It gets what the recipe gives it in the same pass: the
        profile where the provider rejects a forced tool call, its model mapped (review);
        None where nothing is to change or the provider goes elsewhere."""
        provider = self.provider
        if (
            provider is None
            or not self.ctx.rules.switching
            or any(a.star for a in (*model.args, *built.args))
        ):
            return None
        reach = self._provider_reach(library, built)
        if reach is None:
            return None
        head = f"{callee(model.func)}() {reach}"
        return self._rewrite_model_class(library, model, head, named=True)

    def _provider_reach(self, library: PrefixedModels, built: cst.Call) -> str | None:
        """How an `OpenAIProvider(...)` given a base URL or a client reaches the target:
        `talks to <provider>` (its URL or variable, or a client built so), or how apply
        points it there (an OpenAI URL written in the module: ML402; a client of the SDK
        built for OpenAI: ML001); None where it goes elsewhere or is not shown."""
        provider = self.provider
        assert provider is not None
        base_url = argument(built, library.base_url_keyword, 0)
        if base_url is not None:
            if provider_url(self.ctx, base_url.value):
                return f"talks to {provider.name}"
            resolved = self.ctx.resolve_literal(base_url.value)
            if resolved is not None and classify_url(self.ctx, resolved[1]).kind == "openai":
                return (
                    f"is given the OpenAI URL {resolved[1]}, which apply points at "
                    f"{provider.name} (ML402)"
                )
            return None
        given = argument(built, library.client_keyword, 2)
        client = given.value if given is not None else None
        if isinstance(client, cst.Name):
            client = self.ctx.bound_value(client)
        if not isinstance(client, cst.Call):
            return None
        info = self.ctx.constructed_client(client)
        if info is None or info.wrapper is not None:
            return None
        line = self.ctx.line_label(self.ctx.position(client)[0][0])
        if info.azure:  # ML002 makes it the provider's plain client, where it can
            if not azure_replaced(self.ctx, client):
                return None
            return (
                f"is given the {callee(client.func)}() of {line}, which talks to Azure OpenAI "
                f"until pointed at {provider.name} (ML002 there)"
            )
        endpoint = endpoint_of(self.ctx, client)
        if endpoint.kind == "provider" and endpoint.provider is not None:
            return f"talks to {provider.name}" if endpoint.provider.id == provider.id else None
        if endpoint.kind != "openai":
            return None
        return (
            f"is given the {callee(client.func)}() of {line}, which talks to OpenAI until "
            f"pointed at {provider.name} (ML001 there)"
        )

    def _profile_for(self, library: PrefixedModels, model: cst.Call) -> str:
        """`, and to OpenAIChatModel() profile=... (why)` where the provider rejects a forced
        tool call and the model class passes no profile of its own."""
        needed = self._profile_needed(library, model)
        return f", and to {callee(model.func)}() {needed}" if needed else ""


def _data(library: PrefixedModels) -> dict[str, object]:
    return {"library": library.package, "variables": list(library.variables)}


def _for_another(how: str) -> str:
    """The advice where no provider is named (or it is OpenAI): what to do for another."""
    return f"for another provider {how}, by hand (`migrate-llm scan --provider ID` names them)"


def _settings_key(item: cst.BaseDictElement | cst.Arg) -> str | None:
    """The key a settings item sets: a dict entry's string key, a call's keyword."""
    if isinstance(item, cst.DictElement):
        return string_value(item.key)
    if isinstance(item, cst.Arg) and item.keyword is not None and not item.star:
        return item.keyword.value
    return None


def _model_text(arg: cst.Arg, model: str) -> str:
    """The literal of `arg` requoted to name `model`, else a new literal."""
    if isinstance(arg.value, cst.SimpleString):
        text = requote(arg.value, model)
        if text is not None:
            return text
    return literal(model)


LIBRARY_RULES = (OpenAILibraryClient, OpenAIPrefixedModel)
