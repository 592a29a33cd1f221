"""The OpenAI API a module serves itself, as an OpenAI-compatible server (ML208).

FastChat's `openai_api_server.py` registers `@app.post("/v1/chat/completions")` and friends
(`frameworks.local_servers.ROUTE_METHODS`): the model names its handlers look up come from the
requests its own clients send it, which apply does not change, so what a rule says "after the
switch" of such a name does not hold there (t62a).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.local_servers import ROUTE_METHODS, ROUTE_PATH_KEYWORDS
from migrate_llm.rules.python_context import PythonContext, keyword, string_value


@dataclass(frozen=True)
class ServedRoute:
    """A route of OpenAI's API the module registers: its `path` as written, and `line`."""

    path: str
    line: int


def served_route(ctx: PythonContext) -> ServedRoute | None:
    """The first route under /v1 on an OpenAI REST path (`sdk.REST_PATHS`) that a decorator
    of the module registers (`@app.post("/v1/chat/completions")`); None where there is none.
    Worked out once per module."""
    if served_route not in ctx.analyses:
        ctx.analyses[served_route] = _served_route(ctx) if "/v1/" in ctx.text else None
    found = ctx.analyses[served_route]
    return found if isinstance(found, ServedRoute) else None


def _served_route(ctx: PythonContext) -> ServedRoute | None:
    for node in ctx.nodes:
        if not isinstance(node, cst.Decorator) or not isinstance(node.decorator, cst.Call):
            continue
        call = node.decorator
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in ROUTE_METHODS:
            continue
        given = next((keyword(call, k) for k in ROUTE_PATH_KEYWORDS if keyword(call, k)), None)
        if given is None and call.args and call.args[0].keyword is None:
            given = call.args[0]
        path = string_value(given.value) if given is not None else None
        if path is None or not path.startswith("/v1/"):
            continue
        rest = path[len("/v1") :]
        if any(rest == p or rest.startswith(p + "/") for p, _ in sdk.REST_PATHS):
            return ServedRoute(path, ctx.position(node)[0][0])
    return None
