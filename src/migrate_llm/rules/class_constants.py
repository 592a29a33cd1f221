"""A class attribute read as a constant: `Models.MINI` (GPTDiscord's `class Models:
GPT_4_OMEGA_MINI = "gpt-4o-mini"`), or `Models.MINI.value` of an enum.

Followed only where the module shows the one value it holds: the class is defined once at
the top level of the module, with no base but `object` (for `.value`: a base named `*Enum`,
`class Models(str, Enum)`), its body binds the name once, by a plain assignment, and no code
of the module sets it afterwards (`Models.MINI = ...`, `cls.MINI = ...`, `self.MINI = ...`
in the class, `setattr(Models, ...)`, `del Models.MINI`); a decorator other than `@unique`,
`@dataclass` and the like is not followed either. A class imported from another module
of the project is not followed: no project fact carries class bodies.
"""

from __future__ import annotations

from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.passed_values import class_of
from migrate_llm.rules.python_context import PythonContext, last_name

# decorators that return the class they are given, its attributes as the body sets them
_KEEPING = frozenset({"unique", "verify", "final", "dataclass", "total_ordering"})
# the nodes whose `target` the module sets (or deletes)
_TARGETED = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del, cst.For, cst.CompFor)


def class_constant(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The value the class body assigns to the attribute `expr` reads (see the module); None
    for another expression or where the module may set it elsewhere."""
    enum = False
    if (
        isinstance(expr, cst.Attribute)
        and expr.attr.value == "value"
        and isinstance(expr.value, cst.Attribute)
    ):
        expr, enum = expr.value, True
    if not (isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name)):
        return None
    bound = ctx.bindings(expr.value)
    owner = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if not isinstance(owner, cst.ClassDef) or not isinstance(ctx.ancestors(owner)[-1], cst.Module):
        return None
    if _kind(owner) != ("enum" if enum else "plain"):
        return None
    name = expr.attr.value
    found = _body_value(ctx, owner, name)
    set_later = _set_elsewhere(ctx).get(owner.name.value, set())
    if found is None or name in set_later or "*" in set_later:
        return None
    return found


def _kind(owner: cst.ClassDef) -> str:
    """ "plain" for a class with no base but `object` and no keyword (`metaclass=`), "enum"
    for one with a base named `*Enum` and no keyword; else "other": also a class decorated
    but by one of `_KEEPING` (another decorator may return another object)."""
    if owner.keywords or any(b.keyword is not None or b.star for b in owner.bases):
        return "other"
    if any(last_name(d.decorator) not in _KEEPING for d in owner.decorators):
        return "other"
    names = [last_name(b.value) for b in owner.bases]
    if all(n == "object" for n in names):
        return "plain"
    return "enum" if any(str(n).endswith("Enum") for n in names) else "other"


def body_assignments(owner: cst.ClassDef, name: str) -> list[tuple[cst.Name, cst.BaseExpression]]:
    """The plain assignments of `name` at the top of a class body (`X = v`, `X: T = v`), as
    (target, value)."""
    found: list[tuple[cst.Name, cst.BaseExpression]] = []
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                targets = [small.target]
            else:
                continue
            value = small.value
            assert value is not None
            found += [(t, value) for t in targets if isinstance(t, cst.Name) and t.value == name]
    return found


def _body_value(ctx: PythonContext, owner: cst.ClassDef, name: str) -> cst.BaseExpression | None:
    """The value of the one plain assignment of `name` at the top of the class body
    (`body_assignments`), where the class binds it nowhere else (a `def`, a loop, a branch)."""
    found = body_assignments(owner, name)
    if len(found) != 1:
        return None
    target, value = found[0]
    scope = ctx.scope(target)
    if scope is None or len(scope.assignments[name]) != 1:
        return None
    return value


def _set_elsewhere(ctx: PythonContext) -> dict[str, set[str]]:
    """Class name -> the attributes the module sets on it outside its body: `Cls.X = v`
    (also `+=`, annotated, deleted), `cls.X`/`self.X` in the class's own methods,
    `setattr(Cls, ...)` and `delattr(Cls, ...)` (every attribute: "*"). Computed once."""
    found = ctx.analyses.get(_set_elsewhere)
    if found is None:
        found = ctx.analyses[_set_elsewhere] = _setters(ctx)
    return cast("dict[str, set[str]]", found)


def _setters(ctx: PythonContext) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in ctx.nodes:
        if isinstance(node, _TARGETED):
            targets = _flat(node.target)
        elif isinstance(node, cst.Call) and last_name(node.func) in ("setattr", "delattr"):
            held = node.args[0].value if node.args else None
            if isinstance(held, cst.Name):
                found.setdefault(held.value, set()).add("*")
            continue
        else:
            continue
        for target in targets:
            if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)):
                continue
            holder = target.value.value
            if holder in ("self", "cls"):
                owner = class_of(ctx, target)
                if owner is None:
                    continue
                holder = owner.name.value
            found.setdefault(holder, set()).add(target.attr.value)
    return found


def _flat(target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The targets an assignment, a loop or a `del` binds: those of a tuple or list too."""
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for e in target.elements for t in _flat(e.value)]
    return [target]
