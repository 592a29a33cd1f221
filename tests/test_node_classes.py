"""`derives` answers as `issubclass` does for libcst's node classes."""

from __future__ import annotations

import libcst as cst
import pytest

from migrate_llm.rules.node_classes import derives

CLASSES = [kind for kind in vars(cst).values() if isinstance(kind, type)]
BASES = [
    cst.CSTNode,
    cst.BaseExpression,
    cst.BaseParenthesizableWhitespace,
    (cst.Comma, cst.Dot, cst.BaseSmallStatement),
    (cst.Assign, cst.AugAssign, cst.AnnAssign),
]


@pytest.mark.parametrize("bases", BASES, ids=str)
def test_derives_is_issubclass_for_every_libcst_class(bases):
    assert [derives(kind, bases) for kind in CLASSES] == [
        issubclass(kind, bases) for kind in CLASSES
    ]


def test_a_class_derives_from_itself_and_not_from_a_sibling():
    assert derives(cst.Name, cst.Name) and derives(cst.Name, (cst.Attribute, cst.Name))
    assert not derives(cst.Name, cst.Attribute) and not derives(cst.Name, ())
