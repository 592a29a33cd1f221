"""Where a module adds the fields of a streamed delta to a dict it built, by key (swarm's
`merge_fields`: `for key, value in delta.items(): target[key] += value`).

A model that thinks sends `reasoning_content` in each delta, a field OpenAI's models never
sent: `target["reasoning_content"] += value` then raises KeyError unless the dict was built
with that key. ML118 reports a streamed request of such a module that goes to one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.passed_values import parameter_calls
from migrate_llm.rules.python_context import PythonContext, string_value

_DEPTH = 4  # names followed through assignments and the parameters of the module's functions
_FIELD = "reasoning_content"


class Merge(NamedTuple):
    """`d[k] += v` over a streamed delta's fields, and the dict `d` may be (built without a
    `"reasoning_content"` entry)."""

    add: cst.AugAssign
    built: cst.BaseExpression


def delta_merge(ctx: PythonContext) -> Merge | None:
    """The first `d[k] += v` of the module inside a loop `for k, v in E.items()` over the
    fields of a streamed delta (`E` holds `.delta`: `chunk.choices[0].delta.model_dump()`,
    `json.loads(chunk.choices[0].delta.json())`, also through names and what the module's
    calls pass for a parameter), where `d` may be a dict the program built without a
    `"reasoning_content"` entry (a dict display or `dict(...)` it is bound to, or the module's
    calls pass for it, where the code does not set the key on it later); None where there is
    none (computed once)."""
    if not ctx.mentions("items"):
        return None
    if delta_merge not in ctx.analyses:
        ctx.analyses[delta_merge] = _first_merge(ctx)
    return ctx.analyses[delta_merge]  # type: ignore[return-value]


def _first_merge(ctx: PythonContext) -> Merge | None:
    for node in ctx.nodes:
        if not isinstance(node, cst.For):
            continue
        fields = _items_of(node)
        if fields is None or _from_delta(ctx, fields[1], _DEPTH) is None:
            continue
        start = ctx.index_of(node.body)
        for inner in ctx.nodes[start : ctx.ends[start]]:
            if (
                isinstance(inner, cst.AugAssign)
                and isinstance(inner.operator, cst.AddAssign)
                and isinstance(inner.target, cst.Subscript)
                and _keyed_by(inner.target, fields[0])
                and (built := _built_without_field(ctx, inner.target.value, _DEPTH)) is not None
            ):
                return Merge(inner, built)
    return None


def _items_of(loop: cst.For) -> tuple[str, cst.BaseExpression] | None:
    """(the key's name, the mapping) of `for k, v in mapping.items()`."""
    target, source = loop.target, loop.iter
    if not (
        isinstance(target, cst.Tuple)
        and len(target.elements) == 2
        and isinstance(key := target.elements[0].value, cst.Name)
        and isinstance(source, cst.Call)
        and not source.args
        and isinstance(source.func, cst.Attribute)
        and source.func.attr.value == "items"
    ):
        return None
    return key.value, source.func.value


def _keyed_by(target: cst.Subscript, key: str) -> bool:
    """Whether `target` is `d[key]`."""
    return (
        len(target.slice) == 1
        and isinstance(index := target.slice[0].slice, cst.Index)
        and isinstance(index.value, cst.Name)
        and index.value.value == key
    )


def _from_delta(
    ctx: PythonContext, expr: cst.BaseExpression, depth: int
) -> cst.BaseExpression | None:
    """`expr` where it holds a streamed delta: it reads `.delta`, or a name in it is bound to
    a value that does, or is a parameter some call of the module passes such a value."""
    start = ctx.index_of(expr)
    within = ctx.nodes[start : ctx.ends[start]]
    if any(isinstance(n, cst.Attribute) and n.attr.value == "delta" for n in within):
        return expr
    if depth == 0:
        return None
    names = [n for n in within if isinstance(n, cst.Name)]
    return next((v for n in names if (v := _some_value(ctx, n, depth, _from_delta))), None)


def _built_without_field(
    ctx: PythonContext, expr: cst.BaseExpression, depth: int
) -> cst.BaseExpression | None:
    """The dict the program built without a `"reasoning_content"` entry that `expr` may
    be: a dict display (no `**` in it) or `dict(k=...)`, written there or as the value of a
    name or a parameter (what the module's calls pass)."""
    if isinstance(expr, cst.Dict):
        keys = []
        for element in expr.elements:
            if not isinstance(element, cst.DictElement):
                return None  # `{**base, ...}`: it may hold one
            keys.append(string_value(element.key))
        return expr if _FIELD not in keys else None
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "dict":
        if any(a.keyword is None or a.keyword.value == _FIELD for a in expr.args):
            return None  # `dict(base)`, `dict(**base)`: it may hold one
        return expr
    if depth == 0 or not isinstance(expr, cst.Name) or _sets_field(ctx, expr):
        return None
    return _some_value(ctx, expr, depth, _built_without_field)


def _sets_field(ctx: PythonContext, name: cst.Name) -> bool:
    """Whether the code names `"reasoning_content"` on a dict `name` is bound to:
    `d["reasoning_content"] = ""`, `d.setdefault("reasoning_content", "")`."""
    for binding in ctx.bindings(name):
        for reference in getattr(binding, "references", ()):
            parents = ctx.ancestors(reference.node)
            parent = parents[-1] if parents else None
            if isinstance(parent, cst.Subscript) and parent.value is reference.node:
                key = parent.slice[0].slice if len(parent.slice) == 1 else None
                if isinstance(key, cst.Index) and string_value(key.value) == _FIELD:
                    return True
            elif isinstance(parent, cst.Attribute) and parent.attr.value == "setdefault":
                call = parents[-2] if len(parents) > 1 else None
                if (
                    isinstance(call, cst.Call)
                    and call.args
                    and string_value(call.args[0].value) == _FIELD
                ):
                    return True
    return False


def _some_value(
    ctx: PythonContext,
    name: cst.Name,
    depth: int,
    check: Callable[[PythonContext, cst.BaseExpression, int], cst.BaseExpression | None],
) -> cst.BaseExpression | None:
    """What `check` finds in the first value `name` may be bound to where it finds one: an
    assignment's, or what a call of the module's function passes for the parameter it is."""
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment):
            continue
        if isinstance(binding.node, cst.Param):
            values = [v for _, v in parameter_calls(ctx, name) or [] if v is not None]
        else:
            value = ctx.index.assigned.get(id(binding.node))
            values = [value] if value is not None else []
        for value in values:
            found = check(ctx, value, depth - 1)
            if found is not None:
                return found
    return None
