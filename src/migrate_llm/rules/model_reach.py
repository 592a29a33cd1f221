"""The requests a model setting is sent by, and the client left in place that sends one.

ML204 maps a model setting (a variable, a constant, a parameter default, a `self.` attribute)
to the provider's model. That is right only where the value goes to a client `apply` moves
to the provider: a client it leaves on Azure OpenAI (`AzureOpenAI(...)` given a key the
program hands it, `OpenAI(base_url=<an Azure endpoint>)`) or on OpenAI would be sent the
provider's name (mem0's Azure deployment got `qwen-plus`). Followed inside one module: the
reads of the name or attribute the setting binds, through `.lower()` and the like, `a or b`
and `x if c else y`, as `model=` of a call, as the "model" entry of a dict spread into one
(`**params`, after `params.update({"model": m})` or `params["model"] = m`, or `dict(model=m)`),
and on through a name it is assigned to, a parameter it is the default of, or a parameter of
a function of the module it is passed to by keyword.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Severity
from migrate_llm.rules.call_parameters import parameter_for
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# the requests that send a dict display as their JSON body (`raw_http.json_senders`)
Bodies = Callable[[cst.CSTNode], list[cst.Call]]
_DEPTH = 3  # names, defaults and parameters followed from one setting
_MODEL = "model"
_MODELS = frozenset({_MODEL})
# ... and, of an openai<1.0 call, what ML304 renames to `model=` (an Azure deployment)
_SENT_MODELS = _MODELS | sdk.LEGACY_MODEL_KWARGS


def requests_sending(ctx: PythonContext, holder: cst.CSTNode) -> list[cst.Call]:
    """The calls that take the value of `holder` (a `Param`, or the `Name` or `Attribute`
    an assignment binds) as their model, in the order found."""
    found: list[cst.Call] = []
    for read in reads_of(ctx, holder):
        for call in _sent_by(ctx, read, 0):
            if all(call is not c for c in found):
                found.append(call)
    return found


def bodies_sending(ctx: PythonContext, holder: cst.CSTNode, bodies: Bodies) -> list[cst.Call]:
    """The requests that send the value of `holder` as the "model" entry of a dict display
    `bodies` gives them for (a raw HTTP request's JSON body), followed as `requests_sending`
    follows it, in the order found."""
    found: list[cst.Call] = []

    def record(display: cst.CSTNode) -> list[cst.Call]:
        found.extend(c for c in bodies(display) if all(c is not f for f in found))
        return []

    for read in reads_of(ctx, holder):
        _sent_by(ctx, read, 0, bodies=record)
    return found


def entry_reads(ctx: PythonContext, value: cst.CSTNode) -> list[cst.CSTNode]:
    """The reads by its key of the dict entry whose value is `value`, where the dict display
    is bound to a name (`envs["AZURE_OPENAI_MODEL"]`) or to an attribute of a class body
    (`envs = {...}` there, read as `self.envs[...]`, `cls.envs[...]` or `Cls.envs[...]` in the
    class), in the order of the text; `.get(key)` too. Empty for any other place."""
    element = _parent(ctx, value)
    if not isinstance(element, cst.DictElement) or element.value is not value:
        return []
    key = string_value(element.key)
    display = _parent(ctx, element)
    assign = _parent(ctx, display) if display is not None else None
    if (
        key is None
        or not isinstance(assign, cst.Assign)
        or assign.value is not display
        or len(assign.targets) != 1
        or not isinstance(name := assign.targets[0].target, cst.Name)
    ):
        return []
    above = ctx.ancestors(assign)
    owner = above[-3] if len(above) >= 3 else None
    if isinstance(owner, cst.ClassDef):
        start = ctx.index_of(owner)
        holders = {"self", "cls", owner.name.value}
        mappings: list[cst.CSTNode] = [
            n
            for n in ctx.nodes[start : ctx.ends[start]]
            if type(n) is cst.Attribute
            and n.attr.value == name.value
            and isinstance(n.value, cst.Name)
            and n.value.value in holders
        ]
    else:
        mappings = reads_of(ctx, name)
    found = [read for m in mappings if (read := _keyed_read(ctx, m, key)) is not None]
    return in_text_order(ctx, found)


def _keyed_read(ctx: PythonContext, mapping: cst.CSTNode, key: str) -> cst.CSTNode | None:
    """`mapping[key]` or `mapping.get(key...)` around `mapping`, not assigned to."""
    parent = _parent(ctx, mapping)
    if isinstance(parent, cst.Subscript) and parent.value is mapping and _key(parent) == key:
        holder = _parent(ctx, parent)
        assigned = isinstance(holder, cst.AssignTarget) and holder.target is parent
        return None if assigned else parent
    call = _parent(ctx, parent) if parent is not None else None
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is mapping
        and parent.attr.value == "get"
        and isinstance(call, cst.Call)
        and call.func is parent
        and call.args
        and string_value(call.args[0].value) == key
    ):
        return call
    return None


def requests_reading(ctx: PythonContext, reads: list[cst.CSTNode]) -> list[cst.Call]:
    """The calls that take as their model the value read at one of `reads`, followed as
    `requests_sending` follows a setting's reads."""
    found: list[cst.Call] = []
    for read in reads:
        for call in _sent_by(ctx, read, 0):
            if all(call is not c for c in found):
                found.append(call)
    return found


def deployments_given(ctx: PythonContext, reads: list[cst.CSTNode]) -> list[cst.Call]:
    """The constructions of SDK clients that take the value read at one of `reads` as their
    Azure deployment (`AzureOpenAI(azure_deployment=model)`), followed as `requests_sending`
    follows a setting's reads: every request of such a client goes to that deployment."""

    def takes(call: cst.Call, arg: cst.Arg) -> bool:
        keyword = arg.keyword.value if arg.keyword is not None else None
        return keyword == sdk.AZURE_DEPLOYMENT_KWARG and ctx.constructed_client(call) is not None

    found: list[cst.Call] = []
    for read in reads:
        for call in _sent_by(ctx, read, 0, takes=takes):
            if ctx.constructed_client(call) is not None and all(call is not c for c in found):
                found.append(call)
    return found


def constructions_given(
    ctx: PythonContext, holder: cst.CSTNode, takes: Callable[[cst.Call, cst.Arg], bool]
) -> list[cst.Call]:
    """The calls whose argument `takes` says is their model (by keyword or position: a
    class's `guidance.models.OpenAI(MODEL)`) that take the value of `holder`, followed as
    `requests_sending` follows it; also a call it reaches as the "model" entry of a dict
    spread into it."""
    found: list[cst.Call] = []
    for read in reads_of(ctx, holder):
        for call in _sent_by(ctx, read, 0, takes=takes):
            if all(call is not c for c in found):
                found.append(call)
    return found


def constructions_reading(
    ctx: PythonContext,
    reads: list[cst.CSTNode],
    takes: Callable[[cst.Call, cst.Arg], bool],
) -> list[cst.Call]:
    """`constructions_given` for the values read at `reads` (a dict entry's reads by key)."""
    found: list[cst.Call] = []
    for read in reads:
        for call in _sent_by(ctx, read, 0, takes=takes):
            if all(call is not c for c in found):
                found.append(call)
    return found


def requests_given(ctx: PythonContext, value: cst.CSTNode) -> list[cst.Call]:
    """The calls that take the expression `value` (an environment read, say) as their model:
    as `model=`, or `engine=`/`deployment_id=` of an openai<1.0 call, directly or through what
    it is bound to (see `requests_sending`)."""
    found: list[cst.Call] = []
    for call in _sent_by(ctx, value, 0, _SENT_MODELS):
        if all(call is not c for c in found):
            found.append(call)
    return found


@dataclass(frozen=True)
class PairTable:
    """A table of (label, model) pairs bound to a name (`MODELS = [("GPT-4o", "gpt-4o")]`)
    that the module looks its model up in by label: `dict(MODELS)[label]` or
    `dict(MODELS).get(label)`."""

    label: str  # the label paired with the model
    table: str  # the name the table is bound to
    requests: tuple[cst.Call, ...]  # the calls a lookup reaches as model=, in order
    only_sent: bool  # every read of the table is a lookup that reaches one


def pair_table(ctx: PythonContext, literal: cst.CSTNode) -> PairTable | None:
    """The table `literal` is the model of, where it is the second of a pair of a list or
    tuple of pairs bound to a name, the first a string label (see `PairTable`); None for any
    other place, or a table whose lookups reach no model=."""
    pair = _parent(ctx, _parent(ctx, literal) or literal)
    if not isinstance(pair, cst.Tuple) or len(pair.elements) != 2:
        return None
    if pair.elements[1].value is not literal:
        return None
    label = string_value(pair.elements[0].value)
    table = _parent(ctx, _parent(ctx, pair) or pair)
    if label is None or not isinstance(table, (cst.List, cst.Tuple)):
        return None
    if not all(
        isinstance(e.value, cst.Tuple) and len(e.value.elements) == 2 for e in table.elements
    ):
        return None
    holder = holder_of(ctx, table)
    if not isinstance(holder, cst.Name):
        return None
    requests: list[cst.Call] = []
    only_sent = True
    for read in reads_of(ctx, holder):
        lookup = _lookup(ctx, read)
        found = _sent_by(ctx, lookup, 0) if lookup is not None else []
        only_sent = only_sent and bool(found)
        requests += [c for c in found if all(c is not r for r in requests)]
    if not requests:
        return None
    return PairTable(label, holder.value, tuple(requests), only_sent)


def row_column_taker(
    ctx: PythonContext, literal: cst.CSTNode, takes: Callable[[cst.Call, cst.Arg], bool]
) -> tuple[str, cst.Call] | None:
    """(the name the table is bound to, the first call) where `literal` is in a row of a
    table of equally long tuples bound to a name (`models = [("openai:gpt-5-mini",
    "OPENAI_API_KEY"), ...]`) that a `for` loop unpacks (`for model, env_var in models:`),
    and the name its column gets is given to a call as an argument `takes` says is its
    model (`agent.run_stream(prompt, model=model)`); None elsewhere."""
    element = _parent(ctx, literal)
    row = _parent(ctx, element) if element is not None else None
    if not isinstance(element, cst.Element) or not isinstance(row, cst.Tuple):
        return None
    width = len(row.elements)
    column = next(i for i, e in enumerate(row.elements) if e is element)
    table = _parent(ctx, _parent(ctx, row) or row)
    if not isinstance(table, (cst.List, cst.Tuple)) or not all(
        isinstance(e, cst.Element)
        and isinstance(e.value, cst.Tuple)
        and len(e.value.elements) == width
        for e in table.elements
    ):
        return None
    holder = holder_of(ctx, table)
    if not isinstance(holder, cst.Name):
        return None
    for read in reads_of(ctx, holder):
        loop = _parent(ctx, read)
        if not (
            isinstance(loop, cst.For)
            and loop.iter is read
            and isinstance(loop.target, cst.Tuple)
            and len(loop.target.elements) == width
            and isinstance(name := loop.target.elements[column].value, cst.Name)
        ):
            continue
        for use in reads_of(ctx, name):
            arg = _parent(ctx, use)
            call = _parent(ctx, arg) if isinstance(arg, cst.Arg) else None
            if (
                isinstance(call, cst.Call)
                and isinstance(arg, cst.Arg)
                and arg.value is use
                and takes(call, arg)
            ):
                return holder.value, call
    return None


def _lookup(ctx: PythonContext, read: cst.CSTNode) -> cst.BaseExpression | None:
    """`dict(T)[key]` or `dict(T).get(...)` around the read `T` of a table; else None."""
    arg = _parent(ctx, read)
    call = _parent(ctx, arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call) or len(call.args) != 1 or arg is not call.args[0]:
        return None
    func = call.func
    if arg.keyword is not None or arg.star or not isinstance(func, cst.Name):
        return None
    if func.value != "dict" or any(isinstance(b, Assignment) for b in ctx.bindings(func)):
        return None  # not the builtin
    above = _parent(ctx, call)
    if isinstance(above, cst.Subscript) and above.value is call and len(above.slice) == 1:
        return above if isinstance(above.slice[0].slice, cst.Index) else None
    if isinstance(above, cst.Attribute) and above.value is call and above.attr.value == "get":
        getter = _parent(ctx, above)
        return getter if isinstance(getter, cst.Call) and getter.func is above else None
    return None


def holder_of(ctx: PythonContext, value: cst.CSTNode) -> cst.CSTNode | None:
    """What binds the expression `value`: the parameter it is the default of, or the name or
    attribute an assignment of it binds (one target). None for any other place."""
    parent = _parent(ctx, value)
    if isinstance(parent, cst.Param) and parent.default is value:
        return parent
    if isinstance(parent, cst.Assign) and parent.value is value and len(parent.targets) == 1:
        return parent.targets[0].target
    if isinstance(parent, cst.AnnAssign) and parent.value is value:
        return parent.target
    return None


def kept_client(ctx: PythonContext, call: cst.Call) -> tuple[str, cst.Call | None] | None:
    """Where the client of the SDK-shaped request `call` stays, and its construction, when
    `apply` leaves every construction the module binds it to: "Azure OpenAI" or "OpenAI"
    (`key_destinations.left_on_openai`), or "Azure OpenAI" for a client pointed at an Azure
    endpoint (ML003 leaves it); ("OpenAI", None) for a request through openai's module-level
    client that a LlamaIndex class left on OpenAI keeps there (`module_client_stays`), or an
    openai<1 request left on openai<1 whose module does not point that SDK's settings at the
    provider (`v0_libraries.v0_request_unpointed`), or one in a branch that runs on openai<1
    only, which apply leaves (`v0_libraries.v0_gated_unpointed`). None
    where one is moved, or the client is not traced. Worked out once per request (each
    parameter rule asks it of every request)."""
    found = cast(
        "dict[int, tuple[str, cst.Call | None] | None]", ctx.analyses.setdefault(kept_client, {})
    )
    key = id(call)
    if key not in found:
        found[key] = _kept_client(ctx, call)
    return found[key]


def _kept_client(ctx: PythonContext, call: cst.Call) -> tuple[str, cst.Call | None] | None:
    # the rules build on python_context
    from migrate_llm.rules.clients import endpoint_of, self_routed
    from migrate_llm.rules.key_destinations import left_on_openai
    from migrate_llm.rules.llamaindex_module_base import module_client_stays
    from migrate_llm.rules.v0_libraries import v0_gated_unpointed, v0_request_unpointed

    info = ctx.sdk_call(call)
    if info is not None and info.kind == "module":
        return ("OpenAI", None) if module_client_stays(ctx) else None
    if info is not None and info.kind == "legacy" and v0_request_unpointed(ctx):
        return ("OpenAI", None)
    if info is not None and info.kind == "legacy" and v0_gated_unpointed(ctx, call):
        return ("OpenAI", None)
    sources = ctx.request_clients(call)
    if not sources or None in sources:
        return None
    target = ctx.rules.provider
    where = None
    for construction in sources:
        assert construction is not None
        client = ctx.constructed_client(construction)
        if client is None:
            return None
        if left_on_openai(ctx, construction) or openai_url_kept(ctx, construction):
            routed = self_routed(construction)
            where = where or (
                "Azure OpenAI"
                if client.azure
                else sdk.SELF_ROUTED_TO[routed]
                if routed is not None
                else "OpenAI"
            )
            continue
        endpoint = endpoint_of(ctx, construction)
        owner = endpoint.provider
        if (
            endpoint.kind != "provider"
            or owner is None
            or owner.azure is None
            or (target is not None and owner.id == target.id)
        ):
            return None
        where = where or owner.name
    assert where is not None and sources[0] is not None
    return where, sources[0]


def openai_url_kept(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the base URL a client construction passes holds OpenAI's URL written out that
    ML402 leaves (its finding there carries no edit: `api_base or "https://api.openai.com/v1"`
    beside a key a caller may give that apply leaves OpenAI's, t62a's `main()`): the client
    still talks to OpenAI wherever that URL is the one used."""
    # the rules build on python_context
    from migrate_llm.rules.clients import UNKNOWN_SETTING, setting
    from migrate_llm.rules.openai_urls import OpenAIUrl

    if not ctx.rules.switching:
        return False
    value = setting(ctx, call, "base_url")
    if value is None or value is UNKNOWN_SETTING:
        return False
    first = ctx.indices().get(id(value))
    if first is None:
        return False
    for literal in ctx.nodes[first : ctx.ends[first]]:
        rule = OpenAIUrl(ctx)
        if type(literal) is cst.SimpleString:
            rule.visit_SimpleString(literal)
        elif type(literal) is cst.FormattedString:
            rule.visit_FormattedString(literal)
        else:
            continue
        start = ctx.position(literal)[0]
        if any(
            f.rule == "ML402"
            and (f.line, f.column) == start
            and f.edit is None
            and f.severity is not Severity.NOTE
            for f in rule.findings
        ):
            return True
    return False


def _parent(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    above = ctx.ancestors(node)
    return above[-1] if above else None


def reads_of(ctx: PythonContext, holder: cst.CSTNode) -> list[cst.CSTNode]:
    """The expressions that read what `holder` binds, in the order of the text."""
    if isinstance(holder, (cst.Param, cst.Name)):
        name = holder.name if isinstance(holder, cst.Param) else holder
        return in_text_order(
            ctx,
            [
                access.node
                for binding in ctx.bindings(name)
                if isinstance(binding, Assignment) and binding.node is holder
                for access in binding.references
            ],
        )
    if isinstance(holder, cst.Attribute):
        return [n for n in _same_attributes(ctx, holder) if n is not holder]
    return []


def in_text_order(ctx: PythonContext, nodes: list[cst.CSTNode]) -> list[cst.CSTNode]:
    """`nodes` in the order of the text: a binding's reads are a set, whose order (by the
    nodes' addresses) moved a message's "the first call" with unrelated edits."""
    indices = ctx.indices()
    return sorted(nodes, key=lambda node: indices.get(id(node), -1))


def _same_attributes(ctx: PythonContext, attribute: cst.Attribute) -> list[cst.Attribute]:
    """The attributes written as `attribute` is (`self.config.model`) in the class holding
    it, or in the module for one outside a class."""
    owner = next((a for a in reversed(ctx.ancestors(attribute)) if type(a) is cst.ClassDef), None)
    start = ctx.index_of(owner) if owner is not None else 0
    end = ctx.ends[start] if owner is not None else len(ctx.nodes)
    code, name = ctx.code(attribute), attribute.attr.value
    return [
        n
        for n in ctx.nodes[start:end]
        if type(n) is cst.Attribute and n.attr.value == name and ctx.code(n) == code
    ]


def _sent_by(
    ctx: PythonContext,
    read: cst.CSTNode,
    depth: int,
    models: frozenset[str] = _MODELS,
    takes: Callable[[cst.Call, cst.Arg], bool] | None = None,
    bodies: Bodies | None = None,
) -> list[cst.Call]:
    """The calls the value read at `read` reaches as their model (a keyword of `models`, or
    an argument `takes` says is one; with `bodies`, also the requests it gives for a dict
    display the value is the "model" entry of)."""
    node, parent = read, _parent(ctx, read)
    while parent is not None:
        above = _parent(ctx, parent)
        if (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and parent.attr.value in sdk.MODEL_ID_METHODS
            and isinstance(above, cst.Call)
            and above.func is parent
            and not above.args
        ):
            node, parent = above, _parent(ctx, above)
        elif isinstance(parent, cst.BooleanOperation) or (
            isinstance(parent, cst.IfExp) and node is not parent.test
        ):
            node, parent = parent, above
        else:
            break
    if isinstance(parent, cst.Arg) and parent.value is node and takes is not None:
        call = _parent(ctx, parent)
        if not isinstance(call, cst.Call) or parent.star:
            return []
        keyword = parent.keyword.value if parent.keyword is not None else None
        if keyword == _MODEL and last_name(call.func) == "dict":
            return _spread(ctx, call, depth)
        if keyword is None:
            # `_make(model, key)` into `def _make(model, api_key)`: the parameter it fills
            keyword = _positional_parameter(ctx, call, parent)
        passed = _passed_on(ctx, call, keyword, depth, models, takes, bodies) if keyword else []
        return [call, *passed] if takes(call, parent) else passed
    if isinstance(parent, cst.Arg) and parent.value is node and parent.keyword is not None:
        call = _parent(ctx, parent)
        if not isinstance(call, cst.Call):
            return []
        if parent.keyword.value == _MODEL and last_name(call.func) == "dict":
            return _spread(ctx, call, depth)
        passed = _passed_on(ctx, call, parent.keyword.value, depth, models, None, bodies)
        return [call, *passed] if parent.keyword.value in models else passed
    if (
        isinstance(parent, cst.DictElement)
        and parent.value is node
        and string_value(parent.key) == _MODEL
    ):
        display = _parent(ctx, parent)
        if display is None:
            return []
        sent = bodies(display) if bodies is not None else []
        return [*_spread(ctx, display, depth), *sent]
    if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
        target = parent.targets[0].target
        if isinstance(target, cst.Subscript) and _key(target) == _MODEL:
            return _spreads_of(ctx, target.value)
        if isinstance(target, (cst.Name, cst.Attribute)) and depth < _DEPTH:
            return [
                c
                for r in reads_of(ctx, target)
                for c in _sent_by(ctx, r, depth + 1, models, takes, bodies)
            ]
    if isinstance(parent, cst.Param) and parent.default is node and depth < _DEPTH:
        return [
            c
            for r in reads_of(ctx, parent)
            for c in _sent_by(ctx, r, depth + 1, models, takes, bodies)
        ]
    return []


def _passed_on(
    ctx: PythonContext,
    call: cst.Call,
    keyword: str,
    depth: int,
    models: frozenset[str],
    takes: Callable[[cst.Call, cst.Arg], bool] | None = None,
    bodies: Bodies | None = None,
) -> list[cst.Call]:
    """What the parameter `keyword` of a function of the module called by name reaches."""
    if depth >= _DEPTH or not isinstance(call.func, cst.Name):
        return []
    bound = ctx.bindings(call.func)
    function = getattr(bound[0], "node", None) if len(bound) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return []
    params = function.params
    param = next(
        (p for p in (*params.params, *params.kwonly_params) if p.name.value == keyword), None
    )
    if param is None:
        return []
    return [
        c for r in reads_of(ctx, param) for c in _sent_by(ctx, r, depth + 1, models, takes, bodies)
    ]


def _positional_parameter(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> str | None:
    """The name of the parameter the positional `arg` fills in a function of the module
    called by its name (`_passed_on` follows it), else None."""
    if not isinstance(call.func, cst.Name):
        return None
    found = parameter_for(ctx, call, arg)
    return found[1].name.value if found is not None else None


def _key(target: cst.Subscript) -> str | None:
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    return string_value(target.slice[0].slice.value)


def _spread(ctx: PythonContext, display: cst.CSTNode, depth: int) -> list[cst.Call]:
    """The calls a dict display (or `dict(...)` call) holding the model is spread into: in
    place (`f(**{...})`), through `mapping.update({...})`, or through the name it is bound to."""
    holder = _parent(ctx, display)
    if isinstance(holder, cst.Arg) and holder.value is display:
        call = _parent(ctx, holder)
        if not isinstance(call, cst.Call):
            return []
        if holder.star == "**":
            return [call]
        func = call.func
        if (
            holder.keyword is None
            and isinstance(func, cst.Attribute)
            and func.attr.value == "update"
            and call.args[0] is holder
        ):
            return _spreads_of(ctx, func.value)
        return []
    if isinstance(holder, cst.Assign) and holder.value is display and len(holder.targets) == 1:
        return _spreads_of(ctx, holder.targets[0].target)
    return []


def _spreads_of(ctx: PythonContext, mapping: cst.BaseExpression) -> list[cst.Call]:
    """The calls that spread `mapping` (a name, or an attribute written alike) with `**`."""
    if isinstance(mapping, cst.Name):
        reads = in_text_order(
            ctx,
            [
                access.node
                for binding in ctx.bindings(mapping)
                for access in getattr(binding, "references", ())
            ],
        )
    elif isinstance(mapping, cst.Attribute):
        reads = list(_same_attributes(ctx, mapping))
    else:
        return []
    found = []
    for read in reads:
        arg = _parent(ctx, read)
        call = _parent(ctx, arg) if isinstance(arg, cst.Arg) else None
        if isinstance(arg, cst.Arg) and arg.star == "**" and isinstance(call, cst.Call):
            found.append(call)
    return found
