"""Settings given to a library migrate-llm does not know, holding a read of OpenAI's key
variable and an OpenAI model but no base URL (t64f: Agently's `set_settings("OpenAI",
{"model": "gpt-4o", "auth": os.environ["OPENAI_API_KEY"]})`, or a chain of such calls,
`.set_settings("model.OpenAI.auth", {...}).set_settings("model.OpenAI.options", {...})`);
also a key given by its name with no model at all (`Lib(auth={"api_key": ...})`, t64f).

Apply adds no base URL there, so the library's own default URL stays, which may be
OpenAI's: renamed alone, the key read would send the provider's key there (ML401 leaves it),
and mapped alone the model would go there too (ML204 leaves it). The calls looked at are
those of one chain of method calls (`make().set(a).set(b)`), each given the settings: as a
keyword, a positional argument, a dict display so given (the dicts nested in it too), or a
name bound once to a display or `dict(...)` (`cfg = {...}`, its entries written after as
`cfg["model"] = ...` too; hB, s65), or spread into it (`Lib(**cfg)`). Not a call of the
SDK, of an OpenAI client or a copy of one (`client.with_options(api_key=...)`), of a class
or function the framework tables name, of the module's own functions or the project's, of
the standard library or an HTTP library, a container's own method (`cfg.update({...})`),
a call of what a call returns (`retry(make)(...)`), nor one that only shows, logs or records
what it is given (`sdk.SHOWING_*`: `logger.debug("%s", cfg)`, `st.write(cfg)`). A key with no
model is only taken where the module shows it imports the callee (`_origin`). No settings
are left with their key where their key read, or the dict holding it, also goes to an
OpenAI client (`OpenAI(api_key=cfg["api_key"])`): that client, which apply moves, would get
the OpenAI key left there (review r1, s65), so the key follows the client (`followed`) and
the library, given the provider's key and still no base URL, is reported apart
(`followed_library`; review r3, s65)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import other_sdks
from migrate_llm.frameworks.modules import framework_names
from migrate_llm.imports import STDLIB
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.project_calls import defined_here, own_method, project_import
from migrate_llm.rules.python_context import PythonContext, last_name, string_value

# methods of the builtin containers: a dict given to one is kept, not sent
_CONTAINER_METHODS = frozenset(
    {"update", "setdefault", "append", "extend", "insert", "add", "get", "pop", "copy"}
)
# methods of a dict that only read it (`cfg.get("api_key")`): no change of its entries
_READING_METHODS = frozenset({"get", "keys", "values", "items", "copy"})
# the name `_entries` gives a dict bound to a name that the module changes otherwise than by
# `cfg["name"] = value` (`cfg.update(...)`, `cfg |= {...}`), which may give it a base URL
_CHANGED = "<changed>"
_HTTP_ROOTS = frozenset(m.split(".")[0] for m in sdk.HTTP_LIBRARIES)
# words of a settings name (`"model.OpenAI.url"`, `api_host=`) that may give a base URL
_URL_WORDS = ("url", "base", "host", "endpoint")


@dataclass(frozen=True)
class Unmoved:
    """Settings an unknown library is given: the call holding the key read (the first of the
    chain given it), the key read and the OpenAI model (its value as written; None where no
    model is given, or none written in the module)."""

    call: cst.Call
    key: cst.BaseExpression
    model: cst.BaseExpression | None
    followed: bool = False  # the key read goes to an OpenAI client too, and follows it


def followed_library(ctx: PythonContext, read: cst.CSTNode) -> Unmoved | None:
    """The settings of an unknown library `read` (a key read, of OpenAI's variable or the
    provider's) is given to with no base URL, where the read goes to an OpenAI client too
    (`followed`): apply renames it with the client, so the library gets the provider's key
    and its own default URL; None otherwise."""
    return next(
        (
            found
            for call in unmoved_takers(ctx, read)
            if (found := unmoved_settings(ctx, call, True)) is not None and found.followed
        ),
        None,
    )


def unmoved_settings(ctx: PythonContext, call: cst.Call, moved: bool = False) -> Unmoved | None:
    """The settings of the chain of calls holding `call` (see the module), where they hold a
    read of OpenAI's key variable (or, `moved`, the provider's, as apply leaves a `followed`
    one) and nothing that may be a base URL, and either an OpenAI model or, for a key given
    by its name (`auth=`, `"api_key"`), no model written in the module; None otherwise, or
    where the chain's calls are not an unknown library's."""
    from migrate_llm.rules.env_roles import key_variables  # it imports the environment rules
    from migrate_llm.rules.framework_litellm import openai_model

    chain = _chain(ctx, call)
    callees = [_callee(ctx, c) for c in chain]
    if any(c is None for c in callees):
        return None
    names = env_names(ctx)
    keys = key_variables(ctx)
    provider = ctx.rules.provider
    own = frozenset({provider.api_key_env}) if moved and provider is not None else frozenset()
    key: tuple[cst.Call, cst.BaseExpression, str] | None = None
    model: cst.BaseExpression | None = None
    other = False  # a model written in the module that is not OpenAI's
    for member in chain:
        for name, value in _settings(ctx, member):
            if name is _CHANGED:
                return None  # a dict changed otherwise (`cfg.update(...)`): maybe given a URL
            if _url_name(name) or any("://" in (string_value(s) or "") for s in _strings(value)):
                return None  # a base URL given (or maybe given): not this module's case
            access = names.by_node.get(id(value))
            if (
                key is None
                and access is not None
                and (
                    any(s.value in keys for s in names.openai_sources(access))
                    or any(s.value in own for s in access.sources)
                )
            ):
                key = member, value, name
            elif model is None and name.rsplit(".", 1)[-1].lower() in sdk.MODEL_NAMES:
                resolved = ctx.resolve_literal(value)
                if resolved is not None and openai_model(ctx, resolved[1], True) is not None:
                    model = value
                elif resolved is not None:
                    other = True
    if key is None or (model is None and (other or not _key_name(key[2]))):
        return None
    if model is None and not all(callees):
        return None  # a key alone, to a call the module does not show it imports
    # the key read goes to an OpenAI client too: it follows that client (`followed`)
    followed = _client_reached(ctx, key[1])
    access = names.by_node.get(id(key[1]))
    if not followed and access is not None and not names.openai_sources(access):
        return None  # the provider's key read by a library alone: written so by the project
    return Unmoved(key[0], key[1], model, followed)


def unmoved_holder(ctx: PythonContext, node: cst.CSTNode) -> cst.Call | None:
    """The first call (`unmoved_takers`) the settings holding `node` are given to whose
    settings are unmoved (`unmoved_settings`, `followed` ones once apply moved their key
    too, but for a model their client is given too); None where there is none."""
    for call in unmoved_takers(ctx, node):
        found = unmoved_settings(ctx, call, True)
        if found is None:
            continue
        if found.followed and found.model is not None and _client_reached(ctx, found.model, True):
            continue  # the model goes to the client (its request) too: mapped with it
        return call
    return None


def unmoved_takers(ctx: PythonContext, node: cst.CSTNode) -> list[cst.Call]:
    """The calls the settings holding `node` are given to as an argument: `node` a value
    given directly, a dict entry or its value (in a dict display, nested in others or not),
    a keyword's value of `dict(...)`, or `cfg["name"] = value` (the assignment); the dict
    given itself or through a name bound once to it (`cfg = {...}`, then `f(cfg)`)."""
    from migrate_llm.rules.openai_configs import (
        bound_settings,
        builtin_dict,
        dict_given_as,
        written_entry,
    )

    if isinstance(node, cst.Assign):
        entry = written_entry(node)
        settings = bound_settings(ctx, entry[0]) if entry is not None else None
        if isinstance(settings, cst.Call) and not builtin_dict(ctx, settings):
            return []
        return [c for _, c in dict_given_as(ctx, settings, True)] if settings is not None else []
    ancestors = list(ctx.ancestors(node))
    if (
        not isinstance(node, cst.DictElement)
        and ancestors
        and isinstance(ancestors[-1], cst.DictElement)
    ):
        ancestors.pop()  # the entry holding the value
    while (
        len(ancestors) >= 3
        and isinstance(ancestors[-1], cst.Dict)
        and isinstance(ancestors[-2], cst.DictElement)
        and ancestors[-2].value is ancestors[-1]
        and isinstance(ancestors[-3], cst.Dict)
    ):
        del ancestors[-2:]  # a dict nested in another: the outer one's entry
    if ancestors and isinstance(ancestors[-1], cst.Dict):
        return [c for _, c in dict_given_as(ctx, ancestors[-1], True)]
    if len(ancestors) >= 2 and isinstance(arg := ancestors[-1], cst.Arg) and not arg.star:
        holder = ancestors[-2]
        if isinstance(holder, cst.Call) and builtin_dict(ctx, holder):
            return [c for _, c in dict_given_as(ctx, holder, True)]  # `dict(api_key=value)`
        return [holder] if isinstance(holder, cst.Call) else []
    return []


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


def unknown_library(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` may be an unknown library's (see the module)."""
    return _callee(ctx, call) is not None


