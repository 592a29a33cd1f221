"""Screening: cheap text tests that decide whether a file is worth parsing at all.

Most files of a large tree never name OpenAI or a framework; these tests rule them out at
about the speed of reading them. Python's `re` finds an expression that starts with a
literal in C at about 0.35 ns a character (`in` takes 0.5 to 0.8 ns for the short literals
here, so the anchors are found with `re` too), but tries an expression that starts with
`\\b`, a character class or an alternation at every position (10 to 800 ns a character for
the large alternations here). So every test is one literal-led expression, tried only on a
text that holds its literal: `\\bword` is written `word(?<=\\bword)` (the same matches, found
by the literal), an alternation is one expression per branch, and a case-insensitive one is
tried only when the lowercased text holds its word.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field

from migrate_llm.formats import FORMATS
from migrate_llm.frameworks import (
    TYPE_KEYWORDS,
    TYPE_USES,
    aider,
    crewai,
    graphrag,
    llamaindex,
    tokenizers,
)
from migrate_llm.frameworks.gateways import client_triggers
from migrate_llm.frameworks.instructor import OPENAI_PROVIDER, PROVIDER_SEPARATOR
from migrate_llm.frameworks.langchain import MEMBER_METHODS, OPENAI_MODEL_PREFIX, TOOL_METHOD
from migrate_llm.frameworks.litellm import AZURE_ROUTES, LOCKED_LITELLM, OPENAI_ROUTES
from migrate_llm.frameworks.modules import (
    FRAMEWORK_MODULES,
    after_import_keyword,
    called_only,
    keyword_triggers,
    openai_client_classes,
    qualified_names,
    trigger_names,
)
from migrate_llm.frameworks.pins import (
    FIRST_WITH_BASE_URL,
    MOVED_WITH_OPENAI,
    REPLACED_FOR_OPENAI_V1,
)
from migrate_llm.frameworks.pydantic_ai import EVALS_DATASETS, OPENAI_PREFIXES
from migrate_llm.openai_sdk import (
    AZURE_DEPLOYMENT_PATH,
    KEY_ASK,
    KEY_ASK_WORDS,
    KEY_FORMAT_AFTER_SK,
    MODEL_FRAGMENT_PATTERN,
    MODEL_FRAGMENT_STARTS,
    OPENAI_KEY_PREFIXES,
    OPENAI_WEB_HOSTS,
    TIKTOKEN_GET_ENCODING,
    TOKENIZER_WORD,
    family_heads,
    member_stems,
    surface_of_model,
)
from migrate_llm.rare_bytes import literal_search
from migrate_llm.registry import Provider
from migrate_llm.secrets import SECRET_KEY
from migrate_llm.statements import import_statements
from migrate_llm.textio import plain_ascii

INSTRUCTOR_OPENAI_PREFIX = OPENAI_PROVIDER + PROVIDER_SEPARATOR  # `"openai/gpt-4o"`


class Expression:
    """A regular expression compiled when first tried: most of a run's tests are never
    tried (no file holds their literal), and compiling them all was a tenth of the start-up
    of a small run, in every worker too."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text)

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled


