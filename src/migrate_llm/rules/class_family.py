"""The classes a method's `self` may be an instance of, and every write of an attribute.

A request through `self.client` in `Bot.ask` goes through whatever the instance holds: what
`Bot` assigns, but also what a subclass of the module assigns (`class OpenAIBot(Bot):
self.client = OpenAI()`), what a base assigns, what `setattr(self, "client", OpenAI())` sets,
or what code outside the class writes (`bot.client = OpenAI()`). `attribute_values` gives
them all, so that a request is only taken for another service's where every one of them is
that service's client (`PythonContext.other_sdk_client`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import libcst as cst

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext

_SELF = ("self", "cls")


def _class_of(ctx: PythonContext, node: cst.CSTNode) -> cst.ClassDef | None:
    return next((a for a in reversed(ctx.ancestors(node)) if type(a) is cst.ClassDef), None)


def related_classes(ctx: PythonContext, owner: cst.ClassDef) -> list[cst.ClassDef]:
    """The classes of the module whose attributes `self` may read in a method of `owner`:
    `owner` and the classes deriving from it, each with the classes of the module it derives
    from (by the names of their bases, transitively). Not a sibling through a shared base."""
    classes = [n for n in ctx.nodes if isinstance(n, cst.ClassDef)]
    by_name: dict[str, list[cst.ClassDef]] = {}
    for klass in classes:
        by_name.setdefault(klass.name.value, []).append(klass)

    def bases(klass: cst.ClassDef) -> set[str]:
        return {b.value.value for b in klass.bases if isinstance(b.value, cst.Name)}

    def closure(
        start: cst.ClassDef, step: Callable[[cst.ClassDef], Iterable[cst.ClassDef]]
    ) -> dict[int, cst.ClassDef]:
        found, pending = {id(start): start}, [start]
        while pending:
            for other in step(pending.pop()):
                if id(other) not in found:
                    found[id(other)] = other
                    pending.append(other)
        return found

    below = closure(owner, lambda k: [c for c in classes if k.name.value in bases(c)])
    related: dict[int, cst.ClassDef] = {}
    for klass in below.values():
        related |= closure(klass, lambda k: [c for b in bases(k) for c in by_name.get(b, ())])
    return list(related.values())


@dataclass(frozen=True)
class Write:
    """A write of an attribute: the class whose method makes it through `self`/`cls` (None
    for one made through another object, or through `self` outside a class) and the value
    (None where it is not one expression: a tuple's item, a loop's target, `+=`)."""

    through_self: bool
    owner: cst.ClassDef | None
    value: cst.BaseExpression | None


def _flat(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for e in target.elements for t in _flat(e.value)]
    if isinstance(target, cst.StarredElement):
        return _flat(target.value)
    return [target]


def _writes(ctx: PythonContext) -> dict[str, list[Write]]:
    """Attribute name -> every write of it in the module (`"*"`: a `setattr` whose name is
    not a string literal). Computed once per module."""
    found = ctx.analyses.get(_writes)
    if found is None:
        found = ctx.analyses[_writes] = _collect(ctx)
    return cast("dict[str, list[Write]]", found)


def _collect(ctx: PythonContext) -> dict[str, list[Write]]:
    found: dict[str, list[Write]] = {}

    def add(name: str, receiver: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        through_self = isinstance(receiver, cst.Name) and receiver.value in _SELF
        owner = _class_of(ctx, receiver) if through_self else None
        found.setdefault(name, []).append(Write(through_self, owner, value))

    def targets(target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
        flat = _flat(target)
        for item in flat:
            if isinstance(item, cst.Attribute):
                add(item.attr.value, item.value, value if item is target else None)

    for node in ctx.nodes:
        if isinstance(node, cst.Assign):
            for t in node.targets:
                targets(t.target, node.value)
        elif isinstance(node, cst.AnnAssign) and node.value is not None:
            targets(node.target, node.value)
        elif isinstance(node, (cst.AugAssign, cst.For, cst.CompFor)):
            targets(node.target, None)
        elif isinstance(node, cst.WithItem) and node.asname is not None:
            targets(node.asname.name, node.item)
        elif (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "setattr"
            and len(node.args) == 3
        ):
            receiver, name, value = (a.value for a in node.args)
            literal = name.evaluated_value if isinstance(name, cst.SimpleString) else None
            add(literal if isinstance(literal, str) else "*", receiver, value)
    return found


def attribute_values(ctx: PythonContext, attr: cst.Attribute) -> list[cst.BaseExpression | None]:
    """What `self.X` (`attr`) may hold: the values written to X through `self` or `cls` in
    the classes related to the one whose method reads it (`related_classes`; anywhere where
    it is read outside a class), through any other object (`bot.X = v`), or by `setattr`
    (a name not written as a string: None, not known), and those its related classes'
    bodies assign (`X = v`). None for a value not written as one expression."""
    name = attr.attr.value
    owner = _class_of(ctx, attr)
    family = related_classes(ctx, owner) if owner is not None else []
    ids = {id(k) for k in family}
    writes = [*_writes(ctx).get(name, ()), *_writes(ctx).get("*", ())]
    values = [
        w.value
        for w in writes
        if not w.through_self or owner is None or w.owner is None or id(w.owner) in ids
    ]
    for klass in family:
        values += _body_values(klass, name)
    return values


def _body_values(owner: cst.ClassDef, name: str) -> list[cst.BaseExpression]:
    """The values the body of `owner` assigns to `name` itself (`client = Groq()`)."""
    found: list[cst.BaseExpression] = []
    for line in owner.body.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign):
                named = [a.target for a in small.targets]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                named = [small.target]
            else:
                continue
            if any(isinstance(t, cst.Name) and t.value == name for t in named):
                assert small.value is not None
                found.append(small.value)
    return found
