"""Readers for non-Python files: each turns text into `Entry`s with exact character spans.

Every reader is a pure function `read(text) -> list[Entry]` that raises `FormatError` on a file
it cannot make sense of. Readers are imported on first use, so classifying a path stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrate_llm.formats.document import Entry

KINDS = ("dotenv", "yaml", "toml", "json", "requirements", "setup")

_MODULES = {
    "dotenv": "dotenv",
    "yaml": "yamldoc",
    "toml": "tomldoc",
    "json": "jsondoc",
    "requirements": "requirements",
}


class FormatError(Exception):
    """A config file that does not parse; `line` is 1-based, or None when unknown."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def classify(name: str) -> str | None:
    """The kind of config file `name` (a file name or path) is, or None for anything else."""
    parts = name.replace("\\", "/").rsplit("/", 2)
    base = parts[-1].lower()
    parent = parts[-2].lower() if len(parts) > 1 else ""
    if base == ".env" or base.startswith(".env.") or base.endswith(".env"):
        return "dotenv"
    if base.endswith((".yml", ".yaml")):
        return "yaml"
    if base.endswith(".toml"):
        return "toml"
    if base.endswith(".json"):
        return "json"
    if base.endswith(".txt") and (
        base.startswith(("requirements", "constraints")) or parent == "requirements"
    ):
        return "requirements"
    if base in ("setup.cfg", "setup.py"):
        return "setup"
    return None


def read_entries(kind: str, text: str) -> list[Entry]:
    """The entries of `text` read as `kind`; kinds without a reader ("setup") have none."""
    if kind not in KINDS:
        raise ValueError(f"unknown config kind {kind!r}")
    module = _MODULES.get(kind)
    if module is None:
        return []
    return import_module(f"{__name__}.{module}").read(text)
