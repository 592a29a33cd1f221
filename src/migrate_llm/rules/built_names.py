"""Variable names an f-string builds from a loop over literal strings, for ML401.

gpt-pilot's legacy-.env importer reads each service's key as `values.get(f"{p.upper()}_API_KEY")`
for `p` in a list of services, one of them `"openai"`: the f-string names `OPENAI_API_KEY` on
that pass. Only a loop (`for`, or a comprehension) over a literal list, tuple or set of strings
is followed, with the loop's name put in alone or as `.upper()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst

from migrate_llm.rules.python_context import ENV_NAME, string_value

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


class BuiltName(NamedTuple):
    """A name the f-string gives on one pass: the name, the loop's value then, the loop."""

    name: str
    value: str
    loop: cst.CSTNode


def built_names(
    node: cst.FormattedString, parent: Callable[[cst.CSTNode], cst.CSTNode | None]
) -> list[BuiltName]:
    """The variable names (`ENV_NAME`) `node` gives on the passes of the loop binding the one
    name it puts in; [] where it is not such an f-string or no such loop holds it."""
    expressions = [p for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
    if len(expressions) != 1 or expressions[0].format_spec or expressions[0].conversion:
        return []
    put = _put_name(expressions[0].expression)
    if put is None:
        return []
    loop_name, upper = put
    found = _loop_values(node, loop_name, parent)
    if found is None:
        return []
    loop, values = found
    names = []
    for value in values:
        text = "".join(
            p.value
            if isinstance(p, cst.FormattedStringText)
            else (value.upper() if upper else value)
            for p in node.parts
        )
        if ENV_NAME.match(text):
            names.append(BuiltName(text, value, loop))
    return names


def _put_name(expr: cst.BaseExpression) -> tuple[str, bool] | None:
    """(the name an f-string puts in, whether as `.upper()`)."""
    if isinstance(expr, cst.Name):
        return expr.value, False
    if (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "upper"
        and isinstance(expr.func.value, cst.Name)
    ):
        return expr.func.value.value, True
    return None


def _loop_values(
    node: cst.CSTNode, name: str, parent: Callable[[cst.CSTNode], cst.CSTNode | None]
) -> tuple[cst.CSTNode, list[str]] | None:
    """The innermost loop holding `node` that binds `name` (a `for` whose body holds it, a
    comprehension whose result does), with the strings it goes over; None where that loop
    goes over anything else, or none binds it before a function or class."""
    child: cst.CSTNode = node
    holder = parent(node)
    while holder is not None and not isinstance(holder, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(holder, cst.For) and child is holder.body:
            if _is_name(holder.target, name):
                return _strings(holder, holder.iter)
        elif isinstance(holder, _COMPREHENSIONS) and child is not holder.for_in:
            comp: cst.CompFor | None = holder.for_in
            while comp is not None:
                if _is_name(comp.target, name):
                    return _strings(holder, comp.iter)
                comp = comp.inner_for_in
        child, holder = holder, parent(holder)
    return None


def _is_name(target: cst.BaseExpression, name: str) -> bool:
    return isinstance(target, cst.Name) and target.value == name


def _strings(loop: cst.CSTNode, items: cst.BaseExpression) -> tuple[cst.CSTNode, list[str]] | None:
    if not isinstance(items, (cst.List, cst.Tuple, cst.Set)):
        return None
    values = [string_value(e.value) if isinstance(e, cst.Element) else None for e in items.elements]
    if not values or any(v is None for v in values):
        return None
    return loop, [v for v in values if v is not None]
