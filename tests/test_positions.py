"""What the rules' side of the engine computes more cheaply than libcst's own tools gives
exactly what those give: positions of nodes (libcst's PositionProvider), string literal
values (`SimpleString.evaluated_value`), the walk of a visitor with per-type methods
(`module.visit`) and the parents the environment analysis records."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from migrate_llm.model import LineIndex
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.env_names import _TOKENS, env_names
from migrate_llm.rules.lean_codegen import Offsets
from migrate_llm.rules.python_context import PythonContext, literal_value
from migrate_llm.rules.unplaced import UNPLACED

from .test_visit_order import SYNTAX

GOLDEN = Path(__file__).parent / "golden" / "input"

LAYOUTS = {
    "syntax": SYNTAX,
    "no-final-newline": "x = (1 +\n     2)",
    "empty": "",
    "blank-lines": "\n\n",
    "comments-only": "# one\n  # two\n",
    "trailing-block-comment": "def f():\n    return 1\n    # tail\n# after",
    "continuations": 's = """a\nb"""; t = (\n  1 +\\\n 2)  # c\n',
    "decorated": "@a\n@b.c(\n  1)\ndef f(x=(  # why\n  2)): ...\n",
    "unicode": 'é = "ü"  # ß\nprint(é, "∑" * 2)\n',
    "tabs": "if x:\n\tif y:\n\t\tpass\n",
}
SOURCES = [pytest.param(text, id=name) for name, text in LAYOUTS.items()] + [
    pytest.param(path.read_bytes().decode("utf-8", errors="replace"), id=path.name)
    for path in sorted(GOLDEN.glob("*.py"))
]


def _expected(module: cst.Module) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    ranges = PositionProvider()._gen(MetadataWrapper(module, unsafe_skip_copy=True))
    return {
        id(node): ((r.start.line, r.start.column + 1), (r.end.line, r.end.column + 1))
        for node, r in ranges.items()
    }


@pytest.mark.parametrize("text", SOURCES)
def test_offsets_give_every_node_the_position_libcst_gives(text):
    module = cst.parse_module(text)
    expected = _expected(module)
    offsets = Offsets.of(module, text, LineIndex(text), frozenset())
    if "\r" in text:  # crlf.py: libcst's own positions (see the next test)
        assert offsets is None
        return
    assert offsets is not None
    assert set(offsets.ranges) == set(expected)
    nodes = [module, *_all_nodes(module)]
    assert {id(n): offsets.position(n) for n in nodes if id(n) in expected} == expected
    # as positions are first computed: the same, but for whitespace and punctuation
    placed = Offsets.of(module, text, LineIndex(text))
    assert placed is not None
    for node in nodes:
        if type(node) not in UNPLACED:
            assert placed.ranges[id(node)] == offsets.ranges[id(node)]
    if any(type(node) in UNPLACED for node in nodes):
        assert len(placed.ranges) < len(offsets.ranges)


def test_every_node_has_its_index_in_the_preorder_but_punctuation(registry):
    text = "f(a, b=[1, 2])  # note\nx = {'k': (3,)}\n"
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    assert [ctx.index_of(node) for node in ctx.nodes] == list(range(len(ctx.nodes)))
    every = _all_nodes(ctx.module)
    kept = [n for n in every if type(n) not in UNPLACED and not isinstance(n, cst.Comment)]
    assert list(map(id, kept)) == list(map(id, ctx.nodes))
    comments = [n for n in every if isinstance(n, cst.Comment)]
    assert [c.value for c in comments] == ["# note"]
    assert list(map(id, ctx.comments())) == list(map(id, comments))
    assert ctx.position(comments[0]) == ((1, 17), (1, 23))
    comma = next(n for n in every if isinstance(n, cst.Comma))
    with pytest.raises(KeyError):
        ctx.index_of(comma)


def _all_nodes(module: cst.Module) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class Every(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            found.append(node)
            return True

    module.visit(Every())
    return found


def test_text_with_carriage_returns_takes_libcsts_positions(registry):
    text = 'x = 1\r\nkey = "sk-1"\ry = (\r\n  2)\r\n'
    module = cst.parse_module(text)
    assert Offsets.of(module, text, LineIndex(text)) is None
    ctx = PythonContext(module, RuleContext(registry), text)
    expected = _expected(module)
    for node in _all_nodes(module):
        if id(node) in expected:
            assert ctx.position(node) == expected[id(node)]


def test_positions_and_spans_of_the_context(registry):
    text = "import os\n\n\nkey = os.environ[\n    'OPENAI_API_KEY']  # read\nlast = 1"
    module = cst.parse_module(text)
    ctx = PythonContext(module, RuleContext(registry), text)
    assign = module.body[1].body[0]
    subscript = assign.value
    assert ctx.position(subscript) == ((4, 7), (5, 22))
    span = ctx.span(subscript)
    assert text[span.start : span.end] == "os.environ[\n    'OPENAI_API_KEY']"
    last = module.body[2]
    assert ctx.position(last) == ((6, 1), (6, 9))
    assert ctx.position(module) == ((1, 1), (7, 1))  # counts the newline the text lacks
    with pytest.raises(KeyError):
        ctx.position(cst.Name("elsewhere"))


LITERALS = [
    "''",
    '""',
    '""""""',
    "'''a'''",
    '"""a\nb"""',
    '""""quoted" at the start"""',
    "'\"'",
    '"\'"',
    "r'\\d+'",
    "R'x'",
    "u'x'",
    "b'x'",
    "rb'\\x00'",
    "'a\\nb'",
    "'\\N{BULLET} \\u00e9'",
    "'é ∑'",
    '"""a\r\nb"""',
    "'" + "\\t" * 150 + "'",
    "'" + "x" * 300 + "'",
    "f'{x}'",
]


@pytest.mark.parametrize("source", LITERALS)
def test_literal_value_is_libcsts_evaluated_value(source):
    node = cst.parse_expression(source)
    if not isinstance(node, cst.SimpleString):
        assert isinstance(node, cst.FormattedString)
        return
    value = literal_value(node)
    assert value == node.evaluated_value
    assert type(value) is type(node.evaluated_value)
    assert literal_value(node) == value  # asked again: the same


class _Typed(cst.CSTVisitor):
    """A visitor with per-type methods (libcst's `on_visit` looks them up), one skipping
    the children of its nodes, and no-op stubs left alone."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.events.append(("def", id(node)))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.events.append(("end-def", id(original_node)))

    def visit_Call(self, node: cst.Call) -> bool:
        self.events.append(("call", id(node)))
        return not isinstance(node.func, cst.Attribute)

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append(("end-call", id(original_node)))

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("name", id(node)))

    def leave_Module(self, original_node: cst.Module) -> None:
        self.events.append(("end-module", id(original_node)))


