"""How generated code is laid out: the file's newline, the project's line length and quote,
wrapping.

Generated code must pass the project's own linters: lines the migration changed are wrapped to
the line length the project configures for ruff or black (88 when it sets none), in the style
black would choose, the literals the edits write take the quote ruff is configured for, and
every newline written into a file is the file's own. Untouched lines are never reformatted.
"""

from __future__ import annotations

import ast
import bisect
import io
import itertools
import keyword
import re
import sys
import tokenize
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from migrate_llm.collector import paused
from migrate_llm.formats import FormatError
from migrate_llm.formats.dependencies import requirements
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.import_roots import module_files

DEFAULT_LINE_LENGTH = 88
_LONE_LF = re.compile(r"(?<!\r)\n")


def newline_of(text: str) -> str:
    """The newline of `text`: that of its first line (LF for a single line)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def with_newline(text: str, newline: str) -> str:
    """`text` with each LF that is not part of a CRLF written as `newline`."""
    return _LONE_LF.sub(newline, text) if newline != "\n" and "\n" in text else text


# -- the configured line length ---------------------------------------------------------------


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _toml(text: str | None) -> dict[str, object] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        return tomllib.loads(text) if text is not None else None
    except tomllib.TOMLDecodeError:
        return None


def _length(value: object) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 1000
    return value if ok else None  # type: ignore[return-value]


class Style(NamedTuple):
    """What the project's linters want of generated code: its line length, its quote."""

    length: int = DEFAULT_LINE_LENGTH
    quote: str = '"'


def _configured_here(directory: Path) -> Style | None:
    """The style the config files in `directory` set: the line length for ruff (`.ruff.toml`,
    `ruff.toml`, `[tool.ruff]`: the first that sets one) and for black (`[tool.black]`, or
    `_black_length` where the project runs black without configuring it there): the shorter
    of the two, since both must pass; DEFAULT_LINE_LENGTH for a tool configured without one;
    the quote ruff wants (`_ruff_quote`); None when nothing here configures either."""
    ruff = [
        section
        for name in (".ruff.toml", "ruff.toml", "pyproject.toml")
        if (section := _ruff_section(directory / name)) is not None
    ]
    pyproject = _read_text(directory / "pyproject.toml")
    data = _toml(pyproject)
    tool = data.get("tool") if data is not None else None
    tool = tool if isinstance(tool, dict) else {}
    lengths = []
    if ruff:
        found = (_length(section.get("line-length")) for section in ruff)
        lengths.append(next((n for n in found if n is not None), DEFAULT_LINE_LENGTH))
    black = tool.get("black")
    if isinstance(black, dict):
        lengths.append(_length(black.get("line-length")) or DEFAULT_LINE_LENGTH)
    else:
        unconfigured = _black_length(directory, pyproject if data is not None else None)
        if unconfigured is not None:
            lengths.append(unconfigured)
    if not lengths:
        return None
    quote = next((q for q in (_ruff_quote(s, directory) for s in ruff) if q is not None), '"')
    return Style(min(lengths), quote)


def _ruff_section(path: Path) -> dict[str, object] | None:
    """The ruff configuration in the file at `path`: all of a `ruff.toml` or `.ruff.toml`,
    `[tool.ruff]` of a `pyproject.toml`; None when it has none."""
    data = _toml(_read_text(path))
    if data is not None and path.name == "pyproject.toml":
        tool = data.get("tool")
        data = tool.get("ruff") if isinstance(tool, dict) else None
    return data if isinstance(data, dict) else None


def _ruff_quote(ruff: dict[str, object], directory: Path, depth: int = 0) -> str | None:
    """The quote a ruff configuration (a `ruff.toml`, or `[tool.ruff]`) in `directory` wants
    of string literals: its formatter's `quote-style` when "single" or "double", else
    flake8-quotes' `inline-quotes` (`[lint.flake8-quotes]`, or the older `[flake8-quotes]`),
    else that of the configuration it `extend`s; None when none sets either. (black has no
    such option: it always wants double quotes.)"""

    def table(data: object, *keys: str) -> dict[str, object]:
        for key in keys:
            data = data.get(key) if isinstance(data, dict) else None
        return data if isinstance(data, dict) else {}

    styles = {"single": "'", "double": '"'}
    found = styles.get(str(table(ruff, "format").get("quote-style")))
    for keys in (("lint", "flake8-quotes"), ("flake8-quotes",)):
        found = found or styles.get(str(table(ruff, *keys).get("inline-quotes")))
    extend = ruff.get("extend")
    if found is None and isinstance(extend, str) and depth < 8:
        path = directory / Path(extend).expanduser()
        base = _ruff_section(path)
        found = _ruff_quote(base, path.parent, depth + 1) if base is not None else None
    return found


# A pre-commit hook `id: black` (or `black-jupyter`), up to the next hook or repository, and
# a line length among its arguments (`--line-length 120`, `--line-length=120`, `-l 120`)
_BLACK_HOOK = re.compile(
    r"^[\s-]*id:\s*['\"]?black(?:-jupyter)?['\"]?\s*(?:#.*)?$((?:\n(?![\s-]*(?:id|repo):).*)*)",
    re.MULTILINE,
)
_HOOK_LENGTH = re.compile(r"(?:--line-length|-l)(?:=|['\"]?\s*,?\s*['\"]?)(\d+)")


def _black_length(directory: Path, pyproject: str | None) -> int | None:
    """The line length black uses in the project in `directory` when it runs black without
    configuring it in `pyproject.toml` (`pyproject`: its text, when it is valid TOML): a
    black hook's `--line-length` in its `.pre-commit-config.yaml`, else black's default where
    that hook exists or black is among the dependencies `pyproject.toml` declares (any
    group, Poetry's included); None otherwise."""
    hook = _BLACK_HOOK.search(_read_text(directory / ".pre-commit-config.yaml") or "")
    if hook is not None:
        given = _HOOK_LENGTH.search(hook.group(1))
        return (_length(int(given.group(1))) if given else None) or DEFAULT_LINE_LENGTH
    if pyproject is not None and "black" in pyproject.lower() and _requires_black(pyproject):
        return DEFAULT_LINE_LENGTH
    return None


def _requires_black(pyproject: str) -> bool:
    try:
        doc = ConfigDocument.read("pyproject.toml", "toml", pyproject)
    except FormatError:
        return False
    return any(r.name == "black" for r in requirements(doc))


class LineLengths:
    """The configured line length and quote for files, looked up once per directory: those
    of ruff (`.ruff.toml`, `ruff.toml`, `[tool.ruff]`) or black (`[tool.black]`) in the
    nearest directory above that configures either, else 88 and double quotes."""

    def __init__(self) -> None:
        self._cache: dict[Path, Style] = {}

    def for_file(self, path: Path) -> int:
        return self.for_directory(path.resolve().parent)

    def for_directory(self, directory: Path) -> int:
        return self.style_of(directory).length

    def style_of(self, directory: Path) -> Style:
        """The style configured for the files in `directory`."""
        directory = directory.resolve()
        seen: list[Path] = []
        style = Style()
        current = directory
        while True:
            if current in self._cache:
                style = self._cache[current]
                break
            seen.append(current)
            found = _configured_here(current)
            if found is not None:
                style = found
                break
            if current.parent == current:
                break
            current = current.parent
        for path in seen:
            self._cache[path] = style
        return style


