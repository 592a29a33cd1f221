"""The models a project's modules give a parameter of another module's function or method
that sends it as a request's model, for the rules of that module.

shell_gpt's app.py takes `model` with its config's default (`typer.Option(cfg.get(
"DEFAULT_MODEL"))`) and hands it, with `temperature` and `top_p`, to `Handler.handle()` in
another module, whose request sends the three (t56f S1): the rules of the handler's module
see parameters only, so ML115 said nothing of a temperature the mapped Kimi model rejects.
The run already knows the parameters of a project's functions (and of the methods of its
classes) that reach a request's model (`RunFacts.wrapper_params`); the modules the rules
read that may call one of those (`may_call`) are read again (`caller_models`), and the model
each call gives it goes into the project's facts (`RunFacts.caller_models`) for the module
sending it (`rules.default_models.handed_default`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.env_read_calls import LOOKUP_TAILS, reads_any
from migrate_llm.import_reach import imported_file
from migrate_llm.rare_bytes import literal_search
from migrate_llm.reread import cst_context
from migrate_llm.textio import python_parsed, python_tree

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# a module larger than this is not read again
MAX_BYTES = 256 * 1024
# how many classes deep a class inheriting a method is followed to the one defining it
_HOPS = 4
# a parameter or keyword named for a model (`model`, `llm_model`, `model_name`, `model_id`;
# not `model_dir` nor `model_type`) given a string, or a config or environment read (a lookup
# of the env-reader table, decouple's `config(` too: `env_read_calls`), also through a typer
# option (`model: str = typer.Option(cfg.get("DEFAULT_MODEL"))`), led by its literal (see
# `prefilter`)
_GIVES_MODEL = tuple(
    (
        literal_search(word),
        re.compile(
            word + suffix + rb"\b[ \t]*(?::[^=\n]{0,60})?=[ \t]*"
            rb"(?:\w+\.(?:Option|Argument)\(\s*)?"
            rb"(?:[\"'][\w.:/-]+[\"']|[\w.]+\.get\(|[\w.]*environ|[\w.]*" + LOOKUP_TAILS + rb"\()"
        ),
    )
    for word, suffix in ((b"model", rb"(?:_name|_id)?"), (b"MODEL", rb"(?:_NAME|_ID)?"))
)


class CallerModel(NamedTuple):
    """A model a call in the module `caller` (as messages show it) gives the parameter `param`
    of the function `function` (a method of the class `owner`, "" for a top-level function) of
    the module `module` (as `PythonContext.path` gives it), which sends it as a request's
    model: `model`, the string it is ("" where it is not known); `label`, where it is the
    default of a parameter of the caller's function, that parameter (`model of main() in
    app.py`), else ""."""

    module: str
    owner: str
    function: str
    param: str
    model: str
    label: str
    caller: str


def may_pass_model(data: bytes) -> bool:
    """Whether a module's bytes may give a model as a parameter's default or an argument
    (`def main(prompt, model="kimi-k2.6")`): what a caller the prefilter rules out must do for
    `caller_models` to read it."""
    # a loop, not any() over a generator: most modules of a large tree are asked
    for held, search in _GIVES_MODEL:  # noqa: SIM110
        if held(data) is not None and reads_any(search, data):
            return True
    return False


def may_call(data: bytes, names: Iterable[str]) -> bool:
    """Whether a module's bytes may import and call one of `names` (the functions sending a
    parameter as a request's model, `complete`, or such methods, `.handle`)."""
    return b"import" in data and any(f"{name}(".encode() in data for name in names)


def inherited_owners(
    module: str,
    data: bytes,
    methods: Mapping[tuple[str, str], frozenset[str]],
    files: set[str],
    read: Callable[[str], bytes | None],
) -> tuple[dict[str, tuple[str, str]], list[bytes]]:
    """The classes a module's bytes import by name from another module of the project
    (`files`, as `PythonContext.path` names them) and call a method of on an instance the
    call makes, that inherit that method, unchanged, from a class defining one that sends a
    parameter as a request's model (`methods`: by (module, class), its methods sending one):
    shell_gpt's app.py calls `DefaultHandler(role, md).handle(model=model, ...)`, its class a
    subclass in handlers/default_handler.py of `Handler` in handlers/handler.py. By the name
    the module calls it: (the module defining that class, the class); with the bytes of the
    modules read to find them (`read`: a module's bytes by its name). A class is followed
    through its first base, a class of its own module or one imported by name, `_HOPS` deep."""
    tree = python_tree(data)
    if tree is None:
        return {}, []
    wanted = {m for found in methods.values() for m in found}
    called: dict[str, set[str]] = {}  # by imported name, the methods called on an instance
    for node in ast.walk(tree):
        func = node.func if isinstance(node, ast.Call) else None
        if (
            isinstance(func, ast.Attribute)
            and func.attr in wanted
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
        ):
            called.setdefault(func.value.func.id, set()).add(func.attr)
    found: dict[str, tuple[str, str]] = {}
    consulted: list[bytes] = []
    imports = _imported_names(tree)
    for name, used in called.items():
        if name not in imports:
            continue
        where = module
        dots, source, cls = imports[name]
        for _ in range(_HOPS):
            target = imported_file(where, dots, source, files)
            if len(target) != 1:
                break
            where = target.pop()
            if (where, cls) in methods:
                if used & methods[(where, cls)]:
                    found[name] = (where, cls)
                break
            held = read(where)
            tree_there = python_tree(held) if held is not None else None
            if held is None or tree_there is None:
                break
            consulted.append(held)
            step = _first_base(tree_there, cls, used)
            if step is None:
                break
            base, local = step
            if local:  # a class of the same module
                if (where, base) in methods and used & methods[(where, base)]:
                    found[name] = (where, base)
                break
            imported_there = _imported_names(tree_there)
            if base not in imported_there:
                break
            dots, source, cls = imported_there[base]
    return found, consulted


def _imported_names(tree: ast.Module) -> dict[str, tuple[str, str, str]]:
    """(leading dots, module, name) of each name a module's top-level `from M import N [as
    X]` binds, by the name bound."""
    found: dict[str, tuple[str, str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                found[alias.asname or alias.name] = (
                    "." * node.level,
                    node.module or "",
                    alias.name,
                )
    return found


def _first_base(tree: ast.Module, cls: str, used: set[str]) -> tuple[str, bool] | None:
    """The first base of the top-level class `cls`, a plain name, and whether the module
    defines it; None where there is none, or the class defines one of the methods `used`."""
    defined = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    node = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls), None)
    if node is None or not node.bases or not isinstance(node.bases[0], ast.Name):
        return None
    own = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if own & used:
        return None
    base = node.bases[0].id
    return base, base in defined


def caller_models(
    module: str,
    shown: str,
    data: bytes,
    rules: RuleContext,
    inherited: Mapping[str, tuple[str, str]] | None = None,
) -> list[CallerModel]:
    """The models the calls of a module's bytes give the parameters of another module's
    functions that a request sends as its model (`rules.facts.wrapper_params`, read by
    `imported_wrappers.imported_params`), also of a method a class it imports inherits
    (`inherited`, from `inherited_owners`); none where it cannot be read or parsed."""
    if len(data) > MAX_BYTES:
        return []
    read = python_parsed(data)
    if read is None:
        return []
    import libcst as cst

    from migrate_llm.rules.default_models import given_models
    from migrate_llm.rules.imported_wrappers import imported_params

    found: dict[CallerModel, None] = {}
    with cst_context(read[0], rules, module) as ctx:
        if ctx is None:
            return []
        for node in ctx.nodes:
            if type(node) is not cst.Call:
                continue
            for arg, param in imported_params(ctx, node, inherited=inherited or {}):
                if not param.model or param.entry:
                    continue
                for text, label in given_models(ctx, arg.value):
                    shown_label = f"{label} in {shown}" if label else ""
                    entry = CallerModel(
                        param.module,
                        param.owner,
                        param.function,
                        param.param,
                        text,
                        shown_label,
                        shown,
                    )
                    found[entry] = None
    return list(found)
