"""A program's own variable holding OpenAI's key by its name (`BBM_OPENAI_API_KEY`), read where
its value goes to the target (ML401).

`apply` points reads of OPENAI_API_KEY at the provider's key variable, and clients at the
provider keeping the key the program hands them. A variable such as bilingual_book_maker's
`BBM_OPENAI_API_KEY`, which its README says to fill with the OpenAI key, then still goes
there: as the fallback of the switched read (`os.getenv("OPENAI_API_KEY") or
os.getenv("BBM_OPENAI_API_KEY")`, `os.getenv("OPENAI_API_KEY", os.getenv(...))`), or as the
key of a client `apply` moves. Nothing is renamed or removed: which key it should hold is for
a person to say.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.env_names import EnvAccess, EnvNames
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.key_destinations import target_key
from migrate_llm.rules.python_context import PythonContext


def openai_key_alias(name: str) -> bool:
    """Whether a variable's name says it holds OpenAI's key without being OpenAI's own
    (`sdk.OPENAI_KEY_ALIAS`)."""
    match = sdk.OPENAI_KEY_ALIAS.match(name)
    if match is None or name in sdk.KEY_VARS_TO_SWITCH:
        return False
    words = {w for part in (match["before"], match["after"]) if part for w in part.split("_")}
    return not words & sdk.NOT_KEY_WORDS


@dataclass(frozen=True)
class AliasRoute:
    """How the value of such a read reaches the target: beside `beside`, a read in the same
    chain of `or`s or default that `apply` switches (`switched`: not yet, it reads OpenAI's
    variable) or that reads the target's key; or as the key of `client` (`moved`: which
    `apply` points at the target)."""

    beside: str | None
    switched: bool
    client: cst.Call | None
    moved: bool


def alias_route(
    ctx: PythonContext, names: EnvNames, read: EnvAccess, switched: set[int]
) -> AliasRoute | None:
    """For a read of an OpenAI key alias: its route to the target (`AliasRoute`), or None where
    it does not go there. `switched`: the key reads ML401 renames (by node id)."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return None
    top = _chain_top(names, read.node)
    beside, renamed = None, False
    for other in _operands(names, top):
        if other is read:
            continue
        if id(other.node) in switched:
            beside, renamed = min(other.names & key_variables(ctx), default=None), True
            break
        if provider.api_key_env in other.names:
            beside = provider.api_key_env
    found = target_key(ctx, names, top)
    if found.call is not None or (beside is not None and not found.settled):
        return AliasRoute(beside, renamed, found.call, found.moved)
    return None


def _chain_top(names: EnvNames, node: cst.CSTNode) -> cst.CSTNode:
    """The whole chain of `or`s and environment-read defaults `node` is an operand of."""
    while True:
        parent = names.parent(node)
        if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.Or):
            node = parent
            continue
        holder = names.parent(parent) if isinstance(parent, cst.Arg) else None
        if isinstance(holder, cst.Call) and _default(names, holder) is parent:
            node = holder
            continue
        return node


def _default(names: EnvNames, call: cst.Call) -> cst.Arg | None:
    """The default argument of an environment read (`os.getenv(A, default)`)."""
    access = names.by_node.get(id(call))
    if access is None or access.kind != "read":
        return None
    if len(call.args) > 1 and call.args[1].keyword is None:
        return call.args[1]
    return next((a for a in call.args if a.keyword and a.keyword.value == "default"), None)


def _operands(names: EnvNames, expr: cst.CSTNode) -> list[EnvAccess]:
    """The environment reads of a chain of `or`s and defaults."""
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return _operands(names, expr.left) + _operands(names, expr.right)
    access = names.by_node.get(id(expr))
    if access is None or access.kind != "read":
        return []
    default = _default(names, expr) if isinstance(expr, cst.Call) else None
    return [access] + (_operands(names, default.value) if default is not None else [])
