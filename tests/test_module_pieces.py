"""A long module parsed in pieces is the tree libcst gives for the whole text."""

from __future__ import annotations

import ast

import libcst as cst
import pytest

from migrate_llm.rules import module_pieces, python_rules
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.module_pieces import Cut, cuts, parse_in_pieces
from migrate_llm.rules.python import check_python

from .test_positions import SOURCES

# Layouts around the places a cut may go, and around those it may not
TRICKY = {
    "blank lines": "import os\n\n\ndef f():\n    return 1\n\n\nx = f()\n",
    "comments at column 0": "a = 1\n# one\n\n# two\nb = 2\n",
    "indented comment after a block": (
        "def f():\n    return 1\n    # the block's\n\n# the next one's\ng = 2\n"
    ),
    "blank line then indented comment": "def f():\n    pass\n\n    # footer\n\nh = 3\n",
    "odd indentation of a comment": "def f():\n    pass\n  # odd\n\ni = 4\n",
    "whitespace-only line": "a = 1\n    \nb = 2\n",
    "decorators": "@first\n# between\n@second\ndef f():\n    pass\n\n\n@third\nclass C:\n    x = 1\n",
    "tabs": "if a:\n\tb = 1\n\nc = 2\n\nif d:\n\te = 3\n",
    "a piece without a block": "if a:\n  b = 1\nc = 2\nd = 3\n\nif e:\n  f = 4\n",
    "semicolons": "a = 1; b = 2\nc = 3\n",
    "continuation": "a = 1 + \\\n    2\nb = 3\n",
    "form feed": "a = 1\n\x0c\nb = 2\n",
    "no final newline": "a = 1\n\nb = 2",
    "header and footer": "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\na = 1\nb = 2\n# end\n",
    "byte order mark": "\ufeffa = 1\nb = 2\nc = 3\n",
    "strings across lines": 's = """\n# not a comment\n"""\nt = 1\n',
    "async and match": (
        "async def f():\n    await g()\n\nmatch x:\n    case 1:\n        pass\n\ny = 2\n"
    ),
    "line separators in a string": "a = '\u2028'\nb = '\x1c'\nc = 1\n",
    "a class": (
        "class C:\n    a = 1\n\n    # b's\n    def b(self):\n        pass\n"
        "        # b's block's\n\n    @staticmethod\n    def c():\n        pass\n"
        "    # the class's\n\nd = 2\n"
    ),
    "classes one after another": (
        "class A:\n    x = 1\n    y = 2\nclass B:\n    z = 3\n\n    w = 4\n"
    ),
    "a class to the end of the text": "class A:\n    x = 1\n    y = 2\n    # end",
    "a class with a one-line body": "class A: x = 1\ny = 2\n",
    "a class in a function": "def f():\n    class A:\n        x = 1\n        y = 2\n",
    "a class with tabs": "class A:\n\tx = 1\n\n\ty = 2\n",
    "a class with a comment further in": "class A:\n    x = 1\n      # odd\n    y = 2\n",
}


def _parses(param) -> bool:
    try:
        ast.parse(param.values[0])
    except SyntaxError:
        return False  # syntax of a newer Python (cut points come from this one's parser)
    return True


CASES = [
    case
    for case in [*SOURCES, *(pytest.param(text, id=name) for name, text in TRICKY.items())]
    if _parses(case)
]


@pytest.mark.parametrize("text", CASES)
def test_pieces_cut_wherever_they_may_make_the_whole_tree(text):
    whole = cst.parse_module(text)
    pieces = parse_in_pieces(text, cuts(text, ast.parse(text), every=1), cst.parse_module)
    assert pieces.deep_equals(whole)
    assert pieces.code == text


@pytest.mark.parametrize(
    ("name", "after", "inside"),
    [
        ("blank lines", [1, 5], []),
        ("comments at column 0", [1], []),
        ("indented comment after a block", [], []),
        ("blank line then indented comment", [], []),
        ("odd indentation of a comment", [], []),
        ("whitespace-only line", [], []),
        ("decorators", [5], []),
        ("semicolons", [1], []),
        ("continuation", [2], []),
        ("form feed", [], []),
        ("strings across lines", [3], []),
        ("a class", [], [2]),  # the comment after it is its own
        ("classes one after another", [3], [2, 5]),
        ("a class to the end of the text", [], [2]),
        ("a class with a one-line body", [1], []),
        ("a class in a function", [], []),
        ("a class with a comment further in", [], []),
    ],
)
def test_a_cut_goes_only_before_empty_lines_and_comments_at_the_statements_indentation(
    name, after, inside
):
    text = TRICKY[name]
    found = cuts(text, ast.parse(text), every=1)
    assert [c.after for c in found if not c.inside] == after
    assert [c.after for c in found if c.inside] == inside


def test_a_text_with_a_carriage_return_or_short_of_two_pieces_is_not_cut():
    text = "a = 1\r\nb = 2\r\nc = 3\r\n"
    assert cuts(text, ast.parse(text), every=1) == []
    text = "a = 1\nb = 2\nc = 3\n"
    assert cuts(text, ast.parse(text), every=2) == []
    assert cuts(text, ast.parse(text), every=1) == [Cut(1, False), Cut(2, False)]


def test_pieces_that_detect_other_indentation_are_parsed_whole():
    text = TRICKY["a piece without a block"]  # two spaces; `c = 2` alone says four
    parsed: list[str] = []

    def parse(piece: str) -> cst.Module:
        parsed.append(piece)
        return cst.parse_module(piece)

    module = parse_in_pieces(text, cuts(text, ast.parse(text), every=1), parse)
    assert module.deep_equals(cst.parse_module(text))
    assert parsed[-1] == text


def test_a_piece_inside_a_class_is_parsed_after_a_class_line_and_joined_to_its_body():
    text = TRICKY["a class"]
    parsed: list[str] = []

    def parse(piece: str) -> cst.Module:
        parsed.append(piece)
        return cst.parse_module(piece)

    module = parse_in_pieces(text, cuts(text, ast.parse(text), every=1), parse)
    assert parsed == [text[: text.index("\n\n") + 1], "class _:\n" + text[text.index("\n\n") + 1 :]]
    assert module.deep_equals(cst.parse_module(text))


def test_a_piece_libcst_refuses_is_reported_at_its_line_in_the_whole_text():
    text = "a = 1\n\nb = 2\n\nc = 3\n"
    refused = "b = 2"  # as if libcst's grammar lagged behind Python's here

    def parse(piece: str) -> cst.Module:
        if refused in piece:
            return cst.parse_module(piece.replace(refused, "b = (2"))
        return cst.parse_module(piece)

    with pytest.raises(cst.ParserSyntaxError) as whole:
        parse(text)
    with pytest.raises(cst.ParserSyntaxError) as raised:
        parse_in_pieces(text, cuts(text, ast.parse(text), every=1), parse)
    assert (raised.value.raw_line, raised.value.raw_column) == (whole.value.raw_line, 0)
    assert whole.value.raw_line == 5  # a line of the whole text, not of the piece


def test_a_long_module_is_checked_in_pieces_with_the_same_findings(registry, monkeypatch):
    block = 'def ask_{n}():\n    return client.chat.completions.create(model="gpt-4o")\n\n\n'
    text = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    text += "".join(block.format(n=n) for n in range(12))
    ctx = RuleContext(registry, registry.get("acme"))
    whole = check_python(text, ctx, python_rules())
    parsed: list[str] = []
    real = cst.parse_module
    monkeypatch.setattr(module_pieces, "PIECE_LINES", 8)
    monkeypatch.setattr(cst, "parse_module", lambda piece: parsed.append(piece) or real(piece))
    found = check_python(text, ctx, python_rules(), cuts=cuts(text, ast.parse(text)))
    assert found == whole
    assert len(parsed) == 6
    assert "".join(parsed) == text
