"""Whether a value holds OpenAI's token ids, as the module shows it (ML114).

An embeddings request takes text or token ids; only OpenAI's endpoint takes the ids, which
number tokens of OpenAI's tokenizer. Shown: a tiktoken encoding's `encode(...)` (and the
other `openai_sdk.TOKEN_ID_METHODS`), the encoding made in place
(`tiktoken.get_encoding("cl100k_base").encode(text)`) or by a name bound once; a slice of
such a value (`[:8191]`), `list(...)`, `iter(...)` or `itertools.islice(...)` of one, a list
display or comprehension of them, a name bound once to any of these (also by `:=`), a list
bound once to `[]` that only `.append()` or `.extend()` grow, one of them with such a value,
and the call of a function of the module every `return` of which gives one (kotaemon's
`chunks(text)` returning the pieces of `iter(encoding.encode(text))`, extended into the
embeddings input, t66d).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.openai_sdk import TOKEN_ID_METHODS, TOKENIZER_ENCODINGS
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.python_context import PythonContext

# how many names bound once, lists grown and functions returning are followed
_DEPTH = 8
# functions returning the items of their first argument, some of them: itertools' `islice`
_SLICERS = frozenset({"itertools.islice"})


def token_ids(ctx: PythonContext, value: cst.BaseExpression, depth: int = 0) -> str | None:
    """The tiktoken method whose ids `value` holds (`encode`), or None when not shown."""
    if isinstance(value, cst.Call):
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in TOKEN_ID_METHODS:
            return func.attr.value if _encoding(ctx, func.value, depth) else None
        if isinstance(func, cst.Name) and func.value in ("list", "iter") and len(value.args) == 1:
            return token_ids(ctx, value.args[0].value, depth)
        if value.args and qualified(ctx, func, _SLICERS) is not None:
            return token_ids(ctx, value.args[0].value, depth)  # `islice(ids, size)`
        return _returned(ctx, value, depth)
    if isinstance(value, cst.Subscript):
        whole = len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Slice)
        return token_ids(ctx, value.value, depth) if whole else None
    if isinstance(value, (cst.List, cst.Tuple)) and value.elements:
        found = [
            None if isinstance(e, cst.StarredElement) else token_ids(ctx, e.value, depth)
            for e in value.elements
        ]
        return found[0] if all(found) else None
    if isinstance(value, cst.ListComp):
        return token_ids(ctx, value.elt, depth)
    bound = _bound_value(ctx, value, depth)
    if bound is None:
        return None
    return token_ids(ctx, bound, depth + 1) or _grown(ctx, value, depth)


def _all_ids(ctx: PythonContext, values: list[cst.BaseExpression], depth: int) -> str | None:
    """The method whose ids every one of `values` holds; None for none or any other."""
    found = [token_ids(ctx, v, depth + 1) for v in values]
    return found[0] if found and all(found) else None


def _grown(ctx: PythonContext, value: cst.BaseExpression, depth: int) -> str | None:
    """For a name bound once to `[]` whose every other use is `.append(x)` or `.extend(x)`
    called on it, or a read, the ids one of those `x` holds."""
    if not isinstance(value, cst.Name) or depth >= _DEPTH:
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    empty = ctx.index.assigned.get(id(bound[0].node))
    if not isinstance(empty, cst.List) or empty.elements:
        return None
    added: list[cst.BaseExpression] = []
    for access in bound[0].references:
        parents = ctx.ancestors(access.node)
        if len(parents) < 2 or not isinstance(method := parents[-1], cst.Attribute):
            continue  # a read (`input=inputs`, `len(inputs)`)
        call = parents[-2]
        if (
            method.attr.value not in ("append", "extend")
            or not isinstance(call, cst.Call)
            or call.func is not method
            or len(call.args) != 1
        ):
            return None  # changed otherwise (`inputs.insert(...)`, `inputs += ...`)
        added.append(call.args[0].value)
    # one of them holding ids sends ids on the path that adds it (kotaemon's `input_` gets
    # the ids of a text too long, else the text itself)
    return next((m for v in added if (m := token_ids(ctx, v, depth + 1))), None)


def _returned(ctx: PythonContext, call: cst.Call, depth: int) -> str | None:
    """For a call of a function defined at the module's top level, by its name, the ids
    every value it returns holds."""
    if not isinstance(call.func, cst.Name) or depth >= _DEPTH:
        return None
    bound = ctx.bindings(call.func)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    function = bound[0].node
    if not isinstance(function, cst.FunctionDef):
        return None
    start = ctx.index_of(function)
    returned = []
    for node in ctx.nodes[start + 1 : ctx.ends[start]]:
        if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None  # a nested function's returns would be counted as this one's
        if isinstance(node, cst.Return):
            if node.value is None:
                return None
            returned.append(node.value)
    return _all_ids(ctx, returned, depth)


def _encoding(ctx: PythonContext, value: cst.BaseExpression, depth: int) -> bool:
    """Whether `value` is a tiktoken encoding: `tiktoken.get_encoding(...)`,
    `tiktoken.encoding_for_model(...)`, or a name bound once to one."""
    if isinstance(value, cst.Call):
        return qualified(ctx, value.func, TOKENIZER_ENCODINGS) is not None
    bound = _bound_value(ctx, value, depth)
    return bound is not None and _encoding(ctx, bound, depth + 1)


def _bound_value(
    ctx: PythonContext, value: cst.BaseExpression, depth: int
) -> cst.BaseExpression | None:
    """The value of the one plain assignment of a name; None for anything else."""
    if not isinstance(value, cst.Name) or depth >= _DEPTH:
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    parents = ctx.ancestors(node)
    if parents and isinstance(walrus := parents[-1], cst.NamedExpr) and walrus.target is node:
        return walrus.value  # `while piece := list(islice(tokens, size))`
    return ctx.index.assigned.get(id(node))
