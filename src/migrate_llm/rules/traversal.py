"""libcst's traversal for read-only visitors, without rebuilding every node it passes.

`CSTNode.visit` walks the children through `_visit_and_replace_children`, which builds a new
copy of each node (a dataclass construction and validation) even for a `CSTVisitor`, whose
result it then throws away: about half of the time of every traversal, libcst's own scope
analysis included. For a `CSTVisitor`, `visit` here makes the same calls in the same order
(`on_visit`, then for each child field `on_visit_attribute`, the children, and
`on_leave_attribute`, then `on_leave`) and builds nothing. The order of the fields is read
once per node class from the source of its `_visit_and_replace_children` when that is one
`return Node(field=visit_required(self, "field", self.field, visitor), ...)`; any class
written otherwise, and every transformer, keeps libcst's own code.

libcst's `on_visit`/`on_leave` look `visit_<type>`/`leave_<type>` up by name on every node.
For a visitor class that keeps them (or gives its own through `traversal_dispatch`, see
`scope_analysis`), the walk looks them up once per node type in a table of the class
(`_walk_tabled`); an instance with hooks of its own gets libcst's lookups (`_walk`).
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import os
import textwrap
import types
from collections.abc import Callable
from typing import Any, TypeVar, cast

import libcst as cst

from migrate_llm import kept_code

try:
    from libcst._batched_visitor import _BatchedCSTVisitor
except ImportError:  # another libcst: its batched visitor is treated as any other
    _BatchedCSTVisitor = None  # type: ignore[assignment,misc]

# libcst's helpers that visit a field: what the field holds, by helper. `visit_iterable` and
# `visit_body_iterable` are generators, consumed when the node is built: a class using one
# visits that field later than it is written, and keeps libcst's code.
_HELPERS = {
    "visit_required": "one",
    "visit_optional": "optional",
    "visit_sentinel": "sentinel",
    "visit_sequence": "many",
    "visit_body_sequence": "many",
}

# (how the field is visited, the name the attribute hooks get, the attribute)
_Step = tuple[str, str, str]
_Plan = tuple[_Step, ...] | None

_PLANS: dict[type, tuple[_Step, ...] | None] = {}
_original_visit: Callable[..., object] = cst.CSTNode.visit


def _is_self_attribute(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _visit_call(node: ast.expr) -> tuple[str, str, ast.expr] | None:
    """(how, field name, the node argument) of `visit_X(self, "name", ARG, visitor)`."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _HELPERS
        and len(node.args) == 4
        and not node.keywords
    ):
        return None
    parent, name, argument, visitor = node.args
    if not (
        isinstance(parent, ast.Name)
        and parent.id == "self"
        and isinstance(name, ast.Constant)
        and isinstance(name.value, str)
        and isinstance(visitor, ast.Name)
        and visitor.id == "visitor"
    ):
        return None
    return _HELPERS[node.func.id], name.value, argument


def _step(value: ast.expr) -> _Step | None:
    """The visit a constructor argument makes: `visit_X(self, "name", self.attr, visitor)`."""
    found = _visit_call(value)
    if found is None or not _is_self_attribute(found[2]):
        return None
    how, name, attribute = found
    assert isinstance(attribute, ast.Attribute)
    return how, name, attribute.attr


def _method_body(klass: type[cst.CSTNode]) -> list[ast.stmt] | None:
    """The statements of `klass._visit_and_replace_children`, its docstring aside; None
    when its source cannot be read as one function."""
    try:
        source = textwrap.dedent(inspect.getsource(klass._visit_and_replace_children))
        function = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    if not isinstance(function, ast.FunctionDef):
        return None
    return [
        s
        for s in function.body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]


