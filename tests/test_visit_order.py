"""The recorded visiting order that the index, the environment analysis and the rules walk
(`PythonContext.walk`) is exactly what a libcst traversal of the module does."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from migrate_llm.rules import traversal
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.unplaced import UNPLACED

GOLDEN = Path(__file__).parent / "golden" / "input"

# Every kind of statement and expression the grammar has, nested.
SYNTAX = '''\
"""Doc."""
from __future__ import annotations
import os, sys as system
from openai import OpenAI as Backend, AsyncOpenAI
from . import sibling
from .pkg import *

type Alias[T] = list[T]
x: int = 1
y = z = [i async for i in f() if i] if x else {k: v for k, v in {}.items()}
a, *b = (1, 2, 3)
c += 1; d = lambda p, /, q=2, *r, s, **t: (yield from p)
del a[0], b.c
global G
assert x, "message"
raise ValueError("x") from None
print(f"{x!r:>{y}} {'nested'}", b"bytes", r"raw" "concatenated", ..., not x, -x, ~x)
value = x if (w := y) else z @ w ** 2 // 3 % 4 << 5 >> 6 & 7 | 8 ^ 9
items = {1, 2}, [*b], {**{}}, x[1:2:3, ...], x < y <= z != w is not None in items
os.environ["OPENAI_API_KEY"] = os.getenv("OPENAI_KEY", "default")


@decorator(arg)
class Widget(Base, metaclass=Meta):
    """Doc."""

    client: Backend = Backend()
    count = 0

    async def run[T](self, item: T, *args: int, **kwargs: str) -> Backend:
        async with self.lock as held, other() as (p, q):
            async for row in rows:
                await row
        try:
            pass
        except* (TypeError, ValueError) as error:
            continue_ = error
        else:
            pass
        finally:
            return self.client
        while True:
            break
        for i in range(3):
            continue
        else:
            nonlocal_ = 1

    @property
    def name(self) -> str:
        match self.count:
            case 0 | 1 as small if small:
                return "few"
            case [1, *rest] | {"k": 2, **others} | Point(x=0, y=_):
                return "shape"
            case _:
                return ""


with open("f") as handle:
    if handle:
        pass
    elif not handle:
        pass
    else:
        pass
'''


def _libcst_events(module: cst.Module, skip: tuple[type, ...] = ()) -> list[tuple[str, int]]:
    events: list[tuple[str, int]] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            events.append(("visit", id(node)))
            return not isinstance(node, skip)

        def on_leave(self, original_node: cst.CSTNode) -> None:
            events.append(("leave", id(original_node)))

    module.visit(Recorder())
    return events


def _walk_events(ctx: PythonContext, skip: tuple[type, ...] = ()) -> list[tuple[str, int]]:
    events: list[tuple[str, int]] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            events.append(("visit", id(node)))
            return not isinstance(node, skip)

        def on_leave(self, original_node: cst.CSTNode) -> None:
            events.append(("leave", id(original_node)))

    ctx.walk(Recorder())
    return events


SOURCES = [pytest.param(SYNTAX, id="syntax")] + [
    pytest.param(path.read_text(encoding="utf-8", errors="replace"), id=path.name)
    for path in sorted(GOLDEN.glob("*.py"))
]


@pytest.mark.parametrize("text", SOURCES)
@pytest.mark.parametrize(
    "skip",
    [(), (cst.FunctionDef,), (cst.Call, cst.Subscript), (cst.Attribute, cst.SimpleStatementLine)],
    ids=["all", "skip-functions", "skip-calls", "skip-attributes"],
)
def test_walk_matches_a_libcst_traversal(registry, text, skip):
    module = cst.parse_module(text)
    ctx = PythonContext(module, RuleContext(registry), text)
    # but whitespace and punctuation, and the comments they hold
    every, ends = traversal.preorder(module)
    left_out = {
        id(inner)
        for i, n in enumerate(every)
        if type(n) in UNPLACED
        for inner in every[i : ends[i]]
    }
    expected = [e for e in _libcst_events(module, skip) if e[1] not in left_out]
    assert _walk_events(ctx, skip) == expected
    if not skip:
        assert [id(n) for n in ctx.nodes] == [i for kind, i in expected if kind == "visit"]


def test_the_environment_analysis_is_kept_with_its_module_only(registry):
    """Each module's analysis is computed once and dies with the module."""
    import gc
    import weakref

    text = 'import os\nkey = os.environ["OPENAI_API_KEY"]\n'
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    names = env_names(ctx)
    assert env_names(ctx) is names
    assert [a.names for a in names.accesses] == [{"OPENAI_API_KEY"}]
    gone = weakref.ref(ctx)
    del ctx, names
    gc.collect()
    assert gone() is None


