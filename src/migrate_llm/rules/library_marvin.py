"""ML671 for a library's default model (`frameworks.marvin`): marvin's agents built without a
model, and its calls that run its default agent, where the module does not set the default."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm.frameworks.marvin import DefaultModel
from migrate_llm.frameworks.pydantic_ai import PrefixedModels, split_prefix
from migrate_llm.rules.framework_args import argument, callee, qualified
from migrate_llm.rules.prefixed_recipe import build_advice, why_openai
from migrate_llm.rules.python_context import PythonContext, keyword


@dataclass(frozen=True)
class DefaultUse:
    """An agent built without a model (`keyword` "model", `agent` True), or a call (or a bare
    decorator) running the default agent, given no `keyword` (`agent=`, `agents=`); `name`:
    as the module writes it (`marvin.run`)."""

    node: cst.CSTNode
    name: str
    keyword: str
    agent: bool = False
    decorator: bool = False


def default_uses(ctx: PythonContext, table: DefaultModel) -> list[DefaultUse]:
    """What in the module uses the library's default model: none where the module sets it
    (`marvin.defaults.model = ...`, anywhere in it); an agent built without a model, and a
    call running the default agent given none (none where the module sets that agent), but
    not in a `with` block that overrides them (`override_defaults(model=...)`). A call
    passing `*` or `**`, which may hold them, is left."""
    model_set, agent_set = _sets(ctx, table)
    if model_set:
        return []
    found: list[DefaultUse] = []
    for node in ctx.nodes:
        kind = type(node)
        if kind is cst.Call:
            assert isinstance(node, cst.Call)
            if qualified(ctx, node.func, table.agents):
                if _missing(node, table.model_keyword, None) and not _overridden(
                    ctx, node, table, (table.model_attribute,)
                ):
                    found.append(DefaultUse(node.func, _name(node.func), table.model_keyword, True))
                continue
            runner = None if agent_set else qualified(ctx, node.func, table.runners)
            if runner is None:
                continue
            keyword_, position = table.runners[runner]
            if _missing(node, keyword_, position) and not _overridden(ctx, node, table):
                found.append(DefaultUse(node.func, _name(node.func), keyword_))
        elif kind is cst.Decorator and not agent_set:
            assert isinstance(node, cst.Decorator)
            bare = node.decorator
            if (
                not isinstance(bare, cst.Call)
                and qualified(ctx, bare, table.decorators)
                and not _overridden(ctx, node, table)
            ):
                keyword_ = table.runners[qualified(ctx, bare, table.decorators) or ""][0]
                found.append(DefaultUse(bare, _name(bare), keyword_, decorator=True))
    return found


def default_message(
    ctx: PythonContext, table: DefaultModel, library: PrefixedModels, use: DefaultUse
) -> str:
    """Why `use` goes to OpenAI, and the model to build and where to put it."""
    prefix, model = split_prefix(table.default, library)
    rules = ctx.rules
    mapped = rules.map_model(model) if rules.provider is not None else None
    setter = f"{table.setter} once {table.module} is imported (every agent given no model uses it)"
    if use.agent:
        subject = f"{use.name}() without {use.keyword}= uses {table.setter}"
        where = f"as {use.keyword}= here, or assign it to {setter}"
    else:
        shown = f"@{use.name}" if use.decorator else f"{use.name}()"
        subject = (
            f"{shown} without {use.keyword}= runs {table.module}'s default agent, whose model "
            f"is {table.setter}"
        )
        where = f"to {setter}, or to an agent given here as {use.keyword}="
    return (
        f"{subject} ({table.default!r} unless {table.variable} names another): "
        f"{why_openai(library, prefix)}; "
        f"{build_advice(library, rules.provider, rules.base_url, mapped, where)}"
    )


def _name(func: cst.BaseExpression) -> str:
    return get_full_name_for_node(func) or callee(func)


def _missing(call: cst.Call, name: str, position: int | None) -> bool:
    """Whether the call is given no `name=` (nor an argument at `position`), or None, and
    passes no `*`/`**` that may hold it."""
    if any(a.star for a in call.args):
        return False
    arg = argument(call, name, position)
    return arg is None or (isinstance(arg.value, cst.Name) and arg.value.value == "None")


def _sets(ctx: PythonContext, table: DefaultModel) -> tuple[bool, bool]:
    """Whether the module assigns the default model (`marvin.defaults.model = ...`), and the
    default agent (`marvin.defaults.agent = ...`)."""
    model_set = agent_set = False
    for node in ctx.nodes:
        if type(node) is not cst.AssignTarget:
            continue
        target = node.target
        if isinstance(target, cst.Attribute) and qualified(ctx, target.value, table.defaults):
            model_set |= target.attr.value == table.model_attribute
            agent_set |= target.attr.value == table.agent_attribute
    return model_set, agent_set


def _overridden(
    ctx: PythonContext, node: cst.CSTNode, table: DefaultModel, names: tuple[str, ...] = ()
) -> bool:
    """Whether `node` is in a `with` block whose context manager overrides the default model
    or agent (`names`: those of them that count; both by default)."""
    names = names or (table.model_attribute, table.agent_attribute)
    for above in ctx.ancestors(node):
        if not isinstance(above, cst.With):
            continue
        for item in above.items:
            manager = item.item
            if (
                isinstance(manager, cst.Call)
                and qualified(ctx, manager.func, table.overrides)
                and any(keyword(manager, n) is not None for n in names)
            ):
                return True
    return False
