"""What the top-level names of a project's modules are, as a module importing them gets them:
the module's own code (`class Agent`, an assignment), a name of another module it imports by
name (`from .agent import Agent`: a re-export), or a public name of another module it
imports with `*` (the names that module's `__all__` lists where it is a literal list, else
those not starting with `_`).

swarms' examples import `from swarms import Agent`: swarms/__init__.py holds `from
swarms.structs import *`, and swarms/structs/__init__.py `from swarms.structs.agent import
Agent`, listed in its `__all__` (s66). A module's bindings are read once (`bindings_of`);
`Exports` tells, for the modules read, which module's own name a module's name is
(`origin`), where nothing makes that uncertain: a name the module binds twice, or one that
a star import of a module not read, or of one whose `__all__` is not a literal list, may
bind too, is followed nowhere.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from migrate_llm.import_reach import module_parts

# what a Binding records
OWN = "own"  # the module binds `name` itself (not by a star import)
IMPORTED = "import"  # `from source import to as name`, its one binding of `name`
STAR = "star"  # `from source import *` (`name` "*")
LISTED = "all"  # `__all__` lists `to` (`name` "__all__"; `to` "": it is a literal list,
NOT_LITERAL = "*"  # `to` "*": it is not one)


class Binding(NamedTuple):
    """A top-level binding of the module at `module` (`kind`: see OWN ... LISTED)."""

    module: str
    name: str
    kind: str
    to: str = ""
    source: str = ""


def bindings_of(tree: ast.Module, module: str) -> list[Binding]:
    """The top-level bindings of a module's tree (at the path `module`); a star import
    other than at its top level (inside an `if` or `try`) is one of no module, which may
    bind anything."""
    counts: Counter[str] = Counter()
    found: list[Binding] = []
    imported: list[Binding] = []
    listed: list[str] | None = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    found.append(Binding(module, "*", STAR, "*", source))
                    continue
                bound = alias.asname or alias.name
                counts[bound] += 1
                imported.append(Binding(module, bound, IMPORTED, alias.name, source))
            continue
        if _all_value(node) is not None:
            listed = _all_value(node)
        for sub in _scope_nodes(node):
            if isinstance(sub, ast.ImportFrom) and any(a.name == "*" for a in sub.names):
                # one that may not run: what it binds is not known (its source, none)
                found.append(Binding(module, "*", STAR, "*", ""))
                continue
            counts.update(_bound(sub))
    found += [b for b in imported if counts[b.name] == 1]
    found += [Binding(module, name, OWN) for name in counts]
    if counts["__all__"]:
        literal = listed is not None and counts["__all__"] == 1 and not _mutated(tree)
        names = ["", *(listed or [])] if literal else [NOT_LITERAL]
        found += [Binding(module, "__all__", LISTED, name) for name in names]
    return found


def _all_value(node: ast.stmt) -> list[str] | None:
    """The names of `__all__ = [...]` (or a tuple) of strings, else None."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        target, value = node.target, node.value
    else:
        return None
    if not (isinstance(target, ast.Name) and target.id == "__all__"):
        return None
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    names = [e.value for e in value.elts if isinstance(e, ast.Constant)]
    if len(names) != len(value.elts) or not all(isinstance(n, str) for n in names):
        return None
    return [str(n) for n in names]


def _mutated(tree: ast.Module) -> bool:
    """Whether a top-level statement reads `__all__.` (`__all__.extend(...)`)."""
    return any(
        isinstance(sub, ast.Attribute)
        and isinstance(sub.value, ast.Name)
        and sub.value.id == "__all__"
        for node in tree.body
        for sub in ast.walk(node)
    )


def _scope_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and the nodes under it that run in its scope: not what runs in the functions,
    classes, lambdas and comprehensions there (whose names `_bound` still takes)."""
    stack = [node]
    while stack:
        sub = stack.pop()
        yield sub
        if isinstance(sub, _SCOPES):
            continue
        stack += ast.iter_child_nodes(sub)


_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _bound(node: ast.AST) -> list[str]:
    """The names a node binds in the scope it stands in."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return [node.id]
    if isinstance(node, ast.Import):
        return [a.asname or a.name.split(".")[0] for a in node.names]
    if isinstance(node, ast.ImportFrom):
        return [a.asname or a.name for a in node.names]
    return []


