"""GraphRAG's settings file (`migrate_llm.frameworks.graphrag`): the model entries ML502 moves
to the provider (review), those pointed there whose key is still `graphrag init`'s OpenAI one
and the batch its text embeddings go in (ML502, warnings)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import graphrag as fw
from migrate_llm.model import Edit, Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import (
    _mappings,
    config_key,
    host_owner,
    is_openai_var,
    migrating,
    openai_by_default,
    plain_yaml_string,
    replace_value,
    scalar_text,
)

Record = tuple[str, ...]


@dataclass(frozen=True)
class Move:
    """A model entry of a GraphRAG settings file that picks OpenAI and names no base URL,
    with what `apply` writes to point it at the provider (`edit`), or why it leaves it
    (`left`, "" when it moves it). `surface`: the API its section calls."""

    selector: Entry
    surface: str
    url: str
    left: str = ""
    key: Entry | None = None
    variable: str | None = None  # the variable its key is read from
    edit: Edit | None = None


def model_entries(doc: ConfigDocument) -> set[Record]:
    """The model entries of a GraphRAG settings file: the mappings of `fw.SECTIONS` that pick
    their provider with `model_provider`."""
    if doc.kind not in ("yaml", "json"):
        return set()
    selector = config_key(fw.PROVIDER_KEY)
    return {
        block
        for block, keys in _mappings(doc).items()
        if len(_within(block)) == 2 and _within(block)[0] in fw.SECTIONS and selector in keys
    }


def _within(block: Record) -> Record:
    """A mapping's rooted path (`Entry.rooted`) without the YAML document it stands in: the
    model entries of the second document (`--- 1`, `models`, `x`) are found as those of the
    first (review r4)."""
    if block and block[0].startswith("--- ") and block[0][4:].isdigit():
        return block[1:]
    return block


def graphrag_entries(ctx: RuleContext, doc: ConfigDocument) -> dict[Record, Move]:
    """The model entries of a GraphRAG settings file (a mapping of `fw.SECTIONS`: `model_provider:
    openai` beside a model) that go to OpenAI for want of a base URL, by their mapping, while
    moving to a provider other than Azure OpenAI. An entry `apply` moves gets, in one edit,
    `api_base: <URL>` (written out: GraphRAG's `${VAR}` takes no default) on the line before its
    `api_key:`, whose `${GRAPHRAG_API_KEY}` (`graphrag init`'s, holding the OpenAI key) becomes
    the provider's key variable; a variable the user named (`${CUSTOM_API_KEY}`) is theirs and
    stays, to hold the provider's key. The model is ML503's to map."""
    provider, base = ctx.provider, ctx.base_url
    if doc.kind != "yaml" or not migrating(ctx) or provider is None or base is None:
        return {}
    if provider.azure is not None:  # its model names are deployments
        return {}
    mappings = _mappings(doc)
    found: dict[Record, Move] = {}
    for block, selector in openai_by_default(doc).items():
        section = _within(block)
        if len(section) != 2 or section[0] not in fw.SECTIONS or selector.key != fw.PROVIDER_KEY:
            continue
        if (selector.value or "").strip() != fw.OPENAI_PROVIDER:
            continue
        move = Move(selector, fw.SECTIONS[section[0]], base)
        left = _left(ctx, doc, mappings[block], move)
        key = mappings[block].get(config_key(fw.KEY_KEY))
        if left or key is None:
            found[block] = replace(move, left=left)
        else:
            found[block] = replace(move, key=key, variable=fw.referenced(key.value or ""))
    target = provider.api_key_env
    rekeyed = _init_keys(ctx, doc)
    for block, move in found.items():
        if move.left or move.variable is None:
            continue
        readers = sum(1 for m in found.values() if not m.left and m.variable == move.variable)
        if move.variable != fw.INIT_KEY:
            continue  # a variable of the user's own: read as it is, never renamed
        readers += len(rekeyed)  # entries pointed at the provider rename it too
        if move.variable != target and _shared(doc, move.variable, readers):
            left = f"the file reads ${{{move.variable}}} elsewhere too"
            found[block] = replace(move, left=left)
    return {
        block: move if move.left else replace(move, edit=_edit(doc, move, target))
        for block, move in found.items()
    }


def _shared(doc: ConfigDocument, variable: str, readers: int) -> bool:
    """Whether the file reads `variable` elsewhere than in the `readers` entries renaming it
    (another entry's key, a store's): renamed there alone, the two would read different keys."""
    return len(fw.reference(variable).findall(doc.text)) != readers


@dataclass(frozen=True)
class Rekey:
    """A model entry of a GraphRAG settings file whose `api_base` points at the provider while
    its `api_key` reads `fw.INIT_KEY`, where `graphrag init` has the OpenAI key go: its key
    entry, and the edit making it read the provider's key variable (None: left to a person,
    `left` saying why)."""

    key: Entry
    left: str = ""
    edit: Edit | None = None


def _init_keys(ctx: RuleContext, doc: ConfigDocument) -> dict[Record, Rekey]:
    """The model entries pointed at the provider (`points_at`) whose key reads `fw.INIT_KEY`,
    by their mapping, while moving to a provider other than Azure OpenAI."""
    provider = ctx.provider
    if not migrating(ctx) or provider is None or provider.azure is not None:
        return {}
    mappings = _mappings(doc)
    found: dict[Record, Rekey] = {}
    for block in sorted(model_entries(doc)):
        keys = mappings[block]
        key = keys.get(config_key(fw.KEY_KEY))
        if key is None or key.value_span is None or fw.referenced(key.value or "") != fw.INIT_KEY:
            continue
        base = keys.get(config_key(fw.BASE_URL_KEY))
        if base is not None and points_at(ctx, (base.value or "").strip()):
            found[block] = Rekey(key)
    return found


def init_key_entries(ctx: RuleContext, doc: ConfigDocument) -> dict[Record, Rekey]:
    """`_init_keys` with what `apply` does: `${GRAPHRAG_API_KEY}` becomes `${<the provider's
    key variable>}` where the file reads it only in these entries and those `graphrag_entries`
    moves; else a person renames it."""
    found = _init_keys(ctx, doc)
    if not found:
        return found
    provider = ctx.provider
    assert provider is not None
    moved = [m for m in graphrag_entries(ctx, doc).values() if m.edit and m.variable == fw.INIT_KEY]
    if _shared(doc, fw.INIT_KEY, len(found) + len(moved)):
        left = f"the file reads ${{{fw.INIT_KEY}}} elsewhere too"
        return {block: replace(rekey, left=left) for block, rekey in found.items()}
    edited: dict[Record, Rekey] = {}
    for block, rekey in found.items():
        span = rekey.key.value_span
        assert span is not None
        reference = fw.reference(fw.INIT_KEY).search(doc.text, span.start, span.end)
        assert reference is not None
        at = Span(reference.start(), reference.end())
        edited[block] = replace(rekey, edit=Edit(at, f"${{{provider.api_key_env}}}"))
    return edited


def _left(ctx: RuleContext, doc: ConfigDocument, keys: dict[str, Entry], move: Move) -> str:
    """Why `apply` leaves the entry of `keys` to a person ("" where it moves it)."""
    provider = ctx.provider
    assert provider is not None
    if move.surface != "chat" and provider.support(move.surface) is not True:
        if provider.support(move.surface) is False:
            return f"{provider.name} has no {move.surface} API"
        return f"{provider.name}'s {move.surface} API is not confirmed"
    if any(k in keys for k in sdk.CONFIG_BASE_URL_KEYS):
        return f"its `{fw.BASE_URL_KEY}:` is empty"
    model = keys.get(config_key(fw.MODEL_KEY))
    value = (model.value or "").strip() if model is not None else ""
    if model is None or model.value_span is None or not value or fw.referenced(value):
        return "its model is not written out here"
    if not provider.serves(value):
        mapped = ctx.map_model(value) if ctx.openai.serves(value) else None
        if (
            mapped is None
            or ctx.retired(value) is not None
            or ctx.openai.fine_tuned_base(value) is not None
            or replace_value(doc, model.value_span, value, mapped) is None
        ):
            return f"its model {value} maps to no {provider.name} model apply can write"
    key = keys.get(config_key(fw.KEY_KEY))
    variable = fw.referenced(key.value or "") if key is not None else None
    if key is None or key.key_span is None or key.value_span is None or variable is None:
        return f"its `{fw.KEY_KEY}:` is not read from a variable (${{VAR}})"
    if is_openai_var(ctx, variable):
        return f"its key is OpenAI's variable {variable} (ML501)"
    start = doc.text.rfind("\n", 0, key.key_span.start) + 1
    on_line = doc.text[key.key_span.end : key.value_span.start]
    if doc.text[start : key.key_span.start].strip(" ") or "\n" in on_line:
        return f"its `{fw.KEY_KEY}:` is not written on a line of its own"
    if not plain_yaml_string(move.url):
        return "the base URL is not a plain YAML value"
    return ""


def _edit(doc: ConfigDocument, move: Move, target: str) -> Edit:
    """`api_base: <URL>` on the line before the entry's `api_key:`, whose `${GRAPHRAG_API_KEY}`
    becomes the provider's key variable (the line's indentation, quoting and comment kept)."""
    key, variable = move.key, move.variable
    assert key is not None and key.key_span is not None and key.value_span is not None
    assert variable is not None
    start = doc.text.rfind("\n", 0, key.key_span.start) + 1
    indent = doc.text[start : key.key_span.start]
    line = f"{indent}{fw.BASE_URL_KEY}: {move.url}\n"
    if variable != fw.INIT_KEY:
        return Edit(Span(start, start), line)
    raw = doc.text[key.value_span.start : key.value_span.end]
    found = fw.reference(variable).search(raw)
    assert found is not None
    value = raw[: found.start()] + f"${{{target}}}" + raw[found.end() :]
    head = doc.text[start : key.value_span.start]
    return Edit(Span(start, key.value_span.end), line + head + value)


@dataclass(frozen=True)
class Batch:
    """`embed_text.batch_size` of a GraphRAG settings file set above (or, unset, defaulting
    above) what the provider takes a request: where a finding stands (`at`), the batch, the
    provider's most, whether the file sets it, the embedding entry it goes to, and the edit
    writing that most (None: left to a person)."""

    at: Span
    size: int | None  # None: not a number (`${BATCH}`)
    most: int
    written: bool
    model_id: str
    edit: Edit | None = None


def embedding_batch(ctx: RuleContext, doc: ConfigDocument) -> Batch | None:
    """The batch of a GraphRAG settings file whose text embeddings go to the provider (the
    entry `embed_text.embedding_model_id` names points at it, or `apply` moves it there:
    `graphrag_entries`) where it may hold more texts than the provider's
    `embedding_batch_max`; None otherwise."""
    provider = ctx.provider
    if doc.kind not in ("yaml", "json") or not migrating(ctx) or provider is None:
        return None
    most = provider.params.get("embedding_batch_max")
    if not isinstance(most, int):
        return None
    mappings = _mappings(doc)
    embed = mappings.get((fw.EMBED_TEXT,), {})
    block = embedding_block(mappings)
    model_id = block[1]
    if block not in mappings or not to_provider(ctx, doc, block, mappings[block]):
        return None
    size_entry = embed.get(config_key(fw.BATCH_SIZE))
    if size_entry is not None and size_entry.key_span is not None:
        token = scalar_text(doc, size_entry)
        size = int(token) if token is not None and token.isdigit() else None
        if size is not None and size <= most:
            return None
        span = size_entry.value_span or size_entry.key_span
        edit = None
        if size is not None and token is not None and doc.kind == "yaml":
            start = doc.text.find(token, size_entry.key_span.end)
            if start != -1 and "\n" not in doc.text[size_entry.key_span.end : start]:
                span = Span(start, start + len(token))
                edit = Edit(span, str(most))
        return Batch(span, size, most, True, model_id, edit)
    if most >= fw.BATCH_DEFAULT:
        return None
    head = next((e for e in doc.entries if e.path == (fw.EMBED_TEXT,)), None)
    if head is not None and head.key_span is not None:
        edit = _batch_line(doc, embed, most)
        return Batch(head.key_span, fw.BATCH_DEFAULT, most, False, model_id, edit)
    selector = mappings[block][config_key(fw.PROVIDER_KEY)]
    span = selector.value_span or Span(0, 0)
    return Batch(span, fw.BATCH_DEFAULT, most, False, model_id)


def embedding_block(mappings: dict[Record, dict[str, Entry]]) -> Record:
    """The mapping of the embedding entry `embed_text.embedding_model_id` names (its default
    unset), or in graphrag 2's layout the `models:` entry `embed_text.model_id` names."""
    embed = mappings.get((fw.EMBED_TEXT,), {})
    chosen = embed.get(config_key(fw.EMBEDDING_MODEL_ID))
    model_id = (chosen.value or "").strip() if chosen is not None else fw.DEFAULT_EMBEDDING_MODEL
    block = (fw.EMBEDDING_SECTION, model_id)
    if block in mappings or fw.EMBEDDING_SECTION in {p[0] for p in mappings if p}:
        return block
    chosen = embed.get(config_key(fw.V2_MODEL_ID))
    model_id = (chosen.value or "").strip() if chosen is not None else fw.DEFAULT_EMBEDDING_MODEL
    return (fw.V2_SECTION, model_id)


