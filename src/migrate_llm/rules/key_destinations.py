"""Where the value of a key read goes, and whether it could reach OpenAI after `apply`.

ML401 points a read of OPENAI_API_KEY at the provider's key variable. That is right only
where the value ends up in something `apply` moves to the provider too. Followed here, inside
one module: the names the value is bound to, the arguments it is passed as (through `a or b`,
`x if c else y` and the framework calls holding a key, `Secret.from_token(value)`:
`key_holders`; a text box showing it until a person types another, `st.text_input(...,
value=value)`, whose answer is the key), the entries of Streamlit's session state it is stored
in (`st.session_state.k = value`: that entry's reads), and, for a function or class of the
module, its parameter's uses, and where the function returns the value whole (a text box of
the module's own, `return input(label) or value`; a getter, `return os.getenv(...)`), the
uses of the call's result. `risky_among` asks the same of a prompt's answer
(`typed_answers`), with what `apply` moves along with it set aside. A destination is risky
when, given the provider's key, it could send it to OpenAI:

- `foreign`: a class or function named like OpenAI, or an `openai_api_key=` keyword, outside
  the SDK's clients and the framework tables (chromadb's `OpenAIEmbeddingFunction`);
- `library`: a library function that calls OpenAI's API itself with the key it is given
  and takes no base URL (`frameworks.openai_callers`: SpeechRecognition's
  `recognize_whisper_api(audio, api_key=value)`); also, for a value not shown going only
  where `apply` points it at the provider, such a call of the module given a key
  (RealChar's `recognize_whisper_api(api_key=config.api_key)`, the key read into
  `SimpleNamespace(**{"api_key": ...})`);
- `client`: an SDK client whose base URL is chosen at run time (ML003 leaves it; with no URL
  given it is OpenAI's; one read from a variable that defaults to the app's own server is
  not);
- `elsewhere`: an SDK client whose base URL may be a URL the module shows that is neither
  OpenAI's nor the target's (another provider's, the program's own server: ML003 leaves it),
  directly or in a branch of `x if c else URL` or a chain of `or`s, given as its key argument
  or written to its `api_key` (`client.api_key = value`); a litellm or DSPy call whose base
  URL is neither OpenAI's nor the target's (`api_base=os.environ["LLM_PROXY_URL"]`, another
  host, a value chosen at run time: ML640 leaves it, `_routed_elsewhere`); another call or a
  dict display (a Router deployment) whose URL is another provider's or the program's own
  server, the key beside it; also the key entry of an AutoGen
  entry that ML660 skips for the same reason or for another `api_type` (`{"api_type":
  "azure", ...}`: `elsewhere_config`);
- `local`: an SDK client or framework class whose base URL reads OpenAI's base-URL variable
  with a default on this machine (`os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")`):
  renamed with the key, the provider's key would go to that server while the provider's
  base-URL variable is unset;
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
  OpenAI (a library routing by it, as litellm does); also the key entry of a dict giving a
  litellm call (`**params`) or a Router deployment a model chosen at run time
  (`run_time_params`), the destination then that call or Router;
- `left`: the key argument of an SDK client or a framework class that `apply` leaves talking
  to OpenAI or Azure OpenAI (its rule's finding is manual: an Azure client whose key is one
  the program hands it, LangChain's `AzureOpenAIEmbeddings` for a provider without
  embeddings), also an Azure client so left that its class may give the attribute of `self`
  the value is stored in (`left_through_attribute`: pandas-ai's `self.api_token`, in
  `AzureOpenAI(**self._client_params)`), crewAI's `LLM()` given OpenAI's base URL that
  ML690 leaves (a key given through a name: `_crewai_left`), the key of a graphiti config
  given no base URL that ML689 cannot pass one to (`LLMConfig(key, "gpt-4o")`:
  `framework_graphiti.config_key_left`), and the key entry of an AutoGen
  entry that ML660 leaves on OpenAI (`left_config`: `{"model": os.environ["MODEL"],
  "api_key": value}`, a dict display or `dict(...)`);
- `graphrag`: the key entry of a GraphRAG model entry ML670 reports (OpenAI without
  `api_base`, Azure OpenAI);
- `configured`: the key setting of a part of a library's config that ML670 reports
  (`library_configs.configured_key`: mem0's `"embedder": {"provider": "openai", "config":
  {"api_key": value}}` with no `"openai_base_url"`, embedchain's, scrapegraphai's);
- `vendor`: the key argument of a litellm or DSPy call, or of a call outside the framework
  tables, whose model string, written in the module, is on another service's litellm route
  (`Agent(model="anthropic/claude-3-5-sonnet", api_key=value)`: `vendor_routed`), with no
  base URL: the call sends the key to that vendor, where neither OpenAI's key nor the
  provider's belongs;
- `unmoved`: the key argument or entry of a call (or of a dict given to it, a display,
  `dict(...)` or a name bound to one, `cfg["auth"] = value`) of a library no table knows,
  whose settings (those of its chain of calls, `unmoved_settings`) hold no base URL, and an
  OpenAI model or, for a key given by its name, none (Agently's `set_settings("OpenAI",
  {"model": "gpt-4o", "auth": value})`, `Lib(auth={"api_key": value})`): apply gives it no
  URL, so the library's default one, which may be OpenAI's, would get the provider's key
  (not where the key, or its dict, also goes to an OpenAI client: it follows that client);
- `by_hand`: the key argument of a litellm or DSPy call whose key and base URL ML640 leaves to
  a person for its `**` arguments while its model sends it to OpenAI
  (`framework_litellm.endpoint_left`: `dspy.OpenAI(model="gpt-4o", **kw)`);
- `forwarded`: a header that hands an OpenAI key to a service calling OpenAI's API with it
  (`{"X-OpenAI-Api-Key": value}`, Weaviate's: `sdk.FORWARDED_KEY_HEADERS`);
- `environment`: a write of an OpenAI variable (`os.environ["OPENAI_API_KEY"] = key`), or a
  dict entry named for one (`{"OPENAI_API_KEY": key}`, settings that end up in the
  environment; not one named for the program's own setting, `{"OPENAI_USE_FUNCTIONS": ...}`:
  `own_setting`), which any library reading OpenAI's key would then send to OpenAI;
- `framework`: the key argument of a LangChain, LlamaIndex, Haystack or agno class that the
  class rules leave talking to OpenAI (an API the target lacks) or to a base URL chosen at
  run time;
- `url`: none of those, but the module holds an OpenAI URL that `apply` leaves (ML402's
  manual warning: the tracing exporter's `https://api.openai.com/v1/traces/ingest`, a
  realtime `wss://api.openai.com/v1/realtime`), and the value is not shown going only where
  `apply` points it at the provider (the key of a client or framework class it moves, a
  function of the module): returned (`return self._key or os.environ.get(...)` in a
  property), stored on `self`, put in headers, it may be sent to that URL;
- `callee`: a class or function imported by name from another module of the project, given
  the value as an argument whose parameter there reaches any of those (`callee_keys`: a client
  ML001 leaves, t63d's `Gen(api_key=value)`); `there` says what;
- `project`: none of those, and the module holds no such URL, but a module of its project
  does (an OpenAI URL with an API path, `RunFacts.openai_endpoint_held`), and the value,
  not shown going only where `apply` points it at the provider, reaches a class or function
  imported from the project itself (`project_callee`: `from .chatgpt import
  ChatGPTSession`, or an absolute import from a package the file is in), as an argument or
  inside one (simpleaichat's `ChatGPTSession(auth={"api_key": value})`): it may send the
  key to the URL that other module holds.

A key given in a `**` mapping (`kw = {"api_key": value}`, `kw = dict(api_key=value)` or
`kw["api_key"] = value`, then `f(**kw)`; `f(**{...})`; `self.kw = {...}` spread in a method of
the class; a mapping a function of the module returns, `f(**build())`: `_entry_spreads`)
is judged as the keyword argument of each call spreading it, the mapping's other entries as
that call's keywords (a URL entry `"api_base": None` is OpenAI's); one a function or class of
the module takes in its `**` parameter, at each call spreading that parameter, or, where it
keeps it otherwise, at the call itself as at unknown code (`_Judge.passed_on`). Such a
destination names the `**` argument (`spread`). A key stored on `self` (`self.key = value`)
is followed to the reads of that attribute in its class (`_Judge.attribute`: STORM's
`OpenAIModel(api_key=self.key)` in another method).

The other side, `url_destination`: where the value of a read of OpenAI's base-URL variable
(or OpenAI's URL) goes with a key that stays OpenAI's (`key`: a client or framework class
`apply` leaves, given no key or one left OpenAI's, also as an operand of `key or
os.getenv("OPENAI_API_KEY")`; a dict or call beside such a key), to an SDK client whose key
the program hands it and may be None, where ML003 gives it no fallback (`empty`: r6's `key if
key is not None else get_default_key()`, the SDK then reads OPENAI_API_KEY), to a client or
class `apply` leaves on OpenAI or Azure OpenAI with whatever key it is given (`left`, also
through an attribute of `self` as above), to a framework class calling an API the target
lacks (`unserved`), or to a function or class of the project imported from another module,
whose client this module cannot see, given no key with it (`project`: `get_llm(provider,
**kwargs)`, `project_calls`). Renamed, it would take that key to the target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, cast

import libcst as cst
from libcst.metadata import Assignment, FunctionScope

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import camel, other_sdks
from migrate_llm.frameworks.modules import framework_names, key_holders
from migrate_llm.model import Severity
from migrate_llm.rules.call_parameters import (
    called_function,
    own_arguments,
    passed_value,
    passes_through,
)
from migrate_llm.rules.callee_keys import CalleeClient, callee_client, callee_module
from migrate_llm.rules.env_entry_pairs import key_entry_beside
from migrate_llm.rules.env_names import EnvAccess, EnvNames, own_variables, testing
from migrate_llm.rules.env_roles import base_url_variables, key_variables, switched_keys
from migrate_llm.rules.key_prompts import prefilled_box
from migrate_llm.rules.openai_configs import (
    ConfigTaker,
    builtin_dict,
    entry_write_taker,
    openai_base,
    openai_config_taker,
    points_elsewhere,
    written_settings,
)
from migrate_llm.rules.passed_values import function_calls
from migrate_llm.rules.project_calls import defined_here, project_import
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    last_name,
    self_attribute,
    self_method,
    string_value,
)
from migrate_llm.rules.raw_http import raw_http

if TYPE_CHECKING:
    from migrate_llm.rules.clients import Endpoint

# Calls whose rewrite takes care of a key handed to them: the SDK's clients and every class or
# function the framework tables name.
KNOWN_USERS = frozenset(sdk.CLIENT_CLASSES) | framework_names()
_DEPTH = 3  # functions of the module followed, one inside the other
# the dict entries a key is followed into: named for a key, or a header forwarding one
_KEY_ENTRIES = sdk.KEY_ENTRY_NAMES | frozenset(sdk.FORWARDED_KEY_HEADERS)
# (argument, call or assignment or dict entry, whole): see `_uses`
_Use = tuple[cst.Arg | None, cst.Call | cst.Assign | cst.DictElement, bool]
_STATEMENTS = (cst.BaseStatement, cst.BaseSmallStatement, cst.BaseSuite)


@dataclass(frozen=True)
class Destination:
    """Where the key's value goes that could send it to OpenAI (a call, or for `environment`
    the write of a variable), and which kind it is; for a base URL (`url_destination`), where
    it goes with OpenAI's key."""

    call: cst.Call | cst.Assign | cst.DictElement | cst.BaseString  # for `url`, the URL
    # "foreign" | "client" | "elsewhere" | "framework" | "beside" | "model" | "request" |
    # "left" | "forwarded" | "environment" | "url" | "project" | "local" | "vendor" |
    # "callee" (a class or function of another module whose client apply leaves) |
    # "unmoved" (settings of an unknown library holding no base URL: `unmoved_settings`) |
    # "library" (a library function calling OpenAI's API itself, `openai_callers`) |
    # "v0" (an openai<1
    # setting ML301 leaves for that SDK's code) | "graphrag" (a GraphRAG model entry ML670
    # reports: it stays on OpenAI or Azure OpenAI) | "configured" (the settings of a part of
    # a library's config ML670 reports, mem0's "embedder"); for a base URL, "key" |
    # "empty" | "left" | "unserved" | "paired" | "project" | "entry" (an entry of a mapping
    # named for OpenAI's base-URL variable, beside one for its key: `env_entry_pairs`) |
    # "sdk" (a client of another
    # service's own SDK, `other_sdks`) | "gateway" (a gateway's own client, ML009's) |
    # "default" (a library class given no URL, posting to OpenAI's by default: lagent's GPTAPI)
    kind: str
    url: cst.BaseExpression | None = None  # for `beside` and `elsewhere`, the URL the key goes with
    model: cst.BaseExpression | None = None  # for `model` and `vendor`, the call's model
    # for a base URL's `key`: what gives the key it goes with (None: none is given, the class
    # reads OPENAI_API_KEY; a `**mapping` argument: one that may hold a key); for `paired`,
    # the key read left that another argument of the call holds
    key: cst.BaseExpression | cst.Arg | None = None
    surface: str = ""  # for `unserved`, the API the target lacks ("embeddings")
    # for `left` through an attribute of `self` (`self.api_token = value`): that attribute,
    # and the `**` mapping of `self` that may carry it where the call does not show it
    through: cst.BaseExpression | None = None
    mapping: cst.BaseExpression | None = None
    # the `**` argument that gives the call the key (`f(**kw)`, `kw = {"api_key": value}`)
    spread: cst.Arg | None = None
    # for `default`: the library's class and the OpenAI URL it posts to when given none
    label: str = ""
    # for `foreign`: the settings dict holding the key, given to the call (`openai_configs`),
    # and the base named like OpenAI of a class of the module the call builds
    taker: ConfigTaker | None = None
    base: str = ""
    # for `callee`: what the key reaches in the callee's module (`callee_keys`)
    there: CalleeClient | None = None


def _switched_and_stored(ctx: PythonContext, names: EnvNames) -> tuple[set[int], set[int]]:
    """The raw requests apply switches to the target and the values the module writes to
    OpenAI's variables (by node id): the same for every read of the module, so found once
    (a module of thousands of reads asked for them at each)."""
    found = ctx.analyses.get(_switched_and_stored)
    if found is None:
        switched = {id(r.call) for g in raw_http(ctx).groups if g.ok for r in g.requests}
        stored = {
            id(a.value) for a in names.accesses if a.kind == "write" and names.openai_sources(a)
        }
        found = ctx.analyses[_switched_and_stored] = (switched, stored)
    return cast("tuple[set[int], set[int]]", found)


