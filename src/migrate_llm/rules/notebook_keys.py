"""A notebook's key cell: the variable a person fills with the key (`OPENAI_API_KEY = "YOUR API
KEY HERE"`) that the notebook's clients take (`OpenAI(api_key=OPENAI_API_KEY)`).

Pointing such a client at the provider's key variable would leave the cell the notebook tells
its reader to fill unread (a Colab user pasting the key there got 401 for "Bearer unset").
Where the cell holds a stand-in, not a key, `apply` renames the variable to the provider's
key variable's name with a stand-in naming the provider (`MOONSHOT_API_KEY = "your Moonshot
AI (Kimi) API key"`), takes OpenAI's name out of a comment after it that asks for OpenAI's
key, and the clients read that variable. A value that may be a key keeps the provider's
environment variable (an OpenAI key is never carried over to the provider); so do scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Edit, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.config_common import stand_in
from migrate_llm.rules.key_prompts import unnamed
from migrate_llm.rules.python_context import PythonContext, string_value

NOTEBOOK_SUFFIX = ".ipynb"
# the stand-in the renamed variable holds: the provider's name, for the key to paste there
STAND_IN = "your {name} API key"


@dataclass(frozen=True)
class KeyCell:
    """The assignment of a notebook's key variable (`assign`, at module level), its name and
    the provider's key variable's name it gets, and the edit renaming it (its stand-in and a
    comment after it asking for OpenAI's key reworded)."""

    assign: cst.Assign
    name: str
    new_name: str
    edit: Edit


def key_cell(
    ctx: PythonContext, call: cst.Call, switched: Callable[[cst.Call], bool]
) -> KeyCell | None:
    """The key cell a client construction `call` of a notebook takes its key from
    (`api_key=NAME`): NAME bound once, at module level, to a plain string literal that is
    empty or a stand-in (`config_common.stand_in`), read nowhere but as the `api_key=` of
    client constructions that `apply` points at the provider (`switched`), the provider's
    key variable's name unused in the notebook. None otherwise."""
    provider = ctx.rules.provider
    if provider is None or not ctx.path.endswith(NOTEBOOK_SUFFIX):
        return None
    arg = next((a for a in call.args if a.keyword and a.keyword.value == "api_key"), None)
    if arg is None or not isinstance(arg.value, cst.Name):
        return None
    name = arg.value.value
    new_name = provider.api_key_env
    if new_name in ctx.index.names:
        return None
    bound = ctx.bindings(arg.value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    binding = bound[0]
    assign = _module_assignment(ctx, binding)
    if assign is None or not all(_reads_key(ctx, a.node, switched) for a in binding.references):
        return None
    return KeyCell(assign, name, new_name, _renamed(ctx, assign, new_name, provider))


def _module_assignment(ctx: PythonContext, binding: Assignment) -> cst.Assign | None:
    """`NAME = "<stand-in>"`, a statement of the module's own (not inside a block), where
    `binding` is made by it."""
    assign = _parent(ctx, binding.node)
    if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return None
    found = ctx.index.statements.get(id(assign))
    if found is None or not found[2]:
        return None
    value = assign.value
    text = string_value(value)
    if not isinstance(value, cst.SimpleString) or text is None:
        return None
    if value.prefix.lower() not in ("", "u") or not (stand_in(text) or not text.strip()):
        return None
    return assign


def _parent(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The statement an assignment target stands in (the `Assign` above its `AssignTarget`)."""
    above = ctx.ancestors(node)
    return above[-2] if len(above) >= 2 and isinstance(above[-1], cst.AssignTarget) else None


def _reads_key(ctx: PythonContext, node: cst.CSTNode, switched: Callable[[cst.Call], bool]) -> bool:
    """Whether a read of the key variable is the `api_key=` of a client construction that
    `apply` points at the provider."""
    above = ctx.ancestors(node)
    if len(above) < 2:
        return False
    arg, call = above[-1], above[-2]
    return (
        isinstance(arg, cst.Arg)
        and arg.keyword is not None
        and arg.keyword.value == "api_key"
        and isinstance(call, cst.Call)
        and switched(call)
    )


def _renamed(ctx: PythonContext, assign: cst.Assign, new_name: str, provider: Provider) -> Edit:
    """The edit writing `assign` as `<new_name> = "<stand-in naming the provider>"`, the
    quotes and spacing kept, and a comment after it that names OpenAI's key without OpenAI's
    name (`key_prompts.unnamed`: "# enter your API key here"; the provider's name there would
    make the line too long for most line lengths, and the stand-in names it)."""
    value = assign.value
    assert isinstance(value, cst.SimpleString)
    start = ctx.span(assign.targets[0].target).start
    end = ctx.span(value).end
    between = ctx.text[ctx.span(assign.targets[0].target).end : ctx.span(value).start]
    text = f"{new_name}{between}{value.quote}{STAND_IN.format(name=provider.name)}{value.quote}"
    line = ctx.index.statements[id(assign)][0]
    comment = line.trailing_whitespace.comment
    if comment is not None and len(line.body) == 1:
        new = unnamed(comment.value)
        at = ctx.text.find(comment.value, end)
        if new is not None and new != comment.value and not ctx.text[end:at].strip():
            text += ctx.text[end:at] + new
            end = at + len(comment.value)
    return Edit(Span(start, end), text)
