"""Byte patterns for a call reading one variable by name, built from the SDK table's lookups
(`openai_sdk.ENV_LOOKUPS`: `os.getenv`, `os.environ.get`, python-decouple's `config`), so
that the run facts' prefilters know the reads ML401 renames (`run_facts.key_flow_of`,
`switched_fields`): `OPENAI_API_KEY = config("OPENAI_API_KEY", default="")` is a key setting
as `os.getenv("OPENAI_API_KEY", "")` is (t66d review: kotaemon's settings renamed, the client
given one left on OpenAI with the provider's key).

A settings reader's last name is a common one (`config`): written alone, it is that reader
only in a module importing it from its module (`from decouple import config`,
`reader_imported`), as ML401 resolves it.
"""

from __future__ import annotations

import functools
import re

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
