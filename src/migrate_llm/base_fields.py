"""The entries a base class of another module of the project builds into the dict its
subclass's request spreads (`**self.params`), for the rules of the subclass's module.

pandas-ai's shape across modules (t59c D1): `Settings` in base.py sets the sampling fields
(`temperature: float = 0`, `presence_penalty: float = 0.6`) and builds the request's
`params` from them in a property (`params["max_tokens"] = self.max_tokens` beside), and
`Chat(Settings)` in chat.py sets `model = "kimi-k2.6"` and sends
`create(**self.params)`. The rules read chat.py alone, so ML115 and ML112 saw nothing of the
entries. A module importing its base class by name from a project module
(`from .base import Settings`) has that class read there (`base_entries`): each dict entry
its methods build from `self.X`, with the default its body gives X, goes into the project's
facts (`RunFacts.base_entries`, part of the cache keys: editing base.py checks chat.py again).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import NamedTuple

from migrate_llm.import_reach import imported_file
from migrate_llm.textio import python_tree

# a module larger than this is not read again
MAX_BYTES = 256 * 1024


class BaseEntry(NamedTuple):
    """An entry `key` that the method (or property) `builder` of the class `base` builds
    from `self.attr` (line `line` of the module `shown`, as messages show it), `base` being
    the name the module `module` (as `PythonContext.path` gives it) imports that class by;
    `value`: the source text of the default the class body gives `attr` ("" where it gives
    none, or not a plain literal)."""

    module: str
    base: str
    builder: str
    key: str
    attr: str
    value: str
    shown: str
    line: int


def may_spread_inherited(data: bytes) -> bool:
    """Whether a module's bytes may import a class and spread a dict an instance builds."""
    return b"**self." in data and b"import" in data and b"class " in data


def base_entries(
    module: str,
    data: bytes,
    files: set[str],
    read: Callable[[str], tuple[bytes, str] | None],
) -> list[BaseEntry]:
    """The entries the base classes a module's bytes import by name from another module of
    the project (`files`, as `PythonContext.path` names them; `read`: a module's bytes and
    its name as shown) build from `self` fields (`BaseEntry`), for each class of the module
    deriving from one directly."""
    tree = python_tree(data) if len(data) <= MAX_BYTES else None
    if tree is None:
        return []
    imports = names_imported(tree)
    bases = {
        b.id
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        for b in node.bases
        if isinstance(b, ast.Name) and b.id in imports
    }
    found: list[BaseEntry] = []
    for name in sorted(bases):
        dots, source, cls = imports[name]
        target = imported_file(module, dots, source, files)
        if len(target) != 1:
            continue
        held = read(target.pop())
        there = python_tree(held[0]) if held is not None and len(held[0]) <= MAX_BYTES else None
        if held is None or there is None:
            continue
        node = next((n for n in there.body if isinstance(n, ast.ClassDef) and n.name == cls), None)
        if node is not None:
            found += _entries(module, name, node, held[1])
    return found


def _entries(module: str, name: str, cls: ast.ClassDef, shown: str) -> list[BaseEntry]:
    """The entries the methods of `cls` build from `self` fields, with the body's defaults."""
    defaults = _defaults(cls.body)
    found: list[BaseEntry] = []
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for key, attr, line in built_entries(ast.walk(method)):
            value = defaults.get(attr, "")
            found.append(BaseEntry(module, name, method.name, key, attr, value, shown, line))
    return found


def built_entries(nodes: Iterable[ast.AST]) -> list[tuple[str, str, int]]:
    """(key, attribute, line) of each `"key": self.attr` of a dict display a statement among
    `nodes` assigns or returns (not one nested in another's value) and each
    `d["key"] = self.attr` among them."""
    found: list[tuple[str, str, int]] = []
    for node in nodes:
        held = getattr(node, "value", None)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Return)) and isinstance(held, ast.Dict):
            for key, value in zip(held.keys, held.values, strict=True):
                attr = _self_attr(value)
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and attr:
                    found.append((key.value, attr, key.lineno))
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, attr = node.targets[0], _self_attr(node.value)
            if (
                attr
                and isinstance(target, ast.Subscript)
                and isinstance(target.slice, ast.Constant)
                and isinstance(target.slice.value, str)
            ):
                found.append((target.slice.value, attr, node.lineno))
    return found


def _self_attr(node: ast.AST) -> str:
    """X of `self.X`, else ""."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr
    return ""


def _defaults(body: list[ast.stmt]) -> dict[str, str]:
    """The source text of each plain literal a class body assigns a name (`X = 0.6`,
    `X: float = 0`, `X = None`)."""
    found: dict[str, str] = {}
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        literal = value.operand if isinstance(value, ast.UnaryOp) else value
        if isinstance(target, ast.Name) and isinstance(literal, ast.Constant):
            found[target.id] = ast.unparse(value)
    return found


def names_imported(tree: ast.Module) -> dict[str, tuple[str, str, str]]:
    """The names a module's top-level `from M import N [as X]` statements bind: (leading
    dots, module, name imported), by the name bound."""
    return {
        alias.asname or alias.name: ("." * node.level, node.module or "", alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
