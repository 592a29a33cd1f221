"""The settings of Open Interpreter's LLM a module writes (`interpreter.llm.model = ...`):
Open Interpreter hands them to litellm (`frameworks/open_interpreter.py`), so a model there
takes litellm's route for the provider (ML204, t61c A)."""

from __future__ import annotations

import libcst as cst

from migrate_llm.frameworks import open_interpreter as oi
from migrate_llm.rules.python_context import PythonContext


def interpreter_setting(ctx: PythonContext, target: cst.CSTNode | None) -> str | None:
    """The attribute of Open Interpreter's `Llm` that `target` names (`model`, `api_key`,
    `api_base`): `<interpreter>.llm.<attribute>`, the interpreter being the instance imported
    from its module (`from interpreter import interpreter`) or one built from its class
    (`OpenInterpreter()`, also through a name bound once to it). None for another target."""
    if not isinstance(target, cst.Attribute) or not ctx.mentions("interpreter"):
        return None
    llm = target.value
    if not isinstance(llm, cst.Attribute) or llm.attr.value != oi.LLM_ATTRIBUTE:
        return None
    owner = llm.value
    if isinstance(owner, cst.Name) and ctx.qualnames(owner) & oi.INSTANCES:
        return target.attr.value
    built = ctx.bound_value(owner) if isinstance(owner, cst.Name) else owner
    if isinstance(built, cst.Call) and ctx.qualnames(built.func) & oi.CLASSES:
        return target.attr.value
    return None