class LiteralBefore(Expression):
    """`literal` somewhere before a match of the expression, found by two searches: one
    regular expression (the literal, then any text lazily, then the pattern) is tried at every
    occurrence of the literal and runs to the end of the text from each: quadratic on a module
    quoting a model thousands of times (a catalogue after apply: 23 s for 450 KB)."""

    __slots__ = ("literal",)

    def __init__(self, literal: str, pattern: str) -> None:
        super().__init__(pattern)
        self.literal = literal

    def search(self, text: str) -> re.Match[str] | None:
        at = text.find(self.literal)
        return None if at == -1 else self.compiled().search(text, at + len(self.literal))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Each occurrence of the literal ending before the last match of the expression."""
        last = None
        for last in self.compiled().finditer(text):  # noqa: B007 (the last one is wanted)
            pass
        if last is None:
            return iter(())
        return re.compile(re.escape(self.literal)).finditer(text, 0, last.start())


# a settings dict written into the call of a class (`MyVanna(config={...})`), which may derive
# from a class named like OpenAI in another module of the project (`rules.openai_configs`)
SETTINGS_TO_CLASS = r"\b[A-Z]\w*\s*\(\s*(?:\w+\s*=\s*)?(?:\{|dict\s*\()"

# (literal, expression): the expression is tried only on a text that holds the literal;
# None when holding the literal is the whole test
Test = tuple[str, "Expression | None"]


@dataclass(frozen=True)
class Prefilter:
    """Whether a text is worth examining: one of `tests` passes, or one of `folded`, or it
    imports a framework in a way `triggers` says its rules may read. With `anchors`, `tests`
    are tried only on a text that holds one of them or where a `quoted` expression matches
    (literals of which every passing text holds one: most files are ruled out by a few `in`)."""

    tests: tuple[Test, ...]
    anchors: tuple[str, ...] = ()
    # more anchors: a quote before a model name, one expression per quote character
    quoted: tuple[Expression, ...] = ()
    # case-insensitive expressions, each tried only when the lowercased text holds one of
    # its words
    folded: tuple[tuple[tuple[str, ...], Expression], ...] = ()
    # framework imports, one expression per keyword (`import`, `from`; group 1: the
    # module), each counted only at the start of a line (`lead` "line") or of a JSON string
    # or after an escaped line break (`lead` "json", a notebook's cells); such an import
    # passes only with one of that framework's names in the text (`trigger_names`)
    framework_imports: tuple[Expression, ...] = ()
    lead: str = "line"
    triggers: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # for `in_code`: the tests of `tests` that stand for an import of openai, and those
    # whose match counts in a comment too (a key)
    import_tests: tuple[Test, ...] = ()
    comment_tests: tuple[Test, ...] = ()

    @functools.cached_property
    def _anchor_searches(self) -> tuple[Callable[[str], re.Match[str] | None], ...]:
        # `re` finds a short literal in a text that lacks it about twice as fast as `in`, and
        # `in` a rare character ten times as fast (`rare_bytes`); the quoted model names after
        # them, compiled once tried (nearly every file is)
        anchors = (literal_search(anchor) for anchor in self.anchors)
        return (*anchors, *(quoted.compiled().search for quoted in self.quoted))

    @functools.cached_property
    def _later_searches(self) -> tuple[Callable[[str], re.Match[str] | None], ...]:
        return self._anchor_searches[1:]

    @functools.cached_property
    def _import_searches(self) -> tuple[Callable[[str, int], re.Match[str] | None], ...]:
        return tuple(pattern.compiled().search for pattern in self.framework_imports)

    @functools.cached_property
    def _byte_searches(self) -> tuple[Callable[[bytes], object], ...] | None:
        """The searches `screen` makes of a text that no test passes, over the bytes of an
        ASCII text (`rules_out`): its anchors, quoted model names and framework imports. None
        where a text without anchors is tested, or folded, or an expression could match
        ASCII bytes otherwise than their text (`\\s` also matches \\x1c to \\x1f in a text)."""
        expressions = (*self.quoted, *self.framework_imports)
        patterns = [e.pattern for e in expressions]
        if (
            not self.anchors
            or self.folded
            or not all(p.isascii() for p in (*patterns, *self.anchors))
            or any(re.search(r"\\[sS]|\(\?[a-zA-Z]*[iLu]", p) for p in patterns)
        ):
            return None
        anchors = (literal_search(anchor.encode("ascii")) for anchor in self.anchors)
        return (*anchors, *(re.compile(p.encode("ascii")).search for p in patterns))

    def rules_out(self, data: bytes) -> bool:
        """Whether `screen` of ASCII `data`'s text gives (False, False, set()): the text holds
        no anchor, no quoted model name and no framework import's keyword and module (one
        such, imported or not, is left to `screen`). Told from the bytes, not decoded; False
        where it cannot be told so (`_byte_searches`)."""
        searches = self._byte_searches
        if searches is None:
            return False
        for search in searches:  # noqa: SIM110 (see `screen`)
            if search(data) is not None:
                return False
        return True

    def search(self, text: str) -> bool:
        return self.judge(text)[0]

    def judge(self, text: str) -> tuple[bool, bool]:
        """Whether `text` passes (`search`), and whether it holds the first anchor (`openai`
        in the Python filters: a caller looking for `openai.` need not look in a text that
        lacks it)."""
        passed, first, _ = self.screen(text)
        return passed, first

    def screen(self, text: str) -> tuple[bool, bool, set[str] | None]:
        """`judge`, and the framework modules `text` imports (`frameworks_imported`) when they
        were looked for: None where another test passed first."""
        # loops rather than any(), written out here: most files of a tree fail every test,
        # and a generator or a call costs more than the tests on a small file
        first = bool(self.anchors) and self._anchor_searches[0](text) is not None
        if first or not self.anchors or self._anchored(text):
            for literal, pattern in self.tests:
                if literal in text and (pattern is None or pattern.search(text)):
                    return True, first, None
        if self.folded and self._folded(text):
            return True, first, None
        if not self.framework_imports:
            return False, first, set()
        modules = self.frameworks_imported(text)
        return bool(modules) and self._framework_passes(text, modules), first, modules

    def framework_passes(self, text: str) -> bool:
        """Whether `text` imports a framework and names what `triggers` says its rules read."""
        if not self.framework_imports:
            return False
        return self._framework_passes(text, self.frameworks_imported(text))

    def _framework_passes(self, text: str, modules: set[str]) -> bool:
        if not modules:
            return False
        absent: list[str] = []  # a part not in the text: nor is any part that holds it

        def holds(part: str) -> bool:
            if any(a in part for a in absent):
                return False
            if part in text:
                return True
            absent.append(part)
            return False

        return any(all(map(holds, entry)) for module in modules for entry in self.triggers[module])

    def in_code(self, text: str, tree: ast.Module) -> bool:
        """Whether `text` passes a test other than a framework import's, counting its code
        (its Python `tree`), not its comments: an import test passes where the tree imports
        a module named openai, another test where it matches off the lines that are
        comments (or in a string written over several lines), a test of `comment_tests`
        wherever it matches. The rules read no comment but for a key, so a module whose
        only mention of OpenAI is a comment (`# needs OPENAI_API_KEY`), or prose in a
        docstring (`... from openai.`), has nothing to report."""
        if self.anchors and not self._holds_first(text) and not self._anchored(text):
            return False
        comments = _CommentLines(text, tree)
        for test in self.tests:
            literal, pattern = test
            if literal not in text:
                continue
            if test in self.import_tests:
                if (pattern is None or pattern.search(text)) and _imports_openai(tree):
                    return True
            elif test in self.comment_tests:
                if pattern is None or pattern.search(text):
                    return True
            elif pattern is None:
                at = text.find(literal)
                while at != -1:
                    if not comments.holds(at):
                        return True
                    at = text.find(literal, at + 1)
            else:
                for match in pattern.finditer(text):
                    if not comments.holds(match.start()) and not _tokenizer_argument(
                        text, match.start()
                    ):
                        return True
        return self._folded(text)

    def _holds_first(self, text: str) -> bool:
        return bool(self.anchors) and self._anchor_searches[0](text) is not None

    def frameworks_imported(self, text: str) -> set[str]:
        """The framework modules `text` imports at the start of a line (of a cell's line)."""
        found = set()
        # `search` from each match's end: most texts hold no match, and a search that finds
        # none costs less than making and ending `finditer`'s iterator
        for search in self._import_searches:
            match = search(text, 0)
            while match is not None:
                if _leads(text, match.start(), self.lead):
                    found.add(match.group(1))
                match = search(text, match.end())
        return found

    def _folded(self, text: str) -> bool:
        if self.folded:
            # on ASCII text `lower` is what case-insensitive matching folds; other text may
            # hold a letter it matches that `lower` leaves alone (the dotless `ı` for `i`)
            lowered = text.lower() if text.isascii() else None
            for words, pattern in self.folded:
                held = lowered is None or any(word in lowered for word in words)
                if held and pattern.search(text):
                    return True
        return False

    def _anchored(self, text: str) -> bool:
        """Whether `text` holds an anchor after the first, or a quoted model name."""
        for anchor in self._later_searches:  # noqa: SIM110 (see `screen`)
            if anchor(text) is not None:
                return True
        return False


class _CommentLines:
    """Whether a place of a text is on a line that is a comment (`#` first on it), and not in
    a string written over several lines."""

    def __init__(self, text: str, tree: ast.Module) -> None:
        self.text, self.tree = text, tree
        self._strings: list[tuple[int, int]] | None = None

    def holds(self, at: int) -> bool:
        text = self.text
        start = text.rfind("\n", 0, at) + 1
        if not text[start:at].lstrip(" \t").startswith("#"):
            return False
        line = text.count("\n", 0, at) + 1
        return not any(first < line <= last for first, last in self.strings())

    def strings(self) -> list[tuple[int, int]]:
        """The first and last lines of each string of the tree written over several."""
        if self._strings is None:
            self._strings = [
                (node.lineno, node.end_lineno)
                for node in ast.walk(self.tree)
                if isinstance(node, (ast.Constant, ast.JoinedStr))
                and node.end_lineno is not None
                and node.end_lineno > node.lineno
            ]
        return self._strings


def _tokenizer_argument(text: str, at: int) -> bool:
    """Whether the match at `at` is the argument of `encoding_for_model(...)`: a model tiktoken
    knows, written at the call, which no rule reports (ML207 leaves it, the model rules do
    not read it)."""
    return text[max(0, at - 40) : at].rstrip().endswith(f"{TOKENIZER_WORD}(")


def _imports_openai(tree: ast.Module) -> bool:
    """Whether `tree` imports a module named openai, or a name from one, or a name openai
    (`from langchain.llms import openai`). Not the SDK's response and parameter types
    (`from openai.types.chat import ChatCompletion`): a module that has nothing else of
    OpenAI's builds test doubles or annotates, and no rule reports them (ML206 leaves them)."""
    for node in import_statements(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openai.types"):
            continue
        names = [alias.name for alias in node.names]
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        if any("openai" in name.split(".") for name in names):
            return True
    return False


def _leads(text: str, start: int, lead: str) -> bool:
    """Whether only spaces and tabs stand between `start` and the start of its line (or,
    `lead` "json", a JSON string's opening quote or an escaped line break `\\n`)."""
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if lead == "line":
        return before == 0 or text[before - 1] == "\n"
    return text[before - 1 : before] == '"' or text[max(before - 2, 0) : before] == "\\n"


def _led_by(literals: Sequence[str], rest: str) -> tuple[Expression, ...]:
    """`(?:literal1|literal2...)rest` as one expression per literal, which together match
    where it does."""
    return tuple(Expression(re.escape(literal) + rest) for literal in literals)


def _ahead(starts: Set[str]) -> str:
    """A lookahead for one of the characters `starts` (none where one of them is empty: what
    it stands before may match at once)."""
    if "" in starts:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])"


