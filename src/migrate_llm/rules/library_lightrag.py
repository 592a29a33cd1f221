"""ML670 for LightRAG (lightrag-hku, `frameworks.lightrag`): its OpenAI and Azure OpenAI helpers
where a module passes or calls them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment

from migrate_llm.frameworks import lightrag
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.python_context import PythonContext, string_value

_ANOTHER = " (`migrate-llm scan --provider ID` names them)"
_SHIPPED = "OpenAI's, as lightrag-hku ships it"


@dataclass(frozen=True)
class LightragSite:
    """A use of one of LightRAG's OpenAI helpers that reaches OpenAI. `node`: where it is
    reported (the name, or the function of the call); `name`: the helper's name (`helper`:
    what `frameworks.lightrag` knows of it); `call`: the call that runs it with arguments
    (`openai_embed(...)`, `openai_embed.func(...)`, `functools.partial(openai_embed.func,
    ...)`), None for a reference (`embedding_func=openai_embed`); `given`: which of
    `base_url=` / `api_key=` that call gives; `spread`: whether it passes `**kwargs`;
    `partial`: whether the call is `functools.partial`'s (whose positions are not the
    helper's)."""

    node: cst.CSTNode
    name: str
    helper: lightrag.Helper
    call: cst.Call | None = None
    given: frozenset[str] = frozenset()
    spread: bool = False
    partial: bool = False


def lightrag_sites(ctx: PythonContext) -> Iterator[LightragSite]:
    """The uses of LightRAG's OpenAI helpers in the module that reach OpenAI, in order."""
    if not ctx.mentions(lightrag.MODULE):
        return
    seen: set[int] = set()  # names already read as part of a call or an import
    for node in ctx.nodes:
        kind = type(node)
        if kind is cst.Import or kind is cst.ImportFrom:
            seen.update(_imported_names(node))  # type: ignore[arg-type]
        elif kind is cst.Call:
            if _inspects(node):  # type: ignore[arg-type]
                seen.update(id(arg.value) for arg in node.args)  # type: ignore[attr-defined]
            seen.update(_configured(ctx, node))  # type: ignore[arg-type]
            site = _called(ctx, node, seen)  # type: ignore[arg-type]
            if site is not None and _reaches_openai(ctx, site):
                yield site
        elif (kind is cst.Name or kind is cst.Attribute) and id(node) not in seen:
            site = _referenced(ctx, node, seen)  # type: ignore[arg-type]
            if site is not None and _reaches_openai(ctx, site):
                yield site


def _configured(ctx: PythonContext, call: cst.Call) -> Iterator[int]:
    """`LightRAG(llm_model_func=openai_complete, llm_model_kwargs={"base_url": ..., "api_key":
    ...})`: the function sends the model named by llm_model_name where those say."""
    func = argument(call, lightrag.FUNC_KEYWORD, None)
    kwargs = argument(call, lightrag.KWARGS_KEYWORD, None)
    if func is None or kwargs is None or not qualified(ctx, call.func, lightrag.LIGHTRAG_CLASSES):
        return
    found = _helper(ctx, func.value)
    if found is None or found[1].kind != "chat" or found[1].model is not None:
        return
    value = kwargs.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    keys: set[str | None] = set()
    if isinstance(value, cst.Dict):
        keys = {string_value(e.key) for e in value.elements if isinstance(e, cst.DictElement)}
    elif isinstance(value, cst.Call) and get_full_name_for_node(value.func) == "dict":
        keys = {a.keyword.value for a in value.args if a.keyword is not None}
    if {lightrag.BASE_URL_KEYWORD, lightrag.KEY_KEYWORD} <= keys:
        yield id(func.value)


def _inspects(call: cst.Call) -> bool:
    """`isinstance(openai_embed, EmbeddingFunc)` and the like: a look at the helper, not a use."""
    func = call.func
    return isinstance(func, cst.Name) and func.value in _INSPECTING


