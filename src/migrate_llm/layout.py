"""How generated code is laid out: the file's newline, the project's line length, wrapping.

Generated code must pass the project's own linters: lines the migration changed are wrapped to
the line length the project configures for ruff or black (88 when it sets none), in the style
black would choose, and every newline written into a file is the file's own. Untouched lines
are never reformatted.
"""

from __future__ import annotations

import ast
import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

DEFAULT_LINE_LENGTH = 88
_LONE_LF = re.compile(r"(?<!\r)\n")
_MAX_PASSES = 8  # a wrap may leave an argument line that needs one more


def newline_of(text: str) -> str:
    """The newline of `text`: that of its first line (LF for a single line)."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def with_newline(text: str, newline: str) -> str:
    """`text` with each LF that is not part of a CRLF written as `newline`."""
    return _LONE_LF.sub(newline, text) if newline != "\n" and "\n" in text else text


# -- the configured line length ---------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, object] | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def _length(value: object) -> int | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 1000
    return value if ok else None  # type: ignore[return-value]


def _configured_here(directory: Path) -> int | None:
    """The line length the config files in `directory` set; DEFAULT_LINE_LENGTH when one
    configures ruff or black without one; None when there is no such file here."""
    sections: list[dict[str, object]] = []
    for name in (".ruff.toml", "ruff.toml"):
        data = _read_toml(directory / name) if (directory / name).is_file() else None
        if data is not None:
            sections.append(data)
    pyproject = directory / "pyproject.toml"
    data = _read_toml(pyproject) if pyproject.is_file() else None
    tool = data.get("tool") if data is not None else None
    if isinstance(tool, dict):
        sections += [tool[k] for k in ("ruff", "black") if isinstance(tool.get(k), dict)]
    for section in sections:
        length = _length(section.get("line-length"))
        if length is not None:
            return length
    return DEFAULT_LINE_LENGTH if sections else None


class LineLengths:
    """The configured line length for files, looked up once per directory: `line-length` of
    ruff (`.ruff.toml`, `ruff.toml`, `[tool.ruff]`) or black (`[tool.black]`) in the
    nearest directory above that configures either, else 88."""

    def __init__(self) -> None:
        self._cache: dict[Path, int] = {}

    def for_file(self, path: Path) -> int:
        return self.for_directory(path.resolve().parent)

    def for_directory(self, directory: Path) -> int:
        directory = directory.resolve()
        seen: list[Path] = []
        length = DEFAULT_LINE_LENGTH
        current = directory
        while True:
            if current in self._cache:
                length = self._cache[current]
                break
            seen.append(current)
            found = _configured_here(current)
            if found is not None:
                length = found
                break
            if current.parent == current:
                break
            current = current.parent
        for path in seen:
            self._cache[path] = length
        return length


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
    """Indices of the lines of `after` that are not lines of `before` kept as they were."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            yield from range(j1, j2)


def _char_col(line: str, byte_col: int) -> int:
    """`ast` columns count UTF-8 bytes; the character column of `byte_col` in `line`."""
    if line.isascii():
        return byte_col
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))


def _calls_by_line(tree: ast.AST) -> dict[int, list[ast.Call]]:
    """Calls that lie on one line, by line; none inside f-strings (a newline there is an
    error before Python 3.12)."""
    found: dict[int, list[ast.Call]] = {}
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.JoinedStr):
            continue
        if (
            isinstance(node, ast.Call)
            and node.lineno == node.end_lineno
            and (node.args or node.keywords)
            and not any(isinstance(a, ast.GeneratorExp) for a in node.args)
        ):
            found.setdefault(node.lineno, []).append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _split_call(line: str, call: ast.Call, limit: int, newline: str) -> str | None:
    """The one-line `call` in `line` split over lines as black would: the arguments on one
    indented line when that fits (or when there is one), else one per line with a trailing
    comma. None when the call's text is not plain enough to split safely."""
    items: list[ast.AST] = sorted([*call.args, *call.keywords], key=lambda n: n.col_offset)
    spans = [(_char_col(line, n.col_offset), _char_col(line, n.end_col_offset)) for n in items]
    func_end = _char_col(line, call.func.end_col_offset)  # type: ignore[arg-type]
    close = _char_col(line, call.end_col_offset) - 1  # type: ignore[arg-type]
    opening = line.find("(", func_end)
    if opening < 0 or line[func_end:opening].strip() or line[close] != ")":
        return None
    gaps = [line[opening + 1 : spans[0][0]]]
    gaps += [line[a[1] : b[0]] for a, b in itertools.pairwise(spans)]
    last = line[spans[-1][1] : close]
    if gaps[0].strip() or any(g.strip() != "," for g in gaps[1:]) or last.strip() not in ("", ","):
        return None  # parentheses around an argument, or something else not plain
    args = [line[a:b] for a, b in spans]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    inner = indent + ("\t" if indent.startswith("\t") else "    ")
    hug = inner + ", ".join(args)
    # One argument stays on its line however long (its own brackets split next); several go
    # one per line when they do not fit on one, or when a trailing comma says so.
    fits = len(args) == 1 or width(hug) <= limit
    body = [hug] if fits and last.strip() != "," else [inner + a + "," for a in args]
    return newline.join([line[: opening + 1], *body, indent + line[close:]])


def _string_lines(tree: ast.AST) -> set[int]:
    """Lines (1-based) that continue a string spanning several lines."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.end_lineno != node.lineno:
            inside.update(range(node.lineno + 1, (node.end_lineno or node.lineno) + 1))
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


def collapse_blank_lines(before: str, after: str) -> str:
    """`after` with runs of blank lines longer than two (the most PEP 8 allows) cut to two,
    when `before` had no run that long: deleted statements can leave them."""
    try:
        old, new = ast.parse(before), ast.parse(after)
    except SyntaxError:
        return after
    old_lines = _split_lines(before)
    longest = max((b - a for a, b in _blank_runs(old_lines, _string_lines(old))), default=0)
    allowed = max(longest, 2)
    lines = _split_lines(after)
    runs = [(a, b) for a, b in _blank_runs(lines, _string_lines(new)) if b - a > allowed]
    if not runs:
        return after
    for start, end in reversed(runs):
        del lines[start + allowed : end]
    return "".join(lines)


def wrap_long_lines(before: str, after: str, limit: int) -> str:
    """`after` with each line the migration changed that is longer than `limit` wrapped at
    the call that closes last on it. Lines `before` had are left as they are; the result
    parses, or `after` is returned unchanged."""
    newline = newline_of(after)
    old = _split_lines(before)
    kept = set(old)
    if not any(width(_body(line)) > limit for line in _split_lines(after) if line not in kept):
        return after
    text = after
    for _ in range(_MAX_PASSES):
        lines = _split_lines(text)
        long = [i for i in _touched(old, lines) if width(_body(lines[i])) > limit]
        if not long:
            break
        try:
            calls = _calls_by_line(ast.parse(text))
        except SyntaxError:
            break
        changed = False
        for index in long:
            candidates = calls.get(index + 1)
            if not candidates:
                continue
            call = max(candidates, key=lambda c: (c.end_col_offset, -c.col_offset))
            line = _body(lines[index])
            split = _split_call(line, call, limit, newline)
            if split is not None:
                lines[index] = split + lines[index][len(line) :]
                changed = True
        if not changed:
            break
        candidate = "".join(lines)
        try:
            ast.parse(candidate)
        except SyntaxError:
            break
        text = candidate
    return text
