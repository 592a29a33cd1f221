"""The texts a litellm embeddings call sends to the provider (ML114's batch limit).

litellm's `embedding()` and `aembedding()` send their `input=` list in one request, on its
OpenAI-compatible route and on a provider's own (`frameworks.litellm.INPUT`), so a provider
embedding at most N texts a request refuses a longer list there as it does from the SDK.
RD-Agent's litellm backend, written as ML640 advises (`openai/text-embedding-v4` with
DashScope's key and base URL), sent 25 texts to Qwen after a green `check` (t67b).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.framework_litellm import (
    embeddings_route_guarded,
    given_model,
    litellm_function,
    model_call,
    openai_model,
    openai_or_provider,
    shown_bases,
)
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.request_arguments import RequestArgument, request_arguments


def reaches_provider(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is litellm's embeddings call (`fw.CALLS`) whose model, written in the
    module, goes to the provider once migrated: an OpenAI model apply maps (ML640 writes it on
    the OpenAI-compatible route with the provider's base URL), or one of the provider's models
    on that route (`openai/text-embedding-v4`) or on litellm's route for it where that route
    sends embeddings (`dashscope/text-embedding-v4`: `fw.EMBEDDINGS_ROUTES`); its base URL,
    if given, OpenAI's (ML640 moves it) or the provider's, as `reached_models` reads a chat
    call."""
    provider = ctx.rules.provider
    function = litellm_function(ctx, call)
    found = model_call(ctx, call)
    if provider is None or function is None or found is None:
        return False
    value = given_model(ctx, call) if fw.CALLS[function[1]] == "embeddings" else None
    resolved = ctx.resolve_literal(value) if value is not None else None
    if resolved is None:  # chosen at run time: reached under the module's route test
        return fw.CALLS[function[1]] == "embeddings" and embeddings_route_guarded(ctx, call)
    if not all(openai_or_provider(ctx, b) for b in shown_bases(ctx, call, found)):
        return False
    head, model = fw.route(resolved[1])
    if openai_model(ctx, resolved[1], True) is not None:
        return ctx.rules.map_model(model) is not None
    own = provider.frameworks.get("litellm_prefix")
    routed = head == own and head in fw.EMBEDDINGS_ROUTES
    return (head == fw.OPENAI_PREFIX or routed) and provider.serves(model)


def sent_input(ctx: PythonContext, call: cst.Call) -> RequestArgument | None:
    """The texts a litellm embeddings call sends: its `input=` (also the entry of a dict it
    spreads) or its second argument (`fw.INPUT`); None where not shown."""
    keyword, position = fw.INPUT
    found = request_arguments(ctx, call, lambda c: c is call).get(keyword)
    if found is not None:
        return found
    arg = argument(call, keyword, position)
    return RequestArgument(keyword, arg, None, True) if arg is not None else None
