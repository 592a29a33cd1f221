"""Whether a request argument is always sent, or only when a value is set (`x if x is not None
else openai.omit`, magentic's `_if_given(self.reasoning_effort)`): ML118 keeps the choice of a
request that always asks for reasoning, and tells a person what to write for one that asks only
at times."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.passed_values import field_values, parameter_values, passed_values
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value

_DEPTH = 6  # names followed through names, parameters and fields


def always_sent(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 0) -> bool:
    """Whether `expr` is a string on every path the module shows: a literal, an `if`
    expression of such, a name whose every binding is one, a parameter whose default and the
    values the module's calls pass are such (one without a default: each call passes one), a
    field of the class (`self.X`) whose default or assignments are. A value that may be
    None or the SDK's `omit` (an attribute the class does not set, a call) is not."""
    if string_value(expr) is not None:
        return True
    if depth >= _DEPTH:
        return False
    deeper = depth + 1
    if isinstance(expr, cst.IfExp):
        return always_sent(ctx, expr.body, deeper) and always_sent(ctx, expr.orelse, deeper)
    if isinstance(expr, cst.Attribute) and self_attribute(expr):
        field = field_values(ctx, expr, lambda d: always_sent(ctx, d, deeper))
        values = field[1] if field is not None else ctx.self_values(expr)
        return (field is not None or bool(values)) and all(
            always_sent(ctx, v, deeper) for v in values
        )
    if not isinstance(expr, cst.Name):
        return False
    bound = ctx.reaching(expr)
    if len(bound) == 1 and isinstance(param := getattr(bound[0], "node", None), cst.Param):
        with_default = parameter_values(ctx, expr, lambda d: always_sent(ctx, d, deeper))
        if with_default is not None:
            passed = with_default[1]
        elif param.default is None and (found := passed_values(ctx, expr)) is not None:
            passed = found[1] or [cst.Name("None")]  # no call in the module shows one
        else:
            return False
        return all(always_sent(ctx, v, deeper) for v in passed)
    assigned = [
        ctx.index.assigned.get(id(b.node)) if isinstance(b, Assignment) else None for b in bound
    ]
    return bool(assigned) and all(v is not None and always_sent(ctx, v, deeper) for v in assigned)


def unset_subject(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The value `expr` sends, where it sends nothing when that value is None: a name or
    attribute itself, the other side of `x if x is not None else openai.omit` (or `x or
    None`), the argument of a call of the module's function whose one `return` is such
    (magentic's `_if_given(self.reasoning_effort)`); None where the code does not show one."""
    if _plain(expr):
        return expr
    found = _unless_unset(ctx, expr)
    if found is not None:
        return found if _plain(found) else None
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name)):
        return None
    if len(expr.args) != 1 or expr.args[0].keyword is not None or expr.args[0].star:
        return None
    bound = ctx.bindings(expr.func)
    function = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if not isinstance(function, cst.FunctionDef):
        return None
    params = function.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params:
        return None
    returned = ctx.return_of(function)
    inner = _unless_unset(ctx, returned) if returned is not None else None
    given = expr.args[0].value
    if isinstance(inner, cst.Name) and inner.value == params.params[0].name.value:
        return given if _plain(given) else None
    return None


def _unless_unset(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression | None:
    """`x` of `x if ... else omit`, `omit if ... else x` or `x or omit` (omit: None or the
    SDK's `omitted` values)."""
    if isinstance(expr, cst.IfExp):
        if _unset(ctx, expr.orelse):
            return expr.body
        if _unset(ctx, expr.body):
            return expr.orelse
    if (
        isinstance(expr, cst.BooleanOperation)
        and isinstance(expr.operator, cst.Or)
        and _unset(ctx, expr.right)
    ):
        return expr.left
    return None


def _unset(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """None, or the SDK's value for "send nothing" (`openai.omit`, `NOT_GIVEN`, `Omit()`)."""
    if isinstance(expr, cst.Name) and expr.value == "None":
        return True
    if isinstance(expr, cst.Call) and not expr.args:
        return bool(ctx.qualnames(expr.func) & sdk.OMITTED_CLASSES)
    return bool(ctx.qualnames(expr) & sdk.OMITTED_VALUES)


def _plain(expr: cst.BaseExpression) -> bool:
    """A name or an attribute chain on one."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name) and expr.value not in ("None", "True", "False")
