"""What the config-file rules share: OpenAI variable names, value display and value edits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry, dotted
from migrate_llm.frameworks import FrameworkClass, litellm
from migrate_llm.frameworks.gateways import CLIENT_KEYS, Gateway, gateway_of_client
from migrate_llm.frameworks.modules import OTHER_SERVER_VARIABLES
from migrate_llm.model import Edit, Span
from migrate_llm.openai_sdk import AZURE_DEPLOYMENT_PATH
from migrate_llm.registry import Provider
from migrate_llm.rules.base import SHOWN_WIDTH, RuleContext
from migrate_llm.secrets import find_secrets, is_placeholder, mask_secrets

Record = tuple[str, ...]

# an OpenAI variable's name; not one a framework reads for any OpenAI-compatible server
OPENAI_ENV_NAME = re.compile(
    rf"^(?!(?:{'|'.join(sorted(OTHER_SERVER_VARIABLES))})$)(?:AZURE_)?OPENAI_[A-Z0-9_]+$"
)
# `${OPENAI_API_KEY}`, `$OPENAI_API_KEY`, `${{ secrets.OPENAI_API_KEY }}`, `env.OPENAI_API_KEY`,
# `$(OPENAI_API_KEY)` (a Makefile's, a Kubernetes manifest's), `${ENV.OPENAI_API_KEY}`
# (Agently's settings files)
ENV_REFERENCE = re.compile(
    r"(?:\$[{(]?|\b(?:secrets|env|ENV|vars)\.)((?:AZURE_)?OPENAI_[A-Z0-9_]+)\b"
)
# Read by the openai SDK whatever endpoint it talks to, so they survive the migration.
SDK_SETTINGS = frozenset({"OPENAI_LOG"})
# openai<1.0 names -> the names openai>=1 reads.
LEGACY_ENV = {"OPENAI_API_BASE": "OPENAI_BASE_URL", "OPENAI_ORGANIZATION": "OPENAI_ORG_ID"}
# Model names that are also plain words count only under a key that speaks of models.
MODEL_KEY = re.compile(r"(?i)model|engine|deployment")
# Keys of a list of models in YAML, TOML or JSON that `MODEL_KEY` does not match (crewAI's
# `llm`, litellm's `fallbacks`).
MODEL_LIST_KEYS = frozenset({"llm", "llms", "fallbacks"})
# Keys of a list of labels (a GitHub payload's `"topics": [...]`, a post's `tags:`): ML503
# reads a list under one, holding a word that is no model id, as labels, not models. Any
# other list is read as models (a router's `order: [gpt-4o, llama3, gpt-4o-mini]`), but in a
# recorded payload (`LABEL_FIXTURE_DIRS`).
LABEL_LIST_KEYS = frozenset({"topics", "tags", "keywords", "labels", "categories"})
# The directories of a project's recorded JSON payloads (`tests/webhook.json`), whose lists
# holding a word that is no model id are labels under any key: rewritten, a fixture no longer
# matches what the service sends.
LABEL_FIXTURE_DIRS = frozenset({"tests", "test", "fixtures"})
# The base-URL variables that ML501 renames to the provider's in .env files.
BASE_VARS = frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE"})
# How config files write a switch that is on: YAML's, TOML's and JSON's `true` (YAML 1.1 also
# `yes`, `on`, any case), and what a .env or an INI file holds as a string for it.
SWITCHED_ON = frozenset({"true", "yes", "on", "1"})
# The token of a value that is not a string (`true`, `3`), after its key and `:` or `=`
_SCALAR_AFTER_KEY = re.compile(r"""["']?[ \t]*[:=][ \t]*([A-Za-z0-9_.+-]+)""")
# What apply writes into a config value: plain model ids and URLs, safe unquoted in every format.
SAFE_VALUE = re.compile(r"[A-Za-z0-9._/:-]+")


def shown(value: str) -> str:
    """A value for a message: on one line, shortened, with any secret masked."""
    text = " ".join(mask_secrets(value).split())
    return text if len(text) <= SHOWN_WIDTH else text[: SHOWN_WIDTH - 1] + "…"


