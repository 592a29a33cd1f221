"""pip requirements and constraints files: one entry per requirement line.

`key` is the normalised project name, `value` the requirement without comment or options.
Option lines (`-r`, `-e`, `--index-url`), bare URLs and local paths name no project and are
skipped, as is anything else that does not start with a project name.
"""

from __future__ import annotations

import re

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_NOT_A_NAME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|[-#./~\\]")
_ARCHIVE = re.compile(r"\.(?:whl|zip|tar\.gz|tgz)$", re.IGNORECASE)
# pip's rules: a comment starts at `#` after whitespace; ` --opt` ends the requirement.
_TAIL = re.compile(r"[ \t](?:#|--?[A-Za-z])")


def normalize(name: str) -> str:
    """PEP 503 normalisation: `Open_AI.x` -> `open-ai-x`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read(text: str) -> list[Entry]:
    entries = []
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        end = _logical_line_end(text, pos)
        entry = _entry(text, pos, end)
        if entry is not None:
            entries.append(entry)
        pos = end + 1
    return entries


def _logical_line_end(text: str, pos: int) -> int:
    """End of the line at `pos`, following `\\` continuations."""
    while True:
        eol = text.find("\n", pos)
        if eol == -1:
            return len(text)
        if not text[pos:eol].rstrip("\r").endswith("\\"):
            return eol
        pos = eol + 1


def _entry(text: str, start: int, end: int) -> Entry | None:
    while start < end and text[start] in " \t":
        start += 1
    tail = _TAIL.search(text, start, end)
    if tail is not None:
        end = tail.start()
    while end > start and text[end - 1] in " \t\r\n\\":
        end -= 1
    if start == end or _NOT_A_NAME.match(text, start, end):
        return None
    name = _NAME.match(text, start, end)
    if name is None or _ARCHIVE.search(name.group(0)):
        return None
    value = re.sub(r"\\\r?\n", " ", text[start:end])
    value = " ".join(value.split())
    key = normalize(name.group(0))
    return Entry(key, (key,), value, Span(name.start(), name.end()), Span(start, end))
