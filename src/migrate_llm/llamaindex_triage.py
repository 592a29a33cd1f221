"""Whether a module may use a LlamaIndex default model, decided on Python's own syntax tree.

The screen (`frameworks.llamaindex.uses_default`) finds the names in the bytes; LlamaIndex's
own modules and most programs name them in calls that pass the model (`llm=llm`). Checking
the calls' keywords on the `ast` tree the engine already has spares libcst's parse of those
modules (a sixth of LlamaIndex's examined files). Looser than ML612, never tighter: a call
kept here may still be found to pass its model through names the rule resolves.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from typing import cast

from migrate_llm.env_read_calls import dotted
from migrate_llm.frameworks import llamaindex as li

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
# nodes that hold no other node and none of what the walk looks for: not walked
_LEAVES = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
_USERS_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _suffix, _used in li.DEFAULT_USERS.items():
    _USERS_BY_LAST.setdefault(_suffix.rsplit(".", 1)[-1], []).append((_suffix, _used))


def _settings(func: ast.expr) -> tuple[str, ...]:
    """The default models a call to `func` may fall back on, by its written name."""
    if isinstance(func, ast.Attribute) and func.attr in li.DEFAULT_USER_METHODS:
        return li.DEFAULT_USER_METHODS[func.attr]
    last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    candidates = _USERS_BY_LAST.get(last) if isinstance(last, str) else None
    if not candidates:
        return ()
    name = dotted(func)
    if name is None:
        return ()
    found: set[str] = set()
    for suffix, settings in candidates:
        if name == suffix or name.endswith("." + suffix):
            found.update(settings)
    return tuple(found)


def _given(call: ast.Call, name: str) -> bool:
    return any(
        k.arg == name and not (isinstance(k.value, ast.Constant) and k.value.value is None)
        for k in call.keywords
    )


def _reads_default(func: ast.expr, unset: Collection[str]) -> bool:
    """`Settings.llm.complete`: a call on a default model (the first setting in the chain)."""
    while isinstance(func, ast.Attribute):
        if func.attr in li.DEFAULT_SETTINGS:
            return func.attr in unset
        func = func.value
    return False


def _spread_keys(
    call: ast.Call, dicts: dict[str, list[ast.expr]], params: frozenset[str]
) -> frozenset[str] | None:
    """The keys of the mappings `call` is given with `**` where each is a dict display of
    string keys, written there or assigned once to a name (`dicts`); none from any other
    mapping, which ML612 reads as holding no model unless it finds one set on it (never
    tighter than the rule). None where one is a parameter of the innermost function holding
    the call (`params`) that the module assigns nowhere: ML612 leaves that to its callers."""
    keys: set[str] = set()
    for spread in (k.value for k in call.keywords if k.arg is None):
        if isinstance(spread, ast.Name) and spread.id in params and spread.id not in dicts:
            return None
        if isinstance(spread, ast.Name) and len(dicts.get(spread.id, ())) == 1:
            spread = dicts[spread.id][0]
        if isinstance(spread, ast.Dict):
            keys.update(
                k.value
                for k in spread.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            )
    return frozenset(keys)


def may_use_defaults(tree: ast.AST, unset: Collection[str]) -> bool:
    """Whether `tree` has a call that may fall back on a default model in `unset`: one named
    as ML612's calls are, passing no model for such a setting (also in no `**` mapping it
    shows), or a call on `Settings.llm` / `Settings.embed_model`."""
    calls: list[tuple[ast.Call, frozenset[str]]] = []  # with the parameters of its function
    dicts: dict[str, list[ast.expr]] = {}  # what each name is assigned, where it is a name
    todo: list[tuple[ast.AST, frozenset[str]]] = [(tree, frozenset())]
    pop, push = todo.pop, todo.append
    while todo:
        node, params = pop()
        kind = type(node)
        if kind is ast.Call:
            calls.append((cast(ast.Call, node), params))
        elif kind is ast.Assign:
            for target in cast(ast.Assign, node).targets:
                if isinstance(target, ast.Name):
                    dicts.setdefault(target.id, []).append(cast(ast.Assign, node).value)
        elif kind in _FUNCTIONS:
            given = cast(ast.arguments, node.args)  # type: ignore[attr-defined]
            params = frozenset(
                a.arg
                for a in (
                    *given.posonlyargs,
                    *given.args,
                    *given.kwonlyargs,
                    given.vararg,
                    given.kwarg,
                )
                if a is not None
            )
        # `ast.iter_child_nodes`, in its order, without its two generators (half the walk)
        for field in kind._fields:
            value = getattr(node, field, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        push((item, params))
            elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                push((value, params))
    for node, params in calls:
        settings = _settings(node.func)
        if not settings:
            if _reads_default(node.func, unset):
                return True
            continue
        spread = (
            _spread_keys(node, dicts, params) if any(k.arg is None for k in node.keywords) else ()
        )
        if spread is None:
            continue
        for setting in settings:
            if setting in unset and not any(
                _given(node, name) or name in spread for name in li.DEFAULT_OVERRIDES[setting]
            ):
                return True
    return False
