"""ML111's leftovers of OpenAI's legacy function calling in code moved to `tools=`: reads of
a reply message's `function_call` (`function_call_reads`, followed from the request the way
`legacy_results` reads a response's fields: `sdk.RESPONSE_*_FIELDS`), and the legacy turns
a message list sends back (`legacy_turn`): the role "function", an assistant message with
`function_call`."""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.framework_args import dict_entries
from migrate_llm.rules.legacy_results import _OBJECT, _after, _item, _Shape, _step
from migrate_llm.rules.python_context import PythonContext, string_value

_WHOLE: _Shape = ("", _OBJECT)  # a whole response (or a stream's chunk)
_DEPTH = 4  # how many names and helpers a reply is followed through
# list methods adding one item (its position in the call's arguments), or several
_ADDS_ONE = {"append": 0, "insert": 1}
_ADDS_MANY = frozenset({"extend"})


class FunctionCallRead(NamedTuple):
    """A read of the legacy function call (`node`: `m.function_call`, `m["function_call"]`,
    `m.get("function_call")`, `getattr(m, "function_call", None)`) of a reply part (`part`:
    the message, or a streamed delta), and whether that part is read as a dict (`keyed`)."""

    node: cst.BaseExpression
    part: cst.BaseExpression
    keyed: bool


def function_call_reads(ctx: PythonContext, request: cst.Call) -> list[FunctionCallRead]:
    """The reads of the function call of the reply to `request`: on the call itself, or on
    a name bound to it or to a part of its reply (`m = r.choices[0].message`), the target of
    a `for` over it (a stream's chunks, `choices`), or the result of a function of the
    module returning it; `to_dict()` / `model_dump()` of a part reads as that part."""
    found: list[FunctionCallRead] = []
    _follow(ctx, request, _WHOLE, found, _DEPTH, set())
    return found


def _parent(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    parents = ctx.ancestors(node)
    return parents[-1] if parents else None


def _follow(
    ctx: PythonContext,
    node: cst.BaseExpression,
    shape: _Shape,
    found: list[FunctionCallRead],
    depth: int,
    seen: set[int],
) -> None:
    """Add to `found` the reads of the function call of what `node` holds (`shape`), up the
    accesses applied to it, then through what it is bound to."""
    if id(node) in seen:
        return
    seen.add(id(node))
    keyed = False
    while True:
        parent = _parent(ctx, node)
        if isinstance(parent, cst.Await) and parent.expression is node:
            node = parent
            continue
        above = _access(ctx, node, parent)
        if above is None:
            break
        if not isinstance(above, (cst.Attribute, cst.Subscript)) and _as_dict(above):
            node, keyed = above, True  # `part.to_dict()`: the same part, as a dict
            continue
        step = _step(above, outermost=True)
        if step is None:
            return
        name = step.key if step.kind != "keep" else _attribute_name(above)
        if name == sdk.LEGACY_FUNCTION_CALL and _holds_function_call(shape):
            found.append(FunctionCallRead(above, node, keyed or step.kind != "keep"))
            return
        after = _after(shape, step)
        if after is None:
            return
        node, shape = above, after
    if _holds_function_call(shape) and isinstance(parent, cst.Arg):
        read = _getattr_read(ctx, node, parent)
        if read is not None:
            found.append(FunctionCallRead(read, node, keyed))
        return
    if depth:
        for use, held in _onward(ctx, node, parent, shape):
            _follow(ctx, use, held, found, depth - 1, seen)


def _holds_function_call(shape: _Shape) -> bool:
    return shape[1] == _OBJECT and shape[0] in sdk.FUNCTION_CALL_HOLDERS


def _attribute_name(node: cst.BaseExpression) -> str | None:
    return node.attr.value if isinstance(node, cst.Attribute) else None


def _access(
    ctx: PythonContext, node: cst.BaseExpression, parent: cst.CSTNode | None
) -> cst.BaseExpression | None:
    """The access applied to `node` (`node.x`, `node[k]`, the call `node.get("k")`, or the
    call of a method giving a part as a dict, `node.to_dict()`: `_as_dict`); None for
    anything else."""
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return parent
    if not isinstance(parent, cst.Attribute) or parent.value is not node:
        return None
    call = _parent(ctx, parent)
    if not isinstance(call, cst.Call) or call.func is not parent:
        return parent
    return call if parent.attr.value == "get" or _as_dict(call) else None


def _as_dict(call: cst.BaseExpression) -> bool:
    """`part.to_dict()`, `part.model_dump()`: the part as a dict (`sdk.RESPONSE_DICT_METHODS`)."""
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value in sdk.RESPONSE_DICT_METHODS
        and not call.args
    )


