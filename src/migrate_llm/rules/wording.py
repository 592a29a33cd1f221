"""How messages list words."""

from __future__ import annotations

from collections.abc import Sequence


def and_listed(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    *first, last = words
    return f"{', '.join(first)} and {last}" if first else last
