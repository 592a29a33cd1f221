"""One-pass edit application."""

from __future__ import annotations

from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, Span


def edit(start: int, end: int, text: str) -> Edit:
    return Edit(Span(start, end), text)


def test_edits_apply_in_position_order_whatever_their_order_given():
    text = "abcdefghij"
    new, taken = apply_edits(text, [edit(8, 10, "IJ"), edit(0, 1, "A"), edit(4, 4, "+")])
    assert (new, taken) == ("Abcd+efghIJ", [0, 1, 2])


def test_outer_edit_wins_over_the_edits_inside_it():
    text = "call(key='x', url='y')"
    outer = edit(0, len(text), "call(new)")
    inner = edit(9, 12, "'k'")
    new, taken = apply_edits(text, [inner, outer])
    assert (new, taken) == ("call(new)", [1])


def test_touching_edits_and_insertions_at_one_point_all_apply():
    new, taken = apply_edits(
        "0123", [edit(1, 2, "x"), edit(2, 2, "a"), edit(2, 2, "b"), edit(2, 3, "y")]
    )
    assert (new, taken) == ("0xaby3", [0, 1, 2, 3])


def test_no_edits_is_identity():
    assert apply_edits("same\r\n", []) == ("same\r\n", [])
