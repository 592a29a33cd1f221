"""A key given to a client already pointed at the target that may still be the OpenAI key: a
value naming OpenAI (`clients.openai_named`: `self.api_key` set from an `openai_api_key`
parameter, `cfg.openai_key`) that one of the key's alternatives can evaluate to: an operand
of `or`, a branch of `x if c else y`, the default of an environment read
(`os.environ.get("ZAI_API_KEY", my_key)`), or a value a name or `self.X` is bound to. Where
the provider's variable is unset, that value is what the client sends to the provider. Which
key it should be is a person's choice (manual). Not an entry of the program's settings file
named for OpenAI's key (`cfg.get("openai_api_key")`): that entry is where the provider's key
goes, and ML505 reports an OpenAI key written there."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, self_attribute


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
    # (value, assignments left to follow, whether it is one of the key's alternatives): the
    # key as a whole naming OpenAI is the rest of the rules' (a typed `openai_api_key` whose
    # prompt asks for the provider's key is not OpenAI's)
    stack: list[tuple[cst.BaseExpression, int, bool]] = [(key, depth, False)]
    while stack:
        expr, left, alternative = stack.pop()
        if id(expr) in seen:
            continue
        seen.add(id(expr))
        env = env_var_read(ctx, expr)
        if env is not None:
            if env[1] is not None:
                stack.append((env[1], left, True))
            continue
        if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
            stack.extend([(expr.right, left, True), (expr.left, left, True)])
        elif isinstance(expr, cst.IfExp):
            stack.extend([(expr.orelse, left, True), (expr.body, left, True)])
        elif isinstance(expr, cst.Name) or self_attribute(expr):
            if alternative and openai_named(ctx, expr):
                return OpenAIFallback(expr, _named_origin(ctx, expr) or expr)
            if left > 0:
                stack.extend(
                    (value, left - 1, alternative) for value in reversed(_bound(ctx, expr))
                )
    return None


def _bound(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    from migrate_llm.rules.clients import _assigned_values

    return _assigned_values(ctx, expr)


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
