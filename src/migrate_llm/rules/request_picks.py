"""Model-family checks that pick the kind of request the program sends, or only what it prints.

babyagi's `elif not model.lower().startswith("gpt-"):` sends a legacy completions request
(`openai.Completion.create`) for the models that fail it and a chat request
(`openai.ChatCompletion.create`) for the others. Once `apply` maps OpenAI's models, the
provider's fail it and go to /completions, which providers serve for few models or none
(Qwen: Qwen Coder only), so ML205 widens such a prefix test with what the family's models map
to (`request_pick`). A check whose `if` only prints or logs (babyagi's "USING GPT-4.
POTENTIALLY EXPENSIVE" banner) decides no request (`shown_only`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.model_branches import PATTERN_FUNCTIONS, PREFIX_METHODS
from migrate_llm.rules.model_gates import picking_branches
from migrate_llm.rules.python_context import PythonContext, last_name, without_id_methods

# the request kinds a family check may pick between (`sdk.SURFACES`' names)
REQUEST_KINDS = frozenset({"chat", "completions"})
# what a message call is; `sys.exit` ends the program, which is more than a message
_SHOWING = sdk.MESSAGE_FUNCTIONS - {"sys.exit"}


def family_test(ctx: PythonContext, literal: cst.CSTNode) -> tuple[cst.BaseExpression, bool] | None:
    """(the test a family literal stands in, whether it holds for the models lacking the
    part): `M.startswith("gpt-")` (also in a tuple there), `"gpt" in M` (`not in`: True),
    `re.match("gpt", M)`. None for another place."""
    above = ctx.ancestors(literal)
    parent = above[-1] if above else None
    if isinstance(parent, cst.Comparison) and parent.left is literal:
        operators = [c.operator for c in parent.comparisons]
        if len(operators) == 1 and isinstance(operators[0], (cst.In, cst.NotIn)):
            return parent, isinstance(operators[0], cst.NotIn)
        return None
    at = len(above) - 1
    if isinstance(parent, cst.Element) and at >= 1 and isinstance(above[at - 1], cst.Tuple):
        at -= 2
    arg = above[at] if at >= 0 else None
    call = above[at - 1] if at >= 1 else None
    if not isinstance(arg, cst.Arg) or not isinstance(call, cst.Call) or arg.keyword:
        return None
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value in PREFIX_METHODS:
        return call, False
    if last_name(func) in PATTERN_FUNCTIONS and call.args and call.args[0] is arg:
        return call, False
    return None


def read_as(ctx: PythonContext, literal: cst.CSTNode) -> tuple[str, ...]:
    """The str methods a family test (`family_test`) reads the model through before testing
    it (`sdk.MODEL_ID_METHODS`, innermost first): `("lower",)` for `model.lower().startswith(
    ...)`, `"gpt" in m.lower()`, `re.match("gpt", m.lower())`; () for none or another place."""
    found = family_test(ctx, literal)
    if found is None:
        return ()
    test = found[0]
    tested: cst.BaseExpression | None = None
    if isinstance(test, cst.Comparison):
        tested = test.comparisons[0].comparator
    elif isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute):
        tested = test.func.value if test.func.attr.value in PREFIX_METHODS else None
    if isinstance(test, cst.Call) and tested is None and len(test.args) > 1:
        tested = test.args[1].value  # `re.match(pattern, model)`
    return without_id_methods(tested)[1] if tested is not None else ()


@dataclass(frozen=True)
class RequestPick:
    """The request kinds (`REQUEST_KINDS`) the two sides of a family check send: `passing`
    for the models that pass it, `failing` for the others, each with its first request."""

    passing: str
    failing: str
    passing_call: cst.Call
    failing_call: cst.Call


def request_pick(ctx: PythonContext, literal: cst.CSTNode) -> RequestPick | None:
    """The kinds of request the family check holding `literal` picks between: each `if`
    (or `X if T else Y`) it decides sends OpenAI SDK requests of one kind on one side and of
    the other kind on the other. None where it decides no such pair."""
    found = family_test(ctx, literal)
    if found is None:
        return None
    picks: set[tuple[str, str]] = set()
    first: tuple[cst.Call, cst.Call] | None = None
    for passing, failing in picking_branches(ctx, found[0], found[1]):
        sent, other = _requests(ctx, passing), _requests(ctx, failing)
        kinds, others = set(sent), set(other)
        if len(kinds) != 1 or len(others) != 1 or kinds == others:
            return None
        pair = (kinds.pop(), others.pop())
        picks.add(pair)
        first = first or (sent[pair[0]], other[pair[1]])
    if len(picks) != 1 or first is None:
        return None
    passing_kind, failing_kind = picks.pop()
    return RequestPick(passing_kind, failing_kind, *first)


def _requests(ctx: PythonContext, roots: list[cst.CSTNode]) -> dict[str, cst.Call]:
    """The kinds of OpenAI SDK request (`REQUEST_KINDS`) the code under `roots` sends, each
    with its first call."""
    found: dict[str, cst.Call] = {}
    for root in roots:
        start = ctx.index_of(root)
        for node in ctx.nodes[start : ctx.ends[start]]:
            if type(node) is not cst.Call:
                continue
            info = ctx.sdk_call(node)
            if info is not None and info.surface in REQUEST_KINDS:
                found.setdefault(info.surface, node)
    return found


def key_pick(ctx: PythonContext, literal: cst.CSTNode) -> cst.CSTNode | None:
    """Where the branch the family check holding `literal` sends its passing models to reads
    a key (a name or a call whose words say so, `sdk.KEY_PICK_WORDS`: gpt_academic's
    `select_api_key()` keeps `is_openai_api_key(k)` keys for `gpt-` models): the check picks
    the key the models passing it are sent with. A call first, else the first name; None
    where no branch it decides reads one."""
    found = family_test(ctx, literal)
    if found is None:
        return None
    names: list[cst.CSTNode] = []
    blocks = [p for p, _ in picking_branches(ctx, found[0], found[1])]
    for passing in blocks or [_passing_block(ctx, found[0], found[1])]:
        for root in passing:
            start = ctx.index_of(root)
            for node in ctx.nodes[start : ctx.ends[start]]:
                if type(node) is cst.Call and _names_key(last_name(node.func)):
                    return node
                if type(node) is cst.Name and _names_key(node.value):
                    names.append(node)
    return names[0] if names else None


def _passing_block(ctx: PythonContext, test: cst.CSTNode, negated: bool) -> list[cst.CSTNode]:
    """What runs where `test` holds, through `not`, `and`/`or` and comparisons, for an `if`
    (or `X if T else Y`) that has no `else` (`model_gates.picking_branches` wants one)."""
    above = ctx.ancestors(test)
    inner = test
    for node in reversed(above):
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            negated = not negated
        elif isinstance(node, cst.IfExp) and inner is node.test:
            return [node.orelse if negated else node.body]
        elif isinstance(node, cst.If) and inner is node.test:
            if negated:
                return [node.orelse] if node.orelse is not None else []
            return [node.body]
        elif not isinstance(node, (cst.BooleanOperation, cst.Comparison, cst.ComparisonTarget)):
            return []
        inner = node
    return []


def _names_key(name: str | None) -> bool:
    """Whether the words of `name` say it holds or picks an API key."""
    if not name:
        return False
    words = {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)}
    return bool(words & sdk.KEY_PICK_WORDS) and not words & sdk.NOT_SECRET_KEY_WORDS


def shown_only(ctx: PythonContext, literal: cst.CSTNode) -> cst.Call | None:
    """The first message call (`print()`, a log call, `warnings.warn()`) of the `if`
    statement the family check holding `literal` decides, where that is all its branches do
    (babyagi's cost banner, `if LLM_MODEL.startswith("gpt-4"): print(...)`); else None."""
    found = family_test(ctx, literal)
    if found is None:
        return None
    node: cst.CSTNode = found[0]
    for parent in reversed(ctx.ancestors(node)):
        if isinstance(parent, cst.If) and parent.test is node:
            return _messages(ctx, parent)
        negation = isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)
        if not negation and not isinstance(parent, cst.BooleanOperation):
            return None
        node = parent
    return None


