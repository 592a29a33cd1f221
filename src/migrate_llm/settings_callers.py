"""The fields of a project's pydantic settings classes that read one of OpenAI's key or
base-URL variables by their name, and that another module of the project passes by that
name (`RunFacts.settings_fields_passed`; t54c: langroid's tests and users build
`OpenAIGPTConfig(api_key=..., api_base=...)`).

ML401 gives such a field the provider's variable by `validation_alias=`; pydantic then
refuses the field's name as an argument ("extra inputs are not permitted"), so every such
call would fail. The rules read one module at a time: this is a second reading, first of
the modules stating a settings class (`classes_of`), then of every Python module of their
project that names one of those classes followed by `(` (`passed_in`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping

from migrate_llm import openai_sdk as sdk
from migrate_llm.textio import python_tree

# larger modules are not read again
MAX_BYTES = 512 * 1024
_VARIABLES = sdk.KEY_VARS_TO_SWITCH | sdk.BASE_URL_VARS_TO_SWITCH

# (class, field, module as shown)
Passed = tuple[str, str, str]


def may_state(data: bytes) -> bool:
    """Whether a module's bytes may state a settings class reading OpenAI's variables."""
    return b"OPENAI" in data.upper() and (b"BaseSettings" in data or b"env_prefix" in data)


def classes_of(tree: ast.Module | None) -> dict[str, frozenset[str]]:
    """The settings classes a module's tree (`module_tree`) defines (a `BaseSettings` base, or
    an `env_prefix` it states as a string) with the fields of each that read one of OpenAI's
    key or base-URL variables by their name (after the prefix)."""
    return {name: frozenset(fields) for name, fields in variables_of(tree).items()}


def variables_of(tree: ast.Module | None) -> dict[str, dict[str, str]]:
    """`classes_of`'s classes, each with the variable each of those fields reads."""
    if tree is None:
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        prefix = _prefix(node)
        based = any(last_name(b) in sdk.SETTINGS_BASES for b in node.bases)
        if prefix is None and not based:
            continue
        fields = {
            s.target.id: variable
            for s in node.body
            if isinstance(s, ast.AnnAssign)
            and isinstance(s.target, ast.Name)
            and (variable := ((prefix or "") + s.target.id).upper()) in _VARIABLES
        }
        if fields:
            found[node.name] = fields
    return found


def passed_in(
    shown: str,
    data: bytes,
    classes: Mapping[str, frozenset[str]],
    parsed: Mapping[bytes, ast.Module | None],
) -> list[Passed]:
    """The (class, field, `shown`) of each call of the module building one of `classes`
    (by its last name: `Cfg(...)`, `lm.Cfg(...)`) with one of its fields passed by name,
    where the module does not define a class of that name itself (ML401 reads those);
    `parsed`: the trees of the modules parsed already, by their bytes."""
    if not any(name.encode() + b"(" in data for name in classes):
        return []
    tree = parsed[data] if data in parsed else module_tree(data)
    if tree is None:
        return []
    own = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    found: set[Passed] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = last_name(node.func)
        fields = classes.get(name or "")
        if not fields or name in own:
            continue
        for keyword in node.keywords:
            if keyword.arg in fields:
                found.add((name or "", keyword.arg, shown))
    return sorted(found)


def fields_passed(
    stating: Iterable[bytes], modules: Iterable[tuple[str, bytes]]
) -> frozenset[Passed]:
    """What `passed_in` finds in `modules` ((shown, bytes)) for the classes `stating` (the
    bytes of the modules that may state them) define."""
    parsed = {data: module_tree(data) for data in stating}  # not parsed again by `passed_in`
    classes: dict[str, frozenset[str]] = {}
    for tree in parsed.values():
        for name, fields in classes_of(tree).items():
            classes[name] = classes.get(name, frozenset()) | fields
    if not classes:
        return frozenset()
    return frozenset(p for shown, data in modules for p in passed_in(shown, data, classes, parsed))


def _prefix(klass: ast.ClassDef) -> str | None:
    """The `env_prefix` string a class states (`model_config = SettingsConfigDict(...)`, a
    dict, or pydantic<2's inner `Config`), None where it states none."""
    for statement in klass.body:
        if isinstance(statement, ast.ClassDef) and statement.name == sdk.SETTINGS_CLASS:
            for inner in statement.body:
                if isinstance(inner, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == sdk.SETTINGS_PREFIX for t in inner.targets
                ):
                    return _string(inner.value)
        if not isinstance(statement, ast.Assign | ast.AnnAssign):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not any(isinstance(t, ast.Name) and t.id == sdk.SETTINGS_ATTRIBUTE for t in targets):
            continue
        value = statement.value
        if isinstance(value, ast.Call):
            for keyword in value.keywords:
                if keyword.arg == sdk.SETTINGS_PREFIX:
                    return _string(keyword.value)
        elif isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if key is not None and _string(key) == sdk.SETTINGS_PREFIX:
                    return _string(item)
    return None


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def last_name(node: ast.expr) -> str | None:
    """`c` of `a.b.c` or `c`; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def module_tree(data: bytes) -> ast.Module | None:
    """Python's tree of a module's bytes, parsed once for the screening's passes
    (`textio.python_tree`); None where it is larger than `MAX_BYTES` or cannot be parsed."""
    return None if len(data) > MAX_BYTES else python_tree(data)
