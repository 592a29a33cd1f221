"""A plain LangChain OpenAI class built for Azure OpenAI (ML601): given `deployment=` (the
older packages), `openai_api_type="azure"`, or built where the program tests OPENAI_API_TYPE
for Azure (`frameworks.langchain`'s Azure settings). LangChain reads OPENAI_API_TYPE itself,
so such a class moved to the provider sends Azure's deployment paths there (t64e: RealChar's
embeddings, 401); apply leaves it on Azure OpenAI, as it leaves AzureChatOpenAI."""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.rules.python_context import PythonContext, keyword, string_value


def left_on_azure(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds a plain LangChain class for Azure OpenAI (`azure_built`) that
    apply leaves there: the run moves to a provider other than Azure OpenAI."""
    from migrate_llm.rules.framework_classes import any_framework_class

    provider = ctx.rules.provider
    if provider is None or provider.azure is not None or not ctx.rules.switching:
        return False
    cls = any_framework_class(ctx, call)
    if cls is None or cls.azure or cls.framework != "langchain":
        return False
    return azure_built(ctx, call, ctx.qualnames(call.func)) is not None


def azure_built(ctx: PythonContext, call: cst.Call, qualnames: Collection[str]) -> str | None:
    """What makes `call` (a plain class, by its qualified names) Azure's, in words
    (`deployment=`, `built under `if os.getenv("OPENAI_API_TYPE") == "azure"``); None where
    nothing does."""
    given = keyword(call, lc.API_TYPE_KEYWORD)
    if given is not None and string_value(given.value) in lc.AZURE_API_TYPES:
        return f"{lc.API_TYPE_KEYWORD}={ctx.code(given.value)}"
    deployment = keyword(call, lc.AZURE_DEPLOYMENT_KEYWORD)
    if deployment is not None and any(
        name.startswith(lc.AZURE_DEPLOYMENT_PACKAGES) for name in qualnames
    ):
        return f"{lc.AZURE_DEPLOYMENT_KEYWORD}="
    test = _azure_branch(ctx, call)
    if test is not None:
        return f"built under `if {' '.join(ctx.code(test).split())}`"
    return None


def _azure_branch(ctx: PythonContext, node: cst.CSTNode) -> cst.BaseExpression | None:
    """The test of the nearest `if` (statement or expression) whose body holds `node` and
    that tests OPENAI_API_TYPE for Azure; None where none does, up to the function."""
    child = node
    for parent in reversed(ctx.ancestors(node)):
        if (
            isinstance(parent, (cst.If, cst.IfExp))
            and parent.body is child
            and _tests_azure(ctx, parent.test)
        ):
            return parent.test
        if isinstance(parent, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None
        child = parent
    return None


def _tests_azure(ctx: PythonContext, test: cst.BaseExpression) -> bool:
    """Whether `test` is `X == "azure"` (or `in` a display holding an Azure type, either
    side), X a read of OPENAI_API_TYPE or a name bound once to one, alone or in an `and`."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _tests_azure(ctx, test.left) or _tests_azure(ctx, test.right)
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.Equal, cst.In)):
        return False
    sides = (test.left, target.comparator)
    return any(_azure_value(s) for s in sides) and any(_reads_type(ctx, s) for s in sides)


def _azure_value(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        return any(string_value(e.value) in lc.AZURE_API_TYPES for e in node.elements)
    return string_value(node) in lc.AZURE_API_TYPES


def _reads_type(ctx: PythonContext, node: cst.BaseExpression, depth: int = 1) -> bool:
    """Whether `node` reads OPENAI_API_TYPE (its name written in it: `os.getenv(...)`,
    `os.environ[...]`, `.lower()` of one), or is a name bound once to such a read."""
    if isinstance(node, cst.Name) and depth > 0:
        bound = ctx.bound_value(node)
        return bound is not None and _reads_type(ctx, bound, depth - 1)
    start = ctx.index_of(node)
    return any(
        type(n) is cst.SimpleString and string_value(n) == lc.API_TYPE_VARIABLE
        for n in ctx.nodes[start : ctx.ends[start]]
    )
