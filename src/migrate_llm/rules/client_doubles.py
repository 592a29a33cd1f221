"""Doubles and reads of a module's Azure client class, which ML002 makes a plain client.

A test replaces the class a module builds its client with (`patch("app.llm.AsyncAzureOpenAI")`,
`patch.object(llm, "AsyncAzureOpenAI")`, `monkeypatch.setattr(...)`) or reads it there
(`llm.AsyncAzureOpenAI`). Once `apply` makes that construction `AsyncOpenAI(...)`, the module
no longer has the Azure name (its import goes unused and is removed), so the double fails with
AttributeError, or would replace nothing: the double and the read must name the plain class.
Where apply leaves that construction for a person (`azure_doubles`: the module keeps the
Azure class), the double stays as it is (t52k: the real AzureOpenAI connected).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.metadata import ImportAssignment

from migrate_llm.patched_clients import CLASS_NAMES
from migrate_llm.rules.azure_target import azure_target, client_plan
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.rewrite import requote

# `patch("m.Name")`, `mocker.patch(...)`, `monkeypatch.setattr("m.Name", v)`: the callee's name
_STRING_PATCHERS = frozenset({"patch", "setattr"})
# `patch.object(m, "Name")`, `monkeypatch.setattr(m, "Name", v)`, `setattr(m, "Name", v)`
_OBJECT_PATCHERS = frozenset({"object", "setattr"})
# each Azure client class, with the plain one ML002 makes of it
PLAIN = {name: name.replace("Azure", "") for name in CLASS_NAMES if "Azure" in name}


@dataclass(frozen=True)
class Double:
    """A double or read of `module`'s Azure class `name` at `node`, which `edit_text`
    (written over `node`) makes the plain class's."""

    node: cst.CSTNode
    module: str
    name: str
    edit_text: str | None
    double: bool  # a double (else a read)

    @property
    def plain(self) -> str:
        return PLAIN[self.name]


def _kept(ctx: PythonContext, module: str, name: str) -> bool:
    """Whether `module` keeps a construction of the Azure class `name` that apply leaves
    (`RunFacts.azure_clients_left`): a double or read of it there stays right."""
    return f"{module}.{name}" in ctx.rules.facts.azure_clients_left


def replaces_azure(ctx: PythonContext) -> bool:
    """Whether the run makes Azure clients the target's plain clients (ML002's edit): a
    switch to a provider other than Azure OpenAI."""
    rules = ctx.rules
    return client_plan(rules, False, True) is not None and azure_target(rules) is None


def call_double(ctx: PythonContext, call: cst.Call) -> Double | None:
    """The double of a module's Azure class a patching call makes, by dotted name or by
    module and name."""
    patcher = last_name(call.func)
    args = call.args
    if patcher is None or not args or args[0].keyword is not None:
        return None
    first = args[0].value
    if patcher in _STRING_PATCHERS and isinstance(first, cst.SimpleString):
        value = string_value(first) or ""
        module, _, name = value.rpartition(".")
        if name in PLAIN and module and not module.startswith("openai."):
            if _kept(ctx, module, name):
                return None
            text = requote(first, f"{module}.{PLAIN[name]}")
            return Double(first, module, name, text, True)
    second = args[1].value if len(args) >= 2 and args[1].keyword is None else None
    if patcher in _OBJECT_PATCHERS and isinstance(second, cst.SimpleString):
        named = string_value(second)
        held = _imported_module(ctx, first) if named in PLAIN else None
        if named is not None and held is not None and not held.startswith("openai."):
            if _kept(ctx, held, named):
                return None
            return Double(second, held, named, requote(second, PLAIN[named]), True)
    return None


def attribute_read(ctx: PythonContext, node: cst.Attribute) -> Double | None:
    """A read of an Azure class as an attribute of an imported module of the program's
    (`llm.AsyncAzureOpenAI`; not `openai.AzureOpenAI`, which ML002 rewrites where it
    builds a client)."""
    name = node.attr.value
    if name not in PLAIN:
        return None
    module = _imported_module(ctx, node.value)
    if module is None or module == "openai" or module.startswith("openai."):
        return None
    if _kept(ctx, module, name):
        return None
    return Double(node.attr, module, name, PLAIN[name], False)


def _imported_module(ctx: PythonContext, node: cst.BaseExpression) -> str | None:
    """The dotted name of what an import binds that `node` names (`llm` of `from app import
    llm`: `app.llm`; `app.llm` of `import app.llm`), else None."""
    head = node
    while isinstance(head, cst.Attribute):
        head = head.value
    if not isinstance(head, cst.Name):
        return None
    bound = ctx.bindings(head)
    if not bound or not all(isinstance(b, ImportAssignment) for b in bound):
        return None
    names = ctx.qualnames(node)
    return min(names) if len(names) == 1 else None
