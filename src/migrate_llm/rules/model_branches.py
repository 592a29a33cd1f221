"""The tests of a module on a name that holds a model: where the program branches by model.

ML204 leaves a model setting that such a test on the name it binds would treat otherwise
once mapped (babyagi's `if not M.startswith("gpt-")` sent its mapped default down the legacy
completions branch). The tests read here: a prefix test (`M.startswith("gpt-")`,
`M.lower().endswith(("-mini", "-nano"))`), a substring test (`"gpt" in M`, `not in`,
`M.find("gpt") != -1`, `M.count("gpt")`, `re.match("gpt", M)`, `re.search`: `FAMILY_TESTS`),
a comparison with a model (`M == "gpt-4o"`, `!=`) and a membership test (`M in ("gpt-4o",
"o3")`, `not in`, or a name bound once to a list, tuple or set: `M in REASONING_MODELS`),
each with literals only. A membership test also reads a class attribute through `self`
(pandas-ai's `self.model in self._supported_chat_models`, both bound once in the class
body), directly or through a local name bound to it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.passed_values import body_assignments
from migrate_llm.rules.python_context import (
    PythonContext,
    last_name,
    scope_assignments,
    self_attribute,
    string_value,
    without_id_methods,
)
from migrate_llm.rules.tokenizer_branches import enclosing_test, mentions_pick, tokenizer_pick

PREFIX_METHODS = frozenset({"startswith", "endswith"})
_COLLECTIONS = (cst.Tuple, cst.List, cst.Set)


def _pattern_test(find: Callable[[str, str], object]) -> Callable[[str, str], bool]:
    def matches(model: str, pattern: str) -> bool:
        try:
            return find(pattern, model) is not None
        except re.error:
            return False

    return matches


# The tests of a part of a model's name (a family: `gpt`, `gpt-4`, `o1`), by kind: whether a
# model holds the part where the test looks. A str method takes the part (`M.startswith(p)`),
# a `re` function the pattern first (`re.match(p, M)`); `p in M` and the methods of
# `FOUND_METHODS` are "contains".
FAMILY_TESTS: dict[str, Callable[[str, str], bool]] = {
    "startswith": str.startswith,
    "endswith": str.endswith,
    "contains": lambda model, part: part in model,
    "re.match": _pattern_test(re.match),
    "re.search": _pattern_test(re.search),
}
# str methods that find a part (`M.find("gpt") != -1`): the comparisons of what they return
# with a number that ask whether the part is there (False) or not (True, negated); "" for
# the bare call as a condition (`if M.count("gpt"):`, `not`, `and`, `or`)
FOUND_METHODS: dict[str, dict[tuple[type[cst.BaseCompOp], int] | str, bool]] = {
    **{
        method: {
            (cst.NotEqual, -1): False,
            (cst.GreaterThanEqual, 0): False,
            (cst.GreaterThan, -1): False,
            (cst.Equal, -1): True,
            (cst.LessThan, 0): True,
        }
        for method in ("find", "rfind")
    },
    "count": {
        "": False,
        (cst.GreaterThan, 0): False,
        (cst.GreaterThanEqual, 1): False,
        (cst.NotEqual, 0): False,
        (cst.Equal, 0): True,
        (cst.LessThan, 1): True,
    },
}
# the str methods a family test calls on the model, and the `re` functions by last name
FAMILY_METHODS = PREFIX_METHODS | FOUND_METHODS.keys()
PATTERN_FUNCTIONS = frozenset(k.split(".")[1] for k in FAMILY_TESTS if k.startswith("re."))


@dataclass(frozen=True)
class BranchTest:
    """One test of a name: `kind` is "in" (`==` is `in` a one-item collection) or a family
    test of `FAMILY_TESTS` (`startswith`, "contains", `re.match`...) over the literals
    `values`; `negated` for `!=`, `not in` and `M.find(p) == -1`; `methods` the str methods
    the name is read through first (`.lower()`);
    `widened` the comparison, list, tuple or set that ML205 may add the provider's models to
    (or the `startswith` call: `request_picks`);
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
            found = any(FAMILY_TESTS[self.kind](sent, v) for v in (*self.values, *added))
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
            call = cast(cst.Call, node)
            test = _prefix_test(ctx, call) or _found_test(ctx, call) or _pattern_match(ctx, call)
        elif kind is cst.Comparison:
            test = _comparison_test(ctx, cast(cst.Comparison, node))
        if test is not None and not _picks_encoding(ctx, test.node):
            found.append(test)
    return found


