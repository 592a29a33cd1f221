"""What the environment rules (ML401, ML402, ML404) ask of one read or name of an OpenAI
variable: whether it is the program's own setting, set by the module, named by a literal of
its own, a removal, sent by a raw request whose key is not traced, kept for a use of the
name elsewhere; and the edit renaming it."""

from __future__ import annotations

import os
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit
from migrate_llm.raw_key_callers import RawKeyCaller
from migrate_llm.rules.env_names import EnvAccess, EnvNames, NameSource, env_names
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.framework_args import owns_key
from migrate_llm.rules.guarded_features import guarded_feature
from migrate_llm.rules.python_context import ENV_NAME, PythonContext, last_name, string_value
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.rewrite import requote


def own_setting(name: str) -> bool:
    """Whether an `OPENAI_*` variable is the program's own setting (`OPENAI_TIMEOUT`): neither
    the openai SDK nor a library the tables know reads it, and its name speaks of no key,
    endpoint, account or model (`sdk.OPENAI_VALUE_WORDS`). It works the same on any server."""
    return (
        name not in sdk.SDK_ENV_VARS
        and name not in sdk.KEY_VARS_TO_SWITCH
        and name not in sdk.BASE_URL_VARS_TO_SWITCH
        and not set(name.split("_")) & sdk.OPENAI_VALUE_WORDS
        and not names_model(name)
    )


def names_model(name: str) -> bool:
    """Whether a variable's name speaks of a model, an engine or a deployment, also inside a
    word (`OPENAI_EMBEDDINGMODEL_DEPLOYMENTID`): its value is OpenAI's or Azure's model."""
    return any(
        word.startswith(model) or word.endswith(model)
        for word in name.split("_")
        for model in sdk.OPENAI_MODEL_WORDS
    )


def model_requests(ctx: PythonContext, access: EnvAccess) -> list[cst.Call]:
    """The SDK requests that take the value of a read as their model (`model=`, or the
    `engine=`/`deployment_id=` of an openai<1.0 call, which ML304 renames so), directly or
    through names and the module's functions (`model_reach`), and that apply does not leave
    on OpenAI or Azure OpenAI: after apply the value is sent to the provider as its model."""
    # model_reach imports the client rules, which import this module's callers
    from migrate_llm.rules.model_reach import kept_client, requests_given

    return [
        call
        for call in requests_given(ctx, access.node)
        if ctx.sdk_call(call) is not None and kept_client(ctx, call) is None
    ]


def written(names: EnvNames, source: NameSource) -> bool:
    """Whether the module sets the variable `source` names to something other than what a
    person types at run time (such a name stays OpenAI's: see ML404)."""
    return any(
        a.kind == "write" and names.is_prompt(a.value) is None
        for a in names.by_source.get(id(source.node), ())
    )


def direct_source(names: EnvNames, access: EnvAccess) -> NameSource | None:
    """The OpenAI variable an access names by a literal of its own
    (`os.getenv("OPENAI_API_KEY")`), not through a constant, a loop or a dict."""
    sources = names.openai_sources(access)
    if len(sources) == 1 and not sources[0].via and len(access.sources) == 1:
        return sources[0]
    return None


