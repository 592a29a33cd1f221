"""One-pass edit application."""

from __future__ import annotations

from migrate_llm.edits import apply_edits, conflicts
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


def test_of_two_replacements_of_one_span_the_one_writing_the_others_text_and_more_applies():
    # ML402's base URL and ML640's base URL with the key written beside it
    text = "f(url)"
    url = edit(2, 5, "new")
    both = edit(2, 5, "new, key=k")
    for given in ([url, both], [both, url]):
        assert apply_edits(text, given)[0] == "f(new, key=k)"
    assert conflicts(text, [url, both]) == {}


def test_replacements_of_one_span_by_unrelated_texts_disagree():
    bare, routed = edit(8, 16, '"acme-large"'), edit(8, 16, '"acme/acme-large"')
    same = edit(8, 16, '"acme-large"')
    assert conflicts('MODEL = "gpt-4o"', [bare, routed, same]) == {0: {1}, 1: {0, 2}, 2: {1}}


def test_overlapping_replacements_neither_holding_the_other_disagree():
    assert conflicts("0123456789", [edit(0, 5, "a"), edit(3, 8, "b"), edit(6, 9, "c")]) == {
        0: {1},
        1: {0, 2},
        2: {1},
    }


def test_an_overlapping_replacement_ending_in_what_the_other_writes_agrees():
    # ML601's rebuilt call, narrowed to end before the closing quote, and ML401's variable
    text = 'f(url=get("OLD"))'
    call = edit(2, 14, 'key=k, url=get("NEW')
    variable = edit(10, 15, '"NEW"')
    assert conflicts(text, [call, variable]) == {}
    assert apply_edits(text, [call, variable])[0] == 'f(key=k, url=get("NEW"))'
    # ML680's rebuilt dict, which drops an entry that ML115 deletes with its line
    text = "{a: 1,\n b: 2,\n c: 3}"
    rebuilt = edit(1, 12, "a: 0")
    deleted = edit(6, 14, "")
    assert conflicts(text, [rebuilt, deleted]) == {}
    assert apply_edits(text, [rebuilt, deleted])[0] == "{a: 0,\n c: 3}"


def test_nested_touching_and_inserted_edits_agree():
    edits = [
        edit(0, 10, "call(new)"),
        edit(2, 4, "k"),
        edit(2, 4, "k"),
        edit(4, 4, "+"),
        edit(4, 4, "-"),
        edit(10, 12, "x"),
        edit(12, 12, "y"),
    ]
    assert conflicts("x" * 12, edits) == {}


def test_an_edit_reported_twice_applies_once():
    # a replacement reported twice is the second time inside the first; an insertion is
    # compared with those taken
    same = [edit(1, 2, "x"), edit(1, 2, "x"), edit(3, 3, "+"), edit(3, 3, "+")]
    assert apply_edits("0123", same) == ("0x2+3", [0, 2])


def test_a_range_is_placed_as_its_two_ends_are():
    from migrate_llm.model import LineIndex

    for text in ("", "a", "ab\ncd\n", "\n\nx", "abc\nde\n\nf"):
        lines = LineIndex(text)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                expected = (lines.position(start), lines.position(end))
                assert lines.span_position(start, end) == expected


def test_a_finding_moved_to_a_path_is_the_same_finding_there():
    from dataclasses import replace

    from migrate_llm.model import Finding, FixClass, Severity

    found = Finding(
        "ML401",
        "environment",
        Severity.WARNING,
        FixClass.SAFE,
        "m",
        1,
        2,
        3,
        4,
        edit=edit(0, 1, "x"),
        data={"a": "b"},
    )
    moved = found.at_path("app.py")
    assert moved == replace(found, path="app.py") and moved.data == {"a": "b"}
    assert (found.path, moved.path) == ("", "app.py")
