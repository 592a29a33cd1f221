"""Rules about LangChain chat models whose class or settings are decided when the program runs:
`with_structured_output()` on a model that may be ChatOpenAI (ML604) and `init_chat_model()`
configured at run time with `openai:` models (ML605). What LangChain looks like is in
`migrate_llm.frameworks.langchain`.
"""

from __future__ import annotations

import os
from typing import Literal, NamedTuple

import libcst as cst

from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import langchain as lc
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import lacks_api, support_words
from migrate_llm.rules.clients import Endpoint, own_server_settings
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, key_expr, literal
from migrate_llm.rules.compat import param_unconfirmed
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.framework_classes import (
    endpoint,
    first_keyword,
    framework_class,
    local_names,
    mentions_framework,
)
from migrate_llm.rules.framework_langchain import init_openai_model
from migrate_llm.rules.langchain_routes import route_of, takes_route
from migrate_llm.rules.member_values import member_read
from migrate_llm.rules.model_values import held_values, reaching_values
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    scope_assignments,
    self_attribute,
    string_literals,
    string_value,
)
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call
from migrate_llm.rules.thinking_langchain import run_time_switch, switch_text
from migrate_llm.run_facts import holds_openai_route, names_slash_route, splits_slash

# the methods of a chat model returning one with the same class and settings (a run's config)
_SAME_MODEL = ("with_config", "with_retry")
_STRUCTURED_OUTPUTS = "structured_outputs"
_FORCED_TOOL = "function"  # `[params] tool_choice`: a named tool
# the examples' `load_chat_model` of LangChain's LangGraph templates: a `provider/model`
# string split at run time
_SPLIT_LOADER = (
    "def load_chat_model(name):\n"
    '    provider, model = name.split("/", maxsplit=1)\n'
    "    return init_chat_model(model, model_provider=provider)\n"
)


class _Built(NamedTuple):
    """How a chat model is built: the call, what messages call it, whether it is ChatOpenAI
    for sure (False: when its model, chosen at run time, is an `openai:` one), whether
    the models it builds after apply are on the target's own route (`_on_route`), and
    whether the attribute of another object holding it may hold other values too (`mixed`:
    quivr's factory choosing ChatAnthropic or ChatOpenAI by its config, `_member_build`)."""

    call: cst.Call
    shown: str
    certain: bool
    routed: bool = False
    mixed: bool = False


def _routes(ctx: PythonContext) -> str | None:
    """Where the project names `openai:` chat models (`RunFacts.openai_routes_in`, or this
    module itself when read alone), as messages say it; None when it names none."""
    here = os.path.dirname(os.path.abspath(ctx.path))
    files = sorted(
        ctx.rules.facts.openai_routes_in,
        key=lambda f: (os.path.dirname(os.path.abspath(f)) != here, f),  # its directory first
    )
    if not files and _module_holds_route(ctx):
        return "this module names them"
    if not files:
        return None
    first = os.path.basename(files[0])
    return (
        f"{first} and {len(files) - 1} more name them" if len(files) > 1 else f"{first} names them"
    )


def _module_holds_route(ctx: PythonContext) -> bool:
    """Whether the module's own text holds an `openai:` chat model string (read once)."""
    found = ctx.analyses.get(_module_holds_route)
    if found is None:
        found = ctx.analyses[_module_holds_route] = holds_openai_route(ctx.text.encode())
    return bool(found)


def _run_time_init(ctx: PythonContext, call: cst.Call, provider_given: bool = True) -> bool:
    """Whether an `init_chat_model()` call picks its class at run time (no model, or one not
    written in the code, and no provider keyword naming another than openai; with
    `provider_given` False, no provider keyword at all) in a project naming `openai:` chat
    models: then it builds ChatOpenAI for those."""
    return _routes(ctx) is not None and chooses_at_run_time(ctx, call, provider_given)


def chooses_at_run_time(ctx: PythonContext, call: cst.Call, provider_given: bool) -> bool:
    """`_run_time_init` but for the project's `openai:` models: in any project."""
    given = keyword(call, lc.INIT_PROVIDER_KEYWORD)
    if given is not None and (
        not provider_given or string_value(given.value) not in (None, lc.INIT_OPENAI)
    ):
        return False
    arg = argument(call, lc.INIT_MODEL_KEYWORD, 0)
    if arg is None:
        return True
    resolved = ctx.resolve_literal(arg.value)
    return resolved is None or not resolved[2].startswith(("literal", "constant "))


def _chat_model(ctx: PythonContext, holder: cst.BaseExpression) -> _Built | None:
    """How the chat model `holder` is built (through a name bound once or in branches, each a
    build that qualifies, `self.X`, the call
    itself, and `.with_config()` / `.with_retry()` on it): one of langchain_openai's chat
    classes, or `init_chat_model()` building ChatOpenAI (an OpenAI model, or models chosen at
    run time in a project naming `openai:` ones); None for anything else, and where it points
    at another host or at a provider other than the target."""
    while (
        isinstance(holder, cst.Call)
        and isinstance(holder.func, cst.Attribute)
        and holder.func.attr.value in _SAME_MODEL
    ):
        holder = holder.func.value
    names = local_names(ctx, lc.CLASSES)
    values = held_values(ctx, holder)
    if not values and isinstance(holder, cst.Name):
        # a name assigned in branches (`if big: llm = init_chat_model(...) else: ...`): each
        # value that may reach the use a build that qualifies
        reaching = reaching_values(ctx, holder)
        builds = [_build_of(ctx, v, names) for v in reaching]
        found = [b for b in builds if isinstance(b, _Built)]
        if len(reaching) < 2 or len(found) != len(builds):
            return None
        return found[0]._replace(
            certain=all(b.certain for b in found), routed=all(b.routed for b in found)
        )
    for built in values:
        found_one = _build_of(ctx, built, names)
        if found_one is False:
            continue
        return found_one
    if isinstance(holder, cst.Attribute) and held_by_member(holder):
        name = holder.attr.value
        return member_read(
            ctx, holder, lambda other, k, v: _member_build(other, k, name, v, other is not ctx)
        )
    return None


