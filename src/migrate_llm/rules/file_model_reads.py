"""A request's model read from a settings file the module loads (`model=cfg["model"]`, `cfg =
json.load(open("settings.json"))`): the model that file's entry sends once migrated
(`RunFacts.config_file_models`, `file_models`), for ML115 (t60d D1)."""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment, GlobalScope

from migrate_llm.file_models import FileModel, entry_models
from migrate_llm.file_settings import loaded_files
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.textio import python_tree


class FileModelRead(NamedTuple):
    """A read of a settings file's model entry: the file's path as the loader writes it
    (`settings.json`), the entry's keys joined by `.`, and what the project's file it names
    gives there (`entry_models`: one, or the same entry of several equally near)."""

    file: str
    entry: str
    models: list[FileModel]


def file_model_read(ctx: PythonContext, expr: cst.BaseExpression) -> FileModelRead | None:
    """What `expr` reads where it is an entry of a module-level name bound once to a settings
    file's loader (`file_settings.loaded_files`): `cfg["model"]`, `cfg["llm"]["model"]`,
    `cfg.get("model"[, default])` (the file's entry wins over the default); None for anything
    else, or where the project's files of that name give no model there."""
    models = ctx.rules.facts.config_file_models
    if not models:
        return None
    keys: list[str] = []
    while True:
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
            index = expr.slice[0].slice
            key = string_value(index.value) if isinstance(index, cst.Index) else None
            holder = expr.value
        elif (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "get"
            and 1 <= len(expr.args) <= 2
            and all(a.keyword is None and not a.star for a in expr.args)
        ):
            key, holder = string_value(expr.args[0].value), expr.func.value
        else:
            return None
        if key is None:
            return None
        keys.insert(0, key)
        if isinstance(holder, cst.Name):
            break
        expr = holder
    file = _loaded(ctx).get(holder.value)
    if file is None or not _module_level(ctx, holder):
        return None
    entry = ".".join(keys)
    found = entry_models(models, ctx.path, file, entry)
    return FileModelRead(file, entry, found) if found else None


def _loaded(ctx: PythonContext) -> dict[str, str]:
    """`loaded_files` of the module (the paths as written), found once."""
    found = ctx.analyses.get(_loaded)
    if found is None:
        tree = python_tree(ctx.text.encode("utf-8"))
        found = {} if tree is None else loaded_files(tree, whole=True)
        ctx.analyses[_loaded] = found
    return found  # type: ignore[return-value]


def _module_level(ctx: PythonContext, name: cst.Name) -> bool:
    """Whether `name` is bound only once, at the module's level."""
    bound = ctx.bindings(name)
    return (
        len(bound) == 1
        and isinstance(bound[0], Assignment)
        and isinstance(bound[0].scope, GlobalScope)
    )