def _picks_encoding(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is (a part of) a test that only picks how tiktoken counts
    (`tokenizer_branches.tokenizer_pick`: `encoding_for_model(m) if "gpt" in m else
    get_encoding(...)`). A provider's model taking the other one is what it is for."""
    if not mentions_pick(ctx):
        return False
    test = enclosing_test(ctx, node)
    return test is not None and tokenizer_pick(ctx, test) is not None


def _method_argument(node: cst.Call, methods: Collection[str]) -> cst.BaseExpression | None:
    """The one positional argument of `X.m(arg)`, for `m` one of `methods`."""
    func = node.func
    if (
        isinstance(func, cst.Attribute)
        and func.attr.value in methods
        and len(node.args) == 1
        and not node.args[0].keyword
        and not node.args[0].star
    ):
        return node.args[0].value
    return None


def _prefix_test(ctx: PythonContext, node: cst.Call) -> BranchTest | None:
    value = _method_argument(node, PREFIX_METHODS)
    if value is None:
        return None
    func = cast(cst.Attribute, node.func)
    items = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
    prefixes = _literals(items)
    tested = _tested(ctx, func.value)
    if prefixes is None or tested is None:
        return None
    # ML205 may add the provider's models to a `startswith` test that picks a request kind
    widened = node if func.attr.value == "startswith" else None
    return BranchTest(node, func.attr.value, prefixes, *tested, widened=widened)


def _found_test(ctx: PythonContext, node: cst.Call) -> BranchTest | None:
    """`M.find("gpt") != -1`, `M.count("gpt")` and the like (`FOUND_METHODS`): "contains",
    the comparison around the call its node."""
    argument = _method_argument(node, FOUND_METHODS.keys())
    if argument is None:
        return None
    func = cast(cst.Attribute, node.func)
    part = _literals([argument])
    tested = _tested(ctx, func.value)
    if part is None or tested is None:
        return None
    above = ctx.ancestors(node)
    parent = above[-1] if above else None
    shape: tuple[type[cst.BaseCompOp], int] | str | None = None
    test: cst.CSTNode = node
    if _condition(parent, node):
        shape = ""
    elif isinstance(parent, cst.Comparison) and parent.left is node:
        number = _number(parent.comparisons[0].comparator)
        if len(parent.comparisons) == 1 and number is not None:
            shape = (type(parent.comparisons[0].operator), number)
        test = parent
    negated = FOUND_METHODS[func.attr.value].get(shape) if shape is not None else None
    if negated is None:
        return None
    return BranchTest(test, "contains", part, *tested, negated=negated)


def _pattern_match(ctx: PythonContext, node: cst.Call) -> BranchTest | None:
    """`re.match("gpt", M)`, `re.search("gpt-4", M)` (`FAMILY_TESTS`) with a valid pattern,
    as a condition or compared with None (`is not None`: the comparison its node)."""
    if last_name(node.func) not in PATTERN_FUNCTIONS or len(node.args) != 2:
        return None
    if any(a.keyword or a.star for a in node.args):
        return None
    kind = next((q for q in sorted(ctx.qualnames(node.func)) if q in FAMILY_TESTS), None)
    pattern = _literals([node.args[0].value])
    tested = _tested(ctx, node.args[1].value)
    if kind is None or pattern is None or tested is None:
        return None
    try:
        re.compile(pattern[0])
    except re.error:
        return None
    above = ctx.ancestors(node)
    parent = above[-1] if above else None
    if _condition(parent, node):
        return BranchTest(node, kind, pattern, *tested)
    if (
        isinstance(parent, cst.Comparison)
        and parent.left is node
        and len(parent.comparisons) == 1
        and isinstance(parent.comparisons[0].operator, (cst.Is, cst.IsNot))
        and isinstance(parent.comparisons[0].comparator, cst.Name)
        and parent.comparisons[0].comparator.value == "None"
    ):
        negated = isinstance(parent.comparisons[0].operator, cst.Is)
        return BranchTest(parent, kind, pattern, *tested, negated=negated)
    return None


def _condition(parent: cst.CSTNode | None, node: cst.CSTNode) -> bool:
    """Whether `node` is read as true or false where it stands: the test of an `if`, a
    conditional expression or a `while`, an operand of `not`, `and` or `or`."""
    if isinstance(parent, (cst.If, cst.IfExp, cst.While)):
        return parent.test is node
    return isinstance(parent, cst.BooleanOperation) or (
        isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)
    )


