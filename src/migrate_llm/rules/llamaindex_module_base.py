"""LlamaIndex's OpenAI classes a module leaves on OpenAI that read openai's module-level base
URL (t62d, Chainlit's cookbook llama-index).

Given no `api_key=` / `api_base=`, LlamaIndex's `OpenAI` and `OpenAIEmbedding` (and the default
models it builds from them) take the key from OPENAI_API_KEY before `openai.api_key`, but the
base URL from `openai.base_url` (`li.ENV_KEY_WITH_MODULE_BASE_URL`). Where such a class stays
on OpenAI (its rule leaves it: the provider serves no embeddings; or a default model no file
sets) and the module-level client is pointed at the provider, the class sends OpenAI's key,
which apply tells the user to keep for it, to the provider's URL. ML103 and the setup of the
module-level client then leave that client on OpenAI, and ML401 the key read it holds.
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.frameworks import llamaindex as li
from migrate_llm.rules.python_context import PythonContext


def module_base_readers(ctx: PythonContext) -> tuple[str, ...]:
    """What in the module builds such a class that apply leaves on OpenAI, each as
    "`<call>()` (line N)", in the order of the text; empty where nothing does (or the run
    switches no provider). Worked out once per module."""
    found = ctx.analyses.get(module_base_readers)
    if found is None:
        found = ctx.analyses[module_base_readers] = [_readers(ctx)]
    return cast("list[tuple[str, ...]]", found)[0]


def _readers(ctx: PythonContext) -> tuple[str, ...]:
    from migrate_llm.rules.framework_classes import framework_class, local_names
    from migrate_llm.rules.framework_llamaindex import default_models_built
    from migrate_llm.rules.key_destinations import left_on_openai

    if not li.ENV_KEY_WITH_MODULE_BASE_URL or not ctx.rules.switching:
        return ()
    if "llama_index" not in ctx.text:
        return ()
    names = local_names(ctx, li.CLASSES)
    found: list[str] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        what = ""
        cls = framework_class(ctx, node.func, li.CLASSES, names) if names else None
        if cls is not None:
            given = {a.keyword.value for a in node.args if a.keyword is not None}
            spread = any(a.star == "**" for a in node.args)
            # given a key but no base URL, it still sends that key to the module's
            if not spread and not given & set(cls[1].base_url) and left_on_openai(ctx, node):
                what = f"{ctx.code(node.func)}()"
        elif built := default_models_built(ctx, node):
            what = f"{ctx.code(node.func)}() (LlamaIndex's default {built})"
        if what:
            found.append(f"{what} on {ctx.line_label(ctx.position(node)[0][0])}")
    return tuple(found)


def module_client_stays(ctx: PythonContext) -> bool:
    """Whether openai's module-level client stays on OpenAI for that reason, and with it the
    requests the module makes through it (t7: ML201 and ML118 leave their model, ML102 says
    where they go): such a class is built (`module_base_readers`), and the module's settings
    of that client, which ML103 leaves, point it nowhere else (no `openai.base_url = ...`
    reading the provider's variable or naming its URL); in a module setting nothing (apply
    adds no setup: `module_client_setup`), where no module of the project configures it."""
    # clients imports the rules built on this module
    from migrate_llm.rules.calls import reads_target_variable
    from migrate_llm.rules.clients import endpoint_of_value

    if not module_base_readers(ctx):
        return False
    index = ctx.index
    if not index.config_assigns and not index.base_url_assigns:
        return not ctx.rules.facts.openai_configured
    return not any(
        reads_target_variable(ctx, ctx.rules.provider, assign.value)
        or endpoint_of_value(ctx, assign.value).kind == "provider"
        for assign in index.base_url_assigns
    )
