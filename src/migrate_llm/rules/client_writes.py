"""A client's key or base URL set after it is built (`client.api_key = key`), kept in step with
what `apply` does to its construction (ML001).

`apply` points a construction at the provider; a later write would undo that (the request
carries the program's old key, or goes to another URL with the provider's key). Where the
module shows that every construction the receiver holds is switched (or reads the provider's
key and base URL already), the write changes the same way: a key as a construction's
(`migrated_key`), OpenAI's base URL to the provider's. Anything else is left to a person
(manual): a base URL naming another server, a receiver built elsewhere or pointed at a URL
chosen at run time. A URL that is not OpenAI's, written right after the construction
(`clients.written_url`), is read as the construction's own: that client is left (ML003).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.azure_target import azure_target, client_plan
from migrate_llm.rules.clients import (
    client_left,
    endpoint_of,
    endpoint_of_value,
    env_var_read,
    environment_reads,
    key_variable,
    migrated_key,
    target_data,
)
from migrate_llm.rules.code_templates import IMPORT_OS
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.env_roles import base_url_variables, key_variables
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import ClientInfo, PythonContext, self_attribute

SWITCHED, LEFT, UNKNOWN = "switched", "left", "unknown"


def construction_state(rule: PythonRule, call: cst.Call | None) -> str:
    """What `apply` does to a client construction, for the writes that follow it: SWITCHED
    (pointed at the target, or reading the target's key variable on its URL already), LEFT
    (the program's own server, another provider, the target with a key of the program's) or
    UNKNOWN (not shown, a base URL chosen at run time, one left to a person)."""
    ctx = rule.ctx
    client = ctx.constructed_client(call) if call is not None else None
    if call is None or client is None:
        return UNKNOWN
    target = ctx.rules.provider
    if client.azure:
        if azure_target(ctx.rules) is not None:
            return LEFT
        return UNKNOWN if client_left(ctx, call) else SWITCHED
    endpoint = endpoint_of(ctx, call)
    if endpoint.kind == "openai":
        # left to a person: a `**` mapping not shown, a key that may hold a read ML401 leaves
        return UNKNOWN if client_left(ctx, call) else SWITCHED
    on_target = (
        endpoint.kind == "provider"
        and target is not None
        and endpoint.provider is not None
        and endpoint.provider.id == target.id
    )
    if on_target and key_variable(rule, call) == target.api_key_env:  # type: ignore[union-attr]
        return SWITCHED  # migrated: a write must not replace that key
    if endpoint.kind in ("provider", "custom") and endpoint.detail:
        return LEFT
    return UNKNOWN


def report_write(rule: PythonRule, node: cst.Assign, target: cst.Attribute) -> None:
    """Report `receiver.api_key = value` or `receiver.base_url = value` (`target`) on a client
    the module traces, with the edit keeping it in step with its construction."""
    ctx = rule.ctx
    provider = ctx.rules.provider
    receiver, attr = target.value, target.attr.value
    client = ctx.receiver_client(receiver)
    if provider is None or not ctx.rules.switching or client is None:
        return
    if "openai" in ctx.qualnames(receiver):
        return  # the module-level client: ML103
    if _settled(ctx, node.value, attr):
        return
    sources = held_constructions(ctx, receiver)
    states = {construction_state(rule, call) for call in sources}
    if states == {LEFT}:
        return
    shown = f"`{rule.snippet(target)}`"
    data: dict[str, object] = {"client": client.cls, "attribute": attr, **target_data(ctx.rules)}
    if states != {SWITCHED}:
        rule.report(
            target,
            f"{shown} is set after the client is built, and the module does not show that "
            "apply points every client it may hold at "
            f"{provider.name} (one built elsewhere, or whose base URL is chosen at run time): "
            f"make sure the key and base URL it ends with are {provider.name}'s, together, by "
            "hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )
        return
    _switched_write(rule, node, target, client, data)


def _switched_write(
    rule: PythonRule,
    node: cst.Assign,
    target: cst.Attribute,
    client: ClientInfo,
    data: dict[str, object],
) -> None:
    """A write on a client `apply` points at the target: the key as a construction's, OpenAI's
    base URL as the provider's; another base URL is left (manual)."""
    ctx = rule.ctx
    provider = ctx.rules.provider
    assert provider is not None
    shown = f"`{rule.snippet(target)}`"
    head = f"{shown} is set after {client.cls}() is built, which apply points at {provider.name}"
    plan = client_plan(ctx.rules, client.is_async, ctx.key_tolerant(node))
    attr = target.attr.value
    read = plan.args.get(attr) if plan is not None else None
    if attr == "base_url" and endpoint_of_value(ctx, node.value).kind != "openai":
        read = None  # another server: the provider's key would go there
    if read is None:
        why = (
            "it points the client elsewhere, and the provider's key would go there"
            if attr == "base_url"
            else f"apply gives that client no `{attr}`"
        )
        rule.report(
            target,
            f"{head}; {why}: set the key and base URL together by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )
        return
    kept = ""
    if attr == "api_key":
        text, kept = migrated_key(ctx, node.value, read, tolerant=True)
        how = f"take it from {provider.api_key_env}"
        if kept:
            data = {**data, "program_key": kept}  # apply's Next line names it
            how = (
                f"keep the key your code sets (`{kept}`), with {provider.api_key_env} when it "
                f"is empty: it must be {article(provider.name)} {provider.name} key"
            )
    else:
        text = read
        how = f"take it from {provider.base_url_env} (default {ctx.rules.base_url})"
    rule.report(
        target,
        f"{head}: for {provider.name} {how}",
        edit=Edit(ctx.span(node.value), text, (IMPORT_OS,)),
        fix=FixClass.REVIEW if kept else FixClass.SAFE,
        data=data,
    )


def held_constructions(ctx: PythonContext, receiver: cst.BaseExpression) -> list[cst.Call | None]:
    """The client constructions `receiver` may hold where it is written, None for any other
    source: for a name, the values its bindings there assign (a parameter, an import: None);
    for `self.X`, those its class assigns; else what the index records for it."""
    values: list[cst.BaseExpression | None] = []
    if isinstance(receiver, cst.Name):
        for binding in ctx.bindings(receiver):
            node = binding.node if isinstance(binding, Assignment) else None
            values.append(ctx.index.assigned.get(id(node)) if node is not None else None)
    elif self_attribute(receiver):
        values = list(ctx.self_values(receiver))  # type: ignore[arg-type]
    if not values:
        return list(ctx.client_sources(receiver) or [None])
    found: list[cst.Call | None] = []
    for value in values:
        value = ctx.unwrapped(value) if value is not None else None
        built = isinstance(value, cst.Call) and ctx.constructed_client(value) is not None
        found.append(value if built else None)  # type: ignore[arg-type]
    return found


def _settled(ctx: PythonContext, value: cst.BaseExpression, attr: str) -> bool:
    """Whether a written value needs nothing from this rule: it reads the provider's variable
    already, is a key a person types (kept, as a construction keeps it), or reads only OpenAI's
    variable alone, which the environment rules (ML401) rename."""
    provider = ctx.rules.provider
    assert provider is not None
    reads = environment_reads(ctx, value)
    own = provider.api_key_env if attr == "api_key" else provider.base_url_env
    if own in reads:
        return True
    if attr == "api_key" and env_names(ctx).is_prompt(value) is not None:
        return True
    switched = key_variables(ctx) if attr == "api_key" else base_url_variables(ctx)
    return env_var_read(ctx, value) is not None and all(r in switched for r in reads)
