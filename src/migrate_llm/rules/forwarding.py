"""Values the module's own functions hand on unchanged, through one another, to the OpenAI
SDK's requests: tree-of-thought-llm's `gpt(prompt, model=...)` calls `chatgpt(messages,
model=model)`, which calls `completions_with_backoff(model=model, ...)`, whose `**kwargs` go
to `ChatCompletion.create(**kwargs)`.

A parameter is handed on where a call of a function of the module (`called_function`) passes
it as it is: by keyword, by position, or into that function's `**kwargs` under its keyword.
A parameter bound anywhere else in its function (`n -= cnt`, `model = model or M`) is not: it
may hold another value there. A function's `**kwargs` hands its entries on where it is
spread into such a call (an entry lands in the callee's parameter of its name, or in its
`**kwargs`) or into a request; an entry the function writes, pops or deletes
(`kwargs["n"] = 1`, `kwargs.pop("n")`) is not handed on, nor is any where the mapping is used
otherwise (`kwargs.update(...)`, given to a call as it is, returned). Its entries copied into
a mapping of the function (`settings.update(kwargs)`, `{**kwargs}`, also from a copy of it,
`params = dict(kwargs)`) reach a request spreading that mapping, through the binding reaching
the request, but for those the function sets on it (`kwargs_copy`). Followed at most
`DEPTH` calls deep; a function calling itself is followed once.

`Slot` names a parameter, or an entry of a function's `**kwargs`; `handed_to` follows one
outward (where do its values go?), `passed` inward (what values do the module's calls give
it?).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.call_parameters import called_function, parameter_for
from migrate_llm.rules.imported_wrappers import imported_params, where_sent
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rebound_names import bound_once, rebound_parameter, references_to
from migrate_llm.wrapper_params import WrapperParam

# how many calls deep values are followed
DEPTH = 8
# the methods reading a `**kwargs` mapping without changing it, and those taking out or
# setting the entry named by their first argument
_READS = frozenset({"get", "keys", "items", "values", "copy"})
_TAKES = frozenset({"pop", "setdefault"})


class Slot(NamedTuple):
    """A parameter of `function` (`param`), or the entry `name` of its `**kwargs` (`param`
    None)."""

    function: cst.FunctionDef
    name: str
    param: cst.Param | None

    @property
    def key(self) -> tuple[int, str, bool]:
        return id(self.function), self.name, self.param is None


class Passed(NamedTuple):
    """A value a call of the module gives `name` of `function` (a parameter or an entry of its
    `**kwargs`), or that parameter's default (`default`), which reaches the slot asked about
    through the functions `through` (those after `function`, the slot's own last; none where
    `function` is the slot's)."""

    value: cst.BaseExpression
    function: cst.FunctionDef
    name: str
    through: tuple[cst.FunctionDef, ...] = ()
    default: bool = False


class Forwarded(NamedTuple):
    """Where the values of a request argument come from, other than the request: the entry
    `slot` of the `**kwargs` the request spreads on `where` (`line 5`); or (`slot` None)
    the argument for `function`'s parameter `name` in a call of another module's function,
    which sends it on `where` (`line 21 of src/tot/models.py`) through `through`; with
    `spread`, an entry of that argument, a mapping the request spreads."""

    where: str
    slot: Slot | None = None
    function: str = ""
    name: str = ""
    through: tuple[str, ...] = ()
    # the argument is a mapping that function spreads into the request (`WrapperParam.spread`)
    spread: bool = False
    # what the function sends instead of the argument (`WrapperParam.bound`: `min(n, 20)`)
    bound: str = ""


class Forwarding:
    """The module's calls of its own functions, and what they hand on (computed on first
    use, once per module)."""

    @classmethod
    def of(cls, ctx: PythonContext) -> Forwarding:
        found = ctx.analyses.get(cls.of)
        if found is None:
            found = ctx.analyses[cls.of] = cls(ctx)
        return cast(Forwarding, found)

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self._calls: dict[int, list[tuple[cst.Call, int]]] | None = None
        self._blocked: dict[int, frozenset[str] | None] = {}

    # --- inward ----------------------------------------------------------------------------

    def passed(self, slot: Slot) -> list[Passed]:
        """The values the module's calls give `slot`, followed out through the parameters
        (and `**kwargs` entries) of the calling functions that hand them on, with the
        defaults of those parameters; not the default of `slot`'s own parameter."""
        found: list[Passed] = []
        seen: set[int] = set()
        for leaf in self._passed(slot, 0, frozenset()):
            if id(leaf.value) not in seen:
                seen.add(id(leaf.value))
                found.append(leaf)
        return found

    def _passed(
        self, slot: Slot, depth: int, seen: frozenset[tuple[int, str, bool]]
    ) -> list[Passed]:
        if depth > DEPTH or slot.key in seen:
            return []
        seen = seen | {slot.key}
        found: list[Passed] = []
        for value, source in self._given(slot):
            if source is None:
                assert value is not None
                found.append(Passed(value, slot.function, slot.name))
                continue
            deeper = self._passed(source, depth + 1, seen)
            if source.param is not None and source.param.default is not None:
                default = source.param.default
                deeper.append(Passed(default, source.function, source.name, default=True))
            found += [leaf._replace(through=(*leaf.through, slot.function)) for leaf in deeper]
        return found

    def _given(self, slot: Slot) -> Iterator[tuple[cst.BaseExpression | None, Slot | None]]:
        """For each call of `slot`'s function that gives it a value: the value, or the slot
        of the calling function that hands it on (a parameter passed as it is, the entry of
        a `**kwargs` spread into the call)."""
        for call, bound in self.calls().get(id(slot.function), []):
            arg = _argument(call, slot, bound)
            if arg is not None:
                yield arg.value, self.source(arg.value)
                continue
            for spread in (a for a in call.args if a.star == "**"):
                source = self.kwargs_of(spread.value)
                if source is not None and slot.name not in (self.blocked(source[1]) or ()):
                    yield None, Slot(source[0], slot.name, None)

    def arguments(self, slot: Slot) -> list[cst.BaseExpression]:
        """The values the module's calls of `slot`'s function give it as arguments of their own
        (not entries of a `**kwargs` they spread), not followed further."""
        return [value for value, _ in self._given(slot) if value is not None]

    def source(self, value: cst.BaseExpression) -> Slot | None:
        """The slot a value is, where it is a parameter handed on as it is: a name whose only
        binding is a parameter (not `*args`, `**kwargs`) of a function."""
        param = self._only_param(value)
        function = self._function_of(param) if param is not None else None
        if param is None or function is None:
            return None
        if param in (function.params.star_arg, function.params.star_kwarg):
            return None
        return Slot(function, param.name.value, param)

    def reaching_param(self, value: cst.Name) -> Slot | None:
        """`source`'s slot, or else the parameter among the bindings of a name that may reach
        this use of it, where the function binds it again (`n` in `while n > 0: cnt = min(n,
        20); n -= cnt`): a value the name holds on some run."""
        found = self.source(value)
        if found is not None:
            return found
        for binding in self.ctx.reaching(value):
            param = binding.node if isinstance(binding, Assignment) else None
            if not isinstance(param, cst.Param):
                continue
            function = self._function_of(param)
            if function is None or param in (
                function.params.star_arg,
                function.params.star_kwarg,
            ):
                return None
            return Slot(function, param.name.value, param)
        return None

    def _only_param(self, value: cst.BaseExpression) -> cst.Param | None:
        """The parameter a name is bound to, where that is its only binding (or the one a
        use before the function rebinds the name refers to: `rebound_names`)."""
        if not isinstance(value, cst.Name):
            return None
        binding = bound_once(self.ctx, value)
        param = binding.node if binding is not None else None
        return param if isinstance(param, cst.Param) else None

    def kwargs_of(self, value: cst.BaseExpression) -> tuple[cst.FunctionDef, cst.Param] | None:
        """The function and its `**kwargs` parameter that `value` names, where that is its only
        binding and the function changes no entry it does not name (`blocked`)."""
        param = self._only_param(value)
        function = self._function_of(param) if param is not None else None
        if function is None or function.params.star_kwarg is not param:
            return None
        assert isinstance(param, cst.Param)
        return (function, param) if self.blocked(param) is not None else None

    def kwargs_copy(
        self, value: cst.BaseExpression, depth: int = 0
    ) -> tuple[cst.FunctionDef, cst.Param, frozenset[str]] | None:
        """The function, its `**kwargs` parameter and the entries the function sets on the
        mapping itself, where `value` names a mapping the function fills with every entry
        of that `**kwargs` before this read (`settings.update(kwargs)`, `settings =
        {**kwargs, ...}`, `params = dict(kwargs)`: XAgent's `chatcompletion_kwargs`), or with
        a copy of it so filled, and otherwise only reads or changes by key (`_entry_use`,
        `settings.update({"model": m})`); None for anything else. The binding is the one
        reaching this read (`_reaching_one`: XAgent binds `chatcompletion_kwargs` again
        before its retry). An entry the function sets anywhere, before the filling or after,
        is left out (not handed on as it is)."""
        if not isinstance(value, cst.Name) or depth > DEPTH:
            return None
        binding = self._reaching_one(value)
        if binding is None:
            return None
        target = binding.node
        parents = self.ctx.ancestors(target)
        if len(parents) < 2 or not isinstance(parents[-1], cst.AssignTarget):
            return None
        assign = parents[-2]
        function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
        star = function.params.star_kwarg if function is not None else None
        if (
            not isinstance(assign, cst.Assign)
            or function is None
            or not isinstance(star, cst.Param)
        ):
            return None
        if self.blocked(star) is None:
            return None
        at = self.ctx.span(value).start
        set_keys: set[str] = set()
        filled = self._spreads_kwargs(assign.value, star, set_keys, depth)
        for access in binding.references:
            read = cast(cst.Name, access.node)
            if read is not value and binding not in self._live(read):
                continue  # a read of another binding of the name
            fills = self._fills(read, star, depth)
            if fills is not None:
                filled = filled or self.ctx.span(read).start < at
                set_keys.update(fills)
                continue
            updated = _updated_keys(self.ctx, read)
            if updated is not None:
                set_keys.update(updated)
                continue
            use = _entry_use(self.ctx, read)
            if use is None:
                return None
            if use:
                set_keys.add(use)
        return (function, star, frozenset(set_keys)) if filled else None

    def _live(self, name: cst.Name) -> list[Assignment]:
        """The bindings of `name` that may reach this use of it (`PythonContext.reaching`),
        but those another binding made before the use, in a block holding it, replaces on
        every way there (XAgent's `chatcompletion_kwargs = get_apiconfig_by_model(...)`
        again in its `except` block, before its retry)."""
        bound = [b for b in self.ctx.reaching(name) if isinstance(b, Assignment)]
        at = self.ctx.index_of(name)
        holding = {id(p) for p in self.ctx.ancestors(name)}
        starts = []
        for b in bound:
            statement = next(
                (
                    p
                    for p in reversed(self.ctx.ancestors(b.node))
                    if isinstance(p, cst.BaseStatement)
                ),
                None,
            )
            block = self.ctx.ancestors(statement)[-1] if statement is not None else None
            if (
                isinstance(statement, cst.SimpleStatementLine)
                and isinstance(block, (cst.IndentedBlock, cst.Module))
                and id(block) in holding
                and self.ctx.index_of(b.node) < at
            ):
                starts.append(self.ctx.index_of(b.node))
        last = max(starts, default=-1)
        return [b for b in bound if self.ctx.index_of(b.node) >= last]

    def _reaching_one(self, name: cst.Name) -> Assignment | None:
        """The one binding of `name` reaching this use (`_live`), where it is an assignment
        of the function's own (not a parameter, an import or a loop's target)."""
        live = self._live(name)
        if len(live) != 1 or not isinstance(live[0].node, cst.Name):
            return None
        return live[0]

    def _spreads_kwargs(
        self, value: cst.BaseExpression, star: cst.Param, set_keys: set[str], depth: int = 0
    ) -> bool:
        """Whether `value` is a dict display spreading `star` (`{**kwargs, "n": 1}`), or a
        copy of it (`dict(kwargs)`, `kwargs.copy()`); the string keys it writes after that
        spread, and those a copy of a copy sets, go into `set_keys`."""
        copied = _copied(self.ctx, value)
        if copied is not None:
            keys = self._kwargs_source(copied, star, depth)
            set_keys.update(keys or ())
            return keys is not None
        if not isinstance(value, cst.Dict):
            return False
        spread = False
        for element in value.elements:
            if isinstance(element, cst.StarredDictElement):
                keys = self._kwargs_source(element.value, star, depth)
                spread = spread or keys is not None
                set_keys.update(keys or ())
            elif spread and isinstance(element, cst.DictElement):
                key = string_value(element.key)
                if key is None:
                    return False  # a key the module does not show may replace any entry
                set_keys.add(key)
        return spread

    def _fills(self, read: cst.Name, star: cst.Param, depth: int = 0) -> frozenset[str] | None:
        """Where `read` is the mapping of `read.update(kwargs)`, `star` (or a copy of it,
        `_kwargs_source`) its one argument: the entries that copy sets; else None."""
        parents = self.ctx.ancestors(read)
        if len(parents) < 2 or not isinstance(parents[-1], cst.Attribute):
            return None
        attr, call = parents[-1], parents[-2]
        if not (
            attr.value is read
            and attr.attr.value == "update"
            and isinstance(call, cst.Call)
            and call.func is attr
            and len(call.args) == 1
            and not call.args[0].star
            and call.args[0].keyword is None
        ):
            return None
        return self._kwargs_source(call.args[0].value, star, depth)

    def _kwargs_source(
        self, value: cst.BaseExpression, star: cst.Param, depth: int
    ) -> frozenset[str] | None:
        """The entries left out of `star`'s where `value` is that `**kwargs` (none) or a
        mapping of its function filled with it (`kwargs_copy`: `params = dict(kw)`); None
        where it is neither."""
        if self._is_param(value, star):
            return frozenset()
        copy = self.kwargs_copy(value, depth + 1)
        return copy[2] if copy is not None and copy[1] is star else None

    def _is_param(self, value: cst.BaseExpression, param: cst.Param) -> bool:
        return self._only_param(value) is param

    def entries(self, function: cst.FunctionDef) -> dict[str, cst.Arg]:
        """The keywords the module's calls give `function`'s `**kwargs` (each with the first
        argument giving it), also through the `**kwargs` of calling functions spread into
        them; none where the function may change any entry."""
        return self._entries(function, 0, frozenset())

    def _entries(
        self, function: cst.FunctionDef, depth: int, seen: frozenset[int]
    ) -> dict[str, cst.Arg]:
        star = function.params.star_kwarg
        blocked = self.blocked(star) if isinstance(star, cst.Param) else None
        if blocked is None or depth > DEPTH or id(function) in seen:
            return {}
        params = function.params
        named = {p.name.value for p in (*params.params, *params.kwonly_params)} | blocked
        found: dict[str, cst.Arg] = {}
        for call, _ in self.calls().get(id(function), []):
            for arg in call.args:
                if arg.keyword is not None and not arg.star:
                    if arg.keyword.value not in named:
                        found.setdefault(arg.keyword.value, arg)
                elif arg.star == "**" and (source := self.kwargs_of(arg.value)) is not None:
                    outer = self._entries(source[0], depth + 1, seen | {id(function)})
                    for name, given in outer.items():
                        if name not in named:
                            found.setdefault(name, given)
        return found

    # --- outward ---------------------------------------------------------------------------

    def handed_to(self, slot: Slot) -> list[tuple[Slot, tuple[cst.FunctionDef, ...]]]:
        """The slots `slot`'s value reaches as it is, itself first, each with the functions
        it goes through to get there (the reached slot's own last)."""
        found: list[tuple[Slot, tuple[cst.FunctionDef, ...]]] = []
        keys: set[tuple[int, str, bool]] = set()
        stack: list[tuple[Slot, tuple[cst.FunctionDef, ...]]] = [(slot, ())]
        while stack:
            current, through = stack.pop(0)
            if current.key in keys or len(through) > DEPTH:
                continue
            keys.add(current.key)
            found.append((current, through))
            for target in self._hands(current):
                stack.append((target, (*through, target.function)))
        return found

    def requests(self, slot: Slot) -> list[tuple[str, cst.Call, cst.Arg]]:
        """The SDK requests `slot`'s value goes to as it is from its own function: (the
        keyword it is sent as, the request, the argument sending it)."""
        found = []
        for _, holder in self._uses(slot):
            call = self._call_of(holder)
            if call is None or self.ctx.sdk_call(call) is None:
                continue
            if slot.param is not None and holder.keyword is not None and not holder.star:
                found.append((holder.keyword.value, call, holder))
            elif slot.param is None and holder.star == "**" and not _given(call, slot.name):
                found.append((slot.name, call, holder))
        if slot.param is None:
            found += self._copy_requests(slot)
        return found

    def _copy_requests(self, slot: Slot) -> list[tuple[str, cst.Call, cst.Arg]]:
        """The SDK requests of `slot`'s function spreading a mapping it fills with its
        `**kwargs` (`kwargs_copy`), which send the entry `slot` names as it is."""
        found = []
        start = self.ctx.index_of(slot.function)
        for node in self.ctx.nodes[start : self.ctx.ends[start]]:
            if not isinstance(node, cst.Call) or self.ctx.sdk_call(node) is None:
                continue
            for arg in node.args:
                copy = self.kwargs_copy(arg.value) if arg.star == "**" else None
                if copy is None or copy[0] is not slot.function or slot.name in copy[2]:
                    continue
                if slot.name not in (self.blocked(copy[1]) or ()) and not _given(node, slot.name):
                    found.append((slot.name, node, arg))
        return found

    def spread_requests(
        self, slot: Slot, keywords: Sequence[str]
    ) -> list[tuple[str, cst.Call, cst.Arg]]:
        """The SDK requests of its own function that `slot`'s parameter, a mapping, is spread
        into as it is (`**model_kwargs`), each with every one of `keywords` it may send as an
        entry: one the request does not give itself and the function does not change
        (`blocked`: written, popped; none where the function uses the mapping otherwise)."""
        if slot.param is None:
            return []
        blocked = self.blocked(slot.param)
        if blocked is None:
            return []
        found = []
        for _, holder in self._uses(slot):
            call = self._call_of(holder)
            if holder.star != "**" or call is None or self.ctx.sdk_call(call) is None:
                continue
            found += [
                (k, call, holder) for k in keywords if k not in blocked and not _given(call, k)
            ]
        return found

    def sent_model(
        self, call: cst.Call, arg: cst.Arg, reaching: Mapping[int, int]
    ) -> tuple[str, str] | None:
        """(the function, where) when the argument `arg` of a call of the module's function
        is sent as the model of an SDK request, handed on as it is: to a parameter `reaching`
        holds (id -> the line sending it, `model_sites`), one sent as `model=` (`engine=`
        of a legacy request), an entry of `**kwargs` spread into a request, or a parameter
        of another module's function sending it (`imported_wrappers`). Where is `line 7
        through chatgpt()`, `line 21 of src/tot/models.py through gpt()`; None where it is
        not sent so."""
        slot = self.arg_slot(call, arg)
        if slot is None:
            return None
        for reached, through in self.handed_to(slot):
            names = [function_label(self.ctx, f) for f in through]
            line = reaching.get(id(reached.param)) if reached.param is not None else None
            if line is None:
                line = next(
                    (
                        self.ctx.position(holder)[0][0]
                        for keyword, request, holder in self.requests(reached)
                        if keyword in self.model_keywords(request)
                    ),
                    None,
                )
            if line is not None:
                where = f"{self.ctx.line_label(line)}{through_text(names)}"
                return function_label(self.ctx, slot.function), where
            for param in self.imported(reached):
                if param.model:
                    where = where_sent(param) + through_text(
                        [*names, param.function, *param.through]
                    )
                    return function_label(self.ctx, slot.function), where
        return None

    def imported(self, slot: Slot) -> Iterator[WrapperParam]:
        """Where `slot`'s value goes as an argument of a call of another module's function
        that hands it on to a request (`imported_wrappers`)."""
        for _, holder in self._uses(slot):
            call = self._call_of(holder)
            if call is not None and not holder.star:
                yield from (p for given, p in imported_params(self.ctx, call) if given is holder)

    def model_keywords(self, request: cst.Call) -> frozenset[str]:
        """The keywords naming the model of an SDK request (`engine=` too in a legacy one, as
        `models.model_args` reads them)."""
        info = self.ctx.sdk_call(request)
        if info is not None and info.kind == "legacy":
            return frozenset({"model", *sdk.LEGACY_MODEL_KWARGS})
        return frozenset({"model"})

    def arg_slot(self, call: cst.Call, arg: cst.Arg) -> Slot | None:
        """The slot of the module's function `call` calls that `arg` gives a value: a
        parameter (`parameter_for`), or an entry of its `**kwargs` under the keyword."""
        found = parameter_for(self.ctx, call, arg)
        if found is not None:
            return Slot(found[0], found[1].name.value, found[1])
        called = called_function(self.ctx, call)
        if called is None or arg.keyword is None or arg.star:
            return None
        return _kwargs_entry(self, called[0], arg.keyword.value)

    def _hands(self, slot: Slot) -> Iterator[Slot]:
        """The slots of other calls of the module's functions that `slot`'s own function
        passes its value to as it is."""
        for _, holder in self._uses(slot):
            call = self._call_of(holder)
            if call is None or self.ctx.sdk_call(call) is not None:
                continue
            if slot.param is not None:
                if holder.star:
                    continue
                target = self.arg_slot(call, holder)
                if target is not None:
                    yield target
                continue
            called = called_function(self.ctx, call)
            if holder.star != "**" or called is None or _given(call, slot.name):
                continue
            params = called[0].params
            named = (*params.params, *params.kwonly_params)
            param = next((p for p in named if p.name.value == slot.name), None)
            if param is not None:
                yield Slot(called[0], slot.name, param)
            elif (entry := _kwargs_entry(self, called[0], slot.name)) is not None:
                yield entry

    def _uses(self, slot: Slot) -> Iterator[tuple[cst.Name, cst.Arg]]:
        """The reads of `slot`'s parameter (its function's `**kwargs` for an entry) that are
        an argument of a call as they are."""
        param = slot.param if slot.param is not None else slot.function.params.star_kwarg
        if not isinstance(param, cst.Param):
            return
        if slot.param is None:
            blocked = self.blocked(param)
            if blocked is None or slot.name in blocked:
                return  # an entry the function changes, or a mapping it may change anyhow
        bound = self.ctx.bindings(param.name)
        if len(bound) != 1 or not isinstance(bound[0], Assignment) or bound[0].node is not param:
            return  # bound again in its function: it may hold another value there
        for access in bound[0].references:
            parents = self.ctx.ancestors(access.node)
            holder = parents[-1] if parents else None
            if isinstance(holder, cst.Arg) and holder.value is access.node:
                yield cast(cst.Name, access.node), holder

    def _call_of(self, arg: cst.Arg) -> cst.Call | None:
        parents = self.ctx.ancestors(arg)
        call = parents[-1] if parents else None
        return call if isinstance(call, cst.Call) else None

    # --- the module's calls ----------------------------------------------------------------

    def calls(self) -> dict[int, list[tuple[cst.Call, int]]]:
        """The calls of each function of the module (`called_function`), by id, with the
        parameters each binds itself."""
        if self._calls is None:
            self._calls = {}
            for node in self.ctx.nodes:
                if type(node) is cst.Call:
                    called = called_function(self.ctx, node)
                    if called is not None:
                        self._calls.setdefault(id(called[0]), []).append((node, called[1]))
        return self._calls

    def _function_of(self, param: cst.Param) -> cst.FunctionDef | None:
        parents = self.ctx.ancestors(param)
        function = parents[-2] if len(parents) >= 2 else None
        return function if isinstance(function, cst.FunctionDef) else None

    def blocked(self, param: cst.Param) -> frozenset[str] | None:
        """The entries of a `**kwargs` parameter that its function changes, which it does not
        hand on (written, popped, deleted); None where it may change any (see the module's
        docstring)."""
        if id(param) in self._blocked:
            return self._blocked[id(param)]
        bound = self.ctx.bindings(param.name)
        found: frozenset[str] | None = None
        binding = next((b for b in bound if isinstance(b, Assignment) and b.node is param), None)
        if binding is not None and (
            len(bound) == 1 or rebound_parameter(self.ctx, bound) is not None
        ):
            # the uses of the parameter itself, not those of the name rebound after
            reads = references_to(self.ctx, binding)
            uses = [_entry_use(self.ctx, cast(cst.Name, read)) for read in reads]
            if None not in uses:
                found = frozenset(key for key in uses if key)
        self._blocked[id(param)] = found
        return found


def _kwargs_entry(forwarding: Forwarding, function: cst.FunctionDef, name: str) -> Slot | None:
    """The entry `name` of `function`'s `**kwargs`, where the keyword lands there (no named
    parameter takes it) and the function hands it on unchanged."""
    params = function.params
    star = params.star_kwarg
    named = (*params.params, *params.kwonly_params)
    if star is None or any(p.name.value == name for p in named):
        return None
    blocked = forwarding.blocked(star)
    if blocked is None or name in blocked:
        return None
    return Slot(function, name, None)


def _argument(call: cst.Call, slot: Slot, bound: int) -> cst.Arg | None:
    """The argument of `call` that gives `slot` its value: by keyword, or, for a parameter,
    by position past the `bound` ones (no star argument before it)."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == slot.name and not arg.star:
            return arg
    if slot.param is None:
        return None
    params = slot.function.params
    positional = [*params.posonly_params, *params.params][bound:]
    index = next((i for i, p in enumerate(positional) if p is slot.param), None)
    if index is None:
        return None
    for i, arg in enumerate(call.args):
        if arg.star or arg.keyword is not None:
            return None
        if i == index:
            return arg
    return None


def _given(call: cst.Call, name: str) -> bool:
    """Whether `call` gives the keyword `name` itself."""
    return any(a.keyword is not None and a.keyword.value == name for a in call.args)


def _entry_use(ctx: PythonContext, name: cst.Name) -> str | None:
    """How a read of a `**kwargs` mapping uses it: "" where it changes no entry (spread into
    a call, read by key, `.get(...)`, `in`), the entry it changes (`kwargs["n"] = 1`,
    `del kwargs["n"]`, `kwargs.pop("n")`), None for any other use."""
    parents = ctx.ancestors(name)
    parent = parents[-1] if parents else None
    if isinstance(parent, cst.Arg) and parent.star == "**" and parent.value is name:
        return ""
    if isinstance(parent, cst.StarredDictElement) and parent.value is name:
        return ""  # copied into a dict display
    if isinstance(parent, cst.Arg) and _update_argument(ctx, parent, parents):
        return ""  # copied into another mapping: `settings.update(kwargs)`
    holder = parents[-2] if len(parents) >= 2 else None
    if (
        isinstance(parent, cst.Arg)
        and isinstance(holder, cst.Call)
        and _copied(ctx, holder) is name
    ):
        return ""  # copied: `params = dict(kwargs)`
    if isinstance(parent, cst.ComparisonTarget) and parent.comparator is name:
        return "" if isinstance(parent.operator, (cst.In, cst.NotIn)) else None
    if isinstance(parent, cst.Subscript) and parent.value is name:
        index = parent.slice[0].slice if len(parent.slice) == 1 else None
        key = string_value(index.value) if isinstance(index, cst.Index) else None
        holder = parents[-2] if len(parents) >= 2 else None
        changed = isinstance(holder, (cst.AssignTarget, cst.Del)) or (
            isinstance(holder, cst.AugAssign) and holder.target is parent
        )
        if not changed:
            return ""
        return key or None
    if isinstance(parent, cst.Attribute) and parent.value is name:
        call = parents[-2] if len(parents) >= 2 else None
        if not isinstance(call, cst.Call) or call.func is not parent:
            return None
        method = parent.attr.value
        if method in _READS:
            return ""
        first = call.args[0].value if call.args and not call.args[0].star else None
        key = string_value(first) if method in _TAKES and first is not None else None
        return key or None
    return None


def _update_argument(ctx: PythonContext, arg: cst.Arg, parents: Sequence[cst.CSTNode]) -> bool:
    """Whether `arg` is the one argument of `other.update(...)`, as it is."""
    call = parents[-2] if len(parents) >= 2 else None
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "update"
        and len(call.args) == 1
        and not arg.star
        and arg.keyword is None
        and ctx.code(call.func.value) != ctx.code(arg.value)
    )


def _copied(ctx: PythonContext, value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The mapping `value` copies as it is: `dict(m)`, `dict(**m)` (the builtin) or
    `m.copy()`; else None."""
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not value.args:
        return func.value
    if (
        isinstance(func, cst.Name)
        and func.value == "dict"
        and len(value.args) == 1
        and value.args[0].keyword is None
        and value.args[0].star in ("", "**")
        and not any(isinstance(b, Assignment) for b in ctx.bindings(func))
    ):
        return value.args[0].value
    return None


def _updated_keys(ctx: PythonContext, read: cst.Name) -> frozenset[str] | None:
    """The entries `read.update(...)` sets where it names each (`m.update({"model": x})`,
    `m.update(model=x)`); None for any other use of `read`."""
    parents = ctx.ancestors(read)
    if len(parents) < 2 or not isinstance(parents[-1], cst.Attribute):
        return None
    attr, call = parents[-1], parents[-2]
    if attr.value is not read or attr.attr.value != "update" or not isinstance(call, cst.Call):
        return None
    if call.func is not attr or not call.args:
        return None
    keys: set[str] = set()
    for arg in call.args:
        if arg.keyword is not None and not arg.star:
            keys.add(arg.keyword.value)
        elif not arg.star and isinstance(arg.value, cst.Dict) and len(call.args) == 1:
            for element in arg.value.elements:
                key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                if key is None:
                    return None  # a key the module does not show may replace any entry
                keys.add(key)
        else:
            return None
    return frozenset(keys)


def function_label(ctx: PythonContext, function: cst.FunctionDef) -> str:
    """How a message names a function: its name, or for an `__init__` its class's."""
    if function.name.value == "__init__":
        owner = next(
            (a for a in reversed(ctx.ancestors(function)) if type(a) is cst.ClassDef), None
        )
        if owner is not None:
            return owner.name.value
    return function.name.value


def through_text(names: Sequence[str]) -> str:
    """` through chatgpt()`, ` through chatgpt() and create()`; "" for none."""
    if not names:
        return ""
    shown = [f"{name}()" for name in names]
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f" through {listed}"
