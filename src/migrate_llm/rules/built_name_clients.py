"""The client a string naming OpenAI's key variable gives its key to, through a read under a
name built at run time (trial t63d, llmware's `_get_api_key(self, env_var="OPENAI_API_KEY")`).

`def _get_api_key(self, env_var="OPENAI_API_KEY"): self.api_key = os.environ.get(env_var)`,
then `OpenAI(api_key=self.api_key)`: ML001 leaves that client on OpenAI, as its key may be
OpenAI's (`openai_fallback_keys.built_key`). ML401's advice on the string, to make it name the
provider's variable by hand, then sent the provider's key to api.openai.com; so it names the
client, to be pointed at the provider first, as it does for a direct read going to one."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate_llm.rules.python_context import PythonContext


@dataclass(frozen=True)
class BuiltNameClient:
    """A client apply leaves (`call`) whose key may be read (`read`, the code, on `line`)
    under the name a string gives."""

    call: cst.Call
    read: str
    line: int


def built_name_client(
    ctx: PythonContext, node: cst.CSTNode, variable: str
) -> BuiltNameClient | None:
    """The first client construction of the module apply leaves on OpenAI (`client_left`)
    whose key may be a read under a built name (`openai_fallback`, built only) whose name is
    the string `node` (on its line) naming `variable`; None where there is none."""
    from migrate_llm.rules.clients import (  # they import this
        UNKNOWN_SETTING,
        client_left,
        setting,
    )
    from migrate_llm.rules.openai_fallback_keys import openai_fallback

    if not ctx.rules.switching or ("environ" not in ctx.text and "getenv" not in ctx.text):
        return None
    line = ctx.position(node)[0][0]
    for call in ctx.nodes:
        if type(call) is not cst.Call or ctx.constructed_client(call) is None:
            continue
        given = setting(ctx, call, "api_key")
        if given is None or given is UNKNOWN_SETTING or not client_left(ctx, call):
            continue
        found = openai_fallback(ctx, given, built_only=True)
        read = found.built if found is not None else None
        if (
            found is not None
            and read is not None
            and found.built_in is None
            and read.variable == variable
            and line in (read.value_line, read.built_line)
        ):
            return BuiltNameClient(call, read.code, read.line)
    return None
