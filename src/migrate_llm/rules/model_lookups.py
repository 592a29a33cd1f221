"""The lookups of a model in a table keyed by OpenAI model ids, and the settings they read.

ML205 reports the keys of a dict display that are OpenAI model ids (token limits, prices).
ML204 maps a model setting that the program may look up there (autogen's
`get_max_token_limit(model="gpt-3.5-turbo-0613")` returns `max_token_limit[model]`): mapped to
a model the table has no entry for, the lookup raises KeyError. The lookups read here, of a
table whose keys are all string literals, written in place or through the name it is bound
to: `T[key]` (not a store: `T[key] = v`, `T[key] += n`, `del T[key]`) and `T.get(key)`
without a default, whose None the code goes on to use as the entry (a number, a price); not
`T.get(key, default)`, which is the program's own answer for a model it does not list. What
reaches `key` is `model_values`: a default, a constant, what the module's calls pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.model_reach import holder_of, in_text_order, reads_of
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.project_calls import imported_file
from migrate_llm.rules.python_context import PythonContext, string_value


@dataclass(frozen=True)
class TableLookup:
    """One lookup (`node`: the subscript, or the `.get()` call) in a table with `keys`,
    named `table` (the name it is bound to, or "the dict on line N")."""

    node: cst.CSTNode
    table: str
    keys: frozenset[str]


def table_lookups(ctx: PythonContext, tables: Iterable[cst.Dict]) -> dict[int, list[TableLookup]]:
    """The lookups in `tables` that each string literal of the module may reach, by its id.
    A table's keys are those of its display and those the module adds through its name
    (`T.update({"k": v})`, `T["k"] = v`)."""
    found: dict[int, list[TableLookup]] = {}
    for table in tables:
        keys = _keys(table)
        if keys is None:
            continue
        holder = holder_of(ctx, table)
        if isinstance(holder, cst.Name):
            name, reads = holder.value, reads_of(ctx, holder)
            keys = keys | _added(ctx, reads)
        else:
            name, reads = f"the dict on {ctx.line_label(ctx.position(table)[0][0])}", [table]
        _add_lookups(ctx, reads, name, keys, found)
    return found


def imported_lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups, in tables of other modules of the project (`RunFacts.model_tables`)
    imported by name (`from pkg.mod import TABLE [as T]`, at the top or in a function, also
    relatively), that each string literal of the module may reach, by its id: the one
    module of the project the import names (`project_calls.imported_file`) binds it."""
    tables = [t for t in ctx.rules.facts.model_tables if ctx.mentions(t.name)]
    found: dict[int, list[TableLookup]] = {}
    if not tables or not ctx.path:
        return found
    names = {t.name for t in tables}
    for node in ctx.nodes:
        if type(node) is not cst.ImportFrom or isinstance(node.names, cst.ImportStar):
            continue
        dots = "." * len(node.relative)
        module = ctx.code(node.module) if node.module is not None else ""
        for alias in node.names:
            name = alias.evaluated_name
            if name not in names:
                continue
            named = [t for t in tables if t.name == name]
            files = imported_file(ctx.path, dots, module, {t.module for t in named})
            table = next((t for t in named if t.module in files), None)
            if table is None:
                continue
            local = alias.evaluated_alias or name
            scope = ctx.scope(node)
            reads: list[cst.CSTNode] = [
                access.node
                for binding in (scope[local] if scope is not None else ())
                if isinstance(binding, Assignment) and binding.node is node
                for access in binding.references
            ]
            label = f"{local} (line {table.line} of {table.shown})"
            _add_lookups(ctx, in_text_order(ctx, reads), label, frozenset(table.keys), found)
    return found


def _add_lookups(
    ctx: PythonContext,
    reads: Iterable[cst.CSTNode],
    name: str,
    keys: frozenset[str],
    found: dict[int, list[TableLookup]],
) -> None:
    """Add to `found` the lookups among `reads` of the table `name` with `keys`, under each
    string literal their key may hold."""
    for read in reads:
        lookup = _lookup(ctx, read)
        if lookup is None:
            continue
        node, key = lookup
        for literal, _ in model_values(ctx, key):
            found.setdefault(id(literal), []).append(TableLookup(node, name, keys))


def _added(ctx: PythonContext, reads: Iterable[cst.CSTNode]) -> frozenset[str]:
    """The string keys the module adds to a table through `reads` of its name:
    `T.update({"k": v})` (the display's string keys), `T.update(k=v)`, `T["k"] = v`."""
    found: list[str] = []
    for read in reads:
        above = ctx.ancestors(read)
        parent = above[-1] if above else None
        outer = above[-2] if len(above) >= 2 else None
        if isinstance(parent, cst.Attribute) and parent.attr.value == "update":
            if isinstance(outer, cst.Call) and outer.func is parent:
                for arg in outer.args:
                    if arg.keyword is not None:
                        found.append(arg.keyword.value)
                    elif isinstance(arg.value, cst.Dict) and not arg.star:
                        found += [
                            k
                            for e in arg.value.elements
                            if isinstance(e, cst.DictElement)
                            and (k := string_value(e.key)) is not None
                        ]
        elif isinstance(parent, cst.Subscript) and len(parent.slice) == 1:
            index = parent.slice[0].slice
            key = string_value(index.value) if isinstance(index, cst.Index) else None
            if key is not None and isinstance(outer, cst.AssignTarget):
                found.append(key)
    return frozenset(found)


def _keys(table: cst.Dict) -> frozenset[str] | None:
    """The keys of a dict display whose keys are all string literals; else None."""
    keys = []
    for element in table.elements:
        key = string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key is None:
            return None
        keys.append(key)
    return frozenset(keys)


def _lookup(ctx: PythonContext, read: cst.CSTNode) -> tuple[cst.CSTNode, cst.BaseExpression] | None:
    """(the lookup, its key) for `read[key]` read as a value, or `read.get(key)` without a
    default; None for any other use of the table."""
    above = ctx.ancestors(read)
    parent = above[-1] if above else None
    if isinstance(parent, cst.Subscript) and parent.value is read and len(parent.slice) == 1:
        index = parent.slice[0].slice
        outer = above[-2] if len(above) >= 2 else None
        stored = (
            isinstance(outer, (cst.AssignTarget, cst.AugAssign)) and outer.target is parent
        ) or (isinstance(outer, cst.Del) and outer.target is parent)
        return (parent, index.value) if isinstance(index, cst.Index) and not stored else None
    if isinstance(parent, cst.Attribute) and parent.value is read and parent.attr.value == "get":
        call = above[-2] if len(above) >= 2 else None
        if (
            isinstance(call, cst.Call)
            and call.func is parent
            and len(call.args) == 1
            and not call.args[0].keyword
            and not call.args[0].star
        ):
            return call, call.args[0].value
    return None
