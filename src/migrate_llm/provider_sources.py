"""Where each provider fact comes from: the `[sources]` table of a provider file.

A key is a dotted fact path (`base_url`, `"params.max_tokens_param"`, `"notes.2"`) or a prefix
of one (`models` covers every `models.*` entry without a key of its own). A value is a source,
or a list of them: a page a user can open (`url`, the page's own `date` and/or the day it was
`retrieved`, an optional `quote` and `kind`), or `{ convention = "..." }` for a value that is
migrate-llm's choice rather than a provider's fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from migrate_llm.errors import ProviderError

KINDS = ("official", "official-sdk", "third-party")
_SOURCE_KEYS = {"url", "date", "retrieved", "quote", "kind"}
QUOTE_MAX = 160

# Top-level keys that say who the provider is or how migrate-llm detects it, not what it does.
EXEMPT = frozenset(
    {
        "schema",
        "id",
        "name",
        "aliases",
        "docs",
        "as_of",
        "default_region",
        "passthrough_models",
        "detect",
        "uncertain",
        "sources",
    }
)


@dataclass(frozen=True)
class Source:
    """One source of a fact: a page, or migrate-llm's own convention."""

    url: str = ""
    date: dt.date | None = None
    retrieved: dt.date | None = None
    quote: str = ""
    kind: str = ""
    convention: str = ""

    def describe(self) -> str:
        """One line for people: the URL and its dates, or the convention."""
        if self.convention:
            return f"migrate-llm convention: {self.convention}"
        when = [f"dated {self.date.isoformat()}"] if self.date else ["undated"]
        if self.retrieved:
            when.append(f"retrieved {self.retrieved.isoformat()}")
        extra = f", {self.kind}" if self.kind else ""
        quote = f' "{self.quote}"' if self.quote else ""
        return f"{self.url} ({', '.join(when)}{extra}){quote}"

    def to_json(self) -> dict[str, str]:
        fields = {
            "url": self.url,
            "date": self.date.isoformat() if self.date else "",
            "retrieved": self.retrieved.isoformat() if self.retrieved else "",
            "quote": self.quote,
            "kind": self.kind,
            "convention": self.convention,
        }
        return {k: v for k, v in fields.items() if v}


def _fail(source: str, key: str, problem: str) -> ProviderError:
    return ProviderError(f"{source}: sources.{key}: {problem}")


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _parse_one(origin: str, key: str, value: object) -> Source:
    if not isinstance(value, dict):
        raise _fail(origin, key, "expected a table such as { url = ..., date = ... }")
    if "convention" in value:
        text = value["convention"]
        if set(value) != {"convention"} or not isinstance(text, str) or not text.strip():
            raise _fail(origin, key, "a convention is one non-empty string and nothing else")
        return Source(convention=text)
    unknown = sorted(set(value) - _SOURCE_KEYS)
    if unknown:
        raise _fail(
            origin, key, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_SOURCE_KEYS))})"
        )
    url = value.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc or " " in str(url):
        raise _fail(origin, key, f"url must be an https:// address a reader can open, got {url!r}")
    for name in ("date", "retrieved"):
        if name in value and not _is_date(value[name]):
            raise _fail(origin, key, f"{name} must be a date such as 2026-11-30")
    if "date" not in value and "retrieved" not in value:
        raise _fail(origin, key, "give the page's date, or retrieved = <day read> when it has none")
    quote = value.get("quote", "")
    if not isinstance(quote, str) or len(quote) > QUOTE_MAX:
        raise _fail(origin, key, f"quote must be a string of at most {QUOTE_MAX} characters")
    kind = value.get("kind", "")
    if kind and kind not in KINDS:
        raise _fail(origin, key, f"kind must be one of {', '.join(KINDS)}")
    return Source(
        url=str(url),
        date=value.get("date"),
        retrieved=value.get("retrieved"),
        quote=quote,
        kind=kind,
    )


Path = tuple[str, ...]


