"""The sampling fields of a config class beside a model field that holds, or that apply makes
hold, a provider model fixing them or thinking (ML115, ML118), and the words ML508 and ML115
give the values such a model fixes.

vocode's `ChatGPTAgentConfig` (t64c): `model_name: str = "gpt-3.5-turbo"`, which ML204 maps
to kimi-k2.6, beside `temperature: float = 1.0` and `max_tokens: int = 256`; a request in
another module sends the three (`temperature=self.agent_config.temperature`), so the rules
reading it see attributes only, and `check` was green while Kimi rejected any temperature but
the one it fixes, and 256 tokens left a thinking model little or no answer. A field counts by
its name, as ML508 reads a config file's keys: the class holds what a request sends as that
parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

import libcst as cst

from migrate_llm.registry import Provider
from migrate_llm.rules.model_names import model_like
from migrate_llm.rules.model_sites import ModelSites
from migrate_llm.rules.passed_values import field_default
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.thinking_switch import listed, thinks

# a mode's words after a value ("": either mode, a value the model takes in both)
MODES = {"thinking": "", "thinking_off": " with thinking off", "": ""}
# the fields holding a request's token limit
LIMIT_FIELDS = ("max_tokens", "max_completion_tokens")


class ClassField(NamedTuple):
    """A field of `owner` beside its model field `model_field` (`AgentConfig.model_name`),
    whose default is `model`, the provider's (`source`: the OpenAI model apply maps to it;
    None where the code writes the provider's)."""

    owner: cst.ClassDef
    model_field: str
    model: str
    source: str | None
    name: cst.Name  # the field's
    value: cst.BaseExpression  # its default: a literal, or the constant it names (`written`)
    written: str

    @property
    def subject(self) -> str:
        """`kimi-k2.6, to which apply maps gpt-4o (the default of AgentConfig.model_name),`."""
        held = f"the default of {self.model_field}"
        if self.source is None:
            return f"{self.model} ({held})"
        return f"{self.model}, to which apply maps {self.source} ({held}),"

    @property
    def field(self) -> str:
        """`AgentConfig.temperature's default 0.7` (`DEFAULT_TEMPERATURE`, 1.0: a constant)."""
        shown = f"{self.owner.name.value}.{self.name.value}'s default {self.written}"
        number = self.written != (text := _code(self.value))
        return f"{shown} ({text})" if number else shown


