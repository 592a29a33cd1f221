"""INI files as Python's `configparser` reads them (`config.ini`, `apikey.cfg`): a `[section]`
line, then `key = value` or `key: value` lines.

A value is the rest of its line as written (configparser strips no quotes and, by default,
no trailing comment); a value continued on indented lines is kept as None (no one string to
edit). Comment lines (`#`, `;`) and lines that are none of these are passed over: a file
read by another INI dialect still gives what it shares with configparser's.
"""

from __future__ import annotations

import re

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

_SECTION = re.compile(r"[ \t]*\[(?P<name>[^\]\r\n]+)\][ \t]*\r?$")
# configparser's default delimiters are `=` and `:`; the first one on the line splits it
_OPTION = re.compile(
    r"[ \t]*(?P<key>[^\s=:;#\[][^=:\r\n]*?)[ \t]*[=:][ \t]*(?P<value>[^\r\n]*?)[ \t]*\r?$"
)
_CONTINUATION = re.compile(r"[ \t]+\S")


def read(text: str) -> list[Entry]:
    entries: list[Entry] = []
    section: tuple[str, ...] = ()
    offset = 0
    last: int | None = None  # index in `entries` of the option that a continuation extends
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if last is not None and _CONTINUATION.match(body) and not _comment(body):
            entry = entries[last]
            entries[last] = Entry(entry.key, entry.path, None, entry.key_span, None)
        elif (found := _SECTION.match(body)) is not None:
            section, last = (found.group("name").strip(),), None
        elif not _comment(body) and (option := _OPTION.match(body)) is not None:
            key = option.group("key")
            start = offset + option.start("value")
            entries.append(
                Entry(
                    key,
                    (*section, key),
                    option.group("value"),
                    Span(offset + option.start("key"), offset + option.end("key")),
                    Span(start, offset + option.end("value")),
                )
            )
            last = len(entries) - 1
        elif body.strip() and not _comment(body):
            last = None  # (a comment line between does not end a value, as in configparser)
        offset += len(line)
    return entries


def _comment(line: str) -> bool:
    return line.lstrip().startswith(("#", ";"))
