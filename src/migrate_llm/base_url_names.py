"""The provider's base-URL variables a project already reads (`RunFacts.base_url_names_read`):
where its code reads, or its .env files set, another of the provider's spellings (llmware reads
DEEPSEEK_API_BASE), the clients apply writes read that one instead of adding a second
variable for the same URL (`Provider.reading_base_url`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from migrate_llm.env_read_calls import LOOKUP_TAILS, reads_in

if TYPE_CHECKING:
    from migrate_llm.registry import Provider

Held = Callable[[bytes], bool]

# a variable's name a module reads from the environment (`os.environ.get("DEEPSEEK_API_BASE")`,
# `os.environ["..."]`, `os.getenv("...")` or a project's `getenv("...")` wrapper, decouple's
# `config("...")`: the lookups of the env-reader table, `env_read_calls`; a notebook's JSON
# escapes the quote), not any quoted name (`LOG_KEYS = ["DEEPSEEK_API_BASE"]` reads nothing:
# t64 review), and one set by a .env line (`DEEPSEEK_API_BASE=...`, `export ...=`)
_READ_NAME = re.compile(
    rb"(?:" + LOOKUP_TAILS + rb"\s*\(|\benviron\s*\[)\s*\\?[\"'](?P<name>[A-Z][A-Z0-9_]*)\\?[\"']"
)
_SET_NAME = re.compile(rb"(?m)^[ \t]*(?:export[ \t]+)?(?P<name>[A-Z][A-Z0-9_]*)[ \t]*=")


def holds_names(provider: Provider) -> Held | None:
    """Whether a file's bytes hold one of the provider's base-URL variables (its own and
    `base_url_names`): screening marks such a file (`NAMES_BASE_URL_VARIABLE`); None where
    the provider has no other name."""
    if not provider.base_url_names:
        return None
    own = provider.own_base_url_env or provider.base_url_env
    needles = tuple(name.encode() for name in (own, *provider.base_url_names))
    return lambda data: any(needle in data for needle in needles)


def names_read(own: str, others: tuple[str, ...]) -> Callable[[str, bytes], list[str]]:
    """The search of a file of a kind ("python" or "dotenv") for the base-URL variables it
    names among the provider's `own` and `others` (`Provider.base_url_names`)."""
    wanted = {own, *others}
    needles = tuple(name.encode() for name in wanted)

    def search(kind: str, data: bytes) -> list[str]:
        if not any(needle in data for needle in needles):
            return []
        reads = _SET_NAME.finditer(data) if kind == "dotenv" else reads_in(_READ_NAME, data)
        found = {m["name"].decode() for m in reads}
        return sorted(found & wanted)

    return search
