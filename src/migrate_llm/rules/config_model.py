"""ML503: OpenAI model names in config files."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.frameworks.langchain import without_provider
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.azure_target import deployment_advice
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.config_common import (
    MODEL_KEY,
    held_blocks,
    migrating,
    openai_host_pattern,
    replace_value,
)


class ConfigModel(ConfigRule):
    """An OpenAI model name (`gpt-4o`, `text-embedding-3-small`) as a config value.

    ## What it does
    Finds string values in .env, YAML, TOML, JSON and INI files that are exactly an OpenAI
    model name, or one written after its provider (`openai:gpt-4o`, as LangChain's
    `init_chat_model` and the applications built on it take models). Names without a hyphen,
    which are also plain words or titles (`ada`, `davinci`, `o3`), count only under a key
    that mentions a model, engine or deployment.

    ## Why
    Providers reject OpenAI's model names. The provider file maps each to the provider's
    closest model; a name it does not map needs a person to choose.

    ## Fix (review)
    `apply` writes the mapped name (`--model` overrides first) in place, quoting and an
    `openai:` in front kept.

    ## Example
    ```yaml
    model: gpt-4o-mini   # -> acme-small on Acme Cloud
    ```
    """

    code = "ML503"
    name = "config-model"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "ini"})
    examples = (
        Example(
            "llm:\n  model: gpt-4o-mini\n",
            path="config.yaml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud",
            after="llm:\n  model: acme-small\n",
        ),
        Example(
            '[llm]\nmodel = "o3-mini"\n',
            path="settings.toml",
            provider="acme",
            message="o3-mini is an OpenAI model with no Acme Cloud mapping; choose one of "
            "acme-large, acme-medium, acme-small (or pass --model o3-mini=NAME)",
        ),
        Example(
            '{"models": ["gpt-4o", "text-embedding-3-small"]}',
            path="config.json",
            message="gpt-4o is an OpenAI model; pass --provider to see what replaces it",
        ),
        Example(
            "[OpenAI]\nCHATGPT_MODEL = gpt-3.5-turbo\n",
            path="apikey.ini",
            provider="acme",
            message="gpt-3.5-turbo is an OpenAI model; it maps to acme-small on Acme Cloud",
            after="[OpenAI]\nCHATGPT_MODEL = acme-small\n",
        ),
        Example("MODEL=acme-large\n", path=".env", provider="acme", finds=False),
        Example("author: ada\n", path="config.yaml", finds=False),
        Example('[{"number": 1098, "title": "o3"}]', path="issues.json", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        held = held_blocks(self.ctx, doc) if migrating(self.ctx) else set()
        for entry in doc.entries:
            model, span = entry.value, entry.value_span
            prefix, model = without_provider(model) if model is not None else ("", None)
            if model is None or span is None or not self.ctx.openai.serves(model):
                continue
            if "-" not in model and not MODEL_KEY.search(entry.key or ""):
                continue  # `ada`, `o3`: a model only where the key says so
            if provider is None:
                yield self.finding_at(
                    doc,
                    span,
                    f"{model} is an OpenAI model; pass --provider to see what replaces it",
                    data={"model_from": model},
                )
                continue
            mapped = self.ctx.map_model(model)
            if mapped == model or provider.serves(model):
                continue
            if mapped is not None and entry.path[:-1] in held:
                block = entry.path[:-1]
                url = openai_host_pattern(self.ctx)
                has_url = any(
                    e.path[:-1] == block and e.value is not None and url.search(e.value)
                    for e in doc.entries
                )
                why = (
                    "the OpenAI base URL beside it stays (see ML502)"
                    if has_url
                    else "this entry has no base_url, so it goes to OpenAI (see ML662)"
                )
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"{why}: change it with the base URL and the key, by hand"
                )
                data = {"model_from": model}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif mapped is not None:
                message = (
                    f"{prefix}{model} is an OpenAI model; it maps to {prefix}{mapped} on "
                    f"{provider.name}"
                )
                edit = (
                    replace_value(doc, span, prefix + model, prefix + mapped)
                    if migrating(self.ctx)
                    else None
                )
                if edit is None:
                    message += "; change it by hand"
                fix = None if edit is not None else FixClass.MANUAL
                data = {"model_from": model, "model_to": mapped}
                yield self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)
            else:
                yield self.finding_at(
                    doc,
                    span,
                    _unmapped(model, provider),
                    fix=FixClass.MANUAL,
                    data={"model_from": model},
                )


def _unmapped(model: str, provider: Provider) -> str:
    choices = ", ".join(provider.candidates(sdk.surface_of_model(model)))
    pick = f"choose one of {choices}" if choices else f"choose a model from {provider.docs}"
    if provider.azure is not None:  # Azure OpenAI: model names are the user's deployments
        return (
            f"{model} is an OpenAI model with no {provider.name} mapping; "
            f"{deployment_advice(model)}"
        )
    return (
        f"{model} is an OpenAI model with no {provider.name} mapping; {pick} "
        f"(or pass --model {model}=NAME)"
    )
