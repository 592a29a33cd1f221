"""Whether a module may use a LlamaIndex default model, decided on Python's own syntax tree.

The screen (`frameworks.llamaindex.DEFAULT_USE`) finds the names in the bytes; LlamaIndex's
own modules and most programs name them in calls that pass the model (`llm=llm`). Checking
the calls' keywords on the `ast` tree the engine already has spares libcst's parse of those
modules (a sixth of LlamaIndex's examined files). Looser than ML612, never tighter: a call
kept here may still be found to pass its model through names the rule resolves.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from migrate_llm.frameworks import llamaindex as li

_USERS_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _suffix, _used in li.DEFAULT_USERS.items():
    _USERS_BY_LAST.setdefault(_suffix.rsplit(".", 1)[-1], []).append((_suffix, _used))


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` for the name or attribute chain `node`, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _settings(func: ast.expr) -> tuple[str, ...]:
    """The default models a call to `func` may fall back on, by its written name."""
    if isinstance(func, ast.Attribute) and func.attr in li.DEFAULT_USER_METHODS:
        return li.DEFAULT_USER_METHODS[func.attr]
    last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    candidates = _USERS_BY_LAST.get(last) if isinstance(last, str) else None
    if not candidates:
        return ()
    dotted = _dotted(func)
    if dotted is None:
        return ()
    found: set[str] = set()
    for suffix, settings in candidates:
        if dotted == suffix or dotted.endswith("." + suffix):
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


def _spread_keys(call: ast.Call, dicts: dict[str, list[ast.expr]]) -> frozenset[str] | None:
    """The keys of the mappings `call` is given with `**`, where each is a dict display of
    string keys, written there or assigned once to a name (`dicts`); None where one is not
    shown (ML612 reads them so)."""
    keys: set[str] = set()
    for spread in (k.value for k in call.keywords if k.arg is None):
        if isinstance(spread, ast.Name) and len(dicts.get(spread.id, ())) == 1:
            spread = dicts[spread.id][0]
        if not isinstance(spread, ast.Dict):
            return None
        written = [k.value if isinstance(k, ast.Constant) else None for k in spread.keys]
        if not all(isinstance(k, str) for k in written):
            return None
        keys.update(k for k in written if isinstance(k, str))
    return frozenset(keys)


def may_use_defaults(tree: ast.AST, unset: Collection[str]) -> bool:
    """Whether `tree` has a call that may fall back on a default model in `unset`: one named
    as ML612's calls are, passing no model for such a setting (also in no `**` mapping it
    shows), or a call on `Settings.llm` / `Settings.embed_model`."""
    calls: list[ast.Call] = []
    dicts: dict[str, list[ast.expr]] = {}  # what each name is assigned, where it is a name
    for node in ast.walk(tree):
        if type(node) is ast.Call:
            calls.append(node)
        elif type(node) is ast.Assign:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    dicts.setdefault(target.id, []).append(node.value)
    for node in calls:
        settings = _settings(node.func)
        if not settings:
            if _reads_default(node.func, unset):
                return True
            continue
        spread = _spread_keys(node, dicts) if any(k.arg is None for k in node.keywords) else ()
        if spread is None:
            continue
        for setting in settings:
            if setting in unset and not any(
                _given(node, name) or name in spread for name in li.DEFAULT_OVERRIDES[setting]
            ):
                return True
    return False
