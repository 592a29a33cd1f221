"""The httpx client openai>=1.0 takes for what openai<1.0's `openai.proxy` was set to (ML301).

`openai.proxy` held one URL or a dict of URLs by scheme (`sdk.LEGACY_PROXY_MOUNTS`); httpx's
`proxy=` takes one URL, so a dict written there would raise AttributeError when the client
is built (t59c D2): one URL for both schemes becomes `proxy=`, different ones `mounts=`.
An `AsyncOpenAI` client takes only an `httpx.AsyncClient` (TypeError otherwise), with
`httpx.AsyncHTTPTransport` mounts.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, string_value

# httpx's client and transport classes, by whether the openai client is async
_HTTPX = {False: ("Client", "HTTPTransport"), True: ("AsyncClient", "AsyncHTTPTransport")}


def proxy_client(ctx: PythonContext, value: cst.BaseExpression, is_async: bool = False) -> str:
    """`httpx.Client(...)` (`httpx.AsyncClient(...)` for an async client) for the
    `openai.proxy` value `value`: `proxy=` with a URL (a dict giving every scheme the same
    one), `mounts=` for a dict of different ones, each in the code the module writes; a value
    that may be either is named with both forms."""
    client, transport = _HTTPX[is_async]
    by_scheme = _schemes(ctx, value)
    if by_scheme is None:
        shown = f"httpx.{client}(proxy={snippet(ctx, value)})"
        if _one_url(ctx, value):
            return shown
        return (
            f"{shown} (proxy= takes one URL; proxies that differ by scheme go in "
            f'mounts={{"http://": httpx.{transport}(proxy=...), '
            f'"https://": httpx.{transport}(proxy=...)}})'
        )
    codes = {scheme: snippet(ctx, v) for scheme, v in by_scheme.items()}
    if len(codes) == len(sdk.LEGACY_PROXY_MOUNTS) and len(set(codes.values())) == 1:
        return f"httpx.{client}(proxy={next(iter(codes.values()))})"
    mounts = ", ".join(
        f'"{prefix}": httpx.{transport}(proxy={codes[scheme]})'
        for scheme, prefix in sdk.LEGACY_PROXY_MOUNTS.items()
        if scheme in codes
    )
    return f"httpx.{client}(mounts={{{mounts}}})"


def _schemes(ctx: PythonContext, value: cst.BaseExpression) -> dict[str, cst.BaseExpression] | None:
    """The URL of each scheme a dict display gives (or a name bound once to one), where its
    keys are all schemes `sdk.LEGACY_PROXY_MOUNTS` names; None for anything else."""
    if isinstance(value, cst.Name):
        bound = ctx.bindings(value)
        if len(bound) == 1 and isinstance(bound[0], Assignment):
            value = ctx.index.assigned.get(id(bound[0].node)) or value
    if not isinstance(value, cst.Dict) or not value.elements:
        return None
    found: dict[str, cst.BaseExpression] = {}
    for element in value.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key not in sdk.LEGACY_PROXY_MOUNTS:
            return None
        found[key] = element.value
    return found


def _one_url(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a string for sure: a literal, an f-string or concatenation, or an
    environment read."""
    if string_value(value) is not None:
        return True
    if isinstance(value, (cst.FormattedString, cst.ConcatenatedString)):
        return True
    return isinstance(value, cst.Call) and bool(ctx.qualnames(value.func) & sdk.ENV_LOOKUPS)
