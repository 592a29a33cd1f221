"""libcst's scope visitor, run as one loop over the module's recorded nodes.

libcst's `ScopeVisitor` walks the module node by node, a call or two per node, and most
of its nodes need nothing but the scope they are in. `walk_scopes` goes over the list of the
module's nodes that `scope_analysis._walk_module` records (in the order `module.visit` meets
them, whitespace and punctuation left out, with the end of each one's subtree) and does what
the visitor does, in the visitor's order: the scopes, assignments and accesses are libcst's
own objects, made by libcst's own methods (`record_assignment`, `Access`, ...). Where the
visitor chooses what to visit and when (a function's parameters and body in its scope, then
its decorators outside; a comprehension's first iterable outside its scope; only the value of
an attribute or an argument), the loop goes through the same fields in the same order, as
ranges of that list; the order matters, since libcst numbers assignments and reads in each
scope by it and a read sees only the assignments before it.

It stands in for exactly the visitor it was written against: `KNOWN` is True only when the
names and constants of every method of libcst's `ScopeVisitor` are those below
(`_FINGERPRINT`); otherwise `scope_analysis` runs libcst's visitor.
"""

from __future__ import annotations

import hashlib
import types
from collections import defaultdict
from typing import Any

import libcst as cst
from libcst.metadata import (
    Access,
    ClassScope,
    ComprehensionScope,
    ExpressionContext,
    FunctionScope,
    GlobalScope,
    Scope,
)

from migrate_llm.rules import traversal
from migrate_llm.rules.node_classes import derives
from migrate_llm.rules.unplaced import UNPLACED

try:
    from libcst.metadata.scope_provider import (
        _ASSIGNMENT_LIKE_NODES,
        AnnotationScope,
        ScopeVisitor,
        _gen_dotted_names,
    )
except ImportError:  # another libcst: its visitor runs
    ScopeVisitor = None  # type: ignore[assignment,misc]


def fingerprint(klass: type) -> str:
    """The names each method of `klass` reads and the constants it holds (those of the
    functions and comprehensions inside it too), as a digest."""

    def described(code: types.CodeType) -> list[object]:
        inner = [c for c in code.co_consts if isinstance(c, types.CodeType)]
        constants = sorted(repr(c) for c in code.co_consts if isinstance(c, (str, int)))
        return [sorted(code.co_names), constants, [described(c) for c in inner]]

    methods = []
    for name, value in sorted(vars(klass).items()):
        function = getattr(value, "__wrapped__", value)  # `_new_scope`: a context manager
        code = getattr(function, "__code__", None)
        if code is not None:
            methods.append([name, described(code)])
    return hashlib.sha256(repr(methods).encode()).hexdigest()[:16]


# libcst 1.9's ScopeVisitor (the one this module follows, method by method)
_FINGERPRINT = "3db9d141c3f20196"
KNOWN = ScopeVisitor is not None and fingerprint(ScopeVisitor) == _FINGERPRINT

_STORE, _LOAD, _DEL = ExpressionContext.STORE, ExpressionContext.LOAD, ExpressionContext.DEL
_NEW_TYPE = frozenset({"typing.NewType", "typing.TypeVar"})

# What the visitor does with a node, by the name of its type (libcst finds `visit_<type>` so)
(
    _GENERIC,
    _COUNTED,
    _NAME,
    _ATTRIBUTE,
    _CALL,
    _ARG,
    _SUBSCRIPT,
    _ANNOTATION,
    _STRING,
    _STRINGS,
    _IMPORT,
    _GLOBAL,
    _NONLOCAL,
    _FUNCTION,
    _LAMBDA,
    _PARAM,
    _CLASS,
    _COMPREHENSION,
    _FOR,
    _TYPE_ALIAS,
    _TYPE_VAR,
    _TYPE_NAME,
) = range(22)
_BY_NAME = {
    "Name": _NAME,
    "Attribute": _ATTRIBUTE,
    "Call": _CALL,
    "Arg": _ARG,
    "Subscript": _SUBSCRIPT,
    "Annotation": _ANNOTATION,
    "SimpleString": _STRING,
    "ConcatenatedString": _STRINGS,
    "Import": _IMPORT,
    "ImportFrom": _IMPORT,
    "Global": _GLOBAL,
    "Nonlocal": _NONLOCAL,
    "FunctionDef": _FUNCTION,
    "Lambda": _LAMBDA,
    "Param": _PARAM,
    "ClassDef": _CLASS,
    "ListComp": _COMPREHENSION,
    "SetComp": _COMPREHENSION,
    "DictComp": _COMPREHENSION,
    "GeneratorExp": _COMPREHENSION,
    "For": _FOR,
    "TypeAlias": _TYPE_ALIAS,
    "TypeVar": _TYPE_VAR,
    "TypeVarTuple": _TYPE_NAME,
    "ParamSpec": _TYPE_NAME,
}
_CODES: dict[type, int] = {}


