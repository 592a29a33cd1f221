"""Settings given to a library migrate-llm does not know, holding a read of OpenAI's key
variable and an OpenAI model but no base URL (t64f: Agently's `set_settings("OpenAI",
{"model": "gpt-4o", "auth": os.environ["OPENAI_API_KEY"]})`, or a chain of such calls,
`.set_settings("model.OpenAI.auth", {...}).set_settings("model.OpenAI.options", {...})`).

Apply adds no base URL there, so the library's own default URL stays, which may be
OpenAI's: renamed alone, the key read would send the provider's key there (ML401 leaves it),
and mapped alone the model would go there too (ML204 leaves it). The calls looked at are
those of one chain of method calls (`make().set(a).set(b)`), each given the settings
directly: as a keyword, a positional argument, or a dict display so given. Not a call of the
SDK, of a class or function the framework tables name, of the module's own functions or
the project's, of the standard library or an HTTP library, nor a container's own method
(`cfg.update({...})`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.modules import framework_names
from migrate_llm.imports import STDLIB
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.project_calls import defined_here, own_method, project_import
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# methods of the builtin containers: a dict given to one is kept, not sent
_CONTAINER_METHODS = frozenset(
    {"update", "setdefault", "append", "extend", "insert", "add", "get", "pop", "copy"}
)
_HTTP_ROOTS = frozenset(m.split(".")[0] for m in sdk.HTTP_LIBRARIES)
# words of a settings name (`"model.OpenAI.url"`, `api_host=`) that may give a base URL
_URL_WORDS = ("url", "base", "host", "endpoint")


@dataclass(frozen=True)
class Unmoved:
    """Settings an unknown library is given: the call holding the key read (the first of the
    chain given it), the key read and the OpenAI model (its value as written)."""

    call: cst.Call
    key: cst.BaseExpression
    model: cst.BaseExpression


def unmoved_settings(ctx: PythonContext, call: cst.Call) -> Unmoved | None:
    """The settings of the chain of calls holding `call` (see the module), where they hold a
    read of OpenAI's key variable and an OpenAI model but nothing that may be a base URL;
    None otherwise, or where the chain's calls are not an unknown library's."""
    from migrate_llm.rules.env_roles import key_variables  # it imports the environment rules
    from migrate_llm.rules.framework_litellm import openai_model

    chain = _chain(ctx, call)
    if not all(_unknown(ctx, c) for c in chain):
        return None
    names = env_names(ctx)
    keys = key_variables(ctx)
    key: tuple[cst.Call, cst.BaseExpression] | None = None
    model: cst.BaseExpression | None = None
    for member in chain:
        for name, value in _settings(member):
            if _url_name(name) or any("://" in (string_value(s) or "") for s in _strings(value)):
                return None  # a base URL given (or maybe given): not this module's case
            access = names.by_node.get(id(value))
            if (
                key is None
                and access is not None
                and any(s.value in keys for s in names.openai_sources(access))
            ):
                key = member, value
            elif model is None and name.rsplit(".", 1)[-1].lower() in sdk.MODEL_NAMES:
                resolved = ctx.resolve_literal(value)
                if resolved is not None and openai_model(ctx, resolved[1], True) is not None:
                    model = value
    if key is None or model is None:
        return None
    return Unmoved(key[0], key[1], model)


def unmoved_holder(ctx: PythonContext, node: cst.CSTNode) -> cst.Call | None:
    """The call `node` (a value, or a dict entry) is given to as an argument, directly or
    through the dict display holding it; None otherwise."""
    ancestors = list(ctx.ancestors(node))
    if (
        not isinstance(node, cst.DictElement)
        and ancestors
        and isinstance(ancestors[-1], cst.DictElement)
    ):
        ancestors.pop()  # the entry holding the value
    if ancestors and isinstance(ancestors[-1], cst.Dict):
        ancestors.pop()  # the display holding the entry
    if len(ancestors) >= 2 and isinstance(arg := ancestors[-1], cst.Arg) and not arg.star:
        holder = ancestors[-2]
        return holder if isinstance(holder, cst.Call) else None
    return None


def _chain(ctx: PythonContext, call: cst.Call) -> list[cst.Call]:
    """The calls of the chain of method calls holding `call`, innermost first."""
    top = call
    while True:
        ancestors = ctx.ancestors(top)
        if (
            len(ancestors) >= 2
            and isinstance(attribute := ancestors[-1], cst.Attribute)
            and attribute.value is top
            and isinstance(outer := ancestors[-2], cst.Call)
            and outer.func is attribute
        ):
            top = outer
            continue
        break
    found = [top]
    while isinstance(func := found[-1].func, cst.Attribute) and isinstance(func.value, cst.Call):
        found.append(func.value)
    return found[::-1]


def _unknown(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` is an unknown library's (see the module)."""
    if ctx.sdk_call(call) is not None or ctx.constructed_client(call) is not None:
        return False
    if defined_here(ctx, call) is not None or own_method(ctx, call) is not None:
        return False
    if project_import(ctx, call) is not None:
        return False  # the project's own code: `callee_keys` follows it
    if isinstance(call.func, cst.Name):
        return bool(ctx.qualnames(call.func)) and _library(ctx, call)  # imported by name
    return (last_name(call.func) or "") not in _CONTAINER_METHODS and _library(ctx, call)


def _library(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether none of the names `call` may call is known (the tables, the standard library,
    an HTTP library)."""
    qualnames = ctx.qualnames(call.func)
    if qualnames & (frozenset(sdk.CLIENT_CLASSES) | framework_names()):
        return False
    roots = {q.split(".", 1)[0] for q in qualnames}
    return not roots & (STDLIB | _HTTP_ROOTS | {"openai"})


def _settings(call: cst.Call) -> Iterator[tuple[str, cst.BaseExpression]]:
    """(name, value) for each setting `call` is given: its keywords, the entries of a dict
    display it is given, a positional value after a string naming it (`"model.OpenAI.auth",
    value`); the name "" where none shows."""
    named = ""
    for arg in call.args:
        if arg.star:
            continue
        if arg.keyword is not None:
            yield arg.keyword.value, arg.value
            continue
        if isinstance(arg.value, cst.Dict):
            for element in arg.value.elements:
                if isinstance(element, cst.DictElement):
                    yield string_value(element.key) or "", element.value
            continue
        text = string_value(arg.value)
        if text is not None and not named:
            named = text
            yield "", arg.value
            continue
        yield named, arg.value


def _url_name(name: str) -> bool:
    """Whether a setting's name may give a base URL (`base_url`, `"model.OpenAI.url"`)."""
    last = name.rsplit(".", 1)[-1].lower()
    return sdk.url_entry(last) or any(word in last for word in _URL_WORDS)


def _strings(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The string literals in `node`, itself included."""
    if isinstance(node, cst.SimpleString):
        yield node
    for child in node.children:
        yield from _strings(child)
