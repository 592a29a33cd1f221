"""Defaults a program writes to a settings file of its own, which it reads from then on
(trial t58b D4, Langchain-Chatchat's `chatchat init`): a read of the provider's variables that
apply writes there is evaluated once, when the file is written, and the file wins afterwards.

Two shapes: a module-level name dumped by a serializer of the table below (`json.dump(
PLATFORMS, f)`), and a pydantic-settings class whose `model_config` names a settings file
(`SettingsConfigDict(yaml_file=ROOT / "model_settings.yaml")`: pydantic-settings reads it
where the class adds that source; Chatchat's base class does, and its init writes it).
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.python_context import PythonContext

# serializers writing their first argument to a file (each library's documented `dump`)
DUMPERS = frozenset(
    {"json.dump", "yaml.dump", "yaml.safe_dump", "toml.dump", "tomli_w.dump", "pickle.dump"}
)
# pydantic-settings' model_config entries naming a settings file
FILE_SETTINGS = ("yaml_file", "json_file", "toml_file")
SETTINGS_CONFIG = "SettingsConfigDict"


def persisted_at(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """Where the program writes the default `node` stands in, said (`json.dump(PLATFORMS,
    ...)` on line 22; `yaml_file=` of ApiModelSettings's model_config on line 307); None
    where it is not seen to."""
    parents = ctx.ancestors(node)
    for parent in reversed(parents):
        if isinstance(parent, cst.ClassDef):
            found = _settings_file(ctx, parent)
            if found is not None:
                return found
    top = next((p for p in parents if isinstance(p, (cst.Assign, cst.AnnAssign))), None)
    target = None
    if isinstance(top, cst.Assign) and len(top.targets) == 1:
        target = top.targets[0].target
    elif isinstance(top, cst.AnnAssign):
        target = top.target
    scoped = any(isinstance(p, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) for p in parents)
    if not isinstance(target, cst.Name) or scoped:
        return None  # a module's own name only
    for call in ctx.nodes:
        if (
            isinstance(call, cst.Call)
            and call.args
            and isinstance(call.args[0].value, cst.Name)
            and call.args[0].value.value == target.value
            and ctx.qualnames(call.func) & DUMPERS
        ):
            line = ctx.line_label(ctx.position(call)[0][0])
            return f"`{ctx.code(call.func)}({target.value}, ...)` on {line}"
    return None


def _settings_file(ctx: PythonContext, cls: cst.ClassDef) -> str | None:
    """`yaml_file=` of a pydantic-settings class's `model_config`, said; None otherwise."""
    for statement in cls.body.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not (
                isinstance(small, cst.Assign)
                and len(small.targets) == 1
                and isinstance(small.targets[0].target, cst.Name)
                and small.targets[0].target.value == "model_config"
                and isinstance(small.value, cst.Call)
                and _settings_config(ctx, small.value.func)
            ):
                continue
            for arg in small.value.args:
                if arg.keyword is not None and arg.keyword.value in FILE_SETTINGS:
                    line = ctx.line_label(ctx.position(small)[0][0])
                    return (
                        f"`{arg.keyword.value}={ctx.code(arg.value)}` of {cls.name.value}'s "
                        f"model_config on {line}"
                    )
    return None


def _settings_config(ctx: PythonContext, func: cst.BaseExpression) -> bool:
    """Whether `func` is pydantic-settings' `SettingsConfigDict`, also as a project re-exports
    it (Chatchat's `from chatchat.pydantic_settings_file import SettingsConfigDict`)."""
    names = ctx.qualnames(func) or {ctx.code(func)}
    return any(n.rsplit(".", 1)[-1] == SETTINGS_CONFIG for n in names)