@pytest.mark.parametrize("text", SOURCES)
def test_walk_of_a_visitor_with_typed_methods_matches_libcst(registry, text):
    module = cst.parse_module(text)
    ctx = PythonContext(module, RuleContext(registry), text)
    expected, walked = _Typed(), _Typed()
    module.visit(expected)
    ctx.walk(walked)
    assert walked.events == expected.events


@pytest.mark.parametrize("text", SOURCES)
def test_environment_parents_are_those_of_the_tree(registry, text):
    module = cst.parse_module(text)
    ctx = PythonContext(module, RuleContext(registry), text)
    parents: dict[int, cst.CSTNode] = {}
    stack: list[cst.CSTNode] = []

    class Parents(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if stack and not isinstance(node, _TOKENS):
                parents[id(node)] = stack[-1]
            stack.append(node)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            stack.pop()

    module.visit(Parents())
    names = env_names(ctx)
    # asked out of order (a later statement first), each statement's parents found on the
    # first question about it
    asked = {id(node): names.parent(node) for node in [*ctx.nodes[::-3], *ctx.nodes]}
    assert {key: parent for key, parent in asked.items() if parent is not None} == parents
    assert names.parent(module) is None
    assert not any(isinstance(p, _TOKENS) for p in parents.values())


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ["x = 1\n", "x = (\n"], ids=["parses", "syntax-error"])
def test_check_python_leaves_the_cycle_collector_as_it_found_it(registry, enabled, text):
    import gc

    from migrate_llm.rules import python_rules
    from migrate_llm.rules.python import check_python

    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        try:
            assert check_python(text, RuleContext(registry), python_rules()) == []
        except cst.ParserSyntaxError:
            assert text == "x = (\n"
        else:
            assert text == "x = 1\n"
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
