"""The engine's scope analysis (rules/scope_analysis.py) gives every node what libcst's own
ScopeProvider, resolved through a MetadataWrapper with libcst's own traversal, gives it:
the same scopes, assignments, accesses and qualified names."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, Scope, ScopeProvider

from migrate_llm.rules import scope_analysis, scope_walk, traversal
from migrate_llm.rules.unplaced import UNPLACED

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "input"

NAMES = '''\
"""Module doc."""
from __future__ import annotations

import os
import os.path as osp
import xml.etree.ElementTree
from collections import OrderedDict as OD, defaultdict
from typing import TYPE_CHECKING, Annotated, Literal
from . import sibling
from ..pkg.mod import thing as other
from star_module import *

if TYPE_CHECKING:
    from openai import OpenAI

__all__ = ["Widget", "run"]
counter = 0
total: "int" = 0
alias = OD
later: "OpenAI | None" = None
nested: list["OD[str, Widget]"] = []
annotated: Annotated[int, "not a name"] = 1
literal: Literal["also not a name"] = "x"


def run(a, /, b: "Widget" = None, *args: int, c=counter, **kwargs: "OpenAI") -> "osp":
    global counter
    counter += 1
    local = [a for a in args if a > c]
    gen = (x * y for x in local for y in range(x) if (z := x + y))
    total_sum = {k: v for k, v in kwargs.items()}
    squares = {n * n for n in local}
    if (size := len(local)) > 3:
        print(size, z)

    def inner():
        nonlocal local
        local = [b]
        return lambda q, r=c: q + r + a + other

    del total_sum
    return inner, gen, squares, xml.etree.ElementTree.parse, osp.join


@decorate(counter)
class Widget(sibling.Base, metaclass=defaultdict):
    shared = counter
    items = [shared for _ in range(3)]
    name: str = "w"

    def method(self, value: "Widget") -> "Widget":
        self.name = value.name
        shared = self.shared
        return Widget()

    @property
    def other(self):
        return __class__, super().method(self)


try:
    import missing
except (ImportError, os.error) as error:
    missing = None
    print(error)
else:
    pass

for index, (first, *rest) in enumerate([[1, 2]]):
    print(index, first, rest)

with open(os.path.join("a", "b")) as handle, OD() as (p, q):
    print(handle.read(), p, q)

while (line := input()):
    print(line)

value = 1
match value:
    case 0 | 1 as small if small:
        pass
    case [first, *others]:
        print(others)
    case {"key": found, **remaining}:
        print(found, remaining)
    case OD(x=px, y=_) if px:
        print(px)
    case str() as text:
        print(text)

print(osp.sep, OpenAI, other, thing_from_star, builtins_name, len)
'''

TYPES = """\
type Vector = list[float]
type Pair[T] = tuple[T, T]


def first[T: (int, str), *Ts, **P](items: list[T], *rest: *Ts) -> T:
    return items[0]


class Box[T]:
    def get(self) -> T:
        return self.value
"""

# Calls whose arguments libcst's scope visitor reads as type hints, under their own names,
# other names and an attribute, beside calls that only share a name with them
TYPING = """\
import typing as t
from typing import NewType as NT, TypeVar, cast as to
from other import cast

UserId = NT("UserId", "Base")
T = TypeVar("T", "Bound", bound="Limit")
value = to("Widget", raw)
again = t.cast("list[Widget]", raw)
made = t.NewType("Made", "Base")
plain = cast("Widget", raw)
"""

# What the loop of `scope_walk` goes through in an order or a way of its own: parenthesised
# attributes and names, keywords, defaults, comprehensions in all their parts, decorators,
# strings read as annotations (split, broken, under Literal, in a cast), async forms
WALKED = """\
import os
import typing as t
from typing import List as L, Literal, cast, TypeVar, NewType

value = (os.path).join((os).sep, ((value)).real)
config = dict(value=value, **{"key": value}).get(os.sep)
handler = lambda event, limit=value, *rest, scale=(lambda: value)(), **extra: event + limit


def build(first: "os.PathLike[str]", second: L["Widget"] = [], *, mode: Literal["a"] = "a"):
    counted = {key: [inner for inner in row if (hit := inner)] for key, row in first.items()}
    pairs = [(x, y) for x in second if x for y in (x, hit) if y]
    total = sum(n async for n in first) if mode else hit
    text: "in" "t" = f"{counted!r:{pairs}} {value}"
    broken: "not valid (" = b"raw"
    named: b"int" = 0
    cast(L["Widget"], second)
    cast()
    t.cast("os.PathLike", first).fspath
    return counted, pairs, total, text


