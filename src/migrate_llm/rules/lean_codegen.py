"""libcst's code generation without its generator-based context managers: the same code.

An expression writes its parentheses (and a list, set or dict its brackets or braces)
through a `contextlib.contextmanager` around the rest of its code, and a code generation
state records a node's syntactic position through another: a generator, a wrapper object
and four calls for each expression, which made up two fifths of generating a module's
code. `install()` gives them context managers written as classes that do the same, once per
process. With a libcst whose methods do something else (told by the names they use), it
changes nothing.
"""

from __future__ import annotations

import functools
from types import TracebackType
from typing import Any

from libcst._nodes import expression
from libcst._nodes.internal import CodegenState

# Each method replaced, and the names its generator uses in the libcst this was written
# against (lpar and rpar are also local variables of `_parenthesize`).
_EXPECTED = {
    (expression._BaseParenthesizedNode, "_parenthesize"): (
        "lpar",
        "_codegen",
        "record_syntactic_position",
        "rpar",
    ),
    (expression.BaseList, "_bracketize"): ("lbracket", "_codegen", "rbracket"),
    (expression._BaseSetOrDict, "_braceize"): ("lbrace", "_codegen", "rbrace"),
    (CodegenState, "record_syntactic_position"): (),
}


class _Parenthesized:
    """`_parenthesize`: the node's left parentheses, its syntactic position recorded around
    the code inside, its right parentheses."""

    __slots__ = ("node", "position", "state")

    def __init__(self, node: Any, state: CodegenState) -> None:
        self.node = node
        self.state = state

    def __enter__(self) -> None:
        state = self.state
        for lpar in self.node.lpar:
            lpar._codegen(state)
        self.position = state.record_syntactic_position(self.node)
        self.position.__enter__()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.position.__exit__(kind, error, tb)
        if kind is None:
            state = self.state
            for rpar in self.node.rpar:
                rpar._codegen(state)


class _Bracketed:
    """`_bracketize`: the list's left and right brackets around the code inside."""

    __slots__ = ("node", "state")

    def __init__(self, node: Any, state: CodegenState) -> None:
        self.node = node
        self.state = state

    def __enter__(self) -> None:
        self.node.lbracket._codegen(self.state)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.node.rbracket._codegen(self.state)


class _Braced(_Bracketed):
    """`_braceize`: the set's or dict's braces around the code inside."""

    __slots__ = ()

    def __enter__(self) -> None:
        self.node.lbrace._codegen(self.state)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.node.rbrace._codegen(self.state)


class _Unrecorded:
    """`CodegenState.record_syntactic_position`: a plain code generation records nothing."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_UNRECORDED = _Unrecorded()


def _parenthesize(self: Any, state: CodegenState) -> _Parenthesized:
    return _Parenthesized(self, state)


def _bracketize(self: Any, state: CodegenState) -> _Bracketed:
    return _Bracketed(self, state)


def _braceize(self: Any, state: CodegenState) -> _Braced:
    return _Braced(self, state)


def _record_syntactic_position(
    self: CodegenState, node: Any, *, start_node: Any = None, end_node: Any = None
) -> _Unrecorded:
    return _UNRECORDED


# The methods `install` replaced, by class and name.
REPLACED: dict[tuple[type, str], object] = {}

_REPLACEMENTS = {
    "_parenthesize": _parenthesize,
    "_bracketize": _bracketize,
    "_braceize": _braceize,
    "record_syntactic_position": _record_syntactic_position,
}


def _as_expected(klass: type, name: str, names: tuple[str, ...]) -> bool:
    method = vars(klass).get(name)
    generator = getattr(method, "__wrapped__", None)
    code = getattr(generator, "__code__", None)
    return code is not None and code.co_names == names


@functools.cache
def install() -> bool:
    """Replace the four context managers (once); whether they were (all, or none)."""
    if not all(_as_expected(klass, name, names) for (klass, name), names in _EXPECTED.items()):
        return False
    for klass, name in _EXPECTED:
        REPLACED[klass, name] = vars(klass)[name]
        setattr(klass, name, _REPLACEMENTS[name])
    return True
