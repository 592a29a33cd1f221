"""A base URL and a key stored side by side under OpenAI's variable names in one mapping.

RD-Agent builds the environment of a child process that runs the openai SDK:
`env["OPENAI_API_KEY"] = api_key` and `env["OPENAI_BASE_URL"] = api_base`. The child reads
the two together, so the key read and the base-URL read that fill them change together or
not at all: where the key stays OpenAI's (ML401 leaves its read), the base-URL read stays too
(`key_destinations.url_destination`), else OpenAI's key would go to the provider's URL.
Renamed, the entries would break the child, whose SDK reads them by these names: ML401 says
to keep their names and fill them from the provider's variables (`sdk_entry_pair`).
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.python_context import PythonContext, string_value


def _entry_written(assign: cst.Assign) -> tuple[cst.Name, str] | None:
    """For `d["NAME"] = value` (one target, a name subscripted by a string), `d` and NAME."""
    if len(assign.targets) != 1:
        return None
    target = assign.targets[0].target
    if not (
        isinstance(target, cst.Subscript)
        and isinstance(target.value, cst.Name)
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
    ):
        return None
    named = string_value(target.slice[0].slice.value)
    return (target.value, named) if named is not None else None


def key_entry_beside(
    ctx: PythonContext, assign: cst.Assign, keys: frozenset[str]
) -> cst.BaseExpression | None:
    """For `d["OPENAI_BASE_URL"] = value` (an entry named for one of the SDK's base-URL
    variables, `sdk.BASE_URL_VARS_TO_SWITCH`), the value of the first write
    `d["OPENAI_API_KEY"] = key` to the same mapping of an entry named for one of `keys`
    (OpenAI's key variables), in the order of the text, or what a name there holds where a
    `:=` binds it alone (`if key := os.getenv(...):`); None otherwise."""
    written = _entry_written(assign)
    if written is None or written[1] not in sdk.BASE_URL_VARS_TO_SWITCH:
        return None
    found = [
        other
        for other in _writes(ctx, written[0])
        if (entry := _entry_written(other)) is not None and entry[1] in keys
    ]
    first = min(found, key=lambda a: ctx.span(a).start, default=None)
    return _walrus_value(ctx, first.value) if first is not None else None


def _walrus_value(ctx: PythonContext, value: cst.BaseExpression) -> cst.BaseExpression:
    """What a name bound once, by `:=`, holds (`key` of `if key := os.getenv(X):`), else
    `value`."""
    if not isinstance(value, cst.Name):
        return value
    bound = ctx.bindings(value)
    target = getattr(bound[0], "node", None) if len(bound) == 1 else None
    up = ctx.ancestors(target)[-1:] if isinstance(target, cst.Name) else ()
    if up and isinstance(up[0], cst.NamedExpr) and up[0].target is target:
        return up[0].value
    return value


def sdk_entry_pair(ctx: PythonContext, string: cst.CSTNode) -> bool:
    """Whether `string` names the entry of `d["NAME"] = value` where NAME is one of the
    SDK's key or base-URL variables and the same mapping also gets an entry for the other
    (`env["OPENAI_API_KEY"] = ...`, `env["OPENAI_BASE_URL"] = ...`): an environment built for
    code that reads the two by these names (a child process's openai SDK), whose entries keep
    their names and take the provider's values (ML401's advice)."""
    up = ctx.ancestors(string)[-5:]
    assign = up[0] if len(up) == 5 else None
    if not isinstance(assign, cst.Assign):
        return False
    written = _entry_written(assign)
    if written is None or written[0] is not getattr(up[2], "value", None):
        return False
    if written[1] in sdk.KEY_VARS_TO_SWITCH:
        others = sdk.BASE_URL_VARS_TO_SWITCH
    elif written[1] in sdk.BASE_URL_VARS_TO_SWITCH:
        others = sdk.KEY_VARS_TO_SWITCH
    else:
        return False
    return any(
        (entry := _entry_written(other)) is not None and entry[1] in others
        for other in _writes(ctx, written[0])
    )


def _writes(ctx: PythonContext, mapping: cst.Name) -> list[cst.Assign]:
    """The assignments `d[...] = value` to the mapping the name `mapping` binds, by any
    reference of it in its scope."""
    found = []
    for binding in ctx.bindings(mapping):
        for access in binding.references:
            up = ctx.ancestors(access.node)[-3:]
            other = up[0] if len(up) == 3 else None
            entry = _entry_written(other) if isinstance(other, cst.Assign) else None
            if entry is not None and entry[0] is access.node:
                found.append(cast(cst.Assign, other))
    return found
