"""What a test of OpenAI's key variable guards: a call to an API the provider does not offer,
or one apply leaves that reads OpenAI's key itself.

`if os.getenv("OPENAI_API_KEY"): transcribe(...)` asks for OpenAI's key before a feature that
only OpenAI serves (audio, images: whatever the provider's `[supports]` table marks false).
Renamed, the test would pass on the provider's key while the feature still needs OpenAI's, so
ML401 leaves such a read to a person.

What a test guards: the branches of its `if`; where the first branch ends the run (`raise`,
`return`, `sys.exit(...)`: `if not key: raise ...`), also the rest of the function holding it
(at module level, the statements after it in its block). Calls there to functions and methods
of the module are followed, a few levels deep, by name; calls to a class or function of
another module of the project, into that module (`guarded_callees`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.registry import Provider
from migrate_llm.rules.env_names import EnvAccess, EnvNames, if_testing
from migrate_llm.rules.python_context import PythonContext, keyword, last_name
from migrate_llm.rules.raw_http import raw_http, rest_surface

_MAX_DEPTH = 4  # levels of the module's own functions followed from a guarded block
_HOPS = 3  # modules of the project followed from a guarded block (`guarded_callees`)
# Calls that end the run where they stand (`sys.exit(1)`, `exit()`, `os._exit(1)`).
_EXITS = frozenset({"exit", "_exit", "quit", "abort"})


@dataclass(frozen=True)
class GuardedCall:
    """A call to an API surface the provider does not offer, in what a key test guards;
    `surface` "" for a call apply leaves that reads OpenAI's key itself: a class named like
    OpenAI that no table knows (`foreign_openai_class`), or an SDK client given no key
    (`keyless_client_left`). `there`: where `call` reaches such a call in another module of
    the project (`guarded_callees`), None for a call of this module. `named`: the class of
    the project the test's own message names (`guarded_callees.named_class`), `call` then
    None."""

    call: cst.Call | None
    surface: str
    there: Reached | None = None
    named: str = ""


class Reached(NamedTuple):
    """A call in another module of the project that a guarded call reaches: the call as
    shown (`OpenAI()`), its line, its module's path and that path as shown (from the
    directory the first callee's import was found from)."""

    call: str
    line: int
    path: str
    shown: str

    def words(self) -> str:
        """ "`OpenAI()` on line 10 of embedder.py"."""
        return f"`{self.call}` on line {self.line} of {self.shown}"


