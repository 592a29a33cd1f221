"""Values that hold a model id though no name says so: a loop's variable over a collection
named for models (`for m in models`), the `id` of an entry of the SDK's model listing
(`[m.id for m in client.models.list().data]`), and a loop's variable over a list of those ids
(`ids = [m.id for m in ...]`, then `for i in ids`). A family check testing one
(`"gpt" in m.id`) tests a model id, as one testing a `model` variable does (ML205; t66g:
DemoGPT's `"gpt" in model.id` kept no MiniMax model of the listing, and `check` was silent)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.model_names import model_like, name_words
from migrate_llm.rules.python_context import PythonContext, last_name, without_id_methods

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp)


def holds_model_id(ctx: PythonContext, tested: cst.BaseExpression) -> bool:
    """Whether `tested` (with `.lower()` and the like around it) is a model id that a loop
    reads from a listing or a collection of models (the module's docstring)."""
    read = without_id_methods(tested)[0]
    if isinstance(read, cst.Attribute) and read.attr.value == sdk.MODEL_LISTING_ID:
        entry = read.value
        if not isinstance(entry, cst.Name):
            return False
        if model_like(entry.value):
            return True  # `model.id`
        iterated = _iterated(ctx, entry)
        return iterated is not None and (_listing(ctx, iterated) or _named_for_models(iterated))
    if isinstance(read, cst.Name):
        iterated = _iterated(ctx, read)
        return iterated is not None and (_named_for_models(iterated) or _listed_ids(ctx, iterated))
    return False


def _iterated(ctx: PythonContext, name: cst.Name) -> cst.BaseExpression | None:
    """What `name` is the variable of a loop over (`for name in X`, in a statement or a
    comprehension), where that is its one binding; else None."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    target = bound[0].node
    parents = ctx.ancestors(target) if isinstance(target, cst.Name) else ()
    loop = parents[-1] if parents else None
    if isinstance(loop, (cst.For, cst.CompFor)) and loop.target is target:
        return loop.iter
    return None


def _named_for_models(expr: cst.BaseExpression) -> bool:
    """Whether a collection is named for models (`models`, `self.model_list`): the
    plural "models" or a model-name word (`sdk.MODEL_NAME_WORDS`), and no word naming a
    path, file, type or weight of them (`sdk.MODEL_THING_WORDS`: `model_dirs`)."""
    name = last_name(expr)
    words = name_words(name)[1] if name is not None else []
    if not words or not sdk.MODEL_THING_WORDS.isdisjoint(words):
        return False
    return "models" in words or not sdk.MODEL_NAME_WORDS.isdisjoint(words)


def _listing(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether `expr` is the SDK's model listing, or its page's `data`, itself or through a
    name bound once to it (`models = client.models.list()`, then `models.data`)."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == sdk.MODEL_LISTING_PAGE:
        expr = expr.value
    if isinstance(expr, cst.Name):
        expr = ctx.bound_value(expr) or expr
    if isinstance(expr, cst.Attribute) and expr.attr.value == sdk.MODEL_LISTING_PAGE:
        expr = expr.value
    if isinstance(expr, cst.Await):
        expr = expr.expression
    info = ctx.sdk_call(expr) if isinstance(expr, cst.Call) else None
    return info is not None and info.path == sdk.MODEL_LISTING_PATH


def _listed_ids(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether `expr` is a name bound once to the ids of a listing's entries
    (`ids = [m.id for m in client.models.list().data]`)."""
    value = ctx.bound_value(expr) if isinstance(expr, cst.Name) else None
    if not isinstance(value, _COMPREHENSIONS) or not isinstance(value.elt, cst.Attribute):
        return False
    elt = value.elt
    return (
        elt.attr.value == sdk.MODEL_LISTING_ID
        and isinstance(elt.value, cst.Name)
        and isinstance(value.for_in.target, cst.Name)
        and elt.value.value == value.for_in.target.value
        and _listing(ctx, value.for_in.iter)
    )
