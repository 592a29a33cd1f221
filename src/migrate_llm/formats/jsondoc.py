"""JSON files: validated by `json.loads`, then tokenized to find each key and string's span.

A config file written as JSON with comments (`//` and `/* */`) and trailing commas, as
VS Code's, TypeScript's and many applications' settings are, is read with those blanked
out: same length, same line breaks, so every span is a span of the file as written, and an
edit leaves its comments where they were.
"""

from __future__ import annotations

import json
import re

from migrate_llm.formats import FormatError
from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

# JSON's tokens, for text `json.loads` has accepted (the notebook reader uses them too). A
# string is written as runs of plain characters between escapes: `(?:[^"\\]|\\.)*` would
# cost the regular expression engine a saved state per character (300 MB and 0.5 s for a
# notebook holding a 3 MB image).
STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
SPACE = re.compile(r"[ \t\r\n]*")
SCALAR = re.compile(r"[^\s,\]}]+")
# what `_blanked` reads: a string (kept), a comment, or a comma before a closing bracket
# (comments between them); however the lookahead backtracks, a `//` comment runs to the end
# of its line (`"users": [], // e.g. [["u", "p"]]` keeps its comma: the `]`s are the
# comment's) and a block comment to its first `*/`
_COMMENT = r"//[^\n]*(?![^\n])|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/"
_COMMENTED = re.compile(
    rf"{STRING.pattern}|{_COMMENT}|,(?=(?:[ \t\r\n]+|{_COMMENT})*[\]}}])", re.DOTALL
)


def read(text: str) -> list[Entry]:
    start = 1 if text.startswith("\ufeff") else 0
    try:
        try:
            json.loads(text[start:])
        except json.JSONDecodeError as exc:
            blanked = _blanked(text)
            try:
                json.loads(blanked[start:])
            except json.JSONDecodeError:
                raise exc from None  # where the file as written goes wrong
            text = blanked
        reader = _Reader(text, start)
        reader.value(None, (), None)
    except json.JSONDecodeError as exc:
        raise FormatError(exc.msg, exc.lineno) from None
    except RecursionError:
        raise FormatError("nested too deeply to read") from None
    return reader.entries


def _blanked(text: str) -> str:
    """`text` with its comments, and the commas before a closing bracket, written as spaces
    (a comment's line breaks stay)."""
    if "/" not in text and "," not in text:
        return text
    return _COMMENTED.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith('"'):
        return found
    return re.sub(r"[^\n]", " ", found)


def match_at(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    """`pattern` at `pos`, where it always matches: `json.loads` has accepted the text."""
    match = pattern.match(text, pos)
    assert match is not None
    return match


class _Reader:
    """Recursive descent over text that `json.loads` has already accepted."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos
        self.entries: list[Entry] = []

    def skip(self) -> str:
        self.pos = match_at(SPACE, self.text, self.pos).end()
        return self.text[self.pos : self.pos + 1]

    def string(self) -> tuple[str, Span]:
        match = match_at(STRING, self.text, self.pos)
        self.pos = match.end()
        return json.loads(match.group(0)), Span(match.start(), match.end())

    def value(self, key: str | None, path: tuple[str, ...], key_span: Span | None) -> None:
        char = self.skip()
        if char == '"':
            decoded, span = self.string()
            self.entries.append(Entry(key, path, decoded, key_span, span))
            return
        if key_span is not None:
            self.entries.append(Entry(key, path, None, key_span, None))
        if char == "{":
            self.pos += 1
            while self.skip() != "}":
                name, name_span = self.string()
                self.skip()
                self.pos += 1  # the colon
                self.value(name, (*path, name), name_span)
                if self.skip() == ",":
                    self.pos += 1
            self.pos += 1
        elif char == "[":
            self.pos += 1
            index = 0
            while self.skip() != "]":
                self.value(key, (*path, str(index)), None)
                index += 1
                if self.skip() == ",":
                    self.pos += 1
            self.pos += 1
        else:
            self.pos = match_at(SCALAR, self.text, self.pos).end()
