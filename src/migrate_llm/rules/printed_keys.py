"""The key a message prints as it is: `print(f"OPENAI_API_KEY: {os.environ['OPENAI_API_KEY']}")`,
`logger.info("OPENAI_API_KEY=%s", key)`. ML401 reports such a line as a secret leaking into
output and logs (remove or mask it) rather than as a message to reword for the provider's
variable: reworded, it would print the provider's key instead."""

from __future__ import annotations

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.env_names import EnvNames, env_names
from migrate_llm.rules.python_context import PythonContext, last_name

# What may stand between the key and the message call and still show the key whole: an
# argument, an f-string's placeholder, `+`/`%` formatting, a tuple of `%` values.
_SHOWN_THROUGH = (
    cst.Arg,
    cst.FormattedStringExpression,
    cst.FormattedString,
    cst.BinaryOperation,
    cst.Tuple,
    cst.Element,
)
# calls that show their argument whole: `str(key)`, `"{}".format(key)`, `repr(key)`
_SHOWING_CALLS = frozenset({"str", "repr", "format"})


def printed_key(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """The key, as written, that the message call holding `node` (a string naming a key
    variable) prints whole: a read of a key variable from the environment, a `.api_key`
    attribute, or a name the module binds only to one of those (`key =
    os.getenv("OPENAI_API_KEY")`); None where the call prints none, or only a form of it (a
    slice, `bool(key)`, `"set" if key else "unset"`)."""
    names = env_names(ctx)
    call = _message_call(ctx, names, node)
    if call is None:
        return None
    for arg in call.args:
        for found in _walk(arg.value):
            if _key_value(ctx, names, found) and _shown_whole(names, found, call):
                return ctx.code(found)
    return None


def _message_call(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> cst.Call | None:
    """The printing or logging call whose arguments hold `node`, within its statement."""
    for ancestor in names.ancestors(node):
        if isinstance(ancestor, cst.Call):
            func = ancestor.func
            name = last_name(func)
            if name is not None and (
                (isinstance(func, cst.Name) and name in sdk.MESSAGE_FUNCTIONS)
                or ctx.qualnames(func) & sdk.MESSAGE_FUNCTIONS
                or (isinstance(func, cst.Attribute) and name in sdk.MESSAGE_METHODS)
            ):
                return ancestor
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return None
    return None


def _walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _walk(child)


def _key_value(ctx: PythonContext, names: EnvNames, node: cst.CSTNode, follow: bool = True) -> bool:
    """Whether `node` holds a key: an environment read of a key variable, `x.api_key`, or
    (`follow`) a name bound only to such a value."""
    access = names.by_node.get(id(node))
    if access is not None and access.kind == "read":
        provider = ctx.rules.provider
        keys = sdk.KEY_VARS_TO_SWITCH | ({provider.api_key_env} if provider else set())
        return bool(access.names & keys)
    if isinstance(node, cst.Attribute):
        return node.attr.value == "api_key"
    if isinstance(node, cst.Name) and follow:
        values = names.values(node)
        return bool(values) and all(_key_value(ctx, names, v, follow=False) for v in values or ())
    return False


def _shown_whole(names: EnvNames, node: cst.CSTNode, call: cst.Call) -> bool:
    """Whether `node` reaches `call`'s arguments as it is (see `_SHOWN_THROUGH`)."""
    current = names.parent(node)
    while current is not None and current is not call:
        if isinstance(current, cst.Call):
            if last_name(current.func) not in _SHOWING_CALLS:
                return False
        elif isinstance(current, cst.BinaryOperation):
            if not isinstance(current.operator, (cst.Add, cst.Modulo)):
                return False
        elif not isinstance(current, _SHOWN_THROUGH):
            return False
        current = names.parent(current)
    return current is call
