"""Package releases that work only with the pre-1.0 openai SDK, whole or in part.

A project that pins one of the frameworks below (or depends on a framework none of whose
releases works with openai>=1) cannot take `openai>=1` without upgrading or replacing the
framework too, so `apply` leaves both pins to a person (rule ML504). A package only one part
of which needs openai<1 (`OPENAI_V0_PARTS`) does not hold the openai pin back: it is
reported beside it.

Each entry of `FIRST_OPENAI_V1`: normalised project name -> the first release that works with
openai>=1. Checked on the wheels published on PyPI (`pip download --no-deps NAME==VERSION`,
then the METADATA's `Requires-Dist: openai` and the framework's OpenAI module):
- langchain: 0.0.331 and older call `openai.ChatCompletion` and catch `openai.error.*`
  (langchain/chat_models/openai.py; `Requires-Dist: openai (>=0,<1)` in the `openai` extra);
  0.0.332 is the first whose langchain/chat_models/openai.py (and embeddings/openai.py) checks
  `is_openai_v1()` and builds `openai.OpenAI(...)` clients, 0.0.334 the first whose
  langchain/llms/openai.py does (0.0.332 and 0.0.333 still call `openai.Completion`: the
  completion class fails on openai>=1, t45f N3; checked 2026-12-05). The entry is the first
  release all three work in.
- llama-index: 0.8.62 declares `Requires-Dist: openai (<1)`; 0.8.64 (0.8.63 was not
  published) declares `openai (>=1.1.0)` and llama_index/llms/openai.py uses the v1 client.
- instructor: 0.2.11 declares `Requires-Dist: openai (>=0.28.0,<0.29.0)`, 0.3.0
  `openai (>=1.1.0,<2.0.0)` (checked 2026-12-02); the release advised is 0.4.0, the first that
  exports `instructor.Mode` (0.3.5's __init__.py has none; checked 2026-12-03), which the
  rewrites of ML650 write.
- pyautogen: 0.1.14 (the last 0.1.x) declares `Requires-Dist: openai (<1)`, 0.2.0
  `openai (~=1.2)` (checked 2026-12-03).
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm.frameworks import instructor as ins
from migrate_llm.frameworks import langchain as lc

FIRST_OPENAI_V1: dict[str, tuple[int, ...]] = {
    "langchain": (0, 0, 334),
    "llama-index": (0, 8, 64),
    "instructor": (0, 4, 0),
    "pyautogen": (0, 2, 0),
}

# The frameworks of `FIRST_OPENAI_V1` whose pin apply moves together with the openai pin
# (ML504, review), to exactly that first release: the migrated code is written for it, and
# the names the project imports from the older releases are all still there. Checked on
# the wheels on PyPI (`pip download --no-deps`, their instructor/__init__.py and METADATA),
# 2026-12-05:
# - instructor: every 0.2.x release (0.2.1 to 0.2.11; 0.2.8 and 0.2.11 read) exports
#   OpenAISchema, openai_function, openai_schema, MultiTask, Maybe, CitationMixin,
#   llm_validator and patch (0.2.11 also FinetuneFormat, Instructions, unpatch); 0.4.0
#   exports all of them but `unpatch` (named in its __all__, not imported), adds `Mode` and
#   declares `Requires-Dist: openai (>=1.1.0,<2.0.0)`. Its `patch(client, mode=...)` is what
#   ML650 writes for 0.2's `patch()`. Later releases drop names (1.17.0 has no
#   openai_function, MultiTask or llm_validator), so the pin written is exact (`==0.4.0`).
# Not the others: langchain's releases up to 0.0.334 changed its modules over 150 releases
# and `>=0.0.334` installs 0.3, whose OpenAI classes moved to other packages; llama-index's
# pins below 0.8.64 span 0.5 to 0.8, with their own APIs; pyautogen 0.2.0 keeps 0.1's
# `autogen.Completion` only for openai<1 (autogen/oai/completion.py: "requires openai<1"),
# its agents calling OpenAIWrapper instead. Those pins stay with a person.
MOVED_WITH_OPENAI: dict[str, tuple[int, ...]] = {"instructor": FIRST_OPENAI_V1["instructor"]}

# Releases before these build their OpenAI chat class without a base-URL field: the
# `openai_api_base=` apply passes (ML601) is swept into `model_kwargs` and the request goes
# to OpenAI with the provider's key (thinkgpt pins langchain 0.0.141). The release is in
# `langchain.BASE_URL_SINCE`, with the wheels checked.
FIRST_WITH_BASE_URL: dict[str, tuple[int, ...]] = {"langchain": lc.BASE_URL_SINCE["chat"]}
# Releases before these have no `tiktoken_model_name` in their chat and embeddings classes,
# which apply passes beside a provider's model (ML601): the chat class sends it in the
# request body, the embeddings class refuses it (and raises KeyError counting a provider's
# model's tokens). The release is in `langchain.TOKEN_MODEL_SINCE`, with the wheels checked.
FIRST_WITH_TOKEN_MODEL: dict[str, tuple[int, ...]] = {"langchain": lc.TOKEN_MODEL_SINCE}

# The frameworks of `FIRST_OPENAI_V1` whose releases before it reach openai only inside these
# classes (each imports openai in a validator, when one is built), by normalised name: beside
# an openai requirement of the same file admitting only 1.x, the rest of the framework
# imports and runs (t63b: langchain 0.0.157's BaseTool beside openai==1.1.0, a request sent),
# so the pin holds openai back from nothing, and matters where a module names one of them.
# Checked on langchain 0.0.157 as installed (`grep -rn "import openai"`, 2026-12-07): only
# chat_models/openai.py (ChatOpenAI), chat_models/azure_openai.py (AzureChatOpenAI),
# llms/openai.py (OpenAI, AzureOpenAI, OpenAIChat), llms/gooseai.py (GooseAI),
# embeddings/openai.py (OpenAIEmbeddings) and chains/moderation.py (OpenAIModerationChain)
# name it, each inside a method.
OPENAI_V0_CLASSES: dict[str, tuple[str, ...]] = {
    "langchain": (
        "ChatOpenAI",
        "AzureChatOpenAI",
        "OpenAI",
        "AzureOpenAI",
        "OpenAIChat",
        "GooseAI",
        "OpenAIEmbeddings",
        "OpenAIModerationChain",
    )
}
# The names of those frameworks' old releases that build one of `OPENAI_V0_CLASSES` where the
# code gives them none (a module naming one reaches openai<1's API, and OpenAI's server with
# OPENAI_API_KEY, without naming a class), by normalised name. Checked on langchain 0.0.157's
# wheel (`pip download langchain==0.0.157 --no-deps`, every call of one of the classes and
# every `default_factory=` outside their own modules and docstrings, 2026-12-07):
# indexes/vectorstore.py (`VectorstoreIndexCreator.embedding: Field(default_factory=
# OpenAIEmbeddings)`, `VectorStoreIndexWrapper.query(llm=None)`: `llm or OpenAI(...)`),
# agents/agent_toolkits/vectorstore/toolkit.py (VectorStoreToolkit, VectorStoreRouterToolkit)
# and tools/vectorstore/tool.py (VectorStoreQATool, VectorStoreQAWithSourcesTool: `llm` field
# with `default_factory=lambda: OpenAI(temperature=0)`), agents/agent_toolkits/openapi/
# planner.py (the four Requests*ToolWithParsing: `llm_chain` defaults to an LLMChain on
# `OpenAI()`), chains/natbot/base.py (`NatBotChain.from_default`).
OPENAI_V0_BUILDERS: dict[str, tuple[str, ...]] = {
    "langchain": (
        "VectorstoreIndexCreator",
        "VectorStoreIndexWrapper",
        "VectorStoreToolkit",
        "VectorStoreRouterToolkit",
        "VectorStoreQATool",
        "VectorStoreQAWithSourcesTool",
        "RequestsGetToolWithParsing",
        "RequestsPostToolWithParsing",
        "RequestsPatchToolWithParsing",
        "RequestsDeleteToolWithParsing",
        "NatBotChain",
    )
}

# What each of `OPENAI_V0_BUILDERS` takes in place of the object it builds (the same files):
# a model object, built on a class pointed at the provider, not a model's name (ML504).
OPENAI_V0_BUILDER_OBJECTS: dict[str, str] = {
    "langchain": (
        "an llm= (VectorstoreIndexCreator an embedding=, the Requests*ToolWithParsing an "
        "llm_chain= on one; NatBotChain one built on it, not from_default)"
    )
}

# Projects no release of which works with openai>=1, by normalised name: the project that
# replaced each, and that project's first release requiring openai>=1. Checked the same way:
# - openai-function-call: every release on PyPI, 0.0.1 to 0.2.6, declares
#   `Requires-Dist: openai (>=0.27.8,<0.28.0)` (0.0.5, 0.1.2 and 0.2.6 checked); the project
#   was renamed instructor, whose 0.2.11 declares `openai (>=0.28.0,<0.29.0)` and 0.3.0
#   `openai (>=1.1.0,<2.0.0)`. 0.3.1 is the first whose `OpenAISchema.from_response` reads a
#   v1 response (`completion.choices[0].message.function_call`; 0.3.0 still subscripts it);
#   its `openai_function.from_response` reads a dict through 0.4.0 at least (ML651).
#   Checked 2026-12-02. Code passing `mode=` (`instructor.patch(client, mode=...)`,
#   `from_openai(..., mode=...)`, `instructor.Mode`) needs 0.4.0, the first exporting `Mode`
#   (`instructor.MODE_SINCE`; 0.3.5's __init__.py has none, checked 2026-12-03).


@dataclass(frozen=True)
class Successor:
    """The project replacing a package no release of which works with openai>=1: its
    first release that does, and the first that takes `mode=` (`Mode`), which a project whose
    code passes one needs (`RunFacts.instructor_mode_passed`)."""

    name: str
    first: tuple[int, ...]
    first_with_mode: tuple[int, ...]

    def release(self, passes_mode: bool) -> tuple[int, ...]:
        """The release advised for a project's code: passing `mode=` or not."""
        return max(self.first, self.first_with_mode) if passes_mode else self.first


