"""Where a key written in the code visibly goes when that is neither OpenAI nor the provider.

ML004 tells the user which variable to read a hard-coded key from. A bare `sk-` key is taken
for OpenAI's (and so, once migrated, for the provider's) unless the code shows otherwise:
the key reaches only raw HTTP requests (`requests.post(URL, headers=...)`) whose URL the
module writes with another host, or the name holding it names another service
(`stability_api_key`, `SERVICE_NAME_WORDS`). Read from the provider's variable, such a key
would be the provider's key sent to a third party.
"""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.key_destinations import key_uses
from migrate_llm.rules.python_context import PythonContext, last_name, string_value
from migrate_llm.rules.raw_http import url_written
from migrate_llm.secrets import SERVICE_NAME_WORDS

# the ends of a URL's path that are an OpenAI-style API's: a server of that kind may be the
# provider behind a gateway, so a key sent there is not surely another service's
_OPENAI_STYLE_PATHS = ("/chat/completions", "/completions", "/embeddings", "/responses")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def service_named(name: str) -> str | None:
    """The service a variable's or setting's name names (`SERVICE_NAME_WORDS`), if any."""
    words = re.split(r"[^a-z0-9]+", _CAMEL.sub(r"\1_\2", name).lower())
    return next((SERVICE_NAME_WORDS[w] for w in words if w in SERVICE_NAME_WORDS), None)


def given_to_client(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether a key literal reaches an SDK client's construction or `openai.api_key`:
    there it is OpenAI's key, whatever the name holding it says."""
    for _arg, use in key_uses(ctx, env_names(ctx), node):
        if isinstance(use, cst.Call) and ctx.constructed_client(use) is not None:
            return True
        if isinstance(use, cst.Assign) and any(
            "openai.api_key" in ctx.qualnames(t.target) for t in use.targets
        ):
            return True
    return False


def holder_name(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The name a literal is given to: the target of `NAME = "..."` (or `self.NAME = ...`),
    the keyword of `f(NAME="...")`, the key of `{"NAME": "..."}`; None otherwise."""
    above = ctx.ancestors(node)
    value = node
    for parent in reversed(above):
        if isinstance(parent, cst.ConcatenatedString):
            value = parent
            continue
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is value:
            targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
            if len(targets) == 1:
                return last_name(targets[0].target)
        elif isinstance(parent, cst.Arg) and parent.keyword is not None:
            return parent.keyword.value
        elif isinstance(parent, cst.DictElement) and parent.value is value:
            return string_value(parent.key)
        return None
    return None


def request_hosts(ctx: PythonContext, node: cst.CSTNode) -> list[str] | None:
    """The hosts of the raw HTTP requests a key literal reaches (`key_uses`: through the names
    it is bound to, f-strings and headers dicts), where it reaches at least one and nothing
    else, and each request's URL, as the module writes it, has a host that is neither
    OpenAI's nor a provider's and no OpenAI-style API path; None otherwise."""
    from migrate_llm.rules.clients import classify_url, url_host  # clients imports this module

    hosts: list[str] = []
    for arg, call in key_uses(ctx, env_names(ctx), node):
        if arg is None or not isinstance(call, cst.Call):
            return None
        url = _request_url(ctx, call)
        if url is None:
            return None
        written = url_written(ctx, url)
        host = url_host(written) if written else None
        if (
            written is None
            or host is None
            or classify_url(ctx, written).kind != "custom"
            or sdk.openai_web_host(written) is not None
            or written.split("?")[0].rstrip("/").endswith(_OPENAI_STYLE_PATHS)
        ):
            return None
        if host not in hosts:
            hosts.append(host)
    return hosts or None


def _request_url(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The URL argument of a call of an HTTP library's request function
    (`requests.post(url, ...)`, `httpx.get(url=...)`, `requests.request("POST", url)`)."""
    method = next(
        (
            q.rsplit(".", 1)[1]
            for q in sorted(ctx.qualnames(call.func))
            if "." in q
            and q.rsplit(".", 1)[0] in sdk.HTTP_LIBRARIES
            and q.rsplit(".", 1)[1] in sdk.HTTP_REQUEST_FUNCTIONS
        ),
        None,
    )
    if method is None:
        return None
    given = next((a.value for a in call.args if a.keyword and a.keyword.value == "url"), None)
    if given is not None:
        return given
    positional = [a for a in call.args if a.keyword is None and not a.star]
    index = 1 if method == "request" else 0
    return positional[index].value if len(positional) > index else None