# -- the configured quote ---------------------------------------------------------------------


def with_quote(code: str, quote: str) -> str:
    """`code` (Python an edit writes, maybe a fragment of a statement) with its string
    literals written with `quote` where that changes nothing else: a literal whose body holds
    a quote of either kind (an escaped one, an f-string's nested literal) and a triple-quoted
    one are left as they are, so the text keeps its length and every position in it."""
    if quote != "'" or '"' not in code:
        return code
    starts = list(itertools.accumulate(len(line) for line in code.splitlines(keepends=True)))
    starts.insert(0, 0)

    def offset(row: int, column: int) -> int:
        return starts[row - 1] + column

    chars = list(code)
    opened: list[int] = []  # the offsets of the f-strings (3.12's tokens) still open
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == _FSTRING_START:
                opened.append(offset(*token.start))
                continue
            if token.type == _FSTRING_END and opened:
                start = opened.pop()
            elif token.type == tokenize.STRING:
                start = offset(*token.start)
            else:
                continue
            end = offset(*token.end)
            literal = code[start:end]
            body = literal.lstrip("bBrRuUfF")
            inner = body[1:-1]
            single = body[:3] != '"""' and body[:1] == '"' == body[-1:] and len(body) > 1
            if single and "'" not in inner and '"' not in inner:
                chars[end - len(body)] = chars[end - 1] = "'"
    except (tokenize.TokenError, SyntaxError):
        pass  # a fragment ending inside brackets: its literals so far are done
    return "".join(chars)


# -- wrapping ---------------------------------------------------------------------------------


