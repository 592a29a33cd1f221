"""Which mapped models need the provider's switch that turns thinking off (ML118, and the
framework classes that send an `extra_body`)."""

from __future__ import annotations

import fnmatch
from typing import Any

from migrate_llm.registry import Provider
from migrate_llm.rules.base import RuleContext


def thinks(provider: Provider, model: str) -> bool:
    """Whether `model` thinks unless told not to: one of the `[params] thinking_models` globs
    of `provider`'s file takes it (in OpenAI's file, its reasoning models)."""
    return listed(provider, "thinking_models", model)


def listed(provider: Provider, key: str, model: str) -> bool:
    """Whether one of the model globs of `provider`'s `[params] key` takes `model`."""
    return any(fnmatch.fnmatchcase(model, g) for g in provider.params.get(key) or ())


def thinking_switch(rules: RuleContext, source: str, target: str) -> dict[str, Any] | None:
    """The `extra_body` entries that turn thinking off (`[params] thinking_off_extra_body`)
    where `target`, the provider model apply maps the OpenAI model `source` to, thinks unless
    told not to and `source` does not (gpt-4o, not o3); None otherwise."""
    provider = rules.provider
    if provider is None:
        return None
    needed = provider.params.get("thinking_off_extra_body")
    if not needed or not thinks(provider, target) or thinks(rules.openai, source):
        return None
    return dict(needed)
