"""Base URLs decided at run time that the code shows are always given, and never OpenAI's.

MaxKB's providers (t64a) build the OpenAI SDK client for servers of their own: vLLM's
whisper client takes `base_url = f"{self.api_url}/v1"`, an f-string whose host comes from
what the function is handed, and others read the URL with another server's default
(`kwargs.get("api_base", "http://localhost:9997/v1")`). Such a URL is never empty, so a
fallback to the provider's would never run, and it is never OpenAI's, so the client's
requests are not the provider's to serve: the client is left as one pointed at a server of
the program's own (`clients.endpoint_of`), and the requests through it with it
(`PythonContext.elsewhere_client`).

Only where the evidence says so (t64 review): the URL's host is what the function is handed
(a parameter, `self.X` set from one, `credential.get("api_base")`, `kwargs.get(...)`), never
an environment read nor a module's or settings' value (`settings.LLM_HOST` may be OpenAI's),
nor a parameter a call of the module hands OpenAI's URL or a value it does not show; the
key is handed too, or a literal (not OpenAI's variable, nor absent: the SDK would read
OPENAI_API_KEY); and no request through the client sends a model OpenAI serves (nor the
target provider's, as apply maps OpenAI's). Elsewhere the client stays a warning, and its
key read is not renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.passed_values import passed_values
from migrate_llm.rules.python_context import self_attribute
from migrate_llm.rules.run_time_data import handed_binding

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext

# what an f-string may write before the formatted host
_SCHEMES = ("", "http://", "https://")


def given_url(ctx: PythonContext, call: cst.Call, expr: cst.BaseExpression) -> str | None:
    """Why the base URL `expr` of the client construction `call`, decided at run time, is
    always given and not OpenAI's, for a message: `an f-string whose host is the program's
    own` (`f"{self.api_url}/v1"`, also through the one value a name or `self.X` is bound to),
    or `<url> by default` for a read whose default is another server's URL (not OpenAI's,
    nor the target provider's); None otherwise, and wherever the module's docstring says
    the evidence is missing."""
    reason = _given(ctx, expr)
    if reason is None or not _handed_key(ctx, call) or _sends_openai_model(ctx, call):
        return None
    return reason


def _given(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    value = _bound(ctx, expr)
    if isinstance(value, cst.FormattedString):
        if _host_formatted(ctx, value):
            return "an f-string whose host is the program's own"
        return None
    from migrate_llm.rules.clients import classify_url, run_time_default

    default = run_time_default(ctx, value)
    if default is None or "://" not in default or not _handed(ctx, value):
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
    if any(isinstance(p, cst.FormattedStringText) and "openai" in p.value.lower() for p in parts):
        return False
    return _handed(ctx, _bound(ctx, host.expression))


def _handed(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 2) -> bool:
    """Whether `expr` is what its function is handed: a parameter with no default (or None)
    that no call of the module hands OpenAI's URL or a value it does not show as handed or
    a literal, an entry or attribute of a parameter (`credential.get("api_base")`,
    `kwargs.get("api_base", URL)`), a name bound once to such a value, or `self.X` every
    assignment of which is one; not an environment read nor a module's setting."""
    if isinstance(expr, cst.Attribute) and self_attribute(expr):
        values = ctx.index.self_assigned.get(expr.attr.value, [])
        return depth > 0 and bool(values) and all(_handed(ctx, v, depth - 1) for v in values)
    found = handed_binding(ctx, expr)
    if found is None:
        return False
    root, node, plain = found
    if not isinstance(node, cst.Param):
        value = ctx.index.assigned.get(id(node))
        return depth > 0 and value is not None and _handed(ctx, value, depth - 1)
    if not plain:
        return False  # `host="api.openai.com"`, `cfg=DEFAULTS`: the module's own value
    if root is not expr:
        return True  # an entry or attribute of what the function is handed (`**kwargs` too)
    if node.star in ("*", "**"):
        return False
    passed = passed_values(ctx, root)
    for value in passed[1] if passed is not None else []:
        literal = ctx.resolve_literal(value)
        if literal is not None and literal[2] == "literal":
            if "openai" in literal[1].lower():
                return False  # `Bot("https://api.openai.com")`
        elif depth == 0 or not _handed(ctx, value, depth - 1):
            return False  # an environment read, a setting: may be OpenAI's
    return True


def _handed_key(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the client construction `call` is given a key it is handed (`_handed`) or a
    literal one: not none (the SDK reads OPENAI_API_KEY), nor an environment read or a
    setting (OpenAI's key, or the provider's once renamed, would go to that URL)."""
    from migrate_llm.rules.clients import UNKNOWN_SETTING, setting

    key = setting(ctx, call, "api_key")
    if key is None or key is UNKNOWN_SETTING:
        return False
    if "openai" in ctx.code(key).lower():
        return False
    literal = ctx.resolve_literal(key)
    if literal is not None:
        return literal[2] == "literal"
    return _handed(ctx, _bound(ctx, key))


def _sends_openai_model(ctx: PythonContext, client: cst.Call) -> bool:
    """Whether a request of the module through the client construction `client` sends a
    model OpenAI serves (written, or a constant): that request was meant for OpenAI; or one
    of the target provider's, as apply maps OpenAI's (then `check` would pass while the URL
    and key may still be OpenAI's)."""
    target = ctx.rules.provider
    for node in ctx.nodes:
        if not isinstance(node, cst.Call) or node is client:
            continue
        model = argument(node, "model", None)
        if model is None:
            continue
        literal = ctx.resolve_literal(model.value)
        if literal is None or not (
            ctx.rules.openai.serves(literal[1])
            or (target is not None and target.serves(literal[1]))
        ):
            continue
        clients = ctx.request_clients(node)
        if clients and any(c is client for c in clients):
            return True
    return False


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
