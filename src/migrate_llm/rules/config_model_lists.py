"""ML503 on a list of models written in one string: an environment variable's value.

An environment variable holds a string; a list of models there (`AVAIL_LLM_MODELS:
'["gpt-3.5-turbo", "gpt-4", "qianfan"]'` in gpt_academic's docker-compose.yml, `MODELS=
["gpt-4o"]` in a .env) is one the program parses into its list of models, where a Python
module would hold it (gpt_academic's config.py binds the same `AVAIL_LLM_MODELS`, which the
variable replaces). So it is read as ML205 reads such a list in code (`_collection_edit`,
`_settled_by_hand` of `model_elsewhere`): one that holds a provider model apply would not put
there was fixed by hand (a note, left); one of model ids only gains what its OpenAI models map
to after its last item (review), so that the program accepts them too; any other (other
providers' models beside OpenAI's) is left to a person (manual). Its items are not mapped in
place: where the program checks a model against the list, or offers it in a menu as the one
model setting, only a person can say which the list should hold, as in code.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.model_tables import ModelTable
from migrate_llm.registry import undated_model
from migrate_llm.rules.base import ConfigRule
from migrate_llm.rules.config_common import SAFE_VALUE, migrating
from migrate_llm.rules.table_gaps import gap_why, routed_table, routed_why, table_gap, table_place

Record = tuple[str, ...]


@dataclass(frozen=True)
class StringList:
    """A string value holding a list of strings: the entry holding it (`key`), and an entry
    for each item, at its quoted text where `placed` (else at the whole value: written with
    escapes)."""

    key: str | None
    items: tuple[Entry, ...]
    placed: bool


def list_finding(
    rule: ConfigRule, doc: ConfigDocument, listed: StringList
) -> tuple[Finding | None, frozenset[Record]]:
    """The one finding on the OpenAI models of `listed` (None where it holds what each maps
    to), and the paths of the items it stands for (none where the run does not switch
    provider: each is then reported as a value). A model the provider's table does not map is
    left out, to be reported as one."""
    ctx = rule.ctx
    provider = ctx.provider
    values = [(e.value or "").strip() for e in listed.items]
    images = sdk.named_for_images(listed.key or "")
    members = [
        (e, v, new)
        for e, v in zip(listed.items, values, strict=True)
        if ctx.openai.serves(v) and (new := ctx.map_model(v, images)) is not None and new != v
    ]
    if provider is None or not ctx.switching or not members:
        return None, frozenset()
    handled = frozenset(e.rooted for e, _, _ in members)
    held = set(values)
    sources: dict[str, list[str]] = {}  # a target it does not hold -> the models giving it
    for _, model, new in members:
        family = undated_model(model)
        if sdk.completions_only(model) or (family is not None and family not in held):
            continue  # as in code: a completions model, a snapshot the list singles out
        if new not in held:
            sources.setdefault(new, []).append(model)
    hand = [v for v in dict.fromkeys(values) if provider.serves(v)]
    models = [m for _, m, _ in members]
    routed = routed_table(ctx.facts.model_tables, models) if migrating(ctx) else None
    if routed is not None:
        return _routed_finding(rule, doc, listed, routed, values), handled
    gap = (
        table_gap(ctx.facts.model_tables, models, [*hand, *sources], doc.path)
        if migrating(ctx)
        else None
    )
    if not sources and gap is None:
        return None, handled
    shown = ", ".join(repr(m) for m in models[:3])
    shown += f" and {len(models) - 3} more" if len(models) > 3 else ""
    many = len(models) > 1
    are = "are OpenAI model ids" if many else "is an OpenAI model id"
    where = f"the list in {listed.key}" if listed.key else "a list in a string"
    subject = f"{shown} in {where} {are}"
    they = ("them", "they map") if many else ("it", "it maps")
    targets = list(sources)
    named = ", ".join(repr(t) for t in targets)
    them = "them" if len(targets) > 1 else "it"
    data: dict[str, object] = {"models_from": models, "models_to": targets}
    first = members[0][0]
    assert first.value_span is not None
    if gap is not None:
        table, missing = gap
        keys = [m for m in dict.fromkeys(models) if m in table.keys]
        entries = "entries for them" if len(missing) > 1 else "an entry for it"
        message = (
            f"{subject}: {gap_why(table, keys, missing)}; apply adds nothing to the list while "
            f"{table.name} lacks {'them' if len(missing) > 1 else 'it'}: add {entries} there, "
            "by hand"
        )
        data |= {"missing": missing, "table": table_place(table)}
        found = rule.finding_at(doc, first.value_span, message, fix=FixClass.MANUAL, data=data)
        return found, handled
    if hand:
        lacks = ", ".join(
            f"{t!r} (from {', '.join(repr(m) for m in sources[t][:2])}"
            f"{f' and {len(sources[t]) - 2} more' if len(sources[t]) > 2 else ''})"
            for t in targets
        )
        message = (
            f"{subject} beside {provider.name}'s {', '.join(repr(v) for v in hand)}, which "
            f"apply does not add alone: taken as fixed by hand, apply leaves it; it lacks "
            f"{lacks}: add {them} if the program should accept {them} too"
        )
        return rule.finding_at(
            doc, first.value_span, message, severity=Severity.NOTE, fix=FixClass.MANUAL, data=data
        ), handled
    reject = (
        f"{subject}: a program that checks models against {they[0]} may reject "
        f"{provider.name}'s models"
    )
    models_only = all(_model(rule, v) for v in values)
    edit = _widening(doc, listed, targets) if models_only else None
    if edit is None:
        message = f"{reject}; add {named} or change the check by hand"
        if models_only:
            escaped = "" if listed.placed else " (a list written with escapes in one string)"
            message = f"{reject}; add {named} beside {they[0]} by hand{escaped}"
        found = rule.finding_at(doc, first.value_span, message, fix=FixClass.MANUAL, data=data)
        return found, handled
    message = f"{reject}; apply adds what {they[1]} to ({named}) beside {they[0]}"
    return rule.finding_at(doc, first.value_span, message, edit=edit, data=data), handled


def _routed_finding(
    rule: ConfigRule,
    doc: ConfigDocument,
    listed: StringList,
    routed: tuple[ModelTable, list[str]],
    values: list[str],
) -> Finding:
    """The finding on a list whose OpenAI models key entries of a table of the project's code
    that hold the provider's URL (`table_gaps.routed_table`), as ML205 says it of such a list
    in code: a model picked from it goes to the provider as it is (manual, a warning)."""
    ctx = rule.ctx
    assert ctx.provider is not None
    table, models = routed
    targets = list(dict.fromkeys(t for m in models if (t := ctx.map_model(m)) is not None))
    shown = ", ".join(repr(m) for m in models)
    where = f"the list in {listed.key}" if listed.key else "a list in a string"
    ids = "are OpenAI model ids" if len(models) > 1 else "is an OpenAI model id"
    why = routed_why(table, models, ctx.provider.name, targets, values, "list")
    first = next(e for e in listed.items if (e.value or "").strip() in models)
    assert first.value_span is not None
    return rule.finding_at(
        doc,
        first.value_span,
        f"{shown} in {where} {ids} {why}",
        fix=FixClass.MANUAL,
        data={"models_from": models, "table": table_place(table)},
    )


def _model(rule: ConfigRule, value: str) -> bool:
    """Whether a list's item is a model id, OpenAI's or the provider's."""
    provider = rule.ctx.provider
    return rule.ctx.openai.serves(value) or (provider is not None and provider.serves(value))


def _widening(doc: ConfigDocument, listed: StringList, targets: list[str]) -> Edit | None:
    """`targets` added after the last item of `listed`, quoted as it is and separated as its
    items are (`","`, `", "`); None where the list is written with escapes, the file is one
    apply does not edit (a script), or a target is not a plain id."""
    if not listed.placed or not FORMATS[doc.kind].writable:
        return None
    if not all(SAFE_VALUE.fullmatch(t) for t in targets):
        return None
    spans = [item.value_span for item in listed.items if item.value_span is not None]
    last = spans[-1]
    between = doc.text[spans[-2].end : last.start] if len(spans) > 1 else ""
    separator = between if between.strip() == "," and "\n" not in between else ", "
    quote = doc.text[last.start]
    added = "".join(f"{separator}{quote}{t}{quote}" for t in targets)
    return Edit(Span(last.end, last.end), added)
