"""The values `self.X` holds where a method of one class reads it for a request another class
of its family sends.

pandas-ai's shape (t59c D1): a base class sets the sampling fields (`temperature: float = 0`,
`presence_penalty: float = 0.6`) and builds the request's `**params` from them in a property,
and its subclass sets `model: str = "kimi-k2.6"` and sends the request. `self` there is an
instance of the request's class (or of a subclass of it), so `self.model` read in the base's
builder is the subclass's field: read only in the base, it was unknown, and ML115 said
nothing of the sampling values that model rejects. Each class `self` may be, the request's
and the module's subclasses of it, resolves X along its bases (the first class of the
module setting it in its body or assigning `self.X` in a method), as Python's attribute
lookup does for a single line of bases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.passed_values import class_fields, class_of, field_of
from migrate_llm.rules.python_context import PythonContext, self_attribute

# how many bases deep a class is followed to the one setting a field
_HOPS = 8


def inherited_values(
    ctx: PythonContext,
    attr: cst.Attribute,
    request: cst.CSTNode | None,
    wanted: Callable[[cst.BaseExpression], bool],
) -> list[cst.BaseExpression] | None:
    """The values `self.X` (`attr`) may hold where the request `request` (a node in a method
    of the module's class) sends what it reads: for each class `self` may be there (the
    request's class and the module's subclasses of it that have the class holding `attr`
    among their bases), the default of the first class along its bases setting X in its body
    (with what constructions of that class pass, `field_of`; each `wanted`) or the values the
    first assigning `self.X` in a method gives it. Empty where one of them is not known (a
    base of another module, a default not `wanted`); None where the class holding `attr` is
    the request's and no subclass of it sets X apart (the class's own reading applies), or
    the two classes are not of one family. A class none of whose bases sets X is passed over:
    its instances cannot read it (a base leaving the model to its subclasses)."""
    if request is None or not self_attribute(attr):
        return None
    owner, at = class_of(ctx, attr), class_of(ctx, request)
    if owner is None or at is None:
        return None
    name = attr.attr.value
    instances = [c for c in (at, *module_heirs(ctx, at)) if _within(owner, _lineage(ctx, c))]
    if not instances:
        return None
    if at is owner and all(_setter(ctx, c, name) is owner for c in instances):
        return None
    found: list[cst.BaseExpression] = []
    for cls in instances:
        if _absent(ctx, cls, name):
            continue  # reading it there raises AttributeError: no request goes out
        values = _values(ctx, cls, name, wanted)
        if values is None:
            return []
        found += [v for v in values if all(v is not f for f in found)]
    return found


def _values(
    ctx: PythonContext, cls: cst.ClassDef, name: str, wanted: Callable[[cst.BaseExpression], bool]
) -> list[cst.BaseExpression] | None:
    """What X holds on an instance of `cls`: the values the class setting it gives it."""
    setter = _setter(ctx, cls, name)
    if setter is None:
        return None
    assigned = _assigned(ctx, setter, name)
    if assigned:
        return assigned
    found = field_of(ctx, setter, name, wanted)
    return None if found is None else [found[0], *found[1]]


def _absent(ctx: PythonContext, cls: cst.ClassDef, name: str) -> bool:
    """Whether no class along the bases of `cls`, all of the module, sets X (a base class
    leaving it to its subclasses)."""
    lineage = _lineage(ctx, cls)
    return None not in lineage and _setter(ctx, cls, name) is None


def _setter(ctx: PythonContext, cls: cst.ClassDef, name: str) -> cst.ClassDef | None:
    """The first class along the bases of `cls` (itself first) that assigns `self.X` in a
    method or sets X in its body; None where none of the module does before a base it does not
    define."""
    for line in _lineage(ctx, cls):
        if line is None:
            return None
        if _assigned(ctx, line, name) or name in class_fields(line):
            return line
    return None


def _assigned(ctx: PythonContext, cls: cst.ClassDef, name: str) -> list[cst.BaseExpression]:
    """The values the methods of `cls` assign `self.X`."""
    return [v for v in ctx.index.self_assigned.get(name, ()) if class_of(ctx, v) is cls]


def _lineage(ctx: PythonContext, cls: cst.ClassDef) -> list[cst.ClassDef | None]:
    """`cls` and its bases, depth first (left to right), each class once, as the module
    defines them (computed once a class); None stands for a base it does not define
    (`object` excepted), beyond which the lookup is not known, and ends the list."""
    known = cast("dict[int, list[cst.ClassDef | None]]", ctx.analyses.setdefault(_lineage, {}))
    if id(cls) not in known:
        found: list[cst.ClassDef | None] = []
        stack: list[tuple[cst.ClassDef | None, int]] = [(cls, 0)]
        while stack:
            current, depth = stack.pop(0)
            if current is None:
                found.append(None)
                break
            if _within(current, found):
                continue
            found.append(current)
            if depth < _HOPS:
                bases = [
                    (class_named(ctx, b.value), depth + 1)
                    for b in current.bases
                    if b.keyword is None and not _plain_object(b.value)
                ]
                stack[:0] = bases
        known[id(cls)] = found
    return known[id(cls)]


def _within(cls: cst.ClassDef, classes: list[cst.ClassDef | None]) -> bool:
    return any(c is cls for c in classes)


def _plain_object(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "object"


def class_named(ctx: PythonContext, value: cst.BaseExpression) -> cst.ClassDef | None:
    """The class of the module a base expression names (bound once to a `class` statement)."""
    if not isinstance(value, cst.Name):
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    return node if isinstance(node, cst.ClassDef) else None


def module_heirs(ctx: PythonContext, cls: cst.ClassDef) -> list[cst.ClassDef]:
    """The classes of the module deriving from `cls`, at any depth, in the order of the text."""
    classes = [n for n in ctx.nodes if type(n) is cst.ClassDef]
    return [c for c in classes if c is not cls and _within(cls, _lineage(ctx, c))]


def family_values(
    ctx: PythonContext,
    cls: cst.ClassDef,
    name: str,
    wanted: Callable[[cst.BaseExpression], bool],
) -> list[cst.BaseExpression | None] | None:
    """What X holds on instances of `cls` and of the module's subclasses of it, each looked
    up along its bases in the module (`_values`); None in the list where no class of the
    module sets it before a base of another module (whose default applies there); None where
    a value the module gives it is not `wanted`."""
    found: list[cst.BaseExpression | None] = []
    for each in (cls, *module_heirs(ctx, cls)):
        if _setter(ctx, each, name) is None:
            if None not in found:
                found.append(None)
            continue
        values = _values(ctx, each, name, wanted)
        if values is None:
            return None
        found += [v for v in values if all(v is not f for f in found)]
    return found