def _kept(klass: type[cst.CSTNode], kind: str, read: Callable[[type[cst.CSTNode]], _Plan]) -> _Plan:
    """`read(klass)`, kept between runs (`kept_code`) while the file of its
    `_visit_and_replace_children` is unchanged (its size and modification time)."""
    code = getattr(getattr(klass, "_visit_and_replace_children", None), "__code__", None)
    try:
        stat = os.stat(code.co_filename) if isinstance(code, types.CodeType) else None
    except (OSError, ValueError):
        stat = None
    if code is None or stat is None:
        return read(klass)
    key = (kind, klass.__module__, klass.__qualname__, code.co_filename, code.co_firstlineno)
    return kept_code.derived((*key, stat.st_size, stat.st_mtime_ns), lambda: read(klass))


def _plan(klass: type[cst.CSTNode]) -> _Plan:
    """The fields `klass._visit_and_replace_children` visits, in order; None when its code
    is not the plain shape (then libcst's code runs)."""
    return _kept(klass, "traversal plan", _plan_from_source)


def _plan_from_source(klass: type[cst.CSTNode]) -> _Plan:
    body = _method_body(klass)
    if body is None or len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    value = body[0].value
    if isinstance(value, ast.Name) and value.id == "self":
        return ()  # a leaf: `return self`
    return _call_steps(value, _step)


def _call_steps(
    value: ast.expr | None, step_of: Callable[[ast.expr], _Step | None]
) -> tuple[_Step, ...] | None:
    """The steps of the `Class(field=...)` call a visit method returns, each keyword's by
    `step_of`; None when the call is not of that shape or a keyword's step is unknown."""
    if not isinstance(value, ast.Call) or value.args:
        return None
    steps = []
    for argument in value.keywords:
        if argument.arg is None:
            return None
        if _is_self_attribute(argument.value):
            continue  # a field that is not a node: not visited
        step = step_of(argument.value)
        if step is None:
            return None
        steps.append(step)
    return tuple(steps)


def _loose_value(
    value: ast.expr, fields: dict[str, str], star: object
) -> tuple[str, str, str] | None:
    """The visit of one constructor argument written with a local (`names = self.names`):
    `visit_X(self, "name", local, visitor)`, or one of the two choices libcst writes
    (`visit_required(...) if isinstance(local, ImportStar) else visit_sequence(...)`, kind
    "star"; `visit_sequence(...) if local is not None else None`, kind "many")."""

    def call(node: ast.expr) -> tuple[str, str, str] | None:
        found = _visit_call(node)
        if found is None:
            return None
        how, name, local = found
        if not (isinstance(local, ast.Name) and local.id in fields):
            return None
        return how, name, fields[local.id]

    if not isinstance(value, ast.IfExp):
        return call(value)
    test, body, orelse = value.test, call(value.body), value.orelse
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
        and len(test.args) == 2
        and all(isinstance(a, ast.Name) for a in test.args)
        and star is cst.ImportStar
    ):
        local, kind = cast("list[ast.Name]", test.args)
        other = call(orelse)
        if (
            body is not None
            and other is not None
            and body[0] == "one"
            and other[0] == "many"
            and body[1:] == other[1:]
            and fields.get(local.id) == body[2]
            and kind.id == "ImportStar"
        ):
            return "star", body[1], body[2]
        return None
    if (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(orelse, ast.Constant)
        and orelse.value is None
        and body is not None
        and body[0] == "many"
        and fields.get(test.left.id) == body[2]
    ):
        return body
    return None


def loose_plan(klass: type[cst.CSTNode]) -> tuple[_Step, ...] | None:
    """The children `klass._visit_and_replace_children` visits, in order, for a walk that
    calls no attribute hook (a preorder): `plan(klass)`, or for a class whose code keeps a
    field in a local first and chooses how to visit it (ImportFrom's names, an f-string
    expression's format spec), its plan with the kinds "star" (one node when it is an
    ImportStar, else a sequence) and "many" for a sequence or None (nothing visited);
    None for any other."""
    found = plan(klass)
    if found is not None:
        return found
    return _kept(klass, "loose traversal plan", _loose_plan_from_source)