REPLACED_FOR_OPENAI_V1: dict[str, Successor] = {
    "openai-function-call": Successor(
        "instructor", (0, 3, 1), tuple(int(p) for p in ins.MODE_SINCE.split("."))
    ),
}


@dataclass(frozen=True)
class OpenAIV0Library:
    """A package no release of which works with openai>=1 and that no other project replaced:
    its OpenAI parts subclass and call openai<1's API, with openai<1's module settings
    (`openai.api_key`, `openai.api_base`), in every release. A module using one of them
    (`uses`: qualified names, modules or classes, imported or called) runs on openai<1
    whatever its own code calls: it keeps the settings that point openai<1 at the provider."""

    uses: frozenset[str]
    # calls that set `openai.api_key` from OPENAI_API_KEY (`cache.set_openai_key()`)
    key_setters: frozenset[str]
    # classes whose requests are embeddings (`gptcache.embedding.OpenAI`)
    embeddings: frozenset[str]
    # what a person does with the pin, said where ML504 leaves it
    instead: str
    source: str


# gptcache (https://pypi.org/project/gptcache/, github.com/zilliztech/GPTCache): the wheel of
# 0.1.44, the last release (checked 2026-12-07), declares `Requires-Dist: numpy, cachetools,
# requests` and installs `openai==0.28.1` itself when openai is missing
# (gptcache/utils/__init__.py `import_openai`); gptcache/adapter/openai.py defines
# `class ChatCompletion(openai.ChatCompletion, BaseCacheLLM)` (and Completion, Audio, Image,
# Moderation on openai<1's classes), which fails at import on openai>=1 (APIRemovedInV1),
# and sends each request with `openai.api_key` / `openai.api_base`;
# gptcache/embedding/openai.py's `OpenAI` calls `openai.Embedding.create(...,
# api_base=...)` with `openai.api_key` (or OPENAI_API_KEY) and `openai.api_base`;
# gptcache/core.py's `Cache.set_openai_key()` sets `openai.api_key =
# os.getenv("OPENAI_API_KEY")` (`set_azure_openai_key()` Azure's settings).
OPENAI_V0_LIBRARIES: dict[str, OpenAIV0Library] = {
    "gptcache": OpenAIV0Library(
        uses=frozenset(
            {
                "gptcache.adapter.openai",
                "gptcache.embedding.OpenAI",
                "gptcache.embedding.openai",
            }
        ),
        key_setters=frozenset(
            {
                "gptcache.cache.set_openai_key",
                "gptcache.Cache.set_openai_key",
                "gptcache.core.cache.set_openai_key",
                "gptcache.core.Cache.set_openai_key",
            }
        ),
        embeddings=frozenset({"gptcache.embedding.OpenAI", "gptcache.embedding.openai.OpenAI"}),
        instead="keep openai<1 for it (its OpenAI adapter and embeddings subclass and call "
        "openai<1's API in every release, 0.1.44 included), pointing openai.api_key and "
        "openai.api_base at the provider, or replace its OpenAI adapter",
        source="gptcache 0.1.44 wheel: gptcache/adapter/openai.py, gptcache/embedding/"
        "openai.py, gptcache/core.py, gptcache/utils/__init__.py (checked 2026-12-07)",
    ),
}

