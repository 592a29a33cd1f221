"""One parsed Python module and what the rules need to know about it.

Built once per file: libcst metadata (positions, qualified names, scopes) and an index of the
names bound to OpenAI clients, so that `client.chat.completions.create(...)` can be traced to
`client = OpenAI()` anywhere in the same module.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import functools
import inspect
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import cast

import libcst as cst
from libcst.metadata import (
    Assignment,
    BaseAssignment,
    CodeRange,
    ComprehensionScope,
    FunctionScope,
    GlobalScope,
    MetadataWrapper,
    PositionProvider,
    QualifiedNameSource,
    Scope,
)

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import gateways, other_sdks
from migrate_llm.frameworks import instructor as ib
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks.modules import OTHER_SERVER_VARIABLES, UNIMPORTED_MODULES
from migrate_llm.imports import IMPORT_ERRORS
from migrate_llm.lazy_proxies import library_name
from migrate_llm.model import LineIndex, Span
from migrate_llm.patched_clients import doubles_module_client
from migrate_llm.rules import lean_codegen, scope_analysis, traversal
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.class_family import attribute_values
from migrate_llm.rules.code_templates import (
    IMPORT_ASYNCIO,
    IMPORT_FUNCTOOLS,
    IMPORT_OS,
    cached_factory,
    legacy_azure_version_expr,
    legacy_key_expr,
    loop_factory,
)
from migrate_llm.rules.lean_codegen import Offsets
from migrate_llm.rules.module_pieces import StatementLines
from migrate_llm.rules.path_tests import PathTest, exclusive, path_tests, plain_test
from migrate_llm.rules.rebound_imports import reaching_import_names

# An OpenAI variable's name; not one a framework reads for any OpenAI-compatible server
# (camel's OPENAI_COMPATIBILITY_API_KEY: `OTHER_SERVER_VARIABLES`)
_OTHER_SERVERS = "|".join(sorted(OTHER_SERVER_VARIABLES))
ENV_NAME = re.compile(rf"^(?!(?:{_OTHER_SERVERS})$)(AZURE_)?OPENAI_[A-Z0-9_]+$")

traversal.install()
# positions and a node's code come from libcst's code generation: without its generators
lean_codegen.install()


@dataclass(frozen=True)
class ClientInfo:
    """What a client construction tells: its class and whether it is async or Azure.

    `wrapper`: the call whose client of its own sends requests through this one
    (`instructor.from_openai`), whose request methods `frameworks.instructor` lists; None for
    the SDK's client itself.
    """

    cls: str
    is_async: bool
    azure: bool
    wrapper: str | None = None


@dataclass(frozen=True)
class CallInfo:
    """A call into the OpenAI SDK.

    kind: "client" (through a known client), "probable" (SDK-shaped call on an unknown
    receiver in a module that imports openai), "module" (the v1 module-level client,
    `openai.chat.completions.create`) or "legacy" (`openai.ChatCompletion.create`).
    """

    kind: str
    surface: str
    path: str
    method: str
    client: ClientInfo | None = None


@dataclass
class ModuleIndex:
    imports_openai: bool = False
    uses_legacy: bool = False
    client_names: dict[str, ClientInfo] = field(default_factory=dict)
    client_attrs: dict[str, ClientInfo] = field(default_factory=dict)
    # What each of those is bound to: the construction, or None for any other source (a
    # factory, a parameter's annotation); `elsewhere_client` reads them.
    name_sources: dict[str, list[cst.Call | None]] = field(default_factory=dict)
    attr_sources: dict[str, list[cst.Call | None]] = field(default_factory=dict)
    # Local names of the client classes other than their own (`from openai import OpenAI as
    # Backend`, `Backend = OpenAI`): widens the cheap name test of `client_class`.
    class_aliases: dict[str, ClientInfo] = field(default_factory=dict)
    # id(target Name) of the module-level `Backend = OpenAI` assignments.
    alias_targets: set[int] = field(default_factory=set)
    # `from openai import *`: unbound client-class names are the SDK's.
    star_openai: bool = False
    # Functions and methods (by name) that return a client: `def make() -> OpenAI`.
    factories: dict[str, ClientInfo] = field(default_factory=dict)
    # What each of those returns, as `name_sources` holds it: a name bound to a factory's
    # result (`client = self._make_client()`) is bound to these.
    factory_sources: dict[str, list[cst.Call | None]] = field(default_factory=dict)
    # Names and attributes holding a dict, list or tuple of clients: `CLIENTS = {"a": OpenAI()}`.
    containers: dict[str, ClientInfo] = field(default_factory=dict)
    containers_attrs: dict[str, ClientInfo] = field(default_factory=dict)
    # Client constructions passing `**` arguments, in the order of the text.
    constructions: list[cst.Call] = field(default_factory=list)
    # id(target Name node) -> assigned value, for resolving module constants.
    assigned: dict[int, cst.BaseExpression] = field(default_factory=dict)
    # Names and attributes holding a client's resource (`self.client = OpenAI().chat.completions`,
    # as pandas-ai keeps it): the client and the resource path, which calls through them
    # (`self.client.create(...)`) continue.
    resource_names: dict[str, tuple[ClientInfo, tuple[str, ...]]] = field(default_factory=dict)
    resource_attrs: dict[str, tuple[ClientInfo, tuple[str, ...]]] = field(default_factory=dict)
    # `self.X = value`: the values assigned to each attribute X of `self`, in text order.
    self_assigned: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    # Names and `self.` attributes assigned a dotted attribute somewhere (`completion =
    # client.chat.completions.create`): the cheap test before `PythonContext.callee`.
    method_aliases: set[str] = field(default_factory=set)
    # openai<1.0 resources used here (calls or references), not only its configuration.
    legacy_calls: bool = False
    # The name `import openai [as x]` binds at module level, if any.
    openai_alias: str | None = None
    # `from module import Name as Local`, any module: Local -> Name. Lets the cheap
    # last-name tests of the framework tables see a class under another name.
    import_aliases: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    # openai<1.0 resources used through coroutine methods (`acreate`) / through the others
    # (`create`, or the class itself): which of the v1 clients the module needs.
    async_legacy: bool = False
    sync_legacy: bool = False
    # Every `openai.X = value` of the openai<1.0 client configuration (X in LEGACY_SETTINGS),
    # wherever it stands, in the order of the text.
    config_assigns: list[tuple[str, cst.Assign]] = field(default_factory=list)
    # Every `openai.base_url = value` (the openai>=1.0 module-level client's endpoint).
    base_url_assigns: list[cst.Assign] = field(default_factory=list)
    # id(small statement) -> (its line, the small statements of its block (None for the
    # lines that are not one small statement), at module level)
    statements: dict[
        int, tuple[cst.SimpleStatementLine, tuple[cst.BaseSmallStatement | None, ...], bool]
    ] = field(default_factory=dict)
    # module-level `openai.X = value` assignments of the openai<1.0 configuration
    module_config: dict[str, cst.Assign] = field(default_factory=dict)


@dataclass(frozen=True)
class LegacyClients:
    """The v1 clients that replace the openai<1.0 module API in one module.

    `sync_name`/`async_name` are the expressions the rewritten code uses for them: a name
    (`client`, built after the imports) or, when the module sets its configuration later
    than that, the call of a function building the client on first use (`_client()`). The
    async client is mostly the call of a function returning the running event loop's
    (`_aclient()`, `code_templates.loop_factory`).
    """

    sync_name: str
    async_name: str
    setup: tuple[str, ...]
    imports: tuple[str, ...]
    # config attributes whose module-level line goes: moved into the constructors, or
    # meaningless to them (Azure's api_type and api_version)
    hoisted: frozenset[str]
    # the clients the module needs (what a setting made in a function must reach)
    targets: tuple[str, ...] = ()
    azure: bool = False
    lazy: bool = False


@dataclass(frozen=True)
class V0Import:
    """An import of a module openai 1.0 removed (`sdk.V0_ONLY_MODULES`): the statement, the
    module (its key there), the names taken from it (`get_embedding`; the submodule for
    `openai.datalib.numpy_helper`; () for the module itself) and whether a `try:` catching
    ImportError guards it (the module then has a way on openai>=1)."""

    node: cst.Import | cst.ImportFrom
    module: str
    names: tuple[str, ...]
    guarded: bool


def _v0_module(name: str) -> tuple[str, tuple[str, ...]] | None:
    """(module, (submodule,) or ()) where the dotted `name` is a module openai 1.0 removed
    or one of its submodules; None otherwise."""
    for module in sdk.V0_ONLY_MODULES:
        if name == module:
            return module, ()
        if name.startswith(f"{module}."):
            return module, (name[len(module) + 1 :].split(".")[0],)
    return None


def _main_guards(module: cst.Module) -> list[cst.If]:
    """The top-level `if __name__ == "__main__":` statements of `module`."""
    return [s for s in module.body if isinstance(s, cst.If) and names_main(s.test)]


def names_main(test: cst.BaseExpression) -> bool:
    """`__name__ == "__main__"`, either way round."""
    if not (
        isinstance(test, cst.Comparison)
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Equal)
    ):
        return False
    left, right = test.left, test.comparisons[0].comparator
    return any(
        isinstance(a, cst.Name) and a.value == "__name__" and string_value(b) == "__main__"
        for a, b in ((left, right), (right, left))
    )


def _catches_import_error(caught: cst.BaseExpression | None) -> bool:
    """Whether an `except` clause's class (or tuple of them) catches ImportError."""
    if caught is None:
        return True
    if isinstance(caught, cst.Tuple):
        return any(_catches_import_error(e.value) for e in caught.elements)
    return isinstance(caught, cst.Name) and caught.value in IMPORT_ERRORS


# The openai<1.0 module settings a v1 client takes, and the ones that make it an Azure client.
LEGACY_SETTINGS = frozenset({*sdk.CONFIG_TO_CLIENT, "api_type", "api_version"})
_MODULE_SETTINGS = LEGACY_SETTINGS | {"base_url"}
_AZURE_TYPES = {"azure": "api_key", "azure_ad": "azure_ad_token", "azuread": "azure_ad_token"}
_OPENAI_TYPES = frozenset({"open_ai", "openai"})


_BUILTINS = frozenset(dir(builtins))


def _free_name(used: set[str], preferred: str, fallback: str) -> str:
    """`preferred` unless the module already uses that name."""
    return fallback if preferred in used else preferred


@functools.lru_cache(maxsize=4096)
def _evaluated(source: str) -> str | bytes:
    return cast("str | bytes", ast.literal_eval(source))


def literal_value(node: cst.SimpleString) -> str | bytes:
    """`node.evaluated_value` (what `ast.literal_eval` makes of the literal), without a
    compilation for a literal with no prefix, escape or carriage return (its text between
    the quotes), and once for each text of the others."""
    source = node.value
    quote = source[-1]
    if source[0] == quote and "\\" not in source and "\r" not in source:
        size = 3 if len(source) >= 6 and source.startswith(quote * 3) else 1
        return source[size:-size]
    if len(source) > 200:  # a long text is not kept
        return cast("str | bytes", ast.literal_eval(source))
    return _evaluated(source)


def string_value(node: cst.CSTNode) -> str | None:
    """The value of a plain (non-bytes) string literal, or None."""
    # the node's class itself (libcst's have no subclasses): `isinstance` of any other node
    # asks libcst's abstract base class, in Python, and rules ask of every node
    if type(node) is cst.SimpleString:
        value: str | bytes | None = literal_value(node)
        return value if isinstance(value, str) else None
    if type(node) is cst.ConcatenatedString:
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def assignments(node: cst.CSTNode) -> Iterator[cst.Assign]:
    """The `=` statements in `node`'s subtree, in source order: what
    `libcst.matchers.findall(node, Assign())` finds, without importing the matchers (about
    0.09 s, which every `check` would pay)."""
    if isinstance(node, cst.Assign):
        yield node
    for child in node.children:
        yield from assignments(child)


def string_literals(node: cst.CSTNode) -> list[cst.SimpleString]:
    """The string literals in `node`, itself included, in the order of the text."""
    if isinstance(node, cst.SimpleString):
        return [node]
    return [s for child in node.children for s in string_literals(child)]


def scope_assignments(ctx: PythonContext, node: cst.CSTNode) -> list[cst.Assign]:
    """The assignments of the function holding `node` (the module's, outside any), in the
    order of the text: where a name or entry it reads may be set again."""
    above = ctx.ancestors(node)
    scope = next((a for a in reversed(above) if type(a) is cst.FunctionDef), None)
    start = ctx.index_of(scope) if scope is not None else 0
    end = ctx.ends[start] if scope is not None else len(ctx.nodes)
    # listed once for each function (the module): a search of the module's nodes at each
    # question about its top level grew with the module
    listed = cast("dict[int, list[cst.Assign]]", ctx.analyses.setdefault(scope_assignments, {}))
    found = listed.get(start)
    if found is None:
        found = listed[start] = [n for n in ctx.nodes[start:end] if type(n) is cst.Assign]
    return list(found)


def without_id_methods(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, tuple[str, ...]]:
    """`expr` without the calls of str methods that keep a model id as it is around it
    (`os.getenv("M", "gpt-4o").lower()`: the lookup; `sdk.MODEL_ID_METHODS`), and their
    names, innermost first."""
    methods: list[str] = []
    while (
        isinstance(expr, cst.Call)
        and not expr.args
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in sdk.MODEL_ID_METHODS
    ):
        methods.append(expr.func.attr.value)
        expr = expr.func.value
    return expr, tuple(reversed(methods))


def flatten(expr: cst.BaseExpression) -> tuple[list[cst.BaseExpression], list[str]]:
    """`a.b.c` -> ([a, a.b, a.b.c], ["b", "c"]): the prefixes and the attribute names."""
    attrs: list[str] = []
    nodes: list[cst.BaseExpression] = []
    while isinstance(expr, cst.Attribute):
        nodes.append(expr)
        attrs.append(expr.attr.value)
        expr = expr.value
    nodes.append(expr)
    return nodes[::-1], attrs[::-1]


def last_name(node: cst.CSTNode) -> str | None:
    """`c` for `a.b.c` or `c`; None for anything else. A cheap test before name resolution."""
    # the exact types (libcst has no subclass of either): `isinstance` with a libcst node
    # class goes through ABCMeta, and this runs for most of a module's nodes
    if type(node) is cst.Name:
        return node.value
    if type(node) is cst.Attribute:
        return node.attr.value
    return None


