"""openai<1.0 request arguments in the `model_kwargs` of LangChain's OpenAI classes (ML304).

LangChain spreads a class's `model_kwargs` into every request it makes (`lc.MODEL_KWARGS`):
from langchain 0.0.332 on openai>=1 into the client's `create(**params)`, which raises
TypeError on an argument only openai<1.0 took (AgentGPT's `"headers"`, t50g D2). The names
come from the SDK's tables (`openai_sdk.V1_INSTEAD`); the class is one of `lc.CLASSES`, a
class of the module deriving from one, or a name bound only to such classes.
"""

from __future__ import annotations

from typing import NamedTuple, cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks.pins import FIRST_OPENAI_V1, version_text
from migrate_llm.model import Edit, FixClass
from migrate_llm.rules.framework_classes import framework_class, local_names, mentions_framework
from migrate_llm.rules.model_values import reaching_values
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import requote

_LANGCHAIN = lc.MONOLITH_REQUIREMENT


class LegacyEntry(NamedTuple):
    """An entry of a `model_kwargs` dict display that only openai<1.0 took."""

    key: cst.BaseExpression  # the entry's key, where it is reported
    name: str  # `headers`
    shown: str  # the class built: `WrappedChatOpenAI()`
    fix: FixClass
    edit: Edit | None
    message: str


def legacy_entries(ctx: PythonContext, call: cst.Call) -> list[LegacyEntry]:
    """The entries of the `model_kwargs` a construction of a LangChain OpenAI class is given
    (`model_kwargs={...}`, a name bound once to a dict display, or the "model_kwargs" entry
    of a dict spread into the call) whose key only openai<1.0's requests took. `headers` is
    renamed `extra_headers` where its key is a string literal the dict does not hold
    renamed already (review: the older releases send that in the body); the others are
    left to a person, with what v1 takes instead."""
    if not mentions_framework(ctx) or not ctx.mentions(lc.MODEL_KWARGS):
        return []
    displays = _model_kwargs(ctx, call)
    shown = _langchain_class(ctx, call.func) if displays else None
    if shown is None:
        return []
    found: list[LegacyEntry] = []
    for display in displays:
        keys = {string_value(e.key) for e in display.elements if isinstance(e, cst.DictElement)}
        for element in display.elements:
            if not isinstance(element, cst.DictElement):
                continue
            name = string_value(element.key)
            if name is None or name not in sdk.V1_INSTEAD:
                continue
            found.append(_entry(ctx, element.key, name, shown, keys))
    return found


def _entry(
    ctx: PythonContext, key: cst.BaseExpression, name: str, shown: str, keys: set[str | None]
) -> LegacyEntry:
    what = (
        f"key {name!r} of the {lc.MODEL_KWARGS} given to {shown} is an argument of openai<1.0: "
        f"LangChain passes {lc.MODEL_KWARGS} to the client's create(), which raises TypeError "
        "on it under openai>=1"
    )
    new = sdk.LEGACY_CALL_RENAMED_KWARGS.get(name)
    text = requote(key, new) if new and isinstance(key, cst.SimpleString) else None
    if new is None or text is None or new in keys:
        instead = sdk.V1_INSTEAD[name]
        if name in sdk.LEGACY_REQUEST_KWARGS:
            instead = "give it to the class instead"
        elif new in keys:
            instead = f"v1 calls take {new}=, which the dict holds too: merge them"
        message = f"{what}; {instead}, by hand"
        return LegacyEntry(key, name, shown, FixClass.MANUAL, None, message)
    message = (
        f"{what}; v1 calls take {new}=: apply renames the key (review: that needs openai>=1 "
        f"and {_LANGCHAIN}>={version_text(FIRST_OPENAI_V1[_LANGCHAIN])}, as ML504 asks; "
        "openai<1 sends the renamed entry in the request body)"
    )
    return LegacyEntry(key, name, shown, FixClass.REVIEW, Edit(ctx.span(key), text), message)


