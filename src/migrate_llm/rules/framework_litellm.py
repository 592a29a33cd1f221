"""Rules for litellm-style model strings: litellm's calls and Router, and DSPy's LM classes
(see `migrate_llm.frameworks.litellm` and `migrate_llm.frameworks.dspy`).

A call is moved only when its model is an OpenAI model written in the module (a literal, a
constant, a default): then the model becomes the provider's (with litellm's prefix for it) and
the call gets the provider's key and base URL, together. A call whose model is computed at run
time, or whose `api_base` already names another endpoint, is left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import agents as fw_agents
from migrate_llm.frameworks import aider as fw_aider
from migrate_llm.frameworks import dspy as fw_dspy
from migrate_llm.frameworks import litellm as fw
from migrate_llm.frameworks import pandasai as fw_pandasai
from migrate_llm.frameworks import smolagents as fw_smol
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules import litellm_route_keys as route_keys
from migrate_llm.rules.agents_routed_names import routed_name
from migrate_llm.rules.azure_target import azure_target
from migrate_llm.rules.base import Example
from migrate_llm.rules.client_writes import held_constructions
from migrate_llm.rules.clients import (
    classify_url,
    env_var_read,
    held_key_advice,
    kept_key_text,
    left_key_held,
    migrated_key,
    passed_key_advice,
    passed_keys,
    typed_key_advice,
)
from migrate_llm.rules.clients import setting as client_setting
from migrate_llm.rules.code_templates import base_url_expr, key_expr, os_imports
from migrate_llm.rules.dspy_bases import (
    endpoint_keywords,
    legacy_base_expr,
    needs_slash,
    slashed,
    without_slash,
)
from migrate_llm.rules.dspy_subclasses import built_subclass, subclass
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.forwarding import function_label
from migrate_llm.rules.framework_args import (
    argument,
    dict_entries,
    insert_entries,
    insert_keywords,
    passes_mapping,
    qualified,
)
from migrate_llm.rules.key_prompts import prompt_wording, report_prompt, report_prompt_texts
from migrate_llm.rules.litellm_forwarded import forwarded_param
from migrate_llm.rules.model_left import branch_reason
from migrate_llm.rules.model_values import known_literals, model_values
from migrate_llm.rules.models import article
from migrate_llm.rules.option_defaults import default_of
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    last_name,
    scope_assignments,
    self_attribute,
    string_value,
)
from migrate_llm.rules.request_arguments import RequestArgument
from migrate_llm.rules.rewrite import string_like
from migrate_llm.rules.settings_reader_reads import reader_read


@dataclass(frozen=True)
class ModelCall:
    """A call that takes a litellm-style model: what it is called in messages, its model
    argument, the prefix the provider's model gets (None: a bare model id), whether the
    model string may carry a prefix, the keywords naming the key and the base URL, and
    whether a model not written in the module is a string chosen at run time (not so for
    `dspy.Embedder`, whose model may be the application's own function), the keyword
    naming the model (smolagents' `model_id`), and the keyword choosing the chat API and its
    value, for a class that picks the API by the model's name (`fw_dspy.LEGACY_CLASSES`);
    `slashed_base`: its base URL must end with a slash (`fw_dspy.SLASHED_BASE`)."""

    shown: str
    model: cst.Arg | None
    prefix: str | None
    prefixed: bool
    key: str
    bases: tuple[str, ...]
    run_time: bool = True
    surface: str = "chat"
    model_keyword: str = fw.MODEL_KEYWORD
    chat_type: tuple[str, str] | None = None
    slashed_base: bool = False


def _litellm_prefix(ctx: PythonContext, surface: str) -> str:
    provider = ctx.rules.provider
    own = provider.frameworks.get("litellm_prefix") if provider is not None else None
    if surface == "chat" and isinstance(own, str):
        return own
    return fw.OPENAI_PREFIX if surface == "chat" else fw.EMBEDDINGS_PREFIX


def chat_prefix(ctx: PythonContext) -> str:
    """The route litellm's chat calls take to the provider (`openai` for one without a route
    of its own): how ML640 writes a model, and ML694 advises one."""
    return _litellm_prefix(ctx, "chat")


def azure_route_text(value: str) -> str:
    """What litellm does with `value` on its route to Azure OpenAI (`fw.AZURE_ROUTES`):
    `litellm's azure route, which sends the deployment 'gpt-4o' to ...` (ML640, ML206)."""
    head, deployment = fw.route(value)
    key_env, base_env, version_env = fw.AZURE_ROUTES[head]
    return (
        f"litellm's {head} route, which sends the deployment {deployment!r} to the resource of "
        f"api_base (else {base_env}) with api_key (else {key_env}) and api_version (else "
        f"{version_env})"
    )


def model_call(ctx: PythonContext, call: cst.Call) -> ModelCall | None:
    """The litellm or DSPy call `call` is, or None (a name bound to a litellm function
    too: `completion = litellm.completion`). Worked out once per call (several rules ask
    it of every call of a module)."""
    found = cast("dict[int, ModelCall | None]", ctx.analyses.setdefault(model_call, {}))
    key = id(call)
    if key not in found:
        found[key] = _model_call(ctx, call)
    return found[key]


def litellm_function(ctx: PythonContext, call: cst.Call) -> tuple[cst.BaseExpression, str] | None:
    """The litellm function (`fw.CALLS`) `call` calls, and its qualified name: directly, or
    through a name bound to it (`completion = litellm.completion`), also where the name's
    other bindings are an SDK's request method (`PythonContext.callees`: shell_gpt's
    `completion = client.chat.completions.create` in the other branch), or through an
    attribute of `self` its class assigns once, in any method, a name bound to one (R2R's
    `self.acompletion = acompletion` in `__init__`, then `self.acompletion(...)`); else None."""
    if not _may_name(ctx, _function_packages()):  # asked of every call
        return None
    for function in ctx.callees(call):
        name = qualified(ctx, function, fw.CALLS)
        if name is not None:
            return function, name
    return _held_function(ctx, call.func)


def _held_function(
    ctx: PythonContext, func: cst.BaseExpression
) -> tuple[cst.BaseExpression, str] | None:
    """The litellm function (`fw.CALLS`) and its qualified name that `self.X` (`func`) holds:
    the one value the class assigns to it is a name bound to that function (`self.completion =
    completion` beside `from litellm import completion`); else None."""
    if type(func) is not cst.Attribute or not self_attribute(func):
        return None
    values = ctx.self_values(func)
    if len(values) != 1 or type(values[0]) is not cst.Name:
        return None
    name = qualified(ctx, values[0], fw.CALLS)
    return (values[0], name) if name is not None else None


def shared_call(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` goes through a name bound to litellm's function and to an SDK method
    (`PythonContext.callees`: shell_gpt's `completion`): one model cannot suit both."""
    return len(ctx.callees(call)) > 1 and litellm_function(ctx, call) is not None


def _may_name(ctx: PythonContext, packages: tuple[str, ...]) -> bool:
    """Whether the module writes one of `packages`: a qualified name comes from what it
    writes (an import, or `litellm.completion` itself, `PythonContext.qualnames`), so one
    that writes none of them calls nothing under them."""
    return any(ctx.mentions(package) for package in packages)


@functools.cache
def _function_packages() -> tuple[str, ...]:
    """The top-level packages of litellm's functions (`fw.CALLS`)."""
    return tuple(sorted({name.partition(".")[0] for name in fw.CALLS}))


@functools.cache
def _taker_packages() -> tuple[str, ...]:
    """What `calls_litellm` looks for is under these names (its stand-in one of them)."""
    tables = (
        fw.CALLS,
        fw.ROUTER_CLASSES,
        fw_smol.ROUTER_CLASSES,
        fw_smol.LITELLM_CLASSES,
        fw_pandasai.LITELLM_CLASSES,
        fw_aider.MODEL_CLASSES,
    )
    return tuple(sorted({fw.STAND_IN} | {n.partition(".")[0] for t in tables for n in t}))


def _model_call(ctx: PythonContext, call: cst.Call) -> ModelCall | None:
    found = litellm_function(ctx, call)
    if found is not None:
        function, surface = found[0], fw.CALLS[found[1]]
        return ModelCall(
            f"litellm.{last_name(function)}()",
            argument(call, fw.MODEL_KEYWORD, fw.MODEL_POSITION),
            _litellm_prefix(ctx, surface),
            True,
            fw.API_KEY,
            fw.BASE_KEYWORDS,
            surface=surface,
        )
    name = qualified(ctx, call.func, fw_dspy.LM_CLASSES)
    if name is not None:
        prefixed = fw_dspy.LM_CLASSES[name]
        return ModelCall(
            f"dspy.{last_name(call.func)}()",
            argument(call, fw_dspy.MODEL_KEYWORD, fw_dspy.MODEL_POSITION),
            fw_dspy.PREFIX if prefixed else None,
            prefixed,
            fw_dspy.API_KEY,
            (fw_dspy.API_BASE, "base_url"),
            chat_type=fw_dspy.LEGACY_CLASSES.get(name),
            slashed_base=name in fw_dspy.SLASHED_BASE,
        )
    if ctx.rules.facts.lm_subclasses or ctx.mentions("dspy"):
        built = _subclass_call(ctx, call)
        if built is not None:
            return built
    if qualified(ctx, call.func, fw_dspy.EMBEDDER_CLASSES) is not None:
        return ModelCall(
            "dspy.Embedder()",
            argument(call, fw_dspy.MODEL_KEYWORD, fw_dspy.MODEL_POSITION),
            fw.EMBEDDINGS_PREFIX,
            True,
            fw.API_KEY,
            fw.BASE_KEYWORDS,
            run_time=False,
            surface="embeddings",
        )
    if qualified(ctx, call.func, fw_agents.LITELLM_MODELS) is not None:
        return ModelCall(
            f"{last_name(call.func)}()",
            argument(call, *fw_agents.LITELLM_MODEL),
            _litellm_prefix(ctx, "chat"),
            True,
            fw_agents.LITELLM_KEY,
            (fw_agents.LITELLM_BASE,),
        )
    if ctx.mentions(fw_pandasai.LITELLM_MODULE) and qualified(
        ctx, call.func, fw_pandasai.LITELLM_CLASSES
    ):
        return ModelCall(
            "LiteLLM() (pandasai-litellm)",
            argument(call, *fw_pandasai.LITELLM_MODEL),
            _litellm_prefix(ctx, "chat"),
            True,
            fw_pandasai.LITELLM_KEY,
            fw_pandasai.LITELLM_BASES,
        )
    return _smolagents_call(ctx, call)


def _subclass_call(ctx: PythonContext, call: cst.Call) -> ModelCall | None:
    """A construction of a class of the project deriving from DSPy's legacy class that
    hands its key and base URL on to it (`dspy_subclasses.built_subclass`): checked as a
    call of that class is, with the keywords the subclass hands on."""
    built = built_subclass(ctx, call)
    if built is None or not built.subclass.forwards:
        return None
    sub = built.subclass
    chat = fw_dspy.LEGACY_CLASSES.get(sub.base)
    model = None
    if fw_dspy.MODEL_KEYWORD in sub.taken:
        position = fw_dspy.MODEL_POSITION if sub.model_first else None
        model = argument(call, fw_dspy.MODEL_KEYWORD, position)
    return ModelCall(
        f"{sub.name}() (deriving from dspy.{sub.base.rpartition('.')[2]})",
        model,
        None,
        False,
        fw_dspy.API_KEY,
        (fw_dspy.API_BASE,),
        chat_type=chat if chat is not None and chat[0] in sub.taken else None,
        slashed_base=sub.base in fw_dspy.SLASHED_BASE,
    )


def _smolagents_call(ctx: PythonContext, call: cst.Call) -> ModelCall | None:
    """smolagents' LiteLLMModel (a litellm model string) or OpenAIServerModel (a bare model
    id for an OpenAI client), or None."""
    litellm_class = qualified(ctx, call.func, fw_smol.LITELLM_CLASSES) is not None
    if not litellm_class and qualified(ctx, call.func, fw_smol.OPENAI_CLASSES) is None:
        return None
    return ModelCall(
        f"{last_name(call.func)}()",
        argument(call, fw_smol.MODEL_KEYWORD, fw_smol.MODEL_POSITION),
        _litellm_prefix(ctx, "chat") if litellm_class else None,
        litellm_class,
        fw_smol.API_KEY,
        (fw_smol.API_BASE,),
        model_keyword=fw_smol.MODEL_KEYWORD,
    )


def openai_route_call(ctx: PythonContext, call: cst.Call) -> tuple[ModelCall, str] | None:
    """A chat call of `model_call` that reaches the provider on litellm's OpenAI-compatible
    route (`openai/<model>`: DSPy's LM, and litellm's calls for a provider without a route of
    its own), with its model written in the module, and that model without the prefix; its
    base URL OpenAI's (apply moves it) or the provider's. litellm sends the call's other
    keywords (`temperature`, `max_tokens`) to the endpoint as they are, as the SDK does."""
    found = model_call(ctx, call)
    if (
        found is None
        or found.model is None
        or found.prefix != fw.OPENAI_PREFIX
        or not found.prefixed
        or found.surface != "chat"
    ):
        return None
    bases = [a for name in found.bases if (a := argument(call, name, None)) is not None]
    if not all(openai_or_provider(ctx, a.value) for a in bases):
        return None
    resolved = ctx.resolve_literal(found.model.value)
    if resolved is None:
        return None
    prefix, model = fw.route(resolved[1])
    # a bare OpenAI model (`dspy.LM("gpt-5")`) is written on that route too
    bare = not prefix and openai_model(ctx, model, False) is not None
    return (found, model) if prefix == fw.OPENAI_PREFIX or bare else None


def openai_or_provider(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a base URL is OpenAI's (`endpoint_kind`) or the provider's (`provider_url`)."""
    return endpoint_kind(ctx, expr) == "openai" or provider_url(ctx, expr)


def provider_url(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a base URL is the target provider's: its URL, or a read of its base-URL
    variable (what apply writes) or of the one litellm's route for it reads
    (`Provider.litellm_route`: DEEPSEEK_API_BASE, which ML640's advice names), also through a
    name (`named_read`)."""
    provider = ctx.rules.provider
    expr = without_slash(expr)
    env = env_var_read(ctx, expr) or named_read(ctx, expr)
    if env is not None:
        route = provider.litellm_route() if provider is not None else None
        bases = (
            {provider.base_url_env, *(route[2:] if route is not None else ())} if provider else ()
        )
        return env[0] in bases
    resolved = ctx.resolve_literal(expr)
    owner = classify_url(ctx, resolved[1]).provider if resolved is not None else None
    return owner is not None and provider is not None and owner.id == provider.id


@dataclass(frozen=True)
class RoutedRequest:
    """A request litellm (or smolagents' OpenAI client) sends with the keywords written in the
    module: the call's own (`params` None) or a Router deployment's `litellm_params` entries;
    its model as the provider gets it, without a prefix (with the literal or constant giving
    it; `model_node` None: not known), and the keywords that reach the endpoint under their own
    name (None: all of them). `arguments`: the arguments it sends, where a framework hands a
    dict of them on (Haystack's `generation_kwargs`: `generation_requests`). `litellm`: litellm
    sends it, with the openai release litellm itself requires, not through a call of the SDK
    the project makes (ML112 raises no openai requirement for it)."""

    shown: str
    model: str
    model_node: cst.BaseExpression | None
    how: str
    as_is: frozenset[str] | None
    params: cst.Dict | None = None
    arguments: Mapping[str, RequestArgument] | None = None
    litellm: bool = False


def class_request(
    ctx: PythonContext,
    shown: str,
    built: cst.Call,
    cls: FrameworkClass,
    arguments: Mapping[str, RequestArgument],
) -> RoutedRequest:
    """The request a framework class built by `built` sends with `arguments`, its model the
    class's `model=` (a literal or a constant) or, given none and no `**` mapping, the
    class's default (Haystack's `generation_kwargs`, LangChain's `bind()` keywords)."""
    from migrate_llm.rules.framework_classes import model_argument

    model = model_argument(built, cls)
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    if model is None and not any(a.star == "**" for a in built.args):
        resolved = (built.func, cls.default_model, "class default")
    if resolved is None:
        return RoutedRequest(shown, "", None, "", None, arguments=arguments)
    node, name, how = resolved
    return RoutedRequest(shown, name, node, how, None, arguments=arguments)


def routed_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The requests `call` makes whose keywords litellm sends on to the provider: a call of
    `openai_route_call`; a chat call of `model_call` on the provider's own litellm route
    (`LiteLLMModel("deepseek/deepseek-v4-pro", max_completion_tokens=8192)`, or an OpenAI model
    apply puts there), whose token limits and sampling keywords pass only as `fw.sent_as_is`
    says, its keywords written or spread from a dict display (`LiteLLMModel(**params)`);
    smolagents' `OpenAIServerModel` (an OpenAI client: all keywords); and each deployment of a
    Router or LiteLLMRouterModel (its `litellm_params`). The base URL given is OpenAI's or the
    provider's. Worked out once per call (the rules checking requests ask it of every call
    that is not an SDK request)."""
    found = cast("dict[int, list[RoutedRequest]]", ctx.analyses.setdefault(routed_requests, {}))
    key = id(call)
    if key not in found:
        found[key] = _routed_requests(ctx, call)
    return found[key]


def _routed_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    if _router(ctx, call):
        return [r for d in _deployments(ctx, call) if (r := _routed_deployment(ctx, d))]
    found = model_call(ctx, call)
    if found is None or found.surface != "chat":
        return []
    routed = openai_route_call(ctx, call)
    if routed is not None and routed[0].model is not None:
        resolved = ctx.resolve_literal(routed[0].model.value)
        if resolved is not None:
            return [
                RoutedRequest(found.shown, routed[1], resolved[0], resolved[2], None, litellm=True)
            ]
    entries: Mapping[str, cst.Arg | cst.DictElement] = {
        a.keyword.value: a for a in call.args if a.keyword is not None
    }
    spread = spread_dict(ctx, call, found) if found.model is None else None
    if spread is not None:
        entries = dict_entries(spread) or {}
    model = found.model or entries.get(found.model_keyword)
    bases = [entries[name].value for name in found.bases if name in entries]
    if model is None or not all(openai_or_provider(ctx, b) for b in bases):
        return []
    resolved = ctx.resolve_literal(model.value) or _one_known(ctx, model.value)
    if resolved is None:
        return []
    request = _routed(ctx, found.shown, resolved, found.prefix if found.prefixed else None)
    return [request] if request is not None else []


def _one_known(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[cst.BaseExpression, str, str] | None:
    """The model a call's `model=` sends where the module shows every value it may hold and
    they are one string (`known_literals`: open-interpreter's `self.model = "gpt-4o"` read as
    `model=self.model`), the first of them; else None."""
    found = known_literals(ctx, expr)
    if not found or len({value for _, value, _ in found}) != 1:
        return None
    return found[0]


def reached_models(ctx: PythonContext, call: cst.Call) -> list[tuple[cst.CSTNode, str]]:
    """For litellm's `completion` / `acompletion` whose base URL, if given, is OpenAI's or the
    provider's, the model literals its `model=` may send (`model_values`: through names,
    defaults, `self.X`, callers' arguments) that reach the provider once migrated, each with
    the model the provider gets: an OpenAI model (`gpt-4o`, `openai/gpt-4o`), as written (the
    caller maps it), or the provider's on its own route (`deepseek/deepseek-v4-pro`)."""
    found = model_call(ctx, call)
    provider = ctx.rules.provider
    if found is None or not litellm_chat_call(ctx, call) or provider is None:
        return []
    model = _given_model(ctx, call, found)
    if model is None or not all(openai_or_provider(ctx, b) for b in shown_bases(ctx, call, found)):
        return []
    own = provider.frameworks.get("litellm_prefix")
    reached = []
    for node, value in model_values(ctx, model):
        head, name = fw.route(value)
        on_route = bool(head) and head == own and provider.serves(name)
        if on_route or openai_model(ctx, value, True) is not None:
            reached.append((node, name))
    return reached


def _routed_deployment(
    ctx: PythonContext, deployment: Mapping[str, cst.DictElement]
) -> RoutedRequest | None:
    params = deployment.get(fw.ROUTER_PARAMS)
    entries = dict_entries(params.value) if params is not None else None
    if params is None or entries is None or fw.MODEL_KEYWORD not in entries:
        return None
    bases = [entries[name].value for name in fw.BASE_KEYWORDS if name in entries]
    resolved = ctx.resolve_literal(entries[fw.MODEL_KEYWORD].value)
    if resolved is None or not all(openai_or_provider(ctx, b) for b in bases):
        return None
    found = _routed(ctx, "a Router deployment", resolved, _litellm_prefix(ctx, "chat"))
    if found is None or not isinstance(params.value, cst.Dict):
        return None
    return RoutedRequest(
        found.shown, found.model, found.model_node, found.how, found.as_is, params.value, None, True
    )