def risky_destination(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> Destination | None:
    """The first call `read`'s value reaches that could send the provider's key to OpenAI."""
    switched, stored = _switched_and_stored(ctx, names)
    judge = _Judge(ctx, names, switched, stored)
    found = judge.followed(read, _DEPTH)
    if found is None:
        found = _own_routed(ctx, names, judge.uses)
    return found if found is not None else _left_url(ctx, judge.uses, bool(judge.returned))


def _own_routed(ctx: PythonContext, names: EnvNames, uses: list[_Use]) -> Destination | None:
    """For a key whose followed uses (`uses`) show no destination, the first class or
    function of the module given it beside a model on litellm's OpenAI route
    (`Settings("openai/gpt-4o-mini", api_key=value)`, the object handed to code that reads
    `settings.api_key` back), judged as a call of unknown code is (`openai_routed`): the
    same class imported from another module is. Arguments given by position count under
    the names of the parameters they fill (`own_arguments`: crawl4ai's
    `extract_with_llm("openai/gpt-4o", os.getenv(...))` into `api_token`); a parameter
    named otherwise counts as a key where it reaches a key entry (`def make(model, key):
    return LLMConfig(provider=model, api_token=key)`), and so does a position its `*args`
    takes and spreads into a call (`LLMConfig(*args)`: `_keyed_parameter`). Only
    `openai/...`: apply maps a bare OpenAI model written for the module's own client."""
    from migrate_llm.frameworks import litellm as fw

    for arg, holder, whole in uses:
        if not (whole and arg is not None and isinstance(holder, cst.Call)):
            continue
        if not (defined_here(ctx, holder) or called_function(ctx, holder)):
            continue
        named = own_arguments(ctx, holder)
        key = next((name for name, given in named.items() if given is arg), "")
        if key not in sdk.KEY_ENTRY_NAMES and _keyed_parameter(ctx, names, holder, arg):
            key = "api_key"
        entries = {name: given.value for name, given in named.items() if given.keyword is None}
        model = openai_routed(ctx, holder, arg, entries, opaque=True, key=key)
        resolved = ctx.resolve_literal(model) if model is not None else None
        if resolved is not None and fw.route(resolved[1])[0] == fw.OPENAI_PREFIX:
            return Destination(holder, "model", model=model)
    return None


def _keyed_parameter(ctx: PythonContext, names: EnvNames, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` of a call of the module's own function fills a parameter that goes,
    whole, to a key entry of a call or dict (`api_token=key`), or a position its `*args`
    takes and spreads into a call (`LLMConfig(*args)`: where the key goes is not known)."""
    params = _parameters(ctx, call, arg)
    if not params and arg.keyword is None and not arg.star:
        called = called_function(ctx, call)
        star = called[0].params.star_arg if called is not None else None
        if called is not None and isinstance(star, cst.Param):
            index = next(i for i, a in enumerate(call.args) if a is arg)
            bound = [*called[0].params.posonly_params, *called[0].params.params][called[1] :]
            if index >= len(bound) and not any(a.keyword or a.star for a in call.args[:index]):
                return any(
                    isinstance(p := names.parent(ref), cst.Arg) and p.star == "*"
                    for ref in _references(ctx, star, star.name)
                )
    for param in params:
        for ref in _references(ctx, param, param.name):
            for given, holder, whole in _uses(ctx, names, ref, 1, set()):
                entry = holder.key if isinstance(holder, cst.DictElement) else None
                entry = given.keyword if given is not None else entry
                if whole and _entry_name(entry) in sdk.KEY_ENTRY_NAMES:
                    return True
    return False


def risky_among(
    ctx: PythonContext,
    names: EnvNames,
    values: list[cst.CSTNode],
    moving: frozenset[int] = frozenset(),
) -> Destination | None:
    """The first call any of `values` (one key, held in each: a prompt's answer and the
    session-state entries holding it) reaches that could send the provider's key to OpenAI,
    the nodes of `moving` (by id: the call or write being decided, which apply points at the
    provider with the key) aside."""
    switched, stored = _switched_and_stored(ctx, names)
    judge = _Judge(ctx, names, switched, stored, moving=moving)
    return next((f for v in values if (f := judge.followed(v, _DEPTH)) is not None), None)


@dataclass
class _Judge:
    """`risky_destination`'s judgement of each use of a key's value: `switched` the raw
    requests apply points at the provider, `stored` the values written to OpenAI's variables
    (by node id); `uses` those seen, `seen` the values followed (see `_uses`)."""

    ctx: PythonContext
    names: EnvNames
    switched: set[int]
    stored: set[int]
    uses: list[_Use] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    moving: frozenset[int] = frozenset()  # what apply points at the provider with the key
    # the `return`s the value leaves a function by, followed to the calls of it (`_uses`);
    # None: not followed (a parameter another module fills, whose calls here are not its)
    returned: list[cst.Return] | None = field(default_factory=list)

    def followed(
        self, value: cst.CSTNode, depth: int, callers: tuple[cst.Call, ...] = ()
    ) -> Destination | None:
        """The first use of `value` (`_uses`, each kept in `uses`; `callers`, as there) that
        could send the provider's key to OpenAI."""
        for use in _uses(
            self.ctx, self.names, value, depth, self.seen, callers=callers, returned=self.returned
        ):
            self.uses.append(use)
            found = self.use(*use, depth)
            if found is not None:
                return found
        return None

    def use(
        self,
        arg: cst.Arg | None,
        call: cst.Call | cst.Assign | cst.DictElement,
        whole: bool,
        depth: int,
    ) -> Destination | None:
        """Where one use (`_uses`) of the value could send the provider's key to OpenAI."""
        # clients imports the environment rules
        from migrate_llm.rules.clients import names_another_endpoint, run_time_url
        from migrate_llm.rules.legacy_config import left_for_v0

        ctx, names = self.ctx, self.names
        if id(call) in self.moving:
            return None
        given = arg if isinstance(call, cst.Call) else call  # `dict(api_key=value)`'s
        if whole and given is not None and (spread := _left_spread(ctx, names, given)):
            return Destination(spread, "left")  # `kw = {"api_key": value}`, `OpenAI(**kw)`
        if isinstance(call, cst.DictElement):
            if not whole:
                return None
            if _entry_name(call.key) in sdk.FORWARDED_KEY_HEADERS:
                return Destination(call, "forwarded")  # `{"X-OpenAI-Api-Key": value}`
            if not ENV_NAME.match(string_value(call.key) or ""):  # `{"api_key": value, ...}`
                if _graphrag_key(ctx, call.key, names.parent(call)):
                    return Destination(call, "graphrag")
                if _configured_key(ctx, call.key, names.parent(call)):
                    return Destination(call, "configured")
                if (entry := _left_entry(ctx, names, call)) is not None:
                    return entry
                display = names.parent(call)
                holder = ctx.ancestors(display)[-2:] if display is not None else ()
                gateway = holder[0] if len(holder) == 2 else None
                if isinstance(gateway, cst.Call) and _gateway_left(ctx, gateway):
                    return Destination(gateway, "gateway")  # `Portkey(config={"api_key": v})`
                taker = openai_config_taker(ctx, display) if display is not None else None
                if taker is not None:
                    return Destination(taker.call, "foreign", taker=taker, base=taker.base)
                url = _entry_beside(names, call, sdk.URL_ENTRY_NAMES)
                if run_time_url(ctx, url):
                    return Destination(call, "beside", url)
                if url is not None and names_another_endpoint(ctx, url):
                    return Destination(call, "elsewhere", url)  # a Router deployment's too
                if (unmoved := _unmoved(ctx, call)) is not None:
                    return unmoved  # `set_settings("OpenAI", {"model": ..., "auth": value})`
                return self.spreads(call, depth)
            return Destination(call, "environment")  # `{"OPENAI_API_KEY": value}`
        if not isinstance(call, cst.Call):  # `os.environ[X] = value`, `self.x = value`
            if whole and left_for_v0(ctx, call):
                return Destination(call, "v0")  # `openai.api_key = value`, kept for openai<1
            if whole and module_client_left(ctx, call):
                return Destination(call, "left")  # `openai.api_key = value`, audio alone
            if whole and id(call.value) in self.stored and not self.typed_stored(call):
                return Destination(call, "environment")
            if whole and (found := self.state(call, depth)) is not None:
                return found  # `st.session_state.key = value`, read back elsewhere
            if whole and (left := _written_elsewhere(ctx, call)) is not None:
                return Destination(left[0], "elsewhere", left[1])
            if whole and (held := left_through_attribute(ctx, call)) is not None:
                return held
            if whole and (found := self.attribute(call, depth)) is not None:
                return found  # `self.key = value`, `Model(api_key=self.key)`
            if whole and (taker := entry_write_taker(ctx, call)) is not None:
                return Destination(taker.call, "foreign", taker=taker, base=taker.base)
            if whole and (unmoved := _unmoved(ctx, call)) is not None:
                return unmoved  # `cfg["api_key"] = value`, `set_settings("OpenAI", cfg)`
            return self.spreads(call, depth) if whole else None  # `kw["api_key"] = value`
        assert arg is not None
        return self.call(arg, call, whole, depth)

    def call(
        self,
        arg: cst.Arg,
        call: cst.Call,
        whole: bool,
        depth: int,
        entries: dict[str, cst.BaseExpression] | None = None,
        opaque: bool = False,
    ) -> Destination | None:
        """Where `call`, given the value as its argument `arg`, could send the provider's key
        to OpenAI. `entries`: the other entries of the `**` mapping that gives it the key
        (`spreads`), as its keywords; `opaque`: a function or class of the module that keeps
        the key in its `**` parameter (`passed_on`), judged as a call of unknown code."""
        # clients imports the environment rules
        from migrate_llm.rules.clients import (
            endpoint_of,
            falls_back_to_openai,
            names_another_endpoint,
            run_time_url,
        )
        from migrate_llm.rules.framework_autogen import elsewhere_config, left_config
        from migrate_llm.rules.framework_graphiti import config_key_left
        from migrate_llm.rules.langchain_azure_args import left_on_azure as azure_left
        from migrate_llm.rules.library_callers import openai_caller
        from migrate_llm.rules.library_lagent import default_url_key

        ctx = self.ctx
        if whole and (label := default_url_key(ctx, call, arg)) is not None:
            # `GPTAPI(key=value)` with no api_base: lagent posts to OpenAI's URL
            return Destination(call, "default", label=label)
        if _gateway_left(ctx, call):
            # `Portkey(provider="openai", Authorization="Bearer " + value)`: the gateway
            # passes the key on to the service its settings name (ML009)
            return Destination(call, "gateway")
        if id(arg.value) in self.stored:  # `os.environ.setdefault(X, value)`
            return (
                Destination(call, "environment") if whole and not self.typed_stored(call) else None
            )
        # a mapping giving the key beside a base URL that stays with it (not None, not chosen
        # at run time): the two go together, as apply renames a read of OpenAI's variable
        url = _url_argument(call, entries) if entries is not None else None
        along = url is not None and not (_none(url) or run_time_url(ctx, url))
        if whole and other_sdks.foreign_clients(ctx.qualnames(call.func), ctx.rules.provider):
            return Destination(call, "sdk")  # `ZhipuAI(api_key=value)`: that service's key
        if whole and _graphrag_key(ctx, arg.keyword, call):
            return Destination(call, "graphrag")  # `ModelConfig(..., api_key=value)`
        if whole and _configured_key(ctx, arg.keyword, call):
            return Destination(call, "configured")  # `"config": dict(api_key=value)`
        if whole and config_key_left(ctx, call, arg):
            return Destination(call, "left")  # graphiti's `LLMConfig(key, model)`: ML689's
        if whole and openai_caller(ctx, call) is not None:
            return Destination(call, "library")  # `r.recognize_whisper_api(a, api_key=value)`
        if whole and not along and foreign_user(ctx, call, arg, opaque):
            return Destination(call, "foreign")
        keyed = _entry_name(arg.keyword) in sdk.KEY_ENTRY_NAMES
        if whole and keyed and (taker := openai_config_taker(ctx, call)) is not None:
            return Destination(taker.call, "foreign", taker=taker, base=taker.base)  # `dict(...)`
        if whole and keyed and not _parameters(ctx, call, arg) and (base := openai_base(ctx, call)):
            return Destination(call, "foreign", base=base)  # its base takes the key
        if whole and keyed and azure_left(ctx, call) and left_on_openai(ctx, call):
            return Destination(call, "left")  # a plain class built for Azure, left there
        if whole and ctx.constructed_client(call) is None and _left_framework_key(ctx, call, arg):
            return Destination(call, "framework")
        if whole and keyed and (left_on_openai(ctx, call) or left_config(ctx, call) is not None):
            return Destination(call, "left")  # also `dict(model=name, api_key=value)`
        if whole and keyed and elsewhere_config(ctx, call) is not None:
            return Destination(call, "elsewhere")  # `dict(model=..., api_type="azure", ...)`
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
        if whole and (url := _elsewhere(ctx, call, arg)) is not None:
            return Destination(call, "elsewhere", url)
        if whole and keyed and (url := _routed_elsewhere(ctx, call, arg, entries)) is not None:
            return Destination(call, "elsewhere", url)
        if whole and (url := _local_default(ctx, call, arg)) is not None:
            return Destination(call, "local", url)
        if (
            whole
            and client is None
            and keyed
            and not (
                ctx.qualnames(call.func) & KNOWN_USERS or (defined_here(ctx, call) and not opaque)
            )
            and (url := _url_argument(call, entries)) is not None
        ):
            passed = passed_value(ctx, url)
            if run_time_url(ctx, passed):
                return Destination(call, "beside", url)
            if passed is not None and names_another_endpoint(ctx, passed):
                return Destination(call, "elsewhere", url)  # `Client(base_url=OTHER, ...)`
        if (
            whole
            and entries is None
            and builtin_dict(ctx, call)
            and (unmoved := _unmoved(ctx, arg.value))
        ):
            return unmoved  # `cfg = dict(api_key=value)`, `set_settings("OpenAI", cfg)`
        if whole and client is None and (model := openai_routed(ctx, call, arg, entries, opaque)):
            return Destination(call, "model", model=model)
        if whole and entries is None and not opaque and (unmoved := _unmoved(ctx, arg.value)):
            return unmoved  # `.set_settings("model.OpenAI.auth", value)`
        if whole and client is None and (model := vendor_routed(ctx, call, arg, entries, opaque)):
            return Destination(call, "vendor", model=model)
        if whole and client is None and keyed and _endpoint_left(ctx, call, entries):
            return Destination(call, "by_hand")
        if (
            whole
            and client is None
            and not defined_here(ctx, call)
            and (there := callee_client(ctx, call, arg, depth - 1)) is not None
        ):
            return Destination(call, "callee", there=there)  # `Gen(api_key=value)`, imported
        if _http_request(ctx, call) and id(call) not in self.switched:
            return Destination(call, "request")
        if whole and keyed and depth and not opaque and not arg.star and defined_here(ctx, call):
            return self.passed_on(arg, call, depth, entries)
        if whole and keyed and builtin_dict(ctx, call):
            return self.spreads(arg, depth)  # `kw = dict(api_key=value)`, `f(**kw)`
        return None

    def typed_stored(self, write: cst.Call | cst.Assign) -> bool:
        """Whether `write` stores a key typed at a prompt in OpenAI's key variable and ML404
        stores it in the provider's instead (`typed_answers.typed_write_moves`): the key goes
        with it."""
        from migrate_llm.rules.typed_answers import typed_write_moves  # it builds on this

        nodes = [t.target for t in write.targets] if isinstance(write, cst.Assign) else [write]
        accesses = [a for n in nodes if (a := self.names.by_node.get(id(n))) is not None]
        return bool(accesses) and all(typed_write_moves(self.ctx, self.names, a) for a in accesses)

    def state(self, assign: cst.CSTNode, depth: int) -> Destination | None:
        """For `st.session_state.k = value` (also `["k"]`): the reads of that entry of
        Streamlit's session state, each judged as a use of the value."""
        if not depth or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return None
        key = self.names.state_key(assign.targets[0].target)
        for node in state_reads(self.ctx, self.names, key) if key is not None else ():
            found = self.followed(node, depth - 1)
            if found is not None:
                return found
        return None

    def spreads(
        self, holder: cst.DictElement | cst.Assign | cst.Arg, depth: int
    ) -> Destination | None:
        """For the key entry of a dict (`{"api_key": value}`, `dict(api_key=value)`,
        `kw["api_key"] = value`): the
        first call spreading that dict (`f(**kw)`, `f(**self.kw)`: `_entry_spreads`) that could
        send the key to OpenAI, judged as though the key were its keyword argument and the
        dict's other entries its keywords too (`"api_base": None` is OpenAI's URL)."""
        if not depth:
            return None
        for call, star, entries, name, value in _entry_spreads(self.ctx, self.names, holder):
            keyword = cst.Name(name if name.isidentifier() else "api_key")
            arg = cst.Arg(value=value, keyword=keyword)
            found = self.call(arg, call, True, depth - 1, entries)
            if found is None and defined_here(self.ctx, call):
                found = self.parameters(arg, call, depth - 1)
            if found is not None:
                return found if found.spread is not None else replace(found, spread=star)
        return None

    def attribute(self, assign: cst.Assign | cst.DictElement, depth: int) -> Destination | None:
        """For `self.X = value` in a method: the reads of `self.X` in its class, each judged
        as a use of the value (`Model(api_key=self.key)` in another method)."""
        if not depth or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return None
        target = assign.targets[0].target
        if not isinstance(target, cst.Attribute) or not self_attribute(target):
            return None
        for node in _attribute_uses(self.ctx, assign, target.attr.value):
            if node is not target and not _assigned_to(self.ctx, node):
                found = self.followed(node, depth - 1)
                if found is not None:
                    return found
        return None

    def parameters(self, arg: cst.Arg, call: cst.Call, depth: int) -> Destination | None:
        """For a key spread into a function or class of the module (`make(**kw)`), the uses
        of the parameter it fills (`def make(api_key=None)`), judged as `_uses` follows a key
        given by its keyword."""
        for param in _parameters(self.ctx, call, arg) if depth else ():
            for ref in _references(self.ctx, param, param.name):
                found = self.followed(ref, depth - 1, (call,))
                if found is not None:
                    return found
        return None

    def passed_on(
        self,
        arg: cst.Arg,
        call: cst.Call,
        depth: int,
        entries: dict[str, cst.BaseExpression] | None,
    ) -> Destination | None:
        """For a key given to a function or class of the module that takes it in its `**`
        parameter (no parameter of its name): each call spreading that parameter, given the
        key as the call was (`def make(**kw): return OpenAI(**kw)`); where the function keeps
        it otherwise (`self.kwargs = kwargs`), the call itself as one of unknown code."""
        if _parameters(self.ctx, call, arg):
            return None  # `_uses` follows the parameter
        given = {
            a.keyword.value: a.value
            for a in call.args
            if a.keyword is not None and a is not arg and not a.star
        }
        given = {**(entries or {}), **given}
        inner = _kwargs_spreads(self.ctx, self.names, call)
        if inner is None:
            return self.call(arg, call, True, depth - 1, given, opaque=True)
        for spread in inner:
            found = self.call(
                arg, cast(cst.Call, self.names.parent(spread)), True, depth - 1, given
            )
            if found is not None:
                return found if found.spread is not None else replace(found, spread=spread)
        return None


def parameter_destination(
    ctx: PythonContext, param: cst.Param, depth: int, uses: list | None = None
) -> Destination | None:
    """The first use of the parameter `param` of one of the module's functions that could
    send the provider's key to OpenAI: a key another module hands that function
    (`callee_keys`), followed as `risky_destination` follows a read; the uses seen are added
    to `uses`."""
    from migrate_llm.rules.env_names import env_names

    names = env_names(ctx)
    switched, stored = _switched_and_stored(ctx, names)
    judge = _Judge(ctx, names, switched, stored, returned=None)
    try:
        for ref in _references(ctx, param, param.name):
            found = judge.followed(ref, depth)
            if found is not None:
                return found
        return None
    finally:
        if uses is not None:
            uses.extend(judge.uses)


def sdk_key_given(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> cst.Call | None:
    """The SDK client (not Azure's) that takes `read`'s value, whole, as its `api_key=`
    through a name or a parameter of this module's functions (given None there, the client
    reads OPENAI_API_KEY itself); not one holding the read itself, whose key the client
    rules write (ML001, ML003)."""
    inside = {id(node) for node in names.ancestors(read)}
    for arg, call, whole in _uses(ctx, names, read, _DEPTH, set()):
        if not (whole and isinstance(call, cst.Call) and arg is not None) or id(call) in inside:
            continue
        client = ctx.constructed_client(call)
        if client is not None and not client.azure and _entry_name(arg.keyword) == "api_key":
            return call
    return None


def client_key_only(
    ctx: PythonContext, names: EnvNames, value: cst.CSTNode, depth: int = _DEPTH
) -> bool:
    """Whether `value` (a key read) goes only to SDK clients as their `api_key=`: itself,
    through `a or b` and `x if c else y`, and through names of a function it is assigned to
    whose every later use is such (`api_key = api_key or os.environ["OPENAI_API_KEY"]`, then
    `OpenAI(base_url=..., api_key=api_key)`). Such a key reaches no raw request of the module
    (`env_read_facts.untraced`): it is rebuilt with its client. Not where a call of the
    module fills a parameter beside it with a key read (`_given_key_read`): that client
    takes the caller's key too, which may be OpenAI's (t62a r1 b1)."""
    node, parent = value, names.parent(value)
    while isinstance(parent, cst.BooleanOperation) or (
        isinstance(parent, cst.IfExp) and parent.test is not node
    ):
        if isinstance(parent, cst.BooleanOperation) and _given_key_read(ctx, names, parent):
            return False
        node, parent = parent, names.parent(parent)
    if isinstance(parent, cst.Arg):
        call = names.parent(parent)
        return (
            isinstance(call, cst.Call)
            and parent.keyword is not None
            and parent.keyword.value == "api_key"
            and ctx.constructed_client(call) is not None
        )
    if not (isinstance(parent, cst.Assign) and parent.value is node and depth):
        return False
    if len(parent.targets) != 1 or not isinstance(target := parent.targets[0].target, cst.Name):
        return False
    if not isinstance(ctx.scope(target), FunctionScope):
        return False  # a global is read anywhere
    uses = list(_references(ctx, target, target))
    return bool(uses) and all(client_key_only(ctx, names, use, depth - 1) for use in uses)


def _given_key_read(ctx: PythonContext, names: EnvNames, either: cst.BooleanOperation) -> bool:
    """Whether an operand of `either` is a parameter of its function (`api_key or
    os.environ[...]`) that a call of the module fills with a read of an OpenAI key variable,
    through the names it is bound to (`key = os.environ["OPENAI_API_KEY"]`, then `chat([],
    api_key=key)`)."""
    return next(given_key_reads(ctx, names, either), None) is not None


def given_key_reads(
    ctx: PythonContext, names: EnvNames, either: cst.BooleanOperation
) -> Iterator[tuple[EnvAccess, cst.Call]]:
    """(the read, the call) for each read of an OpenAI key variable that a call of the
    module gives a parameter `either` falls back from (`api_key or os.environ[...]`, see
    `_given_key_read`), in the order of the module."""

    params: set[int] = set()
    for operand in (either.left, either.right):
        scope = ctx.scope(operand) if isinstance(operand, cst.Name) else None
        for use in scope.accesses[operand] if scope is not None else ():
            bound = (getattr(r, "node", None) for r in use.referents)
            params.update(id(node) for node in bound if isinstance(node, cst.Param))
    if not params:
        return
    keys = key_variables(ctx)
    for access in names.accesses:
        if access.kind != "read" or not access.names & keys:
            continue
        for arg, call, _whole in _uses(ctx, names, access.node, _DEPTH, set()):
            if arg is None or not isinstance(call, cst.Call):
                continue
            if any(id(p) in params for p in _parameters(ctx, call, arg)):
                yield access, call
                break


def key_uses(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode
) -> Iterator[tuple[cst.Arg | None, cst.CSTNode]]:
    """(argument, call) for each call the value of the key read `read` is given to, through
    the names it is bound to (`_uses`)."""
    for arg, call, _whole in _uses(ctx, names, read, _DEPTH, set()):
        yield arg, call


def handed_left_key(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode, left: Callable[[EnvAccess], bool]
) -> tuple[EnvAccess, cst.Call] | None:
    """The read of an OpenAI key variable that stays OpenAI's (`left`: the key of a raw
    request apply leaves) and the call of the module giving it to a parameter the key read
    `read` is the fallback of (`api_key = api_key or os.environ["OPENAI_API_KEY"]`, `main()`
    calling `chat([], api_key=key)` after `requests.post(..., key)`), if any. The value there
    is OpenAI's key as well as this read's: renamed, this read would move the client it goes
    to, and that client would send OpenAI's key to the provider (t63 leak2)."""
    node, parent = read, names.parent(read)
    while isinstance(parent, cst.BooleanOperation) or (
        isinstance(parent, cst.IfExp) and parent.test is not node
    ):
        if isinstance(parent, cst.BooleanOperation):
            for access, call in given_key_reads(ctx, names, parent):
                if left(access):
                    return access, call
        node, parent = parent, names.parent(parent)
    return None


def value_tested(names: EnvNames, read: cst.CSTNode) -> bool:
    """Whether a name `read`'s value is bound to (`x = read`, `x = a or read`) is tested
    (`if not x:`, `assert x`, `x is None`): a program that skips or stops without a key."""
    ctx = names.ctx
    node, parent = read, names.parent(read)
    while isinstance(parent, (cst.BooleanOperation, cst.IfExp)):
        node, parent = parent, names.parent(parent)
    if not isinstance(parent, (cst.Assign, cst.AnnAssign)) or parent.value is not node:
        return False
    targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
    for target in targets:
        name = target.target
        if not isinstance(name, cst.Name):
            continue
        for use in _references(ctx, name, name):
            if testing(names, use) is not None or isinstance(names.parent(use), cst.Assert):
                return True
            if isinstance(names.parent(use), (cst.Comparison, cst.UnaryOperation)):
                return True
    return False


def _graphrag_key(ctx: PythonContext, key: cst.CSTNode | None, holder: cst.CSTNode | None) -> bool:
    """Whether `key` (a dict entry's key, a keyword) is the key of a GraphRAG model entry
    ML670 reports (`holder`): it goes to OpenAI or Azure OpenAI with the entry."""
    from migrate_llm.frameworks import graphrag
    from migrate_llm.rules.library_graphrag import graphrag_site

    named = key.value if isinstance(key, cst.Name) else string_value(key) if key else None
    return named == graphrag.KEY_KEY and graphrag_site(ctx, holder) is not None


def _configured_key(
    ctx: PythonContext, key: cst.CSTNode | None, holder: cst.CSTNode | None
) -> bool:
    """Whether `key` is the key setting of a part of a library's config that ML670 reports
    (`holder` its settings: mem0's `"embedder": {"provider": "openai", "config": {"api_key":
    ...}}`): it goes to OpenAI with the part."""
    from migrate_llm.rules.library_configs import configured_key

    return configured_key(ctx, key, holder)


def _left_entry(
    ctx: PythonContext, names: EnvNames, element: cst.DictElement
) -> Destination | None:
    """For the key entry of a dict display: an AutoGen entry that ML660 leaves on OpenAI
    (`left`) or skips as sending elsewhere (`elsewhere`: Azure, another provider), or the
    `**params` or Router deployment that gives a litellm call or Router a model chosen at run
    time (`model`: ML640 leaves it); else None."""
    from migrate_llm.rules.framework_autogen import elsewhere_config, left_config
    from migrate_llm.rules.framework_litellm import run_time_params

    if _entry_name(element.key) not in sdk.KEY_ENTRY_NAMES:
        return None
    holder = names.parent(element)
    if left_config(ctx, holder) is not None:
        return Destination(element, "left")
    if elsewhere_config(ctx, holder) is not None:
        return Destination(element, "elsewhere")
    routed = run_time_params(ctx, holder)
    if routed is not None:
        return Destination(routed.call, "model", model=routed.model)
    model = _openai_route_entry(ctx, holder)
    return Destination(element, "model", model=model) if model is not None else None


def _openai_route_entry(
    ctx: PythonContext, holder: cst.CSTNode | None
) -> cst.BaseExpression | None:
    """The value of an entry of the dict display `holder` naming a model on litellm's OpenAI
    route (`"openai/..."`) under any key: the key beside it goes where that model does, to
    OpenAI (crawl4ai's `{"provider": "openai/text-embedding-3-small", "api_token": KEY}`:
    renamed, the provider's key went to OpenAI with check silent, t66g). None where an
    entry gives the target's base URL (`"api_base": "https://api.deepseek.com/v1"`), and for
    a Router deployment's `litellm_params` whose model ML640 moves (review r2 t5)."""
    from migrate_llm.frameworks import litellm as fw

    if not isinstance(holder, cst.Dict):
        return None
    above = ctx.ancestors(holder)
    entry = above[-1] if above else None
    deployment = isinstance(entry, cst.DictElement) and _entry_name(entry.key) == fw.ROUTER_PARAMS
    for element in holder.elements:
        if (
            isinstance(element, cst.DictElement)
            and _entry_name(element.key) in sdk.URL_ENTRY_NAMES
            and _target_url(ctx, element.value)
        ):
            return None
    for element in holder.elements:
        if not isinstance(element, cst.DictElement):
            continue
        resolved = ctx.resolve_literal(element.value)
        head, model = fw.route(resolved[1]) if resolved is not None else ("", "")
        if head == fw.OPENAI_PREFIX and not (deployment and ctx.rules.map_model(model)):
            return element.value
    return None


def _left_url(ctx: PythonContext, uses: list[_Use], returned: bool = False) -> Destination | None:
    """For a key whose uses (`uses`) the module does not show going only where `apply`
    points them at the provider (`_moved`: returned from a function or a property, stored on
    `self`, put in headers; `returned`: a function returns it, whose callers in other
    modules are not shown), the first OpenAI URL of the module that `apply` leaves
    (`urls_left`), as a `url` destination: the key may be sent there (the Agents SDK's
    tracing exporter and its realtime `wss://` URL). Where the module holds none but a
    module of its project holds an OpenAI URL with an API path, the first call of a class or
    function imported from the project that the key reaches (`project_callee`), as a
    `project` destination: it may send the key to that URL."""
    from migrate_llm.rules.library_callers import caller_calls, given_key
    from migrate_llm.rules.openai_urls import urls_left  # it imports the environment rules

    if uses and not returned and all(_moved(ctx, arg, holder) for arg, holder, _ in uses):
        return None
    for call, caller in caller_calls(ctx):
        if given_key(call, caller) is not None:
            return Destination(call, "library")  # `recognize_whisper_api(api_key=cfg.key)`
    left = urls_left(ctx)
    if left:
        return Destination(cast(cst.BaseString, left[0][0]), "url")
    if not (ctx.rules.facts.openai_endpoint_held and ctx.rules.switching):
        return None
    for arg, holder, _ in uses:
        if isinstance(holder, cst.Call) and arg is not None and project_callee(ctx, holder):
            return Destination(holder, "project")
    return None


def project_callee(ctx: PythonContext, call: cst.Call) -> str | None:
    """The qualified name of the class or function `call` calls, where the module imports it
    from another module of the project (`project_calls.project_import`: `from .chatgpt
    import ChatGPTSession` -> `.chatgpt.ChatGPTSession`, or an absolute import of the
    project's own package); not an SDK client nor a name of the framework tables. None
    otherwise."""
    names = ctx.qualnames(call.func)
    if names & KNOWN_USERS or ctx.constructed_client(call) is not None:
        return None
    module = project_import(ctx, call)
    if module is None:
        return None
    return next((n for n in sorted(names) if n.startswith(module)), module)


def _moved(
    ctx: PythonContext, arg: cst.Arg | None, holder: cst.Call | cst.Assign | cst.DictElement
) -> bool:
    """Whether a key given to `holder` goes where `apply` points it at the provider: as the
    key of an SDK client or a framework class it moves to the provider, into
    `openai.api_key`, or to a function or class of the module (whose uses of the parameter
    are followed)."""
    from migrate_llm.rules.clients import endpoint_of
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint

    if isinstance(holder, cst.Assign):
        return _sets_module_key(ctx, holder) and not module_client_left(ctx, holder)
    if not isinstance(holder, cst.Call) or arg is None:
        return False
    if defined_here(ctx, holder):
        return True
    if arg.keyword is None or left_on_openai(ctx, holder):
        return False
    client = ctx.constructed_client(holder)
    if client is not None:
        return arg.keyword.value == "api_key" and (
            client.azure or endpoint_of(ctx, holder).kind == "openai"
        )
    cls = any_framework_class(ctx, holder)
    return (
        cls is not None
        and arg.keyword.value in cls.key
        and endpoint(ctx, holder, cls.base_url).kind == "openai"
    )


def _elsewhere(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> cst.BaseExpression | None:
    """The base URL of an SDK client or framework class whose key argument is `arg`, where
    that URL may be another provider's or the program's own server (`names_another_endpoint`:
    `self.api_url = api_base or "https://api.x.ai/v1"`): the rules leave such a call, and the
    key it is given goes there. None otherwise."""
    from migrate_llm.rules.clients import _UNKNOWN, names_another_endpoint, setting
    from migrate_llm.rules.framework_classes import any_framework_class

    if arg.keyword is None:
        return None
    url: cst.BaseExpression | None = None
    if ctx.constructed_client(call) is not None:
        if arg.keyword.value == "api_key":
            url = setting(ctx, call, "base_url")
    elif (cls := any_framework_class(ctx, call)) is not None and arg.keyword.value in cls.key:
        url = next(
            (v for name in cls.base_url if (v := setting(ctx, call, name)) is not None), None
        )
    if url is None or url is _UNKNOWN:
        return None
    return url if names_another_endpoint(ctx, url) else None


def _routed_elsewhere(
    ctx: PythonContext,
    call: cst.Call,
    arg: cst.Arg,
    entries: dict[str, cst.BaseExpression] | None,
) -> cst.BaseExpression | None:
    """The base URL of a litellm or DSPy call (`framework_litellm.model_call`) whose key
    argument is `arg`, where that URL is neither OpenAI's (ML640 then points the call at the
    provider, key and URL together) nor the target's (its URL, or its base-URL variable): a
    proxy read from a variable of the program's own (`api_base=os.environ["LLM_PROXY_URL"]`),
    another host, a value chosen at run time. ML640 leaves such a call, and the key it is
    given goes to that URL. `entries`: those of the `**` mapping giving it the key. None
    otherwise."""
    from migrate_llm.rules.framework_litellm import endpoint_kind, model_call, shown_bases

    found = model_call(ctx, call)
    if found is None or _entry_name(arg.keyword) != found.key.lower():
        return None
    urls = shown_bases(ctx, call, found)
    urls += [v for k, v in (entries or {}).items() if k in found.bases]
    return next(
        (
            u
            for u in urls
            if endpoint_kind(ctx, (v := _bound(ctx, u))) != "openai" and not _target_url(ctx, v)
        ),
        None,
    )


def _bound(ctx: PythonContext, url: cst.BaseExpression) -> cst.BaseExpression:
    """`url`, or the value a name of it is bound to (`base = os.getenv("OPENAI_BASE_URL")`,
    then `api_base=base`): a read of OpenAI's base-URL variable through a name is OpenAI's, as
    ML401 on that read says (key and URL pointed at the provider together)."""
    for _ in range(3):
        if not isinstance(url, cst.Name) or (value := ctx.bound_value(url)) is None:
            break
        url = value
    return url


def _target_url(ctx: PythonContext, url: cst.BaseExpression) -> bool:
    """Whether a base URL is the target's: its URL, or a read of a variable its file names
    as its own (`Provider.variables`: DeepSeek's DEEPSEEK_BASE_URL, litellm's
    DEEPSEEK_API_BASE)."""
    from migrate_llm.rules.clients import endpoint_of_value, env_var_read

    provider = ctx.rules.provider
    read = env_var_read(ctx, url)
    if provider is not None and read is not None and read[0] in provider.variables:
        return ctx.rules.switching
    return _at_target(ctx, endpoint_of_value(ctx, url))


def _local_default(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> cst.BaseExpression | None:
    """The base URL of an SDK client or framework class whose key argument is `arg`, where it
    reads an OpenAI base-URL variable that defaults to a server on this machine
    (`os.getenv("OPENAI_BASE_URL", "http://localhost:1234/v1")`, gpt-researcher's "custom"
    embeddings): renamed with the key, the provider's key would go to that server while the
    provider's base-URL variable is unset. None otherwise."""
    from migrate_llm.rules.clients import env_var_read, local_default_url, setting
    from migrate_llm.rules.framework_classes import any_framework_class

    if arg.keyword is None:
        return None
    names: tuple[str, ...] = ()
    if ctx.constructed_client(call) is not None:
        names = ("base_url",) if arg.keyword.value == "api_key" else ()
    elif (cls := any_framework_class(ctx, call)) is not None and arg.keyword.value in cls.key:
        names = cls.base_url
    for name in names:
        url = setting(ctx, call, name)
        if not isinstance(url, cst.BaseExpression):
            continue
        read = env_var_read(ctx, url)
        if (
            read is not None
            and read[0] in base_url_variables(ctx)
            and local_default_url(ctx, url) is not None
        ):
            return url
    return None


def _written_elsewhere(
    ctx: PythonContext, node: cst.Assign | cst.DictElement
) -> tuple[cst.Call, cst.BaseExpression] | None:
    """For `client.api_key = value`, a construction the client may hold whose base URL may be
    another provider's or the program's own server (`_elsewhere`), with that URL: the key
    written goes there, as one passed to the construction would. None otherwise."""
    from migrate_llm.rules.client_writes import held_constructions
    from migrate_llm.rules.clients import _UNKNOWN, names_another_endpoint, setting

    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if not isinstance(target, cst.Attribute) or target.attr.value != "api_key":
        return None
    client = ctx.receiver_client(target.value)
    if client is None or client.azure:
        return None
    for call in held_constructions(ctx, target.value):
        url = setting(ctx, call, "base_url") if call is not None else None
        if (
            call is not None
            and url is not None
            and url is not _UNKNOWN
            and names_another_endpoint(ctx, url)
        ):
            return call, url
    return None


def left_through_attribute(ctx: PythonContext, node: cst.CSTNode) -> Destination | None:
    """For `self.X = value` in a method, the first Azure client construction of its class
    that `apply` leaves on Azure OpenAI (`left_on_openai`: ML002's manual finding) and that
    may be given `self.X` (`attribute_clients`), as a `left` destination through that
    attribute: pandas-ai's `self.api_token = api_token or os.getenv("AZURE_OPENAI_API_KEY")
    or os.getenv("OPENAI_API_KEY")`, given to `AzureOpenAI(**self._client_params)`. So is a
    plain client ML003 leaves on OpenAI, its every request to an API the target does not
    serve (`unserved_left`)."""
    from migrate_llm.rules.clients import unserved_left

    for call, mapping in attribute_clients(ctx, node):
        client = ctx.constructed_client(call)
        if client is None:
            continue
        if (client.azure and left_on_openai(ctx, call)) or unserved_left(ctx, call):
            target = cast(cst.Assign, node).targets[0].target
            return Destination(call, "left", through=target, mapping=mapping)
    return None


def _left_client_write(ctx: PythonContext, node: cst.CSTNode) -> Destination | None:
    """For `client.base_url = value`, a construction `client` may hold that `apply` leaves to
    a person (`client_left`: self-operating-computer's client given a key that may hold
    OPENAI_API_KEY), as a `left` destination."""
    from migrate_llm.rules.client_writes import held_constructions
    from migrate_llm.rules.clients import client_left

    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if not isinstance(target, cst.Attribute) or target.attr.value != "base_url":
        return None
    for call in held_constructions(ctx, target.value):
        if call is not None and client_left(ctx, call):
            return Destination(call, "left")
    return None


def on_azure(ctx: PythonContext, call: cst.CSTNode) -> bool:
    """Whether `call` builds an Azure OpenAI client or framework class."""
    from migrate_llm.rules.framework_classes import any_framework_class
    from migrate_llm.rules.langchain_azure_args import left_on_azure as azure_left

    if not isinstance(call, cst.Call):
        return False
    client = ctx.constructed_client(call)
    if client is not None:
        return client.azure
    cls = any_framework_class(ctx, call)
    return cls is not None and (bool(cls.azure) or azure_left(ctx, call))


def other_client(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode, left: cst.CSTNode, url: bool = False
) -> cst.Call | None:
    """The first SDK client construction that the value of `read` reaches as its key (with
    `url`, its base URL), directly or through an attribute of `self` (`attribute_clients`),
    other than `left` and the Azure clients `apply` leaves on Azure: it goes there too."""

    def other(call: cst.Call) -> bool:
        client = ctx.constructed_client(call)
        return (
            call is not left
            and client is not None
            and not (client.azure and left_on_openai(ctx, call))
        )

    entries = sdk.URL_ENTRY_NAMES if url else sdk.KEY_ENTRY_NAMES
    uses = _url_uses(ctx, names, read) if url else _uses(ctx, names, read, _DEPTH, set())
    for arg, call, _ in uses:
        if isinstance(call, cst.Assign):
            found = next((c for c, _ in attribute_clients(ctx, call) if other(c)), None)
            if found is not None:
                return found
        elif (
            isinstance(call, cst.Call)
            and arg is not None
            and _entry_name(arg.keyword) in entries
            and other(call)
        ):
            return call
    return None


def attribute_clients(
    ctx: PythonContext, node: cst.CSTNode
) -> list[tuple[cst.Call, cst.BaseExpression | None]]:
    """For `self.X = value` in a method, the SDK client constructions of its class that may be
    given `self.X`, in the order of the text: among their arguments (also the entries of a
    `**` mapping a property or method of the class returns, pandas-ai's `return {"api_key":
    self.api_token, ...}`: None beside them), or through such a mapping the module does not
    show whole (merging `super()._client_params`, built in another module, directly or
    through a name: that mapping beside them)."""
    memo = cast(
        "dict[int, list[tuple[cst.Call, cst.BaseExpression | None]]]",
        ctx.analyses.setdefault(attribute_clients, {}),
    )
    found = memo.get(id(node))
    if found is None:
        found = memo[id(node)] = _attribute_clients(ctx, node)
    return found


def _attribute_clients(
    ctx: PythonContext, node: cst.CSTNode
) -> list[tuple[cst.Call, cst.BaseExpression | None]]:
    # clients imports the environment rules
    from migrate_llm.rules.clients import kwargs_of, mapping_builder

    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return []
    target = node.targets[0].target
    if not isinstance(target, cst.Attribute) or not self_attribute(target):
        return []
    klass = next((n for n in reversed(ctx.ancestors(node)) if isinstance(n, cst.ClassDef)), None)
    if klass is None:
        return []
    attr = target.attr.value
    found: list[tuple[cst.Call, cst.BaseExpression | None]] = []
    start = ctx.index_of(klass)
    for call in ctx.nodes[start : ctx.ends[start]]:
        if not isinstance(call, cst.Call) or ctx.constructed_client(call) is None:
            continue
        kwargs = kwargs_of(ctx, call)
        values = [a.value for a in call.args if not a.star]
        if kwargs is not None:
            values += kwargs.entries.values()
            builder = mapping_builder(ctx, kwargs.arg.value)  # also `kw = self._params()`
            if not kwargs.complete and builder is not None and self_method(builder) is not None:
                found.append((call, kwargs.arg.value))
                continue
        if any(_mentions_attribute(ctx, v, attr) for v in values):
            found.append((call, None))
    return found


def _mentions_attribute(ctx: PythonContext, expr: cst.BaseExpression, attr: str) -> bool:
    """Whether `self.<attr>` appears anywhere in `expr`."""
    start = ctx.index_of(expr)
    return any(
        isinstance(n, cst.Attribute) and n.attr.value == attr and self_attribute(n)
        for n in ctx.nodes[start : ctx.ends[start]]
    )


def _gateway_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` constructs a gateway's own client (`gateways.GATEWAY_CLIENTS`) not
    pointed at the provider (`provider_setting`): apply leaves it, and what it is given goes
    to the gateway, which passes its key on to the service its settings name (ML009)."""
    from migrate_llm.rules.gateway_clients import gateway_client, provider_setting

    return gateway_client(ctx, call) is not None and provider_setting(ctx, call) is None


def _left_framework_key(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` is the key argument of a framework class's construction that the class
    rules leave talking to OpenAI (an API the target lacks, a plan they cannot make, a key
    they do not replace: `left_on_openai`) or to a base URL chosen at run time (OpenAI's when
    it is None)."""
    from migrate_llm.rules.clients import run_time_url
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint, first_keyword

    cls = any_framework_class(ctx, call)
    if cls is None or cls.azure or arg.keyword is None or arg.keyword.value not in cls.key:
        return False  # an Azure class's: `left_on_openai`
    where = endpoint(ctx, call, cls.base_url)
    if where.kind == "openai":
        return left_on_openai(ctx, call)
    # the class rules rewrite only a class talking to OpenAI: one on a run-time URL is left
    given = first_keyword(call, cls.base_url)
    return (
        ctx.rules.switching
        and where.kind == "dynamic"
        and (given is None or run_time_url(ctx, given.value))
    )


def _v0_base(ctx: PythonContext, assign: cst.Assign) -> Destination | None:
    """`openai.api_base = <the read>` on a line ML301 leaves for the module's openai<1 code
    (`legacy_config.left_for_v0`), where the key openai<1 sends with it may be OpenAI's: the
    module sets none (openai<1 read OPENAI_API_KEY at import) or one not read from the
    provider's key variable (the key line is left too). Renamed alone, the base URL would
    take that key to the provider (t62c: GPTCache's OpenAI embeddings)."""
    from migrate_llm.rules.clients import env_var_read
    from migrate_llm.rules.legacy_config import left_for_v0

    provider = ctx.rules.provider
    target = assign.targets[0].target if len(assign.targets) == 1 else None
    if provider is None or not isinstance(target, cst.Attribute):
        return None
    if target.attr.value != "api_base" or not left_for_v0(ctx, assign):
        return None
    keys = [a.value for attr, a in ctx.index.config_assigns if attr == "api_key"]
    for value in keys:
        read = env_var_read(ctx, value)
        if read is None or read[0] != provider.api_key_env:
            return Destination(assign, "v0", key=value)
    return None if keys else Destination(assign, "v0")


def _attribute_of(node: cst.CSTNode) -> str | None:
    """`X` for `self.X = value`; None for another statement."""
    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
        return target.attr.value if target.value.value == "self" else None
    return None


def _left_v0_request(
    ctx: PythonContext, node: cst.CSTNode, attribute: str | None
) -> Destination | None:
    """An openai<1 request apply leaves as it is, for an API the target lacks
    (`legacy.support_of`: an error), given the base URL as `api_base=`: `node` itself, or
    (`attribute`) one given `api_base=self.<attribute>` in the module. It goes on with
    openai<1's `openai.api_key`, OpenAI's: the base URL must stay OpenAI's with it."""
    from migrate_llm.rules.legacy import support_of

    if attribute is None:
        calls = [node] if isinstance(node, cst.Call) else []
    else:
        calls = [
            c
            for c in ctx.nodes
            if type(c) is cst.Call
            and any(
                _entry_name(a.keyword) == "api_base"
                and isinstance(a.value, cst.Attribute)
                and isinstance(a.value.value, cst.Name)
                and a.value.value.value == "self"
                and a.value.attr.value == attribute
                for a in c.args
            )
        ]
    for call in calls:
        assert isinstance(call, cst.Call)
        legacy = ctx.called_legacy(call)
        if legacy is None:
            continue
        verdict = support_of(ctx, legacy)
        if verdict is not None and verdict[0] is Severity.ERROR:
            surface = sdk.LEGACY_SURFACE.get(legacy[0], legacy[0].lower())
            return Destination(call, "unserved", surface=surface)
    return None


def url_destination(
    ctx: PythonContext,
    names: EnvNames,
    read: cst.CSTNode,
    kept: Callable[[cst.BaseExpression], bool],
) -> Destination | None:
    """The first call or dict that the value of `read`, a read of OpenAI's base-URL variable,
    reaches (as it is, through names, `url.rstrip("/")`, the module's functions, or an entry
    `d["base_url"] = value` of a mapping spread into a call) where, renamed, it would take
    OpenAI's key to the target: a client or framework class that `apply` leaves (ML001 or
    the class rules do not point it at the target) sending the key it is given or reads,
    OPENAI_API_KEY; a framework class calling an API the target's `[supports]` table marks
    false (`unserved`); a function or class of the project imported from another module,
    given it with no key (`project`, see `_project_handoff`); or a call or dict display with a
    key argument or entry beside it. A key stays OpenAI's when given none (the SDK's clients
    and the framework classes read OPENAI_API_KEY), in a mapping that may hold one, or where
    `kept` says so (a read of an OpenAI variable that apply leaves, a real key written in the
    code). A client or class `apply` leaves on OpenAI or Azure OpenAI (`left_on_openai`: an
    Azure client ML002 leaves to a person, crewAI's `LLM()` ML690 leaves) keeps whatever key
    it is given (`left`). The key a request carries and the host it goes to change together."""
    from migrate_llm.rules.clients import endpoint_of, unswitched_key
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint, unserved_surface
    from migrate_llm.rules.kwargs_fill import kwargs_fill
    from migrate_llm.rules.url_keys import name_left, other_service_key  # imports this one

    rules = ctx.rules
    if rules.provider is None or not rules.switching:
        return None

    def _foreign_key(given: cst.BaseExpression | cst.Arg | None) -> bool:
        # another registry provider's key variable (DEEPSEEK_API_KEY, Zhipu the target):
        # ML001 leaves that client (`service`), so its URL is no OpenAI one to switch (r2 t3)
        return isinstance(given, cst.BaseExpression) and any(
            other_service_key(ctx, names, part) is not None for part in _key_parts(given)
        )

    for arg, call, whole in _url_uses(ctx, names, read):
        if isinstance(call, (cst.Call, cst.DictElement)):
            # `Profile(env_var="OPENAI_API_KEY", api_base=value, ...)`, the name left (t65)
            name = name_left(ctx, call, read)
            if name is not None:
                return Destination(call, "key", key=name)
        if isinstance(call, cst.DictElement):  # `{"base_url": value, "api_key": ...}`
            key = _entry_beside(names, call, sdk.KEY_ENTRY_NAMES)
            if key is not None and kept(key):
                return Destination(call, "key", key=key)
            entry = _named_key_left(ctx, names, call)
            if entry is not None:
                return Destination(call, "key", key=entry)
            continue
        if not isinstance(call, cst.Call):
            if whole and (v0 := _v0_base(ctx, call)) is not None:
                return v0  # `openai.api_base = value`, kept for openai<1 with OpenAI's key
            if whole and (stays := _left_v0_request(ctx, call, _attribute_of(call))) is not None:
                return stays  # `self.api_base = value`, `Embedding.create(api_base=self.api_base)`
            held = (
                (left_through_attribute(ctx, call) or _left_client_write(ctx, call))
                if whole
                else None
            )
            if held is not None:
                return replace(held, key=_given_key(ctx, cast(cst.Call, held.call), ("api_key",)))
            # `env["OPENAI_BASE_URL"] = value` beside `env["OPENAI_API_KEY"] = key`: a child
            # process's openai SDK reads the two together (RD-Agent's fine-tuning env)
            keyed = key_entry_beside(ctx, call, key_variables(ctx)) if whole else None
            if keyed is not None and kept(keyed):
                return Destination(call, "entry", key=keyed)
            continue
        if arg is not None and _entry_name(arg.keyword) == "api_base":
            stays = _left_v0_request(ctx, call, None)
            if stays is not None:
                return stays  # `openai.Embedding.create(api_base=value)`, left on openai<1
        if arg is not None and _http_request(ctx, call):
            surface = _unserved_path(ctx, names, arg.value)
            if surface is not None:
                return Destination(call, "unserved", surface=surface)
        if other_sdks.foreign_clients(ctx.qualnames(call.func), ctx.rules.provider):
            # another service's own SDK (`zhipuai.ZhipuAI(api_key=key, base_url=url)`): its
            # key is that service's, whatever gives it (t58b D1); the target's own SDK
            # (`[detect] sdk_clients`) takes the target's key and base URL
            return Destination(call, "sdk", key=_given_key(ctx, call, ("api_key",)))
        client = ctx.constructed_client(call)
        cls = any_framework_class(ctx, call) if client is None else None
        given: cst.BaseExpression | cst.Arg | None
        left = False  # a key given to a call apply leaves stays whatever it is
        if client is not None:
            left = left_on_openai(ctx, call)  # an Azure client ML002 leaves, say
            given = _given_key(ctx, call, ("api_key",))
            if endpoint_of(ctx, call).kind == "openai" and not left and not _foreign_key(given):
                continue  # ML001 gives it the target's key and base URL
        elif cls is not None:
            left = left_on_openai(ctx, call)
            if endpoint(ctx, call, cls.base_url).kind == "openai" and not left:
                continue  # the class rules give it the target's key and base URL
            if kwargs_fill(ctx, call, cls) is not None:
                continue  # ML601 gives its `**kwargs` the target's key and base URL
            surface = unserved_surface(ctx, cls)
            if surface is not None:
                return Destination(call, "unserved", surface=surface)
            given = _given_key(ctx, call, cls.key)
        elif ctx.mentions("crewai") and (crewai := _crewai_left(ctx, call)) is not None:
            if not crewai:
                continue  # ML690 gives it the target's model, key and base URL
            left, given = True, _given_key(ctx, call, ("api_key",))
        else:
            # another library's call (litellm's too: a key kept there keeps the URL)
            named = next(
                (a for a in call.args if _entry_name(a.keyword) in sdk.KEY_ENTRY_NAMES), None
            )
            if named is None or defined_here(ctx, call):
                # the module's own functions are followed inside; a key read apply leaves
                # in another argument goes with the URL all the same (AutoGen's
                # `get_config_list(api_keys=os.environ.get("OPENAI_API_KEY", "").split(),
                # base_urls=base_urls)`)
                paired = next((k for k in key_reads_beside(ctx, names, call, arg) if kept(k)), None)
                if paired is not None:
                    return Destination(call, "paired", key=paired)
                handed = _project_handoff(ctx, names, call, arg, whole, kept)
                if handed is not None:
                    return handed
                continue
            given = named.value
        if given is None or isinstance(given, cst.Arg) or any(map(kept, _key_parts(given))):
            return Destination(call, "key", key=given)
        if left:
            return Destination(call, "left", key=given)
        if client is not None and unswitched_key(ctx, call) is not None:
            return Destination(call, "empty", key=given)  # None there: OPENAI_API_KEY
    return None


def _unserved_path(ctx: PythonContext, names: EnvNames, url: cst.BaseExpression) -> str | None:
    """The API the target's `[supports]` marks false that an HTTP request's URL, a base URL
    plus a path the module writes (`f"{api_base}/audio/transcriptions"`, `base + "/audio/
    speech"`, also through a name bound to one), asks for (`rest_surface`); None otherwise."""
    from migrate_llm.rules.raw_http import rest_surface  # it builds on this module

    provider = ctx.rules.provider
    if isinstance(url, cst.Name):
        held = names.values(url)
        url = held[0] if held is not None and len(held) == 1 else url
    path = None
    if isinstance(url, cst.FormattedString) and len(url.parts) >= 2:
        after = url.parts[1]
        if isinstance(url.parts[0], cst.FormattedStringExpression):
            path = after.value if isinstance(after, cst.FormattedStringText) else None
    elif isinstance(url, cst.BinaryOperation) and isinstance(url.operator, cst.Add):
        path = string_value(url.right)
    if provider is None or not path or not path.startswith("/"):
        return None
    surface = rest_surface(path.split("?", 1)[0])
    return surface if surface is not None and provider.support(surface) is False else None


def _named_key_left(
    ctx: PythonContext, names: EnvNames, element: cst.DictElement
) -> cst.BaseExpression | None:
    """The name of an entry beside `element` named for OpenAI's key variable (`{
    "OPENAI_BASE_URL": url, "OPENAI_API_KEY": None}`, filled from the environment by the name)
    that ML401 leaves (`name_renamed`): the entry holds OpenAI's key at run time."""
    from migrate_llm.rules.key_entry_names import name_renamed  # it imports this module

    holder = names.parent(element)
    if not isinstance(holder, cst.Dict):
        return None
    for entry in holder.elements:
        if (
            isinstance(entry, cst.DictElement)
            and entry is not element
            and string_value(entry.key) in sdk.KEY_VARS_TO_SWITCH
            and not name_renamed(ctx, names, entry.key)
        ):
            return entry.key
    return None


def _project_handoff(
    ctx: PythonContext,
    names: EnvNames,
    call: cst.Call,
    arg: cst.Arg | None,
    whole: bool,
    kept: Callable[[cst.BaseExpression], bool],
) -> Destination | None:
    """For a base URL given to a function or class of the project imported from another
    module (`project_import`: `get_llm(provider, **kwargs)`, whose `ChatOpenAI(**kwargs)` this
    module cannot see), as an argument, in a `**mapping` or in a dict: `project` where the
    module gives no key with it (a client built there reads OPENAI_API_KEY, or keeps the key it
    is given), `key` where the key given with it stays OpenAI's; None where the call is none
    of those or the module gives a key `apply` points at the target with it."""
    if arg is None or project_import(ctx, call) is None:
        return None
    mapping = _dict_given(names, arg.value) if not arg.star else None
    if not (whole or arg.star == "**" or mapping is not None):
        return None  # a larger value holding it (`f"{url}/v1"`, a log line)
    key = _key_handed(ctx, call, mapping)
    if key is None:
        return Destination(call, "project")
    if any(map(kept, _key_parts(key))):
        return Destination(call, "key", key=key)
    return None


def _dict_given(names: EnvNames, value: cst.BaseExpression) -> cst.Dict | None:
    """The dict display given as `value`, itself or through a name bound only to it, where it
    has an entry named for a base URL."""
    if isinstance(value, cst.Name):
        held = names.values(value)
        value = held[0] if held is not None and len(held) == 1 else value
    if isinstance(value, cst.Dict) and any(
        isinstance(e, cst.DictElement) and _entry_name(e.key) in sdk.URL_ENTRY_NAMES
        for e in value.elements
    ):
        return value
    return None


def _key_handed(
    ctx: PythonContext, call: cst.Call, mapping: cst.Dict | None
) -> cst.BaseExpression | None:
    """The key the module gives a call with a base URL: a keyword argument named for a key,
    or naming the variable to read the key from (`Profile(env_var="OPENAI_API_KEY",
    api_base=URL)`, a record of a class imported from the project: `url_keys.key_name`, whose
    name ML401 renames with the record's URLs or leaves with them, `name_moves`), an entry
    so named of its `**mapping` (`kwargs["openai_api_key"] = ...`), or of the dict `mapping`
    given to it."""
    from migrate_llm.rules.clients import kwargs_of
    from migrate_llm.rules.url_keys import key_name  # it imports this module

    entries = [(a.keyword.value, a.value) for a in call.args if a.keyword is not None]
    spread = kwargs_of(ctx, call)
    entries += list(spread.entries.items()) if spread is not None else []
    if mapping is not None:
        entries += [
            (string_value(e.key) or "", e.value)
            for e in mapping.elements
            if isinstance(e, cst.DictElement)
        ]
    key = next((v for k, v in entries if k.lower() in sdk.KEY_ENTRY_NAMES), None)
    return key if key is not None else next((v for k, v in entries if key_name(k, v)), None)


def _key_parts(key: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """`key`, and the operands of a chain of `or`s and the branches of `x if c else y` in it
    (`key or os.getenv("OPENAI_API_KEY")`): a read ML401 leaves there keeps OpenAI's key."""
    yield key
    if isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or):
        yield from _key_parts(key.left)
        yield from _key_parts(key.right)
    elif isinstance(key, cst.IfExp):
        yield from _key_parts(key.body)
        yield from _key_parts(key.orelse)


def keys_beside_url(
    ctx: PythonContext, names: EnvNames, read: cst.CSTNode
) -> Iterator[tuple[cst.Call | cst.DictElement, cst.BaseExpression]]:
    """The key given beside the value of `read`, a read of OpenAI's base-URL variable, in each
    call or dict display that value reaches (as `url_destination` follows it), with the call
    or the URL's entry: the key argument (a client's or framework class's, or one named for a
    key), or the key entry of the dict. The module's own functions are followed inside."""
    from migrate_llm.rules.framework_classes import any_framework_class

    for _, call, _ in _url_uses(ctx, names, read):
        key: cst.BaseExpression | cst.Arg | None = None
        if isinstance(call, cst.DictElement):
            key = _entry_beside(names, call, sdk.KEY_ENTRY_NAMES)
        elif isinstance(call, cst.Call) and not defined_here(ctx, call):
            cls = any_framework_class(ctx, call) if ctx.constructed_client(call) is None else None
            if ctx.constructed_client(call) is not None or cls is not None:
                key = _given_key(ctx, call, cls.key if cls is not None else ("api_key",))
            else:
                key = next(
                    (a.value for a in call.args if _entry_name(a.keyword) in sdk.KEY_ENTRY_NAMES),
                    None,
                )
        if isinstance(key, cst.BaseExpression) and isinstance(call, (cst.Call, cst.DictElement)):
            yield call, key


def key_reads_beside(
    ctx: PythonContext, names: EnvNames, call: cst.Call, url: cst.Arg | None
) -> list[cst.BaseExpression]:
    """The reads of OpenAI's key variables that the arguments of `call` other than `url` hold,
    in them (`os.environ.get("OPENAI_API_KEY", "").split("\\n")`) or through a name bound to
    one (in any of the branches binding it), in the order of the text; none for a call
    printing or logging them."""

    func = call.func
    if (
        (isinstance(func, cst.Name) and func.value in sdk.MESSAGE_FUNCTIONS)
        or ctx.qualnames(func) & sdk.MESSAGE_FUNCTIONS
        or (isinstance(func, cst.Attribute) and func.attr.value in sdk.MESSAGE_METHODS)
    ):
        return []
    switched = switched_keys(ctx)
    nodes, ends = ctx.nodes, ctx.ends
    found: list[cst.BaseExpression] = []

    def scan(value: cst.BaseExpression, depth: int) -> None:
        at = ctx.index_of(value)
        for inner in nodes[at : ends[at]]:
            access = names.by_node.get(id(inner))
            if access is not None and access.kind == "read":
                sources = names.openai_sources(access)
                if sources and all(s.value in switched for s in sources):
                    found.append(cast(cst.BaseExpression, inner))  # a call or a subscript
            elif isinstance(inner, cst.Name) and depth:
                # a name bound in branches (RD-Agent's `chat_api_key`, OpenAI's key in one
                # branch and DeepSeek's in another): each value it may hold
                for held in names.values(inner) or ():
                    scan(held, depth - 1)

    for other in call.args:
        if other is not url:
            scan(other.value, 1)
    return found


def _given_key(
    ctx: PythonContext, call: cst.Call, keys: tuple[str, ...]
) -> cst.BaseExpression | cst.Arg | None:
    """What gives a client's or framework class's construction its key (under one of
    `keys`): the argument under any of them (`openai_api_key=key, **kw`: the mapping gives the
    rest), else an entry of its `**mapping` that the module shows, the mapping's argument
    where it may hold one; None where none is given (it reads OPENAI_API_KEY)."""
    from migrate_llm.rules.clients import _UNKNOWN, kwargs_of, setting
    from migrate_llm.rules.framework_classes import first_keyword

    given = first_keyword(call, keys)
    if given is not None:
        return given.value
    for name in keys:
        found = setting(ctx, call, name)
        if found is _UNKNOWN:
            mapping = kwargs_of(ctx, call)
            assert mapping is not None
            return mapping.arg
        if found is not None:
            return found
    return None


def _url_uses(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> Iterator[_Use]:
    """`_uses` of a base URL: through the string methods that keep it one and the dict
    entries named for one; an entry set on a mapping (`kwargs["base_url"] = value`) goes on
    to each call the mapping is spread into after it (`ChatOpenAI(**kwargs)`), and a mapping
    spread into a function of the module (`get_llm(**kwargs)`) on to each call spreading that
    function's `**` parameter (`GenericLLMProvider.from_provider(provider, **kwargs)`)."""
    seen: set[int] = set()

    def uses(value: cst.CSTNode, depth: int) -> Iterator[_Use]:
        for use in _uses(
            ctx, names, value, _DEPTH, seen, entries=sdk.URL_ENTRY_NAMES, methods=_URL_METHODS
        ):
            yield use
            arg, call, whole = use
            if (
                isinstance(call, cst.Call)
                and arg is not None
                and whole
                and depth
                and _url_result(ctx, call, arg)
            ):
                # `self._ensure_v1(url)`, `normalize(url)`: the URL the call gives back
                yield from uses(call, depth - 1)
                continue
            if isinstance(call, cst.Assign):
                # `d["base_url"] = value`: on to `C(**d)`, and to each later read of the entry
                # (`ZhipuAI(base_url=d["base_url"])`, Langchain-Chatchat's validators)
                spreads = [*_spreads(ctx, names, call), *_entry_reads(ctx, call)]
            elif isinstance(call, cst.Call) and arg is not None and arg.star == "**" and depth:
                spreads = list(_spread_parameter(ctx, names, call))
            else:
                continue
            for spread in spreads:
                yield from uses(spread, depth - 1)

    yield from uses(read, _DEPTH)


def _url_result(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `call`, given a base URL in `arg`, gives back a URL made of it: a function of
    the module returning what the parameter holds (`passes_through`), or code the module does
    not show given the URL alone (`normalize(url)`, an inherited `self._ensure_v1(url)`), not
    a client, a framework class, an HTTP request or a function of the module doing otherwise."""
    if passes_through(ctx, call, arg):
        return True
    return (
        len(call.args) == 1
        and arg.keyword is None
        and not arg.star
        and called_function(ctx, call) is None
        and defined_here(ctx, call) is None
        and ctx.constructed_client(call) is None
        and not ctx.qualnames(call.func) & framework_names()
        and not _http_request(ctx, call)
    )


# methods of a string that give a URL back (`url.rstrip("/")`)
_URL_METHODS = frozenset({"strip", "rstrip", "lstrip", "removesuffix"})


def _spreads(ctx: PythonContext, names: EnvNames, assign: cst.Assign) -> Iterator[cst.Name]:
    """For `d["base_url"] = value` (an entry named for a base URL), each `d` that a call
    spreads (`C(**d)`) and that may run after the assignment (`_may_follow`), in the order of
    the text."""
    for target in assign.targets:
        held = target.target
        if not (
            isinstance(held, cst.Subscript)
            and isinstance(held.value, cst.Name)
            and len(held.slice) == 1
            and isinstance(held.slice[0].slice, cst.Index)
            and (string_value(held.slice[0].slice.value) or "").lower() in sdk.URL_ENTRY_NAMES
        ):
            continue
        for binding in ctx.bindings(held.value):
            for access in sorted(binding.references, key=lambda a: ctx.span(a.node).start):
                arg = names.parent(access.node)
                if (
                    isinstance(arg, cst.Arg)
                    and arg.star == "**"
                    and arg.value is access.node
                    and _may_follow(ctx, assign, access.node)
                ):
                    yield cast(cst.Name, access.node)


def _entry_reads(ctx: PythonContext, assign: cst.Assign) -> Iterator[cst.Subscript]:
    """For `d["base_url"] = value` (an entry named for a base URL, also with a prefix:
    Langchain-Chatchat's `values["zhipuai_api_base"]`), each later read of that entry
    (`d["base_url"]` as a value, not a target) that may run after the assignment."""
    for target in assign.targets:
        held = target.target
        key = _entry_key(held)
        if key is None or not sdk.url_entry(key):
            continue
        assert isinstance(held, cst.Subscript) and isinstance(held.value, cst.Name)
        for binding in ctx.bindings(held.value):
            for access in sorted(binding.references, key=lambda a: ctx.span(a.node).start):
                parents = ctx.ancestors(access.node)
                read = parents[-1] if parents else None
                if (
                    isinstance(read, cst.Subscript)
                    and read.value is access.node
                    and read is not held
                    and _entry_key(read) == key
                    and not _assigned_to(ctx, read)
                    and _may_follow(ctx, assign, read)
                ):
                    yield read


def _entry_key(node: cst.CSTNode) -> str | None:
    """`"base_url"` of `d["base_url"]` (a name subscripted by one string), else None."""
    if (
        isinstance(node, cst.Subscript)
        and isinstance(node.value, cst.Name)
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Index)
    ):
        return string_value(node.slice[0].slice.value)
    return None


def _assigned_to(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` is a target of an assignment (`d["k"] = ...`)."""
    parents = ctx.ancestors(node)
    holder = parents[-1] if parents else None
    return isinstance(holder, cst.AssignTarget) and holder.target is node


def _may_follow(ctx: PythonContext, statement: cst.CSTNode, node: cst.CSTNode) -> bool:
    """Whether `node` may run after `statement`: it comes later in the text, is in another
    function (called at any time), or in a loop of the function holding both. Not a spread
    earlier in the same function (gpt-researcher's embeddings: `return OpenAIEmbeddings(...,
    **kw)` in one branch, `kw["openai_api_base"] = ...` in the next)."""
    # the traversal's order is the text's: a node after the statement's subtree comes later
    # (positions would lay out the whole module)
    at = ctx.index_of(node)
    if at >= ctx.ends[ctx.index_of(statement)]:
        return True
    scopes = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
    around = ctx.ancestors(statement)
    inner = next((a for a in reversed(around) if isinstance(a, scopes)), None)
    if inner is not next((a for a in reversed(ctx.ancestors(node)) if isinstance(a, scopes)), None):
        return True
    for loop in reversed(around):
        if loop is inner:
            break
        start = ctx.index_of(loop)
        if isinstance(loop, (cst.For, cst.While)) and start <= at < ctx.ends[start]:
            return True
    return False


def _star_kwargs(ctx: PythonContext, call: cst.Call) -> cst.Param | None:
    """The `**` parameter of the function of the module `call` calls (of its `__init__`,
    for a class), None where it has none."""
    defined = defined_here(ctx, call)
    if isinstance(defined, cst.ClassDef):
        defined = next(
            (
                s
                for s in defined.body.body
                if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"
            ),
            None,
        )
    if not isinstance(defined, cst.FunctionDef):
        return None
    param = defined.params.star_kwarg
    return param if isinstance(param, cst.Param) else None


def _spread_parameter(ctx: PythonContext, names: EnvNames, call: cst.Call) -> Iterator[cst.Name]:
    """For a call of a function (or class) of the module given a `**mapping`, each use of its
    `**` parameter that a call spreads (`def get_llm(**kwargs): return C(**kwargs)`)."""
    param = _star_kwargs(ctx, call)
    if param is None:
        return
    for use in _references(ctx, param, param.name):
        arg = names.parent(use)
        if isinstance(arg, cst.Arg) and arg.star == "**" and arg.value is use:
            yield cast(cst.Name, use)


def _entry_spreads(
    ctx: PythonContext,
    names: EnvNames,
    holder: cst.DictElement | cst.Assign | cst.Arg,
    every_binding: bool = False,
) -> Iterator[tuple[cst.Call, cst.Arg, dict[str, cst.BaseExpression], str, cst.BaseExpression]]:
    """For the key entry of a dict display (`{"api_key": value}`) or of a `dict(...)` call
    (`dict(api_key=value)`), or one set on a dict bound to a name (`kw["api_key"] = value`):
    each call that spreads that dict and may run after it, in the order of the text
    (`_mapping_spreads`: `f(**{...})`; `f(**kw)`; `f(**self.kw)`; `f(**build())` for a
    function of the module returning it), with its `**` argument, the dict's other entries the
    module shows (by name), the entry's name and its value. `every_binding`: see
    `_mapping_spreads`."""
    from migrate_llm.rules.clients import kwargs_of  # it imports the environment rules

    if isinstance(holder, (cst.DictElement, cst.Arg)):
        display = names.parent(holder)
        if isinstance(holder, cst.DictElement):
            name, value = _entry_name(holder.key), holder.value
            shown = isinstance(display, cst.Dict)
        else:
            name, value = _entry_name(holder.keyword), holder.value
            shown = (
                holder.keyword is not None
                and isinstance(display, cst.Call)
                and builtin_dict(ctx, display)
            )
        if not shown or name not in sdk.KEY_ENTRY_NAMES:
            return
        mapping = cast("cst.Dict | cst.Call", display)
        for call, arg in _mapping_spreads(ctx, names, mapping, 1, every_binding):
            yield call, arg, _entries_of(mapping, holder), name, value
        return
    if len(holder.targets) != 1:
        return
    target = holder.targets[0].target
    if not (
        isinstance(target, cst.Subscript)
        and len(target.slice) == 1
        and isinstance(target.slice[0].slice, cst.Index)
        and isinstance(target.value, cst.Name)
    ):
        return
    name, value, bound = _entry_name(target.slice[0].slice.value), holder.value, target.value
    if name not in sdk.KEY_ENTRY_NAMES:
        return
    for binding in ctx.bindings(bound):
        for access in sorted(binding.references, key=lambda a: ctx.span(a.node).start):
            star = names.parent(access.node)
            spreading = names.parent(star) if isinstance(star, cst.Arg) else None
            if not (
                _may_follow(ctx, holder, access.node)
                and isinstance(star, cst.Arg)
                and star.star == "**"
                and star.value is access.node
                and isinstance(spreading, cst.Call)
            ):
                continue
            kwargs = kwargs_of(ctx, spreading)
            shown_entries = (
                kwargs.entries.items() if kwargs is not None and kwargs.arg is star else ()
            )
            entries = {k: v for k, v in shown_entries if k.lower() != name}
            yield spreading, star, entries, name, value


def _mapping_spreads(
    ctx: PythonContext,
    names: EnvNames,
    mapping: cst.BaseExpression,
    depth: int,
    every_binding: bool = False,
) -> Iterator[tuple[cst.Call, cst.Arg]]:
    """Each call spreading the mapping `mapping` builds (a dict display, `dict(...)`, or a
    call of a function of the module returning one), with its `**` argument: spread where
    it is written (`f(**{...})`, also a branch of `x if c else y`), through the name it is
    bound to (`kw = {...}`, `f(**kw)` after it), through `self.kw` in any method of the class
    (`self.kw = {...}`), or, `depth` times over, at the calls of the function of the module
    returning it (`def build(): return {...}`, `f(**build())`, `kw = build()`; a method,
    through `self.build()`). `every_binding`: a name's uses through any of its bindings that
    may run after the mapping's (`OpenAI(**kw)` above `kw = {...}` in a loop), not only
    those its own binding reaches."""
    held: cst.CSTNode = mapping
    place = names.parent(held)
    while isinstance(place, cst.IfExp) and held is not place.test:  # `{...} if c else {...}`
        held, place = place, names.parent(place)
    if isinstance(place, cst.Arg) and place.star == "**" and place.value is held:
        call = names.parent(place)
        if isinstance(call, cst.Call):
            yield call, place
        return
    if isinstance(place, cst.Return) and depth:
        yield from _returned_spreads(ctx, names, place, depth, every_binding)
        return
    if not (isinstance(place, cst.Assign) and place.value is held and len(place.targets) == 1):
        return
    bound = place.targets[0].target
    if isinstance(bound, cst.Name) and every_binding:
        spread: Iterator[cst.CSTNode] = (
            access.node
            for binding in ctx.bindings(bound)
            for access in sorted(binding.references, key=lambda a: ctx.span(a.node).start)
            if _may_follow(ctx, place, access.node)
        )
    elif isinstance(bound, cst.Name):
        spread = _references(ctx, bound, bound)
    elif self_attribute(bound):
        spread = _attribute_uses(ctx, place, cast(cst.Attribute, bound).attr.value)
    else:
        return
    for node in spread:
        arg = names.parent(node)
        call = names.parent(arg) if isinstance(arg, cst.Arg) else None
        if (
            isinstance(arg, cst.Arg)
            and arg.star == "**"
            and arg.value is node
            and isinstance(call, cst.Call)
        ):
            yield call, arg


def _returned_spreads(
    ctx: PythonContext, names: EnvNames, returned: cst.Return, depth: int, every_binding: bool
) -> Iterator[tuple[cst.Call, cst.Arg]]:
    """For the mapping `returned` returns: the spreads (`_mapping_spreads`) of each call of
    its function in the module, by its name (a function of the module's top level) or as
    `self.<name>()` (a method)."""
    function = next(
        (
            a
            for a in reversed(ctx.ancestors(returned))
            if isinstance(a, (cst.FunctionDef, cst.Lambda))
        ),
        None,
    )
    if not isinstance(function, cst.FunctionDef):
        return
    for call in function_calls(ctx, function):
        yield from _mapping_spreads(ctx, names, call, depth - 1, every_binding)


def _entries_of(mapping: cst.Dict | cst.Call, but: cst.CSTNode) -> dict[str, cst.BaseExpression]:
    """The entries of a dict display under a string key (the keywords of `dict(...)`), other
    than `but`."""
    if isinstance(mapping, cst.Call):
        return {
            a.keyword.value: a.value
            for a in mapping.args
            if a.keyword is not None and a is not but and not a.star
        }
    return {
        key: e.value
        for e in mapping.elements
        if isinstance(e, cst.DictElement) and e is not but and (key := string_value(e.key))
    }


def _attribute_uses(ctx: PythonContext, statement: cst.CSTNode, attr: str) -> Iterator[cst.CSTNode]:
    """The uses of `self.<attr>` in the class holding `statement` (a method's), in the order
    of the text."""
    klass = next(
        (n for n in reversed(ctx.ancestors(statement)) if isinstance(n, cst.ClassDef)), None
    )
    if klass is None:
        return
    start = ctx.index_of(klass)
    for node in ctx.nodes[start : ctx.ends[start]]:
        if isinstance(node, cst.Attribute) and node.attr.value == attr and self_attribute(node):
            yield node


def _kwargs_spreads(ctx: PythonContext, names: EnvNames, call: cst.Call) -> list[cst.Arg] | None:
    """For a call of a function (or class) of the module, the `**` arguments spreading its
    `**` parameter (`def make(**kw): return OpenAI(**kw)`), where that is all it does with
    it; None where it keeps it otherwise (`self.kwargs = kwargs`) or has no such parameter."""
    param = _star_kwargs(ctx, call)
    if param is None:
        return None
    found: list[cst.Arg] = []
    for use in _references(ctx, param, param.name):
        arg = names.parent(use)
        if not (
            isinstance(arg, cst.Arg)
            and arg.star == "**"
            and arg.value is use
            and isinstance(names.parent(arg), cst.Call)
        ):
            return None
        found.append(arg)
    return found


def _left_spread(ctx: PythonContext, names: EnvNames, holder: cst.CSTNode) -> cst.Call | None:
    """For a key entry of a mapping (`kw = {"api_key": value}`, `kw = dict(api_key=value)`,
    `kw["api_key"] = value`, one a function of the module returns: `_entry_spreads`), the
    first client spreading it (`OpenAI(**kw)`) which `apply` leaves."""
    if not isinstance(holder, (cst.DictElement, cst.Assign, cst.Arg)):
        return None
    for call, *_ in _entry_spreads(ctx, names, holder, every_binding=True):
        if ctx.constructed_client(call) is not None and left_on_openai(ctx, call):
            return call
    return None


def _sets_module_key(ctx: PythonContext, assign: cst.Assign) -> bool:
    """Whether `assign` sets `openai.api_key`."""
    return any("openai.api_key" in ctx.qualnames(t.target) for t in assign.targets)


def module_client_left(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` sets `openai.api_key` of a module-level client apply leaves on OpenAI:
    its every request to an API the target does not serve (`module_client_unserved`), its
    base URL read by a LlamaIndex class left on OpenAI (`module_base_readers`, t62d), or no
    module requesting through it (ML103 leaves the key and base URL: `unread_settings`;
    renamed alone, the key went to api.openai.com with any library using that client, t65e)."""
    from migrate_llm.rules.calls import unread_settings
    from migrate_llm.rules.llamaindex_module_base import module_base_readers
    from migrate_llm.rules.unserved_clients import module_client_unserved

    return (
        isinstance(node, cst.Assign)
        and _sets_module_key(ctx, node)
        and (
            module_client_unserved(ctx) is not None
            or bool(module_base_readers(ctx))
            or unread_settings(ctx)
        )
    )


def module_key_unread(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """Whether `node` sets `openai.api_key` of a module-level client that no module requests
    through, which ML103 leaves with its base URL (`calls.unread_settings`): a key read given
    there is left too, a note."""
    from migrate_llm.rules.calls import unread_settings
    from migrate_llm.rules.llamaindex_module_base import module_base_readers
    from migrate_llm.rules.unserved_clients import module_client_unserved

    return (
        isinstance(node, cst.Assign)
        and _sets_module_key(ctx, node)
        and unread_settings(ctx)
        and module_client_unserved(ctx) is None
        and not module_base_readers(ctx)
    )


def left_on_openai(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `apply` leaves `call`, an SDK client or a framework class talking to OpenAI or
    Azure OpenAI, as it is. For a framework class the rule that migrates it is asked: its
    finding on the call carries no edit (the class rules rewrite only a class that talks to
    OpenAI: one pointed elsewhere is left as it is, but not on OpenAI). The one answer the
    key and base-URL destinations ask: it runs what `apply` runs."""
    found = ctx.analyses.get(left_on_openai)
    if found is None:
        found = ctx.analyses[left_on_openai] = {}
    by_call = cast("dict[int, bool]", found)
    left = by_call.get(id(call))
    if left is None:
        # asked again while it is decided (two classes given one typed key, each asking
        # where else the key goes: `typed_answers`): not left, unless its own rule says so
        by_call[id(call)] = False
        left = by_call[id(call)] = _left_on_openai(ctx, call)
    return left


def _left_on_openai(ctx: PythonContext, call: cst.Call) -> bool:
    # these rules import the environment rules
    from migrate_llm.rules.clients import client_left
    from migrate_llm.rules.framework_agno import AgnoOpenAI
    from migrate_llm.rules.framework_browser_use import BrowserUseOpenAI
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint
    from migrate_llm.rules.framework_guidance import GuidanceOpenAI
    from migrate_llm.rules.framework_haystack import HaystackOpenAI
    from migrate_llm.rules.framework_langchain import LangChainOpenAI
    from migrate_llm.rules.framework_llamaindex import LlamaIndexOpenAI
    from migrate_llm.rules.library_camel import camel_site

    if not ctx.rules.switching:
        return False  # nothing is rewritten
    if ctx.constructed_client(call) is not None:
        return client_left(ctx, call)
    if ctx.mentions("crewai") and (crewai := _crewai_left(ctx, call)) is not None:
        return crewai
    site = camel_site(ctx, call) if ctx.mentions(camel.MODULE) else None
    if site is not None and site.kind != "model":
        # ML670 leaves camel's OpenAI platform (`ModelFactory.create(ModelPlatformType.OPENAI,
        # ..., api_key=key)`) to a person: the key stays with it (t53g D1)
        return True
    cls = any_framework_class(ctx, call)
    if cls is None or endpoint(ctx, call, cls.base_url).kind != "openai":
        return False
    rules = (
        LangChainOpenAI,
        LlamaIndexOpenAI,
        HaystackOpenAI,
        AgnoOpenAI,
        BrowserUseOpenAI,
        GuidanceOpenAI,
    )
    rule = next(r for r in rules if any(c is cls for c in r.table.values()))(ctx)
    rule.visit_Call(call)
    start = ctx.position(call)[0]
    return not any(f.edit is not None for f in rule.findings if (f.line, f.column) == start)


def _crewai_left(ctx: PythonContext, call: cst.Call) -> bool | None:
    """For crewAI's `LLM()` given OpenAI's base URL (`openai_bases`): whether ML690 leaves it
    (its finding carries no edit: the model, URL and key move together or not at all); None
    for any other call."""
    from migrate_llm.rules.framework_crewai import CrewaiModel  # it imports these rules
    from migrate_llm.rules.framework_crewai_endpoints import openai_bases

    if not openai_bases(ctx, call):
        return None
    rule = CrewaiModel(ctx)
    rule.visit_Call(call)
    return not any(f.edit is not None for f in rule.findings)


def _unmoved(ctx: PythonContext, node: cst.CSTNode) -> Destination | None:
    """`unmoved`: `node`, a key read or the dict entry holding it, given to a call of an
    unknown library whose settings hold an OpenAI model and no base URL (`unmoved_settings`)."""
    from migrate_llm.rules.unmoved_settings import unmoved_holder, unmoved_settings

    holder = unmoved_holder(ctx, node)
    found = unmoved_settings(ctx, holder) if holder is not None else None
    if found is None or found.followed:
        return None  # a key following an OpenAI client too: `followed_library` reports it
    return Destination(found.call, "unmoved", model=found.model)


def _entry_name(key: cst.BaseExpression | None) -> str:
    """The name of a dict entry (a string key) or of a keyword argument, in lower case."""
    if isinstance(key, cst.Name):
        return key.value.lower()
    return (string_value(key) or "").lower() if key is not None else ""


def _entry_beside(
    names: EnvNames, element: cst.DictElement, entry_names: frozenset[str]
) -> cst.BaseExpression | None:
    """The value of the entry named one of `entry_names` (`sdk.KEY_ENTRY_NAMES`,
    `sdk.URL_ENTRY_NAMES`) of the dict display holding `element`, if any."""
    holder = names.parent(element)
    if not isinstance(holder, cst.Dict):
        return None
    return next(
        (
            e.value
            for e in holder.elements
            if isinstance(e, cst.DictElement) and _entry_name(e.key) in entry_names
        ),
        None,
    )


def _url_argument(
    call: cst.Call, entries: dict[str, cst.BaseExpression] | None = None
) -> cst.BaseExpression | None:
    """The value of the base-URL keyword argument of `call`, else of such an entry of the
    `**` mapping giving it the key (`entries`), if any."""
    found = next(
        (a.value for a in call.args if _entry_name(a.keyword) in sdk.URL_ENTRY_NAMES), None
    )
    if found is None and entries:
        found = next((v for k, v in entries.items() if k.lower() in sdk.URL_ENTRY_NAMES), None)
    return found


def foreign_user(ctx: PythonContext, call: cst.Call, arg: cst.Arg, opaque: bool = False) -> bool:
    """Whether `call` is to a class or function named like OpenAI (or `arg` is an
    `openai_api_key=`) that is neither the SDK's, nor in the framework tables, nor this
    module's own (whose parameters are followed instead; unless `opaque`: one keeping the
    key in its `**` parameter). An `openai_api_key=` given to a class or function of another
    module of the project named otherwise is followed there instead (`callee_keys`: chemcrow's
    `ChemCrow(openai_api_key=...)`, whose client apply leaves for that name, t68c)."""
    if ctx.qualnames(call.func) & KNOWN_USERS or (defined_here(ctx, call) and not opaque):
        return False
    last = last_name(call.func) or ""
    named = ctx.index.import_aliases.get(last, last).lower()
    keyword = arg.keyword.value.lower() if arg.keyword is not None else ""
    if "openai" in named:
        return True
    return "openai" in keyword and callee_module(ctx, call) is None


def openai_class_left(ctx: PythonContext, call: cst.Call) -> bool:
    """Whether `call` builds a class named like OpenAI (a capitalised name) that neither the
    SDK nor the framework tables know, that the module neither defines nor imports from its
    project, given nothing that may be a base URL (no keyword naming a URL, base, host or
    endpoint but as None, no URL written as an argument, no `**mapping`): apply leaves it,
    and such a class talks to OpenAI (chromadb's `OpenAIEmbeddingFunction`)."""
    last = last_name(call.func) or ""
    if not last[:1].isupper() or ctx.constructed_client(call) is not None:
        return False
    if ctx.qualnames(call.func) & KNOWN_USERS or defined_here(ctx, call):
        return False
    if "openai" not in ctx.index.import_aliases.get(last, last).lower():
        return False
    for arg in call.args:
        name = _entry_name(arg.keyword)
        written = string_value(arg.value) or ""
        if arg.star or "://" in written:
            return False
        url = name in sdk.URL_ENTRY_NAMES or any(word in name for word in _URL_WORDS)
        if url and not _none(arg.value) and not maybe_none(ctx, arg.value):
            return False  # `base_url=None` is OpenAI's
    return project_callee(ctx, call) is None


def maybe_none(ctx: PythonContext, value: cst.BaseExpression) -> bool:
    """Whether `value` is a name one of whose assignments reaching it binds it to None
    (graphrag's `api_base = None`, then `if overrides.get("api_base"): api_base = ...`), or a
    parameter defaulting to None (crawl4ai's `def perform_completion_with_backoff(...,
    base_url=None)`): the class or call may be given no URL, and then talks to OpenAI, as
    for `api_base=None` written."""
    if not isinstance(value, cst.Name):
        return False
    assigned = ctx.index.assigned
    for binding in ctx.reaching(value):
        if not isinstance(binding, Assignment):
            continue
        node = binding.node
        bound = node.default if isinstance(node, cst.Param) else assigned.get(id(node))
        if bound is not None and _none(bound):
            return True
    return False


_URL_WORDS = ("url", "base", "host", "endpoint")


def provider_key_to_openai(
    ctx: PythonContext, names: EnvNames, value: cst.CSTNode
) -> cst.Call | None:
    """The first class `value`, a read of the target's key variable, reaches as its key
    argument (through names, `or` and the module's functions, as `target_key` follows a key)
    where that class is named like OpenAI and given no base URL (`openai_class_left`): the
    target's key would go to OpenAI. None where it reaches none."""
    return next((t[0] for t in provider_key_takers(ctx, names, value)), None)


def provider_key_takers(
    ctx: PythonContext, names: EnvNames, value: cst.CSTNode
) -> Iterator[tuple[cst.Call, ConfigTaker | None]]:
    """`provider_key_to_openai`'s classes, each with the settings dict that holds the key
    where it is given in one (`openai_configs`: vanna's `OpenAI_Chat(config={"api_key":
    value})`, a class of the module deriving from it), the dict and the call given nothing
    that may be a base URL."""
    for arg, holder, whole in _uses(ctx, names, value, _DEPTH, set()):
        keyed = _entry_name(arg.keyword) in sdk.KEY_ENTRY_NAMES if arg is not None else False
        if isinstance(holder, cst.Call) and keyed and openai_class_left(ctx, holder):
            yield holder, None
            continue
        settings: cst.CSTNode | None = None
        if isinstance(holder, cst.DictElement) and arg is None:
            if _entry_name(holder.key) in sdk.KEY_ENTRY_NAMES:
                settings = names.parent(holder)
        elif isinstance(holder, cst.Call) and keyed:
            settings = holder  # `dict(api_key=value)`
        elif isinstance(holder, cst.Assign):
            settings = written_settings(ctx, holder)  # `cfg["api_key"] = value`
        taker = openai_config_taker(ctx, settings) if whole and settings is not None else None
        if taker is None or settings is None or points_elsewhere(ctx, taker, settings):
            continue
        yield taker.call, taker


def provider_key_routed(
    ctx: PythonContext, names: EnvNames, value: cst.CSTNode
) -> Destination | None:
    """Where `value`, a read of the target's key variable, goes as the key of a call or dict
    beside a model string on litellm's OpenAI route naming an OpenAI model (`openai/gpt-4o`,
    written in the module): a `model` destination of `risky_destination` (unknown code, the
    module's own function or class, a dict display). The model sends the target's key to
    OpenAI (a read ML401 renamed before it held such keys, or renamed by hand: crawl4ai's
    `extract_with_llm("openai/gpt-4o", os.getenv("ARK_API_KEY"))`, t66g). None elsewhere."""
    from migrate_llm.frameworks import litellm as fw

    found = risky_destination(ctx, names, value)
    if found is None or found.kind != "model" or found.model is None:
        return None
    resolved = ctx.resolve_literal(found.model)
    if resolved is None:
        return None
    head, model = fw.route(resolved[1])
    return found if head == fw.OPENAI_PREFIX and ctx.rules.openai.serves(model) else None


def provider_key_to_config(
    ctx: PythonContext, names: EnvNames, value: cst.CSTNode
) -> cst.CSTNode | None:
    """The settings (a dict display, `dict(...)`) of a part of a library's config that ML670
    reports as talking to OpenAI (`library_configs.configured_key`) where `value`, a read of
    the target's key variable, is their key (through names, `or` and the module's functions):
    the target's key would go to OpenAI (mem0's `"llm": {"provider": "openai", "config":
    {"api_key": os.environ["ZAI_API_KEY"]}}`). None where it reaches none."""
    for arg, holder, whole in _uses(ctx, names, value, _DEPTH, set()):
        if not whole:
            continue
        if isinstance(holder, cst.DictElement) and arg is None:
            settings = names.parent(holder)
            if _configured_key(ctx, holder.key, settings):
                return settings
        elif (
            isinstance(holder, cst.Call)
            and arg is not None
            and _configured_key(ctx, arg.keyword, holder)
        ):
            return holder
    return None


def _routed_key(
    ctx: PythonContext, call: cst.Call, arg: cst.Arg, opaque: bool, key: str = ""
) -> bool:
    """Whether `arg` gives `call` a key that `openai_routed` and `vendor_routed` follow: a key
    entry (by its keyword, or `key`: the parameter it fills by position), given to a call that
    is not this module's own function (unless `opaque`)."""
    return (key or _entry_name(arg.keyword)) in sdk.KEY_ENTRY_NAMES and not (
        defined_here(ctx, call) and not opaque
    )


def _given_models(
    call: cst.Call, entries: dict[str, cst.BaseExpression] | None, every: bool = False
) -> list[cst.BaseExpression]:
    """The models given to `call`: its model arguments, then those of its `**` mapping.
    `every`: each of its arguments may be the model (not only those named for one): a call of
    unknown code given an OpenAI model as `path=` or by position (txtai's `LLM(path=...)`
    before its table) sends the key beside it where that model goes."""
    models = [
        a.value
        for a in call.args
        if (every and not a.star) or _entry_name(a.keyword) in sdk.MODEL_NAMES
    ]
    return models + [v for k, v in (entries or {}).items() if k.lower() in sdk.MODEL_NAMES]


def openai_routed(
    ctx: PythonContext,
    call: cst.Call,
    arg: cst.Arg,
    entries: dict[str, cst.BaseExpression] | None = None,
    opaque: bool = False,
    key: str = "",
) -> cst.BaseExpression | None:
    """The model that sends `call` to OpenAI, `arg` being its key: an OpenAI model (a bare id
    or `openai/...`, written in the module) given to a call outside the framework tables, or
    the model of a call ML640 leaves to a person (chosen at run time, or embeddings the
    provider does not serve); None when the call is this module's own (unless `opaque`: see
    `foreign_user`) or has a base URL that does not stay OpenAI's. `entries`: those of the
    `**` mapping giving it the key, or the arguments a function of the module is given by
    position, as its keywords; `key`: the parameter `arg` fills by position there."""
    # all import the environment rules
    from migrate_llm.rules.clients import run_time_url
    from migrate_llm.rules.framework_autogen import moved_entry
    from migrate_llm.rules.framework_litellm import manual_model, openai_model
    from migrate_llm.rules.framework_txtai import left_model, txtai_class

    if not _routed_key(ctx, call, arg, opaque, key):
        return None
    if moved_entry(ctx, call):
        return None  # `dict(model=..., api_key=...)`, an AutoGen entry ML660 points elsewhere
    url = _url_argument(call, entries)
    if url is not None and not (_none(url) or run_time_url(ctx, url)):
        return None  # apply points it at the provider, or it goes elsewhere on purpose
    if txtai_class(ctx, call) is not None:
        return left_model(ctx, call)  # the model ML622 leaves on OpenAI
    if ctx.qualnames(call.func) & KNOWN_USERS:
        found = manual_model(ctx, call)
        return found.value if found is not None else None
    for given in _given_models(call, entries, every=True):
        resolved = ctx.resolve_literal(given)
        if resolved is not None and openai_model(ctx, resolved[1], True) is not None:
            return given
    return None


def vendor_routed(
    ctx: PythonContext,
    call: cst.Call,
    arg: cst.Arg,
    entries: dict[str, cst.BaseExpression] | None = None,
    opaque: bool = False,
) -> cst.BaseExpression | None:
    """The model that routes `call` to another vendor than OpenAI and the target, `arg` being
    its key: a model string written in the module on a litellm route of another service
    (`anthropic/claude-3-5-sonnet`: `other_vendor`), given to a litellm or DSPy call or to a
    call outside the framework tables, with no base URL (or None). The call then sends the
    key to that vendor: renamed, the target's key would go there. None otherwise, and for
    this module's own functions (unless `opaque`)."""
    from migrate_llm.rules.framework_litellm import model_call
    from migrate_llm.rules.framework_txtai import txtai_class, txtai_models

    if not _routed_key(ctx, call, arg, opaque):
        return None
    url = _url_argument(call, entries)
    if url is not None and not _none(url):
        return None  # the vendor's protocol at a URL of the program's choosing
    if txtai_class(ctx, call) is not None:
        models = list(txtai_models(ctx, call))  # `LLM("anthropic/claude-3-5-sonnet")`
    elif ctx.qualnames(call.func) & KNOWN_USERS:
        found = model_call(ctx, call)
        if found is None or found.model is None:
            return None
        models = [found.model.value]
    else:
        models = _given_models(call, entries)
    for given in models:
        resolved = ctx.resolve_literal(given)
        if resolved is not None and other_vendor(ctx, resolved[1]):
            return given
    return None


def other_vendor(ctx: PythonContext, model: str) -> str:
    """The service a model string's litellm route names (`anthropic` for
    `anthropic/claude-3-5-sonnet`, `openrouter` for `openrouter/openai/gpt-4o`) where that is
    neither OpenAI nor the target (another provider file's route, or a service of
    `services.OTHER_SERVICES`); empty otherwise."""
    from migrate_llm.frameworks import litellm as fw
    from migrate_llm.frameworks import services

    head, _ = fw.route(model)
    head = head.lower()
    provider = ctx.rules.provider
    if not head or (provider is not None and head == provider.frameworks.get("litellm_prefix")):
        return ""
    routes = {p.frameworks.get("litellm_prefix") for p in ctx.rules.registry.providers.values()}
    return head if head in services.OTHER_SERVICES or head in routes else ""


def _endpoint_left(
    ctx: PythonContext, call: cst.Call, entries: dict[str, cst.BaseExpression] | None
) -> bool:
    """Whether `call` is a litellm or DSPy call whose key and base URL ML640 leaves to a person
    for its `**` arguments while its model sends it to OpenAI (`endpoint_left`), and the
    `**` mapping giving it the key (`entries`) names no base URL other than OpenAI's."""
    # it imports the environment rules
    from migrate_llm.rules.framework_litellm import endpoint_kind, endpoint_left

    url = _url_argument(call, entries)
    return endpoint_left(ctx, call) and (url is None or endpoint_kind(ctx, url) == "openai")


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
    *,
    entries: frozenset[str] = _KEY_ENTRIES,
    methods: frozenset[str] = frozenset(),
    callers: tuple[cst.Call, ...] = (),
    returned: list[cst.Return] | None = None,
) -> Iterator[_Use]:
    """(argument, call, whole) for each call the value, or an expression made of it (`a or
    b`, an f-string, a headers dict), is passed to; through the names it is bound to (by `=`
    or `:=`) and the parameters of this module's functions it fills, and, where such a
    function returns it whole (`return input(label) or value`, a text box of the module's
    own showing the key until a person types another), on from the call that gave it
    (`callers`, the innermost last): its result is the value. With `returned`, a value a
    function returns whole that no such call gave it (read there, `def get_key(): return
    os.getenv(...)`, or a parameter's default) goes on from each call of the function in the
    module (`function_calls`), the `return` added to `returned`. `whole`: the argument is
    the value itself (or `a or b`, `x if c else y` of it), not a larger thing that holds it.
    An assignment of it to something other than a name (`os.environ[X] = value`) comes as
    (None, the assignment, whole); a dict entry named for an OpenAI variable (not for the
    program's own setting: `own_setting`) or in `entries` (for a key, `"api_key"` and the
    headers forwarding one, `"X-OpenAI-Api-Key"`) that holds it as (None, the entry, whole).
    The result of one of `methods` called on it (for a URL, `url.rstrip("/")`) is followed as
    the value itself."""
    if id(value) in seen:
        return
    seen.add(id(value))

    def follow(
        name: cst.Name,
        binding: cst.CSTNode,
        depth: int,
        whole: bool,
        callers: tuple[cst.Call, ...],
    ) -> Iterator[_Use]:
        for use in _references(ctx, binding, name):
            yield from _uses(
                ctx,
                names,
                use,
                depth,
                seen,
                whole,
                entries=entries,
                methods=methods,
                callers=callers,
                returned=returned,
            )

    node = value
    parent = names.parent(value)
    while parent is not None:
        if isinstance(parent, cst.Arg):
            call = names.parent(parent)
            if isinstance(call, cst.Call) and (
                _holds_key(ctx, call, parent) or prefilled_box(ctx, parent, call) is not None
            ):
                # `Secret.from_token(value)`; a text box showing the value until a person
                # types another (`st.text_input("Key", value=value)`): its answer
                node, parent = call, names.parent(call)
                continue
            if isinstance(call, cst.Call):
                yield parent, call, whole
                for param in _parameters(ctx, call, parent) if depth else ():
                    yield from follow(param.name, param, depth - 1, whole, (*callers, call))
            return
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            if parent.value is node:
                targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
                for target in targets:
                    if isinstance(name := target.target, cst.Name):
                        yield from follow(name, name, depth, whole, callers)
                    elif isinstance(parent, cst.Assign):
                        yield None, parent, whole
            return
        if (
            isinstance(parent, cst.NamedExpr)
            and parent.value is node
            and isinstance(parent.target, cst.Name)
        ):
            yield from follow(parent.target, parent.target, depth, whole, callers)
        if isinstance(parent, cst.Return) and parent.value is node:
            if whole and callers and _returns_from(ctx, parent, callers[-1]):
                # `key = text_input("Key", value=value)`: the call's result is the value
                node, parent, callers = callers[-1], names.parent(callers[-1]), callers[:-1]
                continue
            if whole and not callers and depth and returned is not None:
                returned.append(parent)
                for call in _result_calls(ctx, parent):
                    yield from _uses(
                        ctx,
                        names,
                        call,
                        depth - 1,
                        seen,
                        whole,
                        entries=entries,
                        methods=methods,
                        returned=returned,
                    )
            return
        held = names.parent(parent)
        if (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and parent.attr.value in methods
            and isinstance(held, cst.Call)
            and held.func is parent
        ):
            node, parent = held, names.parent(held)  # `value.rstrip("/")`: the value still
            continue
        if isinstance(parent, cst.Param) and parent.default is node:
            # `def __init__(self, key=os.getenv(...))`: the value is the parameter's where
            # a call gives it none, so it goes where the parameter goes
            yield from follow(parent.name, parent, depth, whole, ())
            return
        if isinstance(parent, (cst.Call, cst.Lambda, cst.Param, *_STATEMENTS)):
            return  # the callee of a call (`key.strip()`), or no further expression
        if isinstance(parent, cst.DictElement) and parent.value is node:
            named = string_value(parent.key) or ""
            if ENV_NAME.match(named):
                from migrate_llm.rules.env_read_facts import own_setting

                # not the program's own setting (shell_gpt's `{"OPENAI_USE_FUNCTIONS": ...}`)
                if named not in own_variables(ctx.rules) and not own_setting(named):
                    yield None, parent, whole
            elif named.lower() in entries:
                yield None, parent, whole
        whole = whole and (
            isinstance(parent, (cst.BooleanOperation, cst.NamedExpr))
            or (isinstance(parent, cst.IfExp) and node is not parent.test)
        )
        node, parent = parent, held


def _returning(ctx: PythonContext, statement: cst.Return) -> cst.FunctionDef | None:
    """The function `statement` returns from (the innermost holding it)."""
    return next(
        (a for a in reversed(ctx.ancestors(statement)) if isinstance(a, cst.FunctionDef)), None
    )


def _returns_from(ctx: PythonContext, statement: cst.Return, call: cst.Call) -> bool:
    """Whether `statement` is a `return` of the function of the module `call` calls (not of
    a function defined in it, nor of a class's `__init__`)."""
    function = _returning(ctx, statement)
    return function is not None and defined_here(ctx, call) is function


def _result_calls(ctx: PythonContext, statement: cst.Return) -> list[cst.Call]:
    """The module's calls of the function `statement` returns from (`function_calls`: by
    its name, or `self.<name>(...)` for a method); none for a property, read without a
    call."""
    function = _returning(ctx, statement)
    if function is None or any(
        d.decorator.value == "property"
        for d in function.decorators
        if isinstance(d.decorator, cst.Name)
    ):
        return []
    return function_calls(ctx, function)


def state_reads(ctx: PythonContext, names: EnvNames, key: str) -> list[cst.BaseExpression]:
    """The reads of the entry `key` of Streamlit's session state (`st.session_state.k`,
    `st.session_state["k"]`, `st.session_state.get("k")`), not its writes, in the order of
    the text. The module's entries are found once."""
    found = ctx.analyses.get(state_reads)
    if found is None:
        entries: dict[str, list[cst.BaseExpression]] = {}
        if ctx.mentions("session_state"):
            for node in ctx.nodes:
                if isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
                    named = names.state_key(node)
                    if named is not None and not _assigned_to(ctx, node):
                        entries.setdefault(named, []).append(node)
        found = ctx.analyses[state_reads] = entries
    return cast("dict[str, list[cst.BaseExpression]]", found).get(key, [])


def _holds_key(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `call` is one the framework tables say holds the key it is given in `arg`
    (`key_holders`: Haystack's `Secret.from_token(value)`), so the key goes where it goes."""
    holders = key_holders()
    found = ctx.qualnames(call.func) & holders.keys()
    if not found or arg.star:
        return False
    parameter = holders[min(found)]
    if arg.keyword is not None:
        return arg.keyword.value == parameter
    return call.args[0] is arg


def _references(ctx: PythonContext, binding: cst.CSTNode, name: cst.Name) -> Iterator[cst.CSTNode]:
    """The uses of what `binding` (an assignment's target Name, or a Param) binds; of an
    assignment, those that may run after it (`_may_follow`): the scope's accesses of a name
    are every binding's, and a parameter's use before `if not key: key = os.environ[...]`
    (another branch's `AzureOpenAI(api_key=key)`) is not the read's."""
    scope = ctx.scope(name)
    if scope is None:
        return
    statement = None if isinstance(binding, cst.Param) else _statement_of(ctx, binding)
    for assignment in scope.assignments[name.value]:
        if getattr(assignment, "node", None) is binding:
            # in the order of the text: references come in no set order, and the first
            # destination found is the one named (one reference needs no position: the
            # first asked for lays out the whole module)
            references = assignment.references
            if len(references) > 1:
                references = sorted(references, key=lambda a: ctx.span(a.node).start)
            for access in references:
                if statement is None or _may_follow(ctx, statement, access.node):
                    yield access.node


def _statement_of(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The small statement holding `node` (an assignment's target), if any."""
    return next(
        (a for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.BaseSmallStatement)), None
    )


def _parameters(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> list[cst.Param]:
    """The parameter of this module's function (or class's `__init__`) that `arg` fills."""
    defined = defined_here(ctx, call)
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


@dataclass(frozen=True)
class ProxySetting:
    """An HTTP proxy setting the value of a read goes to (`proxy_setting`): `node` the argument,
    dict entry or assignment target; `call` the call taking the argument; `name` the keyword,
    entry or attribute naming it (empty for a positional argument); `legacy`: openai<1.0's
    `openai.proxy = value`, which openai>=1.0 ignores (ML301)."""

    node: cst.CSTNode
    call: cst.Call | None
    name: str
    legacy: bool = False


def proxy_word(name: str | None) -> bool:
    """Whether a keyword, entry, attribute or function name says it sets an HTTP proxy."""
    if not name:
        return False
    words = name.lower().replace("-", "_").replace(".", "_").split("_")
    return not sdk.PROXY_WORDS.isdisjoint(words)


def proxy_setting(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> ProxySetting | None:
    """The first HTTP proxy setting the value of `read` goes to, where it goes to nothing else
    (`proxy=`/`proxies=` of any call, `{"proxy": value}`, `self.proxy = value`, a call named for
    a proxy, `os.environ["HTTPS_PROXY"] = value`), as it is or in an expression made of it (`a
    or b`, `x if c else y`, an f-string, `+`, `.strip()`), through the names it is bound to and
    the parameters of this module's functions it fills. A test of it (`if proxy:`, `proxy is
    None`) and a message naming it (print, logging) are no use. None where the module shows it
    going elsewhere (`base_url=`, a return, a container, a call of another kind) or nowhere."""
    found: list[ProxySetting] = []
    if not _proxy_uses(ctx, names, read, _DEPTH, set(), found) or not found:
        return None
    return found[0]


def _proxy_uses(
    ctx: PythonContext,
    names: EnvNames,
    value: cst.CSTNode,
    depth: int,
    seen: set[int],
    found: list[ProxySetting],
) -> bool:
    """Whether every use of `value` is a proxy setting (added to `found`) or no use at all."""
    from migrate_llm.rules.env_read_facts import in_message

    if id(value) in seen:
        return True
    seen.add(id(value))

    def follow(name: cst.Name, binding: cst.CSTNode, depth: int) -> bool:
        uses = list(_references(ctx, binding, name))
        return bool(uses) and all(_proxy_uses(ctx, names, use, depth, seen, found) for use in uses)

    node, parent = value, names.parent(value)
    while parent is not None:
        held = names.parent(parent)
        if (
            isinstance(
                parent,
                (
                    cst.BooleanOperation,
                    cst.BinaryOperation,
                    cst.FormattedStringExpression,
                    cst.FormattedString,
                    cst.Dict,
                ),
            )
            or (isinstance(parent, cst.IfExp) and node is not parent.test)
            or (isinstance(parent, cst.DictElement) and parent.value is node)
        ):
            if isinstance(parent, cst.DictElement) and proxy_word(string_value(parent.key)):
                found.append(ProxySetting(parent, None, string_value(parent.key) or ""))
                return True
            node, parent = parent, held
            continue
        if (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and parent.attr.value in sdk.SAME_VALUE_METHODS
            and isinstance(held, cst.Call)
            and held.func is parent
        ):
            node, parent = held, names.parent(held)  # `value.strip()`: the value still
            continue
        if isinstance(parent, cst.NamedExpr) and parent.value is node:
            if isinstance(parent.target, cst.Name) and not follow(
                parent.target, parent.target, depth
            ):
                return False
            node, parent = parent, held
            continue
        if (
            isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is node
        ) or isinstance(parent, (cst.Comparison, cst.UnaryOperation)):
            return True  # a test of it: nothing sent
        if isinstance(parent, cst.Arg):
            call = held
            if not isinstance(call, cst.Call):
                return False
            if in_message(ctx, parent):
                return True  # `print(f"proxy: {proxy}")`: nothing sent
            keyword = parent.keyword.value if parent.keyword is not None else None
            if proxy_word(keyword) or (
                keyword is None and not parent.star and proxy_word(last_name(call.func))
            ):
                found.append(ProxySetting(parent, call, keyword or ""))
                return True
            params = _parameters(ctx, call, parent) if depth else []
            return bool(params) and all(follow(p.name, p, depth - 1) for p in params)
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is node:
            targets = parent.targets if isinstance(parent, cst.Assign) else [parent]
            return all(_proxy_target(ctx, t.target, follow, depth, found) for t in targets)
        return False
    return False


def _proxy_target(
    ctx: PythonContext,
    target: cst.BaseExpression,
    follow: Callable[[cst.Name, cst.CSTNode, int], bool],
    depth: int,
    found: list[ProxySetting],
) -> bool:
    """Whether an assignment's target takes the value as a proxy setting (`self.proxy`,
    `cfg["proxy"]`, `os.environ["HTTPS_PROXY"]`, openai<1.0's `openai.proxy`), or names it
    for uses that all are (`proxy = value`)."""
    if isinstance(target, cst.Name):
        return follow(target, target, depth)
    if isinstance(target, cst.Attribute):
        if "openai.proxy" in ctx.qualnames(target):
            found.append(ProxySetting(target, None, "proxy", legacy=True))
            return True
        name = target.attr.value
    elif isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        name = (string_value(index.value) or "") if isinstance(index, cst.Index) else ""
    else:
        return False
    if not proxy_word(name):
        return False
    found.append(ProxySetting(target, None, name))
    return True


@dataclass(frozen=True)
class TargetKey:
    """Where a key's value goes as far as the target is concerned (`target_key`).

    `call`: the first SDK client or framework class it reaches as the key that talks to the
    target, or that `apply` points there keeping that key (a key the program hands it, ML001's
    and ML601's `passed_keys`: `moved`); `settled`: the module shows where it goes, and it
    goes no such place: only as the key of clients or classes left on OpenAI, pointed at the
    program's own server or given the target's key by `apply`, or nowhere (bound to names
    never used).
    """

    call: cst.Call | None
    moved: bool
    settled: bool


def target_key(ctx: PythonContext, names: EnvNames, value: cst.CSTNode) -> TargetKey:
    """Follow `value`, a key, as `risky_destination` does (through names, `or`, and this
    module's functions): whether it reaches a client or class at the target (`TargetKey`)."""
    uses = [
        (arg, holder, whole)
        for arg, holder, whole in _uses(ctx, names, value, _DEPTH, set())
        if not (isinstance(holder, cst.Call) and defined_here(ctx, holder))  # followed in
    ]
    settled = bool(uses) or _unused(ctx, names, value)
    for arg, holder, whole in uses:
        side = (
            _key_side(ctx, holder, arg)
            if whole and arg is not None and isinstance(holder, cst.Call)
            else None
        )
        if side in ("at", "moved"):
            return TargetKey(cast(cst.Call, holder), side == "moved", False)
        if side is None:
            settled = False  # a use not shown: another function, a dict, an attribute
    return TargetKey(None, False, settled)


def _key_side(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> str | None:
    """For the argument `arg` of `call`: None where it is not the key of an SDK client or a
    framework class; else "at" where the call talks to the target, "moved" where `apply`
    points it there keeping that key, "other" otherwise."""
    from migrate_llm.rules.clients import endpoint_of, falls_back_to_openai, passed_keys
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint

    if arg.keyword is None:
        return None
    client = ctx.constructed_client(call)
    if client is not None:
        if arg.keyword.value != "api_key":
            return None
        if client.azure:
            provider = ctx.rules.provider
            return "at" if provider is not None and provider.azure is not None else "other"
        found = endpoint_of(ctx, call)
        moved = found.kind == "openai" or falls_back_to_openai(ctx, call)
    else:
        cls = any_framework_class(ctx, call)
        if cls is None or arg.keyword.value not in cls.key:
            return None
        found = endpoint(ctx, call, cls.base_url)
        moved = found.kind == "openai"
    if _at_target(ctx, found):
        return "at"
    if moved and not left_on_openai(ctx, call) and passed_keys(ctx, arg.value):
        return "moved"
    return "other"


def _at_target(ctx: PythonContext, found: Endpoint) -> bool:
    """Whether a client's endpoint is the target's: its URL, or its base-URL variable."""
    provider = ctx.rules.provider
    if provider is None or not ctx.rules.switching:
        return False
    if found.kind == "provider" and found.provider is not None:
        return found.provider.id == provider.id
    return found.variable is not None and found.variable == provider.base_url_env


def _unused(ctx: PythonContext, names: EnvNames, value: cst.CSTNode) -> bool:
    """Whether `value` is bound only to names the module never uses again, is a statement of
    its own or only tested (`if os.getenv(A) or os.getenv(B):`): it goes nowhere."""
    holder = names.parent(value)
    if isinstance(holder, cst.Expr) or (
        isinstance(holder, (cst.If, cst.While, cst.IfExp)) and holder.test is value
    ):
        return True
    if isinstance(holder, cst.UnaryOperation) and isinstance(holder.operator, cst.Not):
        return True
    if not isinstance(holder, cst.Assign) or holder.value is not value:
        return False
    targets = [t.target for t in holder.targets]
    return all(isinstance(t, cst.Name) for t in targets) and not any(
        True for t in targets for _ in _references(ctx, t, cast(cst.Name, t))
    )