def _loose_plan_from_source(klass: type[cst.CSTNode]) -> _Plan:
    body = _method_body(klass)
    try:
        star = vars(inspect.getmodule(klass)).get("ImportStar")
    except TypeError:  # no module
        return None
    if body is None:
        return None
    fields: dict[str, str] = {}  # local name -> the attribute it holds
    for statement in body[:-1]:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and _is_self_attribute(statement.value)
        ):
            return None
        fields[statement.targets[0].id] = cast("ast.Attribute", statement.value).attr
    if not body or not isinstance(body[-1], ast.Return):
        return None
    return _call_steps(
        body[-1].value, lambda value: _step(value) or _loose_value(value, fields, star)
    )


def plan(klass: type[cst.CSTNode]) -> tuple[_Step, ...] | None:
    """`_plan(klass)`, computed once per class: (how, field name, attribute) for each field
    `klass` visits, in order; None when libcst's code visits its children."""
    try:
        return _PLANS[klass]
    except KeyError:
        found = _PLANS[klass] = _plan(klass)
        return found


# The node types whose attribute hooks can do something for a visitor: None for every one.
_Hooked = frozenset[str] | None


def _visit(self: cst.CSTNode, visitor: object) -> object:
    klass = type(visitor)
    table = vars(klass).get("_traversal_table", _UNKNOWN)
    if table is _UNKNOWN:
        table = _kept_on(klass, "_traversal_table", _class_table(klass))
    if table is _NOT_A_VISITOR:
        return _original_visit(self, visitor)
    read_only = cast("cst.CSTVisitor", visitor)
    names = "\0".join(vars(visitor))  # one search over the instance's attribute names
    if table is None or "visit_" in names or "leave_" in names:
        # hooks of the instance's own (or calls that cannot be tabled): looked up as libcst does
        _walk(self, read_only, _attribute_hooks(read_only, names))
    else:
        _walk_tabled(self, read_only, table)
    return self


# What one node type does in a tabled walk: its visit and leave functions (called with the
# visitor and the node; None: nothing to call), how its children are visited (None:
# libcst's code visits them) and whether its attribute hooks are called.
_Call = Callable[[cst.CSTVisitor, cst.CSTNode], object]
_Entry = tuple[_Call | None, _Call | None, tuple[_Step, ...] | None, bool]


class _Table(dict[type, _Entry]):
    """The entries of one visitor class, by node type, filled on first meeting a type."""

    def __init__(self, klass: type[cst.CSTVisitor], hooked: frozenset[str]) -> None:
        super().__init__()
        self.klass = klass
        self.hooked = hooked

    def __missing__(self, node_type: type) -> _Entry:
        try:
            plan = _PLANS[node_type]
        except KeyError:
            plan = _PLANS[node_type] = _plan(node_type)
        dispatch = getattr(self.klass, "traversal_dispatch", None)
        if dispatch is not None:
            visit, leave = dispatch(node_type)
        else:
            visit = method(self.klass, f"visit_{node_type.__name__}")
            leave = method(self.klass, f"leave_{node_type.__name__}")
        entry = self[node_type] = (visit, leave, plan, node_type.__name__ in self.hooked)
        return entry


# Markers: libcst's code runs (not a read-only visitor); nothing known yet.
_NOT_A_VISITOR = _Table(cst.CSTVisitor, frozenset())
_UNKNOWN = _Table(cst.CSTVisitor, frozenset())

_T = TypeVar("_T")


def _kept_on(klass: type, name: str, value: _T) -> _T:
    """`value`, kept as the attribute `name` of `klass` (its table, or None when its calls
    cannot be tabled): it goes when the class goes, as the classes rules define inside a
    function for one call do."""
    # a class that takes no attributes: computed each time
    with contextlib.suppress(AttributeError, TypeError):
        setattr(klass, name, value)
    return value