_INSPECTING = frozenset({"isinstance", "hasattr", "getattr", "callable", "id", "type", "repr"})


def _imported_names(node: cst.Import | cst.ImportFrom) -> set[int]:
    found: set[int] = set()
    if isinstance(node.names, cst.ImportStar):
        return found
    for alias in node.names:
        parts: list[cst.CSTNode] = [alias.name]
        if alias.asname is not None:
            parts.append(alias.asname.name)
        while parts:
            part = parts.pop()
            found.add(id(part))
            if isinstance(part, cst.Attribute):
                parts += [part.value, part.attr]
    return found


def _helper(ctx: PythonContext, node: cst.BaseExpression) -> tuple[str, lightrag.Helper] | None:
    """(its name, the helper) where `node` names one of LightRAG's OpenAI helpers, or its
    unwrapped function (`openai_embed.func`)."""
    if isinstance(node, cst.Attribute) and node.attr.value == lightrag.UNWRAPPED:
        found = _helper(ctx, node.value)
        return (f"{found[0]}.{lightrag.UNWRAPPED}", found[1]) if found else None
    if not isinstance(node, (cst.Name, cst.Attribute)):
        return None
    name = qualified(ctx, node, lightrag.HELPERS)
    return (name.rpartition(".")[2], lightrag.HELPERS[name]) if name else None


def _called(ctx: PythonContext, call: cst.Call, seen: set[int]) -> LightragSite | None:
    """A call of a helper (or of `functools.partial` given one first): the keywords it
    gives are what the helper is given."""
    target = call.func
    found = _helper(ctx, target)
    if found is None and qualified(ctx, call.func, lightrag.PARTIALS) and call.args:
        first = call.args[0]
        if first.keyword is None and not first.star:
            target = first.value
            found = _helper(ctx, target)
    if found is None:
        return None
    seen.add(id(target))
    if isinstance(target, cst.Attribute):
        seen.add(id(target.value))
    given = frozenset(_given_keys(ctx, call) & {lightrag.BASE_URL_KEYWORD, lightrag.KEY_KEYWORD})
    spread = any(arg.star == "**" for arg in call.args)
    partial = target is not call.func
    return LightragSite(target, found[0], found[1], call, given, spread, partial)


def _referenced(
    ctx: PythonContext, node: cst.Name | cst.Attribute, seen: set[int]
) -> LightragSite | None:
    """A helper given as a value (`llm_model_func=gpt_4o_mini_complete`); not one of its
    attributes (`openai_embed.embedding_dim`)."""
    if isinstance(node, cst.Attribute):
        seen.add(id(node.value))  # `openai_embed.embedding_dim`: not a use of the helper
    found = _helper(ctx, node)
    if found is None or _bound_harmlessly(ctx, node):
        return None
    return LightragSite(node, found[0], found[1])


def _bound_harmlessly(ctx: PythonContext, node: cst.BaseExpression) -> bool:
    """Whether the helper `node` names is bound, in a function, to a name (`provider_func =
    openai_embed`, `f = openai_embed.func if isinstance(...) else openai_embed`) that every
    use the binding reaches only looks at (`f.embedding_dim`, `isinstance(f, ...)`, `if f`,
    `f is None`) or calls given `base_url=` and `api_key=` (also through `**kwargs`, a
    dict display holding both)."""
    parents = ctx.ancestors(node)
    value: cst.CSTNode = node
    while parents and isinstance(parents[-1], cst.IfExp) and parents[-1].test is not value:
        value, parents = parents[-1], parents[:-1]
    if not parents or not isinstance(statement := parents[-1], cst.Assign):
        return False
    if len(statement.targets) != 1 or not isinstance(
        target := statement.targets[0].target, cst.Name
    ):
        return False
    if not any(isinstance(p, cst.FunctionDef) for p in parents):
        return False  # a module's name: other modules may import it
    scope = ctx.scope(target)
    if scope is None:
        return False
    binding = next(
        (
            a
            for a in scope.assignments[target.value]
            if isinstance(a, Assignment) and a.node is target
        ),
        None,
    )
    if binding is None:
        return False
    for access in binding.references:
        use = access.node
        if not isinstance(use, cst.Name):
            return False
        if binding in ctx.reaching(use) and not _harmless_use(ctx, use):
            return False
    return True


