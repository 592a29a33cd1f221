"""The names of a module's top level a table lookup's key may hold in a function (ML204).

sweep's `ChatGPT.call_openai()` does `model = determine_model_from_chat_logger(chat_logger=...,
model=model)`, a helper that returns its `model` parameter, then `if model not in
model_to_max_tokens: raise ValueError(...)`; the model comes from `self.model`, whose class
body sets it to `DEFAULT_GPT4_MODEL`, imported from sweepai/config/server.py. The lookup is
keyed by a local name, so the module reading the table (`model_table_reads`) saw no setting
of another module reach it, ML204 mapped the setting's env default, and every call raised
(t63c). So a key is followed, a few steps at most (`_DEPTH`), to the names of the module's
top level it may hold: through the function's assignments of it (`x = a or b`, `a if c else
b`), a call of a function of the module's top level that returns one of its parameters (each
`return` returns that parameter; what the call passes for it), `self.attr` (what the class
body and its methods set `attr` to), a parameter's default, and what the class's own calls
of the method (`self.method(model=model)`) pass for a parameter.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

Function = ast.FunctionDef | ast.AsyncFunctionDef

# steps followed from a key to the names it may hold
_DEPTH = 5


class KeySources:
    """What the keys of one module's lookups may hold (`of`), its helpers and classes read
    once."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.helpers = {
            node.name: at
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (at := returned_parameter(node)) is not None
        }
        self.owner: dict[int, ast.ClassDef] = {
            id(item): node
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            for item in node.body
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.seen: set[tuple[int, str]] = set()
        self.local_names: dict[int, dict[str, list[ast.expr]]] = {}

    def of(self, function: Function, key: str) -> set[str]:
        """The names of the module's top level (bound neither in `function` nor in the
        methods the value passes through) that the name `key`, read in `function`, may
        hold; not `key` itself."""
        self.seen = set()
        return self.of_name(function, key, 0) - {key}

    def of_name(self, function: Function | None, name: str, depth: int) -> set[str]:
        """The top-level names `name`, read in `function` (None: at the top level or in a
        class body), may hold."""
        if function is None or name not in self._locals(function):
            return {name}
        if depth > _DEPTH or (id(function), name) in self.seen:
            return set()
        self.seen.add((id(function), name))
        found: set[str] = set()
        for value in self._locals(function)[name]:
            found |= self.of_value(function, value, depth + 1)
        if name in _parameters(function):
            default = _default(function, name)
            if default is not None:
                found |= self.of_value(None, default, depth + 1)
            for caller, given in self._method_calls(function, name):
                found |= self.of_value(caller, given, depth + 1)
        return found

    def _locals(self, function: Function) -> dict[str, list[ast.expr]]:
        """The names local to `function` (its parameters and the names its own body binds),
        each with the values its body assigns to it; read once a function."""
        found = self.local_names.get(id(function))
        if found is None:
            found = {name: [] for name in _parameters(function) | _stored(function)}
            for target, value in _assignments(_own_nodes(function)):
                if isinstance(target, ast.Name):
                    found[target.id].append(value)
            self.local_names[id(function)] = found
        return found

    def of_value(self, function: Function | None, value: ast.expr, depth: int) -> set[str]:
        """The top-level names the expression `value` (in `function`) may hold."""
        if depth > _DEPTH:
            return set()
        if isinstance(value, ast.Name):
            return self.of_name(function, value.id, depth)
        if isinstance(value, ast.BoolOp):
            return {n for v in value.values for n in self.of_value(function, v, depth + 1)}
        if isinstance(value, ast.IfExp):
            return self.of_value(function, value.body, depth + 1) | self.of_value(
                function, value.orelse, depth + 1
            )
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            returned = self.helpers.get(value.func.id)
            given = call_argument(value, *returned) if returned is not None else None
            return self.of_value(function, given, depth + 1) if given is not None else set()
        if (
            function is not None
            and isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == "self"
        ):
            return self._attribute(function, value.attr, depth)
        return set()

    def _attribute(self, function: Function, attr: str, depth: int) -> set[str]:
        """What `self.attr` may hold in a method of a class: its class body's value for
        `attr`, and what the class's methods assign to `self.attr`."""
        owner = self.owner.get(id(function))
        if owner is None:
            return set()
        found: set[str] = set()
        for item in owner.body:
            for target, value in _assignments([item]):
                if isinstance(target, ast.Name) and target.id == attr:
                    found |= self.of_value(None, value, depth + 1)
        for method in owner.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for target, value in _assignments(ast.walk(method)):
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == attr
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    found |= self.of_value(method, value, depth + 1)
        return found

    def _method_calls(self, function: Function, name: str) -> Iterator[tuple[Function, ast.expr]]:
        """(the calling method, what it passes) for each call `self.<function>(...)` in a
        method of the class of `function` that passes something for its parameter `name`."""
        owner = self.owner.get(id(function))
        if owner is None:
            return
        positional = [*function.args.posonlyargs, *function.args.args][1:]  # past `self`
        at = next((i for i, a in enumerate(positional) if a.arg == name), -1)
        for method in owner.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(method):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == function.name
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                ):
                    given = call_argument(node, name, at)
                    if given is not None:
                        yield method, given


def returned_parameter(function: Function) -> tuple[str, int] | None:
    """(the parameter, its position among the positional ones or -1) that every `return` of
    `function` returns as it was given (a helper choosing to raise or go on: sweep's
    `determine_model_from_chat_logger`); None where a `return` gives anything else, or
    there is none. Returns of functions defined inside it are theirs."""
    returns = [n for n in _own_nodes(function) if isinstance(n, ast.Return)]
    names = {r.value.id if isinstance(r.value, ast.Name) else None for r in returns}
    if len(names) != 1:
        return None
    name = names.pop()
    if name is None or name not in _parameters(function) or name in _stored(function):
        return None
    positional = [*function.args.posonlyargs, *function.args.args]
    return name, next((i for i, a in enumerate(positional) if a.arg == name), -1)


def _own_nodes(function: Function) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, not those of a function, lambda or class in it."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _assignments(nodes: object) -> Iterator[tuple[ast.expr, ast.expr]]:
    """(target, value) of each plain or annotated assignment among `nodes`."""
    for node in nodes:  # type: ignore[attr-defined]
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            yield node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            yield node.target, node.value


def _stored(function: Function) -> set[str]:
    return {
        n.id
        for n in _own_nodes(function)
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))
    }


def _parameters(function: Function) -> set[str]:
    args = function.args
    named = (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
    return {a.arg for a in named if a is not None}


def _default(function: Function, name: str) -> ast.expr | None:
    """The default of the parameter `name` of `function`."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    given = positional[len(positional) - len(args.defaults) :]
    pairs = [*zip(given, args.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
    return next((d for a, d in pairs if a.arg == name), None)


def call_argument(call: ast.Call, param: str, at: int) -> ast.expr | None:
    """What `call` passes for the parameter `param` (at position `at`, -1 for none)."""
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    plain = []
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            break
        plain.append(arg)
    return plain[at] if 0 <= at < len(plain) else None
