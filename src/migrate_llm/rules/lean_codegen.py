"""libcst's code generation, leaner, and the ranges of a module's nodes recorded in it.

An expression writes its parentheses (and a list, set or dict its brackets or braces)
through a `contextlib.contextmanager` around the rest of its code, and a code generation
state records a node's syntactic position through another: a generator, a wrapper object
and four calls for each expression, which made up two fifths of generating a module's
code. `install()` gives them context managers written as classes that do the same, and
gives `CSTNode._codegen`, which calls a state's hooks before and after each node, one that
does what `Offsets` (the positions of a module's nodes) does in them itself and calls a
plain state's hooks, which do nothing, not at all; once per process. (For `Offsets`, the
parentheses' context manager records the expression's syntactic range itself.) With a
libcst whose methods do something else (told by the names they use), it changes nothing.
"""

from __future__ import annotations

import functools
from typing import Any, cast

import libcst as cst
from libcst._nodes import expression
from libcst._nodes.internal import CodegenState

from migrate_llm.model import LineIndex
from migrate_llm.rules.unplaced import UNPLACED


class _Parenthesized:
    """`_parenthesize`: the node's left parentheses, its syntactic position recorded around
    the code inside, its right parentheses."""

    __slots__ = ("node", "position", "state")
    position: Any  # the state's context manager of the syntactic position

    def __init__(self, node: Any, state: CodegenState) -> None:
        self.node = node
        self.state = state

    def __enter__(self) -> None:
        state = self.state
        for lpar in self.node.lpar:
            lpar._codegen(state)
        self.position = state.record_syntactic_position(self.node)
        self.position.__enter__()

    def __exit__(self, kind: type[BaseException] | None, *error: object) -> None:
        self.position.__exit__(kind, *error)
        if kind is None:
            state = self.state
            for rpar in self.node.rpar:
                rpar._codegen(state)


class _Bracketed:
    """`_bracketize`: the list's left and right brackets around the code inside (and, as
    `_Braced`, `_braceize`: a set's or dict's braces)."""

    __slots__ = ("node", "state")
    # the node's fields that hold the opening and the closing punctuation
    OPENING, CLOSING = "lbracket", "rbracket"

    def __init__(self, node: Any, state: CodegenState) -> None:
        self.node = node
        self.state = state

    def __enter__(self) -> None:
        getattr(self.node, self.OPENING)._codegen(self.state)

    def __exit__(self, kind: type[BaseException] | None, *error: object) -> None:
        if kind is None:
            getattr(self.node, self.CLOSING)._codegen(self.state)


class _Braced(_Bracketed):
    __slots__ = ()
    OPENING, CLOSING = "lbrace", "rbrace"


