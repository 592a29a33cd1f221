"""The dict displays a module's calls hand a function for the parameter a request reads by key
(ML118).

generative_agents sends `model=params["engine"]` and `max_tokens=params["max_tokens"]`,
where `params` is a parameter its callers fill with dict displays written in their own
functions (`params = {"engine": "glm-5.3", "max_tokens": 5}`; t62e): the request's model is
one of those entries. Only the module's own calls of the function by its name are read, each
argument a dict display or a name its calling function binds once to one; a call passing
anything else is left out.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm.rules.python_context import PythonContext


class KeyRead(NamedTuple):
    """A read `P["key"]` of the parameter `P` of the function `function`."""

    function: cst.FunctionDef
    param: str
    key: str


def key_read(ctx: PythonContext, value: cst.BaseExpression) -> KeyRead | None:
    """`value` as a read by a string key of a parameter of the function holding it; None
    for another value (a method's `self`, a name the function binds, a computed key)."""
    if not isinstance(value, cst.Subscript) or not isinstance(value.value, cst.Name):
        return None
    if len(value.slice) != 1 or not isinstance(value.slice[0].slice, cst.Index):
        return None
    key = value.slice[0].slice.value
    if not isinstance(key, cst.SimpleString) or not isinstance(key.evaluated_value, str):
        return None
    function = next(
        (f for f in reversed(ctx.ancestors(value)) if isinstance(f, cst.FunctionDef)), None
    )
    name = value.value.value
    if function is None or name not in _positions(function):
        return None
    return KeyRead(function, name, key.evaluated_value)


def _positions(function: cst.FunctionDef) -> dict[str, int | None]:
    """The function's parameters by name, with their position (None: keyword only)."""
    params = function.params
    found: dict[str, int | None] = {}
    for at, param in enumerate((*params.posonly_params, *params.params)):
        found[param.name.value] = at
    for param in params.kwonly_params:
        found[param.name.value] = None
    return found


def passed_dicts(ctx: PythonContext, read: KeyRead) -> list[cst.Dict]:
    """The dict displays the module's calls of `read.function` (by its name) pass for its
    parameter, in text order."""
    at = _positions(read.function)[read.param]
    name = read.function.name.value
    found: list[cst.Dict] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call or not isinstance(node.func, cst.Name):
            continue
        if node.func.value != name:
            continue
        given = _argument(node, read.param, at)
        held = _dict_of(ctx, node, given) if given is not None else None
        if held is not None:
            found.append(held)
    return found


def _argument(call: cst.Call, param: str, at: int | None) -> cst.BaseExpression | None:
    """What `call` passes for the parameter `param` at position `at`."""
    for index, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is not None:
            if arg.keyword.value == param:
                return arg.value
        elif index == at:
            return arg.value
    return None


def _dict_of(ctx: PythonContext, call: cst.Call, value: cst.BaseExpression) -> cst.Dict | None:
    """`value` where it is a dict display, or the one dict display a name is bound to by
    the only assignment of it in the function making `call`."""
    if isinstance(value, cst.Dict):
        return value
    if not isinstance(value, cst.Name):
        return None
    function = next(
        (f for f in reversed(ctx.ancestors(call)) if isinstance(f, cst.FunctionDef)), None
    )
    if function is None:
        return None
    bound = [
        node
        for node in _walk(function.body)
        if isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign))
        and _binds(node, value.value)
    ]
    if len(bound) != 1 or not isinstance(bound[0], cst.Assign):
        return None
    held = bound[0].value
    return held if isinstance(held, cst.Dict) else None


def _binds(node: cst.Assign | cst.AnnAssign | cst.AugAssign, name: str) -> bool:
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
    return any(isinstance(t, cst.Name) and t.value == name for t in targets)


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Every node under `node`, not entering nested functions or classes."""
    found: list[cst.CSTNode] = []
    stack = list(node.children)
    while stack:
        child = stack.pop()
        found.append(child)
        if not isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            stack.extend(child.children)
    return found


def entry(held: cst.Dict, key: str) -> cst.BaseExpression | None:
    """The value of `held`'s entry under the string `key`, where it has exactly one."""
    values = [
        element.value
        for element in held.elements
        if isinstance(element, cst.DictElement)
        and isinstance(element.key, cst.SimpleString)
        and element.key.evaluated_value == key
    ]
    return values[0] if len(values) == 1 else None
