"""A `**kwargs` fill written before the key was tied to the provider's base URL: `if not
kwargs.get("api_key"): kwargs["api_key"] = os.environ[KEY_VAR]` (or `kwargs.setdefault(
"api_key", ...)`) in a function whose base-URL entry a caller may give (`if not
kwargs.get("base_url"): ...`, `setdefault`) or which sets it to another host. A caller
passing `base_url=os.environ.get("LLM_BASE_URL")` and no key sends the provider's key to
that host; apply rewrites the key's write to the tied form `kwargs_fill.entry_lines` writes
today (`... and kwargs["base_url"] == <provider URL read>`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import Edit, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import IMPORT_OS, key_expr
from migrate_llm.rules.dict_writes import lacks, tied_to_url, written_key
from migrate_llm.rules.kwargs_fill import _home, _indent_unit, _statement, entry_lines, tied_url
from migrate_llm.rules.python_context import PythonContext, keyword, string_value


@dataclass(frozen=True)
class UntiedKey:
    """The untied key write `statement` on the mapping `name`, the base-URL entry `base`
    written before it, and `line`, the tied form (one line, for a message)."""

    name: str
    statement: cst.BaseStatement
    base: str
    line: str
    edit: Edit


def untied_key(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> UntiedKey | None:
    """The untied provider-key write on the function's `**` parameter spread into `call`
    (statements of the call's block, before it), where the base-URL entry written before it
    may be the caller's (a guarded write, `setdefault`) or is set to something that does not
    read the provider's base URL; None otherwise (also where the function sets the
    provider's base URL unconditionally: the key then goes there only)."""
    provider = ctx.rules.provider
    url = ctx.rules.base_url
    if provider is None or url is None or cls.framework != lc.FRAMEWORK or cls.azure:
        return None
    if any(keyword(call, k) is not None for k in (*cls.key, *cls.base_url)):
        return None
    spread = [a for a in call.args if a.star]
    if len(spread) != 1 or spread[0].star != "**" or not isinstance(spread[0].value, cst.Name):
        return None
    name = spread[0].value.value
    function = _home(ctx, call)
    line = _statement(ctx, call)
    bound = ctx.reaching(spread[0].value)
    if function is None or line is None or len(bound) != 1:
        return None
    binding = bound[0]
    if not isinstance(binding, Assignment) or function.params.star_kwarg is not binding.node:
        return None
    # (entry, "caller" | "other" | "provider", the value written)
    base: tuple[str, str, cst.BaseExpression] | None = None
    for statement in _before(ctx, line, function):
        write = _entry_write(ctx, statement, name)
        if write is None:
            continue
        entry, guarded, tied, value = write
        if entry in cls.base_url:
            if guarded:
                base = (entry, "caller", value)
            else:
                reads = _reads_provider_url(ctx, value, provider)
                base = (entry, "provider" if reads else "other", value)
        elif (
            entry in cls.key
            and base is not None
            and base[1] != "provider"
            and guarded
            and not tied
            and _reads_var(ctx, value, provider.api_key_env)
        ):
            return _untied(ctx, call, cls, name, statement, base[0], base[2])
    return None


def _before(
    ctx: PythonContext, line: cst.SimpleStatementLine, function: cst.FunctionDef
) -> list[cst.BaseStatement]:
    """The statements that run before `line` on every path to it: those before it in its
    block, and before the statement holding that block in each block around it, up to the
    function's body (outermost first)."""
    found: list[list[cst.BaseStatement]] = []
    node: cst.CSTNode = line
    for parent in reversed(ctx.ancestors(line)):
        if isinstance(parent, cst.IndentedBlock) and node in parent.body:
            body = list(parent.body)
            found.append(body[: body.index(cast(cst.BaseStatement, node))])
        if parent is function:
            break
        if isinstance(parent, cst.BaseStatement):
            node = parent
    return [statement for part in reversed(found) for statement in part]


def _untied(
    ctx: PythonContext,
    call: cst.Call,
    cls: FrameworkClass,
    name: str,
    statement: cst.BaseStatement,
    base: str,
    written: cst.BaseExpression,
) -> UntiedKey:
    provider = cast(Provider, ctx.rules.provider)
    key_name = cls.key[cls.base_url.index(base)]
    entries = [(key_name, key_expr(provider, ctx.at_import(call)))]
    guards = [(key_name, *(k for k in cls.key if k != key_name))]
    tied = [(key_name, base, tied_url(ctx, written))]
    [shown] = entry_lines(name, entries, guards, tied=tied)
    unit = _indent_unit(ctx, cast(cst.SimpleStatementLine, _statement(ctx, call)))
    span = ctx.span(statement)
    end = span.end if ctx.text[span.end - 1] != "\n" else span.end - 1
    indent = ctx.text[ctx.text.rfind("\n", 0, span.start) + 1 : span.start]
    [text] = entry_lines(name, entries, guards, f"\n{unit}", tied)
    text = text.replace("\n", f"\n{indent}")
    return UntiedKey(name, statement, base, shown, Edit(Span(span.start, end), text, (IMPORT_OS,)))


def _entry_write(
    ctx: PythonContext, statement: cst.BaseStatement, name: str
) -> tuple[str, bool, bool, cst.BaseExpression] | None:
    """(entry, guarded, tied, value) of a write of a string entry of `name`: `name[E] = V`
    (not guarded), `name.setdefault(E, V)` or `if <E lacking>: name[E] = V` (guarded; tied
    where the test also compares a base-URL entry); None for anything else."""
    if isinstance(statement, cst.If):
        inner = statement.body
        if (
            statement.orelse is not None
            or not isinstance(inner, cst.IndentedBlock)
            or len(inner.body) != 1
            or not isinstance(inner.body[0], cst.SimpleStatementLine)
            or len(inner.body[0].body) != 1
        ):
            return None
        assign = inner.body[0].body[0]
        entry = written_key(assign)
        if entry is None or not _on(assign, name) or not lacks(statement.test, entry, name):
            return None
        tied = tied_to_url(statement.test, name)
        return entry, True, tied, cast(cst.Assign, assign).value
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    entry = written_key(small)
    if entry is not None and _on(small, name):
        return entry, False, False, cast(cst.Assign, small).value
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        call = small.value
        func = call.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "setdefault"
            and isinstance(func.value, cst.Name)
            and func.value.value == name
            and len(call.args) == 2
            and not any(a.star or a.keyword for a in call.args)
        ):
            entry = string_value(call.args[0].value)
            if entry is not None:
                return entry, True, False, call.args[1].value
    return None


def _on(assign: cst.BaseSmallStatement, name: str) -> bool:
    target = cast(cst.Assign, assign).targets[0].target
    return isinstance(target, cst.Subscript) and (
        isinstance(target.value, cst.Name) and target.value.value == name
    )


def _reads_var(ctx: PythonContext, value: cst.BaseExpression, variable: str) -> bool:
    """Whether `value` reads the environment variable `variable` (anywhere in it)."""
    found = []

    class _Reads(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, cst.BaseExpression):
                read = env_var_read(ctx, node)
                if read is not None and read[0] == variable:
                    found.append(node)
            return True

    value.visit(_Reads())
    return bool(found)


def _reads_provider_url(ctx: PythonContext, value: cst.BaseExpression, provider: Provider) -> bool:
    """Whether `value` is the provider's base URL: a read of its variable, or its URL (also
    through a name bound to it)."""
    if provider.base_url_env and _reads_var(ctx, value, provider.base_url_env):
        return True
    found = ctx.resolve_literal(value)
    url = cast(str, ctx.rules.base_url)
    return (
        found is not None and found[2] != "env default" and found[1].rstrip("/") == url.rstrip("/")
    )
