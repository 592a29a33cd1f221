"""A long module parsed by libcst a piece at a time, into the tree a whole parse gives.

libcst's native parser holds its tokens and its own tree of the whole text while it builds
the Python one: about 800 MB at its peak for a 50,000-line module whose finished tree is a
tenth of that. Cut between statements, the pieces are parsed one after another and their
statements joined into one module, so only one piece's parser state is alive at a time.

A cut goes where the tree cannot differ from a whole parse: just after a top-level statement,
or a statement of a top-level class's body (a long generated class), when every line from
there to the next statement is empty or a comment at that statement's indentation (libcst
gives those lines to the next statement; a comment indented further would belong to the
block above). Such lines at the start of a top-level piece are its module header, and go
back in front of its first statement. A piece that starts inside a class's body is parsed
after a line `class _:` and its statements go on that class's body. Each piece must detect
the module's indentation (a block whose indentation equals the module's is stored without
one) and the text must have no carriage return (likewise for line breaks): otherwise the
module is parsed whole.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import libcst as cst

# The length of a piece, in lines (at least: a piece ends where a cut may go)
PIECE_LINES = 2000
# What a piece that starts inside a class's body is parsed after
_CLASS = "class _:\n"


class Cut(NamedTuple):
    """A cut after line `after` (1-based); `inside`: the next piece starts in the body of
    the top-level class the cut is in."""

    after: int
    inside: bool


def cuts(text: str, tree: ast.Module, every: int | None = None) -> list[Cut]:
    """Where `text` (whose syntax tree is `tree`) is cut into pieces of at least `every`
    lines (`PIECE_LINES`); none for a shorter text or one with a carriage return."""
    every = every or PIECE_LINES
    if "\r" in text or text.count("\n") < 2 * every:
        return []
    lines = text.split("\n")
    found: list[Cut] = []
    last = 0
    for cut in _places(lines, tree.body):
        if cut.after - last >= every:
            found.append(cut)
            last = cut.after
    return found


def _places(lines: list[str], body: list[ast.stmt]) -> Iterator[Cut]:
    """Every place a cut may go, in the order of the text."""
    for index, before in enumerate(body):
        if isinstance(before, ast.ClassDef):
            yield from _in_class(lines, before)
        if index + 1 < len(body) and _apart(lines, before, body[index + 1], ""):
            yield Cut(_end(before), False)


def _in_class(lines: list[str], klass: ast.ClassDef) -> Iterator[Cut]:
    first = klass.body[0]
    if _start(first) == klass.lineno:
        return  # `class A: x = 1`
    line = lines[_start(first) - 1]
    indent = line[: len(line) - len(line.lstrip())]
    for before, statement in itertools.pairwise(klass.body):
        if _apart(lines, before, statement, indent):
            yield Cut(_end(before), True)


def _apart(lines: list[str], before: ast.stmt, statement: ast.stmt, indent: str) -> bool:
    """Whether only empty lines and comments at `indent` stand between two statements."""
    end, start = _end(before), _start(statement)
    comment = indent + "#"
    return start > end and all(
        not line or line.startswith(comment) for line in lines[end : start - 1]
    )


class StatementLines(NamedTuple):
    """The first and the last line of a statement (a decorated one's first decorator's),
    and, for a class, those of the statements of its body."""

    first: int
    last: int
    body: tuple[StatementLines, ...]


def statement_lines(body: list[ast.stmt]) -> tuple[StatementLines, ...]:
    """The lines of each statement of `body` (a module's, a class's)."""
    return tuple(
        StatementLines(
            _start(statement),
            _end(statement),
            statement_lines(statement.body) if isinstance(statement, ast.ClassDef) else (),
        )
        for statement in body
    )


def _start(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", ())
    return min([statement.lineno, *(d.lineno for d in decorators)])


def _end(statement: ast.stmt) -> int:
    return statement.end_lineno or statement.lineno


def parse_in_pieces(text: str, at: Sequence[Cut], parse: Callable[[str], cst.Module]) -> cst.Module:
    """The module `parse` gives for `text`, parsed in pieces cut at `at`."""
    if not at:
        return parse(text)
    lines = text.split("\n")  # as `ast` counts lines when there is no carriage return
    bounds = [Cut(0, False), *at, Cut(len(lines), False)]
    pieces: list[tuple[bool, cst.Module]] = []
    for (start, inside), (end, _) in itertools.pairwise(bounds):
        piece_text = "\n".join(lines[start:end]) + ("\n" if end < len(lines) else "")
        try:
            piece = parse(_CLASS + piece_text if inside else piece_text)
        except cst.ParserSyntaxError:
            return parse(text)  # raised again, with the line in the whole text
        if pieces and piece.default_indent != pieces[0][1].default_indent:
            return parse(text)
        pieces.append((inside, piece))
    body: list[cst.BaseStatement] = []
    for inside, piece in pieces:
        if not piece.body:
            return parse(text)
        lead, *rest = piece.body
        if not body:
            body.append(lead)
        elif not inside:
            body.append(lead.with_changes(leading_lines=(*piece.header, *lead.leading_lines)))
        else:
            opened = body[-1]
            block, more = _block(opened), _block(lead)
            if block is None or more is None:
                return parse(text)
            joined = block.with_changes(body=(*block.body, *more.body), footer=more.footer)
            body[-1] = opened.with_changes(body=joined)
        body.extend(rest)
    first, last = pieces[0][1], pieces[-1][1]
    return last.with_changes(body=tuple(body), header=first.header, encoding=first.encoding)


def _block(statement: cst.CSTNode) -> cst.IndentedBlock | None:
    """The body of a class written on lines of its own."""
    if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
        return statement.body
    return None
