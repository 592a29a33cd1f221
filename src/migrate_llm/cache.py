"""What `scan` and `check` found in a file, kept between runs.

An entry is found again only for the same file bytes under the same name, read by the same
migrate-llm code (its version and the bytes of its modules) on the same Python version, with
the same provider data (all provider files, a project's own included), target, region, model
mappings and configuration:
any change to one of them is a different key, so an entry is never reused where it could be
wrong. The store is one SQLite file in the cache directory (`.migrate-llm-cache` by default,
with a `.gitignore` of its own); an entry that cannot be read, or a store that is not a
database, is treated as missing, and deleting the directory is always safe. It also keeps
the engine's second readings of a few modules (`readings`), under the same context.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from migrate_llm import __version__, kept_code
from migrate_llm.model import FileError, FileResult, Finding, FixClass, Severity
from migrate_llm.textio import Stamp

DEFAULT_DIRECTORY = ".migrate-llm-cache"
_STORE = "results.sqlite3"
_SCHEMA = 4
# A file whose modification time is this close to the moment it was screened could change
# again within the file system's clock tick without its stamp showing it: not kept.
RACY_NS = 2_000_000_000
# What a run that writes keeps: entries written in the last 30 days (one read since but not
# written is examined again after that), and the screenings of the 8 contexts (provider,
# options, migrate-llm version) written last. The store does not grow without bound.
KEEP_SECONDS = 30 * 24 * 3600
KEEP_CONTEXTS = 8
# Keys looked up in one query (SQLite allows 999 parameters in older builds)
_KEYS_A_QUERY = 500
# The layout of the store's tables (`PRAGMA user_version`)
_STORE_LAYOUT = 7


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version and the bytes of migrate-llm's own modules and data: a development
    checkout with changed rules does not read results its old rules wrote. Kept between
    runs (`kept_code`) while each file's stamp (size, modification and change times) is
    the same, as Python keeps bytecode: hashing the package's 8 MB was some 20 ms of every
    run with a cache."""
    package = Path(__file__).resolve().parent
    top = str(package)
    files = _package_files(top)
    # plain strings, not `Path`s: this runs at every start, over some 400 files
    stamps = tuple((name, *_file_stamp(f"{top}/{name}")) for name in files)
    return kept_code.derived(
        ("code_fingerprint", __version__, _SCHEMA, str(package), stamps),
        lambda: _fingerprint(package, files),
    )


def _package_files(top: str) -> list[str]:
    """The modules and data files under `top` (not its bytecode), by their paths from it with
    `/`, sorted as `Path`s sort."""
    found = []
    for directory, directories, names in os.walk(top):
        directories[:] = [d for d in directories if d != "__pycache__"]
        below = os.path.relpath(directory, top).replace(os.sep, "/")
        for name in names:
            if name.endswith((".py", ".json")):
                found.append(name if below == "." else f"{below}/{name}")
    # as `Path(name).parts` sort: the names are relative, `/`-separated, with no empty part
    return sorted(found, key=lambda name: name.split("/"))


def _file_stamp(path: str) -> tuple[int, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1, -1)
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _fingerprint(package: Path, files: list[str]) -> str:
    digest = hashlib.sha256(f"{__version__}:{_SCHEMA}".encode())
    for name in files:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def python_version() -> str:
    """The running Python's `major.minor`: which files parse, and so every result, depends on
    it (a file 3.11 rejects can be valid for 3.12, whose run must not read 3.11's error)."""
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def context_key(parts: Iterable[object]) -> str:
    """One key for everything a file's result depends on besides its own bytes and name."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(canonical(part).encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def canonical(value: object) -> str:
    """`repr` of `value` with sets and mappings in sorted order: a set's own order depends on
    the process's string hash seed, so its plain repr differs from one run to the next."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = (f.name for f in dataclasses.fields(value))
        fields = (f"{name}={canonical(getattr(value, name))}" for name in names)
        return f"{type(value).__name__}({', '.join(fields)})"
    if isinstance(value, Mapping):
        items = sorted(f"{canonical(k)}: {canonical(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(canonical(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(canonical(v) for v in value) + "]"
    return repr(value)


