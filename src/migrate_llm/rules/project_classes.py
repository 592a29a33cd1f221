"""A class a module imports by name from another module of its project, read there.

vanna's `from myvanna import MyVanna` (`openai_configs`), private-gpt's `from
private_gpt.components.llm.custom.openailike import PatchedOpenAILikeLLM` (`llamaindex_requests`):
the class statement is in the other module, or that module imports the name in turn from a
third (a package's `__init__.py` re-exporting it). The modules are read once for the run
(`reread.read_once`); one that cannot be read or parsed answers None.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import libcst as cst

from migrate_llm.lm_subclasses import MAX_BYTES, imported_module_file
from migrate_llm.reread import cst_context, read_once
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.textio import UnreadableFile, python_parsed

T = TypeVar("T")


def project_class(
    ctx: PythonContext,
    module: str,
    name: str,
    read: Callable[[PythonContext, cst.ClassDef], T | None],
    seen: set[tuple[str, str]] | None = None,
) -> T | None:
    """`read` of the class `name` of the project's module that the module of `ctx` imports as
    `module` (".kits", "myvanna"), given that module's context: defined there, or imported
    there by name from another module of the project, followed (`seen`: the (file, name)
    pairs looked at, a guard on cycles). None where none is found."""
    seen = set() if seen is None else seen
    if not ctx.path:
        return None
    path = imported_module_file(os.path.dirname(os.path.abspath(ctx.path)), module)
    if path is None or (path, name) in seen:
        return None
    try:
        parsed = python_parsed(read_once(path, MAX_BYTES))
    except UnreadableFile:
        parsed = None
    if parsed is None:
        return None
    with cst_context(parsed[0], ctx.rules, path) as other:
        if other is None:
            return None
        for statement in other.module.body:
            if isinstance(statement, cst.ClassDef) and statement.name.value == name:
                return read(other, statement)
        seen.add((path, name))
        for line in other.module.body:
            for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
                    continue
                for alias in small.names:
                    if (alias.evaluated_alias or alias.evaluated_name) == name:
                        within = other.code(small.module) if small.module is not None else ""
                        dots = "." * len(small.relative)
                        return project_class(other, dots + within, alias.evaluated_name, read, seen)
    return None
