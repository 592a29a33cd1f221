"""libcst's scope analysis (ScopeProvider over ExpressionContextProvider), at a lower cost.

The scopes, assignments and accesses are libcst's own objects. With the libcst whose scope
visitor `scope_walk` follows (`scope_walk.KNOWN`), that module's loop does what the visitor
does over the nodes recorded here, without a call per node. Otherwise libcst's visitor runs,
and what changes is how it is called. It walks the module with `CSTNode.visit`, which
`traversal` makes read-only. libcst's scope visitor has an `on_leave` of its own that, on
every node, records the node's scope and checks the node against a tuple of node classes
whose metaclass is `ABCMeta` (about a third of the analysis); `_ScopeVisitor` does the same
per node type, decided once per type. It does not enter whitespace and punctuation
(`UNPLACED`, most of a module's nodes, where the scope visitor does nothing but record the
scope): they and what they hold get no scope, and nothing asks for one.

The expression contexts the scope visitor reads (Load, Store or Del, per Name, Attribute,
Subscript, Tuple, List and StarredElement) are not computed by libcst's visitor, which
walks the whole module once more and makes a visitor for every assignment target: they
are recorded in the walk that records the module's preorder (`_walk_module`), from a
table of what libcst's visitor does (`_CONTEXT_FIELDS`). A node's context depends only on
the fields on its path from the module, so one walk in any order gives libcst's.

It relies on names libcst does not publish (`ScopeVisitor`, `_ASSIGNMENT_LIKE_NODES`,
`ExpressionContextVisitor`) and on what its `on_leave`, `ScopeProvider.visit_Module`,
`set_metadata` and the expression context visitor do: when any of them is missing or
reads other names than the ones checked below, `analyse` runs libcst's providers as they
are (`FAST` is False; `_fast_contexts()` is False).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

import libcst as cst
from libcst.metadata import ExpressionContext, ExpressionContextProvider, Scope, ScopeProvider
from libcst.metadata.base_provider import BaseMetadataProvider

from migrate_llm.rules import scope_walk, traversal
from migrate_llm.rules.node_classes import derives
from migrate_llm.rules.unplaced import UNPLACED, unplaced_fields

try:
    from libcst.metadata.scope_provider import (
        _ASSIGNMENT_LIKE_NODES,
        ScopeVisitor,
    )
except ImportError:  # another libcst: its providers run as they are
    _ASSIGNMENT_LIKE_NODES = None  # type: ignore[assignment]
    ScopeVisitor = None  # type: ignore[assignment,misc]
try:
    from libcst.metadata.expression_context_provider import ExpressionContextVisitor
except ImportError:  # another libcst: its provider runs as it is
    ExpressionContextVisitor = None  # type: ignore[assignment,misc]

_Call = Callable[[cst.CSTVisitor, cst.CSTNode], object]


def _skip(visitor: object, node: cst.CSTNode) -> bool:
    """A visit that does not enter the node."""
    return False


def _names(function: object) -> set[str] | None:
    code = getattr(function, "__code__", None)
    return set(code.co_names) if code is not None else None


def _known() -> bool:
    """Whether libcst's code is the one `_ScopeVisitor` and `_run_scopes` stand in for: the
    names each function reads are exactly those of the versions this was written against."""
    if ScopeVisitor is None or not isinstance(_ASSIGNMENT_LIKE_NODES, tuple):
        return False
    return (
        _names(ScopeVisitor.on_leave)
        == {
            "provider",
            "set_metadata",
            "isinstance",
            "_ASSIGNMENT_LIKE_NODES",
            "scope",
            "_assignment_count",
            "super",
            "on_leave",
        }
        and _names(ScopeProvider.visit_Module) == {"ScopeVisitor", "visit", "infer_accesses"}
        and ScopeProvider.set_metadata is BaseMetadataProvider.set_metadata
        and _names(BaseMetadataProvider.set_metadata) == {"_computed"}
        and all(isinstance(k, type) for k in _ASSIGNMENT_LIKE_NODES)
    )


FAST = _known()

# The calls libcst's scope visitor treats apart (their arguments are type hints): its
# `visit_Call` computes the qualified names of every call to find them.
TYPING_CALLS = frozenset({"typing.NewType", "typing.TypeVar", "typing.cast"})


def _calls_known() -> bool:
    """Whether libcst's `visit_Call` is the one `_UntypedCallVisitor` stands in for: it reads
    the names and looks for the qualified names of the version this was written against."""
    if ScopeVisitor is None:
        return False
    code = ScopeVisitor.visit_Call.__code__
    looked_for = {c for c in code.co_consts if isinstance(c, str) and c.startswith("typing.")}
    return looked_for == TYPING_CALLS and set(code.co_names) == {
        "_ScopeVisitor__top_level_attribute_stack",
        "_ScopeVisitor__in_type_hint_stack",
        "append",
        "scope",
        "get_qualified_names_for",
        "func",
        "visit",
        "args",
        "len",
        "pop",
    }


CALLS_FAST = FAST and _calls_known()


def may_call_typing(text: str) -> bool:
    """Whether a call in `text` may be one of `TYPING_CALLS`: a qualified name is made of
    names written in the module (the call's own, or an import's), so the last part of one
    of them is in its text."""
    return any(name.rpartition(".")[2] in text for name in TYPING_CALLS)


if ScopeVisitor is not None:

    class _ScopeVisitor(ScopeVisitor):
        """libcst's scope visitor, with what its `on_leave` does for a node decided once
        per node type (`traversal_dispatch`, which `traversal` uses as its table)."""

        _dispatch: ClassVar[dict[type, tuple[_Call | None, _Call | None]]] = {}

        def __init__(self, provider: ScopeProvider) -> None:
            super().__init__(provider)
            self.computed = provider._computed

        @classmethod
        def traversal_dispatch(cls, node_type: type) -> tuple[_Call | None, _Call | None]:
            """(visit, leave) for a node of `node_type`, each a function of (visitor, node)."""
            try:
                return cls._dispatch[node_type]
            except KeyError:
                pass
            name = node_type.__name__
            visit = traversal.method(cls, f"visit_{name}")
            then = traversal.method(cls, f"leave_{name}")
            if node_type in UNPLACED and visit is None and then is None:
                skipped = cls._dispatch[node_type] = (_skip, None)
                return skipped
            counted = derives(node_type, _ASSIGNMENT_LIKE_NODES)

            # The node's scope is recorded; an assignment-like node counts in its scope's
            # assignments (libcst orders assignments by that count); then `leave_<type>`.
            def leave(visitor: Any, node: cst.CSTNode) -> None:
                scope = visitor.scope
                visitor.computed[node] = scope
                if counted:
                    scope._assignment_count += 1
                if then is not None:
                    then(visitor, node)

            entry = cls._dispatch[node_type] = (visit, leave)
            return entry

        def on_visit(self, node: cst.CSTNode) -> bool:
            visit = self.traversal_dispatch(type(node))[0]
            return visit is None or visit(self, node) is not False

        def on_leave(self, original_node: cst.CSTNode) -> None:
            leave = self.traversal_dispatch(type(original_node))[1]
            if leave is not None:
                leave(self, original_node)

    class _UntypedCallVisitor(_ScopeVisitor):
        """`_ScopeVisitor` for a module where no call can be one of `TYPING_CALLS`
        (`may_call_typing`): libcst's `visit_Call` with their qualified names empty, which
        is to say without computing them (3% of a cold scan of the LlamaIndex code)."""

        _dispatch: ClassVar[dict[type, tuple[_Call | None, _Call | None]]] = {}

        def __init__(self, provider: ScopeProvider) -> None:
            super().__init__(provider)
            # the stacks libcst's `visit_Call` pushes on (made once, in its `__init__`)
            self._attributes = vars(self)["_ScopeVisitor__top_level_attribute_stack"]
            self._type_hints = vars(self)["_ScopeVisitor__in_type_hint_stack"]

        def visit_Call(self, node: cst.Call) -> bool:
            self._attributes.append(None)
            self._type_hints.append(False)
            return True


# libcst's ExpressionContextVisitor, as data: for each node type with a `visit_<type>` that
# chooses what to visit, the fields it visits and the context each is visited with (`_SAME`:
# the node's own); its other fields are not visited, so nothing under them gets a context.
# Every other node passes its context on to all its children. The module is visited with
# LOAD. `_RECORDED` are the node types given the context they are visited with.
_SAME = "same"
_STORE, _LOAD, _DEL = ExpressionContext.STORE, ExpressionContext.LOAD, ExpressionContext.DEL
_CONTEXT_FIELDS: dict[str, dict[str, ExpressionContext | str]] = {
    "Assign": {"targets": _STORE, "value": _SAME},
    "AnnAssign": {"target": _STORE, "annotation": _SAME, "value": _SAME},
    "AugAssign": {"target": _STORE, "value": _SAME},
    "NamedExpr": {"target": _STORE, "value": _SAME},
    "Name": {},
    "AsName": {"name": _STORE},
    "CompFor": {"target": _STORE, "iter": _SAME, "ifs": _SAME, "inner_for_in": _SAME},
    "For": {"target": _STORE, "iter": _SAME, "body": _SAME, "orelse": _SAME},
    "Del": {"target": _DEL},
    "Attribute": {"value": _LOAD},
    "Subscript": {"value": _LOAD, "slice": _LOAD},
    "ClassDef": {
        "name": _STORE,
        "body": _SAME,
        "bases": _SAME,
        "keywords": _SAME,
        "decorators": _SAME,
    },
    "FunctionDef": {
        "name": _STORE,
        "params": _SAME,
        "body": _SAME,
        "decorators": _SAME,
        "returns": _SAME,
    },
    "Param": {"name": _STORE, "annotation": _SAME, "default": _SAME},
}
_RECORDED = frozenset({"Name", "Attribute", "Subscript", "Tuple", "List", "StarredElement"})


def _context_code_known() -> bool:
    """Whether libcst's ExpressionContextVisitor is the one `_CONTEXT_FIELDS` describes: the
    same `visit_<type>` functions, each reading the names of the fields, contexts and calls
    the table says, and no other hooks."""
    visitor = ExpressionContextVisitor
    if (
        visitor is None
        or visitor.__bases__ != (cst.CSTVisitor,)
        or visitor.on_visit is not cst.CSTVisitor.on_visit
        or visitor.on_leave is not cst.CSTVisitor.on_leave
        or _names(ExpressionContextProvider.visit_Module)
        != {"ExpressionContext", "ExpressionContextVisitor", "LOAD", "visit"}
    ):
        return False
    types = _CONTEXT_FIELDS.keys() | _RECORDED
    hooks = {name for name in vars(visitor) if name.startswith(("visit_", "leave_"))}
    if hooks != {f"visit_{name}" for name in types}:
        return False
    for name in types:
        fields = _CONTEXT_FIELDS.get(name, {})
        expected = {"provider", *fields}
        contexts = {c.name for c in fields.values() if isinstance(c, ExpressionContext)}
        if contexts:
            expected |= {"ExpressionContext", "ExpressionContextVisitor", *contexts}
        if fields:
            expected.add("visit")
        if name in _RECORDED:
            expected |= {"context", "set_metadata"}
        if name == "Subscript":
            expected |= {"isinstance", "Sequence"}
        if _names(vars(visitor)[f"visit_{name}"]) != expected:
            return False
    return True


# How a field holds its children (traversal's plans): one node, an optional one, one or
# MaybeSentinel.DEFAULT, a sequence (or None: `traversal.loose_plan`), an ImportStar or a
# sequence.
_ONE, _OPTIONAL, _SENTINEL, _MANY, _STAR = range(5)
_KINDS = {"one": _ONE, "optional": _OPTIONAL, "sentinel": _SENTINEL, "many": _MANY, "star": _STAR}
_DEFAULT = cst.MaybeSentinel.DEFAULT

# For a node type: its fields as (kind, attribute), last first (None: libcst's code visits
# its children); for a type of `_CONTEXT_FIELDS`, its fields as (kind, attribute, the
# context its children get: `_SAME`, a context or None), last first, else None; whether it
# is given a context.
_Field = tuple[int, str]
_ContextField = tuple[int, str, "ExpressionContext | str | None"]
_Entry = tuple["tuple[_Field, ...] | None", "tuple[_ContextField, ...] | None", bool]
_ENTRIES: dict[type, _Entry] = {}


def _entry(node_type: type) -> _Entry:
    plan = traversal.plan(node_type)
    # `_walk_module` calls no attribute hook: the looser plans do for it
    loose = plan if plan is not None else traversal.loose_plan(node_type)
    # nor does it go into the fields that hold only whitespace and punctuation
    left = unplaced_fields(node_type)
    fields = None
    if loose is not None:
        fields = tuple((_KINDS[how], a) for how, _, a in reversed(loose) if a not in left)
    # libcst's visitors find a node's `visit_<type>` by the name of its type
    chosen = _CONTEXT_FIELDS.get(node_type.__name__)
    by_context = None
    if chosen is not None:
        if plan is None or not set(chosen) <= {a for _, _, a in plan}:
            raise _Unknown(node_type)
        by_context = tuple(
            (_KINDS[how], a, chosen.get(a)) for how, _, a in reversed(plan) if a not in left
        )
    recorded = node_type.__name__ in _RECORDED
    entry = _ENTRIES[node_type] = (fields, by_context, recorded)
    return entry


class _Unknown(Exception):
    """A node type whose fields are not the ones `_CONTEXT_FIELDS` names."""


class _Context:
    """A mark in `_walk_module`'s stack: the context of the nodes that follow it."""

    __slots__ = ("context",)

    def __init__(self, context: ExpressionContext | None) -> None:
        self.context = context


