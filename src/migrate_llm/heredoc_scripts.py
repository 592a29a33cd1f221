"""Python scripts that a YAML file's shell text writes or runs through a heredoc: a CI
workflow's `run: |` step doing `cat << 'EOF' > /tmp/review.py` ... `EOF` then `python
/tmp/review.py`, or `python - <<EOF` ... `EOF` (t52a: OpenManus's pr-autodiff workflow reads
OPENAI_API_KEY and asks for o3-mini there, and check was green once its `env:` block was
renamed). The Python rules read such a script where it stands in the file (`Script.place`);
apply does not edit it (a YAML block holds it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.model import Finding

# `<<EOF`, `<< 'EOF'`, `<<-"EOF"`: the heredoc's word (group 2)
_OPENER = re.compile(r"<<(-?)[ \t]*(['\"]?)([A-Za-z_][\w.-]*)\2")
# what makes the heredoc a Python script: written to a `.py` file, or fed to python
_PYTHON_FILE = re.compile(r">[ \t]*['\"]?[^\s'\"<>|;&]+\.py\b")
_PYTHON_RUN = re.compile(r"(?:^|[\s;&|(])(?:python[0-9.]*|uv run python[0-9.]*)\b")


@dataclass(frozen=True)
class Script:
    """A heredoc's Python text, its first line's line in the file and the indentation each
    of its lines has there (its YAML block's)."""

    text: str
    first_line: int
    indent: int

    def place(self, finding: Finding) -> Finding:
        """`finding` (on `text`) placed in the file, its edit dropped: apply does not edit a
        script a YAML block holds, so it says so."""
        shift = self.first_line - 1
        return replace(
            finding,
            line=finding.line + shift,
            column=finding.column + self.indent,
            end_line=finding.end_line + shift,
            end_column=finding.end_column + self.indent,
            edit=None,
            message=f"{finding.message} (in the Python script of the heredoc on line "
            f"{self.first_line - 1}: apply leaves it, change it by hand)",
            data={**finding.data, "heredoc": self.first_line - 1},
        )


def may_hold_scripts(text: str) -> bool:
    """Whether a YAML file's text may hold a heredoc (not a merge key, `<<: *defaults`): only
    then is it read for scripts."""
    return _OPENER.search(text) is not None


def heredoc_scripts(doc: ConfigDocument) -> Iterator[Script]:
    """The Python scripts the literal block scalars (`run: |`) of a YAML file write or run
    through a heredoc, each where its lines stand in the file; not one whose lines the file
    does not hold as the value has them (a folded or quoted scalar)."""
    if doc.kind != "yaml" or "<<" not in doc.text:
        return
    for entry in doc.entries:
        value, span = entry.value, entry.value_span
        if value is None or span is None or "<<" not in value or "\n" not in value:
            continue
        raw = doc.text[span.start : span.end]
        if not raw.startswith("|"):
            continue
        header_line = doc.lines.position(span.start)[0]
        file_lines = raw.split("\n")[1:]
        indent = next((len(x) - len(x.lstrip(" ")) for x in file_lines if x.strip()), 0)
        lines = value.split("\n")
        if not all(
            i < len(file_lines) and file_lines[i][indent:] == line for i, line in enumerate(lines)
        ):
            continue
        yield from _scripts(lines, header_line + 1, indent)


def _scripts(lines: list[str], first: int, indent: int) -> Iterator[Script]:
    """The Python heredocs of the shell `lines`, whose first stands on line `first`."""
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = _OPENER.search(line)
        i += 1
        if opener is None or not (_PYTHON_FILE.search(line) or _PYTHON_RUN.search(line)):
            continue
        word, tabs = opener.group(3), opener.group(1) == "-"
        end = next(
            (
                j
                for j in range(i, len(lines))
                if (lines[j].lstrip("\t") if tabs else lines[j]) == word
            ),
            None,
        )
        if end is None:
            return
        yield Script("".join(x + "\n" for x in lines[i:end]), first + i, indent)
        i = end + 1
