"""Where crewAI is pointed at OpenAI by hand (see `migrate_llm.frameworks.crewai`).

An `LLM(base_url=...)` naming OpenAI's endpoint (whatever its `provider=`) is ML690's,
and an OpenAI embedder spec with no base URL of its own ML692's (as is one at the provider's
base URL with no key: `keyless_embedders`): they move the model, the URL and the key
together or leave them all. ML401 and ML402 leave the key and the URL given there
(`owned_by_crewai`): a key switched alone would go to OpenAI, a URL switched alone would
take OpenAI's key to the provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import libcst as cst

from migrate_llm.frameworks import crewai as fw
from migrate_llm.rules.framework_args import argument, dict_entries, qualified
from migrate_llm.rules.python_context import PythonContext, string_value

# the classes given an embedder spec as `embedder=`
_EMBEDDER_TAKERS = fw.KNOWLEDGE_TAKERS | fw.MEMORY_CLASSES


def openai_bases(ctx: PythonContext, call: cst.Call) -> list[cst.Arg]:
    """The base-URL arguments (`base_url=`, `api_base=`) of crewAI's `LLM()` when each names
    OpenAI's endpoint (an OpenAI URL, a read of an `OPENAI_*` variable, also through a name);
    empty when it has none or one points elsewhere. Whatever its `provider=`: crewAI's OpenAI
    client (`openai_client`) or another route (`other_route`), it sends there."""
    from migrate_llm.rules.clients import endpoint_of_value  # clients imports the rules

    if qualified(ctx, call.func, fw.LLM_CLASSES) is None:
        return []
    bases = [a for k in fw.BASE_KEYWORDS if (a := argument(call, k, None)) is not None]
    for arg in bases:
        value: cst.BaseExpression | None = arg.value
        if isinstance(value, cst.Name):  # `URL = os.getenv("OPENAI_BASE_URL")`
            value = ctx.bound_value(value)
        if value is None or _named_none(value) or endpoint_of_value(ctx, value).kind != "openai":
            return []
    return bases


def openai_client(call: cst.Call) -> bool:
    """Whether crewAI's `LLM()` is given `provider="openai"`: its OpenAI client, which sends
    the model as written to its base URL."""
    arg = argument(call, fw.PROVIDER_KEYWORD, None)
    return arg is not None and string_value(arg.value) == fw.OPENAI_CLIENT


def other_route(call: cst.Call) -> cst.Arg | None:
    """crewAI's `LLM()`'s `provider=` argument where it is not `"openai"` (or not a string
    the call shows): it picks that provider's route whatever the model, with what that route
    reads, so it cannot be moved to the target's route by an edit of the model alone."""
    arg = argument(call, fw.PROVIDER_KEYWORD, None)
    return None if arg is None or openai_client(call) else arg


def switched_key(call: cst.Call) -> tuple[cst.Arg | None, cst.SimpleString | None]:
    """crewAI's `LLM()`'s `api_key=` argument, and the name of the variable it reads where it
    is a plain read of OpenAI's key variable (`os.getenv("OPENAI_API_KEY")`,
    `os.environ["OPENAI_API_KEY"]`, `os.environ.get(...)`), else None."""
    arg = argument(call, fw.KEY_KEYWORD, None)
    if arg is None:
        return None, None
    value = arg.value
    named: cst.BaseExpression | None = None
    if isinstance(value, cst.Subscript) and len(value.slice) == 1:
        index = value.slice[0].slice
        named = index.value if isinstance(index, cst.Index) else None
    elif isinstance(value, cst.Call) and value.args:
        named = value.args[0].value
    if not isinstance(named, cst.SimpleString) or string_value(named) != fw.OPENAI_KEY_VARIABLE:
        return arg, None
    return arg, named


@dataclass(frozen=True)
class OpenAIEmbedder:
    """An OpenAI embedder spec given to crewAI (`{"provider": "openai", "config": {...}}`)
    with no base URL of its own, or OpenAI's: crewAI embeds with OpenAI. `model`: the model its
    config names (None: OpenAI's default for the spec), `others`: its config's other keys."""

    spec: cst.Dict
    shape: str  # "embedder" (Crew, Agent, Memory) or "tool" (a RAG tool's config)
    model: str | None
    model_node: cst.CSTNode | None
    entries: tuple[cst.DictElement, ...]  # its api_key and api_base entries
    others: tuple[str, ...]


@dataclass(frozen=True)
class KeylessEmbedder:
    """An OpenAI embedder spec given to crewAI whose `api_base` is the target provider's and
    whose config has no `api_key`: crewAI sends OpenAI's key there (`fw.EMBEDDER_KEY_FIRST`)."""

    spec: cst.Dict
    shape: str  # as OpenAIEmbedder's


def openai_embedders(ctx: PythonContext, call: cst.Call) -> list[OpenAIEmbedder]:
    """The OpenAI embedder specs `call` gives crewAI (a Crew's, Agent's or Memory's
    `embedder=`, a RAG tool's `config={"embedding_model": ...}`) that send to OpenAI."""
    given = _given_spec(ctx, call)
    found = _openai_spec(ctx, *given) if given is not None else None
    return [found] if found is not None else []


