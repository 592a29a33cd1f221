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
from migrate_llm.rules.python_context import PythonContext, last_name

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
