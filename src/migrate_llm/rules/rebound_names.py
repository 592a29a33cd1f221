"""The one binding a use of a name refers to, where a parameter its function rebinds counts
(t68a: agentscope's `kwargs = {"model": ..., **kwargs}` then `create(**kwargs)`).

libcst's scope analysis gives every use of such a name both bindings, the parameter's and the
assignment's; code reading only names bound once took the request's dict for an unknown
mapping. A rebinding in a statement of the function's body itself (not under an `if`, a loop,
a `with`) replaces the parameter for every use after it, so those uses read the assignment,
and the uses before it (or in its value, `{**kwargs}`) the parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.python_context import PythonContext


def bound_once(ctx: PythonContext, name: cst.Name) -> Assignment | None:
    """The one binding a use of `name` refers to: a name bound once, or a parameter the
    function body rebinds in a statement of its own (`kwargs = {"model": m, **kwargs}`,
    agentscope's request dict bound to the name of its `**kwargs`): the assignment for a use
    after that statement, the parameter for one before it or in its value. None for
    anything else (a name bound in branches, in a loop, twice)."""
    bound = ctx.bindings(name)
    if len(bound) == 1:
        return bound[0] if isinstance(bound[0], Assignment) else None
    rebinding = rebound_parameter(ctx, bound)
    if rebinding is None or ctx.scope(name) is not ctx.scope(rebinding[1].node):
        return None
    param, assigned, statement = rebinding
    return assigned if ctx.span(name).start >= ctx.span(statement).end else param


def rebound_parameter(
    ctx: PythonContext, bound: Sequence[object]
) -> tuple[Assignment, Assignment, cst.SimpleStatementLine] | None:
    """For the two bindings of a parameter that its function's body rebinds once, in a
    statement of the body itself (`name = ...`, not under an `if`, a loop or a `with`): the
    parameter's, the assignment's and that statement; else None."""
    if len(bound) != 2 or not all(isinstance(b, Assignment) for b in bound):
        return None
    param, assigned = cast(tuple[Assignment, Assignment], tuple(bound))
    if isinstance(assigned.node, cst.Param):
        param, assigned = assigned, param
    if not isinstance(param.node, cst.Param) or not isinstance(assigned.node, cst.Name):
        return None
    parents = ctx.ancestors(assigned.node)
    if len(parents) < 5:
        return None
    target, assign, statement, block, function = (parents[-k] for k in range(1, 6))
    if not (
        isinstance(target, cst.AssignTarget)
        and isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(statement, cst.SimpleStatementLine)
        and isinstance(block, cst.IndentedBlock)
        and isinstance(function, cst.FunctionDef)
        and function.body is block
        and any(p is param.node for p in _parameters(function.params))
    ):
        return None
    return param, assigned, statement


def _parameters(params: cst.Parameters) -> list[cst.Param]:
    star = [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return [*params.posonly_params, *params.params, *params.kwonly_params, *star]


def references_to(ctx: PythonContext, binding: Assignment) -> list[cst.CSTNode]:
    """The uses of a name that refer to `binding` (`bound_once`): all its references, but those
    of another binding of a rebound parameter."""
    return [
        r.node
        for r in binding.references
        if not isinstance(r.node, cst.Name)
        or len(ctx.bindings(r.node)) == 1
        or bound_once(ctx, r.node) is binding
    ]
