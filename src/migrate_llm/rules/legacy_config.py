"""The openai<1.0 module-level configuration (`openai.api_key = ...`), which the v1 SDK
ignores or rejects."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks.gateways import Gateway, gateway_of_host
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import v0_only_import
from migrate_llm.rules.clients import (
    classify_url,
    env_var_read,
    left_key_held,
    migrated_key,
    passed_key,
    passed_keys,
    url_host,
)
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    UNSET_KEY,
    base_url_expr,
    key_expr,
    literal,
    provider_url_test,
)
from migrate_llm.rules.config_pairs import ConfigPair, config_pair, trace
from migrate_llm.rules.handed_keys import held_key, through_local
from migrate_llm.rules.legacy import every_use_moved, support_of, v1_path
from migrate_llm.rules.models import article
from migrate_llm.rules.proxy_clients import proxy_client
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, string_value, without_rstrip
from migrate_llm.rules.v0_libraries import kept_v0, v0_library_reason

_CONFIG_ADVICE = {
    "api_key": "pass api_key= to the client",
    "api_base": "pass base_url= to the client",
    "organization": "pass organization= to the client",
    "api_type": "use AzureOpenAI() for Azure, OpenAI() otherwise",
    "api_version": "pass api_version= to AzureOpenAI()",
    "proxy": "pass http_client=httpx.Client(proxy=...) to the client",
    "api_key_path": "read the key file yourself and pass api_key=",
    "requestssession": "pass http_client= to the client",
    "aiosession": "pass http_client= to the async client",
    "app_info": "remove it",
    "debug": "set OPENAI_LOG=debug instead",
}

# Where Azure's settings go (`openai.api_type = "azure"`).
_AZURE_ADVICE = {
    "api_base": "pass azure_endpoint= to AzureOpenAI()",
    "api_key": "pass api_key= to AzureOpenAI()",
}


# What to read instead of a setting openai 1.0 removed (`sdk.LEGACY_ONLY_CONFIG`), which
# raises AttributeError there; the sessions are `_session`'s.
_READ_ADVICE = {
    "api_base": "read the base URL your client is given (the module-level client's is "
    "openai.base_url, None unless set; openai<1's defaulted to OpenAI's URL)",
    "proxy": "the proxy goes to the client's http_client=",
    "api_key_path": "read the key file yourself",
    "app_info": "remove it",
    "debug": "OPENAI_LOG=debug replaces it",
}


# what each setting ML301 moves onto the clients holds
_ROLE = {"api_key": "key", "api_base": "base URL"}


def _lines(ctx: PythonContext, assigns: tuple[cst.Assign, ...]) -> str:
    """`line 6`, `line 573, line 627 and line 682`: where `assigns` stand."""
    labels = [ctx.line_label(ctx.position(a)[0][0]) for a in assigns]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _stays_on_v0(ctx: PythonContext) -> str | None:
    """Why the module keeps running on openai<1 after `apply` (it imports what openai 1.0
    removed, `v0_only_import`, whatever the target; it uses a package that runs on openai<1
    only, `v0_library_reason`, whatever the pins; or, switching provider, its project's
    requirements keep openai<1, `RunFacts.openai_v0_kept`); None elsewhere."""
    module = v0_only_import(ctx)
    if module is not None:
        return f"the module imports {module}, which openai 1.0 removed"
    library = v0_library_reason(ctx)  # the package's need, whatever the pins say (t5)
    if library is not None:
        return library
    if ctx.rules.switching and ctx.rules.facts.openai_v0_kept:
        return "the project's requirements keep openai<1 (ML504)"
    return _request_left(ctx)


def _request_left(ctx: PythonContext) -> str | None:
    """Switching provider, why a module some of whose openai<1 requests apply leaves as they
    are (a call to an API the provider lacks, `legacy.support_of`, or one with no v1 form)
    keeps the settings they are sent with: the key and the base URL go together (t62c: a base
    URL moved to the provider beside OpenAI's key, read by openai<1 at import, took that key
    there). None elsewhere."""
    if not ctx.rules.switching or not ctx.index.legacy_calls:
        return None
    for node in ctx.nodes:
        if type(node) is not cst.Call:
            continue
        legacy = ctx.called_legacy(node)
        if legacy is None:
            continue
        verdict = support_of(ctx, legacy)
        if v1_path(legacy[0], legacy[1] or "create") is None or (
            verdict is not None and verdict[0] is Severity.ERROR
        ):
            return "apply leaves some of the module's openai<1 requests on openai<1 (see ML302)"
    return None


def v1_pin_words(ctx: PythonContext, raising: str) -> str:
    """What becomes of openai<1 code apply leaves (`raising`: "those requests raise") in a
    notebook whose pip line apply moves to openai>=1 (`PythonContext.v1_pin`)."""
    return (
        f"the pip line on {ctx.v1_pin} installs openai>=1 once apply has run (ML506), where "
        f"{raising} APIRemovedInV1"
    )


def kept_for_v0(ctx: PythonContext, attr: str) -> tuple[str, str] | None:
    """Where the module keeps running on openai<1 after `apply`, for `openai.<attr>`, a
    setting of where its requests go and the key they carry (`sdk.LEGACY_ROUTE_CONFIG`):
    why (the module imports what openai 1.0 removed, `v0_only_import`, whatever the target,
    also for `scan` alone; it uses a package that runs on openai<1 only, whatever the pins;
    or, switching provider, its project's requirements keep openai<1,
    `RunFacts.openai_v0_kept`) and when `apply` deletes the line. None elsewhere."""
    rules = ctx.rules
    if attr not in sdk.LEGACY_ROUTE_CONFIG:
        return None
    module = v0_only_import(ctx)
    if module is not None:
        return (
            f"the module imports {module}, which openai 1.0 removed",
            f"replace what it uses from {module} (ML302), and apply deletes this line",
        )
    library = v0_library_reason(ctx)
    if library is not None:  # kept pins or not: the package runs on openai<1 only
        return library, _library_then(ctx, attr)
    kept = kept_v0(ctx)
    if kept is not None:  # the project requires such a package: its pins never move
        return kept.words, _library_then(ctx, attr)
    left = _request_left(ctx)
    if left is not None and not rules.facts.openai_v0_kept and ctx.v1_pin:
        return left.replace(" on openai<1 ", " as they are "), (
            "rewrite them for openai>=1 (ML302), then delete this line, by hand"
        )
    if left is not None and not rules.facts.openai_v0_kept:
        return left, (
            "keep the module's key and base URL together: OpenAI's both where those requests "
            "stay on OpenAI, or both the provider's where it serves them, by hand"
        )
    if rules.switching and rules.facts.openai_v0_kept:
        then = "once those pins move, apply deletes this line"
        if attr in sdk.SHARED_CONFIG and not any(
            a in sdk.LEGACY_ONLY_CONFIG for a, _ in ctx.index.config_assigns
        ):
            # openai>=1 has a module-level setting of that name: once apply has rewritten the
            # module's openai<1 calls, and no openai<1-only setting (`openai.api_base`) is left
            # beside it, a later run takes the line for one (ML103) and leaves it
            then = "once those pins move, delete it"
            if not requests_moved(ctx):
                then += " (the clients apply builds do not read it)"
        return "the project's requirements keep openai<1 (ML504)", then
    return None


def _library_then(ctx: PythonContext, attr: str) -> str:
    """What to do with `openai.<attr>` in a module using a package that runs on openai<1
    only: point it at the provider, which is what that package's requests carry."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return "point it at the provider's key and base URL, by hand"
    variable = {"api_key": provider.api_key_env, "api_base": provider.base_url_env}.get(attr)
    if variable is None:
        return f"delete it and set openai.api_key and openai.api_base for {provider.name}"
    other = "api_base" if attr == "api_key" else "api_key"
    return f"read it from {variable}, with openai.{other} beside it pointed at {provider.name}"


def requests_moved(ctx: PythonContext) -> bool:
    """Whether apply moves the module's openai<1 requests, all of them, onto the clients it
    builds (`legacy.every_use_moved`), which read none of the module settings: those settings
    then matter only to openai<1 code elsewhere in the program."""
    return (
        ctx.legacy_clients is not None
        and v0_only_import(ctx) is None
        and v0_library_reason(ctx) is None
        and every_use_moved(ctx)
    )


def azure_v0(ctx: PythonContext, node: cst.Assign) -> cst.Assign | None:
    """Switching to a provider other than Azure OpenAI, the module's `openai.api_type =
    "azure"` (`PythonContext.azure_config`) where `node`, a setting, stands in the same
    function as it (or both at the module's level): its openai<1 requests name Azure
    deployments (`engine=`), which the provider would be sent as models; ML301 leaves Azure's
    settings (manual), as ML002 asks for the deployments of an AzureOpenAI client to be
    mapped. None elsewhere (FastChat's `chat_completion_openai` beside its `_azure` twin)."""
    rules = ctx.rules
    if not rules.switching or rules.provider is None or rules.provider.azure is not None:
        return None
    api_type = ctx.azure_config
    if api_type is None or _function(ctx, api_type) is not _function(ctx, node):
        return None
    return api_type


