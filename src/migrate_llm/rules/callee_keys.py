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
re-exporting it: `filled_callees.defining_file`; through its module, `import mylib` then
`mylib.Gen(...)`, `from pkg import mylib` then `mylib.Gen(...)`; from a test module, a package
up to three directories above it); the parameter by the argument's keyword, or its position
(after `self` for a class). Where the callee hands the key on to the project's code that
cannot be followed (a method of an object built in place, llmware's
`ModelCatalog().load_model(name, api_key=key)`), the read is left too, saying so; so it is
where the project's own callee cannot itself be followed (a `**` parameter, a method given
the key by position, a name bound to no function or class: `_opaque`, review r2 t4)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.import_roots import module_files
from migrate_llm.reread import cst_context, module_text
from migrate_llm.rules.filled_callees import defining_file, top_function
from migrate_llm.rules.project_calls import from_import, project_module
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import MODULE_LIMIT


@dataclass(frozen=True)
class CalleeClient:
    """What a key given to another module's callee reaches there that could send the
    provider's key to OpenAI: the call (`shown`: `OpenAI()`), its line, the module's path
    from the directory its import was found from, and the kind of destination
    (`key_destinations`; "unknown" for the project's code that cannot be followed from there,
    `_unfollowed`; "opaque" for the callee itself that cannot be followed: `shown` and `line`
    then the caller's call, `path` why, `_opaque`)."""

    shown: str
    line: int
    path: str
    kind: str

    def words(self) -> str:
        """The client, said for a message: "`OpenAI()` on line 17 of mylib.py"."""
        return f"`{self.shown}` on line {self.line} of {self.path}"


_memo: dict[tuple[object, ...], tuple[str, int, str] | None] = {}
# what `_reached` says of a callee the key cannot be followed into (its parameter not found)
_UNFOLLOWED = ("", 0, "opaque")
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
    directory = os.path.dirname(os.path.abspath(ctx.path))
    defined = next(
        (
            (found, name, method)
            for dots, module, name, method in _callees(ctx, call.func)
            if (found := _defining(directory, dots, module, name)) is not None
        ),
        None,
    )
    if defined is None:
        # the project's own module, its callee not found there (a name bound otherwise): where
        # the key goes cannot be told (r2 t4); no file of the project holding the module (a
        # text given alone), nothing is read, as before
        if any(_module_found(directory, d, m) for d, m, _n, _m in _callees(ctx, call.func)):
            return _opaque(ctx, call, "its definition is not found")
        return None
    (path, root), name, method = defined
    try:
        status = os.stat(path)
    except OSError:
        return _opaque(ctx, call, "its module cannot be read")
    # an argument a `**` mapping gives the call (`key_destinations`' spreads) is not in it
    index = next((i for i, a in enumerate(call.args) if a is arg), None)
    if arg.keyword is None and (
        index is None or any(a.keyword is not None or a.star for a in call.args[:index])
    ):
        return _opaque(ctx, call, "the argument's parameter cannot be told")
    given = arg.keyword.value if arg.keyword is not None else cast(int, index)
    key = (
        path, status.st_mtime_ns, status.st_size, provider.id, ctx.rules.base_url,
        ctx.rules.facts.key, name, method, given, depth,
    )  # fmt: skip
    if key in _open:
        return None  # asked again while decided (an import cycle): its other uses decide it
    if key not in _memo:
        _open.add(key)
        try:
            _memo[key] = _reached(ctx, path, name, method, given, depth)
        finally:
            _open.discard(key)
    reached = _memo[key]
    shown = os.path.relpath(path, root)
    if reached == _UNFOLLOWED:
        return _opaque(ctx, call, f"the parameter the key fills is not found in {shown}")
    return CalleeClient(*reached[:2], shown, reached[2]) if reached else None


def callee_module(ctx: PythonContext, call: cst.Call) -> tuple[str, str, str | None] | None:
    """(the file defining it, name, method) of `call`'s callee where it is a class or function
    of another module of the project (`_callees`, `_defining`), else None."""
    found = callee_found(ctx, call)
    return (found[0], found[2], found[3]) if found is not None else None


def callee_found(ctx: PythonContext, call: cst.Call) -> tuple[str, str, str, str | None] | None:
    """(the file defining it, the directory its import was found from, name, method) of
    `call`'s callee where it is a class or function of another module of the project, else
    None (`callee_module`)."""
    if not ctx.path:
        return None
    directory = os.path.dirname(os.path.abspath(ctx.path))
    for dots, module, name, method in _callees(ctx, call.func):
        defined = _defining(directory, dots, module, name)
        if defined is not None:
            return defined[0], defined[1], name, method
    return None