def _callee(ctx: PythonContext, call: cst.Call) -> frozenset[str] | None:
    """The names `call`, an unknown library's (see the module), may call as the module
    imports them (`_origin`; empty for a method of an object the module does not trace,
    `self.agent.set(...)`); None where it is not one: nor a call of an OpenAI client or of a
    copy of one (`client.with_options(api_key=...)`, `sdk.CLIENT_COPIES`), nor a call of
    what a call returns (`retry(make)(...)`), nor a client of a service's own SDK
    (`other_sdks.CLIENT_CLASSES`), nor one named like OpenAI (`OpenAIModel(**kw)`: see
    `key_destinations.foreign_user`), nor a call that only shows, logs or records
    what it is given (`sdk.SHOWING_LIBRARIES`, `SHOWING_FUNCTIONS`, `SHOWING_METHODS`)."""
    if ctx.sdk_call(call) is not None or ctx.receiver_client(call) is not None:
        return None
    if defined_here(ctx, call) is not None or own_method(ctx, call) is not None:
        return None
    if project_import(ctx, call) is not None:
        return None  # the project's own code: `callee_keys` follows it
    last = last_name(call.func) or ""
    if "openai" in ctx.index.import_aliases.get(last, last).lower():
        return None  # named like OpenAI: `key_destinations.foreign_user` decides
    func = call.func
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method in _CONTAINER_METHODS | sdk.SHOWING_METHODS | sdk.CLIENT_COPIES:
            return None
        if ctx.receiver_client(func.value) is not None:
            return None  # `client.some_method(api_key=...)`
    elif not isinstance(func, cst.Name):
        return None
    names = _origin(ctx, func)
    if not names and isinstance(func, cst.Name):
        return None  # a name the module does not import
    if names & (frozenset(sdk.CLIENT_CLASSES) | framework_names() | sdk.SHOWING_FUNCTIONS):
        return None
    if names & other_sdks.CLIENT_CLASSES:
        return None  # a service's own SDK (`zai.ZhipuAiClient`): `key_destinations` decides
    roots = {q.split(".", 1)[0] for q in names}
    if roots & (STDLIB | _HTTP_ROOTS | sdk.SHOWING_LIBRARIES | {"openai"}):
        return None
    return frozenset(names)


