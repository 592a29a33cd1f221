"""What a project's GraphRAG settings files (`frameworks.graphrag.SETTINGS_FILES`) tell the
rules of other files and of the directory beside them (`RunFacts.graphrag_settings`): the
variables their model entries read once `apply` has run (ML505 on the .env GraphRAG loads
beside them) and the index and cache already built there (ML503 on the embedding model)."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrate_llm.frameworks import graphrag as fw

if TYPE_CHECKING:
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.rules.base import RuleContext


@dataclass(frozen=True, order=True)
class GraphragSettings:
    """A GraphRAG settings file (`file`, as shown): the variables its model entries pointed at
    the provider read their key from once applied (`keys`), every variable its text reads
    then (`reads`), and its index directories that hold something built (`built`, as the
    settings name them: `output`, `cache`)."""

    file: str
    keys: tuple[str, ...]
    reads: tuple[str, ...]
    built: tuple[str, ...]

    @property
    def directory(self) -> str:
        return posixpath.dirname(self.file)


def is_settings_file(name: str) -> bool:
    """Whether `name` is a file GraphRAG loads its settings from."""
    return os.path.basename(name) in fw.SETTINGS_FILES


def settings_of(ctx: RuleContext, path: str, shown: str, text: str) -> GraphragSettings | None:
    """What the GraphRAG settings file at `path` (shown as `shown`, holding `text`) tells, for
    a run switching provider; None where it holds no model entry."""
    from migrate_llm.edits import apply_edits
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.rules.config_graphrag import (
        graphrag_entries,
        init_key_entries,
        model_entries,
        points_at,
    )

    kind = "json" if shown.endswith(".json") else "yaml"
    try:
        doc = ConfigDocument.read(shown, kind, text)
    except Exception:  # a file that does not parse tells nothing (its own finding says so)
        return None
    if not model_entries(doc):
        return None
    moves = [m.edit for m in graphrag_entries(ctx, doc).values() if m.edit is not None]
    rekeys = [r.edit for r in init_key_entries(ctx, doc).values() if r.edit is not None]
    after_text = apply_edits(text, moves + rekeys)[0] if moves or rekeys else text
    after = ConfigDocument.read(shown, kind, after_text)
    keys: set[str] = set()
    for block in model_entries(after):
        entries = {e.key: e for e in after.entries if e.path[:-1] == block}
        key, base = entries.get(fw.KEY_KEY), entries.get(fw.BASE_URL_KEY)
        variable = fw.referenced(key.value or "") if key is not None else None
        if variable and base is not None and points_at(ctx, (base.value or "").strip()):
            keys.add(variable)
    reads = {m[1] or m[2] for m in fw.WHOLE_REFERENCE.finditer(after_text)}
    return GraphragSettings(
        shown, tuple(sorted(keys)), tuple(sorted(reads)), built(os.path.dirname(path), doc)
    )


def built(directory: str, doc: ConfigDocument) -> tuple[str, ...]:
    """The index directories of a GraphRAG settings file (`fw.INDEX_DIRECTORIES`, as it names
    them) under `directory` holding an index or cache entries."""
    named = {e.path: (e.value or "").strip().strip("'\"") for e in doc.entries}
    found: list[str] = []
    for path, default in fw.INDEX_DIRECTORIES:
        name = named.get(path) or default
        if "://" in name or any(name == n or name.startswith(f"{n}/") for n in found):
            continue  # a store elsewhere (blob, a database URI): not seen here
        where = os.path.join(directory, name)
        if _holds_built(where, cache=path[0] == "cache"):
            found.append(name)
    return tuple(found)


def _holds_built(where: str, cache: bool) -> bool:
    """Whether the directory `where` holds cache entries (`cache`) or index tables."""
    if not os.path.isdir(where):
        return False
    for _, dirs, files in os.walk(where):
        names: Iterable[str] = [*files, *dirs]
        if cache and files:
            return True
        if any(n.endswith(fw.INDEX_FILE_ENDINGS) for n in names):
            return True
    return False
