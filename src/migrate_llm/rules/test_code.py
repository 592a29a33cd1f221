"""Whether code is test code: what pytest and unittest collect."""

from __future__ import annotations

import re

import libcst as cst

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
