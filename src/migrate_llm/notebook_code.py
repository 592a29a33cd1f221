"""A notebook's code cells as one Python module, and the migrated module back as cells.

The Python rules see the code cells joined in order, so a client built in cell 2 and used in
cell 5 is traced, as it would be at run time. IPython syntax is hidden from the parser behind
placeholder comments and restored byte for byte afterwards: line magics (`%time`, and `cd ..`
without its `%`), shell lines (`!pip ...`), help (`obj?`), assignments from them (`files =
!ls`). Cells that are not Python stay out of the module: a cell magic of another language
(`%%bash`, `%%writefile`, ...), every cell of a notebook whose kernel is not Python's, a cell
an editor tags with another language (VS Code's `languageId`: plaintext, yaml, shellscript,
...) unless it reads as Python (the kernel runs it); and so do cells that do not parse. A
line between cells marks where each cell starts, so that the migrated module splits back
into the same cells.

The text of the cells that are not Python, and the shell commands of the others (`!curl ...`,
`files = !ls`, `%sx ...`), are what `shell_texts` gives to be read as a shell script's.
"""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass, field

from migrate_llm.collector import paused
from migrate_llm.formats.notebook import Cell, Notebook
from migrate_llm.model import Span

# Cell magics whose body is Python that runs in the notebook's namespace.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit"})
# What a cell's or a kernel's metadata calls Python (lowercased)
_PYTHON_LANGUAGES = frozenset({"python", "python3", "ipython", "ipython3"})
# An IPython line that runs a shell command, up to the command: `!cmd`, `x = !cmd`,
# `%sx cmd`, `%system cmd`
_SHELL_LINE = re.compile(r"[ \t]*(?:[\w.\[\], ]+=[ \t]*)?(?:!!?|%(?:sx|system)\b)")

# `%magic`, `!shell`, `?help`, `x = !shell`, `obj?`, and automagic `pip install ...`
_MAGIC_LINE = re.compile(
    r"[ \t]*(?:[%!?]|[\w.\[\], ]+=[ \t]*[%!]|(?:pip|conda)[ \t]+(?:install|uninstall)\b)"
    r"|[^#\n]*\?\??[ \t]*$"
)
# A line magic or shell alias written without its `%` (IPython's automagic: `cd ..`,
# `load_ext autoreload`), hidden where the line is not Python on its own
_AUTOMAGIC = re.compile(
    r"[ \t]*(?:cd|pwd|ls|ll|cat|cp|mv|rm|mkdir|rmdir|env|set_env|load_ext|reload_ext|"
    r"unload_ext|autoreload|aimport|matplotlib|pylab|time|timeit|prun|run|load|save|pycat|"
    r"who|whos|reset|store|bookmark|pushd|popd|dhist|alias|history|xmode|config|debug|pdb|"
    r"sx|system|mamba|lsmagic)\b"
)
# a line of a cell's source that `_MAGIC_LINE` matches
_ANY_MAGIC_LINE = re.compile(f"^(?:{_MAGIC_LINE.pattern})", re.MULTILINE)
_PLACEHOLDER = re.compile(r"^[ \t]*(?:pass  )?#@@ml-magic-(\w+)@@", re.MULTILINE)
_CELL_MARK = re.compile(r"^#@@ml-cell-(\d+)@@\n", re.MULTILINE)


def cell_mark(index: int) -> str:
    return f"#@@ml-cell-{index}@@\n"


@dataclass(frozen=True)
class Magic:
    """An IPython line in a code cell: `text` is the whole line (no line break), `line` is
    1-based in the cell and `module_line` in the module; `span` is the whole line of its
    placeholder in the module text."""

    key: str
    text: str
    cell: int
    line: int
    module_line: int
    span: Span


@dataclass(frozen=True)
class CellCode:
    """Where one code cell stands in the module: lines `first` to `first + lines - 1`;
    `indent`, what IPython takes off the front of each line of a cell indented as a whole
    (its `leading_indent`), which the lines get back."""

    cell: Cell
    first: int
    lines: int
    indent: str = ""