def _trie(literals: Iterable[str]) -> str:
    """An expression matching exactly `literals`, their common starts written once
    (`gpt-(?:4|5)` for `gpt-4|gpt-5`): `re` tries the branches of an alternation one by one,
    so after a quote it makes a few tests rather than one per model stem."""
    branches: dict[str, list[str]] = {}
    empty = False
    for literal in sorted(set(literals)):
        if literal:
            branches.setdefault(literal[0], []).append(literal[1:])
        else:
            empty = True
    written = [re.escape(first) + _trie(rests) for first, rests in branches.items()]
    if not written:
        return ""
    if len(written) == 1 and not empty:
        return written[0]
    return "(?:" + "|".join(written) + ")" + ("?" if empty else "")


# what follows `openai` in a model string on one of pydantic-ai's OpenAI prefixes (`openai:`,
# `openai-chat:`...), a model name right after it
_PREFIXED_MODEL = (
    "(?:" + "|".join(re.escape(p.removeprefix("openai")) for p in OPENAI_PREFIXES) + r")[\w.]"
)

# what follows `sk-` in OpenAI's key prefix quoted alone (`"sk-"`, `'sk-proj-'`)
_BARE_PREFIX = (
    "(?:" + "|".join(re.escape(p.removeprefix("sk-")) for p in OPENAI_KEY_PREFIXES) + ")[\"']"
)


def _word(literal: str, rest: str = "") -> Test:
    """The test for `\\b` + `literal` + `rest`: led by the literal, the word boundary checked
    behind it."""
    escaped = re.escape(literal)
    if not re.match(r"\w", literal):  # a boundary before a non-word character: as written
        return literal, Expression(rf"\b{escaped}{rest}")
    return literal, Expression(rf"{escaped}(?<=\b{escaped}){rest}")


# the end of a variable's name built from a service's (`f"{p.upper()}_API_KEY"`,
# `p.upper() + "_API_KEY"`), which may be OpenAI's where the module names no OpenAI value itself
# (gpt-pilot's loop over an enum imported from another module: ML401, `rules/built_names.py`)
_BUILT_NAME_ENDS = tuple(
    start + suffix for suffix in ("API_KEY", "BASE_URL", "API_BASE") for start in ("}_", '"_', "'_")
)


def _literal(literal: str) -> Test:
    return literal, None


def _shortest(literals: Sequence[str]) -> tuple[str, ...]:
    """`literals` without those that hold another (`api.openai.com` holds `openai`): a text
    holds one of the rest exactly when it holds one of them all."""
    return tuple(x for x in literals if not any(o != x and o in x for o in literals))


def _secret_key() -> Test:
    prefix = r"sk-(?<=\bsk-)"  # `\bsk-`, led by its literal
    assert SECRET_KEY.pattern.startswith(prefix)
    return _word("sk-", SECRET_KEY.pattern[len(prefix) :])


def _requests() -> tuple[Test, ...]:
    """`.chat.completions.create(` and the SDK's other request methods
    (`openai_sdk.sdk_shaped`); `.embeddings.create(`, which ML114 reads untraced too;
    `.images.generate(` and `.responses.create(`, which ML101 reads untraced. Made for each
    set of prefilters, as their other expressions are (each compiled on first use)."""
    return (
        (".completions.", Expression(r"\.completions\.(?:a?create|parse|stream)\(")),
        (".embeddings.", Expression(r"\.embeddings\.a?create\(")),
        (".images.", Expression(r"\.images\.generate\(")),
        (".responses.", Expression(r"\.responses\.(?:a?create|parse|stream)\(")),
    )


def _tokenizer_loaders() -> tuple[Test, ...]:
    """A call loading a tiktoken encoding, which tiktoken downloads from OpenAI's host (ML208's
    warning): tiktoken's loaders (`get_encoding(`, `encoding_for_model(`), and the frameworks'
    tokenizer calls (`frameworks.tokenizers`), found by their word (not by their package,
    which every module of a framework names); also a tokenizer asked for a model the program
    picks, a provider's after the switch (ML207). A call a framework's own modules make
    everywhere (`TokenizerCall.bare_screened` false: LlamaIndex's `get_tokenizer()`) only
    given an argument: parsing every such module of llama-index-core for it cost a fifth more
    of its scan; given none it is read where the module is examined anyway. LangChain's
    calls counting tokens with the model they are given (`tokenizers.MODEL_COUNTERS`: a
    token-counting memory, by its class name) or a model's own counting methods
    (`llm.get_num_tokens(`), which count with tiktoken for its OpenAI classes."""
    return (
        (TOKENIZER_WORD, Expression(rf"{TOKENIZER_WORD}\s*\(")),
        (TIKTOKEN_GET_ENCODING, Expression(rf"\b{TIKTOKEN_GET_ENCODING}\s*\(")),
        *(
            (
                call.word,
                Expression(
                    rf"{call.word}(?<=\b{call.word})\s*\("
                    + ("" if call.bare_screened else r"\s*[^)\s]")
                ),
            )
            for call in tokenizers.CALLS
        ),
        *((c.word, Expression(rf"\b{c.word}\b")) for c in tokenizers.MODEL_COUNTERS),
        *((m, Expression(rf"\.{m}\s*\(")) for m in sorted(tokenizers.COUNTING_METHODS)),
    )