def bound_tool_choice(ctx: PythonContext, call: cst.Call) -> tuple[cst.Arg, str] | None:
    """The `tool_choice=` of `model.bind_tools(tools, tool_choice=...)` where the model may be
    ChatOpenAI sending to OpenAI or the target (`_chat_model`: built in the module, through a
    name or `self.X`, or held by another object whose class builds it in one of the values it
    gives it, `member_read`), with the model as messages show it (naming the other classes
    such an object may hold: `_Built.mixed`); None for anything else."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value != lc.BIND_TOOLS:
        return None
    given = keyword(call, lc.BIND_TOOL_CHOICE)
    if given is None or not (mentions_framework(ctx) or held_by_member(func.value)):
        return None
    built = _chat_model(ctx, func.value)
    if built is None:
        return None
    return (
        given,
        built.shown if built.certain else f"{built.shown}, ChatOpenAI for `openai:` models",
    )


def bound_choice_sent(value: cst.BaseExpression) -> str | None:
    """What langchain-openai's `bind_tools` sends as `tool_choice` for `value` (see
    `lc.BIND_TOOL_CHOICE_SENT`): "required" for "any" and True, `lc.BIND_TOOL_CHOICE_NAMED`
    for a tool's name or a dict; None where it sends none (False, None, "") or the value is
    not known."""
    written = string_value(value)
    if written is not None:
        return lc.BIND_TOOL_CHOICE_SENT.get(written, lc.BIND_TOOL_CHOICE_NAMED) if written else None
    if isinstance(value, cst.Dict):
        return lc.BIND_TOOL_CHOICE_NAMED
    if isinstance(value, cst.Name) and value.value == "True":
        return lc.BIND_TOOL_CHOICE_TRUE
    return None


def held_by_member(holder: cst.BaseExpression) -> bool:
    """Whether `holder` is an attribute of another object (`self.endpoint._llm`,
    `endpoint._llm`), whose class may be another module's (`member_read`): a module asking it
    for structured outputs or tools need not name LangChain."""
    return isinstance(holder, cst.Attribute) and not self_attribute(holder)


def _member_build(
    ctx: PythonContext,
    klass: cst.ClassDef,
    name: str,
    values: list[cst.BaseExpression],
    elsewhere: bool,
) -> _Built | None:
    """How the chat model an attribute of another object (`self.endpoint._llm`) is built, read
    in the class of that object (`member_read`): every value that class gives it a build
    that qualifies, also through a name (`_chat_model`: the factory's `_llm = ChatOpenAI(...)`
    passed to `cls(llm=_llm)`); shown with the class and attribute (`ChatOpenAI() (held as
    Endpoint._llm in endpoint.py)`, the module named where it is another, `elsewhere`)."""
    names = local_names(ctx, lc.CLASSES)
    builds = [
        _chat_model(ctx, v) if isinstance(v, cst.Name) else _build_of(ctx, v, names) for v in values
    ]
    found = [b for b in builds if isinstance(b, _Built)]
    others: list[cst.BaseExpression] = []
    if not found or len(found) != len(builds):
        # any value ChatOpenAI (not an Azure class: it stays on Azure) sending to OpenAI or
        # the target: the others (another provider's class, a value not shown) are named
        # where they are calls, and the finding is left to a person; in the order of the
        # module's text (a name's assignments are not given in order)
        expanded = sorted(
            (
                (each, _build_of(ctx, each, names))
                for v in values
                for each in (reaching_values(ctx, v) or [v] if isinstance(v, cst.Name) else [v])
            ),
            key=lambda pair: ctx.span(pair[0]).start,
        )
        moved = [
            (each, b) for each, b in expanded if isinstance(b, _Built) and not _azure(ctx, b, names)
        ]
        if not moved:
            return None
        found = [b for _, b in moved]
        others = [each for each, b in expanded if all(each is not m for m, _ in moved)]
    module = f" in {os.path.basename(ctx.path)}" if elsewhere and ctx.path else ""
    held = f"held as {klass.name.value}.{name}{module}"
    if others:
        held += f", which may also hold other providers' classes{_named_calls(found, others)}"
    return found[0]._replace(
        shown=f"{found[0].shown} ({held})",
        certain=all(b.certain for b in found),
        routed=all(b.routed for b in found),
        mixed=bool(others),
    )


def _azure(ctx: PythonContext, built: _Built, names: frozenset[str]) -> bool:
    """Whether `built` builds one of langchain_openai's Azure classes."""
    found = framework_class(ctx, built.call.func, lc.CLASSES, names)
    return found is not None and bool(found[1].azure)


def _named_calls(found: list[_Built], others: list[cst.BaseExpression]) -> str:
    """The classes the calls among `others` name (by a capital, as classes are written), as a
    message shows them (`: ChatAnthropic()`), less those of `found`; "" where none does."""
    seen = {last_name(b.call.func) for b in found}
    named = sorted(
        {
            f"{called}()"
            for each in others
            if isinstance(each, cst.Call)
            and (called := last_name(each.func)) is not None
            and called[:1].isupper()
            and called not in seen
        }
    )
    return f": {', '.join(named)}" if named else ""


