"""A key the program hands `openai.api_key` in a function (per instance or per call), which the
clients `apply` builds for a module's openai<1.0 requests do not read (ML301, ML103)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.rules.clients import environment_reads, left_key_held, passed_keys
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext


def through_local(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The parts of the value a local name is bound to, once, that are keys the program hands
    (`passed_keys`): `api_key` of `key = api_key or os.environ["OPENAI_API_KEY"]` (t59f D1,
    LangChain's embeddings class); [] for anything else."""
    assigned = _local_value(ctx, value)
    return passed_keys(ctx, assigned) if assigned is not None else []


def handed_parts(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The parts of `openai.api_key = <value>` that are keys the program hands: the value's own
    (`passed_keys`), else those of the local name it is (`through_local`)."""
    return passed_keys(ctx, value) or through_local(ctx, value)


def handed(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `openai.api_key = <value>` sets a key the caller hands (`handed_parts`), or a
    local name bound to a value built from the function's parameters (`_from_parameters`)."""
    if handed_parts(ctx, value):
        return True
    assigned = _local_value(ctx, value)
    return assigned is not None and _from_parameters(ctx, assigned)


def held_key(ctx: PythonContext, node: cst.Assign) -> tuple[cst.BaseExpression, str] | None:
    """Where `openai.api_key = <value>` stands in a function and sets a key the program hands
    that may hold OpenAI's: what names it so. A key handed over (`handed_parts`) that
    `left_key_held` flags (`openai_api_key`), or a local name bound to a value built from the
    function's parameters that reads OpenAI's key variable (LangChain 0.0.61's
    `get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")`: the caller's key, else
    the variable's). ML301 then leaves the line: the clients apply builds read the provider's
    variable, and that key must not be sent to the provider: (what names it, why in words).
    None elsewhere."""
    if ctx.at_import(node):
        return None
    parts = handed_parts(ctx, node.value)
    if parts:
        held = left_key_held(ctx, parts)
        if held is None:
            return None
        shown = snippet(ctx, held)
        if held is node.value or shown == ctx.code(node.value):
            return held, "it names OpenAI, so it likely holds the OpenAI key"
        return held, f"`{shown}` names OpenAI, so it likely holds the OpenAI key"
    assigned = _local_value(ctx, node.value)
    if assigned is not None and _from_parameters(ctx, assigned):
        shown = snippet(ctx, assigned)
        return assigned, f"it comes from `{shown}`, which may return the OpenAI key"
    return None


def _local_value(ctx: PythonContext, value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The value a local name is bound to, once (not a parameter); None for anything else."""
    if not isinstance(value, cst.Name):
        return None
    bound = ctx.bindings(value)
    if len(bound) != 1:
        return None
    binding = bound[0]
    if not isinstance(binding, Assignment) or isinstance(binding.node, cst.Param):
        return None
    return ctx.index.assigned.get(id(binding.node))


def _from_parameters(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` reads a parameter of a function (`values`, `self`) anywhere in it."""
    stack: list[cst.CSTNode] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Name) and any(
            isinstance(b, Assignment) and isinstance(b.node, cst.Param) for b in ctx.bindings(node)
        ):
            return True
        stack.extend(node.children)
    return False


def unsent_key(ctx: PythonContext, node: cst.Assign) -> tuple[str, cst.Assign] | None:
    """Switching provider, `openai.api_key = <a key the program hands>` in a function of a
    module that makes no request through openai's module-level client and builds a client at
    its level reading the provider's key variable (what apply writes for openai<1.0 calls):
    (the key's code, that client's line) — the module's requests carry the variable's key,
    never the one set here. None elsewhere."""
    rules = ctx.rules
    provider = rules.provider
    if provider is None or not rules.switching or ctx.at_import(node):
        return None
    if not handed(ctx, node.value):
        return None
    built = None
    for statement in ctx.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if (
                built is None
                and isinstance(small, cst.Assign)
                and isinstance(small.value, cst.Call)
                and ctx.constructed_client(small.value) is not None
                and _reads_variable(ctx, small.value, provider.api_key_env)
            ):
                built = small
    if built is None:
        return None
    for found in ctx.nodes:
        if type(found) is cst.Call:
            info = ctx.sdk_call(found)
            if info is not None and info.kind == "module":
                return None  # a request the module-level client makes reads the line
    return ctx.code(node.value), built


def _reads_variable(ctx: PythonContext, call: cst.Call, variable: str) -> bool:
    """Whether the client construction `call` takes its `api_key=` from `variable` alone."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "api_key":
            return set(environment_reads(ctx, arg.value)) == {variable}
    return False
