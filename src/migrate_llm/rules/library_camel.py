"""ML670 for camel (camel-ai, `frameworks.camel`): its agents, toolkits and PersonaHub given no
model or a model without a platform (camel's default platform, OpenAI), `ModelFactory.create` on
OpenAI's platform (also one read from a variable that defaults to "openai"), a model file it
reads (`create_from_yaml` / `create_from_json`), its OpenAI backend built directly, an OpenAI
model camel sends to the provider, its OpenAI embedding and speech, and the retrievers and the
audio toolkit that build those when given none."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import Assignment

from migrate_llm.frameworks import camel
from migrate_llm.rules.clients import env_var_read
from migrate_llm.rules.code_templates import base_url_expr, key_expr, url_form, url_forms
from migrate_llm.rules.config_camel import file_advice
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.models import article
from migrate_llm.rules.python_context import PythonContext

_DEFAULT_TYPE = f"{camel.MODEL_ENUM}.{camel.DEFAULT_MEMBER}"
_EMBEDDING_KINDS = ("embedding", "default_embedding")


@dataclass(frozen=True)
class CamelSite:
    """A call that reaches OpenAI through camel. `kind`: "default" (an agent given no model),
    "named" (a model without a platform), "platform" (OpenAI's or the default platform picked),
    "embedding" (camel's OpenAI embedding), "default_embedding" (a retriever that builds it),
    "audio" (its OpenAI speech models), "default_audio" (a toolkit that builds them), "file"
    (a model file camel reads: `shown` its name), "backend" (its OpenAI backend,
    `OpenAIModel(...)`), "model" (an OpenAI `ModelType` sent to the provider of the run, which
    does not serve it). `keyword`:
    the argument a person changes; `shown`: what it is given, as the message shows it;
    "client" (OpenAI's platform given a `client=` but no `api_key=`: `shown` the client).
    `model`: the OpenAI model it sends (None: not known); `member`: a camel enum member that
    names the model; `literal`: the string literal of the model, written there, a constant
    or an environment read's default (ML204-ML206 leave it: mapped, it would go to OpenAI);
    `by_default`: the platform is ModelPlatformType.DEFAULT (DEFAULT_MODEL_PLATFORM_TYPE
    moves it)."""

    node: cst.Call
    kind: str
    name: str
    keyword: str
    shown: str = ""
    model: str | None = None
    member: str = ""
    literal: cst.CSTNode | None = None
    by_default: bool = True


def camel_sites(ctx: PythonContext) -> Iterator[CamelSite]:
    """The calls of the module that reach OpenAI through camel, in order."""
    for node in ctx.nodes:
        if type(node) is cst.Call:
            site = camel_site(ctx, node)
            if site is not None:
                yield site
            speech = _speech_taker(ctx, node)
            if speech is not None:
                yield speech


def camel_site(ctx: PythonContext, call: cst.Call) -> CamelSite | None:
    """`call` when it reaches OpenAI through camel; None otherwise, or where what it is given
    is not shown (`**kwargs`, a parameter, a model object)."""
    if not isinstance(call.func, (cst.Name, cst.Attribute)):
        return None
    name = get_full_name_for_node(call.func) or "call"
    if qualified(ctx, call.func, camel.EMBEDDINGS):
        return _embedding(ctx, call, name)
    if qualified(ctx, call.func, camel.AUDIO):
        # given a URL, it goes there (and the models it asks for are the program's to change)
        given = [argument(call, k, i) for i, k in enumerate(camel.AUDIO_KEYWORDS)]
        if given[0] is not None or any(a.star == "**" for a in call.args):
            return None
        return CamelSite(call, "audio", name, "url", by_default=False)
    if any(a.star == "**" for a in call.args):
        return None  # it may hold the model, or a URL of one's own
    if qualified(ctx, call.func, camel.FACTORY_CALLS):
        return _factory(ctx, call, name)
    if qualified(ctx, call.func, camel.FILE_LOADERS):
        path = argument(call, *camel.FILE_PATH)
        resolved = ctx.resolve_literal(path.value) if path is not None else None
        if resolved is None:
            return None  # a file not named here
        return CamelSite(call, "file", name, camel.FILE_PATH[0], resolved[1], by_default=False)
    if qualified(ctx, call.func, camel.BACKENDS):
        return _backend(ctx, call, name)
    embedder = qualified(ctx, call.func, camel.EMBEDDING_TAKERS)
    if embedder is not None:
        return _embedding_taker(ctx, call, name, *camel.EMBEDDING_TAKERS[embedder])
    found = qualified(ctx, call.func, camel.MODEL_TAKERS)
    if found is None:
        return None
    keyword, position = camel.MODEL_TAKERS[found]
    arg = argument(call, keyword, position)
    value = arg.value if arg is not None else None
    return _given(ctx, call, name, keyword, value)


def _given(
    ctx: PythonContext,
    call: cst.Call,
    name: str,
    keyword: str,
    value: cst.BaseExpression | None,
    depth: int = 1,
) -> CamelSite | None:
    """The site of an agent given `value` as its model, when that picks camel's default
    platform or OpenAI's."""
    if value is None or is_none(value):
        return CamelSite(call, "default", name, keyword, model=camel.DEFAULT_MODEL)
    resolved = ctx.resolve_literal(value)
    if resolved is not None:
        literal = resolved[0]  # written here, or a constant or env default ML204 would map
        return CamelSite(call, "named", name, keyword, repr(resolved[1]), resolved[1], "", literal)
    member = enum_member(ctx, value, camel.MODEL_ENUM)
    if member == camel.DEFAULT_MEMBER:
        return CamelSite(call, "default", name, keyword, model=camel.DEFAULT_MODEL)
    if member is not None:
        shown = f"{camel.MODEL_ENUM}.{member}"
        model = camel.OPENAI_MODEL_TYPES.get(member)
        return CamelSite(call, "named", name, keyword, shown, model, shown)
    if isinstance(value, cst.Tuple) and len(value.elements) == 2:
        platform, model_value = (e.value for e in value.elements)
        picked = _platform(ctx, platform)
        if picked is None:
            return None
        model, member_, model_literal = _model(ctx, model_value)
        return CamelSite(
            call, "platform", name, keyword, picked[0], model, member_, model_literal, picked[1]
        )
    if isinstance(value, cst.List):
        if not value.elements:
            return CamelSite(call, "default", name, keyword, model=camel.DEFAULT_MODEL)
        first = _given(ctx, call, name, keyword, value.elements[0].value, 0)
        if first is not None and first.kind == "named":
            return CamelSite(call, "named", name, keyword, ctx.code(value), first.model)
        return None
    if isinstance(value, cst.Name) and _none_parameter(ctx, value):
        shown = f"{value.value}, a parameter that defaults to None"
        return CamelSite(call, "default", name, keyword, shown, camel.DEFAULT_MODEL)
    if isinstance(value, cst.Name) and depth > 0:
        bound = ctx.bound_value(value)
        if isinstance(bound, (cst.Tuple, cst.List)):
            return _given(ctx, call, name, keyword, bound, depth - 1)
    return None


def _factory(ctx: PythonContext, call: cst.Call, name: str) -> CamelSite | None:
    """`ModelFactory.create(...)` on OpenAI's platform or the default one, sending to neither a
    URL nor a client of one's own."""
    platform_arg = argument(call, *camel.FACTORY_PLATFORM)
    if platform_arg is None:
        return None
    picked = _platform(ctx, platform_arg.value)
    url_arg = argument(call, *camel.FACTORY_URL)
    if picked is None or (url_arg is not None and _provider_url(ctx, url_arg.value)):
        # camel's platform for the provider, or OpenAI's sent to the provider's URL
        on_provider = picked is not None or _providers_platform(ctx, platform_arg.value)
        model_arg = argument(call, *camel.FACTORY_MODEL)
        return _unserved(ctx, call, name, model_arg) if on_provider else None
    own = {
        arg.keyword.value: arg
        for arg in call.args
        if arg.keyword is not None
        and arg.keyword.value in camel.FACTORY_OWN_KEYWORDS
        and not is_none(arg.value)
    }
    model_arg = argument(call, *camel.FACTORY_MODEL)
    model, member, literal = _model(ctx, model_arg.value) if model_arg else (None, "", None)
    url, client = (own.get(k) for k in camel.FACTORY_OWN_KEYWORDS)
    if url is not None:
        return None  # a URL of one's own
    if client is not None:
        key = argument(call, *camel.FACTORY_KEY)
        if key is not None and not is_none(key.value):
            return None  # a client of one's own, and a key for camel's check
        keyword = camel.FACTORY_KEY[0]
        shown = ctx.code(client.value)
        return CamelSite(call, "client", name, keyword, shown, model, member, None, picked[1])
    keyword = camel.FACTORY_PLATFORM[0]
    return CamelSite(call, "platform", name, keyword, picked[0], model, member, literal, picked[1])


def _backend(ctx: PythonContext, call: cst.Call, name: str) -> CamelSite | None:
    """camel's OpenAI backend built directly (`OpenAIModel(ModelType.GPT_4O_MINI)`), sending
    to neither a URL nor a client of one's own; given the provider's URL, where the model it
    sends is one the provider does not serve."""
    model_arg = argument(call, *camel.BACKEND_MODEL)
    url = argument(call, *camel.BACKEND_URL)
    if url is not None and not is_none(url.value):
        return _unserved(ctx, call, name, model_arg) if _provider_url(ctx, url.value) else None
    client = argument(call, *camel.BACKEND_CLIENT)
    if client is not None and not is_none(client.value):
        return None
    model, member, literal = _model(ctx, model_arg.value) if model_arg else (None, "", None)
    return CamelSite(call, "backend", name, "model_type", "", model, member, literal, False)


def _unserved(
    ctx: PythonContext, call: cst.Call, name: str, model_arg: cst.Arg | None
) -> CamelSite | None:
    """The site of a call sending the provider of the run OpenAI's model named by a camel
    `ModelType` member (`ModelType.GPT_4O_MINI`), which the provider does not serve; a string
    literal is ML204's to map."""
    provider = ctx.rules.provider
    if provider is None or model_arg is None:
        return None
    model, member, _ = _model(ctx, model_arg.value)
    if not member or member == _DEFAULT_TYPE or model is None or provider.serves(model):
        return None
    if ctx.rules.map_model(model) is None:
        return None
    return CamelSite(
        call, "model", name, camel.FACTORY_MODEL[0], member, model, member, None, False
    )


def _providers_platform(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` names camel's own platform for the provider of the run."""
    provider = ctx.rules.provider
    platform = camel.PLATFORMS.get(provider.id) if provider is not None else None
    member = enum_member(ctx, value, camel.PLATFORM_ENUM)
    return platform is not None and member == platform.member


def _provider_url(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is the provider's base URL: a read of its variable, or its URL written
    in any spelling (case, trailing slash, the provider file's `[base_url_aliases]`, its
    other regions' URLs where one key variable serves them: `url_forms`)."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return False
    read = env_var_read(ctx, value)
    if read is not None:
        return read[0] == provider.base_url_env
    resolved = ctx.resolve_literal(value)
    base = ctx.rules.base_url
    if resolved is None or base is None:
        return False
    return url_form(resolved[1]) in url_forms(provider, base)


def _embedding(ctx: PythonContext, call: cst.Call, name: str) -> CamelSite:
    """camel's OpenAI embedding (it takes OpenAI's models only, whatever `url=` it is given)."""
    arg = argument(call, "model_type", 0)
    model: str | None = camel.EMBEDDING_DEFAULT
    if arg is not None:
        member = enum_member(ctx, arg.value, camel.EMBEDDING_ENUM)
        model = camel.OPENAI_EMBEDDING_TYPES.get(member or "")
    return CamelSite(call, "embedding", name, "model_type", model=model, by_default=False)


def _speech_taker(ctx: PythonContext, call: cst.Call) -> CamelSite | None:
    """A class given no speech model, which builds camel's OpenAI speech models itself."""
    if not isinstance(call.func, (cst.Name, cst.Attribute)):
        return None
    found = qualified(ctx, call.func, camel.SPEECH_TAKERS)
    if found is None or any(a.star == "**" for a in call.args):
        return None
    keyword, position = camel.SPEECH_TAKERS[found]
    site = _embedding_taker(
        ctx, call, get_full_name_for_node(call.func) or "call", keyword, position
    )
    if site is None:
        return None
    return dataclasses.replace(site, kind="default_audio", model=camel.SPEECH_MODEL)


def _embedding_taker(
    ctx: PythonContext, call: cst.Call, name: str, keyword: str, position: int | None
) -> CamelSite | None:
    """A class given no embedding model (None, or a parameter that defaults to None), which
    builds camel's OpenAI embedding itself."""
    arg = argument(call, keyword, position)
    shown = ""
    if arg is not None and not is_none(arg.value):
        if not (isinstance(arg.value, cst.Name) and _none_parameter(ctx, arg.value)):
            return None  # an embedding of one's own
        shown = f"{arg.value.value}, a parameter that defaults to None"
    model = camel.EMBEDDING_DEFAULT
    return CamelSite(call, "default_embedding", name, keyword, shown, model, by_default=False)


def _platform(ctx: PythonContext, value: cst.BaseExpression) -> tuple[str, bool] | None:
    """(how the message shows it, whether it is DEFAULT) where `value` picks OpenAI's
    platform or camel's default one; None for another platform or one not shown."""
    resolved = ctx.resolve_literal(value)
    if resolved is not None:
        return (repr(resolved[1]), False) if resolved[1] in camel.OPENAI_PLATFORM_STRINGS else None
    member = enum_member(ctx, value, camel.PLATFORM_ENUM)
    bound = ctx.bound_value(value) if isinstance(value, cst.Name) else None
    if member is None and bound is not None:
        member = enum_member(ctx, bound, camel.PLATFORM_ENUM)
    read = env_var_read(ctx, bound if bound is not None else value)
    if read is not None and read[1] is not None:  # `os.getenv("LLM_PLATFORM", "openai")`
        default = ctx.resolve_literal(read[1])
        if default is not None and default[1] in camel.OPENAI_PLATFORM_STRINGS:
            shown = ctx.code(value)
            if bound is not None:
                shown += f" ({ctx.code(bound)})"
            return f"{shown}, {default[1]!r} unless {read[0]} is set", False
    if member in (camel.OPENAI_MEMBER, camel.DEFAULT_MEMBER):
        return f"{camel.PLATFORM_ENUM}.{member}", member == camel.DEFAULT_MEMBER
    return None


def _model(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[str | None, str, cst.CSTNode | None]:
    """(the model sent, the ModelType member that names it, its string literal)."""
    resolved = ctx.resolve_literal(value)
    if resolved is None and isinstance(value, cst.Name):
        bound = ctx.bound_value(value)  # `MODEL = os.getenv("LLM_MODEL", "gpt-4o-mini")`
        resolved = ctx.resolve_literal(bound) if bound is not None else None
    if resolved is not None:
        return resolved[1], "", resolved[0]
    member = enum_member(ctx, value, camel.MODEL_ENUM)
    if member == camel.DEFAULT_MEMBER:
        return camel.DEFAULT_MODEL, f"{camel.MODEL_ENUM}.{member}", None
    if member is not None:
        return camel.OPENAI_MODEL_TYPES.get(member), f"{camel.MODEL_ENUM}.{member}", None
    return None, "", None


def enum_member(ctx: PythonContext, value: cst.BaseExpression, enum: str) -> str | None:
    """The member of camel's `enum` that `value` names (`ModelType.GPT_4O` imported from
    camel.types), else None."""
    if not isinstance(value, cst.Attribute):
        return None
    for name in sorted(ctx.qualnames(value)):
        head, _, member = name.rpartition(".")
        if name.startswith(camel.MODULE + ".") and head.rpartition(".")[2] == enum:
            return member
    return None


def _none_parameter(ctx: PythonContext, name: cst.Name) -> bool:
    """Whether `name` is only a parameter whose default is None (`def main(model=None)`: a
    call that passes nothing builds the default model)."""
    bound = ctx.bindings(name)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return False
    param = bound[0].node
    return isinstance(param, cst.Param) and param.default is not None and is_none(param.default)


def is_none(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def camel_model_values(ctx: PythonContext, call: cst.Call) -> Iterator[cst.CSTNode]:
    """The model literals of the calls ML670 reports for camel (ML204-ML206 leave them: a
    name alone, mapped or not, keeps camel on its OpenAI platform)."""
    if ctx.mentions(camel.MODULE):
        site = camel_site(ctx, call)
        if site is not None and site.literal is not None:
            yield site.literal


def camel_message(ctx: PythonContext, site: CamelSite, others: list[int]) -> str:
    """What the call sends to OpenAI, and what to do for the provider of the run. `others`:
    the lines of the module's other calls of the same kind (reported with this one)."""
    reads = "which reads " + " and ".join(camel.VARIABLES)
    unless = f"OpenAI unless {camel.PLATFORM_VARIABLE} names another platform"
    if site.kind == "default":
        given = f"{site.keyword}={site.shown}" if site.shown else f"no {site.keyword}="
        head = (
            f"{site.name}() is given {given}: camel builds its default model "
            f"({camel.PLATFORM_ENUM}.DEFAULT with {camel.MODEL_ENUM}.DEFAULT: OpenAI's "
            f"{camel.DEFAULT_MODEL} unless {camel.PLATFORM_VARIABLE} and {camel.MODEL_VARIABLE} "
            f"name others), {reads}"
        )
    elif site.kind == "named":
        head = (
            f"{site.name}() is given {site.keyword}={site.shown} without a platform: camel "
            f"sends it through {camel.PLATFORM_ENUM}.DEFAULT ({unless}), {reads}; a model "
            "name alone does not move camel"
        )
    elif site.kind == "platform":
        where = "" if site.keyword == camel.FACTORY_PLATFORM[0] else f" in {site.keyword}="
        backend = "camel's OpenAI backend"
        if site.by_default:
            backend += f" unless {camel.PLATFORM_VARIABLE} names another platform"
        backend += f", {reads}"
        head = f"{site.name}() picks {site.shown}{where}: {backend}"
    elif site.kind == "client":
        return _client_message(ctx, site, others)
    elif site.kind == "file":
        head = (
            f"{site.name}() builds the model {site.shown} names: its {camel.FILE_PLATFORM_KEY} "
            f"picks the platform, camel's OpenAI backend for openai or default ({reads}), which "
            f"gets its {camel.FILE_MODEL_KEY} whatever model that names"
        )
    elif site.kind == "backend":
        head = f"{site.name}() is camel's OpenAI backend, {reads}"
    elif site.kind == "model":
        return _unserved_message(ctx, site, others)
    elif site.kind == "audio":
        head = f"{site.name}() is camel's OpenAI speech (tts-1, whisper-1), {reads}"
    elif site.kind == "default_audio":
        given = f"{site.keyword}={site.shown}" if site.shown else f"no {site.keyword}="
        head = (
            f"{site.name}() is given {given}: camel builds its OpenAI speech "
            f"(OpenAIAudioModels(), {site.model} to transcribe), {reads}"
        )
    elif site.kind == "default_embedding":
        given = f"{site.keyword}={site.shown}" if site.shown else f"no {site.keyword}="
        head = (
            f"{site.name}() is given {given}: camel builds its OpenAI embedding "
            f"(OpenAIEmbedding(), {camel.EMBEDDING_DEFAULT}), {reads}, and takes OpenAI's "
            "models only"
        )
    else:
        head = f"{site.name}() is camel's OpenAI embedding, {reads}, and takes OpenAI's models only"
    if others:
        head += f" (also {', '.join(ctx.line_label(line) for line in others)})"
    return f"{head}; {_advice(ctx, site)}"


def _advice(ctx: PythonContext, site: CamelSite) -> str:
    """camel's platform for the provider (or its OpenAI-compatible one) with the provider's
    model and variables; for a model left to the default, camel's variables as the other way."""
    rules = ctx.rules
    provider = rules.provider
    another = " (`migrate-llm scan --provider ID` names them)"
    if provider is None or not rules.switching or rules.base_url is None:
        if site.kind in _EMBEDDING_KINDS:
            code = f"{camel.COMPATIBLE_EMBEDDING}(model_type=..., url=..., api_key=...)"
            return (
                f"for another provider {_build(site, code)} reading its variables, by hand{another}"
            )
        if site.kind == "audio":
            return f"for another provider pass url= and api_key= reading its variables{another}"
        if site.kind == "default_audio":
            code = f"{site.keyword}=OpenAIAudioModels(url=..., api_key=...)"
            return f"for another provider pass {code} reading its variables{another}"
        if site.kind == "file":
            return (
                f"for another provider write its camel platform and model there, by hand{another}"
            )
        code = "ModelFactory.create(model_platform=<its camel platform>, model_type=..., url=..., "
        code += "api_key=...)"
        passed = _passed(site, code)
        verb, instead = ("build", " instead") if site.kind == "backend" else ("pass", "")
        return (
            f"for another provider {verb} {passed}{instead} reading its variables, by hand{another}"
        )
    url = rules.base_url
    at = f"url={base_url_expr(provider, url)}, api_key={key_expr(provider)}"
    if site.kind in ("audio", "default_audio"):
        support = provider.support("audio")
        if support is False:
            return (
                f"{provider.name} serves no audio API on its OpenAI-compatible endpoint: keep "
                "it on OpenAI (its key from OpenAI's variable) or use another speech service, "
                "by hand"
            )
        caveat = "" if support is True else f" ({provider.name}'s audio support is {support}: "
        caveat += "check which speech models it serves)" if caveat else ""
        if site.kind == "default_audio":
            return (
                f"for {provider.name} pass {site.keyword}=OpenAIAudioModels({at}) (its "
                f"speech_to_text() sends {site.model}: check that {provider.name} serves it), "
                "by hand"
            )
        return (
            f"for {provider.name} pass {at} and its speech models to text_to_speech() and "
            f"speech_to_text(){caveat}, by hand"
        )
    candidates = provider.candidates("embeddings" if site.kind in _EMBEDDING_KINDS else "chat")
    model = rules.map_model(site.model) if site.model else None
    if model is None and site.model in candidates:
        model = site.model  # already the provider's
    choice = "" if model else f" (<model> one of {', '.join(candidates)})"
    if site.kind in _EMBEDDING_KINDS:
        if provider.support("embeddings") is False:
            code = f"{camel.COMPATIBLE_EMBEDDING}(model_type=..., url=..., api_key=...)"
            return (
                f"{provider.name} serves no embeddings: {_build(site, code)} for a provider "
                "that does, by hand"
            )
        model_code = f'"{model}"' if model else "<model>"
        code = (
            f"{camel.COMPATIBLE_EMBEDDING}(model_type={model_code}, {at}, output_dim=<the size "
            "of its vectors>)"
        )
        instead = " instead" if site.kind == "embedding" else ""
        return (
            f"for {provider.name} {_build(site, code)}{choice} (from camel.embeddings)"
            f"{instead}, by hand"
        )
    platform = camel.PLATFORMS.get(provider.id, camel.COMPATIBLE)
    if site.kind == "file":
        advice = file_advice(ctx.rules, site.shown, None)
        return f"for {provider.name} {advice}, then suppress this finding, by hand"
    model_code = f'"{model}"' if model else (site.member or "<model>")
    notes = [choice[2:-1]] if choice else []
    if not model and site.member:
        notes = [f"{article(provider.name)} {provider.name} model for {site.member}"]
    notes.append(
        f"given neither url= nor api_key=, camel's {platform.member} platform reads "
        f"{platform.api_key_env} and {platform.base_url_env}"
    )
    create = (
        f"ModelFactory.create(model_platform={camel.PLATFORM_ENUM}.{platform.member}, "
        f"model_type={model_code}, {at})"
    )
    passed = f"{_passed(site, create)} ({'; '.join(notes)})"
    advice = f"for {provider.name} pass {passed}"
    if site.kind == "backend":
        advice = f"for {provider.name} build {passed} instead"
    if site.kind == "default" or (site.by_default and site.member == _DEFAULT_TYPE):
        advice = (
            f"for {provider.name} set {camel.PLATFORM_VARIABLE}={platform.value}, "
            f"{camel.MODEL_VARIABLE}={model or '<model>'}, {platform.api_key_env} "
            f"(the {provider.name} key) and {platform.base_url_env}={url} where the program "
            f"runs, before camel is imported (then suppress this finding), or pass {passed}"
        )
    return f"{advice}, by hand"


def _unserved_message(ctx: PythonContext, site: CamelSite, others: list[int]) -> str:
    provider = ctx.rules.provider
    assert provider is not None and site.model is not None
    also = f" (also {', '.join(ctx.line_label(line) for line in others)})" if others else ""
    mapped = ctx.rules.map_model(site.model)
    return (
        f"{site.name}() sends {site.shown} ({site.model}) to {provider.name}, which does not "
        f'serve it and refuses the request{also}; pass {site.keyword}="{mapped}", by hand'
    )


def _build(site: CamelSite, code: str) -> str:
    """How the advice gives camel's OpenAI-compatible embedding: built instead of
    `OpenAIEmbedding(...)`, passed to a class that would build that."""
    if site.kind == "embedding":
        return f"build {code}"
    return f"pass {site.keyword}={code}"


def _passed(site: CamelSite, create: str) -> str:
    """How the advice passes the model: the whole `ModelFactory.create(...)` to an agent,
    its arguments to `ModelFactory.create` itself, the call itself for a backend built
    directly."""
    if site.kind == "backend":
        return create
    if site.kind == "platform" and site.keyword == camel.FACTORY_PLATFORM[0]:
        return create.removeprefix("ModelFactory.create(").removesuffix(")")
    return f"{site.keyword}={create}"


def _client_message(ctx: PythonContext, site: CamelSite, others: list[int]) -> str:
    """OpenAI's platform given `client=` without `api_key=`: the client may go anywhere, but
    camel's OpenAI backend still requires OPENAI_API_KEY when built (`CLIENT_KEY_VARIABLE`)
    and builds its async client from `api_key=` and `url=`."""
    also = f" (also {', '.join(ctx.line_label(line) for line in others)})" if others else ""
    variable = camel.CLIENT_KEY_VARIABLE
    if site.shown.isidentifier():
        given = f"api_key={site.shown}.api_key, url={site.shown}.base_url"
    else:
        given = "api_key= and url= the key and base URL the client is given"
    return (
        f"{site.name}() is given client={site.shown} but no api_key=: camel's OpenAI backend "
        f"still requires {variable} when it is built (@api_keys_required) and raises ValueError "
        f"where it is unset, as it is once the program no longer uses OpenAI, and builds its "
        f"async client (without async_client=) from api_key= and url=, {variable} and OpenAI's "
        f"URL by default{also}; pass {given} (or async_client= too), by hand"
    )
