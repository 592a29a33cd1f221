"""The edits ML501 and ML502 make together in a .env file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.env_readers import left_readers
from migrate_llm.formats import dotenv
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Edit, Span
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import BASE_VARS, migrating, points_at_openai, stand_in
from migrate_llm.rules.langchain_routes import used_route

# Hosts reserved for examples (RFC 2606): a base URL there stands in for the reader's own.
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")


def dotenv_plan(ctx: RuleContext, doc: ConfigDocument) -> dict[Span, Edit | None]:
    """ML501's edits in a .env file, by the key span of the OpenAI line they belong to.

    The provider's key variable is added after the first OpenAI key line, commented out and
    empty (`# ACME_API_KEY=`: `placeholder_line`; an example file, which no program loads,
    gets it live) and named by such a placeholder is not added again; the first
    base-URL line that is empty or points at OpenAI is renamed to the provider's variable.
    In an example file (`doc.example`) a key line holding no key (empty, or a stand-in:
    `XXX`, `your-key-here`) is renamed in place instead, its value kept (emptied where it
    asks for an OpenAI key; a live line is kept, the provider's added, where code of the
    project may still read it: `key_kept`), and a base URL on a host reserved for examples
    (`https://example.com/v1/`) is renamed, its URL kept; so are such lines commented out
    there (`doc.commented`: `# OPENAI_BASE_URL=...`), after the file's live lines. A base URL
    holding OpenAI's whole endpoint (`.../v1/chat/completions`: `sdk.endpoint_path`) is left:
    the code reading it posts there as it is, and the provider's variable holds a base URL. None
    marks a line whose provider variable the file already sets (a commented-out line: sets
    or names). Lines not listed (a base URL pointing elsewhere, a commented-out key, other
    variables) are left alone. A line of a variable some module of the project keeps reading
    after apply (`RunFacts.env_readers`, ML401 leaves the read) is never renamed: a base URL
    is left, a key kept as `key_kept` keeps it (the provider's line added after it); renamed,
    the file would name a variable that code does not read (t66d kotaemon, t66c MindSearch).
    """
    provider, url = ctx.provider, ctx.base_url
    if doc.kind != "dotenv" or provider is None or url is None or not migrating(ctx):
        return {}
    present = {entry.key for entry in doc.entries}
    if not doc.example and placeholder_written(doc, provider.api_key_env):
        present.add(provider.api_key_env)  # not twice
    plan = _plan(ctx, doc, doc.entries, present, url, commented=False)
    present |= {entry.key for entry in doc.commented}
    plan.update(_plan(ctx, doc, doc.commented, present, url, commented=True))
    return plan


def _plan(
    ctx: RuleContext,
    doc: ConfigDocument,
    entries: Iterable[Entry],
    present: set[str | None],
    url: str,
    commented: bool,
) -> dict[Span, Edit | None]:
    provider = ctx.provider
    assert provider is not None
    plan: dict[Span, Edit | None] = {}
    for entry in entries:
        key, value = entry.key_span, entry.value_span
        if key is None or value is None or entry.value is None:
            continue
        if entry.key in sdk.KEY_ENV_VARS:
            name = provider.api_key_env
            if doc.example and azure_kept(ctx, doc, entry.key) is not None:
                continue  # Azure's key beside its endpoint: left, ML501's note
            # a read ML401 leaves: never renamed; else kept where code may read it (`key_kept`)
            left = bool(left_readers(ctx.facts.env_readers, entry.key))
            free = not left and (commented or not key_kept(ctx))
            if doc.example and no_key(entry.value) and free:
                edit = _rename_key(doc, key, value, name, entry.value)
            elif commented:
                if name in present:
                    plan[key] = None
                continue  # a key, or something like one: never moved
            elif doc.example and no_key(entry.value):  # kept: code still reads it
                edit = _add_line_after(doc, key, value, f"{name}=", KEPT_COMMENT % entry.key)
            elif doc.example:
                edit = _add_line_after(doc, key, value, f"{name}=")
            else:  # commented out: empty, a loader's override would wipe the key it exports
                edit = _add_line_after(doc, key, value, f"{name}=", placeholder=True)
        elif entry.key in BASE_VARS:
            name = provider.base_url_env
            if left_readers(ctx.facts.env_readers, entry.key):
                continue  # code keeps reading it (on OpenAI's URL): left, ML501 names it
            if doc.example and example_url(entry.value):
                edit = Edit(key, name)  # the reader's own URL, as the example shows it
            elif sdk.endpoint_path(entry.value) and points_at_openai(ctx, entry.value):
                continue  # a whole endpoint (`.../v1/chat/completions`): not a base URL
            elif not entry.value.strip() or points_at_openai(ctx, entry.value):
                edit = _rename(doc, key, value, name, url)
            elif commented and name in present:
                plan[key] = None
                continue
            elif commented or name not in present:
                continue  # a proxy or a local server: left alone
            else:
                edit = _rename(doc, key, value, name, url)
        else:
            continue
        plan[key] = None if name in present else edit
        present.add(name)
    return plan


def azure_kept(ctx: RuleContext, doc: ConfigDocument, name: str | None) -> Entry | None:
    """Where `name` is Azure OpenAI's key variable, the target is not Azure OpenAI and the
    file also sets or names Azure's endpoint or a deployment (`AZURE_OPENAI_ENDPOINT`,
    `AZURE_OPENAI_DEPLOYMENT_NAME`, also commented out): that entry, the first. Such a file
    configures an Azure OpenAI client, which the program keeps (TradingAgents'
    .env.enterprise.example for its provider "azure"): renamed, the key line would take the
    provider's key where Azure's goes, as ML401 reasons for the code (t52b D4). None
    otherwise."""
    provider = ctx.provider
    if name != sdk.AZURE_KEY_VAR or provider is None or provider.azure is not None:
        return None
    for entry in (*doc.entries, *doc.commented):
        key = entry.key or ""
        if key.startswith("AZURE_") and key != name and _AZURE_RESOURCE.search(key):
            return entry
    return None


# a variable naming an Azure OpenAI resource: its endpoint, a deployment
_AZURE_RESOURCE = re.compile(r"ENDPOINT|DEPLOYMENT")


def key_kept(ctx: RuleContext) -> bool:
    """Whether code of the project may still read OpenAI's key variable after apply
    (`RunFacts.openai_key_kept`: ML401 leaves a read that goes to a class named like OpenAI
    no table knows): an example file keeps its key line then, the provider's added after it,
    so that no one puts the provider's key where that class sends it to OpenAI."""
    return ctx.facts.openai_key_kept


