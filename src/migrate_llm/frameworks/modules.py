"""The top-level modules through which frameworks reach OpenAI: a Python file that imports one
of them is parsed even when it never names `openai` itself (see `prefilter.prefilters`).

One entry per framework module, each checked against the package it comes from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from migrate_llm.frameworks import camel, graphiti, lightrag
from migrate_llm.frameworks.libraries import CONFIGURED, DEFAULTING, JUDGED, LIBRARIES
from migrate_llm.frameworks.marvin import MARVIN_DEFAULTS
from migrate_llm.frameworks.openai_callers import CALLERS
from migrate_llm.frameworks.openai_callers import MODULES as CALLER_MODULES
from migrate_llm.frameworks.pydantic_ai import EVALS_DEFAULTS, PREFIXED, PYDANTIC_EVALS

# `OPENAI_*` variables a framework reads for any OpenAI-compatible server, not OpenAI's: the
# rules read them as another service's (`rules.python_context.ENV_NAME`,
# `rules.config_common.OPENAI_ENV_NAME`)
OTHER_SERVER_VARIABLES: frozenset[str] = frozenset(camel.SERVER_VARIABLES)
# Their base-URL variables: a module reading one builds clients for that server (camel's
# OpenAICompatibleModel hands `url or os.environ.get("OPENAI_COMPATIBILITY_API_BASE_URL")` to
# its base class, which keeps it as `self._url` for `OpenAI(base_url=self._url)`: t53g D7).
OTHER_SERVER_URL_VARIABLES: frozenset[str] = frozenset({camel.COMPATIBLE.base_url_env})

FRAMEWORK_MODULES: tuple[str, ...] = tuple(
    dict.fromkeys(  # once each (ragas and deepeval are both reached from haystack_integrations)
        (
            "agents",  # openai-agents: src/agents/ (github.com/openai/openai-agents-python)
            "litellm",  # litellm: litellm/ (github.com/BerriAI/litellm)
            "dspy",  # dspy: dspy/ (github.com/stanfordnlp/dspy)
            "instructor",  # instructor: instructor/ (github.com/instructor-ai/instructor)
            "autogen",  # pyautogen / ag2 (0.2 API): autogen/ (github.com/ag2ai/ag2)
            "autogen_ext",  # autogen-ext 0.4+: autogen_ext/ (github.com/microsoft/autogen)
            # autogen-core / autogen-agentchat 0.4+ (the same repository): `load_component`
            # builds autogen-ext's OpenAI client from a component config (ML661)
            "autogen_core",
            "autogen_agentchat",
            # LangChain / LlamaIndex: the packages of the classes in frameworks/langchain.py
            # and frameworks/llamaindex.py (langchain_openai/, langchain/,
            # langchain_community/, llama_index/)
            "langchain_openai",
            "langchain",
            "langchain_community",
            "langchain_classic",  # langchain 1.x's home of the 0.x API (init_chat_model)
            "llama_index",
            "haystack",  # haystack-ai: haystack/components/ (frameworks/haystack.py)
            # haystack-experimental: its OpenAIChatGenerator (the same table)
            "haystack_experimental",
            "crewai",  # crewai: src/crewai/ (github.com/crewAIInc/crewAI)
            "crewai_tools",  # crewai-tools: its RAG tools (frameworks/crewai.py, ML692)
            "smolagents",  # smolagents: src/smolagents/ (github.com/huggingface/smolagents)
            # semantic-kernel: python/semantic_kernel/ (frameworks/semantic_kernel.py)
            "semantic_kernel",
            "agno",  # agno: libs/agno/agno/ (github.com/agno-agi/agno; frameworks/agno.py)
            # browser-use: browser_use/llm/ (github.com/browser-use/browser-use;
            # frameworks/browser_use.py)
            "browser_use",
            # guidance: guidance/models/ (github.com/guidance-ai/guidance; frameworks/guidance.py)
            "guidance",
            "langroid",  # langroid: langroid/ (frameworks/langroid.py, ML693)
            # pandas-ai's LLM extensions: extensions/llms/ (frameworks/pandasai.py; ML694, ML640)
            "pandasai_openai",
            "pandasai_litellm",
            "aider",  # aider-chat: aider/ (frameworks/aider.py, ML620: its Model())
            "txtai",  # txtai: src/python/txtai/ (frameworks/txtai.py, ML622)
            # mirascope: mirascope/core/openai/ (v1), mirascope/llm/ (v2)
            # (frameworks/mirascope.py, ML695)
            "mirascope",
            "outlines",  # outlines: outlines/models/ (frameworks/outlines.py, ML696)
            "lagent",  # lagent: lagent/llms/ (frameworks/lagent.py, ML697)
            # libraries that build their own OpenAI client (frameworks/libraries.py, ML670)
            *(library.module for library in LIBRARIES),
            *(library.module for library in CONFIGURED),
            *(library.module for library in DEFAULTING),
            *(module for library in DEFAULTING for module in library.reached_from),
            *(library.module for library in JUDGED),
            *(module for library in JUDGED for module in library.reached_from),
            camel.MODULE,  # camel-ai: camel/ (github.com/camel-ai/camel; frameworks/camel.py)
            lightrag.MODULE,  # lightrag-hku: lightrag/ (frameworks/lightrag.py)
            graphiti.MODULE,  # graphiti-core: graphiti_core/ (frameworks/graphiti.py, ML689)
            # libraries whose functions call OpenAI's API themselves (SpeechRecognition:
            # frameworks/openai_callers.py, ML670)
            *CALLER_MODULES,
            # libraries whose `openai:` model strings pick OpenAI (frameworks/pydantic_ai.py,
            # ML671)
            *(library.module for library in PREFIXED),
        )
    )
)


# Module names so distinctive that a module using one it never binds can only have been given
# the module itself (`litellm.completion(...)` in a function a plugin system runs with
# `imports=["litellm"]`). Not `agents`, `haystack` or `guidance`, common words, nor the libraries
# of frameworks/libraries.py and frameworks/pydantic_ai.py, whose rules read imported names.
UNIMPORTED_MODULES = frozenset(
    {"openai", *FRAMEWORK_MODULES}
    - {"agents", "haystack", "guidance"}
    - {library.module for library in LIBRARIES}
    - {library.module for library in CONFIGURED}
    - {library.module for library in DEFAULTING}
    - {module for library in DEFAULTING for module in library.reached_from}
    - {library.module for library in JUDGED}
    - {module for library in JUDGED for module in library.reached_from}
    - {camel.MODULE, lightrag.MODULE, graphiti.MODULE}
    - set(CALLER_MODULES)
    - {library.module for library in PREFIXED}
)


def import_pattern(modules: tuple[str, ...] = FRAMEWORK_MODULES) -> str:
    """A regular expression matching `import m`, `import m.x` and `from m[.x] import` of the
    modules at the start of a line (not a name that only starts with one: `agentsdk`);
    group 1 is the module."""
    return rf"^[ \t]*(?:import|from){after_import_keyword(modules)}"


def after_import_keyword(modules: tuple[str, ...] = FRAMEWORK_MODULES) -> str:
    """What follows `import` or `from` in `import_pattern`."""
    names = "|".join(re.escape(m) for m in modules)
    return rf"[ \t]+({names})\b"


def trigger_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each framework module, what a module importing it holds when a framework rule has
    anything to report there: all the parts but the package of one of the classes,
    functions or settings in that framework's tables (`ServiceContext` and `from_defaults`
    for `llama_index.ServiceContext.from_defaults`: whatever way the code reaches it, each
    part is written in it, in an import or an attribute), or one of a few names (`config_list`).
    A module that imports LlamaIndex but names none of them in full is not parsed. Each
    entry's rarest-looking part (a class name) comes first."""

    def parts(names: Iterable[str], extra: Iterable[str]) -> tuple[tuple[str, ...], ...]:
        # the package itself when that is all there is
        entries = {frozenset(name.split(".")[1:] or [name]) for name in names}
        entries |= {frozenset([name]) for name in extra}
        # an entry that holds all of another's parts adds nothing (`llms.openai.OpenAI`
        # beside `llms.OpenAI`); only a shorter entry can be a part of another
        by_size = sorted(entries, key=len)
        kept = [e for i, e in enumerate(by_size) if not any(o < e for o in by_size[:i])]
        return tuple(sorted(tuple(sorted(e, key=_rarest_first)) for e in kept))

    found = {module: parts(names, extra) for module, (names, extra) in _tables().items()}
    for module, words in keyword_triggers().items():
        found[module] += tuple((word,) for word in words)
    # pandasai-openai's classes, outside `_tables` (no rule rewrites the key they are given,
    # `framework_names`): ML694 reports them
    from migrate_llm.frameworks import pandasai

    found[pandasai.OPENAI_MODULE] = parts(pandasai.OPENAI_CLASSES | pandasai.AZURE_CLASSES, ())
    return found


