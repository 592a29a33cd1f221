"""Byte patterns for a call reading one variable by name, built from the SDK table's lookups
(`openai_sdk.ENV_LOOKUPS`: `os.getenv`, `os.environ.get`, python-decouple's `config`), so
that the run facts' prefilters know the reads ML401 renames (`run_facts.key_flow_of`,
`switched_fields`): `OPENAI_API_KEY = config("OPENAI_API_KEY", default="")` is a key setting
as `os.getenv("OPENAI_API_KEY", "")` is (t66d review: kotaemon's settings renamed, the client
given one left on OpenAI with the provider's key).

The per-file screens and `ast` readers that ask whether a module reads a variable take the same
table: `LOOKUP_TAILS` and `may_look_up` for their bytes, `lookup_test` for a call's function in
an `ast` tree (`env_model_defaults`, `built_key_reads`, `base_url_names`, `caller_models`,
`shared_key_defaults`, `sent_sizes`): a project reading its settings with decouple gets what
its `os.getenv` twin gets (session 67).

A settings reader's last name is a common one (`config`): written alone, it is that reader
only in a module importing it from its module (`from decouple import config`,
`reader_imported`), as ML401 resolves it.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator

from migrate_llm import openai_sdk as sdk


def _call(name: str) -> bytes:
    """`(?:os\\.)?environ\\.get` for `os.environ.get`: its module prefix optional."""
    module, rest = name.split(".", 1)
    return rb"(?:" + re.escape(module.encode()) + rb"\.)?" + re.escape(rest.encode())


_LOOKUPS = b"|".join(_call(name) for name in sorted(sdk.ENV_LOOKUPS))
# a lookup called, its module prefix optional (`os.getenv(`, `environ.get(`, `config(`)
LOOKUP_CALL = rb"(?:" + _LOOKUPS + rb")\("
# the same, the lookup as written a group (for `reader_imported`)
LOOKUP_CALLED = rb"(" + _LOOKUPS + rb")\("


# a lookup's name after its module, as any prefix may precede it (`getenv`, `environ\.get`,
# `config`); the group `lookup`: as written, which `confirmed` checks for a settings reader
LOOKUP_TAILS = (
    rb"(?P<lookup>"
    + b"|".join(re.escape(name.split(".", 1)[1].encode()) for name in sorted(sdk.ENV_LOOKUPS))
    + rb")"
)
# a lookup by its name without its module (`getenv`, `environ.get`, `config`)
_LOOKUP_BY_TAIL = {name.split(".", 1)[1]: name for name in sdk.ENV_LOOKUPS}
# the calls of the `os` lookups, as any prefix may precede them (`getenv(`, `environ.get(`)
_OS_CALLS = tuple(
    sorted(
        f"{tail}(".encode()
        for tail, name in _LOOKUP_BY_TAIL.items()
        if name not in sdk.SETTINGS_READERS
    )
)
# a settings reader's call (`config(`): its needle, then its pattern (`confirmed`)
_SETTINGS_NEEDLES = tuple(sorted(f"{name.rsplit('.', 1)[1]}(" for name in sdk.SETTINGS_READERS))
_SETTINGS_CALL = re.compile(
    rb"(?P<lookup>"
    + b"|".join(re.escape(name.rsplit(".", 1)[1].encode()) for name in sdk.SETTINGS_READERS)
    + rb")\("
)


def may_look_up(data: bytes) -> bool:
    """Whether a module's bytes may call a lookup of the table (`getenv(`, `environ.get(`, a
    settings reader the module imports, `config(`): the screen before a pattern built on
    `LOOKUP_TAILS`."""
    for needle in _OS_CALLS:  # a loop costs less than any() on most files
        if needle in data:
            return True
    if not any(needle.encode() in data for needle in _SETTINGS_NEEDLES):
        return False
    return reads_any(_SETTINGS_CALL, data)


def text_may_look_up(text: str) -> bool:
    """`may_look_up` for a module's text, its `os` lookups by their names alone (`getenv`,
    `environ`: also a read under a built name, `os.environ[name]`)."""
    if "getenv" in text or "environ" in text:
        return True
    return any(needle in text for needle in _SETTINGS_NEEDLES) and may_look_up(text.encode())


def confirmed(data: bytes, match: re.Match[bytes], known: dict[bytes, bool] | None = None) -> bool:
    """Whether the lookup a pattern built on `LOOKUP_TAILS` found in a module (its bytes
    `data`) is the table's: an `os` one; a settings reader written alone (`config(`, not
    `get_config(` nor `store.config(`: no name or `.` before it) that the module imports
    (`reader_imported`), or with its module (`decouple.config(`). True where the match took
    another alternative. `known`: `reader_imported`'s answers for `data` so far."""
    called = match["lookup"]
    name = _SETTINGS_BY_TAIL.get(called) if called is not None else None
    if name is None:
        return True
    start = match.start("lookup")
    module = name.rsplit(".", 1)[0].encode() + b"."
    if start >= len(module) and data.startswith(module, start - len(module)):
        return not _word_before(data, start - len(module))
    if _word_before(data, start):
        return False
    known = {} if known is None else known
    if called not in known:
        known[called] = reader_imported(data, called)
    return known[called]


