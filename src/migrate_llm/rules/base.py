"""What every rule is: a code, a category, docs, examples, and a way to report findings.

Rules only report. A finding may carry an `Edit`; the engine applies all edits in one pass.
Python rules are libcst visitors run together in one batched traversal; config rules read the
entries that `migrate_llm.formats` extracts from .env, YAML, TOML, JSON and requirements files.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.frameworks.litellm import route as litellm_route
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.registry import Provider, Registry, Retirement, undated_model
from migrate_llm.run_facts import RunFacts
from migrate_llm.secrets import mask_secrets

# How much of a value a message shows (longer ones are cut, with `…`).
SHOWN_WIDTH = 60


@dataclass(frozen=True)
class Example:
    """A documented case that also runs as a test.

    `finds`: whether the rule reports on `before` (False: the rule stays silent).
    `message`: when given, the exact message of the rule's first finding.
    `provider`: the provider the example is scanned for (None: plain `scan`).
    `path`: the file name the text is scanned as (picks the reader for config rules).
    `after`: when given, the text once `apply` has made this rule's edits (a second run must
    then find nothing to edit).
    """

    before: str
    finds: bool = True
    message: str | None = None
    provider: str | None = None
    path: str = "app.py"
    after: str | None = None


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know about the run: the target provider, region and model overrides."""

    registry: Registry
    provider: Provider | None = None
    region: str | None = None
    models: dict[str, str] = field(default_factory=dict)
    # an Azure OpenAI target's client (see `Provider.azure_client`): None for its defaults
    azure_api: str | None = None
    azure_auth: str | None = None
    # what the run's files tell of it (found while they are screened)
    facts: RunFacts = field(default_factory=RunFacts)

    def __post_init__(self) -> None:
        # The provider as seen from the chosen region (its `[region_env]` key variable), so
        # every rule reading `provider.api_key_env` follows `--region`.
        if self.provider is not None and self.region is not None:
            object.__setattr__(self, "provider", self.provider.in_region(self.region))
        # Where the project already reads another of the provider's base-URL variables
        # (DEEPSEEK_API_BASE), the clients apply writes read that one too.
        if self.provider is not None and self.switching:
            read = self.facts.base_url_names_read
            object.__setattr__(self, "provider", self.provider.reading_base_url(read))

    @functools.cached_property
    def openai(self) -> Provider:
        """The registry's OpenAI (looked up once: rules ask for every node)."""
        return self.registry.openai

    @functools.cached_property
    def switching(self) -> bool:
        """Whether the run moves code to another provider (not `--provider openai`)."""
        return self.provider is not None and self.provider.id != self.openai.id

    @property
    def base_url(self) -> str | None:
        """The target's base URL in the chosen region (None without a provider)."""
        if self.provider is None:
            return None
        return self.provider.base_url_for(self.region)

    def map_model(self, model: str, images: bool = False) -> str | None:
        """The replacement for an OpenAI model: `--model`/config overrides, then the table.
        For a request that sends images (`images`), a chat model the table maps becomes the
        provider's model for images (None when it has none): the table's choice may take
        text only."""
        if model in self.models:
            return self.models[model]
        if self.provider is None:
            return None
        if not self.provider.passthrough_models and self.openai.label_words(model):
            return None  # `gpt-4-with-ocr`: a program's label, though `gpt-4-*` would take it
        new = self.provider.map_model(model)
        if images and new is not None and self.images_change(model):
            return self.provider.image_model()
        return new

    def unserved_audio(self, model: str) -> str | None:
        """What an OpenAI audio model is (`sdk.AUDIO_KINDS`: "text-to-speech" for tts-1) where
        the target takes no request for it: `model` has no mapping (`map_model`, `--model`
        included) and the provider file names no model of its kind (zhipu: no `speech`), so
        its request stays on OpenAI (ML201/ML202 say so; ML001 leaves a client making only
        such requests). None otherwise, and where not switching or the target is Azure
        OpenAI (model= names a deployment there)."""
        provider = self.provider
        kind = sdk.audio_kind(model)
        if (
            kind is None
            or provider is None
            or not self.switching
            or provider.azure is not None
            or provider.tiers.get(kind) is not None
            or provider.serves(model)
            or self.map_model(model) is not None
        ):
            return None
        return sdk.AUDIO_KINDS[kind]

    def retired(self, value: str, bare: bool = True) -> tuple[str, Retirement] | None:
        """A model the target has retired that `value` names, written bare (`deepseek-chat`,
        where `bare`) or on litellm's route for the target (`deepseek/deepseek-chat`): the
        prefix written before it ("" or "deepseek/") and what replaces it; else None."""
        provider = self.provider
        if provider is None or not provider.retired:
            return None
        value = value.strip()
        if bare and (found := provider.retirement(value)) is not None:
            return "", found
        head, model = litellm_route(value)
        if head and head == provider.frameworks.get("litellm_prefix"):
            found = provider.retirement(model)
            if found is not None:
                return f"{head}/", found
        return None

    def retired_message(self, subject: str, prefix: str, retirement: Retirement) -> str:
        """`<subject>: DeepSeek retired it on 2026-07-24, so requests for it fail; use ...
        instead, by hand`."""
        assert self.provider is not None
        on = f" on {retirement.on.isoformat()}" if retirement.on else ""
        return (
            f"{subject}: {self.provider.name} retired it{on}, so requests for it fail; "
            f"{retirement.advice(prefix)}, by hand"
        )

    def retired_data(self, value: str, prefix: str, retirement: Retirement) -> dict[str, str]:
        """A retired model's finding data: `model_from`, `replacement`, `retired_on`."""
        data = {"model_from": value, "replacement": prefix + retirement.use}
        if retirement.on is not None:
            data["retired_on"] = retirement.on.isoformat()
        return data

    def images_change(self, model: str) -> bool:
        """Whether a request that sends images maps `model` differently (to the provider's
        model for images): a chat model of the table, when switching to a provider that
        names its own models (not Azure's deployments, not a gateway that keeps names). An
        OpenAI model for images (`gpt-4-vision-preview`) keeps what the table says where the
        table names it (a model for images), not where a glob of text models takes its name
        (`gpt-4-vision` through `gpt-4-*`)."""
        provider = self.provider
        return (
            provider is not None
            and self.switching
            and provider.azure is None
            and not provider.passthrough_models
            and model not in self.models
            and sdk.surface_of_model(model) == "chat"
            and not (
                any(word in model for word in sdk.IMAGE_SETTING_WORDS)
                and _named_in_table(provider, model)
            )
        )

    def owner_of_host(self, host: str) -> Provider | None:
        """The provider whose endpoint lives on `host` (OpenAI included), if any."""
        host = host.lower()
        for provider in self.registry.providers.values():
            if any(host == h or host.endswith("." + h) for h in provider.hosts):
                return provider
        return None

    def owner_of_base_url_variable(self, name: str) -> Provider | None:
        """The provider (not OpenAI) whose base-URL variable `name` is (`base_url_env`, a
        region's), if any."""
        for provider in self.registry.providers.values():
            if provider.id != "openai" and name == provider.base_url_env:
                return provider
        return None

    def other_providers_key(self, name: str) -> Provider | None:
        """The provider, neither OpenAI (nor Azure OpenAI) nor the target, whose key
        variable `name` is (`api_key_env`, or a variable of its `[detect] env_vars` named
        for a key: Zhipu's ZHIPUAI_API_KEY), if any: that key is no target's."""
        target = self.provider
        if target is not None and name in target.variables:
            return None
        for provider in self.registry.providers.values():
            if provider.id in {"openai", "azure"} or provider is target:
                continue
            if name == provider.api_key_env or (
                name in provider.env_vars and name.endswith("_KEY")
            ):
                return provider
        return None


