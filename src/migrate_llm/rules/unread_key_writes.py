"""Whether a module's requests leave OpenAI's key variable unread (ML404 on a stand-in written
there).

maestro's litellm script sets `os.environ["OPENAI_API_KEY"] = "YOUR OPENAI API KEY"` beside
the key of the service its models are on (`gemini/...`, t55h): litellm reads OPENAI_API_KEY
only for a model on its OpenAI routes (`fw.OPENAI_ROUTES`), on a route falling back to it
(`fw.OPENAI_KEY_FALLBACK`), or with no route (the model's own name picks one, OpenAI's for
its models). A module whose every litellm call names a model, as written, on another route,
and which builds no OpenAI client, makes no request through openai's module-level client and
imports no other framework (each may read the variable on its own), sends nothing that reads
it. Another module of the same process may still read it; one whose clients apply points at
the provider reads the provider's variable then.
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.frameworks import litellm as fw
from migrate_llm.frameworks.modules import FRAMEWORK_MODULES
from migrate_llm.rules.framework_litellm import calls_litellm, given_model
from migrate_llm.rules.python_context import PythonContext

# The modules whose import says nothing of OpenAI's key variable beyond their calls.
_READ_HERE = frozenset({fw.MODULE})


def other_routes(ctx: PythonContext) -> tuple[str, ...] | None:
    """The litellm routes (`gemini`, in the order of the text) of the module's requests where
    none reads OpenAI's key variable (see the module's docstring); None where one may, or
    where the module makes no litellm call. Worked out once per module."""
    found = ctx.analyses.get(other_routes)
    if found is None:
        found = ctx.analyses[other_routes] = [_other_routes(ctx)]
    return cast("list[tuple[str, ...] | None]", found)[0]


def _other_routes(ctx: PythonContext) -> tuple[str, ...] | None:
    others = (frozenset(FRAMEWORK_MODULES) - _READ_HERE) | {"openai"}
    routes: list[str] = []
    for node in ctx.nodes:
        if isinstance(node, cst.Import | cst.ImportFrom):
            if others & _roots(node):
                return None  # openai, or a framework reading the variable on its own
            continue
        if type(node) is not cst.Call:
            continue
        if ctx.sdk_call(node) is not None or ctx.constructed_client(node) is not None:
            return None  # an OpenAI request or client
        if not calls_litellm(ctx, node):
            continue
        model = given_model(ctx, node)
        resolved = ctx.resolve_literal(model) if model is not None else None
        if resolved is None:
            return None  # a model chosen at run time, a Router's
        head, _ = fw.route(resolved[1])
        if not head or head in fw.OPENAI_ROUTES or head in fw.OPENAI_KEY_FALLBACK:
            return None
        if head not in routes:
            routes.append(head)
    return tuple(routes) or None


def _roots(node: cst.Import | cst.ImportFrom) -> frozenset[str]:
    """The top-level modules an import names (none for a relative one)."""
    if isinstance(node, cst.Import):
        names: list[cst.Attribute | cst.Name] = [alias.name for alias in node.names]
    elif node.relative or node.module is None:
        return frozenset()
    else:
        names = [node.module]
    roots = set()
    for name in names:
        while isinstance(name, cst.Attribute):
            name = cast("cst.Attribute | cst.Name", name.value)
        roots.add(name.value)
    return frozenset(roots)


def proxy_routed(ctx: PythonContext) -> bool:
    """Whether a litellm call of the module names, as written, a model on litellm's OpenAI
    route that is neither an OpenAI model nor the provider's (`openai/my-proxy-model`: a
    model of a proxy of one's own, RD-Agent's test, t67b): apply leaves that call, and
    litellm sends it with OPENAI_API_KEY to OPENAI_API_BASE. Worked out once per module."""
    found = ctx.analyses.get(proxy_routed)
    if found is None:
        found = ctx.analyses[proxy_routed] = _proxy_routed(ctx)
    return cast(bool, found)


def _proxy_routed(ctx: PythonContext) -> bool:
    provider = ctx.rules.provider
    for node in ctx.nodes:
        if type(node) is not cst.Call or not calls_litellm(ctx, node):
            continue
        model = given_model(ctx, node)
        resolved = ctx.resolve_literal(model) if model is not None else None
        if resolved is None:
            continue
        head, name = fw.route(resolved[1])
        if head != fw.OPENAI_PREFIX or ctx.rules.openai.serves(name):
            continue
        if provider is None or not provider.serves(name):
            return True
    return False
