"""Compatibility rules: request parameters that the target provider treats differently.

Each rule runs only when the code moves to another provider, only on calls into the OpenAI
SDK (and on requests shaped as the SDK's through a client a module that does not import
openai does not trace, as ML206 reads them: reported manual, apply leaves such a call; but
one whose model, once migrated, is the provider's, written so or mapped where it is written
by apply, is read as a request to the provider: `sent_to_provider`), and only on values
written in the source (literals, module constants, literal dicts and lists). ML111, ML112
and ML115 also read a call on litellm's OpenAI-compatible route (`dspy.LM("openai/gpt-4o",
temperature=0.7)`), whose keywords litellm sends as they are, and smolagents'
OpenAIServerModel, whose keywords its OpenAI client sends; ML112 also reads a call or Router
deployment on the provider's own litellm route where that route sends the token limit under
its own name (`routed_requests`). They also read the `generation_kwargs` a Haystack chat
component sends as its requests' arguments (`generation_requests`); ML680's rewrite of the
component makes their changes in a dict written in its call too (`generation_edits`). A
request's parameters are its keywords and the entries of a dict display (or `dict(k=v)`)
spread into it with `**` (`request_arguments`), also one a parameter defaults to or `self.X`
holds (`default_dicts`). A parameter the provider's `[params]` table does not mention is
unknown, not unsupported: nothing is said about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple, cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import FrameworkClass
from migrate_llm.frameworks import agno as ag
from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import litellm as lt
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.frameworks import semantic_kernel as sk
from migrate_llm.frameworks import vector_sizes as vs
from migrate_llm.heir_models import HeirModel
from migrate_llm.model import Edit, Finding, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.agents_settings_requests import agents_settings_requests
from migrate_llm.rules.base import Example
from migrate_llm.rules.calls import (
    decisive_surface,
    module_client_pointed,
    schema_refused,
    structured_models,
    untraced_call,
)
from migrate_llm.rules.camel_requests import camel_requests
from migrate_llm.rules.chromadb_functions import chroma_function
from migrate_llm.rules.chromadb_functions import target_model as chroma_target
from migrate_llm.rules.class_requests import class_request_arguments
from migrate_llm.rules.class_sampling import (
    ClassField,
    advice,
    class_fields,
    modes,
    same_in_both,
    values_text,
)
from migrate_llm.rules.code_templates import python_literal
from migrate_llm.rules.config_objects import getter_default, member_values
from migrate_llm.rules.default_dicts import USED_ELSEWHERE
from migrate_llm.rules.default_models import (
    default_string,
    handed_default,
    handed_literals,
    held_elsewhere,
)
from migrate_llm.rules.embedding_sizes import model_width, own_size, stated_width
from migrate_llm.rules.extra_body_entries import body_entries
from migrate_llm.rules.file_model_reads import file_model_read
from migrate_llm.rules.forwarding import (
    Forwarded,
    Forwarding,
    Passed,
    Slot,
    function_label,
    through_text,
)
from migrate_llm.rules.framework_agno import dimensions_to_send
from migrate_llm.rules.framework_args import callee, dict_entries, qualified
from migrate_llm.rules.framework_classes import (
    any_framework_class,
    endpoint,
    first_keyword,
    framework_class,
    model_argument,
)
from migrate_llm.rules.framework_haystack import generation_requests
from migrate_llm.rules.framework_langchain import (
    _MODES,
    _fixed_unconfirmed,
    functions_agent,
    functions_sent,
    init_openai_model,
    per_call_requests,
    same_number,
    stream_usage_requests,
)
from migrate_llm.rules.framework_litellm import (
    GUARDED,
    RoutedRequest,
    given_model,
    guarded_request,
    litellm_function,
    model_call,
    routed_requests,
    shown_bases,
)
from migrate_llm.rules.framework_semantic_kernel import (
    developer_instruction_role,
    execution_settings,
    function_choice,
    settings_service_model,
    settings_writes,
)
from migrate_llm.rules.function_protocol import (
    FunctionCallRead,
    LegacyTurn,
    added_messages,
    function_call_reads,
    legacy_turn,
)
from migrate_llm.rules.heir_requests import (
    HeirRequest,
    as_string,
    heir_field,
    heir_label,
    heir_model,
    heir_request,
)
from migrate_llm.rules.image_requests import image_model_nodes
from migrate_llm.rules.imported_bases import SpreadBase, entry_strings, spread_bases
from migrate_llm.rules.imported_wrappers import imported_params, where_sent
from migrate_llm.rules.inherited_fields import inherited_values
from migrate_llm.rules.langchain_azure_args import left_on_azure as azure_left
from migrate_llm.rules.litellm_embedding_inputs import reaches_provider as litellm_reach
from migrate_llm.rules.litellm_embedding_inputs import sent_input as litellm_input
from migrate_llm.rules.llamaindex_requests import llamaindex_requests, structured_uses
from migrate_llm.rules.model_expectations import callee_label, untraced_request
from migrate_llm.rules.model_reach import kept_client
from migrate_llm.rules.model_sites import ModelSites
from migrate_llm.rules.model_values import known_literals, model_values, some_literals
from migrate_llm.rules.optional_values import always_sent
from migrate_llm.rules.other_server_heirs import heir_words, inherited_elsewhere
from migrate_llm.rules.passed_values import (
    field_values,
    function_calls,
    instance_field_values,
    parameter_default,
    passed_values,
)
from migrate_llm.rules.python import DeferredRule, snippet
from migrate_llm.rules.python_context import (
    CallInfo,
    PythonContext,
    keyword,
    self_attribute,
    string_value,
)
from migrate_llm.rules.raw_payloads import body_mapping, raw_chat_requests
from migrate_llm.rules.request_arguments import (
    RequestArgument,
    entry_arguments,
    key_sets,
    request_arguments,
    spread_default,
    wrapper_dict_arguments,
)
from migrate_llm.rules.rewrite import (
    entry_insertion,
    keyword_insertion,
    mapping_entries_insertion,
    mapping_insertion,
    requote,
)
from migrate_llm.rules.settings_requests import settings_requests
from migrate_llm.rules.structured_requests import request_surfaces
from migrate_llm.rules.text_values import one_text
from migrate_llm.rules.thinking_switch import every_target_thinks, listed, thinking_switch, thinks
from migrate_llm.rules.token_ids import token_ids
from migrate_llm.rules.v0_libraries import kept_v0
from migrate_llm.rules.wording import and_listed
from migrate_llm.suppress import parse as suppressions

# An all-capitals tag opening an [uncertain] reason.
_TAG = re.compile(r"^[A-Z]+:\s*")

# the longest test of a conditional expression a message repeats (`held`'s ` (when n < 3)`)
_TEST_SHOWN = 40

CALL_KINDS = frozenset({"client", "probable", "module", "legacy"})
# `CallInfo.kind` of a call on litellm's OpenAI-compatible route (`openai_route_call`)
ROUTED = "litellm-route"
# `CallInfo.kind` of Semantic Kernel's execution settings (`settings_request`)
SETTINGS = "semantic_kernel"
# `CallInfo.kind` of a raw HTTP chat request to the provider (`raw_chat_requests`): its JSON
# body's entries are its arguments, its model read as an SDK request's
RAW = "raw-http"
REQUEST_METHODS = sdk.REQUEST_METHODS

_CLIENT = "from openai import OpenAI\nc = OpenAI()\n"
# a LangChain class pointed at Acme by hand, its temperature a parameter's default (ML111)
_CLASS_DEFAULT = (
    "from langchain_openai import ChatOpenAI\n\n\n"
    "def make(temperature=1.5):\n"
    '    return ChatOpenAI(base_url="https://api.acme.example/v1", temperature=temperature)\n'
)
# what the examples of a request given `functions=` through its **kwargs expect (DeepSeek)
_FUNCTIONS_REWRITTEN = (
    "functions= is not supported by DeepSeek; rewrite it as tools=, then read "
    "the calls from the reply's message.tool_calls[i].function.name and .arguments (not "
    "message.function_call) and send back the assistant message with its tool_calls and "
    'each result as {"role": "tool", "tool_call_id": ..., "content": ...} (unconfirmed: '
    "functions and function_call are absent from the API reference, which lists tools "
    "and tool_choice; the docs do not say the legacy parameters are rejected)"
)

# keyword -> (provider param, what to do instead)
_FLAGS = (
    ("logprobs", "logprobs", "remove it (token log-probabilities are not returned)"),
    ("seed", "seed", "remove it (outputs cannot be made reproducible)"),
    ("parallel_tool_calls", "parallel_tool_calls", "remove it"),
    ("stream_options", "stream_options", "remove it and count tokens another way"),
    ("functions", "functions", "rewrite it as tools="),
    ("function_call", "functions", "rewrite it as tool_choice="),
)

# what the code of a function of Azure OpenAI's names (`_azure_decorated`)
_AZURE_WORDS = ("AzureOpenAI", "AZURE_")


def number_value(node: cst.BaseExpression) -> int | float | None:
    """The value of an int or float literal, signed or not; None for anything else."""
    sign = 1
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        sign = -1 if isinstance(node.operator, cst.Minus) else 1
        node = node.expression
    if isinstance(node, (cst.Integer, cst.Float)):
        value = node.evaluated_value
        if isinstance(value, (int, float)):
            return sign * value
    return None


def number_text(bound: int | float, like: cst.BaseExpression) -> str:
    """`bound` written in the form of the literal `like` (`1.0` for a float, `1` for an int)."""
    if isinstance(like, cst.UnaryOperation):
        like = like.expression
    if isinstance(like, cst.Integer) and float(bound).is_integer():
        return str(int(bound))
    return repr(float(bound))


def dict_items(node: cst.BaseExpression) -> dict[str, cst.BaseExpression] | None:
    """The string-keyed entries of a literal dict display; None for anything else."""
    if not isinstance(node, cst.Dict):
        return None
    items: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_value(element.key)
            if key is not None:
                items[key] = element.value
    return items


def _within(
    inner: tuple[tuple[int, int], tuple[int, int]], outer: tuple[tuple[int, int], tuple[int, int]]
) -> bool:
    """Whether one (start, end) position lies inside another."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _set_on_some_paths(ctx: PythonContext, size: RequestArgument) -> bool:
    """Whether a request argument is a key set on a spread dict (`kw["dimensions"] = d`) in
    another block than the one binding the dict (under an `if`, a loop, a `try`)."""
    if not isinstance(size.item, cst.Assign) or size.spread is None:
        return False
    return _block(ctx, size.item) is not _block(ctx, size.spread)


