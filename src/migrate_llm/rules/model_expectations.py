"""Model ids a test asserts, tied to the settings whose value they check.

A test that passes `{"--model": "gpt-4"}` and then checks
`mocked.assert_called_once_with(model="gpt-4")` fails once `apply` maps only the first
(shell_gpt's did). An OpenAI model literal that a test asserts (an argument of a mock assertion,
of `unittest.mock.call(...)` or of `assertEqual`, or a side of `==` / `!=` in an `assert`) is
tied to the model settings of its module (ML204) that hold the same literal:

- a setting in the same function (the outermost `def` around both: the test) is the value the
  assertion checks: `apply` maps the assertion as it maps the setting ("paired"), unless the
  test, or a function of the module it calls or takes as a fixture, also holds the literal
  where `apply` leaves it (a call ML206 leaves, `Logger(api_model_name="gpt-4")`, or a
  check): nothing then shows which of the two values the assertion checks, so `apply`
  leaves the assertion and those settings;
- otherwise, with such a setting outside every function that asserts the literal (a module
  constant, a helper, another test), nothing shows which value the assertion checks: `apply`
  leaves the assertion and those settings, so the test still asserts what it passes.

An assertion of a literal that no setting of the module holds keeps its own rule (ML205, ML206).

A statement may hold a test case whole: `(make(model="gpt-4"), {"model": "gpt-4"})`, the input
beside the expected value, or `assert make(model="gpt-4") == {"model": "gpt-4"}`. Where one of
two equal literals stays and the other is mapped, the test compares the provider's model with
OpenAI's: `same_case` says which literals stand so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value

if TYPE_CHECKING:
    from migrate_llm.rules.model_places import Site


@dataclass(frozen=True)
class Tie:
    """The settings an asserted literal goes with: those of its own function (`paired`), or
    those set outside every function that asserts it (left with them)."""

    what: str  # `model='gpt-4' of mocked.assert_called_once_with()`
    settings: tuple[Site, ...]
    paired: bool
    # where the test also holds the literal and apply leaves it (`gives Logger() on line 9`), which
    # keeps a tie to the settings of the test from being paired
    rival: str = ""


@dataclass
class Ties:
    """The assertions tied to settings (by id of their literal), and the settings left because
    of an assertion outside their function or beside a rival (by id, with the first such
    assertion and its tie)."""

    expected: dict[int, Tie] = field(default_factory=dict)
    held: dict[int, tuple[Site, Tie]] = field(default_factory=dict)


def callee_label(ctx: PythonContext, call: cst.Call) -> str:
    """The callee of `call` on one line, its end kept when long (`…_get_completion.create`)."""
    code = " ".join(ctx.code(call.func).split())
    return code if len(code) <= 40 else "…" + code[-39:]


def untraced_request(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """(surface, method) of a call, in a module that does not import openai, whose callee as
    written is shaped as an SDK request (`sdk.sdk_shaped`: `client.chat.completions.create`
    on a client built elsewhere, `client = make_client()`); None for any other call. ML206
    names such a call, the parameter checks (ML111-ML116) read it, and the images it sends
    choose the model both suggest (`image_model_nodes`)."""
    func = call.func
    if (
        ctx.index.imports_openai
        or type(func) is not cst.Attribute
        or func.attr.value not in sdk.TELLTALE_METHODS
        or ctx.through_gateway_client(call)  # Portkey's: it goes to Portkey (ML009)
        or ctx.through_other_sdk_client(call)  # Groq's, Together's: it goes to them
    ):
        return None
    return sdk.sdk_shaped(callee_label(ctx, call))


def expectation(ctx: PythonContext, node: cst.SimpleString) -> str | None:
    """What asserts the literal `node`: `model='gpt-4' of m.assert_called_with()`,
    `assert ... == 'gpt-4'`; None where it is no expected value."""
    value = string_value(node)
    anc = ctx.ancestors(node)
    if len(anc) < 3:
        return None
    parent, grand = anc[-1], anc[-2]
    if isinstance(parent, cst.Arg) and isinstance(grand, cst.Call) and parent.value is node:
        func = grand.func
        asserted = isinstance(func, cst.Attribute) and func.attr.value in sdk.ASSERTION_METHODS
        if not (asserted or ctx.qualnames(func) & sdk.EXPECTED_CALLS):
            return None
        keyword = f"{parent.keyword.value}=" if parent.keyword is not None else ""
        return f"{keyword}{value!r} of {callee_label(ctx, grand)}()"
    comparison: cst.CSTNode
    if isinstance(parent, cst.Comparison) and parent.left is node:
        comparison, holder = parent, grand
    elif isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
        comparison, holder = grand, anc[-3]
    else:
        return None
    if not (
        isinstance(comparison, cst.Comparison)
        and isinstance(holder, cst.Assert)
        and holder.test is comparison
        and len(comparison.comparisons) == 1
    ):
        return None
    target = comparison.comparisons[0]
    other = target.comparator if comparison.left is node else comparison.left
    if isinstance(other, (cst.SimpleString, cst.ConcatenatedString)):
        return None  # two literals: nothing of the program's is checked
    operator = target.operator
    if not isinstance(operator, (cst.Equal, cst.NotEqual)):
        return None
    sign = "==" if isinstance(operator, cst.Equal) else "!="
    return f"assert ... {sign} {value!r}"


def mock_assertion(
    ctx: PythonContext, node: cst.CSTNode, parents: tuple[cst.CSTNode, ...]
) -> cst.Call | None:
    """The innermost mock assertion whose arguments hold `node` (`parents`: its ancestors):
    `m.assert_called_once_with(...)`, `m.assert_has_calls([...])` (`sdk.MOCK_ASSERTIONS`,
    `sdk.MOCK_CALL_LIST_ASSERTIONS`) or `unittest.mock.call(...)`. Its arguments state what
    the code under test passes; no request or client is made of them."""
    below = node
    for parent in reversed(parents):
        if isinstance(parent, (cst.FunctionDef, cst.Lambda, cst.SimpleStatementLine)):
            return None
        if isinstance(parent, cst.Call) and parent.func is not below:
            func = parent.func
            named = func.attr.value if isinstance(func, cst.Attribute) else ""
            if (
                named in sdk.MOCK_ASSERTIONS
                or named in sdk.MOCK_CALL_LIST_ASSERTIONS
                or ctx.qualnames(func) & sdk.EXPECTED_CALLS
            ):
                return parent
        below = parent
    return None


def tie(ctx: PythonContext, settings: Iterable[Site], others: Iterable[Site]) -> Ties:
    """The ties between the literals of `others` (sites that are not settings) that a test
    asserts and the `settings` holding the same literal."""
    by_value: dict[str, list[Site]] = {}
    for site in settings:
        by_value.setdefault(_written(site), []).append(site)
    asserted: dict[str, list[tuple[Site, str]]] = {}
    left: dict[str, list[Site]] = {}  # the literals apply leaves that no test asserts
    for site in others:
        value = _written(site)
        what = expectation(ctx, site.node) if value in by_value else None
        if what is not None:
            asserted.setdefault(value, []).append((site, what))
        elif value in by_value:
            left.setdefault(value, []).append(site)
    ties = Ties()
    for value, expected in asserted.items():
        scoped: dict[int, list[Site]] = {}
        for setting in by_value[value]:
            scope = _test_of(ctx, setting.node)
            scoped.setdefault(id(scope) if scope is not None else 0, []).append(setting)
        paired = {id(s) for site, _ in expected if (s := _test_of(ctx, site.node)) is not None}
        held = [s for scope, group in scoped.items() if scope not in paired for s in group]
        for site, what in expected:
            scope = _test_of(ctx, site.node)
            own = scoped.get(id(scope)) if scope is not None else None
            rival = _rival(ctx, scope, left.get(value, ())) if own else ""
            if own and not rival:
                ties.expected[id(site.node)] = Tie(what, tuple(own), True)
            elif own:
                tied = ties.expected[id(site.node)] = Tie(what, tuple(own), False, rival)
                for setting in own:
                    ties.held.setdefault(id(setting.node), (site, tied))
            elif held:
                tied = ties.expected[id(site.node)] = Tie(what, tuple(held), False)
                for setting in held:
                    ties.held.setdefault(id(setting.node), (site, tied))
    return ties


def _rival(ctx: PythonContext, scope: cst.FunctionDef | None, left: Iterable[Site]) -> str:
    """The first of `left` (literals apply leaves) in the test `scope` or a helper it uses
    (`_helpers`), as a message names it (`gives Logger() on line 9`, `uses on line 9, through
    make_logger()`); "" where there is none."""
    if scope is None:
        return ""
    helpers: list[cst.FunctionDef] | None = None
    for site in left:
        owner = _test_of(ctx, site.node)
        if owner is None:
            continue
        if owner is not scope:
            helpers = _helpers(ctx, scope) if helpers is None else helpers
            if all(owner is not h for h in helpers):
                continue
        line = ctx.line_label(ctx.position(site.node)[0][0])
        via = f", through {owner.name.value}()" if owner is not scope else ""
        if site.place.kind == "foreign":
            return f"gives {site.place.where}() on {line}{via}"
        if site.place.test_data and site.place.detail.startswith("passed "):
            # test data handed to the project's code (ML205's note): `passed as k= to Logger()`
            return f"gives {site.place.detail.rsplit(' to ', 1)[-1]} on {line}{via}"
        return f"uses on {line}{via}"
    return ""


def _written(site: Site) -> str:
    return string_value(site.node) or ""


def _helpers(ctx: PythonContext, test: cst.FunctionDef) -> list[cst.FunctionDef]:
    """The module's functions that `test` takes values from: those it calls by name
    (`logger = make_logger()`) and those named as its parameters (pytest's fixtures)."""
    params = {p.name.value for p in (*test.params.params, *test.params.kwonly_params)}
    found = [s for s in ctx.module.body if type(s) is cst.FunctionDef and s.name.value in params]
    start = ctx.index_of(test)
    for node in ctx.nodes[start : ctx.ends[start]]:
        func = node.func if isinstance(node, cst.Call) else None
        if not isinstance(func, cst.Name):
            continue
        for binding in ctx.bindings(func):
            called = getattr(binding, "node", None)
            if isinstance(called, cst.FunctionDef) and called is not test:
                found.append(called)
    return found


def _test_of(ctx: PythonContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    """The outermost function around `node` (a test, with its nested helpers)."""
    return next((a for a in ctx.ancestors(node) if isinstance(a, cst.FunctionDef)), None)


def statement_of(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The statement `node` is written in: the innermost small statement (`CASES = [...]`,
    `assert ...`), decorator (`@pytest.mark.parametrize(...)`) or header of a compound
    statement (`for args, want in [...]:`); None in the header of a `def` or `class` (a
    parameter's default)."""
    for above in reversed(ctx.ancestors(node)):
        if isinstance(above, (cst.FunctionDef, cst.ClassDef)):
            return None
        if isinstance(above, (cst.BaseSmallStatement, cst.Decorator, cst.BaseCompoundStatement)):
            return above
    return None


def same_case(ctx: PythonContext, one: cst.CSTNode, other: cst.CSTNode) -> bool:
    """Whether `one` and `other` stand in one statement (`statement_of`) and, within it, in
    one case: not in two rows of a table of cases (a list or set of tuples, lists, dicts or
    calls of one callee, `[(a, b), (c, d)]`, `[pytest.param(...), ...]`)."""
    statement = statement_of(ctx, one)
    if statement is None or statement is not statement_of(ctx, other):
        return False
    path, others = ctx.ancestors(one), ctx.ancestors(other)
    depth = 0
    while depth < min(len(path), len(others)) and path[depth] is others[depth]:
        depth += 1
    return not _table(ctx, path[depth - 1])


def _table(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is a list or set whose items are all rows of one shape (a table of
    cases). A tuple is one row (its input beside its expected value), however shaped."""
    if not isinstance(node, (cst.List, cst.Set)) or len(node.elements) < 2:
        return False
    shapes = {_row(ctx, e.value) for e in node.elements}
    return len(shapes) == 1 and None not in shapes


def _row(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    if isinstance(value, (cst.Tuple, cst.List, cst.Dict)):
        return type(value).__name__
    if isinstance(value, cst.Call):
        return ctx.code(value.func)
    return None