class RouteLine(NamedTuple):
    """The line apply adds after a key line of a .env file for the provider's own LangChain
    route (`route_line`): where (the key span of the OpenAI key line), the edit of that line
    with it, the line and the variable it sets."""

    span: Span
    edit: Edit
    line: str
    variable: str


def route_line(
    ctx: RuleContext, doc: ConfigDocument, plan: dict[Span, Edit | None]
) -> RouteLine | None:
    """Where the project's chat models are on the provider's own route after apply
    (`langchain_routes.used_route`: `deepseek:` models, built by ChatDeepSeek), whose class
    reads its base URL from a variable of its own (DEEPSEEK_API_BASE): the line setting it to
    the provider's base URL, added after the first OpenAI key line `plan` edits (after the
    provider's key line where that is added). None where the file sets or names the
    variable already (also commented out) or `plan` edits no key line."""
    route = used_route(ctx)
    url = ctx.base_url
    if route is None or url is None:
        return None
    named = {e.key for e in doc.entries} | {e.key for e in doc.commented}
    if route.base_url_env in named or any(
        e is not None and route.base_url_env in e.text for e in plan.values()
    ):
        return None
    line = f"{route.base_url_env}={url}"
    for entry in doc.entries:
        key, value = entry.key_span, entry.value_span
        edit = plan.get(key) if key is not None else None
        if entry.key not in sdk.KEY_ENV_VARS or edit is None or key is None or value is None:
            continue
        added = _add_line_after(doc, key, value, line)
        if edit.span.start == edit.span.end == added.span.start:  # both after the key's line
            joined = Edit(added.span, edit.text + added.text)
        else:
            between = doc.text[edit.span.end : added.span.start]
            joined = Edit(Span(edit.span.start, added.span.end), edit.text + between + added.text)
        return RouteLine(key, joined, line, route.base_url_env)
    return None


