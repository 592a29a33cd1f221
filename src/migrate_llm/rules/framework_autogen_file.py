"""AutoGen's config files: entries of an `OAI_CONFIG_LIST` JSON file that go to OpenAI by
default (ML662), and the component configs of YAML and JSON files that build autogen-ext's
`OpenAIChatCompletionClient` (ML663); with what autogen-ext's client needs for a provider's
model (`model_info`, the thinking switch), which ML661 writes in code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from migrate_llm.formats import config_name
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import autogen
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_common import (
    ENV_REFERENCE,
    host_owner,
    is_openai_base,
    migrating,
    paired_key,
    plain_yaml_string,
    shown,
    stand_in,
)
from migrate_llm.rules.thinking_switch import thinking_switch, thinks
from migrate_llm.secrets import find_secrets, is_openai_key, is_placeholder, mask


def is_config_list_file(path: str) -> bool:
    """`OAI_CONFIG_LIST`, `OAI_CONFIG_LIST.json` (the name `config_list_from_json` reads; also
    an example of one, `OAI_CONFIG_LIST.json.example`)."""
    return config_name(path).lower() in ("oai_config_list", "oai_config_list.json")


class AutogenConfigFile(ConfigRule):
    """An entry of an AutoGen `OAI_CONFIG_LIST` file without `base_url`: it goes to OpenAI.

    ## What it does
    In a JSON file named `OAI_CONFIG_LIST` or `OAI_CONFIG_LIST.json` (the file
    `autogen.config_list_from_json("OAI_CONFIG_LIST")` reads), finds the entries of the
    top-level list that name a `model` but no `base_url`, and whose `api_type` is absent or
    `openai`.

    ## Why
    AutoGen builds `OpenAI(**entry)` from each entry: without `base_url` the request goes to
    the client's default URL, api.openai.com, with the entry's `api_key` (or
    `OPENAI_API_KEY`); a copy of AutoGen that `apply` migrated falls back on the provider's
    URL instead, and the OpenAI key in the entry goes there. The file is read with
    `json.load`, so it cannot name the provider's key variable: the key sits in the file.

    ## Fix (manual)
    Add `"base_url"` (the message gives the provider's URL) and replace `"api_key"` with your
    key for the provider, together. `apply` does not add the URL alone: the OpenAI key in the
    entry would then be sent to the provider. Entries with an OpenAI `base_url` are ML502's;
    the model is ML503's; a literal key is reported by ML505 too.

    ## Data
    `framework` ("autogen"), `model`, `base_url` (the provider's), `api_key_env` (where the
    rest of the migrated code reads the provider's key).
    """

    code = "ML662"
    name = "autogen-config-file"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"json"})
    examples = (
        Example(
            '[\n    {"model": "gpt-4o", "api_key": "<key>"}\n]\n',
            path="OAI_CONFIG_LIST",
            provider="acme",
            message="this OAI_CONFIG_LIST entry has no base_url, so AutoGen sends it, with "
            "the entry's api_key (or OPENAI_API_KEY), to OpenAI's URL unless the client that "
            "reads it supplies another: for Acme Cloud add "
            '"base_url": "https://api.acme.example/v1" and put your Acme Cloud key in '
            '"api_key", together',
        ),
        Example(
            '[{"model": "gpt-4", "api_key": "<key>"}]\n',
            path="OAI_CONFIG_LIST.json",
            message="this OAI_CONFIG_LIST entry has no base_url, so AutoGen sends it, with "
            "the entry's api_key (or OPENAI_API_KEY), to OpenAI's URL unless the client that "
            "reads it supplies another; "
            "`migrate-llm scan --provider ID` says what to set",
        ),
        Example(
            '[{"model": "acme-large", "base_url": "https://api.acme.example/v1"},\n'
            ' {"model": "gpt-35-turbo", "api_type": "azure", "api_key": "<key>"}]\n',
            path="OAI_CONFIG_LIST",
            provider="acme",
            finds=False,
        ),
        Example('[{"model": "gpt-4o"}]\n', path="config.json", provider="acme", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if not is_config_list_file(doc.path):
            return
        provider = self.ctx.provider
        if provider is not None and not self.ctx.switching:
            return  # `--provider openai`: the entries already go there
        blocks: dict[str, dict[str, Entry]] = {}
        for entry in doc.entries:
            if len(entry.path) == 2 and entry.path[0].isdigit() and entry.key is not None:
                blocks.setdefault(entry.path[0], {})[entry.key] = entry
        for block in blocks.values():
            model = block.get(autogen.MODEL_KEY)
            api_type = block.get(autogen.API_TYPE)
            if model is None or model.value is None or model.key_span is None:
                continue
            if autogen.BASE_URL in block:
                continue
            if api_type is not None and (api_type.value or "").lower() != "openai":
                continue  # azure, google, ...: another client
            # the client that reads the file may be one apply gave the provider's URL as a
            # fallback (AutoGen's own `OpenAI(**config)`, migrated): the module does not know
            message = (
                "this OAI_CONFIG_LIST entry has no base_url, so AutoGen sends it, with the "
                f"entry's {autogen.API_KEY} (or OPENAI_API_KEY), to OpenAI's URL unless the "
                "client that reads it supplies another"
            )
            data: dict[str, object] = {"framework": "autogen", "model": model.value}
            if provider is None:
                message += "; `migrate-llm scan --provider ID` says what to set"
            else:
                url = self.ctx.base_url
                message += (
                    f': for {provider.name} add "{autogen.BASE_URL}": "{url}" and put your '
                    f'{provider.name} key in "{autogen.API_KEY}", together'
                )
                data |= {"base_url": url, "api_key_env": provider.api_key_env}
            yield self.finding_at(doc, model.key_span, message, data=data)


def takes_images(provider: Provider, model: str | None) -> bool | None:
    """Whether `provider`'s `model` takes images: what its `[supports] vision` says of all its
    models, or, where that is "partial", whether `model` is its model for images (the `vision`
    tier: DeepSeek's deepseek-flash, not deepseek-v4-pro); None where the file does not say,
    or for a model not known (`model` None) under "partial"."""
    support = provider.support("vision")
    if isinstance(support, bool):
        return support
    if support != "partial" or model is None:
        return None
    return model == provider.image_model()


def model_info_flags(provider: Provider, model: str | None) -> dict[str, bool | str]:
    """The `model_info` autogen-ext's client needs for `provider`'s `model` (`ModelInfo`'s
    required keys, in its order): vision where the model takes images (`takes_images`);
    function calling, JSON output and structured output from `[supports]` (`autogen.
    MODEL_INFO_SUPPORTS`), JSON output also where `json_object` is among the response formats;
    family "unknown". A capability the file does not confirm is False: the client refuses it
    before any request rather than sending what the provider may reject; but function calling
    is False only where the file says the model takes no tools (`Provider.takes_tools`): an
    agent given tools refuses a client without it when it is built, whereas with it the tools
    reach the provider, which serves or refuses them (ML661 and ML663 warn where the file does
    not confirm them: `tools_unconfirmed`)."""
    flags: dict[str, bool | str] = {
        key: provider.support(surface) is True for key, surface in autogen.MODEL_INFO_SUPPORTS
    }
    flags[autogen.FUNCTION_CALLING] = provider.takes_tools(model) is not False
    flags["vision"] = takes_images(provider, model) is True
    flags["json_output"] = bool(flags["json_output"]) or "json_object" in provider.params.get(
        "response_format", ()
    )
    ordered = list(flags.items())
    ordered.insert(3, ("family", autogen.UNKNOWN_FAMILY))
    return dict(ordered)


def tools_unconfirmed(provider: Provider, model: str | None) -> str | None:
    """Why `provider`'s file does not confirm that `model` (None: chosen at run time) takes
    tools, in words; None where it says whether it does (`Provider.takes_tools`)."""
    if provider.takes_tools(model) is not None:
        return None
    if provider.support("tools") != "partial":
        return f"{provider.name}'s tool support is not confirmed (its provider file does not say)"
    listed = ", ".join(provider.params.get("tool_models") or ())
    words = f"{provider.name} serves tools on some models only" + (f" ({listed})" if listed else "")
    if model is None:
        return words + ", and the client's model is chosen at run time"
    return words + f", and its provider file does not say whether {model} is one"


def tools_advice(model: str | None, record: str, false: str) -> str:
    """What a person does with a `model_info` saying "function_calling": True that the
    provider's file does not confirm: check the model calls tools and `record` that (else
    write `false`, the file's False)."""
    return (
        "where the program gives this client tools, handoffs or a workbench, check that "
        f"{model or 'that model'} calls them, then {record}; else set it {false}, by hand"
    )


def ignore_comment(code: str) -> str:
    """How a person records a choice on the line of "function_calling"."""
    return f'say so with `# migrate-llm: ignore[{code}]` on the line of "function_calling"'


def thinking_off(ctx: RuleContext, source: str | None, target: str) -> dict[str, Any] | None:
    """The `extra_body` entries that turn thinking off (`[params] thinking_off_extra_body`)
    for the provider's `target`, mapped from the OpenAI model `source` (`thinking_switch`:
    where `source` did not think), or written as the provider's own model (`source` None):
    where it thinks unless told not to. None otherwise."""
    if source is not None:
        return thinking_switch(ctx, source, target)
    provider = ctx.provider
    needed = provider.params.get("thinking_off_extra_body") if provider is not None else None
    if not needed or provider is None or not thinks(provider, target):
        return None
    return dict(needed)


def thinking_reason(ctx: RuleContext, target: str) -> str:
    """Why autogen-ext's client wants `target` not to think: its replies carry
    reasoning_content, and, where the provider wants it back after a tool call (`[params]
    tool_turn_fields`), the client never sends it (`_message_transform.py` builds the
    assistant turn without it): the next request fails."""
    provider = ctx.provider
    reason = f"{target} thinks before it answers unless told not to"
    if provider is not None and "reasoning_content" in provider.params.get("tool_turn_fields", ()):
        reason += (
            ", and autogen-ext does not give its reasoning_content back after a tool call, "
            "which the next request then fails for (HTTP 400)"
        )
    return reason


@dataclass(frozen=True)
class Component:
    """A component config of a YAML or JSON file that builds autogen-ext's
    `OpenAIChatCompletionClient` (`provider:` one of `autogen.COMPONENT_PROVIDERS`, a model
    under `config:`) sending its request to OpenAI, or to the provider: its entries, where it
    sends (`url`: "absent", no base_url; "openai", OpenAI's plain base URL, which ML502 points
    at the provider; "provider"), its model once migrated (`target`; `source`, the OpenAI
    model it names, None for the provider's own), its key (`key`: "absent", "openai" for an
    OpenAI key or a read of an OpenAI variable, "asks" for a stand-in asking for an OpenAI
    key, "given"), and what `apply` does: `edit`, or why it leaves the config (`left`)."""

    provider: Entry
    config: Entry
    entries: dict[str, Entry]
    model: Entry
    url: str
    source: str | None
    target: str | None
    key: str
    left: str = ""
    edit: Edit | None = None
    added: tuple[str, ...] = ()  # the keys `edit` adds


# a key that reads an OpenAI variable (`${OPENAI_API_KEY}`), which the program may expand
_OPENAI_READ = ENV_REFERENCE


def components(ctx: RuleContext, doc: ConfigDocument) -> list[Component]:
    """The component configs of a YAML or JSON file that build autogen-ext's OpenAI client and
    send to OpenAI (no base_url, or OpenAI's) or to the provider, with an OpenAI model or one
    of the provider's, while switching to a provider other than Azure OpenAI."""
    provider, base = ctx.provider, ctx.base_url
    if doc.kind not in ("yaml", "json") or not migrating(ctx) or provider is None or base is None:
        return []
    if provider.azure is not None:  # its models are deployments of AzureOpenAIChatCompletionClient
        return []
    if not any(name in doc.text for name in ("OpenAIChatCompletionClient", "openai_chat")):
        return []
    blocks: dict[tuple[str, ...], dict[str, Entry]] = {}
    for entry in doc.entries:
        if entry.key is not None and entry.path:
            blocks.setdefault(entry.rooted[:-1], {})[entry.key] = entry
    found: list[Component] = []
    for block, keys in blocks.items():
        selector = keys.get(autogen.COMPONENT_PROVIDER_KEY)
        config = keys.get(autogen.COMPONENT_CONFIG_KEY)
        if selector is None or config is None or config.key_span is None:
            continue
        if (selector.value or "").strip() not in autogen.COMPONENT_PROVIDERS:
            continue
        entries = blocks.get((*block, autogen.COMPONENT_CONFIG_KEY), {})
        made = _component(ctx, doc, selector, config, entries)
        if made is not None:
            found.append(made)
    return found


def _component(
    ctx: RuleContext, doc: ConfigDocument, selector: Entry, config: Entry, entries: dict[str, Entry]
) -> Component | None:
    provider = ctx.provider
    assert provider is not None
    model = entries.get(autogen.MODEL_KEY)
    value = (model.value or "").strip() if model is not None else ""
    if model is None or model.value_span is None or not value:
        return None
    url = entries.get(autogen.BASE_URL)
    if url is None:
        where = "absent"
    else:
        written = (url.value or "").strip()
        owner = host_owner(ctx, written) if written else None
        if owner is not None and owner.id == provider.id:
            where = "provider"
        elif written and is_openai_base(ctx, written) and paired_key(ctx, doc, url) is None:
            where = "openai"  # ML502 writes the provider's URL there
        else:
            return None  # another server, or an OpenAI URL ML502 leaves with its key
    source: str | None = None
    target: str | None = value
    if ctx.openai.serves(value) and not provider.serves(value):
        source, target = value, ctx.map_model(value)
    elif not provider.serves(value):
        return None
    key = entries.get(autogen.API_KEY)
    held = (key.value or "").strip() if key is not None else ""
    if not held:
        kind = "absent"
    elif _OPENAI_READ.search(held) or any(
        is_openai_key(s) and not is_placeholder(s) for s in find_secrets(held)
    ):
        kind = "openai"
    elif stand_in(held) and "openai" in held.lower():
        kind = "asks"
    else:
        kind = "given"
    found = Component(selector, config, entries, model, where, source, target, kind)
    at_provider = where == "provider"
    if kind == "openai" and not at_provider:
        assert key is not None
        return replace(found, left=f"its api_key is {_openai_key_text(held)}")
    if target is None:
        unmapped = f"{value} maps to no {provider.name} model"
        return found if at_provider else replace(found, left=unmapped)
    added: dict[str, str | dict[str, bool | str]] = {}
    if where == "absent":
        added[autogen.BASE_URL] = ctx.base_url or ""
    if not _has_info(entries):
        added[autogen.MODEL_INFO] = model_info_flags(provider, target)
    if not added:
        return found
    if "<<" in entries:  # merged entries may hold what would be added
        return replace(found, left="its config merges entries from elsewhere (<<:)")
    edit = _insertion(doc, config, model, added)
    if edit is None:
        return replace(found, left="apply cannot add entries to its config as it is written")
    return replace(found, edit=edit, added=tuple(added))


# a boolean written after a key (the readers give no value for one)
_BOOL_AFTER_KEY = re.compile(r"""["']?\s*:\s*(true|false)\b""", re.IGNORECASE)


def _written_bool(doc: ConfigDocument, entry: Entry | None) -> bool | None:
    """The true or false `entry` holds, None for anything else."""
    if entry is None or entry.key_span is None:
        return None
    found = _BOOL_AFTER_KEY.match(doc.text, entry.key_span.end)
    return found.group(1).lower() == "true" if found is not None else None


def _agent_tools(doc: ConfigDocument, comp: Component) -> Entry | None:
    """The entry of the agent config holding `comp` as its `model_client` (`{"provider":
    "...AssistantAgent", "config": {"model_client": {...}, "handoffs": [...]}}`) that gives it
    tools: a `tools` or `handoffs` list with an item, or a `workbench` holding such tools."""
    client = comp.model.rooted[:-2]  # (..., "model_client", "config", "model")
    if not client or client[-1] != autogen.AGENT_CLIENT:
        return None
    agent = client[:-1]
    size = len(agent)
    for entry in doc.entries:
        path = entry.rooted
        if path[:size] != agent or len(path) < size + 2 or path[size] not in autogen.AGENT_TOOLS:
            continue
        # an item of the list (`handoffs: [user]`), or of `tools` inside a workbench
        wanted = autogen.CREATE_TOOLS if path[size] == "workbench" else path[size]
        if any(
            key == wanted and index.isdigit()
            for key, index in zip(path[size:], path[size + 1 :], strict=False)
        ):
            return next((e for e in doc.entries if e.rooted == path[: size + 1]), None)
    return None


def no_tools_advice(provider: Provider, model: str | None, true: str) -> str:
    """What to do about tools given to a client whose `model_info` says it takes none
    (`true`: how the file writes True)."""
    listed = ", ".join(provider.params.get("tool_models") or ())
    if provider.takes_tools(model) is not False:
        return f'set "function_calling": {true} where {model or "its model"} calls tools'
    if listed:
        return (
            f"{provider.name} serves tools on {listed} only: give this client one of them with "
            f'"function_calling": {true}, or drop the tools'
        )
    return f"{provider.name} serves no tools: drop them, or use a provider that serves tools"


def _has_info(entries: dict[str, Entry]) -> bool:
    return autogen.MODEL_INFO in entries or autogen.MODEL_CAPABILITIES in entries


def _openai_key_text(value: str) -> str:
    """An OpenAI key source in words, the key masked."""
    read = _OPENAI_READ.search(value)
    if read is not None:
        return f"read from {read.group(1)}"
    secret = next(s for s in find_secrets(value) if is_openai_key(s))
    return f"an OpenAI key ({mask(secret.group(0))})"


def held_components(ctx: RuleContext, doc: ConfigDocument) -> dict[tuple[str, ...], str]:
    """The `config` mappings of component configs `apply` leaves on OpenAI (ML663, manual),
    with why: their model stays OpenAI's too (ML503)."""
    return {
        comp.model.rooted[:-1]: f"this AutoGen component config stays on OpenAI (see ML663: "
        f"{comp.left})"
        for comp in components(ctx, doc)
        if comp.left and comp.url != "provider"
    }


def _insertion(
    doc: ConfigDocument,
    config: Entry,
    model: Entry,
    added: dict[str, str | dict[str, bool | str]],
) -> Edit | None:
    """The edit adding `added` to the config mapping holding `model`, in its layout: lines of
    their own after the model's line in a block mapping (YAML), or entries after its last one
    in a flow mapping or JSON object, on lines of their own where its entries are. None where
    the mapping is not written so (the model's value spans lines, the `{` is not found)."""
    text = doc.text
    assert model.key_span is not None and model.value_span is not None
    assert config.key_span is not None
    newline = "\r\n" if "\r\n" in text else "\n"
    line_start = text.rfind("\n", 0, model.key_span.start) + 1
    column = model.key_span.start - line_start
    config_start = text.rfind("\n", 0, config.key_span.start) + 1
    step = max(column - (config.key_span.start - config_start), 1)
    indent = " " * column
    json_doc = doc.kind == "json"
    opening = re.compile(r"\s*:\s*\{").match(text, config.key_span.end)
    if opening is None and not json_doc and not text[line_start : model.key_span.start].strip(" "):
        # a block mapping: lines after the model's, which holds its whole value
        end = text.find("\n", model.value_span.end)
        rest = text[model.value_span.end : end if end != -1 else len(text)].strip()
        if "\n" in text[model.key_span.start : model.value_span.end] or (
            rest and not rest.startswith("#")
        ):
            return None
        lines = []
        for key, value in added.items():
            if isinstance(value, dict):
                lines.append(f"{indent}{key}:")
                lines += [f"{indent}{' ' * step}{k}: {_yaml_scalar(v)}" for k, v in value.items()]
            else:
                lines.append(f"{indent}{key}: {_yaml_scalar(value)}")
        if end == -1:
            return Edit(Span(len(text), len(text)), newline + newline.join(lines))
        return Edit(Span(end + 1, end + 1), "".join(line + newline for line in lines))
    if opening is None:
        return None
    close = _closing(text, opening.end() - 1, json_doc)
    if close is None:
        return None
    at = len(text[:close].rstrip())
    comma = "" if text[at - 1] == "," else ","
    scalar = _json_scalar if json_doc else _yaml_scalar
    quoted = json.dumps if json_doc else str
    multiline = "\n" in text[opening.end() : model.key_span.start]
    parts: list[str] = []
    for key, value in added.items():
        if isinstance(value, dict) and multiline:
            inner = [f"{indent}{' ' * step}{quoted(k)}: {scalar(v)}" for k, v in value.items()]
            body = ("," + newline).join(inner)
            parts.append(f"{quoted(key)}: {{{newline}{body}{newline}{indent}}}")
        elif isinstance(value, dict):
            body = ", ".join(f"{quoted(k)}: {scalar(v)}" for k, v in value.items())
            parts.append(f"{quoted(key)}: {{{body}}}")
        else:
            parts.append(f"{quoted(key)}: {scalar(value)}")
    if multiline:
        lead = comma + newline + indent
        return Edit(Span(at, at), lead + ("," + newline + indent).join(parts))
    return Edit(Span(at, at), comma + " " + ", ".join(parts))


def _yaml_scalar(value: bool | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if plain_yaml_string(value) else json.dumps(value)


def _json_scalar(value: bool | str) -> str:
    return json.dumps(value)


def _closing(text: str, opening: int, json_doc: bool) -> int | None:
    """Where the `{` at `opening` closes, quoted strings (and YAML comments) skipped."""
    depth = 0
    at = opening
    while at < len(text):
        char = text[at]
        if char == '"':
            at += 1
            while at < len(text) and text[at] != '"':
                at += 2 if text[at] == "\\" else 1
        elif char == "'" and not json_doc:
            at = text.find("'", at + 1)
            while at != -1 and text.startswith("''", at):
                at = text.find("'", at + 2)
            if at == -1:
                return None
        elif char == "#" and not json_doc and text[at - 1] in " \t\n":
            at = text.find("\n", at)
            if at == -1:
                return None
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return at if char == "}" else None
        at += 1
    return None


class AutogenComponentFile(ConfigRule):
    """A YAML or JSON component config of autogen-ext's `OpenAIChatCompletionClient`.

    ## What it does
    In YAML and JSON files, finds the component configs (`provider:
    autogen_ext.models.openai.OpenAIChatCompletionClient`, or its short names
    `OpenAIChatCompletionClient` and `openai_chat_completion_client`, beside `config:`
    holding a `model:`; at the top of a file that `ChatCompletionClient.load_component(...)`
    reads, or inside an agent's or a team's config) whose model is an OpenAI model or one of
    the provider's, and that name no `base_url` (the client's default is api.openai.com),
    OpenAI's plain base URL (which ML502 points at the provider) or the provider's.

    ## Why
    `load_component` builds `OpenAIChatCompletionClient(**config)`. With only the model
    mapped (ML503), it refuses the provider's model: "model_info is required when model name
    is not a valid OpenAI model"; with `model_info` and no `base_url`, it sends the provider's
    model to api.openai.com. A config file cannot read the provider's variables, so the base
    URL is written out, and the key must be written there by you: without `api_key` the client
    reads `OPENAI_API_KEY` and sends that key to the provider. Nor can it turn thinking off:
    the config is read through `OpenAIClientConfigurationConfigModel`, which drops
    `extra_body`.

    ## Fix (review)
    `apply` adds `base_url:` (the provider's URL, written out) where the config has none,
    and `model_info:` (vision, function_calling, json_output, structured_output from the
    provider's `[supports]`, as ML661 writes them; vision true only for a model that takes
    images; function_calling true unless the provider's file says the model takes no tools;
    family "unknown") where it has neither it nor `model_capabilities`, after the
    model's line (in a flow mapping or a JSON object, after its last entry); ML503 maps the
    model. Left for you (manual, errors, which keep `check` failing):
    - a config without `api_key`, or whose key still asks for an OpenAI key
      (`<YOUR_OPENAI_API_KEY>`): put your provider key there;
    - a config whose `api_key` is an OpenAI key, or reads an OpenAI variable
      (`${OPENAI_API_KEY}`), and one that takes entries from elsewhere (`<<:`) or whose
      model maps to none of the provider's: nothing is changed (with the URL, the OpenAI key
      would go to the provider); its model stays too (ML503). Change the URL, `model_info`,
      model and key together, by hand.

    A config whose model thinks unless told not to (`[params] thinking_models`: DeepSeek's)
    gets a warning (manual): where the program gives the client tools, autogen-ext does not
    send the reasoning back after a tool call and the next request fails (HTTP 400); build
    that client in code with the switch (`OpenAIChatCompletionClient(**config,
    extra_body=...)`, which ML661 writes for a client made in code).

    A `model_info` saying "function_calling": true (the one apply adds, or the config's) for a
    model the provider's file does not confirm takes tools (`tools = "partial"` without
    `[params] tool_models` listing it, or "unknown": SiliconFlow's) is a warning (manual)
    that stays until a person says the model calls them: `# migrate-llm: ignore[ML663]` on
    its line (a JSON file takes no comment: a baseline), or false written there. Where the
    agent config holding the client (a team's `participants`) gives it `tools`, `handoffs` or
    a `workbench` with tools and its `model_info` says false, autogen refuses them when it
    loads the agent: an error.

    ## Data
    `framework` ("autogen"), `model` (once migrated), `base_url` and `url_to` (the
    provider's URL, where apply adds it), `api_key_env`; for the tools findings, `tools` (the
    provider's `[supports] tools`).
    """

    code = "ML663"
    name = "autogen-component-config"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    kinds = frozenset({"yaml", "json"})
    examples = (
        Example(
            "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
            "config:\n  model: acme-large\n  api_key: REPLACE_WITH_YOUR_API_KEY\n",
            path="model_config.yaml",
            provider="acme",
            message="this component config builds OpenAIChatCompletionClient without a "
            "base_url, so it sends acme-large to api.openai.com; apply adds `base_url: "
            "https://api.acme.example/v1` (written out: the file cannot read ACME_BASE_URL) and "
            "`model_info` (autogen-ext refuses a model it does not know without it); its "
            "api_key must be your Acme Cloud key",
            after="provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
            "config:\n  model: acme-large\n  base_url: https://api.acme.example/v1\n"
            "  model_info:\n    vision: false\n    function_calling: true\n"
            "    json_output: true\n    family: unknown\n    structured_output: false\n"
            "  api_key: REPLACE_WITH_YOUR_API_KEY\n",
        ),
        Example(
            '{"provider": "OpenAIChatCompletionClient", "component_type": "model", '
            '"config": {"model": "gpt-4o-mini", "api_key": "<key>"}}\n',
            path="model.json",
            provider="acme",
            message="this component config builds OpenAIChatCompletionClient without a "
            "base_url, so it sends gpt-4o-mini to api.openai.com; apply adds `base_url: "
            "https://api.acme.example/v1` (written out: the file cannot read ACME_BASE_URL) and "
            "`model_info` (autogen-ext refuses a model it does not know without it), and ML503 "
            "writes acme-small; its api_key must be your Acme Cloud key",
            after='{"provider": "OpenAIChatCompletionClient", "component_type": "model", '
            '"config": {"model": "gpt-4o-mini", "api_key": "<key>", '
            '"base_url": "https://api.acme.example/v1", "model_info": {"vision": false, '
            '"function_calling": true, "json_output": true, "family": "unknown", '
            '"structured_output": false}}}\n',
        ),
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: acme-large\n"
            "  base_url: https://api.acme.example/v1\n"
            "  model_info: {vision: false, function_calling: true, json_output: true, "
            "family: unknown, structured_output: false}\n",
            path="model_config.yaml",
            provider="acme",
            message="this component config has no api_key, so OpenAIChatCompletionClient reads "
            "OPENAI_API_KEY and sends that key to Acme Cloud: add `api_key:` with your Acme "
            "Cloud key (the file cannot read ACME_API_KEY), by hand",
        ),
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n"
            "  api_key: sk-proj-Abc123def456ghi789jkl012mno345pqr678\n",
            path="model_config.yaml",
            provider="acme",
            message="this component config builds OpenAIChatCompletionClient without a "
            "base_url, so it sends gpt-4o to api.openai.com, and its api_key is an OpenAI key "
            "(sk-pr…78): apply leaves it, as with the provider's URL that key would go to Acme "
            "Cloud; add `base_url: https://api.acme.example/v1` and `model_info`, write "
            "acme-large for gpt-4o and put your Acme Cloud key in api_key, together, by hand",
        ),
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: deepseek-flash\n"
            "  base_url: https://api.deepseek.com\n  api_key: REPLACE_WITH_YOUR_API_KEY\n"
            "  model_info: {vision: true, function_calling: true, json_output: true, "
            "family: unknown, structured_output: false}\n",
            path="model_config.yaml",
            provider="deepseek",
            message="deepseek-flash thinks before it answers unless told not to, and "
            "autogen-ext does not give its reasoning_content back after a tool call, which the "
            "next request then fails for (HTTP 400); a component config cannot turn thinking "
            "off (autogen-ext drops its extra_body): where the program gives this client tools, "
            'build it in code with extra_body={"thinking": {"type": "disabled"}} '
            "(OpenAIChatCompletionClient(**config, extra_body=...)), by hand",
        ),
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: deepseek-ai/DeepSeek-V3.2\n"
            "  base_url: https://api.siliconflow.cn/v1\n  api_key: KEY\n"
            "  model_info: {vision: false, function_calling: true, json_output: false, "
            "family: unknown, structured_output: false}\n",
            path="model_config.yaml",
            provider="siliconflow",
            message='this component config\'s model_info says "function_calling": true, so that '
            "autogen-ext passes on the tools an agent gives it (with false it refuses them); "
            "SiliconFlow serves tools on some models only, and its provider file does not say "
            "whether deepseek-ai/DeepSeek-V3.2 is one: where the program gives this client "
            "tools, handoffs or a workbench, check that deepseek-ai/DeepSeek-V3.2 calls them, "
            "then say so with `# migrate-llm: ignore[ML663]` on the line of "
            '"function_calling"; else set it false, by hand',
        ),
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n"
            "  base_url: http://localhost:11434/v1\n",
            path="model_config.yaml",
            provider="acme",
            finds=False,
        ),
        # without a provider there is nothing to point it at (ML503 names the model)
        Example(
            "provider: OpenAIChatCompletionClient\nconfig:\n  model: gpt-4o\n",
            path="model_config.yaml",
            finds=False,
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider, url = self.ctx.provider, self.ctx.base_url
        for comp in components(self.ctx, doc):
            assert provider is not None and url is not None
            if comp.left and comp.url != "provider":
                yield self._left(doc, comp)
                continue
            if comp.edit is not None or comp.left:
                yield self._move(doc, comp)
            yield from self._key(doc, comp)
            yield from self._thinking(doc, comp)
            yield from self._tools(doc, comp)

    def _head(self, comp: Component) -> str:
        model = comp.source or comp.target
        if comp.url == "absent":
            return (
                "this component config builds OpenAIChatCompletionClient without a base_url, "
                f"so it sends {model} to api.openai.com"
            )
        provider = self.ctx.provider
        assert provider is not None
        if comp.url == "openai":
            return (
                "this component config builds OpenAIChatCompletionClient at OpenAI's base URL, "
                f"which ML502 points at {provider.name}"
            )
        return (
            f"this component config sends {model} to {provider.name} without `model_info`, "
            "which autogen-ext needs for a model it does not know"
        )

    def _data(self, comp: Component) -> dict[str, object]:
        provider = self.ctx.provider
        assert provider is not None
        data: dict[str, object] = {"framework": "autogen", "api_key_env": provider.api_key_env}
        if comp.target is not None:
            data["model"] = comp.target
        if autogen.BASE_URL in comp.added:
            data["base_url"] = data["url_to"] = self.ctx.base_url
        return data

    def _move(self, doc: ConfigDocument, comp: Component) -> Finding:
        provider = self.ctx.provider
        assert provider is not None and comp.provider.value_span is not None
        head = self._head(comp)
        if comp.edit is None:  # the provider's, with something to add that apply cannot
            return self.finding_at(
                doc,
                comp.provider.value_span,
                f"{head}, and {comp.left}: add `model_info` by hand",
                fix=FixClass.MANUAL,
                data=self._data(comp),
            )
        added = []
        if autogen.BASE_URL in comp.added:
            added.append(
                f"`{autogen.BASE_URL}: {self.ctx.base_url}` (written out: the file cannot read "
                f"{provider.base_url_env})"
            )
        if autogen.MODEL_INFO in comp.added:
            added.append(
                f"`{autogen.MODEL_INFO}` (autogen-ext refuses a model it does not know without it)"
            )
        message = f"{head}; apply adds {' and '.join(added)}"
        if comp.source is not None and comp.target is not None:
            message += f", and ML503 writes {comp.target}"
        if comp.key == "given":
            message += f"; its api_key must be your {provider.name} key"
        return self.finding_at(
            doc, comp.provider.value_span, message, edit=comp.edit, data=self._data(comp)
        )

    def _left(self, doc: ConfigDocument, comp: Component) -> Finding:
        provider = self.ctx.provider
        assert provider is not None and comp.provider.value_span is not None
        url = "" if comp.url == "openai" else f"`{autogen.BASE_URL}: {self.ctx.base_url}` and "
        model = (
            f", write {comp.target} for {comp.source}"
            if comp.source is not None and comp.target is not None
            else f", write a model of {provider.name} for {comp.source}"
            if comp.source is not None
            else ""
        )
        carried = (
            f", as with the provider's URL that key would go to {provider.name}"
            if comp.key == "openai"
            else ""
        )
        message = (
            f"{self._head(comp)}, and {comp.left}: apply leaves it{carried}; add {url}"
            f"`{autogen.MODEL_INFO}`{model} and put your {provider.name} key in api_key, "
            "together, by hand"
        )
        return self.finding_at(
            doc, comp.provider.value_span, message, fix=FixClass.MANUAL, data=self._data(comp)
        )

    def _key(self, doc: ConfigDocument, comp: Component) -> Iterator[Finding]:
        """The key of a config that goes (or goes once migrated) to the provider, where it is
        absent or OpenAI's: it would go to the provider."""
        provider = self.ctx.provider
        assert provider is not None
        key = comp.entries.get(autogen.API_KEY)
        data = {"framework": "autogen", "api_key_env": provider.api_key_env}
        if comp.key == "absent" and comp.config.key_span is not None:
            yield self.finding_at(
                doc,
                comp.config.key_span,
                "this component config has no api_key, so OpenAIChatCompletionClient reads "
                f"OPENAI_API_KEY and sends that key to {provider.name}: add `api_key:` with your "
                f"{provider.name} key (the file cannot read {provider.api_key_env}), by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
        elif comp.key in ("openai", "asks") and key is not None and key.value_span is not None:
            what = (
                f"is {_openai_key_text(key.value or '')}"
                if comp.key == "openai"
                else f"asks for an OpenAI key ({shown(key.value or '')})"
            )
            yield self.finding_at(
                doc,
                key.value_span,
                f"the api_key of this component config {what}, and the config goes to "
                f"{provider.name}: put your {provider.name} key there, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )

    def _tools(self, doc: ConfigDocument, comp: Component) -> Iterator[Finding]:
        """The config's "function_calling" (the one apply writes, else the one it has): true
        where the provider's file does not confirm its model takes tools, a warning; false
        where the agent config holding it gives it tools or handoffs, an error."""
        provider = self.ctx.provider
        assert provider is not None
        if comp.target is None:
            return  # a model mapped to none of the provider's: the config is left (ML503)
        data = {"framework": "autogen", "model": comp.target, "tools": provider.support("tools")}
        calling: bool | str | None
        if autogen.MODEL_INFO in comp.added:
            calling = model_info_flags(provider, comp.target)[autogen.FUNCTION_CALLING]
            written = None
        else:
            path = (*comp.model.rooted[:-1], autogen.MODEL_INFO, autogen.FUNCTION_CALLING)
            written = next((e for e in doc.entries if e.rooted == path), None)
            calling = _written_bool(doc, written)
        if calling is False:
            given = _agent_tools(doc, comp)
            if given is not None and given.key_span is not None:
                yield self.finding_at(
                    doc,
                    given.key_span,
                    f"the agent config holding this model client gives it {given.key}, and its "
                    'model_info says "function_calling": false: autogen refuses them ("The '
                    'model does not support function calling") when it loads the agent; '
                    f"{no_tools_advice(provider, comp.target, 'true')}, by hand",
                    fix=FixClass.MANUAL,
                    data=data,
                )
            return
        why = tools_unconfirmed(provider, comp.target) if calling is True else None
        at = written.key_span if written is not None else comp.model.key_span
        if why is None or at is None:
            return
        record = (
            "record that in a baseline (`migrate-llm check --write-baseline FILE`: JSON takes no "
            "comment)"
            if doc.kind == "json"
            else ignore_comment(self.code)
        )
        yield self.finding_at(
            doc,
            at,
            'this component config\'s model_info says "function_calling": true, so that '
            "autogen-ext passes on the tools an agent gives it (with false it refuses them); "
            f"{why}: {tools_advice(comp.target, record, 'false')}",
            # a warning where the agent config holding it gives it tools; else a note
            severity=Severity.WARNING if _agent_tools(doc, comp) is not None else Severity.NOTE,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _thinking(self, doc: ConfigDocument, comp: Component) -> Iterator[Finding]:
        """A config whose model thinks unless told not to, which no config can change."""
        if comp.target is None or autogen.REASONING_EFFORT in comp.entries:
            return
        # whatever the OpenAI model did: a tool loop fails on a model that thinks
        switch = thinking_off(self.ctx, None, comp.target)
        if switch is None or comp.model.key_span is None:
            return
        body = json.dumps(switch)
        yield self.finding_at(
            doc,
            comp.model.key_span,
            f"{thinking_reason(self.ctx, comp.target)}; a component config cannot turn "
            f"thinking off (autogen-ext drops its {autogen.EXTRA_BODY}): where the program "
            f"gives this client tools, build it in code with {autogen.EXTRA_BODY}={body} "
            f"(OpenAIChatCompletionClient(**config, {autogen.EXTRA_BODY}=...)), by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"framework": "autogen", "extra_body": switch},
        )
