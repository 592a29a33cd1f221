"""The calls of another module of the project giving a parameter of a top-level function of
this one a value naming OpenAI (`RunFacts.foreign_key_calls`, read by the engine:
`migrate_llm.foreign_key_calls`), for `clients.openai_named` (review r2, s68)."""

from __future__ import annotations

import os

import libcst as cst

from migrate_llm.foreign_key_calls import ForeignKeyCall
from migrate_llm.rules.python_context import PythonContext


def foreign_openai_caller(ctx: PythonContext, name: cst.Name) -> ForeignKeyCall | None:
    """The first call (by module and line) of another module of the project giving the
    parameter `name` is bound to (its only binding; a parameter of a function of the
    module's top level) a value naming OpenAI; None where there is none."""
    calls = ctx.rules.facts.foreign_key_calls
    if not calls or not ctx.path:
        return None
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(param := getattr(bound[0], "node", None), cst.Param):
        return None
    parents = ctx.ancestors(param)
    if len(parents) < 3 or not isinstance(parents[-3], cst.Module):
        return None
    function = parents[-2]
    if not isinstance(function, cst.FunctionDef):
        return None
    params = function.params
    positional = [*params.posonly_params, *params.params]
    index = next((i for i, p in enumerate(positional) if p is param), None)
    wanted = {param.name.value, *([f"#{index}"] if index is not None else [])}
    here = os.path.abspath(ctx.path)
    found = [
        call
        for call in calls
        if call.module == here and call.function == function.name.value and call.param in wanted
    ]
    return min(found, key=lambda c: (c.caller, c.line)) if found else None
