"""A key read that a module binds at its top level for other modules to import, in a project
whose modules hand configs to a library configured with a dict (mem0): ML401 leaves it.

Another module may put the name into such a config (`from settings import OPENAI_API_KEY`,
then `{"llm": {"provider": "openai", "config": {"api_key": OPENAI_API_KEY}}}`), whose part
goes to OpenAI unless it is given the library's base-URL setting. The rules read one module
at a time: which configs of the project take the name is not known here, so the read is left
to a person (conservative: renamed, the provider's key would go to OpenAI)."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.frameworks.libraries import CONFIGURED, ConfiguredLibrary
from migrate_llm.rules.env_names import EnvNames
from migrate_llm.rules.python_context import PythonContext


@dataclass(frozen=True)
class ExportedKey:
    """The module-level name a key read is bound to (`target`) and the libraries of the
    project configured with a dict (`libraries`)."""

    target: cst.Name
    libraries: tuple[ConfiguredLibrary, ...]


def exported_key(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> ExportedKey | None:
    """The name `read` is bound to at the module's top level (`KEY = os.getenv(...)`, also
    through `or`), where the module does not use that name itself (it is there for other
    modules to import; not a private `_KEY`) and a module of the project imports a library
    of `CONFIGURED` (`RunFacts.configured_imported`). None otherwise."""
    imported = ctx.rules.facts.configured_imported
    libraries = tuple(library for library in CONFIGURED if library.module in imported)
    if not libraries:
        return None
    assign = None
    for above in names.ancestors(read):
        if isinstance(above, cst.BooleanOperation):
            continue
        assign = above
        break
    if not (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
    ):
        return None
    line = names.parent(assign)
    if not isinstance(line, cst.SimpleStatementLine) or all(s is not line for s in ctx.module.body):
        return None
    target = assign.targets[0].target
    if target.value.startswith("_") or _used(ctx, target):
        return None
    return ExportedKey(target, libraries)


def _used(ctx: PythonContext, target: cst.Name) -> bool:
    """Whether the module names `target` anywhere but where it binds it."""
    name = target.value
    return any(type(n) is cst.Name and n.value == name and n is not target for n in ctx.nodes)


def exported_message(found: ExportedKey, provider: str, key: str) -> str:
    """Why such a read is left, in words: `provider`'s name, `key` its key variable."""
    said = []
    for library in found.libraries:
        sections = [s for s in library.sections if s.nested is None]
        parts = " and ".join(f'"{s.keys[0]}"' for s in sections)
        urls = " / ".join(dict.fromkeys(f'"{s.base_url_key}"' for s in sections))
        said.append(
            f"{library.module}, whose {parts} send the key they are given to OpenAI unless "
            f"given {urls}"
        )
    return (
        f"it is bound to {found.target.value} at the module's top level, which this module does "
        f"not use: another module may import it into a config, and the project hands configs to "
        f"{'; '.join(said)}: renamed, {provider}'s key would go there; point each config given "
        f"{found.target.value} at {provider}, then read {key}, by hand"
    )
