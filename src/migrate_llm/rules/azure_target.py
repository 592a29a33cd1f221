"""How a client construction is rewritten for the target provider: the arguments it gets, the
ones it loses and the class it becomes.

Every provider gets `api_key=` and `base_url=` read from its variables. An Azure OpenAI target
(`[azure]` in its provider file) is data too: on the v1 API the client stays a plain `OpenAI`
whose base URL is derived from the resource endpoint; on the classic API it becomes
`AzureOpenAI(azure_endpoint=..., api_version=...)`; with Entra ID (`+entra`) an azure-identity
token provider replaces the key. The style comes from the region (see
`Provider.azure_client`), so no rule holds Azure knowledge of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate_llm.registry import AzureClient, Provider
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    base_url_expr,
    endpoint_expr,
    key_expr,
    literal,
)

# azure-identity: the credential and the token provider keyless clients use.
_SYNC_IDENTITY = (
    "from azure.identity import DefaultAzureCredential",
    "from azure.identity import get_bearer_token_provider",
)
_ASYNC_IDENTITY = ("import azure.identity.aio",)


@dataclass(frozen=True)
class ClientPlan:
    """What a client construction becomes: `args` set (name -> code), `drop` removed, `cls`
    the class it becomes ("OpenAI", "AzureOpenAI"; async variants; None: the plain class),
    `imports` the code needs."""

    args: dict[str, str]
    drop: frozenset[str]
    cls: str | None
    imports: tuple[str, ...]


def client_base_url(provider: Provider, url: str) -> str:
    """The base URL a client uses, written as a literal (a config file's `base_url:`): `url`,
    or for Azure OpenAI (whose `url` is the resource endpoint) the endpoint's v1 API."""
    if provider.azure is None:
        return url
    return url.rstrip("/") + provider.azure.v1_path


def deployment_advice(model: str) -> str:
    """What to configure for an OpenAI model on Azure OpenAI, whose `model=` names a
    deployment the user created (there is no model table to choose from)."""
    return (
        f"name the deployment that serves it: pass --model {model}=DEPLOYMENT or set it in "
        "[tool.migrate-llm] models"
    )


def azure_target(ctx: RuleContext) -> AzureClient | None:
    """The Azure client settings of the run, when the target is Azure OpenAI."""
    provider = ctx.provider
    if provider is None or provider.azure is None or not ctx.switching:
        return None
    return provider.azure_client(ctx.region, ctx.azure_api, ctx.azure_auth)


def token_provider_expr(azure: AzureClient, is_async: bool) -> tuple[str, tuple[str, ...]]:
    """Code for an Entra ID bearer-token provider (azure-identity), and its imports."""
    scope = literal(azure.token_scope)
    if is_async:
        module = "azure.identity.aio"
        code = f"{module}.get_bearer_token_provider({module}.DefaultAzureCredential(), {scope})"
        return code, _ASYNC_IDENTITY
    return f"get_bearer_token_provider(DefaultAzureCredential(), {scope})", _SYNC_IDENTITY


def api_version_expr(azure: AzureClient) -> str:
    """Code that reads the classic client's api-version, with the GA version as default."""
    return f"os.environ.get({literal(azure.api_version_env)}, {literal(azure.api_version)})"


def client_plan(ctx: RuleContext, is_async: bool, at_import: bool) -> ClientPlan | None:
    """How a client construction becomes a client of the target (None without a switch)."""
    provider: Provider | None = ctx.provider
    url = ctx.base_url
    if provider is None or url is None or not ctx.switching:
        return None
    azure = azure_target(ctx)
    imports: tuple[str, ...] = (IMPORT_OS,)
    key = key_expr(provider, at_import=at_import)
    if azure is None:
        args = {"api_key": key, "base_url": base_url_expr(provider, url)}
        return ClientPlan(args, frozenset(), None, imports)
    if azure.auth == "entra":
        key, more = token_provider_expr(azure, is_async)
        imports += more
    if azure.api == "v1":
        args = {"api_key": key, "base_url": base_url_expr(provider, url)}
        return ClientPlan(args, frozenset(), None, imports)
    cls = "AsyncAzureOpenAI" if is_async else "AzureOpenAI"
    key_arg = "azure_ad_token_provider" if azure.auth == "entra" else "api_key"
    args = {
        key_arg: key,
        "azure_endpoint": endpoint_expr(provider, url),
        "api_version": api_version_expr(azure),
    }
    drop = frozenset({"base_url"} | ({"api_key"} if key_arg != "api_key" else set()))
    return ClientPlan(args, drop, cls, imports)


def describe_target(ctx: RuleContext) -> str:
    """What migrated clients read, in words (for messages)."""
    provider = ctx.provider
    assert provider is not None
    azure = azure_target(ctx)
    if azure is None:
        return (
            f"for {provider.name} read the key from {provider.api_key_env} and the base URL "
            f"from {provider.base_url_env} (default {ctx.base_url})"
        )
    key = (
        "an Entra ID token (azure-identity)"
        if azure.auth == "entra"
        else f"the key from {provider.api_key_env}"
    )
    if azure.api == "v1":
        how = f"the v1 API at {provider.base_url_env} + {azure.v1_path}"
    else:
        how = (
            f"AzureOpenAI on {provider.base_url_env} with api_version from "
            f"{azure.api_version_env} (default {azure.api_version})"
        )
    return f"for {provider.name} use {how} and {key}"
