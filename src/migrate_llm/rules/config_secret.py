"""ML505: API keys written into config files."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument
from migrate_llm.model import Finding, FixClass, Severity, Span
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.secrets import find_secrets, is_placeholder, mask


class ConfigSecret(ConfigRule):
    """An API key written into a YAML, TOML, JSON or INI config file.

    ## What it does
    Finds `sk-...`-shaped secret keys in string values. `.env` files are left alone: they are
    the designated place for keys and are normally kept out of version control. A key that
    is unmistakably a placeholder (`sk-xxxxxxxx...`, as ML004 tells them) is a note.

    ## Why
    A key in a committed config file is a leaked key. Migrating is a good moment to move it
    into an environment variable and rotate it; migrate-llm never copies it anywhere.

    ## Example
    ```yaml
    openai:
      api_key: sk-proj-...   # -> read it from an environment variable; rotate the key
    ```
    """

    code = "ML505"
    name = "config-secret"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"yaml", "toml", "json", "ini"})
    examples = (
        Example(
            "openai:\n  api_key: sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZabcd\n",
            path="config.yaml",
            message="hard-coded API key sk-pr…cd in a config file; move it to an environment "
            "variable and rotate it",
        ),
        Example('{"auth": {"token": "Bearer sk-1234567890abcdefghijKL"}}', path="config.json"),
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
            "llm:\n  api_key: ${ACME_API_KEY}\n", path="config.yaml", provider="acme", finds=False
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
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
                message = (
                    f"placeholder API key {mask(key)} in a config file; the real key belongs in "
                    "an environment variable"
                    if placeholder
                    else f"hard-coded API key {mask(key)} in a config file; "
                    "move it to an environment variable and rotate it"
                )
                data: dict[str, object] = {"secret": mask(key)}
                if placeholder:
                    data["placeholder"] = True
                if entry.key is not None:
                    data["setting"] = entry.key
                severity = Severity.NOTE if placeholder else None
                yield self.finding_at(doc, span, message, severity=severity, data=data)
