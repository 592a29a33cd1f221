"""The tests a statement runs under (`if use_litellm:` ... `else:`, or past an `if
use_litellm: return ...`), and whether two places can never both run: where shell_gpt's
`completion` is `litellm.completion` in one branch and `client.chat.completions.create` in
the other, a call under the same test is the first only (`PythonContext.callees`)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment, ImportAssignment

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext

# a test and whether it holds there
PathTest = tuple[cst.BaseExpression, bool]


def path_tests(ctx: PythonContext, node: cst.CSTNode) -> list[PathTest]:
    """The tests `node` runs under: those of the `if`s holding it (true in the body, false in
    the `else:` or `elif`), and those of the `if`s before it in a block holding it whose one
    branch leaves the block (`return`, `raise`, `continue`, `break`): past `if t: return`,
    `t` is false. `not t` is `t` false."""
    path = (*ctx.ancestors(node), node)
    found: list[PathTest] = []
    for outer, inner in itertools.pairwise(path):
        if isinstance(outer, cst.If):
            if inner is outer.body:
                found.append(plain_test(outer.test, True))
            elif inner is outer.orelse:
                found.append(plain_test(outer.test, False))
        elif isinstance(outer, (cst.Module, cst.IndentedBlock)):
            for statement in outer.body:
                if statement is inner:
                    break
                passed = _past(statement)
                if passed is not None:
                    found.append(passed)
    return found


def exclusive(ctx: PythonContext, a: Sequence[PathTest], b: Sequence[PathTest]) -> bool:
    """Whether places running under the tests `a` and under `b` never both run: one test
    holds in one and fails in the other, written alike and reading the same names, each
    bound once (a module's `USE_LITELLM = os.getenv(...) == "true"`: its value does not
    change between the two)."""
    return any(
        held != other and ctx.code(test) == ctx.code(same) and _fixed(ctx, test, same)
        for test, held in a
        for same, other in b
    )


def plain_test(test: cst.BaseExpression, holds: bool) -> PathTest:
    """`test` and whether it holds, with its `not`s taken off (`not t` true: `t` false)."""
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test, holds = test.expression, not holds
    return test, holds


def _past(statement: cst.BaseStatement) -> PathTest | None:
    """The test the statements after `statement` run under, where it is an `if` one of whose
    branches always leaves the block (the other does not, or is missing)."""
    if not isinstance(statement, cst.If):
        return None
    other = statement.orelse
    if _leaves(statement.body) and not (isinstance(other, cst.Else) and _leaves(other.body)):
        return plain_test(statement.test, False)
    if isinstance(other, cst.Else) and _leaves(other.body):
        return plain_test(statement.test, True)
    return None


def _leaves(block: cst.BaseSuite) -> bool:
    """Whether `block` ends in `return`, `raise`, `continue` or `break`."""
    last: cst.CSTNode = block.body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue, cst.Break))


def _fixed(ctx: PythonContext, a: cst.BaseExpression, b: cst.BaseExpression) -> bool:
    """Whether the tests `a` and `b`, written alike, read the same names, each bound once by
    an assignment or an import (or a builtin): not a parameter, a loop's target, a name
    assigned twice."""
    first, second = _names(a), _names(b)
    if len(first) != len(second):
        return False
    for x, y in zip(first, second, strict=True):
        bound, other = ctx.bindings(x), ctx.bindings(y)
        if len(bound) != 1 or len(other) != 1 or bound[0] is not other[0]:
            return False
        binding = bound[0]
        if isinstance(binding, (BuiltinAssignment, ImportAssignment)):
            continue
        if not isinstance(binding, Assignment) or not _assigned(ctx, binding):
            return False
    return True


def _assigned(ctx: PythonContext, binding: Assignment) -> bool:
    """Whether `binding` is a plain `name = value` (not a parameter, loop or `with` target)."""
    parent = ctx.ancestors(binding.node)[-1] if isinstance(binding.node, cst.Name) else None
    return isinstance(parent, (cst.AssignTarget, cst.AnnAssign))


def _names(test: cst.BaseExpression) -> list[cst.Name]:
    """The names `test` reads, in order (not an attribute's name, not a keyword's)."""
    found: list[cst.Name] = []

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.append(node)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            node.value.visit(self)
            return False

    test.visit(Names())
    return found
