"""A dict of the module that a request spreads through a parameter's default or an attribute:
`def ask(q, model_kwargs=DEFAULT_MODEL_KWARGS): create(..., **model_kwargs)`, or the class
form `self.model_kwargs = model_kwargs` in `__init__` and `create(..., **self.model_kwargs)`
(NeedleInAHaystack's providers), the dict a module- or class-level constant bound once to a
display or `dict(k=v, ...)` (or, for the attribute, assigned to it directly).

Its entries are sent whenever the caller passes no other dict. `apply` may change one only
where nothing else can see the change or send another dict: the constant, the parameter and
the attribute used for nothing but that (and requests), and no call of the function in the
module passing the parameter (callers elsewhere are taken to pass the default, as
`passed_values` reads them). Otherwise `left` says why a person changes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment, ClassScope, GlobalScope

from migrate_llm.rules.python_context import PythonContext, last_name, self_attribute

USED_ELSEWHERE = "it is used elsewhere too"


class DefaultDict(NamedTuple):
    """The dict a `**` argument reaches (`mapping`: a display or a `dict(...)` call), and why
    apply leaves its entries ("" where it may change them)."""

    mapping: cst.Dict | cst.Call
    left: str


def dict_value(ctx: PythonContext, value: cst.BaseExpression | None) -> cst.Dict | cst.Call | None:
    """`value` where it is a dict display, or a call of the builtin `dict` with keywords only
    (`dict(max_tokens=300, temperature=0)`); else None."""
    if isinstance(value, cst.Dict):
        return value
    if (
        not isinstance(value, cst.Call)
        or not isinstance(value.func, cst.Name)
        or value.func.value != "dict"
        or any(a.keyword is None or a.star for a in value.args)
    ):
        return None
    bound = ctx.bindings(value.func)
    return value if not any(isinstance(b, Assignment) for b in bound) else None


def _spreads(mapping: cst.Dict | cst.Call) -> bool:
    """Whether a display spreads another dict (`{**BASE, "temperature": 0}`)."""
    return isinstance(mapping, cst.Dict) and any(
        isinstance(e, cst.StarredDictElement) for e in mapping.elements
    )


def default_dict(
    ctx: PythonContext, value: cst.BaseExpression, used: Callable[[cst.CSTNode], bool]
) -> DefaultDict | None:
    """The dict `**value` sends where `value` is a parameter whose default is such a constant,
    or `self.X` that its class assigns once, from such a parameter, a constant or a dict
    written there; None for anything else. `used(node)`: whether a use of the constant, the
    parameter or the attribute is one the caller allows (spread into a request)."""
    attribute: cst.Attribute | None = None
    if isinstance(value, cst.Attribute) and self_attribute(value):
        if ctx.methods.get(value.attr.value):
            return None  # a property or builder: `request_arguments` follows it
        assigned = ctx.self_values(value)
        if len(assigned) != 1:
            return None
        attribute, value = value, assigned[0]
        written = dict_value(ctx, value)
        if written is not None and not _spreads(written):
            return DefaultDict(written, _attribute_left(ctx, attribute, value, used))
    if not isinstance(value, cst.Name):
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    param = bound[0].node if isinstance(bound[0].node, cst.Param) else None
    constant, holder = bound[0], value
    if param is not None:
        if not isinstance(param.default, cst.Name):
            return None
        holder = param.default
        found = ctx.bindings(param.default)
        if len(found) != 1 or not isinstance(found[0], Assignment):
            return None
        constant = found[0]
    elif attribute is None:
        return None  # a plain name: `request_arguments` reads its display
    if not isinstance(constant.scope, (GlobalScope, ClassScope)):
        return None
    mapping = dict_value(ctx, ctx.index.assigned.get(id(constant.node)))
    if mapping is None or _spreads(mapping):
        return None
    left = _constant_left(ctx, constant, holder, used)
    if not left and param is not None:
        left = _parameter_left(ctx, bound[0], param, attribute, used)
    if not left and attribute is not None:
        left = _attribute_left(ctx, attribute, value, used)
    return DefaultDict(mapping, left)


def _constant_left(
    ctx: PythonContext,
    constant: Assignment,
    holder: cst.BaseExpression,
    used: Callable[[cst.CSTNode], bool],
) -> str:
    """Why apply leaves the constant's dict: a use of it but `holder` (the default, or the
    value assigned to the attribute) and requests, or an attribute of that name read (a class
    constant as `self.X` or `Cls.X`)."""
    if not isinstance(constant.node, cst.Name):
        return USED_ELSEWHERE
    if any(r.node is not holder and not used(r.node) for r in constant.references):
        return USED_ELSEWHERE
    name = constant.node.value
    if any(isinstance(n, cst.Attribute) and n.attr.value == name for n in ctx.nodes):
        return USED_ELSEWHERE
    return ""


def _parameter_left(
    ctx: PythonContext,
    binding: Assignment,
    param: cst.Param,
    attribute: cst.Attribute | None,
    used: Callable[[cst.CSTNode], bool],
) -> str:
    """Why apply leaves the dict a parameter defaults to: a use of the parameter but requests
    (and the attribute's assignment), or a call of its function in the module that may pass
    another dict for it."""
    assigned = ctx.self_values(attribute) if attribute is not None else []
    for reference in binding.references:
        if not used(reference.node) and all(reference.node is not a for a in assigned):
            return USED_ELSEWHERE
    parents = ctx.ancestors(param)
    function = parents[-2] if len(parents) >= 2 else None
    if not isinstance(function, cst.FunctionDef):
        return USED_ELSEWHERE
    positional = [*function.params.posonly_params, *function.params.params]
    index = next((i for i, p in enumerate(positional) if p is param), None)
    owner = parents[-4] if len(parents) >= 4 else None
    called = function.name.value
    if isinstance(owner, cst.ClassDef):
        if index is not None:
            index -= 1  # `self`, bound by the call
        if called == "__init__":
            called = owner.name.value
    for node in ctx.nodes:
        if not isinstance(node, cst.Call) or last_name(node.func) != called:
            continue
        if _may_pass(node, param.name.value, index):
            line = ctx.line_label(ctx.position(node)[0][0])
            return f"the call of {called}() on {line} may pass another as {param.name.value}"
    return ""


def _may_pass(call: cst.Call, name: str, index: int | None) -> bool:
    """Whether `call` may give the parameter `name` (at `index` among the positional ones) a
    value: by keyword, by position, or in a `*args` / `**kwargs`."""
    if any(a.star for a in call.args):
        return True
    if any(a.keyword is not None and a.keyword.value == name for a in call.args):
        return True
    positional = [a for a in call.args if a.keyword is None]
    return index is not None and 0 <= index < len(positional)


def _attribute_left(
    ctx: PythonContext,
    attribute: cst.Attribute,
    value: cst.BaseExpression,
    used: Callable[[cst.CSTNode], bool],
) -> str:
    """Why apply leaves the dict an attribute holds: the module reads or sets an attribute of
    that name elsewhere than its one assignment (`self.X = value`) and requests."""
    name = attribute.attr.value
    for node in ctx.nodes:
        if not isinstance(node, cst.Attribute) or node.attr.value != name or used(node):
            continue
        parents = ctx.ancestors(node)
        target = parents[-1] if parents else None
        statement = parents[-2] if len(parents) >= 2 else None
        if (
            isinstance(target, cst.AssignTarget)
            and isinstance(statement, cst.Assign)
            and len(statement.targets) == 1
            and statement.value is value
        ):
            continue  # the one assignment `self_values` found
        return USED_ELSEWHERE
    return ""
