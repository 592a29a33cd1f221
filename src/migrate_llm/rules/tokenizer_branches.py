"""Tests on a model that only pick how tiktoken counts, and tests only OpenAI's names pass.

`encoding_for_model(m) if "gpt-4" in m else get_encoding("cl100k_base")`, the same as an
`if`/`else` statement that assigns or returns one or the other, or `if ...: return
encoding_for_model(m)` followed by `return get_encoding(...)`: the test decides which
tokenizer counts, nothing else (`tokenizer_pick`). ML204 reads no model branch there
(`model_branches`). Where only OpenAI's model names take the lookup and the other branch is
a fixed encoding (`OpenAINames.guards_lookup`), a provider's model taking the fixed one is
what the test is for: ML205 reports no check in it, ML207 no lookup.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value, without_id_methods
from migrate_llm.rules.tokenizer_calls import mentions_tokenizer, tokenizer_call, tokenizer_model

_FIXED_ENCODINGS = sdk.TOKENIZER_ENCODINGS - sdk.TOKENIZER_CALLS  # `tiktoken.get_encoding`
_FIXED_WORD = "get_encoding"  # in every call of it: a module without it or a lookup has no pick
# what ends the climb from a node to the test holding it: it is not part of a test
_OUTSIDE_TESTS = (cst.BaseStatement, cst.BaseSmallStatement, cst.BaseSuite, cst.Lambda)


@dataclass(frozen=True)
class TokenizerPick:
    """A branch whose two values are tokenizer calls: `values[0]` where `test` holds,
    `values[1]` where it fails."""

    test: cst.BaseExpression
    values: tuple[cst.Call, cst.Call]


def mentions_pick(ctx: PythonContext) -> bool:
    """Whether the module may hold a tokenizer pick: it names a lookup or a fixed encoding."""
    return ctx.mentions(_FIXED_WORD) or mentions_tokenizer(ctx)


def enclosing_test(ctx: PythonContext, node: cst.CSTNode) -> cst.BaseExpression | None:
    """The test of `if` or `X if T else Y` that holds `node` (a part of it: `"gpt" in m` of
    `"gpt" in m or "o1" in m`, a literal), else None."""
    path = (*ctx.ancestors(node), node)
    for parent, child in reversed(list(itertools.pairwise(path))):
        if isinstance(parent, (cst.If, cst.IfExp)):
            return parent.test if child is parent.test else None
        if isinstance(parent, _OUTSIDE_TESTS):
            return None
    return None


def tokenizer_pick(ctx: PythonContext, test: cst.BaseExpression) -> TokenizerPick | None:
    """The branch `test` decides where both its values are tokenizer calls (tiktoken's:
    `sdk.TOKENIZER_ENCODINGS`; a framework's: `tokenizer_calls`): `A if T else B`; `if T:`
    and `else:` each holding one statement, both `return` or both assigning one target; `if
    T: return A` with no `else`, followed by `return B`."""
    if not mentions_pick(ctx):
        return None
    above = ctx.ancestors(test)
    parent = above[-1] if above else None
    values: tuple[cst.BaseExpression, cst.BaseExpression] | None = None
    if isinstance(parent, cst.IfExp) and parent.test is test:
        values = parent.body, parent.orelse
    elif isinstance(parent, cst.If) and parent.test is test:
        values = _statement_values(ctx, parent, above[-2] if len(above) > 1 else None)
    if values is None or not all(_tokenizer(ctx, v) for v in values):
        return None
    return TokenizerPick(test, cast("tuple[cst.Call, cst.Call]", values))


def _statement_values(
    ctx: PythonContext, node: cst.If, block: cst.CSTNode | None
) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """What an `if` statement's branches return or assign to one target (`_picked`)."""
    body = _picked(ctx, _only(node.body))
    if body is None:
        return None
    if isinstance(node.orelse, cst.Else):
        other = _picked(ctx, _only(node.orelse.body))
    elif node.orelse is None and body[0] == "return" and isinstance(block, cst.IndentedBlock):
        after = list(itertools.dropwhile(lambda s: s is not node, block.body))[1:2]
        other = _picked(ctx, _small(after[0])) if after else None
    else:
        return None
    if other is None or other[0] != body[0]:
        return None
    return body[1], other[1]


def _only(suite: cst.BaseSuite) -> cst.BaseSmallStatement | None:
    """The one simple statement a branch holds, else None."""
    if isinstance(suite, cst.SimpleStatementSuite):
        return suite.body[0] if len(suite.body) == 1 else None
    return (
        _small(suite.body[0])
        if isinstance(suite, cst.IndentedBlock) and len(suite.body) == 1
        else None
    )


def _small(statement: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        return statement.body[0]
    return None


def _picked(
    ctx: PythonContext, statement: cst.BaseSmallStatement | None
) -> tuple[str, cst.BaseExpression] | None:
    """A branch's statement as ("return", value) or (the target's code, value)."""
    if isinstance(statement, cst.Return) and statement.value is not None:
        return "return", statement.value
    if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        return ctx.code(statement.targets[0].target), statement.value
    if isinstance(statement, cst.AnnAssign) and statement.value is not None:
        return ctx.code(statement.target), statement.value
    return None


def _tokenizer(ctx: PythonContext, value: cst.BaseExpression | None) -> bool:
    return isinstance(value, cst.Call) and (
        bool(ctx.qualnames(value.func) & sdk.TOKENIZER_ENCODINGS)
        or tokenizer_call(ctx, value) is not None
    )


def _fixed(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether a tokenizer call counts the same whatever the model: `get_encoding(...)`, or
    a lookup given no model, `None` or a literal (`TokenTextSplitter(encoding_name=...)`)."""
    if ctx.qualnames(call.func) & _FIXED_ENCODINGS:
        return True
    found = tokenizer_model(ctx, call)
    if found is None:
        return tokenizer_call(ctx, call) is not None
    value = found[1].value
    return string_value(value) is not None or (
        isinstance(value, cst.Name) and value.value == "None"
    )


class OpenAINames:
    """Which tests on a model only OpenAI's model names pass, for the run's target: no name
    its tables give (its model table and tiers, `--model` overrides) passes them."""

    @classmethod
    def of(cls, ctx: PythonContext) -> OpenAINames:
        if cls not in ctx.analyses:
            ctx.analyses[cls] = cls(ctx)
        return cast(OpenAINames, ctx.analyses[cls])

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx

    def guards_lookup(self, test: cst.BaseExpression) -> bool:
        """Whether `test` picks a tokenizer (`tokenizer_pick`) where only OpenAI's model names
        take the branch that asks tiktoken about the model tested, and the other branch
        counts with a fixed encoding (`_fixed`)."""
        pick = tokenizer_pick(self.ctx, test)
        if pick is None:
            return False
        first, second = pick.values
        for holds, lookup, other in ((True, first, second), (False, second, first)):
            found = tokenizer_model(self.ctx, lookup)
            if found is None or string_value(found[1].value) is not None:
                continue
            subject = self.ctx.code(without_id_methods(found[1].value)[0])
            if _fixed(self.ctx, other) and self.only(test, subject, holds, equal=True):
                return True
        return False

    def only(
        self, test: cst.BaseExpression, subject: str, holds: bool, equal: bool = False
    ) -> bool:
        """Whether only OpenAI's model names pass `test` on `subject` (the code of the model,
        without `.lower()` and the like) where it holds (`holds`) or fails (not `holds`): a
        substring (`"gpt" in m`), a prefix (`m.startswith(("gpt-", "o1"))`), a membership in
        a collection of OpenAI model ids (`m in OPENAI_MODELS`), and with `equal` a comparison
        with one (`m == "gpt-4o"`: elsewhere ML205 makes it accept the mapped model too)."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            return self.only(test.expression, subject, not holds, equal)
        if isinstance(test, cst.BooleanOperation):
            both = isinstance(test.operator, cst.And) == holds  # `A and B` holds, `A or B` fails
            sides = [self.only(t, subject, holds, equal) for t in (test.left, test.right)]
            return any(sides) if both else all(sides)
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            if isinstance(target.operator, (cst.Equal, cst.NotEqual)):
                if not equal or holds != isinstance(target.operator, cst.Equal):
                    return False
                left, right = test.left, target.comparator
                return any(
                    self._tested(side, subject) and self._openai_id(string_value(other))
                    for side, other in ((left, right), (right, left))
                )
            negated = isinstance(target.operator, cst.NotIn)
            if not isinstance(target.operator, (cst.In, cst.NotIn)) or holds == negated:
                return False
            fragment = string_value(test.left)
            if fragment is not None:  # `"gpt" in m`
                return self._tested(target.comparator, subject) and self._names_only(
                    (fragment,), prefix=False
                )
            return self._tested(test.left, subject) and self._openai_ids(target.comparator)
        if (
            holds
            and isinstance(test, cst.Call)
            and isinstance(test.func, cst.Attribute)
            and test.func.attr.value == "startswith"
            and len(test.args) == 1
            and self._tested(test.func.value, subject)
        ):
            value = test.args[0].value
            items = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
            prefixes = [string_value(item) for item in items]
            known = tuple(p for p in prefixes if p)
            return len(known) == len(prefixes) and self._names_only(known, prefix=True)
        return False

    def _tested(self, node: cst.BaseExpression, subject: str) -> bool:
        return self.ctx.code(without_id_methods(node)[0]) == subject

    def _names_only(self, fragments: tuple[str, ...], prefix: bool) -> bool:
        """Whether each of `fragments` begins an OpenAI model id (`gpt`, `gpt-4`, `o1`) and
        no model the target names has it in its name (`prefix`: at its start), whatever the
        case."""
        names = self._target_names
        heads = _openai_heads(self.ctx.rules.openai.model_patterns)
        for fragment in (f.lower() for f in fragments):
            if not any(h.startswith(fragment) or fragment.startswith(h) for h in heads):
                return False
            if any(n.startswith(fragment) if prefix else fragment in n for n in names):
                return False
        return True

    def _openai_ids(self, node: cst.BaseExpression) -> bool:
        """Whether `node` is (or a name bound once to) a list, tuple, set or dict display
        whose members (keys) are all OpenAI model ids that the target does not serve."""
        if isinstance(node, cst.Name):
            node = self.ctx.bound_value(node) or node
        if isinstance(node, cst.Dict):
            members = [e.key for e in node.elements if isinstance(e, cst.DictElement)]
        elif isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            members = [e.value for e in node.elements if isinstance(e, cst.Element)]
        else:
            return False
        return bool(members) and all(self._openai_id(string_value(m)) for m in members)

    def _openai_id(self, value: str | None) -> bool:
        """Whether `value` is an OpenAI model id that the target does not serve."""
        provider = self.ctx.rules.provider
        return (
            value is not None
            and self.ctx.rules.openai.serves(value)
            and not (provider is not None and provider.serves(value))
            and value.lower() not in self._target_names
        )

    @functools.cached_property
    def _target_names(self) -> frozenset[str]:
        """The model names the target's tables give (lowercased): what a mapped model is."""
        provider = self.ctx.rules.provider
        if provider is None:
            return frozenset()
        names = {*provider.models.values(), *provider.tiers.values(), *provider.retired}
        names |= set(self.ctx.rules.models.values())
        return frozenset(n.lower() for n in names)


@functools.cache
def _openai_heads(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """What each of OpenAI's model-id globs starts with (`gpt-4` of `gpt-4*`), lowercased."""
    heads = (p.lower().split("*")[0].split("?")[0].split("[")[0] for p in patterns)
    return tuple(h for h in heads if h)
