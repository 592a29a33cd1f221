"""GitHub Actions steps whose OpenAI-named variables already point at the target provider.

A step that runs a third-party action (`uses:`, no `run:`) hands the action the variables it
reads by the names it reads them (`OPENAI_API_KEY`, `OPENAI_API_ENDPOINT`); where the step's
own `env:` or `with:` (or its job's or the workflow's `env:`) sets a base URL on the target's
host beside them, the step is on the target already, and renaming the variables would break
the action (MaxKB's LLM code review: an Alibaba secret, DashScope's URL, a qwen model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_common import host_owner

# a variable or input holding a base URL, by its name (`OPENAI_API_ENDPOINT`, `base-url`)
_URL_NAME = re.compile(r"url|base|endpoint|host", re.IGNORECASE)


@dataclass(frozen=True)
class StepOnTarget:
    """The entry of the step's settings that points it at the target: its name and URL."""

    name: str
    url: str


def _workflow(doc: ConfigDocument) -> bool:
    path = doc.path.replace("\\", "/")
    return doc.kind == "yaml" and "/.github/workflows/" in f"/{path}"


def _step_of(path: tuple[str, ...]) -> tuple[str, ...] | None:
    """`("jobs", J, "steps", I)` for an entry of a step's `env:` or `with:`; None otherwise."""
    if len(path) == 6 and path[0] == "jobs" and path[2] == "steps" and path[4] in ("env", "with"):
        return path[:4]
    return None


def step_on_target(ctx: RuleContext, doc: ConfigDocument, entry: Entry) -> StepOnTarget | None:
    """For an entry of a workflow step's `env:`/`with:` of an action step (`uses:`, no `run:`:
    no code of the project reads it, which apply would move to the provider's variables), the
    entry beside it (the step's `env:`/`with:`, its job's or the workflow's `env:`) setting a
    base URL on the target's host; None otherwise."""
    target = ctx.provider
    step = _step_of(entry.path)
    if target is None or step is None or not _workflow(doc):
        return None
    keys = {e.path[4] for e in doc.entries if len(e.path) == 5 and e.path[:4] == step}
    if "uses" not in keys or "run" in keys:
        return None
    scopes = {(*step, "env"), (*step, "with"), (*step[:2], "env"), ("env",)}
    for other in doc.entries:
        if other.path[:-1] not in scopes or other.key is None or other.value is None:
            continue
        if _URL_NAME.search(other.key) is None or "://" not in other.value:
            continue
        owner = host_owner(ctx, other.value)
        if owner is not None and owner.id == target.id:
            return StepOnTarget(other.key, other.value.strip())
    return None