def _origin(ctx: PythonContext, func: cst.BaseExpression, depth: int = 3) -> set[str]:
    """The names `func` may call as the module imports them: its own (`Framework.set`), else
    those of the call whose result it is a method of, directly or through a name bound once
    to that result (`create_agent().set`, `agent = create_agent()`, then `agent.set`:
    `agentfw.create_agent.set`); none for anything else."""
    names = ctx.qualnames(func)
    if names or not depth or not isinstance(func, cst.Attribute):
        return names
    made = ctx.bound_value(func.value) if isinstance(func.value, cst.Name) else func.value
    if not isinstance(made, cst.Call):
        return set()
    return {f"{name}.{func.attr.value}" for name in _origin(ctx, made.func, depth - 1)}


def _settings(ctx: PythonContext, call: cst.Call) -> Iterator[tuple[str, cst.BaseExpression]]:
    """(name, value) for each setting `call` is given: its keywords, the entries of a dict
    display it is given (also as `**`), a positional value after a string naming it
    (`"model.OpenAI.auth", value`), each followed into a dict it is (`_entries`); the name ""
    where none shows."""
    named = ""
    for arg in call.args:
        if arg.star == "**":
            yield from _entries(ctx, "", arg.value)  # `Lib(**{"api_key": ...})`, `Lib(**cfg)`
            continue
        if arg.star:
            continue
        if arg.keyword is not None:
            yield from _entries(ctx, arg.keyword.value, arg.value)
            continue
        text = string_value(arg.value)
        if text is not None and not named:
            named = text
            yield "", arg.value
            continue
        yield from _entries(ctx, named, arg.value)


