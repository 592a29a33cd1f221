"""A litellm chat call whose model is a parameter's string default, or `self.X` its class
assigns once from one, that reaches the provider: the provider's model on its own litellm
route (`moonshot/kimi-k2.6`, as ML204 writes it) or an OpenAI model apply maps there.

swarms' `LiteLLM.__init__(model_name="gpt-4o", temperature=0.5, top_p=1.0)` (t65c R1) kept
the three on `self` and sent them with `litellm.completion(**params)`: ML204 rewrote the
default to `moonshot/kimi-k2.6`, whose temperature and top_p Kimi fixes, and `check` was
green while every request failed (HTTP 400). ML115 reads such a request as it reads an SDK
request with a default model (`check_default`): a caller may pass another model.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.rules.compat import parameter_default_model
from migrate_llm.rules.framework_litellm import (
    RoutedRequest,
    given_model,
    litellm_chat_call,
    model_call,
    openai_model,
    openai_or_provider,
    routed_requests,
    shown_bases,
)
from migrate_llm.rules.passed_values import parameter_default
from migrate_llm.rules.python_context import PythonContext, self_attribute


class DefaultRouted(NamedTuple):
    """The request (`model_node` None: a caller may pass another model), the provider model
    the default sends once migrated, the OpenAI model it is mapped from (None: written as the
    provider's), and `<param> of <f>()`."""

    request: RoutedRequest
    model: str
    model_from: str | None
    label: str


def default_routed(ctx: PythonContext, call: cst.Call) -> DefaultRouted | None:
    """The request `call` makes where it is litellm's `completion` / `acompletion`, not one of
    `routed_requests` whose model is known (not a default: `def ask(model="...")`), given no
    base URL other than OpenAI's, the provider's or one a caller may give (`_unset_or_ours`),
    whose model is a parameter's default
    (`parameter_default_model`) on the provider's own route or an OpenAI model (bare or
    `openai/`) the provider's table maps; None otherwise."""
    provider = ctx.rules.provider
    found = model_call(ctx, call)
    if provider is None or found is None or not litellm_chat_call(ctx, call):
        return None
    own = provider.frameworks.get("litellm_prefix")
    model = given_model(ctx, call)
    known = [r for r in routed_requests(ctx, call) if not r.how.startswith("default of ")]
    if not own or model is None or known:
        return None
    if not all(_unset_or_ours(ctx, b) for b in shown_bases(ctx, call, found)):
        return None
    default = parameter_default_model(ctx, model)
    if default is None:
        return None
    head, name = fw.route(default[1])
    source = None if head == own else openai_model(ctx, default[1], True)
    target = name if head == own else ctx.rules.map_model(source) if source else None
    if target is None or (source is None and not provider.serves(target)):
        return None
    sent = fw.sent_as_is(own)
    if own in fw.EXTRA_BODY_ROUTES:  # its thinking switch, as ML115 reads the mode
        sent |= {fw.EXTRA_BODY}
    request = RoutedRequest(found.shown, target, None, "literal", sent, litellm=True)
    return DefaultRouted(request, target, source, default[2])


def _unset_or_ours(ctx: PythonContext, base: cst.BaseExpression) -> bool:
    """Whether a base URL the call is given is OpenAI's or the provider's
    (`openai_or_provider`), or a parameter defaulting to None, or `self.X` its class sets
    once from one (swarms' `completion_params["base_url"] = self.base_url` under `if
    self.base_url is not None`): a call given none goes where the model's route does, as a
    call given no model sends the default."""
    if openai_or_provider(ctx, base):
        return True
    if isinstance(base, cst.Attribute) and self_attribute(base):
        assigned = ctx.self_values(base)
        base = assigned[0] if len(assigned) == 1 else base
    default = parameter_default(ctx, base) if isinstance(base, cst.Name) else None
    return isinstance(default, cst.Name) and default.value == "None"