def _pins() -> tuple[tuple[tuple[str, ...], Expression], ...]:
    """The requirements ML504 reads in a `pyproject.toml` that no other test passes: openai
    as an item of a list without a version (`["openai", "chromadb<1.0.0"]`, beside a package
    pinned where one part needs openai<1), and, named with a version or a URL in any
    spelling, a package it reports without openai (`frameworks.pins`: a langchain too old
    for a base URL, one no release of which takes openai>=1, one apply moves to its release
    for openai>=1)."""
    bare = r"""(?i:[\[,]\s*["']openai\s*(?:\[[^\]"'\n]*\]\s*)?(?:;[^"'\n]*)?["']\s*[,\]])"""
    tests = [(("openai",), Expression(bare))]
    for name in (*FIRST_WITH_BASE_URL, *REPLACED_FOR_OPENAI_V1, *MOVED_WITH_OPENAI):
        parts = name.split("-")
        spelled = r"[-_.]".join(re.escape(p) for p in parts)
        pattern = rf"(?i:(?<![\w.-]){spelled}(?![\w.-])\s*(?:\[[^\]\n]*\]\s*)?[<>=!~^(@])"
        tests.append(((parts[0],), Expression(pattern)))
    return tuple(tests)


# ML510's key before a model without a hyphen (`model: "o3"`; `rules.javascript_openai`)
_SCRIPT_MODEL_KEY = r"(?i:model)\w*[\"']?\s*[:=]\s*"


def _script_models(quoted: str, plain: Sequence[str], prefixed: str) -> tuple[Test, ...]:
    """The model tests of a JavaScript module, as ML510 reports a quoted model: one whose
    string holds a hyphen anywhere (`"gpt-4o"`, `"o3-mini"`), and a plain word (`"ada"`,
    `"o3"`) only after a key naming a model. A syntax highlighter's `["abap", "ada", ...]` in
    a megabyte bundle was parsed for nothing (t64b: 12 of DB-GPT's 20 s of scan)."""
    words = "|".join(re.escape(w) for w in plain) or r"(?!)"
    return (
        *((q, Expression(f"{q}(?={quoted})[^{q}\n]*-")) for q in "\"'`"),
        *(
            (q + word, Expression(f"{_SCRIPT_MODEL_KEY}{q}(?:{prefixed})?(?:{words})"))
            for q in "\"'`"
            for word in plain
        ),
    )


# a later line of a class body or a call setting a sampling parameter or a token limit
_SAMPLING_FIELD = (
    r"\n[ \t]*(?:temperature|top_p|max_tokens|max_completion_tokens|presence_penalty"
    r"|frequency_penalty)\s*[:=]"
)


