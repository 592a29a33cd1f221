"""Applying edits: one pass over the text, outer edits winning over the ones they contain."""

from __future__ import annotations

from collections.abc import Sequence

from migrate_llm.model import Edit


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[int]]:
    """`text` with `edits` applied, and the indices of the edits that were applied.

    Edits are taken in order of position: at one offset, insertions first (in the given
    order), then the longest replacement. An edit that overlaps one already taken is skipped:
    it lies inside a larger rewrite of the same code. Edits that only touch all apply.
    """

    def key(i: int) -> tuple[int, bool, int, int]:
        span = edits[i].span
        return span.start, span.end > span.start, -span.end, i

    order = sorted(range(len(edits)), key=key)
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
