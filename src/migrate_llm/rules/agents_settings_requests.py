"""The OpenAI Agents SDK's `ModelSettings(...)` read as the chat request its fields become
(ML111 checks them against the provider's `[params]`, as a request's keywords)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import agents as fw
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
    return [RoutedRequest(SHOWN, "", None, "", None, arguments=arguments)]


def _modes(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether every string `value` may hold (`"required" if forced else None`) is one of
    the SDK's tool choice modes, and it holds one."""
    held = [text for _, text in model_values(ctx, value)]
    return bool(held) and all(text in fw.TOOL_CHOICE_MODES for text in held)
