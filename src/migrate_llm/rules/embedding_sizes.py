"""ML114's rewrite of a size written for the vectors of one embeddings request.

nano-graphrag declares the width of what its embedding function returns in the function's
decorator, `@wrap_embedding_func_with_attrs(embedding_dim=1536, ...)`, and every vector store
it fills is created that wide: once apply maps the request's `text-embedding-3-small` to a
model returning 1024 wide vectors, each store rejects them. Such a literal declares the size
of exactly the vectors that request returns, so apply writes the new size there, in the same
run as the mapping (review). A size anything else may read (a constant, a parameter's
default, an attribute), or written beside more than one request, is left to a person.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.registry import Provider
from migrate_llm.rules.python_context import PythonContext

_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def stated_width(provider: Provider, model: str) -> int | None:
    """The width of `model`'s vectors as the provider's file states it: its entry of
    `[params] embedding_model_dimensions`, or `embedding_default_dimensions` for the
    `embedding` tier's model; None where the file says neither, or marks it uncertain."""
    params, uncertain = provider.params, provider.uncertain
    sizes = params.get("embedding_model_dimensions")
    if isinstance(sizes, dict) and model in sizes:
        held = "params.embedding_model_dimensions"
        return None if held in uncertain else sizes[model]
    default = params.get("embedding_default_dimensions")
    if model != provider.tiers.get("embedding") or not isinstance(default, int):
        return None
    return None if "params.embedding_default_dimensions" in uncertain else default


def model_width(provider: Provider, models: list[str | None]) -> int | None:
    """The width of the vectors the provider's models `models` return sent no `dimensions=`,
    where the file gives one for them all: each one's entry of `[params]
    embedding_model_dimensions` (SiliconFlow's Qwen3-Embedding-8B: 4096), else
    `embedding_default_dimensions`; None where they differ or the file says neither."""
    params = provider.params
    sizes = params.get("embedding_model_dimensions")
    sizes = sizes if isinstance(sizes, dict) else {}
    default = params.get("embedding_default_dimensions")
    found = {sizes.get(model, default) for model in models}
    width = found.pop() if len(found) == 1 else None
    return width if isinstance(width, int) else None


def own_size(
    ctx: PythonContext, request: cst.Call, size: cst.CSTNode, requests: list[cst.Call]
) -> bool:
    """Whether the literal `size` declares the width of the vectors `request` returns alone:
    a keyword's integer (`embedding_dim=1536`) of a decorator of the function making the
    request, of a call in that function's own body, or of a call holding the request; the
    function (or the module, at its level) making no other embeddings request of `requests`."""
    above = ctx.ancestors(size)
    parent = above[-1] if above else None
    if not isinstance(size, cst.Integer) or not isinstance(parent, cst.Arg):
        return False
    if parent.keyword is None:
        return False
    call = ctx.ancestors(parent)[-1]
    scope = _scope(ctx, request)
    if any(other is not request and _scope(ctx, other) is scope for other in requests):
        return False
    if isinstance(scope, cst.FunctionDef):
        if any(call is d.decorator for d in scope.decorators):
            return True
        return _scope(ctx, call) is scope and not _in_decorators(ctx, call)
    return isinstance(call, cst.Call) and call in ctx.ancestors(request)


def _scope(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The innermost function, class or lambda holding `node` (None: the module's level)."""
    return next((a for a in reversed(ctx.ancestors(node)) if isinstance(a, _SCOPES)), None)


def _in_decorators(ctx: PythonContext, node: cst.CSTNode) -> bool:
    return any(isinstance(a, cst.Decorator) for a in ctx.ancestors(node))
