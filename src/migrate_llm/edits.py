"""Applying edits: one pass over the text, outer edits winning over the ones they contain."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from migrate_llm.model import Edit


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[int]]:
    """`text` with `edits` applied, and the indices of the edits that were applied.

    Edits are taken in order of position: at one offset, insertions first (in the given
    order), then the longest replacement. An edit that overlaps one already taken is skipped:
    it lies inside a larger rewrite of the same code. Edits that only touch all apply.
    """

    order = sorted(range(len(edits)), key=_order(edits))
    taken: list[int] = []
    end = 0
    for i in order:
        span = edits[i].span
        if span.start < end or any(edits[i] == edits[t] for t in taken[-8:]):
            continue  # inside a larger rewrite, or the same edit reported twice
        taken.append(i)
        end = span.end
    parts: list[str] = []
    cursor = 0
    for i in taken:
        span = edits[i].span
        parts.append(text[cursor : span.start])
        parts.append(edits[i].text)
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts), sorted(taken)


def _order(edits: Sequence[Edit]) -> Callable[[int], tuple[int, bool, int, int]]:
    """The order `apply_edits` takes edits in, as a key of their indices."""

    def key(i: int) -> tuple[int, bool, int, int]:
        span = edits[i].span
        return span.start, span.end > span.start, -span.end, i

    return key


def edited_starts(edits: Sequence[Edit], taken: Sequence[int]) -> dict[int, int]:
    """Where the text of each edit `apply_edits` took (`taken`, indices of `edits`) starts in
    the text it made."""
    starts: dict[int, int] = {}
    shift = 0
    for i in sorted(taken, key=_order(edits)):
        span = edits[i].span
        starts[i] = span.start + shift
        shift += len(edits[i].text) - (span.end - span.start)
    return starts
