"""ML662: entries of AutoGen's `OAI_CONFIG_LIST` JSON file that go to OpenAI by default."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks import autogen
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import ConfigRule, Example


def is_config_list_file(path: str) -> bool:
    """`OAI_CONFIG_LIST`, `OAI_CONFIG_LIST.json` (the name `config_list_from_json` reads)."""
    base = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return base in ("oai_config_list", "oai_config_list.json")


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