_MARKS = {c: _Context(c) for c in (*ExpressionContext, None)}


def _walk_module(
    module: cst.Module,
) -> tuple[list[cst.CSTNode], list[int], dict[cst.CSTNode, ExpressionContext]]:
    """`traversal.preorder(module, UNPLACED)` and what ExpressionContextProvider gives the
    nodes of `module`, in one walk."""
    nodes: list[cst.CSTNode] = []
    ends: list[int] = []
    contexts: dict[cst.CSTNode, ExpressionContext] = {}
    entries = _ENTRIES
    marks = _MARKS
    stack: list[Any] = [module]
    pop, push, extend = stack.pop, stack.append, stack.extend
    add, add_end = nodes.append, ends.append
    context: ExpressionContext | None = _LOAD
    unplaced = UNPLACED
    # The stack holds the nodes still to record, last first; after a node's children, the
    # node's index (its end is known there); around a field visited with another context,
    # the marks setting that context and setting back the node's.
    while stack:
        node = pop()
        klass = node.__class__
        if klass is int:
            ends[node] = len(nodes)
            continue
        if klass is _Context:
            context = node.context
            continue
        if klass in unplaced:
            continue  # nor what it holds
        try:
            fields, by_context, recorded = entries[klass]
        except KeyError:
            fields, by_context, recorded = _entry(klass)
        index = len(nodes)
        add(node)
        if context is not None:
            if recorded:
                contexts[node] = context
            if by_context is not None:
                add_end(0)
                push(index)
                for kind, attribute, given in by_context:
                    value = getattr(node, attribute)
                    if kind == _MANY:
                        if not value:
                            continue
                    elif kind == _OPTIONAL:
                        if value is None:
                            continue
                    elif kind == _SENTINEL and value is _DEFAULT:
                        continue
                    if given is _SAME:
                        if kind == _MANY:
                            extend(reversed(value))
                        else:
                            push(value)
                        continue
                    push(marks[context])
                    if kind == _MANY:
                        extend(reversed(value))
                    else:
                        push(value)
                    push(marks[given])
                continue
        if fields is None:
            children: list[cst.CSTNode] = []
            node._visit_and_replace_children(traversal._Children(children.append))
            fields = ()
            if children:
                add_end(0)
                push(index)
                extend(reversed(children))
                continue
        if not fields:
            add_end(index + 1)
            continue
        add_end(0)
        push(index)
        for kind, attribute in fields:
            value = getattr(node, attribute)
            if kind == _MANY:
                if value:
                    extend(reversed(value))
            elif kind == _ONE:
                push(value)
            elif kind == _OPTIONAL:
                if value is not None:
                    push(value)
            elif kind == _SENTINEL:
                if value is not _DEFAULT:
                    push(value)
            elif isinstance(value, cst.ImportStar):
                push(value)
            else:
                extend(reversed(value))
    return nodes, ends, contexts