def guarded_feature(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> GuardedCall | None:
    """The first call to an API the target lacks in what the key read `access` guards: as
    an `if` test itself (`if not os.getenv(X):`, `if X in os.environ:`), or through the name
    it is bound to (`key = os.getenv(X)`, then `if not key:`). None when it guards none."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return None
    from migrate_llm.rules.guarded_callees import named_class

    tests = _tests(ctx, names, access.node)
    for test in tests:
        found = unsupported_call(ctx, provider, _guarded(names, test), _HOPS)
        if found is not None:
            return found
    return next((f for t in tests if (f := named_class(ctx, t)) is not None), None)


def _tests(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> list[cst.If]:
    """The `if`s testing the read `node`: itself, or the name it is assigned to."""
    test = if_testing(names, node)
    if test is not None:
        return [test]
    assign = names.parent(node)
    if not (
        isinstance(assign, cst.Assign)
        and assign.value is node
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ):
        return []
    target = assign.targets[0].target
    tests = []
    for binding in ctx.bindings(target):
        if isinstance(binding, Assignment) and binding.node is target:
            for reference in binding.references:
                found = if_testing(names, reference.node)
                if found is not None:
                    tests.append(found)
    return tests


def _guarded(names: EnvNames, test: cst.If) -> list[cst.CSTNode]:
    """The code `test` guards (see the module's docstring)."""
    guarded: list[cst.CSTNode] = [test.body]
    if test.orelse is not None:
        guarded.append(test.orelse)
    if not _ends_run(test.body):
        return guarded
    ancestors = list(names.ancestors(test))
    function = next((a for a in ancestors if isinstance(a, cst.FunctionDef)), None)
    if function is not None:
        return [*guarded, function.body]
    block = ancestors[0] if ancestors else None
    if isinstance(block, (cst.Module, cst.IndentedBlock)):
        statements = list(block.body)
        if test in statements:
            guarded += statements[statements.index(test) + 1 :]
    return guarded


def _ends_run(body: cst.BaseSuite) -> bool:
    """Whether a branch ends with `raise`, `return`, `continue`, `break` or an exit call."""
    last: cst.CSTNode | None = body.body[-1] if body.body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    if isinstance(last, (cst.Raise, cst.Return, cst.Continue, cst.Break)):
        return True
    return (
        isinstance(last, cst.Expr)
        and isinstance(last.value, cst.Call)
        and last_name(last.value.func) in _EXITS
    )


def unsupported_call(
    ctx: PythonContext, provider: Provider, guarded: list[cst.CSTNode], hops: int
) -> GuardedCall | None:
    """The first call in `guarded`, or in the module's functions it calls, to an API
    surface `provider`'s `[supports]` table marks false, or that apply leaves reading
    OpenAI's key itself (a client given no key only where no such call is guarded); else
    the first call to another module of the project reaching one there, followed `hops`
    modules deep (`guarded_callees`)."""
    from migrate_llm.rules.guarded_callees import project_calls, reached_elsewhere

    outside: list[cst.Call] = []
    found = _module_call(ctx, provider, guarded, outside)
    if found is not None or hops <= 0:
        return found
    for call, callee in project_calls(ctx, outside):
        found = reached_elsewhere(ctx, call, callee, hops)
        if found is not None:
            return found
    return None


def _module_call(
    ctx: PythonContext, provider: Provider, guarded: list[cst.CSTNode], outside: list[cst.Call]
) -> GuardedCall | None:
    """`unsupported_call` in this module alone; the other calls it meets are added to
    `outside`."""
    raw = _raw_surfaces(ctx)
    functions = _functions(ctx)
    nodes, ends = ctx.nodes, ctx.ends
    seen: set[int] = set()
    left: GuardedCall | None = None
    level = guarded
    for _ in range(_MAX_DEPTH):
        following: list[cst.CSTNode] = []
        for root in level:
            at = ctx.index_of(root)
            for node in nodes[at : ends[at]]:
                if type(node) is not cst.Call:
                    continue
                surface = _surface(ctx, node, raw)
                if surface is not None and provider.support(surface) is False:
                    return GuardedCall(node, surface)
                if surface is None and foreign_openai_class(ctx, node):
                    return GuardedCall(node, "")
                if surface is None and left is None and keyless_client_left(ctx, node):
                    left = GuardedCall(node, "")  # unless a feature it lacks says more
                defined = functions.get(last_name(node.func) or "", ())
                for function in defined:
                    if id(function) not in seen:
                        seen.add(id(function))
                        following.append(function.body)
                if not defined and surface is None:
                    outside.append(node)
        level = following
    return left


def foreign_openai_class(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds a class named like OpenAI, given no key, that neither the SDK
    nor the framework tables know and the module does not define (camel's
    `OpenAIEmbedding()`): apply leaves it, and it reads OpenAI's key itself."""
    # the environment rules import these
    from migrate_llm.rules.key_destinations import KNOWN_USERS, defined_here

    last = last_name(call.func) or ""
    if not last[:1].isupper() or ctx.constructed_client(call) is not None:
        return False
    if ctx.qualnames(call.func) & KNOWN_USERS or defined_here(ctx, call):
        return False
    if any(a.star == "**" or (a.keyword and "key" in a.keyword.value) for a in call.args):
        return False
    return "openai" in ctx.index.import_aliases.get(last, last).lower()


def keyless_client_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds an SDK client given no key (it reads OPENAI_API_KEY itself)
    that apply does not point at the target: its base URL chosen at run time or another
    server's (ML003 leaves such a client, its key too: LightRAG's docx parser's
    `openai.AsyncOpenAI(base_url=base_url)`, t53a), or one ML001 leaves on OpenAI."""
    # the client rules import the environment rules
    from migrate_llm.rules.clients import endpoint_of, setting
    from migrate_llm.rules.key_destinations import left_on_openai

    client = ctx.constructed_client(call)
    if client is None or client.azure or setting(ctx, call, "api_key") is not None:
        return False
    return endpoint_of(ctx, call).kind in ("dynamic", "custom") or left_on_openai(ctx, call)


def _surface(ctx: PythonContext, call: cst.Call, raw: dict[int, str]) -> str | None:
    """The API surface a call reaches: a call into the OpenAI SDK, a raw request to an
    OpenAI REST path, or a call given an OpenAI model of a surface other than chat
    (`model="whisper-1"`: audio, `"dall-e-3"`: images)."""
    info = ctx.sdk_call(call)
    if info is not None:
        return info.surface
    if id(call) in raw:
        return raw[id(call)]
    model = keyword(call, "model")
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    if resolved is not None:
        surface = sdk.surface_of_model(resolved[1])
        return surface if surface != "chat" else None
    return None


def _raw_surfaces(ctx: PythonContext) -> dict[int, str]:
    """The surface of each raw request to an OpenAI REST path, by the id of its call."""
    found: dict[int, str] = {}
    for group in raw_http(ctx).groups:
        for request in group.requests:
            path = request.url.path
            surface = rest_surface(path) if request.url.kind == "openai" and path else None
            if surface is not None:
                found[id(request.call)] = surface
    return found


def _functions(ctx: PythonContext) -> dict[str, list[cst.FunctionDef]]:
    """The module's functions and methods, by name."""
    found = ctx.analyses.get(_functions)
    if found is None:
        named: dict[str, list[cst.FunctionDef]] = {}
        for node in ctx.nodes:
            if type(node) is cst.FunctionDef:
                named.setdefault(node.name.value, []).append(node)
        found = ctx.analyses[_functions] = named
    return cast(dict[str, list[cst.FunctionDef]], found)
