"""The calls of a project's modules giving a function of another of its modules a read of
OpenAI's key that a raw request of the caller keeps OpenAI's (review r2, t2).

main.py posts `key = os.environ["OPENAI_API_KEY"]` in a raw request to OpenAI (ML403 leaves
it), then calls `chat([], api_key=key)`, imported from llm.py, whose `api_key = api_key or
os.environ["OPENAI_API_KEY"]` goes to a client. The rules of llm.py see only the fallback:
ML401 renamed it and ML001 moved the client, which then sent main's OpenAI key to the
provider. The modules holding OpenAI's URL (`HOLDS_REQUEST_URL`) are read again, and each
such call goes into the project's facts (`RunFacts.raw_key_callers`), where
`env_read_facts.handed_left` finds the callee's parameter given it, as it finds a caller in
the callee's own module.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm.reread import parsed_context

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

# a module larger than this is not read again
MAX_BYTES = 256 * 1024


class RawKeyCaller(NamedTuple):
    """A call in the module `caller` (as messages show it), on line `line`, giving the
    parameter `param` (its keyword, or "#N" for its position N among the arguments) of
    `function` (a method of the class `owner`, "" for a top-level function) of the project's
    module at `module` (an absolute path) a read of OpenAI's key that the raw request to
    OpenAI on line `request` of the caller keeps."""

    module: str
    owner: str
    function: str
    param: str
    caller: str
    line: int
    request: int


def raw_key_callers(module: str, shown: str, data: bytes, rules: RuleContext) -> list[RawKeyCaller]:
    """The calls of a module's bytes (`RawKeyCaller`); none where it cannot be parsed, where
    no raw request keeps a key, or the run does not switch provider."""
    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.env_read_facts import kept_request_line
    from migrate_llm.rules.env_roles import key_variables
    from migrate_llm.rules.raw_http import raw_http

    if rules.provider is None or not rules.switching or len(data) > MAX_BYTES:
        return []
    if b"OPENAI" not in data:
        return []
    with parsed_context(data, rules, module) as ctx:
        if ctx is None:
            return []
        raw = raw_http(ctx)
        if not (raw.kept or raw.untraced):
            return []
        names, keys = env_names(ctx), key_variables(ctx)
        found = []
        for access in names.accesses:
            if access.kind != "read" or not access.names & keys:
                continue
            request = kept_request_line(ctx, raw, names, access)
            if request:
                found += _given(ctx, names, access.node, shown, request)
        return found


def _given(ctx, names, read, shown: str, request: int) -> list[RawKeyCaller]:
    """The calls giving the key `read` to a function or class of another module of the
    project (`callee_keys.callee_module`)."""
    import libcst as cst

    from migrate_llm.rules.callee_keys import callee_module
    from migrate_llm.rules.key_destinations import key_uses

    found = []
    for arg, call in key_uses(ctx, names, read):
        if not isinstance(call, cst.Call) or arg is None or arg.star:
            continue
        callee = callee_module(ctx, call)
        if callee is None:
            continue
        path, name, method = callee
        if arg.keyword is not None:
            param = arg.keyword.value
        else:
            index = next(i for i, a in enumerate(call.args) if a is arg)
            if any(a.keyword is not None or a.star for a in call.args[:index]):
                continue
            param = f"#{index}"
        owner, function = (name, method) if method is not None else ("", name)
        line = names.line(call)
        found.append(
            RawKeyCaller(os.path.abspath(path), owner, function, param, shown, line, request)
        )
    return found