def _messages(ctx: PythonContext, statement: cst.If) -> cst.Call | None:
    """The first call of `statement`'s branches where every statement there is a message
    call (an `elif` counts as a statement of another kind)."""
    blocks: list[cst.BaseSuite] = [statement.body]
    if isinstance(statement.orelse, cst.Else):
        blocks.append(statement.orelse.body)
    elif statement.orelse is not None:
        return None
    calls: list[cst.Call] = []
    for block in blocks:
        lines = block.body if isinstance(block, cst.IndentedBlock) else [block]
        for line in lines:
            if not isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                return None
            for small in line.body:
                call = small.value if isinstance(small, cst.Expr) else None
                if not isinstance(call, cst.Call) or not _shows(ctx, call):
                    return None
                calls.append(call)
    return calls[0] if calls else None


def _shows(ctx: PythonContext, call: cst.Call) -> bool:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value in sdk.MESSAGE_METHODS
    if isinstance(func, cst.Name) and func.value in _SHOWING:
        return True
    return bool(ctx.qualnames(func) & _SHOWING)


def rejected_at(ctx: PythonContext, literal: cst.CSTNode) -> cst.Raise | None:
    """The `raise` the models failing the family check holding `literal` reach: where each
    `if` it decides runs, where it fails, a block raising before it returns (chemcrow's
    `if model.startswith("gpt-4"): return ChatOpenAI(...)` then `raise ValueError(...)`: once
    mapped, the provider's models are refused there, t68c). The first such; None elsewhere."""
    found = family_test(ctx, literal)
    if found is None:
        return None
    branches = picking_branches(ctx, found[0], found[1])
    raised = [_raised(failing) for _, failing in branches]
    if not raised or any(r is None for r in raised):
        return None
    return raised[0]


def _raised(roots: list[cst.CSTNode]) -> cst.Raise | None:
    """The `raise` statement a block (an `else`, or the statements after an `if`) reaches
    at its own level before any `return`; None where it may end otherwise."""
    statements: list[cst.CSTNode] = []
    for root in roots:
        if isinstance(root, cst.Else) and isinstance(root.body, cst.IndentedBlock):
            statements.extend(root.body.body)
        elif isinstance(root, cst.BaseStatement):
            statements.append(root)
        else:
            return None  # `X if T else Y`, an `elif`: not told
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Return):
                return None
            if isinstance(small, cst.Raise):
                return small
    return None
