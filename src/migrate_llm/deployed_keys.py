"""The key variables a project's Python code names and its deployment files may set
(`RunFacts.key_names_read`): where apply renames a read of OpenAI's key by its spelling
(`OPENAI_KEY`, ML401), the compose file, Dockerfile or script setting that variable must set
the provider's instead (ML501), before and after apply."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from migrate_llm import openai_sdk as sdk

# a variable's name quoted in a module (`os.environ.get("OPENAI_KEY")`, `getenv('...')`)
_QUOTED_NAME = re.compile(rb"[\"']([A-Z][A-Z0-9_]*)[\"']")


def deploys(name: str, kind: str) -> bool:
    """Whether the file `name` of `kind` may set a program's environment: a .env file, a
    compose file, a Dockerfile or a script (the `shell` kind)."""
    if kind in ("dotenv", "shell"):
        return True
    return kind == "yaml" and "compose" in os.path.basename(name).lower()


def key_names(provider_key: str) -> Callable[[bytes], list[str]]:
    """The search of a module's bytes for the key variables it names in quotes: OpenAI's by
    their spelling (`sdk.KEY_VAR_SPELLINGS`, which ML401 renames) and the provider's."""
    wanted = sdk.KEY_VAR_SPELLINGS | {provider_key}
    needles = tuple(name.encode() for name in wanted)

    def search(data: bytes) -> list[str]:
        if not any(needle in data for needle in needles):
            return []
        found = {m.group(1).decode() for m in _QUOTED_NAME.finditer(data)}
        return sorted(found & wanted)

    return search