def removes_variable(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> bool:
    """Whether an access removes the variable: `os.environ.pop(...)` (which reads it too) or
    `del os.environ[...]`. ML401 never renames it: it would remove the provider's variable
    (aider's tests deleted DEEPSEEK_API_KEY, which they never set: KeyError)."""
    if isinstance(node, cst.Call):
        return bool(ctx.qualnames(node.func) & sdk.ENV_REMOVERS)
    held = names.parent(node)
    if isinstance(held, cst.Element):  # `del os.environ[A], os.environ[B]`
        held = names.parent(names.parent(held) or held)
    return isinstance(node, cst.Subscript) and isinstance(held, cst.Del)


def untraced(ctx: PythonContext, raw, names: EnvNames, access: EnvAccess) -> int:
    """The line of a raw request to OpenAI whose key the module does not trace (all of it, or
    a parameter beside a read) that this key read may reach, switched: the provider's key
    would go to OpenAI. The request in the read's own function where there is one, else the
    module's first. 0 where there is none, and for a read whose value goes only to SDK
    clients as their key (`client_key_only`: the client is rebuilt for the provider with it;
    FastChat's `chat()` beside a raw Assistants request in another function, t62a)."""
    # key_destinations builds on these facts
    from migrate_llm.rules.key_destinations import client_key_only

    if not raw.untraced or not access.names & key_variables(ctx):
        return 0
    if any(
        isinstance(a, cst.Call) and ctx.constructed_client(a) is not None
        for a in names.ancestors(access.node)
    ) or client_key_only(ctx, names, access.node):
        return 0
    function = _function_of(names, access.node)
    near = (c for c in raw.untraced_calls if _function_of(names, c) is function)
    call = next(near, None) if function is not None else None
    return names.line(call) if call is not None else raw.untraced


def handed_elsewhere(ctx: PythonContext, names: EnvNames, access: EnvAccess) -> RawKeyCaller | None:
    """The call of another module of the project (`RunFacts.raw_key_callers`) giving the
    parameter this key read is the fallback of (`api_key = api_key or os.environ[
    "OPENAI_API_KEY"]`) a read of OpenAI's key that a raw request there keeps OpenAI's (review
    r2 t2: main.py posting its key to /threads and handing it to llm.py's `chat()`); None
    otherwise. `handed_left` for a caller in another module."""
    callers = ctx.rules.facts.raw_key_callers
    if not callers or not ctx.path or not access.names & key_variables(ctx):
        return None
    path = os.path.abspath(ctx.path)
    mine = [c for c in callers if c.module == path]
    node, parent = access.node, names.parent(access.node)
    while mine and (
        isinstance(parent, cst.BooleanOperation)
        or (isinstance(parent, cst.IfExp) and parent.test is not node)
    ):
        if isinstance(parent, cst.BooleanOperation):
            for operand in (parent.left, parent.right):
                found = next((c for c in mine if _fills(ctx, operand, c)), None)
                if found is not None:
                    return found
        node, parent = parent, names.parent(parent)
    return None


def _fills(ctx: PythonContext, operand: cst.BaseExpression, caller: RawKeyCaller) -> bool:
    """Whether `caller` gives the parameter the name `operand` reads: of the top-level
    function it names, of its class's `__init__` (by keyword, or by position after `self`),
    or of its class's method (by keyword)."""
    scope = ctx.scope(operand) if isinstance(operand, cst.Name) else None
    accesses = scope.accesses[operand] if scope is not None else ()
    bound = (getattr(r, "node", None) for use in accesses for r in use.referents)
    params = [node for node in bound if isinstance(node, cst.Param)]
    for param in params:
        function = next(
            (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
        )
        if function is None:
            continue
        above = ctx.ancestors(function)[-2:]
        cls = above[0].name.value if above and isinstance(above[0], cst.ClassDef) else None
        listed = [*function.params.posonly_params, *function.params.params]
        index = next((i for i, p in enumerate(listed) if p is param), None)
        keyword, name = param.name.value, function.name.value
        if cls is None:  # `chat(api_key=key)`, `chat(key)`
            given = {("", name, keyword), ("", name, f"#{index}")}
        elif name == "__init__":  # `Gen(api_key=key)`, `Gen(key)`: after `self`
            given = {("", cls, keyword), ("", cls, f"#{(index or 0) - 1}")}
        else:  # `Gen.make(api_key=key)`
            given = {(cls, name, keyword)}
        if (caller.owner, caller.function, caller.param) in given:
            return True
    return False


def left_openai(ctx: PythonContext, raw, names: EnvNames, access: EnvAccess) -> bool:
    """Whether a key read stays OpenAI's for a raw request: one that may reach a request
    whose key the module does not trace (`untraced`), or the key of a request left as it is
    (ML403's). A client given its value keeps its URL: moved, it would send OpenAI's key to
    the provider (t62a: FastChat's `api_key = api_key or os.environ["OPENAI_API_KEY"]`)."""
    return (
        id(access.node) in raw.kept
        or bool(untraced(ctx, raw, names, access))
        or handed_left(ctx, raw, names, access) is not None
        or handed_elsewhere(ctx, names, access) is not None
    )


def handed_left(
    ctx: PythonContext, raw, names: EnvNames, access: EnvAccess
) -> tuple[EnvAccess, cst.Call, int] | None:
    """(the caller's read, its call, the line of its raw request) where a call of the module
    gives the parameter this key read is the fallback of (`api_key = api_key or
    os.environ["OPENAI_API_KEY"]`) a read of OpenAI's key that stays OpenAI's for a raw
    request (ML403's, or one whose key is not traced): the read stays too, and with it the
    client it goes to (t63 leak2: `main()` posting its key to /threads and handing it to
    `chat()`, whose client moved to Zhipu with that key). None otherwise."""
    from migrate_llm.rules.key_destinations import handed_left_key

    if not access.names & key_variables(ctx) or not (raw.kept or raw.untraced):
        return None

    def request_line(caller: EnvAccess) -> int:
        return kept_request_line(ctx, raw, names, caller)

    found = handed_left_key(ctx, names, access.node, lambda a: bool(request_line(a)))
    return (*found, request_line(found[0])) if found is not None else None


def kept_request_line(ctx: PythonContext, raw, names: EnvNames, read: EnvAccess) -> int:
    """The line of the raw request to OpenAI that keeps the key read `read` OpenAI's (ML403's
    request carrying it, or one whose key the module does not trace: `untraced`); 0 for
    none."""
    if id(read.node) in raw.kept:
        for group in raw.groups:
            for request in group.requests:
                if any(k.node is read.node for k in request.keys):
                    return names.line(request.call)
    return untraced(ctx, raw, names, read)


def _function_of(names: EnvNames, node: cst.CSTNode) -> cst.FunctionDef | None:
    return next((a for a in names.ancestors(node) if isinstance(a, cst.FunctionDef)), None)


def reads_kept(ctx: PythonContext, names: EnvNames, reads: list[EnvAccess], name: str) -> bool:
    """Whether ML401 leaves reads of `name` it would otherwise rename (`OpenAIEnvVar._left`):
    the module also sets `name` under a name computed at run time (`os.environ[f"{p.upper()}
    _API_KEY"] = key`; or another module of the project does, a key variable), which the
    renamed read would miss; or one of them tests for OpenAI's
    key before a call to an API the provider does not offer (`guarded_features`)."""
    if names.computed_write(name) is not None or other_use(ctx, name) is not None:
        return True
    if name in key_variables(ctx) and ctx.rules.facts.computed_key_written:
        return True  # another module stores it under a computed name (`computed_key_written`)
    return name in key_variables(ctx) and any(
        guarded_feature(ctx, names, read) is not None for read in reads
    )


def other_use(ctx: PythonContext, name: str) -> cst.CSTNode | None:
    """The first use of the variable's name `name` as a key of something other than the
    environment, and the expression holding it: the key of a config object's `get`/`set` (or
    any call's positional argument), of a subscript, of a dict entry, or a comparison's
    operand (shell_gpt's `Config.get` reads the environment by the key it is given, then its
    file). ML401 leaves the reads of `name` then: renamed alone, they would name another
    variable than that key (a test that it is set would skip the prompt filling it, and the
    program stop on a missing key); both change together, by hand."""
    found = ctx.analyses.get(other_use)
    if found is None:
        found = ctx.analyses[other_use] = _other_uses(ctx) if "OPENAI_" in ctx.text else {}
    return cast(dict[str, cst.CSTNode], found).get(name)


_STRINGS = frozenset({cst.SimpleString, cst.ConcatenatedString})


def _other_uses(ctx: PythonContext) -> dict[str, cst.CSTNode]:
    names, raw = env_names(ctx), raw_http(ctx)
    found: dict[str, cst.CSTNode] = {}
    for node in ctx.nodes:
        if type(node) not in _STRINGS:  # the exact types: `isinstance` goes through ABCMeta
            continue
        value = string_value(node)
        if value is None or value in found or "OPENAI_" not in value or not ENV_NAME.match(value):
            continue
        if id(node) in names.by_source or raw.holds(names, node) or names.state_entry(node):
            continue  # an environment access's name (a raw request's, session state's)
        holder = _key_holder(names, node)
        if (
            holder is not None
            and not owns_key(ctx, node, names.parent)
            and not in_message(ctx, node)
        ):
            found[value] = holder
    return found


def _key_holder(names: EnvNames, node: cst.CSTNode) -> cst.CSTNode | None:
    """The expression using the string `node` as a key (see `other_use`), if it does."""
    parent = names.parent(node)
    if isinstance(parent, cst.DictElement) and parent.key is node:
        return node
    if isinstance(parent, cst.Index):
        holder = names.parent(names.parent(parent) or parent)
        return holder if isinstance(holder, cst.Subscript) else None
    if isinstance(parent, cst.Arg) and parent.keyword is None and not parent.star:
        call = names.parent(parent)
        if isinstance(call, cst.Call) and last_name(call.func) not in sdk.SETTINGS_NAME_CALLS:
            return call
        return None
    if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
        while parent is not None and not isinstance(parent, cst.Comparison):
            parent = names.parent(parent)
        return parent
    return None


def in_message(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether a string is (part of) a message shown to people: printed, logged, raised. Not a
    string given as it is to a function of the module on the way (`print(valid(key,
    "OPENAI_API_KEY"))`: an argument of `valid()`, which the module shows using it otherwise);
    one given to a call the module does not define (`colored(...)`, `_()`) stays message text."""
    for ancestor in env_names(ctx).ancestors(node):
        if isinstance(ancestor, (cst.Raise, cst.Assert)):
            return True
        if isinstance(ancestor, cst.Call):
            func = ancestor.func
            name = last_name(func)
            if name is None:
                continue
            if isinstance(func, cst.Name) and name in sdk.MESSAGE_FUNCTIONS:
                return True
            if ctx.qualnames(func) & sdk.MESSAGE_FUNCTIONS:
                return True
            if isinstance(func, cst.Attribute) and name in sdk.MESSAGE_METHODS:
                return True
            if name.endswith(("Error", "Exception", "Warning")):
                return True
            if any(a.value is node for a in ancestor.args) and _own_function(ctx, func):
                return False  # an argument of the module's function: what it does is its own
        if isinstance(ancestor, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            return False
    return False


def _own_function(ctx: PythonContext, func: cst.BaseExpression) -> bool:
    """Whether `func` names a function the module defines (`def valid(key, kind):`)."""
    return isinstance(func, cst.Name) and any(
        isinstance(getattr(b, "node", None), cst.FunctionDef) for b in ctx.bindings(func)
    )


def rename_edit(ctx: PythonContext, node: cst.CSTNode, new: str) -> Edit | None:
    """The edit naming `new` where the string or keyword `node` names a variable."""
    if isinstance(node, cst.Name):
        return Edit(ctx.span(node), new)
    text = requote(node, new) if isinstance(node, cst.SimpleString) else None
    return Edit(ctx.span(node), text) if text else None
