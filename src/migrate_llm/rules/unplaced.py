"""The node types no rule asks about: whitespace and punctuation.

They are about two thirds of a module's nodes, and hold nothing else but comments. The recorded
order of a module's nodes (`PythonContext.nodes`) and the scope analysis leave them out
with what they hold (`PythonContext.comments` finds the comments); the ranges of a
module's code leave them out too (a range asked of one all the same is found by
generating the module's code again, recording every node). Parentheses are kept: libcst
ends the range of a parenthesised import at its `)`.
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import os
import sys
import types
import typing

import libcst as cst

from migrate_llm import kept_code
from migrate_llm.rules.node_classes import derives

_PUNCTUATION = (
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Newline,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
)
# libcst's own node classes (abstract ones too): `add_slots` makes each anew, and the class
# it was made from stays among its base's subclasses, though no node is ever one of it
EXPORTED: frozenset[type[cst.CSTNode]] = frozenset(
    kind for kind in vars(cst).values() if isinstance(kind, type) and derives(kind, cst.CSTNode)
)
UNPLACED = frozenset(kind for kind in EXPORTED if derives(kind, _PUNCTUATION))
_UNPLACED_FIELDS: dict[type, frozenset[str]] = {}


def unplaced_fields(node_type: type) -> frozenset[str]:
    """The fields of `node_type` whose declared type admits only nodes of `UNPLACED` types
    (or None, or MaybeSentinel): `whitespace_after_func`, `comma`, `leading_lines`... A walk
    that leaves those types out need not look at these fields (half of all fields)."""
    found = _UNPLACED_FIELDS.get(node_type)
    if found is None:
        found = _UNPLACED_FIELDS[node_type] = frozenset(_kept(node_type))
    return found


def _kept(node_type: type) -> tuple[str, ...]:
    """`_read(node_type)`, kept between runs (`kept_code`) while the file defining the class
    is unchanged (its size and modification time): reading the hints of the node types a
    module holds was a twentieth of a `check` of one file beyond start-up."""
    module = sys.modules.get(node_type.__module__)
    filename = getattr(module, "__file__", None)
    try:
        stat = os.stat(filename) if isinstance(filename, str) else None
    except (OSError, ValueError):
        stat = None
    if stat is None:
        return _read(node_type)
    key = ("unplaced", node_type.__module__, node_type.__qualname__, filename)
    return kept_code.derived((*key, stat.st_size, stat.st_mtime_ns), lambda: _read(node_type))


def _read(node_type: type) -> tuple[str, ...]:
    try:
        hints = typing.get_type_hints(node_type)
    except (NameError, TypeError, AttributeError):  # hints that do not resolve
        hints = {}  # every field is walked
    return tuple(sorted(name for name, hint in hints.items() if _only_unplaced(hint)))


def _only_unplaced(hint: object) -> bool:
    kinds = _node_types(hint)
    return kinds is not None and bool(kinds) and kinds <= UNPLACED


def _node_types(hint: object) -> set[type] | None:
    """The node classes a value of type `hint` may be; None when it may be anything else."""
    if hint is type(None) or hint is cst.MaybeSentinel:
        return set()
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        found: set[type] = set()
        for arg in typing.get_args(hint):
            inner = _node_types(arg)
            if inner is None:
                return None
            found |= inner
        return found
    if origin is collections.abc.Sequence:
        (item,) = typing.get_args(hint)
        return _node_types(item)
    if isinstance(hint, type) and derives(hint, cst.CSTNode):
        return set(_concrete(hint))
    return None


@functools.cache
def _concrete(kind: type) -> frozenset[type]:
    """The exported node classes `kind` or one of its subclasses, abstract ones left out
    (many fields share a hint: `BaseExpression`)."""
    return frozenset(k for k in _descendants(kind) if k in EXPORTED and not inspect.isabstract(k))


def _descendants(kind: type) -> set[type]:
    found = {kind}
    for sub in kind.__subclasses__():
        found |= _descendants(sub)
    return found
