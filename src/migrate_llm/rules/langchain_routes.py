"""Model strings on LangChain's routes (`"openai:gpt-4o"`), and model settings beside a
provider setting that picks OpenAI (`writer_provider = "openai"`).

`init_chat_model("openai:<model>")` builds ChatOpenAI at OpenAI's URL with the key it is given,
whatever model follows: a provider's model may be written after `openai:` only where the call
building the model is also given the provider's base URL (ML603 gives it to the calls that
take the string itself). Elsewhere (a config dict, a `Configuration` default read at run
time) the string moves to the provider's own route where LangChain has one and the project
requires its package (`deepseek:`, langchain-deepseek: `lc.INIT_ROUTES`), else it is left to
a person. A model setting beside a provider setting naming OpenAI
(`init_chat_model(model=c.writer_model, model_provider=c.writer_provider)`) is left too: the
two change together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from migrate_llm.frameworks import langchain as lc
from migrate_llm.registry import Provider
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.model_reach import reads_of
from migrate_llm.rules.python_context import PythonContext, keyword, string_value

_PROVIDER = "provider"
_MODEL_SUFFIXES = ("_model_name", "_model_id", "_model", "model_name", "model_id", "model")
# the function that builds a model from `openai:<model>` and the class it builds, by the
# surface the model serves
_BUILT = {"embeddings": ("init_embeddings", "OpenAIEmbeddings")}
_BUILT_CHAT = (lc.INIT_CHAT_MODEL, "ChatOpenAI")


def openai_route(surface: str) -> str:
    """What `openai:` before a model does, as messages say it."""
    cls = _BUILT.get(surface, _BUILT_CHAT)[1]
    return f"`openai:` makes LangChain build {cls}, which sends any model to OpenAI"


def split_route(surface: str) -> str:
    """What `openai/` before a model does in a project splitting such strings, as messages
    say it."""
    cls = _BUILT.get(surface, _BUILT_CHAT)[1]
    return (
        f"the project splits `{lc.OPENAI_SPLIT_PREFIX}` off as the provider and builds "
        f"LangChain's {cls} for it, which sends any model to OpenAI"
    )


def init_function(surface: str) -> str:
    """The function that builds a model of `surface` from a string: `init_embeddings`."""
    return _BUILT.get(surface, _BUILT_CHAT)[0]


def route_of(provider: Provider | None) -> lc.InitRoute | None:
    """The provider's own route in init_chat_model (`[frameworks] langchain_route`)."""
    name = provider.frameworks.get("langchain_route") if provider is not None else None
    return lc.INIT_ROUTES.get(name) if isinstance(name, str) else None


def route_reads(route: lc.InitRoute, provider: Provider) -> str:
    """`ChatDeepSeek of langchain-deepseek, which reads the key from DEEPSEEK_API_KEY and the
    base URL from DEEPSEEK_API_BASE, not DEEPSEEK_BASE_URL`."""
    cls = route.cls.rsplit(".", 1)[1]
    other = f", not {provider.base_url_env}" if route.base_url_env != provider.base_url_env else ""
    return (
        f"{cls} of {route.package}, which reads the key from {route.api_key_env} and the base "
        f"URL from {route.base_url_env}{other}"
    )


def used_route(ctx: RuleContext) -> lc.InitRoute | None:
    """The target's own route in init_chat_model where the project's chat models are on it
    after apply: a module or notebook names models there (`"deepseek:deepseek-flash"`), or
    names `openai:` ones and a requirements file requires the route's package, so ML204
    moves them there; else None."""
    route = route_of(ctx.provider)
    facts = ctx.facts
    if route is None:
        return None
    if route.name in facts.routes_named:
        return route
    return route if route.name in facts.langchain_routes and facts.openai_routes_in else None


def takes_route(ctx: PythonContext, route: lc.InitRoute) -> bool:
    """Whether a requirements file of the project requires the route's package."""
    return route.name in ctx.rules.facts.langchain_routes


