"""The mappings of a config file that are another service's (ML502, ML503).

A multi-service program's config names a mapping per service it talks to with OpenAI's
SDK: DB-GPT's `[[models.llms]]` entry with `api_key = "${env:AIMLAPI_API_KEY}"`, or an
`api_url` on `api.aimlapi.com`. Such a mapping's requests go to that service with its own
key, whatever apply does: its model is that service's name for it (an aggregator serves
OpenAI's models under their names), so it is not mapped, as ML204 leaves the model of a
client in code pointed at another service (t64b: apply had written `glm-5.3` there).

What counts, in the mapping's key or base-URL entry (`api_key`, `api_base`, `api_url`...),
as `service_keys` reads code: a placeholder read of a variable (`${VAR}`,
`${env:VAR:-default}`) whose name starts with a service other than OpenAI's and the
target's and ends in words of a key or a base URL (`AIMLAPI_API_KEY`), or a URL (written,
or the default of such a read) whose host is another provider's or has a label naming such
a service (`api.aimlapi.com`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import KEY_KEY, config_key, host_owner
from migrate_llm.rules.config_placeholders import placeholder
from migrate_llm.rules.service_branches import other_service_named, run_services
from migrate_llm.rules.service_keys import KEY_WORDS, URL_WORDS, service_named

Record = tuple[str, ...]


def variable_service(ctx: RuleContext, variable: str, names: frozenset[str]) -> str | None:
    """The service other than OpenAI's and the target's that `variable` is named for
    (`AIMLAPI_API_KEY`: `aimlapi`), among `names` (`run_services`); else None."""
    return service_named(
        variable, (*KEY_WORDS, *URL_WORDS), lambda s: other_service_named(ctx, s, names)
    )


def url_service(ctx: RuleContext, url: str, names: frozenset[str]) -> str | None:
    """The service other than OpenAI's and the target's whose host `url` is on: another
    provider's (by its file's hosts), or a host with a label naming one; else None."""
    url = url.strip()
    if "://" not in url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    owner = host_owner(ctx, url)
    target = ctx.provider
    if owner is not None:
        if target is None or owner.id in (target.id, ctx.openai.id) or owner.azure is not None:
            return None
        return owner.id
    labels = host.split(".")
    return next((label for label in labels if other_service_named(ctx, label, names)), None)


def service_blocks(ctx: RuleContext, doc: ConfigDocument) -> dict[Record, str]:
    """The mappings of `doc` that are another service's, each with what says so (the value
    naming it, as written)."""
    if ctx.provider is None or doc.kind not in ("yaml", "toml", "json"):
        return {}
    if "://" not in doc.text and "$" not in doc.text:
        return {}
    names = run_services(ctx)
    found: dict[Record, str] = {}
    for entry in doc.entries:
        if entry.value is None or entry.key is None or entry.rooted[:-1] in found:
            continue
        if config_key(entry.key) not in sdk.CONFIG_BASE_URL_KEYS and not KEY_KEY.search(entry.key):
            continue  # only where the mapping's requests go, and the key they carry
        value = entry.value.strip()
        read = placeholder(value)
        service = None
        if read is not None:
            service = variable_service(ctx, read[0], names)
            value = (read[1] or "").strip()
        if service is None and value:
            service = url_service(ctx, value, names)
        if service is not None:
            found[entry.rooted[:-1]] = entry.value.strip()
    return found
