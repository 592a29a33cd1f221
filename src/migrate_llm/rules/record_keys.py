"""A model id that names a record of a table of records (ML204 leaves it; trial t63d).

llmware's model catalog is a list of dicts, one per model, each named by `"model_name":
"gpt-4o"`, and looked up by that name (`if card["model_name"] == name`). Mapped, the callers'
lookups by the OpenAI name found nothing (`load_model("gpt-4o")` raised), and records whose
models map to one provider model (`gpt-4o` and `gpt-4.1` to `deepseek-v4-pro`) shared one name:
a lookup found the first only. So an entry of a record among several, in a list, tuple or
dict display, is left to a person where another record's entry under the same key maps to the
same model, or where the module compares that key's value (`card["model_name"] == name`,
`card.get("model_name") in names`): the table's name is a lookup key there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, string_value


@dataclass(frozen=True)
class RecordKey:
    """Why a record's model id is left: the table (its first line), the key, a comparison of
    that key's value in the module (its code and line) and another record's model mapping to
    the same (its model and line), whichever were found."""

    table_line: int
    key: str
    lookup: tuple[str, int] | None
    twin: tuple[str, int] | None


def record_key(
    ctx: PythonContext,
    node: cst.CSTNode,
    new: str,
    mapped: Callable[[str, cst.CSTNode], str | None],
) -> RecordKey | None:
    """For the model string `node`, the value of an entry of a dict display that is one of
    several records of a list, tuple or dict display: why mapping it to `new` would break the
    table's lookups (`RecordKey`), or None. `mapped` gives another record's model (and its
    node) what apply maps it to (None: it is left, the model for images lacking)."""
    parents = ctx.ancestors(node)
    if len(parents) < 4:
        return None
    element, record, holder = parents[-1], parents[-2], parents[-3]
    if not (isinstance(element, cst.DictElement) and element.value is node):
        return None
    key = string_value(element.key)
    if key is None or not isinstance(record, cst.Dict):
        return None
    table = parents[-4]
    if isinstance(holder, cst.Element) and isinstance(table, cst.List | cst.Tuple):
        records = [e.value for e in table.elements]
    elif isinstance(holder, cst.DictElement) and isinstance(table, cst.Dict):
        records = [e.value for e in table.elements if isinstance(e, cst.DictElement)]
    else:
        return None
    names = [n for r in records if isinstance(r, cst.Dict) and (n := _named(r, key)) is not None]
    if len(names) < 2:
        return None  # a table holds several records named under the key
    model = cast(str, string_value(node))
    twin = next(
        (
            (other, ctx.position(at)[0][0])
            for other, at in names
            if at is not node and other != model and mapped(other, at) == new
        ),
        None,
    )
    lookup = _lookup(ctx, key)
    if twin is None and lookup is None:
        return None
    return RecordKey(ctx.position(table)[0][0], key, lookup, twin)


def _named(record: cst.Dict, key: str) -> tuple[str, cst.CSTNode] | None:
    """The string a record holds under `key`, with its node."""
    for element in record.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == key:
            value = string_value(element.value)
            return (value, element.value) if value is not None else None
    return None


def _lookup(ctx: PythonContext, key: str) -> tuple[str, int] | None:
    """The first comparison of the module testing a value read under `key` (`x[key] == name`,
    `x.get(key) in names`), with its line."""
    found = ctx.analyses.setdefault(_lookup, {})
    assert isinstance(found, dict)
    if key not in found:
        found[key] = next(
            (
                (" ".join(ctx.code(n).split()), ctx.position(n)[0][0])
                for n in ctx.nodes
                if type(n) is cst.Comparison
                and any(
                    _reads(side, key) for side in (n.left, *(c.comparator for c in n.comparisons))
                )
            ),
            None,
        )
    return cast("tuple[str, int] | None", found[key])


def _reads(expr: cst.BaseExpression, key: str) -> bool:
    """Whether `expr` reads the entry `key` of a mapping: `x["key"]`, `x.get("key")`."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        return isinstance(index, cst.Index) and string_value(index.value) == key
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and bool(expr.args)
        and string_value(expr.args[0].value) == key
    )
