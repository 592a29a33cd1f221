"""Gateways and proxies of other services that a program puts in front of OpenAI's API: the
base URL points at the gateway, and headers of the gateway's own (its key, the service it is to
forward to) go with every request. Pointed at a provider instead, those headers, the gateway's
key among them, would go to the provider; and a provider's base URL set to the gateway's would
take the provider's key to the gateway, which passes requests on to the service its headers
name (OpenAI, for code written for OpenAI).

Sources (checked 2026-12-04; the headers carrying a key, `Gateway.key_headers`, 2026-12-05 at
each gateway's `source`):
- Portkey: `https://api.portkey.ai/v1` (the older `.../v1/proxy`), headers `x-portkey-api-key`
  (Portkey's own key), `x-portkey-virtual-key` (a key of Portkey's vault standing for a
  provider's), `x-portkey-provider`, `x-portkey-config`, the older `x-portkey-mode` ("proxy
  openai"); docs.portkey.ai, API reference "Headers".
- Helicone: `https://oai.helicone.ai/v1` (OpenAI), the older `oai.hconeai.com`, and dedicated
  hosts under helicone.ai (`together.helicone.ai`, `gateway.helicone.ai`); headers
  `Helicone-Auth` (`Bearer <Helicone key>`) and `Helicone-*`; docs.helicone.ai, "How to
  integrate", "OpenAI compatible endpoints" and "Helicone Auth".
- Cloudflare AI Gateway: `https://gateway.ai.cloudflare.com/v1/<account>/<gateway>/openai`,
  headers `cf-aig-*` (`cf-aig-authorization`: the token of an authenticated gateway);
  developers.cloudflare.com/ai-gateway, "Authenticated Gateway".
- A config naming a gateway's own client beside a model: mini-swe-agent's `model_class:
  portkey` (its `PortkeyModel`, with `provider: "@openai"`, a slug of Portkey's model
  catalogue), `portkey_response`; github.com/SWE-agent/mini-swe-agent, `models/__init__.py`.
- A gateway's own SDK client (`GATEWAY_CLIENTS`): portkey-ai on PyPI (2.3.4, read
  2026-12-07): `from portkey_ai import Portkey, AsyncPortkey`, whose requests are OpenAI's
  (`client.chat.completions.create`) sent to Portkey, which passes them on to the service its
  `provider=` names (`"openai"`, or `"@openai..."`, the slug of an entry of Portkey's model
  catalogue), or that its `virtual_key=` or `config=` stand for; docs.portkey.ai, "Python SDK".
  A `config=` is a config's ID (`"pc-..."`, opaque here) or a mapping with `provider` or
  `virtual_key`, or a list of `targets` each with them (a fallback or load balance): any
  target naming OpenAI may get a request (https://portkey.ai/docs/api-reference/inference-api/
  headers, `x-portkey-config`). A request's `model="@openai-prod/gpt-4o"` (the slug of an entry
  of the model catalogue, a slash, the model) picks the entry, whatever the client names
  (https://portkey.ai/docs/product/ai-gateway/virtual-keys, "Model Catalog"; Quick Start,
  https://portkey.ai/docs/guides/getting-started/getting-started-with-ai-gateway; read
  2026-12-07). `base_url=` and `custom_host=` point the client elsewhere than Portkey's host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Gateway:
    """A gateway: its name, the domains it serves from (a host is one of them or under one),
    the prefix of its own request headers (lower case), the word a config names its own
    client by (`model_class: portkey`; "" for none), the headers of its own that carry a key
    (lower case), and the page documenting them."""

    name: str
    domains: tuple[str, ...]
    header_prefix: str
    client_word: str = ""
    key_headers: tuple[str, ...] = ()
    source: str = ""


GATEWAYS = (
    Gateway(
        "Portkey",
        ("portkey.ai",),
        "x-portkey-",
        "portkey",
        ("x-portkey-api-key", "x-portkey-virtual-key"),
        "https://portkey.ai/docs/api-reference/inference-api/headers",
    ),
    Gateway(
        "Helicone",
        ("helicone.ai", "hconeai.com"),
        "helicone-",
        "helicone",
        ("helicone-auth",),
        "https://docs.helicone.ai/helicone-headers/helicone-auth",
    ),
    Gateway(
        "Cloudflare AI Gateway",
        ("gateway.ai.cloudflare.com",),
        "cf-aig-",
        "",
        ("cf-aig-authorization",),
        "https://developers.cloudflare.com/ai-gateway/configuration/authentication/",
    ),
)

# Keys of a config mapping (lowercased, no `_` or `-`) that pick the client its model goes
# through, besides the provider keys of `openai_sdk.CONFIG_PROVIDER_KEYS`: mini-swe-agent's
# `model_class`.
CLIENT_KEYS = frozenset({"modelclass", "class", "clientclass", "client", "gateway"})


def gateway_of_host(host: str) -> Gateway | None:
    """The gateway serving from `host`, if any."""
    host = host.lower().rstrip(".")
    for gateway in GATEWAYS:
        if any(host == d or host.endswith("." + d) for d in gateway.domains):
            return gateway
    return None


def gateway_of_header(name: str) -> Gateway | None:
    """The gateway whose own request header `name` is (`x-portkey-api-key`, `Helicone-Auth`,
    any case), if any."""
    name = name.strip().lower()
    return next((g for g in GATEWAYS if name.startswith(g.header_prefix)), None)


def gateway_of_client(value: str) -> Gateway | None:
    """The gateway whose own client a config value names (`portkey`, `portkey_response`,
    `minisweagent.models.portkey_model.PortkeyModel`), if any."""
    value = value.lower()
    for gateway in GATEWAYS:
        word = gateway.client_word
        if word and re.search(rf"(?<![a-z0-9]){word}", value):
            return gateway
    return None


@dataclass(frozen=True)
class GatewayClient:
    """A gateway's own SDK client class: the gateway's name, the keywords of its construction
    naming the service it passes requests on to, and the values of them naming OpenAI (lower
    case, `@` dropped; a value starting with one of them names OpenAI: `@openai-prod`); the
    keyword of its config, the keys of a config mapping naming the service and the key of its
    list of targets (each a mapping with those keys); the keywords of its own base URL; and
    the mark opening a request's model that names a catalogue entry (`@openai-prod/gpt-4o`)."""

    gateway: str
    service_keywords: tuple[str, ...]
    openai_values: tuple[str, ...]
    config_keyword: str = ""
    config_keys: tuple[str, ...] = ()
    targets_key: str = ""
    url_keywords: tuple[str, ...] = ()
    entry_mark: str = ""


