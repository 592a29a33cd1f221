"""The base URL and key of a config mapping written as environment placeholders (`base_url:
${BASE_URL}`, `api_key: ${API_KEY}`) beside a model that goes to the provider after apply:
the program fills them from variables of its own, which the provider's do not set (ML502)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import (
    KEY_KEY,
    _mappings,
    gateway_blocks,
    held_blocks,
    is_openai_var,
    migrating,
    openai_by_default,
    provider_model,
)
from migrate_llm.rules.config_graphrag import model_entries

# `${VAR}`, `$VAR`, `${VAR:-default}` (also `-`, `:=`, `=`), as shells, docker compose and
# most config loaders write a read of the environment, `${env:VAR:-default}`, as
# DB-GPT's TOML configs do, and `${ENV.VAR}` (spaces allowed inside the braces, no
# default), as Agently's settings loader fills it (`agently/utils/Settings.py`,
# `_substitute_env_placeholder`, 4.0.9); the whole value
PLACEHOLDER = re.compile(
    r"\$(?:\{(?:env:)?(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::?[-=](?P<default>[^}]*))?\}"
    r"|\{\s*ENV\.(?P<dotted>[A-Za-z_][A-Za-z0-9_]*)\s*\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


@dataclass(frozen=True)
class PlaceholderRead:
    """A mapping whose base URL and/or key are placeholders (`url`, `key`: the entry and the
    variable it reads, the default written after it), beside the model entry that goes to
    the provider (`model`: the model once migrated)."""

    block: tuple[str, ...]
    model: Entry
    mapped: str
    url: tuple[Entry, str, str | None] | None
    key: tuple[Entry, str, str | None] | None

    @property
    def first(self) -> Entry:
        """The entry reported: the base URL's, else the key's."""
        held = self.url or self.key
        assert held is not None
        return held[0]

    @property
    def variables(self) -> tuple[str | None, str | None]:
        """The variables read for the base URL and for the key (None for one not read)."""
        return (self.url[1] if self.url else None, self.key[1] if self.key else None)


def placeholder(value: str) -> tuple[str, str | None] | None:
    """(variable, default or None) of a value that is one environment placeholder."""
    found = PLACEHOLDER.fullmatch(value.strip())
    if found is None:
        return None
    return found["braced"] or found["dotted"] or found["bare"], found["default"]


def default_entry(doc: ConfigDocument, entry: Entry) -> Entry | None:
    """`entry` read as the default its placeholder names (`${env:MODEL:-gpt-4o}`,
    `${MODEL:-gpt-4o}`): what the program runs with while the variable is unset, its span
    that of the default inside the token (so an edit keeps the rest). None for any other
    value, an empty default, or a token whose text is not the value as written (escapes)."""
    value, span = entry.value, entry.value_span
    if value is None or span is None or "$" not in value:
        return None
    written = value.strip()
    found = PLACEHOLDER.fullmatch(written)
    if found is None or not (found["default"] or "").strip():
        return None
    raw = doc.text[span.start : span.end]
    if raw.count(written) != 1:
        return None
    start = span.start + raw.index(written) + found.start("default")
    default = found["default"]
    return dataclasses.replace(entry, value=default, value_span=Span(start, start + len(default)))


def placeholder_reads(ctx: RuleContext, doc: ConfigDocument) -> list[PlaceholderRead]:
    """The mappings of a YAML, TOML or JSON file whose base URL or key is a placeholder of a
    variable neither OpenAI's (ML501's) nor the provider's, beside a model that goes to the
    provider after apply (an OpenAI model its table maps, or one of its own): the program
    fills them from that variable, which must then hold the provider's URL and key. Not a
    mapping that stays on OpenAI or goes through a gateway (`held_blocks`, `gateway_blocks`),
    one that names no base URL while picking OpenAI (reported as such), nor a GraphRAG model
    entry (whose own findings say what to write), nor a placeholder whose default names a
    host (OpenAI's is reported as a URL; another's is chosen on purpose)."""
    provider = ctx.provider
    if doc.kind not in ("yaml", "toml", "json") or not migrating(ctx) or provider is None:
        return []
    if "$" not in doc.text:  # no placeholder: most files
        return []
    if provider.azure is not None:  # the endpoint is the user's resource: no URL to name
        return []
    from migrate_llm.rules.config_services import service_blocks  # it reads placeholders

    skipped = (
        set(held_blocks(ctx, doc))
        | set(service_blocks(ctx, doc))
        | set(gateway_blocks(doc))
        | set(openai_by_default(doc))
        | model_entries(doc)
    )
    found = []
    for block, keys in _mappings(doc).items():
        if block in skipped:
            continue
        url = _read(ctx, keys, lambda key: key in sdk.CONFIG_BASE_URL_KEYS)
        key = _read(ctx, keys, lambda key: KEY_KEY.search(key) is not None)
        if url is None and key is None:
            continue
        model = provider_model(ctx, keys.values())
        if model is not None:
            found.append(PlaceholderRead(block, model[0], model[1], url, key))
    return found


def _read(
    ctx: RuleContext, keys: dict[str, Entry], wanted: Callable[[str], bool]
) -> tuple[Entry, str, str | None] | None:
    """The entry of `keys` whose key `wanted` takes and whose value is a placeholder of a
    variable of the program's own, with it and its default."""
    provider = ctx.provider
    assert provider is not None
    for name, entry in keys.items():
        if entry.value_span is None or not wanted(name) or entry.value is None:
            continue
        read = placeholder(entry.value)
        if read is None:
            continue
        variable, default = read
        if is_openai_var(ctx, variable) or variable in provider.variables:
            return None
        if default and "://" in default:
            return None
        return entry, variable, default
    return None
