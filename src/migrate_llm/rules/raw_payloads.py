"""The JSON body of a raw chat request to the provider, read as an SDK request's arguments.

`requests.post(f"{BASE}/chat/completions", json=payload)` sends the entries of `payload` as
the chat request's parameters, as `client.chat.completions.create(**payload)` would: ML111,
ML112 and ML115 check them against the same `[params]` and `[model_params]` tables. Read for
a request the module sends to the provider's chat endpoint (`raw_http`'s `chat`: its base
URL plus `/chat/completions`, or an OpenAI one ML403 points there in the same run), whose
`json=` is a dict display or a name bound once to one (entries set by key included); where
`json=` is a parameter of the function sending it, the bodies the module's direct calls of
that function hand it (`send_request(data)`), each read at that call. An entry is edited only
where the dict serves nothing but such requests (`mapping_arguments`), the function included.
Raw HTTP has no `extra_body`: the fields the SDK sends through it (ML118's thinking switch) are
entries of the body itself (`body_mapping`). The body of a request to the provider's
completions endpoint (`raw_http`'s `completions`: its base URL, or a spelling its file
documents such as DeepSeek's `/beta`, plus `/completions`) is read the same way for ML111,
which checks a completions request's parameters too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.framework_litellm import RoutedRequest
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.raw_http import passed_bodies, raw_http
from migrate_llm.rules.request_arguments import RequestArgument, mapping_arguments

# the keyword of `requests`, `httpx` and `aiohttp` calls that sends a body as JSON
_JSON_BODY = "json"


class _Chat(NamedTuple):
    """The module's raw chat requests to the provider (by id), and the bodies its calls hand
    to a function of it that posts them (`send_request(data)`): by id of that call, the value
    passed and why apply leaves it ("" where the function uses it for nothing else)."""

    requests: dict[int, cst.Call]
    handed: dict[int, tuple[cst.BaseExpression, str]]


def _chat(ctx: PythonContext, surface: str = "chat") -> _Chat:
    """The module's raw requests to the provider's `surface` endpoint ("chat" or
    "completions": `raw_http`'s `chat` and `completions`), read once."""
    known = cast("dict[str, _Chat]", ctx.analyses.setdefault(_chat, {}))
    found = known.get(surface)
    if found is None:
        http = raw_http(ctx)
        sent = http.completions if surface == "completions" else http.chat
        requests = {id(r.call): r.call for r in sent}
        handed: dict[int, tuple[cst.BaseExpression, str]] = {}
        for request in requests.values():
            passed = passed_bodies(ctx, request)
            if not passed:
                continue
            param = cast(cst.Arg, keyword(request, _JSON_BODY)).value
            shown = ctx.code(passed[0][0].func)
            left = "" if _posted_only(ctx, param, requests) else f"{shown}() also uses it otherwise"
            for call, value in passed:
                handed[id(call)] = (value, left)
        found = known[surface] = _Chat(requests, handed)
    return found


def _posted_only(
    ctx: PythonContext, param: cst.BaseExpression, requests: dict[int, cst.Call]
) -> bool:
    """Whether a function's parameter is used only as the JSON body of chat requests (or by
    key)."""
    bound = ctx.bindings(param) if isinstance(param, cst.Name) else []
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return False
    for reference in bound[0].references:
        parents = ctx.ancestors(reference.node)
        parent = parents[-1] if parents else None
        holder = parents[-2] if len(parents) > 1 else None
        if isinstance(parent, cst.Subscript) and parent.value is reference.node:
            continue
        if not (
            isinstance(parent, cst.Arg)
            and parent.keyword is not None
            and parent.keyword.value == _JSON_BODY
            and id(holder) in requests
        ):
            return False
    return True


def raw_chat_requests(
    ctx: PythonContext, call: cst.Call, surface: str = "chat"
) -> list[RoutedRequest]:
    """The chat request `call` sends to the provider with a JSON body the module shows, its
    entries as the request's arguments (the model the `"model"` entry's, read as an SDK
    request's `model=`); for a call of the module's function that posts what it is given
    (`send_request(data)`), the body it hands over. Empty for another call. `surface`
    "completions": the same for a request to the provider's completions endpoint."""
    chat = _chat(ctx, surface)
    handed = chat.handed.get(id(call))
    if handed is not None:
        value, left = handed
        arguments = mapping_arguments(
            ctx,
            value,
            _JSON_BODY,
            lambda c: id(c) in chat.requests,
            lambda arg, holder: holder is call and arg.value is value,
        )
        if left:
            arguments = {k: a._replace(editable=False, left=left) for k, a in arguments.items()}
    else:
        body = keyword(call, _JSON_BODY) if id(call) in chat.requests else None
        if body is None:
            return []
        arguments = mapping_arguments(ctx, body.value, _JSON_BODY, lambda c: id(c) in chat.requests)
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
