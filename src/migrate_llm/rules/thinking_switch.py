"""Which mapped models need the provider's switch that turns thinking off (ML118, and the
framework classes that send an `extra_body`)."""

from __future__ import annotations

import fnmatch
from typing import Any

from migrate_llm.rules.base import RuleContext


def thinking_switch(rules: RuleContext, source: str, target: str) -> dict[str, Any] | None:
    """The `extra_body` entries that turn thinking off (`[params] thinking_off_extra_body`)
    where `target`, the provider model apply maps the OpenAI model `source` to, thinks unless
    told not to (`[params] thinking_models`) and `source` does not (none of the
    `thinking_models` of OpenAI's file takes it: gpt-4o, not o3); None otherwise."""
    provider = rules.provider
    if provider is None:
        return None
    needed = provider.params.get("thinking_off_extra_body")
    globs = provider.params.get("thinking_models") or ()
    if not needed or not any(fnmatch.fnmatchcase(target, g) for g in globs):
        return None
    openai = rules.openai.params.get("thinking_models") or ()
    if any(fnmatch.fnmatchcase(source, g) for g in openai):
        return None
    return dict(needed)
