"""A setting that picks the program's service, set to OpenAI's name beside the models ML204
maps (t52b D2).

TradingAgents' `DEFAULT_CONFIG = {"llm_provider": "openai", "deep_think_llm": "gpt-5.5", ...}`:
its code picks a client by that name (`OPENAI_COMPATIBLE_PROVIDERS[provider]`, `if provider
== "anthropic":`, in other modules). apply mapped the models and left the name, so the program
sent Qwen's models to OpenAI with the OpenAI key, and `check` passed. Where the program
chooses among services by such names (`service_names.dispatches`: the project's facts and the
module's own tables), a setting named like one (`frameworks.services.SELECTOR_NAMES`) set to
OpenAI's name in the same dict display, call or block as a model setting is that model's
service: where the program's names hold the target's (its id or an alias), apply writes it
there (review); otherwise the models stay, and the setting is an error `check` stops on.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import NamedTuple, cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.services import OPENAI_SERVICES, SELECTOR_NAMES, SELECTOR_SCOPES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import config_key
from migrate_llm.rules.framework_autogen import elsewhere_config, left_config, moved_entry
from migrate_llm.rules.langchain_routes import named_setting, settings_in
from migrate_llm.rules.openai_branches import openai_names
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.service_tables import target_names
from migrate_llm.service_names import (
    ServiceName,
    dispatches,
    fixed_urls,
    known_services,
    picks_services,
)


@dataclass(frozen=True)
class Selector:
    """A setting `name` whose string `value` names OpenAI as the service of the model
    settings beside it; `target`: the target's name as the program writes it where the
    program picks services by it (None where it does not); `names`: the service names the
    program picks services by; `shown`: where it writes the target's name (the modules as
    messages show them, "this module"); `region`: why the target's entry is the run's
    region's, or why none is (`Choice.region`); `key_env`: the key variable of that entry
    (`Choice.key_env`)."""

    name: str
    value: cst.SimpleString
    target: str | None
    names: tuple[str, ...]
    shown: tuple[str, ...]
    region: str = ""
    key_env: str | None = None
    fixed: bool = False


def selector_beside(ctx: PythonContext, node: cst.CSTNode) -> Selector | None:
    """The setting beside the model setting `node` that picks OpenAI as its service, in a
    program choosing among services by name (its `target` None where the program has no
    name for the target); None otherwise."""
    provider = ctx.rules.provider
    own = named_setting(ctx, node) if provider is not None and ctx.rules.switching else None
    if own is None:
        return None
    name, container = own
    siblings = settings_in(container)
    for other, value in siblings:
        if other == name or not isinstance(value, cst.SimpleString) or not _pairs(other, name):
            continue
        if (string_value(value) or "").lower() not in openai_names():
            continue
        if _elsewhere(ctx, container, siblings):
            return None
        return _selector(ctx, other, value)
    return None


def asserted_selectors(ctx: PythonContext) -> list[tuple[cst.ComparisonTarget, Selector]]:
    """The assertions that a setting picking the service is OpenAI's (`assert
    DEFAULT_CONFIG["llm_provider"] == "openai"`, `assert cfg.llm_provider == "openai"`), in a
    program that has the target's name (`_selector`): apply sets such a setting beside the
    models it maps to that name, and the test then fails (TradingAgents' test_env_overrides,
    t52b). Each with the comparison's target (operator and string)."""
    if not ctx.rules.switching or ctx.rules.provider is None or not ctx.mentions("assert"):
        return []
    if not any(f"{q}openai{q}" in ctx.text for q in "\"'"):
        return []
    found = []
    for node in ctx.nodes:
        if type(node) is not cst.Assert or not isinstance(node.test, cst.Comparison):
            continue
        test = node.test
        target = test.comparisons[0]
        value = target.comparator
        if len(test.comparisons) != 1 or not isinstance(target.operator, cst.Equal):
            continue
        if not isinstance(value, cst.SimpleString):
            continue
        name = _setting_read(test.left)
        if name is None or not selects(name):
            continue
        if (string_value(value) or "").lower() not in openai_names():
            continue
        selector = _selector(ctx, name, value)
        if selector is not None and selector.target is not None:
            found.append((target, selector))
    return found


def _setting_read(node: cst.BaseExpression) -> str | None:
    """The setting a read names: `cfg["llm_provider"]`, `cfg.get("llm_provider")`,
    `cfg.llm_provider`."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        return string_value(index.value) if isinstance(index, cst.Index) else None
    if isinstance(node, cst.Attribute):
        return node.attr.value
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and node.args
    ):
        return string_value(node.args[0].value)
    return None


def _selector(ctx: PythonContext, name: str, value: cst.SimpleString) -> Selector | None:
    found = target_choice(ctx.rules, _picked(ctx))
    if found is None:
        return None
    return Selector(name, value, *found)


class Choice(NamedTuple):
    """The target's name as the program writes it where it picks services by name (None
    where it has none, or none for the run's region), the names, where the target's is
    written (`shown`), and, where the program has the target's entries per region, why
    this one (`region`: "its entry for the cn region (URL; key from VAR)", or why none) and
    the key variable its tables give that entry (`key_env`); `fixed`: the target's branch
    sends to a base URL written out (`_fixed`, said in `region`), so none is named."""

    target: str | None
    names: tuple[str, ...]
    shown: tuple[str, ...]
    region: str = ""
    key_env: str | None = None
    fixed: bool = False


def target_choice(rules: RuleContext, picked: list[ServiceName]) -> Choice | None:
    """Where the program picks its services by name (`picked`: `ServiceName`s; `dispatches`),
    the target's name as it writes it (`Choice`); None where it does not pick services by
    name. The target's id, else an alias; where the program has entries for the target's
    regions (`_by_region`: TradingAgents' `"qwen"` at dashscope-intl and `"qwen-cn"` at
    dashscope, t52h N1), the run's region's."""
    names = {n.name for n in picked}
    provider = rules.provider
    if provider is None or not dispatches(names):
        return None
    wanted = [provider.id.lower(), *(a.lower() for a in provider.aliases)]
    # an id as programs write one (`"qwen"`, not a row's `"Qwen"` shown to people), the
    # provider's own before its aliases
    ours = sorted(
        (n for n in names if n.lower() in wanted),
        key=lambda n: (n != n.lower(), wanted.index(n.lower()), n),
    )
    target = ours[0] if ours else None
    region, key_env = "", None
    regional = _by_region(rules, picked, wanted)
    if regional is not None:
        target, region, key_env = regional
    fixed = _fixed(rules, [n for n in picked if n.name == target])
    if fixed:
        target, region, key_env = None, fixed, None
    shown = list(dict.fromkeys(n.shown for n in picked if n.name == target))
    if len(shown) > _SHOWN:
        shown[_SHOWN - 1 :] = [f"{len(shown) - _SHOWN + 1} more"]
    return Choice(target, tuple(sorted(names)), tuple(shown), region, key_env, bool(fixed))


def _fixed(rules: RuleContext, entries: list[ServiceName]) -> str:
    """Why the program's branch for the target's name is not one apply may select: it gives
    its client a base URL written out (`ServiceName.fixed`), so the requests go there whatever
    the provider's base-URL variable says (a proxy, a test server), and with the run's region
    another, to the region written there with that region's key (t57a D3: gpt-researcher's
    `"dashscope"` branch); "" where it gives none."""
    provider = rules.provider
    assert provider is not None
    urls = sorted({url for n in entries for url in n.fixed})
    if not urls:
        return ""
    where = ", ".join(dict.fromkeys(n.shown for n in entries if n.fixed))
    run = rules.region or provider.default_region
    regions = {provider.region_named_by(url) for url in urls}
    region = ""
    if len(regions) == 1 and None not in regions and run is not None:
        (written,) = regions
        region = f", the {written} region's" + (f", not {run}'s" if written != run else "")
    said = " and ".join(urls)
    return (
        f"its branch for {entries[0].name!r} ({where}) sends to {said}{region}, written out: "
        f"it ignores {provider.base_url_env}"
    )


def _by_region(
    rules: RuleContext, picked: list[ServiceName], wanted: list[str]
) -> tuple[str | None, str, str | None] | None:
    """Where the program's entries for the target (named as it, or after it: `"qwen-cn"`)
    are for two regions or more, as their URLs or key variables tell
    (`Provider.region_named_by`): the run's region's entry, why (its URL, its key variable)
    and that key variable, or None and why where none is that region's; None where they
    cannot be told apart so."""
    provider = rules.provider
    assert provider is not None
    hints: dict[str, set[str]] = {}  # by the name in lower case
    written: dict[str, set[str]] = {}
    for n in picked:
        lowered = n.name.lower()
        if lowered in wanted or any(lowered.startswith(w + s) for w in wanted for s in "-_"):
            hints.setdefault(lowered, set()).update(n.hints)
            written.setdefault(lowered, set()).add(n.name)
    regions: dict[str, str] = {}
    for lowered, given in hints.items():
        found = {r for hint in given if (r := provider.region_named_by(hint)) is not None}
        if len(found) == 1:
            # as programs write an id (`"qwen"`, not a row's `"Qwen"` shown to people)
            name = min(written[lowered], key=lambda n: (n != n.lower(), n))
            regions[name] = found.pop()
    if len(set(regions.values())) < 2:
        return None
    run = rules.region or provider.default_region
    mine = [n for n, r in regions.items() if r == run]
    if len(mine) > 1:
        return None
    if not mine:
        told = ", ".join(f"{n!r} the {r} region's" for n, r in sorted(regions.items()))
        return None, f"those are for other regions ({told}), none for {run}", None
    name = mine[0]
    written_hints = sorted(hints[name.lower()])
    urls = [h for h in written_hints if "://" in h and provider.region_named_by(h) == run]
    keys = [h for h in written_hints if "://" not in h and "KEY" in h]
    said = "; ".join([*urls[:1], *(f"key from {k}" for k in keys if len(keys) == 1)])
    why = f"its entry for the {run} region" + (f" ({said})" if said else "")
    return name, why, keys[0] if len(keys) == 1 else None


def no_entry(rules: RuleContext, regional: bool, fixed: bool = False) -> str:
    """What the program lacks where `target_choice` found no name for the target: "names no
    Acme", or, where its entries are for other regions (`regional`), "has no Acme entry for
    the us region", or where its entry sends to a base URL written out (`fixed`), "has no Acme
    entry reading ACME_BASE_URL"."""
    provider = rules.provider
    assert provider is not None
    if fixed:
        return f"has no {provider.name} entry reading {provider.base_url_env}"
    if not regional:
        return f"names no {provider.name}"
    return f"has no {provider.name} entry for the {rules.region or provider.default_region} region"


def choice_said(
    rules: RuleContext, choice: Choice | Selector, edited: bool, base_url: str | None
) -> str:
    """What the finding on a setting picking OpenAI says of the program's names (`choice`):
    where apply writes the target's name there (`edited`), that it does; else what the
    program has and what to do by hand (`base_url`: the target's, as the message gives it)."""
    provider = rules.provider
    assert provider is not None
    said = "the program picks its services by such names and "
    shown = ", ".join(choice.shown)
    if edited:
        regional = f", {choice.region}" if choice.region else ""
        return (
            f"{said}has {choice.target!r} ({shown}){regional}: apply sets it to "
            f"{choice.target!r}, for the {provider.name} models"
        )
    has = (
        f"has {choice.target!r} ({shown})"
        if choice.target
        else f"has entries for {provider.name}, but {choice.region}"
        if choice.region
        else f"has none for {provider.name} ({', '.join(map(repr, choice.names))})"
    )
    return (
        f"{said}{has}: apply leaves it and those models; make the program pick {provider.name} "
        f"there (key from {provider.api_key_env}, base URL {base_url}) and select it here, by hand"
    )


def choice_data(
    name: str, value: str, choice: Choice | Selector, edited: bool
) -> dict[str, object]:
    """The data of that finding: the setting, its value and, where apply writes the target's
    name, that name and the key variable of the region's entry."""
    data: dict[str, object] = {"provider_setting": name, "value_from": value}
    if edited:
        data["value_to"] = choice.target
        if choice.key_env is not None:
            data["entry_key_env"] = choice.key_env
    return data


def project_picked(rules: RuleContext) -> list[ServiceName]:
    """The service names the project's modules pick services by (`RunFacts.service_names`)."""
    return sorted(rules.facts.service_names)


_SHOWN = 3  # the modules a message names, the last place saying how many more


def _picked(ctx: PythonContext) -> list[ServiceName]:
    """The service names the program picks services by: the project's
    (`RunFacts.service_names`) and the module's own ("this module"); found once per
    module."""
    found = ctx.analyses.get(_picked)
    if found is None:
        known = known_services(ctx.rules.registry)
        found = [
            n
            for n in sorted(ctx.rules.facts.service_names)
            if n.module != ctx.path  # this module's are read below
        ]
        try:
            tree = ast.parse(ctx.text)
            own, fixed = picks_services(tree, known), fixed_urls(tree, known)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            own, fixed = {}, {}
        found += [
            ServiceName(
                n, ctx.path, "this module", tuple(sorted(own[n])), tuple(sorted(fixed.get(n, ())))
            )
            for n in sorted(own)
        ]
        ctx.analyses[_picked] = found
    return cast("list[ServiceName]", found)


def selects(name: str) -> bool:
    """Whether a setting's name says it picks the service (`SELECTOR_NAMES`)."""
    lowered = name.lower().replace("-", "_")
    return lowered in SELECTOR_NAMES or any(lowered.endswith("_" + n) for n in SELECTOR_NAMES)


def _pairs(selector: str, model: str) -> bool:
    """Whether the selector `selector` picks the service of the model setting `model`: it is
    a selector whose word before its last says nothing of which models (`llm_provider`,
    `TRADINGAGENTS_LLM_PROVIDER`), or one the model's name holds (`embedding_provider`
    beside `embedding_model`)."""
    if not selects(selector):
        return False
    words = selector.lower().replace("-", "_").split("_")
    scope = words[-2] if len(words) > 1 else ""
    return scope in SELECTOR_SCOPES or scope in model.lower()


def _elsewhere(
    ctx: PythonContext, container: cst.CSTNode, siblings: list[tuple[str, cst.BaseExpression]]
) -> bool:
    """Whether the settings of `container` say where their requests go themselves: a base
    URL beside them (the selector then picks a protocol, not a service), or an AutoGen
    config entry, whose `api_type` ML660 reads."""
    if any(config_key(name) in sdk.CONFIG_BASE_URL_KEYS for name, _ in siblings):
        return True
    return isinstance(container, (cst.Dict, cst.Call)) and (
        moved_entry(ctx, container)
        or left_config(ctx, container) is not None
        or elsewhere_config(ctx, container) is not None
    )


@dataclass(frozen=True)
class SelectedService:
    """A service other than OpenAI and the target that a function picks (`name`, as
    written) by assigning a setting named to pick it (`statement`)."""

    name: str
    statement: cst.BaseSmallStatement


def selected_service(ctx: PythonContext, node: cst.CSTNode) -> SelectedService | None:
    """The service the function holding `node` picks by assigning, in its body, a setting
    named to pick the service (`config.app["llm_provider"] = "aihubmix"`, `cfg.llm_provider
    = "groq"`, `SELECTOR_NAMES`) a name the program picks services by (`_picked`: a gateway
    of its registry too) or a known service's: the models the function sets or expects are
    that service's (MoneyPrinterTurbo's test of its AIHubMix entry, t52k). None where it
    picks none, OpenAI (or Azure OpenAI), the target, or more than one."""
    rules = ctx.rules
    function = next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)), None
    )
    if (
        function is None
        or rules.provider is None
        or not isinstance(function.body, cst.IndentedBlock)
    ):
        return None
    picked: list[SelectedService] = []
    for line in function.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                continue
            name = _setting_read(small.targets[0].target)
            if isinstance(small.targets[0].target, cst.Name):
                name = small.targets[0].target.value
            value = string_value(small.value)
            if name is not None and value is not None and selects(name):
                picked.append(SelectedService(value, small))
    if len({p.name.lower() for p in picked}) != 1:
        return None
    chosen = picked[0]
    lowered = chosen.name.lower()
    if lowered in OPENAI_SERVICES or lowered in target_names(ctx):
        return None
    names = known_services(rules.registry) | {n.name.lower() for n in _picked(ctx)}
    return chosen if lowered in names else None
