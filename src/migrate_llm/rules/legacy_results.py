"""Rules about what openai<1.0 calls returned (dicts) and how tests replaced those calls."""

from __future__ import annotations

import functools
import itertools
import keyword
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import libcst as cst
from libcst.metadata import (
    Assignment,
    BaseAssignment,
    BuiltinAssignment,
)

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.rules.base import Example
from migrate_llm.rules.legacy import legacy_target, support_of, v1_call, v1_path
from migrate_llm.rules.passed_values import calls_passing, only_called
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.python_context import keyword as keyword_arg
from migrate_llm.rules.rewrite import requote

# v0 methods whose result is a response object (a dict in v0, a model or a page in v1).
_RESPONSE_METHODS = frozenset(
    {"create", "create_variation", "create_edit", "transcribe", "translate"}
    | {"list", "retrieve", "delete"}
)
# `.get("k", default)` with one of these defaults becomes `(x.k or default)`: for a falsy
# default, `or` gives what the v0 code meant (a missing or null field reads as the default).
_FALSY_LITERALS = frozenset({'""', "''", "0", "0.0", "False", "[]", "{}", "()"})
_BASE = "\0"  # stands for the text of a chain's base while its new text is built
_KEPT = "\1"  # around the number of an access kept while a chain's new text is built
# What an expression holds, as far as the module shows: a whole response (a call's result, a
# stream chunk), a part of one (`resp["choices"][0]`, a field's value), a list of whole
# responses (`await asyncio.gather(*(openai.ChatCompletion.acreate(...) ...))`), or a list
# of parts (`deltas = []` filled only by `deltas.append(chunk["choices"][0]["delta"])`).
_WHOLE, _PART, _LIST, _PARTS = "whole", "part", "list", "parts"
_ITEMS = {_LIST: _WHOLE, _PARTS: _PART}  # what one item of a list holds
_DEPTH = 6  # how many names, helpers and accesses a value is followed through
# What a response or a part of one is in openai>=1.0 (sdk.RESPONSE_*_FIELDS): an object, a
# list of objects, or a value (a string, a number, a list of them). A shape is that and the
# field it was read from ("" for a whole response): `("choices", _OBJECT)` is one choice.
_OBJECT, _OBJECTS, _VALUES = "object", "objects", "values"
_Shape = tuple[str, str]
_T = TypeVar("_T")
_TO_DICT = f".{sdk.RESPONSE_TO_DICT}()"
# `part.items()` and the like: a mapping's views, which iterate its keys.
_MAPPING_VIEWS = frozenset({"keys", "values", "items"})
# Builtins whose result does not depend on the order of a mapping's keys (`to_dict()` lists
# them in the order the SDK declares the fields, v0's dict in the API's).
_ORDERLESS = frozenset({"len", "sorted", "set", "frozenset"})
# Callees that take a part as the object itself (a type test, attribute access by name) or
# only show it: a part passed to them keeps no `.to_dict()`.
_NOT_AS_MAPPING = (
    frozenset({"isinstance", "issubclass", "type", "id", "callable", "vars"})
    | frozenset({"hasattr", "getattr", "setattr", "delattr", "str", "repr", "format"})
    | frozenset(name.rsplit(".", 1)[-1] for name in sdk.MESSAGE_FUNCTIONS)
    | sdk.MESSAGE_METHODS
)


@dataclass(frozen=True)
class _Step:
    """One access on a response: `["key"]` / `.get("key")` ("key", "get") or kept as is."""

    node: cst.BaseExpression  # the expression up to and including this access
    value: cst.BaseExpression  # what the access is applied to
    kind: str  # "key" | "get" | "keep"
    key: str = ""
    default: cst.BaseExpression | None = None


def _identifier(node: cst.BaseExpression) -> str | None:
    value = string_value(node)
    if value is None or not value.isidentifier() or keyword.iskeyword(value):
        return None
    return value


def _step(node: cst.BaseExpression, outermost: bool) -> _Step | None:
    """The access `node` makes on its value, or None when it is no plain access."""
    if getattr(node, "lpar", None) and not outermost:
        return None
    if isinstance(node, cst.Subscript):
        if len(node.slice) != 1 or node.slice[0].comma != cst.MaybeSentinel.DEFAULT:
            return None  # `x["k", 0]`, `x["k",]`: a tuple key
        index = node.slice[0].slice
        strings = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
        if isinstance(index, cst.Index) and isinstance(index.value, strings):
            key = _identifier(index.value)
            return _Step(node, node.value, "key", key) if key else None
        return _Step(node, node.value, "keep")  # a list index or slice
    if isinstance(node, cst.Attribute):
        return _Step(node, node.value, "keep")
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and not node.func.lpar
        and 1 <= len(node.args) <= 2
        and all(a.keyword is None and not a.star for a in node.args)
        and (key := _identifier(node.args[0].value)) is not None
    ):
        default = node.args[1].value if len(node.args) == 2 else None
        return _Step(node, node.func.value, "get", key, default)
    return None


def _filled(text: str, kept: list[tuple[str, str]], which: int) -> str:
    """`text` with the `which`th text (0: written, 1: shown) of each access kept in place
    of its marker."""
    for i, texts in enumerate(kept):
        text = text.replace(f"{_KEPT}{i}{_KEPT}", texts[which])
    return text


def _closed(text: str, at: int, parens: int) -> int:
    """The offset in `text` just past the `parens` closing parentheses that follow `at`
    (with only whitespace, comments and line continuations before them)."""
    while parens:
        if text[at] == "#":
            at = min(i for i in (text.find("\n", at), text.find("\r", at), len(text)) if i >= 0)
            continue
        parens -= text[at] == ")"
        at += 1
    return at


def _commented(step: _Step) -> bool:
    """Whether the text of an access itself (not of what it is applied to) holds a comment:
    `[  # why\n"k"\n]`."""
    stack = [c for c in step.node.children if c is not step.value]
    if isinstance(step.node, cst.Call):  # `.get(...)`: the dot and name of its callee
        func = cast("cst.Attribute", step.node.func)
        stack = [c for c in step.node.children if c is not func] + [func.dot, func.attr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Comment):
            return True
        stack.extend(node.children)
    return False


def _chain(node: cst.BaseExpression) -> tuple[cst.BaseExpression, list[_Step]]:
    """The innermost expression below a run of accesses, and the accesses, innermost first."""
    steps: list[_Step] = []
    while (step := _step(node, outermost=not steps)) is not None:
        steps.append(step)
        node = step.value
    return node, steps[::-1]


def _pure_access(step: _Step) -> bool:
    """Whether evaluating a kept access twice is harmless: `.x`, `[0]`, `[-1]`, `[i]`."""
    return not isinstance(step.node, cst.Subscript) or _indexes(step)


def _indexes(step: _Step) -> bool:
    """Whether an access picks one item of a list: `[0]`, `[-1]`, `[i]` (no slice)."""
    if not isinstance(step.node, cst.Subscript):
        return False
    index = step.node.slice[0].slice
    value = index.value if isinstance(index, cst.Index) else None
    if isinstance(value, cst.UnaryOperation):
        value = value.expression
    return isinstance(value, (cst.Integer, cst.Name))


def _keyed(step: _Step) -> bool:
    """Whether a kept access subscripts with a computed key (`[k]`, `[names[0]]`): on a
    mapping it looks a key up, on a list it picks an item."""
    if step.kind != "keep" or not isinstance(step.node, cst.Subscript):
        return False
    index = step.node.slice[0].slice
    return isinstance(index, cst.Index) and not _int_literal(index.value)


def _int_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.UnaryOperation):
        node = node.expression
    return isinstance(node, cst.Integer)


def _field(shape: _Shape | None, key: str) -> _Shape | None:
    """What field `key` of a response part holds in v1, by its name (None: a field the SDK
    does not declare); `shape` is the part the field is read from."""
    if key in sdk.RESPONSE_OBJECT_FIELDS:
        return key, _OBJECT
    if key in sdk.RESPONSE_OBJECT_LIST_FIELDS:
        return key, _OBJECTS
    holder = sdk.RESPONSE_OBJECT_FIELDS_UNDER.get(key)
    if holder is not None and shape == (holder, _OBJECT):
        return key, _OBJECT
    return (key, _VALUES) if key in sdk.RESPONSE_FIELDS else None


def _after(shape: _Shape | None, step: _Step) -> _Shape | None:
    """What a part holds in v1 once `step` is applied to one of `shape`."""
    if step.default is not None:
        return None  # the field's value or the default
    if step.kind != "keep":
        return _field(shape, step.key)
    if isinstance(step.node, cst.Attribute):
        return _field(shape, step.node.attr.value)
    if shape is None or shape[1] == _OBJECT:
        return None
    if isinstance(cast("cst.Subscript", step.node).slice[0].slice, cst.Slice):
        return shape
    return _item(shape)


def _item(shape: _Shape | None) -> _Shape | None:
    """What one item of a list of `shape` holds (None for an object: iterating a mapping
    gives its keys)."""
    if shape is None or shape[1] == _OBJECT:
        return None
    return shape[0], _OBJECT if shape[1] == _OBJECTS else _VALUES


def _joined(shapes: list[_Shape | None]) -> _Shape | None:
    """The shape of a value that may hold any of `shapes`."""
    if not shapes or None in shapes:
        return None
    kinds = {shape[1] for shape in shapes if shape is not None}
    fields = {shape[0] for shape in shapes if shape is not None}
    if len(kinds) != 1:
        return None
    return (fields.pop() if len(fields) == 1 else ""), kinds.pop()


# `isinstance(x, T)` with one of these (or a tuple holding one) shows `x` is read as a dict.
_MAPPING_TYPES = frozenset({"dict", "Mapping", "MutableMapping"})