def _build_of(
    ctx: PythonContext, built: cst.BaseExpression, names: frozenset[str]
) -> _Built | Literal[False] | None:
    """How `built` builds a chat model, as `_chat_model` tells it: None where it points at
    another host or provider (or is langchain_community's), False where it builds none."""
    if not isinstance(built, cst.Call):
        return False
    found = framework_class(ctx, built.func, lc.CLASSES, names)
    if found is not None:
        cls = found[1]
        if cls.kind != "chat" or cls.legacy:  # langchain_community's: function_calling
            return None
        shown, certain = f"{cls.name}()", True
    elif _builds_chat(ctx, built):
        cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
        if init_openai_model(ctx, built, lc.INIT_PROVIDER_KEYWORD, "chat") is not None:
            certain = True
        elif _run_time_init(ctx, built):
            certain = False
        else:
            return None
        shown = f"{lc.INIT_CHAT_MODEL}()"
    else:
        return False
    where = endpoint(ctx, built, cls.base_url)
    target = ctx.rules.provider
    if (
        where.kind == "custom"
        or (where.kind == "dynamic" and not _run_time_target(ctx, built, cls, where))
        or (where.provider is not None and (target is None or where.provider.id != target.id))
    ):
        return None
    return _Built(built, shown, certain, not certain and _on_route(ctx, built))


def _run_time_target(
    ctx: PythonContext, call: cst.Call, cls: FrameworkClass, where: Endpoint
) -> bool:
    """Whether a chat class whose base URL is chosen at run time (quivr's
    `base_url=config.llm_base_url`) reaches the target, as ML601 tells it: that finding says
    to make its base URL and key the target's, unless the program points it at a server of
    its own by its own variables (`own_server_settings`) or by OpenAI's defaulting to one
    (`fallback`: LM Studio's URL). An Azure class stays on Azure OpenAI."""
    if cls.azure or where.fallback is not None:
        return False
    url, key = first_keyword(call, cls.base_url), first_keyword(call, cls.key)
    given = (url.value if url is not None else None, key.value if key is not None else None)
    return own_server_settings(ctx, *given) is None


