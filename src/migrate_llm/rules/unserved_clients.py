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

from migrate_llm.rules.class_keys import class_key
from migrate_llm.rules.env_roles import key_variables
from migrate_llm.rules.model_reach import holder_of, reads_of
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
    if provider is None or not ctx.rules.switching or not _reads_openai_key(ctx, call):
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
        if surface is None or provider.support(surface) is not False:
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
    # imported here: clients imports this module
    from migrate_llm.rules.clients import UNKNOWN_SETTING, env_var_read, passed_keys, setting

    key = setting(ctx, call, "api_key")
    if key is None or isinstance(key, cst.SimpleString | cst.ConcatenatedString):
        return True  # the SDK's read of OPENAI_API_KEY; a key written in the code
    if isinstance(key, cst.Attribute) and key.attr.value in embeddings_fields(ctx):
        return True  # a field of an embeddings configuration ML401 leaves (`settings_holds`)
    if key is not UNKNOWN_SETTING and any(class_key(ctx, p) for p in passed_keys(ctx, key)):
        return True  # `self.get_key()` of a class declaring OPENAI_API_KEY (`class_keys`)
    read = env_var_read(ctx, key) if key is not UNKNOWN_SETTING else None
    return read is not None and read[0] in key_variables(ctx)


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


def _request_surface(ctx: PythonContext, read: cst.CSTNode, client: cst.Call) -> str | None:
    """The API of the SDK request `read` is the receiver of (`read.moderations.create(...)`),
    one made through `client`; None where `read` is anything else."""
    node, above = read, list(ctx.ancestors(read))
    while above and isinstance(above[-1], cst.Attribute) and above[-1].value is node:
        node = above.pop()
    request = above[-1] if above else None
    if not isinstance(request, cst.Call) or request.func is not node:
        return None
    info = ctx.sdk_call(request)
    sources = ctx.request_clients(request)
    if info is None or info.kind != "client" or sources is None:
        return None
    if all(s is not client for s in sources):  # `self.client` of another class, say
        return None
    return request_surfaces(ctx, request, info)[0]


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
