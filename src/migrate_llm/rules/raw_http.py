"""Raw HTTP requests to OpenAI (`requests`, `httpx`, `aiohttp`, `urllib`): URL and key together.

A request's key and the host it goes to change together or not at all. Requests that share a
URL constant, a headers dict, a key read or a session are one group: the group is rewritten
only when every request in it can be (its URL is an OpenAI REST path the module shows, the
provider serves that path, and the key it carries is read from OPENAI_API_KEY in this module);
otherwise nothing in the group is touched and each request is one manual finding.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import Example
from migrate_llm.rules.code_templates import IMPORT_OS, base_url_expr, path_url_expr
from migrate_llm.rules.env_names import EnvAccess, EnvNames, env_names
from migrate_llm.rules.env_roles import base_url_variables, key_variables
from migrate_llm.rules.framework_args import dict_entries
from migrate_llm.rules.partial_apis import partial_offer
from migrate_llm.rules.passed_values import parameter_calls
from migrate_llm.rules.project_calls import project_module
from migrate_llm.rules.python import PythonRule
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.raw_request_keys import (
    KeyOrigin,
    header_keys,
    key_fix,
    key_origin,
    url_module,
)
from migrate_llm.rules.rewrite import requote
from migrate_llm.rules.settings_reader_reads import reader_read
from migrate_llm.rules.shut_down_apis import shut_down_words
from migrate_llm.run_facts import sends_key_header

_MAX_DEPTH = 6
# the most strings a part of a URL chosen at run time is followed through (`_options`)
_MAX_OPTIONS = 8
# the keyword of `requests`, `httpx` and `aiohttp` calls that sends a body as JSON
_JSON_BODY = "json"
_CHAT_PATH = "/chat/completions"
_COMPLETIONS_PATH = "/completions"
# the expressions a URL the module binds to a name may be written as
_URL_SHAPES = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation)
# Parents under which `a + "/path"` can stand for a literal without parentheses.
_BARE_OK = (
    cst.Arg,
    cst.Assign,
    cst.AnnAssign,
    cst.Param,
    cst.Return,
    cst.DictElement,
    cst.Element,
    cst.FormattedStringExpression,
    cst.WithItem,
)


@dataclass
class Url:
    """What a request's URL expression shows.

    kind: "openai" (an OpenAI URL), "target" (the provider's own host), "azure" (an Azure
    OpenAI host or deployment path), "other" (some other host), "project" (a name imported
    from another module of the project, where a module of the project holds an OpenAI URL
    with an API path: `source`, the module) or "unknown" (computed at run time). `path`: the
    REST path after OpenAI's base (`/chat/completions`); `edits`: what points it at the
    provider (None: not possible). A part chosen at run time among strings the module shows
    (`api_name = "completions" if c else "chat/completions"`, then `f"{BASE}/{api_name}"`)
    is `{}` in `text`; `choices` holds each URL it may make, `paths` their REST paths.
    """

    kind: str
    text: str = ""
    path: str | None = None
    edits: list[Edit] | None = None
    anchors: list[cst.CSTNode] = field(default_factory=list)
    source: str = ""
    choices: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()

    @property
    def every_path(self) -> tuple[str, ...]:
        """The REST paths the request may go to: each choice's, else its one path."""
        if self.choices:
            return self.paths
        return (self.path,) if self.path is not None else ()

    def chosen(self) -> str:
        """`, its path chosen at run time: /completions or /chat/completions`, or ""."""
        if not self.choices or not self.paths:
            return ""
        return f", its path chosen at run time: {' or '.join(self.paths)}"


@dataclass(eq=False)
class Request:
    call: cst.Call
    method: str
    url_expr: cst.BaseExpression | None
    header_exprs: list[cst.BaseExpression]
    session: cst.Call | None = None  # the session/client construction it is sent through
    is_session: bool = False  # a session construction with base_url (its calls add paths)
    url: Url = field(default_factory=lambda: Url("unknown"))
    keys: list[EnvAccess] = field(default_factory=list)
    reason: str = ""
    # a name giving one of `keys` that may also hold a value the module does not show (a
    # parameter: `api_key = api_key or os.environ["OPENAI_API_KEY"]`), the first such
    open_key: cst.Name | None = None


@dataclass(eq=False)
class Group:
    requests: list[Request]
    ok: bool = False


@dataclass
class RawHttp:
    """The raw OpenAI requests of one module and the nodes the other rules must leave alone."""

    groups: list[Group] = field(default_factory=list)
    held: set[int] = field(default_factory=set)  # ids of URL anchors and key-read nodes
    # a request to OpenAI left unchanged whose key the module does not trace (all of it, or
    # a parameter beside a read): a key read of the module may end up in it, so none that
    # may is switched (`env_read_facts.untraced`; line of the first request, or 0)
    untraced: int = 0
    untraced_calls: list[cst.Call] = field(default_factory=list)  # every such request
    # ids of the key reads of the requests left as they are: they stay OpenAI's
    kept: set[int] = field(default_factory=set)
    # requests sent to the provider's base URL itself, with no API path (no endpoint: 404)
    bare: list[Request] = field(default_factory=list)
    # requests sent to the provider's base URL plus the path of an API it serves only in part
    # or not at all (`/completions` on DeepSeek: FIM on another base), with that API
    unsure: list[tuple[Request, str]] = field(default_factory=list)
    # URLs of such an API the module binds to a name that none of its requests is shown to
    # send to (JARVIS hands its endpoint to its helper in the body): value, URL, API
    unsure_urls: list[tuple[cst.BaseExpression, Url, str]] = field(default_factory=list)
    # requests that go to the provider's chat endpoint once apply has run: those the module
    # sends there, and those to OpenAI's chat endpoint ML403 points there in this run
    chat: list[Request] = field(default_factory=list)
    # the same for the provider's completions endpoint: its base URL, or a spelling of it its
    # file documents (`[base_url_aliases]`: DeepSeek's /beta), plus `/completions`
    completions: list[Request] = field(default_factory=list)
    # requests to the provider's URL (or to an OpenAI URL a project module holds) whose key
    # is not read from the provider's key variable: with where the key comes from, the
    # project module the URL is taken from ("": this one shows it) and whose URL it holds
    # ("provider", "openai")
    routed: list[tuple[Request, KeyOrigin, str, str]] = field(default_factory=list)

    def holds(self, names: EnvNames, node: cst.CSTNode) -> bool:
        """Whether `node` is, or lies inside, a URL or key of a raw request."""
        if id(node) in self.held:
            return True
        return any(id(a) in self.held for a in names.ancestors(node))


# The top-level modules of the HTTP libraries and of their session classes
_LIBRARY_MODULES = frozenset(
    name.split(".")[0] for name in (*sdk.HTTP_LIBRARIES, *sdk.HTTP_SESSION_CLASSES)
)


