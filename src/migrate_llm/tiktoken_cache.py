"""Whether a file sets tiktoken's cache variable in the environment (ML208).

tiktoken reads the directory of its files from the environment only (`openai_sdk.
TIKTOKEN_CACHE_VARIABLES`, read by tiktoken/load.py's `read_file_cached()`), so a Python
constant of that name (sweep's `TIKTOKEN_CACHE_DIR = "/tmp/cache/tiktoken"`, t63c) points it
nowhere: the program still downloads from OpenAI's host. Code sets it with `os.environ[X] =`,
`setdefault`, `putenv` or `environ.update(...)`, or requires it (`assert os.environ.get(X)`);
a notebook also with `%env X=...`. Any other file naming it (a `.env`, a Dockerfile's `ENV`, a
compose or CI workflow's environment entry, a shell script's `export`) sets it by naming it.
"""

from __future__ import annotations

import re

from migrate_llm import openai_sdk as sdk

_NAMES = "|".join(sdk.TIKTOKEN_CACHE_VARIABLES)
# quoted, also as a notebook's JSON escapes it (`\\"`)
_QUOTED = rf"\\?[\"'](?:{_NAMES})\\?[\"']"
# a setting of the variable in code: `environ[X] = ...` (not `==`), `setdefault(X`, `putenv(X`,
# `environ.update(...)` naming it as a keyword or a key, `assert os.environ.get(X)`, `%env X`
_CODE_SETTING = (
    rf"environ\s*\[\s*{_QUOTED}\s*\]\s*=(?!=)"
    rf"|(?:setdefault|putenv)\(\s*{_QUOTED}"
    rf"|environ\.update\([^)]{{0,400}}?\b(?:{_NAMES})\b\\?[\"']?\s*[:=]"
    rf"|\bassert\s+(?:os\.)?(?:environ\.get|getenv)\(\s*{_QUOTED}"
    rf"|%env\s+(?:{_NAMES})\b"
)
_CODE = re.compile(_CODE_SETTING)
_CODE_BYTES = re.compile(_CODE_SETTING.encode())
_NAMED_BYTES = re.compile(rf"\b(?:{_NAMES})\b".encode())
# the kinds of file whose code must set it; any other file naming it sets it
CODE_KINDS = frozenset({"python", "notebook"})


def sets_cache(text: str) -> bool:
    """Whether Python code (a module's or a notebook cell's text) sets tiktoken's cache
    variable in the environment, or requires it set."""
    return _CODE.search(text) is not None


def file_sets_cache(kind: str, data: bytes) -> bool:
    """Whether a file of `kind` (its bytes `data`) sets tiktoken's cache variable: code only
    where it sets it (`sets_cache`), any other file where it names it."""
    if kind in CODE_KINDS:
        return _CODE_BYTES.search(data) is not None
    return _NAMED_BYTES.search(data) is not None