def _block(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    return next(
        (
            a
            for a in reversed(ctx.ancestors(node))
            if isinstance(a, (cst.IndentedBlock, cst.Module))
        ),
        None,
    )


def _extra_body_size(args: Mapping[str, RequestArgument]) -> int | None:
    """The number an embeddings request sends as `dimensions` in its `extra_body` (a dict
    display given as `extra_body=`, or as the "extra_body" entry of a dict spread into it):
    how ML114 writes the size where the project's openai takes no `dimensions=`."""
    given = args.get(sdk.EXTRA_BODY)
    shown = body_entries(given.value) if given is not None else None
    size = shown.sure.get(sdk.DIMENSIONS) if shown is not None else None
    found = number_value(size) if size is not None else None
    return found if isinstance(found, int) else None


def _spread_only_here(ctx: PythonContext, call: cst.Call) -> cst.Dict | None:
    """The dict display of a name bound once and spread into `call` as its only `**`, when
    the name is used for nothing else but reading or setting keys written as strings: an
    entry added to it goes to this request alone, and no other can add one."""
    spread = [a for a in call.args if a.star == "**"]
    if len(spread) != 1 or not isinstance(spread[0].value, cst.Name):
        return None
    bound = ctx.bindings(spread[0].value)
    if len(bound) != 1 or not isinstance(bound[0], Assignment):
        return None
    display = ctx.index.assigned.get(id(bound[0].node))
    if not isinstance(display, cst.Dict) or any(
        not isinstance(e, cst.DictElement) or string_value(e.key) is None for e in display.elements
    ):
        return None
    for reference in bound[0].references:
        parent = (ctx.ancestors(reference.node) or [None])[-1]
        if parent is spread[0]:
            continue
        if not (
            isinstance(parent, cst.Subscript)
            and parent.value is reference.node
            and len(parent.slice) == 1
            and isinstance(parent.slice[0].slice, cst.Index)
            and string_value(parent.slice[0].slice.value) is not None
        ):
            return None
    return display


class Held(NamedTuple):
    """A value a request argument may send (`_CompatRule.held`): the expression written,
    the name holding it (None when written in the call), and the line of the name's binding
    when the name is bound in several places."""

    value: cst.BaseExpression
    name: str | None = None
    line: int | None = None
    # a value a call of the module passes for the request's parameter (`passed`): where it is
    # passed (the finding goes there) and what the message says of it
    site: cst.BaseExpression | None = None
    via: str = ""
    # a branch of a conditional expression written in the request (`site` is the branch):
    # reported there, and edited where a literal in the request would be
    branch: bool = False
    # a value a class assigns an attribute the request sends (`attribute_values`): said of
    # the attribute (`name`) and its line, whatever name holds the attribute in turn
    member: bool = False

    def aside(self, others: Sequence[Held] = ()) -> str:
        """` (one of the values rf may hold, line 11)`, with the lines of `others` that may
        send another such value; nothing for a value in the call or a name bound once. For a
        value passed to a parameter, ` (argument tc of ask(), sent as tool_choice= on line 4)`."""
        if self.via:
            return self.via
        if self.name is None or self.line is None:
            return ""
        lines = [self.line] + [h.line for h in others if h.line is not None and h is not self]
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {_listed(lines)}"
        return f" (one of the values {self.name} may hold, {where})"


def by_site(
    found: Sequence[tuple[Held, Any]], arg: RequestArgument
) -> list[tuple[cst.CSTNode, Held, Any, list[Held]]]:
    """Where to report the refused values `found` (each with what the check says of it): each
    value a call of the module passes for the request's parameter at that call, the others
    together at the request's argument, as (node, value, said, the others of its group)."""
    groups: dict[int, tuple[cst.CSTNode, Held, Any, list[Held]]] = {}
    for held, said in found:
        node = held.site if held.site is not None else arg.value
        if id(node) in groups:
            groups[id(node)][3].append(held)
        else:
            groups[id(node)] = (node, held, said, [held])
    return list(groups.values())


def sends_body(info: CallInfo) -> bool:
    """Whether a chat request sends a body `extra_body` entries go in: an SDK method's
    (`sdk.BODY_METHODS`), or Semantic Kernel's execution settings, whose `extra_body` their
    service passes to `create` (`frameworks.semantic_kernel.GENERIC_SETTINGS`); or a raw HTTP
    request's JSON body, where they are entries of the body itself."""
    return info.method in sdk.BODY_METHODS or info.kind in (SETTINGS, RAW)


def _listed(numbers: list[int]) -> str:
    """`5`, `5 and 9`, `5, 9 and 12`."""
    return and_listed([str(n) for n in numbers])


class _CompatRule(DeferredRule):
    """Shared dispatch: SDK requests on the given surfaces, only when switching provider."""

    surfaces: frozenset[str] = frozenset({"chat"})
    # whether Semantic Kernel's execution settings are checked as the requests they become
    settings: bool = False
    # whether the rule also reads the keywords of a call on litellm's OpenAI-compatible route
    # (`dspy.LM("openai/gpt-4o", temperature=0.7)`: `openai_route_call`), which litellm sends
    # to the provider as they are
    routed = False
    # whether it also reads the keywords a LangChain chat model's request method is given
    # (`llm.bind(functions=[...])`: `per_call_requests`), which LangChain sends as they are
    per_call = False
    # whether it also reads the entries of a `**kwargs` the request spreads that the module's
    # calls fill, and the arguments of calls of other modules' functions sending them
    # (`forwarding`)
    forwarded = False
    # whether it also reads a request a base class sends through the client its subclasses
    # in other modules set (`heir_requests`)
    heirs = False
    # whether it also reads a litellm call whose model is chosen at run time where the
    # module's test of the provider's route gates what reaches the provider (`guarded_request`:
    # AutoAgent's `if self.model.startswith("moonshot/"):`, OpenHands' openai/ route with
    # MiniMax's base URL under its test, t67f); left to a person (`guarded_note`)
    guarded = False

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.reported: set[int] = set()
        # the callee of the request being checked when its client is not traced (`untraced`)
        self.untraced: str | None = None
        # the request of `routed_requests` being checked
        self.routing: RoutedRequest | None = None
        # the assignments whose values `held` is reading (one may hold its own name)
        self._expanding: frozenset[int] = frozenset()
        # the request being checked (`dispatch`): the class whose instance `self` is there
        # decides what `self.X` read in a builder of a base class holds (`inherited_values`)
        self.at: cst.Call | None = None
        # the requests shaped as the SDK's in a module that does not import openai, read once
        # the traversal is over (`finish`): whether apply maps the model they send is known
        # then (`ModelSites`, which this rule feeds when it is the first to ask)
        self.pending: list[cst.Call] = []
        self.sites: ModelSites | None = None
        self.feeds = False
        if ctx.rules.switching and not ctx.index.imports_openai:
            self.sites = ModelSites.of(ctx)
            self.feeds = self.sites.feeder()

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.feeds:
            cast(ModelSites, self.sites).string(node)

    def feed(self, node: cst.Call) -> None:
        """Give `node` to `ModelSites` where this rule feeds it: once, for every call."""
        if self.feeds:
            cast(ModelSites, self.sites).call(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.feed(node)
        if not self.ctx.rules.switching:
            return
        info = self.request(node)
        # a request of the base's module through a client only its subclasses set: not one
        # the module traces, or one it takes for the SDK's by its shape
        heirs = None
        if self.heirs and (info is None or info.kind == "probable"):
            heirs = heir_request(self.ctx, node)
        if heirs is not None:
            self.at = node
            self.check_heirs(node, heirs)
            self.at = None
            if info is None:
                return
        if info is None and self._untraced_info(node) is not None:
            self.pending.append(node)
            return
        self.dispatch(node, info or self.settings_request(node))

    def check_heirs(self, node: cst.Call, request: HeirRequest) -> None:
        """Check a request a base class sends through the client its subclasses of other
        modules set (a rule with `heirs`)."""

    def finish(self) -> None:
        pending, self.pending = self.pending, []
        for node in pending:  # each decided before any is checked (`is_request`)
            self.sent_to_provider(node, cast(CallInfo, self._untraced_info(node)))
        for node in pending:
            self.dispatch(node, self.untraced_request(node) or self.settings_request(node))

    def dispatch(self, node: cst.Call, info: CallInfo | None) -> None:
        """Check the request `node` is (`info`), or the requests it makes otherwise."""
        if info is not None and kept_client(self.ctx, node) is not None:
            self.untraced = None
            return  # its client stays where it is (OpenAI, Bedrock), and so does the request
        self.at = node
        if info is not None and info.surface in self.surfaces:
            self.check_call(node, info, self.provider)
        elif info is None and self.routed and "chat" in self.surfaces:
            self.check_routed(node)
        if info is None and self.forwarded:
            self.check_imported(node)
        self.untraced, self.at = None, None

    def check_imported(self, node: cst.Call) -> None:
        """The arguments a call of another module's function sends as a request's on the
        rule's surfaces (`imported_wrappers`), checked as a request's are (`check_values`)."""
        args: dict[str, RequestArgument] = {}
        # the imported function's name bound again to a `functools.partial` of itself is
        # followed too (bfs.py's `gpt = partial(gpt, model=args.backend)`): only here
        for arg, param in imported_params(self.ctx, node, rebound=True):
            if param.model or param.surface not in self.surfaces or param.keyword in args:
                continue
            hop = Forwarded(
                where_sent(param),
                None,
                param.function,
                param.param,
                param.through,
                bound=param.bound,
            )
            args[param.keyword] = RequestArgument(param.keyword, arg, None, False, forwarded=hop)
        if args:
            self.check_values(args)
            self.check_imported_reply(node, args)
        # a mapping the other function spreads into its request (`model_kwargs=model_kwargs`):
        # each value the module gives an entry it sends, checked apart
        seen: set[str] = set()
        for arg, param in imported_params(self.ctx, node, spread=True, rebound=True):
            if param.surface not in self.surfaces or param.keyword in seen:
                continue
            seen.add(param.keyword)
            hop = Forwarded(
                where_sent(param), None, param.function, param.param, param.through, spread=True
            )
            for entry in entry_arguments(self.ctx, arg.value, param.keyword):
                if self.first_report(entry.value):
                    self.check_values({param.keyword: entry._replace(forwarded=hop)})

    def check_values(self, args: Mapping[str, RequestArgument]) -> None:
        """Check the values `args` send (a rule with `forwarded`)."""

    def check_imported_reply(self, node: cst.Call, args: Mapping[str, RequestArgument]) -> None:
        """What the call of another module's function given `args` returns, read as a
        request's reply (ML111's `UnsupportedParameter`)."""

    def check_routed(self, node: cst.Call) -> None:
        """Each request of `routed_requests` (litellm's, smolagents') and of
        `generation_requests` (Haystack's) and of `camel_requests` (a camel model's config)
        and of `settings_requests` (an unknown library's settings dict's request options),
        checked with the keywords it sends as they are."""
        per_call = per_call_requests(self.ctx, node) if self.per_call else []
        if self.per_call:
            per_call += stream_usage_requests(self.ctx, node)
        self.check_requests(
            node,
            (
                *routed_requests(self.ctx, node),
                *generation_requests(self.ctx, node),
                *camel_requests(self.ctx, node),
                *llamaindex_requests(self.ctx, node),
                *settings_requests(self.ctx, node),
                *per_call,
            ),
        )
        guarded = guarded_request(self.ctx, node) if self.guarded else None
        self.check_requests(node, [guarded] if guarded is not None else [])
        self.check_raw(node)

    def guarded_note(self) -> str:
        """For the request of `guarded_request` being checked, the words saying whose it is:
        its model chosen at run time, the call reaches the provider only under the module's
        route test, and other models' requests keep what it sends (t67f: left to a person,
        no edit); "" for any other request."""
        if self.routing is None or self.routing.how != GUARDED:
            return ""
        return (
            f" of a call the module's route test sends to {self.provider.name} (its model "
            "chosen at run time)"
        )

    def check_raw(self, node: cst.Call) -> None:
        """The raw HTTP chat request `node` sends to the provider with a JSON body the module
        shows (`raw_chat_requests`), checked with the body's entries as its arguments."""
        for surface in sorted(self.surfaces & {"chat", "completions"}):
            for request in raw_chat_requests(self.ctx, node, surface):
                self.routing = request
                info = CallInfo(RAW, surface, request.shown, "post")
                self.check_call(node, info, self.provider)
        self.routing = None

    def check_requests(self, node: cst.Call, requests: Sequence[RoutedRequest]) -> None:
        for request in requests:
            self.routing = request
            self.check_call(node, CallInfo(ROUTED, "chat", request.shown, "create"), self.provider)
        self.routing = None

    def untraced_request(self, node: cst.Call) -> CallInfo | None:
        """A request through a client a module that does not import openai does not trace
        (`untraced_request`, as ML206 reads it: `client = make_client()` of another module),
        whose model is known to be the provider's or an OpenAI model it maps (`call_model`):
        checked as a request, reported manual (`report`); one whose model, once migrated, is
        the provider's (`sent_to_provider`) is a request to the provider, checked as one
        through a client the module builds for it; else None."""
        info = self._untraced_info(node)
        if info is None:
            return None
        if self.sent_to_provider(node, info):
            return replace(info, kind="probable")
        if self.call_model(node, info) is None:
            return None  # another SDK's request, as likely (`ZhipuAI().chat...` of "glm-4")
        self.untraced = info.path
        return info

    def _untraced_info(self, node: cst.Call) -> CallInfo | None:
        """What `node` is as an untraced request (`untraced_request`): its callee as the path."""
        shaped = untraced_request(self.ctx, node)
        if shaped is None or shaped[1] not in REQUEST_METHODS:
            return None
        return CallInfo("untraced", shaped[0], callee_label(self.ctx, node), shaped[1])

    def sent_to_provider(self, node: cst.Call, info: CallInfo) -> bool:
        """Whether an untraced request (`untraced_request`) sends the provider's model once
        migrated: each value its model may hold (as `call_model` reads them, or the string
        default of the parameter it is: `parameter_default_model`) names the provider's model,
        or an OpenAI model apply maps where it is written (a setting ML204 rewrites, its
        protections settled: a default, a constant, `setting_written`; not the request's own
        `model=`, which ML206 leaves). The call then goes to the provider, or fails there,
        whatever client it is given (computed once a module)."""
        known = cast(
            "dict[int, bool]", self.ctx.analyses.setdefault(_CompatRule.sent_to_provider, {})
        )
        if id(node) not in known:
            values = self.model_literals(node, info)
            sites = ModelSites.of(self.ctx)
            known[id(node)] = bool(values) and all(
                (found := self._model_of((literal, text, "literal"))) is not None
                and (found[1] is None or sites.setting_written(literal))
                for literal, text in values
            )
        return known[id(node)]

    def model_literals(
        self, node: cst.Call, info: CallInfo
    ) -> list[tuple[cst.BaseExpression, str]]:
        """The literals the model of a request is read from (`call_model`'s, or the default
        of the parameter it is), each with its text; empty where it is not known."""
        model = self._model_argument(node, info)
        if model is None:
            return []
        if self.call_model(node, info) is not None:
            return [(literal, text) for literal, text, _ in self._model_values(model, node)]
        default = parameter_default_model(self.ctx, model)
        return [] if default is None else [(default[0], default[1])]

    def settings_request(self, node: cst.Call) -> CallInfo | None:
        """Semantic Kernel's execution settings (`OpenAIChatPromptExecutionSettings(...)`),
        whose fields the service sends as the request's arguments; else None."""
        surface = execution_settings(self.ctx, node) if self.settings else None
        if surface is None:
            return None
        return CallInfo(SETTINGS, surface, callee(node.func), "settings")

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        severity: Severity | None = None,
        fix: FixClass | None = None,
        edit: Edit | None = None,
        data: Mapping[str, object] | None = None,
    ) -> None:
        """A finding; on a request through a client the module does not trace, manual and
        saying so, as ML206 does: apply leaves such a call."""
        if self.untraced is not None:
            message = (
                f"{message}; {self.untraced}() is an SDK call through a client this module "
                "does not trace (built or passed in elsewhere), so apply leaves it: change it "
                f"by hand if it talks to {self.provider.name}"
            )
            fix, edit = FixClass.MANUAL, None
        super().report(node, message, severity=severity, fix=fix, edit=edit, data=data)

    def request(self, node: cst.Call) -> CallInfo | None:
        """What `node` is when it is an SDK request (`create`, `parse`, ...); else None."""
        info = self.ctx.sdk_call(node)
        if info is None or info.kind not in CALL_KINDS or info.method not in REQUEST_METHODS:
            return None
        return info

    def is_request(self, call: cst.Call) -> bool:
        """Whether `call` is an SDK request (`request`), or an untraced one read as a request
        to the provider (`sent_to_provider`, once decided): a dict spread only into such calls
        is theirs to edit."""
        if self.request(call) is not None:
            return True
        decided = cast("dict[int, bool]", self.ctx.analyses.get(_CompatRule.sent_to_provider, {}))
        return decided.get(id(call), False)

    def arguments(self, node: cst.Call) -> dict[str, RequestArgument]:
        """The request's arguments by keyword, those of a dict spread into it included (those
        of execution settings by the name the request gives them: `number_of_responses` is
        `n`, and those set on them by attribute later, `settings_writes`, left to a person
        but for a rename; those of a routed request that reach the endpoint under their own
        name)."""
        if self.routing is not None:
            return self.routed_arguments(node, self.routing)
        found = request_arguments(self.ctx, node, self.is_request)
        if self.forwarded:
            self.add_forwarded(node, found)
        if not self.settings or execution_settings(self.ctx, node) is None:
            return found
        for statement, attr, renamable in settings_writes(self.ctx, node):
            found[attr.value] = RequestArgument(attr.value, statement, None, False, attr, renamable)
        return {
            sk.SETTINGS_PARAMS.get(name, name): arg._replace(
                name=sk.SETTINGS_PARAMS.get(name, name)
            )
            for name, arg in found.items()
        }

    def add_forwarded(self, node: cst.Call, found: dict[str, RequestArgument]) -> None:
        """Add to `found` the entries of the function's `**kwargs` that the request spreads,
        or a mapping the function fills with them (`Forwarding.kwargs_copy`: but for those it
        sets itself), and the module's calls fill (`Forwarding.entries`), each read through
        `sent` (its argument: the first call's keyword, which apply leaves)."""
        forwarding = Forwarding.of(self.ctx)
        for spread in (a for a in node.args if a.star == "**"):
            source = forwarding.kwargs_of(spread.value)
            kept: frozenset[str] = frozenset()
            if source is None and (copy := forwarding.kwargs_copy(spread.value)) is not None:
                source, kept = (copy[0], copy[1]), copy[2]
            if source is None:
                continue
            where = self.ctx.line_label(self.ctx.position(spread)[0][0])
            for name, given in forwarding.entries(source[0]).items():
                if name not in found and name not in kept:
                    hop = Forwarded(where, Slot(source[0], name, None))
                    found[name] = RequestArgument(name, given, None, False, forwarded=hop)

    def routed_arguments(
        self, node: cst.Call, routing: RoutedRequest
    ) -> dict[str, RequestArgument]:
        """A routed request's arguments: those a framework hands on (`arguments`), a
        deployment's `litellm_params` entries, or the call's keywords (and a dict's spread into
        it); only those `as_is` names."""
        if routing.arguments is not None:
            found = dict(routing.arguments)
        elif routing.params is not None:
            found = {
                name: RequestArgument(name, element, routing.params, True)
                for name, element in (dict_entries(routing.params) or {}).items()
            }
        else:
            found = request_arguments(self.ctx, node, lambda call: call is node)
        if routing.as_is is None:
            return found
        return {name: arg for name, arg in found.items() if name in routing.as_is}

    def first_report(self, node: cst.CSTNode) -> bool:
        """Whether `node` is reported for the first time: a dict spread into several requests
        is reported once."""
        if id(node) in self.reported:
            return False
        self.reported.add(id(node))
        return True

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        raise NotImplementedError

    def extra_body_fix(
        self,
        node: cst.Call,
        given: RequestArgument | None,
        needed: dict[str, Any],
        skip: frozenset[str] = frozenset(),
    ) -> tuple[str, Edit | None] | None:
        """What to do, and the edit apply makes (None: a person adds them), for a request
        whose `extra_body=` is `given` to send the entries `needed`; None when it sends them
        already. `skip`: the keywords ML115 may remove, which the new one is not put before."""
        wanted = _entries_text(needed)
        if given is None:
            if any(a.star == "**" for a in node.args):
                return self._spread_switch(node, needed, skip)
            edit = keyword_insertion(
                self.ctx, node, "extra_body", f"{{{wanted}}}", skip, empty=True
            )
            if edit is not None:
                return f"apply passes extra_body={{{wanted}}}", edit
            return self._spread_switch(node, needed, skip)
        body = given.value
        # what a dict display sends whatever the mappings it spreads hold (`body_entries`)
        shown = body_entries(body)
        written = shown.sure if shown is not None else {}
        other = [k for k in needed if k in written and not _same_literal(written[k], needed[k])]
        if other:
            sent = ", ".join(f'"{k}": {self.ctx.code(written[k])}' for k in other)
            return f"its extra_body sends {sent}", None
        missing = _entries_text({k: v for k, v in needed.items() if k not in written})
        if shown is not None and not missing:
            return None
        # a keyword of the call, or an entry of a dict spread into it that apply may edit
        entry = isinstance(given.item, cst.Arg) if given.spread is None else given.editable
        if shown is not None and shown.spread:
            return (
                f"add {missing} to the extra_body it sends, after its last ** (later keys "
                "win; apply edits only a dict in the call that spreads none)",
                None,
            )
        if not isinstance(body, cst.Dict) or not entry:
            return (
                f"add {wanted} to the extra_body it sends (apply edits only a dict in the call)",
                None,
            )
        return f"apply adds {missing} to extra_body", entry_insertion(self.ctx, body, missing)

    def _spread_switch(
        self, node: cst.Call, needed: dict[str, Any], skip: frozenset[str]
    ) -> tuple[str, Edit | None]:
        """What to do, and the edit, for a request built from `**mapping` (none of whose
        entries the module shows is `extra_body`) to send the entries `needed`: where the
        mapping is a dict of the module a parameter defaults to or `self.X` holds
        (`spread_default`) that apply may edit, an `extra_body` entry in it, beside the
        sampling entries the thinking mode goes with (a keyword in the call would clash with
        an `extra_body` in a dict a caller passes: TypeError); else by hand."""
        wanted = f"{{{_entries_text(needed)}}}"
        reached = spread_default(self.ctx, node, self.is_request)
        if reached is None:
            return (
                f"pass extra_body={wanted} (apply adds none to a request built from **kwargs, "
                "which may hold one)",
                None,
            )
        mapping = reached.mapping
        line = self.ctx.line_label(self.ctx.position(mapping)[0][0])
        shown = f"extra_body={wanted}"
        if isinstance(mapping, cst.Dict):
            shown = f'"extra_body": {wanted}'
        edit = None
        if not reached.left:
            edit = mapping_insertion(self.ctx, mapping, "extra_body", wanted, skip)
        if edit is None:
            why = reached.left or USED_ELSEWHERE
            return f"add {shown} to the dict it spreads ({line}; apply leaves it: {why})", None
        return f"apply adds {shown} to the dict it spreads ({line})", edit

    def switch_fix(
        self,
        node: cst.Call,
        info: CallInfo,
        needed: dict[str, Any],
        skip: frozenset[str] = frozenset(),
    ) -> tuple[str, Edit | None] | None:
        """`extra_body_fix` for the request's `extra_body=`; for a raw HTTP body, which has no
        `extra_body`, the entries `needed` as entries of the body itself (`_body_fix`)."""
        if info.kind == RAW:
            return self._body_fix(node, needed, skip)
        if self.left_on_v0(info):
            return self._v0_fields_fix(node, needed, skip)
        return self.extra_body_fix(node, self.arguments(node).get("extra_body"), needed, skip)

    def _body_fix(
        self, node: cst.Call, needed: dict[str, Any], skip: frozenset[str]
    ) -> tuple[str, Edit | None] | None:
        """What to do, and the edit, for a raw chat body to send the entries `needed` as its
        own fields (the SDK's `extra_body` entries are merged into the body it posts): added to
        the dict it is written as, where apply may edit it (`body_mapping`); else by hand.
        None where it sends them already."""
        args = self.arguments(node)
        missing = self._fields_left(args, needed, "its body sends ", '"{}": {}')
        if not isinstance(missing, dict):
            return missing
        wanted = _entries_text(missing)
        why = "raw HTTP has no extra_body: they are fields of the body"
        mapping, left = body_mapping(args)
        edit = None
        if mapping is not None:
            values = {k: python_literal(v) for k, v in missing.items()}
            edit = mapping_entries_insertion(self.ctx, mapping, values, skip)
            left = left or USED_ELSEWHERE
        if edit is None:
            return f"add {wanted} to the JSON body it posts ({why}; apply leaves it: {left})", None
        return f"apply adds {wanted} to the JSON body it posts ({why})", edit

    def _fields_left(
        self, args: dict[str, RequestArgument], needed: dict[str, Any], lead: str, form: str
    ) -> tuple[str, None] | dict[str, Any] | None:
        """The entries of `needed` a request sending its arguments `args` as fields of the body
        (a raw HTTP body, an openai<1 call) does not send yet; or, where it sends one with
        another value, what to say (`lead` and each such field as `form` writes it:
        `"k": v`, `k=v`) with no edit; None where it sends them all already."""
        other = [k for k in needed if k in args and not _same_literal(args[k].value, needed[k])]
        if other:
            sent = ", ".join(form.format(k, self.ctx.code(args[k].value)) for k in other)
            return f"{lead}{sent}", None
        return {k: v for k, v in needed.items() if k not in args} or None

    def left_on_v0(self, info: CallInfo | None) -> bool:
        """Whether a request is an openai<1 call that apply leaves on openai<1, for a package
        running on openai<1 only that its module uses or its project requires
        (`v0_libraries.kept_v0`): openai<1
        has no `extra_body`, and sends the call's other keywords as fields of the body."""
        return info is not None and info.kind == "legacy" and kept_v0(self.ctx) is not None

    def _v0_fields_fix(
        self, node: cst.Call, needed: dict[str, Any], skip: frozenset[str]
    ) -> tuple[str, Edit | None] | None:
        """What to do, and the edit, for an openai<1 call left on openai<1 (`left_on_v0`) to send
        the entries `needed`: keywords of the call, which openai<1 sends as fields of the
        body (an `extra_body=` it would send as a field named so). None where it sends them
        already."""
        missing = self._fields_left(self.arguments(node), needed, "it sends ", "{}={}")
        if not isinstance(missing, dict):
            return missing
        wanted = ", ".join(f"{k}={python_literal(v)}" for k, v in missing.items())
        why = "openai<1 has no extra_body: it sends the call's keywords as fields of the body"
        first, _, rest = wanted.partition("=")
        edit = None
        if all(k.isidentifier() for k in missing) and not any(a.star for a in node.args):
            edit = keyword_insertion(self.ctx, node, first, rest, skip, empty=True)
        if edit is None:
            return f"pass {wanted} ({why})", None
        return f"apply passes {wanted} ({why})", edit

    def switch_written(self, node: cst.Call, info: CallInfo) -> dict[str, Any] | None:
        """The `extra_body` entries turning thinking off that apply writes for this request in
        this run (ML118's edit: `thinking_off`, `extra_body_fix`); None where it writes none."""
        if self.untraced is not None or not self.ctx.rules.switching:
            return None
        found = self.thinking_off(node, info)
        if found is None:
            return None
        fix = self.switch_fix(node, info, found[0])
        return found[0] if fix is not None and fix[1] is not None else None

    def written_switch(
        self, node: cst.Call, info: CallInfo | None
    ) -> dict[str, cst.BaseExpression] | None:
        """Where a request would send the entries of the thinking switch, as written: the
        entries of its `extra_body`, a dict written in it (empty where it sends none); for a
        raw HTTP body, the body's own entries (raw HTTP has no `extra_body`); None where that
        is not known (an `extra_body` held in a name)."""
        args = self.arguments(node)
        if info is not None and (info.kind == RAW or self.left_on_v0(info)):
            return {name: arg.value for name, arg in args.items()}
        body = args.get("extra_body")
        if body is None:
            return {}
        shown = body_entries(body.value)
        return shown.sure if shown is not None else None

    def switched_off(self, node: cst.Call, info: CallInfo) -> bool:
        """Whether a request has thinking off: it sends the provider's switch (`[params]
        thinking_off_extra_body`) as ML118 reads it (`written_switch`: its `extra_body`,
        also the entry of a dict spread into it; a raw body's own entries), or apply writes
        the switch there in this run (`switch_written`); not where its model always thinks."""
        needed = self.param("thinking_off_extra_body")
        if not needed:
            return False
        known = self.call_model(node, info)
        if known is not None and listed(self.provider, "always_thinking", known[0]):
            return False
        written = self.written_switch(node, info) or {}
        if all(k in written and _same_literal(written[k], v) for k, v in needed.items()):
            return True
        return self.switch_written(node, info) is not None

    def thinking_mode(
        self, node: cst.Call, model: str, switch: bool, info: CallInfo | None = None
    ) -> str | None:
        """Whether requests of `model` with this request's arguments think ("thinking") or
        not ("thinking_off"): the model always thinks, or thinks unless the switch apply
        writes (`switch`) or an `extra_body` written in the request (a raw body's own
        entries: `written_switch`) turns it off; None where that is not known (a
        `reasoning_effort`, an `extra_body` not written there, a model neither list of the
        provider names)."""
        provider = self.provider
        if listed(provider, "always_thinking", model):
            return "thinking"
        if not thinks(provider, model):
            return None
        if switch:
            return "thinking_off"
        args = self.arguments(node)
        if "reasoning_effort" in args:
            return None
        needed = self.param("thinking_off_extra_body") or {}
        written = self.written_switch(node, info)
        raw = info is not None and (info.kind == RAW or self.left_on_v0(info))
        if written is not None and not written.keys() & needed.keys() and (raw or not written):
            return "thinking"  # no extra_body, or a raw body without the switch
        if written is None or not needed:
            return None
        if all(k in written and _same_literal(written[k], v) for k, v in needed.items()):
            return "thinking_off"
        return None if written.keys() & needed.keys() else "thinking"

    def streamed_tools_entries(self, node: cst.Call, info: CallInfo) -> dict[str, Any]:
        """The `extra_body` entries a request that streams with tools needs for its tool calls
        to stream (`[params] stream_tools_extra_body`, ML116); empty for another request."""
        needed = self.param("stream_tools_extra_body")
        if not needed or info.method not in sdk.BODY_METHODS:
            return {}
        tools = self.arguments(node).get("tools")
        if (
            not self.may_stream(node, info)
            or tools is None
            or _no_tools(self.visible(tools.value)[0])
        ):
            return {}
        return dict(needed)

    def may_stream(self, node: cst.Call, info: CallInfo) -> bool:
        """Whether a request may stream: `chat.completions.stream(...)`, or a `stream=` that
        is not False or None on every path the module shows (`_never_on`): `stream=True`, and
        a value chosen at run time (swarm's `"stream": stream`)."""
        if info.method == "stream":
            return True
        stream = self.arguments(node).get("stream")
        return stream is not None and not self._never_on(stream.value)

    def _never_on(self, value: cst.BaseExpression, depth: int = 3) -> bool:
        """Whether a `stream=` value is False or None wherever the module shows it: a literal,
        a constant, each value a name bound in several places may hold (`held`), a parameter
        whose default and the values the module's calls pass are such (callers elsewhere
        taken to pass what the default stands for, as `passed_values` reads them; a method's
        callers through `self.` or `cls.` in its class: `parameter_given`)."""
        for held in self.held(value):
            shown = held.value
            if isinstance(shown, cst.Name) and shown.value in ("False", "None"):
                continue
            if not isinstance(shown, cst.Name) or depth == 0:
                return False
            values = self.parameter_given(shown)
            if not values or not all(self._never_on(v, depth - 1) for v in values):
                return False
        return True

    def parameter_given(self, name: cst.Name) -> list[cst.BaseExpression] | None:
        """The default of the parameter `name` is bound to and the values the module's calls
        of its function pass for it (`passed_values`); for a method other than `__init__`,
        whose callers `passed_values` does not follow, its calls through `self.` or `cls.` in
        its class (`Forwarding.arguments`: `self.ask(m, stream=True)`); None where `name` is no
        parameter."""
        found = passed_values(self.ctx, name)
        if found is None:
            return None
        function, passed = found
        forwarding = Forwarding.of(self.ctx)
        slot = forwarding.source(name)
        parents = self.ctx.ancestors(function)
        method = len(parents) >= 2 and isinstance(parents[-2], cst.ClassDef)
        if slot is not None and method and function.name.value != "__init__":
            passed = forwarding.arguments(slot)
        default = parameter_default(self.ctx, name)
        return [*passed, *([default] if default is not None else [])]

    def thinking_off(
        self, node: cst.Call, info: CallInfo, at_times: bool = False
    ) -> tuple[dict[str, Any], str, str] | None:
        """The `extra_body` entries that turn thinking off (`[params] thinking_off_extra_body`,
        ML118), the provider model and the OpenAI model it comes from, for a chat request
        whose OpenAI model does not think (no `thinking_models` glob of OpenAI's file takes
        it) and whose provider model does unless told not to; None for another request, one
        that always asks for reasoning (`chooses_thinking`) or, unless `at_times`, one that
        sends a `reasoning_effort` only when set (`effort_at_times`: no edit, ML118 says what
        to write)."""
        if not self.param("thinking_off_extra_body") or not sends_body(info):
            return None
        known = self.call_model(node, info)
        shown = None
        if known is None:
            # a parameter's default, where any OpenAI model a caller passes instead is mapped
            # to one that thinks unless told not to as well
            default = self.default_model(node, info)
            if default is not None and every_target_thinks(self.ctx):
                known, shown = default[:2], f"{default[0]} (the default of {default[2]})"
        if known is None:
            return None
        target, source = known
        if source is None:
            return None  # a provider model written in the code keeps its default
        switches = [thinking_switch(self.ctx.rules, name, target) for name in source.split(", ")]
        needed = switches[0]
        if needed is None or None in switches or self.chooses_thinking(node, needed, info):
            return None
        if not at_times and self.effort_at_times(node) is not None:
            return None
        return needed, shown or target, source

    def chooses_thinking(
        self, node: cst.Call, needed: Mapping[str, Any], info: CallInfo | None = None
    ) -> bool:
        """Whether a request always asks for reasoning (a `reasoning_effort=` that is a string
        on every path: `always_sent`) or names an entry of the thinking switch in its
        `extra_body` already (a raw body among its own entries: `written_switch`): its choice
        is kept."""
        args = self.arguments(node)
        written = self.written_switch(node, info)
        effort = args.get("reasoning_effort")
        if effort is not None and always_sent(self.ctx, effort.value):
            return True
        return any(k in (written or {}) for k in needed)

    def effort_at_times(self, node: cst.Call) -> RequestArgument | None:
        """The request's `reasoning_effort=`, where it may send nothing (None, `openai.omit`:
        magentic's `_if_given(self.reasoning_effort)`); None where there is none, or it is
        always sent."""
        effort = self.arguments(node).get("reasoning_effort")
        if effort is None or always_sent(self.ctx, effort.value):
            return None
        return effort

    def extra_body_entries(self, node: cst.Call, info: CallInfo) -> dict[str, Any]:
        """What ML116 and ML118 together add to one request's `extra_body`: each makes the
        same edit, which apply makes once (two `extra_body=` would be no Python)."""
        thinking = self.thinking_off(node, info)
        return {**self.streamed_tools_entries(node, info), **(thinking[0] if thinking else {})}

    def report_extra_body(
        self, node: cst.Call, info: CallInfo, needed: dict[str, Any], head: str, key: str
    ) -> None:
        """Report a request that must send the entries `needed` in `extra_body` (why: `head`;
        `[params] key` the provider fact), unless it sends them already. The edit writes what
        ML116 and ML118 together add (`extra_body_entries`)."""
        if self.switch_fix(node, info, needed) is None:
            return  # the request sends them already
        facts = self.model_facts(node, info)  # ML115 may remove these
        skip = frozenset(written_name(a) for p, a in self.arguments(node).items() if p in facts)
        found = self.switch_fix(node, info, self.extra_body_entries(node, info), skip)
        assert found is not None
        tail, edit = found
        if self.untraced is not None and edit is not None:
            tail = f"add {_entries_text(needed)} to extra_body"  # the call is left: by hand
        self.report(
            node.func,
            f"{head}: {tail}{self.unconfirmed(key)}",
            fix=None if edit is not None else FixClass.MANUAL,
            edit=edit,
            data={"extra_body": dict(needed)},
        )

    def param(self, key: str) -> Any:
        return self.provider.params.get(key)

    def unconfirmed(self, key: str) -> str:
        return param_unconfirmed(self.provider, key)

    def call_model(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None] | None:
        """The provider model a request sends once migrated, and the OpenAI model it comes
        from (None when written as a provider model); None when not known statically.

        Known: a literal or a module constant (`MODEL = "..."`) that names one of the
        provider's models, or an OpenAI model that `--model`/config or the provider's table
        maps (ML201 writes that mapping in the same run); and a parameter of a function for
        which every call in the module passes such a value, all meaning one provider model
        (gpt-prompt-engineer's `rank(RANKER, 0.5)`); and `self.model` that its class sets in
        its body and no method assigns, with what its constructions pass (pandas-ai's
        `model: str = ...`), all meaning one provider model; `self.model` read in a builder
        of a base class for a request of its subclass is that subclass's (`inherited_values`).
        Not known: a computed value, another parameter, an environment default (the
        deployment may set another), an Azure client's deployment name.
        """
        if info.kind == ROUTED:
            routing = self.routing
            if routing is None or routing.model_node is None:
                return None
            return self._model_of((routing.model_node, routing.model, routing.how))
        if self.routing is not None:
            return self._call_model(node, info)
        # the same answer for every rule of this kind but for `settings` (the arguments it
        # reads), and several of them ask it of each request: computed once for the module
        known = cast(
            "dict[tuple[int, bool], tuple[CallInfo, tuple[str, str | None] | None]]",
            self.ctx.analyses.setdefault(_CompatRule.call_model, {}),
        )
        found = known.get((id(node), self.settings))
        if found is not None and found[0] == info:
            return found[1]
        model = self._call_model(node, info)
        known[(id(node), self.settings)] = (info, model)
        return model

    def _call_model(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None] | None:
        """`call_model` of a request that is not routed, computed."""
        model = self._model_argument(node, info)
        if model is None:
            return None
        known = [self._model_of(v) for v in self._model_values(model, node)]
        pairs = [k for k in known if k is not None]
        if not pairs or len(pairs) != len(known) or len({model for model, _ in pairs}) != 1:
            return None
        froms = sorted({source for _, source in pairs if source})
        return pairs[0][0], ", ".join(froms) or None

    def _model_argument(self, node: cst.Call, info: CallInfo) -> cst.BaseExpression | None:
        """What a request gives as its model: its `model=` (or the entry of a dict spread into
        it); for Semantic Kernel's execution settings given none, their service's
        (`settings_service_model`); None for none, or an Azure client's deployment."""
        arg = self.arguments(node).get("model")
        if arg is not None:
            model: cst.BaseExpression | None = arg.value
        elif info.kind == SETTINGS:
            model = settings_service_model(self.ctx, node)
        elif self.ctx.mentions("from_openai"):  # the model the instructor wrapper was given
            model = self.ctx.request_wrapper_model(node)
        else:
            model = None
        if model is None or (info.client is not None and info.client.azure):
            return None
        return model

    def _model_values(
        self, model: cst.BaseExpression, request: cst.Call | None = None
    ) -> list[tuple[cst.BaseExpression, str, str]]:
        """The values a request's model may hold, as `resolve_literal` gives them: a literal
        or constant, what the module's calls pass for a parameter (`_passed_for`), a field's
        default and what constructions pass (`_field_models`, for the request `request`), or
        each string a name may hold (`known_literals`); empty where they are not all known."""
        resolved = self.ctx.resolve_literal(model)
        if resolved is not None and _written(resolved[2]):
            return [resolved]
        return (
            self._passed_for(model)
            or self._field_models(model, request)
            or known_literals(self.ctx, model)
            or self._file_models(model)
        )

    def _file_models(self, value: cst.BaseExpression) -> list[tuple[cst.BaseExpression, str, str]]:
        """For a read of a settings file's model entry (`cfg["model"]`, `cfg` bound to
        `json.load(open("settings.json"))`, or a constant bound once to such a read), the
        model each of the project's files of that name gives there (`file_model_read`), as
        written in the file (ML503 maps an OpenAI model there in the same run); empty for
        another value."""
        held, _ = self.visible(value)
        read = file_model_read(self.ctx, held)
        if read is None:
            return []
        return [(held, m.model_from or m.model, "literal") for m in read.models]

    def _field_models(
        self, value: cst.BaseExpression, request: cst.Call | None = None
    ) -> list[tuple[cst.BaseExpression, str, str]]:
        """For `self.model` whose class sets it in its body (`model: str = "gpt-4o"`) and no
        method assigns it, or `agent.model` read from an instance of such a class of the module
        (`instance_field_values`: swarm's `agent: Agent`), the default and what each
        construction in the module passes for it, as `resolve_literal` gives a class's default;
        empty unless each is a string. `self.model` read in a builder of a base class for a
        request its subclass sends is the field as that subclass (and the module's subclasses
        of it) set it (`inherited_values`: pandas-ai's `model` beside the base's sampling)."""
        if not isinstance(value, cst.Attribute):
            return []
        wanted = _is_string
        inherited = inherited_values(self.ctx, value, request, wanted)
        if inherited is not None:
            values = inherited
        else:
            found = field_values(self.ctx, value, wanted) or instance_field_values(
                self.ctx, value, wanted
            )
            if found is None:
                return []
            values = [found[0], *found[1]]
        texts = [(v, string_value(v)) for v in values]
        if any(text is None for _, text in texts):
            return []
        return [(v, text, "class default") for v, text in texts if text is not None]

    def _passed_for(self, value: cst.BaseExpression) -> list[tuple[cst.BaseExpression, str, str]]:
        """The literals (or constants) every call of this module's function passes for its
        parameter `value` (`rank(RANKER, 0.5)` for `def rank(model_name, temp)`), as
        `resolve_literal` gives them; empty unless each of its calls shows one."""
        found = []
        for given in self._passed_args(value):
            resolved = self.ctx.resolve_literal(given)
            if resolved is None:
                return []
            found.append(resolved)
        return found

    def _passed_args(self, value: cst.BaseExpression) -> list[cst.BaseExpression]:
        """What every call of this module's function passes for its parameter `value`; empty
        unless the function is called only by its name, each call passing it."""
        ctx = self.ctx
        if not isinstance(value, cst.Name):
            return []
        bound = ctx.bindings(value)
        param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
        if not isinstance(param, cst.Param):
            return []
        function = next(
            (a for a in reversed(ctx.ancestors(param)) if isinstance(a, cst.FunctionDef)), None
        )
        if function is None or param not in function.params.params:
            return []
        position = function.params.params.index(param)
        named = [b for b in ctx.bindings(function.name) if isinstance(b, Assignment)]
        if len(named) != 1 or not named[0].references:
            return []
        found = []
        for access in named[0].references:
            parents = ctx.ancestors(access.node)
            call = parents[-1] if parents else None
            if not isinstance(call, cst.Call) or call.func is not access.node:
                return []  # passed around, or called another way: its callers are not all here
            given = next(
                (a for a in call.args if a.keyword and a.keyword.value == value.value), None
            )
            if given is None:
                plain = [a for a in call.args if a.keyword is None and not a.star]
                if len(plain) <= position or any(a.star for a in call.args):
                    return []
                given = plain[position]
            found.append(given.value)
        return found

    def _model_of(
        self, resolved: tuple[cst.BaseExpression, str, str]
    ) -> tuple[str, str | None] | None:
        """The provider model (and the OpenAI model it comes from) of a literal or constant
        `resolve_literal` gave."""
        literal, model, how = resolved
        if not _written(how):
            return None
        rules = self.ctx.rules
        if model in rules.models:
            return rules.models[model], model
        if self.provider.serves(model):
            return model, None
        if rules.openai.serves(model):
            # a request sending images gets the provider's model for them (as ML201 maps it)
            images = id(literal) in image_model_nodes(self.ctx)
            mapped = rules.map_model(model, images)
            if mapped is not None:
                return mapped, model
        return None

    def default_model(self, node: cst.Call, info: CallInfo) -> tuple[str, str | None, str] | None:
        """(the provider model, the OpenAI model it maps from or None, `<param> of <f>()`) of a
        request of the SDK whose `model=` is a parameter with a string default
        (`parameter_default_model`), or `self.X` its class assigns once from one
        (NeedleInAHaystack's `self.model_name = model_name`), or a parameter with none that
        the module's calls fill from such a default of their own function, each value they
        give it the same provider model (`handed_default`); None for another."""
        arg = self.arguments(node).get("model")
        if info.kind not in (*CALL_KINDS, RAW) or arg is None or self.untraced is not None:
            return None
        if info.client is not None and info.client.azure:
            return None
        found = parameter_default_model(self.ctx, arg.value)
        if found is not None:
            known = self._model_of((found[0], found[1], "literal"))
            return (known[0], known[1], found[2]) if known is not None else None
        # handed on from a parameter of the module's function calling this one (`main(prompt,
        # model="gpt-4o-mini")` calling `complete(model, ...)`): one provider model for all
        handed = [
            (self._model_of((d.literal, d.text, "literal")), d.label)
            for d in handed_default(self.ctx, arg.value)
        ]
        targets = {known[0] if known else None for known, _ in handed}
        first = next(((known, label) for known, label in handed if label), None)
        if first is None or len(targets) != 1:
            return None
        known, label = first
        return (known[0], known[1], label) if known is not None else None

    def model_facts(self, node: cst.Call, info: CallInfo) -> dict[str, tuple[str, str]]:
        """`[model_params]` facts (param -> (fact, glob)) for the model of this request."""
        if not self.provider.model_params:
            return {}
        known = self.call_model(node, info)
        return self.provider.model_param_facts(known[0] if known else None)

    def visible(self, expr: cst.BaseExpression) -> tuple[cst.BaseExpression, str | None]:
        """The expression a value is written as: itself, or the value of the one assignment
        of a name (a constant), with the constant's name."""
        if isinstance(expr, cst.Name):
            found = self.ctx.bindings(expr)
            if len(found) == 1 and isinstance(found[0], Assignment):
                value = self.ctx.index.assigned.get(id(found[0].node))
                if value is not None:
                    return value, expr.value
        return expr, None

    def held(self, expr: cst.BaseExpression, members: bool = False) -> list[Held]:
        """The values an argument may send as written: `visible`'s one, or, for a name bound
        in several places, the value of each assignment that may reach the use (`rf = {...}`
        under an `if`, `rf = None` under its `else`), in the order of the text; each branch
        of a conditional expression (`"auto" if n < 3 else "none"`: `branches`). A binding
        that is no plain assignment (a parameter, a loop target) shows no value. With
        `members`, an attribute, in the request or what a name holds (`top_p = top_p if top_p
        is not None else self.config.top_p`), stands for the values its class assigns it
        (`attribute_values`)."""
        if isinstance(expr, cst.IfExp):
            return [
                h
                if h.name is not None or h.branch
                else h._replace(site=h.value, via=via, branch=True)
                for part, via in self.branches(expr)
                for h in self.held(part, members)
            ]
        if members and isinstance(expr, cst.Attribute):
            found = self.attribute_values(expr)
            if found:
                return found
        value, constant = self.visible(expr)
        if constant is not None or not isinstance(expr, cst.Name):
            return self.held_as(value, constant, members=members)
        if len(self.ctx.bindings(expr)) < 2:
            return [Held(expr)]
        found = []
        for binding in self.ctx.reaching(expr):
            if not isinstance(binding, Assignment):
                continue
            assigned = self.ctx.index.assigned.get(id(binding.node))
            # `t = t if t is not None else 0.2`: the assignment reaches the name in its own
            # value too, where the name holds what the other bindings give it
            if assigned is not None and id(binding.node) not in self._expanding:
                line = self.ctx.position(binding.node)[0][0]
                outer = self._expanding
                self._expanding = outer | {id(binding.node)}
                try:
                    found += self.held_as(assigned, expr.value, line, members)
                finally:
                    self._expanding = outer
        return sorted(found, key=lambda h: h.line or 0) or [Held(expr)]

    def held_as(
        self,
        value: cst.BaseExpression,
        name: str | None,
        line: int | None = None,
        members: bool = False,
    ) -> list[Held]:
        """`value` as a name (`name`, None for a value written in the request) holds it: each
        branch of a conditional expression assigned to the name is one of its values; with
        `members`, so is each value an attribute assigned to it holds (`held`)."""
        if name is not None and members and isinstance(value, cst.Attribute):
            found = self.attribute_values(value)
            if found:
                return found
        if name is None or not isinstance(value, cst.IfExp):
            return [Held(value, name, line)]
        return [h if h.member else Held(h.value, name, line) for h in self.held(value, members)]

    def branches(self, expr: cst.IfExp) -> list[tuple[cst.BaseExpression, str]]:
        """The two values of a conditional expression, each with what a message says of it:
        ` (when n < 3)`, ` (unless n < 3)`; a long or multi-line test is not repeated."""
        test = self.ctx.code(expr.test).strip()
        if len(test) > _TEST_SHOWN or "\n" in test:
            return [
                (e, " (one branch of a conditional expression)") for e in (expr.body, expr.orelse)
            ]
        return [(expr.body, f" (when {test})"), (expr.orelse, f" (unless {test})")]

    def sent(self, arg: RequestArgument, keyword: str) -> list[Held]:
        """`held`'s values, or, for a parameter of the module's function sent as `keyword=`
        (`tool_choice=tool_choice`), the values the module's calls of it pass (`held`'s of
        each: a literal, a constant), followed out through the functions handing them on as
        they are (`forwarding`), and its default and theirs, each reported where it is
        written; likewise for an entry of the function's `**kwargs` the request spreads, and
        for an argument of another module's function sending it (`arg.forwarded`); for
        `self.X`, the values the class assigns it (`self.top_p = 0`), and for `self.config.X`
        those the config object's class does (TaskWeaver's `self.top_p = self._get_float(
        "top_p", 0)`: `config_objects`), in the request or through a name holding them."""
        value, hop = arg.value, arg.forwarded
        if hop is not None and hop.slot is not None:
            return self.forwarded_values(hop.slot, keyword, hop.where, default=False)
        slot = Forwarding.of(self.ctx).source(value)
        if hop is not None:
            if slot is None:
                via = (
                    f" (argument {hop.name} of {hop.function}(), sent as {keyword}={hop.bound} on "
                    f"{hop.where}{through_text(hop.through)})"
                )
                if hop.spread:
                    via = (
                        f" (an entry of argument {hop.name} of {hop.function}(), which spreads "
                        f"it into the request on {hop.where}{through_text(hop.through)})"
                    )
                return [
                    Held(h.value, h.name, None, None, via) for h in self.held(value, members=True)
                ]
            return self.forwarded_values(
                slot, keyword, hop.where, (hop.function, *hop.through), written=hop.bound
            )
        if slot is None:
            return self.held(value, members=True)
        line = self.ctx.line_label(self.ctx.position(arg.item)[0][0])
        return self.forwarded_values(slot, keyword, line)

    def forwarded_values(
        self,
        slot: Slot,
        keyword: str,
        where: str,
        tail: Sequence[str] = (),
        default: bool = True,
        written: str = "",
    ) -> list[Held]:
        """The values the module's calls give `slot` (`Forwarding.passed`), with its default
        (`default`), each sent as `keyword=` on `where` (as `keyword=written`, a computation of
        the parameter: `n=min(n, 20)`) through the functions it goes through and those of
        `tail` after them, and reported where it is written, once."""
        leaves = Forwarding.of(self.ctx).passed(slot)
        if default and slot.param is not None and slot.param.default is not None:
            leaves.append(Passed(slot.param.default, slot.function, slot.name, default=True))
        found = []
        for leaf in leaves:
            if not self.first_report(leaf.value):
                continue
            names = [function_label(self.ctx, f) for f in leaf.through] + list(tail)
            sent = f"sent as {keyword}={written} on {where}{through_text(names)}"
            shown = f"{leaf.name} of {function_label(self.ctx, leaf.function)}()"
            via = (
                f" (the default of {shown}, {sent})"
                if leaf.default
                else f" (argument {shown}, {sent})"
            )
            found += [
                Held(h.value, h.name, None, leaf.value, via)
                for h in self.held(leaf.value, members=True)
            ]
        return found

    def attribute_values(self, attr: cst.Attribute) -> list[Held]:
        """The values the class assigns `self.X` (`attr`) in its methods, or else sets as X
        in its body with what its constructions pass (`field_values`); for `self.config.X`,
        those of the config object's class (`member_values`); each as the value a name bound
        in several places may hold, with the line it is written on; a settings getter's
        default for the getter (`self._get_float("top_p", 0)`). None where none is shown."""
        inherited = inherited_values(self.ctx, attr, self.at, lambda _: True)
        if inherited is not None:
            values = inherited
        elif self_attribute(attr):
            values = self.ctx.self_values(attr)
            if not values:
                found = field_values(self.ctx, attr, lambda _: True)
                values = [found[0], *found[1]] if found is not None else []
        else:
            values = member_values(self.ctx, attr)
        name = self.ctx.code(attr)
        shown = [getter_default(v) or v for v in values]
        return [Held(v, name, self.ctx.position(v)[0][0], member=True) for v in shown]


def _is_string(value: cst.BaseExpression) -> bool:
    return string_value(value) is not None


# what `functions_hint` takes a request of another module's function for: the SDK's own
# (`imported_wrappers` records only those), so its reply reads as one
_IMPORTED_REQUEST = CallInfo("client", "chat", "", "create")


def imported_via(arg: RequestArgument) -> str:
    """` (argument X of f(), sent on line 8 of pkg/backend.py)` for an argument of another
    module's function sending it (`Forwarded`, no slot); else ""."""
    hop = arg.forwarded
    if hop is None or hop.slot is not None:
        return ""
    through = through_text(hop.through)
    if hop.spread:
        return (
            f" (an entry of argument {hop.name} of {hop.function}(), which spreads it into the "
            f"request on {hop.where}{through})"
        )
    return f" (argument {hop.name} of {hop.function}(), sent on {hop.where}{through})"


def written_name(arg: RequestArgument) -> str:
    """The keyword an argument is written with (`number_of_responses` for the `n` of
    Semantic Kernel's settings), else the request's name for it."""
    label = arg.label
    return label.value if isinstance(label, cst.Name) else arg.name


def _written(how: str) -> bool:
    """Whether a value `resolve_literal` gave (`how` it says it) is a literal or a module
    constant: a model the code sends as written, not a default the caller may replace; or a
    framework class's default model, which apply writes (`generation_requests`)."""
    return how in ("literal", "class default") or how.startswith("constant ")


class UnsupportedParameter(_CompatRule):
    """A chat request parameter, or value, that the provider does not accept.

    ## What it does
    Checks the values written in the source against the provider's `[params]` table:
    `temperature` / `top_p` outside its range, a `tool_choice` it does not accept (`"required"`,
    a named tool, or the legacy `function_call` naming a function), a `response_format` type
    it lacks (`json_schema`: where ML101 reports the SDK request as one for structured
    outputs the provider refuses, or takes from the models its file names only, `[params]
    structured_models`, that finding says it, alone; elsewhere, with such a list, a request
    whose model, known as ML115 reads it, is listed gets nothing, one whose model is not is an
    error naming the models that take it, and one whose model is not known is a warning
    naming them), `n` above its maximum, a
    `reasoning_effort` its list does not hold (DeepSeek takes low, high and max: `"medium"`,
    `"minimal"` are reported), and `logprobs`, `seed`, `parallel_tool_calls`, `stream_options`
    (also LangChain's ChatOpenAI built with `stream_usage=True`, which sends it with each
    streamed request: `lc.STREAM_USAGE`), `functions` / `function_call` where it has none;
    and the `tool_choice=` of LangChain's `bind_tools(tools, tool_choice=...)` on a chat model
    that may be ChatOpenAI sending to OpenAI or the provider (as ML604 finds one, also held by
    another object whose class builds it, `self.endpoint._llm`, in any of the values it gives
    it: where the others are other providers' classes chosen at run time, quivr's factory
    building ChatAnthropic or ChatOpenAI by its config, the message names them), judged by
    what langchain-openai sends for it (`lc.BIND_TOOL_CHOICE_SENT`: "any" and True as
    "required", a tool's name or a dict as a named tool; False and None send none).
    Strict function tools (`"strict": true`:
    every tool of `chat.completions.parse`, which refuses others, one built by
    `openai.pydantic_function_tool(...)`, a tool dict saying `"strict": True`) sent to a
    provider whose file documents strict function calling on another base URL only (`[params]
    strict_tools_base_url`: DeepSeek's /beta) are a warning left to a person: on the base apply
    writes the tool call's arguments may not follow the schema, which parse then fails to read
    (t58e: openai-python's parsing_tools.py). Semantic Kernel's execution settings
    (`OpenAIChatPromptExecutionSettings(...)`), whose fields the service sends as the request's
    arguments, are checked the same way (`number_of_responses` is `n`), as ML112 and ML115 check
    them, with the fields set on them by attribute where they are bound once to a name
    (`settings.temperature = 1.5`: left to a person); their `function_choice_behavior=
    FunctionChoiceBehavior.Required()` (`NoneInvoke()`, or the string or dict the settings
    parse) is the `tool_choice="required"` (`"none"`) the service sends with the kernel's
    functions; so is a call on litellm's
    OpenAI-compatible route (`dspy.LM("openai/gpt-4o", temperature=1.5)`, a litellm call
    for a provider without a route of its own; a Router deployment there) and smolagents'
    `OpenAIServerModel`, its base URL OpenAI's or the provider's: litellm (or the OpenAI
    client) sends its keywords as they are; the OpenAI Agents SDK's `ModelSettings(...)`,
    whose `temperature`, `top_p`, penalties and `tool_choice` mode (`"required"`, also as a
    branch of `"required" if forced else None`) its chat completions model sends as they are
    (`frameworks.agents.SETTINGS_SENT`; left to a person: the model they go with is the
    Agent's; t57b: forcing_tool_use green while sending "required" to Kimi), followed to the
    calls given them as `model_settings=` (written there, or through a name bound once to
    them that the module reads nowhere else): settings only Agents on a LiteLLM or any-llm
    model or a client left pointing at another server use are not reported (as ML635 reads an
    Agent's model), settings the module uses otherwise are; and the
    `generation_kwargs={...}` given to Haystack's `OpenAIChatGenerator` / `OpenAIGenerator`
    (haystack-experimental's too), or to `run(...)` / `run_async(...)` of one the module
    builds (in the expression, or through a name bound once to it), which it sends as the
    request's arguments, when it talks to OpenAI or the provider: its model is its `model=` (a
    literal or constant) or the class's default, as ML680 maps them; likewise the keywords
    given to `bind(...)`, `invoke(...)` and the other request methods of a chat model built
    from LangChain's OpenAI chat classes (`llm.bind(functions=[...], function_call={...})`),
    which LangChain sends with the request (always manual); a LlamaIndex OpenAI LLM sending
    to the provider (OpenAILike, or a class deriving from it or from OpenAI, given the
    provider's base URL: of the module, or of a module of the project imported by name, also
    through a function of the module returning it or `importlib.import_module(...)`), whose
    `additional_kwargs={...}` entries go into every
    request, the keys a subclass's `_get_model_kwargs` sets on what `super()` returns (also
    through a method of the module returning dict displays, each judged where it is
    written), and what its structured output asks for: `structured_predict(...)`,
    `as_structured_llm(...)` and `FunctionCallingProgram.from_defaults(llm=...)` send a
    json_schema `response_format` (`should_use_structured_outputs=True`), else
    `tool_choice="required"` in every program mode (always manual; `llamaindex_requests`);
    and an agent built on such a
    model whose requests send the legacy `functions=` (`initialize_agent(tools, llm,
    agent=AgentType.OPENAI_FUNCTIONS)`, `OPENAI_MULTI_FUNCTIONS`,
    `create_openai_functions_agent(llm, ...)`), reported on its agent type; and a legacy
    `functions=` / `function_call=` given to such a request method (the older `predict`,
    `apredict`, `predict_messages` and `apredict_messages` too: `frameworks.langchain.
    PER_CALL_METHODS`) of a model the module does not build (a parameter, `self.model` set
    from one: the message says to change it by hand if it talks to the provider), or given
    to a helper together with the method, uncalled (AgentGPT's `openai_error_handler(func=
    self.model.apredict_messages, messages=..., functions=functions)`, t50g). A parameter the table
    does not mention is not reported; one it marks uncertain carries the reason. A value is one
    written in the request, a module constant, or, for a name bound in several places (`rf =
    {...}` under an `if`, `rf = None` under its `else`), each value assigned to it that may
    reach the request: one of them refused is reported (manual), with the line assigning it.
    Each branch of a conditional expression is one of the values too (`tool_choice="auto" if
    n < 3 else "none"`, t49b): one refused is reported where it is written, `tool_choice="none"
    (unless n < 3)`, as a literal written alone there is. A
    parameter of the module's function sent as the request's (`tool_choice=tool_choice`) is
    followed to the values the module's calls of it pass and to its default, and on through
    the functions handing it on as they are (`forwarding`, as ML204 follows a model: `n=5
    (argument n of gpt(), sent as n= on line 5 through chatgpt())`), and for `n` through
    the builtin `min()` / `max()` of such a parameter and numbers (tree-of-thought-llm's
    `cnt = min(n, 20)`, even where the loop lowers `n` after: `n=3 (argument n of gpt(),
    sent as n=min(n, 20) on line 16 through chatgpt())`, the number it gives); where the
    provider returns one choice, such an `n` whose value the module does not show (a
    parameter given `len(items)`) is a warning that it must be 1 there, as t62g found the
    check silent while every request sent n=3; the same for such a `min()` of a function of
    another module the module imports (`WrapperParam.bound`), also through the imported
    name bound again to a `functools.partial` of itself given keywords only (bfs.py's
    `global gpt; gpt = partial(gpt, model=args.backend)`: `project_calls.rebound_import`);
    also into the entries of
    a `**kwargs` the request spreads that the module's calls fill, and the arguments of a
    call of another module's function that sends them (`imported_wrappers`), and the entries
    of a mapping given to such a function that spreads that parameter into its request as it
    is (khoj's `model_kwargs["response_format"] = {"type": "json_schema", ...}` in gpt.py,
    spread by utils.py's `completion_with_backoff` into `beta.chat.completions.stream`, t55a:
    `response_format type "json_schema" (an entry of argument model_kwargs of
    completion_with_backoff(), which spreads it into the request on line 175 of ...)`; not an
    entry the function writes or pops, nor any where it uses the mapping otherwise): each one
    refused is reported where it is written (manual, a temperature too: the function may use it
    elsewhere); a key set on a spread dict in several places (under an `if` and its `elif`) is
    checked at each; `self.X` to each value its class assigns it (`self.top_p = 0`), and
    `self.config.X` to each value the config object's class gives X where that class is the
    module's (the annotation of the parameter `self.config` is set from, its construction
    there, or the class body's `config: Config`): what its methods assign `self.X`, else its
    field default; a settings getter's default stands for the getter (TaskWeaver's `self.top_p
    = self._get_float("top_p", 0)`, t51e), also through a name taken from such an attribute
    (`top_p = top_p if top_p is not None else self.config.top_p`). `logit_bias` is
    reported for every provider but OpenAI and Azure OpenAI: its keys are token ids of OpenAI's
    tokenizer (gpt-prompt-engineer's classifier biased `"1904"` and `"3934"`, its answer words).
    The JSON body of a raw HTTP chat request (`requests`, `httpx`, `aiohttp`: `post(url,
    json=payload)`, a dict display in the call or bound once to a name, keys it sets
    included) is checked as the request's arguments where its URL is the provider's chat
    endpoint: its base URL (a literal, its base-URL variable's read, `.rstrip("/")` of
    either) plus `/chat/completions`, or an OpenAI one that ML403 points there in the same
    run; an entry is edited only where the dict serves nothing but such requests (t50b,
    GPTDiscord).

    Around a chat request of the SDK's shape (not an openai<1.0 one, which ML302 and ML305
    report, nor one a framework sends) that sends `tools=` and no `functions=`, or goes to a
    provider whose file says `[params] functions = false`, what is left of the legacy function
    calling is an error (t55g): a read of the reply's `function_call` (`r.choices[0].message.
    function_call`, on a name bound to the reply or its message, a loop's target over its
    choices or a stream's chunks, `delta.function_call`, a function of the module returning
    the reply, `["function_call"]` and `.get("function_call")` of the message or its
    `to_dict()` / `model_dump()`, `getattr(msg, "function_call", None)`), None on a reply to
    `tools=`; and, for such a provider, a message the request sends with the role "function"
    or an assistant message with a `function_call` entry (whatever its role is written as),
    written in its `messages=[...]` list (a constant, a value passed to the module's function
    sending it) or added to the list a name given as `messages=` holds (`append`, `insert`,
    `extend([...])`, `+= [...]`), as a dict display, `dict(role=...)`, or a name bound to one.
    The message for `functions=` in such a request says the same: read the calls from
    `message.tool_calls[i].function.name` and `.arguments`, send back the assistant message
    with its `tool_calls` and each result as `{"role": "tool", "tool_call_id": ..., "content":
    ...}`.

    ## Why
    Providers reject (HTTP 400) or silently ignore what they do not support; either way the
    code no longer does what it says. A reply to `tools=` carries its calls in
    `message.tool_calls`, and `message.function_call` is None: `function_call.name` raises
    AttributeError, or `if message.function_call:` never runs the tool.

    ## Fix
    A literal temperature or top_p is clamped into range (review: sampling changes a
    little), in each branch of a conditional expression written in the request too
    (`1.5 if hot else 0.5` becomes `1.0 if hot else 0.5`); one a constant holds is left.
    Everything else needs a person; the message says what to do instead (a
    `reasoning_effort`: which accepted value means the same is the provider's to say, and no
    provider file says it). A
    parameter that the request's model fixes or does not take (`[model_params]`) is ML115's:
    it is removed, not clamped. The leftovers of the legacy function calling are left to a
    person.

    ## Data
    `param`: the parameter; for a leftover of the legacy function calling, `functions` and
    `leftover`: `read` (the reply's `function_call`), `function` (a message with that role) or
    `function_call` (an assistant message carrying it).
    """

    code = "ML111"
    name = "unsupported-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    # a completions request sends the same sampling parameters (t65b: lmql's logit_bias,
    # logprobs to DeepSeek's /beta/completions)
    surfaces = frozenset({"chat", "completions"})
    settings = True
    routed = True
    guarded = True
    per_call = True
    forwarded = True
    # the request checked is one ML101 reports for its json_schema (`_schema_call`)
    schema_reported = False
    # the provider model the request checked sends (`call_model`), where known
    sent_model: tuple[str, str | None] | None = None
    examples = (
        # t65d: LangChain's ChatOpenAI sends stream_options= with each streamed request
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o-mini", stream_usage=True)\n',
            provider="zhipu",
            message="stream_usage=True (sent as stream_options=) is not supported by Zhipu AI "
            "(GLM); remove it and count tokens another way (unconfirmed: one third-party source "
            "(AgentScope GLM formatter))",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o-mini", stream_usage=False)\n',
            provider="zhipu",
            finds=False,
        ),
        # t67c: quivr forces its answer tool with LangChain's "any", sent as "required"
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o")\n'
            'forced = llm.bind_tools([cite], tool_choice="any")\n',
            provider="zhipu",
            message='tool_choice="any" of ChatOpenAI().bind_tools() is sent by langchain-openai '
            'as "required", which Zhipu AI (GLM) does not accept (accepted: auto); use "auto" '
            "and check that the model calls a tool",
        ),
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o")\n'
            'chosen = llm.bind_tools([cite], tool_choice="auto")\n',
            provider="zhipu",
            finds=False,
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.5)\n",
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.0)\n",
        ),
        # t66f: a LangChain or LlamaIndex class sends its constructor's temperature in every
        # request; apply points it at the provider, so it is ranged as the request's
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o-mini", temperature=1.5)\n',
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after="from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="gpt-4o-mini", temperature=1.0)\n',
        ),
        Example(
            "from llama_index.llms.openai import OpenAI\n\n"
            'llm = OpenAI(model="gpt-4o-mini", temperature=1.5)\n',
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after="from llama_index.llms.openai import OpenAI\n\n"
            'llm = OpenAI(model="gpt-4o-mini", temperature=1.0)\n',
        ),
        # a class left on OpenAI keeps OpenAI's range
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(base_url=URL, model="gpt-4o-mini", temperature=1.5)\n',
            provider="acme",
            finds=False,
        ),
        # t66g: a class the code already points at the provider sends it the same; the
        # default of a parameter reaching it is reported where it is written (manual)
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'llm = ChatOpenAI(base_url=URL, model="acme-small", temperature=1.5)\n',
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
            'URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'llm = ChatOpenAI(base_url=URL, model="acme-small", temperature=1.0)\n',
        ),
        Example(
            _CLASS_DEFAULT,
            provider="acme",
            message="temperature 1.5 (the default of temperature of make(), sent as temperature= "
            "on line 5) is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after=_CLASS_DEFAULT,
        ),
        # one pointed at another provider keeps that provider's range
        Example(
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(base_url="https://api.deepseek.com", model="deepseek-chat", '
            "temperature=1.5)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[], tool_choice="required")\n',
            provider="acme",
            message='tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); '
            'use "auto" and check that the model calls a tool',
        ),
        Example(
            "from agents import Agent, ModelSettings\n\n"
            'agent = Agent(name="a", tools=[f], '
            'model_settings=ModelSettings(tool_choice="required"))\n',
            provider="acme",
            message='tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); '
            'use "auto" and check that the model calls a tool',
        ),
        Example(
            "from agents import ModelSettings\n\n"
            'settings = ModelSettings(tool_choice="lookup_order", temperature=0.5)\n',
            provider="acme",
            finds=False,
        ),
        # t64c D1: vocode's request dict, built by one function and sent by another
        Example(
            _CLIENT + "\n\ndef build():\n"
            '    return {"model": "m", "messages": [], "functions": F}\n\n\n'
            "def send(params):\n    return c.chat.completions.create(**params)\n\n\n"
            "send(build())\n",
            provider="moonshot",
            message="functions= is not supported by Moonshot AI (Kimi); rewrite it as tools=, "
            "then read the calls from the reply's message.tool_calls[i].function.name and "
            ".arguments (not message.function_call) and send back the assistant message with "
            'its tool_calls and each result as {"role": "tool", "tool_call_id": ..., '
            '"content": ...}',
        ),
        # litellm's route, not the chat completions model, sends these settings
        Example(
            "from agents import Agent, ModelSettings\n"
            "from agents.extensions.models.litellm_model import LitellmModel\n\n"
            'forced = ModelSettings(tool_choice="required")\n'
            'agent = Agent(name="a", tools=[f], model=LitellmModel("acme/acme-large"), '
            "model_settings=forced)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "\n\ndef ask(m, choice=None):\n"
            "    return c.chat.completions.create(model=m, messages=[], tool_choice=choice)\n\n\n"
            'ask([], choice="required")\n',
            provider="acme",
            message='tool_choice="required" (argument choice of ask(), sent as tool_choice= on '
            'line 6) is not accepted by Acme Cloud (accepted: auto, none); use "auto" and check '
            "that the model calls a tool",
        ),
        Example(
            _CLIENT + "\n\ndef chat(q, model, n=1):\n"
            "    return c.chat.completions.create(model=model, messages=q, n=n)\n\n\n"
            'def ask(q, n=1):\n    return chat(q, "acme-large", n=n)\n\n\n'
            "ask([], n=3)\n",
            provider="acme",
            message="n=3 (argument n of ask(), sent as n= on line 6 through chat()) asks for "
            "more choices than Acme Cloud returns (at most 1); make several requests instead",
        ),
        # tree-of-thought-llm's chatgpt(): the request sends min(n, 20) of what gpt() is given
        Example(
            "import openai\n\n\ndef send(**kwargs):\n"
            "    return openai.chat.completions.create(**kwargs)\n\n\n"
            "def gpt(q, n=1):\n    return chatgpt(q, n=n)\n\n\n"
            "def chatgpt(q, n=1):\n    cnt = min(n, 20)\n"
            '    return send(model="gpt-4o", messages=q, n=cnt)\n\n\n'
            "gpt([], n=3)\n",
            provider="acme",
            message="n=3 (argument n of gpt(), sent as n=min(n, 20) on line 13 through "
            "chatgpt()) asks for more choices than Acme Cloud returns (at most 1); make several "
            "requests instead",
        ),
        Example(
            _CLIENT + "if strict:\n"
            '    rf = {"type": "json_schema", "json_schema": SCHEMA}\n'
            "else:\n"
            "    rf = None\n"
            "c.chat.completions.create(model=m, messages=[], response_format=rf)\n",
            provider="acme",
            message='response_format type "json_schema" (one of the values rf may hold, line 4) '
            "is not accepted by Acme Cloud (accepted: text, json_object); use json_object and "
            "describe the schema in the prompt",
        ),
        Example(
            "from semantic_kernel.connectors.ai import FunctionChoiceBehavior\n"
            "from semantic_kernel.connectors.ai.open_ai import OpenAIChatPromptExecutionSettings\n"
            "settings = OpenAIChatPromptExecutionSettings(\n"
            "    function_choice_behavior=FunctionChoiceBehavior.Required()\n"
            ")\n",
            provider="acme",
            message='FunctionChoiceBehavior.Required() (sent as tool_choice="required") is not '
            "accepted by Acme Cloud (accepted: auto, none); use FunctionChoiceBehavior.Auto() "
            "and check that the model calls a tool",
        ),
        Example(
            _CLIENT
            + 'c.chat.completions.create(model=m, messages=[], reasoning_effort="medium")\n',
            provider="deepseek",
            message='reasoning_effort="medium" is not accepted by DeepSeek (accepted: low, high, '
            "max); choose one of those by hand",
        ),
        Example(
            "from haystack.components.generators.chat import OpenAIChatGenerator\n"
            'bot = OpenAIChatGenerator(model="gpt-4o", generation_kwargs={"temperature": 1.5})\n',
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after="from haystack.components.generators.chat import OpenAIChatGenerator\n"
            'bot = OpenAIChatGenerator(model="gpt-4o", generation_kwargs={"temperature": 1.0})\n',
        ),
        # t49b (D3): chatgpt-telegram-bot's tool loop, rewritten from function_call= by hand
        Example(
            _CLIENT + "\n\ndef ask(m, n=0):\n"
            "    return c.chat.completions.create(\n"
            '        model=m, messages=[], tool_choice="auto" if n < 3 else "required"\n'
            "    )\n",
            provider="acme",
            message='tool_choice="required" (unless n < 3) is not accepted by Acme Cloud '
            '(accepted: auto, none); use "auto" and check that the model calls a tool',
        ),
        Example(
            _CLIENT
            + "c.chat.completions.create(model=m, messages=[], temperature=1.5 if hot else 0.5)\n",
            provider="acme",
            message="temperature 1.5 (when hot) is outside the range Acme Cloud accepts, "
            "[0.0, 1.0]; use 1.0",
            after=_CLIENT
            + "c.chat.completions.create(model=m, messages=[], temperature=1.0 if hot else 0.5)\n",
        ),
        # t49d (D2): xiaogpt's chain, its agent type sending functions=
        Example(
            "from langchain.agents import AgentType, initialize_agent\n"
            "from langchain_openai import ChatOpenAI\n\n"
            'llm = ChatOpenAI(model="deepseek-flash", base_url="https://api.deepseek.com")\n'
            "agent = initialize_agent(TOOLS, llm, agent=AgentType.OPENAI_FUNCTIONS)\n",
            provider="deepseek",
            message="initialize_agent(agent=AgentType.OPENAI_FUNCTIONS) builds an agent whose "
            "requests send the legacy functions= (OpenAI's function calling), which DeepSeek "
            "does not support: build it with create_tool_calling_agent(llm, tools, prompt), "
            "which sends tools=, by hand (unconfirmed: functions and function_call are absent "
            "from the API reference, which lists tools and tool_choice; the docs do not say the "
            "legacy parameters are rejected)",
        ),
        # t50g (D6): AgentGPT's analysis, its model built in another module
        Example(
            "from langchain.schema import HumanMessage\n\n\n"
            "async def analyze(model, functions):\n"
            "    return await handle(\n"
            "        func=model.apredict_messages,\n"
            '        messages=[HumanMessage(content="hi")],\n'
            "        functions=functions,\n"
            "    )\n",
            provider="deepseek",
            message="functions= is not supported by DeepSeek, and handle(), given "
            "model.apredict_messages beside it, passes it on to that LangChain chat model's "
            "request method, which sends it as it is; rewrite it as tools= (unconfirmed: "
            "functions and function_call are absent from the API reference, which lists tools "
            "and tool_choice; the docs do not say the legacy parameters are rejected); the "
            "model is built elsewhere: change it by hand if it talks to DeepSeek",
        ),
        # t64d: XAgent's request(**kwargs), copied into the dict the request spreads
        Example(
            _CLIENT + "\n\ndef request(**kwargs):\n"
            '    settings = {"model": "deepseek-flash"}\n'
            "    settings.update(kwargs)\n"
            "    return c.chat.completions.create(**settings)\n\n\n"
            "request(messages=[], functions=[SCHEMA])\n",
            provider="deepseek",
            message=_FUNCTIONS_REWRITTEN,
        ),
        # s65 (hA): XAgent's shape: a copy of the **kwargs (`dict(kw)`) fills a dict
        # bound again before the retry, beside an entry it sets itself
        Example(
            _CLIENT + "\n\ndef request(**kw):\n"
            "    kwargs = dict(kw)\n"
            '    settings = config_for(kwargs.pop("model", "deepseek-flash"))\n'
            '    settings.update({"timeout": 60})\n'
            "    settings.update(kwargs)\n"
            "    try:\n"
            "        return c.chat.completions.create(**settings)\n"
            "    except ValueError:\n"
            '        settings = config_for("deepseek-pro")\n'
            "        settings.update(kwargs)\n"
            "        return c.chat.completions.create(**settings)\n\n\n"
            "request(messages=[], functions=[SCHEMA])\n",
            provider="deepseek",
            message=_FUNCTIONS_REWRITTEN,
        ),
        # t68a: the request's dict bound to the name of the `**kwargs` it spreads (agentscope)
        Example(
            _CLIENT + "\n\ndef ask(messages, **kwargs):\n"
            '    kwargs = {"model": "acme-large", "messages": messages, **kwargs}\n'
            '    kwargs["temperature"] = 1.5\n'
            "    return c.chat.completions.create(**kwargs)\n",
            provider="acme",
            message="temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            after=_CLIENT + "\n\ndef ask(messages, **kwargs):\n"
            '    kwargs = {"model": "acme-large", "messages": messages, **kwargs}\n'
            '    kwargs["temperature"] = 1.0\n'
            "    return c.chat.completions.create(**kwargs)\n",
        ),
        # ... but not where the dict the request spreads is bound again after the filling
        Example(
            _CLIENT + "\n\ndef request(**kwargs):\n"
            '    settings = {"model": "deepseek-flash"}\n'
            "    settings.update(kwargs)\n"
            '    settings = {"model": "deepseek-flash", "messages": []}\n'
            "    return c.chat.completions.create(**settings)\n\n\n"
            "request(messages=[], functions=[SCHEMA])\n",
            provider="deepseek",
            finds=False,
        ),
        # t51e (D2): TaskWeaver's config object, its default read by a settings getter
        Example(
            _CLIENT + "\n\nclass Settings:\n    def __init__(self, data):\n"
            '        self.temperature = data.get("temperature", 1.5)\n\n\n'
            "class Bot:\n    def __init__(self, settings: Settings):\n"
            "        self.settings = settings\n\n    def ask(self, m):\n"
            "        t = self.settings.temperature\n"
            "        return c.chat.completions.create(model=m, messages=[], temperature=t)\n",
            provider="acme",
            message="temperature 1.5 (one of the values self.settings.temperature may hold, "
            "line 7) is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        ),
        # t55g (D1): a function-calling lesson moved to tools= by hand, still reading the
        # legacy reply and sending the legacy turns back
        Example(
            _CLIENT + "msg = c.chat.completions.create(model=m, messages=[], tools=T)"
            ".choices[0].message\n"
            "name = msg.function_call.name\n",
            provider="acme",
            message="msg.function_call reads the reply's legacy function call, None on a reply "
            "to tools= (the request on line 3): read msg.tool_calls[i].function.name and "
            ".arguments",
        ),
        Example(
            _CLIENT + 'history = [{"role": "user", "content": "hi"}]\n'
            'history.append({"role": "function", "name": "f", "content": "42"})\n'
            "c.chat.completions.create(model=m, messages=history, tools=T)\n",
            provider="moonshot",
            message='role "function" (a function\'s result, in the legacy function calling) is '
            "not accepted by Moonshot AI (Kimi), which takes tools=; send each result as "
            '{"role": "tool", "tool_call_id": ..., "content": ...}, with the id of the tool '
            "call it answers (message.tool_calls[i].id)",
        ),
        # t62d (cookbook openai-functions-streaming): a helper given the list appends it
        Example(
            _CLIENT + "def record(name, history):\n"
            '    history.append({"role": "function", "name": name, "content": "42"})\n\n\n'
            "def turn(history):\n"
            '    record("f", history)\n'
            "    c.chat.completions.create(model=m, messages=history, tools=T)\n",
            provider="moonshot",
            message='role "function" (a function\'s result, in the legacy function calling) is '
            "not accepted by Moonshot AI (Kimi), which takes tools=; send each result as "
            '{"role": "tool", "tool_call_id": ..., "content": ...}, with the id of the tool '
            "call it answers (message.tool_calls[i].id)",
        ),
        Example(
            _CLIENT + 'history = [{"role": "user", "content": "hi"}]\n'
            "msg = c.chat.completions.create(model=m, messages=history, tools=T)"
            ".choices[0].message\n"
            "history.append(msg)\n"
            "for call in msg.tool_calls:\n"
            '    history.append({"role": "tool", "tool_call_id": call.id, "content": "42"})\n'
            "c.chat.completions.create(model=m, messages=history, tools=T)\n",
            provider="moonshot",
            finds=False,
        ),
        # t58e: openai-python's parsing_tools.py, its tools strict and no response_format
        Example(
            _CLIENT + "c.chat.completions.parse(model=m, messages=[], tools=[tool])\n",
            provider="acme",
            message="chat.completions.parse() sends its tools as strict function definitions "
            "(it takes no other): Acme Cloud documents strict function calling on "
            "https://api.acme.example/beta only, not on the base URL apply writes "
            "(https://api.acme.example/v1), where a tool call's arguments may not follow the "
            "schema; test this call, or point the client at https://api.acme.example/beta "
            "(ACME_BASE_URL), by hand",
        ),
        Example(
            "import openai\n" + _CLIENT + "c.chat.completions.create(\n"
            "    model=m, messages=[], tools=[openai.pydantic_function_tool(Query)]\n)\n",
            provider="acme",
            message="openai.pydantic_function_tool() builds a strict function tool: Acme Cloud "
            "documents strict function calling on https://api.acme.example/beta only, not on "
            "the base URL apply writes (https://api.acme.example/v1), where a tool call's "
            "arguments may not follow the schema; test this call, or point the client at "
            "https://api.acme.example/beta (ACME_BASE_URL), by hand",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], tools=[TOOL])\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=0.7, n=1)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=1.5)\n",
            finds=False,
        ),
        # t65b: lmql's constraint masking on the completions API, via the SDK or raw HTTP
        Example(
            _CLIENT + 'c.completions.create(model="deepseek-flash", prompt="x", logprobs=5)\n',
            provider="deepseek",
            message="logprobs= is not supported by DeepSeek; remove it (token log-probabilities "
            "are not returned) (unconfirmed: supported in non-thinking mode only; thinking is the "
            "default)",
        ),
        Example(
            "import os\n\nimport requests\n\n"
            'BASE = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
            'body = {"model": "deepseek-flash", "prompt": "x", "logit_bias": {"50256": -100}}\n'
            'r = requests.post(BASE + "/beta/completions", json=body)\n',
            provider="deepseek",
            message="logit_bias= holds token ids of OpenAI's tokenizer; DeepSeek's models number "
            "their tokens otherwise, so these would bias other tokens: compute them with "
            "DeepSeek's tokenizer, or remove it",
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        removed = self.model_facts(node, info)  # ML115 removes these: nothing to clamp
        self.schema_reported = _schema_call(self.ctx, node, info, provider)
        self.sent_model = self.call_model(node, info) if structured_models(provider) else None
        args = {
            name: arg
            for name, arg in self.arguments(node).items()
            if name not in removed and (arg.forwarded is not None or self.first_report(arg.value))
        }
        self.check_values(args)
        for name, given in args.items():
            for other in key_sets(self.ctx, given):  # the key set again elsewhere (khoj's)
                if self.first_report(other.value):
                    self.check_values({name: other})
        if info.kind == SETTINGS:
            self.check_function_choice(args.get(sk.CHOICE_BEHAVIOR))
        self.check_logit_bias(args.get("logit_bias"), provider)
        self.check_flags(args, info)
        self.check_legacy_functions(node, info, args)
        self.check_function_leftovers(node, info)
        self.check_strict_tools(info, args.get("tools"), provider)
        self.sent_model = None

    def check_flags(self, args: Mapping[str, RequestArgument], info: CallInfo) -> None:
        """The keywords of `_FLAGS` a request sends where the provider's file says it takes
        none; given to another module's function that sends them (`arg.forwarded`), said so
        (`imported_via`)."""
        for name, key, hint in _FLAGS:
            arg = args.get(name)
            if arg is not None and self.param(key) is False:
                said = f"{name}={imported_via(arg)}"
                item = arg.item
                if isinstance(item, cst.Arg) and item.keyword and item.keyword.value != name:
                    # a framework's setting that sends it (`lc.STREAM_USAGE`)
                    said = f"{item.keyword.value}={self.ctx.code(item.value)} (sent as {name}=)"
                self.report(
                    arg.item,
                    f"{said} is not supported by {self.provider.name}; "
                    f"{self.functions_hint(name, hint, info)}{self.unconfirmed(key)}",
                    data={"param": name},
                )

    def check_strict_tools(
        self, info: CallInfo, tools: RequestArgument | None, provider: Provider
    ) -> None:
        """Strict function tools (`strict_tools`) sent to a provider whose file documents
        strict function calling on another base URL only (`[params] strict_tools_base_url`:
        DeepSeek's /beta): whether the base apply writes enforces, ignores or refuses the flag
        is not known, so a person must try the call (manual)."""
        beta = self.param("strict_tools_base_url")
        if tools is None or not beta or beta == self.ctx.rules.base_url:
            return
        why = strict_tools(self.ctx, info, tools.value)
        if why is None:
            return
        self.report(
            tools.item,
            f"{why}: {provider.name} documents strict function calling on {beta} only, not on "
            f"the base URL apply writes ({self.ctx.rules.base_url}), where a tool call's "
            "arguments may not follow the schema"
            f"{self.unconfirmed('strict_tools_base_url')}; test this call, or point the client "
            f"at {beta} ({provider.base_url_env}), by hand",
            data={"param": "tools", "strict_tools_base_url": beta},
        )

    def functions_hint(self, name: str, hint: str, info: CallInfo) -> str:
        """What to do instead of `functions=` in a request of the SDK's shape (not one a
        framework sends, `ROUTED`): `hint`, and what the code reading its reply and sending
        the results back changes to (`sdk.TOOL_CALLS_READ`)."""
        if name != lc.FUNCTIONS_PARAM or info.kind in (ROUTED, SETTINGS):
            return hint
        read = sdk.TOOL_CALLS_READ.format(part="message")
        return (
            f"{hint}, then read the calls from the reply's {read} (not message.function_call) "
            f"and send back the assistant message with its tool_calls and each result as "
            f"{sdk.TOOL_RESULT_MESSAGE}"
        )

    def check_function_leftovers(self, node: cst.Call, info: CallInfo) -> None:
        """What is left of the legacy function calling around a chat request moved to
        `tools=` (sending no `functions=`), or sent to a provider without it: reads of the
        function call of its reply, and legacy turns in its messages (the latter only for
        such a provider: OpenAI still takes them beside `tools=`). Errors, manual. Not an
        openai<1.0 request: ML302 and ML305 report it and the reads of its reply, and this
        rule reads their v1 forms once apply has rewritten them; nor a request a framework
        sends (`ROUTED`), whose replies and messages are the framework's."""
        if info.kind in ("legacy", SETTINGS, ROUTED) or info.surface != "chat":
            return
        lacks = self.param(lc.FUNCTIONS_PARAM) is False
        args = self.arguments(node)
        tools = "tools" in args and lc.FUNCTIONS_PARAM not in args
        if lacks or tools:
            for read in function_call_reads(self.ctx, node):
                if self.first_report(read.node):
                    self.report_function_read(read, node, tools)
        messages = args.get("messages")
        if lacks and messages is not None:
            self.check_legacy_turns(messages)

    def check_imported_reply(self, node: cst.Call, args: Mapping[str, RequestArgument]) -> None:
        """A read of the reply's legacy function call on what a call of another module's
        function returns, where that call gives it `functions=` for a chat request of a
        provider without them (`function_call_reads`: only the SDK reply's own path,
        `r["choices"][0]["message"]["function_call"]`, counts): the read a direct request's
        reply gets (`report_function_read`)."""
        sent = args.get(lc.FUNCTIONS_PARAM)
        hop = sent.forwarded if sent is not None else None
        if hop is None or self.param(lc.FUNCTIONS_PARAM) is not False:
            return
        for read in function_call_reads(self.ctx, node):
            if self.first_report(read.node):
                self.report_function_read(read, node, False)

    def report_function_read(self, read: FunctionCallRead, node: cst.Call, tools: bool) -> None:
        """A read of the legacy function call of the reply to `node` (`function_call_reads`):
        None on a reply to `tools=`, and never sent by a provider without it."""
        part = self.ctx.code(read.part)
        use = (sdk.TOOL_CALLS_KEYED_READ if read.keyed else sdk.TOOL_CALLS_READ).format(part=part)
        head = f"{self.ctx.code(read.node)} reads the reply's legacy function call"
        if tools:
            line = self.ctx.line_label(self.ctx.position(node)[0][0])
            message = f"{head}, None on a reply to tools= (the request on {line}): read {use}"
        else:
            message = (
                f"{head}, which {self.provider.name} does not send (it has no legacy function "
                f"calling, functions=): send the request tools= and read {use}"
                f"{self.unconfirmed(lc.FUNCTIONS_PARAM)}"
            )
        self.report(
            read.node,
            message,
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"param": lc.FUNCTIONS_PARAM, "leftover": "read"},
        )

    def check_legacy_turns(self, messages: RequestArgument) -> None:
        """The legacy turns (`legacy_turn`) of the messages a request sends to a provider
        without the legacy function calling: in a list display it is given (`sent`), or
        added to the list a name it is given holds (`added_messages`), each message written
        there or held by a name."""
        found: list[cst.BaseExpression] = []
        for held in self.sent(messages, "messages"):
            if isinstance(held.value, (cst.List, cst.Tuple)):
                found += [e.value for e in held.value.elements if isinstance(e, cst.Element)]
        if isinstance(messages.value, cst.Name):
            found += added_messages(self.ctx, messages.value)
        for message in found:
            for held in self.held(message):
                turn = legacy_turn(held.value)
                if turn is not None and self.first_report(turn.node):
                    self.report_legacy_turn(turn)

    def report_legacy_turn(self, turn: LegacyTurn) -> None:
        if turn.kind == sdk.LEGACY_FUNCTION_ROLE:
            what = (
                f'role "{sdk.LEGACY_FUNCTION_ROLE}" (a function\'s result, in the legacy '
                "function calling)"
            )
            instead = (
                f"send each result as {sdk.TOOL_RESULT_MESSAGE}, with the id of the tool call "
                "it answers (message.tool_calls[i].id)"
            )
        else:
            what = (
                f'an assistant message with "{sdk.LEGACY_FUNCTION_CALL}" (the legacy function '
                "calling)"
            )
            instead = (
                f"send the reply's tool calls as {sdk.TOOL_CALLS_TURN} (or the reply message "
                "itself)"
            )
        self.report(
            turn.node,
            f"{what} is not accepted by {self.provider.name}, which takes tools=; {instead}"
            f"{self.unconfirmed(lc.FUNCTIONS_PARAM)}",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"param": lc.FUNCTIONS_PARAM, "leftover": turn.kind},
        )

    def check_legacy_functions(
        self, node: cst.Call, info: CallInfo, args: Mapping[str, RequestArgument]
    ) -> None:
        """The legacy `functions=` / `function_call=` where the provider's file says nothing
        of them (`[params] functions` unset) and not that every model takes tools
        (`[supports] tools` "partial", "unknown" or false): an error of the model where it
        takes no tools (`Provider.takes_tools`: Spark's lite), else a note to test it (Hunyuan,
        whose tools are "partial": smol-developer's `functions=` request, t53z). Manual."""
        if self.param(lc.FUNCTIONS_PARAM) is not None:
            return  # said (false: `_FLAGS`) or taken
        support = self.provider.support("tools")
        known = self.call_model(node, info)
        model = known[0] if known is not None else None
        takes = self.provider.takes_tools(model)
        if support is True or takes is True:
            return
        for name, _, hint in _FLAGS:
            arg = args.get(name)
            if arg is None or not name.startswith("function"):
                continue
            head = (
                f"{name}= is OpenAI's legacy function calling: {self.provider.name}'s provider "
                "file does not say it takes it"
            )
            if takes is False:
                on = f"{model} takes" if model else "its models take"
                message = f"{head}, and {on} no tools: map it to a model that does, and {hint}"
                self.report(
                    arg.item,
                    f"{message}, by hand",
                    severity=Severity.WARNING,
                    fix=FixClass.MANUAL,
                    data={"param": name},
                )
                continue
            which = " (some models only)" if support == "partial" else ""
            tested = f" on {model}" if model else ""
            message = (
                f"{head}, and gives tools as {support}{which}; test the request{tested}, or {hint}"
            )
            self.report(
                arg.item, message, severity=Severity.NOTE, fix=FixClass.MANUAL, data={"param": name}
            )

    def check_routed(self, node: cst.Call) -> None:
        super().check_routed(node)
        self.check_requests(node, agents_settings_requests(self.ctx, node))
        self.check_functions_agent(node)
        self.check_functions_sent(node)
        self.check_structured(node)
        self.check_bound_tools(node)

    def check_bound_tools(self, node: cst.Call) -> None:
        """`model.bind_tools(tools, tool_choice=...)` on a LangChain chat model that sends to
        the provider (`bound_tool_choice`): the `tool_choice` langchain-openai sends for what
        is written ("any" and True as "required", a tool's name as a named tool:
        `bound_choice_sent`), where the provider's list leaves it out (manual: forcing a tool
        is the code's meaning, which only a person can give up); also where the model is held
        by another object that may hold other providers' classes too (quivr's factory choosing
        among ChatOpenAI and ChatAnthropic by its config), which the message says."""
        from migrate_llm.rules.framework_langchain_runtime import (
            bound_choice_sent,
            bound_tool_choice,
        )

        accepted = self.param("tool_choice")
        found = bound_tool_choice(self.ctx, node) if accepted is not None else None
        if found is None:
            return
        given, shown = found
        arg = RequestArgument(lc.BIND_TOOL_CHOICE, given, None, False)
        refused = [
            (held, sends)
            for held in self.sent(arg, "tool_choice")
            if (sends := bound_choice_sent(held.value)) is not None and sends not in accepted
        ]
        for site, held, sends, group in by_site(refused, arg):
            if sends == lc.BIND_TOOL_CHOICE_NAMED:
                sent, hint = "a named tool", '; use "auto" and offer only that tool'
            else:
                sent = f'"{sends}"'
                hint = (
                    '; use "auto" and check that the model calls a tool'
                    if "auto" in accepted
                    else ""
                )
            self.report(
                site,
                f"tool_choice={self.ctx.code(held.value)}{held.aside(group)} of "
                f"{shown}.{lc.BIND_TOOLS}() is sent by langchain-openai as {sent}, which "
                f"{self.provider.name} does not accept (accepted: {', '.join(accepted)}){hint}"
                f"{self.unconfirmed('tool_choice')}",
                data={"param": "tool_choice", "value": sends},
            )

    def check_structured(self, node: cst.Call) -> None:
        """What a LlamaIndex LLM's structured output sends the provider (`structured_uses`):
        a json_schema `response_format`, or a `tool_choice` asking for the tool call, where
        the provider's `[params]` leave it out (manual)."""
        for use in structured_uses(self.ctx, node):
            if use.sends == "json_schema":
                accepted, key = self.param("response_format"), "response_format"
                subject = 'response_format type "json_schema"'
                refused = accepted is not None and "json_schema" not in accepted
            else:
                accepted, key = self.param("tool_choice"), "tool_choice"
                subject = 'tool_choice="required"'
                refused = accepted is not None and "required" not in accepted
            if not refused:
                continue
            self.report(
                use.at,
                f"{subject} ({use.why} asks for it) is not accepted by {self.provider.name} "
                f"(accepted: {', '.join(accepted)}); {li.STRUCTURED_INSTEAD}"
                f"{self.unconfirmed(key)}",
                data={"param": key, "value": use.sends},
            )

    def check_functions_sent(self, node: cst.Call) -> None:
        """The legacy `functions=` / `function_call=` a LangChain chat model's request method
        sends (`functions_sent`: on a model the module does not build, or handed to a
        helper with the method), where the provider has none (manual)."""
        if self.param(lc.FUNCTIONS_PARAM) is not False:
            return
        for sent in functions_sent(self.ctx, node):
            assert sent.arg.keyword is not None
            name = sent.arg.keyword.value
            hint = next(h for n, _, h in _FLAGS if n == name)
            sends = (
                f"{sent.method}() (a LangChain chat model's request method) sends it as it is"
                if sent.helper is None
                else f"{sent.helper}, given {sent.method} beside it, passes it on to that "
                "LangChain chat model's request method, which sends it as it is"
            )
            message = (
                f"{name}= is not supported by {self.provider.name}, and {sends}; {hint}"
                f"{self.unconfirmed(lc.FUNCTIONS_PARAM)}"
            )
            if not sent.traced:
                message += (
                    f"; the model is built elsewhere: change it by hand if it talks to "
                    f"{self.provider.name}"
                )
            self.report(sent.arg, message, data={"param": name})

    def check_functions_agent(self, node: cst.Call) -> None:
        """An agent whose requests send the legacy `functions=` (`functions_agent`), where the
        provider has none: build one giving the model tools instead (manual)."""
        if self.param(lc.FUNCTIONS_PARAM) is not False:
            return
        found = functions_agent(self.ctx, node)
        if found is None:
            return
        on = (
            f" on langchain_openai's ChatOpenAI (this {found.cls.name} has no bind_tools)"
            if found.cls.legacy
            else ""
        )
        self.report(
            found.node,
            f"{found.shown} builds an agent whose requests send the legacy functions= (OpenAI's "
            f"function calling), which {self.provider.name} does not support: build it with "
            f"{lc.TOOLS_AGENT}(llm, tools, prompt){on}, which sends tools=, by hand"
            f"{self.unconfirmed(lc.FUNCTIONS_PARAM)}",
            data={"param": lc.FUNCTIONS_PARAM},
        )

    def dispatch(self, node: cst.Call, info: CallInfo | None) -> None:
        super().dispatch(node, info)
        if info is None:
            self.check_class(node)

    def check_class(self, node: cst.Call) -> None:
        """A LangChain or LlamaIndex class apply moves to the provider, whose constructor's
        sampling keywords its requests send (`class_requests`): ranged as a request's."""
        args = class_request_arguments(self.ctx, node)
        if not args:
            return
        self.at = node
        for name in ("temperature", "top_p"):
            arg = args.get(name)
            if arg is not None and self.first_report(arg.value):
                self.check_range(arg, name)
        self.at = None

    def check_values(self, args: Mapping[str, RequestArgument]) -> None:
        """The values of the request's arguments checked against the provider's `[params]`."""
        for name in ("temperature", "top_p"):
            self.check_range(args.get(name), name)
        self.check_tool_choice(args.get("tool_choice"))
        if self.param("functions") is not False:  # else `_FLAGS` reports it
            self.check_function_call(args.get("function_call"))
        self.check_response_format(args.get("response_format"))
        self.check_n(args.get("n"))
        self.check_reasoning_effort(args.get("reasoning_effort"))
        imported = {
            name: arg
            for name, arg in args.items()
            if arg.forwarded is not None and arg.forwarded.slot is None
        }
        if imported:  # `check_call` checks the request's own
            self.check_flags(imported, _IMPORTED_REQUEST)

    def check_logit_bias(self, arg: RequestArgument | None, provider: Provider) -> None:
        """`logit_bias` keys are token ids of OpenAI's tokenizer: another provider's models
        number their tokens otherwise (Azure OpenAI serves OpenAI's models)."""
        if arg is None or provider.id == "openai" or provider.azure is not None:
            return
        written, _ = self.visible(arg.value)
        if (isinstance(written, cst.Dict) and not written.elements) or (
            isinstance(written, cst.Name) and written.value == "None"
        ):
            return
        self.report(
            arg.value,
            f"logit_bias= holds token ids of OpenAI's tokenizer; {provider.name}'s models "
            "number their tokens otherwise, so these would bias other tokens: compute them "
            f"with {provider.name}'s tokenizer, or remove it",
        )

    def check_range(self, arg: RequestArgument | None, name: str) -> None:
        bounds = self.param(name)
        if arg is None or bounds is None:
            return
        low, high = bounds
        outside = [
            (h, v)
            for h in self.sent(arg, name)
            if (v := number_value(h.value)) is not None and not low <= v <= high
        ]
        for node, held, value, group in by_site(outside, arg):
            written = held.value
            new = number_text(low if value < low else high, written)
            subject = f"{name} {self.ctx.code(written)}"
            if held.name is not None and held.line is None:
                subject += f" (constant {held.name})"
            subject += held.aside(group)
            guarded = self.guarded_note()
            subject += guarded
            message = (
                f"{subject} is outside the range {self.provider.name} accepts, [{low}, {high}]; "
                f"use {new}"
                f"{self.unconfirmed(name)}"
            )
            # a constant may serve elsewhere, and a value passed to a function too; a branch
            # of a conditional expression in the request is edited as a literal there is
            passed = held.site is not None and not held.branch
            if held.name is not None or passed or not arg.editable or guarded:
                self.report(node, message)
            else:
                edit = Edit(self.ctx.span(written), new)
                self.report(node, message, fix=FixClass.REVIEW, edit=edit)

    def check_tool_choice(self, arg: RequestArgument | None) -> None:
        accepted = self.param("tool_choice")
        if arg is None or accepted is None:
            return
        refused = [
            (h, said)
            for h in self.sent(arg, "tool_choice")
            if (said := self.refused_tool_choice(h.value))
        ]
        listed = ", ".join(accepted)
        for node, held, (subject, hint), group in by_site(refused, arg):
            self.report(
                node,
                f"{subject}{held.aside(group)} is not accepted by {self.provider.name} "
                f"(accepted: {listed}){hint}{self.unconfirmed('tool_choice')}",
            )

    def check_function_choice(self, arg: RequestArgument | None) -> None:
        """Semantic Kernel's `function_choice_behavior=FunctionChoiceBehavior.Required()`: its
        OpenAI chat service sends the behavior's type as `tool_choice` (`function_choice`)."""
        accepted = self.param("tool_choice")
        if arg is None or accepted is None:
            return
        refused = [
            (h, found)
            for h in self.sent(arg, sk.CHOICE_BEHAVIOR)
            if (found := function_choice(self.ctx, h.value)) is not None
            and found[0] not in accepted
        ]
        listed = ", ".join(accepted)
        for node, held, (choice, shown), group in by_site(refused, arg):
            hint = (
                "; use FunctionChoiceBehavior.Auto() and check that the model calls a tool"
                if choice == "required" and "auto" in accepted
                else ""
            )
            sent = f'sent as tool_choice="{choice}"'
            if held.name is not None and held.line is None:
                sent = f"constant {held.name}, {sent}"
            self.report(
                node,
                f"{shown}{held.aside(group)} ({sent}) is not accepted by {self.provider.name} "
                f"(accepted: {listed}){hint}{self.unconfirmed('tool_choice')}",
            )

    def check_function_call(self, arg: RequestArgument | None) -> None:
        """The legacy `function_call={"name": ...}` forces a named function, as a named
        `tool_choice` does: refused where the provider's `tool_choice` list has no named
        choice (Qwen's none/auto)."""
        accepted = self.param("tool_choice")
        if arg is None or accepted is None or "function" in accepted:
            return
        refused = [
            (h, True) for h in self.sent(arg, "function_call") if isinstance(h.value, cst.Dict)
        ]
        for node, held, _, group in by_site(refused, arg):
            self.report(
                node,
                f"a named function in function_call{held.aside(group)} is not accepted by "
                f'{self.provider.name} (accepted: {", ".join(accepted)}); use "auto" and offer '
                f"only that function{self.unconfirmed('tool_choice')}",
            )

    def refused_tool_choice(self, written: cst.BaseExpression) -> tuple[str, str] | None:
        """What a `tool_choice` value the provider does not accept is (`tool_choice="required"`,
        a named tool), and what to do instead; None for an accepted or unknown value."""
        accepted = self.param("tool_choice")
        value = string_value(written)
        if value is not None:
            if value in accepted:
                return None
            subject = f"tool_choice={value!r}".replace("'", '"')
            hint = (
                '; use "auto" and check that the model calls a tool' if value == "required" else ""
            )
            return subject, hint
        if isinstance(written, cst.Dict) and "function" not in accepted:
            return "a named tool in tool_choice", '; use "auto" and offer only that tool in tools='
        return None

    def check_reasoning_effort(self, arg: RequestArgument | None) -> None:
        """A `reasoning_effort` the provider's list does not hold (DeepSeek's low, high,
        max): which of its values means the same is the provider's to say, so a person
        chooses."""
        accepted = self.param("reasoning_effort")
        if arg is None or accepted is None:
            return
        refused = [
            (h, value)
            for h in self.sent(arg, "reasoning_effort")
            if (value := string_value(h.value)) is not None and value not in accepted
        ]
        for node, held, value, group in by_site(refused, arg):
            constant = f" (constant {held.name})" if held.name and held.line is None else ""
            self.report(
                node,
                f'reasoning_effort="{value}"{constant}{held.aside(group)} is not accepted by '
                f"{self.provider.name} (accepted: {', '.join(accepted)}); choose one of those "
                f"by hand{self.unconfirmed('reasoning_effort')}",
            )

    def check_response_format(self, arg: RequestArgument | None) -> None:
        accepted = self.param("response_format")
        if arg is None or accepted is None:
            return
        refused = [
            (h, kind)
            for h in self.sent(arg, "response_format")
            if (kind := _format_type(h.value)) is not None
            and kind not in accepted
            and not (kind == sdk.STRUCTURED_TYPE and self.schema_reported)
        ]
        listed = structured_models(self.provider)
        model = self.sent_model
        if listed and model is not None and self.provider.takes_structured(model[0]):
            refused = [(h, kind) for h, kind in refused if kind != sdk.STRUCTURED_TYPE]
        for node, held, kind, group in by_site(refused, arg):
            hint, models, severity = "", "", None
            if kind == "json_schema" and "json_object" in accepted:
                hint = "; use json_object and describe the schema in the prompt"
            if kind == sdk.STRUCTURED_TYPE and listed and model is not None:
                models = f", nor by {model[0]} (the models taking it: {', '.join(listed)})"
                severity = Severity.ERROR
            elif kind == sdk.STRUCTURED_TYPE and listed:
                models = f" but by the models {', '.join(listed)}"
            self.report(
                node,
                f'response_format type "{kind}"{held.aside(group)} is not accepted by '
                f"{self.provider.name} (accepted: {', '.join(accepted)}){models}{hint}"
                f"{self.unconfirmed('response_format')}",
                severity=severity,
            )

    def check_n(self, arg: RequestArgument | None) -> None:
        most = self.param("n_max")
        if arg is None or most is None:
            return
        over: list[tuple[Held, int | float]] = []
        imported = arg.forwarded.bound if arg.forwarded is not None else ""
        if imported:
            over += self.imported_bound(arg, imported, most)
        for held in [] if imported else self.sent(arg, "n"):
            bounded = self.bounded(held.value, "n")
            if bounded is None:
                value = number_value(held.value)
                over += [(held, value)] if value is not None and value > most else []
                continue
            over += [(h, v) for h, v in bounded if v is not None and v > most]
            if most == 1 and any(v is None for _, v in bounded) and self.first_report(held.value):
                line = self.ctx.line_label(self.ctx.position(held.value)[0][0])
                self.report(
                    arg.value,
                    f"{written_name(arg)} is sent as {self.ctx.code(held.value)} ({line}), "
                    f"a value not known before the program runs: it must be 1 on "
                    f"{self.provider.name}, which returns at most 1 choice; make several "
                    f"requests instead{self.unconfirmed('n_max')}",
                )
        for node, held, value, group in by_site(over, arg):
            self.report(
                node,
                f"{written_name(arg)}={value}{held.aside(group)} asks for more choices than "
                f"{self.provider.name} returns (at most {most}); make several requests instead"
                f"{self.unconfirmed('n_max')}",
            )

    def imported_bound(
        self, arg: RequestArgument, written: str, most: int | float
    ) -> list[tuple[Held, int | float]]:
        """The values of an argument of another module's function that sends the `min()` /
        `max()` of it and numbers (`written`, `WrapperParam.bound`) as `n=`: what it gives for
        each value the module shows, each reported where it is written; where the provider
        returns one choice, one it does not show (`args.n`) is a warning that it must be 1,
        unless a `min()` keeps it within."""
        call = cst.parse_expression(written)
        assert isinstance(call, cst.Call) and isinstance(call.func, cst.Name)
        numbers = [n for a in call.args if (n := number_value(a.value)) is not None]
        pick = min if call.func.value == "min" else max
        found: list[tuple[Held, int | float]] = []
        unknown = []
        for held in self.sent(arg, "n") or [Held(arg.value)]:
            number = number_value(held.value)
            if number is None:
                unknown.append(held)
            elif (value := pick(number, *numbers)) > most:
                found.append((held, value))
        capped = pick is min and min(numbers, default=most + 1) <= most
        for held in unknown if most == 1 and not capped else []:
            self.report(
                held.value,
                f"{written_name(arg)} is sent as {self.ctx.code(held.value)}{held.aside()}, a "
                f"value not known before the program runs: it must be 1 on "
                f"{self.provider.name}, which returns at most 1 choice; make several requests "
                f"instead{self.unconfirmed('n_max')}",
            )
        return found

    def bounded(
        self, value: cst.BaseExpression, keyword: str
    ) -> list[tuple[Held, int | float | None]] | None:
        """For a value written `min(n, 20)` or `max(...)` (the builtins), numbers and one
        parameter of the module's function: what it gives for each value the module's calls
        pass that parameter, or its default (`forwarded_values`), each reported where it is
        written; None (its number not known) for one that is no number, or a lone None
        where the parameter is not traced. None for any other value."""
        call = value
        if not (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Name)
            and call.func.value in ("min", "max")
            and not any(isinstance(b, Assignment) for b in self.ctx.bindings(call.func))
            and len(call.args) >= 2
            and all(a.keyword is None and not a.star for a in call.args)
        ):
            return None
        numbers = [n for a in call.args if (n := number_value(a.value)) is not None]
        traced = [a.value for a in call.args if number_value(a.value) is None]
        pick = min if call.func.value == "min" else max
        slot = None
        if len(traced) == 1 and isinstance(traced[0], cst.Name):
            slot = Forwarding.of(self.ctx).reaching_param(traced[0])
        if slot is None:
            return [(Held(value), None)]
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        found: list[tuple[Held, int | float | None]] = []
        for held in self.forwarded_values(slot, keyword, line, written=self.ctx.code(call)):
            number = number_value(held.value)
            found.append((held, None if number is None else pick(number, *numbers)))
        return found or [(Held(value), None)]


