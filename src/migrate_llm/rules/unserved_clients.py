"""A client whose every request is to an API the target does not serve (ML001 leaves it).

Pointed at the provider, such a client would fail on each of its requests (a moderation-only
client on Zhipu, an embeddings-only or transcription-only client on Moonshot), and the OpenAI
key setting it reads may by then hold the provider's key. So `apply` leaves it as it is, on
OpenAI, where the module shows every request made through it: the client is bound to one name
or `self.` attribute (or is the receiver itself), and every read of it is the receiver of an
SDK request (`client.moderations.create(...)`). A client passed on, returned, aliased, read
otherwise, or whose requests include one to an API the provider serves, is not one. Each
request counts under the API its arguments put it on (`structured_requests.request_surfaces`):
an upload with `purpose="assistants"` is the Assistants API's (t55g's assistant-flask).
An Azure client is one too where its key stays Azure's (none, written in the code, or read
from a variable other than the provider's: `_azure_key_stays`): ML002 leaves it on Azure
OpenAI (t64c: vocode's embeddings-only `AsyncAzureOpenAI` had been made a Moonshot client).

openai's module-level client, configured by the module (`openai.api_key = os.getenv(
"OPENAI_API_KEY")`), is one where every request the module makes through it is to such an
API and every key it sets is OpenAI's own (a read of its key variable, a literal):
quivr-whisper's app.py calls only `openai.audio.transcriptions` and `openai.audio.speech`
(t55d D2). ML103 then leaves its settings, and ML401 the read they hold. A request another
module makes through it is not seen from here.
"""

from __future__ import annotations

from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.rules.class_keys import class_key
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.model_reach import holder_of, reads_of
from migrate_llm.rules.project_calls import own_method
from migrate_llm.rules.python_context import PythonContext, self_attribute
from migrate_llm.rules.settings_holds import embeddings_fields
from migrate_llm.rules.structured_requests import request_surfaces


def unserved_only(ctx: PythonContext, call: cst.Call) -> tuple[str, ...] | None:
    """The APIs (`[supports]` surfaces, in the order of the text) of the requests made
    through the client `call` constructs, where each is one the target marks false and the
    module shows them all (see the module's docstring); None otherwise. Worked out once per
    construction."""
    found = cast("dict[int, tuple[str, ...] | None]", ctx.analyses.setdefault(unserved_only, {}))
    if id(call) not in found:
        found[id(call)] = _unserved_only(ctx, call)
    return found[id(call)]


def _unserved_only(ctx: PythonContext, call: cst.Call) -> tuple[str, ...] | None:
    provider = ctx.rules.provider
    client = ctx.constructed_client(call)
    if provider is None or not ctx.rules.switching or client is None:
        return None
    if not (_azure_key_stays(ctx, call) if client.azure else _reads_openai_key(ctx, call)):
        return None
    holder = holder_of(ctx, call)
    if holder is None:
        reads: list[cst.CSTNode] = [call]  # `OpenAI().moderations.create(...)`
    elif isinstance(holder, cst.Name) or (
        isinstance(holder, cst.Attribute) and self_attribute(holder)
    ):
        reads = reads_of(ctx, holder)
    else:
        return None
    surfaces: list[str] = []
    for read in reads:
        if _rebinds(ctx, read):
            continue  # `self.client = AzureOpenAI(...)` on another path: its own requests
        surface = _request_surface(ctx, read, call)
        if surface is None:
            return None
        if provider.support(surface) is not False:
            surface = _unserved_model(ctx, read) if surface == "audio" else None
            if surface is None:
                return None
        if surface not in surfaces:
            surfaces.append(surface)
    return tuple(surfaces) or None