def _function(ctx: PythonContext, node: cst.CSTNode) -> cst.FunctionDef | None:
    return next((a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)), None)


def key_on_clients(ctx: PythonContext, node: cst.Assign) -> tuple[str, str, str] | None:
    """Switching provider, `openai.api_key = <a key the program hands>` (a parameter, a
    setting: `passed_keys`; SuperAGI's `OpenAi.__init__(self, api_key)`) in a module whose
    openai<1 calls apply moves onto the clients it builds: (the targets, the key kept, the
    text apply writes in its place), `client.api_key = api_key or <provider's key read>` on
    every client the module uses, so that its requests carry that key as they did; the
    provider's variable where it is empty (`migrated_key`). None where the key likely holds
    OpenAI's (`left_key_held`); where the module keeps openai<1 code that reads the setting
    (`v0_only_import`, a use apply leaves: `every_use_moved`); where a client is built per
    event loop (an async one, later than this line); for Azure; where the module also sets a
    base URL of its own that the key goes with (`own_endpoint`: `init(key, base_url)`, as
    ML304 leaves a request's key beside its `api_base=`); or for a line at the module's level
    above one of its imports (the clients are built after them)."""
    if azure_v0(ctx, node) is not None:
        return None  # Azure's key: left with Azure's settings
    pair = config_pair(ctx)
    if pair is not None and any(k is node for k in pair.keys):
        return key_movable(ctx, node, paired=pair.bases[0]) if pair.left is None else None
    endpoint = own_endpoint(ctx)
    if endpoint is not None and base_on_clients(ctx, endpoint) is None:
        return None
    return key_movable(ctx, node)


def base_on_clients(ctx: PythonContext, node: cst.Assign) -> tuple[str, str, str] | None:
    """Switching provider, `openai.api_base = <a value the program sets at run time>` (a
    command-line option, a parameter, a dict it is handed: `passed_key`; FastChat's
    `--openai-api-base` for a server of your own, its `api_dict["api_base"]`) in a module whose
    openai<1 calls apply moves onto the clients it builds: (the targets, the value kept, the
    text apply writes in its place), `client.base_url = <value> or <provider's base-URL
    read>` on every client the module uses, so that its requests still go where the program
    says; the provider's URL where the value is empty. Not where the module also sets a key
    of its own that apply cannot set on the clients with it (`key_movable`: one likely
    OpenAI's), nor where `key_movable` would not move a key (a client per event loop, a line
    above an import, openai<1 code left)."""
    rules, clients = ctx.rules, ctx.legacy_clients
    provider = rules.provider
    if provider is None or not rules.switching or clients is None or clients.azure:
        return None
    if azure_v0(ctx, node) is not None:
        return None  # Azure's endpoint: left with Azure's settings
    if len(node.targets) != 1 or not passed_key(ctx, node.value) or not requests_moved(ctx):
        return None
    index = ctx.index
    if len(clients.targets) != (index.sync_legacy or not index.async_legacy) + index.async_legacy:
        return None
    if ctx.at_import(node) and not below_imports(ctx, node):
        return None
    own_keys = False
    for attr, assign in index.config_assigns:
        own_key = attr == "api_key" and passed_key(ctx, assign.value)
        if own_key and key_movable(ctx, assign) is None:
            return None  # the key the program sets goes with this URL, or neither moves
        own_keys = own_keys or own_key
    targets = " = ".join(f"{name}.base_url" for name in clients.targets)
    shown = ctx.code(node.value)
    read = base_url_expr(provider, rules.base_url or provider.base_url)
    text = f"{targets} = {_operand(node.value, shown)} or {read}"
    if not own_keys:
        # the client's key goes with the provider's URL only (`tied_key`)
        keys = " = ".join(f"{name}.api_key" for name in clients.targets)
        indent = " " * (ctx.position(node)[0][1] - 1)
        text += f"\n{indent}{keys} = {tied_key(ctx, literal(UNSET_KEY))}"
    return targets, shown, text


def tied_key(ctx: PythonContext, other: str, url: str | None = None) -> str:
    """The key of the clients apply builds, once the program sets their base URL at run time
    (`base_on_clients`), as the key tie writes it (`key_read_defaults`): the provider's where
    that URL (`url`, code; the clients' own by default) is the provider's in any spelling,
    else `other` (the stand-in the clients were built with): another server (a vLLM of the
    user's own) never gets the provider's key."""
    provider, clients = ctx.rules.provider, ctx.legacy_clients
    assert provider is not None and clients is not None
    base = ctx.rules.base_url or provider.base_url
    if url:  # the program's URL, where the provider's is used when it is empty
        test = f"not {url} or {provider_url_test(url, provider, base)}"
    else:
        test = provider_url_test(f"{clients.targets[0]}.base_url", provider, base)
    return f"({key_expr(provider, at_import=True)} if {test} else {other})"


def key_movable(
    ctx: PythonContext, node: cst.Assign, paired: cst.Assign | None = None
) -> tuple[str, str, str] | None:
    """`key_on_clients` without asking about the base URL the module sets. `paired`: the base
    URL line reading the configuration the key reads (`config_pairs.config_pair`), which
    both move with: the key kept whatever it names, and the provider's key where it is
    empty only with the provider's URL (`tied_key`: an empty key beside the file's proxy
    URL sends "unset" there, t62 fF); None where no code here names the URL the key goes
    to."""
    rules, clients = ctx.rules, ctx.legacy_clients
    provider = rules.provider
    if provider is None or not rules.switching or clients is None or clients.azure:
        return None
    if len(node.targets) != 1 or not requests_moved(ctx):
        return None
    index = ctx.index
    if len(clients.targets) != (index.sync_legacy or not index.async_legacy) + index.async_legacy:
        return None
    kept = passed_keys(ctx, node.value)
    # `key = api_key or os.environ[...]` before `openai.api_key = key` (t59f D1): the name
    # holds the key handed over, or the read ML401 points at the provider's variable
    local = not kept and paired is None and bool(kept := through_local(ctx, node.value))
    if paired is None and (not kept or left_key_held(ctx, kept) is not None):
        return None
    if local and left_key_held(ctx, [node.value]) is not None:
        return None
    at_import = ctx.at_import(node)
    if at_import and not below_imports(ctx, node):
        return None
    fallback = key_expr(provider, at_import=paired is not None or local or at_import)
    endpoint = paired or own_endpoint(ctx)
    if endpoint is not None:
        url = _url_before(ctx, node, endpoint)
        if url is None:
            return None  # no code here names the URL this key will go to
        fallback = tied_key(ctx, literal(UNSET_KEY), url or None)
    if paired is not None or local:
        shown = ctx.code(node.value)
        code = f"{_operand(node.value, shown)} or {fallback}"
    else:
        code, shown = migrated_key(ctx, node.value, fallback, tolerant=True)
    targets = " = ".join(f"{name}.api_key" for name in clients.targets)
    return targets, shown, f"{targets} = {code}"


def _url_before(ctx: PythonContext, key: cst.Assign, endpoint: cst.Assign) -> str | None:
    """The code a key line's tie compares with the provider's URL (`tied_key`): "" (the
    clients' `base_url`) where the module's base-URL line (`endpoint`) comes first; where it
    comes after, in the same function (or both at the module's level), the URL that line
    will set (`base_url or <the
    provider's>`, as `base_on_clients` writes it); else None."""
    if ctx.span(endpoint).start < ctx.span(key).start:
        return ""
    if _function(ctx, key) is not _function(ctx, endpoint):
        return None
    return _operand(endpoint.value, ctx.code(endpoint.value))


def _operand(value: cst.BaseExpression, code: str) -> str:
    """`code`, the code of `value`, as the left operand of `or`."""
    simple = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.SimpleString)
    return code if isinstance(value, simple) else f"({code})"


def own_endpoint(ctx: PythonContext) -> cst.Assign | None:
    """The first `openai.api_base = <a value the program hands>` (a parameter, a setting:
    `passed_key`; not a read naming OpenAI's variable) of the module: the endpoint a key the
    program sets goes with, which a switch deletes."""
    for attr, assign in ctx.index.config_assigns:
        if attr == "api_base" and passed_key(ctx, assign.value):
            return assign
    return None


