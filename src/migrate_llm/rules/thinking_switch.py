"""Which mapped models need the provider's switch that turns thinking off (ML118, and the
framework classes that send an `extra_body`)."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING, Any

from migrate_llm import openai_sdk as sdk
from migrate_llm.registry import SURFACE_TIERS, Provider
from migrate_llm.rules.base import RuleContext

if TYPE_CHECKING:  # libcst's import is not for a screening asking `thinks` (run_facts)
    from migrate_llm.rules.python_context import PythonContext

# What a warning on a token limit too small for the reasoning adds where the provider's file
# gives no `[params] thinking_tokens_min` (ML118, ML507): `settled`, how requests may be settled
# where the rule does not see it; `code`, the rule; `where`, the line its comment goes on.
NO_SIZE = (
    "no limit clears this warning (the provider's file names no size the reasoning needs; a "
    "larger one only leaves it more room): where the requests are settled otherwise "
    "({settled}), record that with `# migrate-llm: ignore[{code}]` on {where}"
)


def raise_limit(provider: Provider) -> str:
    """`raise the limit (to N or more)`, N the size the provider's file says the reasoning
    needs (`[params] thinking_tokens_min`); "" where it names none: no limit settles a
    warning then (`NO_SIZE`), so none is advised."""
    enough = provider.params.get("thinking_tokens_min")
    return f"raise the limit (to {enough} or more)" if enough else ""


def thinks(provider: Provider, model: str) -> bool:
    """Whether `model` thinks unless told not to: one of the `[params] thinking_models` globs
    of `provider`'s file takes it (in OpenAI's file, its reasoning models)."""
    return listed(provider, "thinking_models", model)


def unlike(rules: RuleContext, source: str, shown: str | None = None, why: str = "") -> str:
    """`which gpt-4o did not (why)`: how the OpenAI model `source` (or several, joined by
    ", "; `shown` as the message writes them) differed from a target model that thinks. A
    reasoning model of OpenAI's file (`[params] reasoning_models`: gpt-5.5, which is not
    among its `thinking_models`) reasoned when a request asked: not said to have not (t52b
    D8)."""
    names = [n for n in source.split(", ") if n]
    asked = [n for n in names if listed(rules.openai, "reasoning_models", n)]
    shown = shown or source
    if not asked:
        return f"which {shown} did not" + (f" ({why})" if why else "")
    how = "a reasoning model whose reasoning_effort is none by default"
    verb = "did only when asked"
    if len(asked) < len(names):
        how = f"{', '.join(asked)} being reasoning models whose reasoning_effort is none by default"
        verb = "did not, or only when asked"
    return f"which {shown} {verb} ({how}" + (f"; {why})" if why else ")")


def listed(provider: Provider, key: str, model: str) -> bool:
    """Whether one of the model globs of `provider`'s `[params] key` takes `model`."""
    return any(fnmatch.fnmatchcase(model, g) for g in provider.params.get(key) or ())


def choices_text(provider: Provider, surface: str) -> str:
    """The provider's models for `surface` to choose from (`Provider.candidates`); for chat
    (and completions, which takes the chat tiers) those that answer at once first, and each
    that thinks said to (`thinking_models`: "thinks unless told not to"; `always_thinking`:
    "always thinks"): a person picking a model for OpenAI code that did not reason
    (text-davinci-003 with `max_tokens=5`) needs to know that a reasoning pass may use the
    whole limit (t62e: Zhipu's list led with glm-5.3)."""
    models = provider.candidates(surface)
    if surface in SURFACE_TIERS:  # embeddings, images...: not chat models
        return ", ".join(models)

    def rank(model: str) -> int:
        return 2 if listed(provider, "always_thinking", model) else int(thinks(provider, model))

    labels = ("", " (thinks unless told not to)", " (always thinks)")
    return ", ".join(m + labels[rank(m)] for m in sorted(models, key=rank))


