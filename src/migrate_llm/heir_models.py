"""The clients and fields subclasses in other modules of the project give a base class whose
method sends a request through `self.<client>`, for the rules of the base's module.

pandas-ai's shape (t59c D1; `base_fields` reads the other way round): `BaseOpenAI` in
base.py holds the sampling fields (`temperature: float = 0`, `presence_penalty: float = 0.6`)
and sends `self.client.create(**params)`, while `OpenAI(BaseOpenAI)` in openai.py sets
`model: str = "kimi-k2.6"` and `self.client = openai.OpenAI(...).chat.completions`. Read
alone, base.py shows no client and no model, so nothing was said of the sampling Kimi
refuses. A module building an OpenAI client that derives a class from one it imports by
name from another module of the project, whose methods call a method of the attribute the
subclass sets to the client, is read (`heir_models`): each such subclass, with its client
and the literals it gives its fields, goes into the project's facts (`RunFacts.heir_models`,
part of the cache keys: editing openai.py checks base.py again), and the base's module is
examined even where the prefilter rules it out.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.base_fields import MAX_BYTES, built_entries, names_imported
from migrate_llm.import_reach import imported_file
from migrate_llm.textio import python_tree


class HeirModel(NamedTuple):
    """A subclass `heir` (its `class` statement on line `line` of the module `shown`, as
    messages show it) of the class `base` of the module `module` (as `PythonContext.path`
    gives it) that sets `self.<attr>` to a client of the class `client` (`openai.OpenAI`)
    or to its resource `resource` (`("chat", "completions")`), the client given the base
    URL `base_url` (a literal, or "" where none is written as one). `fields`: (name, source
    text) of each field the subclass sets, in its body or on `self` in a method ("" where
    a value is not a plain literal); `model_attr`: X of a `"model": self.X` entry its
    methods build ("" where none); `own`: the methods it defines that call no `super()`."""

    module: str
    base: str
    attr: str
    client: str
    resource: tuple[str, ...]
    base_url: str
    heir: str
    shown: str
    line: int
    fields: tuple[tuple[str, str], ...]
    model_attr: str
    own: tuple[str, ...]


def may_derive(data: bytes) -> bool:
    """Whether a module's bytes may derive a class from an imported one and set a client."""
    return b"class " in data and b"from " in data and b"self." in data


def heir_models(
    module: str,
    shown: str,
    data: bytes,
    files: set[str],
    read: Callable[[str], bytes | None],
) -> list[HeirModel]:
    """The subclasses (`HeirModel`) a module's bytes (`module` as `PythonContext.path` names
    it, `shown` as messages do) define of classes they import by name from another module of
    the project (`files`; `read`: a module's bytes by name) whose methods call a method of
    the attribute the subclass sets to an OpenAI client or a resource of one."""
    tree = python_tree(data) if len(data) <= MAX_BYTES else None
    if tree is None:
        return []
    imported = names_imported(tree)
    qualified = _qualified_names(tree)
    found: list[HeirModel] = []
    read_classes: dict[tuple[str, str], ast.ClassDef | None] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        clients = _clients(cls, qualified)
        if not clients:
            continue
        fields = tuple(sorted(_fields(cls).items()))
        model_attr = next((a for k, a, _ in built_entries(ast.walk(cls)) if k == "model"), "")
        own = tuple(sorted(_own_methods(cls)))
        for base in cls.bases:
            if not isinstance(base, ast.Name) or base.id not in imported:
                continue
            dots, source, name = imported[base.id]
            target = imported_file(module, dots, source, files)
            if len(target) != 1:
                continue
            there = target.pop()
            if (there, name) not in read_classes:
                read_classes[there, name] = _class_in(read(there), name)
            held = read_classes[there, name]
            if held is None:
                continue
            called = _self_attrs_called(held)
            for attr, client, resource, url in clients:
                if attr in called:
                    found.append(
                        HeirModel(
                            there, name, attr, client, resource, url, cls.name, shown,
                            cls.lineno, fields, model_attr, own,
                        )
                    )  # fmt: skip
    return found


