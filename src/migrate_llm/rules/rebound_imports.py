"""Which imports of a name reach a use of it, where a later import rebinds the name.

`import openai` ... `from gptcache.adapter import openai`: from the second import on, the
name is the adapter, not the SDK. libcst's scope analysis gives a use every import of its
scope's name; here an import that an unconditional import of the same name follows, before
the use, no longer reaches it. At the level the imports are made (the module, a class body
run with it, a function's own body), that is the order of the text; a use in a function
defined below them runs once the module is imported, and sees the name's final binding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import FunctionScope, ImportAssignment, Scope

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext


def reaching_import_names(ctx: PythonContext, node: cst.CSTNode, names: set[str]) -> set[str]:
    """The qualified names among `names` (those of every import of `node`'s base name) that
    come from the imports reaching `node`; `names` itself when that cannot be told."""
    base = node
    while isinstance(base, cst.Attribute):
        base = base.value
    full_name = get_full_name_for_node(node)
    scope = ctx.scope(base)
    if not isinstance(base, cst.Name) or full_name is None or scope is None:
        return names
    imports = [a for a in scope[base.value] if isinstance(a, ImportAssignment)]
    if len(imports) < 2:
        return names
    imports.sort(key=lambda a: ctx.index_of(a.node))
    if _in_order(scope, imports[0].scope):
        at = ctx.index_of(base)
        imports = [a for a in imports if ctx.index_of(a.node) < at]
    last = max((i for i, a in enumerate(imports) if _unconditional(ctx, a)), default=0)
    found = {q.name for a in imports[last:] for q in a.get_qualified_names_for(full_name)}
    return found & names or names


def _in_order(use: Scope, home: Scope) -> bool:
    """Whether code of scope `use` runs in the order of the text of `home`, where the name is
    imported: no function lies between them (a class body runs where it is written)."""
    scope: Scope | None = use
    while scope is not None and scope is not home:
        if isinstance(scope, FunctionScope):
            return False
        scope = scope.parent if scope.parent is not scope else None
    return scope is home


def _unconditional(ctx: PythonContext, binding: ImportAssignment) -> bool:
    """Whether the import is a statement of its scope's own body (the module's, or its
    function's), not under an `if`, `try`, `with` or loop."""
    above = ctx.ancestors(binding.node)
    if len(above) < 2 or type(above[-1]) is not cst.SimpleStatementLine:
        return False
    body = above[-2]
    if type(body) is cst.Module:
        return True
    return (
        type(body) is cst.IndentedBlock
        and len(above) >= 3
        and type(above[-3]) is cst.FunctionDef
        and isinstance(binding.scope, FunctionScope)
    )