# The qualified names by which a module uses one of `OPENAI_V0_LIBRARIES`.
OPENAI_V0_LIBRARY_USES = frozenset(
    name for lib in OPENAI_V0_LIBRARIES.values() for name in lib.uses | lib.key_setters
)


@dataclass(frozen=True)
class OpenAIPart:
    """A package one part of which calls the pre-1.0 SDK in older releases."""

    part: str  # what calls it: `OpenAIEmbeddingFunction`
    calls: str  # the removed API it calls: `openai.Embedding`
    first: tuple[int, ...]  # the first release whose part works with every openai>=1
    # the first release whose part works with openai 1.x only (it tests the version's
    # leading "1."), when earlier than `first`
    first_1x: tuple[int, ...] | None = None
    # a word every module building the part holds (its class's name), when nothing else of
    # the package reaches the removed API: a project none of whose modules holds it does
    # not use the part (`run_facts`); None when that cannot be told by a word
    word: str | None = None
    # the first release whose part calls the removed API, when earlier ones did not: a
    # requirement admitting only those is not reported
    since: tuple[int, ...] | None = None
    # what `first` removed that code written for the older releases calls, and what takes its
    # place: said with the advice to upgrade (t53l: AgentGPT's six `from_chain` calls failed
    # with AttributeError once lanarky was moved to 0.8)
    removed: str = ""