def route_test(ctx: PythonContext, node: cst.CSTNode) -> cst.If | None:
    """The `if` (or `elif`) whose body holds `node` and whose test picks models on LangChain's
    `openai:` route (`if model.startswith("openai:"):`, a key chosen by the model string:
    open_deep_research's `get_api_key_for_model`), innermost first; else None."""
    above = ctx.ancestors(node)
    for i in range(len(above) - 2, -1, -1):
        branch = above[i]
        if not isinstance(branch, cst.If) or above[i + 1] is not branch.body:
            continue
        test = ctx.code(branch.test)
        if any(f"{q}{lc.OPENAI_MODEL_PREFIX}{q}" in test for q in "\"'"):
            return branch
    return None


@dataclass(frozen=True)
class Reach:
    """Where a model string's holder is read: `pointed`, every read is the model of a call
    that is, or that ML603 makes, pointed at the target (so `openai:` stays right there);
    `own_base`, a read is the model of a call given another base URL of its own, which a
    provider's route would not take (ChatDeepSeek ignores `base_url=`)."""

    pointed: bool
    own_base: bool
    langchain: bool = False  # a read is the model of LangChain's call, pointed or not


def reach(ctx: PythonContext, holder: cst.CSTNode | None) -> Reach:
    """How the module reads what `holder` binds (`model_reach.reads_of`), as `Reach` says."""
    reads = reads_of(ctx, holder) if holder is not None else []
    pointed, own_base, langchain = bool(reads), False, False
    for read in reads:
        kind = _taken_by(ctx, read)
        pointed = pointed and kind == "pointed"
        own_base = own_base or kind == "own base"
        langchain = langchain or bool(kind) or _langchain_read(ctx, read)
    return Reach(pointed, own_base, langchain)


def own_split(ctx: PythonContext, reached: Reach) -> bool:
    """Whether the program's own code, not LangChain, reads the provider before the colon of
    a string the module reads as `reached` says: a module of the project splits such strings
    itself (`provider_model_split`: gpt-researcher's `llm_str.split(":", 1)`, handing
    "openai" to its own provider class), no module names init_chat_model or init_embeddings
    (`provider_readers_named`), this one names no agent factory either, and no read of it
    here is the model of LangChain's call."""
    facts = ctx.rules.facts
    if not facts.provider_model_split or facts.provider_readers_named or reached.langchain:
        return False
    return not any(name.rpartition(".")[2] in ctx.text for name in _LANGCHAIN_PARSERS)


# what builds a model from an `openai:` string: the init functions and the agent factories
_LANGCHAIN_PARSERS = tuple(dict.fromkeys((*lc.INIT_FUNCTIONS, *lc.AGENT_FACTORIES)))


def surface_named(provider: Provider, model: str) -> str:
    """The surface of the target's `model` written after `openai:`: "embeddings" for its
    embedding model (a tier's, or a name saying so), else "chat"."""
    if provider.tiers.get("embedding") == model or "embedding" in model:
        return "embeddings"
    return "chat"


def _langchain_read(ctx: PythonContext, read: cst.CSTNode) -> bool:
    """Whether `read` is an argument of LangChain's init function or agent factory, or a
    run's model of one (`_configured_model`)."""
    above = ctx.ancestors(read)
    if _configured_model(ctx, read, above) is not None:
        return True
    if len(above) < 2 or not isinstance(above[-1], cst.Arg) or not isinstance(above[-2], cst.Call):
        return False
    func = above[-2].func
    return (
        qualified(ctx, func, lc.INIT_FUNCTIONS) is not None
        or qualified(ctx, func, lc.AGENT_FACTORIES) is not None
    )


