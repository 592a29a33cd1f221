""".gitignore and exclude patterns, matched at the speed of a few lookups a path.

pathspec decides a path by trying every pattern in turn: a template .gitignore has over a
hundred, which made the walk of a repository keeping one in each package (LlamaIndex has
608) several times slower than reading its files. Nearly every path of a tree matches none
of them, so each set of patterns gets a screen in front that holds for every path one of
the patterns' own expressions matches (and for a few others). Most patterns name a path
component (`.env`, `build/`), its end (`*.pyc`), its start (`.coverage.*`) or its whole
within one component (`*.py[cod]`), or the start of the path (`/site`, `docs/_build/`): those
are tested with a set, `str` methods and one expression, read off the expression pathspec
made (so nothing depends on reading gitignore's syntax twice), and the few others are joined
into one expression. A path the screen rules out is not ignored; a path it holds goes to
pathspec, which decides as before (negations, directory patterns). A walk asks for a
directory's names at once (`files_in`): where nothing above them is held, only the names are
tested, in one comprehension a directory. A .gitignore's patterns are read once per distinct
text: packages generated from one template share it. (The walk of the SDK-free tree, 25,000
files with a .gitignore in each of 50 packages: 0.089 s testing each path, 0.048 s by names.)
A run with a result cache keeps each set's screen, as data, and what pathspec decided of the
paths it held (`Kept`): the next run reads none of the patterns and imports no pathspec
unless a path no run has decided is held.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    import pathspec

# pathspec's expression for a pattern that may match below any directory (`*.pyc`,
# `build/`): factored out of the union, so that its search for a `/` is made once
ANY_DIRECTORY = "^(?:.+/)?"


class Patterns:
    """A set of gitignore-style patterns (`match_file` as pathspec's `GitIgnoreSpec`).

    Made from the screen of its patterns and, when a run keeps them (`Kept`), the paths
    pathspec has decided for it before: pathspec reads the patterns (it is imported) only
    for a path the screen holds and no run has decided."""

    def __init__(
        self,
        spec: pathspec.PathSpec | None = None,
        *,
        lines: tuple[str, ...] = (),
        plan: ScreenPlan | None = None,
        decided: dict[str, bool] | None = None,
    ) -> None:
        self.lines = lines  # what `spec` reads, when it is made on first use
        self._spec = spec
        if plan is None:
            plan = screen_plan([p.regex for p in self.spec.patterns if p.include is not None])
        self.plan = plan
        self.screen = Screen(plan)
        # what pathspec said of each path the screen held (kept between runs by `Kept`): the
        # latest, in order, at most twice `KEPT_DECISIONS`; and how many it was asked here
        self.decided: dict[str, bool] = {} if decided is None else decided
        self.asked = 0

    @property
    def spec(self) -> pathspec.PathSpec:
        """pathspec's reading of the lines (made on first use)."""
        if self._spec is None:
            self._spec = _spec_of(self.lines)
        return self._spec

    def match_file(self, path: str) -> bool:
        """Whether the patterns ignore `path` (relative, `/`-separated; a directory's ends
        with `/`)."""
        if not self.screen(_normalized(path)):
            return False
        found = self.decided.get(path)
        if found is None:
            found = self.decided[path] = bool(self.spec.match_file(path))
            self.asked += 1
            if len(self.decided) > 2 * KEPT_DECISIONS:  # a tree of a million data files
                self.decided = dict(list(self.decided.items())[-KEPT_DECISIONS:])
        return found

    def files_in(self, head: str) -> NameScreen | None:
        """`Screen.files_in`: a test of the names of the entries of directory `head` that
        holds for every one these patterns may ignore."""
        return self.screen.files_in(head)


def _normalized(path: str) -> str:
    """`path` as pathspec matches it (`normalize_file`)."""
    if os.sep != "/" or os.altsep or path.startswith(("/", "./")):
        from pathspec.util import normalize_file

        return normalize_file(path)
    return path


def screen(expressions: Sequence[re.Pattern[str] | None]) -> Screen:
    """A test that holds for every path one of `expressions` finds a match in (pathspec
    searches each), and for few others: by name or by the path's start where an
    expression's text allows (`_by_name`, `_ends_in_class`, `_component`, `_leading`:
    `/site` holds for `sitemap.xml` too, `build/` for a file named `build`), by their
    union, as one expression, where it allows that, else by each."""
    return Screen(screen_plan(expressions))


class ScreenPlan(NamedTuple):
    """What a screen tests, as plain data (a run can keep it): component names, ends and
    starts, expressions matching a whole component, literal starts of the path, the
    expressions joined into one matched at the path's start, and those searched apart
    (with their flags)."""

    names: tuple[str, ...]
    ends: tuple[str, ...]
    starts: tuple[str, ...]
    components: tuple[str, ...]
    leads: tuple[str, ...]
    branches: tuple[str, ...]
    apart: tuple[tuple[str, int], ...]


def screen_plan(expressions: Sequence[re.Pattern[str] | None]) -> ScreenPlan:
    """How `screen` tests the paths `expressions` match, read off their text."""
    names: list[str] = []
    ends: list[str] = []
    starts: list[str] = []
    components: list[str] = []
    leads: list[str] = []
    anywhere: list[str] = []
    anchored: list[str] = []
    apart: list[tuple[str, int]] = []
    default_flags = re.compile("").flags
    for expression in expressions:
        if expression is None:
            continue
        if expression.flags != default_flags:
            apart.append((expression.pattern, expression.flags))
            continue
        named = _by_name(expression.pattern)
        if named is not None:
            how, literal = named
            if how == "name":
                if literal not in names:
                    names.append(literal)
            else:
                (ends if how == "end" else starts).append(literal)
            continue
        class_ends = _ends_in_class(expression.pattern)
        if class_ends is not None:
            ends.extend(end for end in class_ends if end not in ends)
            continue
        component = _component(expression.pattern)
        if component is not None:
            components.append(component)
            continue
        lead = _leading(expression.pattern)
        if lead is not None:
            leads.append(lead)
            continue
        text = _plain(expression.pattern)
        if text is not None and text.startswith(ANY_DIRECTORY):
            anywhere.append(text[len(ANY_DIRECTORY) :])
        elif text is not None and text.startswith("^"):
            anchored.append(text[1:])
        else:
            apart.append((expression.pattern, expression.flags))
    branches = [*anchored]
    if anywhere:
        branches.insert(0, "(?:.+/)?(?:" + "|".join(anywhere) + ")")
    return ScreenPlan(
        tuple(names),
        tuple(ends),
        tuple(starts),
        tuple(components),
        tuple(leads),
        tuple(branches),
        tuple(apart),
    )


class Screen:
    """The screen of a set of patterns (`screen`), made from its plan."""

    def __init__(self, plan: ScreenPlan) -> None:
        names, ends, starts, components, leads, branches, apart = plan
        joined = "|".join(f"(?:{c})" for c in components)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # as in `_spec_of`
            self._union = re.compile("^(?:" + "|".join(branches) + ")").match if branches else None
            whole = re.compile(joined).fullmatch if components else None
            self._searches = tuple(re.compile(text, flags).search for text, flags in apart)
        self._by_name = _NameTest(NameScreen(frozenset(names), ends, starts, whole))
        self._leading = leads
        # the tests that need a path's every component at once
        self._whole_path = bool(branches or apart)
        self._files: dict[str, NameScreen | None] = {}

    def __call__(self, path: str) -> bool:
        if self._leading and path.startswith(self._leading):
            return True
        if self._by_name.active and self._by_name(path):
            return True
        if self._union is not None and self._union(path) is not None:
            return True
        for search in self._searches:  # noqa: SIM110 (called for every path of a tree)
            if search(path) is not None:
                return True
        return False

    def files_in(self, head: str) -> NameScreen | None:
        """For the entries of the directory `head` (relative, `/`-separated: empty or
        ending with `/`): a screen of their names that holds for every name this screen
        holds for `head` + the name (+ `/` for a directory; a walk tries a directory's names
        rather than each path: most directories hold nothing any pattern is about); None
        when only the whole path tells."""
        found = self._files.get(head, _UNKNOWN)
        if found is not _UNKNOWN:
            return cast("NameScreen | None", found)
        if len(self._files) >= 65536:
            self._files.clear()
        test = self._files[head] = self._files_in(head)
        return test

    def _files_in(self, head: str) -> NameScreen | None:
        if self._whole_path or (self._leading and head.startswith(self._leading)):
            return None
        if head and self._by_name.active and self._by_name(head):
            return None
        # `docs/_build` for a file of `docs/` is a name that starts with `_build`
        starts = tuple(
            lead[len(head) :]
            for lead in self._leading
            if lead.startswith(head) and "/" not in lead[len(head) :]
        )
        component = self._by_name.component
        return component._replace(starts=component.starts + starts) if starts else component


_UNKNOWN = object()  # not in a cache yet


class NameScreen(NamedTuple):
    """A test of one path component: `Screen.files_in`."""

    names: frozenset[str]
    ends: tuple[str, ...]
    starts: tuple[str, ...]
    whole: Callable[[str], re.Match[str] | None] | None

    def holds(self, name: str) -> bool:
        return (
            name in self.names
            or name.endswith(self.ends)
            or name.startswith(self.starts)
            or (self.whole is not None and self.whole(name) is not None)
        )

    def held(self, names: Iterable[str]) -> list[str]:
        """Those of `names` the test holds for."""
        whole = self.whole
        return [
            name
            for name in names
            if name in self.names
            or name.endswith(self.ends)
            or name.startswith(self.starts)
            or (whole is not None and whole(name) is not None)
        ]


class _NameTest:
    """Whether a component of a path passes `component` (a `NameScreen`). The paths of a
    walk come a directory at a time, so what the components above the last one hold is kept
    by directory."""

    __slots__ = ("_above", "active", "component")

    def __init__(self, component: NameScreen) -> None:
        self.component = component
        self.active = any(component)
        self._above: dict[str, bool] = {}

    def __call__(self, path: str) -> bool:
        stem = path[:-1] if path.endswith("/") else path
        head, _, name = stem.rpartition("/")
        if self.component.holds(name):
            return True
        above = self._above.get(head)
        if above is None:
            if len(self._above) >= 65536:
                self._above.clear()
            above = self._above[head] = bool(head) and self(head)
        return above


# How pathspec ends the expression of a pattern: matching a file or a directory (`name`),
# or only a directory (`name/`); both go on to anything below what they match.
_PATTERN_ENDS = ("(?:(?P<ps_d>/)|$)", "(?P<ps_d>/)")
# pathspec's expression for the `*` of a pattern: any part of one name
_ANY_IN_NAME = "[^/]*"


def _by_name(text: str) -> tuple[str, str] | None:
    """("name" | "end" | "start", literal) when the expression `text` matches a path
    (searched from its start) only where a component of the path is, ends with or starts
    with the literal: a pattern without a `/` inside (`.env`, `build/`, `*.pyc`, `.cov.*`)."""
    if not text.startswith(ANY_DIRECTORY):
        return None
    body = _without_end(text[len(ANY_DIRECTORY) :])
    if body is None:
        return None
    how = "name"
    if body.startswith(_ANY_IN_NAME):
        how, body = "end", body[len(_ANY_IN_NAME) :]
    elif body.endswith(_ANY_IN_NAME):
        how, body = "start", body[: -len(_ANY_IN_NAME)]
    literal = _literal(body)
    if literal is None or "/" in literal or (how == "name" and not literal):
        return None
    return how, literal


# the most endings a class at the end of a name is read as (`*.py[cod]`: three)
MAX_CLASS_ENDS = 8


def _ends_in_class(text: str) -> tuple[str, ...] | None:
    """The endings a name must have when the expression `text` matches a path only where
    one of its components ends with a literal and one character of a class (`*.py[cod]`:
    `.pyc`, `.pyo`, `.pyd`), a class of a few plain characters: tested as `str.endswith`
    rather than by an expression for each name."""
    if not text.startswith(ANY_DIRECTORY):
        return None
    body = _without_end(text[len(ANY_DIRECTORY) :])
    if body is None or not body.startswith(_ANY_IN_NAME) or not body.endswith("]"):
        return None
    opens = body.rfind("[")
    members = body[opens + 1 : -1]
    literal = _literal(body[len(_ANY_IN_NAME) : opens]) if opens >= 0 else None
    if (
        literal is None
        or "/" in literal
        or not members
        or len(members) > MAX_CLASS_ENDS
        or not all(m.isascii() and m.isalnum() for m in members)
    ):
        return None  # ranges, negations, escapes: read as an expression (`_component`)
    return tuple(literal + member for member in dict.fromkeys(members))


def _leading(text: str) -> str | None:
    """The literal a path must start with when the expression `text` matches it: a pattern
    anchored to its .gitignore's directory without wildcards (`/site`, `docs/_build/`)."""
    if not text.startswith("^") or text.startswith(ANY_DIRECTORY):
        return None
    body = _without_end(text[1:])
    literal = None if body is None else _literal(body)
    return literal or None


def _component(text: str) -> str | None:
    """The expression, to match a whole path component, of an expression `text` that
    matches a path only where one of its components is matched (`*.py[cod]`, `x?y`): its
    body holds only literals, `[^/]` and classes without `/`, each perhaps repeated."""
    if not text.startswith(ANY_DIRECTORY):
        return None
    body = _without_end(text[len(ANY_DIRECTORY) :])
    if not body:
        return None
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            following = body[i + 1 : i + 2]
            if not following or following.isalnum() or not following.isascii() or following == "/":
                return None
            i += 2
        elif body.startswith("[^/]", i):
            i += 4
        elif char == "[":
            end = _class_end(body, i)
            members = body[i + 1 : end - 1]
            if end < 0 or members.startswith("^") or "/" in members or "\\" in members:
                return None  # a negated class, as pathspec writes `[!a]`, matches `/`
            i = end
        elif char in "*+?" and i > 0:
            i += 1
        elif char in ".^$(){}|/*+?":
            return None
        else:
            i += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # as in `_patterns`
        return body if re.fullmatch(body, "") is None else None


def _without_end(body: str) -> str | None:
    for end in _PATTERN_ENDS:
        if body.endswith(end):
            return body[: -len(end)]
    return None


def _literal(body: str) -> str | None:
    """The text an expression matches when it is only plain and escaped characters, as
    `re.escape` writes them; None when it holds anything else."""
    out = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            following = body[i + 1 : i + 2]
            if not following or following.isalnum() or not following.isascii():
                return None  # a class (`\d`), a reference, or a trailing backslash
            out.append(following)
            i += 2
            continue
        if char in ".^$*+?{}[]()|":
            return None
        out.append(char)
        i += 1
    return "".join(out)


def _plain(text: str) -> str | None:
    """`text` (an expression) with its named groups made plain groups, when it can be joined
    to others by `|` as it is: no alternation outside a group, no reference to a group by
    name or number, no inline flags, no conditional; None otherwise."""
    out = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 < len(text) and text[i + 1].isdigit():
                return None  # a reference by number
            out.append(text[i : i + 2])
            i += 2
            continue
        if char == "[":
            end = _class_end(text, i)
            if end < 0:
                return None
            out.append(text[i:end])
            i = end
            continue
        if char == "(":
            depth += 1
            if text.startswith("(?P<", i):
                close = text.find(">", i)
                if close < 0:
                    return None
                out.append("(?:")
                i = close + 1
                continue
            if text.startswith("(?", i) and not text.startswith(("(?:", "(?=", "(?!"), i):
                return None  # flags, references, conditionals, comments, lookbehinds
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            return None
        out.append(char)
        i += 1
    return "".join(out) if depth == 0 else None


def _class_end(text: str, start: int) -> int:
    """The index just past the character class opening at `start`; -1 if it never ends."""
    i = start + 1
    if i < len(text) and text[i] == "^":
        i += 1
    if i < len(text) and text[i] == "]":
        i += 1  # a `]` first is a member
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[" and text.startswith("[:", i):
            return -1  # POSIX classes and nested sets: not ours to read
        if text[i] == "]":
            return i + 1
        i += 1
    return -1


@functools.lru_cache(maxsize=256)
def _patterns(lines: tuple[str, ...]) -> Patterns:
    return Patterns(_spec_of(lines), lines=lines)


def _spec_of(lines: tuple[str, ...]) -> pathspec.PathSpec:
    import pathspec  # only for a tree with a .gitignore or excludes: it costs an import

    with warnings.catch_warnings():
        # a pattern such as `*[[]*` makes `re` warn of a possible nested set: Python's own
        # words with a line of pathspec's source, on the user's terminal, about their file
        warnings.simplefilter("ignore", FutureWarning)
        try:
            return pathspec.GitIgnoreSpec.from_lines(lines)
        except Exception:  # pathspec raises several kinds (re.error, ValueError, ...)
            kept = [line for line in lines if _valid(line)]
            return pathspec.GitIgnoreSpec.from_lines(kept)


# `dir/**/`: git drops the slash and keeps the pattern for directories, so `dir/**` matches
# the directories inside `dir`, not `dir` itself, which pathspec's reading of `**/` (zero or
# more directories) also ignored: a tree's `plugins/**/` beside `!plugins/agent` hid every
# file of `plugins` (chatgpt-on-wechat's). Read as `dir/**/*/`, the directories inside.
_INSIDE_ONLY = re.compile(r"(?<=[^/])/\*\*/(?=\s*$)")


def patterns_of(lines: Iterable[str], kept: Kept | None = None) -> Patterns:
    """The patterns of a .gitignore (or of excludes); a line git would ignore as invalid
    (`[z-a]`, a lone backslash) is skipped rather than failing the run. The same lines give
    the same object, read once; with `kept`, what earlier runs kept of them is used."""
    lines = tuple(_INSIDE_ONLY.sub("/**/*/", line) if "**/" in line else line for line in lines)
    return _patterns(lines) if kept is None else kept.patterns(lines)


def _valid(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except Exception:
        return False
    return True


# What `Kept` keeps of a set of patterns: [its `ScreenPlan` as lists, {path: ignored}]
KeptEntry = list[Any]
# The decisions kept for one set (the latest): a tree with thousands of held paths (a
# pattern for data files beside them) still reads a kept entry in milliseconds.
KEPT_DECISIONS = 10_000


class Kept:
    """The screens of pattern sets and pathspec's decisions for them, kept between runs (by
    the result cache): reading a .gitignore's patterns means importing pathspec and having
    it translate and compile every line, for nothing when its screen rules out every path of
    the tree. Both are a function of the lines and of pathspec's and migrate-llm's code:
    an entry's key is the digest of the lines with `version`, which names both.

    `entries` are the kept ones (JSON text by key); what this process finds out (new sets,
    new decisions) is in `learned()`, and what another process did is taken in by
    `take_in`."""

    def __init__(self, entries: Mapping[str, str], version: str) -> None:
        self.entries = entries
        self.version = version
        # by key: the patterns, and how many paths pathspec had been asked of them when
        # they were read (None: made here)
        self._made: dict[str, tuple[Patterns, int | None]] = {}
        self._by_lines: dict[tuple[str, ...], Patterns] = {}
        self._taken: dict[str, KeptEntry] = {}

    def key(self, lines: tuple[str, ...]) -> str:
        text = "\n".join(lines)
        data = f"{self.version}\0{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def patterns(self, lines: tuple[str, ...]) -> Patterns:
        found = self._by_lines.get(lines)
        if found is not None:
            return found
        key = self.key(lines)
        restored = _restored(lines, self.entries.get(key))
        if restored is None:
            made = _patterns(lines)
            self._made[key] = (made, None)
        else:
            made = restored
            self._made[key] = (made, made.asked)
        self._by_lines[lines] = made
        return made

    def learned(self) -> dict[str, KeptEntry]:
        """The entries this process made or added decisions to, and those taken in, each
        with its `KEPT_DECISIONS` latest decisions (paths gone from the tree are never
        asked again: an entry does not grow without bound)."""
        found = dict(self._taken)
        for key, (made, read) in self._made.items():
            if read is None or made.asked > read:
                entry: KeptEntry = [list(map(list, made.plan)), dict(made.decided)]
                if key in found:
                    entry[1] = {**found[key][1], **entry[1]}
                found[key] = entry
        for entry in found.values():
            if len(entry[1]) > KEPT_DECISIONS:
                entry[1] = dict(list(entry[1].items())[-KEPT_DECISIONS:])
        return found

    def take_in(self, learned: Mapping[str, KeptEntry]) -> None:
        """Add what another process learned (`learned()` there)."""
        for key, entry in learned.items():
            known = self._taken.get(key)
            self._taken[key] = entry if known is None else [entry[0], {**known[1], **entry[1]}]


def _restored(lines: tuple[str, ...], value: str | None) -> Patterns | None:
    """The patterns `value` (a kept entry's JSON) describes; None for none or a damaged one."""
    if value is None:
        return None
    try:
        plan_lists, decided = json.loads(value)
        plan = ScreenPlan(*(tuple(field) for field in plan_lists))
        texts = [t for field in plan[:6] for t in field] + [t for t, _ in plan.apart]
        if not all(isinstance(t, str) for t in texts) or not all(
            isinstance(f, int) for _, f in plan.apart
        ):
            return None
        plan = plan._replace(apart=tuple((t, f) for t, f in plan.apart))
        if not isinstance(decided, dict) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in decided.items()
        ):
            return None
        return Patterns(lines=lines, plan=plan, decided=decided)
    except (ValueError, TypeError, re.error):
        return None


def pathspec_stamp() -> str | None:
    """Where pathspec is installed and when its files were written, without importing it
    (what `Kept` keys its entries by); None when it cannot be found."""
    import importlib.util

    try:
        found = importlib.util.find_spec("pathspec")
        origin = found.origin if found is not None else None
        if origin is None:
            return None
        stat = os.stat(origin)
    except (ImportError, ValueError, OSError):
        return None
    return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"