def is_target(ctx: RuleContext) -> bool:
    """Whether the run targets OpenAI itself (modernising without switching provider)."""
    return ctx.provider is not None and ctx.provider.id == ctx.openai.id


def migrating(ctx: RuleContext) -> bool:
    """Whether findings may carry edits: a provider other than OpenAI is the target."""
    return ctx.provider is not None and not is_target(ctx)


def is_openai_var(ctx: RuleContext, name: str) -> bool:
    if name in SDK_SETTINGS:
        return False
    return name in ctx.openai.env_vars or OPENAI_ENV_NAME.match(name) is not None


def points_at_openai(ctx: RuleContext, url: str) -> bool:
    """Whether `url` (scheme optional) is on an OpenAI API host."""
    owner = host_owner(ctx, url)
    return owner is not None and owner.id == ctx.openai.id


def host_owner(ctx: RuleContext, url: str) -> Provider | None:
    """The provider (OpenAI included) whose API host `url` (scheme optional) is on."""
    url = url.strip()
    try:
        host = urlsplit(url if "://" in url else "//" + url).hostname
    except ValueError:
        return None
    return ctx.owner_of_host(host) if host else None


def is_openai_base(ctx: RuleContext, url: str) -> bool:
    """Whether `url` is exactly OpenAI's base URL (`https://api.openai.com/v1`, `/` optional)."""
    url = url.rstrip("/").lower()
    return any(url in (f"https://{h}/v1", f"http://{h}/v1", f"{h}/v1") for h in ctx.openai.hosts)


def replace_value(doc: ConfigDocument, span: Span, value: str, new: str) -> Edit | None:
    """An edit putting `new` where the decoded `value` stands in its token, quotes kept.

    None when `new` is not a plain id or URL, the token is too unusual to edit safely, or the
    file is one `apply` does not edit (a script: what reads the value is not known).
    """
    if SAFE_VALUE.fullmatch(new) is None or not FORMATS[doc.kind].writable:
        return None
    raw = doc.text[span.start : span.end]
    quoted = raw[:1] in ("'", '"')
    if value and raw.count(value) == 1:
        start = span.start + raw.index(value)
        end = start + len(value)
    elif quoted and len(raw) >= 2 and raw[-1] == raw[0]:
        width = 3 if len(raw) >= 6 and raw[:3] == raw[0] * 3 == raw[-3:] else 1
        start, end = span.start + width, span.end - width  # an escaped value: replace it all
    else:
        return None
    if doc.kind == "yaml" and not quoted and not plain_yaml_string(new):
        return None
    return Edit(Span(start, end), new)


def scalar_text(doc: ConfigDocument, entry: Entry) -> str | None:
    """The text of `entry`'s value: its string, or, for a value that is not one (`Entry.value`
    is None: `supports_vision: True`), the token written after its key on the key's line;
    None for a mapping or a list."""
    if entry.value is not None:
        return entry.value.strip()
    if entry.key_span is None:
        return None
    found = _SCALAR_AFTER_KEY.match(doc.text, entry.key_span.end)
    return found[1] if found is not None else None


def scalar_span(doc: ConfigDocument, entry: Entry) -> Span | None:
    """Where `entry`'s value stands (`scalar_text`'s token for a value that is not a string);
    None for a mapping or a list."""
    if entry.value_span is not None:
        return entry.value_span
    if entry.key_span is None:
        return None
    found = _SCALAR_AFTER_KEY.match(doc.text, entry.key_span.end)
    return Span(found.start(1), found.end(1)) if found is not None else None


def plain_yaml_string(value: str) -> bool:
    """Whether `value` reads back as the same string when written unquoted in YAML."""
    import yaml

    try:
        return yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        return False


def openai_host_pattern(ctx: RuleContext) -> re.Pattern[str]:
    """Finds an OpenAI API host in a value (`api.openai.com`, not `platform.openai.com`)."""
    hosts = "|".join(re.escape(h) for h in ctx.openai.hosts) or r"(?!)"
    return re.compile(
        rf"(?i)(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)*(?:{hosts})(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
    )


