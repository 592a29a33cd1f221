"""What a provider serves of an API its file marks as served in part (`[partial]`), in the
words ML402 and ML403 give a request to that API: where it is served, what it takes, and the
API that serves the rest (DeepSeek's `/completions`: fill-in-the-middle only, under its `/beta`
base; chat for anything else)."""

from __future__ import annotations

from migrate_llm import openai_sdk as sdk
from migrate_llm.registry import Provider


def surface_path(surface: str) -> str | None:
    """The REST path of an API surface (`/chat/completions` for chat), None where none is."""
    return next((path for path, named in sdk.REST_PATHS if named == surface), None)


def partial_offer(provider: Provider, surface: str, base: str) -> str | None:
    """What `provider` serves of `surface` (`[partial.<surface>]`), with `base` the base URL
    requests go to: "DeepSeek serves completions only at https://api.deepseek.com/beta/
    completions (another base URL), as fill-in-the-middle: ...; its chat API serves the rest
    at https://api.deepseek.com/chat/completions (the prompt as a user message, ...)". None
    where the file does not say."""
    part = provider.partial.get(surface)
    if part is None:
        return None
    path = surface_path(surface) or ""
    where = f" at {part.base_url}{path} (another base URL)" if part.base_url else ""
    words = f"{provider.name} serves {surface} only{where}, as {part.only}"
    if part.instead:
        rest = f"{base.rstrip('/')}{surface_path(part.instead) or ''}"
        how = sdk.API_MOVES.get((surface, part.instead))
        words += f"; its {part.instead} API serves the rest at {rest}"
        words += f" ({how})" if how else ""
    return words
