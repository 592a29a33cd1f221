"""Calls of library functions that call OpenAI's API themselves (`frameworks.openai_callers`):
ML670 reports each, and ML401 leaves a key read reaching one on OpenAI's key
(`key_destinations`' `library`)."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks.openai_callers import CALLERS, MODULES, OpenAICaller
from migrate_llm.rules.calls import lacks_api, transcription_limits
from migrate_llm.rules.python_context import PythonContext


def openai_caller(ctx: PythonContext, call: cst.Call) -> OpenAICaller | None:
    """The table's function `call` calls (`r.recognize_whisper_api(audio, api_key=key)`):
    a method of its name in a module that names its library; None for another call."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return None
    name = func.attr.value
    for caller in CALLERS:
        if name == caller.method and ctx.mentions(caller.module):
            return caller
    return None


def caller_calls(ctx: PythonContext) -> Iterator[tuple[cst.Call, OpenAICaller]]:
    """The module's calls of the table's functions, in order."""
    if not any(ctx.mentions(module) for module in MODULES):
        return
    for node in ctx.nodes:
        if isinstance(node, cst.Call) and (caller := openai_caller(ctx, node)) is not None:
            yield node, caller


def given_key(call: cst.Call, caller: OpenAICaller) -> cst.Arg | None:
    """The key argument the call gives its function (not None), if it gives one."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == caller.key:
            none = isinstance(arg.value, cst.Name) and arg.value.value == "None"
            return None if none else arg
    return None


def caller_message(caller: OpenAICaller, shown: str, ctx: PythonContext) -> str:
    """ML670's words for a call (`shown`: its function as written)."""
    key = (
        f"the {caller.key}= it is given, else OPENAI_API_KEY"
        if caller.key is not None
        else "OPENAI_API_KEY"
    )
    head = (
        f"{shown}() is {caller.label}: the library sends the request to api.openai.com itself "
        f"({caller.request}, {caller.model}) with {key}, and takes no base URL argument, so "
        "apply "
        "leaves it and its key on OpenAI"
    )
    return f"{head}; {_advice(ctx, caller)}"


def _advice(ctx: PythonContext, caller: OpenAICaller) -> str:
    """What to do instead for the run's provider: its own offer for the request, from its
    file, or that it has none."""
    keep = "or keep this call on OpenAI with OpenAI's key, by hand"
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return (
            f"for another provider send the request with an OpenAI client pointed at it (its "
            f"base URL and key), {keep} (`migrate-llm scan --provider ID` names its model)"
        )
    model = provider.tiers.get(caller.tier)
    if provider.support(caller.surface) is False or model is None:
        lacks = (
            lacks_api(provider, caller.surface)
            if provider.support(caller.surface) is False
            else f"{provider.name}'s provider file names no {caller.tier} model"
        )
        return f"{lacks}: send it to another service, {keep}"
    limits = transcription_limits(provider, caller.request)
    said = limits[0].partition(":")[0].removeprefix(f"{provider.name} ") if limits else ""
    limited = f", which {said}" if said else ""
    return (
        f"for {provider.name} send it with an OpenAI client pointed at {provider.name} "
        f'({provider.api_key_env}, {provider.base_url_env}): client.{caller.request}(model="'
        f'{model}", file=...){limited}, {keep}'
    )