def _code(node_type: type) -> int:
    """What the visitor does with a node of `node_type` (decided once per type)."""
    code = _BY_NAME.get(node_type.__name__)
    if code is None:
        code = _COUNTED if derives(node_type, _ASSIGNMENT_LIKE_NODES) else _GENERIC
    _CODES[node_type] = code
    return code


# Tasks, done last pushed first: visit the nodes from an index to another (with the depth
# of `pending` below which that range leaves the marks alone, -1 until it starts); make a
# scope current; count an assignment in the current scope; leave a node (record its scope,
# count it when it is assignment-like, pop what its visit pushed); set or push or pop the
# type-hint flag.
_RANGE, _SCOPE, _ADD, _LEAVE, _LEAVE_COUNTED, _LEAVE_CALL, _HINT, _HINT_PUSH, _HINT_POP = range(9)
# Marks in `pending`, done when the walk reaches their index: leave an assignment-like node,
# a call, an annotation, a subscript; end an attribute's value (and skip the rest of it).
_M_COUNT, _M_CALL, _M_ANNOTATION, _M_SUBSCRIPT, _M_ATTRIBUTE = range(5)


class _State:
    """What the visitor keeps between nodes, shared with the walks of string annotations."""

    __slots__ = ("attributes", "computed", "deferred", "hints", "ignored", "notes", "untyped")

    def __init__(self, untyped: bool) -> None:
        self.computed: dict[cst.CSTNode, Scope] = {}
        self.deferred: list[tuple[Access, cst.Attribute | None, cst.BaseString | None]] = []
        self.attributes: list[cst.Attribute | None] = [None]
        self.notes: list[bool] = [False]
        self.hints: list[bool] = [False]
        self.ignored: set[cst.Subscript] = set()
        self.untyped = untyped


def walk_scopes(
    nodes: list[cst.CSTNode],
    ends: list[int],
    contexts: dict[cst.CSTNode, ExpressionContext],
    untyped: bool,
) -> dict[cst.CSTNode, Scope]:
    """The scope of each node as `ScopeProvider` records it, all accesses inferred, for the
    module whose recorded nodes and subtree ends are `nodes` and `ends` (`contexts`: what
    ExpressionContextProvider gives them; `untyped`: no call is a typing call, see
    `scope_analysis.may_call_typing`)."""
    state = _State(untyped)
    if nodes:
        _walk(nodes, ends, contexts, [(_RANGE, 0, len(nodes), -1)], state, GlobalScope(), None)
    _infer_accesses(state.deferred)
    return state.computed


class _Children:
    """The children of one node of the recorded list, by id, and the ranges that visit them."""

    __slots__ = ("at", "ends", "nodes")

    def __init__(self, nodes: list[cst.CSTNode], ends: list[int], at: int | None) -> None:
        self.nodes, self.ends = nodes, ends
        self.at: dict[int, int] = {}
        if at is not None:
            child, stop = at + 1, ends[at]
            while child < stop:
                self.at[id(nodes[child])] = child
                child = ends[child]

    def visit(self, *children: cst.CSTNode | None) -> list[tuple[Any, ...]]:
        """The tasks visiting those of `children` the list holds, in order (a field the walk
        leaves out, whitespace and punctuation, is not visited either way)."""
        found = (self.at.get(id(child)) for child in children if child is not None)
        return [(_RANGE, i, self.ends[i], -1) for i in found if i is not None]

    def of(self, child: cst.CSTNode) -> _Children:
        """The children of `child`, one of these."""
        return _Children(self.nodes, self.ends, self.at.get(id(child)))


