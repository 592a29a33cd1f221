"""ML505: API keys written into config files."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.config_common import (
    ENV_VAR_NAME,
    config_key,
    is_openai_var,
    is_target,
    keyed_mappings,
    openai_by_default,
    openai_url_settings,
    paired_key,
)
from migrate_llm.rules.models import article
from migrate_llm.rules.wording import record_done
from migrate_llm.secrets import find_secrets, is_openai_key, is_placeholder, mask
from migrate_llm.shared_key_defaults import SharedKeyDefault, built_class

# the entries of a mapping naming the client its record builds (Kirara AI's `adapter: openai`)
_CLIENT_KEYS = frozenset({*sdk.CONFIG_PROVIDER_KEYS, "adapter"})

# The files a program reads its settings from (not scripts, whose words are commands)
_SETTINGS_KINDS = frozenset({"yaml", "toml", "json", "ini"})


class ConfigSecret(ConfigRule):
    """An API key written into a config file, or an OpenAI key in a .env file.

    ## What it does
    Finds `sk-...`-shaped secret keys in string values of YAML, TOML, JSON and INI files, and
    in the words of scripts, Dockerfiles, Makefiles, Procfiles and systemd units. A
    key that is unmistakably a placeholder (`sk-xxxxxxxx...`, as ML004 tells them) is a note.
    In `.env` files, the designated place for keys, only a key that is unmistakably OpenAI's
    (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, `sk-None-`, or a legacy key holding `T3BlbkFJ`)
    is reported, under any variable but OpenAI's own (ML501 reports `OPENAI_API_KEY=sk-...`)
    and a key beside an OpenAI base URL (ML502 names it); another provider's `sk-` key is
    not OpenAI's. Silent on .env files with `--provider openai`. When switching provider, a
    key in a YAML, TOML, JSON or INI file of settings (not recorded output) that is
    unmistakably OpenAI's says so: a program reading it sends it to the provider (gpt-pilot's
    `config.json`, `base_url: null`).

    What to do depends on where the program reads the key. An entry of a settings file (not
    a variable an environment block sets, `OPENAI_API_KEY:` under a compose file's
    `environment:`) is where the program reads it: an OpenAI key there is to be replaced in
    that entry by the provider's, with the OpenAI base URL ML502 names beside it, and no
    environment variable is named (VideoLingo and MoneyPrinterTurbo read their key only from
    config.yaml and config.toml: told to give the program DEEPSEEK_API_KEY, a person removed
    the key, and the program stopped at its empty key). Another key there, the provider's
    included, is to be kept out of version control with the file; as `check` cannot see
    where the file is kept, the message says how to record that done: `# migrate-llm:
    ignore[ML505]` at the end of the line, or a `check --baseline` file (JSON, which takes no
    comments). A key in a variable the file sets, or in a script, gets the environment
    advice. In a gitignored settings file that the program reads (scanned for that reason,
    `gitignored`), such a key other than OpenAI's is a note with nothing to do (`data`
    `if_committed`): the file is kept out of version control, and it is where apply's Next
    line has the provider's key put (gpt-pilot's `config.json`, t60c). So it is in such a
    file named on the command line (`check config.json`) that git does not track: named or
    found, the file is the same. Committed (tracked, even where .gitignore names it: what
    pre-commit passes), or checked with `--no-gitignore`, it stays an error; an OpenAI key
    stays an error anywhere. A key in a mapping that names no base URL and builds a settings
    class of the project whose base-URL default apply moves to the provider (ML402) or that
    reads the provider's base-URL variable (`RunFacts.shared_key_defaults`: Kirara AI's
    `OpenAIConfig`, `api_key: str` beside `api_base: str = "https://api.openai.com/v1"`,
    t62f) is sent to the provider: an error (manual) before and after apply, gitignored or
    not, saying to put the provider's key there and to record that done (`data`:
    `settings_class`, `read_in`, `default_url_field`). Not where the mapping's record picks
    another client (`adapter: deepseek`).

    ## Why
    A key in a committed config file is a leaked key; migrate-llm never copies it anywhere.
    An OpenAI key under the program's own variable (`GRAPHRAG_API_KEY=sk-proj-...`) or
    setting goes with its requests to the provider after the switch: the login fails and the
    key leaks there.

    ## Example
    ```yaml
    openai:
      api_key: sk-proj-...   # -> the provider's key, in a file kept out of version control
    ```
    ```
    GRAPHRAG_API_KEY=sk-proj-...   # -> put the provider's key here
    ```
    """

    code = "ML505"
    name = "config-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "ini", "shell"})
    reads_settings = False  # a key in a log is leaked as much as one in a setting
    examples = (
        Example(
            "openai:\n  api_key: sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZabcd\n",
            path="config.yaml",
            message="hard-coded API key sk-pr…cd in a config file (openai.api_key): keep a "
            "file holding a real key out of version control (rotate a key that was committed); "
            "once the file is, record that with `# migrate-llm: ignore[ML505]` at the end of "
            "this line (or in a `check --baseline` file), as check cannot see where the file "
            "is kept",
        ),
        Example(
            '{"llm": {"base_url": null, "api_key": "sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF"}}',
            path="config.json",
            provider="acme",
            message="hard-coded OpenAI key sk-pr…dF in a config file: a program reading it "
            "sends it with its requests, which go to Acme Cloud after the switch: rejected "
            "there, and the key leaks there; rotate it, and replace it here (llm.api_key) with "
            "an Acme Cloud key, where the program reads it (keep a file holding a real key out "
            "of version control)",
        ),
        # t52i/t52k: told to export the provider's variable, a person removed the key, and
        # the program, which reads only this file, stopped at its empty key
        Example(
            'openai_api_key = "sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF"\n'
            'openai_base_url = "https://api.openai.com/v1"\n',
            path="config.toml",
            provider="acme",
            message="hard-coded OpenAI key sk-pr…dF in a config file: a program reading it "
            "sends it with its requests, which go to Acme Cloud after the switch: rejected "
            "there, and the key leaks there; rotate it, and replace it here (openai_api_key) "
            "with an Acme Cloud key, where the program reads it, together with the base URL "
            "ML502 names (keep a file holding a real key out of version control)",
        ),
        Example(
            "services:\n  app:\n    environment:\n"
            "      OPENAI_API_KEY: sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF\n",
            path="docker-compose.yml",
            provider="acme",
            message="hard-coded OpenAI key sk-pr…dF in a config file: a program reading it "
            "sends it with its requests, which go to Acme Cloud after the switch: rejected "
            "there, and the key leaks there; remove it, rotate it, and give the program Acme "
            "Cloud's key (ACME_API_KEY)",
        ),
        Example(
            '{"auth": {"token": "Bearer sk-1234567890abcdefghijKL"}}',
            path="config.json",
            message="hard-coded API key sk-12…KL in a config file (auth.token): keep a file "
            "holding a real key out of version control (rotate a key that was committed); once "
            "the file is, record that in a baseline (`check --write-baseline FILE`, then `check "
            "--baseline FILE`), as check cannot see where the file is kept",
        ),
        Example(
            '[llm]\nkey = "sk-abcdefghijklmnopqrstuvwxyz"\n', path="settings.toml", provider="acme"
        ),
        Example(
            "services:\n  app:\n    environment:\n"
            "      OPENAI_API_KEY: sk-xxxxxxxxxxxxxxxxxxxxxxxx\n",
            path="docker-compose.yml",
            message="placeholder API key sk-xx…xx in a config file; the real key belongs in an "
            "environment variable",
        ),
        Example("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz\n", path=".env", finds=False),
        Example(
            "GRAPHRAG_API_KEY=sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF6gJs1aEu\n",
            path=".env",
            provider="acme",
            message="GRAPHRAG_API_KEY holds an OpenAI key (sk-pr…Eu): after the switch, "
            "requests that carry it go to Acme Cloud, which rejects it, and the key leaks "
            "there; put Acme Cloud's key there instead",
        ),
        Example("APP_KEY=sk-4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\n", path=".env", finds=False),
        Example(
            "llm:\n  api_key: ${ACME_API_KEY}\n", path="config.yaml", provider="acme", finds=False
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if doc.kind == "dotenv":
            yield from self._openai_keys(doc)
            return
        paired: set[int] | None = None  # the keys ML502 names beside an OpenAI base URL
        defaulted = self._defaulted_urls(doc)
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            raw = doc.text[entry.value_span.start : entry.value_span.end]
            for secret in find_secrets(entry.value):
                key = secret.group(0)
                offset = raw.find(key)
                span = entry.value_span
                if offset != -1:
                    span = Span(span.start + offset, span.start + offset + len(key))
                placeholder = is_placeholder(secret)
                provider = self.ctx.provider
                # the program reads the key from this entry (not a variable it sets, not output)
                setting = (
                    doc.kind in _SETTINGS_KINDS
                    and doc.recorded is None
                    and not _variable(doc, entry)
                )
                if placeholder and setting:
                    message = (
                        f"placeholder API key {mask(key)} in a config file "
                        f"({_shown_setting(entry)}): the real key goes where the program reads "
                        "it; keep a file holding one out of version control"
                    )
                elif placeholder:
                    message = (
                        f"placeholder API key {mask(key)} in a config file; the real key "
                        "belongs in an environment variable"
                    )
                elif (
                    provider is not None
                    and doc.kind in _SETTINGS_KINDS
                    and doc.recorded is None
                    and not is_target(self.ctx)
                    and is_openai_key(secret)
                ):
                    if paired is None:
                        paired = self._beside_openai_urls(doc)
                    message = (
                        f"hard-coded OpenAI key {mask(key)} in a config file: a program reading "
                        f"it sends it with its requests, which go to {provider.name} after the "
                        f"switch: rejected there, and the key leaks there; "
                        + self._replace_advice(entry, setting, id(entry) in paired)
                    )
                elif setting and id(entry) in defaulted:
                    message = self._moved_default(doc, entry, key, defaulted[id(entry)])
                elif setting:
                    # an environment variable would help only where the program reads one
                    message = (
                        f"hard-coded API key {mask(key)} in a config file "
                        f"({_shown_setting(entry)}): keep a file holding a real key out of "
                        "version control (rotate a key that was committed); once the file is, "
                        + record_done(
                            self.code, "check cannot see where the file is kept", doc.kind != "json"
                        )
                    )
                else:
                    message = (
                        f"hard-coded API key {mask(key)} in a config file; move it to an "
                        "environment variable and rotate it"
                    )
                data: dict[str, object] = {"secret": mask(key)}
                if placeholder:
                    data["placeholder"] = True
                elif id(entry) in defaulted and setting:
                    built = defaulted[id(entry)]
                    data["settings_class"] = built.cls
                    data["read_in"] = f"{built.shown}:{built.url_line}"
                    data["default_url_field"] = built.url_field
                elif setting and not message.startswith("hard-coded OpenAI"):
                    # an error only while the file is under version control: a gitignored
                    # file the program reads is where its key belongs (`gitignored`)
                    data["if_committed"] = _shown_setting(entry)
                if entry.key is not None:
                    data["setting"] = entry.key
                severity = Severity.NOTE if placeholder else None
                yield self.finding_at(doc, span, message, severity=severity, data=data)

    def _defaulted_urls(self, doc: ConfigDocument) -> dict[int, SharedKeyDefault]:
        """The key entries of mappings that build a settings class of the project whose
        base-URL default is (or apply makes it) the provider's (`RunFacts.shared_key_defaults`)
        and that name no base URL of their own, each with that class: their key goes to the
        provider. Not a mapping whose record picks another client (`adapter: gemini`), nor
        one picking OpenAI's beside a model (ML502's `openai_by_default` reports it)."""
        shared = self.ctx.facts.shared_key_defaults
        if not shared or self.ctx.provider is None or doc.kind not in ("yaml", "toml", "json"):
            return {}
        mappings = keyed_mappings(doc)
        picked = openai_by_default(doc)
        found: dict[int, SharedKeyDefault] = {}
        for block, keys in mappings.items():
            built = built_class(shared, keys)
            if built is None or block in picked:
                continue
            key = keys.get(config_key(built.key_field))
            urls = {config_key(built.url_field), *sdk.CONFIG_BASE_URL_KEYS}
            if key is None or any((keys[u].value or "").strip() for u in urls if u in keys):
                continue
            chosen = [
                (e.value or "").strip()
                for scope in (keys, mappings.get(block[:-1], {}) if block else {})
                for k, e in scope.items()
                if k in _CLIENT_KEYS and (e.value or "").strip()
            ]
            if any(not sdk.CONFIG_OPENAI_PROVIDER.fullmatch(value) for value in chosen):
                continue  # another client's record
            found[id(key)] = built
        return found

    def _moved_default(
        self, doc: ConfigDocument, entry: Entry, key: str, built: SharedKeyDefault
    ) -> str:
        """A key in a mapping naming no base URL, so sent to the base-URL default of the
        settings class it builds, which is (or apply makes it) the provider's: written for
        OpenAI, it goes to the provider now."""
        provider = self.ctx.provider
        assert provider is not None
        name = provider.name
        reads = "reads" if built.applied else "apply makes read"
        return (
            f"API key {mask(key)} in a config file ({_shown_setting(entry)}), in a mapping "
            f"naming no {built.url_field}: it builds {built.cls} ({built.shown}), whose "
            f"default {built.cls}.{built.url_field} (line {built.url_line}) {reads} "
            f"{provider.base_url_env}: {name}, so this key is sent there now; a key written "
            "for OpenAI is rejected there and leaks there: rotate it, and replace it here with "
            f"{article(name)} {name} key (keep a file holding a real key out of version "
            f"control); once it holds {article(name)} {name} key, "
            + record_done(self.code, "check cannot tell whose key it is", doc.kind != "json")
        )

    def _replace_advice(self, entry: Entry, setting: bool, paired: bool) -> str:
        """What to do with an OpenAI key the program sends to the provider after the switch:
        where it reads it from this entry (`setting`), put the provider's key in its place,
        with the OpenAI base URL ML502 names beside it (`paired`) (told to export the
        provider's variable, a person removed it, and the program stopped at its empty key:
        VideoLingo, MoneyPrinterTurbo); where the entry sets a variable, give the program
        the provider's."""
        provider = self.ctx.provider
        assert provider is not None
        name = provider.name
        if setting:
            together = ", together with the base URL ML502 names" if paired else ""
            return (
                f"rotate it, and replace it here ({_shown_setting(entry)}) with "
                f"{article(name)} {name} key, where the program reads it{together} (keep a "
                "file holding a real key out of version control)"
            )
        if entry.key is not None and not is_openai_var(self.ctx, entry.key):
            return f"rotate it, and put {name}'s key in {entry.key} instead"
        return f"remove it, rotate it, and give the program {name}'s key ({provider.api_key_env})"

    def _openai_keys(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The OpenAI keys of a .env file that no other rule reports."""
        if is_target(self.ctx):
            return
        reported = self._beside_openai_urls(doc)
        for entry in doc.entries:
            name, value, span = entry.key, entry.value, entry.value_span
            if name is None or value is None or span is None or id(entry) in reported:
                continue
            if is_openai_var(self.ctx, name):
                continue  # ML501's
            keys = [k for k in find_secrets(value) if is_openai_key(k) and not is_placeholder(k)]
            if keys:
                yield self._openai_key(doc, entry, mask(keys[0].group(0)))

    def _beside_openai_urls(self, doc: ConfigDocument) -> set[int]:
        """The key entries that ML502 names beside an OpenAI base URL it leaves."""
        if self.ctx.provider is None:
            return set()
        found = set()
        for entry in openai_url_settings(self.ctx, doc):
            key = paired_key(self.ctx, doc, entry)
            if key is not None:
                found.add(id(key))
        return found

    def _openai_key(self, doc: ConfigDocument, entry: Entry, shown: str) -> Finding:
        assert entry.key is not None and entry.value_span is not None
        provider = self.ctx.provider
        if provider is None:
            where = "the provider, which rejects it"
            advice = "put the provider's key there instead (pass --provider to name it)"
        else:
            where = f"{provider.name}, which rejects it"
            advice = f"put {provider.name}'s key there instead"
        message = (
            f"{entry.key} holds an OpenAI key ({shown}): after the switch, requests that carry "
            f"it go to {where}, and the key leaks there; {advice}"
        )
        moved = self._graphrag_reads(doc, entry.key)
        if moved is not None:
            message = f"{entry.key} holds an OpenAI key ({shown}), and {moved}"
        data = {"secret": shown, "setting": entry.key}
        return self.finding_at(doc, entry.value_span, message, data=data)

    def _graphrag_reads(self, doc: ConfigDocument, name: str) -> str | None:
        """Where GraphRAG's settings file beside this .env (which GraphRAG loads with it)
        reads the provider's key from a variable other than `name` once applied (ML502
        renames `${GRAPHRAG_API_KEY}`): what to do with the variables then; else None."""
        provider = self.ctx.provider
        if provider is None:
            return None
        here = posixpath.dirname(doc.path)
        for told in sorted(self.ctx.facts.graphrag_settings):
            if told.directory != here or name in told.reads or not told.keys:
                continue
            keys = " and ".join(told.keys)
            head = f"GraphRAG's {told.file} reads its key from {keys}, not from it, once applied"
            present = {e.key for e in doc.entries if e.key and (e.value or "").strip()}
            if all(k in present for k in told.keys):
                return f"{head} ({keys} set here): remove this line"
            return (
                f"{head} (ML502): put {provider.name}'s key in {keys} (`{told.keys[0]}=...` in "
                "this file), and remove this line"
            )
        return None


def _variable(doc: ConfigDocument, entry: Entry) -> bool:
    """Whether `entry` sets an environment variable (`OPENAI_API_KEY:` in a compose file's
    `environment:`), which the program reads, not a setting it reads from the file."""
    return (
        entry.key is not None
        and FORMATS[doc.kind].variables
        and ENV_VAR_NAME.fullmatch(entry.key) is not None
    )


def _shown_setting(entry: Entry) -> str:
    """The entry as messages name it: `api.key`, `openai_api_key`."""
    return ".".join(entry.path) if entry.path else entry.key or "this entry"
