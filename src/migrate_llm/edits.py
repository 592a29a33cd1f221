"""Applying edits: one pass over the text, outer edits winning over the ones they contain
(`composed` first writes an inner edit into the outer one that keeps its code); edits that
disagree (`conflicts`) are for the engine to leave out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import cast

from migrate_llm.model import Edit


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[int]]:
    """`text` with `edits` applied, and the indices of the edits that were applied.

    Edits are taken in order of position: at one offset, insertions first (in the given
    order), then the longest replacement (of one span, the longest text: it writes what the
    others do, and more; see `conflicts`). An edit that overlaps one already taken is
    skipped: it lies inside a larger rewrite of the same code. Edits that only touch all
    apply.
    """

    order = sorted(range(len(edits)), key=_order(edits))
    taken: list[int] = []
    end = 0
    for i in order:
        span = edits[i].span
        if span.start < end:
            continue  # inside a larger rewrite
        # the same edit reported twice: only an insertion can equal one taken (a taken
        # replacement ends at or before this one's start)
        if span.start == span.end and any(edits[i] == edits[t] for t in taken[-8:]):
            continue
        taken.append(i)
        end = span.end
    parts: list[str] = []
    cursor = 0
    for i in taken:
        span = edits[i].span
        parts.append(text[cursor : span.start])
        parts.append(edits[i].text)
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts), sorted(taken)


def _order(edits: Sequence[Edit]) -> Callable[[int], tuple[int, bool, int, int, int]]:
    """The order `apply_edits` takes edits in, as a key of their indices."""

    def key(i: int) -> tuple[int, bool, int, int, int]:
        span = edits[i].span
        replaces = span.end > span.start
        return span.start, replaces, -span.end, -len(edits[i].text) if replaces else 0, i

    return key


def composed(text: str, edits: Sequence[Edit]) -> tuple[list[Edit], dict[int, int]]:
    """`edits`, each replacement with the replacements inside it written into its text where
    that text keeps their code verbatim, and which edit each such inner one went into (its
    index: the outermost edit holding it). An outer edit that copies code it contains (ML003's
    `<base_url> or os.environ.get(...)` around the OpenAI URL ML402 replaces) would otherwise
    leave that code as it was, for a second apply to change. What the outer text holds of
    the inner one's text (it wrote it) stays as it is."""
    order = sorted((i for i, e in enumerate(edits) if e.span.end > e.span.start), key=_order(edits))
    inside: dict[int, list[int]] = {}
    open_: list[int] = []  # the replacements holding the current one, outermost first
    for i in order:
        span = edits[i].span
        while open_ and edits[open_[-1]].span.end <= span.start:
            open_.pop()
        if not open_:
            open_.append(i)
            continue
        outer = edits[open_[-1]].span
        if outer != span and span.end <= outer.end:  # not the same code, nor overlapping
            inside.setdefault(open_[-1], []).append(i)
            open_.append(i)
    result = list(edits)
    went: dict[int, int] = {}  # inner edit -> the edit it went into
    for i in reversed(order):  # inner edits first: each carries what went into it
        codes = [(j, text[edits[j].span.start : edits[j].span.end]) for j in inside.get(i, ())]
        code_of = text[edits[i].span.start : edits[i].span.end]
        # only a copy that can be no other code: once in what the outer edit replaces and
        # once in what it writes (a second copy, or the outer's own template, is left)
        kept = [
            (j, code) for j, code in codes if _once(code, code_of) and _once(code, result[i].text)
        ]
        if kept:
            inner = [(code, result[j].text) for j, code in kept]
            written, replaced = _written_into(result[i].text, inner)
            result[i] = replace(result[i], text=written)
            went.update((j, i) for j, code in kept if code in replaced)
    for j, i in list(went.items()):  # each to the outermost edit it went into
        while i in went:
            i = went[i]
        went[j] = i
    return result, went


def _code_pattern(code: str) -> re.Pattern[str]:
    """`code` found as a whole: not part of a longer name, number, dotted name, path or
    model id (`gpt-4o` is not in `gpt-4o-mini`, `os` not in `os.environ`)."""
    head = r"(?<![\w.\-/])" if code[0].isalnum() or code[0] == "_" else ""
    tail = r"(?![\w.\-/])" if code[-1].isalnum() or code[-1] == "_" else ""
    return re.compile(head + re.escape(code) + tail)


