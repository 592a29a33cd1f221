"""ML670 for libraries whose calls build OpenAI models for what they are not given
(`frameworks.libraries.DEFAULTING`): ragas' `evaluate(...)` without `llm=` or `embeddings=`
where the metrics it runs need them, and calls that build OpenAI models whatever they get."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks.libraries import DefaultingLibrary
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.python_context import PythonContext, keyword
from migrate_llm.rules.wording import and_listed

_PARTS = ("llm", "embeddings")


@dataclass(frozen=True)
class DefaultedCall:
    """A call that builds OpenAI models: `missing` the parts it is not given (both for one of
    `openai_calls` or a `legacy` form), `name` the call as a message shows it (`evaluate`)."""

    node: cst.Call
    name: str
    missing: tuple[str, ...]
    named: str = ""  # for one of `openai_calls`: the models it sends
    legacy: str = ""  # for a form of a call that takes no model: what to use instead
    form: str = ""  # and the keyword that marks that form


def defaulted_calls(ctx: PythonContext, library: DefaultingLibrary) -> Iterator[DefaultedCall]:
    """The calls of `library` in the module that build OpenAI models of their own."""
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        name = get_full_name_for_node(node.func) or "call"
        found = qualified(ctx, node.func, library.openai_calls)
        if found is not None:
            yield DefaultedCall(node, name, _PARTS, library.openai_calls[found])
            continue
        found = qualified(ctx, node.func, library.calls)
        if found is None:
            continue
        form, instead = library.legacy.get(found, ("", ""))
        if form and _legacy(node, form):
            yield DefaultedCall(node, name, _PARTS, legacy=instead, form=form)
            continue
        needed = _needed(ctx, library, node, found)
        parts = library.calls[found]
        missing = tuple(
            part
            for part in _PARTS
            if part in parts and part in needed and not _given(node, *parts[part])
        )
        if missing:
            yield DefaultedCall(node, name, missing)


def _given(call: cst.Call, name: str, position: int | None) -> bool:
    """Whether the call is given `name=` (not None), or an argument at `position`."""
    arg = argument(call, name, position)
    return arg is not None and not (isinstance(arg.value, cst.Name) and arg.value.value == "None")


def _legacy(call: cst.Call, name: str) -> bool:
    """Whether the call takes the form that takes no model: given `name=`, or first a name
    of a member or a string (ragas-haystack 0.1's `RagasEvaluator(RagasMetric.FAITHFULNESS)`)
    where the later form takes a list."""
    if keyword(call, name) is not None:
        return True
    first = argument(call, name, 0)
    return first is not None and isinstance(first.value, (cst.Attribute, cst.SimpleString))


def _needed(ctx: PythonContext, library: DefaultingLibrary, call: cst.Call, name: str) -> set[str]:
    """The parts the metrics the call runs need and do not carry (`Faithfulness(llm=...)`
    carries its LLM): both where the call names no metrics (the library's defaults need both)
    or the module does not show them; all of its parts for a call that runs no metrics."""
    if name not in library.metrics:
        return set(_PARTS)
    keyword_name, position = library.metrics[name]
    given = argument(call, keyword_name, position)
    if given is None:
        return set(_PARTS)
    metrics = given.value
    if isinstance(metrics, cst.Name):
        metrics = ctx.bound_value(metrics) or metrics
    if not isinstance(metrics, (cst.List, cst.Tuple)):
        return set(_PARTS)
    needed: set[str] = set()
    for element in metrics.elements:
        if not isinstance(element, cst.Element):
            return set(_PARTS)  # `*others`
        needed |= _metric_needs(ctx, library, element.value)
    return needed


def _metric_needs(
    ctx: PythonContext, library: DefaultingLibrary, metric: cst.BaseExpression
) -> set[str]:
    """What one metric needs from the call: an LLM unless it is one of the library's that
    needs none or it is built with `llm=`; embeddings where it is one of the library's that
    needs them (or not the library's) and is not built with `embeddings=`."""
    built = metric if isinstance(metric, cst.Call) else None
    names = ctx.qualnames(built.func if built is not None else metric)
    prefix = library.metric_module + "."
    ours = {n.rpartition(".")[2] for n in names if n.startswith(prefix)}
    needs: set[str] = set()
    if not ours or not ours <= library.llm_free_metrics:
        needs.add("llm")
    if not ours or ours & library.embedding_metrics:
        needs.add("embeddings")
    if built is not None:
        needs = {part for part in needs if not _given(built, part, None)}
    return needs


def defaulted_message(ctx: PythonContext, library: DefaultingLibrary, found: DefaultedCall) -> str:
    """What the call builds and what to pass instead for the provider of the run."""
    reads = and_listed(library.variables)
    missing = found.missing
    built = {"llm": "an LLM", "embeddings": "embeddings"}
    models = " and ".join(f"{built[part]} ({library.default[part]})" for part in missing)
    if found.named:
        head = (
            f"{found.name}() builds {library.llm_class} and {library.embeddings_class} at "
            f"OpenAI ({found.named}), which read {reads}"
        )
    elif found.legacy:
        head = (
            f"{found.name}({found.form}=...) gives {library.package} no model: it builds "
            f"{models} at OpenAI for the metric, which read {reads}"
        )
    else:
        given = " nor ".join(f"{_keyword(ctx, library, found, part)}=" for part in missing)
        head = (
            f"{found.name}() is given no {given}: {library.package} builds {models} at OpenAI "
            f"for the metrics that need them, which read {reads}"
        )
    return f"{head}; {_advice(ctx, library, found)}"


def _advice(ctx: PythonContext, library: DefaultingLibrary, found: DefaultedCall) -> str:
    """What to pass for the provider of the run: langchain's classes pointed at it (wrapped
    where the call takes the library's objects), with its models; where it serves no
    embeddings, embeddings of another provider."""
    rules = ctx.rules
    provider = rules.provider
    extra = library.embeddings_extra
    lacking: set[str] = set()
    if provider is None or not rules.switching or rules.base_url is None:
        codes = {
            "llm": f"{library.llm_class}(model=..., base_url=..., api_key=...)",
            "embeddings": f"{library.embeddings_class}(model=..., base_url=..., api_key=..., "
            f"{extra})",
        }
        whom, choice = "another provider", ""
        tail = " reading its base URL and key variables"
        after = " (`migrate-llm scan --provider ID` names them)"
    else:
        at = f"base_url={base_url_expr(provider, rules.base_url)}, api_key={key_expr(provider)}"
        llm = rules.map_model(library.mapped_from["llm"])
        chat = f'model="{llm}"' if llm else "model=<model>"
        codes = {"llm": f"{library.llm_class}({chat}, {at})"}
        choice = "" if llm else f", <model> one of {', '.join(provider.candidates())}"
        if provider.support("embeddings") is False:
            lacking.add("embeddings")
            codes["embeddings"] = (
                f"of a provider that serves them ({provider.name} has no embeddings API; not "
                "OpenAI's)"
            )
        else:
            embedding = rules.map_model(library.mapped_from["embeddings"])
            model = f'model="{embedding}"' if embedding else "model=<embedding model>"
            limit = provider.params.get("embedding_batch_max")
            if isinstance(limit, int) and limit < lc.BATCH_DEFAULT:
                extra += f", {lc.BATCH_SIZE}={limit}"  # the provider takes fewer a request
            codes["embeddings"] = f"{library.embeddings_class}({model}, {at}, {extra})"
        whom, tail, after = provider.name, "", ""
    wrapped = bool(found.legacy) or any(
        name in library.wrapped for name in ctx.qualnames(found.node.func)
    )
    given = []
    imports: dict[str, list[str]] = {}
    for part in found.missing:
        keyword_name = _keyword(ctx, library, found, part)
        if part in lacking:
            given.append(f"{keyword_name}= {codes[part]}")
            continue
        cls = library.llm_class if part == "llm" else library.embeddings_class
        imports.setdefault(library.classes_module, []).append(cls)
        code = codes[part]
        if wrapped:
            wrapper, module = library.wrappers[part]
            imports.setdefault(module, []).append(wrapper)
            code = f"{wrapper}({code})"
        given.append(f"{keyword_name}={code}")
    what = " and ".join(given)
    if found.named:
        what = f"{found.name.rpartition('.')[0]}.from_langchain(llm, llm, embeddings) with {what}"
    elif found.legacy:
        what = f"{found.legacy} with {what}"
    shown = "; ".join(
        f"from {module} import {', '.join(names)}" for module, names in imports.items()
    )
    shown = f" ({shown})" if shown else ""
    return f"for {whom} pass {what}{tail}{shown}{choice}, by hand{after}"


def _keyword(
    ctx: PythonContext, library: DefaultingLibrary, found: DefaultedCall, part: str
) -> str:
    """The keyword through which the call takes the part (`llm`, `evaluator_llm`)."""
    if found.named:
        return part
    for name in sorted(ctx.qualnames(found.node.func) & library.calls.keys()):
        return library.calls[name][part][0]
    return part
