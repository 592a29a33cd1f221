"""Third-party libraries that build their own OpenAI client from OpenAI's variables (ML670).

One entry per library: a module importing it talks to OpenAI through it, whatever the module
itself names, until a person points the library at the provider. Each entry names the release
and the file it was checked against.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


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

LIBRARIES: tuple[OpenAILibrary, ...] = (
    SPICE,
    TRULENS_EVAL,
    TRULENS_EVAL_AZURE,
    TRULENS,
    TRULENS_AZURE,
)