def width(line: str) -> int:
    """The width of `line` as ruff measures it for E501: wide characters count two, a tab
    moves to the next multiple of four."""
    total = 0
    for char in line:
        if char == "\t":
            total += 4 - total % 4
        elif ord(char) < 0x1100:
            total += 1
        else:
            total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _split_lines(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _touched(before: list[str], after: list[str]) -> Iterator[int]:
    """Indices of the lines of `after` that are not lines of `before`.

    A line the migration writes that happens to equal a line the file already has counts as
    kept: it is never reformatted, and the test is linear where a line diff of a large module
    is quadratic."""
    old = {_body(line) for line in before}
    return (i for i, line in enumerate(after) if _body(line) not in old)


class Trees:
    """The syntax trees of the texts one layout pass works on, each text parsed once.

    The tree of `before` (the file as it was) is kept, and those of the last `keep` other
    texts asked for (a migration's intermediate texts are used one after the other). The
    trees are shared between the functions given the same `Trees`: nothing may change one.
    """

    def __init__(
        self, before: str | None = None, keep: int = 2, tree: ast.Module | None = None
    ) -> None:
        """`tree`: the tree of `before` when the caller has parsed it already (`ast.parse`
        with no other argument), used as it is."""
        self.before = before
        self.keep = keep
        self._before: ast.Module | None = tree if before is not None else None
        self._trees: dict[str, ast.Module] = {}

    def parse(self, text: str) -> ast.Module:
        """The tree of `text`; raises SyntaxError as `ast.parse` does."""
        if text is self.before or text == self.before:
            if self._before is None:
                self._before = _parse(text)
            return self._before
        tree = self._trees.pop(text, None)
        if tree is None:
            tree = _parse(text)
        self._trees[text] = tree  # the most recent last
        while len(self._trees) > self.keep:
            del self._trees[next(iter(self._trees))]
        return tree


def _parse(text: str) -> ast.Module:
    """`ast.parse(text)`, the cycle collector off meanwhile: a syntax tree holds no cycle,
    and collections during the parse walked the growing tree again and again (half the
    time of a 50,000-line module's parse)."""
    with paused():
        return ast.parse(text)


def _has_lone_cr(text: str) -> bool:
    """Whether `text` has a carriage return that is not part of a CRLF: `ast` counts it as
    a line break where the lines split at LF here (and `tokenize`) do not."""
    return "\r" in text and text.count("\r") != text.count("\r\n")


def _statement_extent(node: ast.stmt) -> tuple[int, int]:
    """The first and last line of a statement, with its decorators."""
    first = node.lineno
    for decorator in getattr(node, "decorator_list", ()):
        first = min(first, decorator.lineno)
    return first, node.end_lineno or node.lineno


def _string_lines(tree: ast.AST, wanted: list[int] | None = None) -> set[int]:
    """Lines (1-based) that continue a string spanning several lines.

    With `wanted` (sorted line numbers), only statements that span one of those lines after
    their first are looked into: the result may then miss lines that are not wanted."""
    inside: set[int] = set()
    stack = [tree]
    stmt, strings = ast.stmt, (ast.Constant, ast.JoinedStr)
    while stack:
        node = stack.pop()
        if wanted is not None and isinstance(node, stmt):
            first, last = _statement_extent(node)
            at = bisect.bisect_right(wanted, first)
            if at == len(wanted) or wanted[at] > last:
                continue  # no wanted line in (first, last]: no string of it continues there
        if isinstance(node, strings) and node.end_lineno != node.lineno:
            inside.update(range(node.lineno + 1, (node.end_lineno or node.lineno) + 1))
        stack.extend(ast.iter_child_nodes(node))
    return inside


def _blank_runs(lines: list[str], skip: set[int]) -> Iterator[tuple[int, int]]:
    """(start, end) index ranges of consecutive blank lines outside strings."""
    start = None
    for i, line in enumerate([*lines, "x"]):
        blank = not line.strip() and (i + 1) not in skip
        if blank and start is None:
            start = i
        elif not blank and start is not None:
            yield start, i
            start = None


def _long_blank_runs(lines: list[str], tree: ast.AST) -> list[tuple[int, int]]:
    """The runs of two or more blank lines outside strings. (A run outside strings lies in
    a run of the blank lines: only the lines of those of two or more are looked up.)"""
    wanted = [i + 1 for a, b in _blank_runs(lines, set()) if b - a > 1 for i in range(a, b)]
    if not wanted:
        return []
    return [(a, b) for a, b in _blank_runs(lines, _string_lines(tree, wanted)) if b - a > 1]


def collapse_blank_lines(before: str, after: str, trees: Trees | None = None) -> str:
    """`after` with the runs of blank lines the edits left (deleted statements can leave
    them) cut to what PEP 8 and ruff format want there (`_wanted_blank_lines`; at the end
    of the file to two, the most PEP 8 allows, or `before`'s longest run). The runs that
    are the user's (`_UsersRuns`) are kept as they are, whatever the edits changed beside
    them."""
    trees = Trees(before) if trees is None else trees
    lines = _split_lines(after)
    if not any(b - a > 1 for a, b in _blank_runs(lines, set())):
        return after  # no run of two blank lines, let alone one outside strings
    try:
        old, new = trees.parse(before), trees.parse(after)
    except SyntaxError:
        return after
    old_lines = _split_lines(before)
    old_runs = _long_blank_runs(old_lines, old)
    longest = max((b - a for a, b in old_runs), default=0)
    allowed = max(longest, 2)
    runs = _long_blank_runs(lines, new)
    if not runs:
        return after
    users = _UsersRuns(old_lines, old_runs)
    for start, end in reversed(runs):
        length = min(end - start, allowed)
        if end < len(lines) and not users.holds(lines, start, end):
            length = min(length, _wanted_blank_lines(lines, start, end))
        del lines[start + length : end]
    return "".join(lines)


def join_import_runs(
    before: str, after: str, trees: Trees | None = None, directory: str | None = None
) -> str:
    """`after` with the blank lines cut between two module-level imports that a statement
    the edits deleted separated in `before` (`import openai`, `openai.api_key = ...`,
    `import requests`): left, they would split what isort sorts as one block (ruff's I001).
    One stays between imports of different isort sections (`import os`, `import openai`;
    `import openai`, `from myapp import settings` where `directory`, the file's, or the root
    of its package holds `myapp`); a gap `before` had between the same two imports is the
    user's and stays."""
    if "import" not in after:
        return after
    trees = Trees(before) if trees is None else trees
    try:
        old, new = trees.parse(before), trees.parse(after)
    except SyntaxError:
        return after
    old_lines, lines = _split_lines(before), _split_lines(after)
    # each import of `before`, by its text: whether the statement above it is an import too
    after_import = {
        _statement_text(old_lines, node): isinstance(prev, _IMPORTS)
        for prev, node in zip(old.body, old.body[1:], strict=False)
        if isinstance(node, _IMPORTS)
    }
    known = {_statement_text(old_lines, n) for n in old.body if isinstance(n, _IMPORTS)}
    cuts: list[tuple[int, int]] = []
    for above, below in zip(new.body, new.body[1:], strict=False):
        if not (isinstance(above, _IMPORTS) and isinstance(below, _IMPORTS)):
            continue
        start, end = above.end_lineno or above.lineno, below.lineno - 1  # the gap's rows, 0-based
        if end <= start or any(lines[i].strip() for i in range(start, end)):
            continue  # no gap, or a comment in it
        text = _statement_text(lines, below)
        if after_import.get(text, True) or _statement_text(lines, above) not in known:
            continue  # the user's gap, or imports the edits wrote
        keep = 1 if _isort_section(above, directory) != _isort_section(below, directory) else 0
        if end - start > keep:
            cuts.append((start + keep, end))
    for start, end in reversed(cuts):
        del lines[start:end]
    return "".join(lines)


_IMPORTS = (ast.Import, ast.ImportFrom)


def _statement_text(lines: list[str], node: ast.stmt) -> str:
    return "".join(lines[node.lineno - 1 : node.end_lineno])


def _isort_section(node: ast.stmt, directory: str | None) -> str:
    """The isort section of an import: future, the standard library, relative, the project's
    own (a top package found from `directory`, see `import_roots.module_files`), the rest."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return "local"
        name = node.module or ""
    else:
        name = node.names[0].name if isinstance(node, ast.Import) else ""
    if name == "__future__":
        return "future"
    top = name.split(".")[0]
    if top in sys.stdlib_module_names:
        return "std"
    return "first" if directory is not None and top and module_files(directory, top) else "other"


def _around(lines: list[str], index: int) -> str:
    return _body(lines[index]) if 0 <= index < len(lines) else ""


class _UsersRuns:
    """The runs of two or more blank lines `before` has (`old_runs` of `old_lines`), to
    tell whether a run of the edited text is one of them: the user's layout.

    It is when `before` has a run as long between the same two lines, or right after the
    same line, or right before the same line: an edit to the line on the run's other side
    (a model name mapped, a list widened, an import added to the block above) leaves the
    blank lines as they were. When the edits wrote the lines on both sides (lines `before`
    does not have), it is when `before` has a run as long between two lines the edits
    replaced (lines the edited text does not have). A run that deleted statements left
    between two other lines of `before` is none of these."""

    def __init__(self, old_lines: list[str], old_runs: list[tuple[int, int]]) -> None:
        self._old_lines = old_lines
        self._old_runs = old_runs
        around = [(_around(old_lines, a - 1), b - a, _around(old_lines, b)) for a, b in old_runs]
        self._between = set(around)
        inner = [run for (a, _), run in zip(old_runs, around, strict=True) if a > 0]
        self._after = {(above, length) for above, length, _ in inner}
        self._before = {(length, below) for _, length, below in inner}
        self._bodies: tuple[set[str], set[str]] | None = None

    def holds(self, lines: list[str], start: int, end: int) -> bool:
        """Whether the run `lines[start:end]` of the edited text (`lines`, from which
        blank lines of other runs may have been deleted) is the user's."""
        above, length, below = _around(lines, start - 1), end - start, _around(lines, end)
        if (above, length, below) in self._between:
            return True
        if start == 0:
            return False
        if (above, length) in self._after or (length, below) in self._before:
            return True
        if self._bodies is None:  # blank lines deleted from `lines` change neither set
            self._bodies = ({_body(s) for s in self._old_lines}, {_body(s) for s in lines})
        old, new = self._bodies
        if above in old or below in old:
            return False
        return any(
            b - a == length
            and a > 0
            and _around(self._old_lines, a - 1) not in new
            and _around(self._old_lines, b) not in new
            for a, b in self._old_runs
        )


def _wanted_blank_lines(lines: list[str], start: int, end: int) -> int:
    """How many blank lines PEP 8 and ruff format want where a migration's edits left the
    run `lines[start:end]`: two at module level before or after a function or class (or
    after any indented block, which may end one), one elsewhere."""
    following = lines[end] if end < len(lines) else ""
    if following[:1] in (" ", "\t"):
        return 1  # inside a block
    if following.startswith(("def ", "async def ", "class ", "@", "#")):
        return 2
    previous = lines[start - 1] if start > 0 else ""
    return 2 if previous[:1] in (" ", "\t") else 1


# -- wrapping changed lines as black would ----------------------------------------------------
#
# A changed line longer than the limit is split the way black (and `ruff format`) split a
# line: at the last opening bracket ("right-hand split"), the part inside on its own
# indented line, and a line inside brackets at its delimiters of highest priority (commas
# first, one element per line with a trailing comma). The optional parentheses black puts
# around the value of an assignment or a `return` are used only when splitting at the
# value's own brackets does not work. Each resulting line is split again until it fits.

_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())
_COMPREHENSION, _COMMA, _TERNARY, _LOGIC, _STRING, _COMPARATOR, _DOT = 20, 18, 16, 14, 12, 10, 1
_MATH = {
    "|": 9,
    "^": 8,
    "&": 7,
    "<<": 6,
    ">>": 6,
    "+": 5,
    "-": 5,
    "*": 4,
    "/": 4,
    "//": 4,
    "%": 4,
    "@": 4,
    "**": 1,
}
_COMPARATORS = frozenset(("<", ">", "==", "!=", "<=", ">=", "<>"))
_OPERANDS = frozenset(("True", "False", "None"))
_ASSIGNMENTS = frozenset(
    ("=", "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**=")
)
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


class _CannotSplit(Exception):
    pass


class _Unsupported(Exception):
    """A layout this does not reproduce (ruff puts a lambda's body in parentheses of its
    own when it splits it): the line is left as it is."""


@dataclass(frozen=True)
class _Leaf:
    """A token of the line being split: its text, the whitespace before it on the original
    line, a trailing comment. `bracket` is set on brackets, also on the optional (invisible)
    parentheses around a value, whose `text` is empty until a split makes them visible."""

    key: int
    text: str
    prefix: str = ""
    kind: int = tokenize.OP
    comment: str = ""
    bracket: str = ""

    def shown(self) -> _Leaf:
        return replace(self, text=self.bracket) if self.bracket and not self.text else self