# a key (as `config_key` writes it) that names where requests go: `base_url`, `LLM_BASE_URL`,
# `OPENAI_API_BASE`, `apiEndpoint`
_URL_SETTING_KEY = re.compile(r"(?:url|uri|endpoint|apibase|host)\Z")


def is_url_setting(entry: Entry) -> bool:
    """Whether a URL in `entry`'s value sets where requests go: the value is one token (the URL
    itself, whitespace around it aside), or its key names a base URL or endpoint. A URL inside
    a text (`"text": "The old endpoint https://api.openai.com/v1/engines was retired."`, an
    article of a RAG corpus, a prompt) is prose, not a setting."""
    if len((entry.value or "").split(maxsplit=1)) <= 1:
        return True
    return _names_url(entry.key or "")


def openai_url_settings(ctx: RuleContext, doc: ConfigDocument) -> list[Entry]:
    """The entries of `doc` whose value sets an OpenAI API URL (`is_url_setting`)."""
    pattern = openai_host_pattern(ctx)
    return [
        entry
        for entry in doc.entries
        if entry.value is not None and pattern.search(entry.value) and is_url_setting(entry)
    ]


ENV_VAR_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# A mapping key that holds the API key sent with the requests of its block (`api_key`,
# `openai_api_key`, `apiKey`, `key`, `token`), or several of them (`OPENAI_API_KEYS`).
KEY_KEY = re.compile(r"(?i)(?:^|[_-])(?:api[_-]?key|key|token)s?$|^apikeys?$")


def key_beside(
    ctx: RuleContext, doc: ConfigDocument, block: tuple[str, ...], url_key: str | None = None
) -> Entry | None:
    """The key entry in the same mapping as `block` that a switch of its base URL would send
    to the provider: a literal or a reference to anything but the provider's key variable.
    In .env files and environment blocks each entry is its own variable: an OpenAI one
    (`OPENAI_API_KEY`) migrated code no longer reads (ML501's business), but the program's
    own (`API_KEY=sk-...` beside `BASE_URL=`, as in ChatDev) goes wherever the base URL
    points: one whose name has the prefix of the base URL's variable `url_key` (`LLM_API_KEY`
    beside `LLM_BASE_URL`; `SERPER_API_KEY` is another service's). None when the block has
    no such key."""
    target = ctx.provider.api_key_env if ctx.provider is not None else None
    for entry in doc.entries:
        if entry.rooted[:-1] != block or entry.key is None or not KEY_KEY.search(entry.key):
            continue
        if (
            ENV_VAR_NAME.fullmatch(entry.key)
            and FORMATS[doc.kind].variables
            and (doc.kind != "dotenv" or is_openai_var(ctx, entry.key) or entry.key == target)
        ):
            continue
        if doc.kind == "dotenv" and url_key is not None and not _same_service(url_key, entry.key):
            continue
        if entry.value is None or entry.value_span is None or not entry.value.strip():
            continue
        if target is not None and target in entry.value:
            continue  # already the provider's key variable
        if stand_in(entry.value) and not _names_openai(entry):
            continue  # `sk-your-key-here` in an example file: nobody's key goes anywhere
        return entry
    return None


def stand_in_beside(doc: ConfigDocument, url: Entry) -> Entry | None:
    """A key entry in the mapping of the base URL `url` holding a stand-in (`api_key:
    "YOUR_API_KEY"`): the program reading the URL from there likely reads its key there too,
    and would send the stand-in to the provider. In a .env, where every line is in one
    mapping, the one of the URL's service first (`EMBEDDING_BINDING_API_KEY` beside
    `EMBEDDING_BINDING_HOST`, not the `LLM_BINDING_API_KEY` above it: t53a)."""
    block = url.rooted[:-1]
    found = [
        e
        for e in doc.entries
        if e.rooted[:-1] == block
        and e.key is not None
        and KEY_KEY.search(e.key)
        and e.value_span is not None
        and stand_in(e.value or "")
    ]
    if doc.kind == "dotenv" and url.key is not None:
        own = [e for e in found if _same_service(url.key, e.key or "")]
        found = own or found
    return found[0] if found else None