def _callees(
    ctx: PythonContext, func: cst.BaseExpression
) -> list[tuple[str, str, str, str | None]]:
    """(leading dots, module, name, method) that the callee `func` may be, by its import: a
    name imported (`from mylib import Gen`: `Gen(...)`, `Gen.make(...)`), a name of a module
    imported (`import mylib`: `mylib.Gen(...)`; `from pkg import mod`: `mod.Gen(...)`), or
    a method of a class there (`mylib.Gen.make(...)`)."""
    parts: list[str] = []
    root = func
    while isinstance(root, cst.Attribute):
        parts.insert(0, root.attr.value)
        root = root.value
    if not isinstance(root, cst.Name) or len(parts) > 2:
        return []
    found: list[tuple[str, str, str, str | None]] = []
    imported = from_import(ctx, root)
    if imported is not None:
        dots, module, name = imported
        if len(parts) <= 1:
            found.append((dots, module, name, parts[0] if parts else None))
        if parts:  # `from pkg import mod` (`from . import mod`): a module
            inner = f"{module}.{name}" if module else name
            found.append((dots, inner, parts[0], parts[1] if len(parts) > 1 else None))
        return found
    dotted = _imported_dotted(ctx, root)
    if dotted is None or not parts:
        return []
    full = [*dotted.split("."), *parts]
    found.append(("", ".".join(full[:-1]), full[-1], None))
    if len(full) > 2:
        found.append(("", ".".join(full[:-2]), full[-2], full[-1]))
    return found


def _imported_dotted(ctx: PythonContext, root: cst.Name) -> str | None:
    """The module `root` names where `import M` (`import pkg.mod`: `pkg`) or `import M as
    root` alone binds it, else None."""
    bound = ctx.bindings(root)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    statement = bound[0].node
    if not isinstance(statement, cst.Import):
        return None
    for alias in statement.names:
        name = ctx.code(alias.name)
        if alias.asname is not None and alias.evaluated_alias == root.value:
            return name
        if alias.asname is None and name.split(".")[0] == root.value:
            return root.value
    return None


def _own(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call`'s callee is imported from the project's own code (`project_module`)."""
    return project_module(ctx, call.func) is not None


def _opaque(ctx: PythonContext, call: cst.Call, why: str) -> CalleeClient | None:
    """The project's own callee `call` that cannot be followed (`why`), said as the client
    the key reaches (kind "opaque"): the read is left; None for a callee of another
    package."""
    if not _own(ctx, call):
        return None
    shown = f"{ctx.code(call.func)}()"
    return CalleeClient(shown, ctx.position(call)[0][0], why, "opaque")


# how many directories above a module an absolute import's package may stand (a test
# module in tests/models/ importing the project's `llmware`, found from the root pytest runs in)
_ABOVE = 3


def _module_found(directory: str, dots: str, module: str) -> bool:
    """Whether one file of the project holds the module `module` imported from `directory`
    (or, for an absolute import, a directory up to `_ABOVE` levels above it)."""
    here = directory
    for _ in range(1 + (0 if dots else _ABOVE)):
        if len(module_files(here, dots + module)) == 1:
            return True
        here = os.path.dirname(here)
    return False


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
            return _UNFOLLOWED
        function = top_function(there.module, name, method)
        if function is None:
            return _UNFOLLOWED
        params = [*function.params.posonly_params, *function.params.params]
        if isinstance(given, int) and method is not None:
            # `Cls.m(key)`: a method's first parameter may be `cls` or the key
            return _UNFOLLOWED
        if isinstance(given, int):
            # a class's `__init__` takes `self` first
            classed = any(
                isinstance(s, cst.ClassDef) and s.name.value == name for s in there.module.body
            )
            chosen = params[given + classed : given + classed + 1]
        else:
            chosen = [p for p in (*params, *function.params.kwonly_params) if p.name.value == given]
        if not chosen and isinstance(given, str) and function.params.star_kwarg is not None:
            return _spread(there, function, function.params.star_kwarg.name.value)
        if len(chosen) != 1:
            return _UNFOLLOWED
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


def _spread(
    ctx: PythonContext, function: cst.FunctionDef, spread: str
) -> tuple[str, int, str] | None:
    """What a keyword `function` takes in its `**spread` parameter reaches: each call of the
    function spreading it whole (`ChatOpenAI(**kwargs)`) must be an SDK client or a framework
    class, which takes the key with the base URL the caller gives beside it; the first of
    those `apply` leaves on OpenAI (`key_destinations.left_on_openai`); `_UNFOLLOWED` where
    the mapping goes anywhere else (`kwargs.get("api_key")`), or nowhere shown."""
    from migrate_llm.rules.framework_classes import any_framework_class
    from migrate_llm.rules.key_destinations import left_on_openai  # it imports this

    spreading = [
        node
        for node in ctx.nodes
        if type(node) is cst.Call
        and function in ctx.ancestors(node)
        and any(
            a.star == "**" and isinstance(a.value, cst.Name) and a.value.value == spread
            for a in node.args
        )
    ]
    if not spreading:
        return _UNFOLLOWED
    for call in spreading:
        if ctx.constructed_client(call) is None and any_framework_class(ctx, call) is None:
            return _UNFOLLOWED
        if left_on_openai(ctx, call):
            return f"{ctx.code(call.func)}()", ctx.position(call)[0][0], "left"
    return None


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
