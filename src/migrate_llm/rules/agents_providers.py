"""The model providers the Agents SDK runs of a module go through (ML630, ML631), and the
Agents whose model does not use the SDK's default client (ML630, ML635).

A run asks `run_config.model_provider` for its model (`frameworks.agents`): a provider of the
program's own chooses the model of an Agent without `model=` and serves its requests with its
own client, so `apply` gives such an Agent no model and the SDK no default client. Decided per
module: which Agents a run reaches (handoffs, agents run as tools) is not followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst

from migrate_llm.frameworks import agents as fw
from migrate_llm.rules.clients import endpoint_of
from migrate_llm.rules.framework_args import argument, dict_entries, passes_mapping
from migrate_llm.rules.framework_args import qualified as qualified_in
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, keyword, string_value

Kind = Literal["openai", "own", "routed", "unknown"]
_MODEL_CLASSES = frozenset({*fw.CHAT_MODEL_CLASSES, *fw.RESPONSES_MODEL_CLASSES})


@dataclass(frozen=True)
class OwnProviders:
    """A module whose Agents may run through a model provider that is not the SDK's OpenAI
    one. `shown`: the first such provider, as messages name it (`model_provider=Local() on
    line 13`, `class Local on line 7`). `every_run`: every Runner call of the module (one at
    least) passes a provider of its own. `other_run`: the first Runner call that does not,
    or whose provider the module does not show (`Runner.run() on line 20`). `routed`: an SDK
    provider that hands the model name to another library, with that library."""

    shown: str
    every_run: bool
    other_run: str | None
    routed: tuple[str, str] | None


def own_providers(ctx: PythonContext) -> OwnProviders | None:
    """The module's own model providers (computed once per module), None without any."""
    if _find not in ctx.analyses:
        ctx.analyses[_find] = _find(ctx)
    found = ctx.analyses[_find]
    assert found is None or isinstance(found, OwnProviders)
    return found


def _find(ctx: PythonContext) -> OwnProviders | None:
    if not ctx.mentions("model_provider") and not ctx.mentions("ModelProvider"):
        return None
    values: dict[int, cst.BaseExpression] = {}  # the `model_provider` values, in order
    classes: list[str] = []
    runs: list[tuple[cst.Call, Kind]] = []
    for node in ctx.nodes:
        if isinstance(node, cst.ClassDef):
            if _own_class(ctx, node):
                classes.append(f"class {node.name.value} on {_line(ctx, node)}")
        elif isinstance(node, cst.Call):
            if qualified_in(ctx, node.func, fw.RUNNER_CALLS) is not None:
                kind, value = _run_provider(ctx, node)
                runs.append((node, kind))
            elif qualified_in(ctx, node.func, fw.RUN_CONFIG_CLASSES) is not None:
                arg = keyword(node, fw.MODEL_PROVIDER)
                value = None if arg is None else arg.value
            else:
                continue
            if value is not None:
                values.setdefault(id(value), value)
    own: list[str] = []
    routed: tuple[str, str] | None = None
    for value in values.values():
        kind = _provider_kind(ctx, value)
        if kind == "routed" and routed is None:
            library = fw.ROUTED_PROVIDERS[str(_provider_class(ctx, value))]
            routed = (f"{snippet(ctx, value)} on {_line(ctx, value)}", library)
        elif kind in ("own", "unknown"):
            own.append(f"{fw.MODEL_PROVIDER}={snippet(ctx, value)} on {_line(ctx, value)}")
    own += classes
    if not own and routed is None:
        return None
    other = next((call for call, kind in runs if kind != "own"), None)
    return OwnProviders(
        shown=own[0] if own else "",
        every_run=bool(runs) and other is None,
        other_run=None if other is None else f"{snippet(ctx, other.func)}() on {_line(ctx, other)}",
        routed=routed,
    )


@dataclass(frozen=True)
class AgentModel:
    """An Agent's `model=` that does not use the SDK's default client. `shown`: as messages
    name it (`model=LitellmModel(model=m) on line 12`). `library`: the library a model handed
    to another one goes through (`fw.ROUTED_MODELS`, `fw.ROUTED_PREFIXES`), else None.
    `client`: the client an OpenAI model class of the SDK is built on, else None."""

    shown: str
    library: str | None
    client: cst.BaseExpression | None


def agent_model(ctx: PythonContext, agent: cst.Call) -> AgentModel | None:
    """The model of `agent` (an `Agent(...)`), itself or through a name bound to it once,
    where it does not go through the SDK's default client: a LiteLLM or any-llm model or
    model name, or an `OpenAIChatCompletionsModel` / `OpenAIResponsesModel` given a client.
    None for a model name, no model, or a model the module does not show."""
    arg = keyword(agent, "model")
    if arg is None:
        return None
    value = arg.value
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    shown = f"model={snippet(ctx, arg.value)} on {_line(ctx, arg.value)}"
    text = string_value(value)
    if text is not None:
        library = next(
            (lib for prefix, lib in fw.ROUTED_PREFIXES.items() if text.startswith(prefix)), None
        )
        return None if library is None else AgentModel(shown, library, None)
    if not isinstance(value, cst.Call):
        return None
    routed = qualified_in(ctx, value.func, fw.ROUTED_MODELS)
    if routed is not None:
        return AgentModel(shown, fw.ROUTED_MODELS[routed], None)
    if qualified_in(ctx, value.func, _MODEL_CLASSES) is None:
        return None
    client = argument(value, *fw.MODEL_CLIENT)
    return None if client is None else AgentModel(shown, None, client.value)


