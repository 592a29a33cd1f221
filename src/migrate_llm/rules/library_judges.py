"""ML670 for libraries whose classes judge with a model object of their own kind and build
their OpenAI model from a model name or none (`frameworks.libraries.JUDGED`): deepeval's
metrics and deepeval-haystack's `DeepEvalEvaluator`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.libraries import JUDGED, JudgedLibrary
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.wording import and_listed


@dataclass(frozen=True)
class JudgedCall:
    """A construction judging with the library's OpenAI model: `name` the call as a message
    shows it, `given` the model name it is given (None: none), `literal` the node that
    writes it, `settings` the settings keyword it goes through (empty: `model=` itself)."""

    node: cst.Call
    name: str
    given: str | None
    literal: cst.CSTNode | None
    settings: str = ""
    key: str = ""
    shown: str = ""  # the code of a name read from the environment


def judged_calls(ctx: PythonContext, library: JudgedLibrary) -> Iterator[JudgedCall]:
    """The constructions of `library`'s classes given a model name or none."""
    for node in ctx.nodes:
        if type(node) is cst.Call:
            found = judged_call(ctx, library, node)
            if found is not None:
                yield found


def judged_call(ctx: PythonContext, library: JudgedLibrary, call: cst.Call) -> JudgedCall | None:
    """`call` when it builds one of the library's classes (or passes settings to one) with
    a model name or none; None otherwise, or where what it is given is not shown."""
    name = get_full_name_for_node(call.func) or "call"
    found = qualified(ctx, call.func, library.classes)
    if found is not None:
        arg = argument(call, "model", library.classes[found])
        if arg is None:
            if any(a.star == "**" for a in call.args):
                return None
            return JudgedCall(call, name, None, None)
        return _named(ctx, call, name, arg.value)
    found = qualified(ctx, call.func, library.settings_calls)
    if found is None:
        return None
    keyword_name, position, key = library.settings_calls[found]
    arg = argument(call, keyword_name, position)
    settings = arg.value if arg is not None else None
    if isinstance(settings, cst.Name) and settings.value != "None":
        settings = ctx.bound_value(settings)
        if settings is None:
            return None  # a parameter, several bindings: not shown
    func = settings.func if isinstance(settings, cst.Call) else None
    if isinstance(settings, cst.Call) and isinstance(func, cst.Name) and func.value == "dict":
        given = argument(settings, key, None)
        if given is None and settings.args:
            return None
        found_key = given.value if given is not None else None
    elif isinstance(settings, cst.Dict):
        found_key = None
        for element in settings.elements:
            if not isinstance(element, cst.DictElement):
                return None  # `**others`
            if string_value(element.key) == key:
                found_key = element.value
    elif settings is None or (isinstance(settings, cst.Name) and settings.value == "None"):
        found_key = None
    else:
        return None
    if found_key is None:
        return JudgedCall(call, name, None, None, keyword_name, key)
    judged = _named(ctx, call, name, found_key)
    if judged is None:
        return None
    return replace(judged, settings=keyword_name, key=key)


def _named(
    ctx: PythonContext, call: cst.Call, name: str, value: cst.BaseExpression
) -> JudgedCall | None:
    """The call given `value` as its model when that is None or a model name (a string, a
    name bound to one, a read of the environment); None for anything else (an object)."""
    if isinstance(value, cst.Name) and value.value == "None":
        return JudgedCall(call, name, None, None)
    resolved = ctx.resolve_literal(value)
    if resolved is not None:
        literal = resolved[0] if resolved[2] == "literal" else None
        return JudgedCall(call, name, resolved[1], literal)
    env_read = isinstance(value, cst.Call) and bool(ctx.qualnames(value.func) & sdk.ENV_LOOKUPS)
    if env_read or (
        isinstance(value, cst.Subscript) and bool(ctx.qualnames(value.value) & {"os.environ"})
    ):
        return JudgedCall(call, name, "", None, shown=cst.Module([]).code_for_node(value))
    return None


def judged_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals of the constructions ML670 reports (ML204-ML206 leave them: a
    name alone, mapped or not, keeps the library at OpenAI)."""
    for library in JUDGED:
        if ctx.mentions(library.module):
            found = judged_call(ctx, library, call)
            if found is not None and found.literal is not None:
                yield found.literal


def judged_message(ctx: PythonContext, library: JudgedLibrary, found: JudgedCall) -> str:
    """What the construction sends to OpenAI, and what to pass for the provider of the run."""
    where = f'{found.settings}["{found.key}"]' if found.settings else "model="
    reads = f"which reads {and_listed(library.variables)}"
    if found.given is None:
        head = (
            f"{found.name}() is given no {where}: {library.package} builds its default OpenAI "
            f"model ({library.default}), {reads}; a model name alone does not move "
            f"{library.package}"
        )
    else:
        shown = repr(found.given) if found.literal is not None or found.given else found.shown
        head = (
            f"{found.name}() is given {where}{'=' if found.settings else ''}{shown}, a model "
            f"name: {library.package} builds its OpenAI model with it, {reads}; a model name "
            f"alone does not move {library.package}"
        )
    return f"{head}; {_advice(ctx, library, found)}"


def _advice(ctx: PythonContext, library: JudgedLibrary, found: JudgedCall) -> str:
    """Pass the library's model of an OpenAI-compatible endpoint pointed at the provider."""
    rules = ctx.rules
    provider = rules.provider
    cls = library.model_class
    if provider is None or not rules.switching or rules.base_url is None:
        code = f"{cls}(model=..., base_url=..., api_key=...)"
        whom, tail, choice = "another provider", " reading its base URL and key variables", ""
        after = " (`migrate-llm scan --provider ID` names them)"
    else:
        at = f"base_url={base_url_expr(provider, rules.base_url)}, api_key={key_expr(provider)}"
        candidates = provider.candidates()
        model = rules.map_model(found.given or library.mapped_from)
        if model is None and found.given in candidates:
            model = found.given  # already the provider's
        code = f'{cls}(model="{model}", {at})' if model else f"{cls}(model=<model>, {at})"
        choice = "" if model else f", <model> one of {', '.join(candidates)}"
        whom, tail, after = provider.name, "", ""
    imported = f"from {library.classes_module} import {cls}; {library.older}"
    if found.settings:
        what = (
            f'{found.settings}={{"{found.key}": {code}}}{tail} ({imported}; the evaluator\'s '
            f"to_dict() then fails){choice}, or set {library.package}'s local model "
            f"(`{library.configured_by}`: the model, base URL and key)"
        )
    else:
        what = f"model={code}{tail} ({imported}){choice}"
    return f"for {whom} pass {what}, by hand{after}"
