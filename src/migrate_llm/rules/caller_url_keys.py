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

from migrate_llm.layout import one_line
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


def _parameter(name: cst.Name, function: cst.FunctionDef) -> bool:
    """Whether `name` is a parameter of `function` (by its name)."""
    params = function.params
    return any(
        p.name.value == name.value
        for p in (*params.posonly_params, *params.params, *params.kwonly_params)
    )


def _parameter_value(value: cst.BaseExpression, function: cst.FunctionDef) -> bool:
    """Whether `value` is a value the caller hands in a parameter of `function`: an attribute,
    an item or a `.get()` of it (`init_params.api_base`, `params["api_base"]`)."""
    held: cst.BaseExpression | None = None
    if isinstance(value, (cst.Attribute, cst.Subscript)):
        held = value.value
    elif (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "get"
    ):
        held = value.func.value
    return isinstance(held, cst.Name) and _parameter(held, function)


def _given(
    ctx: PythonContext, name: cst.Name, fill: cst.BooleanOperation, function: cst.FunctionDef
) -> bool:
    """Whether `name` holds the caller's value in `function`: a parameter of it, or bound in
    it to a value of one of its parameters (`api_base = init_params.api_base`, DB-GPT's
    `OpenAIParameters` dataclass, t64b: the key renamed untied there sent the provider's key
    to DashScope), and besides that at most by the fill `name = name or <read>` itself: then,
    before or after that fill, the name holds the caller's value or the one the fill gives."""
    scope = ctx.scope(name)
    if scope is None or _function(ctx, name) is not function:
        return False
    given = _parameter(name, function)
    for binding in scope.assignments[name.value]:
        if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
            continue
        parents = ctx.ancestors(binding.node)
        value: cst.BaseExpression | None = None
        if (
            len(parents) >= 2
            and isinstance(parents[-1], cst.AssignTarget)
            and isinstance(parents[-2], cst.Assign)
            and len(parents[-2].targets) == 1
        ):
            value = parents[-2].value
        elif parents and isinstance(parents[-1], cst.AnnAssign):
            value = parents[-1].value  # `api_base: Optional[str] = init_params.api_base`
        if value is None:
            return False
        if value is fill:
            continue
        if not _parameter_value(value, function):
            return False
        given = True
    return given


def caller_url(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> CallerUrl | None:
    """The caller's key and base URL the key read `read` goes with, where `read` falls back
    from the caller's key (`api_key or <read>`: a parameter of its function, or a value of
    one, `_given`) and that function makes exactly one such value the fallback of a read of
    OpenAI's base-URL variable (`url or <read>`), binding it nowhere else; None otherwise."""
    key_fill = _fallback_of(ctx, read)
    function = _function(ctx, read)
    if key_fill is None or function is None:
        return None
    key = cast(cst.Name, key_fill.left)
    if not (_parameter(key, function) or _given(ctx, key, key_fill, function)):
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
        if not _given(ctx, url, fill, function):
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
    # reads written over several lines (DB-GPT's `os.getenv(\n "OPENAI_API_KEY", ...\n)`)
    # are joined, so that the layout splits the whole expression as black would
    key = applied(ctx, read, edit)
    key, url = one_line(key) or key, one_line(url) or url
    # the read as `base_url_expr` writes it is a string; another form is wrapped in `str()`
    first = None if url == base_url_expr(provider, base) else same_url(url)
    test = provider_url_test(shown, provider, base, first=first)
    text = f"({key} if not {shown} or {test} else {given})"
    return Edit(ctx.span(read), text, edit.imports, edit.setup)