def _once(code: str, text: str) -> bool:
    """Whether `text` holds `code` as a whole exactly once."""
    return len(_code_pattern(code).findall(text)) == 1


def _written_into(outer: str, inner: Sequence[tuple[str, str]]) -> tuple[str, set[str]]:
    """`outer` with each copy of an inner edit's code (the first of each pair) replaced by
    what that edit writes (the second), in one pass, the longest code first, and the codes
    replaced; a copy inside what an inner edit writes, which the outer one wrote already, is
    left (`x` of `x or y`)."""
    written = {new: new for code, new in inner if code in new}
    written.update(inner)
    ordered = sorted(written, key=len, reverse=True)
    pattern = re.compile("|".join(f"({_code_pattern(code).pattern})" for code in ordered))
    replaced: set[str] = set()

    def write(match: re.Match[str]) -> str:
        code = ordered[cast("int", match.lastindex) - 1]
        if written[code] != code:
            replaced.add(code)
        return written[code]

    return pattern.sub(write, outer), replaced


def edited_starts(edits: Sequence[Edit], taken: Sequence[int]) -> dict[int, int]:
    """Where the text of each edit `apply_edits` took (`taken`, indices of `edits`) starts in
    the text it made."""
    starts: dict[int, int] = {}
    shift = 0
    for i in sorted(taken, key=_order(edits)):
        span = edits[i].span
        starts[i] = span.start + shift
        shift += len(edits[i].text) - (span.end - span.start)
    return starts


def conflicts(text: str, edits: Sequence[Edit]) -> dict[int, set[int]]:
    """The edits of `text` that disagree with others, by index, each with the indices of those:
    two replacements of one span neither of whose texts holds the other's, or two that
    overlap without one holding the other where the one `apply_edits` takes (the first) does
    not end in what the other writes. `apply_edits` would take one of them and drop the
    rest, so the findings of the others would say what apply does not do; the engine takes
    none of them. An edit inside another is the outer one's to make, and insertions (empty
    spans) all apply: neither disagrees."""
    order = sorted((i for i, e in enumerate(edits) if e.span.end > e.span.start), key=_order(edits))
    found: dict[int, set[int]] = {}
    open_: list[int] = []  # the replacements that may reach the current one
    for i in order:
        span = edits[i].span
        while open_ and edits[open_[-1]].span.end <= span.start:
            open_.pop()
        for j in open_:
            other = edits[j].span
            if other.end <= span.start:
                continue  # beside it (left open under one it overlaps)
            if other == span:
                agree = _agree(edits[i], edits[j])
            else:  # `j` is taken: it must end in what `i` writes
                written = edits[j].text + text[other.end : span.end]
                agree = other.end >= span.end or written.endswith(edits[i].text)
            if not agree:
                found.setdefault(i, set()).add(j)
                found.setdefault(j, set()).add(i)
        open_.append(i)
    return found


def _agree(one: Edit, other: Edit) -> bool:
    """Whether two replacements of one span agree: one writes the other's text, and more (the
    base URL ML402 writes, with the key ML640 adds beside it), also where they quote their
    strings differently: ML401 keeps the quotes of the read it renames
    (`os.environ.get('DEEPSEEK_BASE_URL', ...)`), ML103 writes `"` around the same read in
    `openai.base_url = ...` (t59b D2); the text applied is the longer one, in its own quotes."""
    if one.text in other.text or other.text in one.text:
        return True
    mine, theirs = _single_quoted(one.text), _single_quoted(other.text)
    return mine in theirs or theirs in mine


def _single_quoted(code: str) -> str:
    """`code` with its plain double-quoted string literals single-quoted (`layout.with_quote`);
    as it is where it holds a backslash, whose meaning may differ between quotes elsewhere
    than in Python (a YAML file's edit)."""
    if "\\" in code or '"' not in code:
        return code
    from migrate_llm.layout import with_quote

    return with_quote(code, "'")
