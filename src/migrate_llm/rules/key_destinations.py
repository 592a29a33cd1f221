"""Where the value of a key read goes, and whether it could reach OpenAI after `apply`.

ML401 points a read of OPENAI_API_KEY at the provider's key variable. That is right only
where the value ends up in something `apply` moves to the provider too. Followed here, inside
one module: the names the value is bound to, the arguments it is passed as (through `a or b`
and `x if c else y`), and, for a function or class of the module, its parameter's uses. A
destination is risky when, given the provider's key, it could send it to OpenAI:

- `foreign`: a class or function named like OpenAI, or an `openai_api_key=` keyword, outside
  the SDK's clients and the framework tables (chromadb's `OpenAIEmbeddingFunction`);
- `client`: an SDK client whose base URL is chosen at run time (ML003 leaves it; with no URL
  given it is OpenAI's; one read from a variable that defaults to the app's own server is
  not);
- `request`: a raw HTTP request (`requests`, `httpx`, ...) that `apply` does not point at the
  provider (its URL comes from elsewhere, or it stays OpenAI's);
- `beside`: the key entry of a dict display or the key argument of a call (other than the
  SDK's clients, the framework tables' classes and this module's functions) whose URL entry
  (`"base_url": self.base_url`) is chosen at run time as above: the key and the URL travel
  together (a dict spread into a client, `OpenAI(**self._kwargs())`), and `apply` leaves the
  URL;
- `model`: the key argument of a call (other than the SDK's clients and this module's
  functions) that carries an OpenAI model (`model="gpt-4o"`, `"openai/gpt-4o"`, a constant)
  outside the framework tables, or a model ML640 leaves to a person (chosen at run time,
  `dspy.LM(model=name, api_key=...)`, or embeddings the provider lacks), with no base URL
  that `apply` points at the provider: the model string sends the call, and the key, to
  OpenAI (a library routing by it, as litellm does);
- `environment`: a write of an OpenAI variable (`os.environ["OPENAI_API_KEY"] = key`), or a
  dict entry named for one (`{"OPENAI_API_KEY": key}`, settings that end up in the
  environment), which any library reading OpenAI's key would then send to OpenAI.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.modules import framework_names
from migrate_llm.rules.env_names import EnvNames, own_variables
from migrate_llm.rules.python_context import ENV_NAME, PythonContext, last_name, string_value
from migrate_llm.rules.raw_http import raw_http

# Calls whose rewrite takes care of a key handed to them: the SDK's clients and every class or
# function the framework tables name.
KNOWN_USERS = frozenset(sdk.CLIENT_CLASSES) | framework_names()
_DEPTH = 3  # functions of the module followed, one inside the other
_STATEMENTS = (cst.BaseStatement, cst.BaseSmallStatement, cst.BaseSuite)


@dataclass(frozen=True)
class Destination:
    """Where the key's value goes that could send it to OpenAI (a call, or for `environment`
    the write of a variable), and which kind it is."""

    call: cst.Call | cst.Assign | cst.DictElement
    kind: str  # "foreign" | "client" | "beside" | "model" | "request" | "environment"
    url: cst.BaseExpression | None = None  # for `beside`, the URL the key goes with
    model: cst.BaseExpression | None = None  # for `model`, the model the call carries


def risky_destination(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> Destination | None:
    """The first call `read`'s value reaches that could send the provider's key to OpenAI."""
    # clients imports the environment rules
    from migrate_llm.rules.clients import endpoint_of, falls_back_to_openai, run_time_url

    switched = {id(r.call) for g in raw_http(ctx).groups if g.ok for r in g.requests}
    stored = {id(a.value) for a in names.accesses if a.kind == "write" and names.openai_sources(a)}
    for arg, call, whole in _uses(ctx, names, read, _DEPTH, set()):
        if isinstance(call, cst.DictElement):
            if not whole:
                continue
            if not ENV_NAME.match(string_value(call.key) or ""):  # `{"api_key": value, ...}`
                url = _url_entry(names, call)
                if run_time_url(ctx, url):
                    return Destination(call, "beside", url)
                continue
            return Destination(call, "environment")  # `{"OPENAI_API_KEY": value}`
        if not isinstance(call, cst.Call):  # `os.environ[X] = value`, `self.x = value`
            if whole and id(call.value) in stored:
                return Destination(call, "environment")
            continue
        assert arg is not None
        if id(arg.value) in stored:  # `os.environ.setdefault(X, value)`
            if whole:
                return Destination(call, "environment")
            continue
        if whole and foreign_user(ctx, call, arg):
            return Destination(call, "foreign")
        client = ctx.constructed_client(call)
        if (
            client is not None
            and not client.azure
            and arg.keyword is not None
            and arg.keyword.value == "api_key"
            and (endpoint := endpoint_of(ctx, call)).kind == "dynamic"
            and endpoint.fallback is None  # unset, it goes to the app's own server
            and not falls_back_to_openai(ctx, call)  # apply points the chain at the provider
        ):
            return Destination(call, "client")
        if (
            whole
            and client is None
            and _entry_name(arg.keyword) in sdk.KEY_ENTRY_NAMES
            and not (ctx.qualnames(call.func) & KNOWN_USERS or _defined_here(ctx, call))
            and run_time_url(ctx, url := _url_argument(call))
        ):
            return Destination(call, "beside", url)
        if whole and client is None and (model := openai_routed(ctx, call, arg)) is not None:
            return Destination(call, "model", model=model)
        if _http_request(ctx, call) and id(call) not in switched:
            return Destination(call, "request")
    return None


def _entry_name(key: cst.BaseExpression | None) -> str:
    """The name of a dict entry (a string key) or of a keyword argument, in lower case."""
    if isinstance(key, cst.Name):
        return key.value.lower()
    return (string_value(key) or "").lower() if key is not None else ""


def _url_entry(names: EnvNames, element: cst.DictElement) -> cst.BaseExpression | None:
    """The value of the base-URL entry of the dict display holding `element`, if any."""
    holder = names.parent(element)
    if not isinstance(holder, cst.Dict):
        return None
    return next(
        (
            e.value
            for e in holder.elements
            if isinstance(e, cst.DictElement) and _entry_name(e.key) in sdk.URL_ENTRY_NAMES
        ),
        None,
    )


def _url_argument(call: cst.Call) -> cst.BaseExpression | None:
    """The value of the base-URL keyword argument of `call`, if any."""
    return next((a.value for a in call.args if _entry_name(a.keyword) in sdk.URL_ENTRY_NAMES), None)


def foreign_user(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `call` is to a class or function named like OpenAI (or `arg` is an
    `openai_api_key=`) that is neither the SDK's, nor in the framework tables, nor this
    module's own (whose parameters are followed instead)."""
    if ctx.qualnames(call.func) & KNOWN_USERS or _defined_here(ctx, call):
        return False
    named = (last_name(call.func) or "").lower()
    keyword = arg.keyword.value.lower() if arg.keyword is not None else ""
    return "openai" in named or "openai" in keyword


