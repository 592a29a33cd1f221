"""A read of a base-URL variable whose value a module builds into an Azure OpenAI request's URL
(`{base}/openai/deployments/{name}/chat/completions?api-version=...`, t65b: lmql's
`get_azure_config`).

Such a value is an Azure resource's endpoint, sent Azure's key in an `api-key` header. Made
to read the provider's base-URL variable, with the provider's URL as its default, it sent the
Azure key to the provider, on a path the provider does not serve: ML401 leaves it, as Azure
clients are left (ML002); so is a key read in a function building such a URL, whose
requests carry it.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import string_value

if TYPE_CHECKING:
    from migrate_llm.rules.python_context import PythonContext

# what a read's value passes through to the name it is bound to (`cfg.get("b") or READ`)
_THROUGH = (cst.BooleanOperation, cst.IfExp)
# what builds a URL from parts
_BUILT = (cst.FormattedString, cst.BinaryOperation)


def azure_url_built(ctx: PythonContext, read: cst.CSTNode) -> cst.CSTNode | None:
    """The f-string or `+` building an Azure OpenAI request's URL (`sdk.AZURE_URL_MARKS`)
    from the value of `read`: holding the read itself, or a name the read is bound to (through
    `or` and conditional expressions) in the function holding it (else the module); None
    where there is none."""
    if _azure_run(ctx):
        return None
    node: cst.CSTNode = read
    parents = ctx.ancestors(read)
    for parent in reversed(parents):
        if isinstance(parent, (cst.FormattedString, cst.BinaryOperation)) and _marked(parent):
            return parent
        if not isinstance(
            parent, (*_THROUGH, cst.FormattedStringExpression, cst.Assign, cst.AnnAssign)
        ):
            break
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            node = parent
            break
    if not isinstance(node, (cst.Assign, cst.AnnAssign)):
        return None
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
    bound = {t.value for t in targets if isinstance(t, cst.Name)}
    if not bound:
        return None
    scope: cst.CSTNode = next(
        (a for a in reversed(parents) if isinstance(a, cst.FunctionDef)), ctx.module
    )
    return _built_from(ctx, scope, bound)


def azure_url_beside(ctx: PythonContext, read: cst.CSTNode) -> cst.CSTNode | None:
    """The first f-string or `+` building an Azure OpenAI request's URL in the function
    holding `read` (a key read there goes with that request: its `api-key`); None where the
    read is in none or the function builds none."""
    function = next(
        (a for a in reversed(ctx.ancestors(read)) if isinstance(a, cst.FunctionDef)), None
    )
    if function is None or _azure_run(ctx):
        return None
    return _built_from(ctx, function, None)


def _azure_run(ctx: PythonContext) -> bool:
    """Whether the run's target is Azure OpenAI, whose endpoint such a URL is built on."""
    provider = ctx.rules.provider
    return provider is not None and provider.azure is not None


def _built_from(
    ctx: PythonContext, node: cst.CSTNode, bound: set[str] | None
) -> cst.CSTNode | None:
    """The first f-string or `+` under `node` (in the order a walk meets them) marked as an
    Azure request's URL that reads one of the names `bound` (any, for None)."""
    marked = _marked_at(ctx)
    if not marked:
        return None
    at = ctx.index_of(node)
    for k in range(bisect.bisect_left(marked, at), bisect.bisect_left(marked, ctx.ends[at])):
        found = ctx.nodes[marked[k]]
        if bound is None or _reads(found, bound):
            return found
    return None


def _marked_at(ctx: PythonContext) -> list[int]:
    """The indices in `ctx.nodes` of the module's f-strings and `+` marked as an Azure
    request's URL (`_marked`), in order: found once a module, not by a walk of each
    function holding a read (a twentieth of a `check` of a module reading keys in many)."""
    found = ctx.analyses.get(_marked_at)
    if found is None:
        found = ctx.analyses[_marked_at] = [
            i for i, node in enumerate(ctx.nodes) if isinstance(node, _BUILT) and _marked(node)
        ]
    return found  # type: ignore[return-value]


def _reads(node: cst.CSTNode, bound: set[str]) -> bool:
    if isinstance(node, cst.Name) and node.value in bound:
        return True
    return any(_reads(child, bound) for child in node.children)


def _marked(node: cst.CSTNode) -> bool:
    """Whether the literal text of an f-string or `+` holds a mark of an Azure request's
    URL."""
    texts: list[str] = []
    if isinstance(node, cst.FormattedString):
        texts = [p.value for p in node.parts if isinstance(p, cst.FormattedStringText)]
    elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        for side in (node.left, node.right):
            if isinstance(side, cst.SimpleString):
                texts.append(string_value(side) or "")
            elif isinstance(side, (cst.FormattedString, cst.BinaryOperation)) and _marked(side):
                return True
    return any(mark in text for text in texts for mark in sdk.AZURE_URL_MARKS)
