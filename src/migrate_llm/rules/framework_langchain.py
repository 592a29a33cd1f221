"""Rules about LangChain's OpenAI classes (`ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings` and their
Azure and deprecated forms). What the classes look like is in `migrate_llm.frameworks.langchain`.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import ModuleType
from typing import ClassVar, NamedTuple

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.framework_heirs import FrameworkHeir
from migrate_llm.frameworks import FrameworkClass, crewai
from migrate_llm.frameworks import browser_use as bu
from migrate_llm.frameworks import guidance as gd
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks.pins import FIRST_OPENAI_V1, version_text
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.class_requests import ranged_values
from migrate_llm.rules.class_values import class_values
from migrate_llm.rules.clients import (
    Endpoint,
    handed_key_finding,
    kwargs_of,
    openai_key_fix,
    own_server_message,
    own_server_settings,
    target_advice,
)
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr
from migrate_llm.rules.framework_args import argument, dict_entries, qualified
from migrate_llm.rules.framework_classes import (
    ENV_DEFAULT,
    Plan,
    batch_over_limit,
    body_given,
    checked_model_advice,
    describe_target,
    endpoint,
    first_keyword,
    framework_class,
    key_source,
    local_names,
    mentions_framework,
    merges_into_mapping,
    model_argument,
    plain_words,
    plan,
    plan_data,
    plan_edit,
    plan_imports,
    report_typed_key_prompt,
    set_batch,
    set_thinking_off,
    thinking_form,
    unserved_advice,
    unserved_surface,
    v0_form,
)
from migrate_llm.rules.framework_crewai import given_as_llm, llm_advice
from migrate_llm.rules.framework_litellm import RoutedRequest, class_request
from migrate_llm.rules.key_prompts import report_prompt, report_prompt_texts
from migrate_llm.rules.kwargs_fill import (
    fill_edit,
    foreign_key_given,
    kwargs_fill,
    mapping_key_fix,
    suggestion,
)
from migrate_llm.rules.langchain_azure_args import azure_built
from migrate_llm.rules.langchain_heirs import (
    built_here,
    heir_words,
    heirs_here,
    heirs_of,
    shared_base_words,
)
from migrate_llm.rules.model_values import held_values
from migrate_llm.rules.models import article
from migrate_llm.rules.openai_fallback_keys import fallback_data, fallback_words, openai_fallback
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import (
    PythonContext,
    branches,
    keyword,
    last_name,
    string_value,
)
from migrate_llm.rules.request_arguments import (
    RequestArgument,
    request_arguments,
    spread_default,
)
from migrate_llm.rules.rewrite import keyword_insertion, narrowed_edit, rebuild_call, requote
from migrate_llm.rules.run_time_data import data_parts, data_value, data_words
from migrate_llm.rules.thinking_switch import listed, thinking_targets, thinks
from migrate_llm.rules.untied_keys import untied_key
from migrate_llm.rules.wording import and_listed


class _Fact(NamedTuple):
    """What `[model_params]` says of one request parameter for the model a class sends (the
    model None when not known; `model_from`: the OpenAI model it is mapped from)."""

    model: str | None
    model_from: str | None
    param: str
    fact: str
    glob: str

    def head(self, provider: Provider) -> str:
        return _compat().model_param_head(provider, *self[:4])


def _compat() -> ModuleType:
    """ML115's module, for its words: imported when first used, as it imports this one."""
    from migrate_llm.rules import compat

    return compat


_KIMI_CHAT = (
    "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
    "llm = ChatOpenAI(\n"
    '    model="kimi-k2.6",\n'
    '    api_key=os.environ["MOONSHOT_API_KEY"],\n'
    '    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    "    temperature=1.0,\n"
)


def _without(ctx: PythonContext, held: cst.Dict, gone: Sequence[cst.DictElement]) -> str:
    """The text of the dict display `held` without the entries `gone` (the last kept one
    given the comma the last one had)."""
    ids = {id(e) for e in gone}
    kept = [e for e in held.elements if id(e) not in ids]
    if kept and id(held.elements[-1]) in ids:
        kept[-1] = kept[-1].with_changes(comma=held.elements[-1].comma)
    return ctx.code(held.with_changes(elements=kept))


def _chat_targets(provider: Provider) -> list[str]:
    """The provider's models that its table maps OpenAI's chat models to, sorted."""
    return sorted({t for s, t in provider.models.items() if sdk.surface_of_model(s) == "chat"})


def _run_time_head(
    sender: str, provider: Provider, param: str, known: Sequence[tuple[str, str]]
) -> str:
    """The start of a message on `param` sent by a class whose model is chosen at run time,
    where every model of `_chat_targets` fixes or drops it (`known`: their facts)."""
    verb = "fixes" if all(f[0] == "fixed" for f in known) else "fixes or drops"
    return (
        f"the model of {sender} is chosen at run time, and every {provider.name} "
        f"model that apply maps OpenAI's chat models to {verb} {param}"
    )


def _harmless(said: _Fact, value: str) -> bool:
    """Whether sending `value` asks only for what the model does anyway: one choice where it
    fixes n."""
    return said.param == "n" and said.fact == "fixed" and value == "1"


class SentParameter(NamedTuple):
    """A request parameter that the model a class sends fixes or does not take (as ML115 reads
    `[model_params]`), or the token limit under a name the provider does not take (ML112):
    where it is said, what, its data, and the index of the argument apply removes (None when
    left for a person). With `value`, apply writes that value instead: in place of the
    argument's, or (`removed` None) as a new keyword `param=`; with `keyword`, it renames the
    argument. With `entry`, apply makes that edit of its own (a value written in an entry of
    a dict spread into the class)."""

    at: cst.CSTNode
    message: str
    data: dict[str, object]
    removed: int | None
    value: str | None = None
    keyword: str | None = None
    param: str = ""
    entry: Edit | None = None

    @property
    def removes(self) -> bool:
        """Whether apply removes the argument."""
        return self.removed is not None and self.value is None and self.keyword is None

    @property
    def changed(self) -> bool:
        """Whether apply changes anything for it."""
        return self.removed is not None or self.value is not None or self.entry is not None


