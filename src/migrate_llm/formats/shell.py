"""Files that start a program and hand it its environment: shell scripts (`*.sh`, `*.bash`,
`*.zsh`, direnv's `.envrc`), Dockerfiles and Containerfiles, Makefiles (`*.mk`), Procfiles
and systemd units (`*.service`). One reader for all: their lines are shell commands, or an
assignment in a form one of them knows.

What the rules see: an assignment (`export OPENAI_API_KEY=...`, `OPENAI_API_KEY=$(KEY) python
app.py`, `docker run -e NAME=...`, a Dockerfile's `ENV NAME=value` or `ENV NAME value`, a
unit's `Environment="NAME=value"`, a Makefile's `NAME ?= value`) is an entry keyed by its
variable, as is a variable handed on without a value (`ARG NAME`, `export NAME`, `-e NAME`);
a long option's argument (`--model gpt-4o`, `--base-url=...`) is an entry keyed by the
option's name; every other word of a command is an entry without a key (`"$OPENAI_API_KEY"`).
Words are split as a shell splits them (quotes, backslashes, `$(...)`, line continuations,
comments); a value is its word without quotes and escapes, its span the word as written.
A heredoc's lines are read a line at a time (quotes do not run on past a line there).
Nothing is rejected: a line that is none of these gives its words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from migrate_llm.formats.document import Entry
from migrate_llm.model import Span

# what a word can hold without quoting, escaping or substitution, read in one step
_PLAIN = re.compile(r"[^\s'\"\\$`;&|()<>#]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME_EQ = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_OPTION = re.compile(r"--([A-Za-z][\w.-]*)(?:=(.*))?", re.DOTALL)
# Dockerfile instructions that set variables, and those that take a JSON list (exec form)
_DOCKER_VARIABLES = re.compile(r"(ENV|ARG)[ \t]+")
_EXEC_FORM = re.compile(r"(?:RUN|CMD|ENTRYPOINT)[ \t]+(?=\[)")
# a systemd unit's environment (`Environment=`) and its commands (`ExecStart=`)
_UNIT = re.compile(r"(Environment|Exec[A-Za-z]*)[ \t]*=[ \t]*")
# a Makefile variable: `NAME = value` (a space before the `=`: `NAME=value` is the shell's),
# `NAME := value`, `NAME ?= value`, `export NAME += value`
_MAKE = re.compile(
    r"(?:(?:export|override|private)[ \t]+)*([A-Za-z_][A-Za-z0-9_.-]*)"
    r"(?:[ \t]*(?::{1,3}|[?+!])=|[ \t]+=)[ \t]*"
)
_MAKE_COMMENT = re.compile(r"(?<!\\)#")
# a Procfile's process type or a Makefile's target before what it runs (`web: python app.py`)
_LABEL = re.compile(r"[A-Za-z0-9_.-]+[ \t]*:(?=[ \t\r\n]|\Z)")
# commands whose bare arguments are variables handed on (`export OPENAI_API_KEY`)
_EXPORTS = frozenset({"export", "declare", "typeset", "readonly", "local"})
# options that take a variable to hand to a container (`docker run -e NAME`)
_ENV_OPTIONS = frozenset({"-e", "--env"})
_HEREDOC = re.compile(r"<<(-?)[ \t]*(['\"]?)([^\s'\"<>;&|()]+)\2")
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_IN_DOUBLE_QUOTES = re.compile(r'[\\"`]|\$\(')
_IN_PARENTHESES = re.compile(r"[()'\"\\`]")
# quotes and substitutions nested deeper are not looked into (a text made to exhaust the stack)
_NESTING = 64


@dataclass
class _Word:
    """A word as the shell reads it: `text` without quotes and escapes, `offsets` where each
    of its characters stands in the file, `start`/`end` the word as written."""

    text: str
    offsets: list[int]
    start: int
    end: int


# between two commands (`;`, `&&`, `|`, a redirection): an option takes no argument across it
_Words = list[_Word | None]


def read(text: str) -> list[Entry]:
    reader = _Reader(text)
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        pos = reader.line(pos)
    return reader.entries


class _Reader:
    """Reads a text line by line into `entries`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entries: list[Entry] = []
        self.heredocs: list[tuple[str, bool]] = []
        # the openers found unclosed (scanned to the end of the text once, then literal)
        self.unclosed: set[tuple[str, int]] = set()

    def line(self, pos: int) -> int:
        """Read the line (with its continuations) at `pos` and the heredocs it opens; the
        position after them."""
        text = self.text
        start = pos
        while start < len(text) and text[start] in " \t":
            start += 1
        if text.startswith("\t", pos):  # a Makefile's recipe: `@` (silent), `-`, `+` first
            while start < len(text) and text[start] in "@-+":
                start += 1
        if text.startswith(";", start):  # a comment of a systemd unit
            end = text.find("\n", start)
            return len(text) if end == -1 else end + 1
        if (found := _DOCKER_VARIABLES.match(text, start)) is not None:
            words, end = self.command(found.end())
            self._docker_variables(found.group(1), words)
        elif (found := _UNIT.match(text, start)) is not None:
            words, end = self.command(found.end())
            if found.group(1) == "Environment":
                self._assignments(words)
            else:
                self._command(words)
        elif (found := _MAKE.match(text, start)) is not None:
            end = self._make_variable(found)
        elif (found := _EXEC_FORM.match(text, start)) is not None:
            end = self._exec_form(found.end())
        else:
            label = _LABEL.match(text, start)
            words, end = self.command(label.end() if label is not None else start)
            self._command(words)
        return self._heredoc_lines(end)

    # -- words ---------------------------------------------------------------------------

    def command(self, pos: int, line_only: bool = False) -> tuple[_Words, int]:
        """The words from `pos` to the end of the command's line (None between commands), and
        the position after that line. `line_only`: quotes and substitutions end with the line
        (a heredoc's text), which a backslash does not continue."""
        text = self.text
        limit = len(text)
        if line_only:
            eol = text.find("\n", pos)
            limit = limit if eol == -1 else eol
        words: _Words = []
        chars: list[str] = []
        offsets: list[int] = []
        first = -1  # where the word being read starts

        def add(part: str, start: int) -> None:
            chars.append(part)
            offsets.extend(range(start, start + len(part)))

        def flush(end: int) -> None:
            nonlocal first
            if first != -1:
                words.append(_Word("".join(chars), list(offsets), first, end))
                chars.clear()
                offsets.clear()
                first = -1

        i = pos
        while i < limit:
            char = text[i]
            if char == "\n":
                flush(i)
                return words, i + 1
            if char in " \t\r\f\v":
                flush(i)
                i += 1
                continue
            if char in ";&|()<>":
                flush(i)
                if words and words[-1] is not None:
                    words.append(None)
                heredoc = _HEREDOC.match(text, i) if char == "<" else None
                if text.startswith("<<<", i):  # a here-string: its word follows
                    i += 3
                elif heredoc is not None:
                    if not line_only:
                        self.heredocs.append((heredoc.group(3), heredoc.group(1) == "-"))
                    i = heredoc.end()
                else:
                    i += 1
                continue
            if char == "#" and first == -1:  # a comment, to the end of the line
                end = text.find("\n", i, limit)
                i = limit if end == -1 else end
                continue
            if first == -1:
                first = i
            if char == "\\":
                continued = text.startswith("\n", i + 1) or text.startswith("\r\n", i + 1)
                if continued and not line_only:  # a line continued on the next
                    i += 2 if text[i + 1] == "\n" else 3
                    if not chars:
                        first = -1
                elif i + 1 < limit and not continued:
                    add(text[i + 1], i + 1)
                    i += 2
                else:
                    add(char, i)
                    i += 1
                continue
            if char == "'":
                close = self._close(i, "'", limit)
                if close == -1:
                    add(char, i)
                    i += 1
                else:
                    add(text[i + 1 : close], i + 1)
                    i = close + 1
                continue
            if char == '"':
                close = self._close_double(i, limit)
                if close == -1:
                    add(char, i)
                    i += 1
                else:
                    self._add_double(i, close, chars, offsets)
                    i = close + 1
                continue
            if char == "$" or char == "`":
                close = self._substitution(i, limit)
                add(text[i : close + 1] if close != -1 else char, i)
                i = i + 1 if close == -1 else close + 1
                continue
            plain = _PLAIN.match(text, i, limit)
            run = plain.group() if plain is not None else char
            add(run, i)
            i += len(run)
        flush(i)
        if line_only:
            return words, limit + 1
        return words, i

    def _add_double(self, start: int, close: int, chars: list[str], offsets: list[int]) -> None:
        """The text of a double-quoted string as the shell gives it (`\\$`, `\\"`, `\\\\`,
        `\\` before a newline are escapes; a substitution stays as written)."""
        text = self.text
        i = start + 1
        while i < close:
            if text[i] == "\\" and text[i + 1] in '$`"\\\n':
                if text[i + 1] != "\n":
                    chars.append(text[i + 1])
                    offsets.append(i + 1)
                i += 2
            else:
                chars.append(text[i])
                offsets.append(i)
                i += 1

    def _close(self, start: int, quote: str, limit: int) -> int:
        """Where the quote opened at `start` closes before `limit`, or -1."""
        if (quote, limit) in self.unclosed:
            return -1
        close = self.text.find(quote, start + 1, limit)
        if close == -1:
            self.unclosed.add((quote, limit))
        return close

    def _close_double(self, start: int, limit: int, depth: int = 0) -> int:
        """Where the double quote opened at `start` closes, or -1 (`depth`: how many quotes
        and substitutions hold it)."""
        if ('"', limit) in self.unclosed or depth > _NESTING:
            return -1
        text = self.text
        i = start + 1
        while (found := _IN_DOUBLE_QUOTES.search(text, i, limit)) is not None:
            at = found.start()
            mark = found.group()
            if mark == '"':
                return at
            if mark == "\\":
                i = at + 2
                continue
            close = self._substitution(at, limit, depth + 1)
            i = at + 1 if close == -1 else close + 1
        self.unclosed.add(('"', limit))
        return -1

    def _substitution(self, start: int, limit: int, depth: int = 0) -> int:
        """Where the `$(...)`, `${...}`, `$'...'` or backquoted command at `start` ends (its
        last character), or -1 (a lone `$`, or one never closed)."""
        text = self.text
        if text[start] == "`":
            return self._close_backquote(start, limit)
        after = text[start + 1 : start + 2]
        if after == "(":
            return self._close_parenthesis(start + 1, limit, depth)
        if after == "{":
            return self._close(start + 1, "}", limit)
        if after == "'":
            return self._close_ansi(start + 1, limit)
        return -1

    def _close_backquote(self, start: int, limit: int) -> int:
        if ("`", limit) in self.unclosed:
            return -1
        i = start + 1
        text = self.text
        while (at := text.find("`", i, limit)) != -1:
            backslashes = 0
            while text[at - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                return at
            i = at + 1
        self.unclosed.add(("`", limit))
        return -1

    def _close_ansi(self, start: int, limit: int) -> int:
        """The end of `$'...'`, where `\\'` is a quote inside."""
        text = self.text
        i = start + 1
        while (at := text.find("'", i, limit)) != -1:
            backslashes = 0
            while text[at - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                return at
            i = at + 1
        return -1

    def _close_parenthesis(self, start: int, limit: int, depth: int) -> int:
        """Where the `(` at `start` of a `$(...)` closes, or -1 (`depth` as for quotes)."""
        if ("(", limit) in self.unclosed or depth > _NESTING:
            return -1
        text = self.text
        open_ = 1  # parentheses open (`$(case x in a) ... esac)` is not counted right)
        i = start + 1
        while (found := _IN_PARENTHESES.search(text, i, limit)) is not None:
            at = found.start()
            mark = found.group()
            if mark == "(":
                open_ += 1
                i = at + 1
            elif mark == ")":
                open_ -= 1
                if open_ == 0:
                    return at
                i = at + 1
            elif mark == "\\":
                i = at + 2
            else:
                close = (
                    self._close_double(at, limit, depth + 1)
                    if mark == '"'
                    else self._close_backquote(at, limit)
                    if mark == "`"
                    else self._close(at, "'", limit)
                )
                if close == -1:
                    break
                i = close + 1
        self.unclosed.add(("(", limit))
        return -1

    def _heredoc_lines(self, pos: int) -> int:
        """Read the lines of the heredocs the last line opened, up to each one's end."""
        text = self.text
        pending, self.heredocs = self.heredocs, []
        for delimiter, tabs in pending:
            while pos < len(text):
                eol = text.find("\n", pos)
                end = len(text) if eol == -1 else eol
                line = text[pos:end].rstrip("\r")
                if (line.lstrip("\t") if tabs else line) == delimiter:
                    pos = end + 1
                    break
                words, pos = self.command(pos, line_only=True)
                self._command(words)
        return pos

    # -- entries -------------------------------------------------------------------------

    def _command(self, words: _Words) -> None:
        """The entries of a command's words: assignments, options with their arguments,
        variables exported or handed to a container, and the other words."""
        exporting = False
        i = 0
        while i < len(words):
            word = words[i]
            if word is None:
                exporting = False
                i += 1
                continue
            after = words[i + 1] if i + 1 < len(words) else None
            if word.text in _EXPORTS and (i == 0 or words[i - 1] is None):
                exporting = True
                self.entries.append(_bare(word))
                i += 1
                continue
            handed = None
            if word.text in _ENV_OPTIONS and after is not None:
                handed = self._handed(after)
            elif word.text.startswith("--env="):
                handed = self._handed(_tail(word, len("--env=")))
            if handed is not None:
                self.entries.append(handed)
                i += 1 if word.text.startswith("--env=") else 2
                continue
            entry = self._assignment(word) or (self._variable(word) if exporting else None)
            if entry is None:
                entry, taken = self._option(word, after)
                i += taken
            self.entries.append(entry or _bare(word))
            i += 1

    def _handed(self, word: _Word) -> Entry | None:
        """What `docker run -e` hands a container: `NAME=value`, or `NAME` as it is here."""
        return self._assignment(word) or self._variable(word)

    def _assignments(self, words: _Words) -> None:
        """A unit's `Environment=` words, each `NAME=value` (quoted or not)."""
        for word in words:
            if word is not None:
                self.entries.append(self._assignment(word) or _bare(word))

    def _docker_variables(self, instruction: str, words: _Words) -> None:
        """`ENV NAME=value ...`, `ENV NAME value` (the rest of the line), `ARG NAME[=value]`."""
        present = [w for w in words if w is not None]
        if not present:
            return
        first = present[0]
        if instruction == "ENV" and _NAME_EQ.match(first.text) is None and len(present) > 1:
            key = _name_span(first)
            rest = present[1:]
            if len(rest) == 1:
                value, span = rest[0].text, Span(rest[0].start, rest[0].end)
            else:
                span = Span(rest[0].start, rest[-1].end)
                value = self.text[span.start : span.end]
            if key is not None:
                self.entries.append(Entry(first.text, (first.text,), value, key, span))
            return
        for word in present:
            self.entries.append(self._assignment(word) or self._variable(word) or _bare(word))

    def _make_variable(self, found: re.Match[str]) -> int:
        """A Makefile variable: its value is the rest of the line up to a comment, a whole
        quoted value without its quotes; one continued on the next line has no one value."""
        text = self.text
        name = found.group(1)
        key = Span(found.start(1), found.end(1))
        eol = text.find("\n", found.end())
        end = len(text) if eol == -1 else eol
        line = text[found.end() : end]
        if _continued(text, end):
            while eol != -1 and _continued(text, eol):
                eol = text.find("\n", eol + 1)
            self.entries.append(Entry(name, (name,), None, key, None))
            return len(text) if eol == -1 else eol + 1
        comment = _MAKE_COMMENT.search(line)
        raw = (line if comment is None else line[: comment.start()]).rstrip(" \t\r")
        start = found.end()
        value = raw
        if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[0] not in raw[1:-1]:
            value = raw[1:-1]
        self.entries.append(Entry(name, (name,), value, key, Span(start, start + len(raw))))
        return end + 1

    def _exec_form(self, pos: int) -> int:
        """`CMD ["python", "app.py", "--model", "gpt-4o"]`: the strings of the JSON list as
        words; a list that is not JSON is a shell command, as Docker reads it."""
        text = self.text
        eol = text.find("\n", pos)
        end = len(text) if eol == -1 else eol
        raw = text[pos:end].rstrip(" \t\r")
        try:
            items = json.loads(raw)
        except ValueError:
            items = None
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            read, after = self.command(pos)
            self._command(read)
            return after
        words: _Words = []
        for token in _JSON_STRING.finditer(text, pos, pos + len(raw)):
            start, stop = token.span()
            value = json.loads(token.group())
            # an escaped string stands as a whole: no key can be placed in it
            offsets = list(range(start + 1, stop - 1)) if "\\" not in token.group() else []
            words.append(_Word(value, offsets, start, stop))
        self._command(words)
        return end + 1

    def _assignment(self, word: _Word) -> Entry | None:
        """`NAME=value` (also `"NAME=value"`, as `env` and `docker run -e` take it)."""
        found = _NAME_EQ.match(word.text)
        if found is None:
            return None
        name = found.group(1)
        key = _span_of(word, 0, len(name))
        if key is None:
            return None
        value = word.text[len(name) + 1 :]
        return Entry(name, (name,), value, key, self._after(word, len(name)))

    def _after(self, word: _Word, at: int) -> Span:
        """Where the part of `word` after its character `at` (an `=`) stands: up to the end
        of the word, or of the quotes that hold the whole word (`"NAME=value"`)."""
        start = word.offsets[at] + 1 if at < len(word.offsets) else word.start
        end = word.end
        opening = self.text[word.start]
        quoted = opening in "'\"" and word.offsets[:1] == [word.start + 1]
        if quoted and end - 1 >= start and self.text[end - 1] == opening:
            end -= 1
        return Span(start, max(start, end))

    def _variable(self, word: _Word) -> Entry | None:
        """A variable named alone, handed on without a value (`export NAME`, `ARG NAME`)."""
        if _NAME.fullmatch(word.text) is None:
            return None
        key = _span_of(word, 0, len(word.text))
        return Entry(word.text, (word.text,), None, key, None) if key is not None else None

    def _option(self, word: _Word, after: _Word | None) -> tuple[Entry | None, int]:
        """`--name=value`, or `--name value`: an entry keyed by the option's name, and how
        many words after `word` it takes."""
        found = _OPTION.fullmatch(word.text)
        if found is None:
            return None, 0
        name = found.group(1)
        key = _span_of(word, 2, 2 + len(name))
        if found.group(2) is not None:
            return Entry(name, (name,), found.group(2), key, self._after(word, 2 + len(name))), 0
        if after is None or after.text.startswith("-") or _NAME_EQ.match(after.text):
            return None, 0  # a flag, or one followed by an assignment (`--set NAME=value`)
        return Entry(name, (name,), after.text, key, Span(after.start, after.end)), 1


def _continued(text: str, eol: int) -> bool:
    """Whether the line ending at `eol` ends with a backslash (it goes on on the next)."""
    end = eol - 1 if eol > 0 and text[eol - 1] == "\r" else eol
    return end > 0 and text[end - 1] == "\\"


def _tail(word: _Word, start: int) -> _Word:
    """The part of `word` after its character `start - 1` (an `=`), as a word of its own
    (written from just after that character: `"` of `--env="NAME=value"`)."""
    at = word.offsets[start - 1] + 1 if len(word.offsets) >= start else word.end
    return _Word(word.text[start:], word.offsets[start:], at, word.end)


def _bare(word: _Word) -> Entry:
    return Entry(None, (), word.text, None, Span(word.start, word.end))


def _name_span(word: _Word) -> Span | None:
    return _span_of(word, 0, len(word.text)) if _NAME.fullmatch(word.text) else None


def _span_of(word: _Word, start: int, end: int) -> Span | None:
    """Where characters `start:end` of a word stand, when they stand together."""
    if end > len(word.offsets) or start >= end:
        return None
    first, last = word.offsets[start], word.offsets[end - 1]
    return Span(first, last + 1) if last - first == end - 1 - start else None
