"""A long module parsed by libcst a piece at a time, into the tree a whole parse gives.

libcst's native parser holds its tokens and its own tree of the whole text while it builds
the Python one: about 800 MB at its peak for a 50,000-line module whose finished tree is a
tenth of that. Cut between top-level statements, the pieces are parsed one after another
and their statements joined into one module, so only one piece's parser state is alive at
a time.

A cut goes where the tree cannot differ from a whole parse: just after a top-level
statement, when every line from there to the next statement is empty or a comment at column
0 (libcst gives those lines to the next statement; an indented comment there would belong
to the block above). Such lines at the start of a piece are its module header, and go back
in front of its first statement. Each piece must detect the module's indentation (a block
whose indentation equals the module's is stored without one) and the text must have no
carriage return (likewise for line breaks): otherwise the module is parsed whole.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Sequence

import libcst as cst

# The length of a piece, in lines (at least: a piece ends where a cut may go)
PIECE_LINES = 2000


def cuts(text: str, tree: ast.Module, every: int | None = None) -> list[int]:
    """The lines after which `text` (whose syntax tree is `tree`) is cut into pieces of at
    least `every` lines (`PIECE_LINES`); none for a shorter text or one with a carriage
    return."""
    every = every or PIECE_LINES
    if "\r" in text or text.count("\n") < 2 * every:
        return []
    lines = text.split("\n")
    found: list[int] = []
    last = 0
    body = tree.body
    for before, statement in itertools.pairwise(body):
        end = before.end_lineno or before.lineno
        if end - last < every:
            continue
        decorators = getattr(statement, "decorator_list", ())
        start = min([statement.lineno, *(d.lineno for d in decorators)])
        between = lines[end : start - 1]
        if start > end and all(not line or line.startswith("#") for line in between):
            found.append(end)
            last = end
    return found


def parse_in_pieces(
    text: str, after: Sequence[int], parse: Callable[[str], cst.Module]
) -> cst.Module:
    """The module `parse` gives for `text`, parsed in pieces cut after the lines `after`."""
    if not after:
        return parse(text)
    lines = text.split("\n")  # as `ast` counts lines when there is no carriage return
    bounds = [0, *after, len(lines)]
    pieces = []
    indent = None
    for start, end in itertools.pairwise(bounds):
        piece = parse("\n".join(lines[start:end]) + ("\n" if end < len(lines) else ""))
        if indent is None:
            indent = piece.default_indent
        if piece.default_indent != indent or not piece.body:
            return parse(text)
        pieces.append(piece)
    first, last = pieces[0], pieces[-1]
    body = list(first.body)
    for piece in pieces[1:]:
        lead, *rest = piece.body
        body.append(lead.with_changes(leading_lines=(*piece.header, *lead.leading_lines)))
        body.extend(rest)
    return last.with_changes(body=tuple(body), header=first.header, encoding=first.encoding)
