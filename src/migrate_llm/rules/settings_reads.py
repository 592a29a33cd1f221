"""The variable a field of a pydantic settings class is read from: its alias, else
`<env_prefix><FIELD>`, both also from the class's `env_file`, before its default."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.import_roots import import_root
from migrate_llm.rules.passed_values import field_default
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.settings_fields import _assigned_names, _settings_config, _states_prefix


@dataclass(frozen=True)
class SettingsRead:
    """A settings field and what pydantic reads it from before its default."""

    owner: cst.ClassDef
    field: str
    variable: str  # `APP_OPENAI_API_KEY`, `<ENV_PREFIX>OPENAI_API_KEY` for a prefix not shown
    env_file: str | None  # the class's `env_file`, where it is a literal


def settings_field(ctx: PythonContext, node: cst.CSTNode) -> SettingsRead | None:
    """The settings field whose default holds `node` (`url: str = URL`,
    `Field(default=URL)`), in a class deriving from `BaseSettings` or stating an
    `env_prefix`; None elsewhere."""
    parents = ctx.ancestors(node)
    for at in range(len(parents) - 1, 2, -1):
        parent = parents[at]
        if isinstance(parent, (cst.AnnAssign, cst.Assign)):
            klass = parents[at - 3]
            line, block = parents[at - 1], parents[at - 2]
            if parent.value is None or field_default(parent.value) is not node:
                return None
            if not (
                isinstance(klass, cst.ClassDef)
                and isinstance(line, cst.SimpleStatementLine)
                and isinstance(block, cst.IndentedBlock)
            ):
                return None
            return field_read(klass, parent, ctx)
        if not isinstance(parent, (cst.Arg, cst.Call)):
            return None
    return None


def field_read(
    klass: cst.ClassDef, small: cst.AnnAssign | cst.Assign, ctx: PythonContext | None = None
) -> SettingsRead | None:
    """What pydantic reads the field `small` of `klass` from, where `klass` is a settings
    class; None otherwise. A prefix no literal gives is read from the project module it is
    imported from (`imported_constant`), else shown as `<ENV_PREFIX>`."""
    target = small.target if isinstance(small, cst.AnnAssign) else small.targets[0].target
    if not isinstance(target, cst.Name) or not _settings(klass):
        return None
    alias = _alias(small)
    config = _settings_config(klass)
    env_file = _env_file(klass)
    if alias is not None:
        return SettingsRead(klass, target.value, alias, env_file)
    if config is not None:
        prefix, case_sensitive = config
        name = prefix + target.value
        variable = name if case_sensitive else name.upper()
    else:
        shown = _prefix_code(klass)
        value = imported_constant(ctx, klass, shown) if ctx is not None else None
        head = value if value is not None else f"<{shown}>"
        variable = f"{head}{target.value}".upper() if value else f"{head}{target.value.upper()}"
    return SettingsRead(klass, target.value, variable, env_file)


def sibling_read(
    read: SettingsRead, field: str, ctx: PythonContext | None = None
) -> SettingsRead | None:
    """What pydantic reads the field `field` of the class of `read` from."""
    for line in read.owner.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                target = small.target if isinstance(small, cst.AnnAssign) else None
                if isinstance(target, cst.Name) and target.value == field:
                    assert isinstance(small, cst.AnnAssign)
                    return field_read(read.owner, small, ctx)
                if isinstance(small, cst.Assign) and any(
                    isinstance(t.target, cst.Name) and t.target.value == field
                    for t in small.targets
                ):
                    return field_read(read.owner, small, ctx)
    return None


def _settings(klass: cst.ClassDef) -> bool:
    bases = any(last_name(b.value) in sdk.SETTINGS_BASES for b in klass.bases)
    return bases or (bool(klass.bases) and _states_prefix(klass))


def _alias(small: cst.AnnAssign | cst.Assign) -> str | None:
    """The variable a field's `Field(env=...)` or alias names, where it is one string."""
    values: list[cst.BaseExpression | None] = [small.value]
    if isinstance(small, cst.AnnAssign):
        annotation = small.annotation.annotation
        if isinstance(annotation, cst.Subscript) and last_name(annotation.value) == "Annotated":
            values += [e.slice.value for e in annotation.slice if isinstance(e.slice, cst.Index)]
    named = sdk.SETTINGS_ENV_KWARGS | sdk.SETTINGS_ALIAS_KWARGS
    for value in values:
        if isinstance(value, cst.Call) and last_name(value.func) == "Field":
            for arg in value.args:
                if arg.keyword is not None and arg.keyword.value in named:
                    return string_value(arg.value)
    return None


def _env_file(klass: cst.ClassDef) -> str | None:
    """The `env_file` of a class's inner `Config` or `model_config`, where a literal."""
    for statement in klass.body.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            for name, value in _assigned_names(statement):
                if name == sdk.SETTINGS_ENV_FILE and value is not None:
                    return string_value(value)
    for name, value in _assigned_names(klass):
        if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
            for arg in value.args:
                if arg.keyword is not None and arg.keyword.value == sdk.SETTINGS_ENV_FILE:
                    return string_value(arg.value)
    return None


def _prefix_code(klass: cst.ClassDef) -> str:
    """How the class gives its `env_prefix` where it is no literal (`ENV_PREFIX`)."""
    for statement in klass.body.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == sdk.SETTINGS_CLASS:
            for name, value in _assigned_names(statement):
                if name == sdk.SETTINGS_PREFIX and value is not None:
                    return cst.Module([]).code_for_node(value)
    for name, value in _assigned_names(klass):
        if name == sdk.SETTINGS_ATTRIBUTE and isinstance(value, cst.Call):
            for arg in value.args:
                if arg.keyword is not None and arg.keyword.value == sdk.SETTINGS_PREFIX:
                    return cst.Module([]).code_for_node(arg.value)
    return "env_prefix"


def imported_constant(ctx: PythonContext, klass: cst.ClassDef, name: str) -> str | None:
    """The string a module-level `name = "..."` holds in the project module the class's
    module imports `name` from (`from app.constants import ENV_PREFIX`: AgentGPT's
    `REWORKD_PLATFORM_`, t53l), found from where Python finds the module's top package
    (`import_root`); None where it is not so shown."""
    if not name.isidentifier() or not ctx.path:
        return None
    source = next(
        (
            small
            for line in ctx.module.body
            if isinstance(line, cst.SimpleStatementLine)
            for small in line.body
            if isinstance(small, cst.ImportFrom)
            and not small.relative
            and small.module is not None
            and not isinstance(small.names, cst.ImportStar)
            and any(a.evaluated_alias is None and a.evaluated_name == name for a in small.names)
        ),
        None,
    )
    if source is None or source.module is None:
        return None
    module = cst.Module([]).code_for_node(source.module)
    base = os.path.join(import_root(os.path.dirname(ctx.path)), *module.split("."))
    for path in (base + ".py", os.path.join(base, "__init__.py")):
        found = _module_constant(path, name)
        if found is not None:
            return found
    return None


def _module_constant(path: str, name: str) -> str | None:
    """The string `name` is assigned at the level of the module at `path`, read with Python's
    own parser; None where it is not one string (or the file is not there)."""
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    for statement in tree.body:
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        value = getattr(statement, "value", None)
        named = any(isinstance(t, ast.Name) and t.id == name for t in targets)
        if named and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None
