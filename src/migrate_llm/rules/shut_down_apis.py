"""What the rules say of code calling an API OpenAI itself no longer serves.

A client apply leaves on OpenAI because the target lacks its APIs (ML001, ML003, ML101) keeps
working there only while OpenAI serves them. OpenAI's file says which it shut down, when, and
what takes their place (`[shut_down]`: the Assistants API, for the Responses API); the
target's file may name its own API for one (`[own_api]`: Zhipu's assistant API). No date or
API is written here: both files are read.
"""

from __future__ import annotations

from collections.abc import Sequence

from migrate_llm.registry import Provider


def shut_down_surfaces(openai: Provider, surfaces: Sequence[str]) -> tuple[str, ...]:
    """The surfaces of `surfaces` OpenAI's file says it shut down, in their order."""
    return tuple(s for s in surfaces if s in openai.shut_down)


def move_words(openai: Provider, provider: Provider | None, surface: str) -> str:
    """Where code for `surface`, which OpenAI shut down, can go: `it needs a manual move to
    the responses API (on OpenAI) or to Zhipu AI (GLM)'s own assistant API (助理 API: URL)`."""
    instead = openai.shut_down[surface].instead
    own = provider.own_api.get(surface) if provider is not None else None
    elsewhere = f" or to {provider.name}'s own {own.name} ({own.url})" if own and provider else ""
    return f"it needs a manual move to the {instead} API (on {openai.name}){elsewhere}"


def shut_down_words(
    openai: Provider, provider: Provider | None, surfaces: Sequence[str], code: str
) -> str:
    """What is said of `code` (`this call`, `this code`) using `surfaces` where OpenAI shut
    some down: `the assistants API was shut down on OpenAI on 2026-08-26, so this call fails
    there as well: it needs a manual move to ...` (one clause a surface, "; " between); ""
    where it shut none down."""
    return "; ".join(
        f"the {surface} API was shut down on {openai.name} on "
        f"{openai.shut_down[surface].on.isoformat()}, so {code} fails there as well: "
        f"{move_words(openai, provider, surface)}"
        for surface in shut_down_surfaces(openai, surfaces)
    )


def shut_down_data(openai: Provider, surfaces: Sequence[str]) -> dict[str, object]:
    """A finding's `data` entry for the surfaces OpenAI shut down (`shut_down`: surface ->
    its `on` date and the API `instead`), which apply's summary reads; {} where there are
    none."""
    gone = shut_down_surfaces(openai, surfaces)
    return {"shut_down": {s: openai.shut_down[s].to_json() for s in gone}} if gone else {}
