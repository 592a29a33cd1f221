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
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    self_attribute,
    string_value,
)

API_KEY = "api_key"  # the name a client's key is stored under and given by


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
    client = sdk_key_given(ctx, names, read) or _spread_key_client(ctx, names, read)
    if client is None or value_tested(names, read):
        return edit, None
    quote = edit.text[-1]
    return replace(edit, text=f"{edit.text}, {quote}{UNSET_KEY}{quote}"), client


def _spread_key_client(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> cst.Call | None:
    """The first client of the module built from a `**` mapping with no `api_key=` of its own
    (`OpenAI(**self._params())`), where `read`, last in a chain of `or`s, is stored under the
    name `api_key` (`data["api_key"] = data.get("api_key") or os.getenv(X)`, a pydantic
    validator filling the field the mapping hands on; `self.api_key = ...`): the key such a
    client takes, None where it is unset, when the client then reads OPENAI_API_KEY (t60b:
    crewAI's OpenAI class). None otherwise."""
    node, parent = read, names.parent(read)
    while isinstance(parent, cst.BooleanOperation) and parent.right is node:
        node, parent = parent, names.parent(parent)
    if not isinstance(parent, cst.Assign) or parent.value is not node or len(parent.targets) != 1:
        return None
    target = parent.targets[0].target
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        named = string_value(index.value) if isinstance(index, cst.Index) else None
    elif isinstance(target, cst.Attribute) and self_attribute(target):
        named = target.attr.value
    else:
        return None
    if named != API_KEY:
        return None
    for call in ctx.index.constructions:
        client = ctx.constructed_client(call)
        if client is not None and not client.azure and keyword(call, API_KEY) is None:
            return call
    return None
