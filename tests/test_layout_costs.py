"""The layout of migrated code parses each text once and looks only where it must: these
cases pin the behaviour of the shortcuts (text in, text out)."""

from __future__ import annotations

import ast

import pytest

from migrate_llm.imports import add_setup, remove_unused_imports
from migrate_llm.layout import (
    Trees,
    _contexts_of_rows,
    _line_contexts,
    _same_tree,
    _split_lines,
    collapse_blank_lines,
    wrap_long_lines,
)

ARGS = ", ".join(f"argument_{i}" for i in range(10))
WRAPPED = "".join(f"        argument_{i},\n" for i in range(10))

# -- imports the rewrite leaves unused: which strings count as uses -------------------------


@pytest.mark.parametrize(
    ("string", "kept"),
    [
        ("'json.dumps'", True),  # an expression naming the import
        ("'json'", True),  # an `__all__` entry
        ("'json is fine'", True),  # prose that happens to parse as an expression
        ("'jsonl'", False),  # the name inside a longer identifier
        ("'to_json(x)'", False),
        ("'gpt-4o'", False),  # does not parse
        ("'json\\n.dumps'", False),  # strings with a line break are not looked at
        ("'  json  '", True),  # stripped first
    ],
)
def test_a_string_naming_the_import_keeps_it(string, kept):
    before = "import json\nimport os\n\nx = json.dumps(os.sep)\n"
    after = f"import json\nimport os\n\nx = {string}, os.sep\n"
    expected = after if kept else f"import os\n\nx = {string}, os.sep\n"
    assert remove_unused_imports(before, after) == expected


def test_a_non_ascii_string_is_parsed_as_python_normalises_its_names():
    # "ﬁle" (with the ligature ﬁ) is the name `file` once normalised (NFKC): a use.
    before = "from store import file\n\nx = file.read()\n"
    after = "from store import file\n\nx = 'ﬁle.read()'\n"
    assert remove_unused_imports(before, after) == after
    plain = "from store import file\n\nx = 'ﬁles.read()'\n"  # `files`: not a use
    assert remove_unused_imports(before, plain) == "x = 'ﬁles.read()'\n"


def test_a_string_naming_an_import_before_the_edit_counts_as_a_use_then():
    before = "import json\n\n__all__ = ['json']\n"
    after = "import json\n\n__all__ = []\n"
    assert remove_unused_imports(before, after) == "__all__ = []\n"


def test_nothing_is_removed_from_a_module_without_imports():
    assert remove_unused_imports("x = json\n", "x = 1\n") == "x = 1\n"


# -- blank lines: strings that span lines are looked up only where a long run is -------------


def test_blank_lines_inside_a_decorators_string_are_the_strings():
    before = 'import os\n\nos.x = 1\n\n\n@tool("""a\n\n\n\nc""")\ndef f():\n    pass\n'
    after = 'import os\n\n\n\n\n@tool("""a\n\n\n\nb""")\ndef f():\n    pass\n'
    assert collapse_blank_lines(before, after) == (
        'import os\n\n\n@tool("""a\n\n\n\nb""")\ndef f():\n    pass\n'
    )


def test_blank_lines_inside_a_nested_string_are_the_strings():
    body = '    def g(self):\n        return f"""{x}\n\n\n\n"""\n'
    before = f"class A:\n    x = 1\n\n    y = 2\n\n\n{body}"
    after = f"class A:\n    x = 1\n\n\n\n{body}"  # y deleted: a run of three, not the user's
    assert collapse_blank_lines(before, after) == f"class A:\n    x = 1\n\n{body}"


def test_no_run_of_blank_lines_means_no_parse():
    assert collapse_blank_lines("x = 1\n", "x = (\n") == "x = (\n"
    assert collapse_blank_lines("x = 1\n", "x = (\n\n\n\n") == "x = (\n\n\n\n"


# -- wrapping: the tree compared is that of the statements holding the changed lines --------


def test_a_line_wrapped_inside_a_function_among_other_statements():
    head = "import os\n\n\n@decorate(\n    1,\n)\ndef f():\n    y = 1; z = 2\n"
    tail = "\n\nclass B:\n    x = '''a\n\n'''\n"
    before = head + "    return g(1)\n" + tail
    after = head + f"    return g({ARGS})\n" + tail
    assert wrap_long_lines(before, after, 88) == head + f"    return g(\n{WRAPPED}    )\n" + tail


