"""ML118 for litellm's `completion(...)` whose model the module does not show in full
(`self.model = model or "gpt-4o"`, a parameter's default): where a value it may hold is an
OpenAI model that did not think, mapped to a provider model that does unless told not to, the
switch is named for a person to pass (manual), as apply cannot tell which model a run sends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm.model import FixClass
from migrate_llm.rules.compat import ROUTED, CallInfo, _entries_text
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.framework_litellm import (
    given_model,
    reached_models,
    route_guarded,
    routed_requests,
)
from migrate_llm.rules.model_values import model_values
from migrate_llm.rules.request_arguments import request_arguments
from migrate_llm.rules.thinking_switch import consequences, thinking_switch, thinks

if TYPE_CHECKING:
    from migrate_llm.rules.thinking import ThinkingDefault

# keywords through which a call chooses its thinking itself
_CHOICES = ("extra_body", "reasoning_effort")


def report_followed(rule: ThinkingDefault, node: cst.Call) -> None:
    """Report a litellm chat call whose model `routed_requests` does not know, where a value
    it may hold (`reached_models`) is an OpenAI model that did not think, mapped to one that
    does unless told not to: a warning, manual, naming the values (with their lines), what
    they map to and the switch; one whose model the module does not show at all gets the note
    an SDK request choosing its model at run time gets. Not where the call names
    `extra_body=` or `reasoning_effort=`."""
    ctx = rule.ctx
    if routed_requests(ctx, node) or any(argument(node, k, None) for k in _CHOICES):
        return
    model = given_model(ctx, node)
    if model is None or not model_values(ctx, model):
        # chosen at run time (open-interpreter's `completion(**params)`): SDK requests' note,
        # or the warning on a merge of its stream deltas where its route test says the
        # provider's models are what it sends there (t67a: AutoAgent's MetaChain)
        info = CallInfo(ROUTED, "chat", "litellm.completion", "create")
        if not (route_guarded(ctx, node) and rule.merged_on_route(node, info)):
            rule.run_time_note(node, info)
        return
    rules = ctx.rules
    found: list[tuple[str, str, int]] = []  # (OpenAI model, provider model, line)
    needed = None
    reached = reached_models(ctx, node)
    if not any(rules.map_model(value) for _, value in reached):
        report_own(rule, node, model, reached)
        return
    for literal, value in reached:
        target = rules.map_model(value)
        switch = thinking_switch(rules, value, target) if target is not None else None
        if switch is None or target is None or (needed is not None and switch != needed):
            continue
        needed = switch
        found.append((value, target, ctx.position(literal)[0][0]))
    if needed is None or not rule.first_report(node):
        return
    values = " and ".join(f"{v} ({ctx.line_label(line)})" for v, _, line in found)
    sources = " and ".join(dict.fromkeys(v for v, _, _ in found))
    targets = list(dict.fromkeys(t for _, t, _ in found))
    one = len(targets) == 1
    entries = _entries_text(needed)
    rule.report(
        node.func,
        f"its model comes from `{ctx.code(model)}`, which may hold {values}: apply "
        f"maps {'it' if len(found) == 1 else 'them'} to "
        f"{' and '.join(targets)}, which {'thinks' if one else 'think'} before "
        f"{'it answers' if one else 'they answer'} unless told not to, which {sources} did "
        f"not ({consequences(rule.provider, targets)}): where the program sends "
        f"{'that model' if one else 'those models'}, pass extra_body={{{entries}}}, by hand"
        f"{rule.unconfirmed('thinking_models')}",
        fix=FixClass.MANUAL,
        data={"extra_body": dict(needed)},
    )


def report_own(
    rule: ThinkingDefault,
    node: cst.Call,
    model: cst.BaseExpression,
    reached: list[tuple[cst.CSTNode, str]],
) -> None:
    """Report a litellm chat call whose model may hold only the provider's models on its own
    route (`moonshot/kimi-k2.6`, as ML204 writes an OpenAI default there: t65c R1, where the
    ML118 apply gave went away in `check`), one of which thinks unless told not to: manual,
    naming it and the switch, unless the call sends an `extra_body` or `reasoning_effort`
    (also an entry of the dict it spreads, `params["extra_body"] = ...`)."""
    ctx, provider = rule.ctx, rule.provider
    needed = provider.params.get("thinking_off_extra_body")
    sent = request_arguments(ctx, node, lambda call: call is node)
    if not needed or any(k in sent for k in _CHOICES):
        return
    prefix = provider.frameworks.get("litellm_prefix")
    found = [(v, ctx.position(n)[0][0]) for n, v in reached if thinks(provider, v)]
    if not found or not rule.first_report(node):
        return
    values = " and ".join(f"{prefix}/{v} ({ctx.line_label(line)})" for v, line in found)
    targets = list(dict.fromkeys(v for v, _ in found))
    one = len(targets) == 1
    rule.report(
        node.func,
        f"its model comes from `{ctx.code(model)}`, which may hold {values}, which "
        f"{'thinks' if one else 'think'} before {'it answers' if one else 'they answer'} "
        f"unless told not to ({consequences(provider, targets)}): where the program sends "
        f"{'that model' if one else 'those models'}, pass "
        f"extra_body={{{_entries_text(dict(needed))}}}, by hand"
        f"{rule.unconfirmed('thinking_models')}",
        fix=FixClass.MANUAL,
        data={"extra_body": dict(needed)},
    )
