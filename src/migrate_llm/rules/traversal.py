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
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from collections.abc import Callable

import libcst as cst

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

_PLANS: dict[type, tuple[_Step, ...] | None] = {}
_original_visit: Callable[..., object] = cst.CSTNode.visit


def _is_self_attribute(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _step(value: ast.expr) -> _Step | None:
    """The visit a constructor argument makes: `visit_X(self, "name", self.attr, visitor)`."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in _HELPERS
        and len(value.args) == 4
        and not value.keywords
    ):
        return None
    parent, name, attribute, visitor = value.args
    if not (
        isinstance(parent, ast.Name)
        and parent.id == "self"
        and isinstance(name, ast.Constant)
        and isinstance(name.value, str)
        and _is_self_attribute(attribute)
        and isinstance(visitor, ast.Name)
        and visitor.id == "visitor"
    ):
        return None
    assert isinstance(attribute, ast.Attribute)
    return _HELPERS[value.func.id], name.value, attribute.attr


def _plan(klass: type[cst.CSTNode]) -> tuple[_Step, ...] | None:
    """The fields `klass._visit_and_replace_children` visits, in order; None when its code
    is not the plain shape (then libcst's code runs)."""
    try:
        source = textwrap.dedent(inspect.getsource(klass._visit_and_replace_children))
        function = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    if not isinstance(function, ast.FunctionDef):
        return None
    body = [
        s
        for s in function.body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    value = body[0].value
    if isinstance(value, ast.Name) and value.id == "self":
        return ()  # a leaf: `return self`
    if not isinstance(value, ast.Call) or value.args:
        return None
    steps = []
    for argument in value.keywords:
        if argument.arg is None:
            return None
        if _is_self_attribute(argument.value):
            continue  # a field that is not a node: not visited
        step = _step(argument.value)
        if step is None:
            return None
        steps.append(step)
    return tuple(steps)


# The node types whose attribute hooks can do something for a visitor: None for every one.
_Hooked = frozenset[str] | None


def _visit(self: cst.CSTNode, visitor: object) -> object:
    if not isinstance(visitor, cst.CSTVisitor):
        return _original_visit(self, visitor)
    _walk(self, visitor, _attribute_hooks(visitor))
    return self


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


def _attribute_hooks(visitor: cst.CSTVisitor) -> _Hooked:
    """The node types for which `visit_X_attr` / `leave_X_attr` hooks can do anything for
    `visitor` (None: any); for the others, calling the hooks (a name built and looked up for
    every field) is skipped."""
    names = "\0".join(vars(visitor))  # one search over the instance's attribute names
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


@functools.cache
def _class_attribute_hooks(klass: type[cst.CSTVisitor]) -> _Hooked:
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


def preorder(root: cst.CSTNode) -> tuple[list[cst.CSTNode], list[int]]:
    """The nodes under `root` (itself first) in the order `root.visit` meets them, and for
    each the index just after its last descendant."""
    nodes: list[cst.CSTNode] = []
    ends: list[int] = []

    def record(node: cst.CSTNode) -> None:
        index = len(nodes)
        nodes.append(node)
        ends.append(0)
        klass = type(node)
        try:
            plan = _PLANS[klass]
        except KeyError:
            plan = _PLANS[klass] = _plan(klass)
        if plan is None:
            node._visit_and_replace_children(_Children(record))
        else:
            for how, _name, attribute in plan:
                value = getattr(node, attribute)
                if how == "many":
                    for child in value:
                        record(child)
                elif (
                    how == "one"
                    or (how == "optional" and value is not None)
                    or (how == "sentinel" and not isinstance(value, cst.MaybeSentinel))
                ):
                    record(value)
        ends[index] = len(nodes)

    record(root)
    return nodes, ends
