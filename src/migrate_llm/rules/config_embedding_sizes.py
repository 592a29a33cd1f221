"""ML511: a config file's vector width beside the embedding model it sizes (what ML114 and
`embedding_sizes` do for code). LightRAG's env.example sets `EMBEDDING_DIM=3072` beside
`EMBEDDING_MODEL=text-embedding-3-large`; once apply maps the model to Qwen's
text-embedding-v4 (1024 wide), every insert failed on the width while `check` was green (t53a)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import graphrag
from migrate_llm.frameworks.vector_sizes import SIZE_NAMES
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.compat import param_unconfirmed
from migrate_llm.rules.config_common import (
    config_key,
    migrating,
    replace_value,
    scalar_span,
    scalar_text,
)
from migrate_llm.rules.config_model import ConfigModel, settings_of
from migrate_llm.rules.embedding_sizes import stated_width
from migrate_llm.rules.graphrag_vector_sizes import IndexWidth, index_widths
from migrate_llm.sent_sizes import SentSize

Record = tuple[str, ...]

# A key naming a vector width (as `config_key` writes it): a bare `dim`, `dims`, `dimension`,
# `dimensions`; one of `vector_sizes.SIZE_NAMES` naming embeddings or vectors at its end
# (`EMBEDDING_DIM`, `EVAL_EMBEDDING_DIMENSIONS`, `vector_size`); or a width word after a key
# naming them (`embedding_model_dims`). Not `size` alone, nor `EMBEDDING_BATCH_SIZE`.
_WIDTH_WORDS = ("dimensions", "dimension", "dims", "dim")
_NAMED_SIZES = tuple(
    sorted({config_key(n) for n in SIZE_NAMES if "embed" in n or "vector" in n}, key=len)
)[::-1]


def size_key(key: str) -> bool:
    """Whether a config key names the width of embedding vectors."""
    k = config_key(key)
    if k in _WIDTH_WORDS or k.endswith(_NAMED_SIZES):
        return True
    return ("embed" in k or "vector" in k) and k.endswith(_WIDTH_WORDS)


def _stem(key: str, words: tuple[str, ...]) -> str:
    """`key` (as `config_key` writes it) without the first of `words` it ends with:
    `EMBEDDING_DIM` and `EMBEDDING_MODEL` both give `embedding`."""
    k = config_key(key)
    return next((k[: -len(w)] for w in words if k.endswith(w)), k)


_MODEL_WORDS = ("modelname", "modelid", "model", "deployment", "name")
_STEM_SIZES = (*_WIDTH_WORDS, "size")


class _Model(NamedTuple):
    """An embedding model a config section names: its entry, the model written, what apply
    maps it to in the same run (None: left, or already the provider's), and the width of
    the vectors the program gets once migrated (None: not stated)."""

    entry: Entry
    written: str
    mapped: str | None
    width: int | None


# an embedding entry of GraphRAG's settings.yaml pointed at Qwen
_GRAPHRAG_EMBEDDING = (
    "embedding_models:\n  default_embedding_model:\n    model_provider: openai\n"
    "    model: text-embedding-v4\n"
    "    api_base: https://dashscope.aliyuncs.com/compatible-mode/v1\n"
    "    api_key: ${DASHSCOPE_API_KEY}\n"
)


class ConfigEmbeddingSize(ConfigRule):
    """A vector width in a config file beside the embedding model whose vectors it sizes.

    ## What it does
    In a .env file (the whole file) or a mapping of a YAML, TOML or JSON file, finds a
    number under a key naming a vector width (`EMBEDDING_DIM`, `embedding_dims`,
    `vector_size`, `dimensions`: not `EMBEDDING_BATCH_SIZE`) beside an embedding model:
    an OpenAI one that ML503 maps in the same run, or the provider's own, as an earlier
    apply wrote it. Of several models there, the one whose key has the width's stem
    (`EMBEDDING_MODEL` for `EMBEDDING_DIM`, `EVAL_EMBEDDING_MODEL` for
    `EVAL_EMBEDDING_DIM`) is the one it sizes. Widths come from the provider files only:
    OpenAI's `embedding_model_dimensions`, and what ML114 reads as the provider's model's
    stated width (`embedding_model_dimensions`, or `embedding_default_dimensions` for its
    `embedding` tier's model, not marked uncertain).
    In a GraphRAG settings file, the width of its vector indexes (`vector_store.vector_size`,
    3072 where unset, and each `vector_store.index_schema.<index>.vector_size`) against the
    embedding entry `embed_text` names, where that entry goes to the provider.

    ## Why
    The program creates its vector stores that wide and checks every vector against the
    setting (LightRAG: "Embedding dimension mismatch: total elements (1024) cannot be evenly
    divided by expected dimension (3072)"); a program that sends it as `dimensions=` gets a
    400 where the provider does not offer that size. Mapping the model alone leaves the file
    sizing the old model's vectors, and nothing else reads it.

    ## Fix
    Where the width is the OpenAI model's (3072 for text-embedding-3-large) and apply maps
    that model in the same run to one whose width is stated, apply writes that width
    (review); rebuild the stored vectors. Where it cannot tell (the model's new width is not
    stated, the setting is another size, several models may be the one it sizes), an error,
    left to you. Beside the provider's model a width other than its stated one is an error
    where the provider offers no such `dimensions=`, else a warning (it holds only where the
    program sends it as `dimensions=`, as LightRAG does with `EMBEDDING_SEND_DIM=true`).
    Where an embedding request of the project sends it (`RunFacts.sizes_sent`: `dimensions=`
    given a read of the variable a .env line sets, `int(os.environ.get("EMBEDDING_DIMENSION",
    256))`, or the same number, a literal or a module constant), a width the provider offers
    fits and is not reported (chatgpt-retrieval-plugin with qwen); one it does not offer
    stays an error naming that request, and a request whose `dimensions=` cannot be known
    from its module is named in the message.
    GraphRAG's width unset or 3072 (its default, text-embedding-3-large's) beside a model
    of a stated width: apply writes that width (`vector_size: 1024` first under
    `vector_store:`, or a `vector_store:` block at the end where the file has none; review);
    `graphrag.api.build_index` and the query API read it as written (only the `graphrag
    index` command measures the model), and an index built with OpenAI's vectors must be
    built again.

    ## Data
    `setting` (the key), `size` (the width written), `model` (the provider's model),
    `model_from` (the OpenAI model apply maps, where it does), `dimensions_to` (its stated
    width, where known), `models` (the models it may size, where several), `sent_at` (the
    request sending it as `dimensions=`, `embed.py:10`, where one does).
    """

    code = "ML511"
    name = "config-embedding-size"
    category = "compatibility"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        # t53a: LightRAG's env.example
        Example(
            "EMBEDDING_MODEL=text-embedding-3-small\nEMBEDDING_DIM=1536\n",
            path=".env",
            provider="acme",
            message="EMBEDDING_DIM=1536 is the width of text-embedding-3-small's vectors; apply "
            "maps text-embedding-3-small (line 1) to acme-embed, which returns vectors 1024 wide "
            "(1536 -> 1024): apply makes it 1024; rebuild the stored vectors",
            # ML503 maps the model in the same run
            after="EMBEDDING_MODEL=text-embedding-3-small\nEMBEDDING_DIM=1024\n",
        ),
        Example(
            "embedder:\n  model: text-embedding-3-small\n  embedding_dims: 1536\n",
            path="config.yaml",
            provider="acme",
            after="embedder:\n  model: text-embedding-3-small\n  embedding_dims: 1024\n",
        ),
        Example(
            "EMBEDDING_MODEL=text-embedding-3-small\nEMBEDDING_DIM=512\n",
            path=".env",
            provider="acme",
            message="EMBEDDING_DIM=512 is not text-embedding-3-small's width (1536); apply maps "
            "text-embedding-3-small (line 1) to acme-embed, which returns vectors 1024 wide: the "
            "program may ask for 512 with dimensions=, which Acme Cloud does not offer (offered: "
            "1024); set the width the program gets, by hand",
        ),
        # after apply, a width left: check stays red
        Example(
            "EMBEDDING_MODEL=acme-embed\nEMBEDDING_DIM=3072\n",
            path=".env",
            provider="acme",
            message="EMBEDDING_DIM=3072 fits no vectors of acme-embed (line 1): it returns them "
            "1024 wide and Acme Cloud offers no dimensions=3072 (offered: 1024); set 1024 and "
            "rebuild the stored vectors, by hand",
        ),
        Example(
            "EMBEDDING_MODEL=acme-embed\nEMBEDDING_DIM=1024\nEMBEDDING_BATCH_SIZE=1536\n",
            path=".env",
            provider="acme",
            finds=False,
        ),
        Example(
            "EMBEDDING_MODEL=text-embedding-3-small\nEMBEDDING_DIM=1536\n",
            path=".env",
            provider="openai",
            finds=False,
        ),
        Example("EMBEDDING_MODEL=text-embedding-3-small\nEMBEDDING_DIM=1536\n", finds=False),
        # t61a D2: GraphRAG sizes its vector indexes 3072 wide unless told otherwise
        Example(
            _GRAPHRAG_EMBEDDING + "\nvector_store:\n  type: lancedb\n",
            path="settings.yaml",
            provider="qwen",
            message="GraphRAG's vector_store.vector_size (3072, its default) does not fit the "
            "vectors of text-embedding-v4, which returns them 1024 wide: apply writes "
            "vector_size: 1024; `graphrag.api.build_index` and the query API use this setting "
            "as it is (only the `graphrag index` command measures the model), and an index "
            "built with OpenAI's embeddings must be rebuilt (`graphrag index`)",
            after=_GRAPHRAG_EMBEDDING + "\nvector_store:\n  vector_size: 1024\n  type: lancedb\n",
        ),
        Example(
            _GRAPHRAG_EMBEDDING + "\nvector_store:\n  vector_size: 3072\n",
            path="settings.yaml",
            provider="qwen",
            after=_GRAPHRAG_EMBEDDING + "\nvector_store:\n  vector_size: 1024\n",
        ),
        Example(
            _GRAPHRAG_EMBEDDING + "\nvector_store:\n  vector_size: 1024\n",
            path="settings.yaml",
            provider="qwen",
            finds=False,
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx) or doc.recorded is not None:
            return
        doc = settings_of(doc)
        for width in index_widths(self.ctx, doc, self._mapped(doc)):
            yield self._index_width(doc, provider, width)
        sections: dict[Record, list[Entry]] = {}
        for entry in doc.entries:
            block = () if doc.kind == "dotenv" or not entry.path else entry.rooted[:-1]
            sections.setdefault(block, []).append(entry)
        sizes = {
            block: found
            for block, entries in sections.items()
            if (found := [e for e in entries if e.key and size_key(e.key) and _number(doc, e)])
        }
        if not sizes:
            return
        named = {block: self._models(provider, sections[block]) for block in sizes}
        if not any(named.values()):
            return
        mapped = self._mapped(doc)
        for block, entries in sizes.items():
            models = [m._replace(mapped=mapped.get(m.entry.value_span)) for m in named[block]]
            models = [self._widened(provider, m) for m in models]
            for entry in entries:
                finding = self._check(doc, provider, entry, models)
                if finding is not None:
                    yield finding

    def _index_width(self, doc: ConfigDocument, provider: Provider, found: IndexWidth) -> Finding:
        """The finding on a width GraphRAG's vector indexes get (`index_widths`)."""
        size = f"{found.size}" if found.written else f"{found.size}, its default"
        setting = f"GraphRAG's {found.setting} ({size})"
        if found.model_from is not None:
            whose = f"{found.model_from}'s" if found.size == found.old else "another model's"
            model = f"sizes its vector indexes for {whose} vectors; apply maps {found.model_from} "
            model += f"to {found.model}, which returns vectors"
        else:
            model = f"does not fit the vectors of {found.model}, which returns them"
        rebuild = (
            "; `graphrag.api.build_index` and the query API use this setting as it is (only "
            "the `graphrag index` command measures the model), and an index built with "
            "OpenAI's embeddings must be rebuilt (`graphrag index`)"
        )
        data: dict[str, object] = {"setting": found.setting, "size": found.size}
        data["model"] = found.model
        if found.model_from is not None:
            data["model_from"] = found.model_from
        if found.width is None:
            message = (
                f"{setting} {model} of a width {provider.name}'s file does not state: set "
                f"{graphrag.VECTOR_SIZE} to the width it returns, by hand{rebuild}"
            )
            return self.finding_at(doc, found.at, message, data=data)
        data["dimensions_to"] = found.width
        if found.edit is not None:
            verb = "makes it" if found.written else f"writes {graphrag.VECTOR_SIZE}:"
            message = f"{setting} {model} {found.width} wide: apply {verb} {found.width}{rebuild}"
            return self.finding_at(
                doc,
                found.at,
                message,
                severity=Severity.WARNING,
                fix=FixClass.REVIEW,
                edit=found.edit,
                data=data,
            )
        message = f"{setting} {model} {found.width} wide: set {found.width}, by hand{rebuild}"
        return self.finding_at(doc, found.at, message, data=data)

    def _models(self, provider: Provider, entries: list[Entry]) -> list[_Model]:
        """The embedding models `entries` name: OpenAI's (their width filled in once apply's
        mapping is known) and the provider's whose width its file states."""
        found = []
        for entry in entries:
            value = (entry.value or "").strip()
            if not value or entry.value_span is None:
                continue
            if self.ctx.openai.serves(value) and sdk.surface_of_model(value) == "embeddings":
                found.append(_Model(entry, value, None, None))
            elif provider.serves(value) and (width := stated_width(provider, value)):
                found.append(_Model(entry, value, None, width))
        return found

    def _mapped(self, doc: ConfigDocument) -> dict[Span | None, str]:
        """The model ML503 writes in place of each value it maps in this run, by the value's
        span: what apply does to the model, read from the rule that does it."""
        found: dict[Span | None, str] = {}
        for finding in ConfigModel(self.ctx).check(doc):
            to = finding.data.get("model_to")
            if finding.edit is None or not isinstance(to, str):
                continue
            start = finding.edit.span.start
            for entry in doc.entries:
                span = entry.value_span
                if span is not None and span.start <= start < span.end:
                    found[span] = to
        return found

    def _widened(self, provider: Provider, model: _Model) -> _Model:
        if model.mapped is None:
            return model
        return model._replace(width=stated_width(provider, model.mapped))

    def _check(
        self, doc: ConfigDocument, provider: Provider, entry: Entry, models: list[_Model]
    ) -> Finding | None:
        """The finding on the width `entry` sets beside `models` (None where it fits)."""
        # an OpenAI model apply leaves goes on to OpenAI: its width stays right
        models = [m for m in models if m.mapped is not None or m.width is not None]
        assert entry.key is not None
        stem = _stem(entry.key, _STEM_SIZES)
        own = [m for m in models if _stem(m.entry.key or "", _MODEL_WORDS) == stem]
        if len(own) == 1 or len(models) == 1:
            return self._sized(doc, provider, entry, (own or models)[0])
        size = _number(doc, entry)
        if not models or all(m.width == size for m in models):
            return None
        names = ", ".join(f"{m.written} (line {_line(doc, m.entry)})" for m in models)
        return self.finding_at(
            doc,
            _span(doc, entry),
            f"{entry.key}={size} sizes the vectors of one of the embedding models beside it, "
            f"{names}; once migrated they return vectors of other widths: set the width of the "
            "model it sizes, by hand",
            data={"setting": entry.key, "size": size, "models": [m.written for m in models]},
        )

    def _sized(
        self, doc: ConfigDocument, provider: Provider, entry: Entry, model: _Model
    ) -> Finding | None:
        size = _number(doc, entry)
        if size is None or size == model.width:
            return None
        setting = f"{entry.key}={size}"
        span = _span(doc, entry)
        line = _line(doc, model.entry)
        width = model.width
        offered = provider.params.get("embedding_dimensions")
        shown = ", ".join(map(str, offered or ()))
        unconfirmed = param_unconfirmed(provider, "embedding_dimensions")
        target = model.mapped or model.written
        sent, unknown = self._sent(doc, entry, size)
        if sent and offered is not None and size in offered:
            return None  # the program asks for that width, which the provider returns
        data: dict[str, object] = {"setting": entry.key, "size": size, "model": target}
        if sent:
            data["sent_at"] = sent[0].where
        if width is not None:
            data["dimensions_to"] = width
        if model.mapped is None:  # the provider's already (an earlier apply, or by hand)
            if offered is not None and size not in offered:
                return self.finding_at(
                    doc,
                    span,
                    f"{setting} fits no vectors of {target} (line {line}): it returns them "
                    f"{width} wide and {provider.name} offers no dimensions={size} (offered: "
                    f"{shown}){unconfirmed}; set {width} and rebuild the stored vectors, by hand",
                    data=data,
                )
            return self.finding_at(
                doc,
                span,
                f"{setting} fits the vectors of {target} (line {line}) only where the program "
                f"sends dimensions={size}: it returns them {width} wide by default; set {width} "
                "(and rebuild the stored vectors) or have the program send the size, by hand",
                severity=Severity.WARNING,
                data=data,
            )
        data["model_from"] = model.written
        old = self.ctx.openai.params.get("embedding_model_dimensions", {}).get(model.written)
        mapping = f"apply maps {model.written} (line {line}) to {target}, which returns vectors"
        if width is None:
            return self.finding_at(
                doc,
                span,
                f"{setting} sizes the vectors of {model.written}; {mapping} of a width "
                f"{provider.name}'s file does not state: set the width {target} returns, by hand",
                data=data,
            )
        if size == old:
            edit = _size_edit(doc, entry, span, width)
            remedy = f"apply makes it {width}" if edit else f"make it {width}"
            return self.finding_at(
                doc,
                span,
                f"{setting} is the width of {model.written}'s vectors; {mapping} {width} wide "
                f"({size} -> {width}): {remedy}; rebuild the stored vectors",
                severity=Severity.WARNING if edit else None,
                fix=FixClass.REVIEW if edit else None,
                edit=edit,
                data=data,
            )
        why = f"which {provider.name} is not known to offer"
        if offered is not None:
            taken = "offers" if size in offered else "does not offer"
            why = f"which {provider.name} {taken} (offered: {shown}){unconfirmed}"
        was = f"{model.written}'s width ({old})" if old else f"a width {model.written} is known for"
        asks = f"the program may ask for {size} with dimensions="
        if sent:
            asks = f"the program asks for {size} with dimensions= ({sent[0].where})"
        elif unknown:
            asks += f" ({unknown[0].where} sends a value that cannot be known from its module)"
        return self.finding_at(
            doc,
            span,
            f"{setting} is not {was}; {mapping} {width} wide: {asks}, {why}; set the width the "
            "program gets, by hand",
            data=data,
        )

    def _sent(
        self, doc: ConfigDocument, entry: Entry, size: int | None
    ) -> tuple[list[SentSize], list[SentSize]]:
        """The embedding requests of the project sending `entry`'s width as `dimensions=`
        (read from the variable a .env entry sets, or the same number written: a literal, a
        module constant), and those sending a value that cannot be known
        (`RunFacts.sizes_sent`)."""
        found = sorted(self.ctx.facts.sizes_sent, key=lambda s: s.where)
        sent = [
            s
            for s in found
            if (doc.kind == "dotenv" and s.variable is not None and s.variable == entry.key)
            or (s.size is not None and s.size == size)
        ]
        unknown = [s for s in found if s.variable is None and s.size is None]
        return sent, unknown


def _number(doc: ConfigDocument, entry: Entry) -> int | None:
    """The whole number `entry` sets (`3072`, `"3072"`); None for another value."""
    text = scalar_text(doc, entry)
    return int(text) if text is not None and text.isdigit() else None


def _span(doc: ConfigDocument, entry: Entry) -> Span:
    span = scalar_span(doc, entry)
    assert span is not None  # `_number` read a value there
    return span


def _line(doc: ConfigDocument, entry: Entry) -> int:
    """The line of `entry`'s value (`_models` keeps only entries with one)."""
    assert entry.value_span is not None
    return doc.lines.position(entry.value_span.start)[0]


def _size_edit(doc: ConfigDocument, entry: Entry, span: Span, width: int) -> Edit | None:
    """The edit writing `width` where `entry`'s number stands, quotes kept."""
    if entry.value is not None:
        return replace_value(doc, span, entry.value, str(width))
    return Edit(span, str(width)) if FORMATS[doc.kind].writable else None