_PORTKEY_CLIENT = GatewayClient(
    "Portkey",
    ("provider", "virtual_key"),
    ("openai",),
    config_keyword="config",
    config_keys=("provider", "virtual_key"),
    targets_key="targets",
    url_keywords=("base_url", "custom_host"),
    entry_mark="@",
)
# Qualified names as `QualifiedNameProvider` gives them.
GATEWAY_CLIENTS: dict[str, GatewayClient] = {
    "portkey_ai.Portkey": _PORTKEY_CLIENT,
    "portkey_ai.AsyncPortkey": _PORTKEY_CLIENT,
    "portkey_ai.api_resources.client.Portkey": _PORTKEY_CLIENT,
    "portkey_ai.api_resources.client.AsyncPortkey": _PORTKEY_CLIENT,
}
# The top-level modules of `GATEWAY_CLIENTS`: a module's text spells one where one of its
# names can be such a client's (an import, or a dotted name written out).
GATEWAY_MODULES = tuple(sorted({name.partition(".")[0] for name in GATEWAY_CLIENTS}))


def client_triggers() -> dict[str, tuple[tuple[str, ...], ...]]:
    """For each module of `GATEWAY_CLIENTS`, the names a module importing it writes where it
    builds one of those clients (`Portkey`): the prefilter's framework triggers, so that a
    module whose only mark of OpenAI is a client's `provider="openai"` is parsed (ML009)."""
    found: dict[str, set[str]] = {}
    for name in GATEWAY_CLIENTS:
        module, _, cls = name.rpartition(".")
        found.setdefault(module.partition(".")[0], set()).add(cls)
    return {module: tuple((cls,) for cls in sorted(names)) for module, names in found.items()}


def names_openai(client: GatewayClient, value: str) -> bool:
    """Whether `value`, given to one of `client`'s service keywords, names OpenAI."""
    value = value.strip().lower().lstrip("@")
    return value.startswith(client.openai_values)


def names_service(client: GatewayClient, value: str, names: tuple[str, ...]) -> bool:
    """Whether `value`, given to one of `client`'s service keywords, names a service one of
    `names` stands for (lower case: `deepseek` for `"@deepseek-prod"`)."""
    value = value.strip().lower().lstrip("@")
    return any(value == n or value.startswith((n + "-", n + "_")) for n in names if n)


def catalogue_entry(client: GatewayClient, model: str) -> tuple[str, str] | None:
    """(The entry's slug, the model) a request's model names in `client`'s model catalogue
    (`"@openai-prod/gpt-4o"`: `("openai-prod", "gpt-4o")`); None for a plain model."""
    mark = client.entry_mark
    if not mark or not model.startswith(mark) or "/" not in model:
        return None
    slug, _, name = model[len(mark) :].partition("/")
    return (slug, name) if slug and name else None
