"""ML670 for an embedder part of a library's config pointed at the provider (mem0's
`"embedder": {"provider": "openai", "config": {"openai_base_url": ...}}`): the model it
sends, the size of vectors it asks for and the size its vector store is made for must be
the provider's (`library_configs.pointed_embedders`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrate_llm.frameworks.libraries import ConfiguredLibrary
from migrate_llm.model import Edit, Severity, Span
from migrate_llm.rules.clients import classify_url, env_var_read
from migrate_llm.rules.library_configs import PointedEmbedder, pointed_embedders, shaped_label
from migrate_llm.rules.python_context import PythonContext

_DEPTH = 3


@dataclass(frozen=True)
class SizeIssue:
    """What to report: where, the message, its severity and the edit (None: by hand)."""

    node: cst.CSTNode
    message: str
    severity: Severity
    edit: Edit | None


def size_issues(ctx: PythonContext, library: ConfiguredLibrary) -> Iterator[SizeIssue]:
    """For each embedder part pointed at the provider of the run: a missing model (the
    library sends OpenAI's), a size of vectors the provider does not return, a vector store
    made for another size than the one the provider's model returns."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching or provider.support("embeddings") is False:
        return
    for embedder in pointed_embedders(ctx, library):
        if _provider_url(ctx, embedder.base_url):
            yield from _issues(ctx, embedder)


def _provider_url(ctx: PythonContext, value: cst.BaseExpression, depth: int = _DEPTH) -> bool:
    """Whether a base URL is the provider's: a read of its base-URL variable, or its URL
    (through names bound once)."""
    provider = ctx.rules.provider
    assert provider is not None
    if isinstance(value, cst.Name) and depth > 0:
        bound = ctx.bound_value(value)
        return bound is not None and _provider_url(ctx, bound, depth - 1)
    read = env_var_read(ctx, value)
    if read is not None:
        return read[0] == provider.base_url_env
    resolved = ctx.resolve_literal(value)
    if resolved is None:
        return False
    endpoint = classify_url(ctx, resolved[1])
    found = endpoint.provider
    return endpoint.kind == "provider" and found is not None and found.id == provider.id


def _model_literal(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[cst.BaseExpression, str, str] | None:
    """The model string an embedder's "model" names (`resolve_literal`), also through a name
    bound once to a read of the environment with a default (`EMB = os.environ.get("EMB_MODEL",
    "embedding-3")`: that default, "env default")."""
    resolved = ctx.resolve_literal(value)
    if resolved is None and isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        found = None if bound is None else ctx.resolve_literal(bound)
        if found is not None and found[2] == "env default":
            return found
    return resolved


def _issues(ctx: PythonContext, embedder: PointedEmbedder) -> Iterator[SizeIssue]:
    provider = ctx.rules.provider
    assert provider is not None
    section = embedder.section
    where = f'"{section.keys[0]}" of {embedder.taker}()'
    if embedder.shaped:
        where = f'"{section.keys[0]}" of {shaped_label(embedder.shaped, section).rstrip(",")}'
    name = provider.name
    tier = provider.tiers.get("embedding")
    model = embedder.values.get("model")
    if model is None:
        if tier is None:
            return
        edit = _insert(ctx, embedder.holder, f'"model": "{tier}"')
        yield SizeIssue(
            embedder.node,
            f'{where} is pointed at {name} but gives no "model": {section.builds} then sends '
            f'{section.default_model}, which {name} does not serve; set "model": '
            f'"{tier}" (its embedding model)',
            Severity.ERROR,
            edit,
        )
    else:
        resolved = _model_literal(ctx, model)
        if resolved is None or resolved[1] != tier:
            return  # another model of the provider's, whose size the provider's file does not give
        if resolved[2] == "env default":  # `EMB = os.environ.get("EMB_MODEL", "embedding-3")`
            where += f" (its model {resolved[1]}, the default of the variable it reads)"
    offered = provider.params.get("embedding_dimensions")
    default = provider.params.get("embedding_default_dimensions")
    if not isinstance(default, int):
        return
    width = default
    size_key = section.size_key
    asked = None if size_key is None else embedder.values.get(size_key)
    shown = None if asked is None else _size(ctx, asked)
    if asked is not None and shown is not None:
        value, said, constant = shown
        if isinstance(offered, list) and value not in offered:
            sizes = ", ".join(map(str, offered))
            to = f"{constant} to {default}" if constant else str(default)
            yield SizeIssue(
                asked,
                f'"{size_key}" {said} of {where}: sent as dimensions={value}, which {name} '
                f"rejects (its model returns {sizes}; {default} when not asked); set "
                f"{to}, with the vector store the same",
                Severity.ERROR,
                None if constant else Edit(ctx.span(asked), str(default)),
            )
        elif not isinstance(offered, list) and value != default:
            return  # not known to be refused: the provider's file lists no sizes
        else:
            width = value
    elif asked is not None:
        return  # a size the module does not show
    yield from _store_issue(ctx, embedder, where, width)


def _store_issue(
    ctx: PythonContext, embedder: PointedEmbedder, where: str, width: int
) -> Iterator[SizeIssue]:
    """The vector store made for another size than `width`, the one the embedder returns."""
    section = embedder.section
    store = embedder.store
    if store is None or embedder.store_values is None:
        return  # not shown
    setting = section.store_size(store)
    if setting is None:
        return  # it takes the size of the vectors it is first given (chroma)
    key, held = setting
    given = embedder.store_values.get(key)
    said = f'"{section.store_key}" ({store})'
    if given is not None:
        shown = _size(ctx, given)
        if shown is not None and shown[0] != width:
            value, written, constant = shown
            to = f"{constant} to {width}" if constant else str(width)
            yield SizeIssue(
                given,
                f'"{key}" {written} of {said}: {where} returns vectors of {width}, '
                f"which a store made for {value} rejects; set {to} (re-embed what it holds)",
                Severity.ERROR,
                None if constant else Edit(ctx.span(given), str(width)),
            )
        return
    if held == width:
        return
    holds = f"holds {held} unless its" if held is not None else "needs its"
    yield SizeIssue(
        embedder.node,
        f'{said} {holds} "{key}" says, and {where} returns vectors of {width}: the store '
        f'rejects them; set "{key}": {width} in its "config"',
        Severity.ERROR,
        _insert(ctx, embedder.store_holder, f'"{key}": {width}'),
    )


def _size(ctx: PythonContext, value: cst.BaseExpression) -> tuple[int, str, str] | None:
    """The size of vectors a setting holds as the module shows it, how a message writes it
    and the constant holding it: a number (`1536`, no constant), or a name bound once to one
    (`DIMS = 1536`: `DIMS (1536, line 3)`, "DIMS"), which a person changes, as other code may
    read it; None otherwise."""
    if isinstance(value, cst.Integer):
        return int(value.evaluated_value), value.value, ""
    bound = ctx.bound_value(value) if isinstance(value, cst.Name) else None
    if not isinstance(value, cst.Name) or not isinstance(bound, cst.Integer):
        return None
    line = ctx.line_label(ctx.position(bound)[0][0])
    return int(bound.evaluated_value), f"{value.value} ({bound.value}, {line})", value.value


def _insert(ctx: PythonContext, holder: cst.CSTNode | None, entry: str) -> Edit | None:
    """The edit adding `entry` first in a dict display that holds entries (None otherwise):
    the same space follows it as follows the `{`."""
    if not isinstance(holder, cst.Dict) or not holder.elements:
        return None
    space = ctx.code(holder.lbrace.whitespace_after)
    start = ctx.span(holder.elements[0]).start
    return Edit(Span(start, start), f"{entry},{space or ' '}")
