"""A class that declares its own key variable: a class attribute naming OpenAI's key variable
(`key_env_var = "OPENAI_API_KEY"`), where a method of the class, or of a class of the module it
derives from or that derives from it, gives an SDK client a key it asks `self` for
(`openai.OpenAI(api_key=self.get_key())`): the plugin pattern of model classes that look
their key up under the name they declare (and in keys stored under an alias of theirs).

`apply` cannot move that key: the name is only a string the class hands to code the module
does not show (ML401 leaves it), so the key the client gets stays OpenAI's. Such a client is
therefore left on OpenAI (ML001), and a client of it whose base URL is chosen at run time
(ML003), and the declaration itself (ML401), are errors: they are how requests still reach
OpenAI, with OpenAI's key.

Such a class may also name the alias a stored key is looked up under before that variable
(llm's `needs_key = "openai"`, `llm keys set openai`: `KEY_ALIAS_WORD`, `OPENAI_KEY_ALIASES`):
renamed with the variable (`alias_of`), and left naming OpenAI beside the provider's
variable on a class whose clients point at the provider, it sends OpenAI's stored key there
(`stored_alias_clients`); where a class kept on OpenAI shares it (`alias_sharers`), the
provider's key stored there instead would go to OpenAI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import libcst as cst

from migrate_llm.registry import Provider
from migrate_llm.rules.class_family import related_classes as _related
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.passed_values import class_of
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value

if TYPE_CHECKING:
    from migrate_llm.rules.clients import Endpoint

# A class attribute naming the alias under which the class's key is looked up in the user's
# stored keys before its key variable (simonw/llm's `needs_key = "openai"`, read by
# `get_key(alias=self.needs_key, env=self.key_env_var)`): its name holds this word, and
# its value is one of these aliases naming OpenAI.
KEY_ALIAS_WORD = "key"
OPENAI_KEY_ALIASES = frozenset({"openai"})


@dataclass(frozen=True)
class KeyDeclaration:
    """`name = "<variable>"` in the body of `owner`."""

    name: str
    variable: str
    value: cst.BaseExpression
    owner: cst.ClassDef


def _declarations(ctx: PythonContext) -> dict[int, list[KeyDeclaration]]:
    """The key declarations of each class of the module, by the class's id."""
    kept = ctx.analyses.get(_declarations)
    if kept is not None:
        return cast("dict[int, list[KeyDeclaration]]", kept)
    variables = key_variables(ctx)
    found: dict[int, list[KeyDeclaration]] = {}
    for node in ctx.nodes:
        if isinstance(node, cst.ClassDef):
            declared = [d for d in _strings(node) if d.variable in variables]
            if declared:
                found[id(node)] = declared
    ctx.analyses[_declarations] = found
    return found


def _strings(klass: cst.ClassDef) -> list[KeyDeclaration]:
    """The class attributes of `klass` given a string (`name = "text"`), as declarations."""
    found = []
    for statement in klass.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                continue
            target = small.targets[0].target
            text = string_value(small.value)
            if isinstance(target, cst.Name) and text is not None:
                found.append(KeyDeclaration(target.value, text, small.value, klass))
    return found


def alias_of(klass: cst.ClassDef) -> KeyDeclaration | None:
    """The attribute of `klass` naming an alias of OpenAI under which its stored key is
    looked up (`KEY_ALIAS_WORD`, `OPENAI_KEY_ALIASES`: llm's `needs_key = "openai"`)."""
    return next(
        (
            d
            for d in _strings(klass)
            if KEY_ALIAS_WORD in d.name.lower() and d.variable in OPENAI_KEY_ALIASES
        ),
        None,
    )


def alias_renamed(ctx: PythonContext, declared: KeyDeclaration, provider: Provider) -> str:
    """What a finding on the key `declared` (ML401, ML003) says to rename with it: the alias of
    OpenAI its class declares beside it (`alias_of`), as `, rename ... to "<provider id>"`;
    "" for none."""
    alias = alias_of(declared.owner)
    if alias is None:
        return ""
    line = ctx.line_label(ctx.position(alias.value)[0][0])
    return (
        f', rename `{alias.name} = "{alias.variable}"` ({line}, the alias under which a '
        f'stored key is looked up first) to "{provider.id}"'
    )


def alias_at(ctx: PythonContext, node: cst.CSTNode) -> KeyDeclaration | None:
    """The alias declaration (`alias_of`) whose value is `node`, if any."""
    owner = class_of(ctx, node)
    alias = alias_of(owner) if owner is not None else None
    return alias if alias is not None and alias.value is node else None


def stored_alias_clients(
    ctx: PythonContext, alias: KeyDeclaration, provider: Provider
) -> tuple[KeyDeclaration, list[cst.Call]] | None:
    """Where the class of `alias` declares the provider's key variable beside it (renamed by
    hand from OpenAI's, the alias left): that declaration and the SDK clients of the class's
    family (`_related`) given a key through `self` (`self.m(...)` of a method the family does
    not define or one reading either attribute, or a call reading `self.<alias>`) whose base
    URL is the provider's, or the provider's variable's where none is set. None otherwise."""
    from migrate_llm.rules.clients import (  # it imports this module
        endpoint_of,
        passed_keys,
        settings_written,
    )

    owner = alias.owner
    declared = next((d for d in _strings(owner) if d.variable == provider.api_key_env), None)
    if declared is None:
        return None
    family = _related(ctx, owner)
    classes = {id(k) for k in family}
    names = (alias.name, declared.name)
    methods = {
        s.name.value: s
        for klass in family
        for s in klass.body.body
        if isinstance(s, cst.FunctionDef)
    }

    def through_self(part: cst.CSTNode) -> bool:
        if not isinstance(part, cst.Call):
            return False
        if self_attribute(part.func):
            method = methods.get(cast(cst.Attribute, part.func).attr.value)
            return method is None or any(_reads_attribute(method, n) for n in names)
        return any(_reads_attribute(a.value, alias.name) for a in part.args)

    found = []
    for node in ctx.nodes:
        client = ctx.constructed_client(node) if isinstance(node, cst.Call) else None
        if client is None or client.azure or id(class_of(ctx, node)) not in classes:
            continue
        call = cast(cst.Call, node)
        keys = settings_written(ctx, call, "api_key")
        if not any(through_self(p) for key in keys for p in passed_keys(ctx, key)):
            continue
        if _at_target(endpoint_of(ctx, call), provider):
            found.append(call)
    return (declared, found) if found else None


