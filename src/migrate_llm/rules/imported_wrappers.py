"""Calls of a function of another module of the project that hands a parameter on to an
OpenAI SDK request (`RunFacts.wrapper_params`): tree-of-thought-llm's `from tot.models import
gpt`, then `gpt(prompt, n=5, model="gpt-4")`, whose `model` reaches `ChatCompletion.create`
through `chatgpt()` and `completions_with_backoff(**kwargs)` in tot/models.py.

Only a function imported by name (`from pkg.models import gpt [as g]`, also relatively) from
the one module of the project the import names (`project_calls.imported_file`), or a method
of a class so imported, called on an instance the call makes (`Handler(role).handle(...)`),
also one inheriting it from such a class (`inherited`: `caller_models.inherited_owners`);
an argument by keyword, or by position with no star or keyword argument before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import libcst as cst

from migrate_llm.rules.project_calls import from_import, imported_file, rebound_import
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.wrapper_params import WrapperParam


def imported_params(
    ctx: PythonContext,
    call: cst.Call,
    spread: bool = False,
    inherited: Mapping[str, tuple[str, str]] | None = None,
    rebound: bool = False,
) -> list[tuple[cst.Arg, WrapperParam]]:
    """The arguments of `call` that give a parameter (or an entry of the `**kwargs`) of a
    function of another module of the project reaching a request, each with what the
    project's facts say of where it goes (several where it reaches several requests); with
    `spread`, those giving a mapping the request spreads, each with an entry it sends
    (`WrapperParam.spread`); with `rebound`, also through the imported name bound again to
    a `functools.partial` of itself (`project_calls.rebound_import`: ML111 only)."""
    params = [p for p in ctx.rules.facts.wrapper_params if p.spread == spread]
    func, owner, method = call.func, None, ""
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Call)
        and isinstance(func.value.func, cst.Name)
    ):
        owner, method = func.value.func, func.attr.value
    if not params or not isinstance(owner or func, cst.Name):
        return []
    imported = from_import(ctx, cast(cst.Name, owner or func))
    if imported is None and rebound and owner is None:
        imported = rebound_import(ctx, cast(cst.Name, func))
    if imported is None:
        return []
    dots, module, name = imported
    inherits = inherited.get(owner.value) if owner is not None and inherited else None
    if inherits is not None:
        # a class of another module inheriting the method (`caller_models.inherited_owners`)
        named = [p for p in params if (p.module, p.owner, p.function) == (*inherits, method)]
        files = {inherits[0]} if named else set()
    else:
        if owner is not None:
            named = [p for p in params if p.owner == name and p.function == method]
        else:
            named = [p for p in params if p.function == name and not p.owner]
        files = imported_file(ctx.path, dots, module, {p.module for p in named}) if named else set()
    if not files:
        return []
    # in the order of the requests' lines, openai>=1.0's first (a wrapper defined for each
    # version, XAgent's): the first request reached is the one named
    chosen = sorted((p for p in named if p.module in files), key=lambda p: (p.legacy, p.line, p))
    found: list[tuple[cst.Arg, WrapperParam]] = []
    by_position = True
    for index, arg in enumerate(call.args):
        if arg.star or arg.keyword is not None:
            by_position = False
        if arg.star:
            continue
        if arg.keyword is not None:
            keyword = arg.keyword.value
            found += [(arg, p) for p in chosen if p.param == keyword]
        elif by_position:
            found += [(arg, p) for p in chosen if p.position == index]
    return found


def where_sent(param: WrapperParam) -> str:
    """`line 21 of src/tot/models.py`: where the request sends it."""
    return f"line {param.line} of {param.shown}"