def keyword_triggers() -> dict[str, tuple[str, ...]]:
    """For a framework module, keywords a module importing it holds where its rules report a
    call of a model built elsewhere, which no name of the tables shows: the legacy
    `functions=` given to a LangChain chat model's request method (`self.model.
    apredict_messages`, the model a parameter: ML111)."""
    from migrate_llm.frameworks import langchain

    words = tuple(f"{k}=" for k in langchain.LEGACY_FUNCTION_KEYWORDS)
    return dict.fromkeys(("langchain_openai", "langchain", "langchain_community"), words)


def qualified_names() -> dict[str, tuple[str, ...]]:
    """For each framework module whose rules find only what its tables name in full
    (`llama_index.llms.openai.OpenAI`, never a bare `config_list`), those names: a module
    that imports nothing on the way to one of them (`llama_index.legacy...`) gives these
    rules nothing to report."""
    return {
        module: names
        for module, (names, extra) in _tables().items()
        if not extra and all("." in name for name in names)
    }


def called_only() -> frozenset[str]:
    """Qualified names the rules look at only where they are called, not where a class
    derives from them: LlamaIndex's `OpenAILike` (ML611 reads what a construction pointed at
    the provider sends; the many integrations deriving from it, Groq's or Together's, give it
    nothing to report) and `OpenAILikeEmbedding` (ML114: the width of its vectors)."""
    from migrate_llm.frameworks import llamaindex

    return frozenset(llamaindex.OPENAI_LIKE) | frozenset(llamaindex.OPENAI_LIKE_EMBEDDING)


