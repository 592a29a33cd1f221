"""A request a base class sends through the client its subclasses in other modules of the
project set (`RunFacts.heir_models`), and what each of those subclasses gives it.

pandas-ai's shape (t59c D1): `BaseOpenAI.chat_completion` in base.py sends
`self.client.create(**params)`, its sampling built from the base's fields, while `OpenAI`
in openai.py sets `self.client = openai.OpenAI(...).chat.completions` and `model =
"kimi-k2.6"`. The request's model is the subclass's field the request's `"model": self.X`
entry reads, else the one the subclass's own builder reads (`"model": self.model` in
`OpenAI._default_params`); a field the subclass does not set is the base's default.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.heir_models import HeirModel
from migrate_llm.rules.clients import classify_url
from migrate_llm.rules.passed_values import class_fields, class_of
from migrate_llm.rules.python_context import (
    CallInfo,
    PythonContext,
    match_surface,
    self_attribute,
    string_value,
)


class HeirRequest(NamedTuple):
    """The request `info` describes, sent by instances of `heirs` (those whose client the
    rules' provider serves once migrated: an OpenAI client, not Azure's nor one given another
    server's URL), subclasses of `owner` in other modules."""

    info: CallInfo
    owner: cst.ClassDef
    heirs: tuple[HeirModel, ...]


def heir_request(ctx: PythonContext, node: cst.Call) -> HeirRequest | None:
    """What `node` is where it calls `self.X...method(...)` in a method of a class of the
    module that sets no `self.X` itself, its subclasses of other modules setting X to an
    OpenAI client or a resource of one (`RunFacts.heir_models`); else None."""
    given = ctx.rules.facts.heir_models
    if not given or not isinstance(node.func, cst.Attribute):
        return None
    chain: list[str] = []
    held: cst.BaseExpression = node.func
    while isinstance(held, cst.Attribute) and not self_attribute(held):
        chain.insert(0, held.attr.value)
        held = held.value
    if not isinstance(held, cst.Attribute) or not self_attribute(held):
        return None
    if any(not (isinstance(v, cst.Name) and v.value == "None") for v in ctx.self_values(held)):
        return None  # the class sets it itself (not merely to None until a subclass does)
    owner = class_of(ctx, node)
    if owner is None:
        return None
    name, attr = owner.name.value, held.attr.value
    found: list[HeirModel] = []
    info: CallInfo | None = None
    for heir in sorted(given):
        if heir.module != ctx.path or heir.base != name or heir.attr != attr:
            continue
        matched = match_surface([*heir.resource, *chain])
        if matched is None or sdk.CLIENT_CLASSES[heir.client][1]:
            continue  # another call of it, or an Azure client (ML002 tells of it)
        if heir.base_url and not _served(ctx, heir.base_url):
            continue  # another server's
        surface, method = matched
        path = ".".join([f"self.{attr}", *chain])
        info = info or CallInfo("heir", surface, path, method)
        if (surface, method) == (info.surface, info.method):
            found.append(heir)
    if info is None or not found:
        return None
    return HeirRequest(info, owner, tuple(found))


def _served(ctx: PythonContext, url: str) -> bool:
    """Whether a base URL written as a literal is OpenAI's or the target provider's."""
    endpoint = classify_url(ctx, url)
    if endpoint.kind == "openai":
        return True
    target = ctx.rules.provider
    return (
        endpoint.kind == "provider"
        and target is not None
        and endpoint.provider is not None
        and endpoint.provider.id == target.id
    )


def heir_field(request: HeirRequest, heir: HeirModel, name: str) -> str | None:
    """The source text of the literal the field `name` holds on instances of `heir`: its
    own, else the default the base class's body gives it; None where it is not a literal
    the module or the subclass shows."""
    own = dict(heir.fields)
    if name in own:
        return own[name] or None
    default = class_fields(request.owner).get(name)
    if default is None:
        return None
    literal = default.expression if isinstance(default, cst.UnaryOperation) else default
    if isinstance(literal, (cst.SimpleString, cst.Integer, cst.Float, cst.Name)):
        return cst.Module([]).code_for_node(default)
    return None


def heir_model(
    request: HeirRequest, heir: HeirModel, model: cst.BaseExpression | None
) -> str | None:
    """The model string instances of `heir` send where the request's model argument is
    `model` (`self.X`; None where it sends none the module shows: the subclass's own
    `"model": self.X` entry then); None where it is not known."""
    if model is not None:
        if not self_attribute(model):
            return None
        assert isinstance(model, cst.Attribute)
        attr = model.attr.value
    elif heir.model_attr:
        attr = heir.model_attr
    else:
        return None
    text = heir_field(request, heir, attr)
    if text is None:
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def heir_label(heir: HeirModel) -> str:
    """`OpenAI (pandasai/llm/openai.py:24)`."""
    return f"{heir.heir} ({heir.shown}:{heir.line})"


def as_string(text: str) -> cst.SimpleString:
    """A string literal of `text`, as `_model_of` reads a written model."""
    node = cst.SimpleString(repr(text))
    assert string_value(node) == text
    return node
