"""A LangChain class built from a `**kwargs` the function holds (`ChatOpenAI(model=m,
**kwargs)`), whose base URL and key the module shows only as an optional OPENAI_BASE_URL
override (gpt-researcher's `from_provider`): the provider's settings `apply` fills in on the
mapping, where the caller gives none, right before the call (ML601), replacing that override.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.foreign_key_calls import ForeignKeyCall
from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import Edit, FixClass, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.clients import (
    _dict_entries,
    _dict_use,
    _loops_back,
    env_var_read,
    kwargs_of,
)
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    among,
    base_url_expr,
    key_expr,
    literal,
    provider_urls,
    same_url,
    url_form,
)
from migrate_llm.rules.dict_writes import lone_if, not_in, written_key
from migrate_llm.rules.env_roles import base_url_variables
from migrate_llm.rules.python_context import PythonContext, keyword, last_name, string_value

_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


@dataclass(frozen=True)
class Fill:
    """What `apply` writes on the mapping `name` before `call`: `entries` (key, code), each
    as `name.setdefault(key, code)`, but those `guards` name first (the base URL and the key:
    a tuple each, the entry's name then its setting's other names) as `if not name.get(key):
    name[key] = name.pop(<other name>, None) or code` (`entry_lines`); in place of `override`
    (the OPENAI_BASE_URL override, an `if` of the call's block) or, without one, right before
    the call's statement."""

    call: cst.Call
    name: str
    entries: tuple[tuple[str, str], ...]
    statement: cst.SimpleStatementLine
    override: cst.If | None
    variable: str = ""  # the variable the override reads (OPENAI_BASE_URL)
    guards: tuple[tuple[str, ...], ...] = ()
    tied: tuple[tuple[str, str, str], ...] = ()

    def lines(self, indent: str = " ") -> list[str]:
        return entry_lines(self.name, self.entries, self.guards, indent, self.tied)


def entry_lines(
    name: str,
    entries: Iterable[tuple[str, str]],
    guards: Iterable[tuple[str, ...]],
    indent: str = " ",
    tied: Iterable[tuple[str, str, str]] = (),
) -> list[str]:
    """The statements setting `entries` on the mapping `name` where it holds none: a
    `setdefault` each, but an entry one of `guards` names first (then its setting's other
    names) is written where the mapping holds no value under that name, or holds None or ""
    (`setdefault` would keep that, and the class then reads OPENAI_BASE_URL or
    OPENAI_API_KEY), taking a value held under another name (popped: where both names are
    given, pydantic takes the alias's, and OpenAIEmbeddings refuses both), else `code`, read
    only then: `if not kw.get("base_url"):` then, after `indent` (a space by default: one
    line, for a message), `kw["base_url"] = kw.pop("openai_api_base", None) or <code>`. An
    entry `tied` names (key, base-URL entry, the provider's URL spellings: `tied_url`) is
    written only where that entry, set by then, is one of them, compared as `same_url`
    writes it: `... and str(kw["base_url"]).rstrip("/").lower() in (<read>, ...)`."""
    named = {guard[0]: guard[1:] for guard in guards}
    ties = {key: (base, url) for key, base, url in tied}
    found = []
    for key, code in entries:
        if key in named:
            value = " or ".join([*(f"{name}.pop({literal(k)}, None)" for k in named[key]), code])
            test = f"not {name}.get({literal(key)})"
            if key in ties:
                base, url = ties[key]
                test += f" and {same_url(f'{name}[{literal(base)}]')} {url}"
            found.append(f"if {test}:{indent}{name}[{literal(key)}] = {value}")
        else:
            found.append(f"{name}.setdefault({literal(key)}, {code})")
    return found


def tied_url(ctx: PythonContext, written: cst.BaseExpression | None) -> str:
    """What a key fill compares the base-URL entry of a mapping with (`entry_lines`' `tied`),
    as `in (...)` or `== ...`: the value the function writes there where it calls nothing (a
    literal, a constant: the variable overriding the provider's URL does not change it, so
    the key still goes with it), else the provider's base-URL read; and the spellings the
    provider's file gives its URL (`Provider.base_url_spellings`: DeepSeek's `/v1`), so a
    caller passing one of those gets the key too. Each as `same_url` makes it (a literal
    made so here): the same host and path family whatever the case or trailing slash; a
    URL of another host matches none."""
    provider = cast(Provider, ctx.rules.provider)
    url = cast(str, ctx.rules.base_url)
    first = None
    if isinstance(written, (cst.SimpleString, cst.ConcatenatedString, cst.Name, cst.Attribute)):
        text = string_value(written)
        shown = ctx.module.code_for_node(written)
        plain = text is None and ctx.resolve_literal(written) is not None  # a str constant
        first = literal(url_form(text)) if text is not None else same_url(shown, plain)
    return among(provider_urls(provider, url, first))


def _provider_entries(
    ctx: PythonContext, call: cst.Call, cls: FrameworkClass, base_name: str
) -> tuple[list[tuple[str, str]], tuple[tuple[str, ...], ...], tuple[tuple[str, str, str]]]:
    """The provider's base-URL and key entries (the key under the name going with
    `base_name`), and their guards (`entry_lines`): each is written only where the caller
    passes none under any of its names, or passes None or "" (`make_llm(api_key=None,
    base_url=None)`: `setdefault` would keep that, and the class would send the provider's
    key to OPENAI_BASE_URL or api.openai.com, or OPENAI_API_KEY to the provider); the key's
    read `os.environ[VAR]` raises where the variable is unset, so a key the caller passes
    must work without it. The key is tied to the provider's base URL: a caller giving a base
    URL of its own and no key gets none of the provider's (the class reads OPENAI_API_KEY,
    as before), so that key never goes to the caller's host (t57a D2, gpt-researcher's
    LLM_BASE_URL)."""
    provider = cast(Provider, ctx.rules.provider)
    key_name = cls.key[cls.base_url.index(base_name)]
    at_import = ctx.at_import(call)
    url = base_url_expr(provider, cast(str, ctx.rules.base_url))
    entries = [(base_name, url), (key_name, key_expr(provider, at_import))]
    guards = tuple(
        (name, *(k for k in names if k != name))
        for name, names in ((base_name, cls.base_url), (key_name, cls.key))
    )
    return entries, guards, ((key_name, base_name, tied_url(ctx, None)),)


def kwargs_fill(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> Fill | None:
    """The settings `apply` fills in on the `**mapping` of `call` (a LangChain chat or
    embeddings class given no key or base URL keyword), or None where it cannot show that
    the caller's entries and the provider's go together: the mapping must be the function's
    `**` parameter or a dict display built in it, every write of a base-URL or key entry on
    it the OPENAI_BASE_URL override (`if "openai_api_base" not in kw and
    os.environ.get("OPENAI_BASE_URL"): kw["openai_api_base"] = os.environ[...]`) or none,
    every other use before the call (or coming back to it in a loop) a read or a write of
    another entry, and no call of the function in the module may pass a base URL or key (or a
    `**mapping`)."""
    memo = cast("dict[int, Fill | None]", ctx.analyses.setdefault(kwargs_fill, {}))
    if id(call) not in memo:
        memo[id(call)] = _fill(ctx, call, cls)
    return memo[id(call)]


def _fill(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> Fill | None:
    provider = ctx.rules.provider
    if (
        provider is None
        or not ctx.rules.switching
        or ctx.rules.base_url is None
        or cls.framework != lc.FRAMEWORK
        or cls.azure
        or cls.kind not in ("chat", "embeddings")
        or any(keyword(call, name) is not None for name in (*cls.key, *cls.base_url))
    ):
        return None
    if _left_to_person(ctx, call, cls):
        return None
    spread = [a for a in call.args if a.star]
    if len(spread) != 1 or spread[0].star != "**" or not isinstance(spread[0].value, cst.Name):
        return None
    name = spread[0].value
    function = _home(ctx, call)
    statement = _statement(ctx, call)
    bound = ctx.reaching(name)
    if function is None or statement is None or len(bound) != 1:
        return None
    binding = bound[0]
    if not isinstance(binding, Assignment) or not _built_here(ctx, binding, function):
        return None
    family = frozenset((*cls.key, *cls.base_url))
    written: set[str] = set()
    overrides: list[cst.If] = []
    at = ctx.index_of(call)
    for access in binding.references:
        node = cast(cst.CSTNode, access.node)
        if ctx.index_of(node) > at and not _loops_back(ctx, node, call):
            continue  # runs after the call (another branch below it, say)
        parents = ctx.ancestors(node)
        if parents and isinstance(parents[-1], cst.StarredDictElement):
            continue  # `{**kwargs, ...}`: a copy
        use = _dict_use(ctx, node)
        if use is None or use[1] == "unknown":
            return None
        keys = set(use[2])
        written |= keys if use[1] != "read" else set()
        if not keys & family:
            continue
        override = _override(ctx, use[0], name.value, cls)
        if override is None or use[1] != "write":
            return None
        overrides.append(override)
    if len(overrides) > 1 or _passed_by_callers(ctx, function, call, family):
        return None
    override = overrides[0] if overrides else None
    if override is not None and not _before_in_block(ctx, override, statement):
        return None
    base = cast(cst.Subscript, _target(override)).slice if override is not None else None
    base_name = cls.base_url[0]
    if base is not None:
        base_name = cast(str, string_value(cast(cst.Index, base[0].slice).value))
    entries, guards, tied = _provider_entries(ctx, call, cls, base_name)
    if cls.kind == "embeddings" and provider.params.get("embedding_token_input") is not True:
        entries += [
            (setting, code)
            for setting, code in cls.endpoint_settings
            if keyword(call, setting) is None and setting not in written
        ]
        limit = provider.params.get("embedding_batch_max")
        if (
            cls.batch_size is not None
            and isinstance(limit, int)
            and limit < cls.batch_default
            and keyword(call, cls.batch_size) is None
            and cls.batch_size not in written
        ):
            entries.append((cls.batch_size, str(limit)))
    variable = ""
    if override is not None:
        read = env_var_read(ctx, cast(cst.Assign, _line(override).body[0]).value)
        variable = read[0] if read is not None else ""
    return Fill(call, name.value, tuple(entries), statement, override, variable, guards, tied)


def in_filled_override(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` lies in an OPENAI_BASE_URL override that a `Fill` of the module
    replaces (its reads go with ML601's edit, whatever other call they may reach)."""
    memo = ctx.analyses.get(in_filled_override)
    if memo is None:
        from migrate_llm.rules.framework_classes import any_framework_class

        found = set()
        for call in ctx.nodes:
            if isinstance(call, cst.Call) and (cls := any_framework_class(ctx, call)) is not None:
                fill = kwargs_fill(ctx, call, cls)
                if fill is not None and fill.override is not None:
                    found.add(id(fill.override))
        memo = ctx.analyses[in_filled_override] = frozenset(found)
    overrides = cast("frozenset[int]", memo)
    return bool(overrides) and any(id(n) in overrides for n in ctx.ancestors(node))


def _left_to_person(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> bool:
    """What leaves the class to a person whatever its mapping holds (ML601 says so): an
    API the provider does not serve, a pinned langchain-openai without the embeddings
    setting, a pinned langchain whose class takes no base URL."""
    from migrate_llm.rules.framework_classes import framework_class, unserved_surface

    if unserved_surface(ctx, cls) is not None:
        return True
    facts = ctx.rules.facts
    provider = ctx.rules.provider
    token_ids = provider is not None and provider.params.get("embedding_token_input") is True
    if cls.endpoint_settings and facts.langchain_openai_pinned_in and not token_ids:
        return True
    found = framework_class(ctx, call.func, lc.CLASSES)
    return (
        found is not None
        and cls.kind in facts.langchain_without_base_url
        and found[0].startswith(lc.MONOLITH_PREFIX)
    )


def fill_edit(ctx: PythonContext, fill: Fill) -> Edit:
    """The edit of `fill`: its statements in place of the override, or inserted before the
    call's statement, at that statement's indentation."""
    start = ctx.span(fill.statement).start
    indent = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
    unit = _indent_unit(ctx, fill.statement)
    lines = [line.replace("\n", f"\n{indent}") for line in fill.lines(f"\n{unit}")]
    if fill.override is not None:
        span = ctx.span(fill.override)
        end = span.end if ctx.text[span.end - 1] != "\n" else span.end - 1
        return Edit(Span(span.start, end), f"\n{indent}".join(lines), (IMPORT_OS,))
    text = "".join(f"{line}\n{indent}" for line in lines)
    return Edit(Span(start, start), text, (IMPORT_OS,))


def _indent_unit(ctx: PythonContext, line: cst.SimpleStatementLine) -> str:
    """The indentation the block holding `line` adds (the module's default where it uses
    that), for a block nested in it."""
    block = ctx.ancestors(line)[-1]
    indent = block.indent if isinstance(block, cst.IndentedBlock) else None
    return ctx.module.default_indent if indent is None else indent


def suggestion(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> str:
    """The statements that give a class built from `**name` the provider's base URL and
    key, where the caller gives none (the form `check` accepts), for a message; "" where
    the mapping is not a name."""
    provider = ctx.rules.provider
    spread = next((a for a in reversed(call.args) if a.star == "**"), None)
    if provider is None or ctx.rules.base_url is None or spread is None:
        return ""
    if not isinstance(spread.value, cst.Name) or cls.framework != lc.FRAMEWORK or cls.azure:
        return ""
    if any(keyword(call, name) is not None for name in (*cls.key, *cls.base_url)):
        return ""  # given as keywords: an entry as well would raise TypeError
    name = spread.value.value
    mapping = kwargs_of(ctx, call)
    written = mapping.entries if mapping is not None else {}
    base_name = next((k for k in cls.base_url if k in written), cls.base_url[0])
    entries, guards, tied = _provider_entries(ctx, call, cls, base_name)
    shown = entry_lines(name, entries, guards, tied=tied)
    return f"`{shown[0]}` and `{shown[1]}` before the call"


@dataclass(frozen=True)
class KeyFill:
    """The provider's key for a class already pointed at the target by a `**mapping` that
    shows no key entry (t50, L2): `line`, the guarded write (`if not kw.get(K): kw[K] =
    kw.pop(<other name>, None) or <key read>`, `entry_lines`); `edit` writing it right before
    the call's statement, None where apply cannot (then a person must)."""

    name: str
    line: str
    edit: Edit | None


def key_fill(
    ctx: PythonContext, call: cst.Call, keys: tuple[str, ...], bases: tuple[str, ...]
) -> KeyFill | None:
    """The key entry (one of `keys`) a class or client given the target's base URL (one of
    `bases`, as a keyword or an entry of its `**mapping`) needs where the mapping may hold no
    key (the caller's `**kwargs`, a dict the module does not show whole): without one, the
    class reads OPENAI_API_KEY and sends the OpenAI key to the provider. The key's name goes
    with the base URL's (`api_key` with `base_url`); its edit only for a name bound to the
    function's `**` parameter or to a dict display no other call is given (`_own_dict`), the
    call alone on its line. None without a `**mapping`."""
    provider = ctx.rules.provider
    spread = next((a for a in reversed(call.args) if a.star == "**"), None)
    if provider is None or spread is None or not keys or not bases:
        return None
    mapping = kwargs_of(ctx, call)
    written = mapping.entries if mapping is not None else {}
    base_name = next((k for k in bases if keyword(call, k) is not None), None)
    base_name = base_name or next((k for k in bases if k in written), bases[0])
    index = bases.index(base_name)
    key_name = keys[index] if index < len(keys) else keys[0]
    at_import = ctx.at_import(call)
    guards = [(key_name, *(k for k in keys if k != key_name))]
    # a base URL the mapping holds may be a caller's: the key goes with the provider's only
    held = written.get(base_name)
    url = tied_url(ctx, held)
    tied = (
        [(key_name, base_name, url)]
        if held is not None and keyword(call, base_name) is None
        else []
    )
    shown = ctx.module.code_for_node(spread.value)
    [line] = entry_lines(shown, [(key_name, key_expr(provider, at_import))], guards, tied=tied)
    statement = _lone_line(ctx, call)
    if not isinstance(spread.value, cst.Name) or statement is None:
        return KeyFill(shown, line, None)
    bound = ctx.reaching(spread.value)
    binding = bound[0] if len(bound) == 1 else None
    if not isinstance(binding, Assignment) or not _own_dict(ctx, binding, call):
        return KeyFill(shown, line, None)
    start = ctx.span(statement).start
    indent = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
    unit = _indent_unit(ctx, statement)
    [text] = entry_lines(
        shown, [(key_name, key_expr(provider, at_import))], guards, f"\n{unit}", tied
    )
    text = text.replace("\n", f"\n{indent}") + f"\n{indent}"
    return KeyFill(shown, line, Edit(Span(start, start), text, (IMPORT_OS,)))


def mapping_key_fix(
    ctx: PythonContext,
    call: cst.Call,
    head: str,
    keys: tuple[str, ...],
    bases: tuple[str, ...],
    owner: Provider,
) -> tuple[str, Edit | None, FixClass] | None:
    """The message, edit and fix for a class or client pointed at the target (`owner`)
    whose `**mapping` may hold no key (`key_fill`): where it holds none, it reads
    OPENAI_API_KEY and sends the OpenAI key to the provider. apply writes the guarded key
    entry right before the call (review), or a person must (manual)."""
    fill = key_fill(ctx, call, keys, bases)
    if fill is None:
        return None
    said = (
        f"{head} already points at {owner.name}, but takes its key from `**{fill.name}` or "
        f"OPENAI_API_KEY: where `{fill.name}` holds none (or None), the OpenAI key would go "
        f"to {owner.name}"
    )
    if fill.edit is None:
        return f"{said}; set it before the call, by hand: {fill.line}", None, FixClass.MANUAL
    message = f"{said}; apply sets {owner.name}'s right before the call: {fill.line}"
    return message, fill.edit, FixClass.REVIEW


def _lone_line(ctx: PythonContext, call: cst.Call) -> cst.SimpleStatementLine | None:
    """The line of statements holding `call` alone, in a block or at the module's level,
    with no function, class or lambda between."""
    parents = ctx.ancestors(call)
    for i, node in enumerate(parents):
        if isinstance(node, cst.SimpleStatementLine):
            holder = parents[i - 1] if i else None
            if len(node.body) != 1 or not isinstance(holder, (cst.IndentedBlock, cst.Module)):
                return None
            if any(isinstance(n, _SCOPES) for n in parents[i + 1 :]):
                return None
            return node
    return None


def _own_dict(ctx: PythonContext, binding: Assignment, call: cst.Call) -> bool:
    """Whether `binding` is the `**` parameter of the function `call` runs in, or binds a
    dict display or `dict(...)` call that no other call is given (as `**d` or `d`): a dict
    the guarded write may set an entry of without giving the key to anything else."""
    node = binding.node
    if isinstance(node, cst.Param):
        function = _home(ctx, call)
        return function is not None and function.params.star_kwarg is node
    assigned = ctx.index.assigned.get(id(node))
    if assigned is None or _dict_entries(ctx, assigned) is None:
        return False
    for access in binding.references:
        parent = ctx.ancestors(cast(cst.CSTNode, access.node))[-1]
        if isinstance(parent, cst.Arg) and not any(parent is a for a in call.args):
            return False
    return True


def _home(ctx: PythonContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    """The function `node` runs in (none nested between)."""
    scope = next((n for n in reversed(ctx.ancestors(node)) if isinstance(n, _SCOPES)), None)
    return scope if isinstance(scope, cst.FunctionDef) else None


def _statement(ctx: PythonContext, call: cst.Call) -> cst.SimpleStatementLine | None:
    """The line of statements holding `call`, where it is the only statement on a line of
    a block of its function."""
    parents = ctx.ancestors(call)
    for i, node in enumerate(parents):
        if isinstance(node, cst.SimpleStatementLine):
            holder = parents[i - 1] if i else None
            if len(node.body) != 1 or not isinstance(holder, cst.IndentedBlock):
                return None
            if any(isinstance(n, _SCOPES) for n in parents[i + 1 :]):
                return None
            return node
    return None


def _built_here(ctx: PythonContext, binding: Assignment, function: cst.FunctionDef) -> bool:
    """Whether `binding` makes the dict in `function` itself: its `**` parameter, or a
    dict display (`dict(...)`) assigned there, with no base URL or key (those are written
    entries then)."""
    node = binding.node
    if isinstance(node, cst.Param):
        return function.params.star_kwarg is node
    assigned = ctx.index.assigned.get(id(node))
    found = _dict_entries(ctx, assigned) if assigned is not None else None
    return found is not None and found[1] and _home(ctx, node) is function


def _line(override: cst.If) -> cst.SimpleStatementLine:
    return cast(cst.SimpleStatementLine, cast(cst.IndentedBlock, override.body).body[0])


def _target(override: cst.If | None) -> cst.BaseExpression | None:
    if override is None:
        return None
    return cast(cst.Assign, _line(override).body[0]).targets[0].target


def _override(ctx: PythonContext, statement: cst.CSTNode, name: str, cls: FrameworkClass):
    """The `if` of the OPENAI_BASE_URL override whose only statement is `statement`
    (`kw[K] = <read of OpenAI's base-URL variable>`, K a base-URL keyword of `cls`), tested
    by `K not in kw`, alone or `and` a read of that variable; None for anything else."""
    if not isinstance(statement, cst.Assign) or not _openai_url(ctx, statement.value):
        return None
    key = written_key(statement)
    test_if = lone_if(ctx, statement) if key in cls.base_url else None
    if key is None or test_if is None:
        return None
    test = test_if.test
    parts = [test]
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        parts = [test.left, test.right]
        if not any(_openai_url(ctx, p) for p in parts):
            return None
    if not any(not_in(p, key, name) for p in parts):
        return None
    return test_if


def _openai_url(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether `expr` reads OpenAI's base-URL variable."""
    read = env_var_read(ctx, expr)
    return read is not None and read[0] in base_url_variables(ctx)


def _before_in_block(ctx: PythonContext, override: cst.If, line: cst.SimpleStatementLine) -> bool:
    """Whether `override` is a statement of the block holding `line`, before it."""
    parents = ctx.ancestors(line)
    block = parents[-1] if parents else None
    if not isinstance(block, cst.IndentedBlock):
        return False
    body = list(block.body)
    return override in body and body.index(override) < body.index(line)


def foreign_key_given(
    ctx: PythonContext, call: cst.Call, cls: FrameworkClass
) -> ForeignKeyCall | None:
    """The first call of another module of the project (`RunFacts.foreign_key_calls`) giving
    the top-level function building `call` from its `**` parameter a key or base URL
    keyword of `cls` with a value naming OpenAI; None where there is none."""
    function = _home(ctx, call)
    if function is None or not ctx.rules.facts.foreign_key_calls:
        return None
    return _foreign_given(ctx, function.name.value, frozenset((*cls.key, *cls.base_url)))


def _foreign_given(
    ctx: PythonContext, called: str, family: frozenset[str]
) -> ForeignKeyCall | None:
    here = os.path.abspath(ctx.path) if ctx.path else ""
    found = [
        given
        for given in ctx.rules.facts.foreign_key_calls
        if given.module == here and given.function == called and given.param in family
    ]
    return min(found, key=lambda c: (c.caller, c.line)) if found else None


def _passed_by_callers(
    ctx: PythonContext, function: cst.FunctionDef, call: cst.Call, family: frozenset[str]
) -> bool:
    """Whether a call of `function` in the module (by its name; a class by its name for
    `__init__`) may pass it a base URL or key: under one of `family` or in a `**mapping`;
    or a call of another module of the project gives one of `family` a value naming OpenAI
    (`RunFacts.foreign_key_calls`)."""
    called = function.name.value
    if called == "__init__":
        owner = next(
            (n for n in reversed(ctx.ancestors(function)) if isinstance(n, cst.ClassDef)), None
        )
        if owner is None:
            return True
        called = owner.name.value
    if _foreign_given(ctx, called, family) is not None:
        # another module's `make_llm(openai_api_key=args.openai_api_key)`: filled, the fill's
        # `kwargs.pop("openai_api_key", None)` sent that key to the provider (review r2, s68)
        return True
    for node in ctx.nodes:
        if not isinstance(node, cst.Call) or node is call or last_name(node.func) != called:
            continue
        if any(a.star == "**" or (a.keyword and a.keyword.value in family) for a in node.args):
            return True
    return False