def prefilters(
    openai: Provider,
    switching: bool = True,
    retired: Sequence[str] = (),
    written: Sequence[str] = (),
    target_urls: Sequence[str] = (),
    target_keys: Sequence[str] = (),
    tool_turns: bool = False,
) -> dict[str, Prefilter]:
    """The tests for each kind of file (`switching`: for a run that moves code to another
    provider; `retired`: the model ids the target has retired, which config files are read
    for too; `written`: the target's chat models as apply writes them without litellm's
    route, read for too: litellm fails on them (and its embedding models, ML511);
    `written` also for a Python module quoting one above a sampling field, ML115 and ML118;
    `target_urls`: the target's base-URL variable: a Python module reading it is read too,
    as a raw request may go to the base URL alone, ML403; `target_keys`: the target's key
    variable: a Python module naming it and a class named like OpenAI (or giving a class a
    settings dict: its base may be one) is read too, as the class may send that key to
    OpenAI, ML401;
    `tool_turns`: the target needs fields of a reply back in a tool loop's turn: a Python
    module reading a reply's `tool_calls` after a call given `tools=` is read too, as it may
    build that turn from a request another module makes, ML117).

    A licence header that names OpenAI does not pass the Python test: it needs an import of
    openai, an OPENAI_ variable, an OpenAI host, a key, or a quoted OpenAI model id (a
    constants module `DEFAULT_MODEL = "gpt-4o"` that another module imports). The model test
    is the `[detect] models` stems right after a quote (`"gpt-4`, and `"o1"` for the exact
    names); prose such as `# uses gpt-4o` does not pass it.
    """
    key = _secret_key()
    common = (_literal("OPENAI_"), *(_literal(h) for h in openai.hosts), key)
    quoted_retired = tuple(model + quote for model in retired for quote in "\"'")
    sampled = [(quote, model) for model in written for quote in "\"'"]
    requests = _requests() if switching else ()
    # OpenAI's web app, which a request to still reaches after the switch (ML403)
    web_hosts = OPENAI_WEB_HOSTS if switching else ()
    loaders = _tokenizer_loaders() if switching else ()
    request_words = tuple(test[0] for test in requests)
    models: list[Test] = []
    quoted = []
    bounded = []  # each model where it ends: `o1`, not `o1x`
    stems = set()
    plain_words = []  # exact names without a hyphen (`ada`, `o3`), also plain words
    for pattern in openai.model_patterns:
        stem = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        stems.add(stem)
        models.append(_word(stem) if stem != pattern else _word(stem, r"\b"))
        quoted.append(re.escape(stem) if stem != pattern else re.escape(stem) + "[\"']")
        if stem == pattern and "-" not in stem:
            plain_words.append(stem)
        bounded.append(re.escape(stem) if stem != pattern else re.escape(stem) + r"(?![\w.-])")
    # a family tested for, quoted whole (`"gpt-" in model`, `.startswith("gpt-3")`): ML205
    # reports it in a module that names no OpenAI model, as `apply` may have left it; in a
    # notebook's JSON its closing quote is escaped
    prefixes = {
        stem[:n]
        for stem, head in family_heads(openai.model_patterns)
        if head
        for n in range(len(head), len(stem) + 1)
    }
    # a part of OpenAI's names tested for, quoted whole (`"-vision" in model`: ML205, as
    # for a family)
    tested = f"{_trie(prefixes)}|{MODEL_FRAGMENT_PATTERN}" if prefixes else MODEL_FRAGMENT_PATTERN
    family = f"(?:{tested})\\\\?[\"']"
    # `"gpt-4o`, or `"openai:gpt-4o` (a model named with its provider), or
    # `"openai/gpt-4o` (instructor's `from_provider`, ML652), or `"experimental:gpt-4o` (a
    # routing prefix the project may strip off: `run_facts.route_prefixes`, ML205)
    alternatives = "|".join(sorted(set(quoted))) or r"(?!)"
    named_with = (
        f"{re.escape(OPENAI_MODEL_PREFIX)}|{re.escape(INSTRUCTOR_OPENAI_PREFIX)}"
        r"|[A-Za-z][\w.-]*:"
    )
    quoted_models = f"(?:{named_with})?(?:{alternatives})"
    # a member of another package's enum whose name spells an OpenAI model
    # (`CommonLLMNames.GPT_4O`, upper case: `rules/model_members.py`, ML204)
    members = Expression(r"\." + _trie(member_stems(openai.model_patterns)))
    import_tests = (_word("import", r"\b[^\n]*\bopenai\b"), _word("from", r"\s+openai\b"))
    azure_doubles: tuple[Test, ...] = ()
    if switching:
        azure_doubles = (
            *(_literal("AzureOpenAI" + quote) for quote in "\"'"),
            *(
                ("AzureOpenAI", Expression(rf"AzureOpenAI(?<=\.{name})\b"))
                for name in ("AzureOpenAI", "AsyncAzureOpenAI")
            ),
        )
    azure = [(q, f"{head}/") for head in AZURE_ROUTES for q in "\"'"]
    python = (
        *import_tests,
        # mock.patch("openai.ChatCompletion.create") in a test module
        _literal('"openai.'),
        _literal("'openai."),
        # `except openai.error.X` where `openai` is a parameter or an injected name (ML303),
        # whatever else the module names (t65b: it was seen beside a model constant only)
        _literal("openai.error."),
        # mock.patch("app.openai"): a test's double of a module's openai name (ML306)
        _literal('.openai"'),
        _literal(".openai'"),
        # a double or read of a module's Azure client class (`patch("app.llm.AzureOpenAI")`,
        # `llm.AsyncAzureOpenAI`), which ML002 names the plain class in when moving to another
        # provider
        *azure_doubles,
        # `openai_api_key: str` in a pydantic BaseSettings class reads OPENAI_API_KEY
        _word("BaseSettings", r"[\s\S]*?\bopenai_\w*\s*:"),
        # a call loading a tiktoken encoding, downloaded from OpenAI's host, and one asking
        # for a model's tokenizer: a provider's model after the switch (ML207, which reports
        # only then)
        *loaders,
        *common,
        *((quote, Expression(quote + quoted_models)) for quote in "\"'"),
        *((quote, Expression(quote + family)) for quote in "\"'"),
        # an OpenAI model on litellm's route to Azure OpenAI (`"azure/gpt-4o-mini"`), given to
        # a project's litellm wrapper (ML206)
        *(
            (q + route, Expression(re.escape(q + route) + f"(?:{alternatives})"))
            for q, route in azure
        ),
        (".", members),
        # any model after OpenAI's provider prefix (`"openai:qwen-plus"`, as apply may have
        # written it): pydantic-ai and LangChain's agent factories send it to OpenAI
        *((q + "openai", Expression(q + "openai" + _PREFIXED_MODEL)) for q in "\"'"),
        # GraphRAG's `model_provider="openai"` whatever the model (`ModelConfig(...)`, a dict;
        # ML670: with no api_base it goes to OpenAI); a notebook's JSON escapes the quotes
        (
            graphrag.PROVIDER_KEY,
            Expression(graphrag.PROVIDER_KEY + r"\\?[\"']?\s*[:=]\s*\\?[\"']openai"),
        ),
        # a chat request through a client another module builds (`client = make_client()`),
        # which the parameter checks read (ML111-ML116) when moving to another provider
        *requests,
        # a pattern that tests a key for OpenAI's format (ML405), when moving to another
        # provider
        *((("sk-", Expression(r"sk-(?<![\w-]sk-)" + KEY_FORMAT_AFTER_SK)),) if switching else ()),
        # and one OpenAI's key prefix is quoted in, alone (`key.startswith("sk-")`, ML405)
        *((("sk-", Expression(r"sk-(?<=[\"']sk-)" + _BARE_PREFIX)),) if switching else ()),
        # litellm's OpenAI route put on a model at run time (`"openai/" + model`,
        # `f"openai/{model}"`, `"openai/%s" % model`: ML642), when moving to another provider
        *(
            (q + route + "/", Expression(re.escape(q + route + "/") + rf"(?:{q}\s*\+|[{{%])"))
            for route in (OPENAI_ROUTES if switching else ())
            for q in "\"'"
        ),
        # a model the target retired, quoted, bare or on litellm's route (`"deepseek-chat"`,
        # `"deepseek/deepseek-chat"`: ML204, ML205)
        *(_literal(written) for written in quoted_retired),
        *(_literal(name) for name in target_urls),
        # the target's model quoted before a sampling field (`model_name: str =
        # "kimi-k2.6"` above `temperature: float = 0.7`, as apply writes a config class's
        # default): the model may fix that parameter or think (ML115, ML118)
        *((q + model, LiteralBefore(q + model, _SAMPLING_FIELD)) for q, model in sampled),
        *((name, Expression(f"OpenAI|{SETTINGS_TO_CLASS}")) for name in target_keys),
        *(_literal(host) for host in web_hosts),
        # a call given tools in a module reading `tool_calls` (ML117: a turn it builds from
        # the reply of a request another module makes)
        *((("tool_calls", Expression(r"tools(?<=\btools)\s*=")),) if tool_turns else ()),
        # a raw request to an Azure OpenAI deployment (ML403), its endpoint read from config
        _literal(AZURE_DEPLOYMENT_PATH),
        # a pin of openai<1 the program installs at run time (`"pip install openai==0.28.1"`,
        # `package="openai==0.28.1"`: ML509)
        ("openai", Expression(r"openai(?<![\w.-]openai)\s*(?:\[[^\]\n]*\]\s*)?(?:==|~=|<)")),
        # a service's variable built in a loop over services (`f"{p.upper()}_API_KEY"` or
        # `p.upper() + "_API_KEY"` for p in `["openai", ...]`: ML401, `rules/built_names.py`)
        *(_literal(name) for name in _BUILT_NAME_ENDS),
        # LangChain's tool method for structured output, chosen for the project's OpenAI
        # models by name (`{"method": "function_calling"} if "openai" in model else {}`,
        # chat-langchain: ML604) on a model built in another module
        (TOOL_METHOD, Expression(f"[\"']{TOOL_METHOD}[\"']")),
        # a chat model's structured output or tools asked of a model another object holds
        # (`self.endpoint._llm.bind_tools(...)`), maybe built in another module, when moving
        # to another provider (ML604, ML111: `rules/member_values.py`)
        *(
            (method, Expression(rf"{method}(?<=\.{method})\s*\("))
            for method in (MEMBER_METHODS if switching else ())
        ),
    )
    # a gateway's own client (`from portkey_ai import Portkey`), which may pass its requests
    # on to OpenAI (ML009) though the module names OpenAI nowhere else
    gateways = client_triggers()
    imports = _led_by(("import", "from"), after_import_keyword((*FRAMEWORK_MODULES, *gateways)))
    # One literal of every test above: `openai` (imports, `"openai.`), the variables, the
    # hosts, a key's `sk-`, `tiktoken` and the frameworks calling it, a chat request's
    # `.completions.`;
    # or a quote before a model stem.
    # `openai` first (`judge`).
    anchors = _shortest(
        (
            "openai",
            "OPENAI_",
            "sk-",
            *openai.hosts,
            *(lit for lit, _ in loaders),
            *request_words,
            *quoted_retired,
            *target_urls,
            *(q + model for q, model in sampled),
            *target_keys,
            *(("AzureOpenAI",) if switching else ()),
            *web_hosts,
            *(("tool_calls",) if tool_turns else ()),
            *(q + route for q, route in azure),
            *_BUILT_NAME_ENDS,
            *(MEMBER_METHODS if switching else ()),
        )
    )
    assert anchors[0] == "openai"
    # what may follow the quote, checked first: a text's quotes are mostly followed by
    # anything else, and `re` then leaves each after one test rather than trying every
    # branch (half the time of this search on LlamaIndex's modules)
    starts = {*(s[:1] for s in stems), *(p[:1] for p in prefixes), *MODEL_FRAGMENT_STARTS}
    ahead = _ahead(starts)
    quoted_stems = _led_by(('"', "'"), f"{ahead}(?:{_trie(stems)}|{family})")
    # after a routing prefix (`"experimental:gpt-4o"`, `quoted_models`)
    quoted_stems += _led_by(('"', "'"), rf"[A-Za-z][\w.-]{{0,40}}:{ahead}(?:{_trie(stems)})")
    quoted_stems += (members,)
    triggers = {**trigger_names(), **gateways}
    # `llama-index`, `llama-index-llms-openai`: their OpenAI-like packages are added beside
    # them (ML613), when moving to another provider
    needed_words = llamaindex.needed_requirement_words()
    needed_pattern = Expression(llamaindex.needed_requirement_pattern())
    needed: tuple[tuple[tuple[str, ...], Expression], ...] = (
        ((needed_words, needed_pattern),) if switching else ()
    )
    # a litellm pin, which may admit no release with the target's route (ML641)
    litellm_pin = r"(?i:(?<![\w.-])litellm(?![\w.-])\s*[\"']?\s*(?:\[[^\]\n]*\]\s*)?[<>=!~^(])"
    if switching:
        needed += ((("litellm",), Expression(litellm_pin)),)
    config = (
        *common,
        *models,
        _word("openai", r"\s*[<>=!~^(\[@]"),
        # a Haystack pipeline file's OpenAI component (`type: haystack.components.embedders.
        # openai_text_embedder.OpenAITextEmbedder`, ML502; haystack_experimental's too),
        # lowercase in its module or not
        ("openai", Expression(r"haystack(?:_experimental)?\.components\.[\w.]*openai")),
        ("OpenAI", Expression(r"haystack(?:_experimental)?\.components\.[\w.]*OpenAI")),
        # an AutoGen component config building autogen-ext's OpenAI client, whatever its
        # model (ML663: a provider's model there still needs base_url and model_info)
        _literal("OpenAIChatCompletionClient"),
        _literal("openai_chat_completion_client"),
        # a promptflow connection file of OpenAI's or Azure OpenAI's type (`type: open_ai`,
        # ML698: without base_url it goes to api.openai.com), and a flow's LLM node or
        # promptflow-tools node, which names the connection it sends through (ML698)
        # (pf reads the type case and all: `OpenAI` and `AzureOpenAI` are its type names,
        # `openai` none, so the lowercase `openai` test below cannot screen them in)
        ("open_ai", Expression(r"type[\"']?[ \t]*:[ \t]*[\"']?(?:azure_)?open_ai\b")),
        ("OpenAI", Expression(r"type[\"']?[ \t]*:[ \t]*[\"']?(?:Azure)?OpenAI\b")),
        # (and a Serverless one, which a node may name: ML698 then says nothing of it; an
        # LLM node as pf writes it, `type: llm`: literals a settings file rarely holds)
        ("type: serverless", Expression(r"type:[ \t]*serverless\b")),
        ("type: Serverless", Expression(r"type:[ \t]*Serverless\b")),
        ("type: llm", Expression(r"(?m)^[ \t-]*type:[ \t]*llm[ \t]*(?:#.*)?$")),
        _literal("promptflow.tools."),
        # a settings file's OpenAI base URL entry (`openai_api_base: null`), which a config
        # module may read for the program's client (ML502, `file_settings`)
        (
            "openai",
            Expression(r"openai[_-]?(?:api[_-]?)?(?:base|url|endpoint)[\w-]*[\"']?[ \t]*[:=]"),
        ),
        # `model_provider: openai` beside a provider's model (ML502: it goes to OpenAI)
        ("openai", Expression(r"(?i)(?:provider|type)[\"']?[ \t]*[:=][ \t]*[\"']?openai")),
        ("egg=openai", Expression(r"egg=openai\b")),
        # a pydantic-ai model string on an OpenAI prefix whatever the model (`openai:glm-5.3`,
        # as an earlier apply wrote it, still goes to OpenAI: ML503)
        _word("openai", _PREFIXED_MODEL),
        # a judge of a pydantic-evals dataset file, which may use its OpenAI default (ML672)
        *(_literal(name) for name in sorted(EVALS_DATASETS.judges)),
        # crewAI's default model in a .env (`MODEL=deepseek-flash` goes to OpenAI: ML503)
        ("MODEL", Expression(crewai.SETS_MODEL_TEXT)),
        # a model the target retired (`deepseek/deepseek-chat`: ML503)
        *(_literal(model) for model in retired),
        # the target's model without litellm's route (`deepseek-v4-pro`), which fails where
        # litellm reads it (ML503)
        *(_literal(model) for model in written),
        # aider's alias of an OpenAI model (`model: 4o`), or litellm's OpenAI route (ML503)
        ("model", Expression(aider.NAMED_TEXT)),
        ("true", Expression(aider.NAMED_TEXT)),  # aider's shortcut flag as a key (ML621)
    )
    # a script, Dockerfile or Makefile: an OpenAI variable, host or key, or an OpenAI model
    # quoted, assigned (`MODEL=gpt-4o`, `--model=gpt-4o`) or after a word naming a model
    # (`--model gpt-4o`, `ENV MODEL gpt-4o`); not one in prose (`# works with gpt-4o`)
    named = "|".join(sorted(set(bounded))) or r"(?!)"
    shell_model = f"(?:{re.escape(OPENAI_MODEL_PREFIX)})?(?:{named})"
    shell = (
        *common,
        *((lead, Expression(re.escape(lead) + shell_model)) for lead in ('"', "'", "=")),
        *((word, Expression(word + r"[\w-]*[ \t]+" + shell_model)) for word in ("model", "MODEL")),
        *(_literal(model) for model in retired),
        # aider's shortcut flags and aliases of OpenAI models (`aider --4o`: ML621), its
        # model options on litellm's OpenAI route (`--model openai/gpt-4o`) or naming the
        # target's model without litellm's route (`--model deepseek-v4-pro`: ML503)
        ("aider", Expression(aider.NAMED_TEXT)),
        *(("aider", Expression(re.escape(model))) for model in written),
        # an install command pinning openai (`RUN pip install openai==0.27.0`: ML504)
        ("openai", Expression(r"openai(?<![\w.-]openai)\s*(?:\[[^\]\n]*\]\s*)?(?:==|~=|<|!=)")),
    )
    return {
        "python": Prefilter(
            python,
            anchors,
            quoted_stems,
            framework_imports=imports,
            lead="line",
            triggers=triggers,
            import_tests=import_tests,
            comment_tests=(key,),
        ),
        # a cell's lines are JSON strings (`"from langchain import ...\n",`), and
        # `!pip install openai==0.28` is a finding there; a JSON string escapes a quote
        # (`\"gpt-4o\"`), which still holds `"gpt-4o`
        "notebook": Prefilter(
            (*python, _word("pip", r"\b[^\n]*\bopenai\b")),
            anchors,
            quoted_stems,
            framework_imports=imports,
            lead="json",
            triggers=triggers,
        ),
        # `openai<1` in pyproject.toml dependencies; anchored by the literals of its tests
        # (a few against some forty: a large data file that holds none, the most common
        # case, is read a few times, not forty)
        "config": Prefilter(
            config,
            _shortest(tuple(dict.fromkeys(("openai", "gpt-", *(lit for lit, _ in config))))),
            # a key entry a comment asks OpenAI's key for (`# your OpenAI API key`), beside a
            # provider's base URL (ML502)
            folded=(*needed, *_pins(), (KEY_ASK_WORDS, Expression(KEY_ASK.pattern))),
        ),
        # a JavaScript or TypeScript module naming OpenAI (its package, a client class, a
        # variable, a host) or a quoted OpenAI model (ML510)
        "javascript": Prefilter(
            (
                _literal("openai"),
                _literal("OpenAI"),
                *common,
                *_script_models(quoted_models, plain_words, named_with),
            ),
            anchors=("openai", "OpenAI", "OPENAI_", "sk-", *openai.hosts),
            quoted=tuple(Expression(q + quoted_models) for q in "\"'`"),
        ),
        "shell": Prefilter(shell),
        # a lock file locking litellm, which may lock a release without the target's route
        # (ML641)
        "lock": Prefilter((_literal(LOCKED_LITELLM),) if switching else ()),
        # a pickle naming the class of an OpenAI client (ML691)
        "pickle": Prefilter(
            tuple(
                _literal(name)
                for name in sorted({q.rpartition(".")[2] for q in openai_client_classes()})
            )
        ),
        "requirements": Prefilter(
            # a setup.cfg that configures tox and names an OpenAI variable (ML501)
            (("[tox:tox]", Expression("OPENAI_")),),
            folded=(
                (("openai",), Expression(r"(?i:\bopenai\b)")),
                # a framework pinned before its OpenAI class took a base URL, or one apply
                # moves to its release for openai>=1 (ML504)
                *(
                    ((name,), Expression(rf"(?i:\b{name}\b)"))
                    for name in (*FIRST_WITH_BASE_URL, *MOVED_WITH_OPENAI)
                ),
                *needed,
            ),
        ),
    }