def paired_key(ctx: RuleContext, doc: ConfigDocument, url: Entry) -> Entry | None:
    """The key entry a switch of the base URL `url` would send to the provider: the one beside
    it (`key_beside`); else, where its mapping holds no key of its own, an OpenAI key elsewhere
    in the file (devika's `[API_KEYS] OPENAI` beside `[API_ENDPOINTS] OPENAI`), which the
    program reads with it. None when there is neither."""
    block = url.rooted[:-1]
    beside = key_beside(ctx, doc, block, url.key)
    if beside is not None or doc.kind == "dotenv":
        return beside
    if any(e.rooted[:-1] == block and e.key and KEY_KEY.search(e.key) for e in doc.entries):
        return None  # its own key, which goes wherever the URL points
    # a key beside a base URL of its own goes with that one
    with_url = {e.rooted[:-1] for e in doc.entries if e.key and _names_url(e.key) and _filled(e)}
    return next(
        (
            e
            for e in doc.entries
            if e.rooted[:-1] not in with_url and _openai_key_entry(ctx, doc, e)
        ),
        None,
    )


def _names_url(key: str) -> bool:
    """Whether a mapping key names a base URL or endpoint (`base_url`, `OPENAI_API_BASE`)."""
    key = config_key(key)
    return key in sdk.CONFIG_BASE_URL_KEYS or _URL_SETTING_KEY.search(key) is not None


def _openai_key_entry(
    ctx: RuleContext, doc: ConfigDocument, entry: Entry, empty: bool = False
) -> bool:
    """Whether `entry` holds (or, a stand-in, asks for) an OpenAI key: its path names a key and
    OpenAI (`API_KEYS.OPENAI`, `openai.api_key`), not an OpenAI variable (ML501's) nor a
    reference to the provider's key variable; an empty one only where `empty`."""
    if entry.key is None or entry.value_span is None:
        return False
    if not empty and not (entry.value or "").strip():
        return False
    if not any(KEY_KEY.search(p) for p in entry.path) or not _names_openai(entry, value=False):
        return False
    variable = ENV_VAR_NAME.fullmatch(entry.key) and FORMATS[doc.kind].variables
    if variable and is_openai_var(ctx, entry.key):
        return False
    target = ctx.provider.api_key_env if ctx.provider is not None else None
    return target is None or target not in (entry.value or "")


def _names_openai(entry: Entry, value: bool = True) -> bool:
    """Whether a key entry's path (or `value`) names OpenAI: a stand-in there asks for an OpenAI
    key (`<YOUR_OPENAI_API_KEY>`, `sk-your-openai-key`), which the user puts in."""
    texts = [*entry.path, entry.value or ""] if value else list(entry.path)
    return any("openai" in t.lower() for t in texts)


# the end of a variable naming a base URL, and of one naming a key: what is left is the
# service's prefix (`LLM_` of `LLM_BASE_URL` and `LLM_API_KEY`)
_URL_SUFFIX = re.compile(r"(?:API_)?(?:BASE_URL|BASE|URL|ENDPOINT|HOST)\Z")
_KEY_SUFFIX = re.compile(r"(?:API_)?(?:KEY|TOKEN)S?\Z")
# a value that stands in for a key (`your-api-key-here`, `<key>`, `changeme`, `sk-xxxx`)
_STAND_IN = re.compile(r"(?i)your|xxx|placeholder|change_?me|replace|<|example|dummy|here|\.\.\.")


def _same_service(url_key: str, key_key: str) -> bool:
    """Whether a .env key variable goes with a base-URL variable: the same prefix."""
    return _URL_SUFFIX.sub("", url_key) == _KEY_SUFFIX.sub("", key_key)


def stand_in(value: str) -> bool:
    """Whether a key's value is a stand-in, not a key: every key in it a placeholder, or
    none in it and words that only stand-ins hold."""
    secrets = find_secrets(value)
    if secrets:
        return all(is_placeholder(found) for found in secrets)
    return _STAND_IN.search(value) is not None