@dataclass(frozen=True)
class _Line:
    indent: str
    leaves: tuple[_Leaf, ...]
    inside: bool  # inside brackets: split at delimiters before splitting at brackets
    explode: bool = False  # the elements of a display: one per line when split at all
    is_def: bool = False  # a `def` line: split at its first bracket

    def __str__(self) -> str:
        parts = [self.indent]
        for i, leaf in enumerate(self.leaves):
            parts += [leaf.prefix if i else "", leaf.text, leaf.comment]
        return "".join(parts)


@dataclass(frozen=True)
class _RightHandSplit:
    head: _Line
    body: _Line
    tail: _Line
    opening: _Leaf
    closing: _Leaf


def _is_operand_end(leaf: _Leaf) -> bool:
    if leaf.bracket:
        return leaf.bracket in _CLOSING
    if leaf.kind == tokenize.NAME:
        return not keyword.iskeyword(leaf.text) or leaf.text in _OPERANDS
    return leaf.kind in (tokenize.NUMBER, tokenize.STRING)


def _is_name(leaf: _Leaf, *names: str) -> bool:
    return leaf.kind == tokenize.NAME and leaf.text in names


class _Splitter:
    """Splits one logical line over lines of at most `limit` columns, as black would."""

    def __init__(self, limit: int, partners: dict[int, int]) -> None:
        self.limit = limit
        self.partners = partners

    def fits(self, line: _Line, limit: int | None = None) -> bool:
        return width(str(line)) <= (self.limit if limit is None else limit)

    def magic_comma(self, line: _Line) -> bool:
        """Whether a closing bracket on `line` follows a comma black keeps as a request to
        explode the brackets (not the comma of a one-element tuple or subscript)."""
        leaves = line.leaves
        index = {leaf.key: i for i, leaf in enumerate(leaves)}
        for i, leaf in enumerate(leaves):
            if leaf.bracket not in _CLOSING or not leaf.text or i == 0:
                continue
            if leaves[i - 1].text != ",":
                continue
            start = index.get(self.partners[leaf.key])
            if start is None:
                return True
            before = leaves[start - 1] if start else None
            if leaf.bracket == "}" or (
                leaf.bracket == ")" and before is not None and _is_operand_end(before)
            ):
                return True
            commas = sum(
                1 for d, item in self._depths(leaves[start + 1 : i]) if not d and item.text == ","
            )
            if commas > 1 or (
                leaf.bracket == "]" and (before is None or not _is_operand_end(before))
            ):
                return True
        return False

    @staticmethod
    def _depths(leaves: tuple[_Leaf, ...] | list[_Leaf]) -> Iterator[tuple[int, _Leaf]]:
        depth = 0
        for leaf in leaves:
            if leaf.bracket in _CLOSING:
                depth -= 1
            yield depth, leaf
            if leaf.bracket in _OPENING:
                depth += 1

    def delimiters(self, line: _Line) -> dict[int, int]:
        """Priority of the split after each leaf at the line's own bracket depth."""
        found: dict[int, int] = {}
        depth = 0
        lambdas: list[int] = []
        loops: list[int] = []
        comprehension = False
        previous: _Leaf | None = None
        for i, leaf in enumerate(line.leaves):
            if loops and loops[-1] == depth and _is_name(leaf, "in"):
                depth -= 1
                loops.pop()
            if lambdas and lambdas[-1] == depth and leaf.text == ":" and not leaf.bracket:
                depth -= 1
                lambdas.pop()
            if leaf.bracket in _CLOSING:
                depth -= 1
            if depth == 0:
                before = self._before(leaf, previous, comprehension)
                if before and previous is not None:
                    found[i - 1] = max(found.get(i - 1, 0), before)
                if leaf.text == "," and leaf.kind == tokenize.OP:
                    found[i] = _COMMA
                if _is_name(leaf, "for"):
                    comprehension = True
            if leaf.bracket in _OPENING:
                depth += 1
            previous = leaf
            if _is_name(leaf, "lambda"):
                depth += 1
                lambdas.append(depth)
            if _is_name(leaf, "for"):
                depth += 1
                loops.append(depth)
        return found

    @staticmethod
    def _before(leaf: _Leaf, previous: _Leaf | None, comprehension: bool) -> int:
        """Priority of splitting before `leaf` (black's `is_split_before_delimiter`)."""
        if previous is None:
            return 0
        text = leaf.text
        if leaf.kind == tokenize.OP and not leaf.bracket:
            if text == ".":
                return _DOT if previous.bracket in _CLOSING and previous.text else 0
            if text in _MATH:
                return _MATH[text] if _is_operand_end(previous) else 0
            return _COMPARATOR if text in _COMPARATORS else 0
        if leaf.kind == tokenize.STRING:
            return _STRING if previous.kind == tokenize.STRING else 0
        if leaf.kind != tokenize.NAME:
            return 0
        if text == "for" or (text == "if" and comprehension):
            return _COMPREHENSION
        if text in ("if", "else"):
            return _TERNARY
        if text == "is" or (text == "in" and not _is_name(previous, "not")):
            return _COMPARATOR
        if text == "not" and not _is_name(previous, "is") and _is_operand_end(previous):
            return _COMPARATOR
        return _LOGIC if text in ("and", "or") else 0

    # -- the transforms ---------------------------------------------------------------------

    def transform(self, line: _Line, force: bool = False) -> list[_Line]:
        if not line.explode and not self.magic_comma(line) and self.fits(line):
            return [line]
        transforms: tuple[Callable[[_Line, bool], list[_Line]], ...] = (self.rhs,)
        if line.is_def:
            transforms = (self.lhs,)
        elif line.inside:
            transforms = (self.delimiter_split, self.rhs)
        for transform in transforms:
            try:
                return self.run(line, transform, force)
            except _CannotSplit:
                continue
        return [line]

    def run(
        self, line: _Line, transform: Callable[[_Line, bool], list[_Line]], force: bool
    ) -> list[_Line]:
        """`transform` applied to `line`, each resulting line transformed again; with the
        optional parentheses forced when splitting without them leaves a line too long."""
        text = str(line).strip()
        result: list[_Line] = []
        for new in transform(line, force):
            if str(new).strip() == text:
                raise _CannotSplit
            result += self.transform(new, force)
        invisible = {leaf.key for leaf in line.leaves if leaf.bracket and not leaf.text}
        shown = any(leaf.key in invisible and leaf.text for new in result for leaf in new.leaves)
        if (
            transform == self.rhs
            and not force
            and invisible
            and not shown
            and not self.fits(result[0])
        ):
            try:
                second = self.run(line, transform, True)
            except _CannotSplit:
                return result
            if all(self.fits(new) for new in second):
                return second
        return result

    def delimiter_split(self, line: _Line, force: bool) -> list[_Line]:
        leaves = line.leaves
        found = self.delimiters(line)
        last = len(leaves) - 1
        priorities = [p for i, p in found.items() if i != last]
        if not priorities:
            raise _CannotSplit
        top = max(priorities)
        if top == _DOT and priorities.count(_DOT) == 1:
            raise _CannotSplit  # a single attribute split from its parent looks wrong
        if top != _COMMA and any(
            _is_name(leaf, "lambda") for _d, leaf in self._depths(leaves) if not _d
        ):
            raise _Unsupported
        lines: list[_Line] = []
        current: list[_Leaf] = []
        for i, leaf in enumerate(leaves):
            current.append(leaf)
            if found.get(i) == top:
                lines.append(_Line(line.indent, tuple(current), line.inside))
                current = []
        if current:
            if top == _COMMA and leaves[-1].text != ",":
                comma = _Leaf(-1, ",")
                if current[-1].comment:  # the comment stays at the end of the line
                    comma = replace(comma, comment=current[-1].comment)
                    current[-1] = replace(current[-1], comment="")
                current.append(comma)
            lines.append(_Line(line.indent, tuple(current), line.inside))
        return lines

    def lhs(self, line: _Line, force: bool) -> list[_Line]:
        """A `def` split at the brackets of its parameters (black's `left_hand_split`); a
        lone parameter gets a trailing comma."""
        head: list[_Leaf] = []
        body: list[_Leaf] = []
        tail: list[_Leaf] = []
        current = head
        opening: _Leaf | None = None
        for leaf in line.leaves:
            if current is body and opening and self.partners.get(opening.key) == leaf.key:
                current = tail
            current.append(leaf)
            if current is head and leaf.bracket in _OPENING:
                opening = leaf
                current = body
        if opening is None or not tail or not body:
            raise _CannotSplit
        inner = _Line(line.indent + _step(line.indent), tuple(body), True)
        if _COMMA not in self.delimiters(inner).values():
            inner = replace(inner, leaves=(*body, _Leaf(-1, ",")))
        elif body[-1].text == ",":
            inner = replace(inner, explode=True)
        return [
            _Line(line.indent, tuple(head), False),
            inner,
            _Line(line.indent, tuple(tail), False),
        ]

    def rhs(self, line: _Line, force: bool) -> list[_Line]:
        for omit in self.trailers_to_omit(line):
            lines = self.right_hand_split(line, omit, force)
            if self.fits(lines[0]):
                return lines
        return self.right_hand_split(line, frozenset(), force)

    def trailers_to_omit(self, line: _Line) -> Iterator[frozenset[int]]:
        """Sets of trailing bracket pairs (`.choices[0]`) to keep on the last line, so that
        the split happens at an earlier bracket; the smallest first."""
        omit: set[int] = set()
        if not self.magic_comma(line):
            yield frozenset(omit)
        length = width(line.indent)
        opening: int | None = None
        closing: _Leaf | None = None
        inner: set[int] = set()
        leaves = line.leaves
        for index in range(len(leaves) - 1, -1, -1):
            leaf = leaves[index]
            length += width((leaf.prefix if index else "") + leaf.text + leaf.comment)
            if length > self.limit:
                break
            if opening is not None:
                if leaf.key == opening:
                    opening = None
                elif leaf.bracket in _CLOSING:
                    inner.add(leaf.key)
            elif leaf.bracket in _CLOSING:
                previous = leaves[index - 1] if index else None
                if previous is not None and previous.key == self.partners[leaf.key]:
                    inner.add(leaf.key)  # empty brackets: never split there
                    continue
                if closing is not None:
                    omit.add(closing.key)
                    omit.update(inner)
                    inner.clear()
                    yield frozenset(omit)
                if previous is not None and previous.text == ",":
                    break  # never omit brackets with a trailing comma
                if leaf.text:
                    opening = self.partners[leaf.key]
                    closing = leaf

    def first_split(self, line: _Line, omit: frozenset[int]) -> _RightHandSplit:
        tail: list[_Leaf] = []
        body: list[_Leaf] = []
        head: list[_Leaf] = []
        current = tail
        opening: int | None = None
        closing: _Leaf | None = None
        for leaf in reversed(line.leaves):
            if current is body and leaf.key == opening:
                current = head if body else tail
            current.append(leaf)
            if current is tail and leaf.bracket in _CLOSING and leaf.key not in omit:
                opening = self.partners[leaf.key]
                closing = leaf
                current = body
        if closing is None or not head:
            raise _CannotSplit
        head.reverse()
        body.reverse()
        tail.reverse()
        inner = _Line(line.indent + _step(line.indent), tuple(body), True)
        if body and self.explodes(inner, head):
            inner = replace(inner, explode=True)
        return _RightHandSplit(
            _Line(line.indent, tuple(head), False),
            inner,
            _Line(line.indent, tuple(tail), False),
            head[-1],
            closing,
        )

    def explodes(self, body: _Line, head: list[_Leaf]) -> bool:
        """Whether the elements inside the brackets go one per line once split (black's
        `should_split_line`): those of a display (not of a call or subscript), or any with a
        trailing comma."""
        found = self.delimiters(body)
        last = len(body.leaves) - 1
        priorities = [p for i, p in found.items() if i != last]
        if not priorities or max(priorities) != _COMMA:
            return False
        if body.leaves[-1].text == ",":
            return True
        opening = head[-1]
        return not opening.text or len(head) < 2 or not _is_operand_end(head[-2])

    def right_hand_split(self, line: _Line, omit: frozenset[int], force: bool) -> list[_Line]:
        return self.split_omitting_optional_parens(self.first_split(line, omit), line, omit, force)

    def split_omitting_optional_parens(
        self, rhs: _RightHandSplit, line: _Line, omit: frozenset[int], force: bool
    ) -> list[_Line]:
        if not force and not rhs.opening.text and not rhs.closing.text and self.can_omit(rhs):
            omit = omit | {rhs.closing.key}
            try:
                without = self.first_split(line, omit)
                if self.prefer_without(without, rhs):
                    return self.split_omitting_optional_parens(without, line, omit, force)
            except _CannotSplit:
                if not (len(rhs.body.leaves) >= 2 or self.fits(rhs.body)):
                    raise
        if not rhs.body.leaves:
            raise _CannotSplit
        if not rhs.opening.text and _is_name(rhs.body.leaves[0], "lambda"):
            raise _Unsupported
        head = _Line(rhs.head.indent, (*rhs.head.leaves[:-1], rhs.head.leaves[-1].shown()), False)
        tail = _Line(rhs.tail.indent, (rhs.tail.leaves[0].shown(), *rhs.tail.leaves[1:]), False)
        return [part for part in (head, rhs.body, tail) if part.leaves]

    def prefer_without(self, without: _RightHandSplit, rhs: _RightHandSplit) -> bool:
        """Whether to split at the value's own brackets rather than at the optional
        parentheses around it (black's `_prefer_split_rhs_oop_over_rhs`)."""
        head = rhs.head.leaves
        if not (len(head) >= 2 and head[-2].text == "="):
            return True
        if not any(leaf.bracket for leaf in head[:-1]):
            return True
        if not self.fits(rhs.head, self.limit - 1):
            return True
        for leaf in reversed(without.head.leaves):
            if leaf.text == "=":
                break
            if leaf.bracket in _CLOSING:
                return True
        return any(leaf.text == "=" for leaf in without.head.leaves) and self.fits(without.head)

    def can_omit(self, rhs: _RightHandSplit) -> bool:
        """Whether the optional parentheses around the value can be left out (black's
        `can_omit_invisible_parens`)."""
        body = rhs.body
        found = self.delimiters(body)
        if not found:
            return True
        top = max(found.values())
        if list(found.values()).count(top) > 1:
            return False
        if top == _DOT:
            return True
        leaves = body.leaves
        if len(leaves) < 2:
            return False
        first, last = leaves[0], leaves[-1]
        if (
            first.bracket in _OPENING
            and leaves[1].bracket not in _CLOSING
            and self._can_omit_opening(body, first)
        ):
            return True
        if last.bracket in (")", "}") or (
            last.bracket == "]" and not self._is_subscript(body, last)
        ):
            if leaves[-2].bracket in _OPENING:
                return False
            if self._can_omit_closing(body, last):
                return True
        return False

    def _is_subscript(self, line: _Line, closing: _Leaf) -> bool:
        index = {leaf.key: i for i, leaf in enumerate(line.leaves)}
        start = index.get(self.partners[closing.key], 0)
        return start > 0 and _is_operand_end(line.leaves[start - 1])

    def _lengths(self, line: _Line) -> list[int]:
        return [
            width((leaf.prefix if i else "") + leaf.text + leaf.comment)
            for i, leaf in enumerate(line.leaves)
        ]

    def _can_omit_opening(self, line: _Line, first: _Leaf) -> bool:
        remainder = False
        length = width(line.indent)
        closing = None
        for leaf, size in zip(line.leaves, self._lengths(line), strict=True):
            if leaf.bracket in _CLOSING and self.partners[leaf.key] == first.key:
                remainder = True
                closing = leaf
            if remainder:
                length += size
                if length > self.limit:
                    break
                if leaf.bracket in _OPENING:
                    remainder = False
        else:
            return closing is not None and length - width(closing.text) <= self.limit
        return False

    def _can_omit_closing(self, line: _Line, last: _Leaf) -> bool:
        length = width(line.indent)
        seen_other = False
        opening = self.partners[last.key]
        for leaf, size in zip(line.leaves, self._lengths(line), strict=True):
            length += size
            if leaf.key == opening:
                if seen_other or length <= self.limit:
                    return True
            elif leaf.bracket in _OPENING:
                seen_other = True
        return False