class SentParameters(PythonRule):
    """Shared by the rules that build a framework's chat model for the provider (ML601, ML603,
    ML611): the request parameters it sends that the model fixes or does not take, said in
    ML115's words and removed as ML115 removes them where that is what the framework then
    sends."""

    # a chat class's keyword -> the request parameter it sends (for `[model_params]`)
    request_params: ClassVar[Mapping[str, str]] = {}
    # qualified name -> what the class sends in every request, given or not (param -> value)
    sent_by_default: ClassVar[Mapping[str, Mapping[str, str]]] = {}
    # a class to use instead of one that sends a default, and sends the parameter only when
    # given; empty when the framework has none
    sends_only_given: ClassVar[str] = ""
    # qualified name -> what the class sent in every request before a release (param ->
    # (value, that release)), and the package whose release it is
    sent_before: ClassVar[Mapping[str, Mapping[str, tuple[str, tuple[int, ...]]]]] = {}
    sent_before_package: ClassVar[str] = ""
    # whether a fixed parameter the class sends whether given or not gets the model's value
    # (`[fixed_values]`) written in place of the argument, or passed
    writes_fixed: ClassVar[bool] = False
    # the keywords whose dict written in the call may hold an "extra_body" entry
    body_holders: ClassVar[tuple[str, ...]] = (lc.MODEL_KWARGS,)
    # the chat class's token limit keyword, renamed to the provider's `max_tokens_param`
    # where that is the name the class also takes (`token_limit_alias`; ML112's words)
    token_limit: ClassVar[str] = ""
    token_limit_alias: ClassVar[str] = ""

    def on_target(self, where: Endpoint) -> bool:
        """Whether an endpoint is the target provider's (pointed there by apply or by hand)."""
        provider = self.provider
        return (
            provider is not None
            and self.ctx.rules.switching
            and where.kind == "provider"
            and where.provider is not None
            and where.provider.id == provider.id
        )

    def served_model(self, model: str | None, mapped: bool) -> tuple[str, str | None] | None:
        """(the provider model sent, the OpenAI model it is mapped from or None) for `model`
        as the code writes it; `mapped`: whether apply maps an OpenAI model. None when not
        known statically."""
        provider = self.provider
        assert provider is not None
        if model is None or provider.serves(model):
            return (model, None) if model is not None else None
        new = self.ctx.rules.map_model(model) if mapped else None
        return (new, model) if new is not None else None

    def report_rewrite(
        self,
        node: cst.Call,
        message: str,
        p: Plan,
        data: dict[str, object],
        params: Sequence[SentParameter],
    ) -> None:
        """The rewrite `p` of a construction, which also removes the parameters apply removes
        (each still said on its own); without an edit, each with its own."""
        for q in params:  # the values written and the keywords renamed go in the edit too
            if q.entry is not None:
                continue  # an edit of its own, outside the call
            if q.value is not None and q.removed is not None:
                p.values[q.removed] = q.value
            elif q.value is not None:
                p.set_args[q.param] = q.value
            if q.keyword is not None and q.removed is not None:
                p.keywords[q.removed] = q.keyword
        for index, text in ranged_values(self.ctx, node).items():
            p.values.setdefault(index, text)  # ML111's edit, inside this one
        gone = [q.removed for q in params if q.removes and q.removed is not None]
        edit = edit_removing(self, node, p, gone)
        self.report(
            node, message, edit=edit, fix=FixClass.REVIEW if edit else FixClass.MANUAL, data=data
        )
        if p.wording is not None:  # written in the call: `plan` put it reworded in the edit
            report_prompt(self, p.wording)
        if p.prompt is not None:
            report_prompt_texts(self, p.prompt, within=node)
        if edit is None:
            self.report_parameters(node, params)
            return
        for param in params:  # their changes are part of the edit
            # a value written or a keyword renamed carries the edit: it may lie outside the
            # text the narrowed edit spans
            own = edit if param.value or param.keyword else None
            self.report_parameter(param, param.entry or own)

    def parameters_sent(
        self,
        node: cst.Call,
        qualname: str,
        cls: FrameworkClass,
        sent: tuple[str, str | None] | None,
        p: Plan | None = None,
    ) -> list[SentParameter]:
        """The request parameters of a chat class that the model it sends (`sent`, as
        `served_model` gives it) fixes or does not take (`[model_params]`, as ML115 reads
        them; with the model not known, only `"*"`): its keywords, and what it sends when not
        given (`sent_by_default`, `sent_before`); and its token limit under a name the
        provider does not take (`token_limit`). `p`: the rewrite apply makes (the thinking
        switch it passes)."""
        provider = self.provider
        assert provider is not None
        if cls.kind != "chat":
            return []
        found = self.token_limit_sent(node, cls)
        if not provider.model_params:
            return found
        model, model_from = sent or (None, None)
        facts = provider.model_param_facts(model)
        defaults = dict(self.sent_by_default.get(qualname, {}))
        before = self.sent_before.get(qualname, {})
        sender = f"{cls.name} from {qualname.rsplit('.', 1)[0]}"
        given = set()
        for index, arg in enumerate(node.args):
            param = self.request_params.get(arg.keyword.value) if arg.keyword else None
            if param is None:
                continue
            given.add(param)
            if param in facts:
                said = _Fact(model, model_from, param, *facts[param])
                fixed = self.fixed_value(node, said, p)
                default, release = defaults.get(param), ""
                if default is None and fixed is not None and param in before:
                    default, release = self.release_text(before[param])
                sending = (sender, default, release)
                documented = fixed or self.documented_value(node, said, p)
                if documented is None or not same_number(self.ctx.code(arg.value), documented[0]):
                    found.append(self.given_parameter(arg, index, said, sending, fixed))
        found += self.spread_parameters(node, sent, sender, given, defaults, cls)
        found += self.held_parameters(node, sent, sender, given, defaults, p)
        for param, (value, _) in before.items():
            if param not in defaults and param in facts and param not in given:
                said = _Fact(model, model_from, param, *facts[param])
                if self.fixed_value(node, said, p) is not None:
                    defaults[param] = value
        for param, value in defaults.items():
            if param not in facts or param in given:
                continue
            said = _Fact(model, model_from, param, *facts[param])
            if _harmless(said, value):
                continue
            data = {**said._asdict(), "default": value}
            fixed = self.fixed_value(node, said, p)
            if fixed is None:
                message = self.sent_default(said, sender, f"{param}={value} by default")
                found.append(SentParameter(node.func, message, data, None))
                continue
            release = self.release_text(before[param])[1] if param in before else ""
            text, mode, glob = fixed
            message = (
                f"{said.head(provider)}: {param}={text} is passed, its value {_MODES[mode]}: "
                f"{sender} sends {param}={value} when not given{release}"
                f"{self.other_mode(said, mode)}{_fixed_unconfirmed(provider, glob)}"
            )
            data["value"] = float(text)
            found.append(SentParameter(node.func, message, data, None, text, None, param))
        if sent is None and self.writes_fixed:
            found.extend(self.chosen_at_run_time(node, sender, given, defaults, before))
        return found

    def spread_parameters(
        self,
        node: cst.Call,
        sent: tuple[str, str | None] | None,
        sender: str,
        given: set[str],
        defaults: Mapping[str, str],
        cls: FrameworkClass,
    ) -> list[SentParameter]:
        """The entries of a dict spread into the class (`**self.model_kwargs`, followed as
        `request_arguments` follows one into a request) that its model fixes or does not
        take, or, with the model chosen at run time, every model the provider's table gives
        OpenAI's chat models: left to a person (manual), with the values the models fix them
        at. Each is added to `given` (the class does not send its default then). Where the
        dict is one of the module a parameter defaults to or `self.X` holds that apply may
        edit (`spread_default`), and the model is known or a parameter's default
        (`parameter_default_model`), the value it fixes the entry at in the thinking mode of
        the requests is written there instead (review)."""
        provider = self.provider
        assert provider is not None
        found = []
        entries = request_arguments(self.ctx, node, lambda call: call is node)
        reached = spread_default(self.ctx, node, lambda call: call is node)
        shared = reached.mapping if reached is not None and not reached.left else None
        label = ""
        if sent is None and shared is not None:
            sent, label = self.default_sent(node, cls)
        for name, entry in entries.items():
            param = self.request_params.get(name)
            if (entry.spread is None and entry.key is None) or param is None or param in given:
                continue  # a keyword of the call: read with the others
            given.add(param)
            models = [sent[0]] if sent is not None else _chat_targets(provider)
            facts = [provider.model_param_facts(m).get(param) for m in models]
            known = [f for f in facts if f is not None]
            if not known or len(known) != len(facts):
                continue
            fact, glob = known[0]
            said = _Fact(sent[0], sent[1], param, fact, glob) if sent else None
            asked = self.ctx.code(entry.value)
            if said is not None:
                head = said.head(provider)
                if label:
                    head += f", and it is the default of {label}"
            else:
                head = _run_time_head(sender, provider, param, known)
            data: dict[str, object] = {
                "model": sent[0] if sent else None,
                "model_from": sent[1] if sent else None,
                "param": param,
                "fact": fact,
                "glob": glob,
            }
            if param == "n" and asked != "1":
                message = _compat().several_choices_message(head, asked)
                found.append(SentParameter(entry.item, message, data, None))
                continue
            fixed = []
            taken = True  # whether each model takes the value given (the one it fixes)
            for m in models:
                modes = self.entry_modes(m, entries)
                values = [
                    (value[0], mode)
                    for mode in ("thinking_off", "thinking")
                    if (value := provider.fixed_value(m, param, mode)) is not None
                ]
                taken = taken and any(
                    same_number(asked, repr(float(v))) for v, mode in values if mode in modes
                )
                if len({v for v, _ in values}) == 1 and len(values) > 1:
                    fixed.append(f"{m} at {float(values[0][0])!r}")  # either mode
                elif values:
                    said_values = " or ".join(f"{float(v)!r} {_MODES[mode]}" for v, mode in values)
                    fixed.append(f"{m} at {said_values}")
            if taken:
                continue  # given the value the model fixes it at (written by hand)
            value = self.entry_value(entry, said, entries) if entry.spread is shared else None
            if said is not None and value is not None:
                text, mode, fixed_glob = value
                caller = "; a caller passing another model may need another" if label else ""
                message = (
                    f'{head}: the entry "{_compat().written_name(entry)}" of the dict spread into '
                    f"it is written {text} in place of {asked}, its value {_MODES[mode]}"
                    f"{self.other_mode(said, mode)}{caller}"
                    f"{_fixed_unconfirmed(provider, fixed_glob)}"
                )
                data |= {"value": float(text)} | ({"default_of": label} if label else {})
                edit = Edit(self.ctx.span(entry.value), text)
                found.append(SentParameter(entry.item, message, data, None, entry=edit))
                continue
            if param in defaults and fixed:
                action = f"write the value the model fixes it at ({', '.join(fixed)}) there"
            elif param in defaults:
                action = self.instead(said or _Fact(None, None, param, fact, glob), "")
            else:
                action = "remove the entry"
            message = (
                f'{head}: the entry "{_compat().written_name(entry)}" of the dict spread into it '
                f"sends {param}={asked}; {action}, by hand"
                f"{_compat().model_param_unconfirmed(provider, param, glob)}"
            )
            found.append(SentParameter(entry.item, message, data, None))
        return found

    def held_parameters(
        self,
        node: cst.Call,
        sent: tuple[str, str | None] | None,
        sender: str,
        given: set[str],
        defaults: Mapping[str, str],
        p: Plan | None,
    ) -> list[SentParameter]:
        """The entries of a dict display the call writes under one of `body_holders`
        (LangChain's `model_kwargs={"top_p": 0.01}`, sent in every request as they are) that
        its model fixes or does not take (`sent`), or, with the model chosen at run time,
        that every model the provider's table gives OpenAI's chat models fixes or does not
        take: removed from the dict as the keyword is removed, where the model is known and
        the class sends nothing of its own when the entry is gone; else left to a person.
        Not where the entry holds the value each model fixes it at."""
        provider = self.provider
        assert provider is not None
        index = next(
            (
                i
                for i, a in enumerate(node.args)
                if a.keyword is not None and a.keyword.value in self.body_holders
            ),
            None,
        )
        arg = node.args[index] if index is not None else None
        if arg is None or arg.keyword is None or not isinstance(arg.value, cst.Dict):
            return []
        held, holder = arg.value, arg.keyword.value
        if not all(isinstance(e, cst.DictElement) for e in held.elements):
            return []  # a `**` spread may give the entry too
        models = [sent[0]] if sent else _chat_targets(provider)
        found: list[tuple[cst.DictElement, str, dict[str, object], bool]] = []
        for element in held.elements:
            assert isinstance(element, cst.DictElement)
            param = string_value(element.key)
            if param is None or param in given or not models:
                continue
            facts = [provider.model_param_facts(m).get(param) for m in models]
            known = [f for f in facts if f is not None]
            if len(known) != len(facts):
                continue
            fact, glob = known[0]
            asked = self.ctx.code(element.value)
            said = _Fact(sent[0] if sent else None, sent[1] if sent else None, param, fact, glob)
            if _harmless(said, asked) or all(
                self._holds_fixed(node, m, said, asked, p) for m in models
            ):
                continue
            what = f'the entry "{param}" of {holder}'
            why = " (the model ignores or rejects it)" if fact == "fixed" else ""
            unconfirmed = _compat().model_param_unconfirmed(provider, param, glob)
            if sent is not None:
                head = said.head(provider)
            else:
                head = _run_time_head(sender, provider, param, known)
            data: dict[str, object] = {**said._asdict(), "entry_of": holder}
            removes = sent is not None and param not in defaults and param != "n"
            if param == "n" and asked != "1":
                message = _compat().several_choices_message(head, asked)
            elif removes:
                message = f"{head}: {what} is removed{why}{unconfirmed}"
            elif param in defaults:
                message = (
                    f"{head}: {what} sends {param}={asked}, and {sender} sends {param}="
                    f"{defaults[param]} when it is not given; remove the entry and pass "
                    f"{param}= at the value the model takes, by hand{unconfirmed}"
                )
            else:
                message = (
                    f"{head}: {what} sends {param}={asked}; remove the entry, by hand{unconfirmed}"
                )
            found.append((element, message, data, removes))
        gone = [element for element, _, _, removes in found if removes]
        text = _without(self.ctx, held, gone) if gone else None
        return [
            SentParameter(
                element,
                message,
                data,
                index if removes else None,
                text if removes else None,
                None,
                holder,
            )
            for element, message, data, removes in found
        ]

    def _holds_fixed(
        self, node: cst.Call, model: str, said: _Fact, asked: str, p: Plan | None
    ) -> bool:
        """Whether `asked` is the value `model` fixes the parameter at in the thinking mode
        of the class's requests (in either, where that is not known)."""
        provider = self.provider
        assert provider is not None
        mode = self.thinking_mode(node, model, p)
        modes = [mode] if mode else ["thinking", "thinking_off"]
        values = {provider.fixed_value(model, said.param, m) for m in modes}
        value = values.pop() if len(values) == 1 else None
        return value is not None and same_number(asked, repr(float(value[0])))

    def default_sent(
        self, node: cst.Call, cls: FrameworkClass
    ) -> tuple[tuple[str, str | None] | None, str]:
        """(the model a class sends, as `served_model` gives it, and `<param> of <f>()`) where
        its model argument is a parameter's string default (`parameter_default_model`); (None,
        "") otherwise."""
        arg = model_argument(node, cls)
        found = _compat().parameter_default_model(self.ctx, arg.value) if arg else None
        served = self.served_model(found[1], True) if found is not None else None
        return (served, found[2]) if served is not None and found is not None else (None, "")

    def entry_value(
        self, entry: RequestArgument, said: _Fact | None, sent: Mapping[str, RequestArgument]
    ) -> tuple[str, str, str] | None:
        """(the value's text, the thinking mode, the `[fixed_values]` glob) that an entry the
        model fixes is written as: the value the provider's file gives for the one thinking
        mode requests with these arguments (`sent`) run in; None where it is not known."""
        provider = self.provider
        assert provider is not None
        if said is None or said.model is None or said.fact != "fixed" or not entry.editable:
            return None
        modes = self.entry_modes(said.model, sent)
        found = provider.fixed_value(said.model, said.param, modes[0]) if len(modes) == 1 else None
        return (repr(float(found[0])), modes[0], found[1]) if found is not None else None

    def entry_modes(self, model: str, sent: Mapping[str, RequestArgument]) -> tuple[str, ...]:
        """The thinking modes requests sending the arguments `sent` (a call's keywords and the
        entries of the dicts spread into it) may run in on `model`: thinking where it always
        thinks, or thinks unless an `extra_body` written there turns it off; both where a
        reasoning keyword or an `extra_body` not written as a literal may choose."""
        provider = self.provider
        assert provider is not None
        either = ("thinking", "thinking_off")
        if listed(provider, "always_thinking", model):
            return ("thinking",)
        if any(k in sent for k in lc.REASONING_KEYWORDS) or not thinks(provider, model):
            return either
        body = sent.get(lc.EXTRA_BODY)
        if body is None:
            return ("thinking",)
        switch = provider.params.get("thinking_off_extra_body") or {}
        try:
            written = ast.literal_eval(self.ctx.code(body.value))
        except (ValueError, SyntaxError):
            return either
        if not isinstance(written, dict) or not switch:
            return either
        if all(written.get(k) == v for k, v in switch.items()):
            return ("thinking_off",)
        return either if written.keys() & switch.keys() else ("thinking",)

    def release_text(self, entry: tuple[str, tuple[int, ...]]) -> tuple[str, str]:
        """(the value a class sent when not given, ` before <package> <release>`) of a
        `sent_before` entry."""
        return entry[0], f" before {self.sent_before_package} {version_text(entry[1])}"

    def thinking_mode(self, node: cst.Call, model: str, p: Plan | None) -> str | None:
        """Whether the requests of the class built by `node` think on `model` ("thinking") or
        not ("thinking_off": the provider's switch is passed, by apply's rewrite `p` or in an
        `extra_body` written there); None where that is not known (a model neither
        `thinking_models` nor `always_thinking` names, a `**mapping` or an `extra_body` that
        may choose)."""
        provider = self.provider
        assert provider is not None
        if listed(provider, "always_thinking", model):
            return "thinking"
        if not thinks(provider, model):
            return None
        if p is not None and p.thinking_off is not None:
            return "thinking_off"
        if p is not None and p.thinking_note:
            return None
        if any(a.star for a in node.args) or first_keyword(node, lc.REASONING_KEYWORDS):
            return None
        given = body_given(node, self.body_holders)
        names = self.ctx.qualnames(node.func) & lc.CLASSES.keys()
        cls = lc.CLASSES[min(names)] if names else None
        if cls is not None and cls.extra_body and v0_form(self.ctx, cls) != cls:
            # on openai<1 the dict's own entries are the body's fields (`v0_form`)
            kwargs = first_keyword(node, (cls.extra_body,))
            given = kwargs.value if kwargs is not None else None
        if given is None:
            return "thinking"
        switch = provider.params.get("thinking_off_extra_body") or {}
        try:
            body = ast.literal_eval(self.ctx.code(given))
        except (ValueError, SyntaxError):
            return None
        if not isinstance(body, dict):
            return None
        if switch and all(body.get(k) == v for k, v in switch.items()):
            return "thinking_off"
        return "thinking" if not any(k in body for k in switch) else None

    def fixed_value(
        self, node: cst.Call, said: _Fact, p: Plan | None
    ) -> tuple[str, str, str] | None:
        """(the value's text, the thinking mode, the `[fixed_values]` glob) at which the
        model fixes the parameter, where this class writes it (`writes_fixed`) and the
        provider's file gives it for the mode the requests run in; else None."""
        if not self.writes_fixed:
            return None
        return self.documented_value(node, said, p)

    def documented_value(
        self, node: cst.Call, said: _Fact, p: Plan | None
    ) -> tuple[str, str, str] | None:
        """(the value's text, the thinking mode, the `[fixed_values]` glob) at which the
        model fixes the parameter in the mode the requests run in, where the provider's file
        gives it, whether or not this class writes it: a value passed that equals it is not
        reported (LlamaIndex's, t62d)."""
        provider = self.provider
        assert provider is not None
        if said.fact != "fixed" or said.model is None:
            return None
        mode = self.thinking_mode(node, said.model, p)
        found = provider.fixed_value(said.model, said.param, mode) if mode else None
        if found is None or mode is None:
            return None
        return repr(float(found[0])), mode, found[1]

    def other_mode(self, said: _Fact, mode: str) -> str:
        """`; <value> where thinking stays on` for a value written with thinking turned off
        (the switch apply passes may be dropped), when the file gives that one too."""
        provider = self.provider
        assert provider is not None and said.model is not None
        other = provider.fixed_value(said.model, said.param, "thinking")
        if mode != "thinking_off" or other is None:
            return ""
        if other == provider.fixed_value(said.model, said.param, mode):
            return ""  # the same thinking or not (Kimi's top_p)
        return f" ({said.param}={float(other[0])!r} where the switch is dropped)"

    def chosen_at_run_time(
        self,
        node: cst.Call,
        sender: str,
        given: set[str],
        defaults: Mapping[str, str],
        before: Mapping[str, tuple[str, tuple[int, ...]]],
    ) -> list[SentParameter]:
        """A parameter a class whose model is chosen at run time sends (given, or sent when
        not given), where every model the provider's table gives OpenAI's chat models fixes
        it at a value the file gives: left to a person (manual), with the value to pass."""
        provider = self.provider
        assert provider is not None
        targets = _chat_targets(provider)
        found = []
        for param in sorted(given | set(defaults) | set(before)):
            values: dict[str, float] = {}
            globs = []
            for target in targets:
                fact = provider.model_param_facts(target).get(param)
                mode = self.thinking_mode(node, target, None)
                fixed = provider.fixed_value(target, param, mode) if mode else None
                if fact is None or fact[0] != "fixed" or fixed is None:
                    break
                values[target] = float(fixed[0])
                globs.append(fixed[1])
            else:
                if not values:
                    continue
                arg = first_keyword(node, (param,))
                one = set(values.values())
                if (
                    arg is not None
                    and len(one) == 1
                    and same_number(self.ctx.code(arg.value), repr(one.pop()))
                ):
                    continue  # given the value they all take
                if arg is not None:
                    sends = f"it is given {param}={self.ctx.code(arg.value)}"
                elif param in defaults:
                    sends = f"{sender} sends {param}={defaults[param]} when not given"
                else:
                    value, release = self.release_text(before[param])
                    sends = f"{sender} sends {param}={value} when not given{release}"
                listing = ", ".join(f"{t} at {v!r}" for t, v in values.items())
                if len(set(values.values())) == 1:
                    what = f"pass {param}={next(iter(values.values()))!r}"
                else:
                    what = f"pass each its {param}"
                unconfirmed = "".join(dict.fromkeys(_fixed_unconfirmed(provider, g) for g in globs))
                message = (
                    f"the model of {sender} is chosen at run time, and every {provider.name} model "
                    f"that apply maps OpenAI's chat models to fixes {param} ({listing}): "
                    f"{sends}; {what} where it sends one of them, by hand{unconfirmed}"
                )
                data: dict[str, object] = {
                    "model": None,
                    "param": param,
                    "fact": "fixed",
                    "values": values,
                }
                found.append(SentParameter(arg or node.func, message, data, None))
        return found

    def token_limit_sent(self, node: cst.Call, cls: FrameworkClass) -> list[SentParameter]:
        """The class's token limit keyword (`token_limit`) where the provider takes the
        name the class also takes (`token_limit_alias`, its `max_tokens_param`) and the call
        gives not that one: renamed, in ML112's words. Where the provider takes the other name
        (`token_limit` itself), which the class never sends (`aliased_limit`): left to you."""
        provider = self.provider
        assert provider is not None
        wanted = provider.params.get("max_tokens_param")
        if self.token_limit and wanted == self.token_limit and not cls.legacy:
            return self.aliased_limit(node, cls)
        if not self.token_limit or wanted != self.token_limit_alias:
            return []
        if first_keyword(node, (wanted,)) is not None:
            return []
        index, arg = next(
            (
                (i, a)
                for i, a in enumerate(node.args)
                if a.keyword is not None and a.keyword.value == self.token_limit
            ),
            (None, None),
        )
        if index is None or arg is None:
            return []
        compat = _compat()
        message = (
            f"{provider.name} takes {wanted}=, not {self.token_limit}=: renamed"
            f"{compat.param_unconfirmed(provider, 'max_tokens_param')}{self.token_limit_why}"
        )
        data: dict[str, object] = {"param": self.token_limit, "renamed_to": wanted}
        return [SentParameter(arg, message, data, index, None, wanted, self.token_limit)]

    # what the class does with each name (said after the rename)
    token_limit_why: ClassVar[str] = ""
    # the way to send the limit under `token_limit` where the class sends it under its alias:
    # the keyword whose dict holds it, and the release from which the class renames it
    token_limit_body: ClassVar[str] = ""
    token_limit_alias_since: ClassVar[tuple[int, ...]] = ()

    def aliased_limit(self, node: cst.Call, cls: FrameworkClass) -> list[SentParameter]:
        """The token limit given to a class sending either name as its alias (`token_limit`
        or `token_limit_alias`: langchain-openai>=0.2.10's ChatOpenAI sends `max_tokens=` as
        `max_completion_tokens`) where the provider takes `token_limit` only (Zhipu): left
        to you (manual), with the entry of `token_limit_body` that sends it under that name,
        or, where the call's `token_limit_body` display already holds it, dropping the
        keyword. Not for a class taking no alias (langchain_community's), nor `token_limit`
        where a requirements file pins the class's package below `token_limit_alias_since`
        (`langchain_openai_max_tokens_as_is`: it sends `max_tokens=` as it is, r3)."""
        provider = self.provider
        assert provider is not None and self.token_limit_body
        given = first_keyword(node, (self.token_limit, self.token_limit_alias))
        if given is None or given.keyword is None:
            return []
        written, name = self.ctx.code(given.value), given.keyword.value
        pinned = self.ctx.rules.facts.langchain_openai_max_tokens_as_is
        if pinned and name == self.token_limit:
            return []
        since = version_text(self.token_limit_alias_since)
        instead = f'{self.token_limit_body}={{"{self.token_limit}": {written}}}'
        sends = f" as {self.token_limit_alias}" if name != self.token_limit_alias else ""
        release = f"{lc.SETTINGS_REQUIREMENT}{'<' if pinned else '>='}{since}"
        body = first_keyword(node, (self.token_limit_body,))
        entries = dict_entries(body.value) if body is not None else None
        if entries is not None and self.token_limit in entries:
            advice = (
                f"drop {name}={written}: its {self.token_limit_body} already sends "
                f"{self.token_limit}"
            )
        else:
            advice = f"pass the limit as {instead} instead (merged into the request body as it is)"
        message = (
            f"{cls.name} ({release}) sends {name}={written}{sends}, "
            f"which {provider.name} does not take (it "
            f"takes {self.token_limit}): {advice}, by hand"
            f"{_compat().param_unconfirmed(provider, 'max_tokens_param')}"
        )
        data: dict[str, object] = {
            "param": name,
            "sent_as": self.token_limit_alias,
            "instead": instead,
        }
        return [SentParameter(given, message, data, None)]

    def given_parameter(
        self,
        arg: cst.Arg,
        index: int,
        said: _Fact,
        sending: tuple[str, str | None, str],
        fixed: tuple[str, str, str] | None = None,
    ) -> SentParameter:
        """A keyword the model fixes or does not take: removed as ML115 removes it, unless
        the class would send its default instead (then the model's value is written, where
        the provider's file gives it: `fixed`) or the code asks for several choices.
        `sending`: (who sends it, its value when not given or None, in which releases)."""
        compat = _compat()
        provider = self.provider
        assert provider is not None and arg.keyword is not None
        data = said._asdict()
        asked = self.ctx.code(arg.value)
        sender, default, release = sending
        if said.param == "n" and asked != "1":  # best-of-n: one choice would come back
            message = compat.several_choices_message(said.head(provider), asked)
            return SentParameter(arg, message, data, None)
        written = arg.keyword.value
        if default is not None and fixed is not None and not _harmless(said, default):
            text, mode, glob = fixed
            message = (
                f"{said.head(provider)}: {written}={text} is written in place of {asked}, its "
                f"value {_MODES[mode]}: {sender} sends {said.param}={default} when not given"
                f"{release}, so removing it would not do{self.other_mode(said, mode)}"
                f"{_fixed_unconfirmed(provider, glob)}"
            )
            data["value"] = float(text)
            return SentParameter(arg, message, data, index, text, None, said.param)
        if default is not None and not _harmless(said, default):
            sent = f"{said.param} in every request, {default} when not given"
            message = self.sent_default(said, sender, sent, written)
            return SentParameter(arg, message, data, None)
        message = compat.model_param_message(provider, *said, written=written)
        return SentParameter(arg, message, data, index)

    def sent_default(self, said: _Fact, sender: str, sent: str, written: str = "") -> str:
        """What is said of a parameter the class sends when not given (`written`: the keyword
        the code gives it, if it does): what it sends, and what to do instead."""
        provider = self.provider
        assert provider is not None
        return (
            f"{said.head(provider)}: {sender} sends {sent}; {self.instead(said, written)}"
            f"{_compat().model_param_unconfirmed(provider, said.param, said.glob)}"
        )

    def instead(self, said: _Fact, written: str) -> str:
        """What to do about a parameter the class sends whether given or not: use the class
        that sends it only when given."""
        then = f", and remove {written}=" if written else ""
        return f"use {self.sends_only_given}, which sends it only when given{then}"

    def report_parameters(self, node: cst.Call, params: Sequence[SentParameter]) -> None:
        """Report each parameter, a removed, renamed or written one with its own edit."""
        removed = {
            _keyword(node.args[p.removed]) for p in params if p.removes and p.removed is not None
        }
        for param in params:
            edit = param.entry
            arg = node.args[param.removed] if param.removed is not None else None
            if param.removes and arg is not None:
                item = RequestArgument(_keyword(arg), arg, None, True)
                edit = Edit(item.removal(self.ctx, node, removed.__contains__), "")
            elif arg is not None and param.keyword is not None and arg.keyword is not None:
                edit = Edit(self.ctx.span(arg.keyword), param.keyword)
            elif arg is not None and param.value is not None:
                edit = Edit(self.ctx.span(arg.value), param.value)
            elif param.value is not None:
                edit = keyword_insertion(self.ctx, node, param.param, param.value, removed)
            self.report_parameter(param, edit)

    def report_parameter(self, param: SentParameter, edit: Edit | None = None) -> None:
        """One parameter, in ML115's words and data (ML112's for the token limit); a changed
        one without `edit` lies inside the edit of the class's construction."""
        self.report(
            param.at,
            param.message,
            severity=Severity.WARNING,
            fix=(FixClass.SAFE if param.keyword else FixClass.REVIEW)
            if param.changed
            else FixClass.MANUAL,
            edit=edit,
            data=param.data,
        )


