"""The `Literal[...]` type of a field whose default is a model (`model: LLM_Model =
Field(default="gpt-3.5-turbo")`, `LLM_Model = Literal["gpt-3.5-turbo", "gpt-4"]`): pydantic
refuses a default the Literal lacks at validation (t53l D2, AgentGPT's ModelSettings)."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.passed_values import field_default
from migrate_llm.rules.python_context import PythonContext, last_name, string_value


@dataclass(frozen=True)
class LiteralType:
    """A field's Literal type: how the annotation names it, its node and its strings."""

    shown: str
    node: cst.Subscript
    values: tuple[str | None, ...]


def field_literal(ctx: PythonContext, node: cst.CSTNode) -> LiteralType | None:
    """The Literal type of the class field whose default is `node`, written in the
    annotation or through a module-level alias; None elsewhere."""
    parents = ctx.ancestors(node)
    for parent in reversed(parents):
        if isinstance(parent, cst.AnnAssign):
            if parent.value is None or field_default(parent.value) is not node:
                return None
            return _literal(ctx, parent.annotation.annotation)
        if not isinstance(parent, (cst.Arg, cst.Call)):
            return None
    return None


def _literal(ctx: PythonContext, annotation: cst.BaseExpression) -> LiteralType | None:
    shown = ctx.code(annotation)
    if isinstance(annotation, cst.Name):
        bound = ctx.bound_value(annotation) or _module_alias(ctx.module, annotation.value)
        annotation = bound if bound is not None else annotation
    if not isinstance(annotation, cst.Subscript) or last_name(annotation.value) != "Literal":
        return None
    values = tuple(
        string_value(e.slice.value) if isinstance(e.slice, cst.Index) else None
        for e in annotation.slice
    )
    return LiteralType(shown, annotation, values)


def _module_alias(module: cst.Module, name: str) -> cst.BaseExpression | None:
    """The value of the one top-level `name = ...` of a module (a type alias)."""
    found = [
        small.value
        for line in module.body
        if isinstance(line, cst.SimpleStatementLine)
        for small in line.body
        if isinstance(small, cst.Assign)
        and any(isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets)
    ]
    return found[0] if len(found) == 1 else None