def keyless_embedders(ctx: PythonContext, call: cst.Call) -> list[KeylessEmbedder]:
    """The OpenAI embedder specs `call` gives crewAI pointed at the target provider (its URL,
    a read of its base-URL variable) with no `api_key` in their config."""
    from migrate_llm.rules.clients import endpoint_of_value  # clients imports the rules

    target = ctx.rules.provider
    given = _given_spec(ctx, call)
    config = _openai_config(given[0]) if given is not None and target is not None else None
    base = config.get(fw.EMBEDDER_BASE_KEY) if config is not None else None
    if given is None or config is None or base is None or fw.EMBEDDER_KEY_KEY in config:
        return []
    assert target is not None
    endpoint = endpoint_of_value(ctx, base.value)
    if endpoint.kind == "provider" and endpoint.provider is not None:
        ours = endpoint.provider.id == target.id
    else:
        ours = endpoint.kind == "dynamic" and endpoint.variable == target.base_url_env
    return [KeylessEmbedder(cast(cst.Dict, given[0]), given[1])] if ours else []


def _given_spec(ctx: PythonContext, call: cst.Call) -> tuple[cst.BaseExpression, str] | None:
    """The embedder spec `call` gives crewAI, also through a name, with its shape."""
    if qualified(ctx, call.func, _EMBEDDER_TAKERS) is not None:
        arg, shape = argument(call, fw.EMBEDDER_KEYWORD, None), "embedder"
        value = arg.value if arg is not None else None
    elif qualified(ctx, call.func, fw.RAG_TOOLS) is not None:
        arg, shape = argument(call, fw.TOOL_CONFIG_KEYWORD, None), "tool"
        config = dict_entries(arg.value) if arg is not None else None
        entry = config.get(fw.TOOL_EMBEDDER_KEYS[0]) if config is not None else None
        value = entry.value if entry is not None else None
    else:
        return None
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    return (value, shape) if value is not None else None


def _openai_config(value: cst.BaseExpression) -> dict[str, cst.DictElement] | None:
    """The config entries of an OpenAI embedder spec (`{"provider": "openai", ...}`), by key;
    None for another spec or a config the module does not show."""
    entries = dict_entries(value)
    provider = entries.get("provider") if entries is not None else None
    if provider is None or string_value(provider.value) != fw.EMBEDDER_PROVIDER:
        return None
    config_entry = cast(dict[str, cst.DictElement], entries).get("config")
    return dict_entries(config_entry.value) if config_entry is not None else {}


def _openai_spec(
    ctx: PythonContext, value: cst.BaseExpression, shape: str
) -> OpenAIEmbedder | None:
    from migrate_llm.rules.clients import endpoint_of_value  # clients imports the rules

    config = _openai_config(value)
    if config is None:
        return None
    base = config.get(fw.EMBEDDER_BASE_KEY)
    if base is not None and endpoint_of_value(ctx, base.value).kind != "openai":
        return None  # pointed elsewhere on purpose
    named = next((config[k] for k in fw.EMBEDDER_MODEL_KEYS if k in config), None)
    resolved = ctx.resolve_literal(named.value) if named is not None else None
    moved = (fw.EMBEDDER_KEY_KEY, fw.EMBEDDER_BASE_KEY)
    return OpenAIEmbedder(
        spec=cast(cst.Dict, value),
        shape=shape,
        model=resolved[1] if resolved is not None else None,
        model_node=resolved[0] if resolved is not None else None,
        entries=tuple(config[k] for k in moved if k in config),
        others=tuple(k for k in config if k not in (*moved, *fw.EMBEDDER_MODEL_KEYS)),
    )


def owned_by_crewai(ctx: PythonContext) -> frozenset[int]:
    """The nodes (by id) of the keys and base URLs given with crewAI's `LLM()` pointed at
    OpenAI and with an OpenAI embedder spec (`openai_bases`, `openai_embedders`): their
    rules move them together with the model, so ML401 and ML402 leave them."""
    found = ctx.analyses.get(owned_by_crewai)
    if found is None:
        ids: set[int] = set()
        if ctx.mentions("crewai"):
            for node in ctx.nodes:
                if type(node) is not cst.Call:
                    continue
                if bases := openai_bases(ctx, node):
                    key = switched_key(node)[0]
                    for arg in (*bases, *([key] if key is not None else [])):
                        ids.update(_subtree(arg.value))
                for embedder in openai_embedders(ctx, node):
                    for entry in embedder.entries:
                        ids.update(_subtree(entry.value))
        found = ctx.analyses[owned_by_crewai] = frozenset(ids)
    return cast(frozenset[int], found)


def embedder_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals of the OpenAI embedder specs ML692 reports: moved alone, the model
    would go to OpenAI with OpenAI's key (ML204 leaves them)."""
    for embedder in openai_embedders(ctx, call):
        if embedder.model_node is not None:
            yield embedder.model_node


def _subtree(node: cst.CSTNode) -> Iterator[int]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield id(current)
        stack.extend(current.children)


def _named_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"
