"""Configuring openai's module-level client in a module that relies on OPENAI_API_KEY (ML102).

xiaogpt's mail summary calls `openai.chat.completions.create(model=...)` and configures
nothing: the SDK reads OPENAI_API_KEY and sends the request to OpenAI. Only the model
changing, the provider's model would go to OpenAI. `apply` sets the module-level client
for the provider in such a module, once, after the imports, where that is safe:

- every request through the module-level client, in the module (as its rules see them) and
  in the project (`RunFacts.module_requests`), is one the provider serves: the setting holds
  for the whole program;
- no module configures it (`RunFacts.openai_configured`): the setting would override or
  race that one (a key a module stores in OPENAI_API_KEY is ML404's: the setting reads the
  provider's variables alone), and the project's requirements do not keep openai<1
  (`openai_v0_kept`: its module reads `openai.api_base`);
- the setting runs only where the program runs: after the one `import openai` of the
  function making the requests, or at the top of a module that runs as a program (an
  `if __name__ == "__main__":`, a call or a request at its top level), not in a package's
  `__init__.py` nor in a module that only defines functions others may import (a library:
  its importers configure the client themselves).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.code_templates import IMPORT_OS, key_expr, module_base_url_expr
from migrate_llm.rules.llamaindex_module_base import module_base_readers
from migrate_llm.rules.python_context import CallInfo, PythonContext, names_main

# what a request the provider may not serve is: None where it serves it, else the words
# after "its request on line N" ("is to embeddings, which Moonshot does not serve")
Unserved = Callable[[cst.Call, CallInfo], "str | None"]
# the module names that run as programs whatever they hold, and the one every importer runs
_PROGRAM_FILES = frozenset({"__main__.py"})
_PACKAGE_FILE = "__init__.py"


@dataclass(frozen=True)
class Setup:
    """What `apply` does about the module-level client of a module that configures none:
    `edit` adds the settings (`statements`), `placed` says where; else `blocked` says why
    not, `blocker` being the module's own request that its verdict already names."""

    edit: Edit | None = None
    statements: tuple[str, ...] = ()
    placed: str = ""
    blocked: str = ""
    blocker: cst.Call | None = None


def module_client_setup(ctx: PythonContext, unserved: Unserved) -> Setup | None:
    """The setup of the module-level client `apply` gives the module, or why it gives none;
    None where the question does not arise (no switch, openai<1 code, a module setting
    `openai.api_key` or `openai.base_url` itself: ML103's)."""
    rules, index = ctx.rules, ctx.index
    provider, url = rules.provider, rules.base_url
    if not rules.switching or provider is None or url is None or index.uses_legacy:
        return None
    if index.config_assigns or index.base_url_assigns:
        return None
    calls = [
        (node, info)
        for node in ctx.nodes
        if type(node) is cst.Call and (info := ctx.sdk_call(node)) is not None
        if info.kind == "module"
    ]
    if not calls:
        return None
    blocked = _blocked(ctx, provider, calls, unserved)
    if blocked is not None:
        return blocked
    alias = index.openai_alias
    local = [n for n in ctx.nodes if type(n) is cst.Import and _openai_alias(n) is not None]
    top = [n for n in local if len(ctx.ancestors(n)) == 2 and _openai_alias(n) == alias]
    if alias is not None and top and ctx.bound_only_to(alias, "openai"):
        return _at_top(ctx, top[0], _statements(provider, url, alias))
    if len(local) != 1:
        return Setup(blocked="it imports openai in more than one place")
    return _in_function(ctx, local[0], [c for c, _ in calls], provider, url)


def _statements(provider: Provider, url: str, alias: str) -> tuple[str, ...]:
    """The settings of the module-level client (the module imported as `alias`) for
    `provider`: a key read that tolerates the variable unset (the SDK would fall back on
    OPENAI_API_KEY given None, and send OpenAI's key to the provider), and the base URL ending
    with a slash (`module_base_url_expr`)."""
    return (
        f"{alias}.api_key = {key_expr(provider, at_import=True)}",
        f"{alias}.base_url = {module_base_url_expr(provider, url)}",
    )


