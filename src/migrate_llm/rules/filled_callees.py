"""Whether a function or class of another module of the project, given a base URL and no key,
gives the client it builds the provider's key itself (trial t57a, D2).

gpt-researcher's utils/llm.py passes `os.environ.get("OPENAI_BASE_URL")` as `openai_api_base`,
with no key, to `GenericLLMProvider.from_provider`, whose `ChatOpenAI(**kwargs)` apply fills
with DashScope's base URL, and DashScope's key with that URL only, where the caller gives none
(`kwargs_fill`). With OPENAI_BASE_URL still read there, the requests went to that host
whenever it was set (with DashScope's key, before the key was tied to the URL). So such a read
follows the callee: where the callee gives the provider's key (apply's fill, or that form
already written), the read is switched with it (`base_url_reads.filled_callee`).

The callee is found by its import (`from pkg.provider import from_provider`, `from
gpt_researcher.llm_provider import GenericLLMProvider`, a package re-exporting it from one of
its modules), and its module read again with the rules' context.
"""

from __future__ import annotations

import ast
import os
from typing import cast

import libcst as cst

from migrate_llm.import_roots import module_files
from migrate_llm.registry import Provider
from migrate_llm.reread import cst_context, module_text
from migrate_llm.rules.project_calls import from_import
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.suppress import Suppression, parse
from migrate_llm.textio import MODULE_LIMIT

# how many re-exports (`from .generic import GenericLLMProvider` in a package) are followed
_HOPS = 2
_memo: dict[tuple[object, ...], bool] = {}


def gives_provider_key(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the project's function or class `call` calls (imported from another module
    by `from M import N`, a method `N.m`) builds a LangChain class from its `**kwargs` and
    gives it the provider's key where the caller gives none: apply fills it
    (`kwargs_fill`), or the module does already (a key entry reading the provider's key
    variable, on every path to the class)."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching or not ctx.path:
        return False
    func = call.func
    method = None
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        method = func.attr.value
        func = func.value
    if not isinstance(func, cst.Name):
        return False
    imported = from_import(ctx, func)
    if imported is None:
        return False
    dots, module, name = imported
    path = defining_file(os.path.dirname(os.path.abspath(ctx.path)), dots + module, name)
    if path is None:
        return False
    try:
        status = os.stat(path)
    except OSError:
        return False
    key = (
        path, status.st_mtime_ns, status.st_size, provider.id, ctx.rules.base_url,
        ctx.rules.facts.key, name, method, path in ctx.rules.facts.client_modules,
    )  # fmt: skip
    if key not in _memo:
        _memo[key] = _fills(ctx, path, name, method)
    return _memo[key]


def defining_file(directory: str, dotted: str, name: str, hops: int = _HOPS) -> str | None:
    """The file of the project's module `dotted` (as a module in `directory` imports it) that
    defines `name` at its top level, following a re-export `from .x import name` there."""
    files = module_files(directory, dotted)
    if len(files) != 1:
        return None
    try:
        tree = ast.parse(module_text(files[0], MODULE_LIMIT))
    except (SyntaxError, ValueError):
        return None
    defined = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    if any(isinstance(node, defined) and node.name == name for node in tree.body):
        return files[0]
    if hops == 0:
        return None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and any(
            (a.asname or a.name) == name and a.name == name for a in node.names
        ):
            where = "." * node.level + (node.module or "")
            return defining_file(os.path.dirname(files[0]), where, name, hops - 1)
    return None


def _fills(ctx: PythonContext, path: str, name: str, method: str | None) -> bool:
    text = module_text(path, MODULE_LIMIT)
    # apply fills the callee only where it edits that module in this run: one of the run's
    # Python modules, its ML601 edit not suppressed there (t57 review)
    edited = path in ctx.rules.facts.client_modules
    ignored = parse(text)
    with cst_context(text, ctx.rules, path) as there:
        if there is None:
            return False
        function = top_function(there.module, name, method)
        if function is None or function.params.star_kwarg is None:
            return False
        spread = function.params.star_kwarg.name.value
        return any(
            _filled(there, node, spread, edited and not _ignored(there, node, ignored))
            for node in there.nodes
            if type(node) is cst.Call and function in there.ancestors(node)
        )


def top_function(module: cst.Module, name: str, method: str | None) -> cst.FunctionDef | None:
    """The top-level function `name`, or the method `method` (`__init__` where the class is
    called) of the top-level class `name`."""
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement if method is None else None
        if isinstance(statement, cst.ClassDef) and statement.name.value == name:
            wanted = method or "__init__"
            for item in cast(cst.IndentedBlock, statement.body).body:
                if isinstance(item, cst.FunctionDef) and item.name.value == wanted:
                    return item
    return None


def _ignored(ctx: PythonContext, call: cst.Call, table: list[Suppression]) -> bool:
    """Whether a comment suppresses ML601 on the line of `call` (where its finding is)."""
    line = ctx.position(call)[0][0]
    return any(
        (not s.lines or line in s.lines) and (not s.codes or "ML601" in s.codes) for s in table
    )


def _filled(ctx: PythonContext, call: cst.Call, spread: str, edited: bool) -> bool:
    """Whether the LangChain class `call` builds from `**spread` gets the provider's key where
    the caller gives none: apply's fill counts only where it edits `call` (`edited`)."""
    from migrate_llm.rules.clients import env_var_read, kwargs_of
    from migrate_llm.rules.framework_classes import any_framework_class
    from migrate_llm.rules.kwargs_fill import kwargs_fill

    cls = any_framework_class(ctx, call)
    given = next((a for a in reversed(call.args) if a.star == "**"), None)
    if cls is None or given is None or not isinstance(given.value, cst.Name):
        return False
    if given.value.value != spread:
        return False
    if edited and kwargs_fill(ctx, call, cls) is not None:
        return True
    mapping = kwargs_of(ctx, call)
    settled = mapping.settled if mapping is not None else frozenset()
    variable = cast(Provider, ctx.rules.provider).api_key_env
    for key in cls.key:
        value = mapping.entries.get(key) if mapping is not None and key in settled else None
        parts = [value] if value is not None else []
        while parts and isinstance(parts[-1], cst.BooleanOperation):
            last = cast(cst.BooleanOperation, parts.pop())
            parts += [last.left, last.right]
        if any((read := env_var_read(ctx, p)) is not None and read[0] == variable for p in parts):
            return True
    return False