def test_wrapped_lines_in_two_statements_shift_the_ones_between():
    before = "x = g(1)\nclass A:\n    pass\ny = g(2)\n"
    after = f"x = g({ARGS})\nclass A:\n    pass\ny = g({ARGS})\n"
    wrapped = f"x = g(\n{WRAPPED.replace('        ', '    ')})\n"
    assert wrap_long_lines(before, after, 88) == (
        wrapped + "class A:\n    pass\n" + wrapped.replace("x =", "y =")
    )


def test_a_wrap_changing_another_statement_is_refused(monkeypatch):
    from migrate_llm import layout

    after = f"x = g({ARGS})\ny = 2\n"
    # a split that opens a string swallowing the next statement: same number of statements
    monkeypatch.setattr(layout, "_split_line", lambda *args: 'x = g("""\n)')
    text = 'x = g("""\n)\ny = 2\n'
    with pytest.raises(SyntaxError):
        ast.parse(text)
    assert wrap_long_lines("x = 1\n", after, 88) == after
    monkeypatch.setattr(layout, "_split_line", lambda *args: "x = (g)(\n    1)")
    assert wrap_long_lines("x = 1\n", after, 88) == after  # g(1), not g(argument_0, ...)


def test_same_tree_compares_the_changed_statements_and_places_the_others():
    old = ast.parse("a = f(1, 2)\nb = 1\n")
    assert _same_tree(old, ast.parse("a = f(\n1, 2)\nb = 1\n"), {1: 1}, cr=False)
    assert not _same_tree(old, ast.parse("a = f(\n1, 3)\nb = 1\n"), {1: 1}, cr=False)
    assert not _same_tree(old, ast.parse("a = f(\n1, 2)\n\nb = 1\n"), {1: 1}, cr=False)
    assert not _same_tree(old, ast.parse("a = f(\n1, 2); b = 1\n"), {1: 1}, cr=False)
    assert not _same_tree(old, ast.parse("a = f(\n1, 2)\nb = 1\nc = 1\n"), {1: 1}, cr=False)
    # a lone carriage return is a line break to `ast`: the whole trees are compared
    assert _same_tree(old, ast.parse("a = f(\n1, 2)\rb = 1\n"), {1: 1}, cr=True)


NESTED = """\
@decorate(1)
class A(Base):
    x = 1

    def f(self):
        try:
            return g(1, 2)
        except (E1, E2) as e:
            return h(3, 4)
        finally:
            pass

    def k(self):
        match x:
            case [1, 2] if y:
                z = w(5, 6)
            case _:
                pass
        return 0
"""


@pytest.mark.parametrize(
    ("row", "old_line", "new_lines", "same"),
    [
        (7, "            return g(1, 2)", "            return g(\n1, 2)", True),
        (7, "            return g(1, 2)", "            return g(\n1, 3)", False),
        (7, "            return g(1, 2)", "            return (\ng)(1, 2)", True),
        (9, "            return h(3, 4)", "            return h(\n3, 4)", True),
        (9, "            return h(3, 4)", "            return h(\n3, 5)", False),
        (16, "                z = w(5, 6)", "                z = w(\n5, 6)", True),
        (16, "                z = w(5, 6)", "                z = w(\n6, 5)", False),
        (16, "                z = w(5, 6)", "                z = w(\n5, 6); q = 1", False),
        (1, "@decorate(1)", "@decorate(\n1)", True),
        (1, "@decorate(1)", "@decorate(\n2)", False),
        (8, "        except (E1, E2) as e:", "        except (\nE1, E2) as e:", True),
        (8, "        except (E1, E2) as e:", "        except (\nE2, E1) as e:", False),
    ],
)
def test_same_tree_compares_nested_blocks_as_a_dump_of_the_whole_would(
    row, old_line, new_lines, same
):
    lines = NESTED.split("\n")
    assert lines[row - 1] == old_line
    lines[row - 1] = new_lines
    text = "\n".join(lines)
    old, new = ast.parse(NESTED), ast.parse(text)
    added = {row: new_lines.count("\n")}
    assert (ast.dump(old) == ast.dump(new)) is same
    assert _same_tree(old, new, added, cr=False) is same


def test_same_tree_places_the_statements_of_a_block_away_from_the_changed_line():
    old = ast.parse(NESTED)
    # the row changed inside `f`; `k` moved one line further down than the added break says
    text = NESTED.replace("return g(1, 2)", "return g(\n1, 2)").replace(
        "    def k(self):", "\n    def k(self):"
    )
    assert not _same_tree(old, ast.parse(text), {7: 1}, cr=False)
    # `x = 1` above the changed line keeps its place; `k` below moves by the added line
    moved = NESTED.replace("return g(1, 2)", "return g(\n1, 2)")
    assert _same_tree(old, ast.parse(moved), {7: 1}, cr=False)


