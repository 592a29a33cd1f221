"""The engine's second readings of a few modules (`wrapper_params`, `defaults_of`,
`env_defaults`: what a project's modules tell the others), kept in the result cache.

On an unchanged tree the modules a run reads again are the same each time, and reading one
with libcst costs a tenth of a second: a reading is kept under the cache's context (migrate-
llm's code, the provider data, the options and configuration), the reading's name and what it
depends on besides (`part`), the module's path as the reading is given it, its name as shown
and the sha256 of its bytes. Its value is the JSON of the list of NamedTuples the reading
returned, rebuilt field by field by their annotations; an entry that does not rebuild exactly
is a miss, read again.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from migrate_llm.cache import ResultCache

T = TypeVar("T", bound=tuple)  # a NamedTuple


class Readings:
    """The readings `cache` keeps (put back with `keep`; a run that only reads writes none)."""

    def __init__(self, cache: ResultCache, keep: bool = True) -> None:
        self.cache, self.keep = cache, keep

    def read(
        self,
        name: str,
        part: str,
        kind: type[T],
        read: Callable[[str, str, bytes], list[T]],
    ) -> Callable[[str, str, bytes], list[T]]:
        """`read` (the reading `name`, returning `kind`s, whose result depends besides on
        `part`), answered from the cache where it kept the same module's reading."""

        def cached(module: str, shown: str, data: bytes) -> list[T]:
            digest = hashlib.sha256(data).hexdigest()
            where = f"{module}\0{shown}"
            key = self.cache.key(f"reading:{name}", where, digest, f"{self.cache.context}\0{part}")
            kept = rebuilt(kind, self.cache.reading(key))
            if kept is not None:
                return kept
            found = read(module, shown, data)
            if self.keep:
                self.cache.put_reading(key, [list(entry) for entry in found])
            return found

        return cached


def rebuilt(kind: type[T], value: object) -> list[T] | None:
    """The list of `kind`s whose JSON is `value`, each field of the type its annotation
    gives; None where one does not fit (a damaged entry)."""
    if not isinstance(value, list):
        return None
    hints = typing.get_type_hints(kind)
    fields = [hints[name] for name in kind._fields]  # type: ignore[attr-defined]
    found = []
    for entry in value:
        if not isinstance(entry, list) or len(entry) != len(fields):
            return None
        values = []
        for item, hint in zip(entry, fields, strict=True):
            ok, item = _fitted(item, hint)
            if not ok:
                return None
            values.append(item)
        found.append(kind(*values))  # type: ignore[arg-type]
    return found


def _fitted(value: object, hint: object) -> tuple[bool, object]:
    """Whether `value` (read from JSON) is of the type `hint`, and it as that type (a list
    becomes a tuple)."""
    if hint is type(None):
        return value is None, value
    if hint in (str, int, bool, float):
        return type(value) is hint, value
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            ok, fitted = _fitted(value, arg)
            if ok:
                return True, fitted
        return False, value
    if origin is tuple and isinstance(value, list):
        kinds = [args[0]] * len(value) if len(args) == 2 and args[1] is Ellipsis else list(args)
        if len(kinds) != len(value):
            return False, value
        items = []
        for item, each in zip(value, kinds, strict=True):
            ok, fitted = _fitted(item, each)
            if not ok:
                return False, value
            items.append(fitted)
        return True, tuple(items)
    return False, value