def _is_config_list_file(path: str) -> bool:
    from migrate_llm.rules.framework_autogen_file import is_config_list_file

    return is_config_list_file(path)


def held_blocks(ctx: RuleContext, doc: ConfigDocument) -> dict[tuple[str, ...], str]:
    """Mappings whose requests keep going to OpenAI (or Azure OpenAI) after `apply`, with why:
    their model values stay OpenAI's too, so the endpoint, key and model change together."""
    held: dict[tuple[str, ...], str] = {}
    if _is_config_list_file(doc.path):
        # AutoGen's OAI_CONFIG_LIST: an entry without base_url goes to OpenAI with its key,
        # and the file cannot name the provider's key variable, so its model stays (ML662)
        with_url = {e.rooted[:-1] for e in doc.entries if e.key == "base_url"}
        for block in {e.rooted[:-1] for e in doc.entries if e.key == "model"} - with_url:
            held[block] = (
                "this entry has no base_url, so it goes to OpenAI's URL unless the client that "
                "reads it supplies another (see ML662)"
            )
    from migrate_llm.rules.config_graphrag import graphrag_entries
    from migrate_llm.rules.framework_autogen_file import held_components

    held.update(held_components(ctx, doc))
    from migrate_llm.rules.config_camel import camel_openai_blocks

    for block, platform in camel_openai_blocks(doc).items():
        held[block] = (
            f"camel sends it to OpenAI: {platform.key}: {(platform.value or '').strip()} picks "
            "camel's OpenAI backend and the entry names no url (ModelFactory.create_from_yaml / "
            "create_from_json, see ML670)"
        )
    from migrate_llm.rules.config_alpaca_eval import alpaca_openai_blocks
    from migrate_llm.rules.config_alpaca_eval import held_why as alpaca_why

    for block, function in alpaca_openai_blocks(doc).items():
        held[block] = alpaca_why(doc, function)
    moves = graphrag_entries(ctx, doc)
    for block, selector in openai_by_default(doc).items():
        move = moves.get(block)
        if move is not None and move.edit is not None:
            continue  # ML502 points it at the provider: its model is mapped with it
        held[block] = (
            f"{picks_openai(selector)} and names no base URL, so it goes to OpenAI (see ML502)"
        )
    if ctx.provider is not None and ctx.provider.azure is None:
        azure = azure_entries(ctx, doc)
        for block in azure:
            held[block] = "this entry goes to Azure OpenAI and stays there (see ML502)"
        for block, (parent, selector) in _azure_children(ctx, doc, azure).items():
            held.setdefault(
                block,
                f"this entry sits in {dotted(parent)} ({selector.key}: "
                f"{(selector.value or '').strip()}), which goes to Azure OpenAI, and stays "
                "there with it (see ML502)",
            )
    for block, (_, cls) in haystack_components(doc).items():
        held[block] = f"this Haystack {cls.name} still talks to OpenAI (see ML502)"
    kept: dict[tuple[str, ...], Entry] = {}
    for entry in openai_url_settings(ctx, doc):
        block = entry.rooted[:-1]
        if paired_key(ctx, doc, entry) is not None:
            held[block] = "the OpenAI base URL beside it stays (see ML502)"
            kept[block] = entry
        elif _mapping_url(doc, entry) and not is_openai_base(ctx, entry.value or ""):
            # ML502 leaves an endpoint with a path (`.../v1/chat/completions`) to a person
            held[block] = "the OpenAI endpoint beside it stays until changed by hand (see ML502)"
            kept[block] = entry
    for block, (selector, url) in _picked_urls(doc, kept).items():
        line = doc.lines.position(url.value_span.start)[0] if url.value_span else 0
        held.setdefault(
            block,
            f"this entry picks {dotted(url.rooted[:-1])} ({selector.key}: "
            f"{(selector.value or '').strip()}), whose OpenAI endpoint (line {line}) stays "
            "(see ML502)",
        )
    return held


