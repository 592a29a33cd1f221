"""The classes of a project deriving from DSPy's legacy OpenAI class, for the modules that
build them.

The trial of STORM (t53e) built `MyLM(model=..., api_key=os.environ["SILICONFLOW_CN_API_KEY"])`
in one module, `class MyLM(dspy.OpenAI): pass` in another: given no `api_base`, dspy 2.4
sent the provider's key to api.openai.com, and `check` on the first module alone (as
pre-commit gives it the files staged) was green. So a module that may define such a class
(`may_derive`) is marked while it is screened and read again (`lm_subclasses`); a run given
some of a project's files also reads the modules they import from beyond those files
(`imported_beyond`). What they hold goes into the project's facts (`RunFacts.lm_subclasses`),
for the modules building those classes (`rules.dspy_subclasses.built_subclass`), which are
examined whatever the prefilter said of them (`builds_one`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.frameworks import dspy as fw_dspy
from migrate_llm.import_roots import import_root, module_files
from migrate_llm.reread import cst_context, read_once
from migrate_llm.textio import UnreadableFile, python_parsed

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# a module larger than this is not read again (its own rules still see its classes)
MAX_BYTES = 512 * 1024
# how many modules beyond the files given are read at most
BEYOND = 200
# the last names of the legacy classes (`OpenAI` of `dspy.OpenAI`)
_LAST = sorted({name.rpartition(".")[2] for name in fw_dspy.LEGACY_CLASSES})
# a class statement naming one of them among its bases
_DERIVES = re.compile(
    rb"(?m)^[ \t]*class[ \t]+\w+[ \t]*\([^)]*\b(?:"
    + b"|".join(re.escape(n.encode()) for n in _LAST)
    + rb")\b"
)
# `from pkg.mod import A, B as C`, `from .mod import (A, B)`: its module and names (across
# lines only in parentheses: else the names would run into the next line's `from`, and the
# module it names would be missed)
_FROM_IMPORT = re.compile(
    rb"(?m)^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(?:\(([\w, \t\r\n]+)|([\w, \t]+))"
)


class LmSubclass(NamedTuple):
    """A class `name` of the module `module` (its file name as `PythonContext.path` gives
    it; `shown`: as messages show it) deriving from DSPy's legacy class `base`, defined on
    `line`; `taken` and `model_first`: `rules.dspy_subclasses.Subclass`'s."""

    module: str
    shown: str
    name: str
    base: str
    line: int
    taken: tuple[str, ...]
    model_first: bool


def may_derive(data: bytes) -> bool:
    """Whether a module's bytes may define a class deriving from DSPy's legacy class."""
    return b"dspy" in data and _DERIVES.search(data) is not None


def lm_subclasses(module: str, shown: str, data: bytes, rules: RuleContext) -> list[LmSubclass]:
    """The classes of a module's bytes deriving from DSPy's legacy class; none where it
    cannot be read or parsed."""
    if len(data) > MAX_BYTES or not may_derive(data):
        return []
    read = python_parsed(data)  # Python's parser first: it refuses what libcst would choke on
    if read is None:
        return []
    text = read[0]

    from migrate_llm.rules.dspy_subclasses import module_subclasses

    with cst_context(text, rules, module) as ctx:
        if ctx is None:
            return []
        return [
            LmSubclass(module, shown, s.name, s.base, s.line, tuple(sorted(s.taken)), s.model_first)
            for s in module_subclasses(ctx)
        ]


def imported_beyond(
    module: str, data: bytes, given: frozenset[str], tops: Iterable[str] = ()
) -> list[str]:
    """The files of the project that a module's bytes import names from (`from M import
    N`), where they are none of `given` (the run's files, normalised): resolved from the
    module's package for a relative import, else from where Python finds its top package, or
    from the project's directory `tops` or their `src/` (STORM's examples import its package
    installed from the directory above them)."""
    found = []
    directory = os.path.dirname(module)
    for match in _FROM_IMPORT.finditer(data):
        path = imported_module_file(directory, match[1].decode(), tops)
        if path is not None and path not in given:
            found.append(path)
    return found


def imported_module_file(directory: str, name: str, tops: Iterable[str] = ()) -> str | None:
    """The file of the project that a module in `directory` imports as `name` (".mod",
    "pkg.mod"), as `imported_beyond` finds it; None where no such file is."""
    if not name.lstrip("."):
        return None  # `from . import name`: no module of its own
    bases: list[str] | None = None
    if not name.startswith("."):
        bases = [import_root(directory)]
        bases += [b for top in tops for b in (top, os.path.join(top, "src"))]
    found = module_files(directory, name, bases)
    return os.path.normpath(found[0]) if found else None


def read_beyond(
    paths: Iterable[str], wanted: Callable[[bytes], bool] | None = None
) -> list[tuple[str, bytes]]:
    """The bytes of the files `paths` (found by `imported_beyond`) that `wanted` takes (by
    default those that may define a subclass: `may_derive`), at most `BEYOND` of them read."""
    wanted = may_derive if wanted is None else wanted
    read = []
    for count, path in enumerate(sorted(set(paths))):
        if count >= BEYOND:
            break
        try:
            data = read_once(path, MAX_BYTES)
        except UnreadableFile:
            continue
        if wanted(data):
            read.append((path, data))
    return read


def builds_one(data: bytes | str, names: Iterable[str]) -> bool:
    """Whether a module's bytes (or text) name one of the classes `names`."""
    if isinstance(data, str):
        return any(re.search(rf"\b{re.escape(n)}\b", data) for n in names)
    return any(re.search(rb"\b" + re.escape(n.encode()) + rb"\b", data) for n in names)
