"""Which agno models are sent images: the runs of the agents and teams built on them.

An agent's or team's run given `images=` (`agent.run(prompt, images=[Image(...)])`,
`print_response`, `arun`, `aprint_response`: `agno.RUN_METHODS`) sends them to its model, so
that model must read images (ML685 maps an OpenAI model to the provider's model for images,
as ML201 does for a request that sends them). A run is traced to its agent through a name or
`self.X` bound once to the `Agent(...)` / `Team(...)` call, and the agent to its model through
its `model=`, written there or a name bound once to the construction. A run with images whose
receiver is not traced counts for every agent and team of the module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import libcst as cst

from migrate_llm.frameworks import agno as ag
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.python_context import PythonContext, keyword, self_attribute

_TAKERS = ag.AGENT_CLASSES | ag.TEAM_CLASSES


@dataclass
class Runs:
    """The runs of an agent (or of the agents given one model): with images and without."""

    with_images: list[cst.Call] = field(default_factory=list)
    without: list[cst.Call] = field(default_factory=list)


def image_runs(ctx: PythonContext) -> dict[int, Runs]:
    """By id of an `Agent(...)` / `Team(...)` call, and of the model construction it is given:
    its runs, where some is given images; computed once per module."""
    found = ctx.analyses.get(image_runs)
    if found is not None:
        return cast("dict[int, Runs]", found)
    agents: dict[int, Runs] = {}
    untraced: list[cst.Call] = []
    calls: list[cst.Call] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        call = node
        if qualified(ctx, call.func, _TAKERS) is not None:
            calls.append(call)
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in ag.RUN_METHODS:
            continue
        owners = _agents_of(ctx, func.value)
        if not owners:
            if _given_images(call):
                untraced.append(call)
            continue
        for owner in owners:
            runs = agents.setdefault(id(owner), Runs())
            (runs.with_images if _given_images(call) else runs.without).append(call)
    result: dict[int, Runs] = {}
    for call in calls:
        runs = agents.get(id(call), Runs())
        runs.with_images.extend(untraced)
        if not runs.with_images:
            continue
        result[id(call)] = runs
        model = _model_of(ctx, call)
        if model is not None:
            held = result.setdefault(id(model), Runs())
            held.with_images.extend(runs.with_images)
            held.without.extend(runs.without)
    ctx.analyses[image_runs] = result
    return result


def _given_images(call: cst.Call) -> bool:
    """Whether a run is given `images=` (not None)."""
    arg = keyword(call, ag.IMAGES)
    return arg is not None and not (isinstance(arg.value, cst.Name) and arg.value.value == "None")


def _agents_of(ctx: PythonContext, receiver: cst.BaseExpression) -> list[cst.Call]:
    """The `Agent(...)` / `Team(...)` calls a run's receiver is bound to (a name bound once,
    `self.X`); empty where not traced."""
    if isinstance(receiver, cst.Name):
        values: list[cst.BaseExpression] = []
        bound = ctx.bound_value(receiver)
        if bound is not None:
            values.append(bound)
    elif self_attribute(receiver):
        values = ctx.self_values(cast(cst.Attribute, receiver))
    else:
        values = []
    return [
        v for v in values if isinstance(v, cst.Call) and qualified(ctx, v.func, _TAKERS) is not None
    ]


def _model_of(ctx: PythonContext, agent: cst.Call) -> cst.Call | None:
    """The construction an agent's `model=` is: written there, or a name bound once to it."""
    arg = keyword(agent, ag.AGENT_MODEL)
    value = arg.value if arg is not None else None
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    return value if isinstance(value, cst.Call) else None
