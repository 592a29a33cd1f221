"""ML601 for a project class deriving from a LangChain OpenAI class that other project
classes derive from (`framework_heirs`, `RunFacts.framework_heirs`).

The base is shared: MaxKB's `BaseChatOpenAI(ChatOpenAI)` is the base of DeepSeek's, Kimi's,
vLLM's and the OpenAI provider's chat classes (t64a). Its own class statement says nothing
of where a request goes, and a provider's key and URL set in it would send every subclass
there; so it gets a note saying where the findings are (`shared_base_words`), and each
subclass's construction in its own module is judged by the base URL it is given
(`heir_words`): none (OpenAI's, with OPENAI_API_KEY) or one decided at run time is reported
where it is built; another provider's URL, or the target's, is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from migrate_llm.framework_heirs import FrameworkHeir
from migrate_llm.rules.wording import and_listed

if TYPE_CHECKING:
    from migrate_llm.registry import Provider
    from migrate_llm.rules.clients import Endpoint
    from migrate_llm.rules.python_context import PythonContext

# the subclasses a shared base's note names, at most
_NAMED = 3


def heirs_of(ctx: PythonContext, base: str) -> list[FrameworkHeir]:
    """The project's subclasses of the class `base` of this module, by module and line."""
    return sorted(
        (
            h
            for h in ctx.rules.facts.framework_heirs
            if h.base_module == ctx.path and h.base == base
        ),
        key=lambda h: (h.shown, h.line),
    )


def heirs_here(ctx: PythonContext) -> dict[str, FrameworkHeir]:
    """The classes this module defines deriving from a project class that derives from a
    LangChain OpenAI class, by name."""
    return {h.heir: h for h in ctx.rules.facts.framework_heirs if h.module == ctx.path}


def built_here(ctx: PythonContext, name: str) -> bool:
    """Whether the module calls the class `name` by that name."""
    return any(
        type(n) is cst.Call and isinstance(n.func, cst.Name) and n.func.value == name
        for n in ctx.nodes
    )


def shared_base_words(name: str, framework: str, heirs: list[FrameworkHeir]) -> str:
    """The note at a shared base's class statement: its subclasses, and what not to do."""
    named = [f"{h.heir} ({h.shown})" for h in heirs[:_NAMED]]
    more = len(heirs) - len(named)
    if more:
        named.append(f"{more} more")
    count = f"{len(heirs)} class{'es' if len(heirs) > 1 else ''}"
    return (
        f"{name} derives from {framework} and is the base of {count} of the project: "
        f"{and_listed(named)}; ML601 reports each where it is built, by the base URL it is "
        f"given; do not set a provider's key or base URL in {name}, which every subclass "
        "would then send its requests to"
    )


def heir_words(head: str, where: Endpoint, key: str, provider: Provider | None) -> str | None:
    """What is said of a construction of a subclass of a shared base (`head`: `X() derives
    from ChatOpenAI (LangChain) through Base (base.py)`) given the base URL `where` and the
    key `key` (as `key_source` words it); None where it points at another provider, a
    server of the program's own or the target."""
    if where.kind == "openai":
        give = (
            f"{provider.name}'s key (from {provider.api_key_env}), base URL "
            f"({provider.base_url}) and model"
            if provider is not None
            else "a provider's key, base URL and model (`migrate-llm scan --provider ID` "
            "says which)"
        )
        return (
            f"{head} and talks to OpenAI ({key}); its constructions are not rewritten: "
            f"pass {give} here, by hand"
        )
    if where.kind == "dynamic":
        source = where.detail or "a value computed"
        target = (
            f"{provider.name}'s ({provider.base_url}, the key from {provider.api_key_env})"
            if provider is not None
            else "a provider's"
        )
        return (
            f"{head} and takes its base URL from {source} at run time and its {key}; its "
            f"constructions are not rewritten: make sure they are {target} where it is meant "
            "to reach OpenAI; a server of your own needs no change"
        )
    return None
