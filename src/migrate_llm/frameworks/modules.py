"""The top-level modules through which frameworks reach OpenAI: a Python file that imports one
of them is parsed even when it never names `openai` itself (see `engine.prefilters`).

One entry per framework module, each checked against the package it comes from.
"""

from __future__ import annotations

import re

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
    modules (not a name that only starts with one: `agentsdk`)."""
    names = "|".join(re.escape(m) for m in modules)
    return rf"^[ \t]*(?:import|from)[ \t]+(?:{names})\b"
