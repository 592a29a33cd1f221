"""ML118 for the requests instructor's `llm_validator` sends: it takes no `extra_body`, but the
instructor client it is given (`instructor.from_openai(OpenAI(), extra_body=...)`) adds the
keywords it was built with to each request it sends (see `migrate_llm.frameworks.instructor`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import libcst as cst

from migrate_llm.frameworks import instructor as fw
from migrate_llm.model import FixClass
from migrate_llm.rules.compat import param_unconfirmed
from migrate_llm.rules.framework_args import (
    argument,
    dict_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.thinking_langchain import switch_text
from migrate_llm.rules.thinking_switch import consequences, thinking_switch, thinks, unlike

MARKER = "llm_validator"  # a module that does not name it has no such call


def report_validator_client(rule: PythonRule, node: cst.Call, reported: set[int]) -> None:
    """ML118 on an `llm_validator(...)` call whose OpenAI model (given, or instructor's
    default) is mapped to one that thinks unless told not to, where OpenAI's did not: the
    switch goes in `extra_body=` of the `from_openai(...)` call its client is bound to
    (reported there once: `reported` holds the calls already reported), else by hand."""
    ctx = rule.ctx
    rules = ctx.rules
    provider = rules.provider
    helper = qualified(ctx, node.func, fw.DEFAULT_MODEL_HELPERS)
    if provider is None or helper is None:
        return
    default, position = fw.DEFAULT_MODEL_HELPERS[helper]
    given = argument(node, fw.HELPER_MODEL_KEYWORD, position)
    source = default if given is None else string_value(given.value)
    if given is None and passes_mapping(node):
        return
    if source is None or _from_provider(rule, node):
        return  # chosen at run time; or ML652 rewrites that client with the switch
    shown = f"{helper.rsplit('.', 1)[-1]}()"
    if provider.serves(source):
        _provider_model(rule, node, source, shown)
        return
    if not rules.openai.serves(source):
        return
    target = rules.map_model(source)
    needed = thinking_switch(rules, source, target) if target else None
    if target is None or needed is None:
        return
    wrapper = _wrapper_call(rule, node)
    head = (
        f"{target} (the model of {shown}) thinks before it answers unless told not to, "
        f"{unlike(rules, source, why=consequences(provider, [target]))}, and {shown} takes "
        "no extra_body"
    )
    unconfirmed = param_unconfirmed(provider, "thinking_models")
    data = {"extra_body": dict(needed)}
    if wrapper is None:
        rule.report(
            node.func,
            f"{head}: build the instructor client it is given with "
            f"instructor.{fw.WRAPPER}(<client>, extra_body={switch_text(needed)}), which adds "
            f"it to each request the client sends, by hand{unconfirmed}",
            fix=FixClass.MANUAL,
            data=data,
        )
        return
    if id(wrapper) in reported:
        return
    reported.add(id(wrapper))
    edit = insert_keywords(
        ctx, wrapper, {"extra_body": switch_text(needed)}, after=wrapper.args[-1]
    )
    rule.report(
        wrapper.func,
        f"{head}: apply passes extra_body={switch_text(needed)} to the instructor client "
        f"{shown} is given, which adds it to each request the client sends (those that pass "
        f"an extra_body of their own send theirs){unconfirmed}",
        edit=edit,
        data=data,
    )


def _provider_model(rule: PythonRule, node: cst.Call, model: str, shown: str) -> None:
    """A provider model written in the `llm_validator(...)` call (apply's mapping, or the
    code's own) that thinks unless told not to, whose client the module does not show built
    with the switch: a warning (manual; apply writes none for a provider model written in
    the code), so what apply left for a person stays in `check`."""
    provider = rule.ctx.rules.provider
    assert provider is not None
    needed = provider.params.get("thinking_off_extra_body")
    if not needed or not thinks(provider, model):
        return
    client = argument(node, fw.CLIENT_KEYWORD, 1)
    value = _bound(rule.ctx, client.value) if client is not None else None
    if value is not None and _names_switch(rule.ctx, value, needed):
        return
    rule.report(
        node.func,
        f"{model} (the model of {shown}) thinks before it answers unless told not to "
        f"({consequences(provider, [model])}), and {shown} takes no extra_body: build the "
        f"instructor client it is given with instructor.{fw.WRAPPER}(<client>, "
        f"extra_body={switch_text(needed)}), which adds it to each request the client "
        f"sends, by hand{param_unconfirmed(provider, 'thinking_models')}",
        fix=FixClass.MANUAL,
        data={"extra_body": dict(needed)},
    )


def _bound(ctx: PythonContext, value: cst.BaseExpression) -> cst.Call | None:
    """The call `value` is (or a name bound once in the module is bound to)."""
    found = ctx.bound_value(value) if isinstance(value, cst.Name) else value
    return found if isinstance(found, cst.Call) else None


def _names_switch(ctx: PythonContext, value: cst.Call, needed: Mapping[str, Any]) -> bool:
    """Whether `value` is instructor's own client built with an `extra_body={...}` that names
    an entry of the switch `needed`."""
    wrapped = ctx.wrapped_client(value)
    if wrapped is None or wrapped[0] in fw.SAME_CLIENT:
        return False
    body = argument(value, "extra_body", None)
    entries = dict_entries(body.value) if body is not None else None
    return entries is not None and any(k in entries for k in needed)


def _from_provider(rule: PythonRule, node: cst.Call) -> bool:
    """Whether the client given to `node` is `instructor.from_provider("openai/...")` (a name
    bound once to it, or the call itself)."""
    client = argument(node, fw.CLIENT_KEYWORD, 1)
    value = client.value if client is not None else None
    if isinstance(value, cst.Name):
        value = rule.ctx.bound_value(value)
    return isinstance(value, cst.Call) and rule.ctx.provider_model(value) is not None


def _wrapper_call(rule: PythonRule, node: cst.Call) -> cst.Call | None:
    """The `instructor.from_openai(...)` call the client given to `node` is bound to (a name
    bound once, or the call itself), where apply can add a keyword to it: it passes no
    `extra_body` and no `**` mapping; else None."""
    ctx = rule.ctx
    client = argument(node, fw.CLIENT_KEYWORD, 1)
    if client is None:
        return None
    value: cst.BaseExpression | None = client.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    if not isinstance(value, cst.Call) or not value.args:
        return None
    wrapped = ctx.wrapped_client(value)
    if wrapped is None or wrapped[0] in fw.SAME_CLIENT:
        return None
    if passes_mapping(value) or argument(value, "extra_body", None) is not None:
        return None
    return value


def client_switched(ctx: PythonContext, node: cst.Call, needed: Mapping[str, Any]) -> bool:
    """Whether `node` is a request of instructor's own client (`client.create(...)`) bound to
    `instructor.from_openai(..., extra_body={...})` that names an entry of the thinking
    switch `needed`: the client adds it to the request (what ML652 and ML118 write)."""
    func = node.func
    if not isinstance(func, cst.Attribute):
        return False
    root: cst.BaseExpression = func.value
    while isinstance(root, cst.Attribute) and root.attr.value in fw.CLIENT_NAMESPACES:
        root = root.value
    value = _bound(ctx, root) if isinstance(root, cst.Name) else None
    return value is not None and _names_switch(ctx, value, needed)