# Packages that install beside openai>=1 (their requirements cap no openai) but one part of
# which calls the removed API in older releases: raising the openai pin leaves the file
# installable, and that part fails at run time with `APIRemovedInV1` (babyagi pins
# chromadb==0.4.6 beside openai==0.27.4). ML504 raises the openai pin and reports these pins
# for a person. Checked on the wheels published on PyPI (`pip download --no-deps
# NAME==VERSION`), reading the part's module and the METADATA's `Requires-Dist`, 2026-12-03:
# - chromadb (https://pypi.org/project/chromadb/): no release requires openai. 0.4.16 and
#   older build OpenAIEmbeddingFunction on `openai.Embedding`
#   (chromadb/utils/embedding_functions.py; 0.4.6, 0.4.14, 0.4.15 and 0.4.16 checked);
#   0.4.17 to 0.6.3 build `openai.OpenAI(...).embeddings` only when `openai.__version__`
#   starts with "1." and `openai.Embedding` otherwise, so openai 2 and later fail there too
#   (0.4.17, 0.4.18, 0.4.20, 0.4.22, 0.4.24, 0.5.0, 0.5.23, 0.6.3 checked); 1.0.0 builds
#   `openai.OpenAI` whatever the version
#   (chromadb/utils/embedding_functions/openai_embedding_function.py). No other module
#   of 0.6.3 imports openai, and its collection configuration (chromadb/api/configuration.py)
#   stores no embedding function: the part runs only where the project's code names the
#   class (`embedding_functions.OpenAIEmbeddingFunction(...)`; checked 2026-12-05).
# - guidance (https://pypi.org/project/guidance/): 0.0.64, the last 0.0.x, declares
#   `Requires-Dist: openai (>=0.27.8)`, and its `guidance.llms.OpenAI` reads `openai.api_base`
#   and calls `openai.ChatCompletion.acreate` (guidance/llms/_openai.py); 0.1.0's
#   `guidance.models.OpenAI` builds `openai.OpenAI` (guidance/models/_openai.py), and no
#   module it imports calls the removed API. 0.1.0 replaced the 0.0.x programming interface.
# - lanarky (https://pypi.org/project/lanarky/): 0.7.5 to 0.7.17, the last 0.7.x, set
#   `openai.aiosession` (openai<1's aiohttp session, which openai>=1 removed) around every
#   response their `StreamingResponse` streams (lanarky/responses/streaming.py, decorator
#   `openai_aiosession`; 0.7.5, 0.7.8, 0.7.10, 0.7.12-0.7.17 checked) and declare
#   `Requires-Dist: openai (>=0.27.7,<0.28.0)` (0.7.12 on: `>=0.27.8`) in their `openai`
#   extra, so streaming fails under openai>=1 with AttributeError (AgentGPT pins "^0.7.15",
#   t50g D3); 0.6.0 to 0.7.4 name no openai API (0.6.0, 0.6.6, 0.7.0-0.7.4 checked). 0.8.0
#   declares `openai (>=1,<2)` and builds `openai.AsyncOpenAI` (lanarky/adapters/openai/
#   resources.py; 0.8.8 the same); it replaced the 0.7 interface (`StreamingResponse` moved to
#   lanarky.adapters.langchain.responses, with no `from_chain`; 0.8.8 builds it from
#   `chain=` and `config=`, calling `chain.acall(**config)`). Checked 2026-12-08 (0.8.8:
#   lanarky/adapters/langchain/responses.py:26-84, 2026-12-10). It streams only what a
#   callback in `config["callbacks"]` sends: without one the client gets an empty body (t54f
#   B); `TokenStreamingCallbackHandler(output_key=..., mode="text")`
#   (lanarky/adapters/langchain/callbacks.py:109-166; its default mode sends `{"token": ...}`
#   JSON) sends each token, or the chain's output when no token streamed, as an SSE event
#   `event: completion` / `data: <token>` (run with lanarky 0.8.8 and a FakeListLLM chain,
#   2026-12-11).
OPENAI_V0_PARTS: dict[str, OpenAIPart] = {
    "chromadb": OpenAIPart(
        "OpenAIEmbeddingFunction",
        "openai.Embedding",
        (1, 0, 0),
        (0, 4, 17),
        word="OpenAIEmbeddingFunction",
    ),
    "guidance": OpenAIPart("guidance.llms.OpenAI", "openai.ChatCompletion", (0, 1, 0)),
    "lanarky": OpenAIPart(
        "StreamingResponse",
        "openai.aiosession",
        (0, 8, 0),
        since=(0, 7, 5),
        removed="0.8.0 removed StreamingResponse.from_chain(chain, inputs, ...) (AttributeError "
        "where the code calls it): build lanarky.adapters.langchain.responses."
        'StreamingResponse(chain=chain, config={"inputs": inputs, "callbacks": '
        '[TokenStreamingCallbackHandler(output_key=chain.output_key, mode="text")]}) there '
        "(the handler from lanarky.adapters.langchain.callbacks: without it nothing is "
        "streamed); 0.8 sends server-sent events (event: completion, data: <token>), not "
        "0.7's raw text, so the client reading the stream must parse them",
    ),
}

# The packages openai<1 installed that openai>=1 does not: raising the openai pin drops them,
# and a module of the project importing one (instagraph's main.py imports requests) fails
# with ModuleNotFoundError unless another requirement installs it (ML504). Read from the
# METADATA of the wheels on PyPI (2026-12-05): openai 0.28.0 `Requires-Dist: requests
# >=2.20`, `tqdm`, `aiohttp`; openai 1.0.0 and 1.109.1 anyio, distro, httpx, pydantic, tqdm,
# typing-extensions (1.109.1 also jiter, sniffio), neither requests nor aiohttp. By module
# name, which is the package's, with the specifier openai 0.28.0 required it at (apply adds
# that requirement where it raises the openai pin).
OPENAI_V0_ONLY_DEPENDENCIES = {"requests": ">=2.20", "aiohttp": ""}

# The packages whose pins ML504 reads (normalised names).
PINNED_PACKAGES = (
    *FIRST_OPENAI_V1,
    *REPLACED_FOR_OPENAI_V1,
    *OPENAI_V0_LIBRARIES,
    *OPENAI_V0_PARTS,
)


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in version)
