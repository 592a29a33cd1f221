"""openai<1.0's coroutine methods written on an openai>=1.0 client (ML302).

`await client.chat.completions.acreate(...)` reads like a request, and the rules reading
requests took it for one (t63: `check` green), but v1's resources have no `acreate`: the call
raises AttributeError on every run. On an `AsyncOpenAI` client the request is the same
resource's v1 method (`openai_sdk.V1_FORMS_OF_ASYNC_LEGACY`), which returns the coroutine the
v0 method did; on a synchronous client, openai's module-level client or one the module does
not trace, it needs an async client, which a person chooses.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import CallInfo, PythonContext


class AsyncLegacyMethod(NamedTuple):
    """A v0 coroutine method on a v1 client: its call info, the resource path as written
    (`chat.completions`), the v1 method (`create`), and whether the client is an
    AsyncOpenAI one (the method can then be renamed)."""

    info: CallInfo
    resource: str
    v1_method: str
    on_async_client: bool


def async_legacy_method(ctx: PythonContext, node: cst.Attribute) -> AsyncLegacyMethod | None:
    """The v0 coroutine method `node` names on a v1 client (`aclient.chat.completions.acreate`,
    `openai.chat.completions.acreate`, `self.client.embeddings.acreate`), or None."""
    method = node.attr.value
    if method not in sdk.ASYNC_LEGACY_METHODS:
        return None
    info = ctx.sdk_reference(node)
    if info is None or info.kind not in ("client", "module", "probable"):
        return None
    if info.client is not None and info.client.wrapper is not None:
        return None  # a library's client wrapping the SDK's (instructor): its own methods
    parts = [p for p in info.path.split(".")[:-1] if p not in sdk.RESPONSE_WRAPPERS]
    resource = ".".join(parts)
    v1 = sdk.V1_FORMS_OF_ASYNC_LEGACY.get((resource, method))
    if v1 is None:
        return None
    is_async = info.kind == "client" and info.client is not None and info.client.is_async
    if is_async:  # every construction shown that the receiver may hold is async
        sources = ctx.request_clients(cst.Call(func=node)) or ()
        built = [ctx.constructed_client(c) for c in sources if c is not None]
        is_async = all(b is not None and b.is_async for b in built)
    return AsyncLegacyMethod(info, resource, v1, is_async)