@pytest.mark.parametrize(
    "text",
    [
        "x = 1; y = f(\n    1,\n)\nz = 2\n",
        "x = 1 \\\n    + 2\ny = 3\n",
        "x = 1\n\\\ny = f(a,\n      b)\n",
        "@d\n# note\ndef f(a,\n      b):\n    return [\n        a,\n    ]\n",
        "if a:\n    b = 1\nelse:\n    c = (1,\n         2)\n",
        "s = '''x\n\n'''; t = 2\n",
        'x = f"{a}" + g(\n    b)\n',
        "x = 1 \\\n\ny = 2\n",
    ],
)
def test_line_contexts_of_statements_match_those_of_the_whole_file(text):
    lines = _split_lines(text)
    rows = list(range(1, len(lines) + 1))
    whole = _line_contexts(text)
    assert _contexts_of_rows(text, lines, ast.parse(text), rows) == whole


def test_trees_parse_each_text_once_and_keep_a_few():
    trees = Trees("a = 1\n", keep=1)
    assert trees.parse("a = 1\n") is trees.parse("a = 1\n")
    first = trees.parse("b = 1\n")
    assert trees.parse("b = 1\n") is first
    trees.parse("c = 1\n")
    assert trees.parse("b = 1\n") is not first  # forgotten: only the last one is kept
    with pytest.raises(SyntaxError):
        trees.parse("x = (\n")


# -- setup statements: one already there is found among statements of its kind ---------------


def test_a_setup_function_already_there_is_not_added_again():
    factory = "def client():\n    return openai.OpenAI()"
    text = f"import openai\n\n\ndef other():\n    pass\n\n\n{factory}\n"
    assert add_setup(text, [factory]) == text
    changed = factory.replace("OpenAI()", "OpenAI(timeout=1)")
    assert add_setup(text, [changed]) == (
        f"import openai\n\n\n{changed}\n\n\ndef other():\n    pass\n\n\n{factory}\n"
    )


def test_trees_take_the_tree_of_before_the_caller_parsed():
    before = "import os\nx = 1\n"
    tree = ast.parse(before)
    trees = Trees(before, tree=tree)
    assert trees.parse(before) is tree
    assert trees.parse("y = 2\n") is not tree
    assert ast.dump(trees.parse("y = 2\n")) == ast.dump(ast.parse("y = 2\n"))
    assert Trees(tree=tree).parse(before) is not tree  # no text it belongs to
    text = "import os, json\nx = json.dumps(1)\n"
    assert remove_unused_imports(before, text, Trees(before, tree=tree)) == (
        remove_unused_imports(before, text)
    )


INNER = """\
@decorate
class A:
    x = [1,
         2]

    @property
    def f(self):
        if self.x: y = g(1,
                         2)
        try:
            a = 1; b = h(3,
                         4)
        except E:
            c = {5: 6}
        else:
            pass
        finally:
            d = (7,
                 8)
        match a:
            case 1:
                e = "nine"
        for i in j:
            pass
        else:
            k = l(
                m)
        return n(o,
                 p)


def q(r,
      s): return t(u,
                   v)
if w: \\
    z = 1
"""


@pytest.mark.parametrize(
    ("row", "block"),
    [
        (3, (3, 4)),  # x = [...] in the class body
        (6, (6, 29)),  # the decorated method, from its decorator
        (8, (8, 9)),  # `if self.x: y = ...`: its body is on its header's line
        (11, (11, 12)),  # two statements sharing a line
        (14, (14, 14)),  # in a handler
        (18, (18, 19)),  # in finally
        (22, (22, 22)),  # in a case
        (26, (26, 27)),  # in the else of a for
        (28, (28, 29)),
        (32, (32, 34)),  # `def q(...): return ...` on its header's line
        (35, (35, 36)),  # continued from the header by a backslash
    ],
)
def test_inner_blocks_start_lines_of_their_own(row, block):
    from migrate_llm.layout import _inner_block, _statement_blocks

    tree = ast.parse(INNER)
    lines = _split_lines(INNER)
    blocks = _statement_blocks(tree.body, lines) or []
    outer = next(b for b in blocks if b[0] <= row <= b[1])
    assert _inner_block(outer, row, lines)[:2] == block


def test_contexts_of_inner_blocks_are_those_of_the_whole_text():
    tree = ast.parse(INNER)
    lines = _split_lines(INNER)
    whole = _line_contexts(INNER)
    for row in range(1, len(lines) + 1):
        assert _contexts_of_rows(INNER, lines, tree, [row]).get(row) == whole.get(row), row
    assert whole[14] is False and whole[33] is True and 8 not in whole
