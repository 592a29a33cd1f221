"""Jupyter notebooks: cells read with their exact place in the JSON text, and written back.

A notebook is read twice: `json.loads` checks it, then the text's `"source"` keys (or, where
they do not settle it, a walk over the text) tell where each cell's `source` value stands, so
that `apply` replaces only the `source` values of the cells it changes and leaves every other
byte alone (indentation, key order, escapes, outputs). A load and dump round trip would
reformat the whole file.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from migrate_llm.formats import FormatError
from migrate_llm.formats.jsondoc import SCALAR, SPACE, STRING, match_at
from migrate_llm.model import Span
from migrate_llm.textio import lines_of

# A `\uXXXX` escape of a character outside ASCII: the file was written with ensure_ascii.
_NON_ASCII_ESCAPE = re.compile(r"\\u(?!00[0-7])[0-9a-fA-F]{4}")


@dataclass(frozen=True)
class Cell:
    """One cell: `index` is 1-based among all cells; `span` covers its raw `source` value
    (a string or an array of strings) in `text`, the notebook's, and `items` the array's
    strings (empty for a string): found when first asked (for the few cells with findings,
    and those `apply` writes), as a line's regular expression each."""

    index: int
    cell_type: str
    source: str
    span: Span
    as_list: bool
    outputs: tuple[str, ...] = ()  # the text of its outputs (streams, plain text, tracebacks)
    text: str = field(default="", repr=False, compare=False)
    # the language an editor runs it in (VS Code's `metadata.vscode.languageId`), when set
    language: str | None = None

    @functools.cached_property
    def items(self) -> tuple[Span, ...]:
        if self.text[self.span.start : self.span.start + 1] != "[":
            return ()
        lines = _array_strings(self.text, self.span.start + 1)
        return tuple(lines[0]) if lines is not None else ()


@dataclass(frozen=True)
class Notebook:
    """A notebook's text, its cells, and how its JSON was written."""

    text: str
    cells: tuple[Cell, ...]
    ensure_ascii: bool
    indent_unit: str
    newline: str
    # the kernel's language (`metadata.kernelspec.language`, `metadata.language_info.name`)
    language: str | None = None

    @property
    def code_cells(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.cell_type == "code")


def read_notebook(text: str) -> Notebook:
    """Read a notebook (nbformat 4); raise FormatError with a one-line reason otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise FormatError("nested too deeply to read") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        version = data.get("nbformat") if isinstance(data, dict) else None
        if isinstance(version, int) and version < 4:
            raise FormatError(
                f"nbformat {version} notebook: open and save it in Jupyter to upgrade it to "
                "nbformat 4"
            )
        raise FormatError("not a Jupyter notebook (no list of cells)")
    version = data.get("nbformat")
    if not isinstance(version, int) or version < 4:
        raise FormatError(f"nbformat {version} is not supported (nbformat 4 is)")
    sources = _keyed_sources(text, data["cells"])
    if sources is None:
        spans = _SourceSpans(text)
        spans.walk()
        sources = spans.sources
    cells = []
    for i, raw in enumerate(data["cells"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("cell_type"), str):
            raise FormatError(f"cell {i + 1} has no cell_type")
        source = raw.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            joined, as_list = "".join(source), True
        elif isinstance(source, str):
            joined, as_list = source, False
        else:
            raise FormatError(f"cell {i + 1}: source is neither a string nor a list of strings")
        found = sources.get(i)
        if found is None:
            raise FormatError(f"cell {i + 1} has no source")
        language = _string_at(raw, "metadata", "vscode", "languageId")
        outputs = _outputs(raw)
        cells.append(Cell(i + 1, raw["cell_type"], joined, found, as_list, outputs, text, language))
    newline = "\r\n" if "\r\n" in text else "\n"
    language = _string_at(data, "metadata", "kernelspec", "language") or _string_at(
        data, "metadata", "language_info", "name"
    )
    return Notebook(text, tuple(cells), _ensure_ascii(text), _indent_unit(text), newline, language)


def _string_at(data: object, *keys: str) -> str | None:
    """The string at `keys` in nested mappings, or None."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, str) and data else None


