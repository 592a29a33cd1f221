"""What a test of OpenAI's key variable guards in the project's other modules (ML401).

R2R's `if embedding_provider == "openai" and "OPENAI_API_KEY" not in os.environ: raise`, then
`R2RBuilder(config).build()`, whose factory builds `OpenAIEmbeddingProvider` and so an
`OpenAI()` client apply leaves on OpenAI (the provider serves no embeddings): renamed, the
test passed on the provider's key while that client still needed OpenAI's (t68b). The same
test beside the client is left (`guarded_features`), so a call in the guarded code to a class
or function of another module of the project (found by its import, `callee_keys`) is followed
there: the callee's body is searched as the guarded code is, a few modules deep, each module
read again once for a callee (kept by its stamp), and only for a key test's calls.

Where the way there cannot be followed (R2R's `R2RBuilder(config).build()` picks its factory
class at run time), the test's own message may name the class it guards ("Must set
OPENAI_API_KEY in order to initialize OpenAIEmbeddingProvider."): a class named like OpenAI
that a module of the project building an OpenAI client defines (`RunFacts.client_modules`)
and whose body holds such a call leaves the test too (`named_class`).
"""

from __future__ import annotations

import os
import re

import libcst as cst

from migrate_llm.reread import cst_context, module_text
from migrate_llm.rules.callee_keys import callee_found
from migrate_llm.rules.filled_callees import top_function
from migrate_llm.rules.guarded_features import GuardedCall, Reached, unsupported_call
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import MODULE_LIMIT

# the calls to other modules of the project followed from one guarded block (a cost bound)
MAX_FOLLOWED = 8
# a callee of another module: (its file, the directory its import was found from, name,
# method), as `callee_found` gives it
Callee = tuple[str, str, str, str | None]
# a class named like OpenAI in a key test's message (`OpenAIEmbeddingProvider`, `MyOpenAI`;
# not `OpenAI` alone, the SDK's)
_NAMED = re.compile(r"\b(?:[A-Z][A-Za-z0-9]*OpenAI[A-Za-z0-9]*|OpenAI[A-Z][A-Za-z0-9]*)\b")

# what a callee reaches: (the call shown, its line, its module as shown, surface), by
# the callee's file and stamp, the run and the depth
_memo: dict[tuple[object, ...], tuple[str, int, str, str] | None] = {}
_open: set[tuple[object, ...]] = set()  # asked while decided: a cycle of imports


def project_calls(ctx: PythonContext, calls: list[cst.Call]) -> list[tuple[cst.Call, Callee]]:
    """The first `MAX_FOLLOWED` of `calls` whose callee is a class or function of another
    module of the project (`callee_found`), with it: a call to a builtin or a library
    (`ValueError(...)`, `log.info(...)`) counts for nothing."""
    if ctx.rules.provider is None:
        return []
    found: list[tuple[cst.Call, Callee]] = []
    for call in calls:
        callee = callee_found(ctx, call)
        if callee is not None:
            found.append((call, callee))
            if len(found) == MAX_FOLLOWED:
                break
    return found


