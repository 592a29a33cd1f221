"""The string values of an `Enum` class the module defines or imports from its project, for
ML401's names built in a loop over it (gpt-pilot's `for provider in LLMProvider:` with
`f"{provider.value.upper()}_API_KEY"`, its `LLMProvider` in `core/config/__init__.py`)."""

from __future__ import annotations

import ast
import os
from typing import NamedTuple, cast

import libcst as cst

from migrate_llm.reread import module_text
from migrate_llm.rules.filled_callees import defining_file
from migrate_llm.rules.project_calls import from_import
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import MODULE_LIMIT

# the bases making a class an enumeration, and those whose members are strings themselves
_ENUMS = frozenset({"Enum", "StrEnum"})
_STRINGS = frozenset({"str", "StrEnum"})
# how many directories up an absolute import's module is looked for
_UP = 6


class EnumValues(NamedTuple):
    """The values of an enum's members (only where all are string literals); `strings`:
    whether a member is a `str` itself (`class P(str, Enum)`, `StrEnum`)."""

    values: list[str]
    strings: bool


def enum_values(ctx: PythonContext, name: cst.Name) -> EnumValues | None:
    """The values of the enum class `name` refers to: one the module defines at its top level,
    or one imported by `from M import N` from a module of its project; None otherwise."""
    imported = from_import(ctx, name)
    if imported is None:
        classes = ctx.analyses.get(_top_classes)
        if classes is None:
            classes = ctx.analyses[_top_classes] = _top_classes(ctx.text)
        return _class_values(cast("dict[str, ast.ClassDef]", classes), name.value)
    if not ctx.path:
        return None
    dots, module, original = imported
    path = _defining(os.path.dirname(os.path.abspath(ctx.path)), dots, module, original)
    return _class_values(_top_classes(module_text(path, MODULE_LIMIT)), original) if path else None


def _defining(directory: str, dots: str, module: str, name: str) -> str | None:
    """The file defining `name` of the module a file in `directory` imports; an absolute
    import also from a directory above, up to the repository's top (gpt-pilot's `core` is a
    namespace package: `from core.config import LLMProvider` in `core/config/env_importer.py`)."""
    here = directory
    for _ in range(_UP):
        found = defining_file(here, dots + module, name)
        parent = os.path.dirname(here)
        if found or dots or parent == here or os.path.exists(os.path.join(here, ".git")):
            return found
        here = parent
    return None


def _top_classes(text: str) -> dict[str, ast.ClassDef]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def _class_values(classes: dict[str, ast.ClassDef], name: str) -> EnumValues | None:
    klass = classes.get(name)
    if klass is None:
        return None
    bases = {_base_name(b) for b in klass.bases}
    if not bases & _ENUMS:
        return None
    values = []
    for node in klass.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            if not isinstance(node.value, ast.Constant) or not isinstance(node.value.value, str):
                return None
            values.append(node.value.value)
    return EnumValues(values, bool(bases & _STRINGS)) if values else None


def _base_name(base: ast.expr) -> str:
    """`Enum` for `Enum` and `enum.Enum`."""
    if isinstance(base, ast.Attribute):
        return base.attr
    return base.id if isinstance(base, ast.Name) else ""
