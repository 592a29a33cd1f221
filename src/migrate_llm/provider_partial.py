"""What an API a provider serves only in part does serve: `[partial.<surface>]`.

An API `[supports]` marks `"partial"` may say what it takes (`only`: DeepSeek's `/completions`
takes fill-in-the-middle prompts only), the base URL it is served under where that is not the
provider's own (`base_url`: DeepSeek's `/beta`), and the API that serves the rest (`instead`:
chat). ML402 and ML403 say it where a request goes to such an API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from migrate_llm.errors import ProviderError

_KEYS = ("only", "base_url", "instead")


@dataclass(frozen=True)
class PartialSupport:
    """What a partly served API takes (`only`), where (`base_url`, "" for the provider's own)
    and the API of the provider that serves the rest (`instead`, a surface; "" for none)."""

    only: str
    base_url: str = ""
    instead: str = ""

    def to_json(self) -> dict[str, str]:
        fields = {"only": self.only, "base_url": self.base_url, "instead": self.instead}
        return {k: v for k, v in fields.items() if v}


def _fail(source: str, key: str, problem: str) -> ProviderError:
    return ProviderError(f"{source}: {key}: {problem}")


def parse_partial(
    source: str,
    value: object,
    supports: Mapping[str, object],
    check_url: Callable[[str, str, object], str],
) -> dict[str, PartialSupport]:
    """Validate `[partial]`: surface -> { only, base_url, instead }, for surfaces `supports`
    marks "partial"; `instead` names a surface it marks true."""
    if not isinstance(value, dict):
        raise _fail(source, "partial", "expected a table of API surfaces")
    found: dict[str, PartialSupport] = {}
    for surface, table in value.items():
        key = f"partial.{surface}"
        if supports.get(surface) != "partial":
            raise _fail(source, key, f'supports.{surface} is not "partial"')
        if not isinstance(table, dict) or not isinstance(table.get("only"), str):
            raise _fail(source, key, 'expected a table such as { only = "..." }')
        for name in table:
            if name not in _KEYS:
                raise _fail(source, f"{key}.{name}", f"unknown key (known: {', '.join(_KEYS)})")
        only = table["only"].strip()
        if not only:
            raise _fail(source, f"{key}.only", "expected a non-empty string")
        base = table.get("base_url")
        base_url = check_url(source, f"{key}.base_url", base) if base is not None else ""
        instead = table.get("instead", "")
        if not isinstance(instead, str):
            raise _fail(source, f"{key}.instead", "expected an API surface")
        if instead and supports.get(instead) is not True:
            raise _fail(source, f"{key}.instead", f"supports.{instead} is not true")
        found[surface] = PartialSupport(only, base_url, instead)
    return found
