"""The target's URL in another region than the run's (ML003).

A program that already talks to the target in one region (gptme's Moonshot client on
https://api.moonshot.ai/v1, the intl platform) gets, from a run for another region (cn, the
default), clients pointed at https://api.moonshot.cn/v1. Where the regions are separate
platforms (the provider file's note naming both hosts says so: Moonshot's keys of one get
HTTP 401 on the other), one key cannot serve both (t51f). `--region` picks one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import libcst as cst

from migrate_llm.rules.python_context import PythonContext


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname if "://" in url else None
    except ValueError:
        return None


def other_region(ctx: PythonContext, url: str) -> str | None:
    """The target's region whose base URL has `url`'s host, where that is not the host of the
    run's region; None otherwise."""
    target, run_url = ctx.rules.provider, ctx.rules.base_url
    if target is None or run_url is None or target.azure is not None:
        return None
    host, run_host = _host(url), _host(run_url)
    if host is None or run_host is None or host == run_host:
        return None
    urls = {target.default_region or "default": target.base_url, **target.regions}
    return next((r for r, u in urls.items() if _host(u) == host), None)


def region_message(ctx: PythonContext, head: str, url: str, region: str) -> str:
    """`head` (`OpenAI() already points at`) the target in `region`, and what to do."""
    target, run_url = ctx.rules.provider, ctx.rules.base_url
    assert target is not None and run_url is not None
    host, run_host = _host(url) or "", _host(run_url) or ""
    note = next((n for n in target.notes if host in n and run_host in n), None)
    said = f" ({target.source or target.id}: {note.rstrip('.')})" if note else ""
    return (
        f"{head} {target.name}, in its region {region} ({url}); this run is for {run_url}, "
        f"where apply points the clients it moves and {target.base_url_env} defaults to{said}: "
        f"pass --region {region} (apply and check) to keep the program on one of them"
    )


def run_region_clients(ctx: PythonContext, skip: cst.Call | None) -> bool:
    """Whether the module builds a client (other than `skip`) that talks to the target in
    the run's region after apply: one talking to OpenAI that apply moves, or one already
    pointed at the run's region (as apply leaves the first)."""
    from migrate_llm.rules.clients import client_left, endpoint_of  # it imports this module

    target, run_url = ctx.rules.provider, ctx.rules.base_url
    run_host = _host(run_url or "")
    for call in ctx.nodes:
        if type(call) is not cst.Call or call is skip or ctx.constructed_client(call) is None:
            continue
        endpoint = endpoint_of(ctx, call)
        if endpoint.kind == "openai" and not client_left(ctx, call):
            return True
        owner = endpoint.provider
        if (
            endpoint.kind == "provider"
            and owner is not None
            and target is not None
            and owner.id == target.id
            and _host(endpoint.detail) == run_host
        ):
            return True
    return False
