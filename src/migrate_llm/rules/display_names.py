"""Names the program shows for its models, tested as if they were model ids (ML205).

ChuanhuChatGPT's `ModelType.get_type(model_name)` reads `MODEL_METADATA[model_name]` and tests
`"gpt" in model_name.lower()`: `model_name` is the menu's name ("GPT-4o-mini"), a key of a
table (`from ..presets import *`) whose entries carry the model sent (`"model_name":
"gpt-4o-mini"`, which ML204 maps). The test reads that label, which apply leaves, so it keeps
its answer after the switch (t53b defect 7).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.model_lookups import module_label_tables
from migrate_llm.rules.python_context import PythonContext, without_id_methods


def label_lookup(ctx: PythonContext, test: cst.BaseExpression) -> str | None:
    """The table whose keys are labels that the name `test` tests (`"gpt" in m`,
    `m.startswith(...)`, `re.match(..., m)`; also through `.lower()` and a name bound once to
    it, `m_lower = m.lower()`) is looked up in, `T[m]`: one of the module's (`module_label_tables`)
    or one of another module of the project (`RunFacts.model_tables` with labels) the module
    imports, by name or with `*`. None elsewhere."""
    name = _tested_name(ctx, test)
    if name is None:
        return None
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment):
            continue
        for access in binding.references:
            table = _keyed_in(ctx, access.node)
            if table is not None and _labels_table(ctx, table):
                return table.value
    return None


def _tested_name(ctx: PythonContext, test: cst.BaseExpression) -> cst.Name | None:
    """The name a family test reads, through id methods and one plain binding of them."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        tested: cst.BaseExpression = test.comparisons[0].comparator
    elif isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute):
        tested = test.func.value
    elif isinstance(test, cst.Call) and len(test.args) >= 2:
        tested = test.args[1].value
    else:
        return None
    tested = without_id_methods(tested)[0]
    if not isinstance(tested, cst.Name):
        return None
    bound = ctx.bound_value(tested)
    if bound is not None:
        inner = without_id_methods(bound)[0]
        return inner if isinstance(inner, cst.Name) and inner is not bound else None
    return tested


def _keyed_in(ctx: PythonContext, read: cst.CSTNode) -> cst.Name | None:
    """The table name `read` is the key of in `T[read]`."""
    above = ctx.ancestors(read)
    if len(above) < 3 or not isinstance(above[-1], cst.Index):
        return None
    subscript = above[-3]
    if (
        isinstance(subscript, cst.Subscript)
        and len(subscript.slice) == 1
        and isinstance(subscript.value, cst.Name)
    ):
        return subscript.value
    return None


def _labels_table(ctx: PythonContext, table: cst.Name) -> bool:
    """Whether `table` names a table whose keys are labels: the module's own, or, where the
    module does not bind it but imports (by name or with `*`), another module's."""
    if table.value in module_label_tables(ctx):
        return ctx.bound_value(table) is not None
    bound = ctx.bindings(table)
    if any(
        not isinstance(b.node, (cst.ImportFrom, cst.Import))
        for b in bound
        if isinstance(b, Assignment)
    ):
        return False
    return any(t.labels and t.name == table.value for t in ctx.rules.facts.model_tables)
