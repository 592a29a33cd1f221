"""The `Literal[...]` type of a field whose default is a model (`model: LLM_Model =
Field(default="gpt-3.5-turbo")`, `LLM_Model = Literal["gpt-3.5-turbo", "gpt-4"]`): pydantic
refuses a default the Literal lacks at validation (t53l D2, AgentGPT's ModelSettings). Also
that of a parameter whose default is a model (`model: Literal["dall-e-2"] = "dall-e-2"`, t68a:
agentscope's image tool): mapped alone, the default falls outside its type (a type checker's
error), and what reads the signature still offers the old name (agentscope's Toolkit makes the
tool's JSON schema from it: `{"const": "dall-e-2", "default": "cogview-4"}`, so an agent
obeying the const sends dall-e-2). Apply widens no Literal (ML205 reports it), so it leaves
such a default, and says why (`parameter_literal_reason`; for a field or a parameter,
`literal_hold_reason`, which ML205 consults too: a comparison's advice never says such a
default becomes the provider's model)."""

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


def parameter_literal_reason(
    ctx: PythonContext, subject: str, node: cst.CSTNode, new: str
) -> str | None:
    """Why `subject`, the literal `node`, is left rather than mapped to `new`: it is the
    default of a parameter whose type is a `Literal[...]` without `new` (see the module's
    docstring); else None."""
    provider = ctx.rules.provider
    parents = ctx.ancestors(node)
    param = parents[-1] if parents else None
    if (
        provider is None
        or not isinstance(param, cst.Param)
        or param.default is not node
        or param.annotation is None
    ):
        return None
    literal = _literal(ctx, param.annotation.annotation)
    if literal is None or new in literal.values:
        return None
    return (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: the parameter's "
        f"type {literal.shown} is a Literal[...] without {new!r}, so the default would fall "
        "outside it, and what reads the signature (a type checker, a tool schema made from "
        f"it) would still name the OpenAI model; add {new!r} to that Literal (ML205), then "
        "change this default, by hand"
    )


def literal_hold_reason(
    ctx: PythonContext, subject: str, node: cst.CSTNode, new: str
) -> str | None:
    """Why ML204 leaves `subject`, the literal `node`, rather than mapping it to `new`: it is
    the default of a class field (pydantic would refuse it) or of a parameter
    (`parameter_literal_reason`) whose type is a `Literal[...]` without `new`; else None."""
    literal = field_literal(ctx, node)
    if literal is None:
        return parameter_literal_reason(ctx, subject, node, new)
    if new in literal.values:
        return None
    line = ctx.line_label(ctx.position(literal.node)[0][0])
    provider = ctx.rules.provider
    where = provider.name if provider is not None else "the provider"
    return (
        f"{subject} maps to {new!r} on {where}, but apply leaves it: the field's type "
        f"{literal.shown} ({line}) is a Literal[...] without {new!r}, which pydantic would "
        f"refuse; add {new!r} to that Literal (ML205), then change this default, by hand"
    )


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
    annotation = _without_none(annotation)
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


def _without_none(annotation: cst.BaseExpression) -> cst.BaseExpression:
    """The type an optional annotation allows beside None: `X` of `Optional[X]`, `X | None`,
    `Union[X, None]`; the annotation itself otherwise."""
    if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        sides = [annotation.left, annotation.right]
    elif isinstance(annotation, cst.Subscript) and last_name(annotation.value) in (
        "Optional",
        "Union",
    ):
        sides = [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    else:
        return annotation
    kept = [s for s in sides if not (isinstance(s, cst.Name) and s.value == "None")]
    return kept[0] if len(kept) == 1 else annotation


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
