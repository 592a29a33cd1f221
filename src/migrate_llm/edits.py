"""Applying edits: one pass over the text, outer edits winning over the ones they contain
(`composed` first writes an inner edit into the outer one, where that keeps its code);
edits that disagree (`conflicts`) are for the engine to leave out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

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
    leave that code as it was, for a second apply to change.

    An inner edit goes where its own code landed (`_kept_at`), found by position, not by
    text: a second copy of the same code (`x if c else x`, a header string beside the key
    read it renames) is another node, left as it was. Where the outer text does not keep the
    inner's code verbatim, or holds what the inner one writes there already (it wrote it),
    the inner edit is not written into it."""
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
        if i not in inside:
            continue
        start, end = edits[i].span.start, edits[i].span.end
        new = result[i].text
        landed = _kept_at(text[start:end], new)
        placed: list[tuple[int, int, str, int]] = []  # (start, end) in `new`, text, edit
        for j in inside[i]:
            span = edits[j].span
            code = text[span.start : span.end]
            at = landed(span.start - start, span.end - start)
            if at is None or not _code_pattern(code).match(new, at):
                continue  # not kept verbatim, or now part of longer code
            if _holds_at(new, at, code, result[j].text):
                continue  # the outer edit wrote what the inner one does already
            placed.append((at, at + len(code), result[j].text, j))
        if placed:
            parts: list[str] = []
            cursor = 0
            for at, stop, written, _ in placed:  # in order: `_kept_at` keeps the order
                parts += [new[cursor:at], written]
                cursor = stop
            result[i] = replace(result[i], text="".join(parts) + new[cursor:])
            went.update((j, i) for *_, j in placed)
    for j, i in list(went.items()):  # each to the outermost edit it went into
        while i in went:
            i = went[i]
        went[j] = i
    return result, went


# The code an outer edit's old and new text are aligned by: names and numbers, runs of
# white space, single other characters. Aligning tokens, not characters, keeps a name whole
# and costs a hundredth as much (a 2,000-character outer edit: 10 ms, not 0.5 s).
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# The most token pairs the changed middle of an outer edit is aligned for; past that, only
# its unchanged head and tail count as kept (an outer edit that large holding an inner one
# is rare; an alignment of it would take seconds).
_ALIGNED = 4_000_000


def _kept_at(old: str, new: str) -> Callable[[int, int], int | None]:
    """Where a range of `old` (an outer edit's original code) lies in `new` (its text), when
    `new` keeps that range verbatim: a question of offsets in `old`, answered with the start
    in `new`, or None.

    The outer edits are written from templates around code of the original nodes
    (`ctx.code(node)` in an f-string), so nothing records which spans they kept; the kept
    spans are read off the two texts instead. Their tokens are aligned (the same head and
    tail, then `difflib.SequenceMatcher` on the rest: in order, longest common runs first;
    no junk heuristic, which would skip common tokens of a long text), and a range is kept
    where its tokens lie inside one matched run. The copy a range maps to is the one at its
    own place among the kept code: a second copy of the same code elsewhere, in the original
    or in what the template adds, pairs with itself or with nothing. A run `new` holds twice
    (`f(x) if c else f(x)` written for `f(x)`) is no one place: the outer edit copied that
    code, and which copy is kept cannot be told. Recording kept spans in every rule that
    writes an outer edit would say the same for code copied whole, at the cost of threading
    positions through hundreds of templates."""
    from bisect import bisect_left, bisect_right
    from difflib import SequenceMatcher
    from itertools import accumulate

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    a_at = [0, *accumulate(map(len, a))]  # where each token starts, and the end
    b_at = [0, *accumulate(map(len, b))]
    shorter = min(len(a), len(b))
    head = next((k for k in range(shorter) if a[k] != b[k]), shorter)
    tail = next((k for k in range(shorter - head) if a[-1 - k] != b[-1 - k]), shorter - head)
    runs = [(0, 0, head)]
    middle = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(middle[0]) * len(middle[1]) <= _ALIGNED:
        matcher = SequenceMatcher(None, *middle, autojunk=False)
        runs += [(i + head, j + head, n) for i, j, n in matcher.get_matching_blocks() if n]
    runs.append((len(a) - tail, len(b) - tail, tail))

    def at(start: int, end: int) -> int | None:
        first, stop = bisect_right(a_at, start) - 1, bisect_left(a_at, end)
        for i, j, n in runs:
            if i <= first and stop <= i + n:
                if _copies(a[i : i + n], b) > 1:
                    return None
                return b_at[j + first - i] + start - a_at[first]
        return None

    return at


def _copies(run: list[str], tokens: list[str]) -> int:
    """How many times `tokens` hold the token sequence `run` (whole tokens: `gpt` is not in
    `gpt_url`, nor `m` in `MOONSHOT_API_KEY`), up to two."""
    found = 0
    for k in range(len(tokens) - len(run) + 1):
        if tokens[k] == run[0] and tokens[k : k + len(run)] == run:
            found += 1
            if found > 1:
                break
    return found


def keeps_code(new: str, code: str, written: str) -> bool:
    """Whether `new` (an applied outer edit's text) still holds `code` (the original code of an
    inner edit not written into it) as a whole (`_code_pattern`), other than as part of the
    inner edit's text `written` where that holds it (`x` of `x or z`): apply then leaves that
    code as it was, and the inner finding is not fixed."""
    return bool(code) and any(
        not _holds_at(new, m.start(), code, written) for m in _code_pattern(code).finditer(new)
    )


def _holds_at(new: str, at: int, code: str, written: str) -> bool:
    """Whether `new` holds `written` (an inner edit's text) where it holds that edit's `code`
    at `at`, as one copy of the code within it (`x` of `x or z`)."""
    found = written.find(code)
    while found >= 0:
        if at >= found and new.startswith(written, at - found):
            return True
        found = written.find(code, found + 1)
    return False


def _code_pattern(code: str) -> re.Pattern[str]:
    """`code` found as a whole: not part of a longer name, number, dotted name, path or
    model id (`gpt-4o` is not in `gpt-4o-mini`, `os` not in `os.environ`)."""
    head = r"(?<![\w.\-/])" if code[0].isalnum() or code[0] == "_" else ""
    tail = r"(?![\w.\-/])" if code[-1].isalnum() or code[-1] == "_" else ""
    return re.compile(head + re.escape(code) + tail)


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
