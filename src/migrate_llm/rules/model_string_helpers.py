"""Helpers `ModelSites` and the model-string rules (ML204, ML205, ML206) share: node
placement, the target's own models, a base URL beside a dict entry, litellm's route and
the advice for a kept `openai/` string."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlsplit

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.framework_litellm import gated, model_call, openai_shaped
from migrate_llm.rules.key_destinations import url_destination
from migrate_llm.rules.model_forms import litellm_need, litellm_route
from migrate_llm.rules.model_places import Site
from migrate_llm.rules.model_values import env_default_arg
from migrate_llm.rules.models import article
from migrate_llm.rules.openai_urls import goes_with, urls_left
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.url_keys import kept_key, keys_beside, openai_base_urls

COLLECTION_NODES = (cst.List, cst.Tuple, cst.Set)


def slash_kept_advice(rules: RuleContext, site: Site) -> str:
    """What to write for an `openai/` string no rule reads as a route (`slash_kept`): the
    provider's model, its `openai/` kept only where the library needs it, which only the
    user can tell."""
    provider = rules.provider
    name = provider.name if provider is not None else "the provider"
    new = rules.map_model(site.model)
    said = f" (the model table says {new!r})" if new else ""
    return (
        f"write {article(name)} {name} model there{said}, with {site.prefix!r} before it only "
        "if that library needs it to pick its OpenAI-compatible client: migrate-llm cannot "
        "know which, so decide by hand"
    )


def litellm_takes(ctx: PythonContext, call: cst.Call | None, model: str, new: str) -> str:
    """Where `call` is a litellm call (`model_call`), which takes a provider's model only on
    a route: `; litellm takes it as 'dashscope/qwen-flash'` for the provider's `new` in place
    of OpenAI's `model` (`litellm_route`, the route ML204 writes; `litellm_need`); where it is
    the request of a class handing its model to litellm (`openai_shaped`: mem0's proxy), the
    same with the keywords that request passes the key and base URL by. Else ""."""
    provider = ctx.rules.provider
    if provider is None or call is None:
        return ""
    found = model_call(ctx, call)
    shaped = None if found is not None else openai_shaped(ctx, call)
    if shaped is None and (found is None or not found.shown.startswith("litellm.")):
        return ""
    routed = litellm_route(provider, new, sdk.surface_of_model(model) == "chat")
    if shaped is None:
        return f"; litellm takes it as {litellm_need(provider, new, routed)}"
    url = ctx.rules.base_url
    assert url is not None
    key, base = fw_litellm.OPENAI_SHAPED_KEYWORDS
    written = routed or f"{fw_litellm.OPENAI_PREFIX}/{new}"
    return (
        f"; {shaped[0]} hands it to litellm, which takes it as {written!r} with "
        f"{key}={key_expr(provider, at_import=ctx.at_import(call))} and "
        f"{base}={base_url_expr(provider, url)} passed there{gated(*shaped)}"
    )


def url_beside(
    ctx: PythonContext, table: cst.Dict, element: cst.DictElement
) -> tuple[int, bool | None] | None:
    """The line of OpenAI's base URL or the provider's written in an entry of the dict display
    `table` other than `element`, and whether it is OpenAI's (None where ML402 leaves it so,
    with the key beside it, or leaves an OpenAI URL there to a person: a full endpoint,
    `"full_url": "https://api.openai.com/v1/chat/completions"`, t64f); None where it holds
    neither."""
    openai = openai_base_urls(ctx)
    base = ctx.rules.base_url or ""
    own = urlsplit(base).hostname if "://" in base else None
    left = {id(node) for node, _ in urls_left(ctx)}
    for other in table.elements:
        if other is element or not isinstance(other, cst.DictElement):
            continue
        for string in _strings_in(other.value):
            if id(string) in left:
                return ctx.position(string)[0][0], None  # ML402 leaves it to a person
            value = (string_value(string) or "").rstrip("/")
            host = urlsplit(value).hostname if value.startswith("http") else None
            if value in openai or (own is not None and host == own):
                line = ctx.position(string)[0][0]
                if value in openai and not all(goes_with(ctx, k) for k in keys_beside(ctx, string)):
                    return line, None  # ML402 leaves the URL, with its key
                if value in openai and _key_stays(ctx, string):
                    return line, None  # ... or with a key read beside it that stays
                return line, value in openai
    return None


def _key_stays(ctx: PythonContext, url: cst.SimpleString) -> bool:
    """Whether ML402 leaves OpenAI's URL `url` because the record it is given to keeps
    OpenAI's key (`url_destination`: `{"base_url": config("OPENAI_API_BASE", default="") or
    URL, "api_key": API_KEY}`, `API_KEY` a read of OPENAI_API_KEY that ML401 leaves); for the
    default of a read (`config("OPENAI_API_BASE", default=URL)`), where that read goes."""
    names, given = env_names(ctx), cast(cst.CSTNode, url)
    parents = ctx.ancestors(url)
    if (
        len(parents) >= 2
        and isinstance(parents[-1], cst.Arg)
        and isinstance(read := parents[-2], cst.Call)
        and env_default_arg(ctx, read) is parents[-1]
    ):
        given = read
    return url_destination(ctx, names, given, lambda key: kept_key(ctx, names, key)) is not None


def _strings_in(node: cst.CSTNode) -> list[cst.SimpleString]:
    """The string literals in `node`, itself included."""
    if isinstance(node, cst.SimpleString):
        return [node]
    return [s for child in node.children for s in _strings_in(child)]


def served_model(rules: RuleContext, value: str) -> str | None:
    """The target's own model `value` names, written bare or on the target's litellm route
    (`deepseek/deepseek-v4-pro`), switching provider; else None."""
    provider = rules.provider
    if provider is None or not rules.switching:
        return None
    if provider.serves(value):
        return value
    head, model = fw_litellm.route(value)
    if head and head == provider.frameworks.get("litellm_prefix") and provider.serves(model):
        return model
    return None


def node_inside(ctx: PythonContext, inner: cst.CSTNode, outer: cst.CSTNode) -> bool:
    start = ctx.index_of(outer)
    return start <= ctx.index_of(inner) < ctx.ends[start]
