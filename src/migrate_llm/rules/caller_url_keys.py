"""A read of OpenAI's key variable that is the fallback of the key a function's caller gives,
in a function whose base URL is the caller's too, with a read of OpenAI's base-URL variable as
its fallback (camel's `OpenAIModel.__init__`: `api_key = api_key or os.environ.get(
"OPENAI_API_KEY")`, `url = url or os.environ.get("OPENAI_API_BASE_URL")`). ML401 renames both
reads; the key's rename is tied to the URL as ML003 ties a client's key: the provider's key
only where the caller's URL is empty or the provider's, another server keeping the key the
caller gives (`OpenAIModel("my-llama", url=LOCAL)` sent DashScope's key to LOCAL, t60a D7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Edit
from migrate_llm.registry import Provider
from migrate_llm.rules.code_templates import base_url_expr, provider_url_test, same_url
from migrate_llm.rules.env_names import EnvAccess, EnvNames
from migrate_llm.rules.env_read_facts import direct_source
from migrate_llm.rules.env_roles import base_url_variables
from migrate_llm.rules.python_context import PythonContext


@dataclass(frozen=True)
class CallerUrl:
    """The caller's key `key` (the name before `or` in the key read's fallback), the caller's
    base URL `url` (a parameter of the same function) and `read`, the read of OpenAI's
    base-URL variable it falls back to."""

    key: cst.Name
    url: cst.Name
    read: EnvAccess


def _function(ctx: PythonContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    return next((a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)), None)


def _fallback_of(ctx: PythonContext, read: cst.CSTNode) -> cst.BooleanOperation | None:
    """`name or read`, the chain of two whose last operand is `read`, or None."""
    parents = ctx.ancestors(read)
    parent = parents[-1] if parents else None
    if (
        isinstance(parent, cst.BooleanOperation)
        and isinstance(parent.operator, cst.Or)
        and parent.right is read
        and isinstance(parent.left, cst.Name)
    ):
        return parent
    return None


def _parameter(ctx: PythonContext, name: cst.Name, function: cst.FunctionDef) -> bool:
    """Whether `name` is a parameter of `function` (by its name)."""
    params = function.params
    return any(
        p.name.value == name.value
        for p in (*params.posonly_params, *params.params, *params.kwonly_params)
    )


def _only_filled(
    ctx: PythonContext, url: cst.Name, fill: cst.BooleanOperation, function: cst.FunctionDef
) -> bool:
    """Whether the function binds the caller's URL `url` only as its parameter, and at most by
    the fill `url = url or <read>` itself: then, before or after that fill, the name holds the
    caller's URL or the one the fill gives."""
    scope = ctx.scope(url)
    if scope is None:
        return False
    for binding in scope.assignments[url.value]:
        if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
            continue
        parents = ctx.ancestors(binding.node)
        if not (
            len(parents) >= 2
            and isinstance(parents[-1], cst.AssignTarget)
            and isinstance(parents[-2], cst.Assign)
            and len(parents[-2].targets) == 1
            and parents[-2].value is fill
        ):
            return False
    return _function(ctx, url) is function


def caller_url(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> CallerUrl | None:
    """The caller's key and base URL the key read `read` goes with, where `read` falls back
    from a parameter of its function (`api_key or <read>`) and that function makes exactly one
    parameter of its the fallback of a read of OpenAI's base-URL variable (`url or <read>`),
    binding it nowhere else; None otherwise."""
    key_fill = _fallback_of(ctx, read)
    function = _function(ctx, read)
    if key_fill is None or function is None:
        return None
    key = cast(cst.Name, key_fill.left)
    if not _parameter(ctx, key, function):
        return None
    urls = base_url_variables(ctx)
    found: list[CallerUrl] = []
    for access in names.accesses:
        source = direct_source(names, access) if access.kind == "read" else None
        if (
            source is None
            or source.value not in urls
            or _function(ctx, access.node) is not function
        ):
            continue
        fill = _fallback_of(ctx, access.node)
        if fill is None:
            continue
        url = cast(cst.Name, fill.left)
        if not _parameter(ctx, url, function) or not _only_filled(ctx, url, fill, function):
            return None
        found.append(CallerUrl(key, url, access))
    return found[0] if len(found) == 1 else None


def applied(ctx: PythonContext, node: cst.CSTNode, edit: Edit) -> str:
    """The code of `node` with `edit` (within it) made."""
    span = ctx.span(node)
    return ctx.text[span.start : edit.span.start] + edit.text + ctx.text[edit.span.end : span.end]


def tied_edit(
    ctx: PythonContext, read: cst.CSTNode, edit: Edit, found: CallerUrl, url: str
) -> Edit:
    """The key read `read` renamed by `edit`, made the provider's key only where the caller's
    URL is empty or `url` (the provider's base-URL read, as the URL's fill now reads it), and
    the caller's key elsewhere: `key or (<provider's key> if not url or url == <provider's
    URL> else key)`, as ML003 writes a client's, the URLs compared as `same_url` writes them
    (`provider_url_test`: any spelling of the provider's own URL takes its key too)."""
    shown, given = found.url.value, found.key.value
    provider, base = cast(Provider, ctx.rules.provider), cast(str, ctx.rules.base_url)
    # the read as `base_url_expr` writes it is a string; another form is wrapped in `str()`
    first = None if url == base_url_expr(provider, base) else same_url(url)
    test = provider_url_test(shown, provider, base, first=first)
    text = f"({applied(ctx, read, edit)} if not {shown} or {test} else {given})"
    return Edit(ctx.span(read), text, edit.imports, edit.setup)