def _on_route(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `init_chat_model()` call `call`, choosing its model at run time and naming no
    provider, builds the target's route class after apply: the project requires that route,
    so ML204 moves its `openai:` models there (and ML605 leaves the call), and that class asks
    for structured outputs by a forced tool call unless told otherwise
    (`lc.InitRoute.structured_method`)."""
    route = route_of(ctx.rules.provider)
    return (
        route is not None
        and route.structured_method != lc.JSON_SCHEMA_METHOD
        and keyword(call, lc.INIT_PROVIDER_KEYWORD) is None
        and takes_route(ctx, route)
    )


def _builds_chat(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is `init_chat_model()` (the function building ChatOpenAI for openai)."""
    name = qualified(ctx, call.func, lc.INIT_FUNCTIONS)
    return name is not None and lc.INIT_FUNCTIONS[name][1] == lc.INIT_OPENAI_CLASS


def _forced_tool(provider: Provider) -> bool:
    """Whether the provider's file says it takes tools and a named tool as `tool_choice`."""
    return provider.support("tools") is True and _FORCED_TOOL in (
        provider.params.get("tool_choice") or ()
    )


class LangChainStructuredOutput(PythonRule):
    """LangChain's `with_structured_output()` on ChatOpenAI, asking for a json_schema output.

    ## What it does
    Finds `model.with_structured_output(Schema)` where the model is langchain_openai's
    `ChatOpenAI` / `AzureChatOpenAI` (constructed there, or through a name bound once, or in
    each branch of an `if` that may reach the call, or `self.X`, also after `.with_config()` /
    `.with_retry()`, or an attribute of another object whose class, of the module or imported
    by name from another module of the project, builds it in a value it gives that
    attribute: `self.endpoint._llm`, `member_values.member_read`; for a parameter of its
    `__init__`, `self._llm = llm`, in a value its constructions there pass for it, such as
    quivr's factory classmethod's `cls(llm=_llm)`; where it gives the attribute other values
    too, such as other providers' classes chosen by a config string (or AzureChatOpenAI,
    which stays on Azure), a warning naming them, left for you) or `init_chat_model()` building
    ChatOpenAI: an OpenAI model, or a model chosen at run time (no model: configured per run;
    a model read from settings) in a project that names `openai:` chat models
    (`"openai:gpt-4.1"` in a module or notebook), when the target provider's `[supports]
    structured_outputs` is not true. A base URL chosen at run time (`base_url=config.
    llm_base_url`) counts as the provider's, as ML601 asks you to make it, but where the
    program points it at a server of its own. Not reported: an explicit `method=` other than
    "json_schema", a class pointed at another host or provider, and a call without
    `method=` where a requirements file pins langchain-openai below 0.3.0, whose default was
    "function_calling". langchain_community's ChatOpenAI defaults to it too. Nor, without
    `method=`, a model chosen at run time by a call naming no provider in a project requiring
    the target's own LangChain route (langchain-deepseek): ML204 moves the project's `openai:`
    models to that route, whose class (ChatDeepSeek) defaults to "function_calling" in every
    release (`method="json_schema"` is still written over: releases before 0.1.3 send it).
    A call asking for a tool call (`method="function_calling"`, or no `method=` where a
    requirements file pins langchain-openai below 0.3.0) sends `tool_choice` naming the
    schema's tool: where the provider's file lists no named `tool_choice` (Qwen's none/auto;
    its thinking models refuse one), it is a warning left for you, as ML111 says of one sent
    through the SDK, with the method to pass instead. Not where the call gives `tool_choice=`
    itself (LangChain passes it on in place of the named one) or a `**mapping`, unless that
    mapping, bound once, is `{"method": "function_calling"}` chosen by a test naming "openai"
    (chat-langchain's `if "openai" in configuration.query_model else {}`, t65d): the
    project's OpenAI models get it, on whatever model the call is made (also one the module
    does not build).

    ## Why
    From langchain-openai 0.3.0 ChatOpenAI's default `method` is "json_schema": the schema is
    sent as `response_format={"type": "json_schema", ...}`, which such a provider rejects or
    does not enforce, so the call fails (or answers without the schema) at run time.

    ## Fix (review)
    `apply` passes `method="function_calling"` (or writes it over `method="json_schema"`):
    LangChain sends the schema as the only tool with `tool_choice` naming it, and parses the
    tool call's arguments into the schema. Only where the provider's file lists tools and a
    named `tool_choice`; else left for you (manual): describe the JSON in the prompt and pass
    `method="json_mode"`. A call given `tools=` (sent beside the schema only with
    "json_schema"; with "function_calling" it clashes with the schema's tool) or a
    `**mapping` is left for you too. Where the class is only known at run time, the method
    works for the other providers' chat models as well; but not on a model another object
    holds whose class may give it other values than ChatOpenAI: apply cannot tell that the
    method suits each of them.

    ## Data
    `framework` ("langchain"), `class` (ChatOpenAI), `method_from` ("json_schema"),
    `method_to` ("function_calling", with an edit), `certain` (false where the class depends
    on the model chosen at run time, or the object holding it may hold another class).
    """

    code = "ML604"
    name = "langchain-structured-output"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o")\n'
            "chain = llm.with_structured_output(Answer)\n",
            provider="deepseek",
            after="from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o")\n'
            'chain = llm.with_structured_output(Answer, method="function_calling")\n',
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'model = init_chat_model(configurable_fields=("model",))\n'
            'MODEL = "openai:gpt-4o"\n\n\n'
            "def ask(q):\n"
            '    chain = model.with_structured_output(Answer, method="json_schema")\n'
            '    return chain.with_config({"configurable": {"model": MODEL}}).invoke(q)\n',
            provider="deepseek",
            after="from langchain.chat_models import init_chat_model\n\n"
            'model = init_chat_model(configurable_fields=("model",))\n'
            'MODEL = "openai:gpt-4o"\n\n\n'
            "def ask(q):\n"
            '    chain = model.with_structured_output(Answer, method="function_calling")\n'
            '    return chain.with_config({"configurable": {"model": MODEL}}).invoke(q)\n',
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            "llm = ChatOpenAI().with_structured_output(Answer)\n",
            provider="acme",
            message="with_structured_output(Answer) of ChatOpenAI() asks for structured outputs "
            "by response_format json_schema (langchain-openai>=0.3.0's default method); Acme "
            "Cloud's structured_outputs support is unconfirmed (its provider file does not "
            "state it); its file lists no named tool_choice either, so method="
            '"function_calling" may fail too: describe the JSON in the prompt and pass '
            'method="json_mode", by hand',
        ),
        # t67c: quivr asks the chat model its endpoint object holds
        Example(
            "from langchain_openai import ChatOpenAI\n\n\n"
            "class Endpoint:\n    def __init__(self):\n"
            '        self._llm = ChatOpenAI(model="gpt-4o")\n\n\n'
            "class Rag:\n    def __init__(self, endpoint: Endpoint):\n"
            "        self.endpoint = endpoint\n\n"
            "    def split(self, q):\n"
            "        return self.endpoint._llm.with_structured_output(Answer).invoke(q)\n",
            provider="deepseek",
            after="from langchain_openai import ChatOpenAI\n\n\n"
            "class Endpoint:\n    def __init__(self):\n"
            '        self._llm = ChatOpenAI(model="gpt-4o")\n\n\n'
            "class Rag:\n    def __init__(self, endpoint: Endpoint):\n"
            "        self.endpoint = endpoint\n\n"
            "    def split(self, q):\n"
            "        return self.endpoint._llm.with_structured_output(\n"
            '            Answer, method="function_calling"\n'
            "        ).invoke(q)\n",
        ),
        # t68: the object's class may also build another provider's class: left for you
        Example(
            "from langchain_anthropic import ChatAnthropic\n"
            "from langchain_openai import ChatOpenAI\n\n\n"
            "class Endpoint:\n    def __init__(self, vendor):\n"
            '        if vendor == "anthropic":\n'
            '            self._llm = ChatAnthropic(model="claude-sonnet-4-5")\n'
            "        else:\n"
            '            self._llm = ChatOpenAI(model="gpt-4o")\n\n\n'
            "class Rag:\n    def __init__(self, endpoint: Endpoint):\n"
            "        self.endpoint = endpoint\n\n"
            "    def split(self, q):\n"
            "        return self.endpoint._llm.with_structured_output(Answer).invoke(q)\n",
            provider="deepseek",
            message="with_structured_output(Answer) of ChatOpenAI() (held as Endpoint._llm, "
            "which may also hold other providers' classes: ChatAnthropic()) asks for "
            "structured outputs by response_format json_schema (langchain-openai>=0.3.0's "
            "default method); DeepSeek has no OpenAI-compatible structured_outputs API, "
            "unconfirmed (providers/deepseek.toml: docs document json_object only; a reseller "
            "saw json_schema accepted but not enforced; LiteLLM's map says "
            'supports_response_schema); where it holds ChatOpenAI, pass method="function_'
            'calling" (the schema sent as a forced tool call, which DeepSeek takes), by hand: '
            "apply leaves it, as it need not suit the other classes",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI().with_structured_output(Answer, method="function_calling")\n',
            provider="deepseek",
            finds=False,
        ),
        # t65d: chat-langchain chooses the tool method for OpenAI's models by their name
        Example(
            "from langchain_core.runnables import RunnableConfig\n\n"
            "from app.utils import load_chat_model\n\n\n"
            "def plan(config):\n"
            '    kwargs = {"method": "function_calling"} if "openai" in config.model else {}\n'
            "    return load_chat_model(config.model).with_structured_output(Plan, **kwargs)\n",
            provider="zhipu",
            message="with_structured_output(Plan) of `load_chat_model(config.model)` sends the "
            'schema as a tool named in tool_choice (method="function_calling", chosen where '
            '`"openai" in config.model`: the project\'s OpenAI models, which go to Zhipu AI '
            "(GLM) once migrated), which Zhipu AI (GLM) does not accept (accepted: auto); pass "
            'method="json_mode" with the JSON described in the prompt, by hand',
        ),
        Example(
            "from langchain_core.runnables import RunnableConfig\n\n"
            "from app.utils import load_chat_model\n\n\n"
            "def plan(config):\n"
            '    kwargs = {"method": "function_calling"} if "openai" in config.model else {}\n'
            "    return load_chat_model(config.model).with_structured_output(Plan, **kwargs)\n",
            provider="deepseek",
            finds=False,
        ),
        # t52b: TradingAgents' structured outputs on Qwen, whose thinking models refuse it
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI().with_structured_output(Answer, method="function_calling")\n',
            provider="zhipu",
            message="with_structured_output(Answer) of ChatOpenAI() sends the schema as a tool "
            'named in tool_choice (method="function_calling"), which Zhipu AI (GLM) does not '
            'accept (accepted: auto); pass method="json_mode" with the JSON described in the '
            "prompt, by hand",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if type(func) is not cst.Attribute or func.attr.value != lc.STRUCTURED_OUTPUT:
            return
        if not mentions_framework(self.ctx) and not held_by_member(func.value):
            return
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        given = keyword(node, lc.STRUCTURED_METHOD)
        method = string_value(given.value) if given is not None else None
        spread = any(a.star == "**" for a in node.args)
        if given is None and spread:
            test = _tool_method_for_openai(self.ctx, node)
            if test is not None:
                self._named_tool(
                    node,
                    provider,
                    f'method="{lc.TOOL_METHOD}", chosen where `{self.snippet(test)}`: the '
                    f"project's OpenAI models, which go to {provider.name} once migrated",
                    chosen=True,
                )
                return
        # langchain-openai<0.3.0, or the target's route class: function_calling by default
        pinned = self.ctx.rules.facts.langchain_openai_function_calling
        if given is not None and method is not None and method != lc.JSON_SCHEMA_METHOD:
            if method == lc.TOOL_METHOD:
                self._named_tool(node, provider, f'method="{lc.TOOL_METHOD}"')
            return
        if given is None and not spread and pinned:
            self._named_tool(node, provider, "langchain-openai<0.3.0's default method")
            return
        support = provider.support(_STRUCTURED_OUTPUTS)
        if support is True:
            return
        built = _chat_model(self.ctx, func.value)
        if built is None or (built.routed and given is None and not spread):
            return  # on the target's route: its class's default method is a tool call
        schema = argument(node, lc.STRUCTURED_SCHEMA, 0)
        if schema is None or schema.star:
            return  # no schema: json_mode only
        shown = self.snippet(schema.value)
        asks = (
            "asks for structured outputs by response_format json_schema"
            if method == lc.JSON_SCHEMA_METHOD
            else "asks for structured outputs by response_format json_schema "
            "(langchain-openai>=0.3.0's default method)"
        )
        if given is not None and method is None:
            asks = (
                "may ask for structured outputs by response_format json_schema (method from "
                f"`{self.snippet(given.value)}`)"
            )
        of = built.shown if built.certain else f"{built.shown}, ChatOpenAI for `openai:` models"
        head = f"{lc.STRUCTURED_OUTPUT}({shown}) of {of} {asks}"
        if support is False:
            verdict = lacks_api(provider, _STRUCTURED_OUTPUTS)
        else:
            verdict = support_words(provider, _STRUCTURED_OUTPUTS)
        # where the object may hold other providers' classes too, a warning
        severity = Severity.ERROR if support is False and not built.mixed else Severity.WARNING
        data: dict[str, object] = {
            "framework": lc.FRAMEWORK,
            "class": "ChatOpenAI",
            "method_from": method or lc.JSON_SCHEMA_METHOD,
            "certain": built.certain and not built.mixed,
        }
        why = self._left(node, provider, given, method, spread)
        if why is None and built.mixed:
            why = (
                f'where it holds ChatOpenAI, pass method="{lc.TOOL_METHOD}" (the schema sent '
                f"as a forced tool call, which {provider.name} takes), by hand: apply leaves "
                "it, as it need not suit the other classes"
            )
        if why is not None:
            self.report(
                node,
                f"{head}; {verdict}; {why}",
                severity=severity,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        wanted = f'"{lc.TOOL_METHOD}"'
        if given is not None:
            edit = Edit(self.ctx.span(given.value), wanted)
        else:
            at = self.ctx.span(schema).end  # just after the schema (`insert_keywords` reads
            # a chain's line breaks before the method as arguments on lines of their own)
            edit = Edit(Span(at, at), f", {lc.STRUCTURED_METHOD}={wanted}")
        self.report(
            node,
            f"{head}; {verdict}: apply passes method={wanted} (the schema sent as a forced "
            f"tool call, which {provider.name} takes)",
            severity=severity,
            edit=edit,
            data={**data, "method_to": lc.TOOL_METHOD},
        )

    def _named_tool(
        self, node: cst.Call, provider: Provider, how: str, chosen: bool = False
    ) -> None:
        """Report a call asking for structured outputs by a tool named in `tool_choice`
        (`how`: method="function_calling", or the default of the releases the project pins)
        where the provider's file lists no named `tool_choice` (Qwen's none/auto: its thinking
        models refuse one), as ML111 reports one sent through the SDK. Not where the call's
        own `tool_choice=` replaces it, nor given a `**mapping` (which may), unless `chosen`:
        the mapping is the method chosen for OpenAI's models (`_tool_method_for_openai`), on
        a model the module may not show."""
        accepted = provider.params.get("tool_choice")
        if (
            accepted is None
            or _FORCED_TOOL in accepted
            or keyword(node, lc.STRUCTURED_TOOL_CHOICE) is not None
            or (not chosen and any(a.star == "**" for a in node.args))
        ):
            return
        func = node.func
        assert isinstance(func, cst.Attribute)  # `visit_Call` checked
        built = _chat_model(self.ctx, func.value)
        schema = argument(node, lc.STRUCTURED_SCHEMA, 0)
        if (built is None and not chosen) or schema is None or schema.star:
            return
        if built is None:
            of, certain = f"`{self.snippet(func.value)}`", False
        else:
            of, certain = built.shown, built.certain and not built.mixed
            if not built.certain:
                of = f"{of}, ChatOpenAI for `openai:` models"
        support = provider.support(_STRUCTURED_OUTPUTS)
        if support is True:
            instead = f'pass method="{lc.JSON_SCHEMA_METHOD}"'
        elif support == "partial":
            instead = (
                f'pass method="{lc.JSON_SCHEMA_METHOD}" where the model serves it '
                f"({support_words(provider, _STRUCTURED_OUTPUTS)}), or "
                f'method="{lc.JSON_MODE_METHOD}" with the JSON described in the prompt'
            )
        else:
            instead = f'pass method="{lc.JSON_MODE_METHOD}" with the JSON described in the prompt'
        self.report(
            node,
            f"{lc.STRUCTURED_OUTPUT}({self.snippet(schema.value)}) of {of} sends the schema as "
            f"a tool named in tool_choice ({how}), which {provider.name} does not accept "
            f"(accepted: {', '.join(accepted)}){param_unconfirmed(provider, 'tool_choice')}; "
            f"{instead}, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={
                "framework": lc.FRAMEWORK,
                "class": "ChatOpenAI",
                "method_from": lc.TOOL_METHOD,
                "certain": certain,
            },
        )

    def _left(
        self,
        node: cst.Call,
        provider: Provider,
        given: cst.Arg | None,
        method: str | None,
        spread: bool,
    ) -> str | None:
        """Why the call is left for a person; None when apply passes the method."""
        if not _forced_tool(provider):
            return (
                f'its file lists no named tool_choice either, so method="{lc.TOOL_METHOD}" may '
                f'fail too: describe the JSON in the prompt and pass method="{lc.JSON_MODE_METHOD}"'
                ", by hand"
            )
        if given is not None and method is None:
            return f'make sure it is not "{lc.JSON_SCHEMA_METHOD}", by hand'
        tools = keyword(node, lc.STRUCTURED_TOOLS)
        if tools is not None:
            return (
                f'`tools=` is sent beside the schema only with "{lc.JSON_SCHEMA_METHOD}": bind '
                f"those tools and ask for the schema apart, by hand"
            )
        if spread and given is None:
            return (
                f"the `**mapping` it is given may name the method: pass "
                f'method="{lc.TOOL_METHOD}" where it is built, by hand'
            )
        return None


