"""The default ML401 gives a renamed read of OpenAI's key variable whose value an SDK client
takes as its key: `os.getenv(X)` is None where X is unset, and a client given None reads
OPENAI_API_KEY itself, so the OpenAI key would go to the provider (mem0's `api_key =
config.api_key or os.getenv("OPENAI_API_KEY")`, then `OpenAI(api_key=api_key, ...)`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

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


class SpreadTie(NamedTuple):
    """The key the caller gives and its base URL, as code, that a key read is tied to
    (`spread_caller_url`), and the writes to the client's mapping the tie cannot see through
    (`params.update(extra)`, `fill(params)`), which may give it another base URL."""

    given: str
    url: str
    unseen: tuple[cst.Call, ...] = ()


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
    if client is None and (keyword_tie := _keyword_caller_url(ctx, names, read)) is not None:
        client = keyword_tie[0]
    if client is None or value_tested(names, read):
        return edit, None
    quote = edit.text[-1]
    return replace(edit, text=f"{edit.text}, {quote}{UNSET_KEY}{quote}"), client


def spread_caller_url(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode, client: cst.Call
) -> SpreadTie | None:
    """The key the caller gives and its base URL, as code, where the key read `read` ends
    `<key> or <read>` stored as the `api_key` of the mapping a `**`-built `client` takes
    (`_spread_key_client`), and that mapping (`OpenAI(**self._params())`, a method of the
    module returning a dict display) gives its `base_url` as the caller's setting first
    (`self.base_url or ...`): in a function given the mapping's data (a pydantic validator),
    `data["api_key"] = data.get("api_key") or <read>`, the caller's URL is
    `data.get("base_url")`; in a method, `self.api_key = key or <read>` beside `self.base_url
    = url`, `key` and `url` its parameters, bound nowhere else, it is `url`. None otherwise
    (t60b review: crewAI's wrapper sent the provider's key to whatever `base_url=` the
    caller gave). Also a client's own `api_key=<key> or <read>` beside a `base_url=` whose
    chain starts with the caller's values (`_keyword_caller_url`). A mapping also written in
    ways the tie cannot see through (`params.update(extra)`, crewAI's `client_params.update(
    self.client_params)`) is followed all the same, those writes named in `unseen`: a base URL
    given through them is not compared."""
    keyword_tie = _keyword_caller_url(ctx, names, read)
    if keyword_tie is not None:
        return SpreadTie(*keyword_tie[1:])
    unseen: list[cst.Call] = []
    tie = _spread_tie(ctx, names, read, client, unseen)
    if tie is None:
        return None
    calls = {id(c): c for c in unseen}  # several lookups may meet the same write
    ordered = sorted(calls.values(), key=lambda c: ctx.span(c).start)
    return SpreadTie(*tie, unseen=tuple(ordered))


def _spread_tie(
    ctx: PythonContext,
    names: EnvNames,
    read: cst.CSTNode,
    client: cst.Call,
    unseen: list[cst.Call],
) -> tuple[str, str] | None:
    """`spread_caller_url`'s tie of a key read stored in the client's `**` mapping, the
    mapping's writes it cannot see through added to `unseen`."""
    if (in_builder := _builder_store(ctx, names, read, client, unseen)) is not None:
        return in_builder
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
    fields = _caller_url_fields(ctx, client, unseen)
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
        if len(stores) != 1:
            return None
        last = body[max(_at(body, line), _at(body, stores[0][0]))]
        stored = _stored_urls(ctx, stores[0][1].value)
        if not stored:
            return None
        for url in stored:
            if not _unbound_before(ctx, url, function, body, last):
                return None
            urls.append(url.value)
    return given.value, _either(urls)


def applied_tie_unseen(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode
) -> tuple[cst.IfExp, SpreadTie] | None:
    """The tie and its test where `read`, a read of the provider's key variable, is the
    provider's side of a tie `tied_spread_edit` wrote (`(<read> if not <url> or ... else
    <given>)`, by an earlier apply or by hand) to the caller's URL in a client's `**` mapping
    that is also written in ways the tie cannot see through (`SpreadTie.unseen`): a base URL
    given there is still not compared, so the finding stands after apply. None otherwise."""
    tie_test = names.parent(read)
    if not (
        isinstance(tie_test, cst.IfExp)
        and tie_test.body is read
        and isinstance(tie_test.test, cst.BooleanOperation)
    ):
        return None
    client = _spread_key_client(ctx, names, tie_test)
    tie = spread_caller_url(ctx, names, tie_test, client) if client is not None else None
    if tie is None or not tie.unseen or ctx.code(tie_test.orelse) != tie.given:
        return None
    return tie_test, tie


def _keyword_caller_url(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode
) -> tuple[cst.Call, str, str] | None:
    """The client, the key the caller gives and its base URL, as code, where `read` ends the
    `api_key=<key> or <read>` of an SDK client (not Azure's) whose `base_url=` is a chain of
    `or`s starting with values the caller sets (names, `self.X`) that `apply` points at the
    provider (`chain_to_openai`: `OpenAI(api_key=self.api_key or os.getenv(X),
    base_url=self.base_url or os.getenv(Y))`): renamed untied, the provider's key went to
    whatever server the caller names with no key (s62). None otherwise."""
    from migrate_llm.rules.clients import chain_to_openai  # it imports this module's importers

    parent = names.parent(read)
    if not (
        isinstance(parent, cst.BooleanOperation)
        and isinstance(parent.operator, cst.Or)
        and parent.right is read
        and _caller_value(parent.left)
    ):
        return None
    above = ctx.ancestors(parent)
    if len(above) < 2 or not isinstance(arg := above[-1], cst.Arg) or arg.value is not parent:
        return None
    call = above[-2]
    if not isinstance(call, cst.Call) or keyword(call, API_KEY) is not arg:
        return None
    client = ctx.constructed_client(call)
    url = keyword(call, BASE_URL)
    if client is None or client.azure or url is None or not chain_to_openai(ctx, url.value):
        return None
    urls: list[str] = []
    for operand in _or_chain(url.value):
        if not _caller_value(operand):
            break
        urls.append(ctx.code(operand))
    if not urls:
        return None
    return call, ctx.code(parent.left), _either(urls)


def _caller_value(node: cst.BaseExpression) -> bool:
    """Whether `node` is a name or `self.X`: a value the caller sets, read again as it is."""
    return (isinstance(node, cst.Name) and node.value != "None") or self_attribute(node)


def _or_chain(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The operands of a chain of `or`s, in order (`value` alone where it is none)."""
    operands: list[cst.BaseExpression] = []
    while isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        operands.insert(0, value.right)
        value = value.left
    return [value, *operands]


def _stored_urls(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.Name]:
    """The names whose values a method stores as the base URL, the first set taken: `url` of
    `self.base_url = url`, `base_url` and `api_base` of `self.base_url = base_url or api_base
    or os.getenv(X)` where apply points that chain's end at the provider (`chain_to_openai`)
    or already has (`os.getenv("<provider's variable>", "<its URL>")`, so that `check` still
    sees the tie apply wrote, `applied_tie_unseen`); an empty list otherwise."""
    from migrate_llm.rules.clients import (  # they import this module's importers
        chain_to_openai,
        env_var_read,
    )

    if isinstance(value, cst.Name):
        return [value]
    operands = _or_chain(value)
    names: list[cst.Name] = []
    for operand in operands:
        if not isinstance(operand, cst.Name) or operand.value == "None":
            break
        names.append(operand)
    if not names or len(names) == len(operands):
        return []
    provider, end = ctx.rules.provider, env_var_read(ctx, operands[-1])
    pointed = (
        provider is not None
        and len(names) == len(operands) - 1
        and end is not None
        and end[0] == provider.base_url_env
        and end[1] is not None
        and string_value(end[1]) == ctx.rules.base_url
    )
    return names if pointed or chain_to_openai(ctx, value) else []


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


def _caller_url_fields(
    ctx: PythonContext, client: cst.Call, unseen: list[cst.Call]
) -> list[str] | None:
    """The attributes `X`, `Y` whose values the `**` mapping of `client` gives first as its
    base URL (`"base_url": self.X or self.Y or <env reads, None or a literal>`, in the
    mapping the method `self.<m>()` builds and returns, `_built_entries`, taken directly or
    through a name, `_held_value`): the URL the client takes is the first of them
    set (crewAI's `self.base_url or self.api_base or os.getenv(...) or None`); an empty list
    where the mapping's URL is none of the caller's. None where the chain holds something else
    after them, or the mapping is not so seen. The writes to the mapping it cannot see through
    are added to `unseen`."""
    from migrate_llm.rules.clients import env_var_read  # it imports this module's importers

    method = _mapping_method(ctx, client, unseen)
    returned = ctx.returned_by(method) if method is not None else None
    entries = _built_entries(ctx, returned, unseen) if returned is not None else None
    if entries is None or BASE_URL not in entries:
        return None
    operands = _or_chain(entries[BASE_URL])
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


def _mapping_method(ctx: PythonContext, client: cst.Call, unseen: list[cst.Call]) -> str | None:
    """`m` where `client` takes its one `**` mapping, and no `base_url=`, from `self.m()`,
    directly or through a name bound to its result (`_held_value`, which adds to `unseen`)."""
    spread = [a for a in client.args if a.star == "**"]
    if len(spread) != 1 or keyword(client, BASE_URL) is not None:
        return None
    call = _held_value(ctx, spread[0].value, unseen)
    if not (isinstance(call, cst.Call) and not call.args and self_attribute(call.func)):
        return None
    return cast(cst.Attribute, call.func).attr.value


def _builder_store(
    ctx: PythonContext,
    names: EnvNames,
    read: cst.CSTNode,
    client: cst.Call,
    unseen: list[cst.Call],
) -> tuple[str, str] | None:
    """`self.api_key` and the caller's URL `self.X` (`(self.X or self.Y)`), as code, where
    `read` is stored whole as `self.api_key = <read>` in the method building the `**` mapping
    of `client` whose URL is `self.X or self.Y or ...` (`_caller_url_fields`), a method that
    sets none of those attributes (crewAI's `_get_client_params`: `if self.api_key is None:
    self.api_key = os.getenv("OPENAI_API_KEY")`): the provider's key only where that URL is
    empty or the provider's, the key held before elsewhere. None otherwise."""
    store = names.parent(read)
    if not (
        isinstance(store, cst.Assign)
        and store.value is read
        and len(store.targets) == 1
        and self_attribute(target := store.targets[0].target)
        and cast(cst.Attribute, target).attr.value == API_KEY
    ):
        return None
    method = _mapping_method(ctx, client, unseen)
    function = next(
        (a for a in reversed(ctx.ancestors(store)) if isinstance(a, cst.FunctionDef)), None
    )
    defs = ctx.methods.get(method, []) if method is not None else []
    if function is None or len(defs) != 1 or defs[0] is not function:
        return None
    fields = _caller_url_fields(ctx, client, unseen)
    if not fields:
        return None
    for node in _walk(function):
        bound = node.target if isinstance(node, _TARGETS) else None
        if (
            isinstance(bound, cst.Attribute)
            and self_attribute(bound)
            and bound.attr.value in fields
        ):
            return None
    return "self.api_key", _either([f"self.{field}" for field in fields])


_TARGETS = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)  # nodes binding their `target`


def _walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    """`node` and every node below it."""
    found: list[cst.CSTNode] = [node]
    for child in node.children:
        found.extend(_walk(child))
    return found


def _built_entries(
    ctx: PythonContext, mapping: cst.BaseExpression, unseen: list[cst.Call], depth: int = 5
) -> dict[str, cst.BaseExpression] | None:
    """The entries of the mapping a method returns, by their string keys: a dict display
    (no `**` in it), a `dict(k=v, ...)` call, a comprehension that only drops entries of one
    (`{k: v for k, v in params.items() if v is not None}`, crewAI's), or a name of the method
    bound once to one of those and otherwise only given other entries (`params["timeout"] =
    t`) or written in ways not seen through (`params.update(extra)`, `fill(params)`: added to
    `unseen`, as they may set its key or base URL); None where the mapping is built another
    way (its key or base URL set again, another binding)."""
    if depth == 0:
        return None
    if isinstance(mapping, cst.Dict):
        if not all(isinstance(e, cst.DictElement) for e in mapping.elements):
            return None
        entries = [cast(cst.DictElement, e) for e in mapping.elements]
        return {k: e.value for e in entries if (k := string_value(e.key)) is not None}
    if isinstance(mapping, cst.Call):
        func = mapping.func
        if not (
            isinstance(func, cst.Name)
            and func.value == "dict"
            and all(isinstance(b, BuiltinAssignment) for b in ctx.bindings(func))
            and all(a.keyword is not None and not a.star for a in mapping.args)
        ):
            return None
        return {cast(cst.Name, a.keyword).value: a.value for a in mapping.args}
    if isinstance(mapping, cst.DictComp):
        source = _dropped_from(mapping)
        return _built_entries(ctx, source, unseen, depth - 1) if source is not None else None
    held = _held_value(ctx, mapping, unseen) if isinstance(mapping, cst.Name) else None
    return _built_entries(ctx, held, unseen, depth - 1) if held is not None else None


def _dropped_from(comp: cst.DictComp) -> cst.Name | None:
    """`params` where `comp` is `{k: v for k, v in params.items() [if ...]}`: the entries of
    `params`, some perhaps dropped."""
    target, iterated = comp.for_in.target, comp.for_in.iter
    if (
        comp.for_in.inner_for_in is not None
        or not isinstance(comp.key, cst.Name)
        or not isinstance(comp.value, cst.Name)
        or not isinstance(target, cst.Tuple)
        or [getattr(e.value, "value", None) for e in target.elements]
        != [comp.key.value, comp.value.value]
        or not isinstance(iterated, cst.Call)
        or iterated.args
        or not isinstance(iterated.func, cst.Attribute)
        or iterated.func.attr.value != "items"
        or not isinstance(iterated.func.value, cst.Name)
    ):
        return None
    return iterated.func.value


def _held_value(
    ctx: PythonContext, value: cst.BaseExpression, unseen: list[cst.Call]
) -> cst.BaseExpression | None:
    """What a name of a function holds where `value` reads it: the value of its one binding
    there, where every other use of it reads it whole (`**params`, `return params`,
    `params.items()`), sets an entry with another string key than the key or base URL
    (`params["http_client"] = ...`) or is a write not seen through (`_unseen_write`, added to
    `unseen`); `value` itself where it is no name. None otherwise."""
    if not isinstance(value, cst.Name):
        return value
    bound = ctx.reaching(value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    assigned = ctx.index.assigned.get(id(bound[0].node))
    if assigned is None or len(ctx.bindings(value)) != 1:
        return None
    for access in bound[0].references:
        above = ctx.ancestors(access.node)
        parent = above[-1] if above else None
        if access.node is value or isinstance(parent, cst.Return):
            continue
        if isinstance(parent, cst.Arg) and parent.star == "**":
            continue
        if (write := _unseen_write(access.node, above)) is not None:
            unseen.append(write)
            continue
        if (
            isinstance(parent, cst.Attribute)
            and parent.attr.value == "items"
            and len(above) >= 2
            and isinstance(above[-2], cst.Call)
        ):
            continue
        if (
            isinstance(parent, cst.Subscript)
            and len(above) >= 2
            and isinstance(above[-2], cst.AssignTarget)
            and len(parent.slice) == 1
            and isinstance(index := parent.slice[0].slice, cst.Index)
            and string_value(index.value) not in (None, API_KEY, BASE_URL)
        ):
            continue
        return None
    return assigned


def _unseen_write(node: cst.CSTNode, above: Sequence[cst.CSTNode]) -> cst.Call | None:
    """The call writing the mapping the name `node` holds in a way the tie cannot see
    through, where it is one: `params.update(...)` (crewAI's `client_params.update(
    self.client_params)`), or `params` handed to a function (`fill(params)`), which may set
    any entry; None otherwise. `above`: the ancestors of `node`."""
    if len(above) < 2 or not isinstance(call := above[-2], cst.Call):
        return None
    parent = above[-1]
    if isinstance(parent, cst.Attribute) and parent.attr.value == "update":
        return call if call.func is parent else None
    if isinstance(parent, cst.Arg) and not parent.star and parent.value is node:
        return call
    return None


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
