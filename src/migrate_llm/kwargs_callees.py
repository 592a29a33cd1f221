"""The project's functions and classes that build a LangChain OpenAI class from a `**mapping`
parameter, whose bytes key the cached results of their project.

gpt-researcher's `GenericLLMProvider.from_provider(provider, **kwargs)` builds
`ChatOpenAI(**kwargs)`, which apply fills with the provider's base URL, and its key with that
URL only, where the caller gives none (`kwargs_fill`). ML401 switches a caller's read of
OPENAI_BASE_URL going there (`base_url_reads.filled_callee`), so what a caller is told depends
on the callee's contents: the callee's bytes are part of its project's facts
(`spreading_callees` finds them), and a cached result of the caller is not reused once the
callee changes. (A caller giving a base URL of its own gets none of the provider's key, so it
needs no reading of its own.)
"""

from __future__ import annotations

import ast

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
