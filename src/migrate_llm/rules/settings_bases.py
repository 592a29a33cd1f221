"""A pydantic settings class of another module of the project, as a class's base.

WrenAI's eval/__init__.py (t67d): `class EvalSettings(Settings)` with `openai_api_key:
SecretStr = Field(alias="OPENAI_API_KEY")`, `Settings` imported from `src.config`, where it
derives from `BaseSettings`. Read alone, the module did not show a settings class, so ML401
left the alias while ML001 moved the client a caller hands that key to: the OpenAI key went
to DeepSeek. The base is followed to its module (`project_class`) where the run's facts name
that module as stating a settings class (`RunFacts.settings_bases`: its path and bytes key
the cached results of its project, so editing only the base's module is seen).
"""

from __future__ import annotations

import os

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.project_calls import from_import, project_module
from migrate_llm.rules.project_classes import project_class
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.settings_holds import alias_values

# how many classes of the base's module a chain of bases may pass through
_DEPTH = 8


def project_settings_base(ctx: PythonContext, name: cst.Name) -> bool:
    """Whether the class base `name`, imported by name from another module of the project,
    is a pydantic settings class there: deriving from `BaseSettings`, directly or through
    classes of that module, which `RunFacts.settings_bases` names."""
    paths = {path for path, _ in ctx.rules.facts.settings_bases}
    if not paths:
        return False
    imported = from_import(ctx, name) if project_module(ctx, name) else None
    if imported is None:
        return False
    dots, module, imported_name = imported

    def read(other: PythonContext, klass: cst.ClassDef) -> bool:
        return bool(other.path) and os.path.abspath(other.path) in paths and _based(other, klass)

    return bool(project_class(ctx, dots + module, imported_name, read))


def _based(ctx: PythonContext, klass: cst.ClassDef, depth: int = 0) -> bool:
    """Whether `klass` derives from `BaseSettings`, directly or through classes of its module."""
    for base in klass.bases:
        if last_name(base.value) in sdk.SETTINGS_BASES:
            return True
        if depth < _DEPTH and isinstance(base.value, cst.Name):
            bound = ctx.bindings(base.value)
            defined = getattr(bound[0], "node", None) if len(bound) == 1 else None
            if isinstance(defined, cst.ClassDef) and _based(ctx, defined, depth + 1):
                return True
    return False


def project_settings_field(ctx: PythonContext, part: cst.BaseExpression) -> bool:
    """Whether `part` is `s.<field>` with `s` bound once to an instance of a class imported
    by name from another module of the project (`s = EmbedSettings()`) that declares that
    field and derives there from a class a third module derives from `BaseSettings`
    (`project_settings_base`): ML401 renames that field's variable through the base (review
    r4: `EmbedSettings(Settings)` with `openai_api_key = Field(alias="OPENAI_API_KEY")`), so
    a client given it holds the provider's key and moves with it (`clients.openai_named`)."""
    if not ctx.rules.facts.settings_bases or not isinstance(part, cst.Attribute):
        return False
    holder = part.value
    value = ctx.bound_value(holder) if isinstance(holder, cst.Name) else None
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Name):
        return False
    imported = from_import(ctx, value.func) if project_module(ctx, value.func) else None
    if imported is None:
        return False
    dots, module, imported_name = imported
    field = part.attr.value

    provider = ctx.rules.provider
    # the variables the field may name for ML401 to switch it: OpenAI's key (renamed), or
    # the provider's (an earlier apply's rename)
    switched = (sdk.KEY_VARS_TO_SWITCH - {sdk.AZURE_KEY_VAR}) | (
        {provider.api_key_env} if provider is not None else set()
    )

    def renamed(small: cst.AnnAssign) -> bool:
        # only a field naming such a variable (`Field(alias="OPENAI_API_KEY")`) is renamed:
        # one without an alias reads `env_prefix` + its name, which ML401 does not rename
        # through the base, and another alias is another variable (review r5: the OpenAI key
        # went to DeepSeek); an alias is read whatever the `env_prefix`
        names = [string_value(v) for v in alias_values(small)]
        return bool(names) and all(name in switched for name in names)

    def read(other: PythonContext, klass: cst.ClassDef) -> bool:
        declared = any(
            isinstance(line, cst.SimpleStatementLine)
            and any(
                isinstance(small, cst.AnnAssign)
                and isinstance(small.target, cst.Name)
                and small.target.value == field
                and renamed(small)
                for small in line.body
            )
            for line in klass.body.body
        )
        return declared and any(
            isinstance(base.value, cst.Name) and project_settings_base(other, base.value)
            for base in klass.bases
        )

    return bool(project_class(ctx, dots + module, imported_name, read))
