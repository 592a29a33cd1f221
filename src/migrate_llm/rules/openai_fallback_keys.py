"""A key given to a client already pointed at the target that may still be the OpenAI key: a
value naming OpenAI (`clients.openai_named`: `self.api_key` set from an `openai_api_key`
parameter, `cfg.openai_key`) or a config entry named for it (`config.get("openai_api_key")`)
that the key expression can evaluate to, as an operand of `or`, a branch of `x if c else y`,
the default of an environment read (`os.environ.get("ZAI_API_KEY", my_api_key)`) or a value
a name or `self.X` is bound to. Where the provider's variable is unset, that value is what
the client sends to the provider. Which key it should be is a person's choice (manual)."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value


@dataclass(frozen=True)
class OpenAIFallback:
    """The part of the key (`value`) naming OpenAI, and where its OpenAI name shows: `value`
    itself, or the value it is set from (`origin`: `openai_api_key` of `self.api_key =
    openai_api_key`)."""

    value: cst.BaseExpression
    origin: cst.BaseExpression


def openai_fallback(
    ctx: PythonContext, key: cst.BaseExpression, depth: int = 3
) -> OpenAIFallback | None:
    """The first OpenAI-named value the client key `key` may evaluate to, or None. Reads of
    environment variables are ML401's (it renames OpenAI's); only their defaults count here."""
    from migrate_llm.rules.clients import _named_origin, env_var_read, openai_named

    seen: set[int] = set()
    stack: list[tuple[cst.BaseExpression, int]] = [(key, depth)]
    while stack:
        expr, left = stack.pop()
        if id(expr) in seen:
            continue
        seen.add(id(expr))
        env = env_var_read(ctx, expr)
        if env is not None:
            if env[1] is not None:
                stack.append((env[1], left))
            continue
        if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
            stack.extend([(expr.right, left), (expr.left, left)])
        elif isinstance(expr, cst.IfExp):
            stack.extend([(expr.orelse, left), (expr.body, left)])
        elif _config_entry(ctx, expr):
            return OpenAIFallback(expr, expr)
        elif isinstance(expr, cst.Name) or self_attribute(expr):
            if openai_named(ctx, expr):
                return OpenAIFallback(expr, _named_origin(ctx, expr) or expr)
            if left > 0:
                stack.extend((value, left - 1) for value in reversed(_bound(ctx, expr)))
    return None


def _bound(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    from migrate_llm.rules.clients import _assigned_values

    return _assigned_values(ctx, expr)


def _config_entry(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """`cfg["openai_api_key"]`, `cfg.get("openai_api_key", "")`: an entry of the program's
    settings named for OpenAI's key (not Streamlit's session state: what a person typed)."""
    from migrate_llm.rules.env_names import env_names

    name: cst.BaseExpression | None = None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        name = index.value if isinstance(index, cst.Index) else None
    elif (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and expr.args
    ):
        name = expr.args[0].value
    text = string_value(name) if name is not None else None
    if text is None or name is None:
        return False
    lowered = text.lower()
    return "openai" in lowered and "key" in lowered and not env_names(ctx).state_entry(name)


def fallback_words(ctx: PythonContext, shown: str, found: OpenAIFallback) -> str:
    """Why a client pointed at the target whose key (`shown`) may be the OpenAI key is an
    error, and what to do, for a message that begins with the client."""
    target = ctx.rules.provider
    assert target is not None
    line = ctx.line_label(ctx.position(found.origin)[0][0])
    named = f"`{ctx.code(found.value)}`"
    if found.origin is not found.value:
        named += f", set from `{ctx.code(found.origin)}`"
    held = "" if ctx.code(found.value) == shown else f" `{shown}`"
    return (
        f"points at {target.name}, but its key{held} may be {named} ({line}), which names "
        f"OpenAI: the OpenAI key it may hold would go to {target.name}; give it "
        f"{target.name}'s key ({target.api_key_env}) alone, by hand"
    )
