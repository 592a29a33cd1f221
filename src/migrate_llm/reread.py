"""What the screening's passes read again (`engine.Screened.of`), read once for all of them.

Each pass (the tables of defaults, the wrappers, the patched clients, DSPy's subclasses and
the modules they import beyond the paths given, the key names, the thinking-off callees, the
service names, GraphRAG's settings...) reads the few files of the projects needing it, and
one file often serves several. Inside `reading_once`, every file is read once
(`read_once`: its bytes, or why they cannot be read), and the modules the screening flags
for two passes parsing them or more (`ReadOnce.share`) are parsed once: Python's text and
tree of their bytes (`textio.python_parsed`) and libcst's tree of their text
(`cst_module`). What is kept is bounded (`KEPT_BYTES`, `KEPT_TREES`, `KEPT_CST`): past that
a huge tree's passes read again rather than hold it all; all is let go at the end."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from migrate_llm.textio import (
    MAX_FILE_BYTES,
    KeptParses,
    UnreadableFile,
    kept_parses,
    python_parsed,
    read_bytes,
)

if TYPE_CHECKING:
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python_context import PythonContext

# How much a screening keeps, first come (past it, a pass reads or parses again): the bytes
# of the files read (a re-read costs some 30 us; LlamaIndex's tree reads 4,237 files, 34 MB,
# for its passes, which held whole would raise its peak memory by a fifth); the bytes of the
# shared modules whose Python trees are kept (a tree takes some 25 times its source); those
# of the texts whose libcst trees are kept (some 75 times).
KEPT_BYTES = 8 << 20
KEPT_TREES = 1 << 20
KEPT_CST = 256 << 10


class ReadOnce:
    """The files a screening's passes read, each read once, and the parses kept of the
    modules shared (see the module's docstring)."""

    def __init__(self, parses: KeptParses) -> None:
        self._read: dict[tuple[str, int], bytes | str] = {}  # bytes, or why unreadable
        self._room = KEPT_BYTES
        self._parses = parses
        self._shared: set[str] = set()
        self._cst: dict[str, cst.Module] = {}
        self._cst_room = KEPT_CST

    def share(self, names: Iterable[str]) -> None:
        """Keep the parses of the modules `names` (those more than one pass parses)."""
        self._shared.update(os.path.abspath(name) for name in names)

    def bytes_of(self, path: str, max_bytes: int) -> bytes:
        """`read_bytes(path, max_bytes)`, read once: raises UnreadableFile as it does."""
        key = (os.path.abspath(path), max_bytes)
        found = self._read.get(key)
        if found is None:
            try:
                found = read_bytes(path, max_bytes)
            except UnreadableFile as exc:
                found = str(exc)
            size = len(found) if isinstance(found, bytes) else 0
            if size <= self._room:
                self._read[key] = found
                self._room -= size
            if size and key[0] in self._shared:
                self._parses.wanted.add(found)  # type: ignore[arg-type]
        if isinstance(found, str):
            raise UnreadableFile(found)
        return found

    def cst_module(self, text: str) -> cst.Module:
        """libcst's tree of `text`, parsed once where it is a shared module's (`cst_module`)."""
        from migrate_llm.rules.python import parsed_again

        found = self._cst.get(text)
        if found is None:
            found = parsed_again(text)
            if len(text) <= self._cst_room and text in self._parses.texts:
                self._cst[text] = found
                self._cst_room -= len(text)
        return found


_open: ReadOnce | None = None


@contextmanager
def reading_once() -> Iterator[ReadOnce]:
    """Read each file once meanwhile (`read_once`), and parse each module shared once
    (`textio.python_parsed`, `cst_module`); let all of it go at the end."""
    global _open
    outer = _open
    try:
        with kept_parses(KEPT_TREES) as parses:
            _open = ReadOnce(parses)
            yield _open
    finally:
        _open = outer


def read_once(path: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """`read_bytes(path, max_bytes)`, read once inside `reading_once`: raises UnreadableFile
    as it does."""
    reads = _open
    return read_bytes(path, max_bytes) if reads is None else reads.bytes_of(path, max_bytes)


def module_text(path: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of the module at `path` (undecodable bytes replaced), "" where unreadable."""
    try:
        return read_bytes(path, max_bytes).decode("utf-8", "replace")
    except UnreadableFile:
        return ""


def cst_module(text: str) -> cst.Module:
    """libcst's tree of a module's `text` (`rules.python.parsed_again`), parsed once inside
    `reading_once` (the tree is shared: libcst's are never changed); raises as it does."""
    reads = _open
    if reads is None:
        from migrate_llm.rules.python import parsed_again

        return parsed_again(text)
    return reads.cst_module(text)


@contextmanager
def cst_context(text: str, rules: RuleContext, module: str) -> Iterator[PythonContext | None]:
    """The rules' context of a module's `text` (libcst's tree from `cst_module`), released on
    leaving; None where libcst cannot parse it (a pass reading a module again)."""
    import libcst as cst

    from migrate_llm.rules.python_context import PythonContext

    try:
        parsed = cst_module(text)
    except (cst.ParserSyntaxError, RecursionError):
        yield None
        return
    ctx = PythonContext(parsed, rules, text, None, module)
    try:
        yield ctx
    finally:
        ctx.release()


@contextmanager
def parsed_context(data: bytes, rules: RuleContext, module: str) -> Iterator[PythonContext | None]:
    """The rules' context of a module's bytes `data` (`cst_context`), Python's parser first
    (`textio.python_parsed`: it refuses what libcst would choke on); None where either cannot
    parse them."""
    read = python_parsed(data)
    if read is None:
        yield None
        return
    with cst_context(read[0], rules, module) as ctx:
        yield ctx
