"""The values an attribute of a settings object may hold, where the module shows them.

TaskWeaver's `OpenAIService.__init__(self, config: OpenAIServiceConfig)` keeps `self.config =
config` and sends `top_p=self.config.top_p`; `OpenAIServiceConfig` (a class of the same module)
sets `self.top_p = self._get_float("top_p", 0)`, and 0 went to Zhipu on every request (t51e).
So `self.config.X` (or `cfg.X` for a parameter or name holding an instance) is followed, one
step, to the class of the object: the class a parameter annotation names (`config: Cfg`) or a
construction makes (`self.config = Cfg()`), for every value the holding class assigns
`self.config`, or else the annotation of its class body (`config: Cfg`); then to the values
that class assigns `self.X` in its methods, or else its field default (`X: float = 0`,
`field(default=0)`) and what the module's constructions pass. A settings getter's default
(`self._get_float("top_p", 0)`, `config.get("llm.top_p", 0.0)`) stands for the value it
gives. Nothing further is followed: no class of another module, no base class, no value the
values read in turn.
"""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm.rules.call_parameters import defined_by, module_class
from migrate_llm.rules.passed_values import class_of, field_of, instance_class
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    self_attribute,
    string_value,
)

# a settings getter taking (key, default): `get_str`, TaskWeaver's `self._get_str` and
# `self._get_float`, `get`
GETTER = re.compile(r"_?get(?:_[a-z]+)*")


def getter_default(value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The default of a settings getter's call, `x.get("top_p", 0)` or `self._get_float(
    "top_p", default=0)`: a method named as one (`GETTER`) given a string key first; None
    for anything else."""
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
        return None
    if not GETTER.fullmatch(value.func.attr.value) or any(a.star for a in value.args):
        return None
    positional = [a for a in value.args if a.keyword is None]
    if not positional or string_value(positional[0].value) is None:
        return None
    if len(positional) >= 2:
        return positional[1].value
    given = keyword(value, "default")
    return given.value if given is not None else None


def member_values(ctx: PythonContext, attr: cst.Attribute) -> list[cst.BaseExpression]:
    """The values `attr`, `self.config.X` or `cfg.X`, may hold, where the class of the object
    is one of the module (`object_class`): those its class assigns `self.X` in its methods,
    in text order, or else its field default and what the module's constructions pass; none
    where the class is not known."""
    owner = object_class(ctx, attr.value)
    if owner is None:
        return []
    name = attr.attr.value
    values = [v for v in ctx.index.self_assigned.get(name, ()) if class_of(ctx, v) is owner]
    if values:
        return values
    found = field_of(ctx, owner, name, lambda _: True)
    return [found[0], *found[1]] if found is not None else []


def object_class(ctx: PythonContext, holder: cst.BaseExpression) -> cst.ClassDef | None:
    """The class of the module `holder` holds an instance of: for `self.config`, the one
    class every value its class assigns it is an instance of (`instance_of`), or, where none
    is assigned, that its class body annotates it with; for a name, the class its parameter
    is annotated with or its one construction makes."""
    if isinstance(holder, cst.Name):
        return instance_class(ctx, holder) if holder.value != "self" else None
    if not self_attribute(holder):
        return None
    assert isinstance(holder, cst.Attribute)
    values = ctx.self_values(holder)
    if values:
        classes = {instance_of(ctx, v) for v in values}
        return classes.pop() if len(classes) == 1 else None
    owner = class_of(ctx, holder)
    return _annotated(ctx, owner, holder.attr.value) if owner is not None else None


def instance_of(ctx: PythonContext, value: cst.BaseExpression) -> cst.ClassDef | None:
    """The class of the module `value` makes or holds an instance of: `Cfg(...)`, or a name
    bound to a parameter annotated `Cfg` or to one construction of it."""
    if isinstance(value, cst.Call):
        return module_class(ctx, value)
    return instance_class(ctx, value) if isinstance(value, cst.Name) else None


def _annotated(ctx: PythonContext, owner: cst.ClassDef, name: str) -> cst.ClassDef | None:
    """The class of the module that the body of `owner` annotates `name` with (`config:
    Cfg`)."""
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                continue
            kind = small.annotation.annotation
            if small.target.value == name and isinstance(kind, cst.Name):
                defined = defined_by(ctx, kind)
                return defined if isinstance(defined, cst.ClassDef) else None
    return None
