"""The models a project's modules give a token counter of another module, for ML207 there.

QAnything's utils/general_utils.py defines `num_tokens(text, model="gpt-3.5-turbo-0613")`,
which asks `tiktoken.encoding_for_model(model)`; apply leaves that default (a token
counter's), and only other modules call the function (`num_tokens(text)` in local_doc_qa.py,
faiss_client.py, parse_pdf.py). The rules of general_utils.py see no call, so ML207 warned
that a provider's model may reach the lookup. A module defining such a counter
(`counters`: a top-level function handing a parameter with a string default straight to
`encoding_for_model`) has the other modules of its project that name the function read
again (`counter_calls`), and what each call gives the parameter goes into the project's facts
(`RunFacts.caller_models`, as a `CallerModel` with no owner), for ML207 in the module
defining it (`rules.tokenizer_models`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from typing import NamedTuple

from migrate_llm.caller_models import CallerModel
from migrate_llm.import_reach import imported_file
from migrate_llm.textio import python_tree

# a module larger than this is not read again
MAX_BYTES = 256 * 1024
_LOOKUP = b"encoding_for_model("


class Counter(NamedTuple):
    """A top-level function `function` of the module `module` (as `PythonContext.path`
    names it) handing its parameter `param` (at
    `position` among the positional parameters, -1 for a keyword-only one), whose default is
    the string `default`, as it is to `tiktoken.encoding_for_model()`."""

    module: str
    function: str
    param: str
    position: int
    default: str


def may_count(data: bytes) -> bool:
    """Whether a module's bytes may define a counter (`counters`)."""
    return _LOOKUP in data and b"def " in data


def counters(module: str, data: bytes) -> list[Counter]:
    """The token counters a module's bytes define (see `Counter`); none where it cannot be
    parsed."""
    tree = python_tree(data) if len(data) <= MAX_BYTES and may_count(data) else None
    if tree is None:
        return []
    found: list[Counter] = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        defaults = _string_defaults(node.args)
        looked_up = {
            call.args[0].id
            for call in ast.walk(node)
            if isinstance(call, ast.Call)
            and _named(call.func) == "encoding_for_model"
            and call.args
            and isinstance(call.args[0], ast.Name)
        }
        positional = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
        for param in sorted(looked_up & set(defaults)):
            position = positional.index(param) if param in positional else -1
            found.append(Counter(module, node.name, param, position, defaults[param]))
    return found


def _named(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _string_defaults(args: ast.arguments) -> dict[str, str]:
    """The parameters of a function whose default is a string, with it."""
    positional = [*args.posonlyargs, *args.args]
    pairs = list(
        zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
    )
    pairs += [
        (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
    ]
    return {
        a.arg: d.value for a, d in pairs if isinstance(d, ast.Constant) and isinstance(d.value, str)
    }


def may_name(data: bytes, functions: Mapping[str, list[Counter]]) -> bool:
    """Whether a module's bytes may name one of the counters' functions."""
    return any(name.encode() in data for name in functions)


def counter_calls(
    module: str,
    shown: str,
    data: bytes,
    defined: Mapping[str, list[Counter]],
    files: set[str],
) -> list[CallerModel]:
    """What the calls of a module's bytes give the counters of the project's other modules
    (`defined`: by the function's name; `files`: the project's modules): the string a call
    passes, the counter's default where it passes none, "" where it is not a string or is
    spread (`*args`, `**kwargs`). A counter's name the module uses
    otherwise (imported from elsewhere, through its module, `key=num_tokens`) gives one entry
    with "" for each counter so named: the warning stays where a call is not seen. A name
    the module binds itself (a variable `num_tokens`, a method `self.num_tokens(...)`) is
    not the counter."""
    named = [name for name in defined if _word(name).search(data) is not None]
    if not named:
        return []
    tree = python_tree(data) if len(data) <= MAX_BYTES else None
    if tree is None:
        return [_unknown(c, shown) for name in named for c in defined[name]]
    bound: dict[str, Counter] = {}  # by the name the module binds, the counter imported
    found: dict[CallerModel, None] = {}
    imported: set[str] = set()  # the names the module's imports bind
    calls: list[ast.Call] = []
    uses: list[ast.Name | ast.Attribute] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            calls.append(node)
        elif (isinstance(node, ast.Name) and node.id in named) or (
            isinstance(node, ast.Attribute) and node.attr in named
        ):
            uses.append(node)
        elif isinstance(node, ast.Import):
            imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                for counter in defined.get(alias.name, []):
                    target = imported_file(module, "." * node.level, node.module or "", files)
                    if target == {counter.module} and node in tree.body:
                        bound[alias.asname or alias.name] = counter
                    else:  # from elsewhere (a package re-exporting it?), or in a function
                        found[_unknown(counter, shown)] = None
    called: set[int] = set()
    for call in calls:
        if isinstance(call.func, ast.Name) and call.func.id in bound:
            called.add(id(call.func))
            found[_given(bound[call.func.id], call, shown)] = None
    for node in uses:
        if isinstance(node, ast.Name):
            if node.id in bound and id(node) not in called:  # `key=num_tokens`: not called
                found[_unknown(bound[node.id], shown)] = None
        elif _root(node.value) in imported:  # `general_utils.num_tokens(...)`
            found.update((_unknown(c, shown), None) for c in defined[node.attr])
    return list(found)


def _word(name: str) -> re.Pattern[bytes]:
    """`name` as a whole word."""
    return re.compile(rb"\b" + re.escape(name.encode()) + rb"\b")


def _root(node: ast.expr) -> str:
    """The name an attribute chain starts from (`a` of `a.b.c`), "" for another."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _given(counter: Counter, call: ast.Call, shown: str) -> CallerModel:
    """What `call` gives the counter's parameter."""
    value: ast.expr | None = None
    for keyword in call.keywords:
        if keyword.arg is None:
            return _unknown(counter, shown)  # a `**` spread may give it
        if keyword.arg == counter.param:
            value = keyword.value
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return _unknown(counter, shown)
        if index == counter.position:
            value = arg
    if value is None:
        text = counter.default
    elif isinstance(value, ast.Constant) and isinstance(value.value, str):
        text = value.value
    else:
        text = ""
    return CallerModel(counter.module, "", counter.function, counter.param, text, "", shown)


def _unknown(counter: Counter, shown: str) -> CallerModel:
    return CallerModel(counter.module, "", counter.function, counter.param, "", "", shown)
