"""The form a model setting must take for what it is sent to.

litellm (and DSPy and smolagents through it, and crewAI) picks the endpoint from the model
string: the provider's model goes there on a route (`deepseek/deepseek-v4-pro`). An OpenAI
client (an SDK request, a framework's OpenAI class, smolagents' OpenAIServerModel) takes the
provider's model as it is (`deepseek-v4-pro`). One literal sent to both cannot be written for
both: ML202, ML204, ML640 and ML690 leave it to a person, naming both forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks import lmi
from migrate_llm.openai_sdk import surface_of_model
from migrate_llm.registry import Provider
from migrate_llm.rules.framework_classes import any_framework_class, model_argument
from migrate_llm.rules.framework_crewai import crewai_model_values
from migrate_llm.rules.framework_litellm import (
    calls_litellm,
    litellm_model_forms,
    openai_or_provider,
)
from migrate_llm.rules.model_reach import holder_of, requests_sending
from migrate_llm.rules.models import model_args, sent_literal
from migrate_llm.rules.python_context import PythonContext

# What takes a literal as its model, directly (`model=MODEL`, a deployment's "model": MODEL):
# an OpenAI SDK request (ML202 reports the literal), a framework's OpenAI class, an OpenAI
# client of ML640's (smolagents' OpenAIServerModel), a litellm-style call of ML640's, crewAI's
# LLM (ML690). The first three take the bare model, the last two a route.
SDK, CLASS, BARE, LITELLM, CREWAI = "sdk", "class", "bare", "litellm", "crewai"
_ROUTED = frozenset({LITELLM, CREWAI})
_PLAIN = frozenset({SDK, CLASS, BARE})
# which rule reports a literal both forms are needed for: the first of these it is taken by
_REPORTERS = ((SDK, "ML202"), (LITELLM, "ML640"), (BARE, "ML640"), (CREWAI, "ML690"))


def model_takers(ctx: PythonContext, holder: cst.CSTNode) -> set[str]:
    """Which libraries the module sends the value of `holder` to as `model=`
    (`requests_sending`): "litellm" (`calls_litellm`), "client" (an OpenAI SDK request or a
    framework's OpenAI class). A call of anything else (the program's own function) tells
    nothing. A call through a name bound to litellm's function and to an SDK method
    (`PythonContext.callees`) sends it to both."""
    found: set[str] = set()
    for call in requests_sending(ctx, holder):
        if calls_litellm(ctx, call):
            found.add("litellm")
        if ctx.sdk_call(call) is not None or any_framework_class(ctx, call) is not None:
            found.add("client")
    return found


def litellm_route_taken(ctx: PythonContext, holder: cst.CSTNode | None) -> bool:
    """Whether the value `holder` binds reaches litellm calls only, each taking it as its
    model as it is (`requests_sending`: not through an f-string adding another route,
    `f"openrouter/{MODEL}"`) and giving no `api_base`/`base_url` other than OpenAI's or the
    provider's (`openai_or_provider`): only there is an `openai/...` value litellm's route to
    OpenAI, which a provider's route may replace. A URL of the project's own server keeps
    the model (and the key litellm sends beside it) there."""
    calls = requests_sending(ctx, holder) if holder is not None else []
    return bool(calls) and all(
        calls_litellm(ctx, call)
        and not any(
            arg.keyword is not None
            and arg.keyword.value in fw_litellm.BASE_KEYWORDS
            and not openai_or_provider(ctx, arg.value)
            for arg in call.args
        )
        for call in calls
    )


@dataclass(frozen=True)
class BothForms:
    """A literal the module sends to `library` (litellm, crewAI), which takes the provider's
    model on a route, and to an OpenAI client, which takes it as it is; `reporter`: the code
    of the rule that reports it (the others stay silent on it)."""

    reporter: str
    library: str

    @property
    def because(self) -> str:
        return f"this module gives it to {self.library}"


def both_forms(ctx: PythonContext, literal: cst.CSTNode) -> BothForms | None:
    """Whether the module sends `literal` (a constant's value, a default) both to something
    that takes the provider's model on a route and to an OpenAI client: no form suits both,
    so no rule edits it. None where it does not, or where no rule that would edit it for one
    of them takes it directly."""
    direct = _direct_takers(ctx).get(id(literal))
    reporter = next((code for kind, code in _REPORTERS if direct and kind in direct), None)
    if direct is None or reporter is None:
        return None
    takers = set(direct)
    index = ctx.index
    holder = holder_of(ctx, literal) if index.name_sources or index.attr_sources else None
    if holder is not None:
        sent = model_takers(ctx, holder)
        takers |= {LITELLM} if "litellm" in sent else set()
        takers |= {CLASS} if "client" in sent else set()
    if not takers & _ROUTED or not takers & _PLAIN:
        return None
    return BothForms(reporter, "litellm" if LITELLM in takers else "crewAI")


def litellm_literal(ctx: PythonContext, literal: cst.CSTNode) -> bool:
    """Whether ML640 takes `literal` directly as the model of a litellm-style call or of an
    OpenAI client of its own (smolagents' OpenAIServerModel). It decides during the
    traversal, reading the module's tests of the name the literal sets as they stand,
    before ML205's edits are known."""
    return bool(_direct_takers(ctx).get(id(literal), set()) & {LITELLM, BARE})


def _direct_takers(ctx: PythonContext) -> dict[int, set[str]]:
    """What takes each literal of the module as its model directly, by id (found once); none
    in a module that names no litellm-style library (nothing takes a route there)."""
    found = ctx.analyses.get(_direct_takers)
    if found is None:
        found = ctx.analyses[_direct_takers] = _find_direct_takers(ctx)
    return cast("dict[int, set[str]]", found)


def _find_direct_takers(ctx: PythonContext) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    litellm = any(ctx.mentions(w) for w in ("litellm", "dspy", "smolagents"))
    crewai = ctx.mentions("crewai")
    if not litellm and not crewai:
        return found
    for call in ctx.nodes:
        if type(call) is not cst.Call:
            continue
        info = ctx.sdk_call(call)
        if info is not None:
            for arg in model_args(call, info):
                resolved = sent_literal(ctx, arg.value)[0]
                if resolved is not None:
                    found.setdefault(id(resolved[0]), set()).add(SDK)
            if len(ctx.callees(call)) == 1:
                continue  # else litellm's function too (shell_gpt's `completion`)
        if litellm:
            for node, routed in litellm_model_forms(ctx, call):
                found.setdefault(id(node), set()).add(LITELLM if routed else BARE)
        if crewai:
            for node in crewai_model_values(ctx, call):
                found.setdefault(id(node), set()).add(CREWAI)
        cls = any_framework_class(ctx, call)
        given = model_argument(call, cls) if cls is not None else None
        taken = ctx.resolve_literal(given.value) if given is not None else None
        if taken is not None:
            found.setdefault(id(taken[0]), set()).add(CLASS)
    return found


def litellm_route(provider: Provider, new: str, chat: bool) -> str | None:
    """`new` on the provider's own litellm route (`deepseek/deepseek-v4-pro`: `litellm_prefix`
    of its file), for a chat model; None without one."""
    route = provider.frameworks.get("litellm_prefix")
    return f"{route}/{new}" if isinstance(route, str) and chat else None


def litellm_need(provider: Provider, new: str, routed: str | None) -> str:
    """What litellm must be given for `new`: its route (`litellm_route`), else the OpenAI
    route with the provider's endpoint."""
    return f"{routed!r}" if routed else f"'openai/{new}' with {provider.name}'s api_base and key"


def both_forms_advice(
    subject: str,
    new: str,
    provider: Provider,
    need: str,
    because: str = "this module gives it to litellm",
    shows: str = "and to an OpenAI client",
    library: str = "litellm",
) -> str:
    """The message for a setting that may reach `library` (`because`) and an OpenAI client
    (`shows`), which take `new` in different forms: each to be written by hand (`need`
    where it reaches `library`)."""
    return (
        f"{subject} maps to {new!r} on {provider.name}, but {because}, which sends a model "
        f"without a provider prefix to OpenAI, {shows}: write {need} where it reaches "
        f"{library}, {new!r} where it reaches an OpenAI client, by hand"
    )


def lmi_advice(
    subject: str, prefixes: str, model: str, provider: Provider | None, new: str | None
) -> str:
    """The message for OpenAI's `model` after lmi's embedding prefixes (`frameworks.lmi`:
    `hybrid-text-embedding-3-small`, paper-qa's), `subject` what holds it: lmi hands the model
    to litellm, which sends it to OpenAI; what litellm takes after the prefixes for `new`, the
    provider's model (ML204, ML503: by hand, the embedding config holding the endpoint)."""
    head = (
        f"{subject} is {lmi.LABEL}'s {prefixes!r} form of OpenAI's {model!r}: {lmi.LABEL} hands "
        f"{model!r} to litellm, which sends a model without a provider prefix to OpenAI"
    )
    if provider is None:
        return f"{head}; `--provider ID` shows its replacement"
    if new is None:
        return (
            f"{head}; {provider.name}'s table maps it to no model: write one of "
            f"{provider.name}'s models after {prefixes!r} as litellm takes it, by hand"
        )
    routed = litellm_route(provider, new, surface_of_model(model) == "chat")
    need = (
        f"'{prefixes}{routed}'"
        if routed
        else f"'{prefixes}openai/{new}' with {provider.name}'s api_base and key in the embedding "
        f"config's {lmi.CONFIG_KWARGS!r} entry"
    )
    return (
        f"{head}; it maps to {new!r} on {provider.name}: write {need} there instead "
        f"({lmi.LABEL} gives litellm what follows {prefixes!r}), by hand"
    )
