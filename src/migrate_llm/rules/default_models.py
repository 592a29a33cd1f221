"""The model a request sends where nothing at run time gives it another: a parameter's
default, also where that default is a constant, an environment read's default or the entry
of a module's dict holding one, and a parameter handed on from the module's calls of its
function.

shell_gpt's typer command takes `model` with its config's default and hands it, with
`temperature` and `top_p`, through a function of its own to the request (t56d D1): the request
in `complete(model, temperature, top_p, messages)` sends the default of `main(prompt,
model="gpt-4o-mini", temperature=0.0, top_p=1.0)`, which apply maps to a Kimi model that
rejects both values. `DEFAULTS = {"MODEL": os.getenv("MODEL", "gpt-4o-mini")}` then `def
ask(prompt, model=DEFAULTS["MODEL"])` is the same default one step removed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import libcst as cst

from migrate_llm.rules.forwarding import Forwarding, function_label
from migrate_llm.rules.python_context import PythonContext, string_value

# how many names or entries a default is followed through (`model=DEFAULTS["MODEL"]`, whose
# entry reads the environment: two)
_STEPS = 3
# what follows a dict's name where the code changes it: an entry written or deleted, a call
# changing it in place
_CHANGE = (
    r"(?:\s*\[[^\]\n]*\]\s*(?:=(?!=)|[-+*/|&]=)"
    r"|\s*\.\s*(?:update|setdefault|pop|popitem|clear|__setitem__)\s*\()"
)


class DefaultModel(NamedTuple):
    """A string literal a request's model may be (`literal`, its text `text`), and how a
    message names where it is the default (`model of main()`; "" for a value a call passes)."""

    literal: cst.BaseExpression
    text: str
    label: str


def default_string(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[cst.BaseExpression, str] | None:
    """The string literal a default (`value`) holds where nothing at run time replaces it, with
    its text: a literal, a constant bound once to one, the default of an environment read
    (`os.getenv("MODEL", "gpt-4o-mini")`), the entry of a dict of the module bound once to a
    display the module does not change (`DEFAULTS["MODEL"]`), each followed through the others;
    None for anything else."""
    for _ in range(_STEPS):
        resolved = ctx.resolve_literal(value)
        if resolved is not None and not resolved[2].startswith("default of "):
            return resolved[0], resolved[1]
        if isinstance(value, cst.Name):
            bound = ctx.bound_value(value)
        elif isinstance(value, cst.Subscript):
            bound = _entry(ctx, value)
        else:
            return None
        if bound is None:
            return None
        value = bound
    return None


def _entry(ctx: PythonContext, read: cst.Subscript) -> cst.BaseExpression | None:
    """The value of the entry `NAME["key"]` reads, where `NAME` is bound once to a dict display
    that holds the key and the module writes no entry of it nor changes it in place."""
    index = read.slice[0].slice if len(read.slice) == 1 else None
    key = string_value(index.value) if isinstance(index, cst.Index) else None
    if key is None or not isinstance(read.value, cst.Name):
        return None
    display = ctx.bound_value(read.value)
    if not isinstance(display, cst.Dict):
        return None
    if re.search(r"(?<![\w.])" + re.escape(read.value.value) + _CHANGE, ctx.text):
        return None
    found = None
    for element in display.elements:
        if not isinstance(element, cst.DictElement):
            return None  # a `**` spread may give the key too
        if string_value(element.key) == key:
            found = element.value
    return found


def handed_default(ctx: PythonContext, value: cst.BaseExpression) -> list[DefaultModel]:
    """Where a request's model is a parameter with no default that the module's calls of its
    function fill (`Forwarding.passed`: r7's `complete(model, ...)` called by `main(prompt,
    model="gpt-4o-mini")` with its own `model`), each string those calls give it, the defaults
    of the parameters handing it on labelled with where they are the default (`model of
    main()`), a value a call passes with "" ; empty unless each is a string (`default_string`)
    and one of them a default."""
    forwarding = Forwarding.of(ctx)
    slot = forwarding.source(value)
    if slot is None or slot.param is None or slot.param.default is not None:
        return []
    found: list[DefaultModel] = []
    for leaf in forwarding.passed(slot):
        held = default_string(ctx, leaf.value)
        if held is None:
            return []
        label = f"{leaf.name} of {function_label(ctx, leaf.function)}()" if leaf.default else ""
        found.append(DefaultModel(held[0], held[1], label))
    return found if any(d.label for d in found) else []
