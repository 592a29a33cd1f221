"""ML118 for LangChain's `init_chat_model()` choosing its model at run time: where every
`openai:` chat model the project names did not think and maps to a provider model that does,
the models it builds get the provider's switch that turns thinking off (`extra_body=`), which
LangChain's tool loops need (neither ChatOpenAI nor ChatDeepSeek sends `reasoning_content`
back: `migrate_llm.frameworks.langchain`, ROUTE_EXTRA_BODY). ML605 writes it in its own edit;
ML603 (a model written in the call) through `framework_classes.set_thinking_off`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.code_templates import python_literal
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.framework_classes import (
    FRAMEWORK_NAMES,
    endpoint,
    first_keyword,
    mentions_framework,
    v0_form,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    string_literals,
    string_value,
)
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call
from migrate_llm.rules.thinking_switch import every_target_thinks

_WHY = (
    "a tool loop must send the reasoning back, which LangChain's chat models do not: the "
    "second turn fails"
)


class RunTimeSwitch(NamedTuple):
    """The switch for an `init_chat_model()` call choosing its model at run time: `needed`,
    its `extra_body` entries; `sure`, it is written: every `openai:` model the project names
    did not think, or some did but the module gives the models tools (`tool_loop`) on a
    provider whose thinking turns fail in LangChain's tool loops (else turning thinking off
    would change the models that thought, and that is left to a person)."""

    needed: dict[str, Any]
    sure: bool
    tool_loop: bool = False
    own_route: str | None = None  # the target's route the project names, naming no `openai:`


def run_time_switch(ctx: PythonContext, call: cst.Call) -> RunTimeSwitch | None:
    """The switch an `init_chat_model()` call choosing its model at run time (no model, or
    one read from settings; no provider keyword) needs, in a project naming `openai:` chat
    models as values (`RunFacts.plain_routes_named`) that the provider's table maps to models
    thinking unless told not to (each model it gives OpenAI's chat models that do not think
    is one of its `thinking_models`): None where the call chooses already (`extra_body=`,
    `reasoning_effort=`, `reasoning=`), spreads `**kwargs`, or is given its own base URL.
    A project naming no `openai:` chat model but models on the target's route
    (`RunFacts.routes_named`: after ML204 moved them) is told the same as one that named both
    kinds: the switch by hand (`sure` False, `own_route`)."""
    # imported here: the LangChain runtime rules import this module
    from migrate_llm.rules.framework_langchain import init_openai_model
    from migrate_llm.rules.framework_langchain_runtime import (
        _builds_chat,
        _run_time_init,
        chooses_at_run_time,
    )

    provider = ctx.rules.provider
    needed = provider.params.get("thinking_off_extra_body") if provider is not None else None
    facts = ctx.rules.facts
    own = _own_route_named(ctx)
    if not needed or not (facts.plain_routes_named or own) or not _builds_chat(ctx, call):
        return None
    if any(a.star == "**" for a in call.args):
        return None
    if first_keyword(call, (lc.EXTRA_BODY, *lc.REASONING_KEYWORDS)) is not None:
        return None
    if init_openai_model(ctx, call, lc.INIT_PROVIDER_KEYWORD, "chat") is not None:
        return None  # ML603's
    if own is None and not _run_time_init(ctx, call, provider_given=False):
        return None
    if own is not None and not chooses_at_run_time(ctx, call, provider_given=False):
        return None
    cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
    if endpoint(ctx, call, cls.base_url).kind != "openai" or not every_target_thinks(ctx):
        return None
    if _other_route_shown(ctx, call, own):
        return None
    if own is not None:
        return RunTimeSwitch(dict(needed), False, own_route=own)
    if not facts.thinking_routes_named:
        return RunTimeSwitch(dict(needed), True)
    loop = _tool_loop(ctx)
    return RunTimeSwitch(dict(needed), loop, loop)


def _own_route_named(ctx: PythonContext) -> str | None:
    """The target's own route (`deepseek`) where the project names models on it and names no
    `openai:` chat model (`RunFacts`)."""
    from migrate_llm.rules.langchain_routes import route_of

    facts = ctx.rules.facts
    if facts.plain_routes_named or facts.thinking_routes_named:
        return None
    route = route_of(ctx.rules.provider)
    return route.name if route is not None and route.name in facts.routes_named else None


def _tool_loop(ctx: PythonContext) -> bool:
    """Whether the module gives chat models tools (`lc.TOOL_BINDERS`) on a provider whose
    thinking turns must send fields back that LangChain's chat models drop (`[params]
    tool_turn_fields`): with thinking on, the loop's second turn fails."""
    provider = ctx.rules.provider
    fields = provider.params.get("tool_turn_fields") if provider is not None else None
    return bool(fields) and any(f"{name}(" in ctx.text for name in lc.TOOL_BINDERS)


def _other_route_shown(ctx: PythonContext, call: cst.Call, own: str | None = None) -> bool:
    """Whether the call's model, as the module shows it (through a name bound once), holds a
    literal on another provider's route (`m or os.environ.get("EVAL_MODEL",
    "anthropic:claude-3-7-sonnet-latest")`) than `openai:` or `own`: that call may build
    another class."""
    arg = argument(call, lc.INIT_MODEL_KEYWORD, 0)
    if arg is None:
        return False
    value: cst.BaseExpression | None = arg.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    if value is None:
        return False
    for node in string_literals(value):
        head, colon, _ = (string_value(node) or "").partition(lc.INIT_SEPARATOR)
        if colon and head.isidentifier() and head not in (lc.INIT_OPENAI, own):
            return True
    return False


def switch_text(needed: dict[str, Any]) -> str:
    """`{"thinking": {"type": "disabled"}}`: the switch as code."""
    return python_literal(needed)


def report_run_time_init(rule: PythonRule, call: cst.Call) -> None:
    """ML118 on an `init_chat_model()` call choosing its model at run time (`run_time_switch`)
    that ML605 does not rewrite (the project requires the target's route: ML204 moves its
    `openai:` models there): the switch as a keyword, with a default model where the call
    names none (LangChain builds the default model from its keywords: without one it
    fails); a warning without an edit where the project also names a model that thought,
    and where ML605 rewrites a call whose switch it does not write."""
    ctx = rule.ctx
    if not mentions_framework(ctx):
        return
    found = run_time_switch(ctx, call)
    if found is None:
        return
    # imported here: the LangChain runtime rules import this module
    from migrate_llm.rules.framework_langchain_runtime import _routes, points_at_run_time

    if found.sure and points_at_run_time(ctx, call):
        return  # ML605 writes the switch in its edit

    provider = ctx.rules.provider
    assert provider is not None
    func = last_name(call.func)
    routes = _routes(ctx)
    data = {"framework": lc.FRAMEWORK, "extra_body": found.needed}
    wanted = f"extra_body={switch_text(found.needed)}"
    if found.own_route is not None:
        # a warning where the module's tool loop fails with thinking on; else the models only
        # answer later: a note (a project that was always on the route chose that)
        loop = _tool_loop(ctx)
        rule.report(
            call,
            f"{func}() chooses its model at run time, and {provider.name}'s models think "
            f"before answering unless told not to ({_WHY}); the project names models on "
            f"`{found.own_route}:`, and this call is not given the switch: where it builds one "
            f"that should answer at once (one that did not think on OpenAI), pass {wanted}"
            + (", by hand" if loop else " (this module gives the models no tools)"),
            severity=None if loop else Severity.NOTE,
            fix=FixClass.MANUAL if loop else FixClass.NONE,
            data=data,
        )
        return
    if not found.sure:
        rule.report(
            call,
            f"{func}() chooses its model at run time, and {provider.name}'s models that "
            "OpenAI's chat models map to think before answering unless told not to "
            f"({_WHY}); the `openai:` chat models the project names ({routes}) include ones "
            "that did not think and ones that did: where it builds one that did not, pass "
            f"{wanted}, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )
        return
    set_args: dict[str, str] = {}
    default = _default_model(ctx, call)
    sent = f"passes {wanted}"
    if default is not None:
        set_args[lc.INIT_MODEL_KEYWORD] = python_literal(default)
        if keyword(call, lc.CONFIGURABLE_FIELDS) is None:  # LangChain's, given no model
            set_args[lc.CONFIGURABLE_FIELDS] = lc.CONFIGURABLE_DEFAULT
        sent += (
            f" as the default config of every model it builds, with a default model "
            f"{default!r} (without one LangChain fails building the one it reads attributes "
            "from)"
        )
    set_args[lc.ROUTE_EXTRA_BODY] = switch_text(found.needed)
    edit = narrowed_edit(ctx, call, rebuild_call(ctx, call, set_args), ())
    named = (
        f"the `openai:` chat models the project names ({routes}) include ones that thought, "
        f"but this module gives the models tools, and with thinking on {provider.name}'s "
        "models fail in its tool loop (with the switch, those that thought answer without "
        "reasoning)"
        if found.tool_loop
        else f"every `openai:` chat model the project names ({routes}) did not think"
    )
    rule.report(
        call,
        f"{func}() chooses its model at run time, {named}, and {provider.name}'s models that "
        f"OpenAI's chat models map to think before answering unless told not to ({_WHY}): "
        f"apply {sent}; drop it where the program wants the reasoning",
        fix=FixClass.REVIEW,
        edit=edit,
        data={**data, "model_default": default} if default is not None else data,
    )


def _default_model(ctx: PythonContext, call: cst.Call) -> str | None:
    """The default model a call given no model needs once it is given keywords: the
    provider's model for ChatOpenAI's default, on the target's route (or after `openai:`)."""
    if argument(call, lc.INIT_MODEL_KEYWORD, 0) is not None:
        return None
    from migrate_llm.rules.langchain_routes import route_of

    provider = ctx.rules.provider
    assert provider is not None
    cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
    model = ctx.rules.map_model(cls.default_model) or provider.tiers.get("balanced")
    if model is None:
        return None
    route = route_of(provider)
    prefix = route.name if route is not None else lc.INIT_OPENAI
    return f"{prefix}{lc.INIT_SEPARATOR}{model}"


def report_run_time_class(
    rule: PythonRule, call: cst.Call, values: Callable[[cst.BaseExpression], list[Any]]
) -> None:
    """ML118 on a LangChain OpenAI chat class (`ChatOpenAI(model=self.model_name,
    temperature=0.1)`) given a model the module does not show, talking to OpenAI or to the
    provider, where every model the provider's table gives OpenAI's chat models thinks unless
    told not to: a note naming the switch in the class's own form (`extra_body=`; the older
    class's `model_kwargs={"extra_body": ...}`), written by hand (the program may choose a
    model that should think), as the SDK's request choosing its model at run time gets.
    `values`: the values a model may hold, as the rule reads a request's (none where not all
    are known)."""
    ctx = rule.ctx
    provider = ctx.rules.provider
    needed = provider.params.get("thinking_off_extra_body") if provider is not None else None
    if provider is None or not needed or not mentions_framework(ctx):
        return
    names = ctx.qualnames(call.func) & lc.CLASSES.keys()
    cls = lc.CLASSES[min(names)] if names else None
    if cls is None or cls.kind != "chat" or cls.extra_body is None or cls.azure:
        return
    if any(a.star == "**" for a in call.args):
        return
    chosen = (cls.extra_body, *(e for e in (cls.extra_body_entry,) if e), *lc.REASONING_KEYWORDS)
    if first_keyword(call, chosen) is not None:
        return
    model = first_keyword(call, cls.model)
    if model is None or values(model.value):
        return  # the class's default or a model the module shows: ML601's
    where = endpoint(ctx, call, cls.base_url)
    if not (where.kind == "openai" or (where.kind == "provider" and where.provider == provider)):
        return
    if not every_target_thinks(ctx):
        return
    sent = v0_form(ctx, cls)  # on openai<1, LangChain's older class: in model_kwargs itself
    entries = {sent.extra_body_entry: dict(needed)} if sent.extra_body_entry else dict(needed)
    wanted = f"{cls.extra_body}={switch_text(entries)}"
    from migrate_llm.rules.thinking import _chat_targets  # imported here: it imports this module
    from migrate_llm.rules.thinking_switch import sampling_clause

    sampling = sampling_clause(provider, _chat_targets(ctx))
    said = "its replies carry reasoning_content" + (f", {sampling}" if sampling else "")
    rule.report(
        call,
        f"{last_name(call.func)}() ({FRAMEWORK_NAMES[lc.FRAMEWORK]}) chooses its model at run "
        f"time, and every {provider.name} model that apply maps OpenAI's chat models to "
        f"thinks before it answers unless told not to ({said}): where the program wants "
        f"answers as OpenAI's gave them, pass {wanted}",
        severity=Severity.NOTE,
        fix=FixClass.MANUAL,
        data={"framework": lc.FRAMEWORK, "extra_body": dict(needed)},
    )
