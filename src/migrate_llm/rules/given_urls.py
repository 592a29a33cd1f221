"""Base URLs decided at run time that the code shows are always given, and never OpenAI's.

MaxKB's providers (t64a) build the OpenAI SDK client for servers of their own: vLLM's
whisper client takes `base_url = f"{self.api_url}/v1"`, an f-string whose host comes from
the program's settings, and others read the URL with another server's default
(`kwargs.get("api_base", "http://localhost:9997/v1")`). Such a URL is never empty, so a
fallback to the provider's would never run, and it is never OpenAI's, so the client's
requests are not the provider's to serve: the client is left as one pointed at a server of
the program's own (`clients.endpoint_of`), and the requests through it with it
(`PythonContext.elsewhere_client`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm.rules.python_context import self_attribute

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext

# what an f-string may write before the formatted host
_SCHEMES = ("", "http://", "https://")


def given_url(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """Why the base URL `expr`, decided at run time, is always given and not OpenAI's, for a
    message: `an f-string whose host is the program's own` (`f"{self.api_url}/v1"`, also
    through the one value a name or `self.X` is bound to), or `<url> by default` for a read
    whose default is another server's URL (not OpenAI's, nor the target provider's);
    None otherwise."""
    value = _bound(ctx, expr)
    if isinstance(value, cst.FormattedString) and _host_formatted(ctx, value):
        return "an f-string whose host is the program's own"
    from migrate_llm.rules.clients import classify_url, run_time_default

    default = run_time_default(ctx, value)
    if default is None or "://" not in default:
        return None
    found = classify_url(ctx, default)
    target = ctx.rules.provider
    if found.kind == "openai" or (
        found.kind == "provider"
        and found.provider is not None
        and target is not None
        and found.provider.id == target.id
    ):
        return None
    return f"{default} by default"


def _bound(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """The one value the name or `self.X` `expr` is bound to in the module, else `expr`."""
    if isinstance(expr, cst.Name):
        return ctx.bound_value(expr) or expr
    if isinstance(expr, cst.Attribute) and self_attribute(expr):
        values = ctx.index.self_assigned.get(expr.attr.value, [])
        return values[0] if len(values) == 1 else expr
    return expr


def _host_formatted(ctx: PythonContext, value: cst.FormattedString) -> bool:
    """Whether the f-string `value` starts with its host formatted in (after at most a
    scheme), from a value the module does not show as a literal nor names for OpenAI, and
    names OpenAI nowhere in its text."""
    parts = value.parts
    lead = ""
    first = 0
    if parts and isinstance(parts[0], cst.FormattedStringText):
        lead, first = parts[0].value, 1
    if lead not in _SCHEMES or first >= len(parts):
        return False
    host = parts[first]
    if not isinstance(host, cst.FormattedStringExpression):
        return False
    if ctx.resolve_literal(host.expression) is not None:
        return False  # a URL the module shows: classified as written
    if "openai" in ctx.code(host.expression).lower():
        return False  # `f"{settings.OPENAI_API_BASE}/v1"`: OpenAI's, by its name
    return not any(
        isinstance(p, cst.FormattedStringText) and "openai" in p.value.lower() for p in parts
    )


def run_time_url(ctx: PythonContext, call: cst.Call) -> str | None:
    """The run-time value (as shown: `self.api_base`) every client the request `call` may go
    through takes its base URL from, where the target provider's URL is at most a fallback
    for an empty value (`self.api_base or os.environ.get("DASHSCOPE_BASE_URL", URL)`, as
    apply writes it): the request goes wherever that value points, to the provider only where
    it is empty (MaxKB's SiliconFlow and Xinference clients, their URLs stored settings);
    None otherwise, or where the clients take different values."""
    from migrate_llm.rules.clients import UNKNOWN_SETTING, endpoint_of_value, setting

    target = ctx.rules.provider
    shown: set[str] = set()
    for client in ctx.request_clients(call) or [None]:
        if client is None:
            return None
        value = setting(ctx, client, "base_url")
        if value is None or value is UNKNOWN_SETTING:
            return None
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
            after = endpoint_of_value(ctx, value.right)
            if target is None or after.provider is None or after.provider.id != target.id:
                return None
            value = value.left
        found = endpoint_of_value(ctx, value)
        if found.kind != "dynamic" or found.variable is not None:
            return None
        shown.add(" ".join(ctx.code(value).split()))
    return shown.pop() if len(shown) == 1 else None