@(picked := os.fspath)
class Widget(dict, metaclass=type, extra=value):
    size = 1
    double = [size for _ in range(3)]
    size += 1
    Id = NewType("Id", "Widget")
    T = TypeVar("T", bound="Widget")

    @property
    def area(self, factor=size) -> "Widget.size":
        global value
        value = factor

        def grow():
            nonlocal factor
            factor += 1
            del factor

        return grow


async def run():
    async with os.fspath(value) as (left, right), picked:
        async for item in left:
            print(item)
        else:
            yield right
    try:
        pass
    except* OSError as group:
        print(group)


match value:
    case Widget(size=small) | [small, *_] if small:
        print(small)
"""

SOURCES = [
    pytest.param(WALKED, id="walked"),
    pytest.param(NAMES, id="names"),
    pytest.param(TYPES, id="type-params"),
    pytest.param(TYPING, id="typing-calls"),
    pytest.param("", id="empty"),
    pytest.param("x = 1\n", id="one-line"),
    *[
        pytest.param(p.read_text(encoding="utf-8", errors="replace"), id=p.name)
        for p in sorted(GOLDEN.glob("*.py"))
    ],
    *[
        pytest.param(p.read_text(encoding="utf-8"), id=str(p.relative_to(ROOT)))
        for p in [
            ROOT / "src" / "migrate_llm" / "rules" / "python_context.py",
            ROOT / "src" / "migrate_llm" / "rules" / "traversal.py",
        ]
    ],
]


def _libcst(module: cst.Module) -> dict[cst.CSTNode, Scope | None]:
    """libcst's own: a MetadataWrapper over libcst's own `CSTNode.visit`."""
    cst.CSTNode.visit = traversal._original_visit  # type: ignore[method-assign]
    try:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        return dict(wrapper.resolve(ScopeProvider))
    finally:
        traversal.install()


def _entered(found: dict[cst.CSTNode, Scope | None]) -> dict[cst.CSTNode, Scope | None]:
    """`found` but for whitespace, punctuation and what they hold (in the module, or in an
    annotation parsed from a string): the fast analysis does not enter them."""
    left_out = {
        id(inner)
        for node in found
        if type(node) in UNPLACED
        for inner in traversal.preorder(node)[0]
    }
    assert left_out or len(found) < 4
    return {node: scope for node, scope in found.items() if id(node) not in left_out}


class _Describe:
    """Everything the rules can read from the scopes of one analysis, as plain values: nodes
    are the module's own objects (both analyses see the same tree); scopes and assignments,
    which each analysis makes anew, are named by what identifies them."""

    def __init__(self, module: cst.Module, found: dict[cst.CSTNode, Scope | None]) -> None:
        self.found = found
        self.nodes, _ = traversal.preorder(module)
        self.number = {id(n): i for i, n in enumerate(self.nodes)}

    def node(self, node: object) -> object:
        if isinstance(node, cst.CSTNode):
            return (type(node).__name__, self.number.get(id(node), "outside"))
        return node

    def scope(self, scope: Scope | None) -> object:
        if scope is None:
            return None
        parent = None if scope.parent is scope else self.scope(scope.parent)
        node = getattr(scope, "node", None)
        return (type(scope).__name__, self.node(node), getattr(scope, "name", None), parent)

    def assignment(self, assignment: object) -> object:
        return (
            type(assignment).__name__,
            getattr(assignment, "name", None),
            self.node(getattr(assignment, "node", None)),
            self.scope(getattr(assignment, "scope", None)),
            getattr(assignment, "_index", None),
        )

    def access(self, access: object) -> object:
        return (
            self.node(getattr(access, "node", None)),
            getattr(access, "is_annotation", None),
            getattr(access, "is_type_hint", None),
            self.scope(getattr(access, "scope", None)),
            sorted(map(repr, (self.assignment(a) for a in access.referents))),  # type: ignore[attr-defined]
        )

    def qualified(self, scope: Scope, node: cst.CSTNode) -> object:
        return sorted((q.name, q.source.name) for q in scope.get_qualified_names_for(node))

    def describe_scope(self, scope: Scope) -> object:
        assignments = {
            name: sorted(repr(self.assignment(a)) for a in scope[name])
            for name in sorted({a.name for a in scope.assignments})
        }
        accesses = sorted(repr(self.access(a)) for a in scope.accesses)
        by_name = {
            name: sorted(repr(self.access(a)) for a in scope.accesses[name])
            for name in sorted(
                {a.node.value for a in scope.accesses if isinstance(a.node, cst.Name)}
            )
        }
        return (
            self.scope(scope),
            assignments,
            sorted(repr(self.assignment(a)) for a in scope.assignments),
            accesses,
            by_name,
            scope._assignment_count,
            sorted(
                (name, repr(self.scope(other)))
                for name, other in getattr(scope, "_scope_overwrites", {}).items()
            ),
        )

    def all(self) -> dict[str, object]:
        per_node = []
        scopes: dict[int, Scope] = {}
        for node in self.nodes:
            has = node in self.found
            scope = self.found.get(node)
            entry: list[object] = [self.node(node), has, self.scope(scope)]
            if scope is not None:
                scopes[id(scope)] = scope
                if isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Decorator)):
                    entry.append(self.qualified(scope, node))
                if isinstance(node, cst.Name):
                    entry.append(sorted(repr(self.assignment(a)) for a in scope[node.value]))
                    entry.append(node.value in scope)
            per_node.append(entry)
        return {
            "nodes": per_node,
            "outside": sorted(repr(self.node(n)) for n in self.found if id(n) not in self.number),
            "scopes": sorted(repr(self.describe_scope(s)) for s in scopes.values()),
        }


# The three ways `analyse` can run: the loop of `scope_walk`, libcst's visitor through the
# read-only traversal (`_ScopeVisitor`: a libcst whose visitor the loop was not written
# against), libcst's providers as they are (a libcst whose code none of it was checked on)
PATHS = ["walk", "visitor", "plain"]


def _path(path: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Set up `path`; whether it is a fast one (whitespace and punctuation left out)."""
    if path != "walk":
        monkeypatch.setattr(scope_walk, "KNOWN", False)
    return path != "plain"


