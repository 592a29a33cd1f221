"""What a provider answers where OpenAI answers with an error programs test: `[errors.<name>]`.

A provider file may say, per error of `openai_sdk.OPENAI_ERRORS` (`context_length`, `quota`,
`rate_limit`, `invalid_key`, `model_not_found`), its HTTP `status`, its `error.code` and
`error.type` (a string, or false where the reply has none) and its `messages` (`{...}` standing
for what varies). A key left out is not known. ML119 reads them to tell whether a program's
test of OpenAI's text or code still holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from migrate_llm.errors import ProviderError

# The errors a file may describe: the keys of `openai_sdk.OPENAI_ERRORS` (not imported here:
# loading the provider files must not load the SDK's tables).
ERROR_NAMES = ("context_length", "quota", "rate_limit", "invalid_key", "model_not_found")
_KEYS = ("status", "code", "type", "messages")
# a message: text with `{name}` placeholders, no other brace
_MESSAGE = re.compile(r"(?:[^{}]|\{[a-z_]+\})+\Z")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class ErrorReply:
    """A provider's reply for one error. None: not known; False: the reply has no such field."""

    status: int | None = None
    code: str | bool | None = None
    type: str | bool | None = None
    messages: tuple[str, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        fields = {
            "status": self.status,
            "code": self.code,
            "type": self.type,
            "messages": list(self.messages) if self.messages is not None else None,
        }
        return {k: v for k, v in fields.items() if v is not None}


def fragments(message: str) -> list[str]:
    """The fixed parts of a message (`{...}` cut out)."""
    return [part for part in _PLACEHOLDER.split(message) if part]


def pieces(message: str) -> list[str]:
    """The fixed parts of a message in order, a placeholder between each two (empty where
    one opens or ends the message, or two meet)."""
    return _PLACEHOLDER.split(message)


def shown(message: str, width: int = 60) -> str:
    """A message for people: `…` for what varies, cut after `width` characters at a word."""
    text = _PLACEHOLDER.sub("…", message)
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > 0 else width].rstrip(" ,.;:") + "…"


def _fail(source: str, key: str, problem: str) -> ProviderError:
    return ProviderError(f"{source}: {key}: {problem}")


def _field(source: str, key: str, value: object) -> str | bool:
    if value is False or (isinstance(value, str) and value):
        return value
    raise _fail(source, key, "expected a non-empty string, or false where the reply has none")


def parse_errors(source: str, value: object) -> dict[str, ErrorReply]:
    """Validate `[errors]`: error name -> { status, code, type, messages }."""
    if not isinstance(value, dict):
        raise _fail(source, "errors", "expected a table of error names")
    replies: dict[str, ErrorReply] = {}
    for name, table in value.items():
        key = f"errors.{name}"
        if name not in ERROR_NAMES:
            raise _fail(source, key, f"unknown error (known: {', '.join(ERROR_NAMES)})")
        if not isinstance(table, dict) or not table:
            raise _fail(source, key, "expected a table such as { status = 400 }")
        for field in table:
            if field not in _KEYS:
                raise _fail(source, f"{key}.{field}", f"unknown key (known: {', '.join(_KEYS)})")
        replies[name] = _reply(source, key, table)
    return replies


def _reply(source: str, key: str, table: Mapping[str, Any]) -> ErrorReply:
    status = table.get("status")
    if status is not None and (
        not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599
    ):
        raise _fail(source, f"{key}.status", "expected an HTTP error status (400-599)")
    messages = table.get("messages")
    if messages is not None and (
        not isinstance(messages, list)
        or not messages
        or not all(isinstance(m, str) and _MESSAGE.match(m) and fragments(m) for m in messages)
    ):
        raise _fail(source, f"{key}.messages", "expected texts, `{name}` standing for what varies")
    return ErrorReply(
        status=status,
        code=_field(source, f"{key}.code", table["code"]) if "code" in table else None,
        type=_field(source, f"{key}.type", table["type"]) if "type" in table else None,
        messages=tuple(messages) if messages is not None else None,
    )