def _taken_by(ctx: PythonContext, read: cst.CSTNode) -> str:
    """ "pointed" where `read` is the model of an init function's call pointed at the target
    (or which ML603 points there) or of an agent factory ML603 gives such a call; "own base"
    for one given another base URL; else ""."""
    # imported here: the LangChain rules' module imports the model rules'
    from migrate_llm.rules.framework_classes import endpoint
    from migrate_llm.rules.framework_langchain import agent_model, init_openai_model

    above = ctx.ancestors(read)
    configured = _configured_model(ctx, read, above)
    if configured is not None:
        return configured
    if len(above) < 2 or not isinstance(above[-1], cst.Arg) or not isinstance(above[-2], cst.Call):
        return ""
    arg, call = above[-1], above[-2]
    name = qualified(ctx, call.func, lc.INIT_FUNCTIONS)
    if name is None:
        factory = qualified(ctx, call.func, lc.AGENT_FACTORIES) is not None
        given = argument(call, lc.INIT_MODEL_KEYWORD, 0) if factory else None
        agent = agent_model(ctx, arg.value) if given is arg else None
        return "pointed" if agent is not None and agent[2] else ""
    if argument(call, lc.INIT_MODEL_KEYWORD, 0) is not arg:
        return ""
    provider_kw, built = lc.INIT_FUNCTIONS[name]
    cls = lc.CLASSES[built]
    where = endpoint(ctx, call, cls.base_url)
    target = ctx.rules.provider
    if where.provider is not None and target is not None and where.provider.id == target.id:
        return "pointed"
    if where.kind != "openai":
        return "own base"
    found = init_openai_model(ctx, call, provider_kw, cls.kind)
    return "pointed" if found is not None and found[1] is not None else ""


def _configured_model(
    ctx: PythonContext, read: cst.CSTNode, above: Sequence[cst.CSTNode]
) -> str | None:
    """For `read` given as a run's model (`.with_config({"configurable": {"model": read}})`
    or `.with_config(configurable={...})`) of an `init_chat_model()` call that chooses its
    model at run time: "pointed" where that call is, or ML605 makes it, pointed at the
    target, else ""; None where `read` is not such a model."""
    # imported here: the runtime rules' module imports this one
    from migrate_llm.rules.framework_classes import endpoint
    from migrate_llm.rules.framework_langchain_runtime import points_at_run_time

    chain = above[::-1]
    if len(chain) < 4 or not _entry_of(chain[0], read, lc.INIT_MODEL_KEYWORD):
        return None
    if not isinstance(chain[1], cst.Dict):
        return None
    rest = chain[2:]
    if _entry_of(rest[0], chain[1], _CONFIGURABLE) and len(rest) >= 4:
        if not (isinstance(rest[1], cst.Dict) and isinstance(rest[2], cst.Arg)):
            return None
        arg, call = rest[2], rest[3]
        if arg.keyword is not None and arg.keyword.value != _CONFIG:
            return None
    elif isinstance(rest[0], cst.Arg) and len(rest) >= 2:
        arg, call = rest[0], rest[1]
        if arg.keyword is None or arg.keyword.value != _CONFIGURABLE:
            return None
    else:
        return None
    if not (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == _WITH_CONFIG
    ):
        return None
    for built in _built_under(ctx, call.func.value):
        name = qualified(ctx, built.func, lc.INIT_FUNCTIONS)
        if name is None:
            continue
        cls = lc.CLASSES[lc.INIT_FUNCTIONS[name][1]]
        where = endpoint(ctx, built, cls.base_url)
        target = ctx.rules.provider
        if where.provider is not None and target is not None and where.provider.id == target.id:
            return "pointed"
        return "pointed" if points_at_run_time(ctx, built) else ""
    return ""


_CONFIGURABLE, _CONFIG, _WITH_CONFIG = "configurable", "config", "with_config"


def _entry_of(node: cst.CSTNode, value: cst.CSTNode, key: str) -> bool:
    """Whether `node` is the dict entry `key: value`."""
    return (
        isinstance(node, cst.DictElement) and node.value is value and string_value(node.key) == key
    )


