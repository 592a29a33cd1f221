"""The Agents of an Agents SDK module that make tool calls or continue a history holding
them (ML634): those given tools or handoffs, a handoff's target, and the starting agent of a
run on an earlier run's items (`result.to_input_list()`)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.python_context import PythonContext, keyword


def calls_tools(agent: cst.Call) -> bool:
    """Whether an `Agent(...)` is given tools or handoffs that may hold something."""
    return any(_given(keyword(agent, key)) for key in fw.AGENT_TOOL_KEYWORDS)


def _given(arg: cst.Arg | None) -> bool:
    """Whether a `tools=` / `handoffs=` argument may hold something."""
    if arg is None:
        return False
    value = arg.value
    if isinstance(value, (cst.List, cst.Tuple)):
        return bool(value.elements)
    return not (isinstance(value, cst.Name) and value.value == "None")


def tool_turn_receivers(ctx: PythonContext) -> dict[int, str]:
    """The Agents (by `id` of their `Agent(...)` call) that continue a history holding tool
    calls they did not make, each with why, as a message says it: "a handoff target of the
    Agent on line 9", "the starting agent of Runner.run() on line 14, run on
    first.to_input_list()". Worked out once per module."""
    if tool_turn_receivers not in ctx.analyses:
        ctx.analyses[tool_turn_receivers] = _receivers(ctx)
    found = ctx.analyses[tool_turn_receivers]
    assert isinstance(found, dict)
    return found


def _receivers(ctx: PythonContext) -> dict[int, str]:
    found: dict[int, str] = {}
    agents = [
        node
        for node in ctx.nodes
        if isinstance(node, cst.Call) and qualified(ctx, node.func, fw.AGENT_CLASSES) is not None
    ]
    for agent in agents:
        arg = keyword(agent, fw.HANDOFFS)
        if arg is None or not isinstance(arg.value, (cst.List, cst.Tuple)):
            continue
        for element in arg.value.elements:
            target = _agent_call(ctx, element.value)
            if target is not None and target is not agent:
                why = f"a handoff target of the Agent on {_line(ctx, agent)}"
                found.setdefault(id(target), why)
    tooled = any(calls_tools(agent) for agent in agents)
    for node in ctx.nodes:
        if not isinstance(node, cst.Call) or qualified(ctx, node.func, fw.RUNNER_CALLS) is None:
            continue
        given = argument(node, *fw.RUN_INPUT)
        earlier = _earlier_result(ctx, given.value) if given is not None else None
        started = argument(node, *fw.RUN_AGENT)
        target = _agent_call(ctx, started.value) if started is not None else None
        if earlier is None or target is None:
            continue
        source = _run_agent(ctx, earlier)
        if not (calls_tools(source) if source is not None else tooled):
            continue  # the earlier run's Agent makes no tool call
        found.setdefault(
            id(target),
            f"the starting agent of {ctx.code(node.func)}() on {_line(ctx, node)}, run on "
            f"{ctx.code(earlier)}.{fw.TO_INPUT_LIST}()",
        )
    return found


def _agent_call(ctx: PythonContext, value: cst.BaseExpression) -> cst.Call | None:
    """The `Agent(...)` call `value` is, names (bound once) or hands off to (`handoff(a)`, not
    given an `input_filter=`, which chooses the history the target gets)."""
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    if not isinstance(value, cst.Call):
        return None
    handoff = qualified(ctx, value.func, fw.HANDOFF_FUNCTIONS)
    if handoff is not None:
        arg = argument(value, *fw.HANDOFF_FUNCTIONS[handoff])
        chosen = keyword(value, fw.HANDOFF_INPUT_FILTER)
        if chosen is not None and ctx.code(chosen.value) != "None":
            return None  # the filter chooses what history the target gets
        return None if arg is None else _agent_call(ctx, arg.value)
    return value if qualified(ctx, value.func, fw.AGENT_CLASSES) is not None else None


def _earlier_result(
    ctx: PythonContext, value: cst.BaseExpression, hops: int = 4
) -> cst.BaseExpression | None:
    """`first` of a run's input holding `first.to_input_list()` (alone, added to a list, or
    through a name bound once to either: `items = first.to_input_list() + [...]`)."""
    if hops <= 0:
        return None
    if isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        return _earlier_result(ctx, bound, hops - 1) if bound is not None else None
    if isinstance(value, cst.BinaryOperation):
        return _earlier_result(ctx, value.left, hops - 1) or _earlier_result(
            ctx, value.right, hops - 1
        )
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == fw.TO_INPUT_LIST
    ):
        return value.func.value
    return None


def _run_agent(ctx: PythonContext, result: cst.BaseExpression) -> cst.Call | None:
    """The `Agent(...)` starting the run whose result `result` names (`first = await
    Runner.run(worker, ...)`), where the module shows it."""
    value = ctx.bound_value(result) if isinstance(result, cst.Name) else None
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call) or qualified(ctx, value.func, fw.RUNNER_CALLS) is None:
        return None
    started = argument(value, *fw.RUN_AGENT)
    return _agent_call(ctx, started.value) if started is not None else None


def _line(ctx: PythonContext, node: cst.CSTNode) -> str:
    return ctx.line_label(ctx.position(node)[0][0])
