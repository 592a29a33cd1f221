"""libcst's nodes made by the faster constructors are the nodes its own make: the same
fields, defaults and fresh default objects, the same checks outside a parse, and the same
trees from the parser."""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager

import libcst as cst
import pytest

from migrate_llm.rules import node_constructors
from migrate_llm.rules.python import parse_module

from .test_positions import SOURCES

INSTALLED = node_constructors._installed()


@contextmanager
def libcsts_own_constructors():
    faster = {cls: cls.__dict__["__init__"] for cls in node_constructors.REPLACED}
    for cls, own in node_constructors.REPLACED.items():
        cls.__init__ = own
    try:
        yield
    finally:
        for cls, made in faster.items():
            cls.__init__ = made


def _fields(node: cst.CSTNode) -> dict:
    return {f.name: getattr(node, f.name) for f in dataclasses.fields(node)}


def test_every_node_class_the_parser_makes_gets_one():
    assert node_constructors.CHECKS_ONLY
    made = {cls.__name__ for cls in node_constructors.REPLACED}
    assert len(INSTALLED) == len(made) > 150
    assert {"SimpleWhitespace", "Name", "Call", "Module", "FunctionDef", "Comma"} <= made
    assert cst.Name.__init__.__qualname__ == "Name.__init__"


@pytest.mark.parametrize(
    "make",
    [
        lambda: cst.Name("x"),
        lambda: cst.Name(value="x", lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
        lambda: cst.Comma(),
        lambda: cst.Arg(cst.Integer("1"), keyword=cst.Name("n")),
        lambda: cst.Call(
            cst.Attribute(cst.Name("a"), cst.Name("b")), args=[cst.Arg(cst.Name("c"))]
        ),
        lambda: cst.SimpleStatementLine([cst.Expr(cst.Ellipsis())]),
        lambda: cst.FunctionDef(cst.Name("f"), cst.Parameters(), cst.IndentedBlock([])),
        lambda: cst.Module([]),
    ],
)
def test_a_node_has_the_fields_libcsts_constructor_gives_it(make):
    mine = make()
    with libcsts_own_constructors():
        theirs = make()
    assert type(mine) is type(theirs)
    assert mine.deep_equals(theirs)
    assert _fields(mine).keys() == _fields(theirs).keys()


def _all_defaults(cls: type) -> bool:
    return all(
        f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        for f in dataclasses.fields(cls)
    )


DEFAULTED = sorted(
    (c for c in node_constructors.REPLACED if _all_defaults(c)), key=lambda c: c.__name__
)


@pytest.mark.parametrize("cls", DEFAULTED, ids=lambda c: c.__name__)
def test_defaults_are_libcsts_and_a_factory_makes_a_fresh_node_each_time(cls):
    first, second = cls(), cls()
    with libcsts_own_constructors():
        theirs = cls()
    assert first.deep_equals(theirs)
    for field in dataclasses.fields(cls):
        if field.default_factory is not dataclasses.MISSING:
            assert getattr(first, field.name) is not getattr(second, field.name)
        else:
            assert getattr(first, field.name) is getattr(theirs, field.name)


def test_some_classes_have_every_default_and_some_a_factory():
    assert len(DEFAULTED) > 60
    assert cst.Comma in DEFAULTED


def test_nodes_are_checked_outside_a_parse_and_not_within():
    with pytest.raises(cst.CSTValidationError, match="not a valid identifier"):
        cst.Name("not valid")
    with pytest.raises(cst.CSTValidationError):
        cst.Call(
            cst.Name("f"),
            args=[cst.Arg(cst.Name("a"), keyword=cst.Name("k")), cst.Arg(cst.Name("b"))],
        )
    with node_constructors.unchecked():
        unchecked = cst.Name("not valid")
    assert unchecked.value == "not valid"
    assert all(scope["CHECK"] for scope in INSTALLED)


def test_within_a_parse_a_node_is_made_without_calling_its_checks():
    called = []
    with node_constructors.unchecked():
        unchecking = cst.CSTNode.__post_init__
        cst.CSTNode.__post_init__ = called.append
        try:
            cst.Name("x")
            cst.Comma()
        finally:
            cst.CSTNode.__post_init__ = unchecking
    assert called == []
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not valid")


def test_a_missing_argument_is_refused_as_before():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'value'"):
        cst.Name()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        cst.Name("x", colour="red")  # type: ignore[call-arg]


@pytest.mark.parametrize("text", SOURCES)
def test_the_parser_makes_the_tree_libcsts_constructors_make(text):
    mine = parse_module(text)
    with libcsts_own_constructors():
        theirs = cst.parse_module(text)
    assert mine.deep_equals(theirs)
    assert mine.code == text


def test_a_class_whose_constructor_is_its_own_keeps_it():
    @dataclasses.dataclass(frozen=True)
    class Hand(cst.Name):
        def __init__(self, value: str) -> None:  # not the one dataclasses writes
            object.__setattr__(self, "value", value.upper())

    assert node_constructors._faster_init(Hand) is None
    assert node_constructors._faster_init(cst.Name) is not None