def worth_examining(filters: Mapping[str, Prefilter], kind: str, text: str, unused: bool) -> bool:
    """Whether `FileScanner.examine` gets past its prefilter for `text` (with `unused`: a
    suppression comment is reason enough, to report it if unused)."""
    return judged(filters, kind, text, unused)[0]


def judged(
    filters: Mapping[str, Prefilter], kind: str, text: str, unused: bool
) -> tuple[bool, bool]:
    """`worth_examining`, and whether `text` holds `openai` when its filter says (a Python
    module's or a notebook's; else False)."""
    worth, holds_openai, _ = screened(filters, kind, text, unused)
    return worth, holds_openai


def screened(
    filters: Mapping[str, Prefilter], kind: str, text: str, unused: bool
) -> tuple[bool, bool, set[str] | None]:
    """`judged`, and the framework modules the text imports where its filter looked for
    them (`Prefilter.screen`)."""
    form = FORMATS[kind]
    if not form.notebook and "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # as `examine` reads old Mac line endings
    passed, holds_openai, modules = filters[form.prefilter].screen(text)
    return passed or (unused and "migrate-llm:" in text), holds_openai, modules


def ruled_out(filters: Mapping[str, Prefilter], kind: str, data: bytes, unused: bool) -> bool:
    """Whether `screened` of the text of `data` (a file of `kind`, not binary) gives (False,
    False, set()), told from its bytes where they are plain ASCII (`plain_ascii`: its text is
    the same characters), without decoding them: most files of a large tree. False where it
    cannot be told so."""
    form = FORMATS[kind]
    if not plain_ascii(data, form.coding_cookie):
        return False
    if not form.notebook and data.find(b"\n") < 0 and data.find(b"\r") >= 0:
        return False  # old Mac line endings, which `screened` reads as line breaks
    if unused and data.find(b"migrate-llm:") >= 0:
        return False
    return filters[form.prefilter].rules_out(data)


