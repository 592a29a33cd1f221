"""A read of a setting that chooses which class the program builds.

STORM's example reads `ModelClass = OpenAIModel if os.getenv("OPENAI_API_TYPE") == "openai"
else AzureOpenAIModel` (t53e): OPENAI_API_TYPE has no provider equivalent, and removing it, as
its finding said, made the program build the Azure class (a TypeError, or with the README's
secrets, a request to Azure). Where a read is the test of such a choice (an `if` expression or
statement whose branches name or build different classes), its finding says the choice must
be rewritten with the variable.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.python_context import PythonContext, last_name


class Choice(NamedTuple):
    """The test choosing between classes: its line, and the classes of each branch."""

    line: int
    chosen: tuple[str, ...]
    other: tuple[str, ...]


def class_choice(ctx: PythonContext, read: cst.CSTNode) -> Choice | None:
    """The choice between classes whose test holds the read `read`, or a name bound once to
    it (`api_type = os.getenv(...)`, then `if api_type == "azure":`); None elsewhere."""
    found = _tested(ctx, read)
    if found is not None:
        return found
    statement = ctx.ancestors(read)[-1] if ctx.ancestors(read) else None
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0].target
    if not isinstance(target, cst.Name) or statement.value is not read:
        return None
    for binding in ctx.bindings(target):
        if isinstance(binding, Assignment) and binding.node is target:
            for use in binding.references:
                found = _tested(ctx, use.node)
                if found is not None:
                    return found
    return None


def _tested(ctx: PythonContext, node: cst.CSTNode) -> Choice | None:
    """The choice of the nearest `if` whose test holds `node`, if it is one."""
    inner: cst.CSTNode = node
    for outer in reversed(ctx.ancestors(node)):
        if isinstance(outer, (cst.IfExp, cst.If)) and outer.test is inner:
            if outer.orelse is None:
                return None
            chosen, other = _classes(ctx, outer.body), _classes(ctx, outer.orelse)
            if chosen and other and chosen != other:
                return Choice(ctx.position(outer.test)[0][0], chosen, other)
            return None
        if isinstance(outer, (cst.BaseSuite, cst.BaseStatement, cst.Lambda)):
            return None
        inner = outer
    return None


def _classes(ctx: PythonContext, branch: cst.CSTNode) -> tuple[str, ...]:
    """The names of the classes a branch names or builds (capitalised names: `OpenAIModel`,
    `AzureOpenAIModel(...)`), in order, once each."""
    if isinstance(branch, cst.Name):
        return (branch.value,) if branch.value[:1].isupper() else ()
    start = ctx.index_of(branch)
    found: list[str] = []
    for node in ctx.nodes[start : ctx.ends[start]]:
        if isinstance(node, cst.Call):
            name = last_name(node.func)
            if name and name[:1].isupper() and name not in found:
                found.append(name)
    return tuple(found)


def choice_said(ctx: PythonContext, choice: Choice, target: str) -> str:
    """What a read's finding adds for the choice it is the test of."""
    line = ctx.line_label(choice.line)
    return (
        f"; the program tests it on {line} to choose between {' / '.join(choice.chosen)} and "
        f"{' / '.join(choice.other)}: without it the other branch runs, so rewrite that "
        f"choice for {target} with it, by hand"
    )