def _schema_call(ctx: PythonContext, node: cst.Call, info: CallInfo, provider: Provider) -> bool:
    """Whether ML101 (ML102 for the module-level client, where the module does not point it
    at the provider already: `module_client_pointed`) reports `node` as a request for
    structured outputs that the provider refuses (`schema_refused`), or takes on the models
    its file names only (`structured_models`: ML101 says whether the request's does): its
    json_schema `response_format` is that finding's."""
    return (
        info.kind in ("client", "probable", "module")
        and (schema_refused(provider) is not None or structured_models(provider) is not None)
        and decisive_surface(provider, request_surfaces(ctx, node, info)) == sdk.STRUCTURED_OUTPUTS
        and not (info.kind == "module" and module_client_pointed(ctx, provider))
    )


def _format_type(written: cst.BaseExpression) -> str | None:
    """The `"type"` a `response_format` dict display names; None for anything else."""
    items = dict_items(written)
    return string_value(items["type"]) if items and "type" in items else None


class ModelParameter(_CompatRule):
    """A request parameter that the request's model fixes or does not take.

    ## What it does
    Reads the provider's `[model_params."<model glob>"]` tables: `temperature = "fixed"`
    (the model uses its own value and ignores or rejects the argument) or `n = "drop"` (the
    model does not take it). When the request's model matches a glob, each such keyword
    argument is reported (of Semantic Kernel's execution settings too, whose `ai_model_id` is
    the request's model, else the model of the module's service they run on, the one
    registered under their `service_id` or the only one, as ML118 reads them; and a field set
    on them by attribute, `settings.temperature = 0.3`, which is left to a person; and on a
    call on litellm's OpenAI-compatible route, `dspy.LM(
    "openai/gpt-4o", temperature=0.7)`, its model read without `openai/`, or smolagents'
    `OpenAIServerModel`, whose keywords litellm or the OpenAI client sends as they are; and
    the `generation_kwargs` of a Haystack chat component, as ML111 reads them, its model its
    `model=` or the class's default; and the JSON body of a raw HTTP chat request to the
    provider, as ML111 reads it, its model the body's `"model"` entry read as `model=` is).
    The model is known when written as a literal or a module constant: one of the provider's
    models, or an OpenAI model that `--model`, the config or the provider's table maps (ML201
    rewrites it in the same run); also a class's field (`model: str = "kimi-k2.6"`), read as
    the class sending the request sees it: a base class's builder of `**self.params`
    reading `self.model` and the sampling fields is read with the fields of the subclass whose
    method sends the request (and of the module's subclasses of that one), each looked up
    along its bases (pandas-ai's `BaseOpenAI` and `OpenAI`; subclasses sending different
    models leave it unknown, and one overriding the base's model is read as overriding it).
    A base class of another module of the project whose property builds the `**self.params`
    a subclass's request spreads has its entries read there (`RunFacts.base_entries`): each
    the subclass's model fixes or does not take is left to a person at the spread, naming
    the base's line. The other way round, a request of a base class through `self.client`
    that only its subclasses in other modules of the project set to an OpenAI client (or its
    `chat.completions`) is read with the model each of them gives it (`RunFacts.heir_models`:
    pandas-ai's `BaseOpenAI.chat_completion`, `OpenAI` in openai.py setting the client and
    `model = "kimi-k2.6"`), leaving out Azure clients and those given another server's URL:
    each argument a subclass's model fixes (not at the value it holds) or does not take is
    left to a person, an error where every such subclass's model does, else a warning
    naming the subclasses whose model takes it or is not known. A model read from a settings
    file the module loads into a module-level name (`cfg = json.load(open("settings.json"))`,
    also YAML and TOML, in a `with open(...)` block too; `model=cfg["model"]`,
    `cfg.get("model")`, `cfg["llm"]["model"]`, or a constant bound once to such a read) is the
    model the project's file of that name gives there, as ML507 and ML508 read it
    (`RunFacts.config_file_models`: an OpenAI model ML503 maps in the same run, or the
    provider's as an earlier apply wrote it), from the nearest directory holding it at or
    above the module's, the file before its examples (t60d: TaskWeaver's settings gave
    `gpt-4o`, apply wrote kimi-k2.6 there and the request kept `temperature=0`, which Kimi
    rejects, with check green). When the model
    is not known (a variable, a parameter, an environment default), only the entries of the
    glob `"*"` apply, since they hold for every model; nothing else is reported, not even for a
    parameter some models reject: whether this request's model does is not known. So it is for
    a litellm call whose model is chosen at run time where the module's route test gates what
    reaches the provider (`guarded_request`, as ML111 reads it: `if model.startswith(
    "openai/"):` giving MiniMax's base URL, or the test of the provider's own route, of the
    very model the call sends): left to a person (manual), since other models' requests go
    through the same call. But where
    the model is a parameter's string default (written, or a constant, an environment read's
    default or a module dict's entry holding one: `model=DEFAULTS["MODEL"]`; or `self.X` its
    class assigns once from one: `self.model_name = model_name`), or a parameter with no
    default that the module's calls fill from such a default of their own function (shell_gpt's
    shape: `main(prompt, model="gpt-4o-mini", temperature=0.0)` calling `complete(model,
    temperature, ...)`, also a method on an instance the call makes, `Handler().complete(...)`,
    and a typer option's default; or the calls of the project's other modules, a function or a
    class imported by name: `RunFacts.caller_models`; each value they give it the same provider
    model), that is, or maps to,
    a model fixing a parameter the request sends, every call giving no model is refused: that
    parameter is reported, left to a person (manual), since a caller may pass another model.
    So is a litellm `completion` / `acompletion` call whose model is such a default on the
    provider's own route (`moonshot/kimi-k2.6`, as ML204 writes it) or an OpenAI model
    (`gpt-4o`, `openai/gpt-4o`) the table maps there, for the keywords that route sends as
    written (swarms' wrapper keeping `temperature` and `top_p` on `self` and sending them with
    `litellm.completion(**params)`, t65c R1: `check` was green while Kimi refused them), given
    no base URL but OpenAI's, the provider's or one a caller may pass (a parameter defaulting
    to None, kept on `self`); an `extra_body` in the call or the dict it spreads sets the
    thinking mode. A request
    shaped as the SDK's through a client a module that does not import openai does not trace
    (`client = make_client()` of another module), whose model is the provider's or an OpenAI
    model, is checked too (as are ML111, ML112, ML113 and ML116): apply leaves such a call, as
    ML206 says, so the finding is manual. But where the model it sends once migrated is the
    provider's (written so, or an OpenAI model in a setting ML204 rewrites: a parameter's
    default, a constant, as in swarm's `get_completion(client, messages, model=
    "gpt-4-0125-preview", temperature=0.7)`), the call goes to the provider whatever client
    it is given: it is checked as a request through a client the module builds, with the
    same findings and edits (ML111, ML112, ML113, ML116, ML117, ML118 too).

    A config class whose model field's default (`model_name: str = "gpt-4o"`, a name that
    holds a model) apply maps to a model fixing a parameter (ML204), or is already such a
    model of the provider, with a field named for that parameter beside it (`temperature:
    float = 0.7`, a number or a module constant bound once to one) is reported at that
    field, as ML508 reads a config file's mapping: where the file gives the values the model
    fixes it at (`[fixed_values]`, in each mode it may run in: Kimi's kimi-k2.6 1.0 thinking,
    0.6 with thinking off) and the field holds none of them (manual; an error's words where
    the provider rejects other values, `[params] fixed_other_value`). A request of another
    module sends such a field (vocode's `ChatGPTAgentConfig`, read by `temperature=
    self.agent_config.temperature`, t64c): the rules reading it see an attribute only, and
    `check` stayed green while Kimi refused every request.

    ## Why
    Thinking models often fix their sampling: some answer HTTP 400 ("only 1 is allowed") to
    any other temperature, others ignore it. Clamping the value into the provider's general
    range does not help; the argument has to go.

    ## Fix (review)
    `apply` removes the argument: its whole line when it stands on a line of its own (a
    comment after it goes too), else the argument and its comma; the same for the entry of
    a dict spread into the request (`**params`, a display or `dict(k=v)`) or given as
    Haystack's `generation_kwargs`, unless the code also uses that dict for something else
    (then a person removes it, and the message says why). A module or class constant a
    parameter defaults to (`def ask(q, model_kwargs=DEFAULT_MODEL_KWARGS)`, or kept as
    `self.model_kwargs` and spread as `**self.model_kwargs`) is edited at its entry where the
    constant, the parameter and the attribute serve only such requests and no call in the
    module may pass the parameter (by keyword, position or `*`/`**`); else left to a person.
    Review: what the code asked for no longer applies. Where the request's model is a
    parameter's default, apply passes the thinking switch to the request in the same run
    (ML118) and the provider's file gives the value the model fixes the argument at with
    thinking off (`[fixed_values]`: Kimi's temperature 0.6; its top_p 0.95 and penalties 0,
    the same thinking or not), that value is written in place of the argument's (review), so
    the request carries the one its thinking mode takes; an
    argument already holding the value for the request's thinking mode is not reported, nor a
    parameter of the module's function each value of which does (its default and what the
    module's calls give it, followed out through the functions handing it on).
    A model held in a local variable is known where every assignment reaching the request is
    (one in another branch of the `if` the request stands in does not: vanna's `if n > 3500:
    model = "gpt-3.5-turbo-16k" else: model = "gpt-3.5-turbo"` in the `else` of a chain whose
    first branch reads `kwargs`), and both branches of `x if c else y` are its values: one
    provider model for all, the argument is removed as above. Where only some of its values
    are known (`cfg["model"]` in one branch, `cfg.get("model") or "gpt-4o"`, an environment
    read's default, a construction passing another model) and one of them is or maps to a
    model fixing or not taking the argument, it is left to a person (manual), unless it is
    the value each such model fixes it at, thinking or not (`n=1`).

    ## Data
    `model` (the provider model; null when not known), `model_from` (the OpenAI model it is
    mapped from, or null), `param`, `fact` (`fixed` or `drop`), `glob` (the `[model_params]`
    key that matched); `default_of` (`model_name of ask()`) where the model is a parameter's
    default, and `value` where apply writes the value the model fixes it at. Where only some
    of its values are known: `models` (those fixing or not taking it), `model_from` (a list),
    `unknown` (the values not known, as written). At a config class's field: `value` (as
    written) and `allowed` (the values the model takes).
    """

    code = "ML115"
    name = "model-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    settings = True
    routed = True
    guarded = True
    heirs = True
    examples = (
        Example(
            _CLIENT
            + 'c.chat.completions.create(model="acme-think", messages=[], temperature=0.3)\n',
            provider="acme",
            message="acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
            after=_CLIENT + 'c.chat.completions.create(model="acme-think", messages=[])\n',
        ),
        Example(
            _CLIENT + "c.chat.completions.create(\n"
            '    model="acme-think-pro",\n'
            "    messages=[],\n"
            "    presence_penalty=0.5,\n"
            "    stream=True,\n"
            ")\n",
            provider="acme",
            message="acme-think-pro does not take presence_penalty on Acme Cloud: "
            "presence_penalty= is removed (unconfirmed: one forum post)",
            after=_CLIENT + "c.chat.completions.create(\n"
            '    model="acme-think-pro",\n'
            "    messages=[],\n"
            "    stream=True,\n"
            ")\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], logit_bias={})\n",
            provider="acme",
            message="Acme Cloud's models do not take logit_bias: logit_bias= is removed",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[])\n",
        ),
        # t50b: GPTDiscord's aiohttp payloads, sent to Kimi by hand after ML403
        Example(
            "import os\nimport requests\n\n"
            'URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") '
            '+ "/chat/completions"\n'
            'body = {"model": "acme-think", "messages": [], "temperature": 0.3}\n'
            "r = requests.post(URL, json=body, headers=HEADERS)\n",
            provider="acme",
            message="acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
            after="import os\nimport requests\n\n"
            'URL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") '
            '+ "/chat/completions"\n'
            'body = {"model": "acme-think", "messages": []}\n'
            "r = requests.post(URL, json=body, headers=HEADERS)\n",
        ),
        Example(
            'import dspy\n\nlm = dspy.LM("openai/acme-think", temperature=0.3)\n',
            provider="acme",
            message="acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
            after='import dspy\n\nlm = dspy.LM("openai/acme-think")\n',
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], temperature=0.3)\n",
            provider="acme",
            finds=False,
        ),
        # t59c D1: pandas-ai's sampling on a base class, its model on the subclass
        Example(
            "import openai\n\n\nclass Base:\n    temperature = 0.3\n\n    @property\n"
            "    def params(self):\n"
            '        return {"model": self.model, "temperature": self.temperature}\n\n\n'
            'class Chat(Base):\n    model = "acme-think"\n\n    def __init__(self):\n'
            "        self.c = openai.OpenAI()\n\n    def ask(self, q):\n"
            "        return self.c.chat.completions.create(messages=q, **self.params)\n",
            provider="acme",
            message='acme-think fixes temperature on Acme Cloud: remove the entry "temperature" '
            "(the model ignores or rejects it) (apply leaves the dict: it is used elsewhere too)",
        ),
        # t48b: NeedleInAHaystack's provider, its model a parameter's default
        Example(
            _CLIENT + "KWARGS = dict(temperature=0)\n\n\n"
            'def ask(q, model="gpt-4o", kwargs=KWARGS):\n'
            "    return c.chat.completions.create(model=model, messages=q, **kwargs)\n",
            provider="moonshot",
            message="kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi), and "
            "it is the default of model of ask(): temperature=0.6 is written in place of 0, its "
            "value with thinking turned off (apply passes the switch, ML118; temperature=1.0 "
            "where the switch is dropped; a caller passing another model may need another)",
            after=_CLIENT + "KWARGS = dict(temperature=0.6)\n\n\n"
            'def ask(q, model="gpt-4o", kwargs=KWARGS):\n'
            "    return c.chat.completions.create(model=model, messages=q, **kwargs)\n",
        ),
        Example(
            _CLIENT
            + 'c.chat.completions.create(model="acme-large", messages=[], temperature=0.3)\n',
            provider="acme",
            finds=False,
        ),
        # t51c: swarm's helper, its client passed in, its default model mapped by ML204
        Example(
            'def get_completion(client, messages, model="gpt-4-0125-preview", temperature=0.7):\n'
            '    params = {"model": model, "messages": messages, "temperature": temperature}\n'
            "    return client.chat.completions.create(**params)\n",
            provider="moonshot",
            message="kimi-k2.6 (mapped from gpt-4-0125-preview) fixes temperature on Moonshot AI "
            "(Kimi), and it is the default of model of get_completion(): remove the entry "
            '"temperature" by hand (the model ignores or rejects it; apply leaves it: a caller '
            "may pass another model)",
        ),
        # t56e: vanna's model chosen by if/else, each branch a literal apply maps
        Example(
            _CLIENT + "def ask(q, n):\n"
            "    if n > 3500:\n"
            '        model = "gpt-3.5-turbo-16k"\n'
            "    else:\n"
            '        model = "gpt-3.5-turbo"\n'
            "    return c.chat.completions.create(model=model, messages=q, temperature=0.7)\n",
            provider="moonshot",
            message="kimi-k2.6 (mapped from gpt-3.5-turbo, gpt-3.5-turbo-16k) fixes temperature "
            "on Moonshot AI (Kimi): temperature= is removed (the model ignores or rejects it)",
            after=_CLIENT + "def ask(q, n):\n"
            "    if n > 3500:\n"
            '        model = "gpt-3.5-turbo-16k"\n'
            "    else:\n"
            '        model = "gpt-3.5-turbo"\n'
            "    return c.chat.completions.create(model=model, messages=q)\n",
        ),
        Example(
            _CLIENT + "def ask(q, cfg):\n"
            '    model = cfg.get("model") or "gpt-4o"\n'
            "    return c.chat.completions.create(model=model, messages=q, temperature=0.7)\n",
            provider="moonshot",
            message='`model` may be kimi-k2.6 (mapped from gpt-4o) or `cfg.get("model")`, and '
            "kimi-k2.6 fixes temperature on Moonshot AI (Kimi); remove temperature= by hand, or "
            "send it only to a model that takes it (the model ignores or rejects it; apply "
            "leaves it: the model is chosen at run time)",
        ),
        # t56d: shell_gpt's model and sampling handed on by another function of the module
        Example(
            _CLIENT + "def complete(model, temperature, messages):\n"
            "    return c.chat.completions.create(\n"
            "        model=model, temperature=temperature, messages=messages\n"
            "    )\n\n\n"
            'def main(q, model="gpt-4o-mini", temperature=0.0):\n'
            "    return complete(model, temperature, q)\n",
            provider="moonshot",
            message="kimi-k2.6 (mapped from gpt-4o-mini) fixes temperature on Moonshot AI (Kimi), "
            "and it is the default of model of main(): temperature=0.6 is written in place of "
            "temperature, its value with thinking turned off (apply passes the switch, ML118; "
            "temperature=1.0 where the switch is dropped; a caller passing another model may "
            "need another)",
            after=_CLIENT + "def complete(model, temperature, messages):\n"
            "    return c.chat.completions.create(\n"
            "        model=model, temperature=0.6, messages=messages\n"
            "    )\n\n\n"
            'def main(q, model="gpt-4o-mini", temperature=0.0):\n'
            "    return complete(model, temperature, q)\n",
        ),
        # t56f S1: the same through a method of the module's class, a typer option's default
        Example(
            "import typer\n\n" + _CLIENT + "class Handler:\n"
            "    def complete(self, model, temperature, messages):\n"
            "        return c.chat.completions.create(\n"
            "            model=model, temperature=temperature, messages=messages\n"
            "        )\n\n\n"
            'def main(q, model: str = typer.Option("gpt-4o-mini"), temperature: float = 0.0):\n'
            "    return Handler().complete(model, temperature, q)\n",
            provider="moonshot",
            message="kimi-k2.6 (mapped from gpt-4o-mini) fixes temperature on Moonshot AI (Kimi), "
            "and it is the default of model of main(): temperature=0.6 is written in place of "
            "temperature, its value with thinking turned off (apply passes the switch, ML118; "
            "temperature=1.0 where the switch is dropped; a caller passing another model may "
            "need another)",
            after="import typer\n\n" + _CLIENT + "class Handler:\n"
            "    def complete(self, model, temperature, messages):\n"
            "        return c.chat.completions.create(\n"
            "            model=model, temperature=0.6, messages=messages\n"
            "        )\n\n\n"
            'def main(q, model: str = typer.Option("gpt-4o-mini"), temperature: float = 0.0):\n'
            "    return Handler().complete(model, temperature, q)\n",
        ),
        # t63a: QAnything's model kept on the instance from its constructor, whose caller
        # reads it from its settings with a default apply maps
        Example(
            _CLIENT + "class Bot:\n"
            "    def __init__(self, model, temperature):\n"
            "        self.model = model\n"
            "        self.temperature = temperature\n\n"
            "    def ask(self, q):\n"
            "        return c.chat.completions.create(\n"
            "            model=self.model, messages=q, temperature=self.temperature\n"
            "        )\n\n\n"
            "def handle(settings):\n"
            '    model = settings.get("model", "gpt-4o-mini")\n'
            '    return Bot(model, 0.5).ask(settings["q"])\n',
            provider="moonshot",
            message="`self.model` may be kimi-k2.6 (mapped from gpt-4o-mini) or `settings.get("
            '"model", "gpt-4o-mini")`, and kimi-k2.6 fixes temperature on Moonshot AI (Kimi); '
            "remove temperature= by hand, or send it only to a model that takes it (the model "
            "ignores or rejects it; apply leaves it: the model is chosen at run time)",
        ),
        # t64c D3: vocode's agent config, its model field's default kimi-k2.6 (as apply
        # writes it), its temperature sent by a request in another module
        Example(
            "from pydantic import BaseModel\n\n\nclass Settings(BaseModel):\n"
            '    model: str = "kimi-k2.6"\n    temperature: float = 0.2\n',
            provider="moonshot",
            message="kimi-k2.6 (the default of Settings.model) fixes temperature at 1.0 (0.6 "
            "with thinking off) and Moonshot AI (Kimi) rejects other values: "
            "Settings.temperature's default 0.2, which a request sends as temperature=, makes "
            "every request fail (HTTP 400); set 1.0, or 0.6 where the program sends "
            '{"thinking": {"type": "disabled"}} in extra_body, or have the program not send '
            "temperature, by hand (unconfirmed: third-party reports, for temperature and top_p; "
            "n and the penalties not measured)",
        ),
        # t65c R1: swarms' litellm wrapper, its model written on litellm's moonshot route by
        # ML204, its sampling kept on the instance and spread into the call
        Example(
            "import litellm\n\n\nclass LLM:\n"
            '    def __init__(self, model_name="moonshot/kimi-k2.6", top_p=1.0):\n'
            "        self.model_name = model_name\n"
            "        self.top_p = top_p\n\n"
            "    def run(self, q):\n"
            '        params = {"model": self.model_name, "messages": q, "top_p": self.top_p}\n'
            "        return litellm.completion(**params)\n",
            provider="moonshot",
            message="kimi-k2.6 fixes top_p on Moonshot AI (Kimi), and it is the default of "
            'model_name of LLM(): remove the entry "top_p" by hand (the model ignores or rejects '
            "it; apply leaves it: a caller may pass another model)",
        ),
        # ... given a base URL only where a caller passes one (swarms' `base_url=None`)
        Example(
            "import litellm\n\n\nclass LLM:\n"
            '    def __init__(self, model_name="moonshot/kimi-k2.6", base_url=None):\n'
            "        self.model_name = model_name\n"
            "        self.base_url = base_url\n\n"
            "    def run(self, q):\n"
            '        params = {"model": self.model_name, "messages": q, "top_p": 0.5}\n'
            "        if self.base_url is not None:\n"
            '            params["base_url"] = self.base_url\n'
            "        return litellm.completion(**params)\n",
            provider="moonshot",
            message="kimi-k2.6 fixes top_p on Moonshot AI (Kimi), and it is the default of "
            'model_name of LLM(): remove the entry "top_p" by hand (the model ignores or rejects '
            "it; apply leaves it: a caller may pass another model)",
        ),
        Example(
            "import litellm\n\n\n"
            'def ask(q, model="moonshot/kimi-k2.6", temperature=0.6):\n'
            "    return litellm.completion(\n"
            "        model=model,\n"
            "        messages=q,\n"
            "        temperature=temperature,\n"
            '        extra_body={"thinking": {"type": "disabled"}},\n'
            "    )\n",
            provider="moonshot",
            finds=False,
        ),
    )

    def finish(self) -> None:
        super().finish()
        if self.ctx.rules.switching and self.provider.model_params:
            for field in class_fields(self.ctx, self._fixed_names()):
                self.check_class_field(field)

    def _fixed_names(self) -> frozenset[str]:
        """The parameters a model of the provider's file fixes (`[model_params]`)."""
        tables = self.provider.model_params.values()
        return frozenset(p for table in tables for p, fact in table.items() if fact == "fixed")

    def check_class_field(self, field: ClassField) -> None:
        """A config class's sampling field whose model, the class's model field's default,
        fixes that parameter at values the file gives (`[fixed_values]`, in each mode the
        model may run in) none of which it holds: as ML508 reads a config file's mapping."""
        provider = self.provider
        param, number = field.name.value, number_value(field.value)
        fact = provider.model_param_facts(field.model).get(param)
        other = provider.params.get("fixed_other_value")
        if fact is None or fact[0] != "fixed" or number is None or other == "ignored":
            return
        run = modes(provider, field.model)
        fixed = {mode: provider.fixed_value(field.model, param, mode) for mode in run}
        allowed = {mode: found[0] for mode, found in fixed.items() if found is not None}
        if len(allowed) != len(run) or any(abs(v - number) < 1e-9 for v in allowed.values()):
            return  # a value it takes, or one the file does not give
        if same_in_both(provider, field.model, param):
            allowed = {"": next(iter(allowed.values()))}
        doubts = [f"fixed_values.{found[1]}" for found in fixed.values() if found is not None]
        head = f"{field.subject} fixes {param} at {values_text(allowed)}"
        set_ = f"set {advice(provider, allowed)}, or have the program not send {param}, by hand"
        if other == "rejected":
            doubts.insert(0, "params.fixed_other_value")
            said = (
                f"{head} and {provider.name} rejects other values: {field.field}, which a "
                f"request sends as {param}=, makes every request fail (HTTP 400); {set_}"
            )
        else:
            said = f"{head}: a request sending {field.field} as {param}= may fail; {set_}"
        data: dict[str, object] = {"model": field.model, "param": param}
        if field.source is not None:
            data["model_from"] = field.source
        data |= {"value": field.written, "allowed": list(allowed.values()), "fact": "fixed"}
        said += facts_unconfirmed(provider, doubts)
        self.report(field.name, said, fix=FixClass.MANUAL, data=data)

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        facts = self.model_facts(node, info)
        known = self.call_model(node, info)
        if self.routing is None and info.kind in CALL_KINDS:
            for spread in spread_bases(self.ctx, node):
                self.check_base_entries(node, spread, known)
        # a call the route test gates (`guarded_note`): the provider's facts for all its models
        guarded = self.guarded_note()
        if known is None and provider.model_params and not guarded:
            if self.default_model(node, info) is not None:
                self.check_default(node, info, facts)
            else:
                self.check_some(node, info, facts)
        if not facts:
            return
        model, model_from = known if known else (None, None)
        arguments = self.arguments(node)
        # best-of-n (prompt engineers, tournaments): without it one choice comes back, so
        # `n=2` stays for a person, and a removal beside it must leave it
        kept = {"n"} if "n" in arguments and self.ctx.code(arguments["n"].value) != "1" else set()
        removed = {p for p, a in arguments.items() if p in facts and a.editable} - kept
        for param, arg in arguments.items():
            if param not in facts or not self.first_report(arg.item):
                continue
            fact, glob = facts[param]
            editable = arg.editable and self.untraced is None and not guarded
            message = model_param_message(
                provider,
                model,
                model_from,
                param,
                fact,
                glob,
                removed=arg.editable,
                written=written_name(arg),
                by_hand=self.untraced is not None or arg.attribute or bool(guarded),
                left=arg.left,
            )
            if guarded:  # the call sends other models' requests too: removed by a person
                message = f"{as_written(arg)}{guarded}: {message}"
            if param in kept:
                editable = False
                head = model_param_head(provider, model, model_from, param, fact)
                message = several_choices_message(head, self.ctx.code(arg.value))
            removal = arg.removal(self.ctx, node, removed.__contains__) if editable else None
            self.report(
                arg.item,
                message,
                fix=None if editable else FixClass.MANUAL,
                edit=Edit(removal, "") if removal is not None else None,
                data={
                    "model": model,
                    "model_from": model_from,
                    "param": param,
                    "fact": fact,
                    "glob": glob,
                },
            )

    def check_base_entries(
        self, node: cst.Call, spread: SpreadBase, known: tuple[str, str | None] | None
    ) -> None:
        """The entries a base class of another module builds into the `**self.X` the request
        spreads (`imported_bases`) that its model (`known`, else the entry "model" as the
        request's class sees it) fixes or does not take: left for a person at the spread,
        naming the line building each (apply edits the module it reads)."""
        provider = self.provider
        written = self.arguments(node)
        if known is None and "model" not in written:
            texts = entry_strings(self.ctx, spread, "model") or []
            pairs = {self._model_of((cst.SimpleString(repr(t)), t, "class default")) for t in texts}
            known = pairs.pop() if len(pairs) == 1 else None
        model, model_from = known if known else (None, None)
        facts = provider.model_param_facts(model)
        for key, entry in spread.entries.items():
            if key in written or key not in facts:
                continue
            fact, glob = facts[key]
            message = model_param_message(
                provider, model, model_from, key, fact, glob, removed=False, left=spread.where(key)
            )
            data = {
                "model": model,
                "model_from": model_from,
                "param": key,
                "fact": fact,
                "glob": glob,
                "built_in": f"{entry.shown}:{entry.line}",
            }
            self.report(spread.spread, message, fix=FixClass.MANUAL, data=data)

    def check_heirs(self, node: cst.Call, request: HeirRequest) -> None:
        """The arguments a request of a base class sends (`heir_requests`) that the model of
        a subclass of another module sending it fixes or does not take: left for a person
        (apply edits the base for every subclass), an error where every subclass's model
        does, else a warning naming the subclasses whose model takes it or is not known.
        Not where the argument holds the value the model fixes it at in the request's
        thinking mode, nor for a subclass defining, without `super()`, the method of the
        base building it."""
        provider = self.provider
        if request.info.surface not in self.surfaces or not provider.model_params:
            return
        arguments = self.arguments(node)
        written = arguments.get("model")
        sent: list[tuple[HeirModel, tuple[str, str | None] | None]] = []
        for heir in request.heirs:
            text = heir_model(request, heir, written.value if written is not None else None)
            pair = (as_string(text), text, "class default") if text is not None else None
            sent.append((heir, self._model_of(pair) if pair is not None else None))
        for param, arg in arguments.items():
            if param == "model":
                continue
            builder = _builder_of(self.ctx, arg.item)
            fixing: dict[tuple[str, str | None], list[HeirModel]] = {}
            facts: dict[tuple[str, str | None], tuple[str, str]] = {}
            others: list[str] = []
            for heir, known in sent:
                if builder in heir.own:
                    continue  # its own builder sends what it builds, not the base's
                if known is None:
                    others.append(f"{heir_label(heir)} sends a model not known here")
                    continue
                fact = provider.model_param_facts(known[0]).get(param)
                if fact is None or self._heir_fixed(node, request, heir, known[0], arg, fact[0]):
                    others.append(f"{heir_label(heir)} sends {known[0]}, which takes it")
                    continue
                fixing.setdefault(known, []).append(heir)
                facts[known] = fact
            if not fixing or not self.first_report(arg.item):
                continue
            heads = "; ".join(
                f"{model_param_head(provider, *known, param, facts[known][0])}, and "
                f"{and_listed([heir_label(h) for h in heirs])} "
                f"send{'s' if len(heirs) == 1 else ''} this request with it"
                for known, heirs in fixing.items()
            )
            (model, model_from), fact_glob = next(iter(facts.items()))
            why = "the model ignores or rejects it; " if fact_glob[0] == "fixed" else ""
            unconfirmed = model_param_unconfirmed(provider, param, fact_glob[1])
            left = (
                f"apply leaves it: subclasses of {request.owner.name.value} in other modules "
                "set the request's client and model"
            )
            if others:
                names = and_listed(sorted({h.heir for heirs in fixing.values() for h in heirs}))
                advice = (
                    f"{heads}, while {and_listed(others)}: leave it out for {names} by hand (a "
                    f"{builder or 'builder'}() of its own without it), or remove "
                    f"{as_written(arg)} if every subclass can do without it"
                )
            else:
                advice = f"{heads}: remove {as_written(arg)} by hand"
            self.report(
                arg.item,
                f"{advice} ({why}{left}){unconfirmed}",
                severity=Severity.WARNING if others else Severity.ERROR,
                fix=FixClass.MANUAL,
                data={
                    "model": model,
                    "model_from": model_from,
                    "param": param,
                    "fact": fact_glob[0],
                    "glob": fact_glob[1],
                    "models": sorted({known[0] for known in fixing}),
                    "heirs": [heir_label(h) for heirs in fixing.values() for h in heirs],
                    "others": others,
                },
            )

    def _heir_fixed(
        self,
        node: cst.Call,
        request: HeirRequest,
        heir: HeirModel,
        model: str,
        arg: RequestArgument,
        fact: str,
    ) -> bool:
        """Whether `arg` holds, on instances of `heir`, the value `model` fixes it at in the
        request's thinking mode (`[fixed_values]`: Kimi's n=1)."""
        mode = self.thinking_mode(node, model, False, request.info)
        fixed = (
            self.provider.fixed_value(model, arg.name, mode) if mode and fact == "fixed" else None
        )
        if fixed is None:
            return False
        value = arg.value
        if self_attribute(value):
            assert isinstance(value, cst.Attribute)
            text = heir_field(request, heir, value.attr.value)
        else:
            text = self.ctx.code(value)
        return text is not None and same_number(text, repr(float(fixed[0])))

    def check_routed(self, node: cst.Call) -> None:
        super().check_routed(node)
        if self.provider.model_params:
            self.check_litellm_default(node)

    def check_litellm_default(self, node: cst.Call) -> None:
        """A litellm chat call whose model is a parameter's default reaching the provider
        (`default_routed`: swarms' `LiteLLM(model_name="moonshot/kimi-k2.6")` sending
        `self.temperature`), checked as an SDK request with a default model is
        (`check_default`), with the keywords its route sends as they are."""
        from migrate_llm.rules.litellm_defaults import default_routed

        found = default_routed(self.ctx, node)
        if found is None:
            return
        self.routing = found.request
        info = CallInfo(ROUTED, "chat", found.request.shown, "create")
        facts = self.provider.model_param_facts(None)
        self.check_default(node, info, facts, (found.model, found.model_from, found.label))
        self.routing = None

    def check_default(
        self,
        node: cst.Call,
        info: CallInfo,
        facts: Mapping[str, tuple[str, str]],
        default: tuple[str, str | None, str] | None = None,
    ) -> None:
        """A request whose model is not known statically, but is a parameter's default (or
        `self.X` its class assigns once from such a parameter) that is, or maps to, a model
        fixing or not taking a parameter the request sends (not one of `facts`, which hold
        for every model): left to a person, since a caller may pass another model. Where
        apply passes the switch turning thinking off in the same run (ML118) and the provider's
        file gives the value the model fixes the parameter at then (`[fixed_values]`), that
        value is written instead (review): the request carries the one its thinking mode
        takes. Not reported where it is given that value already. `default`: the model, as
        `default_model` gives it, of a request it does not read (`check_litellm_default`)."""
        found = default or self.default_model(node, info)
        if found is None:
            return
        model, model_from, label = found
        provider = self.provider
        arguments = self.arguments(node)
        switch = self.switch_written(node, info) is not None
        mode = self.thinking_mode(node, model, switch, info)
        for param, fact_glob in provider.model_param_facts(model).items():
            arg = arguments.get(param)
            if arg is None or param in facts or not self.first_report(arg.item):
                continue
            fact, glob = fact_glob
            asked = self.ctx.code(arg.value)
            fixed = provider.fixed_value(model, param, mode) if mode and fact == "fixed" else None
            if fixed is not None and self.given_fixed(arg.value, repr(float(fixed[0]))):
                continue  # the value its thinking mode takes
            head = model_param_head(provider, model, model_from, param, fact)
            head = f"{head}, and it is the default of {label}"
            written = written_name(arg)
            data: dict[str, object] = {
                "model": model,
                "model_from": model_from,
                "param": param,
                "fact": fact,
                "glob": glob,
                "default_of": label,
            }
            if param == "n" and asked != "1":
                message = several_choices_message(head, asked)
            elif fixed is not None and switch and mode == "thinking_off" and arg.editable:
                text = repr(float(fixed[0]))
                other = provider.fixed_value(model, param, "thinking")
                dropped = ""
                if other is not None:
                    dropped = f"{param}={float(other[0])!r} where the switch is dropped; "
                why = f"{_MODES['thinking_off']} (apply passes the switch, ML118; {dropped}"
                if other is not None and other[0] == fixed[0]:  # Kimi's top_p: either mode
                    why = "whether it thinks or not ("
                message = (
                    f"{head}: {written}={text} is written in place of {asked}, its value "
                    f"{why}a caller passing another model may need another)"
                    f"{_fixed_unconfirmed(provider, fixed[1])}"
                )
                data["value"] = float(text)
                edit = Edit(self.ctx.span(arg.value), text)
                self.report(arg.item, message, edit=edit, data=data)
                continue
            else:
                entry = arg.spread is not None or not isinstance(arg.item, cst.Arg)
                what = f'the entry "{written}"' if entry else f"{written}="
                why = "the model ignores or rejects it; " if fact == "fixed" else ""
                message = (
                    f"{head}: remove {what} by hand ({why}apply leaves it: a caller may pass "
                    f"another model){model_param_unconfirmed(provider, param, glob)}"
                )
            self.report(arg.item, message, fix=FixClass.MANUAL, data=data)

    def check_some(
        self, node: cst.Call, info: CallInfo, facts: Mapping[str, tuple[str, str]]
    ) -> None:
        """A request whose model is not one known model, but some of whose values, as the
        module shows them (`some_literals`: a name assigned under an `if` and an `else`, a
        conditional expression, `cfg.get("model") or "gpt-4o"`; for a parameter with no
        default, or `self.X` assigned once from one, those of the values the module's calls
        give it, `handed_literals`), are or map to a model fixing or not taking a parameter
        the request sends (not one of `facts`, which hold for every model): left to a person,
        since another value may be another model. Not reported
        where the argument is the value the model fixes it at, thinking or not (`n=1`)."""
        arg = self.arguments(node).get("model")
        if info.kind not in (*CALL_KINDS, RAW) or arg is None or self.untraced is not None:
            return
        if info.client is not None and info.client.azure:
            return
        found, unknown = some_literals(self.ctx, arg.value)
        shown: list[cst.BaseExpression | str] = list(unknown)
        if not found:  # a parameter the module's calls fill, some values not shown
            handed = handed_literals(self.ctx, arg.value)
            if handed[0] and handed[1]:
                found, shown = handed[0], list(handed[1])
        if not found:  # a constructor's, filled by the project's other modules
            held, elsewhere = held_elsewhere(self.ctx, arg.value)
            if held:
                found, shown = held, list(elsewhere)
        models: dict[str, list[str]] = {}
        for literal in found:
            known = self._model_of(literal)
            if known is not None:
                models.setdefault(known[0], []).extend([known[1]] if known[1] else [])
        provider = self.provider
        for param, given in self.arguments(node).items():
            if param in facts:
                continue
            fixing = {
                model: provider.model_param_facts(model)[param]
                for model in models
                if param in provider.model_param_facts(model)
            }
            if not fixing or self._fixed_either_way(list(fixing), param, given.value):
                continue
            if not self.first_report(given.item):
                continue
            self.report_some(arg.value, given, models, fixing, shown)

    def _fixed_either_way(self, models: list[str], param: str, value: cst.BaseExpression) -> bool:
        """Whether `value` is the number each of `models` fixes `param` at, thinking or not
        (`[fixed_values]`: Kimi's n=1, top_p=0.95)."""
        for model in models:
            values = {
                self.provider.fixed_value(model, param, m) for m in ("thinking", "thinking_off")
            }
            fixed = values.pop() if len(values) == 1 else None
            if fixed is None or not self.given_fixed(value, repr(float(fixed[0]))):
                return False
        return True

    def report_some(
        self,
        model: cst.BaseExpression,
        given: RequestArgument,
        models: Mapping[str, list[str]],
        fixing: Mapping[str, tuple[str, str]],
        unknown: Sequence[cst.BaseExpression | str],
    ) -> None:
        """Report `given`, which some of the models the request's `model` may be (`models`:
        provider model -> the OpenAI models it comes from) fix or do not take (`fixing`);
        `unknown`: the values the module does not show (a string: one another module gives,
        as `held_elsewhere` shows it)."""
        provider = self.provider
        names = [
            f"{m} (mapped from {', '.join(sorted(set(f)))})" if f else m for m, f in models.items()
        ]
        code = self.ctx.code(model)
        others = list(
            dict.fromkeys(u if isinstance(u, str) else f"`{self.ctx.code(u)}`" for u in unknown)
        )
        shown = [o for o in others if o != f"`{code}`"][:2]
        if others and not shown:
            shown = ["a value set elsewhere"]
        listed = [*names, *shown]
        values = ", ".join(listed[:-1]) + " or " + listed[-1] if len(listed) > 1 else listed[0]
        facts = {fact for fact, _ in fixing.values()}
        verb = (
            "fix or do not take" if len(facts) > 1 else "fix" if "fixed" in facts else "do not take"
        )
        if len(fixing) == 1:
            verb = {"fix": "fixes", "do not take": "does not take"}.get(verb, verb)
        param = given.name
        head = (
            f"`{code}` may be {values}, and {', '.join(fixing)} {verb} {param} on {provider.name}"
        )
        written = written_name(given)
        entry = given.spread is not None or not isinstance(given.item, cst.Arg)
        what = f'the entry "{written}"' if entry else f"{written}="
        why = "the model ignores or rejects it; " if "fixed" in facts else ""
        glob = next(iter(fixing.values()))[1]
        self.report(
            given.item,
            f"{head}; remove {what} by hand, or send it only to a "
            f"model that takes it ({why}apply leaves it: the model is chosen at run time)"
            f"{model_param_unconfirmed(provider, param, glob)}",
            fix=FixClass.MANUAL,
            data={
                "model": None,
                "models": sorted(fixing),
                "model_from": sorted({s for m in fixing for s in models[m]}),
                "param": param,
                "fact": next(iter(fixing.values()))[0],
                "glob": glob,
                "unknown": others,
            },
        )

    def given_fixed(self, value: cst.BaseExpression, fixed: str) -> bool:
        """Whether an argument is the number `fixed` as written, or, for a parameter of the
        module's function, each value it may hold is (its default and what the module's calls
        give it, followed out through the functions handing it on: `Forwarding.passed`)."""
        if same_number(self.ctx.code(value), fixed):
            return True
        forwarding = Forwarding.of(self.ctx)
        slot = forwarding.source(value)
        if slot is None or slot.param is None:
            return False
        given = [leaf.value for leaf in forwarding.passed(slot)]
        if slot.param.default is not None:
            given.append(slot.param.default)
        return bool(given) and all(same_number(self.ctx.code(v), fixed) for v in given)


