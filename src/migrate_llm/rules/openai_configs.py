"""Settings dicts given to a class named like OpenAI that no table knows.

vanna's `OpenAI_Chat(config={"api_key": key, "model": "gpt-4o"})`, or a class of the project
deriving from one (`class MyVanna(ChromaDB_VectorStore, OpenAI_Chat)`, then `MyVanna(config=
{...})`): the class builds its own client from the dict, at OpenAI's URL unless the dict says
otherwise, and `apply` does not rewrite it. The key there stays OpenAI's (ML401 leaves it, as
for `OpenAILlmService(api_key=key)`), and so does the model (ML206): the provider's key or
model would go to OpenAI (t56e D1). The dict is a display or `dict(...)` given as an argument,
itself or through a name bound to it.

"Named like OpenAI" is ML401's test for a key keyword (`key_destinations.foreign_user`): the
name as imported holds "openai", and it is neither the SDK's nor a framework table's. Here
also a class (a capitalised name), not the project's own (`project_calls`: chatgpt-telegram-
bot's `OpenAIHelper(config=...)`, whose code apply migrates where it is written), and for a
class of the project, its bases at any depth: in its module, and in the project's modules it
imports them from by name (`class MyVanna(Base)`, `Base` deriving from `OpenAI_Chat`; or
`from myvanna import MyVanna`). Key and model are judged by the same class (`openai_base`), so
they stay or move together; a module of the chain that cannot be read leaves the class the
project's own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.modules import framework_names
from migrate_llm.rules.project_calls import from_import, own_package, project_module
from migrate_llm.rules.project_classes import project_class
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# what the name test leaves out: the SDK's clients and every class the framework tables name
_KNOWN = frozenset(sdk.CLIENT_CLASSES) | framework_names()
# words of an argument or entry naming where the class sends its requests
_URL_WORDS = ("url", "base", "host", "endpoint")


@dataclass(frozen=True)
class ConfigTaker:
    """The construction a settings dict is given to (`openai_config_taker`): `call`, the
    argument holding the dict (or the name bound to it) `arg`, and for a class of the
    module, the base named like OpenAI it derives from (`base`, as written)."""

    call: cst.Call
    arg: cst.Arg
    base: str = ""

    @property
    def place(self) -> str:
        """How messages name the dict's argument: `config`, or `argument 1`."""
        if self.arg.keyword is not None:
            return self.arg.keyword.value
        index = next(i for i, a in enumerate(self.call.args) if a is self.arg)
        return f"argument {index + 1}"

    def given(self, ctx: PythonContext) -> str:
        """How messages name the dict's place: `config=` or `argument 1`."""
        return f"{self.place}=" if self.arg.keyword is not None else self.place

    def what(self, ctx: PythonContext) -> str:
        """What messages say of the class: named like OpenAI, or deriving from one."""
        return openai_class_words(self.base)


def openai_class_words(base: str) -> str:
    """What messages say of a class named like OpenAI (`base` "") or of a class of the
    project deriving from one (`base`, as its module writes it), not rewritten by migrate-llm."""
    if base:
        return (
            f"a class of the project deriving from {base}, which is named like OpenAI and not "
            "rewritten by migrate-llm"
        )
    return "named like OpenAI and not rewritten by migrate-llm"


def named_like_openai(ctx: PythonContext, func: cst.BaseExpression) -> bool:
    """Whether `func` (a callee or a base) names a class named like OpenAI that neither the
    SDK nor the framework tables know and that is not the project's own (nor this module's)."""
    last = last_name(func) or ""
    named = ctx.index.import_aliases.get(last, last)
    if "openai" not in named.lower() or not named.rsplit(".", 1)[-1][:1].isupper():
        return False
    if ctx.qualnames(func) & _KNOWN:
        return False
    if isinstance(func, cst.Name) and any(
        isinstance(getattr(b, "node", None), cst.ClassDef) for b in ctx.bindings(func)
    ):
        return False  # the module's own class: its code is migrated where it is written
    return project_module(ctx, func) is None and own_package(ctx, func) is None


