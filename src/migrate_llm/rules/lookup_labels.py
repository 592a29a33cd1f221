"""An OpenAI model id passed to a function that only looks it up in a table keyed by such
ids: a label of the program's, not a model it sends (ML205).

PentestGPT's `dynamic_import(module_name, ...)` tests `module_name in module_mapping`, reads
`module_mapping[module_name]` (a config class, whose own `model` is sent) and prints it, and
falls back with `dynamic_import("gpt-3.5-turbo-16k", log_dir)`. ML205 said to change that
string by hand; changed alone, it is no key of the table, and the fallback calls itself
forever (t52i, defect 5). The string and the table's key name the same entry, so they change
together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment, GlobalScope

from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.python_context import PythonContext, string_value


class LookupLabel(NamedTuple):
    """`function` looks its parameter up in `table` (bound on `line`), keyed by the label
    passed to it, shows it in a message (`shown`), and does nothing else with it (`only`)."""

    function: str
    table: str
    line: int
    shown: bool
    only: bool


def looked_up_only(
    ctx: PythonContext,
    call: cst.Call,
    arg: cst.Arg,
    label: str,
    message: Callable[[cst.Call], bool],
) -> LookupLabel | None:
    """Where `call` is to a function of the module whose parameter for `arg` is read as the
    key of lookups in one table of the module's top level that has `label` as a key (`T[p]`,
    `T.get(p)`, `p in T`, `p not in T`): that table and function, and whether it reads the
    parameter only so and in messages (`message`: a `print()` or log call, also inside a
    `+` or an f-string there)."""
    found = parameter_for(ctx, call, arg)
    if found is None:
        return None
    function, param = found
    bindings = ctx.bindings(param.name)
    if len(bindings) != 1:
        return None
    reads = [
        access.node
        for binding in bindings
        if isinstance(binding, Assignment) and binding.node is param
        for access in binding.references
    ]
    tables: set[str] = set()
    shown, only = False, True
    for read in reads:
        if _in_message(ctx, read, message):
            shown = True
            continue
        table = _looked_up_in(ctx, read)
        if table is None:
            only = False
        else:
            tables.add(table)
    if len(tables) != 1:
        return None
    name = tables.pop()
    line = _table_line(ctx, function, name, label)
    if line is None:
        return None
    return LookupLabel(function.name.value, name, line, shown, only)


def _looked_up_in(ctx: PythonContext, read: cst.CSTNode) -> str | None:
    """The name of the table `read` is the key of a lookup in: `T[read]` (read as a value),
    `T.get(read)` (without a default), `read in T`, `read not in T`."""
    above = ctx.ancestors(read)
    parent = above[-1] if above else None
    outer = above[-2] if len(above) >= 2 else None
    if isinstance(parent, cst.Index) and isinstance(outer, cst.SubscriptElement):
        subscript = above[-3] if len(above) >= 3 else None
        holder = above[-4] if len(above) >= 4 else None
        stored = isinstance(holder, (cst.AssignTarget, cst.AugAssign, cst.Del))
        if isinstance(subscript, cst.Subscript) and len(subscript.slice) == 1 and not stored:
            return _name(subscript.value)
    if (
        isinstance(parent, cst.Arg)
        and not parent.keyword
        and not parent.star
        and isinstance(outer, cst.Call)
        and len(outer.args) == 1
        and isinstance(outer.func, cst.Attribute)
        and outer.func.attr.value == "get"
    ):
        return _name(outer.func.value)
    if isinstance(parent, cst.Comparison) and parent.left is read and len(parent.comparisons) == 1:
        target = parent.comparisons[0]
        if isinstance(target.operator, (cst.In, cst.NotIn)):
            return _name(target.comparator)
    return None


def _in_message(ctx: PythonContext, read: cst.CSTNode, message: Callable[[cst.Call], bool]) -> bool:
    """Whether `read` is an argument of a message call (`message`), as it is or inside a
    `+` or an f-string given there."""
    node = read
    for parent in reversed(ctx.ancestors(read)):
        if isinstance(parent, cst.Arg) and parent.value is node and not parent.keyword:
            call = ctx.ancestors(parent)
            return bool(call) and isinstance(call[-1], cst.Call) and message(call[-1])
        if not isinstance(
            parent,
            (
                cst.BinaryOperation,
                cst.FormattedStringExpression,
                cst.FormattedString,
                cst.ConcatenatedString,
            ),
        ):
            return False
        node = parent
    return False


def _table_line(ctx: PythonContext, function: cst.FunctionDef, name: str, label: str) -> int | None:
    """The line of the dict display the module's top level binds `name` to, once, with
    `label` among its string keys, as `function` sees it; None where there is none."""
    outer = ctx.scope(function)
    while outer is not None and not isinstance(outer, GlobalScope):
        outer = outer.parent if outer.parent is not outer else None
    if outer is None or name not in outer:
        return None
    bindings = list(outer[name])
    if len(bindings) != 1 or not isinstance(bindings[0], Assignment):
        return None
    value = ctx.index.assigned.get(id(bindings[0].node))
    if not isinstance(value, cst.Dict):
        return None
    keys = {string_value(e.key) for e in value.elements if isinstance(e, cst.DictElement)}
    return ctx.position(value)[0][0] if label in keys else None


def _name(node: cst.BaseExpression) -> str | None:
    return node.value if isinstance(node, cst.Name) else None
