"""Literal searches that first look for the literal's rarest characters.

Most files of a tree lack most of the literals screening looks for. A text that lacks one
of a literal's characters lacks the literal, and `in` finds a single character with
`memchr`, some ten times as fast as `re` passes over the text for the whole literal. So a
literal holding a character that is rare in source code (`K` of `_API_KEY`) is looked for
by that character first. A text that holds those, or a literal made of common characters
only (`litellm`), is then searched by `re`, which passes over a text lacking a short
literal faster than `in` does; `in` skips ahead on a long one (`scrapegraphai`: half the
time of `re` on LlamaIndex's modules), so such a literal is looked for by `in` first.

In bytes, a character is looked for by its value (`0x4B in data`) and a long literal with
`find`: `bytes.__contains__` first tries its argument as an integer, and a bytes argument
costs it a TypeError made and dropped (CPython 3.11: some 0.2 µs, ten times the search of a
small file for one character).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import AnyStr

# The printable ASCII characters rarer than 0.7% of the bytes of Python code, rarest first,
# as counted in LlamaIndex's 4,727 modules (16.6 MB, 2026); not the quotes, whose share
# depends on a project's style.
RARE = "^~&;$%!?ZJ<X+9786Y@K\\5W4H`Q3|/VjzGU2{}*1BF>#0PDIqMCORLSNA-E][Twvkxb"
# The shortest literal `in` looks for faster than `re` (measured on LlamaIndex's modules
# and on generated ones)
LONG = 8


def rarest(literal: str) -> str:
    """The characters of `literal` in `RARE`, rarest first, at most two ("" for none)."""
    return "".join(sorted({c for c in literal if c in RARE}, key=RARE.index)[:2])


def rare_pair(literal: AnyStr) -> tuple[AnyStr, AnyStr]:
    """The two rarest characters of `literal` (`rarest`): the one twice where it holds one,
    empty where it holds none (every text holds the empty string)."""
    if isinstance(literal, bytes):
        found = rarest(literal.decode("latin-1")).encode("latin-1")
    else:
        found = rarest(literal)
    return found[:1], found[1:2] or found[:1]


def _probe(character: str | bytes) -> str | int:
    """What `in` looks for a character of a text by: a str's character, a byte's value."""
    if isinstance(character, bytes):
        return character[0]
    return character


def whole_search(literal: AnyStr) -> Callable[[AnyStr], re.Match[AnyStr] | None]:
    """`re.compile(re.escape(literal)).search`, which first asks `in` (bytes: `find`) for a
    long literal."""
    search = re.compile(re.escape(literal)).search
    if len(literal) < LONG:
        return search
    if isinstance(literal, bytes):

        def found(data: bytes) -> re.Match[bytes] | None:
            return search(data) if data.find(literal) >= 0 else None

        return found

    def held(text: AnyStr) -> re.Match[AnyStr] | None:
        return search(text) if literal in text else None

    return held


def literal_search(literal: AnyStr) -> Callable[[AnyStr], re.Match[AnyStr] | None]:
    """`whole_search(literal)`, which first asks whether the text holds the literal's rarest
    characters (`rarest`), when it has any."""
    search = whole_search(literal)
    pair = rare_pair(literal)
    if not pair[0]:
        return search
    first, second = map(_probe, pair)

    def held(text: AnyStr) -> re.Match[AnyStr] | None:
        return search(text) if first in text and second in text else None  # type: ignore[operator]

    return held
