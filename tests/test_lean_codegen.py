"""libcst's code generation with what `lean_codegen` gives it (its context managers, its
`CSTNode._codegen`) writes what libcst's own write: the same code, the same positions and
node ranges, the same stop on an error."""

from __future__ import annotations

from contextlib import contextmanager

import libcst as cst
import pytest
from libcst._nodes import expression
from libcst._nodes.internal import CodegenState
from libcst.metadata import MetadataWrapper, PositionProvider

from migrate_llm.model import LineIndex
from migrate_llm.rules import lean_codegen
from migrate_llm.rules.lean_codegen import Offsets

from .test_positions import SOURCES

BRACKETS = [
    "x = ((a))\n",
    "y = [(1), [2, (3,)], *[]]\n",
    "z = {1: {2}, **{}} | {(4)}\n",
    "w = ([i for i in (j)], {k for k in []}, {m: n for m, n in ()})\n",
    "match p:\n    case ([a, (b)] | {'k': (c)}) as d:\n        pass\n",
    "f(  (  # c\n  1 )  )[(2)]\n",
]


@contextmanager
def libcsts_own():
    ours = {key: vars(key[0])[key[1]] for key in lean_codegen.REPLACED}
    for (klass, name), own in lean_codegen.REPLACED.items():
        setattr(klass, name, own)
    try:
        yield
    finally:
        for (klass, name), made in ours.items():
            setattr(klass, name, made)


def _positions(module: cst.Module) -> dict[int, tuple[int, int, int, int]]:
    ranges = PositionProvider()._gen(MetadataWrapper(module, unsafe_skip_copy=True))
    return {
        id(node): (r.start.line, r.start.column, r.end.line, r.end.column)
        for node, r in ranges.items()
    }


def test_installed_in_this_process():
    assert lean_codegen.install() is True
    assert set(lean_codegen.REPLACED) == set(lean_codegen._REPLACING)
    assert expression.Name._parenthesize is lean_codegen._parenthesize
    assert expression.List._bracketize is lean_codegen._bracketize
    assert expression.Dict._braceize is lean_codegen._braceize
    assert CodegenState.record_syntactic_position is lean_codegen._record_syntactic_position
    assert cst.Name._codegen is lean_codegen._codegen


@pytest.mark.parametrize("text", [*SOURCES, *BRACKETS])
def test_the_same_code_and_positions_as_libcsts_own(text):
    module = cst.parse_module(text)
    code, positions = module.code, _positions(module)
    offsets = Offsets.of(module, text, LineIndex(text), frozenset())
    with libcsts_own():
        assert module.code == code
        assert _positions(module) == positions
        theirs = Offsets.of(module, text, LineIndex(text), frozenset())
    assert code == text
    if offsets is None:  # a carriage return: positions are PositionProvider's
        assert theirs is None and "\r" in text
    else:
        assert theirs is not None and offsets.ranges == theirs.ranges


class _Failing(CodegenState):
    """Fails on the token `boom`, keeping what came before."""

    def add_token(self, value: str) -> None:
        if value == "boom":
            raise ValueError(value)
        super().add_token(value)


@pytest.mark.parametrize(
    "node",
    [
        cst.Name("boom", lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
        cst.List([cst.Element(cst.Name("boom"))]),
        cst.Set([cst.Element(cst.Name("boom"))]),
    ],
    ids=["parentheses", "brackets", "braces"],
)
def test_an_error_inside_stops_the_code_where_libcsts_own_stop(node):
    def written() -> list[str]:
        state = _Failing(default_indent="    ", default_newline="\n")
        with pytest.raises(ValueError, match="boom"):
            node._codegen(state)
        return state.tokens

    ours = written()
    with libcsts_own():
        assert written() == ours
    assert ours[0] in "([{" and not {")", "]", "}"} & set(ours)


def test_a_libcst_whose_methods_differ_keeps_its_own(monkeypatch):
    expected = dict(lean_codegen._REPLACING)
    expected[expression.BaseList, "_bracketize"] = (
        ("lbracket", "_codegen", "other"),
        lean_codegen._bracketize,
    )
    monkeypatch.setattr(lean_codegen, "_REPLACING", expected)
    monkeypatch.setattr(lean_codegen, "REPLACED", {})
    before = {key: vars(key[0])[key[1]] for key in expected}
    with libcsts_own():
        own = {key: vars(key[0])[key[1]] for key in expected}
        assert lean_codegen.install.__wrapped__() is False
        assert {key: vars(key[0])[key[1]] for key in expected} == own
        assert lean_codegen.REPLACED == {}
    assert {key: vars(key[0])[key[1]] for key in expected} == before
