"""The functions and methods of a project that return an OpenAI client, with whether `apply`
points that client at the provider, for the modules calling them.

self-operating-computer builds its client in operate/config.py (`def initialize_openai(self):
... return OpenAI(...)`) and requests through it in operate/models/apis.py (`client =
config.initialize_openai()`, then `client.chat.completions.create(model="gpt-4o", ...)`).
Read alone, apis.py cannot know where that client goes, so ML206 left each model for a person,
even where the same apply pointed the client at the provider (t54a D3). So the modules of a
project building an OpenAI client are read again once the run knows the project
(`provider_factories`), with ML001's own judgment of each construction a function returns, and
what they hold goes into the project's facts (`RunFacts.provider_factories`), for the
modules calling such a function (`rules.factory_requests`).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# a module larger than this is not read again (requests through its clients stay ML206's)
MAX_BYTES = 256 * 1024


class ProviderFactory(NamedTuple):
    """A top-level function or a method of a top-level class (`name`: `make_client`,
    `Config.initialize_openai`) of the module `module` (its file name as `PythonContext.path`
    gives it; `shown`: as messages show it), defined on `line`, that returns an OpenAI client
    it builds; `provider`: every client it may return is the provider's once applied (ML001
    rewrites each construction, or it points there already)."""

    module: str
    shown: str
    name: str
    line: int
    provider: bool


def may_return_client(data: bytes) -> bool:
    """Whether a module's bytes (of one building an OpenAI client) may define a function
    returning one."""
    return b"def " in data and b"return" in data


def provider_factories(
    module: str, shown: str, data: bytes, rules: RuleContext
) -> list[ProviderFactory]:
    """The functions of a module's bytes returning an OpenAI client (see the module's
    docstring); none where it cannot be read or parsed."""
    if len(data) > MAX_BYTES or not may_return_client(data):
        return []
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return []
    text, tree = read
    candidates = _returning(tree)
    if candidates:
        traced = _may_return_made(tree)
        candidates = [c for c in candidates if c[0].rpartition(".")[2] in traced]
    if not candidates:
        return []  # libcst's reading is spared

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return []
        found = []
        for (name, line), function in zip(
            candidates, _functions(ctx.module, candidates), strict=True
        ):
            made = ctx.index.factory_sources.get(name.rpartition(".")[2]) or []
            constructions = [c for c in made if c is not None]
            if constructions and function is not None:
                provider = None not in made and _to_provider(ctx, constructions, function)
                found.append(ProviderFactory(module, shown, name, line, provider))
        return found


def _functions(
    module: cst.Module, candidates: list[tuple[str, int]]
) -> list[cst.FunctionDef | None]:
    """The definitions of `candidates` (by name) in libcst's tree of the module: the last of
    each name, as Python binds it."""
    import libcst as cst

    defined: dict[str, cst.FunctionDef] = {}
    for node in module.body:
        if isinstance(node, cst.FunctionDef):
            defined[node.name.value] = node
        elif isinstance(node, cst.ClassDef):
            for item in node.body.body:
                if isinstance(item, cst.FunctionDef):
                    defined[f"{node.name.value}.{item.name.value}"] = item
    return [defined.get(name) for name, _ in candidates]


def _returning(tree: ast.Module) -> list[tuple[str, int]]:
    """(name, line) of the module's top-level functions and the methods of its top-level
    classes that return a value (not coroutines: their call gives no client)."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and _returns(node):
            found.append((node.name, node.lineno))
        elif isinstance(node, ast.ClassDef):
            found += [
                (f"{node.name}.{item.name}", item.lineno)
                for item in node.body
                if isinstance(item, ast.FunctionDef) and _returns(item)
            ]
    return found


def _returns(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(function))


def _may_return_made(tree: ast.Module) -> set[str]:
    """The names of the functions (at any depth, async ones too) holding a `return` of a call
    or a name, innermost function first: only what such a return gives can be a construction
    (`ModuleIndex.factory_sources`, by a function's bare name), so a module whose functions
    return nothing else is not read with libcst (a 300-line module's `check`: a fifth of its
    work beyond start-up)."""
    found: set[str] = set()
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    pending: list[tuple[ast.AST, str | None]] = [(tree, None)]
    push = pending.append
    while pending:
        node, function = pending.pop()
        if isinstance(node, functions):
            function = node.name
        elif (
            isinstance(node, ast.Return)
            and function is not None
            and isinstance(node.value, (ast.Call, ast.Name))
        ):
            found.add(function)
        # `ast.iter_child_nodes`, without its two generators (a third of the walk)
        for field in node._fields:
            value = getattr(node, field, None)
            if type(value) is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        push((item, function))
            elif isinstance(value, ast.AST):
                push((value, function))
    return found


def _to_provider(
    ctx: PythonContext, constructions: list[cst.Call], function: cst.FunctionDef
) -> bool:
    """Whether each construction is a plain client that talks to the provider once applied:
    one pointed there already (ML003's), or one talking to OpenAI that ML001 rewrites (its
    finding carries the edit), and ML001 leaves to a person no write of a client's key or
    base URL in `function` (`client.base_url = URL`, `client_writes`)."""
    from migrate_llm.model import FixClass
    from migrate_llm.rules.clients import ClientToOpenAI, client_left, endpoint_of
    from migrate_llm.rules.python_context import assignments

    target = ctx.rules.provider
    if target is None or not ctx.rules.switching:
        return False
    rule = ClientToOpenAI(ctx)
    for call in constructions:
        client = ctx.constructed_client(call)
        if client is None or client.azure:
            return False
        endpoint = endpoint_of(ctx, call)
        if endpoint.kind == "provider":
            if endpoint.provider is None or endpoint.provider.id != target.id:
                return False
            continue
        if endpoint.kind != "openai" or client_left(ctx, call):
            return False
        rule.visit_Call(call)
        start = ctx.position(call)[0]
        if not any(f.edit is not None for f in rule.findings if (f.line, f.column) == start):
            return False
    before = len(rule.findings)
    for node in assignments(function):
        rule.visit_Assign(node)
    return not any(f.fix is FixClass.MANUAL for f in rule.findings[before:])
