"""The JSON body of a raw chat request to the provider, read as an SDK request's arguments.

`requests.post(f"{BASE}/chat/completions", json=payload)` sends the entries of `payload` as
the chat request's parameters, as `client.chat.completions.create(**payload)` would: ML111,
ML112 and ML115 check them against the same `[params]` and `[model_params]` tables. Read for
a request the module sends to the provider's chat endpoint (`raw_http`'s `chat`: its base
URL plus `/chat/completions`, or an OpenAI one ML403 points there in the same run), whose
`json=` is a dict display or a name bound once to one (entries set by key included). An
entry is edited only where the dict serves nothing but such requests (`mapping_arguments`).
Raw HTTP has no `extra_body`: the fields the SDK sends through it (ML118's thinking switch) are
entries of the body itself (`body_mapping`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import libcst as cst

from migrate_llm.rules.framework_litellm import RoutedRequest
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.request_arguments import RequestArgument, mapping_arguments

# the keyword of `requests`, `httpx` and `aiohttp` calls that sends a body as JSON
_JSON_BODY = "json"


def raw_chat_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The chat request `call` sends to the provider with a JSON body the module shows, its
    entries as the request's arguments (the model the `"model"` entry's, read as an SDK
    request's `model=`); empty for another call."""
    found = ctx.analyses.get(raw_chat_requests)
    if found is None:
        found = ctx.analyses[raw_chat_requests] = {id(r.call): r.call for r in raw_http(ctx).chat}
    chat = cast("dict[int, cst.Call]", found)
    body = keyword(call, _JSON_BODY) if id(call) in chat else None
    if body is None:
        return []
    arguments = mapping_arguments(ctx, body.value, _JSON_BODY, lambda c: id(c) in chat)
    if not arguments:
        return []
    shown = ctx.code(call.func)
    return [RoutedRequest(shown, "", None, "", None, arguments=arguments)]


def body_mapping(
    arguments: Mapping[str, RequestArgument],
) -> tuple[cst.Dict | cst.Call | None, str]:
    """The dict a raw chat body is written as (a display or a `dict(...)` call, in the call or
    bound once to a name), where apply may add entries to it; else None and why it is left."""
    written = [a for a in arguments.values() if a.spread is not None]
    if not written or len({id(a.spread) for a in written}) != 1:
        return None, "its entries are not written in one dict"
    if not written[0].editable:
        return None, written[0].left
    return written[0].spread, ""