class FrameworkImports:
    """Whether a module that reaches the rules only through a framework import (see
    `Prefilter.search`) imports anything on the way to a name in that framework's tables:
    the framework rules find a class or function by its qualified name, which only an
    import of the name, or of a module above it, gives (`llama_index.legacy.llms` leads
    nowhere `llama_index.llms.openai.OpenAI` is)."""

    def __init__(self, prefilter: Prefilter) -> None:
        self.prefilter = prefilter
        self.qualified = qualified_names()
        names = {name for table in self.qualified.values() for name in table}
        self.names = frozenset(names)
        self.above = frozenset(
            n.rsplit(".", k)[0] for n in names for k in range(1, n.count(".") + 1)
        )
        self.packages = frozenset(n.partition(".")[0] for n in names)
        self.called_only = called_only()
        self.keywords = keyword_triggers()

    def reach(self, tree: ast.Module, text: str) -> bool:
        """Whether the framework rules may report anything in the module of `tree`: it
        imports a name on the way to one in the tables, and calls or derives from something
        reached through a name such an import binds (or through a framework's own package
        name, which `PythonContext.qualnames` resolves unbound). The rules look for those
        names only as the callee of a call or a class's base: a module that imports
        LlamaIndex's `OpenAI` only to test `isinstance(llm, OpenAI)` has nothing to report."""
        if not self.prefilter.framework_imports:
            return True
        modules = self.prefilter.frameworks_imported(text)
        if not modules or any(m not in self.qualified for m in modules):
            return True  # a framework whose rules read more than qualified names
        if any(w in text for m in modules for w in self.keywords.get(m, ())):
            return True  # a call of a model built elsewhere (`keyword_triggers`)
        bound = set(self.packages)
        called: set[str] = set()  # bound to a name only a call of which counts
        leads = False
        for node in import_statements(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if self._leads_to_a_name(alias.name):
                        leads = True
                        bound.add(alias.asname or alias.name.partition(".")[0])
            elif node.module and not node.level:
                for alias in node.names:
                    imported = f"{node.module}.{alias.name}"
                    if alias.name == "*":
                        if self._leads_to_a_name(node.module):
                            return True  # names it binds are not written
                    elif imported in self.called_only:
                        leads = True
                        called.add(alias.asname or alias.name)
                    elif self._leads_to_a_name(imported):
                        leads = True
                        bound.add(alias.asname or alias.name)
        return leads and _uses_any(tree, bound, called)

    def _leads_to_a_name(self, path: str) -> bool:
        if path in self.names or path in self.above:
            return True
        parts = path.split(".")
        return any(".".join(parts[:k]) in self.names for k in range(1, len(parts)))


def _uses_any(tree: ast.Module, names: set[str], called: Set[str] = frozenset()) -> bool:
    """Whether `tree` calls, or derives a class from, an expression whose qualified name
    starts with one of `names` (`names.x.y(...)`, `names(...).z(...)`, `class C(names.x)`:
    libcst names an attribute, a call or a subscript after what it is made from), calls
    one of `called`, or hands a name or attribute of `names` on as a value (`[names.x]`,
    `f(names)`, `return names`: the class rules report a class built elsewhere; a superset of
    what `rules.class_values` counts)."""
    types: set[int] = set()  # ids of what names types (`isinstance(x, (A, B))`, `Optional[A]`)
    for node in ast.walk(tree):  # breadth first: a node before what it holds
        held: Iterable[ast.expr | None]
        if type(node) is ast.Call:
            root = _root(node.func)
            if root in names or root in called:
                return True
            if _last_name(node.func) in TYPE_USES:
                types.update(map(id, node.args))
                continue
            held = (*node.args, *(k.value for k in node.keywords if k.arg not in TYPE_KEYWORDS))
        elif type(node) is ast.ClassDef:
            if any(_root(base) in names for base in node.bases):
                return True
            continue
        elif type(node) is ast.Subscript:
            types.add(id(node.slice))
            continue
        elif id(node) in types:
            continue
        else:
            held = _held(node)
        for value in held:
            if isinstance(value, (ast.Name, ast.Attribute)) and _root(value) in names:
                return True
    return False


def _held(node: ast.AST) -> Sequence[ast.expr | None]:
    """The values a node hands on: assigned, returned, stored, iterated, a default."""
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Return, ast.Yield, ast.NamedExpr)):
        return (node.value,)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return node.elts
    if isinstance(node, (ast.Dict, ast.BoolOp)):
        return node.values
    if isinstance(node, ast.IfExp):
        return (node.body, node.orelse)
    if isinstance(node, ast.Lambda):
        return (node.body,)
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return (node.iter,)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        return (node.elt,)
    if isinstance(node, ast.DictComp):
        return (node.value,)
    if isinstance(node, ast.arguments):
        return (*node.defaults, *node.kw_defaults)
    return ()


