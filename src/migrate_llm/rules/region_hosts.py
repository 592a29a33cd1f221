"""The target's URL in another region than the run's (ML003).

A program that already talks to the target in one region (gptme's Moonshot client on
https://api.moonshot.ai/v1, the intl platform) gets, from a run for another region (cn, the
default), clients pointed at https://api.moonshot.cn/v1. Where the regions are separate
platforms (the provider file's note naming both hosts says so: Moonshot's keys of one get
HTTP 401 on the other), one key cannot serve both (t51f). `--region` picks one. A module
that writes the run's region's URL as well (TradingAgents' `"qwen"` and `"qwen-cn"` entries,
each with its own key) serves both on purpose: no region to pass (t52b).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast
from urllib.parse import urlsplit

import libcst as cst

from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.python_context import PythonContext, string_value


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


def run_region_written(ctx: PythonContext) -> int | None:
    """The line of the first URL of the target in the run's region that the module writes
    itself (a literal whose host is the run's base URL's), not as the default of a read of
    the target's base-URL variable (as apply writes it); None where it writes none. Found
    once per module."""
    if run_region_written in ctx.analyses:
        return cast("int | None", ctx.analyses[run_region_written])
    target, run_url = ctx.rules.provider, ctx.rules.base_url
    run_host = _host(run_url or "")
    found = None
    if target is not None and run_host is not None and run_host in ctx.text:
        names = env_names(ctx)
        for node in ctx.nodes:
            if type(node) is not cst.SimpleString:
                continue
            value = string_value(node)
            if value is None or _host(value) != run_host:
                continue
            parents = ctx.ancestors(node)
            if len(parents) >= 2 and isinstance(parents[-1], cst.Arg):
                read = names.by_node.get(id(parents[-2]))
                if read is not None and target.base_url_env in read.names:
                    continue  # `os.environ.get("DASHSCOPE_BASE_URL", URL)`: apply's
            if isinstance(parents[-1], cst.Expr) or compared(parents):
                continue  # a docstring, or a key tie's test (`in (..., URL)`)
            found = ctx.position(node)[0][0]
            break
    ctx.analyses[run_region_written] = found
    return found


def compared(parents: Sequence[cst.CSTNode]) -> bool:
    """Whether a literal whose ancestors are `parents` is only compared with, pointing
    nothing at its URL: the right side of a comparison (`== URL`), or an element of a tuple,
    list or set display there (`in (URL, ...)`, as apply ties a key to the provider's URLs)."""
    for parent in reversed(parents):
        if isinstance(parent, cst.ComparisonTarget):
            return True
        if not isinstance(parent, (cst.Element, cst.Tuple, cst.List, cst.Set)):
            return False
    return False


def both_regions_message(ctx: PythonContext, head: str, url: str, region: str, line: int) -> str:
    """`head` the target in `region`, beside the run's region's URL the module writes on
    `line`: the program serves both on purpose."""
    target, run_url = ctx.rules.provider, ctx.rules.base_url
    assert target is not None and run_url is not None
    return (
        f"{head} {target.name}, in its region {region} ({url}), and the module writes its "
        f"other region's URL ({run_url}, {ctx.line_label(line)}) too: the program serves both "
        "regions on purpose; left as it is"
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