def _entries(
    ctx: PythonContext, name: str, value: cst.BaseExpression, depth: int = 3
) -> Iterator[tuple[str, cst.BaseExpression]]:
    """(name, value) for a setting and, where it is a dict, for its entries: a display, a
    `dict(...)`, or a name bound once to one, with the entries written to that name after
    (`cfg["model"] = ...`); nested dicts followed `depth` deep."""
    from migrate_llm.rules.openai_configs import bound_settings, builtin_dict, written_entry

    yield name, value
    if not depth:
        return
    settings = bound_settings(ctx, value) if isinstance(value, cst.Name) else value
    if isinstance(settings, cst.Dict):
        for element in settings.elements:
            if isinstance(element, cst.DictElement):
                yield from _entries(ctx, string_value(element.key) or "", element.value, depth - 1)
    elif isinstance(settings, cst.Call) and builtin_dict(ctx, settings):
        for arg in settings.args:
            if arg.keyword is not None:
                yield from _entries(ctx, arg.keyword.value, arg.value, depth - 1)
    else:
        return
    if isinstance(value, cst.Name):
        for assign in _entry_writes(ctx, value):
            entry = written_entry(assign) if assign is not None else None
            if entry is None:
                yield _CHANGED, value
            elif assign is not None:
                yield from _entries(ctx, entry[1], assign.value, depth - 1)


def _entry_writes(ctx: PythonContext, name: cst.Name) -> Iterator[cst.Assign | None]:
    """The assignments `cfg["name"] = value` to the entries of the dict `name` is bound to
    (one binding, as `bound_settings` asks); None for each other use that may change it: a
    method of it called but one that only reads it (`cfg.update(...)`, not `cfg.get(...)`),
    an augmented assignment (`cfg |= {...}`)."""
    bound = [b for b in ctx.bindings(name) if getattr(b, "node", None) is not None]
    if len(bound) != 1:
        return
    for access in bound[0].references:
        above = ctx.ancestors(access.node)
        if (
            len(above) >= 3
            and isinstance(above[-1], cst.Subscript)
            and above[-1].value is access.node
            and isinstance(above[-2], cst.AssignTarget)
            and isinstance(assign := above[-3], cst.Assign)
        ):
            yield assign
        elif above and (
            (
                isinstance(above[-1], cst.Attribute)
                and above[-1].value is access.node
                and above[-1].attr.value not in _READING_METHODS
            )
            or (isinstance(above[-1], cst.AugAssign) and above[-1].target is access.node)
        ):
            yield None


def _client_reached(ctx: PythonContext, value: cst.BaseExpression, sent: bool = False) -> bool:
    """Whether the key read `value` also goes to an OpenAI client's construction or a copy of
    one (`receiver_client`), which apply moves: through a name it is bound to (`key =
    os.environ[...]`, then `OpenAI(api_key=key)`), or through the dict holding it bound to a
    name, given whole (`OpenAI(**cfg)`) or by the entries leading to it (`OpenAI(api_key=
    cfg["api_key"])`, `cfg.get("api_key")`); `sent`, to an SDK request too (a model)."""
    if isinstance(value, cst.Name):
        uses = [r.node for b in ctx.bindings(value) for r in getattr(b, "references", ())]
        if any(_to_client(ctx, use, (), sent=sent) for use in uses if use is not value):
            return True
    holder = _holding_name(ctx, value)
    if holder is None:
        return False
    name, path = holder
    bound = [b for b in ctx.bindings(name) if getattr(b, "node", None) is not None]
    return len(bound) == 1 and any(
        _to_client(ctx, r.node, path, sent=sent) for r in bound[0].references
    )


