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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.passed_values import class_of
from migrate_llm.rules.python_context import PythonContext, self_attribute, string_value


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
        if not isinstance(node, cst.ClassDef):
            continue
        for statement in node.body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                    continue
                target = small.targets[0].target
                text = string_value(small.value)
                if isinstance(target, cst.Name) and text is not None and text in variables:
                    declared = KeyDeclaration(target.value, text, small.value, node)
                    found.setdefault(id(node), []).append(declared)
    ctx.analyses[_declarations] = found
    return found


def declaration_at(ctx: PythonContext, node: cst.CSTNode) -> KeyDeclaration | None:
    """The key declaration whose value is `node`, if any."""
    owner = class_of(ctx, node)
    found = _declarations(ctx).get(id(owner), ()) if owner is not None else ()
    return next((d for d in found if d.value is node), None)


def _related(ctx: PythonContext, owner: cst.ClassDef) -> list[cst.ClassDef]:
    """The classes of the module whose attributes `self` may read in a method of `owner`:
    `owner` and the classes deriving from it, each with the classes of the module it derives
    from (by the names of their bases, transitively). Not a sibling through a shared base."""
    classes = [n for n in ctx.nodes if isinstance(n, cst.ClassDef)]
    by_name = {c.name.value: c for c in classes}

    def bases(klass: cst.ClassDef) -> set[str]:
        return {b.value.value for b in klass.bases if isinstance(b.value, cst.Name)}

    def closure(start: cst.ClassDef, step) -> dict[int, cst.ClassDef]:
        found, pending = {id(start): start}, [start]
        while pending:
            for other in step(pending.pop()):
                if id(other) not in found:
                    found[id(other)] = other
                    pending.append(other)
        return found

    below = closure(owner, lambda k: [c for c in classes if k.name.value in bases(c)])
    related: dict[int, cst.ClassDef] = {}
    for klass in below.values():
        related |= closure(klass, lambda k: [by_name[b] for b in bases(k) if b in by_name])
    return list(related.values())


def class_key(ctx: PythonContext, part: cst.CSTNode) -> KeyDeclaration | None:
    """The first of `keys_behind(part)`, or None."""
    found = keys_behind(ctx, part)
    return found[0] if found else None


def keys_behind(ctx: PythonContext, part: cst.CSTNode) -> list[KeyDeclaration]:
    """The key declarations behind a key a client is given, where that key is `self.m(...)`
    (a method the module does not define in the class's family, or one reading the declared
    name) in a class whose family declares OpenAI's key variable (each subclass may declare
    its own); empty otherwise."""
    if not isinstance(part, cst.Call) or not self_attribute(part.func):
        return []
    owner = class_of(ctx, part)
    if owner is None:
        return []
    family = _related(ctx, owner)
    declared = [d for klass in family for d in _declarations(ctx).get(id(klass), ())]
    if not declared:
        return []
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


def declared_clients(ctx: PythonContext, declaration: KeyDeclaration) -> list[cst.Call]:
    """The SDK client constructions in the module's classes given a key behind `declaration`
    (`keys_behind`) whose base URL is OpenAI's, or chosen at run time."""
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
        if endpoint_of(ctx, call).kind in ("openai", "dynamic"):
            found.append(call)
    return found


def _declared_by(ctx: PythonContext, part: cst.CSTNode, declaration: KeyDeclaration) -> bool:
    return any(d.value is declaration.value for d in keys_behind(ctx, part))
