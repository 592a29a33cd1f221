"""What a config reader produces: entries with exact spans, and the document rules see.

Kept apart from the rules so that reading a config file never imports libcst or the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm.model import LineIndex, Span


@dataclass(frozen=True)
class Entry:
    """One key and/or value found in a config file, with where it stands in the text.

    `key` is the last key component (`OPENAI_API_KEY`, `model`); `path` the whole key path for
    nested documents (`("llm", "model")`, list positions as decimal strings); `value` the decoded
    scalar string, or None for non-string values. Spans cover the raw token in the text,
    quotes included. `document` is the index of the YAML document holding the entry in a file
    of several (`---`), 0 elsewhere.
    """

    key: str | None
    path: tuple[str, ...]
    value: str | None
    key_span: Span | None
    value_span: Span | None
    document: int = 0

    @property
    def rooted(self) -> tuple[str, ...]:
        """`path` rooted in its document, for keying records and their siblings: entries of
        two YAML documents (`models[0]` of an llm and of an embedder document) never share
        one; the same as `path` in the first document and in every other format."""
        return (f"--- {self.document}", *self.path) if self.document else self.path


def dotted(rooted: tuple[str, ...]) -> str:
    """A rooted path (`Entry.rooted`, or part of one) as messages name it: `models.0`, without
    the document it stands in."""
    if rooted and rooted[0].startswith("--- ") and rooted[0][4:].isdigit():
        rooted = rooted[1:]
    return ".".join(rooted)


@dataclass(frozen=True)
class ConfigDocument:
    """A config file as config rules see it."""

    path: str
    kind: str  # "dotenv" | "yaml" | "toml" | "json" | "ini" | "requirements" | ...
    text: str
    entries: tuple[Entry, ...]
    lines: LineIndex
    # what marks the file as a program's recorded output, not its configuration
    # (`benchmark_results/`, `example_output.json`: see `formats.recorded`); None for settings
    recorded: str | None = None
    # an example .env file (`.env.example`: `formats.dotenv_example`), and the assignments
    # commented out in it (`# OPENAI_MODEL=gpt-4o`), which a person may uncomment
    example: bool = False
    commented: tuple[Entry, ...] = ()
    # a cassette of recorded HTTP traffic: the URLs of its recorded requests
    # (`formats.recorded.recorded_requests`), in order; its `recorded` is then `CASSETTE`
    requests: tuple[Entry, ...] = ()

    @classmethod
    def read(cls, path: str, kind: str, text: str, recorded: str | None = None) -> ConfigDocument:
        """`text` read as config `kind`; raises FormatError when it does not parse."""
        from migrate_llm.formats import dotenv, dotenv_example, read_entries
        from migrate_llm.formats.recorded import (
            CASSETTE,
            recorded_requests,
            response_records,
            result_records,
        )

        entries = tuple(read_entries(kind, text))
        example = kind == "dotenv" and dotenv_example(path)
        commented = tuple(dotenv.read_commented(text)) if example else ()
        requests = recorded_requests(kind, text, entries)
        if requests:
            recorded = CASSETTE
        elif recorded is None:
            recorded = result_records(kind, text, entries) or response_records(kind, text, entries)
        lines = LineIndex(text)
        return cls(path, kind, text, entries, lines, recorded, example, commented, requests)
