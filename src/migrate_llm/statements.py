"""Walks of a Python syntax tree (`ast`) that go through its statements only: an import, or
a block, is a statement, and most of a tree's nodes are expressions, which `ast.walk`
visits one by one."""

from __future__ import annotations

import ast
from collections.abc import Iterator

# The fields of a node that hold statements (an except clause's and a match case's `body`
# too; `handlers` and `cases` hold those clauses and cases)
_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def statement_lists(tree: ast.AST) -> Iterator[list[ast.AST]]:
    """Every non-empty list of statements in `tree` (and of except clauses and match cases),
    at any depth, in no particular order."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for name in _FIELDS:
            inner = getattr(node, name, None)
            if type(inner) is list and inner:
                yield inner
                stack.extend(inner)


def import_statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of `tree`, at any depth, in no particular order."""
    for statements in statement_lists(tree):
        for node in statements:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield node
