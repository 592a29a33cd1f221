"""The keys of the tables keyed by OpenAI model in a project's config files (ML503's), by which
a model the project's code sets may be looked up (ML204).

chatgpt-telegram-bot keeps its per-model settings in config/models.yml (`info: {gpt-4o: {...},
gpt-4o-mini: {...}}`), which ML503 leaves to a person (an entry renamed would stand for another
model), and its code stores `"gpt-4o"` as the user's `current_model`, which `ChatGPT()` then
asserts is a key there. Mapped alone, the code's model has no entry (t50c: AssertionError
`Unknown model: glm-5.3`). So a YAML, TOML or JSON file that may hold such a table is marked
while it is screened (`keys_models`), read again where the run switches provider and its
project uses an OpenAI client (`table_keys`), and the keys of its tables go into the
project's facts (`RunFacts.model_table_keys`); ML204 leaves a model whose table has no key for
what it maps to (`model_left.table_key_reason`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

# the kinds of files ML503 reads tables keyed by model in
TABLE_KINDS = frozenset({"yaml", "toml", "json"})

# a key that may be an OpenAI model id with a hyphen (`gpt-4o:`, `"gpt-4o-mini":`, `"o3-mini"
# =`, `[limits."gpt-4o"]`): a file holding none has no table `first_keys` finds
_MODEL_KEY = re.compile(
    rb"(?:gpt|o[1-9]|chatgpt|text-embedding|dall-e|whisper|tts|davinci|babbage|codex"
    rb"|omni-moderation|text-moderation|computer-use)-[\w.-]*[\"']?[ \t]*[:=\]]"
)


class ModelKey(NamedTuple):
    """A key of a table keyed by OpenAI model in a config file: `file` as shown, `table` its
    path (dotted, "" at the top of the file), `key` and the `line` it stands on; `images`,
    what in its entry says the model reads images (`vision: true`: `images_sign`), else "".
    Every key of such a table is one (the provider's models too: an entry added by hand)."""

    file: str
    table: str
    key: str
    line: int
    images: str = ""


def keys_models(data: bytes) -> bool:
    """Whether a config file's bytes may hold a key that is an OpenAI model id."""
    return _MODEL_KEY.search(data) is not None


def table_keys(
    shown: str, kind: str, text: str, recorded: str | None, serves: Callable[[str], bool]
) -> list[ModelKey]:
    """The keys of the tables of a config file (`shown`, of `kind`) that an OpenAI model id
    keys (`first_keys`, as ML503 finds them); none in a program's recorded output
    (`recorded`) or a file that does not parse."""
    from migrate_llm.formats import FormatError
    from migrate_llm.formats.document import ConfigDocument
    from migrate_llm.rules.config_model import first_keys, images_sign, settings_of

    try:
        doc = settings_of(ConfigDocument.read(shown, kind, text, recorded))
    except FormatError:
        return []
    if doc.recorded is not None:
        return []
    tables = first_keys(doc, serves)
    return [
        ModelKey(
            shown,
            ".".join(e.path[:-1]),
            e.key,
            doc.lines.position(e.key_span.start)[0],
            images_sign(doc, e.rooted),
        )
        for e in doc.entries
        if e.key is not None and e.key_span is not None and e.rooted[:-1] in tables
    ]


def images_key(keys: Iterable[ModelKey], model: str) -> ModelKey | None:
    """The key `model` of a table of `keys` whose entry says it reads images, the first by
    file and line; None where none does."""
    return next((k for k in sorted(keys) if k.key == model and k.images), None)


def unkeyed(keys: Iterable[ModelKey], model: str, new: str) -> ModelKey | None:
    """The key `model` of a table of `keys` that has no key `new` (what `model` maps to): a
    lookup of `new` there misses once the code's model is mapped; the first by file and line."""
    keys = tuple(keys)
    for found in sorted(k for k in keys if k.key == model):
        if not any(k.key == new and k.file == found.file and k.table == found.table for k in keys):
            return found
    return None
