"""The width GraphRAG's settings file gives its vector indexes (`vector_store.vector_size`,
3072 unset: text-embedding-3-large's) beside the embedding entry whose vectors fill them
(ML511). Once apply maps the model to Qwen's text-embedding-v4 (1024 wide),
`graphrag.api.build_index` failed in generate_text_embeddings and queries on an index built
with OpenAI's vectors failed on the width, while `check` was green (t61a D2)."""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import graphrag as fw
from migrate_llm.model import Edit, Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import (
    _mappings,
    config_key,
    migrating,
    replace_value,
    scalar_span,
    scalar_text,
)
from migrate_llm.rules.config_graphrag import embedding_block, model_entries, to_provider
from migrate_llm.rules.embedding_sizes import stated_width

Record = tuple[str, ...]


@dataclass(frozen=True)
class IndexWidth:
    """A width GraphRAG's vector indexes get (`setting`: the key path as written, `size`: its
    number, or the default where `written` is False) that differs from the width of the
    vectors the embedding entry returns once migrated (`model`, `width`: None where the
    provider's file does not state it; `model_from`: the OpenAI model apply maps, if it
    does), with where a finding stands and the edit writing `width` (None: left)."""

    at: Span
    setting: str
    size: int | None
    written: bool
    model: str
    model_from: str | None
    width: int | None
    old: int | None  # the OpenAI model's width
    edit: Edit | None = None


def index_widths(
    ctx: RuleContext, doc: ConfigDocument, mapped: dict[Span | None, str]
) -> list[IndexWidth]:
    """The vector widths of a GraphRAG settings file (`fw.VECTOR_SIZE` of `fw.VECTOR_STORE`,
    its default where unset, and each index's) that do not fit the vectors of the embedding
    entry `embed_text` names, where that entry goes to the provider (pointed there, or moved
    by apply). `mapped`: the model ML503 writes in place of each value it maps, by span."""
    provider = ctx.provider
    if provider is None or not migrating(ctx) or doc.kind not in ("yaml", "json"):
        return []
    if not model_entries(doc):
        return []
    mappings = _mappings(doc)
    block = embedding_block(mappings)
    if block[0] != fw.EMBEDDING_SECTION:
        return []  # graphrag 2's lancedb store takes the width of the vectors it gets
    if block not in mappings or not to_provider(ctx, doc, block, mappings[block]):
        return []
    entry = mappings[block].get(config_key(fw.MODEL_KEY))
    written = (entry.value or "").strip() if entry is not None else ""
    if entry is None or entry.value_span is None or not written:
        return []
    model_from: str | None = None
    if provider.serves(written):
        model = written
    elif ctx.openai.serves(written) and sdk.surface_of_model(written) == "embeddings":
        target = mapped.get(entry.value_span)
        if target is None:
            return []  # apply leaves it: ML503 says why
        model, model_from = target, written
    else:
        return []
    width = stated_width(provider, model)
    sizes = ctx.openai.params.get("embedding_model_dimensions", {})
    old = sizes.get(model_from) if model_from is not None else None
    store = mappings.get((fw.VECTOR_STORE,), {})
    found: list[IndexWidth] = []
    base = store.get(config_key(fw.VECTOR_SIZE))
    named = [base] if base is not None else []
    named += [
        e
        for path, keys in mappings.items()
        if len(path) == 3 and path[:2] == (fw.VECTOR_STORE, fw.INDEX_SCHEMA)
        for e in keys.values()
        if e.key is not None and config_key(e.key) == config_key(fw.VECTOR_SIZE)
    ]
    for setting in named:
        size = _number(doc, setting)
        span = scalar_span(doc, setting)
        if size == width or span is None:
            continue
        edit = None
        if width is not None and size is not None and size in (old, fw.VECTOR_SIZE_DEFAULT):
            edit = _replace(doc, setting, span, width)
        shown = ".".join(setting.path)
        found.append(IndexWidth(span, shown, size, True, model, model_from, width, old, edit))
    if base is None and width != fw.VECTOR_SIZE_DEFAULT:
        head = next((e for e in doc.entries if e.path == (fw.VECTOR_STORE,)), None)
        at = head.key_span if head is not None and head.key_span is not None else None
        edit = None
        if width is not None:
            edit = _size_line(doc, store, width) if head else _store_block(doc, block, width)
        if at is None:
            at = entry.value_span
        shown = f"{fw.VECTOR_STORE}.{fw.VECTOR_SIZE}"
        size = fw.VECTOR_SIZE_DEFAULT
        found.append(IndexWidth(at, shown, size, False, model, model_from, width, old, edit))
    return found


def _number(doc: ConfigDocument, entry: Entry) -> int | None:
    text = scalar_text(doc, entry)
    return int(text) if text is not None and text.isdigit() else None


def _replace(doc: ConfigDocument, entry: Entry, span: Span, width: int) -> Edit | None:
    if entry.value is not None:
        return replace_value(doc, span, entry.value, str(width))
    return Edit(span, str(width)) if doc.kind == "yaml" else None


def _size_line(doc: ConfigDocument, store: dict[str, Entry], width: int) -> Edit | None:
    """`vector_size: <width>` on the line before the first setting of `vector_store:`
    (written one a line, in block style), in its indentation (a YAML file only)."""
    firsts = [e for e in store.values() if e.key_span is not None]
    if doc.kind != "yaml" or not firsts:
        return None
    first = min(firsts, key=lambda e: e.key_span.start if e.key_span else 0)
    assert first.key_span is not None
    start = doc.text.rfind("\n", 0, first.key_span.start) + 1
    indent = doc.text[start : first.key_span.start]
    if not indent or indent.strip(" "):
        return None
    return Edit(Span(start, start), f"{indent}{fw.VECTOR_SIZE}: {width}\n")


def _store_block(doc: ConfigDocument, block: Record, width: int) -> Edit | None:
    """`vector_store:` with `vector_size: <width>` at the end of a YAML file that has no such
    section, indented as the file indents its embedding entry."""
    head = next((e for e in doc.entries if e.path == block[:1]), None)
    inner = next((e for e in doc.entries if e.path == block), None)
    if doc.kind != "yaml" or head is None or inner is None or inner.key_span is None:
        return None
    start = doc.text.rfind("\n", 0, inner.key_span.start) + 1
    indent = doc.text[start : inner.key_span.start]
    if not indent or indent.strip(" ") or not doc.text.endswith("\n"):
        return None
    text = f"\n{fw.VECTOR_STORE}:\n{indent}{fw.VECTOR_SIZE}: {width}\n"
    return Edit(Span(len(doc.text), len(doc.text)), text)