def parameter_default_model(
    ctx: PythonContext, value: cst.BaseExpression
) -> tuple[cst.BaseExpression, str, str] | None:
    """(the literal, its text, `<param> of <f>()`) where a model argument is a parameter with
    a string default (also one a constant, an environment read or a module dict's entry holds:
    `default_string`), or `self.X` its class assigns once from one (NeedleInAHaystack's
    `self.model_name = model_name`); None for another value."""
    if isinstance(value, cst.Attribute) and self_attribute(value):
        assigned = ctx.self_values(value)
        value = assigned[0] if len(assigned) == 1 else value
    if not isinstance(value, cst.Name):
        return None
    default = parameter_default(ctx, value)
    held = default_string(ctx, default) if default is not None else None
    if default is None or held is None:
        return None
    parents = ctx.ancestors(default)
    function = parents[-3] if len(parents) >= 3 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    called = function.name.value
    owner = parents[-5] if len(parents) >= 5 else None
    if called == "__init__" and isinstance(owner, cst.ClassDef):
        called = owner.name.value
    return held[0], held[1], f"{value.value} of {called}()"


def as_written(arg: RequestArgument) -> str:
    """`temperature=` for a keyword of the request, else `the entry "temperature"`."""
    if isinstance(arg.item, cst.Arg) and arg.spread is None:
        return f"{arg.name}="
    return f'the entry "{arg.name}"'


