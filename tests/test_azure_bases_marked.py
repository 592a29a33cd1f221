"""`azure_bases` finds the Azure request URLs a function builds among the module's, found once
(`_marked_at`), not by a walk of each function holding a read: the first in the order a walk
meets them, inside that function only."""

from __future__ import annotations

import libcst as cst

from migrate_llm.rules.azure_bases import azure_url_beside, azure_url_built
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python_context import PythonContext

TEXT = """\
import os

def plain():
    key = os.environ["OPENAI_API_KEY"]
    return f"{os.environ['OPENAI_BASE_URL']}/chat/completions"

def azure(deployment):
    key = os.environ["OPENAI_API_KEY"]
    base = os.environ["OPENAI_API_BASE"]
    other = "https://example.com" + f"/openai/deployments/{deployment}/x"
    url = base + ("/openai/deployments/" + deployment + "?api-version=2024-06-01")
    return url, {"api-key": key}

top = os.environ["OPENAI_API_BASE"]
"""


def _reads(ctx: PythonContext) -> list[cst.Subscript]:
    return [node for node in ctx.nodes if isinstance(node, cst.Subscript)]


def test_a_key_read_goes_with_the_first_url_its_own_function_builds(registry):
    ctx = PythonContext(cst.parse_module(TEXT), RuleContext(registry), TEXT)
    plain_key, _, azure_key, azure_base, top = _reads(ctx)
    assert azure_url_beside(ctx, plain_key) is None
    assert azure_url_beside(ctx, top) is None
    built = azure_url_beside(ctx, azure_key)
    assert isinstance(built, cst.BinaryOperation)
    assert ctx.code(built).startswith('"https://example.com" + f"/openai/deployments/')
    reading = azure_url_built(ctx, azure_base)
    assert reading is not None and ctx.code(reading).startswith("base + (")
    assert azure_url_built(ctx, top) is None
