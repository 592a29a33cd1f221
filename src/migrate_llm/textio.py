"""Reading files as text without losing what `apply` must write back: encoding, BOM, newlines."""

from __future__ import annotations

import ast
import codecs
import io
import os
import re
import tokenize
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, TypeVar

MAX_FILE_BYTES = 8 * 1024 * 1024
# A module larger than this is not read again for names by a pass beyond the rules
# (generated code, vendored bundles).
MODULE_LIMIT = 1 << 20
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def lines_of(text: str) -> list[str]:
    """`text` split after each LF, ends kept, as git and Jupyter split it (not at `\\x0c`,
    `\\x85` or `\\u2028`, which `str.splitlines` breaks at)."""
    return _LINE.findall(text)


class UnreadableFile(Exception):
    """A file that is not text we can scan; the message is one line for the user."""


class SourceText(NamedTuple):
    """Decoded text plus what it takes to encode it back to the same bytes. (A tuple: every
    file of a tree is decoded once, and a frozen dataclass costs more to make than the
    decoding of a small file.)"""

    text: str
    encoding: str
    bom: bool

    def encode(self, text: str | None = None) -> bytes:
        data = (self.text if text is None else text).encode(self.encoding)
        return "\ufeff".encode(self.encoding) + data if self.bom else data


def decode(data: bytes, python: bool) -> SourceText:
    """Decode file bytes: PEP 263 cookies for Python, UTF-8 (BOM kept) for everything else."""
    if plain_ascii(data, python):
        # most files of a tree: what the checks below would decode as UTF-8, without them
        return SourceText(data.decode("ascii"), "utf-8", False)
    wide = _utf16(data)
    if wide is not None and not python and not data.startswith(codecs.BOM_UTF32_LE):
        # a requirements file PowerShell wrote (`pip freeze > requirements.txt`), which pip
        # reads by its BOM (t53c: ChatPaper's auto_survey/requirements.txt)
        try:
            return SourceText(data[2:].decode(wide), wide, True)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"cannot decode as UTF-16 (byte {exc.start + 2})") from None
    if wide is not None or (len(data) > 3 and data[1:4:2] == b"\x00\x00" and data[0] and data[2]):
        raise UnreadableFile(
            "UTF-16 text: save it as UTF-8 (migrate-llm reads UTF-8 and PEP 263, and UTF-16 "
            "with a BOM outside Python)"
        )
    if data.find(b"\x00", 0, 8192) >= 0:
        raise UnreadableFile("binary file (contains NUL bytes)")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    encoding = "utf-8"
    if python and _may_declare(body):
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            if "unknown encoding" in str(exc):
                raise UnreadableFile(f"bad encoding declaration: {exc}") from None
            encoding = "utf-8"  # undecodable bytes early on: let the decode below say where
        if encoding == "utf-8-sig":
            encoding = "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"cannot decode as {encoding} (byte {exc.start}); declare its encoding"
        ) from None
    except LookupError:
        raise UnreadableFile(f"unknown encoding {encoding!r}") from None
    return SourceText(text, encoding, bom)


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec a BOM at the start of `data` names, else None."""
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return None


def text_of(data: bytes, python: bool) -> str:
    """`decode(data, python).text`, at once for most files of a tree (see `decode`)."""
    if plain_ascii(data, python):
        return data.decode("ascii")
    return decode(data, python).text


def plain_ascii(data: bytes, python: bool) -> bool:
    """Whether `decode(data, python)` is `data` read as ASCII, without a check of its own:
    ASCII bytes, no NUL among the first 8 kB, and (`python`) no encoding declared."""
    return (
        data.isascii() and data.find(b"\x00", 0, 8192) < 0 and not (python and _may_declare(data))
    )


def python_tree(data: bytes) -> ast.Module | None:
    """Python's tree of a module's bytes, decoded as Python reads them; None where they
    cannot be decoded or parsed (a syntax error, nesting Python refuses, no memory). Its
    warnings (`"\\d"` in a string) are the scan's to show, not a re-read's."""
    parsed = python_parsed(data)
    return None if parsed is None else parsed[1]


def python_parsed(data: bytes) -> tuple[str, ast.Module] | None:
    """A module's text, decoded as Python reads it, and Python's tree of it (`python_tree`);
    None where they cannot be had. Parsed once while a screening keeps its parses
    (`kept_parses`): its passes read the same modules (the tree is shared: not to be
    changed)."""
    kept = _kept
    if kept is not None:
        found = kept.found.get(data, kept)
        if found is not kept:
            return found  # type: ignore[return-value]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            text = text_of(data, True)
            parsed: tuple[str, ast.Module] | None = text, ast.parse(text)
    except (UnreadableFile, SyntaxError, ValueError, RecursionError, MemoryError):
        parsed = None
    if kept is not None and data in kept.wanted and len(data) <= kept.room:
        kept.found[data] = parsed
        kept.room -= len(data)
        if parsed is not None:
            kept.texts.add(parsed[0])
    return parsed


class KeptParses:
    """The texts and trees `python_parsed` keeps, by the module's bytes: those of the
    modules `wanted` (which more than one pass parses), while they come to at most `room`
    bytes (a tree takes some 25 times its source)."""

    def __init__(self, room: int) -> None:
        self.found: dict[bytes, tuple[str, ast.Module] | None] = {}
        self.wanted: set[bytes] = set()
        self.texts: set[str] = set()  # the texts of those kept
        self.room = room


_kept: KeptParses | None = None


@contextmanager
def kept_parses(room: int) -> Iterator[KeptParses]:
    """Keep what `python_parsed` finds meanwhile of the modules wanted (up to `room` bytes of
    them), then let it go."""
    global _kept
    outer, _kept = _kept, KeptParses(room)
    try:
        yield _kept
    finally:
        _kept = outer


def _may_declare(data: bytes) -> bool:
    """Whether the first two lines could hold a PEP 263 encoding declaration (without one,
    Python reads UTF-8: no need to ask `tokenize`)."""
    end = data.find(b"\n", data.find(b"\n") + 1)
    return data.find(b"coding", 0, len(data) if end < 0 else end) >= 0


def read_source(path: Path, python: bool, max_bytes: int = MAX_FILE_BYTES) -> SourceText:
    """Read and decode one file; raise UnreadableFile with a one-line reason."""
    return decode(read_bytes(path, max_bytes), python)


def read_bytes(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one file; raise UnreadableFile with a one-line reason. Without a stamp
    to take, a file under `SMALL_READ` bytes is read without a stat (a system call a file,
    which a large tree feels): one read, and one more that finds its end."""
    return _opened(path, _bytes_of, max_bytes)