def _builder_of(ctx: PythonContext, node: cst.CSTNode) -> str:
    """The name of the innermost function whose body holds `node` ("" at the top level)."""
    return next(
        (a.name.value for a in reversed(ctx.ancestors(node)) if isinstance(a, cst.FunctionDef)),
        "",
    )


def model_param_head(
    provider: Provider, model: str | None, model_from: str | None, param: str, fact: str
) -> str:
    """`<model> fixes <param> on <provider>` (or `does not take`, or of all its models)."""
    if model is None:
        verb = "fix" if fact == "fixed" else "do not take"
        return f"{provider.name}'s models {verb} {param}"
    subject = model if model_from is None else f"{model} (mapped from {model_from})"
    verb = "fixes" if fact == "fixed" else "does not take"
    return f"{subject} {verb} {param} on {provider.name}"


def strict_tools(ctx: PythonContext, info: CallInfo, tools: cst.BaseExpression) -> str | None:
    """What makes the tools a request sends strict (`"strict": true`), as a message opens;
    None where nothing shows they are: the chat parse helper, which sends no other
    (`sdk.STRICT_TOOL_HELPERS`), or a list display of them holding the SDK's builder of one
    (`openai.pydantic_function_tool(Query)`) or a dict saying `"strict": True`."""
    request = f"{info.path}()"
    if (info.surface, info.method) in sdk.STRICT_TOOL_HELPERS and not (
        isinstance(tools, cst.Name) and tools.value == "None"
    ):
        return f"{request} sends its tools as strict function definitions (it takes no other)"
    if not isinstance(tools, (cst.List, cst.Tuple)):
        return None
    for element in tools.elements:
        value = element.value
        if isinstance(value, cst.Call) and ctx.qualnames(value.func) & sdk.STRICT_TOOL_BUILDERS:
            return f"{snippet(ctx, value.func)}() builds a strict function tool"
        if isinstance(value, cst.Dict) and _strict_entry(value):
            return 'a tool of this request says "strict": True'
    return None


