"""Where the key a person types at a prompt goes, for the rules that make that prompt ask for
the provider's key: ML404 storing the answer in the provider's variable, the client and class
rules keeping it as the key of what they point at the provider, ML401 switching a read the
prompt shows before anything is typed (`key_destinations` follows a text box's answer).

One rule for all of them: the prompt asks for the provider's key only where nothing else that
gets the answer stays on OpenAI; else the key typed there would go to OpenAI (t53d D1: an agno
app's prompt asked for the Ark key, which its `OpenAIChat`, left on OpenAI, sent to
api.openai.com)."""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.env_names import (
    EnvAccess,
    EnvNames,
    env_names,
    switched_key_variables,
)
from migrate_llm.rules.env_read_facts import written
from migrate_llm.rules.key_destinations import Destination, risky_among, state_reads
from migrate_llm.rules.openai_branches import openai_model_branch
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, string_value

# what keeps a destination from getting the provider's key, in words
_WHY = {
    "framework": "which apply leaves on OpenAI (or on a base URL chosen at run time)",
    "left": "which apply leaves talking to OpenAI (see its finding)",
    "client": "a client whose base URL is chosen at run time (OpenAI's when none is given)",
    "environment": "an OpenAI variable apply leaves OpenAI's",
    "request": "an HTTP request apply does not point at the provider",
    "elsewhere": "whose base URL may be another provider's or the program's own server",
    "local": "whose base URL defaults to a server on this machine",
    "model": "whose model sends it to OpenAI (an OpenAI model, or one chosen at run time)",
}


def answer_destination(
    ctx: PythonContext, prompt: cst.Call, also: cst.CSTNode | None = None
) -> Destination | None:
    """The first place the answer typed at `prompt` goes that `apply` leaves where the
    provider's key must not go (`key_destinations.risky_among`): through the names it is bound
    to, the session-state entries holding it, the module's functions. `also`: the client or
    class being decided, pointed at the provider with it; so are the writes of OpenAI's key
    variables that ML404 renames with it. None on a run that switches nothing."""
    rules = ctx.rules
    if rules.provider is None or not rules.switching:
        return None
    memo = cast(
        "dict[tuple[int, int], Destination | None]",
        ctx.analyses.setdefault(answer_destination, {}),
    )
    at = (id(prompt), id(also))
    if at not in memo:
        memo[at] = None  # asked again while it is found (a write of another prompt's answer)
        memo[at] = _answer_destination(ctx, env_names(ctx), prompt, also)
    return memo[at]


def _answer_destination(
    ctx: PythonContext, names: EnvNames, prompt: cst.Call, also: cst.CSTNode | None
) -> Destination | None:
    moving = {id(also)} if also is not None else set()
    for access in names.accesses:
        if (
            access.kind == "write"
            and names.is_prompt(access.value) is prompt
            and _renamable(ctx, names, access)
        ):
            moving |= _write_holders(names, access)
    values: list[cst.CSTNode] = [prompt]
    for arg in prompt.args:  # a Streamlit box's own entry: `st.text_input(..., key="k")`
        named = arg.keyword is not None and arg.keyword.value == sdk.STATE_PROMPT_KEY
        key = string_value(arg.value) if named else None
        if key and names.state_prompt(key) is prompt:
            values += state_reads(ctx, names, key)
    return risky_among(ctx, names, values, frozenset(moving))


def typed_write_moves(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    """Whether ML404 stores the key typed at a prompt, which `access` writes to OpenAI's key
    variable, in the provider's instead: a variable apply switches (not Azure's on another
    target), that the module sets to nothing else, the answer going nowhere else that stays
    on OpenAI (`answer_destination`)."""
    prompt = names.is_prompt(access.value)
    return (
        prompt is not None
        and _renamable(ctx, names, access)
        and answer_destination(ctx, prompt) is None
    )


def _renamable(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> bool:
    rules = ctx.rules
    sources = names.openai_sources(access)
    switched = switched_key_variables(rules)
    return (
        rules.provider is not None
        and rules.switching
        and bool(sources)
        and all(s.value in switched and not written(names, s) for s in sources)
    )


def _write_holders(names: EnvNames, access: EnvAccess) -> set[int]:
    """The nodes (by id) a key's uses name for a write (`key_destinations._uses`): the
    assignment `os.environ[X] = value` holding its target, or the call."""
    found = {id(access.node)}
    target = names.parent(access.node)
    if isinstance(target, cst.AssignTarget) and (assign := names.parent(target)) is not None:
        found.add(id(assign))
    return found


def destination_words(ctx: PythonContext, destination: Destination) -> str:
    """`OpenAIChat() on line 11, which apply leaves on OpenAI (...)`: where a key goes that
    keeps it from the provider's key."""
    call = destination.call
    line = ctx.line_label(ctx.position(call)[0][0])
    if isinstance(call, cst.Call):
        where = f"{snippet(ctx, call.func)}() on {line}"
    elif isinstance(call, cst.Assign):
        where = f"`{snippet(ctx, call.targets[0].target)}` on {line}"
    else:
        where = f"`{snippet(ctx, call)}` on {line}"
    return f"{where}, {_WHY.get(destination.kind, 'which could send it to OpenAI')}"


def typed_key_left(ctx: PythonContext, prompt: cst.Call, call: cst.CSTNode) -> str:
    """Why a client or class given the key typed at `prompt` is left on OpenAI: that key also
    goes somewhere `apply` leaves there (`answer_destination`, `call` aside); "" where not."""
    destination = answer_destination(ctx, prompt, call)
    provider = ctx.rules.provider
    if destination is None or provider is None:
        return ""
    line = ctx.line_label(ctx.position(prompt)[0][0])
    return (
        f"the key typed at run time ({line}) also goes to {destination_words(ctx, destination)}: "
        f"asked for {provider.name}'s key, the prompt would send that key there too, so both "
        f"stay on OpenAI; point that one at {provider.name} by hand, and apply moves this one "
        "with it"
    )


def openai_answer(ctx: PythonContext, prompt: cst.Call) -> str | None:
    """Why the key typed at `prompt` stays OpenAI's after `apply`, in words: the prompt asks
    in a branch only OpenAI's models take (`openai_model_branch`: Open Interpreter's
    `if interpreter.llm.model in ["gpt-4o", ...]:`), or the answer also goes somewhere apply
    leaves on OpenAI by its model (`answer_destination` of kind `model`:
    `litellm.completion(model=model, api_key=answer)`, the model chosen at run time). Asked
    for the provider's key there, the prompt would send that key to OpenAI (t61c C). None
    where neither holds: a class only named like OpenAI (`foreign`) may be one apply pointed
    at the provider (agno's `OpenAILike(base_url=<the provider's>)` on an applied tree)."""
    branch = openai_model_branch(ctx, prompt)
    if branch is not None:
        return f"it asks in the branch {branch}, taken for OpenAI's models, which send it to OpenAI"
    destination = answer_destination(ctx, prompt)
    if destination is not None and destination.kind == "model":
        return f"the key typed there goes to {destination_words(ctx, destination)}"
    return None
