"""Calls of the project's own code in another module, which the rules of one module cannot
follow: a function or class imported by a relative import (`from .provider import get_llm`),
or by an absolute one of a module the project holds where Python looks for the file's top
package (`from pkg.provider import get_llm` in pkg/llm.py, `from gpt_researcher.llm_provider
import GenericLLMProvider` in gpt_researcher/utils/llm.py). Known from the file's path
(`PythonContext.path`); a text given alone knows only its relative imports."""

from __future__ import annotations

import functools
import os

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.import_reach import Imported, imports_any
from migrate_llm.import_reach import imported_file as imported_file  # read without libcst there
from migrate_llm.import_roots import package_root, project_holds_package
from migrate_llm.rules.python_context import PythonContext


def defined_here(ctx: PythonContext, call: cst.Call) -> cst.CSTNode | None:
    """The function or class of this module that `call` calls by its name."""
    if not isinstance(call.func, cst.Name):
        return None
    bound = ctx.bindings(call.func)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    return node if isinstance(node, (cst.FunctionDef, cst.ClassDef)) else None


def own_method(ctx: PythonContext, call: cst.Call) -> cst.FunctionDef | None:
    """The method that `call`, `self.X(...)` or `cls.X(...)`, calls: one the innermost class
    holding the call defines."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value in ("self", "cls")
    ):
        return None
    owner = next((a for a in reversed(ctx.ancestors(call)) if type(a) is cst.ClassDef), None)
    if owner is None or not isinstance(owner.body, cst.IndentedBlock):
        return None
    return next(
        (
            s
            for s in owner.body.body
            if isinstance(s, cst.FunctionDef) and s.name.value == func.attr.value
        ),
        None,
    )


def project_import(ctx: PythonContext, call: cst.Call) -> str | None:
    """The module that `call`'s callee (`get_llm`, `provider.get_llm`, `Provider.create`) is
    imported from, as the import names it (".provider", "pkg.provider"), where that is another
    module of the project; None for anything else (the module's own code, a library's)."""
    return project_module(ctx, call.func)


def project_module(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The module a name or dotted name (`Provider`, `provider.Provider`, a class's base) is
    imported from, where that is another module of the project (`project_import`)."""
    module = _imported_module(ctx, expr)
    if not module:
        return None
    if module.startswith("."):
        return module
    if ctx.path and _in_project(os.path.dirname(ctx.path), module.split(".")[0]):
        return module
    return None


# how many directories above a test module pytest's root may be (tests/unit/test_x.py)
_TEST_DEPTH = 3


def tested_module(ctx: PythonContext, call: cst.Call) -> str | None:
    """The module `call`'s callee is imported from (`project_import`), or, from a test
    module, by an absolute import of a package or module standing in a directory above it
    (or in its `src/`), up to `_TEST_DEPTH` levels: the root pytest runs from puts it on the
    path (d3's tests/test_usage.py importing `pkg.usage`, tests/ holding no `__init__.py`)."""
    found = project_import(ctx, call)
    if found is not None:
        return found
    module = _imported_module(ctx, call.func)
    if not module or module.startswith(".") or not ctx.path:
        return None
    top = module.split(".")[0]
    return module if _above(os.path.dirname(os.path.abspath(ctx.path)), top) else None


@functools.lru_cache(maxsize=1024)
def _above(directory: str, top: str) -> bool:
    """Whether a directory above `directory` (or it) holds the package or module `top`."""
    here = directory
    for _ in range(_TEST_DEPTH + 1):
        if any(
            os.path.isfile(os.path.join(here, *place))
            for place in ((top + ".py",), (top, "__init__.py"), ("src", top, "__init__.py"))
        ):
            return True
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return False


