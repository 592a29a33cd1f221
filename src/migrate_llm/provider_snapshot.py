"""The built-in provider files as parsed once, kept in the user's cache directory.

Every run reads the built-in `providers/*.toml`; tomllib is pure Python and parsing them
costs about 60 ms a process, more than the rest of a small `check`. The parsed tables are
kept as JSON (data, never code) in `<user cache>/migrate-llm/`, under the sha256 of the
files' names and bytes (`Registry.digest`'s part for them), like Python's own bytecode cache:
a snapshot is used only for exactly the bytes it was made from. Nothing here raises: a missing,
damaged or unwritable snapshot means the files are parsed as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

SNAPSHOT_FORMAT = 1
KEPT = 4  # snapshots kept (one per installed version of the provider files in use)

# A TOML date, time or date-time in JSON: `{"\0": ["date", "2026-09-01"]}`. A table of the
# files whose only key is "\0" would read back as a date: such files are never snapshot.
_TAG = "\0"
_TYPES: dict[str, Any] = {"date": dt.date, "time": dt.time, "datetime": dt.datetime}


def cache_home() -> Path | None:
    """`migrate-llm` in the platform's user cache directory, or None when there is no home."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "migrate-llm" / "Cache" if base else None
    try:
        home = Path.home()
    except RuntimeError:
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "migrate-llm"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else home / ".cache"  # a relative one is ignored
    return base / "migrate-llm"


def _path(digest: str) -> Path | None:
    home = cache_home()
    return home / f"providers-{digest}.json" if home is not None else None


def load(digest: str, count: int) -> list[dict[str, Any]] | None:
    """The `count` tables parsed from the files whose digest is `digest`, or None."""
    path = _path(digest)
    if path is None:
        return None
    try:
        kept = json.loads(path.read_bytes(), object_hook=_untagged)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if not (
        isinstance(kept, dict)
        and kept.get("format") == SNAPSHOT_FORMAT
        and kept.get("digest") == digest
        and isinstance(kept.get("tables"), list)
        and len(kept["tables"]) == count
        and all(isinstance(t, dict) for t in kept["tables"])
    ):
        return None
    tables: list[dict[str, Any]] = kept["tables"]
    return tables


def save(digest: str, tables: list[dict[str, Any]]) -> None:
    """Keep `tables` for the files whose digest is `digest` (atomically; errors ignored)."""
    path = _path(digest)
    if path is None or _holds_tag(tables):
        return
    try:
        data = json.dumps(
            {"format": SNAPSHOT_FORMAT, "digest": digest, "tables": tables},
            default=_tagged,
            ensure_ascii=False,
            allow_nan=True,
        ).encode("utf-8")
    except _Unkept:
        return
    import tempfile  # only when a snapshot is written

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".providers-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent)


class _Unkept(Exception):
    """A value JSON cannot carry back exactly: the tables are not snapshot."""


def _tagged(value: object) -> object:
    for name, kind in _TYPES.items():
        if type(value) is kind:
            assert isinstance(value, (dt.date, dt.time))
            return {_TAG: [name, value.isoformat()]}
    raise _Unkept


def _holds_tag(value: object) -> bool:
    if isinstance(value, dict):
        return _TAG in value or any(_holds_tag(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_tag(v) for v in value)
    return False


def _untagged(table: dict[str, Any]) -> object:
    if _TAG not in table:
        return table
    if len(table) != 1:
        raise ValueError("a tagged value with other keys")
    name, text = table[_TAG]
    return _TYPES[name].fromisoformat(text)


def _prune(directory: Path) -> None:
    """Keep the `KEPT` snapshots written last (a machine with several versions installed)."""
    snapshots = []
    for path in directory.glob("providers-*.json"):
        with contextlib.suppress(OSError):
            snapshots.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(snapshots, reverse=True)[KEPT:]:
        with contextlib.suppress(OSError):
            path.unlink()
