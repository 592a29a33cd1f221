"""Requests through a client another module of the project returns (`RunFacts.
provider_factories`): self-operating-computer's `client = config.initialize_openai()`, with
`config = Config()` and `from operate.config import Config`, then `client.chat.completions.
create(model="gpt-4o", ...)` (t54a D3).

Where every binding of the request's receiver is a call of such a function, and the facts say
apply points each client it may return at the provider, the request goes to the provider once
applied: its model is mapped where it is written (ML204), as ML201 maps one through a client
the module builds. The callee is followed only in these forms: a function imported by name
(`make_client()`), a method of a class imported by name called on the class or on an instance
built in place (`Config().make()`), or on a name bound once to one (`config = Config()`;
`config.make()`), the import naming the module that defines it (`_imports`).
Anything else (an attribute of `self`, a subclass, an instance imported from elsewhere) stays
ML206's.
"""

from __future__ import annotations

import os

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.import_roots import module_files, package_root
from migrate_llm.provider_factories import ProviderFactory
from migrate_llm.rules.project_calls import from_import, imported_file
from migrate_llm.rules.python_context import PythonContext, flatten, match_surface


def provider_factory(ctx: PythonContext, call: cst.Call) -> ProviderFactory | None:
    """The function of another module of the project that returns the client the SDK-shaped
    request `call` goes through, where apply points that client at the provider (see the
    module's docstring); None otherwise."""
    factories = ctx.rules.facts.provider_factories
    func = call.func
    if not factories or not ctx.rules.switching or not isinstance(func, cst.Attribute):
        return None
    nodes, attrs = flatten(func)
    receiver = next((nodes[i] for i in range(len(attrs)) if match_surface(attrs[i:])), None)
    if receiver is None:
        return None
    made = _made_by(ctx, receiver)
    if not made:
        return None
    found = {_factory(ctx, factories, m) for m in made}
    chosen = found.pop() if len(found) == 1 else None
    return chosen if chosen is not None and chosen.provider else None


def _made_by(ctx: PythonContext, receiver: cst.BaseExpression) -> list[cst.Call]:
    """The calls the receiver is the result of: itself, or what every binding of a name
    assigns it (empty where one binds it otherwise)."""
    if isinstance(receiver, cst.Call):
        return [receiver]
    if not isinstance(receiver, cst.Name):
        return []
    made = []
    for binding in ctx.bindings(receiver):
        value = _assigned(ctx, binding)
        if not isinstance(value, cst.Call):
            return []
        made.append(value)
    return made


def _assigned(ctx: PythonContext, binding: object) -> cst.BaseExpression | None:
    """The value a plain assignment to one name binds (`client = make()`); else None."""
    if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
        return None
    above = ctx.ancestors(binding.node)
    if len(above) < 2 or not isinstance(above[-1], cst.AssignTarget):
        return None
    statement = above[-2]
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        return statement.value
    return None


def _factory(
    ctx: PythonContext, factories: frozenset[ProviderFactory], call: cst.Call
) -> ProviderFactory | None:
    """The entry of the facts for the function `call` calls: of the one module its import
    names; None where it is none of them."""
    named = _callee(ctx, call.func)
    if named is None:
        return None
    dots, module, name = named
    found = [f for f in factories if f.name == name and _imports(ctx.path, dots, module, f.module)]
    return found[0] if len(found) == 1 else None


def _imports(path: str, dots: str, module: str, target: str) -> bool:
    """Whether the module at `path` importing `dots` + `module` imports the file `target`: a
    relative import as it names it (`project_calls.imported_file`); an absolute one as Python
    finds it from the file's top package or its directory where a file is there (another
    file of that name is another module), else where `target`'s path ends so."""
    if not path:
        return False
    if not dots:
        here = os.path.dirname(os.path.abspath(path))
        found = module_files(here, module, [package_root(here)[0], here])
        if found:
            return _same(found[0], target)
    return imported_file(path, dots, module, {target}) == {target}


def _same(path: str, other: str) -> bool:
    return os.path.normcase(os.path.abspath(path)) == os.path.normcase(os.path.abspath(other))


def _callee(ctx: PythonContext, func: cst.BaseExpression) -> tuple[str, str, str] | None:
    """(leading dots, module, name as the facts hold it) of an imported function, or of a
    method of an imported class (`Config.make`: see the module's docstring)."""
    if isinstance(func, cst.Name):
        return from_import(ctx, func)
    if not isinstance(func, cst.Attribute):
        return None
    owner = func.value
    if isinstance(owner, cst.Name):
        bound = ctx.bindings(owner)
        value = _assigned(ctx, bound[0]) if len(bound) == 1 else None
        if isinstance(value, cst.Call):
            owner = value  # `config = Config()`, then `config.make()`
    if isinstance(owner, cst.Call):
        owner = owner.func  # `Config().make()`
    if not isinstance(owner, cst.Name):
        return None
    imported = from_import(ctx, owner)
    if imported is None:
        return None
    dots, module, name = imported
    return dots, module, f"{name}.{func.attr.value}"