_CLIENT_NAMES = frozenset(name.rsplit(".", 1)[1] for name in sdk.CLIENT_CLASSES)
_WRAPPER_NAMES = frozenset(name.rsplit(".", 1)[1] for name in ib.WRAPPERS)
_STAR_CLIENTS = {
    name.rsplit(".", 1)[1]: value
    for name, value in sdk.CLIENT_CLASSES.items()
    if name.count(".") == 1
}


def self_method(value: cst.BaseExpression, with_arguments: bool = False) -> str | None:
    """`X` of `self.X` (a property) or `self.X()` (a method called with no argument, or with
    any when `with_arguments`); `super().X` too."""
    if isinstance(value, cst.Call) and (with_arguments or not value.args):
        value = value.func
    if not isinstance(value, cst.Attribute):
        return None
    inner = value.value
    if self_attribute(value) or (
        isinstance(inner, cst.Call)
        and isinstance(inner.func, cst.Name)
        and inner.func.value == "super"
        and not inner.args
    ):
        return value.attr.value
    return None


def _only_return(
    function: cst.FunctionDef, returns: Callable[[cst.CSTNode], bool]
) -> cst.BaseExpression | None:
    """The value of a function's only `return`, where its body ends in it."""
    if not isinstance(function.body, cst.IndentedBlock):
        return None
    body = function.body.body
    last = body[-1] if body else None
    if not (
        isinstance(last, cst.SimpleStatementLine)
        and len(last.body) == 1
        and isinstance(last.body[0], cst.Return)
    ):
        return None
    if any(returns(s) for s in body[:-1]):
        return None
    return last.body[0].value


_SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def _dotted(node: cst.BaseExpression | None) -> bool:
    """Whether `node` is a dotted name of at least two parts (`client.chat.completions.create`,
    `self.client.embeddings.create`, `litellm.completion`)."""
    if type(node) is not cst.Attribute:
        return False
    while type(node) is cst.Attribute:
        node = node.value
    return type(node) is cst.Name


def _alternatives(
    value: cst.BaseExpression | None, tests: Callable[[], list[PathTest]]
) -> list[tuple[cst.BaseExpression | None, list[PathTest]]]:
    """The values a binding assigns, with the tests each is assigned under (`tests()`, the
    binding's own): the two methods of `a if t else b` where both are dotted names
    (`completion = litellm.completion if use_litellm else client.chat.completions.create`),
    each with `t` true or false; else the value itself."""
    if type(value) is cst.IfExp and _dotted(value.body) and _dotted(value.orelse):
        test, holds = plain_test(value.test, True)
        return [
            (value.body, [*tests(), (test, holds)]),
            (value.orelse, [*tests(), (test, not holds)]),
        ]
    return [(value, tests())] if _dotted(value) else [(value, [])]


def _placeholder(value: cst.BaseExpression | None) -> bool:
    """Whether a binding's value only stands in until the real one is bound: a lambda or
    `None` (`completion = lambda *args, **kwargs: None`, then `completion = ...create`)."""
    return type(value) is cst.Lambda or (type(value) is cst.Name and value.value == "None")


def branches(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    """The values `expr` may take as written, in order: the operands of `a or b` (and `a and
    b`) and the two branches of `x if c else y`, followed down; `expr` itself otherwise."""
    if isinstance(expr, cst.BooleanOperation):
        yield from branches(expr.left)
        yield from branches(expr.right)
    elif isinstance(expr, cst.IfExp):
        yield from branches(expr.body)
        yield from branches(expr.orelse)
    else:
        yield expr


def conditional_arms(expr: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    """The branches of `x if c else y` (of nested ones too) but a `None`, where one is left
    (`OpenAI(...) if KEY else None`: a client when it is anything); None for another value."""
    if not isinstance(expr, cst.IfExp):
        return None
    arms = [
        arm for arm in branches(expr) if not (isinstance(arm, cst.Name) and arm.value == "None")
    ]
    return arms or None


def ends_in_exit(body: cst.BaseSuite) -> bool:
    """Whether a block ends in `return`, `raise` or `continue` (its last statement): past an
    `if` with such a body, what it tested did not hold."""
    last: cst.CSTNode | None = body.body[-1] if body.body else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue))


# names meaning one module wherever the module does not bind them (`_unimported`)
_UNBOUND_MODULES = UNIMPORTED_MODULES | {"os"}


def self_attribute(node: cst.BaseExpression) -> bool:
    """Whether `node` is `self.X`."""
    return (
        isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
    )


def super_init(call: cst.Call) -> bool:
    """Whether `call` is `super().__init__(...)`."""
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "__init__"
        and isinstance(func.value, cst.Call)
        and last_name(func.value.func) == "super"
    )


def keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def _wrapper_request(attrs: list[str]) -> bool:
    """Whether `attrs` is a request of instructor's own client (`create`,
    `chat.completions.create_with_completion`, `messages.create_partial`)."""
    return attrs[-1] in ib.CLIENT_REQUESTS and all(a in ib.CLIENT_NAMESPACES for a in attrs[:-1])


# The first entry of `sdk.SURFACES` for each resource path (its place there, its surface),
# and the lengths of those paths: `match_surface` looks each prefix of a path up.
def _surface_paths() -> dict[tuple[str, ...], tuple[int, str]]:
    found: dict[tuple[str, ...], tuple[int, str]] = {}
    for place, (prefix, surface) in enumerate(sdk.SURFACES):
        found.setdefault(prefix, (place, surface))
    return found


_SURFACE_PATHS = _surface_paths()
_SURFACE_PATH_LENGTHS = sorted({len(prefix) for prefix in _SURFACE_PATHS})


def match_surface(attrs: list[str]) -> tuple[str, str] | None:
    """(surface, method) when `attrs` is an SDK resource path ending in a method: the
    surface of the first entry of `sdk.SURFACES` whose path starts it."""
    path = [a for a in attrs if a not in sdk.RESPONSE_WRAPPERS]
    own = sdk.METHOD_SURFACES.get(tuple(path))
    if own is not None:  # `responses.connect()`: a surface apart from its resource's
        return own, path[-1]
    first: tuple[int, str] | None = None
    for size in _SURFACE_PATH_LENGTHS:
        if size >= len(path):
            break
        found = _SURFACE_PATHS.get(tuple(path[:size]))
        if found is not None and (first is None or found[0] < first[0]):
            first = found
    return (first[1], path[-1]) if first is not None else None


def _scopes(
    module: cst.Module, text: str
) -> tuple[dict[cst.CSTNode, Scope | None], list[cst.CSTNode], list[int]]:
    """libcst's scope analysis of the module (ScopeProvider over ExpressionContextProvider),
    run as `scope_analysis` describes, and the module's nodes in the order `module.visit`
    meets them, with the end of each one's subtree (`traversal.preorder`)."""
    return scope_analysis.analyse(module, text=text)


_Methods = tuple[Callable[[cst.CSTNode], object] | None, Callable[[cst.CSTNode], object] | None]


def _type_methods(visitor: cst.CSTVisitor) -> Callable[[type], _Methods] | None:
    """For a visitor with libcst's own `on_visit`/`on_leave` (which call `visit_<type>` and
    `leave_<type>`), the function giving a node type's two methods, None for a no-op stub
    or an absent one; None for another visitor."""
    klass = type(visitor)
    if (
        klass.on_visit is not cst.CSTVisitor.on_visit
        or klass.on_leave is not cst.CSTVisitor.on_leave
        or hasattr(klass, "__getattr__")
        or klass.__getattribute__ is not object.__getattribute__
    ):
        return None

    def method(kind: str, node_type: type) -> Callable[[cst.CSTNode], object] | None:
        found = getattr(visitor, f"{kind}_{node_type.__name__}", None)
        return None if getattr(found, "_is_no_op", False) else found

    def methods(node_type: type) -> _Methods:
        return method("visit", node_type), method("leave", node_type)

    return methods


# What `_Pieces` may read of a module's code in its searches (tens of milliseconds) before
# the module's code is generated whole.
_SEARCHED = 1 << 26

_LOST = re.compile(r"[\f\ufeff]|^[ \t]*\\$", re.MULTILINE)


class _Pieces:
    """Positions of nodes from the code of the statement (or expression) that holds them,
    generated alone, instead of the code of the whole module (a long module).

    A statement of a module's or a block's body is generated with no argument from its
    parent and with nothing from the code generation before it but the indentation of its
    blocks: generated alone with that indentation, it is what it is in the module's code,
    so the ranges `Offsets` records in it are the module's, moved by where its code
    starts there. The module's code is the text (libcst's round trip, but for `_LOST`);
    when the statement's code occurs once in it, at the start of a line, that is where it
    starts; when not, the statement holding this one is tried. None for a node outside
    the module's statements (the module, its first and last comment lines): the module's
    code is generated then.

    With `statements` (the first and last line Python's syntax tree gives each top-level
    statement of the text, decorators included, and each statement of a class's body),
    each of those statements has a window of the text: from the line after the statement
    before it to the first line of the one after it (the class's own window at either end
    of its body). Its code lies there whole (a statement's code ends with its last line,
    the next one's starts at the latest with its first), and so does the code of every
    node inside it. The search for the code of a node under such a statement reads the
    innermost window only, and the code found once there is the node's: an expression is
    tried then too, before the statements holding it (`_placeable`; a few of them, each
    larger than the one before, for one node). Without them (or where they do not match
    the module's statements), the whole module's code is searched.

    Placing a node reads what it searches (a search for its code, and one more that finds
    no second copy): a long module with findings throughout, and no windows, would pay
    that for each of thousands of statements. Once the searches have read `_SEARCHED`
    characters in all, every answer is None, and the module's code is generated once
    instead.
    """

    def __init__(self, ctx: PythonContext, statements: Sequence[StatementLines] = ()) -> None:
        self.ctx = ctx
        self.module = ctx.module
        # The module's code: the text, and the newline libcst leaves out of it when the
        # text has no final one (its last statement is generated with it).
        self.code = ctx.text
        self.lines = ctx.lines
        if not self.module.has_trailing_newline:
            self.code += "\n"
            self.lines = LineIndex(self.code)
        # `Offsets.of` takes libcst's positions for a text with a carriage return; and
        # libcst leaves a few things out of the module's code (a form feed or a lone
        # backslash before a statement, a byte order mark): its positions count without
        # them, which a search of the text would not.
        self.usable = "\r" not in ctx.text and not _LOST.search(ctx.text)
        self.ranges: dict[int, int] = {}
        self.searched = 0
        # (start, end) of the window of each statement that has one, by id
        self.windows: dict[int, tuple[int, int]] = {}
        if self.usable and statements:
            self._windows(self.module.body, statements, 0, len(self.code))

    def _windows(
        self,
        body: Sequence[cst.BaseStatement],
        statements: Sequence[StatementLines],
        lo: int,
        hi: int,
    ) -> None:
        """Record the window of each statement of `body` (the module's, or a class's whose
        window is from `lo` to `hi`), and of those of the classes among them; none when
        `statements` do not match them (a line of `;`-separated statements is one
        statement in libcst's tree, one for each in Python's)."""
        counts = [len(s.body) if isinstance(s, cst.SimpleStatementLine) else 1 for s in body]
        if sum(counts) != len(statements):
            return
        starts = self.lines.starts
        windows: dict[int, tuple[int, int]] = {}
        inside = []
        at = 0  # the index in `statements` of the first of this one's
        for statement, count in zip(body, counts, strict=True):
            first, last = statements[at].first, statements[at + count - 1].last
            before = statements[at - 1].last if at else 0  # the last line of the one before
            at += count
            after = statements[at].first if at < len(statements) else 0  # the next one's first
            if before >= first or 0 < after <= last:
                return
            window = (starts[before] if before else lo, starts[after - 1] if after else hi)
            windows[id(statement)] = window
            block = statement.body if isinstance(statement, cst.ClassDef) else None
            if isinstance(block, cst.IndentedBlock):
                inside.append((block.body, statements[at - 1].body, window))
        self.windows.update(windows)
        for statements_of, lines, (start, end) in inside:
            if lines:
                self._windows(statements_of, lines, start, end)

    def position(self, node: cst.CSTNode) -> tuple[tuple[int, int], tuple[int, int]] | None:
        if not self.usable:
            return None
        key = id(node)
        packed = self.ranges.get(key)
        if packed is None:
            if self.searched > _SEARCHED:
                return None
            i = self.ctx.indices().get(key)
            if i is None or not self._generate(i):
                return None
            packed = self.ranges[key]
        lines = self.lines
        return lines.span_position(packed >> 32, packed & 0xFFFFFFFF)

    def _generate(self, i: int) -> bool:
        """Record the ranges of the innermost node holding node `i` (itself included) whose
        code occurs once where it is looked for: a statement of a body, at the start of a
        line; with a window, an expression too; False when there is none."""
        nodes = self.ctx.nodes
        path = self.ctx.path_to(i)
        if len(path) < 2:
            return False  # the module
        # the window of the innermost node on the path that has one
        window = None
        for j in path[1:]:
            window = self.windows.get(id(nodes[j]), window)
        lo, hi = window or (0, len(self.code))
        expressions = _EXPRESSIONS_TRIED if window else 0
        # the exact types: `isinstance` with libcst's classes goes through ABCMeta
        for depth in range(len(path) - 1, 0, -1):
            node = nodes[path[depth]]
            kind = type(node)
            statement = type(nodes[path[depth - 1]]) in _BODIES and _statement(kind)
            if not statement:
                if not expressions or not _placeable(kind):
                    continue
                expressions -= 1
            state: Offsets | None = None
            if kind in _TOKENS and not node.lpar and not node.rpar:  # type: ignore[attr-defined]
                code = node.value  # type: ignore[attr-defined]
            else:
                state = Offsets(self.module)
                state.indent_tokens = [
                    self.module.default_indent if block.indent is None else block.indent
                    for block in (nodes[j] for j in path[:depth])
                    if type(block) is cst.IndentedBlock
                ]
                node._codegen(state)
                code = "".join(state.tokens)
            self.searched += hi - lo
            start = self.code.find(code, lo, hi)
            if (
                start >= 0
                and (not statement or start == 0 or self.code[start - 1] == "\n")
                and self.code.find(code, start + 1, hi) < 0
            ):
                ranges = self.ranges
                if state is None:
                    ranges[id(node)] = start << 32 | start + len(code)
                    return True
                for node_id, packed in state.ranges.items():
                    ranges[node_id] = packed + (start << 32 | start)
                return True
        return False


