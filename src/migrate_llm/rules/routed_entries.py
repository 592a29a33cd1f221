"""The entries of a table keyed by model whose requests go to the provider's URL (ML205).

gpt_academic's `model_info` keys its entries by model and gives each the endpoint its requests
go to (`"gpt-4o-mini": {"endpoint": openai_endpoint, ...}`). Once `openai_endpoint` is read
from the provider's base-URL variable (apply's edit, or a person following ML402), every
entry on it sends its key, an OpenAI model, to the provider, which does not serve it; an entry
added for a provider model beside them made the table look like one that serves both (t56f
G2). `provider_route` tells where an entry's URL is the provider's: certainly (every value the
module shows for it is), or by default (a name the program's settings may rebind, as
gpt_academic's `API_URL_REDIRECT` does).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.raw_http import url_kind


@dataclass(frozen=True)
class EntryRoute:
    """The provider's URL an entry holds: under `field` (`endpoint`), written `shown`
    (`openai_endpoint`) and bound on `line`; `others`: the lines binding that name to a value
    computed at run time (empty: every value is the provider's URL)."""

    field: str
    shown: str
    line: int
    others: tuple[int, ...] = ()

    @property
    def certain(self) -> bool:
        return not self.others


def provider_route(ctx: PythonContext, table: cst.Dict, key: cst.CSTNode) -> EntryRoute | None:
    """Where the entry of `table` under the key `key` (a dict display) holds the provider's
    URL, what `EntryRoute` says of it; None for any other entry."""
    entry = next(
        (e.value for e in table.elements if isinstance(e, cst.DictElement) and e.key is key),
        None,
    )
    if not isinstance(entry, cst.Dict):
        return None
    for element in entry.elements:
        if not isinstance(element, cst.DictElement):
            continue
        field = string_value(element.key) or ctx.code(element.key)
        value = element.value
        if url_kind(ctx, value) == "target":
            return EntryRoute(field, ctx.code(value), _line(ctx, value))
        values = _bound(ctx, value) if isinstance(value, cst.Name) else None
        if not values:
            continue
        kinds = [url_kind(ctx, v) for _, v in values]
        if "target" in kinds and set(kinds) <= {"target", "unknown"}:
            lines = [line for line, _ in values]
            first = lines[kinds.index("target")]
            others = sorted(line for line, k in zip(lines, kinds, strict=True) if k != "target")
            return EntryRoute(field, ctx.code(value), first, tuple(others))
    return None


def _bound(ctx: PythonContext, name: cst.Name) -> list[tuple[int, cst.BaseExpression]] | None:
    """Each value the assignments of `name` give it, with the line of the assignment; None
    where some binding is not an assignment the module shows (a parameter, an import)."""
    found = []
    for binding in ctx.bindings(name):
        target = getattr(binding, "node", None)
        value = ctx.index.assigned.get(id(target)) if isinstance(target, cst.Name) else None
        if value is None or target is None:
            return None
        found.append((ctx.position(target)[0][0], value))
    return found


def _line(ctx: PythonContext, value: cst.BaseExpression) -> int:
    """The line assigning the name `value` (its one value), else the line of `value`."""
    if isinstance(value, cst.Name):
        bound = _bound(ctx, value)
        if bound is not None and len(bound) == 1:
            return bound[0][0]
    return ctx.position(value)[0][0]
