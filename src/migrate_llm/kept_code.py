"""What each process would derive anew from installed code, kept between runs.

Importing libcst builds about 260 node dataclasses, and migrate-llm about 100 of its own:
for each, `dataclasses` writes the source of `__init__`, `__repr__`, `__eq__`, ... and runs
it with `exec`, compiling it anew in every process (half of libcst's import; with ours, a
quarter of a `check` of one file). The walk of libcst's trees reads the source of the node
classes it meets (`rules/traversal.py`), another twentieth. Once `install` is called, the
code compiled from each such source is kept by its text, and each derived table by a key
that names what it was derived from (a file's size and modification time included, as
Python's bytecode does), in one file beside this package's bytecode. The same source
compiles to the same code, so what is kept is what would be built; the file starts with
the interpreter's bytecode magic number, as a .pyc does. A file that cannot be read is
ignored, and it is written as Python writes bytecode: not under PYTHONDONTWRITEBYTECODE,
not where the directory cannot be written, never half-written.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import TypeVar

from migrate_llm.collector import paused

_T = TypeVar("_T")
# the modules whose dataclasses' code is kept
_FROM = ("libcst.", "migrate_llm.")
_kept: dict[object, object] | None = None  # read on first use
_used: dict[object, object] = {}
_state = {"installed": False, "new": False}


def install() -> None:
    """Keep code and derived tables from now on, in this process and its forks."""
    if "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin there
    _state["installed"] = True


def store() -> Path:
    """The file kept for this interpreter (its bytecode tag and optimization level)."""
    tag = f"{sys.implementation.cache_tag}.opt{sys.flags.optimize}"
    return Path(__file__).parent / "__pycache__" / f"kept-code.{tag}.marshal"


def derived(key: tuple[object, ...], compute: Callable[[], _T]) -> _T:
    """`compute()`, kept under `key` once `install` was called. `compute` must give what
    `marshal` writes (tuples, strings, numbers, None); `key` names all it depends on."""
    if not _state["installed"]:
        return compute()
    kept = _all()
    if key in kept:
        value = kept[key]
    else:
        value = kept[key] = compute()
        _changed()
    _used[key] = value
    return value  # type: ignore[return-value]


def _exec(source: object, globals: dict[str, object] | None = None, locals: object = None) -> None:
    """`exec` as `dataclasses` calls it; our and libcst's classes' source runs from kept code."""
    name = globals.get("__name__") if globals is not None else None
    if not (isinstance(source, str) and isinstance(name, str) and name.startswith(_FROM)):
        builtins.exec(source, globals, locals)  # type: ignore[arg-type]
        return
    kept = _all()
    code = kept.get(source)
    if not isinstance(code, CodeType):
        code = kept[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _changed()
    _used[source] = code
    builtins.exec(code, globals, locals)  # type: ignore[arg-type]


def _changed() -> None:
    if not _state["new"]:
        _state["new"] = True
        atexit.register(_save)


def _all() -> dict[object, object]:
    global _kept
    if _kept is None:
        _kept = _read(store())
    return _kept


def _read(path: Path) -> dict[object, object]:
    try:
        # read at once: `marshal.load` of a file reads it a few bytes at a time (seven times
        # as long); and a thousand objects that stay, which collections would walk for nothing
        raw = path.read_bytes()
        if not raw.startswith(MAGIC_NUMBER):  # another build of this Python's bytecode
            return {}
        with paused():
            data = marshal.loads(raw[len(MAGIC_NUMBER) :])
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save() -> None:
    """Write what is kept, when this process added to it (atomically); only what it used
    when most of what was kept went unused (libcst or migrate-llm was upgraded)."""
    if not _state["new"] or sys.dont_write_bytecode:
        return
    kept = _all()
    if len(kept) > 2 * len(_used):
        kept = _used
    path = store()
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kept-code-", suffix=".tmp")
        try:
            os.chmod(temporary, 0o644)
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC_NUMBER)
                marshal.dump(kept, stream)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