def _routed(
    ctx: PythonContext,
    shown: str,
    resolved: tuple[cst.BaseExpression, str, str],
    prefix: str | None,
) -> RoutedRequest | None:
    """The request of a model string (`resolve_literal`'s) on the route it takes once
    migrated: an OpenAI model gets `prefix` (the route apply writes; None: a bare id for an
    OpenAI client), a model already on litellm's OpenAI route or the provider's own keeps it;
    another route is litellm's to translate (None)."""
    node, value, how = resolved
    provider = ctx.rules.provider
    if provider is None:
        return None
    own = provider.frameworks.get("litellm_prefix")
    head, model = fw.route(value) if prefix is not None else ("", value)
    if head in ("", fw.OPENAI_PREFIX) and openai_model(ctx, model, False) is not None:
        head = prefix or ""  # apply writes it on that route
    elif not provider.serves(model):
        return None
    if prefix is None:  # smolagents' OpenAIServerModel: its own OpenAI client
        return RoutedRequest(shown, model, node, how, None)
    if head == fw.OPENAI_PREFIX:
        return RoutedRequest(shown, model, node, how, None, litellm=True)
    if head and head == own == prefix:
        return RoutedRequest(shown, model, node, how, fw.sent_as_is(head), litellm=True)
    return None


# why LiteLLMRouterModel, not its deployments, is given the endpoint (`fw_smol.ROUTER_MODEL`)
ROUTER_MODEL_NOTE = (
    ", to LiteLLMRouterModel itself: it passes its api_base and api_key on every call, over "
    "each deployment's"
)


def endpoint_kind(ctx: PythonContext, expr: cst.BaseExpression) -> str:
    """ "openai" for an OpenAI URL or variable (or None), also read through a name
    (`named_read`), else "other"."""
    expr = without_slash(expr)
    if isinstance(expr, cst.Name) and expr.value == "None":
        return "openai"
    env = env_var_read(ctx, expr) or named_read(ctx, expr)
    if env is not None:
        return "openai" if ENV_NAME.match(env[0]) else "other"
    resolved = ctx.resolve_literal(expr)
    if resolved is not None and classify_url(ctx, resolved[1]).kind == "openai":
        return "openai"
    return "other"


def base_left(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a base URL given to a call whose model is chosen at run time leaves it where
    the model sends it: OpenAI's (`endpoint_kind`), or a name that may be None (a parameter
    defaulting to None, `key_destinations.maybe_none`): given None, litellm sends an
    `openai/...` or bare OpenAI model to OpenAI, with the key beside it."""
    from migrate_llm.rules.key_destinations import maybe_none  # it imports this

    return endpoint_kind(ctx, expr) == "openai" or maybe_none(ctx, expr)


def bound_url(ctx: PythonContext, expr: cst.BaseExpression) -> cst.BaseExpression:
    """`expr`, or what a name of it holds where the module shows one value: the value it is
    bound to once (`base = os.getenv("OPENAI_BASE_URL")`, in the module or the function), or
    the default of the parameter it is (`def ask(q, base=os.getenv("OPENAI_BASE_URL"))`),
    followed through a few names."""
    for _ in range(3):
        if not isinstance(expr, cst.Name):
            break
        value = ctx.bound_value(expr)
        if value is None:
            bound = ctx.bindings(expr)
            param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
            value = (
                param.default
                if isinstance(param, cst.Param) and not _given_by_a_caller(ctx, param)
                else None
            )
        if value is None:
            break
        expr = value
    return expr


def _given_by_a_caller(ctx: PythonContext, param: cst.Param) -> bool:
    """Whether a call in the module of the function `param` belongs to may give it a value of
    its own (by its keyword, by position, or through `*`/`**`): then its default is not the
    only value it holds (`ask(q, base="http://127.0.0.1:8000/v1")`)."""
    function = next(
        (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
    )
    if function is None:
        return True
    position = next(
        (i for i, p in enumerate(function.params.params) if p is param),
        None,
    )
    name = function.name.value
    for node in ctx.nodes:
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        called = func.value if isinstance(func, cst.Name) else None
        if isinstance(func, cst.Attribute):
            called = func.attr.value
        if called != name:
            continue
        if any(a.star for a in node.args):
            return True
        if any(a.keyword is not None and a.keyword.value == param.name.value for a in node.args):
            return True
        positional = [a for a in node.args if a.keyword is None]
        if position is not None and len(positional) > position - (isinstance(func, cst.Attribute)):
            return True
    return False


def named_read(
    ctx: PythonContext, expr: cst.BaseExpression
) -> tuple[str, cst.BaseExpression | None] | None:
    """The read of an environment variable (`env_var_read`) a base URL given as a name holds
    (`bound_url`): ML401 renames it where it is bound, so the call keeps the name; None for
    anything else."""
    if not isinstance(expr, cst.Name):
        return None
    value = bound_url(ctx, expr)
    return env_var_read(ctx, value) if value is not expr else None


def manual_model(ctx: PythonContext, call: cst.Call) -> cst.Arg | None:
    """The model argument of a call of `model_call` that ML640 leaves to a person, its base
    URL (if any) OpenAI's: a model chosen at run time, or an OpenAI embeddings model for a
    provider that serves no embeddings."""
    found = model_call(ctx, call)
    if found is None or found.model is None:
        return None
    bases = [a for name in found.bases if (a := argument(call, name, None)) is not None]
    resolved = ctx.resolve_literal(found.model.value)
    if resolved is None:
        left = all(base_left(ctx, a.value) for a in bases)
        return found.model if found.run_time and left else None
    if any(endpoint_kind(ctx, a.value) != "openai" for a in bases):
        return None
    provider = ctx.rules.provider
    if (
        found.surface == "embeddings"
        and provider is not None
        and provider.supports.get("embeddings") is False
        and openai_model(ctx, resolved[1], True) is not None
    ):
        return found.model
    return None


def shown_bases(ctx: PythonContext, call: cst.Call, found: ModelCall) -> list[cst.BaseExpression]:
    """The base URLs a call of `model_call` is given: its keywords for one, and the entries
    for one that its `**` mapping shows (`kwargs_of`: `**kw` with `kw = {"api_base": ...}`)."""
    from migrate_llm.rules.clients import kwargs_of

    bases = [a.value for name in found.bases if (a := argument(call, name, None)) is not None]
    kwargs = kwargs_of(ctx, call)
    if kwargs is not None:
        bases += [kwargs.entries[name] for name in found.bases if name in kwargs.entries]
    return bases


def endpoint_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call`, of `model_call`, passes `*`/`**` arguments and has its model written in
    the module, one that sends it to OpenAI with no base URL (an OpenAI model, the provider's
    on litellm's OpenAI route, or any on DSPy's legacy OpenAI class or smolagents'
    OpenAIServerModel, OpenAI clients), and no base URL but OpenAI's given or shown in the
    mapping (`shown_bases`): ML640 leaves its key and base URL to a person (the mapping may
    hold them), so it stays on OpenAI with whatever key it is given."""
    found = model_call(ctx, call)
    if found is None or found.model is None or not passes_mapping(call):
        return False
    resolved = ctx.resolve_literal(found.model.value)
    if resolved is None or any(
        endpoint_kind(ctx, b) != "openai" for b in shown_bases(ctx, call, found)
    ):
        return False
    value = resolved[1]
    return (
        not found.prefixed
        or openai_model(ctx, value, True) is not None
        or openai_routed(ctx, value, True) is not None
    )


def spread_dict(ctx: PythonContext, call: cst.Call, found: ModelCall) -> cst.Dict | None:
    """The dict display a call's keywords come from, `call(**params)` with `params = {...}`
    bound once in the module (or `call(**{...})`): the call's only starred argument, and no
    keyword of its own for the model, key or base URL."""
    starred = [a for a in call.args if a.star]
    if len(starred) != 1 or starred[0].star != "**":
        return None
    own = {found.model_keyword, found.key, *found.bases}
    if any(a.keyword is not None and a.keyword.value in own for a in call.args):
        return None
    value: cst.BaseExpression | None = starred[0].value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    if not isinstance(value, cst.Dict) or dict_entries(value) is None:
        return None
    return value


@dataclass(frozen=True)
class RunTimeParams:
    """A dict display giving a litellm call or Router its model chosen at run time."""

    call: cst.Call  # the litellm call or the Router
    model: cst.BaseExpression  # the model the dict gives it


def run_time_params(ctx: PythonContext, node: cst.CSTNode | None) -> RunTimeParams | None:
    """The litellm call or Router that the dict display `node` gives a model chosen at run
    time, with no base URL but OpenAI's: a call's `**params` (`spread_dict`, ML640's warning)
    or a Router deployment's `litellm_params`. An OpenAI model there goes to OpenAI, with
    the key the dict gives."""
    found = ctx.analyses.get(run_time_params)
    if found is None:
        found = ctx.analyses[run_time_params] = _run_time_params(ctx)
    return cast("dict[int, RunTimeParams]", found).get(id(node))


def _run_time_params(ctx: PythonContext) -> dict[int, RunTimeParams]:
    found: dict[int, RunTimeParams] = {}
    if not ctx.mentions("litellm") and not ctx.mentions("dspy") and not ctx.mentions("smolagents"):
        return found
    for call in ctx.nodes:
        if not isinstance(call, cst.Call):
            continue
        dicts: list[tuple[cst.Dict, str, tuple[str, ...]]] = []
        model = model_call(ctx, call)
        if model is not None and model.model is None and model.run_time:
            spread = spread_dict(ctx, call, model)
            if spread is not None:
                dicts.append((spread, model.model_keyword, model.bases))
        elif model is None and _router(ctx, call):
            for deployment in _deployments(ctx, call):
                given = deployment.get(fw.ROUTER_PARAMS)
                if given is not None and isinstance(given.value, cst.Dict):
                    dicts.append((given.value, fw.MODEL_KEYWORD, fw.BASE_KEYWORDS))
        for params, model_name, base_names in dicts:
            entries = dict_entries(params)
            given = entries.get(model_name) if entries is not None else None
            if entries is None or given is None or ctx.resolve_literal(given.value) is not None:
                continue
            bases = [entries[name].value for name in base_names if name in entries]
            if all(endpoint_kind(ctx, base) == "openai" for base in bases):
                found[id(params)] = RunTimeParams(call, given.value)
    return found


def _router(ctx: PythonContext, call: cst.Call) -> bool:
    """litellm's Router, or smolagents' LiteLLMRouterModel (which builds one)."""
    return (
        qualified(ctx, call.func, fw.ROUTER_CLASSES) is not None
        or qualified(ctx, call.func, fw_smol.ROUTER_CLASSES) is not None
    )


def _smolagents_router(ctx: PythonContext, call: cst.Call) -> bool:
    return qualified(ctx, call.func, fw_smol.ROUTER_CLASSES) is not None


