"""The reads of a table keyed by OpenAI model that cannot raise KeyError for a model it lacks.

MetaGPT's `CostManager` binds the table as a class attribute (`token_costs = TOKEN_COSTS`) and
looks a model up only after `if model not in self.token_costs: return`; its other modules
read `TOKEN_MAX.get(model, default)` or test `model in TOKEN_MAX` first. A model the tables
lack then takes the program's own branch, never a KeyError, so such reads leave a table closed
(`ModelTable.open`): a setting `apply` maps may miss it (t58a: 21 findings that kept
config2.yaml's model on OpenAI's). So does screenshot-to-code's `pricing =
MODEL_PRICING.get(model_name)` read only under `if pricing` (t58d: 20 findings).
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from typing import NamedTuple


def unsafe_reads(tree: ast.Module, name: str) -> list[ast.Name]:
    """The loads of the module-level `name` (a table) in `tree` that may raise KeyError for
    a key the table lacks or hand the table on (to code that may): all but `.get(key,
    default)`, `.get(key)` whose None the program tests before using it (`_tested_get`),
    `name[key]` keyed by strings the module writes (`_written_key`), `key in name`,
    `name[key]` after a test of that key in the same function, and a class attribute bound
    to it whose every read in the module (`self.`, `cls.`, `Class.`, `obj.<attribute>`) is
    safe."""
    walked = walk(tree)
    return [n for n in walked.loads.get(name, ()) if not _safe(n, name, walked.parents)]


def none_lookup(tree: ast.Module, name: str) -> ast.Call | None:
    """The first of the `unsafe_reads` of the table `name` where every one is a `.get(key)`
    (or `.get(key, None)`) whose None the program does not test: a model the table lacks
    gives None there, which goes on to the code using it; it raises no KeyError. None where
    there is no unsafe read, or one that may raise or hands the table on."""
    parents = walk(tree).parents
    calls = []
    for node in unsafe_reads(tree, name):
        parent = parents.get(id(node))
        call = parents.get(id(parent)) if isinstance(parent, ast.Attribute) else None
        if not (
            isinstance(call, ast.Call)
            and call.func is parent
            and isinstance(parent, ast.Attribute)
            and parent.attr == "get"
            and not call.keywords
            and (len(call.args) == 1 or (len(call.args) == 2 and _is_none(call.args[1])))
        ):
            return None
        calls.append(call)
    return min(calls, key=lambda c: (c.lineno, c.col_offset)) if calls else None


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
        if parent.attr != "get" or call.keywords or len(call.args) not in (1, 2):
            return False
        if len(call.args) == 2 and not _is_none(call.args[1]):
            return True
        return _tested_get(call, parents)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return _written_key(parent.slice, parents) or _guarded(parent, held, parents)
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
        return _safe_attribute(parent, parents)
    return False


def _written_key(key: ast.expr, parents: dict[int, ast.AST]) -> bool:
    """Whether `key` is a string the module writes (`T["gpt-5.5"]`), or the name a `for`
    around it takes from a display of such strings (`for name in ["gpt-5.5", "gpt-4o"]:`)
    and its body never binds again: a model the module names itself, which apply leaves
    (ML205), not one a setting gives (screenshot-to-code's tests read `MODEL_PRICING[name]`
    so)."""
    if isinstance(key, ast.Constant):
        return isinstance(key.value, str)
    if not isinstance(key, ast.Name):
        return False
    for node in _ancestors(key, parents):
        if isinstance(node, _FUNCTIONS):
            return False
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and node.target.id == key.id
        ):
            items = node.iter.elts if isinstance(node.iter, (ast.List, ast.Tuple, ast.Set)) else []
            bound = [
                n
                for statement in node.body
                for n in ast.walk(statement)
                if isinstance(n, ast.Name) and n.id == key.id and not _loaded(n)
            ]
            strings = [i for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            return bool(items) and len(strings) == len(items) and not bound
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


def _tested_get(call: ast.Call, parents: dict[int, ast.AST]) -> bool:
    """Whether the None of `call` (`T.get(key)`) never goes on as an entry: the call is a test
    (`if T.get(key):`, `T.get(key) or default`), or its value is bound to a name in a function
    whose every read of that name is a test of it or runs only where it held an entry (`cost
    if pricing else ""`, the body of `if pricing is not None:`, after `if not pricing:
    return`)."""
    parent = parents.get(id(call))
    if _is_test(call, parents):
        return True
    if not (
        isinstance(parent, ast.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
    ):
        return False
    held = parent.targets[0].id
    function = next((n for n in _ancestors(parent, parents) if isinstance(n, _FUNCTIONS)), None)
    if function is None:
        return False
    names = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == held]
    if sum(not _loaded(n) for n in names) != 1:
        return False  # bound again: which value a read meets is not followed
    reads = [n for n in names if _loaded(n)]
    return all(_is_test(n, parents) or _entry_held(n, held, parents) for n in reads)


def _is_test(node: ast.expr, parents: dict[int, ast.AST]) -> bool:
    """Whether `node` (a value that may be None) is only tested: the test of an `if`, `while`
    or conditional expression, `not node`, `node is (not) None`, not the last value of an
    `or`, or a value of an `and` that is itself such a test."""
    parent = parents.get(id(node))
    if isinstance(parent, (ast.If, ast.While, ast.IfExp)):
        return parent.test is node
    if isinstance(parent, ast.UnaryOp):
        return isinstance(parent.op, ast.Not)
    if isinstance(parent, ast.BoolOp):
        if isinstance(parent.op, ast.Or) and parent.values[-1] is not node:
            return True
        return isinstance(parent.op, ast.And) and _is_test(parent, parents)
    return (
        isinstance(parent, ast.Compare)
        and len(parent.ops) == 1
        and isinstance(parent.ops[0], (ast.Is, ast.IsNot))
        and _is_none(parent.comparators[0])
    )


def _entry_held(read: ast.Name, held: str, parents: dict[int, ast.AST]) -> bool:
    """Whether `read` runs only where the name `held` is not None: in the body of an `if` (or
    conditional expression) testing `held` or `held is not None` (also in an `and`), in the
    other branch of one testing `not held` or `held is None`, or after such an `if` whose body
    leaves, in a block around it."""
    child: ast.AST = read
    for node in _ancestors(read, parents):
        if isinstance(node, (ast.If, ast.IfExp)):
            body = node.body if isinstance(node, ast.If) else [node.body]
            orelse = node.orelse if isinstance(node, ast.If) else [node.orelse]
            if any(child is n for n in body) and _holds(node.test, held, True):
                return True
            if any(child is n for n in orelse) and _holds(node.test, held, False):
                return True
        for block in ("body", "orelse", "finalbody"):
            statements = getattr(node, block, None)
            if isinstance(statements, list) and any(child is n for n in statements):
                before = statements[: next(i for i, n in enumerate(statements) if n is child)]
                if any(_leaves_when_none(n, held) for n in before):
                    return True
        if isinstance(node, _FUNCTIONS):
            return False
        child = node
    return False


def _holds(test: ast.expr, held: str, true: bool) -> bool:
    """Whether `test` being `true` shows the name `held` is not None: `held`, `held is not
    None` (also in an `and`, for true), `not held`, `held is None` (also in an `or`, for
    false)."""
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And if true else ast.Or):
            return any(_holds(v, held, true) for v in test.values)
        return False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _holds(test.operand, held, not true)
    if isinstance(test, ast.Name):
        return true and test.id == held
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Name)
        and test.left.id == held
        and _is_none(test.comparators[0])
    ):
        return isinstance(test.ops[0], ast.IsNot if true else ast.Is)
    return False


def _leaves_when_none(node: ast.stmt, held: str) -> bool:
    """`if not held: return` (or `held is None`): what follows runs only where it is not."""
    exits = (ast.Return, ast.Raise, ast.Continue, ast.Break)
    return (
        isinstance(node, ast.If)
        and bool(node.body)
        and isinstance(node.body[-1], exits)
        and _holds(node.test, held, False)
    )


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
    TOKEN_COSTS`) whose every read in the module is safe: through `self` in its methods and
    through anything else (`cls.`, the class's name, an instance) anywhere, by that name."""
    cls = parents.get(id(bound))
    targets = bound.targets if isinstance(bound, ast.Assign) else [bound.target]
    if not isinstance(cls, ast.ClassDef) or len(targets) != 1:
        return False
    target = targets[0]
    if not isinstance(target, ast.Name):
        return False
    module = next((n for n in _ancestors(cls, parents) if isinstance(n, ast.Module)), cls)
    for node in ast.walk(module):
        if not (isinstance(node, ast.Attribute) and node.attr == target.id and _loaded(node)):
            continue
        if not _safe(node, ast.unparse(node), parents):
            return False
    return True


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _loaded(node: ast.Name | ast.Attribute) -> bool:
    return isinstance(node.ctx, ast.Load)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


