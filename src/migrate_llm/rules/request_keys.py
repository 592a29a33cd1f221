"""The key an openai<1.0 call is given for one request (`openai.ChatCompletion.create(...,
api_key=user_key)`), in a switch to a provider: v1 takes it on the client, so `apply` keeps it
as `client.with_options(api_key=user_key)`, the provider's client for that request, rather than
dropping it (knowledge_gpt's key check then tested the module client's key, not its argument).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.clients import kept_key_text, left_key_held, openai_named, passed_keys
from migrate_llm.rules.python_context import PythonContext

# the per-request settings of a v0 call that name another endpoint than the client's
_ENDPOINT_KWARGS = ("api_base", "api_type", "api_version")


@dataclass(frozen=True)
class RequestKey:
    """The `api_key=` (argument `index`) a v0 call passes for one request, a key the program
    hands it (`passed_keys`: a parameter, a setting; `kept` is the code of the parts kept):
    moved to `client.with_options(api_key=<kept>)`, or, where `left` says why, left to a
    person in the call."""

    index: int
    kept: str
    left: str = ""


def request_key(ctx: PythonContext, call: cst.Call) -> RequestKey | None:
    """The key `call` (a v0 call `apply` rewrites for a provider) passes for its request and
    that `apply` keeps; None where it passes none, or one the provider's client replaces (a
    literal, an environment read: dropped). Left to a person where it likely holds the
    OpenAI key (`left_key_held`), where the call also names its own endpoint (`api_base=`,
    Azure's `api_type=`: that key goes with it), or where the v0 method is called through a
    name (`fn = openai.ChatCompletion.create`: there is no client call to give it to)."""
    rules = ctx.rules
    if rules.provider is None or not rules.switching or ctx.legacy_clients is None:
        return None
    keyword = [a.keyword.value if a.keyword is not None else None for a in call.args]
    if "api_key" not in keyword:
        return None
    index = keyword.index("api_key")
    parts = [
        part
        for part in passed_keys(ctx, call.args[index].value)
        if not any(name.startswith("openai.") for name in ctx.qualnames(part))
    ]  # `openai.api_key`, the module's key: the client's (ML301 moves its settings)
    if not parts:
        return None
    kept = kept_key_text(ctx, parts)
    name = rules.provider.name
    held = left_key_held(ctx, parts)
    endpoint = [k for k in _ENDPOINT_KWARGS if k in keyword]
    left = ""
    if held is not None:
        why = "names OpenAI" if openai_named(ctx, held) else "may hold an OpenAI key apply leaves"
        left = (
            f"the key your code passes (`{kept}`) {why}, so it likely holds the OpenAI key: "
            f"kept in the call (dropped, the request would no longer use it; moved to the "
            f"client, that key would go to {name}); make it {name}'s key, then write "
            f"`client.with_options(api_key=...)` for this request, by hand"
        )
    elif endpoint:
        shown = ", ".join(f"{k}=" for k in endpoint)
        left = (
            f"the call also names its own endpoint ({shown}), which the key goes with: kept in "
            f"the call; choose the key and the endpoint of this request for {name} by hand"
        )
    elif ctx.legacy_resource(call.func) is None:
        left = (
            "the v0 method is called through a name: kept in the call; write "
            f"`client.with_options(api_key={kept})` where it is called, by hand"
        )
    return RequestKey(index, kept, left)


def request_base_url(ctx: PythonContext, call: cst.Call) -> tuple[int, str] | None:
    """The base URL a v0 call `apply` rewrites for a provider is given for its request by the
    program (`api_base=self.api_base`, a parameter or setting: `passed_keys`; gptcache's
    embedding class stores the one its constructor takes), which `apply` keeps as
    `client.with_options(base_url=<kept>)`: (argument index, the code kept). None where it
    passes none or one the provider's client replaces (a literal, an environment read), where
    the call also passes credentials of its own (`api_key=`, Azure's `api_type=`: the key
    goes with the endpoint, `request_key` decides), where a part names OpenAI (likely its
    URL), or where the v0 method is called through a name."""
    rules = ctx.rules
    if rules.provider is None or not rules.switching or ctx.legacy_clients is None:
        return None
    keyword = [a.keyword.value if a.keyword is not None else None for a in call.args]
    if "api_base" not in keyword or {"api_key", "api_type", "api_version"} & set(keyword):
        return None
    index = keyword.index("api_base")
    parts = passed_keys(ctx, call.args[index].value)
    if not parts or any(openai_named(ctx, p) for p in parts):
        return None
    if any(name.startswith("openai.") for p in parts for name in ctx.qualnames(p)):
        return None
    if ctx.legacy_resource(call.func) is None:
        return None
    return index, kept_key_text(ctx, parts)


def request_key_options(ctx: PythonContext, call: cst.Call) -> list[tuple[int, str]] | None:
    """Switching provider, the `with_options` arguments of a v0 call's request key or base
    URL that `apply` moves there (`request_key`, `request_base_url`): `[(index,
    "api_key=<kept>")]`, `[(index, "base_url=<kept>")]`, or None."""
    found = request_key(ctx, call)
    if found is None:
        url = request_base_url(ctx, call)
        if url is None:
            return None
        return [(url[0], f"{sdk.LEGACY_REQUEST_OPTIONS['api_base']}={url[1]}")]
    if found.left:
        return None
    return [(found.index, f"{sdk.LEGACY_REQUEST_OPTIONS['api_key']}={found.kept}")]
