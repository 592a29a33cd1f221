"""Variable names built from a loop over literal strings or an enum's members, for ML401.

gpt-pilot's legacy-.env importer reads each service's key as
`values.get(f"{provider.value.upper()}_API_KEY")` for `provider` in its `LLMProvider` enum,
one of whose values is `"openai"`: the name is `OPENAI_API_KEY` on that pass. Followed: an
f-string, or strings joined with `+`, putting in the loop's name once (alone, as `.upper()`,
`.value` or `.value.upper()`), in a loop (`for`, or a comprehension) over a literal list, tuple
or set of strings, the keys of a literal dict, or the members of an `Enum` class whose values
are all string literals (`enum_members`: the module's own, or one imported from its project).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst

from migrate_llm.rules.enum_members import EnumValues
from migrate_llm.rules.python_context import ENV_NAME, string_value

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)

# what a loop's name refers to: the enum class's values (`enum_members.enum_values`)
EnumLookup = Callable[[cst.Name], EnumValues | None]


class BuiltName(NamedTuple):
    """A name the expression gives on one pass: the name, the loop's value then, the loop."""

    name: str
    value: str
    loop: cst.CSTNode


class _Put(NamedTuple):
    """The loop's name an expression puts in, and how: `.value` of it, then `.upper()`."""

    name: str
    value: bool
    upper: bool


def built_names(
    node: cst.FormattedString | cst.BinaryOperation,
    parent: Callable[[cst.CSTNode], cst.CSTNode | None],
    enums: EnumLookup | None = None,
) -> list[BuiltName]:
    """The variable names (`ENV_NAME`) `node` gives on the passes of the loop binding the one
    name it puts in; [] where it is not such an expression or no such loop holds it."""
    parts = _parts(node)
    expressions = [p for p in parts or () if not isinstance(p, str)]
    if parts is None or len(expressions) != 1:
        return []
    if not any("_" in p for p in parts if isinstance(p, str)):
        return []  # no `_API_KEY` and the like: the cheap test first
    put = _put_name(expressions[0])
    if put is None:
        return []
    found = _loop_values(node, put, parent, enums)
    if found is None:
        return []
    loop, values = found
    names = []
    for value in values:
        text = "".join(
            p if isinstance(p, str) else (value.upper() if put.upper else value) for p in parts
        )
        if ENV_NAME.match(text):
            names.append(BuiltName(text, value, loop))
    return names


def _parts(node: cst.BaseExpression) -> list[str | cst.BaseExpression] | None:
    """The texts and expressions `node` joins, in order: an f-string's parts (none with a
    format spec or conversion), or the operands of `a + b + ...` (literal strings as texts)."""
    if isinstance(node, cst.FormattedString):
        found: list[str | cst.BaseExpression] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                found.append(part.value)
            elif (
                not isinstance(part, cst.FormattedStringExpression)
                or part.format_spec
                or part.conversion
            ):
                return None
            else:
                found.append(part.expression)
        return found
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left, right = _parts(node.left), _parts(node.right)
        return None if left is None or right is None else [*left, *right]
    if isinstance(node, cst.FormattedString | cst.BinaryOperation):
        return None
    text = string_value(node)
    return [text] if text is not None else [node]


def _put_name(expr: str | cst.BaseExpression) -> _Put | None:
    """The loop's name an expression puts in (`p`, `p.upper()`, `p.value`, `p.value.upper()`)."""
    upper = False
    if (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "upper"
    ):
        upper, expr = True, expr.func.value
    value = isinstance(expr, cst.Attribute) and expr.attr.value == "value"
    if isinstance(expr, cst.Attribute) and value:
        expr = expr.value
    return _Put(expr.value, value, upper) if isinstance(expr, cst.Name) else None


def _loop_values(
    node: cst.CSTNode,
    put: _Put,
    parent: Callable[[cst.CSTNode], cst.CSTNode | None],
    enums: EnumLookup | None,
) -> tuple[cst.CSTNode, list[str]] | None:
    """The innermost loop holding `node` that binds the put name (a `for` whose body holds
    it, a comprehension whose result does), with the strings it goes over; None where that
    loop goes over anything else, or none binds it before a function or class."""
    child: cst.CSTNode = node
    holder = parent(node)
    while holder is not None and not isinstance(holder, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(holder, cst.For) and child is holder.body:
            if _is_name(holder.target, put.name):
                return _strings(holder, holder.iter, put, enums)
        elif isinstance(holder, _COMPREHENSIONS) and child is not holder.for_in:
            comp: cst.CompFor | None = holder.for_in
            while comp is not None:
                if _is_name(comp.target, put.name):
                    return _strings(holder, comp.iter, put, enums)
                comp = comp.inner_for_in
        child, holder = holder, parent(holder)
    return None


def _is_name(target: cst.BaseExpression, name: str) -> bool:
    return isinstance(target, cst.Name) and target.value == name


def _strings(
    loop: cst.CSTNode, items: cst.BaseExpression, put: _Put, enums: EnumLookup | None
) -> tuple[cst.CSTNode, list[str]] | None:
    """The strings a loop over `items` gives the put name, as it is put in: a literal list,
    tuple or set of strings, a literal dict's keys (neither with `.value`), or an enum's
    values (its members as they are only where they are strings: `class P(str, Enum)`)."""
    if isinstance(items, cst.Name):
        found = enums(items) if enums is not None else None
        if found is None or not (put.value or found.strings):
            return None
        return loop, found.values
    if put.value:
        return None
    if isinstance(items, cst.Dict):
        keys = [
            string_value(e.key) if isinstance(e, cst.DictElement) else None for e in items.elements
        ]
    elif isinstance(items, (cst.List, cst.Tuple, cst.Set)):
        keys = [
            string_value(e.value) if isinstance(e, cst.Element) else None for e in items.elements
        ]
    else:
        return None
    if not keys or any(k is None for k in keys):
        return None
    return loop, [k for k in keys if k is not None]
