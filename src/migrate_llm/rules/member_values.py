"""What an attribute of another object may hold, read in the class of that object: the one
step from `self.endpoint._llm` to what `Endpoint` assigns `self._llm`.

quivr's RAG classes call `self.llm_endpoint._llm.with_structured_output(...)` and
`.bind_tools(...)`; `_llm` is the chat model its `LLMEndpoint` (another module) builds (t67c).
The object's class is the one its name or `self.X` is an instance of: the annotation of the
parameter it is bound to (`endpoint: Endpoint`, also `Endpoint | None`, `Optional[Endpoint]`),
its one construction (`Endpoint()`), or the annotation of `X` in the class body. That class is
the module's, or one it imports by name from another module of the project
(`project_class`), read there. A value that is a parameter of the class's `__init__`
(`self._llm = llm`) stands for what the class's constructions in that module pass for it
(`cls(llm=_llm)` in a factory classmethod, `Endpoint(_llm)`: `passed_values.parameter_calls`),
as quivr's `LLMEndpoint.from_config` builds the chat model and hands it to `__init__`.
Nothing further is followed: no base class, no construction in another module, no parameter
the values are in turn. The other module's bytes key the caller's cached results
(`RunFacts.member_holders`: the project's modules building an OpenAI class in a class).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.class_constants import body_assignments
from migrate_llm.rules.passed_values import class_of, parameter_calls
from migrate_llm.rules.project_calls import from_import, project_module
from migrate_llm.rules.project_classes import project_class
from migrate_llm.rules.python_context import PythonContext, last_name, self_attribute

T = TypeVar("T")


def member_read(
    ctx: PythonContext,
    attr: cst.Attribute,
    read: Callable[[PythonContext, cst.ClassDef, list[cst.BaseExpression]], T | None],
) -> T | None:
    """`read` (given the class's module, the class, the values) of the values the class of
    the object `attr.value` holds (a name, `self.X`) assigns `self.<attr>` in its methods and
    sets it to in its body, in the module that defines the class (this one, or another of the
    project); None where the class is not known, or `read` answers None."""
    holder = attr.value
    if not (isinstance(holder, cst.Name) and holder.value != "self") and not (
        isinstance(holder, cst.Attribute) and self_attribute(holder)
    ):
        return None
    kind = _instance_type(ctx, holder)
    if kind is None:
        return None
    name = attr.attr.value
    bound = ctx.bindings(kind)
    if len(bound) == 1 and isinstance(bound[0], Assignment):
        defined = bound[0].node
        if isinstance(defined, cst.ClassDef):
            return read(ctx, defined, _assigned(ctx, defined, name))
    if project_module(ctx, kind) is None:
        return None
    imported = from_import(ctx, kind)
    if imported is None:
        return None
    dots, module, cls = imported
    return project_class(
        ctx,
        dots + module,
        cls,
        lambda other, klass: read(other, klass, _assigned(other, klass, name)),
    )


def _assigned(ctx: PythonContext, klass: cst.ClassDef, name: str) -> list[cst.BaseExpression]:
    """The values `klass` assigns `self.<name>` in its methods and `name` in its body; for a
    parameter of its `__init__`, those its constructions pass (`_init_passed`)."""
    values = [v for v in ctx.index.self_assigned.get(name, ()) if class_of(ctx, v) is klass]
    passed = [p for v in values for p in _init_passed(ctx, klass, v)]
    return passed + [value for _, value in body_assignments(klass, name)]


def _init_passed(
    ctx: PythonContext, klass: cst.ClassDef, value: cst.BaseExpression
) -> list[cst.BaseExpression]:
    """What `value` stands for: where it is a parameter of `klass`'s own `__init__`
    (`self._llm = llm`), the values the module's constructions of the class pass for it
    (`cls(llm=_llm)` in its classmethods, `Endpoint(_llm)`; its default where one passes
    none); else, and where no construction is shown or one passes `*args` / `**kwargs` with
    no default to fall back on, `value` itself (no build: the caller stays silent)."""
    if not isinstance(value, cst.Name):
        return [value]
    bound = ctx.bindings(value)
    param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if not isinstance(param, cst.Param):
        return [value]
    parents = ctx.ancestors(param)
    function = parents[-2] if len(parents) >= 2 else None
    if not (
        isinstance(function, cst.FunctionDef)
        and function.name.value == "__init__"
        and len(parents) >= 4
        and parents[-4] is klass
    ):
        return [value]
    calls = parameter_calls(ctx, value)
    if not calls:
        return [value]
    found = [passed if passed is not None else param.default for _, passed in calls]
    shown = [v for v in found if v is not None]
    return shown if len(shown) == len(found) else [value]


def _instance_type(ctx: PythonContext, holder: cst.BaseExpression) -> cst.Name | None:
    """The name of the class `holder` (a name, `self.X`) holds an instance of, where every
    value shown names the same one."""
    if isinstance(holder, cst.Name):
        values: list[cst.BaseExpression] = [holder]
    else:
        assert isinstance(holder, cst.Attribute)
        values = ctx.self_values(holder)
        if not values:
            return _body_annotation(ctx, holder)
    kinds = [_value_type(ctx, v) for v in values]
    found = {k.value if k is not None else None for k in kinds}
    return kinds[0] if len(found) == 1 and None not in found else None


def _value_type(ctx: PythonContext, value: cst.BaseExpression) -> cst.Name | None:
    """The class name a construction (`Endpoint()`) or a name bound once to one, or to a
    parameter annotated with it, gives."""
    if isinstance(value, cst.Call):
        return value.func if isinstance(value.func, cst.Name) else None
    if not isinstance(value, cst.Name):
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    if isinstance(node, cst.Param):
        return _type_name(node.annotation.annotation) if node.annotation is not None else None
    assigned = ctx.index.assigned.get(id(node))
    if isinstance(assigned, cst.Call) and isinstance(assigned.func, cst.Name):
        return assigned.func
    return None


def _body_annotation(ctx: PythonContext, holder: cst.Attribute) -> cst.Name | None:
    """The class the body of the class holding `self.X` annotates X with (`X: Endpoint`)."""
    owner = class_of(ctx, holder)
    if owner is None:
        return None
    for line in owner.body.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if (
                isinstance(small, cst.AnnAssign)
                and isinstance(small.target, cst.Name)
                and small.target.value == holder.attr.value
            ):
                return _type_name(small.annotation.annotation)
    return None


def _type_name(kind: cst.BaseExpression) -> cst.Name | None:
    """The class an annotation names: `Endpoint`, `Endpoint | None`, `Optional[Endpoint]`."""
    if isinstance(kind, cst.BinaryOperation) and isinstance(kind.operator, cst.BitOr):
        sides = [s for s in (kind.left, kind.right) if last_name(s) != "None"]
        return _type_name(sides[0]) if len(sides) == 1 else None
    if (
        isinstance(kind, cst.Subscript)
        and last_name(kind.value) == "Optional"
        and len(kind.slice) == 1
        and isinstance(kind.slice[0].slice, cst.Index)
    ):
        return _type_name(kind.slice[0].slice.value)
    return kind if isinstance(kind, cst.Name) else None