def _getattr_read(ctx: PythonContext, node: cst.BaseExpression, arg: cst.Arg) -> cst.Call | None:
    """The call `getattr(node, "function_call", ...)` reading `node` (given as `arg`)."""
    call = _parent(ctx, arg)
    if (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == "getattr"
        and len(call.args) >= 2
        and call.args[0] is arg
        and arg.value is node
        and string_value(call.args[1].value) == sdk.LEGACY_FUNCTION_CALL
    ):
        return call
    return None


def _onward(
    ctx: PythonContext, node: cst.BaseExpression, parent: cst.CSTNode | None, shape: _Shape
) -> list[tuple[cst.BaseExpression, _Shape]]:
    """Where what `node` holds goes next: the uses of the name it is bound to, of a loop's
    target over it (one item: a stream's chunk, a choice), or the calls of the function
    returning it."""
    if isinstance(parent, cst.Assign) and parent.value is node:
        targets = [t.target for t in parent.targets]
        return [(use, shape) for t in targets if isinstance(t, cst.Name) for use in _uses(ctx, t)]
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        item = shape if shape == _WHOLE else _item(shape)
        if item is None or not isinstance(parent.target, cst.Name):
            return []
        return [(use, item) for use in _uses(ctx, parent.target)]
    if isinstance(parent, cst.Return) and parent.value is node:
        return [(call, shape) for call in _calls_of_function(ctx, parent)]
    return []


def _uses(ctx: PythonContext, target: cst.Name) -> list[cst.Name]:
    """The reads of the binding `target` makes."""
    for binding in ctx.bindings(target):
        if isinstance(binding, Assignment) and binding.node is target:
            return [r.node for r in binding.references if isinstance(r.node, cst.Name)]
    return []


def _calls_of_function(ctx: PythonContext, statement: cst.Return) -> list[cst.Call]:
    """The module's calls, by its name, of the function `statement` returns from."""
    function = next(
        (
            p
            for p in reversed(ctx.ancestors(statement))
            if isinstance(p, (cst.FunctionDef, cst.Lambda))
        ),
        None,
    )
    scope = ctx.scope(function) if isinstance(function, cst.FunctionDef) else None
    if scope is None or not isinstance(function, cst.FunctionDef):
        return []
    calls = []
    for binding in scope[function.name.value]:
        if not isinstance(binding, Assignment) or binding.node is not function:
            continue
        for reference in binding.references:
            call = _parent(ctx, reference.node)
            if isinstance(call, cst.Call) and call.func is reference.node:
                calls.append(call)
    return calls


class LegacyTurn(NamedTuple):
    """A legacy message of a list a request sends: where to report it (the role's string,
    or the `function_call` key) and which it is (`sdk.LEGACY_FUNCTION_ROLE`, or
    `sdk.LEGACY_FUNCTION_CALL` for an assistant message carrying the call)."""

    node: cst.CSTNode
    kind: str


def message_entries(node: cst.BaseExpression) -> dict[str, cst.CSTNode] | None:
    """The entries of a message written as a dict display or `dict(role=..., ...)`, by key,
    each with the node a finding goes on (the key, or the keyword)."""
    entries = dict_entries(node)
    if entries is not None:
        return {k: e for k, e in entries.items()}
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "dict"
        and all(a.keyword is not None for a in node.args)
    ):
        return {a.keyword.value: a for a in node.args if a.keyword is not None}
    return None


