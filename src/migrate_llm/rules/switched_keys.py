"""A key the program hands on from a class field of its project whose default reads OpenAI's
key variable (`RunFacts.openai_key_fields`: xiaogpt's `Config.openai_key`), which ML401 makes
read the provider's: after apply that key is the provider's (ML003, ML404)."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.passed_values import parameter_default, passed_to_field, passed_values
from migrate_llm.rules.project_calls import bound_module, from_import, imported_file
from migrate_llm.rules.python_context import PythonContext, self_attribute


def switched_field(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 3) -> str | None:
    """The text naming the project's key field (`openai_key` of config.py) that `expr` holds
    wherever the module shows it set: `x.F` of such a field `F` (not `self.F`), or a
    parameter, or `self.X` assigned or passed as a field, that every value shown for it (at
    least one; no default other than that) is one of. None otherwise."""
    fields = ctx.rules.facts.openai_key_fields
    if not fields or depth < 0:
        return None
    if isinstance(expr, cst.Attribute) and not self_attribute(expr):
        files = sorted(file for name, file in fields if name == expr.attr.value)
        return f"`{expr.attr.value}` of {', '.join(files)}" if files else None
    values: list[cst.BaseExpression] | None = None
    if isinstance(expr, cst.Attribute):
        values = ctx.self_values(expr)
        if not values:
            passed = passed_to_field(ctx, expr)
            values = passed[1] if passed is not None and passed[0] is None else None
    elif isinstance(expr, cst.Name):
        found = passed_values(ctx, expr)
        default = parameter_default(ctx, expr)
        values = found[1] if found is not None and default is None else None
    if not values:
        return None
    named = {switched_field(ctx, value, depth - 1) for value in values}
    return named.pop() if len(named) == 1 and None not in named else None


def left_on_openai_words(ctx: PythonContext, key: cst.BaseExpression, keyword: str) -> str:
    """For a key `key` given as `keyword=` to a class or request that stays on OpenAI (an API
    the provider does not serve): where it is a field of the project apply points at the
    provider's key (`switched_field`), why it must not stay and what to give instead (t50g
    D1: AgentGPT's `OpenAIEmbeddings(openai_api_key=settings.openai_api_key)` would have sent
    DeepSeek's key to OpenAI); empty otherwise."""
    provider = ctx.rules.provider
    where = switched_field(ctx, key)
    if provider is None or where is None or not ctx.rules.switching:
        return ""
    shown = ctx.module.code_for_node(key)
    return (
        f"its key `{shown}` ({where}) holds {provider.name}'s key after apply (the field "
        f"reads {provider.api_key_env}), which would go to OpenAI: to keep it on OpenAI, give "
        f'it OpenAI\'s key from its own variable ({keyword}=os.environ["OPENAI_API_KEY"])'
    )


def renamed_setting(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """Where `expr` is a name another module of the project binds at its level to a read of
    OpenAI's key variable alone (`RunFacts.openai_key_settings`: `settings.OPENAI_API_KEY` of
    `import settings`, or `OPENAI_API_KEY` of `from settings import OPENAI_API_KEY`), which
    ML401 renames there, or of the provider's key variable (so renamed already), the text
    naming it (`` `OPENAI_API_KEY` of settings.py ``); else None. After apply it holds the
    provider's key. Not one another module also gives to a client apply leaves
    (`RunFacts.settings_left`), whose read ML401 leaves (`left_setting`)."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    held = {*sdk.KEY_VARS_TO_SWITCH, provider.api_key_env} - {sdk.AZURE_KEY_VAR}
    left = {(file, bound) for file, bound, _ in ctx.rules.facts.settings_left}
    settings = [
        (file, f"`{bound}` of {shown}", bound)
        for file, shown, bound, variable in ctx.rules.facts.openai_key_settings
        if variable in held and (file, bound) not in left
    ]
    return _setting_of(ctx, expr, settings)


def left_setting(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """Where `expr` is a name another module of the project binds at its level to a read of
    OpenAI's key variable that ML401 leaves, as a module also gives it to a client apply
    leaves (`RunFacts.settings_left`), the text naming both (`` `OPENAI_API_KEY` of
    settings.py, also given to AzureOpenAI() on llm.py:7 ``); else None."""
    shown_of = {(f, b): shown for f, shown, b, _ in ctx.rules.facts.openai_key_settings}
    takers: dict[tuple[str, str], list[str]] = {}
    for file, bound, where in sorted(ctx.rules.facts.settings_left):
        takers.setdefault((file, bound), []).append(where)
    settings = [
        (file, f"`{bound}` of {shown_of[file, bound]}, also given to {', '.join(w)}", bound)
        for (file, bound), w in takers.items()
        if (file, bound) in shown_of
    ]
    return _setting_of(ctx, expr, settings)


def _setting_of(
    ctx: PythonContext, expr: cst.BaseExpression, settings: list[tuple[str, str, str]]
) -> str | None:
    """The text of the one of `settings` (module as found, text, name) that `expr` is: the
    name imported from that module, or an attribute of a name bound to it."""
    if not settings:
        return None
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        module, name = bound_module(ctx, expr.value), expr.attr.value
    elif isinstance(expr, cst.Name):
        imported = from_import(ctx, expr)
        module = (imported[0], imported[1]) if imported is not None else None
        name = imported[2] if imported is not None else ""
    else:
        return None
    if module is None:
        return None
    files = imported_file(ctx.path, module[0], module[1], {f for f, _, _ in settings})
    found = sorted({text for f, text, bound in settings if f in files and bound == name})
    return found[0] if len(found) == 1 else None
