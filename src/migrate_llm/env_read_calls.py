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
from collections.abc import Callable

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
# `config`)
LOOKUP_TAILS = (
    rb"(?:"
    + b"|".join(re.escape(name.split(".", 1)[1].encode()) for name in sorted(sdk.ENV_LOOKUPS))
    + rb")"
)
# a lookup by its name without its module (`getenv`, `environ.get`, `config`)
_LOOKUP_BY_TAIL = {name.split(".", 1)[1]: name for name in sdk.ENV_LOOKUPS}
_TAIL_CALLS = tuple(sorted(f"{tail}(".encode() for tail in _LOOKUP_BY_TAIL))


def may_look_up(data: bytes) -> bool:
    """Whether a module's bytes may call a lookup of the table (`getenv(`, `environ.get(`,
    `config(`): the screen before a pattern built on `LOOKUP_TAILS`."""
    for needle in _TAIL_CALLS:  # noqa: SIM110 (a loop costs less than any() on most files)
        if needle in data:
            return True
    return False


def text_may_look_up(text: str) -> bool:
    """`may_look_up` for a module's text."""
    return any(needle.decode() in text for needle in _TAIL_CALLS)


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
        name = _dotted(func)
        if name is None or name in sdk.ENV_LOOKUPS:
            return name is not None
        if name not in _LOOKUP_BY_TAIL:
            return False
        if name not in imported:
            held = data.encode() if isinstance(data, str) else data
            imported[name] = reader_imported(held, name.encode())
        return imported[name]

    return test


def _dotted(node: ast.expr) -> str | None:
    """`os.environ.get` for that attribute chain of names; None for another expression."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])
