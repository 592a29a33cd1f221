"""Calls giving a top-level function of another module of the project a value naming OpenAI
(review r2, s68): main.py's `make("qwen-plus", args.openai_api_key)` of lib.py's `def
make(model, api_key): return ChatOpenAI(..., openai_api_key=api_key)`. The rules of lib.py
see only its own calls (`passed_values`), so `api_key` named nothing and ML601 pointed the
client at the provider with the OpenAI key. The engine reads the project's modules naming
OpenAI again for such calls (`RunFacts.foreign_key_calls`), so a change to a caller changes
the facts the callee's results are kept under. Read with `ast` alone (the screening runs
without libcst)."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from migrate_llm.import_roots import project_module_files
from migrate_llm.textio import MODULE_LIMIT

# a name or attribute with `openai` in it ending an argument (`args.openai_api_key)`,
# `openai_api_key=key,`): the modules without one give none
_OPENAI_ARGUMENT = re.compile(rb"(?i)openai\w*\s*[,)]")


class ForeignKeyCall(NamedTuple):
    """A call in the module `caller` (as messages show it) on `line` giving the parameter
    `param` (its keyword, or "#N" for position N) of the top-level function `function` of the
    module at `module` (an absolute path) `value` (its code), which names OpenAI."""

    module: str
    function: str
    param: str
    caller: str
    line: int
    value: str


def may_give(data: bytes) -> bool:
    """Whether a module's bytes may import a function and give it a value naming OpenAI."""
    return b"import" in data and _OPENAI_ARGUMENT.search(data) is not None


_TOP_FUNCTION = re.compile(rb"^(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(", re.MULTILINE)


def top_functions(data: bytes) -> set[str]:
    """The names of the functions a module's bytes define at their top level."""
    return {m.group(1).decode("ascii", "replace") for m in _TOP_FUNCTION.finditer(data)}


_CALLED = re.compile(rb"(\w+)\(")
# how far before such an argument its call's name is looked for (a call over a few lines)
_REACH = 600


def may_call_any(names: set[str]) -> Callable[[bytes], bool]:
    """A test of a module's bytes: whether a call of one of `names` (`name(`) may come up to
    `_REACH` bytes before an argument naming OpenAI (`may_give`)."""
    wanted = {n.encode() for n in names}

    def test(data: bytes) -> bool:
        for match in _OPENAI_ARGUMENT.finditer(data):
            start = max(0, match.start() - _REACH)
            if not wanted.isdisjoint(_CALLED.findall(data, start, match.start())):
                return True
        return False

    return test


def foreign_key_calls(module: str, shown: str, data: bytes) -> list[ForeignKeyCall]:
    """The calls of a module's bytes (`module`, its path) of functions it imports from other
    modules of the project by name (`from lib import make [as m]`) or through their module
    (`import lib`, `from pkg import lib`, then `lib.make(...)`; `import pkg.lib [as l]`, then
    `pkg.lib.make(...)`; found from the project's root or its `src/` too,
    `project_module_files`), each argument naming OpenAI
    (a name or attribute in it with `openai` in it, not the openai module's own attributes);
    none where it cannot be parsed."""
    if len(data) > MODULE_LIMIT:
        return []
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return []
    here = os.path.abspath(module)
    directory = os.path.dirname(here)
    functions: dict[str, tuple[str, str]] = {}  # bound name: (defining file, function)
    modules: dict[str, str] = {}  # bound name (`lib`, `pkg.lib`): the module's file

    def resolved(dotted: str) -> str | None:
        found = [os.path.abspath(f) for f in project_module_files(directory, dotted)]
        return found[0] if found and found[0] != here else None

    for node in _statements(tree.body):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            for alias in node.names:
                bound = alias.asname or alias.name
                inner = resolved(f"{base}.{alias.name}" if node.module else base + alias.name)
                if inner is not None:
                    modules[bound] = inner
                elif (outer := resolved(base)) is not None and alias.name != "*":
                    functions[bound] = (outer, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if (found := resolved(alias.name)) is not None:
                    modules[alias.asname or alias.name] = found
    named = [f"{name}(" for name in functions] + [f"{name}." for name in modules]
    if not any(name.encode() in data for name in named):
        return []
    calls = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        if isinstance(func, ast.Name) and func.id in functions:
            target = functions[func.id]
        elif isinstance(func, ast.Attribute) and _dotted(func.value) in modules:
            target = (modules[_dotted(func.value)], func.attr)
        else:
            continue
        given = [(k.arg, k.value) for k in call.keywords if k.arg is not None]
        for index, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            given.append((f"#{index}", arg))
        calls += [
            ForeignKeyCall(*target, param, shown, call.lineno, ast.unparse(value))
            for param, value in given
            if _names_openai(value)
        ]
    return calls


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of `body` and of the blocks in them (not their expressions: an import
    is a statement)."""
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody"):
            inner = getattr(node, block, None)
            if isinstance(inner, list):
                yield from _statements(inner)
        for handler in getattr(node, "handlers", ()):
            yield from _statements(handler.body)


def _dotted(node: ast.expr) -> str:
    """The dotted name `node` is (`lib`, `pkg.lib`), or ""."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (inner := _dotted(node.value)):
        return f"{inner}.{node.attr}"
    return ""


def _names_openai(value: ast.expr) -> bool:
    """Whether a name or attribute in `value` has `openai` in it; not an attribute of the
    openai module (`openai.api_key`, which ML301 moves: the rest of the value is read on,
    `openai.api_key or args.openai_key`), nor a string."""
    left: list[ast.AST] = [value]
    while left:
        node = left.pop()
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "openai":
                continue
            if "openai" in node.attr.lower():
                return True
        if isinstance(node, ast.Name) and "openai" in node.id.lower():
            return True
        left.extend(ast.iter_child_nodes(node))
    return False
