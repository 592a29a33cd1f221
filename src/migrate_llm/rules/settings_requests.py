"""The chat request a library no table knows sends from a settings dict the tool already
moves to the provider (t64f: Agently's `set_settings("OpenAICompatible", {"base_url":
"https://api.openai.com/v1", "model": "gpt-4o", "auth": ..., "request_options":
{"max_tokens": 256}})`): ML402 points its base URL at the provider and ML204 maps its model,
and the library sends the entries of its request options (`sdk.REQUEST_OPTION_ENTRIES`) as
the request's arguments, as they are. ML111, ML112 and ML115 check them as an SDK request's
(`compat._CompatRule.check_routed`).

Only a dict display given to such a call (written there, or through a name bound once to
it) holding a model entry that is an OpenAI model (ML204 maps it) and a base URL entry that
is the provider's or OpenAI's base URL, written out, which ML402 points at the provider (not
one it leaves with an OpenAI key beside it)."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.framework_litellm import RoutedRequest
from migrate_llm.rules.model_expectations import callee_label
from migrate_llm.rules.openai_configs import bound_settings
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.request_arguments import mapping_arguments
from migrate_llm.rules.unmoved_settings import unknown_library
from migrate_llm.rules.url_keys import keys_beside, openai_base_urls


def settings_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The request of each settings dict `call` is given (see the module), with the entries
    of its request options as its arguments (editable where the dict is written there)."""
    if ctx.rules.provider is None or not any(ctx.mentions(n) for n in sdk.REQUEST_OPTION_ENTRIES):
        return []
    if not unknown_library(ctx, call):
        return []
    found: list[RoutedRequest] = []
    for arg in call.args:
        if arg.star:
            continue
        settings = bound_settings(ctx, arg.value) if isinstance(arg.value, cst.Name) else arg.value
        if isinstance(settings, cst.Dict) and (request := _request(ctx, call, settings)):
            found.append(request)
    return found


def _request(ctx: PythonContext, call: cst.Call, settings: cst.Dict) -> RoutedRequest | None:
    """The request of one settings dict (see the module), or None."""
    from migrate_llm.rules.framework_litellm import openai_model
    from migrate_llm.rules.openai_urls import goes_with  # it imports the environment rules

    entries = {
        (string_value(e.key) or "").lower(): e.value
        for e in settings.elements
        if isinstance(e, cst.DictElement)
    }
    options = next(
        ((name, v) for name, v in entries.items() if name in sdk.REQUEST_OPTION_ENTRIES), None
    )
    model = next((v for name, v in entries.items() if name in sdk.MODEL_NAMES), None)
    url = next((v for name, v in entries.items() if sdk.url_entry(name)), None)
    if options is None or model is None or url is None:
        return None
    written = (string_value(url) or "").rstrip("/")
    if written in openai_base_urls(ctx) and isinstance(url, cst.SimpleString):
        if not all(goes_with(ctx, k) for k in keys_beside(ctx, url)):
            return None  # ML402 leaves the URL with the key beside it: still OpenAI's
    elif not written or written != (ctx.rules.base_url or "").rstrip("/"):
        return None
    resolved = ctx.resolve_literal(model)
    if resolved is None or openai_model(ctx, resolved[1], True) is None:
        return None
    arguments = mapping_arguments(ctx, options[1], options[0], lambda c: False)
    if not arguments:
        return None
    node, name, how = resolved
    shown = f"{callee_label(ctx, call)} ({options[0]})"
    return RoutedRequest(shown, name, node, how, None, arguments=arguments)
