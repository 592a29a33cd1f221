"""Menus whose options are model ids: the program sends the one a person picks.

A list or tuple of models given as the options of a menu (`sdk.MENU_WIDGETS`: knowledge_gpt's
`st.selectbox("Model", options=MODEL_LIST)`), itself or through the name it is bound to once,
whose value the module binds to a name it sends as a model (passed as `model=`, or the name
says it holds one), holds the ids the program sends, the first by default: not a check of
models. Widened, knowledge_gpt's menu kept `gpt-3.5-turbo` first, which SiliconFlow refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.model_reach import holder_of, reads_of
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.rewrite import requote


@dataclass(frozen=True)
class Menu:
    """A menu of models: `call` the widget, `chosen` the name its value is bound to, `sent`
    the first argument passing that name as a model (`model=model`; None where the name
    alone says it holds one), `default` the argument picking its default option (`index=`),
    `labels` the argument showing the options through the program's function
    (`format_func=`)."""

    call: cst.Call
    chosen: cst.Name
    sent: cst.Arg | None
    default: cst.Arg | None
    labels: cst.Arg | None


def menu_of(
    ctx: PythonContext, container: cst.CSTNode, model_like: Callable[[str], bool]
) -> Menu | None:
    """The menu whose options `container` is, where its value is sent as a model
    (`model_like`: whether a name or keyword holds one); None elsewhere."""
    holder = holder_of(ctx, container)
    given = [container]
    if isinstance(holder, cst.Name):
        given += reads_of(ctx, holder)
    for value in given:
        above = ctx.ancestors(value)
        if len(above) < 2 or not isinstance(above[-1], cst.Arg) or above[-1].value is not value:
            continue
        call = above[-2]
        if not isinstance(call, cst.Call):
            continue
        name = qualified(ctx, call.func, sdk.MENU_WIDGETS)
        if name is None:
            continue
        options, default = sdk.MENU_WIDGETS[name]
        if argument(call, *options) is not above[-1]:
            continue
        menu = _sent_menu(ctx, call, model_like)
        if menu is not None:
            labels = next(
                (a for k in sdk.MENU_LABEL_KEYWORDS if (a := keyword(call, k)) is not None), None
            )
            return Menu(call, *menu, argument(call, *default), labels)
    return None


def _sent_menu(
    ctx: PythonContext, call: cst.Call, model_like: Callable[[str], bool]
) -> tuple[cst.Name, cst.Arg | None] | None:
    """(the name the menu's value is bound to, the first argument sending it as a model)."""
    chosen = holder_of(ctx, call)
    if not isinstance(chosen, cst.Name):
        return None
    for read in reads_of(ctx, chosen):
        above = ctx.ancestors(read)
        arg = above[-1] if above else None
        if (
            isinstance(arg, cst.Arg)
            and arg.value is read
            and arg.keyword is not None
            and model_like(arg.keyword.value)
        ):
            return chosen, arg
    return (chosen, None) if model_like(chosen.value) else None


def options_edit(
    ctx: PythonContext,
    container: cst.List | cst.Tuple,
    mapped: dict[int, tuple[cst.SimpleString, str]],
) -> Edit | None:
    """One edit of a menu's options with each literal of `mapped` (by id: the literal, its
    model) requoted to its model, and an option that would repeat an earlier one dropped with
    the comma after it (those after the last one kept, with the comma before them). None
    where a model cannot be written in its literal's quotes."""
    elements = list(container.elements)
    seen: set[str | None] = set()
    texts: list[str | None] = []  # None: dropped
    for element in elements:
        found = mapped.get(id(element.value))
        value = found[1] if found is not None else string_value(element.value)
        if value is not None and value in seen:
            texts.append(None)
            continue
        seen.add(value)
        written = ctx.code(element.value) if found is None else requote(*found)
        if written is None:
            return None
        texts.append(written)
    whole = ctx.span(container)
    last = max(i for i, t in enumerate(texts) if t is not None)
    cuts: list[tuple[int, int, str]] = []
    for i, (element, new) in enumerate(zip(elements, texts, strict=True)):
        at = ctx.span(element.value)
        if new is not None:
            cuts.append((at.start, at.end, new))
        elif i < last:
            cuts.append((at.start, ctx.span(elements[i + 1].value).start, ""))
        elif i == last + 1:  # from the end of the last one kept to the end of the last
            cuts.append((ctx.span(elements[last].value).end, ctx.span(elements[-1].value).end, ""))
    text = ctx.text[whole.start : whole.end]
    for start, end, new in sorted(cuts, key=lambda c: -c[0]):
        text = text[: start - whole.start] + new + text[end - whole.start :]
    return Edit(whole, text)
