"""ML117's assistant turns built by a call: the reply's tool calls handed to a class or
function of the program that gets neither the reply message nor its reasoning, whose result
the program keeps to send back (`history.append(Msg("assistant", msg.content,
msg.tool_calls))`; OpenManus's `Message.from_tool_calls(content=content,
tool_calls=self.tool_calls)` added to its memory)."""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.python_context import PythonContext, string_value

_TOOL_CALLS = "tool_calls"
_ASSISTANT = "assistant"
# methods that keep what they are given in a list or a memory the program sends back
_KEEPS = frozenset(
    {"append", "extend", "insert", "appendleft", "add_message", "add_messages", "put"}
)
_SELF = frozenset({"self", "cls"})


class BuiltTurn(NamedTuple):
    """A call building an assistant turn (`call`) from the tool calls of the reply message
    `reply`, and the call whose result holds that reply (`origin`: a request, or a method
    given `tools=`), None where the module does not show it."""

    call: cst.Call
    reply: cst.BaseExpression
    origin: cst.Call | None


def built_turn(ctx: PythonContext, call: cst.Call) -> BuiltTurn | None:
    """What `call` is as a turn built from a reply's tool calls (`BuiltTurn`): it is given
    the tool calls of a reply message (`msg.tool_calls`, also through a name or `self.X`
    the function binds to them), as a turn (a `tool_calls=` keyword, the role "assistant",
    or the reply's content), and neither that message nor anything read from its reasoning,
    nor a `**` spread that may hold it; and its result is kept (`kept`). None otherwise."""
    if any(arg.star for arg in call.args):
        return None
    reply = next(
        (found for arg in call.args if (found := tool_calls_of(ctx, arg.value)) is not None),
        None,
    )
    if reply is None:
        return None
    shown = ctx.code(reply)
    for arg in call.args:
        text = ctx.code(arg.value)
        if text == shown or "reasoning" in text:
            return None  # the message itself, or its reasoning, reaches the turn
    if not _a_turn(ctx, call, shown) or not kept(ctx, call):
        return None
    return BuiltTurn(call, reply, _origin(ctx, reply))


def tool_calls_of(
    ctx: PythonContext, value: cst.BaseExpression, depth: int = 2
) -> cst.BaseExpression | None:
    """The reply message whose tool calls `value` is: `reply_of`'s, either branch of a
    conditional expression (`r.tool_calls if r and r.tool_calls else []`), or what a name or
    `self.X` is bound to in the function (OpenManus's `self.tool_calls = tool_calls =
    (...)`); None for anything else."""
    if isinstance(value, cst.IfExp):
        return tool_calls_of(ctx, value.body, depth) or tool_calls_of(ctx, value.orelse, depth)
    if depth and (isinstance(value, cst.Name) or _self_attribute(value)):
        each = [tool_calls_of(ctx, v, depth - 1) for v in _bound_values(ctx, value)]
        shown = {ctx.code(f) for f in each if f is not None}
        return each[0] if len(shown) == 1 and None not in each else None
    read = reply_of(value)
    return read[0] if read is not None else None


def _self_attribute(value: cst.BaseExpression) -> bool:
    """`self.X` (or `cls.X`)."""
    return (
        isinstance(value, cst.Attribute)
        and isinstance(value.value, cst.Name)
        and value.value.value in _SELF
    )


def reply_of(value: cst.BaseExpression) -> tuple[cst.BaseExpression, bool] | None:
    """The reply message the tool calls are read from, and whether it is a dict read by
    subscript: `msg.tool_calls`, `msg["tool_calls"]`, `msg.get("tool_calls")`, a
    comprehension over one of them, the left of `... or ...`; None for anything else
    (`self.tool_calls`: an attribute of the program's own object)."""
    if isinstance(value, cst.BooleanOperation):
        return reply_of(value.left)
    if isinstance(value, (cst.ListComp, cst.GeneratorExp)):
        return reply_of(value.for_in.iter)
    if isinstance(value, cst.Attribute) and value.attr.value == _TOOL_CALLS:
        if _self_attribute(value):
            return None
        return (value.value, False) if plain(value.value) else None
    if isinstance(value, cst.Subscript) and len(value.slice) == 1:
        index = value.slice[0].slice
        if isinstance(index, cst.Index) and string_value(index.value) == _TOOL_CALLS:
            return (value.value, True) if plain(value.value) else None
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "get"
        and value.args
        and string_value(value.args[0].value) == _TOOL_CALLS
    ):
        return (value.func.value, True) if plain(value.func.value) else None
    return None