def _built_under(ctx: PythonContext, receiver: cst.BaseExpression) -> list[cst.Call]:
    """The calls building the model a method chain starts from (`model.with_retry(...)`:
    what `model` is bound to)."""
    from migrate_llm.rules.model_values import held_values

    while (
        isinstance(receiver, cst.Call)
        and isinstance(receiver.func, cst.Attribute)
        and qualified(ctx, receiver.func, lc.INIT_FUNCTIONS) is None
    ):
        receiver = receiver.func.value
    return [v for v in held_values(ctx, receiver) if isinstance(v, cst.Call)]


def provider_beside(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, cst.CSTNode] | None:
    """The setting beside the model setting `node` (a string) that picks OpenAI as its
    provider, and its value: in the same class body, block or dict display, or among the
    keywords of the same call, a name ending in `provider` whose stem is the model's
    (`writer_provider` beside `writer_model`, `model_provider` or `provider` beside
    `model`) set to "openai" (LangChain's `model_provider="openai"`)."""
    own = named_setting(ctx, node)
    if own is None:
        return None
    name, container = own
    stem = _model_stem(name)
    for other, value in settings_in(container):
        lowered = other.lower()
        if not lowered.endswith(_PROVIDER) or other == name:
            continue
        if _model_stem(lowered[: -len(_PROVIDER)].rstrip("_")) != stem:
            continue
        if (string_value(value) or "").lower() == lc.INIT_OPENAI:
            return other, value
    return None


def _model_stem(name: str) -> str:
    lowered = name.lower()
    for suffix in _MODEL_SUFFIXES:
        if lowered.endswith(suffix):
            return lowered[: -len(suffix)].rstrip("_")
    return lowered


def named_setting(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, cst.CSTNode] | None:
    """The name `node` is set under (a dict key, a keyword, an assignment's target, also as
    the default of a field, `Field(default=...)` / `Field(...)`) and what holds its siblings
    (the dict display, the call, the block)."""
    above = ctx.ancestors(node)
    value: cst.CSTNode = node
    for i in range(len(above) - 1, 0, -1):
        parent, holder = above[i], above[i - 1]
        if isinstance(parent, cst.DictElement) and parent.value is value:
            key = string_value(parent.key)
            return (key, holder) if key is not None else None
        if isinstance(parent, cst.Arg) and parent.value is value and isinstance(holder, cst.Call):
            if parent.keyword is None:
                if holder.args[0] is not parent:
                    return None
                value = holder  # `Field("gpt-4o", ...)`: the field's default
            elif parent.keyword.value == "default":
                value = holder  # `Field(default="gpt-4o")`
            else:
                return parent.keyword.value, holder
            continue
        if isinstance(parent, cst.Call):
            continue  # climbed from its argument
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is value:
            target, _ = _assigned(parent)
            block = above[i - 2] if i >= 2 else None
            return (target, block) if target is not None and block is not None else None
        return None
    return None


def settings_in(container: cst.CSTNode) -> list[tuple[str, cst.BaseExpression]]:
    """The names and values set in `container`: a dict display's string keys, a call's
    keywords, a block's one-target assignments (of a class body, a module, a function)."""
    found: list[tuple[str, cst.BaseExpression]] = []
    if isinstance(container, cst.Dict):
        for element in container.elements:
            if isinstance(element, cst.DictElement):
                key = string_value(element.key)
                if key is not None:
                    found.append((key, element.value))
        return found
    if isinstance(container, cst.Call):
        return [(a.keyword.value, a.value) for a in container.args if a.keyword is not None]
    body = getattr(container, "body", None)
    statements = body if isinstance(body, (list, tuple)) else []
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            target, value = _assigned(small)
            if target is not None and value is not None:
                found.append((target, _default_of(value)))
    return found


