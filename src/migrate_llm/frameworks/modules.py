"""The top-level modules through which frameworks reach OpenAI: a Python file that imports one
of them is parsed even when it never names `openai` itself (see `engine.prefilters`).

One entry per framework module, each checked against the package it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FRAMEWORK_MODULES: tuple[str, ...] = (
    "agents",  # openai-agents: src/agents/ (github.com/openai/openai-agents-python)
    "litellm",  # litellm: litellm/ (github.com/BerriAI/litellm)
    "dspy",  # dspy: dspy/ (github.com/stanfordnlp/dspy)
    "instructor",  # instructor: instructor/ (github.com/instructor-ai/instructor)
    "autogen",  # pyautogen / ag2 (0.2 API): autogen/ (github.com/ag2ai/ag2)
    "autogen_ext",  # autogen-ext 0.4+: autogen_ext/ (github.com/microsoft/autogen)
    # LangChain / LlamaIndex: the packages of the classes in frameworks/langchain.py and
    # frameworks/llamaindex.py (langchain_openai/, langchain/, langchain_community/, llama_index/)
    "langchain_openai",
    "langchain",
    "langchain_community",
    "llama_index",
)


# Module names so distinctive that a module using one it never binds can only have been given
# the module itself (`litellm.completion(...)` in a function a plugin system runs with
# `imports=["litellm"]`). Not `agents`, a common variable name.
UNIMPORTED_MODULES = frozenset({"openai", *FRAMEWORK_MODULES} - {"agents"})


def import_pattern(modules: tuple[str, ...] = FRAMEWORK_MODULES) -> str:
    """A regular expression matching `import m`, `import m.x` and `from m[.x] import` of the
    modules (not a name that only starts with one: `agentsdk`); group 1 is the module."""
    names = "|".join(re.escape(m) for m in modules)
    return rf"^[ \t]*(?:import|from)[ \t]+({names})\b"


def trigger_names() -> dict[str, tuple[str, ...]]:
    """For each framework module, the names of which a module importing it holds at least one
    when a framework rule has anything to report there: the last part of every class,
    function and setting in that framework's tables (`ChatOpenAI`, `completion`, `Agent`,
    `config_list`...). A module that imports LlamaIndex but names none of them is not parsed."""
    from migrate_llm.frameworks import (
        agents,
        autogen,
        dspy,
        instructor,
        langchain,
        litellm,
        llamaindex,
    )

    def last(*tables: Iterable[str], extra: Iterable[str] = ()) -> tuple[str, ...]:
        names = {name.rsplit(".", 1)[-1] for table in tables for name in table} | set(extra)
        # a name that holds another adds nothing (`OpenAI` is in `ChatOpenAI`)
        return tuple(sorted(n for n in names if not any(o != n and o in n for o in names)))

    langchain_names = last(langchain.CLASSES)
    autogen_names = last(
        autogen.CONFIG_READERS,
        autogen.CLIENT_CLASSES,
        extra=(autogen.CONFIG_LIST_NAME, autogen.LLM_CONFIG_NAME),
    )
    return {
        "agents": last(
            agents.AGENT_CLASSES,
            agents.RUN_CONFIG_CLASSES,
            agents.CHAT_MODEL_CLASSES,
            agents.RESPONSES_MODEL_CLASSES,
            agents.SETTERS,
            agents.HOSTED_TOOLS,
            agents.SERVER_SESSIONS,
        ),
        "litellm": last(litellm.CALLS, litellm.ROUTER_CLASSES, extra=(litellm.MODEL_LIST,)),
        "dspy": last(dspy.LM_CLASSES),
        "instructor": last(instructor.WRAPPERS),
        "autogen": autogen_names,
        "autogen_ext": autogen_names,
        "langchain_openai": langchain_names,
        "langchain": langchain_names,
        "langchain_community": langchain_names,
        "llama_index": last(llamaindex.CLASSES, llamaindex.SERVICE_CONTEXT),
    }