class _Unrecorded:
    """`CodegenState.record_syntactic_position`: a plain code generation records nothing."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_UNRECORDED = _Unrecorded()


def _parenthesize(self: Any, state: CodegenState) -> _Parenthesized:
    if state.__class__ is Offsets:
        return _PlacedInParentheses(self, state)
    return _Parenthesized(self, state)


def _bracketize(self: Any, state: CodegenState) -> _Bracketed:
    return _Bracketed(self, state)


def _braceize(self: Any, state: CodegenState) -> _Braced:
    return _Braced(self, state)


def _record_syntactic_position(
    self: CodegenState, node: Any, *, start_node: Any = None, end_node: Any = None
) -> _Unrecorded:
    return _UNRECORDED


class Offsets(CodegenState):
    """The code generation libcst's PositionProvider runs, recording for each node the
    offsets of its start and end in the generated code instead of line and column objects.

    The same nodes get the same places: a node's own start and end (`before_codegen` /
    `after_codegen`), overridden by its syntactic range (`record_syntactic_position`, without
    the parentheses and whitespace it owns). The module's code is its text (checked), so
    an offset gives the line and column PositionProvider counts when every newline is a line
    feed. Each range is one int (start << 32 | end) by id of the node: the tree outlives it.
    """

    def __init__(self, module: cst.Module, unplaced: frozenset[type] = UNPLACED) -> None:
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )
        self.offset = 0
        self.ranges: dict[int, int] = {}
        # the node types whose ranges are not recorded (`UNPLACED`, or none)
        self.unplaced = unplaced
        self._starts: list[int] = []
        # The module's trailing newline, taken off its code when the text has none;
        # PositionProvider still counts it in the module's end.
        self.popped = ""
        self.lines: LineIndex | None = None

    @classmethod
    def of(
        cls, module: cst.Module, text: str, lines: LineIndex, unplaced: frozenset[type] = UNPLACED
    ) -> Offsets | None:
        """The ranges of `module` (parsed from `text`, with `lines` its line index) but those
        of the `unplaced` node types, or None when the text has a carriage return or the
        module's code is not the text."""
        if "\r" in text:
            return None
        state = cls(module, unplaced)
        module._codegen(state)
        if "".join(state.tokens) != text:
            return None
        state.lines = LineIndex(text + state.popped) if state.popped else lines
        state.tokens = []
        state._starts = []
        return state

    def position(self, node: cst.CSTNode) -> tuple[tuple[int, int], tuple[int, int]]:
        """1-based (line, column) of the node's start and end; KeyError for a node that is
        not in the module."""
        packed = self.ranges[id(node)]
        lines = cast("LineIndex", self.lines)
        return lines.span_position(packed >> 32, packed & 0xFFFFFFFF)

    def add_indent_tokens(self) -> None:
        tokens = self.indent_tokens
        self.tokens.extend(tokens)
        for token in tokens:
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def pop_trailing_newline(self) -> None:
        if self.tokens:
            self.popped = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append(self.offset)

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._starts.pop()
        if type(node) in self.unplaced:
            return
        key = id(node)
        if key not in self.ranges:
            self.ranges[key] = start << 32 | self.offset

    def record_syntactic_position(  # type: ignore[override]
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> _Syntactic:
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """`Offsets.record_syntactic_position`: a context manager without a generator's cost
    (it runs for most nodes)."""

    __slots__ = ("end_node", "node", "start", "start_node", "state")

    def __init__(
        self,
        state: Offsets,
        node: cst.CSTNode,
        start_node: cst.CSTNode | None,
        end_node: cst.CSTNode | None,
    ) -> None:
        self.state = state
        self.node = node
        self.start_node = start_node
        self.end_node = end_node
        self.start = state.offset

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        ranges = self.state.ranges
        start = self.start
        if self.start_node is not None:
            start = ranges[id(self.start_node)] >> 32
        end = self.state.offset
        if self.end_node is not None:
            end = ranges[id(self.end_node)] & 0xFFFFFFFF
        ranges[id(self.node)] = start << 32 | end


class _PlacedInParentheses(_Parenthesized):
    """`_parenthesize` for `Offsets`: the node's syntactic range recorded here, as `_Syntactic`
    records it, without a second context manager for each expression."""

    __slots__ = ("start",)
    state: Offsets

    def __enter__(self) -> None:
        state = self.state
        for lpar in self.node.lpar:
            lpar._codegen(state)
        self.start = state.offset

    def __exit__(self, kind: type[BaseException] | None, *error: object) -> None:
        state = self.state
        state.ranges[id(self.node)] = self.start << 32 | state.offset
        if kind is None:
            for rpar in self.node.rpar:
                rpar._codegen(state)


def _codegen(self: cst.CSTNode, state: CodegenState, **kwargs: Any) -> None:
    """`CSTNode._codegen`: a plain state's hooks do nothing and are not called, and those of
    `Offsets` are done here (two calls fewer for each node of a module)."""
    kind = state.__class__
    if kind is CodegenState:
        self._codegen_impl(state, **kwargs)
    elif kind is Offsets:
        offsets = cast(Offsets, state)
        start = offsets.offset
        self._codegen_impl(state, **kwargs)
        if self.__class__ not in offsets.unplaced:  # as in Offsets.after_codegen
            ranges = offsets.ranges
            key = id(self)
            if key not in ranges:
                ranges[key] = start << 32 | offsets.offset
    else:
        state.before_codegen(self)
        self._codegen_impl(state, **kwargs)
        state.after_codegen(self)


# The methods `install` replaced, by class and name.
REPLACED: dict[tuple[type, str], object] = {}

# Each method replaced: the names its code (a context manager's: its generator's) uses in
# the libcst this was written against (lpar and rpar are also local variables of
# `_parenthesize`), and what replaces it.
_REPLACING: dict[tuple[type, str], tuple[tuple[str, ...], object]] = {
    (cst.CSTNode, "_codegen"): (("before_codegen", "_codegen_impl", "after_codegen"), _codegen),
    (expression._BaseParenthesizedNode, "_parenthesize"): (
        ("lpar", "_codegen", "record_syntactic_position", "rpar"),
        _parenthesize,
    ),
    (expression.BaseList, "_bracketize"): (("lbracket", "_codegen", "rbracket"), _bracketize),
    (expression._BaseSetOrDict, "_braceize"): (("lbrace", "_codegen", "rbrace"), _braceize),
    (CodegenState, "record_syntactic_position"): ((), _record_syntactic_position),
}


def _as_expected(klass: type, name: str, names: tuple[str, ...]) -> bool:
    method = vars(klass).get(name)
    if name != "_codegen":  # a context manager: its generator
        method = getattr(method, "__wrapped__", None)
    code = getattr(method, "__code__", None)
    return code is not None and code.co_names == names


@functools.cache
def install() -> bool:
    """Replace the four context managers and `CSTNode._codegen` (once); whether they were
    (all, or none)."""
    if not all(_as_expected(*key, names) for key, (names, _) in _REPLACING.items()):
        return False
    for (klass, name), (_, replacement) in _REPLACING.items():
        REPLACED[klass, name] = vars(klass)[name]
        setattr(klass, name, replacement)
    return True