def legacy_turn(node: cst.BaseExpression) -> LegacyTurn | None:
    """What message `node` is as a legacy turn (`LegacyTurn`), or None: a dict whose role is
    written "function", or one with a `function_call` entry (the assistant's call, whatever
    its role is written as: the reply's `message.role`)."""
    entries = message_entries(node)
    if entries is None:
        return None
    role = entries.get("role")
    value = role.value if isinstance(role, (cst.DictElement, cst.Arg)) else None
    if value is not None and string_value(value) == sdk.LEGACY_FUNCTION_ROLE:
        return LegacyTurn(value, sdk.LEGACY_FUNCTION_ROLE)
    call = entries.get(sdk.LEGACY_FUNCTION_CALL)
    if isinstance(call, cst.DictElement):
        return LegacyTurn(call.key, sdk.LEGACY_FUNCTION_CALL)
    if isinstance(call, cst.Arg) and call.keyword is not None:
        return LegacyTurn(call.keyword, sdk.LEGACY_FUNCTION_CALL)
    return None


def added_messages(ctx: PythonContext, name: cst.Name) -> list[cst.BaseExpression]:
    """The items the module adds to the list `name` holds where it is read (each binding
    that may reach it): `name.append(x)`, `name.insert(i, x)`, the items of a list display
    given to `name.extend([...])` or `name += [...]`; also where the list is given to a
    function of the module (`record(name, history)`, `parameter_for`), the items that
    function adds to the parameter it fills, followed `_DEPTH` calls deep."""
    uses: dict[int, cst.Name] = {}
    for binding in ctx.reaching(name):
        if not isinstance(binding, Assignment):
            continue
        if isinstance(binding.node, cst.Name):  # `name += [...]` binds it again
            uses[id(binding.node)] = binding.node
        for reference in binding.references:
            if isinstance(reference.node, cst.Name):
                uses[id(reference.node)] = reference.node
    return _added_to(ctx, list(uses.values()), _DEPTH, set())


def _added_to(
    ctx: PythonContext, uses: list[cst.Name], depth: int, seen: set[int]
) -> list[cst.BaseExpression]:
    """The items added to the list at each of `uses`, there or in the functions given it."""
    found: list[cst.BaseExpression] = []
    for use in uses:
        found += _added(ctx, use)
        param = _filled_parameter(ctx, use) if depth else None
        if param is not None and id(param) not in seen:
            seen.add(id(param))
            found += _added_to(ctx, _param_reads(ctx, param), depth - 1, seen)
    return found


def _filled_parameter(ctx: PythonContext, use: cst.Name) -> cst.Param | None:
    """The parameter of a function of the module that `use`, given as an argument, fills."""
    arg = _parent(ctx, use)
    call = _parent(ctx, arg) if isinstance(arg, cst.Arg) and arg.value is use else None
    if not isinstance(arg, cst.Arg) or not isinstance(call, cst.Call):
        return None
    found = parameter_for(ctx, call, arg)
    return found[1] if found is not None and not found[1].star else None


def _param_reads(ctx: PythonContext, param: cst.Param) -> list[cst.Name]:
    """The reads of `param` in its function, where nothing else binds its name there."""
    bindings = ctx.bindings(param.name)
    if len(bindings) != 1:
        return []
    return [
        access.node
        for binding in bindings
        if isinstance(binding, Assignment) and binding.node is param
        for access in binding.references
        if isinstance(access.node, cst.Name)
    ]


def _added(ctx: PythonContext, use: cst.Name) -> list[cst.BaseExpression]:
    parent = _parent(ctx, use)
    if isinstance(parent, cst.AugAssign) and parent.target is use:
        return _listed(parent.value) if isinstance(parent.operator, cst.AddAssign) else []
    if not isinstance(parent, cst.Attribute) or parent.value is not use:
        return []
    call = _parent(ctx, parent)
    if not isinstance(call, cst.Call) or call.func is not parent:
        return []
    method = parent.attr.value
    if method in _ADDS_ONE and len(call.args) > _ADDS_ONE[method]:
        return [call.args[_ADDS_ONE[method]].value]
    if method in _ADDS_MANY and len(call.args) == 1:
        return _listed(call.args[0].value)
    return []


def _listed(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The items of a list or tuple display (none for anything else)."""
    if isinstance(value, (cst.List, cst.Tuple)):
        return [e.value for e in value.elements if isinstance(e, cst.Element)]
    return []
