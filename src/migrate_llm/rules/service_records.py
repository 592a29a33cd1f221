"""A config file's models under a record naming OpenAI's service, whose URL the code leaves (ML503).

ragflow-like: a models file lists each service's models (`{"name": "OpenAI", "llm":
[{"llm_name": "gpt-4o"}]}`), and a module of the project gives each service its URL from a
table keyed by service (`DEFAULT_URL = {"OpenAI": "https://api.openai.com/v1", ...}`), an
entry ML402 leaves as it is. Mapped alone, the provider's model went to OpenAI's URL with
the OpenAI key (t68e). A service's URL and its models move together or neither does: such a
model is left to a person, with the table that holds the URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from migrate_llm.frameworks.services import OPENAI_SERVICES
from migrate_llm.rules.base import RuleContext
from migrate_llm.service_names import ServiceName

# the keys of a record that name the service its entries are for
_SERVICE_KEYS = ("name", "factory", "provider", "service")


def left_service(
    ctx: RuleContext, rooted: tuple[str, ...], records: dict[tuple[str, ...], dict[str, str]]
) -> tuple[str, ServiceName] | None:
    """The OpenAI service (as the file writes it) that a record holding the entry at `rooted`
    names (`name: OpenAI`, the nearest such record), where a module of the project gives
    that service OpenAI's URL in a table keyed by service (`RunFacts.service_names`, its
    `hints`); with that module's name. None otherwise, and where the run does not switch."""
    if not ctx.switching:
        return None
    host = urlsplit(ctx.openai.base_url).hostname
    for end in range(len(rooted) - 1, 0, -1):
        record = records.get(rooted[:end], {})
        named = next((record[k] for k in _SERVICE_KEYS if k in record), None)
        if named is None:
            continue
        if named.lower() not in OPENAI_SERVICES:
            return None
        for service in sorted(ctx.facts.service_names):
            if service.name.lower() == named.lower() and any(
                "://" in hint and urlsplit(hint).hostname == host for hint in service.hints
            ):
                return named, service
        return None
    return None