def _harmless_use(ctx: PythonContext, use: cst.Name) -> bool:
    """A use of a name bound to a helper that only looks at it, or calls it given `base_url=`
    and `api_key=` (`_bound_harmlessly`)."""
    parents = ctx.ancestors(use)
    node: cst.CSTNode = use
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Attribute) and parent.value is use:
        if parent.attr.value != lightrag.UNWRAPPED:
            return True  # `f.embedding_dim`
        node, parents = parent, parents[:-1]
        parent = parents[-1] if parents else None
    if isinstance(parent, cst.Arg) and node is use and len(parents) > 1:
        call = parents[-2]
        return isinstance(call, cst.Call) and _inspects(call)  # `isinstance(f, ...)`
    if isinstance(parent, cst.Call) and parent.func is node:
        return {lightrag.BASE_URL_KEYWORD, lightrag.KEY_KEYWORD} <= _given_keys(ctx, parent)
    if isinstance(parent, cst.Comparison):  # `f is None`, `f is not None`
        return all(
            isinstance(c.operator, (cst.Is, cst.IsNot)) and _none(c.comparator)
            for c in parent.comparisons
        )
    while isinstance(parent, cst.BooleanOperation):  # `if f and isinstance(f, ...)`
        node, parents = parent, parents[:-1]
        parent = parents[-1] if parents else None
    if isinstance(parent, (cst.If, cst.While, cst.IfExp)):
        return parent.test is node
    return isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)


def _given_keys(ctx: PythonContext, call: cst.Call) -> set[str]:
    """The keywords a call gives that are not None: its own, and the keys of the dict display
    a `**name` it passes is last bound to before it in the same block (`kwargs = {"base_url":
    host, "api_key": key, ...}`, then `f(**kwargs)`)."""
    given = {
        arg.keyword.value for arg in call.args if arg.keyword is not None and not _none(arg.value)
    }
    for arg in call.args:
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            given |= _display_keys(ctx, arg.value)
        elif arg.star == "**" and isinstance(arg.value, cst.Dict):
            given |= _keys(arg.value)
    return given


def _display_keys(ctx: PythonContext, name: cst.Name) -> set[str]:
    """The string keys of the dict display `name` is bound to where it is used, where the
    last binding before the use is a statement of a block holding the use (it runs first)."""
    before = [
        b
        for b in ctx.reaching(name)
        if isinstance(b, Assignment) and ctx.index_of(b.node) < ctx.index_of(name)
    ]
    if not before:
        return set()
    last = max(before, key=lambda b: ctx.index_of(b.node))
    parents = ctx.ancestors(last.node)
    value = ctx.index.assigned.get(id(last.node))
    if len(parents) < 4 or not isinstance(value, cst.Dict):
        return set()
    if parents[-4] not in ctx.ancestors(name):
        return set()  # bound in a branch of its own
    return _keys(value)


def _keys(value: cst.Dict) -> set[str]:
    """The string keys of a dict display whose values are not None."""
    return {
        key
        for element in value.elements
        if isinstance(element, cst.DictElement)
        and (key := string_value(element.key)) is not None
        and not _none(element.value)
    }


def _reaches_openai(ctx: PythonContext, site: LightragSite) -> bool:
    """Whether the use sends to OpenAI (or Azure OpenAI): a helper of OpenAI's own model or
    Azure's always; `openai_complete_if_cache` / `openai_embed` where they are called
    without `base_url=` or `api_key=` (`openai_embed` also where passed as it is)."""
    kind = site.helper.kind
    if kind.startswith("azure_"):
        provider = ctx.rules.provider
        return provider is None or provider.azure is None  # an Azure target is Azure's
    if kind == "chat":
        return True
    if site.call is None:
        return kind == "embedding"
    return len(site.given) < 2