def _walk(
    nodes: list[cst.CSTNode],
    ends: list[int],
    contexts: dict[cst.CSTNode, ExpressionContext],
    tasks: list[tuple[Any, ...]],
    state: _State,
    scope: Scope,
    string: cst.BaseString | None,
) -> None:
    """Do `tasks`, starting in `scope` (`string`: the string annotation being read)."""
    computed = state.computed
    deferred = state.deferred
    attributes, notes, hints, ignored = state.attributes, state.notes, state.hints, state.ignored
    codes = _CODES
    pending: list[tuple[int, int, Any]] = []
    while tasks:
        task = tasks.pop()
        op = task[0]
        if op != _RANGE:
            if op == _SCOPE:
                scope = task[1]
            elif op == _ADD:
                scope._assignment_count += 1
            elif op == _LEAVE:
                computed[task[1]] = scope
            elif op == _LEAVE_COUNTED:
                computed[task[1]] = scope
                scope._assignment_count += 1
            elif op == _LEAVE_CALL:
                computed[task[1]] = scope
                attributes.pop()
                hints.pop()
            elif op == _HINT:
                hints[-1] = True
            elif op == _HINT_PUSH:
                hints.append(True)
            else:
                hints.pop()
            continue
        _, i, stop, base = task
        if base < 0:
            base = len(pending)
        # the index of the next mark of this range to do (each mark ends before those below)
        due = pending[-1][0] if len(pending) > base else stop
        while True:
            if i >= due:
                while len(pending) > base and pending[-1][0] <= i:
                    _, mark, what = pending.pop()
                    if mark == _M_COUNT:
                        scope._assignment_count += 1
                    elif mark == _M_CALL:
                        attributes.pop()
                        hints.pop()
                    elif mark == _M_ANNOTATION:
                        notes.pop()
                    elif mark == _M_SUBSCRIPT:
                        hints.pop()
                        ignored.discard(what)
                    else:
                        attribute, i = what
                        if attributes[-1] is attribute:
                            attributes[-1] = None
                due = pending[-1][0] if len(pending) > base else stop
                if i >= stop:
                    break
            node: Any = nodes[i]
            kind = type(node)
            code = codes.get(kind)
            if code is None:
                code = _code(kind)
            if code == _GENERIC:
                computed[node] = scope
                i += 1
            elif code == _NAME:
                context = contexts.get(node)
                if context is _STORE:
                    scope.record_assignment(node.value, node)
                elif context is _LOAD or context is _DEL or context is None:
                    access = Access(node, scope, bool(notes[-1]), bool(hints[-1]))
                    deferred.append((access, attributes[-1], string))
                computed[node] = scope
                i += 1
            elif code == _ATTRIBUTE:
                computed[node] = scope
                if attributes[-1] is None:
                    attributes[-1] = node
                value = node.value
                child = i + 1
                while nodes[child] is not value:  # its own parentheses are not visited
                    child = ends[child]
                pending.append((ends[child], _M_ATTRIBUTE, (node, ends[i])))
                due = ends[child]
                i = child
            elif code == _ARG:
                computed[node] = scope
                value = node.value
                child = i + 1
                while nodes[child] is not value:  # nor is its keyword
                    child = ends[child]
                i = child
            elif code == _CALL:
                attributes.append(None)
                hints.append(False)
                typing = None if state.untyped else _typing_calls(node, scope)
                if typing is not None:
                    tasks.append((_RANGE, ends[i], stop, base))
                    tasks.extend(reversed(_typed_call(node, typing, i, nodes, ends)))
                    break
                computed[node] = scope
                pending.append((ends[i], _M_CALL, None))
                due = ends[i]
                i += 1
            elif code == _COUNTED:
                computed[node] = scope
                pending.append((ends[i], _M_COUNT, None))
                due = ends[i]
                i += 1
            elif code == _SUBSCRIPT:
                computed[node] = scope
                hint = False
                value = node.value
                if isinstance(value, cst.Name):
                    names = {q.name for q in scope.get_qualified_names_for(value)}
                    if any(q.startswith(("typing.", "typing_extensions.")) for q in names):
                        hint = True
                    if "typing.Literal" in names or "typing_extensions.Literal" in names:
                        ignored.add(node)
                hints.append(hint)
                pending.append((ends[i], _M_SUBSCRIPT, node))
                due = ends[i]
                i += 1
            elif code == _ANNOTATION:
                computed[node] = scope
                notes.append(True)
                pending.append((ends[i], _M_ANNOTATION, None))
                due = ends[i]
                i += 1
            elif code == _STRING:
                _read_annotation(node, state, scope, string)
                computed[node] = scope
                i = ends[i]
            elif code == _STRINGS:
                computed[node] = scope
                if _read_annotation(node, state, scope, string):
                    i = ends[i]
                else:
                    i += 1
            elif code == _IMPORT:
                names = node.names
                if not isinstance(names, cst.ImportStar):
                    for alias in names:
                        computed[alias] = scope
                        asname = alias.asname
                        if asname is not None:
                            bound = cst.ensure_type(asname.name, cst.Name)
                        else:
                            bound = alias.name
                        for dotted, _ in _gen_dotted_names(bound):
                            scope.record_import_assignment(dotted, node, bound)
                computed[node] = scope
                scope._assignment_count += 1
                i = ends[i]
            elif code in (_GLOBAL, _NONLOCAL):
                for item in node.names:
                    if code == _GLOBAL:
                        scope.record_global_overwrite(item.name.value)
                    else:
                        scope.record_nonlocal_overwrite(item.name.value)
                computed[node] = scope
                scope._assignment_count += 1
                i = ends[i]
            elif code == _PARAM and node.default is None and node.annotation is None:
                name = node.name
                scope.record_assignment(name.value, node)
                computed[name] = scope
                computed[node] = scope
                i = ends[i]
            elif code == _TYPE_NAME:
                scope.record_assignment(node.name.value, node)
                computed[node] = scope
                scope._assignment_count += 1
                i = ends[i]
            else:
                # a node whose fields the visitor goes through in an order of its own: the
                # rest of this range comes after them
                tasks.append((_RANGE, ends[i], stop, base))
                tasks.extend(reversed(_planned(node, code, i, nodes, ends, state, scope)))
                break


