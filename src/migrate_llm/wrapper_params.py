"""The parameters of a project's functions that reach an OpenAI SDK request, for the modules
that import those functions.

tree-of-thought-llm's `tot/models.py` defines `gpt(prompt, model="gpt-4", n=1, ...)`, which
hands `model` and `n` on to `chatgpt()`, then to `completions_with_backoff(**kwargs)`, whose
`**kwargs` go to `ChatCompletion.create(**kwargs)`; `tot/tasks/text.py` calls
`gpt(prompt, n=5, model='gpt-4')`. The rules of one module cannot see the other, so a module
that may hand a parameter on to a request (`may_hand_on`) is marked while it is screened,
read again once the run knows its project (`wrapper_params`: what `rules.forwarding` finds
for its top-level functions, also those defined in a block of a top-level `if` or `try`,
`_top_level`; of a name defined in several, what every definition sends,
`_in_every_definition`), and what it holds goes into its project's facts
(`RunFacts.wrapper_params`), for the modules importing the function by name (`from tot.models
import gpt`: `rules.imported_wrappers`).

An entry of a function's `**kwargs` is recorded for the request keywords the rules read
(`ENTRY_KEYWORDS`), each under its own name. So is an entry of a parameter that the function
spreads into a request as it is (`spread`): khoj's gpt.py sets `model_kwargs["response_format"]
= {"type": "json_schema", ...}` and passes `model_kwargs=model_kwargs` to utils.py's
`completion_with_backoff(..., model_kwargs: dict = {})`, which sends
`client.beta.chat.completions.stream(..., **model_kwargs)` (t55a D1); not an entry the request
gives itself or the function changes (`Forwarding.spread_requests`), nor the model's.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.forwarding import Slot
    from migrate_llm.rules.python_context import PythonContext

# the request keywords ML111 reports the mere presence of where a provider's file says it
# takes none (`rules.compat._FLAGS`; tests/test_forwarded_flags.py checks they agree): a
# module ruled out by the prefilter that calls a function sending one is read after all
# (`engine.calls_spreading`)
PRESENCE_KEYWORDS = frozenset(
    {"functions", "function_call", "logprobs", "seed", "parallel_tool_calls", "stream_options"}
)
# the keywords of a request an entry of a function's `**kwargs` is followed under: the model's,
# those whose values the compatibility rules check (`check_values`), and `PRESENCE_KEYWORDS`
# (XAgent's `functions=` given to a function filling `chatcompletion_kwargs.update(kwargs)`,
# t64d). Each entry becomes a slot followed through its module, hence a list, not every
# keyword a request takes (the SDK's signatures hold dozens).
ENTRY_KEYWORDS = (
    "model",
    "engine",
    "deployment_id",
    "n",
    "temperature",
    "top_p",
    "tool_choice",
    "function_call",
    "response_format",
    "reasoning_effort",
    "functions",
    "logprobs",
    "seed",
    "parallel_tool_calls",
    "stream_options",
)
# the keywords naming a request's model: not followed into a mapping a function spreads
_MODEL_KEYWORDS = frozenset({"model", "engine", "deployment_id"})
# a module larger than this is not read again (its own rules still follow it)
MAX_BYTES = 256 * 1024
# `def`, and a keyword passed a name of its own (`model=model`) or a `**` spread
_HANDS_ON = re.compile(rb"\b(\w+)[ \t]*=[ \t]*\1[ \t]*[,)]|\*\*[A-Za-z_]")
# a call of a request method (`.create(`): a parameter is followed only to a request of the
# module, so a module with none is not read again
_REQUEST_CALLS = tuple(sorted({f"{method}(".encode() for method in sdk.REQUEST_METHODS}))
# the name `min` or `max` (not `max_tokens`): a module whose text spells neither calls
# neither, and sends no request `n=` bounded by one (`_bounded_requests`)
_MIN_MAX = re.compile(r"\b(?:min|max)\b")


class WrapperParam(NamedTuple):
    """A parameter (or, with `entry`, the entry `param` of the `**kwargs`) of the top-level
    function `function` of the module `module` (its file name as the run found it, as
    `PythonContext.path` gives it; `shown`: as messages show it) whose value reaches, as it
    is, `keyword=` of an SDK request on `line` of that module on the `surface` ("chat",
    "embeddings"...), through the functions `through`; `position`: its index among the
    positional parameters (-1: keyword only, or an entry); `model`: the keyword names the
    request's model; `spread`: the parameter is a mapping the request spreads (`**param`),
    whose entry `keyword` it sends; `owner`: for a method, the top-level class defining it
    (`position` then counts past the parameter its instance binds), else ""."""

    module: str
    shown: str
    function: str
    param: str
    position: int
    entry: bool
    keyword: str
    model: bool
    surface: str
    line: int
    through: tuple[str, ...]
    spread: bool = False
    owner: str = ""
    # the builtin `min()` / `max()` of the parameter and numbers the request sends instead of
    # it, as written (tree-of-thought-llm's `cnt = min(n, 20)`, sent as `n=cnt`); `n` only
    bound: str = ""
    # the request is openai<1.0's (`openai.ChatCompletion.create`): XAgent defines its wrapper
    # for each version; callers name a v1 request first (`imported_wrappers.imported_params`)
    legacy: bool = False

    @property
    def checked_at_callers(self) -> bool:
        """Whether ML111 checks what a module calling the function gives it, read even where
        the prefilter rules that module out (it names no OpenAI model): a mapping spread into
        the request, a `min()`-bounded `n`, or a keyword it reports the presence of
        (`PRESENCE_KEYWORDS`)."""
        return self.spread or bool(self.bound) or self.keyword in PRESENCE_KEYWORDS


def may_hand_on(data: bytes) -> bool:
    """Whether a module's bytes (of one using an OpenAI client) may define a function handing
    a parameter on: a `def` (only top-level functions and the methods of top-level classes
    are recorded), and a keyword given a name of its own or a `**` spread, and a call of a
    request method."""
    return (
        b"def " in data
        and any(call in data for call in _REQUEST_CALLS)
        and _HANDS_ON.search(data) is not None
    )


def may_call_spreading(text: str, functions: frozenset[str]) -> bool:
    """Whether a module's text (its bytes as latin-1 will do), ruled out by the prefilter (it
    names no OpenAI model), may import and call one of `functions`, which spread a mapping
    parameter into a request."""
    return "import" in text and any(f"{name}(" in text for name in functions)


def wrapper_params(module: str, shown: str, data: bytes, rules: RuleContext) -> list[WrapperParam]:
    """The parameters of the top-level functions of a module's bytes that reach an SDK
    request (see the module's docstring); none where it cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return []
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return []
    text, tree = read
    if not any(_passes_a_parameter(node) for node in _functions(tree.body)):
        return []  # libcst's reading (a tenth of a second for a large module) is spared

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return []
        return _params(ctx, shown, _MIN_MAX.search(text) is not None)


def _functions(body: list[ast.stmt]) -> list[ast.stmt]:
    """The top-level statements of a module (`_top_level`) with the methods of its top-level
    classes."""
    found = _top_level(body)
    for node in list(found):
        if isinstance(node, ast.ClassDef):
            found += node.body
    return found


_Statement = TypeVar("_Statement")
# Python 3.11's `try:` ... `except*`, absent from 3.10's ast
_AST_TRIES: tuple[type[ast.stmt], ...] = (
    ast.Try,
    *([ast.TryStar] if hasattr(ast, "TryStar") else []),
)


def _walk(
    body: Sequence[_Statement], blocks: Callable[[_Statement], list[Sequence[_Statement]]]
) -> list[_Statement]:
    """The statements of `body`, each followed by those of the blocks `blocks` gives of it,
    in the same way (the one walk `_top_level` and `_cst_top_level` share)."""
    found: list[_Statement] = []
    for node in body:
        found.append(node)
        for block in blocks(node):
            found += _walk(block, blocks)
    return found


def _top_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements of a module's top level, also those in the blocks of its top-level
    `if`/`elif`/`else` and `try`/`except`/`except*`/`else`/`finally` (XAgent's `if
    metadata.version("openai") < "1.0": def chatcompletion_request(**kwargs): ... else: def
    chatcompletion_request(**kwargs): ...`): the module defines one of them whichever block
    runs. An `elif` is listed, as Python's tree has it, as an `if` of the `else` block."""

    def blocks(node: ast.stmt) -> list[Sequence[ast.stmt]]:
        if isinstance(node, ast.If):
            return [node.body, node.orelse]
        if isinstance(node, _AST_TRIES):
            handlers = [h.body for h in node.handlers]  # type: ignore[attr-defined]
            return [node.body, *handlers, node.orelse, node.finalbody]  # type: ignore[attr-defined]
        return []

    return _walk(body, blocks)


def _cst_top_level(body: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """`_top_level` of a module read with libcst, the same statements in the same order (an
    `elif` listed as an `if` of the `else` block, as Python's tree has it)."""
    import libcst as cst

    def inner(suite: cst.BaseSuite | None) -> list[Sequence[cst.BaseStatement]]:
        return [suite.body] if isinstance(suite, cst.IndentedBlock) else []

    def blocks(node: cst.BaseStatement) -> list[Sequence[cst.BaseStatement]]:
        if isinstance(node, cst.If):
            orelse = node.orelse
            if isinstance(orelse, cst.If):  # `elif`
                return [*inner(node.body), [orelse]]
            return [*inner(node.body), *inner(orelse.body if orelse is not None else None)]
        if isinstance(node, (cst.Try, cst.TryStar)):
            handlers: Sequence[cst.ExceptHandler | cst.ExceptStarHandler] = node.handlers
            suites = [node.body, *(h.body for h in handlers)]
            suites += [b.body for b in (node.orelse, node.finalbody) if b is not None]
            return [statements for suite in suites for statements in inner(suite)]
        return []

    return _walk(body, blocks)


def _passes_a_parameter(node: ast.stmt) -> bool:
    """Whether `node` is a function that passes one of its parameters, as it is, to a call
    (or copies it, `kw.copy()`): what a function must do for `_params` to record it."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    args = node.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "copy"
            and isinstance(func.value, ast.Name)
            and func.value.id in names
        ):
            return True  # `kwargs = kw.copy()`, then spread
        for value in (*call.args, *(k.value for k in call.keywords)):
            if isinstance(value, ast.Starred):
                value = value.value
            if isinstance(value, ast.Name) and value.id in names:
                return True
    return False


def _params(ctx: object, shown: str, bounds: bool) -> list[WrapperParam]:
    """What `wrapper_params` finds in a module read with libcst (`ctx`); the requests sending
    `n=` bounded by `min()` / `max()` only where `bounds` (its text names either)."""
    import libcst as cst

    from migrate_llm.rules.call_parameters import receiver_binds
    from migrate_llm.rules.forwarding import Forwarding, Slot, function_label
    from migrate_llm.rules.python_context import PythonContext

    assert isinstance(ctx, PythonContext)
    forwarding = Forwarding.of(ctx)
    bounded = _BoundedRequests(ctx) if bounds else None
    functions: list[tuple[cst.FunctionDef, str]] = []
    for statement in _cst_top_level(ctx.module.body):
        if isinstance(statement, cst.FunctionDef):
            functions.append((statement, ""))
        elif isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            methods = [s for s in statement.body.body if isinstance(s, cst.FunctionDef)]
            functions += [(m, statement.name.value) for m in methods]
    per_definition: list[tuple[tuple[str, str], list[WrapperParam]]] = []
    for statement, owner in functions:
        found: list[WrapperParam] = []
        per_definition.append(((owner, statement.name.value), found))
        params = statement.params
        bound = receiver_binds(statement, "self") if owner else 0
        positional = [*params.posonly_params, *params.params][bound:]
        slots = [Slot(statement, p.name.value, p) for p in (*positional, *params.kwonly_params)]
        if isinstance(params.star_kwarg, cst.Param):
            named = {s.name for s in slots}
            slots += [Slot(statement, k, None) for k in ENTRY_KEYWORDS if k not in named]
        for slot in slots:
            position = next((i for i, p in enumerate(positional) if p is slot.param), -1)
            name, entry = statement.name.value, slot.param is None
            here = WrapperParam(
                ctx.path, shown, name, slot.name, position, entry, "", False, "", 0, (), owner=owner
            )
            hands = forwarding.handed_to(slot)
            for reached, through in hands:
                for keyword, request, holder in forwarding.requests(reached):
                    labels = tuple(function_label(ctx, f) for f in through)
                    model = keyword in forwarding.model_keywords(request)
                    found.append(
                        _sent(
                            ctx, here, request, holder, keyword=keyword, model=model, through=labels
                        )
                    )
            if bounded is not None:
                for reached, through in hands:
                    for written, request, holder, further in bounded.of(reached):
                        labels = tuple(function_label(ctx, f) for f in (*through, *further))
                        found.append(
                            _sent(
                                ctx,
                                here,
                                request,
                                holder,
                                keyword="n",
                                through=labels,
                                bound=written,
                            )
                        )
            if owner:
                continue  # a mapping a method spreads is followed in its own module only
            entries = [k for k in ENTRY_KEYWORDS if k not in _MODEL_KEYWORDS]
            for keyword, request, holder in forwarding.spread_requests(slot, entries):
                found.append(
                    _sent(
                        ctx,
                        here._replace(entry=False),
                        request,
                        holder,
                        keyword=keyword,
                        spread=True,
                    )
                )
    return _in_every_definition(per_definition)


def _in_every_definition(
    per_definition: list[tuple[tuple[str, str], list[WrapperParam]]],
) -> list[WrapperParam]:
    """What the functions (`(owner, name)`, each with what `_params` found of it) send, but,
    for a name defined in several blocks (`_top_level`), what not every definition of it
    sends under the same keyword: which runs is decided at run time (hw: `if LOCAL_LLM: def
    chat(...)` posting to the user's own server, `else: def chat(...)` calling the SDK), so a
    caller's argument may never reach the SDK; XAgent's v0 and v1 definitions both do."""
    definitions: dict[tuple[str, str], int] = {}
    for name, _ in per_definition:
        definitions[name] = definitions.get(name, 0) + 1
    sent: dict[tuple[str, str], list[set[tuple[str, str]]]] = {}
    for name, found in per_definition:
        sent.setdefault(name, []).append({(p.param, p.keyword) for p in found})
    every = {name: set.intersection(*sets) for name, sets in sent.items()}
    return [
        p
        for name, found in per_definition
        for p in found
        if definitions[name] == 1 or (p.param, p.keyword) in every[name]
    ]


def _sent(
    ctx: PythonContext, here: WrapperParam, request: cst.Call, holder: cst.CSTNode, **fields: Any
) -> WrapperParam:
    """`here` (a parameter of a function) with the SDK request it reaches and the argument
    sending it, and the other `fields` given."""
    info = ctx.sdk_call(request)
    assert info is not None
    line = ctx.position(holder)[0][0]
    return here._replace(surface=info.surface, line=line, legacy=info.kind == "legacy", **fields)


# what a function sends as `n=` bounded by `min()` / `max()`: (the key of the slot whose
# parameter it bounds, the `min()` as written, the request, the argument sending it, the
# functions it goes through past the function's own)
_Bounded = tuple[tuple[int, str, bool], str, "cst.Call", "cst.Arg", "tuple[cst.FunctionDef, ...]"]


class _BoundedRequests:
    """`_bounded_requests` of a module's slots, each function's requests found once: what
    they send does not depend on the slot asked about, only which of them it reaches."""

    def __init__(self, ctx: PythonContext) -> None:
        self._ctx = ctx
        self._functions: dict[int, tuple[cst.FunctionDef, list[_Bounded]]] = {}

    def of(self, slot: Slot) -> list[tuple[str, cst.Call, cst.Arg, tuple[cst.FunctionDef, ...]]]:
        """The SDK requests that send, as `n=`, the builtin `min()` / `max()` of `slot`'s
        parameter and numbers (`_bounded_requests`), in the same order."""
        if slot.param is None:
            return []
        kept = self._functions.get(id(slot.function))
        if kept is None:
            kept = (slot.function, _bounded_requests(self._ctx, slot.function))
            self._functions[id(slot.function)] = kept  # the function kept: its id stays its own
        return [
            (written, request, holder, further)
            for key, written, request, holder, further in kept[1]
            if key == slot.key
        ]


def _bounded_requests(ctx: PythonContext, function: cst.FunctionDef) -> list[_Bounded]:
    """The SDK requests that send, as `n=`, the builtin `min()` / `max()` of a parameter
    of `function` and numbers, written in it as the argument or bound once to a name given
    as it (`cnt = min(n, 20)`, then `n=cnt`), directly or through the module's functions
    handing it on as it is: (the key of the parameter's slot, the `min()` as written, the
    request, the argument sending it, the functions it goes through past `function`)."""
    import libcst as cst
    from libcst.metadata import Assignment

    from migrate_llm.rules.compat import number_value
    from migrate_llm.rules.forwarding import Forwarding

    forwarding = Forwarding.of(ctx)
    start = ctx.index_of(function)
    nodes = ctx.nodes[start : ctx.ends[start]]
    assigned: dict[str, list[cst.BaseExpression]] = {}
    for node in nodes:
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            if isinstance(target, cst.Name):
                assigned.setdefault(target.value, []).append(node.value)

    def bound(value: cst.BaseExpression) -> tuple[cst.Call, tuple[int, str, bool]] | None:
        if isinstance(value, cst.Name) and len(assigned.get(value.value, [])) == 1:
            value = assigned[value.value][0]
        if not (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Name)
            and value.func.value in ("min", "max")
            and not any(isinstance(b, Assignment) for b in ctx.bindings(value.func))
            and len(value.args) >= 2
            and all(a.keyword is None and not a.star for a in value.args)
        ):
            return None
        traced = [a.value for a in value.args if number_value(a.value) is None]
        if len(traced) != 1 or not isinstance(traced[0], cst.Name):
            return None
        reached = forwarding.reaching_param(traced[0])
        return None if reached is None else (value, reached.key)

    found: list[_Bounded] = []
    for node in nodes:
        if not isinstance(node, cst.Call):
            continue
        for arg in node.args:
            if arg.star or arg.keyword is None:
                continue
            bounding = bound(arg.value)
            if bounding is None:
                continue
            call, key = bounding
            written = ctx.code(call)
            if arg.keyword.value == "n" and ctx.sdk_call(node) is not None:
                found.append((key, written, node, arg, ()))
                continue
            given = forwarding.arg_slot(node, arg)
            if given is None:
                continue
            for reached, through in forwarding.handed_to(given):
                for keyword, request, holder in forwarding.requests(reached):
                    if keyword == "n":
                        found.append((key, written, request, holder, (given.function, *through)))
    return found
