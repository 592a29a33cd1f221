"""OpenAI's base URL written beside a model of an API the provider lacks (ML402).

letta's `EmbeddingConfig.default_config` builds `cls(embedding_model="text-embedding-3-small",
embedding_endpoint="https://api.openai.com/v1", ...)`. ML402 switched the URL to DeepSeek's,
which serves no embeddings, while ML206 said in the same run to keep that call on OpenAI
(t55c D4a): the embeddings request then went to DeepSeek and got 404. The URL of an argument
list or dict display that also names a model of such an API, or whose own name says
embeddings (`embedding_endpoint=`), stays with it.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value

# words in the name of an argument or entry holding the URL of an embeddings service
_EMBEDDING_WORDS = ("embedding", "embed_")


def unserved_beside(ctx: PythonContext, url: cst.CSTNode) -> str | None:
    """Why OpenAI's URL `url` stays, in words (after "not switched: "), where it is an
    argument of a call or an entry of a dict display that also names an OpenAI model of an
    API the target does not serve, or whose name says embeddings and the target serves
    none; None otherwise."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    parents = ctx.ancestors(url)
    if len(parents) < 2:
        return None
    holder, container = parents[-1], parents[-2]
    if isinstance(holder, cst.Arg) and isinstance(container, cst.Call):
        named = [(a.keyword.value if a.keyword else "", a.value) for a in container.args]
        own = holder.keyword.value if holder.keyword else ""
    elif isinstance(holder, cst.DictElement) and isinstance(container, cst.Dict):
        named = [
            (string_value(e.key) or "", e.value)
            for e in container.elements
            if isinstance(e, cst.DictElement)
        ]
        own = string_value(holder.key) or ""
    else:
        return None
    for name, value in named:
        model = string_value(value)
        if model is None or value is url or not ctx.rules.openai.serves(model):
            continue
        surface = sdk.surface_of_model(model)
        if surface != "chat" and provider.support(surface) is False:
            line = ctx.line_label(ctx.position(value)[0][0])
            given = f"`{name}=`" if isinstance(holder, cst.Arg) else f"the entry {name!r}"
            return (
                f"it goes with the {surface} model {model!r} ({given} on {line}), and "
                f"{provider.name} serves no {surface} API on its OpenAI-compatible endpoint: "
                "keep them on OpenAI (its key from OpenAI's variable) or move them to another "
                "service, by hand"
            )
    if any(word in own.lower() for word in _EMBEDDING_WORDS) and (
        provider.support("embeddings") is False
    ):
        return (
            f"it is the {own} of an embeddings service, and {provider.name} serves no "
            "embeddings API on its OpenAI-compatible endpoint: keep it on OpenAI (its key from "
            "OpenAI's variable) or move it to another service, by hand"
        )
    return None
