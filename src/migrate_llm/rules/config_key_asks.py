"""Key entries of a config file that ask for OpenAI's key beside a base URL already on another
provider's host (ML502): once that URL is switched by hand, the key the user puts there, as
the file asks, goes to the provider (t59a: ChatDev's `.env.example`, `BASE_URL=` Zhipu's,
`API_KEY=sk-your-openai-key`)."""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.registry import Provider
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import (
    ENV_VAR_NAME,
    KEY_KEY,
    _names_url,
    _openai_key_entry,
    _same_service,
    host_owner,
    is_openai_var,
    is_url_setting,
    migrating,
    stand_in,
)
from migrate_llm.rules.framework_autogen_file import components

# what starts a comment line in the formats ML502 reads (`;` in an INI file)
_COMMENT = ("#", ";")


@dataclass(frozen=True)
class KeyAsk:
    """A key entry (`key`) asking for OpenAI's key beside the base URL `url`, on the host of
    `owner`; `by` says what asks: `value` (a stand-in naming OpenAI) or `comment` (on its
    line or right above it, at `comment_line`)."""

    key: Entry
    url: Entry
    owner: Provider
    by: str
    comment_line: int | None = None


def openai_key_asks(ctx: RuleContext, doc: ConfigDocument) -> list[KeyAsk]:
    """The key entries of `doc` asking for OpenAI's key (`_asked`) in the mapping of a base
    URL on a provider's host other than OpenAI's (or Azure OpenAI's, whose keys the words
    name too), in a .env file only the key of the URL's service (`LLM_API_KEY` beside
    `LLM_BASE_URL`). Not an OpenAI variable (`OPENAI_API_KEY=`: ML501's), nor a key reading the
    provider's key variable, nor the key of an AutoGen component config (ML663 reports a
    stand-in asking for OpenAI's key there)."""
    if not migrating(ctx):
        return []
    found: list[KeyAsk] = []
    seen = {id(e) for c in components(ctx, doc) for e in c.entries.values()}
    with_url = {e.rooted[:-1] for e in doc.entries if e.key and _names_url(e.key) and e.value}
    for url in doc.entries:
        if url.value is None or url.key is None or not is_url_setting(url):
            continue
        owner = host_owner(ctx, url.value)
        if owner is None or owner.id == ctx.openai.id or owner.azure is not None:
            continue
        keys = [k for k in doc.entries if _beside(ctx, doc, url, k, owner)]
        if not keys and doc.kind != "dotenv" and not _holds_key(doc, url):
            keys = [k for k in doc.entries if _elsewhere(ctx, doc, url, k, owner, with_url)]
        for key in keys:
            asked = _asked(doc, key) if id(key) not in seen else None
            if asked is not None:
                seen.add(id(key))
                found.append(KeyAsk(key, url, owner, *asked))
    return found


def _holds_key(doc: ConfigDocument, url: Entry) -> bool:
    """Whether the mapping of the base URL `url` holds a key entry of its own."""
    return any(
        e.rooted[:-1] == url.rooted[:-1] and e.key and KEY_KEY.search(e.key) for e in doc.entries
    )


def _elsewhere(
    ctx: RuleContext,
    doc: ConfigDocument,
    url: Entry,
    key: Entry,
    owner: Provider,
    with_url: set[tuple[str, ...]],
) -> bool:
    """Whether `key` is an OpenAI key entry in another mapping than any base URL's, under the
    name of the base URL `url` (devika's `[API_KEYS] OPENAI` beside `[API_ENDPOINTS] OPENAI`,
    `config_common.paired_key`), which the program reads with a base URL whose mapping holds
    no key. Not a key of a mapping of its own (`openai: {api_key: ...}` beside `local:
    {base_url: ...}`: OpenAI's key for OpenAI)."""
    return (
        key.key is not None
        and url.key is not None
        and key.key.lower() == url.key.lower()
        and key.rooted[:-1] not in with_url
        and key.value is not None
        and _openai_key_entry(ctx, doc, key, empty=True)
        and owner.api_key_env not in key.value
    )


def _beside(ctx: RuleContext, doc: ConfigDocument, url: Entry, key: Entry, owner: Provider) -> bool:
    """Whether `key` is a key entry sent with the base URL `url` (see `openai_key_asks`)."""
    if key.rooted[:-1] != url.rooted[:-1] or key.key is None or not KEY_KEY.search(key.key):
        return False
    if key.value is None or (key.value_span is None and key.key_span is None):
        return False
    if ENV_VAR_NAME.fullmatch(key.key) and is_openai_var(ctx, key.key):
        return False
    if doc.kind == "dotenv" and url.key is not None and not _same_service(url.key, key.key):
        return False
    return owner.api_key_env not in key.value


def _asked(doc: ConfigDocument, key: Entry) -> tuple[str, int | None] | None:
    """What in `doc` asks for an OpenAI key in `key`: its value, a stand-in naming OpenAI
    (`sk-your-openai-key`, `<YOUR_OPENAI_API_KEY>`), else a comment on its line or in
    the comment lines right above it (`# your OpenAI API key`), with that comment's line;
    None where nothing does."""
    value = key.value or ""
    if value.strip() and stand_in(value) and "openai" in value.lower():
        return "value", None
    span = key.value_span or key.key_span
    assert span is not None
    line = doc.lines.position(span.start)[0]
    lines = doc.text.splitlines()
    end = doc.text.find("\n", span.end)
    after = doc.text[span.end : end if end >= 0 else None]
    if _comment_asks(after):
        return "comment", line
    above = line - 1
    while above >= 1 and lines[above - 1].lstrip().startswith(_COMMENT):
        if sdk.KEY_ASK.search(lines[above - 1]):
            return "comment", above
        above -= 1
    return None


def _comment_asks(rest: str) -> bool:
    """Whether the rest of a key's line after its value holds a comment asking for OpenAI's key."""
    starts = [i for i in (rest.find("#"), rest.find(";")) if i >= 0]
    return bool(starts) and sdk.KEY_ASK.search(rest[min(starts) :]) is not None