def _blocked(
    ctx: PythonContext,
    provider: Provider,
    calls: list[tuple[cst.Call, CallInfo]],
    unserved: Unserved,
) -> Setup | None:
    """Why the module-level client may not be configured for the provider: a request of the
    module or the project it may not serve, a setting of it elsewhere; None where none."""
    for call, info in calls:
        reason = unserved(call, info)
        if reason is not None:
            line = ctx.line_label(ctx.position(call)[0][0])
            return Setup(blocked=f"its request on {line} {reason}", blocker=call)
    readers = module_base_readers(ctx)
    if readers:
        return Setup(
            blocked=f"{readers[0]} builds a LlamaIndex OpenAI class apply leaves on OpenAI, "
            "which reads its base URL with OPENAI_API_KEY: it would send OpenAI's key to "
            f"{provider.name}"
        )
    facts = ctx.rules.facts
    others = sorted(
        (r for r in facts.module_requests if r.module != ctx.path),
        key=lambda r: (r.shown, r.line),
    )
    for request in others:
        support = provider.support(request.surface)
        if support is True:
            continue
        where = f"{request.shown}:{request.line}" if request.line else request.shown
        serves = "does not serve" if support is False else "may not serve"
        return Setup(
            blocked=f"{where} asks it for {request.surface}, which {provider.name} {serves}"
        )
    if facts.openai_configured:
        return Setup(blocked="a module of the project configures it (openai.api_key = ...)")
    if facts.openai_v0_kept:
        return Setup(
            blocked="the project's requirements keep openai<1 (ML504), which has no "
            "openai.base_url: the provider's key would go to OpenAI"
        )
    return None


def _openai_alias(node: cst.Import) -> str | None:
    """The name `import openai [as x]` binds; None for an import of anything else."""
    for alias in node.names:
        if cst.helpers.get_full_name_for_node(alias.name) == "openai":
            asname = alias.asname.name if alias.asname is not None else None
            return asname.value if isinstance(asname, cst.Name) else "openai"
    return None


def _at_top(ctx: PythonContext, imported: cst.Import, written: tuple[str, ...]) -> Setup:
    """The settings after the module's imports (below a top-level `load_dotenv()` that
    follows `imported`: the key may be in that file), in a module that runs as a program."""
    base = os.path.basename(ctx.path)
    if base == _PACKAGE_FILE:
        return Setup(blocked="it is a package's __init__.py, which every importer of it runs")
    if base not in _PROGRAM_FILES and not _runs_as_program(ctx):
        return Setup(
            blocked="it only defines what other modules may import (no top-level call, no "
            '`if __name__ == "__main__":`), so its importers configure the client'
        )
    below = ctx.below_env_file_loads()
    if below is not None and ctx.span(imported).end <= below[0]:
        at, load, after_imports = below
        text = "\n" * after_imports + "".join(f"{s}\n" for s in written)
        edit = Edit(Span(at, at), text, (IMPORT_OS,))
        placed = f"below the load of the .env file on {ctx.line_label(load)}"
        return Setup(edit, written, placed)
    at = ctx.span(imported).start
    return Setup(Edit(Span(at, at), "", (IMPORT_OS,), written), written, "after the imports")


def _runs_as_program(ctx: PythonContext) -> bool:
    """Whether the module runs as a program: it has an `if __name__ == "__main__":`, or its
    top level calls something (`main()`, `asyncio.run(...)`; not a `load_dotenv()`) or
    makes a request through the module-level client."""
    for statement in ctx.module.body:
        if isinstance(statement, cst.If) and names_main(statement.test):
            return True
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = small.value if isinstance(small, cst.Expr) else None
            if isinstance(value, cst.Await):
                value = value.expression
            if isinstance(value, cst.Call) and not ctx.qualnames(value.func) & (
                sdk.ENV_FILE_LOADERS
            ):
                return True
    return any(
        type(node) is cst.Call
        and (info := ctx.sdk_call(node)) is not None
        and info.kind == "module"
        and ctx.at_import(node)
        for node in ctx.nodes
    )


def _in_function(
    ctx: PythonContext, imported: cst.Import, calls: list[cst.Call], provider: Provider, url: str
) -> Setup:
    """The settings after the imports that open the function whose own `import openai`
    (`imported`, a statement of its body) every request of the module follows."""
    chain = ctx.ancestors(imported)
    line, block, function = chain[-1], chain[-2], chain[-3]
    if not (
        isinstance(line, cst.SimpleStatementLine)
        and isinstance(block, cst.IndentedBlock)
        and isinstance(function, cst.FunctionDef)
    ):
        return Setup(blocked="its import of openai is not a statement of a function's body")
    at = ctx.index_of(imported)
    for call in calls:
        if function not in ctx.ancestors(call) or ctx.index_of(call) < at:
            return Setup(blocked=f"it imports openai in {function.name.value}() alone")
    alias = _openai_alias(imported)
    assert alias is not None
    body = list(block.body)
    last = body.index(line)
    while last + 1 < len(body) and _imports_only(body[last + 1]):
        last += 1
    end = ctx.span(body[last]).end
    end = ctx.text.find("\n", end - 1) + 1
    if not end:
        return Setup(blocked="the file ends on its import of openai")
    start = ctx.span(line).start
    indent = ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start]
    written = _statements(provider, url, alias)
    text = "\n" + "".join(f"{indent}{s}\n" for s in written)
    placed = f"after the imports of {function.name.value}()"
    return Setup(Edit(Span(end, end), text, (IMPORT_OS,)), written, placed)


def _imports_only(statement: cst.BaseStatement) -> bool:
    """Whether a statement is a line of imports only."""
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )
