"""The node types no rule asks about: whitespace and punctuation.

They are about two thirds of a module's nodes, and hold nothing else but comments. The recorded
order of a module's nodes (`PythonContext.nodes`) and the scope analysis leave them out
with what they hold (`PythonContext.comments` finds the comments); the ranges of a
module's code leave them out too (a range asked of one all the same is found by
generating the module's code again, recording every node). Parentheses are kept: libcst
ends the range of a parenthesised import at its `)`.
"""

from __future__ import annotations

import libcst as cst

_PUNCTUATION = (
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Newline,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
)
UNPLACED = frozenset(
    kind for kind in vars(cst).values() if isinstance(kind, type) and issubclass(kind, _PUNCTUATION)
)