def _mapping_url(doc: ConfigDocument, entry: Entry) -> bool:
    """Whether a URL setting is a key of a YAML, TOML or JSON mapping, not a variable of an
    environment block (`OPENAI_API_BASE:` in docker-compose.yml, ML501's)."""
    if doc.kind not in ("yaml", "toml", "json") or entry.key is None:
        return False
    return not (FORMATS[doc.kind].variables and ENV_VAR_NAME.fullmatch(entry.key))


def _picked_urls(
    doc: ConfigDocument, kept: dict[tuple[str, ...], Entry]
) -> dict[tuple[str, ...], tuple[Entry, Entry]]:
    """Mappings with a model and no base URL of their own whose selector names, by its key,
    a mapping of the file whose OpenAI base URL stays (`kept`): gpt-pilot's `provider: openai`
    beside `llm: {openai: {base_url: "https://api.openai.com/v1", api_key: ...}}`. Each with
    its selector and that URL entry; only where every mapping of that name keeps its URL."""
    mappings = _mappings(doc)
    by_name: dict[str, list[tuple[str, ...]]] = {}
    for block, keys in mappings.items():
        if block and any(key in keys for key in sdk.CONFIG_BASE_URL_KEYS):
            by_name.setdefault(config_key(block[-1]), []).append(block)
    found: dict[tuple[str, ...], tuple[Entry, Entry]] = {}
    for block, keys in mappings.items():
        if not any(_filled(keys.get(key)) for key in sdk.CONFIG_MODEL_KEYS):
            continue
        if any(_filled(keys.get(key)) for key in sdk.CONFIG_BASE_URL_KEYS):
            continue  # its own base URL says where it goes
        for key, selector in keys.items():
            named = by_name.get(config_key((selector.value or "").strip()), [])
            if key in sdk.CONFIG_PROVIDER_KEYS and named and all(b in kept for b in named):
                found[block] = (selector, kept[named[0]])
                break
    return found


def config_key(key: str) -> str:
    """A mapping key as the config tables of `openai_sdk` hold it: lowercased, no `_` or `-`."""
    return key.lower().replace("_", "").replace("-", "")


def _mappings(doc: ConfigDocument) -> dict[tuple[str, ...], dict[str, Entry]]:
    """The keyed entries of each mapping of a YAML, TOML or JSON file, by `config_key`."""
    if doc.kind not in ("yaml", "toml", "json"):
        return {}
    mappings: dict[tuple[str, ...], dict[str, Entry]] = {}
    for entry in doc.entries:
        if entry.key is not None and entry.path:
            mappings.setdefault(entry.rooted[:-1], {})[config_key(entry.key)] = entry
    return mappings


def keyed_mappings(doc: ConfigDocument) -> dict[tuple[str, ...], dict[str, Entry]]:
    """The keyed entries of each mapping of a YAML, TOML or JSON file, by `config_key`."""
    return _mappings(doc)


def _filled(entry: Entry | None) -> bool:
    return entry is not None and bool((entry.value or "").strip())


# a YAML null, as Haystack's `Pipeline.dumps()` writes an unset `api_base_url`
_NULLS = frozenset({"", "null", "~", "none"})


def haystack_components(doc: ConfigDocument) -> dict[tuple[str, ...], tuple[Entry, FrameworkClass]]:
    """The OpenAI components a Haystack pipeline file builds (`type:
    haystack.components.generators.chat.openai.OpenAIChatGenerator`, as `Pipeline.dumps()`
    writes it) that still talk to OpenAI: an Azure one, or one whose `init_parameters` name no
    `api_base_url`. Keyed by the component's `init_parameters` mapping, with its `type:` entry."""
    from migrate_llm.frameworks import haystack as hs

    mappings = _mappings(doc)
    found: dict[tuple[str, ...], tuple[Entry, FrameworkClass]] = {}
    for block, keys in mappings.items():
        kind = keys.get("type")
        cls = hs.CLASSES.get((kind.value or "").strip()) if kind is not None else None
        if kind is None or cls is None:
            continue
        params = (*block, hs.INIT_PARAMETERS)
        url = mappings.get(params, {}).get(config_key(hs.BASE_URL))
        if cls.azure or url is None or (url.value or "").strip().lower() in _NULLS:
            found[params] = (kind, cls)
    return found


