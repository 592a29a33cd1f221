"""The model literals of a module that reach a tokenizer lookup (`tokenizer_calls`):
`tiktoken.encoding_for_model(self.model_name)` reads the default of the `model_name` that
`__init__` stored there, `encoding_for_model(MODEL)` the constant.

ML207 asks which of them `apply` maps: the lookup would then be given the provider's model,
which tiktoken does not know, so the same `apply` gives it the OpenAI model instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, last_name, self_attribute, string_value
from migrate_llm.rules.tokenizer_flow import TokenizerFlow


@dataclass(frozen=True)
class Source:
    """A string literal (`node`, value `model`) that a lookup's model may hold; `where`
    says where the module writes it (`default of model_name`)."""

    node: cst.BaseExpression
    model: str
    where: str


def sources(ctx: PythonContext, model: cst.BaseExpression) -> list[Source]:
    """The string literals the module gives `model` (the model of a tokenizer lookup), in
    the order of the text: through a name (each of its bindings: a constant, a variable, a
    parameter's default) and through `self.X` (the class's default for X, or what its methods assign
    `self.X`), followed from one to the next. What a caller from elsewhere passes is not
    seen."""
    found: dict[int, Source] = {}
    _walk(ctx, model, found, set())
    return sorted(found.values(), key=lambda s: ctx.index_of(s.node))


def class_default(
    ctx: PythonContext, owner: cst.ClassDef, name: str
) -> tuple[cst.BaseExpression, str] | None:
    """The string default the body of `owner` gives `name` (`name: str = "..."`, `name =
    "..."`, `name: str = field(default="...")`), with its value."""
    for line in owner.body.body:
        small = line.body[0] if isinstance(line, cst.SimpleStatementLine) else None
        target = value = None
        if isinstance(small, cst.AnnAssign):
            target, value = small.target, small.value
        elif isinstance(small, cst.Assign) and len(small.targets) == 1:
            target, value = small.targets[0].target, small.value
        if not isinstance(target, cst.Name) or target.value != name:
            continue
        if isinstance(value, cst.Call) and last_name(value.func) in sdk.FIELD_FACTORIES:
            given = [a for a in value.args if a.keyword and a.keyword.value == "default"]
            value = given[0].value if given else None
        text = string_value(value) if value is not None else None
        if value is not None and text is not None:
            return value, text
    return None


def _walk(
    ctx: PythonContext, value: cst.BaseExpression, found: dict[int, Source], seen: set[object]
) -> None:
    if isinstance(value, cst.Name):
        _name(ctx, value, found, seen)
    elif isinstance(value, cst.Attribute) and self_attribute(value):
        _attribute(ctx, value, found, seen)


def _name(ctx: PythonContext, name: cst.Name, found: dict[int, Source], seen: set[object]) -> None:
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment) or id(binding) in seen:
            continue
        seen.add(id(binding))
        target = binding.node
        if isinstance(target, cst.Param):
            default = target.default
            text = string_value(default) if default is not None else None
            if default is not None and text is not None:
                found[id(default)] = Source(default, text, f"default of {name.value}")
            continue
        assigned = ctx.index.assigned.get(id(target))
        text = string_value(assigned) if assigned is not None else None
        if assigned is None or text is None:
            if assigned is not None:
                _walk(ctx, assigned, found, seen)
            continue
        inside = any(isinstance(a, (cst.FunctionDef, cst.Lambda)) for a in ctx.ancestors(assigned))
        kind = "variable" if inside else "constant"
        found[id(assigned)] = Source(assigned, text, f"{kind} {name.value}")


def _attribute(
    ctx: PythonContext, attr: cst.Attribute, found: dict[int, Source], seen: set[object]
) -> None:
    owner = TokenizerFlow.of(ctx).class_of(attr)
    name = attr.attr.value
    if owner is None or (id(owner), name) in seen:
        return
    seen.add((id(owner), name))
    default = class_default(ctx, owner, name)
    if default is not None:
        found[id(default[0])] = Source(
            default[0], default[1], f"attribute {owner.name.value}.{name}"
        )
    for value in ctx.self_values(attr):
        text = string_value(value)
        if text is not None:
            found[id(value)] = Source(value, text, f"self.{name}")
        else:
            _walk(ctx, value, found, seen)
