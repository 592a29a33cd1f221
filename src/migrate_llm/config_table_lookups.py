"""The model strings a module uses as keys of a table of a config file (ML204).

XAgent keeps one list of settings per model in assets/config.yml (`api_keys: {gpt-4: [...],
gpt-4-32k: [...]}`), a table ML503 leaves to a person, and its code looks a model up there
after loading the file into a config object: `CONFIG.api_keys[get_model_name(name)]`, where
`get_model_name()` returns `normalized = "gpt-4-1106-preview"`, and `if "gpt-4-1106-preview" in
CONFIG.api_keys: model_name = "gpt-4-1106-preview"`. Such a model need not be a key of the
file as shipped (the user adds its entry); mapped alone, the lookup misses the provider's model
(t64d: KeyError 'deepseek-v4-pro'). So a module's lookups of a table named as one of those
tables (its last key: `X.api_keys`, `X["api_keys"]`) are read (`keyed_models`): a string it
tests or reads there (`"gpt-4" in X.api_keys`, `X.api_keys["gpt-4"]`, `.get("gpt-4")`) is
such a key, and so is a string the function bound to a name the key reads
(`X.api_keys[name]`), or returned by a function of the module the key calls
(`X.api_keys[normalize(name)]`, also through a name bound to that call).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from migrate_llm.model_table_keys import ModelKey

Function = ast.FunctionDef | ast.AsyncFunctionDef

# the methods of a mapping reading an entry by the key they are given first
_READERS = frozenset({"get", "pop", "setdefault", "__getitem__"})


class KeyedModels(NamedTuple):
    """What a module looks up in a config file's table: `tested` maps a string it reads or
    tests there to (table name, line of the lookup); `bound` maps a string the key may hold
    (its line, its value) to the same."""

    tested: dict[str, tuple[str, int]]
    bound: dict[tuple[int, str], tuple[str, int]]


def table_names(keys: Iterable[ModelKey]) -> frozenset[str]:
    """The names code reads the tables of `keys` by: the last part of each table's path."""
    return frozenset(k.table.rsplit(".", 1)[-1] for k in keys if k.table)


def keyed_models(tree: ast.Module, names: frozenset[str]) -> KeyedModels:
    """The strings the module `tree` uses as keys of a table named one of `names`."""
    tested: dict[str, tuple[str, int]] = {}
    bound: dict[tuple[int, str], tuple[str, int]] = {}
    if not names:
        return KeyedModels(tested, bound)
    functions = {
        node.name: node
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    for scope, table, key, line in _lookups(tree, names):
        where = (table, line)
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            tested.setdefault(key.value, where)
            continue
        called = _called(key, functions)
        if scope is not None:
            for name in _read_names(key):
                for value in _bound(scope, name):
                    if isinstance(value, ast.Call):
                        called |= _called(value, functions)
                    else:
                        _strings(value, bound, where)
        for function in called:
            for value in _returned(function):
                _strings(value, bound, where)
    return KeyedModels(tested, bound)


def _table(node: ast.expr, names: frozenset[str]) -> str | None:
    """The name of the table `node` reads (`X.api_keys`, `X["api_keys"]`), else None."""
    if isinstance(node, ast.Attribute) and node.attr in names:
        return node.attr
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and node.slice.value in names
    ):
        return str(node.slice.value)
    return None


def _lookups(
    tree: ast.Module, names: frozenset[str]
) -> Iterator[tuple[Function | None, str, ast.expr, int]]:
    """Each lookup of a table named one of `names`: its function (None at the top level),
    the table's name, the key and its line."""

    def walk(
        node: ast.AST, scope: Function | None
    ) -> Iterator[tuple[Function | None, str, ast.expr, int]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else scope
            found = _lookup(child, names)
            if found is not None:
                yield inner, found[0], found[1], child.lineno  # type: ignore[attr-defined]
            yield from walk(child, inner)

    yield from walk(tree, None)


def _lookup(node: ast.AST, names: frozenset[str]) -> tuple[str, ast.expr] | None:
    """The table and key of a lookup (`T[key]`, `T.get(key)`, `key in T`), else None."""
    if isinstance(node, ast.Subscript) and (table := _table(node.value, names)):
        return table, node.slice
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _READERS
        and node.args
        and (table := _table(node.func.value, names))
    ):
        return table, node.args[0]
    if (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.In, ast.NotIn))
        and (table := _table(node.comparators[0], names))
    ):
        return table, node.left
    return None


def _read_names(key: ast.expr) -> set[str]:
    """The names a key reads."""
    return {n.id for n in ast.walk(key) if isinstance(n, ast.Name)}


def _called(node: ast.expr, functions: dict[str, Function]) -> set[Function]:
    """The functions of the module's top level that `node` calls."""
    return {
        functions[n.func.id]
        for n in ast.walk(node)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in functions
    }


def _bound(function: Function, name: str) -> Iterator[ast.expr]:
    """The values `function` binds `name` to (`name = value`, `name: T = value`)."""
    for node in ast.walk(function):
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                value = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            value = node.value if node.target.id == name else None
        if value is not None:
            yield value


def _returned(function: Function) -> Iterator[ast.expr]:
    """What `function` returns: each `return` value, or what it binds a returned name to."""
    for node in ast.walk(function):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        if isinstance(node.value, ast.Name):
            yield from _bound(function, node.value.id)
        else:
            yield node.value


def _strings(
    value: ast.expr, bound: dict[tuple[int, str], tuple[str, int]], where: tuple[str, int]
) -> None:
    """Record the strings `value` may be (itself, either branch of `a if c else b`, `a or
    b`)."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        bound.setdefault((value.lineno, value.value), where)
    elif isinstance(value, ast.IfExp):
        _strings(value.body, bound, where)
        _strings(value.orelse, bound, where)
    elif isinstance(value, ast.BoolOp):
        for each in value.values:
            _strings(each, bound, where)