def _number(node: cst.BaseExpression) -> int | None:
    """The value of an integer literal (`0`, `-1`), or None."""
    sign = 1
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        sign, node = -1, node.expression
    if isinstance(node, cst.Integer) and node.value.isdigit():
        return sign * int(node.value)
    return None


def _comparison_test(ctx: PythonContext, node: cst.Comparison) -> BranchTest | None:
    if len(node.comparisons) != 1:
        return None
    target = node.comparisons[0]
    operator, left, right = target.operator, node.left, target.comparator
    negated = isinstance(operator, (cst.NotEqual, cst.NotIn))
    if isinstance(operator, (cst.In, cst.NotIn)) and string_value(left) is not None:
        # `"gpt" in M`: a part of the model's name (not a list's member: `M = [...]`)
        part, tested = _literals([left]), _tested(ctx, right)
        if part is None or tested is None or isinstance(tested[1], (*_COLLECTIONS, cst.Dict)):
            return None
        return BranchTest(node, "contains", part, *tested, negated=negated)
    if isinstance(operator, (cst.Equal, cst.NotEqual)):
        literal, other = (left, right) if string_value(left) is not None else (right, left)
        values = _literals([literal])
        widened: cst.CSTNode | None = node
    elif isinstance(operator, (cst.In, cst.NotIn)):
        other, widened = left, membership_collection(ctx, right)
        values = None
        if isinstance(widened, _COLLECTIONS):
            values = _literals([e.value for e in widened.elements])
    else:
        return None
    membership = isinstance(operator, (cst.In, cst.NotIn))
    tested = _tested(ctx, other, membership)
    if values is None or tested is None:
        return None
    return BranchTest(node, "in", values, *tested, widened=widened, negated=negated)


def membership_collection(ctx: PythonContext, node: cst.BaseExpression) -> cst.CSTNode | None:
    """The list, tuple or set display `node` is, or the one a name or a class attribute read
    through `self` is bound to once."""
    if isinstance(node, cst.Name):
        bound = ctx.bound_value(node)
        return bound if isinstance(bound, _COLLECTIONS) else None
    if isinstance(node, cst.Attribute):
        held = _class_attribute(ctx, node)
        return held if isinstance(held, _COLLECTIONS) else None
    return node if isinstance(node, _COLLECTIONS) else None


def _literals(items: list[cst.BaseExpression]) -> tuple[str, ...] | None:
    values = [string_value(item) for item in items]
    if not values or None in values:
        return None
    return tuple(v for v in values if v is not None)


def _tested(
    ctx: PythonContext, expr: cst.BaseExpression, membership: bool = False
) -> tuple[tuple[str, ...], cst.CSTNode] | None:
    """(the methods read first, what binds the name) for a name bound once, read through
    `.lower()` and the like; for a membership test, also for a class attribute read through
    `self`, directly or through a name bound to it (`_read_attribute`): its value in the
    class body."""
    tested, methods = without_id_methods(expr)
    if membership and isinstance(tested, cst.Attribute):
        held = _class_attribute(ctx, tested)
        return None if held is None else (methods, held)
    if isinstance(tested, cst.Subscript):
        entry = _entry_value(ctx, tested)
        return None if entry is None else (methods, entry)
    if not isinstance(tested, cst.Name):
        return None
    bound = ctx.bindings(tested)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    holder = ctx.index.assigned.get(id(bound[0].node), bound[0].node)
    if membership and isinstance(holder, cst.BaseExpression):
        read = _read_attribute(ctx, holder)
        held = _class_attribute(ctx, read[1]) if read is not None else None
        if read is not None and held is not None:
            return (*read[0], *methods), held
    return methods, holder


def _entry_value(ctx: PythonContext, tested: cst.Subscript) -> cst.BaseExpression | None:
    """The value of the one `D["key"] = value` of the function (or module) that tests
    `D["key"]` (simpleaichat's `kwargs["model"] = "gpt-3.5-turbo"` before `if "gpt-" in
    kwargs["model"]:`), `D` a name; None where there is none or more than one."""
    index = tested.slice[0].slice if len(tested.slice) == 1 else None
    if not (
        isinstance(tested.value, cst.Name)
        and isinstance(index, cst.Index)
        and string_value(index.value) is not None
    ):
        return None
    code = ctx.code(tested)
    values = [
        node.value
        for node in scope_assignments(ctx, tested)
        if any(ctx.code(t.target) == code for t in node.targets)
    ]
    return values[0] if len(values) == 1 else None


