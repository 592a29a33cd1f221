"""A project's own function wrapping an environment read, called with the name of one of
OpenAI's variables: a read of that variable, as `os.getenv(...)` is (`env_names` records it, so
ML401 renames the name it is given and follows where its value goes).

vocode's `getenv(key, default=None)` returns `environment.get(key) or os.getenv(key, default)`;
its chat agent and transcriber read `getenv("OPENAI_API_KEY", api_key)` and give the result to
the client apply points at Moonshot. Read as an unknown call, the name stayed OPENAI_API_KEY
("the module does not show how it is used") and the OpenAI key went to Moonshot (t64c).

A wrapper is a top-level function of the module, or one imported by name from another module
of the project (`callee_keys.callee_module`), whose first parameter is the variable's name that
its body passes, never rebinding it, to `os.getenv`, `os.environ.get` or `os.environ[...]`
(read), and never to anything writing the variable: `ensure(name, value)` setting
`os.environ[name] = value` where it is unset copies `value` into it (a call `ensure(
"OPENAI_API_KEY", cfg["openai_key"])` renamed to the provider's variable would put the
OpenAI key there; t64 review). Only a call giving that name as its first argument, written
as a string, counts."""

from __future__ import annotations

import ast
import os
import re

import libcst as cst

from migrate_llm.reread import module_text
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.textio import MODULE_LIMIT

# what a wrapper's body may read the variable with: `os.getenv(param, ...)` and the like
_READERS = frozenset({"os.getenv", "os.environ.get"})
# what writes it: a function calling these with the name is a setter, never a wrapper
_WRITERS = frozenset({"os.environ.setdefault", "os.environ.pop", "os.putenv", "os.unsetenv"})
_memo: dict[tuple[str, int, int, str], bool] = {}


def wrapped_read(ctx: PythonContext, call: cst.Call, name_test: re.Pattern[str]) -> bool:
    """Whether `call` calls a wrapper (see the module's docstring) with a first argument
    that is a string `name_test` (a compiled pattern) matches in full."""
    if not call.args or call.args[0].keyword is not None or call.args[0].star:
        return False
    name = string_value(call.args[0].value)
    if name is None or not name_test.fullmatch(name):
        return False
    local = _module_function(ctx, call.func)
    if local is not None:
        return _wraps(ast.parse(ctx.module.code_for_node(local)).body[0])
    from migrate_llm.rules.callee_keys import callee_module  # it imports the rules

    found = callee_module(ctx, call) if isinstance(call.func, cst.Name) else None
    if found is None or found[2] is not None:
        return False
    return _file_wraps(found[0], found[1])


def _module_function(ctx: PythonContext, func: cst.BaseExpression) -> cst.FunctionDef | None:
    """The top-level function of the module `func` names (only that binding)."""
    if not isinstance(func, cst.Name):
        return None
    defs = [
        s for s in ctx.module.body if isinstance(s, cst.FunctionDef) and s.name.value == func.value
    ]
    return defs[0] if len(defs) == 1 else None


def _file_wraps(path: str, name: str) -> bool:
    """Whether the top-level function `name` of the module at `path` is a wrapper."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    key = (path, status.st_mtime_ns, status.st_size, name)
    if key not in _memo:
        try:
            tree = ast.parse(module_text(path, MODULE_LIMIT))
        except (SyntaxError, ValueError):
            tree = ast.Module(body=[], type_ignores=[])
        defs = [
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name
        ]
        _memo[key] = len(defs) == 1 and _wraps(defs[0])
    return _memo[key]


def _wraps(function: ast.stmt) -> bool:
    """Whether `function` reads the environment variable its first parameter names, never
    rebinding that parameter nor writing that variable (`os.environ[name] = value`,
    `os.environ.setdefault(name, ...)`, `os.putenv(name, ...)`: a setter, whose call copies
    a value into the variable, not a read of it; t64 review)."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    params = [*function.args.posonlyargs, *function.args.args]
    if not params:
        return False
    param = params[0].arg
    reads = False
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id == param and isinstance(node.ctx, ast.Store):
            return False
        if isinstance(node, ast.Call) and any(_is(a, param) for a in node.args):
            if _dotted(node.func) in _WRITERS:
                return False
            reads = reads or (_reader(node.func) and _is(node.args[0], param))
        if isinstance(node, ast.Call) and _dotted(node.func) == "os.environ.update":
            return False  # may set any variable, that one too
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and (
            _mentions(node.value, param)
        ):
            return False  # `key = name`: where the name goes is not followed
        if isinstance(node, ast.Subscript) and _dotted(node.value) == "os.environ":
            if _is(node.slice, param) and not isinstance(node.ctx, ast.Load):
                return False  # `os.environ[name] = value`, `del os.environ[name]`
            reads = reads or _is(node.slice, param)
    return reads


def _mentions(value: ast.expr | None, name: str) -> bool:
    return value is not None and any(
        isinstance(n, ast.Name) and n.id == name for n in ast.walk(value)
    )


def _reader(func: ast.expr) -> bool:
    return _dotted(func) in _READERS


def _dotted(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        inner = _dotted(expr.value)
        return f"{inner}.{expr.attr}" if inner is not None else None
    return None


def _is(expr: ast.expr, name: str) -> bool:
    return isinstance(expr, ast.Name) and expr.id == name