def calls_litellm(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` hands litellm a model: one of its functions or its Router, or
    smolagents' LiteLLMModel or LiteLLMRouterModel, aider's Model (`fw_aider.MODEL_CLASSES`),
    by the module's imports, or `litellm.completion(...)` through a stand-in (`fw.STAND_IN`:
    aider's lazy proxy, imported from its own module)."""
    if not _may_name(ctx, _taker_packages()):  # asked of every call
        return False
    func = call.func
    if (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == fw.STAND_IN
        and func.attr.value in fw.MODEL_TAKERS
    ):
        return True
    return (
        litellm_function(ctx, call) is not None
        or _router(ctx, call)
        or qualified(ctx, func, fw_smol.LITELLM_CLASSES) is not None
        or qualified(ctx, func, fw_pandasai.LITELLM_CLASSES) is not None
        or _aider_model(ctx, call)
    )


def _aider_model(ctx: PythonContext, call: cst.Call) -> bool:
    """aider's Model (`framework_aider.aider_model`), which hands its models to litellm."""
    if qualified(ctx, call.func, fw_aider.MODEL_CLASSES) is None:
        return False
    from migrate_llm.rules.framework_aider import aider_model  # it imports this module

    return aider_model(ctx, call)


def _deployments(ctx: PythonContext, call: cst.Call) -> list[dict[str, cst.DictElement]]:
    """The deployments of `Router(model_list=[...])` (or `LiteLLMRouterModel`'s) written as
    dict displays, the list given inline or bound once to a name."""
    if _smolagents_router(ctx, call):
        arg = argument(call, fw_smol.MODEL_LIST, fw_smol.MODEL_LIST_POSITION)
    else:
        arg = argument(call, fw.MODEL_LIST, 0)
    if arg is None:
        return []
    value: cst.BaseExpression | None = arg.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value)
    if not isinstance(value, cst.List):
        return []
    found = []
    for element in value.elements:
        entries = dict_entries(element.value) if isinstance(element, cst.Element) else None
        if entries is not None:
            found.append(entries)
    return found


def names_smolagents_openai(ctx: PythonContext) -> bool:
    """Whether the module names smolagents' OpenAI client classes (`OpenAIServerModel`): a
    setting there may reach an OpenAI client rather than litellm (a cheap text test)."""
    return ctx.mentions("smolagents") and any(
        ctx.mentions(name) for name in fw_smol.OPENAI_CLASS_NAMES
    )


def _router_receiver(ctx: PythonContext, call: cst.Call) -> bool:
    """`router.completion(model="alias")` where `router = Router(...)` in this module."""
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value in fw.ROUTER_METHODS
        and isinstance(func.value, cst.Name)
    ):
        return False
    value = ctx.bound_value(func.value)
    return isinstance(value, cst.Call) and _router(ctx, value)


def router_chat_call(ctx: PythonContext, call: cst.Call) -> cst.Call | None:
    """The `Router(...)` construction of this module whose chat method `call` calls
    (`router.completion(model="alias", ...)`, `acompletion`); None for another call."""
    func = call.func
    if not _router_receiver(ctx, call) or not isinstance(func, cst.Attribute):
        return None
    if fw.CALLS.get(f"{fw.MODULE}.{func.attr.value}") != "chat":
        return None
    assert isinstance(func.value, cst.Name)
    built = ctx.bound_value(func.value)
    return built if isinstance(built, cst.Call) else None


def subclass_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """`litellm_model_values` of a construction of a project class deriving from DSPy's
    legacy class in a module that names neither litellm nor DSPy (`RunFacts.lm_subclasses`:
    STORM's examples build `OpenAIModel` imported from its package)."""
    if ctx.rules.facts.lm_subclasses and not any(
        ctx.mentions(word) for word in ("litellm", "dspy", "smolagents")
    ):
        yield from litellm_model_values(ctx, call)


def litellm_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model strings litellm's and DSPy's rules own: a call's model (where the module
    writes it), a Router's deployment models and aliases, and the aliases passed to the
    Router's methods (and LiteLLMRouterModel's `model_id`, one of them)."""
    found = model_call(ctx, call)
    if found is not None:
        if found.run_time and route_decided(ctx, call, found):
            return  # left to ML204
        model = _given_model(ctx, call, found)
        resolved = ctx.resolve_literal(model) if model is not None else None
        if resolved is not None:
            yield resolved[0]
        return
    if qualified(ctx, call.func, fw_smol.AZURE_CLASSES) is not None:  # ML640's, manual
        arg = argument(call, fw_smol.MODEL_KEYWORD, fw_smol.MODEL_POSITION)
        if arg is not None and string_value(arg.value) is not None:
            yield arg.value
        return
    if _router(ctx, call):
        if _smolagents_router(ctx, call):
            arg = argument(call, fw_smol.MODEL_KEYWORD, fw_smol.MODEL_POSITION)
            if arg is not None and string_value(arg.value) is not None:
                yield arg.value
        for deployment in _deployments(ctx, call):
            alias = deployment.get(fw.ROUTER_ALIAS)
            if alias is not None and string_value(alias.value) is not None:
                yield alias.value
            params = deployment.get(fw.ROUTER_PARAMS)
            entries = dict_entries(params.value) if params is not None else None
            entry = (entries or {}).get(fw.MODEL_KEYWORD)
            if entry is not None and string_value(entry.value) is not None:
                yield entry.value
        return
    if _router_receiver(ctx, call):
        arg = argument(call, fw.MODEL_KEYWORD, 0)
        if arg is not None and string_value(arg.value) is not None:
            yield arg.value


def given_model(ctx: PythonContext, call: cst.Call) -> cst.BaseExpression | None:
    """The model a call of `model_call` is given (`_given_model`); None for another call."""
    found = model_call(ctx, call)
    return _given_model(ctx, call, found) if found is not None else None


def _given_model(ctx: PythonContext, call: cst.Call, found: ModelCall) -> cst.BaseExpression | None:
    """The model a call of `model_call` is given: its argument, or the entry of the dict
    display its keywords are spread from (`spread_dict`)."""
    if found.model is not None:
        return found.model.value
    spread = spread_dict(ctx, call, found)
    entry = (dict_entries(spread) or {}).get(found.model_keyword) if spread else None
    return entry.value if entry is not None else None


def litellm_model_forms(ctx: PythonContext, call: cst.Call) -> Iterator[tuple[cst.CSTNode, bool]]:
    """The model literals ML640 moves for `call` (a call's model, a Router's or
    LiteLLMRouterModel's deployment models), each with whether apply writes it on a route
    (`deepseek/deepseek-v4-pro`, `openai/...`) or as the provider's model as it is (smolagents'
    OpenAIServerModel, DSPy's legacy OpenAI class: OpenAI clients)."""
    found = model_call(ctx, call)
    if found is not None:
        if found.run_time and route_decided(ctx, call, found):
            return  # left to ML204
        model = _given_model(ctx, call, found)
        resolved = ctx.resolve_literal(model) if model is not None else None
        if resolved is not None:
            yield resolved[0], found.prefix is not None
        return
    if _router(ctx, call):
        for deployment in _deployments(ctx, call):
            params = deployment.get(fw.ROUTER_PARAMS)
            entries = dict_entries(params.value) if params is not None else None
            entry = (entries or {}).get(fw.MODEL_KEYWORD)
            resolved = ctx.resolve_literal(entry.value) if entry is not None else None
            if resolved is not None:
                yield resolved[0], True


def route_decided(ctx: PythonContext, call: cst.Call, found: ModelCall) -> bool:
    """Whether a test of the provider's own litellm route decides what `call`, whose model is
    a name the module gives a value (a default, also an option's, a constant), gets: the call
    runs only where the test failed (`past_route`: the `else` of `if
    model.startswith("deepseek/"):`, which handles the other models), or it spreads a dict
    the test fills (`**route`). ML640 reads such a call as one whose model is chosen at run
    time (`_run_time`): it adds no key or base URL to it, and leaves the value to ML204 (or to
    the route's own call), which writes it on the route."""
    provider = ctx.rules.provider
    route = provider.litellm_route() if provider is not None else None
    prefix = found.prefix
    resolved = ctx.resolve_literal(found.model.value) if found.model is not None else None
    if route is None or route[0] != prefix or resolved is None or resolved[2] == "literal":
        return False
    assert prefix is not None
    if route_keys.past_route(ctx, call, prefix):
        return True
    spread = next((a.value for a in call.args if a.star == "**"), None)
    if not isinstance(spread, cst.Name):
        return False
    names = (found.key, *found.bases)
    parts = route_keys.call_parts(
        ctx, call, {}, spread, names, prefix, True, sent_model(ctx, call, found)
    )
    return any(p.guarded for p in parts)


def sent_model(
    ctx: PythonContext, call: cst.Call, found: ModelCall
) -> tuple[cst.BaseExpression, ...]:
    """The expressions that are the model `call` sends: its own argument; else, for
    `call(**params)`, `params["model"]` and the entry of the dict display it spreads
    (`spread_dict`), or the one entry every dict display the function binds `params` to
    before the call gives (`params = {"model": model, ...}` in each branch); none where the
    module does not show it."""
    if found.model is not None:
        return (found.model.value,)
    spread = next((a.value for a in call.args if a.star == "**"), None)
    if not isinstance(spread, cst.Name):
        return ()
    entry = cst.parse_expression(f'{spread.value}["{found.model_keyword}"]')
    shown = spread_dict(ctx, call, found)
    if shown is not None:
        held = (dict_entries(shown) or {}).get(found.model_keyword)
        return (entry,) if held is None else (entry, held.value)
    at = ctx.index_of(call)
    values = [
        a.value
        for a in scope_assignments(ctx, call)
        if ctx.index_of(a) < at
        and len(a.targets) == 1
        and isinstance(a.targets[0].target, cst.Name)
        and a.targets[0].target.value == spread.value
    ]
    entries = [dict_entries(v) or {} for v in values]
    given = [e[found.model_keyword].value for e in entries if found.model_keyword in e]
    if values and len(given) == len(values) and all(g.deep_equals(given[0]) for g in given):
        return (entry, given[0])
    return (entry,)


def route_guarded(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the module's own test holds the provider's litellm route (`route_keys.
    route_test`: `if model.startswith("moonshot/"):`) wherever a chat call of `model_call`
    reaches the provider: the call runs only under it (also past `if not ...: raise`), or the
    key and base URL it is given (keywords, entries of the dict it spreads, `params["api_key"]
    = ...`) reach it only under it, a base URL among them being the provider's (or OpenAI's,
    which apply moves). The requests it sends the provider are then that route's models,
    whatever value the module's code gives the model (AutoAgent's `self.model`). The test
    must test the very name or attribute the call sends as its model (`sent_model`), which
    nothing assigns between the test and the call (`route_keys.decides`, r3)."""
    found = model_call(ctx, call)
    provider = ctx.rules.provider
    route = provider.litellm_route() if provider is not None else None
    if found is None or found.surface != "chat" or route is None or found.prefix != route[0]:
        return False
    return _guarded_on(ctx, call, found, route[0])


# `RoutedRequest.how` of `guarded_request`'s: a request whose model is known only at run time
GUARDED = "guarded"


def guarded_request(ctx: PythonContext, call: cst.Call) -> RoutedRequest | None:
    """The request a litellm chat call whose model is chosen at run time (`routed_requests`
    knows none) sends the provider where the module's route test gates it there: on the
    provider's own route (`route_guarded`) or on the OpenAI-compatible one given the
    provider's base URL under `if model.startswith("openai/"):` (as ML503 and ML640 advise;
    t67f, OpenHands on MiniMax). Its model is not known (`model_node` None): the provider's
    ranges for any of its models; its keywords pass as that route sends them."""
    found = model_call(ctx, call)
    provider = ctx.rules.provider
    if found is None or found.surface != "chat" or provider is None:
        return None
    if routed_requests(ctx, call):
        return None
    route = provider.litellm_route()
    if route is not None and route_guarded(ctx, call):
        return RoutedRequest(found.shown, "", None, GUARDED, fw.sent_as_is(route[0]), litellm=True)
    if _guarded_on(ctx, call, found, fw.OPENAI_PREFIX, provider_base=True):
        return RoutedRequest(found.shown, "", None, GUARDED, None, litellm=True)
    return None


def embeddings_route_guarded(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether litellm's embeddings call `call` (`fw.CALLS`), its model chosen at run time,
    reaches the provider under the module's route test as `route_guarded` reads a chat call:
    on the provider's own route where that route sends embeddings (`dashscope/`:
    `fw.EMBEDDINGS_ROUTES`), or on the OpenAI-compatible one (`if model.startswith("openai/"):`)
    given the provider's base URL there, as ML640 advises (without it, OpenAI's; RD-Agent's
    `_create_embedding_inner_function`, t67e)."""
    found = model_call(ctx, call)
    provider = ctx.rules.provider
    if found is None or found.surface != "embeddings" or provider is None:
        return False
    route = provider.litellm_route()
    own = route is not None and route[0] in fw.EMBEDDINGS_ROUTES
    if own and route is not None and _guarded_on(ctx, call, found, route[0]):
        return True
    return _guarded_on(ctx, call, found, fw.EMBEDDINGS_PREFIX, provider_base=True)


def _guarded_on(
    ctx: PythonContext, call: cst.Call, found: ModelCall, prefix: str, provider_base: bool = False
) -> bool:
    """Whether the test of route `prefix` holds wherever `call` reaches the provider (see
    `route_guarded`); with `provider_base`, only where it is given the provider's base URL
    (`provider_url`) under that test, none of OpenAI's (litellm's `openai/` route)."""
    under = route_keys.call_guarded(ctx, call, prefix, sent_model(ctx, call, found))
    if under and not provider_base:
        return True
    parts = _endpoint_parts(ctx, call, found, prefix)
    bases = [p.value for p in parts if p.keyword in found.bases]
    if provider_base:
        return (
            bool(bases)
            and all(under or p.guarded for p in parts)
            and all(provider_url(ctx, b) for b in bases)
        )
    return (
        bool(parts)
        and all(p.guarded for p in parts)
        and all(openai_or_provider(ctx, b) for b in bases)
    )


def spread_endpoint(ctx: PythonContext, call: cst.Call, found: ModelCall, prefix: str) -> bool:
    """Whether the dict `call` spreads (`**extra`, bound to `dict(api_key=..., api_base=...)`
    under the test of route `prefix`, the route of its model) is shown to give it the
    provider's key and base URL and nothing else for them: the request reaches the provider
    as written (t67e: RD-Agent's `**extra` as ML640 advises it)."""
    if not passes_mapping(call) or not _guarded_on(ctx, call, found, prefix, provider_base=True):
        return False
    keys = [p.value for p in _endpoint_parts(ctx, call, found, prefix) if p.keyword == found.key]
    return bool(keys) and all(_provider_key(ctx, k) for k in keys)


def _provider_key(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """Whether a key is a read of the provider's key variable (or of the one litellm's route
    for it reads), also through a name."""
    provider = ctx.rules.provider
    env = env_var_read(ctx, expr) or named_read(ctx, expr)
    if provider is None or env is None:
        return False
    route = provider.litellm_route()
    return env[0] in {provider.api_key_env, *(route[1:2] if route is not None else ())}


def _endpoint_parts(
    ctx: PythonContext, call: cst.Call, found: ModelCall, prefix: str
) -> list[route_keys.EndpointPart]:
    """The key and base URL `call` is given (`route_keys.call_parts`), those set under another
    test left out."""
    spread = next((a.value for a in call.args if a.star == "**"), None)
    given = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    shown = spread_dict(ctx, call, found)
    given.update({k: e.value for k, e in (dict_entries(shown) or {}).items()} if shown else {})
    named = spread if isinstance(spread, cst.Name) else None
    names = (found.key, *found.bases)
    model = sent_model(ctx, call, found)
    parts = route_keys.call_parts(ctx, call, given, named, names, prefix, True, model)
    return [p for p in parts if not p.other]


def openai_model(ctx: PythonContext, value: str, prefixed: bool) -> str | None:
    """The OpenAI model id a model string names (`gpt-4o`, `openai/gpt-4o`), or None."""
    model = value
    if prefixed and "/" in value:
        head, _, model = value.partition("/")
        if head != fw.OPENAI_PREFIX:
            return None
    if not ctx.rules.openai.serves(model):
        return None
    return model


def openai_routed(ctx: PythonContext, value: str, prefixed: bool) -> str | None:
    """The provider's model a model string names on litellm's OpenAI route
    (`openai/deepseek-flash`: sent to OpenAI, with OPENAI_API_KEY, where the call gives no
    api_base), or None."""
    provider = ctx.rules.provider
    head, model = fw.route(value) if prefixed else ("", value)
    if head != fw.OPENAI_PREFIX or provider is None or ctx.rules.openai.serves(model):
        return None
    return model if provider.serves(model) else None


def openai_shaped(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """The class of `fw.OPENAI_SHAPED` whose `chat.completions.create(...)` `call` is (mem0's
    proxy: `Mem0(...).chat.completions.create`, also through a name bound once to its
    construction), which hands the model to litellm: how messages name it, and the gate it
    asks litellm first; None for another call."""
    func: cst.BaseExpression = call.func
    for attr in reversed(fw.OPENAI_SHAPED_REQUEST):
        if not isinstance(func, cst.Attribute) or func.attr.value != attr:
            return None
        func = func.value
    built = ctx.bound_value(func) if isinstance(func, cst.Name) else func
    if not isinstance(built, cst.Call):
        return None
    found = qualified(ctx, built.func, fw.OPENAI_SHAPED)
    return None if found is None else fw.OPENAI_SHAPED[found]


def gated(shaped: str, gate: str) -> str:
    """`; mem0's proxy Mem0 refuses ...`: what the class of `fw.OPENAI_SHAPED` asks litellm
    before it sends the model, which a model litellm's map does not list fails."""
    if not gate:
        return ""
    return (
        f" ({shaped} refuses a model for which {gate}() answers False, as it does for one "
        "litellm's map of models does not mark so: choose one it marks)"
    )


def bare_provider_model(ctx: PythonContext, value: str, prefixed: bool) -> str | None:
    """The provider's own model id written with no route on a call that takes litellm's model
    strings (`litellm.completion(model="glm-4-air-250414")`), or None: litellm finds no
    provider for it and raises `fw.UNKNOWN_MODEL_ERROR` before any request, unless the call
    names its route (`fw.ROUTE_KEYWORD`, which the caller checks)."""
    provider = ctx.rules.provider
    if not prefixed or provider is None or "/" in value or ctx.rules.openai.serves(value):
        return None
    return value if provider.serves(value) else None


# code a person is told to write, and the provider file's variables it reads (`hand_reads`)
Hand = tuple[str, list[str]]


class _ModelStringRule(PythonRule):
    """Moving one model string and the endpoint next to it."""

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.both_reported: set[int] = set()  # literals `both_forms` leaves, reported here
        self.left_reported: set[int] = set()  # constants several calls leave, reported once
        self.slash_reported: set[int] = set()  # base URLs without a slash (a shared `**` dict)

    def endpoint_kind(self, expr: cst.BaseExpression) -> str:
        """ "openai" for an OpenAI URL or variable (or None), else "other"."""
        return endpoint_kind(self.ctx, expr)

    def model_edit(
        self,
        value_node: cst.BaseExpression,
        shown: str,
        prefix: str | None,
        prefixed: bool,
        by_hand: bool = False,
        routed: bool = False,
    ) -> tuple[bool, Edit | None]:
        """Report the model (with its edit when the table maps it): whether it is an OpenAI
        model, or the provider's with no route (False: nothing to do), and the edit.
        `by_hand`: the call's key and base URL are left to a person (its `**` arguments), so
        is the model then (no edit); `routed`: the call names its route (`fw.ROUTE_KEYWORD`)."""
        resolved = self.ctx.resolve_literal(value_node)
        if resolved is None:
            return False, None
        node, value, how = resolved
        model = openai_model(self.ctx, value, prefixed)
        provider = self.provider
        on_route = openai_routed(self.ctx, value, prefixed)
        if on_route is not None and provider is not None:
            return True, self._openai_routed(node, value, on_route, shown, prefix, by_hand)
        bare = None if routed else bare_provider_model(self.ctx, value, prefixed)
        if bare is not None:
            held = "" if how == "literal" else how
            return True, self._unrouted(node, value, shown, prefix, by_hand, held)
        if model is None and provider is not None and prefixed:
            self._through_router(node, value, shown, prefix)
        if model is None or provider is None:
            return False, None
        new = self.ctx.rules.map_model(model)
        if new is None:
            self.report(
                node,
                f"model={value!r} of {shown} is an OpenAI model that {provider.name}'s model "
                f"table does not map; choose one of {', '.join(provider.candidates())}",
                fix=FixClass.MANUAL,
                data={"model_from": value},
            )
            return True, None
        written = f"{prefix}/{new}" if prefix else new
        subject = f"{how} = {value!r} (the model of {shown})"
        if how != "literal" and self.both_forms(node, subject, value, model, new):
            return True, None
        left = how != "literal" and branch_reason(
            self.ctx, subject, node, value, written, (), False
        )
        if left:
            self.report(node, left, fix=FixClass.MANUAL, data={"model_from": value})
            return True, None
        if by_hand:
            if id(node) in self.left_reported:
                return True, None  # a constant several calls give: reported once
            self.left_reported.add(id(node))
            self.report(
                node,
                f"model={value!r} of {shown} is an OpenAI model; {self._with_endpoint(written)}",
                fix=FixClass.MANUAL,
                data={"model_from": value, "model_to": written},
            )
            return True, None
        text = string_like(node, written)
        own = prefix is not None and prefix == provider.frameworks.get("litellm_prefix")
        route = f" (litellm's {prefix} route)" if own else ""
        edit = Edit(self.ctx.span(node), text)
        data = {"model_from": value, "model_to": written}
        if own and prefixed:  # litellm reads the provider's own variables for that route
            data["litellm_route"] = prefix or ""
        self.report(
            node,
            f"model={value!r} of {shown} is an OpenAI model; apply writes {written!r}{route} "
            f"for {provider.name}",
            edit=edit,
            data=data,
        )
        return True, edit

    def _with_endpoint(self, written: str) -> str:
        """What to do with a model left with the key and base URL of its call (`by_hand`)."""
        provider = self.provider
        assert provider is not None
        return (
            "apply leaves it, as the call's `**` arguments leave its key and base URL to you: "
            f"write {written!r} for {provider.name} together with them, by hand"
        )

    def _openai_routed(
        self,
        node: cst.BaseExpression,
        value: str,
        model: str,
        shown: str,
        prefix: str | None,
        by_hand: bool = False,
    ) -> Edit | None:
        """Report the provider's `model` written on litellm's OpenAI route (`openai/
        deepseek-flash`), which sends it to OpenAI where no api_base is given: written on the
        provider's own route (`prefix`) where it has one (the call then gets the provider's key
        and base URL, `endpoint`); the edit, None where the string stays (not reported: the
        endpoint's finding is)."""
        provider = self.provider
        assert provider is not None
        written = f"{prefix}/{model}" if prefix else model
        head = (
            f"model={value!r} of {shown} is {provider.name}'s {model} on litellm's OpenAI route, "
            "which sends it to api.openai.com with OPENAI_API_KEY"
        )
        data = {"model_from": value, "model_to": written}
        if written == value:
            return None  # the route stays: the endpoint's finding moves the key and base URL
        own = prefix == provider.frameworks.get("litellm_prefix")
        if own:  # litellm reads the provider's own variables for that route
            data["litellm_route"] = prefix or ""
        if by_hand:
            data.pop("litellm_route", None)
            self.report(
                node, f"{head}; {self._with_endpoint(written)}", fix=FixClass.MANUAL, data=data
            )
            return None
        route = f" (litellm's {prefix} route)" if own else ""
        edit = Edit(self.ctx.span(node), string_like(node, written))
        message = f"{head}; apply writes {written!r}{route} for {provider.name}"
        self.report(node, message, edit=edit, data=data)
        return edit

    def _unrouted(
        self,
        node: cst.BaseExpression,
        value: str,
        shown: str,
        prefix: str | None,
        by_hand: bool = False,
        left: str = "",
    ) -> Edit | None:
        """Report the provider's model written with no route (`bare_provider_model`), which
        litellm refuses: written on the provider's own route (`prefix`, the call then gets the
        provider's key and base URL, `endpoint`), else on the OpenAI route with them; the
        edit (None: left to a person with the call's `**` arguments, or as `left`, a constant
        or default other code may read: "constant MODEL")."""
        provider = self.provider
        assert provider is not None
        written = f"{prefix}/{value}" if prefix else value
        where = f" ({left})" if left else ""
        head = (
            f"model={value!r}{where} of {shown} is {provider.name}'s model with no litellm "
            f'route: litellm finds no provider for it and raises ("{fw.UNKNOWN_MODEL_ERROR}") '
            "before any request"
        )
        data = {"model_from": value, "model_to": written}
        own = prefix == provider.frameworks.get("litellm_prefix")
        if by_hand or left:
            advice = (
                self._with_endpoint(written)
                if by_hand
                else f"write {written!r} where it reaches litellm (other code may read the "
                f"{left.split()[0]}), by hand"
            )
            if left and id(node) in self.left_reported:
                return None  # a constant several calls give: reported once
            self.left_reported.add(id(node))
            self.report(node, f"{head}; {advice}", fix=FixClass.MANUAL, data=data)
            return None
        if own:  # litellm reads the provider's own variables for that route
            data["litellm_route"] = prefix or ""
        route = f" (litellm's {prefix} route)" if own else ""
        edit = Edit(self.ctx.span(node), string_like(node, written))
        self.report(node, f"{head}; apply writes {written!r}{route}", edit=edit, data=data)
        return edit

    def goes(self, model: cst.BaseExpression, prefixed: bool, routed: bool) -> str:
        """What a call (or deployment) sending `model` does without the provider's key and
        base URL, as `endpoint`'s message says it: OpenAI's model goes to OpenAI; the
        provider's with no route (`bare_provider_model`) goes nowhere."""
        resolved = self.ctx.resolve_literal(model)
        provider = self.provider
        if routed or resolved is None or provider is None:
            return "sends the request to OpenAI"
        if bare_provider_model(self.ctx, resolved[1], prefixed) is None:
            return "sends the request to OpenAI"
        return f"is not pointed at {provider.name}"

    def _unrouted_at_provider(
        self,
        model: cst.BaseExpression,
        shown: str,
        prefix: str | None,
        prefixed: bool,
        routed: bool = False,
    ) -> None:
        """The provider's model with no route on a call given the provider's base URL: litellm
        still finds no provider for it (`fw.UNKNOWN_MODEL_ERROR`); the model is written on
        its route (`_unrouted`), the endpoint stays. An OpenAI model there (`model="gpt-4o"`,
        `api_base="https://api.deepseek.com"`) goes to the provider as it is, which serves no
        such model: mapped as for a call apply points there (`model_edit`), with no prefix
        where the call names its route (`routed`: `custom_llm_provider="openai"`)."""
        resolved = self.ctx.resolve_literal(model)
        if resolved is not None and openai_model(self.ctx, resolved[1], prefixed) is not None:
            self.model_edit(model, shown, None if routed else prefix, prefixed, routed=routed)
            return
        if routed or resolved is None or not bare_provider_model(self.ctx, resolved[1], prefixed):
            return
        node, value, how = resolved
        left = "" if how == "literal" else how
        self._unrouted(node, value, shown, prefix, False, left)

    def _through_router(
        self, node: cst.CSTNode, value: str, shown: str, prefix: str | None
    ) -> None:
        """Report an OpenAI model sent through a router (`openrouter/openai/gpt-4o`:
        `fw.through_router`), left to a person: the call may hold the router's key or its
        fallbacks, which must not go to the provider."""
        routed = fw.through_router(value)
        provider = self.provider
        if routed is None or provider is None or not self.ctx.rules.openai.serves(routed[1]):
            return
        name, host, key_env = fw.ROUTERS[routed[0]]
        filled = prefix is not None and fw.empty_key_sends_openai_key(prefix)
        new = self.ctx.rules.map_model(routed[1])
        written = f"{prefix}/{new}" if prefix and new else new
        what = (
            f"write {written!r}"
            if written
            else f"choose one of {', '.join(provider.candidates())} ({provider.name}'s model "
            "table does not map it)"
        )
        self.report(
            node,
            f"model={value!r} of {shown} is OpenAI's {routed[1]} through {name}: litellm sends "
            f"it to {host} with {key_env}, not to {provider.name}; {what} with "
            f"api_key={key_expr(provider, filled=filled)} and "
            f"api_base={self.values(node)['base']} in its "
            f"place, and no {name} key, by hand",
            fix=FixClass.MANUAL,
            data=self.hand_data(
                {"model_from": value, **({"model_to": written} if written else {})},
                self.written_reads(),
            ),
        )

    def both_forms(self, node: cst.CSTNode, subject: str, value: str, model: str, new: str) -> bool:
        """Whether apply leaves the constant or default `node` (`value`, of OpenAI's `model`,
        `new` on the provider) as the module also sends it to an OpenAI client, which takes
        `new` as it is where litellm takes it on a route (`model_forms.both_forms`); reported
        here (manual, once) where this rule is the one to report it, else by ML202 or ML690."""
        # imported here: the module holding it imports this one
        from migrate_llm.rules.model_forms import (
            both_forms,
            both_forms_advice,
            litellm_need,
            litellm_route,
        )

        found = both_forms(self.ctx, node)
        provider = self.provider
        if found is None or provider is None:
            return False
        if found.reporter == self.code and id(node) not in self.both_reported:
            self.both_reported.add(id(node))
            routed = litellm_route(provider, new, sdk.surface_of_model(model) == "chat")
            need = litellm_need(provider, new, routed)
            advice = both_forms_advice(subject, new, provider, need, found.because)
            self.report(node, advice, fix=FixClass.MANUAL, data={"model_from": value})
        return True

    def values(
        self, node: cst.CSTNode, slash: bool = False, route: str | None = None
    ) -> dict[str, str]:
        """The code of the provider's key and base URL given at `node`; `slash`: the base
        URL ends with a slash (`ModelCall.slashed_base`); `route`: the litellm route the
        model goes by (None: an OpenAI client class), whose empty key may send
        OPENAI_API_KEY (`fw.empty_key_sends_openai_key`): the key read is then never empty."""
        provider = self.provider
        url = self.ctx.rules.base_url
        assert provider is not None and url is not None
        base = legacy_base_expr(self.ctx, provider, url) if slash else base_url_expr(provider, url)
        return {"key": route_key_expr(self.ctx, provider, node, route), "base": base}

    def reader_read(self, value: cst.CSTNode | None, base: bool) -> str | None:
        """A settings reader's read of OpenAI's key variable (of its base-URL variable where
        `base`) at `value`, written to read the provider's with the same reader
        (`settings_reader_reads`); None for any other value."""
        provider, url = self.provider, self.ctx.rules.base_url
        if provider is None or not isinstance(value, cst.BaseExpression):
            return None
        if not base:
            tolerant = self.ctx.at_import(value)  # as `key_expr(at_import=...)` reads it
            return reader_read(self.ctx, value, provider.api_key_env, tolerant=tolerant)
        if provider.azure is not None or url is None:
            return None
        return reader_read(self.ctx, value, provider.base_url_env, url)

    def hand_data(
        self, data: Mapping[str, object] | None, reads: Sequence[str]
    ) -> Mapping[str, object] | None:
        """`data` of a finding left to a person whose message gives code reading `reads`
        (the provider file's variables): as it is here; ML640 adds them (`LitellmModel`)."""
        return data

    def written_reads(self) -> list[str]:
        """The provider file's key and base-URL variables, which the code `values`,
        `key_expr`, `base_url_expr` and `endpoint_keywords` write reads."""
        provider = self.provider
        assert provider is not None
        return [provider.api_key_env, provider.base_url_env]

    def endpoint_message(self, shown: str, goes: str = "sends the request to OpenAI") -> str:
        provider = self.provider
        assert provider is not None
        return (
            f"{shown} {goes}; apply passes the key from "
            f"{provider.api_key_env} and the base URL from {provider.base_url_env} (default "
            f"{self.ctx.rules.base_url})"
        ) + (ROUTER_MODEL_NOTE if shown == fw_smol.ROUTER_MODEL else "")

    def kept_key(self, key: cst.BaseExpression | None) -> list[cst.BaseExpression]:
        """The parts of a call's key that `apply` keeps (`passed_keys`, as ML001 keeps them);
        none for Azure OpenAI as the target (the key is Azure's)."""
        if key is None or azure_target(self.ctx.rules) is not None:
            return []
        return passed_keys(self.ctx, key)

    def held_key(self, key: cst.BaseExpression | None, shown: str, at: cst.CSTNode) -> bool:
        """Report a call whose key the program passes in may hold a read of OpenAI's key
        that ML401 leaves (`left_key_held`), as ML001 reports such a client: left to a
        person, its model too. Whether it was one."""
        kept = self.kept_key(key)
        held = left_key_held(self.ctx, kept) if kept else None
        if held is None:
            return False
        what = "this deployment" if isinstance(at, cst.Dict) else "this call"
        advice = held_key_advice(self.ctx, kept_key_text(self.ctx, kept), held, what)
        self.report(at, f"{shown} sends the request to OpenAI; {advice}", fix=FixClass.MANUAL)
        return True

    def endpoint(
        self,
        shown: str,
        key: cst.CSTNode | None,
        bases: list[cst.CSTNode],
        names: tuple[str, tuple[str, ...]],
        insert: Callable[[dict[str, str]], Edit],
        at: cst.CSTNode,
        model: Edit | None,
        extra: Mapping[str, str] | None = None,
        note: str = "",
        slash: bool = False,
        goes: str = "sends the request to OpenAI",
        route: str | None = None,
    ) -> None:
        """Give a call (or dict) the provider's key and base URL: the values of its key and
        URL `names` replaced, the missing ones (and `extra`, which `note` ends the message
        about) inserted (`insert`); `slash`, `route`: `values`'; `goes`: what the call does
        without them (the message's head). One finding,
        one edit (with the model's edit if it lies between): at the first value replaced, or
        at `at` where something is inserted. The key is handled as on an OpenAI client
        (ML001): one a person types (`input()`, `getpass()`) is kept, the message naming the
        prompt, which must ask for the provider's key; one the program passes in (a
        parameter, `self.key`, a setting: `passed_keys`) is kept with the provider's
        variable when it is empty (`key or os.environ.get(..., "unset")`); a literal, a read of an
        environment variable and a name bound only to those are replaced."""
        values = self.values(at, slash, route)
        expr = key if isinstance(key, cst.BaseExpression) else None
        prompt = env_names(self.ctx).is_prompt(expr)
        kept = self.kept_key(expr) if prompt is None else []
        message = self.endpoint_message(shown, goes)
        key_text = values["key"]
        wording = prompt_wording(self.ctx, prompt) if prompt is not None else None
        if prompt is not None:
            line = self.ctx.line_label(self.ctx.position(prompt)[0][0])
            message = f"{shown} {goes}; "
            message += typed_key_advice(self.ctx.rules, line)
        elif kept:
            message = f"{shown} {goes}; "
            message += passed_key_advice(self.ctx.rules, kept_key_text(self.ctx, kept))
            key_text = migrated_key(self.ctx, expr, values["key"])[0]
        else:  # a settings reader's read (decouple's `config`) stays that reader's
            key_text = self.reader_read(expr, False) or key_text
        replaced = [(key, key_text)] if key is not None and prompt is None else []
        # a name holding a read of OpenAI's variable stays: ML401 renames the read where it is
        # bound (not so where the URL must end with a slash, which that read does not write)
        through = {id(base) for base in bases if not slash and self.named(base)}
        replaced += [
            (base, (None if slash else self.reader_read(base, True)) or values["base"])
            for base in bases
            if id(base) not in through
        ]
        for base in (b for b in bases if id(b) in through):
            read = bound_url(self.ctx, cast(cst.BaseExpression, base))
            line = self.ctx.line_label(self.ctx.position(read)[0][0])
            message += (
                f"; the base URL reaches it through `{self.snippet(base)}`, the read on {line}, "
                "which ML401 renames"
            )
        edits = [Edit(self.ctx.span(node), text) for node, text in replaced]
        missing: dict[str, str] = {}
        if key is None:
            missing[names[0]] = values["key"]
        if not bases:
            missing[names[1][0]] = values["base"]
        missing.update(extra or {})
        where = at
        if missing:
            edits.append(insert(missing))
        elif replaced:
            where = min((node for node, _ in replaced), key=lambda n: self.ctx.span(n).start)
        inner = [e for e in (model, wording.edit(self.ctx) if wording else None) if e is not None]
        if edits:
            self.report(where, message + note, edit=_joined(self.ctx, edits, inner))
        elif prompt is not None:  # nothing else to write: the typed key stays, the name too
            self.report(at, message, severity=Severity.NOTE, fix=FixClass.NONE)
        if wording is not None:
            report_prompt(self, wording)
        if prompt is not None:
            report_prompt_texts(self, prompt, within=at)

    def _read_left(self, found: ModelCall, bases: list[cst.BaseExpression]) -> bool:
        """Report a call given its base URL through a name holding a read of OpenAI's variable
        that ML401 leaves (`base_url_reads.url_left`: the value also goes to a client left on
        OpenAI with its key), where moving the model and key alone would send them to the URL
        that read names: an error left to a person, its model too. Whether it was one."""
        from migrate_llm.rules.base_url_reads import url_left  # it imports the key rules

        provider = self.provider
        for base in bases:
            if found.slashed_base or provider is None or not self.named(base):
                continue
            read = bound_url(self.ctx, base)
            variable = env_var_read(self.ctx, read)
            if variable is None or not url_left(self, env_names(self.ctx), read):
                continue
            line = self.ctx.line_label(self.ctx.position(read)[0][0])
            values = self.values(base)
            self.report(
                base,
                f"{found.shown} is given {found.bases[0]}={self.snippet(base)}, the read of "
                f"{variable[0]} on {line}, which apply leaves (see there): moved alone, its "
                f"model and key would go to the URL that variable holds; give this call "
                f"{self._model_words(found)} with {found.key}={values['key']} and "
                f"{found.bases[0]}={values['base']}, by hand",
                fix=FixClass.MANUAL,
                data=self.hand_data(None, self.written_reads()),
            )
            return True
        return False

    def _model_words(self, found: ModelCall) -> str:
        """`'acme/acme-large' (what gpt-4o maps to)` for a call sending an OpenAI model the
        table maps, else `<provider>'s model`."""
        provider = self.provider
        assert provider is not None
        resolved = self.ctx.resolve_literal(found.model.value) if found.model else None
        model = openai_model(self.ctx, resolved[1], found.prefixed) if resolved else None
        new = self.ctx.rules.map_model(model) if model is not None else None
        if model is None or new is None:
            return f"{provider.name}'s model"
        written = f"{found.prefix}/{new}" if found.prefix else new
        return f"{written!r} (what {model} maps to)"

    def named(self, base: cst.CSTNode) -> bool:
        """Whether a base URL given is a name holding a read of a variable that stays where it
        is (`named_read`: `api_base=base` after `base = os.getenv("OPENAI_BASE_URL")`): the
        provider's, or OpenAI's one ML401 renames to it (`base_url_variables`; not Azure's
        AZURE_OPENAI_ENDPOINT, which the call then gets replaced)."""
        from migrate_llm.rules.env_roles import base_url_variables  # it imports the key rules

        if not isinstance(base, cst.BaseExpression):
            return False
        read = named_read(self.ctx, base)
        if read is None:
            return False
        return read[0] in base_url_variables(self.ctx) or provider_url(self.ctx, base)

    def typed_key_prompt(self, key: cst.CSTNode | None) -> None:
        """For a call already on the provider's endpoint, given a key a person types: the
        prompt, where it still names OpenAI (`report_prompt`)."""
        expr = key if isinstance(key, cst.BaseExpression) else None
        prompt = env_names(self.ctx).is_prompt(expr)
        wording = prompt_wording(self.ctx, prompt) if prompt is not None else None
        if wording is not None:
            report_prompt(self, wording)
        if prompt is not None:
            report_prompt_texts(self, prompt)


def route_key_expr(
    ctx: PythonContext, provider: Provider, node: cst.CSTNode, route: str | None
) -> str:
    """The code apply writes at `node` for the provider's key given to a call on litellm's
    `route` (None: an OpenAI client class): never empty on a route that sends
    OPENAI_API_KEY in place of an empty key (`fw.empty_key_sends_openai_key`:
    `os.environ["MOONSHOT_API_KEY"] or "unset"`, t67a), tolerant of the variable unset where
    it runs at import (`key_expr`)."""
    filled = route is not None and fw.empty_key_sends_openai_key(route)
    return key_expr(provider, at_import=ctx.at_import(node), filled=filled)


def _other_routes(prefix: str) -> str:
    """Routes other than `prefix` that would take a key given whatever the model to another
    host, as a message names them: on a provider's own route, also litellm's openai/ one with
    the program's own api_base; on the openai/ route (which the provider's api_base given
    there makes the provider's) others only (`fw.OTHER_ROUTES`)."""
    return fw.OTHER_ROUTES.get(prefix, fw.OTHER_ROUTES_DEFAULT)


# the message of the examples giving the key to a `**` dict whatever its model
_GIVEN_WHATEVER_MODEL = (
    "litellm.completion() takes its model from `name` (through `**`) at run time and is given "
    "Acme Cloud's key whatever that model is: a model on another of litellm's routes "
    "(`ollama/...`, `openai/...` with your api_base) would take it to its host; give "
    'api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get("ACME_BASE_URL", '
    '"https://api.acme.example/v1") only where the model is on acme/ '
    "(`if name.startswith(\"acme/\"):`) (as apply's edits write them; litellm's acme/ route "
    "reads ACME_API_BASE itself only where a call passes no api_base), by hand"
)


class LitellmModel(_ModelStringRule):
    """A litellm, DSPy or smolagents call, or a Router deployment, that picks OpenAI by its model.

    ## What it does
    Finds `litellm.completion/acompletion/embedding/aembedding(model=...)`,
    `litellm.Router(model_list=[{"litellm_params": {"model": ...}}])`, `dspy.LM("openai/...")`,
    `dspy.Embedder("openai/...")`, the legacy `dspy.OpenAI(model=...)`, and smolagents'
    `LiteLLMModel(model_id=...)`, `LiteLLMRouterModel(model_id, model_list=[...])` (a Router)
    and `OpenAIServerModel` / `OpenAIModel(model_id=...)` (an OpenAI client: a bare model id),
    and the OpenAI Agents SDK's `LitellmModel(model, base_url=..., api_key=...)`, whose model
    is an OpenAI model (`gpt-4o`, `openai/gpt-4o`) written in the module. litellm's function
    may be called through an attribute of `self` its class assigns once a name bound to it
    (`self.acompletion = acompletion` in `__init__`, R2R's; `self.acompletion(model=...)`).

    ## Why
    litellm (and DSPy, which calls it) picks the endpoint from the model string: an OpenAI
    model goes to api.openai.com with `OPENAI_API_KEY`.

    ## Fix (review)
    `apply` writes the provider's model with litellm's own prefix for the provider where it
    has one (`[frameworks] litellm_prefix` of the provider file, e.g. `deepseek/deepseek-chat`),
    else `openai/<model>` (litellm's OpenAI-compatible route), and passes `api_key` (the
    provider's key variable) and `api_base` (its base-URL variable, the official URL as
    default): one finding and one edit per call, whether it gives its key, its URL, both
    or neither (a missing one is written beside the one it gives). On a route that sends
    OPENAI_API_KEY where the key is empty (`litellm.empty_key_sends_openai_key`: moonshot,
    dashscope, zai, volcengine, openai) the key read is never empty,
    `os.environ["MOONSHOT_API_KEY"] or "unset"`: a variable set but empty gets a 401 from the
    provider instead of sending the OpenAI key there (t67a). A base URL given as a name
    holding a read of a variable (`base = os.getenv("OPENAI_BASE_URL")` in the module or the
    function, a parameter's default) is that read (s58): the name stays, as ML401 renames the
    read where it is written (a URL that must end with a slash, DSPy's legacy class, is
    replaced in the call); where ML401 leaves that read (its value also goes to a client left
    on OpenAI with its key), the call is left to you (an error, manual), naming the model, key
    and base URL to write: moved alone, its model and the provider's key would go to the URL
    that variable holds. Embeddings
    and DSPy use `openai/<model>`; embeddings for a provider that serves none stay on OpenAI
    (manual). A Router's `model_name` aliases stay as they are: the application calls the
    Router by them (so is LiteLLMRouterModel's `model_id`). A call whose `api_base` names
    another endpoint is left alone; one whose model is computed at run time is left to you (a
    warning: an OpenAI model there still goes to OpenAI, and only a person knows which model
    comes), and so is smolagents' `AzureOpenAIServerModel`. Such a call may send a model on
    any of litellm's routes (`ollama/`, `openai/` with the program's own `api_base`,
    `bedrock/`), so the warning says to give the provider's key and base URL only where the
    model is on its route (`if model.startswith("deepseek/"):`, the route from the provider
    file), naming the variables litellm's route reads (DEEPSEEK_API_KEY, DEEPSEEK_API_BASE:
    those apply's next step names). For a provider without a route of its own (MiniMax) that
    route is `openai/`, whose host is the `api_base` given: the warning says to write the
    provider's models there (`openai/MiniMax-M3`) under `if model.startswith("openai/"):`,
    and names only other routes (`ollama/`, `anthropic/`) as those a key given whatever the
    model would reach (t67f: it warned against `openai/` with your api_base and advised it).
    The provider's key or base URL given whatever the model
    (call keywords, entries of the `**params` dict, `params["api_key"] = ...` or
    `params.setdefault("api_key", ...)` set before the call) stays a warning: a model on
    another route would take them to its host. Given only under such a test (an `if` around
    the entries or the call, `x if <test> else None`, `params = {...} if <test> else {}` or
    `params = dict(...)` under the test for the dict the call spreads, the call in the `else`
    of one or after it returns, or after `if not <test>: raise ...`), or a model built on the
    route (`f"deepseek/{name}"`), the
    call is left, unless the module shows a
    value of its model failing the test (a parameter's default, a command-line option's
    default, what the module's calls pass, what the class assigns `self.model`): litellm sends
    that one as it is (an OpenAI model to OpenAI, one through OpenRouter to openrouter.ai), an
    error (manual) at the call naming the value, until each value shown is on the route
    (t60e); an OpenAI model written as a default or constant is ML204's, which writes it on
    the route. Entries set under another test (`if "ollama" in model:`) belong to other
    routes. A command-line option's default (typer's `model: str = typer.Option("gpt-4o")`,
    click's `@click.option("--model", default="gpt-4o")`: `option_defaults`) is read as the
    parameter's default, as every rule following a model to its value reads it. A model the
    module fixes in every value it shows
    (`self.model = "gpt-4o"` in `__init__`, as ML118 follows it) is named with its values,
    not as chosen at run time, and once each value is on the provider's own route or an
    OpenAI model ML204 writes there, the call is not reported. Keywords given as `**params`, with
    `params` a dict display bound once in the module, are moved in the dict; a model there
    chosen at run time, and `**kwargs` the module does not show, are left to you (a warning),
    unless the route's test decides them (`route_guarded`: the call runs only under it, or its
    key or base URL are set only under it, as in a dict bound in each branch of an if/else).
    A call given its model as its own argument and `**` arguments besides
    (`dspy.OpenAI(model="gpt-4o", **kw)`, STORM's) is left to you whole (errors, manual): the
    `**` arguments may hold the key or base URL, and the model is written with them, not
    before (alone it would still go to OpenAI, and `check` would then find nothing); not
    where the module shows the dict giving the provider's key and base URL under the test of
    the model's route (`spread_endpoint`: `extra = dict(api_key=..., api_base=...)` in `if
    MODEL.startswith("openai/"):`, t67e). The provider's model given to an OpenAI client
    class (DSPy's legacy `dspy.OpenAI`, smolagents' `OpenAIServerModel`) with no base URL
    but OpenAI's, given or shown in its `**` mapping (a mapping that shows none gives none),
    still sends the request and the key to OpenAI: it
    gets the provider's key and base URL (review; its model stays), or, given `**` arguments,
    is left to you (an error) until a base URL reaches it. A class of the project deriving
    from DSPy's legacy OpenAI class that hands its constructions' `api_key` and `api_base` on
    to it (no `__init__` of its own, or one passing them by name or in its `**kwargs`:
    STORM's `OpenAIModel`, the trial's `class MyLM(dspy.OpenAI): pass`) is checked where it
    is built, as `dspy.OpenAI(...)` is (the message names it: `MyLM() (deriving from
    dspy.OpenAI)`): in its module, in another module importing it by name (`from sub.mylm
    import MyLM`; the project's facts, `RunFacts.lm_subclasses`, also where the run is given
    only the module building it, as pre-commit gives the files staged: the modules it imports
    are read beyond the paths given), and through a name bound to it (`ModelClass =
    OpenAIModel`, or a conditional expression one branch of which is it). The class itself is
    then not reported. One handing nothing on and giving no `api_base=` is (a warning,
    manual), with what to give it; one giving it a base URL of its own (DeepSeekModel's
    default `api_base="https://api.deepseek.com"`) but no `model_type` is a warning when moving
    to a provider: the provider's models go to the legacy /completions endpoint. So is a
    construction given the provider's model and base URL through a `**` mapping the module
    shows (STORM's `**openai_kwargs`) with no `model_type` there or in the call.
    dspy hands `api_base` to openai's module-level client as it is (`fw_dspy.SLASHED_BASE`),
    which joins a request's path to it as written (`.../v1chat/completions`: 404), so apply
    writes the provider's base URL there ending with a slash (`os.environ.get(...).rstrip("/")
    + "/"`; as it is where the project's requirements keep openai<1, which joins
    `/chat/completions` to it), and a base URL of the provider given to the class (or a
    subclass handing it on) that may end without one (a string not ending so, a read of a
    variable) is reported with that edit (review).
    A default or constant that a test of its name passes and the provider's model fails, or
    the reverse (`if model_id == "o1":`), is left (manual), as ML204 leaves one; the key and
    base URL are still moved, and the default stays reported (manual) once the call has the
    provider's endpoint, as ML204 keeps reporting one, so `check` fails until a person changes
    the test and the model together. So is a constant or default the module also gives to
    an OpenAI client (an SDK request, a framework's OpenAI class, smolagents'
    OpenAIServerModel beside its LiteLLMModel), which takes the provider's model without the
    route: no one spelling suits both, so it is left (manual) with both named, reported here
    unless an SDK request sends it (ML202 does then); the key and base URL still move, and
    it stays reported after apply. LiteLLMRouterModel passes its own `api_base` and
    `api_key` (None unless given) on every call, which win over the deployment's: its
    deployments' models are moved, and the key and base URL go to LiteLLMRouterModel
    itself, once every deployment goes to the provider (else manual: they would reach the
    others too); one on the provider's model and the openai/ route, without them, is
    reported (an earlier apply wrote them into the deployment, where the request still went
    to OpenAI's URL). DSPy's legacy `dspy.OpenAI` (dspy 2.4) sends a model whose name holds
    none of `gpt-3.5`, `turbo`, `gpt-4` to the legacy /completions endpoint unless given
    `model_type` (`frameworks.dspy.LEGACY_CLASSES`): moved, it also gets `model_type="chat"`
    in the same edit where it has none; one on the provider's endpoint with such a model of
    the provider and no `model_type` (nor `**` that may give it) gets it (review). One given
    `model_type="text"` is left to you (manual) where the provider serves completions in part
    or not at all (`[supports] completions`). An embeddings call whose model is chosen at run
    time, for a provider that serves none, is told to stay on OpenAI or use another provider,
    not the provider's chat models. The key is
    handled as on an OpenAI client (ML001): one the program passes in (a parameter,
    `self.key`, `cfg["api_key"]`, a settings attribute) is kept, with the provider's variable
    when it is empty (`api_key=key or os.environ["<PROVIDER>_API_KEY"]`; an OpenAI read in an
    `or` chain gives way to it); a read of OPENAI_API_KEY (also through a module constant), a
    literal key and `None` are replaced by the provider's variable; a passed key that may hold
    a read ML401 leaves (AZURE_OPENAI_API_KEY in `self.key`), or whose code names OpenAI
    (`settings.openai_api_key`: most likely the OpenAI key), leaves the call to you (manual).
    A key a person types (`api_key = input(...)`, `getpass()`) is kept: the message names the
    prompt, which must ask for the provider's key. A prompt text naming OpenAI's key as
    `OpenAI key`, `OpenAI API key` or `OPENAI_API_KEY` in a string literal gets the provider's
    name or variable (a finding of its own, review); one naming OpenAI otherwise (an
    f-string, `platform.openai.com`) is left to you (a warning), also once the call is on the
    provider's endpoint, so `check` fails until it is reworded.

    The provider's model on litellm's OpenAI route without a base URL other than OpenAI's
    (`openai/deepseek-flash`: sent to api.openai.com with OPENAI_API_KEY) is moved as an
    OpenAI model is: written on the provider's own route where it has one
    (`deepseek/deepseek-flash`), and given the provider's key and base URL; one given the
    provider's `api_base` is left.

    An OpenAI model sent through a third-party router (`openrouter/openai/gpt-4o`, routers
    in `frameworks.litellm.ROUTERS`) goes to that router with its key, not to the provider:
    it is left to you (manual), the message saying what to write (the model `gpt-4o` maps to,
    on the provider's route, with its `api_key` and `api_base`); the call may hold the
    router's key or its fallbacks, which must not go to the provider.

    A model on litellm's route to Azure OpenAI (`azure/gpt-4o-mini`, `frameworks.litellm.
    AZURE_ROUTES`: a deployment's name, sent to the resource of `api_base` or AZURE_API_BASE
    with AZURE_API_KEY and AZURE_API_VERSION), in a call, a Router deployment or `dspy.LM`, is
    Azure OpenAI, as the SDK's `AzureOpenAI()` is (ML002): an error left to you, the message
    naming the provider's model the deployment's name maps to, its route, key and base URL
    (none for an Azure OpenAI target; without a provider, `scan --provider ID` says what).

    The provider's own model id written with no route (`litellm.completion(model=
    "glm-4-air-250414")`, a Router deployment's, `dspy.LM(...)`'s) is an error: litellm finds
    no provider for it and raises "LLM Provider NOT provided" before any request (1.110.2,
    also given the provider's official URL as `api_base`). apply writes it on the provider's
    route (`zai/glm-4-air-250414`; `openai/<model>` without one, and for embeddings) and gives
    the call the provider's key and base URL as for an OpenAI model (review); beside the
    provider's base URL only the model changes; a constant or default holding it is left to
    a person (manual). A call naming its route (`custom_llm_provider=`) or given another host
    is left. The request of a class shaped as an OpenAI client that hands its model to
    litellm (`frameworks.litellm.OPENAI_SHAPED`: mem0's proxy `Mem0(...).chat.completions.
    create(model=...)`) given such an id is an error left to a person: write the model on the
    route and pass the provider's `api_key=` and `base_url=` there (the proxy also refuses a
    model `litellm.supports_function_calling()` does not answer True for, as the message says).

    The Agents SDK's model names on its LiteLLM and any-llm routes
    (`Agent(model="litellm/openai/gpt-4o-mini")`, `"litellm/gpt-4o"`,
    `RunConfig(model="any-llm/openai/gpt-4o-mini")`: `frameworks.agents.ROUTED_PREFIX_MODELS`)
    naming an OpenAI model are errors too: the SDK builds `LitellmModel(...)` /
    `AnyLLMModel(...)` of the rest of the name with no key or base URL, and the library sends
    it to OpenAI with OPENAI_API_KEY (t57b). apply writes the LiteLLM one as the model class
    ML640 moves, on the provider's route with its key and base URL
    (`model=LitellmModel(model="moonshot/kimi-k2.6", api_key=..., base_url=...)`, review); the
    any-llm one is left to you (manual), the message giving the `AnyLLMModel(...)` to write
    (on any-llm's OpenAI route with the provider's key and base URL, and
    `api="chat_completions"`: without it any-llm's OpenAI provider calls the Responses API).
    A model the provider's table does not map is left to you.

    A call already on the provider's route whose model the provider retired
    (`deepseek/deepseek-chat`, `[retired]` of its file) is an error left to you, as on the
    OpenAI client (ML201), with what to use instead; unless its `api_base` names another
    host (a proxy may serve the name).

    A call through a name bound to litellm's function on one path and to an SDK method on
    another (shell_gpt's `completion`: `litellm.completion` or
    `client.chat.completions.create`, after a placeholder lambda) gets no edit: litellm needs
    the provider's model on its route with `api_key=` and `api_base=`, which the SDK's method
    refuses (TypeError), and the SDK the bare model; a warning (manual) names both bindings
    and where the model comes from. A call made under the test that binds the name to one
    of them (`if use_litellm:` around the call too, or past `if not use_litellm: return
    ...`) is that one's alone, checked as a direct call: the way to give each path its own
    call without renaming it. The key and base URL the messages say to write are the
    provider file's variables, which apply's own edits read, with litellm's route's own
    named beside them where they differ (read where a call passes none); for the shared name,
    the key the module's client is given where the program keeps it itself (shell_gpt's
    `cfg.get("MOONSHOT_API_KEY")` in the dict the client spreads), which litellm then needs too.
    Without a provider (`scan` alone), a call or deployment that `apply` would move is
    reported with its model and no edit (manual): `migrate-llm apply --provider ID` points it
    at a provider (`scan --provider ID` says what to pass where `**` arguments may hold the
    key or URL); smolagents' Azure class too. A model chosen at run time is not reported then.

    ## Data
    `model_from`, `model_to`; `litellm_route` (the prefix) where the model is written on the
    provider's own litellm route, whose variables apply's next step names, or is on litellm's
    route to Azure OpenAI ("azure"); for a retired model `replacement` and `retired_on`; left
    to a person with code reading the provider file's key or base-URL variable, those
    (`hand_reads`: apply's Next line names them where litellm's route reads others).
    """

    code = "ML640"
    name = "litellm-model"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        # t68b: R2R keeps litellm's function on the instance (`self.acompletion = acompletion`)
        Example(
            "from litellm import completion\n\n\n"
            "class Chat:\n"
            "    def __init__(self):\n"
            "        self.completion = completion\n\n"
            "    def ask(self, q):\n"
            '        return self.completion(model="gpt-4o-mini", messages=q)\n',
            provider="acme",
            message="litellm.completion() sends the request to OpenAI; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom litellm import completion\n\n\n"
            "class Chat:\n"
            "    def __init__(self):\n"
            "        self.completion = completion\n\n"
            "    def ask(self, q):\n"
            "        return self.completion(\n"
            '            model="acme/acme-small",\n'
            '            api_key=os.environ["ACME_API_KEY"],\n'
            '            api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "            messages=q,\n"
            "        )\n",
        ),
        # t57b: the Agents SDK's litellm route by name, sent to OpenAI
        Example(
            "from agents import Agent\n\n"
            'agent = Agent(name="a", model="litellm/openai/gpt-4o-mini")\n',
            provider="acme",
            message="model='litellm/openai/gpt-4o-mini' of Agent() is OpenAI's gpt-4o-mini on "
            "the SDK's litellm route, which builds LitellmModel('openai/gpt-4o-mini') with no "
            "key or base URL: litellm sends it to api.openai.com with OPENAI_API_KEY; apply "
            "writes model=LitellmModel(model='acme/acme-small') (litellm's acme route) with the "
            "key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nfrom agents import Agent\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n\n"
            'agent = Agent(\n    name="a",\n    model=LitellmModel(\n'
            '        model="acme/acme-small",\n'
            '        api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    ),\n)\n",
        ),
        Example(
            'from agents import RunConfig\n\nconfig = RunConfig(model="any-llm/openai/gpt-4o")\n',
            provider="acme",
            message="model='any-llm/openai/gpt-4o' of RunConfig() is OpenAI's gpt-4o on the "
            "SDK's any-llm route, which builds AnyLLMModel('openai/gpt-4o') with no key or base "
            "URL: any-llm sends it to api.openai.com with OPENAI_API_KEY; write model="
            'AnyLLMModel(model="openai/acme-large", api_key=os.environ.get("ACME_API_KEY", '
            '"unset"), base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            'api="chat_completions") for Acme Cloud (from agents.extensions.models.any_llm_model '
            "import AnyLLMModel), by hand: without api= any-llm's OpenAI provider calls the "
            "Responses API",
        ),
        # t56c: the provider's id with no route, which litellm refuses
        Example(
            'import litellm\n\nr = litellm.completion(model="acme-large", messages=[])\n',
            provider="acme",
            message="litellm.completion() is not pointed at Acme Cloud; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nimport litellm\n\nr = litellm.completion(\n"
            '    model="acme/acme-large",\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    messages=[],\n)\n",
        ),
        # s58: the base URL through a name holding OpenAI's read, which ML401 renames there
        Example(
            'import os\n\nimport litellm\n\nbase = os.getenv("OPENAI_BASE_URL")\n\n\n'
            "def ask(q):\n    return litellm.completion(\n"
            '        model="gpt-4o-mini", messages=q, api_base=base, '
            'api_key=os.environ["OPENAI_API_KEY"]\n    )\n',
            provider="acme",
            message="model='gpt-4o-mini' of litellm.completion() is an OpenAI model; apply "
            "writes 'acme/acme-small' (litellm's acme route) for Acme Cloud",
            after='import os\n\nimport litellm\n\nbase = os.getenv("OPENAI_BASE_URL")\n\n\n'
            "def ask(q):\n    return litellm.completion(\n"
            '        model="acme/acme-small",\n        messages=q,\n        api_base=base,\n'
            '        api_key=os.environ["ACME_API_KEY"],\n    )\n',
        ),
        Example(  # a parameter's default: the key litellm would read from OPENAI_API_KEY added
            "import os\n\nimport litellm\n\n\n"
            'def ask(q, base=os.getenv("OPENAI_BASE_URL")):\n'
            '    return litellm.completion(model="gpt-4o", messages=q, api_base=base)\n',
            provider="acme",
            message="litellm.completion() sends the request to OpenAI; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1); the base URL reaches it through `base`, the read on "
            "line 6, which ML401 renames",
            after="import os\n\nimport litellm\n\n\n"
            'def ask(q, base=os.getenv("OPENAI_BASE_URL")):\n'
            "    return litellm.completion(\n"
            '        model="acme/acme-large",\n        messages=q,\n        api_base=base,\n'
            '        api_key=os.environ["ACME_API_KEY"],\n    )\n',
        ),
        Example(  # that read left by ML401 (an OpenAI client keeps it): the call is left too
            "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
            'base = os.getenv("OPENAI_BASE_URL")\nclient = OpenAI(base_url=base)\n\n\n'
            "def ask(q):\n"
            '    return litellm.completion(model="gpt-4o", messages=q, api_base=base)\n',
            provider="acme",
            message="litellm.completion() is given api_base=base, the read of OPENAI_BASE_URL "
            "on line 6, which apply leaves (see there): moved alone, its model and key would go "
            "to the URL that variable holds; give this call 'acme/acme-large' (what gpt-4o maps "
            'to) with api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), by hand',
        ),
        Example(
            "import litellm\n\n\ndef ask(q):\n"
            '    return litellm.completion(model="gpt-4o", messages=[{"role": "user", '
            '"content": q}])\n',
            provider="acme",
            message="litellm.completion() sends the request to OpenAI; apply passes the key "
            "from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="import os\n\nimport litellm\n\n\ndef ask(q):\n    return litellm.completion(\n"
            '        model="acme/acme-large",\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '        messages=[{"role": "user", "content": q}],\n    )\n',
        ),
        Example(
            "import os\n\nfrom litellm import Router\n\nrouter = Router(\n    model_list=[\n"
            "        {\n"
            '            "model_name": "gpt-4o",\n'
            '            "litellm_params": {\n'
            '                "model": "openai/gpt-4o",\n'
            '                "api_key": os.getenv("OPENAI_API_KEY"),\n'
            "            },\n        }\n    ]\n)\n"
            'reply = router.completion(model="gpt-4o", messages=[])\n',
            provider="acme",
            after="import os\n\nfrom litellm import Router\n\nrouter = Router(\n    model_list=[\n"
            "        {\n"
            '            "model_name": "gpt-4o",\n'
            '            "litellm_params": {\n'
            '                "model": "acme/acme-large",\n'
            '                "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
            '                "api_base": os.environ.get(\n'
            '                    "ACME_BASE_URL", "https://api.acme.example/v1"\n'
            "                ),\n"
            "            },\n        }\n    ]\n)\n"
            'reply = router.completion(model="gpt-4o", messages=[])\n',
        ),
        Example(
            'import litellm\n\nr = litellm.completion(model="openrouter/openai/gpt-4o", '
            "messages=[])\n",
            provider="acme",
            message="model='openrouter/openai/gpt-4o' of litellm.completion() is OpenAI's "
            "gpt-4o through OpenRouter: litellm sends it to openrouter.ai with "
            "OPENROUTER_API_KEY, not to Acme Cloud; write 'acme/acme-large' with "
            'api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1") in its place, and no OpenRouter key, by hand',
        ),
        Example(
            'import dspy\n\nlm = dspy.LM("openai/gpt-4o-mini", temperature=0)\n',
            provider="acme",
            after="import os\n\nimport dspy\n\n"
            'lm = dspy.LM(\n    "openai/acme-small",\n'
            '    api_key=os.environ.get("ACME_API_KEY") or "unset",\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    temperature=0,\n)\n",
        ),
        Example(
            'import os\nimport dspy\n\nkw = {"api_key": os.environ["ACME_API_KEY"]}\n'
            'lm = dspy.OpenAI(model="acme-large", max_tokens=500, **kw)\n',
            provider="acme",
            message="dspy.OpenAI() sends Acme Cloud's model 'acme-large' to OpenAI: no base URL "
            "reaches it (`**kw` shows none), so the key goes there too; give it "
            'api_key=os.environ["ACME_API_KEY"], api_base=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1").rstrip("/") + "/" and model_type="chat", by hand',
        ),
        Example(
            'import dspy\n\nlm = dspy.LM("openai/gpt-4o-mini", temperature=0)\n',
            message="dspy.LM() sends the request to OpenAI: model='openai/gpt-4o-mini' is an "
            "OpenAI model; `migrate-llm apply --provider ID` points it at a provider",
        ),
        Example(
            'import dspy\n\nkey = input("API key: ")\nlm = dspy.LM("openai/gpt-4o", api_key=key)\n',
            provider="acme",
            message="dspy.LM() sends the request to OpenAI; for Acme Cloud the base URL comes "
            "from ACME_BASE_URL (default https://api.acme.example/v1) and the key typed at run "
            "time (line 3) goes there: the prompt must ask for an Acme Cloud key",
            after='import os\n\nimport dspy\n\nkey = input("API key: ")\nlm = dspy.LM(\n'
            '    "openai/acme-large",\n    api_key=key,\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
        Example(
            'import dspy\n\nkey = input("OpenAI key: ")\n'
            'lm = dspy.LM("openai/gpt-4o", api_key=key)\n',
            provider="acme",
            message="the prompt 'OpenAI key:' asks for an OpenAI key, and the key typed there "
            'goes to Acme Cloud; apply writes "Acme Cloud key: "',
            after='import os\n\nimport dspy\n\nkey = input("Acme Cloud key: ")\nlm = dspy.LM(\n'
            '    "openai/acme-large",\n    api_key=key,\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
        ),
        Example(
            'import dspy\n\nturbo = dspy.OpenAI(model="gpt-3.5-turbo", max_tokens=250)\n',
            provider="acme",
            message="dspy.OpenAI() sends the request to OpenAI; apply passes the key from "
            "ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            'https://api.acme.example/v1); apply also passes model_type="chat": without it '
            "dspy.OpenAI() sends a model whose name holds none of gpt-3.5, turbo, gpt-4 to the "
            "legacy /completions endpoint",
            after="import os\n\nimport dspy\n\n"
            'turbo = dspy.OpenAI(\n    model="acme-small",\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/")\n'
            '    + "/",\n'
            '    model_type="chat",\n'
            "    max_tokens=250,\n)\n",
        ),
        Example(
            "import os\n\nimport dspy\n\n"
            'lm = dspy.OpenAI(model="acme-small", api_base="https://api.acme.example/v1/")\n',
            provider="acme",
            message="dspy.OpenAI() sends model='acme-small' to the legacy /completions endpoint "
            "(without model_type it takes the chat API only for a name holding one of gpt-3.5, "
            'turbo, gpt-4); apply passes model_type="chat"',
            after="import os\n\nimport dspy\n\n"
            "lm = dspy.OpenAI(\n"
            '    model="acme-small", api_base="https://api.acme.example/v1/", model_type="chat"\n'
            ")\n",
        ),
        Example(
            "import os\n\nimport dspy\n\n"
            'lm = dspy.OpenAI(model="acme-small", api_base=os.environ["ACME_BASE_URL"], '
            'model_type="chat")\n',
            provider="acme",
            message='dspy.OpenAI() is given api_base=os.environ["ACME_BASE_URL"], which may end '
            "without a slash: dspy hands it to openai's module-level client, which joins each "
            "request's path to it as written (`.../v1chat/completions`: 404); apply ends it "
            "with one",
            after="import os\n\nimport dspy\n\n"
            "lm = dspy.OpenAI(\n"
            '    model="acme-small",\n'
            '    api_base=os.environ["ACME_BASE_URL"].rstrip("/") + "/",\n'
            '    model_type="chat",\n'
            ")\n",
        ),
        Example(
            "from litellm import embedding\n\n"
            'MODEL = "text-embedding-3-small"\n\n\ndef embed(texts):\n'
            "    return embedding(MODEL, input=texts)\n",
            provider="acme",
            after="import os\n\nfrom litellm import embedding\n\n"
            'MODEL = "openai/acme-embed"\n\n\ndef embed(texts):\n'
            "    return embedding(\n        MODEL,\n"
            '        api_key=os.environ["ACME_API_KEY"] or "unset",\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        input=texts,\n    )\n",
        ),
        Example(
            "from litellm import embedding\n\n\n"
            'def embed(text, model="text-embedding-3-small"):\n'
            '    params = {"model": model, "input": [text]}\n'
            "    return embedding(**params)\n",
            provider="acme",
            after="import os\n\nfrom litellm import embedding\n\n\n"
            'def embed(text, model="openai/acme-embed"):\n'
            "    params = {\n"
            '        "model": model,\n'
            '        "input": [text],\n'
            '        "api_key": os.environ["ACME_API_KEY"] or "unset",\n'
            '        "api_base": os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "    }\n"
            "    return embedding(**params)\n",
        ),
        Example(
            "import litellm\n\ncompletion = litellm.completion\n\n\ndef ask(q):\n"
            '    return completion(model="gpt-4o-mini", messages=q)\n',
            provider="acme",
            after="import os\n\nimport litellm\n\ncompletion = litellm.completion\n\n\n"
            "def ask(q):\n    return completion(\n"
            '        model="acme/acme-small",\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        messages=q,\n    )\n",
        ),
        Example(
            "import litellm\n"
            'litellm.completion(model="gpt-4o", api_base="http://localhost:4000", messages=[])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
            "completion = lambda *args, **kwargs: None\n"
            'if os.getenv("USE_LITELLM"):\n    completion = litellm.completion\n'
            "else:\n    client = OpenAI()\n    completion = client.chat.completions.create\n\n\n"
            "def ask(model, q):\n    return completion(model=model, messages=q)\n",
            provider="acme",
            message="`completion` is litellm.completion() where line 8 binds it and "
            "client.chat.completions.create() where line 11 does, and its model comes from "
            "`model` at run time: litellm takes Acme Cloud's model as acme/<model> with "
            'api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get("ACME_BASE_URL", '
            "\"https://api.acme.example/v1\") (as apply's edits write them; litellm's acme/ route "
            "reads ACME_API_BASE itself only where a call passes no api_base), the client the "
            "model as it is and neither keyword (TypeError); apply leaves the call: give each "
            "path a call of its own (under the test that binds `completion` to its method, or "
            "calling the method by its own name), by hand",
        ),
        Example(  # each path calls through the name under the test that binds it
            "import os\n\nimport litellm\nfrom openai import OpenAI\n\n"
            'USE_LITELLM = os.getenv("USE_LITELLM") == "true"\n'
            "completion = lambda *args, **kwargs: None\n"
            "if USE_LITELLM:\n    completion = litellm.completion\n"
            "else:\n    client = OpenAI()\n    completion = client.chat.completions.create\n\n\n"
            "def ask(model, q):\n    if USE_LITELLM:\n"
            '        return completion(model="acme/" + model, messages=q, '
            'api_key=os.environ["ACME_API_KEY"])\n'
            "    return completion(model=model, messages=q)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import dspy\n\n\nclass OpenAIModel(dspy.OpenAI):\n"
            "    def __init__(self, model):\n        super().__init__(model=model)\n",
            provider="acme",
            message="OpenAIModel derives from dspy.OpenAI and gives it no api_base: its "
            "constructions are not rewritten and talk to OpenAI; give it Acme Cloud's model "
            'with api_key=os.environ["ACME_API_KEY"], api_base=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1").rstrip("/") + "/" and model_type="chat" in its '
            "__init__ (or hand them on from where it is built), by hand",
        ),
        Example(
            "import os\n\nimport dspy\n\n\nclass MyLM(dspy.OpenAI):\n    pass\n\n\n"
            'lm = MyLM(model="acme-small", api_key=os.environ["ACME_API_KEY"], max_tokens=9)\n',
            provider="acme",
            message="MyLM() (deriving from dspy.OpenAI) sends the request to OpenAI; apply passes "
            "the key from ACME_API_KEY and the base URL from ACME_BASE_URL (default "
            'https://api.acme.example/v1); apply also passes model_type="chat": without it '
            "MyLM() (deriving from dspy.OpenAI) sends a model whose name holds none of gpt-3.5, "
            "turbo, gpt-4 to the legacy /completions endpoint",
            after="import os\n\nimport dspy\n\n\nclass MyLM(dspy.OpenAI):\n    pass\n\n\n"
            "lm = MyLM(\n"
            '    model="acme-small",\n'
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/")\n'
            '    + "/",\n'
            '    model_type="chat",\n'
            "    max_tokens=9,\n)\n",
        ),
        Example(
            'import litellm\n\nr = litellm.completion(model="azure/gpt-4o", messages=[])\n',
            provider="acme",
            message="litellm.completion() talks to Azure OpenAI: model='azure/gpt-4o' is "
            "litellm's azure route, which sends the deployment 'gpt-4o' to the resource of "
            "api_base (else AZURE_API_BASE) with api_key (else AZURE_API_KEY) and api_version "
            "(else AZURE_API_VERSION); for Acme Cloud write 'acme/acme-large' (what gpt-4o maps "
            'to) with api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), and no api_version, by hand',
        ),
        Example(
            "import litellm\n\n\ndef ask(name, q):\n"
            "    return litellm.completion(model=name, messages=q)\n",
            provider="acme",
            message="litellm.completion() takes its model from `name` at run time: an OpenAI "
            "model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Acme "
            "Cloud give it acme/<model> (acme-large, acme-medium, acme-small) and, only where "
            'the model is on that route (`if name.startswith("acme/"):`: another route would '
            'take them to its host), api_key=os.environ["ACME_API_KEY"] and '
            'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") (as '
            "apply's edits write them; litellm's acme/ route reads ACME_API_BASE itself only "
            "where a call passes no api_base), by hand",
        ),
        Example(  # t67b: past a refusal of the other routes, the call is the route's
            "import os\n\nimport litellm\n\n\ndef ask(model, q):\n"
            '    if not model.startswith("acme/"):\n        raise ValueError(model)\n'
            "    return litellm.completion(\n"
            '        model=model, messages=q, api_key=os.environ["ACME_API_KEY"]\n    )\n',
            provider="acme",
            finds=False,
        ),
        Example(  # t67a: `**params` bound in each branch, its key set on the route only
            "import os\n\nimport litellm\n\n\ndef ask(model, q, tools=None):\n"
            "    if tools:\n"
            '        params = {"model": model, "messages": q, "tools": tools}\n'
            '        if model.startswith("acme/"):\n'
            '            params["api_key"] = os.environ["ACME_API_KEY"]\n'
            "        return litellm.completion(**params)\n"
            '    params = {"model": model, "messages": q}\n'
            '    if model.startswith("acme/"):\n'
            '        params["api_key"] = os.environ["ACME_API_KEY"]\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import litellm\n\n\ndef ask(name, q, base_url=None):\n"
            "    return litellm.completion(model=name, messages=q, base_url=base_url)\n",
            provider="acme",
            message="litellm.completion() takes its model from `name` at run time: an OpenAI "
            "model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY; for Acme "
            "Cloud give it acme/<model> (acme-large, acme-medium, acme-small) and, only where "
            'the model is on that route (`if name.startswith("acme/"):`: another route would '
            'take them to its host), api_key=os.environ["ACME_API_KEY"] and '
            'api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") (as '
            "apply's edits write them; litellm's acme/ route reads ACME_API_BASE itself only "
            "where a call passes no api_base), by hand",
        ),
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    params = {"model": name, "messages": q}\n'
            '    params["api_key"] = os.environ["ACME_API_KEY"]\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            message=_GIVEN_WHATEVER_MODEL,
        ),
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    params = {"model": name, "messages": q}\n'
            '    if name.startswith("acme/"):\n'
            '        params["api_key"] = os.environ["ACME_API_KEY"]\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            finds=False,
        ),
        # t67f: OpenHands' key given whatever the model, for a provider without a route of its
        # own: the advice is litellm's openai/ route given MiniMax's base URL, nothing else
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            "    return litellm.completion(\n"
            '        model=name, messages=q, api_key=os.environ["MINIMAX_API_KEY"]\n'
            "    )\n",
            provider="minimax",
            message="litellm.completion() takes its model from `name` at run time and is given "
            "MiniMax's key whatever that model is: a model on another of litellm's routes "
            "(`ollama/...`, `anthropic/...`) would take it to its host; give "
            'api_key=os.environ["MINIMAX_API_KEY"] and api_base=os.environ.get('
            '"MINIMAX_BASE_URL", "https://api.minimaxi.com/v1") only where the model is on '
            'openai/ (`if name.startswith("openai/"):`; litellm sends an openai/ model to the '
            "api_base given), and write MiniMax's models there (openai/MiniMax-M3, "
            "openai/MiniMax-M2.5, openai/MiniMax-M2.5-highspeed, openai/MiniMax-M2.7), by hand",
        ),
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    if not name.startswith("openai/"):\n'
            "        raise ValueError(name)\n"
            "    return litellm.completion(\n"
            "        model=name,\n"
            "        messages=q,\n"
            '        api_key=os.environ["MINIMAX_API_KEY"],\n'
            '        api_base=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),\n'
            "    )\n",
            provider="minimax",
            finds=False,
        ),
        # t65c R3: given with setdefault, as an entry assigned is
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    params = {"model": name, "messages": q}\n'
            '    params.setdefault("api_key", os.environ["ACME_API_KEY"])\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            message=_GIVEN_WHATEVER_MODEL,
        ),
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    params = {"model": name, "messages": q}\n'
            '    if name.startswith("acme/"):\n'
            '        params.setdefault("api_key", os.environ["ACME_API_KEY"])\n'
            "    return litellm.completion(**params)\n",
            provider="acme",
            finds=False,
        ),
        # t60e: a typer option's default is the model's, and the else of the route's test
        # sends it as it is
        Example(
            "import os\n\nimport litellm\nimport typer\n\n\n"
            'def main(q, name: str = typer.Option("openrouter/openai/gpt-4o")):\n'
            '    if name.startswith("acme/"):\n'
            "        return litellm.completion(\n"
            '            model=name, messages=q, api_key=os.environ["ACME_API_KEY"]\n'
            "        )\n"
            "    return litellm.completion(model=name, messages=q)\n",
            provider="acme",
            message="model='openrouter/openai/gpt-4o' of litellm.completion() is OpenAI's "
            "gpt-4o through OpenRouter: litellm sends it to openrouter.ai with "
            "OPENROUTER_API_KEY, not to Acme Cloud; write 'acme/acme-large' with "
            'api_key=os.environ["ACME_API_KEY"] and api_base=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1") in its place, and no OpenRouter key, by hand',
        ),
        Example(
            "import os\n\nimport litellm\n\n\nclass Bot:\n"
            '    def __init__(self, name="openrouter/openai/gpt-4o"):\n'
            "        self.name = name\n\n"
            "    def ask(self, q):\n"
            "        route = (\n"
            '            {"api_key": os.environ["ACME_API_KEY"]}\n'
            '            if self.name.startswith("acme/")\n'
            "            else {}\n"
            "        )\n"
            "        return litellm.completion(model=self.name, messages=q, **route)\n",
            provider="acme",
            message="litellm.completion() is given Acme Cloud's key and base URL only where "
            "`self.name` is on litellm's acme/ route, and it may be 'openrouter/openai/gpt-4o' "
            "(the default of name of Bot(), line 7), which is not: OpenAI's gpt-4o through "
            "OpenRouter, which litellm sends to openrouter.ai with OPENROUTER_API_KEY, not to "
            "Acme Cloud; write 'acme/acme-large' there (or give that model its own call); a "
            "caller's own default for name (a command-line option's in another module) needs "
            "the same, by hand",
        ),
        Example(
            "import os\n\nimport litellm\nimport typer\n\n\n"
            'def main(q, name: str = typer.Option("acme/acme-large")):\n'
            "    route = {}\n"
            '    if name.startswith("acme/"):\n'
            '        route = dict(api_key=os.environ["ACME_API_KEY"])\n'
            "    return litellm.completion(model=name, messages=q, **route)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import litellm\n\n\nclass Bot:\n    def __init__(self):\n"
            '        self.model = "acme/acme-large"\n\n'
            "    def ask(self, q):\n"
            "        return litellm.completion(model=self.model, messages=q)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            'import litellm\nlitellm.completion(model="acme/acme-old", messages=[])\n',
            provider="acme",
            message="model='acme/acme-old' of litellm.completion(): Acme Cloud retired it on "
            "2025-12-01, so requests for it fail; use acme/acme-medium (with temperature at "
            "most 1) instead, by hand",
        ),
        Example(
            "import litellm\n"
            'litellm.completion(model="anthropic/claude-3-5-sonnet", messages=[])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'def completion(model, messages):\n    return model\n\ncompletion(model="gpt-4o", '
            "messages=[])\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import litellm\nfrom langchain_openai import ChatOpenAI\n\n"
            'MODEL = "gpt-4o"\nllm = ChatOpenAI(model=MODEL)\n'
            "reply = litellm.completion(model=MODEL, messages=[])\n",
            provider="acme",
            message="constant MODEL = 'gpt-4o' (the model of litellm.completion()) maps to "
            "'acme-large' on Acme Cloud, but this module gives it to litellm, which sends a "
            "model without a provider prefix to OpenAI, and to an OpenAI client: write "
            "'acme/acme-large' where it reaches litellm, 'acme-large' where it reaches an "
            "OpenAI client, by hand",
        ),
    )

    def hand_data(
        self, data: Mapping[str, object] | None, reads: Sequence[str]
    ) -> Mapping[str, object] | None:
        """`data` with `reads`, the provider file's variables the code the message gives a
        person reads (`_endpoint`: `api_base=os.environ.get("ZAI_BASE_URL", ...)`), as
        `hand_reads`, which apply's Next line names where litellm's route reads others."""
        return {**(data or {}), "hand_reads": list(reads)} if reads else data

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A project class deriving from DSPy's legacy OpenAI class (an OpenAI client: a bare
        model, `fw_dspy.LEGACY_CLASSES`) that gives it no base URL (no `api_base=` in the
        class: STORM's `class OpenAIModel(dspy.OpenAI)`, not its DeepSeekModel). Moving to a
        provider, one handing its constructions' key and base URL on to it (`Subclass.
        forwards`: STORM's `**kwargs`) is checked where it is built (`_subclass_call`), in
        this module or another; any other is left to a person, as a LangChain class's
        subclass is (ML601)."""
        found = subclass(self.ctx, node)
        if found is None:
            return
        name = found.base
        start = self.ctx.index_of(node)
        given = {
            n.keyword.value
            for n in self.ctx.nodes[start : self.ctx.ends[start]]
            if isinstance(n, cst.Arg) and n.keyword is not None
        }
        shown = f"dspy.{name.rsplit('.', 1)[-1]}"
        chat = fw_dspy.LEGACY_CLASSES.get(name)
        if self.provider is not None and found.forwards:
            if chat is not None and chat[0] not in found.taken:
                self._subclass_api(node, name, shown, given)
            return
        if given & {fw_dspy.API_BASE, "base_url"}:
            self._subclass_api(node, name, shown, given)
            return
        chat = chat if chat is not None and chat[0] not in given else None
        provider, url = self.provider, self.ctx.rules.base_url
        reads: list[str] = []
        if provider is not None and url is not None:
            what = (
                f"give it {provider.name}'s model with "
                f"{endpoint_keywords(self.ctx, provider, url, chat)}"
            )
            reads = self.written_reads()
        else:
            names = [fw_dspy.API_KEY, fw_dspy.API_BASE]
            names += [f'{chat[0]}="{chat[1]}"'] if chat is not None else []
            what = f"give it the model, {', '.join(names[:-1])} and {names[-1]}"
        self.report(
            node.name,
            f"{node.name.value} derives from {shown} and gives it no {fw_dspy.API_BASE}: its "
            f"constructions are not rewritten and talk to OpenAI; {what} in its __init__ (or "
            "hand them on from where it is built), by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _subclass_api(self, node: cst.ClassDef, name: str, shown: str, given: set[str]) -> None:
        """A project class deriving from DSPy's legacy class, given a base URL but no
        `model_type` (t45f N1): when moving to a provider, its models (no gpt-3.5, turbo or
        gpt-4 in their names) go to the legacy /completions endpoint, a warning (manual)."""
        chat = fw_dspy.LEGACY_CLASSES.get(name)
        if chat is None or chat[0] in given or self.provider is None:
            return
        if not self.ctx.rules.switching:
            return
        keyword_, value = chat
        self.report(
            node.name,
            f"{node.name.value} derives from {shown}, which sends a model whose name holds none "
            f"of {', '.join(fw_dspy.CHAT_MARKERS)} to the legacy /completions endpoint unless "
            f"given {keyword_}: {self.provider.name}'s models go there; pass {keyword_}="
            f'"{value}" in its __init__ (to {shown}), by hand',
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )

    def visit_Call(self, node: cst.Call) -> None:
        rules = self.ctx.rules
        if self.provider is None:
            self._without_provider(node)
            return
        if not rules.switching or rules.base_url is None:
            return
        named = routed_name(self.ctx, node, chat_prefix(self.ctx))
        if named is not None:
            self.report(named.node, named.message, fix=named.fix, edit=named.edit, data=named.data)
            return
        found = model_call(self.ctx, node)
        if found is not None:
            self._call(node, found)
            self._base_slash(node, found)
        elif qualified(self.ctx, node.func, fw_smol.AZURE_CLASSES) is not None:
            self._azure(node)
        elif _smolagents_router(self.ctx, node):
            self._router_model(node)
        elif _router(self.ctx, node):
            for deployment in _deployments(self.ctx, node):
                self._deployment(deployment, "a Router deployment")
        elif self.ctx.mentions("chat") and (shaped := openai_shaped(self.ctx, node)):
            self._shaped_unrouted(node, *shaped)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._forwarded_unrouted(node)

    def _forwarded_unrouted(self, node: cst.SimpleString) -> None:
        """The provider's model with no route (`bare_provider_model`) given to a parameter the
        project hands on to litellm's model (`forwarded_param`: swarms' `Agent(model_name=
        "kimi-k2.6")`, its Agent → LiteLLM → `litellm.completion`, t65c R2), which raises
        there as at litellm's own call: left to a person (an error), with the model on the
        route (the parameter may reach other code too)."""
        provider = self.provider
        value = string_value(node)
        if provider is None or not isinstance(value, str) or not self.ctx.rules.switching:
            return
        bare = bare_provider_model(self.ctx, value, True)
        found = forwarded_param(self.ctx, node) if bare is not None else None
        if bare is None or found is None:
            return
        prefix = chat_prefix(self.ctx)
        written = f"{prefix}/{bare}"
        own = prefix == provider.frameworks.get("litellm_prefix")
        endpoint = "" if own else f" with {provider.name}'s api_base and key where it does"
        self.report(
            node,
            f"{found.subject(bare)} is {provider.name}'s model with no litellm route: "
            f"{found.name}() hands {found.param} on to litellm's model through the project's "
            f'code, and litellm finds no provider for it and raises ("{fw.UNKNOWN_MODEL_ERROR}")'
            f" before any request; write {written!r} where it reaches litellm{endpoint}, by "
            "hand",
            fix=FixClass.MANUAL,
            data={"model_from": bare, "model_to": written},
        )

    def _shaped_unrouted(self, node: cst.Call, shaped: str, gate: str) -> None:
        """The provider's model with no route given to the OpenAI-shaped request of a class
        handing it to litellm (`fw.OPENAI_SHAPED`: mem0's proxy), which raises there as on
        litellm's own call (`bare_provider_model`): left to a person (an error), with the
        model on the route and the provider's key and base URL for that request."""
        provider = self.provider
        arg = argument(node, fw.MODEL_KEYWORD, 0)
        resolved = None if arg is None else self.ctx.resolve_literal(arg.value)
        if provider is None or resolved is None:
            return
        bare = bare_provider_model(self.ctx, resolved[1], True)
        if bare is None:
            return
        written = f"{chat_prefix(self.ctx)}/{bare}"
        values = self.values(node)
        key, base = fw.OPENAI_SHAPED_KEYWORDS
        self.report(
            resolved[0],
            f"model={bare!r} of {shaped}'s chat.completions.create() is {provider.name}'s model "
            f"with no litellm route: {shaped} hands it to litellm, which finds no provider for "
            f'it and raises ("{fw.UNKNOWN_MODEL_ERROR}"); write {written!r} and pass '
            f"{key}={values['key']} and {base}={values['base']}{gated(shaped, gate)}, by hand",
            fix=FixClass.MANUAL,
            data=self.hand_data({"model_from": bare, "model_to": written}, self.written_reads()),
        )

    def _base_slash(self, node: cst.Call, found: ModelCall) -> None:
        """A base URL of the provider given to DSPy's legacy class (or a subclass handing it
        on) that may end without a slash (`dspy_bases.needs_slash`), in the call or in the
        `**` mapping it shows: the class hands it to openai's module client, which joins the
        request's path to it as written. apply adds the slash (review)."""
        if not found.slashed_base:
            return
        for base in shown_bases(self.ctx, node, found):
            if id(base) in self.slash_reported or not provider_url(self.ctx, base):
                continue
            if not needs_slash(self.ctx, base):
                continue
            self.slash_reported.add(id(base))
            code = slashed(self.ctx, base)
            self.report(
                base,
                f"{found.shown} is given {fw_dspy.API_BASE}={self.snippet(base)}, which may end "
                "without a slash: dspy hands it to openai's module-level client, which joins "
                "each request's path to it as written (`.../v1chat/completions`: 404); apply "
                "ends it with one",
                edit=Edit(self.ctx.span(base), code),
            )

    def _without_provider(self, node: cst.Call) -> None:
        """With no target: a call (or Router deployment) that sends an OpenAI model written in
        the module to OpenAI, and smolagents' Azure class; what it depends on, manual (no
        edit is known yet)."""
        found = model_call(self.ctx, node)
        if found is not None:
            bases = [a.value for n in found.bases if (a := argument(node, n, None)) is not None]
            model = found.model.value if found.model is not None else None
            spread = spread_dict(self.ctx, node, found) if model is None else None
            entries = dict_entries(spread) if spread is not None else None
            at: cst.CSTNode = node.func
            if spread is not None and entries is not None and fw.MODEL_KEYWORD in entries:
                at, model = spread, entries[fw.MODEL_KEYWORD].value
                bases = [entries[name].value for name in found.bases if name in entries]
            if model is not None:  # `**` beside the model may hold the key or URL
                moved = not (passes_mapping(node) and at is node.func)
                self._on_openai(at, found.shown, model, found.prefixed, bases, moved)
        elif qualified(self.ctx, node.func, fw_smol.AZURE_CLASSES) is not None:
            self.report(
                node.func,
                f"{last_name(node.func)}() talks to an Azure OpenAI deployment; "
                "`migrate-llm scan --provider ID` says what to use instead",
                fix=FixClass.MANUAL,
            )
        elif _router(self.ctx, node):
            for deployment in _deployments(self.ctx, node):
                params = deployment.get(fw.ROUTER_PARAMS)
                entries = dict_entries(params.value) if params is not None else None
                if params is None or entries is None or fw.MODEL_KEYWORD not in entries:
                    continue
                bases = [entries[name].value for name in fw.BASE_KEYWORDS if name in entries]
                model = entries[fw.MODEL_KEYWORD].value
                self._on_openai(params.value, "a Router deployment", model, True, bases, True)

    def _on_openai(
        self,
        at: cst.CSTNode,
        shown: str,
        model: cst.BaseExpression,
        prefixed: bool,
        bases: list[cst.BaseExpression],
        moved: bool,
    ) -> None:
        """Report `shown` where its model (written in the module) is OpenAI's and its base
        URL, if any, OpenAI's too; `moved`: whether `apply --provider` would move it (else
        `scan --provider` says what to pass)."""
        if self._azure_route(model, shown, None, prefixed):
            return
        resolved = self.ctx.resolve_literal(model)
        if resolved is None or any(self.endpoint_kind(base) != "openai" for base in bases):
            return
        value = resolved[1]
        if openai_model(self.ctx, value, prefixed) is None:
            return
        said = (
            "`migrate-llm apply --provider ID` points it at a provider"
            if moved
            else "`migrate-llm scan --provider ID` says what to pass"
        )
        self.report(
            at,
            f"{shown} sends the request to OpenAI: model={value!r} is an OpenAI model; {said}",
            fix=FixClass.MANUAL,
            data={"model_from": value},
        )

    def _call(self, node: cst.Call, found: ModelCall) -> None:
        if shared_call(self.ctx, node) and self.ctx.sdk_call(node) is not None:
            self._shared(node, found)
            return
        if found.model is None:
            spread = spread_dict(self.ctx, node, found)
            if spread is not None:
                extra = self._chat_type(found, _keywords(node) | set(dict_entries(spread) or {}))
                self._entries(spread, found.shown, found.prefix, found.prefixed, found, extra, node)
            elif found.run_time and passes_mapping(node) and not route_guarded(self.ctx, node):
                self._unseen_keywords(node, found)
            return
        bases = [a for name in found.bases if (a := argument(node, name, None)) is not None]
        if found.run_time and (
            self.ctx.resolve_literal(found.model.value) is None
            or route_decided(self.ctx, node, found)
        ):
            names = (found.key, *found.bases)
            keywords = {n: a.value for n in names if (a := argument(node, n, None))}
            self._run_time(node, found.model.value, found, keywords)
            return
        if self._azure_route(
            found.model.value, found.shown, found.prefix, found.prefixed, found.surface
        ):
            return
        if self._retired(found.model.value, found.shown, found.prefixed, bases):
            return
        routed = argument(node, fw.ROUTE_KEYWORD, None) is not None
        if any(self.endpoint_kind(a.value) != "openai" for a in bases):
            if all(openai_or_provider(self.ctx, a.value) for a in bases):
                key = argument(node, found.key, None)  # on the provider's endpoint
                self.typed_key_prompt(key.value if key is not None else None)
                self._text_api(node, found)
                if all(provider_url(self.ctx, a.value) for a in bases):
                    self._unrouted_at_provider(
                        found.model.value, found.shown, found.prefix, found.prefixed, routed
                    )
            self._branch_left(found.model.value, found.shown, found.prefix, found.prefixed, bases)
            return  # pointed somewhere on purpose
        if self.ctx.resolve_literal(found.model.value) is None:
            return
        if found.surface == "embeddings" and self._no_embeddings(found.model.value, found.shown):
            return
        key = argument(node, found.key, None)
        if self._openai(found.model.value, found.prefixed) and self.held_key(
            key.value if key is not None else None, found.shown, node.func
        ):
            return
        if self._read_left(found, [a.value for a in bases]):
            return
        by_hand = passes_mapping(node)
        moved, model = self.model_edit(
            found.model.value, found.shown, found.prefix, found.prefixed, by_hand, routed
        )
        if not moved:
            self._provider_model(node, found, key, bases)
            return
        goes = self.goes(found.model.value, found.prefixed, routed)
        extra = self._chat_type(found, _keywords(node))
        literal = self.ctx.resolve_literal(found.model.value)
        head = fw.route(literal[1])[0] if literal is not None and found.prefixed else ""
        if by_hand and not extra and head and spread_endpoint(self.ctx, node, found, head):
            return  # `**extra` shown to give the provider's key and base URL on its route
        if by_hand:
            also = "".join(f" and {k}={v}" for k, v in extra.items())
            what, reads = f"the provider's key and base URL{also}", list[str]()
            if found.slashed_base:
                what, reads = self._endpoint_keywords(found, node, None)
            self.report(
                node.func,
                f"{found.shown} also takes `**` arguments: make sure they set no api_key or "
                f"api_base, then add {what} by hand",
                fix=FixClass.MANUAL,
                data=self.hand_data(None, reads),
            )
            return
        given = [a for a in (key, *bases) if a is not None]
        # beside the key or URL the call gives, so that the one edit holds nothing else
        after = max(given, key=lambda a: self.ctx.span(a).start) if given else found.model
        named = argument(node, fw.ROUTE_KEYWORD, None)  # a route not read: taken for OpenAI's
        route = (string_value(named.value) or fw.OPENAI_PREFIX) if named else found.prefix
        self.endpoint(
            found.shown,
            key.value if key is not None else None,
            [base.value for base in bases],
            (found.key, found.bases),
            lambda missing: insert_keywords(self.ctx, node, missing, after=after),
            node.func,
            model,
            extra,
            self._chat_note(found) if extra else "",
            found.slashed_base,
            goes,
            route,
        )
        self._text_given(node, found)

    def _shared(self, node: cst.Call, found: ModelCall) -> None:
        """A call through a name bound to litellm's function and to an SDK method
        (`PythonContext.callees`: shell_gpt's `completion`): litellm takes the provider's
        model on its route with `api_key=` and `api_base=`, which the SDK's method refuses
        (TypeError), and the SDK the model as it is. No edit suits both: left to a person
        (a warning, so `check` fails until the paths call apart)."""
        provider = self.provider
        assert provider is not None
        ctx = self.ctx
        litellm = litellm_function(ctx, node)
        method = ctx.callee(node)
        assert litellm is not None
        lines = [ctx.line_label(ctx.position(m)[0][0]) for m in (litellm[0], method)]
        model = given_model(ctx, node)
        written = string_value(model) if model is not None else None
        if written is not None:
            source = f"its model is {written!r}"
        else:
            where = self._source(model, "") if model is not None else "its `**` arguments"
            source = f"its model comes from {where}"
        route = f"{found.prefix}/<model>" if found.prefix else "<model>"
        name = f"`{self.snippet(node.func)}`"
        bound = (
            f"{name} is {found.shown} or {self.snippet(method)}() as {lines[0]} binds it"
            if lines[0] == lines[1]
            else f"{name} is {found.shown} where {lines[0]} binds it and "
            f"{self.snippet(method)}() where {lines[1]} does"
        )
        endpoint, reads = self._endpoint(self._client_key(method))
        self.report(
            node.func,
            f"{bound}, and {source}: litellm takes {provider.name}'s model as {route} with "
            f"{endpoint}{self._endpoint_note(found.prefix)}, "
            "the client "
            "the model as it is and neither "
            "keyword (TypeError); apply leaves the call: give each path a call of its own "
            f"(under the test that binds {name} to its method, or calling the method by its "
            "own name), by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _chat_type(self, found: ModelCall, given: set[str]) -> dict[str, str]:
        """The keyword apply adds to a class that picks the chat API by the model's name
        (`fw_dspy.LEGACY_CLASSES`) as it moves it to the provider, unless `given` holds it:
        the provider's model (or the one a person picks) would go to the legacy /completions
        endpoint."""
        if found.chat_type is None or found.chat_type[0] in given:
            return {}
        name, value = found.chat_type
        return {name: f'"{value}"'}

    def _chat_note(self, found: ModelCall) -> str:
        assert found.chat_type is not None
        name, value = found.chat_type
        markers = ", ".join(fw_dspy.CHAT_MARKERS)
        return (
            f'; apply also passes {name}="{value}": without it {found.shown} sends a model '
            f"whose name holds none of {markers} to the legacy /completions endpoint"
        )

    def _text_api(self, node: cst.Call, found: ModelCall) -> None:
        """A class that picks the chat API by the model's name (`fw_dspy.LEGACY_CLASSES`),
        given the provider's endpoint and a provider model written in the module that it
        sends to the legacy /completions endpoint (no `model_type`, no `**` that may give
        it): the keyword added (review)."""
        provider = self.provider
        if self._text_given(node, found):
            return
        extra = self._chat_type(found, _keywords(node))
        model = found.model
        resolved = self.ctx.resolve_literal(model.value) if model is not None else None
        if not extra or passes_mapping(node) or resolved is None or provider is None:
            return
        if not provider.serves(resolved[1]) or fw_dspy.legacy_chat(resolved[1]):
            return
        name, value = next(iter(extra.items()))
        after = max(node.args, key=lambda a: self.ctx.span(a).start)
        self.report(
            node.func,
            f"{found.shown} sends model={resolved[1]!r} to the legacy /completions endpoint "
            f"(without {name} it takes the chat API only for a name holding one of "
            f"{', '.join(fw_dspy.CHAT_MARKERS)}); apply passes {name}={value}",
            edit=insert_keywords(self.ctx, node, extra, after=after),
        )

    def _text_given(self, node: cst.Call, found: ModelCall) -> bool:
        """Report a class of `fw_dspy.LEGACY_CLASSES` given the text API by name
        (`model_type="text"`) where the provider serves completions in part or not at all
        (`[supports] completions`): left to a person, who picks the API with the model.
        Whether it was one."""
        provider = self.provider
        given = argument(node, found.chat_type[0], None) if found.chat_type else None
        value = string_value(given.value) if given is not None else None
        support = provider.support("completions") if provider is not None else True
        if found.chat_type is None or value in (None, found.chat_type[1]) or support is True:
            return False
        if support not in (False, "partial"):
            return False
        assert provider is not None
        name, chat = found.chat_type
        serves = "only in part" if support == "partial" else "not at all"
        self.report(
            node.func,
            f"{found.shown} is given {name}={value!r}, so it sends its requests to the legacy "
            f"/completions endpoint, which {provider.name} serves {serves}: write "
            f'{name}="{chat}" with one of its chat models, by hand',
            fix=FixClass.MANUAL,
        )
        return True

    def _provider_model(
        self, node: cst.Call, found: ModelCall, key: cst.Arg | None, bases: list[cst.Arg]
    ) -> None:
        """The provider's model given to an OpenAI client (DSPy's legacy OpenAI class,
        smolagents' OpenAIServerModel) with no base URL but OpenAI's given or shown in its
        `**` mapping (`shown_bases`; a mapping that shows none gives none): the request, and
        the key, still go to OpenAI. Moved as an OpenAI model's call is (its model kept);
        left to a person where `**` arguments may hold the key or base URL."""
        provider = self.provider
        assert provider is not None and found.model is not None
        resolved = self.ctx.resolve_literal(found.model.value)
        if found.prefixed or resolved is None:
            return
        value = resolved[1]
        if self.ctx.rules.openai.serves(value) or not provider.serves(value):
            return
        if any(self.endpoint_kind(b) != "openai" for b in shown_bases(self.ctx, node, found)):
            self._spread_text_api(node, found, value)
            return
        if not passes_mapping(node):
            # a provider model the legacy DSPy class sends to /completions by its name
            extra = {} if fw_dspy.legacy_chat(value) else self._chat_type(found, _keywords(node))
            self.endpoint(
                found.shown,
                key.value if key is not None else None,
                [base.value for base in bases],
                (found.key, found.bases),
                lambda missing: insert_keywords(
                    self.ctx,
                    node,
                    missing,
                    after=max(
                        [a for a in (key, *bases, found.model) if a is not None],
                        key=lambda a: self.ctx.span(a).start,
                    ),
                ),
                node.func,
                None,
                extra,
                self._chat_note(found) if extra else "",
                found.slashed_base,
            )
            return
        spread = next(a for a in node.args if a.star)
        endpoint, reads = self._endpoint_keywords(found, node, value)
        self.report(
            node.func,
            f"{found.shown} sends {provider.name}'s model {value!r} to OpenAI: no base URL "
            f"reaches it (`{spread.star}{self.snippet(spread.value)}` shows none), so the key "
            f"goes there too; give it {endpoint}, by hand",
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _endpoint_keywords(self, found: ModelCall, node: cst.Call, model: str | None) -> Hand:
        """What to give `found` (a call `node` of it, sending `model`) for the provider, as
        the messages leaving it to a person say it: the key and base URL, and for DSPy's
        legacy class the chat API unless the call or its `**` mapping gives it, or the
        model's name takes it there (`dspy_bases.endpoint_keywords`); with the variables
        that code reads."""
        from migrate_llm.rules.clients import kwargs_of

        provider, url = self.provider, self.ctx.rules.base_url
        assert provider is not None and url is not None
        if found.slashed_base:
            given = _keywords(node)
            kwargs = kwargs_of(self.ctx, node)
            if kwargs is not None:
                given |= set(kwargs.entries)
            chat = found.chat_type
            if chat is not None and (chat[0] in given or (model and fw_dspy.legacy_chat(model))):
                chat = None
            return endpoint_keywords(self.ctx, provider, url, chat), self.written_reads()
        return (
            f'{found.key}=os.environ["{provider.api_key_env}"] and '
            f'{found.bases[0]}=os.environ.get("{provider.base_url_env}", "{url}")'
        ), self.written_reads()

    def _spread_text_api(self, node: cst.Call, found: ModelCall, model: str) -> None:
        """A class that picks the chat API by the model's name, given the provider's model
        and its base URL by the `**` mapping the module shows whole (STORM's
        `**openai_kwargs`, its entries known), neither giving the keyword that chooses the
        chat API: its requests go to the legacy /completions endpoint (t53e: a raw prompt to
        chat models). A warning left to a person (the mapping may serve other calls, and
        code the module does not show may add to it)."""
        from migrate_llm.rules.clients import kwargs_of

        kwargs = kwargs_of(self.ctx, node)
        chat = found.chat_type
        if chat is None or kwargs is None or not kwargs.entries or fw_dspy.legacy_chat(model):
            return
        if chat[0] in _keywords(node) | set(kwargs.entries):
            return
        name, value = chat
        self.report(
            node.func,
            f"{found.shown} sends model={model!r} to the legacy /completions endpoint (without "
            f"{name} it takes the chat API only for a name holding one of "
            f"{', '.join(fw_dspy.CHAT_MARKERS)}), and neither the call nor "
            f'`**{self.snippet(kwargs.arg.value)}` gives it: pass {name}="{value}", by hand',
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )

    def _openai(self, model: cst.BaseExpression, prefixed: bool) -> bool:
        """Whether `model` (written in the module) is an OpenAI model, or the provider's on
        litellm's OpenAI route (`openai_routed`)."""
        resolved = self.ctx.resolve_literal(model)
        return resolved is not None and (
            openai_model(self.ctx, resolved[1], prefixed) is not None
            or openai_routed(self.ctx, resolved[1], prefixed) is not None
        )

    def _branch_left(
        self,
        value: cst.BaseExpression,
        shown: str,
        prefix: str | None,
        prefixed: bool,
        bases: Sequence[cst.Arg | cst.DictElement],
    ) -> None:
        """A call (or dict) given the provider's endpoint (as apply writes it) whose model is
        a default or constant that a test of its name passes and the provider's model fails
        (`def create_agent(model_id="o1")` with `if model_id == "o1":`), which apply left:
        reported again (manual), as ML204 keeps reporting such a default, so that `check`
        fails until a person changes the test and the model together; so is one the module
        also sends to an OpenAI client (`both_forms`)."""
        if not bases or not all(openai_or_provider(self.ctx, b.value) for b in bases):
            return
        resolved = self.ctx.resolve_literal(value)
        if resolved is None or resolved[2] == "literal":
            return
        node, model_from, how = resolved
        model = openai_model(self.ctx, model_from, prefixed)
        new = self.ctx.rules.map_model(model) if model is not None else None
        if model is None or new is None:
            return
        written = f"{prefix}/{new}" if prefix else new
        subject = f"{how} = {model_from!r} (the model of {shown})"
        if self.both_forms(node, subject, model_from, model, new):
            return
        left = branch_reason(self.ctx, subject, node, model_from, written, (), False)
        # `_unrouted_at_provider` may have said it (an OpenAI model beside the provider's URL)
        if left and not any(f.message == left for f in self.findings):
            self.report(node, left, fix=FixClass.MANUAL, data={"model_from": model_from})

    def _azure_route(
        self,
        model: cst.BaseExpression,
        shown: str,
        prefix: str | None,
        prefixed: bool,
        surface: str = "chat",
    ) -> bool:
        """Report a model written on litellm's route to Azure OpenAI (`fw.AZURE_ROUTES`:
        `azure/gpt-4o-mini`), which talks to an Azure resource as the SDK's AzureOpenAI()
        does (ML002): left to a person, an error (the deployment's name need not be the
        model's). Not for an Azure OpenAI target. Whether it was one."""
        resolved = self.ctx.resolve_literal(model) if prefixed else None
        if resolved is None or azure_target(self.ctx.rules) is not None:
            return False
        node, value, _how = resolved
        head, deployment = fw.route(value)
        if head not in fw.AZURE_ROUTES:
            return False
        said = f"{shown} talks to Azure OpenAI: model={value!r} is {azure_route_text(value)}"
        provider = self.provider
        data = {"model_from": value, "litellm_route": head}
        if provider is None:
            self.report(
                node,
                f"{said}; `migrate-llm scan --provider ID` says what to use instead",
                fix=FixClass.MANUAL,
                data=data,
            )
            return True
        if surface == "embeddings" and provider.supports.get("embeddings") is False:
            self.report(
                node,
                f"{said}; {provider.name} serves no embeddings: embed with another provider, "
                "or keep this call on Azure OpenAI and say so with "
                f"`# migrate-llm: ignore[{self.code}]` on it, by hand",
                fix=FixClass.MANUAL,
                data=data,
            )
            return True
        mapped = self.ctx.rules.map_model(deployment)
        if mapped is not None:
            written = f"{prefix}/{mapped}" if prefix else mapped
            data["model_to"] = written
            what = f"{written!r} (what {deployment} maps to)"
        else:
            what = f"one of its models ({', '.join(provider.candidates(surface))})"
        url = self.ctx.rules.base_url
        assert url is not None
        self.report(
            node,
            f"{said}; for {provider.name} write {what} with api_key={key_expr(provider)} and "
            f"api_base={base_url_expr(provider, url)}, and no api_version, by hand",
            fix=FixClass.MANUAL,
            data=self.hand_data(data, self.written_reads()),
        )
        return True

    def _retired(
        self,
        model: cst.BaseExpression,
        shown: str,
        prefixed: bool,
        bases: Sequence[cst.Arg | cst.DictElement],
    ) -> bool:
        """Report a model the provider retired, on litellm's route for it
        (`deepseek/deepseek-chat`; bare for a call that takes a bare id), unless a base URL
        written in the module is another host's (a proxy may serve the name): whether it was
        one. Left to a person, as for the OpenAI client (ML201): the replacement may take more
        than its id."""
        resolved = self.ctx.resolve_literal(model)
        if resolved is None:
            return False
        node, value, _how = resolved
        retired = self.ctx.rules.retired(value, bare=not prefixed)
        if retired is None or any(self._elsewhere(base.value) for base in bases):
            return False
        prefix, retirement = retired
        self.report(
            node,
            self.ctx.rules.retired_message(f"model={value!r} of {shown}", prefix, retirement),
            fix=FixClass.MANUAL,
            data=self.ctx.rules.retired_data(value, prefix, retirement),
        )
        return True

    def _elsewhere(self, expr: cst.BaseExpression) -> bool:
        """Whether `expr` is a URL (written in the module) of a host other than the
        provider's and OpenAI's."""
        resolved = self.ctx.resolve_literal(expr)
        if resolved is None:
            return False
        endpoint = classify_url(self.ctx, resolved[1])
        provider = self.provider
        return endpoint.kind == "custom" or (
            endpoint.provider is not None
            and provider is not None
            and endpoint.provider.id not in (provider.id, self.ctx.rules.openai.id)
        )

    def _no_embeddings(self, model: cst.BaseExpression, shown: str) -> bool:
        """Report an OpenAI embeddings model given to a provider that serves no embeddings
        (its endpoint left OpenAI's, so `check` keeps failing): whether it was one."""
        provider = self.provider
        resolved = self.ctx.resolve_literal(model)
        if provider is None or provider.supports.get("embeddings") is not False:
            return False
        if resolved is None or openai_model(self.ctx, resolved[1], True) is None:
            return False
        self.report(
            resolved[0],
            f"model={resolved[1]!r} of {shown} is an OpenAI embeddings model and "
            f"{provider.name} serves no embeddings: {self._kept_embeddings()}",
            fix=FixClass.MANUAL,
            data={"model_from": resolved[1]},
        )
        return True

    def _kept_embeddings(self) -> str:
        """What to do with an embeddings call the provider cannot serve."""
        return (
            "embed with another provider, or keep this call on OpenAI with OpenAI's key and "
            f"say so with `# migrate-llm: ignore[{self.code},ML401]` on it, by hand"
        )

    def _azure(self, node: cst.Call) -> None:
        """smolagents' Azure class: an Azure deployment, endpoint and API version, which the
        provider has none of."""
        provider = self.provider
        assert provider is not None
        shown = f"{last_name(node.func)}()"
        self.report(
            node.func,
            f"{shown} talks to an Azure OpenAI deployment: for {provider.name} use "
            f'OpenAIServerModel(model_id=<model>, api_key=os.environ["{provider.api_key_env}"], '
            f'api_base=os.environ.get("{provider.base_url_env}", "{self.ctx.rules.base_url}")) '
            "with one of its models, by hand",
            fix=FixClass.MANUAL,
            data=self.hand_data(None, self.written_reads()),
        )

    def _run_time(
        self,
        call: cst.Call,
        model: cst.BaseExpression,
        found: ModelCall,
        given: dict[str, cst.BaseExpression],
        where: str = "",
    ) -> None:
        """A call whose model the module does not fix (`given`: its keywords, or the entries
        of the dict display it spreads). Nothing where every value the module shows is the
        provider's model on its own route (`known_literals`: after ML204 wrote
        `self.model = "deepseek/deepseek-v4-pro"`). On a litellm route, the key and base URL
        it is given whatever the model (a model on another route takes them to its host) are
        reported; given only where the model is on the route (`route_keys`), or pointed
        elsewhere on purpose, it is left; else the endpoint is a person's to give
        (`_run_time_model`)."""
        prefix = found.prefix
        if self._own(prefix) and self._known_on_route(model):
            return
        bases = [v for k, v in given.items() if k in found.bases]
        if any(self.endpoint_kind(b) != "openai" for b in bases) and all(
            openai_or_provider(self.ctx, b) for b in bases
        ):
            self.typed_key_prompt(given.get(found.key))
        if prefix is None:  # an OpenAI client: one base URL for every model
            if all(base_left(self.ctx, b) for b in bases):
                endpoint = self._endpoint_keywords(found, call, None)
                self._run_time_model(model, found.shown, prefix, where, found.surface, endpoint)
            return
        if route_keys.on_route(model, prefix):
            return
        spread = next((a.value for a in call.args if a.star == "**"), None)
        # the model given through `**` (`where`) or as a keyword beside `**endpoint`, whose
        # key and base URL that mapping may hold (read as the route's only under its test)
        named = spread if isinstance(spread, cst.Name) else None
        names = (found.key, *found.bases)
        sent = sent_model(self.ctx, call, found)
        parts = [
            p
            for p in route_keys.call_parts(
                self.ctx, call, given, named, names, prefix, not where, sent
            )
            if not p.other and not base_left(self.ctx, p.value)
        ]
        loose = [p for p in parts if not p.guarded and self._providers(p, found)]
        if loose:
            self._loose(loose, model, found, where)
        elif any(p.guarded and (p.keyword in found.bases or self._own(prefix)) for p in parts):
            if not route_keys.call_guarded(self.ctx, call, prefix, sent):
                self._off_route(model, found)  # the call sends any model, the test its endpoint
        elif route_keys.past_route(self.ctx, call, prefix):
            self._off_route(model, found)  # the route's own call is under the test
        elif not any(not p.guarded and p.keyword in found.bases for p in parts):
            self._run_time_model(model, found.shown, prefix, where, found.surface)

    def _off_route(self, model: cst.BaseExpression, found: ModelCall) -> None:
        """A call that gets the provider's key and base URL only for a model on its route
        (`route_keys`: in the `else` of the route's test, or spreading a dict the test fills),
        whose model the module shows may be a value failing that test: a parameter's default
        (also a command-line option's, `typer.Option("openrouter/openai/gpt-4-32k")`:
        `option_defaults`), what the module's calls pass it, what the class assigns
        `self.model`. litellm sends that value as it is: an OpenAI model to OpenAI, one through
        a router to the router's host, the provider's model without the route nowhere. Each is
        an error (manual) at the call's model, so `check` fails until every value the module
        shows is on the route; a value on another route (`ollama/...`) is left."""
        provider = self.provider
        assert provider is not None and found.prefix is not None
        prefix = found.prefix
        for node, value in model_values(self.ctx, model):
            if value.startswith(f"{prefix}/") or self._written_on_route(node, value):
                continue
            if self._reported_at(node):
                continue  # the route's own call said it at the value (`model_edit`)
            goes = self._goes_off_route(value)
            if goes is None:
                continue
            sends, mapped = goes
            written = f"{prefix}/{mapped}" if mapped else None
            write = (
                f"write {written!r} there"
                if written
                else f"write one of {provider.name}'s models on it ({prefix}/<model>) there"
            )
            line = self.ctx.line_label(self.ctx.position(node)[0][0])
            also = ""
            owner = default_of(self.ctx, node)
            if owner is not None:  # a caller in another module may pass a default of its own
                line = (
                    f"the default of {owner[0]} of {function_label(self.ctx, owner[1])}(), {line}"
                )
                also = (
                    f"; a caller's own default for {owner[0]} (a command-line option's in another "
                    "module) needs the same"
                )
            self.report(
                model,
                f"{found.shown} is given {provider.name}'s key and base URL only where "
                f"`{self.snippet(model)}` is on litellm's {prefix}/ route, and it may be "
                f"{value!r} ({line}), which is not: {sends}; {write} (or give that model its "
                f"own call){also}, by hand",
                fix=FixClass.MANUAL,
                data={"model_from": value, **({"model_to": written} if written else {})},
            )

    def _reported_at(self, node: cst.CSTNode) -> bool:
        """Whether this rule has reported something at `node` already."""
        start = self.ctx.position(node)[0]
        return any((f.line, f.column) == start for f in self.findings)

    def _written_on_route(self, node: cst.CSTNode, value: str) -> bool:
        """Whether ML204 writes `value` on the provider's route where the module sets it (a
        default, also an option's, a constant, an assignment: not a call's argument), as an
        OpenAI model the
        provider maps (`_known_on_route` counts on it too); where it leaves one, it reports
        it itself."""
        model = openai_model(self.ctx, value, True)
        if model is None or self.ctx.rules.map_model(model) is None:
            return False
        parent = self.ctx.ancestors(node)[-1:]
        return not parent or not isinstance(parent[0], cst.Arg) or bool(default_of(self.ctx, node))

    def _goes_off_route(self, value: str) -> tuple[str, str | None] | None:
        """What litellm does with a model string given no key or base URL, where it does not
        reach the provider (an OpenAI model, one through a router, the provider's model with
        no route), and the provider's model it maps to (None: the table maps none); None for
        another."""
        rules = self.ctx.rules
        provider = self.provider
        assert provider is not None
        elsewhere = f"not to {provider.name}"
        routed = fw.through_router(value)
        if routed is not None and rules.openai.serves(routed[1]):
            name, host, key_env = fw.ROUTERS[routed[0]]
            sends = f"OpenAI's {routed[1]} through {name}, which litellm sends to {host} with "
            return f"{sends}{key_env}, {elsewhere}", rules.map_model(routed[1])
        model = openai_model(self.ctx, value, True) or openai_routed(self.ctx, value, True)
        if model is not None:
            sends = f"litellm sends it to api.openai.com with OPENAI_API_KEY, {elsewhere}"
            return sends, rules.map_model(model) if rules.openai.serves(model) else model
        bare = bare_provider_model(self.ctx, value, True)
        if bare is not None:
            return f'litellm finds no provider for it and raises ("{fw.UNKNOWN_MODEL_ERROR}")', bare
        return None

    def _own(self, prefix: str | None) -> bool:
        """Whether `prefix` is litellm's own route for the provider, which reads the
        provider's variables itself where a call passes no key or base URL."""
        route = self.provider.litellm_route() if self.provider is not None else None
        return route is not None and route[0] == prefix

    def _providers(self, part: route_keys.EndpointPart, found: ModelCall) -> bool:
        """Whether a key or base URL given is the provider's: a read of its key variable
        (the file's or litellm's route's), its URL or base-URL variable."""
        provider = self.provider
        assert provider is not None
        if part.keyword in found.bases:
            return provider_url(self.ctx, part.value)
        env = env_var_read(self.ctx, part.value)
        route = provider.litellm_route()
        keys = {provider.api_key_env, *(route[1:2] if route is not None else ())}
        return env is not None and env[0] in keys

    def _loose(
        self,
        parts: list[route_keys.EndpointPart],
        model: cst.BaseExpression,
        found: ModelCall,
        where: str,
    ) -> None:
        """The provider's key or base URL given to a call whose model may be on any route,
        whatever the model: a warning (manual) at the first, to be given on the route only."""
        provider = self.provider
        assert provider is not None and found.prefix is not None
        kinds = dict.fromkeys("key" if p.keyword == found.key else "base URL" for p in parts)
        advice, reads = self._route_only(found.prefix, self.snippet(model), "give", found.surface)
        self.report(
            parts[0].value,
            f"{found.shown} takes its model from {self._source(model, where)} and is given "
            f"{provider.name}'s {' and '.join(kinds)} whatever that model is: a model on "
            f"another of litellm's routes ({_other_routes(found.prefix)}) would take "
            f"{'them' if len(kinds) > 1 else 'it'} to its host; " + advice + ", by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _known_on_route(self, model: cst.BaseExpression) -> bool:
        """For a call on the provider's own litellm route (`_own`): whether the module shows
        every value `model` may hold (`known_literals`, as ML118 follows `self.model`) and
        none goes to OpenAI once migrated: each is on a route other than OpenAI's (its own,
        `deepseek/deepseek-v4-pro` after apply) or an OpenAI model the provider maps, which
        ML204 writes on the provider's route where the module sets it."""
        known = known_literals(self.ctx, model)
        if not known:
            return False
        rules = self.ctx.rules
        for _, value, _ in known:
            head = fw.route(value)[0]
            model_from = openai_model(self.ctx, value, True)
            if model_from is not None and rules.map_model(model_from) is None:
                return False
            if model_from is None and head in ("", fw.OPENAI_PREFIX):
                return False
        return True

    def _source(self, model: cst.BaseExpression, where: str) -> str:
        """Where the call's model comes from, as other rules know it: the values the module
        sets (`known_literals`, with their lines) or a value chosen at run time."""
        code = f"`{self.snippet(model)}`{where}"
        known = known_literals(self.ctx, model)
        if not known:
            return f"{code} at run time"
        values = " and ".join(
            f"{value!r} ({self.ctx.line_label(self.ctx.position(node)[0][0])})"
            for node, value, _ in known
        )
        return f"{code}, which the module sets to {values}"

    def _run_time_model(
        self,
        model: cst.BaseExpression,
        shown: str,
        prefix: str | None,
        where: str = "",
        surface: str = "chat",
        endpoint: Hand | None = None,
    ) -> None:
        """A model chosen at run time (SWE-agent's `model=self.args.name`, from its command
        line): litellm sends an OpenAI model there to OpenAI, and nothing says which one
        comes, so the endpoint is a person's to give. `where`: how the call is given it;
        `endpoint`: `_by_hand`'s."""
        advice, reads = self._by_hand(
            prefix, surface=surface, code=self.snippet(model), endpoint=endpoint
        )
        self.report(
            model,
            f"{shown} takes its model from {self._source(model, where)}: " + advice,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _unseen_keywords(self, node: cst.Call, found: ModelCall) -> None:
        """A call given its model only through `**` arguments the module does not show
        (smolagents' `LiteLLMModel(**model_params)` with `model_params` built at run time):
        the model, key and base URL there are a person's to check."""
        spread = next(a for a in node.args if a.star)
        code = self.snippet(spread.value)
        advice, reads = self._by_hand(found.prefix, found.model_keyword, found.surface)
        self.report(
            node.func,
            f"{found.shown} takes its model from `{spread.star}{code}`, which this module does "
            "not show: " + advice,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=self.hand_data(None, reads),
        )

    def _by_hand(
        self,
        prefix: str | None,
        keyword: str = "",
        surface: str = "chat",
        code: str = "model",
        endpoint: Hand | None = None,
    ) -> Hand:
        """What to give a call whose model the module does not show (`code`), for `surface`:
        the provider's models, and its endpoint only where the model is on its route
        (`_route_only`; the one base URL of an OpenAI client, `prefix` None, for any:
        `endpoint` where given, `_endpoint`'s else), or, for embeddings it does not serve,
        another provider or OpenAI kept (`_no_embeddings`); with the variables that code
        reads."""
        provider = self.provider
        assert provider is not None
        openai = "an OpenAI model there (`gpt-4o`, `openai/...`) goes to OpenAI with OPENAI_API_KEY"
        if surface == "embeddings" and provider.supports.get("embeddings") is False:
            kept = self._kept_embeddings()
            return f"{openai}, and {provider.name} serves no embeddings: {kept}", []
        if prefix == fw.OPENAI_PREFIX:  # the route advised below, given the provider's api_base
            openai = openai.replace("`openai/...`", "`openai/...` without an api_base")
        written = f"{prefix}/<model>" if prefix else "<model>"
        given = f"{keyword}={written}" if keyword else written
        models = f"give it {given} ({', '.join(provider.candidates(surface))})"
        if prefix is None:
            text, reads = endpoint or self._endpoint()
            return f"{openai}; for {provider.name} {models} with {text}, by hand", reads
        text, reads = self._route_only(prefix, code, "only there")
        return f"{openai}; for {provider.name} {models} and, {text}, by hand", reads

    def _endpoint(self, key: str = "") -> Hand:
        """The key and base URL to write for a call on litellm's route: the
        provider file's variables, which apply's own edits read (`values`), so that a call
        given them by hand reads what an edited one does (t51j D: ML640 named litellm's
        VOLCENGINE_API_KEY where apply wrote ARK_API_KEY); or, for the key, the words
        `_client_key` gives. Where that route reads others itself, `_endpoint_note` names
        them. With the provider file's variables that code reads (`hand_reads`)."""
        provider = self.provider
        assert provider is not None
        reads = [provider.base_url_env] if key else [provider.api_key_env, provider.base_url_env]
        key = key or f'api_key=os.environ["{provider.api_key_env}"]'
        return (
            f"{key} and "
            f'api_base=os.environ.get("{provider.base_url_env}", "{self.ctx.rules.base_url}")'
        ), reads

    def _spread_key(self, built: cst.Call) -> cst.BaseExpression | None:
        """The `"api_key"` entry of the dict display a client construction spreads as its only
        argument (`OpenAI(**additional_kwargs)`), the one binding of the name that reaches it
        (shell_gpt binds the name again to `{}` after); None for anything else."""
        spread = (
            built.args[0].value if len(built.args) == 1 and built.args[0].star == "**" else None
        )
        if not isinstance(spread, cst.Name):
            return None
        bound = [b for b in self.ctx.reaching(spread) if isinstance(b, Assignment)]
        value = self.ctx.index.assigned.get(id(bound[0].node)) if len(bound) == 1 else None
        entries = dict_entries(value) if value is not None else None
        entry = entries.get("api_key") if entries else None
        return entry.value if entry is not None else None

    def _client_key(self, method: cst.BaseExpression | None) -> str:
        """For a name bound to litellm's function and to a method of the module's client
        (`_shared`), where that client is given a key the program keeps itself (`passed_keys`:
        shell_gpt's `OpenAI(**additional_kwargs)` with `"api_key": cfg.get("OPENAI_API_KEY")`,
        the first-run prompt's answer in its settings file), the words passing that key to
        litellm too: the provider's variable alone would leave litellm without the key the
        client path sends (t56d D3). "" where the client reads the environment, or is not
        known."""
        receiver = method
        while isinstance(receiver, cst.Attribute):
            receiver = receiver.value
        if receiver is None:
            return ""
        built = held_constructions(self.ctx, receiver)
        if len(built) != 1 or built[0] is None:
            return ""
        given = self._spread_key(built[0]) or client_setting(self.ctx, built[0], "api_key")
        kept = passed_keys(self.ctx, given)
        if not kept:
            return ""
        line = self.ctx.line_label(self.ctx.position(built[0])[0][0])
        provider = self.provider
        assert provider is not None
        return (
            f"api_key={kept_key_text(self.ctx, kept)} (the key your code gives the client on "
            f"{line}; it must be {article(provider.name)} {provider.name} key)"
        )

    def _endpoint_note(self, prefix: str | None) -> str:
        """Said after `_endpoint`'s: the variables litellm's route `prefix` reads itself where
        a call passes no key or base URL (`Provider.route_variables`, as apply's next step
        names them), those that differ from the provider file's; "" where none does."""
        provider = self.provider
        assert provider is not None
        if prefix is None:
            return ""
        own = [
            (variable, keyword)
            for variable, mine, keyword in zip(
                provider.route_variables(prefix),
                (provider.api_key_env, provider.base_url_env),
                ("api_key", "api_base"),
                strict=True,
            )
            if variable != mine
        ]
        if not own:
            return ""
        return (
            f" (as apply's edits write them; litellm's {prefix}/ route reads "
            f"{' and '.join(v for v, _ in own)} itself only where a call passes no "
            f"{' or '.join(k for _, k in own)})"
        )

    def _route_only(self, prefix: str, code: str, how: str, surface: str = "chat") -> Hand:
        """The key and base URL given only where the model (`code`) is on route `prefix`,
        with the variables that code reads. On litellm's openai/ route (a provider without
        one of its own) the api_base given, not the model, picks the host: the provider's
        models (for `surface`) are the ones to write there."""
        test = f'`if {code}.startswith("{prefix}/"):`'
        note = self._endpoint_note(prefix)
        endpoint, reads = self._endpoint()
        if how == "give" and prefix == fw.OPENAI_PREFIX:
            provider = self.provider
            assert provider is not None
            models = ", ".join(f"{prefix}/{m}" for m in provider.candidates(surface))
            return (
                f"give {endpoint} only where the model is on {prefix}/ ({test}; litellm sends "
                f"an {prefix}/ model to the api_base given){note}, and write "
                f"{provider.name}'s models there ({models})"
            ), reads
        if how == "give":
            return f"give {endpoint} only where the model is on {prefix}/ ({test}){note}", reads
        return (
            f"only where the model is on that route ({test}: another route would take them to "
            f"its host), {endpoint}{note}"
        ), reads

    def _router_model(self, node: cst.Call) -> None:
        """smolagents' LiteLLMRouterModel: its deployments' models moved as a Router's are,
        their endpoint on the call itself. It passes its own `api_base` and `api_key` (None
        unless given) on every call, over each deployment's (`fw_smol.ROUTER_DEPLOYMENT`), so
        the provider's key and base URL go there, once every deployment goes to the
        provider; else the endpoint is left to a person."""
        provider = self.provider
        assert provider is not None
        shown = fw_smol.ROUTER_DEPLOYMENT
        prefix = _litellm_prefix(self.ctx, "chat")
        routed = on_provider = left = 0
        for deployment in _deployments(self.ctx, node):
            params = deployment.get(fw.ROUTER_PARAMS)
            entries = dict_entries(params.value) if params is not None else None
            model = entries.get(fw.MODEL_KEYWORD) if entries is not None else None
            if model is None:
                left += 1
                continue
            moved, edit = self.model_edit(model.value, shown, prefix, True)
            resolved = self.ctx.resolve_literal(model.value)
            kept = resolved is not None and resolved[1] == f"{prefix}/" + (
                openai_routed(self.ctx, resolved[1], True) or ""
            )  # the provider's model on the openai/ route it stays on
            if moved and not kept:
                routed += 1
                left += edit is None
            elif resolved is not None and provider.serves(resolved[1].rpartition("/")[2]):
                on_provider += 1
            else:
                left += 1
        if not routed and not on_provider:
            return
        key = argument(node, fw.API_KEY, None)
        base = next((a for n in fw.BASE_KEYWORDS if (a := argument(node, n, None))), None)
        if base is not None and self.endpoint_kind(base.value) != "openai":
            return  # given the provider's (or another) endpoint: the call's, for each
        if not routed and prefix != fw.OPENAI_PREFIX:
            return  # the provider's own route reads its own variables: it reaches it
        if left or passes_mapping(node):
            self.report(
                node.func,
                f"LiteLLMRouterModel sends its deployments with its own api_base and api_key "
                f"(None: OpenAI's on litellm's {prefix}/ route); apply leaves them, as a "
                f"deployment stays on another endpoint (or `**` may give them): pass "
                f"api_base= and api_key= of {provider.name} to LiteLLMRouterModel once every "
                "deployment goes there, by hand",
                fix=FixClass.MANUAL,
            )
            return
        self.endpoint(
            fw_smol.ROUTER_MODEL,
            key.value if key is not None else None,
            [base.value] if base is not None else [],
            (fw.API_KEY, (fw.BASE_KEYWORDS[0],)),
            lambda missing: insert_keywords(
                self.ctx, node, missing, after=node.args[-1] if node.args else None
            ),
            node.func,
            None,
            route=prefix,
        )

    def _deployment(self, deployment: dict[str, cst.DictElement], shown: str) -> None:
        params = deployment.get(fw.ROUTER_PARAMS)
        if params is None or not isinstance(params.value, cst.Dict):
            return
        prefix = _litellm_prefix(self.ctx, "chat")
        self._entries(params.value, shown, prefix, True, None)

    def _entries(
        self,
        params: cst.Dict,
        shown: str,
        prefix: str | None,
        prefixed: bool,
        found: ModelCall | None,
        extra: Mapping[str, str] | None = None,
        call: cst.Call | None = None,
    ) -> None:
        """Move the model, key and base URL written as entries of a dict display: a Router
        deployment's `litellm_params`, or the `params` of `litellm.embedding(**params)` (a
        model there chosen at run time is left to a person, as a call's is: `_run_time`, for
        `call`); `extra`: entries added with them (`_chat_type`)."""
        entries = dict_entries(params)
        model_name = found.model_keyword if found else fw.MODEL_KEYWORD
        if entries is None or model_name not in entries:
            return
        key_name = found.key if found else fw.API_KEY
        base_names = found.bases if found else fw.BASE_KEYWORDS
        bases = [entries[name] for name in base_names if name in entries]
        value = entries[model_name].value
        run_time = found is not None and found.run_time and call is not None
        if run_time and self.ctx.resolve_literal(value) is None:
            assert found is not None and call is not None
            shown_entries = {name: entry.value for name, entry in entries.items()}
            self._run_time(call, value, found, shown_entries, " (through `**`)")
            return
        if self._azure_route(value, shown, prefix, prefixed, found.surface if found else "chat"):
            return
        if self._retired(value, shown, prefixed, bases):
            return
        routed = fw.ROUTE_KEYWORD in entries or (
            call is not None and argument(call, fw.ROUTE_KEYWORD, None) is not None
        )
        if any(self.endpoint_kind(b.value) != "openai" for b in bases):
            if all(openai_or_provider(self.ctx, b.value) for b in bases):
                key = entries.get(key_name)  # on the provider's endpoint
                self.typed_key_prompt(key.value if key is not None else None)
                if not routed and all(provider_url(self.ctx, b.value) for b in bases):
                    self._unrouted_at_provider(value, shown, prefix, prefixed)
            self._branch_left(value, shown, prefix, prefixed, bases)
            return
        key = entries.get(key_name)
        held = key.value if key is not None else None
        if self._openai(value, prefixed) and self.held_key(held, shown, params):
            return
        moved, model = self.model_edit(value, shown, prefix, prefixed, routed=routed)
        if not moved:
            return
        goes = self.goes(value, prefixed, routed)
        self.endpoint(
            shown,
            key.value if key is not None else None,
            [base.value for base in bases],
            (key_name, base_names),
            lambda missing: insert_entries(self.ctx, params, missing),
            params,
            model,
            extra,
            self._chat_note(found) if extra and found is not None else "",
            found is not None and found.slashed_base,
            goes,
            prefix,
        )


def _keywords(call: cst.Call) -> set[str]:
    return {a.keyword.value for a in call.args if a.keyword is not None}


def _joined(ctx: PythonContext, edits: list[Edit], inner: list[Edit]) -> Edit:
    """One edit doing `edits` (replacements), and those of `inner` (the model's, the
    prompt's) that lie among them."""
    start = min(e.span.start for e in edits)
    end = max(e.span.end for e in edits)
    edits = [*edits, *(e for e in inner if start <= e.span.start and e.span.end <= end)]
    shifted = [Edit(Span(e.span.start - start, e.span.end - start), e.text) for e in edits]
    text, _ = apply_edits(ctx.text[start:end], shifted)
    return Edit(Span(start, end), text, os_imports(text))


LITELLM_RULES = (LitellmModel,)


def litellm_chat_call(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is litellm's `completion` / `acompletion` (`fw.CALLS`)."""
    found = litellm_function(ctx, call)
    return found is not None and fw.CALLS[found[1]] == "chat"


def passes_extra_body(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is litellm's `completion` / `acompletion` and the route apply leaves its
    requests on (the provider's `litellm_prefix`, else OpenAI's) keeps its `extra_body=` as
    the request's (`fw.EXTRA_BODY_ROUTES`)."""
    if litellm_function(ctx, call) is None:
        return False
    provider = ctx.rules.provider
    own = provider.frameworks.get("litellm_prefix") if provider is not None else None
    return (own if isinstance(own, str) else fw.OPENAI_PREFIX) in fw.EXTRA_BODY_ROUTES