class ResultCache:
    """File results by (context, kind, name, bytes) in `directory`."""

    def __init__(self, directory: Path, context: str) -> None:
        self.directory = directory
        self.context = context
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, str]] = []
        self._screenings: dict[str, list] | None = None
        self._screened: dict[str, list] = {}
        self._screening_context = context
        self._ignores: dict[str, str] = {}
        self._readings: dict[str, str] = {}
        # why the store could not be written, when it could not (`close`)
        self._problem: str | None = None

    def key(self, kind: str, name: str, content: str, context: str | None = None) -> str:
        """The entry of a file of `kind` shown as `name` whose bytes have sha256 `content`
        (under `context`; this cache's own without one)."""
        text = f"{self.context if context is None else context}\0{kind}\0{name}\0{content}"
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, FileResult]:
        """The results kept under `keys`, by key (a few queries for them all: an unchanged
        tree looks up hundreds); a missing or damaged entry is left out, a miss."""
        db = self._open()
        if db is None:
            return {}
        found: dict[str, FileResult] = {}
        try:
            for start in range(0, len(keys), _KEYS_A_QUERY):
                chunk = keys[start : start + _KEYS_A_QUERY]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value FROM results WHERE key IN ({marks})"
                for key, value in db.execute(query, chunk):
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        found[key] = _result(json.loads(value))
        except sqlite3.Error:
            return {}  # a damaged store: every file is a miss
        return found

    def put(self, key: str, result: FileResult) -> None:
        self._pending.append((key, json.dumps(_to_json(result))))

    def screenings(self) -> dict[str, list]:
        """Each path's screening under this context, as kept: [worth examining, sets openai's
        configuration, the four numbers of the stamp the file had, sha256 of its bytes or
        ""]. One value for all paths, read in one go: a large tree has tens of thousands
        (flat lists, not converted: reading them is most of a run on an unchanged tree). A
        damaged entry is for the reader to reject (`Screening.kept`)."""
        if self._screenings is None:
            self._screenings = self._read_screenings()
        return self._screenings

    def _read_screenings(self) -> dict[str, list]:
        db = self._open()
        if db is None:
            return {}
        try:
            row = db.execute(
                "SELECT value FROM screened WHERE context = ?", (self._screening_context,)
            ).fetchone()
            stored = json.loads(row[0]) if row is not None else {}
        except (sqlite3.Error, ValueError, TypeError):
            return {}  # a damaged value: every file is screened again
        return stored if isinstance(stored, dict) else {}

    def put_screening(self, path: str, worth: bool, facts: int, stamp: Stamp, digest: str) -> None:
        """Keep a file's screening, unless its stamp is too recent to be trusted."""
        if stamp[1] >= time.time_ns() - RACY_NS:
            return
        self._screened[path] = [worth, facts, *stamp, digest]

    def kept_ignores(self) -> dict[str, str]:
        """What earlier runs kept of .gitignore and exclude patterns, as JSON by key
        (`ignore_patterns.Kept`; a damaged entry is for it to reject)."""
        db = self._open()
        if db is None:
            return {}
        try:
            return dict(db.execute("SELECT key, value FROM ignores"))
        except sqlite3.Error:
            return {}

    def put_ignores(self, entries: Mapping[str, object]) -> None:
        """Keep what this run learned of its patterns (`Kept.learned()`)."""
        for key, entry in entries.items():
            self._ignores[key] = json.dumps(entry, separators=(",", ":"))

    def reading(self, key: str) -> object:
        """What a module's reading (`readings.Readings`) kept under `key`, as JSON read back;
        None where there is none, or it is damaged (for the reader to check the rest)."""
        db = self._open()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM readings WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row is not None else None
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def put_reading(self, key: str, value: object) -> None:
        """Keep a module's reading (JSON) under `key`."""
        self._readings[key] = json.dumps(value, separators=(",", ":"))

    def close(self) -> str | None:
        """Write what was put (one transaction), drop what has not been written for
        `KEEP_SECONDS` (and screenings beyond the `KEEP_CONTEXTS` written last), and close the
        store; a store that cannot be written (read-only directory, full disk) is left as it
        was, and why is returned. Only a run that writes prunes: a run that only reads stays
        read-only."""
        writing = bool(self._pending or self._screened or self._ignores or self._readings)
        db = self._open(create=True) if writing else self._db
        problem = self._problem if writing and db is None else None
        if db is not None:
            try:
                self._write(db)
            except sqlite3.Error as exc:
                problem = _cannot_write(exc, self.directory)
            db.close()
        self._db = None
        self._pending = []
        self._screened = {}
        self._ignores = {}
        self._readings = {}
        return problem

    def _write(self, db: sqlite3.Connection) -> None:
        with db:
            now = int(time.time())
            db.executemany(
                "INSERT OR REPLACE INTO results (key, value, written) VALUES (?, ?, ?)",
                [(key, value, now) for key, value in self._pending],
            )
            if self._screened:
                self._write_screenings(db, now)
            if self._ignores:
                db.executemany(
                    "INSERT OR REPLACE INTO ignores (key, value, written) VALUES (?, ?, ?)",
                    [(key, value, now) for key, value in self._ignores.items()],
                )
            if self._readings:
                db.executemany(
                    "INSERT OR REPLACE INTO readings (key, value, written) VALUES (?, ?, ?)",
                    [(key, value, now) for key, value in self._readings.items()],
                )
            if self._pending or self._screened:  # kept patterns or readings alone prune nothing
                _prune(db, now - KEEP_SECONDS, self._screening_context)

    def _write_screenings(self, db: sqlite3.Connection, now: int) -> None:
        """The screenings of the context they were read under, with those put since (two
        runs at once: the last one's are kept, the other's files are screened again)."""
        if self._screenings is None:
            self._screenings = self._read_screenings()
        merged = {**self._screenings, **self._screened}
        db.execute(
            "INSERT OR REPLACE INTO screened (context, value, written) VALUES (?, ?, ?)",
            (self._screening_context, json.dumps(merged, separators=(",", ":")), now),
        )

    def _open(self, create: bool = False) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        path = self.directory / _STORE
        if not create and not path.exists():
            return None
        try:
            if create:
                self.directory.mkdir(parents=True, exist_ok=True)
                ignore = self.directory / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# written by migrate-llm\n*\n", encoding="utf-8")
            db = _connect(path)
        except (OSError, sqlite3.Error) as exc:
            if create:
                self._problem = _cannot_write(exc, self.directory)
                with contextlib.suppress(OSError):  # not a database: start it again
                    path.unlink()
                    return self._retry()
            return None
        self._db = db
        return db

    def _retry(self) -> sqlite3.Connection | None:
        try:
            db = _connect(self.directory / _STORE)
        except sqlite3.Error as exc:
            self._problem = _cannot_write(exc, self.directory)
            return None
        self._db = db
        return db