@functools.lru_cache(maxsize=1)
def framework_names() -> frozenset[str]:
    """Every qualified name the framework tables hold: the classes and functions whose
    rules rewrite what they are given (a key among it)."""
    return frozenset(name for names, _ in _tables().values() for name in names)


@functools.lru_cache(maxsize=1)
def key_holders() -> dict[str, str]:
    """Calls of the frameworks whose result holds the key they are given (Haystack's
    `Secret.from_token(key)`), each with the parameter taking it (also the first
    positional): the key goes wherever that result goes."""
    from migrate_llm.frameworks import haystack

    return dict(haystack.KEY_HOLDERS)


@functools.lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each framework module's qualified names from its tables, and its bare names."""
    from migrate_llm.frameworks import (
        agents,
        agno,
        aider,
        autogen,
        browser_use,
        crewai,
        dspy,
        guidance,
        haystack,
        instructor,
        lagent,
        langchain,
        langroid,
        litellm,
        llamaindex,
        mirascope,
        outlines,
        pandasai,
        semantic_kernel,
        smolagents,
        txtai,
    )

    def names(
        *tables: Iterable[str], extra: Iterable[str] = ()
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(sorted({n for table in tables for n in table})), tuple(sorted(extra))

    langchain_names = names(langchain.CLASSES, langchain.INIT_FUNCTIONS)
    # a library's rule reports its import: the module name is what the text must hold
    library_modules = [library.module for library in LIBRARIES]
    library_modules += [library.module for library in CONFIGURED]
    library_modules += [library.module for library in DEFAULTING]
    library_modules += [library.module for library in JUDGED]
    library_modules += [camel.MODULE, lightrag.MODULE]
    library_names = {module: names(extra=(module,)) for module in library_modules}
    # a function calling OpenAI's API itself (ML670): its name is in the text
    callers: dict[str, list[str]] = {}
    for caller in CALLERS:
        callers.setdefault(caller.module, []).append(caller.method)
    library_names.update({m: names(extra=methods) for m, methods in callers.items()})
    # a module imported on the way to a library's calls (ragas-haystack's evaluator, the
    # deepeval one) names it
    reached: dict[str, set[str]] = {}
    reaching = [(lib.module, lib.reached_from) for lib in DEFAULTING]
    reaching += [(lib.module, lib.reached_from) for lib in JUDGED]
    for module, reached_from in reaching:
        for m in reached_from:
            reached.setdefault(m, set()).add(module)
    library_names.update({m: names(extra=tuple(sorted(r))) for m, r in reached.items()})
    # ML671 reports an `openai:` string, an OpenAI model class or provider: `openai` is in
    # the text (the string, or the import of `pydantic_ai.models.openai`)
    prefixed_names = {library.module: names(extra=("openai",)) for library in PREFIXED}
    # and a pydantic_evals judge given no model (its default is OpenAI's)
    judges = {name.rpartition(".")[2] for name in EVALS_DEFAULTS.judges}
    prefixed_names[PYDANTIC_EVALS.module] = names(extra=("openai", *judges))
    # and marvin's agents given no model, its calls running its default agent
    prefixed_names[MARVIN_DEFAULTS.module] = names(
        MARVIN_DEFAULTS.agents, MARVIN_DEFAULTS.runners, extra=("openai",)
    )
    # a component config names the client by one of its providers
    components = tuple(p for p in autogen.COMPONENT_PROVIDERS if "." not in p)
    autogen_names = names(
        autogen.CONFIG_READERS,
        autogen.CLIENT_CLASSES,
        extra=(autogen.CONFIG_LIST_NAME, autogen.LLM_CONFIG_NAME, *components),
    )
    return {
        # ML640: pandasai-litellm's LiteLLM (pandasai-openai's classes: `trigger_names`)
        pandasai.LITELLM_MODULE: names(pandasai.LITELLM_CLASSES),
        # ML620: aider's Model(), which hands its models to litellm
        "aider": names(aider.MODEL_CLASSES),
        # ML622: txtai's LLM(), RAG() and Embeddings(), which hand their models to litellm
        "txtai": names(txtai.LLM_CLASSES, txtai.RAG_CLASSES, txtai.EMBEDDINGS_CLASSES),
        # ML695: Mirascope v1's openai.call(), v2's model-taking calls
        "mirascope": names(mirascope.V1_OPENAI_CALLS, mirascope.V2_MODEL_CALLS),
        # ML696: Outlines' OpenAI model and outlines<1.0's models.openai()
        "outlines": names(outlines.FROM_OPENAI, outlines.V0_FUNCTIONS),
        # ML697: lagent's GPTAPI, by its class (a config dict names it as its type)
        "lagent": names(lagent.CLASSES),
        # ML693: langroid's config classes and its model enum
        "langroid": names(langroid.CONFIG_CLASSES, langroid.AGENT_CONFIGS, langroid.MODEL_ENUMS),
        "agents": names(
            agents.AGENT_CLASSES,
            agents.RUN_CONFIG_CLASSES,
            agents.CHAT_MODEL_CLASSES,
            agents.RESPONSES_MODEL_CLASSES,
            agents.SETTERS,
            agents.HOSTED_TOOLS,
            agents.SERVER_SESSIONS,
            agents.OPENAI_PROVIDERS,
            agents.FUNCTION_TOOL_FACTORIES,
            agents.TOOL_NAMESPACE,
            agents.MODEL_SETTINGS_CLASSES,
            agents.RUNNER_CALLS,
            agents.RESPONSES_WEBSOCKET,
            agents.VOICE_PIPELINES,
            agents.VOICE_OPENAI,
            agents.REALTIME,
        ),
        "litellm": names(
            litellm.CALLS,
            litellm.ROUTER_CLASSES,
            litellm.MODEL_INFO_CALLS,  # ML643: a lookup of a model apply moved
            extra=(litellm.MODEL_LIST,),
        ),
        "dspy": names(dspy.LM_CLASSES, dspy.EMBEDDER_CLASSES),
        "instructor": names(instructor.WRAPPERS),
        "autogen": autogen_names,
        "autogen_ext": autogen_names,
        "autogen_core": names(extra=components),
        "autogen_agentchat": names(extra=components),
        "langchain_openai": langchain_names,
        "langchain": langchain_names,
        "langchain_community": langchain_names,
        "langchain_classic": langchain_names,
        "llama_index": names(
            llamaindex.CLASSES,
            llamaindex.OPENAI_LIKE,  # ML611: what it sends once it points at the target
            llamaindex.OPENAI_LIKE_EMBEDDING,  # ML114: the width of its vectors, likewise
            llamaindex.SERVICE_CONTEXT,
            llamaindex.NAME_ONLY_FUNCTIONS,  # ML614
            llamaindex.NAME_CHECKING_AGENTS,  # ML614, where a pinned llama-index checks names
            # ML612 reports these only given the string "default" (a literal, or a setting's
            # default): a part the text must hold too, quoted either way (the name after the
            # function: an import of the function still leads to it)
            (f"{name}.{q}default{q}" for name in llamaindex.DEFAULT_RESOLVERS for q in "\"'"),
        ),
        "haystack": names(haystack.CLASSES),
        "haystack_experimental": names(haystack.CLASSES),
        "crewai": names(crewai.LLM_CLASSES, crewai.LLM_TAKERS, crewai.MEMORY_CLASSES),
        "crewai_tools": names(crewai.RAG_TOOLS),
        "smolagents": names(
            smolagents.LITELLM_CLASSES,
            smolagents.ROUTER_CLASSES,
            smolagents.OPENAI_CLASSES,
            smolagents.AZURE_CLASSES,
        ),
        "semantic_kernel": names(
            semantic_kernel.SERVICES,
            semantic_kernel.AGENT_SETUPS,
            semantic_kernel.AZURE_SERVICES,
            semantic_kernel.AZURE_AGENT_SETUPS,
            semantic_kernel.FROM_DICTS,
            semantic_kernel.SETTINGS,  # their model (ML686) and arguments (ML111, ML112...)
        ),
        "agno": names(agno.CLASSES, agno.AGENT_CLASSES, agno.TEAM_CLASSES, agno.VECTOR_DBS),
        # its Agent matters only beside a chat class (ML687)
        "browser_use": names(
            browser_use.CLASSES, browser_use.DEEPSEEK_CLASSES, browser_use.AZURE_CLASSES
        ),
        "guidance": names(guidance.CLASSES, guidance.AZURE_FUNCTIONS),
        # its OpenAI clients by name only: given no config they read OPENAI_API_KEY, which
        # ML401 leaves for them as for any class named like OpenAI (`openai_class_left`)
        graphiti.MODULE: names(
            graphiti.CONFIGS,
            graphiti.GRAPHITI,
            extra=sorted({name.rpartition(".")[2] for name in graphiti.CLIENTS}),
        ),
        **library_names,
        **prefixed_names,
    }


def _rarest_first(part: str) -> tuple[bool, int, str]:
    return (not part[:1].isupper(), -len(part), part)


class ClientClass(NamedTuple):
    """An OpenAI client class: what to call it (`langchain OpenAIEmbeddings`), and the
    attributes in which an instance keeps its key and its base URL (those of the keywords
    that are its fields: `openai_api_key`, `openai_api_base`; none for the SDK's clients,
    whose connection pool cannot be pickled)."""

    label: str
    key: tuple[str, ...] = ()
    base_url: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def openai_client_classes() -> dict[str, ClientClass]:
    """The classes of OpenAI clients, by qualified name (`langchain.embeddings.openai.
    OpenAIEmbeddings`): the SDK's and the frameworks' OpenAI classes of their tables (a pickle
    holding one calls OpenAI)."""
    from migrate_llm.frameworks import langchain, llamaindex
    from migrate_llm.openai_sdk import CLIENT_CLASSES

    found = {name: ClientClass(f"openai {name.rpartition('.')[2]}") for name in CLIENT_CLASSES}
    for table in (langchain.CLASSES, llamaindex.CLASSES):
        found.update(
            {
                name: ClientClass(f"{c.framework} {c.name}", c.key, c.base_url)
                for name, c in table.items()
            }
        )
    return found