def _step(indent: str) -> str:
    return "\t" if indent.startswith("\t") else "    "


def _tokens(code: str) -> list[_Leaf] | None:
    """The leaves of one physical line of code (no indentation); None when it is not a
    line of whole tokens."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    leaves: list[_Leaf] = []
    end = 0
    nested = 0
    start = 0
    for tok in tokens:
        if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER):
            continue
        if tok.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.ERRORTOKEN):
            return None
        if tok.start[0] != 1 or tok.end[0] != 1:
            return None
        if tok.type == _FSTRING_START:
            if not nested:
                start = tok.start[1]
            nested += 1
            continue
        if nested:
            if tok.type == _FSTRING_END:
                nested -= 1
                if not nested:
                    leaves.append(
                        _Leaf(
                            len(leaves), code[start : tok.end[1]], code[end:start], tokenize.STRING
                        )
                    )
                    end = tok.end[1]
            continue
        if tok.type == tokenize.COMMENT:
            if not leaves or leaves[-1].comment:
                return None
            leaves[-1] = replace(leaves[-1], comment=code[end : tok.end[1]])
            end = tok.end[1]
            continue
        kind = tokenize.OP if tok.type == tokenize.OP else tok.type
        bracket = tok.string if kind == tokenize.OP and tok.string in "()[]{}" else ""
        leaves.append(
            _Leaf(len(leaves), tok.string, code[end : tok.start[1]], kind, bracket=bracket)
        )
        end = tok.end[1]
    return leaves if leaves and not nested and code[end:].strip() == "" else None


def _pair(leaves: list[_Leaf]) -> dict[int, int] | None:
    partners: dict[int, int] = {}
    stack: list[_Leaf] = []
    for leaf in leaves:
        if leaf.bracket in _OPENING:
            stack.append(leaf)
        elif leaf.bracket in _CLOSING:
            if not stack or _OPENING[stack[-1].bracket] != leaf.bracket:
                return None
            opening = stack.pop()
            partners[opening.key] = leaf.key
            partners[leaf.key] = opening.key
    return partners if not stack else None


def _top_level(leaves: list[_Leaf]) -> Iterator[tuple[int, _Leaf]]:
    """The leaves outside any brackets, with their index."""
    depth = 0
    for i, leaf in enumerate(leaves):
        if leaf.bracket in _CLOSING:
            depth -= 1
        if depth == 0 and not leaf.bracket:
            yield i, leaf
        if leaf.bracket in _OPENING:
            depth += 1


def _value_span(leaves: list[_Leaf]) -> tuple[int, int] | None:
    """Where black puts invisible parentheses in a statement: around the value of an
    assignment or `return`, the test of `assert`, the condition of `if`/`elif`/`while`, the
    iterable of `for`."""
    first = leaves[0]
    header = leaves[-1].text == ":"
    if _is_name(first, "return"):
        return 1, len(leaves)
    if _is_name(first, "assert"):  # its test (the message: `_assert_message`)
        commas = [i for i, leaf in _top_level(leaves) if leaf.text == ","]
        return 1, commas[0] if commas else len(leaves)
    if _is_name(first, "if", "elif", "while") and header:
        return 1, len(leaves) - 1
    if _is_name(first, "for") and header:
        starts = [i + 1 for i, leaf in _top_level(leaves) if _is_name(leaf, "in")]
        return (starts[0], len(leaves) - 1) if starts else None
    if keyword.iskeyword(first.text):
        return None
    span = None
    for i, leaf in _top_level(leaves):
        if _is_name(leaf, "lambda"):
            break
        if leaf.kind == tokenize.OP and leaf.text in _ASSIGNMENTS:
            span = (i + 1, len(leaves))
    return span


def _with_optional_parens(leaves: list[_Leaf], span: tuple[int, int] | None = None) -> list[_Leaf]:
    """`leaves` of a statement with black's invisible parentheses around `span` (by default
    `_value_span`)."""
    span = _value_span(leaves) if span is None else span
    if span is None or span[0] >= span[1]:
        return leaves
    start, end = span
    inner = leaves[start:end]
    partners = _pair(inner) or {}
    if inner[0].bracket == "(" and partners.get(inner[0].key) == inner[-1].key:
        return leaves  # already in parentheses
    if any(_is_name(leaf, "yield") for leaf in inner):
        return leaves
    opening = _Leaf(len(leaves), "", inner[0].prefix, bracket="(")
    closing = _Leaf(len(leaves) + 1, "", "", bracket=")", comment=inner[-1].comment)
    inner[0] = replace(inner[0], prefix="")
    inner[-1] = replace(inner[-1], comment="")
    return [*leaves[:start], opening, *inner, closing, *leaves[end:]]


# Keywords that may start a statement this splits (others: a def, an import, `async`, ...).
# Not `del`: black's parentheses around its targets make them one tuple, another syntax tree.
_SPLIT_KEYWORDS = frozenset(
    ("return", "if", "elif", "while", "for", "with", "assert", "raise", "await", "yield")
)


def _split_line(line: str, inside: bool, limit: int, newline: str) -> str | None:
    """The one physical line `line` (a statement, or whole elements inside brackets when
    `inside`) split as black would; None when it is not a line this can split."""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    leaves = _tokens(line[len(indent) :])
    if leaves is None or _pair(leaves) is None:
        return None
    if any(leaf.text == ";" and leaf.kind == tokenize.OP for leaf in leaves):
        return None
    if any(a.kind == b.kind == tokenize.STRING for a, b in itertools.pairwise(leaves)):
        return None  # ruff joins implicitly concatenated strings: not reproduced here
    is_def = _is_name(leaves[0], "def") or (
        _is_name(leaves[0], "async") and len(leaves) > 1 and _is_name(leaves[1], "def")
    )
    decorator = not inside and leaves[0].text == "@"
    if not inside and not is_def and not decorator:
        first = leaves[0]
        if _is_name(first, "async") and len(leaves) > 1 and _is_name(leaves[1], "with"):
            first = leaves[1]  # `async with` splits as `with` does
        if keyword.iskeyword(first.text) and first.text not in _SPLIT_KEYWORDS:
            return None
        colons = [i for i, leaf in _top_level(leaves) if leaf.text == ":"]
        if first.text in _SPLIT_KEYWORDS and colons and colons[0] != len(leaves) - 1:
            return None  # a compound statement with its body on the same line
        message = _assert_message(indent, leaves, limit) if _is_name(first, "assert") else None
        if message is not None:
            return newline.join(str(part) for part in message)
        leaves = _with_optional_parens(leaves)
    splitter = _Splitter(limit, _pair(leaves) or {})
    try:
        lines = splitter.transform(_Line(indent, tuple(leaves), inside, is_def=is_def))
    except _Unsupported:
        return None
    return newline.join(str(part) for part in lines) if len(lines) > 1 else None


def _assert_message(indent: str, leaves: list[_Leaf], limit: int) -> list[_Line] | None:
    """An assert statement split in the parentheses `ruff format` puts around its message,
    where the test fits before them on the first line (the message may still be too long);
    None otherwise (then its test is split)."""
    commas = [i for i, leaf in _top_level(leaves) if leaf.text == ","]
    if not commas:
        return None
    comma = leaves[commas[0]].key
    leaves = _with_optional_parens(leaves, (commas[0] + 1, len(leaves)))
    splitter = _Splitter(limit, _pair(leaves) or {})
    try:
        lines = splitter.transform(_Line(indent, tuple(leaves), False), force=True)
    except _Unsupported:
        return None
    first = lines[0]
    fits = splitter.fits(first) and any(leaf.key == comma for leaf in first.leaves)
    return lines if fits else None


def one_line(code: str) -> str | None:
    """`code` (a statement or an expression over several lines, within brackets) written on
    one line, as black joins it before splitting it again: no space after an opening bracket
    or before a closing one, one space elsewhere between lines. None where it holds a comment
    or a string over several lines, or does not tokenize."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    skipped = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    pieces: list[str] = []
    previous: tokenize.TokenInfo | None = None
    for tok in tokens:
        if tok.type in skipped:
            continue
        if tok.type == tokenize.COMMENT or tok.start[0] != tok.end[0]:
            return None
        if previous is not None:
            if previous.end[0] == tok.start[0]:
                pieces.append(tok.line[previous.end[1] : tok.start[1]])
            elif previous.string not in "([{" and tok.string not in ")]}":
                pieces.append(" ")
        pieces.append(tok.string)
        previous = tok
    return "".join(pieces)


