"""What `verify` reads from the environment: the provider's key and its base URL."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from migrate_llm.errors import MigrateError
from migrate_llm.registry import Provider


@dataclass(frozen=True)
class Endpoint:
    """Where `verify` sends its requests, and the key they carry."""

    base_url: str
    api_key: str


def endpoint_from_env(
    target: Provider, region: str | None, environ: Mapping[str, str] = os.environ
) -> Endpoint:
    """The base URL from the provider's `base_url_env` (else the catalogue's URL for `region`)
    and the key from the region's key variable (`key_env_for`). An unknown region or a missing
    key raises."""
    catalogue_url = target.base_url_for(region)  # an unknown region fails here
    base_url = environ.get(target.base_url_env, "").strip() or catalogue_url
    key_env = target.key_env_for(region)
    api_key = environ.get(key_env, "").strip()
    if not api_key:
        raise MigrateError(f"{key_env} is not set: export {key_env}=<your {target.name} key>")
    return Endpoint(base_url, api_key)
