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
from typing import cast

import libcst as cst
from libcst.metadata import Assignment, GlobalScope

from migrate_llm.model_tables import NONE, RAISES, TESTED, ModelTable, label_tables
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.model_reach import holder_of, in_text_order, reads_of
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.project_calls import imported_file
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.textio import python_tree


@dataclass(frozen=True)
class TableLookup:
    """One lookup (`node`: the subscript, or the `.get()` call) in a table with `keys`,
    named `table` (the name it is bound to, or "the dict on line N"), and how it meets a
    model the table lacks (`model_tables.RAISES`, `NONE`, `TESTED`: `guard`, the `key in
    table` test the subscript is in the body of). `through`: `node` is the call of a function
    of another module that looks its argument up (`ModelTable.lookups`); `where`: a lookup of
    another module, as a message names it and its place (`node` then the literal).
    `labels`: where the table's keys are labels (`model_tables.label_tables`), each with the
    model setting its entry names."""

    node: cst.CSTNode
    table: str
    keys: frozenset[str]
    how: str = RAISES
    guard: cst.CSTNode | None = None
    through: bool = False
    where: str = ""
    labels: tuple[tuple[str, str], ...] = ()


def table_lookups(ctx: PythonContext, tables: Iterable[cst.Dict]) -> dict[int, list[TableLookup]]:
    """The lookups in `tables` that each string literal of the module may reach, by its id.
    A table's keys are those of its display and those the module adds through its name
    (`T.update({"k": v})`, `T["k"] = v`)."""
    found: dict[int, list[TableLookup]] = {}
    for table in tables:
        keys = _keys(table)
        if keys is not None:
            _table_reads(ctx, table, keys, found, entry_labels(ctx, table))
    return found


