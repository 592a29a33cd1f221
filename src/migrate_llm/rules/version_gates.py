"""Code that runs only on openai<1.0: the branch a test of the installed SDK's version keeps
from openai>=1.0 (`openai.ChatCompletion if not is_openai_v1() else ...`). The legacy rules
leave it as it is: migrated, it would no longer run where it is meant to run."""

from __future__ import annotations

import itertools

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# a word each test of `v1_test` holds: the functions' names (`_is_v1` holds `is_v1`),
# `hasattr`, and the version attributes' last names
_GATE_WORDS = frozenset(
    (
        *(name.lstrip("_") for name in sdk.V1_TEST_FUNCTIONS),
        "hasattr",
        *(name.rsplit(".", 1)[-1] for name in sdk.VERSION_ATTRIBUTES | sdk.VERSION_READERS),
        "ImportError",
    )
)


def v0_only_gate(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The test under which `node` runs only on openai<1.0: of a conditional expression or an
    `if` statement whose other branch holds it, or of an `if` before it in the same block
    whose openai>=1.0 branch returns or raises; or the import of openai>=1.0's client (`from
    openai import OpenAI`) in the `try:` body of the `except ImportError:` holding it. None
    when no such test encloses it."""
    if not any(ctx.mentions(word) for word in _GATE_WORDS):
        return None  # most modules: no walk of the blocks around each legacy finding
    path = (*ctx.ancestors(node), node)
    for outer, child in itertools.pairwise(path):
        if isinstance(outer, cst.Try) and child in outer.handlers:
            assert isinstance(child, cst.ExceptHandler)
            found = _v1_import(ctx, outer.body) if _catches_import_error(child) else None
            if found is not None:
                return found
        elif isinstance(outer, (cst.IfExp, cst.If)):
            v1 = v1_test(ctx, outer.test)
            if (v1 is True and child is outer.orelse) or (v1 is False and child is outer.body):
                return outer.test
        elif isinstance(outer, (cst.Module, cst.IndentedBlock)):
            for statement in outer.body:
                if statement is child:
                    break
                if isinstance(statement, cst.If) and _returns_on_v1(ctx, statement):
                    return statement.test
    return None


def v1_test(ctx: PythonContext, expr: cst.BaseExpression, bound: bool = False) -> bool | None:
    """True when `expr` tells openai>=1.0 (`is_openai_v1()`, `hasattr(openai, "OpenAI")`,
    `openai.__version__ >= "1.0.0"`, a name bound once to one of these), False when it tells
    openai<1.0 (`not ...`, `Version(openai.__version__) < Version("1")`), None otherwise."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        inner = v1_test(ctx, expr.expression, bound)
        return None if inner is None else not inner
    if isinstance(expr, cst.Call):
        return _v1_call(ctx, expr)
    if isinstance(expr, cst.Comparison):
        return _version_comparison(ctx, expr)
    if isinstance(expr, cst.Name) and not bound:
        value = ctx.bound_value(expr)
        return None if value is None else v1_test(ctx, value, bound=True)
    return None


def _v1_call(ctx: PythonContext, call: cst.Call) -> bool | None:
    """True for `is_openai_v1()` (also a method of that name) or `hasattr(openai, "OpenAI")`,
    else None. Not `hasattr(openai, "ChatCompletion")`: openai>=1.0 keeps the old names as
    proxies that raise when used, so that test holds on both."""
    name = last_name(call.func)
    if name in sdk.V1_TEST_FUNCTIONS:
        return True if not call.args else None
    if name != "hasattr" or not isinstance(call.func, cst.Name) or len(call.args) != 2:
        return None
    attribute = string_value(call.args[1].value)
    if attribute in sdk.V1_ONLY_ATTRIBUTES and ctx.is_openai_module(call.args[0].value):
        return True
    return None


def _version_comparison(ctx: PythonContext, comparison: cst.Comparison) -> bool | None:
    """`installed >= "1.0.0"` is True, `installed < "1.0.0"` False (also written the other way
    round); None for other comparisons (`>= "1.1.0"` also holds on none of openai<1.0, but
    its other side runs on openai 1.0 too)."""
    if len(comparison.comparisons) != 1:
        return None
    target = comparison.comparisons[0]
    left, operator, right = comparison.left, target.operator, target.comparator
    if _installed(ctx, left) and _v1_literal(right):
        tells = {cst.GreaterThanEqual: True, cst.LessThan: False}
    elif _v1_literal(left) and _installed(ctx, right):
        tells = {cst.LessThanEqual: True, cst.GreaterThan: False}
    else:
        return None
    return tells.get(type(operator))


def _parsed(expr: cst.BaseExpression) -> cst.BaseExpression:
    """The argument of `Version(x)` / `parse(x)`; `expr` itself otherwise."""
    if (
        isinstance(expr, cst.Call)
        and last_name(expr.func) in sdk.VERSION_PARSERS
        and len(expr.args) == 1
        and expr.args[0].keyword is None
    ):
        return expr.args[0].value
    return expr


def _installed(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """`openai.__version__`, `openai.version.VERSION`, `importlib.metadata.version("openai")`,
    or one of them through a version parser."""
    expr = _parsed(expr)
    if isinstance(expr, cst.Call):
        return (
            len(expr.args) == 1
            and string_value(expr.args[0].value) == "openai"
            and bool(ctx.qualnames(expr.func) & sdk.VERSION_READERS)
        )
    return bool(ctx.qualnames(expr) & sdk.VERSION_ATTRIBUTES)


def _v1_literal(expr: cst.BaseExpression) -> bool:
    """`"1"`, `"1.0"` or `"1.0.0"`, or one of them through a version parser."""
    return string_value(_parsed(expr)) in sdk.V1_VERSION_LITERALS


def _returns_on_v1(ctx: PythonContext, statement: cst.If) -> bool:
    """`if is_openai_v1(): ... return x` without an `else`: what follows it runs only on
    openai<1.0."""
    if statement.orelse is not None or v1_test(ctx, statement.test) is not True:
        return False
    body = statement.body.body
    last = body[-1] if body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return isinstance(last, (cst.Return, cst.Raise))


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    """`except ImportError:` or `except ModuleNotFoundError:` (alone, or in a tuple)."""
    kind = handler.type
    kinds = [e.value for e in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    return any(last_name(k) in ("ImportError", "ModuleNotFoundError") for k in kinds if k)


def _v1_import(ctx: PythonContext, body: cst.BaseSuite) -> cst.ImportFrom | None:
    """The statement of `body` importing openai>=1.0's client (`from openai import
    OpenAI`): where it fails, openai<1.0 is installed."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                isinstance(small, cst.ImportFrom)
                and small.module is not None
                and not small.relative
                and get_full_name_for_node(small.module) == "openai"
                and not isinstance(small.names, cst.ImportStar)
                and any(
                    get_full_name_for_node(a.name) in sdk.V1_ONLY_ATTRIBUTES for a in small.names
                )
            ):
                return small
    return None
