"""ML117's assistant turns rebuilt from the program's own records: a loop over the history
the program keeps (vanna's `for m in request.messages`) that writes each record back in the
API's form, its tool calls read from the record (`m.tool_calls`), its role too (`"role":
m.role`). The record is the program's, not the reply: it holds no reasoning the reply gave
unless the program kept it."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.tool_turn_builders import plain, reply_of

_ROLE = "role"
# what a loop over a reply's choices iterates: its items are reply parts, not records
_REPLY_PARTS = frozenset({"choices"})


def record_role(expr: cst.BaseExpression) -> bool:
    """Whether a turn's role is copied from a record: `m.role`, `m["role"]`, `m.get("role")`
    on a name or attribute chain, not `self.role` (a record class's own `to_dict`, whose
    turns ML117 reports where a call builds them from a reply: `built_turn`)."""
    if isinstance(expr, cst.Attribute):
        owner = expr.value
        if isinstance(owner, cst.Name) and owner.value in ("self", "cls"):
            return False
        return expr.attr.value == _ROLE and plain(owner)
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        return (
            isinstance(index, cst.Index)
            and string_value(index.value) == _ROLE
            and plain(expr.value)
        )
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and bool(expr.args)
        and string_value(expr.args[0].value) == _ROLE
        and plain(expr.func.value)
    )


def kept_record(
    ctx: PythonContext, calls: cst.BaseExpression, parameters: bool = False
) -> tuple[cst.Name, bool] | None:
    """The record of the program's history a turn's tool calls are rebuilt from, and whether
    it is a parameter: the loop variable of a `for` over the history (not over a reply's
    `choices`), or with `parameters` a parameter of the function (a converter given each
    record), whose tool calls (`m.tool_calls`, `m["tool_calls"]`) the value reads, in a
    comprehension over them, given to a helper (`convert(m.tool_calls)`), or through a name
    a loop over them appends to (`for tc in m.tool_calls: payload.append({...})`); None for
    anything else (a reply of a request)."""
    source = _source(ctx, calls)
    if not isinstance(source, cst.Name):
        return None
    bound = ctx.bindings(source)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    target = bound[0].node
    if isinstance(target, cst.Param):
        return (source, True) if parameters else None
    if not isinstance(target, cst.Name):
        return None
    parents = ctx.ancestors(target)
    loop = parents[-1] if parents else None
    if not isinstance(loop, (cst.For, cst.CompFor)) or loop.target is not target:
        return None
    iterated = loop.iter
    if isinstance(iterated, cst.Attribute) and iterated.attr.value in _REPLY_PARTS:
        return None
    return source, False


def _source(ctx: PythonContext, calls: cst.BaseExpression) -> cst.BaseExpression | None:
    """What the tool calls `calls` are read from (`reply_of`), also through a helper given
    them and a name appended to in a loop over them."""
    read = reply_of(calls)
    if read is not None:
        return read[0]
    if isinstance(calls, cst.Call):
        for arg in calls.args:
            read = reply_of(arg.value)
            if read is not None:
                return read[0]
        return None
    if not isinstance(calls, cst.Name):
        return None
    return _appended_from(ctx, calls)


def _appended_from(ctx: PythonContext, name: cst.Name) -> cst.BaseExpression | None:
    """The source of the tool calls a loop appends to `name` (`for tc in m.tool_calls:
    name.append(...)`), the name bound once in the function to an empty list; else None."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    value = ctx.index.assigned.get(id(bound[0].node))
    if not isinstance(value, cst.List) or value.elements:
        return None
    home = next(
        (p for p in reversed(ctx.ancestors(name)) if isinstance(p, cst.FunctionDef)), ctx.module
    )
    found: list[cst.BaseExpression] = []

    class Appends(cst.CSTVisitor):
        def visit_For(self, node: cst.For) -> None:
            read = reply_of(node.iter)
            if read is not None and _appends(node.body, name.value):
                found.append(read[0])

    home.visit(Appends())
    return found[0] if len({ctx.code(f) for f in found}) == 1 else None


def _appends(block: cst.BaseSuite, name: str) -> bool:
    """Whether `block` calls `name.append(...)`."""
    seen = False

    class Finds(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            nonlocal seen
            func = node.func
            seen = seen or (
                isinstance(func, cst.Attribute)
                and func.attr.value == "append"
                and isinstance(func.value, cst.Name)
                and func.value.value == name
            )

    block.visit(Finds())
    return seen