def _none(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def lightrag_message(ctx: PythonContext, site: LightragSite) -> str:
    """What the use sends where, and what to write for the provider of the run."""
    helper = site.helper
    # its module's defaults, not named: apply rewrites them where the project holds that module
    where = f"the base URL, with the key, its module defaults to ({_SHIPPED})"
    embedding = helper.kind in ("embedding", "azure_embedding")
    if helper.kind.startswith("azure_"):
        what = "embedding" if embedding else "chat helper"
        reads = ", ".join(helper.variables)
        model = f", {helper.model} unless told otherwise" if helper.model else ""
        head = (
            f"{site.name} is LightRAG's Azure OpenAI {what}: it builds AsyncAzureOpenAI from "
            f"{reads}{model}, whatever base URL it is given"
        )
    elif site.call is not None and helper.kind != "chat":
        return _call_message(ctx, site, where)
    elif helper.kind == "chat":
        model = helper.model or "LightRAG's llm_model_name (gpt-4o-mini unless given)"
        head = f"{site.name} is LightRAG's OpenAI chat helper: it sends {model} to {where}"
    else:
        head = f"{site.name} is LightRAG's OpenAI embedding: it sends its default model to {where}"
    advice = _embedding_advice(ctx, site) if embedding else _chat_advice(ctx, site)
    return f"{head}; {advice}"


def _chat_advice(ctx: PythonContext, site: LightragSite) -> str:
    """LightRAG's recipe for an OpenAI-compatible API: an async function of one's own that
    calls `openai_complete_if_cache` with the provider's model, base URL and key."""
    rules = ctx.rules
    provider = rules.provider
    complete = "openai_complete_if_cache"
    if provider is None or not rules.switching or rules.base_url is None:
        model, at, note, who = "<its model>", "base_url=<its base URL>, api_key=<its key>", "", ""
        who = "another provider"
    else:
        mapped = rules.map_model(site.helper.model or "gpt-4o-mini")
        candidates = provider.candidates("chat")
        model = f'"{mapped}"' if mapped else "<model>"
        note = "" if mapped else f" (<model> one of {', '.join(candidates)})"
        at = f"base_url={base_url_expr(provider, rules.base_url)}, api_key={key_expr(provider)}"
        who = provider.name
    code = (
        "async def llm_model_func(prompt, system_prompt=None, history_messages=None, **kwargs): "
        f"return await {complete}({model}, prompt, system_prompt=system_prompt, "
        f"history_messages=history_messages, {at}, **kwargs)"
    )
    advice = (
        f"for {who} use an async function of your own instead, as LightRAG's recipe for "
        f"OpenAI-compatible APIs does: `{code}`{note} (from lightrag.llm.openai import {complete})"
    )
    return f"{advice}, by hand{_ANOTHER if who == 'another provider' else ''}"


def _embedding_advice(ctx: PythonContext, site: LightragSite) -> str:
    """An embedding function of one's own around `openai_embed.func` with the provider's
    embedding model, base URL and key; another provider's where this one serves none."""
    rules = ctx.rules
    provider = rules.provider
    embed = site.name.removesuffix(f".{lightrag.UNWRAPPED}")
    if embed.startswith("azure_"):
        embed = embed.removeprefix("azure_")
    size, tokens = "<the size of its vectors>", lightrag.EMBEDDING_TOKENS
    model, at, note = "<its model>", "base_url=<its base URL>, api_key=<its key>", ""
    if provider is None or not rules.switching or rules.base_url is None:
        who = "for another provider pass"
        tail = f", by hand{_ANOTHER}"
    elif provider.support("embeddings") is False:
        who = (
            f"{provider.name} serves no embeddings: for the embeddings of a provider that "
            "serves them pass"
        )
        tail = ", by hand"
    else:
        mapped = rules.map_model(site.helper.model or "text-embedding-3-small")
        candidates = provider.candidates("embeddings")
        model = f'"{mapped}"' if mapped else "<model>"
        note = f" (<model> one of {', '.join(candidates)})" if not mapped and candidates else ""
        width = provider.params.get("embedding_default_dimensions")
        size = str(width) if isinstance(width, int) else size
        at = f"base_url={base_url_expr(provider, rules.base_url)}, api_key={key_expr(provider)}"
        who = f"for {provider.name} pass"
        tail = ", by hand"
    code = (
        f"@{lightrag.WRAPPER}(embedding_dim={size}, max_token_size={tokens}, model_name={model}) "
        f"async def embedding_func(texts): return await {embed}.{lightrag.UNWRAPPED}(texts, "
        f"model={model}, {at})"
    )
    return (
        f"{who} embedding_func= an embedding function of your own, as LightRAG's recipe for "
        f"OpenAI-compatible APIs does: `{code}`{note} (from lightrag.utils import "
        f"{lightrag.WRAPPER}){tail}"
    )


def _call_message(ctx: PythonContext, site: LightragSite, where: str) -> str:
    """`openai_complete_if_cache(...)` / `openai_embed(...)` called without `base_url=` or
    `api_key=`: the arguments to add."""
    call = site.call
    assert call is not None
    embedding = site.helper.kind == "embedding"
    missing = [k for k in (lightrag.BASE_URL_KEYWORD, lightrag.KEY_KEYWORD) if k not in site.given]
    if not site.given:
        given = f"neither {lightrag.BASE_URL_KEYWORD}= nor {lightrag.KEY_KEYWORD}="
        outcome = f"LightRAG sends it to {where}"
    elif lightrag.BASE_URL_KEYWORD in site.given:
        given = f"{lightrag.BASE_URL_KEYWORD}= but no {lightrag.KEY_KEYWORD}="
        outcome = (
            f"LightRAG reads {lightrag.KEY_VARIABLE} for the key (an OpenAI key goes to that URL; "
            "unset, the call fails)"
        )
    else:
        given = f"{lightrag.KEY_KEYWORD}= but no {lightrag.BASE_URL_KEYWORD}="
        outcome = f"LightRAG sends it to the base URL its module defaults to ({_SHIPPED})"
    if site.spread:
        given += " (unless ** holds them)"
    sent = ""
    if embedding:
        model_arg = argument(call, lightrag.MODEL_KEYWORD, None if site.partial else 1)
        if model_arg is None:
            sent = " (nor model=: its default model)"
    shown = f"partial({site.name}, ...)" if site.partial else f"{site.name}()"
    head = f"{shown} is given {given}{sent}: {outcome}"
    rules = ctx.rules
    provider = rules.provider
    if provider is None or not rules.switching or rules.base_url is None:
        parts = " and ".join(f"{k}=" for k in missing)
        return f"{head}; for another provider pass {parts} reading its variables, by hand{_ANOTHER}"
    if embedding and provider.support("embeddings") is False:
        return (
            f"{head}; {provider.name} serves no embeddings: pass {lightrag.MODEL_KEYWORD}=, "
            f"{lightrag.BASE_URL_KEYWORD}= and {lightrag.KEY_KEYWORD}= of a provider that "
            "serves them, by hand"
        )
    code = {
        lightrag.BASE_URL_KEYWORD: base_url_expr(provider, rules.base_url),
        lightrag.KEY_KEYWORD: key_expr(provider),
    }
    passed = [f"{k}={code[k]}" for k in missing]
    if sent:
        mapped = rules.map_model(site.helper.model or "")
        choice = f'"{mapped}"' if mapped else "<model>"
        passed.insert(0, f"{lightrag.MODEL_KEYWORD}={choice}")
    return f"{head}; for {provider.name} pass {', '.join(passed)}, by hand"
