"""Whether code is test code: what pytest and unittest collect."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm.rules.project_calls import defined_here, own_method, tested_module
from migrate_llm.rules.python_context import PythonContext

# the files pytest collects tests (and their fixtures) from
_TEST_FILE = re.compile(r"(?:test_.*|.*_test|conftest)\.py")


def in_test(ctx: PythonContext, parents: tuple[cst.CSTNode, ...]) -> bool:
    """Whether the node under `parents` is test code: within a function named `test...` (as
    pytest and unittest collect them), or in a test file (`test_x.py`, `x_test.py`,
    `conftest.py`)."""
    if any(isinstance(p, cst.FunctionDef) and p.name.value.startswith("test") for p in parents):
        return True
    name = re.split(r"[\\/]", ctx.path)[-1]
    return _TEST_FILE.fullmatch(name) is not None


def project_call_in_test(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call`, in test code (`in_test`), calls the project's own code: a function or
    class of the module, a method of the class around it (a test class's helper,
    `self._config(...)`), or one imported from another module of the project
    (`tested_module`). What a test hands it is test data: the input the test gives the code
    it tests."""
    if (
        defined_here(ctx, call) is None
        and own_method(ctx, call) is None
        and tested_module(ctx, call) is None
    ):
        return False
    return in_test(ctx, tuple(ctx.ancestors(call)))


# pytest's decorator giving a test its cases: `parametrize(argnames, argvalues, ...)`
PARAMETRIZE = "pytest.mark.parametrize"
_ARGVALUES = "argvalues"
_CASE_WRAPPERS = frozenset({"pytest.param"})  # `pytest.param(value, id=...)`: still a case


def parametrized_case(ctx: PythonContext, parents: tuple[cst.CSTNode, ...]) -> cst.Call | None:
    """The `pytest.mark.parametrize(...)` call whose cases (its `argvalues`: a list or tuple
    of values, of tuples of them, of `pytest.param(...)`) hold the node under `parents`;
    None elsewhere. A case is test data: the input the test hands the code it tests."""
    for at in range(len(parents) - 1, 0, -1):
        node, holder = parents[at], parents[at - 1]
        if isinstance(node, cst.Arg) and isinstance(holder, cst.Call):
            names = ctx.qualnames(holder.func)
            if names & _CASE_WRAPPERS:
                continue
            if PARAMETRIZE not in names:
                return None
            positional = [a for a in holder.args if a.keyword is None]
            values = node.keyword is not None and node.keyword.value == _ARGVALUES
            return holder if values or (len(positional) > 1 and positional[1] is node) else None
        if not isinstance(node, (cst.List, cst.Tuple, cst.Element)) and not (
            isinstance(node, cst.Call) and ctx.qualnames(node.func) & _CASE_WRAPPERS
        ):
            return None
    return None