@dataclass
class NotebookCode:
    """The module text the Python rules see, where each cell is, and what was left out."""

    notebook: Notebook
    text: str = ""
    cells: list[CellCode] = field(default_factory=list)
    magics: list[Magic] = field(default_factory=list)
    # Cells left out because they do not parse: (cell index, reason, line in the cell).
    unparsable: list[tuple[int, str, int | None]] = field(default_factory=list)
    replacements: dict[str, str] = field(default_factory=dict)
    # Python's tree of `text`, when `build` parsed it
    tree: ast.Module | None = None

    def locate(self, module_line: int) -> tuple[CellCode, int] | None:
        """The cell holding a line of the module, and the line's number in that cell."""
        starts = [c.first for c in self.cells]
        at = bisect.bisect_right(starts, module_line) - 1
        if at < 0:
            return None
        code = self.cells[at]
        line = module_line - code.first + 1
        return (code, line) if line <= code.lines else None

    def line_label(self, module_line: int) -> str:
        """A line of the module as a message names it: `cell 3, line 2`."""
        found = self.locate(module_line)
        if found is None:
            return f"line {module_line}"
        return f"cell {found[0].cell.index}, line {found[1]}"

    def placeholder(self, text: str, span: Span) -> str:
        """The placeholder for a new IPython line `text` that replaces the line at `span`,
        in the form of the one it replaces."""
        key = f"r{len(self.replacements)}"
        self.replacements[key] = text
        old = self.text[span.start : span.end]
        return old[: old.index("#@@ml-magic-")] + f"#@@ml-magic-{key}@@"

    def split(self, module: str) -> dict[int, str]:
        """The source of each code cell in `module` (the migrated text), by cell index, with
        the IPython lines restored; ValueError when the cell marks did not survive."""
        pieces = _CELL_MARK.split(module)
        indices = [int(i) for i in pieces[1::2]]
        if indices != [c.cell.index for c in self.cells[1:]]:
            raise ValueError("the cells could not be told apart after the migration")
        texts = [pieces[0], *pieces[2::2]]
        originals = {m.key: m.text for m in self.magics} | self.replacements
        sources = {}
        for code, text in zip(self.cells, texts, strict=True):
            text = _PLACEHOLDER.sub(lambda m: originals[m.group(1)], text)
            if code.indent:
                text = _indented(code, text)
            # the cell ends as it did: a removed last line leaves no blank line behind
            source = code.cell.source
            ending = len(source) - len(source.rstrip("\n"))
            sources[code.cell.index] = text.rstrip("\n") + "\n" * ending
        return sources


