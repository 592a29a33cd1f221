"""ML501's edits in tox's test environments (`formats.tox`): the provider's variable passed or
set beside OpenAI's, by name or by a reference to the host's, never with a value copied."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from fnmatch import fnmatchcase

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.tox import PASS, ToxItem
from migrate_llm.model import Edit, Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import BASE_VARS, migrating, points_at_openai

# `{env:NAME}` or `{env:NAME:default}`: tox's reference to the host's variable
_REFERENCE = re.compile(r"\{env:(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<default>[^{}]*))?\}")


def tox_plan(
    ctx: RuleContext, doc: ConfigDocument, items: Sequence[ToxItem]
) -> dict[Span, tuple[Edit | None, str]]:
    """ML501's edits in tox's test environments, by the name span of the OpenAI item they
    belong to, each with what `apply` does in words.

    In a section, the first `passenv` name of OpenAI's key (base-URL) variable gets the
    provider's added after it; a `setenv` line setting it from the host's
    (`OPENAI_API_KEY = {env:OPENAI_API_KEY}`, no default) gets one setting the provider's
    from the host's (the base URL with the provider's as default); a `setenv` base URL that
    is empty or OpenAI's is renamed, with the provider's URL. None marks an item whose
    section passes or sets the provider's variable already. Items not listed (a key set to
    a value, a base URL of another server, other variables) are left alone.
    """
    provider, url = ctx.provider, ctx.base_url
    if provider is None or url is None or not migrating(ctx):
        return {}
    present: dict[str, set[str]] = defaultdict(set)  # the names each section passes or sets
    for item in items:
        if item.entry.key is not None:
            present[item.section].add(item.entry.key)
    plan: dict[Span, tuple[Edit | None, str]] = {}
    for item in items:
        name, span = item.entry.key, item.entry.key_span
        if name is None or span is None:
            continue
        if item.option == PASS and is_glob(name):
            globbed = _globbed(ctx, item, name, present[item.section])
            if globbed is not None:
                plan[span] = globbed
            continue
        if name in sdk.KEY_ENV_VARS:
            variable = provider.api_key_env
        elif name in BASE_VARS:
            variable = provider.base_url_env
        else:
            continue
        known = present[item.section]
        if any(fnmatchcase(variable, passed) for passed in known):
            plan[span] = (None, "")
            continue
        found = (
            _passed(item, variable) if item.option == PASS else _set(ctx, doc, item, variable, url)
        )
        if found is not None:
            plan[span] = found
            known.add(variable)
    return plan


def is_glob(name: str) -> bool:
    """Whether a `passenv` name is a pattern (`OPENAI_*`: tox 4 passes what it matches)."""
    return any(c in name for c in "*?[")


def _globbed(
    ctx: RuleContext, item: ToxItem, pattern: str, known: set[str]
) -> tuple[Edit | None, str] | None:
    """The provider's key and base-URL variables passed after a `passenv` pattern that
    matches OpenAI's (`OPENAI_*`), those the section does not pass already; (None, "") where
    it does; None where the pattern matches none of OpenAI's."""
    provider = ctx.provider
    assert provider is not None
    variables = [
        variable
        for names, variable in (
            (sdk.KEY_ENV_VARS, provider.api_key_env),
            (BASE_VARS, provider.base_url_env),
        )
        if any(fnmatchcase(name, pattern) for name in names)
    ]
    if not variables:
        return None
    wanted = [v for v in variables if not any(fnmatchcase(v, passed) for passed in known)]
    if not wanted:
        return None, ""
    known.update(wanted)
    edit = Edit(Span(item.insert_at, item.insert_at), "".join(item.joiner + v for v in wanted))
    return edit, f"apply passes {' and '.join(wanted)} too (names: the OpenAI key is never copied)"


def _passed(item: ToxItem, variable: str) -> tuple[Edit, str]:
    """The provider's variable passed beside OpenAI's (`passenv`)."""
    edit = Edit(Span(item.insert_at, item.insert_at), f"{item.joiner}{variable}")
    if item.entry.key in sdk.KEY_ENV_VARS:
        return edit, "apply passes that too (a name: the OpenAI key is never copied)"
    return edit, "apply passes that too"


def _set(
    ctx: RuleContext, doc: ConfigDocument, item: ToxItem, variable: str, url: str
) -> tuple[Edit, str] | None:
    """The provider's variable set beside OpenAI's from the host's (`setenv`), or a base URL
    line renamed; None where the line holds a value apply does not move."""
    entry = item.entry
    value, span, name = entry.value, entry.value_span, entry.key
    assert value is not None and span is not None and entry.key_span is not None
    reference = _REFERENCE.fullmatch(value)
    key = name in sdk.KEY_ENV_VARS
    if reference is not None and reference.group("name") == name:
        default = reference.group("default") or ""
        at = Span(item.insert_at, item.insert_at)
        spacing = doc.text[entry.key_span.end : span.start]
        if key and not default:
            line = f"{variable}{spacing}{{env:{variable}}}"
            return Edit(at, f"{item.joiner}{line}"), (
                f"apply sets that from the host's too (`{line}`: the OpenAI key is never copied)"
            )
        if not key and (not default.strip() or points_at_openai(ctx, default)):
            line = f"{variable}{spacing}{{env:{variable}:{url}}}"
            return Edit(at, f"{item.joiner}{line}"), (
                f"apply sets that from the host's too, {url} where it is unset (`{line}`)"
            )
        return None
    if not key and (not value.strip() or points_at_openai(ctx, value)):
        spacing = doc.text[entry.key_span.end : span.start]
        edit = Edit(Span(entry.key_span.start, span.end), f"{variable}{spacing}{url}")
        return edit, "apply renames it, with that base URL"
    return None
