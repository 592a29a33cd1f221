"""ML644: a keyword of a litellm chat call that litellm's route for the provider refuses."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import litellm as fw
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.compat import param_unconfirmed
from migrate_llm.rules.framework_args import insert_entries, insert_keywords, qualified
from migrate_llm.rules.framework_litellm import (
    given_model,
    litellm_chat_call,
    routed_requests,
    shared_call,
)
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_literals, string_value
from migrate_llm.rules.request_arguments import RequestArgument, request_arguments
from migrate_llm.rules.wording import and_listed

_TOOLS = '[{"type": "function", "function": {"name": "ls", "parameters": {}}}]'
_CALL = (
    "import litellm\n\n"
    "r = litellm.completion(\n"
    '    model="gpt-4o-mini",\n'
    '    messages=[{"role": "user", "content": "hi"}],\n'
    f"    tools={_TOOLS},\n"
    "    parallel_tool_calls=False,\n"
    ")\n"
)
_ROUTED = _CALL.replace('"gpt-4o-mini"', '"volcengine/doubao-seed-2-1-turbo-260628"')


def provider_takes(provider: Provider, name: str) -> bool | None:
    """Whether the provider's file says its chat API takes the OpenAI keyword `name`: a flag
    of `[params]` (`parallel_tool_calls`, `logprobs`, `seed`, `functions`...), a list of
    values there (`reasoning_effort`; `response_format` with more than "text"), or JSON mode
    for `response_format` (`[supports] json_mode`), `n` where it names a maximum; None where
    the file does not say."""
    value = provider.params.get("functions" if name == "function_call" else name)
    if name == "response_format":
        if isinstance(value, list):
            return any(kind != "text" for kind in value)
        json_mode = provider.supports.get("json_mode")
        return json_mode if isinstance(json_mode, bool) else None
    if name == "n":
        limit = provider.params.get("n_max")
        return limit > 1 if isinstance(limit, int) else None
    if isinstance(value, list):
        return bool(value)
    return value if isinstance(value, bool) else None


def _written_route(expr: cst.BaseExpression | None) -> str:
    """The litellm route a model chosen at run time is written on (`"volcengine/" + model`,
    `f"volcengine/{model}"`); "" where the code does not show one."""
    head: str | None = None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        head = string_value(expr.left)
    elif isinstance(expr, cst.FormattedString) and expr.parts:
        first = expr.parts[0]
        head = first.value if isinstance(first, cst.FormattedStringText) else None
    prefix, slash, _ = (head or "").partition("/")
    return prefix if slash else ""


def _sent(arg: RequestArgument) -> bool:
    """Whether litellm counts the argument as given: not `None`, and `n` not 1."""
    value = arg.value
    if isinstance(value, cst.Name) and value.value == "None":
        return False
    return not (arg.name == "n" and isinstance(value, cst.Integer) and value.value == "1")


class LitellmRefusedParams(PythonRule):
    """A keyword of a litellm chat call that litellm's route for the provider refuses.

    ## What it does
    With `--provider P` (not `openai`), finds a keyword of `litellm.completion(...)` or
    `acompletion(...)` (called directly, or through a name bound to it under the test that
    binds it) that litellm's route for the request refuses (`REFUSED_PARAMS` of
    `migrate_llm.frameworks.litellm`, measured with litellm 1.110.2): the provider's own
    route where the call's model is on it, or is an OpenAI model ML640 writes there
    (`volcengine/` refuses `parallel_tool_calls`, `response_format`, `reasoning_effort`,
    `service_tier`, `store` and other newer OpenAI keywords; `zai/` ten keywords,
    `moonshot/` `functions`), also where the code puts the route on a model chosen at run
    time (`"volcengine/" + model`); `openai/` for a provider without one (`verbosity`). The
    keywords written in the call count, and the entries of a dict it spreads that the
    module shows (`**params`, `params["parallel_tool_calls"] = False`); for a `**name` the
    module does not show whole (shell_gpt's module-level `additional_kwargs`, bound twice,
    or a comprehension over its `.items()`), the keys its bindings and subscript writes give
    it (`additional_kwargs["parallel_tool_calls"] = False` in the method that spreads it).
    Not a keyword the call already lists in `allowed_openai_params=[...]`, nor a call given
    `drop_params=True`, or in a module that sets `litellm.drop_params = True`; a value
    `None` (and `n=1`) is not sent.

    ## Why
    litellm checks each keyword against the route's own list before it sends anything and
    raises `UnsupportedParamsError` ("volcengine does not support parameters:
    ['parallel_tool_calls']"): the call that ran on OpenAI fails on every run, and `check`
    passed (t51j B: shell_gpt's tool loop with `USE_LITELLM=true` after ML640's edit). The
    provider may take the keyword all the same (Ark's Chat API documents
    `parallel_tool_calls`, `response_format` and `reasoning_effort`); litellm then sends it as
    it is where the call lists it in `allowed_openai_params` (litellm 1.65.3 or later).

    ## Fix
    Where the provider file says the provider takes every such keyword (`provider_takes`:
    `[params] parallel_tool_calls = true`, a `reasoning_effort` list, JSON mode for
    `response_format`), apply passes `allowed_openai_params=[...]` naming them after the
    call's last keyword (or adds them to the list the call gives; review), so litellm sends
    them as they were sent to OpenAI. Otherwise it is left to you (manual): remove the
    keyword, or pass `drop_params=True` (litellm leaves refused keywords out), or list it in
    `allowed_openai_params` where the provider takes it. An error until then, so `check`
    fails on it. So is a keyword of a `**` mapping the module does not show whole (the call
    may already be given `allowed_openai_params` there), and a call whose list is not
    written out.

    ## Data
    `route` (litellm's prefix), `refused` (the keywords), `allowed` (those apply lists in
    `allowed_openai_params`), `first_release` (the first litellm release that reads it).
    """

    code = "ML644"
    name = "litellm-refused-param"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    silent_when_modernising = True
    examples = (
        Example(
            _ROUTED,
            provider="doubao",
            message="litellm.completion() goes through litellm's volcengine/ route, which "
            "refuses parallel_tool_calls before it sends anything (UnsupportedParamsError); "
            "ByteDance Doubao (Volcengine Ark) takes it: apply lists it in "
            'allowed_openai_params=["parallel_tool_calls"], so litellm (1.65.3 or later) '
            "sends it as it is (unconfirmed: the Chat API page says "
            "parallel_tool_calls=false currently takes effect only on doubao-seed-1-6-* "
            "models: a Seed 2.x model may still return several tool calls)",
            after=_ROUTED.replace(
                "    parallel_tool_calls=False,\n",
                "    parallel_tool_calls=False,\n"
                '    allowed_openai_params=["parallel_tool_calls"],\n',
            ),
        ),
        Example(
            _CALL.replace("parallel_tool_calls=False", "store=True"),
            provider="doubao",
            message="litellm.completion() goes through litellm's volcengine/ route (as apply "
            "writes its model), which refuses store before it sends anything "
            "(UnsupportedParamsError); ByteDance Doubao (Volcengine Ark)'s file does not say "
            "it takes store: remove it, pass drop_params=True (litellm leaves it out), or, "
            'where ByteDance Doubao (Volcengine Ark) takes it, allowed_openai_params=["store"]'
            ", by hand",
        ),
        Example(
            "import litellm\n\n\ndef ask(model, msgs, form):\n"
            '    return litellm.completion(model="volcengine/" + model, response_format=form)\n',
            provider="doubao",
            after="import litellm\n\n\ndef ask(model, msgs, form):\n"
            "    return litellm.completion(\n"
            '        model="volcengine/" + model,\n'
            "        response_format=form,\n"
            '        allowed_openai_params=["response_format"],\n'
            "    )\n",
        ),
        Example(
            _ROUTED.replace("    parallel_tool_calls=False,\n", "    drop_params=True,\n"),
            provider="doubao",
            finds=False,
        ),
        Example(_CALL, provider="deepseek", finds=False),
        Example(_CALL, provider="openai", finds=False),
    )

    def visit_Call(self, node: cst.Call) -> None:
        ctx = self.ctx
        provider = self.provider
        if provider is None or not ctx.rules.switching or not ctx.mentions("litellm"):
            return
        if not litellm_chat_call(ctx, node) or shared_call(ctx, node):
            return
        route, moved = self._route(node)
        refusing = fw.REFUSED_PARAMS.get(route, frozenset())
        if not refusing:
            return
        arguments = request_arguments(ctx, node, lambda c: litellm_chat_call(ctx, c))
        if self._dropped(arguments):
            return
        listed = arguments.get(fw.ALLOWED_PARAMS)
        allowed = _listed(listed.value) if listed is not None else []
        taken = (*(allowed or ()), *arguments)
        refused = [
            a
            for n, a in arguments.items()
            if n in refusing and n not in (allowed or ()) and _sent(a)
        ]
        loose = [(n, at) for n, at in _loose_keys(ctx, node) if n in refusing and n not in taken]
        if not refused and not loose:
            return
        names = list(dict.fromkeys([*(a.name for a in refused), *(n for n, _ in loose)]))
        where = " (as apply writes its model)" if moved else ""
        said = (
            f"{self.snippet(node.func)}() goes through litellm's {route}/ route{where}, which "
            f"refuses {and_listed(names)}{self._set_where(loose)} before it sends anything "
            "(UnsupportedParamsError)"
        )
        at = refused[0].label if refused else node.func
        data: dict[str, object] = {"route": route, "refused": names}
        takes = {name: provider_takes(provider, name) for name in names}
        vouched = allowed is not None and all(takes.values())
        edit = self._edit(node, listed, refused) if vouched and not loose else None
        if edit is None:
            left = self._left(names, takes, allowed is None)
            if vouched:
                shown = ", ".join(f'"{name}"' for name in (*(allowed or ()), *names))
                left = (
                    f"{provider.name} takes {and_listed(names)}: pass {fw.ALLOWED_PARAMS}="
                    f"[{shown}] to the call (apply does not: the call's keywords are not all "
                    "written in one place it can edit)"
                )
            self.report(at, f"{said}; {left}, by hand", fix=FixClass.MANUAL, data=data)
            return
        one = len(names) == 1
        shown = ", ".join(f'"{name}"' for name in (*(allowed or ()), *names))
        unconfirmed = "".join(param_unconfirmed(provider, name) for name in names)
        self.report(
            at,
            f"{said}; {provider.name} takes {'it' if one else 'them'}: apply lists "
            f"{'it' if one else 'them'} in {fw.ALLOWED_PARAMS}=[{shown}], so litellm "
            f"({fw.ALLOWED_PARAMS_FIRST_RELEASE} or later) sends {'it' if one else 'them'} as "
            f"{'it is' if one else 'they are'}{unconfirmed}",
            edit=edit,
            data={**data, "allowed": names, "first_release": fw.ALLOWED_PARAMS_FIRST_RELEASE},
        )

    def _set_where(self, loose: list[tuple[str, cst.CSTNode]]) -> str:
        """` (set on line 150 in what the call spreads)` for keywords of a `**` mapping the
        module does not show whole; "" for none."""
        if not loose:
            return ""
        lines = dict.fromkeys(self.ctx.line_label(self.ctx.position(n)[0][0]) for _, n in loose)
        return f" (set on {and_listed(list(lines))} in the `**` mapping it spreads)"

    def _route(self, node: cst.Call) -> tuple[str, bool]:
        """The litellm route the call's requests take once migrated, and whether apply writes
        its model there (an OpenAI model ML640 moves); ("", False) where not known."""
        ctx = self.ctx
        provider = self.provider
        assert provider is not None
        own = provider.frameworks.get("litellm_prefix")
        requests = routed_requests(ctx, node)
        if not requests:
            return _written_route(given_model(ctx, node)), False
        request = requests[0]
        route = own if request.as_is is not None and isinstance(own, str) else fw.OPENAI_PREFIX
        model = request.model_node
        written = string_value(model) if model is not None else None
        return route, written is None or fw.route(written)[0] != route

    def _dropped(self, arguments: Mapping[str, RequestArgument]) -> bool:
        """Whether litellm drops refused keywords for the call (its `arguments`):
        `drop_params=True` given, or `litellm.drop_params = True` set in the module."""
        ctx = self.ctx
        given = arguments.get(fw.DROP_PARAMS)
        if given is not None:
            return not (isinstance(given.value, cst.Name) and given.value.value in _FALSE)
        found = ctx.analyses.get(_drops_params)
        if found is None:
            found = ctx.analyses[_drops_params] = _drops_params(ctx)
        return bool(found)

    def _left(self, names: list[str], takes: Mapping[str, bool | None], unknown: bool) -> str:
        """What to do by hand, for keywords the provider file does not say it takes, or says
        it does not, or where the call's list is not written out."""
        provider = self.provider
        assert provider is not None
        if unknown:
            return (
                f"its {fw.ALLOWED_PARAMS} (or its `**` mapping) is not written out here: make "
                f"sure it lists {and_listed(names)} where {provider.name} takes "
                f"{'it' if len(names) == 1 else 'them'}, else remove "
                f"{'it' if len(names) == 1 else 'them'}"
            )
        refused = [n for n in names if takes[n] is False]
        unsaid = [n for n in names if takes[n] is None]
        parts = []
        if refused:
            parts.append(f"{provider.name} does not take {and_listed(refused)} either")
        if unsaid:
            parts.append(f"{provider.name}'s file does not say it takes {and_listed(unsaid)}")
        listed = ", ".join(f'"{n}"' for n in unsaid)
        where = (
            f", or, where {provider.name} takes {'it' if len(unsaid) == 1 else 'them'}, "
            f"{fw.ALLOWED_PARAMS}=[{listed}]"
            if unsaid
            else ""
        )
        one = len(names) == 1
        return (
            f"{'; '.join(parts)}: remove {'it' if one else 'them'}, pass "
            f"{fw.DROP_PARAMS}=True (litellm leaves {'it' if one else 'them'} out){where}"
        )

    def _edit(
        self,
        node: cst.Call,
        listed: RequestArgument | None,
        refused: list[RequestArgument],
    ) -> Edit | None:
        """The insertion listing the `refused` keywords in the call's `allowed_openai_params`:
        into the list it gives; else an entry of the dict they are all spread from (used only
        by requests), or a keyword after the call's last keyword where they are all its own;
        None otherwise, or where its `**` mapping may hold one the module does not show."""
        ctx = self.ctx
        added = ", ".join(f'"{a.name}"' for a in refused)
        if listed is not None:
            value = listed.value
            if not isinstance(value, cst.List) or not listed.editable:
                return None
            if not value.elements:
                end = ctx.span(value).end - 1
                return Edit(Span(end, end), added)
            end = ctx.span(value.elements[-1].value).end
            return Edit(Span(end, end), f", {added}")
        displays = {id(a.spread): a for a in refused}
        if len(displays) == 1 and isinstance(refused[0].spread, cst.Dict):
            # entries of one dict the module shows (or keys it sets on it): listed there
            if not all(a.editable for a in refused):
                return None
            return insert_entries(ctx, refused[0].spread, {fw.ALLOWED_PARAMS: f"[{added}]"})
        if any(a.spread is not None for a in refused) or not _shown_whole(ctx, node):
            return None
        keywords = [a for a in node.args if a.keyword is not None]
        after = keywords[-1] if keywords else None
        return insert_keywords(ctx, node, {fw.ALLOWED_PARAMS: f"[{added}]"}, after=after)


_LITELLM = frozenset({"litellm"})
_FALSE = ("False", "None")


def _drops_params(ctx: PythonContext) -> bool:
    """Whether the module sets `litellm.drop_params` to anything but False or None."""
    for node in ctx.nodes:
        if not isinstance(node, cst.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0].target
        if (
            isinstance(target, cst.Attribute)
            and target.attr.value == fw.DROP_PARAMS
            and qualified(ctx, target.value, _LITELLM) is not None
            and not (isinstance(node.value, cst.Name) and node.value.value in _FALSE)
        ):
            return True
    return False


def _listed(value: cst.BaseExpression) -> list[str] | None:
    """The strings a list or tuple display holds, in order; None for anything else (not
    known)."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    found = []
    for element in value.elements:
        text = string_value(element.value)
        if text is None or isinstance(element, cst.StarredElement):
            return None
        found.append(text)
    return found


def _loose_keys(ctx: PythonContext, node: cst.Call) -> list[tuple[str, cst.CSTNode]]:
    """The keys the call's `**name` may hold where the module does not show that mapping
    whole (`request_arguments` reads one bound once): shell_gpt's module-level
    `additional_kwargs`, bound to a dict display and reset to `{}` in a branch, whose
    `additional_kwargs["parallel_tool_calls"] = False` in a method reaches the litellm call.
    Each binding's dict display entries and the keys set on the name by subscript, with
    where; a dict comprehension over `other.items()` hands on `other`'s (once), less the keys
    its condition names."""
    found: list[tuple[str, cst.CSTNode]] = []
    for arg in node.args:
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            _name_keys(ctx, arg.value, found, (), 0)
    return found


def _name_keys(
    ctx: PythonContext,
    name: cst.Name,
    found: list[tuple[str, cst.CSTNode]],
    excluded: tuple[str, ...],
    depth: int,
) -> None:
    for binding in ctx.bindings(name):
        if not isinstance(binding, Assignment):
            continue
        value = ctx.index.assigned.get(id(binding.node))
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if not isinstance(element, cst.DictElement):
                    continue
                key = string_value(element.key)
                if key is not None and key not in excluded:
                    found.append((key, element.key))
        elif isinstance(value, cst.DictComp) and depth == 0:
            source = _items_of(value)
            if source is not None:
                named = tuple(
                    text
                    for condition in value.for_in.ifs
                    for inner in string_literals(condition)
                    if (text := string_value(inner)) is not None
                )
                _name_keys(ctx, source, found, (*excluded, *named), depth + 1)
        for access in binding.references:
            parents = ctx.ancestors(access.node)
            if len(parents) < 3:
                continue
            subscript, target, assign = parents[-1], parents[-2], parents[-3]
            if (
                isinstance(subscript, cst.Subscript)
                and subscript.value is access.node
                and isinstance(target, cst.AssignTarget)
                and isinstance(assign, cst.Assign)
                and len(subscript.slice) == 1
                and isinstance(subscript.slice[0].slice, cst.Index)
            ):
                label = subscript.slice[0].slice.value
                key = string_value(label)
                if key is not None and key not in excluded:
                    found.append((key, label))


def _items_of(comp: cst.DictComp) -> cst.Name | None:
    """`other` of `{k: v for k, v in other.items() ...}`; None for another comprehension."""
    loop = comp.for_in
    call = loop.iter
    if (
        loop.inner_for_in is None
        and isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "items"
        and isinstance(call.func.value, cst.Name)
        and not call.args
    ):
        return call.func.value
    return None


def _shown_whole(ctx: PythonContext, node: cst.Call) -> bool:
    """Whether every `**` mapping of the call is one the module shows whole (a dict display,
    or a name bound once to one): only then can it hold no `allowed_openai_params`."""
    from migrate_llm.rules.clients import kwargs_of

    spreads = [a for a in node.args if a.star == "**"]
    if not spreads:
        return True
    if len(spreads) > 1:
        return False
    found = kwargs_of(ctx, node)
    return found is not None and found.complete


LITELLM_REFUSED_RULES = (LitellmRefusedParams,)