def _dedented(lines: list[str]) -> tuple[list[str], str]:
    """A cell's lines without the indentation IPython takes off a cell indented as a whole
    (that of its first line that is not blank), and the indentation; the lines as they are
    and "" unless every line that is not blank starts with it."""
    first = next((line for line in lines if line.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    if not indent or not all(line.startswith(indent) for line in lines if line.strip()):
        return lines, ""
    return [line[len(indent) :] if line.startswith(indent) else line for line in lines], indent


def _indented(code: CellCode, text: str) -> str:
    """The migrated text of a cell indented as a whole, indented again (but its blank
    lines); the cell's own source when nothing in it changed."""
    lines = text.split("\n")
    if text.rstrip("\n") == "\n".join(_dedented(code.cell.source.split("\n"))[0]).rstrip("\n"):
        return code.cell.source
    return "\n".join(code.indent + line if line.strip() else line for line in lines)


def _parses(source: str) -> SyntaxError | None:
    try:
        ast.parse(source)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError) as exc:
        return SyntaxError(str(exc))
    return None


def _has_magic_line(source: str) -> bool:
    """Whether a line of `source` is one `_MAGIC_LINE` matches (each such line holds one of
    the characters or words tested first)."""
    return (
        "%" in source or "!" in source or "?" in source or "pip" in source or "conda" in source
    ) and _ANY_MAGIC_LINE.search(source) is not None


def _masked_lines(lines: list[str], first_is_magic: bool) -> set[int]:
    """0-based indices of the IPython lines of a cell, continuation lines included."""
    masked: set[int] = set()
    carry = False
    for i, line in enumerate(lines):
        if (
            carry
            or (i == 0 and first_is_magic)
            or _MAGIC_LINE.match(line)
            or (_AUTOMAGIC.match(line) and _parses(line.strip()) is not None)
        ):
            if line.strip() or carry:
                masked.add(i)
            carry = line.endswith("\\")
        else:
            carry = False
    return masked


def _hidden(
    lines: list[str], keys: list[tuple[int, str]], form: str
) -> tuple[list[str], SyntaxError | None]:
    """The cell's lines with the IPython ones replaced by placeholders written `form` + a
    comment, and the syntax error the result has, if any."""
    hidden = list(lines)
    for i, key in keys:
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        hidden[i] = f"{indent}{form}#@@ml-magic-{key}@@"
    return hidden, _parses(_joined(hidden))


def _joined(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def cell_language(notebook: Notebook, cell: Cell) -> str | None:
    """The language of a code cell when it is not Python (None when it is): its kernel's,
    that of its cell magic (`bash` for `%%bash`), or its editor's (`languageId`) when the
    cell does not read as Python: Jupyter runs every cell on the kernel whatever VS Code's
    tag says (a stale `shellscript` tag on Python code is common), so a tag only keeps out
    a cell the kernel could not run as Python (a `curl ...` kept as notes)."""
    if notebook.language is not None and notebook.language.lower() not in _PYTHON_LANGUAGES:
        return notebook.language
    head = cell.source.lstrip(" \t\n")
    if head.startswith("%%"):
        name = head[2:].split(maxsplit=1)[:1]
        if name and name[0] not in PYTHON_CELL_MAGICS:
            return name[0]
        return None
    language = cell.language
    if language is not None and language.lower() not in _PYTHON_LANGUAGES:
        return None if _reads_as_python(cell.source) else language
    return None


def _reads_as_python(source: str) -> bool:
    """Whether a cell parses as Python once its IPython lines are hidden, as `build`
    hides them."""
    lines = source.split("\n")
    if source.endswith("\n"):
        lines.pop()
    if lines and lines[0][:1] in (" ", "\t", ""):
        lines = _dedented(lines)[0]
    if _parses(_joined(lines)) is None:
        return True
    keys = [(i, "") for i in sorted(_masked_lines(lines, False))]
    return bool(keys) and (
        _hidden(lines, keys, "")[1] is None or _hidden(lines, keys, "pass  ")[1] is None
    )


def shell_texts(code: NotebookCode) -> list[tuple[Cell, str]]:
    """What of each code cell is read as a shell script, its lines where they stand in the
    cell and every other line blank: the whole of a cell that is not Python (a cell magic's
    line blanked), and the shell commands of a cell in the module, their continuation lines
    included, each written from its command (`!curl ...` read as `curl ...`)."""
    in_module = {c.cell.index for c in code.cells}
    commands: dict[int, dict[int, str]] = {}
    for magic in code.magics:
        lines = commands.setdefault(magic.cell, {})
        source = _source_line(code, magic.cell, magic.line)
        found = _SHELL_LINE.match(source)
        if found is not None:
            lines[magic.line] = " " * found.end() + source[found.end() :]
        elif lines.get(magic.line - 1, "").endswith("\\"):
            lines[magic.line] = source
    texts = []
    for cell in code.notebook.code_cells:
        if cell.index in in_module:
            found_lines = commands.get(cell.index)
            if found_lines:
                count = max(found_lines)
                text = "\n".join(found_lines.get(i, "") for i in range(1, count + 1))
                texts.append((cell, text))
        elif cell_language(code.notebook, cell) is not None:
            text = cell.source
            if text.lstrip(" \t\n").startswith("%%"):  # the magic's line is not the script's
                start = text.index("%%")
                end = text.find("\n", start)
                text = (
                    text[:start]
                    + " " * ((len(text) if end == -1 else end) - start)
                    + ("" if end == -1 else text[end:])
                )
            texts.append((cell, text))
    return texts


def _source_line(code: NotebookCode, index: int, line: int) -> str:
    cell = code.notebook.cells[index - 1]
    lines = cell.source.split("\n")
    return lines[line - 1].rstrip("\r") if line <= len(lines) else ""


def build(notebook: Notebook, leave_out: frozenset[int] = frozenset()) -> NotebookCode:
    """The code cells of `notebook` as one module, except the cells in `leave_out` and those
    that do not parse (`unparsable`).

    A cell without IPython lines is not parsed alone: the module is parsed once, and each
    such cell parses alone exactly when the module parses, no top-level statement runs from
    one cell into another, and the cell does not end in a line continuation (what opens in a
    cell and closes in the next parses in the module only). Otherwise every cell is parsed
    alone, as the module is then (its cells number in the tens: one parse of them all costs
    a fraction of a parse of each)."""
    code = _build(notebook, leave_out, alone=False)
    if code.tree is None:
        code = _build(notebook, leave_out, alone=True)
    return code


def _build(notebook: Notebook, leave_out: frozenset[int], alone: bool) -> NotebookCode:
    """`build`, each cell parsed alone or (not `alone`) only those with IPython lines and
    the module then parsed into `tree` (left None where the module does not parse, or a
    statement crosses from one cell into another)."""
    code = NotebookCode(notebook)
    parts: list[str] = []
    line = 1
    offset = 0
    for cell in notebook.code_cells:
        if cell.index in leave_out:
            continue
        source = cell.source
        lines = source.split("\n")
        if source.endswith("\n"):
            lines.pop()
        indent = ""
        if lines and lines[0][:1] in (" ", "\t", ""):
            lines, indent = _dedented(lines)
        if cell_language(notebook, cell) is not None:
            continue  # not Python (%%bash, %%writefile, a yaml cell, ...): see `shell_texts`
        head = lines[0].lstrip() if lines else ""
        cell_magic = head.startswith("%%")
        body_lines, error = lines, None
        if not cell_magic and (
            alone or _has_magic_line(source) or (lines and lines[-1].endswith("\\"))
        ):
            # a cell that parses as it is has nothing to hide: it is parsed once
            error = _parses(_joined(lines))
        masked: set[int] = set()
        if cell_magic or error is not None:
            masked = _masked_lines(lines, cell_magic)
        mark = cell_mark(cell.index) if code.cells else ""
        keys = [(i, f"{cell.index}_{i + 1}") for i in sorted(masked)]
        if cell_magic or keys:
            body_lines, error = _hidden(lines, keys, "")
        if error is not None and keys:
            # a `pass` where the line is a block's only statement (`if x:` / `!pip install y`)
            body_lines, error = _hidden(lines, keys, "pass  ")
        body = "\n".join(body_lines) + "\n" if body_lines else ""
        if error is not None:
            reason = f"syntax error: {error.msg}" if error.msg else "does not parse"
            code.unparsable.append((cell.index, reason, error.lineno))
            continue
        if mark:
            parts.append(mark)
            offset += len(mark)
            line += 1
        cell_start = offset
        for i, key in keys:
            start = cell_start + sum(len(x) + 1 for x in body_lines[:i])
            span = Span(start, start + len(body_lines[i]))
            code.magics.append(Magic(key, lines[i], cell.index, i + 1, line + i, span))
        count = max(len(body_lines), 1)
        if not body:  # an empty cell still owns a line, so that it splits back
            body = "\n"
        code.cells.append(CellCode(cell, line, count, indent))
        parts.append(body)
        offset += len(body)
        line += count
    code.text = "".join(parts)
    if not alone:
        code.tree = _cells_tree(code)
    return code


def _cells_tree(code: NotebookCode) -> ast.Module | None:
    """The tree of `code.text` when it parses and each of its top-level statements stands
    in one cell (None otherwise)."""
    try:
        with paused():
            tree = ast.parse(code.text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts = [c.first for c in code.cells]
    lines: list[str] | None = None
    for statement in tree.body:
        first = statement.lineno
        for decorator in getattr(statement, "decorator_list", ()):
            # a decorator's line is its expression's, which may stand lines below its `@`
            lines = lines if lines is not None else code.text.split("\n")
            if "@" not in lines[decorator.lineno - 1][: decorator.col_offset]:
                return None
            first = min(first, decorator.lineno)
        end = statement.end_lineno or first
        if bisect.bisect_right(starts, first) != bisect.bisect_right(starts, end):
            return None
    return tree