def sends_to_provider(ctx: PythonContext, agent: cst.Call) -> bool:
    """Whether the requests of `agent` (an `Agent(...)`) go to the provider once migrated:
    through the SDK's default client (ML630; not where every run of the module passes a
    model provider of its own, ML631), or an SDK model class given a client not left
    pointing at another server (ML003); not a LiteLLM or any-llm model."""
    model = agent_model(ctx, agent)
    if model is None:
        own = own_providers(ctx)
        return own is None or not own.every_run
    return model.client is not None and not ctx.elsewhere_client(model.client)


def config_uses_defaults(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is a `RunConfig(model=...)` whose model overrides the Agents' of its
    runs and goes through the SDK's default client: a model name (or a model class of the
    SDK without a client) and no `model_provider=` of the config's own."""
    if qualified_in(ctx, call.func, fw.RUN_CONFIG_CLASSES) is None:
        return False
    model = keyword(call, "model")
    if model is None or ctx.code(model.value) == "None" or passes_mapping(call):
        return False
    provider = keyword(call, fw.MODEL_PROVIDER)
    if provider is not None and ctx.code(provider.value) != "None":
        return False
    return agent_model(ctx, call) is None


def _line(ctx: PythonContext, node: cst.CSTNode) -> str:
    return ctx.line_label(ctx.position(node)[0][0])


def _run_provider(ctx: PythonContext, call: cst.Call) -> tuple[Kind, cst.BaseExpression | None]:
    """The kind of provider a Runner call runs with (the SDK's OpenAI one where its config
    sets none), and the `model_provider` value its config shows."""
    name = qualified_in(ctx, call.func, fw.RUNNER_CALLS)
    assert name is not None
    config = argument(call, *fw.RUNNER_CALLS[name])
    if config is None:
        return ("unknown" if passes_mapping(call) else "openai"), None
    value: cst.BaseExpression | None = config.value
    if isinstance(value, cst.Name):
        if value.value == "None":
            return "openai", None
        value = ctx.bound_value(value)
    provider: cst.BaseExpression | None = None
    if isinstance(value, cst.Dict):
        entries = dict_entries(value)
        if entries is None:
            return "unknown", None
        entry = entries.get(fw.MODEL_PROVIDER)
        provider = None if entry is None else entry.value
    elif isinstance(value, cst.Call) and qualified_in(ctx, value.func, fw.RUN_CONFIG_CLASSES):
        arg = keyword(value, fw.MODEL_PROVIDER)
        if arg is None and passes_mapping(value):
            return "unknown", None
        provider = None if arg is None else arg.value
    else:
        return "unknown", None
    if provider is None:
        return "openai", None
    return _provider_kind(ctx, provider), provider


def _provider_class(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The SDK provider class (`fw.OPENAI_PROVIDERS`, `fw.ROUTED_PROVIDERS`) `value` builds,
    itself or through a name bound to it once."""
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    if not isinstance(value, cst.Call):
        return None
    return qualified_in(ctx, value.func, fw.OPENAI_PROVIDERS) or qualified_in(
        ctx, value.func, fw.ROUTED_PROVIDERS
    )


def _provider_kind(ctx: PythonContext, value: cst.BaseExpression) -> Kind:
    """The kind of provider `value` is: "openai" for the SDK's OpenAI providers, "routed"
    for those handing the name to another library, "own" for an instance the module builds
    of another class, "unknown" for anything else (a parameter, an attribute)."""
    cls = _provider_class(ctx, value)
    if cls is not None:
        return "openai" if cls in fw.OPENAI_PROVIDERS else "routed"
    if isinstance(value, cst.Name):
        value = ctx.bound_value(value) or value
    return "own" if isinstance(value, cst.Call) else "unknown"


def _own_class(ctx: PythonContext, node: cst.ClassDef) -> bool:
    """Whether `node` is a ModelProvider whose `get_model` returns a model built on a client
    that `apply` does not point at the provider (the program's own server, another one)."""
    if not any(qualified_in(ctx, b.value, fw.MODEL_PROVIDER_BASES) for b in node.bases):
        return False
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for method in body:
        if isinstance(method, cst.FunctionDef) and method.name.value == fw.GET_MODEL:
            returns = _Returns()
            method.body.visit(returns)
            return any(_on_other_client(ctx, value) for value in returns.values)
    return False


class _Returns(cst.CSTVisitor):
    """The values a function returns, not those of functions defined inside it."""

    def __init__(self) -> None:
        self.values: list[cst.BaseExpression] = []

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.values.append(node.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def _on_other_client(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` builds one of the SDK's model classes on a client whose base URL is
    not OpenAI's (ML003 leaves it where it points)."""
    if not isinstance(value, cst.Call) or qualified_in(ctx, value.func, _MODEL_CLASSES) is None:
        return False
    arg = argument(value, *fw.MODEL_CLIENT)
    if arg is None:
        return False
    client = arg.value
    sources = [client] if ctx.constructed_client(client) is not None else ctx.client_sources(client)
    if not sources or None in sources:
        return False
    return all(isinstance(s, cst.Call) and endpoint_of(ctx, s).kind != "openai" for s in sources)
