"""The tests of a module on a name that holds a model: where the program branches by model.

ML204 leaves a model setting that such a test on the name it binds would treat otherwise
once mapped (babyagi's `if not M.startswith("gpt-")` sent its mapped default down the legacy
completions branch). The tests read here: a prefix test (`M.startswith("gpt-")`,
`M.lower().endswith(("-mini", "-nano"))`), a comparison with a model (`M == "gpt-4o"`,
`!=`) and a membership test (`M in ("gpt-4o", "o3")`, `not in`, or a name bound once to a
list, tuple or set: `M in REASONING_MODELS`), each with literals only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value, without_id_methods

PREFIX_METHODS = frozenset({"startswith", "endswith"})
_COLLECTIONS = (cst.Tuple, cst.List, cst.Set)


@dataclass(frozen=True)
class BranchTest:
    """One test of a name: `kind` is the prefix method (`startswith`, `endswith`) or "in"
    (`==` is `in` a one-item collection) over the literals `values`; `negated` for `!=` and
    `not in`; `methods` the str methods the name is read through first (`.lower()`);
    `widened` the comparison, list, tuple or set that ML205 may add the provider's models to;
    `holder` what binds the name (its assigned value, or the parameter)."""

    node: cst.CSTNode
    kind: str
    values: tuple[str, ...]
    methods: tuple[str, ...]
    holder: cst.CSTNode
    widened: cst.CSTNode | None = None
    negated: bool = False

    def passes(self, model: str, added: Collection[str] = ()) -> bool:
        """Whether `model` passes the test, with `added` among its values (ML205's)."""
        sent = sdk.through_methods(model, self.methods)
        if self.kind == "in":
            found = sent in self.values or sent in added
        else:
            found = any(getattr(sent, self.kind)(v) for v in self.values)
        return found != self.negated


def branch_tests(ctx: PythonContext) -> list[BranchTest]:
    """The tests of the module on names bound once, in the order of the text (found once)."""
    found = ctx.analyses.get(branch_tests)
    if found is None:
        found = ctx.analyses[branch_tests] = _branch_tests(ctx)
    return cast("list[BranchTest]", found)


def tests_on(ctx: PythonContext, value: cst.CSTNode) -> list[BranchTest]:
    """The tests of the name that `value` (a default, an assigned value, or a part of one)
    sets: those whose name is bound by what holds it."""
    at = ctx.index_of(value)
    found = []
    for test in branch_tests(ctx):
        start = ctx.index_of(test.holder)
        if start <= at < ctx.ends[start]:
            found.append(test)
    return found


def _branch_tests(ctx: PythonContext) -> list[BranchTest]:
    found = []
    for node in ctx.nodes:
        # the exact types (a libcst node class's `isinstance` goes through ABCMeta)
        kind, test = type(node), None
        if kind is cst.Call:
            test = _prefix_test(ctx, cast(cst.Call, node))
        elif kind is cst.Comparison:
            test = _comparison_test(ctx, cast(cst.Comparison, node))
        if test is not None:
            found.append(test)
    return found


def _prefix_test(ctx: PythonContext, node: cst.Call) -> BranchTest | None:
    func = node.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value in PREFIX_METHODS
        and len(node.args) == 1
        and not node.args[0].keyword
        and not node.args[0].star
    ):
        return None
    value = node.args[0].value
    items = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
    prefixes = _literals(items)
    tested = _tested(ctx, func.value)
    if prefixes is None or tested is None:
        return None
    return BranchTest(node, func.attr.value, prefixes, *tested)


def _comparison_test(ctx: PythonContext, node: cst.Comparison) -> BranchTest | None:
    if len(node.comparisons) != 1:
        return None
    target = node.comparisons[0]
    operator, left, right = target.operator, node.left, target.comparator
    if isinstance(operator, (cst.Equal, cst.NotEqual)):
        literal, other = (left, right) if string_value(left) is not None else (right, left)
        values = _literals([literal])
        widened: cst.CSTNode | None = node
    elif isinstance(operator, (cst.In, cst.NotIn)):
        other, widened = left, _collection(ctx, right)
        values = None
        if isinstance(widened, _COLLECTIONS):
            values = _literals([e.value for e in widened.elements])
    else:
        return None
    tested = _tested(ctx, other)
    if values is None or tested is None:
        return None
    negated = isinstance(operator, (cst.NotEqual, cst.NotIn))
    return BranchTest(node, "in", values, *tested, widened=widened, negated=negated)


def _collection(ctx: PythonContext, node: cst.BaseExpression) -> cst.CSTNode | None:
    """The list, tuple or set display `node` is, or the one a name is bound to once."""
    if isinstance(node, cst.Name):
        bound = ctx.bound_value(node)
        return bound if isinstance(bound, _COLLECTIONS) else None
    return node if isinstance(node, _COLLECTIONS) else None


def _literals(items: list[cst.BaseExpression]) -> tuple[str, ...] | None:
    values = [string_value(item) for item in items]
    if not values or None in values:
        return None
    return tuple(v for v in values if v is not None)


def _tested(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[tuple[str, ...], cst.CSTNode] | None:
    """(the methods read first, what binds the name) for a name bound once, read through
    `.lower()` and the like."""
    tested, methods = without_id_methods(expr)
    if not isinstance(tested, cst.Name):
        return None
    bound = ctx.bindings(tested)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    holder = ctx.index.assigned.get(id(bound[0].node), bound[0].node)
    return methods, holder