def reached_elsewhere(
    ctx: PythonContext, call: cst.Call, found: Callee, hops: int
) -> GuardedCall | None:
    """`call` (of the guarded code) where its callee `found`, a class or function of another
    module of the project (`project_calls`), reaches there a call that `guarded_features`
    would leave a key test for (an API the provider lacks, a client apply leaves reading
    OpenAI's key itself), followed `hops` modules deep; None otherwise."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    path, root, name, method = found
    try:
        status = os.stat(path)
    except OSError:
        return None
    key = (
        path, status.st_mtime_ns, status.st_size, provider.id, ctx.rules.base_url,
        ctx.rules.facts.key, name, method, hops,
    )  # fmt: skip
    if key in _open:
        return None  # an import cycle: its other calls decide it
    if key not in _memo:
        _open.add(key)
        try:
            _memo[key] = _reached(ctx, path, name, method, hops)
        finally:
            _open.discard(key)
    reached = _memo[key]
    if reached is None:
        return None
    shown, line, module, surface = reached
    return GuardedCall(call, surface, Reached(shown, line, module, os.path.relpath(module, root)))


def _reached(
    ctx: PythonContext, path: str, name: str, method: str | None, hops: int
) -> tuple[str, int, str, str] | None:
    """What the function `name` (the method `method`, `__init__` for a class) of the module at
    `path` reaches: the call shown, its line, its module's path, its surface."""
    provider = ctx.rules.provider
    assert provider is not None
    text = module_text(path, MODULE_LIMIT)
    with cst_context(text, ctx.rules, path) as there:
        function = top_function(there.module, name, method) if there is not None else None
        if there is None or function is None:
            return None
        found = unsupported_call(there, provider, [function.body], hops - 1)
        if found is None:
            return None
        if found.there is not None:  # further on: said where it ends
            return found.there.call, found.there.line, found.there.path, found.surface
        if found.call is None:
            return None
        line = there.position(found.call)[0][0]
        return f"{there.code(found.call.func)}()", line, path, found.surface


def named_class(ctx: PythonContext, test: cst.If) -> GuardedCall | None:
    """Where the first branch of the key test `test` holds a message naming a class named
    like OpenAI (`_NAMED`) that the module neither defines nor imports, and a module of the
    project building an OpenAI client (`RunFacts.client_modules`) defines it with a call in
    its body that `guarded_features` would leave a key test for: that, said as the class
    named (`GuardedCall.named`). None otherwise."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.facts.client_modules:
        return None
    named: list[str] = []
    at = ctx.index_of(test.body)
    for node in ctx.nodes[at : ctx.ends[at]]:
        if isinstance(node, (cst.SimpleString, cst.FormattedStringText)):
            text = node.value
            named += [n for n in _NAMED.findall(text) if n not in named]
    bound = ctx.index.import_aliases
    named = [n for n in named if n not in bound and not _states_class(ctx.text, n)]
    for name in named[:2]:
        for path in sorted(ctx.rules.facts.client_modules):
            reached = _in_class(ctx, path, name)
            if reached is not None:
                shown, line, surface = reached
                # as the run shows its files, from the directory it is examined from
                return GuardedCall(None, surface, Reached(shown, line, path, _shown(path)), name)
    return None


def _in_class(ctx: PythonContext, path: str, name: str) -> tuple[str, int, str] | None:
    """(the call shown, its line, its surface) of the first call in the top-level class
    `name` of the module at `path` that `guarded_features` would leave a key test for."""
    provider = ctx.rules.provider
    assert provider is not None
    try:
        status = os.stat(path)
    except OSError:
        return None
    key = (path, status.st_mtime_ns, status.st_size, provider.id, ctx.rules.facts.key, name)
    if key in _memo:
        kept = _memo[key]
        return None if kept is None else (kept[0], kept[1], kept[3])
    text = module_text(path, MODULE_LIMIT)
    result: tuple[str, int, str, str] | None = None
    if _states_class(text, name):
        with cst_context(text, ctx.rules, path) as there:
            owner = next(
                (
                    s
                    for s in (there.module.body if there is not None else ())
                    if isinstance(s, cst.ClassDef) and s.name.value == name
                ),
                None,
            )
            found = (
                unsupported_call(there, provider, [owner.body], 0)
                if there is not None and owner is not None
                else None
            )
            if there is not None and found is not None and found.call is not None:
                line = there.position(found.call)[0][0]
                result = (f"{there.code(found.call.func)}()", line, path, found.surface)
    _memo[key] = result
    return None if result is None else (result[0], result[1], result[3])


def _states_class(text: str, name: str) -> bool:
    """Whether `text` may state the class `name` (`class OpenAIEmbedder:`, not
    `class OpenAIEmbedderBase`)."""
    return re.search(rf"\bclass\s+{re.escape(name)}\b", text) is not None


def _shown(path: str) -> str:
    """`path` from the working directory where it lies below it, else as it is."""
    shown = os.path.relpath(path)
    return path if shown.startswith("..") else shown