def read_head(path: Path | str, max_bytes: int) -> bytes:
    """At most the first `max_bytes` bytes of one file (a binary file is screened by its
    start, whatever its size); raise UnreadableFile with a one-line reason."""
    return _opened(path, os.read, max_bytes)


def binary_text(data: bytes) -> SourceText:
    """`data` as text byte for byte (latin-1): a binary file searched, never written."""
    return SourceText(data.decode("latin-1"), "latin-1", False)


def read_stamped(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> tuple[bytes, Stamp]:
    """The bytes of one file and the stamp it had when they were read (`stamp_of`); raise
    UnreadableFile with a one-line reason."""
    return _opened(path, _stamped_bytes_of, max_bytes)


_T = TypeVar("_T")


def _opened(path: Path | str, read: Callable[[int, int], _T], max_bytes: int) -> _T:
    """`read(descriptor, max_bytes)` of the file at `path`, opened for it; its OSError as an
    UnreadableFile."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
        try:
            return read(descriptor, max_bytes)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise _unreadable(exc) from None


def _bytes_of(descriptor: int, max_bytes: int) -> bytes:
    data = os.read(descriptor, SMALL_READ)
    if len(data) < SMALL_READ:
        more = os.read(descriptor, SMALL_READ)
        if not more:
            if len(data) > max_bytes:
                raise _too_big(len(data), max_bytes)
            return data
        return _read_rest(descriptor, data + more, max_bytes)
    size = os.fstat(descriptor).st_size
    if size > max_bytes:
        raise _too_big(size, max_bytes)
    return _read_rest(descriptor, data, max_bytes)


def _stamped_bytes_of(descriptor: int, max_bytes: int) -> tuple[bytes, Stamp]:
    status = os.fstat(descriptor)
    size = status.st_size
    if 0 < size <= max_bytes:  # most files: one read, written out for a large tree
        data = os.read(descriptor, size + 1)
        if len(data) == size:
            return data, (size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        return _read_rest(descriptor, data, max_bytes), stamp_of(status)
    return _read_all(descriptor, size, max_bytes), stamp_of(status)


def _unreadable(exc: OSError) -> UnreadableFile:
    if isinstance(exc, IsADirectoryError):
        return UnreadableFile("is a directory")
    if isinstance(exc, PermissionError):
        return UnreadableFile("permission denied")
    return UnreadableFile(exc.strerror or str(exc))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)
# What `read_bytes` reads first: most source files are smaller
SMALL_READ = 1 << 16


# What tells one version of a file from another without reading it: size, modification
# and change times (ns) and inode; `touch -d` can set the modification time back, not the
# change time.
Stamp = tuple[int, int, int, int]


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _read_all(descriptor: int, size: int, max_bytes: int) -> bytes:
    """Everything `descriptor` holds (`size` bytes by its stat), read with as few calls as
    that allows (a file object would add a buffer and a call or two per file, which a large
    tree feels)."""
    if size > max_bytes:
        raise _too_big(size, max_bytes)
    data = os.read(descriptor, size + 1) if size else b""
    if size and len(data) == size:
        return data
    return _read_rest(descriptor, data, max_bytes)


def _read_rest(descriptor: int, data: bytes, max_bytes: int) -> bytes:
    """`data`, read first, and the rest: there was no size to go by (a pipe, /proc), or the
    file changed while being read."""
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    parts = [data]
    total = len(data)
    while chunk := os.read(descriptor, 1 << 16):
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_big(total, max_bytes)
    return b"".join(parts)


def _too_big(size: int, max_bytes: int) -> UnreadableFile:
    return UnreadableFile(
        f"skipped: {size / 1048576:.1f} MiB is over the {max_bytes // 1048576} MiB limit"
    )