def _typing_calls(call: cst.Call, scope: Scope) -> set[str] | None:
    """The qualified names of `call` when the visitor reads its arguments as type hints
    (`typing.cast(...)`), else None."""
    names = {q.name for q in scope.get_qualified_names_for(call)}
    return names if names & _NEW_TYPE or "typing.cast" in names else None


def _typed_call(
    call: cst.Call, names: set[str], at: int, nodes: list[cst.CSTNode], ends: list[int]
) -> list[tuple[Any, ...]]:
    """The tasks of a call whose arguments are type hints (its stacks are pushed), in order."""
    visit = _Children(nodes, ends, at).visit
    tasks = visit(call.func)
    if names & _NEW_TYPE:
        tasks += [(_HINT,), *visit(*call.args[1:])]
    elif call.args:
        tasks += [(_HINT_PUSH,), *visit(call.args[0]), (_HINT_POP,), *visit(*call.args[1:])]
    tasks.append((_LEAVE_CALL, call))
    return tasks


def _planned(
    node: Any,
    code: int,
    at: int,
    nodes: list[cst.CSTNode],
    ends: list[int],
    state: _State,
    scope: Scope,
) -> list[tuple[Any, ...]]:
    """The tasks of a node the visitor goes through in an order of its own, in order."""
    kids = _Children(nodes, ends, at)
    visit = kids.visit
    computed = state.computed
    tasks: list[tuple[Any, ...]] = []
    if code == _FUNCTION:
        scope.record_assignment(node.name.value, node)
        computed[node.name] = scope
        inner = scope
        if node.type_parameters:
            inner = AnnotationScope(scope, node, None)
            tasks += [(_SCOPE, inner), *visit(node.type_parameters)]
        name = cst.helpers.get_full_name_for_node(node.name)
        tasks += [(_SCOPE, FunctionScope(inner, node, name)), *visit(node.params)]
        tasks += [*visit(node.body), (_SCOPE, inner), *visit(*node.decorators)]
        tasks += [*visit(node.returns), (_SCOPE, scope), (_LEAVE_COUNTED, node)]
    elif code == _LAMBDA:
        tasks += [(_SCOPE, FunctionScope(scope, node)), *visit(node.params)]
        tasks += [*visit(node.body), (_SCOPE, scope), (_LEAVE, node)]
    elif code == _PARAM:
        scope.record_assignment(node.name.value, node)
        computed[node.name] = scope
        tasks += [(_SCOPE, scope.parent), *visit(node.default, node.annotation)]
        tasks += [(_SCOPE, scope), (_LEAVE, node)]
    elif code == _CLASS:
        scope.record_assignment(node.name.value, node)
        computed[node.name] = scope
        tasks += visit(*node.decorators)
        inner = scope
        if node.type_parameters:
            inner = AnnotationScope(scope, node, None)
            tasks += [(_SCOPE, inner), *visit(node.type_parameters)]
        tasks += visit(*node.bases, *node.keywords)
        name = cst.helpers.get_full_name_for_node(node.name)
        tasks += [
            (_SCOPE, ClassScope(inner, node, name)),
            *kids.of(node.body).visit(*node.body.body),
        ]
        tasks += [(_SCOPE, scope), (_LEAVE_COUNTED, node)]
    elif code == _COMPREHENSION:
        for_in = node.for_in
        part = kids.of(for_in).visit
        tasks += part(for_in.iter)
        computed[for_in] = scope
        tasks += [(_SCOPE, ComprehensionScope(scope, node)), *part(for_in.target), (_ADD,)]
        tasks += part(*for_in.ifs, for_in.inner_for_in)
        if isinstance(node, cst.DictComp):
            tasks += visit(node.key, node.value)
        else:
            tasks += visit(node.elt)
        tasks += [(_SCOPE, scope), (_LEAVE, node)]
    elif code == _FOR:
        tasks += [*visit(node.target), (_ADD,)]
        tasks += [*visit(node.iter, node.body, node.orelse, node.asynchronous), (_LEAVE, node)]
    elif code == _TYPE_ALIAS:
        scope.record_assignment(node.name.value, node)
        tasks.append((_SCOPE, AnnotationScope(scope, node, None)))
        tasks += visit(node.type_parameters, node.value)
        tasks += [(_SCOPE, scope), (_LEAVE_COUNTED, node)]
    else:  # a TypeVar of a type parameter list
        scope.record_assignment(node.name.value, node)
        tasks += [*visit(node.bound), (_LEAVE_COUNTED, node)]
    return tasks