def _joined_statement(
    lines: list[str], tree: ast.Module, row: int, limit: int, newline: str
) -> tuple[int, int, str] | None:
    """The simple statement over several lines that holds line `row` (a long line that is
    neither a whole statement nor whole elements in brackets: `return OpenAI(...).chat.
    completions.create(` above its arguments), written on one line and split as black would
    split that: (its first line, its last, the new text). None where it holds a comment, a
    string over several lines or a backslash, or where it is a compound statement's header."""
    blocks = _statement_blocks(tree.body, lines)
    firsts = [first for first, _last, _ in blocks or ()]
    at = bisect.bisect_right(firsts, row) - 1
    if blocks is None or at < 0 or blocks[at][1] < row:
        return None
    first, last, statements = _inner_block(blocks[at], row, lines)
    if len(statements) != 1 or hasattr(statements[0], "body") or first == last:
        return None
    if any(_body(line).endswith("\\") for line in lines[first - 1 : last - 1]):
        return None  # black leaves a backslash's lines as they are
    one = one_line("".join(lines[first - 1 : last]))
    if one is None:
        return None
    body = _body(lines[first - 1])
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    joined = indent + one
    split = _split_line(joined, False, limit, newline)
    if split is None and width(joined) > limit:
        return None
    return first, last, split if split is not None else joined