def _reads_openai_key(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the client `call` constructs reads OpenAI's key variable itself: given no key
    (the SDK reads OPENAI_API_KEY), a key written in the code (ML004's), or a read of one of
    OpenAI's key variables. A key the program hands it (a setting, a constant of another module, a
    field) may hold the provider's key after apply (ML401 switches what it reads), which a
    client left on OpenAI would send there (DocsGPT's `settings.OPENAI_API_KEY`,
    gpt-discord-bot's `constants.OPENAI_API_KEY`): such a client is rewritten as any other,
    unless it is a field of the module's embeddings configuration, which ML401 leaves on
    OpenAI where the provider serves no embeddings (`settings_holds.embeddings_fields`), or
    `self.get_key()` in a class declaring OpenAI's key variable as its own (`class_keys`):
    apply cannot move that key."""
    from migrate_llm.rules.clients import setting  # imported here: clients imports this module

    return _openai_key(ctx, setting(ctx, call, "api_key"))


def _openai_key(ctx: PythonContext, key: cst.BaseExpression | None) -> bool:
    """`_reads_openai_key` of the key a client is given: also `a or b` where each side is one
    (vocode's `api_key or os.getenv("OPENAI_API_KEY")`, the caller's key or OpenAI's)."""
    from migrate_llm.rules.clients import UNKNOWN_SETTING, env_var_read, passed_keys

    if isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or):
        return _openai_key(ctx, key.left) and _openai_key(ctx, key.right)
    if key is None or isinstance(key, cst.SimpleString | cst.ConcatenatedString):
        return True  # the SDK's read of OPENAI_API_KEY; a key written in the code
    if isinstance(key, cst.Attribute) and key.attr.value in embeddings_fields(ctx):
        return True  # a field of an embeddings configuration ML401 leaves (`settings_holds`)
    if key is not UNKNOWN_SETTING and any(class_key(ctx, p) for p in passed_keys(ctx, key)):
        return True  # `self.get_key()` of a class declaring OPENAI_API_KEY (`class_keys`)
    if key is not UNKNOWN_SETTING and _handed(ctx, key):
        return True  # the caller's key: `self.api_key = api_key` (t63d)
    read = env_var_read(ctx, key) if key is not UNKNOWN_SETTING else None
    return read is not None and read[0] in key_variables(ctx)


def _azure_key_stays(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether the Azure client `call` constructs keeps its own key where apply leaves it:
    given none (the SDK reads AZURE_OPENAI_API_KEY), a key written in the code, a read of an
    environment variable other than the target's key variable (`os.getenv("MY_AZURE_KEY")`),
    or what `_reads_openai_key` accepts. A key the program hands it leaves it in any case
    (ML002's manual finding, `azure_key_left`)."""
    from migrate_llm.rules.clients import UNKNOWN_SETTING, env_var_read, setting

    provider = ctx.rules.provider
    key = setting(ctx, call, "api_key")
    read = env_var_read(ctx, key) if key is not None and key is not UNKNOWN_SETTING else None
    if read is not None and provider is not None and read[0] != provider.api_key_env:
        return True
    return _reads_openai_key(ctx, call)


def _handed(ctx: PythonContext, key: cst.BaseExpression) -> bool:
    """Whether the key is the one the caller hands the function or class: a parameter, or
    `self.X` its class sets from a parameter and otherwise only from environment reads (of
    OpenAI's key variables, which ML401 leaves where they go to a client left on OpenAI, or of
    the program's own) or from a method of the class returning `self.X` (llmware's
    `self.api_key = self._get_api_key()`). A caller of the project handing it a read of
    OPENAI_API_KEY has that read left too (`callee_keys`); any other keeps its OpenAI key
    on OpenAI."""
    values = ctx.self_values(cast(cst.Attribute, key)) if self_attribute(key) else [key]
    if not values or not any(_parameter(ctx, v) for v in values):
        return False
    return all(
        _parameter(ctx, v) or _environment_read(ctx, v) or _returns(ctx, v, key) for v in values
    )


def _environment_read(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` reads an environment variable other than the target's key variable
    (`os.environ.get(env_var)`, `os.environ["OPENAI_API_KEY"]`)."""
    from migrate_llm.rules.clients import env_var_read

    read = env_var_read(ctx, value)
    provider = ctx.rules.provider
    if read is not None:
        return provider is None or read[0] != provider.api_key_env
    if isinstance(value, cst.Subscript):
        return "os.environ" in ctx.qualnames(value.value)
    return isinstance(value, cst.Call) and bool(ctx.qualnames(value.func) & sdk.ENV_READERS)


def _returns(ctx: PythonContext, value: cst.BaseExpression, attr: cst.BaseExpression) -> bool:
    """Whether `value` calls a method of the class holding it (`self.m()`) whose every
    `return` gives the attribute `attr` (`return self.api_key`)."""
    method = own_method(ctx, value) if isinstance(value, cst.Call) else None
    if method is None or not isinstance(attr, cst.Attribute):
        return False
    returned = [n for n in ctx.nodes if type(n) is cst.Return and method in ctx.ancestors(n)]
    return bool(returned) and all(
        r.value is not None
        and self_attribute(r.value)
        and cast(cst.Attribute, r.value).attr.value == attr.attr.value
        for r in returned
    )


def _parameter(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a name bound only to a parameter of its function."""
    bound = ctx.bindings(value) if isinstance(value, cst.Name) else set()
    return bool(bound) and all(
        isinstance(b, Assignment) and isinstance(b.node, cst.Param) for b in bound
    )


def _rebinds(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is the target of an assignment of a client construction (another
    binding of the same `self.` attribute), not a read."""
    above = ctx.ancestors(node)
    parent = above[-2] if len(above) > 1 and isinstance(above[-1], cst.AssignTarget) else None
    return (
        isinstance(parent, cst.Assign)
        and isinstance(parent.value, cst.Call)
        and ctx.constructed_client(parent.value) is not None
    )


def _request_of(ctx: PythonContext, read: cst.CSTNode) -> cst.Call | None:
    """The call `read` is the receiver of (`read.moderations.create(...)`), or None."""
    node, above = read, list(ctx.ancestors(read))
    while above and isinstance(above[-1], cst.Attribute) and above[-1].value is node:
        node = above.pop()
    request = above[-1] if above else None
    return request if isinstance(request, cst.Call) and request.func is node else None


def _request_surface(ctx: PythonContext, read: cst.CSTNode, client: cst.Call) -> str | None:
    """The API of the SDK request `read` is the receiver of (`read.moderations.create(...)`),
    one made through `client`; None where `read` is anything else."""
    request = _request_of(ctx, read)
    if request is None:
        return None
    info = ctx.sdk_call(request)
    sources = ctx.request_clients(request)
    if info is None or info.kind != "client" or sources is None:
        return None
    if all(s is not client for s in sources):  # `self.client` of another class, say
        return None
    return request_surfaces(ctx, request, info)[0]


def _unserved_model(ctx: PythonContext, read: cst.CSTNode) -> str | None:
    """For the audio request `read` is the receiver of, whose model= is a literal the module
    writes (`tts-1`, a default, a constant): what that model is where the target takes no
    request for it (`RuleContext.unserved_audio`: "text-to-speech" on Zhipu, which names no
    such model), as ML201/ML202 say to keep it on OpenAI; else None."""
    from migrate_llm.rules.models import model_args, sent_literal  # it imports this module

    request = _request_of(ctx, read)
    info = ctx.sdk_call(request) if request is not None else None
    args = model_args(request, info) if request is not None and info is not None else []
    if len(args) != 1:
        return None
    resolved, _ = sent_literal(ctx, args[0].value)
    return ctx.rules.unserved_audio(resolved[1]) if resolved is not None else None


def module_client_unserved(ctx: PythonContext) -> tuple[str, ...] | None:
    """The APIs (`[supports]` surfaces, in the order of the text) of the requests the module
    makes through openai's module-level client, where each is one the target marks false and
    each `openai.api_key = ...` of the module sets OpenAI's own key (see the module's
    docstring); None otherwise. Worked out once per module."""
    found = ctx.analyses.get(module_client_unserved)
    if found is None:
        found = ctx.analyses[module_client_unserved] = [_module_client_unserved(ctx)]
    return cast("list[tuple[str, ...] | None]", found)[0]


def _module_client_unserved(ctx: PythonContext) -> tuple[str, ...] | None:
    from migrate_llm.rules.clients import env_var_read

    provider = ctx.rules.provider
    index = ctx.index
    if provider is None or not ctx.rules.switching or index.uses_legacy:
        return None
    keys = [assign.value for attr, assign in index.config_assigns if attr == "api_key"]
    for key in keys:
        read = env_var_read(ctx, key)
        literal = isinstance(key, cst.SimpleString | cst.ConcatenatedString)
        if not literal and (read is None or read[0] not in key_variables(ctx)):
            return None
    surfaces: list[str] = []
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        info = ctx.sdk_call(node)
        if info is None or info.kind != "module":
            continue
        surface = request_surfaces(ctx, node, info)[0]
        if provider.support(surface) is not False:
            return None
        if surface not in surfaces:
            surfaces.append(surface)
    return tuple(surfaces) or None
