"""The OpenAI Agents SDK's `ModelSettings(...)` read as the chat request its fields become
(ML111 checks them against the provider's `[params]`, as a request's keywords)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import agents as fw
from migrate_llm.rules.agents_providers import sends_to_provider
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.framework_litellm import RoutedRequest
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.request_arguments import RequestArgument

SHOWN = "ModelSettings() (OpenAI Agents SDK)"


def agents_settings_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The request `call` makes where it builds `ModelSettings(...)` given fields the chat
    completions model sends as they are (`fw.SETTINGS_SENT`), with those as its arguments,
    which apply leaves (its model is the Agent's, not known here); else none."""
    if ctx.rules.provider is None or not ctx.mentions(fw.MODEL_SETTINGS_NAME):
        return []
    if qualified(ctx, call.func, fw.MODEL_SETTINGS_CLASSES) is None:
        return []
    arguments: dict[str, RequestArgument] = {}
    for name in fw.SETTINGS_SENT:
        arg = keyword(call, name)
        if arg is None:
            continue
        if name == fw.TOOL_CHOICE and not _modes(ctx, arg.value):
            continue  # a tool's name, or a value chosen at run time
        arguments[name] = RequestArgument(name, arg, None, False)
    if not arguments:
        return []
    users = _users(ctx, call)
    if users is not None and not any(
        qualified(ctx, user.func, fw.AGENT_CLASSES) is None or sends_to_provider(ctx, user)
        for user in users
    ):
        return []  # only Agents on another library or server (ML635's reading) use them
    return [RoutedRequest(SHOWN, "", None, "", None, arguments=arguments)]


def _users(ctx: PythonContext, call: cst.Call) -> list[cst.Call] | None:
    """The calls given the settings `call` builds as their `model_settings=` (an Agent, a
    RunConfig), written there or through a name bound once to them that the module reads
    nowhere else; None where the module uses them otherwise (returned, passed on, several
    bindings) or not at all: their Agent is not known here."""
    parents = ctx.ancestors(call)
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Arg) and isinstance(parents[-2], cst.Call):
        named = parent.keyword is not None and parent.keyword.value == fw.MODEL_SETTINGS
        return [parents[-2]] if named else None
    if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
        return None
    target = parent.targets[0].target
    if not isinstance(target, cst.Name):
        return None
    bound = ctx.bindings(target)
    if len(bound) != 1 or not isinstance(bound[0], Assignment) or bound[0].node is not target:
        return None  # several bindings of the name
    users: list[cst.Call] = []
    for access in bound[0].references:
        read = access.node
        outer = ctx.ancestors(read)
        arg = outer[-1] if outer else None
        if not (
            isinstance(arg, cst.Arg)
            and arg.value is read
            and arg.keyword is not None
            and arg.keyword.value == fw.MODEL_SETTINGS
            and isinstance(outer[-2], cst.Call)
        ):
            return None  # read otherwise: passed on, returned, changed
        users.append(outer[-2])
    return users or None


def _modes(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether every string `value` may hold (`"required" if forced else None`) is one of
    the SDK's tool choice modes, and it holds one."""
    held = [text for _, text in model_values(ctx, value)]
    return bool(held) and all(text in fw.TOOL_CHOICE_MODES for text in held)
