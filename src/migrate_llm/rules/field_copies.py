"""A field's default and the UI's copy of it, written in one field factory call.

open_deep_research shows its settings' defaults in a UI: `Field(default="openai:gpt-4.1",
metadata={"x_oap_ui_config": {"type": "text", "default": "openai:gpt-4.1"}})`. An entry
named `default` (`sdk.FIELD_SHOWN_DEFAULT`) of the dict given as `metadata=` or
`json_schema_extra=` (`sdk.FIELD_DESCRIBING_KEYWORDS`), at any depth, is the UI's copy of the
field's default: ML204 writes there what it writes in the default (`copies`), so that the UI
shows the model the program uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

if TYPE_CHECKING:
    from migrate_llm.rules.model_places import Site


@dataclass(frozen=True)
class ShownDefault:
    """The field a UI copy of a default belongs to: its factory's call, the keyword of the
    describing dict (`metadata`) and the value of the field's default."""

    call: cst.Call
    keyword: str
    default: cst.BaseExpression

    @property
    def label(self) -> str:
        """How a message names the copy: `entry 'default' of metadata=`."""
        return f"entry {sdk.FIELD_SHOWN_DEFAULT!r} of {self.keyword}="


def shown_default(ctx: PythonContext, node: cst.CSTNode) -> ShownDefault | None:
    """The field whose default `node` is the UI's copy of: the value of an entry `default` of
    a dict display, alone or in dict displays each the value of an entry of the next, given
    as `metadata=` or `json_schema_extra=` to a field factory call (`sdk.FIELD_FACTORIES`)
    that has a default (`default=`, or `Field`'s first argument)."""
    parents = ctx.ancestors(node)
    i = len(parents) - 1
    if i < 3 or not _entry_value(parents[i], node, sdk.FIELD_SHOWN_DEFAULT):
        return None
    i -= 1  # the dict display holding the entry
    while i >= 2 and isinstance(parents[i], cst.Dict) and _entry_value(parents[i - 1], parents[i]):
        i -= 2  # climb to the dict display holding this one as a value
    if i < 2 or not isinstance(parents[i], cst.Dict):
        return None
    arg, call = parents[i - 1], parents[i - 2]
    if not (
        isinstance(arg, cst.Arg)
        and arg.value is parents[i]
        and arg.keyword is not None
        and arg.keyword.value in sdk.FIELD_DESCRIBING_KEYWORDS
        and isinstance(call, cst.Call)
        and last_name(call.func) in sdk.FIELD_FACTORIES
    ):
        return None
    default = field_default(call)
    return ShownDefault(call, arg.keyword.value, default) if default is not None else None


def field_default(call: cst.Call) -> cst.BaseExpression | None:
    """The value of the default of a field factory call: `default=`, or `Field`'s first
    argument."""
    for index, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == "default":
            return arg.value
        if index == 0 and arg.keyword is None and not arg.star and last_name(call.func) == "Field":
            return arg.value
    return None


def copy_of(ctx: PythonContext, default: cst.CSTNode, copy: cst.CSTNode) -> ShownDefault | None:
    """The field where `copy` is the UI's copy of the default holding `default` (the default
    itself, or a literal in it: `Field(default=os.getenv("M", "gpt-4o"))`), else None."""
    shown = shown_default(ctx, copy)
    if shown is None:
        return None
    return shown if _within(ctx, default, shown.default) else None


def copies(
    ctx: PythonContext, settings: Iterable[Site], others: Iterable[Site]
) -> dict[int, tuple[Site, ShownDefault]]:
    """The sites of `others` that are the UI's copy of the default of a field whose default
    holds a site of `settings` with the same literal, by id of their node, with that setting
    and the field."""
    candidates = []
    for other in others:
        shown = shown_default(ctx, other.node)
        if shown is not None:
            candidates.append((other, shown))
    if not candidates:
        return {}
    settings = list(settings)
    found: dict[int, tuple[Site, ShownDefault]] = {}
    for other, shown in candidates:
        written = string_value(other.node)
        same = [
            s
            for s in settings
            if string_value(s.node) == written and _within(ctx, s.node, shown.default)
        ]
        if len(same) == 1:
            found[id(other.node)] = (same[0], shown)
    return found


def _entry_value(element: cst.CSTNode, value: cst.CSTNode, key: str | None = None) -> bool:
    """Whether `element` is a dict entry whose value is `value` (and whose key is `key`)."""
    return (
        isinstance(element, cst.DictElement)
        and element.value is value
        and (key is None or string_value(element.key) == key)
    )


def _within(ctx: PythonContext, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    return node is outer or any(above is outer for above in ctx.ancestors(node))