def comprehension_lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups, in the module's dict comprehensions keyed by OpenAI model, that each
    string literal of the module may reach, by its id: `{m: f(m) for m in NAMES}` over a
    list or tuple display of strings (written there, or bound once to a name), one of them
    an OpenAI model (sweep's `self.openai_models = {model: tiktoken.encoding_for_model(model)
    for model in openai_models}`, looked up as `self.openai_models[model]` by `count(text,
    model="gpt-4")`, t63c)."""
    found: dict[int, list[TableLookup]] = {}
    serves = ctx.rules.openai.serves
    for node in ctx.nodes:
        if type(node) is not cst.DictComp:
            continue
        loop = node.for_in
        if (
            loop.inner_for_in is not None
            or loop.ifs
            or not isinstance(loop.target, cst.Name)
            or not isinstance(node.key, cst.Name)
            or node.key.value != loop.target.value
        ):
            continue
        listed = ctx.bound_value(loop.iter) if isinstance(loop.iter, cst.Name) else loop.iter
        if not isinstance(listed, (cst.List, cst.Tuple)):
            continue
        keys = [
            string_value(e.value) if isinstance(e, cst.Element) else None for e in listed.elements
        ]
        if not keys or None in keys or not any(serves(k) for k in keys if k is not None):
            continue
        _table_reads(ctx, node, frozenset(k for k in keys if k is not None), found)
    return found


def _table_reads(
    ctx: PythonContext,
    table: cst.BaseExpression,
    keys: frozenset[str],
    found: dict[int, list[TableLookup]],
    labels: tuple[tuple[str, str], ...] = (),
) -> None:
    """Add to `found` the lookups of `table` (a display or comprehension with `keys`): read
    through the name or `self.X` it is bound to (the keys the module adds through a name
    too), or written in place."""
    holder = holder_of(ctx, table)
    if isinstance(holder, cst.Name):
        name, reads = holder.value, reads_of(ctx, holder)
        keys = keys | _added(ctx, reads)
    elif isinstance(holder, cst.Attribute) and self_attribute(holder):
        name, reads = ctx.code(holder), reads_of(ctx, holder)
    else:
        name, reads = f"the dict on {ctx.line_label(ctx.position(table)[0][0])}", [table]
    _add_lookups(ctx, reads, name, keys, found, labels)


def entry_labels(ctx: PythonContext, table: cst.Dict) -> tuple[tuple[str, str], ...]:
    """Where `table` is one of the module's tables whose keys are labels
    (`model_tables.label_tables`: PentestGPT's `module_mapping`), its keys, each with the
    model setting its entry names; () for any other dict display."""
    found = module_label_tables(ctx)
    holder = holder_of(ctx, table)
    named = found.get(holder.value) if isinstance(holder, cst.Name) else None
    if named is None or named[0] != ctx.position(table)[0][0]:
        return ()
    return named[1]


def module_label_tables(ctx: PythonContext) -> dict[str, tuple[int, tuple[tuple[str, str], ...]]]:
    """The module's tables whose keys are labels (`model_tables.label_tables`), by name, each
    with its line and its keys with the model setting each entry names; read once."""
    if module_label_tables not in ctx.analyses:
        tree = python_tree(ctx.text.encode())
        ctx.analyses[module_label_tables] = (
            label_tables(tree, ctx.rules.openai.serves) if tree is not None else {}
        )
    return cast(
        "dict[str, tuple[int, tuple[tuple[str, str], ...]]]", ctx.analyses[module_label_tables]
    )


def imported_lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups, in tables of other modules of the project (`RunFacts.model_tables`)
    imported by name (`from pkg.mod import TABLE [as T]`, at the top or in a function, also
    relatively), that each string literal of the module may reach, by its id: the one
    module of the project the import names (`project_calls.imported_file`) binds it. So
    are the calls of a function imported so that looks its parameter up in a table of its
    module (`ModelTable.lookups`: PentestGPT's `dynamic_import(reasoning_model, ...)`, whose
    `module_mapping` is keyed by OpenAI models), for what they pass for that parameter."""
    tables = [
        t
        for t in ctx.rules.facts.model_tables
        if ctx.mentions(t.name) or any(ctx.mentions(f[0]) for f in t.lookups)
    ]
    found: dict[int, list[TableLookup]] = {}
    if not tables or not ctx.path:
        return found
    for node in ctx.nodes:
        if type(node) is not cst.ImportFrom or isinstance(node.names, cst.ImportStar):
            continue
        dots = "." * len(node.relative)
        module = ctx.code(node.module) if node.module is not None else ""
        for alias in node.names:
            name = alias.evaluated_name
            named = [t for t in tables if t.name == name or any(f[0] == name for f in t.lookups)]
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
            label = f"{table.name} (line {table.line} of {table.shown})"
            keys = frozenset(table.keys)
            if table.name == name:
                label = f"{local} (line {table.line} of {table.shown})"
                _add_lookups(ctx, in_text_order(ctx, reads), label, keys, found, table.labels)
                continue
            for function in table.lookups:
                if function[0] == name:
                    _add_calls(ctx, in_text_order(ctx, reads), function, table, label, found)
    return found


def exported_lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups, in other modules, of the settings this module binds at its top level
    (`ModelTable.reads`: gpt_academic's `LLM_MODEL`, imported from this module by `from config
    import LLM_MODEL`, or got by its name, `get_conf("LLM_MODEL")`, and looked up in
    `model_info`), that each string literal of the module may reach, by its id."""
    found: dict[int, list[TableLookup]] = {}
    path = ctx.path
    reads = [
        (table, read)
        for table in ctx.rules.facts.model_tables
        for read in table.reads
        if read.module != path and ctx.mentions(read.name)
    ]
    if not reads or not path:
        return found
    bound = _top_bindings(ctx, {read.name for _, read in reads})
    for table, read in reads:
        values = bound.get(read.name)
        if not values:
            continue
        if read.source:
            module = read.source.lstrip(".")
            dots = read.source[: len(read.source) - len(module)]
            if imported_file(read.module, dots, module, {path}) != {path}:
                continue
        label = f"{table.name} (line {table.line} of {table.shown})"
        where = f"{read.lookup} on line {read.line} of {read.shown}"
        keys = frozenset(table.keys)
        lookup = TableLookup(
            values[0], label, keys, read.how, through=read.through, where=where, labels=table.labels
        )
        for value in values:
            for literal, _ in model_values(ctx, value):
                found.setdefault(id(literal), []).append(lookup)
    return found


def _top_bindings(ctx: PythonContext, names: set[str]) -> dict[str, list[cst.BaseExpression]]:
    """The values the module's top level assigns to each of `names` (`LLM_MODEL = "..."`,
    also in an `if` or `try` there), by name."""
    found: dict[str, list[cst.BaseExpression]] = {}
    for node in ctx.nodes:
        if type(node) is cst.Assign and len(node.targets) == 1:
            target: cst.BaseExpression = node.targets[0].target
        elif type(node) is cst.AnnAssign and node.value is not None:
            target = node.target
        else:
            continue
        value = node.value
        if (
            isinstance(target, cst.Name)
            and target.value in names
            and value is not None
            and isinstance(ctx.scope(node), GlobalScope)
        ):
            found.setdefault(target.value, []).append(value)
    return found


def _add_calls(
    ctx: PythonContext,
    reads: Iterable[cst.CSTNode],
    function: tuple[str, str, int, str],
    table: ModelTable,
    name: str,
    found: dict[int, list[TableLookup]],
) -> None:
    """Add to `found` the calls among `reads` (of a function looking its parameter up in
    `table`, shown as `name`: `function`, as `ModelTable.lookups` holds it), under each
    string literal what they pass for that parameter may hold."""
    _, param, at, how = function
    keys = frozenset(table.keys)
    for read in reads:
        above = ctx.ancestors(read)
        call = above[-1] if above else None
        if not isinstance(call, cst.Call) or call.func is not read:
            continue
        arg = argument(call, param, at if at >= 0 else None)
        if arg is None:
            continue
        lookup = TableLookup(call, name, keys, how, through=True, labels=table.labels)
        for literal, _ in model_values(ctx, arg.value):
            found.setdefault(id(literal), []).append(lookup)


def _add_lookups(
    ctx: PythonContext,
    reads: Iterable[cst.CSTNode],
    name: str,
    keys: frozenset[str],
    found: dict[int, list[TableLookup]],
    labels: tuple[tuple[str, str], ...] = (),
) -> None:
    """Add to `found` the lookups among `reads` of the table `name` with `keys` (and
    `labels`, `TableLookup.labels`), under each string literal their key may hold."""
    for read in reads:
        lookup = _lookup(ctx, read)
        if lookup is None:
            continue
        node, key = lookup
        guard = _guard(ctx, node, read, key) if isinstance(node, cst.Subscript) else None
        how = TESTED if guard is not None else RAISES if isinstance(node, cst.Subscript) else NONE
        made = TableLookup(node, name, keys, how, guard, labels=labels)
        for literal, _ in model_values(ctx, key):
            found.setdefault(id(literal), []).append(made)


def _guard(
    ctx: PythonContext, node: cst.Subscript, read: cst.CSTNode, key: cst.BaseExpression
) -> cst.Comparison | None:
    """The test `key in T` of an `if` whose body holds the lookup `node` of the table `read`
    names (`if name in MODULES: return MODULES[name]`): a model the table lacks takes the
    other branch there, silently, rather than raising."""
    above = ctx.ancestors(node)
    shown, table = ctx.code(key), ctx.code(cast(cst.BaseExpression, read))
    for at, holder in enumerate(above[:-1]):
        if not isinstance(holder, cst.If) or above[at + 1] is not holder.body:
            continue
        test = holder.test
        if (
            isinstance(test, cst.Comparison)
            and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.In)
            and ctx.code(test.left) == shown
            and ctx.code(test.comparisons[0].comparator) == table
        ):
            return test
    return None


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
