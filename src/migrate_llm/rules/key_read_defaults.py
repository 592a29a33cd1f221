"""The default ML401 gives a renamed read of OpenAI's key variable whose value an SDK client
takes as its key: `os.getenv(X)` is None where X is unset, and a client given None reads
OPENAI_API_KEY itself, so the OpenAI key would go to the provider (mem0's `api_key =
config.api_key or os.getenv("OPENAI_API_KEY")`, then `OpenAI(api_key=api_key, ...)`)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from migrate_llm.model import Edit
from migrate_llm.rules.code_templates import UNSET_KEY
from migrate_llm.rules.env_names import EnvNames, NameSource
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.key_destinations import sdk_key_given, value_tested
from migrate_llm.rules.python_context import PythonContext


def key_read_default(
    ctx: PythonContext,
    names: EnvNames,
    edit: Edit,
    read: cst.CSTNode,
    source: NameSource,
    last: bool,
) -> tuple[Edit, cst.Call | None]:
    """`edit` (the rename of the key variable's name in `read`) with `"unset"` as the read's
    default, and the client that takes the value, where `read` is a call given the name
    alone (`os.getenv(X)`, `os.environ.get(X)`), last in a chain of `or`s (`last`), whose
    value an SDK client takes as its key (`sdk_key_given`) and the program does not test
    (`value_tested`: a test that skips without a key would pass on "unset"); else `edit`
    and None."""
    if (
        source.value not in key_variables(ctx)
        or not last
        or len(edit.text) < 2
        or not isinstance(read, cst.Call)
        or len(read.args) != 1
        or read.args[0].value is not source.node
        or read.args[0].keyword is not None
        or read.args[0].star
    ):
        return edit, None
    client = sdk_key_given(ctx, names, read)
    if client is None or value_tested(names, read):
        return edit, None
    quote = edit.text[-1]
    return replace(edit, text=f"{edit.text}, {quote}{UNSET_KEY}{quote}"), client
