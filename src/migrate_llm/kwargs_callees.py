"""The project's functions and classes that build a LangChain OpenAI class from a `**mapping`
parameter, for the modules calling them that the prefilter rules out.

gpt-researcher's `GenericLLMProvider.from_provider(provider, **kwargs)` builds
`ChatOpenAI(**kwargs)`, which apply fills with the provider's key where the caller gives none.
A caller passing a base URL of its own (`os.environ.get("LLM_BASE_URL")`) with no key names
no OpenAI variable or model, so the prefilter rules it out; ML601 must see it (the key would
go to that host: `filled_callees.foreign_urls`). Such a caller is read again
(`may_give_url`) where a module building an OpenAI client in its project defines such a
callee (`spreading_callees`); the callee's bytes are part of its project's facts, so a
cached result of the caller is not reused once the callee changes.
"""

from __future__ import annotations

import ast

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import langchain as lc

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# the classes ML601 fills a `**` mapping of (`kwargs_fill`), by the name a module imports
_CLASSES = frozenset(name.rpartition(".")[2] for name in lc.CLASSES)


def spreading_callees(data: bytes) -> frozenset[str]:
    """The top-level functions, and classes with such a method, of a module's bytes that
    spread their `**` parameter into a LangChain OpenAI class (`lc.CLASSES`: `ChatOpenAI(
    **kwargs)`, imported by name or called on its module); none where it cannot be parsed."""
    if b"langchain" not in data or b"**" not in data:  # not parsed
        return frozenset()
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return frozenset()
    classes = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
        if f"{node.module}.{alias.name}" in lc.CLASSES
    }
    found = set()
    for node in tree.body:
        if isinstance(node, _FUNCTIONS):
            methods = [node]
        elif isinstance(node, ast.ClassDef):
            methods = [item for item in node.body if isinstance(item, _FUNCTIONS)]
        else:
            continue
        if any(_spreads(method, classes) for method in methods):
            found.add(node.name)
    return frozenset(found)


def _spreads(function: ast.FunctionDef | ast.AsyncFunctionDef, classes: set[str]) -> bool:
    spread = function.args.kwarg
    if spread is None:
        return False
    return any(
        isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in classes)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in _CLASSES)
        )
        and any(
            k.arg is None and isinstance(k.value, ast.Name) and k.value.id == spread.arg
            for k in node.keywords
        )
        for node in ast.walk(function)
    )


def may_give_url(text: str, callees: frozenset[str]) -> bool:
    """Whether a module's text (its bytes as latin-1 will do) may import one of `callees`
    and give it a base URL."""
    return (
        "import" in text
        and any(f"{name}(" in text or f"{name}." in text for name in callees)
        and any(entry in text for entry in sdk.URL_ENTRY_NAMES)
    )
