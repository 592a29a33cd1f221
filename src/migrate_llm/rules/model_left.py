"""Why `apply` leaves a model setting it would otherwise map (ML202 and ML204 ask both).

- The client that sends it stays on Azure OpenAI or OpenAI (`model_reach.kept_client`): that
  client still takes the OpenAI name, a deployment's on Azure (mem0's).
- A test of the module on the name it sets (`model_branches`), as `apply` leaves or widens it
  (ML205 adds the provider's models to some), passes the OpenAI model and not what it maps
  to, or the reverse: mapped, the program would take another branch (babyagi's).

Each answer is the one-line reason of a manual finding, or None.
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.model_branches import tests_on
from migrate_llm.rules.model_lookups import TableLookup, table_lookups
from migrate_llm.rules.model_reach import kept_client
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext


def kept_reason(ctx: PythonContext, subject: str, requests: Iterable[cst.Call]) -> str | None:
    """Why `subject` is left where one of `requests` (the requests that send it as their
    model) goes through a client `apply` leaves on Azure OpenAI or OpenAI."""
    for call in requests:
        kept = kept_client(ctx, call)
        if kept is None:
            continue
        where, client = kept
        deployment = ", where it names a deployment" if where.startswith("Azure") else ""
        return (
            f"{subject} is sent as model= on {_line(ctx, call)} through "
            f"{snippet(ctx, client.func)}() on {_line(ctx, client)}, which stays on "
            f"{where}{deployment}: apply leaves the model too; change them together, by hand"
        )
    return None


def branch_reason(
    ctx: PythonContext,
    subject: str,
    value: cst.CSTNode,
    model: str,
    new: str,
    methods: tuple[str, ...] = (),
) -> str | None:
    """Why `subject` (the literal `value`, holding `model`, read through `methods`) is left
    rather than mapped to `new`: a test of the name it sets treats the two otherwise."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    old_sent = sdk.through_methods(model, methods)
    new_sent = sdk.through_methods(new, methods)
    for test in tests_on(ctx, value):
        added = widened_by_ml205(ctx, test.widened) if test.widened is not None else ()
        passes_old = test.passes(old_sent)
        if passes_old == test.passes(new_sent, added):
            continue
        passes, fails = (model, new) if passes_old else (new, model)
        return (
            f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: "
            f"{snippet(ctx, test.node)} on {_line(ctx, test.node)} tests it, which {passes!r} "
            f"passes and {fails!r} does not, so the program would take another branch; change "
            "the test and the model together, by hand"
        )
    return None


def lookup_reason(
    ctx: PythonContext,
    subject: str,
    value: cst.CSTNode,
    new: str,
    methods: tuple[str, ...] = (),
    written: str = "setting",
) -> str | None:
    """Why `subject` (the literal `value`, read through `methods`, the `written` of its
    place: "default", "constant"...) is left rather than mapped to `new`: a table keyed by
    OpenAI model that the module looks it up in has no entry for `new`."""
    provider = ctx.rules.provider
    if provider is None:
        return None
    sent = sdk.through_methods(new, methods)
    for lookup in _lookups(ctx).get(id(value), ()):
        if sent in lookup.keys:
            continue
        missed = "a KeyError" if isinstance(lookup.node, cst.Subscript) else "None"
        return (
            f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: "
            f"{snippet(ctx, lookup.node)} on {_line(ctx, lookup.node)} looks it up, and "
            f"{lookup.table} has no entry for {sent!r} ({missed} once mapped): add one, "
            f"then change the {written}, by hand"
        )
    return None


def _lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups in ML205's tables each literal of the module may reach (found once)."""
    found = ctx.analyses.get(_lookups)
    if found is None:
        # ML205's tables come from the model rules, which build on this module
        from migrate_llm.rules.model_strings import ModelSites

        found = ctx.analyses[_lookups] = table_lookups(ctx, ModelSites.of(ctx).tables())
    return found  # type: ignore[return-value]


def widened_by_ml205(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, ...]:
    """The provider's models ML205 adds to a comparison, list, tuple or set (its edits found
    once per module, once the traversal is over)."""
    # ML205 builds on the model rules
    from migrate_llm.rules.model_strings import ModelElsewhere, ModelSites

    sites = ModelSites.of(ctx)
    if sites.widened is None:
        ModelElsewhere(ctx).findings.clear()  # reporting fills `widened`
    assert sites.widened is not None
    return sites.widened.get(id(node), ())


def _line(ctx: PythonContext, node: cst.CSTNode) -> str:
    return ctx.line_label(ctx.position(node)[0][0])
