"""A test that a key variable is set, and the reads of that variable it guards (ML401).

`if os.getenv("OPENAI_API_KEY"):` or `if not os.getenv("OPENAI_API_KEY"): return` guards the
reads that need the key. Renamed while those reads stay OpenAI's (crawl4ai's configs beside
`openai/...` models, t66g), the test asks for the provider's variable and the code below it
still reads OpenAI's: the guard follows the decision made for the reads it guards.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.env_names import EnvAccess, EnvNames, testing
from migrate_llm.rules.python_context import PythonContext


def presence_test(names: EnvNames, read: cst.CSTNode) -> bool:
    """Whether the read `read` is (part of) the test of an `if`, `while` or `x if t else y`
    and its value goes nowhere else: not bound by `:=` on its way there (`if not (key :=
    os.getenv(X)):` then uses `key`)."""
    test = testing(names, read)
    if test is None:
        return False
    for node in names.ancestors(read):
        if node is test:
            return True
        if isinstance(node, cst.NamedExpr):
            return False
    return False


def guarded_reads(
    ctx: PythonContext, guard: cst.CSTNode, name: str, reads: list[EnvAccess]
) -> list[EnvAccess]:
    """The reads of `name` among `reads` that the test `guard` guards: those of the function
    holding it (not of a function inside) and of the module's functions it calls by name
    (`extract()`), or, where those read none, of the whole module (a `main()` testing the
    key that other functions read). `guard` itself aside."""
    others = [a for a in reads if a.node is not guard and name in a.names]
    scope = _function(ctx, guard)
    if scope is None:
        return others
    called = {scope, *_called(ctx, scope)}
    inside = [a for a in others if _function(ctx, a.node) in called]
    return inside or others


def _called(ctx: PythonContext, scope: cst.FunctionDef) -> list[cst.FunctionDef]:
    """The module's top-level functions `scope` calls by their name (`extract()`)."""
    module = ctx.ancestors(scope)[0] if ctx.ancestors(scope) else None
    if not isinstance(module, cst.Module):
        return []
    defined = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    names: set[str] = set()

    class _Calls(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Name):
                names.add(node.func.value)

    scope.body.visit(_Calls())
    return [defined[n] for n in sorted(names) if n in defined and defined[n] is not scope]


def _function(ctx: PythonContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    """The innermost function holding `node`; None at the module's top level."""
    return next((a for a in reversed(ctx.ancestors(node)) if type(a) is cst.FunctionDef), None)
