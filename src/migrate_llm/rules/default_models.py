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

import json
import re
from collections.abc import Sequence
from typing import NamedTuple

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.forwarding import Forwarding, Slot, function_label
from migrate_llm.rules.model_values import some_literals
from migrate_llm.rules.option_defaults import builder_default
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value
from migrate_llm.rules.table_reads import table_entry

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
    the default a typer option holds (`typer.Option(cfg.get("DEFAULT_MODEL"))`), and that of
    an entry of the project's table of defaults read through its config object
    (`cfg.get("DEFAULT_MODEL")`: `table_reads.table_entry`, the read given as the literal);
    None for anything else."""
    for _ in range(_STEPS):
        value = builder_default(ctx, value, sdk.OPTION_PARAMETERS) or value  # typer's
        resolved = ctx.resolve_literal(value)
        if resolved is not None and not resolved[2].startswith("default of "):
            return resolved[0], resolved[1]
        entry = table_entry(ctx, value)
        if entry is not None:
            default = entry[0].default
            return (value, default) if default is not None else None
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
    main()`), a value a call passes with "" ; with them, those the calls of the project's other
    modules give a parameter of the module's function or method handing it on
    (`_given_elsewhere`); empty unless each is a string (`default_string`) and one of them a
    default."""
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
    elsewhere = _given_elsewhere(ctx, forwarding, slot)
    if elsewhere is None:
        return []
    found += elsewhere
    return found if any(d.label for d in found) else []


def handed_literals(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[list[tuple[cst.BaseExpression, str, str]], list[cst.BaseExpression]]:
    """(the strings, the values the module does not show) a request's model may be where it
    is a parameter with no default, or `self.X` its class assigns once from one, that the
    module's calls fill (`Forwarding.passed`): `some_literals` of each value they give it
    (QAnything's `Bot(model, ...)` given `settings.get("model", "gpt-4o-mini")`: the default
    beside the value read), and the defaults of the parameters handing it on; nothing where
    no call gives it a value."""
    if isinstance(value, cst.Attribute) and self_attribute(value):
        assigned = ctx.self_values(value)
        if len(assigned) != 1:
            return [], []
        value = assigned[0]
    forwarding = Forwarding.of(ctx)
    slot = forwarding.source(value)
    if slot is None or slot.param is None or slot.param.default is not None:
        return [], []
    found: list[tuple[cst.BaseExpression, str, str]] = []
    unknown: list[cst.BaseExpression] = []
    for leaf in forwarding.passed(slot):
        shown, others = some_literals(ctx, leaf.value)
        found += shown
        unknown += others if shown or others else [leaf.value]
    return found, unknown


def held_elsewhere(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[list[tuple[cst.BaseExpression, str, str]], list[str]]:
    """(the strings, the code of the values their modules do not show, with where) a
    request's model may be where it is `self.X` its class assigns once from a parameter of
    its constructor with no default, that the project's other modules give the class
    (`RunFacts.caller_models`, from `held_callers`: QAnything's `OpenAILLM(model, ...)` built
    in local_doc_qa.py from a parameter handler.py gives `llm_setting.get('model',
    'kimi-k2.6')`); nothing where no such call is seen."""
    if not (isinstance(value, cst.Attribute) and self_attribute(value)):
        return [], []
    assigned = ctx.self_values(value)
    slot = Forwarding.of(ctx).source(assigned[0]) if len(assigned) == 1 else None
    if slot is None or slot.param is None or slot.param.default is not None:
        return [], []
    if slot.function.name.value != "__init__":
        return [], []
    owner = next(
        (
            s.name.value
            for s in ctx.module.body
            if isinstance(s, cst.ClassDef)
            and isinstance(s.body, cst.IndentedBlock)
            and slot.function in s.body.body
        ),
        None,
    )
    found: list[tuple[cst.BaseExpression, str, str]] = []
    unknown: list[str] = []
    for given in ctx.rules.facts.caller_models:
        if (given.module, given.owner, given.function, given.param) != (
            ctx.path,
            owner,
            "__init__",
            slot.name,
        ):
            continue
        if given.model:
            found.append((cst.SimpleString(json.dumps(given.model)), given.model, "literal"))
        else:
            unknown.append(f"`{given.label}` in {given.caller}" if given.label else given.caller)
    return found, sorted(set(unknown))


def _given_elsewhere(
    ctx: PythonContext, forwarding: Forwarding, slot: Slot
) -> list[DefaultModel] | None:
    """The models the calls of the project's other modules give a parameter of a function
    or method of this module whose value reaches `slot` as it is (`RunFacts.caller_models`:
    shell_gpt's app.py calling `Handler.handle(model=model, ...)`), each labelled with the
    parameter whose default it is there (`model of main() in app.py`); None where one of
    them is not known."""
    found: list[DefaultModel] = []
    for given in ctx.rules.facts.caller_models:
        if given.module != ctx.path:
            continue
        start = _slot_of(ctx, given.owner, given.function, given.param)
        if start is None or not any(r.key == slot.key for r, _ in forwarding.handed_to(start)):
            continue
        if not given.model:
            return None
        literal = cst.SimpleString(json.dumps(given.model))
        found.append(DefaultModel(literal, given.model, given.label))
    return found


def _slot_of(ctx: PythonContext, owner: str, function: str, param: str) -> Slot | None:
    """The slot of the parameter `param` of the top-level function `function` of the module
    (a method of its top-level class `owner`)."""
    body: Sequence[cst.BaseStatement] = ctx.module.body
    if owner:
        cls = next((s for s in body if isinstance(s, cst.ClassDef) and s.name.value == owner), None)
        if cls is None or not isinstance(cls.body, cst.IndentedBlock):
            return None
        body = cls.body.body
    defined = [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value == function]
    if not defined:
        return None
    params = defined[-1].params
    named = (*params.posonly_params, *params.params, *params.kwonly_params)
    found = next((p for p in named if p.name.value == param), None)
    return Slot(defined[-1], param, found) if found is not None else None


def given_models(ctx: PythonContext, value: cst.BaseExpression) -> list[tuple[str, str]]:
    """What a model argument a call passes may be, as (the string, `<param> of <f>()` where
    it is that parameter's default, else ""): a parameter's default (`parameter_default_model`),
    those the module's calls hand its function (`handed_default`), a string the argument holds
    (`default_string`); ("", "") where it is not known."""
    from migrate_llm.rules.compat import parameter_default_model

    found = parameter_default_model(ctx, value)
    if found is not None:
        return [(found[1], found[2])]
    handed = handed_default(ctx, value)
    if handed:
        return [(d.text, d.label) for d in handed]
    held = default_string(ctx, value)
    return [(held[1], "")] if held is not None else [("", "")]