def _model_kwargs(ctx: PythonContext, call: cst.Call) -> list[cst.Dict]:
    """The dict displays given as the call's `model_kwargs`: the keyword's value (or the
    display a name is bound to once), or a "model_kwargs" entry of a dict spread into it."""
    found: list[cst.Dict] = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == lc.MODEL_KWARGS:
            display = _dict_of(ctx, arg.value)
        elif arg.star == "**" and (spread := _dict_of(ctx, arg.value)) is not None:
            display = _dict_of(ctx, _entry_value(spread, lc.MODEL_KWARGS))
        else:
            continue
        if display is not None:
            found.append(display)
    return found


def _entry_value(display: cst.Dict, key: str) -> cst.BaseExpression | None:
    for element in display.elements:
        if isinstance(element, cst.DictElement) and string_value(element.key) == key:
            return element.value
    return None


def _dict_of(ctx: PythonContext, expr: cst.BaseExpression | None) -> cst.Dict | None:
    """The dict display `expr` is, or the one a name is bound to once."""
    if isinstance(expr, cst.Name):
        expr = ctx.bound_value(expr)
    return expr if isinstance(expr, cst.Dict) else None


def _langchain_class(ctx: PythonContext, func: cst.BaseExpression) -> str | None:
    """How the class `func` builds is shown: `ChatOpenAI() (LangChain)` for one of LangChain's
    OpenAI classes, `WrappedChatOpenAI() (deriving from LangChain's ChatOpenAI)` for a class
    of the module deriving from one, `model() (WrappedChatOpenAI or WrappedAzureChatOpenAI)`
    for a name every value of which that reaches the call is one of those (`model =
    WrappedChatOpenAI`, then `model(**kwargs)`); None for anything else."""
    found = _class_name(ctx, func)
    if found is not None:
        name, base = found
        how = "LangChain" if base is None else f"deriving from LangChain's {base}"
        return f"{name}() ({how})"
    if not isinstance(func, cst.Name):
        return None
    names = [_class_name(ctx, v) for v in reaching_values(ctx, func)]
    if not names or None in names:
        return None
    shown = dict.fromkeys(n[0] for n in names if n is not None)
    return f"{func.value}() ({' or '.join(shown)})"


def _class_name(ctx: PythonContext, expr: cst.BaseExpression) -> tuple[str, str | None] | None:
    """(the class's name, the LangChain class it derives from) for a class of the module
    deriving from one of LangChain's OpenAI classes; (the name, None) for one of those."""
    hit = framework_class(ctx, expr, lc.CLASSES, local_names(ctx, lc.CLASSES))
    if hit is not None:
        return hit[1].name, None
    if isinstance(expr, cst.Name) and expr.value in (derived := derived_classes(ctx)):
        return expr.value, derived[expr.value]
    return None


def derived_classes(ctx: PythonContext) -> dict[str, str]:
    """The classes of the module deriving from one of LangChain's OpenAI classes, directly
    or through other classes of the module: name -> the LangChain class's name. Found once
    per module."""
    found = ctx.analyses.get(derived_classes)
    if found is None:
        names = local_names(ctx, lc.CLASSES)
        defs = [n for n in ctx.nodes if isinstance(n, cst.ClassDef)]
        derived: dict[str, str] = {}
        grown = True
        while grown:
            grown = False
            for node in defs:
                if node.name.value in derived:
                    continue
                for base in node.bases:
                    hit = framework_class(ctx, base.value, lc.CLASSES, names)
                    if hit is not None:
                        derived[node.name.value] = hit[1].name
                    elif isinstance(base.value, cst.Name) and base.value.value in derived:
                        derived[node.name.value] = derived[base.value.value]
                    else:
                        continue
                    grown = True
                    break
        found = ctx.analyses[derived_classes] = derived
    return cast("dict[str, str]", found)