def _dict_tests(test: cst.BaseExpression, holds: bool = True) -> list[cst.BaseExpression]:
    """The `x` of each `isinstance(x, dict)` (or `Mapping`) that `test` shows held when it
    evaluates to `holds`: through `not`, both sides of an `and` that held, of an `or` that
    did not."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _dict_tests(test.expression, not holds)
    if isinstance(test, cst.BooleanOperation):
        if isinstance(test.operator, cst.And if holds else cst.Or):
            return _dict_tests(test.left, holds) + _dict_tests(test.right, holds)
        return []
    if not (
        holds
        and isinstance(test, cst.Call)
        and isinstance(test.func, cst.Name)
        and test.func.value == "isinstance"
        and len(test.args) == 2
    ):
        return []
    types = test.args[1].value
    names = [e.value for e in types.elements] if isinstance(types, cst.Tuple) else [types]
    if any(last_name(n) in _MAPPING_TYPES for n in names):
        return [test.args[0].value]
    return []


def _branch_guards(node: cst.CSTNode) -> list[tuple[cst.BaseExpression, cst.CSTNode]]:
    """(x, the part of `node` that runs only where `isinstance(x, dict)` held): the body or
    the `else` of an `if` or a conditional expression, the right of an `and` or an `or`."""
    if isinstance(node, (cst.If, cst.IfExp)):
        parts = [(node.test, True, node.body), (node.test, False, node.orelse)]
    elif isinstance(node, cst.BooleanOperation):
        parts = [(node.left, isinstance(node.operator, cst.And), node.right)]
    else:
        return []
    return [
        (x, part)
        for test, holds, part in parts
        if part is not None
        for x in _dict_tests(test, holds)
    ]


def _later_guards(statement: cst.CSTNode) -> list[cst.BaseExpression]:
    """The `x` that the statements after `statement` run only where `isinstance(x, dict)`
    held for, or with `x` a dict: `assert isinstance(x, dict)`, `if not isinstance(x, dict):
    return ...` (a branch that leaves the block), `if not isinstance(x, dict): x = x.dict()`
    (a branch that makes `x` a dict of itself)."""
    if isinstance(statement, cst.SimpleStatementLine):
        return [x for s in statement.body if isinstance(s, cst.Assert) for x in _dict_tests(s.test)]
    if not isinstance(statement, cst.If):
        return []
    if _leaves(statement.body):
        return _dict_tests(statement.test, holds=False)
    if isinstance(statement.orelse, cst.Else) and _leaves(statement.orelse.body):
        return _dict_tests(statement.test)
    if statement.orelse is None:
        made = _made_dict(statement.body)
        return [x for x in _dict_tests(statement.test, holds=False) if _same_name(x, made)]
    return []


def _made_dict(block: cst.BaseSuite) -> cst.Name | None:
    """`x` where `block` ends in `x = x.dict()` (or `model_dump()`, `to_dict()`: see
    `sdk.RESPONSE_DICT_METHODS`) or `x = dict(x)`."""
    last: cst.CSTNode = block.body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    if not (
        isinstance(last, cst.Assign)
        and len(last.targets) == 1
        and isinstance(last.targets[0].target, cst.Name)
        and isinstance(last.value, cst.Call)
    ):
        return None
    target, call = last.targets[0].target, last.value
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in sdk.RESPONSE_DICT_METHODS:
        made = func.value
    elif isinstance(func, cst.Name) and func.value == "dict" and len(call.args) == 1:
        made = call.args[0].value
    else:
        return None
    return target if _same_name(made, target) else None


def _same_name(a: cst.CSTNode | None, b: cst.CSTNode | None) -> bool:
    return isinstance(a, cst.Name) and isinstance(b, cst.Name) and a.value == b.value


def _leaves(block: cst.BaseSuite) -> bool:
    """Whether `block` ends in `return`, `raise`, `continue` or `break`."""
    last: cst.CSTNode = block.body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue, cst.Break))


NULL_HAS_NO_DICT = "; a part the API sent as null has no to_dict()"


def _to_dict_or_none(expr: str) -> str:
    """`(x.to_dict() if x is not None else None)`: a part the API sent as null is None."""
    return f"({expr}{_TO_DICT} if {expr} is not None else None)"


def _slices(step: _Step) -> bool:
    """Whether an access takes a slice of a list: `[a:b]`."""
    node = step.node
    return isinstance(node, cst.Subscript) and isinstance(node.slice[0].slice, cst.Slice)


def _combined(kinds: list[str | None]) -> str | None:
    """What a name (or a helper's result) holds when it may hold any of `kinds`."""
    if not kinds or None in kinds:
        return None
    if len(set(kinds)) == 1:
        return kinds[0]
    return None if _LIST in kinds or _PARTS in kinds else _PART


def _returns(function: cst.FunctionDef) -> list[cst.BaseExpression] | None:
    """The values a function's `return`s give (not those of nested functions); None for a
    generator or a bare `return`."""
    values: list[cst.BaseExpression] = []
    bare: list[cst.CSTNode] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            if node.value is None:
                bare.append(node)
            else:
                values.append(node.value)

        def visit_Yield(self, node: cst.Yield) -> None:
            bare.append(node)

    function.visit(Returns())
    return None if bare else values


def _plain_target(statement: cst.CSTNode) -> cst.Name | None:
    """`x` of a statement `x = value` (one target, a name)."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    assign = statement.body[0]
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    return target if isinstance(target, cst.Name) else None


def _names_in(node: cst.CSTNode) -> set[str]:
    """The names `node` holds anywhere inside it."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        stack.extend(current.children)
    return found


def _assigns_first(branch: cst.If, name: str) -> bool:
    """Whether `if`/`elif`/`else` never reads `name` before each of its branches assigns it
    (`name = value` at the branch's top level, `value` not reading it), and ends in `else`."""
    if name in _names_in(branch.test) or not _block_assigns_first(branch.body, name):
        return False
    rest = branch.orelse
    if isinstance(rest, cst.If):
        return _assigns_first(rest, name)
    return rest is not None and _block_assigns_first(rest.body, name)


def _block_assigns_first(block: cst.BaseSuite, name: str) -> bool:
    for statement in block.body:
        target = _plain_target(statement)
        if target is not None and target.value == name:
            assign = cast("cst.SimpleStatementLine", statement).body[0]
            return name not in _names_in(cast("cst.Assign", assign).value)
        if name in _names_in(statement):
            return False
    return False


def _single_node(bindings: list[BaseAssignment]) -> cst.CSTNode | None:
    """The node of a name's one binding (a function, an assigned name), else None."""
    if len(bindings) != 1 or not isinstance(bindings[0], Assignment):
        return None
    return bindings[0].node


def ctx_name(node: cst.CSTNode) -> str | None:
    return cst.helpers.get_full_name_for_node(node)


class LegacyResponse(PythonRule):
    """A dict access on a response of the openai<1.0 API (`resp["choices"][0]`).

    ## What it does
    Finds subscripts and `.get()` on what an openai<1.0 call returned: chained on the call
    (`openai.Embedding.create(...)["data"][0]["embedding"]`), on a name every assignment of
    which is such a call or a part of its result (`resp = openai.ChatCompletion.create(...)`,
    `choice = resp["choices"][0]`, the same call in both branches of an `if`; the value of
    an assignment outside a loop reads the bindings before it: in `models = [m["id"] for m
    in models["data"]]`, `models` is the response), on the target
    of a `for` over such a call or name (stream chunks), and on the items of a `for` over a
    field (`for item in resp["data"]`), in comprehensions too; on the items of a list that
    only `.append()` fills, with responses or parts of them (`deltas = []`,
    `deltas.append(chunk["choices"][0]["delta"])`, then `for d in deltas`), or `.extend()`
    with a list field (`choices.extend(resp["choices"])`, as early LangChain gathered its
    batches), read by loops, items and slices (a list used in any other way may hold
    anything); and on what a coroutine kept in a name gives when it
    is awaited later (`c = openai.ChatCompletion.acreate(...)`, `async for chunk in await
    c`). The flow is followed through
    a function of the same module each `return` of which gives a response (`def ask(q):
    return openai.ChatCompletion.create(...)`, then `r = ask(q)`; `self._complete(...)` when
    one class of the module defines `_complete`), into a parameter of a function of the
    module that each of its calls passes a response (`def text(r): return r["choices"]...`,
    then `text(resp)`: where one passes something else, or the function is used as a value,
    it holds one on some paths, below; once migrated, `check` reports it the same), through
    `await asyncio.gather(...)` over `acreate` calls (`results[0]`, `for r in results`,
    `a, b = await asyncio.gather(...)`) and `asyncio.run(...)` of such a coroutine.
    Also finds a part that is an object in v1 read as a mapping (`usage[k]`, `for k in
    usage`, `"k" in delta`, `f(message)`), `json.dumps(resp)` / `json.dump(resp, f)`,
    `dict(resp)`, `resp.to_dict_recursive()`, `str(resp)` / `print(resp)` / `f"{resp}"`,
    `from openai.openai_object import OpenAIObject`, and what openai<1.0 set on a response
    beside the API's fields (`resp.response_ms`, `resp.organization`, ...), on the result of
    a request before and after its migration.

    ## Why
    openai<1.0 returned dict subclasses; openai>=1.0 returns typed objects, which cannot be
    subscripted (`TypeError: 'ChatCompletion' object is not subscriptable`), are not JSON
    serialisable, and have no `to_dict_recursive()`; `dict()` of one lists every declared
    field (None when unset) with objects inside. `openai.openai_object` is gone
    (`ModuleNotFoundError`).

    ## Fix
    `apply` turns string keys into attributes and keeps list indexes:
    `resp["choices"][0]["message"]["content"]` -> `resp.choices[0].message.content`.
    `.get("k")` becomes `.k` (v1 objects declare every documented field, None when absent);
    `.get("k", "")` with a falsy literal default (`""`, `0`, `False`, `[]`, `{}`, `()`)
    becomes `(x.k or "")`, which also covers the null `content` of the last stream chunk;
    any other default becomes `(x.k if x.k is not None else default)` when `x` is a plain
    name and subscripts of it, and is left to you otherwise. A chain split over lines (black
    breaks a long one inside its brackets: `...create(...)[\n"data"\n][0]`) is written on one
    line and wrapped again where it is too long; an index that holds a comment keeps its
    lines, and a key whose brackets hold one is left to you (the rewrite would drop it). A
    key with a trailing comma (`resp["data",]`) is a tuple and is left as it is.

    A part that is an object in v1 (the response, `usage`, a choice's `message`, `delta`,
    `function_call`, `logprobs`, `categories`, ...; lists such as `choices` and `data`, and
    strings, keep a computed index; the tables are `RESPONSE_*_FIELDS` in
    `migrate_llm.openai_sdk`) that v0 code reads as a mapping gets `.to_dict()`, the dict v0
    held, and what follows stays dict access: `resp["usage"][k]` ->
    `resp.usage.to_dict()[k]`, `["hate/threatening"]` on `categories`, `"content" in
    delta.to_dict()`, safe (the keys are the ones the API sent); a loop over it, `.items()`,
    `*`/`**`, and passing it to a function (`keys.intersection(resp.usage.to_dict())`; not to
    `print()`, `str()`, `isinstance()`, `getattr()`, which take the object) are for review:
    the keys come in the order the SDK declares them, the callee may read attributes, and a
    part the API sent as null has no `to_dict()` (one read with `.get("k")`, which expects
    null, is passed as `(x.k.to_dict() if x.k is not None else None)`: early LangChain's
    `logprobs`); `len()`, `sorted()`, `set()` of it are safe. A whole response gets it for
    a key and `in` only (a loop over one walks a stream).
    Where the kind of the part is unknown, a computed index is kept and `"k" in resp[...]` is
    left to you (the access is not rewritten either), and reported after the migration too,
    as in code written for openai>=1.0 (vanna's `if "text" in choice: return choice.text`):
    `in` on a v1 object is always False, and the advice is `"k" in x.to_dict()`, the fields the
    server sent as v0's dict held them; not `x.k is not None`, which raises AttributeError
    where the SDK declares no such field (a chat choice's `text`). `in` on a field that is a
    string or a list in v1, directly or through a name bound to it (`text =
    r.choices[0].message.content`, then `"TOOL:" in text`), tests a substring or an item, as
    in v0, and is not reported.
    Not reported either: an access after an attribute no v1
    response declares (`d.refs.get("docs")`: a field a compatible server adds is the plain
    dict the JSON held) and one in code that runs only where `isinstance(x, dict)` (or
    `Mapping`) held, as a client of the program's own may give dicts: a branch of an `if` or
    a conditional expression (the `else` of `not isinstance(...)` too), the right of an
    `and` / `or`, what follows `if not isinstance(x, dict): return ...` or an `assert`, and
    what follows `if not isinstance(x, dict): x = x.dict()` (`model_dump()`, `to_dict()`,
    `dict(x)`), where `x` is a dict on both paths (Langchain-Chatchat's stream, which the
    attribute form would have broken).

    A value that holds a response on some paths only (a name bound to a call in one branch
    and to something else in another, a helper that may return a cached dict,
    `asyncio.gather(..., return_exceptions=True)`) is reported with the attribute form to
    write where it holds a response, and not rewritten. A placeholder (`response = {}`) that
    every branch of the `if`/`else` right after it overwrites before reading it is not such
    a value, nor is a binding further down the same function, outside loops, nor one in a
    block that does not hold the read and returns below the binding (`if other: r =
    requests.post(...)` then `return r.json()`: no path from it reaches the read; not
    inside a `try`, whose handler may run after an error on the way, a loop, which a
    `break` or `continue` may leave for the read, or a `with`, whose context manager may
    swallow an error). A name bound
    only to v1 responses and read as a dict in code for openai>=1.0 gets the same fix.

    `resp.to_dict_recursive()` and `dict(resp)` become `resp.to_dict()` (openai>=1.17: the
    fields the API sent, under its names, the dict v0 held; `model_dump()` would add every
    unset field as None); `json.dumps(resp)` becomes `json.dumps(resp.to_dict())`, for review
    unless `sort_keys=True`: the keys come in the order the SDK declares them. `resp.to_dict()`
    works in both and is left alone. `str(resp)`, `print(resp)` and `f"{resp}"` showed the JSON
    of the response, sorted and indented; they get `json.dumps(resp.to_dict(), sort_keys=True,
    indent=2)`, the same text (a v1 object prints as `ChatCompletion(id=...)`); `f"{resp!r}"`
    and a format spec are left to you.
    `from openai.openai_object import OpenAIObject` becomes
    `from openai import BaseModel as OpenAIObject` when the name is only used in
    `isinstance()`/`issubclass()` and annotations (every v1 response and part of one is an
    `openai.BaseModel`; a stream is not, as a v0 stream was a generator); any other use
    (`OpenAIObject.construct_from(...)`) is left to you, with the lines.
    `resp.response_ms` (the milliseconds OpenAI took, from a header) and the request's own
    settings v0 kept on the response have no v1 counterpart on it: they are left to you
    (time the request yourself; take the settings from where the client is configured), and
    `check` reports them after the migration too.
    """

    code = "ML305"
    name = "legacy-response"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n'
            'print(r["choices"][0]["message"]["content"])\n',
            message="openai 1.0 returns objects, not dicts; write r.choices[0].message.content",
            provider="openai",
            after='import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=m)\n'
            "print(r.choices[0].message.content)\n",
        ),
        Example(
            "import openai\n\n\ndef embed(text):\n"
            '    return openai.Embedding.create(input=[text], model="text-embedding-ada-002")[\n'
            '        "data"\n    ][0]["embedding"]\n',
            message="openai 1.0 returns objects, not dicts; write "
            "client.embeddings.create(...).data[0].embedding",
            provider="acme",
            after="import openai\n\n\ndef embed(text):\n    return (\n"
            '        openai.Embedding.create(input=[text], model="text-embedding-ada-002")\n'
            "        .data[0]\n        .embedding\n    )\n",
        ),
        Example(
            "import openai\n\ndef stream(m):\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            '        yield chunk["choices"][0]["delta"].get("content", "")\n',
            provider="acme",
            after="import openai\n\ndef stream(m):\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            '        yield (chunk.choices[0].delta.content or "")\n',
        ),
        Example(
            "import openai\n\ndef reply(m):\n    deltas = []\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            '        deltas.append(chunk["choices"][0]["delta"])\n'
            '    return "".join(d.get("content", "") for d in deltas)\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts; write chunk.choices[0].delta",
            after="import openai\n\ndef reply(m):\n    deltas = []\n"
            '    for chunk in openai.ChatCompletion.create(model="gpt-4", messages=m, '
            "stream=True):\n"
            "        deltas.append(chunk.choices[0].delta)\n"
            '    return "".join((d.content or "") for d in deltas)\n',
        ),
        Example(
            "import openai\n\nclient = openai.OpenAI()\n\ndef deltas(m):\n"
            '    for chunk in client.chat.completions.create(model="gpt-4o", messages=m, '
            "stream=True):\n"
            "        if not isinstance(chunk, dict):\n"
            "            chunk = chunk.model_dump()\n"
            '        yield chunk["choices"][0]["delta"]\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import openai\n\nclient = openai.OpenAI()\n\ndef deltas(m):\n"
            '    for chunk in client.chat.completions.create(model="gpt-4o", messages=m, '
            "stream=True):\n"
            "        if not isinstance(chunk, dict):\n"
            "            log(chunk)\n"
            '        yield chunk["choices"][0]["delta"]\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts; write chunk.choices[0].delta",
        ),
        Example(
            'import openai\nv = openai.Embedding.create(input=["x"])["data"][0]["embedding"]\n',
            message="openai 1.0 returns objects, not dicts; write "
            "client.embeddings.create(...).data[0].embedding",
        ),
        Example(
            "import json\nimport openai\n\ndef ask(q):\n"
            '    return openai.ChatCompletion.create(model="gpt-4", messages=q)\n\n'
            "def main():\n"
            "    r = ask([])\n"
            '    return r["choices"][0]["message"]["content"], json.dumps(r, sort_keys=True)\n',
            provider="acme",
            after="import json\nimport openai\n\ndef ask(q):\n"
            '    return openai.ChatCompletion.create(model="gpt-4", messages=q)\n\n'
            "def main():\n"
            "    r = ask([])\n"
            "    return r.choices[0].message.content, json.dumps(r.to_dict(), sort_keys=True)\n",
        ),
        Example(
            "import asyncio\nimport openai\n\nasync def many(qs):\n"
            "    results = await asyncio.gather(\n"
            '        *[openai.ChatCompletion.acreate(model="gpt-4", messages=q) for q in qs]\n'
            "    )\n"
            '    return [r["choices"][0]["message"]["content"] for r in results]\n',
            provider="acme",
            after="import asyncio\nimport openai\n\nasync def many(qs):\n"
            "    results = await asyncio.gather(\n"
            '        *[openai.ChatCompletion.acreate(model="gpt-4", messages=q) for q in qs]\n'
            "    )\n"
            "    return [r.choices[0].message.content for r in results]\n",
        ),
        Example(
            "import openai\n\ndef ask(q, cache):\n"
            "    if q in cache:\n        r = cache[q]\n    else:\n"
            '        r = openai.Completion.create(model="m", prompt=q)\n'
            '    return r["choices"][0]["text"]\n',
            message="openai 1.0 returns objects, not dicts, and r holds one only on some paths "
            "(a response comes from line 7); where it holds a response, write "
            "r.choices[0].text",
            provider="acme",
        ),
        Example(
            "import openai\n\ndef embed(texts, deployment):\n    response = {}\n"
            "    if deployment is None:\n"
            '        response = openai.Embedding.create(input=texts, model="m")\n'
            "    else:\n"
            "        response = openai.Embedding.create(input=texts, deployment_id=deployment)\n"
            '    return [d["embedding"] for d in response["data"]]\n',
            provider="acme",
            after="import openai\n\ndef embed(texts, deployment):\n    response = {}\n"
            "    if deployment is None:\n"
            '        response = openai.Embedding.create(input=texts, model="m")\n'
            "    else:\n"
            "        response = openai.Embedding.create(input=texts, deployment_id=deployment)\n"
            "    return [d.embedding for d in response.data]\n",
        ),
        # t65a: gpt-author's branch binding the name to another service's reply returns
        # before the reads; the helper is called twice with the response
        Example(
            "import openai\nimport requests\n\ndef cost(r):\n"
            '    return r["usage"]["total_tokens"]\n\n'
            "def ask(q, other):\n    if other:\n"
            '        r = requests.post("https://other.example/v1", json={"q": q})\n'
            '        return r.json()["text"]\n'
            '    r = openai.ChatCompletion.create(model="m", messages=q)\n'
            "    cost(r)\n    print(q)\n    cost(r)\n"
            '    return r["choices"][0]["message"]["content"]\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts; write r.usage.total_tokens",
            after="import openai\nimport requests\n\ndef cost(r):\n"
            "    return r.usage.total_tokens\n\n"
            "def ask(q, other):\n    if other:\n"
            '        r = requests.post("https://other.example/v1", json={"q": q})\n'
            '        return r.json()["text"]\n'
            '    r = openai.ChatCompletion.create(model="m", messages=q)\n'
            "    cost(r)\n    print(q)\n    cost(r)\n"
            "    return r.choices[0].message.content\n",
        ),
        # inside a `try`, an error on the way to the `return` may reach the handler's read
        Example(
            "import openai\nimport requests\n\ndef ask(q, other):\n    try:\n"
            "        if other:\n"
            '            r = requests.post("https://other.example/v1", json={"q": q})\n'
            '            return r.json()["text"]\n'
            '        r = openai.ChatCompletion.create(model="m", messages=q)\n'
            "    except ValueError:\n"
            '        return r["choices"][0]["message"]["content"]\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts, and r holds one only on some paths "
            "(a response comes from line 9); where it holds a response, write "
            "r.choices[0].message.content",
        ),
        # in a loop, a `break` on the way to the `return` leaves the block for the read
        Example(
            "import openai\nimport requests\n\ndef ask(q, urls):\n    for url in urls:\n"
            "        if url:\n"
            '            r = requests.post(url, json={"q": q}).json()\n'
            "            if r:\n                break\n"
            "            return None\n"
            '        r = openai.ChatCompletion.create(model="m", messages=q)\n'
            '    return r["choices"][0]["message"]["content"]\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts, and r holds one only on some paths "
            "(a response comes from line 11); where it holds a response, write "
            "r.choices[0].message.content",
        ),
        Example(
            "from openai.openai_object import OpenAIObject\n\n"
            "def is_reply(x):\n    return isinstance(x, OpenAIObject)\n",
            provider="acme",
            message="openai.openai_object was removed in openai 1.0 (ModuleNotFoundError); "
            "isinstance() tests what v1 responses are: openai.BaseModel (from openai import "
            "BaseModel as OpenAIObject)",
            after="from openai import BaseModel as OpenAIObject\n\n"
            "def is_reply(x):\n    return isinstance(x, OpenAIObject)\n",
        ),
        Example(
            'import openai\n\ndef log(m):\n    r = openai.ChatCompletion.create(model="m", '
            'messages=m)\n    print(f"reply: {r}")\n',
            provider="acme",
            message="openai 1.0 formats a response as `ChatCompletion(id=...)`, not as the JSON "
            "openai<1.0 showed; write {json.dumps(r.to_dict(), sort_keys=True, indent=2)}",
            after="import json\n\nimport openai\n\ndef log(m):\n"
            '    r = openai.ChatCompletion.create(model="m", messages=m)\n'
            '    print(f"reply: {json.dumps(r.to_dict(), sort_keys=True, indent=2)}")\n',
        ),
        # t64d: the handler's retry bound `r` again; its str() reads that response only
        Example(
            "import json\n\nimport openai\n\ndef ask(m):\n    try:\n"
            '        r = openai.ChatCompletion.create(model="m", messages=m)\n'
            "        r = json.loads(str(r))\n    except ValueError:\n"
            '        r = openai.ChatCompletion.create(model="n", messages=m)\n'
            "        r = json.loads(str(r))\n    return r\n",
            provider="acme",
            message="openai 1.0 shows a response as `ChatCompletion(id=...)`, not as the JSON "
            "str() gave in openai<1.0; write json.dumps(r.to_dict(), sort_keys=True, indent=2)",
            after="import json\n\nimport openai\n\ndef ask(m):\n    try:\n"
            '        r = openai.ChatCompletion.create(model="m", messages=m)\n'
            "        r = json.loads(json.dumps(r.to_dict(), sort_keys=True, indent=2))\n"
            "    except ValueError:\n"
            '        r = openai.ChatCompletion.create(model="n", messages=m)\n'
            "        r = json.loads(json.dumps(r.to_dict(), sort_keys=True, indent=2))\n"
            "    return r\n",
        ),
        # code an earlier apply left: a v1 response's text is not JSON
        Example(
            "import json\nfrom json import loads\n\nfrom openai import OpenAI\n\n"
            "client = OpenAI()\n\n\ndef ask(m):\n"
            '    r = client.chat.completions.create(model="m", messages=m)\n'
            "    return loads(str(r))\n",
            provider="acme",
            message="openai 1.0 shows a response as `ChatCompletion(id=...)`, which is not JSON "
            "(json.loads() raises JSONDecodeError); write json.dumps(r.to_dict(), "
            "sort_keys=True, indent=2)",
            after="import json\nfrom json import loads\n\nfrom openai import OpenAI\n\n"
            "client = OpenAI()\n\n\ndef ask(m):\n"
            '    r = client.chat.completions.create(model="m", messages=m)\n'
            "    return loads(json.dumps(r.to_dict(), sort_keys=True, indent=2))\n",
        ),
        # a name holding a response on one path only: reported, left to a person
        Example(
            "import json\n\nimport openai\n\ndef ask(m, cached):\n    if cached:\n"
            "        r = cached\n    else:\n"
            '        r = openai.ChatCompletion.create(model="m", messages=m)\n'
            "    return json.loads(str(r))\n",
            provider="acme",
            message="openai 1.0 shows a response as `ChatCompletion(id=...)`, not as the JSON "
            "str() gave in openai<1.0; write json.dumps(r.to_dict(), sort_keys=True, indent=2) "
            "where r holds one (r holds one only on some paths: a response comes from line 9)",
            after="import json\n\nimport openai\n\ndef ask(m, cached):\n    if cached:\n"
            "        r = cached\n    else:\n"
            '        r = openai.ChatCompletion.create(model="m", messages=m)\n'
            "    return json.loads(str(r))\n",
        ),
        Example(
            "import openai\n\ndef ask(m):\n"
            '    r = openai.ChatCompletion.create(model="m", messages=m)\n'
            '    print("took", r.response_ms / 1000.0)\n',
            provider="acme",
            message="openai 1.0 responses have no response_ms: openai<1.0 set it to the "
            "milliseconds OpenAI took, from its openai-processing-ms header; time the request "
            "yourself (time.perf_counter() before and after it)",
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(m):\n"
            "    if m:\n"
            '        r = client.chat.completions.create(model="m", messages=m)\n'
            "    else:\n"
            '        r = client.chat.completions.create(model="m", messages=[])\n'
            "    return r.choices[0].message.content, r.organization\n",
            provider="acme",
            message="openai 1.0 responses have no organization: openai<1.0 set it to the "
            "organization the request was sent for; take it from where the client is "
            "configured",
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\nr = client.models.retrieve('m')\n"
            "timing = {'response_ms': 1}\n"
            "print(r.id, timing['response_ms'], client.organization)\n",
            finds=False,
            provider="acme",
        ),
        Example(
            "import openai\nresp = {'choices': [{'text': 'x'}]}\nprint(resp['choices'][0])\n",
            finds=False,
            provider="acme",
        ),
        Example(
            "import openai\n\ndef tokens(p, k):\n"
            '    r = openai.Completion.create(model="m", prompt=p)\n'
            '    return r["usage"][k]\n',
            provider="acme",
            message="openai 1.0 returns objects, not dicts; write r.usage.to_dict()[k]",
            after="import openai\n\ndef tokens(p, k):\n"
            '    r = openai.Completion.create(model="m", prompt=p)\n'
            "    return r.usage.to_dict()[k]\n",
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\ndef refs(m, stream):\n"
            "    if stream:\n"
            '        for d in client.chat.completions.create(model="m", messages=m, stream=True):\n'
            '            print(d.refs.get("docs", []))\n'
            "    else:\n"
            '        d = client.chat.completions.create(model="m", messages=m)\n',
            finds=False,
            provider="acme",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.done: set[int] = set()
        self.enabled = ctx.index.uses_legacy
        self._helpers: dict[int, str | None] = {}
        self._kinds: dict[int, str | None] = {}
        self._shapes: dict[int, _Shape | None] = {}
        # `_following_v1` follows values from openai>=1.0 calls with the same machinery
        self._v1 = False
        self._v1_memos: tuple[
            dict[int, str | None], dict[int, str | None], dict[int, _Shape | None]
        ] = ({}, {}, {})

    @functools.cached_property
    def loop_targets(self) -> dict[int, cst.BaseExpression]:
        """id(name bound by a `for` or a comprehension) -> what it iterates over."""
        found: dict[int, cst.BaseExpression] = {}

        class Loops(cst.CSTVisitor):
            def visit_For(self, node: cst.For) -> None:
                if isinstance(node.target, cst.Name):
                    found[id(node.target)] = node.iter

            def visit_CompFor(self, node: cst.CompFor) -> None:
                if isinstance(node.target, cst.Name):
                    found[id(node.target)] = node.iter

        self.ctx.module.visit(Loops())
        return found

    @functools.cached_property
    def unpacked(self) -> dict[int, cst.BaseExpression]:
        """id(name bound by `a, b = value`) -> the value unpacked (no starred targets)."""
        found: dict[int, cst.BaseExpression] = {}

        class Unpacking(cst.CSTVisitor):
            def visit_Assign(self, node: cst.Assign) -> None:
                for target in node.targets:
                    inner = target.target
                    if isinstance(inner, (cst.Tuple, cst.List)) and all(
                        isinstance(e, cst.Element) and isinstance(e.value, cst.Name)
                        for e in inner.elements
                    ):
                        for element in inner.elements:
                            found[id(element.value)] = node.value

        self.ctx.module.visit(Unpacking())
        return found

    def _call(self, node: cst.BaseExpression, awaited: bool) -> tuple[str, str] | None:
        """(Resource, method) when `node` is an openai<1.0 call returning a response (in
        `_v1` mode, an openai>=1.0 call: (its surface, its method))."""
        if not isinstance(node, cst.Call):
            return None
        if self._v1:
            info = self.ctx.sdk_call(node)
            if info is None or info.kind not in ("client", "module"):
                return None
            is_async = info.client is not None and info.client.is_async
            if info.method not in _RESPONSE_METHODS or is_async != awaited:
                return None
            return info.surface, info.method
        legacy = legacy_target(self.ctx, node)  # an alias too: `create = openai.X.create`
        if legacy is None or v1_path(*legacy) is None:
            return None
        verdict = support_of(self.ctx, legacy)
        if verdict is not None and verdict[0] is Severity.ERROR:
            return None  # ML302 leaves a call the provider cannot serve, and so its result
        method = legacy[1]
        is_async = method in sdk.ASYNC_LEGACY_METHODS
        base = method[1:] if is_async else method
        return legacy if base in _RESPONSE_METHODS and is_async == awaited else None

    def _is_response(self, node: cst.BaseExpression, depth: int = 0) -> bool:
        return self._kind(node, depth) in (_WHOLE, _PART)

    def _v1_response_part(self, node: cst.BaseExpression) -> bool:
        """Whether `node` holds an openai>=1.0 response or a part of one."""
        return self._following_v1(self._is_response, node)

    def _v1_shape(self, node: cst.BaseExpression) -> _Shape | None:
        """What `node` holds in openai>=1.0 when it holds a v1 response or a part of one
        (`text = r.choices[0].message.content`: a string)."""
        return self._following_v1(self._shape, node)

    def _following_v1(
        self, read: Callable[[cst.BaseExpression], _T], node: cst.BaseExpression
    ) -> _T:
        """`read(node)` following values from openai>=1.0 calls as `_kind` follows those of
        openai<1.0 ones (with memos of their own)."""
        saved = self._kinds, self._helpers, self._shapes
        self._kinds, self._helpers, self._shapes = self._v1_memos
        self._v1 = True
        try:
            return read(node)
        finally:
            self._v1 = False
            self._kinds, self._helpers, self._shapes = saved

    def _kind(self, node: cst.BaseExpression, depth: int = 0) -> str | None:
        """_WHOLE, _PART or _LIST when the module shows what `node` holds, else None
        (memoised: a value met again while it is being worked out is not shown to be one)."""
        if depth > _DEPTH:
            return None
        key = id(node)
        if key not in self._kinds:
            self._kinds[key] = None
            self._kinds[key] = self._work_out(node, depth)
        return self._kinds[key]

    def _work_out(self, node: cst.BaseExpression, depth: int) -> str | None:
        if isinstance(node, cst.Await):
            return self._awaited(node.expression, depth)
        if isinstance(node, cst.Call):
            if self._call(node, awaited=False) is not None:
                return _WHOLE
            if self._named(node.func, "asyncio.run") and len(node.args) == 1:
                return self._awaited(node.args[0].value, depth)  # runs a coroutine
            return self._helper(node, False, depth)
        if isinstance(node, cst.Name):
            return _combined(self._binding_kinds(node, depth + 1))
        base, steps = _chain(node)
        if not steps or base is node or any(s.default is not None for s in steps):
            return None
        kind = self._kind(base, depth + 1)
        if kind in _ITEMS:  # `results[0]`: one of the responses
            if len(steps) == 1 and _slices(steps[0]):
                return kind  # `choices[a:b]`: some of them
            if not _indexes(steps[0]):
                return None
            if len(steps) == 1:
                return _ITEMS[kind]
        elif kind not in (_WHOLE, _PART):
            return None
        if any(map(_keyed, steps)) and self._walk(base, steps, depth)[0] is not None:
            return None  # `usage.to_dict()[k]`: what follows is the dict's
        return _PART

    def _awaited(self, node: cst.BaseExpression, depth: int) -> str | None:
        """What awaiting `node` gives."""
        if self._call(node, awaited=True) is not None:
            return _WHOLE
        if isinstance(node, cst.Call):
            if self._named(node.func, "asyncio.gather"):
                return self._gathered(node, depth)
            return self._helper(node, True, depth)
        if isinstance(node, cst.Name) and depth <= _DEPTH:
            # `c = openai.ChatCompletion.acreate(...)`, then `await c`: the coroutine kept
            kinds = []
            for binding in self._visible(node):
                value = self._assigned(binding)
                kinds.append(None if value is None else self._awaited(value, depth + 1))
            return _combined(kinds)
        return None

    def _named(self, func: cst.BaseExpression, qualified: str) -> bool:
        return last_name(func) == qualified.rsplit(".", 1)[1] and qualified in self.ctx.qualnames(
            func
        )

    def _gathered(self, call: cst.Call, depth: int) -> str | None:
        """_LIST when every awaitable `asyncio.gather` gets gives a whole response (without
        `return_exceptions=True`, which puts exceptions in the list)."""
        if any(a.keyword is not None for a in call.args):
            return None
        items: list[cst.BaseExpression] = []
        for arg in call.args:
            if not arg.star:
                items.append(arg.value)
                continue
            value = arg.value
            if isinstance(value, cst.Name):  # `tasks = [...]`, bound once
                bindings = self.ctx.bindings(value)
                target = _single_node(bindings)
                if not isinstance(target, cst.Name):
                    return None
                value = self.ctx.index.assigned.get(id(target), value)
            if arg.star != "*" or not isinstance(
                value, (cst.ListComp, cst.GeneratorExp, cst.List, cst.Tuple)
            ):
                return None
            if isinstance(value, (cst.ListComp, cst.GeneratorExp)):
                items.append(value.elt)
            else:
                for element in value.elements:
                    if not isinstance(element, cst.Element):
                        return None
                    items.append(element.value)
        if not items:
            return None
        for item in items:
            if isinstance(item, cst.Call) and (
                self._named(item.func, "asyncio.create_task")
                or self._named(item.func, "asyncio.ensure_future")
            ):
                item = item.args[0].value if item.args else item
            if self._awaited(item, depth + 1) != _WHOLE:
                return None
        return _LIST

    def _helper(self, call: cst.Call, awaited: bool, depth: int) -> str | None:
        """What a function of this module returns when each of its `return`s gives a
        response (`def ask(q): return openai.ChatCompletion.create(...)`)."""
        function = self._function(call.func)
        if function is None or (function.asynchronous is not None) != awaited:
            return None
        key = id(function)
        if key not in self._helpers:
            self._helpers[key] = None  # a recursive helper is not followed
            returns = _returns(function)
            kinds = [self._kind(r, depth + 1) for r in returns or ()]
            self._helpers[key] = _combined(kinds)
        return self._helpers[key]

    def _function(self, func: cst.BaseExpression) -> cst.FunctionDef | None:
        """The function a call runs: a name bound once to a `def` of this module, or
        `self.method` when one class of the module defines `method` (and no other does)."""
        if isinstance(func, cst.Name):
            function = _single_node(self.ctx.bindings(func))
            return function if isinstance(function, cst.FunctionDef) else None
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "self"
        ):
            methods = self.ctx.methods.get(func.attr.value, [])
            return methods[0] if len(methods) == 1 else None
        return None

    def _binding_kinds(self, name: cst.Name, depth: int) -> list[str | None]:
        """What each binding of `name` visible here holds (None: not shown to be a response);
        a binding every path overwrites before a read (`overwritten`) holds nothing read."""
        return [self._binding_kind(binding, depth) for binding in self._live(name)]

    def _live(self, name: cst.Name) -> list[BaseAssignment]:
        """The bindings of `name` whose value a use may read (`_visible`, not `overwritten`);
        only the last `name = value` before it in its block where one is (`_last_bound`)."""
        live = [
            b
            for b in self._visible(name)
            if not (isinstance(b, Assignment) and id(b.node) in self.overwritten)
        ]
        last = self._last_bound(name) if len(live) > 1 else None
        held = [b for b in live if isinstance(b, Assignment) and b.node is last]
        return list(held) if held else live

    def _last_bound(self, name: cst.Name) -> cst.Name | None:
        """The target `x` of the statement `x = value` that comes last before the use `name`
        (`x`) in the innermost block holding it, with no statement between them naming `x`:
        every path to the use runs it last. An `except` handler's second `response =
        create(...)` then `json.loads(str(response))` reads that response, not the one
        the `try` body bound (t64d: the handler's str() was left)."""
        path = self.ctx.ancestors(name)
        for at in range(len(path) - 1, 0, -1):
            block, statement = path[at - 1], path[at]
            if not isinstance(block, cst.IndentedBlock):
                continue
            body: list[cst.CSTNode] = list(block.body)
            if statement not in body:
                return None
            for before in reversed(body[: body.index(statement)]):
                target = _plain_target(before)
                if target is not None and target.value == name.value:
                    return target
                if name.value in _names_in(before):
                    return None
            return None  # only the innermost block: a loop or `try` around it may bind it
        return None

    def _visible(self, name: cst.Name) -> list[BaseAssignment]:
        """The bindings of `name` a use of it may see: not the one made by the statement
        whose value holds the use (`models = [m["id"] for m in models["data"]]` reads the
        `models` bound before), nor one made further down the same function, unless a loop
        may run that statement again (SuperAGI bound `models` a third time below), nor one
        in a block that returns before any path reaches the use (`returns_before`: t65a,
        gpt-author's `if ...: response = requests.post(...)` then `return`, beside
        `else: response = openai.ChatCompletion.create(...)`)."""
        return [
            b
            for b in self.ctx.bindings(name)
            if not self._binds_around(b, name)
            and not self.ctx.binds_later(b, name)
            and not self.ctx.returns_before(b, name)
        ]

    def _binds_around(self, binding: BaseAssignment, name: cst.Name) -> bool:
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return False
        key = id(binding.node)
        value = (
            self.ctx.index.assigned.get(key) or self.unpacked.get(key) or self.loop_targets.get(key)
        )
        if value is None or not self._within(name, value):
            return False
        for outer in reversed(self.ctx.ancestors(value)[:-1]):  # a `for`'s own target aside
            if isinstance(outer, (cst.For, cst.While)):
                return False
            if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                break
        return True

    def _within(self, inner: cst.CSTNode, outer: cst.CSTNode) -> bool:
        start = self.ctx.index_of(outer)
        return start <= self.ctx.index_of(inner) < self.ctx.ends[start]

    @functools.cached_property
    def overwritten(self) -> set[int]:
        """id(target `x` of `x = value`) where the next statement is an `if` whose test does
        not read `x` and whose every branch, an `else` included, assigns `x` before reading
        it: `response = {}`, then `response = f()` in one branch and `response = g()` in the
        other. No read sees that first value."""
        found: set[int] = set()
        blocks: list[Sequence[cst.BaseStatement]] = [self.ctx.module.body]
        blocks += [n.body for n in self.ctx.nodes if type(n) is cst.IndentedBlock]
        for body in blocks:
            for statement, following in itertools.pairwise(body):
                target = _plain_target(statement)
                if (
                    target is not None
                    and isinstance(following, cst.If)
                    and _assigns_first(following, target.value)
                ):
                    found.add(id(target))
        return found

    def _assigned(self, binding: BaseAssignment) -> cst.BaseExpression | None:
        """The value a plain `name = value` binding gives."""
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return None
        return self.ctx.index.assigned.get(id(binding.node))

    def _binding_kind(self, binding: BaseAssignment, depth: int) -> str | None:
        if isinstance(binding, Assignment) and isinstance(binding.node, cst.Param):
            return _combined(self._param_kinds(binding.node, depth))
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return None
        key = id(binding.node)
        value = self.ctx.index.assigned.get(key)
        if isinstance(value, cst.List) and not value.elements:
            return self._filled(binding, depth)
        if value is not None:
            return self._kind(value, depth)
        if key in self.unpacked:  # `a, b = await asyncio.gather(...)`
            return _WHOLE if self._kind(self.unpacked[key], depth) == _LIST else None
        if key in self.loop_targets:  # an element of what the loop iterates
            kind = self._kind(self.loop_targets[key], depth)
            if kind is not None and kind in _ITEMS:
                return _ITEMS[kind]
            return kind  # a stream's chunks are whole responses
        return None

    def _param_kinds(self, param: cst.Param, depth: int) -> list[str | None]:
        """What each call of the module passes for a parameter of one of its functions
        (`def text(r): return r["choices"][0]...`, then `text(resp)`); None among them where a
        call passes none, or where the function is used otherwise (its callers unseen)."""
        if depth > _DEPTH:
            return [None]
        calls = calls_passing(self.ctx, param)
        if not calls:
            return [None]
        kinds = [None if v is None else self._kind(v, depth + 1) for _, v in calls]
        function = self.ctx.ancestors(param)[-2]
        if not isinstance(function, cst.FunctionDef) or not only_called(self.ctx, function):
            kinds.append(None)
        return kinds

    def _filled(self, binding: Assignment, depth: int) -> str | None:
        """_LIST or _PARTS for `items = []` when every use of it is `items.append(x)` with x
        a response (or a part of one), `items.extend(x)` with x a list of them
        (`choices.extend(response["choices"])`, as early LangChain batched its prompts), a
        loop over it or a read of an item or a slice: nothing else can put a dict in."""
        items = []
        for access in binding.references:
            key = id(access.node)
            if key in self.appended:
                items.append(self._kind(self.appended[key], depth + 1))
            elif key in self.extended:
                kind = self._kind(self.extended[key], depth + 1)
                items.append(_PART if kind == _PART else _ITEMS.get(kind or ""))
            elif key not in self.iterated and not self._read_from(access.node):
                return None
        kind = _combined(items)
        return _LIST if kind == _WHOLE else _PARTS if kind == _PART else None

    def _read_from(self, node: cst.CSTNode) -> bool:
        """Whether `node` is the list of `node[i]` or `node[a:b]` read (not assigned to)."""
        parents = self.ctx.ancestors(node)
        if not parents or type(parents[-1]) is not cst.Subscript or parents[-1].value is not node:
            return False
        return len(parents) < 2 or not isinstance(parents[-2], (cst.AssignTarget, cst.Del))

    @functools.cached_property
    def appended(self) -> dict[int, cst.BaseExpression]:
        """id(name `items` of `items.append(x)`, a statement of its own) -> x."""
        return self._list_calls["append"]

    @functools.cached_property
    def extended(self) -> dict[int, cst.BaseExpression]:
        """id(name `items` of `items.extend(x)`, a statement of its own) -> x."""
        return self._list_calls["extend"]

    @functools.cached_property
    def _list_calls(self) -> dict[str, dict[int, cst.BaseExpression]]:
        found: dict[str, dict[int, cst.BaseExpression]] = {"append": {}, "extend": {}}

        class Fills(cst.CSTVisitor):
            def visit_Expr(self, node: cst.Expr) -> None:
                call = node.value
                if (
                    isinstance(call, cst.Call)
                    and isinstance(call.func, cst.Attribute)
                    and isinstance(call.func.value, cst.Name)
                    and call.func.attr.value in found
                    and len(call.args) == 1
                    and call.args[0].keyword is None
                    and not call.args[0].star
                ):
                    found[call.func.attr.value][id(call.func.value)] = call.args[0].value

        self.ctx.module.visit(Fills())
        return found

    @functools.cached_property
    def sole_arguments(self) -> set[int]:
        """id(the only argument of a call, `f(x)`): `(x.k or "")` goes there without its
        parentheses. Found when a rewrite first needs it, not on every call of every module."""
        return {
            id(n.args[0].value)
            for n in self.ctx.nodes
            if type(n) is cst.Call
            and len(n.args) == 1
            and not n.args[0].keyword
            and not n.args[0].star
        }

    @functools.cached_property
    def iterated(self) -> set[int]:
        """id(name a `for` or a comprehension iterates over)."""
        return {id(it) for it in self.loop_targets.values() if isinstance(it, cst.Name)}

    def _is_part(self, node: cst.BaseExpression, depth: int) -> bool:
        """`resp["choices"][0]`, `resp.data`: accesses without defaults on a response."""
        return self._kind(node, depth) == _PART

    def _shape(self, node: cst.BaseExpression, depth: int = 0) -> _Shape | None:
        """What `node` holds in openai>=1.0 (`_Shape`) when `_kind` shows it holds a response
        or a part of one, followed the same way (memoised likewise)."""
        if depth > _DEPTH:
            return None
        key = id(node)
        if key not in self._shapes:
            self._shapes[key] = None
            self._shapes[key] = self._shape_of(node, depth)
        return self._shapes[key]

    def _shape_of(self, node: cst.BaseExpression, depth: int) -> _Shape | None:
        kind = self._kind(node, depth)
        if kind is None:
            return None
        if kind in (_WHOLE, _LIST):
            return "", _OBJECT if kind == _WHOLE else _OBJECTS
        call = node.expression if isinstance(node, cst.Await) else node
        if isinstance(call, cst.Call):  # a helper of this module
            function = self._function(call.func)
            returns = _returns(function) if function is not None else None
            return _joined([self._shape(value, depth + 1) for value in returns or ()])
        if isinstance(node, cst.Name):
            return _joined([self._binding_shape(b, depth + 1) for b in self._live(node)])
        at, shape = self._walk(*_chain(node), depth)
        return shape if at is None else None

    def _binding_shape(self, binding: BaseAssignment, depth: int) -> _Shape | None:
        """What a binding gives in v1, as `_binding_kind` follows it."""
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return None
        key = id(binding.node)
        value = self.ctx.index.assigned.get(key)
        if isinstance(value, cst.List) and not value.elements:  # filled by `.append()`
            shapes: list[_Shape | None] = []
            for access in binding.references:
                if id(access.node) in self.appended:
                    item = self._shape(self.appended[id(access.node)], depth + 1)
                    shapes.append(
                        (item[0], _OBJECTS) if item is not None and item[1] == _OBJECT else None
                    )
                elif id(access.node) in self.extended:
                    shapes.append(self._shape(self.extended[id(access.node)], depth + 1))
            listed = _joined(shapes)
            return listed if listed is not None and listed[1] == _OBJECTS else None
        if value is not None:
            return self._shape(value, depth)
        if key in self.loop_targets:
            iterated = self.loop_targets[key]
            if self._kind(iterated, depth) == _WHOLE:
                return "", _OBJECT  # a stream's chunks
            return _item(self._shape(iterated, depth))
        return None

    def _walk(
        self, base: cst.BaseExpression, steps: list[_Step], depth: int = 0
    ) -> tuple[int | None, _Shape | None]:
        """Where a chain first reads a part that is an object in v1 as a mapping (`usage[k]`:
        `.to_dict()` goes before that access, and what follows reads the dict), and else
        what the whole chain holds."""
        shape = self._shape(base, depth + 1)
        for i, step in enumerate(steps):
            if _keyed(step) and shape is not None and shape[1] == _OBJECT:
                return i, None
            shape = _after(shape, step)
        return None, shape

    def _object(self, value: cst.BaseExpression, how: str) -> bool:
        """Whether `value` holds a part that is an object in v1, read as `how` says
        (`_mapping_uses`). A whole response counts only where a key is looked up in it or
        tested: iterating one walked a stream, and what passing one on needs is
        `_serialised`'s."""
        kind = self._kind(value)
        if kind is None or (kind == _WHOLE and how not in ("key", "in")):
            return False
        shape = self._shape(value)
        return shape is not None and shape[1] == _OBJECT

    def _mapping_uses(self, holder: cst.CSTNode) -> list[tuple[cst.BaseExpression, str]]:
        """The values `holder` reads as mappings, and how: "key" (`x[k]`, `x["self-harm"]`),
        "in" (`k in x`), "iterated" (`for k in x`, `x.items()`, `f(*x)`) or "passed"
        (`f(x)`)."""
        if isinstance(holder, cst.Subscript):
            element = holder.slice[0]
            if len(holder.slice) != 1 or element.comma != cst.MaybeSentinel.DEFAULT:
                return []  # a tuple key (`x["k",]`): v0's dict held none
            index = element.slice
            if not isinstance(index, cst.Index):
                return []
            step = _step(holder, outermost=True)
            if _int_literal(index.value) or (step and not _keyed(step)):
                return []  # an item of a list, or a key the rewrite makes an attribute
            return [(holder.value, "key")]
        if isinstance(holder, (cst.For, cst.CompFor)):
            return [(holder.iter, "iterated")]
        if isinstance(holder, cst.Comparison):
            return [
                (target.comparator, "in")
                for target in holder.comparisons
                if isinstance(target.operator, (cst.In, cst.NotIn))
            ]
        if isinstance(holder, cst.Call):
            return self._call_uses(holder)
        return []

    def _call_uses(self, call: cst.Call) -> list[tuple[cst.BaseExpression, str]]:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in _MAPPING_VIEWS:
            return [] if call.args else [(func.value, "iterated")]
        name = last_name(func)
        if name in _NOT_AS_MAPPING:
            return []
        if (
            isinstance(func, cst.Attribute)
            and name == "append"
            and self._kind(func.value) in _ITEMS
        ):
            return []  # a list this rule follows: its items stay objects
        return [(arg.value, "iterated" if arg.star else "passed") for arg in call.args]

    def _use_of(self, node: cst.BaseExpression) -> tuple[str, cst.CSTNode] | None:
        """How the code around `node` reads it as a mapping (`_mapping_uses`), if it does,
        and the node that does."""
        for holder in self.ctx.ancestors(node)[-2:]:
            for value, how in self._mapping_uses(holder):
                if value is node:
                    return how, holder
        return None

    def _as_mapping(self, holder: cst.CSTNode) -> None:
        """`u[k]`, `for k in u`, `k in u`, `f(u)`: `.to_dict()` after a value that holds a
        part that is an object in v1 when no access of it is rewritten (a name, a helper's
        result; a chain of dict accesses gets it with its rewrite, `_rewrite`)."""
        if not self.enabled or id(holder) in self.done:
            return
        for value, how in self._mapping_uses(holder):
            if any(step.kind != "keep" for step in _chain(value)[1]):
                continue
            if not self._object(value, how) or self._guarded(value, holder):
                continue
            text = self._shown_base(value) + _TO_DICT
            message, fix = self._mapping_message(text, how, holder)
            edit = None
            if isinstance(value, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
                at = self.ctx.span(value).end  # inside its parentheses, if any
                edit = Edit(Span(at, at), _TO_DICT)
            self._edit(value, message, edit, fix)

    def _mapping_message(self, text: str, how: str, holder: cst.CSTNode) -> tuple[str, FixClass]:
        """The message for a part read as a mapping by `holder`, written `text` (with its
        `.to_dict()`): safe where a key is looked up or tested (the keys the API sent, as in
        v0), for review where their order shows or another function gets the dict (which may
        read attributes, and a part the API sent as null has no `to_dict()`)."""
        lead = "openai 1.0 returns objects, not dicts"
        if how == "key":
            key = self.ctx.code(cast("cst.Subscript", holder).slice[0].slice)
            return f"{lead}; write {text}[{key}]", FixClass.SAFE
        if how == "in":
            return f"{lead}, and `in` no longer finds their fields; write {text}", FixClass.SAFE
        if how == "iterated":
            return (
                f"{lead}, and iterating one gives (field, value) pairs; write {text} (its keys "
                "come in the order the SDK declares them, not the API's)",
                FixClass.REVIEW,
            )
        func = cast("cst.Call", holder).func
        if isinstance(func, cst.Name) and func.value in _ORDERLESS and self._builtin(func):
            return f"{lead}; pass {text} to {func.value}()", FixClass.SAFE
        callee = self.ctx.code(func)
        callee = f"{callee}()" if len(callee) <= 40 and "\n" not in callee else "the callee"
        null = "" if text.endswith(" is not None else None)") else NULL_HAS_NO_DICT
        return (
            f"{lead}; pass {text} to {callee}, the dict openai<1.0 passed (unless it reads "
            f"fields as attributes{null})",
            FixClass.REVIEW,
        )

    def _builtin(self, name: cst.Name) -> bool:
        return all(isinstance(b, BuiltinAssignment) for b in self.ctx.bindings(name))

    @functools.cached_property
    def dict_guards(self) -> list[tuple[str, int, int]]:
        """(the code of x, a range of `nodes`) for the code that runs only where
        `isinstance(x, dict)` held (`_branch_guards`, `_later_guards`)."""
        found: list[tuple[str, int, int]] = []
        ctx = self.ctx
        if "isinstance" not in ctx.text:
            return found  # a walk of every node spared in most modules
        for node in ctx.nodes:
            for value, part in _branch_guards(node):
                start = ctx.index_of(part)
                found.append((ctx.code(value), start, ctx.ends[start]))
            if not isinstance(node, (cst.Module, cst.IndentedBlock)):
                continue
            for statement, following in itertools.pairwise(node.body):
                for value in _later_guards(statement):
                    start = ctx.index_of(following)
                    end = ctx.ends[ctx.index_of(node.body[-1])]
                    found.append((ctx.code(value), start, end))
        return found

    def _guarded(self, value: cst.BaseExpression, at: cst.CSTNode) -> bool:
        """Whether `at` runs only where `isinstance(value, dict)` held (and `value`, a name,
        was not bound again since)."""
        if not self.dict_guards:
            return False
        code, where = self.ctx.code(value), self.ctx.index_of(at)
        return any(
            c == code and start <= where < end and not self._bound_between(value, start, where)
            for c, start, end in self.dict_guards
        )

    def _bound_between(self, value: cst.BaseExpression, start: int, end: int) -> bool:
        """Whether the name `value` is bound by a node in `nodes[start:end]`."""
        if not isinstance(value, cst.Name):
            return False
        indices = self.ctx.indices()
        return any(
            isinstance(b, Assignment) and start <= indices.get(id(b.node), -1) < end
            for b in self.ctx.bindings(value)
        )

    def _declared(self, node: cst.BaseExpression, steps: list[_Step]) -> int:
        """How many accesses of a chain read what the SDK declares: those before an attribute
        no v1 response has (a field a compatible server adds, `d.refs`, is the plain dict the
        JSON held) or before an access on a value `isinstance(x, dict)` held for."""
        for i, step in enumerate(steps):
            attribute = step.node.attr.value if isinstance(step.node, cst.Attribute) else None
            if attribute is not None and attribute not in sdk.RESPONSE_FIELDS:
                return i
            if self._guarded(step.value, node):
                return i
        return len(steps)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._access(node)
        self._as_mapping(node)

    def visit_For(self, node: cst.For) -> None:
        self._as_mapping(node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._as_mapping(node)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """`"k" in resp[...]`: on an object, `in` silently stops testing for a key. Where the
        part is an object v0 code gets `.to_dict()` (`_as_mapping`); elsewhere reported, once
        migrated too (`"content" in chunk.choices[0].delta` is always False), so that `check`
        does not pass on it."""
        migrated = not self.enabled and self.ctx.index.imports_openai
        self._as_mapping(node)
        for i, target in enumerate(node.comparisons if self.enabled or migrated else ()):
            if not isinstance(target.operator, (cst.In, cst.NotIn)):
                continue
            comparator = target.comparator
            base, steps = _chain(comparator)
            if not (self._v1_response_part(base) if migrated else self._is_response(base)):
                continue
            if self._in_works(node, comparator, base, steps, migrated):
                continue
            for step in steps:
                self.done.add(id(step.node))  # rewritten, the test would turn False silently
            key = node.left if i == 0 else node.comparisons[i - 1].comparator
            self.report(node, _in_advice(self.ctx, key, target), fix=FixClass.MANUAL)

    def _in_works(
        self,
        node: cst.Comparison,
        comparator: cst.BaseExpression,
        base: cst.BaseExpression,
        steps: list[_Step],
        migrated: bool,
    ) -> bool:
        """Whether `k in comparator` (`base` and `steps`, its chain) needs no report: on a
        field a compatible server adds or a value tested to be a dict (plain dicts), on a
        string or a list (`in` works as on v0's: `text = r.choices[0].message.content`, then
        `"TOOL:" in text`), or on a part that gets `.to_dict()`."""
        if self._declared(comparator, steps) < len(steps) or self._guarded(comparator, node):
            return True
        if migrated:  # by the fields' names, from what the base holds where a name shows it
            shape = functools.reduce(_after, steps, self._v1_shape(base))
        elif self._object(comparator, "in"):
            return True
        else:
            shape = self._shape(comparator)
        return shape is not None and shape[1] == _VALUES

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "get":
            self._access(node)
        if self.enabled:
            self._serialised(node)
            self._as_mapping(node)
        elif self.ctx.index.imports_openai:
            self._migrated_text(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        """`resp.response_ms`: what openai<1.0 set on a response beside the API's fields."""
        gone = sdk.LEGACY_RESPONSE_ATTRIBUTES.get(node.attr.value)
        if gone is None or not self._whole_response(node.value):
            return
        held, instead = gone
        self.report(
            node,
            f"openai 1.0 responses have no {node.attr.value}: openai<1.0 set it to {held}; "
            f"{instead}",
            fix=FixClass.MANUAL,
        )

    def _whole_response(self, node: cst.BaseExpression) -> bool:
        """Whether `node` holds what a request gave: an openai<1.0 call's response (as
        `_kind` follows it), or, once migrated, a v1 request's (the call, or a name every
        binding of which is such a call), so that `check` still reports what is left."""
        if self.enabled and self._kind(node) == _WHOLE:
            return True
        values: list[cst.BaseExpression | None] = [node]
        if isinstance(node, cst.Name):
            values = [self._assigned(b) for b in self._visible(node)]
        return bool(values) and all(
            isinstance(value, cst.Call)
            and (info := self.ctx.sdk_call(value)) is not None
            and info.kind != "legacy"
            and info.method in _RESPONSE_METHODS
            for value in values
        )

    def visit_FormattedStringExpression(self, node: cst.FormattedStringExpression) -> None:
        """`f"{resp}"` formats with `str()`: the JSON in openai<1.0, `ChatCompletion(id=...)`
        in openai>=1.0."""
        if not self.enabled or self._kind(node.expression) != _WHOLE:
            return
        value = node.expression
        shown = self._shown_base(value)
        text = sdk.LEGACY_RESPONSE_TEXT.format(value=shown)
        if node.conversion is not None or node.format_spec is not None:
            self._edit(
                value,
                "openai 1.0 formats a response as `ChatCompletion(id=...)`, not as the JSON "
                f"openai<1.0 showed; format {text} instead",
                None,
                FixClass.MANUAL,
            )
            return
        edit = None
        if isinstance(value, cst.Name) and not value.lpar:
            edit = Edit(self.ctx.span(value), text, ("import json",))
        self._edit(
            value,
            "openai 1.0 formats a response as `ChatCompletion(id=...)`, not as the JSON "
            f"openai<1.0 showed; write {{{text}}}",
            edit,
            FixClass.SAFE,
        )

    def _access(self, node: cst.BaseExpression) -> None:
        if id(node) in self.done:
            return
        base, steps = _chain(node)
        if not any(s.kind != "keep" for s in steps):
            return
        if not self.enabled:
            if self.ctx.index.imports_openai and isinstance(base, cst.Name):
                self._migrated_some_paths(node, base, steps)
            return
        if self._declared(node, steps) < len(steps):
            return  # its accesses before the first undeclared one are visited on their own
        kind = self._kind(base)
        if kind == _LIST and not _indexes(steps[0]):
            return
        if kind is None:
            self._some_paths(node, base, steps)
            return
        for step in steps:
            self.done.add(id(step.node))
        self._rewrite(node, base, steps)

    def _some_paths(self, node: cst.BaseExpression, base: cst.BaseExpression, steps) -> None:
        """A value that holds a response on some paths only (a name bound to one in one
        branch of an `if`/`try`, a helper that returns one or a cached dict, the items of
        `asyncio.gather(..., return_exceptions=True)`): reported with the attribute form,
        not rewritten (a dict still needs the subscript)."""
        lines = self._maybe(base, 0)
        if not lines:
            return
        for step in steps:
            self.done.add(id(step.node))
        where = ", ".join(self.ctx.line_label(line) for line in sorted(set(lines)))
        shown = base.value if isinstance(base, cst.Name) else self.ctx.code(base)
        if len(shown) > 40 or "\n" in shown:
            shown = "this value"
        partly = f"{shown} holds one only on some paths (a response comes from {where})"
        self._rewrite(node, base, steps, partly=partly)

    def _migrated_some_paths(self, node: cst.BaseExpression, base: cst.Name, steps) -> None:
        """Once migrated (no openai<1.0 call left), a name bound to a v1 call's result in one
        branch and to something else in another still needs the report made before `apply`:
        `check` must not pass on it. One bound to such results only is a response whatever
        the path (code an earlier `apply` left, `models["data"]`): the same fix as before."""
        lines, other = [], False
        responses = [b for b in self.ctx.bindings(base) if self._binds_v1_response(b)]
        if not responses or self._declared(node, steps) < len(steps):
            return  # most names: no visibility (nor dict guards) to work out
        for binding in self._visible(base):
            if binding in responses:
                assert isinstance(binding, Assignment)
                lines += self._v1_lines(binding)
                other = other or self._partly_v1(binding)
            else:
                other = True
        if not lines:
            return
        for step in steps:
            self.done.add(id(step.node))
        if not other:
            self._rewrite(node, base, steps)
            return
        where = ", ".join(self.ctx.line_label(line) for line in sorted(set(lines)))
        partly = f"{base.value} holds one only on some paths (a response comes from {where})"
        self._rewrite(node, base, steps, partly=partly)

    def _binds_v1_response(self, binding: BaseAssignment, depth: int = 0) -> bool:
        """Whether `binding` binds a v1 request's result, or a chunk of a stream one gives; a
        parameter, one that a call of the module passes (a name bound so, or the call)."""
        target = binding.node if isinstance(binding, Assignment) else None
        if isinstance(target, cst.Param) and depth <= _DEPTH:
            passed = calls_passing(self.ctx, target) or []
            return any(v is not None and self._v1_value(v, depth + 1) for _, v in passed)
        if not isinstance(target, cst.Name):
            return False  # an import, a function
        value = self.ctx.index.assigned.get(id(target)) or self._iterated_by(target)
        return value is not None and self._v1_response(value)

    def _v1_value(self, node: cst.BaseExpression, depth: int) -> bool:
        """Whether `node` is a v1 request's result, or a name every binding of which is one."""
        if not isinstance(node, cst.Name):
            return self._v1_response(node)
        bound = self._visible(node)
        return bool(bound) and all(self._binds_v1_response(b, depth) for b in bound)

    def _v1_lines(self, binding: Assignment) -> list[int]:
        """The line of a binding of a v1 response; for a parameter, those of the calls
        passing one."""
        if not isinstance(binding.node, cst.Param):
            return [self.ctx.position(binding.node)[0][0]]
        passed = calls_passing(self.ctx, binding.node) or []
        return [
            self.ctx.position(call)[0][0]
            for call, v in passed
            if v is not None and self._v1_value(v, 1)
        ]

    def _partly_v1(self, binding: BaseAssignment) -> bool:
        """Whether a parameter some calls pass a v1 response may hold something else: another
        call passes another value, or the function is used otherwise (its callers unseen)."""
        param = binding.node if isinstance(binding, Assignment) else None
        if not isinstance(param, cst.Param):
            return False
        passed = calls_passing(self.ctx, param) or []
        function = self.ctx.ancestors(param)[-2]
        if not isinstance(function, cst.FunctionDef) or not only_called(self.ctx, function):
            return True
        return not all(v is not None and self._v1_value(v, 1) for _, v in passed)

    def _iterated_by(self, target: cst.CSTNode) -> cst.BaseExpression | None:
        """What the `for` (or comprehension) whose target `target` is iterates over, from
        its parent (`loop_targets` walks the whole module)."""
        parents = self.ctx.ancestors(target)
        loop = parents[-1] if parents else None
        if isinstance(loop, (cst.For, cst.CompFor)) and loop.target is target:
            return loop.iter
        return None

    def _v1_response(self, node: cst.BaseExpression) -> bool:
        """`client.chat.completions.create(...)` (awaited or not): a v1 response object."""
        call = node.expression if isinstance(node, cst.Await) else node
        if not isinstance(call, cst.Call):
            return False
        info = self.ctx.sdk_call(call)
        return (
            info is not None
            and info.kind in ("client", "module")
            and info.method in _RESPONSE_METHODS
        )

    def _maybe(self, node: cst.BaseExpression, depth: int) -> list[int]:
        """The lines of the openai<1.0 calls whose responses `node` may hold, when it may
        also hold something else."""
        if depth > _DEPTH:
            return []
        if self._kind(node, depth) is not None:
            return [self.ctx.position(node)[0][0]]
        if isinstance(node, cst.Await) and isinstance(node.expression, cst.Call):
            call = node.expression
            if self._named(call.func, "asyncio.gather"):
                if any(
                    not a.star and self._awaited(a.value, depth + 1) is not None for a in call.args
                ) or any(
                    isinstance(a.value, cst.ListComp)
                    and self._awaited(a.value.elt, depth + 1) is not None
                    for a in call.args
                    if a.star == "*"
                ):
                    return [self.ctx.position(call)[0][0]]
                return []
            node = call
        if isinstance(node, cst.Call) and isinstance(node.func, (cst.Name, cst.Attribute)):
            function = self._function(node.func)
            if function is not None:
                key = -id(function)
                if key in self._helpers:
                    return []
                self._helpers[key] = None  # not followed twice
                found = [
                    line
                    for value in _returns(function) or ()
                    for line in self._maybe(value, depth + 1)
                ]
                del self._helpers[key]
                return found
            if isinstance(node.func, cst.Name):
                return []
        if isinstance(node, cst.Name):
            found = []
            for binding in self._visible(node):
                if isinstance(binding, Assignment) and isinstance(binding.node, cst.Param):
                    passed = calls_passing(self.ctx, binding.node) or []
                    found += [
                        n for _, v in passed if v is not None for n in self._maybe(v, depth + 1)
                    ]
                    continue
                if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
                    continue
                key = id(binding.node)
                value = (
                    self.ctx.index.assigned.get(key)
                    or self.unpacked.get(key)
                    or self.loop_targets.get(key)
                )
                if value is not None and value is not node:
                    found += self._maybe(value, depth + 1)
            return found
        base, steps = _chain(node)
        if not steps or base is node or any(s.default is not None for s in steps):
            return []  # `.get("k", default)` gives a field's value or the default
        if any(map(_keyed, steps)) and self._walk(base, steps, depth)[0] is not None:
            return []  # a value of the dict `.to_dict()` gives
        return self._maybe(base, depth + 1)

    def _rewrite(
        self, node: cst.BaseExpression, base: cst.BaseExpression, steps, partly: str = ""
    ) -> None:
        ctx = self.ctx
        expr = _BASE  # the new text, `_BASE` standing for the base's text
        plain = _BASE  # the same without defaults, for messages
        kept: list[tuple[str, str]] = []  # the accesses kept, as written and as shown
        wrapped, editable, advice, lost = False, not partly, "", ""
        pure = isinstance(base, cst.Name)  # whether evaluating `expr` twice is harmless
        outer = False  # whether the last step wrapped the whole of `expr` in parentheses
        at, shape = self._walk(base, steps)  # from `at` on, the accesses read a dict
        use = None
        if at is None and not partly and shape is not None and shape[1] == _OBJECT:
            use = self._use_of(node)
        for i, step in enumerate(steps):
            outer = False
            kind = "keep" if at is not None and i >= at else step.kind
            if i == at:
                expr, plain = expr + _TO_DICT, plain + _TO_DICT
            if wrapped and kind != "keep":
                editable = False  # `(x.k or {})["j"]`: neither form works for both values
            if kind != "keep" and editable and _commented(step):
                editable = False  # the rewrite replaces the text that holds the comment
                lost = f"; move the comment out of {self._kept(step)[1]} first: a rewrite drops it"
            if kind == "keep":
                marker = f"{_KEPT}{len(kept)}{_KEPT}"  # filled in once the texts are known
                kept.append(self._kept(step))
                expr, plain = expr + marker, plain + marker
                pure = pure and _pure_access(step)
            elif step.default is None or ctx.code(step.default) == "None":
                expr, plain = expr + f".{step.key}", plain + f".{step.key}"
            else:
                default, field = ctx.code(step.default), f"{plain}.{step.key}"
                advice = advice or f", using {default} when {field} is None"
                if default in _FALSY_LITERALS:
                    expr = f"({expr}.{step.key} or {default})"
                else:
                    expr = f"({expr}.{step.key} if {expr}.{step.key} is not None else {default})"
                    editable = editable and pure  # else the access would run twice
                plain, wrapped, outer = field, True, True
        if outer and not node.lpar and id(node) in self.sole_arguments:
            expr = expr[1:-1]  # `f((x.k or ""))`: what ruff's UP034 reports
        if use is not None and use[0] == "passed" and steps[-1].kind == "get":
            # `choice.get("logprobs")`: None where the API sent null, which v0 passed on
            plain += _TO_DICT
            if pure and not wrapped:
                expr, wrapped = _to_dict_or_none(expr), True
            else:
                editable = False
        elif use is not None:
            expr, plain = expr + _TO_DICT, plain + _TO_DICT
        shown_base = self._shown_base(base)

        def shown(text: str) -> str:
            return _filled(text, kept, 1).replace(_BASE, shown_base)

        fix = FixClass.SAFE
        if partly:
            message = (
                f"openai 1.0 returns objects, not dicts, and {partly}; where it holds a "
                f"response, write {shown(expr)}"
            )
        elif use is not None and editable:
            message, fix = self._mapping_message(shown(expr), *use)
        elif editable:
            message = f"openai 1.0 returns objects, not dicts; write {shown(expr)}"
        else:
            message = f"openai 1.0 returns objects, not dicts; write {shown(plain)}"
            message += shown(advice) + lost
        edit = None
        if editable:
            written, span = _filled(expr, kept, 0), ctx.span(node)
            if not wrapped:  # only what follows the base: a call keeps its own edits
                edit = Edit(Span(self._end(base), span.end), written.removeprefix(_BASE))
            elif isinstance(base, cst.Name):
                edit = Edit(span, written.replace(_BASE, base.value))
        fix = fix if edit else FixClass.MANUAL
        self.report(node, message, fix=fix, edit=edit if ctx.rules.provider else None)

    def _end(self, node: cst.BaseExpression) -> int:
        """The offset just past `node` and its own closing parentheses."""
        return _closed(self.ctx.text, self.ctx.span(node).end, len(node.rpar))

    def _kept(self, step: _Step) -> tuple[str, str]:
        """An access (`[0]`, `.text`, `["k"]`) as the rewrite writes it and as a message
        shows it: as the file has it, on one line where it spans lines (the formatter lays out
        what is written), and as it is where a comment or a value spanning lines keeps it
        there (shown with `...`)."""
        ctx = self.ctx
        text = ctx.text[self._end(step.value) : ctx.span(step.node).end]
        if "\n" not in text and "\r" not in text:
            return text, text
        node = step.node
        if isinstance(node, cst.Attribute):
            return (text if _commented(step) else f".{node.attr.value}"), f".{node.attr.value}"
        if isinstance(node, cst.Subscript):
            head, inside, tail = "[", ctx.code(node.slice[0].slice), "]"
        else:  # `.get(...)`
            args = cast("cst.Call", node).args
            head, inside, tail = ".get(", ", ".join(ctx.code(a.value) for a in args), ")"
        if "\n" in inside or "\r" in inside:
            return text, f"{head}...{tail}"
        line = f"{head}{inside}{tail}"
        return (text if _commented(step) else line), line

    def _serialised(self, node: cst.Call) -> None:
        """`json.dumps(resp)`, `dict(resp)`, `resp.to_dict_recursive()`: a v1 object is no
        dict; `to_dict()` gives the dict v0 had (the fields the API sent, under its names)."""
        func, ctx = node.func, self.ctx
        to_dict = sdk.RESPONSE_TO_DICT
        if isinstance(func, cst.Attribute) and func.attr.value in sdk.LEGACY_RESPONSE_METHODS:
            if node.args or self._kind(func.value) not in (_WHOLE, _PART):
                return
            new = sdk.LEGACY_RESPONSE_METHODS[func.attr.value]
            message = (
                f"openai 1.0 response objects have no {func.attr.value}(); write "
                f"{self._shown_base(func.value)}.{new}()"
            )
            self._edit(func.attr, message, Edit(ctx.span(func.attr), new), FixClass.SAFE)
            return
        if (
            isinstance(func, cst.Name)
            and func.value in sdk.LEGACY_TEXT_FUNCTIONS
            and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
        ):
            self._as_text(node, func.value)
            return
        first = node.args[0] if node.args else None
        if first is None or first.keyword is not None or first.star:
            return
        value = first.value
        if self._kind(value) != _WHOLE:
            return
        shown = self._shown_base(value)
        if (
            isinstance(func, cst.Name)
            and func.value == "dict"
            and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
        ):
            if len(node.args) != 1:
                return
            message = (
                "openai 1.0 returns objects, not dicts, and dict() of one lists every declared "
                f"field (None when unset) with objects inside; write "
                f"{shown}.{to_dict}()"
            )
            edit = None
            if isinstance(value, cst.Name) and not value.lpar:
                edit = Edit(ctx.span(node), f"{value.value}.{to_dict}()")
            self._edit(node, message, edit, FixClass.SAFE)
            return
        dumper = next((d for d in sdk.JSON_DUMPERS if self._named(func, d)), None)
        if dumper is None:
            return
        sort_keys = keyword_arg(node, "sort_keys")
        ordered = sort_keys is not None and ctx.code(sort_keys.value) == "True"
        message = (
            f"openai 1.0 returns objects, not dicts, and {dumper}() fails on "
            f"them; pass {shown}.{to_dict}()"
        )
        if not ordered:
            message += " (the keys come in the order the SDK declares them, not the API's)"
        edit = None
        if isinstance(value, (cst.Name, cst.Call, cst.Attribute, cst.Subscript)) or value.lpar:
            at = ctx.span(value).end
            edit = Edit(Span(at, at), f".{to_dict}()")
        self._edit(first.value, message, edit, FixClass.SAFE if ordered else FixClass.REVIEW)

    def _as_text(self, node: cst.Call, function: str) -> None:
        """`str(resp)`, `print(resp)`: a v0 response was shown as its JSON, sorted and indented
        (OpenAIObject.__str__); a v1 object shows as `ChatCompletion(id=...)`."""
        ctx = self.ctx
        if function == "str" and len(node.args) != 1:
            return
        for arg in node.args:
            if arg.keyword is not None or arg.star:
                continue
            value = arg.value
            kind = self._kind(value)
            lines = []
            if (
                kind is None
                and isinstance(value, cst.Name)
                and _WHOLE in self._binding_kinds(value, 1)  # a response on some paths
            ):
                lines = self._maybe(value, 0)
            if kind != _WHOLE and not lines:
                continue
            shown = self._shown_base(value)
            text = sdk.LEGACY_RESPONSE_TEXT.format(value=shown)
            message = (
                f"openai 1.0 shows a response as `ChatCompletion(id=...)`, not as the JSON "
                f"{function}() gave in openai<1.0; write {text}"
            )
            if lines:  # a name holding a response on some paths only: a person decides
                found = ", ".join(self.ctx.line_label(line) for line in sorted(set(lines)))
                message += (
                    f" where {shown} holds one ({shown} holds one only on some paths: a "
                    f"response comes from {found})"
                )
                self._edit(value, message, None, FixClass.MANUAL)
                continue
            edit = None
            if isinstance(value, cst.Name) and not value.lpar:
                where = node if function == "str" else value
                edit = Edit(ctx.span(where), text, ("import json",))
            self._edit(value, message, edit, FixClass.SAFE)

    def _migrated_text(self, node: cst.Call) -> None:
        """Once migrated, `json.loads(str(resp))` where `resp` holds a v1 response on every
        path (code an earlier `apply` left: t64d's retry in an `except` handler): the text of
        a v1 object is not JSON (JSONDecodeError); the same fix as before."""
        if not any(self._named(node.func, f) for f in sdk.JSON_LOADERS) or len(node.args) != 1:
            return
        inner = node.args[0].value
        if not (
            isinstance(inner, cst.Call)
            and isinstance(inner.func, cst.Name)
            and inner.func.value == "str"
            and len(inner.args) == 1
            and all(isinstance(b, BuiltinAssignment) for b in self.ctx.bindings(inner.func))
        ):
            return
        value = inner.args[0].value
        if not isinstance(value, cst.Name) or value.lpar or inner.args[0].keyword:
            return
        live = self._live(value)
        if not live or not all(self._binds_v1_response(b) for b in live):
            return
        text = sdk.LEGACY_RESPONSE_TEXT.format(value=value.value)
        message = (
            "openai 1.0 shows a response as `ChatCompletion(id=...)`, which is not JSON "
            f"(json.loads() raises JSONDecodeError); write {text}"
        )
        edit = Edit(self.ctx.span(inner), text, ("import json",))
        self._edit(value, message, edit, FixClass.SAFE)

    def _edit(self, node: cst.CSTNode, message: str, edit: Edit | None, fix: FixClass) -> None:
        fix = fix if edit else FixClass.MANUAL
        self.report(node, message, fix=fix, edit=edit if self.ctx.rules.provider else None)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """`from openai.openai_object import OpenAIObject`: the module is gone in v1."""
        module = cst.helpers.get_full_name_for_node(node.module) if node.module else None
        if module != sdk.LEGACY_OBJECT_MODULE or node.relative:
            return
        names = node.names
        base = sdk.RESPONSE_BASE_CLASS
        advice = (
            f"{sdk.LEGACY_OBJECT_MODULE} was removed in openai 1.0 (ModuleNotFoundError); "
            f"responses and their parts are openai.{base} objects: test them with "
            f"isinstance(x, openai.{base}), and use plain dicts where you built "
            f"{sdk.LEGACY_OBJECT_CLASS}s"
        )
        if isinstance(names, cst.ImportStar) or len(names) != 1:
            self.report(node, advice, fix=FixClass.MANUAL)
            return
        alias = names[0]
        local = alias.asname.name if alias.asname else alias.name
        if not isinstance(local, cst.Name) or ctx_name(alias.name) != sdk.LEGACY_OBJECT_CLASS:
            self.report(node, advice, fix=FixClass.MANUAL)
            return
        others = self._other_uses(node, local)
        if others:
            where = ", ".join(self.ctx.line_label(line) for line in others)
            self.report(node, f"{advice} (other use: {where})", fix=FixClass.MANUAL)
            return
        new = f"from openai import {base}" + (f" as {local.value}" if local.value != base else "")
        message = (
            f"{sdk.LEGACY_OBJECT_MODULE} was removed in openai 1.0 (ModuleNotFoundError); "
            f"isinstance() tests what v1 responses are: openai.{base} ({new})"
        )
        self._edit(node, message, Edit(self.ctx.span(node), new), FixClass.SAFE)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if ctx_name(alias.name) == sdk.LEGACY_OBJECT_MODULE:
                self.report(
                    node,
                    f"{sdk.LEGACY_OBJECT_MODULE} was removed in openai 1.0 (ModuleNotFoundError); "
                    f"test responses with isinstance(x, openai.{sdk.RESPONSE_BASE_CLASS}) and use "
                    "plain dicts where you built OpenAIObjects",
                    fix=FixClass.MANUAL,
                )

    def _other_uses(self, node: cst.ImportFrom, local: cst.Name) -> list[int]:
        """Lines where the imported class is used other than as isinstance()/issubclass()'s
        class or in an annotation, or where its name is bound again."""
        allowed: set[int] = set()
        named: list[cst.Name] = []

        class Uses(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                if last_name(node.func) in ("isinstance", "issubclass") and len(node.args) == 2:
                    second = node.args[1].value
                    items = (
                        [e.value for e in second.elements]
                        if isinstance(second, cst.Tuple)
                        else [second]
                    )
                    allowed.update(id(i) for i in items if isinstance(i, cst.Name))

            def visit_Annotation(self, node: cst.Annotation) -> None:
                if isinstance(node.annotation, cst.Name):
                    allowed.add(id(node.annotation))

            def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
                return False

            def visit_Name(self, node: cst.Name) -> None:
                if node.value == local.value:
                    named.append(node)

        self.ctx.module.visit(Uses())
        lines: set[int] = set()
        for name in named:
            bindings = self.ctx.bindings(name)
            if not any(isinstance(b, Assignment) and b.node is node for b in bindings):
                continue  # another name that happens to be spelled the same
            if id(name) not in allowed or len(bindings) > 1:
                lines.add(self.ctx.position(name)[0][0])
        return sorted(lines)

    def _shown_base(self, base: cst.BaseExpression) -> str:
        call = base.expression if isinstance(base, cst.Await) else base
        if not isinstance(call, cst.Call):
            return self.ctx.code(base)
        legacy = self.ctx.legacy_resource(call.func)
        if legacy is None:  # a helper of this module, `asyncio.run(...)`
            code = self.ctx.code(base)
            return code if len(code) <= 40 and "\n" not in code else "(...)"
        shown = f"{v1_call(*legacy)}(...)"
        return f"({shown})" if shown.startswith("await ") else shown


# openai<1.0 method -> (v1 module, class, method): the table lives with the SDK's shape.
MOCK_TARGETS = sdk.LEGACY_MOCK_TARGETS
# mock.patch("..."), monkeypatch.setattr("...", v) / delattr("...")
_STRING_PATCHERS = frozenset({"patch", "setattr", "delattr"})
# patch.object(cls, "m"), monkeypatch.setattr(cls, "m", v) / delattr(cls, "m")
_OBJECT_PATCHERS = frozenset({"object", "setattr", "delattr"})


def mock_target(resource: str, method: str) -> tuple[str, str, str] | None:
    """(module, class, method) that replaces `openai.Resource.method` in a test double."""
    is_async = method in sdk.ASYNC_LEGACY_METHODS
    found = MOCK_TARGETS.get((resource, method[1:] if is_async else method))
    if found is None:
        return None
    module, cls, v1 = found
    return module, ("Async" + cls if is_async else cls), v1


def _methods_of(resource: str) -> str:
    """`"openai.resources.completions.Completions.create"` and the like: what the migrated
    code of a resource runs, for a message about a double of the whole class."""
    targets = [
        f'"{module}.{cls}.{v1}"'
        for (name, _), (module, cls, v1) in MOCK_TARGETS.items()
        if name == resource
    ]
    return " or ".join(targets)


def _in_advice(ctx: PythonContext, key: cst.BaseExpression, test: cst.ComparisonTarget) -> str:
    """What ML305 says of `key in part` on a response object of openai>=1.0 (always False):
    test the keys of its `.to_dict()` (the fields the server sent, as openai<1.0's dict held
    them). Not `part.key is not None`: an attribute the SDK does not declare on that object
    (a chat choice's `text`) raises AttributeError."""
    operator = "not in" if isinstance(test.operator, cst.NotIn) else "in"
    part = ctx.code(test.comparator)
    written = f"{ctx.code(key)} {operator} {part}.to_dict()"
    field = string_value(key)
    read = f"{part}.{field}" if field is not None and field.isidentifier() else "the attribute"
    return (
        "openai 1.0 returns objects, not dicts, and `in` no longer finds their fields (on "
        f"one it is always False); where it is a response object write {written} (the fields "
        f"the server sent, as openai<1.0's dict held them: reading {read} raises "
        "AttributeError where the SDK declares no such field)"
    )


class LegacyMock(PythonRule):
    """A test double of the openai<1.0 API (`mock.patch("openai.ChatCompletion.create")`).

    ## What it does
    Finds `mock.patch("openai.Resource.method", ...)` string targets (also `patch`,
    `mocker.patch`, and `monkeypatch.setattr` / `monkeypatch.delattr` with a string),
    `mock.patch.object(openai.Resource, "method")` / `monkeypatch.setattr(openai.Resource,
    "method", fake)` / `monkeypatch.delattr(openai.Resource, "method")`, for
    `ChatCompletion`, `Completion`, `Embedding`, `Moderation`, `Image`, `Audio`, `File`,
    `Model` and `FineTuningJob`; and doubles of a whole resource class
    (`@patch("openai.Completion")`, `patch.object(openai, "ChatCompletion")`,
    `patch.multiple(openai.ChatCompletion, create=...)`), and the dicts such doubles return.
    Also doubles of a module's `openai` name (`@patch("app.openai")`, `patch.object(app,
    "openai")`, `monkeypatch.setattr(app, "openai", fake)`, `mocker.patch("app.openai")`)
    that the test reads as the old API (`m.ChatCompletion.create.return_value = ...`), before
    and after `apply`; not one read only as v1 (`m.OpenAI.return_value...`).

    ## Why
    Migrated code calls `client.chat.completions.create`, a method of the v1 resource class;
    a double of `openai.ChatCompletion.create` no longer intercepts anything, so the tests
    reach the network (or fail on the missing key). A double that returns a dict breaks the
    migrated code, which reads attributes (`resp.choices[0]`). A double of `app.openai`
    misses the v1 client `app` calls once migrated, built from the real module: the test
    sends real requests, with the provider's key.

    ## Fix
    `apply` patches the v1 class instead: `"openai.resources.chat.completions.Completions.create"`,
    `openai.resources.embeddings.Embeddings`, `Images.generate` for `Image.create`, and the
    `Async...` class's method for `acreate` (the method name changes with it); the table is
    `LEGACY_MOCK_TARGETS` in `migrate_llm.openai_sdk`; `patch.multiple(openai.Completion,
    create=...)` patches `openai.resources.completions.Completions` when every method keeps
    its name. Review doubles given as plain
    functions: set on the class, they now receive the resource (`self`) first. A return value
    written as a dict or a name bound once to one (`return_value={...}` in the patch, or
    `m.return_value = {...}` on the mock it binds: `with ... as m`, `m = mocker.patch(...)`, a
    `@patch` decorator's parameter), and each such item of a `side_effect` list, becomes the
    v1 response built from it,
    `openai.types.chat.ChatCompletion.model_construct(**{...})` (nested dicts become nested
    objects, as the migrated code reads them), for review. A test module gets no client:
    only the target changes. Left to you, with the v1 target to use: a double
    of a whole class (the test sets `create` on it; patch the method instead and move what
    was set on `mock.create` to the mock itself), a method without a v1 target, and a target
    that is not a plain string. `@patch("app.openai")` (no other argument) whose mock is read
    only as one method (`m.ChatCompletion.create.<attribute>`) patches
    `"openai.resources.chat.completions.Completions.create"` instead, and
    `m.ChatCompletion.create.return_value` becomes `m.return_value` (a dict there becomes the
    v1 response), for review: the new double replaces that one method, the old one all of
    `app`'s openai. Other doubles of a module's `openai` are left to you, with the method to
    patch on the module's client (`"app.client.chat.completions.create"`) or on the v1 class.
    """

    code = "ML306"
    name = "legacy-mock"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'from unittest import mock\n@mock.patch("openai.ChatCompletion.create")\n'
            "def test_reply(create):\n    pass\n",
            message='mock target "openai.ChatCompletion.create" was removed in openai 1.0; patch '
            '"openai.resources.chat.completions.Completions.create"',
            provider="openai",
            after='from unittest import mock\n@mock.patch("openai.resources.chat.completions.'
            'Completions.create")\ndef test_reply(create):\n    pass\n',
        ),
        Example(
            "import openai\nfrom unittest import mock\n\ndef test_areply():\n"
            '    with mock.patch.object(openai.ChatCompletion, "acreate", new=mock.AsyncMock()):\n'
            "        pass\n",
            provider="acme",
            after="import openai\nfrom unittest import mock\n\ndef test_areply():\n"
            "    with mock.patch.object(\n"
            "        openai.resources.chat.completions.AsyncCompletions,\n"
            '        "create",\n'
            "        new=mock.AsyncMock(),\n"
            "    ):\n"
            "        pass\n",
        ),
        Example(
            "import openai\n\ndef test_embed(monkeypatch):\n"
            '    monkeypatch.setattr(openai.Embedding, "create", lambda **kw: {"data": []})\n',
            message="openai.Embedding.create was removed in openai 1.0; patch "
            'openai.resources.embeddings.Embeddings, "create" (a plain function set on the '
            "class now receives the resource as self first)",
        ),
        Example(
            'def test_offline(monkeypatch):\n    monkeypatch.delattr("openai.Completion.create")\n',
            provider="acme",
            after="def test_offline(monkeypatch):\n"
            '    monkeypatch.delattr("openai.resources.completions.Completions.create")\n',
        ),
        Example(
            'from unittest.mock import patch\n@patch("openai.Completion")\n'
            "def test_reply(completion):\n"
            '    completion.create.return_value = {"choices": [{"text": "hi"}]}\n',
            provider="acme",
            message='mock target "openai.Completion" (the whole class) was removed in openai '
            '1.0; patch the method the migrated code calls, "openai.resources.completions.'
            'Completions.create", and set on that mock what the test sets on its create',
        ),
        Example(
            'from unittest import mock\n\n\n@mock.patch("openai.Completion.create")\n'
            "def test_reply(create):\n"
            '    create.return_value = {"choices": [{"text": "hi"}]}\n',
            provider="acme",
            after="from unittest import mock\n\nimport openai\n\n\n"
            '@mock.patch("openai.resources.completions.Completions.create")\n'
            "def test_reply(create):\n"
            "    create.return_value = openai.types.Completion.model_construct(\n"
            '        **{"choices": [{"text": "hi"}]}\n'
            "    )\n",
        ),
        Example(
            'from unittest import mock\n@mock.patch("openai.resources.embeddings.Embeddings.'
            'create")\ndef test_embed(create):\n    pass\n',
            finds=False,
            provider="acme",
        ),
        Example(
            "from unittest.mock import patch\n\nimport app\n\n\n"
            '@patch("app.openai")\ndef test_ask(m):\n'
            '    m.ChatCompletion.create.return_value.choices[0].message.content = "hi"\n'
            '    assert app.ask("x") == "hi"\n',
            message='mock target "app.openai" is used as the openai<1.0 API '
            "(m.ChatCompletion.create); migrated, app calls a v1 client instead "
            "(client.chat.completions.create), which this double misses, so the test sends "
            'real requests: patch "openai.resources.chat.completions.Completions.create" '
            "instead (review: that double replaces this method alone, not every use of "
            "openai in app)",
            provider="acme",
            after="from unittest.mock import patch\n\nimport app\n\n\n"
            '@patch("openai.resources.chat.completions.Completions.create")\n'
            "def test_ask(m):\n"
            '    m.return_value.choices[0].message.content = "hi"\n'
            '    assert app.ask("x") == "hi"\n',
        ),
        Example(
            'from unittest.mock import patch\n\n\n@patch("app.openai")\ndef test_ask(m):\n'
            '    m.OpenAI.return_value.chat.completions.create.return_value = "hi"\n',
            finds=False,
            provider="acme",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        patcher = last_name(node.func)
        if not node.args or node.args[0].keyword is not None:
            return
        if patcher in _STRING_PATCHERS and isinstance(node.args[0].value, cst.SimpleString):
            self._string_target(node, node.args[0].value, patcher == "delattr")
        if patcher in _OBJECT_PATCHERS and len(node.args) >= 2:
            self._object_target(node, patcher == "delattr")
        if patcher == "multiple" and len(node.args) >= 2:
            self._multiple(node)

    def _multiple(self, node: cst.Call) -> None:
        """`patch.multiple(openai.ChatCompletion, create=...)`: the class whose methods the
        keywords name, when each keeps its name in v1."""
        first = node.args[0].value
        legacy = self.ctx.legacy_resource(first)
        if legacy is None or legacy[1]:
            return
        resource = legacy[0]
        keywords = [a.keyword for a in node.args[1:] if a.keyword is not None]
        targets = {mock_target(resource, k.value) for k in keywords}
        found = targets.pop() if len(targets) == 1 else None
        if not keywords or found is None or len(keywords) != len(node.args) - 1:
            self.report(
                first,
                f"openai.{resource} was removed in openai 1.0; patch each method on the class "
                f"the migrated code calls: {_methods_of(resource) or 'none has a v1 target'}",
                fix=FixClass.MANUAL,
            )
            return
        module, cls, v1 = found
        path = f"{module}.{cls}"
        if isinstance(first, cst.Attribute):  # keep the module alias: `oa.ChatCompletion`
            path = self.ctx.code(first.value) + path.removeprefix("openai")
        # the class and the keywords (`acreate=` becomes `create=`) in one edit: longer than
        # the reference rule's edit of the same class, so a test module gets no client
        start, end = self.ctx.span(first).start, self.ctx.span(keywords[-1]).end
        text = self.ctx.text[start:end]
        for keyword_name in reversed(keywords):
            name = self.ctx.span(keyword_name)
            text = text[: name.start - start] + v1 + text[name.end - start :]
        text = path + text[self.ctx.span(first).end - start :]
        imports: tuple[str, ...] = ()
        if not isinstance(first, cst.Attribute):  # from openai import ChatCompletion
            sdk_name, statement = self.ctx.sdk_module
            text, imports = sdk_name + text.removeprefix("openai"), (statement,)
        edit = Edit(Span(start, end), text, imports)
        message = f"openai.{resource} was removed in openai 1.0; patch {module}.{cls}"
        self._report(first, message, edit, [])

    def _whole_class(self, where: cst.CSTNode, shown: str, resource: str) -> None:
        methods = _methods_of(resource)
        if methods:
            advice = (
                f"patch the method the migrated code calls, {methods}, and set on that mock "
                "what the test sets on its create"
            )
        else:
            advice = "it has no v1 equivalent: rewrite the code and the test together"
        self.report(
            where,
            f"mock target {shown} (the whole class) was removed in openai 1.0; {advice}",
            fix=FixClass.MANUAL,
        )

    def _string_target(self, node: cst.Call, target: cst.SimpleString, removes: bool) -> None:
        value = string_value(target) or ""
        parts = value.split(".")
        if len(parts) > 1 and parts[-1] == "openai" and not removes:
            module = ".".join(parts[:-1])
            self._module_double(node, target, f'"{value}"', module, _replacement(node, 1))
            return
        if len(parts) < 2 or parts[0] != "openai" or parts[1] not in sdk.LEGACY_RESOURCES:
            return
        if len(parts) == 2:
            self._whole_class(target, f'"{value}"', parts[1])
            return
        found = mock_target(parts[1], parts[2]) if len(parts) == 3 else None
        if found is None:
            self.report(
                target,
                f'mock target "{value}" was removed in openai 1.0' + _unknown(parts[1]),
                fix=FixClass.MANUAL,
            )
            return
        self._doubled(node, parts[1], parts[2])
        new = ".".join(found[:2]) + "." + found[2]
        text = requote(target, new)
        edit = Edit(self.ctx.span(target), text) if text else None
        message = f'mock target "{value}" was removed in openai 1.0; patch "{new}"'
        self._report(target, message, edit, [] if removes else node.args[1:])

    def _object_target(self, node: cst.Call, removes: bool) -> None:
        first, second = node.args[0].value, node.args[1].value
        if node.args[1].keyword is not None:
            return
        if string_value(second) == "openai" and not removes:
            shown = f"{self.ctx.code(first)}.openai"
            self._module_double(node, first, shown, _dotted(first), _replacement(node, 2))
            return
        if self.ctx.is_openai_module(first) and (string_value(second) or "") in (
            sdk.LEGACY_RESOURCES
        ):
            resource = string_value(second) or ""
            self._whole_class(first, f"openai.{resource}", resource)
            return
        legacy = self.ctx.legacy_resource(first)
        if legacy is None or legacy[1]:
            return
        resource, method = legacy[0], string_value(second) or ""
        found = mock_target(resource, method)
        if found is None:
            self.report(
                first,
                f"openai.{resource}.{method or '...'} was removed in openai 1.0"
                + _unknown(resource),
                fix=FixClass.MANUAL,
            )
            return
        self._doubled(node, resource, method)
        module, cls, v1 = found
        message = (
            f'openai.{resource}.{method} was removed in openai 1.0; patch {module}.{cls}, "{v1}"'
        )
        edit = None
        if isinstance(second, cst.SimpleString):
            imports: tuple[str, ...] = ()
            if isinstance(first, cst.Attribute):  # keep the module alias: `oa.ChatCompletion`
                path = self.ctx.code(first.value) + module.removeprefix("openai")
            else:  # from openai import ChatCompletion
                sdk_name, statement = self.ctx.sdk_module
                path, imports = sdk_name + module.removeprefix("openai"), (statement,)
            name = requote(second, v1)
            start, end = self.ctx.span(first).start, self.ctx.span(second)
            between = self.ctx.text[self.ctx.span(first).end : end.start]
            if name is not None:
                edit = Edit(Span(start, end.end), f"{path}.{cls}{between}{name}", imports)
        self._report(first, message, edit, [] if removes else node.args[2:])

    def _module_double(
        self,
        call: cst.Call,
        where: cst.BaseExpression,
        shown: str,
        module: str | None,
        new: cst.BaseExpression | None,
    ) -> None:
        """`patch("app.openai")`, `patch.object(app, "openai")`: a double of the name a module
        calls the openai<1.0 API through, which the test uses as that API
        (`m.ChatCompletion.create.return_value = ...`). Once migrated, the module calls a v1
        client, which the double does not replace."""
        accesses = self._mock_accesses(call, new)
        uses = [u for u in (self._legacy_use(name, only) for name, only in accesses) if u]
        if not uses:
            return
        mock = uses[0].name.value
        pairs = list(dict.fromkeys((u.resource, u.method) for u in uses))
        used = ", ".join(f"{mock}.{resource}.{method}" for resource, method in pairs)
        head = f"mock target {shown} is used as the openai<1.0 API ({used})"
        calls = [c for c in (v1_call(*pair) for pair in pairs) if c is not None]
        if not calls:
            self.report(
                where,
                f"{head}, which v1 lacks: rewrite the code and the test together",
                fix=FixClass.MANUAL,
            )
            return
        head += (
            f"; migrated, {module or 'the module'} calls a v1 client instead "
            f"({', '.join(calls)}), which this double misses, so the test sends real requests"
        )
        rewritten = self._rewritten(call, where, len(accesses), uses)
        if rewritten is None:
            advice = _client_advice(module, calls[0], [mock_target(*pair) for pair in pairs])
            self.report(
                where,
                f"{head}: {advice}, and set there what the test sets on {used}",
                fix=FixClass.MANUAL,
            )
            return
        path, text = rewritten
        message = (
            f'{head}: patch "{path}" instead (review: that double replaces this method alone, '
            f"not every use of openai in {module})"
        )
        self.report(where, message, fix=FixClass.REVIEW, edit=self._edit(where, text))
        self._method_mock(path, uses)

    def _method_mock(self, path: str, uses: list[_MockUse]) -> None:
        """`m.ChatCompletion.create.return_value` becomes `m.return_value` once the patch
        targets the v1 method (`path`); a dict assigned there becomes the v1 response."""
        mock, resource, method = uses[0].name.value, uses[0].resource, uses[0].method
        cls = sdk.LEGACY_RESPONSE_TYPES.get((resource, method))
        for use in uses:
            self.report(
                use.access,
                f'{mock}.{resource}.{method} becomes {mock}: the double of "{path}" is that '
                "method itself",
                fix=FixClass.SAFE,
                edit=self._edit(use.access, mock),
            )
            if cls is not None and use.assigned is not None and use.attr in _DOUBLE_RESULTS:
                for value in self._dicts(use.attr, use.assigned):
                    self._response_built(value, cls, f"openai.{resource}.{method}")

    def _edit(self, node: cst.CSTNode, text: str) -> Edit | None:
        """An edit replacing `node`, made only when migrating to a provider."""
        return Edit(self.ctx.span(node), text) if self.ctx.rules.provider else None

    def _mock_accesses(
        self, call: cst.Call, new: cst.BaseExpression | None
    ) -> list[tuple[cst.Name, bool]]:
        """The reads of the double a patch call sets (`new`, a name), or of the mock it makes
        and binds, in the order of the text; each with whether it reads that double alone
        (no other binding of the name reaches it)."""
        if new is None:
            bound = self.bound_mocks.get(id(call))
            if not isinstance(bound, cst.Name) or (scope := self.ctx.scope(bound)) is None:
                return []
            assignments = [
                a
                for a in scope.assignments[bound.value]
                if isinstance(a, Assignment) and bound in (a.node, getattr(a.node, "name", None))
            ]
        elif isinstance(new, cst.Name):
            assignments = [a for a in self.ctx.bindings(new) if isinstance(a, Assignment)]
        else:
            return []
        reads = {id(r.node): r for a in assignments for r in a.references}
        ordered = sorted(reads.values(), key=lambda r: self.ctx.span(r.node).start)
        return [(r.node, len(r.referents) == 1) for r in ordered if isinstance(r.node, cst.Name)]

    def _legacy_use(self, name: cst.Name, only: bool) -> _MockUse | None:
        """`m.ChatCompletion.create...`: a read of a double as an openai<1.0 method."""
        parents = self.ctx.ancestors(name)
        if len(parents) < 3:
            return None
        resource, access, after = parents[-1], parents[-2], parents[-3]
        if not (
            isinstance(resource, cst.Attribute)
            and resource.value is name
            and resource.attr.value in sdk.LEGACY_RESOURCES
            and isinstance(access, cst.Attribute)
            and access.value is resource
            and access.attr.value in sdk.LEGACY_METHODS
        ):
            return None
        attr = after.attr.value if isinstance(after, cst.Attribute) else None
        assigned = None
        if len(parents) >= 5 and isinstance(parents[-4], cst.AssignTarget):
            statement = parents[-5]
            assigned = statement.value if isinstance(statement, cst.Assign) else None
        return _MockUse(access, name, resource.attr.value, access.attr.value, attr, assigned, only)

    def _rewritten(
        self, call: cst.Call, where: cst.BaseExpression, reads: int, uses: list[_MockUse]
    ) -> tuple[str, str] | None:
        """The v1 target of `patch("app.openai")` (one string argument) and its quoted text,
        when every read of the mock it binds is `m.Resource.method.<attribute>` with one
        synchronous method: that mock then stands for the v1 method itself."""
        first = uses[0]
        if (
            not isinstance(where, cst.SimpleString)
            or last_name(call.func) != "patch"
            or len(call.args) != 1
            or len(uses) != reads
            or first.method in sdk.ASYNC_LEGACY_METHODS
            or any(not u.only or u.attr is None for u in uses)
            or any((u.resource, u.method) != (first.resource, first.method) for u in uses)
        ):
            return None
        found = mock_target(first.resource, first.method)
        if found is None:
            return None
        path = ".".join(found[:2]) + "." + found[2]
        text = requote(where, path)
        return None if text is None else (path, text)

    @functools.cached_property
    def bound_mocks(self) -> dict[int, cst.CSTNode]:
        """id(patch call) -> the name its mock is bound to: `with patch(...) as m`,
        `m = mocker.patch(...)`, or the parameter a `@patch(...)` decorator passes."""
        found: dict[int, cst.CSTNode] = {}

        class Bound(cst.CSTVisitor):
            def visit_WithItem(self, node: cst.WithItem) -> None:
                if node.asname is not None and isinstance(node.asname.name, cst.Name):
                    found[id(node.item)] = node.asname.name

            def visit_Assign(self, node: cst.Assign) -> None:
                if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                    found[id(node.value)] = node.targets[0].target

            def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
                calls = [d.decorator for d in node.decorators]
                if not all(
                    isinstance(c, cst.Call) and last_name(c.func) in ("patch", "object")
                    for c in calls
                ):
                    return  # another decorator may pass arguments too
                params = list(node.params.params)
                if params and params[0].name.value in ("self", "cls"):
                    params = params[1:]
                injecting = [
                    c
                    for c in reversed(calls)
                    if isinstance(c, cst.Call)
                    and not any(
                        a.keyword and a.keyword.value in ("new", "new_callable") for a in c.args
                    )
                    and len([a for a in c.args if a.keyword is None])
                    < (3 if last_name(c.func) == "object" else 2)
                ]
                for call, param in zip(injecting, params, strict=False):
                    found[id(call)] = param.name

        self.ctx.module.visit(Bound())
        return found

    @functools.cached_property
    def return_values(self) -> list[tuple[cst.Name, str, cst.BaseExpression]]:
        """`m.return_value = ...` and `m.side_effect = ...` assignments: the mock's name,
        the attribute and the value."""
        found: list[tuple[cst.Name, str, cst.BaseExpression]] = []

        class Returns(cst.CSTVisitor):
            def visit_Assign(self, node: cst.Assign) -> None:
                target = node.targets[0].target if len(node.targets) == 1 else None
                if (
                    isinstance(target, cst.Attribute)
                    and target.attr.value in _DOUBLE_RESULTS
                    and isinstance(target.value, cst.Name)
                ):
                    found.append((target.value, target.attr.value, node.value))

        self.ctx.module.visit(Returns())
        return found

    def _dicts(self, kind: str, value: cst.BaseExpression) -> list[cst.BaseExpression]:
        """The dicts a double gives back: a `return_value` written as a dict or a name bound
        once to one; each such item of a `side_effect` list (the results of successive
        calls)."""
        if kind == "side_effect":
            if not isinstance(value, (cst.List, cst.Tuple)):
                return []
            items = [e.value for e in value.elements if isinstance(e, cst.Element)]
            return [d for item in items for d in self._dicts("return_value", item)]
        target = self.ctx.bound_value(value) if isinstance(value, cst.Name) else value
        if isinstance(target, cst.Dict) and target.elements:  # `{}`: nothing to read
            return [value]
        return []

    def _doubled(self, call: cst.Call, resource: str, method: str) -> None:
        """A double's return value written as a dict: migrated code reads attributes, so
        the double returns the v1 response class built from that dict."""
        is_async = method in sdk.ASYNC_LEGACY_METHODS
        cls = sdk.LEGACY_RESPONSE_TYPES.get((resource, method[1:] if is_async else method))
        if cls is None:
            return
        values: list[cst.BaseExpression] = []
        for arg in call.args:
            if arg.keyword and arg.keyword.value in _DOUBLE_RESULTS:
                values.extend(self._dicts(arg.keyword.value, arg.value))
        bound = self.bound_mocks.get(id(call))
        if bound is not None:
            for name, kind, value in self.return_values:
                if any(
                    isinstance(b, Assignment) and bound in (b.node, getattr(b.node, "name", None))
                    for b in self.ctx.bindings(name)
                ):
                    values.extend(self._dicts(kind, value))
        for value in values:
            self._response_built(value, cls, f"openai.{resource}.{method}")

    def _response_built(self, value: cst.BaseExpression, cls: str, shown: str) -> None:
        """A dict a double returns becomes the v1 response `cls` built from it."""
        sdk_name, statement = self.ctx.sdk_module
        cls = sdk_name + cls.removeprefix("openai")
        text = f"{cls}.model_construct(**{self.ctx.code(value)})"
        edit = Edit(self.ctx.span(value), text, (statement,))
        message = (
            f"this double of {shown} returns a dict; migrated code reads "
            f"its fields as attributes: return {cls}.model_construct(**{{...}})"
        )
        self.report(
            value,
            message,
            fix=FixClass.REVIEW,
            edit=edit if self.ctx.rules.provider else None,
        )

    def _report(self, where, message: str, edit: Edit | None, rest) -> None:
        """Report; a double given as a plain function (not a Mock) is for review: set on the
        v1 class, it receives the resource instance (`self`) before the call's arguments."""
        fix = FixClass.SAFE if edit else FixClass.MANUAL
        edit = edit if self.ctx.rules.provider else None
        new = [a.value for a in rest if a.keyword is None or a.keyword.value in ("new", "value")]
        if new and not self._is_mock(new[0]):
            message += (
                " (a plain function set on the class now receives the resource as self first)"
            )
            fix = FixClass.REVIEW if fix is FixClass.SAFE else fix
        self.report(where, message, fix=fix, edit=edit)

    @staticmethod
    def _is_mock(node: cst.BaseExpression) -> bool:
        """`MagicMock()`, `mock.AsyncMock(...)`, `create_autospec(...)`: not a descriptor."""
        if not isinstance(node, cst.Call):
            return False
        name = last_name(node.func) or ""
        return name.endswith("Mock") or name == "create_autospec"


_DOUBLE_RESULTS = ("return_value", "side_effect")


@dataclass(frozen=True)
class _MockUse:
    """`m.ChatCompletion.create`: a test's read of a double of a module's openai name as an
    openai<1.0 method, with what follows it (`.return_value`, and the value assigned to
    that) and whether the name can be that double alone there."""

    access: cst.Attribute
    name: cst.Name
    resource: str
    method: str
    attr: str | None
    assigned: cst.BaseExpression | None
    only: bool


def _replacement(call: cst.Call, position: int) -> cst.BaseExpression | None:
    """The double a patch call sets: its argument at `position`, or `new=` / `value=`;
    None when the patcher makes the mock itself."""
    positional = [a for a in call.args if a.keyword is None]
    if len(positional) > position:
        return positional[position].value
    given = keyword_arg(call, "new") or keyword_arg(call, "value")
    return given.value if given is not None else None


def _dotted(node: cst.BaseExpression) -> str | None:
    """`pkg.app` for a name or a chain of attributes on one; None otherwise."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def _client_advice(
    module: str | None, call: str, targets: list[tuple[str, str, str] | None]
) -> str:
    """What to patch instead of a module's openai: the method on the module's client, or
    on the v1 class (which every client's calls go through)."""
    example = ""
    if module is not None and not call.startswith("await "):
        example = f' (e.g. "{module}.{call}")'
    classes = [f'"{t[0]}.{t[1]}.{t[2]}"' for t in targets if t is not None]
    advice = f"patch the module's client{example}"
    if classes:
        noun = "class" if len(classes) == 1 else "classes"
        advice += f" or the v1 {noun} ({', '.join(classes)})"
    return advice


def _unknown(resource: str) -> str:
    """What to patch for a v0 method without a known v1 target."""
    path = sdk.LEGACY_RESOURCES.get(resource, "")
    if not path:
        return " and has no v1 equivalent: rewrite the code and the test together"
    return (
        "; migrate-llm knows no v1 target for it: patch the method of the class behind "
        f"client.{path} (under openai.resources) that the migrated code calls"
    )


LEGACY_RESULT_RULES = (LegacyResponse, LegacyMock)
