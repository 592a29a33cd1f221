"""ML502: OpenAI base URLs in config files."""

from __future__ import annotations

import re
from collections.abc import Iterator

from migrate_llm.formats import FORMATS
from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Edit, Finding, FixClass, Severity
from migrate_llm.rules.azure_target import client_base_url
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_common import (
    BASE_VARS,
    is_openai_base,
    is_openai_var,
    is_target,
    key_beside,
    openai_host_pattern,
    replace_value,
    shown,
)
from migrate_llm.rules.dotenv_plan import dotenv_plan
from migrate_llm.secrets import mask_secrets

# a cookie's `Domain=` attribute right before a host: a recorded response (vcrpy's cassettes),
# not an endpoint
_COOKIE_DOMAIN = re.compile(r"(?i)\bdomain=\.?\Z")


class ConfigBaseUrl(ConfigRule):
    """An OpenAI endpoint URL (`https://api.openai.com/v1`) in a config value.

    ## What it does
    Finds string values in .env, YAML, TOML, JSON and INI files that contain an OpenAI API
    host.

    ## Why
    OpenAI's endpoint is blocked from mainland China, and a provider key sent there fails
    anyway. The value must point at the provider's OpenAI-compatible base URL.

    ## Fix
    Safe where the value is OpenAI's plain base URL: `apply` puts the provider's in its place,
    quoting kept. Manual where a path follows the base URL, where the value sets an
    `OPENAI_*` variable, and where a key sits beside it in the same mapping (`api_key:`, or
    the program's own `API_KEY=` in a .env file; a stand-in such as `sk-your-key-here` does
    not count): pointing the URL at the provider would send that key there. The key a
    request carries and the host it goes to change together or not at all.

    ## Example
    ```yaml
    llm:
      base_url: https://api.openai.com/v1   # -> https://api.acme.example/v1
    ```
    """

    code = "ML502"
    name = "config-base-url"
    category = "config"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "ini"})
    examples = (
        Example(
            "llm:\n  base_url: https://api.openai.com/v1\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; use Acme Cloud's base URL "
            "https://api.acme.example/v1 instead",
            after="llm:\n  base_url: https://api.acme.example/v1\n",
        ),
        Example(
            '[llm]\nendpoint = "https://api.openai.com/v1/chat/completions"\n',
            path="settings.toml",
            message="https://api.openai.com/v1/chat/completions is OpenAI's endpoint; point it "
            "at the provider's base URL (pass --provider to name it) and check the path after it",
        ),
        Example("OPENAI_BASE_URL=https://api.openai.com/v1\n", path=".env"),
        Example(
            "llm:\n  base_url: https://api.openai.com/v1\n  api_key: ${OPENAI_API_KEY}\n",
            path="config.yaml",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: the key beside "
            "it (line 3) would go to Acme Cloud with it. Point both at Acme Cloud together: "
            "base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        Example(
            "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6\n",
            path=".env",
            provider="acme",
            message="https://api.openai.com/v1 is OpenAI's endpoint; left alone: the key beside "
            "it (line 2) would go to Acme Cloud with it. Point both at Acme Cloud together: "
            "base URL https://api.acme.example/v1, key from ACME_API_KEY",
        ),
        Example(
            "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-your-api-key-here\n",
            path=".env.example",
            provider="acme",
            after="BASE_URL=https://api.acme.example/v1\nAPI_KEY=sk-your-api-key-here\n",
        ),
        Example(
            "LLM_BASE_URL=https://api.openai.com/v1\nSERPER_API_KEY=3f9a1c0b7e2d4a6f8b1c2d3e\n",
            path=".env",
            provider="acme",
            after="LLM_BASE_URL=https://api.acme.example/v1\nSERPER_API_KEY=3f9a1c0b7e2d4a6f8b1c2d3e\n",
        ),
        Example('{"base_url": "https://api.acme.example/v1"}', path="config.json", finds=False),
        Example('{"docs": "https://platform.openai.com/docs"}', path="config.json", finds=False),
        Example(
            "response:\n  headers:\n    Set-Cookie:\n"
            "    - _cfuvid=x; path=/; Domain=api.openai.com; HttpOnly\n",
            path="tests/cassettes/test_chat.yaml",
            finds=False,
        ),
    )

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.pattern = openai_host_pattern(ctx)

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if is_target(self.ctx):
            return
        plan = dotenv_plan(self.ctx, doc)
        # Kubernetes / ECS `{name: OPENAI_BASE_URL, value: ...}`: the variable each value sets.
        names = {e.path[:-1]: e.value for e in doc.entries if e.key == "name" and e.value}
        for entry in doc.entries:
            if entry.value is None or entry.value_span is None:
                continue
            found = self.pattern.search(entry.value)
            if found is None or _COOKIE_DOMAIN.search(entry.value, 0, found.start()):
                continue  # `Set-Cookie: ...; Domain=api.openai.com` in a recorded response
            variable = names.get(entry.path[:-1]) if entry.key == "value" else entry.key
            if not FORMATS[doc.kind].variables or (
                variable is not None and not is_openai_var(self.ctx, variable)
            ):
                variable = None
            renamed = None
            if entry.key in BASE_VARS and entry.key_span is not None:
                renamed = plan.get(entry.key_span)
            yield self._report(doc, entry, variable, renamed)

    def _report(
        self, doc: ConfigDocument, entry: Entry, variable: str | None, renamed: Edit | None
    ) -> Finding:
        assert entry.value is not None and entry.value_span is not None
        url = shown(entry.value.strip())
        plain = is_openai_base(self.ctx, entry.value)
        provider, base = self.ctx.provider, self.ctx.base_url
        data: dict[str, object] = {"url_from": mask_secrets(entry.value.strip())}
        if variable is not None:
            data["variable"] = variable
        if provider is None or base is None:
            where = "point it at the provider's base URL (pass --provider to name it)"
            if plain:
                return self.finding_at(
                    doc, entry.value_span, f"{url} is OpenAI's endpoint; {where}", data=data
                )
            message = f"{url} is OpenAI's endpoint; {where} and check the path after it"
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        data["url_to"] = base
        use = f"{url} is OpenAI's endpoint; use {provider.name}'s base URL {base} instead"
        if renamed is not None:  # ML501 replaces the whole assignment
            return self.finding_at(doc, entry.value_span, use, edit=renamed, data=data)
        key = key_beside(self.ctx, doc, entry.path[:-1], entry.key)
        if key is not None and key.value_span is not None:
            line = doc.lines.position(key.value_span.start)[0]
            message = (
                f"{url} is OpenAI's endpoint; left alone: the key beside it (line {line}) would "
                f"go to {provider.name} with it. Point both at {provider.name} together: base URL "
                f"{base}, key from {provider.api_key_env}"
            )
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        if variable is not None:
            # Pointing an OpenAI variable at the provider would send the OpenAI key there.
            message = (
                f"{url} is OpenAI's endpoint, set as {variable}, which migrated code no longer "
                f"reads; left alone: set {provider.base_url_env} instead"
            )
            data["variable_to"] = provider.base_url_env
            return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
        if plain:
            base = client_base_url(provider, base)  # Azure OpenAI: the endpoint's v1 API
            if "://" not in entry.value:
                base = base.split("://", 1)[-1]
            if entry.value.endswith("/"):
                base = base.rstrip("/") + "/"
            edit = replace_value(doc, entry.value_span, entry.value, base)
            fix = None if edit is not None else FixClass.MANUAL
            data["url_to"] = base
            return self.finding_at(doc, entry.value_span, use, fix=fix, edit=edit, data=data)
        message = (
            f"{url} is OpenAI's endpoint but not its plain base URL; replace the OpenAI part "
            f"with {provider.name}'s base URL {base} by hand and check the path after it"
        )
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)
