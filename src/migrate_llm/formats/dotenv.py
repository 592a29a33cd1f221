"""`.env` files: `KEY=value` lines, read the way python-dotenv and docker compose read them.

Lines that are not assignments are skipped rather than rejected: dotenv files in the wild
carry stray text, and one bad line should not hide the keys around it.
"""

from __future__ import annotations

import re

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

_ASSIGN = re.compile(r"[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "$": "$"}


_COMMENT = re.compile(r"[ \t]*#+[ \t]*")


def read(text: str) -> list[Entry]:
    return _read(text)[0]


def read_commented(text: str) -> list[Entry]:
    """The assignments commented out on lines of their own (`# OPENAI_MODEL=gpt-4o`), as an
    example file documents optional settings; one whose quoted value does not close on its
    line is none. Prose (`# Your OpenAI API key`) is not an assignment."""
    return _read(text)[1]


def _read(text: str) -> tuple[list[Entry], list[Entry]]:
    entries, commented = [], []
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        eol = _line_end(text, pos)
        match = _ASSIGN.match(text, pos, eol)
        if match is None:
            comment = _COMMENT.match(text, pos, eol)
            found = _ASSIGN.match(text, comment.end(), eol) if comment else None
            if found is not None:
                value, value_span, end = _value(text, found.end(), eol)
                if end <= eol:
                    key_span = Span(found.start(1), found.end(1))
                    name = found.group(1)
                    commented.append(Entry(name, (name,), value, key_span, value_span))
            pos = eol + 1
            continue
        start = match.end()
        value, value_span, end = _value(text, start, eol)
        key_span = Span(match.start(1), match.end(1))
        entries.append(Entry(match.group(1), (match.group(1),), value, key_span, value_span))
        pos = _line_end(text, end) + 1
    return entries, commented


def _line_end(text: str, pos: int) -> int:
    eol = text.find("\n", pos)
    return len(text) if eol == -1 else eol


def _value(text: str, start: int, eol: int) -> tuple[str, Span, int]:
    """The decoded value at `start`, its span, and where it ends (quoted values may span lines)."""
    quote = text[start : start + 1]
    if quote in ("'", '"'):
        close = _closing_quote(text, start + 1, quote)
        if close != -1:
            raw = text[start + 1 : close]
            value = _unescape(raw) if quote == '"' else raw
            return value, Span(start, close + 1), close + 1
    end = eol
    comment = re.search(r"[ \t]#", text[start:eol])
    if comment is not None:
        end = start + comment.start()
    elif text.startswith("#", start) and text[start - 1] in " \t":
        end = start
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return text[start:end], Span(start, end), end


def _closing_quote(text: str, pos: int, quote: str) -> int:
    while pos < len(text):
        char = text[pos]
        if char == quote:
            return pos
        pos += 2 if char == "\\" and quote == '"' else 1
    return -1


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), raw, flags=re.DOTALL)