def _line_contexts(text: str) -> dict[int, bool]:
    """For each line (1-based) that holds whole tokens and is a whole statement or whole
    elements inside brackets: whether it lies inside brackets."""
    return _contexts(text) or {}


def _contexts(text: str, first: int = 1) -> dict[int, bool] | None:
    """`_line_contexts` of `text` taken as lines from line `first` on; None when it does
    not tokenize."""
    contexts: dict[int, bool] = {}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    depth = 0
    nested = 0
    at_start = True  # the next token starts a logical line
    starts: dict[int, tuple[int, bool]] = {}
    ends: dict[int, int] = {}  # the bracket depth after the last token of a line
    complete: set[int] = set()  # lines where a logical line ends
    for tok in tokens:
        row = tok.start[0]
        if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            continue
        if tok.type == tokenize.NEWLINE:
            at_start = True
            complete.add(row)
            continue
        if row not in starts:
            starts[row] = (depth, at_start)
        at_start = False
        if tok.type == _FSTRING_START:
            nested += 1
        elif tok.type == _FSTRING_END:
            nested -= 1
        elif not nested and tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif not nested and tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        if tok.end[0] != row:
            starts[row] = (-1, False)  # a token that spans lines
        ends[tok.end[0]] = depth
    shift = first - 1
    for row, (level, statement) in starts.items():
        if level < 0:
            continue
        if level == 0 and statement and row in complete and ends.get(row) == 0:
            contexts[row + shift] = False
        elif level > 0 and ends.get(row) == level:
            contexts[row + shift] = True
    return contexts


def _statement_blocks(
    statements: list[ast.stmt], lines: list[str]
) -> list[tuple[int, int, list[ast.stmt]]] | None:
    """The lines (first, last) of a block's statements, those sharing a line (or joined
    by a backslash) taken together, with those statements: each begins where the tokenizer
    begins a logical line afresh, at the bracket depth 0. None when the first is continued."""
    blocks: list[tuple[int, int, list[ast.stmt]]] = []
    for node in statements:
        first, last = _statement_extent(node)
        continued = first > 1 and _body(lines[first - 2]).endswith("\\")
        if blocks and (first <= blocks[-1][1] or continued):
            previous = blocks[-1]
            blocks[-1] = (previous[0], max(last, previous[1]), [*previous[2], node])
        elif continued:
            return None
        else:
            blocks.append((first, last, [node]))
    return blocks


