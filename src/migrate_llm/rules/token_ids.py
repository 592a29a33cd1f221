"""Whether a value holds OpenAI's token ids, as the module shows it (ML114).

An embeddings request takes text or token ids; only OpenAI's endpoint takes the ids, which
number tokens of OpenAI's tokenizer. Shown: a tiktoken encoding's `encode(...)` (and the
other `openai_sdk.TOKEN_ID_METHODS`), the encoding made in place
(`tiktoken.get_encoding("cl100k_base").encode(text)`) or by a name bound once; a slice of
such a value (`[:8191]`), `list(...)` of one, a list display or comprehension of them, and a
name bound once to any of these.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.openai_sdk import TOKEN_ID_METHODS, TOKENIZER_ENCODINGS
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.python_context import PythonContext

# how many names bound once are followed
_DEPTH = 4


def token_ids(ctx: PythonContext, value: cst.BaseExpression, depth: int = 0) -> str | None:
    """The tiktoken method whose ids `value` holds (`encode`), or None when not shown."""
    if isinstance(value, cst.Call):
        func = value.func
        if isinstance(func, cst.Attribute) and func.attr.value in TOKEN_ID_METHODS:
            return func.attr.value if _encoding(ctx, func.value, depth) else None
        if isinstance(func, cst.Name) and func.value == "list" and len(value.args) == 1:
            return token_ids(ctx, value.args[0].value, depth)
        return None
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
    return token_ids(ctx, bound, depth + 1) if bound is not None else None


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
    return ctx.index.assigned.get(id(bound[0].node))