class _Events(cst.CSTVisitor):
    """Records every call libcst makes on a visitor; skips the children of `skip` nodes."""

    def __init__(self, skip: tuple[type, ...] = ()) -> None:
        super().__init__()
        self.skip = skip
        self.events: list[tuple[str, int, str]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.events.append(("visit", id(node), ""))
        return not isinstance(node, self.skip)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.events.append(("leave", id(original_node), ""))

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self.events.append(("visit_attribute", id(node), attribute))

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self.events.append(("leave_attribute", id(original_node), attribute))


class _Plain(cst.CSTVisitor):
    """A visitor without attribute hooks (the traversal skips calling them)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, int]] = []

    def visit_Call(self, node: cst.Call) -> bool:
        self.events.append(("call", id(node)))
        return not isinstance(node.func, cst.Attribute)

    def visit_Name(self, node: cst.Name) -> None:
        self.events.append(("name", id(node)))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.events.append(("function", id(original_node)))


class _WithAttributeHook(_Plain):
    def visit_Call_args(self, node: cst.Call) -> None:
        self.events.append(("args", id(node)))

    def leave_Call_func(self, node: cst.Call) -> None:
        self.events.append(("func", id(node)))


class _Nested(_Plain):
    """Visits parts of a node itself and skips the rest, as libcst's scope visitors do."""

    def visit_Call(self, node: cst.Call) -> bool:
        self.events.append(("call", id(node)))
        for arg in reversed(node.args):
            arg.visit(self)
        return False

    def leave_Call(self, original_node: cst.Call) -> None:
        self.events.append(("left call", id(original_node)))


def _record_name(node: cst.Name) -> None:
    _ODD_NAMES.append(id(node))


_ODD_NAMES: list[int] = []


class _Static(_Plain):
    """A hook that is not a plain function of the class: called as getattr finds it."""

    visit_Name = staticmethod(_record_name)  # type: ignore[assignment]


class _Odd(_Plain):
    """Hooks that are not plain functions of the class: looked up as getattr does."""

    visit_Name = staticmethod(_record_name)  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.visit_Attribute = lambda node: self.events.append(("own", id(node)))


@pytest.mark.parametrize("text", SOURCES)
def test_the_traversal_makes_the_calls_libcst_makes(text):
    """`CSTNode.visit` for read-only visitors (rules/traversal.py) against libcst's own."""
    from migrate_llm.rules import traversal

    module = cst.parse_module(text)
    visitors = [
        lambda: _Events(),
        lambda: _Events((cst.Call, cst.ClassDef)),
        _Plain,
        _WithAttributeHook,
        _Nested,
        _Static,
        _Odd,
    ]
    for make in visitors:
        fast, slow = make(), make()
        _ODD_NAMES.clear()
        assert module.visit(fast) is module
        fast_names = list(_ODD_NAMES)
        assert cst.CSTNode.visit is traversal._visit
        cst.CSTNode.visit = traversal._original_visit  # type: ignore[method-assign]
        _ODD_NAMES.clear()
        try:
            module.visit(slow)
        finally:
            traversal.install()
        assert fast.events == slow.events
        assert fast.events
        assert fast_names == _ODD_NAMES
        assert fast_names or make not in (_Static, _Odd)
    # the transformer path is libcst's own: a rename still rebuilds the tree
    renamed = module.visit(_Rename())
    assert isinstance(renamed, cst.Module)
    assert renamed.code != module.code


class _Rename(cst.CSTTransformer):
    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=updated_node.value + "_")


def test_no_module_outlives_its_check(registry, monkeypatch):
    """The analyses the rules share live on the module's context, so nothing keeps a checked
    module (its tree, scopes and analyses) in memory once its findings are returned."""
    import gc
    import weakref

    from migrate_llm.rules import python_rules
    from migrate_llm.rules.python import check_python

    made: list[weakref.ref[PythonContext]] = []
    init = PythonContext.__init__

    def tracked(self: PythonContext, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(weakref.ref(self))

    monkeypatch.setattr(PythonContext, "__init__", tracked)
    text = (GOLDEN / "legacy_app.py").read_text(encoding="utf-8", errors="replace")
    for provider in (None, registry.get("acme"), registry.openai):
        assert check_python(text, RuleContext(registry, provider), python_rules())
    gc.collect()
    assert len(made) == 3
    assert [r for r in made if r() is not None] == []


def test_a_visitor_class_made_for_one_call_is_not_kept():
    """Rules define visitor classes inside functions, one per call: what the traversal
    learns of a class (its dispatch table) goes with the class."""
    import gc
    import weakref

    module = cst.parse_module(SYNTAX)

    def count_names() -> tuple[int, weakref.ref[type]]:
        class Names(cst.CSTVisitor):
            def __init__(self) -> None:
                super().__init__()
                self.count = 0

            def visit_Name(self, node: cst.Name) -> None:
                self.count += 1

        visitor = Names()
        module.visit(visitor)
        assert vars(Names).get("_traversal_table") is not None  # the tabled walk ran
        return visitor.count, weakref.ref(Names)

    from migrate_llm.rules import traversal

    count, gone = count_names()
    gc.collect()
    assert gone() is None
    assert count == len([n for n in traversal.preorder(module)[0] if isinstance(n, cst.Name)])


def test_environment_subscripts_assigned_to_are_writes_and_others_reads(registry):
    text = (
        "import os\n"
        'os.environ["A"] = alias = "1"\n'
        'os.environ["B"] += "2"\n'
        'total += os.environ["C"]\n'
        'value = os.environ["D"]\n'
        'os.environ["E"], other = "3", "4"\n'
        'table["k"] = os.environ["F"]\n'
    )
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    names = env_names(ctx)
    found = [
        (sorted(a.names), a.kind, ctx.code(a.value) if a.value is not None else None)
        for a in names.accesses
    ]
    assert found == [
        (["A"], "write", '"1"'),
        (["B"], "write", '"2"'),
        (["C"], "read", None),
        (["D"], "read", None),
        (["E"], "read", None),
        (["F"], "read", None),
    ]
    # parents are worked out on the first question only, for the statement asked about,
    # and are those of the tree
    assert names._parents == {}
    access = names.accesses[1].node
    assert isinstance(access, cst.Subscript)
    augmented = names.parent(access)
    assert isinstance(augmented, cst.AugAssign) and augmented.target is access
    statement = ctx.module.body[2]
    start = ctx.index_of(statement)
    assert set(names._parents) <= {id(n) for n in ctx.nodes[start : ctx.ends[start]]}
    assert names.parent(statement) is ctx.module
    assert isinstance(names.parent(augmented), cst.SimpleStatementLine)
    assert names.parent(ctx.module) is None
    assert names.parent(augmented.operator) is None  # an operator: a token