def _class_in(data: bytes | None, name: str) -> ast.ClassDef | None:
    """The top-level class `name` of a module's bytes."""
    tree = python_tree(data) if data is not None and len(data) <= MAX_BYTES else None
    if tree is None:
        return None
    return next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)


def _self_attrs_called(cls: ast.ClassDef) -> set[str]:
    """X of each `self.X...method(...)` a method of `cls` calls."""
    found: set[str] = set()
    for node in ast.walk(cls):
        func = node.func if isinstance(node, ast.Call) else None
        if not isinstance(func, ast.Attribute):
            continue
        held: ast.expr = func.value
        while isinstance(held, ast.Attribute) and not _is_self(held.value):
            held = held.value
        if isinstance(held, ast.Attribute):
            found.add(held.attr)
    return found


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _qualified_names(tree: ast.Module) -> dict[str, str]:
    """The qualified name each name a module imports stands for (`OpenAI` ->
    `openai.OpenAI`, `openai` -> `openai`)."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def _clients(
    cls: ast.ClassDef, qualified: dict[str, str]
) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(attribute, client class, resource path, base URL) of each `self.X = <client>` or
    `self.X = <client>.chat.completions` in a method of `cls` (either branch of `a if c else
    b`), the client an OpenAI SDK client's construction."""
    found: list[tuple[str, str, tuple[str, ...], str]] = []
    for node in ast.walk(cls):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not (isinstance(target, ast.Attribute) and _is_self(target.value)):
            continue
        for value in _branches(node.value):
            path: list[str] = []
            while isinstance(value, ast.Attribute):
                path.insert(0, value.attr)
                value = value.value
            if not isinstance(value, ast.Call):
                continue
            client = _qualified(value.func, qualified)
            if client not in sdk.CLIENT_CLASSES:
                continue
            if path and not any(prefix[: len(path)] == tuple(path) for prefix, _ in sdk.SURFACES):
                continue
            entry = (target.attr, client, tuple(path), _base_url(value))
            if entry not in found:
                found.append(entry)
    return found


def _branches(value: ast.expr) -> list[ast.expr]:
    if isinstance(value, ast.IfExp):
        return [*_branches(value.body), *_branches(value.orelse)]
    return [value]


def _qualified(func: ast.expr, qualified: dict[str, str]) -> str:
    if isinstance(func, ast.Name):
        return qualified.get(func.id, "")
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        head = qualified.get(func.value.id)
        return f"{head}.{func.attr}" if head else ""
    return ""


def _base_url(call: ast.Call) -> str:
    """The base URL a client construction writes as a literal, else ""."""
    for keyword in call.keywords:
        if keyword.arg == "base_url" and isinstance(keyword.value, ast.Constant):
            value = keyword.value.value
            return value if isinstance(value, str) else ""
    return ""


def _fields(cls: ast.ClassDef) -> dict[str, str]:
    """The source text of each plain literal the class gives a field, in its body (`model:
    str = "kimi-k2.6"`) or on `self` in a method (`self.model = "kimi-k2.6"`); "" for a
    field a method sets to anything else, or to two different literals."""
    found: dict[str, str] = {}
    for statement in cls.body:
        pair = _assignment(statement)
        if pair is not None and isinstance(pair[0], ast.Name):
            found[pair[0].id] = _literal(pair[1])
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(method):
            pair = _assignment(node)
            if pair is None:
                continue
            target, value = pair
            if isinstance(target, ast.Attribute) and _is_self(target.value):
                text = _literal(value)
                before = found.get(target.attr)
                found[target.attr] = text if before in (None, text) else ""
    return found


def _assignment(node: ast.AST) -> tuple[ast.expr, ast.expr] | None:
    """(target, value) of `X = v` (one target) or `X: T = v`."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        return node.targets[0], node.value
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return node.target, node.value
    return None


def _literal(value: ast.expr) -> str:
    literal = value.operand if isinstance(value, ast.UnaryOp) else value
    return ast.unparse(value) if isinstance(literal, ast.Constant) else ""


def _own_methods(cls: ast.ClassDef) -> set[str]:
    """The methods `cls` defines whose body calls no `super()`."""
    return {
        node.name
        for node in cls.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "super"
            for n in ast.walk(node)
        )
    }