def below_imports(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` stands below every top-level import of the module (or in a block of a
    statement that does)."""
    body = ctx.module.body
    place = {id(s): i for i, s in enumerate(body)}
    at = next((place[id(n)] for n in (*ctx.ancestors(node), node) if id(n) in place), -1)
    imports = [
        i
        for i, s in enumerate(body)
        if isinstance(s, cst.SimpleStatementLine)
        and any(isinstance(small, (cst.Import, cst.ImportFrom)) for small in s.body)
    ]
    return at > max(imports, default=-1)


def left_for_v0(ctx: PythonContext, node: cst.Assign) -> bool:
    """Whether ML301 leaves `node`, `openai.<attr> = ...`, for the openai<1 code the module
    keeps (`kept_for_v0`): what it assigns goes with that code's requests (ML401)."""
    if len(node.targets) != 1:
        return False
    attr = _legacy_setting(ctx, node.targets[0].target)
    return attr is not None and kept_for_v0(ctx, attr) is not None


def _legacy_setting(ctx: PythonContext, target: cst.BaseAssignTargetExpression) -> str | None:
    """`api_base` where `target` is `openai.api_base`, a setting of openai<1.0 (in a module
    using its API, `openai.api_key` too); None for anything else."""
    if not isinstance(target, cst.Attribute):
        return None
    for name in sorted(ctx.qualnames(target)):
        parts = name.split(".")
        if len(parts) != 2 or parts[0] != "openai":
            continue
        attr = parts[1]
        if attr in sdk.LEGACY_ONLY_CONFIG or (attr in sdk.SHARED_CONFIG and ctx.index.uses_legacy):
            return attr
    return None


class LegacyConfig(PythonRule):
    """openai<1.0 module configuration (`openai.api_key = ...`, `openai.api_base = ...`).

    ## What it does
    Finds assignments to `openai.api_base`, `api_type`, `api_version`, `organization`,
    `proxy`, `api_key_path` and, in modules that use the v0 API, `openai.api_key`. Not the
    `openai.api_base` line reading the provider's base-URL variable that ML103 writes while
    the module stays on openai<1 (its project's requirements keep it, or it imports what
    openai 1.0 removed). Also reads of the settings openai 1.0 removed (`if openai.api_base:`,
    `openai.proxy`, `api_key_path`, `app_info`, `debug`), which raise AttributeError there.

    ## Why
    openai>=1.0 ignores `api_base` and `proxy`; settings belong to a client object.

    ## Fix (safe)
    Switching provider, `apply` deletes these lines: the provider's key and base-URL
    variables replace them (`pass` keeps a block that would be left empty valid). Not Azure's:
    where the module sets `openai.api_type = "azure"` (at its level or in a function), the
    `api_type`, `api_base`, `api_version` and `api_key` lines there are left (manual), as
    ML002 asks for an AzureOpenAI client's deployments to be mapped: the requests name a
    deployment (`engine=`), which the provider's client would be sent as its model (t62a:
    deleted "safe", FastChat's deployment went to Zhipu with check green). An `api_base`
    naming a server of no provider (a proxy, a gateway, a local model server) is deleted as
    review: requests then
    go to the provider's base URL, and the message names the variable that sends them
    through that server again. Not for the gateway of another service (Portkey, Helicone:
    `frameworks.gateways`): the provider's key would go there. While headers go with the
    requests (the gateway's own, written in the module, or a request's `headers=` /
    `extra_headers=`, a client's `default_headers=`), that line is left to a person (manual,
    a warning): the headers, the gateway's key among them, would go to the provider. A key
    the program hands the module (`openai.api_key = api_key` in a wrapper's `__init__`:
    t50i N3, SuperAGI's `OpenAi(api_key)`), where apply moves every openai<1 call of the
    module onto the clients it builds (`legacy.every_use_moved`), is set on them instead
    (`key_on_clients`: `client.api_key = api_key or <the provider's key read>`, review: it
    must be the provider's key, as ML304 keeps a request's `api_key=`), also while the
    project's requirements keep openai<1, and also through a local name bound to it (`key =
    api_key or os.environ["OPENAI_API_KEY"]` before `openai.api_key = key`, the read ML401
    points at the provider's variable; t59f D1); not where an async client is built per event
    loop, or the module also sets a base URL of its own the key goes with (`own_endpoint`).
    Where that key likely holds OpenAI's (`clients.left_key_held`: LangChain 0.0.61's
    `openai.api_key = openai_api_key` in its classes' validators) and the line stands in a
    function (per instance or call), the line is left, an error (manual): deleted, the
    instance's key would be silently lost (the clients read the provider's variable once, at
    import), and moved, OpenAI's key could go to the provider; once apply has rewritten the
    module's calls, ML103 keeps reporting it. A base URL the program sets at run time (a
    command-line option, a parameter, a setting, a dict it is handed: FastChat's
    `--openai-api-base`, `api_dict["api_base"]`) is never deleted (t62a: its requests then
    went to the provider, check green): where the module's openai<1 calls all move onto the
    clients apply builds, it is set on them (`base_on_clients`: `client.base_url = <value>
    or <provider's base-URL read>`, review), with a key the program sets beside it
    (`client.api_key = ...`); else it is left (manual), and so is that key line. A key the
    program sets from its own configuration that is not so kept is deleted as review: the
    message says that value is no longer read. A base URL and a key read from one
    configparser object (`config_pairs.config_pair`: ChatPaper's `openai.api_base =
    config.get('OpenAI', 'OPENAI_API_BASE')` beside `openai.api_key = keys[0]`, `keys` split
    from the same file) move onto the clients together (review: `client.base_url =
    config.get(...) or <provider's base-URL read>`, `client.api_key = keys[0] or (<provider's
    key read> if <that URL> is the provider's else "unset")`: an empty key entry beside the
    file's proxy URL never sends the provider's key there) where each reads that configuration
    alone, the base URL is set once, below the
    imports, and apply can set each key line on the clients; else both are left (manual, each
    naming the other's lines and why): one moved alone sends the file's key to the provider or
    the provider's key to the file's URL (t53c D1). Modernising only
    (`--provider openai`), a module's own settings made once after its imports move into its
    client's constructor: `openai.api_type = "azure"` with `api_base` (and `api_version`) builds
    `AzureOpenAI(azure_endpoint=..., api_key=..., api_version=...)`, the deployment staying
    the `model=` of each call. A setting made later (in an `init(key)` function, under an
    `if`, from a value defined further down) becomes a setting of a client built on first
    use by a cached `_client()` function, so that importing the module never needs the key,
    as with openai<1.0. In a settings module without calls, they become the v1 module
    settings (`openai.api_base` -> `openai.base_url`) that the other modules' clients read.
    `openai.proxy` is left for you, with the exact `http_client=` to write: httpx's `proxy=`
    takes one URL, so a dict of proxies by scheme (`{"http": p, "https": p}`) becomes
    `httpx.Client(proxy=p)` where every scheme has the same one, else `mounts=` with an
    `httpx.HTTPTransport(proxy=...)` per URL prefix (the dict itself raises AttributeError
    when httpx builds the client); a value that may be either is named with both; the async
    client of a module calling `acreate` takes `httpx.AsyncClient` instead. Switching
    provider, a read of `openai.api_base` becomes the provider's base-URL read (review: the
    base URL of the clients apply builds, as the deleted settings lines are replaced); the
    other removed settings read, and any with `--provider openai`, are left for you.

    In a module that keeps running on openai<1 after `apply`, because it imports what openai
    1.0 removed (`openai_sdk.V0_ONLY_MODULES`: `from openai.embeddings_utils import
    get_embedding`, whatever the target) or, switching provider, because its project's
    requirements keep openai<1 (`RunFacts.openai_v0_kept`, ML504), the settings of where its
    requests go and the key they carry (`api_key`, `api_key_path`, `api_base`, `api_type`,
    `api_version`: `openai_sdk.LEGACY_ROUTE_CONFIG`) are left (manual): deleted, that code's
    requests would go to api.openai.com with OPENAI_API_KEY (Azure's lines included). Once
    the module no longer needs openai<1, `apply` deletes them; but a setting openai>=1 also
    has (`api_key`, `api_type`, `api_version`) with no openai<1-only one (`api_base`) beside
    it is, once apply has rewritten the module's calls, taken for the v1 module client's
    (ML103): for the pins, its message says to delete it once they move. ML401 leaves a key
    read assigned to one of them, and a base-URL read (`OPENAI_API_BASE`, OpenAI's URL)
    assigned to a kept `openai.api_base` while the key openai<1 sends with it is not read from
    the provider's variable (none set: OPENAI_API_KEY, read at import): renamed alone, it
    would take OpenAI's key to the provider.
    A module using a package that runs on openai<1 only (`frameworks.pins.
    OPENAI_V0_LIBRARIES`: GPTCache's `gptcache.adapter.openai`, `gptcache.embedding.OpenAI`,
    `cache.set_openai_key()`; t62c) is kept the same way, whatever the project's
    requirements say: that package sends its requests with these settings, and so does the
    module's own openai<1 code, which apply leaves there (ML302; t63); so is, switching
    provider, a module of a project requiring such a package (`RunFacts.
    openai_v0_libraries`). Its lines read from the
    provider's variables (a person's fix: `openai.api_key = os.environ["DEEPSEEK_API_KEY"]`,
    `openai.api_base = os.environ.get("DEEPSEEK_BASE_URL", ...)`) are not reported; others are
    left (manual) with the provider's variable to read, and ML103 writes
    `openai.api_base` beside a key line it points at the provider. So is, switching provider,
    a module some of whose openai<1 requests apply leaves on openai<1 (a call to an API the
    provider lacks, `legacy.every_use_moved`: GPTCache's `openai.Embedding.create(...,
    api_base=self.api_base)` for DeepSeek), with its reads of `openai.api_base`: deleting
    `openai.api_key = api_key` while its base URL moved to the provider sent OPENAI_API_KEY
    there; the key and the base URL stay together.

    The sessions openai<1.0 kept in context variables, used as such
    (`openai.aiosession.set(ClientSession())`, `openai.aiosession.get().close()`), are
    reported wherever they are used, and left for you: `openai.aiosession` no longer exists
    (`AttributeError`), and a v1 client makes its own session (`http_client=` passes one).
    """

    code = "ML301"
    name = "legacy-config"
    category = "legacy"
    severity = Severity.ERROR
    fix = FixClass.SAFE
    examples = (
        Example(
            'import openai\nopenai.api_base = "https://api.openai.com/v1"\n',
            message="openai.api_base is openai<1.0 configuration; pass base_url= to the client",
        ),
        # t63: its own openai<1 calls stay beside it, sent with the same settings
        Example(
            "import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
            'r = openai.ChatCompletion.create(model="deepseek-flash", messages=m)\n',
            finds=False,
            provider="deepseek",
        ),
        # t62c: GPTCache's adapter sends its requests with openai<1's settings
        Example(
            "import os\n\nimport openai\nfrom gptcache.adapter import openai as cached\n\n"
            'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
            'openai.api_base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n',
            finds=False,
            provider="deepseek",
        ),
        Example(
            "import openai\nfrom gptcache.adapter import openai as cached\n\n"
            "openai.api_base = BASE\n",
            message="openai.api_base is openai<1.0 configuration; pass base_url= to the client; "
            "apply leaves it while the module uses gptcache.adapter.openai, which runs on "
            "openai<1 only (frameworks/pins.py): openai<1 sends the module's requests with this "
            "setting (without it, to OpenAI's defaults: api.openai.com, OPENAI_API_KEY); read it "
            "from DEEPSEEK_BASE_URL, with openai.api_key beside it pointed at DeepSeek",
            provider="deepseek",
        ),
        # t59c D2: pandas-ai's proxy for both schemes
        Example(
            'import openai\np = "http://127.0.0.1:3128"\nopenai.proxy = {"http": p, "https": p}\n',
            message="openai.proxy is openai<1.0 configuration; pass "
            "http_client=httpx.Client(proxy=p) to the client instead",
        ),
        Example(
            'import openai\nopenai.api_key = key\nopenai.ChatCompletion.create(model="gpt-4")\n'
        ),
        Example(
            'import openai\nopenai.api_base = "https://acme.openai.azure.com/"\n'
            'openai.api_type = "azure"\nopenai.api_version = "2023-05-15"\n'
            'openai.Completion.create(engine="acme-deployment", prompt="hi")\n',
            message="openai.api_base is openai<1.0 configuration; pass azure_endpoint= to "
            "AzureOpenAI()",
            provider="openai",
            after="import os\n\nimport openai\n\nclient = openai.AzureOpenAI(\n"
            '    azure_endpoint="https://acme.openai.azure.com/",\n'
            '    api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
            '    api_version="2023-05-15",\n)\n'
            'openai.Completion.create(engine="acme-deployment", prompt="hi")\n',
        ),
        Example(
            "import openai\n\n\ndef init(key):\n    openai.api_key = key\n\n\n"
            "def ask(m):\n    return openai.ChatCompletion.create(model=m, messages=[])\n",
            provider="openai",
            after="import functools\nimport os\n\nimport openai\n\n\n"
            "@functools.lru_cache(maxsize=None)\ndef _client():\n"
            "    return openai.OpenAI(\n"
            '        api_key=openai.api_key or os.environ.get("OPENAI_API_KEY", "unset"),\n'
            "        base_url=openai.base_url,\n        organization=openai.organization,\n"
            "    )\n\n\ndef init(key):\n    _client().api_key = key\n\n\n"
            "def ask(m):\n    return openai.ChatCompletion.create(model=m, messages=[])\n",
        ),
        Example(
            'import openai\nopenai.api_type = "azure"\n'
            'openai.api_base = "https://acme.openai.azure.com/"\n'
            'openai.ChatCompletion.create(engine="acme-large", messages=[])\n',
            provider="acme",
            message="openai.api_type is openai<1.0 configuration for Azure OpenAI, whose "
            "requests name a deployment (engine=), not a model: apply moves them onto a client "
            "for Acme Cloud, which would be sent each deployment name as its model, and leaves "
            "this line and Azure's settings beside it (line 3); map each deployment to an Acme "
            "Cloud model (as ML002 asks of an AzureOpenAI client), then delete these lines, by "
            "hand",
            after='import openai\nopenai.api_type = "azure"\n'
            'openai.api_base = "https://acme.openai.azure.com/"\n'
            'openai.ChatCompletion.create(engine="acme-large", messages=[])\n',
        ),
        # t62a: a base URL chosen at run time (a server of your own) goes to the client
        Example(
            "import openai\n\n\ndef ask(m, base=None):\n"
            "    if base:\n        openai.api_base = base\n"
            "    return openai.ChatCompletion.create(model=m, messages=[])\n",
            provider="acme",
            message="openai.api_base is openai<1.0 configuration; the clients of openai>=1 do not "
            "read it: apply sets the base URL your code sets (`base`) on the client it builds "
            "instead (client.base_url = ...), with ACME_BASE_URL when it is empty: it must name "
            "Acme Cloud's base URL or a server of your own, which then gets the key your code "
            'sets, else "unset": ACME_API_KEY goes only with Acme Cloud\'s URL (client.api_key '
            "= ... if ... else ...)",
            after="import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n\n\ndef ask(m, base=None):\n"
            "    if base:\n"
            "        client.base_url = base or os.environ.get(\n"
            '            "ACME_BASE_URL", "https://api.acme.example/v1"\n'
            "        )\n"
            "        client.api_key = (\n"
            '            os.environ.get("ACME_API_KEY", "unset")\n'
            '            if str(client.base_url).rstrip("/").lower()\n'
            "            in (\n"
            '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            '                "https://api.acme.example/v1",\n'
            "            )\n"
            '            else "unset"\n'
            "        )\n"
            "    return openai.ChatCompletion.create(model=m, messages=[])\n",
        ),
        Example(
            'import openai\nopenai.api_base = "http://10.0.0.5:3000/v1"\n',
            provider="acme",
            message="openai.api_base points at http://10.0.0.5:3000/v1, not OpenAI (openai<1.0 "
            "configuration): apply deletes it and the client goes to Acme Cloud's base URL; to "
            "keep going through that server, set ACME_BASE_URL to its URL for Acme Cloud",
            after="import openai\n",
        ),
        Example(
            'import openai\nopenai.api_base = "https://api.portkey.ai/v1"\n'
            'openai.ChatCompletion.create(model="gpt-4", messages=[], headers=h)\n',
            provider="acme",
            message="openai.api_base points at https://api.portkey.ai/v1, Portkey's gateway, not "
            "OpenAI (openai<1.0 configuration); the requests carry headers for Portkey "
            "(`headers=h` on line 3), which go with them to Acme Cloud once the client is "
            "pointed there, Portkey's key among them (openai>=1.0 does not read this line): "
            "take them out of the requests, then delete this line, by hand; ACME_BASE_URL "
            "must not be set to Portkey's URL: it would take Acme Cloud's key to Portkey, which "
            "passes requests on to the service its URL or headers name",
        ),
        # t44g: generative-ai-for-beginners' lesson 08 embeddings script, on Azure
        Example(
            "import openai\nfrom openai.embeddings_utils import get_embedding\n"
            'openai.api_type = "azure"\nopenai.api_base = "https://acme.openai.azure.com/"\n'
            'v = get_embedding("hi", engine="ada-deployment")\n',
            provider="acme",
            message="openai.api_type is openai<1.0 configuration; use AzureOpenAI() for Azure, "
            "OpenAI() otherwise; apply leaves it while the module imports "
            "openai.embeddings_utils, which openai 1.0 removed: openai<1 sends the module's "
            "requests with this setting (without it, to OpenAI's defaults: api.openai.com, "
            "OPENAI_API_KEY); replace what it uses from openai.embeddings_utils (ML302), and "
            "apply deletes this line",
            after="import openai\nfrom openai.embeddings_utils import get_embedding\n"
            'openai.api_type = "azure"\nopenai.api_base = "https://acme.openai.azure.com/"\n'
            'v = get_embedding("hi", engine="ada-deployment")\n',
        ),
        # t50i N3: SuperAGI's OpenAi(api_key), the key from its database
        Example(
            "import openai\n\n\nclass Llm:\n    def __init__(self, api_key):\n"
            "        openai.api_key = api_key\n\n    def chat(self, m):\n"
            '        return openai.ChatCompletion.create(model="acme-large", messages=m)\n',
            provider="acme",
            message="openai.api_key is openai<1.0 configuration; the clients of openai>=1 do "
            "not read it: apply sets the key your code sets (`api_key`) on the client it builds "
            "instead (client.api_key = ...), with ACME_API_KEY when it is empty: it must be an "
            "Acme Cloud key",
            after="import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n\n'
            "class Llm:\n    def __init__(self, api_key):\n"
            '        client.api_key = api_key or os.environ.get("ACME_API_KEY", "unset")\n\n'
            "    def chat(self, m):\n"
            '        return openai.ChatCompletion.create(model="acme-large", messages=m)\n',
        ),
        # t59f D1: LangChain 0.0.61's OpenAIEmbeddings, its key given as `openai_api_key`
        Example(
            "import openai\n\n\nclass Emb:\n    def __init__(self, openai_api_key):\n"
            "        openai.api_key = openai_api_key\n        self.client = openai.Embedding\n",
            provider="acme",
            message="openai.api_key is openai<1.0 configuration, set here from the key your code "
            "hands over (`openai_api_key`, per instance or call): the client apply builds "
            "(openai_client) reads ACME_API_KEY once, not this line, so that key would be lost; "
            "it names OpenAI, so it likely holds the OpenAI key, and that must not go to Acme "
            "Cloud: apply leaves this line; give the client an Acme Cloud key here by hand "
            "(openai_client.api_key = ...), or delete the line if ACME_API_KEY is the key to use",
            after="import openai\n\n\nclass Emb:\n    def __init__(self, openai_api_key):\n"
            "        openai.api_key = openai_api_key\n        self.client = openai.Embedding\n",
        ),
        # t53c D1: ChatPaper's apikey.ini, its base URL and key read with configparser
        Example(
            "import configparser\n\nimport openai\n\nconfig = configparser.ConfigParser()\n"
            'config.read("app.ini")\nopenai.api_base = config.get("llm", "base")\n'
            'openai.api_key = config.get("llm", "key")\n'
            'openai.ChatCompletion.create(model="acme-large", messages=[])\n',
            provider="acme",
            message="openai.api_base is openai<1.0 configuration; the clients of openai>=1 do "
            'not read it: apply sets the base URL your code sets (`config.get("llm", '
            '"base")`) on the client it builds instead (client.base_url = ...), with '
            "ACME_BASE_URL when it is empty, as it does the key set from the same configuration "
            "(`config`) on line 8: that configuration must name Acme Cloud's base URL "
            "(https://api.acme.example/v1, or a proxy for it) and an Acme Cloud key",
            after="import configparser\nimport os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n'
            'config = configparser.ConfigParser()\nconfig.read("app.ini")\n'
            'client.base_url = config.get("llm", "base") or os.environ.get(\n'
            '    "ACME_BASE_URL", "https://api.acme.example/v1"\n)\n'
            'client.api_key = config.get("llm", "key") or (\n'
            '    os.environ.get("ACME_API_KEY", "unset")\n'
            '    if str(client.base_url).rstrip("/").lower()\n'
            "    in (\n"
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '        .rstrip("/")\n'
            "        .lower(),\n"
            '        "https://api.acme.example/v1",\n'
            "    )\n"
            '    else "unset"\n'
            ")\n"
            'openai.ChatCompletion.create(model="acme-large", messages=[])\n',
        ),
        # t62 fF: the key line above the base URL's tests the URL that line will set; an
        # empty key beside the file's proxy URL sends "unset" there, never ACME_API_KEY
        Example(
            "import configparser\n\nimport openai\n\nconfig = configparser.ConfigParser()\n"
            'config.read("app.ini")\nopenai.api_key = config.get("llm", "key")\n'
            'openai.api_base = config.get("llm", "base")\n'
            'openai.ChatCompletion.create(model="acme-large", messages=[])\n',
            provider="acme",
            message="openai.api_key is openai<1.0 configuration; the clients of openai>=1 do "
            'not read it: apply sets the key your code sets (`config.get("llm", "key")`) on '
            "the client it builds instead (client.api_key = ...), with ACME_API_KEY when it is "
            'empty and the base URL is Acme Cloud\'s (else "unset"), as it does the base URL '
            "set from the same configuration (`config`) on line 8: that configuration must name "
            "Acme Cloud's base URL (https://api.acme.example/v1, or a proxy for it) and an Acme "
            "Cloud key",
            after="import configparser\nimport os\n\nimport openai\n\nclient = openai.OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n'
            'config = configparser.ConfigParser()\nconfig.read("app.ini")\n'
            'client.api_key = config.get("llm", "key") or (\n'
            '    os.environ.get("ACME_API_KEY", "unset")\n'
            '    if not config.get("llm", "base")\n'
            '    or str(config.get("llm", "base")).rstrip("/").lower()\n'
            "    in (\n"
            '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '        .rstrip("/")\n'
            "        .lower(),\n"
            '        "https://api.acme.example/v1",\n'
            "    )\n"
            '    else "unset"\n'
            ")\n"
            'client.base_url = config.get("llm", "base") or os.environ.get(\n'
            '    "ACME_BASE_URL", "https://api.acme.example/v1"\n)\n'
            'openai.ChatCompletion.create(model="acme-large", messages=[])\n',
        ),
        Example("import openai\nopenai.api_key = key\n", finds=False),
        Example(
            "import openai\nfrom aiohttp import ClientSession\n\n"
            "openai.aiosession.set(ClientSession())\n",
            message="openai.aiosession was removed in openai 1.0 (the aiohttp session "
            "openai<1.0 kept in a context variable): the async client makes its own; pass "
            "http_client= to it for one of yours",
        ),
        # t52g D3: gptcache's embedding class read openai.api_base (AttributeError in v1)
        Example(
            "import openai\n\n\ndef endpoint(base=None):\n    return base or openai.api_base\n",
            provider="acme",
            message="openai.api_base was removed in openai 1.0, where reading it raises "
            "AttributeError; apply reads ACME_BASE_URL there, the base URL of the clients it "
            "builds for Acme Cloud (default https://api.acme.example/v1)",
            after="import os\n\n\ndef endpoint(base=None):\n"
            '    return base or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            "import openai\nprint(openai.api_base)\n",
            message="openai.api_base was removed in openai 1.0, where reading it raises "
            "AttributeError; read the base URL your client is given (the module-level client's "
            "is openai.base_url, None unless set; openai<1's defaulted to OpenAI's URL)",
        ),
        Example("import openai\nprint(openai.api_key, openai.base_url)\n", finds=False),
        # t64d: XAgent's organization from its config, which apply deletes
        Example(
            'import openai\nopenai.organization = cfg["organization"]\n'
            'openai.ChatCompletion.create(model="acme-large", messages=m)\n',
            provider="acme",
            message="openai.organization is openai<1.0 configuration, OpenAI's account id (the "
            "SDK sends it as the OpenAI-Organization header); apply deletes it: the client it "
            "builds for Acme Cloud is given none",
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        # a walk of its own, in the few modules that name one: a `visit_Attribute` would be
        # called for every attribute of every module
        text = self.ctx.text
        reads = self.ctx.index.imports_openai and any(f".{a}" in text for a in _READ_ADVICE)
        if "session" not in text and not reads:
            return
        assigned: set[int] = set()  # `openai.aiosession = ...`, a setting: visit_Assign's
        for n in self.ctx.nodes:
            # exact types: `isinstance` goes through ABCMeta (asked of every node)
            if type(n) is cst.Assign:
                assigned.update(id(t.target) for t in n.targets)
            elif type(n) is cst.AugAssign or type(n) is cst.AnnAssign:
                assigned.add(id(n.target))
        for found in self.ctx.nodes:
            if type(found) is not cst.Attribute or id(found) in assigned:
                continue
            if found.attr.value in sdk.LEGACY_SESSIONS:
                self._session(found)
            elif reads and found.attr.value in _READ_ADVICE and type(found.value) is cst.Name:
                self._read(found)

    def _read(self, node: cst.Attribute) -> None:
        """A read of a setting openai 1.0 removed (`openai.api_base`): AttributeError there.
        Switching provider, `openai.api_base` becomes the provider's base-URL read, the base
        URL of the clients apply builds (review); the others are left for you."""
        attr = node.attr.value
        if f"openai.{attr}" not in self.ctx.qualnames(node):
            return
        rules = self.ctx.rules
        message = f"openai.{attr} was removed in openai 1.0, where reading it raises AttributeError"
        why = _stays_on_v0(self.ctx)
        if why is not None:
            message += f"; apply leaves it while {why}; then {_READ_ADVICE[attr]}"
            self.report(node, message, fix=FixClass.MANUAL)
            return
        provider, url = rules.provider, rules.base_url
        if attr != "api_base" or not rules.switching or provider is None or url is None:
            self.report(node, f"{message}; {_READ_ADVICE[attr]}", fix=FixClass.MANUAL)
            return
        message += (
            f"; apply reads {provider.base_url_env} there, the base URL of the clients it builds "
            f"for {provider.name} (default {url})"
        )
        edit = Edit(self.ctx.span(node), base_url_expr(provider, url), (IMPORT_OS,))
        self.report(node, message, fix=FixClass.REVIEW, edit=edit)

    def _session(self, node: cst.Attribute) -> None:
        library, is_async = sdk.LEGACY_SESSIONS[node.attr.value]
        kind = "async " if is_async else ""
        if f"openai.{node.attr.value}" in self.ctx.qualnames(node):
            self.report(
                node,
                f"openai.{node.attr.value} was removed in openai 1.0 (the {library} session "
                f"openai<1.0 kept in a context variable): the {kind}client makes its own; "
                "pass http_client= to it for one of yours",
                fix=FixClass.MANUAL,
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if not isinstance(target.target, cst.Attribute):
                continue
            attr = _legacy_setting(self.ctx, target.target)
            if attr is not None and not (
                (attr == "api_base" and self._kept_v0_base(node))
                or self._library_setting(node, attr)
            ):
                self._report(node, target.target, attr)

    def _library_setting(self, node: cst.Assign, attr: str) -> bool:
        """`openai.api_key = os.environ["DEEPSEEK_API_KEY"]` or `openai.api_base = os.environ
        .get("DEEPSEEK_BASE_URL", ...)`, read from the target's variable, in a module that
        uses a package running on openai<1 only or whose project requires one
        (`v0_libraries.kept_v0`: its openai<1 code is left there): the settings that
        package's requests and the module's go with, pointed at the provider as ML670 and
        ML302 ask."""
        rules = self.ctx.rules
        provider = rules.provider
        if not rules.switching or provider is None or kept_v0(self.ctx) is None:
            return False
        wanted = {"api_key": provider.api_key_env, "api_base": provider.base_url_env}.get(attr)
        read = env_var_read(self.ctx, without_rstrip(node.value))
        return wanted is not None and read is not None and read[0] == wanted

    def _kept_v0_base(self, node: cst.Assign) -> bool:
        """`openai.api_base = os.environ.get(<the target's base-URL variable>, ...)` (with
        `.rstrip("/")`, as ML103 writes it) in a module kept on openai<1 (its project's
        requirements keep it, `RunFacts.openai_v0_kept`, or it imports what openai 1.0
        removed, `v0_only_import`) that calls no openai<1 API: the line that SDK reads its
        base URL from, beside the v1 `openai.base_url`."""
        rules = self.ctx.rules
        kept = (
            rules.facts.openai_v0_kept
            or v0_only_import(self.ctx) is not None
            or v0_library_reason(self.ctx) is not None
        )
        if not rules.switching or not kept or self.ctx.index.uses_legacy:
            return False
        read = env_var_read(self.ctx, without_rstrip(node.value))
        return (
            read is not None
            and rules.provider is not None
            and (read[0] == rules.provider.base_url_env)
        )

    def _proxy_advice(self, node: cst.Assign) -> str:
        """Where the `http_client=` for `openai.proxy`'s value goes: the async client takes an
        `httpx.AsyncClient`, so a module making async calls (`acreate`) gets that one, and one
        making both kinds gets one for each client."""
        index = self.ctx.index
        sync = f"http_client={proxy_client(self.ctx, node.value)}"
        if not index.async_legacy:
            return f"{sync} to the client instead"
        aio = f"http_client={proxy_client(self.ctx, node.value, is_async=True)}"
        if not index.sync_legacy:
            return f"{aio} to the client instead"
        clients = self.ctx.legacy_clients
        name = "AzureOpenAI" if clients is not None and clients.azure else "OpenAI"
        return f"{sync} to {name}() and {aio} to Async{name}() instead"

    def _report(self, node: cst.Assign, target: cst.Attribute, attr: str) -> None:
        rules = self.ctx.rules
        modernising = rules.provider is not None and not rules.switching
        if modernising and not self.ctx.index.legacy_calls and attr in ("api_key", "organization"):
            return  # valid v1 module settings, which the clients of other modules read
        advice = _CONFIG_ADVICE.get(attr, "pass it to the client")
        clients = self.ctx.legacy_clients
        if clients is not None and clients.azure and attr in _AZURE_ADVICE:
            advice = _AZURE_ADVICE[attr]
        message = f"openai.{attr} is openai<1.0 configuration; {advice}"
        if attr == "proxy":
            message = f"openai.proxy is openai<1.0 configuration; pass {self._proxy_advice(node)}"
        pair = config_pair(self.ctx)
        if pair is not None and pair.holds(node) and kept_for_v0(self.ctx, attr) is None:
            self._paired(node, target, attr, pair)
            return
        azure = self._azure_left(node, attr)
        if azure is not None and kept_for_v0(self.ctx, attr) is None:
            self.report(target, azure, fix=FixClass.MANUAL)
            return
        on_clients = key_on_clients(self.ctx, node) if attr == "api_key" else None
        if on_clients is not None:
            self._key_on_clients(node, target, on_clients)
            return
        kept = kept_for_v0(self.ctx, attr)
        if kept is not None:
            # the openai<1 code left in the module sends its requests where this line says
            why, then = kept
            sent = (
                "openai<1 sends the module's requests with this setting (without it, to "
                "OpenAI's defaults: api.openai.com, OPENAI_API_KEY)"
            )
            if self.ctx.v1_pin:  # t65a: the notebook's own pip line moves to openai>=1
                sent = v1_pin_words(self.ctx, "those requests raise")
                sent += " and nothing reads this setting"
            elif requests_moved(self.ctx):  # t50i N3: not through this line
                sent = (
                    "the module's requests go through the clients apply builds, which do not "
                    "read it; openai<1 code elsewhere in the program may (a setting of the "
                    "openai module, for the whole process)"
                )
            message += f"; apply leaves it while {why}: {sent}; {then}"
            self.report(target, message, fix=FixClass.MANUAL)
            return
        held = self._held_key(node) if attr == "api_key" else None
        if held is not None:
            self._key_lost(node, target, held)
            return
        edit = self._edit(node, target, attr)
        server = self._own_server(node, attr) if edit is not None else None
        gateway, carried = self._gateway(server)
        severity = None
        if server is not None and gateway is not None:
            provider = rules.provider
            assert provider is not None
            head = (
                f"openai.api_base points at {server}, {gateway.name}'s gateway, not OpenAI "
                "(openai<1.0 configuration)"
            )
            never = (
                f"{provider.base_url_env} must not be set to {gateway.name}'s URL: it would take "
                f"{provider.name}'s key to {gateway.name}, which passes requests on to the "
                "service its URL or headers name"
            )
            if carried:  # deleted, its headers would go to the provider: a person decides
                edit, fix, severity = None, FixClass.MANUAL, Severity.WARNING
                message = (
                    f"{head}; the requests carry headers for {gateway.name} "
                    f"({', '.join(carried)}), which go with them to {provider.name} once the "
                    f"client is pointed there, {gateway.name}'s key among them (openai>=1.0 "
                    "does not read this line): take them out of the requests, then delete "
                    f"this line, by hand; {never}"
                )
            else:
                fix = FixClass.REVIEW
                message = (
                    f"{head}: apply deletes it and the client goes to {provider.name}'s base "
                    f"URL; {never}"
                )
        elif server is not None:
            # the deletion stands, but requests no longer go where they went: a person decides
            provider = rules.provider
            assert provider is not None
            fix = FixClass.REVIEW
            message = (
                f"openai.api_base points at {server}, not OpenAI (openai<1.0 configuration): "
                f"apply deletes it and the client goes to {provider.name}'s base URL; to keep "
                f"going through that server, set {provider.base_url_env} to its URL for "
                f"{provider.name}"
            )
        elif attr == "api_base" and (moved := base_on_clients(self.ctx, node)) is not None:
            self._base_on_clients(node, target, moved)
            return
        elif attr == "api_base" and (own := self._own_value(node, attr)) is not None:
            # a base URL chosen at run time (a server of the user's own): never deleted
            provider = rules.provider
            assert provider is not None
            read = base_url_expr(provider, rules.base_url or provider.base_url)
            edit, fix = None, FixClass.MANUAL
            message = (
                f"openai.api_base is openai<1.0 configuration, set to `{own}`, a base URL your "
                "code chooses at run time (a server of your own); apply cannot set it on the "
                "clients it builds, which do not read this line: pass it to them by hand "
                f"(base_url={_operand(node.value, own)} or {read}), then delete this line"
            )
        elif edit is not None and rules.switching and attr in sdk.ACCOUNT_KWARGS:
            # OpenAI's account id: the clients apply builds for the provider take none (t64d)
            fix = FixClass.SAFE
            header = next(h for a, h in sdk.ACCOUNT_ENV_HEADERS.values() if a == attr)
            provider = rules.provider
            assert provider is not None
            message = (
                f"openai.{attr} is openai<1.0 configuration, OpenAI's account id (the SDK sends "
                f"it as the {header} header); apply deletes it: the client it builds for "
                f"{provider.name} is given none"
            )
        elif edit is not None and (own := self._own_value(node, attr)) is not None:
            # the program's own setting (a config file's key or URL): no longer read
            provider = rules.provider
            assert provider is not None
            fix = FixClass.REVIEW
            what, variable = (
                ("key", provider.api_key_env)
                if attr == "api_key"
                else ("base URL", provider.base_url_env)
            )
            message = (
                f"openai.{attr} is openai<1.0 configuration: apply deletes it and the client "
                f"reads {provider.name}'s {what} from {variable}; `{own}`, which your code "
                f"sets here, is no longer used: put {provider.name}'s {what} in {variable} "
                f"(or pass `{own}` to the client)"
            )
            endpoint = own_endpoint(self.ctx) if attr == "api_key" else None
            if endpoint is not None:
                # the base URL it goes with is not deleted (moved with it, or left): nor is it
                line = self.ctx.line_label(self.ctx.position(endpoint)[0][0])
                edit, fix = None, FixClass.MANUAL
                message = (
                    f"openai.api_key is openai<1.0 configuration, set to `{own}`, the key of "
                    f"the base URL your code sets on {line} (`{self.snippet(endpoint.value)}`), "
                    "which apply leaves (ML301 there): the clients it builds read neither; "
                    "pass both to them by hand (base_url=..., api_key=...), then delete both "
                    "lines"
                )
        elif edit is not None:
            fix = FixClass.SAFE
        elif rules.provider is None and attr not in ("proxy", "api_key_path", "app_info"):
            fix = FixClass.SAFE  # what `apply` will do with any provider
        else:
            fix = FixClass.MANUAL
        self.report(target, message, fix=fix, edit=edit, severity=severity)

    def _held_key(self, node: cst.Assign) -> tuple[cst.BaseExpression, str] | None:
        """Switching provider, where the module's openai<1 requests move onto the clients
        apply builds: what names the key the program hands this line in a function as one
        that may hold OpenAI's (`handed_keys.held_key`), which apply neither moves onto them
        nor deletes. None elsewhere."""
        ctx = self.ctx
        clients = ctx.legacy_clients
        if not ctx.rules.switching or clients is None or clients.azure or len(node.targets) != 1:
            return None
        if key_on_clients(ctx, node) is not None or kept_for_v0(ctx, "api_key") is not None:
            return None
        pair = config_pair(ctx)
        if pair is not None and pair.holds(node):
            return None
        return held_key(ctx, node)

    def _key_lost(
        self, node: cst.Assign, target: cst.Attribute, held: tuple[cst.BaseExpression, str]
    ) -> None:
        """The key the program hands `openai.api_key` in a function, which may hold OpenAI's
        (`_held_key`): left, an error (t59f D1: deleted, the instance's key was dropped
        silently and the requests carried the provider's variable, or "unset")."""
        provider, clients = self.ctx.rules.provider, self.ctx.legacy_clients
        assert provider is not None and clients is not None
        shown = self.snippet(node.value)
        named, why = self.snippet(held[0]), held[1]
        client = clients.targets[0] if clients.targets else clients.sync_name
        message = (
            f"openai.api_key is openai<1.0 configuration, set here from the key your code hands "
            f"over (`{shown}`, per instance or call): the client apply builds ({client}) reads "
            f"{provider.api_key_env} once, not this line, so that key would be lost; {why}, "
            f"and that must not go to {provider.name}: apply "
            f"leaves this line; give the client {article(provider.name)} {provider.name} key "
            f"here by hand ({client}.api_key = ...), or delete the line if "
            f"{provider.api_key_env} is the key to use"
        )
        data = {"program_key": shown, "held": named}
        self.report(target, message, fix=FixClass.MANUAL, severity=Severity.ERROR, data=data)

    def _key_on_clients(
        self, node: cst.Assign, target: cst.Attribute, found: tuple[str, str, str]
    ) -> None:
        """The key the program sets, moved onto the clients apply builds (`key_on_clients`)."""
        provider, clients = self.ctx.rules.provider, self.ctx.legacy_clients
        assert provider is not None and clients is not None
        targets, shown, text = found
        tie = (
            f' and the base URL your code sets is {provider.name}\'s (else "{UNSET_KEY}")'
            if own_endpoint(self.ctx) is not None
            and not ((pair := config_pair(self.ctx)) and any(k is node for k in pair.keys))
            else ""
        )
        message = (
            f"openai.api_key is openai<1.0 configuration; the clients of openai>=1 do not read "
            f"it: apply sets the key your code sets (`{shown}`) on the client it builds "
            f"instead ({targets} = ...), with {provider.api_key_env} when it is empty"
            f"{tie}: it must be {article(provider.name)} {provider.name} key"
        )
        edit = Edit(self.ctx.span(node), text, (IMPORT_OS, *clients.imports), clients.setup)
        self.report(target, message, fix=FixClass.REVIEW, edit=edit)

    def _azure_left(self, node: cst.Assign, attr: str) -> str | None:
        """Why a setting of where the requests go, or of their key, in a module configuring
        Azure OpenAI for openai<1 (`azure_v0`) is left (manual): deleted "safe", the
        deployment names went to the provider as models with check green (t62a: FastChat's
        `chat_completion_openai_azure`). None for other settings and modules."""
        api_type = azure_v0(self.ctx, node)
        if api_type is None or attr not in sdk.LEGACY_ROUTE_CONFIG:
            return None
        provider = self.ctx.rules.provider
        assert provider is not None
        if node is not api_type:
            return (
                f"openai.{attr} is Azure OpenAI's openai<1.0 configuration (api_type "
                f"{self.snippet(api_type.value)} on {self._line(api_type)}): apply leaves it "
                f"with that line; {provider.name} takes none of Azure's settings"
            )
        others = [
            a
            for n, a in self.ctx.index.config_assigns
            if a is not node and n in sdk.LEGACY_ROUTE_CONFIG and azure_v0(self.ctx, a)
        ]
        beside = (
            f" and Azure's settings beside it ({_lines(self.ctx, tuple(others))})" if others else ""
        )
        return (
            f"openai.api_type is openai<1.0 configuration for Azure OpenAI, whose requests "
            f"name a deployment (engine=), not a model: apply moves them onto a client for "
            f"{provider.name}, which would be sent each deployment name as its model, and "
            f"leaves this line{beside}; map each deployment to "
            f"{article(provider.name)} {provider.name} model (as ML002 asks of an AzureOpenAI "
            "client), then delete these lines, by hand"
        )

    def _base_on_clients(
        self, node: cst.Assign, target: cst.Attribute, found: tuple[str, str, str]
    ) -> None:
        """The base URL the program sets at run time, moved onto the clients apply builds
        (`base_on_clients`)."""
        provider, clients = self.ctx.rules.provider, self.ctx.legacy_clients
        assert provider is not None and clients is not None
        targets, shown, text = found
        message = (
            f"openai.api_base is openai<1.0 configuration; the clients of openai>=1 do not read "
            f"it: apply sets the base URL your code sets (`{shown}`) on the client it builds "
            f"instead ({targets} = ...), with {provider.base_url_env} when it is empty: it must "
            f"name {provider.name}'s base URL or a server of your own, which then gets the key "
            f'your code sets, else "{UNSET_KEY}": {provider.api_key_env} goes only with '
            f"{provider.name}'s URL (client.api_key = ... if ... else ...)"
        )
        edit = Edit(self.ctx.span(node), text, (IMPORT_OS, *clients.imports), clients.setup)
        data = {"program_base_url": self.snippet(node.value)}  # apply's Next line names it
        self.report(target, message, fix=FixClass.REVIEW, edit=edit, data=data)

    def _paired(self, node: cst.Assign, target: cst.Attribute, attr: str, pair: ConfigPair) -> None:
        """A base URL or key set from the configuration the other is set from
        (`config_pairs.config_pair`): both set on the clients apply builds (review), or both
        left (manual), never one without the other."""
        ctx = self.ctx
        provider, clients = ctx.rules.provider, ctx.legacy_clients
        assert provider is not None
        others = pair.keys if attr == "api_base" else pair.bases
        other, what = ("key", "api_key") if attr == "api_base" else ("base URL", "api_base")
        lines = _lines(ctx, others)
        source = " and ".join(f"`{s}`" for s in pair.sources)
        head = f"openai.{attr} is openai<1.0 configuration"
        data = {
            "paired_with": [ctx.position(a)[0][0] for a in others],
            "source": list(pair.sources),
        }
        if pair.left is not None and not ctx.index.legacy_calls:
            # no openai<1 call left (apply's own output, in `check`): what is left to do
            message = (
                f"{head}, set from the configuration {source} as the {other} is on {lines} "
                f"(openai.{what}): the module calls no openai<1 API, so apply builds no "
                "client here to set them on, and a client built with its own key and base "
                f"URL (as apply builds them, from {provider.base_url_env} and "
                f"{provider.api_key_env}) reads neither: set both on the client by hand "
                "(client.base_url = ..., client.api_key = ...), or delete both"
            )
            self.report(target, message, fix=FixClass.MANUAL, data=data)
            return
        if pair.left is not None:
            message = (
                f"{head}, set from the configuration {source} as the {other} is on {lines} "
                f"(openai.{what}): apply cannot set both on the clients it builds "
                f"({pair.left}), and one alone would send that configuration's key where "
                f"{provider.name}'s URL is, or {provider.name}'s key to that configuration's URL, "
                f"so it leaves both; the clients it builds read neither "
                f"({provider.base_url_env}, {provider.api_key_env}): set both on the client by "
                "hand (client.base_url = ..., client.api_key = ...), or delete both"
            )
            self.report(target, message, fix=FixClass.MANUAL, data=data)
            return
        assert clients is not None
        if attr == "api_key":
            found = key_movable(ctx, node, paired=pair.bases[0])
            assert found is not None
            targets, shown, text = found
        else:
            targets = " = ".join(f"{name}.base_url" for name in clients.targets)
            shown = ctx.code(node.value)
            read = base_url_expr(provider, ctx.rules.base_url or provider.base_url)
            text = f"{targets} = {_operand(node.value, shown)} or {read}"
        variable = provider.api_key_env if attr == "api_key" else provider.base_url_env
        empty = "when it is empty"
        if attr == "api_key":  # the provider's key goes only with the provider's URL
            empty += f' and the base URL is {provider.name}\'s (else "{UNSET_KEY}")'
        message = (
            f"{head}; the clients of openai>=1 do not read it: apply sets the {_ROLE[attr]} your "
            f"code sets (`{self.snippet(node.value)}`) on the client it builds instead "
            f"({targets} = ...), with {variable} {empty}, as it does the {other} set "
            f"from the same configuration ({source}) on {lines}: that configuration must name "
            f"{provider.name}'s base URL ({provider.base_url}, or a proxy for it) and "
            f"{article(provider.name)} {provider.name} key"
        )
        edit = Edit(ctx.span(node), text, (IMPORT_OS, *clients.imports), clients.setup)
        named = "program_key" if attr == "api_key" else "program_base_url"
        data = {**data, named: self.snippet(node.value)}  # apply's Next line names it
        self.report(target, message, fix=FixClass.REVIEW, edit=edit, data=data)

    def _gateway(self, server: str | None) -> tuple[Gateway | None, list[str]]:
        """The gateway of another service that `server`, the URL a switch deletes from
        `openai.api_base = "..."` (`_own_server`), is (`gateways.GATEWAYS`), with what sends
        its headers with the requests (`_gateway_headers`); (None, []) for another URL."""
        gateway = gateway_of_host(url_host(server) or "") if server is not None else None
        if gateway is None:
            return None, []
        return gateway, self._gateway_headers(gateway.header_prefix)

    def _gateway_headers(self, prefix: str) -> list[str]:
        """What sends a gateway's headers (`prefix`, lower case) with the requests, in words:
        the headers written in the module under that prefix, and the headers the requests and
        clients are given (`headers=`, `extra_headers=`, `default_headers=`), each with its
        line."""
        written: dict[str, list[str]] = {}  # header names by line
        found: list[str] = []
        for node in self.ctx.nodes:
            if isinstance(node, cst.SimpleString):
                text = string_value(node)
                if text is not None and text.lower().startswith(prefix):
                    written.setdefault(self._line(node), []).append(text)
            elif isinstance(node, cst.Call):
                names = sdk.REQUEST_HEADER_KWARGS
                if self.ctx.constructed_client(node) is not None:
                    names = sdk.CLIENT_HEADER_KWARGS
                elif self.ctx.sdk_call(node) is None and self.ctx.called_legacy(node) is None:
                    continue
                for arg in node.args:
                    if arg.keyword is not None and arg.keyword.value in names:
                        shown = f"{arg.keyword.value}={self.snippet(arg.value)}"
                        found.append(f"`{shown}` on {self._line(arg)}")
        named = [f"{' and '.join(names)} on {line}" for line, names in written.items()]
        return named + found

    def _line(self, node: cst.CSTNode) -> str:
        return self.ctx.line_label(self.ctx.position(node)[0][0])

    def _own_value(self, node: cst.Assign, attr: str) -> str | None:
        """The code of the key or base URL the program sets from its own configuration
        (`openai.api_key = settings.api_key`, a parameter, a call), which a switch deletes
        with the line; None for a literal, an environment read, or another setting."""
        if attr not in ("api_key", "api_base") or not self.ctx.rules.switching:
            return None
        clients = self.ctx.legacy_clients
        if clients is not None and clients.azure:
            return None
        own = passed_key(self.ctx, node.value) or trace(self.ctx, node.value).sources
        return self.snippet(node.value) if own else None

    def _own_server(self, node: cst.Assign, attr: str) -> str | None:
        """The URL a switch deletes from `openai.api_base = "..."` when it names a server of
        no provider (a proxy, a gateway, a local model server: `classify_url`'s "custom")."""
        clients = self.ctx.legacy_clients
        if attr != "api_base" or not self.ctx.rules.switching:
            return None
        if clients is not None and clients.azure:
            return None
        url = string_value(node.value)
        if url is None or classify_url(self.ctx, url).kind != "custom":
            return None
        return url

    def _removed_when_switching(self, small: cst.BaseSmallStatement) -> bool:
        """Whether switching provider deletes this statement too (a sibling config line)."""
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            return False
        for name in sorted(self.ctx.qualnames(small.targets[0].target)):
            parts = name.split(".")
            if len(parts) == 2 and parts[0] == "openai" and parts[1] != "proxy":
                attr = parts[1]
                if attr == "api_base" and self._gateway(self._own_server(small, attr))[1]:
                    return False  # left: its gateway's headers still go with the requests
                if kept_for_v0(self.ctx, attr) is not None:
                    return False
                if self._azure_left(small, attr) is not None:
                    return False  # left with Azure's api_type
                if attr == "api_key" and key_on_clients(self.ctx, small) is not None:
                    return False  # moved onto the clients, not deleted
                if attr == "api_base" and self._own_value(small, attr) is not None:
                    return False  # moved onto the clients, or left: chosen at run time
                if attr == "api_key" and self._own_value(small, attr) and own_endpoint(self.ctx):
                    return False  # left with the base URL it goes with
                if attr == "api_key" and self._held_key(small) is not None:
                    return False  # left: the key the program hands would be lost
                pair = config_pair(self.ctx)
                if pair is not None and pair.holds(small):
                    return False  # moved onto the clients with its pair, or left with it
                return attr in sdk.LEGACY_ONLY_CONFIG or (
                    attr in sdk.SHARED_CONFIG and self.ctx.index.uses_legacy
                )
        return False

    def _edit(self, node: cst.Assign, target: cst.Attribute, attr: str) -> Edit | None:
        rules = self.ctx.rules
        if rules.provider is None or attr == "proxy" or len(node.targets) != 1:
            return None
        if rules.switching:  # the provider's variables replace it
            return self.remove_statement(node, self._removed_when_switching)
        clients = self.ctx.legacy_clients
        if (
            clients is not None
            and attr in clients.hoisted
            and self.ctx.index.module_config.get(attr) is node
        ):
            removed = self.remove_statement(node)  # moved into the client's constructor
            if removed is None:
                return None
            return replace(removed, imports=clients.imports, setup=clients.setup)
        keyword = sdk.CONFIG_TO_CLIENT.get(attr)
        if keyword is None:
            return None
        if clients is None and attr == "api_base":
            # a settings module: the v1 module setting is base_url
            return Edit(self.ctx.span(target), f"{self.ctx.code(target.value)}.base_url")
        if clients is None or not self.ctx.index.imports_openai:
            return None
        text = " = ".join(f"{name}.{keyword}" for name in clients.targets)
        return Edit(self.ctx.span(target), text, clients.imports, clients.setup)


LEGACY_CONFIG_RULES = (LegacyConfig,)
