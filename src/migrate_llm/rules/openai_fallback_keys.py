"""A key given to a client already pointed at the target that may still be the OpenAI key: a
value naming OpenAI (`clients.openai_named`: `self.api_key` set from an `openai_api_key`
parameter, `cfg.openai_key`) that one of the key's alternatives can evaluate to: an operand
of `or`, a branch of `x if c else y`, the default of an environment read
(`os.environ.get("ZAI_API_KEY", my_key)`), or a value a name or `self.X` is bound to. Where
the provider's variable is unset, that value is what the client sends to the provider. Which
key it should be is a person's choice (manual). Not an entry of the program's settings file
named for OpenAI's key (`cfg.get("openai_api_key")`): that entry is where the provider's key
goes, and ML505 reports an OpenAI key written there.

A read of a variable whose name the program builds at run time that may be OpenAI's key
variable (`built_key_reads`: quivr's `os.getenv(self.env_variable_name)`, the name
`f"{...(self.supplier)}_API_KEY"` and the supplier "openai" by default) is such a value too,
whether or not it is one alternative of the key (no rule renames it), in this module or,
given through a field of the project's another module sets so (`config.llm_api_key`:
`RunFacts.built_key_fields`), there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.built_key_reads import BuiltRead, built_reads
from migrate_llm.env_read_calls import text_may_look_up
from migrate_llm.rules.python_context import PythonContext, last_name, self_attribute


@dataclass(frozen=True)
class OpenAIFallback:
    """The part of the key (`value`) naming OpenAI, and where its OpenAI name shows: `value`
    itself, or the value it is set from (`origin`: `openai_api_key` of `self.api_key =
    openai_api_key`)."""

    value: cst.BaseExpression
    origin: cst.BaseExpression
    # the read of a variable named at run time it may be, with the module holding it where
    # that is another (as shown), else None
    built: BuiltRead | None = None
    built_in: str | None = None


def openai_fallback(
    ctx: PythonContext, key: cst.BaseExpression, depth: int = 3, built_only: bool = False
) -> OpenAIFallback | None:
    """The first OpenAI-named value the client key `key` may evaluate to, or None. Reads of
    environment variables are ML401's (it renames OpenAI's); only their defaults count here,
    and reads under a name built at run time (`built_key`: the only ones where `built_only`)."""
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
        built = built_key(ctx, expr)
        if built is not None:
            return OpenAIFallback(expr, expr, *built)
        if isinstance(expr, cst.Call) and _wrapped(expr):
            stack.append((expr.args[0].value, left, alternative))
            continue
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
            if alternative and not built_only and openai_named(ctx, expr):
                return OpenAIFallback(expr, _named_origin(ctx, expr) or expr)
            if left > 0:
                stack.extend(
                    (value, left - 1, alternative) for value in reversed(_bound(ctx, expr))
                )
    return None


def _wrapped(call: cst.Call) -> bool:
    """Whether `call` wraps the key it is given alone (`SecretStr(key)`: `sdk.KEY_WRAPPERS`)."""
    return (
        len(call.args) == 1
        and call.args[0].keyword is None
        and not call.args[0].star
        and last_name(call.func) in sdk.KEY_WRAPPERS
    )


def module_built_reads(ctx: PythonContext) -> list[BuiltRead]:
    """The module's reads under a name built at run time that may be OpenAI's key variable."""
    found = ctx.analyses.get(module_built_reads)
    if found is None:
        read = text_may_look_up(ctx.text)
        found = ctx.analyses[module_built_reads] = built_reads(ctx.text) if read else []
    return cast("list[BuiltRead]", found)


def built_key(ctx: PythonContext, expr: cst.BaseExpression) -> tuple[BuiltRead, str | None] | None:
    """The read under a built name (`built_key_reads`) `expr` is, with the module holding it
    where that is another: the read itself (on its line), or an attribute named as the
    field such a read is assigned to, of this module (`self.api_key`, `config.api_key`) or
    of another module of the project (`RunFacts.built_key_fields`)."""
    reads = module_built_reads(ctx)
    if isinstance(expr, cst.Attribute):
        name = expr.attr.value
        # `self.X` is the one of the class holding it: another class's field of that name
        # is not (llmware's two `_get_api_key`s, t63d)
        lines = _class_lines(ctx, expr) if self_attribute(expr) else None
        here = next(
            (
                r
                for r in reads
                if r.holder == name and (lines is None or lines[0] <= r.line <= lines[1])
            ),
            None,
        )
        if here is not None:
            return here, None
        if self_attribute(expr):
            return None  # what the class assigns it is followed instead
        there = sorted(f for f in ctx.rules.facts.built_key_fields if f[1].holder == name)
        return (there[0][1], there[0][0]) if there else None
    if reads and isinstance(expr, cst.Call | cst.Subscript):
        from migrate_llm.rules.env_names import env_names

        line = ctx.position(expr)[0][0]
        code = ctx.code(expr)
        found = next((r for r in reads if r.line == line and r.code == code), None)
        access = env_names(ctx).by_node.get(id(expr)) if found is not None else None
        if found is None or (access is not None and found.variable in access.names):
            return None  # `os.environ[KEY_NAME]`, `KEY_NAME = "..."`: ML401's (review r2 t4)
        return found, None
    return None


def _class_lines(ctx: PythonContext, node: cst.CSTNode) -> tuple[int, int]:
    """The first and last lines of the innermost class holding `node` (the module's, where
    none does)."""
    owner = next((a for a in reversed(ctx.ancestors(node)) if type(a) is cst.ClassDef), None)
    if owner is None:
        return 1, len(ctx.text.splitlines()) or 1
    (start, _), (end, _) = ctx.position(owner)
    return start, end


def _bound(ctx: PythonContext, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
    from migrate_llm.rules.clients import _assigned_values

    return _assigned_values(ctx, expr)


def fallback_words(ctx: PythonContext, shown: str, found: OpenAIFallback) -> str:
    """Why a client pointed at the target whose key (`shown`) may be the OpenAI key is an
    error, and what to do, for a message that begins with the client."""
    target = ctx.rules.provider
    assert target is not None
    if found.built is not None:
        return (
            f"points at {target.name}, but its key {built_words(ctx, shown, found)}: the "
            f"OpenAI key it may hold would go to {target.name}; give it {target.name}'s key "
            f"({target.api_key_env}) alone, by hand"
        )
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


def fallback_data(ctx: PythonContext, found: OpenAIFallback) -> dict[str, object]:
    """The data of a finding on a key that may be the OpenAI key (`openai_fallback`): the
    value (`openai_key`) and its line; for a read under a built name, that read (`path`: the
    module holding it where that is another, else null; `line`, `variable`, `name`: the code
    building the name)."""
    data: dict[str, object] = {"openai_key": ctx.code(found.value)}
    data["openai_key_line"] = ctx.position(found.origin)[0][0]
    if found.built is not None:
        read = found.built
        data["openai_key_read"] = {
            "path": found.built_in,
            "line": read.line,
            "variable": read.variable,
            "name": read.built,
        }
    return data


def built_words(ctx: PythonContext, shown: str, found: OpenAIFallback) -> str:
    """What the key `shown` may be, read under a built name (`found.built`), in words: "`K`
    may be `os.getenv(...)` (line 11), which reads OPENAI_API_KEY: ..."."""
    read = found.built
    assert read is not None
    value = ctx.code(found.value)
    held = "" if value == shown else f"`{' '.join(shown.split())}` "
    if found.built_in is None:
        where = ctx.line_label
        if value == read.code:
            said = f"may be `{read.code}` ({where(read.line)})"
        else:
            said = f"may be `{value}`, set from `{read.code}` ({where(read.line)})"
    else:
        where = "line {}".format
        said = (
            f"may be `{value}`, which {found.built_in} sets from `{read.code}` (line {read.line})"
        )
    built = f"`{read.built}` ({where(read.built_line)})"
    source = "" if read.value == read.built else f", from `{read.value}` ({where(read.value_line)})"
    return (
        f"{held}{said}, which reads {read.variable}: its name is built at run time as {built}"
        f"{source}, and no rule renames such a read"
    )