def plain(expr: cst.BaseExpression) -> bool:
    """A name, attribute or subscript chain without calls: read twice, it is the same."""
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return isinstance(expr, cst.Name)


def kept(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the result of `call` is kept where a turn is: given to a list's or memory's
    `append(...)`, `extend(...)`, `add_message(...)` (`_KEEPS`), also in a list display or a
    branch of a conditional expression, or added with `+=`; or bound to a name its function
    then so keeps (OpenManus's `assistant_msg = (...)`, `self.memory.add_message(...)`)."""
    for parent in reversed(ctx.ancestors(call)):
        if isinstance(parent, (cst.IfExp, cst.Element, cst.List, cst.Tuple)):
            continue
        if isinstance(parent, cst.Arg):
            continue  # the call it is given to, next
        if isinstance(parent, cst.Call):
            return _keeping(parent)
        if isinstance(parent, cst.AugAssign):
            return True
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
            return isinstance(target, cst.Name) and _kept_later(ctx, parent, target.value)
        return False
    return False


def _keeping(call: cst.Call) -> bool:
    func = call.func
    return isinstance(func, cst.Attribute) and func.attr.value in _KEEPS


def _kept_later(ctx: PythonContext, assign: cst.Assign, name: str) -> bool:
    """Whether the function (or module) holding `assign` keeps `name` (`kept`) after it."""
    home: cst.CSTNode = ctx.module
    for parent in reversed(ctx.ancestors(assign)):
        if isinstance(parent, (cst.FunctionDef, cst.Lambda)):
            home = parent
            break
    after = ctx.index_of(assign)
    found = False

    class Keeps(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            nonlocal found
            if _keeping(node) and ctx.index_of(node) > after:
                found = found or any(_names(a.value, name) for a in node.args)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            nonlocal found
            found = found or (ctx.index_of(node) > after and _names(node.value, name))

    home.visit(Keeps())
    return found


def _names(value: cst.BaseExpression, name: str) -> bool:
    """Whether `value` is `name`, or a list or tuple display holding it."""
    if isinstance(value, cst.Name):
        return value.value == name
    if isinstance(value, (cst.List, cst.Tuple)):
        return any(_names(e.value, name) for e in value.elements)
    return False


def _a_turn(ctx: PythonContext, call: cst.Call, reply: str) -> bool:
    """Whether `call` builds an assistant turn: it names its tool calls `tool_calls=`, gives
    the role "assistant", or gives the reply's content (`msg.content`, or a name bound to
    an expression reading it)."""
    content = f"{reply}.content"
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == _TOOL_CALLS:
            return True
        value = arg.value
        if string_value(value) == _ASSISTANT or ctx.code(value) == content:
            return True
        if isinstance(value, cst.Name) and any(
            content in ctx.code(v) for v in _bound_values(ctx, value)
        ):
            return True
    return False


def _bound_values(ctx: PythonContext, target: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values a name (each of its assignments) or `self.X` (each assignment of that
    attribute in the function using it) is bound to; empty where one is no plain
    assignment."""
    if isinstance(target, cst.Name):
        values: list[cst.BaseExpression] = []
        for binding in ctx.bindings(target):
            value = (
                ctx.index.assigned.get(id(binding.node))
                if isinstance(binding, Assignment)
                else None
            )
            if value is None:
                return []
            values.append(value)
        return values
    home = next(
        (p for p in reversed(ctx.ancestors(target)) if isinstance(p, cst.FunctionDef)), None
    )
    if home is None:
        return []
    shown = ctx.code(target)
    found: list[cst.BaseExpression] = []

    class Sets(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            if any(ctx.code(t.target) == shown for t in node.targets):
                found.append(node.value)

    home.visit(Sets())
    return found


def _origin(ctx: PythonContext, reply: cst.BaseExpression, depth: int = 2) -> cst.Call | None:
    """The call whose result the reply message is read from (`msg = c.chat.completions.create(
    ...).choices[0].message`, `response = await self.llm.ask_tool(...)`), following the name
    the reply starts with to its one assignment; None where that is not shown."""
    root = reply
    while isinstance(root, (cst.Attribute, cst.Subscript)):
        root = root.value
    if not isinstance(root, cst.Name) or not depth:
        return None
    values = _bound_values(ctx, root)
    if len(values) != 1:
        return None
    value = values[0]
    while isinstance(value, (cst.Await, cst.Attribute, cst.Subscript)):
        value = value.expression if isinstance(value, cst.Await) else value.value
    if isinstance(value, cst.Call):
        return value
    return _origin(ctx, value, depth - 1) if isinstance(value, cst.Name) else None
