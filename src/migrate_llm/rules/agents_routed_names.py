"""An OpenAI model named to the Agents SDK on its LiteLLM or any-llm route
(`Agent(model="litellm/openai/gpt-4o-mini")`, `RunConfig(model="any-llm/gpt-4o")`): the SDK
builds the routed model with no key or base URL, and the library sends the request to OpenAI
(`frameworks.agents.ROUTED_PREFIX_MODELS`). ML640 reports it as it reports `LitellmModel(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.model import Edit, FixClass
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.framework_args import callee, qualified
from migrate_llm.rules.python_context import PythonContext, keyword, string_value

_NAMING = {**fw.AGENT_CLASSES, **fw.RUN_CONFIG_CLASSES}
_OPENAI_ROUTE = "openai/"  # litellm's and any-llm's OpenAI route: "openai/gpt-4o" is gpt-4o


@dataclass(frozen=True)
class RoutedName:
    """What to report of a routed model name: at `node` (the string), with `fix`, the edit
    writing the routed model class with the provider's key and base URL (or None)."""

    node: cst.BaseExpression
    message: str
    fix: FixClass
    edit: Edit | None
    data: Mapping[str, object]


def routed_name(ctx: PythonContext, call: cst.Call, litellm_route: str) -> RoutedName | None:
    """The finding for `call`, an `Agent(...)` or `RunConfig(...)` whose `model=` is a string
    on a routed prefix naming an OpenAI model; None for anything else. `litellm_route`:
    litellm's prefix for the provider (ML640's, `openai` for one without a route)."""
    rules = ctx.rules
    provider = rules.provider
    if provider is None or not rules.switching or rules.base_url is None:
        return None
    if not any(ctx.mentions(prefix) for prefix in fw.ROUTED_PREFIX_MODELS):
        return None
    if qualified(ctx, call.func, _NAMING) is None:
        return None
    arg = keyword(call, "model")
    value = string_value(arg.value) if arg is not None else None
    prefix = next((p for p in fw.ROUTED_PREFIX_MODELS if value and value.startswith(p)), None)
    if arg is None or value is None or prefix is None:
        return None
    rest = value[len(prefix) :]
    model = rest.removeprefix(_OPENAI_ROUTE)
    if "/" in model or not rules.openai.serves(model):
        return None
    cls, import_line = fw.ROUTED_PREFIX_MODELS[prefix]
    library = fw.ROUTED_PREFIXES[prefix]
    head = (
        f"model={value!r} of {callee(call.func)}() is OpenAI's {model} on the SDK's {library} "
        f"route, which builds {cls}({rest!r}) with no key or base URL: {library} sends it to "
        f"{rules.openai.hosts[0]} with OPENAI_API_KEY"
    )
    new = rules.map_model(model)
    if new is None:
        message = (
            f"{head}; {provider.name}'s model table does not map it: choose one of "
            f"{', '.join(provider.candidates())} and give it to {cls}() with the provider's "
            "key and base URL, by hand"
        )
        return RoutedName(arg.value, message, FixClass.MANUAL, None, {"model_from": value})
    # litellm sends OPENAI_API_KEY for an empty key on most routes: never empty there
    filled = library == "litellm" and fw_litellm.empty_key_sends_openai_key(litellm_route)
    key = key_expr(provider, at_import=ctx.at_import(arg.value), filled=filled)
    base = base_url_expr(provider, rules.base_url)
    endpoint = (
        f"the key from {provider.api_key_env} and the base URL from {provider.base_url_env} "
        f"(default {rules.base_url})"
    )
    if library == "litellm":
        written = f"{litellm_route}/{new}"
        text = f"{cls}(model={literal(written)}, api_key={key}, base_url={base})"
        own = litellm_route == provider.frameworks.get("litellm_prefix")
        route = f" (litellm's {litellm_route} route)" if own else ""
        data = {"model_from": value, "model_to": written}
        if own:  # litellm reads the provider's own variables for that route
            data["litellm_route"] = litellm_route
        message = f"{head}; apply writes model={cls}(model={written!r}){route} with {endpoint}"
        edit = Edit(ctx.span(arg.value), text, (import_line, IMPORT_OS))
        return RoutedName(arg.value, message, FixClass.REVIEW, edit, data)
    written = f"{fw.ANY_LLM_OPENAI}/{new}"
    keys, base_keyword = fw.ANY_LLM_KEYWORDS
    api, chat = fw.ANY_LLM_CHAT_API
    text = (
        f"{cls}(model={literal(written)}, {keys}={key}, {base_keyword}={base}, "
        f"{api}={literal(chat)})"
    )
    message = (
        f"{head}; write model={text} for {provider.name} ({import_line}), by hand: without "
        f"{api}= any-llm's OpenAI provider calls the Responses API"
    )
    # the provider file's variables the code to write reads (ML640's `hand_reads`)
    hand = [provider.api_key_env, provider.base_url_env]
    return RoutedName(
        arg.value,
        message,
        FixClass.MANUAL,
        None,
        {"model_from": value, "model_to": written, "hand_reads": hand},
    )