def openai_base(ctx: PythonContext, call: cst.Call) -> str:
    """For a call of a class of the project deriving from a class named like OpenAI
    (`named_like_openai`), through bases of its module or of the project's modules it imports
    them from, at any depth: the first such base, as its module writes it; "" for anything
    else (and where a module of the chain cannot be read). The class called by its name, or
    as an attribute of a module of the project (`myvanna.MyVanna`)."""
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        root = func.value
    elif isinstance(func, cst.Name):
        root = func
    else:
        return ""
    # by what binds the name: each class, or each import of one, is followed once a module
    bound = (ctx.code(func), *(id(getattr(b, "node", None)) for b in ctx.bindings(root)))
    found = cast("dict[tuple[object, ...], str]", ctx.analyses.setdefault(openai_base, {}))
    if bound not in found:
        if isinstance(func, cst.Name):
            found[bound] = _class_base(ctx, func, set())
        else:
            module = _module_named(ctx, root)
            named = func.attr.value
            found[bound] = _module_class_base(ctx, module, named, set()) if module else ""
    return found[bound]


def _module_named(ctx: PythonContext, name: cst.Name) -> str:
    """The project's module `name` is bound to by an import (`import myvanna`, `from pkg
    import kits`), as its import names it ("myvanna", "pkg.kits"); "" for anything else."""
    module = project_module(ctx, name)
    if module is None:
        return ""
    imported = from_import(ctx, name)
    if imported is None:
        return module
    dots, within, imported_name = imported
    return dots + (f"{within}.{imported_name}" if within else imported_name)


def _class_base(ctx: PythonContext, name: cst.Name, seen: set[tuple[str, str]]) -> str:
    """`openai_base` of the class `name` refers to: one of the module, or one imported by
    name from a module of the project (`seen`: the classes followed, a guard on cycles)."""
    bound = ctx.bindings(name)
    defined = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
    if isinstance(defined, cst.ClassDef):
        return _bases_base(ctx, defined, seen)
    imported = from_import(ctx, name) if project_module(ctx, name) else None
    if imported is None:
        return ""
    dots, module, imported_name = imported
    return _module_class_base(ctx, dots + module, imported_name, seen)


def _module_class_base(
    ctx: PythonContext, module: str, name: str, seen: set[tuple[str, str]]
) -> str:
    """`openai_base` of the class `name` of the project's module that the module of `ctx`
    imports as `module` (".kits", "myvanna"): defined there, or imported there by name from
    another module of the project (a package's `__init__.py` re-exporting it)."""
    found = project_class(ctx, module, name, lambda other, k: _bases_base(other, k, seen), seen)
    return found or ""


def _bases_base(ctx: PythonContext, klass: cst.ClassDef, seen: set[tuple[str, str]]) -> str:
    """`openai_base` of the class `klass` of the module of `ctx`: a base named like OpenAI,
    else the first found through its bases that are classes of the project."""
    here = (os.path.abspath(ctx.path) if ctx.path else "", klass.name.value)
    if here in seen:
        return ""
    seen.add(here)
    bases = [b.value for b in klass.bases if b.keyword is None and not b.star]
    for base in bases:
        if named_like_openai(ctx, base):
            return ctx.code(base)
    for base in bases:
        if isinstance(base, cst.Name) and (found := _class_base(ctx, base, seen)):
            return found
    return ""


def openai_config_taker(ctx: PythonContext, holder: cst.CSTNode) -> ConfigTaker | None:
    """The construction of a class named like OpenAI, or of a class of the module deriving
    from one, that the settings dict `holder` (a display, or a `dict(...)` call) is given to
    as an argument (not `**`), itself or through a name bound to it; None where none is."""
    if isinstance(holder, cst.Call) and not builtin_dict(ctx, holder):
        return None
    if not isinstance(holder, (cst.Dict, cst.Call)):
        return None
    for arg, call in dict_given_as(ctx, holder):
        if named_like_openai(ctx, call.func):
            return ConfigTaker(call, arg)
        base = openai_base(ctx, call)
        if base:
            return ConfigTaker(call, arg, base)
    return None


def entry_write_taker(ctx: PythonContext, assign: cst.Assign) -> ConfigTaker | None:
    """For `cfg["api_key"] = value` (a key entry), where `cfg` is bound once to a settings
    dict (a display or `dict(...)`): that dict's `openai_config_taker`."""
    settings = written_settings(ctx, assign)
    return openai_config_taker(ctx, settings) if settings is not None else None


def written_settings(ctx: PythonContext, assign: cst.Assign) -> cst.Dict | cst.Call | None:
    """The dict (a display or `dict(...)`) that `cfg` is bound to once, for `cfg["api_key"] =
    value` (a key entry); None for anything else."""
    entry = written_entry(assign)
    if entry is None or entry[1].lower() not in sdk.KEY_ENTRY_NAMES:
        return None
    return bound_settings(ctx, entry[0])


