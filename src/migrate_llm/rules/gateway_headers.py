"""ML008: the headers of a gateway (Portkey, Helicone, Cloudflare AI Gateway:
`frameworks.gateways`) on a request or client that goes to the provider.

Code written for a gateway in front of OpenAI gives its requests the gateway's own headers,
its key among them (`extra_headers={"x-portkey-api-key": ...}`). Once the client points at the
provider, whether or not an `openai.api_base` line for the gateway is left (ML301), those
headers go to the provider with every request.

What a header argument holds is followed inside the module: a dict display (and the dicts it
spreads), a name bound to one (each of its assignments: `HEADERS = {}`, later `HEADERS =
start_portkey_run()`), and a call of a function of the module returning one (directly, or a
name it binds to one).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.gateways import Gateway, gateway_of_header
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.call_parameters import called_function, defined_by
from migrate_llm.rules.clients import _UNKNOWN, endpoint_of, setting
from migrate_llm.rules.key_destinations import left_on_openai
from migrate_llm.rules.legacy_config import kept_for_v0
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, branches, keyword
from migrate_llm.rules.request_arguments import request_arguments

# where a request or client goes: already the provider, or the provider once `apply` has
# pointed its client there
ON, MOVED = "on", "moved"
# how many names, calls and spreads deep a header value is followed
_DEPTH = 6
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def header_keys(
    ctx: PythonContext,
    value: cst.BaseExpression,
    depth: int = _DEPTH,
    seen: set[int] | None = None,
) -> Iterator[tuple[str, cst.BaseExpression]]:
    """The string keys (with their nodes) of the dicts `value` may hold, as the module shows
    them: a dict display and the dicts it spreads, a name bound to one, a call of a function
    of the module returning one, either branch of `a or b` and `x if c else y`. Each value is
    read once (`seen`), however many names lead to it."""
    seen = set() if seen is None else seen
    if depth < 0 or id(value) in seen:
        return
    seen.add(id(value))
    for branch in branches(value):
        if isinstance(branch, cst.Dict):
            for element in branch.elements:
                if isinstance(element, cst.DictElement):
                    key = ctx.resolve_literal(element.key)
                    if key is not None:
                        yield key[1], element.key
                else:  # `**other`
                    yield from header_keys(ctx, element.value, depth - 1, seen)
        elif isinstance(branch, cst.Name):
            for binding in ctx.bindings(branch):
                if isinstance(binding, Assignment):
                    assigned = ctx.index.assigned.get(id(binding.node))
                    if assigned is not None:
                        yield from header_keys(ctx, assigned, depth - 1, seen)
        elif isinstance(branch, cst.Call):
            for returned in _returned(ctx, branch):
                yield from header_keys(ctx, returned, depth - 1, seen)


def _returned(ctx: PythonContext, call: cst.Call) -> Iterator[cst.BaseExpression]:
    """What the function of the module that `call` calls returns (each `return` of its own
    body), or the `**` mappings of a `dict(...)` call."""
    func = call.func
    if (
        isinstance(func, cst.Name)
        and func.value == "dict"
        and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
    ):
        yield from (a.value for a in call.args if a.star == "**")
        return
    called = called_function(ctx, call)
    if called is None or (isinstance(func, cst.Name) and not _function(ctx, func)):
        return  # not a function of the module (a class: its instance is no dict)
    nodes, ends = ctx.nodes, ctx.ends
    i = ctx.index_of(called[0])
    end = ends[i]
    i += 1
    while i < end:
        node = nodes[i]
        if type(node) is cst.Return and node.value is not None:
            yield node.value
        i = ends[i] if type(node) in _SCOPES else i + 1


def _function(ctx: PythonContext, name: cst.Name) -> bool:
    return isinstance(defined_by(ctx, name), cst.FunctionDef)


def client_target(ctx: PythonContext, call: cst.Call) -> str | None:
    """Where the client construction `call` sends its requests, when that is the provider:
    ON where it points there, MOVED where `apply` points it there (OpenAI's endpoint, the
    client not left on OpenAI); None elsewhere (a gateway's or another server's URL, one
    chosen at run time, a client apply leaves)."""
    target = ctx.rules.provider
    if target is None or not ctx.rules.switching or ctx.constructed_client(call) is None:
        return None
    if left_on_openai(ctx, call):
        return None
    endpoint = endpoint_of(ctx, call)
    if endpoint.kind == "openai":
        return MOVED
    owner = endpoint.provider
    if endpoint.kind == "provider" and owner is not None and owner.id == target.id:
        return ON
    return None


def request_target(ctx: PythonContext, call: cst.Call) -> str | None:
    """Where the SDK request `call` goes, when that is the provider (`client_target` of each
    construction its client may be); an openai<1.0 call, MOVED (`apply` moves it to a client
    of the provider), unless it names its own `api_base=` or its module stays on openai<1
    (ML301's). None for any other request."""
    info = ctx.sdk_call(call)
    if info is None or info.method not in sdk.REQUEST_METHODS:
        return None
    if info.kind == "legacy":
        if keyword(call, "api_base") is not None or kept_for_v0(ctx, "api_base") is not None:
            return None
        return MOVED if ctx.rules.switching else None
    if info.kind != "client":
        return None
    sources = ctx.request_clients(call)
    if not sources or None in sources:
        return None
    found = {client_target(ctx, c) for c in sources if c is not None}
    if None in found:
        return None
    return ON if found == {ON} else MOVED


class GatewayHeaders(PythonRule):
    """A gateway's headers (Portkey, Helicone...), its key among them, sent to the provider.

    ## What it does
    With `--provider`, finds the headers a request is given (`extra_headers=`, openai<1.0's
    `headers=`, an entry of a dict spread into the call) and those a client is given
    (`default_headers=`) that hold a header of a gateway in front of OpenAI's API: Portkey's
    `x-portkey-*`, Helicone's `Helicone-*`, Cloudflare AI Gateway's `cf-aig-*` (the table
    `frameworks/gateways.py`, with the page documenting each gateway's key headers). Only
    where the request or client goes to the provider: a client pointed there, one `apply`
    points there (OpenAI's endpoint), an openai<1.0 call `apply` moves to such a client.
    What the argument holds is followed inside the module: a dict display, a name bound to one
    (each of its assignments), a call of a function of the module returning one, directly or
    through a name it binds.

    ## Why
    Such a program sent its requests through the gateway, with the gateway's key in a header.
    Once the client points at the provider (and `openai.api_base = "https://api.portkey.ai/..."`
    is gone, as ML301 asks, or never was: openai>=1.0 does not read it), every request carries
    that key to the provider. An error where a header carries the gateway's key
    (`Gateway.key_headers`: `x-portkey-api-key`, `x-portkey-virtual-key`, `Helicone-Auth`,
    `cf-aig-authorization`), a warning for the gateway's other headers.

    ## Fix (manual)
    Take these headers out of the request or client, or keep the client on the gateway (its
    base URL, with the gateway set up to pass requests on to the provider). Not for a client
    pointed at the gateway itself, nor one whose base URL is chosen at run time.
    """

    code = "ML008"
    name = "gateway-headers"
    category = "secret"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    examples = (
        # t51c: gpt-prompt-engineer's Portkey headers, the api_base line deleted by hand
        Example(
            "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
            "HEADERS = {}\n\n\ndef start_portkey_run():\n"
            '    return {"x-portkey-api-key": PORTKEY_API, "x-portkey-mode": "proxy openai"}\n\n\n'
            "if use_portkey:\n    HEADERS = start_portkey_run()\n"
            'client.chat.completions.create(model="acme-large", messages=[], '
            "extra_headers=HEADERS)\n",
            provider="acme",
            message="`extra_headers=HEADERS` sends Portkey's headers (x-portkey-api-key and "
            "x-portkey-mode on line 13) with this request, which goes to Acme Cloud, not "
            "Portkey: Portkey's key (x-portkey-api-key) goes to Acme Cloud with it; take these "
            "headers out, or keep the client on Portkey (its base URL, with Portkey set up to "
            "pass requests on to Acme Cloud), by hand",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    default_headers={"Helicone-Auth": "Bearer " + os.environ["HELICONE_API_KEY"]}\n'
            ")\n",
            provider="acme",
            message="`default_headers={...}` gives every request of this client Helicone's "
            "headers (Helicone-Auth on line 6), which go to Acme Cloud once apply points the "
            "client there, not to Helicone: Helicone's key (Helicone-Auth) goes to Acme Cloud "
            "with them; take these headers out, or keep the client on Helicone (its base URL, "
            "with Helicone set up to pass requests on to Acme Cloud), by hand",
        ),
        Example(
            "import openai\n\n"
            'openai.ChatCompletion.create(model="gpt-4", messages=[], '
            'headers={"x-portkey-trace-id": "run-1"})\n',
            provider="acme",
            message="`headers={...}` sends Portkey's headers (x-portkey-trace-id on line 3) "
            "with this request, which goes to Acme Cloud once apply points its client there, "
            "not to Portkey: Acme Cloud has no use for them; take these headers out, or keep "
            "the client on Portkey (its base URL, with Portkey set up to pass requests on to "
            "Acme Cloud), by hand",
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI(\n"
            '    base_url="https://oai.helicone.ai/v1",\n'
            '    default_headers={"Helicone-Auth": "Bearer pk-123"},\n)\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n"
            'client.chat.completions.create(model="gpt-4o", messages=[], '
            'extra_headers={"X-Request-Id": rid})\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching:
            return
        if self.ctx.constructed_client(node) is not None:
            value = setting(self.ctx, node, "default_headers")
            where = client_target(self.ctx, node) if value is not None else None
            if value is not None and value is not _UNKNOWN and where is not None:
                arg = keyword(node, "default_headers")
                self._check(arg if arg is not None else value, value, where, client=True)
            return
        if not any(a.star == "**" or _header_keyword(a) for a in node.args):
            return  # the cheap test: most calls give no headers
        where = request_target(self.ctx, node)
        if where is None:
            return
        found = request_arguments(self.ctx, node, lambda c: self.ctx.sdk_call(c) is not None)
        for name in sorted(sdk.REQUEST_HEADER_KWARGS & found.keys()):
            argument = found[name]
            self._check(argument.item, argument.value, where)

    def _shown(self, at: cst.CSTNode, value: cst.BaseExpression) -> str:
        """How a message shows the argument `at` giving `value`: `extra_headers=HEADERS`,
        `default_headers={...}` for a dict display."""
        code = "{...}" if isinstance(value, cst.Dict) else self.snippet(value)
        if isinstance(at, cst.Arg) and at.keyword is not None:
            return f"{at.keyword.value}={code}"
        if isinstance(at, cst.DictElement):
            return f"{self.snippet(at.key)}: {code}"
        return code

    def _check(
        self, at: cst.CSTNode, value: cst.BaseExpression, where: str, client: bool = False
    ) -> None:
        """Report the gateways' headers `value` holds, given at `at` to a request (or a
        client: `client`) that goes to the provider (`where`: ON or MOVED)."""
        by_gateway: dict[Gateway, dict[str, cst.BaseExpression]] = {}
        for name, node in header_keys(self.ctx, value):
            gateway = gateway_of_header(name)
            if gateway is not None:
                by_gateway.setdefault(gateway, {}).setdefault(name, node)
        provider = self.provider
        assert provider is not None
        for gateway, headers in by_gateway.items():
            keys = [h for h in headers if h.lower() in gateway.key_headers]
            lines: dict[str, list[str]] = {}
            for name, node in headers.items():
                line = self.ctx.line_label(self.ctx.position(node)[0][0])
                lines.setdefault(line, []).append(name)
            written = ", ".join(f"{' and '.join(n)} on {line}" for line, n in lines.items())
            shown = self._shown(at, value)
            name = gateway.name
            if client:
                head = f"`{shown}` gives every request of this client {name}'s headers ({written})"
                goes, it = "which go", "them"
            else:
                head = f"`{shown}` sends {name}'s headers ({written}) with this request"
                goes, it = "which goes", "it"
            if where == ON:
                head += f", {goes} to {provider.name}, not {name}"
            else:
                whose = "the client" if client else "its client"
                head += (
                    f", {goes} to {provider.name} once apply points {whose} there, not to {name}"
                )
            if keys:
                what = f"{name}'s key ({', '.join(keys)}) goes to {provider.name} with {it}"
            else:
                what = f"{provider.name} has no use for them"
            self.report(
                at,
                f"{head}: {what}; take these headers out, or keep the client on {name} (its "
                f"base URL, with {name} set up to pass requests on to {provider.name}), by hand",
                severity=Severity.ERROR if keys else Severity.WARNING,
                data={
                    "gateway": name,
                    "headers": list(headers),
                    "key_headers": keys,
                    "argument": "default_headers" if client else _argument(at),
                },
            )


def _header_keyword(arg: cst.Arg) -> bool:
    return arg.keyword is not None and arg.keyword.value in sdk.REQUEST_HEADER_KWARGS


def _argument(at: cst.CSTNode) -> str:
    """The keyword (or spread entry) giving a request its headers."""
    if isinstance(at, cst.Arg) and at.keyword is not None:
        return at.keyword.value
    if isinstance(at, cst.DictElement) and isinstance(at.key, cst.SimpleString):
        return at.key.evaluated_value if isinstance(at.key.evaluated_value, str) else ""
    return ""


GATEWAY_HEADER_RULES = (GatewayHeaders,)