def own_package(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The top package a name or dotted name is imported from by an absolute import, where the
    project holds a package of that name anywhere in its tree (`project_holds_package`:
    pandas-ai's `pandasai_openai`, under extensions/, installed editable), else None."""
    module = _imported_module(ctx, expr)
    if not module or module.startswith(".") or not ctx.path:
        return None
    top = module.split(".")[0]
    return top if project_holds_package(os.path.dirname(ctx.path), top) else None


def imported_target(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The dotted name of what a name or dotted name is, by the import binding its root
    name, as the import names it: `from pkg import agent` ... `agent.Agent` is
    `pkg.agent.Agent`, `from .agent import Agent as Bot` ... `Bot` is `.agent.Agent`, `import
    pkg` ... `pkg.agent.Agent` is itself; None where no one import binds its root name."""
    chain: list[str] = []
    root = expr
    while isinstance(root, cst.Attribute):
        chain.append(root.attr.value)
        root = root.value
    if not isinstance(root, cst.Name):
        return None
    bound = ctx.bindings(root)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    statement = bound[0].node
    if isinstance(statement, cst.ImportFrom) and not isinstance(statement.names, cst.ImportStar):
        alias = next(
            (a for a in statement.names if (a.evaluated_alias or a.evaluated_name) == root.value),
            None,
        )
        if alias is None:
            return None
        module = ctx.code(statement.module) if statement.module is not None else ""
        dots = "." * len(statement.relative)
        head = f"{dots}{module}.{alias.evaluated_name}" if module else dots + alias.evaluated_name
    elif isinstance(statement, cst.Import):
        alias = next(
            (
                a
                for a in statement.names
                if (a.evaluated_alias or a.evaluated_name.split(".")[0]) == root.value
            ),
            None,
        )
        if alias is None:
            return None
        head = alias.evaluated_name if alias.asname is not None else root.value
    else:
        return None
    return ".".join([head, *reversed(chain)])


def _imported_module(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """The module (as its import names it, ".provider" or "pkg.provider") that the root name
    of `expr` is bound to by an import, or None."""
    func = expr
    while isinstance(func, cst.Attribute):
        func = func.value
    if not isinstance(func, cst.Name):
        return None
    bound = ctx.bindings(func)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    statement = bound[0].node
    if isinstance(statement, cst.ImportFrom):
        dots = "." * len(statement.relative)
        module = dots + (ctx.code(statement.module) if statement.module is not None else "")
    elif isinstance(statement, cst.Import):
        module = next(
            (
                ctx.code(a.name)
                for a in statement.names
                if (a.evaluated_alias or a.evaluated_name).split(".")[0] == func.value
            ),
            "",
        )
    else:
        return None
    return module


@functools.lru_cache(maxsize=1024)
def _in_project(directory: str, top: str) -> bool:
    """Whether a file in `directory` imports `top` from its project: `top` is its own top
    package, or a package or module beside that package (beside the file, for a file in no
    package), where Python looks first, or a package in `src/` there."""
    root, own = package_root(os.path.abspath(directory))
    return top == own or any(
        os.path.isfile(os.path.join(root, *place))
        # beside it, or in a src layout's `src/` beside it, which its tests put on the path
        # (pytest's `pythonpath`, `sys.path.insert`: graphiti's mcp_server tests, t54e D-G2)
        for place in ((top + ".py",), (top, "__init__.py"), ("src", top, "__init__.py"))
    )


def from_import(ctx: PythonContext, name: cst.Name) -> tuple[str, str, str] | None:
    """(leading dots, module, the name imported) of the `from M import N [as X]` that binds
    `name` where it is used (the same import repeated, as notebook cells do, counts as
    one); None for anything else."""
    bound = ctx.bindings(name)
    found = {_imported_as(ctx, b, name.value) for b in bound}
    return found.pop() if len(found) == 1 else None


def rebound_import(ctx: PythonContext, name: cst.Name) -> tuple[str, str, str] | None:
    """`from_import`'s answer where the module also binds the imported name again to a
    `functools.partial` of itself given keywords only (tree-of-thought-llm's bfs.py: `from
    tot.models import gpt`, then `global gpt; gpt = partial(gpt, model=args.backend)`): a
    call through it gives the same function its arguments at the same positions, and a
    keyword it gives wins over the partial's. Only ML111's tracing of a request's arguments
    asks it (`imported_params(rebound=True)`); None where any other binding reaches `name`
    (a local rebinding reads the local name, which the import does not bind)."""
    found = set()
    for binding in ctx.bindings(name):
        imported = _imported_as(ctx, binding, name.value)
        if imported is not None:
            found.add(imported)
        elif not _partial_of_itself(ctx, binding, name.value):
            return None
    return found.pop() if len(found) == 1 else None


def _partial_of_itself(ctx: PythonContext, binding: object, name: str) -> bool:
    """Whether `binding` is `name = partial(name, k=v, ...)` (`functools.partial`, keywords
    only: a positional argument would move the call's own)."""
    if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
        return False
    value = ctx.index.assigned.get(id(binding.node))
    if not isinstance(value, cst.Call) or not value.args:
        return False
    first, *rest = value.args
    return (
        "functools.partial" in ctx.qualnames(value.func)
        and first.keyword is None
        and not first.star
        and isinstance(first.value, cst.Name)
        and first.value.value == name
        and all(a.keyword is not None and not a.star for a in rest)
    )


def _imported_as(ctx: PythonContext, binding: object, name: str) -> tuple[str, str, str] | None:
    """`from_import`'s answer for one binding of `name` (None: no such import)."""
    statement = binding.node if isinstance(binding, Assignment) else None
    if not isinstance(statement, cst.ImportFrom) or isinstance(statement.names, cst.ImportStar):
        return None
    for alias in statement.names:
        if alias.evaluated_alias == name or (alias.asname is None and alias.evaluated_name == name):
            dots = "." * len(statement.relative)
            module = ctx.code(statement.module) if statement.module is not None else ""
            return dots, module, alias.evaluated_name
    return None


def bound_module(ctx: PythonContext, name: cst.Name) -> tuple[str, str] | None:
    """(leading dots, module) of the module `name` is bound to by an import: `import config`,
    `import app.config as config`, `from app import config` (a module of its package, where
    the project holds it: `imported_file`); None for anything else."""
    imported = from_import(ctx, name)
    if imported is not None:
        dots, module, member = imported
        return dots, f"{module}.{member}" if module else member
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    statement = bound[0].node
    if not isinstance(statement, cst.Import):
        return None
    for alias in statement.names:
        full = alias.evaluated_name
        if alias.evaluated_alias == name.value or (alias.asname is None and full == name.value):
            return "", full
    return None


def imports_any_file(ctx: PythonContext, files: list[str]) -> bool:
    """Whether the module imports one of the project's `files` (named as `PythonContext.path`
    is: `import_reach.imports_any`, also inside a function)."""
    return imports_any(module_imports(ctx), ctx.path, files)


def module_imports(ctx: PythonContext) -> list[Imported]:
    """Each import of the module, as `imports_any` reads them (also inside a function)."""
    found: list[Imported] = []
    for node in ctx.nodes:
        if type(node) is cst.Import:
            found += [("", ctx.code(alias.name), []) for alias in node.names]
        elif type(node) is cst.ImportFrom:
            module = ctx.code(node.module) if node.module is not None else ""
            names = [] if isinstance(node.names, cst.ImportStar) else node.names
            found.append(("." * len(node.relative), module, [a.evaluated_name for a in names]))
    return found


def runs_first(ctx: PythonContext, file: str) -> bool:
    """Whether the project's module `file` (named as `PythonContext.path` is) runs before
    the module wherever it is imported: it imports it (`imports_any_file`), or `file` is the
    `__init__.py` of a package holding it."""
    directory, _, base = file.replace("\\", "/").rpartition("/")
    held = base == "__init__.py" and ctx.path.replace("\\", "/").startswith(directory + "/")
    return held or imports_any_file(ctx, [file])