def _holding_name(
    ctx: PythonContext, value: cst.CSTNode
) -> tuple[cst.Name, tuple[str, ...]] | None:
    """The name bound to the dict holding `value` (a display or `dict(...)`, nested in others
    or not: `cfg = {"llm": {"api_key": value}}`, or `cfg["api_key"] = value`), and the entries
    leading from it to `value` (`("llm", "api_key")`); None where none is."""
    from migrate_llm.rules.openai_configs import builtin_dict

    path: list[str] = []
    node = value
    for _ in range(4):
        above = ctx.ancestors(node)
        parent = above[-1] if above else None
        if isinstance(parent, cst.DictElement) and parent.value is node and len(above) >= 2:
            path.append(string_value(parent.key) or "")
            node = above[-2]
        elif (
            isinstance(parent, cst.Arg)
            and parent.keyword is not None
            and len(above) >= 2
            and isinstance(made := above[-2], cst.Call)
            and builtin_dict(ctx, made)
        ):
            path.append(parent.keyword.value)
            node = made
        elif isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
            target = parent.targets[0].target
            if isinstance(target, cst.Name) and path:
                return target, tuple(reversed(path))
            if (
                isinstance(target, cst.Subscript)
                and isinstance(target.value, cst.Name)
                and (index := _index(target)) is not None
                and not path
            ):
                return target.value, (index,)  # `cfg["api_key"] = value`
            return None
        else:
            return None
    return None


def _to_client(
    ctx: PythonContext,
    node: cst.CSTNode,
    path: tuple[str, ...],
    depth: int = 2,
    sent: bool = False,
) -> bool:
    """Whether `node` (a use of a name), or what it holds down the entries `path`
    (`node["llm"]["api_key"]`, `node.get("api_key")`), is given to an OpenAI client's
    construction or copy (`sent`: or to an SDK request), directly or through a name bound to
    it (`depth` names deep)."""
    for at in range(len(path) + 1):
        if at:
            read = _entry_read(ctx, node, path[at - 1])
            if read is None:
                return False
            node = read
        above = ctx.ancestors(node)
        parent = above[-1] if above else None
        while isinstance(parent, cst.BooleanOperation) and parent.left is node:
            # `cfg["api_key"] or os.environ.get(...)`, as apply writes a client's key
            node, above = parent, above[:-1]
            parent = above[-1] if above else None
        if (
            isinstance(parent, cst.Arg)
            and parent.value is node
            and len(above) >= 2
            and isinstance(call := above[-2], cst.Call)
            and (ctx.receiver_client(call) is not None or (sent and ctx.sdk_call(call) is not None))
        ):
            return True
        if (
            depth
            and isinstance(parent, cst.Assign)
            and parent.value is node
            and len(parent.targets) == 1
            and isinstance(target := parent.targets[0].target, cst.Name)
        ):
            bound = [b for b in ctx.bindings(target) if getattr(b, "node", None) is target]
            rest = path[at:]
            if any(
                _to_client(ctx, r.node, rest, depth - 1, sent) for b in bound for r in b.references
            ):
                return True
    return False


def _entry_read(ctx: PythonContext, node: cst.CSTNode, entry: str) -> cst.CSTNode | None:
    """`node["entry"]` or `node.get("entry", ...)`, where `node` is so read; None otherwise."""
    above = ctx.ancestors(node)
    parent = above[-1] if above else None
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return parent if _index(parent) == entry else None
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is node
        and parent.attr.value == "get"
        and len(above) >= 2
        and isinstance(read := above[-2], cst.Call)
        and read.func is parent
        and read.args
        and string_value(read.args[0].value) == entry
    ):
        return read
    return None


def _index(subscript: cst.Subscript) -> str | None:
    """The string `x["name"]` is indexed by; None for another index."""
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return None
    return string_value(subscript.slice[0].slice.value)


def _key_name(name: str) -> bool:
    """Whether a setting's name names a key (`auth`, `"model.OpenAI.auth"`, `api_key`)."""
    return name.rsplit(".", 1)[-1].lower() in sdk.KEY_ENTRY_NAMES


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