def openai_routed(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> cst.BaseExpression | None:
    """The model that sends `call` to OpenAI, `arg` being its key: an OpenAI model (a bare id
    or `openai/...`, written in the module) given to a call outside the framework tables, or
    the model of a call ML640 leaves to a person (chosen at run time, or embeddings the
    provider does not serve); None when the call is this module's own or has a base URL
    that does not stay OpenAI's."""
    # both import the environment rules
    from migrate_llm.rules.clients import run_time_url
    from migrate_llm.rules.framework_litellm import manual_model, openai_model

    if _entry_name(arg.keyword) not in sdk.KEY_ENTRY_NAMES or _defined_here(ctx, call):
        return None
    url = _url_argument(call)
    if url is not None and not (_none(url) or run_time_url(ctx, url)):
        return None  # apply points it at the provider, or it goes elsewhere on purpose
    if ctx.qualnames(call.func) & KNOWN_USERS:
        found = manual_model(ctx, call)
        return found.value if found is not None else None
    for given in call.args:
        if _entry_name(given.keyword) not in sdk.MODEL_NAMES:
            continue
        resolved = ctx.resolve_literal(given.value)
        if resolved is not None and openai_model(ctx, resolved[1], True) is not None:
            return given.value
    return None


def _none(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"


def _http_request(ctx: PythonContext, call: cst.Call) -> bool:
    """A call of an HTTP library, or an HTTP method called with headers or auth."""
    for name in ctx.qualnames(call.func):
        if any(name.startswith(lib + ".") for lib in sdk.HTTP_LIBRARIES):
            return True
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value in sdk.HTTP_METHODS
        and any(a.keyword is not None and a.keyword.value in ("headers", "auth") for a in call.args)
    )


def _uses(
    ctx: PythonContext,
    names: EnvNames,
    value: cst.CSTNode,
    depth: int,
    seen: set[int],
    whole: bool = True,
) -> Iterator[tuple[cst.Arg | None, cst.Call | cst.Assign | cst.DictElement, bool]]:
    """(argument, call, whole) for each call the value, or an expression made of it (`a or
    b`, an f-string, a headers dict), is passed to; through the names it is bound to and the
    parameters of this module's functions it fills. `whole`: the argument is the value
    itself (or `a or b`, `x if c else y` of it), not a larger thing that holds it. An
    assignment of it to something other than a name (`os.environ[X] = value`) comes as
    (None, the assignment, whole); a dict entry named for an OpenAI variable or for a key
    (`"api_key"`) that holds it as (None, the entry, whole)."""
    if id(value) in seen:
        return
    seen.add(id(value))
    node = value
    for parent in names.ancestors(value):
        if isinstance(parent, cst.Arg):
            call = names.parent(parent)
            if isinstance(call, cst.Call):
                yield parent, call, whole
                for param in _parameters(ctx, call, parent) if depth else ():
                    for use in _references(ctx, param, param.name):
                        yield from _uses(ctx, names, use, depth - 1, seen, whole)
            return
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            if parent.value is node:
                targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
                for target in targets:
                    if isinstance(name := target.target, cst.Name):
                        for use in _references(ctx, name, name):
                            yield from _uses(ctx, names, use, depth, seen, whole)
                    elif isinstance(parent, cst.Assign):
                        yield None, parent, whole
            return
        if isinstance(parent, (cst.Call, cst.Lambda, cst.Param, *_STATEMENTS)):
            return  # the callee of a call (`key.strip()`), or no further expression
        if isinstance(parent, cst.DictElement) and parent.value is node:
            named = string_value(parent.key) or ""
            if ENV_NAME.match(named):
                if named not in own_variables(ctx.rules):
                    yield None, parent, whole
            elif named.lower() in sdk.KEY_ENTRY_NAMES:
                yield None, parent, whole
        whole = whole and (
            isinstance(parent, cst.BooleanOperation)
            or (isinstance(parent, cst.IfExp) and node is not parent.test)
        )
        node = parent


def _references(ctx: PythonContext, binding: cst.CSTNode, name: cst.Name) -> Iterator[cst.CSTNode]:
    """The uses of what `binding` (an assignment's target Name, or a Param) binds."""
    scope = ctx.scope(name)
    if scope is None:
        return
    for assignment in scope.assignments[name.value]:
        if getattr(assignment, "node", None) is binding:
            # in the order of the text: references come in no set order, and the first
            # destination found is the one named
            for access in sorted(assignment.references, key=lambda a: ctx.span(a.node).start):
                yield access.node


def _defined_here(ctx: PythonContext, call: cst.Call) -> cst.CSTNode | None:
    """The function or class of this module that `call` calls by its name."""
    if not isinstance(call.func, cst.Name):
        return None
    bound = ctx.bindings(call.func)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    node = bound[0].node
    return node if isinstance(node, (cst.FunctionDef, cst.ClassDef)) else None


def _parameters(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> list[cst.Param]:
    """The parameter of this module's function (or class's `__init__`) that `arg` fills."""
    defined = _defined_here(ctx, call)
    if defined is None or arg.star:
        return []
    skip = 0
    if isinstance(defined, cst.ClassDef):
        defined = next(
            (
                s
                for s in defined.body.body
                if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
            ),
            None,
        )
        skip = 1
    if not isinstance(defined, cst.FunctionDef):
        return []
    params = [*defined.params.posonly_params, *defined.params.params][skip:]
    if arg.keyword is not None:
        everything = [*params, *defined.params.kwonly_params]
        return [p for p in everything if p.name.value == arg.keyword.value]
    index = next(i for i, a in enumerate(call.args) if a is arg)
    if any(a.keyword is not None or a.star for a in call.args[:index]):
        return []
    return [params[index]] if index < len(params) else []
