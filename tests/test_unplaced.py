"""The fields a walk of the placed nodes leaves out (`unplaced_fields`): by their declared
types they hold only whitespace and punctuation, and in parsed trees they do."""

from __future__ import annotations

import typing

import libcst as cst
import pytest

from migrate_llm.rules import scope_analysis, traversal, unplaced
from migrate_llm.rules.unplaced import UNPLACED, unplaced_fields

from .test_positions import SOURCES
from .test_scope_analysis import WALKED


def _held(value: object) -> list[object]:
    if isinstance(value, (list, tuple)):
        return list(value)
    return [] if value is None or value is cst.MaybeSentinel.DEFAULT else [value]


@pytest.mark.parametrize("text", [*SOURCES, WALKED])
def test_the_left_out_fields_hold_only_whitespace_and_punctuation(text: str) -> None:
    module = cst.parse_module(text)
    every, _ = traversal.preorder(module)
    looked_at = 0
    for node in every:
        for name in unplaced_fields(type(node)):
            for value in _held(getattr(node, name)):
                looked_at += 1
                assert type(value) in UNPLACED, (type(node).__name__, name, value)
    assert looked_at or not text.strip()
    # and the walk that leaves them out meets every placed node, in libcst's order
    nodes, ends, _ = scope_analysis._walk_module(module)
    expected_nodes, expected_ends = traversal.preorder(module, UNPLACED)
    assert [id(n) for n in nodes] == [id(n) for n in expected_nodes]
    assert ends == expected_ends


def test_a_field_that_may_hold_a_placed_node_is_walked() -> None:
    assert unplaced_fields(cst.Call) == {"whitespace_after_func", "whitespace_before_args"}
    assert unplaced_fields(cst.Name) == set()  # its parentheses are placed
    # `keyword` is a Name or None, `equal` an AssignEqual or MaybeSentinel
    assert {"equal", "comma"} <= unplaced_fields(cst.Arg)
    assert "keyword" not in unplaced_fields(cst.Arg)
    assert unplaced_fields(cst.SimpleStatementLine) == {"leading_lines", "trailing_whitespace"}
    assert unplaced_fields(cst.IndentedBlock) == {"header", "footer"}


def test_hints_that_do_not_resolve_leave_every_field_walked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unresolved(kind: object) -> dict[str, object]:
        raise NameError("name 'Future' is not defined")

    monkeypatch.setattr(typing, "get_type_hints", unresolved)
    monkeypatch.setattr(unplaced, "_UNPLACED_FIELDS", {})
    assert unplaced_fields(cst.Call) == frozenset()


def test_the_fields_kept_between_runs_are_those_read_and_read_again_when_libcst_changes(
    monkeypatch, tmp_path
) -> None:
    """`unplaced_fields` is kept (`kept_code.derived`) by the node class and the size and
    modification time of the file defining it: a second process reads what the first
    found, and a changed file is read again."""
    import os
    import sys
    import types

    from migrate_llm import kept_code

    monkeypatch.setattr(kept_code, "store", lambda: tmp_path / "kept.marshal")
    monkeypatch.setattr(kept_code, "_kept", None)
    monkeypatch.setattr(kept_code, "_used", {})
    monkeypatch.setattr(kept_code, "_state", {"installed": True, "new": False})
    monkeypatch.setattr(kept_code.atexit, "register", lambda function: None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    reads: list[type] = []
    read = unplaced._read
    monkeypatch.setattr(unplaced, "_read", lambda kind: reads.append(kind) or read(kind))
    fields = unplaced._kept(cst.Call)
    assert fields == ("whitespace_after_func", "whitespace_before_args") == read(cst.Call)
    assert reads == [cst.Call]
    kept_code._save()
    # a new process: read from the file, not from the hints
    monkeypatch.setattr(kept_code, "_kept", None)
    monkeypatch.setattr(kept_code, "_used", {})
    kept_code._state["new"] = False
    assert unplaced._kept(cst.Call) == fields and reads == [cst.Call]
    # libcst's file changed (an upgrade): its hints are read again
    defining = sys.modules[cst.Call.__module__].__file__
    now = os.stat(defining)
    later = types.SimpleNamespace(st_size=now.st_size, st_mtime_ns=now.st_mtime_ns + 1)
    monkeypatch.setattr(unplaced.os, "stat", lambda path: later if path == defining else None)
    assert unplaced._kept(cst.Call) == fields and reads == [cst.Call, cst.Call]
