"""Lists of models that decide what a request sends, and whether one may gain the provider's.

A list whose members the program takes as values (`for m in DEFAULT_MODELS:
key_map[m] = "OPENAI_API_KEY"`, autogen's) is no check of models at all: a member added there
becomes one more entry, paired with what the OpenAI ones get (`taken_as_values`).

ML205 adds to a list, tuple or set of OpenAI models the provider's models they map to. Where
the list decides what the code sends (`SUPPORT_REASONING_EFFORT_MODELS`, mem0's
`reasoning_models`: a gate), that is sound only when the provider takes what the branch for
its members sends, and when no OpenAI model outside the list maps to what it gains: the
program's own model, wherever it is chosen, would then change sides (mem0's default
`gpt-5-mini`, set in another module, and the member `gpt-5o-mini` both map to `qwen-plus`).
Both are read from the mapping and the provider's file alone, so no other module is needed.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.registry import MODEL_ID, Provider, undated_model
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.model_branches import PREFIX_METHODS
from migrate_llm.rules.model_reach import holder_of, reads_of
from migrate_llm.rules.python_context import PythonContext, ends_in_exit, string_value

_GLOB = frozenset("*?[")
# a glob of dated snapshots (`gpt-4o-20*`): it names no model of its own
_SNAPSHOT_GLOB = re.compile(r"-20\d*\*\Z")
# calls that hand on the members of a list one by one (`enumerate(MODELS)`)
_MEMBER_CALLS = frozenset(
    {"enumerate", "zip", "map", "filter", "iter", "next", "reversed", "dict.fromkeys"}
    | {"random.choice", "random.choices", "random.sample", "itertools.product"}
)
_COMPARISONS = (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)


@dataclass(frozen=True)
class Gate:
    """What a list of models decides: `parameter` (`GATED_PARAMETERS`), else the kind of model
    it names (`GATING_KINDS`), in `what`."""

    what: str
    parameter: str | None = None
    # its name says its members are sent no such parameter (`NO_SUPPORT_TEMPERATURE_MODELS`)
    withheld: bool = False


def gate_of(ctx: PythonContext, container: cst.CSTNode, words: Iterable[str]) -> Gate | None:
    """The gate a list of models is, by the words of its name and of the function holding it
    (`words`), or by the parameter an `if` testing it sets; None for another list."""
    named = set(words)
    for parameter, (needed, _) in sdk.GATED_PARAMETERS.items():
        if needed <= named:
            return Gate(parameter, parameter, not sdk.GATE_NEGATIONS.isdisjoint(named))
    used = _parameter_set_by_test(ctx, container)
    if used is not None:
        return Gate(used, used)
    kind = next((k for k in sdk.GATING_KINDS if k in named), None)
    return Gate(f"{kind} models") if kind else None


def taken_as_values(ctx: PythonContext, container: cst.CSTNode) -> cst.CSTNode | None:
    """The first place the module takes the members of the list, tuple or set bound to a name
    as values, not as a check of models: a `for` loop or a comprehension over it whose
    variable is used otherwise than compared (`==`, `in`, `.startswith()`: then it is a check),
    an item (`MODELS[0]`), `f(*MODELS)`, a call that hands its members on (`enumerate()`,
    `zip()`, `random.choice()`...), or a member's position read (`MODELS.index(m)`: a parallel
    sequence, `prices[MODELS.index(m)]`, has no entry for a member added at its end,
    chatgpt-telegram-bot's TTS prices); not a copy (`[*MODELS, "o3"]`, `MODELS + OTHERS`,
    `set(MODELS)`), which the code may check models against. None where there is none, or it
    is bound to no name."""
    holder = holder_of(ctx, container)
    if not isinstance(holder, cst.Name):
        return None
    for read in reads_of(ctx, holder):
        above = ctx.ancestors(read)
        parent = above[-1] if above else None
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is read:
            if not _compared_only(ctx, parent.target):
                return parent
        elif (isinstance(parent, cst.Subscript) and parent.value is read) or (
            isinstance(parent, cst.Arg) and parent.star == "*"
        ):
            return parent
        elif (isinstance(parent, cst.Arg) and len(above) >= 2 and _hands_on(ctx, above[-2])) or (
            isinstance(parent, cst.Attribute)
            and parent.value is read
            and parent.attr.value == "index"
            and len(above) >= 2
            and isinstance(above[-2], cst.Call)
        ):
            return above[-2]
    return None


def parallel_sequence(
    ctx: PythonContext, container: cst.CSTNode, used: cst.CSTNode
) -> cst.CSTNode | None:
    """The sequence a list's positions pick from where `taken_as_values` found its position
    read: `prices` of `prices[MODELS.index(m)]`, the other arguments' of `zip(MODELS, prices)`
    (the first). None where none is shown (`i = MODELS.index(m)`, a loop)."""
    if not isinstance(used, cst.Call):
        return None
    func = used.func
    if isinstance(func, cst.Attribute) and func.attr.value == "index":
        above = ctx.ancestors(used)
        for i in range(len(above) - 1, 0, -1):
            node, outer = above[i], above[i - 1]
            if isinstance(node, cst.Index) and isinstance(outer, cst.SubscriptElement):
                subscript = above[i - 2] if i >= 2 else None
                return subscript.value if isinstance(subscript, cst.Subscript) else None
            if isinstance(node, (cst.SimpleStatementLine, cst.FunctionDef)):
                return None
        return None
    holder = holder_of(ctx, container)
    if isinstance(func, cst.Name) and func.value == "zip" and isinstance(holder, cst.Name):
        others = [a.value for a in used.args if not a.star]
        return next(
            (o for o in others if not (isinstance(o, cst.Name) and o.value == holder.value)), None
        )
    return None


def _compared_only(ctx: PythonContext, target: cst.BaseAssignTargetExpression) -> bool:
    """Whether the loop variable `target` is only compared (`m == x`, `x in m`,
    `x.startswith(m)`), itself or through `.lower()` and the like."""
    if not isinstance(target, cst.Name):
        return False
    uses = reads_of(ctx, target)
    return bool(uses) and all(_compared(ctx, use) for use in uses)


def _compared(ctx: PythonContext, use: cst.CSTNode) -> bool:
    node, above = use, list(ctx.ancestors(use))
    while (
        len(above) >= 2
        and isinstance(above[-1], cst.Attribute)
        and above[-1].attr.value in sdk.MODEL_ID_METHODS
        and isinstance(call := above[-2], cst.Call)
        and not call.args
    ):
        node, above = call, above[:-2]
    parent = above[-1] if above else None
    if isinstance(parent, cst.Comparison):
        return parent.left is node and all(
            isinstance(c.operator, _COMPARISONS) for c in parent.comparisons
        )
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, _COMPARISONS)
    outer = above[-2] if len(above) >= 2 else None
    if isinstance(parent, cst.Attribute) and parent.value is node:
        return parent.attr.value in PREFIX_METHODS and isinstance(outer, cst.Call)
    if isinstance(parent, cst.Arg) and isinstance(outer, cst.Call):
        func = outer.func
        return isinstance(func, cst.Attribute) and func.attr.value in PREFIX_METHODS
    return False


def _hands_on(ctx: PythonContext, call: cst.CSTNode) -> bool:
    """Whether `call` is one of `_MEMBER_CALLS` (a builtin not bound in the module)."""
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    if isinstance(func, cst.Name):
        builtin = not any(isinstance(b, Assignment) for b in ctx.bindings(func))
        return builtin and func.value in _MEMBER_CALLS
    return bool(ctx.qualnames(func) & _MEMBER_CALLS) or ctx.code(func) == "dict.fromkeys"


def refusal(provider: Provider, target: str, parameter: str) -> str | None:
    """Why the provider's file does not show that `target` takes `parameter` with the values
    code written for OpenAI sends (`GATED_PARAMETERS`); None when it does."""
    fact = provider.model_param_facts(target).get(parameter)
    if fact is not None:
        return f"{provider.name}'s file says {target!r} does not take {parameter}"
    taken = provider.params.get(parameter)
    if taken is None or taken is False:
        return f"{provider.name}'s file does not say {target!r} takes {parameter}"
    sent = sdk.GATED_PARAMETERS[parameter][1]
    missing = [v for v in sent if isinstance(taken, list) and v not in taken]
    if missing:
        shown = ", ".join(repr(v) for v in taken)
        return (
            f"{provider.name}'s file says {parameter} takes {shown}, not "
            f"{' or '.join(repr(v) for v in missing)}, which code for OpenAI's models may send"
        )
    return None


def outside_source(
    rules: RuleContext, target: str, values: set[str | None], sources: Sequence[str]
) -> str | None:
    """An OpenAI model that maps to `target` and is not in the list (`values`), whose members
    `sources` map to it, as a message shows it: the one the table's entry for a member names
    first (`'gpt-5-mini'` beside `gpt-5o-mini`, both `gpt-5*-mini*`), then another entry's. A
    glob entry for the target matches models no list holds all of: `models matching '<glob>'`
    where no entry names one. None when every model that maps to the target is in the list."""
    provider = rules.provider
    if provider is None or provider.passthrough_models:
        return None
    keys = [*rules.models, *(k for k in provider.models if k not in rules.models)]

    def globbed(key: str) -> bool:
        return not _GLOB.isdisjoint(key)

    def a_members(key: str) -> bool:
        names = [n for s in sources for n in (s, undated_model(s)) if n is not None]
        return globbed(key) and any(fnmatch.fnmatchcase(n, key) for n in names)

    pattern = None
    for key in sorted(keys, key=lambda k: (not a_members(k), globbed(k))):
        name = key.replace("*", "").replace("?", "").rstrip("-.") if globbed(key) else key
        if (
            not _SNAPSHOT_GLOB.search(key)
            and name not in values
            and "[" not in name
            and MODEL_ID.match(name)
            and rules.openai.serves(name)
            and not sdk.completions_only(name)
            and rules.map_model(name) == target
        ):
            return repr(name)
        if pattern is None and globbed(key) and provider.models.get(key) == target:
            pattern = f"models matching {key!r}"
    return pattern


def _parameter_set_by_test(ctx: PythonContext, container: cst.CSTNode) -> str | None:
    """A gated parameter (`GATED_PARAMETERS`) that a branch of an `if` or a conditional
    expression testing the list names (a dict key, a keyword, `kwargs["temperature"] = ...`):
    the test is `x in <list>`, the list's name or a call of a function that returns it. Not
    where the code for the other models raises (SuperAGI's `if self.model_name in
    ['gpt-4', 'gpt-3.5-turbo']: return ChatOpenAI(temperature=0, ...)`, then `raise`): the
    list decides whether a request is made at all, not what it sends."""
    for test in _membership_tests(ctx, container):
        if refused_otherwise(ctx, test):
            continue
        branches = _branches(ctx, test)
        for branch in branches:
            start = ctx.index_of(branch)
            for node in ctx.nodes[start : ctx.ends[start]]:
                name = None
                if isinstance(node, cst.SimpleString):
                    name = string_value(node)
                elif isinstance(node, cst.Arg) and node.keyword is not None:
                    name = node.keyword.value
                if name in sdk.GATED_PARAMETERS:
                    return name
    return None


def refusal_of(ctx: PythonContext, container: cst.CSTNode) -> cst.CSTNode | None:
    """The `raise` for the models not in a list of models (`refused_otherwise`) that a
    membership test of it reaches, the first; None where none does."""
    for test in _membership_tests(ctx, container):
        found = refused_otherwise(ctx, test)
        if found is not None:
            return found
    return None


def refused_otherwise(ctx: PythonContext, test: cst.CSTNode) -> cst.CSTNode | None:
    """The `raise` that ends the code run for the models failing a membership test (`x in
    <list>`, `not in`, a call of a function returning it) of an `if` or a conditional
    expression: the list says which models the program works with at all. None where no
    `if` it decides raises so."""
    negated = isinstance(test, cst.Comparison) and any(
        isinstance(c.operator, cst.NotIn) for c in test.comparisons
    )
    for _, failing in picking_branches(ctx, test, negated):
        last: cst.CSTNode | None = failing[-1] if failing else None
        if isinstance(last, cst.Else):
            last = last.body
        if isinstance(last, cst.IndentedBlock):
            last = last.body[-1] if last.body else None
        if isinstance(last, cst.SimpleStatementLine):
            last = last.body[-1] if last.body else None
        if isinstance(last, cst.Raise):
            return last
    return None


@dataclass(frozen=True)
class ParameterPick:
    """A test of models that picks the name of a request parameter (`sdk.PARAMETER_NAMES`):
    `passing` is what the branch for the models that pass it sends, `failing` what the other
    sends, `fact` the provider file's `[params]` entry saying which name it takes, `branch`
    the first statement or expression sending `passing`."""

    fact: str
    passing: str
    failing: str
    branch: cst.CSTNode


def parameter_pick(ctx: PythonContext, test: cst.CSTNode, negated: bool) -> ParameterPick | None:
    """The parameter name a test of models picks (`negated`: the test holds where the models
    fail it, `!=`, `not in`), as the test of an `if` or conditional expression (through `not`,
    `and`, `or`), or returned by a function whose calls are such tests (mem0's
    `return base_model.startswith("gpt-5")`, then `if self._uses_max_completion_tokens(m):`).
    Each such `if` must pick the same two names; None where none picks one."""
    found: set[tuple[str, str, str]] = set()
    first: cst.CSTNode | None = None
    for passing, failing in picking_branches(ctx, test, negated):
        pick = _picked_names(ctx, passing, failing)
        if pick is None:
            return None
        found.add(pick)
        first = first or passing[0]
    if len(found) != 1 or first is None:
        return None
    fact, sent, other = found.pop()
    return ParameterPick(fact, sent, other, first)


# the roles of a message that carries instructions: code for OpenAI's o1-preview and o1-mini,
# which took neither, folds the system prompt into the user turn for them
SYSTEM_ROLES = frozenset({"system", "developer"})


def system_role_dropped(ctx: PythonContext, container: cst.CSTNode) -> cst.CSTNode | None:
    """The first statement or expression of the branch that a membership test of a list of
    models (`x in <list>`, the list's name, a function returning the test) takes for its
    members where that branch writes no system (or developer) role and the other writes one
    (qodo-cover's `if self.model in ["o1-preview", "o1-mini"]:` builds one user message
    holding the system prompt; chatgpt-telegram-bot's `"assistant" if model in O_MODELS else
    "system"`): the list decides the messages' shape, not a request parameter. None where no
    test of it does."""
    for test in _membership_tests(ctx, container):
        negated = isinstance(test, cst.Comparison) and any(
            isinstance(c.operator, cst.NotIn) for c in test.comparisons
        )
        for passing, failing in picking_branches(ctx, test, negated):
            if _roles_in(ctx, failing) and not _roles_in(ctx, passing):
                return passing[0]
    return None


def _roles_in(ctx: PythonContext, roots: list[cst.CSTNode]) -> set[str]:
    """The roles with instructions (`SYSTEM_ROLES`) the code under `roots` writes as a
    message's role: the value of a `"role"` entry or of `role=`, or a branch that is itself
    such a string (`"assistant" if ... else "system"`); not another string (qodo-cover's
    `prompt["system"]`, the prompt's part, folded into the user turn)."""
    found: set[str] = set()
    for root in roots:
        if type(root) is cst.SimpleString:
            found.add(str(string_value(root)))
            continue
        start = ctx.index_of(root)
        for node in ctx.nodes[start : ctx.ends[start]]:
            value = None
            if type(node) is cst.DictElement and type(node.key) is cst.SimpleString:
                value = node.value if string_value(node.key) == "role" else None
            elif type(node) is cst.Arg and node.keyword is not None:
                value = node.value if node.keyword.value == "role" else None
            if type(value) is cst.SimpleString:
                found.add(str(string_value(value)))
    return found & SYSTEM_ROLES


@dataclass(frozen=True)
class GuardedUse:
    """A test of models that guards a lookup in a table keyed by OpenAI's models
    (`sdk.GUARDED_USES`): `function` is called where the models pass it, `table` what it
    holds, `call` the first such call."""

    function: str
    table: str
    call: cst.CSTNode


def guarded_use(ctx: PythonContext, part: cst.CSTNode) -> GuardedUse | None:
    """The lookup a test of models guards (`part`: a literal of the test; a `not in` holds
    where the models fail it): each `if` it decides (as `parameter_pick` follows them) calls a
    function of `sdk.GUARDED_USES` where the models pass it, and does not raise where they
    fail it (gpt-engineer's `if not self.is_openai_model(): return None` before
    `get_openai_token_cost_for_model(...)`). None where it guards none."""
    found: GuardedUse | None = None
    parent = ctx.ancestors(part)[-1:]
    negated = bool(parent) and isinstance(parent[0], cst.Comparison)
    negated = negated and any(
        isinstance(c.operator, cst.NotIn) for c in cast(cst.Comparison, parent[0]).comparisons
    )
    branches = picking_branches(ctx, part, negated)
    for passing, failing in branches:
        use = _guarded_call(ctx, passing)
        if use is None or _raises(ctx, failing):
            return None
        found = found or use
    return found


def _guarded_call(ctx: PythonContext, roots: list[cst.CSTNode]) -> GuardedUse | None:
    """The first call of a function of `sdk.GUARDED_USES` under `roots`."""
    for root in roots:
        start = ctx.index_of(root)
        for node in ctx.nodes[start : ctx.ends[start]]:
            if type(node) is not cst.Call:
                continue
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else None
            name = func.value if isinstance(func, cst.Name) else name
            if name in sdk.GUARDED_USES:
                return GuardedUse(name, sdk.GUARDED_USES[name], node)
    return None


def _raises(ctx: PythonContext, roots: list[cst.CSTNode]) -> bool:
    """Whether the code under `roots` holds a `raise`."""
    for root in roots:
        start = ctx.index_of(root)
        if any(type(n) is cst.Raise for n in ctx.nodes[start : ctx.ends[start]]):
            return True
    return False


def picking_branches(
    ctx: PythonContext, test: cst.CSTNode, negated: bool, depth: int = 0
) -> list[tuple[list[cst.CSTNode], list[cst.CSTNode]]]:
    """(what runs where the test holds, what runs where it fails) for each `if` it decides."""
    above = ctx.ancestors(test)
    inner = test
    for i in range(len(above) - 1, -1, -1):
        node = above[i]
        if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not):
            negated = not negated
        elif isinstance(node, cst.IfExp) and inner is node.test:
            pair: tuple[list[cst.CSTNode], list[cst.CSTNode]] = ([node.body], [node.orelse])
            return [pair[::-1] if negated else pair]
        elif isinstance(node, cst.If) and inner is node.test:
            other = _failing_branch(above[: i + 1], node)
            if other is None:
                return []
            pair = ([node.body], other)
            return [pair[::-1] if negated else pair]
        elif isinstance(node, cst.Return) and depth == 0:
            function = _returned_by(above[: i + 1])
            if function is None:
                return []
            found = []
            for call in _calls_of(ctx, function):
                picked = picking_branches(ctx, call, negated, depth + 1)
                if not picked:
                    return []
                found.extend(picked)
            return found
        elif not isinstance(node, (cst.BooleanOperation, cst.Comparison, cst.ComparisonTarget)):
            return []
        inner = node
    return []


def _failing_branch(above: Sequence[cst.CSTNode], node: cst.If) -> list[cst.CSTNode] | None:
    """What runs where an `if` statement's test fails: its `else` or `elif`, or, where its
    block ends in `return` or `raise` and it has none, the statements after it."""
    if node.orelse is not None:
        return [node.orelse]
    if not ends_in_exit(node.body) or len(above) < 2:
        return None
    block = above[-2]
    if not isinstance(block, (cst.IndentedBlock, cst.Module)):
        return None
    body: list[cst.CSTNode] = list(block.body)
    return body[body.index(node) + 1 :] if node in body else None


def _picked_names(
    ctx: PythonContext, passing: list[cst.CSTNode], failing: list[cst.CSTNode]
) -> tuple[str, str, str] | None:
    """(fact, the name one side sends, the other's) where each side names one name of a
    parameter of `sdk.PARAMETER_NAMES` and they differ."""
    for fact, names in sdk.PARAMETER_NAMES.items():
        sent = _names_in(ctx, passing, names)
        other = _names_in(ctx, failing, names)
        if len(sent) == 1 and len(other) == 1 and sent != other:
            return fact, sent.pop(), other.pop()
    return None


def _names_in(ctx: PythonContext, roots: list[cst.CSTNode], names: tuple[str, ...]) -> set[str]:
    """Which of `names` the code under `roots` writes: a string (a dict key, a subscript), or
    a keyword argument."""
    found: set[str] = set()
    for root in roots:
        start = ctx.index_of(root)
        for node in ctx.nodes[start : ctx.ends[start]]:
            name = None
            if type(node) is cst.SimpleString:
                name = string_value(node)
            elif type(node) is cst.Arg and node.keyword is not None:
                name = node.keyword.value
            if name in names:
                found.add(name)
    return found


def _membership_tests(ctx: PythonContext, container: cst.CSTNode) -> list[cst.CSTNode]:
    """`x in <list>` and `x in NAME` where NAME is bound to it, and the calls of a function
    that returns such a test."""
    found: list[cst.CSTNode] = []
    parents = ctx.ancestors(container)
    names: set[str] = set()
    if parents and isinstance(parents[-1], cst.Assign) and len(parents[-1].targets) == 1:
        target = parents[-1].targets[0].target
        if isinstance(target, cst.Name):
            names.add(target.value)
        elif isinstance(target, cst.Attribute):
            names.add(target.attr.value)
    for node in [container, *_references(ctx, names)]:
        above = ctx.ancestors(node)
        if (
            len(above) >= 2
            and isinstance(above[-1], cst.ComparisonTarget)
            and isinstance(above[-1].operator, (cst.In, cst.NotIn))
            and above[-1].comparator is node
        ):
            found.append(above[-2])
            function = _returned_by(above)
            if function is not None:
                found.extend(_calls_of(ctx, function))
    return found


def _references(ctx: PythonContext, names: set[str]) -> list[cst.CSTNode]:
    """The names (`NAME`) and attributes (`self.NAME`) of the module that read `names`."""
    if not names:
        return []
    found: list[cst.CSTNode] = []
    for node in ctx.nodes:
        name = node if isinstance(node, cst.Name) else getattr(node, "attr", None)
        if isinstance(name, cst.Name) and name.value in names:
            found.append(node)
    return found


def _returned_by(above: Sequence[cst.CSTNode]) -> str | None:
    """The function whose `return` statement the node under `above` is in."""
    for i in range(len(above) - 1, -1, -1):
        if isinstance(above[i], cst.Return):
            function = next(
                (a for a in reversed(above[:i]) if isinstance(a, cst.FunctionDef)), None
            )
            return function.name.value if function is not None else None
        if isinstance(above[i], (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None
    return None


def _calls_of(ctx: PythonContext, function: str) -> list[cst.CSTNode]:
    """Calls of `function` (`f(...)`, `self.f(...)`) in the module."""
    found: list[cst.CSTNode] = []
    for node in ctx.nodes:
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if name == function:
            found.append(node)
    return found


def _branches(ctx: PythonContext, test: cst.CSTNode) -> list[cst.CSTNode]:
    """The branches of the nearest `if` statement or conditional expression `test` is the
    test of (or in)."""
    above = ctx.ancestors(test)
    for i in range(len(above) - 1, -1, -1):
        node = above[i]
        inner = above[i + 1] if i + 1 < len(above) else test
        if isinstance(node, (cst.If, cst.IfExp)) and inner is node.test:
            return [b for b in (node.body, node.orelse) if b is not None]
        if isinstance(node, (cst.SimpleStatementLine, cst.FunctionDef, cst.Lambda)):
            return []
    return []


def key_prompt_gate(ctx: PythonContext, container: cst.CSTNode) -> cst.Call | None:
    """The first prompt asking for a key (`key_prompts.asks_for_key`) in the body of an `if`
    whose test is (or holds, by `and`) a membership test of `container`, a list of OpenAI
    models: the key those models need, OpenAI's (Open Interpreter's `if interpreter.llm.model
    in ["gpt-4o", ...]:` asking for an OpenAI key). A provider's model added to the list
    would be asked for that key and send it to the provider (t61c C). None where no such
    test holds one."""
    from migrate_llm.rules.env_names import env_names  # they build on this module's callers
    from migrate_llm.rules.key_prompts import asks_for_key

    names = env_names(ctx)
    for test in _membership_tests(ctx, container):
        above = ctx.ancestors(test)
        inner: cst.CSTNode = test
        for node in reversed(above):
            if isinstance(node, cst.If) and node.test is inner:
                start = ctx.index_of(node.body)
                for found in ctx.nodes[start : ctx.ends[start]]:
                    if (
                        type(found) is cst.Call
                        and names.prompt_call(found)
                        and asks_for_key(ctx, found)
                    ):
                        return found
                break
            if not (isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.And)):
                break
            inner = node
    return None
