"""Where code for an API no endpoint serves any more can go: `[shut_down]` and `[own_api]`.

`[shut_down.<surface>]` (OpenAI's file): an API the provider served and shut down, the day
it stopped (`on`) and its API that takes its place (`instead`, a surface it serves): the
Assistants API, shut down on 2026-08-26, whose code moves to the Responses API. A client
apply leaves on OpenAI for such an API fails there as well, and the rules say so.

`[own_api.<surface>]` (a target's file): the provider's own API, not OpenAI-compatible, that
does what the OpenAI API it lacks does (`name`, and `url`, its reference page): Zhipu's
assistant API for the Assistants API. Code can be moved there by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from migrate_llm.errors import ProviderError


@dataclass(frozen=True)
class ShutDown:
    """An API the provider no longer serves: since `on`, with `instead` (a surface) in its
    place."""

    on: dt.date
    instead: str

    def to_json(self) -> dict[str, str]:
        return {"on": self.on.isoformat(), "instead": self.instead}


@dataclass(frozen=True)
class OwnApi:
    """The provider's own API for what an OpenAI API it lacks does: its name and reference
    page."""

    name: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "url": self.url}


def _fail(source: str, key: str, problem: str) -> ProviderError:
    return ProviderError(f"{source}: {key}: {problem}")


def _tables(source: str, name: str, value: object, keys: tuple[str, ...]) -> dict[str, dict]:
    """The `[name.<surface>]` tables of `value`, each with exactly `keys`."""
    if not isinstance(value, dict):
        raise _fail(source, name, "expected a table of API surfaces")
    for surface, table in value.items():
        key = f"{name}.{surface}"
        if not isinstance(table, dict):
            raise _fail(source, key, f"expected a table with {', '.join(keys)}")
        for field in table:
            if field not in keys:
                raise _fail(source, f"{key}.{field}", f"unknown key (known: {', '.join(keys)})")
        for field in keys:
            if field not in table:
                raise _fail(source, f"{key}.{field}", "missing")
    return value


def parse_shut_down(
    source: str, value: object, supports: Mapping[str, object]
) -> dict[str, ShutDown]:
    """Validate `[shut_down]`: surface -> { on = <date>, instead = "<surface>" }, for surfaces
    `supports` marks false; `instead` names one it marks true."""
    found: dict[str, ShutDown] = {}
    for surface, table in _tables(source, "shut_down", value, ("on", "instead")).items():
        key = f"shut_down.{surface}"
        if supports.get(surface) is not False:
            raise _fail(source, key, f"supports.{surface} is not false")
        on, instead = table["on"], table["instead"]
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise _fail(source, f"{key}.on", "expected a date such as 2026-08-26")
        if not isinstance(instead, str) or supports.get(instead) is not True:
            raise _fail(source, f"{key}.instead", f"supports.{instead} is not true")
        found[surface] = ShutDown(on, instead)
    return found


def parse_own_api(
    source: str,
    value: object,
    supports: Mapping[str, object],
    check_url: Callable[[str, str, object], str],
) -> dict[str, OwnApi]:
    """Validate `[own_api]`: surface -> { name = "...", url = "https://..." }, for surfaces
    `supports` marks false (an API it serves needs no other)."""
    found: dict[str, OwnApi] = {}
    for surface, table in _tables(source, "own_api", value, ("name", "url")).items():
        key = f"own_api.{surface}"
        if supports.get(surface) is not False:
            raise _fail(source, key, f"supports.{surface} is not false")
        name = table["name"]
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, f"{key}.name", "expected a non-empty string")
        found[surface] = OwnApi(name.strip(), check_url(source, f"{key}.url", table["url"]))
    return found
