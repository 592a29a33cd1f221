"""TOML files: validated by tomllib, then scanned for the position of every key and string.

tomllib gives values but no positions, so a small scanner walks the (already valid) text:
table headers, dotted keys, strings of all four kinds, arrays and inline tables. String tokens
are decoded by tomllib itself, so escapes and multi-line rules need no code of their own.
"""

from __future__ import annotations

import re
import sys

from migrate_llm.formats import FormatError
from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^\s,\]}#]+")
_AT_LINE = re.compile(r"at line (\d+)")
# one-line strings: a basic one (escapes allowed) and a literal one
_BASIC = re.compile(r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"')  # runs between escapes (see jsondoc)
_LITERAL = re.compile(r"'[^'\r\n]*'")


def read(text: str) -> list[Entry]:
    start = 1 if text.startswith("\ufeff") else 0
    try:
        tomllib.loads(text[start:])
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(str(exc), _error_line(exc, text)) from None
    scanner = _Scanner(text, start)
    scanner.run()
    return scanner.entries


def _error_line(exc: tomllib.TOMLDecodeError, text: str) -> int | None:
    line = getattr(exc, "lineno", None)
    if isinstance(line, int):
        return line
    match = _AT_LINE.search(str(exc))
    if match:
        return int(match.group(1))
    if "end of document" in str(exc):
        return text.count("\n") + 1
    return None


class _Unexpected(Exception):
    """The scanner met something it does not follow; it skips the rest of the line."""


class _Scanner:
    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos
        self.entries: list[Entry] = []
        self.table: tuple[str, ...] = ()
        self.arrays: dict[tuple[str, ...], int] = {}  # [[header]] -> index of its current table

    def run(self) -> None:
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                return
            line_start = self.pos
            try:
                if self.peek() == "[":
                    self.header()
                else:
                    self.key_value(self.table)
            except _Unexpected:
                pass
            self.skip()
            if self.pos < len(self.text) and self.peek() not in "\r\n":
                self.pos = max(self.pos, line_start + 1)
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end == -1 else end

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def skip(self, newlines: bool = False) -> None:
        """Skip spaces and comments (and newlines, if asked)."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t" or (newlines and char in "\r\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end == -1 else end
            else:
                return

    def expect(self, token: str) -> None:
        if not self.text.startswith(token, self.pos):
            raise _Unexpected
        self.pos += len(token)

    def header(self) -> None:
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        parts = tuple(name for name, _ in self.keys())
        self.expect("]]" if is_array else "]")
        if is_array:
            self.arrays[parts] = self.arrays.get(parts, -1) + 1
            for nested in [k for k in self.arrays if k[: len(parts)] == parts and k != parts]:
                del self.arrays[nested]
        resolved: list[str] = []
        for i, part in enumerate(parts):
            resolved.append(part)
            if parts[: i + 1] in self.arrays:
                resolved.append(str(self.arrays[parts[: i + 1]]))
        self.table = tuple(resolved)

    def keys(self) -> list[tuple[str, Span]]:
        """A dotted key: each part with the span of its token."""
        parts = []
        while True:
            self.skip()
            start = self.pos
            if self.peek() in ("'", '"'):
                name = self.string()
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                if match is None:
                    raise _Unexpected
                name, self.pos = match.group(0), match.end()
            parts.append((name, Span(start, self.pos)))
            self.skip()
            if self.peek() != ".":
                return parts
            self.pos += 1

    def key_value(self, prefix: tuple[str, ...]) -> None:
        parts = self.keys()
        self.expect("=")
        self.skip()
        name, key_span = parts[-1]
        self.value(name, (*prefix, *(p for p, _ in parts)), key_span)

    def value(self, key: str, path: tuple[str, ...], key_span: Span | None) -> None:
        start = self.pos
        char = self.peek()
        if char in ("'", '"'):
            decoded = self.string()
            self.entries.append(Entry(key, path, decoded, key_span, Span(start, self.pos)))
            return
        if key_span is not None:
            self.entries.append(Entry(key, path, None, key_span, None))
        if char == "[":
            self.array(key, path)
        elif char == "{":
            self.inline_table(path)
        else:
            match = _SCALAR.match(self.text, self.pos)
            if match is None:
                raise _Unexpected
            self.pos = match.end()

    def array(self, key: str, path: tuple[str, ...]) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip(newlines=True)
            if self.peek() == "]":
                self.pos += 1
                return
            self.value(key, (*path, str(index)), None)
            index += 1
            self.skip(newlines=True)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "]":
                raise _Unexpected

    def inline_table(self, path: tuple[str, ...]) -> None:
        self.pos += 1
        while True:
            self.skip(newlines=True)
            if self.peek() == "}":
                self.pos += 1
                return
            self.key_value(path)
            self.skip(newlines=True)
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != "}":
                raise _Unexpected

    def string(self) -> str:
        """Consume one string token of any kind and return its decoded value."""
        text, start = self.text, self.pos
        quote = text[start]
        if text.startswith(quote * 3, start):
            end = self._multiline_end(start + 3, quote)
        else:
            token = (_BASIC if quote == '"' else _LITERAL).match(text, start)
            if token is None:
                raise _Unexpected
            self.pos = end = token.end()
            body = text[start + 1 : end - 1]
            # nothing to decode: a literal string, or a basic one without escapes (the whole
            # text is valid TOML, so this is the token's value)
            if quote == "'" or "\\" not in body:
                return body
        if end > len(text):
            raise _Unexpected
        self.pos = end
        try:
            return tomllib.loads("v = " + text[start:end])["v"]
        except tomllib.TOMLDecodeError:
            raise _Unexpected from None

    def _multiline_end(self, pos: int, quote: str) -> int:
        text = self.text
        while pos < len(text):
            if quote == '"' and text[pos] == "\\":
                pos += 2
            elif text.startswith(quote * 3, pos):
                run = 3
                while run < 5 and text.startswith(quote, pos + run):
                    run += 1
                return pos + run
            else:
                pos += 1
        raise _Unexpected