def _batch_line(doc: ConfigDocument, embed: dict[str, Entry], most: int) -> Edit | None:
    """`batch_size: <most>` on the line before the first setting of `embed_text:` (written
    one a line, in block style), in its indentation."""
    if doc.kind != "yaml" or not embed:
        return None
    first = min(
        (e for e in embed.values() if e.key_span is not None),
        key=lambda e: e.key_span.start if e.key_span is not None else 0,
        default=None,
    )
    if first is None or first.key_span is None:
        return None
    start = doc.text.rfind("\n", 0, first.key_span.start) + 1
    indent = doc.text[start : first.key_span.start]
    if not indent or indent.strip(" "):
        return None
    return Edit(Span(start, start), f"{indent}{fw.BATCH_SIZE}: {most}\n")


def to_provider(
    ctx: RuleContext, doc: ConfigDocument, block: Record, keys: dict[str, Entry]
) -> bool:
    """Whether the entry of `keys` sends its requests to the provider: `model_provider: openai`
    with a base URL on the provider's host or read from its base-URL variable, or one `apply`
    moves there."""
    provider = ctx.provider
    assert provider is not None
    selector = keys.get(config_key(fw.PROVIDER_KEY))
    if selector is None or (selector.value or "").strip() != fw.OPENAI_PROVIDER:
        return False
    base = keys.get(config_key(fw.BASE_URL_KEY))
    value = (base.value or "").strip() if base is not None else ""
    if not value:
        move = graphrag_entries(ctx, doc).get(block)
        return move is not None and not move.left
    return points_at(ctx, value)


