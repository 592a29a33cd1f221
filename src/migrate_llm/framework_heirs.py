"""The project classes deriving from a project class that derives from a LangChain OpenAI
class, for the rules of both modules (ML601).

MaxKB's shape (t64a): `class BaseChatOpenAI(ChatOpenAI)` in base_chat_open_ai.py adds usage
tracking, and 21 classes in 14 provider packages derive from it, each built in its own
module with its provider's base URL (DeepSeek's literal URL, Kimi's stored one) or, for the
OpenAI provider, with the URL a user stored. Read alone, the base's module showed one
subclass whose constructions are not rewritten, and ML601 said to pass the provider's key
and URL "where it is built (or in its __init__)": done in the base, that would send every
provider's model there. A module deriving a class from a LangChain OpenAI class is read
(`framework_bases`), then the modules naming such a class in a `class` statement
(`framework_heirs`): each subclass importing it by name from that module (or defined beside
it) goes into the project's facts (`RunFacts.framework_heirs`, part of the cache keys), so
that the base's module says the base is shared, and the subclass's module says where each
construction points.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from migrate_llm.base_fields import MAX_BYTES, names_imported
from migrate_llm.frameworks import langchain as lc
from migrate_llm.import_reach import imported_file
from migrate_llm.textio import python_tree

# the short names of LangChain's OpenAI classes (`ChatOpenAI`), for a first look at bytes
_SHORT = sorted({name.rpartition(".")[2] for name in lc.CLASSES})
_DERIVES = re.compile(
    rb"class\s+\w+\s*\([^)]*\b(?:" + b"|".join(n.encode() for n in _SHORT) + rb")\b"
)


class FrameworkHeir(NamedTuple):
    """The class `heir` (its `class` statement on line `line` of the module `module`, as
    `PythonContext.path` names it, `shown` as messages do) deriving from the class `base` of
    the module `base_module`, which derives from the LangChain class `framework` (its
    qualified name, a key of `lc.CLASSES`); `base_shown`: the base's module as shown."""

    base_module: str
    base_shown: str
    base: str
    framework: str
    module: str
    shown: str
    heir: str
    line: int


def may_derive(data: bytes) -> bool:
    """Whether a module's bytes may define a class deriving from a LangChain OpenAI class."""
    return b"langchain" in data and _DERIVES.search(data) is not None


def framework_bases(data: bytes) -> dict[str, str]:
    """The top-level classes a module's bytes define deriving from a LangChain OpenAI class
    they import by name: the framework class's qualified name, by class name."""
    tree = python_tree(data) if len(data) <= MAX_BYTES else None
    if tree is None:
        return {}
    imported = {
        bound: f"{module}.{name}"
        for bound, (dots, module, name) in names_imported(tree).items()
        if not dots
    }
    found: dict[str, str] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for base in cls.bases:
            qualname = imported.get(base.id) if isinstance(base, ast.Name) else None
            if qualname in lc.CLASSES:
                found[cls.name] = qualname
                break
    return found


def names_base(data: bytes, names: Iterable[str]) -> bool:
    """Whether a module's bytes may name one of the classes `names` in a `class` statement."""
    return b"class " in data and any(name.encode() in data for name in names)


def framework_heirs(
    module: str,
    shown: str,
    data: bytes,
    bases: Mapping[tuple[str, str], tuple[str, str]],
    files: set[str],
) -> list[FrameworkHeir]:
    """The classes a module's bytes (`module` as `PythonContext.path` names it, `shown` as
    messages do) define deriving from one of `bases` ((module, class) -> (module as shown,
    framework class)), imported by name from its module (one of the project's `files`) or
    defined in the same module."""
    tree = python_tree(data) if len(data) <= MAX_BYTES else None
    if tree is None:
        return []
    imported = names_imported(tree)
    found: list[FrameworkHeir] = []
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for base in cls.bases:
            if not isinstance(base, ast.Name):
                continue
            there, name = module, base.id
            if base.id in imported:
                dots, source, name = imported[base.id]
                target = imported_file(module, dots, source, files)
                if len(target) != 1:
                    continue
                there = target.pop()
            held = bases.get((there, name))
            if held is not None:
                found.append(FrameworkHeir(there, held[0], name, held[1], module, shown,
                                           cls.name, cls.lineno))  # fmt: skip
    return found