class _Analysis:
    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.names = env_names(ctx)
        rules = ctx.rules
        self.provider = rules.provider if rules.switching else None
        self.base_url = rules.base_url if self.provider else None
        openai = rules.openai.base_url.rstrip("/")
        self.openai_bases = (openai, openai.replace("https://", "http://", 1))
        hosts = "|".join(re.escape(h) for h in rules.openai.hosts) or r"(?!)"
        self.openai_host = re.compile(
            rf"(?i)^(?:https?://)?(?:[a-z0-9-]+\.)*(?:{hosts})(?:[/:?]|$)"
        )
        target = [re.escape(h) for h in self.provider.hosts] if self.provider else []
        azure = rules.registry.providers.get("azure")
        azure_hosts = "|".join(re.escape(h) for h in azure.hosts) if azure else r"(?!)"
        self.azure_host = re.compile(
            rf"(?i)^https?://(?:[a-z0-9-]+\.)*(?:{azure_hosts})(?:[/:?]|$)"
        )
        self.target_host = (
            re.compile(rf"(?i)^https?://(?:[a-z0-9-]+\.)*(?:{'|'.join(target)})(?:[/:?]|$)")
            if target
            else None
        )
        # a module of the project holds an OpenAI URL with an API path (ML402 leaves it)
        self.endpoint_held = self.provider is not None and rules.facts.openai_endpoint_held
        # whether a qualified name can be an HTTP library's: each is written where it is
        # imported (or used without an import), so a module naming none asks no name
        self.libraries = any(ctx.mentions(module) for module in _LIBRARY_MODULES)
        self.sessions: dict[str, cst.Call] = {}  # bound name -> session construction
        self.session_calls: dict[int, list[Request]] = {}
        # the expressions a request's URL is read from (`_resolve`), and whether it is read now
        self.request_urls: set[int] = set()
        self.resolving = False
        self.open_key: cst.Name | None = None  # see `Request.open_key`, while walking keys

    # -- finding requests ---------------------------------------------------------------

    def run(self) -> RawHttp:
        requests: list[Request] = []
        for value, targets in self.names.bindings:
            self._bind_session(value, targets)
        for call in self.names.calls:
            request = self._request(call)
            if request is not None:
                requests.append(request)
        interesting = []
        bare = []
        unsure = []
        chat = []
        completions = []
        for request in requests:
            self._resolve(request)
            kind = request.url.kind
            if kind in ("openai", "azure", "web") or request.keys or self._model_sent(request):
                interesting.append(request)
            if self._bare(request):
                bare.append(request)
            surface = self._unsure_surface(request)
            if surface is not None:
                unsure.append((request, surface))
            if _CHAT_PATH in self._target_paths(request):
                chat.append(request)
            if any(self._completions_path(p) for p in self._target_paths(request)):
                completions.append(request)
        # session constructions are interesting when a request through them is
        for request in requests:
            if request.is_session and request not in interesting:
                through = self.session_calls.get(id(request.call), [])
                if any(r in interesting for r in through):
                    interesting.append(request)
        found = self._group(interesting)
        found.bare = bare
        found.unsure = unsure
        found.unsure_urls = self._unsure_urls()
        moved = [
            r
            for g in found.groups
            if g.ok and self.provider is not None
            for r in g.requests
            if r.url.kind == "openai" and _CHAT_PATH in r.url.every_path and not r.is_session
        ]
        found.chat = [*chat, *moved]
        found.completions = [
            *completions,
            *(
                r
                for g in found.groups
                if g.ok and self.provider is not None
                for r in g.requests
                if r.url.kind == "openai"
                and _COMPLETIONS_PATH in r.url.every_path
                and not r.is_session
            ),
        ]
        found.routed = self._routed(requests, interesting)
        return found

    def _routed(
        self, requests: list[Request], interesting: list[Request]
    ) -> list[tuple[Request, KeyOrigin, str, str]]:
        """The requests sent to the provider's URL (one the module shows, or one it takes
        from a project module holding the provider's URL: `url_module`), or to an OpenAI URL
        such a module holds, whose headers send a key that is not read from the provider's
        key variable, nor from OpenAI's (the groups move such a read with its URL), with
        where each key comes from, the module and whose URL it holds ("provider", "openai")."""
        provider = self.provider
        if provider is None:
            return []
        found: list[tuple[Request, KeyOrigin, str, str]] = []
        for request in requests:
            if request.is_session or request.keys or request in interesting:
                continue
            if request.url.kind == "target":
                module, whose = "", "provider"
            elif request.url.kind in ("unknown", "project") and request.url_expr is not None:
                module, whose = url_module(self.ctx, request.url_expr, provider)
                if not module:
                    continue
            else:
                continue
            for node in header_keys(self.ctx, request.header_exprs):
                origin = key_origin(self.ctx, self.names, node, provider)
                if origin is not None:
                    found.append((request, origin, module, whose))
                    break
        return found

    def _target_paths(self, request: Request) -> list[str]:
        """The API paths of a request sent to the provider's own base URL (its official URL,
        a region's, or the one the run targets), without a query: each its URL may take
        where a part is chosen at run time; empty for another."""
        if self.provider is None or request.url.kind != "target" or request.is_session:
            return []
        return (
            list(request.url.paths) if request.url.choices else self._after_base([request.url.text])
        )

    def _completions_path(self, path: str) -> bool:
        """Whether `path` (after the provider's base URL) is its completions endpoint: under
        that base, or under a spelling of it its file documents (`/beta/completions`)."""
        provider = self.provider
        if provider is None:
            return False
        base = (self.base_url or provider.base_url).rstrip("/")
        prefixes = {""} | {
            s.rstrip("/")[len(base) :]
            for s in provider.base_url_spellings(self.base_url or provider.base_url)
            if s.rstrip("/").startswith(base)
        }
        return any(path == prefix + _COMPLETIONS_PATH for prefix in prefixes)

    def _after_base(self, texts: tuple[str, ...] | list[str]) -> list[str]:
        """The API paths of URLs under the provider's own base URL (its official URL, a
        region's, or the one the run targets), without a query."""
        provider = self.provider
        if provider is None:
            return []
        bases = {self.base_url or "", provider.base_url, *provider.regions.values()}
        ordered = sorted((b.rstrip("/") for b in bases if b), key=len, reverse=True)
        found = []
        for text in texts:
            base = next((b for b in ordered if text.startswith(b)), None)
            rest = text[len(base) :] if base is not None else None
            if rest is not None and rest[:1] in ("/", ""):
                found.append(re.split(r"[?{]", rest, maxsplit=1)[0])
        return found

    def _unsure_urls(self) -> list[tuple[cst.BaseExpression, Url, str]]:
        """The URLs the module binds to a name (`API_ENDPOINT = os.environ.get(
        "DEEPSEEK_BASE_URL", ...) + f"/{api_name}"`) that are the provider's base URL plus the
        path of an API it does not serve in full, with that API: those no request here is
        shown to send to (a request's own URL is reported with the request)."""
        provider = self.provider
        if provider is None:
            return []
        found: list[tuple[cst.BaseExpression, Url, str]] = []
        for value, _ in self.names.bindings:
            if id(value) in self.request_urls or not isinstance(value, _URL_SHAPES):
                continue
            url = self.url(value)
            if url.kind != "target":
                continue
            surface = unserved(provider, url.paths if url.choices else self._after_base([url.text]))
            if surface is not None:
                found.append((value, url, surface))
        return found

    def _model_sent(self, request: Request) -> bool:
        """Whether a request whose URL the module does not show sends an OpenAI model in its
        JSON body, or one whose URL it takes from the project, which holds an OpenAI URL
        ("project"), sends a model or messages: it may go to OpenAI, so the model stays with
        the URL."""
        if request.url.kind not in ("unknown", "project") or request.is_session:
            return False
        if request.url.kind == "project":
            entries = body_entries(self.ctx, request.call)
            return "model" in entries or "messages" in entries
        values = (string_value(m) for m in body_model_literals(self.ctx, request.call))
        return any(v is not None and self.ctx.rules.openai.serves(v) for v in values)

    def _bare(self, request: Request) -> bool:
        """Whether a request goes to the provider's base URL itself (`requests.post(BASE)`,
        BASE read from the provider's base-URL variable or its URL): no endpoint of an API,
        a person's replacement of an OpenAI endpoint that dropped the path."""
        provider, base = self.provider, self.base_url
        if provider is None or base is None or request.url.kind != "target":
            return False
        if request.is_session or request.session is not None:
            return False
        return request.url.text.rstrip("/") in {base.rstrip("/"), provider.base_url.rstrip("/")}

    def _unsure_surface(self, request: Request) -> str | None:
        """The API of a request sent to the provider's base URL plus an OpenAI REST path,
        where the provider's file does not say it serves that API in full (as apply or a
        person wrote it: `os.environ.get("DEEPSEEK_BASE_URL", URL) + "/completions"`); of a
        path chosen at run time, any it may take (one the provider lacks first)."""
        provider = self.provider
        if provider is None or request.session is not None:
            return None
        return unserved(provider, self._target_paths(request))

    def _bind_session(self, value: cst.BaseExpression, targets: list) -> None:
        if (
            self.libraries
            and isinstance(value, cst.Call)
            and self.ctx.qualnames(value.func) & sdk.HTTP_SESSION_CLASSES
        ):
            for target in targets:
                if isinstance(target, cst.Name):
                    self.sessions[target.value] = value

    def _library_call(self, call: cst.Call) -> str | None:
        if not self.libraries:
            return None
        for name in self.ctx.qualnames(call.func):
            if any(name.startswith(lib + ".") for lib in sdk.HTTP_LIBRARIES):
                return name
        return None

    def _request(self, call: cst.Call) -> Request | None:
        qualified = self._library_call(call)
        func = call.func
        method = (
            func.attr.value
            if isinstance(func, cst.Attribute)
            else (func.value if isinstance(func, cst.Name) else "")
        )
        headers = keyword(call, "headers")
        header_exprs = [headers.value] if headers is not None else []
        if qualified is not None:
            if qualified in sdk.HTTP_SESSION_CLASSES:
                base = keyword(call, "base_url")
                return Request(
                    call,
                    "",
                    base.value if base is not None else None,
                    header_exprs,
                    is_session=True,
                )
            last = qualified.rsplit(".", 1)[-1]
            if qualified in sdk.HTTP_REQUEST_CLASSES:
                if headers is None and len(call.args) > 2 and call.args[2].keyword is None:
                    header_exprs = [call.args[2].value]
                return Request(call, "", self._url_arg(call, 0), header_exprs)
            if last in sdk.HTTP_REQUEST_FUNCTIONS:
                return self._plain(call, last, header_exprs)
            return None
        if not isinstance(func, cst.Attribute) or method not in sdk.HTTP_METHODS:
            return None
        receiver = func.value
        session = self.sessions.get(receiver.value) if isinstance(receiver, cst.Name) else None
        request = self._plain(call, method, header_exprs)
        if session is not None:
            request.session = session
            ctor_headers = keyword(session, "headers")
            if ctor_headers is not None:
                request.header_exprs.append(ctor_headers.value)
            return request
        # An unknown receiver: a request only when it visibly goes to OpenAI or carries the key.
        if request.url_expr is None or self._mapping_lookup(call, receiver):
            return None
        if headers is None and not self._shows_openai(request.url_expr):
            return None
        return request

    def _mapping_lookup(self, call: cst.Call, receiver: cst.BaseExpression) -> bool:
        """`table.get(url, default)`: a dict's `get` (the receiver is bound to a dict, or the
        call has the shape of one: a key and a default, no keyword), not an HTTP GET."""
        if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "get":
            return False
        if len(call.args) == 2 and not any(a.keyword or a.star for a in call.args):
            return True
        bound = self.ctx.bound_value(receiver) if isinstance(receiver, cst.Name) else receiver
        if isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name):
            builtin = not any(isinstance(b, Assignment) for b in self.ctx.bindings(bound.func))
            return bound.func.value == "dict" and builtin
        return isinstance(bound, (cst.Dict, cst.DictComp))

    def _shows_openai(self, expr: cst.BaseExpression) -> bool:
        return self.url(expr).kind in ("openai", "web")

    def _url_arg(self, call: cst.Call, index: int) -> cst.BaseExpression | None:
        url = keyword(call, "url")
        if url is not None:
            return url.value
        positional = [a for a in call.args if a.keyword is None and not a.star]
        return positional[index].value if len(positional) > index else None

    def _plain(self, call: cst.Call, method: str, header_exprs: list) -> Request:
        if method == "request":
            verb = string_value(call.args[0].value) if call.args else None
            return Request(call, (verb or "").upper(), self._url_arg(call, 1), header_exprs)
        if method == "urlopen":
            return Request(call, "", self._url_arg(call, 0), header_exprs)
        verb = "" if method == "stream" else method.upper()
        return Request(call, verb, self._url_arg(call, 0), header_exprs)

    # -- URLs -----------------------------------------------------------------------------

    def _resolve(self, request: Request) -> None:
        self.resolving = True
        try:
            self._resolve_url(request)
        finally:
            self.resolving = False
        request.keys = self._keys(request)

    def _resolve_url(self, request: Request) -> None:
        if request.session is not None:
            self.session_calls.setdefault(id(request.session), []).append(request)
            base = keyword(request.session, "base_url")
            path = string_value(request.url_expr) if request.url_expr is not None else None
            if base is not None and path is not None and path.startswith("/"):
                # a path under the session's base_url: the session's URL is edited
                base_url = self.url(base.value)
                request.url = Url(
                    base_url.kind if base_url.path in ("", "/") else "unknown",
                    base_url.text.rstrip("/") + path,
                    path if base_url.kind == "openai" else None,
                    base_url.edits,  # the client's base_url is what changes
                    [],
                )
            elif request.url_expr is not None:
                request.url = self.url(request.url_expr)
        elif request.url_expr is not None:
            request.url = self.url(request.url_expr)

    def url(self, expr: cst.BaseExpression) -> Url:
        pieces = self._pieces(expr, 0)
        text = "".join(p[1] for p in pieces)
        first = pieces[0]
        if first[0] == "env":
            kind = "openai"
            rest: str | None = text[len(first[1]) :]
        elif self.openai_host.match(text):
            kind = "openai"
            base = next((b for b in self.openai_bases if text.startswith(b)), None)
            rest = text[len(base) :] if base is not None else None
        elif self.target_host is not None and self.target_host.match(text):
            choices = _choices(pieces)
            paths = tuple(dict.fromkeys(self._after_base(choices)))
            return Url("target", text, None, [], [], choices=choices, paths=paths)
        elif self.azure_host.match(text) or sdk.AZURE_DEPLOYMENT_PATH in text:
            return Url("azure", text)
        elif sdk.openai_web_host(text) is not None:
            return Url("web", text)
        elif first[0] == "project":
            return Url("project", self.ctx.code(first[2]), source=first[3])
        elif first[0] in ("dyn", "alt"):
            return Url("unknown", text)
        else:
            return Url("other", text)
        path = _rest_path(rest) if rest is not None else None
        choices = _choices(pieces)
        found: list[str] = []
        start = len(text) - len(rest or "")
        for choice in choices if rest is not None else ():
            chosen = _rest_path(choice[start:])
            if chosen is None:  # a choice that is not the path of an API
                path, found = None, []
                break
            found.append(chosen)
        anchors = [first[2], first[3]] if first[0] == "text" else [first[2]]
        edits = self._url_edits(first, text)
        paths = tuple(dict.fromkeys(found))
        return Url(kind, text, path, edits, anchors, choices=choices, paths=paths)

    def _pieces(self, expr: cst.CSTNode, depth: int) -> list[tuple]:
        """The URL as pieces (kind, text, node): "lit" (a string literal), "text" (a text
        part of an f-string), "env" (a read of OPENAI_BASE_URL), "dyn" (computed)."""
        if depth > _MAX_DEPTH:
            return [("dyn", "{}", expr)]
        if self.resolving:
            self.request_urls.add(id(expr))
        value = string_value(expr)
        if value is not None:
            return [("lit", value, expr)]
        if isinstance(expr, cst.FormattedString):
            pieces: list[tuple] = []
            for part in expr.parts:
                if isinstance(part, cst.FormattedStringText):
                    pieces.append(("text", part.value, part, expr))
                elif (
                    isinstance(part, cst.FormattedStringExpression)
                    and part.format_spec is None
                    and part.conversion is None
                ):
                    pieces.extend(self._pieces(part.expression, depth + 1))
                else:
                    pieces.append(("dyn", "{}", part))
            return pieces or [("dyn", "", expr)]
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            return self._pieces(expr.left, depth + 1) + self._pieces(expr.right, depth + 1)
        if isinstance(expr, cst.ConcatenatedString):  # `(f"{base}/openai" f"/{name}")`
            return self._pieces(expr.left, depth + 1) + self._pieces(expr.right, depth + 1)
        if isinstance(expr, cst.IfExp):
            options = self._options(expr, depth)
            return [("alt", "{}", expr, options)] if options else [("dyn", "{}", expr)]
        if _slash_stripped(expr):
            # the provider's base URL as a person writes it, `BASE.rstrip("/") + "/chat/..."`
            pieces = self._pieces(cast(cst.Attribute, cast(cst.Call, expr).func).value, depth + 1)
            if len(pieces) == 1 and pieces[0][0] == "target":
                return [("target", pieces[0][1].rstrip("/"), expr)]
        access = self.names.by_node.get(id(expr))
        if (
            access is not None
            and access.kind == "read"
            and access.names & base_url_variables(self.ctx)
        ):
            default = (
                expr.args[1].value if isinstance(expr, cst.Call) and len(expr.args) > 1 else None
            )
            text = string_value(default) if default is not None else None
            return [("env", text or self.openai_bases[0], expr)]
        if (
            access is not None
            and access.kind == "read"
            and self.provider is not None
            and self.base_url is not None
            and self.provider.base_url_env in access.names
        ):  # the provider's base URL, as apply or a person wrote it
            default = (
                expr.args[1].value if isinstance(expr, cst.Call) and len(expr.args) > 1 else None
            )
            text = string_value(default) if default is not None else None
            return [("target", text or self.base_url, expr)]
        if isinstance(expr, cst.Name):
            held = self.names.values(expr)
            if held is not None and len(held) == 1:
                return self._pieces(held[0], depth + 1)
            options = self._options(expr, depth) if held else None
            if options:
                return [("alt", "{}", expr, options)]
        if isinstance(expr, cst.Attribute) and self._moved_field(expr.attr.value):
            # `self.settings.api_base`: a field whose default ML402 points at the provider
            # (or that reads its base-URL variable), as a module constant's read is
            return [("target", self.base_url, expr)]
        if isinstance(expr, (cst.Name, cst.Attribute)) and self.endpoint_held:
            module = project_module(self.ctx, expr)
            if module is not None:
                return [("project", "{}", expr, module)]
        return [("dyn", "{}", expr)]

    def _moved_field(self, name: str) -> bool:
        """Whether `name` is the base-URL field (`sdk.URL_ENTRY_NAMES`) of one class of the
        module only, whose default is OpenAI's plain base URL, which ML402 points at the
        provider in the same run, or a read of the provider's base-URL variable, as apply
        writes it; not a pydantic `BaseSettings` class (read from the environment first,
        ML402 leaves it), nor one with a key written beside it. A request to
        `f"{self.config.api_base}/chat/completions"` goes to the provider then (t62f: Kirara
        AI's `OpenAIConfig`), as one to a module constant holding that URL does; a value
        given to the instance is not followed (the default is what the module shows)."""
        if self.provider is None or self.base_url is None or name not in sdk.URL_ENTRY_NAMES:
            return False
        defaults = self._field_defaults().get(name, [])
        if len(defaults) != 1 or defaults[0] is None:
            return False
        default = defaults[0]
        value = string_value(default)
        if value is not None:
            return value.rstrip("/") in self.openai_bases
        access = self.names.by_node.get(id(default))
        return (
            access is not None
            and access.kind == "read"
            and self.provider.base_url_env in access.names
        )

    def _field_defaults(self) -> dict[str, list[cst.BaseExpression | None]]:
        """The defaults the module's classes give their fields, by field name (None for a
        class whose default is not to be followed: see `_moved_field`)."""
        found = self.ctx.analyses.get(_Analysis._field_defaults)
        if found is not None:
            return cast("dict[str, list[cst.BaseExpression | None]]", found)
        fields: dict[str, list[cst.BaseExpression | None]] = {}
        for cls in self.ctx.module.body:
            if not isinstance(cls, cst.ClassDef):
                continue
            settings = any(
                self.ctx.code(b.value).rpartition(".")[2] in sdk.SETTINGS_BASES for b in cls.bases
            )
            given: dict[str, cst.BaseExpression | None] = {}
            for line in cls.body.body:
                if not isinstance(line, cst.SimpleStatementLine):
                    continue
                for small in line.body:
                    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                        given[small.target.value] = small.value
            keyed = any(
                string_value(v) is not None
                for k, v in given.items()
                if k.lower() in sdk.KEY_ENTRY_NAMES and v is not None
            )
            for field_name, value in given.items():
                fields.setdefault(field_name, []).append(None if settings or keyed else value)
        self.ctx.analyses[_Analysis._field_defaults] = fields
        return fields

    def _options(self, expr: cst.BaseExpression, depth: int) -> tuple[str, ...] | None:
        """The strings `expr` may hold where the module shows each: a literal, a conditional
        expression of them, a name assigned only them (`api_name = "completions" if c else
        "chat/completions"`, or one per branch of an `if`); None otherwise, or past
        `_MAX_OPTIONS`."""
        if depth > _MAX_DEPTH:
            return None
        value = string_value(expr)
        if value is not None:
            return (value,)
        if isinstance(expr, cst.IfExp):
            parts: list[cst.BaseExpression] = [expr.body, expr.orelse]
        elif isinstance(expr, cst.Name):
            parts = self.names.values(expr) or []
        else:
            return None
        found: list[str] = []
        for part in parts:
            options = self._options(part, depth + 1)
            if options is None:
                return None
            found += [o for o in options if o not in found]
        return tuple(found) if 0 < len(found) <= _MAX_OPTIONS else None

    def _url_edits(self, first: tuple, text: str) -> list[Edit] | None:
        """Edits pointing the URL's first piece at the provider; None when it cannot be."""
        if self.provider is None or self.base_url is None:
            return None
        kind, value, node = first[0], first[1], first[2]
        base = next((b for b in self.openai_bases if value.startswith(b)), None)
        expression = base_url_expr(self.provider, self.base_url)
        if kind == "env":
            # a settings reader's read (decouple's `config`) stays that reader's, `.env` seen
            read = (
                None
                if self.provider.azure is not None
                else reader_read(self.ctx, node, self.provider.base_url_env, self.base_url)
            )
            if read is not None:
                return [Edit(self.ctx.span(node), read)]
            return [Edit(self.ctx.span(node), expression, (IMPORT_OS,))]
        if base is None:
            return None
        rest = value[len(base) :]
        if kind == "lit":
            if not isinstance(node, cst.SimpleString):
                return None
            if rest:
                tail = requote(node, rest)
                if tail is None:
                    return None
                new = f"{expression} + {tail}"
                if not isinstance(self.names.parent(node), _BARE_OK):
                    new = f"({new})"
            else:
                new = expression
            return [Edit(self.ctx.span(node), new, (IMPORT_OS,))]
        if kind == "text":
            fstring: cst.FormattedString = first[3]
            quote = fstring.quote
            inner = "'" if '"' in quote else '"'
            alt = expression.replace('"', inner)
            return [Edit(self.ctx.span(node), "{" + alt + "}" + rest, (IMPORT_OS,))]
        return None

    def _held_url(self, expr: cst.BaseExpression) -> str | None:
        """Where a URL computed at run time is read from a dict of the module holding an
        OpenAI URL among its entries (`model_info[model]["endpoint"]`, `T.get(k)`, beside
        `model_info = {"gpt-4o": {"endpoint": openai_endpoint}}`), as a reason says it; None
        for any other."""
        base = expr
        while True:
            if isinstance(base, cst.Subscript):
                base = base.value
            elif (
                isinstance(base, cst.Call)
                and isinstance(base.func, cst.Attribute)
                and base.func.attr.value == "get"
            ):
                base = base.func.value
            else:
                break
        table = (
            self.ctx.bound_value(base) if isinstance(base, cst.Name) and base is not expr else None
        )
        if not isinstance(table, cst.Dict):
            return None
        stack: list[cst.BaseExpression] = [table]
        while stack:
            node = stack.pop(0)
            if isinstance(node, cst.Dict):
                stack += [e.value for e in node.elements if isinstance(e, cst.DictElement)]
                continue
            url = self.url(node)
            if url.kind == "openai" and url.anchors:
                line = self.ctx.line_label(self.ctx.position(url.anchors[0])[0][0])
                at = self.ctx.line_label(self.ctx.position(table)[0][0])
                assert isinstance(base, cst.Name)
                return (
                    f"its URL is looked up in {base.value} ({at}), which holds the OpenAI URL "
                    f"{url.text} ({line}, ML402)"
                )
        return None

    def _built_url(self, expr: cst.BaseExpression) -> str | None:
        """Where a URL computed at run time is OpenAI's version path appended to a base URL
        chosen at run time (`appended_versions`): in the URL itself, in the one value a name
        holds, or in the function of the module it is returned by (ChuanhuChatGPT's
        `format_openai_host(api_host)`), as a reason says it; None for any other."""
        # it imports this module
        from migrate_llm.rules.appended_versions import appended_in, own_version

        value = self.ctx.bound_value(expr) if isinstance(expr, cst.Name) else None
        at: cst.CSTNode = value if value is not None else expr
        where = "is a base URL chosen at run time"
        if isinstance(at, cst.Call) and isinstance(at.func, cst.Name):
            defined = [
                binding.node
                for binding in self.ctx.bindings(at.func)
                if isinstance(binding, Assignment) and isinstance(binding.node, cst.FunctionDef)
            ]
            if len(defined) == 1:
                line = self.ctx.line_label(self.ctx.position(defined[0])[0][0])
                at = defined[0]
                where = f"is built by {at.name.value}() ({line}) from a base URL chosen at run time"
        found = appended_in(self.ctx, at)
        if found is None:
            return None
        line = self.ctx.line_label(self.ctx.position(found.text)[0][0])
        base = self.ctx.rules.base_url
        reported = ", ML402" if self.ctx.rules.switching and base and own_version(base) else ""
        return (
            f"its URL {where} (`{self.ctx.code(found.base)}`) + {found.suffix} ({line}{reported})"
        )

    # -- keys -----------------------------------------------------------------------------

    def _keys(self, request: Request) -> list[EnvAccess]:
        found: list[EnvAccess] = []
        seen: set[int] = set()
        self.open_key = None
        for expr in request.header_exprs:
            self._walk_keys(expr, found, seen, 0)
        request.open_key = self.open_key
        return found

    def _walk_keys(self, node: cst.CSTNode, found: list, seen: set[int], depth: int) -> None:
        if id(node) in seen or depth > _MAX_DEPTH:
            return
        seen.add(id(node))
        access = self.names.by_node.get(id(node))
        if access is not None and access.kind == "read":
            if access.names & key_variables(self.ctx):
                found.append(access)
            return
        if isinstance(node, cst.Name):
            values = self.names.values(node)
            shown = self.names.shown_values(node)[0] if values is None else values
            before = len(found)
            for value in shown:
                self._walk_keys(value, found, seen, depth + 1)
            if values is None and len(found) > before and self.open_key is None:
                self.open_key = node  # `api_key = api_key or os.environ[...]`: a parameter too
            key = self.names.scope_key(node)
            for value in self.names.item_values.get(key, ()) if key else ():
                self._walk_keys(value, found, seen, depth + 1)
            return
        if isinstance(node, cst.Attribute):
            for value in self._attribute_values(node):
                self._walk_keys(value, found, seen, depth + 1)
            self._walk_keys(node.value, found, seen, depth)
            return
        if isinstance(node, cst.Call):
            children: list[cst.CSTNode] = [a.value for a in node.args]
            if isinstance(node.func, cst.Attribute):
                children.append(node.func.value)
        elif isinstance(node, cst.Arg):
            children = [node.value]
        else:
            children = list(node.children)
        for child in children:
            self._walk_keys(child, found, seen, depth)

    def _attribute_values(self, node: cst.Attribute) -> list[cst.BaseExpression]:
        """What `self.attr = value` assigns anywhere in the class that reads `self.attr`."""
        if not isinstance(node.value, cst.Name) or node.value.value != "self":
            return []
        owner = self._class_of(node)
        if owner is None:
            return []
        found = []
        for value, targets in self.names.bindings:
            for target in targets:
                if (
                    isinstance(target, cst.Attribute)
                    and isinstance(target.value, cst.Name)
                    and target.value.value == "self"
                    and target.attr.value == node.attr.value
                    and self._class_of(target) is owner
                ):
                    found.append(value)
        return found

    def _class_of(self, node: cst.CSTNode) -> cst.ClassDef | None:
        return next((a for a in self.names.ancestors(node) if isinstance(a, cst.ClassDef)), None)

    # -- groups -----------------------------------------------------------------------------

    def _group(self, requests: list[Request]) -> RawHttp:
        parent = list(range(len(requests)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[int, int] = {}
        for i, request in enumerate(requests):
            shared = [id(a) for a in request.url.anchors] + [id(k.node) for k in request.keys]
            shared += [id(e) for e in request.header_exprs]
            if request.session is not None:
                shared.append(id(request.session))
            if request.is_session:
                shared.append(id(request.call))
            for key in shared:
                if key in owner:
                    parent[find(i)] = find(owner[key])
                else:
                    owner[key] = i
        groups: dict[int, list[Request]] = {}
        for i, request in enumerate(requests):
            groups.setdefault(find(i), []).append(request)
        result = RawHttp()
        for members in groups.values():
            group = Group(members)
            self._decide(group)
            result.groups.append(group)
            for request in members:
                openai = request.url.kind in ("openai", "project")
                if openai and (not request.keys or request.open_key is not None):
                    result.untraced = result.untraced or self.names.line(request.call)
                    result.untraced_calls.append(request.call)
            for request in members:
                result.held.update(id(a) for a in request.url.anchors)
                result.held.update(id(k.node) for k in request.keys)
                if not group.ok:
                    result.kept.update(id(k.node) for k in request.keys)
                if request.url_expr is not None:
                    result.held.add(id(request.url_expr))
        return result

    def _open_key(self, name: cst.Name) -> str:
        """Why a request whose key is read from OpenAI's key variable or given by a parameter
        (`api_key = api_key or os.environ["OPENAI_API_KEY"]`) stays: what a caller hands it is
        not traced."""
        function = next(
            (a for a in self.names.ancestors(name) if isinstance(a, cst.FunctionDef)), None
        )
        given = f"what the callers of {function.name.value}() give it" if function else "a value"
        return (
            f"its key (`{name.value}`) may also be {given}, which the module does not trace to "
            "a read of OPENAI_API_KEY"
        )

    def _decide(self, group: Group) -> None:
        has_keys = any(r.keys for r in group.requests)
        for request in group.requests:
            request.reason = self._problem(request, group, has_keys)
        bad = [r for r in group.requests if r.reason]
        if not bad:
            group.ok = True
            return
        for request in group.requests:
            if not request.reason:
                line = self.names.line(bad[0].call)
                request.reason = (
                    f"it shares its URL or key with the request on {self.ctx.line_label(line)}, "
                    "which cannot be rewritten"
                )

    def _problem(self, request: Request, group: Group, has_keys: bool) -> str:
        provider = self.provider
        url = request.url
        if request.is_session and request.url_expr is None:
            if not any(r.session is request.call for r in group.requests):
                return "its URL is not shown in this module"
        elif url.kind == "azure":
            return (
                "it goes to Azure OpenAI (an Azure deployment, its api-version and `api-key` "
                "header): rewrite it for the provider as a whole, like an AzureOpenAI client "
                "(ML002)"
            )
        elif url.kind == "project":
            return (
                f"its URL is imported from the project (`{url.source}`), and a module of the "
                "project holds an OpenAI URL with an API path, which apply leaves (ML402): it "
                "may go there"
            )
        elif url.kind == "unknown":
            if request.url_expr is None:
                return "its URL is not shown in this module"
            if provider is not None and request.keys:
                module, whose = url_module(self.ctx, request.url_expr, provider)
                if whose == "provider":
                    keys = ", ".join(sorted({n for k in request.keys for n in k.names}))
                    return (
                        f"its URL is {provider.name}'s (from {module}) and its key is read from "
                        f"{keys}: the OpenAI key would go to {provider.name}"
                    )
            held = self._held_url(request.url_expr) or self._built_url(request.url_expr)
            return held or "its URL is not shown in this module"
        elif url.kind == "other":
            return "it goes to a host that is not OpenAI's"
        elif url.kind == "web":
            return (
                "it is not OpenAI's API, no provider serves it, and it reaches OpenAI whatever "
                "the provider"
            )
        if not (request.keys or (request.is_session and has_keys)):
            return "the key it sends is not traced to a read of OPENAI_API_KEY in this module"
        if url.kind == "target" or (request.is_session and request.url_expr is None):
            return "" if provider is not None else "no provider chosen"
        if provider is None:
            return "no provider chosen"
        if url.path is None:
            return f"{url.text} is not an OpenAI REST path this module shows"
        paths = url.every_path if not request.is_session or url.path not in ("", "/") else ()
        for path in paths:
            whole = sdk.endpoint_path(url.text) if not path else None
            if whole is not None:
                # a base-URL variable read whole, its default a whole endpoint (MindSearch's
                # OPENAI_API_BASE): the variable holds the endpoint, not a base URL
                expr = path_url_expr(provider, self.ctx.rules.base_url or "", whole)
                return (
                    f"its URL is a variable read whole, whose default {url.text} is a whole "
                    f"endpoint (it ends in {whole}), not a base URL; for {provider.name} read "
                    f"`{expr}` there"
                )
            surface = rest_surface(path)
            if surface is None:
                return f"{path} is not an OpenAI API path migrate-llm knows"
            support = provider.support(surface)
            if support is False:
                return f"{provider.name} does not serve {path} ({surface})"
            if support not in (True, "partial"):
                return f"{provider.name} does not say whether it serves {path} ({surface})"
        if request.open_key is not None:
            return self._open_key(request.open_key)
        if url.edits is None:
            return "its URL cannot be rewritten here"
        for key in request.keys:
            source = key.sources[0] if len(key.sources) == 1 else None
            if source is None or source.via or not isinstance(source.node, cst.SimpleString):
                return "its key is read through a name, not directly"
        return ""


def body_models(ctx: PythonContext) -> dict[int, Request]:
    """The model literals raw requests to OpenAI send in their JSON body (`requests.post(url,
    json=payload)`: the `"model"` entry of a dict display, or of the one a name is bound to,
    or of those the module's calls hand to the function posting it: `passed_bodies`), by id,
    with the request; computed once per module."""
    found = ctx.analyses.get(body_models)
    if found is None:
        models: dict[int, Request] = {}
        for group in raw_http(ctx).groups:
            for request in group.requests:
                for model in body_model_literals(ctx, request.call):
                    models[id(model)] = request
        found = ctx.analyses[body_models] = models
    return found  # type: ignore[return-value]


def passed_bodies(ctx: PythonContext, call: cst.Call) -> list[tuple[cst.Call, cst.BaseExpression]]:
    """Where a request's JSON body is a parameter of the function sending it (`def
    send_request(data): requests.post(URL, json=data)`), the module's calls of that function
    (a method's other than `__init__` not followed) with the value each passes for it."""
    body = keyword(call, _JSON_BODY)
    if body is None or not isinstance(body.value, cst.Name):
        return []
    return [(c, v) for c, v in parameter_calls(ctx, body.value) or () if v is not None]


def _bodies(ctx: PythonContext, call: cst.Call) -> list[dict[str, cst.DictElement]]:
    """The entries of each JSON body a request may send (`json=payload`: a dict display, or
    the one a name is bound to; or those `passed_bodies` gives), by key."""
    body = keyword(call, _JSON_BODY)
    if body is None:
        return []
    found = []
    for value in (body.value, *(v for _, v in passed_bodies(ctx, call))):
        shown = ctx.bound_value(value) if isinstance(value, cst.Name) else value
        entries = dict_entries(shown) if shown is not None else None
        if entries:
            found.append(entries)
    return found


def body_entries(ctx: PythonContext, call: cst.Call) -> dict[str, cst.DictElement]:
    """The entries of a request's JSON bodies (`_bodies`), by key (the first body's first);
    empty where none is shown."""
    merged: dict[str, cst.DictElement] = {}
    for entries in _bodies(ctx, call):
        merged = {**entries, **merged}
    return merged


def body_model_literals(ctx: PythonContext, call: cst.Call) -> list[cst.BaseExpression]:
    """The literals a request's JSON bodies send as their `"model"` entry."""
    found = []
    for entries in _bodies(ctx, call):
        model = entries.get("model")
        resolved = ctx.resolve_literal(model.value) if model is not None else None
        if resolved is not None:
            found.append(resolved[0])
    return found


def service_body(ctx: PythonContext, node: cst.CSTNode) -> tuple[cst.Call, str] | None:
    """The call sending `node`, an entry's value of a dict display given as `json=` (or
    serialised, `data=json.dumps(...)`; either also through a name bound to it; or an
    operand of such a value, `conf().get("model") or "gpt-3.5-turbo"`), as a
    request's JSON body, with the host of the URL it is given beside it (`requests.post(URL,
    json=payload)`, a wrapper of the module's own `_req("post", URL, json=payload)`), where the
    module writes that URL (a literal, a constant, an f-string or `+` starting with one, an
    environment default) and its host is neither OpenAI's (its API or web app) nor a
    provider's: a service of its own, which names its own models (Browser Use Cloud's
    `llm_model`; VideoLingo's TTS request to api.302.ai, `data=json.dumps({"model": "tts-1",
    ...})`)."""
    from migrate_llm.rules.clients import classify_url, url_host  # they build on this module

    above = list(ctx.ancestors(node))
    # the model as an operand of its entry's value: `conf().get("model") or "gpt-3.5-turbo"`
    while above and isinstance(above[-1], (cst.BooleanOperation, cst.IfExp)):
        parent = above.pop()
        if isinstance(parent, cst.IfExp) and parent.test is node:
            return None
        node = parent
    entry = above[-1] if above else None
    if not isinstance(entry, cst.DictElement) or entry.value is not node:
        return None
    calls = _body_senders(ctx, ctx.ancestors(entry)[-1], _JSON_KEYWORDS)
    if len(calls) != 1:
        return None
    call = calls[0]
    for arg in call.args:
        url = None if arg.star else url_written(ctx, arg.value)
        if url is not None:
            host = url_host(url)
            kind = classify_url(ctx, url).kind
            if sdk.openai_web_host(url) is not None:
                return None  # OpenAI's web app: the request is left with its models (ML403)
            return (call, host) if kind == "custom" and host else None
    return None


# the keywords of `requests`, `httpx` and `aiohttp` calls that send a serialised body
_DATA_BODY = frozenset({"data", "content"})
_JSON_KEYWORDS = frozenset({_JSON_BODY})
_SERIALISERS = frozenset({"json.dumps"})


def json_senders(ctx: PythonContext, display: cst.CSTNode) -> list[cst.Call]:
    """The calls given the dict display `display` as their JSON body (`json=`, directly or
    through the name one assignment binds it to, or serialised: `data=json.dumps(...)`)."""
    return _body_senders(ctx, display, _JSON_KEYWORDS)


def _body_senders(
    ctx: PythonContext, value: cst.CSTNode, keywords: frozenset[str], depth: int = 3
) -> list[cst.Call]:
    """The calls given `value` (directly, or through the name one assignment binds it to) as
    a keyword of `keywords`; for a dict display (`keywords` `json`), also those given it
    serialised, `json.dumps(value)`, as `data=` or `content=`."""
    if depth == 0:
        return []
    above = ctx.ancestors(value)
    holder = above[-1] if above else None
    if isinstance(holder, cst.Arg) and holder.keyword and holder.keyword.value in keywords:
        return [c for c in ctx.ancestors(holder)[-1:] if isinstance(c, cst.Call)]
    if isinstance(holder, cst.Arg) and keywords is _JSON_KEYWORDS and holder.keyword is None:
        dumps = ctx.ancestors(holder)[-1]
        if (
            isinstance(dumps, cst.Call)
            and dumps.args
            and dumps.args[0] is holder
            and ctx.qualnames(dumps.func) & _SERIALISERS
        ):
            return _body_senders(ctx, dumps, _DATA_BODY, depth - 1)
        return []
    if not isinstance(holder, cst.Assign) or len(holder.targets) != 1:
        return []
    target = holder.targets[0].target
    if not isinstance(target, cst.Name):
        return []
    calls = []
    for binding in ctx.bindings(target):
        for access in binding.references:
            if isinstance(access.node, cst.Name):
                calls += _body_senders(ctx, access.node, keywords, depth - 1)
    return calls


def url_written(ctx: PythonContext, expr: cst.BaseExpression, depth: int = 3) -> str | None:
    """The http(s) URL `expr` starts with, as the module writes it: a literal or constant, an
    environment read's default or a settings getter's (`conf().get("linkai_api_base",
    "https://api.link-ai.tech")`, chatgpt-on-wechat's LinkAI bot), an f-string or `+` whose
    first part is one; else None."""
    from migrate_llm.rules.config_objects import getter_default  # it builds on this module

    default = getter_default(expr) if depth else None
    if default is not None:
        return url_written(ctx, default, depth - 1)
    if isinstance(expr, cst.FormattedString):
        first = expr.parts[0] if expr.parts else None
        if isinstance(first, cst.FormattedStringText):
            found: str | None = first.value
        elif isinstance(first, cst.FormattedStringExpression) and depth:
            found = url_written(ctx, first.expression, depth - 1)
        else:
            found = None
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add) and depth:
        found = url_written(ctx, expr.left, depth - 1)
    else:
        resolved = ctx.resolve_literal(expr)
        found = resolved[1] if resolved is not None else None
        if found is None and isinstance(expr, cst.Name) and depth:
            bound = ctx.bound_value(expr)
            found = url_written(ctx, bound, depth - 1) if bound is not None else None
    return found if found is not None and found.startswith(("http://", "https://")) else None


def _slash_stripped(expr: cst.CSTNode) -> bool:
    """Whether `expr` is `X.rstrip("/")` (or `X.rstrip()`)."""
    if not isinstance(expr, cst.Call) or not isinstance(expr.func, cst.Attribute):
        return False
    if expr.func.attr.value != "rstrip" or len(expr.args) > 1:
        return False
    return not expr.args or string_value(expr.args[0].value) == "/"


def _rest_path(rest: str) -> str | None:
    """The REST path of what follows a base URL (`/chat/completions` of `/chat/completions?x`),
    None where it is no path."""
    if rest == "" or rest[0] in "/?{":
        return re.split(r"[?{]", rest, maxsplit=1)[0]
    return None


def _choices(pieces: list[tuple]) -> tuple[str, ...]:
    """Each URL the pieces make where some are chosen at run time ("alt"), () where none
    is (or past `_MAX_OPTIONS` of them)."""
    if not any(p[0] == "alt" for p in pieces):
        return ()
    texts = [""]
    for piece in pieces:
        options = piece[3] if piece[0] == "alt" else (piece[1],)
        texts = [t + o for t in texts for o in options]
        if len(texts) > _MAX_OPTIONS:
            return ()
    return tuple(texts)


def unserved(provider: Provider, paths: list[str] | tuple[str, ...]) -> str | None:
    """The API of `paths` that `provider` does not serve in full: one it lacks, else one it
    serves in part or does not say; None where it serves each (or none is an API's)."""
    surfaces = [s for s in (rest_surface(p) for p in paths) if s is not None]
    left = [s for s in surfaces if provider.support(s) is not True]
    return next((s for s in left if provider.support(s) is False), left[0] if left else None)


def rest_surface(path: str) -> str | None:
    for prefix, surface in sdk.REST_PATHS:
        if path == prefix or path.startswith(prefix + "/"):
            return surface
    return None


_CACHE: weakref.WeakKeyDictionary[PythonContext, RawHttp] = weakref.WeakKeyDictionary()


def url_paths(ctx: PythonContext, expr: cst.CSTNode) -> tuple[str, ...]:
    """The REST paths after OpenAI's base URL that the URL `expr` may take, where a part of it
    is chosen at run time among strings the module shows (`f"https://api.openai.com/v1/
    {api_name}"`, `api_name = "completions" if c else "chat/completions"`); () otherwise."""
    if not isinstance(expr, cst.BaseExpression):
        return ()
    url = _Analysis(ctx).url(expr)
    return url.paths if url.kind == "openai" and url.choices else ()


def url_kind(ctx: PythonContext, expr: cst.BaseExpression) -> str:
    """What the URL `expr` shows (`Url.kind`): "target" for the provider's own host or a read
    of its base-URL variable (with a path or not), "openai", "unknown" for one computed at run
    time, and so on; one analysis of the module serves every call."""
    analysis = ctx.analyses.get(url_kind)
    if analysis is None:
        analysis = ctx.analyses[url_kind] = _Analysis(ctx)
    return cast(_Analysis, analysis).url(expr).kind


def raw_http(ctx: PythonContext) -> RawHttp:
    """The raw OpenAI requests of a module, computed once and shared by the rules."""
    found = _CACHE.get(ctx)
    if found is None:
        text = ctx.text
        provider = ctx.rules.provider if ctx.rules.switching else None
        if (
            "OPENAI" in text
            or any(h in text for h in ctx.rules.openai.hosts)
            or any(h in text for h in sdk.OPENAI_WEB_HOSTS)
            or (provider is not None and provider.base_url_env in text)
            or (provider is not None and _JSON_BODY in text and "model" in text)
            or (provider is not None and _sends_key_there(ctx, provider, text))
        ):
            found = _Analysis(ctx).run()
        else:
            found = RawHttp()
        _CACHE[ctx] = found
    return found


def _sends_key_there(ctx: PythonContext, provider: Provider, text: str) -> bool:
    """Whether a module sends a key in a request's headers (`sends_key_header`) and shows the
    provider's host or a chat path, or its project holds a module with OpenAI's or the
    provider's URL (`request_url_held`): as the screening lets it through (ML403)."""
    tied = (
        ctx.rules.facts.request_url_held
        or any(h in text for h in provider.hosts)
        or sdk.CHAT_PATH.lstrip("/") in text
    )
    return tied and sends_key_header(text.encode("utf-8", "surrogateescape"))


class RawOpenAIRequest(PythonRule):
    """A raw HTTP request to OpenAI (`requests`, `httpx`, `aiohttp`, `urllib`).

    ## What it does
    Finds requests sent to an OpenAI URL without the openai SDK, and requests that carry the
    key from `OPENAI_API_KEY` in their headers. Requests that share a URL constant, a
    headers dict, a key read or a session (`httpx.Client(base_url=...)`,
    `aiohttp.ClientSession(headers=...)`) are looked at together. A dict's `.get(url)` (the
    module binds the receiver to a dict, or the call passes a key and a default) is a lookup,
    not a GET. A URL read from a class field (`f"{self.config.api_base}/chat/completions"`)
    whose default in the module is OpenAI's base URL, which ML402 points at the provider in
    the same run, or a read of the provider's base-URL variable, is the provider's URL, as a
    module constant holding it is (t62f: Kirara AI's `OpenAIConfig`); not a field of a
    pydantic `BaseSettings` class, of two classes, or beside a key written in the class.

    ## Why
    The key a request carries and the host it goes to must change together: switching only
    the key sends the provider's key to OpenAI; switching only the URL sends the OpenAI key to
    the provider.

    ## Fix
    Review when the module shows both: the URL is an OpenAI REST path (a literal, an f-string
    or a module constant, possibly base constant + path) that the provider serves, and the key
    is read from `OPENAI_API_KEY` in the request's headers (or a headers dict or variable
    built in the module). `apply` then sends the request to the provider's base URL, read from
    its variable, plus the same path, with the key from the provider's variable. Otherwise
    nothing is edited and each request is one manual error naming what is missing. So is a
    request whose URL is a name imported from another module of the project, where a module
    of the project holds an OpenAI URL with an API path (ML402 leaves it), that sends a
    `"model"` or `"messages"` entry in its JSON body, and one sending an OpenAI model to a
    URL the module does not show: the model in its body is left with it (ML204). A URL
    looked up in a dict of the module that holds an OpenAI URL among its entries
    (`model_info[model]["endpoint"]` beside `model_info = {"gpt-4o": {"endpoint":
    openai_endpoint}}`, gpt_academic's routing table) is named so, with that URL's line, not
    as one the module does not show. A request
    sent to the provider's base URL itself (no API path: no endpoint, a 404) is a manual
    error too. One whose URL is a base-URL variable read whole, its default a whole endpoint
    (`os.environ.get("OPENAI_API_BASE", ".../v1/chat/completions")`, t66c), says so and gives
    the read to write there: the provider's base URL plus that path. Where the provider does
    not serve the request's API (`/audio/speech` on DeepSeek), the message says to keep it
    on OpenAI (its key from OpenAI's variable) or to send it to another service that serves
    that API, not to the provider; where OpenAI's file
    says it shut that API down too (`[shut_down]`: the Assistants API), that the request fails
    there as well, and the API to move it to. A request sent to
    the provider's base URL plus the path of an API its file marks as served in part
    (DeepSeek's `/completions`: fill-in-the-middle only, on another base) or not at all is
    reported as ML101 reports such a call through the SDK (a manual warning, an error for an
    API it lacks), also after apply, so `check` stays red until a person has tried it; where
    the file says what that API serves (`[partial]`: DeepSeek's `/completions` only under its
    `/beta` base, for fill-in-the-middle, and chat for the rest), the message says so. A part
    of the path chosen at run time among strings the module shows (`api_name = "completions"
    if use_completion else "chat/completions"`, or one string per branch of an `if`, then
    `f"{BASE}/{api_name}"`) is read for each string: apply points an OpenAI URL at the
    provider when it serves each of the paths, and the warning holds when one of them is an
    API it serves in part. Such a URL the module binds to a name that none of its requests is
    shown to use (JARVIS hands its endpoint to its helper inside the body) is reported where
    it is built, in the same words. A
    request to an Azure OpenAI deployment (an Azure host or an `/openai/deployments/` path,
    its endpoint read from the program's config) is a manual error: it is rewritten as a
    whole, as an AzureOpenAI client is (ML002). So is a request to OpenAI's web app, not its
    API (ChatGPT's backend `https://chat.openai.com/backend-api/conversation`, `chatgpt.com`,
    its login and developer sites: `openai_sdk.OPENAI_WEB_HOSTS`, a subdomain too), or an
    HTTP client whose `base_url` is there (PentestGPT's cookie-driven ChatGPT class): no
    provider serves it, and it reaches OpenAI whatever the provider, so it is removed or
    replaced by the provider's API by hand; the models in its body stay with it (ML204). A
    link to those hosts in a message, a comment or a docstring is no request.
    A request sent to the provider's URL (one the module shows: its base-URL variable or
    host, as apply or a person following ML402 wrote it; or one it takes from a project
    module holding the provider's URL and no OpenAI one, `model_info[m]["endpoint"]` with
    `model_info` imported from it, gpt_academic's routing table, or `CHAT_URL` from a module
    holding only that URL) whose `Authorization` (or `api-key`) header sends a key not read
    from the provider's key variable is reported where it is sent (manual). The key is read
    after `Bearer ` in an f-string, `"Bearer " + key`, `"Bearer %s" % key` or `"Bearer
    {}".format(key)`, or bare. An error where the key is traced to OpenAI's (a variable or
    setting whose name names OpenAI, a key written in the code, or a setting a module it
    imports assigns beside a comment naming OpenAI or to a key: gpt_academic's `API_KEY`,
    read through `get_conf("API_KEY")`, `config.API_KEY` or `from config import API_KEY`),
    also where only one of the values a name is assigned (`if`/`else`) is, else a warning,
    each naming where the key comes from and what to set (`set API_KEY to Acme Cloud's key
    (or send the key from ACME_API_KEY)`). The user's key left in a setting after the URL
    moved went to the provider (t56a). A request whose URL such a module takes from an
    OpenAI URL (ML402 there) is a warning saying what to set with it; one left with an OpenAI
    URL whose key comes from a setting or variable says to read the provider's key there or
    to set it.

    ## Data
    `host` of a request to OpenAI's web app (`chat.openai.com`). `key_from` (the setting or
    variable the key comes from, or the code shown) and `key_env` of a request to the
    provider sending a key not read from its key variable.
    """

    code = "ML403"
    name = "raw-openai-request"
    silent_when_modernising = True
    category = "environment"
    severity = Severity.ERROR
    fix = FixClass.REVIEW
    examples = (
        # t66c: the URL is a variable read whole, its default a whole endpoint
        Example(
            "import os\n\nimport requests\n\n"
            'URL = os.environ.get("OPENAI_API_BASE", '
            '"https://api.openai.com/v1/chat/completions")\n'
            'KEY = os.environ["OPENAI_API_KEY"]\n'
            'requests.post(URL, headers={"Authorization": f"Bearer {KEY}"}, json={})\n',
            provider="acme",
            message="raw HTTP request to OpenAI (POST https://api.openai.com/v1/chat/"
            "completions) left unchanged: its URL is a variable read whole, whose default "
            "https://api.openai.com/v1/chat/completions is a whole endpoint (it ends in "
            "/chat/completions), not a base URL; for Acme Cloud read "
            '`os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + '
            '"/chat/completions"` there; '
            "send it to Acme Cloud's base URL (ACME_BASE_URL) with the key from ACME_API_KEY by "
            "hand, or use the openai SDK",
        ),
        Example(
            "import os\nimport httpx\n"
            'BASE = "https://api.openai.com/v1"\n'
            'KEY = os.environ["OPENAI_API_KEY"]\n'
            'r = httpx.post(f"{BASE}/chat/completions", '
            'headers={"Authorization": f"Bearer {KEY}"})\n',
            provider="acme",
            message="key of the raw request on line 5: OPENAI_API_KEY becomes ACME_API_KEY, "
            "with its URL",
            after="import os\nimport httpx\n"
            'BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'KEY = os.environ["ACME_API_KEY"]\n'
            'r = httpx.post(f"{BASE}/chat/completions", '
            'headers={"Authorization": f"Bearer {KEY}"})\n',
        ),
        Example(
            "import requests\n"
            'r = requests.post("https://api.openai.com/v1/chat/completions", json=body)\n',
            provider="acme",
            message="raw HTTP request to OpenAI (POST https://api.openai.com/v1/chat/completions) "
            "left unchanged: the key it sends is not traced to a read of OPENAI_API_KEY in "
            "this module; send it to Acme Cloud's base URL (ACME_BASE_URL) with the key from "
            "ACME_API_KEY by hand, or use the openai SDK",
            after="import requests\n"
            'r = requests.post("https://api.openai.com/v1/chat/completions", json=body)\n',
        ),
        Example(
            "import os, requests\n"
            'BASE = "https://api.openai.com/v1"\n'
            'HEADERS = {"Authorization": "Bearer " + os.getenv("OPENAI_API_KEY")}\n'
            'requests.post(f"{BASE}/embeddings", headers=HEADERS, json=body)\n',
            provider="acme",
            after="import os, requests\n"
            'BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'HEADERS = {"Authorization": "Bearer " + os.getenv("ACME_API_KEY")}\n'
            'requests.post(f"{BASE}/embeddings", headers=HEADERS, json=body)\n',
        ),
        Example('import httpx\nhttpx.get(f"https://api.openai.com/v1/models/{m}")\n'),
        Example('import httpx\nhttpx.get("https://example.com/v1/models")\n', finds=False),
        Example(
            'import os\nimport httpx\nr = httpx.post(os.environ["ACME_BASE_URL"], json=body)\n',
            provider="acme",
            message="raw HTTP request (POST https://api.acme.example/v1) to Acme Cloud's base "
            "URL itself, which is no endpoint (the server answers 404): write the base URL plus "
            "the path of the API it calls (/chat/completions for chat), by hand",
        ),
        # t50i (N1): JARVIS's path chosen by a flag may be /completions
        Example(
            "import os\nimport requests\n\n"
            'api_name = "completions" if use_completion else "chat/completions"\n'
            'URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + '
            'f"/{api_name}"\n'
            "r = requests.post(URL, json=body)\n",
            provider="deepseek",
            message="raw HTTP request (POST https://api.deepseek.com/{}, its path chosen at run "
            "time: /completions or /chat/completions) to DeepSeek: "
            "DeepSeek serves completions only at https://api.deepseek.com/beta/completions "
            "(another base URL), as fill-in-the-middle: a prompt and an optional suffix, in "
            "non-thinking mode; its chat API serves the rest at "
            "https://api.deepseek.com/chat/completions (the prompt as a user message, the "
            "reply in choices[0].message.content): send it to one of them, by hand (see "
            "https://api-docs.deepseek.com)",
        ),
        Example(
            "import httpx\n\n\ndef ask(url):\n"
            '    return httpx.post(url, json={"model": "gpt-4o", "messages": []})\n',
            provider="acme",
            message="raw HTTP request (POST url) sending an OpenAI model left unchanged: its URL "
            "is not shown in this module; send it to Acme Cloud's base URL (ACME_BASE_URL) with "
            "the key from ACME_API_KEY by hand, or use the openai SDK",
        ),
        Example(
            'import requests\nURL = "https://api.openai.com/v1/chat/completions"\n'
            'TABLE = {"gpt-4o": {"url": URL}}\n\n\ndef ask(m):\n'
            '    return requests.post(TABLE[m]["url"], json={"model": "gpt-4o"})\n',
            provider="acme",
            message='raw HTTP request (POST TABLE[m]["url"]) sending an OpenAI model left '
            "unchanged: its URL is looked up in TABLE (line 3), which holds the OpenAI URL "
            "https://api.openai.com/v1/chat/completions (line 2, ML402); send it to Acme Cloud's "
            "base URL (ACME_BASE_URL) with the key from ACME_API_KEY by hand, or use the openai "
            "SDK",
        ),
        # t56a D1: the URL moved to the provider, the key still the one the user set
        Example(
            "import os\nimport requests\nfrom settings import get_conf\n\n"
            'URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + '
            '"/chat/completions"\n'
            "KEY = get_conf('OPENAI_KEY')\n"
            'r = requests.post(URL, headers={"Authorization": f"Bearer {KEY}"})\n',
            provider="acme",
            message="raw HTTP request (POST URL) sends Acme Cloud the key from the setting "
            "OPENAI_KEY (`get_conf('OPENAI_KEY')`), whose name names OpenAI: the OpenAI key "
            "would go to Acme Cloud; set OPENAI_KEY to Acme Cloud's key (or send the key from "
            "ACME_API_KEY), by hand",
        ),
        Example(
            "import os\nimport httpx\n\n"
            'BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'KEY = os.environ["API_KEY"]\n'
            'HEADERS = {"Authorization": "Bearer " + KEY}\n'
            'r = httpx.post(f"{BASE}/chat/completions", headers=HEADERS)\n',
            provider="acme",
            message='raw HTTP request (POST f"{BASE}/chat/completions") sends Acme Cloud the key '
            "from the variable API_KEY, not traced to ACME_API_KEY: an OpenAI key there would "
            "go to Acme Cloud; set API_KEY to Acme Cloud's key (or send the key from "
            "ACME_API_KEY), by hand",
        ),
        Example(
            "import os\nimport httpx\n\n"
            'URL = "https://api.acme.example/v1/chat/completions"\n\n\n'
            "def ask(body, legacy):\n"
            "    if legacy:\n"
            '        key = os.environ["OPENAI_TOKEN"]\n'
            "    else:\n"
            '        key = os.environ["ACME_API_KEY"]\n'
            '    return httpx.post(URL, headers={"Authorization": "Bearer %s" % key}, json=body)\n',
            provider="acme",
            message="raw HTTP request (POST URL) sends Acme Cloud the key from the variable "
            "OPENAI_TOKEN, one of the values `key` is assigned (line 9), whose name names "
            "OpenAI: the OpenAI key would go to Acme Cloud; set OPENAI_TOKEN to Acme Cloud's "
            "key (or send the key from ACME_API_KEY), by hand",
        ),
        Example(
            "import os\nimport httpx\n\n"
            'BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'KEY = os.environ["ACME_API_KEY"]\n'
            'HEADERS = {"Authorization": "Bearer " + KEY}\n'
            'r = httpx.post(f"{BASE}/chat/completions", headers=HEADERS)\n',
            finds=False,
            provider="acme",
        ),
        # t52d: PentestGPT's ChatGPT class, sent with the web app's session cookie
        Example(
            "import requests\n\n\ndef history(cookie):\n"
            '    url = "https://chat.openai.com/backend-api/conversations"\n'
            '    return requests.get(url, headers={"Cookie": cookie})\n',
            provider="acme",
            message="raw HTTP request to OpenAI's web app (GET "
            "https://chat.openai.com/backend-api/conversations) left unchanged: it is not "
            "OpenAI's API, no provider serves it, and it reaches OpenAI whatever the provider; "
            "remove it, or do its work through Acme Cloud's API (the openai SDK, key from "
            "ACME_API_KEY), by hand",
        ),
        # review of t66d: a base URL read with decouple's `config` stays decouple's read
        Example(
            "import requests\nfrom decouple import config\n\n"
            'URL = config("OPENAI_API_BASE", default="https://api.openai.com/v1")\n'
            'KEY = config("OPENAI_API_KEY")\n'
            'requests.post(URL + "/embeddings", headers={"Authorization": f"Bearer {KEY}"})\n',
            provider="acme",
            message="key of the raw request on line 6: OPENAI_API_KEY becomes ACME_API_KEY, "
            "with its URL",
            after="import requests\nfrom decouple import config\n\n"
            'URL = config("ACME_BASE_URL", default="https://api.acme.example/v1")\n'
            'KEY = config("ACME_API_KEY")\n'
            'requests.post(URL + "/embeddings", headers={"Authorization": f"Bearer {KEY}"})\n',
        ),
    )

    def visit_Module(self, node: cst.Module) -> None:
        found = raw_http(self.ctx)
        for group in found.groups:
            self._report(group)
        for request in found.bare:
            self._report_bare(request)
        for request, surface in found.unsure:
            self._report_unsure(request, surface)
        for value, url, surface in found.unsure_urls:
            self._report_unsure_url(value, url, surface)
        for request, origin, module, whose in found.routed:
            self._report_routed(request, origin, module, whose)

    def _report_routed(self, request: Request, origin: KeyOrigin, module: str, whose: str) -> None:
        """A request sent to the provider with a key not read from its key variable: an
        error where the key is traced to OpenAI's, else a warning naming what to set. Sent
        to an OpenAI URL a project module holds (ML402 there), a warning naming what to
        set with it."""
        provider = self.provider
        assert provider is not None  # only a switching run finds the provider's URL
        method = f"{request.method} " if request.method else ""
        shown = self.snippet(request.url_expr) if request.url_expr is not None else "?"
        name = provider.name
        data = {"key_from": origin.name or origin.shown, "key_env": provider.api_key_env}
        if whose == "openai":
            self.report(
                request.call,
                f"raw HTTP request ({method}{shown}, OpenAI's URL from {module}) sends the key "
                f"from {origin.shown}: where that URL is pointed at {name} (ML402), "
                f"{key_fix(provider, origin, ' with it')}, by hand, or the OpenAI key goes "
                f"to {name}",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        where = f", {name}'s URL from {module}" if module else ""
        if origin.openai:
            said = f", {origin.openai}: the OpenAI key would go to {name}"
        else:
            said = f", not traced to {provider.api_key_env}: an OpenAI key there would go to {name}"
        self.report(
            request.call,
            f"raw HTTP request ({method}{shown}{where}) sends {name} the key from "
            f"{origin.shown}{said}; {key_fix(provider, origin)}, by hand",
            severity=Severity.ERROR if origin.openai else Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _unsure_words(
        self, surface: str, move: str = "send it to"
    ) -> tuple[Severity, FixClass, str]:
        """ML101's verdict on a request to `surface`, an API the provider serves in part or
        not at all, in what its file says it serves of it (`[partial]`) where it does, saying
        to `move` it to one of the URLs named."""
        from migrate_llm.rules.calls import support_verdict  # calls builds on this module

        provider = self.provider
        assert provider is not None  # only a switching run finds the provider's URL
        severity, fix, words = support_verdict(provider, surface, self.ctx.rules.registry)
        offer = partial_offer(provider, surface, self.ctx.rules.base_url or provider.base_url)
        if offer is not None:
            there = provider.partial[surface].base_url
            moved = f"{move} one of them, by hand" if there else "test this call"
            words = f"{offer}: {moved} (see {provider.docs})"
        return severity, fix, words

    def _report_unsure_url(self, value: cst.BaseExpression, url: Url, surface: str) -> None:
        """A URL of such an API bound to a name, which no request here is shown to use."""
        provider = self.provider
        assert provider is not None  # only a switching run finds the provider's URL
        severity, fix, words = self._unsure_words(surface, "point it at")
        self.report(
            value,
            f"URL for requests to {provider.name} ({url.text}{url.chosen()}): {words}",
            severity=severity,
            fix=fix,
            data={"surface": surface},
        )

    def _report_unsure(self, request: Request, surface: str) -> None:
        """A request sent to the provider with an API it serves in part, or not at all: as
        ML101 says of such a call through the SDK (it stays after apply, so check fails)."""
        provider = self.provider
        assert provider is not None  # only a switching run finds the provider's URL
        severity, fix, words = self._unsure_words(surface)
        method = f"{request.method} " if request.method else ""
        shown = f"{method}{request.url.text}{request.url.chosen()}"
        self.report(
            request.call,
            f"raw HTTP request ({shown}) to {provider.name}: {words}",
            severity=severity,
            fix=fix,
            data={"surface": surface},
        )

    def _report_bare(self, request: Request) -> None:
        """A request sent to the provider's base URL itself: no endpoint (the server answers
        404), where an OpenAI endpoint was replaced by the base URL alone."""
        provider = self.provider
        assert provider is not None  # only a switching run finds the provider's URL
        method = f"{request.method} " if request.method else ""
        self.report(
            request.call,
            f"raw HTTP request ({method}{request.url.text}) to {provider.name}'s base URL "
            "itself, which is no endpoint (the server answers 404): write the base URL plus "
            "the path of the API it calls (/chat/completions for chat), by hand",
            fix=FixClass.MANUAL,
        )

    def _where(self) -> str:
        provider = self.provider
        if provider is None:
            return "send it to the provider's base URL with the provider's key"
        return (
            f"send it to {provider.name}'s base URL ({provider.base_url_env}) with the key "
            f"from {provider.api_key_env} by hand"
        )

    def _instead(self, request: Request) -> str:
        """What a person does with a request left as it is: where the provider does not serve
        its API (`/audio/speech` on DeepSeek), keep it on OpenAI or use another service for
        it; else send it to the provider, or use the SDK."""
        provider = self.provider
        if request.url.kind == "web":
            where = f"{provider.name}'s API" if provider is not None else "the provider's API"
            key = f", key from {provider.api_key_env}" if provider is not None else ""
            return f"remove it, or do its work through {where} (the openai SDK{key}), by hand"
        surface = unserved(provider, request.url.every_path) if provider is not None else None
        if provider is not None and surface is not None and provider.support(surface) is False:
            openai = self.ctx.rules.openai
            if surface in openai.shut_down:  # the Assistants API: gone on OpenAI too
                return shut_down_words(openai, provider, (surface,), "this request")
            keys = ", ".join(sorted({n for k in request.keys for n in k.names})) or "OpenAI's"
            return (
                f"keep it on OpenAI (its key from {keys}), or send it to another service that "
                f"serves {surface}, with that service's key, by hand"
            )
        return f"{self._where()}{self._key_now(request)}, or use the openai SDK"

    def _key_now(self, request: Request) -> str:
        """Where the key a request sends comes from, where it is not OpenAI's key variable
        (a project setting, `get_conf("API_KEY")`), and what to set: ` (its key now comes
        from the setting API_KEY (...): read ACME_API_KEY there, or set API_KEY to Acme
        Cloud's key)`; "" where no setting or variable is shown."""
        provider = self.provider
        if provider is None or request.keys:
            return ""
        names = env_names(self.ctx)
        for node in header_keys(self.ctx, request.header_exprs):
            origin = key_origin(self.ctx, names, node, provider)
            if origin is not None and origin.name:
                return (
                    f" (its key now comes from {origin.shown}: read {provider.api_key_env} "
                    f"there, or set {origin.name} to {provider.name}'s key)"
                )
        return ""

    def _describe(self, request: Request) -> str:
        method = f"{request.method} " if request.method else ""
        if request.is_session:
            shown = request.url.text or self.snippet(request.call)
            web = "'s web app" if request.url.kind == "web" else ""
            return f"HTTP client for OpenAI{web} (base_url {shown})"
        if request.url.kind == "openai":
            return f"raw HTTP request to OpenAI ({method}{request.url.text}{request.url.chosen()})"
        if request.url.kind == "azure":
            return f"raw HTTP request to Azure OpenAI ({method}{request.url.text})"
        if request.url.kind == "web":
            return f"raw HTTP request to OpenAI's web app ({method}{request.url.text})"
        keys = ", ".join(sorted({n for k in request.keys for n in k.names}))
        shown = self.snippet(request.url_expr) if request.url_expr is not None else "?"
        if request.url.kind == "project":
            sent = f" with the key from {keys}" if keys else ""
            return f"raw HTTP request ({method}{shown}){sent}"
        if not keys:  # a request sending an OpenAI model to a URL not shown here
            return f"raw HTTP request ({method}{shown}) sending an OpenAI model"
        return f"raw HTTP request ({method}{shown}) with the key from {keys}"

    def _report(self, group: Group) -> None:
        provider = self.provider
        switching = provider is not None and self.ctx.rules.switching
        for request in group.requests:
            if request.is_session and self._has_calls(group, request):
                continue  # reported with the requests sent through it
            what = self._describe(request)
            if request.url.kind == "web":
                self.report(
                    request.call,
                    f"{what} left unchanged: {request.reason}; {self._instead(request)}",
                    fix=FixClass.MANUAL,
                    data={"host": sdk.openai_web_host(request.url.text)},
                )
            elif provider is None:
                self.report(
                    request.call,
                    f"{what}: {self._where()}, or use the openai SDK",
                    fix=FixClass.MANUAL,
                )
            elif not group.ok or not switching:
                reason = request.reason or "no provider chosen"
                self.report(
                    request.call,
                    f"{what} left unchanged: {reason}; {self._instead(request)}",
                    fix=FixClass.MANUAL,
                )
            else:
                for edit in self._url_edits(request):  # none: the host is already right
                    self.report(
                        request.call,
                        f"{what}: sent to {provider.name}'s base URL from "
                        f"{provider.base_url_env} with the key from {provider.api_key_env}"
                        f"{self._partly(request)}",
                        edit=edit,
                    )
        if not (group.ok and switching and provider is not None):
            return
        sent = [r for r in group.requests if not r.is_session] or group.requests
        line = self.ctx.position(sent[0].call)[0][0]
        for key in {id(k.node): k for r in group.requests for k in r.keys}.values():
            source = key.sources[0]
            text = requote(source.node, provider.api_key_env)  # type: ignore[arg-type]
            if text is None:
                continue
            self.report(
                key.node,
                f"key of the raw request on {self.ctx.line_label(line)}: {source.value} becomes "
                f"{provider.api_key_env}, with its URL",
                edit=Edit(self.ctx.span(source.node), text),
            )

    def _partly(self, request: Request) -> str:
        """What is said of a request apply moves to an API the provider serves only in part
        (the warning that stays after apply: `_report_unsure`)."""
        from migrate_llm.rules.calls import support_words  # calls builds on this module

        provider, base = self.provider, self.ctx.rules.base_url
        surface = unserved(provider, request.url.every_path) if provider is not None else None
        if provider is None or surface is None:
            return ""
        offer = partial_offer(provider, surface, base or provider.base_url)
        if offer is not None and provider.partial[surface].base_url:
            return f"; {offer}: then send it to one of them, by hand"
        if offer is not None:
            return f"; {offer}: test it"
        return f"; {support_words(provider, surface)}: test it"

    def _url_edits(self, request: Request) -> list[Edit]:
        """The edits that point a request at the provider (for a request sent through a
        client with a `base_url`, the client's)."""
        return list(request.url.edits or [])

    def _has_calls(self, group: Group, session: Request) -> bool:
        return any(r.session is session.call for r in group.requests)


RAW_HTTP_RULES = (RawOpenAIRequest,)