def no_key(value: str) -> bool:
    """Whether a key variable's value in an example file holds no key: empty, or a stand-in
    (`XXX`, `your-api-key-here`, `sk-...`)."""
    return not value.strip() or stand_in(value)


def example_url(value: str) -> bool:
    """Whether `value` is a URL on a host reserved for examples (`https://example.com/v1/`,
    `api.example.org`), which stands in for one of the reader's."""
    value = value.strip()
    try:
        host = urlsplit(value if "://" in value else "//" + value).hostname
    except ValueError:
        return False
    if not host:
        return False
    return any(host == domain or host.endswith("." + domain) for domain in _EXAMPLE_DOMAINS)


def _rename_key(doc: ConfigDocument, key: Span, value: Span, name: str, decoded: str) -> Edit:
    """`OPENAI_API_KEY=XXX` -> `NAME=XXX`; a stand-in asking for OpenAI's key
    (`<your-openai-key>`) is emptied, its quotes kept."""
    if "openai" not in decoded.lower():
        return Edit(key, name)
    raw = doc.text[value.start : value.end]
    quote = raw[0] if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] else ""
    return Edit(Span(key.start, value.end), f"{name}{doc.text[key.end : value.start]}{quote * 2}")


def placeholder_line(variable: str) -> str:
    """The line apply adds for the provider's key in a .env that programs load: commented out,
    so that it sets nothing. An empty `ACME_API_KEY=` would: python-dotenv's
    `load_dotenv(override=True)` (aider's) or a shell's `set -a; . ./.env` replace the key the
    environment exports with "", and a litellm route falling back to OPENAI_API_KEY then
    sends the OpenAI key a line above it to the provider (t54b)."""
    return f"# {variable}="


def placeholder_written(doc: ConfigDocument, variable: str) -> bool:
    """Whether a .env programs load names `variable` commented out (`# ACME_API_KEY=`, the
    placeholder apply writes there: `placeholder_line`)."""
    if variable not in doc.text:
        return False
    return any(e.key == variable for e in dotenv.read_commented(doc.text))


def _add_line_after(
    doc: ConfigDocument,
    key: Span,
    value: Span,
    line: str,
    comment: str | None = None,
    placeholder: bool = False,
) -> Edit:
    """Insert `line` after the line of `key`, with its indentation, `export` and newline style;
    `comment` on a line of its own before it (indented, without `export`); `placeholder`:
    commented out (`# export ACME_API_KEY=`, `placeholder_line`)."""
    text = doc.text
    start = text.rfind("\n", 0, key.start) + 1
    prefix = text[start : key.start].lstrip("\ufeff")
    if placeholder:
        indent = prefix[: len(prefix) - len(prefix.lstrip())]
        prefix = indent + "# " + prefix.lstrip()
    eol = text.find("\n", value.end)
    if eol == -1:
        newline = "\r\n" if "\r\n" in text else "\n"
    else:
        newline = "\r\n" if text[eol - 1 : eol] == "\r" else "\n"
    if comment is not None:
        line = f"{comment}{newline}{prefix}{line}"
        prefix = prefix[: len(prefix) - len(prefix.lstrip())]
    if eol == -1:
        return Edit(Span(len(text), len(text)), newline + prefix + line)
    return Edit(Span(eol + 1, eol + 1), prefix + line + newline)


# the line before the provider's key line apply adds under an OpenAI key line it keeps in an
# example file (`key_kept`): why both are there
KEPT_COMMENT = "# %s stays for code that still sends it to OpenAI; migrate-llm check names it"


def _rename(doc: ConfigDocument, key: Span, value: Span, name: str, url: str) -> Edit:
    """`KEY = "old"` -> `NAME = "url"`; `export`, spacing, quotes and a trailing comment stay."""
    text = doc.text
    raw = text[value.start : value.end]
    quote = raw[0] if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] else ""
    # An empty value leaves `KEY=  # note`; the URL must not run into the `#`.
    gap = " " if not raw and text.startswith("#", value.end) else ""
    new = f"{name}{text[key.end : value.start]}{quote}{url}{quote}{gap}"
    return Edit(Span(key.start, value.end), new)