def alias_sharers(
    ctx: PythonContext, alias: KeyDeclaration
) -> list[tuple[KeyDeclaration, list[cst.Call]]]:
    """The classes of the module outside the family of `alias`'s class that declare the same
    alias (`alias_of`: llm's embeddings model, `needs_key = "openai"` too) beside OpenAI's key
    variable, whose SDK clients stay on OpenAI (`declared_clients`): each alias declaration
    with those clients. The provider's key stored under the alias would go to OpenAI there."""
    family = {id(k) for k in _related(ctx, alias.owner)}
    found = []
    for klass in (n for n in ctx.nodes if isinstance(n, cst.ClassDef)):
        other = alias_of(klass) if id(klass) not in family else None
        if other is None or other.variable != alias.variable:
            continue
        declared = _declarations(ctx).get(id(klass), ())
        clients = [c for d in declared for c in declared_clients(ctx, d)]
        if clients:
            found.append((other, clients))
    return found


def declaration_at(ctx: PythonContext, node: cst.CSTNode) -> KeyDeclaration | None:
    """The key declaration whose value is `node`, if any."""
    owner = class_of(ctx, node)
    found = _declarations(ctx).get(id(owner), ()) if owner is not None else ()
    return next((d for d in found if d.value is node), None)


def class_key(ctx: PythonContext, part: cst.CSTNode) -> KeyDeclaration | None:
    """The first of `keys_behind(part)`, or None."""
    found = keys_behind(ctx, part)
    return found[0] if found else None


def keys_behind(ctx: PythonContext, part: cst.CSTNode) -> list[KeyDeclaration]:
    """The key declarations behind a key a client is given, where that key is `self.m(...)`
    (a method the module does not define in the class's family, or one reading the declared
    name), or another call given the declared name as `self.<name>` (llm's `get_key(self.
    needs_key, self.key_env_var)`), in a class whose family declares OpenAI's key variable
    (each subclass may declare its own); empty otherwise."""
    if not isinstance(part, cst.Call):
        return []
    owner = class_of(ctx, part)
    if owner is None:
        return []
    family = _related(ctx, owner)
    declared = [d for klass in family for d in _declarations(ctx).get(id(klass), ())]
    if not declared:
        return []
    if not self_attribute(part.func):
        return [d for d in declared if any(_reads_attribute(a.value, d.name) for a in part.args)]
    method = cast(cst.Attribute, part.func).attr.value
    defined = [
        s
        for klass in family
        for s in klass.body.body
        if isinstance(s, cst.FunctionDef) and s.name.value == method
    ]
    return [d for d in declared if not defined or any(_reads_attribute(f, d.name) for f in defined)]


def _reads_attribute(node: cst.CSTNode, name: str) -> bool:
    """Whether `self.<name>` appears in `node`."""
    if isinstance(node, cst.Attribute) and self_attribute(node) and node.attr.value == name:
        return True
    return any(_reads_attribute(child, name) for child in node.children)


def declared_clients(
    ctx: PythonContext, declaration: KeyDeclaration, target: Provider | None = None
) -> list[cst.Call]:
    """The SDK client constructions in the module's classes given a key behind `declaration`
    (`keys_behind`) whose base URL is OpenAI's, or chosen at run time; with `target`, those
    whose base URL is that provider's, or its variable's where none is set (an earlier apply
    or a hand edit pointed them there)."""
    from migrate_llm.rules.clients import (  # it imports this module
        endpoint_of,
        passed_keys,
        settings_written,
    )

    found = []
    for node in ctx.nodes:
        client = ctx.constructed_client(node) if isinstance(node, cst.Call) else None
        if client is None or client.azure:
            continue
        call = cast(cst.Call, node)
        keys = settings_written(ctx, call, "api_key")
        parts = [p for key in keys for p in passed_keys(ctx, key)]
        if not any(_declared_by(ctx, p, declaration) for p in parts):
            continue
        endpoint = endpoint_of(ctx, call)
        if target is None:
            wanted = endpoint.kind in ("openai", "dynamic")
        else:
            wanted = _at_target(endpoint, target)
        if wanted:
            found.append(call)
    return found


def _at_target(endpoint: Endpoint, target: Provider) -> bool:
    """Whether a client's endpoint is `target`'s: its URL, or its variable's read."""
    at_provider = endpoint.provider is not None and endpoint.provider.id == target.id
    return (endpoint.kind == "provider" and at_provider) or (
        endpoint.variable == target.base_url_env
    )


def _declared_by(ctx: PythonContext, part: cst.CSTNode, declaration: KeyDeclaration) -> bool:
    return any(d.value is declaration.value for d in keys_behind(ctx, part))
