"""What each process would derive anew from installed code, kept between runs.

Importing libcst builds about 260 node dataclasses, and migrate-llm about 100 of its own:
for each, `dataclasses` writes the source of `__init__`, `__repr__`, `__eq__`, ... and runs
it with `exec`, compiling it anew in every process (half of libcst's import; with ours, a
quarter of a `check` of one file). The walk of libcst's trees reads the source of the node
classes it meets (`rules/traversal.py`), another twentieth. And `re` parses each regular
expression our modules compile (some 270 in a scan, a fifth of its start-up) into the code
its matcher runs, as it does those of typer, libcst and the standard library (some 45 in a
`check`, 22 of them importing typer: a twentieth of `--help`). And `typing` compiles each
annotation written as a string that a `NamedTuple` or `get_type_hints` reads (some 150 at
a scan's start, 250 in a `check`), and `collections.namedtuple` each class's `__new__`
(some 90 in a `check`).
Once `install` is called, the code compiled from each such source is kept by its text,
an expression's matcher code by the expression (not one compiled from a project's files:
its .gitignore, its exclude patterns, a glob handed to `fnmatch`), and each derived table
by a key that names what it was derived from (a file's size and modification time included, as
Python's bytecode does), in one file beside this package's bytecode, each as marshal data
of its own, read when first used (a scan that parses nothing uses a tenth of them). The same
source compiles to the same code, so what is kept is what would be built; the file starts with
the interpreter's bytecode magic number, as a .pyc does. A file that cannot be read is
ignored, and it is written as Python writes bytecode: not under PYTHONDONTWRITEBYTECODE,
not where the directory cannot be written, never half-written.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's matcher, which has no stubs
import atexit
import builtins
import collections
import contextlib
import dataclasses
import marshal
import os
import re
import sys
import typing
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, FrameType
from typing import Any, TypeVar

from migrate_llm.collector import paused

_T = TypeVar("_T")
# the modules whose dataclasses' code is kept
_FROM = ("libcst.", "migrate_llm.")
# re's compiler (`sre_compile` before Python 3.11): `compile` parses an expression, turns it
# into the matcher's code (`_code`) and hands that to `_sre.compile`
_COMPILER: Any = getattr(re, "_compiler", None) or re.sre_compile  # type: ignore[attr-defined]
_PARSER: Any = getattr(_COMPILER, "_parser", None) or _COMPILER.sre_parse
_compile_anew = _COMPILER.compile
# the modules compiling expressions from a project's files, which are compiled as always
_FROM_INPUT = frozenset({"migrate_llm.ignore_patterns", "migrate_llm.gitignored"})
# the packages whose expressions are kept (with the standard library's): each compiles
# expressions written in its code, not ones made from what a run reads
_KEPT_FROM = ("migrate_llm", "libcst", "typer")
# modules of the standard library compiling the globs their callers hand them, which may
# come from a project's files (a tox.ini's `passenv`): compiled as always
_HANDED = frozenset({"fnmatch", "glob", "pathlib"})
_kept: dict[object, object] | None = None  # read on first use
_used: dict[object, object] = {}
_state = {"installed": False, "new": False}


def install() -> None:
    """Keep code, derived tables and expressions' matcher code from now on, in this process
    and its forks."""
    if "exec" not in vars(dataclasses):
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin there
    if "compile" not in vars(typing):
        typing.compile = _compile_annotation  # type: ignore[attr-defined]  # likewise
    if "eval" not in vars(collections):
        collections.eval = _eval_tuple_new  # type: ignore[attr-defined]  # likewise
    _COMPILER.compile = compile_kept
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
    value = _value(kept, key)
    if value is _ABSENT:
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
    code = _value(kept, source)
    if not isinstance(code, CodeType):
        code = kept[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _changed()
    _used[source] = code
    builtins.exec(code, globals, locals)  # type: ignore[arg-type]


def _compile_annotation(source: object, filename: str, mode: str, *args: Any, **kw: Any) -> Any:
    """`compile` as `typing.ForwardRef` calls it (an annotation's text as an expression): its
    code is kept by that text."""
    if args or kw or mode != "eval" or not isinstance(source, str):
        return builtins.compile(source, filename, mode, *args, **kw)  # type: ignore[call-overload]
    key = ("annotation", filename, source)
    kept = _all()
    code = _value(kept, key)
    if not isinstance(code, CodeType):
        code = kept[key] = compile(source, filename, mode, dont_inherit=True)
        _changed()
    _used[key] = code
    return code


def _eval_tuple_new(source: object, globals: Any = None, locals: Any = None) -> Any:
    """`eval` as `collections.namedtuple` calls it (its `__new__`, a lambda's text): the
    code is kept by that text."""
    if locals is not None or not isinstance(source, str):
        return builtins.eval(source, globals, locals)  # type: ignore[arg-type]
    key = ("namedtuple", source)
    kept = _all()
    code = _value(kept, key)
    if not isinstance(code, CodeType):
        code = kept[key] = compile(source, "<string>", "eval", dont_inherit=True)
        _changed()
    _used[key] = code
    return builtins.eval(code, globals)


def compile_kept(pattern: Any, flags: int = 0) -> Any:
    """`re`'s compiler once installed: an expression compiled by one of our modules, or by
    typer, libcst or the standard library, is made from the matcher code kept for it
    (`matcher_code`), any other (one from a project's files, a parsed one as `re.Scanner`
    hands it) as always."""
    if (
        _state["installed"]
        and isinstance(pattern, (str, bytes))
        and not flags & re.DEBUG
        and _kept_from(_compiled_by(sys._getframe(1)))
    ):
        key = ("re", _sre.MAGIC, pattern, flags)
        kept = _all()
        parts: Any = _value(kept, key)
        try:
            compiled = _sre.compile(pattern, *parts)
        except (TypeError, ValueError, RuntimeError):  # none kept, or not what it should be
            parts = kept[key] = matcher_code(pattern, flags)
            _changed()
            compiled = _sre.compile(pattern, *parts)
        _used[key] = parts
        return compiled
    return _compile_anew(pattern, flags)


def matcher_code(pattern: str | bytes, flags: int) -> tuple[object, ...]:
    """What `re`'s compiler hands `_sre.compile` after the expression: its flags, code,
    groups and group names, as `_COMPILER.compile` makes them."""
    parsed = _PARSER.parse(pattern, flags)
    # plain ints, which `marshal` writes (the opcodes are a subclass of int)
    code = list(map(int, _COMPILER._code(parsed, flags)))
    names = dict(parsed.state.groupdict)
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    groups = parsed.state.groups - 1
    return int(flags | parsed.state.flags), code, groups, names, tuple(by_index)


def _compiled_by(frame: FrameType | None) -> str:
    """The module compiling an expression, from the frame that called `re`'s compiler; ""
    for one compiling it from a project's files (`_FROM_INPUT`, `_HANDED`)."""
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name != "re" and not name.startswith(("re.", "sre_")):
            return "" if name in _FROM_INPUT or name in _HANDED else name
        frame = frame.f_back
    return ""


def _kept_from(module: str) -> bool:
    """Whether the expressions `module` compiles are kept: ours, typer's, libcst's and the
    standard library's."""
    package = module.partition(".")[0]
    return package in _KEPT_FROM or package in sys.stdlib_module_names


def _changed() -> None:
    if not _state["new"]:
        _state["new"] = True
        atexit.register(_save)


def _all() -> dict[object, object]:
    global _kept
    if _kept is None:
        _kept = _read(store())
    return _kept


_ABSENT = object()  # no value kept under a key


def _value(kept: dict[object, object], key: object) -> object:
    """What `kept` holds under `key` (`_ABSENT` for nothing, or what cannot be read): each
    value is written as marshal data of its own and read the first time it is used (a run
    uses a few of them: a scan that parses nothing, our classes' code and expressions, not
    libcst's; reading them all was 7 ms of each start)."""
    value = kept.get(key, _ABSENT)
    if type(value) is bytes:
        try:
            value = marshal.loads(value)
        except (EOFError, ValueError, TypeError):
            value = _ABSENT
        kept[key] = value
    return value


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


def _dumps(value: Any) -> bytes:
    """`value` as marshal data (what `derived` keeps is data `marshal` writes)."""
    return marshal.dumps(value)


def _save() -> None:
    """Write what is kept, when this process added to it (atomically); only what it used
    when most of what was kept went unused (libcst or migrate-llm was upgraded)."""
    if not _state["new"] or sys.dont_write_bytecode:
        return
    kept = _all()
    if len(kept) > 2 * len(_used):
        kept = _used
    path = store()
    import tempfile  # here: most runs write nothing

    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kept-code-", suffix=".tmp")
        try:
            os.chmod(temporary, 0o644)
            written = {k: v if type(v) is bytes else _dumps(v) for k, v in kept.items()}
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC_NUMBER)
                marshal.dump(written, stream)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