def _inner_block(
    block: tuple[int, int, list[ast.stmt]], row: int, lines: list[str]
) -> tuple[int, int, list[ast.stmt]]:
    """The innermost block of statements in `block` (one statement's lines) that holds
    line `row` and whose lines tokenize alone as they do in `block`: a block of a compound
    statement's body (or of its else, finally, handlers or cases) that starts a line of
    its own, not on its header's line (`if x: y = 1`) or continued from the line above."""
    while len(block[2]) == 1:
        statement = block[2][0]
        bodies = [
            value
            for name in ("body", "orelse", "finalbody")
            if isinstance(value := getattr(statement, name, None), list)
        ]
        bodies += [handler.body for handler in getattr(statement, "handlers", ())]
        bodies += [case.body for case in getattr(statement, "cases", ())]
        inner = None
        for body in bodies:
            for candidate in _statement_blocks(body, lines) or ():
                if candidate[0] <= row <= candidate[1]:
                    inner = candidate
                    break
        if inner is None:
            return block
        head = inner[2][0]
        if (
            not getattr(head, "decorator_list", None)
            and lines[inner[0] - 1][: head.col_offset].strip()
        ):
            return block  # on its header's line
        block = inner
    return block


def _contexts_of_rows(
    text: str, lines: list[str], tree: ast.Module, rows: list[int]
) -> dict[int, bool]:
    """`_line_contexts(text)` for the lines `rows` (others may be missing), tokenizing only
    the innermost statements that hold them (see `_inner_block`). A line outside every
    statement holds no token but comments; inside one, the tokens are those of the
    statement's lines alone."""
    blocks = None if _has_lone_cr(text) else _statement_blocks(tree.body, lines)
    if blocks is None:
        return _line_contexts(text)
    firsts = [first for first, _last, _ in blocks]
    starts = list(itertools.accumulate((len(line) for line in lines), initial=0))
    contexts: dict[int, bool] = {}
    done: set[tuple[int, int]] = set()
    for row in rows:
        at = bisect.bisect_right(firsts, row) - 1
        if at < 0 or blocks[at][1] < row:
            continue
        first, last, _ = _inner_block(blocks[at], row, lines)
        if (first, last) in done:
            continue
        done.add((first, last))
        found = _contexts(text[starts[first - 1] : starts[last]], first)
        if found is None:
            return _line_contexts(text)
        contexts.update(found)
    return contexts


def _place(node: ast.stmt) -> tuple[int, int, int, int, int, int]:
    """Where a statement's tokens begin (at its first decorator) and end, and its own line
    and column: the positions `_same_tree` compares."""
    decorators = getattr(node, "decorator_list", None)
    head = decorators[0] if decorators else node
    return (
        head.lineno,
        head.col_offset,
        node.lineno,
        node.col_offset,
        node.end_lineno or node.lineno,
        node.end_col_offset or 0,
    )


def _same_tree(old: ast.Module, new: ast.Module, added: dict[int, int], cr: bool) -> bool:
    """Whether `new`, the module `old` with `added[row]` line breaks added inside line `row`
    (1-based, LF-separated) and nothing else changed outside those lines, has the same
    syntax tree (`ast.dump`, positions aside).

    A statement away from the changed lines has the same text and, found at the same place
    shifted by the lines added above it, the same tree: only the statements that hold a
    changed line are compared, field by field, and in them the statements of their blocks
    the same way down to the innermost ones, which are compared whole (all of the module
    when `cr`: a lone CR makes the lines of `ast` differ from those counted here)."""
    if cr:
        return ast.dump(new) == ast.dump(old)
    rows = sorted(added)
    total = list(itertools.accumulate((added[row] for row in rows), initial=0))
    return _same_statements(old.body, new.body, rows, total)


def _same_statements(
    old: list[ast.stmt], new: list[ast.stmt], rows: list[int], total: list[int]
) -> bool:
    """`_same_tree` for the statements of one block (`rows`: the changed lines, sorted;
    `total[k]`: the lines added in the first k of them)."""
    if len(old) != len(new):
        return False
    for before, after in zip(old, new, strict=True):
        place = _place(before)
        first, last = place[0], place[4]
        at = bisect.bisect_left(rows, first)
        if at < len(rows) and rows[at] <= last:
            if not _same_fields(before, after, rows, total):
                return False
            continue
        shift = total[at]  # the lines added above the statement
        first_col, line, col, end_col = place[1], place[2], place[3], place[5]
        moved = (first + shift, first_col, line + shift, col, last + shift, end_col)
        if _place(after) != moved:
            return False
    return True


def _same_fields(before: ast.AST, after: ast.AST, rows: list[int], total: list[int]) -> bool:
    """`ast.dump(before) == ast.dump(after)` for a node holding a changed line: the same
    type and each field the same, a block of statements by `_same_statements` and a list
    of handlers or match cases (which hold blocks) item by item."""
    if type(before) is not type(after):
        return False
    for name in before._fields:
        old = getattr(before, name, None)
        new = getattr(after, name, None)
        if isinstance(old, list) and isinstance(new, list) and old and new:
            if isinstance(old[0], ast.stmt):
                if not _same_statements(old, new, rows, total):
                    return False
                continue
            if isinstance(old[0], (ast.excepthandler, ast.match_case)):
                if len(old) != len(new) or not all(
                    _same_fields(a, b, rows, total) for a, b in zip(old, new, strict=True)
                ):
                    return False
                continue
        if _dumped(old) != _dumped(new):
            return False
    return True


def _dumped(value: object) -> str:
    """A field's value as `ast.dump` writes it inside its node."""
    if isinstance(value, ast.AST):
        return ast.dump(value)
    if isinstance(value, list):
        return "[" + ", ".join(_dumped(item) for item in value) + "]"
    return repr(value)


def wrap_long_lines(before: str, after: str, limit: int, trees: Trees | None = None) -> str:
    """`after` with each line the migration changed that is longer than `limit` split as
    black would split it. Lines `before` had are left as they are; the result has the same
    syntax tree as `after`, or `after` is returned unchanged."""
    newline = newline_of(after)
    old = _split_lines(before)
    lines = _split_lines(after)
    long = [i for i in _touched(old, lines) if width(_body(lines[i])) > limit]
    if not long:
        return after
    trees = Trees(before) if trees is None else trees
    try:
        tree = trees.parse(after)
    except SyntaxError:
        return after  # nothing could have the same tree
    contexts = _contexts_of_rows(after, lines, tree, [i + 1 for i in long])
    added: dict[int, int] = {}
    joined_to = 0  # the lines of a statement laid out whole (`_joined_statement`)
    for index in long:
        if index < joined_to:
            continue
        inside = contexts.get(index + 1)
        if inside is None:
            joined = _joined_statement(lines, tree, index + 1, limit, newline)
            if joined is not None:
                first, last, whole = joined
                ending = lines[last - 1][len(_body(lines[last - 1])) :]
                lines[first - 1 : last] = [whole + ending] + [""] * (last - first)
                added[first] = whole.count("\n") - (last - first)
                joined_to = last
            continue
        line = _body(lines[index])
        split = _split_line(line, inside, limit, newline)
        if split is not None:
            lines[index] = split + lines[index][len(line) :]
            added[index + 1] = split.count("\n")
    if not added:
        return after
    text = "".join(lines)
    try:
        new = trees.parse(text)
    except SyntaxError:
        return after
    return text if _same_tree(tree, new, added, _has_lone_cr(after)) else after
