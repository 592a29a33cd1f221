"""Libraries whose model strings pick OpenAI by their provider prefix (ML671).

In such a library `"openai:gpt-4o"` is OpenAI's endpoint as much as its model: the prefix
builds the library's OpenAI provider, which reads OpenAI's variables, and the string has no
room for a base URL. Another model name after the prefix still goes to OpenAI. LangChain's
`init_chat_model("openai:...")` is not one of them: it takes `base_url=` and `api_key=`
beside the string (ML603). Each entry names the release and the file it was checked against.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class PrefixedModels:
    """A library that picks its endpoint from a model string's provider prefix.

    `module`: the top-level module imported (what `FRAMEWORK_MODULES` lists). `package`: the
    distribution. `prefixes`: the prefixes that choose the OpenAI provider (`openai:`).
    `model_classes`: qualified names of the classes built from a bare model name that use
    that provider unless given another as `provider_keyword`; `responses_classes` are those
    among them that call OpenAI's Responses API. `openai_providers`: the strings that name
    the OpenAI provider there. `provider_classes`: qualified names of the OpenAI provider's
    class, which reads OpenAI's variables unless given `base_url_keyword` (or
    `client_keyword`, a client of one's own) and `key_keyword`. `known_names`: the type
    that lists the model strings the library knows (a field so typed rejects others).
    `variables`: what the provider reads. `model_class`, `provider_class` and `imports`: the
    code a person writes instead. `source`: where, in which release and when it was checked.
    """

    module: str
    package: str
    prefixes: tuple[str, ...]
    model_classes: frozenset[str]
    responses_classes: frozenset[str]
    provider_keyword: str
    openai_providers: frozenset[str]
    provider_classes: frozenset[str]
    base_url_keyword: str
    key_keyword: str
    client_keyword: str
    known_names: str
    variables: tuple[str, ...]
    model_class: str
    provider_class: str
    imports: tuple[str, ...]
    source: str


# pydantic-ai-slim 2.68.0 (PyPI wheel; github.com/pydantic/pydantic-ai, checked 2026-12-03):
# models/__init__.py `infer_model` splits `provider:model` at the first colon
# (`parse_model_id`) and builds `OpenAIResponsesModel` for `openai:` and `openai-responses:`,
# `OpenAIChatModel` for `openai-chat:`, each with `infer_provider(name)`, which is
# `OpenAIProvider()` for all three (providers/__init__.py `infer_provider_class`).
# providers/openai.py: `OpenAIProvider(base_url=None, api_key=None, openai_client=None, ...)`
# builds an `AsyncOpenAI` that reads OPENAI_BASE_URL and OPENAI_API_KEY when they are not
# given. models/openai: `OpenAIChatModel(model_name, *, provider='openai', ...)`, a string
# provider going through `infer_provider`; `KnownModelName` (models/_known_model_names.py)
# is a `Literal` of the known `provider:model` strings. pydantic-ai-slim 1.0.0 is the same
# but for `openai:` (`OpenAIChatModel`) and keeps `OpenAIModel`, the class's name before
# 1.0 (0.4.0: `OpenAIModel(model_name, *, provider='openai')`, `openai:` built it).
PYDANTIC_AI = PrefixedModels(
    module="pydantic_ai",
    package="pydantic-ai",
    prefixes=("openai:", "openai-chat:", "openai-responses:"),
    model_classes=frozenset(
        {
            "pydantic_ai.models.openai.OpenAIChatModel",
            "pydantic_ai.models.openai.OpenAIModel",
            "pydantic_ai.models.openai.OpenAIResponsesModel",
        }
    ),
    responses_classes=frozenset({"pydantic_ai.models.openai.OpenAIResponsesModel"}),
    provider_keyword="provider",
    openai_providers=frozenset({"openai", "openai-chat", "openai-responses"}),
    provider_classes=frozenset({"pydantic_ai.providers.openai.OpenAIProvider"}),
    base_url_keyword="base_url",
    key_keyword="api_key",
    client_keyword="openai_client",
    known_names="KnownModelName",
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    model_class="OpenAIChatModel",
    provider_class="OpenAIProvider",
    imports=(
        "from pydantic_ai.models.openai import OpenAIChatModel",
        "from pydantic_ai.providers.openai import OpenAIProvider",
    ),
    source="https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/"
    "providers/openai.py and models/__init__.py (pydantic-ai-slim 2.68.0, 1.0.0 and 0.4.0, "
    "checked 2026-12-03)",
)

# marvin 3 (github.com/PrefectHQ/marvin at e81f5faf, checked 2026-12-03): `marvin.Agent(model=
# ...)` and `marvin.defaults.model` take `KnownModelName | Model` (src/marvin/agents/agent.py,
# src/marvin/defaults.py) and hand them to pydantic-ai: a module importing marvin names
# pydantic-ai's models, `"openai:..."` strings and model objects alike.
MARVIN = replace(PYDANTIC_AI, module="marvin")

PREFIXED: tuple[PrefixedModels, ...] = (PYDANTIC_AI, MARVIN)

# Every prefix of `PREFIXED`: the model strings of such a library that name OpenAI.
OPENAI_PREFIXES: tuple[str, ...] = tuple(sorted({p for lib in PREFIXED for p in lib.prefixes}))


def prefixed_library(text: str) -> PrefixedModels | None:
    """The library of `PREFIXED` that a module with this text imports (`import pydantic_ai`,
    `from pydantic_ai.models import KnownModelName`), if any."""
    for library in PREFIXED:
        if library.module in text and _import(library.module).search(text):
            return library
    return None


def split_prefix(value: str, library: PrefixedModels | None) -> tuple[str, str]:
    """(the prefix, the model) of a model string written after one of the library's OpenAI
    prefixes; else ("", `value`)."""
    if library is not None:
        for prefix in library.prefixes:
            if value.startswith(prefix):
                return prefix, value[len(prefix) :]
    return "", value


@functools.cache
def _import(module: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*(?:import|from)[ \t]+{re.escape(module)}\b", re.MULTILINE)
