"""A key the program hands on from a class field of its project whose default reads OpenAI's
key variable (`RunFacts.openai_key_fields`: xiaogpt's `Config.openai_key`), which ML401 makes
read the provider's: after apply that key is the provider's (ML003, ML404)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.passed_values import parameter_default, passed_to_field, passed_values
from migrate_llm.rules.python_context import PythonContext, self_attribute
from migrate_llm.setting_consumers import setting_of


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
    OpenAI's key variable that ML401 renames there (`RunFacts.settings_renamed`, decided once
    for the project: `settings.OPENAI_API_KEY` of `import settings`, or `OPENAI_API_KEY` of
    `from settings import OPENAI_API_KEY`), or of the provider's key variable (so renamed
    already), the text naming it (`` `OPENAI_API_KEY` of settings.py ``); else None. After
    apply it holds the provider's key."""
    facts = ctx.rules.facts
    if ctx.rules.provider is None or not facts.settings_renamed:
        return None
    shown_of = {(f, b): shown for f, shown, b, _ in facts.openai_key_settings}
    found = setting_of(ctx, expr, facts.settings_renamed)
    return None if found is None else f"`{found[1]}` of {shown_of.get(found, found[0])}"


def left_setting(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """Where `expr` is a name another module of the project binds at its level to a read of
    OpenAI's key variable that ML401 leaves, as a module also gives it to a client apply
    leaves (`RunFacts.settings_left`), the text naming both (`` `OPENAI_API_KEY` of
    settings.py, also given to AzureOpenAI() on llm.py:7 ``); else None."""
    shown_of = {(f, b): shown for f, shown, b, _ in ctx.rules.facts.openai_key_settings}
    line = ctx.position(expr)[0][0]
    takers: dict[tuple[str, str], list[str]] = {}
    for file, bound, where in sorted(ctx.rules.facts.settings_left):
        module, _, at = where.rpartition(" on ")[2].rpartition(":")
        if at == str(line) and ctx.path.endswith(module):
            continue  # the client holding `expr` itself: its own finding says why
        takers.setdefault((file, bound), []).append(where)
    found = setting_of(ctx, expr, (s for s in takers if s in shown_of))
    if found is None:
        return None
    return f"`{found[1]}` of {shown_of[found]}, also given to {', '.join(takers[found])}"


def given_elsewhere(ctx: PythonContext, value: cst.CSTNode) -> tuple[str, str] | None:
    """Where `value` is what a name is bound to at the module's level (`API_BASE =
    os.environ.get("OPENAI_API_BASE", URL)`) that another module gives to a client, class or
    request apply leaves (`RunFacts.settings_left`, `setting_consumers`): that name, and the
    call as shown (the first)."""
    left = ctx.rules.facts.settings_left
    if not left:
        return None
    parents = ctx.ancestors(value)
    if len(parents) != 3 or not isinstance(parents[0], cst.Module):
        return None
    holder = parents[-1]
    if isinstance(holder, cst.Assign) and len(holder.targets) == 1:
        target: cst.BaseExpression = holder.targets[0].target
    elif isinstance(holder, cst.AnnAssign):
        target = holder.target
    else:
        return None
    if getattr(holder, "value", None) is not value or not isinstance(target, cst.Name):
        return None
    found = sorted(
        where for file, bound, where in left if bound == target.value and file == ctx.path
    )
    return (target.value, found[0]) if found else None


def given_words(bound: str, where: str, provider: str, key: bool, done: str) -> str:
    """Why a setting another module gives to a client or class apply leaves (`given_elsewhere`)
    stays as it is, in words: `key` for a key setting, `done` what apply would do to it
    ("renamed", "switched")."""
    if key:
        what = f"{provider}'s key would go to OpenAI (or Azure OpenAI) there"
    else:
        what = f"that client would send the key it is given (an OpenAI or Azure key) to {provider}"
    return (
        f"`{bound}` is given to {where}, which apply leaves on OpenAI or Azure OpenAI: "
        f"{done}, {what}; point them at {provider} together, by hand"
    )
