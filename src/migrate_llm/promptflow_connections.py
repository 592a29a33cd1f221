"""The promptflow connection files of a project (`frameworks.promptflow`), which tell the rule
on a flow's LLM nodes (ML698) which connections the project defines: a node using one of
them is left to that file's own finding (`RunFacts.promptflow_connections`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.frameworks import promptflow as pf

if TYPE_CHECKING:
    from migrate_llm.formats.document import ConfigDocument, Entry


class Connection(NamedTuple):
    """A connection file's top-level entries: `kind` ("openai", "azure" or "serverless"),
    by key."""

    kind: str
    entries: dict[str, Entry]

    @property
    def name(self) -> str | None:
        entry = self.entries.get(pf.NAME_KEY)
        value = (entry.value or "").strip() if entry is not None else ""
        return value or None


# a top-level `type:` (or one in a flow mapping) naming one of those types, as the bytes of
# every connection file `connection_of` reads hold it
_TYPE_LINE = re.compile(
    rb"(?m)(?:^|[{,][ \t]*)"
    + re.escape(pf.TYPE_KEY.encode())
    + rb"[\"']?[ \t]*:[ \t]*[\"']?(?:"
    + b"|".join(
        re.escape(t.encode())
        for t in sorted(pf.OPENAI_TYPES | pf.AZURE_TYPES | pf.SERVERLESS_TYPES)
    )
    + rb")\b"
)


def may_define(data: bytes) -> bool:
    """Whether a YAML file's bytes may define such a connection (`connection_of`): the few
    files a project holds with such a `type:` line, each then parsed once more."""
    return _TYPE_LINE.search(data) is not None


def connection_of(doc: ConfigDocument) -> Connection | None:
    """The connection a YAML file defines: a top-level mapping whose `type` is promptflow's
    OpenAI, Azure OpenAI or Serverless connection type; None for any other file."""
    if doc.kind != "yaml":
        return None
    top = {e.key: e for e in doc.entries if e.key and len(e.path) == 1 and not e.document}
    kind = (top[pf.TYPE_KEY].value or "").strip() if pf.TYPE_KEY in top else ""
    if kind in pf.OPENAI_TYPES and pf.API_KEY in top:
        return Connection("openai", top)
    if kind in pf.AZURE_TYPES and pf.AZURE_BASE in top:
        return Connection("azure", top)
    if kind in pf.SERVERLESS_TYPES and pf.AZURE_BASE in top:
        return Connection("serverless", top)
    return None


def connection_named(shown: str, text: str) -> tuple[str, str] | None:
    """(name, file as shown) of the connection a YAML file (`shown`, holding `text`)
    defines, where it names one; None otherwise (or where it does not parse: its own
    finding says so)."""
    from migrate_llm.formats.document import ConfigDocument

    try:
        doc = ConfigDocument.read(shown, "yaml", text)
    except Exception:
        return None
    found = connection_of(doc)
    if found is None or found.name is None:
        return None
    return found.name, shown