class LangChainRunTimeModel(PythonRule):
    """LangChain's `init_chat_model()` choosing at run time among `openai:` models, no base URL.

    ## What it does
    Finds `init_chat_model()` calls whose model is not written in the code: none at all
    (`init_chat_model(configurable_fields=("model", "api_key"))`, each run's config naming
    the model, `.with_config({"configurable": {"model": ...}})`), or one read from settings
    (`init_chat_model(model=config.summarization_model)`), without a provider keyword
    naming another than openai, in a project that names `openai:` chat models in a module or
    notebook (open_deep_research's `"openai:gpt-4.1"` defaults), when the call gives no base
    URL. A model written in the call is ML603's. Also a call given the two halves of a
    `provider/model` string its function splits at the slash (`provider, model =
    name.split("/", maxsplit=1)`; `init_chat_model(model, model_provider=provider)`, the
    `load_chat_model` of LangChain's LangGraph templates) in a project naming OpenAI chat
    models after `openai/` (t65d) in a module calling no litellm and giving no client another
    service's base URL (there they are that service's ids: OpenRouter's `"openai/gpt-4o"`).

    ## Why
    For an `openai:` model the call builds `ChatOpenAI`, which sends its requests to OpenAI's
    URL; mapping the model strings (ML204) does not move them, and ML603 never sees a model
    chosen at run time.

    ## Fix (review)
    `apply` passes the provider's base URL (`base_url=os.environ.get("<PROVIDER>_BASE_URL",
    "<official URL>")`, as ML603 does) and, where the call gives no key, the provider's key
    variable (`api_key=`). The keywords of a configurable `init_chat_model` are the default
    config of every model it builds: a model of another provider chosen at run time would be
    sent there too, so choose `openai:` models only, or pass the base URL with the model per
    run. A key given at run time (an `api_key=` value, a configurable "api_key") stays: make
    it the provider's key, by hand (ML401 reports where OPENAI_API_KEY is read).

    ## Data
    `framework` ("langchain"), `class` (ChatOpenAI), `api_key_env`, `base_url_env`,
    `routes_in` (the files naming `openai:` models), `key_at_run_time` (whether the key is
    given per run), `split` (true where the model and provider come from a `provider/model`
    string split at its slash, `lc.OPENAI_SPLIT_PREFIX`; left out otherwise).
    """

    code = "ML605"
    name = "langchain-run-time-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        # t65d: the `load_chat_model` of LangChain's LangGraph templates (chat-langchain)
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'DEFAULT = "openai/gpt-4o"\n\n\n' + _SPLIT_LOADER,
            provider="acme",
            message="init_chat_model() builds its model from a `provider/model` string split at "
            "run time, ChatOpenAI for `openai/` models (the project names them), which talks "
            "to OpenAI's URL; for Acme Cloud apply passes the base URL from ACME_BASE_URL "
            "(default https://api.acme.example/v1) and the key from ACME_API_KEY (a model of "
            "another provider split there goes to that URL too)",
            after="import os\n\nfrom langchain.chat_models import init_chat_model\n\n"
            'DEFAULT = "openai/gpt-4o"\n\n\n'
            "def load_chat_model(name):\n"
            '    provider, model = name.split("/", maxsplit=1)\n'
            "    return init_chat_model(\n"
            "        model,\n"
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        model_provider=provider,\n"
            "    )\n",
        ),
        # ... not where its `openai/` strings are another service's ids (OpenRouter's)
        Example(
            "from langchain.chat_models import init_chat_model\n"
            "from openai import OpenAI\n\n"
            'router = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
            'ROUTER_MODEL = "openai/gpt-4o"\n\n\n' + _SPLIT_LOADER,
            provider="acme",
            finds=False,
        ),
        # ... nor where the project names no OpenAI chat model after `openai/`
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'DEFAULT = "anthropic/claude-3-5-haiku-20241022"\n\n\n' + _SPLIT_LOADER,
            provider="acme",
            finds=False,
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'model = init_chat_model(configurable_fields=("model", "api_key"))\n'
            'DEFAULT = "openai:gpt-4o"\n',
            provider="acme",
            message="init_chat_model() chooses its model at run time and builds ChatOpenAI for "
            "`openai:` models (this module names them), which talks to OpenAI's URL; for Acme"
            " Cloud apply passes a default model 'openai:acme-small', the base URL from "
            "ACME_BASE_URL (default https://api.acme.example/v1) and the key from "
            "ACME_API_KEY as the default config of every model it builds (a model of another "
            "provider named in a run goes there too; without a default model LangChain fails "
            "building the one it reads attributes from); the key given at run time "
            "(configurable api_key) must be ACME_API_KEY's, by hand",
            after="import os\n\nfrom langchain.chat_models import init_chat_model\n\n"
            "model = init_chat_model(\n"
            '    model="openai:acme-small",\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    configurable_fields=("model", "api_key"),\n'
            ")\n"
            'DEFAULT = "openai:gpt-4o"\n',
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'model = init_chat_model(configurable_fields=("model",))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'model = init_chat_model(configurable_fields=("model",), base_url=URL)\n'
            'DEFAULT = "openai:gpt-4o"\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not mentions_framework(self.ctx):
            return
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        if not _builds_chat(self.ctx, node):
            return
        if init_openai_model(self.ctx, node, lc.INIT_PROVIDER_KEYWORD, "chat") is not None:
            return  # ML603's
        split = split_at_run_time(self.ctx, node)
        if not split and not points_at_run_time(self.ctx, node):
            return
        cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
        url = str(self.ctx.rules.base_url)
        wanted: dict[str, str] = {}
        sent = ""
        configured = _configurable(node)
        per_run = argument(node, lc.INIT_MODEL_KEYWORD, 0) is None
        if per_run:  # every model it builds: a default model beside the keywords
            default = self.ctx.rules.map_model(cls.default_model) or provider.tiers.get("balanced")
            if default is None:
                self._report_left(node, cls.name)
                return
            written = f"{lc.OPENAI_MODEL_PREFIX}{default}"
            wanted[lc.INIT_MODEL_KEYWORD] = literal(written)
            if keyword(node, lc.CONFIGURABLE_FIELDS) is None:  # LangChain's, given no model
                wanted[lc.CONFIGURABLE_FIELDS] = lc.CONFIGURABLE_DEFAULT
            sent = f"a default model {written!r}, "
        given_key = first_keyword(node, cls.key)
        if given_key is None:
            wanted[cls.key[0]] = key_expr(provider, at_import=self.ctx.at_import(node))
        wanted[cls.base_url[0]] = base_url_expr(provider, url)
        switch = run_time_switch(self.ctx, node)
        if switch is not None and switch.sure:  # ML118's, in the same edit
            wanted[lc.EXTRA_BODY] = switch_text(switch.needed)
        late_key = given_key is not None or bool(configured & {lc.CONFIGURABLE_ANY, cls.key[0]})
        text = rebuild_call(self.ctx, node, wanted)
        edit = narrowed_edit(self.ctx, node, text, (IMPORT_OS,))
        sent += f"the base URL from {provider.base_url_env} (default {url})"
        if given_key is None:
            sent += f" and the key from {provider.api_key_env}"
        if switch is not None and switch.sure:
            why = (
                "the module gives the models tools, and some `openai:` chat models named "
                "thought, but"
                if switch.tool_loop
                else "none of the `openai:` chat models named thought, and"
            )
            sent += (
                f", with extra_body={switch_text(switch.needed)} (ML118: {why} the "
                f"{provider.name} models they map to think unless told not to; a tool loop "
                "must send the reasoning back, which LangChain's chat models do not)"
            )
        if split:
            message = (
                f"{last_name(node.func)}() builds its model from a `provider/model` string "
                f"split at run time, ChatOpenAI for `{lc.OPENAI_SPLIT_PREFIX}` models (the "
                "project names them), which talks to OpenAI's URL; for "
                f"{provider.name} apply passes {sent} (a model of another provider split "
                "there goes to that URL too)"
            )
        else:
            message = (
                f"{last_name(node.func)}() chooses its model at run time and builds ChatOpenAI "
                f"for `openai:` models ({_routes(self.ctx)}), which talks to OpenAI's URL; "
                f"for {provider.name} apply passes {sent}"
            )
        if per_run:
            message += (
                " as the default config of every model it builds (a model of another provider "
                "named in a run goes there too; without a default model LangChain fails "
                "building the one it reads attributes from)"
            )
        if late_key:
            source = (
                f"`{self.snippet(given_key.value)}`"
                if given_key is not None
                else "configurable api_key"
            )
            message += (
                f"; the key given at run time ({source}) must be {provider.api_key_env}'s, by hand"
            )
        self.report(node, message, edit=edit, data=self._data(cls.name, late_key, split))

    def _data(self, name: str, late_key: bool, split: bool = False) -> dict[str, object]:
        provider = self.provider
        assert provider is not None
        data: dict[str, object] = {
            "framework": lc.FRAMEWORK,
            "class": name,
            "api_key_env": provider.api_key_env,
            "base_url_env": provider.base_url_env,
            "routes_in": sorted(self.ctx.rules.facts.openai_routes_in),
            "key_at_run_time": late_key,
        }
        if split:
            data["split"] = True
        return data

    def _report_left(self, node: cst.Call, name: str) -> None:
        """A model configured per run where the provider's file names no model to default to."""
        provider = self.provider
        assert provider is not None
        self.report(
            node,
            f"{last_name(node.func)}() chooses its model at run time and builds ChatOpenAI for "
            f"`openai:` models ({_routes(self.ctx)}), which talks to OpenAI's URL; give it "
            f"model=<a {provider.name} model>, api_key= and base_url= for {provider.name}, by "
            "hand",
            fix=FixClass.MANUAL,
            data=self._data(name, False),
        )