def _read_attribute(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[tuple[str, ...], cst.Attribute] | None:
    """(the methods read first, `self.X`) where a local name's value is `self.X`, or a
    conditional expression one branch of which is it and the other reads it too (pandas-ai's
    `self.model.split(":")[1] if "ft:" in self.model else self.model`: an OpenAI id takes the
    plain branch)."""
    branches = [value.body, value.orelse] if isinstance(value, cst.IfExp) else [value]
    for i, branch in enumerate(branches):
        read, methods = without_id_methods(branch)
        if not self_attribute(read):
            continue
        assert isinstance(read, cst.Attribute)
        code = ctx.code(read)
        others = [ctx.index_of(b) for b in branches[:i] + branches[i + 1 :]]
        if all(
            any(
                type(n) is cst.Attribute and ctx.code(n) == code for n in ctx.nodes[j : ctx.ends[j]]
            )
            for j in others
        ):
            return methods, read
    return None


def _class_attribute(ctx: PythonContext, attr: cst.BaseExpression) -> cst.BaseExpression | None:
    """The value of `X` in the class body where `attr` is `self.X` in one of its methods: one
    assignment of it there, and no `self.X = ...` in the class (`PythonContext.self_values`).
    None elsewhere."""
    if not (isinstance(attr, cst.Attribute) and self_attribute(attr)):
        return None
    above = ctx.ancestors(attr)
    methods = [i for i, a in enumerate(above) if type(a) is cst.FunctionDef]
    owner = above[methods[-1] - 2] if methods and methods[-1] >= 2 else None
    if type(owner) is not cst.ClassDef or ctx.self_values(attr):
        return None
    assert isinstance(owner, cst.ClassDef)
    name = attr.attr.value
    values = [
        value for bound, value in body_assignments(owner) if bound == name and value is not None
    ]
    return values[0] if len(values) == 1 else None


def or_alternatives(ctx: PythonContext, node: cst.CSTNode) -> list[str]:
    """The literals the other clauses of the `or` a test stands in test for (`"x" in M`,
    `M.startswith("x")` or a tuple of such, `M == "x"`, `M in ("x", ...)`): a model that
    passes one of them passes the whole test (`("gpt-4-turbo" in m) or
    m.startswith("kimi-k2.6")`). [] where the test stands in no `or`. A negated test in an
    `and` of negated tests is one of an `or` (De Morgan): `"gpt-4" not in m and not
    m.startswith("deepseek")` lets DeepSeek's models by as it does GPT-4's."""
    path = (*ctx.ancestors(node), node)
    found: list[str] = []
    clause: cst.CSTNode | None = None  # the test the literal stands in, under an and/or
    only_and = True  # no `or` between that test and the parent
    for parent, child in reversed(list(itertools.pairwise(path))):
        if isinstance(parent, (cst.If, cst.IfExp, cst.Return, cst.FunctionDef, cst.Lambda)):
            break
        if not isinstance(parent, cst.BooleanOperation):
            continue
        clause = child if clause is None else clause
        other = parent.right if child is parent.left else parent.left
        if isinstance(parent.operator, cst.Or):
            only_and = False
            found.extend(_tested_literals(ctx, other))
        elif only_and and _negated(clause):
            for each in _and_clauses(other):
                if _negated(each):
                    found.extend(_tested_literals(ctx, each))
    return found


def _negated(clause: cst.CSTNode) -> bool:
    """Whether a clause is a negated test (`not M.startswith(...)`, `"x" not in M`, `M !=
    "x"`)."""
    if isinstance(clause, cst.UnaryOperation):
        return isinstance(clause.operator, cst.Not)
    return (
        isinstance(clause, cst.Comparison)
        and len(clause.comparisons) == 1
        and isinstance(clause.comparisons[0].operator, (cst.NotIn, cst.NotEqual))
    )


def _and_clauses(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The clauses of an `and` (flattened), or the node alone."""
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.And):
        return [*_and_clauses(node.left), *_and_clauses(node.right)]
    return [node]


def earlier_branches(
    ctx: PythonContext, node: cst.CSTNode
) -> list[tuple[Callable[[str, str], bool], str]]:
    """The tests of the branches before the one whose test (an `elif`'s) a family literal
    stands in, in the same if/elif chain, of the same value, that let a model by (`if
    M.startswith("deepseek"): ...` / `elif "gpt-4" in M:`), as (a `FAMILY_TESTS` function or
    equality, literal) pairs: a model passing one of them takes that branch and never
    reaches the test. Only clauses of `or`s of plain tests count (not `and`, not `not`)."""
    tested = _family_tested(ctx, node)
    if tested is None:
        return []
    path = (*ctx.ancestors(node), node)
    branch: cst.If | None = None
    for parent, child in reversed(list(itertools.pairwise(path))):
        if isinstance(parent, cst.If):
            branch = parent if child is parent.test else None
            break
        if isinstance(parent, (cst.IfExp, cst.Return, cst.FunctionDef, cst.Lambda)):
            break
    tests: list[tuple[Callable[[str, str], bool], str]] = []
    while branch is not None:
        above = ctx.ancestors(branch)
        previous = above[-1] if above else None
        if not isinstance(previous, cst.If) or previous.orelse is not branch:
            break
        for clause in _or_clauses(previous.test):
            tests.extend(_plain_tests(clause, tested))
        branch = previous
    return tests


def _or_clauses(node: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
        return [*_or_clauses(node.left), *_or_clauses(node.right)]
    return [node]


def _equal(model: str, value: str) -> bool:
    return model == value


def _plain_tests(
    clause: cst.BaseExpression, tested: cst.BaseExpression
) -> list[tuple[Callable[[str, str], bool], str]]:
    """(test, literal) pairs of a clause testing `tested`: `tested.startswith("x")` (or a
    tuple), `"x" in tested`, `tested == "x"`, `tested in ("x", ...)`; [] for another."""
    if isinstance(clause, cst.Call) and isinstance(clause.func, cst.Attribute):
        value = _method_argument(clause, PREFIX_METHODS)
        if value is None or not clause.func.value.deep_equals(tested):
            return []
        items = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
        test = FAMILY_TESTS[clause.func.attr.value]
        return [(test, v) for v in (string_value(i) for i in items) if v]
    if not isinstance(clause, cst.Comparison) or len(clause.comparisons) != 1:
        return []
    operator = clause.comparisons[0].operator
    right = clause.comparisons[0].comparator
    literal = string_value(clause.left)
    if isinstance(operator, cst.In) and literal and right.deep_equals(tested):
        return [(FAMILY_TESTS["contains"], literal)]
    if not clause.left.deep_equals(tested):
        return []
    if isinstance(operator, cst.Equal):
        items = [right]
    elif isinstance(operator, cst.In) and isinstance(right, _COLLECTIONS):
        items = [e.value for e in right.elements]
    else:
        return []
    return [(_equal, v) for v in (string_value(i) for i in items) if v]


def _family_tested(ctx: PythonContext, literal: cst.CSTNode) -> cst.BaseExpression | None:
    """What the family test a literal stands in tests: `M` of `"gpt" in M`,
    `M.startswith("gpt")` (also in a tuple there); None elsewhere."""
    above = ctx.ancestors(literal)
    parent = above[-1] if above else None
    if isinstance(parent, cst.Comparison) and parent.left is literal:
        if len(parent.comparisons) == 1 and isinstance(
            parent.comparisons[0].operator, (cst.In, cst.NotIn)
        ):
            return parent.comparisons[0].comparator
        return None
    at = len(above) - 1
    if isinstance(parent, cst.Element) and at >= 1 and isinstance(above[at - 1], cst.Tuple):
        at -= 2
    call = above[at - 1] if at >= 1 else None
    if isinstance(call, cst.Call) and _method_argument(call, PREFIX_METHODS) is not None:
        assert isinstance(call.func, cst.Attribute)
        return call.func.value
    return None


def _tested_literals(ctx: PythonContext, clause: cst.CSTNode) -> list[str]:
    """The string literals a clause tests a value against (`_or_alternatives`)."""
    start = ctx.index_of(clause)
    found = []
    for node in ctx.nodes[start : ctx.ends[start]]:
        items: list[cst.BaseExpression] = []
        value = _method_argument(node, PREFIX_METHODS) if type(node) is cst.Call else None
        if value is not None:
            items = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
        elif type(node) is cst.Comparison:
            comparison = node
            for target in comparison.comparisons:
                if isinstance(target.operator, (cst.In, cst.Equal)):
                    items.append(comparison.left)
                    value = target.comparator
                    elements = getattr(value, "elements", None)
                    items += [e.value for e in elements] if elements is not None else [value]
        found += [v for v in (string_value(i) for i in items) if v]
    return found