def openai_by_default(doc: ConfigDocument) -> dict[tuple[str, ...], Entry]:
    """Mappings of a YAML, TOML or JSON file that pick OpenAI's client beside a `model:`
    (`model_provider: openai`) and name no base URL: their requests go to api.openai.com.
    Not one whose selector names a mapping of the file that sets a base URL (`provider:
    openai` beside `llm: {openai: {base_url: ...}}`): that mapping says where it goes.
    Each with its selector entry. (AutoGen's OAI_CONFIG_LIST is ML662's.)"""
    if _is_config_list_file(doc.path):
        return {}
    found: dict[tuple[str, ...], Entry] = {}
    mappings = _mappings(doc)
    # the mappings of the file that name a base URL (even null), by their own key:
    # gpt-pilot's `llm: {openai: {base_url: ...}}`, which `provider: openai` picks
    named = {
        config_key(block[-1])
        for block, keys in mappings.items()
        if block and any(key in keys for key in sdk.CONFIG_BASE_URL_KEYS)
    }
    for block, keys in mappings.items():
        selector = _picking(keys, sdk.CONFIG_OPENAI_PROVIDER)
        if selector is None or any(_filled(keys.get(key)) for key in sdk.CONFIG_BASE_URL_KEYS):
            continue
        if config_key((selector.value or "").strip()) in named:
            continue  # its endpoint is that mapping's: ML502 reads its base URL there
        found[block] = selector
    return found


def provider_model(
    ctx: RuleContext, entries: Iterable[Entry], images: frozenset[Record] = frozenset()
) -> tuple[Entry, str, str | None] | None:
    """The entry of a mapping (`entries`) naming a model that goes to the provider once
    migrated, that model, and the OpenAI model it maps from (None for one written as the
    provider's): an OpenAI model its table maps (`--model` first; for an entry of `images`,
    read with images, its model for images, as ML503 writes it), or one it serves. A value
    without a hyphen (`o3`, a word) counts only under a key naming a model. Either may be
    written on a litellm route (`litellm.routed_model`): an OpenAI model after `openai/`
    (`openai/gpt-4o`, R2R's `fast_llm`), the provider's after `openai/` or after its own
    route (`moonshot/kimi-k2.6`, as ML503 and ML640 write it), the model after it judged as
    the bare one; an OpenAI model after `openai/` only where a module strips the prefix or
    calls litellm (else ML503 leaves it: OpenRouter's id)."""
    provider = ctx.provider
    if provider is None:
        return None
    own = provider.frameworks.get("litellm_prefix")
    for entry in entries:
        value = (entry.value or "").strip()
        if not value or entry.value_span is None:
            continue
        prefix, model = litellm.routed_model(value, own)
        if "-" not in model and not MODEL_KEY.search(entry.key or ""):
            continue
        if ctx.openai.serves(model):
            if prefix not in ("", f"{litellm.OPENAI_PREFIX}/"):
                continue  # `moonshot/gpt-4o`: no model of either
            if prefix and not (ctx.facts.openai_route_stripped or ctx.facts.litellm_project):
                continue  # `openai/gpt-4o` no code strips nor litellm reads: ML503 leaves it
            mapped = ctx.map_model(model, entry.rooted in images)
            if mapped is not None and mapped != model:
                return entry, mapped, value
        elif provider.serves(model):
            return entry, model, None
    return None


def gateway_blocks(doc: ConfigDocument) -> dict[tuple[str, ...], tuple[Entry, Gateway]]:
    """Mappings with a model that pick a gateway's own client (mini-swe-agent's `model_class:
    portkey`, `gateways.CLIENT_KEYS` and the provider keys), each with that entry and the
    gateway: their requests go through the gateway to the service it is set up for (`provider:
    "@openai"`), whatever `apply` writes."""
    found: dict[tuple[str, ...], tuple[Entry, Gateway]] = {}
    for block, keys in _mappings(doc).items():
        if not any(_filled(keys.get(key)) for key in sdk.CONFIG_MODEL_KEYS):
            continue
        for key, entry in keys.items():
            if key in CLIENT_KEYS or key in sdk.CONFIG_PROVIDER_KEYS:
                gateway = gateway_of_client((entry.value or "").strip())
                if gateway is not None:
                    found[block] = (entry, gateway)
                    break
    return found


