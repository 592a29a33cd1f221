"""The edits ML501 and ML502 make together in a .env file."""

from __future__ import annotations

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.model import Edit, Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import BASE_VARS, migrating, points_at_openai


def dotenv_plan(ctx: RuleContext, doc: ConfigDocument) -> dict[Span, Edit | None]:
    """ML501's edits in a .env file, by the key span of the OpenAI line they belong to.

    The provider's key variable is added, empty, after the first OpenAI key line; the first
    base-URL line that is empty or points at OpenAI is renamed to the provider's variable.
    None marks a line whose provider variable the file already sets. Lines not listed (a
    base URL pointing elsewhere, other variables) are left alone.
    """
    provider, url = ctx.provider, ctx.base_url
    if doc.kind != "dotenv" or provider is None or url is None or not migrating(ctx):
        return {}
    present = {entry.key for entry in doc.entries}
    plan: dict[Span, Edit | None] = {}
    for entry in doc.entries:
        key, value = entry.key_span, entry.value_span
        if key is None or value is None or entry.value is None:
            continue
        if entry.key in sdk.KEY_ENV_VARS:
            name = provider.api_key_env
            edit = _add_line_after(doc, key, value, f"{name}=")
        elif entry.key in BASE_VARS:
            name = provider.base_url_env
            elsewhere = entry.value.strip() and not points_at_openai(ctx, entry.value)
            if elsewhere and name not in present:
                continue  # a proxy or a local server: left alone
            edit = _rename(doc, key, value, name, url)
        else:
            continue
        plan[key] = None if name in present else edit
        present.add(name)
    return plan


def _add_line_after(doc: ConfigDocument, key: Span, value: Span, line: str) -> Edit:
    """Insert `line` after the line of `key`, with its indentation, `export` and newline style."""
    text = doc.text
    start = text.rfind("\n", 0, key.start) + 1
    prefix = text[start : key.start].lstrip("\ufeff")
    eol = text.find("\n", value.end)
    if eol == -1:
        newline = "\r\n" if "\r\n" in text else "\n"
        return Edit(Span(len(text), len(text)), newline + prefix + line)
    newline = "\r\n" if text[eol - 1 : eol] == "\r" else "\n"
    return Edit(Span(eol + 1, eol + 1), prefix + line + newline)


def _rename(doc: ConfigDocument, key: Span, value: Span, name: str, url: str) -> Edit:
    """`KEY = "old"` -> `NAME = "url"`; `export`, spacing, quotes and a trailing comment stay."""
    text = doc.text
    raw = text[value.start : value.end]
    quote = raw[0] if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] else ""
    # An empty value leaves `KEY=  # note`; the URL must not run into the `#`.
    gap = " " if not raw and text.startswith("#", value.end) else ""
    new = f"{name}{text[key.end : value.start]}{quote}{url}{quote}{gap}"
    return Edit(Span(key.start, value.end), new)
