"""A module's uses of a package that runs on openai<1 only
(`frameworks.pins.OPENAI_V0_LIBRARIES`: GPTCache's OpenAI adapter and embeddings), whose
requests go with openai<1's module settings (`openai.api_key`, `openai.api_base`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm.frameworks.pins import OPENAI_V0_LIBRARIES, OpenAIV0Library
from migrate_llm.rules.python_context import PythonContext


@dataclass(frozen=True)
class V0LibraryUse:
    """An import reaching one of the library's OpenAI parts (`from gptcache.adapter import
    openai`), a construction of its embeddings class (`OpenAI()`) or a call setting
    `openai.api_key` from OPENAI_API_KEY (`cache.set_openai_key()`)."""

    node: cst.CSTNode
    name: str  # the qualified name used: `gptcache.adapter.openai`
    package: str
    kind: Literal["import", "embeddings", "key"]


def _imported(node: cst.Import | cst.ImportFrom) -> list[str]:
    """The dotted paths an import reaches (`gptcache.adapter.openai`)."""
    if isinstance(node, cst.Import):
        return [get_full_name_for_node(alias.name) or "" for alias in node.names]
    if node.relative or node.module is None:
        return []
    module = get_full_name_for_node(node.module) or ""
    if isinstance(node.names, cst.ImportStar):
        return [module]
    return [f"{module}.{get_full_name_for_node(alias.name)}" for alias in node.names]


def _reaches(path: str, library: OpenAIV0Library) -> str | None:
    """The part of `library` the dotted `path` is or lies in; None for another."""
    for use in sorted(library.uses):
        if path == use or path.startswith(f"{use}."):
            return use
    return None


def v0_library_uses(ctx: PythonContext) -> tuple[V0LibraryUse, ...]:
    """The module's uses of `OPENAI_V0_LIBRARIES`, in the order of the text."""
    memo = ctx.analyses.get(v0_library_uses)
    if memo is None:
        memo = ctx.analyses[v0_library_uses] = tuple(_uses(ctx))
    return memo  # type: ignore[return-value]


def _uses(ctx: PythonContext) -> list[V0LibraryUse]:
    found: list[V0LibraryUse] = []
    libraries = [(n, lib) for n, lib in OPENAI_V0_LIBRARIES.items() if ctx.mentions(n)]
    if not libraries:
        return found
    for node in ctx.nodes:
        if type(node) is cst.Import or type(node) is cst.ImportFrom:
            for package, library in libraries:
                for path in _imported(node):
                    part = _reaches(path, library)
                    if part is not None:
                        found.append(V0LibraryUse(node, part, package, "import"))
                        break
        elif type(node) is cst.Call:
            names = ctx.qualnames(node.func)
            if not names:
                continue
            for package, library in libraries:
                if hit := sorted(names & library.key_setters):
                    found.append(V0LibraryUse(node, hit[0], package, "key"))
                elif hit := sorted(names & library.embeddings):
                    found.append(V0LibraryUse(node, hit[0], package, "embeddings"))
    return found


def v0_library(ctx: PythonContext) -> str | None:
    """The first part of a package running on openai<1 only that the module uses
    (`gptcache.adapter.openai`); None where it uses none."""
    uses = v0_library_uses(ctx)
    return uses[0].name if uses else None


def v0_library_reason(ctx: PythonContext) -> str | None:
    """Why the module runs on openai<1 through such a package, in words; None elsewhere, and
    in a module that also calls openai<1's API itself (`from gptcache.adapter import openai`
    after `import openai` and its calls, as GPTCache's examples do): apply still moves those
    calls to the v1 client there, and ML670 keeps `check` red."""
    name = v0_library(ctx)
    if name is None or ctx.index.legacy_calls:
        return None
    return f"the module uses {name}, which runs on openai<1 only (frameworks/pins.py)"
