"""Where a litellm call whose model is chosen at run time gets the provider's key and base URL.

Such a call may send a model on any of litellm's routes (`ollama/`, `openai/` with the
program's own `api_base`, `bedrock/`): a key and base URL given whatever the model goes to
each of them. Given only where a test holds the provider's route
(`if model.startswith("deepseek/"):`, `x if model.startswith("deepseek/") else None`), they
reach the provider alone. ML640 reads the call's keywords, the entries of the dict display it
spreads and the entries the function sets on that dict before the call
(`params["api_key"] = ...`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.rules.python_context import (
    PythonContext,
    ends_in_exit,
    scope_assignments,
    string_value,
)


@dataclass(frozen=True)
class EndpointPart:
    """A key or base URL a call is given: its keyword (`api_key`), its value (the taken branch
    of `x if <route test> else y`), whether it reaches the call only on the provider's route
    (`guarded`) and whether a test of something else decides whether it does (`other`)."""

    keyword: str
    value: cst.BaseExpression
    guarded: bool
    other: bool = False


def route_test(
    test: cst.BaseExpression, prefix: str, model: cst.BaseExpression | None = None
) -> bool:
    """Whether `test` holds only for a model on litellm's route `prefix`: `m.startswith(
    "deepseek/")` (a tuple of such strings too), `m == "deepseek"` or `"deepseek/" in m`, or an
    `and` holding one (an `or` where every side is one). Given `model`, the expression a call
    sends as its model, `m` must be that very expression, a name or attribute (r3: `if not
    provider == "moonshot": raise` or a test of `route` says nothing of `model=model`, nor
    one of `model` of `model=model.split("/", 1)[1]`), and `m == "deepseek"` counts only so."""
    if isinstance(test, cst.BooleanOperation):
        sides = (route_test(test.left, prefix, model), route_test(test.right, prefix, model))
        return any(sides) if isinstance(test.operator, cst.And) else all(sides)
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute):
        if test.func.attr.value != "startswith" or not test.args:
            return False
        if not _tests(test.func.value, model):
            return False
        given = test.args[0].value
        heads = [e.value for e in given.elements] if isinstance(given, cst.Tuple) else [given]
        return all(_on_route(string_value(h), prefix) for h in heads)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, cst.Equal):
            pairs = ((test.left, target.comparator), (target.comparator, test.left))
            return any(
                _tests(other, model)
                and ((v := string_value(held)) == prefix or _on_route(v, prefix))
                for held, other in pairs
            )
        if isinstance(target.operator, cst.In):
            return _tests(target.comparator, model) and _on_route(string_value(test.left), prefix)
    return False


def _tests(tested: cst.BaseExpression, model: cst.BaseExpression | None) -> bool:
    """Whether a route test of `tested` tests the model a call sends (`model`; None: not
    known, any): the same name, attribute or string-keyed entry (`_reference`)."""
    if model is None:
        return True
    sent = _reference(model)
    return sent is not None and _reference(tested) == sent


def _reference(expr: cst.BaseExpression) -> tuple[str, ...] | None:
    """A name, attribute or string-keyed entry as the steps reaching it (`kwargs["model"]`:
    `("kwargs", "[model]")`, `self.model`: `("self", ".model")`); None for anything else."""
    if isinstance(expr, cst.Name):
        return (expr.value,)
    if isinstance(expr, cst.Attribute):
        head = _reference(expr.value)
        return None if head is None else (*head, f".{expr.attr.value}")
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        key = string_value(index.value) if isinstance(index, cst.Index) else None
        head = _reference(expr.value)
        return None if head is None or key is None else (*head, f"[{key}]")
    return None


def _rebinds(target: cst.BaseExpression, model: cst.BaseExpression) -> bool:
    """Whether an assignment to `target` (a tuple's elements too) binds `model` anew: it, or
    what holds it (`kwargs = ...` for `kwargs["model"]`)."""
    if isinstance(target, cst.Tuple | cst.List):
        return any(_rebinds(e.value, model) for e in target.elements)
    if isinstance(target, cst.StarredElement):
        return _rebinds(target.value, model)
    bound, sent = _reference(target), _reference(model)
    return bound is not None and sent is not None and sent[: len(bound)] == bound


def kept_until(
    ctx: PythonContext, test: cst.CSTNode, call: cst.CSTNode, model: cst.BaseExpression
) -> bool:
    """Whether nothing assigns `model` (the name or attribute a route test tests and `call`
    sends) between the test and the call (r3 j2: `model = fallback` past the guard)."""
    start, end = ctx.ends[ctx.index_of(test)], ctx.index_of(call)
    for node in ctx.nodes[start:end]:
        targets: list[cst.BaseExpression] = []
        if isinstance(
            node, cst.AssignTarget | cst.AnnAssign | cst.AugAssign | cst.For | cst.NamedExpr
        ):
            targets = [node.target]
        elif isinstance(node, cst.AsName):
            targets = [cast(cst.BaseExpression, node.name)]
        if any(_rebinds(t, model) for t in targets):
            return False
    return True


def _on_route(value: str | None, prefix: str) -> bool:
    return value is not None and value.startswith(f"{prefix}/")


def on_route(model: cst.BaseExpression, prefix: str) -> bool:
    """Whether a model built at run time starts with the route (`f"deepseek/{name}"`,
    `"deepseek/" + name`)."""
    if isinstance(model, cst.FormattedString) and model.parts:
        head = model.parts[0]
        return isinstance(head, cst.FormattedStringText) and _on_route(head.value, prefix)
    if isinstance(model, cst.BinaryOperation) and isinstance(model.operator, cst.Add):
        return _on_route(string_value(model.left), prefix) or on_route(model.left, prefix)
    return False


@dataclass(frozen=True)
class Sent:
    """The call a route test must decide and the expressions that are the model it sends
    (none: the module does not show it, and no test is taken as the route's)."""

    call: cst.CSTNode
    models: tuple[cst.BaseExpression, ...]


def decides(ctx: PythonContext, test: cst.BaseExpression, prefix: str, sent: Sent | None) -> bool:
    """Whether `test` is a route test (`route_test`) of the model `sent.call` sends: of that
    very name or attribute, which nothing assigns between the test and the call."""
    if sent is None:
        return route_test(test, prefix)
    return any(
        route_test(test, prefix, model) and kept_until(ctx, test, sent.call, model)
        for model in sent.models
    )


def guarded(
    ctx: PythonContext,
    node: cst.CSTNode,
    prefix: str,
    within: cst.CSTNode,
    sent: Sent | None = None,
) -> bool:
    """Whether `node` runs only where a route test holds: in the body of an `if` / `elif`
    (inside `within`, the function) whose test is `route_test`, or after `if not <route
    test>:` whose body ends in `return` or `raise`, in the same block (t67b: a raise is as
    good as a return); given `sent`, a test of the model that call sends (`decides`)."""
    path = (*ctx.ancestors(node), node)
    start = path.index(within) if within in path else 0
    return any(
        (
            isinstance(parent, cst.If)
            and child is parent.body
            and decides(ctx, parent.test, prefix, sent)
        )
        or _past_refusal(ctx, parent, child, prefix, sent)
        for parent, child in zip(path[start:], path[start + 1 :], strict=False)
    )


def _past_refusal(
    ctx: PythonContext, parent: cst.CSTNode, child: cst.CSTNode, prefix: str, sent: Sent | None
) -> bool:
    """Whether `child`, a statement of the block `parent`, follows `if not <route test>:`
    whose body ends in an exit: past it, the test held."""
    if not isinstance(parent, cst.IndentedBlock | cst.Module) or child not in parent.body:
        return False
    before = parent.body[: parent.body.index(cast(cst.BaseStatement, child))]
    return any(
        isinstance(s, cst.If)
        and isinstance(s.test, cst.UnaryOperation)
        and isinstance(s.test.operator, cst.Not)
        and decides(ctx, s.test.expression, prefix, sent)
        and ends_in_exit(s.body)
        for s in before
    )


def call_guarded(
    ctx: PythonContext, call: cst.CSTNode, prefix: str, models: tuple[cst.BaseExpression, ...]
) -> bool:
    """Whether `call` runs only where a route test of the model it sends (`models`: the
    expressions that are it) holds (`guarded` within its function)."""
    return guarded(ctx, call, prefix, _function(ctx, call), Sent(call, models))


def past_route(
    ctx: PythonContext, node: cst.CSTNode, prefix: str, sent: Sent | None = None
) -> bool:
    """Whether `node` runs only where the route test failed, the route's own call being the
    one under the test: in the `else` / `elif` of an `if` whose test is `route_test`, or after
    such an `if` whose body ends in `return` or `raise`, in the same block; or in the body
    of `if not <route test>:`. Given `sent`, a test of the model that call sends (`decides`:
    ML645's `else` call of t60e's command)."""
    path = (*ctx.ancestors(node), node)
    for parent, child in itertools.pairwise(path):
        if (
            isinstance(parent, cst.If)
            and child is parent.orelse
            and decides(ctx, parent.test, prefix, sent)
        ):
            return True
        if (
            isinstance(parent, cst.If)
            and child is parent.body
            and isinstance(parent.test, cst.UnaryOperation)
            and isinstance(parent.test.operator, cst.Not)
            and decides(ctx, parent.test.expression, prefix, sent)
        ):
            return True
        if isinstance(parent, cst.IndentedBlock) and child in parent.body:
            before = parent.body[: parent.body.index(cast(cst.BaseStatement, child))]
            if any(
                isinstance(s, cst.If)
                and decides(ctx, s.test, prefix, sent)
                and ends_in_exit(s.body)
                for s in before
            ):
                return True
    return False


def _value(
    ctx: PythonContext,
    keyword: str,
    value: cst.BaseExpression,
    holder: cst.CSTNode,
    prefix: str,
    sent: Sent | None,
) -> EndpointPart:
    """The part a value given at `holder` is: the route's branch of `x if <test> else y`."""
    within = _function(ctx, holder)
    if isinstance(value, cst.IfExp) and decides(ctx, value.test, prefix, sent):
        return EndpointPart(keyword, value.body, True)
    return EndpointPart(keyword, value, guarded(ctx, holder, prefix, within, sent))


def _function(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode:
    return next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)),
        ctx.module,
    )


def call_parts(
    ctx: PythonContext,
    call: cst.Call,
    given: dict[str, cst.BaseExpression],
    spread: cst.Name | None,
    names: tuple[str, ...],
    prefix: str,
    displays: bool = False,
    models: tuple[cst.BaseExpression, ...] = (),
) -> list[EndpointPart]:
    """The key and base URL (`names`) `call` is given: `given` (its keywords, or the entries
    of the dict display it spreads) and, for `call(**params)` (`spread`), the entries the
    function sets on `params` before the call (`params["api_key"] = ...`) and, with
    `displays` (a call given its model as a keyword beside `**params`), those of each dict
    display it binds `params` to before it (`params = {"api_key": ...}` or `dict(api_key=...)`
    under a route test, or `{...} if <route test> else {}`); one set under another test
    (`if "ollama" in model:`) is marked `other`. A route test counts only where it tests
    one of `models`, the expressions that are the model the call sends (`decides`)."""
    sent = Sent(call, models)
    found = [_value(ctx, k, v, call, prefix, sent) for k, v in given.items() if k in names]
    if spread is None:
        return found
    above = set(map(id, ctx.ancestors(call)))
    sets = [(a, k, v, False) for a, k, v in _entry_sets(ctx, call, spread, names)]
    if displays:
        sets += _display_sets(ctx, call, spread, names, prefix, sent)
    for assign, keyword, value, tested_route in sets:
        part = _value(ctx, keyword, value, assign, prefix, sent)
        if tested_route:
            part = EndpointPart(keyword, value, True)
        tested = any(isinstance(a, cst.If) and id(a) not in above for a in ctx.ancestors(assign))
        found.append(
            part if part.guarded or not tested else EndpointPart(keyword, part.value, False, True)
        )
    return found


def _display_sets(
    ctx: PythonContext,
    call: cst.Call,
    spread: cst.Name,
    names: tuple[str, ...],
    prefix: str,
    sent: Sent,
) -> Iterator[tuple[cst.Assign, str, cst.BaseExpression, bool]]:
    """The assignments `params = {"api_key": ...}` (or `dict(api_key=...)`) of the function
    holding `call`, before it, on the name it spreads, with each keyword of `names` the display
    sets, its value and whether the route's test alone gives it (`params = {...} if
    <route test> else {}`: the first display's entries)."""
    at = ctx.index_of(call)
    for assign in scope_assignments(ctx, call):
        if ctx.index_of(assign) > at or len(assign.targets) != 1:
            continue
        target = assign.targets[0].target
        if not (isinstance(target, cst.Name) and target.value == spread.value):
            continue
        value = assign.value
        if isinstance(value, cst.IfExp) and decides(ctx, value.test, prefix, sent):
            yield from ((assign, k, v, True) for k, v in _displayed(value.body, names))
            value = value.orelse
        yield from ((assign, k, v, False) for k, v in _displayed(value, names))


def _displayed(
    value: cst.BaseExpression, names: tuple[str, ...]
) -> Iterator[tuple[str, cst.BaseExpression]]:
    """The keywords of `names` a dict display (`{"api_key": ...}`) or a call of `dict` with
    keywords (`dict(api_key=...)`) sets, with their values."""
    if isinstance(value, cst.Dict):
        for element in value.elements:
            if isinstance(element, cst.DictElement):
                keyword = string_value(element.key)
                if keyword in names:
                    yield keyword, element.value
    elif isinstance(value, cst.Call) and _is_dict(value):
        for arg in value.args:
            if arg.keyword is not None and arg.keyword.value in names:
                yield arg.keyword.value, arg.value


def _is_dict(call: cst.Call) -> bool:
    return isinstance(call.func, cst.Name) and call.func.value == "dict"


def _entry_sets(
    ctx: PythonContext, call: cst.Call, spread: cst.Name, names: tuple[str, ...]
) -> Iterator[tuple[cst.Assign | cst.Call, str, cst.BaseExpression]]:
    """The assignments `params["api_key"] = ...` (and `params.setdefault("api_key", ...)`)
    of the function holding `call`, before it, on the name it spreads, with the keyword each
    sets."""
    at = ctx.index_of(call)
    for assign in scope_assignments(ctx, call):
        if ctx.index_of(assign) > at or len(assign.targets) != 1:
            continue
        target = assign.targets[0].target
        if not (
            isinstance(target, cst.Subscript)
            and isinstance(target.value, cst.Name)
            and target.value.value == spread.value
            and len(target.slice) == 1
            and isinstance(target.slice[0].slice, cst.Index)
        ):
            continue
        keyword = string_value(target.slice[0].slice.value)
        if keyword in names:
            yield assign, keyword, assign.value
    yield from _setdefault_sets(ctx, call, spread, names)


def _setdefault_sets(
    ctx: PythonContext, call: cst.Call, spread: cst.Name, names: tuple[str, ...]
) -> Iterator[tuple[cst.Call, str, cst.BaseExpression]]:
    """The calls `params.setdefault("api_key", ...)` of the function holding `call`, before
    it, on the name it spreads, with the keyword each sets (t65c R3: as an entry assigned)."""
    above = ctx.ancestors(call)
    scope = next((a for a in reversed(above) if type(a) is cst.FunctionDef), None)
    start = ctx.index_of(scope) if scope is not None else 0
    for node in ctx.nodes[start : ctx.index_of(call)]:
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "setdefault"
            and isinstance(node.func.value, cst.Name)
            and node.func.value.value == spread.value
            and len(node.args) == 2
            and not any(a.star or a.keyword for a in node.args)
        ):
            continue
        keyword = string_value(node.args[0].value)
        if keyword in names:
            yield node, keyword, node.args[1].value
