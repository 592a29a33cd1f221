"""What makes a parsed file cheaper gives what the plain way gives: the positions of the
nodes of a statement generated alone (`_Pieces`) are those of the module's code generation
(`Offsets`, itself checked against libcst's PositionProvider in test_positions), and
`check_python` leaves the cycle collector as it found it."""

from __future__ import annotations

import ast
import gc

import libcst as cst
import pytest
from libcst.metadata import (
    MetadataWrapper,
    ParentNodeProvider,
    PositionProvider,
    scope_provider,
)

from migrate_llm.collector import uncollected
from migrate_llm.engine import ParseFailure
from migrate_llm.model import LineIndex
from migrate_llm.rules import python_rules, scope_analysis, traversal
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.lean_codegen import Offsets
from migrate_llm.rules.module_pieces import statement_lines
from migrate_llm.rules.python import check_python
from migrate_llm.rules.python_context import PythonContext, _Pieces, scope_assignments
from migrate_llm.rules.unplaced import UNPLACED

from .test_positions import SOURCES


def _context(text: str, registry) -> PythonContext:
    return PythonContext(cst.parse_module(text), RuleContext(registry), text)


def _python_3(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


@pytest.mark.parametrize("text", SOURCES)
def test_pieces_give_each_node_the_position_of_the_whole_module(text, registry):
    ctx = _context(text, registry)
    pieces = _Pieces(ctx)
    whole = Offsets.of(ctx.module, text, LineIndex(text), frozenset())
    answered = set()
    # asked out of order first (a later statement before an earlier one), then all
    for node in [*ctx.nodes[::-5], *ctx.nodes]:
        found = pieces.position(node)
        if found is None:
            continue
        answered.add(id(node))
        assert whole is not None
        assert found == whole.position(node)
    if "\r" in text:
        assert not answered  # libcst's own positions there
    elif text.endswith("def f(x=(  # why\n  2)): ...\n"):
        # all but the module itself (whitespace and punctuation are not recorded)
        assert not any(type(node) in UNPLACED for node in ctx.nodes)
        assert {id(node) for node in ctx.nodes[1:]} == answered


@pytest.mark.parametrize("text", SOURCES)
def test_every_node_has_the_position_libcst_gives_it(text, registry):
    ctx = _context(text, registry)
    expected = MetadataWrapper(ctx.module, unsafe_skip_copy=True).resolve(PositionProvider)
    # a statement first (its piece), then every node: whitespace and punctuation (not
    # recorded) make the module's code be generated again, with every node
    every, _ = traversal.preorder(ctx.module)
    assert len(every) > len(ctx.nodes) or not ctx.module.body
    for node in ctx.nodes[1:2] + every:
        where = expected[node]
        start = (where.start.line, where.start.column + 1)
        assert ctx.position(node) == (start, (where.end.line, where.end.column + 1))


def test_whitespace_punctuation_and_comments_are_left_out_of_the_index(registry):
    text = "x = call(a, b)  # c\n"
    ctx = _context(text, registry)
    indexed = [type(ctx.nodes[i]).__name__ for i in sorted(ctx.indices().values())]
    assert indexed == [type(n).__name__ for n in ctx.nodes]
    assert indexed == [
        "Module",
        "SimpleStatementLine",
        "Assign",
        "AssignTarget",
        "Name",
        "Call",
        "Name",
        "Arg",
        "Name",
        "Arg",
        "Name",
    ]
    assert [c.value for c in ctx.comments()] == ["# c"]


def test_a_statement_written_twice_is_placed_by_the_one_holding_it(registry):
    text = (
        "class A:\n"
        "    def f(self):\n"
        "        return OpenAI()\n"
        "\n"
        "    def g(self):\n"
        "        return OpenAI()\n"
        "if b:\n"
        "    x = 1\n"
        "if a:\n"
        "    pass\n"
        "elif b:\n"
        "    x = 1\n"
    )
    ctx = _context(text, registry)
    calls = [n for n in ctx.nodes if isinstance(n, cst.Call)]
    assert [ctx.position(c) for c in calls] == [((3, 16), (3, 24)), ((6, 16), (6, 24))]
    elif_ = ctx.module.body[2].orelse
    assert isinstance(elif_, cst.If)
    assert ctx.position(elif_) == ((11, 1), (12, 10))
    assert ctx.position(elif_.body.body[0]) == ((12, 5), (12, 10))
    assert ctx._code_ranges is None  # no code generation of the whole module


def test_nodes_outside_a_unique_statement_take_the_whole_module(registry):
    text = "x = 1\nx = 1\n"
    ctx = _context(text, registry)
    second = ctx.module.body[1]
    assert ctx.position(second) == ((2, 1), (2, 6))
    assert ctx._code_ranges is not None
    assert ctx.position(ctx.module) == ((1, 1), (3, 1))


def test_the_last_statement_of_a_text_without_a_final_newline(registry):
    text = "import os\nkey = os.environ['OPENAI_API_KEY']"
    ctx = _context(text, registry)
    assign = ctx.module.body[1].body[0]
    assert ctx.position(assign) == ((2, 1), (2, 35))
    with pytest.raises(KeyError):
        ctx.position(cst.Name("elsewhere"))


class _CountingList(list):
    """A list that records each item read from it: by index, in a slice, in a loop."""

    def __init__(self, items, reads):
        super().__init__(items)
        self.reads = reads

    def __getitem__(self, index):
        found = super().__getitem__(index)
        self.reads.extend(range(len(found)) if isinstance(index, slice) else [index])
        return found

    def __iter__(self):
        self.reads.extend(range(len(self)))
        return super().__iter__()


def test_ancestors_list_each_node_s_children_once(registry):
    """The path down to a node was found by walking each node's children from the first one,
    at every question: for the nodes of a module of 6,000 functions, a few thousand steps
    each (seconds). The children of a node are listed once, then searched by bisection."""
    text = "import os\n" + "".join(f"\n\ndef f{i}(x):\n    return g(x, {i})\n" for i in range(200))
    ctx = _context(text, registry)
    parents = MetadataWrapper(ctx.module, unsafe_skip_copy=True).resolve(ParentNodeProvider)
    reads: list[int] = []
    ctx._ends = _CountingList(ctx._ends, reads)
    for node in ctx.nodes[1:]:
        expected = []
        above = parents[node]
        while above is not ctx.module:
            expected.append(above)
            above = parents[above]
        assert ctx.ancestors(node) == (ctx.module, *reversed(expected))
    assert ctx.ancestors(ctx.module) == ()
    # a node's end, then each child's: once for each node that holds another
    assert len(reads) < 2 * len(ctx.nodes)


def test_the_assignments_of_the_top_level_are_listed_once(registry):
    """The assignments of the module's top level were found by a search of all its nodes at
    each question: the module's nodes are read once."""
    text = "k = read()\n" + "".join(f"print({i})\n" for i in range(100))
    text += "def f():\n    a = 1\n    return a\n"
    ctx = _context(text, registry)
    calls = [n for n in ctx.nodes if type(n) is cst.Call]
    assigns = [n for n in ctx.nodes if type(n) is cst.Assign]
    inner = [n for n in ctx.nodes if type(n) is cst.Integer and n.value == "1"][-1]
    ctx.indices()  # made once for every question about a node
    reads: list[int] = []
    ctx._nodes = _CountingList(ctx._nodes, reads)
    for call in calls:
        assert scope_assignments(ctx, call) == assigns
    assert scope_assignments(ctx, inner) == assigns[-1:]
    # the module's nodes once, then a few for each question (the path down to the node,
    # the assignments found); not the module's nodes for each
    assert len(reads) < len(ctx.nodes) + 6 * len(calls)


@pytest.mark.parametrize("enabled", [True, False])
def test_check_python_leaves_the_collector_as_it_was(enabled, registry, monkeypatch):
    text = "from openai import OpenAI\nclient = OpenAI()\n"
    expected = check_python(text, RuleContext(registry), python_rules())
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", collected.append)
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        findings = check_python(text, RuleContext(registry), python_rules())
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
    assert findings == expected
    assert [f.rule for f in findings] == ["ML001"]
    # the file's garbage is collected from the youngest generation; never while disabled
    assert collected == ([0] if enabled else [])


def test_the_migrated_text_is_checked_as_ast_parse_checks_it():
    from migrate_llm import engine

    engine._parses("x = 1\n")
    # refused by the symbol table, not by the parser: it parses
    engine._parses("nonlocal x\n")
    with pytest.raises(ParseFailure) as refused:
        engine._parses("x = 1\ny = (\n")
    try:
        ast.parse("x = 1\ny = (\n")
    except SyntaxError as exc:
        expected = (exc.msg, exc.lineno)
    assert (
        refused.value.message
        == f"the migrated code would not parse ({expected[0]}); left unchanged"
    )
    assert refused.value.line == expected[1]


def test_a_scan_parses_the_migrated_text_with_the_collector_off(registry, monkeypatch):
    """Collections during the parse of the migrated text walked its growing tree again and
    again: two thirds of the parse's time for a 50,000-line module."""
    from migrate_llm import engine

    text = "import os\nkey = os.environ['OPENAI_API_KEY']\n"
    found = check_python(text, RuleContext(registry, registry.get("qwen")), python_rules())
    collecting: list[bool] = []
    parses = engine._parses

    def parsed(text, *args):
        collecting.append(gc.isenabled())
        parses(text, *args)

    monkeypatch.setattr(engine, "_parses", parsed)
    was = gc.isenabled()
    gc.enable()
    try:
        after, fixed = engine.migrate_text(text, "python", "app.py", found, laid_out=False)
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
    assert collecting == [False]
    assert after == text.replace("OPENAI_API_KEY", "DASHSCOPE_API_KEY")
    assert fixed == found


# a module with every kind of scope, string annotations, imports, closures and findings
_SCOPED = (
    "import os\nfrom openai import OpenAI\nfrom typing import List\n\n"
    "client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])\nMODEL = 'gpt-4o'\n\n\n"
    "class Bot:\n    model: 'str' = MODEL\n\n    def ask(self, q: 'List[str]') -> str:\n"
    "        def inner(x):\n            return [y for y in x if y]\n"
    "        r = client.chat.completions.create(model=self.model, messages=inner(q))\n"
    "        return r.choices[0].message.content\n\n\n"
    "squares = {k: (lambda v: v * v)(k) for k in range(3)}\n"
)


@pytest.mark.parametrize("fast", [True, False])
def test_a_module_s_tree_is_freed_without_the_collector(fast, registry, monkeypatch):
    # the scope analysis links its scopes, assignments and accesses in cycles that reach
    # every node: `PythonContext.release` breaks them once the findings are made, so that
    # reference counting frees the tree and the file's collection has nothing of it to walk
    monkeypatch.setattr(scope_analysis, "FAST", fast)
    expected = check_python(_SCOPED, RuleContext(registry), python_rules())
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        findings = check_python(_SCOPED, RuleContext(registry), python_rules())
        gc.collect()
        left = [type(o) for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert findings == expected and {f.rule for f in findings} >= {"ML001", "ML204", "ML401"}
    assert not [t for t in left if t.__module__.startswith(("libcst", "migrate_llm"))]


def test_a_file_whose_process_ends_next_is_left_out_of_collections(registry, monkeypatch):
    text = "from openai import OpenAI\nclient = OpenAI()\n"
    expected = check_python(text, RuleContext(registry), python_rules())
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation: calls.append("collect"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with uncollected(collect=False):
        findings = check_python(text, RuleContext(registry), python_rules())
        assert not gc.isenabled()
    assert findings == expected and calls == ["freeze"] and gc.isenabled()


def test_what_the_last_collection_leaves_is_frozen(monkeypatch):
    # the process ends soon: what lives on (the findings) is left out of the collections of
    # the work that follows, which walked it again and again
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation: calls.append(f"collect {generation}"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with uncollected(last=True):
        assert not gc.isenabled()
    assert calls == ["collect 0", "freeze"] and gc.isenabled()
    with uncollected():
        pass
    assert calls[2:] == ["collect 0"]


@pytest.mark.parametrize(
    "text",
    [
        "\\\nx = 1\n",
        "x = 1\n\\\ny = 2\n",
        "# c\n  \\\nx = 1\n",
        "\fx = 1\ny = 2\n",
        "if a:\n    pass\n\f# c\nz = 3\n",
    ],
)
def test_texts_libcst_does_not_give_back_whole_take_its_positions(text, registry):
    ctx = _context(text, registry)
    last = ctx.module.body[-1]
    ranges = PositionProvider()._gen(MetadataWrapper(ctx.module, unsafe_skip_copy=True))
    expected = ranges[last]
    assert ctx.position(last) == (
        (expected.start.line, expected.start.column + 1),
        (expected.end.line, expected.end.column + 1),
    )
    assert ctx._code_ranges is not None


def test_the_looser_plans_of_import_from_and_fstring_expressions():
    assert traversal.plan(cst.ImportFrom) is None  # attribute hooks: libcst's own code
    assert [how for how, _, _ in traversal.loose_plan(cst.ImportFrom) or ()] == [
        *("one", "many", "optional", "one", "one", "optional", "star", "optional"),
        "sentinel",
    ]
    steps = traversal.loose_plan(cst.FormattedStringExpression) or ()
    assert [(how, name) for how, name, _ in steps][-1] == ("many", "format_spec")
    assert traversal.loose_plan(cst.Name) == traversal.plan(cst.Name)


@pytest.mark.parametrize(
    "text",
    [
        "from a.b import *\n",
        "from . import (c, d as e,)\n",
        "from .. x import f; g = 1\n",
        'h = f"{i!r:>{j}.{k}} {l=} {m}"\n',
    ],
)
def test_the_preorder_through_the_looser_plans_is_libcsts(text):
    module = cst.parse_module(text)
    nodes, ends, _ = scope_analysis._walk_module(module)
    expected_nodes, expected_ends = traversal.preorder(module, UNPLACED)
    assert [id(n) for n in nodes] == [id(n) for n in expected_nodes]
    assert ends == expected_ends
    looser = (cst.ImportFrom, cst.ImportStar, cst.FormattedStringExpression)
    assert any(isinstance(n, looser) for n in nodes)


def _with_lines(text: str, registry) -> PythonContext:
    """The context as the engine makes it: with the lines of the module's statements."""
    tree = ast.parse(text)
    return PythonContext(
        cst.parse_module(text), RuleContext(registry), text, statements=statement_lines(tree.body)
    )


@pytest.mark.parametrize("text", [s for s in SOURCES if _python_3(s.values[0])])
def test_windows_give_each_node_the_position_of_the_whole_module(text, registry):
    ctx = _with_lines(text, registry)
    pieces = _Pieces(ctx, ctx._statements)
    whole = Offsets.of(ctx.module, text, LineIndex(text), frozenset())
    if pieces.usable:
        # every statement of the module's body and of its classes' bodies has one
        classes = [s for s in ctx.module.body if isinstance(s, cst.ClassDef)]
        bodies = [ctx.module.body, *(c.body.body for c in classes)]
        assert set(pieces.windows) == {id(s) for body in bodies for s in body}
    answered = 0
    for node in [*ctx.nodes[::-3], *ctx.nodes]:
        found = pieces.position(node)
        if found is not None:
            assert whole is not None
            assert found == whole.position(node)
            answered += 1
    assert answered or not pieces.usable or not ctx.module.body


def test_a_long_module_s_nodes_are_placed_from_their_statements_lines(registry):
    """A module with findings throughout had its positions from one code generation of the
    whole module (its statements searched for in all of it first, until a budget ran out):
    each node is found from the code of its smallest expression or statement that occurs
    once in the lines of the top-level statement holding it, which is all that is read."""

    def placed(n: int) -> tuple[int, int]:
        text = "import os\n" + "".join(
            f"\n\nclass C{i}:\n    def ask(self, q):\n        key = os.environ['OPENAI_API_KEY']"
            f"\n        return call(model='gpt-4o', q=q, key=key)  # {i}\n"
            for i in range(n)
        )
        ctx = _with_lines(text, registry)
        strings = [n for n in ctx.nodes if type(n) is cst.SimpleString]
        calls = [n for n in ctx.nodes if type(n) is cst.Call]
        whole = Offsets.of(ctx.module, text, LineIndex(text), frozenset())
        assert whole is not None
        for node in strings + calls:
            assert ctx.position(node) == whole.position(node)
        assert ctx._code_ranges is None
        pieces = ctx._pieces
        assert pieces is not None
        # what was generated is a small part of the module
        assert len(pieces.ranges) < len(ctx.nodes) / 2
        return pieces.searched, len(pieces.ranges)

    (searched, generated), (searched_twice, generated_twice) = placed(300), placed(600)
    # each search read the lines of one method: twice the methods, twice the reading
    assert searched_twice <= 2 * searched + 1000
    assert generated_twice == 2 * generated


def test_a_node_written_twice_in_its_statement_is_placed_by_what_holds_it(registry):
    text = "def f(x):\n    return g(x, x)\n\n\ndef h(x):\n    return g(x, x)\n"
    ctx = _with_lines(text, registry)
    second = [n for n in ctx.nodes if type(n) is cst.Name and n.value == "x"][-1]
    assert ctx.position(second) == ((6, 17), (6, 18))
    assert ctx._code_ranges is None


def test_a_node_of_a_long_expression_written_twice_tries_a_few_expressions(registry, monkeypatch):
    # every sum holding `v0` is written twice: each would be generated in vain, each
    # larger than the one before
    from migrate_llm.rules import python_context

    terms = " + ".join(f"v{i}" for i in range(200))
    text = f"def f():\n    x = g({terms})\n    y = g({terms})\n"
    ctx = _with_lines(text, registry)
    first = next(n for n in ctx.nodes if type(n) is cst.Name and n.value == "v0")
    made: list[Offsets] = []

    class Counted(Offsets):
        def __init__(self, module: cst.Module) -> None:
            made.append(self)
            super().__init__(module)

    monkeypatch.setattr(python_context, "Offsets", Counted)
    assert ctx.position(first) == ((2, 11), (2, 13))
    # `v0` (a name: placed without a code generation), `v0 + v1`, `v0 + v1 + v2`, then the
    # statement's line (written once)
    assert len(made) == python_context._EXPRESSIONS_TRIED
    assert ctx._code_ranges is None


def test_names_and_literals_are_placed_without_a_code_generation(registry, monkeypatch):
    from migrate_llm.rules import python_context

    text = "def f():\n    g('a', (b), 3, 0.5)\n"
    ctx = _with_lines(text, registry)
    made: list[Offsets] = []

    class Counted(Offsets):
        def __init__(self, module: cst.Module) -> None:
            made.append(self)
            super().__init__(module)

    monkeypatch.setattr(python_context, "Offsets", Counted)
    leaves = [n for n in ctx.nodes if type(n) in (cst.SimpleString, cst.Integer, cst.Float)]
    assert [ctx.position(n) for n in leaves] == [
        ((2, 7), (2, 10)),
        ((2, 17), (2, 18)),
        ((2, 20), (2, 23)),
    ]
    assert made == []
    # a name in parentheses is generated with them: its range leaves them out
    parenthesized = next(n for n in ctx.nodes if type(n) is cst.Name and n.value == "b")
    assert ctx.position(parenthesized) == ((2, 13), (2, 14))
    assert len(made) == 1


@pytest.mark.parametrize(
    ("head", "asked"),
    [
        ("", ["os.environ"]),  # the environment analysis's question
        ("import requests\n", ["OpenAI", "client.chat.completions.create", "os.environ"]),
    ],
    ids=["no-http-library", "requests"],
)
def test_the_calls_are_asked_their_http_library_where_the_module_names_one(
    head, asked, registry, monkeypatch
):
    from migrate_llm.rules.raw_http import raw_http

    text = head + "import os\nfrom openai import OpenAI\nclient = OpenAI()\n"
    text += "r = client.chat.completions.create(model=os.environ['OPENAI_MODEL'])\n"
    ctx = _with_lines(text, registry)
    names: list[str] = []
    qualnames = ctx.qualnames

    def counted(node: cst.CSTNode) -> set[str]:
        names.append(ctx.code(node))
        return qualnames(node)

    monkeypatch.setattr(ctx, "qualnames", counted)
    raw_http(ctx)
    assert sorted(set(names)) == asked


@pytest.mark.parametrize(
    "statements",
    [(), ((1, 1, ()),), ((1, 1, ()), (2, 2, ()), (3, 3, ())), ((1, 2, ()), (2, 2, ()))],
    ids=["none", "fewer", "more", "overlapping"],
)
def test_lines_that_do_not_match_the_statements_give_no_windows(statements, registry):
    text = "a = 1; b = 2\nc = 3\nc = 3\n"
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text, statements=statements)
    assert _Pieces(ctx, statements).windows == {}
    assert ctx.position(ctx.module.body[1]) == ((2, 1), (2, 6))  # the whole module's code


def test_the_statements_of_a_line_share_its_window(registry):
    text = "a = 1; b = (\n  2)\nc = 3\n"
    ctx = _with_lines(text, registry)
    pieces = _Pieces(ctx, ctx._statements)
    first, second = ctx.module.body
    assert pieces.windows == {id(first): (0, 18), id(second): (18, 24)}


def test_searches_past_their_budget_give_way_to_one_generation_of_the_module(registry, monkeypatch):
    from migrate_llm.rules import python_context

    text = "".join(f"def f{n}():\n    return OpenAI(n={n})\n\n\n" for n in range(4))
    ctx = _context(text, registry)
    calls = [n for n in ctx.nodes if isinstance(n, cst.Call)]
    # each search reads the whole code: two statements placed alone, then the whole module
    monkeypatch.setattr(python_context, "_SEARCHED", 2 * len(text) - 1)
    assert ctx.position(calls[0]) == ((2, 12), (2, 23))
    assert ctx.position(calls[1]) == ((6, 12), (6, 23))
    assert ctx._code_ranges is None
    assert ctx.position(calls[2]) == ((10, 12), (10, 23))
    assert ctx._code_ranges is not None
    assert [ctx.position(c) for c in calls] == [
        ((4 * n + 2, 12), (4 * n + 2, 23)) for n in range(4)
    ]


@pytest.mark.parametrize("text", SOURCES)
def test_the_tree_parsed_without_checks_is_libcsts(text):
    from migrate_llm.rules.python import parse_module

    mine = parse_module(text)
    assert mine.deep_equals(cst.parse_module(text))
    assert mine.code == text


def test_node_checks_are_back_after_a_parse_and_after_a_syntax_error():
    from concurrent.futures import ThreadPoolExecutor

    from migrate_llm.rules.python import parse_module

    parse_module("x = 1\n")
    with ThreadPoolExecutor(4) as pool:  # parses in threads leave the checks in place
        list(pool.map(parse_module, ["y = (1, 2)\n" * 200] * 16))
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("x = (\n")
    with pytest.raises(cst.CSTValidationError, match="not a valid identifier"):
        cst.Name("not valid")


@pytest.mark.parametrize(
    "statement", ["x = 1", "x = x + 1", "openai.api_key = x", "settings.timeout = x"]
)
def test_a_name_assigned_over_and_over_costs_each_statement_the_same(
    statement, registry, monkeypatch
):
    # libcst resolves an assigned name by a pass over all the name's assignments: asked for
    # each of n statements, that is n * n steps (6,000 lines took 6 s)
    steps = []
    real = scope_provider._is_assignment

    def counted(node, assignment):
        steps.append(node)
        return real(node, assignment)

    monkeypatch.setattr(scope_provider, "_is_assignment", counted)

    def cost(n: int) -> int:
        steps.clear()
        text = "import openai\nimport settings\n" + f"{statement}\n" * n
        found = check_python(text, RuleContext(registry), python_rules())
        assert len(found) == (n if statement.startswith("openai.") else 0)
        return len(steps)

    assert cost(400) <= 2 * cost(200) + 10


@pytest.mark.parametrize(
    "text",
    [
        'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n',
        "from llama_index.llms.openai import OpenAI\nprint(OpenAI.__name__)\n",
        "from openai import OpenAI\nx = (\n",
    ],
    ids=["examined", "framework-import-leading-nowhere", "syntax-error"],
)
def test_pythons_parse_of_a_file_runs_with_the_collector_off(text, tmp_path, monkeypatch):
    from migrate_llm import engine

    enabled: list[bool] = []
    collected: list[int] = []
    parse = ast.parse

    def spy(source, *args, **kwargs):
        if source == text:  # the engine's parse of the file
            enabled.append(gc.isenabled())
        return parse(source, *args, **kwargs)

    (tmp_path / "m.py").write_text(text)
    expected = engine.scan(engine.ScanOptions(paths=(tmp_path,), cwd=tmp_path))
    monkeypatch.setattr(ast, "parse", spy)
    monkeypatch.setattr(gc, "collect", collected.append)
    result = engine.scan(engine.ScanOptions(paths=(tmp_path,), cwd=tmp_path))
    assert (result.findings, result.errors) == (expected.findings, expected.errors)
    assert enabled == [False] and gc.isenabled()
    assert collected == [0]  # once, from the youngest generation, when the file is done


@pytest.mark.parametrize("text", [s for s in SOURCES if _python_3(s.values[0])])
def test_the_node_count_is_the_number_of_nodes_ast_walk_yields(text):
    from migrate_llm.engine import _node_count

    tree = ast.parse(text)
    assert _node_count(tree) == sum(1 for _ in ast.walk(tree))
    assert _node_count(ast.parse("")) == 1
    assert _node_count(ast.parse("a = b = c")) == 8  # a Store or a Load for each name


def test_a_parent_is_found_from_the_path_down_to_it(registry):
    """The environment analysis found a node's parent by walking every node of the top-level
    statement holding it: a module with a read in each of its functions walked them all."""
    body = "".join(f"    a{i} = call({i})\n" for i in range(500))
    text = f"import os\n\n\ndef f():\n{body}    key = os.environ['OPENAI_API_KEY']\n"
    ctx = _context(text, registry)
    names = env_names(ctx)
    [access] = names.accesses
    ctx.indices()  # made once for every question about a node
    reads: list[int] = []
    ctx._nodes = _CountingList(ctx._nodes, reads)
    assign = names.parent(access.node)
    assert isinstance(assign, cst.Assign) and assign.value is access.node
    assert [type(n).__name__ for n in names.ancestors(access.node)] == [
        "Assign",
        "SimpleStatementLine",
        "IndentedBlock",
        "FunctionDef",
        "Module",
    ]
    assert len(reads) < 20  # the nodes on the path, not the function's thousands


def test_the_litellm_reading_of_a_call_is_made_once(registry, monkeypatch):
    """Several rules ask of every call whether it is a litellm, DSPy or smolagents call and
    what it sends on litellm's route: each call is read once."""
    from migrate_llm.rules import framework_litellm

    text = (
        "import litellm\n"
        "from openai import OpenAI\n"
        "print(litellm.completion(model='gpt-4o', messages=[], temperature=0.2))\n"
        "OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
        "print(len([1, 2]))\n"
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    expected = check_python(text, ctx, python_rules())
    read: dict[str, list[int]] = {"model_call": [], "routed_requests": []}
    for name in read:
        real = getattr(framework_litellm, f"_{name}")

        def counted(pctx, call, real=real, seen=read[name]):
            seen.append(id(call))
            return real(pctx, call)

        monkeypatch.setattr(framework_litellm, f"_{name}", counted)
    assert check_python(text, ctx, python_rules()) == expected
    assert any(f.rule == "ML640" for f in expected)
    for seen in read.values():
        assert seen and len(seen) == len(set(seen))


def test_a_resource_path_takes_the_surface_of_the_first_entry_starting_it():
    from migrate_llm import openai_sdk as sdk
    from migrate_llm.rules.python_context import match_surface

    for prefix, _ in sdk.SURFACES:
        for path in ([*prefix, "create"], [*prefix, "with_raw_response", "create"]):
            plain = [a for a in path if a != "with_raw_response"]
            expected = sdk.METHOD_SURFACES.get(tuple(plain)) or next(
                s for p, s in sdk.SURFACES if tuple(plain[: len(p)]) == p and len(plain) > len(p)
            )
            assert match_surface(path) == (expected, "create")
    assert match_surface(["chat"]) is None
