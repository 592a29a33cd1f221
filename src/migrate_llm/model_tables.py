"""The tables keyed by OpenAI model that a project's modules bind at their top level, for the
modules importing them (ML204).

gpt_academic's request_llms/bridge_all.py binds `model_info = {"gpt-3.5-turbo": {...}, ...}`,
and crazy_functions/pdf_fns/breakdown_txt.py does `from request_llms.bridge_all import
model_info` inside `breakdown_text_to_satisfy_token_limit_(txt, limit,
llm_model="gpt-3.5-turbo")`, then `model_info[llm_model]`. Within one module ML204 leaves a
default that a lookup there would miss once mapped (`model_lookups`); the table in another
module it could not see, mapped the default, and every call raised KeyError. So a Python
module that may key a dict display by an OpenAI model (`may_key_models`) is marked while it
is screened (the bit of the config files' tables, `KEYS_OPENAI_MODEL`), read again where the
run switches provider (`model_tables`), and its tables go into its project's facts
(`RunFacts.model_tables`), for the modules importing one by name (`from pkg.mod import
TABLE`, also inside a function, also relatively: `model_lookups.imported_lookups`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from migrate_llm.textio import python_tree

# a quoted key of a dict display that may be an OpenAI model id with a hyphen (`"gpt-4o":`)
_MODEL_KEY = re.compile(
    rb"[\"'](?:gpt|o[1-9]|chatgpt|text-embedding|dall-e|whisper|tts|davinci|babbage|codex"
    rb"|omni-moderation|text-moderation|computer-use)-[\w.-]*[\"'][ \t]*:"
)
# a module larger than this is not read again (its own rules still see its tables)
MAX_BYTES = 512 * 1024


class ModelTable(NamedTuple):
    """A dict display keyed by strings, one of them an OpenAI model id, bound to `name` on
    `line` at the top level of the module `module` (its file name as the run found it, as
    `PythonContext.path` gives it; `shown`: as messages show it). `keys`: its keys, with
    those the module's top level adds by `name.update({...})` or `name["key"] = ...` (a key
    computed there adds nothing)."""

    module: str
    shown: str
    name: str
    line: int
    keys: tuple[str, ...]


def may_key_models(data: bytes) -> bool:
    """Whether a module's bytes may hold a dict display keyed by an OpenAI model id."""
    return _MODEL_KEY.search(data) is not None


def model_tables(
    module: str, shown: str, data: bytes, openai_model: Callable[[str], bool]
) -> list[ModelTable]:
    """The tables of a module's bytes (see `ModelTable`) with a key `openai_model` takes for
    an OpenAI model id; none where it cannot be read or parsed. A name its top level binds
    more than once holds no table (which one a lookup meets is not known here)."""
    if len(data) > MAX_BYTES:
        return []
    tree = python_tree(data)
    if tree is None:
        return []
    displays: dict[str, ast.Dict] = {}
    bound: dict[str, int] = {}
    added: dict[str, list[str]] = {}
    for node in _top_level(tree.body):
        for name, value in _bindings(node):
            bound[name] = bound.get(name, 0) + 1
            if isinstance(value, ast.Dict):
                displays[name] = value
        for name, key in _added_keys(node):
            added.setdefault(name, []).append(key)
    found = []
    for name, display in displays.items():
        keys = _string_keys(display.keys)
        if bound[name] != 1 or keys is None or not any(map(openai_model, keys)):
            continue
        keys += added.get(name, [])
        found.append(ModelTable(module, shown, name, display.lineno, tuple(dict.fromkeys(keys))))
    return found


def _top_level(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs at its top level: also those in its `if`, `for`,
    `while`, `with` and `try` blocks, not in a function or class."""
    for node in body:
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield from _top_level(block)
        for handler in getattr(node, "handlers", ()):
            yield from _top_level(handler.body)


def _bindings(node: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    """The names a statement binds, each with the value where one name is given it."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name):
                yield target.id, node.value if len(node.targets) == 1 else None
            else:
                yield from ((n, None) for n in _stored(target))
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        yield node.target.id, node.value if isinstance(node, ast.AnnAssign) else None
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name, None
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            yield (alias.asname or alias.name.split(".")[0]), None
    elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
        targets = (
            [node.target]
            if isinstance(node, (ast.For, ast.AsyncFor))
            else [i.optional_vars for i in node.items if i.optional_vars is not None]
        )
        for target in targets:
            yield from ((n, None) for n in _stored(target))


def _stored(target: ast.expr) -> list[str]:
    """The names a target (`a, b`, `x[i]`: none) binds."""
    return [
        n.id for n in ast.walk(target) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]


def _added_keys(node: ast.stmt) -> Iterator[tuple[str, str]]:
    """(table, key) for each string key a top-level statement adds to a table by name:
    `T.update({"k": v})`, `T.update(k=v)`, `T["k"] = v`."""
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        call = node.value
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "update"
            and isinstance(func.value, ast.Name)
        ):
            name = func.value.id
            for arg in call.args:
                if isinstance(arg, ast.Dict):
                    yield from ((name, k) for k in _string_keys(arg.keys, partial=True) or ())
            yield from ((name, k.arg) for k in call.keywords if k.arg)
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and isinstance(target.slice, ast.Constant)
                and isinstance(target.slice.value, str)
            ):
                yield target.value.id, target.slice.value


def _string_keys(keys: list[ast.expr | None], partial: bool = False) -> list[str] | None:
    """The keys of a dict display where all are string literals (with `partial`, those that
    are); None where one is not."""
    found = []
    for key in keys:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            found.append(key.value)
        elif not partial:
            return None
    return found