def thinking_switch(rules: RuleContext, source: str, target: str) -> dict[str, Any] | None:
    """The `extra_body` entries that turn thinking off (`[params] thinking_off_extra_body`)
    where `target`, the provider model apply maps the OpenAI model `source` to, thinks unless
    told not to and `source` does not (gpt-4o, not o3); None otherwise."""
    provider = rules.provider
    if provider is None:
        return None
    needed = provider.params.get("thinking_off_extra_body")
    if not needed or not thinks(provider, target) or thinks(rules.openai, source):
        return None
    return dict(needed)


def every_target_thinks(ctx: PythonContext) -> bool:
    """Whether each model the provider's table gives an OpenAI chat model that does not think
    is one of its `thinking_models` (DeepSeek's, Doubao's, Kimi's: none answers at once by
    default); found once per module."""
    found = ctx.analyses.get(every_target_thinks)
    if found is None:
        rules = ctx.rules
        provider = rules.provider
        assert provider is not None
        # a glob of the table (`o1*`) is judged by the shortest name it takes (`o1`)
        targets = {
            target
            for source, target in provider.models.items()
            if sdk.surface_of_model(source) == "chat"
            and not thinks(rules.openai, source.replace("*", ""))
        }
        found = ctx.analyses[every_target_thinks] = bool(targets) and all(
            thinks(provider, t) for t in targets
        )
    return bool(found)


def thinking_targets(rules: RuleContext, default: str | None) -> list[str]:
    """The models a chat class built where apply does not see it may be moved to that think
    unless told not to, where OpenAI's did not: each the provider's table gives OpenAI's chat
    models that do not think, where all of them do (`every_target_thinks`); else the one the
    class's default model `default` maps to, where it does. Sorted; empty for neither."""
    provider = rules.provider
    if provider is None or not provider.params.get("thinking_off_extra_body"):
        return []
    targets = {
        target
        for source, target in provider.models.items()
        if sdk.surface_of_model(source) == "chat"
        and not thinks(rules.openai, source.replace("*", ""))
    }
    if targets and all(thinks(provider, t) for t in targets):
        return sorted(targets)
    mapped = rules.map_model(default) if default else None
    if default and mapped and thinking_switch(rules, default, mapped) is not None:
        return [mapped]
    return []


def consequences(provider: Provider, models: list[str]) -> str:
    """What a model of `models` that thinks does that the OpenAI model it replaces did not,
    as the provider's file says it (ML118, ML507): its replies carry reasoning_content, what
    becomes of a temperature (`sampling_clause`), and a tool loop must send the reasoning
    back where the file says so (`[params] tool_turn_fields`); where it does not (Zhipu's,
    t59a: its tool loops ran without), that the file does not say."""
    clause = sampling_clause(provider, models)
    turns = (
        "a tool loop must send the reasoning back"
        if provider.params.get("tool_turn_fields")
        else "the provider file does not say whether a tool loop must send the reasoning back"
    )
    return (
        "replies and stream deltas carry reasoning_content, "
        + (f"{clause}, " if clause else "")
        + turns
    )


def sampling_clause(provider: Provider, models: list[str]) -> str | None:
    """What the provider's file says becomes of a temperature sent to each of `models` while
    it thinks, where it says the same of them all: fixed (`[model_params]`, at the value of
    `[fixed_values]`; `[params] fixed_other_value`: another is rejected or ignored), or
    ignored (`[params] thinking_ignored`); None where the file says nothing of one."""
    said = {_sampling(provider, model) for model in models}
    return said.pop() if len(said) == 1 else None


def _sampling(provider: Provider, model: str) -> str | None:
    fact = provider.model_param_facts(model).get("temperature")
    if fact is not None and fact[0] == "fixed":
        found = provider.fixed_value(model, "temperature", "thinking")
        text = "temperature is fixed" + (f" at {found[0]}" if found is not None else "")
        other = provider.params.get("fixed_other_value")
        return f"{text} and other values are {other}" if other else text
    if "temperature" in (provider.params.get("thinking_ignored") or ()):
        return "temperature is ignored"
    return None