def written_entry(assign: cst.Assign) -> tuple[cst.Name, str] | None:
    """For `cfg["name"] = value`: the name `cfg` and the entry's name; None otherwise."""
    if len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not (isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name)):
        return None
    index = target.slice[0].slice if len(target.slice) == 1 else None
    if not isinstance(index, cst.Index) or (entry := string_value(index.value)) is None:
        return None
    return target.value, entry


def bound_settings(ctx: PythonContext, name: cst.Name) -> cst.Dict | cst.Call | None:
    """The dict (a display or `dict(...)`) that `name`, where it is used, is bound to once;
    None for anything else."""
    bound = [n for b in ctx.bindings(name) if (n := getattr(b, "node", None)) is not None]
    if len(bound) != 1:
        return None
    target = bound[0]
    above = ctx.ancestors(target)
    statement = above[-2] if len(above) >= 2 else None  # the Assign over its AssignTarget
    if not (
        isinstance(statement, cst.Assign)
        and len(statement.targets) == 1
        and statement.targets[0].target is target
        and isinstance(statement.value, (cst.Dict, cst.Call))
    ):
        return None
    return statement.value


def points_elsewhere(ctx: PythonContext, taker: ConfigTaker, holder: cst.CSTNode) -> bool:
    """Whether the construction, or the dict it is given, holds something that may be a base
    URL (a keyword or entry naming a URL, base, host or endpoint, not None; a URL written as
    an argument; a `**mapping`): then nothing shows it talks to OpenAI."""
    pairs: list[tuple[str, cst.BaseExpression]] = []
    for arg in taker.call.args:
        if arg.star:
            return True
        pairs.append((arg.keyword.value if arg.keyword is not None else "", arg.value))
    if isinstance(holder, cst.Dict):
        for element in holder.elements:
            if not isinstance(element, cst.DictElement):
                return True
            pairs.append((string_value(element.key) or "", element.value))
    elif isinstance(holder, cst.Call):
        for arg in holder.args:
            if arg.star:
                return True
            pairs.append((arg.keyword.value if arg.keyword is not None else "", arg.value))
    for name, value in pairs:
        name = name.lower()
        if "://" in (string_value(value) or ""):
            return True
        url = name in sdk.URL_ENTRY_NAMES or any(word in name for word in _URL_WORDS)
        if url and not (isinstance(value, cst.Name) and value.value == "None"):
            return True
    return False


def builtin_dict(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is the builtin `dict(...)` (the module binds no other `dict`)."""
    func = call.func
    return (
        isinstance(func, cst.Name)
        and func.value == "dict"
        and all(getattr(b, "node", None) is None for b in ctx.bindings(func))
    )


def dict_given_as(
    ctx: PythonContext, holder: cst.Dict | cst.Call, spread: bool = False
) -> list[tuple[cst.Arg, cst.Call]]:
    """(argument, call) for each call `holder` is given to as an argument: itself, or a name
    bound to it (`CONFIG = {...}` at the module's top or in a function) where it is used;
    with `spread`, also as a `**` argument (`f(**CONFIG)`)."""
    stars = ("", "**") if spread else ("",)
    ancestors = ctx.ancestors(holder)
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Arg) and parent.value is holder and parent.star in stars:
        call = ancestors[-2] if len(ancestors) >= 2 else None
        return [(parent, call)] if isinstance(call, cst.Call) else []
    if not (
        isinstance(parent, cst.Assign)
        and parent.value is holder
        and len(parent.targets) == 1
        and isinstance(target := parent.targets[0].target, cst.Name)
    ):
        return []
    scope = ctx.scope(target)
    if scope is None:
        return []
    found: list[tuple[cst.Arg, cst.Call]] = []
    for assignment in scope.assignments[target.value]:
        if getattr(assignment, "node", None) is not target:
            continue
        for access in assignment.references:
            above = ctx.ancestors(access.node)
            if (
                len(above) >= 2
                and isinstance(arg := above[-1], cst.Arg)
                and arg.value is access.node
                and arg.star in stars
                and isinstance(call := above[-2], cst.Call)
            ):
                found.append((arg, call))
    found.sort(key=lambda pair: ctx.span(pair[1]).start)
    return found
