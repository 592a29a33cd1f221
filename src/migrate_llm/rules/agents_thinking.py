"""The thinking switch of an OpenAI Agents SDK Agent whose OpenAI model answered at once,
mapped to a provider model that thinks unless told not to (ML118 reports it; ML634 leaves
an Agent to it): `model_settings=ModelSettings(extra_body=...)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.model import Edit, Span
from migrate_llm.rules.code_templates import python_literal
from migrate_llm.rules.framework_args import dict_entries, insert_keywords, qualified
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import entry_insertion
from migrate_llm.rules.thinking_switch import thinking_switch

_OPENAI_PREFIX = "openai/"  # MultiProvider: "openai/gpt-4o" is OpenAI's gpt-4o


@dataclass(frozen=True)
class AgentSwitch:
    """What an Agent needs: the switch (`needed`), its model and the OpenAI model it comes
    from, and the edit writing it with what it does (`action`), or None: `action` is what a
    person writes."""

    needed: dict[str, Any]
    target: str
    source: str
    edit: Edit | None
    action: str


def agent_switch(ctx: PythonContext, call: cst.Call) -> AgentSwitch | None:
    """The switch an `Agent(model="<OpenAI model>")` built in the module needs, where that
    model answered at once and the one apply maps it to (ML631) thinks unless told not to;
    None for another call, an Agent spreading `**kwargs`, one whose settings or a
    `RunConfig(model_settings=...)` of the module name the switch or ask for reasoning."""
    rules = ctx.rules
    if rules.provider is None or not rules.switching:
        return None
    if qualified(ctx, call.func, fw.AGENT_CLASSES) is None or any(a.star for a in call.args):
        return None
    arg = keyword(call, "model")
    written = string_value(arg.value) if arg is not None else None
    if written is None or rules.provider.serves(written):
        return None
    source = written.removeprefix(_OPENAI_PREFIX)
    if "/" in source or not rules.openai.serves(source):
        return None
    target = rules.map_model(source)
    needed = thinking_switch(rules, source, target) if target else None
    if needed is None or target is None or _run_configs_choose(ctx, needed):
        return None
    body = python_literal(dict(needed))
    settings = keyword(call, fw.MODEL_SETTINGS)
    if settings is None:
        value = f"{fw.MODEL_SETTINGS_NAME}({fw.EXTRA_BODY}={body})"
        edit = insert_keywords(ctx, call, {fw.MODEL_SETTINGS: value}, after=call.args[-1])
        edit = Edit(edit.span, edit.text, (fw.MODEL_SETTINGS_IMPORT,))
        return AgentSwitch(needed, target, source, edit, f"passes {fw.MODEL_SETTINGS}={value}")
    given = settings.value
    if (
        not isinstance(given, cst.Call)
        or qualified(ctx, given.func, fw.MODEL_SETTINGS_CLASSES) is None
        or any(a.star for a in given.args)
    ):
        left = f"pass {fw.EXTRA_BODY}={body} in the ModelSettings it gives as {fw.MODEL_SETTINGS}="
        return AgentSwitch(needed, target, source, None, left)  # a name, a call of the program's
    if _chooses(given, needed):
        return None
    extra = keyword(given, fw.EXTRA_BODY)
    if extra is None:
        if not given.args:  # `ModelSettings()`: written inside the parentheses
            end = ctx.span(given).end
            edit = Edit(Span(end - 1, end - 1), f"{fw.EXTRA_BODY}={body}")
        else:
            edit = insert_keywords(ctx, given, {fw.EXTRA_BODY: body}, after=given.args[-1])
        action = f"adds {fw.EXTRA_BODY}={body} to its {fw.MODEL_SETTINGS}"
        return AgentSwitch(needed, target, source, edit, action)
    entries = body[1:-1]
    if dict_entries(extra.value) is None:
        left = f"add {entries} to the {fw.EXTRA_BODY} of its {fw.MODEL_SETTINGS}"
        return AgentSwitch(needed, target, source, None, left)
    assert isinstance(extra.value, cst.Dict)
    edit = entry_insertion(ctx, extra.value, entries)
    action = f"adds {entries} to the {fw.EXTRA_BODY} of its {fw.MODEL_SETTINGS}"
    return AgentSwitch(needed, target, source, edit, action)


def _chooses(settings: cst.Call, needed: dict[str, Any]) -> bool:
    """Whether `ModelSettings(...)` asks for reasoning or names a key of the switch."""
    if keyword(settings, fw.SETTINGS_REASONING) is not None:
        return True
    extra = keyword(settings, fw.EXTRA_BODY)
    entries = dict_entries(extra.value) if extra is not None else None
    return entries is not None and any(k in entries for k in needed)


def _run_configs_choose(ctx: PythonContext, needed: dict[str, Any]) -> bool:
    """Whether a `RunConfig(model_settings=ModelSettings(...))` of the module asks for
    reasoning or names the switch: it overrides each Agent's settings for its runs."""
    for node in ctx.nodes:
        if isinstance(node, cst.Call) and qualified(ctx, node.func, fw.RUN_CONFIG_CLASSES):
            settings = keyword(node, fw.MODEL_SETTINGS)
            value = settings.value if settings is not None else None
            if isinstance(value, cst.Call) and _chooses(value, needed):
                return True
    return False
