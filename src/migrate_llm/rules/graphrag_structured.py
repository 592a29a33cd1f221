"""The model entries of a GraphRAG settings file that GraphRAG asks for structured outputs
from inside the library (`fw.STRUCTURED_SECTIONS`: community reports on every index run, the
drift primer), where the model they send to the provider once migrated is not known to take
a json_schema format (ML503). apply mapped gpt-4o-mini to qwen-plus, and `graphrag index`
failed at create_community_reports with a 400 while `check` was green (t61a D1)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import graphrag as fw
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.calls import schema_refused, schema_refused_words, support_doubt
from migrate_llm.rules.config_common import _mappings, config_key, migrating
from migrate_llm.rules.config_graphrag import to_provider

if TYPE_CHECKING:
    from migrate_llm.rules.base import ConfigRule

Record = tuple[str, ...]


@dataclass(frozen=True)
class Asked:
    """A model entry GraphRAG asks for structured outputs (`block`), its model entry, the
    model it sends once migrated and the OpenAI model apply maps there (None: written as
    the provider's), and the settings sections naming it (`fw.STRUCTURED_SECTIONS`)."""

    block: Record
    model: Entry
    target: str
    model_from: str | None
    sections: tuple[str, ...]


def structured_entries(ctx: RuleContext, doc: ConfigDocument) -> list[Asked]:
    """The model entries (graphrag 3's `completion_models`, 2's `models`) that a section of
    `fw.STRUCTURED_SECTIONS` names (its default where unset) and that go to the provider
    (pointed there, or moved by apply)."""
    provider = ctx.provider
    if provider is None or not migrating(ctx) or doc.kind not in ("yaml", "json"):
        return []
    mappings = _mappings(doc)
    users: dict[Record, list[str]] = {}
    for section in fw.STRUCTURED_SECTIONS:
        keys = mappings.get((section,), {})
        for layout, key, default in (
            (fw.COMPLETION_SECTION, fw.COMPLETION_MODEL_ID, fw.DEFAULT_COMPLETION_MODEL),
            (fw.V2_SECTION, fw.V2_MODEL_ID, fw.V2_DEFAULT_CHAT_MODEL),
        ):
            if layout == fw.V2_SECTION and section not in fw.STRUCTURED_SECTIONS_V2:
                continue
            chosen = keys.get(config_key(key))
            named = (layout, (chosen.value or "").strip() if chosen is not None else default)
            if named in mappings:
                users.setdefault(named, []).append(section)
    found: list[Asked] = []
    for block, sections in users.items():
        keys = mappings[block]
        kind = keys.get(config_key(fw.TYPE_KEY))
        if block[0] == fw.V2_SECTION and (kind is None or kind.value != fw.V2_LITELLM_CHAT):
            continue  # graphrag 2's fnllm entries (`openai_chat`): not read here
        if not to_provider(ctx, doc, block, keys):
            continue
        model = keys.get(config_key(fw.MODEL_KEY))
        written = (model.value or "").strip() if model is not None else ""
        if model is None or model.value_span is None or not written:
            continue
        if provider.serves(written):
            found.append(Asked(block, model, written, None, tuple(sections)))
            continue
        mapped = ctx.map_model(written) if ctx.openai.serves(written) else None
        if mapped is not None and mapped != written:
            found.append(Asked(block, model, mapped, written, tuple(sections)))
    return found


def structured_findings(rule: ConfigRule, doc: ConfigDocument) -> Iterator[Finding]:
    """ML503's findings on the entries of `structured_entries` whose model the provider's
    file does not say takes json_schema (`Provider.takes_structured`): an error where it
    says the model does not, a warning to check by hand where it does not say."""
    provider = rule.ctx.provider
    if provider is None:
        return
    for asked in structured_entries(rule.ctx, doc):
        takes = provider.takes_structured(asked.target)
        if takes:
            continue
        uses = " and ".join(f"{fw.STRUCTURED_SECTIONS[s]} ({s})" for s in asked.sections)
        model = asked.target
        if asked.model_from is not None:
            model = f"{asked.target}, to which apply maps {asked.model_from},"
        head = (
            f"GraphRAG asks {'.'.join(asked.block)} for structured outputs (response_format "
            f"json_schema) in {uses}"
        )
        advice = (
            f"set these sections' {_id_key(asked.block)} to an entry whose model takes "
            "json_schema, by hand"
        )
        listed = provider.params.get("structured_models")
        refused = schema_refused(provider)
        if refused is not None:
            why = schema_refused_words(provider, refused, "that step")
        elif takes is False and listed:
            why = (
                f"{model} does not take it ({provider.name}'s file names the models that do: "
                f"{', '.join(listed)}), so that step fails (HTTP 400)"
            )
        elif takes is False:
            why = f"{provider.name} has no structured outputs, so that step fails (HTTP 400)"
        else:
            doubt = support_doubt(provider, sdk.STRUCTURED_OUTPUTS)
            why = (
                f"{model} is not known to take it ({provider.name}'s file does not say"
                f"{f': {doubt}' if doubt else ''}); check that it does, as that step fails "
                "(HTTP 400) where it does not, or"
            )
        data: dict[str, object] = {"model": asked.target, "sections": list(asked.sections)}
        if asked.model_from is not None:
            data["model_from"] = asked.model_from
        assert asked.model.value_span is not None
        yield rule.finding_at(
            doc,
            asked.model.value_span,
            f"{head}: {why}{' ' if takes is None and refused is None else '; '}{advice}",
            severity=Severity.WARNING if takes is None and refused is None else Severity.ERROR,
            fix=FixClass.MANUAL,
            data=data,
        )


def _id_key(block: Record) -> str:
    return fw.V2_MODEL_ID if block[0] == fw.V2_SECTION else fw.COMPLETION_MODEL_ID
