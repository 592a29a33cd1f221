"""The entries a request spreads from `**self.X`, where a base class of another module of the
project builds X (`RunFacts.base_entries`), and the model such a request sends.

pandas-ai's shape across modules (t59c D1): `Chat(Settings)` in chat.py sets the model and
sends `create(**self.params)`; `Settings` in base.py sets the sampling fields and builds
`params` from them. The entries are read at the spread argument, and the model the
builder's `"model": self.model` sends is the request's class's field (and that of the
module's subclasses of it), else the base's default.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm.base_fields import BaseEntry
from migrate_llm.rules.inherited_fields import family_values
from migrate_llm.rules.passed_values import class_of
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value


class SpreadBase(NamedTuple):
    """A request's `**self.X` argument (`spread`) whose X the base class `base` of another
    module builds, the request's class being `owner`; `entries` by key."""

    spread: cst.Arg
    owner: cst.ClassDef
    entries: dict[str, BaseEntry]

    def where(self, key: str) -> str:
        """Where the entry `key` is built, for a message."""
        entry = self.entries[key]
        return f"{entry.base}.{entry.builder} builds it on line {entry.line} of {entry.shown}"


def spread_bases(ctx: PythonContext, node: cst.Call) -> list[SpreadBase]:
    """The arguments `**self.X` of the request `node`, in a method of a class of the module
    deriving from a class another module of the project defines, whose method X builds
    entries from `self` fields (`RunFacts.base_entries`)."""
    given = ctx.rules.facts.base_entries
    owner = class_of(ctx, node) if given else None
    if owner is None:
        return []
    bases = {b.value.value for b in owner.bases if isinstance(b.value, cst.Name)}
    found: list[SpreadBase] = []
    for arg in node.args:
        if arg.star != "**" or not self_attribute(arg.value):
            continue
        assert isinstance(arg.value, cst.Attribute)
        builder = arg.value.attr.value
        assigned = ctx.index.self_assigned.get(builder, ())
        if _defines(owner, builder) or any(class_of(ctx, v) is owner for v in assigned):
            continue  # the request's class builds or sets it itself
        entries = {
            e.key: e
            for e in sorted(given)
            if e.module == ctx.path and e.base in bases and e.builder == builder
        }
        if entries:
            found.append(SpreadBase(arg, owner, entries))
    return found


def entry_strings(ctx: PythonContext, spread: SpreadBase, key: str) -> list[str] | None:
    """The strings the entry `key` may send: the field it reads as the request's class and
    the module's subclasses of it set it, else the base's default; None where one is not
    a known string."""
    entry = spread.entries.get(key)
    if entry is None:
        return None
    values = family_values(ctx, spread.owner, entry.attr, lambda v: string_value(v) is not None)
    if values is None:
        return None
    texts: list[str] = []
    for value in values:
        if value is None:  # set by no class of the module: the base's default
            try:
                value = cst.parse_expression(entry.value) if entry.value else None
            except cst.ParserSyntaxError:
                value = None
        text = string_value(value) if value is not None else None
        if text is None:
            return None
        texts.append(text)
    return texts


def _defines(owner: cst.ClassDef, name: str) -> bool:
    """Whether the body of `owner` defines a method or binds a field `name`."""
    for statement in owner.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return True
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                targets = (
                    [t.target for t in small.targets]
                    if isinstance(small, cst.Assign)
                    else [small.target]
                    if isinstance(small, cst.AnnAssign)
                    else []
                )
                if any(isinstance(t, cst.Name) and t.value == name for t in targets):
                    return True
    return False
