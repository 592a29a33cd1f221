"""The calls of the module that fill a request's `**kwargs` wrapper, where ML118 writes the
thinking switch: tree-of-thought-llm's `completions_with_backoff(**kwargs)`, which sends
`ChatCompletion.create(**kwargs)`, called by `chatgpt(messages, model="gpt-4", ...)` as
`completions_with_backoff(model=model, messages=messages, ...)`. The call names the model, so
it is read as the request, and an `extra_body=` added there reaches the request as it is.

Only where that holds for certain: the request gives neither `model=` nor `extra_body=`
itself and spreads no mapping but the function's `**kwargs`, which the function uses nowhere
else and names no parameter `extra_body`; the function is no method (a subclass may override
it) and has no decorator but those known to call it with the arguments they are given
(`openai_sdk.ARGUMENT_KEEPING_DECORATORS`: backoff's, tenacity's `retry`), since another
(`functools.lru_cache`) may not take a dict.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.forwarding import Forwarding, function_label
from migrate_llm.rules.python_context import PythonContext, keyword


class KwargsCallers(NamedTuple):
    """The function spreading its `**kwargs` into the request (`label`: `send()`), the
    request's line (`line 4`), the module's calls of it that give `model=`, and whether
    those are all its calls in the module (`every`: not where one hands on a `**kw` of its
    own, whose model the module's calls of that function give)."""

    label: str
    line: str
    calls: list[cst.Call]
    every: bool


def kwargs_callers(ctx: PythonContext, request: cst.Call) -> KwargsCallers | None:
    """The calls of the module filling the `**kwargs` that `request` spreads, where ML118 may
    read each as the request (see the module's docstring); None where it may not."""
    spreads = [a for a in request.args if a.star == "**"]
    if len(spreads) != 1 or keyword(request, "model") or keyword(request, "extra_body"):
        return None
    forwarding = Forwarding.of(ctx)
    source = forwarding.kwargs_of(spreads[0].value)
    if source is None:
        return None
    function, param = source
    params = function.params
    if any(p.name.value == "extra_body" for p in (*params.params, *params.kwonly_params)):
        return None
    parents = ctx.ancestors(function)
    if len(parents) >= 2 and isinstance(parents[-2], cst.ClassDef):
        return None
    if not all(_keeps_arguments(ctx, d) for d in function.decorators):
        return None
    bound = ctx.bindings(param.name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    if [r.node for r in bound[0].references] != [spreads[0].value]:
        return None  # used elsewhere too: an `extra_body` entry may reach another call
    every = [call for call, _ in forwarding.calls().get(id(function), [])]
    calls = [call for call in every if keyword(call, "model") is not None]
    line = ctx.line_label(ctx.position(request)[0][0])
    label = f"{function_label(ctx, function)}()"
    return KwargsCallers(label, line, calls, len(calls) == len(every))


def _keeps_arguments(ctx: PythonContext, decorator: cst.Decorator) -> bool:
    """Whether a decorator calls the function with the arguments it is given, by its table."""
    expr = decorator.decorator
    func = expr.func if isinstance(expr, cst.Call) else expr
    return bool(ctx.qualnames(func) & sdk.ARGUMENT_KEEPING_DECORATORS)