def _word_before(data: bytes, at: int) -> bool:
    """Whether a name's character or a `.` ends `data` before `at`."""
    before = data[at - 1 : at] if at > 0 else b""
    return before.isalnum() or before in (b"_", b".")


def reads_in(pattern: re.Pattern[bytes], data: bytes) -> Iterator[re.Match[bytes]]:
    """The matches of `pattern` (built on `LOOKUP_TAILS`) in `data` that are the table's reads
    (`confirmed`): not the project's own `config(` (review r1: `get_config(` and
    `store.get_config(` passed every screen)."""
    known: dict[bytes, bool] = {}
    return (m for m in pattern.finditer(data) if confirmed(data, m, known))


def reads_any(pattern: re.Pattern[bytes], data: bytes) -> bool:
    """Whether `pattern` (built on `LOOKUP_TAILS`) finds one of the table's reads in `data`."""
    return next(reads_in(pattern, data), None) is not None


@functools.cache
def _import_of(name: str) -> re.Pattern[bytes]:
    """`from decouple import config` (also in parentheses, among other names)."""
    module, last = (re.escape(part.encode()) for part in name.rsplit(".", 1))
    return re.compile(
        rb"(?m)^[ \t]*from[ \t]+"
        + module
        + rb"[ \t]+import[ \t]+(?:\([\w\s,]*?|[\w \t,]*?)\b"
        + last
        + rb"\b(?![ \t]+as\b)"
    )


_SETTINGS_BY_TAIL = {name.split(".", 1)[1].encode(): name for name in sdk.SETTINGS_READERS}


def reader_imported(data: bytes, called: bytes) -> bool:
    """Whether the lookup `called` (as `LOOKUP_CALLED` found it) in a module (its bytes `data`)
    is the table's reader: written with its module, or an `os` one (as the prefilters always
    took them), or a settings reader the module imports by that name."""
    name = _SETTINGS_BY_TAIL.get(called)
    return name is None or _import_of(name).search(data) is not None


def lookup_test(data: bytes | str) -> Callable[[ast.expr], bool]:
    """Whether a call's function in the `ast` tree of a module (its bytes or text `data`) is a
    lookup of the table: written with its module (`os.getenv`, `decouple.config`), or without it
    (`getenv`, `environ.get`), a settings reader's only where the module imports it by that
    name (`reader_imported`)."""
    imported: dict[str, bool] = {}

    def test(func: ast.expr) -> bool:
        name = dotted(func)
        if name is None or name in sdk.ENV_LOOKUPS:
            return name is not None
        if name not in _LOOKUP_BY_TAIL:
            return False
        if name not in imported:
            held = data.encode() if isinstance(data, str) else data
            imported[name] = reader_imported(held, name.encode())
        return imported[name]

    return test


def dotted(node: ast.expr) -> str | None:
    """`os.environ.get` for that attribute chain of names; None for another expression."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def environ_key(node: ast.expr) -> ast.expr | None:
    """The key of `os.environ[key]` or `environ[key]`; None for another expression."""
    if isinstance(node, ast.Subscript) and dotted(node.value) in ("os.environ", "environ"):
        return node.slice
    return None