_contexts_fast: bool | None = None


def _fast_contexts() -> bool:
    """Whether `_walk_module` gives libcst's contexts (checked on first use: it reads the
    fields of the node types `_CONTEXT_FIELDS` names)."""
    global _contexts_fast
    if _contexts_fast is None:
        try:
            _contexts_fast = _context_code_known() and all(
                _entry(getattr(cst, name))[1] is not None for name in _CONTEXT_FIELDS
            )
        except (_Unknown, AttributeError):
            _contexts_fast = False
    return _contexts_fast


def _run_scopes(provider: ScopeProvider, module: cst.Module, text: str | None = None) -> None:
    """`provider.visit_Module(module)` with `_ScopeVisitor` for libcst's visitor
    (`_UntypedCallVisitor` when `text`, the module's, shows that it may)."""
    untyped = CALLS_FAST and text is not None and not may_call_typing(text)
    visitor = (_UntypedCallVisitor if untyped else _ScopeVisitor)(provider)
    module.visit(visitor)
    visitor.infer_accesses()


def analyse(
    module: cst.Module, fast: bool | None = None, text: str | None = None
) -> tuple[dict[cst.CSTNode, Scope | None], list[cst.CSTNode], list[int]]:
    """What ScopeProvider gives each node of `module` (but whitespace, punctuation and what
    they hold on the fast path), as a MetadataWrapper would resolve it
    (ExpressionContextProvider first), and `traversal.preorder(module, UNPLACED)`.
    `fast=False` runs libcst's providers as they are; `text`, the module's, lets the calls
    go without their qualified names where none can be a typing call (`may_call_typing`).

    Both providers do their work in `visit_Module` (each walks the module itself); resolved
    through a MetadataWrapper, each would also get a batched traversal of its own that visits
    every node of the module to call nothing else. They run here directly, without those;
    the expression contexts are recorded in the walk that records the preorder.
    """
    fast = FAST and fast is not False
    try:
        if not (fast and _fast_contexts()):
            raise _Unknown(None)
        nodes, ends, contexts = _walk_module(module)
    except _Unknown:
        nodes, ends = traversal.preorder(module, UNPLACED)
        contexts = _libcst_contexts(module)
    if fast and scope_walk.KNOWN:
        untyped = text is not None and not may_call_typing(text)
        return scope_walk.walk_scopes(nodes, ends, contexts, untyped), nodes, ends  # type: ignore[return-value]
    provider = ScopeProvider()
    provider.metadata = {ExpressionContextProvider: contexts}
    try:
        if fast:
            _run_scopes(provider, module, text)
        else:
            provider.visit_Module(module)
    finally:
        provider.metadata = {}
    return cast("dict[cst.CSTNode, Scope | None]", provider._computed), nodes, ends


