"""ML670 for GraphRAG's model entries written in code (`frameworks.graphrag`): a dict, or a
keyword set (`ModelConfig(...)`, `dict(...)`), whose `model_provider` picks OpenAI and that
names no `api_base` (or picks Azure OpenAI), as the YAML case is ML502's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import BuiltinAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import graphrag as fw
from migrate_llm.rules.code_templates import base_url_expr, key_expr, literal
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.models import article
from migrate_llm.rules.python_context import PythonContext, string_value


@dataclass(frozen=True)
class GraphragEntry:
    """A model entry in code: `node` the dict display or call, `selector` the value picking
    OpenAI or Azure (`provider`), `model` its model's value (None: not given), `key` its key's,
    `keyword`: whether it is written as keywords (`api_base=`) rather than a dict's entries."""

    node: cst.Dict | cst.Call
    selector: cst.BaseExpression
    provider: str
    model: cst.BaseExpression | None
    key: cst.BaseExpression | None
    keyword: bool
    azure_keys: tuple[str, ...] = ()  # the Azure-only settings it gives (`fw.AZURE_KEYS`)


def graphrag_sites(ctx: PythonContext) -> list[GraphragEntry]:
    """The module's GraphRAG model entries that go to OpenAI (no `api_base`, or None) or to
    Azure OpenAI, found once a module (none unless it mentions `model_provider`)."""
    found = ctx.analyses.get(graphrag_sites)
    if found is None:
        found = ctx.analyses[graphrag_sites] = list(_sites(ctx))
    return cast(list[GraphragEntry], found)


def graphrag_site(ctx: PythonContext, node: cst.CSTNode | None) -> GraphragEntry | None:
    """The entry ML670 reports that `node` (a dict display or call) is, if any."""
    return next((site for site in graphrag_sites(ctx) if site.node is node), None)


def graphrag_model_values(ctx: PythonContext) -> Iterator[cst.CSTNode]:
    """The model literals written in the entries ML670 reports (also an environment read's
    default): the message names the provider's model, and ML204-ML206 leave them (mapped
    alone, the provider's model would go to OpenAI)."""
    for site in graphrag_sites(ctx):
        resolved = ctx.resolve_literal(site.model) if site.model is not None else None
        if resolved is not None and resolved[2] in ("literal", "env default"):
            yield resolved[0]


def _sites(ctx: PythonContext) -> Iterator[GraphragEntry]:
    if fw.PROVIDER_KEY not in ctx.text:
        return
    for node in ctx.nodes:
        entries: dict[str, cst.BaseExpression] | None = None
        keyword = False
        if type(node) is cst.Dict:
            entries = _dict_entries(node)
        elif type(node) is cst.Call and _takes_entries(ctx, node.func):
            keyword = True
            entries = _keywords(node)
        if entries is None or fw.PROVIDER_KEY not in entries or fw.MODEL_KEY not in entries:
            continue
        selector = entries[fw.PROVIDER_KEY]
        resolved = ctx.resolve_literal(selector)
        picked = resolved[1].strip().lower() if resolved is not None else None
        if picked not in (fw.OPENAI_PROVIDER, fw.AZURE_PROVIDER):
            continue
        if _mock(entries.get(fw.TYPE_KEY)):
            continue  # answers from its mock responses
        base = entries.get(fw.BASE_URL_KEY)
        if picked == fw.OPENAI_PROVIDER and base is not None and not _none(base):
            continue  # its requests go where that says (an OpenAI URL there is ML402's)
        if picked == fw.AZURE_PROVIDER and _azure_target(ctx):
            continue
        assert isinstance(node, (cst.Dict, cst.Call))
        yield GraphragEntry(
            node,
            selector,
            picked,
            entries[fw.MODEL_KEY],
            entries.get(fw.KEY_KEY),
            keyword,
            tuple(k for k in fw.AZURE_KEYS if k in entries),
        )


def _dict_entries(node: cst.Dict) -> dict[str, cst.BaseExpression] | None:
    """The string-keyed entries of a dict display; None where `**` may add more."""
    found: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = string_value(element.key)
        if key is not None:
            found[key] = element.value
    return found


def _keywords(call: cst.Call) -> dict[str, cst.BaseExpression] | None:
    """The keyword arguments of a call; None where `**` or a position may give more."""
    if any(a.star or a.keyword is None for a in call.args):
        return None
    return {a.keyword.value: a.value for a in call.args if a.keyword is not None}


