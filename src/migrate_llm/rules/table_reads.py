"""Reads of an entry of a project's table of defaults that a config module holds.

shell_gpt's handler builds its client from `base_url = cfg.get("API_BASE_URL")`, passing
`None if base_url == "default" else base_url`, with `cfg` imported from its config module,
whose table gives that entry a default (`config_tables`, `RunFacts.config_defaults`). Where
the read is `obj.get("KEY")` or `obj["KEY"]` (also through a name bound once to it) and `obj`
is imported from the project's module holding the table (`from ..config import cfg`, `from
app import config` then `config.cfg`) or is this module's own, the value the read takes when
nothing at run time (an environment variable, the user's file) overrides it is the entry's
default; a choice `x if test else y` testing it (`== "default"`, `is None`, its truth) is
followed to the branch that default selects (`default_route`). A read through such an
object whose class's `get` raises where the value is empty (shell_gpt's `if not value: raise
UsageError(...)`) is never None, whatever key it reads (`raising_read`).

A setting a config module binds at its level to a read with a URL as its default
(`config_tables.module_settings`:
chatgpt-telegram-bot's `openrouter_api_base = config_yaml.get("openrouter_api_base",
"https://openrouter.ai/api/v1")`), read as an attribute of that module imported (`import
config`, `from app import config`, then `config.openrouter_api_base`) or as a name imported
from it (`from app.config import openrouter_api_base`), takes the setting's default where the
program's settings do not change it (`module_setting`), unless this module assigns it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment, GlobalScope

from migrate_llm.config_tables import TableDefault
from migrate_llm.file_settings import FileSetting
from migrate_llm.rules.project_calls import bound_module, from_import, imported_file
from migrate_llm.rules.python_context import PythonContext, string_value

# what follows an object's name where the code changes it: an item written or deleted, a
# call changing it in place
_CHANGE = (
    r"(?:\s*\[[^\]\n]*\]\s*(?:=(?!=)|[-+*/|&]=)"
    r"|\s*\.\s*(?:update|setdefault|pop|popitem|clear|__setitem__)\s*\()"
)


class TableRoute(NamedTuple):
    """Where a value reading an entry of a table of defaults goes by default: `entry`, the
    entry it reads; `read`, the read as the module writes it (`cfg.get("API_BASE_URL")`);
    `value`, the string it takes by default (None: the value is None, as in `None if base_url
    == "default" else base_url`)."""

    entry: TableDefault
    read: cst.BaseExpression
    value: str | None


def default_route(ctx: PythonContext, expr: cst.BaseExpression) -> TableRoute | None:
    """Where `expr` goes by default, where it is an entry's read or a choice testing one
    (see the module's docstring); None for anything else, or where the project holds no
    table."""
    if not ctx.rules.facts.config_defaults:
        return None
    value = _held(ctx, expr)
    read = table_entry(ctx, value)
    if read is not None:
        entry, node = read
        return TableRoute(entry, node, entry.default) if entry.default is not None else None
    if not isinstance(value, cst.IfExp):
        return None
    tested = _tested(ctx, value.test)
    if tested is None:
        return None
    entry, node, outcome = tested
    chosen = value.body if outcome else value.orelse
    if isinstance(chosen, cst.Name) and chosen.value == "None":
        return TableRoute(entry, node, None)
    text = string_value(chosen)
    if text is not None:
        return TableRoute(entry, node, text)
    again = table_entry(ctx, _held(ctx, chosen))
    if again is not None and again[0] == entry and entry.default is not None:
        return TableRoute(entry, node, entry.default)
    return None


def table_entry(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[TableDefault, cst.BaseExpression] | None:
    """The entry `expr` reads (`cfg.get("KEY")`, `cfg["KEY"]`, `config.cfg.get("KEY")`), with
    the read; None for anything else."""
    key: str | None = None
    holder: cst.BaseExpression | None = None
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and len(expr.args) == 1
        and expr.args[0].keyword is None
        and not expr.args[0].star
    ):
        key, holder = string_value(expr.args[0].value), expr.func.value
    elif (
        isinstance(expr, cst.Subscript)
        and len(expr.slice) == 1
        and isinstance(expr.slice[0].slice, cst.Index)
    ):
        key, holder = string_value(expr.slice[0].slice.value), expr.value
    if key is None or holder is None:
        return None
    entries = [e for e in ctx.rules.facts.config_defaults if e.key == key]
    if not entries or _changed_here(ctx, holder):
        return None
    found = _holder_entries(ctx, holder, entries)
    return (found[0], expr) if len(found) == 1 else None


def raising_read(ctx: PythonContext, expr: cst.BaseExpression) -> TableDefault | None:
    """An entry of the table the object `expr` reads holds, where `expr` is `obj.get("KEY")`
    (any key, through a name bound once to it) and the object's class's `get` raises where
    the value is empty (`TableDefault.raises`: shell_gpt's `cfg.get("OPENAI_API_KEY")` never
    returns None); None for anything else."""
    expr = _held(ctx, expr)
    if not (
        ctx.rules.facts.config_defaults
        and isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and len(expr.args) == 1
        and expr.args[0].keyword is None
        and not expr.args[0].star
    ):
        return None
    entries = [e for e in ctx.rules.facts.config_defaults if e.table and e.raises]
    found = _holder_entries(ctx, expr.func.value, entries) if entries else []
    return found[0] if found else None


def _changed_here(ctx: PythonContext, holder: cst.BaseExpression) -> bool:
    """Whether this module may change the object `holder` names (`cfg["KEY"] = ...`,
    `cfg.update(...)`, also on `config.cfg`): its text is searched for such a write."""
    shown = re.escape(ctx.code(holder))
    return re.search(r"(?<![\w.])" + shown + _CHANGE, ctx.text) is not None


def module_setting(ctx: PythonContext, expr: cst.BaseExpression) -> TableRoute | None:
    """Where a setting of a config module of the project (see the module's docstring) goes by
    default, for `expr` reading it: `config.X`, or `X` imported from that module; None for
    anything else."""
    settings = [e for e in ctx.rules.facts.config_defaults if not e.table]
    read = _setting_read(ctx, expr) if settings else None
    if read is None:
        return None
    name, module = read
    if re.search(_ASSIGNED.format(re.escape(ctx.code(expr))), ctx.text):
        return None
    named = [e for e in settings if e.key == name]
    files = imported_file(ctx.path, *module, {e.module for e in named}) if named else set()
    found = [e for e in named if e.module in files]
    return TableRoute(found[0], expr, found[0].default) if len(found) == 1 else None


def file_setting(ctx: PythonContext, expr: cst.BaseExpression) -> FileSetting | None:
    """The setting a config module of the project reads from a settings file it loads
    (`RunFacts.config_file_settings`: chatgpt-telegram-bot's `openai_api_base =
    config_yaml.get("openai_api_base", None)`) that `expr` reads, as `module_setting` finds
    one: `config.X`, or `X` imported from that module; None for anything else."""
    settings = ctx.rules.facts.config_file_settings
    read = _setting_read(ctx, expr) if settings else None
    if read is None:
        return None
    name, module = read
    named = [s for s in settings if s.name == name]
    if not named:
        return None
    files = imported_file(ctx.path, *module, {s.module for s in named})
    found = [s for s in named if s.module in files]
    return found[0] if len(found) == 1 else None


def _setting_read(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[str, tuple[str, str]] | None:
    """(the setting's name, (leading dots, module)) for `expr` reading a module's setting:
    `config.X` of an imported module, or `X` imported from one; None for anything else."""
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        name, module = expr.attr.value, bound_module(ctx, expr.value)
    elif isinstance(expr, cst.Name):
        imported = from_import(ctx, expr)
        name, module = expr.value, imported[:2] if imported is not None else None
    else:
        return None
    return (name, module) if module is not None else None


# an assignment to the value a module reads (`config.base = ...`, `base = ...`), as its text
# shows it (`{}`: the value as written)
_ASSIGNED = r"(?m)(?<![\w.]){}\s*(?::[^=\n]*)?=(?!=)"


def _held(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """The value a name is bound to once (`base_url = cfg.get(...)`), else `expr`."""
    if isinstance(expr, cst.Name):
        bound = ctx.bound_value(expr)
        if bound is not None:
            return bound
    return expr


def _tested(
    ctx: PythonContext, test: cst.BaseExpression
) -> tuple[TableDefault, cst.BaseExpression, bool] | None:
    """(the entry, its read, the test's outcome by default) for a test of an entry's read
    with a string default: `read == "text"`, `read != "text"` (either way round), `read is
    None`, `read is not None`, `read`, `not read`."""
    negated = False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        negated, test = True, test.expression
    read = table_entry(ctx, _held(ctx, test))
    if read is not None:
        default = read[0].default
        return (read[0], read[1], bool(default) != negated) if default is not None else None
    if negated or not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator = target.operator
    sides = [(test.left, target.comparator), (target.comparator, test.left)]
    for side, other in sides:
        read = table_entry(ctx, _held(ctx, side))
        if read is None or read[0].default is None:
            continue
        default = read[0].default
        if isinstance(operator, (cst.Is, cst.IsNot)):
            if not (isinstance(other, cst.Name) and other.value == "None"):
                return None
            return read[0], read[1], isinstance(operator, cst.IsNot)
        text = string_value(other)
        if text is None or not isinstance(operator, (cst.Equal, cst.NotEqual)):
            return None
        return read[0], read[1], (default == text) == isinstance(operator, cst.Equal)
    return None


def _holder_entries(
    ctx: PythonContext, holder: cst.BaseExpression, entries: list[TableDefault]
) -> list[TableDefault]:
    """The entries of `entries` held by the object `holder` names: imported from the module
    holding it (`from ..config import cfg [as c]`, or the module imported and the object
    named on it), or bound in this very module to it."""
    if isinstance(holder, cst.Attribute) and isinstance(holder.value, cst.Name):
        imported = from_import(ctx, holder.value)
        if imported is None:
            return []
        dots, module, name = imported
        module = f"{module}.{name}" if module else name
        files = imported_file(ctx.path, dots, module, {e.module for e in entries})
        return [e for e in entries if e.module in files and e.holder == holder.attr.value]
    if not isinstance(holder, cst.Name):
        return []
    imported = from_import(ctx, holder)
    if imported is None:
        bound = ctx.bindings(holder)
        own = len(bound) == 1 and isinstance(bound[0], Assignment)
        if not own or not isinstance(bound[0].scope, GlobalScope):
            return []
        return [e for e in entries if e.module == ctx.path and e.holder == holder.value]
    dots, module, name = imported
    files = imported_file(ctx.path, dots, module, {e.module for e in entries})
    return [e for e in entries if e.module in files and e.holder == name]


def home_entry(ctx: PythonContext, node: cst.CSTNode) -> TableDefault | None:
    """The entry of this module's table of defaults whose value `node` is written in
    (`"DEFAULT_MODEL": os.getenv("DEFAULT_MODEL", "gpt-4o-mini")`), where the table's object
    writes it to a file under the user's home and reads it back (`TableDefault.home`); None
    for anything else."""
    entries = [e for e in ctx.rules.facts.config_defaults if e.home and e.module == ctx.path]
    if not entries:
        return None
    parents = ctx.ancestors(node)
    element = next((p for p in reversed(parents) if isinstance(p, cst.DictElement)), None)
    if element is None:
        return None
    at = parents.index(element)
    display = parents[at - 1] if at >= 1 else None
    statement = parents[at - 2] if at >= 2 else None
    if not isinstance(display, cst.Dict) or not isinstance(statement, cst.Assign):
        return None
    targets = statement.targets
    if len(targets) != 1 or not isinstance(targets[0].target, cst.Name):
        return None
    key, table = string_value(element.key), targets[0].target.value
    found = [e for e in entries if e.table == table and e.key == key]
    return found[0] if len(found) == 1 else None