def release(scopes: Iterable[Scope | None]) -> None:
    """Break the reference cycles of an analysis's scopes (the values `analyse` gave), once
    nothing reads them: a scope, its assignments and its accesses refer to one another (a
    global scope to itself too) and to the nodes, so the whole tree would otherwise wait
    for the cycle collector, whose collection walks it before freeing it (three to four
    times what reference counting takes). Every such object is emptied (its attributes
    dropped, whatever libcst names them); a scope must not be used afterwards."""
    found = {id(scope): scope for scope in scopes if scope is not None}
    for scope in list(found.values()):
        parent = scope.parent
        while id(parent) not in found:
            found[id(parent)] = parent
            parent = parent.parent
    for scope in found.values():
        for table in vars(scope).values():
            # the assignments and the accesses, by name (and by node): sets of objects
            if isinstance(table, dict):
                for group in table.values():
                    if isinstance(group, set):
                        for member in group:
                            attributes = getattr(member, "__dict__", None)
                            if attributes is not None:
                                attributes.clear()
        vars(scope).clear()


def scopes(module: cst.Module, fast: bool | None = None) -> dict[cst.CSTNode, Scope | None]:
    """What ScopeProvider gives each node of `module` (see `analyse`)."""
    return analyse(module, fast)[0]


def expression_contexts(module: cst.Module) -> dict[cst.CSTNode, ExpressionContext]:
    """What ExpressionContextProvider gives the nodes of `module`, as `analyse` records it."""
    if FAST and _fast_contexts():
        with contextlib.suppress(_Unknown):
            return _walk_module(module)[2]
    return _libcst_contexts(module)


def _libcst_contexts(module: cst.Module) -> dict[cst.CSTNode, ExpressionContext]:
    provider = ExpressionContextProvider()
    provider.visit_Module(module)
    return cast("dict[cst.CSTNode, ExpressionContext]", provider._computed)