def _takes_entries(ctx: PythonContext, func: cst.BaseExpression) -> bool:
    """`ModelConfig(...)` (`fw.CONFIG_CLASSES`), or the builtin `dict(...)`."""
    if isinstance(func, cst.Name) and func.value == "dict":
        return all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
    return qualified(ctx, func, fw.CONFIG_CLASSES) is not None


def _mock(kind: cst.BaseExpression | None) -> bool:
    """Whether an entry's type is GraphRAG's mock (`"mock"`, `LLMProviderType.MockLLM`)."""
    if isinstance(kind, cst.Attribute):
        owner = kind.value
        named = owner.attr.value if isinstance(owner, cst.Attribute) else None
        if isinstance(owner, cst.Name):
            named = owner.value
        return (named, kind.attr.value) == fw.MOCK_MEMBER
    return kind is not None and (string_value(kind) or "").lower() == fw.MOCK_TYPE


def _none(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def _azure_target(ctx: PythonContext) -> bool:
    provider = ctx.rules.provider
    return provider is not None and provider.azure is not None


def graphrag_message(ctx: PythonContext, site: GraphragEntry) -> str:
    """What the entry does and what to give it for the provider of the run."""
    shown = _set(site, fw.PROVIDER_KEY, ctx.code(site.selector))
    if site.provider == fw.AZURE_PROVIDER:
        head = (
            f"{shown} sends this GraphRAG model entry to Azure OpenAI, where "
            "its model names a deployment of your resource and its key is Azure's"
        )
    else:
        reads = " and ".join(fw.VARIABLES)
        head = (
            f"{shown} with no {fw.BASE_URL_KEY}: GraphRAG sends this model "
            f"entry through litellm to api.openai.com (litellm reads {reads} for the base URL "
            "it leaves out)"
        )
    rules = ctx.rules
    provider = rules.provider
    if provider is None or not rules.switching or rules.base_url is None:
        return (
            f"{head}; for another provider give it {_set(site, fw.BASE_URL_KEY, '<its URL>')}, "
            f"{_set(site, fw.KEY_KEY, '<its key>')} and one of its models, by hand "
            "(`migrate-llm scan --provider ID` names them)"
        )
    model, surface = _model(ctx, site)
    if surface != "chat" and provider.support(surface) is False:
        return (
            f"{head}; {provider.name} has no {surface} API: keep this entry on OpenAI or give "
            f"it {fw.BASE_URL_KEY}, {fw.KEY_KEY} and a model of a provider that serves "
            f"{surface}, by hand"
        )
    key_text = ctx.code(site.key) if site.key is not None else ""
    template = fw.referenced(string_value(site.key) or "") if site.key is not None else None
    if template is not None:
        # a settings text GraphRAG reads (`yaml.dump(...)`): its `${VAR}` takes no default
        url = literal(rules.base_url)
        key = literal(f"${{{provider.api_key_env}}}")
        note = " (written out: GraphRAG's ${VAR} takes no default)"
    else:
        url = base_url_expr(provider, rules.base_url)
        key = key_expr(provider)
        note = ""
    instead = f" in place of {key_text}" if key_text else ""
    pick = drop = ""
    if site.provider != fw.OPENAI_PROVIDER:
        pick = f"{_set(site, fw.PROVIDER_KEY, literal(fw.OPENAI_PROVIDER))}, "
        drop = f" (without {' and '.join(site.azure_keys)})" if site.azure_keys else ""
    return (
        f"{head}; for {provider.name} give it {pick}{_set(site, fw.BASE_URL_KEY, url)}{note} "
        f"and {_set(site, fw.KEY_KEY, key)}{instead}{model}{drop}, by hand"
    )


def _set(site: GraphragEntry, name: str, value: str) -> str:
    return f"{name}={value}" if site.keyword else f"{literal(name)}: {value}"


def _model(ctx: PythonContext, site: GraphragEntry) -> tuple[str, str]:
    """` and model 'qwen4-max' (for 'gpt-4.1')`, and the API surface of the entry's model."""
    provider = ctx.rules.provider
    assert provider is not None
    resolved = ctx.resolve_literal(site.model) if site.model is not None else None
    some = f" and {article(provider.name)} {provider.name} model as {fw.MODEL_KEY}"
    if resolved is None:
        return some, "chat"
    value = resolved[1]
    surface = sdk.surface_of_model(value)
    if provider.serves(value):
        return "", surface
    mapped = ctx.rules.map_model(value)
    if mapped is None:
        return f"{some} ({value!r} has no mapping)", surface
    return f" and {_set(site, fw.MODEL_KEY, literal(mapped))} (for {value!r})", surface
