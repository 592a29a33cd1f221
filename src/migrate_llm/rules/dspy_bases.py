"""The base URL of DSPy's legacy OpenAI class, and the words saying what it is given.

dspy 2.4 hands `api_base` to the openai module's client as it is (`fw_dspy.SLASHED_BASE`):
on openai>=1 a base URL without a trailing slash sends each request to `.../v1chat/
completions` (t53e: 404 on every call, `check` green on apply's own output). So apply writes
the provider's base URL ending with a slash there (as it does for `openai.base_url = ...`),
and a base URL of the provider given without one is reported (`needs_slash`).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import dspy as fw_dspy
from migrate_llm.registry import Provider
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import (
    base_url_expr,
    key_expr,
    literal,
    module_base_url_expr,
)
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import string_like

SLASH = "/"


def legacy_base_expr(ctx: PythonContext, provider: Provider, url: str) -> str:
    """The base URL apply gives DSPy's legacy class: ending with a slash, as openai>=1's
    module client takes it (`module_base_url_expr`); as it is where the project's
    requirements keep openai<1 (`RunFacts.openai_v0_kept`), which joins `/chat/completions`
    to it."""
    if ctx.rules.facts.openai_v0_kept:
        return base_url_expr(provider, url)
    return module_base_url_expr(provider, url)


def without_slash(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`X` of `X.rstrip("/") + "/"` (the base URL `legacy_base_expr` writes), else `expr`."""
    if (
        isinstance(expr, cst.BinaryOperation)
        and isinstance(expr.operator, cst.Add)
        and string_value(expr.right) == SLASH
        and isinstance(expr.left, cst.Call)
        and isinstance(expr.left.func, cst.Attribute)
        and expr.left.func.attr.value == "rstrip"
    ):
        return expr.left.func.value
    return expr


def needs_slash(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a base URL given to DSPy's legacy class may end without a slash: a string
    (written, or a constant's) that does not, or a read of an environment variable, which
    may hold one without (not `X.rstrip("/") + "/"`, `X + "/"`, an f-string ending so).
    Anything else (a call, an attribute) is not known, and not reported; nor is any where
    the project stays on openai<1 (`legacy_base_expr`)."""
    if ctx.rules.facts.openai_v0_kept:
        return False
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return not (string_value(expr.right) or "").endswith(SLASH)
    if isinstance(expr, cst.FormattedString):
        last = expr.parts[-1] if expr.parts else None
        return not (isinstance(last, cst.FormattedStringText) and last.value.endswith(SLASH))
    resolved = ctx.resolve_literal(expr)
    if resolved is not None:
        return not resolved[1].endswith(SLASH)
    return env_var_read(ctx, expr) is not None


def slashed(ctx: PythonContext, expr: cst.BaseExpression) -> str:
    """The code of `expr` ending with a slash: a string literal with one added, else
    `expr.rstrip("/") + "/"` (in brackets where it is not an atom)."""
    value = string_value(expr) if isinstance(expr, cst.SimpleString) else None
    if value is not None:
        return string_like(expr, value + SLASH)
    code = ctx.code(expr)
    if not isinstance(expr, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        code = f"({code})"
    return f"{code}.rstrip({literal(SLASH)}) + {literal(SLASH)}"


def endpoint_keywords(
    ctx: PythonContext, provider: Provider, url: str, chat: tuple[str, str] | None
) -> str:
    """What a construction of DSPy's legacy class is given for the provider, as every
    message says it: `api_key=os.environ["K"], api_base=<legacy_base_expr> and
    model_type="chat"` (`chat`: the keyword choosing the chat API and its value, None where
    the call has it)."""
    base = legacy_base_expr(ctx, provider, url)
    given = [f"{fw_dspy.API_KEY}={key_expr(provider)}", f"{fw_dspy.API_BASE}={base}"]
    if chat is not None:
        given.append(f"{chat[0]}={literal(chat[1])}")
    return ", ".join(given[:-1]) + " and " + given[-1]
