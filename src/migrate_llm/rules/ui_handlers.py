"""The text box whose value a web UI hands to a parameter of the module's function.

Gradio runs a function with the values of the components an event lists: `button.click(answer,
inputs=[key_box, question], outputs=reply)` calls `answer(<key_box's text>, <question's>)`, and
`gr.Interface(answer, [key_box, question], "text")` likewise (`frameworks.ui_inputs`). Where
`answer` builds a client from its first parameter, that client's key is what a person types in
`key_box`, and the box's label must ask for the provider's key (ML001, `key_prompts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import ui_inputs as ui

if TYPE_CHECKING:
    from migrate_llm.rules.env_names import EnvNames

# a module naming none of these builds no Gradio handler
_GRADIO = "gradio"


def handler_input(names: EnvNames, name: cst.Name) -> cst.Call | None:
    """The text box (`ui.TEXT_INPUTS`) whose value every call of the module running the
    function `name` is a positional parameter of (`ui.HANDLERS`, `ui.EVENT_LISTENERS`) hands
    to that parameter; None where there is none, or where one of them hands it another value."""
    ctx = names.ctx
    if not ctx.mentions(_GRADIO):
        return None
    bound = ctx.bindings(name)
    param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if not isinstance(param, cst.Param):
        return None
    function = next(
        (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
    )
    if function is None or param not in function.params.params:
        return None
    position = list(function.params.params).index(param)
    found: list[cst.Call] = []
    for call in names.calls:
        handler = _handler(names, call)
        given = _runs(call, handler, function, ctx) if handler is not None else None
        if given is None:
            continue
        at = position - handler.skipped  # type: ignore[union-attr]
        box = _box(names, given[at]) if 0 <= at < len(given) else None
        if box is None:
            return None  # this run hands the parameter something else
        found.append(box)
    return found[0] if found and all(b is found[0] for b in found) else None


def _handler(names: EnvNames, call: cst.Call) -> ui.Handler | None:
    for qualified in names.ctx.qualnames(call.func):
        if qualified in ui.HANDLERS:
            return ui.HANDLERS[qualified]
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in ui.EVENT_LISTENERS:
        return ui.LISTENER
    return None


def _argument(call: cst.Call, keyword: str, position: int | None) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    plain = [a for a in call.args if a.keyword is None and not a.star]
    return plain[position].value if position is not None and len(plain) > position else None


def _runs(
    call: cst.Call, handler: ui.Handler, function: cst.FunctionDef, ctx
) -> list[cst.BaseExpression] | None:
    """The components `call` hands `function`, in order; None where it runs another."""
    fn = _argument(call, ui.FN, handler.fn_position)
    if not isinstance(fn, cst.Name) or fn.value != function.name.value:
        return None
    if not any(isinstance(b, Assignment) and b.node is function for b in ctx.bindings(fn)):
        return None
    inputs = _argument(call, handler.inputs, handler.inputs_position)
    if inputs is None:
        return []
    if isinstance(inputs, (cst.List, cst.Tuple)):
        if any(isinstance(e, cst.StarredElement) for e in inputs.elements):
            return []
        return [e.value for e in inputs.elements]
    return [inputs]


def _box(names: EnvNames, value: cst.BaseExpression) -> cst.Call | None:
    """The text box `value` is (a construction, or a name bound once to one)."""
    if isinstance(value, cst.Name):
        held = names.values(value)
        value = held[0] if held and len(held) == 1 else value
    if isinstance(value, cst.Call) and names.ctx.qualnames(value.func) & ui.TEXT_INPUTS.keys():
        return value
    return None