def _named_in_table(provider: Provider, model: str) -> bool:
    """Whether the provider's table has an entry for `model` or its undated id, not only a
    glob that takes it."""
    undated = undated_model(model)
    return model in provider.models or (undated is not None and undated in provider.models)


class Rule:
    """Base of all rules. Subclasses set the class attributes and write a docstring.

    The docstring's first line is the summary shown by `migrate-llm rules`; the rest is the
    documentation shown by `migrate-llm rules CODE`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixClass] = FixClass.MANUAL
    examples: ClassVar[tuple[Example, ...]] = ()

    @classmethod
    def summary(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").splitlines()[0]

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def make_finding(
        cls,
        message: str,
        start: tuple[int, int],
        end: tuple[int, int],
        *,
        severity: Severity | None = None,
        fix: FixClass | None = None,
        edit: Edit | None = None,
        data: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding of this rule between 1-based (line, column) positions."""
        return Finding(
            rule=cls.code,
            category=cls.category,
            severity=severity or cls.severity,
            fix=fix or cls.fix,
            message=message,
            line=start[0],
            column=start[1],
            end_line=end[0],
            end_column=end[1],
            edit=edit,
            data=dict(data or {}),
        )


class ConfigRule(Rule):
    """A rule over config files. `kinds` limits the file kinds it looks at."""

    kinds: ClassVar[frozenset[str]] = frozenset({"dotenv", "yaml", "toml", "json"})
    # Whether its findings are about what the program reads from the file (models, endpoints,
    # variables), which a program's recorded output is not; a key is a leak wherever it is.
    reads_settings: ClassVar[bool] = True

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        raise NotImplementedError

    def run(self, doc: ConfigDocument) -> list[Finding]:
        """The findings of `check`; in a program's recorded output (`doc.recorded`: run
        results, logs), what they say of settings is one note, without an edit: the program
        does not read the file to choose its endpoint or model, and rewriting it would
        falsify what was recorded."""
        found = list(self.check(doc))
        if doc.recorded is None or not found or not self.reads_settings:
            return found
        first = found[0]
        start = doc.lines.offset(first.line, first.column)
        end = doc.lines.offset(first.end_line, first.end_column)
        value = " ".join(mask_secrets(doc.text[start:end].strip("'\"")).split())
        shown = value if len(value) <= SHOWN_WIDTH else value[: SHOWN_WIDTH - 1] + "…"
        more = f" and {len(found) - 1} more are" if len(found) > 1 else " is"
        return [
            self.finding_at(
                doc,
                Span(start, end),
                f"{shown}{more} in recorded output ({doc.recorded}), not configuration the "
                "program reads: apply leaves it",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"value": shown, "recorded_output": doc.recorded, "mentions": len(found)},
            )
        ]

    def finding_at(
        self,
        doc: ConfigDocument,
        span: Span,
        message: str,
        *,
        severity: Severity | None = None,
        fix: FixClass | None = None,
        edit: Edit | None = None,
        data: Mapping[str, object] | None = None,
    ) -> Finding:
        """A finding covering `span` of the document's text."""
        return self.make_finding(
            message,
            doc.lines.position(span.start),
            doc.lines.position(span.end),
            severity=severity,
            fix=fix,
            edit=edit,
            data=data,
        )
