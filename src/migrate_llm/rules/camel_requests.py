"""The chat request a camel model built by `ModelFactory.create(...)` sends to the provider,
with its `model_config_dict=` as the request's arguments (`frameworks.camel`): checked by
ML111, ML112 and ML115 as an SDK request's (t53g: `ChatGPTConfig(temperature=0.0)` on
MiniMax, which rejects 0)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm.frameworks import camel
from migrate_llm.rules.default_dicts import USED_ELSEWHERE
from migrate_llm.rules.framework_args import argument, qualified
from migrate_llm.rules.framework_litellm import RoutedRequest, openai_or_provider
from migrate_llm.rules.library_camel import enum_member, is_none
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.request_arguments import RequestArgument, mapping_arguments

_SHOWN = "ModelFactory.create() (camel)"


def camel_requests(ctx: PythonContext, call: cst.Call) -> list[RoutedRequest]:
    """The request of `call`, a camel `ModelFactory.create(...)` given `model_config_dict=`
    that sends to the provider (`reaches_provider`), its arguments that dict's entries or the
    fields of the config whose `as_dict()` it is; else none. Its model: the `model_type=`
    literal or constant where the provider serves it (else not known)."""
    provider = ctx.rules.provider
    if provider is None or not ctx.mentions(camel.MODULE) or not reaches_provider(ctx, call):
        return []
    given = argument(call, *camel.FACTORY_CONFIG)
    if given is None or is_none(given.value):
        return []
    arguments = config_arguments(ctx, given.value)
    if not arguments:
        return []
    model = argument(call, *camel.FACTORY_MODEL)
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    if resolved is None or not provider.serves(resolved[1]):
        return [RoutedRequest(_SHOWN, "", None, "", None, arguments=arguments)]
    node, name, how = resolved
    return [RoutedRequest(_SHOWN, name, node, how, None, arguments=arguments)]


def reaches_provider(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is `ModelFactory.create(...)` whose model sends to the provider once
    migrated: on camel's platform for it (given no `url=`, or OpenAI's or the provider's,
    which apply points there), or on OpenAI's, the default or the OpenAI-compatible platform
    given such a `url=`; not given a `client=` of one's own or `**kwargs`. OpenAI's platform
    without a URL stays on OpenAI (ML670 leaves it to a person; checked once moved)."""
    provider = ctx.rules.provider
    if (
        provider is None
        or any(a.star for a in call.args)
        or not qualified(ctx, call.func, camel.FACTORY_CALLS)
    ):
        return False
    platform = argument(call, *camel.FACTORY_PLATFORM)
    member = _platform(ctx, platform.value) if platform is not None else None
    client = argument(call, camel.FACTORY_OWN_KEYWORDS[1], None)
    if member is None or (client is not None and not is_none(client.value)):
        return False
    url_arg = argument(call, *camel.FACTORY_URL)
    url = url_arg.value if url_arg is not None and not is_none(url_arg.value) else None
    own = camel.PLATFORMS.get(provider.id)
    if own is not None and member == own.member:
        return url is None or openai_or_provider(ctx, url)
    openai_side = (camel.OPENAI_MEMBER, camel.DEFAULT_MEMBER, camel.COMPATIBLE_MEMBER)
    return member in openai_side and url is not None and openai_or_provider(ctx, url)


def _platform(ctx: PythonContext, value: cst.BaseExpression) -> str | None:
    """The `ModelPlatformType` member `value` names: the member itself (or a name bound to
    it), or the string `ModelFactory.create` takes for it."""
    resolved = ctx.resolve_literal(value)
    if resolved is not None:
        if resolved[1] in camel.OPENAI_PLATFORM_STRINGS:
            return camel.OPENAI_MEMBER
        platforms = (*camel.PLATFORMS.values(), camel.COMPATIBLE)
        return next((p.member for p in platforms if p.value == resolved[1]), None)
    member = enum_member(ctx, value, camel.PLATFORM_ENUM)
    if member is None and isinstance(value, cst.Name):
        bound = ctx.bound_value(value)
        member = enum_member(ctx, bound, camel.PLATFORM_ENUM) if bound is not None else None
    return member


def config_arguments(ctx: PythonContext, value: cst.BaseExpression) -> dict[str, RequestArgument]:
    """The arguments `model_config_dict=value` sends: the fields given to a camel config
    whose `as_dict()` it is (changed or removed by apply where the config is built for this
    call alone; never renamed: a config takes only its own fields), else the entries of a
    dict as `mapping_arguments` reads them."""
    found = _config(ctx, value)
    if found is None:
        return mapping_arguments(
            ctx,
            value,
            camel.FACTORY_CONFIG[0],
            lambda c: reaches_provider(ctx, c),
            lambda arg, c: argument(c, *camel.FACTORY_CONFIG) is arg and reaches_provider(ctx, c),
        )
    built, alone = found
    left = USED_ELSEWHERE
    if alone:
        name = _config_name(ctx, built)
        left = f"{name} (camel) takes only its own fields: give {camel.FACTORY_CONFIG[0]}= a dict"
    return {
        arg.keyword.value: RequestArgument(
            arg.keyword.value, arg, built, alone, renamable=False, left=left
        )
        for arg in built.args
        if arg.keyword is not None
    }


def _config(
    ctx: PythonContext, value: cst.BaseExpression, alone: bool = True, depth: int = 2
) -> tuple[cst.Call, bool] | None:
    """The camel config call (`ChatGPTConfig(temperature=0.0)`) whose `as_dict()` `value` is,
    directly or through names bound once, and whether it is used for this value alone."""
    if isinstance(value, cst.Name) and depth > 0:
        bound = ctx.bound_value(value)
        if bound is None:
            return None
        return _config(ctx, bound, alone and _used_once(ctx, value), depth - 1)
    if not (
        isinstance(value, cst.Call)
        and not value.args
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == camel.CONFIG_TO_DICT
    ):
        return None
    built: cst.BaseExpression | None = value.func.value
    if isinstance(built, cst.Name):
        alone = alone and _used_once(ctx, built)
        built = ctx.bound_value(built)
    if isinstance(built, cst.Call) and _config_name(ctx, built):
        return built, alone
    return None


def _config_name(ctx: PythonContext, call: cst.Call) -> str:
    """The name of camel's config class `call` builds (`ChatGPTConfig`); "" for another."""
    for name in ctx.qualnames(call.func):
        module, _, last = name.rpartition(".")
        if (module + ".").startswith(camel.CONFIG_MODULE + ".") and last.endswith(
            camel.CONFIG_SUFFIX
        ):
            return last
    return ""


def _used_once(ctx: PythonContext, name: cst.Name) -> bool:
    bound = ctx.bindings(name)
    return len(bound) == 1 and isinstance(bound[0], Assignment) and len(bound[0].references) == 1
