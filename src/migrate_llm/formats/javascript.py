"""A JavaScript or TypeScript module as the rule reading it (ML510) sees it.

Not a parser: one pass over the text that tells code from comments and string literals, so
that a construct is looked for in code only and a model or a URL in strings only. A `/`
starts a regular expression literal where an operand is expected (after `(`, `=`, `,`, an
operator, `return`...), else it divides. Template literals are strings whose `${...}` parts
are code. A text this pass gets wrong (an unterminated string) is read to its end as that
string: the rule may then miss something, never report what is in a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate_llm.model import Span

# After these a `/` starts a regular expression literal
_OPERAND_EXPECTED = frozenset("(,=:[!&|?{};+-*%<>~^")
_KEYWORD_BEFORE = re.compile(
    r"(?:^|[^\w$.])(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$"
)


@dataclass(frozen=True)
class StringLiteral:
    """A string literal: `value` as written between its quotes (escapes of a quote and of a
    backslash undone), `span` with the quotes; `template` for a template literal, each of
    whose parts between substitutions is one (its span with the `${` and `}` around it)."""

    value: str
    span: Span
    template: bool = False


@dataclass(frozen=True)
class Script:
    """`text` with its comments blanked (`code`: same length, line breaks kept) and also its
    strings' contents (`bare`: quotes kept), and its string literals in text order."""

    text: str
    code: str
    bare: str
    strings: tuple[StringLiteral, ...]


def read_script(text: str) -> Script:
    """The code, bare code and string literals of a JavaScript or TypeScript text."""
    code = list(text)
    bare = list(text)
    strings: list[StringLiteral] = []
    braces: list[bool] = []  # per open `{`: whether it opened a template's `${`
    last = ""  # the last significant character of code
    i, n = 0, len(text)

    def blank(chars: list[str], start: int, end: int) -> None:
        for k in range(start, end):
            if chars[k] not in "\r\n":
                chars[k] = " "

    def string_end(start: int, quote: str) -> int:
        """The index after the literal opened at `start` (the end of a template's static
        part: its closing backquote or the `{` of a `${`)."""
        k = start + 1
        while k < n:
            c = text[k]
            if c == "\\":
                k += 2
                continue
            if c == quote:
                return k + 1
            if quote == "`" and c == "$" and text.startswith("${", k):
                return k + 2
            if c == "\n" and quote != "`":
                return k  # unterminated: ends at the line
            k += 1
        return n

    while i < n:
        c = text[i]
        if c == "/" and text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            blank(code, i, end)
            blank(bare, i, end)
            i = end
            continue
        if c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end == -1 else end + 2
            blank(code, i, end)
            blank(bare, i, end)
            i = end
            continue
        if c == "/" and _starts_pattern(last, text, i):
            k, in_class = i + 1, False
            while k < n and text[k] != "\n":
                if text[k] == "\\":
                    k += 2
                    continue
                if text[k] == "[":
                    in_class = True
                elif text[k] == "]":
                    in_class = False
                elif text[k] == "/" and not in_class:
                    break
                k += 1
            blank(bare, i + 1, min(k, n))
            i, last = k + 1, "/"
            continue
        if c in "'\"`" or (c == "}" and braces and braces[-1]):
            quote = "`" if c == "}" else c
            if c == "}":
                braces.pop()
            end = string_end(i, quote)
            resumed = quote == "`" and text.startswith("${", end - 2)
            closed = resumed or (text[end - 1 : end] == quote and end > i + 1)
            inner_end = end - 2 if resumed else end - 1 if closed else end
            if closed:
                value = re.sub(r"\\([\\'\"`])", r"\1", text[i + 1 : inner_end])
                strings.append(StringLiteral(value, Span(i, end), template=quote == "`"))
            blank(bare, i + 1, max(inner_end, i + 1))
            if resumed:
                braces.append(True)
            i, last = end, quote
            continue
        if c == "{":
            braces.append(False)
        elif c == "}" and braces:
            braces.pop()
        if not c.isspace():
            last = c
        i += 1
    return Script(text, "".join(code), "".join(bare), tuple(strings))


def _starts_pattern(last: str, text: str, at: int) -> bool:
    """Whether the `/` at `at` starts a regular expression literal (see the module)."""
    if not last or last in _OPERAND_EXPECTED:
        return True
    if last.isalnum() or last in "_$":
        line_start = text.rfind("\n", 0, at) + 1
        return bool(_KEYWORD_BEFORE.search(text[line_start:at].rstrip()))
    return False
