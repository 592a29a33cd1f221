"""Reads of an environment variable whose name the program builds at run time, which may be
OpenAI's key variable.

quivr's `LLMEndpointConfig` (t55d D1) holds `supplier: DefaultModelSuppliers =
DefaultModelSuppliers.OPENAI` (the enum member's value: "openai"), sets `self.env_variable_name =
f"{normalize_to_env_variable_name(self.supplier)}_API_KEY"`, then `self.llm_api_key =
os.getenv(self.env_variable_name)`: by default a read of OPENAI_API_KEY that no rule renames,
and a client pointed at the provider given `config.llm_api_key` sends the OpenAI key there.

A name is followed through what the module shows: string literals, f-strings and `+`, `.upper()`
and `.lower()`, a call of one argument (a function normalising the name: then compared as an
environment variable name, upper case, other characters as `_`), `.value`, a parameter's
default, a name or `self.X` assigned in the function, the class (its field defaults) or the
module, and a member of a class of the module (`Suppliers.OPENAI`, an enum member's value).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_read_calls import LOOKUP_TAILS, environ_key, lookup_test, reads_any
from migrate_llm.textio import python_parsed

# where a module may read a variable under a name it builds: an environment read whose first
# argument is no string literal (`os.getenv(self.env_variable_name)`, `environ[f"..."]`,
# decouple's `config(name)`: the lookups of the env-reader table, `env_read_calls`)
_BUILT_READ = re.compile(
    rb"(?:" + LOOKUP_TAILS + rb"\s*\(|environ\s*\[)\s*(?![\s\"'rbuRBU]*[\"'])[\w(]"
)
_CASE = {"upper": str.upper, "lower": str.lower}
_DEPTH = 8
_MOST = 32  # values kept for one expression


@dataclass(frozen=True)
class BuiltRead:
    """A read (`code`, on `line`) of a variable named by `built` (on `built_line`), which is
    `variable` (OpenAI's key variable) where `value` (on `value_line`) is what goes into it;
    `holder`: the attribute or name the read is assigned to (`llm_api_key`), if any."""

    line: int
    code: str
    built: str
    built_line: int
    value: str
    value_line: int
    variable: str
    holder: str | None


@dataclass(frozen=True)
class _Value:
    """A string an expression may hold; `loose` where a call of the program's normalised it;
    the expression giving it (`origin`, with its line) where not a literal at the read."""

    text: str
    loose: bool = False
    origin: tuple[str, int] | None = None


def may_build(data: bytes) -> bool:
    """Whether a module's bytes may read a variable under a name built at run time."""
    return b"_API_KEY" in data.upper() and reads_any(_BUILT_READ, data)


def built_reads(source: str) -> list[BuiltRead]:
    """The reads of the module (its text `source`) of a variable under a name built at run
    time that may be OpenAI's key variable; [] where it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return list(_Module(tree, source).reads())


def built_fields(data: bytes) -> list[BuiltRead]:
    """The reads of a module (its bytes) under a built name that may be OpenAI's key
    variable which it assigns to a field or name (`holder`), for the other modules of its
    project (`RunFacts.built_key_fields`)."""
    parsed = python_parsed(data) if may_build(data) else None
    if parsed is None:
        return []
    return [r for r in _Module(parsed[1], parsed[0]).reads() if r.holder is not None]


class _Module:
    def __init__(self, tree: ast.Module, source: str) -> None:
        self.tree, self.source = tree, source
        self.lookup = lookup_test(source)
        self.parents: dict[int, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self.classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def code(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.source, node) or ast.unparse(node)

    def reads(self) -> Iterator[BuiltRead]:
        for node in ast.walk(self.tree):
            name = _read_name(node, self.lookup)
            if name is None or isinstance(name, ast.Constant):
                continue
            found = self._read(node, name)
            if found is not None:
                yield found

    def _read(self, node: ast.AST, name: ast.expr) -> BuiltRead | None:
        """What makes the read `node` of the variable `name` one of OpenAI's key variable,
        from the expression building the name: `name` itself, or a value assigned to the
        name or `self.X` it is (`self.env_variable_name = f"..."`)."""
        for built in self._assigned(name) or [name]:
            for value in self.values(built, _DEPTH):
                variable = _variable(value)
                if variable is None:
                    continue
                origin = value.origin or (self.code(built), built.lineno)
                line = getattr(node, "lineno", 0)
                holder = self._holder(node)
                shown = self.code(built)
                return BuiltRead(
                    line, self.code(node), shown, built.lineno, *origin, variable, holder
                )
        return None

    def _holder(self, node: ast.AST) -> str | None:
        """The attribute or name the value holding `node` is assigned to."""
        current = node
        while (parent := self.parents.get(id(current))) is not None:
            if isinstance(parent, ast.Assign | ast.AnnAssign):
                targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
                if len(targets) == 1 and isinstance(targets[0], ast.Attribute):
                    return targets[0].attr
                return (
                    targets[0].id
                    if len(targets) == 1 and isinstance(targets[0], ast.Name)
                    else None
                )
            if isinstance(parent, ast.stmt):
                return None
            current = parent
        return None

    def values(self, expr: ast.expr, depth: int) -> list[_Value]:
        """The strings `expr` may hold, as far as the module shows (`_MOST` at most)."""
        if depth <= 0:
            return []
        found = self._values(expr, depth - 1)
        return found[:_MOST]

    def _values(self, expr: ast.expr, depth: int) -> list[_Value]:
        if isinstance(expr, ast.Constant):
            return [_Value(expr.value)] if isinstance(expr.value, str) else []
        if isinstance(expr, ast.JoinedStr):
            parts: list[list[_Value]] = []
            for part in expr.values:
                if isinstance(part, ast.Constant):
                    parts.append([_Value(str(part.value))])
                elif isinstance(part, ast.FormattedValue) and part.format_spec is None:
                    parts.append(self.values(part.value, depth))
                else:
                    return []
            return _joined(parts)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return _joined([self.values(expr.left, depth), self.values(expr.right, depth)])
        if isinstance(expr, ast.Call):
            return self._call_values(expr, depth)
        if isinstance(expr, ast.Attribute) and expr.attr == "value":
            return self.values(expr.value, depth)
        found = []
        for value in self._assigned(expr):
            origin = (self.code(value), value.lineno)
            # the outermost value followed names where it is chosen: `supplier=
            # Suppliers.OPENAI`, not the enum's `OPENAI = "openai"`
            found += [_Value(one.text, one.loose, origin) for one in self.values(value, depth)]
        return found

    def _call_values(self, call: ast.Call, depth: int) -> list[_Value]:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _CASE and not call.args:
            case = _CASE[func.attr]
            return [_Value(case(v.text), v.loose, v.origin) for v in self.values(func.value, depth)]
        if isinstance(func, ast.Name) and len(call.args) == 1 and not call.keywords:
            return [_Value(v.text, True, v.origin) for v in self.values(call.args[0], depth)]
        return []

    def _assigned(self, expr: ast.expr) -> list[ast.expr]:
        """The values a name, `self.X` or `Cls.MEMBER` may be given, as the module shows."""
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            if expr.value.id == "self":
                klass = self._enclosing(expr, ast.ClassDef)
                return self._class_values(klass, expr.attr) if klass is not None else []
            klass = self.classes.get(expr.value.id)
            return _body_values(klass, expr.attr) if klass is not None else []
        if not isinstance(expr, ast.Name):
            return []
        function = self._enclosing(expr, _FUNCTIONS)
        if function is not None:
            default = _parameter_default(function, expr.id)
            if default is not None:
                return [] if default is _NO_DEFAULT else [default]
            local = _name_values(function, expr.id)
            if local:
                return local
        return _body_values(self.tree, expr.id)

    def _class_values(self, klass: ast.ClassDef, attr: str) -> list[ast.expr]:
        """A field's default in the class body, and what its methods assign to `self.attr`."""
        found = _body_values(klass, attr)
        for node in ast.walk(klass):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(_self_attr(t, attr) for t in targets):
                    found.append(node.value)
        return found

    def _enclosing(self, node: ast.AST, kind: type | tuple[type, ...]) -> Any:
        current = node
        while (parent := self.parents.get(id(current))) is not None:
            if isinstance(parent, kind):
                return parent
            if kind is _FUNCTIONS and isinstance(parent, ast.ClassDef):
                return None
            current = parent
        return None


_NO_DEFAULT = ast.Constant(value=None)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _read_name(node: ast.AST, lookup: Callable[[ast.expr], bool]) -> ast.expr | None:
    """The name argument of an environment read (`os.environ[X]`, `environ[X]`, or a lookup
    of the env-reader table, `lookup`: `os.getenv(X)`, `os.environ.get(X)`, `getenv(X)`,
    decouple's `config(X)`), else None."""
    if isinstance(node, ast.Subscript):
        return environ_key(node)
    if not isinstance(node, ast.Call) or not node.args or not lookup(node.func):
        return None
    return node.args[0]


def _named(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _self_attr(node: ast.expr, attr: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == attr and _named(node.value, "self")


def _parameter_default(
    function: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> ast.expr | None:
    """The default of `function`'s parameter `name`; `_NO_DEFAULT` for one without; None
    where it has no such parameter."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in [
        *zip(positional, defaults, strict=True),
        *zip(args.kwonlyargs, args.kw_defaults, strict=True),
    ]:
        if arg.arg == name:
            return default if default is not None else _NO_DEFAULT
    return None


def _name_values(scope: ast.AST, name: str) -> list[ast.expr]:
    """The values assigned to `name` anywhere in `scope` (a function)."""
    found = []
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_named(t, name) for t in targets):
                found.append(node.value)
    return found


def _body_values(holder: ast.Module | ast.ClassDef, name: str) -> list[ast.expr]:
    """The values assigned to `name` at the level of a module or class body."""
    found = []
    for node in holder.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_named(t, name) for t in targets):
                found.append(node.value)
    return found


def _joined(parts: list[list[_Value]]) -> list[_Value]:
    """The strings made of one value of each part, in order."""
    if any(not p for p in parts):
        return []
    found = []
    for combination in itertools.islice(itertools.product(*parts), _MOST):
        origin = next((v.origin for v in combination if v.origin), None)
        loose = any(v.loose for v in combination)
        found.append(_Value("".join(v.text for v in combination), loose, origin))
    return found


def _variable(value: _Value) -> str | None:
    """OpenAI's key variable where `value` names it (as an environment variable name where
    a call normalised a part of it), else None."""
    text = re.sub(r"[^A-Za-z0-9_]", "_", value.text).upper() if value.loose else value.text
    return text if text in sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR} else None
