"""The arguments an SDK request sends: its keywords, and the entries of a dict spread into it.

`create(model=m, **params)` sends the string-keyed entries of `params` as keywords when
`params` is a dict display or a `dict(k=v)` call (`**{...}` in the call, or a name bound once
to one; a constant a parameter defaults to, or `self.X` holds: `default_dicts`), and the keys
the code sets on it (`params["max_tokens"] = 50`). The compatibility rules read such an entry
as they read a keyword; `apply` may change it only where the dict is used for nothing but
requests (a dict also printed, returned or passed elsewhere would change there too), and
`left` says why it does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.model import Span
from migrate_llm.rules.call_parameters import called_function
from migrate_llm.rules.default_dicts import USED_ELSEWHERE, DefaultDict, default_dict, dict_value
from migrate_llm.rules.forwarding import Forwarded, Forwarding, Slot
from migrate_llm.rules.passed_values import calls_passing
from migrate_llm.rules.python_context import PythonContext, self_method, string_value
from migrate_llm.rules.rebound_names import bound_once, references_to
from migrate_llm.rules.rewrite import item_removal

# Whether an argument `arg` of `call` hands a mapping to a function that sends it as a
# request's (`send_request(data)` posting `json=data`).
Passed = Callable[[cst.Arg, cst.Call], bool]


class RequestArgument(NamedTuple):
    """One argument a request sends, by keyword: `item` is the `cst.Arg`, or the
    `cst.DictElement` of a dict spread into the call (`spread`, the dict display; or the
    keyword `cst.Arg` of a `dict(...)` call, `spread` that call), or the assignment that
    sets it on that dict by `key` (`params["max_tokens"] = 50`), or on an object by
    attribute (`settings.max_tokens = 50`: `key` the attribute's name); or the `return` of a
    dict display a method setting it by `key` calls (`kw["response_format"] =
    self._format()`: `llamaindex_requests`)."""

    name: str
    item: cst.Arg | cst.DictElement | cst.Assign | cst.Return
    spread: cst.Dict | cst.Call | None
    # whether apply may change it: a keyword, or an entry of a dict used only by requests
    editable: bool
    key: cst.SimpleString | cst.Name | None = None
    # whether apply may rename it, where that differs from `editable` (an attribute set)
    renamable: bool | None = None
    # why apply leaves an entry of a spread dict (`editable` False), for a message
    left: str = USED_ELSEWHERE
    # where its values come from, for an entry of a `**kwargs` the module's calls fill, or an
    # argument of a call of another module's function (`forwarding`)
    forwarded: Forwarded | None = None
    # what to do by hand instead, where apply leaves it for a reason of the framework's
    # (ML112: LlamaIndex's `max_tokens` field has no counterpart of the other name)
    by_hand: str = ""

    @property
    def attribute(self) -> bool:
        """Whether it is set on an object by attribute."""
        return isinstance(self.key, cst.Name)

    @property
    def value(self) -> cst.BaseExpression:
        value = self.item.value
        assert value is not None  # a `return` only of a dict display
        return value

    @property
    def label(self) -> cst.CSTNode:
        """What names it: the keyword, or the entry's key string."""
        if self.key is not None:
            return self.key
        if isinstance(self.item, cst.Arg):
            # positional: an argument of another module's function it sends (`forwarded`)
            return self.item.keyword if self.item.keyword is not None else self.item
        assert isinstance(self.item, cst.DictElement)  # an assignment has its `key`
        return self.item.key

    def removal(self, ctx: PythonContext, call: cst.Call, removed: Callable[[str], bool]) -> Span:
        """The text to delete to remove it (`removed`: the names removed beside it, from the
        same call or dict): its whole line(s) when it stands on lines of its own (a comment
        after it goes too), else the item and its comma."""
        lines = _own_lines(ctx.text, ctx.span(self.item))
        if lines is not None:
            return lines
        assert not isinstance(self.item, cst.Assign)  # editable only on a line of its own
        items: Sequence[cst.Arg | cst.BaseDictElement] = call.args
        if isinstance(self.spread, cst.Dict):
            items = self.spread.elements
        elif self.spread is not None:
            items = self.spread.args
        index = next(i for i, item in enumerate(items) if item is self.item)
        kept = [i for i, item in enumerate(items) if not removed(_name(item) or "")]
        return item_removal(ctx, items, index, kept)


def _own_lines(text: str, span: Span) -> Span | None:
    """The whole lines of `span` (a comma and a comment after it included) when it stands on
    lines of its own, else None."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    end = len(text) if line_end == -1 else line_end + 1
    rest = text[span.end : end].strip()
    if rest.startswith(","):
        rest = rest[1:].strip()
    if text[line_start : span.start].strip() or (rest and not rest.startswith("#")):
        return None
    return Span(line_start, end)


def _name(item: cst.CSTNode) -> str | None:
    if isinstance(item, cst.Arg):
        return item.keyword.value if item.keyword is not None else None
    if isinstance(item, cst.DictElement):
        return string_value(item.key)
    return None


def request_arguments(
    ctx: PythonContext, call: cst.Call, is_request: Callable[[cst.Call], bool]
) -> dict[str, RequestArgument]:
    """The arguments `call` sends by keyword, each once (a keyword written in the call wins
    over a spread entry; a later `**` entry over an earlier one, as Python sends them).
    `is_request(call)`: whether another call a dict is spread into is a request too."""
    found: dict[str, RequestArgument] = {}
    for arg in call.args:
        if arg.star == "**":
            _spread(ctx, arg.value, is_request, found)
    for arg in call.args:
        if arg.keyword is not None and not arg.star:
            name = arg.keyword.value
            found[name] = RequestArgument(name, arg, None, True)
    return found


def spread_default(
    ctx: PythonContext, call: cst.Call, is_request: Callable[[cst.Call], bool]
) -> DefaultDict | None:
    """The dict of the module (`default_dicts`: a constant a parameter defaults to, or one
    `self.X` holds) that the one `**` argument of `call` sends, with why apply leaves it
    (`left`, "" where it may add an entry); None where the call spreads anything else, or
    more than one mapping."""
    spreads = [a for a in call.args if a.star == "**"]
    if len(spreads) != 1:
        return None
    value = spreads[0].value
    return default_dict(ctx, value, lambda n: _spread_use(ctx, n, is_request))


def mapping_arguments(
    ctx: PythonContext,
    value: cst.BaseExpression,
    keyword: str,
    is_request: Callable[[cst.Call], bool],
    passed: Passed | None = None,
) -> dict[str, RequestArgument]:
    """The arguments a mapping given as `keyword=` sends as a request's (Haystack's
    `generation_kwargs={...}`), read as `request_arguments` reads `**value`: editable where the
    dict is used only as such a mapping of calls `is_request` accepts (or by key), or handed
    to a function that sends it so (`passed(arg, call)`: a raw request's body given to the
    module's helper that posts it)."""
    found: dict[str, RequestArgument] = {}
    _spread(ctx, value, is_request, found, keyword=keyword, passed=passed)
    return found


def entry_arguments(
    ctx: PythonContext, value: cst.BaseExpression, name: str
) -> list[RequestArgument]:
    """What a mapping handed to another module's function may send as the entry `name` where
    that function spreads it into a request (`WrapperParam.spread`): the entry of the dict
    display (or `dict(...)` keyword) it is, or a name bound once to one, and each assignment
    of that key on a name bound once (`model_kwargs["response_format"] = {...}`, khoj's two in two
    branches), in text order; none editable (the request is the other module's)."""
    display = dict_value(ctx, value)
    if display is None and isinstance(value, cst.Name):
        binding = bound_once(ctx, value)
        if binding is not None:
            display = dict_value(ctx, ctx.index.assigned.get(id(binding.node)))
    found = []
    if display is not None:
        items = display.elements if isinstance(display, cst.Dict) else display.args
        found += [
            RequestArgument(name, item, display, False)
            for item in items
            if isinstance(item, (cst.DictElement, cst.Arg)) and _name(item) == name
        ]
    for key, assign, label, _ in _keys_set(ctx, value):
        if key == name:
            found.append(RequestArgument(name, assign, display, False, label))
    return found


def key_sets(ctx: PythonContext, arg: RequestArgument) -> list[RequestArgument]:
    """For an argument that is a key set on a spread dict (`kw["response_format"] = ...`),
    the other assignments of that key on the same name, which a request may send instead
    (one under an `if`, another under its `elif`: `request_arguments` keeps the last); none
    editable."""
    if not isinstance(arg.item, cst.Assign) or not isinstance(arg.key, cst.SimpleString):
        return []
    target = arg.item.targets[0].target
    if not isinstance(target, cst.Subscript):
        return []
    return [
        RequestArgument(arg.name, assign, arg.spread, False, label)
        for key, assign, label, _ in _keys_set(ctx, target.value)
        if key == arg.name and assign is not arg.item
    ]


def keys_set(
    ctx: PythonContext, value: cst.BaseExpression
) -> list[tuple[str, cst.Assign, cst.SimpleString]]:
    """The keys the code sets on the mapping a name bound once holds, whatever it is bound to
    (`chat_args["api_key"] = key` after `chat_args = dict(CHAT_ARGS)`, which `request_arguments`
    does not follow): each with its assignment and key string, in the order of the text."""
    return [(key, assign, label) for key, assign, label, _ in _keys_set(ctx, value)]


# How many dicts and builders deep `_spread` follows (`{**self._invocation_params}` whose
# builder spreads `self._default_params`, as pandas-ai nests them, is four)
_SPREAD_DEPTH = 8


def _spread(
    ctx: PythonContext,
    value: cst.BaseExpression,
    is_request: Callable[[cst.Call], bool],
    found: dict[str, RequestArgument],
    shared: bool = False,
    depth: int = 0,
    keyword: str | None = None,
    passed: Passed | None = None,
    callers: bool = True,
) -> None:
    """Add to `found` the entries `**value` sends: those of a dict display, of the dicts it
    spreads in turn, and of the dicts the methods of that name return (`**self._params`,
    `payload = self._build_payload(...)`, `{**super()._params}`: a subclass's override and
    the base's both) or the module's function of that name (`params = build(...)`), with
    the keys set on the name after (`params["stream"] = True`), those `shared` ones left to
    a person. A parameter's (`def _send(self, params): create(**params)`) are those of the
    mappings the module's calls of its function pass (`self._send(self._params(...))`),
    one call up (`callers`; not for a mapping given as `keyword`). `keyword`: the value is
    given as that keyword's mapping, not spread."""
    if depth > _SPREAD_DEPTH:
        return
    named = value if isinstance(value, cst.Name) else None
    if isinstance(value, cst.Name):
        binding = bound_once(ctx, value)
        if binding is not None:
            assigned = ctx.index.assigned.get(id(binding.node))
            if assigned is not None and _built(ctx, assigned) is not None:
                value = assigned
    reached = default_dict(ctx, value, lambda n: _spread_use(ctx, n, is_request, keyword, passed))
    if reached is not None:
        left = reached.left or (USED_ELSEWHERE if shared else "")
        _entries(reached.mapping, found, not left, left)
        if _parameter(ctx, value):
            for name, assign, label, _ in _keys_set(ctx, value):
                found[name] = RequestArgument(name, assign, None, False, label)
        return
    built = _built(ctx, value)
    if built is not None:
        # every class's builder of that name: a subclass may override the base's
        for returned in built:
            if returned is not None:
                _spread(ctx, returned, is_request, found, True, depth + 1, callers=callers)
        if named is not None and named is not value:
            for name, assign, label, _ in _keys_set(ctx, named):
                found[name] = RequestArgument(name, assign, None, False, label)
        return
    display, editable = _spread_display(ctx, value, is_request, keyword, passed)
    if display is None:
        if _parameter(ctx, value):
            if callers and keyword is None:  # a raw body's callers: `raw_payloads`
                _passed_mappings(ctx, cast(cst.Name, value), is_request, found, depth)
            # `def ask(q, model_kwargs={})`: the keys it sets go out, whatever callers pass
            # (khoj's `model_kwargs["stream_options"] = ...`); a person removes them
            for name, assign, label, _ in _keys_set(ctx, value):
                found[name] = RequestArgument(name, assign, None, False, label)
        return
    editable = editable and not shared
    for element in display.elements if isinstance(display, cst.Dict) else display.args:
        if isinstance(element, cst.StarredDictElement):
            _spread(ctx, element.value, is_request, found, True, depth + 1, callers=callers)
            continue
        key = _name(element)
        if key is not None and isinstance(element, (cst.DictElement, cst.Arg)):
            found[key] = RequestArgument(key, element, display, editable)
    for key, assign, label, alone in _keys_set(ctx, value):
        found[key] = RequestArgument(key, assign, display, editable and alone, label)


def _built(ctx: PythonContext, value: cst.BaseExpression) -> list[cst.BaseExpression | None] | None:
    """What the builder `value` calls returns: each method of that name of the module's
    classes (`self._params(...)`, or the property `self._params`), or the module's function
    it calls by name (`build(...)`); None where `value` is neither."""
    method = self_method(value, with_arguments=True)
    if method is not None:
        return ctx.returned_by_each(method)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
        called = called_function(ctx, value)
        if called is not None and called[1] == 0:  # a function, not a class
            return [ctx.return_of(called[0])]
    return None


def _passed_mappings(
    ctx: PythonContext,
    param: cst.Name,
    is_request: Callable[[cst.Call], bool],
    found: dict[str, RequestArgument],
    depth: int,
) -> None:
    """Add to `found` the entries of the mappings the module's calls of the function whose
    parameter `param` is pass for it (`passed_values.calls_passing`, a method's by
    `self.<name>(...)`): a dict display, a builder's call, or a name the calling function
    binds to either (each binding that may reach the call: vocode's `chat_parameters`, set
    in both branches of an `if`), with the keys set on that name; none editable (the caller
    may use the mapping otherwise), and none followed further up."""
    binding = bound_once(ctx, param)
    held = binding.node if binding is not None else None
    if not isinstance(held, cst.Param):
        return
    for _, given in calls_passing(ctx, held, methods=True) or []:
        if given is None:
            continue
        if not isinstance(given, cst.Name) or len(ctx.bindings(given)) == 1:
            _spread(ctx, given, is_request, found, True, depth + 1, callers=False)
            continue
        for reached in ctx.reaching(given):
            if isinstance(reached, Assignment):
                assigned = ctx.index.assigned.get(id(reached.node))
                if assigned is not None:
                    _spread(ctx, assigned, is_request, found, True, depth + 1, callers=False)
        for name, assign, label, _ in _keys_set(ctx, given, every=True):
            found[name] = RequestArgument(name, assign, None, False, label)


def _entries(
    mapping: cst.Dict | cst.Call, found: dict[str, RequestArgument], editable: bool, left: str
) -> None:
    """Add to `found` the string-keyed entries of a constant's dict display (none spread:
    `dict_value` takes no `**`), or the keywords of its `dict(...)` call."""
    items = mapping.elements if isinstance(mapping, cst.Dict) else mapping.args
    for item in items:
        key = _name(item)
        if key is not None and isinstance(item, (cst.DictElement, cst.Arg)):
            found[key] = RequestArgument(key, item, mapping, editable, left=left or USED_ELSEWHERE)


def _spread_display(
    ctx: PythonContext,
    value: cst.BaseExpression,
    is_request: Callable[[cst.Call], bool],
    keyword: str | None = None,
    passed: Passed | None = None,
) -> tuple[cst.Dict | cst.Call | None, bool]:
    """The dict display (or `dict(...)` call) a `**` argument spreads (None when not one),
    and whether it is used only by requests: spread into them (given to them as `keyword=`)
    or read and written by key (`params["stream"] = True`)."""
    written = dict_value(ctx, value)
    if written is not None:
        return written, True
    if not isinstance(value, cst.Name):
        return None, False
    binding = bound_once(ctx, value)
    if binding is None:
        return None, False
    display = dict_value(ctx, ctx.index.assigned.get(id(binding.node)))
    if display is None:
        return None, False
    return display, all(
        _request_use(ctx, r, is_request, keyword, passed) for r in references_to(ctx, binding)
    )


def _parameter(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a name bound once, to a parameter of the function (`_bound`: or
    used where a rebinding of that parameter has not yet been made)."""
    if not isinstance(value, cst.Name):
        return False
    binding = bound_once(ctx, value)
    return binding is not None and isinstance(binding.node, cst.Param)


def _keys_set(
    ctx: PythonContext, value: cst.BaseExpression, every: bool = False
) -> list[tuple[str, cst.Assign, cst.SimpleString, bool]]:
    """The keys the code sets on the dict a name spreads (`params["max_tokens"] = 50`), in
    the order of the text: each with its assignment, its key string, and whether that
    assignment has its line to itself (only then may apply remove it). A name bound once;
    with `every`, through any of its bindings."""
    if not isinstance(value, cst.Name):
        return []
    references: dict[int, cst.CSTNode]
    if every:
        references = {id(r.node): r.node for b in ctx.bindings(value) for r in b.references}
    else:
        binding = bound_once(ctx, value)
        if binding is None:
            return []
        references = {id(r): r for r in references_to(ctx, binding)}
    found = []
    for node in references.values():
        parents = ctx.ancestors(node)
        if len(parents) < 3:
            continue
        subscript, target, assign = parents[-1], parents[-2], parents[-3]
        if not (
            isinstance(subscript, cst.Subscript)
            and subscript.value is node
            and isinstance(target, cst.AssignTarget)
            and isinstance(assign, cst.Assign)
            and len(assign.targets) == 1
            and len(subscript.slice) == 1
            and isinstance(subscript.slice[0].slice, cst.Index)
            and isinstance(subscript.slice[0].slice.value, cst.SimpleString)
        ):
            continue
        label = subscript.slice[0].slice.value
        key = string_value(label)
        if key is None:
            continue
        span = ctx.span(assign)
        alone = _own_lines(ctx.text, span) is not None
        found.append((span.start, key, assign, label, alone))
    return [
        (key, assign, label, alone)
        for _, key, assign, label, alone in sorted(found, key=lambda f: f[0])
    ]


def _spread_use(
    ctx: PythonContext,
    node: cst.CSTNode,
    is_request: Callable[[cst.Call], bool],
    keyword: str | None = None,
    passed: Passed | None = None,
) -> bool:
    """Whether a use of a name or attribute spreads it into a request (`_request_use`, but
    not by key: a dict a parameter defaults to is shared by every call)."""
    parents = ctx.ancestors(node)
    if parents and isinstance(parents[-1], cst.Subscript):
        return False
    return _request_use(ctx, node, is_request, keyword, passed)


def _request_use(
    ctx: PythonContext,
    node: cst.CSTNode,
    is_request: Callable[[cst.Call], bool],
    keyword: str | None = None,
    passed: Passed | None = None,
) -> bool:
    parents = ctx.ancestors(node)
    if len(parents) < 2:
        return False
    parent, holder = parents[-1], parents[-2]
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return True
    if not isinstance(parent, cst.Arg) or not isinstance(holder, cst.Call):
        return False
    if passed is not None and passed(parent, holder):
        return True
    if keyword is None:
        given = parent.star == "**"
    else:
        given = parent.keyword is not None and parent.keyword.value == keyword
    return given and is_request(holder)


def wrapper_dict_arguments(ctx: PythonContext, call: cst.Call) -> dict[str, list[RequestArgument]]:
    """The entries of a dict a function of the module builds (a `dict(...)` call or a dict
    display, bound once to a name) and spreads into a call of another of its functions
    whose `**kwargs` the request `call` spreads in turn (langroid's `args = dict(...,
    max_completion_tokens=n)` then `self._chat_completions_with_backoff(**args)`, which
    calls `create(**kwargs)`), and the keywords such a call gives: each as
    `request_arguments` reads that call's, a dict's entry editable where the dict is used for
    nothing else, with where the request spreads it (`forwarded`). One call deep; a keyword
    the function names as a parameter is not its `**kwargs`'."""
    forwarding = Forwarding.of(ctx)
    found: dict[str, list[RequestArgument]] = {}
    for spread in (a for a in call.args if a.star == "**"):
        source = forwarding.kwargs_of(spread.value)
        if source is None:
            continue
        function = source[0]
        params = function.params
        named = {p.name.value for p in (*params.params, *params.kwonly_params)}
        where = f"line {ctx.position(spread)[0][0]}"
        for caller, _ in forwarding.calls().get(id(function), []):
            given = request_arguments(ctx, caller, _the_call(caller))
            for name, arg in given.items():
                if name not in named:
                    hop = Forwarded(where, Slot(function, name, None))
                    found.setdefault(name, []).append(arg._replace(forwarded=hop))
    return found


def _the_call(call: cst.Call) -> Callable[[cst.Call], bool]:
    """`is_request` accepting `call` alone."""
    return lambda other: other is call