def fact_paths(data: Mapping[str, Any]) -> Iterator[Path]:
    """Every fact of a provider table as a key path: scalars, table entries, notes by index.

    With a default region, `base_url` is that region's URL: one fact, sourced under `regions`.
    """
    for key, value in data.items():
        if key in EXEMPT or (key == "base_url" and "default_region" in data):
            continue
        if isinstance(value, dict):
            yield from _table_paths((key,), value)
        elif isinstance(value, list) and key == "notes":
            yield from ((key, str(i)) for i in range(len(value)))
        else:
            yield (key,)


def _table_paths(prefix: Path, table: Mapping[str, Any]) -> Iterator[Path]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _table_paths((*prefix, key), value)
        else:
            yield (*prefix, key)


def resolve(data: object, dotted: str) -> Path | None:
    """The key path a dotted `[sources]` key names in `data`, or None.

    Keys may hold dots themselves (`"gpt-4.1*"`), so every split of the text is tried.
    """
    if not dotted:
        return ()
    if isinstance(data, list):
        return (dotted,) if dotted.isdigit() and int(dotted) < len(data) else None
    if not isinstance(data, Mapping):
        return None
    for cut in range(len(dotted), 0, -1):
        if cut < len(dotted) and dotted[cut] != ".":
            continue
        head = dotted[:cut]
        if head in data:
            rest = resolve(data[head], dotted[cut + 1 :])
            if rest is not None:
                return (head, *rest)
    return None


def parse_sources(data: Mapping[str, Any], origin: str) -> dict[Path, tuple[Source, ...]]:
    """Validate `[sources]`: every key names a fact or a table of facts of the file."""
    raw = data.get("sources", {})
    if not isinstance(raw, dict):
        raise ProviderError(f"{origin}: sources: expected a table")
    sources: dict[Path, tuple[Source, ...]] = {}
    for key, value in raw.items():
        items = value if isinstance(value, list) else [value]
        if not items:
            raise _fail(origin, key, "expected at least one source")
        path = resolve(data, key)
        # `[detect]` needs no source; its `sdk_clients` (what a class takes) may have one
        if path is None or (path[0] in EXEMPT and path[:2] != ("detect", "sdk_clients")):
            raise _fail(origin, key, "names no fact of this file")
        sources[path] = tuple(_parse_one(origin, key, item) for item in items)
    return sources


class CheckedSources(Mapping[Path, tuple[Source, ...]]):
    """`parse_sources(data, origin)`, made when first read: the `[sources]` of a table that
    passed `parse_sources` when it was saved (the built-in files' snapshot). A run reads
    them only to show where a fact comes from, and making 500 of them was a third of the
    registry's load. Should the saved table no longer pass (edited by hand), they are read
    from `table()`, the file's own."""

    def __init__(
        self, data: Mapping[str, Any], origin: str, table: Callable[[], Mapping[str, Any]]
    ) -> None:
        self._data, self._origin, self._table = data, origin, table
        self._parsed: dict[Path, tuple[Source, ...]] | None = None

    def _sources(self) -> dict[Path, tuple[Source, ...]]:
        if self._parsed is None:
            try:
                self._parsed = parse_sources(self._data, self._origin)
            except ProviderError:
                self._parsed = parse_sources(self._table(), self._origin)
        return self._parsed

    def __getitem__(self, path: Path) -> tuple[Source, ...]:
        return self._sources()[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._sources())

    def __len__(self) -> int:
        return len(self._sources())


def source_for(
    sources: Mapping[Path, Sequence[Source]], path: Path
) -> tuple[Path, tuple[Source, ...]]:
    """The most specific `[sources]` key covering `path`, and its sources (((), ()) if none)."""
    for end in range(len(path), 0, -1):
        if path[:end] in sources:
            return path[:end], tuple(sources[path[:end]])
    return (), ()


def unsourced(data: Mapping[str, Any], sources: Mapping[Path, Sequence[Source]]) -> list[str]:
    """The facts no source covers, as dotted paths."""
    return [".".join(p) for p in fact_paths(data) if not source_for(sources, p)[1]]


def newest_date(sources: Mapping[Path, Sequence[Source]]) -> dt.date | None:
    """The newest page date among the sources (undated pages do not count)."""
    dates = [s.date for items in sources.values() for s in items if s.date is not None]
    return max(dates, default=None)
