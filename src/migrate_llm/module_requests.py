"""The requests a project's modules make through the openai>=1.0 module-level client.

`openai.chat.completions.create(...)` goes wherever `openai.base_url` points when the request
is made, whichever module set it: one module configuring the module-level client (ML102's
edit) points every such request of the program at the provider. A module that may make one
(`may_request`) is marked while it is screened and read again once the run knows its project
(`requests_of`, with `ast`: no libcst), so that ML102 configures the client only where the
provider serves each of them (`RunFacts.module_requests`).
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import FormatError
from migrate_llm.formats.notebook import read_notebook
from migrate_llm.notebook_code import build
from migrate_llm.textio import UnreadableFile, python_parsed, text_of


class ModuleRequest(NamedTuple):
    """A request through the module-level client on `surface` ("chat", "embeddings",
    "structured_outputs"...) in the module `module` (its file name as `PythonContext.path`
    gives it; `shown`: as messages show it), on `line` (0 in a notebook)."""

    surface: str
    module: str
    shown: str
    line: int


# the first names of the v1 client's resources (`chat`, `embeddings`, `beta`...)
_RESOURCES = sorted({path[0] for path, _ in sdk.SURFACES})
# `openai.chat.` and the like (not `x.openai.chat.`), and an import of openai under another
# name. Two searches, each starting with its literal and looking behind it only where that is
# found: one pattern of both, or one starting with its look-behind, is tried at every byte
# (twenty times as long over LlamaIndex's notebooks).
_MAY_REQUEST = re.compile(
    rb"openai(?<![\w.]openai)\s*\.\s*(?:"
    + b"|".join(re.escape(name.encode()) for name in _RESOURCES)
    + rb")\s*\."
)
_IMPORTED_AS = re.compile(rb"import(?<!\wimport)[ \t]+openai[ \t]+as\b")


def may_request(data: bytes) -> bool:
    """Whether a module's bytes may make a request through the module-level client."""
    return _MAY_REQUEST.search(data) is not None or _IMPORTED_AS.search(data) is not None


def surfaces_of(path: list[str]) -> tuple[str, ...]:
    """The surfaces a request by the resource path `path` (after the module, with its method:
    `["chat", "completions", "create"]`) is made on: its resource's (or its method's own),
    and structured outputs for the parse helpers; () for no request."""
    path = [p for p in path if p not in sdk.RESPONSE_WRAPPERS]
    own = sdk.METHOD_SURFACES.get(tuple(path))
    if own is not None:
        return (own,)
    for prefix, surface in sdk.SURFACES:
        if len(path) > len(prefix) and tuple(path[: len(prefix)]) == prefix:
            if (surface, path[-1]) in sdk.STRUCTURED_HELPERS:
                return surface, sdk.STRUCTURED_OUTPUTS
            return (surface,)
    return ()


def requests_of(module: str, shown: str, data: bytes) -> list[ModuleRequest]:
    """The requests through the module-level client that a module's (or notebook's) bytes
    make or hand on uncalled: a dotted path from a name only `import openai [as x]` binds.
    [] where it cannot be parsed (its own examination says so)."""
    notebook = module.endswith(".ipynb")
    if not notebook:
        read = python_parsed(data)  # the screening's tree of it
        tree = None if read is None else read[1]
    else:
        try:
            tree = ast.parse(build(read_notebook(text_of(data, False))).text)
        except (UnreadableFile, FormatError, SyntaxError, ValueError, RecursionError, MemoryError):
            tree = None
    if tree is None:
        return []
    imported: set[str] = set()
    other: set[str] = set()
    inner: set[int] = set()  # the attributes that are part of a longer one
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "openai":
                    imported.add(alias.asname or "openai")
        elif isinstance(node, ast.ImportFrom) or (
            isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)
        ):
            other.update(_bound(node))
        elif isinstance(node, ast.arg):
            other.add(node.arg)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            inner.add(id(node.value))
    names = imported - other
    found: list[ModuleRequest] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or id(node) in inner:
            continue
        path: list[str] = []
        value: ast.expr = node
        while isinstance(value, ast.Attribute):
            path.insert(0, value.attr)
            value = value.value
        if isinstance(value, ast.Name) and value.id in names:
            line = 0 if notebook else node.lineno
            found += [ModuleRequest(s, module, shown, line) for s in surfaces_of(path)]
    return found


def _bound(node: ast.AST) -> set[str]:
    """The names a `from` import or an assignment target binds."""
    if isinstance(node, ast.ImportFrom):
        return {alias.asname or alias.name for alias in node.names}
    if isinstance(node, ast.Name):
        return {node.id}
    return set()
