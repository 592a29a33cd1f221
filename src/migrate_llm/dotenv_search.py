"""The `.env` file python-dotenv finds when a module does not name one.

`load_dotenv()` and `dotenv_values()` given no path nor stream call `find_dotenv()`, and
`find_dotenv()` (python-dotenv 1.2, `dotenv/main.py`) starts from the directory of the
first frame on the stack whose code is not in that file and whose file exists (the module
calling `load_dotenv()`, or `find_dotenv()` itself) and returns the first `.env` (a file or
a FIFO) in it or a directory above it, up to the file system's root. It starts from the
current directory instead with `usecwd=True`, in a REPL or notebook (no `__main__.__file__`),
under a debugger and in a frozen program: not a place the code tells, so not read here.
"""

from __future__ import annotations

import ast
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence

# python-dotenv's functions, by the names a module may import them from
_MODULES = frozenset({"dotenv", "dotenv.main"})
# those loading a file (or a stream) found by `find_dotenv()` where given neither
_LOADERS = frozenset({"load_dotenv", "dotenv_values"})
_FINDER = "find_dotenv"
# the name `find_dotenv()` looks for unless given another
_NAME = ".env"


# a module's text naming a loader (read only then), and the names it binds one to
LOADING = re.compile(rb"load_dotenv|dotenv_values")
_ALIASES = re.compile(rb"\b(?:load_dotenv|dotenv_values|find_dotenv|dotenv)\s+as\s+(\w+)")


def searching_calls(tree: ast.AST, data: bytes) -> list[int]:
    """The lines of the calls in `tree` (parsed from `data`) that read the `.env`
    python-dotenv finds from the module's directory: a loader given no path nor stream
    (`load_dotenv()`, `dotenv_values()`, `load_dotenv(override=True)`), or the path
    `find_dotenv()` returns (`load_dotenv(find_dotenv())`, also through a name it is
    assigned to); imported by any name (`from dotenv import load_dotenv as ld`, `import
    dotenv`). Only the statements on lines naming python-dotenv or such a name are walked
    (a whole module's walk took 5 ms for 180 lines)."""
    nodes = list(_on_lines(tree, _lines_naming(data)))
    names = _imported(nodes)
    if not names:
        return []
    found: set[str] = set()  # the names bound to a search's result (`path = find_dotenv()`)
    calls = []
    for node in nodes:
        if isinstance(node, ast.Assign) and _searches(node.value, names):
            found.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Call):
            calls.append(node)
    lines = []
    for call in calls:
        if _call_of(call, names) not in _LOADERS:
            continue
        if any(k.arg is None for k in call.keywords):  # `**options`: not known here
            continue
        given = {k.arg: k.value for k in call.keywords}
        path = call.args[0] if call.args else given.get("dotenv_path")
        stream = call.args[1] if len(call.args) > 1 else given.get("stream")
        if _is_none(stream) and (
            _is_none(path)
            or _searches(path, names)
            or (isinstance(path, ast.Name) and path.id in found)
        ):
            lines.append(call.lineno)
    return sorted(lines)


def found_from(bases: Sequence[str]) -> str | None:
    """The `.env` that `find_dotenv()` returns for a module whose directory and those above
    it up to the scanned directory are `bases`: the first there is, else None."""
    for directory in bases:
        path = os.path.join(directory, _NAME)
        try:
            mode = os.stat(path).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
            return path
    return None


def _lines_naming(data: bytes) -> frozenset[int]:
    """The numbers of the lines of `data` that name python-dotenv or a name it binds."""
    words = {b"dotenv", *_ALIASES.findall(data)}
    return frozenset(
        number
        for number, line in enumerate(data.split(b"\n"), 1)
        if any(word in line for word in words)
    )


def _on_lines(tree: ast.AST, lines: frozenset[int]) -> Iterator[ast.AST]:
    """The nodes of `tree` whose lines hold one of `lines`, and those without lines."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            first, last = getattr(child, "lineno", None), getattr(child, "end_lineno", None)
            if first is None or last is None or any(first <= n <= last for n in lines):
                stack.append(child)


def _imported(nodes: Iterable[ast.AST]) -> dict[str, str]:
    """The names python-dotenv's functions and modules are bound to by the imports among
    `nodes`: a function by its own name (`ld`: `load_dotenv`), a module as `"module"`."""
    names: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and not node.level and node.module in _MODULES:
            for alias in node.names:
                if alias.name == "*":
                    names.update((n, n) for n in (*_LOADERS, _FINDER))
                elif alias.name in _LOADERS or alias.name == _FINDER:
                    names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in _MODULES:
                    names[alias.asname or alias.name.split(".")[0]] = "module"
    return names


def _call_of(node: ast.AST | None, names: dict[str, str]) -> str | None:
    """The python-dotenv function `node` calls (`ld()`, `dotenv.load_dotenv()`,
    `dotenv.main.find_dotenv()`), else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        return names.get(func.id)
    if not isinstance(func, ast.Attribute):
        return None
    owner = func.value
    if isinstance(owner, ast.Attribute) and owner.attr == "main":  # `dotenv.main.load_dotenv`
        owner = owner.value
    if isinstance(owner, ast.Name) and names.get(owner.id) == "module":
        return func.attr if func.attr in _LOADERS or func.attr == _FINDER else None
    return None


def _searches(node: ast.AST | None, names: dict[str, str]) -> bool:
    """Whether `node` calls `find_dotenv(...)` looking for `.env` from the calling module's
    directory: given no other name, and not `usecwd` (nor `**options`)."""
    call = node
    if not isinstance(call, ast.Call) or _call_of(call, names) != _FINDER:
        return False
    if any(k.arg is None for k in call.keywords):
        return False
    given = {k.arg: k.value for k in call.keywords}
    name = call.args[0] if call.args else given.get("filename")
    usecwd = call.args[2] if len(call.args) > 2 else given.get("usecwd")
    named = name is None or (isinstance(name, ast.Constant) and name.value == _NAME)
    return named and (usecwd is None or (isinstance(usecwd, ast.Constant) and not usecwd.value))


def _is_none(node: ast.AST | None) -> bool:
    return node is None or (isinstance(node, ast.Constant) and node.value is None)