def _picking(keys: dict[str, Entry], pattern: re.Pattern[str]) -> Entry | None:
    """The selector entry of a mapping with a model whose value `pattern` matches."""
    if not any(_filled(keys.get(key)) for key in sdk.CONFIG_MODEL_KEYS):
        return None
    return next(
        (
            entry
            for key, entry in keys.items()
            if key in sdk.CONFIG_PROVIDER_KEYS
            and pattern.fullmatch((entry.value or "").strip()) is not None
        ),
        None,
    )


def picks_openai(selector: Entry) -> str:
    """`this entry picks OpenAI (model_provider: openai)`."""
    return f"this entry picks OpenAI ({selector.key}: {(selector.value or '').strip()})"


def selector_of(doc: ConfigDocument, block: tuple[str, ...]) -> Entry | None:
    """The entry of mapping `block` that picks its client (`model_provider: azure`), if any."""
    keys = _mappings(doc).get(block, {})
    return next((e for k, e in keys.items() if k in sdk.CONFIG_PROVIDER_KEYS and _filled(e)), None)


def _azure_children(
    ctx: RuleContext, doc: ConfigDocument, azure: dict[tuple[str, ...], Entry]
) -> dict[tuple[str, ...], tuple[tuple[str, ...], Entry]]:
    """Mappings with a model inside one that goes to Azure OpenAI (`azure`) and takes its
    settings from it (OpenManus's `[llm.vision]` under `[llm]`, `api_type = "azure"`): no
    client selector of their own, and no base URL of their own on a host other than Azure
    OpenAI's (one with Azure's deployment path, `{YOUR_AZURE_ENDPOINT}/openai/deployments/`,
    counts as Azure's). Each with the mapping it sits in and the entry saying that one goes
    to Azure."""
    found: dict[tuple[str, ...], tuple[tuple[str, ...], Entry]] = {}
    for block, keys in _mappings(doc).items():
        if block in azure or not any(_filled(keys.get(k)) for k in sdk.CONFIG_MODEL_KEYS):
            continue
        if any(_filled(keys.get(k)) for k in sdk.CONFIG_PROVIDER_KEYS):
            continue  # it picks its own client
        parent = max((a for a in azure if block[: len(a)] == a), key=len, default=None)
        if parent is None:
            continue
        url = next((keys[k] for k in sdk.CONFIG_BASE_URL_KEYS if _filled(keys.get(k))), None)
        value = (url.value or "") if url is not None else ""
        owner = host_owner(ctx, value) if value else None
        if owner is not None and owner.azure is None and AZURE_DEPLOYMENT_PATH not in value:
            continue  # its own endpoint, elsewhere
        found[block] = (parent, azure[parent])
    return found


def azure_entries(ctx: RuleContext, doc: ConfigDocument) -> dict[tuple[str, ...], Entry]:
    """Mappings that go to Azure OpenAI, each with the entry that says so: a base URL
    (`api_base:`, `azure_endpoint:`; not the `AZURE_OPENAI_*` variables, which are ML501's) on
    an Azure OpenAI host, else a selector picking Azure beside a model (`model_provider:
    azure`, the URL in a variable)."""
    found: dict[tuple[str, ...], Entry] = {}
    for block, keys in _mappings(doc).items():
        selector = _picking(keys, sdk.CONFIG_AZURE_PROVIDER)
        if selector is not None:
            found[block] = selector
    for entry in doc.entries:
        if entry.key is None or config_key(entry.key) not in sdk.CONFIG_BASE_URL_KEYS:
            continue
        if not _filled(entry) or (FORMATS[doc.kind].variables and is_openai_var(ctx, entry.key)):
            continue
        owner = host_owner(ctx, entry.value or "")
        if owner is not None and owner.azure is not None:
            found[entry.rooted[:-1]] = entry
    return found
