"""OpenAI's key and base-URL variables named in one function as the fallbacks of settings its
caller gives (LangChain's `get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")`
beside the same for `"OPENAI_API_BASE"`): the code serves whatever server its caller names,
so ML401 leaves both names, and ML402 the OpenAI URL given as the base URL's fallback."""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.python_context import PythonContext, string_value


def setting_fallback(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether the string `node` is given to a call beside the name of a setting it is the
    fallback of (`get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")`: a
    lower-case name among the other arguments)."""
    parents = ctx.ancestors(node)
    arg = parents[-1] if parents else None
    call = ctx.ancestors(arg)[-1] if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    return any(
        a is not arg
        and (named := string_value(a.value)) is not None
        and named.isidentifier()
        and named.islower()
        for a in call.args
    )


def setting_partner(ctx: PythonContext, node: cst.CSTNode, value: str) -> cst.SimpleString | None:
    """The string naming OpenAI's base-URL variable where the string `node` names OpenAI's key
    variable `value` as the fallback of a setting the caller gives, and the same function names
    the other the same way (or the other way round: Langchain-Chatchat's `LocalAIEmbeddings`,
    t58b D3). None where the function names no such partner (the module, outside a function),
    or no provider is switched to."""
    if ctx.rules.provider is None or not ctx.rules.switching:
        return None
    from migrate_llm.rules.env_roles import base_url_variables, key_variables

    keys, urls = key_variables(ctx), base_url_variables(ctx)
    partners = urls if value in keys else keys if value in urls else None
    function = next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)),
        None,
    )
    if partners is None or function is None or not setting_fallback(ctx, node):
        return None
    span = ctx.span(function)
    return next(
        (
            n
            for n in ctx.nodes
            if isinstance(n, cst.SimpleString)
            and string_value(n) in partners
            and span.start <= ctx.span(n).start < span.end
            and setting_fallback(ctx, n)
        ),
        None,
    )


def pair_reason(ctx: PythonContext, node: cst.CSTNode, value: str) -> str | None:
    """Why the string `node` naming the variable `value` is not to be renamed where it has a
    `setting_partner`: the key goes to whatever server the caller names (a local one, with no
    key); renamed, the provider's key would go there, or the key the caller gives to the
    provider. None where it has none."""
    provider = ctx.rules.provider
    partner = setting_partner(ctx, node, value)
    if provider is None or partner is None:
        return None
    from migrate_llm.rules.env_roles import key_variables, switched_keys

    line = ctx.line_label(ctx.position(partner)[0][0])
    if value in key_variables(ctx):
        target = provider.api_key_env if value in switched_keys(ctx) else "the provider's variable"
        harm = (
            f"{provider.name}'s key would go to any server a caller names with an empty "
            "key (a local one)"
        )
    else:
        target, harm = provider.base_url_env, caller_key_harm(provider.name)
    return (
        f"it goes with {string_value(partner)} (named on {line}), each the fallback of a "
        "setting the caller gives, so the code serves whatever server its caller names: "
        f"renamed to {target}, {harm}; {pair_advice(provider.name, provider.api_key_env)}"
    )


def caller_key_harm(provider: str) -> str:
    """What the provider's base URL as such a fallback does with the key beside it."""
    return f"the key a caller gives with no URL (or OPENAI_API_KEY) would go to {provider}"


def pair_advice(provider: str, key: str) -> str:
    """What to do instead, for both of such a pair."""
    return (
        f"leave both, and give the callers meant for {provider} its base URL and key (from "
        f"{key}) together"
    )
