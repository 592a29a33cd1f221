"""The models other modules of the project default to, as ML205 counts them for a module.

ML205 adds to a list, tuple or set that another one would rival (both would take a provider
model) only what the module's own models map to (`own`). A model read from the environment
in another module with an OpenAI model as its default (`RunFacts.env_model_defaults`:
chatgpt-telegram-bot's `main.py` reads `OPENAI_MODEL` with `"gpt-4o"`, ML204 maps it) may
reach a test of a value in this one (`default_max_tokens(model)`'s `model in
GPT_4O_MODELS`): for a collection the module tests a value against, such a default counts
as its own model too.
"""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.env_model_defaults import EnvDefault
from migrate_llm.rules.model_branches import membership_collection
from migrate_llm.rules.python_context import PythonContext, string_value


def project_defaults(ctx: PythonContext, own: set[str]) -> dict[str, EnvDefault]:
    """The OpenAI models other modules of the project default environment reads to that
    `own` (the module's own models) does not hold, each with its first read (by file)."""
    found: dict[str, EnvDefault] = {}
    for entry in sorted(ctx.rules.facts.env_model_defaults):
        if entry.module != ctx.path and entry.model not in own:
            found.setdefault(entry.model, entry)
    return found


def tested_collections(ctx: PythonContext) -> set[int]:
    """The ids of the lists, tuples and sets the module tests a value that is not a literal
    against (`model in GPT_4O_MODELS`, `self.config["model"] not in (...)`), found once."""
    found = ctx.analyses.get(tested_collections)
    if found is None:
        found = ctx.analyses[tested_collections] = _tested(ctx)
    return cast("set[int]", found)


def _tested(ctx: PythonContext) -> set[int]:
    found = set()
    for node in ctx.nodes:
        if type(node) is not cst.Comparison:
            continue
        assert isinstance(node, cst.Comparison)
        left = node.left
        for target in node.comparisons:
            if isinstance(target.operator, (cst.In, cst.NotIn)) and string_value(left) is None:
                collection = membership_collection(ctx, target.comparator)
                if collection is not None:
                    found.add(id(collection))
            left = target.comparator
    return found


def described(models: list[str], defaults: dict[str, EnvDefault]) -> str:
    """The models a collection gains what they map to from, as a message names them: the
    module's own, then the project's defaults with where each is read."""
    mine = [repr(m) for m in models if m not in defaults]
    theirs = [
        f"{m!r} ({defaults[m].variable} in {defaults[m].shown})" for m in models if m in defaults
    ]
    parts = []
    if mine:
        parts.append(f"the module's own {', '.join(mine)}")
    if theirs:
        many = "s" if len(theirs) > 1 else ""
        parts.append(f"the project's default{many} {', '.join(theirs)}")
    return " and ".join(parts)