def _strict_entry(tool: cst.Dict, depth: int = 2) -> bool:
    """Whether the dict display `tool` (or its "function" entry) says `"strict": True`."""
    for element in tool.elements:
        if not isinstance(element, cst.DictElement):
            continue
        key = string_value(element.key)
        value = element.value
        if key == sdk.STRICT_TOOL_KEY and isinstance(value, cst.Name) and value.value == "True":
            return True
        if (
            key == "function"
            and depth > 1
            and isinstance(value, cst.Dict)
            and _strict_entry(value, depth - 1)
        ):
            return True
    return False


def param_unconfirmed(provider: Provider, key: str) -> str:
    """` (unconfirmed: reason)` when the provider file marks `params.key` uncertain."""
    return fact_unconfirmed(provider, f"params.{key}")


def fact_unconfirmed(provider: Provider, path: str) -> str:
    """` (unconfirmed: reason)` when the provider file marks the fact `path` uncertain."""
    reason = provider.uncertain.get(path)
    if not reason:
        return ""
    # a file's own tag (`CONFLICT: ...`, `UNCONFIRMED: ...`) would say it twice
    return f" (unconfirmed: {_TAG.sub('', reason)})"


def facts_unconfirmed(provider: Provider, paths: list[str]) -> str:
    """` (unconfirmed: reason; reason)` for the facts of `paths` the file marks uncertain."""
    said = [text for path in dict.fromkeys(paths) if (text := fact_unconfirmed(provider, path))]
    reasons = [text.removeprefix(" (unconfirmed: ").removesuffix(")") for text in said]
    return f" (unconfirmed: {'; '.join(reasons)})" if reasons else ""


def model_param_unconfirmed(provider: Provider, param: str, glob: str) -> str:
    """` (unconfirmed: reason)` when the provider file marks the `[model_params]` entry
    uncertain."""
    reason = next(
        (
            provider.uncertain[key]
            for key in (f"model_params.{glob}.{param}", f"model_params.{glob}", "model_params")
            if key in provider.uncertain
        ),
        None,
    )
    return f" (unconfirmed: {reason})" if reason else ""


def model_param_message(
    provider: Provider,
    model: str | None,
    model_from: str | None,
    param: str,
    fact: str,
    glob: str,
    removed: bool = True,
    written: str | None = None,
    by_hand: bool = False,
    left: str = USED_ELSEWHERE,
) -> str:
    """What ML115 says of `param` (passed as `written`, by default its own name): removed by
    apply, or (an entry of a dict apply leaves, `left` saying why) left for a person to
    remove; `by_hand`: to be removed by a person (a request apply leaves)."""
    head = model_param_head(provider, model, model_from, param, fact)
    why = " (the model ignores or rejects it)" if fact == "fixed" else ""
    unconfirmed = model_param_unconfirmed(provider, param, glob)
    if by_hand:
        return f"{head}: remove it{why}{unconfirmed}"
    if not removed:
        return (
            f'{head}: remove the entry "{written or param}"{why} (apply leaves the dict: '
            f"{left}){unconfirmed}"
        )
    return f"{head}: {written or param}= is removed{why}{unconfirmed}"


def several_choices_message(head: str, asked: str) -> str:
    """What ML115 says of `n=<asked>` (not 1) where the model fixes or does not take n."""
    return (
        f"{head}: the response holds one choice where the code asks for n={asked}; make that "
        "many requests by hand"
    )


class MaxTokensParameter(_CompatRule):
    """`max_tokens` / `max_completion_tokens` under the name the provider does not take.

    ## What it does
    Finds `max_completion_tokens=` where the provider's `max_tokens_param` is `max_tokens`,
    and `max_tokens=` where it is `max_completion_tokens`, in SDK requests, in Semantic
    Kernel's execution settings (`OpenAIChatPromptExecutionSettings(...)`, sent as the
    request's arguments; also a field set on them by attribute, `settings.max_tokens = 100`,
    where they are bound once to a name), on a call on litellm's OpenAI-compatible route (`dspy.LM(
    "openai/gpt-4o", max_tokens=2000)`, whose keywords litellm sends as they are), on
    smolagents' `OpenAIServerModel` (its OpenAI client sends its keywords) and `LiteLLMModel`,
    a dict display spread into them (`LiteLLMModel(**params)`), and a Router's or
    LiteLLMRouterModel's deployment (its `litellm_params` are the call's keywords), and the
    `generation_kwargs` of a Haystack chat component (as ML111 reads them), a LlamaIndex
    OpenAI LLM's `max_tokens=` and `additional_kwargs` entries (as ML111 reads them: manual,
    the class sends its field under that name, so the message says to pass
    `additional_kwargs={"max_completion_tokens": ...}`; its class also a subclass of
    OpenAILike whose base is `importlib.import_module("llama_index.llms.openai_like").
    OpenAILike`, one a module of the project defines, imported by name, or one returned by a
    function of the module whose every `return` gives it: private-gpt's `cls =
    _load_patched_openai_like(); cls(..., max_tokens=...)`, t66a), and the keywords
    or local dict (`args = dict(..., max_completion_tokens=n)`) a call of the module's own
    function gives its `**kwargs` where the request spreads that `**kwargs` (langroid's
    `self._chat_completions_with_backoff(**args)`; one call deep). On the
    provider's own litellm route (`deepseek/deepseek-v4-pro`, or an OpenAI model apply puts
    there) only where that route sends both names as they are: litellm's deepseek/ and
    dashscope/ routes do; its moonshot/, zai/ and volcengine/ routes send
    max_completion_tokens as max_tokens themselves. A litellm call whose model is chosen at
    run time is read too where the module's route test gates what reaches the provider
    (`guarded_request`, as ML111 reads it; on the provider's own route as above), left to a
    person (manual: other models' requests go through the same call). A call that passes both
    is left alone.
    The JSON body of a raw HTTP chat request to the provider is read as ML111 reads it (its
    key renamed; no openai release matters there). The entry a base class of another module
    of the project builds into the `**self.params` a subclass's request spreads
    (`RunFacts.base_entries`) is left to a person at the spread, naming the base's line; the
    one a base class's request sends through the client its subclasses of other modules set
    (`RunFacts.heir_models`) is left to a person there, naming them.

    ## Why
    A provider that does not know the name ignores the limit (answers run long and cost
    more) or rejects the request.

    ## Fix (safe)
    `apply` renames the keyword (or the key of a dict spread into the request or given as
    Haystack's `generation_kwargs`, unless the code also uses that dict for something else;
    a constant a parameter defaults to, or `self.X` holds, as ML115 edits it; or the
    attribute set on execution settings, unless the code reads attributes of them); the
    value stays. Review instead where the provider's file marks `max_tokens_param`
    uncertain. `max_tokens=` is left (manual) where a requirements file of the project pins
    openai 1.x below 1.45.0 (`openai_sdk.KEYWORD_SINCE`), whose `create()`
    rejects `max_completion_tokens=` (TypeError): the message says to raise that pin and
    rename it, or to send the value in the request's `extra_body`. Where a requirement admits
    releases before 1.45.0 and later ones (`openai>=1.3.5`), the rename stays and the
    message says that apply raises that requirement to >=1.45.0 (ML504). `data.openai_requires`:
    the openai requirement the rename needs (`>=1.45.0`).
    """

    code = "ML112"
    name = "max-tokens-parameter"
    category = "compatibility"
    severity = Severity.WARNING
    heirs = True
    fix = FixClass.SAFE
    settings = True
    routed = True
    guarded = True
    examples = (
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], max_completion_tokens=50)\n",
            provider="acme",
            message="Acme Cloud takes max_tokens=, not max_completion_tokens=",
            after=_CLIENT + "c.chat.completions.create(model=m, messages=[], max_tokens=50)\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], max_tokens=50)\n",
            provider="acme",
            finds=False,
        ),
        # t66a: a subclass of OpenAILike, its base loaded by importlib, returned by a loader
        Example(
            "import importlib\nimport os\n\n"
            'Base = importlib.import_module("llama_index.llms.openai_like").OpenAILike\n\n\n'
            "class MyLLM(Base):\n    pass\n\n\n"
            "def _load():\n    return MyLLM\n\n\n"
            "cls = _load()\nllm = cls(\n"
            '    model="qwen-plus",\n'
            '    api_base=os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/'
            'compatible-mode/v1"),\n'
            "    max_tokens=100,\n)\n",
            provider="qwen",
            message="Alibaba Qwen (DashScope / Model Studio) takes max_completion_tokens=, not "
            "max_tokens=; LlamaIndex sends its max_tokens field under that name and has no "
            'field of the other: remove it and pass additional_kwargs={"max_completion_tokens": '
            "...}, by hand",
        ),
        # t68g: a client another module builds, for another service's model: its request
        Example(
            "from openai import OpenAI\n\nfrom state import app\n\n"
            "app.OTHER.chat.completions.create(\n"
            '    model="n1-latest", messages=[], max_completion_tokens=50\n)\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from openai import OpenAI\n\nfrom state import app\n\n"
            "app.OTHER.chat.completions.create(\n"
            '    model="gpt-4o", messages=[], max_completion_tokens=50\n)\n',
            provider="acme",
            message="Acme Cloud takes max_tokens=, not max_completion_tokens=",
            after="from openai import OpenAI\n\nfrom state import app\n\n"
            "app.OTHER.chat.completions.create(\n"
            '    model="gpt-4o", messages=[], max_tokens=50\n)\n',
        ),
    )

    def arguments(self, node: cst.Call) -> dict[str, RequestArgument]:
        """The request's arguments, and those a call of the module's function whose `**kwargs`
        it spreads gives (`wrapper_dict_arguments`: a keyword, an entry of a dict)."""
        found = super().arguments(node)
        if self.routing is None:
            for name, given in wrapper_dict_arguments(self.ctx, node).items():
                if self._round < len(given):
                    found.setdefault(name, given[self._round])
        return found

    _round = 0  # which call of a wrapper `arguments` reads (`wrapper_dict_arguments`)
    # whether a request the project's openai SDK sends already gives max_completion_tokens=
    # (`token_renames`: the openai requirement must admit it as where apply renames)
    sdk_sends_completion_tokens = False

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        wrapped = wrapper_dict_arguments(self.ctx, node) if self.routing is None else {}
        for self._round in range(max(map(len, wrapped.values()), default=1)):
            self._check(node, info, provider)
        self._round = 0

    def _check(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        wanted = self.param("max_tokens_param")
        if wanted not in ("max_tokens", "max_completion_tokens"):
            return
        other = "max_completion_tokens" if wanted == "max_tokens" else "max_tokens"
        routing = self.routing
        if routing is not None and routing.as_is is not None and wanted not in routing.as_is:
            return  # litellm's route for the provider renames it back (moonshot/)
        args = self.arguments(node)
        # a raw HTTP request's body goes out as it is, whatever openai release is installed;
        # litellm sends its requests with the openai release it requires itself
        # (`RoutedRequest.litellm`): neither is held back by the project's openai requirement
        sdk_sent = info.kind != RAW and not (routing is not None and routing.litellm)
        if wanted == "max_completion_tokens" and sdk_sent and wanted in args:
            self.sdk_sends_completion_tokens = True
        arg = args.get(other)
        if arg is None and wanted not in args and routing is None and not self._round:
            for spread in spread_bases(self.ctx, node):
                self.check_base_tokens(spread, wanted, other)
        if arg is None or wanted in args or not self.first_report(arg.item):
            return
        label = arg.label
        if isinstance(label, cst.Name):
            new: str | None = wanted
        else:
            new = requote(label, wanted) if isinstance(label, cst.SimpleString) else None
        renamed = arg.editable if arg.renamable is None else arg.renamable
        unconfirmed = self.unconfirmed("max_tokens_param")
        if (
            wanted == "max_completion_tokens"
            and sdk_sent
            and self.ctx.rules.facts.openai_before_completion_tokens
        ):
            # the SDK the project installs would reject the keyword (whoever passes it on)
            first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS]))
            instead = ""
            if info.kind in CALL_KINDS or info.kind == "untraced":  # the SDK's own request
                value = self.ctx.code(arg.value) if isinstance(label, cst.Name) else "..."
                instead = f', or send "max_completion_tokens": {value} in its extra_body'
            self.report(
                arg.item,
                f"{provider.name} takes max_completion_tokens=, not max_tokens={unconfirmed}; "
                f"the project's requirements pin openai below {first}, whose create() takes no "
                "max_completion_tokens= (TypeError), so apply leaves it: raise that pin to "
                f">={first} and rename it{instead}",
                fix=FixClass.MANUAL,
                data={"openai_requires": f">={first}"},
            )
            return
        if renamed:
            by_hand = ""
        elif arg.by_hand:
            by_hand = f"; {arg.by_hand}"
        elif arg.attribute:
            by_hand = (
                f"; set {wanted} instead of {other} by hand (apply leaves it: the code reads "
                "attributes of these settings)"
            )
        else:
            left = "it is built or used elsewhere too" if arg.left == USED_ELSEWHERE else arg.left
            by_hand = f'; rename the entry "{other}" by hand (apply leaves the dict: {left})'
        edit = Edit(self.ctx.span(label), new) if new and renamed else None
        # a rename on a fact the provider's file marks uncertain: a person checks the choice
        fix = FixClass.MANUAL if edit is None else FixClass.REVIEW if unconfirmed else None
        moved, data = "", None
        if (
            wanted == "max_completion_tokens"
            and sdk_sent
            and self.ctx.rules.facts.openai_admits_before_completion_tokens
        ):
            first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS]))
            moved = (
                f"; the project's openai requirement admits releases before {first}, whose "
                f"create() takes no max_completion_tokens= (TypeError): apply raises it to "
                f">={first} (ML504)"
            )
            data = {"openai_requires": f">={first}"}
        via = ""
        if arg.forwarded is not None and arg.forwarded.slot is not None:
            slot = arg.forwarded.slot
            via = (
                f" (sent through the **kwargs of {function_label(self.ctx, slot.function)}(), "
                f"which the request spreads on {arg.forwarded.where})"
            )
        guarded = self.guarded_note()
        if guarded:  # the call sends other models' requests too: renamed by a person
            self.report(
                arg.item,
                f"{as_written(arg)}{guarded}: {provider.name} takes {wanted}=, not "
                f"{other}={unconfirmed}; rename it by hand",
                fix=FixClass.MANUAL,
            )
            return
        self.report(
            arg.item,
            f"{provider.name} takes {wanted}=, not {other}={unconfirmed}{via}{by_hand}{moved}",
            fix=fix,
            edit=edit,
            data=data,
        )

    def check_heirs(self, node: cst.Call, request: HeirRequest) -> None:
        """The token limit a request of a base class sends (`heir_requests`) under the name
        the provider does not take, its subclasses of other modules sending it there: renamed
        by hand (apply edits the base for every subclass); not where each of them defines,
        without `super()`, the method of the base building it."""
        wanted = self.param("max_tokens_param")
        if wanted not in ("max_tokens", "max_completion_tokens") or request.info.surface != "chat":
            return
        if self.request(node) is not None:
            return  # a request of the SDK's shape: checked as one (`check_call`)
        other = "max_completion_tokens" if wanted == "max_tokens" else "max_tokens"
        args = self.arguments(node)
        arg = args.get(other)
        if arg is None or wanted in args:
            return
        builder = _builder_of(self.ctx, arg.item)
        if all(builder in heir.own for heir in request.heirs) or not self.first_report(arg.item):
            return
        pin = self._completion_tokens_pin(wanted)
        heirs = and_listed([heir_label(h) for h in request.heirs])
        verb = "sends" if len(request.heirs) == 1 else "send"
        self.report(
            arg.item,
            f"{self.provider.name} takes {wanted}=, not {other}="
            f"{self.unconfirmed('max_tokens_param')}, and {heirs} {verb} "
            f"this request there: rename {as_written(arg)} by hand (apply leaves it: "
            f"subclasses of {request.owner.name.value} in other modules set the request's "
            f"client){pin}",
            fix=FixClass.MANUAL,
            data={"heirs": [heir_label(h) for h in request.heirs]},
        )

    def _completion_tokens_pin(self, wanted: str) -> str:
        """What a message adds where `wanted` is max_completion_tokens and the project's
        requirements pin an openai whose create() does not take it."""
        if (
            wanted != "max_completion_tokens"
            or not self.ctx.rules.facts.openai_before_completion_tokens
        ):
            return ""
        first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS]))
        return (
            f"; the project's requirements pin openai below {first}, whose create() takes "
            f"no max_completion_tokens= (TypeError): raise that pin to >={first} first"
        )

    def check_base_tokens(self, spread: SpreadBase, wanted: str, other: str) -> None:
        """The entry `other` a base class of another module builds into the `**self.X` the
        request spreads (`imported_bases`), where the provider takes `wanted`: renamed by
        hand in the base's module."""
        entry = spread.entries.get(other)
        if entry is None or wanted in spread.entries:
            return
        pin = self._completion_tokens_pin(wanted)
        self.report(
            spread.spread,
            f"{self.provider.name} takes {wanted}=, not {other}="
            f'{self.unconfirmed("max_tokens_param")}; rename the entry "{other}" by hand '
            f"(apply leaves the dict: {spread.where(other)}){pin}",
            fix=FixClass.MANUAL,
            data={"built_in": f"{entry.shown}:{entry.line}"},
        )