_BODIES = frozenset({cst.Module, cst.IndentedBlock})
# Expressions whose code, without parentheses, is their `value`: placed without a code
# generation (the strings and names of most findings).
_TOKENS = frozenset({cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.Imaginary})
# The expressions tried for one node before only statements are: each is generated in
# vain when its code occurs twice (a long expression written twice would otherwise have
# each of its nested ones generated, its whole code each time).
_EXPRESSIONS_TRIED = 3


@functools.cache
def _statement(node_type: type) -> bool:
    return issubclass(node_type, cst.BaseStatement)


@functools.cache
def _placeable(node_type: type) -> bool:
    """Whether a node of this type is an expression whose code does not depend on its
    parent: its code generation takes nothing from it (a starred element takes its comma),
    and nothing from the code before it but the indentation of its blocks (a line break
    inside brackets may be indented with them), so that, generated alone, it is what it is
    in the module's code."""
    if not issubclass(node_type, cst.BaseExpression):
        return False
    code = getattr(node_type._codegen_impl, "__code__", None)
    variadic = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS
    return code is not None and code.co_argcount == 2 and not code.co_flags & variadic


class PythonContext:
    """Metadata and the client index of one module, shared by every Python rule."""

    def __init__(
        self,
        module: cst.Module,
        rules: RuleContext,
        text: str,
        line_label: Callable[[int], str] | None = None,
        path: str = "",
        statements: Sequence[StatementLines] = (),
    ) -> None:
        self.rules = rules
        self.text = text
        # the file's path ("" for a text given alone): the packages it is in
        # (`key_destinations`, a class imported from the project itself)
        self.path = path
        self._mentions: dict[str, bool] = {}
        self.lines = LineIndex(text)
        self._line_label = line_label
        # in a notebook, where its pip line is (`cell 1, line 1`) that installs openai>=1
        # once apply has run (openai<1, which ML506 moves, or >=1 already): the openai<1
        # calls apply leaves then raise APIRemovedInV1 rather than go anywhere (t65a); ""
        # elsewhere
        self.v1_pin = ""
        self.wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self.module = self.wrapper.module
        # Qualified names are asked of the scope for the few nodes a rule looks at, not
        # recorded for every node of the tree as libcst's QualifiedNameProvider does.
        # The order a traversal meets the nodes in is recorded once, in the same walk: the
        # index, the environment analysis and the rules walk this list (see `walk`).
        self._scopes, self._nodes, self._ends = _scopes(self.module, text)
        # Positions are computed (a code generation of the whole module) on first use: a
        # module without findings never needs them.
        self._code_ranges: Offsets | Mapping[cst.CSTNode, CodeRange] | None = None
        # Before that, the positions of the nodes in the statements generated alone, found
        # in the lines of the top-level statements holding them (`statements`: the first
        # and last line of each in Python's syntax tree of `text`, when the caller has it).
        self._pieces: _Pieces | None = None
        self._statements = statements
        self._indices: dict[int, int] | None = None
        # the indices in `nodes` of the children of each node `ancestors` went through
        self._children: dict[int, list[int]] = {}
        self._qualnames: dict[cst.CSTNode, set[str]] = {}
        self._calls: dict[int, CallInfo | None] = {}
        self._callees: dict[int, tuple[cst.BaseExpression, ...]] = {}
        # Analyses of the module shared by several rules, by the function computing them.
        self.analyses: dict[Callable[..., object], object] = {}
        self._guards: list[cst.If] | None = None  # `if __name__ == "__main__":` (`at_import`)
        self.index = ModuleIndex()
        self.walk(_IndexBuilder(self))

    def release(self) -> None:
        """Drop everything this context holds, once the rules' findings are made, and break
        the scope analysis's cycles (`scope_analysis.release`), so that reference counting
        frees the module's tree there and then; the context must not be used afterwards."""
        scope_analysis.release(self._scopes.values())
        self.__dict__.clear()

    def _ranges(self) -> Offsets | Mapping[cst.CSTNode, CodeRange]:
        """Where each node's code is: computed on first use, by one code generation of the
        module (see `Offsets`), or libcst's PositionProvider for text with a carriage
        return (its line count differs from a count of line feeds there)."""
        if self._code_ranges is None:
            offsets = Offsets.of(self.module, self.text, self.lines)
            if offsets is not None:
                self._code_ranges = offsets
            else:
                # PositionProvider has no dependency; `wrapper.resolve` would add an empty
                # batched traversal of the module after it.
                ranges = PositionProvider()._gen(self.wrapper)
                self._code_ranges = cast("Mapping[cst.CSTNode, CodeRange]", ranges)
        return self._code_ranges

    def indices(self) -> dict[int, int]:
        """The index in `nodes` of each of them, by id (computed once)."""
        if self._indices is None:
            self._indices = {id(node): i for i, node in enumerate(self._nodes)}
        return self._indices

    def index_of(self, node: cst.CSTNode) -> int:
        """The index of `node` in `nodes` (KeyError for whitespace and punctuation)."""
        return self.indices()[id(node)]

    @property
    def nodes(self) -> list[cst.CSTNode]:
        """Every node of the module but whitespace, punctuation (`UNPLACED`: two thirds of a
        module's nodes, none of which a rule asks about) and the comments they hold, in the
        order `module.visit` meets them."""
        return self._nodes

    def ancestors(self, target: cst.CSTNode) -> tuple[cst.CSTNode, ...]:
        """The nodes from the module down to `target`'s parent, found in the preorder of
        `nodes` (no positions): from the module, each step goes to the last child starting
        at or before the target, found by binary search among the node's children (listed
        once per node: walking the siblings each time made a module of 6,000 functions ask
        a few thousand steps a question)."""
        nodes = self._nodes
        return tuple(nodes[i] for i in self.path_to(self.index_of(target))[:-1])

    def path_to(self, at: int) -> list[int]:
        """The indices in `nodes` of the nodes from the module down to `nodes[at]` (see
        `ancestors`)."""
        children = self._children
        path = [0]
        i = 0
        while i != at:
            below = children.get(i)
            if below is None:
                below = children[i] = self._children_of(i)
            i = below[bisect.bisect_right(below, at) - 1]
            path.append(i)
        return path

    def _children_of(self, i: int) -> list[int]:
        """The indices in `nodes` of the children of `nodes[i]`, in order."""
        ends = self._ends
        found = []
        j, end = i + 1, ends[i]
        while j < end:
            found.append(j)
            j = ends[j]
        return found

    def comments(self) -> list[cst.Comment]:
        """The module's comments, in the order of its text (a walk of every node)."""
        every, _ = traversal.preorder(self.module)
        return [node for node in every if type(node) is cst.Comment]

    @property
    def ends(self) -> list[int]:
        """For each node of `nodes`, the index in `nodes` just after its last descendant."""
        return self._ends

    def walk(self, visitor: cst.CSTVisitor) -> None:
        """`self.module.visit(visitor)` for a read-only visitor, from the recorded order:
        the same nodes but whitespace, punctuation and comments (see `nodes`), in order,
        `on_visit` returning False skips the children and `on_leave` follows each visited
        node; attribute visitors (`visit_X_attr`) are not called."""
        nodes, ends = self._nodes, self._ends
        methods = _type_methods(visitor)
        if methods is not None:
            self._walk_tabled(methods)
            return
        on_visit, on_leave = visitor.on_visit, visitor.on_leave
        stack: list[tuple[int, cst.CSTNode]] = []
        i, count = 0, len(nodes)
        while i < count:
            while stack and stack[-1][0] <= i:
                on_leave(stack.pop()[1])
            node = nodes[i]
            end = ends[i]
            stack.append((end, node))
            i = i + 1 if on_visit(node) else end
        while stack:
            on_leave(stack.pop()[1])

    def _walk_tabled(self, methods: Callable[[type], _Methods]) -> None:
        """`walk` for a visitor with libcst's own `on_visit`/`on_leave`: a node whose type
        has neither a `visit_` nor a `leave_` method costs one lookup (most nodes are
        whitespace and punctuation), and only nodes with a `leave_` method are kept until
        their subtree ends."""
        nodes, ends = self._nodes, self._ends
        table: dict[type, _Methods] = {}
        stack: list[tuple[int, Callable[[cst.CSTNode], object], cst.CSTNode]] = []
        i, count = 0, len(nodes)
        while i < count:
            while stack and stack[-1][0] <= i:
                _, closing, done = stack.pop()
                closing(done)
            node = nodes[i]
            node_type = type(node)
            found = table.get(node_type)
            if found is None:
                found = table[node_type] = methods(node_type)
            visit, leave = found
            if leave is not None:
                stack.append((ends[i], leave, node))
            if visit is None or visit(node) is not False:
                i += 1
            else:
                i = ends[i]
        while stack:
            _, closing, done = stack.pop()
            closing(done)

    def scope(self, node: cst.CSTNode) -> Scope | None:
        """The scope libcst's analysis gives `node`."""
        return self._scopes.get(node)

    def line_label(self, line: int) -> str:
        """How a message names another line of the module: `line 7`, or in a notebook
        `cell 3, line 2`."""
        return self._line_label(line) if self._line_label else f"line {line}"

    def position(self, node: cst.CSTNode) -> tuple[tuple[int, int], tuple[int, int]]:
        """1-based (line, column) of the node's start and end."""
        if self._code_ranges is None:
            if self._pieces is None:
                self._pieces = _Pieces(self, self._statements)
            found = self._pieces.position(node)
            if found is not None:
                return found
        ranges = self._ranges()
        if isinstance(ranges, Offsets):
            if ranges.unplaced and type(node) in ranges.unplaced:
                everything = Offsets.of(self.module, self.text, self.lines, frozenset())
                assert everything is not None  # the same module and text as `ranges`
                self._code_ranges = ranges = everything
            return ranges.position(node)
        code_range = ranges[node]
        return (
            (code_range.start.line, code_range.start.column + 1),
            (code_range.end.line, code_range.end.column + 1),
        )

    def span(self, node: cst.CSTNode) -> Span:
        """Character offsets of the node in the module's text."""
        (start_line, start_column), (end_line, end_column) = self.position(node)
        return Span(
            self.lines.offset(start_line, start_column), self.lines.offset(end_line, end_column)
        )

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def mentions(self, word: str) -> bool:
        """Whether the module's text holds `word` (searched once per word)."""
        found = self._mentions.get(word)
        if found is None:
            found = self._mentions[word] = word in self.text
        return found

    def source(self, node: cst.CSTNode) -> str:
        """The node's text as the file has it (`code` regenerates it: a line break inside
        brackets gets the indentation of the module's top level)."""
        span = self.span(node)
        return self.text[span.start : span.end]

    def qualnames(self, node: cst.CSTNode) -> set[str]:
        names = self._qualnames.get(node)
        if names is None:
            scope = self._scopes.get(node)
            found = scope.get_qualified_names_for(node) if scope is not None else ()
            # Only names that come from an import: a local `openai = make()` is not the SDK.
            names = {q.name for q in found if q.source is QualifiedNameSource.IMPORT}
            if len(names) > 1:  # imports of one name: those reaching this use
                names = reaching_import_names(self, node, names)
            if not names:
                names = self._unimported(node)
            elif self.rules.facts.lazy_proxies:
                names = self._through_proxies(names)
            self._qualnames[node] = names
        return set(names)

    def _through_proxies(self, names: set[str]) -> set[str]:
        """`names` with those imported through a lazy stand-in of the project read as the
        library's (`lazy_proxies`: aider's `from aider.llm import litellm`)."""
        proxies = self.rules.facts.lazy_proxies
        return {library_name(n, self.path, proxies) or n for n in names}

    def _unimported(self, node: cst.CSTNode) -> set[str]:
        """`litellm.completion` where the module never binds `litellm`: code run with the
        module injected into its globals (a plugin system's `imports=["litellm"]`, an
        `exec` with prepared globals) can only mean the module itself. So does `os.environ`
        where `os` comes with a star import (ChuanhuChatGPT's `from modules.utils import *`):
        read as such whether or not `apply` has added `import os`, its decisions do not
        change on a second run."""
        parts = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name) or node.value not in _UNBOUND_MODULES:
            return set()
        scope = self._scopes.get(node)
        if scope is None or scope[node.value]:
            return set()
        return {".".join([node.value, *reversed(parts)])}

    def client_class(self, node: cst.CSTNode) -> ClientInfo | None:
        """The client a class reference (`OpenAI`, `openai.AsyncOpenAI`, an import alias of
        one, a name from `from openai import *`) constructs."""
        last = last_name(node)
        aliases = self.index.class_aliases
        if last not in _CLIENT_NAMES and last not in aliases:
            return None
        found = [name for name in self.qualnames(node) if name in sdk.CLIENT_CLASSES]
        if found:
            # A name bound to a plain and to an Azure client (`OpenAI as Client` in one
            # branch, `AzureOpenAI as Client` in the other) is either. For a non-Azure
            # target it reads as Azure, whose rewrite (ML002) serves both branches; for
            # the Azure target as the plain client, whose branch still sends to OpenAI
            # (ML001, manual), so no key read is renamed under it. Chosen by sort, never
            # by set order (hash seed).
            azure_first = self.rules.provider is None or self.rules.provider.azure is None
            name = min(found, key=lambda n: (sdk.CLIENT_CLASSES[n][1] != azure_first, n))
            is_async, azure = sdk.CLIENT_CLASSES[name]
            return ClientInfo(name.rsplit(".", 1)[-1], is_async, azure)
        if not isinstance(node, cst.Name):
            return None
        if last in aliases:  # `Backend = OpenAI`, bound once
            assigned = self.bindings(node)
            if (
                len(assigned) == 1
                and isinstance(assigned[0], Assignment)
                and id(assigned[0].node) in self.index.alias_targets
            ):
                return aliases[last]
        if self.index.star_openai and last in _STAR_CLIENTS and not self.bindings(node):
            is_async, azure = _STAR_CLIENTS[last]
            return ClientInfo(last, is_async, azure)
        return None

    def either_client(self, node: cst.CSTNode) -> bool:
        """Whether the class reference `node` is bound to a plain and to an Azure client
        (`OpenAI as Client` in one branch, `AzureOpenAI as Client` in the other)."""
        if self.client_class(node) is None:
            return False
        found = {n for n in self.qualnames(node) if n in sdk.CLIENT_CLASSES}
        return len({sdk.CLIENT_CLASSES[n][1] for n in found}) == 2

    def constructed_client(self, node: cst.BaseExpression) -> ClientInfo | None:
        if isinstance(node, cst.Call):
            return self.client_class(node.func)
        return None

    def factory_client(self, arg: cst.Arg) -> ClientInfo | None:
        """The client a `default_factory=OpenAI` (dataclasses, pydantic) or `factory=OpenAI`
        (attrs) argument builds: the class itself, called later."""
        if arg.keyword is None or arg.keyword.value not in sdk.FACTORY_KEYWORDS:
            return None
        return self.client_class(arg.value)

    def factory_wrapper_client(self, call: cst.Call) -> ClientInfo | None:
        """The client `attr.Factory(OpenAI)` builds (its first argument, called later)."""
        if last_name(call.func) not in sdk.FACTORY_WRAPPERS or not call.args:
            return None
        first = call.args[0]
        return self.client_class(first.value) if first.keyword is None else None

    def at_import(self, node: cst.CSTNode) -> bool:
        """Whether `node` runs when the module is imported (module level, class bodies,
        default values and decorators) rather than when a function is called or the module
        is run as a program (the body of a top-level `if __name__ == "__main__":`)."""
        scope = self._scopes.get(node)
        while scope is not None and not isinstance(scope, GlobalScope):
            if isinstance(scope, FunctionScope):
                return False
            scope = scope.parent
        return not self._as_program(node)

    def key_tolerant(self, node: cst.CSTNode) -> bool:
        """Whether a key read written at `node` (an OpenAI client's) must not raise where the
        provider's variable is unset: it runs at import (`at_import`), or the project's
        code doubles a client class of this module (`patch("app.llm.AsyncOpenAI")`, as
        `RunFacts.patched_clients` holds them), whose construction then built nothing and
        raised nothing without a key."""
        if self.at_import(node):
            return True
        patched = self.rules.facts.patched_clients
        return bool(patched) and doubles_module_client(patched, self.path)

    def _as_program(self, node: cst.CSTNode) -> bool:
        """Whether `node` is in the body of a top-level `if __name__ == "__main__":`."""
        if self._guards is None:
            self._guards = _main_guards(self.module)
        if not self._guards:
            return False
        chain = (*self.ancestors(node), node)
        return len(chain) > 2 and any(chain[1] is g and chain[2] is g.body for g in self._guards)

    def is_openai_module(self, node: cst.CSTNode) -> bool:
        return "openai" in self.qualnames(node)

    def receiver_client(self, node: cst.BaseExpression) -> ClientInfo | None:
        """The client an expression evaluates to, when the module shows it: a construction,
        a name or `self.` attribute bound to one, a call of a function that returns one, an
        item of a dict or list of clients, a copy of one on its endpoint
        (`client.with_options(api_key=k)`)."""
        index = self.index
        if isinstance(node, cst.Await):
            node = node.expression
        if isinstance(node, cst.Call):
            client = self.constructed_client(node)
            if client is not None:
                return client
            wrapped = self.wrapped_client(node)
            if wrapped is not None:
                name, inner = wrapped
                client = self.receiver_client(inner)
                if client is None or name in ib.SAME_CLIENT:
                    return client
                return replace(client, wrapper=name)
            if (provided := self.provider_client(node)) is not None:
                return provided
            func = node.func
            if isinstance(func, cst.Name):
                return index.factories.get(func.value)
            if isinstance(func, cst.Attribute):
                if func.attr.value == "get" and node.args:  # CLIENTS.get("a")
                    return self._container(func.value)
                if func.attr.value in sdk.CLIENT_COPIES and keyword(node, "base_url") is None:
                    return self.receiver_client(func.value)  # `client.with_options(...)`
                if isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
                    return index.factories.get(func.attr.value)
            return None
        if isinstance(node, cst.Name):
            return index.client_names.get(node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return index.client_attrs.get(node.attr.value)
        if isinstance(node, cst.Subscript):
            return self._container(node.value)
        return None

    def other_sdk_client(
        self, node: cst.BaseExpression, classes: frozenset[str] = other_sdks.CLIENT_CLASSES
    ) -> bool:
        """Whether `node` is a client of another service's own SDK (`other_sdks`): a
        construction of one; a name every binding reaching it (`reaching`) assigns one
        (`client = anthropic.Anthropic()`, `with genai.Client() as client:`), whatever else
        the module binds that name to further down (MoneyPrinterTurbo's `client =
        OpenAI(...)` after its Gemini branch, t52k); or `self.X` every write of which the
        instance may hold gives one (`self.client = Groq()`, `client = Groq()` in the class
        body; `class_family.attribute_values`: also a subclass's or base's `self.client =
        OpenAI()`, `setattr(self, "client", OpenAI())`, `bot.client = ...`)."""
        if isinstance(node, cst.Call):
            return bool(self.qualnames(node.func) & classes)
        if isinstance(node, cst.Name):
            values = [_bound_value(self, b) for b in self.reaching(node)]
        elif isinstance(node, cst.Attribute) and self_attribute(node):
            own = [*self.self_values(node), *self._class_body_values(node)]
            if own and not all(
                isinstance(v, cst.Call) and self.qualnames(v.func) & classes
                for value in own
                for v in conditional_arms(value) or [value]
            ):
                return False  # the class's own writes already say no (the cheap test)
            if not self.index.names & other_sdks.class_parts(classes):
                return False  # no such client is named in the module
            values = [*own, *attribute_values(self, node)]
        else:
            return False
        # `Groq(api_key=KEY) if KEY else None`: a client when it is anything
        arms: list[cst.BaseExpression | None] = []
        for v in values:
            arms += (conditional_arms(v) if v is not None else None) or [v]
        return bool(arms) and all(
            isinstance(v, cst.Call) and self.qualnames(v.func) & classes for v in arms
        )

    def through_other_sdk_client(self, call: cst.Call, any_method: bool = False) -> bool:
        """Whether `call` is an SDK-shaped request through a client of another service's own
        SDK than the target's (`other_sdk_client`, `other_sdks.foreign_clients`: `Groq().chat.
        completions.create(...)`), which goes to that service, neither to OpenAI nor to the
        provider (whose own SDK's requests, `ZhipuAI()`'s for Zhipu AI, go to it). With
        `any_method`, also a method of that SDK's own shape (`anthropic.Anthropic().messages.
        create(...)`, `genai.Client().models.generate_content(...)`): it goes there too."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return False
        classes = other_sdks.foreign_clients(other_sdks.CLIENT_CLASSES, self.rules.provider)
        nodes, attrs = flatten(func)
        return any(
            (any_method or match_surface(attrs[i:]) is not None)
            and self.other_sdk_client(nodes[i], classes)
            for i in range(len(attrs))
        )

    def gateway_clients(self, node: cst.BaseExpression) -> list[cst.Call]:
        """The constructions of a gateway's own SDK client (`gateways.GATEWAY_CLIENTS`:
        `Portkey(provider="openai")`) that `node` is: itself, or every binding reaching a
        name (as `other_sdk_client` reads them); empty for anything else. Its requests go to
        the gateway, which apply does not move."""
        if isinstance(node, cst.Call):
            values: list[cst.BaseExpression | None] = [node]
        elif isinstance(node, cst.Name):
            values = [_bound_value(self, b) for b in self.reaching(node)]
        else:
            return []
        calls = [v for v in values if isinstance(v, cst.Call)]
        if not values or len(calls) != len(values):
            return []
        if all(self.qualnames(c.func) & gateways.GATEWAY_CLIENTS.keys() for c in calls):
            return calls
        return []

    def through_gateway_client(self, call: cst.Call) -> bool:
        """Whether `call` is an SDK-shaped request through a gateway's own SDK client
        (`gateway_clients`)."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return False
        nodes, attrs = flatten(func)
        return any(
            match_surface(attrs[i:]) is not None and bool(self.gateway_clients(nodes[i]))
            for i in range(len(attrs))
        )

    def through_foreign_client(self, call: cst.Call) -> bool:
        """Whether `call` is an SDK-shaped request through a client of a gateway's own SDK
        (`through_gateway_client`: Portkey's) or of another service's (`through_other_sdk_client`:
        Groq's): its `model=` goes there, never to OpenAI, and apply does not move it."""
        return self.through_gateway_client(call) or self.through_other_sdk_client(call)

    def wrapped_client(self, call: cst.Call) -> tuple[str, cst.BaseExpression] | None:
        """(The wrapper, the client it is given) for a call of one of instructor's wrappers
        (`instructor.from_openai(OpenAI())`, `patch(client)`), else None."""
        if last_name(call.func) not in _WRAPPER_NAMES:
            return None
        found = self.qualnames(call.func) & ib.WRAPPERS.keys()
        if not found:
            return None
        arg = keyword(call, ib.CLIENT_KEYWORD)
        if arg is None and call.args and call.args[0].keyword is None and not call.args[0].star:
            arg = call.args[0]
        return (min(found), arg.value) if arg is not None else None

    def wrapper_model(self, call: cst.Call) -> tuple[cst.Arg, CallInfo] | None:
        """For a wrapper given the model of its client's requests (`instructor.from_openai(
        OpenAI(), model="gpt-4o")`: `ib.WRAPPER_MODELS`): that argument, and the SDK request
        it goes with (its client's `chat.completions.create`, as `_classify` gives instructor's
        own requests); None for another call, or a client the module points elsewhere."""
        wrapped = self.wrapped_client(call)
        spec = ib.WRAPPER_MODELS.get(wrapped[0]) if wrapped is not None else None
        if wrapped is None or spec is None:
            return None
        name, position = spec
        arg = keyword(call, name)
        if arg is None and len(call.args) > position:
            given = call.args[position]
            arg = given if given.keyword is None and not given.star else None
        if arg is None or self.elsewhere_client(wrapped[1]):
            return None
        surface, method = ib.SDK_REQUEST
        path = ib.SDK_REQUEST_PATH
        client = self.receiver_client(wrapped[1])
        if client is None:  # wrapping a client built elsewhere
            return arg, CallInfo("probable", surface, path, method)
        return arg, CallInfo("client", surface, path, method, replace(client, wrapper=wrapped[0]))

    def request_wrapper_model(self, call: cst.Call) -> cst.BaseExpression | None:
        """The model an SDK-shaped request giving none sends through the wrapper its receiver
        is (`client = instructor.from_openai(OpenAI(), model="gpt-4o")` then
        `client.chat.completions.create(...)`: `wrapper_model`): the receiver a construction
        of the wrapper, or a name bound once to one; None for another."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        receiver = flatten(func)[0][0]
        if isinstance(receiver, cst.Name):
            bound = self.bound_value(receiver)
            receiver = bound if bound is not None else receiver
        if isinstance(receiver, cst.Await):
            receiver = receiver.expression
        if not isinstance(receiver, cst.Call):
            return None
        found = self.wrapper_model(receiver)
        return found[0].value if found is not None else None

    def provider_model(self, call: cst.Call) -> tuple[cst.Arg, str, str] | None:
        """For `instructor.from_provider("openai/<model>")`: its model argument, the model
        after `openai/` and how the module gives it (`resolve_literal`'s "literal",
        "constant NAME"...); None for another call, another provider, or a string chosen at
        run time."""
        if last_name(call.func) != "from_provider" or not (
            self.qualnames(call.func) & ib.FROM_PROVIDER
        ):
            return None
        name, position = ib.FROM_PROVIDER_MODEL
        arg = keyword(call, name)
        if arg is None and len(call.args) > position:
            first = call.args[position]
            arg = first if first.keyword is None and not first.star else None
        resolved = self.resolve_literal(arg.value) if arg is not None else None
        if arg is None or resolved is None:
            return None
        provider, separator, model = resolved[1].partition(ib.PROVIDER_SEPARATOR)
        if provider != ib.OPENAI_PROVIDER or not separator or not model:
            return None
        return arg, model, resolved[2]

    def provider_client(self, call: cst.Call) -> ClientInfo | None:
        """The OpenAI client `instructor.from_provider("openai/<model>")` builds, which
        instructor's own client wraps (async with `async_client=True`); None otherwise."""
        if self.provider_model(call) is None:
            return None
        name, position = ib.FROM_PROVIDER_ASYNC
        flag = keyword(call, name)
        if flag is None and len(call.args) > position and call.args[position].keyword is None:
            flag = call.args[position]
        is_async = (
            flag is not None and isinstance(flag.value, cst.Name) and flag.value.value == "True"
        )
        wrapper = min(self.qualnames(call.func) & ib.FROM_PROVIDER)
        return ClientInfo("AsyncOpenAI" if is_async else "OpenAI", is_async, False, wrapper)

    def openai_class(self, cls: str, imports: list[str]) -> str:
        """How new code names the openai class `cls` here (`OpenAI`, or `openai.OpenAI` where
        the module binds that name otherwise or imports the module), adding the import it
        needs to `imports`."""
        module = self._client_module([cls], [True], imports, False)
        return f"{module}.{cls}" if module else cls

    def _own_client(self, node: cst.BaseExpression) -> bool:
        """Whether `node` is a client of instructor's own (`instructor.from_openai(x)`, or a
        name or `self.` attribute bound only to one), whatever client it wraps."""
        if not self.mentions("from_openai"):
            return False
        if isinstance(node, cst.Name):
            values: list[cst.BaseExpression | None] = [self.bound_value(node)]
        elif isinstance(node, cst.Attribute) and self_attribute(node):
            values = list(self.self_values(node))
        else:
            values = [node]
        found = [self.wrapped_client(v) if isinstance(v, cst.Call) else None for v in values]
        return bool(found) and all(w is not None and w[0] not in ib.SAME_CLIENT for w in found)

    def unwrapped(self, value: cst.BaseExpression) -> cst.BaseExpression:
        """The client `value` wraps (`OpenAI()` of `instructor.from_openai(OpenAI())`), or
        `value` itself."""
        while isinstance(value, cst.Call) and (wrapped := self.wrapped_client(value)):
            value = wrapped[1]
        return value

    def returned_by(self, name: str) -> cst.BaseExpression | None:
        """What the one method `name` of the module's classes returns, when its body ends in
        its only `return` (pandas-ai's `_client_params` property builds a client's `**`
        mapping, vanna's payload builders a request's)."""
        found = self.returned_by_each(name)
        return found[0] if len(found) == 1 and found[0] is not None else None

    def returned_by_each(self, name: str) -> list[cst.BaseExpression | None]:
        """What each method `name` of the module's classes returns (a class and the one that
        overrides it), as `returned_by` reads one; None for one read otherwise."""
        return [_only_return(f, self.returns_in) for f in self.methods.get(name, ())]

    def return_of(self, function: cst.FunctionDef) -> cst.BaseExpression | None:
        """What `function` returns, where its body ends in its only `return`."""
        return _only_return(function, self.returns_in)

    def returns_in(self, node: cst.CSTNode) -> bool:
        """Whether a `return` stands in `node`, outside nested functions and classes: read
        from the preorder of `nodes` (libcst's `children` rebuilds each node's list)."""
        nodes, ends = self._nodes, self._ends
        i = self.index_of(node)
        end = ends[i]
        i += 1
        while i < end:
            kind = type(nodes[i])
            if kind is cst.Return:
                return True
            i = ends[i] if kind in _SCOPE_NODES else i + 1
        return False

    @functools.cached_property
    def methods(self) -> dict[str, list[cst.FunctionDef]]:
        """Method name -> the `def`s of that name in the class bodies of this module."""
        found: dict[str, list[cst.FunctionDef]] = {}
        for node in self.nodes:
            if type(node) is cst.ClassDef:
                for statement in node.body.body:
                    if isinstance(statement, cst.FunctionDef):
                        found.setdefault(statement.name.value, []).append(statement)
        return found

    def _resource(self, node: cst.BaseExpression) -> tuple[ClientInfo, tuple[str, ...]] | None:
        """The client and resource path a name or attribute holds (`ModuleIndex.resource_*`)."""
        index = self.index
        if isinstance(node, cst.Name) and index.resource_names:
            return index.resource_names.get(node.value)
        if isinstance(node, cst.Attribute) and self_attribute(node) and index.resource_attrs:
            found = {self.resource_of(v) for v in self.self_values(node)}
            return found.pop() if len(found) == 1 else None
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return index.resource_attrs.get(node.attr.value)
        return None

    def resource_of(self, value: cst.BaseExpression) -> tuple[ClientInfo, tuple[str, ...]] | None:
        """The client and resource path `value` is (`<client>.chat.completions`), or None."""
        if not isinstance(value, cst.Attribute):
            return None
        nodes, attrs = flatten(value)
        for i in range(len(attrs)):
            path = tuple(attrs[i:])
            if not any(prefix[: len(path)] == path for prefix, _ in sdk.SURFACES):
                continue
            client = self.receiver_client(nodes[i])
            if client is not None:
                return client, path
        return None

    def through_elsewhere_client(self, call: cst.Call) -> bool:
        """Whether `call` is an SDK-shaped request through an `elsewhere_client`, through a
        gateway's own SDK client or through another service's (`through_foreign_client`)."""
        if self.through_foreign_client(call):
            return True
        func = self.callee(call)
        if not isinstance(func, cst.Attribute):
            return False
        nodes, attrs = flatten(func)
        return any(
            match_surface(attrs[i:]) is not None and self.elsewhere_client(nodes[i])
            for i in range(len(attrs))
        )

    def factory_sources(self, call: cst.Call) -> list[cst.Call | None] | None:
        """What the factory `call` calls returns (`ModuleIndex.factory_sources`: `make()`,
        `self._make_client()`); None where it calls no factory of the module."""
        func = call.func
        if isinstance(func, cst.Name):
            return self.index.factory_sources.get(func.value)
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value in ("self", "cls")
        ):
            return self.index.factory_sources.get(func.attr.value)
        return None

    def client_sources(self, node: cst.BaseExpression) -> list[cst.Call | None] | None:
        """What a name or attribute holding a client is bound to (`ModuleIndex.name_sources`),
        or what a factory called in place returns: constructions, None for another source;
        None where it is not one."""
        if isinstance(node, cst.Call):
            return self.factory_sources(node)
        if isinstance(node, cst.Name):
            return self.index.name_sources.get(node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return self.index.attr_sources.get(node.attr.value)
        return None

    def request_clients(self, call: cst.Call) -> list[cst.Call | None] | None:
        """The client constructions an SDK-shaped request goes through, as `client_sources`
        reads its receiver (`[OpenAI(...)]` for `OpenAI(...).chat.completions.create()`), or
        those of the client an instructor wrapper is given (`from_openai(OpenAI(), model=m)`,
        whose model its requests send); None where the receiver is neither."""
        if (wrapped := self.wrapped_client(call)) is not None:  # `from_openai(c, model=m)`
            receiver = self.unwrapped(wrapped[1])
            if isinstance(receiver, cst.Call) and self.constructed_client(receiver) is not None:
                return [receiver]
            return self.client_sources(receiver)
        func = self.callee(call)
        if not isinstance(func, cst.Attribute):
            return None
        nodes, attrs = flatten(func)
        for i in range(len(attrs)):
            if match_surface(attrs[i:]) is None:
                continue
            receiver = nodes[i]
            if isinstance(receiver, cst.Call) and self.constructed_client(receiver) is not None:
                return [receiver]
            return self.client_sources(receiver)
        return None

    def elsewhere_client(self, node: cst.BaseExpression) -> bool:
        """Whether `node` is a name or attribute bound only to client constructions that point
        at a URL other than OpenAI's and the target's (the app's own server, another
        provider), as ML003 reports them, or such a construction itself (`OpenAI(base_url=
        ...).chat.completions.create(...)`): calls through it are left alone."""
        sources: list[cst.Call | None] | None
        if isinstance(node, cst.Call) and self.constructed_client(node) is not None:
            sources = [node]
        else:
            sources = self.client_sources(node)
        if not sources or None in sources:
            return False
        from migrate_llm.rules.clients import endpoint_of  # the rules build on this module

        target = self.rules.provider
        for call in sources:
            assert call is not None
            endpoint = endpoint_of(self, call)
            if endpoint.kind == "custom" and endpoint.detail:
                continue
            if endpoint.kind == "provider" and (
                target is None or endpoint.provider is None or endpoint.provider.id != target.id
            ):
                continue
            return False
        return True

    @functools.cached_property
    def module_client_elsewhere(self) -> bool:
        """Whether the module points the openai>=1.0 module-level client at a server other
        than OpenAI's and the providers' (`clients.module_client_endpoint`: the program's own
        server), as `elsewhere_client` says of a client: requests through it are left."""
        from migrate_llm.rules.clients import module_client_endpoint

        return module_client_endpoint(self) is not None

    def _container(self, node: cst.BaseExpression) -> ClientInfo | None:
        if isinstance(node, cst.Name):
            return self.index.containers.get(node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return self.index.containers_attrs.get(node.attr.value)
        return None

    def sdk_call(self, call: cst.Call) -> CallInfo | None:
        """Classify a call into the OpenAI SDK, or None for anything else (memoised). A call
        of a name bound to an SDK method (`callee`) is that method's call."""
        key = id(call)
        if key not in self._calls:
            info = self._classify(call)
            method = self.callee(call) if info is None else call.func
            if method is not call.func and isinstance(method, cst.Attribute):
                info = self.sdk_reference(method)
                if info is not None and info.kind == "legacy":
                    info = None  # `called_legacy` decides which v0 aliases apply migrates
            self._calls[key] = info
        return self._calls[key]

    def callee(self, call: cst.Call) -> cst.BaseExpression:
        """What `call` calls as an SDK request (`callees`): the one method its name stands
        for, or, where the bindings assign several request methods, the SDK's among them
        (shell_gpt's `client.chat.completions.create` beside `litellm.completion`); its
        `func` otherwise."""
        found = self.callees(call)
        if len(found) == 1:
            return found[0]
        return next(
            (
                f
                for f in found
                if isinstance(f, cst.Attribute) and self.sdk_reference(f) is not None
            ),
            call.func,
        )

    def callees(self, call: cst.Call) -> tuple[cst.BaseExpression, ...]:
        """What `call` may call: the dotted attribute a name or `self.X` stands for where
        each of its bindings assigns that same one (`completion =
        client.chat.completions.create`, then `completion(...)`; `completion =
        litellm.completion`), or the request methods its bindings assign, each once, in text
        order, where every one is a request method (an SDK method or a litellm function:
        shell_gpt binds `completion` to `litellm.completion` in one branch and to
        `client.chat.completions.create` in the other; also the two of `litellm.completion if
        use_litellm else client.chat.completions.create`). A call under a test one binding is
        made under, failing where the others are (`if use_litellm:` in both places, or past
        an `if not use_litellm: return ...`: `path_tests`), may call that binding's method
        only. A placeholder binding (a lambda, None: shell_gpt's `completion = lambda *args,
        **kwargs: ...` first) is left out. A name bound otherwise too (a parameter, an
        import, a loop, another value) is not followed: `(call.func,)`."""
        key = id(call)
        found = self._callees.get(key)
        if found is None:
            found = self._callees[key] = self._find_callees(call)
        return found

    def wrapped_method(self, call: cst.Call) -> tuple[cst.Attribute, cst.Call] | None:
        """The SDK request method a call of one of `sdk.CALL_WRAPPERS` calls with the call's
        arguments (`sync_to_async(client.audio.translations.create)(model=m, file=f)`,
        `asyncio.to_thread(client.chat.completions.create, model=m)`), with the wrapper's own
        call; None for any other call. Only where every argument handed on is a keyword (or
        `**`): the SDK's requests take no positional one, and the rules read keywords."""
        func = call.func
        if type(func) is cst.Call:
            wrapper, given, handed = func, func.args[:1], call.args
        else:
            wrapper, given, handed = call, call.args[:1], call.args[1:]
        name = wrapper.func
        if type(name) is cst.Name:
            last = name.value
        elif type(name) is cst.Attribute:
            last = name.attr.value
        else:
            return None
        if (
            last not in sdk.CALL_WRAPPER_NAMES
            or len(given) != 1
            or given[0].keyword is not None
            or given[0].star
            or type(method := given[0].value) is not cst.Attribute
            or method.attr.value not in sdk.REFERENCED_REQUEST_METHODS
            or any(a.keyword is None and a.star != "**" for a in handed)
        ):
            return None
        where = "returned" if wrapper is not call else "after"
        if not any(sdk.CALL_WRAPPERS.get(q) == where for q in self.qualnames(name)):
            return None
        return (method, wrapper) if self.sdk_reference(method) is not None else None

    def _find_callees(self, call: cst.Call) -> tuple[cst.BaseExpression, ...]:
        wrapped = self.wrapped_method(call)
        if wrapped is not None:
            return (wrapped[0],)
        func = call.func
        # each value bound, with the tests its binding runs under (None: not known)
        values: list[tuple[cst.BaseExpression | None, list[PathTest] | None]]
        if type(func) is cst.Name:
            if func.value not in self.index.method_aliases:
                return (func,)
            every = self.bindings(func)
            bound = [b for b in every if isinstance(b, Assignment)]
            if len(bound) != len(every):  # also a parameter, an import, a builtin
                return (func,)
            values = [
                alternative
                for b in bound
                for alternative in _alternatives(
                    self.index.assigned.get(id(b.node)), functools.partial(path_tests, self, b.node)
                )
            ]
        elif type(func) is cst.Attribute and func.attr.value in self.index.method_aliases:
            if not self_attribute(func):
                return (func,)
            values = [(v, None) for v in self.self_values(func)]
        else:
            return (func,)
        values = [(v, t) for v, t in values if not _placeholder(v)]
        if not values or not all(_dotted(v) for v, _ in values):
            return (func,)
        methods = self._distinct(values)
        if len(methods) == 1:
            return methods
        if not all(self._request_method(m) for m in methods):
            return (func,)
        # a call under the test one binding is made under, failing in the others' (shell_gpt's
        # `completion(...)` in `if use_litellm:`): that binding's method alone
        here = path_tests(self, call)
        on_path = [(v, t) for v, t in values if t is None or not exclusive(self, t, here)]
        return self._distinct(on_path) if here and on_path else methods

    def _distinct(
        self, values: list[tuple[cst.BaseExpression | None, list[PathTest] | None]]
    ) -> tuple[cst.BaseExpression, ...]:
        """The methods `values` bind, each once, in text order."""
        distinct: dict[str, cst.BaseExpression] = {}
        for value, _ in values:
            assert value is not None
            distinct.setdefault(self.code(value), value)
        return tuple(distinct.values())

    def through_litellm(self, call: cst.Call) -> bool:
        """Whether `call` may call a litellm function through a name bound to it (`callees`:
        shell_gpt's `completion`, also bound to `client.chat.completions.create`): on that
        path it takes litellm's arguments (`api_key=`, `api_base=`), which ML640 checks."""
        return len(self.callees(call)) > 1 and any(
            self.qualnames(m) & fw_litellm.CALLS.keys() for m in self.callees(call)
        )

    def _request_method(self, method: cst.BaseExpression) -> bool:
        """Whether `method` is a request method: the SDK's (`sdk_reference`) or a litellm
        function that takes a model (`frameworks.litellm.CALLS`)."""
        if isinstance(method, cst.Attribute) and self.sdk_reference(method) is not None:
            return True
        return bool(self.qualnames(method) & fw_litellm.CALLS.keys())

    def sdk_reference(self, method: cst.Attribute) -> CallInfo | None:
        """What an SDK method passed uncalled (`retry(client.completions.create, **kw)`,
        `functools.partial(...)`) calls when the callee calls it."""
        key = id(method)
        if key not in self._calls:
            self._calls[key] = self._classify(cst.Call(func=method))
        return self._calls[key]

    def called_legacy(self, call: cst.Call) -> tuple[str, str] | None:
        """(Resource, method or "") of the v0 API that `call` calls: `openai.Completion...`,
        or a name bound once to such a method (`create = openai.Completion.create`)."""
        legacy = self.legacy_resource(call.func)
        if legacy is None and isinstance(call.func, cst.Name) and self.index.legacy_calls:
            value = self.bound_value(call.func)
            legacy = self.legacy_resource(value) if value is not None else None
        elif legacy is None and isinstance(call.func, cst.Attribute) and self.index.legacy_calls:
            legacy = self._held_legacy(call.func)
        return legacy

    def _class_of(self, node: cst.CSTNode) -> cst.ClassDef | None:
        """The innermost class whose body holds `node`."""
        return next((a for a in reversed(self.ancestors(node)) if type(a) is cst.ClassDef), None)

    def _class_body_values(self, attr: cst.Attribute) -> list[cst.BaseExpression]:
        """The values the body of the class holding `self.X` (`attr`) assigns to X itself
        (`client = Groq()` beside its methods)."""
        owner = self._class_of(attr)
        if owner is None:
            return []
        return [
            small.value
            for line in owner.body.body
            if isinstance(line, cst.SimpleStatementLine)
            for small in line.body
            if isinstance(small, (cst.Assign, cst.AnnAssign))
            and small.value is not None
            and any(
                isinstance(t, cst.Name) and t.value == attr.attr.value
                for t in (
                    [a.target for a in small.targets]
                    if isinstance(small, cst.Assign)
                    else [small.target]
                )
            )
        ]

    def self_values(self, attr: cst.Attribute) -> list[cst.BaseExpression]:
        """The values assigned to `self.X` (`attr`), or set as field X by a model validator,
        in the class whose body holds `attr`, in text order."""
        values = self.index.self_assigned.get(attr.attr.value, ())
        if not values:
            return []
        owner = self._class_of(attr)
        return [v for v in values if self._class_of(v) is owner]

    def _held_legacy(self, func: cst.Attribute) -> tuple[str, str] | None:
        """(Resource, method) for `holder.create` where the holder is a name or `self.X` bound
        only to one v0 resource class (`self.client = openai.Completion`, as early LangChain
        kept it): apply rewrites the holder's value, and the call stays a v0 request."""
        holder = func.value
        if isinstance(holder, cst.Name):
            values: list[cst.BaseExpression | None] = [self.bound_value(holder)]
        elif isinstance(holder, cst.Attribute) and self_attribute(holder):
            values = list(self.self_values(holder))
        else:
            return None
        found = {self.legacy_resource(v) if v is not None else None for v in values}
        if len(found) != 1:
            return None
        (legacy,) = found
        if legacy is None or legacy[1]:
            return None
        method = func.attr.value
        return (legacy[0], method) if method in sdk.LEGACY_METHODS else None

    def _classify(self, call: cst.Call) -> CallInfo | None:
        legacy = self.called_legacy(call)
        if legacy is not None:
            resource, method = legacy
            if method:
                surface = sdk.LEGACY_SURFACE.get(resource, resource.lower())
                return CallInfo("legacy", surface, f"openai.{resource}.{method}", method)
            return None
        if not isinstance(call.func, cst.Attribute):
            return None
        nodes, attrs = flatten(call.func)
        probable: CallInfo | None = None
        for i in range(len(attrs)):
            held = self._resource(nodes[i])
            if held is not None and (matched := match_surface([*held[1], *attrs[i:]])):
                surface, method = matched
                path = ".".join([*held[1], *attrs[i:]])
                return CallInfo("client", surface, path, method, held[0])
            matched = match_surface(attrs[i:])
            wrapped = _wrapper_request(attrs[i:])
            if matched is None and not wrapped:
                continue
            receiver = nodes[i]
            if self.other_sdk_client(receiver):
                return None  # google-genai's `client.models.generate_content(...)`
            if self.gateway_clients(receiver):
                return None  # Portkey's client: its requests go to Portkey (ML009)
            path = ".".join(attrs[i:])
            client = self.receiver_client(receiver)
            if wrapped and (client.wrapper if client else self._own_client(receiver)):
                # instructor's `c.create(...)`, `c.chat.completions.create_partial(...)`: its
                # client's `chat.completions.create`, with the same `model=`
                matched = ib.SDK_REQUEST
                if client is None:  # wrapping a client built elsewhere
                    return CallInfo("probable", matched[0], path, matched[1])
            if matched is None:
                continue
            surface, method = matched
            if client is not None:
                if self.elsewhere_client(receiver):
                    return None  # the program's own server or another provider: not migrated
                return CallInfo("client", surface, path, method, client)
            if i == 0 and self.is_openai_module(receiver):
                if self.module_client_elsewhere:
                    return None  # the module points it at its own server: not migrated
                return CallInfo("module", surface, path, method)
            telltale = (
                method in sdk.TELLTALE_METHODS and surface in sdk.TELLTALE_SURFACES
            ) or attrs[i] == sdk.TELLTALE_NAMESPACE
            if probable is None and telltale and len(attrs) - i >= 2 and self._openai_module:
                if self.other_service_model(call):
                    return None  # another service's client built elsewhere (t68g: Yutori's)
                probable = CallInfo("probable", surface, path, method)
        return probable

    def other_service_model(self, call: cst.Call) -> bool:
        """Whether the model of a request through a client this module does not trace is,
        as written (a literal, a constant), neither an OpenAI model nor the provider's (nor
        one the run maps): another service's request, when switching."""
        rules = self.rules
        provider = rules.provider
        if not rules.switching or provider is None:
            return False
        arg = next(
            (a for a in call.args if a.keyword is not None and a.keyword.value == "model"), None
        )
        resolved = self.resolve_literal(arg.value) if arg is not None else None
        if resolved is None or not (
            resolved[2] == "literal" or resolved[2].startswith("constant ")
        ):
            return False
        model = resolved[1]
        return not (model in rules.models or rules.openai.serves(model) or provider.serves(model))

    @functools.cached_property
    def _openai_module(self) -> bool:
        """Whether the module imports openai, or builds an OpenAI client through instructor's
        `from_provider("openai/...")`: ML652 rewrites that to `OpenAI(...)` and the import,
        and a second `apply` must read the module's untraced SDK-shaped calls as the first."""
        return self.index.imports_openai or any(
            type(node) is cst.Call and self.provider_model(node) is not None for node in self.nodes
        )

    def legacy_resource(self, node: cst.CSTNode) -> tuple[str, str] | None:
        """(Resource, method) for `openai.Resource[.method]` of the removed v0 API."""
        if type(node) is cst.Name:  # as in `last_name`
            if node.value not in sdk.LEGACY_RESOURCES:
                return None
        elif type(node) is cst.Attribute:
            inner = node.value
            if (
                node.attr.value not in sdk.LEGACY_RESOURCES
                and last_name(inner) not in sdk.LEGACY_RESOURCES
            ):
                return None
        else:
            return None
        for name in sorted(self.qualnames(node)):
            parts = name.split(".")
            if len(parts) in (2, 3) and parts[0] == "openai" and parts[1] in sdk.LEGACY_RESOURCES:
                return parts[1], parts[2] if len(parts) == 3 else ""
        return None

    @functools.cached_property
    def v0_only_imports(self) -> tuple[V0Import, ...]:
        """The module's imports of what openai 1.0 removed (`sdk.V0_ONLY_MODULES`), in the
        order of the text."""
        if not any(self.mentions(m.rsplit(".", 1)[1]) for m in sdk.V0_ONLY_MODULES):
            return ()
        found = []
        for node in self.nodes:
            if type(node) is cst.Import:
                for alias in node.names:
                    hit = _v0_module(cst.helpers.get_full_name_for_node(alias.name) or "")
                    if hit is not None:
                        found.append(V0Import(node, *hit, self._import_guarded(node)))
            elif type(node) is cst.ImportFrom and node.module is not None and not node.relative:
                module = cst.helpers.get_full_name_for_node(node.module) or ""
                aliases = () if isinstance(node.names, cst.ImportStar) else node.names
                names = tuple(cst.helpers.get_full_name_for_node(a.name) or "" for a in aliases)
                if module == "openai":  # `from openai import embeddings_utils`
                    hits = [f"openai.{n}" for n in names if f"openai.{n}" in sdk.V0_ONLY_MODULES]
                    guarded = self._import_guarded(node) if hits else False
                    found.extend(V0Import(node, m, (), guarded) for m in hits)
                    continue
                hit = _v0_module(module)
                if hit is not None:
                    # `from openai.datalib.numpy_helper import numpy`: the submodule is the name
                    taken = hit[1] or names
                    found.append(V0Import(node, hit[0], taken, self._import_guarded(node)))
        return tuple(found)

    def _import_guarded(self, node: cst.CSTNode) -> bool:
        """Whether `node` stands in the body of a `try:` with a handler for ImportError (or
        a base of it, or a bare `except:`): the module has a way on without it."""
        path = (*self.ancestors(node), node)
        for outer, child in itertools.pairwise(path):
            if (
                isinstance(outer, cst.Try)
                and child is outer.body
                and any(_catches_import_error(h.type) for h in outer.handlers)
            ):
                return True
        return False

    @functools.cached_property
    def legacy_clients(self) -> LegacyClients | None:
        """The v1 clients replacing the openai<1.0 API here; None without a target or v0 use.

        Switching provider, the clients read the provider's variables after the imports.
        Modernising only (`--provider openai`), the module's own settings move into the
        constructor (`openai.api_type = "azure"` makes it an AzureOpenAI client); when the
        module sets one later than its imports (in a function, under an `if`, from a value
        defined further down) the client is built on first use, by a cached function, so
        that it never exists before its key.
        """
        rules, index = self.rules, self.index
        if rules.provider is None or not index.legacy_calls:
            return None
        wanted = [index.sync_legacy or not index.async_legacy, index.async_legacy]
        imports: list[str] = []
        hoisted: set[str] = set()
        switching = rules.switching and rules.base_url is not None
        azure_key = None if switching else self._azure_key()
        azure = azure_key is not None
        # built on first use when the module sets a setting late, or leaves its settings to
        # another module of the project, which may run after this one is imported
        lazy = (
            (not switching and self._configured_late(azure))
            or (rules.facts.openai_configured and not index.config_assigns)
            or self._loads_env_file()
        )
        constructors = ["AzureOpenAI", "AsyncAzureOpenAI"] if azure else ["OpenAI", "AsyncOpenAI"]
        plans = []
        if switching:  # the target's client, as a construction in code becomes one
            from migrate_llm.rules.azure_target import client_plan

            for is_async, use in zip((False, True), wanted, strict=True):
                plan = client_plan(rules, is_async, at_import=True)
                assert plan is not None
                plans.append(plan)
                if use:
                    imports.extend(plan.imports)
            if plans[0].cls is not None:  # Azure OpenAI's classic API
                constructors = [plans[0].cls, plans[1].cls or constructors[1]]
        module = self._client_module(constructors, wanted, imports, lazy or azure)
        if switching:
            arguments = [[f"{k}={v}" for k, v in plan.args.items()] for plan in plans]
        else:
            settings = self._settings(module, azure_key, lazy, hoisted, imports)
            arguments = [settings, settings]
        # an async client per event loop, unless settings a modernised module makes late
        # must reach it (they are set on the one client built on first use)
        per_loop = (
            wanted[1] and (switching or not lazy) and self.bound_only_to("asyncio", "asyncio")
        )
        names = self._client_names(lazy, per_loop)
        prefix = f"{module}." if module else ""
        setup: list[str] = []
        targets: list[str] = []
        refs = []
        for i, (use, name, cls, args) in enumerate(
            zip(wanted, names, constructors, arguments, strict=True)
        ):
            construction = f"{prefix}{cls}({', '.join(args)})"
            if i == 1 and per_loop:
                refs.append(f"{name}()")
                on_loop = _free_name(self.index.names, f"{name}_on", f"{name}_of_loop")
                setup.append(loop_factory(name, on_loop, construction))
                imports += [IMPORT_ASYNCIO, IMPORT_FUNCTOOLS]
                continue
            refs.append(f"{name}()" if lazy else name)
            if not use:
                continue
            targets.append(refs[-1])
            setup.append(cached_factory(name, construction) if lazy else f"{name} = {construction}")
        if lazy:
            imports.append(IMPORT_FUNCTOOLS)
        return LegacyClients(
            refs[0],
            refs[1],
            tuple(setup),
            tuple(dict.fromkeys(imports)),
            frozenset(hoisted),
            tuple(targets),
            azure,
            lazy,
        )

    def _loads_env_file(self) -> bool:
        """Whether the module loads a `.env` file at module level (`load_dotenv()`): the key
        a client reads is there only afterwards (instagraph put its key in `.env`)."""
        return bool(self.env_file_loads)

    @functools.cached_property
    def env_file_loads(self) -> tuple[int, ...]:
        """The positions in the module's body of the statements that load a `.env` file."""
        if "load_dotenv" not in self.text:
            return ()
        found = []
        for i, statement in enumerate(self.module.body):
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                value = small.value if isinstance(small, (cst.Expr, cst.Assign)) else None
                if isinstance(value, cst.Call) and self.qualnames(value.func) & (
                    sdk.ENV_FILE_LOADERS
                ):
                    found.append(i)
        return tuple(found)

    def below_env_file_loads(self) -> tuple[int, int, bool] | None:
        """Where module-level code reading what a `.env` file sets goes: the offset of the
        start of the line after the module's last top-level load of one (`env_file_loads`),
        or after the imports right below that load; the load's line; and whether imports
        come right before that offset. None without such a load, or where the file ends there
        with no newline."""
        if not self.env_file_loads:
            return None
        body = self.module.body
        index = self.env_file_loads[-1]
        load = self.position(body[index])[0][0]
        while index + 1 < len(body) and _is_import(body[index + 1]):
            index += 1
        end = self.text.find("\n", self.span(body[index]).end) + 1
        return (end, load, index != self.env_file_loads[-1]) if end else None

    def _client_names(self, lazy: bool, per_loop: bool) -> tuple[str, str]:
        used = self.index.names
        sync = "_client" if lazy else "client"
        sync_fallback = "_openai_client" if lazy else "openai_client"
        if lazy or per_loop:  # functions
            async_name = _free_name(used, "_aclient", "_async_openai_client")
        else:
            async_name = _free_name(used, "aclient", "async_openai_client")
        return _free_name(used, sync, sync_fallback), async_name

    def _global_bindings(self, name: str) -> list[BaseAssignment]:
        scope = self._scopes.get(self.module)
        if scope is None or name not in scope.assignments:
            return []
        return list(scope.assignments[name])

    def _client_module(
        self, classes: list[str], wanted: list[bool], imports: list[str], module_needed: bool
    ) -> str:
        """How the setup names the openai module ("" for `from openai import OpenAI`),
        adding the import it needs. A generated import never rebinds a name the module binds
        already (a framework's `OpenAI`, a class, a variable): then `openai.OpenAI(...)`."""
        alias = self.index.openai_alias
        if alias:
            return alias
        needed = [cls for cls, use in zip(classes, wanted, strict=True) if use]
        taken = [cls for cls in needed if not self.bound_only_to(cls, f"openai.{cls}")]
        if not module_needed and not taken:
            imports.extend(f"from openai import {cls}" for cls in needed)
            return ""
        module, statement = self.sdk_module
        imports.append(statement)
        return module

    @functools.cached_property
    def sdk_module(self) -> tuple[str, str]:
        """The name code that apply adds gives the openai module, and the import it adds
        for it: `openai`, unless the module binds that name otherwise (a framework's
        adapter, `from gptcache.adapter import openai`, would shadow an added `import
        openai`), then `openai_sdk`."""
        if self.bound_only_to("openai", "openai"):
            return "openai", "import openai"
        module = _free_name(self.index.names, "openai_sdk", "openai_v1")
        return module, f"import openai as {module}"

    def bound_only_to(self, name: str, imported: str) -> bool:
        """Whether the module-level `name` is free, or bound only by importing `imported`
        (`import openai.error` binds `openai` to the package as well)."""
        for binding in self._global_bindings(name):
            found = binding.get_qualified_names_for(name)
            if not found or any(
                q.source is not QualifiedNameSource.IMPORT
                or (q.name != imported and not q.name.startswith(f"{imported}."))
                for q in found
            ):
                return False
        return True

    def imports_module(self, name: str) -> bool:
        """Whether the module-level `name` is bound, and only by importing the module `name`
        (`import instructor`)."""
        return bool(self._global_bindings(name)) and self.bound_only_to(name, name)

    @property
    def configures_azure(self) -> bool:
        """Whether the module sets `openai.api_type` to Azure's (`"azure"`): the `engine=`
        of its openai<1.0 calls names a deployment then, not a model."""
        api_type = self.index.module_config.get("api_type")
        value = string_value(api_type.value) if api_type is not None else None
        return (value or "").lower() in _AZURE_TYPES

    @property
    def azure_config(self) -> cst.Assign | None:
        """The first `openai.api_type = "azure"` (an Azure type) of the module, at its level or
        in a function (FastChat's `chat_completion_openai_azure`): its openai<1.0 requests
        name deployments."""
        for attr, assign in self.index.config_assigns:
            if attr == "api_type" and (string_value(assign.value) or "").lower() in _AZURE_TYPES:
                return assign
        return None

    def _azure_key(self) -> str | None:
        """The constructor keyword taking the key when the module configures Azure
        (`openai.api_type = "azure"` with its endpoint, and its version if any, set once
        after the imports); None otherwise."""
        config = self.index.module_config
        api_type = config.get("api_type")
        value = string_value(api_type.value) if api_type is not None else None
        keyword_name = _AZURE_TYPES.get((value or "").lower())
        if keyword_name is None:
            return None
        # the endpoint is needed to build the client; an AD token has no setter afterwards
        needed = ("api_base", "api_key") if keyword_name == "azure_ad_token" else ("api_base",)
        for attr in ("api_base", "api_version", "api_key"):
            assign = config.get(attr)
            if assign is None and attr not in needed:
                continue
            if assign is None or not self.hoistable(assign.value) or self._set_twice(attr):
                return None
        return keyword_name

    def _set_twice(self, attr: str) -> bool:
        return sum(1 for a, _ in self.index.config_assigns if a == attr) > 1

    def _hoisted(self, attr: str) -> cst.Assign | None:
        """The one module-level `openai.attr = value` that can move into the constructor."""
        assign = self.index.module_config.get(attr)
        if assign is None or self._set_twice(attr) or not self.hoistable(assign.value):
            return None
        return assign

    def _configured_late(self, azure: bool) -> bool:
        """Whether the module sets a client setting somewhere other than once after its
        imports: in a function, under an `if`, or from a value not known there yet."""
        for attr, assign in self.index.config_assigns:
            if attr in ("api_type", "api_version") and not azure:
                continue
            if self._hoisted(attr) is not assign:
                return True
        return False

    def _settings(
        self,
        module: str,
        azure_key: str | None,
        lazy: bool,
        hoisted: set[str],
        imports: list[str],
    ) -> list[str]:
        """The constructor arguments of a modernised module's clients."""
        parts: dict[str, str] = {}
        for attr, keyword_name in sdk.CONFIG_TO_CLIENT.items():
            if azure_key is not None and attr == "api_key":
                keyword_name = azure_key
            if azure_key is not None and attr == "api_base":
                keyword_name = "azure_endpoint"
            assign = self._hoisted(attr)
            if assign is not None:
                parts[keyword_name] = self.code(assign.value)
                hoisted.add(attr)
            elif not module:
                continue
            elif attr == "api_key":
                # never None: v1 refuses to build a client without a key, v0 imported fine
                parts[keyword_name] = legacy_key_expr(module)
                imports.append(IMPORT_OS)
            elif azure_key is None:
                parts[keyword_name] = f"{module}.{keyword_name}"
        if azure_key is None:
            api_type = self.index.module_config.get("api_type")
            if api_type is not None and string_value(api_type.value) in _OPENAI_TYPES:
                hoisted.add("api_type")  # the default of openai<1.0: means nothing to v1
            return [f"{k}={v}" for k, v in parts.items()]
        hoisted.add("api_type")
        version = self._hoisted("api_version")
        if version is not None:
            hoisted.add("api_version")
            parts["api_version"] = self.code(version.value)
        else:
            parts["api_version"] = legacy_azure_version_expr()
            imports.append(IMPORT_OS)
        order = ("azure_endpoint", "api_key", "azure_ad_token", "api_version", "organization")
        return [f"{k}={parts[k]}" for k in order if k in parts]

    def hoistable(self, expr: cst.BaseExpression) -> bool:
        """Whether `expr` can move to just after the imports: every name it reads is imported
        or a builtin (a module constant or a local might not exist there yet)."""
        roots: list[cst.Name] = []

        class Roots(cst.CSTVisitor):
            def visit_Attribute(self, node: cst.Attribute) -> bool:
                node.value.visit(self)
                return False

            def visit_Name(self, node: cst.Name) -> None:
                roots.append(node)

            def visit_Lambda(self, node: cst.Lambda) -> bool:
                roots.append(cst.Name("lambda"))  # parameters would look unbound: refuse
                return False

        expr.visit(Roots())
        return all(r.value in _BUILTINS or self.qualnames(r) for r in roots)

    def bindings(self, name: cst.Name) -> list[BaseAssignment]:
        """The assignments (libcst scope analysis) a name may refer to where it is used."""
        scope = self._scopes.get(name)
        return list(scope[name.value]) if scope is not None else []

    def reaching(self, name: cst.Name) -> list[BaseAssignment]:
        """The bindings of `name` (`bindings`) that may reach this use of it: not those made
        further down the same straight-line code (`binds_later`), nor in another branch of
        the `if` the use stands in (`other_branch`)."""
        return [
            b
            for b in self.bindings(name)
            if not self.binds_later(b, name) and not self.other_branch(b, name)
        ]

    def other_branch(self, binding: BaseAssignment, name: cst.Name) -> bool:
        """Whether `binding` is made in one branch of an `if` (its body, an `elif` or its
        `else`) and the use `name` in another, in the same function (or module), with no loop
        around that `if` there: one run takes one branch (vanna's `if kwargs.get("model"):
        model = ... else: model = "gpt-3.5-turbo"`, each branch sending its own)."""
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return False
        target = binding.node
        if home_scope(self.scope(target)) is not home_scope(self.scope(name)):
            return False
        bound, used = (*self.ancestors(target), target), (*self.ancestors(name), name)
        split = next(
            (k for k, (a, b) in enumerate(zip(bound, used, strict=False)) if a is not b), None
        )
        if split is None or split == 0:
            return False
        fork = bound[split - 1]
        if not isinstance(fork, cst.If) or {id(bound[split]), id(used[split])} != {
            id(fork.body),
            id(fork.orelse),
        }:
            return False
        for outer in reversed(bound[: split - 1]):
            if isinstance(outer, (cst.For, cst.While)):
                return False  # one pass may take one branch, the next another
            if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                break
        return True

    def binds_later(self, binding: BaseAssignment, name: cst.Name) -> bool:
        """Whether `binding` is made after the use `name` in the same function (or module),
        outside any loop that holds the use too: straight-line code reads it only once past
        it (a loop below the use runs after it). A use in a nested function may run after
        it, so that is not such a use."""
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return False
        target = binding.node
        if self.index_of(target) <= self.index_of(name):
            return False
        if isinstance(self.scope(target), ComprehensionScope):
            return False  # `[m["id"] for m in ...]`: its target comes after its uses
        if home_scope(self.scope(target)) is not home_scope(self.scope(name)):
            return False
        at = self.index_of(name)
        for outer in reversed(self.ancestors(target)):
            if isinstance(outer, (cst.For, cst.While)):
                start = self.index_of(outer)
                if start <= at < self._ends[start]:
                    return False
            if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                break
        return True

    def returns_before(self, binding: BaseAssignment, name: cst.Name) -> bool:
        """Whether `binding` is made in a block of the function holding the use `name` that
        does not hold the use and returns below it (`if other: response = requests.post(...)`
        then `return response.json()`): every path from the binding leaves the function before
        the use. Not inside a `try` of the function, whose handlers or `finally` may run
        after an error on the way to the `return`, nor a loop (a `break` or `continue` on the
        way leaves the block for the use: t65 review), nor a `with`, whose context manager may
        swallow an error on the way (`contextlib.suppress`)."""
        if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
            return False
        target = binding.node
        if home_scope(self.scope(target)) is not home_scope(self.scope(name)):
            return False
        path = self.ancestors(target)
        block: cst.IndentedBlock | None = None
        statement: cst.CSTNode | None = None
        for at in range(len(path) - 1, 0, -1):
            outer = path[at - 1]
            if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Module)):
                return False
            if isinstance(outer, cst.IndentedBlock):
                block, statement = outer, path[at]
                break
        body: list[cst.CSTNode] = list(block.body) if block is not None else []
        if block is None or statement not in body:
            return False
        start = self.index_of(block)
        if start <= self.index_of(name) < self._ends[start]:
            return False
        for outer in reversed(path[: path.index(block)]):
            if isinstance(outer, (cst.Try, cst.TryStar, cst.For, cst.While, cst.With)):
                return False
            if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                break
        return any(
            isinstance(later, cst.SimpleStatementLine)
            and any(isinstance(small, cst.Return) for small in later.body)
            for later in body[body.index(statement) + 1 :]
        )

    def bound_value(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value `name` is bound to where it is used, when that is one plain assignment
        in the module (`params = {...}`); None for several bindings, a parameter, an import
        or a builtin."""
        bound = self.bindings(name)
        if len(bound) != 1 or not isinstance(bound[0], Assignment):
            return None
        return self.index.assigned.get(id(bound[0].node))

    def resolve_literal(
        self, expr: cst.BaseExpression
    ) -> tuple[cst.BaseExpression, str, str] | None:
        """Follow a name to the one string literal it is bound to.

        Returns (literal node, value, how) where how is "literal", "constant NAME",
        "default of NAME" or "env default"; None when the value is computed at run time.
        """
        value = string_value(expr)
        if value is not None:
            return expr, value, "literal"
        if isinstance(expr, cst.Call) and self.qualnames(expr.func) & sdk.ENV_LOOKUPS:
            if len(expr.args) >= 2 and (default := string_value(expr.args[1].value)) is not None:
                return expr.args[1].value, default, "env default"
            return None
        if not isinstance(expr, cst.Name):
            return None
        scope = self._scopes.get(expr)
        if scope is None:
            return None
        assignments = list(scope[expr.value])
        if len(assignments) != 1 or not isinstance(assignments[0], Assignment):
            return None  # not one binding, or a builtin (`model=id`)
        target = assignments[0].node
        if isinstance(target, cst.Param):
            param_default = target.default
            if param_default is None or isinstance(param_default, cst.Call):
                # imported here: that module reads this one
                from migrate_llm.rules.option_defaults import declared_default

                param_default = declared_default(self, target)  # a command-line option's
            if param_default is not None and (text := string_value(param_default)) is not None:
                return param_default, text, f"default of {expr.value}"
            return None
        assigned = self.index.assigned.get(id(target))
        if assigned is not None and (text := string_value(assigned)) is not None:
            return assigned, text, f"constant {expr.value}"
        return None


def _is_import(statement: cst.BaseStatement) -> bool:
    """Whether a module-level statement is a line of imports (`import os`, `from x import y`)."""
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def without_rstrip(value: cst.BaseExpression) -> cst.BaseExpression:
    """`value` without a `.rstrip(...)` called on it (`os.environ.get(V, URL).rstrip("/")`,
    as ML103 writes `openai.api_base`)."""
    if (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "rstrip"
    ):
        return value.func.value
    return value


def home_scope(scope: Scope | None) -> Scope | None:
    """The function, class or module scope a comprehension's scope belongs to."""
    while isinstance(scope, ComprehensionScope):
        scope = scope.parent
    return scope


class _IndexBuilder(cst.CSTVisitor):
    """Records which names and `self.` attributes hold OpenAI clients."""

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.index = ctx.index
        self.depth = 0  # function and class nesting
        self._assigned: cst.BaseExpression | None = None  # the value of the last assignment
        # The enclosing definitions, innermost last: a FunctionDef or a ClassDef.
        self.stack: list[cst.FunctionDef | cst.ClassDef] = []
        # Bindings whose value is a call the index could not trace yet (a factory defined
        # further down), resolved once the whole module is seen: (target, value, in a class
        # body), with None for the last when the target is a function's name and the value
        # what it returns.
        self.pending: list[tuple[cst.BaseExpression, cst.BaseExpression, bool | None]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1
        self.stack.append(node)
        if node.returns is not None:
            client = self._annotated_client(node.returns)
            if client is not None:
                self.index.factories[node.name.value] = client

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.depth -= 1
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.depth += 1
        self.stack.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.depth -= 1
        self.stack.pop()

    def leave_Module(self, original_node: cst.Module) -> None:
        index = self.index
        for _ in range(2):  # a factory may return another factory's client
            if not self.pending or not (
                index.factories or index.containers or index.containers_attrs
            ):
                break  # nothing a pending call could be traced through
            pending, self.pending = self.pending, []
            for target, value, in_class in pending:
                client = self._value_client(value)
                if client is None:
                    self.pending.append((target, value, in_class))
                elif in_class is None and isinstance(target, cst.Name):
                    self.index.factories.setdefault(target.value, client)
                    self._returned(target.value, value)
                else:
                    self._bind(target, client, bool(in_class), value)
        for target, _value, in_class in self.pending:
            if in_class is None and isinstance(target, cst.Name):
                self._returned(target.value, None)  # a return not traced: not only clients

    def visit_Return(self, node: cst.Return) -> None:
        function = self._function()
        if function is None:
            return
        if node.value is None:
            self._returned(function.name.value, None)
            return
        client = self.ctx.receiver_client(node.value)
        if client is not None:
            self.index.factories.setdefault(function.name.value, client)
            self._returned(function.name.value, node.value)
        elif isinstance(node.value, cst.Call):
            self.pending.append((function.name, node.value, None))
        else:
            self._returned(function.name.value, None)

    def _returned(self, function: str, value: cst.BaseExpression | None) -> None:
        """Record what a `return` of `function` gives: a client construction, what a name
        holding clients is bound to, what another factory returns; else None."""
        ctx, index = self.ctx, self.index
        value = ctx.unwrapped(value) if value is not None else None
        made: list[cst.Call | None] = [None]
        if isinstance(value, cst.Call) and ctx.constructed_client(value):
            made = [value]
        elif isinstance(value, cst.Name) and index.name_sources.get(value.value):
            made = index.name_sources[value.value]
        elif isinstance(value, cst.Call) and (found := ctx.factory_sources(value)):
            made = found
        index.factory_sources.setdefault(function, []).extend(made)

    def _validator_field(self, target: cst.BaseExpression) -> str | None:
        """The field `values["client"] = ...` sets in a model validator that writes the
        mapping it is given (`sdk.FIELD_SETTING_VALIDATORS`); None for any other target."""
        if not (
            isinstance(target, cst.Subscript)
            and isinstance(target.value, cst.Name)
            and len(target.slice) == 1
            and isinstance(target.slice[0].slice, cst.Index)
        ):
            return None
        function = self._function()
        if function is None or not any(
            last_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
            in sdk.FIELD_SETTING_VALIDATORS
            for d in function.decorators
        ):
            return None
        params = [p.name.value for p in function.params.params]
        if target.value.value not in params[1:2]:  # (cls, values)
            return None
        return string_value(target.slice[0].slice.value)

    def _function(self) -> cst.FunctionDef | None:
        return next((d for d in reversed(self.stack) if isinstance(d, cst.FunctionDef)), None)

    def _in_class_body(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1], cst.ClassDef)

    def visit_Module(self, node: cst.Module) -> None:
        self._record_statements(node.body, module=True)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._record_statements(node.body, module=False)

    def _record_statements(self, body, module: bool) -> None:
        members = tuple(
            s.body[0] if isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1 else None
            for s in body
        )
        for statement, small in zip(body, members, strict=True):
            if small is not None:
                self.index.statements[id(small)] = (statement, members, module)
                # `openai.api_key = ...`: a name alone (`x = 1`) never resolves to one, and
                # libcst resolves an assigned name by a pass over all its assignments
                if (
                    module
                    and isinstance(small, cst.Assign)
                    and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Attribute)
                ):
                    for name in sorted(self.ctx.qualnames(small.targets[0].target)):
                        parts = name.split(".")
                        if len(parts) == 2 and parts[0] == "openai":
                            self.index.module_config[parts[1]] = small

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = cst.helpers.get_full_name_for_node_or_raise(alias.name)
            if name.split(".")[0] == "openai":
                self.index.imports_openai = True
            if name == "openai" and self.depth == 0 and self.index.openai_alias is None:
                asname = alias.asname.name if alias.asname else None
                self.index.openai_alias = asname.value if isinstance(asname, cst.Name) else "openai"

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    imported = last_name(alias.name)
                    if imported is not None:
                        self.index.import_aliases[alias.asname.name.value] = imported
        if node.module is not None and node.relative == ():
            name = cst.helpers.get_full_name_for_node(node.module) or ""
            if name.split(".")[0] != "openai":
                return True
            self.index.imports_openai = True
            if isinstance(node.names, cst.ImportStar):
                self.index.star_openai = self.index.star_openai or name == "openai"
                return True
            for alias in node.names:
                asname = alias.asname.name if alias.asname else None
                imported = f"{name}.{cst.helpers.get_full_name_for_node(alias.name)}"
                bound = asname if isinstance(asname, cst.Name) else alias.name
                if isinstance(bound, cst.Name):
                    self.index.names.add(bound.value)
                # importing a v0 resource is no use of it: the names are not walked
                if imported.split(".")[1] in sdk.LEGACY_RESOURCES and name == "openai":
                    self.index.uses_legacy = self.index.legacy_calls = True
                if isinstance(asname, cst.Name) and imported in sdk.CLIENT_CLASSES:
                    is_async, azure = sdk.CLIENT_CLASSES[imported]
                    info = ClientInfo(imported.rsplit(".", 1)[1], is_async, azure)
                    self.index.class_aliases[asname.value] = info
            return False
        return True

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return self._legacy_use(node)

    def _legacy_use(self, node: cst.Attribute | cst.Name) -> bool:
        """Record a use of an openai<1.0 resource (the outermost node of `openai.X.method`),
        as needing the async or the sync v1 client; False stops the walk below it."""
        legacy = self.ctx.legacy_resource(node)
        if legacy is None:
            return True
        self.index.uses_legacy = self.index.legacy_calls = True
        if legacy[1] in sdk.ASYNC_LEGACY_METHODS:
            self.index.async_legacy = True
        else:
            self.index.sync_legacy = True
        nodes, attrs = flatten(node)
        self.index.names.update(attrs)
        self.index.names.update(n.value for n in nodes if isinstance(n, cst.Name))
        return False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        # `openai.api_base = ...` or `openai.proxy = ...` only mean something to openai<1.0.
        if not isinstance(node.target, cst.Attribute):
            return
        if node.target.attr.value not in sdk.LEGACY_ONLY_CONFIG:
            return
        names = self.ctx.qualnames(node.target)
        if any(
            n.split(".", 1)[1] in sdk.LEGACY_ONLY_CONFIG for n in names if n.startswith("openai.")
        ) and not (node.target.attr.value == "api_base" and self._kept_v0_base()):
            self.index.uses_legacy = True

    def _kept_v0_base(self) -> bool:
        """Whether the assignment being visited is `openai.api_base = os.environ.get(<the
        target's base-URL variable>, ...).rstrip("/")`, which ML103 writes beside
        `openai.base_url` in a project its requirements keep on openai<1
        (`RunFacts.openai_v0_kept`): it does not make the module one using openai<1, also
        once the pins have moved (ML301 then deletes that line alone)."""
        rules = self.ctx.rules
        if rules.provider is None or not rules.switching or self._assigned is None:
            return False
        value = without_rstrip(self._assigned)
        return (
            isinstance(value, cst.Call)
            and bool(value.args)
            and string_value(value.args[0].value) == rules.provider.base_url_env
            and bool(self.ctx.qualnames(value.func) & sdk.ENV_READERS)
        )

    def visit_Name(self, node: cst.Name) -> None:
        self.index.names.add(node.value)
        self._legacy_use(node)

    def visit_Call(self, node: cst.Call) -> None:
        if any(a.star == "**" for a in node.args) and self.ctx.constructed_client(node):
            self.index.constructions.append(node)

    def _bind(
        self,
        target: cst.BaseExpression,
        client: ClientInfo | None,
        in_class: bool = False,
        value: cst.BaseExpression | None = None,
    ) -> None:
        """Record `target` as holding `client` (bound to `value`); a name in a class body is
        also an attribute of its instances (`self.client`)."""
        if client is None:
            return
        index = self.index
        built: list[cst.Call | None] = []
        arms: list[cst.BaseExpression | None] = [value]
        if value is not None and (found := conditional_arms(value)) is not None:
            arms = list(found)
        for arm in arms:
            if arm is not None:
                arm = self.ctx.unwrapped(arm)  # `instructor.from_openai(OpenAI(...))`
            if isinstance(arm, cst.Call) and self.ctx.constructed_client(arm):
                built.append(arm)
            elif isinstance(arm, cst.Name) and index.name_sources.get(arm.value):
                built += index.name_sources[arm.value]  # another name for a client above
            elif isinstance(arm, cst.Call) and (made := self.ctx.factory_sources(arm)):
                built += made  # `self._make_client()`: what the factory returns
            else:
                built.append(None)
        if isinstance(target, cst.Name):
            index.client_names[target.value] = client
            index.name_sources.setdefault(target.value, []).extend(built)
            if in_class:
                index.client_attrs[target.value] = client
                index.attr_sources.setdefault(target.value, []).extend(built)
        elif isinstance(target, cst.Attribute):
            index.client_attrs[target.attr.value] = client
            index.attr_sources.setdefault(target.attr.value, []).extend(built)

    def _value_client(self, value: cst.BaseExpression) -> ClientInfo | None:
        """The client an assigned value holds: a construction, a factory's result, a client
        held elsewhere, or a `field(default_factory=OpenAI)` of a model class; for `x if c
        else y`, the client both branches hold, or the one that is not `None` (`OpenAI(...)
        if KEY else None`)."""
        ctx = self.ctx
        arms = conditional_arms(value)
        if arms is not None:
            held = {self._value_client(arm) for arm in arms}
            return held.pop() if len(held) == 1 else None
        if isinstance(value, (cst.Call, cst.Await)):
            client = ctx.receiver_client(value)
            if client is not None or not isinstance(value, cst.Call):
                return client
            for arg in value.args:
                if (found := ctx.factory_client(arg)) is not None:
                    return found
                if isinstance(arg.value, cst.Call) and (
                    found := ctx.factory_wrapper_client(arg.value)
                ):
                    return found
                if (
                    arg.keyword is not None
                    and arg.keyword.value in sdk.FACTORY_KEYWORDS
                    and isinstance(arg.value, cst.Lambda)
                ):
                    return ctx.constructed_client(arg.value.body)
            return None
        if isinstance(value, (cst.Name, cst.Attribute, cst.Subscript)):
            return ctx.receiver_client(value)
        return None

    def _container_client(self, value: cst.BaseExpression) -> ClientInfo | None:
        """The first client constructed among the items of a dict, list or tuple display
        (or a dict comprehension)."""
        ctx = self.ctx
        if isinstance(value, cst.Dict):
            items = [e.value for e in value.elements if isinstance(e, cst.DictElement)]
        elif isinstance(value, (cst.List, cst.Tuple, cst.Set)):
            items = [e.value for e in value.elements if isinstance(e, cst.Element)]
        elif isinstance(value, cst.DictComp):
            items = [value.value]
        else:
            return None
        for item in items:
            if (client := ctx.receiver_client(item)) is not None:
                return client
        return None

    def _resource_held(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """Record `target = <client>.chat.completions` (a resource of a known client)."""
        held = self.ctx.resource_of(value)
        if held is None:
            return
        if isinstance(target, cst.Name):
            self.index.resource_names[target.value] = held
        elif isinstance(target, cst.Attribute):
            self.index.resource_attrs[target.attr.value] = held
        elif (field_name := self._validator_field(target)) is not None:
            self.index.resource_attrs[field_name] = held

    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        in_class = self._in_class_body()
        self._resource_held(target, value)
        client = self._value_client(value)
        if client is None and isinstance(value, cst.Call):
            self.pending.append((target, value, in_class))
        self._bind(target, client, in_class, value)
        container = self._container_client(value)
        if container is not None:
            if isinstance(target, cst.Name):
                self.index.containers[target.value] = container
                if in_class:
                    self.index.containers_attrs[target.value] = container
            elif isinstance(target, cst.Attribute):
                self.index.containers_attrs[target.attr.value] = container
        alias = (
            self.ctx.client_class(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        )
        if alias is not None and isinstance(target, cst.Name) and self.depth == 0:
            self.index.class_aliases[target.value] = alias
            self.index.alias_targets.add(id(target))

    def visit_Assign(self, node: cst.Assign) -> None:
        self._assigned = node.value
        for target in node.targets:
            attr = target.target
            if (
                isinstance(attr, cst.Attribute)
                and attr.attr.value in _MODULE_SETTINGS
                and f"openai.{attr.attr.value}" in self.ctx.qualnames(attr)
            ):
                if attr.attr.value == "base_url":
                    self.index.base_url_assigns.append(node)
                else:
                    self.index.config_assigns.append((attr.attr.value, node))
            self._assign(target.target, node.value)
            self._method_alias(target.target, node.value)
            if isinstance(target.target, cst.Name):
                self.index.assigned[id(target.target)] = node.value
            elif isinstance(attr, cst.Attribute) and self_attribute(attr):
                self.index.self_assigned.setdefault(attr.attr.value, []).append(node.value)
            elif (field_name := self._validator_field(attr)) is not None:
                self.index.self_assigned.setdefault(field_name, []).append(node.value)

    def _method_alias(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if type(value) is cst.IfExp:  # `litellm.completion if ... else client...create`
            if not (_dotted(value.body) and _dotted(value.orelse)):
                return
        elif not _dotted(value):
            return
        if isinstance(target, cst.Name):
            self.index.method_aliases.add(target.value)
        elif isinstance(target, cst.Attribute) and self_attribute(target):
            self.index.method_aliases.add(target.attr.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._method_alias(node.target, node.value)
            if isinstance(node.target, cst.Name):
                self.index.assigned[id(node.target)] = node.value
            elif isinstance(node.target, cst.Attribute) and self_attribute(node.target):
                self.index.self_assigned.setdefault(node.target.attr.value, []).append(node.value)
            self._assign(node.target, node.value)
        self._bind(node.target, self._annotated_client(node.annotation), self._in_class_body())

    def visit_Param(self, node: cst.Param) -> None:
        if node.annotation is not None:
            self._bind(node.name, self._annotated_client(node.annotation))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, self._value_client(node.item))

    def _annotated_client(self, annotation: cst.Annotation) -> ClientInfo | None:
        return self._type_client(annotation.annotation)

    def _type_client(self, node: cst.BaseExpression) -> ClientInfo | None:
        """The client class a type expression names: `OpenAI`, `openai.AsyncOpenAI`,
        `OpenAI | None`, `Optional[OpenAI]` (walked by hand: a visitor per annotation costs
        more than the rest of the index)."""
        if isinstance(node, (cst.Name, cst.Attribute)):
            return self.ctx.client_class(node)
        if isinstance(node, cst.Subscript):
            for element in node.slice:
                inner = element.slice
                if isinstance(inner, cst.Index) and (client := self._type_client(inner.value)):
                    return client
            return None
        if isinstance(node, cst.BinaryOperation):
            return self._type_client(node.left) or self._type_client(node.right)
        return None


def _bound_value(ctx: PythonContext, binding: BaseAssignment) -> cst.BaseExpression | None:
    """The value a binding of a name gives it: the value of `name = v` or `name: T = v`, the
    item of `with v as name`; None for any other binding."""
    if not isinstance(binding, Assignment) or not isinstance(binding.node, cst.Name):
        return None
    value = ctx.index.assigned.get(id(binding.node))  # `name = v`, `name: T = v`
    if value is not None:
        return value
    above = ctx.ancestors(binding.node)
    if len(above) >= 2 and isinstance(above[-1], cst.AsName):
        item = above[-2]
        return item.item if isinstance(item, cst.WithItem) else None
    return None
