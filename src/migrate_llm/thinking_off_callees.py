"""The functions of a project that turn thinking off in every chat request they make (ML117).

OpenManus builds its tool turns in app/agent/toolcall.py from what `self.llm.ask_tool(...,
tools=...)` answers; app/llm.py makes that request, and once a person turns thinking off for it
(`params["extra_body"] = {"thinking": {"type": "disabled"}}` before `create(**params)`) the
reply carries no reasoning to give back. ML117 reads toolcall.py alone, so it asked for the
reasoning there all the same (t52a). Where the run switches to a provider whose tool turns
need reply fields (`[params] tool_turn_fields`) and that names a switch turning thinking off
(`thinking_off_extra_body`), the modules building an OpenAI client of a project one of which
holds the switch's words (`may_turn_off`) are read again (`callees`), and their functions
making chat requests go into the project's facts (`RunFacts.thinking_off_callees`, where one
of them sends the switch) with whether every such request sends it: a call of a function of
that name the module does not trace is then quiet (`switched_off`), unless a function of
that name somewhere makes a request without it.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from migrate_llm.textio import python_tree

_EXTRA_BODY = "extra_body"
# the SDK's chat request methods: `client.chat.completions.create(...)`, `.parse(...)`
_REQUESTS = frozenset({"create", "parse"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# a module larger than this is not read again (its own rules still read it)
MAX_BYTES = 512 * 1024


class Callee(NamedTuple):
    """A function (a method too, by its own name) of a module that makes chat requests, and
    whether each of them sends the provider's switch turning thinking off."""

    name: str
    off: bool


def may_turn_off(data: bytes, switch: Mapping[str, object]) -> bool:
    """Whether a module's bytes may send the switch `switch`: they hold `extra_body` and each
    of its keys and string values."""
    return all(word.encode() in data for word in (_EXTRA_BODY, *_words(switch)))


def callees(data: bytes, switch: Mapping[str, object], always: Sequence[str]) -> list[Callee]:
    """The functions of a module's bytes making chat requests, each with whether every one
    of them turns thinking off (`_turns_off`); none where they cannot be parsed or are large.
    `always`: the globs of the provider's models that always think (no switch turns theirs
    off: `[params] always_thinking`)."""
    if len(data) > MAX_BYTES or b".completions" not in data:
        return []  # too large, or no chat request written as `...chat.completions.create`
    tree = python_tree(data)
    if tree is None:
        return []
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        requests = [n for n in _own_nodes(function) if isinstance(n, ast.Call) and _is_request(n)]
        if requests:
            off = all(_turns_off(function, r, switch, always) for r in requests)
            found.append(Callee(function.name, off))
    return found


def switched_off(known: frozenset[Callee], name: str) -> bool:
    """Whether the project's functions named `name` (`known`: `RunFacts.thinking_off_callees`)
    all turn thinking off in every chat request they make, one at least."""
    said = {callee.off for callee in known if callee.name == name}
    return said == {True}


def _words(value: object) -> Iterator[str]:
    """The keys and string values of a switch's entries, at any depth."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _words(item)
    elif isinstance(value, str):
        yield value


def _own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, not those of a function or class defined in it."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def _is_request(node: ast.Call) -> bool:
    """`<anything>.chat.completions.create(...)` (or `.parse`)."""
    if not isinstance(node.func, ast.Attribute):
        return False
    completions = node.func.value
    return (
        node.func.attr in _REQUESTS
        and isinstance(completions, ast.Attribute)
        and completions.attr == "completions"
        and isinstance(completions.value, ast.Attribute)
        and completions.value.attr == "chat"
    )


def _turns_off(
    function: ast.AST,
    call: ast.Call,
    switch: Mapping[str, object],
    always: Sequence[str],
) -> bool:
    """Whether a request sends the switch: its `extra_body=` a dict display holding it (or a
    name the function binds once to one), or the `"extra_body"` entry of a dict spread into it
    (`**params`) that the function binds once to a display holding that entry, or sets by
    subscript before the request in a block holding it (`params["extra_body"] = {...}`);
    not where its model is written as one that always thinks."""
    for keyword in call.keywords:
        if keyword.arg == "model" and isinstance(keyword.value, ast.Constant):
            model = keyword.value.value
            if isinstance(model, str) and any(fnmatch.fnmatchcase(model, g) for g in always):
                return False
    for keyword in call.keywords:
        if keyword.arg == _EXTRA_BODY:
            return _holds(_bound(function, keyword.value), switch)
    for keyword in call.keywords:
        if keyword.arg is None and isinstance(keyword.value, ast.Name):
            spread = keyword.value.id
            display = _bound(function, keyword.value)
            if isinstance(display, ast.Dict):
                for key, value in zip(display.keys, display.values, strict=True):
                    named = isinstance(key, ast.Constant) and key.value == _EXTRA_BODY
                    if named and _holds(_bound(function, value), switch):
                        return True
            if _set_before(function, call, spread, switch):
                return True
    return False


def _bound(function: ast.AST, value: ast.expr) -> ast.expr:
    """The value a name is bound to, where the function binds it once by a plain assignment
    (nothing else binds it there); else `value` itself."""
    if not isinstance(value, ast.Name):
        return value
    bound = [
        node
        for node in _own_nodes(function)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr))
        and any(isinstance(t, ast.Name) and t.id == value.id for t in _targets(node))
    ]
    if len(bound) == 1 and isinstance(bound[0], ast.Assign) and len(bound[0].targets) == 1:
        return bound[0].value
    return value


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return [t for target in node.targets for t in _flat(target)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
        return [node.target]
    return []


def _flat(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return [t for item in target.elts for t in _flat(item)]
    return [target]


def _holds(value: ast.expr, switch: Mapping[str, object]) -> bool:
    """Whether `value` is a literal dict holding each entry of the switch."""
    try:
        written = ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return isinstance(written, dict) and all(written.get(k) == v for k, v in switch.items())


def _set_before(function: ast.AST, call: ast.Call, name: str, switch: Mapping[str, object]) -> bool:
    """Whether a statement `name["extra_body"] = {...switch...}` comes before the statement
    holding `call` in a block of the function holding that statement, neither bound again
    nor set again in that block after it."""
    for block in _blocks(function):
        index = next((i for i, s in enumerate(block) if _holds_node(s, call)), None)
        if index is None:
            continue
        sent = False
        for statement in block[:index]:
            if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
                continue
            for target in _targets(statement):
                if isinstance(target, ast.Name) and target.id == name:
                    sent = False  # bound again: what it held before is gone
                elif _subscript_of(target, name) == _EXTRA_BODY:
                    value = statement.value
                    sent = value is not None and _holds(value, switch)
        if sent:
            return True
    return False


def _blocks(function: ast.AST) -> Iterator[list[ast.stmt]]:
    """The statement lists of the function's own body and of the blocks nested in it."""
    for node in [function, *_own_nodes(function)]:
        if isinstance(node, _SCOPES) and node is not function:
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block
        for handler in getattr(node, "handlers", ()):
            yield handler.body


def _holds_node(statement: ast.stmt, node: ast.AST) -> bool:
    return any(child is node for child in ast.walk(statement))


def _subscript_of(target: ast.expr, name: str) -> object:
    """`k` of `name["k"]`, else None."""
    if not isinstance(target, ast.Subscript) or not isinstance(target.value, ast.Name):
        return None
    if target.value.id != name or not isinstance(target.slice, ast.Constant):
        return None
    return target.slice.value
