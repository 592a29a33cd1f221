""".gitignore and exclude patterns, matched at the speed of one expression a path.

pathspec decides a path by trying every pattern in turn: a template .gitignore has over a
hundred, which made the walk of a repository keeping one in each package (LlamaIndex has
608) several times slower than reading its files. Nearly every path of a tree matches none
of them, so each set of patterns gets a screen in front: one expression, the union of the
patterns' own expressions, which matches a path exactly when one of them does. A path it
does not match is not ignored; a path it matches goes to pathspec, which decides as before
(negations, directory patterns). A .gitignore's patterns are read once per distinct text:
packages generated from one template share it.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

# pathspec's expression for a pattern that may match below any directory (`*.pyc`,
# `build/`): factored out of the union, so that its search for a `/` is made once
ANY_DIRECTORY = "^(?:.+/)?"


class Patterns:
    """A set of gitignore-style patterns (`match_file` as pathspec's `GitIgnoreSpec`)."""

    def __init__(self, spec: pathspec.PathSpec) -> None:
        self.spec = spec
        self.screen = screen([p.regex for p in spec.patterns if p.include is not None])

    def match_file(self, path: str) -> bool:
        """Whether the patterns ignore `path` (relative, `/`-separated; a directory's ends
        with `/`)."""
        if not self.screen(_normalized(path)):
            return False
        return self.spec.match_file(path)


def _normalized(path: str) -> str:
    """`path` as pathspec matches it (`normalize_file`)."""
    if os.sep != "/" or os.altsep or path.startswith(("/", "./")):
        from pathspec.util import normalize_file

        return normalize_file(path)
    return path


def screen(expressions: Sequence[re.Pattern[str] | None]) -> Callable[[str], bool]:
    """A test that holds for a path exactly when one of `expressions` finds a match in it
    (pathspec searches each): their union, as one expression where their text allows."""
    anywhere: list[str] = []
    anchored: list[str] = []
    apart: list[re.Pattern[str]] = []
    default_flags = re.compile("").flags
    for expression in expressions:
        if expression is None:
            continue
        text = _plain(expression.pattern) if expression.flags == default_flags else None
        if text is not None and text.startswith(ANY_DIRECTORY):
            anywhere.append(text[len(ANY_DIRECTORY) :])
        elif text is not None and text.startswith("^"):
            anchored.append(text[1:])
        else:
            apart.append(expression)
    branches = [*anchored]
    if anywhere:
        branches.insert(0, "(?:.+/)?(?:" + "|".join(anywhere) + ")")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # as in `_patterns`
        union = re.compile("^(?:" + "|".join(branches) + ")").match if branches else None
    searches = tuple(e.search for e in apart)

    def held(path: str) -> bool:
        if union is not None and union(path) is not None:
            return True
        for search in searches:  # noqa: SIM110 (called for every path of a tree)
            if search(path) is not None:
                return True
        return False

    return held


def _plain(text: str) -> str | None:
    """`text` (an expression) with its named groups made plain groups, when it can be joined
    to others by `|` as it is: no alternation outside a group, no reference to a group by
    name or number, no inline flags, no conditional; None otherwise."""
    out = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 < len(text) and text[i + 1].isdigit():
                return None  # a reference by number
            out.append(text[i : i + 2])
            i += 2
            continue
        if char == "[":
            end = _class_end(text, i)
            if end < 0:
                return None
            out.append(text[i:end])
            i = end
            continue
        if char == "(":
            depth += 1
            if text.startswith("(?P<", i):
                close = text.find(">", i)
                if close < 0:
                    return None
                out.append("(?:")
                i = close + 1
                continue
            if text.startswith("(?", i) and not text.startswith(("(?:", "(?=", "(?!"), i):
                return None  # flags, references, conditionals, comments, lookbehinds
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            return None
        out.append(char)
        i += 1
    return "".join(out) if depth == 0 else None


def _class_end(text: str, start: int) -> int:
    """The index just past the character class opening at `start`; -1 if it never ends."""
    i = start + 1
    if i < len(text) and text[i] == "^":
        i += 1
    if i < len(text) and text[i] == "]":
        i += 1  # a `]` first is a member
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[" and text.startswith("[:", i):
            return -1  # POSIX classes and nested sets: not ours to read
        if text[i] == "]":
            return i + 1
        i += 1
    return -1


@functools.lru_cache(maxsize=256)
def _patterns(lines: tuple[str, ...]) -> Patterns:
    import pathspec  # only for a tree with a .gitignore or excludes: it costs an import

    with warnings.catch_warnings():
        # a pattern such as `*[[]*` makes `re` warn of a possible nested set: Python's own
        # words with a line of pathspec's source, on the user's terminal, about their file
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return Patterns(pathspec.GitIgnoreSpec.from_lines(lines))
        except Exception:  # pathspec raises several kinds (re.error, ValueError, ...)
            kept = [line for line in lines if _valid(line)]
            return Patterns(pathspec.GitIgnoreSpec.from_lines(kept))


def patterns_of(lines: Iterable[str]) -> Patterns:
    """The patterns of a .gitignore (or of excludes); a line git would ignore as invalid
    (`[z-a]`, a lone backslash) is skipped rather than failing the run. The same lines give
    the same object, read once."""
    return _patterns(tuple(lines))


def _valid(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True
