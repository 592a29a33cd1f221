"""Framework classes apply leaves on OpenAI that read OpenAI's key variable themselves (t62d).

Given no key, LangChain's `OpenAIEmbeddings()` (left on OpenAI where the provider serves no
embeddings: ML601), LlamaIndex's `OpenAIEmbedding()` and the default models LlamaIndex builds
where no file sets them (ML612) take OPENAI_API_KEY from the environment, as does litellm's
`embedding()` given no key where ML640 leaves its model on OpenAI (a provider serving no
embeddings: WrenAI's embedder, t67d). The program still
needs that variable after apply: an example .env keeps its line (`RunFacts.openai_key_kept`,
`key_left`), the provider's added after it.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.python_context import PythonContext


def framework_reads_key(ctx: PythonContext) -> bool:
    """Whether the module builds a framework class apply leaves on OpenAI (its rule's finding
    carries no edit: `left_on_openai`) given no key nor a `**` mapping, or makes LlamaIndex
    build a default model on OpenAI (`default_models_built`)."""
    from migrate_llm.rules.framework_classes import any_framework_class
    from migrate_llm.rules.framework_llamaindex import default_models_built
    from migrate_llm.rules.key_destinations import left_on_openai

    llamaindex = "llama_index" in ctx.text
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        if llamaindex and default_models_built(ctx, node):
            return True
        if _litellm_embedding_left(ctx, node):
            return True
        cls = any_framework_class(ctx, node)
        if cls is None or any(a.star == "**" for a in node.args):
            continue
        given = {a.keyword.value for a in node.args if a.keyword is not None}
        if not given & set(cls.key) and left_on_openai(ctx, node):
            return True
    return False


def _litellm_embedding_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is litellm's embeddings call given no key nor a `**` mapping, whose
    model ML640 leaves on OpenAI for a provider serving no embeddings (`manual_model`)."""
    from migrate_llm.rules.framework_litellm import manual_model, model_call

    provider = ctx.rules.provider
    if provider is None or provider.supports.get("embeddings") is not False:
        return False
    found = model_call(ctx, call)
    if found is None or found.surface != "embeddings" or any(a.star for a in call.args):
        return False
    if any(a.keyword is not None and a.keyword.value == found.key for a in call.args):
        return False
    return manual_model(ctx, call) is not None
