"""The statement walks (`statements.py`) find what a walk of every node finds."""

from __future__ import annotations

import ast

from migrate_llm.statements import import_statements, statement_lists

NESTED_IMPORTS = """\
import a
def f():
    import b
    class C:
        from c import d
    return lambda: __import__("not_a_statement")
if x:
    import e
elif y:
    import f
else:
    import g
for i in x:
    import h
else:
    import i
while x:
    import j
else:
    import k
with x:
    import l
try:
    import m
except E:
    import n
else:
    import o
finally:
    import p
try:
    pass
except* E:
    import q
match x:
    case 1:
        import r
async def s():
    async with x:
        import t
    async for i in x:
        import u
"""


def test_the_import_statements_are_every_import_at_any_depth():
    tree = ast.parse(NESTED_IMPORTS)
    found = sorted(ast.unparse(node) for node in import_statements(tree))
    every = sorted(
        ast.unparse(n) for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
    )
    assert found == every
    assert len(found) == 19


def test_the_statement_lists_are_every_list_of_statements_clauses_and_cases():
    tree = ast.parse(NESTED_IMPORTS)
    found = sorted(id(body) for body in statement_lists(tree))
    every = sorted(
        id(value)
        for node in ast.walk(tree)
        for field in ("body", "orelse", "finalbody", "handlers", "cases")
        if isinstance(value := getattr(node, field, None), list) and value
    )
    assert found == every
    assert len(found) == 25
