"""libcst's scope analysis (ScopeProvider over ExpressionContextProvider), at a lower cost.

The results are libcst's own: its visitors make every scope, assignment and access. What
changes is how they are called. Both walk the module with `CSTNode.visit`, which
`traversal` makes read-only; there, a visitor whose `on_visit`/`on_leave` are libcst's
(the expression contexts) has its `visit_<type>`/`leave_<type>` functions looked up once per
node type instead of by name on every node. libcst's scope visitor has an `on_leave` of its
own that, on every node, records the node's scope and checks the node against a tuple of
node classes whose metaclass is `ABCMeta` (about a third of the analysis); `_ScopeVisitor`
does the same per node type, decided once per type.

It relies on names libcst does not publish (`ScopeVisitor`, `_ASSIGNMENT_LIKE_NODES`) and on
what its `on_leave`, `ScopeProvider.visit_Module` and `set_metadata` do: when any of them is
missing or reads other names than the ones checked below, `scopes` runs the providers as
they are (`FAST` is False).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

import libcst as cst
from libcst.metadata import ExpressionContextProvider, Scope, ScopeProvider
from libcst.metadata.base_provider import BaseMetadataProvider

from migrate_llm.rules import traversal

try:
    from libcst.metadata.scope_provider import (
        _ASSIGNMENT_LIKE_NODES,
        ScopeVisitor,
    )
except ImportError:  # another libcst: its providers run as they are
    _ASSIGNMENT_LIKE_NODES = None  # type: ignore[assignment]
    ScopeVisitor = None  # type: ignore[assignment,misc]

_Call = Callable[[cst.CSTVisitor, cst.CSTNode], object]


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
            counted = issubclass(node_type, _ASSIGNMENT_LIKE_NODES)

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
            assert leave is not None
            leave(self, original_node)


def _run_scopes(provider: ScopeProvider, module: cst.Module) -> None:
    """`provider.visit_Module(module)` with `_ScopeVisitor` for libcst's visitor."""
    visitor = _ScopeVisitor(provider)
    module.visit(visitor)
    visitor.infer_accesses()


def scopes(module: cst.Module, fast: bool | None = None) -> dict[cst.CSTNode, Scope | None]:
    """What ScopeProvider gives each node of `module`, as a MetadataWrapper would resolve it
    (ExpressionContextProvider first). `fast=False` runs libcst's scope visitor as it is.

    Both providers do their work in `visit_Module` (each walks the module itself); resolved
    through a MetadataWrapper, each would also get a batched traversal of its own that visits
    every node of the module to call nothing else. They run here directly, without those.
    """
    contexts = ExpressionContextProvider()
    contexts.visit_Module(module)
    provider = ScopeProvider()
    provider.metadata = {ExpressionContextProvider: contexts._computed}
    try:
        if FAST and fast is not False:
            _run_scopes(provider, module)
        else:
            provider.visit_Module(module)
    finally:
        provider.metadata = {}
    return cast("dict[cst.CSTNode, Scope | None]", provider._computed)