def _read_annotation(
    node: cst.BaseString, state: _State, scope: Scope, string: cst.BaseString | None
) -> bool:
    """The visitor's `_handle_string_annotation`: a string in an annotation or a type hint
    (but under `Literal[...]`) is parsed and its names are read as accesses."""
    if not (state.hints[-1] or state.notes[-1]) or state.ignored:
        return False
    value = node.evaluated_value  # type: ignore[attr-defined]
    if not value:
        return False
    try:
        module = cst.parse_module(value)
    except cst.ParserSyntaxError:
        return True
    nodes, ends = traversal.preorder(module, UNPLACED)
    tasks: list[tuple[Any, ...]] = [(_RANGE, 0, len(nodes), -1)]
    _walk(nodes, ends, {}, tasks, state, scope, string if string is not None else node)
    return True


def _infer_accesses(
    deferred: list[tuple[Access, cst.Attribute | None, cst.BaseString | None]],
) -> None:
    """The visitor's `infer_accesses`: each read's assignments, and each assignment's reads."""
    by_scope_and_name: defaultdict[tuple[Scope, str], set[Access]] = defaultdict(set)
    for access, attribute, string in deferred:
        name: str = access.node.value  # type: ignore[union-attr,assignment]
        if attribute is not None:
            for dotted, node in _gen_dotted_names(attribute):
                if dotted in access.scope:
                    access.node = node
                    name = dotted
                    break
        if string is not None:
            access.node = string
        by_scope_and_name[(access.scope, name)].add(access)
        access.record_assignments(name)
        access.scope.record_access(name, access)
    for (scope, name), accesses in by_scope_and_name.items():
        for assignment in scope._resolve_scope_for_access(name, scope):
            assignment.record_accesses(accesses)
