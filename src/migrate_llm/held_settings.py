"""The fields of a project's pydantic settings classes that ML401 leaves reading OpenAI's key
or base-URL variable, judged over the whole project (`RunFacts.settings_fields_held`).

langroid defines `OpenAIGPTConfig` (env_prefix OPENAI_) in language_models/openai_gpt.py and
subclasses, builds and tests it in other modules. Why a field stays (`settings_holds`) may
show in either: the class's own module (a prefix chosen at run time, an embeddings
configuration, a kept read of its variable), or a module importing it (its own subclass with
such a prefix or embeddings default, its own test `cfg.api_key == OPENAI_API_KEY` against a
read it keeps). The rules read one module at a time, so the modules stating such a class
(`settings_callers.may_state`) and those naming one of its classes are read again once the run
knows the project; a field held by either is held in both: ML401 leaves the field where the
class is defined, and a client given the field where the class is imported stays with it
(`settings_holds.imported_held`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import cst_context
from migrate_llm.settings_callers import MAX_BYTES, module_tree, variables_of
from migrate_llm.textio import python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# Bytes a module importing a settings class shows where it may hold a field of it: a prefix
# (`SettingsConfigDict(env_prefix=...)`), an embeddings model default, a test of a field.
_HOLDING = (b"env_prefix", b"embedding", b"==", b"!=")


class HeldField(NamedTuple):
    """A settings field of the project ML401 leaves reading OpenAI's `variable`: `cls.field`,
    held for `kind` (`settings_holds.Hold.kind`) by what `module` (as shown) holds, the
    module defining the class (`defines`) or one importing it (a subclass, a test of the
    field)."""

    cls: str
    field: str
    variable: str
    module: str
    kind: str
    defines: bool
    # the names the project binds to an instance of `cls` (`settings = Settings()`): a module
    # importing one holds the field as one naming `cls` does (`imported_held`)
    instances: tuple[str, ...] = ()


def classes_stated(stating: Iterable[bytes]) -> dict[str, dict[str, str]]:
    """The settings classes the modules `stating` (their bytes) define, each with the fields
    reading OpenAI's key or base-URL variables and those variables (`variables_of`)."""
    found: dict[str, dict[str, str]] = {}
    for data in stating:
        for name, fields in variables_of(module_tree(data)).items():
            found.setdefault(name, {}).update(fields)
    return found


def instances_stated(
    stating: Iterable[bytes], classes: Mapping[str, Mapping[str, str]]
) -> dict[str, str]:
    """The names the modules `stating` bind at their top to an instance of one of `classes`
    (`settings = Settings()`), each with its class: other modules import the instance, not
    the class (vocode's `from .config import settings`)."""
    found: dict[str, str] = {}
    for data in stating:
        tree = module_tree(data)
        for node in tree.body if tree is not None else ():
            if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Call):
                continue
            func = node.value.func
            if isinstance(func, ast.Name) and (cls := func.id) in classes:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = cls
    return found


def may_hold(
    data: bytes,
    classes: Mapping[str, Mapping[str, str]],
    instances: Mapping[str, str] | None = None,
) -> bool:
    """Whether a module's bytes name one of `classes` and may hold a field of it, or name one
    of `instances` (`instances_stated`) and a field of its class (`.openai_api_key`)."""
    if any(name.encode() in data for name in classes) and any(b in data for b in _HOLDING):
        return True
    return any(
        name.encode() in data and any(f".{field}".encode() in data for field in classes[cls])
        for name, cls in (instances or {}).items()
    )


def held_in(
    module: str,
    shown: str,
    data: bytes,
    classes: Mapping[str, Mapping[str, str]],
    rules: RuleContext,
    instances: Mapping[str, str] | None = None,
) -> list[HeldField]:
    """The fields of `classes` the module (`module` as `PythonContext.path` names it, `shown`
    as messages do) holds, read with the rules' context (`rules`, told the project's facts):
    those of its own classes for the reasons `hold_reasons` gives (but what other modules
    hold, which they tell themselves), those of the classes it imports for
    `imported_reasons`', those of the instances of `instances` it imports (`from config import
    settings`) for `instance_reasons`'."""
    from migrate_llm.rules.settings_holds import (
        hold_reasons,
        imported_reasons,
        instance_reasons,
        settings_key_fields,
    )

    read = python_parsed(data) if len(data) <= MAX_BYTES else None
    if read is None:
        return []
    text, tree = read
    own = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    used = [c for c in classes if c not in own and c in text]
    imported = _instances_imported(tree, instances or {})
    if not own & set(classes) and not used and not imported:
        return []

    def named(cls: str) -> tuple[str, ...]:
        return tuple(sorted(n for n, c in (instances or {}).items() if c == cls))

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return []
        found = []
        for klass, field, variable in settings_key_fields(ctx):
            if classes.get(klass.name.value, {}).get(field) != variable:
                continue
            hold = next(
                (h for h in hold_reasons(ctx, klass, field, variable) if h.kind != "elsewhere"),
                None,
            )
            if hold is not None:
                found.append(
                    HeldField(
                        klass.name.value,
                        field,
                        variable,
                        shown,
                        hold.kind,
                        True,
                        named(klass.name.value),
                    )
                )
        for cls in used:
            for field, variable in classes[cls].items():
                hold = next(imported_reasons(ctx, cls, field, variable), None)
                if hold is not None:
                    found.append(
                        HeldField(cls, field, variable, shown, hold.kind, False, named(cls))
                    )
        for cls in sorted(set(imported.values()) - own):
            for field, variable in classes[cls].items():
                hold = next(instance_reasons(ctx, field, variable), None)
                if hold is not None:
                    found.append(
                        HeldField(cls, field, variable, shown, hold.kind, False, named(cls))
                    )
        return found


def _instances_imported(tree: ast.Module, instances: Mapping[str, str]) -> dict[str, str]:
    """The instances of `instances` (`instances_stated`) the module imports, each with its
    class: `from config import settings`, also `as cfg` (the rules read `cfg.field` by its
    field), or read through the module imported (`import config`, `config.settings.field`)."""
    found: dict[str, str] = {}
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in instances:
                    found[alias.name] = instances[alias.name]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in instances
            and ast.unparse(node.value) in modules
        ):
            found[node.attr] = instances[node.attr]  # `config.settings` of `import config`
    return found
