"""chromadb's `OpenAIEmbeddingFunction` (`frameworks.chromadb`): what points it at a provider.

ML401 leaves a key that goes to it (a class named like OpenAI that apply does not rewrite)
and names chromadb's own keywords for the base URL and the model; where the key read is the
provider's already and the base URL is missing, apply adds them (`pointing_edit`). ML114
notes that its vectors change width.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.model import Edit, Span
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, literal
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.python_context import PythonContext, keyword, string_value


def chroma_function(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds chromadb's OpenAIEmbeddingFunction."""
    return qualified(ctx, call.func, chroma.FUNCTIONS) is not None


def target_model(ctx: PythonContext, call: cst.Call) -> str | None:
    """The provider's model for the function's: its `model_name=` literal (the provider's
    own, or what an OpenAI model maps to) or its default's; None where it is given another
    value or maps to nothing."""
    arg = keyword(call, chroma.MODEL)
    model = chroma.DEFAULT_MODEL if arg is None else string_value(arg.value)
    provider = ctx.rules.provider
    if model is None or provider is None:
        return None
    return model if provider.serves(model) else ctx.rules.map_model(model)


def no_embeddings_model(ctx: PythonContext) -> bool:
    """Whether the provider's file names no embeddings model (no `embedding` tier) and does not
    say it serves embeddings (DeepSeek, Moonshot): nothing there to point the function at."""
    provider = ctx.rules.provider
    return (
        provider is not None
        and not provider.candidates("embeddings")
        and provider.support("embeddings") is not True
    )


def unserved_advice(ctx: PythonContext) -> str:
    """What ML401 advises for the function where the provider serves no embeddings
    (`no_embeddings_model`): why, then the three ways out."""
    provider = ctx.rules.provider
    name = provider.name if provider is not None else "the provider"
    return (
        f"{name} serves no embeddings (its provider file names no embeddings model), so there "
        "is nothing of its own to point it at: keep this embedding function on OpenAI with "
        "OpenAI's key where OpenAI can be reached from where the program runs (then mark the "
        "line `# migrate-llm: ignore[ML401]`), point it at another host that serves "
        f"embeddings ({chroma.BASE_URL}=, {chroma.MODEL}= and that host's key), or use a "
        f"local embedding function instead (chromadb's {chroma.LOCAL_FUNCTION}(), which needs "
        "no key)"
    )


def pointing(ctx: PythonContext, call: cst.Call) -> str:
    """The keywords that point the function at the provider, as a message names them:
    `api_base=os.environ.get(...)` and, where its model is not the provider's,
    `model_name="..."` (chromadb's own keywords)."""
    provider, url = ctx.rules.provider, ctx.rules.base_url
    if provider is None or url is None:
        return f"{chroma.BASE_URL}= and {chroma.MODEL}= (chromadb's keywords)"
    parts = [f"{chroma.BASE_URL}={base_url_expr(provider, url)}"]
    given = keyword(call, chroma.MODEL)
    model = target_model(ctx, call)
    if model is not None and (given is None or string_value(given.value) != model):
        parts.append(f"{chroma.MODEL}={literal(model)}")
    elif model is None:
        # (where it names none, `no_embeddings_model`, ML401 says `unserved_advice` instead)
        models = ", ".join(provider.candidates("embeddings"))
        parts.append(
            f"{chroma.MODEL}= naming {provider.name}'s embeddings model"
            + (f" ({models})" if models else "")
        )
    return f"{' and '.join(parts)} (chromadb's keywords)"


def pointing_edit(ctx: PythonContext, call: cst.Call) -> tuple[Edit, tuple[str, ...]] | None:
    """The edit adding `api_base=` with the provider's base URL (and `model_name=` with its
    model where none is given) after the last argument, and the keywords it adds; None where
    the function is given a base URL, a `**mapping`, another model than a literal the
    provider serves, or the provider has no model for its default."""
    provider, url = ctx.rules.provider, ctx.rules.base_url
    if provider is None or url is None or not call.args or keyword(call, chroma.BASE_URL):
        return None
    if any(arg.star for arg in call.args):
        return None
    given = keyword(call, chroma.MODEL)
    model = target_model(ctx, call)
    if model is None or (given is not None and string_value(given.value) != model):
        return None
    added = {chroma.BASE_URL: base_url_expr(provider, url)}
    if given is None:
        added[chroma.MODEL] = literal(model)
    last = call.args[-1]
    if isinstance(last.comma, cst.Comma):  # `f(api_key=key,)`: after the comma
        text = "".join(f" {k}={v}," for k, v in added.items())
        end = ctx.text.index(",", ctx.span(last.value).end) + 1
    else:
        text = "".join(f", {k}={v}" for k, v in added.items())
        end = ctx.span(last.value).end
    return Edit(Span(end, end), text, imports=(IMPORT_OS,)), tuple(added)
