"""A project's own stand-ins for a library, imported lazily: for the modules importing them.

aider defers `import litellm` (1.5 s) behind an object of its own (aider/llm.py: `class
LazyLiteLLM` whose `__getattr__` calls `importlib.import_module("litellm")`, then `litellm =
LazyLiteLLM()`); its modules do `from aider.llm import litellm` and call
`litellm.completion(model=..., ...)`, which is litellm's function. So a module that may define
such a stand-in (`may_proxy`) is marked while it is screened and read again (`lazy_proxies`):
a module-level name spelt like the library it imports (`LIBRARIES`), bound to an object of a
class of the module whose `__getattr__` imports that library, or answered by the module's own
`__getattr__` (PEP 562) importing it. The project's facts hold them (`RunFacts.lazy_proxies`),
and `PythonContext.qualnames` reads a name imported from there as the library's
(`library_name`). A name bound to anything else (`litellm = make()`) stays the project's.
A run given some of a project's files also reads the modules they import names from beyond
them (`proxies_beyond`).
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.patched_clients import module_names
from migrate_llm.textio import python_tree

# the libraries a stand-in may import lazily, by module name (a name the screening's quiet
# words hold: `run_facts._QUIET_WORDS`)
LIBRARIES = frozenset({fw_litellm.MODULE})
_IMPORTERS = frozenset({"import_module", "__import__"})
# where a module's bytes import one of them by a call: `importlib.import_module("litellm")`
_LAZY_IMPORT = re.compile(
    rb"\b(?:import_module|__import__)[ \t]*\([ \t]*[\"']("
    + b"|".join(re.escape(name.encode()) for name in sorted(LIBRARIES))
    + rb")[\"']"
)


class LazyProxy(NamedTuple):
    """The module-level name `name` of the module `module` (its path as
    `PythonContext.path` gives it) standing for the library `library`."""

    module: str
    name: str
    library: str


def may_proxy(data: bytes) -> bool:
    """Whether a module's bytes may define a lazy stand-in for one of `LIBRARIES`."""
    return _LAZY_IMPORT.search(data) is not None


def lazy_proxies(module: str, shown: str, data: bytes) -> list[LazyProxy]:
    """The lazy stand-ins a module's bytes define; none where they cannot be parsed."""
    tree = python_tree(data) if may_proxy(data) else None
    if tree is None:
        return []
    classes = {
        node.name: _imported(node)
        for node in tree.body
        if isinstance(node, ast.ClassDef) and _getattr_of(node.body) is not None
    }
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            library = classes.get(func.id) if isinstance(func, ast.Name) else None
            found |= {
                target.id
                for target in node.targets
                if isinstance(target, ast.Name) and target.id == library
            }
    own = _imported(_getattr_of(tree.body))
    if own is not None and _compared(_getattr_of(tree.body), own):
        found.add(own)
    return [LazyProxy(module, name, name) for name in sorted(found)]


def _getattr_of(body: Iterable[ast.stmt]) -> ast.FunctionDef | None:
    return next(
        (n for n in body if isinstance(n, ast.FunctionDef) and n.name == "__getattr__"), None
    )


def _imported(scope: ast.AST | None) -> str | None:
    """The library of `LIBRARIES` that a module's `__getattr__`, or a class defining one (in
    any of its methods: aider's `_load_litellm`), imports by a call of
    `importlib.import_module` or `__import__` with its name written out."""
    if scope is None:
        return None
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Call)
            and _last(node.func) in _IMPORTERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in LIBRARIES
        ):
            return str(node.args[0].value)
    return None


def _compared(function: ast.FunctionDef | None, name: str) -> bool:
    """Whether a module's `__getattr__` tests the name asked for against `name` (PEP 562:
    `if name == "litellm":`), so that attribute of the module is the library."""
    if function is None:
        return False
    return any(
        isinstance(node, ast.Compare)
        and any(isinstance(c, ast.Constant) and c.value == name for c in node.comparators)
        for node in ast.walk(function)
    )


def _last(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def library_name(name: str, importer: str, proxies: Iterable[LazyProxy]) -> str | None:
    """`name` (a qualified name in the module at path `importer`: `aider.llm.litellm.completion`,
    `.llm.litellm.completion` for a relative import) as the library's (`litellm.completion`)
    where it goes through one of `proxies`; else None."""
    dots = len(name) - len(name.lstrip("."))
    for proxy in proxies:
        if dots:
            base = os.path.dirname(importer)
            for _ in range(dots - 1):
                base = os.path.dirname(base)
            relative = os.path.relpath(os.path.splitext(proxy.module)[0], base or ".")
            if relative.startswith(".."):
                continue
            held = frozenset({relative.replace(os.sep, ".").removesuffix(".__init__")})
            rest = name[dots:]
        else:
            held, rest = module_names(proxy.module), name
        for module in held:
            prefix = f"{module}.{proxy.name}"
            if rest == prefix or rest.startswith(prefix + "."):
                return proxy.library + rest[len(prefix) :]
    return None


def proxies_beyond(paths: Iterable[str], shown: Callable[[str], str]) -> list[LazyProxy]:
    """The lazy stand-ins the modules at `paths` define (files of the project beyond a run's
    own, which those import names from: pre-commit checks the module calling litellm, not
    the one defining the stand-in), read as `read_beyond` reads; `shown` names a file."""
    from migrate_llm.lm_subclasses import read_beyond

    found = []
    for path, data in read_beyond(paths, may_proxy):
        found += lazy_proxies(path, shown(path), data)
    return found
