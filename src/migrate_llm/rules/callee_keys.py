"""Where a key handed to a class or function of another module of the project goes there
(trial t63d, llmware): ML401 renames a read of OpenAI's key only where its value ends up in
something `apply` moves to the provider too.

`key = os.environ.get("OPENAI_API_KEY")`, then `Gen(api_key=key)` with `Gen` imported from the
project's mylib.py, whose `OpenAI(api_key=self.api_key)` ML001 leaves on OpenAI (its key may
be OpenAI's, read under a name built at run time): renamed, the read gave DeepSeek's key to a
client still talking to api.openai.com. So the callee's module is read again with the rules'
context, the parameter the key fills followed there as ML401 follows a key in one module
(`key_destinations.parameter_destination`), and a destination found there that could send
the provider's key to OpenAI leaves the read to a person, naming that client.

The callee is found by its import (`from mylib import Gen`, `from .gen import make`, a package
re-exporting it: `filled_callees.defining_file`; from a test module, a package up to three
directories above it); the parameter by the argument's keyword, or its position (after `self`
for a class); a `**` parameter is not followed. Where the callee hands the key on to the
project's code that cannot be followed (a method of an object built in place, llmware's
`ModelCatalog().load_model(name, api_key=key)`), the read is left too, saying so."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.reread import cst_context, module_text
from migrate_llm.rules.filled_callees import defining_file, top_function
from migrate_llm.rules.project_calls import from_import
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import MODULE_LIMIT


@dataclass(frozen=True)
class CalleeClient:
    """What a key given to another module's callee reaches there that could send the
    provider's key to OpenAI: the call (`shown`: `OpenAI()`), its line, the module's path
    from the directory its import was found from, and the kind of destination
    (`key_destinations`; "unknown" for the project's code that cannot be followed from there,
    `_unfollowed`)."""

    shown: str
    line: int
    path: str
    kind: str

    def words(self) -> str:
        """The client, said for a message: "`OpenAI()` on line 17 of mylib.py"."""
        return f"`{self.shown}` on line {self.line} of {self.path}"


_memo: dict[tuple[object, ...], CalleeClient | None] = {}
_open: set[tuple[object, ...]] = set()  # asked while decided: a cycle of imports


def callee_client(
    ctx: PythonContext, call: cst.Call, arg: cst.Arg, depth: int
) -> CalleeClient | None:
    """What the key `arg` gives `call` (a class or function imported from another module of
    the project, `Gen(api_key=key)`) reaches in that module that could send the provider's
    key to OpenAI (a client apply leaves there), followed `depth` levels; None where nothing
    does, or the callee or its parameter cannot be found."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching or not ctx.path or depth <= 0 or arg.star:
        return None
    func = call.func
    method = None
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method, func = func.attr.value, func.value
    if not isinstance(func, cst.Name):
        return None
    imported = from_import(ctx, func)
    if imported is None:
        return None
    dots, module, name = imported
    directory = os.path.dirname(os.path.abspath(ctx.path))
    defined = _defining(directory, dots, module, name)
    if defined is None:
        return None
    path, root = defined
    try:
        status = os.stat(path)
    except OSError:
        return None
    # an argument a `**` mapping gives the call (`key_destinations`' spreads) is not in it
    index = next((i for i, a in enumerate(call.args) if a is arg), None)
    if arg.keyword is None and (
        index is None or any(a.keyword is not None or a.star for a in call.args[:index])
    ):
        return None
    given = arg.keyword.value if arg.keyword is not None else cast(int, index)
    key = (
        path, status.st_mtime_ns, status.st_size, provider.id, ctx.rules.base_url,
        ctx.rules.facts.key, name, method, given, depth,
    )  # fmt: skip
    if key in _open:
        return None
    if key not in _memo:
        _open.add(key)
        try:
            reached = _reached(ctx, path, name, method, given, depth)
        finally:
            _open.discard(key)
        shown = os.path.relpath(path, root)
        _memo[key] = CalleeClient(reached[0], reached[1], shown, reached[2]) if reached else None
    return _memo[key]


# how many directories above a module an absolute import's package may stand (a test
# module in tests/models/ importing the project's `llmware`, found from the root pytest runs in)
_ABOVE = 3


def _defining(directory: str, dots: str, module: str, name: str) -> tuple[str, str] | None:
    """The file defining `name` of the project's module `module` imported from `directory`
    (`filled_callees.defining_file`), or for an absolute import not found there, from a
    directory up to `_ABOVE` levels above it; with the directory it was found from."""
    found = defining_file(directory, dots + module, name)
    here = directory
    for _ in range(0 if dots else _ABOVE):
        if found is not None:
            break
        here = os.path.dirname(here)
        found = defining_file(here, module, name)
    return (found, here) if found is not None else None


def _reached(
    ctx: PythonContext, path: str, name: str, method: str | None, given: str | int, depth: int
) -> tuple[str, int, str] | None:
    """(the call shown, its line, the destination's kind) of what the parameter `given` (a
    keyword, or a position) of `name` (its `method`) in the module at `path` reaches that could
    send the provider's key to OpenAI."""
    from migrate_llm.rules.key_destinations import parameter_destination  # it imports this

    text = module_text(path, MODULE_LIMIT)
    with cst_context(text, ctx.rules, path) as there:
        if there is None:
            return None
        function = top_function(there.module, name, method)
        if function is None:
            return None
        params = [*function.params.posonly_params, *function.params.params]
        if isinstance(given, int) and method is not None:
            return None  # `Cls.m(key)`: a method's first parameter may be `cls` or the key
        if isinstance(given, int):
            # a class's `__init__` takes `self` first
            classed = any(
                isinstance(s, cst.ClassDef) and s.name.value == name for s in there.module.body
            )
            chosen = params[given + classed : given + classed + 1]
        else:
            chosen = [p for p in (*params, *function.params.kwonly_params) if p.name.value == given]
        if len(chosen) != 1:
            return None
        uses: list[tuple[cst.Arg | None, cst.CSTNode, bool]] = []
        found = parameter_destination(there, chosen[0], depth, uses)
        if found is None:
            unseen = next(
                (h for a, h, w in uses if w and _unfollowed(there, a, h) and type(h) is cst.Call),
                None,
            )
            if not isinstance(unseen, cst.Call):
                return None
            return f"{there.code(unseen.func)}()", there.position(unseen)[0][0], "unknown"
        node = found.call
        shown = (
            f"{there.code(node.func)}()"
            if isinstance(node, cst.Call)
            else " ".join(there.code(node).split())[:60]
        )
        return shown, there.position(node)[0][0], found.kind


def _unfollowed(ctx: PythonContext, arg: cst.Arg | None, holder: cst.CSTNode) -> bool:
    """Whether the key, given as `arg` to the call `holder`, goes on to the project's own code
    that cannot be followed from here: a method of an object built or held in place
    (llmware's `ModelCatalog().load_model(name, api_key=key)`, `ModelCatalog` imported from
    the project), where its class cannot be told."""
    from migrate_llm.rules.project_calls import project_module

    if arg is None or arg.star or not isinstance(holder, cst.Call):
        return False
    func = holder.func
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Call):
        return False
    root: cst.BaseExpression = func.value.func
    while isinstance(root, cst.Attribute):
        root = root.value
    return isinstance(root, cst.Name) and project_module(ctx, root) is not None