def _assigned(small: cst.BaseSmallStatement) -> tuple[str | None, cst.BaseExpression | None]:
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        return (target.value, small.value) if isinstance(target, cst.Name) else (None, None)
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
        return small.target.value, small.value
    return None, None


def _default_of(value: cst.BaseExpression) -> cst.BaseExpression:
    """A field's default: `Field(default="openai")`, `field(default="openai")`,
    `Field("openai")`; else `value`."""
    if isinstance(value, cst.Call):
        given = keyword(value, "default")
        if given is not None:
            return given.value
        if value.args and value.args[0].keyword is None and not value.args[0].star:
            return value.args[0].value
    return value


def route_key_left(ctx: PythonContext, said: str, branch: cst.If) -> str:
    """ML401's message for OpenAI's key variable (`said`: "reads OPENAI_API_KEY") in
    `branch`, a branch for
    models on LangChain's `openai:` route (`route_test`): renamed alone, the provider's key
    would go to OpenAI with those models; what to change instead."""
    provider = ctx.rules.provider
    assert provider is not None
    line = ctx.line_label(ctx.position(branch.test)[0][0])
    route = route_of(provider)
    if route is not None:
        cls = route.cls.rsplit(".", 1)[1]
        how = (
            f"models on `{route.name}:` (ML204) take no branch here, and given api_key=None "
            f"{cls} reads no {route.api_key_env}: at its default base URL it fails, and at "
            f"another ({route.base_url_env}: a proxy, a test server) the openai SDK under it "
            f"falls back to OPENAI_API_KEY and sends the OpenAI key there; test for "
            f"'{route.name}:' and name {route.api_key_env} together, by hand"
        )
    else:
        how = (
            f"where its models go to {provider.name} (given its base URL), test for them and "
            f"name {provider.api_key_env} together, by hand"
        )
    return (
        f"{said} for models on LangChain's `openai:` route (the test on {line}), "
        f"which go to OpenAI; not switched: renamed alone, {provider.name}'s key would go to "
        f"OpenAI with them; {how}"
    )


def route_key_branch(ctx: PythonContext, branch: cst.If) -> cst.If | None:
    """The branch of the same `if`/`elif` chain as `branch` (a branch for `openai:` models:
    `route_test`) whose test picks models on the target's own route (`"deepseek:"`) and whose
    body names the variable that route's class reads its key from (the program's own branch
    for them, as `route_key_left` says to add); else None."""
    route = route_of(ctx.rules.provider)
    if route is None:
        return None
    top: cst.CSTNode = branch
    for parent in reversed(ctx.ancestors(branch)):
        if not isinstance(parent, cst.If) or parent.orelse is not top:
            break
        top = parent
    tests = [f"{q}{route.name}{lc.INIT_SEPARATOR}{q}" for q in "\"'"]
    keys = [f"{q}{route.api_key_env}{q}" for q in "\"'"]
    found: cst.CSTNode | None = top
    while isinstance(found, cst.If):
        test, body = ctx.code(found.test), ctx.code(found.body)
        if any(t in test for t in tests) and any(k in body for k in keys):
            return found
        found = found.orelse
    return None


def route_key_kept(ctx: PythonContext, said: str, branch: cst.If, own: cst.If) -> str:
    """ML401's note for OpenAI's key variable in `branch` (for `openai:` models) where `own`,
    a branch of the same chain, gives models on the target's route their key
    (`route_key_branch`): the OpenAI branch serves OpenAI's models only."""
    route = route_of(ctx.rules.provider)
    assert route is not None
    line = ctx.line_label(ctx.position(branch.test)[0][0])
    other = ctx.line_label(ctx.position(own.test)[0][0])
    return (
        f"{said} for models on LangChain's `openai:` route (the test on {line}), which go to "
        f"OpenAI with it; models on `{route.name}:` take the branch on {other}, which reads "
        f"{route.api_key_env}: left as it is"
    )