def _outputs(cell: dict) -> tuple[str, ...]:
    """The text a cell's outputs show: stream text, text/* data, error values, tracebacks."""
    found: list[str] = []

    def add(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.append("".join(v for v in value if isinstance(v, str)))

    for output in cell.get("outputs") or ():
        if not isinstance(output, dict):
            continue
        add(output.get("text"))
        add(output.get("evalue"))
        add(output.get("traceback"))
        data = output.get("data")
        if isinstance(data, dict):
            for mime, value in data.items():
                if mime.startswith("text/") or mime.endswith("json"):
                    add(value if not isinstance(value, dict) else json.dumps(value))
    return tuple(f for f in found if f)


def _ensure_ascii(text: str) -> bool:
    """Whether the file escapes characters outside ASCII (`\\u4e2d` rather than raw UTF-8)."""
    if not text.isascii():
        return False
    return bool(_NON_ASCII_ESCAPE.search(text))


def _indent_unit(text: str) -> str:
    """The indentation of the first indented line (Jupyter: one space), "" when minified."""
    match = re.search(r"\n([ \t]+)\S", text)
    return match.group(1) if match else ""


_DECODER = json.JSONDecoder()


def _may_hold_a_source(path: tuple[object, ...]) -> bool:
    """Whether the value at `path` (as `_SourceSpans.value` names it) is, or holds, a value
    whose path is ("cells", i, "source")."""
    if len(path) < 3:
        return not path or path[0] == "cells"
    return len(path) == 3 and path[0] == "cells" and path[2] == "source"


def _keyed_sources(text: str, cells: list) -> dict[int, Span] | None:
    """Where each cell's `source` value stands, found from the `"source"` keys of the text
    (a search, not a walk of the whole document), or None where that does not settle it:
    then `_SourceSpans` walks the text.

    A `"source"` after `{` or `,` (spaces between) and before `:` is a key of some object: in
    a string its quotes would be escaped. Where the text holds exactly one such key per cell
    and every cell is an object with a `source`, the keys are the cells', in order (each
    value is decoded and compared with the cell's, to be sure)."""
    if not all(isinstance(cell, dict) and "source" in cell for cell in cells):
        return None
    starts: list[int] = []
    at = text.find('"source"')
    while at != -1:
        before = at - 1
        while before >= 0 and text[before] in " \t\r\n":
            before -= 1
        if before >= 0 and text[before] in "{,":
            key = _AFTER_KEY.match(text, at + 8)
            if key is not None:
                starts.append(key.end())
                if len(starts) > len(cells):
                    return None  # a `source` of an output or metadata: walk instead
        at = text.find('"source"', at + 8)
    if len(starts) != len(cells):
        return None
    found: dict[int, Span] = {}
    for i, (start, cell) in enumerate(zip(starts, cells, strict=True)):
        try:
            value, end = _DECODER.raw_decode(text, start)
        except ValueError:
            return None
        if value != cell["source"]:
            return None
        found[i] = Span(start, end)
    return found


class _SourceSpans:
    """Where each cell's `source` value, and each string in it, stands in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 1 if text.startswith("\ufeff") else 0
        self.sources: dict[int, Span] = {}

    def skip(self) -> str:
        self.pos = match_at(SPACE, self.text, self.pos).end()
        return self.text[self.pos : self.pos + 1]

    def walk(self) -> None:
        self.value(())

    def value(self, path: tuple[object, ...]) -> None:
        """Skip one value; record it when `path` is ("cells", i, "source")."""
        char = self.skip()
        start = self.pos
        if not _may_hold_a_source(path):
            # outputs, metadata: decoded in one call (json's scanner is C), not walked
            self.pos = _DECODER.raw_decode(self.text, self.pos)[1]
            return
        if len(path) == 3:  # a cell's source: where it ends is all that is wanted
            self.pos = _DECODER.raw_decode(self.text, self.pos)[1]
            cell = path[1]
            assert isinstance(cell, int)
            self.sources[cell] = Span(start, self.pos)
            return
        if char == '"':
            self.pos = match_at(STRING, self.text, self.pos).end()  # no copy of a long value
        elif char == "{":
            self.pos += 1
            while (key := _KEY.match(self.text, self.pos)) is not None:
                raw = key.group(1)
                name = json.loads(raw) if "\\" in raw else raw[1:-1]
                self.pos = key.end()
                inner = (*path, name) if len(path) < 3 else path
                if _may_hold_a_source(inner):
                    self.value(inner)
                else:  # most keys of a cell: its outputs, metadata, id
                    self.pos = _DECODER.raw_decode(self.text, self.pos)[1]
                more = match_at(_MORE, self.text, self.pos)
                self.pos = more.end()
                if not more.group(1):
                    break
            self.pos = match_at(_CLOSE_OBJECT, self.text, self.pos).end()
        elif char == "[":
            self.pos += 1
            index = 0
            while self.skip() != "]":
                self.value((*path, index) if path == ("cells",) else (*path, None))
                index += 1
                if self.skip() == ",":
                    self.pos += 1
            self.pos += 1
        else:
            self.pos = match_at(SCALAR, self.text, self.pos).end()


def _array_strings(text: str, pos: int) -> tuple[list[Span], int] | None:
    """The spans of the strings of the array whose items start at `pos` (a source's lines,
    read by one expression a line), and the end of the array; None when the array holds
    anything but strings."""
    items = []
    while (match := _ITEM.match(text, pos)) is not None:
        items.append(Span(match.start(1), match.end(1)))
        pos = match.end()
        if not match.group(2):
            break
    close = _CLOSE.match(text, pos)
    return (items, close.end()) if close is not None else None


# what follows a `"source"` key up to its value
_AFTER_KEY = re.compile(r"[ \t\r\n]*:[ \t\r\n]*")
# One string of an array and what follows it: a comma (another string comes) or nothing
_ITEM = re.compile(r"[ \t\r\n]*(" + STRING.pattern + r")[ \t\r\n]*(,?)", re.DOTALL)
_CLOSE = re.compile(r"[ \t\r\n]*\]")
# An object's key up to its value, what follows a value, and the object's end
_KEY = re.compile(r"[ \t\r\n]*(" + STRING.pattern + r")[ \t\r\n]*:[ \t\r\n]*", re.DOTALL)
_MORE = re.compile(r"[ \t\r\n]*(,?)")
_CLOSE_OBJECT = re.compile(r"[ \t\r\n]*\}")


def encode_source(notebook: Notebook, cell: Cell, source: str) -> str:
    """The JSON text of `source` as the cell stores it (one string, or a list of lines),
    written in the style of the file: its separators, indentation and escapes."""
    if not cell.as_list:
        return json.dumps(source, ensure_ascii=notebook.ensure_ascii)
    lines = lines_of(source)
    items = [json.dumps(line, ensure_ascii=notebook.ensure_ascii) for line in lines]
    if not items:
        return "[]"
    text = notebook.text
    if cell.items:
        first, last = cell.items[0], cell.items[-1]
        opening = text[cell.span.start + 1 : first.start]
        closing = text[last.end : cell.span.end - 1]
        many = len(cell.items) > 1
        separator = text[first.end : cell.items[1].start] if many else "," + opening
    else:  # `"source": []`: indent one level deeper than the line holding the key
        line_start = text.rfind("\n", 0, cell.span.start) + 1
        indent = re.match(r"[ \t]*", text[line_start:]).group(0)  # type: ignore[union-attr]
        if notebook.indent_unit:
            closing = notebook.newline + indent
            opening = closing + notebook.indent_unit
        else:
            opening = closing = ""
        separator = "," + opening
    return "[" + opening + separator.join(items) + closing + "]"


def replace_sources(notebook: Notebook, sources: dict[int, str]) -> str:
    """The notebook's text with the `source` of each cell in `sources` (by index) replaced."""
    parts: list[str] = []
    cursor = 0
    for cell in notebook.cells:
        new = sources.get(cell.index)
        if new is None or new == cell.source:
            continue
        parts.append(notebook.text[cursor : cell.span.start])
        parts.append(encode_source(notebook, cell, new))
        cursor = cell.span.end
    parts.append(notebook.text[cursor:])
    return "".join(parts)
