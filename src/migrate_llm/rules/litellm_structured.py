"""Which litellm chat calls ask the provider for structured outputs (ML101).

`litellm.completion(..., response_format=Answer)` sends the pydantic class's schema as a
json_schema format, and a dict of type json_schema as it is (`frameworks.litellm.
STRUCTURED_ARGUMENT`): on a request apply sends to the provider (`routed_requests`: an OpenAI
model ML640 moves, or the provider's own route), it needs the provider's
`structured_outputs`, as the SDK's `chat.completions.parse` does (`structured_requests`).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import litellm as fw
from migrate_llm.rules.framework_litellm import (
    given_model,
    litellm_chat_call,
    litellm_function,
    openai_or_provider,
    route_guarded,
    routed_requests,
    router_chat_call,
    shared_call,
)
from migrate_llm.rules.litellm_route_keys import on_route as built_on_route
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.request_arguments import request_arguments
from migrate_llm.rules.structured_requests import dict_entry, visible_value


def litellm_schema_request(ctx: PythonContext, call: cst.Call) -> str | None:
    """The qualified name of litellm's `completion` / `acompletion` (or a Router's, built in
    the module: `router.completion(...)`) where `call` calls it, its requests (any of the
    Router's deployments) go to the provider, and it gives `response_format` a class of the
    module (or one it imports) or a dict whose type is json_schema, written or spread from a
    dict the module shows; None otherwise (also for a value the module does not show)."""
    if not ctx.mentions(fw.MODULE):
        return None
    found = litellm_function(ctx, call)
    router = router_chat_call(ctx, call) if found is None else None
    if router is not None and isinstance(call.func, cst.Attribute):
        found = (call.func, f"{fw.MODULE}.Router.{call.func.attr.value}")
    elif found is None or fw.CALLS[found[1]] != "chat" or shared_call(ctx, call):
        return None
    arguments = request_arguments(ctx, call, lambda c: litellm_chat_call(ctx, c))
    given = arguments.get(fw.STRUCTURED_ARGUMENT)
    if given is None:
        return None
    bases = [arguments[b].value for b in fw.BASE_KEYWORDS if b in arguments]
    routed = routed_requests(ctx, router or call)
    if not routed and not (all(openai_or_provider(ctx, b) for b in bases) and on_route(ctx, call)):
        return None
    value = visible_value(ctx, given.value)
    if isinstance(value, cst.Dict):
        kind: cst.BaseExpression | None = value
        for key in fw.STRUCTURED_KEYS:
            kind = dict_entry(ctx, kind, key)
        asks = kind is not None and string_value(kind) == sdk.STRUCTURED_TYPE
    else:
        asks = isinstance(value, cst.Name) and _a_class(ctx, value)
    return found[1] if asks else None


def on_route(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether a litellm chat call whose model `routed_requests` does not know sends the
    provider its own route's models: the module's route test holds wherever it reaches the
    provider (`route_guarded`: AutoAgent's `if self.model.startswith("moonshot/"):` around
    its key and base URL, t67a), its model is built on the route (`f"moonshot/{name}"`), or
    a value the module gives it is on the route (`self.model` defaulting to
    `"moonshot/kimi-k2.6"`)."""
    provider = ctx.rules.provider
    route = provider.litellm_route() if provider is not None else None
    model = given_model(ctx, call)
    if route is None:
        return False
    if route_guarded(ctx, call):
        return True
    if model is None:
        return False
    head = f"{route[0]}/"
    return built_on_route(model, route[0]) or any(
        value.startswith(head) for _, value in model_values(ctx, model)
    )


def _a_class(ctx: PythonContext, name: cst.Name) -> bool:
    """Whether every binding of `name` is a class definition or an import."""
    found = ctx.bindings(name)
    return bool(found) and all(
        isinstance(b, Assignment) and isinstance(b.node, cst.ClassDef | cst.Import | cst.ImportFrom)
        for b in found
    )