class FrameworkClassRule(SentParameters):
    """Shared by the LangChain and LlamaIndex class rules: find a class of `table`, tell where
    it points, and rewrite it for the provider."""

    table: ClassVar[dict[str, FrameworkClass]] = {}
    label: ClassVar[str] = ""

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = mentions_framework(ctx)
        self.names = local_names(ctx, self.table) if self.active else frozenset()

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active:
            return
        found = framework_class(self.ctx, node.func, self.table, self.names)
        if found is None:
            return
        qualname, cls = found
        head = f"{cls.name}() ({self.label})"
        where = endpoint(self.ctx, node, cls.base_url)
        provider = self.provider
        if cls.azure and where.kind == "openai":
            head = f"{cls.name}() ({self.label}) talks to Azure OpenAI"
        elif cls.azure and cls.plain and self.on_target(where) and provider.azure is None:
            # langchain_openai refuses a base URL beside azure_endpoint; without one (or with
            # validate_base_url=False) it sends Azure's deployment paths to that URL, with the
            # key it is given or AZURE_OPENAI_API_KEY: only the plain class works there (t58c)
            head = (
                f"{cls.name}() ({self.label}) is an Azure class given {provider.name}'s base "
                "URL, which it does not work with (it is refused beside azure_endpoint, and "
                "otherwise sends Azure's deployment paths, with AZURE_OPENAI_API_KEY where "
                "given no key)"
            )
        elif where.kind == "openai" and self.left_on_azure(node, qualname, cls):
            return
        elif where.kind == "openai":
            head += f" talks to OpenAI ({key_source(self, node, cls)})"
        else:
            data: dict[str, object] = {"framework": cls.framework, "class": cls.name}
            old = self.base_url_unknown(qualname, cls, data) if self.on_target(where) else ""
            if old:  # the keyword pointing it there is not one of the release's
                assert provider is not None
                message = f"{head} is given {provider.name}'s base URL, but {old}"
                self.report(node, message, fix=FixClass.MANUAL, data=data)
                return
            self.report_endpoint(node, head, where, cls)
            if self.on_target(where):
                # pointed there (by apply, or by hand): what it still sends the model, and
                # the prompt of a key a person types
                self.report_parameters(node, self.model_parameters(node, qualname, cls, False))
                if (key := first_keyword(node, cls.key)) is not None:
                    report_typed_key_prompt(self, node, key.value)
            return
        if provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm apply --provider ID` points it at a provider",
                fix=FixClass.MANUAL,
                data={"framework": cls.framework, "class": cls.name},
            )
            return
        if not self.ctx.rules.switching:
            return
        self.migrate(node, qualname, cls, head)

    def left_on_azure(self, node: cst.Call, qualname: str, cls: FrameworkClass) -> bool:
        """Report a plain class built for Azure OpenAI (`langchain_azure_args`), which apply
        leaves there as it leaves the Azure classes, where the run moves to a provider other
        than Azure OpenAI; whether it did."""
        provider = self.provider
        if cls.azure or provider is None or provider.azure is not None:
            return False
        if not self.ctx.rules.switching:
            return False
        why = azure_built(self.ctx, node, (qualname,))
        if why is None:
            return False
        self.report(
            node,
            f"{cls.name}() ({self.label}) is built for Azure OpenAI ({why}): LangChain and "
            f"openai<1 read {lc.API_TYPE_VARIABLE} from the environment themselves, and with "
            f"an Azure type send Azure's deployment paths, so pointed at {provider.name} it "
            f"would fail there; apply leaves it on Azure OpenAI (with its key); to move it "
            f"to {provider.name}, build it without the Azure settings (or drop that branch), "
            "by hand",
            fix=FixClass.MANUAL,
            data={"framework": cls.framework, "class": cls.name, "azure": why},
        )
        return True

    def visit_Module(self, node: cst.Module) -> None:
        if self.active:
            for ref, qualname, cls in class_values(self.ctx, self.table, self.names):
                self.report_value(ref, cls, qualname)

    def report_value(self, ref: cst.BaseExpression, cls: FrameworkClass, qualname: str) -> None:
        """A class handed on as a value (`{"openai": OpenAIEmbeddings}`): built elsewhere, with
        arguments apply does not see, so what to pass there is left to a person."""
        provider = self.provider
        head = (
            f"{cls.name} ({self.label}) is used as a value, so it is constructed elsewhere, "
            "with arguments apply does not see"
        )
        data: dict[str, object] = {"framework": cls.framework, "class": cls.name, "value": True}
        if provider is None:
            tail = (
                "there it talks to OpenAI unless given another key and base URL: "
                "`migrate-llm scan --provider ID` says what to pass"
            )
            self.report(ref, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)
            return
        if not self.ctx.rules.switching or (cls.azure and provider.azure is not None):
            return  # an Azure class is already aimed at an Azure OpenAI target
        data |= {"api_key_env": provider.api_key_env, "base_url_env": provider.base_url_env}
        surface = unserved_surface(self.ctx, cls)
        if surface is not None:
            data["surface"] = surface
            tail = unserved_advice(self.ctx, surface)
        elif old := self.base_url_unknown(qualname, cls, data):
            tail = f"{old}, then pass the key, base URL and model where it is built"
        else:
            tail = self.value_advice(cls, data) + self.thinking_advice(cls, None, data)
        self.report(ref, f"{head}; {tail}", fix=FixClass.MANUAL, data=data)

    def value_advice(self, cls: FrameworkClass, data: dict[str, object]) -> str:
        """What to pass where a class handed on as a value is built, for the target."""
        provider = self.provider
        assert provider is not None
        if cls.replacement is None and cls.manual:
            return cls.manual
        built = cls
        if cls.replacement is not None:
            module, name = cls.replacement.rsplit(".", 1)
            package = f", package {cls.requirement}" if cls.requirement else ""
            build = f"build {name} (from {module} import {name}{package}) instead, with"
        elif cls.plain is not None:  # an Azure class: its plain counterpart's keywords
            build = f"build {cls.plain} without the Azure settings, with"
            plain = (c for c in self.table.values() if c.name == cls.plain and not c.azure)
            built = next(plain, cls)
        else:
            build = "pass"
        model = dict(cls.replacement_keywords).get(built.model[0], built.model[0])
        unknown = self.pinned_settings(built, data)
        settings = [
            f"{built.key[0]}=",
            f"{built.base_url[0]}=",
            f"{model}= ({article(provider.name)} {provider.name} model)",
            *(f"{name}={code}" for name, code in built.endpoint_settings if not unknown),
        ]
        listed = f"{', '.join(settings[:-1])} and {settings[-1]}"
        advice = f"where it is built, {build} {listed}, by hand: {target_advice(self.ctx.rules)}"
        return f"{advice}; {unknown}" if unknown else advice

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A project class deriving from a framework class: its constructions are not traced
        (their arguments may be rewritten by the class), so it is left to a person."""
        if not self.active:
            return
        for base in node.bases:
            found = framework_class(self.ctx, base.value, self.table, self.names)
            if found is None:
                continue
            cls = found[1]
            if self.shared_base(node, cls):
                continue  # other project classes derive from it (`langchain_heirs`)
            stored = self._built_from_data(node, cls)
            if not stored and self._built_with_endpoint(node, cls):
                continue  # AgentGPT's `model(**kwargs)` (t54f D): the values are others' findings
            where = (
                f"the key, base URL and model for {self.provider.name}"
                if self.provider is not None
                else "the key, base URL and model"
            )
            data: dict[str, object] = {"framework": cls.framework, "class": cls.name}
            said = f"pass {where} where it is built (or in its __init__)"
            if stored and self.provider is not None:
                # no other rule reads a subclass's construction (t64a: MaxKB's credentials)
                line, shown = stored
                data["run_time_data"] = shown
                data["built_line"] = line
                words = data_words(
                    self.provider,
                    self.ctx.rules.base_url or self.provider.base_url,
                    ", ".join(f"`{p}`" for p in shown),
                    self.code,
                )
                said = f"built on {self.ctx.line_label(line)}, {words}"
            self.report(
                node.name,
                f"{node.name.value} derives from {cls.name} ({self.label}); its constructions "
                f"are not rewritten: {said}{self.thinking_advice(cls, node.body, data)}",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data=data,
            )

    def _built_from_data(
        self, node: cst.ClassDef, cls: FrameworkClass
    ) -> tuple[int, list[str]] | None:
        """The line of the module's first construction of the subclass `node` (by its name)
        given its base URL and key as keywords from run-time data (`run_time_data`: a
        parameter, or a read of one, such as a stored credential's
        `credential.get("api_base")`), and their code; None where there is none. Nothing
        else reads those (t64a: it reached OpenAI under a green check)."""
        for call in (n for n in self.ctx.nodes if type(n) is cst.Call):
            func = call.func
            if not isinstance(func, cst.Name) or func.value != node.name.value:
                continue
            url, key = first_keyword(call, cls.base_url), first_keyword(call, cls.key)
            if url is None or key is None or not data_value(self.ctx, url.value):
                continue
            keys = data_parts(self.ctx, key.value)
            if keys:
                shown = dict.fromkeys(self.ctx.code(p) for p in (url.value, *keys))
                return self.ctx.position(call)[0][0], list(shown)
        return None

    def shared_base(self, node: cst.ClassDef, cls: FrameworkClass) -> bool:
        """Whether the subclass `node` of `cls` is a base of other project classes, reported
        as such (LangChain's rule: `langchain_heirs`)."""
        return False

    def _built_with_endpoint(self, node: cst.ClassDef, cls: FrameworkClass) -> bool:
        """Whether the module builds the subclass `node` (by its name, or through a name
        bound to it: `model = Wrapped; model(**kwargs)`) and every such construction passes
        a key, a base URL and a model (as keywords, or as the keys of a dict display spread
        into it): what the finding asks for is done there, and where those values come from
        (a settings field, a read of OpenAI's variable) is for the rules of those places."""
        ctx, name = self.ctx, node.name.value
        built = False
        for call in (n for n in ctx.nodes if type(n) is cst.Call):
            func = call.func
            if not isinstance(func, cst.Name):
                continue
            if func.value != name and not _bound_to(ctx, func, name):
                continue
            passed = _passed_keywords(ctx, call)
            if not all(set(names) & passed for names in (cls.key, cls.base_url, cls.model)):
                return False
            built = True
        return built

    def thinking_advice(
        self, cls: FrameworkClass, body: cst.CSTNode | None, data: dict[str, object]
    ) -> str:
        """`; <models> ... think ...: pass <switch>` for a chat class built where apply does
        not see it (a subclass's constructions, the class handed on as a value), on a
        provider whose models it may be moved to think unless told not to
        (`thinking_targets`): the switch ML601's rewrite passes (`thinking_form`), unless
        the subclass's own code (`body`) chooses already (the switch's keys, `extra_body`,
        `reasoning_effort`); `data` gains `extra_body`."""
        provider = self.provider
        if provider is None or cls.kind != "chat" or cls.extra_body is None:
            return ""
        targets = thinking_targets(self.ctx.rules, cls.default_model)
        needed = provider.params.get("thinking_off_extra_body") or {}
        code = self.ctx.code(body) if body is not None else ""
        if not targets or any(k in code for k in (*needed, lc.EXTRA_BODY, *lc.REASONING_KEYWORDS)):
            return ""
        data["extra_body"] = dict(needed)
        switch = thinking_form(self.ctx, cls, dict(needed))
        if len(targets) == 1:
            said = f"{targets[0]}, which its default model {cls.default_model} maps to, thinks"
            with_it = "with it"
        else:
            said = f"{and_listed(targets)}, which OpenAI's chat models map to, think"
            with_it = "with one"
        return (
            f"; {said} before answering unless told not to: built {with_it}, pass {switch} too "
            "(drop it where the program wants the reasoning)"
        )

    def migrate(self, node: cst.Call, qualname: str, cls: FrameworkClass, head: str) -> None:
        p = plan(self.ctx, node, cls, self.sends_images(node))
        data = plan_data(self, p)
        if p.blocked:
            self.report(node, f"{head}; {p.blocked}", fix=FixClass.MANUAL, data=data)
            return
        old = self.base_url_unknown(qualname, cls, data)
        if old:  # no edit: the key apply passes would go to OpenAI
            message = f"{head}; {old}, then run apply again"
            self.report(node, message, fix=FixClass.MANUAL, data=data)
            return
        self.adjust(node, qualname, cls, p, data)
        params = self.model_parameters(node, qualname, cls, True, p)
        swap = plain_words(self.ctx, node, cls)
        message = f"{head}; {swap}{describe_target(self, p)}{self.extra(cls, p, data)}"
        unknown = self.pinned_settings(cls, data, "run apply again, which passes")
        if unknown:  # the pinned release has not the settings apply would add
            for name, _ in cls.endpoint_settings:
                p.set_args.pop(name, None)
            if not _takes_token_ids(self.provider):
                self.report(node, f"{message}; {unknown}", fix=FixClass.MANUAL, data=data)
                self.report_parameters(node, params)
                return
            message += f"; {unknown}"
        self.report_rewrite(node, message, p, data, params)

    def base_url_unknown(
        self, qualname: str, cls: FrameworkClass, data: dict[str, object] | None = None
    ) -> str:
        """What is said of a class of langchain itself (`langchain.llms.OpenAI`) that takes no
        base URL in the releases the project's pins admit (`lc.BASE_URL_SINCE`): which files
        pin it, what the class does with the keyword, and to upgrade langchain as ML504 says.
        "" otherwise. `data` gains `pinned_in` and `requires`."""
        facts = self.ctx.rules.facts
        if (
            cls.framework != lc.FRAMEWORK
            or cls.kind not in facts.langchain_without_base_url
            or not qualname.startswith(lc.MONOLITH_PREFIX)
        ):
            return ""
        files = sorted(facts.langchain_pinned_in)
        name = lc.MONOLITH_REQUIREMENT
        upgrade = version_text(FIRST_OPENAI_V1[name])
        if data is not None:
            data |= {"pinned_in": files, "requires": f"{name}>={upgrade}"}
        pinned = f"{and_listed(files)} {_pin(files)}" if files else "the project pins"
        return (
            f"{name}<{version_text(lc.BASE_URL_SINCE[cls.kind])}, which {pinned}, has no "
            f"{cls.base_url[0]} in its {cls.name} class: it {lc.BASE_URL_UNKNOWN[cls.kind]}; "
            f"upgrade {name} to >={upgrade} there, with openai (ML504)"
        )

    def pinned_settings(
        self, cls: FrameworkClass, data: dict[str, object] | None, then: str = "pass"
    ) -> str:
        """What is said of a class whose endpoint settings (`check_embedding_ctx_length`) the
        release of langchain-openai the project pins has not (`lc.FIRST_TEXT_EMBEDDINGS`):
        which files pin it, and to upgrade it (`then`: who passes the settings after that);
        for a target taking token ids (Azure OpenAI), that apply passes none. "" where a
        pinned release has them, or the class has none. `data` gains `pinned_in` and
        `requires`."""
        files = sorted(self.ctx.rules.facts.langchain_openai_pinned_in)
        provider = self.provider
        if not files or not cls.endpoint_settings or cls.framework != lc.FRAMEWORK:
            return ""
        assert provider is not None
        names = [name for name, _ in cls.endpoint_settings]
        first = version_text(lc.FIRST_TEXT_EMBEDDINGS)
        old = f"{lc.SETTINGS_REQUIREMENT}<{first}, which {and_listed(files)} {_pin(files)}"
        if data is not None:
            data |= {"pinned_in": files, "requires": f"{lc.SETTINGS_REQUIREMENT}>={first}"}
        if _takes_token_ids(provider):
            return (
                f"apply passes no {', '.join(names)}: {old}, has no such setting ("
                f"{provider.name} takes the token ids its {cls.plain or cls.name} sends)"
            )
        settings = ", ".join(f"{name}={code}" for name, code in cls.endpoint_settings)
        return (
            f"{old}, has no {', '.join(names)} (it would pass the keyword on to the request): "
            f"its {cls.plain or cls.name} always sends token ids, which {provider.name} may "
            f"reject; upgrade {lc.SETTINGS_REQUIREMENT} to >={first} there, then {then} "
            f"{settings}"
        )

    def sent_model(
        self, node: cst.Call, cls: FrameworkClass, mapped: bool
    ) -> tuple[str, str | None] | None:
        """The provider model the class sends and the OpenAI model it is mapped from (None
        when written as the provider's), when the code says it: a literal or a module constant
        given, else the class's default; `mapped`: whether apply maps an OpenAI model (it does
        where it points the class at the provider). None when not known statically."""
        provider = self.provider
        assert provider is not None
        arg = model_argument(node, cls)
        model: str | None = cls.default_model or None
        if arg is not None:
            resolved = self.ctx.resolve_literal(arg.value)
            written = resolved is not None and resolved[2].startswith(("literal", "constant "))
            model = resolved[1] if resolved is not None and written else None
        return self.served_model(model, mapped)

    def model_parameters(
        self,
        node: cst.Call,
        qualname: str,
        cls: FrameworkClass,
        mapped: bool,
        p: Plan | None = None,
    ) -> list[SentParameter]:
        """`parameters_sent` for the model the class sends (`sent_model`; for a class
        writing fixed values, also the default of an environment read, as apply maps it)."""
        sent = self.sent_model(node, cls, mapped)
        arg = model_argument(node, cls) if sent is None and self.writes_fixed else None
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is not None and resolved[2] == ENV_DEFAULT:
            sent = self.served_model(resolved[1], mapped)
        return self.parameters_sent(node, qualname, cls, sent, p)

    def sends_images(self, node: cst.Call) -> bool:
        """Whether the class built by `node` is sent images (its model must take them)."""
        return False

    def adjust(self, node, qualname, cls, p, data) -> None:
        """Framework-specific changes to the plan (class replacement, extra settings)."""

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        return ""

    def left_on_target(self, node: cst.Call, cls: FrameworkClass, owner: Provider) -> str:
        """For a class already pointed at the target: its OpenAI model, or the text
        completions endpoint the target does not offer, in words; empty when neither."""
        said = []
        if cls.kind == "llm" and owner.supports.get("completions", "unknown") is not True:
            support = owner.supports.get("completions", "unknown")
            said.append(
                f"{cls.name}() calls the text completions endpoint, which {owner.name} "
                f"{_COMPLETIONS_SUPPORT.get(support, 'does not list')}: use ChatOpenAI, "
                f"{lc.CHAT_RESULT}"
            )
        arg = model_argument(node, cls)
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is not None:
            model = resolved[1]
            if not owner.serves(model) and self.ctx.rules.openai.serves(model):
                said.append(
                    f"its model {model!r} is OpenAI's: pass {article(owner.name)} "
                    f"{owner.name} model"
                )
        batch = batch_over_limit(self.ctx, node, cls, owner)
        if batch:
            said.append(batch)
        if not _takes_token_ids(owner) and (unknown := self.pinned_settings(cls, None)):
            said.append(unknown)
        return "; ".join(said)

    def report_openai_key(
        self, node: cst.Call, head: str, cls: FrameworkClass, owner: Provider
    ) -> bool:
        """Report a LangChain, browser-use or guidance class pointed at the target that reads
        OPENAI_API_KEY (given no key keyword and no `**mapping` that may hold one; not an Azure
        class): the OpenAI key would go to the provider. Whether it did."""
        if (
            cls.framework not in (lc.FRAMEWORK, bu.FRAMEWORK, gd.FRAMEWORK)
            or not cls.key
            or cls.azure
            or first_keyword(node, cls.key) is not None
        ):
            return False
        mapping = kwargs_of(self.ctx, node)
        if mapping is not None and any(k in mapping.entries for k in cls.key):
            return False  # its key is judged as one given
        if mapping is not None and not mapping.complete:
            return self.report_mapping_key(node, head, cls, owner)
        message, edit, fix = openai_key_fix(self.ctx, node, head, cls.key[0], owner)
        self.report(node, message, severity=Severity.WARNING, fix=fix, edit=edit)
        return True

    def report_openai_fallback(self, node: cst.Call, head: str, cls: FrameworkClass) -> bool:
        """Report a class pointed at the target whose key may be a value naming OpenAI
        (`openai_fallback`), and whether it did."""
        key = first_keyword(node, cls.key)
        found = openai_fallback(self.ctx, key.value) if key is not None else None
        if key is not None and found is None and self.provider is not None:
            # a parameter naming OpenAI, its callers elsewhere (t58d), as ML003 reports it
            handed = handed_key_finding(self.ctx, head, self.provider, key.value)
            if handed is not None:
                said, data = handed
                self.report(node, said, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)
                return True
        if key is None or found is None:
            return False
        data = fallback_data(self.ctx, found)
        said = f"{head} {fallback_words(self.ctx, self.ctx.code(key.value), found)}"
        self.report(node, said, severity=Severity.ERROR, fix=FixClass.MANUAL, data=data)
        return True

    def report_mapping_key(
        self, node: cst.Call, head: str, cls: FrameworkClass, owner: Provider
    ) -> bool:
        """A class pointed at the target whose `**mapping` may hold no key (`key_fill`)."""
        found = mapping_key_fix(self.ctx, node, head, cls.key, cls.base_url, owner)
        if found is None:
            return False
        message, edit, fix = found
        self.report(node, message, severity=Severity.WARNING, fix=fix, edit=edit)
        return True

    def report_endpoint(self, node: cst.Call, head: str, where, cls: FrameworkClass) -> None:
        provider = self.provider
        if self.report_untied_key(node, head, cls):
            return
        if where.kind == "provider" and where.provider is not None:
            owner = where.provider
            if provider is not None and owner.id == provider.id:
                if self.report_openai_fallback(node, head, cls):
                    return
                keyed = self.report_openai_key(node, head, cls, owner)
                left = self.left_on_target(node, cls, owner)
                if left:  # what apply could not change, said again once it pointed it there
                    self.report(
                        node,
                        f"{head} already points at {owner.name}; {left}",
                        severity=Severity.WARNING,
                        fix=FixClass.MANUAL,
                    )
                    return
                if keyed:
                    return
                message, severity = f"{head} already points at {owner.name}", Severity.NOTE
            elif provider is not None:
                # not OpenAI: nothing `check` needs to stop (as for an SDK client)
                message = f"{head} points at {owner.name}, not {provider.name}; left as it is"
                severity = Severity.NOTE
            else:
                message, severity = f"{head} points at {owner.name}; left as it is", Severity.NOTE
            self.report(node, message, severity=severity, fix=FixClass.NONE)
        elif where.kind == "custom":
            self.report(
                node,
                f"{head} points at {where.detail}, not OpenAI; left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
        else:
            # the key too: what a run-time base URL does not set, the class reads from
            # OPENAI_API_KEY (gpt-researcher's `ChatOpenAI(**kwargs)`)
            source = where.detail or "a value computed"
            said = f"{head} takes its base URL from {source} at run time and its "
            said += key_source(self, node, cls)
            if (
                provider is not None
                and cls.kind == "embeddings"
                and provider.support("embeddings") is False
                and where.variable is not None
            ):
                # another provider's embeddings, by the program's own variables: the only
                # place they can go once the target serves none
                self.report(
                    node,
                    f"{said}; {provider.name} has no embeddings API, so they go elsewhere: "
                    "make sure that is not OpenAI",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                return
            given_key = first_keyword(node, cls.key)
            given_url = first_keyword(node, cls.base_url)
            given_model = first_keyword(node, cls.model)
            model = self.ctx.resolve_literal(given_model.value) if given_model else None
            own = own_server_settings(
                self.ctx,
                given_url.value if given_url is not None else None,
                given_key.value if given_key is not None else None,
            )
            # an OpenAI model there may be meant for OpenAI after all: still reported
            if own is not None and not (model and self.ctx.rules.openai.serves(model[1])):
                self.report(
                    node,
                    own_server_message(head, own, provider),
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                return
            surface = unserved_surface(self.ctx, cls) if provider is not None else None
            if surface == "embeddings":  # nothing of the provider's can serve it there
                data = {"framework": cls.framework, "class": cls.name, "surface": surface}
                advice = unserved_advice(self.ctx, surface)
                self.report(node, f"{said}; {advice}", fix=FixClass.MANUAL, data=data)
                return
            # what the class needs at any endpoint but OpenAI's, where not given
            # (`check_embedding_ctx_length=False`: text, not token ids)
            unknown = self.pinned_settings(cls, None) if provider is not None else ""
            if self.report_fill(node, said, cls):
                return
            tail = (
                f"make sure they are {provider.name}'s ({self.ctx.rules.base_url}, the key "
                f"from {provider.api_key_env})"
                if provider is not None
                else "check where it points"
            )
            mapping = kwargs_of(self.ctx, node)
            held = mapping.entries if mapping is not None else {}
            settings = _settings_written(self.ctx, cls, held)
            if provider is not None and settings is not None:
                # a helper serving several servers from the program's settings (Chatchat's
                # get_ChatOpenAI): a key fallback here would go to each of them (t58b D3)
                url, key = (f"`{self.snippet(v)}`" for v in settings)
                tail += (
                    f": the program sets both on the mapping ({url}, {key}); give the entry "
                    f"meant for {provider.name} its base URL and key where those come from, "
                    f"not a fallback to {provider.api_key_env} here: every other server they "
                    "name would get that key"
                )
            elif provider is not None and (given := foreign_key_given(self.ctx, node, cls)):
                # the fill would pass that value on to the provider (review r2, s68)
                tail += (
                    f": {given.caller} gives it {given.param}=`{given.value}` (line "
                    f"{given.line}), which names OpenAI: a fill from that entry would send it "
                    f"to {provider.name}; make the callers give {provider.name}'s key, then "
                    "its base URL here, by hand"
                )
            elif provider is not None and (shown := suggestion(self.ctx, node, cls)):
                tail += f": {shown}, where the caller gives none"
            needed = [
                (name, code)
                for name, code in cls.endpoint_settings
                if provider is not None
                and keyword(node, name) is None
                and name not in held
                and not unknown
            ]
            limit = provider.params.get("embedding_batch_max") if provider is not None else None
            if (
                cls.batch_size is not None
                and isinstance(limit, int)
                and limit < cls.batch_default
                and keyword(node, cls.batch_size) is None
                and cls.batch_size not in held
            ):  # DashScope takes 10 inputs a request, LangChain sends 1000
                needed.append((cls.batch_size, str(limit)))
            if needed and mapping is not None:
                tail += spread_settings_words(self.ctx, mapping.arg, needed)
            elif needed:
                tail += f", and pass {', '.join(f'{n}={c}' for n, c in needed)} there"
            if unknown and not _takes_token_ids(provider):
                tail += f"; {unknown}"
            if provider is not None and cls.checks_model:
                # LlamaIndex's OpenAIEmbedding: the provider's models stop it (t66a)
                tail += (
                    f"; {cls.name} {cls.checks_model}: {checked_model_advice(cls, provider.name)}"
                )
            self.report(node, f"{said}; {tail}", fix=FixClass.MANUAL)

    def report_untied_key(self, node: cst.Call, head: str, cls: FrameworkClass) -> bool:
        """A `**kwargs` fill of an earlier migration giving the provider's key whatever base
        URL the caller passes (`untied_keys`): apply ties it to the provider's. Whether it
        did."""
        provider = self.provider
        found = untied_key(self.ctx, node, cls) if provider is not None else None
        if provider is None or found is None:
            return False
        line = self.ctx.position(found.statement)[0][0]
        message = (
            f"{head} gets {provider.name}'s key from `{found.name}` "
            f"({self.ctx.line_label(line)}) whatever base URL the caller gives: a caller "
            f"passing its own `{found.base}` and no key sends that key to its host; apply "
            f"writes it only where `{found.base}` is {provider.name}'s: {found.line}"
        )
        data: dict[str, object] = {
            "framework": cls.framework,
            "class": cls.name,
            "mapping": found.name,
            "key_line": line,
            "api_key_env": provider.api_key_env,
            "base_url_env": provider.base_url_env,
        }
        self.report(
            node,
            message,
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=found.edit,
            data=data,
        )
        return True

    def report_fill(self, node: cst.Call, said: str, cls: FrameworkClass) -> bool:
        """A class built from a `**kwargs` of the function whose base URL and key the module
        shows (`kwargs_fill`): apply gives the mapping the provider's where the caller gives
        none, in place of an OPENAI_BASE_URL override. Whether it did."""
        provider = self.provider
        if provider is None:
            return False
        fill = kwargs_fill(self.ctx, node, cls)
        if fill is None:
            return False
        shown = "; ".join(fill.lines())
        where = "right before the call"
        data: dict[str, object] = {
            "framework": cls.framework,
            "class": cls.name,
            "api_key_env": provider.api_key_env,
            "base_url_env": provider.base_url_env,
            "mapping": fill.name,
            "entries": [key for key, _ in fill.entries],
        }
        if fill.override is not None:
            line = self.ctx.position(fill.override)[0][0]
            data["override_line"] = line
            where = (
                f"in place of the {fill.variable} override ({self.ctx.line_label(line)}: kept, "
                f"an OpenAI base URL from it would take {provider.name}'s key there)"
            )
        # the key only with the provider's base URL (t57a D2): a caller elsewhere passing
        # its own URL with no key gets none of the provider's; ML401 switches their reads of
        # OPENAI_BASE_URL going here (`base_url_reads.filled_callee`)
        message = (
            f"{said}; apply gives `{fill.name}` {provider.name}'s where the caller gives none, "
            f"{where}: {shown}; {provider.name}'s key only with its base URL: a caller passing "
            "a base URL of its own keeps the key it gives (none: the class reads "
            "OPENAI_API_KEY)"
        )
        edit = fill_edit(self.ctx, fill)
        self.report(node, message, fix=FixClass.REVIEW, edit=edit, data=data)
        return True


class LangChainOpenAI(FrameworkClassRule):
    """A LangChain OpenAI class (`ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings`, Azure forms).

    ## What it does
    Finds constructions of `langchain_openai.ChatOpenAI`, `OpenAI`, `OpenAIEmbeddings`,
    `AzureChatOpenAI`, `AzureOpenAI` and `AzureOpenAIEmbeddings`, and of the deprecated
    `langchain.chat_models` / `langchain.llms` / `langchain.embeddings` (and langchain
    0.0.x's `from langchain import OpenAI`) and `langchain_community.*` classes, by qualified
    name: aliases and module imports are followed, a project's own class named `ChatOpenAI`
    is not matched. Classes pointed at
    another host (`base_url=`/`openai_api_base=`) are reported as notes and left alone; so
    is one given no base URL in a module that points the variables it reads
    (`lc.BASE_URL_ENV`: OPENAI_API_BASE, then OPENAI_BASE_URL) at a server of its own
    itself before the class is built, which is when it reads them (`own_server_env`:
    `os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"`, t62a, written earlier at
    the module's top level, in its `if __name__ == "__main__":` for a class built there, or
    in the function building it, or at the top level or before `main()` in `__main__` for a
    function the module calls only after it (`_runs_before_callers`); not one built first,
    nor in another function while the write is only under `__main__`, which pytest or an
    importing module runs without it).
    An entry the code writes on the `**mapping` a class is given before it is built, on
    every path to the call and untouched until then (`kwargs["base_url"] = URL`,
    `kwargs.setdefault("openai_api_base", URL)`, `kwargs.update(base_url=URL)`, a dict
    display bound to the name), counts as that keyword, also `if "k" not in kwargs:
    kwargs["k"] = URL` (no `else`); a mapping that may hold the base URL otherwise chooses it
    at run time (an error left to a person, the message showing the form that counts); but a
    dict of the module a parameter defaults to or `self.X` holds (`default_dicts`:
    NeedleInAHaystack's `**self.model_kwargs`) that nothing else sees and no call of the
    module may replace, holding no base-URL or key entry, gives none: the class is
    rewritten as one given neither (the base URL a keyword beside the spread). A function's
    own `**kwargs` (or a dict display built in it) whose base-URL and
    key entries the module shows whole (`rules.kwargs_fill`: none written, or only the
    optional override `if "openai_api_base" not in kwargs and os.environ.get(
    "OPENAI_BASE_URL"): kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]`; not
    handed on; no call of the function in the module passing a base URL, a key or a
    `**mapping`) is filled in instead (review): `if not kwargs.get(<base URL keyword>):
    kwargs[<base URL keyword>] = kwargs.pop(<its other name>, None) or <provider URL read>`
    and the same for the key, `... or os.environ[<provider key variable>]`, under `if not
    kwargs.get(<key keyword>) and kwargs[<base URL keyword>] == <provider URL read>:` (the
    key only with the provider's URL: a caller's own server keeps the key it gives): written where
    the caller passes the setting under neither name, or passes None or ""
    (`make_llm(api_key=None, base_url=None)`: the class took None for none and read
    OPENAI_API_KEY, or sent the provider's key to OPENAI_BASE_URL or api.openai.com), a
    value under the other name moved over (pydantic lets the alias win where both are
    given, `OpenAIEmbeddings` refuses both); the key's variable read only where the caller
    passes no key (a key typed in the app's UI still works with it unset); plus
    `OpenAIEmbeddings`' `check_embedding_ctx_length` and `chunk_size` entries
    (`setdefault`), in place of the override (which would send the provider's key to an
    OpenAI proxy in OPENAI_BASE_URL) or right before the call. A class the base URL on its
    mapping (or a keyword beside it) points at the provider already, whose mapping may hold
    a key but shows none (a hand fix writing only `kwargs.setdefault("base_url", URL)`: the
    class read OPENAI_API_KEY where the caller gave no key), gets the key entry right before
    the call (`kwargs_fill.key_fill`: `if not kwargs.get("api_key") and str(kwargs[
    "base_url"]).rstrip("/").lower() in (URL, ...): kwargs["api_key"] = kwargs.pop(
    "openai_api_key", None) or os.environ[<provider key variable>]`, tied to the base URL
    the function writes, in any spelling the provider's file gives (`kwargs_fill.tied_url`),
    under the
    name going with the base URL's; a warning, review), or says so and is left (manual)
    where apply cannot write it (not a name of the function's `**` parameter or of a dict
    display; the call not alone on its line). A class calling an API the provider does not
    serve, given a key field of the project apply points at the provider's key
    (`RunFacts.openai_key_fields`: AgentGPT's
    `settings.openai_api_key`), is told that kept on OpenAI it needs OpenAI's key from its
    own variable (`switched_keys.left_on_openai_words`).
    A class handed on as a value (`{"openai": OpenAIEmbeddings}`, `field(default_factory=
    ChatOpenAI)`, `return ChatOpenAI`; `rules.class_values`: not imports, annotations, type
    tests or test doubles) is constructed elsewhere with arguments apply does not see: an
    error left to a person (manual), saying what to pass where it is built (ML611, ML680 and
    ML685 do the same for their classes). A class of the module deriving from one (AgentGPT's
    `WrappedChatOpenAI`) is a warning left to a person the same way. For a chat class both
    also name the switch that turns thinking off, as the rewrite passes it (data
    `extra_body`), where the models it may be moved to think unless told not to (ML118):
    every model the provider's table gives OpenAI's chat models that did not think, else the
    one the class's default model maps to; not where the subclass's code names
    `extra_body`, `reasoning_effort` or the switch's keys.

    ## Why
    These classes build an OpenAI SDK client from their own settings: `OPENAI_API_KEY`, the
    OpenAI URL and an OpenAI model unless told otherwise. The SDK rules do not see them.

    ## Fix (review)
    `apply` passes the provider's key variable (`api_key=`, or `openai_api_key=` for the
    deprecated classes, keeping the keyword the code uses) and
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")`, maps `model=` /
    `model_name=` (a literal, also the default of an environment read written there,
    `os.getenv("OPENAI_MODEL", "gpt-4o")`; a constant is mapped where it is written, ML204)
    (or adds the mapped default model when none is given; where a `**mapping` may name one,
    only for the case it names none: `kw.get("model") or kw.get("model_name") or "<mapped>"`;
    one the module writes there is mapped there, ML204), drops
    `organization=`, and adds `check_embedding_ctx_length=False` to `OpenAIEmbeddings` (a
    provider rejects the token ids LangChain sends by default). Where the project's
    requirements (`pyproject.toml`, `requirements*.txt`, `setup.cfg`) pin langchain-openai
    below 0.1.4, whose class has no such setting (it passes the keyword on to the request
    and always sends token ids), the class is left to a person (manual): the message names
    the files pinning it and says to upgrade it, then run apply again; the same is said of
    one pointed at the provider already (a warning) or at run time. For a target taking
    token ids (Azure OpenAI) apply rewrites it without the setting. Where they pin
    `langchain` itself below the release whose class takes `openai_api_base` (`OpenAI`
    0.0.140, `OpenAIEmbeddings` 0.0.155, `ChatOpenAI` 0.0.169; 0.0.61 has none), a class
    imported from `langchain` is left to a person (manual), also one already given the
    provider's base URL: the text and chat classes send the keyword in the request body and
    the request to OpenAI, with the provider's key, and the embeddings class refuses it. The
    message names the files pinning it and says to upgrade langchain as ML504 does, then
    run apply again. A chat class whose model is
    mapped gets `tiktoken_model_name=` the OpenAI model: LangChain counts tokens with tiktoken
    by model name and raises NotImplementedError for a provider's model (memory classes such
    as `ConversationTokenBufferMemory` count). So does the deprecated `OpenAIEmbeddings`
    (`langchain.embeddings`, `langchain_community`), which counts every text it embeds and
    logs "model not found" on each call for a provider's model (`langchain_openai`'s counts
    none with `check_embedding_ctx_length=False`); langchain before 0.0.216 has no such field
    in either class (ML504 says so). Embeddings get `chunk_size=` the provider's
    `embedding_batch_max` when it is below LangChain's 1000 inputs per request (DashScope:
    10) or below a number written there (a size computed at run time is named in the
    message); a class already pointed at the provider that sends more inputs a request than
    it takes is left to a person (manual). Azure classes become their plain counterparts
    without the Azure settings (the message names those given); given no `model=`, the
    deployment (`azure_deployment=`, `deployment_name=`) becomes the model, mapped as any
    model; one naming neither an OpenAI nor a provider model, or none, leaves the class to a
    person (pass `model=` a provider model, then run apply again). An Azure class given the
    provider's base URL by hand is still an error with the same rewrite: langchain-openai
    refuses a base URL beside `azure_endpoint`, and with `validate_base_url=False` sends
    Azure's deployment paths there with the key it is given or AZURE_OPENAI_API_KEY (t58c).
    A plain class built for Azure OpenAI is left on Azure (manual): one given
    `openai_api_type="azure"`, `deployment=` (langchain<0.1 and langchain_community's
    OpenAIEmbeddings), or built in the body of an `if` testing OPENAI_API_TYPE for Azure
    (`if os.getenv("OPENAI_API_TYPE") == "azure":`): LangChain and openai<1 read that
    variable themselves and send Azure's deployment paths, so moved it would call
    `<provider>/openai/deployments/...` (t64e: a 401); its key stays as it is (ML401).
    Their key is Azure's, replaced by the provider's variable (one that reads the provider's
    own variable is kept), and one the program hands them (a parameter, a setting) leaves the
    class to a person (manual). A key the program hands a plain class is kept with the
    provider's variable when empty, as ML001 keeps a client's, unless its code names OpenAI
    (`openai_api_key=settings.openai.key`; a parameter named otherwise that the module's own
    calls give a name that does, `make(model, openai_api_key)` into `def make(model, key)`,
    t68c): most likely the OpenAI key, it leaves the class to a person (manual). A key a
    person types (`input()`, `getpass()`) is kept; its prompt is reworded
    as ML001 rewords a client's (review), or left to you (a warning) where it names OpenAI
    otherwise, also once the class points at the provider. Where a module of the project stores a
    key in OPENAI_API_KEY itself (`os.environ["OPENAI_API_KEY"] = key`,
    `RunFacts.openai_key_stored_in`), the class reads the provider's variable with "unset" as
    its default (`data.key_stored_in` names those modules): it does not raise while only
    OPENAI_API_KEY is set, and never falls back to it (ML404 there). Where the
    provider has its own LangChain integration, `data.langchain_integration` names it; the
    OpenAI-compatible class is kept. An embeddings class is left to a person where the provider
    serves no embeddings (`[supports] embeddings = false`), said in ML101's words for
    `client.embeddings.create` there, with the providers that offer them, also where its base
    URL comes from a `**mapping`.
    A keyword of a chat class that the model it sends fixes or does not take (the provider's
    `[model_params]`, read as ML115 reads them for SDK requests: `temperature=` for Kimi's
    thinking models) is reported in ML115's words (warning) and removed as ML115 removes a
    request's, also once the class points at the provider; `n=` other than 1 is left to you.
    The deprecated `ChatOpenAI` (`langchain_community`, `langchain.chat_models`) sends
    `temperature=0.7` when not given: where the model fixes it, that is reported too (manual:
    `langchain_openai.ChatOpenAI` sends it only when given). `langchain_openai`'s chat classes
    did the same before langchain-openai 0.3.0 (`lc.SENT_BEFORE`). Where the provider's file
    gives the value the model fixes it at (`[fixed_values]`) and the thinking mode of the
    requests is known (the model always thinks, or thinks unless the switch apply passes or
    one written in `extra_body=` turns it off), apply writes that value for any of these
    classes instead (review): in place of the one given, or passed where none is (Kimi's
    kimi-k2.6: 0.6 beside the switch, 1.0 thinking). A model read from the environment counts
    as its default there. Where the model is chosen at run time and every model the
    provider's table gives OpenAI's chat models fixes it at a known value, the keyword (or the
    default the class sends) is left to you (warning, manual) with the value to pass. An entry
    of a dict spread into the class (`**self.model_kwargs`, read as ML115 reads one spread into
    a request) that its model fixes or does not take, or, chosen at run time, every such model
    does, is left to you (warning, manual), with the values the models fix it at (not one
    holding that value, for the thinking mode an `extra_body` entry beside it chooses); in such
    a dict of the module apply may edit, with the model known or a parameter's default
    (`self.model_name = model_name`), the value the model fixes it at in that thinking mode is
    written there instead (review; NeedleInAHaystack's evaluator: `temperature=1.0`). An entry
    of the dict display written as `model_kwargs=` (`{"top_p": 0.01, "seed": 1234}`, sent in
    every request as it is) that the model fixes or does not take is removed from the dict as
    the keyword is (review; QAnything's condense chain), not one holding the value the model
    fixes it at; with the model chosen at run time, where every such model fixes or drops it,
    it is left to you (warning, manual). Where
    the provider takes `max_completion_tokens` (`[params] max_tokens_param`), `max_tokens=` is
    renamed (safe, in ML112's words; `lc.TOKEN_LIMIT_ALIAS_SINCE`: langchain-openai 0.2.10
    takes either and sends `max_completion_tokens`, earlier releases pass it on through
    `model_kwargs`). Where it takes `max_tokens` only (Zhipu), langchain-openai>=0.2.10 sends
    either keyword as `max_completion_tokens`: left to a person (warning, manual), with the
    `extra_body={"max_tokens": N}` entry that sends it (`lc.TOKEN_LIMIT_BODY`); not for
    langchain_community's class, which sends `max_tokens`.
    A chat class whose OpenAI model answered at once, mapped to a model that thinks unless
    told not to, gets the provider's switch (ML118's): `extra_body=` for langchain_openai's
    classes; the deprecated `ChatOpenAI` has no such field and gets it as the "extra_body"
    entry of `model_kwargs` (added to a dict written there; its `extra_body=` given on its
    own, or a `model_kwargs` the rewrite cannot extend, is left to you, manual), which it hands
    to the openai>=1 client's `create()`. In a module running on openai<1 (it uses GPTCache's
    adapter, imports what openai 1.0 removed, or its project's requirements keep openai<1:
    `v0_libraries.runs_on_openai_v0`) that class hands `model_kwargs` to openai<1's
    `ChatCompletion.create()`, which has no `extra_body` and sends every entry as a field of
    the body (an "extra_body" entry as a field so named, t62c): the switch goes in
    `model_kwargs` itself (`model_kwargs={"thinking": {"type": "disabled"}}`), and an
    "extra_body" entry or `extra_body=` the call holds already is left to you (manual).
    A model the module sets in branches (`llm_name` set by date in an `if`:
    `framework_classes.branch_models`) gets it where every value maps to a model needing it;
    where only some do, the message says which (manual).
    A class pointed at the provider whose key is a parameter naming OpenAI, or `self.X` set
    from one (`ChatOpenAI(api_key=openai_api_key, base_url=URL)`), is an error (manual), as
    ML003 reports such a client (`clients.handed_key_finding`): its callers may hand it an
    OpenAI key.
    The key a `**kwargs` fill gives goes with the provider's base URL only (`... and
    str(kwargs["base_url"]).rstrip("/").lower() in (<provider URL read>, <its spellings>)`,
    as ML003 ties a client's key fallback): compared without case and trailing slash, with
    the URL the function writes and the other spellings the provider's file lists
    (`[base_url_aliases]`: DeepSeek's `https://api.deepseek.com/v1` and `/beta`), so a caller
    spelling the provider's URL otherwise gets its key (the review of session 59: compared
    exactly, it got none, and the class sent OPENAI_API_KEY to DeepSeek); a caller passing a
    base URL of its own (`os.environ.get("LLM_BASE_URL")`, a setting, a parameter, a written
    host) with no key gets none of the provider's key (the class reads OPENAI_API_KEY, as
    before), so no caller needs examining for it (t57a D2). A read of
    OPENAI_BASE_URL passed there is switched with the callee (ML401). A fill written before
    that (by an earlier migrate-llm, or by hand: `if not kwargs.get("api_key"):
    kwargs["api_key"] = <provider key read>`, `kwargs.setdefault("api_key", ...)`) on the
    function's `**kwargs`, whose base-URL entry a statement before it sets only where the
    caller gives none, or to something not the provider's, is a warning (review,
    `untied_keys`): apply replaces the key's statement with the tied one; not where the
    function sets the provider's base URL unconditionally.
    A class of the project deriving from one of these is reported (manual): its
    constructions are not rewritten. Not where the module builds it (by its name or through
    a name bound to it, `model = Wrapped; model(**kwargs)`) and every construction passes a
    key, a base URL and a model (keywords, or keys of a dict display spread into it: AgentGPT's
    `WrappedChatOpenAI`, t54f D): where those values come from is another place's finding;
    but not where a construction takes its base URL and key from what its function is handed
    (`run_time_data`: `credential.get("api_base")`, MaxKB's credential rows, t64a), which no
    other rule reads: the warning then says that requests reach the provider only where that
    data is empty or already the provider's, and to change stored OpenAI URLs, keys and models
    in the data (data `run_time_data`, `built_line`).
    A chat or text class given to crewAI as a model (`Agent(llm=ChatOpenAI(...))`,
    `function_calling_llm=`, `Crew(manager_llm=...)`, also through a name, `self.X` or a
    class attribute; a name by each assignment that may reach the call, one in an `if` or one
    below the function giving it, not one a later plain assignment of the same block replaces
    first) is left to a person (manual), pointed at the provider or not: crewAI
    keeps only its model (`create_llm` reads `api_key` / `base_url` attributes, which the
    class holds as `openai_api_key` / `openai_api_base`), so crewai<1.11.1 sends it to OpenAI
    and later releases refuse the object. The message gives crewAI's
    `LLM(model="<prefix>/<model>")` to pass instead, with its route in ML690's words.
    Such a class other classes of the project derive from (`langchain_heirs`: MaxKB's
    `BaseChatOpenAI`, t64a) is a note naming them, unless its module builds it; each of them
    is reported where its module builds it, given no base URL or one decided at run time (a
    warning), not given another provider's or the target's; one its module does not build, at
    its class statement.

    ## Data
    `framework` ("langchain"), `class`, `crewai` (where a class is given to crewAI,
    `Agent(llm=...)`), `api_key_env`, `base_url_env`, `model_from` / `model_to` (the model
    written or the class's default, and its mapping), `langchain_integration` (chat classes,
    when the provider has one), `completions` (the provider's support of the text completions
    endpoint, for `OpenAI`), `surface` (the API the provider does not serve, "embeddings", as
    ML101's data names it), `value` (true for a class used as a value), `subclasses` (at a
    shared base: `file:line:class` of each) and `base` (at its subclasses). At a key
    fill not tied to the base URL: `mapping`, `key_line` (the key's statement), `api_key_env`,
    `base_url_env`. A parameter the model fixes or does not take: ML115's `model`, `model_from`,
    `param`, `fact` and `glob`, and `default` (the value the class sends when not given),
    `value` (the value apply writes), `default_of` (where the model is a parameter's default);
    for a model chosen at run time, `values` (provider model -> the value it fixes). The renamed
    token limit: `param` ("max_tokens") and `renamed_to`; the limit left to a person: `param`,
    `sent_as` ("max_completion_tokens") and `instead` (the extra_body entry). For a pinned
    langchain-openai without the embeddings setting: `pinned_in` (the files pinning it) and
    `requires` ("langchain-openai>=0.1.4"); for a pinned langchain without the base URL, the
    same with "langchain>=0.0.334".
    """

    code = "ML601"
    name = "langchain-openai-class"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    table = lc.CLASSES
    label = "LangChain"
    request_params = lc.REQUEST_PARAMS
    sent_by_default = lc.SENT_BY_DEFAULT
    sends_only_given = f"{lc.MODERN_CHAT} (package {lc.MODERN_PACKAGE})"
    sent_before = lc.SENT_BEFORE
    sent_before_package = lc.SENT_BEFORE_PACKAGE
    writes_fixed = True
    token_limit = lc.TOKEN_LIMIT
    token_limit_alias = lc.TOKEN_LIMIT_ALIAS
    token_limit_body = lc.TOKEN_LIMIT_BODY
    token_limit_alias_since = lc.TOKEN_LIMIT_ALIAS_SINCE
    token_limit_why = (
        f" ({lc.SETTINGS_REQUIREMENT}>={version_text(lc.TOKEN_LIMIT_ALIAS_SINCE)} sends either "
        f"as {lc.TOKEN_LIMIT_ALIAS}; earlier releases and langchain_community's class send "
        f"{lc.TOKEN_LIMIT} and pass {lc.TOKEN_LIMIT_ALIAS} on through model_kwargs, with a "
        "warning)"
    )
    examples = (
        # t67c: langchain-openai sends the limit as max_completion_tokens, which Zhipu does not
        # take (its first finding is the note that the class points there already; the
        # message is asserted in tests/test_langchain_token_limit_alias.py)
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            "llm = ChatOpenAI(\n"
            '    api_key=os.environ["ZAI_API_KEY"],\n'
            '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
            '    model="glm-5.3",\n'
            "    max_tokens=512,\n"
            ")\n",
            provider="zhipu",
        ),
        # t64e: RealChar's embeddings, built for Azure where the program tests for it
        Example(
            "import os\n\nfrom langchain.embeddings import OpenAIEmbeddings\n\n\n"
            "def embedder(key):\n"
            '    if os.getenv("OPENAI_API_TYPE") == "azure":\n'
            "        return OpenAIEmbeddings(openai_api_key=key, chunk_size=1)\n"
            "    return None\n",
            provider="acme",
            message="OpenAIEmbeddings() (LangChain) is built for Azure OpenAI (built under `if "
            'os.getenv("OPENAI_API_TYPE") == "azure"`): LangChain and openai<1 read '
            "OPENAI_API_TYPE from the environment themselves, and with an Azure type send "
            "Azure's deployment paths, so pointed at Acme Cloud it would fail there; apply "
            "leaves it on Azure OpenAI (with its key); to move it to Acme Cloud, build it "
            "without the Azure settings (or drop that branch), by hand",
        ),
        Example(
            "from langchain_community.embeddings import OpenAIEmbeddings\n\n"
            'emb = OpenAIEmbeddings(deployment="ada", openai_api_type="azure")\n',
            provider="acme",
            message="OpenAIEmbeddings() (LangChain) is built for Azure OpenAI (openai_api_type="
            '"azure"): LangChain and openai<1 read OPENAI_API_TYPE from the environment '
            "themselves, and with an Azure type send Azure's deployment paths, so pointed at "
            "Acme Cloud it would fail there; apply leaves it on Azure OpenAI (with its key); to "
            "move it to Acme Cloud, build it without the Azure settings (or drop that branch), "
            "by hand",
        ),
        # t64a: MaxKB's subclass, built in its module from a stored credential
        Example(
            "from langchain_openai import ChatOpenAI\n\n\nclass Chat(ChatOpenAI):\n"
            '    """Counts tokens."""\n\n\ndef make(name, cred):\n'
            '    return Chat(model=name, base_url=cred.get("api_base"), '
            'api_key=cred.get("api_key"))\n',
            provider="acme",
            message="Chat derives from ChatOpenAI (LangChain); its constructions are not "
            "rewritten: built on line 9, its base URL and key come first from run-time data the "
            'tool cannot see (`cred.get("api_base")`, `cred.get("api_key")`: what the program '
            "hands it, such as records of its database): requests reach Acme Cloud only where "
            "that data is empty or already Acme Cloud's; where stored records hold OpenAI's URL, "
            "key or models, change them in the data: the URL to https://api.acme.example/v1, the "
            "key to an Acme Cloud key (as ACME_API_KEY holds), and the model names stored with "
            "them to Acme Cloud's; once they are, record that with `# migrate-llm: "
            "ignore[ML601]` at the end of this line (or in a `check --baseline` file), as check "
            "cannot see what the program's data holds",
        ),
        # t62c: on openai<1 (GPTCache's adapter beside it) model_kwargs' entries are fields
        Example(
            "from gptcache.adapter import openai\nfrom langchain.chat_models import ChatOpenAI"
            '\n\nllm = ChatOpenAI(model_name="gpt-3.5-turbo")\n',
            provider="deepseek",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from "
            "DEEPSEEK_BASE_URL (default https://api.deepseek.com); model 'gpt-3.5-turbo' -> "
            "'deepseek-flash'; 'deepseek-flash' thinks before it answers unless told not to, "
            'which \'gpt-3.5-turbo\' did not: model_kwargs={"thinking": {"type": '
            '"disabled"}} turns that off (drop it where the program wants the reasoning)',
            after="import os\n\nfrom gptcache.adapter import openai\n"
            "from langchain.chat_models import ChatOpenAI\n\nllm = ChatOpenAI(\n"
            '    openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
            '    openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),'
            '\n    model_kwargs={"thinking": {"type": "disabled"}},\n'
            '    tiktoken_model_name="gpt-3.5-turbo",\n    model_name="deepseek-flash",\n)\n',
        ),
        Example(
            'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o")\n',
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); "
            "`migrate-llm apply --provider ID` points it at a provider",
        ),
        # a fill written before the key was tied to the provider's base URL (t57a D2)
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
            "def make_llm(**kwargs):\n"
            '    kwargs.setdefault("base_url", os.environ.get("ACME_BASE_URL", "https://'
            'api.acme.example/v1"))\n'
            '    kwargs.setdefault("api_key", os.environ["ACME_API_KEY"])\n'
            "    return ChatOpenAI(**kwargs)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) gets Acme Cloud's key from `kwargs` (line 8) "
            "whatever base URL the caller gives: a caller passing its own `base_url` and no "
            "key sends that key to its host; apply writes it only where `base_url` is Acme "
            'Cloud\'s: if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/")'
            '.lower() in (os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
            '.rstrip("/").lower(), "https://api.acme.example/v1"): kwargs["api_key"] = '
            'kwargs.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]',
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
            "def make_llm(**kwargs):\n"
            '    kwargs.setdefault("base_url", os.environ.get("ACME_BASE_URL", "https://'
            'api.acme.example/v1"))\n'
            '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/")'
            ".lower() in (\n"
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '        .rstrip("/")\n'
            "        .lower(),\n"
            '        "https://api.acme.example/v1",\n'
            "    ):\n"
            '        kwargs["api_key"] = (\n'
            '            kwargs.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]\n'
            "        )\n"
            "    return ChatOpenAI(**kwargs)\n",
        ),
        # t58b D3: Langchain-Chatchat's get_ChatOpenAI, serving every platform of its settings
        Example(
            "from langchain_openai import ChatOpenAI\n\n\ndef get_llm(info, **kwargs):\n"
            "    params = dict(kwargs)\n"
            '    params.update(openai_api_base=info.get("url"), openai_api_key=info.get("key"))\n'
            "    return ChatOpenAI(**params)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) takes its base URL from `**params` at run time and "
            'its key from `info.get("key")`; make sure they are Acme Cloud\'s '
            "(https://api.acme.example/v1, the key from ACME_API_KEY): the program sets both on "
            'the mapping (`info.get("url")`, `info.get("key")`); give the entry meant for Acme '
            "Cloud its base URL and key where those come from, not a fallback to ACME_API_KEY "
            "here: every other server they name would get that key",
        ),
        # t49d (D2): xiaogpt's chain; the older class takes the switch in its model_kwargs
        Example(
            "from langchain_community.chat_models import ChatOpenAI\n"
            'llm = ChatOpenAI(model="gpt-4o-mini", model_kwargs={"top_p": 0.5})\n',
            provider="deepseek",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "DeepSeek read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
            "(default https://api.deepseek.com); model 'gpt-4o-mini' -> 'deepseek-flash'; "
            "'deepseek-flash' thinks before it answers unless told not to, which 'gpt-4o-mini' "
            'did not: apply adds "extra_body": {"thinking": {"type": "disabled"}} to its '
            "model_kwargs (drop it where the program wants the reasoning)",
            after="import os\n\nfrom langchain_community.chat_models import ChatOpenAI\n"
            "llm = ChatOpenAI(\n"
            '    openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
            '    openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
            '    tiktoken_model_name="gpt-4o-mini",\n'
            '    model="deepseek-flash",\n'
            '    model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}, "top_p": 0.5},\n'
            ")\n",
        ),
        # gpt-researcher's from_provider(**kwargs) (t47a)
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(model, **kwargs):\n"
            '    if "openai_api_base" not in kwargs and os.environ.get("OPENAI_BASE_URL"):\n'
            '        kwargs["openai_api_base"] = os.environ["OPENAI_BASE_URL"]\n'
            "    return ChatOpenAI(model=model, **kwargs)\n",
            provider="acme",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
            "def make(model, **kwargs):\n"
            '    if not kwargs.get("openai_api_base"):\n'
            '        kwargs["openai_api_base"] = kwargs.pop("base_url", None) or os.environ.get(\n'
            '            "ACME_BASE_URL", "https://api.acme.example/v1"\n        )\n'
            '    if not kwargs.get("openai_api_key") and str(kwargs["openai_api_base"]).rstrip(\n'
            '        "/"\n'
            "    ).lower() in (\n"
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '        .rstrip("/")\n'
            "        .lower(),\n"
            '        "https://api.acme.example/v1",\n'
            "    ):\n"
            '        kwargs["openai_api_key"] = (\n'
            '            kwargs.pop("api_key", None) or os.environ["ACME_API_KEY"]\n        )\n'
            "    return ChatOpenAI(model=model, **kwargs)\n",
        ),
        # a hand fix of gpt-researcher's get_llm(**kwargs) (t45e)
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
            '    kwargs["base_url"] = "https://api.acme.example/v1"\n'
            '    kwargs["api_key"] = os.environ["ACME_API_KEY"]\n'
            "    return ChatOpenAI(**kwargs)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) already points at Acme Cloud",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\nfrom config import settings\n\n"
            "llm = ChatOpenAI(openai_api_key=settings.openai.key)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from `settings.openai.key`); "
            "its key `settings.openai.key` names OpenAI, so it likely holds the OpenAI key: "
            "kept, that key would go to Acme Cloud; give it Acme Cloud's key (ACME_API_KEY) in "
            "its place, by hand: apply points it at Acme Cloud once `settings.openai.key` no "
            "longer names OpenAI (renamed where it is set and read, as it then holds that key)",
            after="from langchain_openai import ChatOpenAI\n\nfrom config import settings\n\n"
            "llm = ChatOpenAI(openai_api_key=settings.openai.key)\n",
        ),
        # t68c: chemcrow's class hands its `openai_api_key` to its own helper's `api_key`
        Example(
            "from langchain_openai import ChatOpenAI\n\n\n"
            "def make(model, key):\n"
            "    return ChatOpenAI(model=model, api_key=key)\n\n\n"
            "class Bot:\n"
            "    def __init__(self, openai_api_key=None):\n"
            '        self.llm = make("gpt-4o", openai_api_key)\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from `key`); its key `key` is "
            "given `openai_api_key` (line 10), which names OpenAI, so it likely holds the OpenAI "
            "key: kept, that key would go to Acme Cloud; give it Acme Cloud's key (ACME_API_KEY) "
            "in its place, by hand: apply points it at Acme Cloud once `openai_api_key` no longer "
            "names OpenAI (renamed where it is set and read, as it then holds that key)",
            after="from langchain_openai import ChatOpenAI\n\n\n"
            "def make(model, key):\n"
            "    return ChatOpenAI(model=model, api_key=key)\n\n\n"
            "class Bot:\n"
            "    def __init__(self, openai_api_key=None):\n"
            '        self.llm = make("gpt-4o", openai_api_key)\n',
        ),
        Example(
            'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o", '
            "temperature=0)\n",
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); model 'gpt-4o' -> 'acme-large'",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    tiktoken_model_name="gpt-4o",\n'
            '    model="acme-large",\n'
            "    temperature=0,\n"
            ")\n",
        ),
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'chat = ChatOpenAI(model=os.getenv("CHAT_MODEL", "gpt-4o-mini"), temperature=0)\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); model 'gpt-4o-mini' (env default) -> "
            "'acme-small'",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\nchat = ChatOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    tiktoken_model_name="gpt-4o-mini",\n'
            '    model=os.getenv("CHAT_MODEL", "acme-small"),\n'
            "    temperature=0,\n)\n",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n"
            'llm = ChatOpenAI(model="acme-think", temperature=0)\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-think",\n'
            ")\n",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings as Emb\n\n\ndef make():\n"
            '    return Emb(model="text-embedding-3-small")\n',
            provider="acme",
            after="import os\n\nfrom langchain_openai import OpenAIEmbeddings as Emb\n\n\n"
            "def make():\n    return Emb(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        check_embedding_ctx_length=False,\n"
            "        chunk_size=16,\n"
            '        model="acme-embed",\n    )\n',
        ),
        Example(
            "from langchain.chat_models import ChatOpenAI\n"
            'llm = ChatOpenAI(openai_api_key="sk-0123456789abcdefghijKLMN")\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) talks to OpenAI (hard-coded key sk-01…MN); for "
            "Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1); model 'gpt-3.5-turbo' -> 'acme-small'",
            after="import os\n\nfrom langchain.chat_models import ChatOpenAI\nllm = ChatOpenAI(\n"
            '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-small",\n'
            '    tiktoken_model_name="gpt-3.5-turbo",\n'
            '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            ")\n",
        ),
        Example(
            "from langchain_community.embeddings import OpenAIEmbeddings\n\n"
            'emb = OpenAIEmbeddings(model="text-embedding-3-small")\n',
            provider="acme",
            after="import os\n\nfrom langchain_community.embeddings import OpenAIEmbeddings\n\n"
            "emb = OpenAIEmbeddings(\n"
            '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    tiktoken_model_name="text-embedding-3-small",\n'
            "    chunk_size=16,\n"
            '    model="acme-embed",\n'
            ")\n",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n"
            'llm = ChatOpenAI(base_url="http://localhost:8000/v1", model="qwen2")\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) points at http://localhost:8000/v1, not OpenAI; "
            "left as it is",
        ),
        # t62a: FastChat's test points the variable the class reads at its own server
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
            'llm = ChatOpenAI(model="gpt-3.5-turbo")\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) points at http://localhost:8000/v1 "
            "(OPENAI_API_BASE, which the module sets on line 5), not OpenAI; left as it is",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"\n'
            'llm = ChatOpenAI(model="gpt-3.5-turbo")\n',
        ),
        Example(
            "class ChatOpenAI:\n    pass\n\n\nllm = ChatOpenAI()\n", provider="acme", finds=False
        ),
        Example(
            "from crewai import Agent\nfrom langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o")\n'
            'agent = Agent(role="r", goal="g", backstory="b", llm=llm)\n',
            provider="acme",
            message="ChatOpenAI() (LangChain) is given to crewAI as Agent(llm=...): crewAI keeps "
            "only its model (it reads no key or base URL from a LangChain object), so that goes "
            "to OpenAI, and crewai>=1.11.1 refuses the object; pass crewAI's "
            'LLM(model="acme/acme-large") instead (from crewai import LLM; litellm\'s acme '
            "route: install crewai[litellm])",
        ),
        Example(
            "from langchain.embeddings import OpenAIEmbeddings\n"
            'EMBEDDERS = {"openai": OpenAIEmbeddings}\n',
            message="OpenAIEmbeddings (LangChain) is used as a value, so it is constructed "
            "elsewhere, with arguments apply does not see; there it talks to OpenAI unless given "
            "another key and base URL: `migrate-llm scan --provider ID` says what to pass",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings\n\n\ndef embedder_class():\n"
            "    return OpenAIEmbeddings\n",
            provider="acme",
            message="OpenAIEmbeddings (LangChain) is used as a value, so it is constructed "
            "elsewhere, with arguments apply does not see; where it is built, pass api_key=, "
            "base_url=, model= (an Acme Cloud model) and check_embedding_ctx_length=False, by "
            "hand: for Acme Cloud read the key from ACME_API_KEY and the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
        ),
        # t50g (D6): AgentGPT's WrappedChatOpenAI, built with deepseek-flash elsewhere
        Example(
            "from langchain.chat_models import ChatOpenAI\n\n\n"
            "class WrappedChatOpenAI(ChatOpenAI):\n    max_tokens: int\n",
            provider="deepseek",
            message="WrappedChatOpenAI derives from ChatOpenAI (LangChain); its constructions are "
            "not rewritten: pass the key, base URL and model for DeepSeek where it is built (or "
            "in its __init__); deepseek-flash and deepseek-v4-pro, which OpenAI's chat models "
            "map to, think before answering unless told not to: built with one, pass "
            'model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}} too (drop it '
            "where the program wants the reasoning)",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n\ndef is_openai(llm):\n"
            "    return isinstance(llm, ChatOpenAI)\n",
            provider="acme",
            finds=False,
        ),
        # t58c (D2): gpt-engineer's Azure branch; the deployment becomes the model
        Example(
            "from langchain_openai import AzureChatOpenAI\n\n\n"
            "def make(endpoint, deployment):\n"
            "    return AzureChatOpenAI(\n"
            "        azure_endpoint=endpoint,\n"
            '        api_version="2024-06-01",\n'
            "        azure_deployment=deployment,\n"
            "    )\n",
            provider="acme",
            message="AzureChatOpenAI() (LangChain) talks to Azure OpenAI; apply replaces it with "
            "ChatOpenAI without its Azure settings (azure_endpoint, api_version, "
            "azure_deployment= becomes model=); for Acme Cloud read the key from ACME_API_KEY "
            "and the base URL from ACME_BASE_URL (default https://api.acme.example/v1); model "
            "from `deployment` at run time: make sure it names an Acme Cloud model",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n\n"
            "def make(endpoint, deployment):\n"
            "    return ChatOpenAI(\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        model=deployment,\n"
            "    )\n",
        ),
        # t58c (D2): given the provider's base URL by hand, the Azure class sent its Azure key
        Example(
            "import os\n\nfrom langchain_openai import AzureChatOpenAI\n\n"
            "llm = AzureChatOpenAI(\n"
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    validate_base_url=False,\n"
            '    api_version="2024-06-01",\n'
            '    model="acme-large",\n'
            ")\n",
            provider="acme",
            message="AzureChatOpenAI() (LangChain) is an Azure class given Acme Cloud's base URL, "
            "which it does not work with (it is refused beside azure_endpoint, and otherwise "
            "sends Azure's deployment paths, with AZURE_OPENAI_API_KEY where given no key); "
            "apply replaces it with ChatOpenAI without its Azure settings (validate_base_url, "
            "api_version); for Acme Cloud read the key from ACME_API_KEY and the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1)",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            "llm = ChatOpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-large",\n'
            ")\n",
        ),
        # t63a: QAnything's condense chain, top_p in model_kwargs beside temperature= (the
        # messages: tests/test_t63a_qanything.py; the first finding is the class's note)
        Example(
            _KIMI_CHAT + '    model_kwargs={"top_p": 0.01, "seed": 1234},\n)\n',
            provider="moonshot",
            after=_KIMI_CHAT + '    model_kwargs={"seed": 1234},\n)\n',
        ),
        Example(
            _KIMI_CHAT.replace('"kimi-k2.6"', "name").replace(
                "llm = ", "def make(name):\n    return "
            )
            + '    model_kwargs={"seed": 1234, "top_p": 0.01},\n)\n',
            provider="moonshot",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.given_to_crewai = given_as_llm(ctx) if self.active else {}
        # the module's subclasses of a project class deriving from a LangChain class
        self.heirs = heirs_here(ctx) if ctx.rules.facts.framework_heirs else {}
        self.unbuilt = {name for name in self.heirs if not built_here(ctx, name)}

    def shared_base(self, node: cst.ClassDef, cls: FrameworkClass) -> bool:
        """A subclass of `cls` other project classes derive from, not built by its own name
        here: a note naming them, each judged where it is built (`report_heir`)."""
        name = node.name.value
        heirs = heirs_of(self.ctx, name)
        if not heirs or built_here(self.ctx, name):
            return False
        data: dict[str, object] = {
            "framework": cls.framework,
            "class": cls.name,
            "subclasses": [f"{h.shown}:{h.line}:{h.heir}" for h in heirs],
        }
        self.report(
            node.name,
            shared_base_words(name, f"{cls.name} ({self.label})", heirs),
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data=data,
        )
        return True

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        super().visit_ClassDef(node)
        name = node.name.value
        if name not in self.unbuilt:
            return
        # a subclass of a shared base its module does not build by name: left to a person
        # where it is built, as a subclass of LangChain's class is
        self.unbuilt.discard(name)
        heir = self.heirs[name]
        cls = lc.CLASSES[heir.framework]
        where = (
            f"the key, base URL and model for {self.provider.name}"
            if self.provider is not None
            else "the key, base URL and model"
        )
        self.report(
            node.name,
            f"{name} derives from {cls.name} ({self.label}) through {heir.base} "
            f"({heir.base_shown}); its constructions are not rewritten: pass {where} where it "
            "is built (or in its __init__)",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"framework": cls.framework, "class": cls.name, "base": heir.base},
        )

    def report_heir(self, node: cst.Call, heir: FrameworkHeir) -> None:
        """A construction of the module's subclass of a shared base (`langchain_heirs`): not
        rewritten; reported where its base URL is OpenAI's or decided at run time."""
        cls = lc.CLASSES[heir.framework]
        head = (
            f"{heir.heir}() derives from {cls.name} ({self.label}) through {heir.base} "
            f"({heir.base_shown})"
        )
        where = endpoint(self.ctx, node, cls.base_url)
        said = heir_words(head, where, key_source(self, node, cls), self.provider)
        if said is not None:
            data = {"framework": cls.framework, "class": cls.name, "base": heir.base}
            self.report(node, said, severity=Severity.WARNING, fix=FixClass.MANUAL, data=data)

    def visit_Call(self, node: cst.Call) -> None:
        if self.heirs and isinstance(node.func, cst.Name) and node.func.value in self.heirs:
            self.report_heir(node, self.heirs[node.func.value])
            return
        taker = self.given_to_crewai.get(id(node))
        found = framework_class(self.ctx, node.func, self.table, self.names) if taker else None
        if taker is None or found is None or found[1].kind == "embeddings":
            super().visit_Call(node)
            return
        self.report_crewai(node, found[1], taker)

    def report_crewai(self, node: cst.Call, cls: FrameworkClass, taker: str) -> None:
        """A class given to crewAI as an agent's model: pointing it at the provider is of no
        use (crewAI reads only its model, `frameworks.crewai.FIRST_REFUSING_FOREIGN_LLM`), so
        crewAI's own LLM is to be passed instead."""
        provider = self.provider
        head = (
            f"{cls.name}() ({self.label}) is given to crewAI as {taker}: crewAI keeps only its "
            "model (it reads no key or base URL from a LangChain object), so that goes to "
            f"OpenAI, and crewai>={version_text(crewai.FIRST_REFUSING_FOREIGN_LLM)} refuses "
            "the object"
        )
        data: dict[str, object] = {"framework": cls.framework, "class": cls.name, "crewai": taker}
        if provider is None:
            advice = "pass crewAI's LLM(model=...) instead: `scan --provider ID` says which"
        elif not self.ctx.rules.switching:
            return
        else:
            sent = self.sent_model(node, cls, True)
            advice = llm_advice(self.ctx, sent[0] if sent is not None else None)
        self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)

    def value_advice(self, cls: FrameworkClass, data: dict[str, object]) -> str:
        return super().value_advice(cls, data) + self.extra(cls, None, data)

    def extra(self, cls: FrameworkClass, p, data: dict[str, object]) -> str:
        provider = self.provider
        assert provider is not None
        tail = ""
        support = provider.supports.get("completions", "unknown")
        if cls.kind == "llm" and support is not True:
            said = _COMPLETIONS_SUPPORT.get(support, "does not list")
            tail += (
                f"; {cls.name}() calls the text completions endpoint, which {provider.name} "
                f"{said}: use ChatOpenAI, {lc.CHAT_RESULT}"
            )
            data["completions"] = support
        integration = data.get("langchain_integration")
        if integration:
            tail += f" ({provider.name} also has its own LangChain class, {integration})"
        return tail


def same_number(code: str, text: str) -> bool:
    """Whether the code of an argument is the number `text` (`0.6`, `1`, `1.0`)."""
    try:
        return float(ast.literal_eval(code)) == float(text)
    except (ValueError, SyntaxError, TypeError):
        return False


# how a fixed value is said, by the thinking mode the requests run in
_MODES = {"thinking": "when thinking", "thinking_off": "with thinking turned off"}


def _fixed_unconfirmed(provider: Provider, glob: str) -> str:
    """` (unconfirmed: reason)` when the provider file marks the `[fixed_values]` entry
    uncertain."""
    reason = provider.uncertain.get(f"fixed_values.{glob}")
    return f" (unconfirmed: {reason})" if reason else ""


def _keyword(arg: cst.Arg) -> str:
    assert arg.keyword is not None
    return arg.keyword.value


# Stands for the value of an argument removed on its own lines while the call is rebuilt.
_REMOVED = "__migrate_llm_removed_{}__"


def edit_removing(rule: PythonRule, call: cst.Call, p: Plan, removed: Sequence[int]) -> Edit | None:
    """The edit of `p` (`plan_edit`) that also removes the arguments `removed` (indices) as
    ML115 removes a request's: the whole line of one standing on its own (a comment after it
    too), else it and its comma."""
    if not removed:
        return plan_edit(rule, call, p)
    ctx = rule.ctx
    names = {_keyword(call.args[i]) for i in removed}
    spans = {
        i: RequestArgument(_keyword(call.args[i]), call.args[i], None, True).removal(
            ctx, call, names.__contains__
        )
        for i in removed
    }
    alone = {i: span for i, span in spans.items() if _whole_lines(ctx.text, span)}
    # the others go with their comma, as the plan drops a keyword
    drop = frozenset(p.drop | {_keyword(call.args[i]) for i in removed if i not in alone})
    marks = {i: _REMOVED.format(i) for i in alone}
    new = rebuild_call(
        ctx,
        call,
        p.set_args,
        drop,
        p.func,
        values={**p.values, **marks},
        keywords=p.keywords,
        merge=merges_into_mapping(ctx, call, p.set_args),
    )
    for i, span in alone.items():
        value = ctx.span(call.args[i].value)
        before, after = ctx.text[span.start : value.start], ctx.text[value.end : span.end]
        at = new.index(marks[i])
        start, end = at - len(before), at + len(marks[i]) + len(after)
        at_line_start = start == 0 or new[start - 1] == "\n"
        if not at_line_start or new[start:at] != before or new[at + len(marks[i]) : end] != after:
            # its lines changed around it (a keyword dropped beside it): it goes with its comma
            return plan_edit(rule, call, replace(p, drop=set(drop) | names))
        new = new[:start] + new[end:]
    return narrowed_edit(ctx, call, new, plan_imports(p))


def _whole_lines(text: str, span: Span) -> bool:
    """Whether `span` runs from the start of a line to the start of another."""
    return (span.start == 0 or text[span.start - 1] == "\n") and text[span.end - 1] == "\n"


def _takes_token_ids(provider: Provider | None) -> bool:
    """Whether an embeddings endpoint takes OpenAI's token ids (`[params]
    embedding_token_input`: OpenAI's and Azure OpenAI's, which serve OpenAI's models; as ML114
    judges `input=`)."""
    return provider is not None and provider.params.get("embedding_token_input") is True


def _pin(files: Sequence[str]) -> str:
    return "pins" if len(files) == 1 else "pin"


# What a finding says of a provider's text completions endpoint, by its `supports` value.
_COMPLETIONS_SUPPORT = {False: "does not offer", "partial": "offers for some models only"}


class LangChainEmbeddingTokens(PythonRule):
    """A deprecated LangChain `OpenAIEmbeddings`, which sends token ids a provider rejects.

    ## What it does
    Finds `OpenAIEmbeddings` from `langchain.embeddings` or `langchain_community.embeddings`
    when a provider is the target (one that serves embeddings: for one that does not, ML601
    says it has none).

    ## Why
    These classes always split the input with tiktoken and send token ids, not text; they
    have no `check_embedding_ctx_length` setting (an unknown keyword is passed on to the
    request). OpenAI-compatible providers expect text.

    ## Fix
    Use `langchain_openai.OpenAIEmbeddings` (package `langchain-openai`) with
    `check_embedding_ctx_length=False`; `apply` then keeps that setting. Where the project's
    requirements pin langchain-openai below 0.1.4, which has no such setting, the message
    names the release to use and the files pinning an older one. Where they pin `langchain`
    below 0.0.155, whose `OpenAIEmbeddings` takes no base URL, ML601 alone says to upgrade
    langchain first.

    ## Data
    `framework`, `class`, `module` (where it is imported from); with such a pin, ML601's
    `pinned_in` and `requires`.
    """

    code = "ML602"
    name = "langchain-embedding-tokens"
    category = "framework"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        Example(
            "from langchain.embeddings import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n",
            provider="acme",
            message="OpenAIEmbeddings from langchain.embeddings sends token ids, which Acme "
            "Cloud may reject: use langchain_openai.OpenAIEmbeddings (package langchain-openai) "
            "with check_embedding_ctx_length=False",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n",
            provider="acme",
            finds=False,
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.active = mentions_framework(ctx)
        self.names = local_names(ctx, lc.CLASSES) if self.active else frozenset()

    def visit_Module(self, node: cst.Module) -> None:
        """The class handed on as a value (ML601 reports it too): it sends token ids wherever
        it is built."""
        if self.active and self.ctx.rules.switching and self.provider is not None:
            for ref, qualname, _ in class_values(self.ctx, lc.CLASSES, self.names):
                self.report_class(ref, qualname)

    def visit_Call(self, node: cst.Call) -> None:
        if not self.active or not self.ctx.rules.switching or self.provider is None:
            return
        found = framework_class(self.ctx, node.func, lc.CLASSES, self.names)
        if found is not None and endpoint(self.ctx, node, found[1].base_url).kind != "custom":
            if not found[1].azure and azure_built(self.ctx, node, (found[0],)) is not None:
                return  # built for Azure OpenAI, which apply leaves it on (ML601)
            self.report_class(node, found[0])  # not at a server of the program's own (ML601)

    def report_class(self, node: cst.CSTNode, qualname: str) -> None:
        assert self.provider is not None
        if qualname not in lc.TOKEN_ARRAYS or self.provider.support("embeddings") is False:
            return  # a provider with no embeddings: ML601 says so, token ids are beside it
        if qualname.startswith(lc.MONOLITH_PREFIX) and (
            "embeddings" in self.ctx.rules.facts.langchain_without_base_url
        ):
            return  # a pinned release taking no base URL: ML601 says to upgrade langchain first
        module = qualname.rsplit(".", 1)[0]
        data: dict[str, object] = {
            "framework": lc.FRAMEWORK,
            "class": "OpenAIEmbeddings",
            "module": module,
        }
        package = lc.MODERN_PACKAGE
        files = sorted(self.ctx.rules.facts.langchain_openai_pinned_in)
        if files:  # a release without the setting: the one to upgrade to
            first = version_text(lc.FIRST_TEXT_EMBEDDINGS)
            package = (
                f"{lc.SETTINGS_REQUIREMENT}>={first}; {and_listed(files)} {_pin(files)} an older "
                "one, which has no such setting"
            )
            data |= {"pinned_in": files, "requires": f"{lc.SETTINGS_REQUIREMENT}>={first}"}
        self.report(
            node,
            f"OpenAIEmbeddings from {module} sends token ids, which {self.provider.name} may "
            f"reject: use {lc.MODERN_EMBEDDINGS} (package {package}) with "
            "check_embedding_ctx_length=False",
            data=data,
        )


class LangChainInitModel(SentParameters):
    """LangChain's `init_chat_model()` / `init_embeddings()` building an OpenAI model.

    ## What it does
    Finds `init_chat_model("openai:gpt-4o-mini")`, `init_chat_model("gpt-4o")` (LangChain
    infers OpenAI from the name), `init_chat_model(m, model_provider="openai")` and
    `init_embeddings("openai:text-embedding-3-small")` (or `provider="openai"`), imported from
    `langchain` or `langchain_classic`. A model chosen at run time counts only with an
    `openai` provider keyword; a call given a base URL of its own, or no model (a model
    configured at run time), is left alone. Also the agent factories that call
    `init_chat_model` on a model string (`lc.AGENT_FACTORIES`: LangChain's `create_agent`,
    deepagents' `create_deep_agent`) given an OpenAI one, written there, through a constant,
    or as a literal of `a or b` / `x if c else y`.

    ## Why
    For `openai` these functions build `ChatOpenAI` / `OpenAIEmbeddings` from
    `OPENAI_API_KEY`, OpenAI's URL and the model named: the class rules (ML601) never see
    the class.

    ## Fix (review)
    `apply` passes the provider's key variable (`api_key=`) and
    `base_url=os.environ.get("<PROVIDER>_BASE_URL", "<official URL>")` (the keywords pass
    through to the class; embeddings also get `check_embedding_ctx_length=False`, and
    `chunk_size=` the provider's batch limit where it is below LangChain's), and maps
    the model, keeping `openai:` in front (a provider's model name alone would make LangChain
    pick another package: `deepseek-...` is langchain-deepseek's). A model it has no mapping
    for, or one chosen at run time, is left for you, named in the message. A keyword of a chat
    model that the model fixes or does not take (`[model_params]`) is reported and removed as
    ML601 removes a chat class's, also once the call points at the provider.
    `init_embeddings()` for a provider whose file marks `embeddings` false is left to a person
    (manual), with ML601's words for `OpenAIEmbeddings`: pointed there, it would call an API
    the provider lacks. An agent
    factory is given `init_chat_model(<its model>, api_key=..., base_url=...)` in place of the
    string (a constant mapped where it is written, by ML204); one whose model is chosen at
    run time is left to a person (manual), also once its literals name the provider's
    models: `openai:` still picks OpenAI's endpoint.

    ## Data
    `framework` ("langchain"), `class` (the class built), `api_key_env`, `base_url_env`,
    `model_from` / `model_to`; `surface` ("embeddings") where the provider lacks that API;
    for a parameter the model fixes or does not take, ML601's.
    """

    code = "ML603"
    name = "langchain-init-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    request_params = lc.REQUEST_PARAMS
    examples = (
        Example(
            "from langchain.chat_models import init_chat_model\n"
            'llm = init_chat_model("openai:gpt-4o")\n',
            message="init_chat_model() (LangChain) builds ChatOpenAI, which talks to OpenAI (key "
            "from OPENAI_API_KEY); `migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n\n\ndef make():\n"
            '    return init_chat_model("gpt-4o", temperature=0)\n',
            provider="acme",
            message="init_chat_model() (LangChain) builds ChatOpenAI, which talks to OpenAI (key "
            "from OPENAI_API_KEY); for Acme Cloud read the key from ACME_API_KEY and the base "
            "URL from ACME_BASE_URL (default https://api.acme.example/v1); model 'gpt-4o' -> "
            "'openai:acme-large'",
            after="import os\n\nfrom langchain.chat_models import init_chat_model\n\n\n"
            "def make():\n    return init_chat_model(\n"
            '        "openai:acme-large",\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        temperature=0,\n    )\n",
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n"
            'llm = init_chat_model("anthropic:claude-sonnet-4-5")\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not mentions_framework(self.ctx):
            return
        name = qualified(self.ctx, node.func, lc.INIT_FUNCTIONS)
        if name is None:
            if qualified(self.ctx, node.func, lc.AGENT_FACTORIES) is not None:
                self._agent_factory(node)
            return
        provider_kw, built = lc.INIT_FUNCTIONS[name]
        cls = lc.CLASSES[built]
        found = init_openai_model(self.ctx, node, provider_kw, cls.kind)
        if found is None:
            return
        model_arg, model, prefixed = found
        where = endpoint(self.ctx, node, cls.base_url)
        if where.kind != "openai":
            if self.on_target(where):  # pointed there: what it still sends the model
                params = self.parameters_sent(node, built, cls, self.served_model(model, False))
                self.report_parameters(node, params)
            return
        head = (
            f"{last_name(node.func)}() (LangChain) builds {cls.name}, which talks to OpenAI "
            f"({key_source(self, node, cls)})"
        )
        data: dict[str, object] = {"framework": cls.framework, "class": cls.name}
        if self.provider is None:
            self.report(
                node,
                f"{head}; `migrate-llm apply --provider ID` points it at a provider",
                data=data,
            )
            return
        if not self.ctx.rules.switching:
            return
        surface = unserved_surface(self.ctx, cls)
        if surface is not None:  # pointed at the provider, it would call an API it lacks
            data |= {"surface": surface, "model_from": model}
            advice = unserved_advice(self.ctx, surface)
            self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)
            return
        p = Plan(cls, {}, set())
        given = first_keyword(node, cls.key)  # the keyword the code uses, or the class's first
        key_kw = given.keyword.value if given is not None and given.keyword else cls.key[0]
        p.set_args[key_kw] = key_expr(self.provider, at_import=self.ctx.at_import(node))
        p.set_args[cls.base_url[0]] = base_url_expr(self.provider, str(self.ctx.rules.base_url))
        p.set_args.update(cls.endpoint_settings)
        set_batch(self.ctx, cls, node, p)
        self._plan_model(node, p, model_arg, model, prefixed)
        set_thinking_off(self.ctx, cls, node, p)  # ML118's, in the same edit
        data.update(plan_data(self, p))
        params = self.parameters_sent(node, built, cls, self.served_model(model, True))
        self.report_rewrite(node, f"{head}; {describe_target(self, p)}", p, data, params)

    def _agent_factory(self, node: cst.Call) -> None:
        """`create_agent("openai:gpt-4o")` (`lc.AGENT_FACTORIES`): given an OpenAI model string
        (also through a constant, or as a literal of `a or b` / `x if c else y` chosen at run
        time), the function builds ChatOpenAI at OpenAI's URL with OPENAI_API_KEY, whatever
        the model. `apply` gives it `init_chat_model(<model>, api_key=..., base_url=...)`
        instead (the string itself mapped where it is written); a model chosen at run time is
        left to a person."""
        arg = argument(node, lc.INIT_MODEL_KEYWORD, 0)
        if arg is None or arg.star:
            return
        found = agent_model(self.ctx, arg.value)
        if found is None:
            return
        literal, value, fixed = found
        model = lc.without_provider(value)[1] or value
        func = last_name(node.func)
        head = (
            f"{func}() builds its chat model with init_chat_model({value!r}): ChatOpenAI, "
            "which talks to OpenAI (key from OPENAI_API_KEY) whatever model follows `openai:`"
        )
        provider = self.provider
        if provider is None:
            self.report(arg.value, f"{head}; give it a chat model pointed at a provider instead")
            return
        if not self.ctx.rules.switching:
            return
        url = str(self.ctx.rules.base_url)
        key = key_expr(provider, at_import=self.ctx.at_import(node))
        mapped = model if provider.serves(model) else self.ctx.rules.map_model(model)
        written = f"{lc.OPENAI_MODEL_PREFIX}{mapped}" if mapped else None
        wanted = (
            f"`{lc.INIT_CHAT_MODEL}({written or '<model>'!r}, api_key={key}, "
            f"base_url={base_url_expr(provider, url)})`"
        )
        data = {"framework": "langchain", "class": "ChatOpenAI", "model_from": model}
        if not fixed or written is None:
            why = (
                f"its model comes from `{self.snippet(arg.value)}` at run time"
                if not fixed
                else f"{provider.name} has no mapping for model {model!r}"
            )
            self.report(
                arg.value,
                f"{head}; {why}: give {func}() {wanted} with {article(provider.name)} "
                f"{provider.name} model, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        inner = self.ctx.code(arg.value)
        if literal is arg.value and isinstance(literal, cst.SimpleString):
            inner = requote(literal, written) or inner  # a constant is mapped where it is: ML204
        text = (
            f"{lc.INIT_CHAT_MODEL}({inner}, api_key={key}, base_url={base_url_expr(provider, url)})"
        )
        self.report(
            arg.value,
            f"{head}; apply gives {func}() {lc.INIT_CHAT_MODEL}() pointed at {provider.name} "
            f"(key from {provider.api_key_env}, base URL from {provider.base_url_env}), "
            f"model {written!r}",
            edit=Edit(self.ctx.span(arg.value), text, (IMPORT_OS, lc.INIT_CHAT_MODEL_IMPORT)),
            data={**data, "model_to": written},
        )

    def _plan_model(
        self, node: cst.Call, p: Plan, arg: cst.Arg | None, model: str | None, prefixed: bool
    ) -> None:
        """The model's new text in `p` (its literal, kept `openai:` in front unless a provider
        keyword says openai), or why it stays."""
        provider = self.provider
        assert provider is not None and arg is not None
        if model is None:
            p.model_note = (
                f"model from `{self.snippet(arg.value)}` at run time: make sure it names "
                f"{article(provider.name)} {provider.name} model"
            )
            return
        p.model_from = model
        mapped = None if provider.serves(model) else self.ctx.rules.map_model(model)
        if mapped is None:
            if not provider.serves(model):
                p.model_note = f"{provider.name} has no mapping for model {model!r}: pass one"
            return
        written = f"{lc.INIT_OPENAI}{lc.INIT_SEPARATOR}{mapped}" if prefixed else mapped
        p.model_to = written
        if isinstance(arg.value, cst.Name):  # a constant: mapped where it is written (ML204)
            p.model_where = f"constant {arg.value.value}"
            return
        text = requote(arg.value, written) if isinstance(arg.value, cst.SimpleString) else None
        if text is None:
            p.model_note = f"write {written!r} as its model"
            p.model_to = None
            return
        p.values[list(node.args).index(arg)] = text


def init_openai_model(
    ctx: PythonContext, call: cst.Call, provider_kw: str, kind: str
) -> tuple[cst.Arg | None, str | None, bool] | None:
    """For an `init_*` call that builds an OpenAI model: its model argument, the model
    (without `openai:`; None when chosen at run time), and whether the provider must stay
    written before it (no `openai` provider keyword). None for another provider's, or when
    it cannot be told."""
    arg = argument(call, lc.INIT_MODEL_KEYWORD, 0)
    if arg is None:
        return None  # configured at run time (`init_chat_model()` / `configurable_fields`)
    given = keyword(call, provider_kw)
    resolved = ctx.resolve_literal(arg.value)
    if resolved is not None and not resolved[2].startswith(("literal", "constant ")):
        resolved = None  # a parameter's default, an environment default: chosen at run time
    if given is not None:
        if string_value(given.value) != lc.INIT_OPENAI:
            return None
        return arg, resolved[1] if resolved is not None else None, False
    if resolved is None:
        return None
    model = resolved[1]
    head, colon, rest = model.partition(lc.INIT_SEPARATOR)
    if colon:
        return (arg, rest, True) if head == lc.INIT_OPENAI else None
    inferred = kind == "chat" and model.lower().startswith(lc.INIT_INFERRED_OPENAI)
    return (arg, model, True) if inferred else None


def agent_model(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[cst.BaseExpression | None, str, bool] | None:
    """The OpenAI model string an agent factory's `model` argument gives init_chat_model (an
    `openai:` one, or one LangChain infers OpenAI from): (its literal when written at the
    argument or bound to a constant, the string, whether it is fixed in the code); for a
    value chosen at run time, the first such literal among its `or` / `if` branches and the
    defaults of `.get(key, default)` (through a name bound once), not fixed (gpt-researcher's
    `task.get("model", "openai:gpt-5.4")`). None for anything else."""
    resolved = ctx.resolve_literal(value)
    candidates: list[tuple[cst.BaseExpression | None, str, bool]] = []
    if resolved is not None:
        fixed = resolved[2] == "literal" or resolved[2].startswith("constant ")
        candidates.append((resolved[0] if fixed else None, resolved[1], fixed))
    else:
        bound = ctx.bound_value(value) if isinstance(value, cst.Name) else value
        parts = list(branches(bound)) if bound is not None else []
        while parts:
            part = parts.pop(0)
            if (
                isinstance(part, cst.Call)
                and last_name(part.func) == "get"
                and len(part.args) == 2
                and not any(a.keyword or a.star for a in part.args)
            ):
                parts += branches(part.args[1].value)  # `task.get("model", "openai:gpt-4o")`
            elif (literal := string_value(part)) is not None:
                candidates.append((None, literal, False))
    for node, text, fixed in candidates:
        head, colon, _ = text.partition(lc.INIT_SEPARATOR)
        if (colon and head == lc.INIT_OPENAI) or (
            not colon and text.lower().startswith(lc.INIT_INFERRED_OPENAI)
        ):
            return node, text, fixed
    return None


def init_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literal of an `init_chat_model()` / `init_embeddings()` call, or of an agent
    factory (`create_agent("openai:gpt-4o")`): ML603 owns it (ML204-ML206 leave it alone)."""
    if not mentions_framework(ctx):
        return []
    if qualified(ctx, call.func, lc.INIT_FUNCTIONS) is None and (
        qualified(ctx, call.func, lc.AGENT_FACTORIES) is None
    ):
        return []
    arg = argument(call, lc.INIT_MODEL_KEYWORD, 0)
    return [arg.value] if arg is not None and isinstance(arg.value, cst.SimpleString) else []


def per_call_model(ctx: PythonContext, call: cst.Call) -> tuple[cst.Arg, str] | None:
    """`model=` given to a request method of a chat model the module builds from one of
    LangChain's OpenAI chat classes (`llm.ainvoke(messages, model=m)`, `llm.bind(model=m)`:
    `lc.PER_CALL_METHODS`), which the request sends instead of the class's model, and the
    class as messages show it (`ChatOpenAI()`). The model is found through a name bound once,
    `self.X` or the construction itself. None for anything else, and where the class points
    at another host or at a provider other than the target (apply leaves it there)."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value not in lc.PER_CALL_METHODS:
        return None
    arg = keyword(call, lc.PER_CALL_MODEL)
    if arg is None or not ctx.mentions("langchain"):
        return None
    found = _chat_model_built(ctx, func.value)
    return (arg, f"{found[1].name}()") if found is not None else None


def _chat_model_built(
    ctx: PythonContext, holder: cst.BaseExpression
) -> tuple[cst.Call, FrameworkClass] | None:
    """The construction of one of LangChain's OpenAI chat classes that `holder` is (through a
    name bound once, `self.X` or the construction itself), with its class; None for anything
    else, and where the class points at another host or at a provider other than the target
    (apply leaves it there)."""
    names = local_names(ctx, lc.CLASSES)
    for built in held_values(ctx, holder):
        if not isinstance(built, cst.Call):
            continue
        found = framework_class(ctx, built.func, lc.CLASSES, names)
        if found is None or found[1].kind != "chat":
            continue
        where = endpoint(ctx, built, found[1].base_url)
        target = ctx.rules.provider
        if where.kind == "custom" or (
            where.provider is not None and (target is None or where.provider.id != target.id)
        ):
            return None
        return built, found[1]
    return None


def stream_usage_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The streamed request of one of LangChain's OpenAI chat classes built with
    `stream_usage=True` (`lc.STREAM_USAGE`), which sends `stream_options=` with it: a request
    of its own with that argument, left to a person (not editable). None where the class
    points at another host or at a provider other than the target."""
    given = keyword(call, lc.STREAM_USAGE)
    if given is None or last_name(given.value) != "True" or not ctx.mentions("langchain"):
        return []
    found = _chat_model_built(ctx, call)
    if found is None or found[0] is not call:
        return []
    built, cls = found
    sent = {lc.STREAM_USAGE_SENDS: RequestArgument(lc.STREAM_USAGE_SENDS, given, None, False)}
    return [class_request(ctx, f"{cls.name}({lc.STREAM_USAGE}=True)", built, cls, sent)]


def per_call_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The keywords given to a request method of a chat model the module builds from one of
    LangChain's OpenAI chat classes (`llm.bind(functions=[...], function_call={...})`,
    `llm.invoke(messages, temperature=0)`: `lc.PER_CALL_METHODS`), which LangChain sends
    with the request, as a request of their own: left to a person (not editable), with the
    model the class sends (its `model=`, a literal or a constant, or the class's default).
    None where the class points at another host or at a provider other than the target, as
    `per_call_model` reads it."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value not in lc.PER_CALL_METHODS:
        return []
    given = [a for a in call.args if a.keyword is not None and a.keyword.value != lc.PER_CALL_MODEL]
    if not given or not ctx.mentions("langchain"):
        return []
    found = _chat_model_built(ctx, func.value)
    if found is None:
        return []
    built, cls = found
    arguments = {
        a.keyword.value: RequestArgument(a.keyword.value, a, None, False)
        for a in given
        if a.keyword is not None
    }
    return [class_request(ctx, f"{cls.name}().{func.attr.value}", built, cls, arguments)]


class FunctionsAgent(NamedTuple):
    """An agent built on a chat model of the module whose requests send the legacy
    `functions=` (`functions_agent`)."""

    node: cst.CSTNode  # what says so: the agent type given, or the builder
    shown: str  # `initialize_agent(agent=AgentType.OPENAI_FUNCTIONS)`
    cls: FrameworkClass  # the chat class it runs on


def functions_agent(ctx: PythonContext, call: cst.Call) -> FunctionsAgent | None:
    """An agent `call` builds (`lc.FUNCTIONS_AGENT_BUILDERS`: `initialize_agent(tools, llm,
    agent=AgentType.OPENAI_FUNCTIONS)`, `create_openai_functions_agent(llm, ...)`) whose
    requests give the model the legacy `functions=`, on a chat model the module builds from
    one of LangChain's OpenAI chat classes pointed at OpenAI or the target
    (`_chat_model_built`); None for anything else, or where the call does not show it."""
    name = last_name(call.func)
    places = lc.FUNCTIONS_AGENT_BUILDERS.get(name or "")
    if places is None or not ctx.mentions("langchain"):
        return None
    if not any(q.startswith(lc.AGENT_PACKAGES) for q in ctx.qualnames(call.func)):
        return None
    (model_at, model_kw), kind_place = places
    llm = argument(call, model_kw, model_at)
    if llm is None:
        return None
    built = _chat_model_built(ctx, llm.value)
    if built is None:
        return None
    if kind_place is None:
        return FunctionsAgent(call.func, f"{name}()", built[1])
    kind = argument(call, kind_place[1], kind_place[0])
    if kind is None:
        return None
    written = string_value(kind.value)
    value = kind.value
    member = (
        value.attr.value
        if isinstance(value, cst.Attribute) and last_name(value.value) == lc.AGENT_TYPE
        else None
    )
    if member in lc.FUNCTIONS_AGENT_TYPES or written in lc.FUNCTIONS_AGENT_TYPES.values():
        shown = f"{name}({kind_place[1]}={ctx.code(kind.value)})"
        return FunctionsAgent(kind, shown, built[1])
    return None


class FunctionsSent(NamedTuple):
    """A legacy `functions=` / `function_call=` a chat model's request method sends
    (`functions_sent`)."""

    arg: cst.Arg  # the keyword given
    method: str  # `self.model.apredict_messages`
    helper: str | None  # the call handed the method with it: `handle()`
    traced: bool  # the module builds the model, pointed at OpenAI or the target


def functions_sent(ctx: PythonContext, call: cst.Call) -> list[FunctionsSent]:
    """The legacy function-calling keywords (`lc.LEGACY_FUNCTION_KEYWORDS`) given to a request
    method of a LangChain chat model (`lc.PER_CALL_METHODS`) that `per_call_requests` does
    not read: one called on a model the module does not build (a parameter, `self.model`
    set from one: `traced` False), and one handed uncalled to a helper together with them
    (`lc.HANDED_METHODS`: `openai_error_handler(func=self.model.apredict_messages,
    functions=[...])`, AgentGPT), which calls it with them. None where the module builds
    the model from LangChain's class pointed at another host."""
    given = [
        a
        for a in call.args
        if a.keyword is not None and a.keyword.value in lc.LEGACY_FUNCTION_KEYWORDS
    ]
    if not given or not ctx.mentions("langchain"):
        return []
    func = call.func
    helper: str | None = None
    if type(func) is cst.Attribute and func.attr.value in lc.PER_CALL_METHODS:
        method = func
    else:
        handed = [
            a.value
            for a in call.args
            if type(a.value) is cst.Attribute and a.value.attr.value in lc.HANDED_METHODS
        ]
        if len(handed) != 1:
            return []
        method = handed[0]
        helper = f"{ctx.code(func)}()"
    names = local_names(ctx, lc.CLASSES)
    built = [
        v
        for v in held_values(ctx, method.value)
        if isinstance(v, cst.Call) and framework_class(ctx, v.func, lc.CLASSES, names)
    ]
    if not built:  # a parameter, a factory's model: not one the module builds
        return [FunctionsSent(arg, ctx.code(method), helper, False) for arg in given]
    if method is func or _chat_model_built(ctx, method.value) is None:
        return []  # `per_call_requests` reads it, or it is not a model the target serves
    return [FunctionsSent(arg, ctx.code(method), helper, True) for arg in given]


def per_call_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literal given to a chat model's request method (`per_call_model`), also as
    the default of an environment read written there: ML201 maps it (ML204-ML206 leave it
    alone; a constant is mapped where it is written, ML204)."""
    found = per_call_model(ctx, call)
    resolved = ctx.resolve_literal(found[0].value) if found is not None else None
    if resolved is None or resolved[2] not in ("literal", ENV_DEFAULT):
        return []
    return [resolved[0]]


LANGCHAIN_RULES = (LangChainOpenAI, LangChainInitModel, LangChainEmbeddingTokens)


def _bound_to(ctx: PythonContext, name: cst.Name, cls: str) -> bool:
    """Whether one of the assignments binding `name` where it is used assigns the class
    named `cls` (`model: Type[Chat] = Wrapped`, `model = Wrapped`)."""
    for binding in ctx.bindings(name):
        value = ctx.index.assigned.get(id(getattr(binding, "node", None)))
        if isinstance(value, cst.Name) and value.value == cls:
            return True
    return False


def _passed_keywords(ctx: PythonContext, call: cst.Call) -> set[str]:
    """The keywords `call` passes: its own, and the string keys of a dict display a name
    spread into it with `**` is bound to once."""
    passed = {a.keyword.value for a in call.args if a.keyword is not None}
    for arg in call.args:
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            value = ctx.bound_value(arg.value)
            if isinstance(value, cst.Dict):
                keys = (
                    string_value(e.key) for e in value.elements if isinstance(e, cst.DictElement)
                )
                passed.update(k for k in keys if k is not None)
    return passed


def spread_settings_words(
    ctx: PythonContext, spread: cst.Arg, needed: list[tuple[str, str]]
) -> str:
    """The end of ML601's advice on settings a class built from a `**mapping` it may not hold
    (`needed`: name, code) needs: set them in the mapping, not beside it. quivr's
    `OpenAIEmbeddings(**saved_config)` (t55d D3): its saved config already held
    `check_embedding_ctx_length`, and passed beside it as well the class got it twice
    ("got multiple values for keyword argument", a TypeError)."""
    shown = snippet(ctx, spread.value)
    entries = ", ".join(f'"{name}": {code}' for name, code in needed)
    return (
        f", and set {entries} in `{shown}` (`{{**{shown}, {entries}}}`), not beside the `**`: "
        "a keyword the mapping also holds would be given twice, a TypeError"
    )


def _settings_written(
    ctx: PythonContext, cls: FrameworkClass, held: dict[str, cst.BaseExpression]
) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """The base URL and key the module writes on a class's `**mapping` from the program's own
    settings (`params.update(openai_api_base=info.get("api_base_url"), openai_api_key=info.get(
    "api_key"))`): both an entry or attribute read at run time, neither a literal nor a read of
    the environment; None otherwise."""
    from migrate_llm.rules.clients import env_var_read

    url = next((held[n] for n in cls.base_url if n in held), None)
    key = next((held[n] for n in cls.key if n in held), None)
    if url is None or key is None:
        return None
    for value in (url, key):
        if not isinstance(value, (cst.Subscript, cst.Attribute, cst.Call)):
            return None
        if string_value(value) is not None or env_var_read(ctx, value) is not None:
            return None
        if "environ" in ctx.code(value) or "getenv" in ctx.code(value):
            return None
    return url, key
