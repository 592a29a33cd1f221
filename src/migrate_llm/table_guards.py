"""The reads of a table keyed by OpenAI model that cannot raise KeyError for a model it lacks.

MetaGPT's `CostManager` binds the table as a class attribute (`token_costs = TOKEN_COSTS`) and
looks a model up only after `if model not in self.token_costs: return`; its other modules
read `TOKEN_MAX.get(model, default)` or test `model in TOKEN_MAX` first. A model the tables
lack then takes the program's own branch, never a KeyError, so such reads leave a table closed
(`ModelTable.open`): a setting `apply` maps may miss it (t58a: 21 findings that kept
config2.yaml's model on OpenAI's).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


def unsafe_reads(tree: ast.Module, name: str) -> list[ast.Name]:
    """The loads of the module-level `name` (a table) in `tree` that may raise KeyError for
    a key the table lacks or hand the table on (to code that may): all but `.get(key,
    default)`, `key in name`, `name[key]` after a test of that key in the same function, and
    a class attribute bound to it whose every `self.<attribute>` read in the class is safe)."""
    parents = _parents(tree)
    loads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and _loaded(n)]
    return [n for n in loads if not _safe(n, name, parents)]


def _safe(node: ast.expr, held: str, parents: dict[int, ast.AST]) -> bool:
    """Whether the read `node` of the table written `held` cannot raise KeyError."""
    parent = parents.get(id(node))
    if isinstance(parent, ast.Compare):
        return (
            len(parent.ops) == 1
            and isinstance(parent.ops[0], (ast.In, ast.NotIn))
            and parent.comparators[0] is node
        )
    if isinstance(parent, ast.Attribute):
        call = parents.get(id(parent))
        if not isinstance(call, ast.Call) or call.func is not parent:
            return False
        return parent.attr == "get" and len(call.args) == 2 and not _is_none(call.args[1])
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return _guarded(parent, held, parents)
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
        return _safe_attribute(parent, parents)
    return False


def _guarded(lookup: ast.Subscript, held: str, parents: dict[int, ast.AST]) -> bool:
    """Whether `lookup` (`held[key]`) runs only where `key in held`: in the body of an `if`
    (or the value of a conditional expression) testing it, or after an `if key not in held:`
    whose body leaves (`return`, `raise`, `continue`, `break`) in a block around it."""
    key = ast.unparse(lookup.slice)
    child: ast.AST = lookup
    for node in _ancestors(lookup, parents):
        if isinstance(node, (ast.If, ast.IfExp)) and _tests(node.test, key, held, ast.In):
            inside = node.body if isinstance(node, ast.If) else [node.body]
            if any(child is n for n in inside):
                return True
        for block in ("body", "orelse", "finalbody"):
            statements = getattr(node, block, None)
            if isinstance(statements, list) and any(child is n for n in statements):
                before = statements[: next(i for i, n in enumerate(statements) if n is child)]
                if any(_leaves_unless(n, key, held) for n in before):
                    return True
        if isinstance(node, _FUNCTIONS):
            return False
        child = node
    return False


def _tests(test: ast.expr, key: str, held: str, op: type[ast.cmpop]) -> bool:
    """Whether `test` is (or is an `and` of tests holding) `key <op> held`."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_tests(v, key, held, op) for v in test.values)
    return (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], op)
        and ast.unparse(test.left) == key
        and ast.unparse(test.comparators[0]) == held
    )


def _leaves_unless(node: ast.stmt, key: str, held: str) -> bool:
    """`if key not in held: ... return` (also `or`-ed with other tests): what follows runs
    only for a key the table has."""
    if not isinstance(node, ast.If) or not node.body:
        return False
    test = node.test
    tests = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) else [test]
    exits = (ast.Return, ast.Raise, ast.Continue, ast.Break)
    return isinstance(node.body[-1], exits) and any(_tests(t, key, held, ast.NotIn) for t in tests)


def _safe_attribute(bound: ast.Assign | ast.AnnAssign, parents: dict[int, ast.AST]) -> bool:
    """Whether `bound` binds the table to an attribute in a class body (`token_costs: dict =
    TOKEN_COSTS`) whose every `self.<attribute>` read in the class's methods is safe."""
    cls = parents.get(id(bound))
    targets = bound.targets if isinstance(bound, ast.Assign) else [bound.target]
    if not isinstance(cls, ast.ClassDef) or len(targets) != 1:
        return False
    target = targets[0]
    if not isinstance(target, ast.Name):
        return False
    reads = [
        n
        for n in ast.walk(cls)
        if isinstance(n, ast.Attribute)
        and n.attr == target.id
        and isinstance(n.value, ast.Name)
        and n.value.id == "self"
        and _loaded(n)
    ]
    return all(_safe(n, f"self.{target.id}", parents) for n in reads)


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _loaded(node: ast.Name | ast.Attribute) -> bool:
    return isinstance(node.ctx, ast.Load)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    """Each node's parent, by the child's id."""
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _ancestors(node: ast.AST, parents: dict[int, ast.AST]) -> Iterator[ast.AST]:
    while (node := parents.get(id(node))) is not None:  # type: ignore[assignment]
        yield node
