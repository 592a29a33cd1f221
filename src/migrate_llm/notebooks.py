"""Scanning and migrating a notebook with the Python pipeline.

The code cells become one module (`migrate_llm.notebook_code`); the Python rules, the
notebook rules and the one edit pass run on it as on a `.py` file; findings are then placed in
their cells, and the cells the migration changed are written back into the JSON text, leaving
every other byte of the file as it was. The cells that are not Python and the shell commands
of the others are read as a shell script is (the config rules of the `shell` kind: OpenAI's
URLs and variables), for a person to change: they are never edited.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from migrate_llm.collector import uncollected
from migrate_llm.formats import FormatError
from migrate_llm.formats.notebook import Cell, Notebook, read_notebook, replace_sources
from migrate_llm.model import Edit, FileError, Finding
from migrate_llm.notebook_code import NotebookCode, build, shell_texts

if TYPE_CHECKING:
    from migrate_llm.engine import Examined, FileScanner


def examine_notebook(
    scanner: FileScanner,
    name: str,
    text: str,
    path: Path | None,
    laid_out: bool = True,
    screened: bool = False,
) -> Examined | None:
    """The findings of a notebook (each with its `cell`), and its migrated text (its code
    laid out only with `laid_out`; `screened`: the prefilter let `text` through already: see
    `FileScanner.examine`)."""
    from migrate_llm.engine import Examined, ParseFailure, migrate_text, worth_examining
    from migrate_llm.rules.notebook_magics import NOTEBOOK_RULES

    if (
        not screened
        and not worth_examining(scanner.filters, "notebook", text, scanner.report_unused)
        and not scanner.may_use_llamaindex_defaults(text)
    ):
        return None
    try:
        notebook = read_notebook(text)
    except FormatError as exc:
        raise ParseFailure(f"cannot read notebook: {exc.message}", exc.line) from None
    code, found = _python_findings(scanner, name, notebook)
    rules = [rule(scanner.ctx, code.text) for rule in NOTEBOOK_RULES]
    for magic in code.magics:
        for rule in rules:
            for finding in rule.check_line(magic.text, magic.module_line, magic.span):
                if finding.edit is not None and finding.edit.text:
                    placeholder = code.placeholder(finding.edit.text, finding.edit.span)
                    finding = replace(finding, edit=Edit(finding.edit.span, placeholder))
                found.append(finding)

    def ignored(finding: Finding) -> bool:
        return scanner.config.ignores(name, finding.rule, scanner.cwd)

    found = [f for f in found if not ignored(f)]
    found.sort(key=lambda f: (f.line, f.column, f.rule))

    after, failure = text, None
    fixed: list[Finding] = []
    if any(f.edit is not None for f in found):
        try:
            length = scanner.line_length_for(path) if laid_out else 0  # 0: not laid out
            where = str(path.parent) if path is not None else None
            module, fixed = migrate_text(
                code.text, "python", name, found, length, None, laid_out, directory=where
            )
            after = _written_back(notebook, code, module)
        except ParseFailure as exc:
            failure = exc
    settled, kept = scanner.settled(found, fixed, code.text)
    lines = _FileLines(text)
    placed = {id(f): _in_cell(code, f, lines) for f in settled}
    outputs = [
        replace(f, cell=cell.index, data={**f.data, "file_line": _file_line(cell, 1, lines)})
        for cell in notebook.code_cells
        for output in cell.outputs
        for rule in rules
        for f in rule.check_output(output)
        if not ignored(f)
    ]
    shell = [f for f in _shell_findings(scanner, name, code, lines) if not ignored(f)]
    findings = sorted(
        [placed[id(f)] for f in settled] + outputs + shell,
        key=lambda f: (f.cell or 0, f.line, f.column, f.rule),
    )
    problems = tuple(
        FileError(name, f"cell {index}{f', line {line}' if line else ''}: {reason} (not scanned)")
        for index, reason, line in code.unparsable
    )
    return Examined(findings, after, [placed[id(f)] for f in kept], failure, problems)


def _python_findings(
    scanner: FileScanner, name: str, notebook: Notebook
) -> tuple[NotebookCode, list[Finding]]:
    """The module of the notebook's code cells and what the Python rules report on it. A cell
    that the Python parser rejects is left out (and named in `unparsable`)."""
    from migrate_llm.engine import ParseFailure

    leave_out: set[int] = set()
    reasons: list[tuple[int, str, int | None]] = []
    # The collector stays off from the cells' parse to the findings (see `_check_python`):
    # switched back on between them, it walked the module's tree, just built and live.
    with uncollected(collect=not scanner.last):
        while True:
            code = build(notebook, frozenset(leave_out))
            try:
                found = scanner.reported(
                    "python",
                    name,
                    code.text,
                    code.line_label,
                    code.tree,
                    v1_pin=_v1_pin(scanner, code),
                )
            except ParseFailure as exc:
                where = code.locate(exc.line) if exc.line else None
                if where is None:
                    raise
                cell, line = where
                leave_out.add(cell.cell.index)
                reasons.append((cell.cell.index, exc.message, line))
                continue
            code.unparsable = sorted(code.unparsable + reasons)
            return code, found or []


def _v1_pin(scanner: FileScanner, code: NotebookCode) -> str:
    """Where the notebook's pip line installing openai is (`cell 1, line 1`) when it installs
    openai>=1 once apply has run: it pins openai<1, which apply moves to openai>=1 (ML506),
    or asks for openai>=1 already. The openai<1 calls apply leaves then raise APIRemovedInV1
    (t65a). "" where there is none, or with no provider."""
    from migrate_llm.rules.dependency_pin import pins_legacy, requires_v1
    from migrate_llm.rules.notebook_magics import OPENAI_REQUIREMENT, PIP_LINE

    if scanner.ctx.provider is None:
        return ""
    for magic in code.magics:
        if PIP_LINE.match(magic.text) and any(
            pins_legacy(spec) or requires_v1(spec)
            for spec in (m.group("spec") for m in OPENAI_REQUIREMENT.finditer(magic.text))
        ):
            return code.line_label(magic.module_line)
    return ""


def _shell_findings(
    scanner: FileScanner, name: str, code: NotebookCode, lines: _FileLines
) -> list[Finding]:
    """What the config rules of shell scripts report on the shell text of each cell
    (`shell_texts`), placed in the cell, suppression comments applied; never an edit."""
    from migrate_llm.engine import settle_fix
    from migrate_llm.formats import FormatError
    from migrate_llm.prefilter import worth_examining
    from migrate_llm.rules.config_files import check_config
    from migrate_llm.suppress import apply_suppressions

    found: list[Finding] = []
    for cell, text in shell_texts(code):
        if not worth_examining(scanner.filters, "shell", text, False):
            continue
        try:
            reported = check_config(name, text, scanner.ctx, kind="shell")
        except FormatError:  # the shell reader rejects nothing
            continue
        kept, _ = apply_suppressions(reported, text)
        for f in kept:
            f = settle_fix(replace(f, edit=None), fixed=False)
            found.append(
                replace(
                    f,
                    cell=cell.index,
                    data={**f.data, "file_line": _file_line(cell, f.line, lines)},
                )
            )
    return found


def _in_cell(code: NotebookCode, finding: Finding, lines: _FileLines) -> Finding:
    """`finding` placed in its cell: `cell`, lines counted within the cell, and in `data`
    the line of the notebook file where that line of the cell is stored (`file_line`)."""
    start = code.locate(finding.line)
    if start is None:
        return finding
    cell, line = start
    end_line = finding.end_line - finding.line + line
    data = {**finding.data, "file_line": _file_line(cell.cell, line, lines)}
    shift = len(cell.indent)  # a cell indented as a whole is read without its indentation
    return replace(
        finding,
        cell=cell.cell.index,
        line=line,
        column=finding.column + shift,
        end_line=end_line,
        end_column=finding.end_column + shift,
        data=data,
    )


class _FileLines:
    """The line of the notebook's text at an offset, counted from the last offset asked:
    the few findings of a notebook are placed in order, and its text, outputs included, is
    long (indexing every line start took longer than examining some notebooks' code)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _file_line(cell: Cell, line: int, lines: _FileLines) -> int:
    """The line of the notebook's text that holds line `line` of `cell`'s source."""
    items = cell.items
    at = items[line - 1].start if 0 < line <= len(items) else cell.span.start
    return lines.at(at)


def _written_back(notebook: Notebook, code: NotebookCode, module: str) -> str:
    """The notebook's text with the migrated module's cells in it; ParseFailure when the
    result would not be a notebook that loads."""
    from migrate_llm.engine import ParseFailure

    try:
        sources = code.split(module)
    except ValueError as exc:
        raise ParseFailure(f"{exc}; left unchanged") from None
    text = replace_sources(notebook, sources)
    try:
        read_notebook(text)
    except FormatError as exc:
        raise ParseFailure(
            f"the migrated notebook would not load ({exc}); left unchanged"
        ) from None
    return text


def cell_changes(before: str, after: str) -> tuple[tuple[int, str, str], ...]:
    """(cell index, source before, source after) for each cell whose source differs."""
    try:
        old, new = read_notebook(before), read_notebook(after)
    except FormatError:
        return ()
    return tuple(
        (a.index, a.source, b.source)
        for a, b in zip(old.cells, new.cells, strict=False)
        if a.source != b.source
    )
