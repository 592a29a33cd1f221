"""A value a program got at run time from another service's HTTP API: not an OpenAI key.

aider exchanges a GitHub Copilot token for a short-lived API token (aider/models.py
`github_copilot_token_to_open_ai_key`: `res = requests.get("https://api.github.com/
copilot_internal/v2/token", ...)`, `token = res.json().get("token")`) and stores it in
OPENAI_API_KEY for Copilot's OpenAI-compatible endpoint. That value is Copilot's, issued by
GitHub: ML404 says so in a note instead of calling it an OpenAI key to replace.
"""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, keyword

# how many steps (`.get(...)`, `.json()`, `[...]`, a name's one binding) are followed
_MAX_STEPS = 8
_HOST = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://([^/:?#]+)")


def issuing_host(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The host of the HTTP request whose response `value` is read from (`token` bound to
    `res.json().get("token")`, `res = requests.get(url, ...)`, the URL written in the
    module), where that host is not OpenAI's; else None."""
    node: cst.BaseExpression | None = value
    for _ in range(_MAX_STEPS):
        if isinstance(node, cst.Name):
            node = ctx.bound_value(node)
        elif isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Await):
            node = node.expression
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            host = _request_host(ctx, node)
            if host is not None:
                return None if _openai_host(ctx, host) else host
            node = node.func.value
        else:
            return None
    return None


def _request_host(ctx: PythonContext, call: cst.Call) -> str | None:
    """The host of a request of an HTTP library's module function (`requests.get(url)`)
    whose URL is written in the module; None for any other call."""
    func = call.func
    assert isinstance(func, cst.Attribute)
    if func.attr.value not in sdk.HTTP_REQUEST_FUNCTIONS:
        return None
    names = ctx.qualnames(func)
    if not any(n.rpartition(".")[0] in sdk.HTTP_LIBRARIES for n in names):
        return None
    position = 1 if func.attr.value == "request" else 0
    arg = keyword(call, "url")
    if arg is None and len(call.args) > position and not call.args[position].keyword:
        arg = call.args[position]
    if arg is None:
        return None
    found = ctx.resolve_literal(arg.value)
    match = _HOST.match(found[1].strip()) if found is not None else None
    return match[1].lower() if match is not None else None


def _openai_host(ctx: PythonContext, host: str) -> bool:
    """Whether `host` is OpenAI's: its API's (the registry's) or one of its web hosts."""
    api = _HOST.match(ctx.rules.openai.base_url)
    own = api[1].lower() if api is not None else ""
    return host == own or sdk.openai_web_host(host) is not None
