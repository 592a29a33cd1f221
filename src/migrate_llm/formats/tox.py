"""tox's test environments in `tox.ini`, and in a `setup.cfg` that holds a `[tox:tox]` section:
the variables a `[testenv]` or `[testenv:NAME]` section passes on from the host (`passenv`,
`pass_env`) or sets (`setenv`, `set_env`), one item a name, with where an item added beside
it goes.

Read as tox reads its INI: an option's value runs on over indented lines; a line of it may
start with a factor condition (`py311: `); `#` at a line's start or after a space starts a
comment; `passenv` names are separated by commas (tox 4) or spaces (tox 3), `setenv` holds
one `NAME = value` a line. A name passed by a glob (`OPENAI_*`) or a substitution
(`{[testenv]passenv}`) is an item too, as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

PASS, SET = "passenv", "setenv"
_OPTIONS = {"passenv": PASS, "pass_env": PASS, "setenv": SET, "set_env": SET}
_SECTION = re.compile(r"[ \t]*\[(?P<name>[^\]\r\n]+)\][ \t]*$")
_OPTION = re.compile(r"(?P<key>[^\s=:;#\[][^=:\r\n]*?)[ \t]*[=:][ \t]*")
_TOX_SETUP = re.compile(r"^[ \t]*\[tox:tox\]", re.MULTILINE)
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")
_FACTORS = re.compile(r"[!\w.,{}+-]+:[ \t]+")
_NAME = re.compile(r"[^\s,]+")
_SETTING = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*")
# the indentation of a line added after an option's first line, where none follows it
_INDENT = "    "


@dataclass(frozen=True)
class ToxItem:
    """One variable a test environment passes on or sets.

    `entry`: its name as `key` (`key_span`: the name as written), the section and option as
    `path` (`("testenv:py311", "passenv")`), and for `setenv` its value and where that
    stands. An item added beside it is inserted at `insert_at`, after `joiner`: `, ` or ` `
    among several names on one line, else a line break with the line's indentation and
    factor condition (`setenv` has one setting a line).
    """

    entry: Entry
    insert_at: int
    joiner: str

    @property
    def section(self) -> str:
        return self.entry.path[0]

    @property
    def option(self) -> str:
        return self.entry.path[1]


def is_tox_file(path: str) -> bool:
    """Whether tox may read `path` (a file name or path): `tox.ini` or `setup.cfg`."""
    return path.replace("\\", "/").rsplit("/", 1)[-1].lower() in ("tox.ini", "setup.cfg")


def read(path: str, text: str) -> list[ToxItem]:
    """The items of the test environments of `text`, read as `path`; none where tox does not
    read it (another file, a `setup.cfg` without `[tox:tox]`)."""
    if not is_tox_file(path):
        return []
    if path.lower().endswith("setup.cfg") and _TOX_SETUP.search(text) is None:
        return []
    items: list[ToxItem] = []
    for section, option, lines in _options(text):
        indent = next((text[s:v] for s, v, _, first in lines if not first), _INDENT)
        for start, value, end, first in lines:
            prefix = indent if first else text[start:value]
            items += _items(text, section, option, value, end, prefix)
    return items


def _options(text: str) -> list[tuple[str, str, list[tuple[int, int, int, bool]]]]:
    """The `passenv` and `setenv` options of the test environment sections, each with its
    value's lines: (line start, value start, end of its content, whether it is the option's
    own line)."""
    found: list[tuple[str, str, list[tuple[int, int, int, bool]]]] = []
    section = ""
    current: list[tuple[int, int, int, bool]] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        stripped = body.lstrip()
        if not stripped or stripped.startswith(("#", ";")):
            continue  # a blank or comment line does not end a value
        if body[0] in " \t":
            if current is not None:
                current.append((start, start + len(body) - len(stripped), start + len(body), False))
            continue
        current = None
        heading = _SECTION.match(body)
        if heading is not None:
            section = heading.group("name").strip()
            continue
        option = _OPTION.match(body)
        if option is None or not (section == "testenv" or section.startswith("testenv:")):
            continue
        kind = _OPTIONS.get(option.group("key").lower())
        if kind is not None:
            current = [(start, start + option.end(), start + len(body), True)]
            found.append((section, kind, current))
    return found


def _items(
    text: str, section: str, option: str, value: int, end: int, prefix: str
) -> list[ToxItem]:
    """The items on one line of an option's value (from `value` to `end`); `prefix`: the
    indentation a line added after it takes."""
    comment = _COMMENT.search(text, value, end)
    end = comment.start() if comment is not None else end
    factors = _FACTORS.match(text, value, end)
    start = factors.end() if factors is not None else value
    newline = _newline(text, end)
    eol = text.find("\n", end)
    eol = len(text) if eol == -1 else eol - (text[eol - 1] == "\r")
    joiner = newline + prefix + text[value:start]
    path = (section, option)
    if option == SET:
        setting = _SETTING.match(text, start, end)
        if setting is None:
            return []  # `file|.env`, a substitution
        raw = text[setting.end() : end].rstrip()
        value_span = Span(setting.end(), setting.end() + len(raw))
        name_span = Span(setting.start("name"), setting.end("name"))
        entry = Entry(setting.group("name"), path, raw, name_span, value_span)
        return [ToxItem(entry, eol, joiner)]
    names = list(_NAME.finditer(text, start, end))
    between = ", " if "," in text[start:end] else " "
    return [
        ToxItem(
            Entry(name.group(), path, None, Span(name.start(), name.end()), None),
            eol if len(names) == 1 else name.end(),
            joiner if len(names) == 1 else between,
        )
        for name in names
    ]


def _newline(text: str, at: int) -> str:
    """The line break of the line holding `at`, or the file's where that line has none."""
    eol = text.find("\n", at)
    if eol == -1:
        return "\r\n" if "\r\n" in text else "\n"
    return "\r\n" if text[eol - 1 : eol] == "\r" else "\n"