def points_at(ctx: RuleContext, value: str) -> bool:
    """Whether a base URL (`api_base`) is on the provider's host or read from its base-URL
    variable."""
    provider = ctx.provider
    assert provider is not None
    if not value:
        return False
    if fw.referenced(value) == provider.base_url_env:
        return True
    owner = host_owner(ctx, value)
    return owner is not None and owner.id == provider.id


@dataclass(frozen=True)
class Rebuild:
    """An embedding model of a GraphRAG settings file that `apply` maps (`model`: the entry,
    `mapped`: what it writes) while the directories `built` beside the file hold an index or
    cache made with it (`RunFacts.graphrag_settings`)."""

    model: Entry
    mapped: str
    built: tuple[str, ...]


def rebuilds(ctx: RuleContext, doc: ConfigDocument) -> list[Rebuild]:
    """The embedding models of a GraphRAG settings file that `apply` maps where an index or
    cache built with them lies beside it: the stored vectors keep the old model's width, and
    the cache answers a new index with them (`fw.INDEX_DIRECTORIES`)."""
    provider = ctx.provider
    if provider is None or not migrating(ctx):
        return []
    built = next((s.built for s in ctx.facts.graphrag_settings if s.file == doc.path), ())
    if not built:
        return []
    found: list[Rebuild] = []
    mappings = _mappings(doc)
    for block in sorted(model_entries(doc)):
        if _within(block)[0] != fw.EMBEDDING_SECTION:
            continue
        model = mappings[block].get(config_key(fw.MODEL_KEY))
        value = (model.value or "").strip() if model is not None else ""
        if model is None or model.value_span is None or provider.serves(value):
            continue
        mapped = ctx.map_model(value) if ctx.openai.serves(value) else None
        if mapped is not None and mapped != value:
            found.append(Rebuild(model, mapped, built))
    return found