class Exports:
    """The bindings of a project's modules read (`bindings_of`), joined: which module's own
    name a module's name is (`origin`)."""

    def __init__(self, bindings: Iterable[Binding]) -> None:
        self.own: dict[str, set[str]] = {}
        self.imported: dict[tuple[str, str], tuple[str, str]] = {}
        self.stars: dict[str, list[str]] = {}
        self.listed: dict[str, set[str] | None] = {}  # None: `__all__` is no literal list
        self.files: set[str] = set()
        self._files: dict[tuple[str, str], str | None] = {}  # `file`'s answers
        self._paths: dict[tuple[str, ...], list[str]] = {}  # the modules by their parts
        self._ends: dict[tuple[str, ...], list[str]] = {}  # ... by each end of them
        for b in bindings:
            self.files.add(b.module)
            if b.kind == OWN:
                self.own.setdefault(b.module, set()).add(b.name)
            elif b.kind == IMPORTED:
                self.imported[b.module, b.name] = (b.source, b.to)
            elif b.kind == STAR:
                self.stars.setdefault(b.module, []).append(b.source)
            elif b.kind == LISTED:
                names = self.listed.setdefault(b.module, set())
                if b.to == NOT_LITERAL or names is None:
                    self.listed[b.module] = None
                elif b.to:
                    names.add(b.to)

    def hands_on(self, module: str) -> bool:
        """Whether the module at `module` is one that others import another module's names
        from: a package's `__init__.py`, or one importing with `*` or listing `__all__`."""
        init = module.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py"
        return init or module in self.stars or module in self.listed

    def file(self, module: str, source: str) -> str | None:
        """The one module read that the module at `module` imports as `source` (`.agent`,
        `pkg.agent`), else None."""
        if not source or not module:
            return None
        if (module, source) not in self._files:
            self._files[module, source] = self._file(module, source)
        return self._files[module, source]

    def _file(self, module: str, source: str) -> str | None:
        """`file`, as `import_reach.imported_file` finds it, from an index of the modules'
        paths built once."""
        if not self._ends:
            for path in self.files:
                parts = tuple(module_parts(path))
                self._paths.setdefault(parts, []).append(path)
                for start in range(len(parts)):
                    self._ends.setdefault(parts[start:], []).append(path)
        name = source.lstrip(".")
        parts = tuple(p for p in name.split(".") if p)
        dots = len(source) - len(name)
        if dots:
            here = module.replace("\\", "/").split("/")[:-1]
            if dots - 1 > len(here):
                return None
            found = self._paths.get((*here[: len(here) - (dots - 1)], *parts), [])
        else:
            found = self._ends.get(parts, []) if parts else []
        return found[0] if len(found) == 1 else None

    def origin(self, module: str, name: str) -> tuple[str, str] | None:
        """(module, name) of the code that `name` of the module at `module` is, followed
        through the modules re-exporting it; itself where the module binds it by other than
        an import; None where that is uncertain or leads to a module not read."""
        seen: set[tuple[str, str]] = set()
        while (module, name) not in seen:
            seen.add((module, name))
            if (module, name) in self.imported:
                if self._star_may_bind(module, name) is not False:
                    return None
                source, name = self.imported[module, name]
            elif name in self.own.get(module, ()):
                return module, name
            else:
                starred = self._star_source(module, name)
                if starred is None:
                    return None
                source = starred
            found = self.file(module, source)
            if found is None:
                return None
            module = found
        return None

    def _star_source(self, module: str, name: str) -> str | None:
        """The one star import of the module at `module` that binds `name`, where every
        other is known not to; else None."""
        sources = self.stars.get(module, [])
        binds = [(s, self._exports(self.file(module, s), name, set())) for s in sources]
        if any(found is None for _, found in binds):
            return None
        given = [s for s, found in binds if found]
        return given[0] if len(given) == 1 else None

    def _star_may_bind(self, module: str, name: str) -> bool | None:
        """Whether a star import of the module at `module` binds `name` too (None: not
        known)."""
        found = [
            self._exports(self.file(module, s), name, set()) for s in self.stars.get(module, [])
        ]
        if None in found:
            return None
        return any(found)

    def _exports(self, module: str | None, name: str, seen: set[str]) -> bool | None:
        """Whether `from <the module at module> import *` binds `name` (None: not known)."""
        if module is None or module not in self.files or module in seen:
            return None
        seen.add(module)
        if module in self.listed:
            listed = self.listed[module]
            return None if listed is None else name in listed
        if name.startswith("_"):
            return False
        if name in self.own.get(module, ()):
            return True
        found = [
            self._exports(self.file(module, s), name, seen) for s in self.stars.get(module, [])
        ]
        if any(found):
            return True
        return None if None in found else False
