"""Which SDK requests ask for structured outputs (an answer that follows a JSON schema).

Read from the tables of `openai_sdk` (STRUCTURED_HELPERS, STRUCTURED_ARGUMENTS): the parse
helpers, `chat.completions.stream(response_format=Answer)`, `responses.stream(text_format=...)`
and a `response_format` / `text` dict of type json_schema given to any method. A request needs
the provider's `[supports]` for its own surface and for `structured_outputs` (ML101, ML102).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import CallInfo, PythonContext, keyword, string_value


def request_surfaces(
    ctx: PythonContext | None, call: cst.Call | None, info: CallInfo
) -> tuple[str, ...]:
    """The `[supports]` surfaces a request needs: its API's (or the one an argument it passes
    puts it on, `sdk.KEYWORD_SURFACES`: `responses.create(background=True)`, or a value it
    writes, `value_surface`), then `structured_outputs` where it asks for a JSON schema (with
    no call at hand, where its method is a parse helper)."""
    surface = info.surface
    if call is not None:
        surface = _keyword_surface(call, surface)
        valued = value_surface(ctx, call, info) if ctx is not None else None
        surface = valued[2] if valued is not None else surface
    if ctx is not None and call is not None:
        asks = _schema_argument(ctx, call, info) or (
            (info.surface, info.method) in sdk.STRUCTURED_HELPERS
            and not _other_format(ctx, call, info)
            and not tools_only(call, info)
        )
    else:
        asks = (info.surface, info.method) in sdk.STRUCTURED_HELPERS
    return (surface, sdk.STRUCTURED_OUTPUTS) if asks else (surface,)


def tools_only(call: cst.Call, info: CallInfo) -> bool:
    """Whether `call`, a parse helper, is given no format at all (no `response_format`, `text`
    or `text_format`, nothing spread with `**`): it then sends no schema for the answer, only
    its tools, which the helper makes strict (`"strict": true`, ML111 reads them)."""
    if (info.surface, info.method) not in sdk.STRUCTURED_HELPERS:
        return False
    if any(arg.star == "**" for arg in call.args):
        return False
    names = {name for (surface, name) in sdk.STRUCTURED_ARGUMENTS if surface == info.surface}
    return all(keyword(call, name) is None for name in names)


def _other_format(ctx: PythonContext, call: cst.Call, info: CallInfo) -> bool:
    """Whether `call` (a parse helper) is given a format dict naming another type than
    json_schema (`response_format={"type": "json_object"}`), which the helper sends as it is."""
    for (surface, name), keys in sdk.STRUCTURED_ARGUMENTS.items():
        arg = keyword(call, name) if surface == info.surface and keys else None
        kind: cst.BaseExpression | None = visible_value(ctx, arg.value) if arg is not None else None
        if not isinstance(kind, cst.Dict):
            continue
        for key in keys:
            kind = dict_entry(ctx, kind, key)
        text = string_value(kind) if kind is not None else None
        if text is not None and text != sdk.STRUCTURED_TYPE:
            return True
    return False


def _keyword_surface(call: cst.Call, surface: str) -> str:
    """The surface an argument of `call` puts it on, other than a literal False or None."""
    for (on, name), other in sdk.KEYWORD_SURFACES.items():
        arg = keyword(call, name) if on == surface else None
        if arg is not None and not (
            isinstance(arg.value, cst.Name) and arg.value.value in ("False", "None")
        ):
            return other
    return surface


def value_surface(
    ctx: PythonContext, call: cst.Call, info: CallInfo
) -> tuple[str, str, str] | None:
    """(keyword, value, surface) where `call` writes a value (a literal or a constant) that
    puts it on another API's surface (`sdk.VALUE_SURFACES`: `files.create(purpose=
    "assistants")`, a file for the Assistants API); None otherwise."""
    for (on, name, value), other in sdk.VALUE_SURFACES.items():
        arg = keyword(call, name) if on == info.surface else None
        resolved = ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is not None and resolved[1] == value:
            return name, value, other
    return None


def _schema_argument(ctx: PythonContext, call: cst.Call, info: CallInfo) -> bool:
    """Whether `call` passes an argument asking for a JSON schema (`sdk.STRUCTURED_ARGUMENTS`)."""
    for (surface, name), keys in sdk.STRUCTURED_ARGUMENTS.items():
        arg = keyword(call, name) if surface == info.surface else None
        if arg is None:
            continue
        value = visible_value(ctx, arg.value)
        if isinstance(value, cst.Name) and value.value == "None":
            continue
        takes_type = info.method in sdk.STRUCTURED_TYPE_METHODS.get((surface, name), ())
        if not keys or (takes_type and not isinstance(value, cst.Dict)):
            return True  # a type (`response_format=Answer` of stream): its schema is sent
        kind: cst.BaseExpression | None = value
        for key in keys:
            kind = dict_entry(ctx, kind, key)
        if kind is not None and string_value(kind) == sdk.STRUCTURED_TYPE:
            return True
    return False


def dict_entry(
    ctx: PythonContext, node: cst.BaseExpression | None, key: str
) -> cst.BaseExpression | None:
    """The value of `key` in the dict display `node` stands for; None when it holds none."""
    if not isinstance(node, cst.Dict):
        return None
    for element in node.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == key:
            return visible_value(ctx, element.value)
    return None


def visible_value(ctx: PythonContext, node: cst.BaseExpression) -> cst.BaseExpression:
    """`node`, or the value of the one assignment of the name it is (a constant)."""
    if isinstance(node, cst.Name):
        found = ctx.bindings(node)
        if len(found) == 1 and isinstance(found[0], Assignment):
            value = ctx.index.assigned.get(id(found[0].node))
            if value is not None:
                return value
    return node
