"""Gateways and proxies of other services that a program puts in front of OpenAI's API: the
base URL points at the gateway, and headers of the gateway's own (its key, the service it is to
forward to) go with every request. Pointed at a provider instead, those headers, the gateway's
key among them, would go to the provider; and a provider's base URL set to the gateway's would
take the provider's key to the gateway, which passes requests on to the service its headers
name (OpenAI, for code written for OpenAI).

Sources (checked 2026-12-04):
- Portkey: `https://api.portkey.ai/v1` (the older `.../v1/proxy`), headers `x-portkey-api-key`,
  `x-portkey-provider`, `x-portkey-config`, `x-portkey-virtual-key`, the older `x-portkey-mode`
  ("proxy openai"); docs.portkey.ai, API reference "Headers".
- Helicone: `https://oai.helicone.ai/v1` (OpenAI), the older `oai.hconeai.com`, and dedicated
  hosts under helicone.ai (`together.helicone.ai`, `gateway.helicone.ai`); headers
  `Helicone-Auth` and `Helicone-*`; docs.helicone.ai, "How to integrate" and "OpenAI
  compatible endpoints".
- Cloudflare AI Gateway: `https://gateway.ai.cloudflare.com/v1/<account>/<gateway>/openai`,
  headers `cf-aig-*` (`cf-aig-authorization`); developers.cloudflare.com/ai-gateway.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Gateway:
    """A gateway: its name, the domains it serves from (a host is one of them or under one),
    and the prefix of its own request headers (lower case)."""

    name: str
    domains: tuple[str, ...]
    header_prefix: str


GATEWAYS = (
    Gateway("Portkey", ("portkey.ai",), "x-portkey-"),
    Gateway("Helicone", ("helicone.ai", "hconeai.com"), "helicone-"),
    Gateway("Cloudflare AI Gateway", ("gateway.ai.cloudflare.com",), "cf-aig-"),
)


def gateway_of_host(host: str) -> Gateway | None:
    """The gateway serving from `host`, if any."""
    host = host.lower().rstrip(".")
    for gateway in GATEWAYS:
        if any(host == d or host.endswith("." + d) for d in gateway.domains):
            return gateway
    return None