def _last_name(expr: ast.expr) -> str | None:
    """`c` of `a.b.c` or `c`; None for anything else."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def _root(expr: ast.expr) -> str | None:
    """The name an attribute chain, call or subscript is made from (None: not a name)."""
    while True:
        kind = type(expr)
        if kind is ast.Attribute or kind is ast.Subscript or kind is ast.Starred:
            expr = expr.value  # type: ignore[attr-defined]
        elif kind is ast.Call:
            expr = expr.func  # type: ignore[attr-defined]
        elif kind is ast.Name:
            return expr.id  # type: ignore[attr-defined]
        else:
            return None


def embedding_models_named(provider: Provider) -> frozenset[str]:
    """The embedding models of `provider` whose width its file may state (its `embedding`
    tier's, and those of `[params] embedding_model_dimensions`): a config file naming one is
    read in a run moving to it, as ML511 checks a vector width beside it."""
    sizes = provider.params.get("embedding_model_dimensions")
    tier = provider.tiers.get("embedding")
    return frozenset(sizes if isinstance(sizes, dict) else ()) | ({tier} if tier else set())


def chat_models_written(provider: Provider) -> frozenset[str]:
    """The chat models of `provider` as apply writes them without a route: those its table
    maps an OpenAI chat model to, and those of its chat tiers (a config file holding one is
    read in a run moving to it: ML503 reports one litellm reads)."""
    return frozenset(provider.candidates("chat")) | {
        target for source, target in provider.models.items() if surface_of_model(source) == "chat"
    }