def _class_table(klass: type) -> _Table | None:
    """A table for the visitors of `klass` whose `on_visit`/`on_leave` are libcst's (which
    look `visit_<type>`/`leave_<type>` up by name on every node), or whose class gives its
    own through `traversal_dispatch(node_type) -> (visit, leave)`; None for any other."""
    if not issubclass(klass, cst.CSTVisitor):
        return _NOT_A_VISITOR
    hooked = _class_attribute_hooks(klass)
    if hooked is None or hasattr(klass, "__getattr__"):
        return None
    if any("__getattribute__" in vars(k) for k in klass.__mro__ if k is not object):
        return None
    if not callable(getattr(klass, "traversal_dispatch", None)) and (
        klass.on_visit is not cst.CSTVisitor.on_visit
        or klass.on_leave is not cst.CSTVisitor.on_leave
    ):
        return None
    return _Table(klass, hooked)


def method(klass: type, name: str) -> _Call | None:
    """What `getattr(visitor, name)(node)` calls for a visitor of `klass` without that
    attribute of its own, as a function of (visitor, node); None for nothing or a no-op."""
    for k in klass.__mro__:
        if name in vars(k):
            found = vars(k)[name]
            break
    else:
        return None
    if getattr(found, "_is_no_op", False):
        return None
    if isinstance(found, types.FunctionType):
        return found

    def bound(visitor: cst.CSTVisitor, node: cst.CSTNode) -> object:
        return getattr(visitor, name)(node)

    return bound


def _walk_tabled(node: cst.CSTNode, visitor: cst.CSTVisitor, table: _Table) -> None:
    """`node.visit(visitor)` with the calls of `visitor`'s class looked up in `table`."""
    # The loop over the children is `_walk`'s, written out again: a generator shared by the
    # two would cost a frame per node on the hottest path of a scan.
    visit, leave, plan, hooks = table[type(node)]
    if visit is None or visit(visitor, node) is not False:
        if plan is None:
            node._visit_and_replace_children(visitor)
        else:
            for how, name, attribute in plan:
                if hooks:
                    visitor.on_visit_attribute(node, name)
                value = getattr(node, attribute)
                if how == "many":
                    for child in value:
                        if type(child).visit is _visit:
                            _walk_tabled(child, visitor, table)
                        else:
                            child.visit(visitor)
                elif (
                    how == "one"
                    or (how == "optional" and value is not None)
                    or (how == "sentinel" and not isinstance(value, cst.MaybeSentinel))
                ):
                    if type(value).visit is _visit:
                        _walk_tabled(value, visitor, table)
                    else:
                        value.visit(visitor)
                if hooks:
                    visitor.on_leave_attribute(node, name)
    if leave is not None:
        leave(visitor, node)


def _walk(node: cst.CSTNode, visitor: cst.CSTVisitor, hooked: _Hooked) -> None:
    """`node.visit(visitor)`, calling the attribute hooks of the node types in `hooked`."""
    if visitor.on_visit(node):
        klass = type(node)
        try:
            plan = _PLANS[klass]
        except KeyError:
            plan = _PLANS[klass] = _plan(klass)
        if plan is None:
            node._visit_and_replace_children(visitor)
        else:
            hooks = hooked is None or klass.__name__ in hooked
            for how, name, attribute in plan:
                if hooks:
                    visitor.on_visit_attribute(node, name)
                value = getattr(node, attribute)
                if how == "many":
                    for child in value:
                        if type(child).visit is _visit:
                            _walk(child, visitor, hooked)
                        else:
                            child.visit(visitor)
                elif (
                    how == "one"
                    or (how == "optional" and value is not None)
                    or (how == "sentinel" and not isinstance(value, cst.MaybeSentinel))
                ):
                    if type(value).visit is _visit:
                        _walk(value, visitor, hooked)
                    else:
                        value.visit(visitor)
                if hooks:
                    visitor.on_leave_attribute(node, name)
    visitor.on_leave(node)


