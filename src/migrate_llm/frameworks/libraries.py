"""Third-party libraries that build their own OpenAI client from OpenAI's variables (ML670).

One entry per library: a module importing it talks to OpenAI through it, whatever the module
itself names, until a person points the library at the provider. Each entry names the release
and the file it was checked against.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenAILibrary:
    """A library that sends its requests to OpenAI unless told otherwise.

    `module`: the top-level module imported (what `FRAMEWORK_MODULES` lists). `package`: the
    distribution that provides it. `clients`: qualified names of the classes requests go
    through; a construction of one is where the rule reports. `provider_keyword`: the keyword
    that chooses another backend, given to a client class or to one of `provider_calls`
    (method name -> position of that argument, not counting `self`). `openai_providers`: the
    strings and `openai_provider_objects` the qualified names that still mean OpenAI;
    `provider_classes` build a backend of one's own. `variables`: what the library reads.
    `default`: its OpenAI backend as the message names it. `instead`: what a person does for
    a provider, `{variables}` its key and base URL variables, `{models}` its models.
    `source`: where, in which release and when the entry was checked.
    """

    module: str
    package: str
    clients: tuple[str, ...]
    provider_keyword: str
    provider_calls: dict[str, int]
    openai_providers: frozenset[str]
    openai_provider_objects: frozenset[str]
    provider_classes: frozenset[str]
    variables: tuple[str, ...]
    default: str
    instead: str
    source: str


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

LIBRARIES: tuple[OpenAILibrary, ...] = (SPICE,)