def _cannot_write(exc: Exception, directory: Path) -> str:
    """One line on why the store in `directory` could not be opened for writing."""
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else directory
        return f"cannot write {where}: {exc.strerror or exc}"
    return f"cannot write {directory / _STORE}: {exc}"


def _connect(path: Path) -> sqlite3.Connection:
    """The store at `path`, its tables made (`_create_tables`)."""
    db = sqlite3.connect(path, timeout=5)
    _create_tables(db)
    return db


def _create_tables(db: sqlite3.Connection) -> None:
    """The tables, in the layout of `_STORE_LAYOUT`; a store of another layout is emptied
    (its entries were keyed by older code anyway)."""
    (layout,) = db.execute("PRAGMA user_version").fetchone()
    if layout != _STORE_LAYOUT:
        for table in ("results", "screened", "screenings", "ignores", "readings"):
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute(f"PRAGMA user_version = {_STORE_LAYOUT}")
    db.execute(
        "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT, written INTEGER)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS results_by_age ON results (written)")
    db.execute(
        "CREATE TABLE IF NOT EXISTS screened"
        " (context TEXT PRIMARY KEY, value TEXT, written INTEGER)"
    )
    for table in ("ignores", "readings"):
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {table}"
            " (key TEXT PRIMARY KEY, value TEXT, written INTEGER)"
        )


def _prune(db: sqlite3.Connection, cutoff: int, current: str) -> None:
    db.execute("DELETE FROM results WHERE written < ?", (cutoff,))
    db.execute("DELETE FROM ignores WHERE written < ?", (cutoff,))
    db.execute("DELETE FROM readings WHERE written < ?", (cutoff,))
    db.execute(
        "DELETE FROM screened WHERE context != ? AND (written < ? OR context NOT IN "
        "(SELECT context FROM screened ORDER BY written DESC LIMIT ?))",
        (current, cutoff, KEEP_CONTEXTS),
    )


def _to_json(result: FileResult) -> dict[str, object]:
    return {
        "path": result.path,
        "parsed": result.parsed,
        "findings": [f.to_json() for f in result.findings],
        "error": result.error.to_json() if result.error else None,
    }


def _result(data: dict) -> FileResult:
    findings = tuple(
        Finding(
            f["rule"],
            f["category"],
            Severity(f["severity"]),
            FixClass(f["fix"]),
            f["message"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
            f["path"],
            cell=f.get("cell"),
            data=f["data"],
        )
        for f in data["findings"]
    )
    error = data["error"]
    return FileResult(
        data["path"],
        findings,
        FileError(error["path"], error["message"], error.get("line")) if error else None,
        data["parsed"],
    )