def class_fields(ctx: PythonContext, names: frozenset[str]) -> list[ClassField]:
    """The fields named `names` of the module's classes whose body also gives a model field
    (a name `model_like` reads as a model's) a string default (or a constant of the module
    bound once to one: vocode's `CHAT_GPT_AGENT_DEFAULT_MODEL_NAME`) that apply maps to a provider
    model (ML204's), or that is one of the provider's models the file says thinks or fixes a
    parameter, with a default that is a number (written, or a constant of the module bound
    once to one); in the order of the text. Not a class a subclass of the module gives
    another model (`_overridden`), nor a field a method of its class reads
    (`_read_by_methods`): the class's own request is checked where it sends it."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return []
    found = []
    classes = [node for node in ctx.nodes if type(node) is cst.ClassDef]
    for node in classes:
        fields = _fields(node)
        model = next((m for f, v in fields if (m := _model(ctx, provider, f, v))), None)
        if model is None or _overridden(node, model[0].value, classes):
            continue
        shown = f"{node.name.value}.{model[0].value}"
        for field, value in fields:
            if field.value not in names or value is None or _read_by_methods(node, field.value):
                continue
            number = _number(ctx, value)
            if number is not None:
                found.append(
                    ClassField(node, shown, model[1], model[2], field, number, _code(value))
                )
    return found


def modes(provider: Provider, model: str) -> list[str]:
    """The modes a request of `model` may run in, where the class says nothing of the
    switch: thinking only for a model that always thinks, thinking off only for one that
    does not think, else either."""
    if listed(provider, "always_thinking", model):
        return ["thinking"]
    if not thinks(provider, model):
        return ["thinking_off"]
    return ["thinking", "thinking_off"]


def same_in_both(provider: Provider, model: str, param: str) -> bool:
    """Whether the file gives `model` the same value of `param` thinking and with thinking
    off (Kimi's top_p, n and penalties): the mode a request runs in does not matter."""
    found = {provider.fixed_value(model, param, mode) for mode in ("thinking", "thinking_off")}
    return len(found) == 1 and None not in found


def values_text(allowed: dict[str, float]) -> str:
    """`1.0 (0.6 with thinking off)`, `0.6 with thinking off`, `1.0`."""
    first, *rest = allowed.items()
    text = f"{first[1]}{MODES[first[0]]}"
    return text + "".join(f" ({v}{MODES[m]})" for m, v in rest)


def advice(provider: Provider, allowed: dict[str, float]) -> str:
    """What to set: the value of each mode, thinking off under its switch."""
    if list(allowed) != ["thinking", "thinking_off"]:
        return str(next(iter(allowed.values())))
    switch = provider.params.get("thinking_off_extra_body")
    how = f" {json.dumps(switch)} in extra_body" if switch else " its switch"
    return f"{allowed['thinking']}, or {allowed['thinking_off']} where the program sends{how}"


def _fields(owner: cst.ClassDef) -> list[tuple[cst.Name, cst.BaseExpression | None]]:
    """(name, default) of each field the class body sets by one assignment (`x: T = v`,
    `x = v`, `x: T = Field(default=v)`)."""
    found: list[tuple[cst.Name, cst.BaseExpression | None]] = []
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                found.append((small.target, field_default(small.value)))
            elif (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
            ):
                found.append((small.targets[0].target, field_default(small.value)))
    return found


def _read_by_methods(owner: cst.ClassDef, field: str) -> bool:
    """Whether a method of `owner` reads `self.<field>`: the class builds its requests
    itself, and the request rules read the field there (pandas-ai's `**self.params`)."""
    for statement in owner.body.body:
        if not isinstance(statement, cst.FunctionDef):
            continue
        for node in _walk(statement):
            if (
                isinstance(node, cst.Attribute)
                and node.attr.value == field
                and isinstance(node.value, cst.Name)
                and node.value.value == "self"
            ):
                return True
    return False


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _overridden(owner: cst.ClassDef, field: str, classes: list[cst.ClassDef]) -> bool:
    """Whether a class of the module derived from `owner` by its name sets `field` again
    (pandas-ai's subclass giving its own model: the request its family sends has that one)."""
    name = owner.name.value
    return any(
        any(isinstance(b.value, cst.Name) and b.value.value == name for b in other.bases)
        and any(f.value == field for f, _ in _fields(other))
        for other in classes
    )


def _model(
    ctx: PythonContext, provider: Provider, field: cst.Name, value: cst.BaseExpression | None
) -> tuple[cst.Name, str, str | None] | None:
    """(field, provider model, OpenAI model it is mapped from) where `field` is a model field
    holding such a model (`class_fields`); else None."""
    if isinstance(value, cst.Name):  # `model_name: str = DEFAULT_MODEL`, vocode's
        value = ctx.bound_value(value)
    text = string_value(value) if value is not None and model_like(field.value) else None
    if value is None or text is None:
        return None
    mapped = ctx.rules.map_model(text)
    if mapped is not None and ModelSites.of(ctx).setting_written(value):
        return field, mapped, text
    known = provider.model_param_facts(text) or thinks(provider, text)
    if mapped is None and (known or listed(provider, "always_thinking", text)):
        return field, text, None
    return None


def _number(ctx: PythonContext, value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The number literal `value` is, or that the module's constant it names is bound once to."""
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        value = bound if bound is not None else value
    inner = value.expression if isinstance(value, cst.UnaryOperation) else value
    return value if isinstance(inner, (cst.Integer, cst.Float)) else None


def _code(node: cst.BaseExpression) -> str:
    return cst.Module([]).code_for_node(node)