class Walked(NamedTuple):
    """What the reads of a module's tables are judged by, gathered in one walk of its tree
    (shared by every caller asking of that tree: not to be changed)."""

    tree: ast.Module
    # each node's parent, by the child's id
    parents: dict[int, ast.AST]
    # the loads of each name, in `ast.walk`'s order
    loads: dict[str, list[ast.Name]]
    # the ids of the nodes subscripted (`value` of each `ast.Subscript`)
    subscripted: frozenset[int]


# the last tree walked (`walk`): a module's tables are judged one after another on its tree
_last: list[Walked] = []


def walk(tree: ast.Module) -> Walked:
    """`Walked` of `tree`, kept for the tree last asked (trees are not changed once parsed):
    a module with several tables keyed by model walks its tree once, not four times per
    table. It holds the tree, so no other tree can take its id meanwhile."""
    if _last and _last[0].tree is tree:
        return _last[0]
    parents: dict[int, ast.AST] = {}
    loads: dict[str, list[ast.Name]] = {}
    subscripted = set()
    todo: deque[ast.AST] = deque([tree])
    while todo:  # `ast.walk`'s order, each node's children listed once
        node = todo.popleft()
        children = list(ast.iter_child_nodes(node))
        for child in children:
            parents[id(child)] = node
        todo.extend(children)
        if isinstance(node, ast.Name):
            if _loaded(node):
                loads.setdefault(node.id, []).append(node)
        elif isinstance(node, ast.Subscript):
            subscripted.add(id(node.value))
    walked = Walked(tree, parents, loads, frozenset(subscripted))
    _last[:] = [walked]
    return walked


def _ancestors(node: ast.AST, parents: dict[int, ast.AST]) -> Iterator[ast.AST]:
    while (node := parents.get(id(node))) is not None:  # type: ignore[assignment]
        yield node
