"""OpenAI model ids a module sends only to a server of the program's own (ML205).

FastChat's scripts loop over `["gpt-3.5-turbo", "gpt-4"]` and hand each id to a function of
the module whose client points at the server FastChat itself runs
(`OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")`, which ML003 leaves): those
ids name the models that server serves, not OpenAI's, and no check of the program meets the
provider's models (t62a). A list, tuple or set whose every member reaches only such requests
is that server's: ML205 says so in a note and leaves it.

Followed: a `for` loop over the display (or over a name bound to it once, read only as
loops' iterables), its target read as `model=` of an SDK request, or passed (by position or
keyword) to a function of the module that sends that parameter as `model=`
(`model_reach.requests_sending`); a read shown in an f-string or `print()` is no use. A
client is the program's own server's where ML003 reads its base URL as one on this machine
(`local_servers.local_host`), or beside a key only such a server takes, or where the module
points openai's module-level client there (`module_client_endpoint`).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks.local_servers import local_host
from migrate_llm.rules.model_reach import requests_sending
from migrate_llm.rules.python_context import PythonContext, flatten, last_name, match_surface


def own_server_detail(ctx: PythonContext, call: cst.Call) -> str | None:
    """Where a client construction `call` points, as ML003 names it, when that is a server of
    the program's own on this machine; None for any other client."""
    from migrate_llm.rules.clients import endpoint_of, url_host  # clients imports model rules

    endpoint = endpoint_of(ctx, call)
    if endpoint.kind != "custom" or not endpoint.detail:
        return None
    if endpoint.local_key is not None or endpoint.local_url is not None:
        return endpoint.detail
    host = url_host(endpoint.detail)
    return endpoint.detail if host is not None and local_host(host) else None


def own_server_request(ctx: PythonContext, call: cst.Call) -> str | None:
    """Where the SDK request `call` goes when every client it may go through is one of
    `own_server_detail`'s (or openai's module-level client the module points at such a
    server); None otherwise."""
    from migrate_llm.rules.clients import module_client_endpoint  # it imports model rules

    if _module_request(ctx, call):
        endpoint = module_client_endpoint(ctx)
        return endpoint.detail if endpoint is not None else None
    sources = ctx.request_clients(call)
    if not sources or None in sources:
        return None
    found = [own_server_detail(ctx, c) for c in sources if c is not None]
    return found[0] if found and None not in found else None


def _request(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is shaped as an SDK request: through a client (`request_clients`, which
    also reads clients pointed elsewhere, as `sdk_call` does not) or openai's module-level
    client (`openai.chat.completions.create`)."""
    return ctx.request_clients(call) is not None or _module_request(ctx, call)


def _module_request(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is a request through openai's module-level client."""
    if not isinstance(call.func, cst.Attribute):
        return False
    _, attrs = flatten(call.func)
    return match_surface(attrs) is not None and any(
        name.startswith("openai.") and name.count(".") == len(attrs)
        for name in ctx.qualnames(call.func)
    )


def sent_to_own_server(ctx: PythonContext, display: cst.CSTNode) -> tuple[cst.Call, str] | None:
    """(The first request, where it goes) where every member of the list, tuple or set
    `display` reaches only requests to a server of the program's own (module docstring);
    None where one may go elsewhere, or the module does not show where they go."""
    targets = _loop_targets(ctx, display)
    if not targets:
        return None
    requests: list[cst.Call] = []
    for target in targets:
        reads = [
            access.node
            for assignment in ctx.bindings(target)
            if isinstance(assignment, Assignment)
            for access in assignment.references
        ]
        if not reads:
            return None
        for read in reads:
            sent = _sent_from(ctx, read)
            if sent is None:
                return None
            requests += sent
    if not requests:
        return None
    where = [own_server_request(ctx, r) for r in requests]
    if None in where:
        return None
    return requests[0], str(where[0])


def _loop_targets(ctx: PythonContext, display: cst.CSTNode) -> list[cst.Name]:
    """The names of the `for` loops over `display`, or over a name bound to it once whose
    every read is such a loop's iterable; empty where it is read another way."""
    above = ctx.ancestors(display)
    parent = above[-1] if above else None
    if isinstance(parent, cst.For) and parent.iter is display:
        return [parent.target] if isinstance(parent.target, cst.Name) else []
    if not (
        isinstance(parent, cst.Assign)
        and parent.value is display
        and len(parent.targets) == 1
        and isinstance(name := parent.targets[0].target, cst.Name)
    ):
        return []
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return []
    targets: list[cst.Name] = []
    for access in bound[0].references:
        loop = ctx.ancestors(access.node)[-1:]
        if not (loop and isinstance(loop[0], cst.For) and loop[0].iter is access.node):
            return []
        if not isinstance(loop[0].target, cst.Name):
            return []
        targets.append(loop[0].target)
    return targets


def _sent_from(ctx: PythonContext, read: cst.CSTNode) -> list[cst.Call] | None:
    """The requests the loop variable read at `read` is sent to as `model=`: itself an
    argument of a request, or of a function of the module that sends that parameter; [] for
    a read that only shows it (an f-string, `print()`); None for any other read."""
    above = ctx.ancestors(read)
    parent = above[-1] if above else None
    if isinstance(parent, cst.FormattedStringExpression):
        return []
    if not isinstance(parent, cst.Arg) or parent.value is not read or parent.star:
        return None
    call = above[-2] if len(above) >= 2 else None
    if not isinstance(call, cst.Call):
        return None
    if last_name(call.func) == "print":
        return []
    if _request(ctx, call):
        named = parent.keyword is not None and parent.keyword.value == "model"
        return [call] if named else None
    param = _parameter(ctx, call, parent)
    if param is None:
        return None
    sent = requests_sending(ctx, param)
    return sent if sent and all(_request(ctx, c) for c in sent) else None


def _parameter(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> cst.Param | None:
    """The parameter of the module's function `call` calls (by its name, bound once to a
    `def`) that `arg` fills, by keyword or by position; None otherwise."""
    if not isinstance(call.func, cst.Name):
        return None
    bound = ctx.bindings(call.func)
    node = getattr(bound[0], "node", None) if len(bound) == 1 else None
    if not isinstance(node, cst.FunctionDef):
        return None
    params = node.params
    if arg.keyword is not None:
        return _keyword_param(params, arg.keyword.value)
    if any(a.keyword is not None or a.star for a in call.args[: call.args.index(arg)]):
        return None
    position = call.args.index(arg)
    plain = [*params.posonly_params, *params.params]
    return plain[position] if position < len(plain) else None


def _keyword_param(params: cst.Parameters, name: str) -> cst.Param | None:
    """The parameter of `params` a keyword argument `name` fills."""
    for param in (*params.params, *params.kwonly_params):
        if param.name.value == name:
            return param
    return None
