"""Calls of a function of another module of the project whose parameter is only compared with
string labels (`RunFacts.label_params`): self-operating-computer's `get_system_prompt("gpt-4o",
objective)`, imported from operate/models/prompts.py, which only tests `model ==
"gpt-4-with-som"` to pick a prompt (t54a D2). ML205 leaves such a value with a note, as it does
for a function of the module itself (`ModelSites.labels_only`).

Only a function imported by name (`from operate.models.prompts import get_system_prompt`, also
relatively) from the one module of the project the import names, as the run found it for this
module (`LabelParam.callers`); an argument by keyword, or by position with no star or keyword
argument before it.
"""

from __future__ import annotations

import libcst as cst

from migrate_llm.label_params import LabelParam
from migrate_llm.rules.project_calls import from_import
from migrate_llm.rules.python_context import PythonContext


def imported_labels(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> LabelParam | None:
    """What the project's facts say of the parameter `arg` gives in `call`, where it is one of
    an imported function read only to compare it with string labels; else None."""
    params = ctx.rules.facts.label_params
    if not params or not isinstance(call.func, cst.Name) or arg.star:
        return None
    imported = from_import(ctx, call.func)
    if imported is None:
        return None
    name = imported[2]
    chosen = [p for p in params if p.function == name and ctx.path in p.callers]
    if not chosen:
        return None
    if arg.keyword is not None:
        return next((p for p in chosen if p.param == arg.keyword.value), None)
    index = next(n for n, a in enumerate(call.args) if a is arg)
    if any(a.star or a.keyword is not None for a in call.args[:index]):
        return None
    return next((p for p in chosen if p.position == index), None)
