"""The OpenAI client classes a project's code replaces or reads as an attribute of a module.

A test doubles a module's client class by its dotted name (`patch("app.llm.AsyncOpenAI")`,
`mocker.patch(...)`, `monkeypatch.setattr("app.llm.AsyncOpenAI", fake)`), or by the module
object and the name (`patch.object(llm, "AsyncOpenAI")`, `monkeypatch.setattr(llm,
"AsyncOpenAI", fake)`), or reads it there (`llm.AsyncAzureOpenAI`). The migrated module must
still have that name (ML002 rewrites a double of an Azure class it replaces), and a key read
it adds must not raise before the double is called, where the original construction did not
(`PythonContext.key_tolerant`).
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterable

from migrate_llm import openai_sdk as sdk
from migrate_llm.textio import python_tree

# The client classes by the name a module binds: `OpenAI`, `AsyncAzureOpenAI`...
CLASS_NAMES = frozenset(
    name.rpartition(".")[2] for name in sdk.CLIENT_CLASSES if name.endswith("OpenAI")
)
# those of Azure OpenAI, which ML002 makes plain clients
AZURE_CLASS_NAMES = frozenset(name for name in CLASS_NAMES if "Azure" in name)
_CLASS = rb"(?:Async)?(?:Azure)?OpenAI"
# What a module's bytes hold where it may double or read one: a dotted string ending in one,
# the name as the second argument of a call, or an attribute of a name other than `openai`.
_MAY_PATCH = re.compile(
    rb"[\"'][\w.]+\." + _CLASS + rb"[\"']|,\s*[\"']" + _CLASS + rb"[\"']|(?<!openai)\."
    + _CLASS + rb"\b"
)  # fmt: skip
_TARGET = re.compile(r"(?:\w+\.)+(?:Async)?(?:Azure)?OpenAI")
# `patch.object(module, "Name")`, `monkeypatch.setattr(module, "Name", v)`, `setattr(...)`
_OBJECT_PATCHERS = frozenset({"object", "setattr"})


def may_patch(data: bytes) -> bool:
    """Whether a module's bytes may double or read a module's client class."""
    return _MAY_PATCH.search(data) is not None


def patched_clients(module: str, shown: str, data: bytes) -> list[str]:
    """The dotted names (`app.llm.AsyncOpenAI`) of the client classes that the module doubles
    or reads as an attribute of another module (not `openai`'s own, read as code uses it)."""
    tree = python_tree(data)
    if tree is None:
        return []
    modules = _imported_modules(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _TARGET.fullmatch(node.value) and node.value.rpartition(".")[2] in CLASS_NAMES:
                found.append(node.value)
        elif isinstance(node, ast.Call) and len(node.args) >= 2:
            name = node.args[1]
            if (
                _callee_word(node.func) in _OBJECT_PATCHERS
                and isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and name.value in CLASS_NAMES
                and (held := _module_of(node.args[0], modules)) is not None
            ):
                found.append(f"{held}.{name.value}")
        elif isinstance(node, ast.Attribute) and node.attr in CLASS_NAMES:
            held = _module_of(node.value, modules)
            if held is not None and held != "openai":
                found.append(f"{held}.{node.attr}")
    return found


def module_names(path: str) -> frozenset[str]:
    """The dotted names a module at `path` may be imported by: each tail of its path
    (`app/llm.py`: `llm`, `app.llm`; a package's `__init__.py` is the package)."""
    parts = [p for p in re.split(r"[\\/]", os.path.splitext(path)[0]) if p]
    if parts and parts[-1] == "__init__":
        parts.pop()
    return frozenset(".".join(parts[i:]) for i in range(len(parts)))


def doubles_module_client(patched: Iterable[str], path: str) -> bool:
    """Whether one of `patched` names a client class of the module at `path`, or of the
    openai module (`patch("openai.OpenAI")` replaces what `openai.OpenAI()` builds)."""
    names = module_names(path) | {"openai"}
    return any(target.rpartition(".")[0] in names for target in patched)


def _imported_modules(tree: ast.Module) -> dict[str, str]:
    """The names the module's imports bind, with the dotted name each stands for (`from app
    import llm`: `llm` -> `app.llm`, which may be a module)."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    found[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    found[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                found[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return found


def _module_of(node: ast.expr, modules: dict[str, str]) -> str | None:
    """The dotted name an expression naming an imported module stands for (`llm`,
    `app.llm`), else None."""
    if isinstance(node, ast.Name):
        return modules.get(node.id)
    if isinstance(node, ast.Attribute):
        held = _module_of(node.value, modules)
        return f"{held}.{node.attr}" if held is not None else None
    return None


def _callee_word(func: ast.expr) -> str | None:
    """The last name of a callee (`object` of `mock.patch.object`)."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None