class DeveloperRole(_CompatRule):
    """A `developer` role message sent to a provider that knows only `system`.

    ## What it does
    Finds message dicts written as `{"role": "developer", ...}` in the `messages=[...]` list
    (or a module constant holding that list, or each list a name bound in several places
    may hold) of a chat request, when the provider's
    `developer_role` is false; and `instruction_role="developer"` given to a Semantic Kernel
    chat service (`OpenAIChatCompletion(...)`), which sends its system messages with that role.

    ## Why
    `developer` is OpenAI's newer name for the system message; providers that do not know it
    reject the request or drop the instructions.

    ## Fix (safe)
    `apply` writes `"system"` in place of `"developer"`.
    """

    code = "ML113"
    name = "developer-role"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[{"role": "developer", '
            '"content": "Be brief."}])\n',
            provider="qwen",
            message='role "developer" is not accepted by Alibaba Qwen (DashScope / Model '
            'Studio); use "system" (unconfirmed: one source (pi-free#45), 2026-04)',
            after=_CLIENT + "c.chat.completions.create(\n"
            '    model=m, messages=[{"role": "system", "content": "Be brief."}]\n)\n',
        ),
        Example(
            _CLIENT + 'c.chat.completions.create(model=m, messages=[{"role": "developer", '
            '"content": "Be brief."}])\n',
            provider="acme",
            finds=False,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if not self.ctx.rules.switching or self.param("developer_role") is not False:
            return
        role = developer_instruction_role(self.ctx, node)
        text = requote(role, "system") if role is not None else None
        if role is not None and text is not None and self.first_report(role):
            self.report(
                role,
                f'instruction_role "developer" of {callee(node.func)}() (Semantic Kernel) is not '
                f'accepted by {self.provider.name}; use "system"'
                f"{self.unconfirmed('developer_role')}",
                edit=Edit(self.ctx.span(role), text),
            )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        arg = self.arguments(node).get("messages")
        if arg is None or self.param("developer_role") is not False:
            return
        for held in self.held(arg.value):
            if isinstance(held.value, (cst.List, cst.Tuple)):
                self.check_messages(held.value, arg, provider)

    def check_messages(
        self, messages: cst.List | cst.Tuple, arg: RequestArgument, provider: Provider
    ) -> None:
        """The `developer` messages of a list display a request sends."""
        for element in messages.elements:
            items = dict_items(element.value)
            role = items.get("role") if items else None
            if not isinstance(role, cst.SimpleString) or string_value(role) != "developer":
                continue
            if not self.first_report(role):
                continue
            text = requote(role, "system") if arg.editable else None
            self.report(
                role,
                f'role "developer" is not accepted by {provider.name}; use "system"'
                f"{self.unconfirmed('developer_role')}",
                fix=None if text else FixClass.MANUAL,
                edit=Edit(self.ctx.span(role), text) if text else None,
            )


class _StoredSize(NamedTuple):
    """A vector size the module writes (ML114): the node holding it, how the message names it
    (`size=`, `vector(1536) in SQL text`), the width, and its line."""

    node: cst.CSTNode
    label: str
    size: int
    line: int


class EmbeddingsVectorSpace(_CompatRule):
    """An embeddings request: the provider's vectors live in another space.

    ## What it does
    Notes every embeddings request when switching provider, naming the provider's model and
    its dimension: the SDK's, litellm's `embedding()` of an OpenAI model, and the LangChain
    and LlamaIndex OpenAI embedding classes (those not given a base URL of their own; litellm's
    model read as ML640 reads it, also from the dict spread into `embedding(**params)`). Warns
    when `dimensions=` is a size the provider does not offer, and, for a provider with a
    batch limit (`embedding_batch_max`: Qwen takes 10 texts a request), when an SDK
    request's `input=` is not shown to fit it: a list over it, or texts of unknown number
    (camel's `input=texts`), also through a client the module does not trace whatever model it
    names, where ML101 reads it as the SDK's (`untraced_call`: khoj's `client =
    get_openai_client(...)` of another module, slices of 1000 texts to Zhipu's 64, t55a;
    manual). So is the `input=` (or second argument) of litellm's `embedding()` /
    `aembedding()` that goes to the provider (`litellm_embedding_inputs`): one of its models
    on litellm's route for it where that route sends embeddings (`dashscope/text-embedding-v4`;
    not zai/, moonshot/ or deepseek/: `EMBEDDINGS_ROUTES`) or on the OpenAI-compatible
    route given its base URL (`openai/text-embedding-v4` with DASHSCOPE_BASE_URL, as ML640
    writes it), or an OpenAI model ML640 moves there; also a model chosen at run time where
    the module's route test holds wherever the call reaches the provider (`if
    MODEL.startswith("dashscope/"):`, or `"openai/"` with the provider's base URL given under
    it: `embeddings_route_guarded`); litellm sends the list in one request (t67b: RD-Agent's
    litellm backend sent 25 texts to Qwen under a green `check`; t67e: its model read from
    settings under such a test was not checked). Shown to
    fit: a string, a list or tuple display, a slice
    `texts[i : i + 10]`, a name bound to one of them, a parameter that every call of its
    function in the module fills with one, a loop over such batches. A string is also a
    parameter annotated `str`, a slice or a str method's result of a string, a call the
    module annotates `-> str` (a method also through a parameter annotated with the module's
    class, or a name bound to an instance of it), and an item of a split or of a call
    annotated `-> list[str]`.
    An `input=` holding token ids from tiktoken (`enc.encode(text)[:8191]`, through a name,
    a slice, `list(...)`, a list of them, or what the module's calls pass to the parameter
    sent) is a warning instead: the provider embeds text, and the ids number OpenAI's
    tokens; no batch advice is given for it.

    An SDK request's OpenAI model is followed where `apply` maps it: a literal, a constant,
    a parameter's default, `self.model = model or "text-embedding-3-small"`, both branches of
    `a if c else b`, and what the module's calls of the function (or class) pass. Where the
    provider's model returns vectors of another size by default (its entry of the provider's
    `embedding_model_dimensions`, else `embedding_default_dimensions`), a request without
    `dimensions=` gets the size the OpenAI model's vectors had (review) when the provider
    offers it; else a warning names both sizes: the provider does not offer that size, the
    module passes models of different sizes, or the request is built from `**kwargs`. Where a
    requirements file pins openai 1.x below 1.10.0 (`openai_sdk.KEYWORD_SINCE`), whose
    `embeddings.create()` takes no `dimensions=` (TypeError), apply passes
    `extra_body={"dimensions": 1536}` instead, and a `dimensions=` the request passes is a
    warning (raise the pin, or send it in `extra_body`; t63b). A
    request through a client the module does not trace is read as the other parameter
    checks read it (its model the provider's or an OpenAI model it maps): manual, and no
    `dimensions=` is added, since apply leaves such a call. A framework's class or call
    whose OpenAI model (given, also as the entry of a dict spread into it, or its default:
    `text-embedding-ada-002` for LangChain and LlamaIndex) had vectors of another size gets
    the same warning; apply passes it no
    `dimensions=` (agno's OpenAIEmbedder sends its own 1536 where the provider offers it).
    litellm's `embedding()`, which sends `dimensions=` on (`frameworks.litellm.DIMENSIONS`),
    gets it as an SDK request does (review, in the same run as ML640's edit; t59e: babyagi 2's
    litellm call got 1024 wide vectors beside the SDK's 1536), also as an entry of the dict
    spread into it, with `allowed_openai_params=["dimensions"]` where litellm's openai/ route
    refuses the keyword for the provider's model (`DIMENSIONS_MODEL_MARK`); a call already
    given that list, or a size the dict sets on some paths only, is left as a warning. So is
    a request in a method of a class whose subclasses in the module point at other servers and
    inherit that method (`other_server_heirs`: ragflow's `OpenAIEmbed._call`, t68e): the size
    would go to their servers too; the warning names them.

    Where a request, or a framework's class pointed at the provider (by apply or by hand:
    LlamaIndex's OpenAILikeEmbedding too), gets vectors of another width than one of
    OpenAI's (1536, 3072) that the module writes as the size of vectors (a keyword, dict
    key, constant, attribute or parameter named `size`, `dim`, `dims`, `dimension`,
    `embedding_dim`, `vector_size`...: `VectorParams(size=1536)`, `EMBEDDING_DIM = 1536`,
    `self.dims = dims or 1536`, `def __init__(self, dim=1536)`), or as a vector
    column in SQL text (pgvector's `embedding vector(1536)` in a string), the note is a
    warning naming that line, so `check` still fails once apply has mapped the model; a
    request whose OpenAI model apply maps gets that warning before apply too, so `scan` says
    what `check` will (a size in a decorator of the function making the request, as
    nano-graphrag's `@wrap_embedding_func_with_attrs(embedding_dim=1536)`, named first).
    Where that size is a keyword's number declaring the width of that request's vectors
    alone (in a decorator of the function making it, a call in that function's body, or a
    call holding the request; no other embeddings request there: `embedding_sizes`) and
    apply maps the request's model in the same run to one model whose width the provider's
    file states (`embedding_model_dimensions`, or `embedding_default_dimensions` for its
    `embedding` tier's model; neither marked uncertain), apply writes the new width there
    (review). A constant, a default or an attribute, which other code may read, is left to
    a person, as is a size beside a request whose model may be another.
    chromadb's `OpenAIEmbeddingFunction` given no base URL or the provider's (a class ML401
    leaves, or points at the provider) gets the note with the width its OpenAI model's
    vectors had (its `model_name=`, else `text-embedding-ada-002`; given the provider's
    model, the OpenAI vectors it stored before): a collection it filled
    holds them, and chromadb 1.0 and later pass `dimensions=` only to OpenAI's
    text-embedding-3 models (`frameworks.chromadb`), so re-embed; `data` holds `model_to`,
    `dimensions_from` and `dimensions_to`.
    A request on the provider's model (after apply too) in a module that keeps vectors in a
    file it reads back (a string naming a file for embeddings or vectors, `"vectors.json"`,
    beside a `json`, `pickle`, `numpy` or `torch` load or save: `vector_sizes.VECTOR_FILE`,
    `PERSIST_CALLS`) is a warning, not the note: those vectors are the OpenAI model's until
    a person records that they were rebuilt (`# migrate-llm: ignore[ML114]`; t62e). So is a
    framework's embedding class on the provider in a module building a LangChain vector store
    that keeps its vectors on a server (`vector_sizes.STORE_CLASSES`: WeaviateVectorStore,
    PGVector...; t65d): its collection holds the OpenAI model's vectors until rebuilt.

    ## Why
    Vectors from different models cannot be compared: a search over vectors stored from
    OpenAI returns nonsense for queries embedded by the new provider. A vector store created
    for 1536 wide vectors rejects 1024 wide ones (qdrant fails on the first insert).

    ## Fix
    Re-embed what you store with the new model (and re-create the index if the dimension
    changes, or pass `dimensions=`); send inputs in batches the provider takes.
    """

    code = "ML114"
    name = "embeddings-vector-space"
    category = "compatibility"
    severity = Severity.NOTE
    fix = FixClass.MANUAL
    surfaces = frozenset({"embeddings"})
    examples = (
        # t65d: after apply, a LangChain class on the provider filling a server's store
        Example(
            "import os\n\n"
            "from langchain_openai import OpenAIEmbeddings\n"
            "from langchain_weaviate import WeaviateVectorStore\n\n"
            "embedding = OpenAIEmbeddings(\n"
            '    api_key=os.environ["ACME_API_KEY"],\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-embed",\n'
            ")\n"
            'store = WeaviateVectorStore(client=client, index_name="Docs", embedding=embedding)\n',
            provider="acme",
            message="vectors from acme-embed (1024 dimensions) are not comparable with the "
            "OpenAI vectors the WeaviateVectorStore this module uses holds (line 11): re-embed "
            "what it holds (a collection made for another width rejects the new vectors), then "
            "record that with `# migrate-llm: ignore[ML114]` at the end of this line",
        ),
        # t68e: ragflow's OpenAIEmbed, whose request its subclasses for other servers inherit
        Example(
            "from openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n\n"
            "    def embed(self, texts):\n"
            "        return self.client.embeddings.create(\n"
            '            input=texts, model="text-embedding-3-small"\n        )'
            "\n\n\nclass LocalEmbed(Embed):\n    def __init__(self, key, base_url):\n"
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n",
            provider="qwen",
            message="text-embedding-v4 returns vectors 1024 wide, text-embedding-3-small's were "
            "1536 (1536 -> 1024): rebuild the stored vectors, or pass dimensions=1536; apply "
            "adds no dimensions= here, as Embed.embed() is inherited by LocalEmbed, which sends "
            "to another server (the size would go there too); pass it only on requests that go "
            "to Alibaba Qwen (DashScope / Model Studio)",
            after="from openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n\n"
            "    def embed(self, texts):\n"
            "        return self.client.embeddings.create(\n"
            '            input=texts, model="text-embedding-3-small"\n        )'
            "\n\n\nclass LocalEmbed(Embed):\n    def __init__(self, key, base_url):\n"
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n",
        ),
        # ... not with a store kept in memory
        Example(
            "import os\n\n"
            "from langchain_core.vectorstores import InMemoryVectorStore\n"
            "from langchain_openai import OpenAIEmbeddings\n\n"
            "embedding = OpenAIEmbeddings(\n"
            '    api_key=os.environ["ACME_API_KEY"],\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model="acme-embed",\n'
            ")\n"
            "store = InMemoryVectorStore(embedding=embedding)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + 'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="acme",
            message="acme-embed returns vectors 1024 wide, text-embedding-3-small's were 1536 "
            "(1536 -> 1024): rebuild the stored vectors; Acme Cloud offers no dimensions=1536 "
            "(offered: 1024)",
        ),
        Example(
            _CLIENT + "\n\nclass Index:\n    def __init__(self, model=None):\n"
            '        self.model = model or "text-embedding-3-small"\n\n'
            "    def add(self, text):\n"
            "        return c.embeddings.create(model=self.model, input=text)\n",
            provider="qwen",
            message="vectors from text-embedding-v4 (1024 dimensions by default) are not "
            "comparable with stored OpenAI vectors: re-embed what you store; apply passes "
            "dimensions=1536, the size of text-embedding-3-small's vectors, so what holds them "
            "takes the new ones",
            after=_CLIENT + "\n\nclass Index:\n    def __init__(self, model=None):\n"
            '        self.model = model or "text-embedding-3-small"\n\n'
            "    def add(self, text):\n"
            "        return c.embeddings.create(dimensions=1536, model=self.model, input=text)\n",
        ),
        Example(
            _CLIENT + "\n\ndef embed(text, dims=None):\n"
            '    kw = {"model": "text-embedding-3-small", "input": [text]}\n'
            "    if dims:\n"
            '        kw["dimensions"] = dims\n'
            "    return c.embeddings.create(**kw)\n",
            provider="qwen",
            message="text-embedding-v4 returns vectors 1024 wide, text-embedding-3-small's were "
            "1536 (1536 -> 1024): rebuild the stored vectors, or pass dimensions=1536; apply adds "
            "no dimensions= to a request built from **kwargs (it sets dimensions only on some "
            "paths, on line 8)",
        ),
        Example(
            _CLIENT + "\n\ndef embed(text):\n"
            '    kw = {"model": "text-embedding-3-small", "input": [text]}\n'
            "    return c.embeddings.create(**kw)\n",
            provider="qwen",
            message="vectors from text-embedding-v4 (1024 dimensions by default) are not "
            "comparable with stored OpenAI vectors: re-embed what you store; apply passes "
            "dimensions=1536, the size of text-embedding-3-small's vectors, so what holds them "
            "takes the new ones",
            after=_CLIENT + "\n\ndef embed(text):\n"
            '    kw = {"dimensions": 1536, "model": "text-embedding-3-small", "input": [text]}\n'
            "    return c.embeddings.create(**kw)\n",
        ),
        # t59e D3: babyagi 2's litellm embedding beside the SDK's, both to text-embedding-v4
        Example(
            "import litellm\n\n\ndef embed(texts):\n"
            '    return litellm.embedding(model="text-embedding-ada-002", input=texts)\n',
            provider="qwen",
            message="vectors from text-embedding-v4 (1024 dimensions by default) are not "
            "comparable with stored OpenAI vectors: re-embed what you store; apply passes "
            'dimensions=1536 (with allowed_openai_params=["dimensions"], without which litellm '
            "refuses it for this model), the size of text-embedding-ada-002's vectors, so what "
            "holds them takes the new ones",
            after="import litellm\n\n\ndef embed(texts):\n"
            "    return litellm.embedding(\n"
            '        dimensions=1536,\n        allowed_openai_params=["dimensions"],\n'
            '        model="text-embedding-ada-002",\n        input=texts,\n    )\n',
        ),
        # t67b: RD-Agent's litellm embeddings, written as ML640 advises, sent 25 texts to Qwen
        Example(
            "import os\n\nfrom litellm import embedding\n\n\ndef embed(texts):\n"
            "    return embedding(\n"
            '        model="openai/acme-embed",\n        input=texts,\n'
            '        api_key=os.environ["ACME_API_KEY"],\n'
            '        api_base=os.environ["ACME_BASE_URL"],\n    )\n',
            provider="acme",
            message="input=texts may hold more than 16 texts; Acme Cloud embeds at most 16 "
            "inputs per request: send batches of 16",
        ),
        Example(
            "import os\n\nimport litellm\n\n\nasync def embed(texts):\n"
            "    return await litellm.aembedding(\n"
            '        "openai/acme-embed", texts, api_base=os.environ["ACME_BASE_URL"]\n    )\n',
            provider="acme",
            message="input=texts may hold more than 16 texts; Acme Cloud embeds at most 16 "
            "inputs per request: send batches of 16",
        ),
        Example(
            "import litellm\n\n\ndef embed(texts):\n"
            "    for i in range(0, len(texts), 16):\n"
            '        litellm.embedding(model="openai/acme-embed", input=texts[i : i + 16])\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from litellm import embedding\n\n\n"
            'def embed(text, model="text-embedding-ada-002"):\n'
            '    params = {"model": model, "input": [text]}\n'
            "    return embedding(**params)\n",
            provider="acme",
            message="acme-embed returns vectors 1024 wide, text-embedding-ada-002's were 1536 "
            "(1536 -> 1024): rebuild the stored vectors; Acme Cloud offers no dimensions=1536 "
            "(offered: 1024)",
        ),
        Example(
            "from langchain_openai import OpenAIEmbeddings\n\nembeddings = OpenAIEmbeddings()\n",
            provider="acme",
            message="acme-embed returns vectors 1024 wide, text-embedding-ada-002's were 1536 "
            "(1536 -> 1024): rebuild the stored vectors; Acme Cloud offers no dimensions=1536 "
            "(offered: 1024)",
        ),
        Example(
            "import os\n\nfrom llama_index.embeddings.openai_like import OpenAILikeEmbedding\n"
            "from qdrant_client.models import VectorParams\n\n"
            "PARAMS = VectorParams(size=1536)\nembed_model = OpenAILikeEmbedding(\n"
            '    model_name="acme-embed",\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n',
            provider="acme",
            message="acme-embed returns vectors 1024 wide, size= on line 6 expects 1536 "
            "(1536 -> 1024): make it 1024 and rebuild the stored vectors; Acme Cloud offers no "
            "dimensions=1536 (offered: 1024)",
        ),
        # nano-graphrag's `@wrap_embedding_func_with_attrs(embedding_dim=1536)`: the size of
        # what the function returns, rewritten with the model it maps (t52c, t52j)
        Example(
            _CLIENT + "\n\n@attrs(embedding_dim=1536)\ndef embed(texts):\n"
            '    return c.embeddings.create(model="text-embedding-3-small", input=texts)\n',
            provider="acme",
            message="acme-embed returns vectors 1024 wide, embedding_dim= on line 5 expects 1536 "
            "(1536 -> 1024): apply makes it 1024; rebuild the stored vectors; Acme Cloud offers "
            "no dimensions=1536 (offered: 1024)",
            after=_CLIENT + "\n\n@attrs(embedding_dim=1024)\ndef embed(texts):\n"
            '    return c.embeddings.create(model="text-embedding-3-small", input=texts)\n',
        ),
        # a constant other code may read too: left to a person
        Example(
            _CLIENT + "\nDIM = 1536\n\n\n@attrs(embedding_dim=DIM)\ndef embed(texts):\n"
            '    return c.embeddings.create(model="text-embedding-3-small", input=texts)\n',
            provider="acme",
            message="acme-embed returns vectors 1024 wide, DIM= on line 4 expects 1536 "
            "(1536 -> 1024): make it 1024 and rebuild the stored vectors; Acme Cloud offers no "
            "dimensions=1536 (offered: 1024)",
        ),
        # t62e: a module reading back the vectors it stored, already on the provider's model
        Example(
            "import json\n\n" + _CLIENT + "\n\ndef recall(text):\n"
            '    stored = json.load(open("vectors.json"))\n'
            '    return c.embeddings.create(model="acme-embed", input=text), stored\n',
            provider="acme",
            message="vectors from acme-embed (1024 dimensions) are not comparable with the "
            'OpenAI vectors this module keeps in "vectors.json" (named on line 8): re-embed what '
            "it holds, then record that with `# migrate-llm: ignore[ML114]` at the end of this "
            "line",
        ),
        Example(
            _CLIENT + 'c.embeddings.create(model="acme-embed", input="x", dimensions=1024)\n',
            provider="acme",
            message="vectors from acme-embed (1024 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
        ),
        Example(
            _CLIENT + 'c.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="openai",
            finds=False,
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._stored: list[_StoredSize] | None = None
        self._requests: list[cst.Call] | None = None
        self._kept: tuple[str, int] | tuple[()] | None = None
        self.likes = li.EMBEDDING_LIKE_NAME in ctx.text

    def visit_Call(self, node: cst.Call) -> None:
        if not self.ctx.rules.switching:
            return
        if self.request(node) is not None or untraced_request(self.ctx, node) is not None:
            super().visit_Call(node)  # an untraced one only with the provider's model
            return
        self.feed(node)  # what `super().visit_Call` does first
        if self.provider.support("embeddings") is not False:
            found = self.framework_embeddings(node)
            if found is not None:
                self.framework_size(node, *found)
            elif chroma_function(self.ctx, node):
                self.chroma_size(node)
            else:
                self.class_on_target(node)
            if litellm_reach(self.ctx, node):  # its texts, as an SDK request's
                self.check_input(litellm_input(self.ctx, node), self.provider)

    def dispatch(self, node: cst.Call, info: CallInfo | None) -> None:
        """Also an untraced embeddings request whose model is not known (`untraced_request`
        leaves it), where ML101 reads it as the SDK's (`untraced_call`: khoj's processor/
        embeddings.py, `client = get_openai_client(...)` of another module, then
        `client.embeddings.create(input=docs, model=self.model_name)`, t55a D3): its inputs
        are checked against the provider's batch limit, whatever model it sends."""
        found = None
        if info is None and self.provider.support("embeddings") is not False:
            found = untraced_call(self.ctx, node)
        if found is None or found.surface not in self.surfaces:
            super().dispatch(node, info)
            return
        self.untraced = callee_label(self.ctx, node)
        self.check_batch(self.arguments(node).get("input"))
        self.untraced = None

    def chroma_size(self, node: cst.Call) -> None:
        """The note on chromadb's OpenAIEmbeddingFunction (`frameworks.chromadb`) given no base
        URL or the provider's, whose OpenAI model (given, or its default) had vectors of
        another width than the provider's model returns: a collection it filled holds
        vectors of the old width, and chromadb 1.0 and later pass `dimensions=` only for
        OpenAI's text-embedding-3 models, so the provider's model sends its own."""
        given = keyword(node, chroma.BASE_URL)
        if given is not None and self.provider.base_url_env not in self.ctx.code(given.value):
            return  # a server of its own: not the provider's vectors
        target = chroma_target(self.ctx, node)
        model_arg = keyword(node, chroma.MODEL)
        old = chroma.DEFAULT_MODEL if model_arg is None else string_value(model_arg.value)
        widths = self.model_widths([old]) if old is not None else {}
        width = model_width(self.provider, [target])
        if target is None or width is None or widths.get(old or "") == width:
            return
        data: dict[str, object] = {"model_to": target, "dimensions_to": width}
        if old in widths:  # an OpenAI model apply maps (or a person should)
            stored = f"those {chroma.LABEL} stored from {old} ({widths[old]})"
            data["dimensions_from"] = widths[old]
        elif old == target:  # the provider's already: what it filled before is OpenAI's
            stored = f"the OpenAI vectors {chroma.LABEL} stored before"
        else:
            return
        self.report(
            node.func,
            f"vectors from {target} ({width} dimensions by default) are not comparable with "
            f"{stored}: re-embed what its collections hold, as a collection made with them "
            f"rejects the new width; chromadb 1.0 and later pass {chroma.DIMENSIONS}= only to "
            f"{chroma.DIMENSIONS_MODELS} models (0.5.15 to 0.6.3 to any)",
            data=data,
        )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        if provider.support("embeddings") is False:
            return  # the call itself fails: ML101 (ML302 for a v0 call) says so
        args = self.arguments(node)
        model = args.get("model")
        value = model.value if model else None
        target = self.target_model(value, None, provider)
        size = args.get("dimensions")
        carried = _extra_body_size(args)
        if size is not None and not _set_on_some_paths(self.ctx, size):
            self.note(node, target, size=size)
            self.check_sdk_keyword(size)
        elif size is None and carried is not None:  # `extra_body={"dimensions": 1536}`
            self.note(node, target, width=carried)
        else:
            self.keep_size(node, target, value, size)
        self.check_dimensions(args.get("dimensions"))
        self.check_input(args.get("input"), provider)
        if args.get("input") is None and provider.params.get("embedding_token_input") is not True:
            self.check_spread_input(node)

    def note(
        self,
        node: cst.Call,
        model: str,
        tail: str = "",
        size: RequestArgument | None = None,
        edit: Edit | None = None,
        width: int | None = None,
        keyword: str = "dimensions",
    ) -> None:
        """The note on an embeddings request; `size`: the `dimensions=` it passes; `edit`:
        the `dimensions=` apply passes (the finding is then for review); `width`: the size
        of the vectors it gets where not the provider's default (agno's OpenAIEmbedder sends
        its own); `keyword`: what sets the size ("" where not known). A warning instead where
        the module sizes vectors for another width (`stored_size`)."""
        default = width or self.param("embedding_default_dimensions")
        where = f" ({default} dimensions)" if default else ""
        passed = number_value(self.visible(size.value)[0]) if size is not None else None
        sent = passed if size is not None else default
        stored = self.stored_size(node, sent) if edit is None and isinstance(sent, int) else None
        if stored is not None and isinstance(sent, int):
            self.stored_warning(node, model, sent, stored, "" if size is not None else keyword)
            return
        if size is not None:  # the width the request asks for, not the provider's default
            asked = self.ctx.code(size.value)
            if passed is not None and passed in (self.param("embedding_dimensions") or ()):
                where = f" ({passed} dimensions)"
            elif passed is None and len(asked) <= 40 and "\n" not in asked:
                where = f" (dimensions={asked})"  # `dimensions=EMBEDDING_DIMENSION`
            else:
                where = ""  # a size the provider does not offer: check_dimensions says so
        if edit is not None:
            where = f" ({default} dimensions by default)"
        kept = self.vector_file()
        if kept is not None:  # the module keeps vectors in a file: stays in check (t62e)
            self.report(
                node.func,
                f"vectors from {model}{where} are not comparable with the OpenAI vectors "
                f"this module keeps in {kept[0]} (named on {self.ctx.line_label(kept[1])}): "
                "re-embed what it holds, then record that with `# migrate-llm: ignore[ML114]` "
                f"at the end of this line{self.unconfirmed('embedding_default_dimensions')}{tail}",
                severity=Severity.WARNING,
                fix=FixClass.REVIEW if edit is not None else None,
                edit=edit,
            )
            return
        self.report(
            node.func,
            f"vectors from {model}{where} are not comparable with stored OpenAI vectors: "
            f"re-embed what you store{self.unconfirmed('embedding_default_dimensions')}{tail}",
            fix=FixClass.REVIEW if edit is not None else None,
            edit=edit,
        )

    def vector_file(self) -> tuple[str, int] | None:
        """The first file named for embeddings or vectors (`vs.VECTOR_FILE`, as its string
        writes it) and its line, where the module also loads or saves data with one of
        `vs.PERSIST_CALLS`: evidence that it keeps vectors the OpenAI model made, which
        nothing shows were rebuilt. None otherwise (computed once)."""
        if self._kept is not None:
            return self._kept or None
        ctx = self.ctx
        found: tuple[str, int] | tuple[()] = ()
        if any(
            isinstance(n, cst.Call) and qualified(ctx, n.func, vs.PERSIST_CALLS) for n in ctx.nodes
        ):
            for n in ctx.nodes:
                if isinstance(n, (cst.SimpleString, cst.FormattedStringText)):
                    match = vs.VECTOR_FILE.search(n.value)
                    if match is not None:
                        found = (f'"{match.group(0)}"', ctx.position(n)[0][0])
                        break
        self._kept = found
        return found or None

    def stored_size(self, node: cst.Call, width: int) -> _StoredSize | None:
        """The first vector size the module writes for another width than `width` outside
        the request itself (`stored_sizes`): in a decorator of the function making the
        request (nano-graphrag's `@wrap_embedding_func_with_attrs(embedding_dim=1536)`) where
        one is, else anywhere."""
        inside = self.ctx.position(node)
        found = [
            stored
            for stored in self.stored_sizes()
            if stored.size != width and not _within(self.ctx.position(stored.node), inside)
        ]
        own = [stored for stored in found if self._decorates(stored.node, node)]
        return next(iter(own or [f for f in found if not self._azure_decorated(f.node)]), None)

    def _azure_decorated(self, size: cst.CSTNode) -> bool:
        """Whether `size` is in a decorator of a function of Azure OpenAI's (its code names an
        Azure client or reads `AZURE_` variables: LightRAG's `azure_openai_embed`), which sends
        the user's Azure deployment, not the provider's model."""
        above = self.ctx.ancestors(size)
        decorator = next((a for a in reversed(above) if isinstance(a, cst.Decorator)), None)
        if decorator is None:
            return False
        function = above[above.index(decorator) - 1]
        if not isinstance(function, cst.FunctionDef):
            return False
        code = self.ctx.code(function.body)
        return any(word in code for word in _AZURE_WORDS)

    def _decorates(self, size: cst.CSTNode, node: cst.Call) -> bool:
        """Whether `size` is in a decorator of the innermost function holding `node`."""
        ctx = self.ctx
        function = next(
            (f for f in reversed(ctx.ancestors(node)) if isinstance(f, cst.FunctionDef)), None
        )
        return function is not None and any(
            _within(ctx.position(size), ctx.position(d)) for d in function.decorators
        )

    def stored_sizes(self) -> list[_StoredSize]:
        """The widths of OpenAI's embedding models (1536, 3072) written in the module as the
        size of vectors (`vs.SIZE_NAMES`: `VectorParams(size=1536)`, `"dims": 1536`,
        `EMBEDDING_DIM = 1536`, `self.dims = dims or 1536`, `def __init__(self, dim=1536)`),
        or as a vector column's in SQL text (`vs.SQL_VECTOR`:
        `embedding vector(1536)`), in text order."""
        if self._stored is not None:
            return self._stored
        widths = self.ctx.rules.openai.params.get("embedding_model_dimensions") or {}
        sizes = set(widths.values())
        found: list[_StoredSize] = []
        for node in self.ctx.nodes:
            kind = type(node)
            if kind is cst.SimpleString or kind is cst.FormattedStringText:
                found.extend(self._sql_sizes(node, sizes))  # type: ignore[arg-type]
                continue
            name: str | None = None
            value: cst.BaseExpression | None = None
            if isinstance(node, cst.Arg) and node.keyword is not None:
                name, value = node.keyword.value, node.value
            elif isinstance(node, cst.DictElement):
                name, value = string_value(node.key), node.value
            elif isinstance(node, cst.Assign) and len(node.targets) == 1:
                name, value = _target_name(node.targets[0].target), node.value
            elif isinstance(node, cst.AnnAssign):
                name, value = _target_name(node.target), node.value
            elif isinstance(node, cst.Param) and node.default is not None:
                name, value = node.name.value, node.default
            if name is None or value is None or name.lower() not in vs.SIZE_NAMES:
                continue
            if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
                value = value.right  # `self.dims = dims or 1536`: its default
            size = number_value(value)
            if isinstance(size, int) and size in sizes:
                line = self.ctx.position(value)[0][0]
                found.append(_StoredSize(value, f"{name}=", size, line))
        self._stored = found
        return found

    def _sql_sizes(
        self, node: cst.SimpleString | cst.FormattedStringText, sizes: set[int]
    ) -> list[_StoredSize]:
        """The vector columns of those `sizes` that SQL text in a string declares, each on the
        line it is written on."""
        raw = node.value
        if "(" not in raw:
            return []
        found = []
        for match in vs.SQL_VECTOR.finditer(raw):
            size = int(match.group(2))
            if size in sizes:
                line = self.ctx.position(node)[0][0] + raw.count("\n", 0, match.start())
                label = f"{match.group(1)}({size}) in SQL text"
                found.append(_StoredSize(node, label, size, line))
        return found

    def own_size_edit(
        self,
        node: cst.Call,
        stored: _StoredSize,
        mapped: Sequence[str | None],
        size: int,
        width: int,
    ) -> Edit | None:
        """The edit writing `width` in place of the size `stored` declares for the vectors of
        the request `node` alone (`embedding_sizes.own_size`), whose OpenAI model (`size`
        wide) apply maps in the same run to one model (`mapped`) that the provider's file
        says returns `width` wide vectors (`stated_width`); None where any of it is not so."""
        models = set(mapped)
        if self.untraced is not None or stored.size != size or len(models) != 1:
            return None
        model = models.pop()
        if model is None or stated_width(self.provider, model) != width:
            return None
        if not own_size(self.ctx, node, stored.node, self.embedding_requests()):
            return None
        return Edit(self.ctx.span(stored.node), str(width))

    def embedding_requests(self) -> list[cst.Call]:
        """The module's embeddings requests, traced or not (computed once)."""
        if self._requests is None:
            self._requests = [
                call
                for call in self.ctx.nodes
                if type(call) is cst.Call
                and getattr(self.request(call) or self._untraced_info(call), "surface", None)
                == "embeddings"
            ]
        return self._requests

    def stored_warning(
        self,
        node: cst.Call,
        model: str,
        width: int,
        stored: _StoredSize,
        keyword: str,
        tail: str = "",
        edit: Edit | None = None,
    ) -> None:
        """The warning that the module sizes vectors for another width than the request's;
        `tail`: why apply passes no `keyword=` where it could; `edit`: the new size written
        there (`own_size_edit`)."""
        size = stored.size
        offered = self.param("embedding_dimensions")
        remedy = f"make it {width} and rebuild the stored vectors"
        if edit is not None:
            remedy = f"apply makes it {width}; rebuild the stored vectors"
        why = ""
        if offered and size not in offered:
            why = (
                f"; {self.provider.name} offers no dimensions={size} (offered: "
                f"{', '.join(map(str, offered))}){self.unconfirmed('embedding_dimensions')}"
            )
        elif keyword and offered is None:
            why = f"; {self.provider.name} is not known to take {keyword}={size}"
        elif keyword and edit is None:
            remedy += f", or pass {keyword}={size}"
        self.report(
            node.func,
            f"{model} returns vectors {width} wide, {stored.label} on "
            f"{self.ctx.line_label(stored.line)} expects {size} ({size} -> {width}): {remedy}"
            f"{self.unconfirmed('embedding_default_dimensions')}{why}{'; ' + tail if tail else ''}",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW if edit is not None else None,
            edit=edit,
        )

    def keep_size(
        self,
        node: cst.Call,
        target: str,
        value: cst.BaseExpression | None,
        maybe: RequestArgument | None = None,
    ) -> None:
        """The note, or where the OpenAI models the request may send (`embedding_widths`)
        had vectors of another size than the provider's default: `dimensions=` that size
        when all had one the provider offers (a vector store or an index sized for them
        still takes the new ones: mem0's 1536), as a keyword or an entry of the dict display
        spread into the request, else a warning naming the sizes. `maybe`: a `dimensions`
        key the code sets on the spread dict only on some paths (mem0's `if self.pass_dims:
        kw["dimensions"] = ...`): nothing is added."""
        widths = self.embedding_widths(value)
        mapped = [self.ctx.rules.map_model(model) for model in widths]
        # the width of the provider's model (a model of its own: `embedding_model_dimensions`)
        default = model_width(self.provider, mapped or [target])
        if default is None or all(size == default for size in widths.values()):
            self.note(node, target, width=default)
            return
        target = " or ".join(dict.fromkeys(m for m in mapped if m))
        sizes = list(dict.fromkeys(widths.values()))
        offered = self.param("embedding_dimensions")
        edit = None
        # apply leaves a request through an untraced client: nothing is added there
        listed = ""
        inherited = inherited_elsewhere(self.ctx, node)
        if len(sizes) == 1 and maybe is None and self.untraced is None and inherited is None:
            if sdk.DIMENSIONS in self.ctx.rules.facts.openai_rejects:
                edit = self.extra_body_size_edit(node, sizes[0])
                listed = f" in {sdk.EXTRA_BODY} ({self.pinned_below()})"
            else:
                edit = self.size_edit(node, sizes[0])
        if edit is not None:
            self.note(node, target, self.kept_words(widths, sizes[0], listed), edit=edit)
            return
        why = ""
        if len(sizes) == 1 and offered is not None and sizes[0] in offered:
            why = "apply adds no dimensions= to a request built from **kwargs"
            if maybe is not None:
                line = self.ctx.line_label(self.ctx.position(maybe.item)[0][0])
                why += f" (it sets dimensions only on some paths, on {line})"
            elif self.untraced is not None:
                why = ""  # `report` says why apply leaves the request
            elif inherited is not None:
                # ragflow's OpenAIEmbed._call, inherited by 18 other vendors' classes (t68e)
                why = (
                    f"apply adds no dimensions= here, as {heir_words(*inherited)} (the size "
                    f"would go there too); pass it only on requests that go to "
                    f"{self.provider.name}"
                )
        stored = self.stored_size(node, default) if len(sizes) == 1 else None
        if stored is not None:
            # the size the module writes, as `check` names it once apply has mapped the
            # model (`note`); rewritten where it is the request's own and the mapping certain
            edit = None
            if inherited is None:
                edit = self.own_size_edit(node, stored, mapped, sizes[0], default)
            self.stored_warning(node, target, default, stored, "dimensions", why, edit)
            return
        self.size_warning(node, target, widths, default, "dimensions", why)

    def size_warning(
        self,
        node: cst.Call,
        target: str,
        widths: dict[str, int],
        width: int,
        keyword: str,
        why: str,
    ) -> None:
        """The warning that the vectors change size: from `widths` (those of the OpenAI models
        the request may send) to `width`. `keyword`: what sets the size (none: ""); `why`:
        why apply does not keep it, where the provider offers it."""
        sizes = list(dict.fromkeys(widths.values()))
        offered = self.param("embedding_dimensions")
        first, *others = widths.items()
        were = f"{first[0]}'s were {first[1]}" + "".join(f" and {m}'s {w}" for m, w in others)
        change = ", ".join(f"{size} -> {width}" for size in sizes if size != width)
        remedy = "rebuild the stored vectors"
        if len(sizes) > 1:
            if keyword:
                remedy += f", or pass {keyword}= the size they were stored with"
            why = "apply passes none, as the model may be either"
        elif offered is None or sizes[0] not in offered:
            why = f"{self.provider.name} is not known to take dimensions={sizes[0]}"
            if offered:
                why = (
                    f"{self.provider.name} offers no dimensions={sizes[0]} (offered: "
                    f"{', '.join(map(str, offered))}){self.unconfirmed('embedding_dimensions')}"
                )
        elif keyword:
            remedy += f", or pass {keyword}={sizes[0]}"
        message = f"{target} returns vectors {width} wide, {were} ({change}): {remedy}"
        message += self.unconfirmed("embedding_default_dimensions")
        self.report(node.func, f"{message}; {why}" if why else message, severity=Severity.WARNING)

    def embedding_widths(
        self, value: cst.BaseExpression | None, prefix: str = ""
    ) -> dict[str, int]:
        """The size of the vectors (`embedding_model_dimensions`) of each OpenAI model the
        request may send that apply maps where it is written (`model_values`: a literal, a
        constant, a default, `model or "text-embedding-3-small"`, a caller's argument), in
        the order of the text; `prefix`: one the model may carry (litellm's `openai/`)."""
        if value is None:
            return {}
        models = [model for _, model in model_values(self.ctx, value)]
        return self.model_widths(
            [m.removeprefix(f"{prefix}/") for m in models] if prefix else models
        )

    def model_widths(self, models: Sequence[str]) -> dict[str, int]:
        """The size of the vectors of each of `models` that is an OpenAI model apply maps."""
        sizes = self.ctx.rules.openai.params.get("embedding_model_dimensions") or {}
        rules = self.ctx.rules
        return {m: sizes[m] for m in models if m in sizes and rules.map_model(m) is not None}

    def framework_embeddings(
        self, node: cst.Call
    ) -> tuple[cst.BaseExpression | None, str | None, FrameworkClass | None] | None:
        """For a framework's embeddings call that goes to OpenAI (no base URL of its own):
        the model it is given (None when not given), the class's default model, and the
        class (None for litellm's `embedding()`)."""
        function = litellm_function(self.ctx, node)
        if function is not None and lt.CALLS[function[1]] == "embeddings":
            taken = model_call(self.ctx, node)
            if taken is None or shown_bases(self.ctx, node, taken):
                return None
            # a keyword, or an entry of the dict spread into it (`embedding(**params)`)
            value = given_model(self.ctx, node)
            resolved = self.ctx.resolve_literal(value) if value is not None else None
            if value is None or resolved is None:
                return None
            model = resolved[1].removeprefix(f"{lt.OPENAI_PREFIX}/")
            return (value, None, None) if self.ctx.rules.openai.serves(model) else None
        name = qualified(self.ctx, node.func, lc.INIT_FUNCTIONS)
        if name is not None:  # `init_embeddings("openai:...")`
            provider_kw, built = lc.INIT_FUNCTIONS[name]
            cls = lc.CLASSES[built]
            init = init_openai_model(self.ctx, node, provider_kw, cls.kind)
            if cls.kind != "embeddings" or init is None or first_keyword(node, cls.base_url):
                return None
            return None, init[1], cls
        found = any_framework_class(self.ctx, node)
        if found is None or found.kind != "embeddings" or first_keyword(node, found.base_url):
            return None
        if azure_left(self.ctx, node):
            return None  # built for Azure OpenAI, which apply leaves it on (ML601)
        if endpoint(self.ctx, node, found.base_url).kind == "custom":
            return None  # the module points the variable it reads at its own server (ML601)
        arg = model_argument(node, found)
        if arg is None and any(a.star == "**" for a in node.args):
            # `OpenAIEmbeddings(**kw)` with `kw = {"model": ...}`: the model the dict gives,
            # not the class's default (t53a: LightRAG's evaluation, text-embedding-3-large)
            spread = request_arguments(self.ctx, node, lambda c: c is node)
            held = next((spread[k] for k in found.model if k in spread), None)
            if held is not None:
                return held.value, found.default_model, found
        return (arg.value if arg is not None else None), found.default_model, found

    def class_on_target(self, node: cst.Call) -> None:
        """A framework's embedding class pointed at the provider (by apply, or by hand): only
        the warning where the module sizes vectors for another width than it returns."""
        found = (
            framework_class(self.ctx, node.func, li.OPENAI_LIKE_EMBEDDING) if self.likes else None
        )
        cls = found[1] if found is not None else any_framework_class(self.ctx, node)
        if cls is None or cls.kind != "embeddings" or not first_keyword(node, cls.base_url):
            return
        where = endpoint(self.ctx, node, cls.base_url)
        if where.kind != "provider" or getattr(where.provider, "id", None) != self.provider.id:
            return
        given = first_keyword(node, (cls.dimensions,)) if cls.dimensions else None
        arg = model_argument(node, cls)
        model = self.target_model(arg.value if arg is not None else None, None, self.provider)
        if given is not None:
            width = number_value(self.visible(given.value)[0])
        elif cls.sends_dimensions:  # agno's own size (3072 for text-embedding-3-large)
            width = ag.EMBEDDER_DIMENSIONS
        else:
            width = model_width(self.provider, [model])
        stored = self.stored_size(node, width) if isinstance(width, int) else None
        if stored is None or not isinstance(width, int):
            self.store_warning(node, model, width)
            return
        self.stored_warning(node, model, width, stored, "" if given else cls.dimensions or "")

    def store_warning(self, node: cst.Call, model: str, width: object) -> None:
        """The warning on a framework's embedding class on the target in a module that hands
        vectors to a store keeping them on a server (`vector_store`): what it holds is the
        OpenAI model's until a person records that it was rebuilt (t65d)."""
        store = self.vector_store()
        if store is None:
            return
        where = f" ({width} dimensions)" if isinstance(width, int) else ""
        self.report(
            node.func,
            f"vectors from {model}{where} are not comparable with the OpenAI vectors the "
            f"{store[0]} this module uses holds (line {store[1]}): re-embed what it holds (a "
            "collection made for another width rejects the new vectors), then record that "
            "with `# migrate-llm: ignore[ML114]` at the end of this line",
            severity=Severity.WARNING,
            data={"model_to": model, "store": store[0]},
        )

    def vector_store(self) -> tuple[str, int] | None:
        """The first vector store class keeping vectors on a server (`vs.STORE_CLASSES`) the
        module builds (also by a class method, `.from_documents(...)`), and its line."""
        ctx = self.ctx
        for n in ctx.nodes:
            if type(n) is not cst.Call:
                continue
            func = n.func
            for named in (func, func.value if isinstance(func, cst.Attribute) else None):
                found = qualified(ctx, named, vs.STORE_CLASSES) if named is not None else None
                if found is not None:
                    return found.rpartition(".")[2], ctx.position(n)[0][0]
        return None

    def framework_size(
        self,
        node: cst.Call,
        value: cst.BaseExpression | None,
        default: str | None,
        cls: FrameworkClass | None,
    ) -> None:
        """The note on a framework's embeddings call, or the warning that its vectors change
        size: the OpenAI model it is given (or its default) had vectors of another size than
        the provider's model returns (a vector store sized for them rejects the new ones),
        which apply does not keep (it passes no `dimensions=` to a framework's class)."""
        target = self.target_model(value, default, self.provider)
        keyword = (cls.dimensions if cls is not None else lt.DIMENSIONS) or ""
        given = first_keyword(node, (keyword,)) if keyword else None
        if given is not None:  # the class sends that size, whatever the model
            self.note(node, target, size=RequestArgument(keyword, given, None, False))
            return
        # litellm's `embedding(**params)`: a size the spread dict always sets (`{"dimensions":
        # 1024, ...}`); one set on some paths only (babyagi 2's `if dimensions:`) may be unset
        spread = request_arguments(self.ctx, node, lambda c: c is node) if cls is None else {}
        size = spread.get(keyword) if keyword else None
        if size is not None and not _set_on_some_paths(self.ctx, size):
            self.note(node, target, size=size)
            return
        if value is not None:
            widths = self.embedding_widths(value, lt.OPENAI_PREFIX if cls is None else "")
        else:
            widths = self.model_widths([default] if default else [])
        mapped = [self.ctx.rules.map_model(model) for model in widths]
        width = model_width(self.provider, mapped or [target])
        if cls is not None and cls.sends_dimensions and widths:
            # agno sends its model's size unless apply passes the provider's (ML685)
            sent = dimensions_to_send(self.provider)
            width = sent if sent is not None else next(iter(widths.values()))
        if width is None or all(size == width for size in widths.values()):
            self.note(node, target, width=width, keyword=keyword)
            return
        target = " or ".join(dict.fromkeys(m for m in mapped if m))
        sizes = list(dict.fromkeys(widths.values()))
        if cls is None and size is None and len(sizes) == 1:
            # litellm's `embedding()` sends `dimensions=` as the SDK does: kept as there
            edit = self.size_edit(node, sizes[0], target)
            listed = (
                f' (with {lt.ALLOWED_PARAMS}=["{lt.DIMENSIONS}"], without which litellm '
                "refuses it for this model)"
                if lt.DIMENSIONS_MODEL_MARK not in target
                else ""
            )
            if edit is not None:
                self.note(node, target, self.kept_words(widths, sizes[0], listed), edit=edit)
                return
        name = cls.name if cls is not None else callee_label(self.ctx, node)
        why = f"apply passes no {keyword}= to {name}()" if keyword else ""
        self.size_warning(node, target, widths, width, keyword, why)

    def size_edit(self, node: cst.Call, size: int, litellm_to: str = "") -> Edit | None:
        """`dimensions=size` passed to the request `node`, as a keyword or an entry of the
        dict display spread into it (`_spread_only_here`), where the provider offers that
        size (`embedding_dimensions`); None otherwise. `litellm_to`: the model litellm's
        `embedding()` sends on its openai/ route, which refuses `dimensions=` for a model
        without `lt.DIMENSIONS_MODEL_MARK` unless listed in `allowed_openai_params` (written
        beside it; a call already given that list is left)."""
        if size not in (self.param("embedding_dimensions") or ()):
            return None
        listed = bool(litellm_to) and lt.DIMENSIONS_MODEL_MARK not in litellm_to
        if listed and lt.ALLOWED_PARAMS in request_arguments(self.ctx, node, lambda c: c is node):
            return None
        if not any(a.star == "**" for a in node.args):
            value = f'{size}, {lt.ALLOWED_PARAMS}=["{lt.DIMENSIONS}"]' if listed else str(size)
            return keyword_insertion(self.ctx, node, lt.DIMENSIONS, value)
        display = _spread_only_here(self.ctx, node)
        entries = f'"dimensions": {size}'
        if listed:
            entries += f', "{lt.ALLOWED_PARAMS}": ["{lt.DIMENSIONS}"]'
        return entry_insertion(self.ctx, display, entries) if display else None

    def pinned_below(self) -> str:
        """Why `dimensions=` goes in the request's `extra_body`: the project's openai pin."""
        first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.DIMENSIONS]))
        return (
            f"the project's requirements pin openai below {first}, whose embeddings.create() "
            "takes no dimensions="
        )

    def extra_body_size_edit(self, node: cst.Call, size: int) -> Edit | None:
        """`extra_body={"dimensions": size}` passed to the request `node` (or that entry in
        the dict display spread into it), where the provider offers that size and the
        request sends no `extra_body` yet; None otherwise."""
        if size not in (self.param("embedding_dimensions") or ()):
            return None
        if any(a.keyword is not None and a.keyword.value == sdk.EXTRA_BODY for a in node.args):
            return None
        value = f'{{"{sdk.DIMENSIONS}": {size}}}'
        if not any(a.star == "**" for a in node.args):
            return keyword_insertion(self.ctx, node, sdk.EXTRA_BODY, value)
        display = _spread_only_here(self.ctx, node)
        if display is None or any(
            isinstance(e, cst.DictElement) and string_value(e.key) == sdk.EXTRA_BODY
            for e in display.elements
        ):
            return None
        return entry_insertion(self.ctx, display, f'"{sdk.EXTRA_BODY}": {value}')

    def check_sdk_keyword(self, size: RequestArgument) -> None:
        """A warning on the `dimensions=` of an SDK request where the project's openai pin
        rejects it (`sdk.KEYWORD_SINCE`): the program raises TypeError before any request."""
        if sdk.DIMENSIONS not in self.ctx.rules.facts.openai_rejects or self.untraced is not None:
            return
        first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.DIMENSIONS]))
        value = self.ctx.code(size.value) if isinstance(size.item, cst.Arg) else "..."
        self.report(
            size.item,
            f"{self.pinned_below()} (TypeError before any request): raise that pin to "
            f'>={first}, or send the size as {sdk.EXTRA_BODY}={{"{sdk.DIMENSIONS}": {value}}}',
            severity=Severity.WARNING,
            data={"openai_requires": f">={first}"},
        )

    @staticmethod
    def kept_words(widths: dict[str, int], size: int, listed: str = "") -> str:
        """The tail of the note on a request apply passes `dimensions=size` (`listed`: how)."""
        owners = " and ".join(f"{model}'s" for model in widths)
        return (
            f"; apply passes dimensions={size}{listed}, the size of {owners} vectors, so what "
            "holds them takes the new ones"
        )

    def target_model(
        self, value: cst.BaseExpression | None, default: str | None, provider: Provider
    ) -> str:
        """The provider model a request's model (or, given none, `default`) becomes."""
        resolved = self.ctx.resolve_literal(value) if value is not None else None
        if resolved is not None or (value is None and default):
            model = resolved[1] if resolved is not None else str(default)
            model = model.removeprefix(f"{lt.OPENAI_PREFIX}/")
            if provider.serves(model):
                return model
            mapped = self.ctx.rules.map_model(model)
            if mapped:
                return mapped
        return provider.tiers.get("embedding") or f"{provider.name}'s embedding model"

    def check_dimensions(self, arg: RequestArgument | None) -> None:
        offered = self.param("embedding_dimensions")
        if arg is None or offered is None:
            return
        refused = [
            (h, v)
            for h in self.sent(arg, "dimensions")
            if (v := number_value(h.value)) is not None and v not in offered
        ]
        for node, held, value, group in by_site(refused, arg):
            self.report(
                node,
                f"dimensions={value}{held.aside(group)} is not offered by "
                f"{self.provider.name} (offered: "
                f"{', '.join(map(str, offered))}){self.unconfirmed('embedding_dimensions')}",
                severity=Severity.WARNING,
            )

    def check_input(self, arg: RequestArgument | None, provider: Provider) -> None:
        """`input=` holding OpenAI's token ids (`token_ids`), written in the request or passed
        by each call of the module's function whose parameter it sends; else `check_batch`.
        Not for a provider taking them (`[params] embedding_token_input`: OpenAI, and Azure
        OpenAI, which serves OpenAI's models)."""
        if arg is None or provider.params.get("embedding_token_input") is True:
            self.check_batch(arg)
            return
        method = token_ids(self.ctx, arg.value)
        if method is not None:
            if self.first_report(arg.value):
                self.report_tokens(arg.value, f"input={self.snippet(arg.value)}", method)
            return  # one input of many ids: batches of texts do not apply
        found = passed_values(self.ctx, arg.value) if isinstance(arg.value, cst.Name) else None
        passed = found[1] if found is not None else []
        tokens = [(given, m) for given in passed if (m := token_ids(self.ctx, given))]
        line = self.ctx.line_label(self.ctx.position(arg.item)[0][0])
        for given, method in tokens:
            if self.first_report(given):
                subject = (
                    f"argument {self.ctx.code(arg.value)} of {found[0].name.value}() "  # type: ignore[index]
                    f"(sent as input= on {line})"
                )
                self.report_tokens(given, subject, method)
        if not tokens or len(tokens) != len(passed):
            self.check_batch(arg)

    def check_spread_input(self, node: cst.Call) -> None:
        """`input=` holding OpenAI's token ids (`token_ids`) given by a call of the module's
        function whose `**` parameter the request spreads (`def send(client, **kwargs):
        client.embeddings.create(model=..., **kwargs)`, `send(client, input=ids)`: kotaemon's
        `openai_response(client, input=input_)`, t66d)."""
        for arg in node.args:
            if arg.star != "**" or not isinstance(arg.value, cst.Name):
                continue
            bound = self.ctx.bindings(arg.value)
            param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
            function = self.ctx.ancestors(param)[-2] if isinstance(param, cst.Param) else None
            if not isinstance(function, cst.FunctionDef) or function.params.star_kwarg is not param:
                continue
            line = self.ctx.line_label(self.ctx.position(node)[0][0])
            for call in function_calls(self.ctx, function):
                given = keyword(call, "input")
                method = token_ids(self.ctx, given.value) if given is not None else None
                if given is not None and method is not None and self.first_report(given.value):
                    subject = (
                        f"input={self.snippet(given.value)} of {function.name.value}() (sent "
                        f"as input= through **{arg.value.value} on {line})"
                    )
                    self.report_tokens(given.value, subject, method)

    def report_tokens(self, node: cst.BaseExpression, subject: str, method: str) -> None:
        """The warning on token ids sent as an embeddings input."""
        name = self.provider.name
        self.report(
            node,
            f"{subject} holds token ids from tiktoken's {method}(), which {name} may reject: "
            "they number OpenAI's tokens, not its models'; send text instead (split the text "
            "itself, or decode the ids with the same encoding)",
            severity=Severity.WARNING,
            data={"input": "token ids", "method": method},
        )

    def check_batch(self, arg: RequestArgument | None) -> None:
        """`input=` not known to fit the provider's batch limit: a literal list over it, or
        a value whose length the code does not show (texts of unknown number)."""
        most = self.param("embedding_batch_max")
        if arg is None or most is None:
            return
        count = self.input_count(arg.value)
        if (count is not None and count <= most) or not self.first_report(arg.value):
            return
        if count is not None and isinstance(self.visible(arg.value)[0], (cst.List, cst.Tuple)):
            head = f"input= holds {count} texts"
        else:
            head = f"input={self.snippet(arg.value)} may hold more than {most} texts"
        self.report(
            arg.value,
            f"{head}; {self.provider.name} embeds at most {most} inputs per request: send "
            f"batches of {most}{self.unconfirmed('embedding_batch_max')}",
            severity=Severity.WARNING,
        )

    def input_count(self, value: cst.BaseExpression, depth: int = 0) -> int | None:
        """The most texts `input=` can hold, as the code shows it: one string (`one_text`:
        also a slice or a str method's result of one, a call annotated `-> str`), a list or
        tuple display, a slice `texts[i : i + 10]`, or a name bound once to one of them (or
        to a parameter or loop target that takes one: `bound_count`); None when not shown."""
        if one_text(self.ctx, value):
            return 1
        shown, _ = self.visible(value)
        if isinstance(shown, (cst.List, cst.Tuple)):
            if any(isinstance(e, cst.StarredElement) for e in shown.elements):
                return None
            return len(shown.elements)
        if isinstance(shown, cst.Subscript):
            return self.slice_length(shown)
        if isinstance(value, cst.Name) and depth < 4:
            return self.bound_count(value, depth + 1)
        return None

    def bound_count(self, name: cst.Name, depth: int) -> int | None:
        """The most texts a parameter or loop target holds: for a parameter, the most any
        call of its function in the module passes (all of them shown); for `for batch in
        batches`, the most an item of `batches` holds (a comprehension's element, or the
        members of a list or tuple display). One string is `one_text`'s."""
        found = self.ctx.bindings(name)
        node = found[0].node if len(found) == 1 and isinstance(found[0], Assignment) else None
        if isinstance(node, cst.Param):
            return _most([self.input_count(given, depth) for given in self._passed_args(name)])
        parents = self.ctx.ancestors(node) if isinstance(node, cst.Name) else ()
        loop = parents[-1] if parents else None
        if not isinstance(loop, (cst.For, cst.CompFor)) or loop.target is not node:
            return None
        items, _ = self.visible(loop.iter)
        if isinstance(items, (cst.ListComp, cst.GeneratorExp)):
            return self.input_count(items.elt, depth)
        if isinstance(items, (cst.List, cst.Tuple)):
            return _most(
                [
                    None if isinstance(e, cst.StarredElement) else self.input_count(e.value, depth)
                    for e in items.elements
                ]
            )
        return None

    def slice_length(self, sub: cst.Subscript) -> int | None:
        """The most items `seq[:n]` or `seq[i : i + n]` holds (`n` a number or a constant)."""
        if len(sub.slice) != 1 or not isinstance(part := sub.slice[0].slice, cst.Slice):
            return None
        if part.step is not None or part.upper is None:
            return None
        size = part.upper
        if part.lower is not None:
            if not isinstance(size, cst.BinaryOperation) or not isinstance(size.operator, cst.Add):
                return None
            if self.ctx.code(size.left) != self.ctx.code(part.lower):
                return None
            size = size.right
        count = number_value(self.visible(size)[0])
        return count if isinstance(count, int) and count >= 0 else None


