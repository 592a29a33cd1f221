"""A module's uses of a package that runs on openai<1 only
(`frameworks.pins.OPENAI_V0_LIBRARIES`: GPTCache's OpenAI adapter and embeddings), whose
requests go with openai<1's module settings (`openai.api_key`, `openai.api_base`); and why the
module's own openai<1 code stays on openai<1 beside such a package (`kept_v0`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst
from libcst.helpers import get_full_name_for_node

from migrate_llm.frameworks.pins import OPENAI_V0_LIBRARIES, OpenAIV0Library
from migrate_llm.registry import Provider
from migrate_llm.rules.project_calls import runs_first
from migrate_llm.rules.python_context import PythonContext, without_rstrip


@dataclass(frozen=True)
class V0LibraryUse:
    """An import reaching one of the library's OpenAI parts (`from gptcache.adapter import
    openai`), a construction of its embeddings class (`OpenAI()`) or a call setting
    `openai.api_key` from OPENAI_API_KEY (`cache.set_openai_key()`)."""

    node: cst.CSTNode
    name: str  # the qualified name used: `gptcache.adapter.openai`
    package: str
    kind: Literal["import", "embeddings", "key"]


def _imported(node: cst.Import | cst.ImportFrom) -> list[str]:
    """The dotted paths an import reaches (`gptcache.adapter.openai`)."""
    if isinstance(node, cst.Import):
        return [get_full_name_for_node(alias.name) or "" for alias in node.names]
    if node.relative or node.module is None:
        return []
    module = get_full_name_for_node(node.module) or ""
    if isinstance(node.names, cst.ImportStar):
        return [module]
    return [f"{module}.{get_full_name_for_node(alias.name)}" for alias in node.names]


def _reaches(path: str, library: OpenAIV0Library) -> str | None:
    """The part of `library` the dotted `path` is or lies in; None for another."""
    for use in sorted(library.uses):
        if path == use or path.startswith(f"{use}."):
            return use
    return None


def v0_library_uses(ctx: PythonContext) -> tuple[V0LibraryUse, ...]:
    """The module's uses of `OPENAI_V0_LIBRARIES`, in the order of the text."""
    memo = ctx.analyses.get(v0_library_uses)
    if memo is None:
        memo = ctx.analyses[v0_library_uses] = tuple(_uses(ctx))
    return memo  # type: ignore[return-value]


def _uses(ctx: PythonContext) -> list[V0LibraryUse]:
    found: list[V0LibraryUse] = []
    libraries = [(n, lib) for n, lib in OPENAI_V0_LIBRARIES.items() if ctx.mentions(n)]
    if not libraries:
        return found
    for node in ctx.nodes:
        if type(node) is cst.Import or type(node) is cst.ImportFrom:
            for package, library in libraries:
                for path in _imported(node):
                    part = _reaches(path, library)
                    if part is not None:
                        found.append(V0LibraryUse(node, part, package, "import"))
                        break
        elif type(node) is cst.Call:
            names = ctx.qualnames(node.func)
            if not names:
                continue
            for package, library in libraries:
                if hit := sorted(names & library.key_setters):
                    found.append(V0LibraryUse(node, hit[0], package, "key"))
                elif hit := sorted(names & library.embeddings):
                    found.append(V0LibraryUse(node, hit[0], package, "embeddings"))
    return found


def v0_library(ctx: PythonContext) -> str | None:
    """The first part of a package running on openai<1 only that the module uses
    (`gptcache.adapter.openai`); None where it uses none."""
    uses = v0_library_uses(ctx)
    return uses[0].name if uses else None


def v0_library_reason(ctx: PythonContext) -> str | None:
    """Why the module runs on openai<1 through such a package, in words; None elsewhere.
    Also in a module that calls openai<1's API itself beside it (`import openai` and
    `openai.ChatCompletion.create(...)` before `from gptcache.adapter import openai`, as
    GPTCache's examples do): `apply` leaves those calls on openai<1 (`kept_v0_library`)."""
    name = v0_library(ctx)
    if name is None:
        return None
    return f"the module uses {name}, which runs on openai<1 only (frameworks/pins.py)"


# The rules moving openai<1 code to the v1 API (`engine.V1_REWRITES` but ML301, whose
# settings `legacy_config.kept_for_v0` keeps and points at the provider itself).
V1_CALL_RULES = frozenset({"ML302", "ML303", "ML304", "ML305", "ML306", "ML307"})


@dataclass(frozen=True)
class KeptV0:
    """Why the module's own openai<1 code stays on openai<1: the package running on openai<1
    only that the module uses (`gptcache.adapter.openai`) or, switching provider, that its
    project requires (`gptcache`: `RunFacts.openai_v0_libraries`, `by_project`)."""

    name: str
    by_project: bool

    @property
    def words(self) -> str:
        """The reason, as messages give it."""
        if self.by_project:
            return (
                f"the project requires {self.name}, which runs on openai<1 only "
                "(frameworks/pins.py; ML504 keeps openai<1 for it)"
            )
        return f"the module uses {self.name}, which runs on openai<1 only (frameworks/pins.py)"


def kept_v0(ctx: PythonContext) -> KeptV0 | None:
    """Why `apply` leaves the module's own openai<1 code on openai<1 (`KeptV0`), pointed at
    the provider through openai<1's settings (t63: rewritten to the v1 client, it failed on
    the openai<1 such a package needs); None elsewhere."""
    name = v0_library(ctx)
    if name is not None:
        return KeptV0(name, by_project=False)
    rules = ctx.rules
    if rules.switching and rules.facts.openai_v0_libraries:
        return KeptV0(min(rules.facts.openai_v0_libraries), by_project=True)
    return None


def kept_v0_library(ctx: PythonContext, rule: str) -> KeptV0 | None:
    """`kept_v0` where `rule` is one of `V1_CALL_RULES`: its findings are notes with no edit,
    the module's openai<1 code left as it is. None elsewhere."""
    return kept_v0(ctx) if rule in V1_CALL_RULES else None


# The rule whose finding on a call left on openai<1 says where its settings send it.
KEPT_CALLS_RULE = "ML302"


def v0_unpointed(ctx: PythonContext, kept: KeptV0) -> str:
    """What to do where the module's openai<1 code is left on openai<1 for a package its
    project requires (`KeptV0.by_project`) and neither the project nor the module points
    openai<1's settings at the provider (`v0_pointed`): its requests would go to OpenAI (a
    module using the package itself gets ML670's words instead). "" elsewhere."""
    provider = ctx.rules.provider
    if not kept.by_project or provider is None or v0_pointed(ctx, provider):
        return ""
    apart = ""
    if _project_pointed(ctx) is False:
        setters = sorted(s.shown for s in ctx.rules.facts.v0_settings)
        one = len(setters) == 1
        apart = (
            f"; {', '.join(setters)} point{'s' if one else ''} them at {provider.name}, but "
            f"this module does not import {'it' if one else 'them'} (nor is it its package's "
            "__init__.py), so where it runs without it the request goes to OpenAI"
        )
    return (
        "openai<1 sends it with the process's openai.api_key and openai.api_base (unset: "
        f"OPENAI_API_KEY and api.openai.com){apart}: for {provider.name} set openai.api_key "
        f"from {provider.api_key_env} and openai.api_base from {provider.base_url_env} in this "
        "module or one the program imports before it, by hand"
    )


def v0_settings_of(ctx: PythonContext, provider: Provider | None) -> bool | None:
    """Whether the module sets openai<1's `openai.api_key` and `openai.api_base` from the
    provider's key and base-URL variables (every assignment of each): True; False where it
    sets either otherwise or only one; None where it sets neither."""
    from migrate_llm.rules.clients import env_var_read  # imported here: it imports rules

    if provider is None:
        return None
    wanted = {"api_key": provider.api_key_env, "api_base": provider.base_url_env}
    seen = set()
    pointed = True
    for attr, assign in ctx.index.config_assigns:
        if attr not in wanted:
            continue
        read = env_var_read(ctx, without_rstrip(assign.value))
        if read is None or read[0] != wanted[attr]:
            pointed = False
        seen.add(attr)
    if not seen:
        return None
    return pointed and seen == set(wanted)


def points_v0_at(ctx: PythonContext, provider: Provider | None) -> bool:
    """Whether the module sets openai<1's `openai.api_key` and `openai.api_base` from the
    provider's key and base-URL variables (every assignment of each: `v0_settings_of`)."""
    return v0_settings_of(ctx, provider) is True


def v0_pointed(ctx: PythonContext, provider: Provider | None) -> bool:
    """Whether openai<1's settings, which hold for the whole process, point at the provider:
    where the project's requirements keep openai<1 (`RunFacts.openai_v0_libraries`,
    `openai_v0_kept`: every module's settings stay there), a module of it sets both from the
    provider's variables and none sets either otherwise (`RunFacts.v0_settings`: r2 t5's
    config.py), and this module imports one of them or is in a package whose `__init__.py`
    is one (`_project_pointed`: a module run without them sends its requests to OpenAI);
    else the module itself (`points_v0_at`: another module's settings may move to
    openai>=1's, ML301)."""
    return _project_pointed(ctx) is True or points_v0_at(ctx, provider)


def _project_pointed(ctx: PythonContext) -> bool | None:
    """Whether the project's settings (`v0_pointed`) point openai<1 at the provider for the
    module: True where a module setting them runs before it (`project_calls.runs_first`: it
    imports it, or it is its package's `__init__.py`); False where they would, but none of
    those modules runs before it (r3 review of s64: a worker not importing config.py sends
    its requests to OpenAI when run on its own); None where they do not."""
    facts = ctx.rules.facts
    kept = facts.openai_v0_libraries or facts.openai_v0_kept
    if not (kept and facts.v0_settings and all(s.pointed for s in facts.v0_settings)):
        return None
    return any(runs_first(ctx, s.module) for s in facts.v0_settings)


def v0_setters_words(ctx: PythonContext) -> str:
    """Who points openai<1's settings at the provider, as the model and call rules say of a
    request left on openai<1 that they do not reach: "no module of the project", or the
    modules that do but this one does not import."""
    if _project_pointed(ctx) is not False:
        return "no module of the project"
    shown = sorted(s.shown for s in ctx.rules.facts.v0_settings)
    return f"only {', '.join(shown)} (which this module does not import)"


def v0_request_unpointed(ctx: PythonContext) -> bool:
    """Whether the module's openai<1 requests stay on OpenAI after `apply` while it moves the
    run to another provider: they are left on openai<1 (`kept_v0`) and neither the project
    nor the module points `openai.api_key` and `openai.api_base` at the provider
    (`v0_pointed`), so openai<1 sends them to api.openai.com (ML302 says so). Mapped, their
    model and the provider's switches (ML201, ML118) would go to OpenAI: the rules asking
    where a request's client stays (`model_reach.kept_client`) leave them until they point
    there."""
    rules = ctx.rules
    return rules.switching and kept_v0(ctx) is not None and not v0_pointed(ctx, rules.provider)


def v0_gated_unpointed(ctx: PythonContext, call: cst.CSTNode) -> bool:
    """Whether the openai<1 request `call` stays on OpenAI after `apply` while it moves the
    run to another provider: it stands in a branch that runs on openai<1 only
    (`version_gates.v0_only_gate`: `if metadata.version("openai") < "1.0":`), which the
    legacy rules leave as it is, and neither the project nor the module points
    `openai.api_key` and `openai.api_base` at the provider (`v0_pointed`). Mapped, its model
    and the provider's switches (ML201, ML118) would go to OpenAI on openai<1."""
    from migrate_llm.rules.version_gates import v0_only_gate

    rules = ctx.rules
    return (
        rules.switching
        and v0_only_gate(ctx, call) is not None
        and not v0_pointed(ctx, rules.provider)
    )


def runs_on_openai_v0(ctx: PythonContext) -> bool:
    """Whether the module runs on openai<1 after `apply`: it uses a package that runs on
    openai<1 only (`v0_library`), imports a module openai 1.0 removed outside a `try:` for
    ImportError, or, switching provider, its project's requirements keep openai<1
    (`RunFacts.openai_v0_kept`: a framework pin ML504 leaves, GPTCache's included)."""
    return (
        kept_v0(ctx) is not None
        or any(not found.guarded for found in ctx.v0_only_imports)
        or (ctx.rules.switching and ctx.rules.facts.openai_v0_kept)
    )
