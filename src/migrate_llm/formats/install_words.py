"""The requirements an install command of a script or Dockerfile names (`RUN pip install
--no-cache-dir tiktoken==0.2.0 openai==0.27.0`, `uv pip install "openai<1"`, `poetry add
openai@^0.28`, `conda run -n env pip install ...`, Docker's exec form `RUN ["pip", "install",
"openai<1"]`), each as an entry with the word as the shell reads it (`value`) and as written
(`value_span`, quotes included): what ML504 reads in a requirements file (t53c D3: ChatPaper's
Dockerfile installed openai==0.27.0 beside migrated code and check passed).

A command runs from its installer's words to the end of its logical line (backslash
continuations joined, Dockerfile comment lines inside them skipped) or to a shell operator
(`&&`, `||`, `;`, `|`, a redirection, a parenthesis). Options are skipped, with the argument of
those that take one (`-i URL`, `-r file`); a word holding a substitution (`$VAR`, a
backquote) is no requirement.
"""

from __future__ import annotations

import json
import re

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

# the kind of the document ML504 reads these words as (a requirements file's lines)
INSTALL = "install"
# the words starting an install command, up to the first requirement: pip's (`pip`, `pip3`,
# `python -m pip`, `uv pip`), `pipenv install`, uv's and Poetry's `add`
_INSTALLER = re.compile(
    r"(?<![\w.-])(?:(?:python[\d.]*\s+-m\s+|uv\s+)?pip[\d.]*\s+install|pipenv\s+install"
    r"|(?:uv|poetry)\s+add)(?![\w.-])"
)
# a word: unquoted runs, quoted strings; ends at a space or a shell operator
_WORD = re.compile(r"""(?:[^\s'"\\;&|()<>]|\\.|'[^']*'|"(?:[^"\\]|\\.)*")+""")
_OPERATOR = re.compile(r"\s*(?:&&|\|\||[;&|()<>]|\n)")
# a backslash ending a line: the command goes on
_CONTINUATION = re.compile(r"\\\r?\n")
# options of pip, uv, Poetry and pipenv that take the next word as their argument
_WITH_ARGUMENT = frozenset(
    {
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--trusted-host",
        "--python",
        "-p",
        "--platform",
        "--python-version",
        "--src",
        "--cache-dir",
        "--proxy",
        "--timeout",
        "--retries",
        "--cert",
        "--log",
        "-G",
        "--group",
        "--source",
        "-E",
        "--extras",
    }
)
_EXEC_FORM = re.compile(r"(?m)^[ \t]*RUN[ \t]+(\[.*\])[ \t]*\r?$")
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def install_words(text: str) -> list[Entry]:
    """The requirement words of the install commands in `text` (see the module's docstring),
    in the order of the text."""
    if "install" not in text and " add" not in text:
        return []
    found = [*_exec_form(text)]
    joined = _blank_continuations(text)
    for command in _INSTALLER.finditer(joined):
        line_start = joined.rfind("\n", 0, command.start()) + 1
        if "#" in joined[line_start : command.start()].lstrip()[:1]:
            continue  # a comment
        if _EXEC_FORM.match(joined, line_start):
            continue  # read as JSON
        found.extend(_requirements(joined, text, command.end()))
    return sorted(found, key=lambda e: e.value_span.start if e.value_span else 0)


def _blank_continuations(text: str) -> str:
    """`text` with each backslash-newline, and each comment line inside a continued command
    (as Docker skips it), turned into spaces: offsets stay those of `text`."""
    out: list[str] = []
    continued = False
    for line in text.splitlines(keepends=True):
        if continued and line.lstrip().startswith("#"):
            out.append(" " * len(line))
            continue
        continued = line.rstrip("\r\n").endswith("\\")
        out.append(line)
    return _CONTINUATION.sub(lambda m: " " * len(m.group(0)), "".join(out))


def _requirements(joined: str, text: str, at: int) -> list[Entry]:
    found: list[Entry] = []
    skip = False
    while True:
        if _OPERATOR.match(joined, at) or at >= len(joined):
            return found
        word = _WORD.search(joined, at)
        if word is None or joined[at : word.start()].strip():
            return found
        raw = word.group(0)
        at = word.end()
        if raw.startswith("#"):
            return found
        if skip:
            skip = False
            continue
        if raw.startswith("-"):
            skip = raw in _WITH_ARGUMENT
            continue
        if "$" in raw or "`" in raw:
            continue
        value = re.sub(r"""\\(.)|'([^']*)'|"((?:[^"\\]|\\.)*)\"""", _unquoted, raw)
        found.append(Entry(None, ("install",), value, None, Span(word.start(), word.end())))


def _unquoted(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1)
    if match.group(2) is not None:
        return match.group(2)
    return re.sub(r"\\(.)", r"\1", match.group(3))


def _exec_form(text: str) -> list[Entry]:
    """The requirements of Docker's exec form (`RUN ["pip", "install", "openai<1"]`): JSON
    strings, no shell between."""
    found: list[Entry] = []
    for line in _EXEC_FORM.finditer(text):
        strings = list(_JSON_STRING.finditer(text, line.start(1), line.end(1)))
        words = [json.loads(s.group(0)) for s in strings]
        spoken = " ".join(words)
        command = _INSTALLER.search(spoken)
        if command is None:
            continue
        first = spoken[: command.end()].count(" ") + 1
        skip = False
        for string, word in list(zip(strings, words, strict=True))[first:]:
            if skip:
                skip = False
            elif word.startswith("-"):
                skip = word in _WITH_ARGUMENT
            else:
                found.append(Entry(None, ("install",), word, None, Span(*string.span())))
    return found
