"""The request parameters a LangChain or LlamaIndex OpenAI class is given at construction.

`ChatOpenAI(temperature=0)` sends `temperature: 0` in every request it makes, as
`chat.completions.create(temperature=0)` does once: the frameworks' tables say which
constructor keywords become which request parameters (`REQUEST_PARAMS`). Read only for a
class that sends to the provider once applied: one `apply` points there, or one the code
already points at the provider's base URL (DemoGPT's `ChatOpenAI(temperature=0,
openai_api_base=os.environ.get("MINIMAX_BASE_URL", ...))`); one left on OpenAI, or sent
to another server, keeps that server's ranges."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.rules.framework_classes import any_framework_class, endpoint, first_keyword
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.request_arguments import RequestArgument


def class_request_arguments(ctx: PythonContext, call: cst.Call) -> dict[str, RequestArgument]:
    """The keywords of `call`, a LangChain chat class or a LlamaIndex LLM that sends to the
    provider once applied (`on_provider`), that its requests send, by request parameter
    (editable where written)."""
    from migrate_llm.rules.key_destinations import left_on_openai  # it imports the rules

    cls = any_framework_class(ctx, call)
    if cls is None or cls.kind == "embeddings":
        return {}
    if any(cls is c for c in lc.CLASSES.values()) and cls.kind == "chat":
        params = lc.REQUEST_PARAMS
    elif any(cls is c for c in li.CLASSES.values()):
        params = li.REQUEST_PARAMS
    else:
        return {}
    provider = ctx.rules.provider
    assert provider is not None
    where = endpoint(ctx, call, cls.base_url)
    if where.kind == "openai":
        if left_on_openai(ctx, call):
            return {}
    elif where.kind != "provider" or where.provider is None or where.provider.id != provider.id:
        return {}
    # the parameters the model sent fixes or does not take are ML115's (ML601 writes them)
    fixed = provider.model_param_facts(_served_model(ctx, call, cls.model))
    found: dict[str, RequestArgument] = {}
    for arg in call.args:
        param = params.get(arg.keyword.value) if arg.keyword is not None else None
        if param is not None and param not in found and param not in fixed:
            found[param] = RequestArgument(param, arg, None, True)
    return found


def _served_model(ctx: PythonContext, call: cst.Call, names: tuple[str, ...]) -> str | None:
    """The provider model `call` sends once applied, where its model is written."""
    provider = ctx.rules.provider
    assert provider is not None
    given = first_keyword(call, names)
    model = string_value(given.value) if given is not None else None
    if model is None or provider.serves(model):
        return model
    return ctx.rules.map_model(model)


def ranged_values(ctx: PythonContext, call: cst.Call) -> dict[int, str]:
    """The new text of the arguments of `call` (by index) that ML111 brings into the range
    the provider accepts (`class_request_arguments`, a number written there): for the
    rewrite of the whole call, which holds ML111's edits."""
    from migrate_llm.rules.compat import number_text, number_value  # compat imports this

    provider = ctx.rules.provider
    found: dict[int, str] = {}
    for name, given in class_request_arguments(ctx, call).items():
        bounds = provider.params.get(name) if provider is not None else None
        item = given.item
        if not isinstance(item, cst.Arg) or bounds is None or name not in ("temperature", "top_p"):
            continue
        value = number_value(item.value)
        low, high = bounds
        if value is not None and not low <= value <= high:
            found[call.args.index(item)] = number_text(low if value < low else high, item.value)
    return found
