"""Client classes of libraries that build their own OpenAI client (`frameworks.libraries.
LIBRARIES`, ML670): whether a construction is pointed elsewhere, and the model it is given."""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from migrate_llm.frameworks.libraries import LIBRARIES
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.python_context import PythonContext


def own_backend(call: cst.Call, keywords: tuple[str, ...]) -> str:
    """ "own" where a client construction is given one of `keywords` (not None), "unknown"
    where `**` may hold one, "openai" otherwise."""
    for arg in call.args:
        if arg.star == "**":
            return "unknown"
        none = isinstance(arg.value, cst.Name) and arg.value.value == "None"
        if arg.keyword is not None and arg.keyword.value in keywords and not none:
            return "own"
    return "openai"


def client_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literal (written there, or the default of the parameter or the constant
    given there) of a client construction ML670 reports as going to OpenAI
    (`OpenAIEncoder(model_name)`): ML204-ML206 leave it, as a model name alone, mapped or not,
    does not move the library."""
    for library in LIBRARIES:
        if library.model is None or not ctx.mentions(library.module):
            continue
        if not ctx.qualnames(call.func) & frozenset(library.clients):
            continue
        if library.own_keywords and own_backend(call, library.own_keywords) == "own":
            continue
        given = argument(call, *library.model)
        resolved = ctx.resolve_literal(given.value) if given is not None else None
        if resolved is not None:
            yield resolved[0]