@pytest.mark.parametrize("text", SOURCES)
@pytest.mark.parametrize("path", PATHS)
def test_scopes_are_libcsts(text: str, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = cst.parse_module(text)
    libcsts = _libcst(module)
    fast = _path(path, monkeypatch)
    expected = _Describe(module, _entered(libcsts) if fast else libcsts).all()
    assert expected["nodes"]
    found = _Describe(module, scope_analysis.scopes(module, fast=fast)).all()
    assert found == expected


@pytest.mark.parametrize("text", SOURCES)
@pytest.mark.parametrize("path", PATHS[:2])
def test_scopes_are_libcsts_given_the_text(
    text: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the module's text, a module that names no typing call has its calls analysed
    without their qualified names: the same result."""
    _path(path, monkeypatch)
    module = cst.parse_module(text)
    expected = _Describe(module, _entered(_libcst(module))).all()
    found = scope_analysis.analyse(module, text=text)[0]
    assert _Describe(module, found).all() == expected


@pytest.mark.parametrize(
    ("text", "untyped"),
    [
        ("f(x)\n", True),
        ("broadcast(x)\n", False),
        ("from typing import TypeVar as V\nV('T')\n", False),
        ("import typing as t\nt.NewType('A', int)\n", False),
        (TYPING.replace("cast", "other").replace("NewType", "N").replace("TypeVar", "V"), True),
    ],
)
@pytest.mark.parametrize("path", PATHS[:2])
def test_the_calls_go_without_qualified_names_only_where_none_is_a_typing_call(
    text: str, untyped: bool, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _path(path, monkeypatch)
    asked: list[cst.CSTNode] = []
    real = Scope.get_qualified_names_for

    def spy(self: Scope, node: cst.CSTNode | str) -> object:
        asked.append(node)  # type: ignore[arg-type]
        return real(self, node)

    monkeypatch.setattr(Scope, "get_qualified_names_for", spy)
    module = cst.parse_module(text)
    scope_analysis.analyse(module, text=text)
    calls = [n for n in asked if isinstance(n, cst.Call)]
    assert (calls == []) is untyped
    assert scope_analysis.may_call_typing(text) is not untyped


def test_the_check_of_libcsts_visit_call_rejects_other_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from libcst.metadata import scope_provider

    def visit_call(self: object, node: cst.Call) -> bool:
        return "typing.cast" in {q.name for q in self.scope.get_qualified_names_for(node)}  # type: ignore[attr-defined]

    assert scope_analysis._calls_known()
    assert scope_analysis.CALLS_FAST
    monkeypatch.setattr(scope_provider.ScopeVisitor, "visit_Call", visit_call)
    assert not scope_analysis._calls_known()


def test_the_fast_path_runs_with_this_libcst() -> None:
    """The libcst installed here is one the fast paths were checked against (otherwise the
    tests above compare the plain path twice)."""
    assert scope_analysis.FAST
    assert scope_walk.KNOWN


def test_the_loop_stands_in_only_for_the_visitor_it_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any change to what a method of libcst's visitor reads or holds changes its
    fingerprint, and then `scope_walk` is not used."""
    from libcst.metadata import scope_provider

    visitor = scope_provider.ScopeVisitor
    assert scope_walk.fingerprint(visitor) == scope_walk._FINGERPRINT

    def visit_Arg(self: object, node: cst.Arg) -> bool:  # also visits the keyword
        return True

    def visit_For(self: object, node: cst.For) -> bool:  # counts nothing
        return True

    for name, replacement in [("visit_Arg", visit_Arg), ("visit_For", visit_For)]:
        monkeypatch.setattr(visitor, name, replacement)
        assert scope_walk.fingerprint(visitor) != scope_walk._FINGERPRINT
        monkeypatch.undo()

    def visit_Await(self: object, node: cst.Await) -> None:  # a method it did not have
        pass

    monkeypatch.setattr(visitor, "visit_Await", visit_Await, raising=False)
    assert scope_walk.fingerprint(visitor) != scope_walk._FINGERPRINT


def test_without_the_fast_path_libcsts_visitor_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """When libcst's code is not the one checked (`FAST` is False), its own visitor runs."""
    made: list[object] = []
    real = scope_analysis._ScopeVisitor.__init__

    def spy(self: object, provider: ScopeProvider) -> None:
        made.append(self)
        real(self, provider)  # type: ignore[arg-type]

    monkeypatch.setattr(scope_analysis._ScopeVisitor, "__init__", spy)
    module = cst.parse_module(NAMES)
    scope_analysis.scopes(module)
    assert made == []  # the loop of `scope_walk`
    monkeypatch.setattr(scope_walk, "KNOWN", False)
    scope_analysis.scopes(module)
    assert len(made) == 1
    monkeypatch.setattr(scope_analysis, "FAST", False)
    found = scope_analysis.scopes(module)
    assert len(made) == 1
    assert _Describe(module, found).all() == _Describe(module, _libcst(module)).all()


def test_the_check_of_libcsts_code_rejects_other_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from libcst.metadata import scope_provider

    def on_leave(self: object, original_node: cst.CSTNode) -> None:
        self.provider.set_metadata(original_node, None)  # type: ignore[attr-defined]

    assert scope_analysis._known()
    monkeypatch.setattr(scope_provider.ScopeVisitor, "on_leave", on_leave)
    assert not scope_analysis._known()
    monkeypatch.undo()
    monkeypatch.setattr(scope_analysis, "_ASSIGNMENT_LIKE_NODES", None)
    assert not scope_analysis._known()
    monkeypatch.undo()
    monkeypatch.setattr(scope_analysis, "ScopeVisitor", None)
    assert not scope_analysis._known()


def test_the_scope_visitor_works_under_libcsts_own_traversal() -> None:
    """`_ScopeVisitor.on_visit`/`on_leave` (what a walk without dispatch tables calls)."""
    module = cst.parse_module(NAMES)
    expected = _Describe(module, _entered(_libcst(module))).all()
    cst.CSTNode.visit = traversal._original_visit  # type: ignore[method-assign]
    try:
        found = scope_analysis.scopes(module, fast=True)
    finally:
        traversal.install()
    assert _Describe(module, found).all() == expected


CONTEXTS = """\
a = b = c.d[e] = f
(g, [h, *i]), j.k = l
m: "n" = o
p += q[r:s, t]
del u, v.w, x[y], (z1, [z2])
print(aa := bb, cc.dd.ee(ff))
for gg, (hh, ii) in jj:
    pass
else:
    kk
async def ll(mm, nn: oo = pp, *qq, rr=ss, **tt) -> uu:
    async for vv in ww:
        pass
    return [xx for yy in zz if yy for xx in yy]
@dec(ab)
class Cd(ef, metaclass=gh):
    ij = kl
with mn as op, qr as (st, uv):
    pass
try:
    pass
except wx as yz:
    pass
import ba.bb as bc
from bd import be as bf, bg
global bh
lambda bi, bj=bk: bi + bl
{bm: bn for bo, bp in bq}
match br:
    case [bs, *bt] | {"k": bu, **bv} | Bw(bx=by) as bz:
        pass
f(kw=1)[ca] = cb
print([la, (lb, lc)])
"""

CONTEXT_SOURCES = [
    pytest.param(CONTEXTS, id="contexts"),
    *[p for p in SOURCES if p.id != "empty"],
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", CONTEXT_SOURCES)
def test_expression_contexts_and_preorder_are_libcsts(text: str) -> None:
    """The walk recording the preorder gives each node the context libcst's own
    ExpressionContextProvider gives it (and none to the nodes it gives none), and the
    preorder is `traversal.preorder`'s."""
    from libcst.metadata import ExpressionContextProvider

    module = cst.parse_module(text)
    assert scope_analysis._fast_contexts()
    nodes, ends, contexts = scope_analysis._walk_module(module)
    expected_nodes, expected_ends = traversal.preorder(module, UNPLACED)
    assert [id(n) for n in nodes] == [id(n) for n in expected_nodes]
    assert ends == expected_ends
    cst.CSTNode.visit = traversal._original_visit  # type: ignore[method-assign]
    try:
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        libcsts = wrapper.resolve(ExpressionContextProvider)
    finally:
        traversal.install()
    number = {id(n): i for i, n in enumerate(nodes)}
    assert sorted((number[id(n)], c) for n, c in contexts.items()) == sorted(
        (number[id(n)], c) for n, c in libcsts.items()
    )
    assert scope_analysis.expression_contexts(module) == contexts
    found, nodes_again, _ = scope_analysis.analyse(module)
    assert nodes_again == nodes
    expected = _Describe(module, _entered(_libcst(module))).all()
    assert _Describe(module, found).all() == expected


def test_the_contexts_cover_every_kind() -> None:
    """The case above has a Load, a Store and a Del of every node type given contexts."""
    module = cst.parse_module(CONTEXTS)
    contexts = scope_analysis._walk_module(module)[2]
    kinds = {(type(n).__name__, c.name) for n, c in contexts.items()}
    for name in ("Name", "Attribute", "Subscript", "Tuple", "List"):
        assert {(name, "LOAD"), (name, "STORE"), (name, "DEL")} <= kinds
    assert ("StarredElement", "STORE") in kinds
    # the attribute of an Attribute has no context; a keyword's name is a Load (in libcst)
    names = {n.value: c for n, c in contexts.items() if isinstance(n, cst.Name)}
    assert "dd" not in names and "ee" not in names and names["kw"].name == "LOAD"
    assert names["cc"].name == "LOAD" and names["bj"].name == "STORE"


def test_the_contexts_fall_back_to_libcsts_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    """When libcst's ExpressionContextVisitor is not the one described, its provider runs."""
    from libcst.metadata import expression_context_provider

    module = cst.parse_module(CONTEXTS)
    expected = scope_analysis._walk_module(module)
    assert scope_analysis._context_code_known()

    def visit_Name(self: object, node: cst.Name) -> bool:
        return False

    monkeypatch.setattr(
        expression_context_provider.ExpressionContextVisitor, "visit_Name", visit_Name
    )
    assert not scope_analysis._context_code_known()
    monkeypatch.undo()
    monkeypatch.setattr(
        scope_analysis, "_CONTEXT_FIELDS", {**scope_analysis._CONTEXT_FIELDS, "Del": {}}
    )
    assert not scope_analysis._context_code_known()
    monkeypatch.undo()
    monkeypatch.setattr(scope_analysis, "_contexts_fast", False)
    walks: list[object] = []
    monkeypatch.setattr(scope_analysis, "_walk_module", lambda m: walks.append(m))
    found, nodes, ends = scope_analysis.analyse(module)
    assert walks == []
    assert [id(n) for n in nodes] == [id(n) for n in expected[0]] and ends == expected[1]
    assert scope_analysis.expression_contexts(module) == expected[2]
    expected_scopes = _Describe(module, _entered(_libcst(module))).all()
    assert _Describe(module, found).all() == expected_scopes