def _attribute_hooks(visitor: cst.CSTVisitor, names: str) -> _Hooked:
    """The node types for which `visit_X_attr` / `leave_X_attr` hooks can do anything for
    `visitor` (None: any), `names` its instance's attribute names joined by NULs; for the
    others, calling the hooks (a name built and looked up for every field) is skipped."""
    if "visit_" in names or "leave_" in names:
        return None
    klass = type(visitor)
    if _BatchedCSTVisitor is not None and klass is _BatchedCSTVisitor:
        methods = getattr(visitor, "visitor_methods", None)
        if not isinstance(methods, dict):
            return None
        return _hooked_types(list(methods))
    return _class_attribute_hooks(klass)


def _hooked_types(names: list[str]) -> _Hooked:
    """The node types named by the attribute hooks (`visit_X_attr`) among `names`."""
    found = set()
    for name in names:
        if name.startswith(("visit_", "leave_")):
            node_type, underscore, _ = name[len("visit_") :].partition("_")
            if underscore:
                found.add(node_type)
    return frozenset(found)


def _class_attribute_hooks(klass: type[cst.CSTVisitor]) -> _Hooked:
    known = vars(klass).get("_traversal_hooks", _UNKNOWN)
    if known is not _UNKNOWN:
        return cast("_Hooked", known)
    return _kept_on(klass, "_traversal_hooks", _find_attribute_hooks(klass))


def _find_attribute_hooks(klass: type[cst.CSTVisitor]) -> _Hooked:
    if (
        klass.on_visit_attribute is not cst.CSTVisitor.on_visit_attribute
        or klass.on_leave_attribute is not cst.CSTVisitor.on_leave_attribute
        or hasattr(klass, "__getattr__")
        or any("__getattribute__" in vars(k) for k in klass.__mro__ if k is not object)
    ):
        return None
    real = [  # libcst's stubs for every hook are marked as doing nothing
        name
        for name in dir(klass)
        if name.startswith(("visit_", "leave_"))
        and not getattr(getattr(klass, name), "_is_no_op", False)
    ]
    return _hooked_types(real)


def install() -> None:
    """Use the traversal above for every read-only visitor in this process."""
    cst.CSTNode.visit = _visit  # type: ignore[method-assign,assignment]


class _Children(cst.CSTVisitor):
    """Hands each direct child of a node to `found`, in libcst's order, without going in."""

    def __init__(self, found: Callable[[cst.CSTNode], None]) -> None:
        super().__init__()
        self.found = found

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found(node)
        return False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        return None


def preorder(
    root: cst.CSTNode, left_out: frozenset[type] = frozenset()
) -> tuple[list[cst.CSTNode], list[int]]:
    """The nodes under `root` (itself first) in the order `root.visit` meets them, but those
    of the types in `left_out` and their descendants, and for each the index just after its
    last descendant."""
    nodes: list[cst.CSTNode] = []
    ends: list[int] = []
    # the nodes still to record, last first, and after a node's children its index (its
    # end is known when the index comes off); a loop, not a recursive function, which would
    # refer to itself and keep `nodes` for the cycle collector
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        klass = type(node)
        if klass is int:
            ends[node] = len(nodes)
            continue
        if klass in left_out:
            continue
        stack.append(len(nodes))
        nodes.append(node)
        ends.append(0)
        try:
            plan = _PLANS[klass]
        except KeyError:
            plan = _PLANS[klass] = _plan(klass)
        children: list[cst.CSTNode] = []
        if plan is None:
            node._visit_and_replace_children(_Children(children.append))
        else:
            for how, _name, attribute in plan:
                value = getattr(node, attribute)
                if how == "many":
                    children.extend(value)
                elif (
                    how == "one"
                    or (how == "optional" and value is not None)
                    or (how == "sentinel" and not isinstance(value, cst.MaybeSentinel))
                ):
                    children.append(value)
        stack.extend(reversed(children))
    return nodes, ends
