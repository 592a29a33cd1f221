"""The default ML401 gives a renamed read of OpenAI's key variable whose value an SDK client
takes as its key: `os.getenv(X)` is None where X is unset, and a client given None reads
OPENAI_API_KEY itself, so the OpenAI key would go to the provider (mem0's `api_key =
config.api_key or os.getenv("OPENAI_API_KEY")`, then `OpenAI(api_key=api_key, ...)`)."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Edit
from migrate_llm.registry import Provider
from migrate_llm.rules.caller_url_keys import applied
from migrate_llm.rules.code_templates import UNSET_KEY, provider_url_test
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
BASE_URL = "base_url"  # the entry of a client's `**` mapping holding its base URL


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


def spread_caller_url(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode, client: cst.Call
) -> tuple[str, str] | None:
    """The key the caller gives and its base URL, as code, where the key read `read` ends
    `<key> or <read>` stored as the `api_key` of the mapping a `**`-built `client` takes
    (`_spread_key_client`), and that mapping (`OpenAI(**self._params())`, a method of the
    module returning a dict display) gives its `base_url` as the caller's setting first
    (`self.base_url or ...`): in a function given the mapping's data (a pydantic validator),
    `data["api_key"] = data.get("api_key") or <read>`, the caller's URL is
    `data.get("base_url")`; in a method, `self.api_key = key or <read>` beside `self.base_url
    = url`, `key` and `url` its parameters, bound nowhere else, it is `url`. None otherwise
    (t60b review: crewAI's wrapper sent the provider's key to whatever `base_url=` the
    caller gave)."""
    parent = names.parent(read)
    if not (
        isinstance(parent, cst.BooleanOperation)
        and isinstance(parent.operator, cst.Or)
        and parent.right is read
    ):
        return None
    given, store = parent.left, names.parent(parent)
    if not (isinstance(store, cst.Assign) and store.value is parent and len(store.targets) == 1):
        return None
    fields = _caller_url_fields(ctx, client)
    if not fields:
        return None
    target = store.targets[0].target
    data = _data_read(given, API_KEY)
    if data is not None:
        if not (
            isinstance(target, cst.Subscript)
            and isinstance(target.value, cst.Name)
            and target.value.value == data
        ):
            return None
        quote = cast(cst.SimpleString, cast(cst.Call, given).args[0].value).quote
        return ctx.code(given), _either([f"{data}.get({quote}{f}{quote})" for f in fields])
    if not (isinstance(given, cst.Name) and self_attribute(target)):
        return None
    function = next(
        (a for a in reversed(ctx.ancestors(store)) if isinstance(a, cst.FunctionDef)), None
    )
    block = function.body if function is not None else None
    body = list(block.body) if isinstance(block, cst.IndentedBlock) else []
    line = next((s for s in body if any(store is b for b in getattr(s, "body", ()))), None)
    if function is None or line is None or not _unbound_before(ctx, given, function, body, line):
        return None
    urls: list[str] = []
    for field in fields:
        stores = [
            (statement, small)
            for statement in body
            if isinstance(statement, cst.SimpleStatementLine)
            for small in statement.body
            if isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and self_attribute(small.targets[0].target)
            and cast(cst.Attribute, small.targets[0].target).attr.value == field
        ]
        if len(stores) != 1 or not isinstance(stores[0][1].value, cst.Name):
            return None
        url = stores[0][1].value
        last = body[max(_at(body, line), _at(body, stores[0][0]))]
        if not _unbound_before(ctx, url, function, body, last):
            return None
        urls.append(url.value)
    return given.value, _either(urls)


def _at(body: list[cst.BaseStatement], statement: cst.BaseStatement) -> int:
    """The index of `statement` (itself, not an equal one) in `body`."""
    return next(i for i, s in enumerate(body) if s is statement)


def _either(urls: list[str]) -> str:
    """The caller's base URL as code: the one setting, or the chain of `or`s of several, the
    first set being the one the mapping gives (`(base_url or api_base)`)."""
    return urls[0] if len(urls) == 1 else f"({' or '.join(urls)})"


def _unbound_before(
    ctx: PythonContext,
    name: cst.Name,
    function: cst.FunctionDef,
    body: list[cst.BaseStatement],
    line: cst.BaseStatement,
) -> bool:
    """Whether `name` is a parameter of `function` that still holds the caller's value at the
    statement `line` of its body: every other binding of it in the function comes in a later
    statement of that body (`url = 1` after `self.base_url = url`)."""
    scope = ctx.scope(name)
    params = function.params
    if scope is None:
        return False
    bindings = list(scope.assignments[name.value])
    param = [
        b
        for b in bindings
        if isinstance(b, Assignment)
        and isinstance(b.node, cst.Param)
        and any(
            b.node is p for p in (*params.posonly_params, *params.params, *params.kwonly_params)
        )
    ]
    if len(param) != 1:
        return False
    at = _at(body, line)
    for binding in bindings:
        if binding is param[0]:
            continue
        if not isinstance(binding, Assignment):
            return False
        node = binding.node
        above = ctx.ancestors(node)
        holder = next((s for s in body if s is node or any(s is a for a in above)), None)
        if holder is None or _at(body, holder) <= at:
            return False
    return True


def _data_read(node: cst.BaseExpression, key: str) -> str | None:
    """`data` where `node` is `data.get("<key>")`, else None."""
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and isinstance(node.func.value, cst.Name)
        and node.func.attr.value == "get"
        and len(node.args) == 1
        and node.args[0].keyword is None
        and not node.args[0].star
        and isinstance(node.args[0].value, cst.SimpleString)
        and string_value(node.args[0].value) == key
    ):
        return node.func.value.value
    return None


def _caller_url_fields(ctx: PythonContext, client: cst.Call) -> list[str] | None:
    """The attributes `X`, `Y` whose values the `**` mapping of `client` gives first as its
    base URL (`"base_url": self.X or self.Y or <env reads, None or a literal>`, in the dict
    display the method `self.<m>()` returns): the URL the client takes is the first of them
    set (crewAI's `self.base_url or self.api_base or os.getenv(...) or None`); an empty list
    where the mapping's URL is none of the caller's. None where the chain holds something else
    after them, or the mapping is not so seen."""
    from migrate_llm.rules.clients import env_var_read  # it imports this module's importers

    spread = [a for a in client.args if a.star == "**"]
    if len(spread) != 1 or keyword(client, BASE_URL) is not None:
        return None
    call = spread[0].value
    if not (isinstance(call, cst.Call) and not call.args and self_attribute(call.func)):
        return None
    returned = ctx.returned_by(cast(cst.Attribute, call.func).attr.value)
    if not isinstance(returned, cst.Dict):
        return None
    values = [
        e.value
        for e in returned.elements
        if isinstance(e, cst.DictElement) and string_value(e.key) == BASE_URL
    ]
    if len(values) != 1:
        return None
    operands: list[cst.BaseExpression] = []
    value = values[0]
    while isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        operands.insert(0, value.right)
        value = value.left
    operands.insert(0, value)
    fields: list[str] = []
    for at, operand in enumerate(operands):
        if self_attribute(operand) and len(fields) == at:
            fields.append(cast(cst.Attribute, operand).attr.value)
        elif not (
            env_var_read(ctx, operand) is not None
            or string_value(operand) is not None
            or (isinstance(operand, cst.Name) and operand.value == "None")
        ):
            return None
    return fields


def tied_spread_edit(
    ctx: PythonContext, read: cst.CSTNode, edit: Edit, given: str, url: str
) -> Edit:
    """The key read `read` renamed by `edit` (with its default "unset"), made the provider's
    key only where the caller's URL `url` is empty or the provider's in any spelling
    (`provider_url_test`), the key the caller gives (`given`) elsewhere, as ML003 ties a
    client's key fallback."""
    provider, base = cast(Provider, ctx.rules.provider), cast(str, ctx.rules.base_url)
    several = url.startswith("(") and url.endswith(")")  # `_either`'s chain of `or`s
    test = provider_url_test(url[1:-1] if several else url, provider, base)
    text = f"({applied(ctx, read, edit)} if not {url} or {test} else {given})"
    return Edit(ctx.span(read), text, edit.imports, edit.setup)


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