def points_at_run_time(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether ML605 points `init_chat_model()` call `call` at the target: it chooses its
    model at run time, names no provider (one chosen at run time may be another than openai)
    and is given no base URL, in a project naming `openai:` chat models. Not where the
    project requires the target's own route in LangChain (`langchain_routes.takes_route`):
    there ML204 moves those models to it, whose class reads the provider's own variables."""
    if not _run_time_init(ctx, call, provider_given=False):
        return False
    route = route_of(ctx.rules.provider)
    if route is not None and takes_route(ctx, route):
        return False
    cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
    return endpoint(ctx, call, cls.base_url).kind == "openai"


def _tool_method_for_openai(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The test choosing `method="function_calling"` for OpenAI's models in the `**mapping`
    `with_structured_output()` call `call` spreads (chat-langchain's `kwargs = {"method":
    "function_calling"} if "openai" in configuration.query_model else {}`, bound once): its
    test, which names "openai"; None otherwise."""
    for arg in call.args:
        if arg.star != "**":
            continue
        for value in held_values(ctx, arg.value):
            if not isinstance(value, cst.IfExp):
                continue
            if not any(string_value(s) == lc.INIT_OPENAI for s in string_literals(value.test)):
                continue
            body = value.body
            if isinstance(body, cst.Dict) and any(
                isinstance(e, cst.DictElement)
                and string_value(e.key) == lc.STRUCTURED_METHOD
                and string_value(e.value) == lc.TOOL_METHOD
                for e in body.elements
            ):
                return value.test
    return None


def split_at_run_time(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `init_chat_model()` call `call` takes its model and `model_provider=` from a
    string its function splits at the slash (`provider, model = name.split("/", maxsplit=1)`;
    `init_chat_model(model, model_provider=provider)`: `lc.OPENAI_SPLIT_PREFIX`), is given no
    base URL, and the project names OpenAI chat models after `openai/`."""
    if not _module_splits(ctx):
        return False
    model = argument(call, lc.INIT_MODEL_KEYWORD, 0)
    given = keyword(call, lc.INIT_PROVIDER_KEYWORD)
    if model is None or given is None:
        return False
    if not (isinstance(model.value, cst.Name) and isinstance(given.value, cst.Name)):
        return False
    wanted = [given.value.value, model.value.value]
    if not any(_splits_into(a, wanted) for a in scope_assignments(ctx, call)):
        return False
    cls = lc.CLASSES[lc.INIT_OPENAI_CLASS]
    return endpoint(ctx, call, cls.base_url).kind == "openai"


def _module_splits(ctx: PythonContext) -> bool:
    """Whether the project (or the module, read alone) splits `provider/model` strings and
    names OpenAI chat models after `openai/` (read once)."""
    found = ctx.analyses.get(_module_splits)
    if found is None:
        facts, data = ctx.rules.facts, ctx.text.encode()
        found = ctx.analyses[_module_splits] = (
            facts.provider_slash_split or splits_slash(data)
        ) and (facts.slash_routes_named or names_slash_route(data))
    return bool(found)


def _splits_into(assign: cst.Assign, names: list[str]) -> bool:
    """Whether `assign` binds `names` (the provider's, the model's) from `X.split("/", ...)`."""
    target = assign.targets[0].target if len(assign.targets) == 1 else None
    value = assign.value
    if not isinstance(target, (cst.Tuple, cst.List)) or not isinstance(value, cst.Call):
        return False
    bound = [e.value.value if isinstance(e.value, cst.Name) else None for e in target.elements]
    func = value.func
    return (
        bound == names
        and isinstance(func, cst.Attribute)
        and func.attr.value == "split"
        and bool(value.args)
        and string_value(value.args[0].value) == lc.SPLIT_SEPARATOR
    )


def _configurable(call: cst.Call) -> frozenset[str]:
    """The fields an `init_chat_model()` call makes configurable as it writes them (`"any"`
    for all); none when not given or not written as literals."""
    arg = keyword(call, lc.CONFIGURABLE_FIELDS)
    if arg is None:
        return frozenset()
    value = arg.value
    if (text := string_value(value)) is not None:
        return frozenset({text})
    if isinstance(value, (cst.Tuple, cst.List, cst.Set)):
        return frozenset(t for e in value.elements if (t := string_value(e.value)) is not None)
    return frozenset()


LANGCHAIN_RUNTIME_RULES = (LangChainStructuredOutput, LangChainRunTimeModel)