def _same_literal(node: cst.BaseExpression, value: bool | int | float | str | dict) -> bool:
    """Whether `node` is a literal of `value` (a dict display of the same entries, for a
    table)."""
    if isinstance(value, dict):
        written = dict_items(node)
        return (
            written is not None
            and isinstance(node, cst.Dict)
            and len(written) == len(node.elements) == len(value)
            and all(k in written and _same_literal(written[k], v) for k, v in value.items())
        )
    if isinstance(value, bool):
        return isinstance(node, cst.Name) and node.value == repr(value)
    if isinstance(value, str):
        return string_value(node) == value
    return number_value(node) == value


class StreamedToolCalls(_CompatRule):
    """A streamed chat request with tools, to a provider that streams tool calls only if asked.

    ## What it does
    Finds chat requests that may stream (a `stream=` that is not False or None on every path
    the module shows: `stream=True`, also as a module constant, one of the values a name bound
    in several places may hold, or the entry of a dict spread into the request; a value
    chosen at run time, swarm's `"stream": stream`, unless it is a parameter whose default
    and every value the module's calls pass are False or None, a method's calls through
    `self.` or `cls.` in its class included (`self.ask(m, stream=True)`, t49b); each branch of
    a conditional expression; or
    `chat.completions.stream(...)`) and send `tools=`
    (a list, or a name holding one; not `None` or `[]`), where the provider's `[params]`
    table has `stream_tools_extra_body`: the `extra_body` entries such a request needs
    (Zhipu: `tool_stream = true`).

    ## Why
    Zhipu sends tool calls as they stream (`delta.tool_calls`) only when `tool_stream` is on
    beside `stream=True`; it is off by default. Code that reads tool calls from the stream,
    as it does with OpenAI, does not get them so.

    ## Fix (review)
    `apply` passes `extra_body={"tool_stream": True}`, or adds the entry to the request's own
    `extra_body={...}` written in the call. Manual where `extra_body` is another value (a
    name, a call, a dict with `**` in it), where it already sends the entry with another
    value, and where the request spreads `**kwargs` and passes no `extra_body=` of its own
    (the spread may hold one). A dict that spreads another and writes the entry after its
    last `**` (`{**kwargs.get("extra_body", {}), "tool_stream": True}`, which keeps a
    caller's `extra_body`, t68f) sends it whatever that holds: nothing to do
    (`extra_body_entries`); written before a `**`, it may be replaced, and is added by hand.

    ## Data
    `extra_body`: the entries the request needs (an object).
    """

    code = "ML116"
    name = "streamed-tool-calls"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    examples = (
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], tools=TOOLS, stream=True)\n",
            provider="acme",
            message='Acme Cloud streams tool calls only when extra_body sends "tool_stream": True '
            'beside stream=True: apply passes extra_body={"tool_stream": True}',
            after=_CLIENT + "c.chat.completions.create(\n"
            '    extra_body={"tool_stream": True}, model=m, messages=[], tools=TOOLS, stream=True\n'
            ")\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(\n"
            "    model=m,\n"
            "    messages=[],\n"
            "    tools=TOOLS,\n"
            "    stream=True,\n"
            '    extra_body={"top_k": 4},\n'
            ")\n",
            provider="acme",
            message='Acme Cloud streams tool calls only when extra_body sends "tool_stream": True '
            'beside stream=True: apply adds "tool_stream": True to extra_body',
            after=_CLIENT + "c.chat.completions.create(\n"
            "    model=m,\n"
            "    messages=[],\n"
            "    tools=TOOLS,\n"
            "    stream=True,\n"
            '    extra_body={"tool_stream": True, "top_k": 4},\n'
            ")\n",
        ),
        Example(
            _CLIENT + "\n\ndef ask(stream):\n"
            "    return c.chat.completions.create(model=m, messages=[], tools=TOOLS, "
            "stream=stream)\n",
            provider="acme",
            message='Acme Cloud streams tool calls only when extra_body sends "tool_stream": True '
            'beside stream=True: apply passes extra_body={"tool_stream": True}',
            after=_CLIENT + "\n\ndef ask(stream):\n"
            "    return c.chat.completions.create(\n"
            '        extra_body={"tool_stream": True},\n'
            "        model=m,\n"
            "        messages=[],\n"
            "        tools=TOOLS,\n"
            "        stream=stream,\n"
            "    )\n",
        ),
        # t49b (D4): chatgpt-telegram-bot's `self.__common_get_chat_response(..., stream=True)`
        Example(
            _CLIENT + "\n\nclass Bot:\n"
            "    def answer(self, q):\n"
            "        return self.ask(q, stream=True)\n\n"
            "    def ask(self, q, stream=False):\n"
            "        return c.chat.completions.create(model=m, messages=q, tools=TOOLS, "
            "stream=stream)\n",
            provider="acme",
            message='Acme Cloud streams tool calls only when extra_body sends "tool_stream": True '
            'beside stream=True: apply passes extra_body={"tool_stream": True}',
            after=_CLIENT + "\n\nclass Bot:\n"
            "    def answer(self, q):\n"
            "        return self.ask(q, stream=True)\n\n"
            "    def ask(self, q, stream=False):\n"
            "        return c.chat.completions.create(\n"
            '            extra_body={"tool_stream": True},\n'
            "            model=m,\n"
            "            messages=q,\n"
            "            tools=TOOLS,\n"
            "            stream=stream,\n"
            "        )\n",
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], tools=TOOLS, **options)\n",
            provider="acme",
            finds=False,
        ),
        # t68f: keeps a caller's extra_body; the entry after the `**` is sent whatever it holds
        Example(
            _CLIENT + "\n\ndef ask(q, **kw):\n"
            '    kw = {"model": m, "messages": q, "tools": TOOLS, "stream": True, **kw}\n'
            '    kw["extra_body"] = {**kw.get("extra_body", {}), "tool_stream": True}\n'
            "    return c.chat.completions.create(**kw)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "\n\ndef ask(stream=False):\n"
            "    return c.chat.completions.create(model=m, messages=[], tools=TOOLS, "
            "stream=stream)\n\n\nask()\n",
            provider="acme",
            finds=False,
        ),
        Example(
            _CLIENT + "c.chat.completions.create(model=m, messages=[], tools=TOOLS, stream=True)\n",
            provider="openai",
            finds=False,
        ),
    )

    def check_call(self, node: cst.Call, info: CallInfo, provider: Provider) -> None:
        needed = self.streamed_tools_entries(node, info)
        if not needed or not self.first_report(node):
            return
        head = (
            f"{provider.name} streams tool calls only when extra_body sends "
            f"{_entries_text(needed)} beside stream=True"
        )
        self.report_extra_body(node, info, needed, head, "stream_tools_extra_body")


def _entries_text(entries: dict[str, Any]) -> str:
    """`"key": value, ...`: dict entries written as Python source."""
    return ", ".join(f'"{k}": {python_literal(v)}' for k, v in entries.items())


def _no_tools(value: cst.BaseExpression) -> bool:
    """Whether `tools=` sends no tools: `None`, or an empty list or tuple."""
    if isinstance(value, cst.Name):
        return value.value == "None"
    return isinstance(value, (cst.List, cst.Tuple)) and not value.elements


def _most(counts: list[int | None]) -> int | None:
    """The largest of `counts`; None when one is not known, or there are none."""
    known = [c for c in counts if c is not None]
    return max(known) if known and len(known) == len(counts) else None


COMPAT_RULES = (
    UnsupportedParameter,
    ModelParameter,
    MaxTokensParameter,
    DeveloperRole,
    EmbeddingsVectorSpace,
    StreamedToolCalls,
)


def generation_edits(ctx: PythonContext, call: cst.Call) -> list[Edit]:
    """The edits the rules reading routed requests (ML111, ML112, ML115) make in the
    `generation_kwargs` of the Haystack component `call` builds (`generation_requests`), but
    those of findings a suppression comment turns off: ML680's rewrite of the call, one edit
    that may span the dict, makes them too."""
    requests = generation_requests(ctx, call)
    if not requests:
        return []
    found: list[Finding] = []
    for kind in COMPAT_RULES:
        if kind.routed:
            rule = kind(ctx)
            rule.check_requests(call, requests)
            found.extend(f for f in rule.findings if f.edit is not None)
    comments = suppressions(ctx.text)
    return [f.edit for f in found if f.edit and not any(c.covers(f) for c in comments)]


def _target_name(target: cst.BaseExpression) -> str | None:
    """The name an assignment binds: a name's, or an attribute's (`self.dims`)."""
    if isinstance(target, cst.Name):
        return target.value
    return target.attr.value if isinstance(target, cst.Attribute) else None
