"""OpenAI model ids outside `model=` of SDK calls: settings that `apply` maps, and the rest.

ML201/ML202 keep the literals that reach `model=` of an OpenAI SDK call. The rules here look
at every other string literal that is an OpenAI model id (a whole token matching the
`[detect] models` of providers/openai.toml) and sort it, once per module, into

- a model setting (ML204, mapped by `apply`): a parameter default, class attribute or field,
  module constant or variable, dict entry under a model-like key, command-line option default
  or choice, environment-variable default, or an argument of a function of the same module
  that sends it as `model=` (also as the `"model"` entry of a dict spread into the request);
- a model passed to a call that is not the OpenAI SDK (ML206: a framework, left alone);
- anything else (ML205): a collection of models, a prefix check, a table keyed by model, a
  comparison. Code like that may reject the provider's models; only a person can fix it.

Prose is never a model id (`"gpt-4o continued"` is not one token), docstrings and other
expression statements are skipped, and `tiktoken.encoding_for_model("gpt-4o")` keeps its
OpenAI name (tiktoken needs it), as a framework's tokenizer parameter does
(`rules/tokenizer_calls.py`).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import cast
from urllib.parse import urlsplit

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.config_table_lookups import KeyedModels
from migrate_llm.frameworks import agents as agents_fw
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks import open_interpreter as oi
from migrate_llm.frameworks.langchain import (
    OPENAI_MODEL_PREFIX,
    OPENAI_SPLIT_PREFIX,
    without_provider,
)
from migrate_llm.frameworks.modules import FRAMEWORK_MODULES
from migrate_llm.frameworks.pydantic_ai import (
    OPENAI_PREFIXES,
    PYDANTIC_AI,
    PrefixedModels,
    prefixed_library,
    run_library,
    split_prefix,
)
from migrate_llm.imports import STDLIB
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.model_table_keys import images_key
from migrate_llm.registry import undated_model
from migrate_llm.rules.azure_target import azure_target
from migrate_llm.rules.base import Example, RuleContext
from migrate_llm.rules.call_parameters import module_class, parameter_for
from migrate_llm.rules.code_templates import base_url_expr, key_expr
from migrate_llm.rules.config_objects import GETTER
from migrate_llm.rules.config_text import TextModel, config_text_models
from migrate_llm.rules.display_names import label_lookup
from migrate_llm.rules.elsewhere_calls import (
    beside_elsewhere_class,
    elsewhere_url,
    read_only_elsewhere,
)
from migrate_llm.rules.entry_servers import server_beside
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.factory_requests import provider_factory
from migrate_llm.rules.field_copies import ShownDefault, copies, copy_of
from migrate_llm.rules.forwarding import Forwarding, through_text
from migrate_llm.rules.framework_args import owned_model_values, qualified
from migrate_llm.rules.framework_autogen import (
    elsewhere_entry,
    left_entry,
    moved_model,
    sends_to_azure,
)
from migrate_llm.rules.framework_classes import (
    any_framework_class,
    mentions_framework,
    model_argument,
)
from migrate_llm.rules.framework_langroid import owns_model
from migrate_llm.rules.framework_litellm import (
    azure_route_text,
    calls_litellm,
    gated,
    model_call,
    names_smolagents_openai,
    openai_shaped,
)
from migrate_llm.rules.gateway_clients import gateway_client, gateway_to_provider
from migrate_llm.rules.image_requests import (
    image_model_nodes,
    images_beside,
    images_switched_on,
    vision_fallback,
)
from migrate_llm.rules.imported_labels import imported_labels
from migrate_llm.rules.imported_wrappers import imported_params, where_sent
from migrate_llm.rules.interpreter_settings import interpreter_setting
from migrate_llm.rules.key_destinations import url_destination
from migrate_llm.rules.langchain_routes import (
    init_function,
    openai_route,
    own_split,
    provider_beside,
    reach,
    route_of,
    route_reads,
    split_route,
    surface_named,
    takes_route,
)
from migrate_llm.rules.library_configs import litellm_models
from migrate_llm.rules.library_graphrag import graphrag_model_values
from migrate_llm.rules.litellm_forwarded import forwarded_param, openai_routed_model
from migrate_llm.rules.literal_defaults import field_literal
from migrate_llm.rules.lookup_labels import looked_up_only
from migrate_llm.rules.model_branches import (
    FAMILY_METHODS,
    FAMILY_TESTS,
    PATTERN_FUNCTIONS,
    PREFIX_METHODS,
    BranchTest,
    branch_tests,
    or_alternatives,
    tests_on,
)
from migrate_llm.rules.model_expectations import (
    Ties,
    callee_label,
    expectation,
    same_case,
    statement_of,
    tie,
)
from migrate_llm.rules.model_forms import (
    both_forms_advice,
    litellm_literal,
    litellm_need,
    litellm_route,
    model_takers,
)
from migrate_llm.rules.model_gates import (
    gate_of,
    guarded_use,
    key_prompt_gate,
    outside_source,
    parallel_sequence,
    parameter_pick,
    refusal,
    refusal_of,
    system_role_dropped,
    taken_as_values,
)
from migrate_llm.rules.model_left import (
    branch_reason,
    class_kept_reason,
    config_lookup_reason,
    config_lookups,
    deployment_kept_reason,
    kept_reason,
    label_reason,
    lookup_reason,
    other_service_reason,
    passed_reason,
    registry_reason,
    table_key_reason,
)
from migrate_llm.rules.model_lookups import entry_labels, module_label_tables
from migrate_llm.rules.model_members import Member, imported_members
from migrate_llm.rules.model_menus import Menu, menu_of, options_edit
from migrate_llm.rules.model_reach import (
    bodies_sending,
    deployments_given,
    entry_reads,
    holder_of,
    kept_client,
    pair_table,
    reads_of,
    requests_reading,
    requests_sending,
    row_column_taker,
)
from migrate_llm.rules.models import _ModelRule, article, model_args, sent_literal
from migrate_llm.rules.openai_configs import ConfigTaker, openai_config_taker
from migrate_llm.rules.openai_urls import goes_with, urls_left
from migrate_llm.rules.own_server_models import sent_to_own_server
from migrate_llm.rules.passed_values import calls_passing, class_fields, only_called
from migrate_llm.rules.prefix_lists import (
    glob_starts,
    read_as_prefixes,
    shared_prefix,
    uncovered,
)
from migrate_llm.rules.prefixed_recipe import build_advice, why_openai
from migrate_llm.rules.project_calls import project_import
from migrate_llm.rules.project_defaults import described, project_defaults, tested_collections
from migrate_llm.rules.python import DeferredRule, snippet
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    literal_value,
    self_attribute,
    string_value,
    without_id_methods,
)
from migrate_llm.rules.raw_http import (
    Request,
    body_models,
    json_senders,
    raw_http,
    service_body,
)
from migrate_llm.rules.record_keys import record_key
from migrate_llm.rules.request_arguments import request_arguments
from migrate_llm.rules.request_picks import (
    family_test,
    key_pick,
    read_as,
    request_pick,
    shown_only,
)
from migrate_llm.rules.rewrite import requote
from migrate_llm.rules.routed_entries import EntryRoute, provider_route
from migrate_llm.rules.service_selectors import (
    Selector,
    asserted_selectors,
    choice_data,
    choice_said,
    no_entry,
    selected_service,
    selector_beside,
)
from migrate_llm.rules.service_tables import names_target_service, service_entry
from migrate_llm.rules.table_gaps import (
    gap_why,
    routed_table,
    routed_why,
    table_gap,
    table_place,
)
from migrate_llm.rules.table_reads import home_entry
from migrate_llm.rules.test_code import in_test, parametrized_case, project_call_in_test
from migrate_llm.rules.tokenizer_branches import (
    OpenAINames,
    enclosing_test,
    mentions_pick,
    tokenizer_pick,
)
from migrate_llm.rules.tokenizer_calls import (
    mentions_tokenizer,
    named_tokenizer_argument,
    tokenizer_argument,
)
from migrate_llm.rules.tokenizer_flow import TokenizerFlow
from migrate_llm.rules.unmoved_settings import unmoved_holder
from migrate_llm.rules.url_keys import kept_key, keys_beside, openai_base_urls, record_left
from migrate_llm.run_facts import slash_ids_elsewhere, slash_route_elsewhere, splits_slash
from migrate_llm.table_guards import unsafe_reads, walk
from migrate_llm.textio import python_tree


def _or_operand(node: cst.CSTNode, operand: cst.CSTNode) -> bool:
    """Whether `node` is an `or` with `operand` on either side (`model or DEFAULT_MODEL`)."""
    return (
        isinstance(node, cst.BooleanOperation)
        and isinstance(node.operator, cst.Or)
        and operand in (node.left, node.right)
    )


def _first_three(models: list[str]) -> str:
    """The first three of `models` quoted, and how many more."""
    more = f" and {len(models) - 3} more" if models[3:] else ""
    return ", ".join(repr(m) for m in models[:3]) + more


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD_BREAK = re.compile(r"[_.]")
_LOOKUPS = frozenset({"get", "setdefault", "pop"})
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_COLLECTIONS = (cst.List, cst.Tuple, cst.Set)
# what shows that the values a check of ML205's tests go to litellm (`litellm_reach`)
_LITELLM_CHECKS = {
    "module": "this module calls litellm",
    "sent": "this module gives what it tests to litellm",
    "named": "the name it tests says it goes to litellm",
}


def _words(name: str) -> tuple[str, list[str]]:
    snake = _CAMEL.sub("_", name.strip("-").replace("-", "_")).lower()
    return snake, _WORD_BREAK.split(snake)


def model_like(name: str | None) -> bool:
    """Whether a parameter, attribute, key or option name holds a model (openai_sdk.MODEL_NAMES)."""
    if not name:
        return False
    snake, words = _words(name)
    if not sdk.TOKENIZER_NAME_WORDS.isdisjoint(words):
        return False
    return snake in sdk.MODEL_NAMES or not sdk.MODEL_NAME_WORDS.isdisjoint(words)


def _models_class(name: str) -> bool:
    """Whether a class is named for models (`Models`, `ModelNames`, `LLMModel`)."""
    return model_like(name) or "models" in _words(name)[1]


def tokenizer_like(name: str | None) -> bool:
    """Whether a name holds the model a token counter is asked about (it stays OpenAI's)."""
    return bool(name) and not sdk.TOKENIZER_NAME_WORDS.isdisjoint(_words(name or "")[1])


def azure_branch(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    """The test of the innermost `if`/`elif` whose body holds `node` that compares a value
    with a string naming Azure OpenAI (`sdk.CONFIG_AZURE_PROVIDER`: `provider ==
    "azure_openai"`, `p in ("azure", "azure_openai")`, also one side of an `and`), or the
    pattern of such a `case "azure_openai":`; None where there is none."""
    child = node
    for outer in reversed(ctx.ancestors(node)):
        if isinstance(outer, cst.If) and outer.body is child and _azure_test(outer.test):
            return outer.test
        if isinstance(outer, cst.MatchCase) and outer.body is child:
            values = (
                [p.pattern for p in outer.pattern.patterns]
                if isinstance(outer.pattern, cst.MatchOr)
                else [outer.pattern]
            )
            if all(isinstance(v, cst.MatchValue) and _azure_string(v.value) for v in values):
                return outer.pattern
        child = outer
    return None


def _azure_test(test: cst.BaseExpression) -> bool:
    if isinstance(test, cst.BooleanOperation):
        if isinstance(test.operator, cst.And):
            return _azure_test(test.left) or _azure_test(test.right)
        return _azure_test(test.left) and _azure_test(test.right)
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if isinstance(target.operator, cst.Equal):
        return _azure_string(test.left) or _azure_string(target.comparator)
    if isinstance(target.operator, cst.In) and isinstance(
        target.comparator, (cst.Tuple, cst.List, cst.Set)
    ):
        elements = target.comparator.elements
        return bool(elements) and all(_azure_string(e.value) for e in elements)
    return False


def _azure_string(node: cst.BaseExpression) -> bool:
    value = string_value(node)
    return value is not None and sdk.CONFIG_AZURE_PROVIDER.fullmatch(value) is not None


@dataclass(frozen=True)
class Place:
    """Where a model string stands.

    kind: "setting" (ML204), "foreign" (ML206), "check" (ML205), "counter" (a token
    counter's default, which ML204 notes and leaves) or "label" (a comparison beside one with
    the program's own label, the detail: ML205 notes and leaves it).
    where: a setting's name (`entry 'model'`), the callee of a foreign call (`completion`), or
    the shape of a check: "collection", "prefix", "comparison", "table" or "other".
    detail: for settings, what follows the value (`(sent as model= on line 5)`); for a foreign
    call, the keyword; for checks, the words that show the code (`a tuple`, `.startswith(...)`).
    named: whether a model-like name (parameter, key, keyword, option, class) says it is a
    model, or the module sends it as `model=` (a class member); for a family check, whether
    the name it tests is one (`"gpt" in model`).
    test: for a family check, its kind in `model_branches.FAMILY_TESTS` ("contains" for
    `"gpt" in m`).
    """

    kind: str
    where: str
    detail: str = ""
    named: bool = False
    # a collection's members share one finding: the id of the collection; for a class's
    # members (an enum's, or settings of a class that may be one), the id of the class
    group: int = 0
    # a comparison's Comparison node, a list's, tuple's or set's node (ML205 reads them), the
    # dict display of a table key (ML204 reads its lookups: `model_lookups`)
    container: cst.CSTNode | None = None
    # for a setting that is the fallback of an OpenAI SDK call's model= (`model=m or "gpt-4o"`),
    # that call; for a foreign model, the call it is given to
    request: cst.Call | None = None
    test: str = ""
    # for a label passed to a function that only looks it up in a table keyed by OpenAI
    # model (`lookup_labels`), that table as messages show it
    table: str = ""
    # test data (ML205's note): handed by test code to the project's own code
    # (`test_code.project_call_in_test`), or a case of a parametrized test
    test_data: bool = False

    @property
    def sent(self) -> bool:
        """Whether the module sends the setting as `model=` of an OpenAI SDK call (its detail
        names the line, or it is the fallback of that call's model)."""
        return self.kind == "setting" and (bool(self.detail) or self.request is not None)


_LITERAL = "a Literal[...] type"


def _setting(where: str, named: bool, detail: str = "") -> Place:
    return Place("setting", where, detail, named)


def _check(shape: str, detail: str, group: int = 0, container: cst.CSTNode | None = None) -> Place:
    return Place("check", shape, detail, group=group, container=container)


def _family(detail: str, test: str, tested: cst.BaseExpression) -> Place:
    """A model-family check (`FAMILY_TESTS`) on `tested`, named where a model-like name or
    dict key holds what it tests (`"gpt" in model`, `self.model_name.lower().find("gpt")`,
    `kwargs["model"]`): a short family (`gpt`) counts there only."""
    read = without_id_methods(tested)[0]
    name = last_name(read)
    if type(read) is cst.Subscript and len(read.slice) == 1:  # `kwargs["model"]`
        index = read.slice[0].slice
        name = string_value(index.value) if isinstance(index, cst.Index) else None
    return Place("check", "prefix", detail, model_like(name), test=test)


# how a message says a model passes a test of a part of its name, by its kind
_PART_VERBS = {"contains": "hold", "startswith": "start with", "endswith": "end with"}


def _family_check(site: Site) -> str:
    """What a message calls a test of a part of a model's name: an OpenAI model-family check
    (`"gpt" in m`, `m.startswith("gpt-4")`), or, for a part telling kinds of model apart
    (`sdk.model_fragment`: `"-vision" in m`), a test of the name for it."""
    if sdk.model_fragment(site.model):
        return f"{site.place.detail} tests the model name for {site.model!r}"
    return f"{site.place.detail} is an OpenAI model-family check"


# the shapes of a check that test a name (`"x" in name`, `.startswith("x")`, `name == "x"`)
_TESTS = ("prefix", "comparison")


def _keyed_by(ctx: PythonContext, node: cst.CSTNode) -> str | None:
    """ " of NAME" (or "") where `node` is a key of a dict display (bound to NAME), else
    None."""
    parents = ctx.ancestors(node)
    if len(parents) < 2:
        return None
    element, table = parents[-1], parents[-2]
    if not (isinstance(element, cst.DictElement) and element.key is node):
        return None
    holder = parents[-3] if len(parents) >= 3 else None
    if isinstance(holder, (cst.Assign, cst.AnnAssign)) and holder.value is table:
        if isinstance(holder, cst.Assign):
            targets = [t.target for t in holder.targets]
        else:
            targets = [holder.target]
        if len(targets) == 1 and isinstance(targets[0], cst.Name):
            return f" of {targets[0].value}"
    return ""


# a list, tuple, set or comparison that ML205 widens, its OpenAI models, and what it gains
_Added = tuple[cst.CSTNode | None, list[str], tuple[str, ...]]


@dataclass(frozen=True)
class _Spelling:
    """How ML205 writes the provider's models into a check: on litellm's route for the
    provider (`route`, its `litellm_prefix`: `deepseek/deepseek-v4-pro`) where the values
    the module tests go to litellm (`why` says what shows it), else as they are."""

    route: str = ""
    why: str = ""

    def __call__(self, model: str) -> str:
        return f"{self.route}/{model}" if self.route else model

    @property
    def note(self) -> str:
        """What a message adds for the route; "" for models as they are."""
        if not self.route:
            return ""
        return (
            f", on litellm's route: {self.why}, which sends a model without a provider prefix "
            "to OpenAI"
        )


@dataclass(frozen=True)
class Site:
    """One model string (`node`, value `model`) and where it stands."""

    node: cst.SimpleString
    model: str
    place: Place
    env: bool = False  # the default of an environment lookup at that place
    prefix: str = ""  # `openai:` before the model in the string (`"openai:gpt-4o"`)
    listed: tuple[str, ...] = ()  # every model of `"gpt-4o,gpt-4o-mini"` (`model` is the first)
    short: bool = False  # a short name (`O1 = "o1"`) kept only as a member of a class
    methods: tuple[str, ...] = ()  # what reads it through `.lower()` and the like (in order)

    @property
    def subject(self) -> str:
        """What a setting message calls it: `entry 'model' = 'gpt-4o'`."""
        place = self.place
        written = str(literal_value(self.node)) if self.listed else self.prefix + self.model
        if self.env:
            text = f"env default {written!r} of {place.where}"
        else:
            text = f"{place.where} = {written!r}"
        return f"{text} {place.detail}" if place.detail else text


@dataclass
class _Candidate:
    node: cst.SimpleString
    model: str
    exact: bool  # an OpenAI model id, not only a family prefix
    ancestors: tuple[cst.CSTNode, ...] = ()
    prefix: str = ""
    listed: tuple[str, ...] = ()
    fragment: bool = False  # a part of OpenAI's names (`-vision`: `sdk.model_fragment`)


@functools.cache
def _stem_prefixes(patterns: tuple[str, ...]) -> frozenset[str]:
    """Every prefix of the stems of `family_heads`: a family prefix is one of them."""
    return frozenset(
        stem[:n] for stem, _ in sdk.family_heads(patterns) for n in range(len(stem) + 1)
    )


# a part of OpenAI's names quoted whole (`"-vision"`: `sdk.model_fragment`)
_QUOTED_FRAGMENT = re.compile(f"[\"'](?:{sdk.MODEL_FRAGMENT_PATTERN})[\"']")


@functools.cache
def _quoted_families(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """A quote followed by the head of a model family: a module without it has no model ids."""
    heads = sorted({re.escape(head) for _, head in sdk.family_heads(patterns) if head})
    provider = "|".join(re.escape(p) for p in sorted({OPENAI_MODEL_PREFIX, *OPENAI_PREFIXES}))
    return re.compile(f"[\"'](?:{provider})?(?:" + ("|".join(heads) or "(?!)") + ")")


# the packages whose calls a rule of their own reads (`handed_of` leaves their strings)
_KNOWN_PACKAGES = frozenset((*FRAMEWORK_MODULES, "openai"))


def _slash_kept_advice(rules: RuleContext, site: Site) -> str:
    """What to write for an `openai/` string no rule reads as a route (`slash_kept`): the
    provider's model, its `openai/` kept only where the library needs it, which only the
    user can tell."""
    provider = rules.provider
    name = provider.name if provider is not None else "the provider"
    new = rules.map_model(site.model)
    said = f" (the model table says {new!r})" if new else ""
    return (
        f"write {article(name)} {name} model there{said}, with {site.prefix!r} before it only "
        "if that library needs it to pick its OpenAI-compatible client: migrate-llm cannot "
        "know which, so decide by hand"
    )


class ModelSites:
    """Every model string of one module, sorted once and shared by ML204, ML205 and ML206.

    Fed during the rules' one traversal (by the first of those rules that runs): the literals
    ML201/ML202 own, the parameters that reach `model=`, the names used as prefixes, and the
    strings that may be model ids. Sorted once the traversal is over (`finish`), finding each
    candidate's ancestors in the context's preorder of the nodes.
    """

    @classmethod
    def of(cls, ctx: PythonContext) -> ModelSites:
        # kept on the context: a cache keyed by the context kept every module alive
        if cls not in ctx.analyses:
            ctx.analyses[cls] = cls(ctx)
        return cast(ModelSites, ctx.analyses[cls])

    def __init__(self, ctx: PythonContext) -> None:
        self.ctx = ctx
        self.openai = ctx.rules.openai
        self.heads = sdk.family_heads(self.openai.model_patterns)
        self.stem_prefixes = _stem_prefixes(self.openai.model_patterns)
        # a library whose `openai:` strings pick OpenAI's endpoint (pydantic-ai), the module's
        # or the run's: ML671's
        self.prefixed = run_library(ctx.text, ctx.rules.facts.pydantic_ai_project)
        self.prefixed_here = self.prefixed is not None and prefixed_library(ctx.text) is not None
        families = _quoted_families(self.openai.model_patterns)
        # the target's retired ids written in the module, bare or on its litellm route
        # (`"deepseek-chat"`, `"deepseek/deepseek-chat"`): ML204 reports them
        provider = ctx.rules.provider
        route = provider.frameworks.get("litellm_prefix") if provider is not None else None
        heads = ("", f"{route}/") if isinstance(route, str) else ("",)
        self.retired_ids = tuple(
            m
            for m in (provider.retired if provider is not None and ctx.rules.switching else ())
            if any(f"{q}{h}{m}{q}" in ctx.text for q in "\"'" for h in heads)
        )
        # the target's models written after `openai:` or beside a provider setting naming
        # OpenAI (`"openai:deepseek-v4-pro"`, `writer_provider = "openai"`): LangChain sends
        # them to OpenAI (`langchain_routes`); ML204 reports them
        self.openai_named = (
            provider is not None
            and ctx.rules.switching
            and any(
                q + head in ctx.text for q in "\"'" for head in (OPENAI_MODEL_PREFIX, "openai" + q)
            )
        )
        # an `openai/` string in a project splitting such strings into LangChain's provider and
        # model (`"openai/gpt-4o-mini"`: `langchain_routes.split_route`): ML204 reports it,
        # not one given to a litellm call or a client with another service's URL, that
        # service's id (OpenRouter's `"openai/gpt-4o"`: `slash_ids_elsewhere`)
        self.slash_split = (
            provider is not None
            and ctx.rules.switching
            and any(q + OPENAI_SPLIT_PREFIX in ctx.text for q in "\"'")
            and (ctx.rules.facts.provider_slash_split or splits_slash(ctx.text.encode()))
        )
        self.slash_elsewhere = (
            slash_ids_elsewhere(ctx.text.encode()) if self.slash_split else frozenset()
        )
        # an `openai/` string no rule reads as a route (LMQL's `"openai/gpt-4o"`), in a module
        # and project handing no such string to litellm or another service (`slash_route_
        # elsewhere`) nor splitting it for LangChain (`slash_split`): ML205 and ML206 report
        # it given to a call or as a dict's entry, by hand (only the library knows its prefix)
        self.slash_kept = (
            provider is not None
            and ctx.rules.switching
            and not self.slash_split
            and not ctx.rules.facts.litellm_project
            and any(q + OPENAI_SPLIT_PREFIX in ctx.text for q in "\"'")
            and not slash_route_elsewhere(ctx.text.encode())
        )
        # a string on litellm's route to Azure OpenAI (`"azure/gpt-4o-mini"`): ML206 reports
        # one given to a call it does not know (a project's litellm wrapper), not for an Azure
        # OpenAI target
        self.azure_text = azure_target(ctx.rules) is None and any(
            f"{q}{head}/" in ctx.text for q in "\"'" for head in fw_litellm.AZURE_ROUTES
        )
        self.active = (
            bool(families.search(ctx.text))
            or bool(_QUOTED_FRAGMENT.search(ctx.text))
            or self._quoted_prefix()
            or bool(self.retired_ids)
            or self.openai_named
            or self.slash_split
            or self.slash_kept
            or self.azure_text
        )
        self.fed = False
        # the reads naming a Hugging Face tokenizer's repository `_uses_count` met (`counting`)
        self.named_loads = 0
        self.claimed: set[int] = set()
        self.reaching: dict[int, int] = {}  # id(Param) -> line of the SDK call it reaches
        # (id(ClassDef), member) -> line of the SDK call sending `Cls.MEMBER.value` as model=
        self.sent_members: dict[tuple[int, str], int] = {}
        self.prefix_names: set[int] = set()
        self.candidates: list[_Candidate] = []
        # strings an OpenAI glob takes that are no OpenAI id (`gpt-4-with-ocr`), and those of
        # them that stand as settings (`finish`): ML204 notes them
        self.labels: list[_Candidate] = []
        self.label_settings: list[Site] = []
        # strings naming a model the target retired, and those standing as settings no
        # request sends as it is (ML201, ML202 report those): ML204 reports them
        self.retired: list[_Candidate] = []
        self.retired_settings: list[Site] = []
        self.retired_elsewhere: list[_Candidate] = []  # in a table, a return, an expression
        self.retired_tests: list[Site] = []  # compared with or looked for in a name
        self.sites: dict[str, list[Site]] | None = None
        self.requested: set[str] = set()  # the literal models of the module's SDK requests
        self.litellm_calls = False  # the module calls litellm with a model (`calls_litellm`)
        self.calls_read = False  # `litellm_calls` found without feeding (`member_setting`)
        self.classes: dict[int, cst.ClassDef] = {}  # the groups of class members, by id
        self.kinds: dict[int, str] = {}  # id(ClassDef) -> `class_kind`
        # id(ClassDef) -> why its members are left as a collection: they would map to one model
        self.collapsing: dict[int, str] = {}
        self.ties = Ties()  # the literals a test asserts, tied to settings (`finish`)
        # id(literal) of a UI's copy of a field's default -> that default's setting and the
        # field (`field_copies`, `finish`): ML204 writes there what it writes in the default
        self.copies: dict[int, tuple[Site, ShownDefault]] = {}
        # id(comparison, list, tuple or set) -> the provider's models ML205 adds to it
        self.widened: dict[int, tuple[str, ...]] | None = None
        # id(list, tuple or set) of those ML205 leaves since they take the mapped models as
        # they are (filled with `widened`)
        self.accepting: set[int] = set()
        # id(literal) of the settings ML204 maps, its protections settled (filled when it
        # reports: `setting_written`)
        self.written_settings: set[int] | None = None
        # the target's own models the module writes, bare or on its litellm route, as
        # written (`"deepseek/deepseek-v4-pro"`, a default an earlier apply mapped)
        self.provider_named: list[tuple[cst.SimpleString, str]] = []
        # those of them that may go to OpenAI (`openai_named`), and those standing as settings
        self.openai_routed: list[_Candidate] = []
        self.openai_routed_settings: list[Site] = []
        # strings on litellm's route to Azure OpenAI (`azure_text`), and those given to a call
        # this module does not know (ML206)
        self.azure_routed: list[_Candidate] = []
        self.azure_sites: list[Site] = []
        # `openai/` strings no rule reads as a route (`slash_kept`), and those of them passed
        # to a call or standing as a dict's entry (ML205's) or given as `model=` (ML206's)
        self.slash_routed: list[_Candidate] = []
        self.slash_sites: list[Site] = []

    def _claim_framework_model(self, call: cst.Call) -> None:
        """A retired model a framework's OpenAI class construction names through a constant
        (`ChatOpenAI(model=MODEL)`): ML202 reports it there."""
        # imported here: the framework rules' module imports this one's
        from migrate_llm.rules.framework_classes import any_framework_class, model_argument

        cls = any_framework_class(self.ctx, call)
        arg = model_argument(call, cls) if cls is not None else None
        resolved = self.ctx.resolve_literal(arg.value) if arg is not None else None
        if resolved is not None:
            self.claimed.add(id(resolved[0]))

    def _reaches(self, value: cst.BaseExpression, at: cst.CSTNode) -> None:
        """Record the parameter `value` names, if it is one, as reaching the request whose
        model `at` gives."""
        value = _without_value(value)
        if isinstance(value, cst.Name):
            bound = self.ctx.bindings(value)
            param = _bound_node(bound[0]) if len(bound) == 1 else None
            if isinstance(param, cst.Param):
                self.reaching.setdefault(id(param), self.ctx.position(at)[0][0])

    def feeder(self) -> bool:
        """True for the first rule that asks: that one feeds the traversal's nodes."""
        first, self.fed = not self.fed, True
        return first and self.active

    # --- fed during the traversal ----------------------------------------------------------

    def call(self, node: cst.Call) -> None:
        ctx = self.ctx
        # Model literals of framework calls (Agents SDK, litellm, ...): their rules own them.
        self.claimed.update(id(n) for n in owned_model_values(ctx, node))
        info = ctx.sdk_call(node)
        if not self.litellm_calls:  # an SDK call too where a name may be either (shell_gpt)
            self.litellm_calls = calls_litellm(ctx, node)
        if info is None and self.retired_ids:
            self._claim_framework_model(node)
        wrapped = ctx.wrapper_model(node) if info is None and ctx.mentions("from_openai") else None
        if wrapped is not None:  # `instructor.from_openai(c, model="gpt-4o")`: ML201's, ML202's
            resolved = sent_literal(ctx, wrapped[0].value)[0]
            if resolved is not None:
                self.claimed.add(id(resolved[0]))
        if info is not None:
            args = model_args(node, info)
            for arg in args:
                resolved = sent_literal(ctx, arg.value)[0]
                if resolved is not None:
                    self.claimed.add(id(resolved[0]))
                    self.requested.add(resolved[1])
                self._reaches(arg.value, arg)
                self.member_sent(arg)
            if not args and any(a.star == "**" for a in node.args):
                # `create(**params)` with `params = {"model": model, ...}`
                spread = request_arguments(ctx, node, lambda call: call is node).get("model")
                if spread is not None and isinstance(spread.item, cst.DictElement):
                    self._reaches(spread.value, spread.item)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in PREFIX_METHODS:
            for arg in node.args:
                values = [arg.value]
                if isinstance(arg.value, (cst.Tuple, cst.List)):
                    values = [e.value for e in arg.value.elements]
                for value in values:
                    if isinstance(value, cst.Name):
                        self.prefix_names.add(id(value))

    def member_sent(self, arg: cst.Arg) -> None:
        """Record a class member sent as `model=Cls.MEMBER.value` (or `Cls.MEMBER`), and an
        attribute a method sends as `model=self.x.value` (or `self.x`)."""
        value = _without_value(arg.value)
        if not (isinstance(value, cst.Attribute) and isinstance(value.value, cst.Name)):
            return
        owner: cst.CSTNode | None
        if self_attribute(value):
            owner = next(
                (a for a in reversed(self.ctx.ancestors(arg)) if isinstance(a, cst.ClassDef)), None
            )
        else:
            bound = self.ctx.bindings(value.value)
            owner = _bound_node(bound[0]) if len(bound) == 1 else None
        if isinstance(owner, cst.ClassDef):
            line = self.ctx.position(arg)[0][0]
            self.sent_members.setdefault((id(owner), value.attr.value), line)

    def string(self, node: cst.SimpleString) -> None:
        value = literal_value(node)
        if not isinstance(value, str):
            return
        if _served(self.ctx.rules, value) is not None:
            self.provider_named.append((node, value))
            if self.openai_named and provider_serves(self.ctx.rules, value):
                self.openai_routed.append(_Candidate(node, value, True))
        exact = self.is_model(value)
        if exact or self.is_prefix(value):
            self.candidates.append(_Candidate(node, value, exact))
        elif sdk.model_fragment(value):
            # `"-vision" in model`: a part of OpenAI's names, only in a test of a model's name
            self.candidates.append(_Candidate(node, value, False, fragment=True))
        elif self.retired_ids and (found := self.ctx.rules.retired(value)) is not None:
            prefix = found[0]
            self.retired.append(_Candidate(node, value[len(prefix) :], True, prefix=prefix))
        elif self.openai.label_words(value):
            self.labels.append(_Candidate(node, value, True))
        elif "," in value:
            # a choice list in one string (pyvideotrans' `"gpt-5.5,gpt-5.5-pro,gpt-4.1"`,
            # split to fill a menu, its first the default): a setting when every item is a model
            listed = tuple(part.strip() for part in value.split(","))
            if all(self.is_model(part) for part in listed):
                self.candidates.append(_Candidate(node, listed[0], True, listed=listed))
        elif self.azure_text and (route := fw_litellm.route(value))[0] in fw_litellm.AZURE_ROUTES:
            self.azure_routed.append(_Candidate(node, route[1], True, prefix=f"{route[0]}/"))
        else:
            prefix, model = split_prefix(value, self.prefixed)
            if not prefix:
                prefix, model = without_provider(value)
            if (
                not prefix
                and self.slash_split
                and value.startswith(OPENAI_SPLIT_PREFIX)
                and value not in self.slash_elsewhere
            ):
                prefix, model = OPENAI_SPLIT_PREFIX, value[len(OPENAI_SPLIT_PREFIX) :]
            if prefix and (self.is_model(model) or self.target_after_prefix(prefix, model)):
                self.candidates.append(_Candidate(node, model, True, prefix=prefix))
            elif (
                not prefix
                and self.slash_kept
                and value.startswith(OPENAI_SPLIT_PREFIX)
                and self.is_model(value[len(OPENAI_SPLIT_PREFIX) :])
            ):
                model = value[len(OPENAI_SPLIT_PREFIX) :]
                self.slash_routed.append(_Candidate(node, model, True, prefix=OPENAI_SPLIT_PREFIX))
            elif (
                prefix == OPENAI_MODEL_PREFIX
                and self.openai_named
                and self.prefixed is None
                and provider_serves(self.ctx.rules, model)
            ):
                self.openai_routed.append(_Candidate(node, model, True, prefix=prefix))

    # --- after the traversal ---------------------------------------------------------------

    def finish(self) -> dict[str, list[Site]]:
        """The sites by kind ("setting", "foreign", "check", "counter": a token counter's
        default, "expect": a literal a test asserts that is tied to settings,
        `model_expectations`, and "copy": the UI's copy of a field's default, `field_copies`),
        sorted once."""
        if self.sites is None:
            # the models of GraphRAG's entries ML670 reports (a dict display too, in no call)
            self.claimed.update(id(n) for n in graphrag_model_values(self.ctx))
            found = []
            for candidate in self.candidates:
                if id(candidate.node) in self.claimed:
                    continue
                candidate.ancestors = self.ctx.ancestors(candidate.node)
                site = self.classify(candidate)
                if site is not None:
                    found.append(site)
            self.sites = {
                "setting": [],
                "foreign": [],
                "check": [],
                "expect": [],
                "copy": [],
                "counter": [],
                "label": [],
                "service": [],
                "record": [],
            }
            for site in self.class_members(found):
                self.sites[site.place.kind].append(site)
            self.tie_expectations()
            self.tie_copies()
            self.label_settings = self.settings_of(self.labels)
            if not (self.litellm_calls or self.ctx.rules.facts.litellm_project):
                # `deepseek/deepseek-chat` is litellm's route only where litellm reads it
                self.retired = [c for c in self.retired if not c.prefix]
            self.retired_settings = [
                s for s in self.settings_of(self.retired) if id(s.node) not in self.claimed
            ]
            settings = {id(s.node) for s in self.retired_settings}
            elsewhere = [
                c
                for c in self.retired
                if id(c.node) not in settings
                and id(c.node) not in self.claimed
                and not isinstance(self.ctx.ancestors(c.node)[-1], cst.Expr)  # a docstring
            ]
            self.openai_routed_settings = [
                s for s in self.settings_of(self.openai_routed) if id(s.node) not in self.claimed
            ]
            self.retired_tests = self.tests_of(elsewhere)
            self.azure_sites = self.foreign_of(self.azure_routed)
            self.slash_sites = self.handed_of(self.slash_routed)
            tested = {id(s.node) for s in self.retired_tests}
            self.retired_elsewhere = [c for c in elsewhere if id(c.node) not in tested]
        return self.sites

    def mapped(self, node: cst.CSTNode) -> bool:
        """Whether `node`, a model literal, is one apply maps: a request's model (ML201,
        ML202, a framework's rule: `claimed`) or a setting (ML204), unless a protection of
        theirs leaves it."""
        sites = self.finish()
        return id(node) in self.claimed or any(s.node is node for s in sites["setting"])

    def setting_written(self, node: cst.CSTNode) -> bool:
        """Whether `node`, a model literal, is a setting ML204 rewrites: its finding carries
        the edit once its protections are settled (a test asserting the name elsewhere, the
        same name left beside it). Known once ML204 has reported, which a rule asking before
        it makes it do (computed once a module)."""
        if self.written_settings is None:
            _ = ModelSetting(self.ctx).findings  # reporting fills `written_settings`
        return id(node) in (self.written_settings or ())

    def counted(self, node: cst.CSTNode) -> bool:
        """Whether `node` is a token counter's model (`token_count`), which apply leaves."""
        return any(s.node is node for s in self.finish()["counter"])

    def tables(self) -> list[cst.Dict]:
        """The dict displays with an OpenAI model id for a key (ML205's tables), in order."""
        found: dict[int, cst.Dict] = {}
        for site in self.finish()["check"]:
            table = site.place.container
            if site.place.where == "table" and isinstance(table, cst.Dict):
                found.setdefault(id(table), table)
        return list(found.values())

    def tests_of(self, candidates: list[_Candidate]) -> list[Site]:
        """The sites of `candidates` that a test of a name compares with or looks for
        (`"deepseek-reasoner" in name`, `.startswith(...)`, `name == ...`): no request sends
        them from there."""
        classes = dict(self.classes)
        found = []
        for candidate in candidates:
            candidate.ancestors = self.ctx.ancestors(candidate.node)
            site = self.classify(candidate)
            if site is not None and site.place.kind == "check" and site.place.where in _TESTS:
                found.append(site)
        self.classes = classes
        return found

    def foreign_of(self, candidates: list[_Candidate]) -> list[Site]:
        """Those of `candidates` given to a call that is not the OpenAI SDK (ML206's)."""
        classes = dict(self.classes)
        found = []
        for c in candidates:
            if id(c.node) in self.claimed:
                continue
            c.ancestors = self.ctx.ancestors(c.node)
            site = self.classify(c)
            if site is not None and site.place.kind == "foreign":
                found.append(site)
        self.classes = classes
        return found

    def handed_of(self, candidates: list[_Candidate]) -> list[Site]:
        """Those of `candidates` given to a call that is not the OpenAI SDK, by keyword
        ("foreign") or by position ("check", `passed to f()`), or standing as a dict's entry
        (a "setting" `entry '...'`), found without recording anything of their classes; not
        inside a call of a framework's package (`instructor.from_provider("openai/gpt-4o")`:
        its rule's)."""
        classes = dict(self.classes)
        found = []
        for c in candidates:
            if id(c.node) in self.claimed:
                continue
            c.ancestors = self.ctx.ancestors(c.node)
            call = next((a for a in reversed(c.ancestors) if isinstance(a, cst.Call)), None)
            if call is not None and any(
                name.split(".")[0] in _KNOWN_PACKAGES for name in self.ctx.qualnames(call.func)
            ):
                continue
            site = self.classify(c)
            if site is None:
                continue
            place = site.place
            if (
                place.kind == "foreign"
                or (place.kind == "check" and place.detail.startswith("passed to "))
                or (place.kind == "setting" and place.where.startswith("entry "))
            ):
                found.append(site)
        self.classes = classes
        return found

    def settings_of(self, candidates: list[_Candidate]) -> list[Site]:
        """The sites of `candidates` that stand as model settings, found without recording
        anything of the classes they stand in (they are no models)."""
        classes = dict(self.classes)
        found = []
        for candidate in candidates:
            candidate.ancestors = self.ctx.ancestors(candidate.node)
            site = self.classify(candidate)
            if site is not None and site.place.kind == "setting":
                found.append(site)
        self.classes = classes
        return found

    def tie_expectations(self) -> None:
        """Move the literals a test asserts that are tied to settings of the same literal
        (`model_expectations.tie`) to "expect", switching provider: ML204 reports them."""
        provider = self.ctx.rules.provider
        sites = self.sites
        if provider is None or not self.ctx.rules.switching or sites is None:
            return

        def counted(site: Site) -> bool:
            return not provider.serves(site.model) and not self.library_owns(site)

        def elsewhere(site: Site) -> bool:
            """Another server's or another service's model, which ML204 leaves: no test
            asserting the same literal elsewhere checks it (MoneyPrinterTurbo's EvoLink test
            beside its test of OpenAI's default, t52k)."""
            server = server_beside(self.ctx, site.node)
            if server is not None and server.other:
                return True
            return selected_service(self.ctx, site.node) is not None

        others = [s for s in (*sites["foreign"], *sites["check"]) if counted(s)]
        settings = [s for s in sites["setting"] if counted(s) and not elsewhere(s)]
        if not others or not settings:
            return
        self.ties = tie(self.ctx, settings, others)
        if not self.ties.expected:
            return
        for kind in ("foreign", "check"):
            kept = [s for s in sites[kind] if id(s.node) not in self.ties.expected]
            sites["expect"] += [s for s in sites[kind] if id(s.node) in self.ties.expected]
            sites[kind] = kept

    def tie_copies(self) -> None:
        """Move the UI's copies of a field's default that hold the literal of the default's
        setting (`field_copies.copies`) from "check" to "copy", switching provider: ML204
        writes there what it writes in the default."""
        provider = self.ctx.rules.provider
        sites = self.sites
        if provider is None or not self.ctx.rules.switching or sites is None:
            return

        def counted(site: Site) -> bool:
            return not provider.serves(site.model) and not self.library_owns(site)

        others = [s for s in sites["check"] if s.place.where == "other" and counted(s)]
        if not others:
            return
        self.copies = copies(self.ctx, [s for s in sites["setting"] if counted(s)], others)
        if self.copies:
            sites["copy"] = [s for s in sites["check"] if id(s.node) in self.copies]
            sites["check"] = [s for s in sites["check"] if id(s.node) not in self.copies]

    def class_members(self, found: list[Site]) -> list[Site]:
        """`found` with the members of each class settled: those of a class that may be an
        enum become a collection where two would map to one provider model (`collapse`); a
        short name (`O1 = "o1"`) stays only in a collection that holds a longer one."""
        members: dict[int, list[Site]] = {}
        for site in found:
            if site.place.group in self.classes:
                members.setdefault(site.place.group, []).append(site)
        settled: dict[int, Site] = {}
        for group, sites in members.items():
            collapsed = self.collapse(self.classes[group], sites)
            collection = collapsed[0].place.kind == "check"
            whole = collection and any(not s.short for s in collapsed)
            for old, new in zip(sites, collapsed, strict=True):
                if whole or not new.short:
                    settled[id(old)] = new
        return [
            settled.get(id(s), s)
            for s in found
            if s.place.group not in self.classes or id(s) in settled
        ]

    def collapse(self, owner: cst.ClassDef, sites: list[Site]) -> list[Site]:
        """The members of a class with a base the module cannot resolve (it may be an enum:
        langroid's `OpenAIChatModel(ModelName)`) as a collection (ML205) where two of them
        would map to one provider model: mapped, they would be one member. Else unchanged."""
        rules = self.ctx.rules
        if sites[0].place.kind != "setting" or not rules.switching:
            return sites
        seen: dict[str, str] = {}
        for site in sites:
            target = None if site.short else rules.map_model(site.model)
            if target is None:
                continue
            if target not in seen:
                seen[target] = site.model
                continue
            base = self.unresolved_base(owner)
            self.collapsing[id(owner)] = (
                f"apply leaves them: {seen[target]!r} and {site.model!r} would both become "
                f"{target!r}, and {owner.name.value} derives from {base}, which this module "
                "does not define: if that is an enum, the two members would be one; change "
                "them by hand"
            )
            place = _check("collection", f"the class {owner.name.value}", id(owner))
            return [replace(s, place=place) for s in sites]
        return sites

    def is_model(self, value: str) -> bool:
        return self.openai.serves(value)

    def _quoted_prefix(self) -> bool:
        """Whether a string starts with an OpenAI prefix of the library the module imports."""
        library, text = self.prefixed, self.ctx.text
        return library is not None and any(q + p in text for p in library.prefixes for q in "\"'")

    def target_after_prefix(self, prefix: str, model: str) -> bool:
        """Whether `model`, after `prefix`, is the target provider's and the prefix picks the
        OpenAI endpoint of the library the module imports (`"openai:qwen-plus"` in a
        pydantic-ai module, as an earlier `apply` wrote it): it still goes to OpenAI."""
        provider = self.ctx.rules.provider
        library = self.prefixed
        return (
            library is not None
            and prefix in library.prefixes
            and provider is not None
            and provider.serves(model)
        )

    def library_owns(self, site: Site) -> bool:
        """Whether ML671 reports `site`: a model string whose `openai:` prefix makes the
        library the module imports (pydantic-ai) call OpenAI, wherever it picks a model; not
        one in a check (a list, a prefix test, a comparison, a table key: ML205's). In a
        module that only belongs to a run importing it, only a setting or a model given to a
        call (`agent.override(model=...)`): another use (`name="openai:gpt-4o"`, a label)
        stays ML205's."""
        if not site.prefix or self.prefixed is None:
            return False
        if site.place.kind != "check":
            return True
        return site.place.where == "other" and self.prefixed_here

    def is_prefix(self, value: str) -> bool:
        """A model-family prefix such as `gpt-`, `gpt-3.5` or `o1` (only in prefix checks)."""
        if value not in self.stem_prefixes:
            return False  # a prefix of no stem (most strings)
        trimmed = value.rstrip("-")
        return bool(trimmed) and any(
            stem.startswith(value) and trimmed.startswith(head) and len(trimmed) >= len(head)
            for stem, head in self.heads
        )

    # --- sorting ---------------------------------------------------------------------------

    def climb(
        self, anc: tuple[cst.CSTNode, ...], node: cst.CSTNode
    ) -> tuple[cst.CSTNode, int, bool, list[str], bool]:
        """From a string up to the expression that holds it as its value (`anc` its
        ancestors): through an environment lookup it is the default of, `.lower()` and the
        like, `a or b`, `x if c else y` and, where that is passed as a model-like keyword,
        `getattr(o, name, default)`. That expression, the index of its parent in `anc`,
        whether an environment lookup was passed, the methods read on the way and whether it
        is a fallback (a value of `a or b`, `x if c else y` or the getattr default)."""
        i = len(anc) - 1
        env = fallback = False
        methods: list[str] = []  # `.lower()` and the like read on the way up
        while i >= 1:
            parent = anc[i]
            if (
                isinstance(parent, cst.Arg)
                and isinstance(call := anc[i - 1], cst.Call)
                and self.getattr_default(call, parent)
                and self.passed_as_model(anc[: i - 1], call)
            ):
                node, i, fallback = call, i - 2, True
                continue
            if (
                isinstance(parent, cst.Arg)
                and isinstance(call := anc[i - 1], cst.Call)
                and self.env_default(call, parent)
            ):
                env, node, i = True, call, i - 2
                continue
            if (
                isinstance(parent, cst.Attribute)
                and parent.value is node
                and isinstance(call := anc[i - 1], cst.Call)
                and not call.args
                and parent.attr.value in sdk.MODEL_ID_METHODS
            ):
                methods.append(parent.attr.value)
                node, i = call, i - 2
                continue
            if isinstance(parent, cst.BooleanOperation) or (
                isinstance(parent, cst.IfExp) and node is not parent.test
            ):
                node, i, fallback = parent, i - 1, True
                continue
            break
        return node, i, env, methods, fallback

    def getattr_default(self, call: cst.Call, arg: cst.Arg) -> bool:
        """Whether `arg` is the default of the builtin `getattr(o, name, default)`."""
        func = call.func
        return (
            isinstance(func, cst.Name)
            and func.value == "getattr"
            and len(call.args) == 3
            and call.args[2] is arg
            and not any(a.star or a.keyword for a in call.args)
            and all(_bound_node(b) is None for b in self.ctx.bindings(func))
        )

    def passed_as_model(self, anc: tuple[cst.CSTNode, ...], node: cst.CSTNode) -> bool:
        """Whether `node` (`anc` its ancestors), through `a or b` and `x if c else y`, is given
        to a call as a model-like keyword (`model=`) or as the model of a model site (or of
        a litellm call, in the dict display spread into it: `spread_litellm_model`)."""
        top, i = self.climb(anc, node)[:2]
        parent = anc[i] if i >= 1 else None
        if isinstance(parent, cst.DictElement) and parent.value is top:
            key = string_value(parent.key)
            spread = self.spread_into(anc, i - 1)
            return key is not None and spread is not None and self.spread_litellm_model(spread, key)
        if not (isinstance(parent, cst.Arg) and isinstance(call := anc[i - 1], cst.Call)):
            return False
        if parent.keyword is not None and model_like(parent.keyword.value):
            return True
        return self.model_site(call, parent) is not None

    def model_site(self, call: cst.Call, arg: cst.Arg) -> Place | None:
        """The setting a fallback given as `arg` is where `arg` is the model of a model site:
        an OpenAI SDK call, a litellm call or a framework's OpenAI class (LangChain,
        LlamaIndex, ...); `model=m or "gpt-4o"` there is the program's default model, as
        `getattr(self, "model", "gpt-4o")` is."""
        ctx = self.ctx
        name = arg.keyword.value if arg.keyword is not None else "model"
        where = f"fallback of {name}= of {callee_label(ctx, call)}()"
        info = ctx.sdk_call(call)
        if info is not None:
            if any(a is arg for a in model_args(call, info)):
                return Place("setting", where, "", True, request=call)
            return None
        found = model_call(ctx, call)
        if found is not None and found.shown.startswith("litellm.") and found.model is arg:
            return _setting(where, True)
        cls = any_framework_class(ctx, call)
        if cls is not None and model_argument(call, cls) is arg:
            return _setting(where, True)
        return None

    def holder(self, site: Site) -> cst.CSTNode | None:
        """What a setting binds: the parameter it is the default of, or the name or attribute
        assigned it (`model = cfg.model or "gpt-4o"`, `self.config.model = "gpt-4o"`)."""
        node = self.climb(self.ctx.ancestors(site.node), site.node)[0]
        return holder_of(self.ctx, node)

    def classify(self, c: _Candidate) -> Site | None:
        anc = c.ancestors
        node, i, env, methods, fallback = self.climb(anc, c.node)
        place = self.place(c.model, node, anc, i, env, fallback)
        if place is None or (place.kind == "check" and self.picks_tokenizer(c.node, place)):
            return None
        if place.kind == "check" and beside_elsewhere_class(self.ctx, c.node):
            return None  # another service's catalogue (`elsewhere_calls`)
        # `ada`, `davinci`, `o3`: a model only where a name says so (or, for `o1`, in a prefix
        # check); `OZONE = "o3"` is chemistry
        # not after `openai:` (`"openai:o3"`: the prefix says it is a model)
        short = (
            not c.prefix and "-" not in c.model and (c.model.isalpha() or place.where != "prefix")
        )
        member = place.group in self.classes  # of an enum, or of a class that may be one
        if short and not place.named and not member and not self.beside_longer(place):
            return None
        if not c.exact and place.where != "prefix":
            return None  # `gpt-` is a family only inside a prefix check
        if c.fragment and not place.named:
            return None  # `"preview" in model`, not `"preview" in title`
        if c.listed and (
            place.kind != "setting" or not (place.named or "models" in place.where.lower())
        ):
            return None  # a list of models in one string only where a name says so
        short = short and not place.named
        env = env and place.kind == "setting"
        if place.kind in ("setting", "check") and (entry := service_entry(self.ctx, c.node)):
            # gptme's MODEL_ALIASES["openai"]: that service's model, read per key
            place = Place("service", entry.table, entry.service, entry.openai)
        elif place.kind == "setting" and (left := record_left(self.ctx, c.node)) is not None:
            # DB-GPT's `ProfileSpec(env_var="OPENAI_API_KEY", llm_model="gpt-4o", ...)`: its
            # key variable and URLs stay OpenAI's, and so do its models
            place = Place("record", place.where, left.variable, True, group=id(left.name_value))
        return Site(c.node, c.model, place, env, c.prefix, c.listed, short, tuple(methods))

    def member_setting(self, member: Member) -> Place | None:
        """Where a member of another package's enum (`model_members`) stands, as a string of
        its model would: only a model setting a name says is one (a field, a default, an
        entry, an argument of the module's own class or function), else None. Nothing of
        the classes it stands in is recorded (they hold no model literal)."""
        if not self.active and not self.calls_read:  # not fed: no string of a model
            self.calls_read = True
            calls = (n for n in self.ctx.nodes if type(n) is cst.Call)
            self.litellm_calls = any(calls_litellm(self.ctx, call) for call in calls)
        classes = dict(self.classes)
        anc = self.ctx.ancestors(member.node)
        node, i, env, _, fallback = self.climb(anc, member.node)
        place = self.place(member.model, node, anc, i, env, fallback) if i >= 0 else None
        self.classes = classes
        if place is None or place.kind != "setting" or not place.named:
            return None
        return place

    def picks_tokenizer(self, node: cst.CSTNode, place: Place) -> bool:
        """Whether `node` is in a test that only picks how tiktoken counts, only OpenAI's
        model names taking the lookup (`tokenizer_branches`), or in a list, tuple or set
        bound to a name that only such tests read (`m in OPENAI_MODELS`): a provider's model
        taking the fixed encoding is what it is for; made to pass, tiktoken raises KeyError."""
        ctx = self.ctx
        if not mentions_pick(ctx):
            return False
        names = OpenAINames.of(ctx)
        holder = None
        if place.where == "collection" and isinstance(place.container, _COLLECTIONS):
            holder = holder_of(ctx, place.container)
        reads = reads_of(ctx, holder) if isinstance(holder, cst.Name) else [node]
        tests = [enclosing_test(ctx, read) for read in reads]
        return bool(tests) and all(t is not None and names.guards_lookup(t) for t in tests)

    def beside_longer(self, place: Place) -> bool:
        """Whether a list, tuple or set holds an OpenAI model id with a `-` (`"o1-mini"`): a
        short name beside it (`"o1"` of chatgpt-telegram-bot's `O_MODELS`) is a model too."""
        container = place.container
        if place.where != "collection" or not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return False
        return any(
            "-" in (value := string_value(e.value) or "") and self.is_model(value)
            for e in container.elements
        )

    def env_default(self, call: cst.Call, arg: cst.Arg) -> bool:
        if not self.ctx.qualnames(call.func) & sdk.ENV_DEFAULTS:
            return False
        if arg.keyword is not None:
            return arg.keyword.value == "default"
        return len(call.args) >= 2 and call.args[1] is arg

    def place(
        self,
        model: str,
        node: cst.CSTNode,
        anc: tuple[cst.CSTNode, ...],
        i: int,
        env: bool = False,
        fallback: bool = False,
    ) -> Place | None:
        """Where the expression `node` (the string of `model`, or the env lookup, `env`, or
        the fallback, `fallback`, around it) stands; its parent is `anc[i]`."""
        parent = anc[i]
        if isinstance(parent, cst.Expr):
            return None  # a docstring or a bare expression
        if isinstance(parent, cst.Param) and parent.default is node:
            name = parent.name.value
            if tokenizer_like(name):
                return None
            counted = self.token_count(parent)
            if counted is not None:
                line = self.ctx.line_label(self.ctx.position(counted)[0][0])
                shown = f"{self.ctx.code(counted.func)}()"
                return Place("counter", f"default of {name}", f"({shown} on {line} reads it)")
            requests = self.foreign_requests(parent.name, through_default=False)
            if requests is not None:  # sent only through Groq's client, Portkey's...
                return self.gateway_place(requests)
            if model_like(name):
                return _setting(f"default of {name}", True)
            return _check("other", f"the default of parameter {name}")
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is node:
            return self.assigned(parent, anc, i, model, env)
        if isinstance(parent, cst.Arg) and i >= 1 and isinstance(call := anc[i - 1], cst.Call):
            return self.argument(call, parent, anc, i - 1, model, fallback)
        if isinstance(parent, cst.DictElement):
            if parent.key is node:
                if self.usage_record(anc, i - 1):
                    return None
                return _check("table", "a dict key", container=anc[i - 1])
            if i >= 1 and self.gateway_config(anc, i - 1):
                return None  # `Portkey(config={"override_params": {"model": ...}})`: ML009's
            key = string_value(parent.key)
            spread = self.spread_into(anc, i - 1) if i >= 1 else None
            if key is not None and model_like(key) and spread is not None:
                if fallback and self.spread_litellm_model(spread, key):
                    where = f"fallback of {key}= of {callee_label(self.ctx, spread)}()"
                    return _setting(where, True)  # as `completion(model=m or "gpt-4o")` is
                shown = callee_label(self.ctx, spread)
                return Place("foreign", shown, key, True, request=spread)
            taker = (
                openai_config_taker(self.ctx, anc[i - 1])
                if key is not None and model_like(key) and i >= 1
                else None
            )
            if taker is not None and key is not None:
                # a class named like OpenAI given the dict builds its own client at OpenAI's
                # URL: the model stays with its key (ML401 leaves it too)
                shown = callee_label(self.ctx, taker.call)
                return Place("foreign", shown, _entry_label(taker, key), True)
            unmoved = (
                unmoved_holder(self.ctx, parent) if key is not None and model_like(key) else None
            )
            if unmoved is not None and key is not None:
                # an unknown library's settings with OpenAI's key read and no base URL: apply
                # gives it none, so its default (maybe OpenAI's) stays; ML401 leaves the key
                return Place("foreign", callee_label(self.ctx, unmoved), key, True)
            library = self.library_argument(anc, i - 1) if key is not None else None
            if library is not None and model_like(key):
                url = url_beside(self.ctx, cast(cst.Dict, anc[i - 1]), parent)
                if url is not None and url[1] is not None:
                    # the library's client goes where the URL beside it does, which is (or
                    # apply makes) the provider's: a setting, as in a dict nested in it
                    return _setting(f"entry {key!r}", True)
                call, keyword = library
                return Place("foreign", callee_label(self.ctx, call), f"{keyword}[{key!r}]", True)
            if key is not None and model_like(key):
                return _setting(f"entry {key!r}", True)
            if tokenizer_like(key):
                return None  # `"tiktoken_model_name": "gpt-4o"`: how tokens are counted
            table = self.model_table(anc, i - 1) if i >= 1 else None
            if table is not None:
                where = f"entry {key!r}" if key else "a value"
                return _setting(f"{where} of {table}", True)
            return _check("other", f"the value of entry {key!r}" if key else "a dict value")
        if isinstance(parent, cst.Element) and i >= 1:
            sent = self.pair_setting(node) or self.row_model(node)
            return sent if sent is not None else self.element(anc, i - 1, model)
        if (
            isinstance(parent, cst.Index)
            and i >= 2
            and isinstance(sub := anc[i - 2], cst.Subscript)
        ):
            if last_name(sub.value) == "Literal":
                return _check("collection", _LITERAL, id(anc[i - 2]))
            if self.counter_update(anc, i - 2):
                return None
            kept = self.kept_entry(sub, model)
            if kept is not None:
                return _check("label", kept)
            return Place("check", "table", "a lookup key", test_data=in_test(self.ctx, anc))
        if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.MatchValue)):
            comparison: cst.CSTNode | None = None
            at = i
            if isinstance(parent, cst.Comparison) and node is parent.left:
                ops = parent.comparisons
                if ops and isinstance(ops[0].operator, (cst.In, cst.NotIn)):
                    return _family(f"{model!r} in ...", "contains", ops[0].comparator)
                comparison = parent
            elif isinstance(parent, cst.ComparisonTarget) and i >= 1:
                comparison, at = anc[i - 1], i - 1
            beside = self.beside_label(anc, at) if comparison is not None else None
            if beside is not None:
                return Place("label", beside[1], beside[0])
            given = self.label_parameter(comparison) if comparison is not None else None
            if given is not None:
                return _check("label", given)
            return _check("comparison", "", container=comparison)
        if isinstance(parent, cst.Return):
            return _check("other", "returned")
        return _check("other", "in an expression")

    def label_parameter(self, comparison: cst.CSTNode) -> str | None:
        """Where `comparison` (one `==` or `!=` with a string) tests a parameter of a function
        of this module that `labels_only` makes a label at its calls (read only to compare it
        with strings and to show it), and every call, the function used only so, passes a
        string written there, under no model-like keyword: apply leaves those strings, so
        the test decides as before (t65a: gpt-author's `print_step_costs(response,
        "gpt-4-0613")`). The words of a note; None otherwise."""
        if not isinstance(comparison, cst.Comparison) or len(comparison.comparisons) != 1:
            return None
        target = comparison.comparisons[0]
        if not isinstance(target.operator, (cst.Equal, cst.NotEqual)):
            return None
        operands = (comparison.left, target.comparator)
        tested = next((o for o in operands if string_value(o) is None), None)
        if not isinstance(tested, cst.Name) or all(string_value(o) is None for o in operands):
            return None
        bound = self.ctx.bindings(tested)
        param = bound[0].node if len(bound) == 1 and isinstance(bound[0], Assignment) else None
        if not isinstance(param, cst.Param) or self.param_labels(param) is None:
            return None
        function = self.ctx.ancestors(param)[-2]
        calls = calls_passing(self.ctx, param)
        if not calls or not isinstance(function, cst.FunctionDef):
            return None
        if not only_called(self.ctx, function) or self.called_elsewhere(function):
            return None
        lines: list[str] = []
        for call, value in calls:
            arg = next((a for a in call.args if a.value is value), None)
            if value is None or arg is None or string_value(value) is None:
                return None
            if arg.keyword is not None and model_like(arg.keyword.value):
                return None
            line = self.ctx.line_label(self.ctx.position(value)[0][0])
            lines += [line] if line not in lines else []
        return (
            f"compared with {tested.value}, a parameter of {function.name.value}() that every "
            f"call gives a string apply leaves ({', '.join(lines)})"
        )

    def called_elsewhere(self, function: cst.FunctionDef) -> bool:
        """Whether another module of the project imports `function` by name (the project's
        facts, `RunFacts.label_params` with its callers): it may give the parameter anything,
        a response's model (`cost(n, r.model)`), which the test may then judge otherwise
        after the switch (t65 review)."""
        name = function.name.value
        return any(
            p.module == self.ctx.path and p.function == name and p.callers
            for p in self.ctx.rules.facts.label_params
        )

    def kept_entry(self, lookup: cst.Subscript, model: str) -> str | None:
        """Where a lookup written with the model's own name (`PRICES["gpt-image-1"]`,
        chatgpt-telegram-bot's `config.models["info"]["gpt-image-1"]`) finds its entry: a dict
        display the looked-up name is bound to once in the module with that key, or a table
        of the project's config files with it (`RunFacts.model_table_keys`) whose path the
        lookup's string keys end in (`info`). apply renames neither the key written here nor
        the table's, so the lookup finds the same entry after the switch: the words of a
        note; None where the table is not known to hold it."""
        value = lookup.value
        if isinstance(value, cst.Name):
            table = self.ctx.bound_value(value)
            if isinstance(table, cst.Dict) and any(
                isinstance(e, cst.DictElement) and string_value(e.key) == model
                for e in table.elements
            ):
                line = self.ctx.line_label(self.ctx.position(table)[0][0])
                return f"looks up its own entry of {value.value} ({line})"
        path: list[str] = []
        while isinstance(value, cst.Subscript) and len(value.slice) == 1:
            index = value.slice[0].slice
            key = string_value(index.value) if isinstance(index, cst.Index) else None
            if key is None:
                return None
            path.insert(0, key)
            value = value.value
        for found in sorted(self.ctx.rules.facts.model_table_keys):
            parts = found.table.split(".") if found.table else []
            if found.key == model and path[max(len(path) - len(parts), 0) :] == parts:
                where = f"the table {found.table}" if found.table else "the table"
                return f"looks up its own entry of {where} in {found.file}:{found.line}"
        return None

    def usage_record(self, anc: tuple[cst.CSTNode, ...], i: int) -> bool:
        """Whether the dict display `anc[i]` keyed by model is usage the program counts, not a
        table of per-model settings: every value is a counter (zero, or computed: never a
        number set by hand), alone or in a dict of them, and a name says it holds usage
        (`sdk.USAGE_NAME_WORDS`): what it is bound to, stored under or returned from, or a
        key of its records (`{"gpt-4o": {"n_used_tokens": 0}}`)."""
        display = anc[i]
        if not isinstance(display, cst.Dict) or not display.elements:
            return False
        names: list[str | None] = []
        for element in display.elements:
            if not isinstance(element, cst.DictElement) or not _counter(element.value):
                return False
            if isinstance(element.value, cst.Dict):
                names += [
                    string_value(e.key)
                    for e in element.value.elements
                    if isinstance(e, cst.DictElement)
                ]
        holder = anc[i - 1] if i >= 1 else None
        if isinstance(holder, (cst.Assign, cst.AnnAssign)) and holder.value is display:
            targets = (
                [t.target for t in holder.targets]
                if isinstance(holder, cst.Assign)
                else [holder.target]
            )
            for target in targets:
                if isinstance(target, cst.Subscript):
                    names.append(_subscript_key(target))
                names.append(last_name(target))
                if isinstance(target, cst.Name):
                    names += self.stored_as(target)
        elif isinstance(holder, cst.DictElement) and holder.value is display:
            names.append(string_value(holder.key))
        elif isinstance(holder, cst.Arg) and i >= 2 and isinstance(call := anc[i - 2], cst.Call):
            names += _given_as(call, holder)
        elif isinstance(holder, cst.Return):
            function = next((a for a in reversed(anc[:i]) if isinstance(a, cst.FunctionDef)), None)
            names.append(function.name.value if function is not None else None)
        return any(name and not sdk.USAGE_NAME_WORDS.isdisjoint(_words(name)[1]) for name in names)

    def stored_as(self, target: cst.Name) -> list[str | None]:
        """What the name `target` binds is given to calls as: the keyword, or the key string
        before it (`db.put(user, "n_used_tokens", target)`)."""
        found: list[str | None] = []
        for binding in self.ctx.bindings(target):
            if _bound_node(binding) is None:
                continue
            for access in getattr(binding, "references", ()):
                arg = self.parent_of(access.node)
                call = self.parent_of(arg) if isinstance(arg, cst.Arg) else None
                if (
                    isinstance(arg, cst.Arg)
                    and isinstance(call, cst.Call)
                    and arg.value is access.node
                ):
                    found += _given_as(call, arg)
        return found

    def counter_update(self, anc: tuple[cst.CSTNode, ...], i: int) -> bool:
        """Whether the subscript `anc[i]` (`usage["gpt-4o"]`, maybe read further:
        `usage["gpt-4o"]["n_input_tokens"]`) is the target of `+=` and the like: a count the
        program keeps by model, not a lookup in a table of settings."""
        node = anc[i]
        while i >= 1 and isinstance(outer := anc[i - 1], cst.Subscript) and outer.value is node:
            node, i = outer, i - 1
        return i >= 1 and isinstance(update := anc[i - 1], cst.AugAssign) and update.target is node

    def model_table(self, anc: tuple[cst.CSTNode, ...], i: int) -> str | None:
        """The name of the table of models that the dict display `anc[i]` is, or is an entry
        value of (`MODELS = {"fast": "gpt-4o-mini"}`, `MODEL_CONFIG = {Llm.A: {"api_name":
        "gpt-5.5"}}`): a name bound to it alone that says it holds models, not a tokenizer's."""
        display = anc[i]
        if not isinstance(display, cst.Dict):
            return None
        if i >= 2 and isinstance(entry := anc[i - 1], cst.DictElement) and entry.value is display:
            if not isinstance(anc[i - 2], cst.Dict):
                return None
            display = anc[i - 2]
        holder = holder_of(self.ctx, display)
        name = last_name(holder) if isinstance(holder, (cst.Name, cst.Attribute)) else None
        if name is None or tokenizer_like(name) or not _models_class(name):
            return None
        return name

    def spread_into(self, anc: tuple[cst.CSTNode, ...], i: int) -> cst.Call | None:
        """The litellm or DSPy call the dict display `anc[i]` is spread into with `**`, itself
        or through the name it is bound to: a model there that ML640 does not own (one chosen
        at run time, `model or "gpt-4o"`) is that library's, not a setting apply may map."""
        display = anc[i]
        if not isinstance(display, cst.Dict):
            return None
        holders: list[cst.CSTNode | None] = []
        if i >= 1 and isinstance(anc[i - 1], cst.Arg):
            holders.append(anc[i - 1])
        elif i >= 1 and isinstance(assign := anc[i - 1], cst.Assign) and assign.value is display:
            for target in assign.targets:
                if isinstance(target.target, cst.Name):
                    for binding in self.ctx.bindings(target.target):
                        holders += [self.parent_of(r.node) for r in binding.references]
        for holder in holders:
            if isinstance(holder, cst.Arg) and holder.star == "**":
                call = self.parent_of(holder)
                if isinstance(call, cst.Call) and model_call(self.ctx, call) is not None:
                    return call
        return None

    def spread_litellm_model(self, call: cst.Call, key: str) -> bool:
        """Whether the dict display spread into `call` (`spread_into`) gives a litellm call
        its model as `key`, the call writing none of its own: its fallback is then the
        program's default model, a setting as the fallback of `model=` written on the call is
        (`model_site`)."""
        found = model_call(self.ctx, call)
        return (
            found is not None
            and found.shown.startswith("litellm.")
            and key == found.model_keyword
            and found.model is None
        )

    def library_argument(self, anc: tuple[cst.CSTNode, ...], i: int) -> tuple[cst.Call, str] | None:
        """The call and keyword the dict display `anc[i]` is given as, itself, where the call
        builds an object of a class imported from another package that migrate-llm does not
        follow (`DeepEvalEvaluator(metric_params={"model": ...})`, `Cls.from_config(
        settings={...})`): not the OpenAI SDK, a framework with rules of its own, the standard
        library, an HTTP library or a relative import. The library builds its own client, so a
        model there is its, as `model=` of such a call is (ML206). Not a function's
        (`wandb.init(config={...})`: a record, more often than a request), nor a dict given
        by position (`EasyDict({...})`, `Box({...})`: a container the program reads back)."""
        display = anc[i]
        if not (
            isinstance(display, cst.Dict) and i >= 2 and isinstance(arg := anc[i - 1], cst.Arg)
        ):
            return None
        call = anc[i - 2]
        if arg.value is not display or arg.keyword is None or not isinstance(call, cst.Call):
            return None
        if not _builds(call.func):
            return None
        names = self.ctx.qualnames(call.func)
        if not names or self.ctx.sdk_call(call) is not None:
            return None
        for name in names:
            root = name.split(".", 1)[0]
            if not root or root in _FOLLOWED:
                return None
        return call, arg.keyword.value

    def named_apart(self, test: cst.CSTNode) -> set[str]:
        """The target's own models the module names (`provider_named`) outside the boolean
        expression that holds the check `test` (`m == "gpt-4" or m == "deepseek-v4-pro"` was
        fixed by hand) and outside docstrings."""
        ctx = self.ctx
        holder = test
        joins = (cst.BooleanOperation, cst.UnaryOperation)
        while isinstance(parent := self.parent_of(holder), joins):
            holder = parent
        return {
            value
            for node, value in self.provider_named
            if not _inside(ctx, node, holder) and not isinstance(self.parent_of(node), cst.Expr)
        }

    def beside_label(self, anc: tuple[cst.CSTNode, ...], at: int) -> tuple[str, str] | None:
        """A program's own label (`registry.label_words`: `gpt-4-with-ocr`) that the
        comparison `anc[at]` (an `==` or `!=` of one operand with a string) stands beside,
        with where: "test" when the `or` / `and` chain holding it also compares that operand
        with the label (self-operating-computer's `mode == "gpt-4" or mode ==
        "gpt-4-with-ocr"` tests a mode, and "gpt-4" there is one of its labels too),
        "function" when another comparison of the function it is in does (its `if mode ==
        "gpt-4": ...` then `if mode == "gpt-4-with-ocr": ...`), "module" at module level."""
        tested = _equality_operand(anc[at])
        if tested is None:
            return None
        code = self.ctx.code(tested)
        chain: cst.CSTNode | None = None
        while at >= 1 and isinstance(anc[at - 1], cst.BooleanOperation):
            chain = anc[at - 1]
            at -= 1
        if chain is not None:
            stack: list[cst.CSTNode] = [chain]
            while stack:
                node = stack.pop()
                if isinstance(node, cst.BooleanOperation):
                    stack += [node.right, node.left]
                    continue
                label = self._label_compared(node, code)
                if label is not None:
                    return label, "test"
        function = next((a for a in reversed(anc[:at]) if isinstance(a, cst.FunctionDef)), None)
        root = function if function is not None else anc[0]
        start = self.ctx.index_of(root)
        for node in self.ctx.nodes[start : self.ctx.ends[start]]:
            if type(node) is cst.Comparison and (label := self._label_compared(node, code)):
                return label, "function" if function is not None else "module"
        return None

    def _label_compared(self, node: cst.CSTNode, code: str) -> str | None:
        """The program's own label `node` compares the operand written `code` with, if any."""
        other = _equality_operand(node)
        if other is None or self.ctx.code(other) != code:
            return None
        assert isinstance(node, cst.Comparison)
        value = string_value(node.comparisons[0].comparator)
        return value if value is not None and self.ctx.rules.openai.label_words(value) else None

    def parent_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        anc = self.ctx.ancestors(node)
        return anc[-1] if anc else None

    def assigned(
        self,
        parent: cst.Assign | cst.AnnAssign,
        anc: tuple[cst.CSTNode, ...],
        i: int,
        model: str,
        env: bool = False,
    ) -> Place | None:
        target = parent.targets[0].target if isinstance(parent, cst.Assign) else parent.target
        held = _subscript_key(target) if isinstance(target, cst.Subscript) else last_name(target)
        if tokenizer_like(held):
            return None
        if isinstance(target, cst.Subscript):
            key = _subscript_key(target)
            unmoved = (
                unmoved_holder(self.ctx, parent)
                if key is not None and model_like(key) and isinstance(parent, cst.Assign)
                else None
            )
            if unmoved is not None and key is not None:
                # `cfg["model"] = "gpt-4o"`, `cfg` given to an unknown library's settings
                # call with OpenAI's key read and no base URL, as for a display (`place`)
                return Place("foreign", callee_label(self.ctx, unmoved), key, True)
            if key is not None and model_like(key):
                return _setting(f"entry {key!r}", True)
            return _check("other", "stored under a key")
        if isinstance(target, cst.Attribute):
            return _setting(f"attribute {self.ctx.code(target)}", model_like(target.attr.value))
        if not isinstance(target, cst.Name):
            return _check("other", "in an unpacking assignment")
        name = target.value
        used = self.prefix_use(target)
        if used is not None:
            return _check(
                "prefix",
                f"constant {name} = {model!r} (used as a prefix on {self.ctx.line_label(used)})",
            )
        named = model_like(name)
        scope = next((a for a in reversed(anc[:i]) if isinstance(a, _SCOPES)), None)
        if isinstance(scope, cst.ClassDef) and not env and self.class_kind(scope) != "enum":
            counted = self.field_count(scope, name)
            if counted is not None:  # `model: str = "gpt-4o"` only tiktoken reads
                return self.counter(f"attribute {scope.name.value}.{name}", counted)
        if isinstance(scope, cst.ClassDef):
            # a short name (`SMART = "o3"`) is a model in a class named for models, or where
            # the module sends it as `model=`
            sent = self.sent_members.get((id(scope), name))
            named = named or _models_class(scope.name.value) or sent is not None
            kind = self.class_kind(scope)
            if kind == "enum":
                if env:  # the model the member stands for (camel's `ModelType.DEFAULT`)
                    return self.enum_setting(scope, name, named)
                self.classes[id(scope)] = scope
                place = _check("collection", f"the enum {scope.name.value}", id(scope))
                return replace(place, named=named)
            where = f"attribute {scope.name.value}.{name}"
            detail = self.sent_detail(sent)
            if kind == "unknown" and isinstance(parent, cst.Assign) and not env:
                # a member, if the class is an enum (an annotated field is not)
                self.classes[id(scope)] = scope
                return Place("setting", where, detail, named=named, group=id(scope))
            return _setting(where, named, detail)
        if scope is None:
            requests = self.foreign_requests(target)
            if requests is not None:  # it goes to Portkey (ML009), Groq... with their requests
                return self.gateway_place(requests)
            if read_only_elsewhere(self.ctx, target):
                return None  # `super().__init__(api_base=AGGREGATOR_URL, model=MODEL)`
            return _setting(f"constant {name}", named)
        if isinstance(scope, cst.FunctionDef) and not env:
            counted = self.variable_count(target, parent.value)
            if counted is not None:  # `model = "gpt-4o"` only tiktoken reads
                return self.counter(f"variable {name}", counted)
        return _setting(f"variable {name}", named)

    def class_kind(self, node: cst.ClassDef, seen: frozenset[object] = frozenset()) -> str:
        """ "enum" for a class with a base named `*Enum` or an enum of the module (through its
        bases: `ModelName(str, Enum)`, then `ChatModel(ModelName)`); "plain" where every base
        is known not to be one (a builtin, `sdk.NON_ENUM_BASES`, a plain class of the module);
        else "unknown" (a base from another module may be an enum)."""
        kind = self.kinds.get(id(node))
        if kind is None:
            kinds = {self.base_kind(b.value, seen | {id(node)}) for b in node.bases}
            kind = next((k for k in ("enum", "unknown") if k in kinds), "plain")
            self.kinds[id(node)] = kind
        return kind

    def base_kind(self, base: cst.BaseExpression, seen: frozenset[object]) -> str:
        if isinstance(base, cst.Subscript):  # `Generic[T]`
            base = base.value
        if str(last_name(base)).endswith("Enum"):
            return "enum"
        if self.ctx.qualnames(base) & sdk.NON_ENUM_BASES:
            return "plain"
        if isinstance(base, cst.Name):
            bound = self.ctx.bindings(base)
            if bound and all(isinstance(b, BuiltinAssignment) for b in bound):
                return "plain"
            node = _bound_node(bound[0]) if len(bound) == 1 else None
            if isinstance(node, cst.ClassDef) and id(node) not in seen:
                return self.class_kind(node, seen)
        return "unknown"

    def unresolved_base(self, node: cst.ClassDef, seen: frozenset[object] = frozenset()) -> str:
        """The code of the first base of `node` (or of a class of the module it derives from)
        that makes it "unknown" to `class_kind`."""
        for b in node.bases:
            base = b.value.value if isinstance(b.value, cst.Subscript) else b.value
            if self.base_kind(base, seen | {id(node)}) != "unknown":
                continue
            bound = self.ctx.bindings(base) if isinstance(base, cst.Name) else []
            owner = _bound_node(bound[0]) if len(bound) == 1 else None
            if isinstance(owner, cst.ClassDef) and id(owner) not in seen | {id(node)}:
                return self.unresolved_base(owner, seen | {id(node)})
            return self.ctx.code(base)
        return "a base"

    def token_count(self, param: cst.Param) -> cst.Call | None:
        """The tokenizer lookup (`tiktoken.encoding_for_model(model)`, or a framework's:
        `tokenizer_calls`) of a token counter whose default `param` holds: every use of
        `param` is the model of such a lookup, a test of it against model names (`model ==
        "gpt-3.5-turbo"`, `model.startswith(...)`, one that only picks a tokenizer too, `if
        model:`), a placeholder of an f-string (a log or error message), or passed on where
        it is only such a use (`_passed_on`), and one is a lookup. No request sends that
        default, and tiktoken knows it as it is (a provider's model is a KeyError there).
        None for any other parameter."""
        found = self._param_counts(param, frozenset())
        return found[1] if found[0] else None

    def counting(self, model: cst.BaseExpression) -> tuple[bool, bool]:
        """For the model a tokenizer lookup is given, a parameter or `self.X` of a class: (whether
        it is read only to count tokens, as `token_count` reads a parameter: a setting of
        the counter, which a fixed encoding would leave unread; whether a read names a Hugging
        Face tokenizer's repository too, `AutoTokenizer.from_pretrained(self.model_name)`:
        nano-graphrag's `TokenizerWrapper`, whose callers pass a tokenizer's name, which apply
        leaves). (False, False) for anything else."""
        found: tuple[bool, cst.Call | None] = (False, None)
        self.named_loads = 0
        if isinstance(model, cst.Attribute) and self_attribute(model):
            owner = TokenizerFlow.of(self.ctx).class_of(model)
            if owner is not None:
                found = self._attribute_counts(owner, model.attr.value, frozenset())
        elif isinstance(model, cst.Name):
            bound = self.ctx.bindings(model)
            param = getattr(bound[0], "node", None) if len(bound) == 1 else None
            if isinstance(param, cst.Param):
                found = self._param_counts(param, frozenset())
        return found[0], found[0] and self.named_loads > 0

    def variable_count(self, target: cst.Name, value: cst.BaseExpression | None) -> cst.Call | None:
        """The tokenizer lookup of a token counter whose variable `target` of a function
        (here given `value`) holds its model: every read of it, whichever binding it reads,
        is a use `token_count` allows. No caller gives it another value; mapped, the lookup
        raised KeyError, and given the OpenAI model instead (ML207), the variable would be
        read nowhere."""
        if not mentions_tokenizer(self.ctx):
            return None
        bound = self.ctx.bindings(target)
        if not bound or not all(isinstance(b, Assignment) for b in bound):
            return None
        reads: dict[int, cst.CSTNode] = {id(a.node): a.node for b in bound for a in b.references}
        uses = list(reads.values())
        tests = [t.node for t in branch_tests(self.ctx) if t.holder is value]
        found = self._uses_count(uses, tests, frozenset({id(target)}))
        return found[1] if found[0] else None

    def field_count(self, owner: cst.ClassDef, name: str) -> cst.Call | None:
        """The tokenizer lookup of a token counter whose class attribute or field `name` of
        `owner` (a dataclass, attrs or pydantic field default) holds its model: it is read
        only as `self.<name>` in `owner`'s methods, each read one `token_count` allows
        (LightRAG's `tiktoken_model_name`, read by `encoding_for_model()` alone)."""
        found = self._attribute_counts(owner, name, frozenset())
        return found[1] if found[0] else None

    def _param_counts(
        self, param: cst.Param, seen: frozenset[object]
    ) -> tuple[bool, cst.Call | None]:
        uses = [a.node for b in self.ctx.bindings(param.name) for a in getattr(b, "references", ())]
        tests = [t.node for t in branch_tests(self.ctx) if t.holder is param]
        return self._uses_count(uses, tests, seen | {id(param)})

    def _uses_count(
        self, uses: list[cst.CSTNode], tests: list[cst.CSTNode], seen: frozenset[object]
    ) -> tuple[bool, cst.Call | None]:
        """(whether every one of `uses` only counts tokens: see `token_count`, the first
        lookup one reaches); (False, None) at the first use that may do anything else."""
        first: cst.Call | None = None
        for node in uses:
            lookup = self._tokenizer_lookup(node)
            if lookup is None and self._named_load(node):
                self.named_loads += 1
                continue
            if lookup is None and (self._shown(node) or self._tested(node, tests)):
                continue
            ok, lookup = (True, lookup) if lookup is not None else self._passed_on(node, seen)
            if not ok:
                return False, None
            first = first or lookup
        return True, first

    def _passed_on(
        self, node: cst.CSTNode, seen: frozenset[object]
    ) -> tuple[bool, cst.Call | None]:
        """Where a use hands the value on: an argument of the module's own function or class
        (`super().__init__(model_name=model_name)` too: `parameter_for`), stored in
        `self.X` of the method's class, or a piece of it bound to a variable of the function
        (`_piece_bound`); followed there (`_uses_count`)."""
        bound = self._piece_bound(node)
        if bound is not None:
            return self._variable_counts(bound, seen)
        parent = self.parent_of(node)
        if isinstance(parent, cst.Arg) and parent.value is node:
            call = self.parent_of(parent)
            found = None
            if isinstance(call, cst.Call):
                found = parameter_for(self.ctx, call, parent, through_super=True)
            if found is None:
                return False, None
            if id(found[1]) in seen:
                return True, None
            return self._param_counts(found[1], seen)
        target = None
        if isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1:
            target = parent.targets[0].target
        elif isinstance(parent, cst.AnnAssign) and parent.value is node:
            target = parent.target
        if not isinstance(target, cst.Attribute) or not self_attribute(target):
            return False, None
        owner = TokenizerFlow.of(self.ctx).class_of(target)
        if owner is None:
            return False, None
        return self._attribute_counts(owner, target.attr.value, seen)

    def _piece_bound(self, node: cst.CSTNode) -> cst.Name | None:
        """The variable of a function that a piece of `node` is bound to (`model =
        model.split("/")[-1]`, OpenInterpreter's count_tokens dropping litellm's route
        prefix: `sdk.MODEL_PIECE_METHODS`, `sdk.MODEL_ID_METHODS`, an index of what they
        give), else None."""
        expr = node
        while True:
            parent = self.parent_of(expr)
            call = self.parent_of(parent) if isinstance(parent, cst.Attribute) else None
            if (
                isinstance(parent, cst.Attribute)
                and parent.value is expr
                and parent.attr.value in sdk.MODEL_PIECE_METHODS | sdk.MODEL_ID_METHODS.keys()
                and isinstance(call, cst.Call)
                and call.func is parent
            ):
                expr = call
            elif isinstance(parent, cst.Subscript) and parent.value is expr:
                expr = parent
            else:
                break
        if expr is node or not isinstance(parent, cst.Assign) or parent.value is not expr:
            return None
        target = parent.targets[0].target if len(parent.targets) == 1 else None
        inside = any(isinstance(a, cst.FunctionDef) for a in self.ctx.ancestors(parent))
        return target if isinstance(target, cst.Name) and inside else None

    def _variable_counts(
        self, target: cst.Name, seen: frozenset[object]
    ) -> tuple[bool, cst.Call | None]:
        """`_uses_count` of every read of the variable `target` (whichever binding it
        reads); (False, None) where one of its bindings is not an assignment."""
        if id(target) in seen:
            return True, None
        bound = self.ctx.bindings(target)
        if not bound or not all(isinstance(b, Assignment) for b in bound):
            return False, None
        reads: dict[int, cst.CSTNode] = {id(a.node): a.node for b in bound for a in b.references}
        return self._uses_count(list(reads.values()), [], seen | {id(target)})

    def _attribute_counts(
        self, owner: cst.ClassDef, name: str, seen: frozenset[object]
    ) -> tuple[bool, cst.Call | None]:
        """`_uses_count` of the reads of `self.<name>` in `owner`'s methods; (False, None)
        where the module names the attribute anywhere else (`tok.model`, another class)."""
        flow = TokenizerFlow.of(self.ctx)
        key = (id(owner), name)
        if key in seen:
            return True, None
        reads: list[cst.CSTNode] = []
        for attr in flow.attributes().get(name, ()):
            if not self_attribute(attr) or flow.class_of(attr) is not owner:
                return False, None
            parent = self.parent_of(attr)
            if isinstance(parent, (cst.AugAssign, cst.Del)):
                return False, None
            if not isinstance(parent, cst.AssignTarget) and not (
                isinstance(parent, cst.AnnAssign) and parent.target is attr
            ):
                reads.append(attr)
        return self._uses_count(reads, [], seen | {key})

    def _tokenizer_lookup(self, node: cst.CSTNode) -> cst.Call | None:
        given = self._argument_of(node)
        if given is not None and tokenizer_argument(self.ctx, *given):
            return given[0]
        return None

    def _named_load(self, node: cst.CSTNode) -> bool:
        """Whether `node` names the repository of a Hugging Face tokenizer
        (`AutoTokenizer.from_pretrained(model_name)`, `named_tokenizer_argument`): it only
        sets how tokens are counted, in a branch beside tiktoken's lookup."""
        given = self._argument_of(node)
        return given is not None and named_tokenizer_argument(self.ctx, *given)

    def _argument_of(self, node: cst.CSTNode) -> tuple[cst.Call, cst.Arg] | None:
        """The call and its argument whose value `node` is; None where its parent is no argument."""
        parents = self.ctx.ancestors(node)
        if len(parents) < 2 or not isinstance(arg := parents[-1], cst.Arg):
            return None
        call = parents[-2]
        return (call, arg) if isinstance(call, cst.Call) else None

    def _shown(self, node: cst.CSTNode) -> bool:
        """Whether `node` is only shown to people: a placeholder of an f-string, the value of
        `"..." % x` (or of a tuple there), an argument of `.format()`, of `print()`, of a
        log call (`logger.info("counting for %s", model)`) or of an exception raised
        (`raise NotImplementedError(model)`)."""
        parent = self.parent_of(node)
        if isinstance(parent, cst.FormattedStringExpression):
            return parent.expression is node
        if isinstance(parent, cst.Element) and isinstance(
            items := self.parent_of(parent), cst.Tuple
        ):
            node, parent = items, self.parent_of(items)
        if isinstance(parent, cst.BinaryOperation):
            return (
                parent.right is node
                and isinstance(parent.operator, cst.Modulo)
                and isinstance(parent.left, cst.BaseString)
            )
        if not isinstance(parent, cst.Arg) or parent.star:
            return False
        call = self.parent_of(parent)
        if not isinstance(call, cst.Call):
            return False
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == "format":
            return True
        raised = self.parent_of(call)  # `raise NotImplementedError(model)`
        return (isinstance(raised, cst.Raise) and raised.exc is call) or self.message(call)

    def message(self, call: cst.Call) -> bool:
        """Whether `call` shows a message to people: `print()`, `warnings.warn()`, a log call
        (`sdk.MESSAGE_FUNCTIONS`, `sdk.MESSAGE_METHODS`)."""
        func = call.func
        if isinstance(func, cst.Attribute):
            return func.attr.value in sdk.MESSAGE_METHODS
        if isinstance(func, cst.Name) and func.value in sdk.MESSAGE_FUNCTIONS:
            return True
        return bool(self.ctx.qualnames(func) & sdk.MESSAGE_FUNCTIONS)

    def _tested(self, node: cst.CSTNode, tests: list[cst.CSTNode]) -> bool:
        """Whether `node` is in one of `tests`, is the whole test of an `if`, `while` or
        `X if T else Y` (`if model:`, `if not model:`), or compared there with a string
        written beside it (`if "/" in model:`, where the name is bound again and so not in
        `branch_tests`; or with a set, list or tuple of strings, `model in {"gpt-4-0613",
        ...}`; the name's `.lower()` too; also one of an `and`/`or` chain there, `if "gpt4"
        in model or "gpt-4" in model:`, vocode's token counter), or in a test that only
        picks a tokenizer (which `branch_tests` leaves out:
        `tokenizer_branches.tokenizer_pick`)."""
        if any(_inside(self.ctx, node, test) for test in tests):
            return True
        parent = self.parent_of(node)
        call = self.parent_of(parent) if isinstance(parent, cst.Attribute) else None
        if (  # `"llama" in model.lower()`
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and parent.attr.value in sdk.MODEL_ID_METHODS
            and isinstance(call, cst.Call)
            and call.func is parent
            and not call.args
        ):
            node, parent = call, self.parent_of(call)
        if isinstance(parent, cst.ComparisonTarget) and parent.comparator is node:
            node, parent = parent, self.parent_of(parent)
        if (
            isinstance(parent, cst.Comparison)
            and len(parent.comparisons) == 1
            and (node is parent.left or node is parent.comparisons[0])
            and any(_strings(side) for side in (parent.left, parent.comparisons[0].comparator))
        ):
            node, parent = parent, self.parent_of(parent)
        while isinstance(parent, cst.BooleanOperation):  # `"gpt4" in m or "gpt-4" in m`
            node, parent = parent, self.parent_of(parent)
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            node, parent = parent, self.parent_of(parent)
        if isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is node:
            return True
        test = enclosing_test(self.ctx, node) if mentions_pick(self.ctx) else None
        return test is not None and tokenizer_pick(self.ctx, test) is not None

    def enum_setting(self, enum: cst.ClassDef, name: str, named: bool) -> Place:
        """An enum member set from an environment lookup, with the line sending it as
        `model=` where the module does."""
        detail = self.sent_detail(self.sent_members.get((id(enum), name)))
        return _setting(f"enum member {enum.name.value}.{name}", named, detail)

    def sent_detail(self, line: int | None) -> str:
        """`(sent as model= on line 7)` for a setting the module sends, else ""."""
        return f"(sent as model= on {self.ctx.line_label(line)})" if line is not None else ""

    def member_request(self, owner: cst.ClassDef, names: list[str]) -> tuple[str, int, str] | None:
        """(member, line, parameter) for the first of the members `names` of `owner` that
        the module sends as `model=`: itself (`Cls.MEMBER.value`, parameter ""), or as the
        default of a parameter that reaches `model=` (`model=param.value`, or through
        `self.x = param` and `model=self.x.value`). Asked for a reported class only."""
        for name in names:
            line = self.sent_members.get((id(owner), name))
            if line is not None:
                return name, line, ""
        for param, name in self.member_defaults(owner):
            line = self.param_request(param) if name in names else None
            if line is not None:
                return name, line, param.name.value
        return None

    def member_defaults(self, owner: cst.ClassDef) -> list[tuple[cst.Param, str]]:
        """The parameters whose default is a member of `owner` (`model=EmbModel.SMALL`)."""
        found = []
        for binding in self.ctx.bindings(owner.name):
            if _bound_node(binding) is not owner:
                continue
            for access in binding.references:
                anc = self.ctx.ancestors(access.node)
                if (
                    len(anc) >= 2
                    and isinstance(member := anc[-1], cst.Attribute)
                    and member.value is access.node
                    and isinstance(param := anc[-2], cst.Param)
                    and param.default is member
                ):
                    found.append((param, member.attr.value))
        return found

    def param_request(self, param: cst.Param) -> int | None:
        """The line of the SDK call `param` reaches as `model=`, itself or through the
        attribute `self.x = param` a method of its class sends."""
        line = self.reaching.get(id(param))
        if line is not None:
            return line
        for binding in self.ctx.bindings(param.name):
            if _bound_node(binding) is not param:
                continue
            for access in getattr(binding, "references", ()):
                anc = self.ctx.ancestors(access.node)
                stored = anc[-1] if anc else None
                if not (
                    isinstance(stored, cst.Assign)
                    and stored.value is access.node
                    and len(stored.targets) == 1
                    and self_attribute(target := stored.targets[0].target)
                ):
                    continue
                assert isinstance(target, cst.Attribute)
                owner = next((a for a in reversed(anc) if isinstance(a, cst.ClassDef)), None)
                line = self.sent_members.get((id(owner), target.attr.value))
                if line is not None:
                    return line
        return None

    def foreign_requests(
        self, target: cst.Name, through_default: bool = True
    ) -> list[cst.Call] | None:
        """The requests through a client of a gateway's own SDK or of another service's
        (`PythonContext.through_foreign_client`: Portkey's, Groq's), which apply does not
        move, that the name `target` binds is sent to as `model=`, directly, as the default
        of a parameter sent only so (`def ask(q, model=MODEL)`) or through `self.X` sent only
        so (`foreign_member`); read otherwise only to build text (`"on " + SMALL_MODEL`, an
        f-string: gpt-prompt-engineer's XL_to_XS notebook prints it). None where it is read
        another way, or sent nowhere."""
        sent: list[cst.Call] = []
        for assignment in self.ctx.bindings(target):
            for access in getattr(assignment, "references", ()):
                read = access.node
                anc = self.ctx.ancestors(read)
                # `model or DEFAULT_MODEL`: the value the `or` gives is what goes on
                while len(anc) > 2 and _or_operand(anc[-1], read):
                    read, anc = anc[-1], anc[:-1]
                if len(anc) < 2:
                    return None
                parent, call = anc[-1], anc[-2]
                if isinstance(parent, (cst.BinaryOperation, cst.FormattedStringExpression)):
                    continue
                if isinstance(parent, cst.Param) and parent.default is read and through_default:
                    found = self.foreign_requests(parent.name, through_default=False)
                elif isinstance(parent, cst.Assign) and parent.value is read:
                    found = self.foreign_member(parent)
                else:
                    request = self.foreign_request(read, parent, call)
                    found = [request] if request is not None else None
                if not found:
                    return None
                sent += found
        return sent or None

    def foreign_request(
        self, read: cst.CSTNode, parent: cst.CSTNode, call: cst.CSTNode
    ) -> cst.Call | None:
        """`call` where `read` (its parent `parent` in `call`) is its `model=` and it is an
        SDK-shaped request through a client of a gateway's or another service's SDK
        (`through_foreign_client`), or any method of another service's client (Anthropic's
        `client.messages.create(model=MODEL)`); else None."""
        if (
            isinstance(parent, cst.Arg)
            and parent.value is read
            and parent.keyword is not None
            and parent.keyword.value == "model"
            and isinstance(call, cst.Call)
            and (
                self.ctx.through_foreign_client(call)
                or self.ctx.through_other_sdk_client(call, any_method=True)
                # another service or a server of its own (not Azure: a deployment, left
                # with the model, `kept_client`)
                or (self.ctx.through_elsewhere_client(call) and kept_client(self.ctx, call) is None)
            )
        ):
            return call
        return None

    def foreign_member(self, assign: cst.Assign) -> list[cst.Call] | None:
        """For `self.X = ...` (`assign`) in a class of the module that reads `self.X` only as
        `model=` of requests through a client of a gateway's or another service's SDK
        (`foreign_request`: `self.model = model`, then `self.client.chat.completions.create(
        model=self.model)` with `self.client = Groq()`), those requests; else None."""
        target = assign.targets[0].target if len(assign.targets) == 1 else None
        if target is None or not self_attribute(target):
            return None
        assert isinstance(target, cst.Attribute)
        owner = next(
            (a for a in reversed(self.ctx.ancestors(assign)) if isinstance(a, cst.ClassDef)), None
        )
        if owner is None:
            return None
        name, sent = target.attr.value, []
        start = self.ctx.index_of(owner)
        for node in self.ctx.nodes[start : self.ctx.ends[start]]:
            if not (type(node) is cst.Attribute and self_attribute(node)):
                continue
            if node.attr.value != name or node is target:
                continue
            anc = self.ctx.ancestors(node)
            request = self.foreign_request(node, anc[-1], anc[-2])
            if request is None:
                return None  # read another way, or assigned again
            sent.append(request)
        return sent or None

    def gateway_config(self, anc: tuple[cst.CSTNode, ...], at: int) -> bool:
        """Whether the display `anc[at]` is, or is nested in, an argument of a gateway's own
        client construction (`Portkey(config={...})`), or in a display bound to a name that
        only such constructions read (`CONFIG = {...}`, `Portkey(config=CONFIG)`): the
        gateway passes what it holds on to the services it names, which apply does not move."""
        nested = (cst.DictElement, cst.Element, cst.Dict, cst.List, cst.Tuple)
        while at >= 1 and isinstance(anc[at - 1], nested):
            at -= 1
        outer, parent = anc[at], anc[at - 1] if at >= 1 else None
        holder = anc[at - 2] if at >= 2 else None
        if isinstance(parent, cst.Arg) and isinstance(holder, cst.Call):
            return gateway_client(self.ctx, holder) is not None
        if not (
            isinstance(parent, cst.Assign)
            and parent.value is outer
            and len(parent.targets) == 1
            and isinstance(target := parent.targets[0].target, cst.Name)
        ):
            return False
        read = False
        for assignment in self.ctx.bindings(target):
            for access in getattr(assignment, "references", ()):
                above = self.ctx.ancestors(access.node)[-2:]
                call = above[0] if len(above) == 2 else None
                if not (
                    isinstance(above[-1], cst.Arg)
                    and isinstance(call, cst.Call)
                    and gateway_client(self.ctx, call) is not None
                ):
                    return False
                read = True
        return read

    def gateway_place(self, requests: list[cst.Call]) -> Place | None:
        """For a value sent only by `requests` through clients apply does not move
        (`foreign_requests`): ML206's place where one goes through a gateway client pointed
        at the provider (`gateway_to_provider`: the OpenAI model reaches the provider), else
        None (the value is that service's)."""
        to_provider = next((r for r in requests if gateway_to_provider(self.ctx, r)), None)
        if to_provider is None:
            return None
        shown = callee_label(self.ctx, to_provider)
        return Place("foreign", shown, "model", True, request=to_provider)

    def prefix_use(self, target: cst.Name) -> int | None:
        """The line where a name bound to this value is used as a `.startswith()` prefix."""
        if not self.prefix_names:
            return None
        for assignment in self.ctx.bindings(target):
            for access in getattr(assignment, "references", ()):
                if id(access.node) in self.prefix_names:
                    return self.ctx.position(access.node)[0][0]
        return None

    def branch_tests(self, site: Site) -> list[BranchTest]:
        """The tests of the module on the name a setting binds (a module constant or a
        parameter, bound once): prefix tests, comparisons and membership tests
        (`model_branches`)."""
        return tests_on(self.ctx, site.node)

    def tested_targets(self) -> set[str]:
        """The provider's models a name tested against a list, tuple or set holds (`M =
        os.getenv("M", "acme-large")`, then `M in OLD`: a default `apply` mapped before).
        Collections must not gain them where the OpenAI model did not pass the test."""
        provider = self.ctx.rules.provider
        if provider is None:
            return set()
        ctx, found = self.ctx, set()
        for test in branch_tests(ctx):
            if not isinstance(test.widened, (cst.List, cst.Tuple, cst.Set)):
                continue
            start = ctx.index_of(test.holder)
            for node in ctx.nodes[start : ctx.ends[start]]:
                value = string_value(node) if type(node) is cst.SimpleString else None
                served = _served(self.ctx.rules, value) if value is not None else None
                if served is not None:  # also on litellm's route, as a first apply wrote it
                    found.add(served)
        return found

    def argument(
        self,
        call: cst.Call,
        arg: cst.Arg,
        anc: tuple[cst.CSTNode, ...],
        i: int,
        model: str,
        fallback: bool = False,
    ) -> Place | None:
        """The string (or env lookup, or a fallback holding it) is the argument `arg` of
        `call`, which is `anc[i]`."""
        ctx = self.ctx
        callee = last_name(call.func)
        if tokenizer_argument(ctx, call, arg):
            return None  # tiktoken's or a framework's tokenizer lookup (`tokenizer_calls`)
        if TokenizerFlow.of(ctx).literal_to_tokenizer(call, arg):
            return None  # `Tok("gpt-4o")` whose `self.model` only tiktoken reads: as above
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword == "model" and elsewhere_url(ctx, call):
            return None  # handed with another service's base URL: that service's model
        index = next((n for n, a in enumerate(call.args) if a is arg), 0)
        if callee in FAMILY_METHODS and isinstance(call.func, cst.Attribute):
            test = callee if callee in PREFIX_METHODS else "contains"
            return _family(f".{callee}({model!r})", test, call.func.value)
        method = isinstance(call.func, cst.Attribute)
        if callee in PATTERN_FUNCTIONS and index == 0 and keyword is None and len(call.args) > 1:
            kind = next((q for q in ctx.qualnames(call.func) if q in FAMILY_TESTS), None)
            if kind is not None:
                return _family(f"{kind}({model!r}, ...)", kind, call.args[1].value)
        if callee in sdk.OPTION_BUILDERS:
            position = sdk.OPTION_BUILDERS[callee]
            if keyword == "default" or (keyword is None and index == position):
                option = self.option_name(call, anc, i)
                param = self.decorated_param(call, anc, i, option)
                counted = self.token_count(param) if param is not None else None
                if counted is not None:  # gptme's `tokens count --model`: only tiktoken reads it
                    where = self.ctx.line_label(self.ctx.position(counted)[0][0])
                    shown = f"{self.ctx.code(counted.func)}()"
                    return Place(
                        "counter", f"default of option {option}", f"({shown} on {where} reads it)"
                    )
                return _setting(f"default of option {option}", model_like(option))
        if callee in sdk.FIELD_FACTORIES and (
            keyword == "default" or (keyword is None and index == 0 and callee == "Field")
        ):
            holder = anc[i - 1] if i >= 1 else None
            if isinstance(holder, (cst.Assign, cst.AnnAssign)):
                return self.class_field(holder, anc[: i - 1], self.field_owner(anc, i))
            return _setting(self.field_owner(anc, i), True)
        if tokenizer_like(keyword):
            return None
        lookup = callee in _LOOKUPS or bool(callee and GETTER.fullmatch(callee))
        if (
            lookup
            and index == 1
            and keyword is None
            and tokenizer_like(string_value(call.args[0].value))
        ):
            return None  # a settings getter's default for the token counter's model
        if lookup and method and index == 1 and keyword is None:
            key = string_value(call.args[0].value)
            if key is not None and model_like(key):
                return _setting(f"default of entry {key!r}", True)
        if isinstance(call.func, cst.Name) and call.func.value == "dict" and keyword:
            builtin = all(_bound_node(b) is None for b in ctx.bindings(call.func))
            if builtin and model_like(keyword):
                taker = openai_config_taker(ctx, call)
                if taker is not None:  # as for a dict display (`place`)
                    shown = callee_label(ctx, taker.call)
                    return Place("foreign", shown, _entry_label(taker, keyword), True)
                unmoved = unmoved_holder(ctx, arg.value)
                if unmoved is not None:  # an unknown library's settings, as for a display
                    return Place("foreign", callee_label(ctx, unmoved), keyword, True)
                return _setting(f"entry {keyword!r}", True)
        reached = self.reaches_model(call, arg)
        if reached is not None:
            function, where = reached
            name = keyword or f"{index + 1}"
            return _setting(
                f"argument {name} of {function}()", True, f"(sent as model= on {where})"
            )
        site = self.model_site(call, arg) if fallback else None
        if site is not None:
            return site
        shown = callee_label(ctx, call)
        if ctx.mentions("openai.types") and any(
            n.startswith(sdk.RESPONSE_TYPES) for n in ctx.qualnames(call.func)
        ):
            return None  # a response object the SDK returns, built by hand (a test's double)
        key = self.setting_key(call, index, keyword)
        if key is not None:
            return _setting(f"setting {key!r} of {shown}()", True)
        counter = parameter_for(ctx, call, arg)
        counted = self.token_count(counter[1]) if counter is not None else None
        if counted is not None:  # `num_tokens(text, model="gpt-4-0613")`: only tiktoken reads it
            where = self.ctx.line_label(self.ctx.position(counted)[0][0])
            name = keyword or f"{index + 1}"
            return Place(
                "counter",
                f"argument {name} of {callee_label(ctx, call)}()",
                f"({self.ctx.code(counted.func)}() on {where} reads it)",
            )
        if keyword is not None and model_like(keyword) and ctx.sdk_call(call) is None:
            if keyword == "model" and gateway_to_provider(ctx, call):
                return self.gateway_place([call])
            if ctx.through_elsewhere_client(call):
                return None  # the program's own server or another provider (ML003)
            factory = provider_factory(ctx, call) if keyword == "model" else None
            if factory is not None:  # its client is the provider's once applied: ML201's way
                target = ctx.rules.provider
                return _setting(
                    f"model= of {shown}()",
                    True,
                    f"(the client {factory.name}() of {factory.shown} returns goes to "
                    f"{target.name if target else 'the provider'} once applied)",
                )
            if project_call_in_test(ctx, call):
                return Place("check", "other", f"passed as {keyword}= to {shown}()", test_data=True)
            owner = module_class(ctx, call)
            if owner is not None and keyword in class_fields(owner):
                # the field's own default is a setting ML204 maps: so is a value given for it
                where = f"argument {keyword} of {owner.name.value}()"
                counted = self.field_count(owner, keyword)
                if counted is not None:
                    return self.counter(where, counted)
                return _setting(where, True)
            return Place("foreign", shown, keyword, True, request=call)
        passed = f"passed as {keyword}= to {shown}()" if keyword else f"passed to {shown}()"
        looked = looked_up_only(ctx, call, arg, model, self.message)
        test_data = project_call_in_test(ctx, call)
        if looked is not None:
            table = f"{looked.table} (line {looked.line})"
            if not looked.only:  # it may be sent as well: a key to change with the table's
                return Place("check", "other", passed, table=table, test_data=test_data)
            also = " and shows it in a message" if looked.shown else ""
            detail = f"{passed}, which only looks it up in {table}{also}"
            return Place("check", "label", detail, table=table)
        labelled = self.labels_only(call, arg)
        if labelled is not None:
            function, labels, printed, module = labelled
            compared = ", ".join(repr(v) for v in labels[:3])
            if len(labels) > 3:
                compared += f" and {len(labels) - 3} more"
            also = " and shows it in a message" if printed else ""
            where = f" (in {module})" if module else ""
            detail = f"{passed}{where}, which only compares it with {compared}{also}"
            return _check("label", detail)
        return Place("check", "other", passed, test_data=test_data)

    def setting_key(self, call: cst.Call, index: int, keyword: str | None) -> str | None:
        """The key naming a model setting that the value `call.args[index]` is given beside,
        as the argument before it (`db.set_user_attribute(uid, "current_model", "gpt-4o")`,
        `setattr(cfg, "model", ...)`, `redis.hset(k, "model", ...)`): the program stores the
        setting under that key, as `cfg["current_model"] = "gpt-4o"` does. Not in a message
        (`print`, a log call), nor a call to the OpenAI SDK."""
        if index < 1 or keyword not in (None, "value", "default"):
            return None
        before = call.args[index - 1]
        key = string_value(before.value)
        if before.star or key is None or not model_like(key):
            return None
        if self.message(call) or self.ctx.sdk_call(call) is not None:
            return None
        return key

    def pair_setting(self, node: cst.CSTNode) -> Place | None:
        """The model of a (label, model) pair of a table that the module only looks up by
        label to send the model as `model=` of OpenAI SDK requests (`model_reach.pair_table`):
        a setting, which ML204 maps. None elsewhere (ML205 names what is sent)."""
        ctx = self.ctx
        found = pair_table(ctx, node)
        if found is None or not found.only_sent:
            return None
        if any(ctx.sdk_call(call) is None for call in found.requests):
            return None
        line = ctx.line_label(ctx.position(found.requests[0])[0][0])
        return Place(
            "setting",
            f"model of entry {found.label!r} of {found.table}",
            f"(sent as model= on {line})",
            True,
            request=found.requests[0],
        )

    def row_model(self, node: cst.CSTNode) -> Place | None:
        """In a module importing pydantic-ai, a model string on the library's OpenAI prefix
        in a row of a table a loop unpacks, its column given as a call's model
        (`model_reach.row_column_taker`): a setting the library owns (ML671), not a list
        ML205 checks names against. None elsewhere."""
        library = self.prefixed
        value = string_value(node)
        if library is None or not self.prefixed_here or value is None:
            return None
        if not split_prefix(value, library)[0]:
            return None
        found = row_column_taker(self.ctx, node, functools.partial(self.takes_model, library))
        if found is None:
            return None
        table, call = found
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        return _setting(
            f"model of a row of {table}",
            True,
            f"(given as the model of {callee_label(self.ctx, call)}() on {line})",
        )

    def takes_model(self, library: PrefixedModels, call: cst.Call, arg: cst.Arg) -> bool:
        """Whether `arg` is the model `call` takes: `model=` (`agent.run(..., model=m)`), or
        the first argument of a class taking a model (`Agent(m)`)."""
        if arg.keyword is not None:
            return arg.keyword.value == "model"
        return (
            not arg.star
            and call.args[0] is arg
            and qualified(self.ctx, call.func, library.model_takers) is not None
        )

    def element(self, anc: tuple[cst.CSTNode, ...], i: int, model: str) -> Place:
        """A member of the list, tuple or set `anc[i]`."""
        kind = {cst.List: "list", cst.Tuple: "tuple", cst.Set: "set"}.get(type(anc[i]), "list")
        if (
            i >= 2
            and isinstance(arg := anc[i - 1], cst.Arg)
            and isinstance(call := anc[i - 2], cst.Call)
        ):
            callee = last_name(call.func)
            if callee in sdk.CHOICE_TYPES and i >= 4 and isinstance(outer := anc[i - 4], cst.Call):
                option = self.option_name(outer, anc, i - 4)
                return _setting(f"choice of option {option}", True)
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == "choices" and callee in sdk.OPTION_BUILDERS:
                return _setting(f"choice of option {self.option_name(call, anc, i - 2)}", True)
            if callee in PREFIX_METHODS:
                detail = f"{model!r} in .{callee}(...)"
                if isinstance(call.func, cst.Attribute):
                    return _family(detail, callee, call.func.value)
                return _check("prefix", detail)
        case = self.test_cases(anc)
        return Place(
            "check", "collection", f"a {kind}", group=id(anc[i]), container=anc[i], test_data=case
        )

    def test_cases(self, anc: tuple[cst.CSTNode, ...]) -> bool:
        """Whether a literal under `anc` is a case of a parametrized test
        (`test_code.parametrized_case`) whose function makes no OpenAI SDK request itself
        (one that does may send it: left to ML205's other findings)."""
        ctx = self.ctx
        decorator = parametrized_case(ctx, anc)
        if decorator is None:
            return False
        test = next(
            (a for a in reversed(ctx.ancestors(decorator)) if type(a) is cst.FunctionDef), None
        )
        if test is None:
            return False
        start = ctx.index_of(test)
        return not any(
            type(n) is cst.Call and ctx.sdk_call(n) is not None
            for n in ctx.nodes[start : ctx.ends[start]]
        )

    def option_name(self, call: cst.Call, anc: tuple[cst.CSTNode, ...], i: int) -> str:
        """`--model` (the first dashed name), else a positional name, else the parameter."""
        values = [string_value(a.value) for a in call.args if a.keyword is None]
        names = [n for n in values if n]
        dashed = [n for n in names if n.startswith("-")]
        long = [n for n in dashed if n.startswith("--")]
        if long or dashed:
            return (long or dashed)[0]
        if i >= 1 and isinstance(param := anc[i - 1], cst.Param):
            return param.name.value
        if names and last_name(call.func) in {"add_argument", "argument"}:
            return names[0]
        return "(unnamed)"

    def decorated_param(
        self, call: cst.Call, anc: tuple[cst.CSTNode, ...], i: int, option: str
    ) -> cst.Param | None:
        """The parameter a click or typer option decorating a function fills (`--max-model`
        fills `max_model`; a plain identifier among its names, `("-m", "--model", "mdl")`,
        names it); None where the call is no decorator."""
        at = next((n for n, a in enumerate(anc) if a is call), None)
        if at is None or at < 2:
            return None
        decorator, function = anc[at - 1], anc[at - 2]
        if not isinstance(decorator, cst.Decorator) or not isinstance(function, cst.FunctionDef):
            return None
        given = [string_value(a.value) for a in call.args if a.keyword is None]
        plain = [n for n in given if n and n.isidentifier()]
        name = plain[0] if plain else option.lstrip("-").replace("-", "_").lower()
        params = (*function.params.params, *function.params.kwonly_params)
        return next((p for p in params if p.name.value == name), None)

    def class_field(
        self, holder: cst.Assign | cst.AnnAssign, anc: tuple[cst.CSTNode, ...], where: str
    ) -> Place | None:
        """A field's default given to a field factory (`field(default="gpt-4o")`, the
        assignment `holder` in the class body ending `anc`): a token counter's model where
        only tiktoken reads it (`field_count`), left where a name says a tokenizer's, else a
        setting."""
        target = holder.targets[0].target if isinstance(holder, cst.Assign) else holder.target
        scope = next((a for a in reversed(anc) if isinstance(a, _SCOPES)), None)
        if isinstance(target, cst.Name) and isinstance(scope, cst.ClassDef):
            counted = self.field_count(scope, target.value)
            if counted is not None:
                return self.counter(where, counted)
        if tokenizer_like(last_name(target)):
            return None
        return _setting(where, True)

    def counter(self, where: str, counted: cst.Call) -> Place:
        """A token counter's model (`token_count`), `counted` the lookup that reads it."""
        line = self.ctx.line_label(self.ctx.position(counted)[0][0])
        return Place("counter", where, f"({self.ctx.code(counted.func)}() on {line} reads it)")

    def field_owner(self, anc: tuple[cst.CSTNode, ...], i: int) -> str:
        """`field Settings.model` for a field of a class body, else where the call stands."""
        parent = anc[i - 1] if i >= 1 else None
        if isinstance(parent, cst.Param):
            return f"default of {parent.name.value}"
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            target = parent.targets[0].target if isinstance(parent, cst.Assign) else parent.target
            scope = next((a for a in reversed(anc[:i]) if isinstance(a, _SCOPES)), None)
            if isinstance(target, cst.Name) and isinstance(scope, cst.ClassDef):
                return f"field {scope.name.value}.{target.value}"
            return f"field {self.ctx.code(target)}"
        return "field default"

    def reaches_model(self, call: cst.Call, arg: cst.Arg) -> tuple[str, str] | None:
        """(function, where) when `call` is to a function of this module whose parameter for
        `arg` (or entry of its `**kwargs`) reaches `model=` of an OpenAI SDK call, itself or
        handed on as it is through other functions of the module (`forwarding`): where is
        `line 7`, `line 7 through chatgpt()` (a class's `__init__`: named as the class)."""
        found = parameter_for(self.ctx, call, arg)
        if found is not None and id(found[1]) in self.reaching:
            function = found[0].name.value
            if function == "__init__":
                function = self.ctx.code(call.func)
            return function, self.ctx.line_label(self.reaching[id(found[1])])
        sent = Forwarding.of(self.ctx).sent_model(call, arg, self.reaching)
        return sent if sent is not None else self.imported_model(call, arg)

    def imported_model(self, call: cst.Call, arg: cst.Arg) -> tuple[str, str] | None:
        """(function, where) when `call` is to a function another module of the project
        defines that sends `arg` as the model of an SDK request (`imported_wrappers`):
        where is `line 21 of src/tot/models.py through chatgpt()`."""
        for given, param in imported_params(self.ctx, call):
            if given is arg and param.model:
                return param.function, f"{where_sent(param)}{through_text(param.through)}"
        return None

    def labels_only(self, call: cst.Call, arg: cst.Arg) -> tuple[str, list[str], bool, str] | None:
        """(function, labels, shown, module) when `call` is to a function of this module whose
        parameter for the argument is read only to compare it (`==`, `!=`, `in`, `not in`)
        with string literals, the `labels` (at least one such comparison), and to show it
        in a message (`shown`, a `print()` or log call): the value picks a branch and never
        reaches a request (self-operating-computer's `get_system_prompt("gpt-4o", ...)`).
        The same of a function another module of the project defines, imported by name
        (`RunFacts.label_params`), with that module as shown (`module`; "" for this one)."""
        found = parameter_for(self.ctx, call, arg)
        if found is None:
            imported = imported_labels(self.ctx, call, arg)
            if imported is None:
                return None
            return imported.function, list(imported.labels), imported.printed, imported.shown
        function, param = found
        labelled = self.param_labels(param)
        return None if labelled is None else (function.name.value, *labelled, "")

    def param_labels(self, param: cst.Param) -> tuple[list[str], bool] | None:
        """(labels, shown) when the parameter `param` of a function of this module is read
        only to compare it with string literals, the `labels`, and to show it in a message
        (`labels_only`); else None. What `label_params` records of another module's."""
        ctx = self.ctx
        reads = [
            access.node
            for binding in ctx.bindings(param.name)
            if isinstance(binding, Assignment) and binding.node is param
            for access in binding.references
        ]
        if not reads or len(ctx.bindings(param.name)) != 1:
            return None
        reads.sort(key=ctx.index_of)
        labels: list[str] = []
        shown = False
        for read in reads:
            parent = self.parent_of(read)
            if isinstance(parent, cst.Arg) and parent.keyword is None and not parent.star:
                holder = self.parent_of(parent)
                if isinstance(holder, cst.Call) and self.message(holder):
                    shown = True
                    continue
                return None
            if isinstance(parent, cst.ComparisonTarget):
                parent = self.parent_of(parent)
            compared = _compared_labels(read, parent)
            if compared is None:
                return None
            labels.extend(v for v in compared if v not in labels)
        if not labels:
            return None
        return labels, shown


_LABEL_TESTS = (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)


def _equality_operand(test: cst.CSTNode) -> cst.BaseExpression | None:
    """The left operand of `test` when it is one `==` or `!=` of it with a string literal."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.Equal, cst.NotEqual)):
        return None
    return test.left if string_value(target.comparator) is not None else None


def _compared_labels(read: cst.CSTNode, test: cst.CSTNode | None) -> list[str] | None:
    """The strings `read` is compared with in `test` when it is a comparison of `read` (on
    the left of `in`) with string literals or a list, tuple or set of them, else None."""
    if not isinstance(test, cst.Comparison):
        return None
    if not all(isinstance(t.operator, _LABEL_TESTS) for t in test.comparisons):
        return None
    operands = [test.left, *(t.comparator for t in test.comparisons)]
    labels: list[str] = []
    for n, operand in enumerate(operands):
        if operand is read:
            if any(isinstance(t.operator, (cst.In, cst.NotIn)) for t in test.comparisons[:n]):
                return None  # `"gpt" in model`: a test of what it contains
            continue
        items = (
            [e.value for e in operand.elements if not isinstance(e, cst.StarredElement)]
            if isinstance(operand, (cst.List, cst.Tuple, cst.Set))
            else [operand]
        )
        if isinstance(operand, (cst.List, cst.Tuple, cst.Set)) and len(items) != len(
            operand.elements
        ):
            return None
        for item in items:
            value = string_value(item)
            if value is None:
                return None
            labels.append(value)
    return labels


def _without_value(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`x` for `x.value` (an enum member's value), else `expr`."""
    if isinstance(expr, cst.Attribute) and expr.attr.value == "value":
        return expr.value
    return expr


def _given_as(call: cst.Call, arg: cst.Arg) -> list[str | None]:
    """The names an argument is given under: its keyword, or the key string before it
    (`db.put(user, "n_used_tokens", record)`)."""
    if arg.keyword is not None:
        return [arg.keyword.value]
    index = next((n for n, a in enumerate(call.args) if a is arg), 0)
    return [string_value(call.args[index - 1].value)] if index >= 1 else []


def _strings(node: cst.BaseExpression) -> bool:
    """Whether `node` is a string written in the code, or a set, list or tuple of such."""
    if isinstance(node, (cst.Set, cst.List, cst.Tuple)):
        return bool(node.elements) and all(
            isinstance(e, cst.Element) and string_value(e.value) is not None for e in node.elements
        )
    return string_value(node) is not None


def _counter(value: cst.BaseExpression) -> bool:
    """Whether an entry's value can be a count the program keeps: zero, anything computed
    (a variable, a call, arithmetic), or a dict of such values; not a number, string or
    constant written by hand (a token limit, a price, a flag, `MAX_TOKENS`)."""
    if isinstance(value, cst.Dict):
        return all(isinstance(e, cst.DictElement) and _counter(e.value) for e in value.elements)
    if isinstance(value, (cst.Integer, cst.Float)):
        return value.evaluated_value == 0
    if isinstance(value, cst.Name):  # not a constant (`MAX_TOKENS`, `None`)
        return not value.value.isupper() and value.value not in ("True", "False", "None")
    return not isinstance(
        value,
        (
            cst.BaseString,
            cst.Imaginary,
            cst.UnaryOperation,
            cst.List,
            cst.Tuple,
            cst.Set,
            cst.Lambda,
            cst.Ellipsis,
        ),
    )


def _entry_label(taker: ConfigTaker, key: str) -> str:
    """How ML206 names the model entry of a settings dict given to a class named like OpenAI
    (`openai_configs`): `config['model']`, or `model` for a dict given by position."""
    return f"{taker.arg.keyword.value}[{key!r}]" if taker.arg.keyword is not None else key


def _bound_node(assignment: object) -> cst.CSTNode | None:
    """The node an assignment binds (None for builtins)."""
    return getattr(assignment, "node", None)


def _subscript_key(target: cst.Subscript) -> str | None:
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    return string_value(target.slice[0].slice.value)


class _SitesRule(DeferredRule):
    """A rule over the module's model strings: it feeds ModelSites during the traversal and
    reports once the traversal is over (when its findings are read)."""

    def __init__(self, ctx: PythonContext) -> None:
        self.sites = ModelSites.of(ctx)
        self.feeds = self.sites.feeder()
        super().__init__(ctx)

    def finish(self) -> None:
        self.report_sites(self.sites.finish())

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        raise NotImplementedError

    def litellm_reach(self, takers: Callable[[], set[str]], names: list[str]) -> str | None:
        """Where a model value may reach litellm, which sends a model without a provider
        prefix to OpenAI: "module" where the module calls litellm and no other client (it
        imports neither openai nor a framework's OpenAI class, and names no smolagents
        `OpenAIServerModel`), so its models are litellm's. Where this module calls litellm
        and another client, or another module of the project calls litellm and this one uses
        no other client: "sent" where the module gives the value to litellm calls only
        (`takers`, as `model_takers` finds them), "named" where one of its `names` says it is
        litellm's (`fw_litellm.SETTING_NAME_WORDS`), "both" where the module gives it to
        litellm and to an OpenAI client, "untraced" where nothing shows where it goes; None
        where the module gives it to OpenAI clients only, or its name says it is an OpenAI
        client's (`openai_model`). Else None."""
        ctx = self.ctx
        if not self.sites.litellm_calls and not ctx.rules.facts.litellm_project:
            return None
        other_client = (
            ctx.index.imports_openai or mentions_framework(ctx) or names_smolagents_openai(ctx)
        )
        if self.sites.litellm_calls and not other_client:
            return "module"
        if not self.sites.litellm_calls and other_client:
            return None
        found = takers()
        if found == {"litellm"}:
            return "sent"
        if found == {"client"}:
            return None
        if len(found) > 1:
            return "both"
        named = {
            library
            for word, library in fw_litellm.SETTING_NAME_WORDS.items()
            if any(word in name.lower() for name in names)
        }
        if named == {"client"}:
            return None
        return "named" if named == {"litellm"} else "untraced"

    def visit_Call(self, node: cst.Call) -> None:
        if self.feeds:
            self.sites.call(node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.feeds:
            self.sites.string(node)


class ModelSetting(_SitesRule, _ModelRule):
    """An OpenAI model id in a model setting outside `model=`: a default, field, entry or option.

    ## What it does
    Finds string literals that are an OpenAI model id (a whole token such as `gpt-4o`,
    `gpt-4o-2024-08-06` or `text-embedding-3-small`, never prose such as "gpt-4o continued")
    where a program sets a model, other than the `model=` arguments of OpenAI calls that
    ML201/ML202 report:

    - defaults of parameters named like a model (`model`, `model_name`, `embed_model`,
      `engine`, `llm`: any name with the word `model`, `llm` or `embedding`, gpt-researcher's
      `FAST_LLM` and `EMBEDDING`);
    - class attributes and dataclass, pydantic and attrs field defaults
      (`model: str = "gpt-4o"`, `Field(default="gpt-4o")`, `field(default="gpt-4o")`), and
      what the module gives such a field when it makes an instance of the class
      (`AgentConfig(model="gpt-4o-mini")`, gpt-pilot's agent table); the UI's copy of such a
      default, an entry `default` in the field's `metadata=` or `json_schema_extra=`
      (open_deep_research's `Field(default="gpt-4.1", metadata={"x_oap_ui_config":
      {"default": "gpt-4.1"}})`), gets what the default gets, or is left with it;
    - module constants and variables (`DEFAULT_MODEL = "gpt-4o"`), wherever they are used;
    - dict entries under a model-like key (`{"model": "gpt-4o"}`, `dict(model=...)`,
      `cfg["model"] = ...`, `cfg.get("model", "gpt-4o")`), the dicts spread into calls with `**`;
    - the values of a table of models, a dict bound to a name that says it holds models (not
      a tokenizer's), and of the records it holds (`MODELS = {"fast": "gpt-4o-mini"}`,
      `MODEL_CONFIG = {Llm.A: {"api_name": "gpt-4o"}}`); an entry naming one of several
      records of a list, tuple or dict (`[{"model_name": "gpt-4o", ...}, ...]`) is left to a
      person where the module looks records up by its key (`card["model_name"] == name`) or
      another record's entry maps to the same model (`record_keys`: llmware's catalog, t63d);
    - defaults of environment lookups (`os.getenv("LLM_MODEL", "gpt-4o-mini")`);

    each also where the code reads it through a str method that keeps a model id as it is
    (`os.getenv("LLM_MODEL", "gpt-4o").lower()`, `.strip()`: `MODEL_ID_METHODS` in
    `migrate_llm.openai_sdk`), unless that method would change the provider's id (`.lower()`
    of `Qwen/Qwen3-8B`): then it is left to you;
    - `default=` and `choices=` of argparse, click and typer options;
    - arguments of a function, method or class (its `__init__`) of the same module that
      sends them as `model=` (`call_parameters`: a staticmethod binds no `self`), itself or
      through other functions of the module it hands them on to as they are (`forwarding`:
      tree-of-thought-llm's `gpt()` → `chatgpt(model=model)` → `completions_with_backoff(
      **kwargs)` → `create(**kwargs)`): by keyword, by position, or into a `**kwargs` spread
      on, up to 8 calls deep; not a parameter bound again in its function (`model = model or
      M`), nor an entry of `**kwargs` the function writes, deletes or pops (any other use of
      the mapping but reading it stops all its entries): such a value stays ML206's. A
      function of another module of the project imported by name (`from tot.models import
      gpt`, also relatively) is followed in that module (`wrapper_params`,
      `RunFacts.wrapper_params`: read again while the run screens the project), and the
      message names it (`sent as model= on line 20 of src/tot/models.py through chatgpt()`);
    - `model=` of a request shaped as the SDK's through a client another module of the
      project returns, where apply points every client that function may return at the
      provider (ML001 rewrites it, or it is the provider's already: `RunFacts.
      provider_factories`): self-operating-computer's `client = config.initialize_openai()`,
      with `config = Config()` and `from operate.config import Config` (t54a). The function
      imported by name, or a method of a class imported by name called on it, on an
      instance built in place or on a name bound once to one; every binding of the
      request's receiver such a call. The model is the provider's model for images where the
      request sends images, as ML201 chooses; where the client stays on OpenAI, or its
      base URL is chosen at run time, the model stays ML206's;
    - the fallback of the model of an SDK request, a litellm call or a framework's OpenAI
      class, whatever its shape (`model=m or "gpt-4o"`, `m if hasattr(self, "m") else
      "gpt-4o"`, `getattr(self, "model", "gpt-4o")`), also in the dict display a litellm
      call takes its keywords from (`completion(**{"model": m or "gpt-4o", ...})`), through
      the protections below;
    - a value given right after a key that names a model setting (`db.set_user_attribute(uid,
      "current_model", "gpt-4o")`, `setattr(cfg, "model", ...)`, `r.hset(k, "model", ...)`):
      the program stores it under that key, as `cfg["current_model"] = ...` does; not in a
      message (`print`, a log call);
    - a string listing models, comma-separated, under a name with the word `model` or
      `models` (`CHAT_MODELS = "gpt-4o,gpt-4o-mini"`, split to fill a menu whose first item
      is the default): each is mapped, a model two of them map to written once;
    - the model of a `(label, model)` pair of a table bound to a name that the module only
      reads as `dict(MODELS)[label]` or `dict(MODELS).get(label)`, sent as `model=` of OpenAI
      SDK requests (devika's `("GPT-4o", "gpt-4o")`); where the table is read otherwise too,
      or the lookup goes to another call, ML205 says to replace the model (adding the
      provider's models to the table would still send the OpenAI one).

    A default of a parameter a function only counts tokens with (given to
    `tiktoken.encoding_for_model()` or to a framework's tokenizer parameter, LangChain's
    `from_tiktoken_encoder(model_name=...)`, `TokenTextSplitter(model_name=...)`, LlamaIndex's
    `get_tokenizer(...)`, besides which it is only tested against model names, also by a
    test that only picks how tiktoken counts, or shown: in an f-string, `"..." % model`,
    `.format()`, `print()`, a log call or an exception raised, `raise
    NotImplementedError(model)`) is a token counter's, not a setting: no request sends it, and
    tiktoken knows OpenAI's names only, so it stays, with a note. It is followed where it is
    handed on: to another function or class of the module, to the `__init__` of the class's
    first base when the module defines it (`super().__init__(model_name=model_name)`), or
    stored in `self.X` that only such uses read (LightRAG's `TiktokenTokenizer`, mapped, made
    every `LightRAG(...)` fail), or a piece of it bound to a variable of the function that
    only such uses read (open-interpreter's `if "/" in model: model = model.split("/")[-1]`,
    then `encoding_for_model(model)`). So is the default of a class attribute or a dataclass,
    pydantic or attrs field read only as `self.<field>` in the class's methods, each read
    such a use (`tiktoken_model_name: str = field(default="gpt-4o-mini")`, and a value the
    module gives it, `Rag(model="gpt-4o")`); a field named for a tokenizer
    (`tiktoken_model_name`, `tokenizer_model`) is left anyway. So is a variable bound once in
    a function that only such uses read (`model = "gpt-4o"`, then
    `encoding_for_model(model)`), or an alias the function binds its parameter to again
    (vocode's `elif "gpt4" in model or "gpt-4" in model: model = "gpt-4"`: a test of the name
    against a string, or a set of them, `model in {...}`, or of its `.lower()`, counts as one
    also where `and`/`or` joins it to others; mapped, no model
    took the tokens-per-message branch below and counting raised NotImplementedError before
    any request, t64c). A setting mapped here that also reaches such a lookup
    (sent as well) is mapped, and the same apply gives the lookup the OpenAI model (ML207).
    So is the default of a
    click or typer option decorating such a function (`@click.option("--model",
    default="gpt-4")` filling `model`: gptme's `tokens count`), and a model the module passes
    to such a parameter (`num_tokens(text, model="gpt-4-0613")`: the OpenAI cookbook's
    counter, which raises for names it does not know).

    Short names (`ada`, `davinci`, `o3`) count only under a model-like name (a class named for
    models, `Models` or `ModelNames`, makes its attributes so) or where the module sends them
    as `model=` (`model=Models.SMART`, `model=self.SMART`: named with that line); enum members are
    a list of models (ML205), not a setting (an enum: a class with a base named `*Enum`, or
    deriving from an enum of the module; and the members of a class deriving from another
    module's class, which may be an enum, where two would map to one provider model), but for
    one set from an environment lookup
    (camel's `DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "gpt-4.1-mini")`): its default is
    the model the member stands for, named with the line that sends it as `model=`
    (`Cls.MEMBER.value`). A setting named for images (`VISION_MODEL`,
    `"vision_model"`, the default of `os.getenv("VISION_MODEL", ...)`; not `NON_VISION_MODEL`)
    maps to the provider's model for images, as ML201 does for a request that sends images;
    so does a model attribute assigned in the block where an attribute of the same object
    named for images is switched on (`llm.supports_vision = True`, then `llm.model =
    "gpt-4o"`: open-interpreter's os.py profile, read as ML503 reads `supports_vision: true`
    beside a config file's model; a flag such as `supports_images` too), a model entry of a
    dict display beside an entry so switched on (ChuanhuChatGPT's presets: `{"model_name":
    "gpt-4o-mini", "multimodal": True}`), the `"model"` entry of the JSON body of a raw request to
    OpenAI's chat path that sends images (`requests.post(url, json=payload)`, an `image_url`
    part in `payload`), and an entry of a table of models such a request looks its model up in
    (`model=MODEL_CONFIG[tier]["api_name"]`: each record the lookup may give). So does a model
    assigned in the branch a test takes where the model it sets reads no images (`if photo and
    model not in VISION_MODELS: model = "gpt-4o"`, `if not supports_vision(model):`: a term of
    the test or of its `and`s, `image_requests.vision_fallback`), and one keying a record that
    says it reads images in a table of the project's config files (`vision: true`,
    `RunFacts.model_table_keys`) where the provider's model for images answers text too.
    A model written after
    `openai:` in a module that imports pydantic-ai is ML671's: the prefix picks OpenAI's
    endpoint there, whatever model follows.
    A table keyed by service (every key, at least two, a service's name: `openai`,
    `anthropic`, `moonshot`...: `frameworks/services.py` and the provider files' ids) is read
    per key: what stands under another service than the target (gptme's
    `MODEL_ALIASES["openai"]["gpt-5.6"] = "gpt-5.6-sol"`) is that service's model and is
    left, with one note per entry under OpenAI's (ML205's key check too), where the program
    names a service of the target's own (a key of such a table, a row, a name its code tests,
    in any of its modules: `service_tables.names_target_service`). Where it names none
    (devika's `MODELS = {"OPENAI": [("GPT-4o", "gpt-4o")], "GROQ": [...]}`), it reaches the
    target only through the client of OpenAI's entry pointed there, which then sends OpenAI's
    models (t61d: `check` passed while every request named `gpt-4o` on Moonshot): a warning,
    left (manual; nothing shows which client the entry feeds), naming what they map to.

    ## Why
    Each of them ends up in a request: after the switch it must name one of the provider's
    models.

    ## Fix (review)
    `apply` writes the provider's model in place, keeping the quotes. A model the provider's
    table does not map is left for a person, with the candidates named.

    litellm sends a model without a provider prefix to OpenAI. In a module that calls litellm
    with a model (`litellm.completion`, `acompletion`, `embedding`, the Router; also through
    a stand-in imported under the name `litellm`, as aider's lazy proxy, and smolagents'
    `LiteLLMModel` / `LiteLLMRouterModel`) and uses no other client (it imports neither openai
    nor a framework's OpenAI class, and names no smolagents `OpenAIServerModel`), a setting is
    written on litellm's route for the provider (`deepseek/deepseek-v4-pro`; `litellm_prefix` of
    the provider file); for a provider without one, or an embeddings model, it is left for a
    person. Where a module calls litellm and another client, or another module of the project
    calls litellm and this one uses no other client, a setting the module gives to litellm
    only (as `model=`, followed as `model_reach` does) is written on the route, one it sends
    only to OpenAI SDK requests or a framework's OpenAI class is mapped as elsewhere; else its
    name decides (its place's, or the environment variable's it is the default of:
    `SETTING_NAME_WORDS` of `migrate_llm.frameworks.litellm`): with `litellm` the route, with
    `openai` the provider's model as it is (magentic's `Settings.litellm_model` and
    `Settings.openai_model`). One the module gives to both, or whose way nothing shows, is left
    for a person with both spellings (manual). The model written in an AutoGen entry that
    ML660 points at the provider (`{"model": "gpt-4o", "api_key": ...}` in a `config_list`)
    goes to the provider's OpenAI-compatible endpoint: mapped as elsewhere, whatever other
    modules call litellm.
    The "model" of mem0's litellm llm (`"llm": {"provider": "litellm", "config": {"model":
    "gpt-4o-mini"}}`: `ConfigSection.litellm_providers`), which mem0 hands litellm with no key
    or base URL, is written on the provider's litellm route (`zai/glm-4-air-250414`), the
    message naming the variables that route reads (`export ZAI_API_BASE=...`).

    A default that a test of the module on the name it sets passes and its mapped model
    fails, or the reverse, is left (manual): a prefix test (`M.startswith("gpt-")`), a
    substring test (`"gpt" in M`, `M.find("gpt") != -1`, `M.count("gpt")`, `re.match("gpt",
    M)`, `re.search`), a comparison (`M == "gpt-4o"`, `!=`) or a membership test (`M in
    ("gpt-4o", "o3")`, `not in`, a list, tuple or set bound to a name; also a dict entry set
    once in the function that tests it, `kwargs["model"] = "gpt-3.5-turbo"` before `if "gpt-"
    in kwargs["model"]:`), each read as `apply`
    leaves or widens it (ML205 adds what its models map to where it safely can): mapped, the
    program would take the other branch (babyagi's default went down its legacy completions
    branch). So is an argument of a call of the module's own function whose parameter such a
    test reads (`embed(word, "text-embedding-ada-002")` into `if "ada" in model:`, which
    ML205 reports: renamed, FastChat's test went to its local server instead, t62a). Not a
    test that only picks how tiktoken counts (`encoding_for_model(M) if "gpt"
    in M else get_encoding(...)`, or an `if`/`else` assigning or returning one or the other:
    `tokenizer_branches`): the provider's model taking the other one is its purpose.

    A setting the module sends as the model of a request through a client `apply` leaves on
    Azure OpenAI or OpenAI (an `AzureOpenAI(...)` given a key the program hands it, an
    `OpenAI(base_url=<an Azure endpoint>)`) is left too (manual): that client still takes
    the OpenAI name, a deployment's on Azure (mem0's). Followed in the module: `model=NAME`,
    a "model" entry of a dict spread into the request (`params.update({"model": ...})`), and
    on through names, defaults and a function's keyword parameters (`model_reach`). So is a
    setting that is the model of a class `apply` leaves talking to OpenAI (or Azure OpenAI): a
    framework class whose rule leaves it (manual there), or a class named like OpenAI that no
    table knows, given no base URL (`OpenAIChat(model=MODEL)`, as ML401 judges one given the
    provider's key); mapped, the provider's model would go to OpenAI. So is a
    setting an AutoGen / AG2 entry may send that `apply` leaves on OpenAI (ML660: an entry
    that takes more entries from a `**mapping`): mapped, the provider's model would go there.
    So is a setting also sent as `model=` to any method of another service's own SDK client
    (`anthropic.Anthropic().messages.create`, `frameworks/other_sdks.py`): that request never
    reaches OpenAI, and mapped it would get the provider's model; one only such requests
    send gets no finding. So does one only requests through an OpenAI client the module
    points at another service or a server of its own send (ML003's note, the client left:
    `OpenAI(base_url=api_base)` after `api_base = api_base or "https://api.aimlapi.com/v1"`),
    also through `self.model = model or DEFAULT_MODEL`: as a literal `model=` there, it is
    that service's model (t64b: DB-GPT's AI/ML API client got `glm-5.3`); one on an Azure
    endpoint names a deployment, left with a warning as above.
    An entry of a dict display bound to a name or to an attribute of a class body is followed
    through its reads by key (`self.envs["AZURE_OPENAI_MODEL"]`, `.get(...)`); a setting that
    is the `azure_deployment=` of an Azure client apply leaves is left as well, every request
    of that client going to the deployment so named (pdf2zh's AzureOpenAITranslator, mapped,
    got `/openai/deployments/<the provider's model>/...`: 404). So is an entry of a dict
    display holding OpenAI's base URL that ML402 leaves with the key beside it
    (`{"OPENAI_BASE_URL": URL, "OPENAI_API_KEY": None, "OPENAI_MODEL": "gpt-4o-mini"}`): the
    model goes where that URL does; URL, key and model change together.

    A setting the module looks up in a table keyed by OpenAI model (the keys ML205 reports)
    that has no entry for what it maps to is left too (manual), naming the table: autogen's
    `get_max_token_limit(model="gpt-3.5-turbo-0613")` returned `max_token_limit[model]` and,
    mapped, raised KeyError. Lookups: `T[model]` and `T.get(model)` without a default (its None
    goes on as the entry), through names, defaults, `re.sub(...)` alias fix-ups,
    `kwargs.get("llm_model", "gpt-3.5-turbo")` defaults and the module's calls passing the
    value on (`model_lookups`); not `T.get(model, default)`, the program's own answer for a
    model it lacks. A table's keys include those the module adds by name (`T.update({...})`,
    `T["k"] = v`). The table may be one of another module of the project imported by name
    (`from request_llms.bridge_all import model_info`, at the top or in the function, also
    relatively: a dict display keyed by OpenAI model bound once at that module's top level,
    `model_tables`, `RunFacts.model_tables`), the message naming its file and line
    (gpt_academic's token splitter default `llm_model="gpt-3.5-turbo"`, mapped, raised
    KeyError in `model_info[llm_model]`). So is a value passed to a function imported from
    such a module that looks its parameter up there (`ModelTable.lookups`: PentestGPT's
    `dynamic_import(reasoning_model, ...)` tests `module_name in module_mapping` and falls back
    silently), and a setting of the module's top level that another module imports (`from
    config import LLM_MODEL`) or gets by its name (`get_conf("LLM_MODEL")`) and looks up in
    such a table, also as a parameter's default (`model_table_reads`, `ModelTable.reads`: t51i's
    KeyError), or reaching the lookup's key through the function's assignments, a helper
    returning its parameter, `self.X` or a method's parameter its class's calls fill
    (`model_key_sources`: sweep's `model = determine_model_from_chat_logger(..., model=model)`
    before `if model not in model_to_max_tokens: raise`, t63c). A lookup under a test for its
    key (`if name in T: return T[name]`) is said to fall back silently rather than raise. A
    setting whose model is a key of such a table of the project with no entry for what it
    maps to, where no lookup the project shows reaches it (gpt_academic's `EMBEDDING_MODEL`,
    read through `get_conf()` into `llm_kwargs` and looked up in `embed_model_info` by another
    module), is left too (manual), naming the table (`data`: `model_to`, `table`), and mapped
    once the table has an entry for it (`table_gaps.table_gap`; mapped with a note before, it
    raised KeyError, t56a D4): a table of the setting's own program
    (`table_gaps.same_program`: not sweep's docs/sdk, an SDK with a pyproject.toml of its own
    that no module imports, t63c), unless the project looks that table up only through the
    parameters of its module's functions (`ModelTable.open`), or the module sends it as
    `model=` of a request itself. So is a
    setting whose model is a key of a table keyed by OpenAI model in a YAML, TOML or JSON
    file of the project (the table ML503 reports and leaves; not in a program's recorded
    output) that has no key for what it maps to
    (`model_table_keys`, `RunFacts.model_table_keys`): the program may look the model up there
    (chatgpt-telegram-bot's `current_model = "gpt-4o"`, asserted to be a key of
    `config.models["info"]` from config/models.yml, raised AssertionError once mapped alone);
    the message names the file and line (`data`: `model_to`, `table`), and once that table
    has an entry for the mapped model, the setting is mapped. Where that entry says the model
    reads images (`vision: true`), the model it maps to is the provider's model for images
    (as above), and the message says so.

    A model a test asserts (an argument of a mock assertion, `assert_called_once_with(...)`,
    of `unittest.mock.call(...)` or `assertEqual(...)`, or a side of `==` / `!=` in an
    `assert`) changes with the setting whose value it checks: where the same test function
    (the outermost `def`) sets the same literal, it is mapped as that setting is (review);
    where the literal is set only outside every function asserting it (a module constant, a
    helper), or the test also gives it where apply leaves it, itself or in a function of the
    module it calls or takes as a fixture (a call ML206 reports:
    `Logger(api_model_name="gpt-4o")` beside `{"model": "gpt-4o"}`), nothing shows which
    value the assertion checks: it and those settings are left (manual), and the test still
    asserts what it passes. An asserted model that no setting of the module holds is ML205's
    or ML206's.

    A setting written in one statement with the same OpenAI model where `apply` leaves it (a
    call ML206 reports, a value ML205 leaves: a tuple or list holding the setting, an entry,
    an argument; a setting left here) is left too (manual), naming that line: a test case's
    input beside its expected value (`(make(model="gpt-4"), {"model": "gpt-4"})` in
    `@pytest.mark.parametrize(...)`, `assert make(model="gpt-4") == {"model": "gpt-4"}`) would
    otherwise compare the provider's model with OpenAI's (gpt-cli's tests). The rows of a list
    of cases (tuples, lists, dicts or calls of one callee) are cases of their own; a
    comparison, a prefix test, a table's key or a list beside the setting leaves it mapped.

    A model setting given a member of another package's enum whose name spells an OpenAI
    model (paper-qa's `Field(default=CommonLLMNames.GPT_4O.value)`, lmi's enum: `model_members`)
    is a warning left to you (manual): the value is not known here, so nothing is rewritten;
    the message names the model the name spells (`GPT_4O` gpt-4o, `GPT_4_1` gpt-4.1), what it
    maps to, and its form for litellm where the setting may reach litellm. Not the module's own
    enum, nor one imported relatively or from a package the module's path is in.

    A value that only starts like an OpenAI model id, with a word no OpenAI id is made of
    (`[detect] model_words` of providers/openai.toml), is a program's own label:
    self-operating-computer's mode `"gpt-4-with-ocr"`, which its code compares with `==`. As a
    setting it is a note (manual) and stays, so the program's tests keep matching it.

    An entry of the JSON body of a request (`requests.post(URL, json=payload)`, or a
    wrapper of the module's own given the URL and `json=`) whose URL, written in the module
    (also as the start of an f-string or `+`, or an environment read's default), is neither
    OpenAI's nor a provider's names that service's model (Browser Use Cloud's `llm_model`):
    a note, left.

    A setting whose name, or the environment variable it is the default of, says it names
    an Azure OpenAI deployment (`AZURE_DEPLOYMENT_NAME`, `deployment_name`) is left (a
    warning, manual): a deployment is a resource the user named, often after its model. So
    is one written in the branch of an `if`/`elif` or `case` that a string naming Azure
    OpenAI selects (`elif provider == "azure_openai":`, also `in ("azure", ...)` or one side
    of an `and`; the names of `CONFIG_AZURE_PROVIDER` in openai_sdk.py): the program still
    sends it to the user's Azure resource there (gpt-researcher's `EMBEDDING_PROVIDER`).

    A model key (`model`, `model_name`, `model_id`) of a config text held in a multi-line
    string, a YAML mapping the program writes or reads as a config file (MetaGPT's
    `DEFAULT_CONFIG`, which `metagpt --init-config` writes to the user's config file), naming an
    OpenAI model is left to you (manual, the model it maps to named): `apply` leaves text in a
    string as it is, and ML402 its base URL; change the model with them.

    A model the target retired (`[retired]` of its file: DeepSeek's `deepseek-chat`) written
    as the exact id anywhere in the module but a docstring, where no request or framework
    class names it as `model=` (ML201 and ML202 report those), is an error left to a person
    with what the file says to use instead: a constant given as a parameter's default, an
    environment default, a table's value, a `return`; the program sends it sooner or later.
    So is one on litellm's route for the target (`deepseek/deepseek-chat`: aider's
    `MODEL_ALIASES`, its DeepSeek users' default) in a module that calls litellm, or of a
    project where one does, the replacement named on the same route. Not a test of a name
    against it (`"deepseek-reasoner" in name`, `name == "deepseek-chat"`): ML205's note. A
    key of a dict display (`TOKEN_MAX = {"deepseek-chat": 128000}`, MetaGPT's limits) is a
    table the program looks models up in, not a request: a warning that the model replacing
    it has no entry there (manual).

    A model written after LangChain's `openai:` (`"openai:gpt-4.1"`) keeps the prefix only
    where every read of what holds it in the module is the model of a call that is, or that
    ML603 makes, pointed at the target: `init_chat_model("openai:<model>")` builds ChatOpenAI
    at OpenAI's URL with the key it has, whatever model follows. Elsewhere (a config dict, a
    `Configuration` field read at run time) the mapping is written on the target's own route
    (`[frameworks] langchain_route`: `"deepseek:deepseek-v4-pro"`, langchain-deepseek's
    ChatDeepSeek, which reads DEEPSEEK_API_KEY and DEEPSEEK_API_BASE) where a requirements
    file requires its package, else left (manual), as is the target's own model after
    `openai:` (an earlier apply's). A setting beside a provider setting naming OpenAI
    (`writer_provider = "openai"` beside `writer_model`, in a project where a module names
    init_chat_model or init_embeddings) is left too: `init_chat_model(model=...,
    model_provider="openai")` would send the mapped model to OpenAI; both change together.
    The message names the class the string builds: ChatOpenAI, or OpenAIEmbeddings for an
    embedding model (init_embeddings).

    Where the program splits such strings itself (a module of the project assigns
    `provider, model = value.split(":", 1)`, or `.partition(":")`: gpt-researcher's
    `parse_llm`, which hands "openai" to its own provider class), no module names
    init_chat_model or init_embeddings, and the module holding the string names no agent
    factory and gives it to no LangChain call, `openai:` is the program's own choice of its
    client, which apply points at the target (ML401, ML601 and the like report it where
    built otherwise): an OpenAI model after it is mapped keeping the prefix (review,
    `"openai:qwen-plus"`), and the target's own model after it is no finding (t57a: only
    ignore comments cleared it).

    A setting that picks the program's service (`services.SELECTOR_NAMES`: `llm_provider`,
    `provider`, `api_type`, `backend`) set to "openai" beside model settings (the same dict
    display, call or block; its words before the name say nothing of which models, or the
    model's name holds them: `embedding_provider` beside `embedding_model`), in a program that
    picks its clients by such names (`service_selectors`; not beside a base URL, not an AutoGen
    config entry), is an error: it sends the models to OpenAI with OpenAI's key (TradingAgents'
    `"llm_provider": "openai"` beside `deep_think_llm`, t52b). Where the program's names hold the
    target's (its id or an alias, as written there), apply sets it to that name (review) and maps
    the models; otherwise both stay (manual), so `check` fails while OpenAI stays selected,
    also beside the target's own models. Where its entries for the target (that name, or one
    written after it: `"qwen-cn"`) are for several regions, as the URLs or key variables its
    tables give them tell, the run's region's is set (TradingAgents' `"qwen"` is Singapore's,
    and a Beijing key went there, t52h N1), and none where none is that region's.

    A setting whose model the program registers as a model id (a construction given it first
    or as `model_id=`, passed to a call named `register(...)`, with that call's `aliases=`, or
    a key of a dict of constructions keyed by OpenAI model: `model_registry`, read from every
    module of the project) is left (manual) where no module of it registers what it maps to:
    simonw/llm's `DEFAULT_MODEL = "gpt-4o-mini"` is the key `get_model()` looks up among the
    models `register_models(register)` registers, whose ids ML205 leaves; mapped alone it named
    an unknown model. The message names the registry's file and line; register the
    provider's model there (or map the registry's entries too), then change the setting. A
    setting the module sends as `model=` itself is mapped (ML202).

    ## Data
    `model_from`, `model_to` (with the edit, or where a registry leaves it, with `registry`:
    its file and line); `member` (a member's, the code); on LangChain's
    routes `langchain_route` (the target's route), `requires` (its package, not yet
    required), `provider_setting` (the setting beside that names OpenAI); on that setting
    `value_from` ("openai") and, with the edit, `value_to`, and `entry_key_env` where the
    region's entry names its key variable (apply's Next line says to export that). On the
    entry of a table of defaults that its object (a dict class of the config module) writes
    to a file under the user's home on the program's first run and reads back over the table
    afterwards (shell_gpt's `DEFAULT_CONFIG` and `~/.config/shell_gpt/.sgptrc`), the message
    says that a file written before the switch keeps the old value, and the data name it:
    `settings_file` (`~/.config/shell_gpt/.sgptrc`), `settings_path` (the code the program
    passes for it, `SHELL_GPT_CONFIG_PATH`), `settings_key` (`DEFAULT_MODEL`); apply's Next
    line says to update that file.
    """

    code = "ML204"
    name = "model-setting"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    # what the module looks up in its project's config tables (`config_lookups`), read once
    _config_keyed: KeyedModels | None = None
    examples = (
        # t65d: `provider/model` strings the project splits for LangChain (chat-langchain's
        # configuration defaults): left, the call building the model may be far away
        Example(
            "from langchain.chat_models import init_chat_model\n\n"
            'DEFAULT = "openai/gpt-4o"\n\n\n'
            "def load_chat_model(name):\n"
            '    provider, model = name.split("/", maxsplit=1)\n'
            "    return init_chat_model(model, model_provider=provider)\n",
            provider="acme",
            message="constant DEFAULT = 'openai/gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            "apply leaves it: the project splits `openai/` off as the provider and builds "
            "LangChain's ChatOpenAI for it, which sends any model to OpenAI; write "
            "'openai/acme-large' once the call building the model from it is given base_url= "
            "and api_key= for Acme Cloud (apply gives them where it sees that call), by hand",
        ),
        # ... not where nothing splits it (a litellm route, an OpenRouter id)
        Example('DEFAULT = "openai/gpt-4o"\n', provider="acme", finds=False),
        # t63d: a table of records named by their model, two mapping to one model
        Example(
            "CARDS = [\n"
            '    {"model_name": "gpt-4o", "context": 128000},\n'
            '    {"model_name": "gpt-4-turbo", "context": 128000},\n'
            "]\n",
            provider="acme",
            message="entry 'model_name' = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            "apply leaves it: it names a record of the table on line 1, and 'gpt-4-turbo' of "
            "the record on line 3 maps to 'acme-large' too: mapped, the two records would share "
            "one name, and a lookup would find the first only; give Acme Cloud's models records "
            "of their own (or change the lookups), by hand",
        ),
        # t63d: ... looked up by that name (llmware's model catalog)
        Example(
            'CARDS = [{"model_name": "gpt-4o"}, {"model_name": "gpt-4o-mini"}]\n\n\n'
            "def card(name):\n"
            '    return next(c for c in CARDS if c["model_name"] == name)\n',
            provider="acme",
            message="entry 'model_name' = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            "apply leaves it: it names a record of the table on line 1, and the module looks "
            "records up by 'model_name' (`c[\"model_name\"] == name`, line 5): mapped, a "
            "lookup of 'gpt-4o' would find none; give Acme Cloud's models records of their own "
            "(or change the lookups), by hand",
        ),
        # ... not where no lookup by that name shows and no two map to one model
        Example(
            'CARDS = [{"model_name": "gpt-4o"}, {"model_name": "gpt-3.5-turbo"}]\n',
            provider="acme",
            message="entry 'model_name' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            after='CARDS = [{"model_name": "acme-large"}, {"model_name": "acme-small"}]\n',
        ),
        # another service's own client (Groq's) sends the constant to that service (t61e)
        Example(
            'from groq import Groq\n\nMODEL = "gpt-4o"\nclient = Groq()\n\n\n'
            "def ask(model=MODEL):\n"
            "    return client.chat.completions.create(model=model, messages=[])\n",
            provider="acme",
            finds=False,
        ),
        # t64b: an OpenAI client the module points at another service (ML003 leaves it) sends
        # the default its attribute falls back to there: the model follows the client
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'DEFAULT_MODEL = "gpt-4o"\n\n\n'
            "class Aggregator:\n"
            "    def __init__(self, model=None, base_url=None):\n"
            '        base_url = base_url or "https://api.aggregator.example/v1"\n'
            "        self.model = model or DEFAULT_MODEL\n"
            '        self.client = OpenAI(api_key=os.getenv("AGG_KEY"), base_url=base_url)\n\n'
            "    def ask(self, messages):\n"
            "        return self.client.chat.completions.create(model=self.model, messages=[])\n",
            provider="acme",
            finds=False,
        ),
        # ... also handed to the project's base class with that service's URL (DB-GPT's
        # `super().__init__(api_base=api_base, model=model)`, t64b)
        Example(
            "import os\n\nfrom .base import ChatClient\n\n"
            'DEFAULT_MODEL = "gpt-4o"\n\n\n'
            "class Aggregator(ChatClient):\n"
            "    def __init__(self, model=DEFAULT_MODEL, api_base=None):\n"
            '        api_base = api_base or "https://api.aggregator.example/v1"\n'
            "        model = model or DEFAULT_MODEL\n"
            '        super().__init__(api_key=os.environ["AGG_KEY"], api_base=api_base, '
            "model=model)\n",
            provider="acme",
            finds=False,
        ),
        # any method of another service's client sends it there (Anthropic's messages API)
        Example(
            'import anthropic\n\nMODEL = "gpt-4o"\n\n\n'
            "def ask(prompt):\n"
            "    client = anthropic.Anthropic()\n"
            "    return client.messages.create(model=MODEL, max_tokens=64, messages=prompt)\n",
            provider="acme",
            finds=False,
        ),
        # shared by an OpenAI request and Anthropic's: mapped, Anthropic would get acme-large
        Example(
            "import anthropic\nfrom openai import OpenAI\n\n"
            'DEFAULT_MODEL = "gpt-4o"\nclaude = anthropic.Anthropic()\nclient = OpenAI()\n\n\n'
            "def ask(prompt, model):\n"
            "    return client.chat.completions.create(model=model, messages=prompt)\n\n\n"
            "def ask_claude(prompt, model):\n"
            "    return claude.messages.create(model=model, max_tokens=64, messages=prompt)\n\n\n"
            "def main():\n"
            '    ask("hi", model=DEFAULT_MODEL)\n'
            '    ask_claude("hi", model=DEFAULT_MODEL)\n',
            provider="acme",
            message="constant DEFAULT_MODEL = 'gpt-4o' is also sent as model= on line 14 to "
            "claude.messages.create(), a request through another service's own SDK client, "
            "which never reaches OpenAI: mapped, that request would get 'acme-large' too; apply "
            "leaves it: give the OpenAI requests a setting of their own, by hand",
        ),
        # t61c A: Open Interpreter hands its llm.model to litellm
        Example(
            'from interpreter import interpreter\n\ninterpreter.llm.model = "gpt-4o"\n',
            provider="acme",
            message="attribute interpreter.llm.model = 'gpt-4o' maps to 'acme/acme-large' on "
            "Acme Cloud, on litellm's route for it: Open Interpreter hands its llm.model to "
            "litellm as it is, which sends a model without a provider prefix to OpenAI; that "
            "route reads ACME_API_KEY and ACME_API_BASE (Open Interpreter passes api_key and "
            "api_base only where its llm sets them): export "
            "ACME_API_BASE=https://api.acme.example/v1",
            after="from interpreter import interpreter\n\n"
            'interpreter.llm.model = "acme/acme-large"\n',
        ),
        Example(
            'DEFAULT_CONFIG = """llm:\n  model: "gpt-4o"\n  base_url: "https://api.acme.example/v1"\n"""\n',
            provider="acme",
            message="'gpt-4o' (llm.model in the config text of DEFAULT_CONFIG) maps to "
            "'acme-large' on Acme Cloud; apply leaves text in a string as it is (the program "
            "writes or reads it as a config file): change it there by hand, with the base URL "
            "and key beside it",
        ),
        Example(
            "from dataclasses import dataclass\n\n\n@dataclass\nclass Settings:\n"
            '    model: str = "gpt-4o-mini"\n',
            provider="acme",
            message="attribute Settings.model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after="from dataclasses import dataclass\n\n\n@dataclass\nclass Settings:\n"
            '    model: str = "acme-small"\n',
        ),
        Example(
            'CONFIG = {"research_model": "openai:gpt-4o"}\n',
            provider="acme",
            message="entry 'research_model' = 'openai:gpt-4o' maps to 'acme-large' on Acme "
            "Cloud, but apply leaves it: `openai:` makes LangChain build ChatOpenAI, which "
            "sends any model to OpenAI; give the call that builds the model from it base_url= "
            "and api_key= for Acme Cloud (apply does so where this module passes it to "
            "init_chat_model() itself), by hand",
        ),
        Example(
            "from pydantic import BaseModel\n\n\nclass AgentConfig(BaseModel):\n"
            "    model: str\n\n\n"
            'AGENTS = {"writer": AgentConfig(model="gpt-4o-mini")}\n',
            provider="acme",
            message="argument model of AgentConfig() = 'gpt-4o-mini' maps to 'acme-small' on "
            "Acme Cloud",
            after="from pydantic import BaseModel\n\n\nclass AgentConfig(BaseModel):\n"
            "    model: str\n\n\n"
            'AGENTS = {"writer": AgentConfig(model="acme-small")}\n',
        ),
        Example(
            "import litellm\n\n"
            'MODEL_ALIASES = {"old": "acme/acme-old"}\n\n\n'
            "def ask(alias, q):\n"
            "    return litellm.completion(model=MODEL_ALIASES[alias], messages=q)\n",
            provider="acme",
            message="entry 'old' of MODEL_ALIASES = 'acme/acme-old': Acme Cloud retired it on "
            "2025-12-01, so requests for it fail; use acme/acme-medium (with temperature at "
            "most 1) instead, by hand",
        ),
        # t52b D2: TradingAgents' DEFAULT_CONFIG, its clients picked by "llm_provider"
        Example(
            'CONFIG = {"llm_provider": "openai", "model": "gpt-4o-mini"}\n'
            'URLS = {"openai": None, "acme": "https://api.acme.example/v1"}\n',
            provider="acme",
            message="llm_provider = \"openai\" beside the model settings on line 1 ('gpt-4o-mini') "
            "picks the service their models go to, OpenAI, with its key; the program picks its "
            "services by such names and has 'acme' (this module): apply sets it to 'acme', for "
            "the Acme Cloud models",
            after='CONFIG = {"llm_provider": "acme", "model": "acme-small"}\n'
            'URLS = {"openai": None, "acme": "https://api.acme.example/v1"}\n',
        ),
        Example(
            'TOKEN_MAX = {"acme-old": 128000}\n\n\ndef limit(model):\n'
            "    return TOKEN_MAX.get(model, 4096)\n",
            provider="acme",
            message="'acme-old' is a dict key of TOKEN_MAX for a model Acme Cloud retired on "
            "2025-12-01, not a request: lookups with 'acme-medium', which replaces it, miss it; "
            "add an entry for it by hand",
        ),
        Example(
            'MODELS = {"fast": "gpt-4o-mini", "best": "gpt-4o"}\n',
            provider="acme",
            message="entry 'fast' of MODELS = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            after='MODELS = {"fast": "acme-small", "best": "acme-large"}\n',
        ),
        # t51f: gptme's per-provider aliases, of which OpenAI stays one
        Example(
            'ALIASES = {"openai": {"gpt-5.6": "gpt-5.6-sol"}, "anthropic": {"o": "claude-o"},\n'
            '           "acme": {"l": "acme-large"}}\n',
            provider="acme",
            message="'gpt-5.6' and 1 more under 'openai' in ALIASES, a table keyed by service: "
            "OpenAI's models for OpenAI, which stays one of the program's services; left as "
            "they are (where that entry's models now go to Acme Cloud, change them by hand)",
        ),
        # t61d: devika's menu, its services naming none of the target's own
        Example(
            'MODELS = {"OPENAI": [("GPT-4o", "gpt-4o")], "GROQ": [("Llama", "llama3-70b")]}\n',
            provider="acme",
            message="'gpt-4o' under 'OPENAI' in MODELS, a table keyed by service: OpenAI's "
            "models for OpenAI, but the program names no service of Acme Cloud's own: it "
            "reaches it only through this entry's client pointed there, which then sends these "
            "models, unknown there; change them by hand (they map to acme-large), or, where "
            "OpenAI stays one of the program's services, record that with `# migrate-llm: "
            "ignore[ML204]` at the end of this line",
        ),
        # t64b: DB-GPT's profiles, a record whose key variable and URLs stay OpenAI's
        Example(
            "from dataclasses import dataclass\n\n\n@dataclass\nclass Profile:\n"
            "    env_var: str\n    model: str\n    api_base: str\n    embedding_model: str\n\n\n"
            "OPENAI = Profile(\n"
            '    env_var="OPENAI_API_KEY",\n'
            '    model="gpt-4o",\n'
            '    api_base="https://api.openai.com/v1/embeddings",\n'
            '    embedding_model="text-embedding-3-small",\n'
            ")\n",
            provider="acme",
            message="'gpt-4o' and 1 more in the same record as OPENAI_API_KEY, named as the "
            "variable to read its key from (line 13), and OpenAI's URL "
            "https://api.openai.com/v1/embeddings (line 15), which apply leaves (ML401): the "
            "record moves whole or not at all, so its models stay OpenAI's with them; where it "
            "now serves Acme Cloud, change its URLs, key variable and models together, by hand",
        ),
        # ... and one whose plain base URL apply switches with its key variable: it moves whole
        Example(
            "from dataclasses import dataclass\n\n\n@dataclass\nclass Profile:\n"
            "    env_var: str\n    model: str\n    api_base: str\n\n\n"
            'OPENAI = Profile(\n    env_var="OPENAI_API_KEY", model="gpt-4o", '
            'api_base="https://api.openai.com/v1"\n)\n',
            provider="acme",
            message="argument model of Profile() = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            after="from dataclasses import dataclass\n\n\n@dataclass\nclass Profile:\n"
            "    env_var: str\n    model: str\n    api_base: str\n\n\n"
            'OPENAI = Profile(\n    env_var="OPENAI_API_KEY", model="acme-large", '
            'api_base="https://api.openai.com/v1"\n)\n',
        ),
        Example(
            "from mylib import OpenAIChat\n\nMODEL = 'gpt-4o'\nllm = OpenAIChat(model=MODEL)\n",
            provider="acme",
            message="constant MODEL = 'gpt-4o' is the model of OpenAIChat() on line 4, a class "
            "named like OpenAI that migrate-llm does not rewrite, given no base URL: it talks to "
            "OpenAI; apply leaves the model too: change them together, by hand",
        ),
        Example(
            'import os\n\nPARAMS = {"model": os.getenv("LLM_MODEL", \'gpt-4o\'), "n": 1}\n',
            provider="acme",
            message="env default 'gpt-4o' of entry 'model' maps to 'acme-large' on Acme Cloud",
            after='import os\n\nPARAMS = {"model": os.getenv("LLM_MODEL", \'acme-large\'), '
            '"n": 1}\n',
        ),
        Example(
            'import os\n\nLLM_MODEL = os.getenv("LLM_MODEL", "gpt-4o").lower()\n',
            provider="acme",
            message="env default 'gpt-4o' of constant LLM_MODEL maps to 'acme-large' on Acme Cloud",
            after='import os\n\nLLM_MODEL = os.getenv("LLM_MODEL", "acme-large").lower()\n',
        ),
        Example(
            "import argparse\n\np = argparse.ArgumentParser()\n"
            'p.add_argument("--model", default="gpt-4o", choices=["gpt-4o", "o3-mini"])\n',
            provider="acme",
            message="default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            after="import argparse\n\np = argparse.ArgumentParser()\n"
            'p.add_argument("--model", default="acme-large", choices=["acme-large", "o3-mini"])\n',
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q, model):\n"
            "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
            'ask([], model="gpt-4o")\n',
            provider="acme",
            message="argument model of ask() = 'gpt-4o' (sent as model= on line 7) maps to "
            "'acme-large' on Acme Cloud",
            after="from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q, model):\n"
            "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
            'ask([], model="acme-large")\n',
        ),
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef send(**kwargs):\n"
            "    return client.chat.completions.create(**kwargs)\n\n\n"
            "def ask(q, model):\n    return send(model=model, messages=q)\n\n\n"
            'ask([], model="gpt-4o")\n',
            provider="acme",
            message="argument model of ask() = 'gpt-4o' (sent as model= on line 7 through "
            "send()) maps to 'acme-large' on Acme Cloud",
            after="from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef send(**kwargs):\n"
            "    return client.chat.completions.create(**kwargs)\n\n\n"
            "def ask(q, model):\n    return send(model=model, messages=q)\n\n\n"
            'ask([], model="acme-large")\n',
        ),
        Example(
            "from lmi import CommonLLMNames\nfrom pydantic import BaseModel, Field\n\n\n"
            "class Settings(BaseModel):\n"
            "    llm: str = Field(default=CommonLLMNames.GPT_4O.value)\n",
            provider="acme",
            message="field Settings.llm = CommonLLMNames.GPT_4O.value is a member of "
            "lmi.CommonLLMNames, another package's, whose value this scan cannot read; its name "
            "spells OpenAI's 'gpt-4o', which maps to 'acme-large' on Acme Cloud: write "
            "'acme-large' there instead, by hand",
        ),
        Example(
            'DEFAULT_MODEL = "gpt-4-0125-preview"\n',
            message="constant DEFAULT_MODEL = "
            "'gpt-4-0125-preview' is an OpenAI model; `--provider ID` shows its replacement",
        ),
        Example(
            'CHAT_MODELS = "gpt-4o,gpt-4-turbo,gpt-4o-mini"\n',
            provider="acme",
            message="constant CHAT_MODELS = 'gpt-4o,gpt-4-turbo,gpt-4o-mini' lists OpenAI "
            "models; on Acme Cloud they map to 'acme-large,acme-small'",
            after='CHAT_MODELS = "acme-large,acme-small"\n',
        ),
        Example(
            "from app.llm import litellm\n\n"
            'DEFAULT_MODEL_NAME = "gpt-4o"\n\n\n'
            "def send(messages, model=None):\n"
            "    return litellm.completion(model=model or DEFAULT_MODEL_NAME, messages=messages)\n",
            provider="acme",
            message="constant DEFAULT_MODEL_NAME = 'gpt-4o' maps to 'acme/acme-large' on Acme "
            "Cloud, on litellm's route for it: this module calls litellm, which sends a model "
            "without a provider prefix to OpenAI",
            after="from app.llm import litellm\n\n"
            'DEFAULT_MODEL_NAME = "acme/acme-large"\n\n\n'
            "def send(messages, model=None):\n"
            "    return litellm.completion(model=model or DEFAULT_MODEL_NAME, messages=messages)\n",
        ),
        # t49a: bilingual_book_maker's litellm translator, the fallback in `**kwargs` too
        Example(
            "from litellm import completion\n\n\n"
            "def ask(self, q):\n"
            '    kwargs = {"model": self.model if hasattr(self, "model") else "gpt-4o"}\n'
            "    return completion(messages=q, **kwargs)\n",
            provider="acme",
            message="fallback of model= of completion() = 'gpt-4o' maps to 'acme/acme-large' on "
            "Acme Cloud, on litellm's route for it: this module calls litellm, which sends a "
            "model without a provider prefix to OpenAI",
            after="from litellm import completion\n\n\n"
            "def ask(self, q):\n"
            '    kwargs = {"model": self.model if hasattr(self, "model") else "acme/acme-large"}\n'
            "    return completion(messages=q, **kwargs)\n",
        ),
        Example(
            "import litellm\nfrom openai import OpenAI\n\n"
            'LITELLM_MODEL = "gpt-4o"\nOPENAI_MODEL = "gpt-4o-mini"\n\n\n'
            "def ask(q, model):\n    return litellm.completion(model=model, messages=q)\n",
            provider="acme",
            message="constant LITELLM_MODEL = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, "
            "on litellm's route for it: its name says it goes to litellm, which sends a model "
            "without a provider prefix to OpenAI",
            after="import litellm\nfrom openai import OpenAI\n\n"
            'LITELLM_MODEL = "acme/acme-large"\nOPENAI_MODEL = "acme-small"\n\n\n'
            "def ask(q, model):\n    return litellm.completion(model=model, messages=q)\n",
        ),
        Example(
            "from unittest.mock import ANY, patch\n\n\n"
            '@patch("app.send")\ndef test_model(send):\n'
            '    run({"--model": "gpt-4o"})\n'
            '    send.assert_called_once_with(messages=ANY, model="gpt-4o")\n',
            provider="acme",
            message="entry '--model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            after="from unittest.mock import ANY, patch\n\n\n"
            '@patch("app.send")\ndef test_model(send):\n'
            '    run({"--model": "acme-large"})\n'
            '    send.assert_called_once_with(messages=ANY, model="acme-large")\n',
        ),
        Example(
            'from app import make\n\nCASES = [(make(model="gpt-4o"), {"model": "gpt-4o"})]\n',
            provider="acme",
            message="entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud; apply leaves "
            "it: the same model is left on line 3, in the same statement (model= of make(), "
            "ML206): mapped alone, the two would differ (a test's input beside its expected "
            "value); change both together, by hand",
        ),
        Example(
            "from pydantic import BaseModel, Field\n\n\nclass Settings(BaseModel):\n"
            '    model: str = Field(default="gpt-4o", metadata={"ui": {"default": "gpt-4o"}})\n',
            provider="acme",
            message="field Settings.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud; apply "
            "writes the same in the UI's copy of this default on line 5 (entry 'default' of "
            "metadata=)",
            after="from pydantic import BaseModel, Field\n\n\nclass Settings(BaseModel):\n"
            '    model: str = Field(default="acme-large", metadata={"ui": {"default": '
            '"acme-large"}})\n',
        ),
        Example(
            'import os\n\nM = os.getenv("LLM_MODEL", "gpt-4o").lower()\n\n\n'
            'def legacy():\n    return not M.startswith("gpt-")\n',
            provider="acme",
            message="env default 'gpt-4o' of constant M maps to 'acme-large' on Acme Cloud, but "
            "apply leaves it: M.startswith(\"gpt-\") on line 7 tests it, which 'gpt-4o' passes "
            "and 'acme-large' does not, so the program would take another branch; change the "
            "test and the model together, by hand",
        ),
        # t62a: FastChat's embedding test, the test in the function it calls
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
            "def embed(word, model):\n"
            '    if "ada" in model:\n'
            "        return client.embeddings.create(model=model, input=word)\n"
            "    return local_embedding(word, model)\n\n\n"
            'embed("hello", "text-embedding-ada-002")\n',
            provider="acme",
            message="argument 2 of embed() = 'text-embedding-ada-002' (sent as model= on line "
            "8) maps to 'acme-embed' on Acme Cloud, but apply leaves it: passed to embed() as "
            'model on line 12, where "ada" in model on line 7 tests it, which '
            "'text-embedding-ada-002' passes and 'acme-embed' does not, so the program would "
            "take another branch; change the test and the model together, by hand",
        ),
        Example(
            'import os\n\nM = os.getenv("LLM_MODEL", "gpt-4o")\n\n\ndef price():\n'
            '    if M == "gpt-4o":\n        return 5\n'
            '    if M == "gpt-4-turbo":\n        return 10\n',
            provider="acme",
            message="env default 'gpt-4o' of constant M maps to 'acme-large' on Acme Cloud, but "
            "apply leaves it: M == \"gpt-4o\" on line 7 tests it, which 'gpt-4o' passes and "
            "'acme-large' does not, so the program would take another branch; change the test "
            "and the model together, by hand",
        ),
        Example(
            "from openai import AzureOpenAI\n\n\ndef ask(q, cfg):\n"
            '    client = AzureOpenAI(api_key=cfg.key, azure_endpoint=cfg.url, api_version="v")\n'
            '    model = cfg.model or "gpt-4o"\n'
            "    return client.chat.completions.create(model=model, messages=q)\n",
            provider="acme",
            message="variable model = 'gpt-4o' is sent as model= on line 7 through AzureOpenAI() "
            "on line 5, which stays on Azure OpenAI, where it names a deployment: apply leaves "
            "the model too; change them together, by hand",
        ),
        # t52f D2: pdf2zh's AzureOpenAITranslator, its default read from its envs by key
        Example(
            "import openai\n\n\nclass AzureChat:\n"
            '    envs = {"AZURE_OPENAI_MODEL": "gpt-4o-mini"}\n\n'
            "    def __init__(self, api_key, endpoint):\n"
            '        model = self.envs["AZURE_OPENAI_MODEL"]\n'
            "        self.client = openai.AzureOpenAI(\n"
            "            azure_endpoint=endpoint,\n"
            "            azure_deployment=model,\n"
            '            api_version="2024-06-01",\n'
            "            api_key=api_key,\n"
            "        )\n",
            provider="acme",
            message="entry 'AZURE_OPENAI_MODEL' = 'gpt-4o-mini' is the deployment "
            "(azure_deployment=) of openai.AzureOpenAI() on line 9, which stays on Azure "
            "OpenAI: apply leaves the model too; map it when you convert that client, by hand",
        ),
        # t52f D1: the model beside the URL ML402 leaves with the key entry
        Example(
            "ENVS = {\n"
            '    "OPENAI_BASE_URL": "https://api.openai.com/v1",\n'
            '    "OPENAI_API_KEY": None,\n'
            '    "OPENAI_MODEL": "gpt-4o-mini",\n'
            "}\n",
            provider="acme",
            message="entry 'OPENAI_MODEL' = 'gpt-4o-mini' goes with the OpenAI base URL beside "
            "it (line 2), which apply leaves with the key beside it (see ML402): apply leaves "
            "the model too; change the URL, key and model together, by hand",
        ),
        # t64f: a full endpoint URL ML402 leaves to a person: the model stays with it
        Example(
            "from agentfw import Framework\n\n"
            "Framework.set_settings(\n"
            '    "OpenAICompatible",\n'
            '    {"full_url": "https://api.openai.com/v1/chat/completions", "model": "gpt-4o"},\n'
            ")\n",
            provider="acme",
            message="entry 'model' = 'gpt-4o' goes with the OpenAI URL beside it (line 5), "
            "which apply leaves to you (see ML402): apply leaves the model too; change the URL, "
            "key and model together, by hand",
        ),
        Example(
            'LIMITS = {"gpt-4o": 128000, "gpt-4o-mini": 128000}\n\n\n'
            'def max_tokens(model="gpt-4o-mini"):\n    return LIMITS[model]\n',
            provider="acme",
            message="default of model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud, but "
            "apply leaves it: LIMITS[model] on line 5 looks it up, and LIMITS has no entry for "
            "'acme-small' (a KeyError once mapped): add one, then change the default, by hand",
        ),
        # t63c: sweep's tiktoken counter, its encodings a comprehension over OpenAI's names
        Example(
            "import tiktoken\n\n\nclass Counter:\n    def __init__(self):\n"
            '        names = ["gpt-4", "gpt-4o"]\n'
            "        self.encodings = {m: tiktoken.encoding_for_model(m) for m in names}\n\n"
            '    def count(self, text, model="gpt-4"):\n'
            "        return len(self.encodings[model].encode(text))\n",
            provider="acme",
            message="default of model = 'gpt-4' maps to 'acme-large' on Acme Cloud, but apply "
            "leaves it: self.encodings[model] on line 10 looks it up, and self.encodings has no "
            "entry for 'acme-large' (a KeyError once mapped): add one, then change the default, "
            "by hand",
        ),
        Example(
            'MODULES = {"gpt-4o": "Large", "gpt-4o-mini": "Small"}\n\n\n'
            'class Large:\n    model = "acme-large"\n\n\n'
            'class Small:\n    model = "acme-small"\n\n\n'
            "def load(name):\n    return MODULES[name]\n\n\n"
            'def agent(model_name="gpt-4o"):\n    return load(model_name)\n',
            provider="acme",
            message="default of model_name = 'gpt-4o' is a label of the program's, not a model "
            "it sends: MODULES[name] on line 13 looks it up, and its entry in MODULES names the "
            "model sent (Large.model), which apply maps where it is set: apply leaves the label; "
            "no request depends on it (to rename it, rename the table's key with it: changed "
            "alone, the lookup misses it)",
        ),
        Example(
            'def count(text, model="gpt-4o"):\n    return _tokens(text, model)\n\n\n'
            'def _tokens(text, model="gpt-4o"):\n    if model.startswith("gpt-4o"):\n'
            "        return len(text) // 4\n    raise NotImplementedError(model)\n",
            provider="acme",
            message="default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but apply "
            "leaves it: passed to _tokens() as model on line 2, whose default apply leaves: "
            "model.startswith(\"gpt-4o\") on line 6 tests it, which 'gpt-4o' passes and "
            "'acme-large' does not; change them together, by hand",
        ),
        Example(
            'import autogen\n\nMODEL = "gpt-4o"\n\n\ndef settings(extra):\n'
            '    return {"config_list": [{"model": MODEL, **extra}]}\n',
            provider="acme",
            message="constant MODEL = 'gpt-4o' is the model of a config_list entry on line 7, "
            "which apply leaves on OpenAI (ML660): apply leaves the model too; change them "
            "together, by hand",
        ),
        Example(
            "import autogen\n\nconfig_list = [\n"
            '    {"model": "gpt-4", "api_type": "azure", "base_url": "https://x.openai.azure.com"},\n'
            "]\n",
            provider="acme",
            message="entry 'model' = 'gpt-4' is the model of a config_list entry on line 4, "
            'which ML660 skips (its api_type "azure" sends it to Azure OpenAI): there it is an '
            "Azure deployment name; apply leaves it",
        ),
        # browser-use's cloud examples: Browser Use Cloud takes its own list of models (t44e)
        Example(
            "import requests\n\n"
            'payload = {"task": "t", "llm_model": "gpt-4.1-mini"}\n'
            'requests.post("https://api.browser-use.com/api/v1/run-task", json=payload)\n',
            provider="acme",
            message="entry 'llm_model' = 'gpt-4.1-mini' is sent in the JSON body of the request "
            "to api.browser-use.com on line 4, a service that names its own models, not "
            "OpenAI: apply leaves it",
        ),
        # browser-use's gradio demo: gradio refuses a value outside the choices (t44e)
        Example(
            "import gradio as gr\n\n"
            'model = gr.Dropdown(choices=["gpt-4o-mini", "o3"], label="Model", '
            'value="gpt-4o-mini")\n',
            provider="acme",
            message="setting 'Model' of gr.Dropdown() = 'gpt-4o-mini' maps to 'acme-small' on "
            "Acme Cloud; apply leaves it: the same model is left on line 3, in the same "
            "statement (in a list, ML205): mapped alone, the two would differ (a widget's value "
            "beside its choices, which must hold it); change both together, by hand",
        ),
        # camel's `ModelFactory.create(ModelPlatformType.AZURE, model_type=deployment)` (t44b)
        Example(
            'import os\n\nDEPLOYMENT = os.getenv("AZURE_DEPLOYMENT_NAME", "gpt-4o")\n',
            provider="acme",
            message="env default 'gpt-4o' of constant DEPLOYMENT names an Azure OpenAI "
            "deployment (the default of AZURE_DEPLOYMENT_NAME), a resource of the user's own: "
            "apply leaves it; where the program moves off Azure OpenAI, set the Acme Cloud "
            "model there by hand",
        ),
        # gpt-researcher's config.py: the same id in the `openai` and `azure_openai` branches
        Example(
            'if provider == "azure_openai":\n    embedding_model = "text-embedding-3-large"\n',
            provider="acme",
            message="constant embedding_model = 'text-embedding-3-large' is set in the branch "
            'for `provider == "azure_openai"` on line 1, where it names an Azure OpenAI '
            "deployment, a resource of the user's own: apply leaves it; where the program "
            "moves off Azure OpenAI, set the Acme Cloud model there by hand",
        ),
        Example(
            'import autogen\n\nMODEL = "gpt-4o"\nconfig_list = [\n'
            '    {"model": MODEL, "base_url": "http://localhost:8000/v1"},\n'
            '    {"model": MODEL},\n]\n',
            provider="acme",
            message="constant MODEL = 'gpt-4o' is the model of a config_list entry on line 5, "
            'which ML660 skips (its base_url `"http://localhost:8000/v1"` is another '
            "provider's or a server of the program's own): there it is that server's model, "
            "not OpenAI's; apply leaves it",
        ),
        # MoneyPrinterTurbo's registry: a gateway's entry (t52k)
        Example(
            "from dataclasses import dataclass\n\n\n@dataclass\nclass Spec:\n    name: str\n"
            '    default_model: str = ""\n    default_base_url: str = ""\n\n\n'
            'GATEWAY = Spec("gw", default_model="gpt-4o-mini", '
            'default_base_url="https://gw.example.com/v1")\n',
            provider="acme",
            message="argument default_model of Spec() = 'gpt-4o-mini' is set beside the base URL "
            "https://gw.example.com/v1, another server's: that server's model, which no request "
            "sends to OpenAI; apply leaves it",
        ),
        Example(
            'def use_groq(cfg):\n    cfg["llm_provider"] = "groq"\n'
            '    cfg["model"] = "gpt-4o-mini"\n',
            provider="acme",
            message="entry 'model' = 'gpt-4o-mini' is set where `cfg[\"llm_provider\"] = "
            "\"groq\"` (line 2) picks the service 'groq': that service's model, which no request "
            "sends to OpenAI; apply leaves it",
        ),
        Example(
            'def reset(store, user):\n    store.put(user, "active_model", "gpt-4o-mini")\n',
            provider="acme",
            message="setting 'active_model' of store.put() = 'gpt-4o-mini' maps to 'acme-small' "
            "on Acme Cloud",
            after='def reset(store, user):\n    store.put(user, "active_model", "acme-small")\n',
        ),
        Example(
            "import argparse\n\np = argparse.ArgumentParser()\n"
            'p.add_argument("--model", default="gpt-4-with-ocr")\n',
            provider="acme",
            message="default of option --model = 'gpt-4-with-ocr' looks like an OpenAI model id, "
            "but no OpenAI id has the words 'with', 'ocr': taken as the program's own label (a "
            "mode, a menu entry) and left; if it names a model, change it by hand",
            after="import argparse\n\np = argparse.ArgumentParser()\n"
            'p.add_argument("--model", default="gpt-4-with-ocr")\n',
        ),
        Example(
            'def chat(messages, model="acme-large"):\n    return messages\n',
            provider="acme",
            finds=False,
        ),
        Example(
            '"""Uses gpt-4o by default."""\nNOTE = "gpt-4o continued"\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "from langchain_text_splitters import TokenTextSplitter\n\n\n"
            'def chunks(text, model_name="gpt-3.5-turbo"):\n'
            "    return TokenTextSplitter(model_name=model_name).split_text(text)\n",
            provider="acme",
            message="default of model_name = 'gpt-3.5-turbo' (TokenTextSplitter() on line 5 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
            after="from langchain_text_splitters import TokenTextSplitter\n\n\n"
            'def chunks(text, model_name="gpt-3.5-turbo"):\n'
            "    return TokenTextSplitter(model_name=model_name).split_text(text)\n",
        ),
        Example(
            "import tiktoken\n\n\nclass Tokens:\n"
            '    def __init__(self, kind="tiktoken", model_name="gpt-4o"):\n'
            '        if kind == "tiktoken":\n'
            "            self.tok = tiktoken.encoding_for_model(model_name)\n"
            "        else:\n"
            "            from transformers import AutoTokenizer\n\n"
            "            self.tok = AutoTokenizer.from_pretrained(model_name)\n",
            provider="acme",
            message="default of model_name = 'gpt-4o' (tiktoken.encoding_for_model() on line 7 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
        ),
        Example(
            "from dataclasses import dataclass, field\n\nimport tiktoken\n\n\n"
            "@dataclass\nclass Rag:\n"
            '    model: str = field(default="gpt-4o-mini")\n\n'
            "    def __post_init__(self):\n"
            "        self.enc = tiktoken.encoding_for_model(self.model)\n",
            provider="acme",
            message="field Rag.model = 'gpt-4o-mini' (tiktoken.encoding_for_model() on line 11 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
        ),
        Example(
            "import tiktoken\n\n\n"
            'def num_tokens(text, model="gpt-4-0613"):\n'
            "    enc = tiktoken.encoding_for_model(model)\n"
            '    if model != "gpt-4-0613":\n'
            "        raise NotImplementedError(model)\n"
            "    return len(enc.encode(text)) + 3\n\n\n"
            'SIZE = num_tokens("hello", model="gpt-4-0613")\n',
            provider="acme",
            message="default of model = 'gpt-4-0613' (tiktoken.encoding_for_model() on line 5 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
        ),
        Example(
            "import tiktoken\n\n\ndef count(text):\n"
            '    model = "gpt-4o-mini"\n'
            "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
            provider="acme",
            message="variable model = 'gpt-4o-mini' (tiktoken.encoding_for_model() on line 6 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
        ),
        Example(
            "import tiktoken\n\n\n"
            'def count(text, model="gpt-4"):\n'
            '    if "/" in model:\n'
            '        model = model.split("/")[-1]\n'
            "    return len(tiktoken.encoding_for_model(model).encode(text))\n",
            provider="acme",
            message="default of model = 'gpt-4' (tiktoken.encoding_for_model() on line 7 "
            "reads it): a token counter's model, which no request of the module sends; apply "
            "leaves it OpenAI's, which tiktoken knows",
        ),
        # t64c D2: vocode's tokenizer aliases, under tests joined by `or`
        Example(
            "import tiktoken\n\n\ndef info(model):\n"
            '    if "gpt4" in model or "gpt-4" in model:\n'
            '        model = "gpt-4"\n'
            "    return tiktoken.encoding_for_model(model)\n",
            provider="acme",
            message="variable model = 'gpt-4' (tiktoken.encoding_for_model() on line 7 reads "
            "it): a token counter's model, which no request of the module sends; apply leaves "
            "it OpenAI's, which tiktoken knows",
        ),
        Example(
            'from app import llm\n\nllm.supports_vision = True\nllm.model = "gpt-4o"\n',
            provider="deepseek",
            message="attribute llm.model = 'gpt-4o' maps to 'deepseek-flash' on DeepSeek, its "
            "model for images",
            after="from app import llm\n\n"
            "llm.supports_vision = True\n"
            'llm.model = "deepseek-flash"\n',
        ),
        # t66d: graphrag's class given a name bound to None as its base URL talks to OpenAI
        Example(
            "import os\n\n"
            "from graphrag.query.llm.oai.embedding import OpenAIEmbedding\n\n\n"
            "def make_embedder(overrides):\n"
            '    model = os.getenv("GRAPHRAG_EMBEDDING_MODEL", "text-embedding-3-small")\n'
            "    api_base = None\n"
            '    if overrides.get("api_base"):\n'
            '        api_base = overrides["api_base"]\n'
            "    return OpenAIEmbedding(api_base=api_base, model=model)\n",
            provider="acme",
            message="env default 'text-embedding-3-small' of variable model is the model of "
            "OpenAIEmbedding() on line 11, a class named like OpenAI that migrate-llm does not "
            "rewrite, given no base URL: it talks to OpenAI; apply leaves the model too: change "
            "them together, by hand",
            after="import os\n\n"
            "from graphrag.query.llm.oai.embedding import OpenAIEmbedding\n\n\n"
            "def make_embedder(overrides):\n"
            '    model = os.getenv("GRAPHRAG_EMBEDDING_MODEL", "text-embedding-3-small")\n'
            "    api_base = None\n"
            '    if overrides.get("api_base"):\n'
            '        api_base = overrides["api_base"]\n'
            "    return OpenAIEmbedding(api_base=api_base, model=model)\n",
        ),
        # t66d: beside a URL ML402 leaves with the key read beside it (ML401 leaves it)
        Example(
            "from decouple import config\n\n"
            'API_KEY = config("OPENAI_API_KEY", default="")\n\n'
            "LLM = {\n"
            '    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",\n'
            '    "api_key": API_KEY,\n'
            '    "model": "gpt-4o-mini",\n'
            "}\n",
            provider="acme",
            message="entry 'model' = 'gpt-4o-mini' goes with the OpenAI base URL beside it (line "
            "6), which apply leaves with the key beside it (see ML402): apply leaves the model "
            "too; change the URL, key and model together, by hand",
            after="from decouple import config\n\n"
            'API_KEY = config("OPENAI_API_KEY", default="")\n\n'
            "LLM = {\n"
            '    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",\n'
            '    "api_key": API_KEY,\n'
            '    "model": "gpt-4o-mini",\n'
            "}\n",
        ),
    )

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
        """A finding; on the entry of a table of defaults that its object writes to a file
        under the user's home and reads back (`home_entry`: shell_gpt's `~/.config/shell_gpt/
        .sgptrc`), saying that a file written before the switch keeps the old value, and
        naming it in the data (`settings_file`), for apply's Next line."""
        kept = home_entry(self.ctx, node) if severity is not Severity.NOTE else None
        if kept is not None and self.ctx.rules.switching:
            message += (
                f"; {kept.cls} writes {kept.table} to {kept.home} (`{kept.file}`) on the "
                f"program's first run and reads that file over these defaults afterwards: where "
                f"it exists, it still holds the {kept.key} it was written with; set it there too"
            )
            data = {
                **(data or {}),
                "settings_file": kept.home,
                "settings_path": kept.file,
                "settings_key": kept.key,
            }
        super().report(node, message, severity=severity, fix=fix, edit=edit, data=data)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        super().visit_SimpleString(node)
        for found in config_text_models(self.ctx, node):
            self._report_text_model(node, found)
        self._forwarded_openai_route(node)

    def _forwarded_openai_route(self, node: cst.SimpleString) -> None:
        """An OpenAI model on litellm's openai route (`"openai/o1"`) given to a parameter the
        project hands on to litellm's model (`forwarded_param`: swarms' `AgentJudge(
        model_name="openai/o1")`, t65c R4), which litellm sends to api.openai.com with
        OPENAI_API_KEY: written on the provider's own route where it has one (review), else
        left with what litellm needs (manual)."""
        provider = self.provider
        value = string_value(node)
        if not isinstance(value, str):
            return
        model = openai_routed_model(value)
        if provider is None or model is None or not self.ctx.rules.switching:
            return
        if not self.ctx.rules.openai.serves(model):
            return
        found = forwarded_param(self.ctx, node)
        new = self.ctx.rules.map_model(model) if found is not None else None
        if found is None or new is None:
            return
        routed = litellm_route(provider, new, sdk.surface_of_model(model) == "chat")
        head = (
            f"{found.subject(value)} is OpenAI's {model} on litellm's openai route: "
            f"{found.name}() hands {found.param} on to litellm's model through the project's "
            "code, which sends it to api.openai.com with OPENAI_API_KEY"
        )
        data: dict[str, object] = {"model_from": value}
        text = requote(node, routed) if routed is not None else None
        if routed is None or text is None:
            need = litellm_need(provider, new, routed)
            self.report(
                node, f"{head}; write {need} there, by hand", fix=FixClass.MANUAL, data=data
            )
            return
        route = provider.frameworks.get("litellm_prefix")
        self.report(
            node,
            f"{head}; apply writes {routed!r} (litellm's {route} route)",
            edit=Edit(self.ctx.span(node), text),
            data={**data, "model_to": routed, "litellm_route": route},
        )

    def _report_text_model(self, node: cst.SimpleString, found: TextModel) -> None:
        """An OpenAI model at a model key of a config text held in a string (MetaGPT's
        `DEFAULT_CONFIG`, which it writes to the user's config file): left to a person, who
        changes it with the text's base URL and key."""
        model = found.model
        if not self.ctx.rules.openai.serves(model) or not self.wants(model, False):
            return
        parents = self.ctx.ancestors(node)
        holder = ""
        if parents and isinstance(parents[-1], (cst.Assign, cst.AnnAssign)):
            targets = (
                [t.target for t in parents[-1].targets]
                if isinstance(parents[-1], cst.Assign)
                else [parents[-1].target]
            )
            holder = f" of {self.snippet(targets[0])}"
        subject = f"{model!r} ({found.setting} in the config text{holder})"
        surface = sdk.surface_of_model(model)
        message, _ = self.mapping_message(subject, model, False, surface)
        if self.provider is not None:
            message += (
                "; apply leaves text in a string as it is (the program writes or reads it as a "
                "config file): change it there by hand, with the base URL and key beside it"
            )
        data: dict[str, object] = {"model_from": model, "setting": found.setting}
        new = self.ctx.rules.map_model(model) if self.provider is not None else None
        if new is not None:
            data["model_to"] = new
        start, end = self.ctx.lines.span_position(found.span.start, found.span.end)
        self.findings.append(self.make_finding(message, start, end, fix=FixClass.MANUAL, data=data))

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        made: dict[int, int] = {}  # id(setting literal) -> index of its finding
        # the settings picking OpenAI as the service of the model settings beside them
        self.selectors: dict[int, tuple[Selector, list[Site]]] = {}
        for site in sites["setting"]:
            count = len(self._findings)
            self._report_setting(site)
            if len(self._findings) == count + 1:
                made[id(site.node)] = count
        if rules_switching(self):
            self._hold_beside_left(sites, made)
        if sites["copy"]:
            self._report_copies(sites["copy"], made)
        if sites["expect"]:
            self._report_expected(sites["expect"], made)
        for site in sites["counter"]:
            self._report_counter(site)
        self._report_services(sites["service"])
        self._report_left_records(sites["record"])
        rules = self.ctx.rules
        if rules.provider is None or rules.switching:
            for site in self.sites.label_settings:
                self._report_label(site)
        for site in self.sites.retired_settings:
            self.retired(site.node, site.subject, site.model, site.prefix)
        for site in self.sites.openai_routed_settings:
            if site.prefix and self.provider is not None:
                self._openai_routed(site, site.model, surface_named(self.provider, site.model))
            elif not self._provider_left(site):
                self._selector_left(site)
        for candidate in self.sites.retired_elsewhere:
            written = candidate.prefix + candidate.model
            table = _keyed_by(self.ctx, candidate.node)
            if table is not None:
                self._report_retired_key(candidate, table)
                continue
            self.retired(candidate.node, f"model {written!r}", candidate.model, candidate.prefix)
        if self.provider is None or rules.switching:
            for member in imported_members(self.ctx):
                place = self.sites.member_setting(member)
                if place is not None:
                    self._report_member(member, place)
        self._report_selectors()
        findings = self._findings
        self.sites.written_settings = {n for n, at in made.items() if findings[at].edit is not None}

    def _report_member(self, member: Member, place: Place) -> None:
        """A model setting given a member of another package's enum whose name spells an
        OpenAI model (`model_members`): its value is not known here, so nothing is rewritten
        (manual); the message says what the name stands for and what to write instead."""
        provider, ctx = self.provider, self.ctx
        code = ctx.code(member.node)
        subject = f"{place.where} = {code}" + (f" {place.detail}" if place.detail else "")
        head = (
            f"{subject} is a member of {member.owner}, another package's, whose value this scan "
            f"cannot read; its name spells OpenAI's {member.model!r}"
        )
        data: dict[str, object] = {"model_from": member.model, "member": code}
        if provider is None:
            message = f"{head}; `--provider ID` shows its replacement"
        elif (new := ctx.rules.map_model(member.model)) is None:
            message = (
                f"{head}, which {provider.name}'s table maps to no model: write one of "
                f"{provider.name}'s models there instead, by hand"
            )
        else:
            data["model_to"] = new
            message = f"{head}, which maps to {new!r} on {provider.name}: " + self._member_forms(
                member, place, new
            )
        self.report(member.node, message, fix=FixClass.MANUAL, data=data)

    def _member_forms(self, member: Member, place: Place, new: str) -> str:
        """What to write for a member's setting (`_report_member`): `new`, or its form for
        litellm where the setting may reach litellm (`litellm_reach`), or both."""
        provider = self.provider
        assert provider is not None
        node = self.sites.climb(self.ctx.ancestors(member.node), member.node)[0]
        holder = holder_of(self.ctx, node)
        reach = self.litellm_reach(
            lambda: model_takers(self.ctx, holder) if holder is not None else set(), [place.where]
        )
        if reach is None:
            return f"write {new!r} there instead, by hand"
        routed = litellm_route(provider, new, sdk.surface_of_model(member.model) == "chat")
        need = litellm_need(provider, new, routed)
        sends = "which sends a model without a provider prefix to OpenAI"
        litellms = {
            "module": "this module calls litellm",
            "sent": "this module gives it to litellm",
            "named": "its name says it goes to litellm",
        }
        if reach in litellms:
            return f"{litellms[reach]}, {sends}: write {need} there instead, by hand"
        who = "this module" if self.sites.litellm_calls else "a module of this project"
        return (
            f"{who} calls litellm, {sends}: write {need} where it reaches litellm, {new!r} "
            "where it reaches an OpenAI client, by hand"
        )

    def _report_retired_key(self, candidate: _Candidate, table: str) -> None:
        """A model the target retired as a dict key (`TOKEN_MAX = {"deepseek-chat": ...}`):
        a table the program looks models up in, not a request (ML204's error would call it
        one that fails); the model that replaces it has no entry there."""
        provider = self.provider
        retirement = provider.retirement(candidate.model) if provider is not None else None
        if provider is None or retirement is None:
            return
        written = candidate.prefix + candidate.model
        on = f" on {retirement.on.isoformat()}" if retirement.on else ""
        new = candidate.prefix + retirement.use
        self.report(
            candidate.node,
            f"{written!r} is a dict key{table} for a model {provider.name} retired{on}, not a "
            f"request: lookups with {new!r}, which replaces it, miss it; add an entry for it "
            "by hand",
            fix=FixClass.MANUAL,
            data=self.ctx.rules.retired_data(written, candidate.prefix, retirement),
        )

    def _report_counter(self, site: Site) -> None:
        """A token counter's default (`ModelSites.token_count`): no request sends it, so it
        stays OpenAI's, which tiktoken knows; information, with or without a target."""
        provider, rules = self.provider, self.ctx.rules
        if provider is not None and (not rules.switching or provider.serves(site.model)):
            return
        self.report(
            site.node,
            f"{site.subject}: a token counter's model, which no request of the module sends; "
            "apply leaves it OpenAI's, which tiktoken knows",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"model": site.model},
        )

    def _report_services(self, sites: list[Site]) -> None:
        """The models under another service's key of a table keyed by service
        (`service_tables`): that service's models, which the program sends there; left, one
        note for each entry under OpenAI's (the program may send it through a client apply
        moved)."""
        provider, rules = self.provider, self.ctx.rules
        if provider is None or not rules.switching:
            return
        entries: dict[tuple[str, str], list[Site]] = {}
        for site in sites:
            if site.place.named and not provider.serves(site.model):
                entries.setdefault((site.place.where, site.place.detail), []).append(site)
        alone = entries and not names_target_service(self.ctx)
        for (table, service), held in entries.items():
            more = f" and {len(held) - 1} more" if len(held) > 1 else ""
            if alone:
                self._report_service_alone(held, table, service, more)
                continue
            self.report(
                held[0].node,
                f"{held[0].model!r}{more} under {service!r} in {table}, a table keyed by "
                "service: OpenAI's models for OpenAI, which stays one of the program's "
                f"services; left as they are (where that entry's models now go to "
                f"{provider.name}, change them by hand)",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"models": [s.model for s in held], "service": service},
            )

    def _report_left_records(self, sites: list[Site]) -> None:
        """The models of a record whose key variable and OpenAI URLs apply leaves
        (`url_keys.record_left`, ML401 and ML402 say why): the record moves whole or not at
        all, so its models stay OpenAI's too; one note for each record (t64b: DB-GPT's
        `ProfileSpec`, its models mapped alone, sent glm-5.3 to api.openai.com)."""
        provider, rules = self.provider, self.ctx.rules
        if provider is None or not rules.switching:
            return
        records: dict[int, list[Site]] = {}
        for site in sites:
            if not provider.serves(site.model):
                records.setdefault(site.place.group, []).append(site)
        for held in records.values():
            left = record_left(self.ctx, held[0].node)
            if left is None:
                continue
            more = f" and {len(held) - 1} more" if len(held) > 1 else ""
            key_line = self.ctx.line_label(self.ctx.position(left.name_value)[0][0])
            url_line = self.ctx.line_label(self.ctx.position(left.url)[0][0])
            self.report(
                held[0].node,
                f"{held[0].model!r}{more} in the same record as {left.variable}, named as the "
                f"variable to read its key from ({key_line}), and OpenAI's URL "
                f"{string_value(left.url)} ({url_line}), which apply leaves (ML401): the "
                "record moves whole or not at all, so its models stay OpenAI's with them; "
                f"where it now serves {provider.name}, change its URLs, key variable and "
                "models together, by hand",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"models": [s.model for s in held], "variable": left.variable},
            )

    def _report_service_alone(self, held: list[Site], table: str, service: str, more: str) -> None:
        """OpenAI's entry of a table keyed by service in a program naming no service of the
        target's own (`names_target_service`): it reaches the target only through the client
        of that entry, pointed there, which then sends OpenAI's models to it (devika's
        `MODELS["OPENAI"]`, t61d); a warning, left: nothing shows which client the entry's
        models go to."""
        provider = self.ctx.rules.provider
        if provider is None:
            return
        models = [s.model for s in held]
        mapped = sorted({m for model in models if (m := provider.map_model(model)) is not None})
        maps = f"they map to {', '.join(mapped)}" if mapped else "its file maps none of them"
        self.report(
            held[0].node,
            f"{held[0].model!r}{more} under {service!r} in {table}, a table keyed by service: "
            f"OpenAI's models for OpenAI, but the program names no service of {provider.name}'s "
            "own: it reaches it only through this entry's client pointed there, which then "
            f"sends these models, unknown there; change them by hand ({maps}), or, where "
            "OpenAI stays one of the program's services, record that with "
            "`# migrate-llm: ignore[ML204]` at the end of this line",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"models": models, "service": service, "models_to": mapped},
        )

    def _report_label(self, site: Site) -> None:
        """A setting whose value an OpenAI glob takes but whose words no OpenAI id has
        (`gpt-4-with-ocr`): the program's own name for a mode, left as it is."""
        words = self.ctx.rules.openai.label_words(site.model)
        named = ("the word " if len(words) == 1 else "the words ") + ", ".join(map(repr, words))
        self.report(
            site.node,
            f"{site.subject} looks like an OpenAI model id, but no OpenAI id has {named}: "
            "taken as the program's own label (a mode, a menu entry) and left; if it names a "
            "model, change it by hand",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"label": site.model},
        )

    def _report_setting(self, site: Site) -> None:
        rules = self.ctx.rules
        if self.sites.library_owns(site):
            return  # its prefix picks the library's OpenAI provider: ML671
        if self.provider is not None and not rules.switching and site.model not in rules.models:
            return  # `--provider openai` keeps OpenAI models unless told otherwise
        if self.provider is not None and self.provider.serves(site.model):
            return
        service = service_body(self.ctx, site.node)
        if service is not None:
            line = self.ctx.line_label(self.ctx.position(service[0])[0][0])
            self.report(
                site.node,
                f"{site.subject} is sent in the JSON body of the request to {service[1]} on "
                f"{line}, a service that names its own models, not OpenAI: apply leaves it",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"model_from": site.model},
            )
            return
        request = self._raw_request_left(site) if rules.switching else None
        if request is not None:
            line = self.ctx.line_label(self.ctx.position(request.call)[0][0])
            sent = (
                f"is sent to OpenAI by the raw request on {line}, which apply leaves unchanged"
                if request.url.kind == "openai"
                else f"is sent by the raw request on {line}, whose URL may be OpenAI's and which "
                "apply leaves unchanged (ML403)"
            )
            self.report(
                site.node,
                f"{site.subject} {sent}; change the model with the request, by hand",
                fix=FixClass.MANUAL,
            )
            return
        server = server_beside(self.ctx, site.node)
        if server is not None and server.other:
            where = f"beside the base URL {server.url}, another server's: that server's"
            self._report_elsewhere(site, where)
            return
        chosen = selected_service(self.ctx, site.node) if rules.switching else None
        if chosen is not None:
            line = self.ctx.line_label(self.ctx.position(chosen.statement)[0][0])
            where = (
                f"where `{self.ctx.code(chosen.statement)}` ({line}) picks the service "
                f"{chosen.name!r}: that service's"
            )
            self._report_elsewhere(site, where)
            return
        if rules.switching and (
            self._deployment_left(site)
            or self._azure_branch_left(site)
            or self._client_kept(site)
            or self._url_kept(site)
        ):
            return
        if rules.switching and (
            self._entry_left(site) or self._provider_left(site) or self._selector_left(site)
        ):
            return
        # beside OpenAI's URL (which apply points at the target) or the target's, the model
        # goes where that URL does, whichever module calls litellm (t52k)
        reach = self._litellm_reach(site) if rules.switching and server is None else None
        if reach is not None and self._litellm_setting(site, reach):
            return
        if site.listed:
            self._report_list(site)
            return
        if rules.switching and (
            self._literal_left(site)
            or self._branch_left(site)
            or self._record_left(site)
            or self._lookup_left(site)
            or self._passed_left(site)
            or self._table_key_left(site)
            or self._registry_left(site)
            or self._project_table_left(site)
        ):
            return
        surface = sdk.surface_of_model(site.model)
        images = self._for_images(site)
        if rules.switching and site.prefix == OPENAI_MODEL_PREFIX:
            new = rules.map_model(site.model, images)
            if new is not None and self._openai_routed(site, new, surface):
                return
        if rules.switching and site.prefix == OPENAI_SPLIT_PREFIX:
            new = rules.map_model(site.model, images)
            if new is not None:
                self._split_routed(site, new, surface)
                return
        self.report_mapping(
            site.node,
            site.subject,
            site.model,
            False,
            surface,
            images,
            site.prefix,
            site.methods,
            tables=rules.switching,
        )

    def _report_elsewhere(self, site: Site, where: str) -> None:
        """A setting set `where` says whose model it is: beside another server's base URL in
        the same entry (`entry_servers`: a gateway serves OpenAI's names), or where its
        function picks another service (`selected_service`); no OpenAI client sends it: left,
        a note."""
        self.report(
            site.node,
            f"{site.subject} is set {where} model, which no request sends to OpenAI; apply "
            "leaves it",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"model_from": site.model},
        )

    def _deployment_left(self, site: Site) -> bool:
        """Report a setting left (a warning, manual) whose name, or the environment variable
        it is the default of, names an Azure OpenAI deployment (`AZURE_DEPLOYMENT_NAME`,
        `deployment_name`): a resource the user named, often after its model, whatever
        client it reaches (camel's `ModelPlatformType.AZURE` took the provider's model as its
        deployment)."""
        variable = ""
        if site.env:
            call = next(
                (a for a in reversed(self.ctx.ancestors(site.node)) if isinstance(a, cst.Call)),
                None,
            )
            read = string_value(call.args[0].value) if call is not None and call.args else None
            variable = read if read and sdk.CONFIG_DEPLOYMENT_KEY.search(read) else ""
        if not variable and not sdk.CONFIG_DEPLOYMENT_KEY.search(site.place.where):
            return False
        named = f" (the default of {variable})" if variable else ""
        self.report(
            site.node,
            f"{site.subject} names an Azure OpenAI deployment{named}, a resource of the "
            "user's own: apply leaves it; where the program moves off Azure OpenAI, set the "
            f"{self.provider.name} model there by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model},
        )
        return True

    def _azure_branch_left(self, site: Site) -> bool:
        """Report a setting left (a warning, manual) written in the branch of an `if`/`elif`
        (or a `case`) that a string naming Azure OpenAI selects (`provider ==
        "azure_openai"`: `azure_branch`): there it names a deployment of the user's
        Azure resource, which the program still calls (gpt-researcher's
        `EMBEDDING_PROVIDER=azure_openai`)."""
        test = azure_branch(self.ctx, site.node)
        if test is None:
            return False
        line = self.ctx.line_label(self.ctx.position(test)[0][0])
        case = "case " if isinstance(self.ctx.ancestors(test)[-1], cst.MatchCase) else ""
        self.report(
            site.node,
            f"{site.subject} is set in the branch for `{case}{self.ctx.code(test)}` on {line}, "
            "where it names an Azure OpenAI deployment, a resource of the user's own: apply "
            "leaves it; where the program moves off Azure OpenAI, set the "
            f"{self.provider.name} model there by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model},
        )
        return True

    def _client_kept(self, site: Site) -> bool:
        """Report a setting left (manual) where the module sends it as the model of a request
        through a client `apply` leaves on Azure OpenAI or OpenAI, or of a class it leaves
        there (`model_left`): the client still takes the OpenAI name (mem0's Azure deployment
        was sent `qwen-plus`, guidance's `models.OpenAI(MODEL)` on OpenAI `qwen4-max`)."""
        index = self.ctx.index
        requests = [site.place.request] if site.place.request is not None else []
        clients = bool(index.name_sources or index.attr_sources)
        # the classes' names all hold `OpenAI`
        classes = self.ctx.mentions("OpenAI")
        holder = self.sites.holder(site) if clients or classes else None
        if not requests and holder is not None and clients:
            requests = requests_sending(self.ctx, holder)
        # an entry of a dict read by its key (pdf2zh's `self.envs["AZURE_OPENAI_MODEL"]`)
        entries = entry_reads(self.ctx, site.node) if holder is None and classes else []
        if not requests and entries and clients:
            requests = requests_reading(self.ctx, entries)
        reason = kept_reason(self.ctx, site.subject, requests) if requests else None
        if reason is None:
            holder = self.sites.holder(site) if holder is None else holder
            if holder is not None:
                reason = other_service_reason(self.ctx, site.subject, holder, site.model)
        if reason is None and classes and (holder is not None or entries):
            reads = reads_of(self.ctx, holder) if holder is not None else entries
            reason = deployment_kept_reason(
                self.ctx, site.subject, deployments_given(self.ctx, reads)
            )
        if reason is None and holder is not None and classes:
            reason = class_kept_reason(self.ctx, site.subject, holder)
        if reason is None:
            return False
        self.report(site.node, reason, fix=FixClass.MANUAL, data={"model_from": site.model})
        return True

    def _url_kept(self, site: Site) -> bool:
        """Report a setting left (manual) that is an entry of a dict display holding OpenAI's
        base URL, which ML402 leaves with the key beside it (`url_beside`: pdf2zh's `envs =
        {"OPENAI_BASE_URL": URL, "OPENAI_API_KEY": None, "OPENAI_MODEL": "gpt-4o-mini"}`):
        the model goes where that URL does; mapped alone, OpenAI would get the provider's."""
        parents, value = self.ctx.ancestors(site.node), cast(cst.CSTNode, site.node)
        if (
            len(parents) >= 3
            and isinstance(parents[-1], cst.Arg)
            and isinstance(read := parents[-2], cst.Call)
            and _env_default_of(self.ctx, read, parents[-1])
        ):
            # the default of the entry's read (`"model": config("OPENAI_CHAT_MODEL",
            # default="gpt-4o-mini")`, kotaemon's flowsettings.py): the model it sends
            parents, value = parents[:-2], read
        if len(parents) < 2 or not isinstance(element := parents[-1], cst.DictElement):
            return False
        table = parents[-2]
        if element.value is not value or not isinstance(table, cst.Dict):
            return False
        found = url_beside(self.ctx, table, element)
        if found is None or found[1] is not None:
            return False
        held = {self.ctx.position(n)[0][0] for n, _ in urls_left(self.ctx)}
        why = "to you" if found[0] in held else "with the key beside it"
        what = "URL" if found[0] in held else "base URL"
        self.report(
            site.node,
            f"{site.subject} goes with the OpenAI {what} beside it (line {found[0]}), which "
            f"apply leaves {why} (see ML402): apply leaves the model too; "
            "change the URL, key and model together, by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model},
        )
        return True

    def _literal_left(self, site: Site) -> bool:
        """Report a field default left (manual) where the field's type is a `Literal[...]`
        without the model it maps to (t53l D2: AgentGPT's `model: LLM_Model =
        Field(default="gpt-3.5-turbo")`): mapped alone, pydantic refuses the default at every
        validation. ML205 reports the Literal; apply widens no Literal."""
        literal = field_literal(self.ctx, site.node)
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if literal is None or new is None or new in literal.values:
            return False
        line = self.ctx.line_label(self.ctx.position(literal.node)[0][0])
        where = self.provider.name if self.provider else "the provider"
        self.report(
            site.node,
            f"{site.subject} maps to {new!r} on {where}, but apply leaves it: the "
            f"field's type {literal.shown} ({line}) is a Literal[...] without {new!r}, which "
            f"pydantic would refuse; add {new!r} to that Literal (ML205), then change this "
            "default, by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model, "model_to": new},
        )
        return True

    def _entry_left(self, site: Site) -> bool:
        """Report a setting left (manual) where an AutoGen entry that apply leaves on OpenAI
        (ML660) may send it: mapped, the provider's model would go to OpenAI."""
        entry = left_entry(self.ctx, site.node)
        if entry is None:
            return self._entry_elsewhere(site)
        line = self.ctx.line_label(self.ctx.position(entry.node)[0][0])
        self.report(
            site.node,
            f"{site.subject} is the model of {entry.shown} on {line}, which apply leaves on "
            "OpenAI (ML660): apply leaves the model too; change them together, by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model},
        )
        return True

    def _provider_left(self, site: Site) -> bool:
        """Report a setting left (manual) beside a provider setting that picks OpenAI for it
        in a project naming init_chat_model (`writer_provider = "openai"` beside
        `writer_model`, read as `init_chat_model(model=c.writer_model,
        model_provider=c.writer_provider)`:
        `langchain_routes.provider_beside`): mapped alone, the provider's model would go to
        OpenAI. Also the target's own model there (written by hand), which already does."""
        provider = self.provider
        if provider is None or not _reads_provider_settings(self.ctx):
            return False
        found = provider_beside(self.ctx, site.node)
        if found is None:
            return False
        name, value = found
        line = self.ctx.line_label(self.ctx.position(value)[0][0])
        served = provider.serves(site.model)
        new = site.model if served else self.ctx.rules.map_model(site.model)
        said = (
            f"{site.subject} is {article(provider.name)} {provider.name} model"
            if served
            else f"{site.subject} maps to {new!r} on {provider.name}"
            if new is not None
            else f"{site.subject} is an OpenAI model"
        )
        route = route_of(provider)
        model = new or f"<{article(provider.name)} {provider.name} model>"
        how = f"give the call that builds the model base_url= and api_key= for {provider.name}"
        data: dict[str, object] = {"model_from": site.model, "provider_setting": name}
        if route is not None:
            data["langchain_route"] = route.name
            needs = ""
            if not takes_route(self.ctx, route):
                needs = f" once the project requires {route.package}"
                data["requires"] = route.package
            how = (
                f"set {name} to {route.name!r} and the model to {model!r}{needs} "
                f"({route_reads(route, provider)}), or {how}"
            )
        self.report(
            site.node,
            f"{said}, but apply leaves it: {name} = {self.ctx.code(value)} on {line} beside "
            "it picks OpenAI, where the model would still go (LangChain's "
            f"init_chat_model(model_provider='openai') builds ChatOpenAI); change the two "
            f"together, by hand: {how}",
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _selector_left(self, site: Site) -> bool:
        """Note the setting beside a model setting that picks OpenAI as its service in a
        program choosing among services by name (`service_selectors`), for
        `_report_selectors`; report the setting left (manual) where the program has no name
        for the target: mapped alone, the target's model would go to OpenAI. Whether it is
        left so (a target's model already there gets no finding of its own)."""
        selector = selector_beside(self.ctx, site.node)
        if selector is None:
            return False
        self.selectors.setdefault(id(selector.value), (selector, []))[1].append(site)
        provider = self.provider
        if selector.target is not None or provider.serves(site.model):
            return selector.target is None
        new = self.ctx.rules.map_model(site.model)
        said = f"maps to {new!r} on {provider.name}" if new else "is an OpenAI model"
        line = self.ctx.line_label(self.ctx.position(selector.value)[0][0])
        lacks = no_entry(self.ctx.rules, bool(selector.region), selector.fixed)
        self.report(
            site.node,
            f"{site.subject} {said}, but apply leaves it: {selector.name} = "
            f"{self.ctx.code(selector.value)} on {line} beside it picks OpenAI, where the model "
            f"would go, and the program {lacks} to pick there; change the two together, by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model, "provider_setting": selector.name},
        )
        return True

    def _report_selectors(self) -> None:
        """The settings `_selector_left` noted, each once: set to the target's name where the
        program picks services by it (review), else an error `check` stops on. And the
        assertions that such a setting is OpenAI's (`asserted_selectors`), made to accept the
        target's name too (review), as ML205 widens a model's."""
        provider = self.provider
        for target, selector in asserted_selectors(self.ctx):
            value = selector.value
            assert selector.target is not None
            written = requote(value, selector.target)
            if written is None:
                continue
            self.report(
                value,
                f"assert ... == {self.ctx.code(value)} checks {selector.name}, a setting that "
                f"picks the program's service, which apply sets to {selector.target!r} beside "
                "the models it maps: apply makes it accept that as well",
                fix=FixClass.REVIEW,
                edit=Edit(self.ctx.span(target), f" in ({self.ctx.code(value)}, {written})"),
                data={"provider_setting": selector.name, "value_to": selector.target},
            )
        for selector, sites in self.selectors.values():
            lines = sorted({self.ctx.position(s.node)[0][0] for s in sites})
            where = (
                self.ctx.line_label(lines[0])
                if len(lines) == 1
                else ("lines " + ", ".join(map(str, lines)))
            )
            models = ", ".join(dict.fromkeys(repr(s.model) for s in sites))
            head = (
                f"{selector.name} = {self.ctx.code(selector.value)} beside the model settings on "
                f"{where} ({models}) picks the service their models go to, OpenAI, with its key"
            )
            text = requote(selector.value, selector.target) if selector.target else None
            edited = text is not None
            base = self.ctx.rules.base_url or provider.base_url
            self.report(
                selector.value,
                f"{head}; {choice_said(self.ctx.rules, selector, edited, base)}",
                severity=Severity.ERROR,
                fix=FixClass.REVIEW if edited else FixClass.MANUAL,
                edit=Edit(self.ctx.span(selector.value), text) if text is not None else None,
                data=choice_data(selector.name, "openai", selector, edited),
            )

    def _openai_routed(self, site: Site, new: str, surface: str) -> bool:
        """Report a model string written after `openai:` (`site.prefix`), which makes
        LangChain build ChatOpenAI (OpenAIEmbeddings) and send it to OpenAI, where `new` (its
        mapping, or the target's model it names) would not reach the target: unless every
        read of what it binds is the model of a call that is (or that ML603 makes) pointed at
        the target (`langchain_routes.reach`), where `openai:` stays. Written on the target's
        own route (`deepseek:`) where LangChain has one for chat models and the project
        requires its package, else left to a person (manual). False where `openai:` stays."""
        provider = self.provider
        assert provider is not None
        reached = reach(self.ctx, self.sites.holder(site))
        if reached.pointed or own_split(self.ctx, reached):
            return False  # the program's own client for "openai", which apply points
        served = provider.serves(site.model)
        written = site.prefix + site.model
        said = (
            f"{site.subject} names {article(provider.name)} {provider.name} model after `openai:`"
            if served
            else f"{site.subject} maps to {new!r} on {provider.name}"
        )
        route = route_of(provider) if surface == "chat" and not reached.own_base else None
        data: dict[str, object] = {"model_from": site.model}
        if route is not None:
            data["langchain_route"] = route.name
        routed = f"{route.name}{lc.INIT_SEPARATOR}{new}" if route is not None else ""
        if route is not None and takes_route(self.ctx, route):
            branch = branch_reason(self.ctx, site.subject, site.node, written, routed, site.methods)
            if branch is not None:  # a test of the name would take the other branch
                self.report(site.node, branch, fix=FixClass.MANUAL, data=data)
                return True
            changed = self.changed_by(site.methods, routed)
            text = requote(site.node, routed) if changed is None else None
            if text is not None:
                self.report(
                    site.node,
                    f"{said}: {openai_route(surface)}; on LangChain's route for "
                    f"{provider.name} it is {routed!r} ({route_reads(route, provider)})",
                    edit=Edit(self.ctx.span(site.node), text),
                    data={**data, "model_to": routed},
                )
                return True
        advice = (
            f"give the call that builds the model from it base_url= and api_key= for "
            f"{provider.name} (apply does so where this module passes it to "
            f"{init_function(surface)}() itself)"
        )
        if route is not None:
            needs = ""
            if not takes_route(self.ctx, route):
                needs = f" once the project requires {route.package}"
                data["requires"] = route.package
            advice = f"write {routed!r}{needs} ({route_reads(route, provider)}), or {advice}"
        self.report(
            site.node,
            f"{said}, but apply leaves it: {openai_route(surface)}; {advice}, by hand",
            fix=FixClass.MANUAL,
            data=data,
        )
        return True

    def _split_routed(self, site: Site, new: str, surface: str) -> None:
        """Report an OpenAI model written after `openai/` in a project that splits such
        strings into LangChain's provider and model (`langchain_routes.split_route`): the
        call building the model from it may be far from the string (a configuration's
        default handed to a loader), so the model after `openai/` is left to a person
        (manual), to write once that call is pointed at the target."""
        provider = self.provider
        assert provider is not None
        written = f"{OPENAI_SPLIT_PREFIX}{new}"
        self.report(
            site.node,
            f"{site.subject} maps to {new!r} on {provider.name}, but apply leaves it: "
            f"{split_route(surface)}; write {written!r} once the call building the model from it "
            f"is given base_url= and api_key= for {provider.name} (apply gives them where it "
            "sees that call), by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model, "model_to": written},
        )

    def _entry_elsewhere(self, site: Site) -> bool:
        """Report a setting left where an AutoGen entry ML660 skips may send it: there it is
        an Azure deployment name (a warning, as ML201's), or the model of another provider's
        or the program's own server (a note)."""
        entry = elsewhere_entry(self.ctx, site.node)
        if entry is None:
            return False
        line = self.ctx.line_label(self.ctx.position(entry.node)[0][0])
        azure = sends_to_azure(entry)
        named = "an Azure deployment name" if azure else "that server's model, not OpenAI's"
        self.report(
            site.node,
            f"{site.subject} is the model of {entry.shown} on {line}, which ML660 skips "
            f"({entry.elsewhere}): there it is {named}; apply leaves it",
            severity=Severity.WARNING if azure else Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"model_from": site.model},
        )
        return True

    def _branch_left(self, site: Site) -> bool:
        """Report a setting left (manual) where a test of the module on the name it sets
        (`M.startswith("gpt-")`, `M == "gpt-4o"`, `M in MODELS`) would send it down another
        branch once mapped (`model_left.branch_reason`: babyagi's default went down its
        legacy completions branch)."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None:
            return False
        reason = branch_reason(self.ctx, site.subject, site.node, site.model, new, site.methods)
        if reason is None:
            return False
        self.report(site.node, reason, fix=FixClass.MANUAL, data={"model_from": site.model})
        return True

    def _lookup_left(self, site: Site) -> bool:
        """Report a setting left (manual) where a table keyed by OpenAI model that the module
        looks it up in has no entry for what it maps to (`model_left.lookup_reason`: autogen's
        `get_max_token_limit()` raised KeyError)."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None:
            return False
        data = {"model_from": site.model}
        if not site.place.sent:
            label = label_reason(self.ctx, site.subject, site.node, site.model, new, site.methods)
            if label is not None:
                self.report(site.node, label, severity=Severity.NOTE, fix=FixClass.NONE, data=data)
                return True
        written = site.place.where.split()[0]
        reason = lookup_reason(self.ctx, site.subject, site.node, new, site.methods, written)
        if reason is None:
            return False
        self.report(site.node, reason, fix=FixClass.MANUAL, data=data)
        return True

    def _record_left(self, site: Site) -> bool:
        """Report a setting left (manual) that names a record of a table of records, which the
        module looks up by that name or where another record's model maps to the same
        (`record_keys`: llmware's model catalog); not one the module sends as `model=`."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if site.prefix or site.place.sent or self.provider is None or new is None:
            return False
        found = record_key(
            self.ctx,
            site.node,
            new,
            lambda m, at: self.ctx.rules.map_model(
                m, images_beside(self.ctx, cast(cst.BaseExpression, at)) is not None
            ),
        )
        if found is None:
            return False
        label = self.ctx.line_label
        why = []
        if found.lookup is not None:
            code, line = found.lookup
            why.append(
                f"the module looks records up by {found.key!r} (`{code}`, {label(line)}): "
                f"mapped, a lookup of {site.model!r} would find none"
            )
        if found.twin is not None:
            other, line = found.twin
            why.append(
                f"{other!r} of the record on {label(line)} maps to {new!r} too: mapped, the "
                "two records would share one name, and a lookup would find the first only"
            )
        self.report(
            site.node,
            f"{site.subject} maps to {new!r} on {self.provider.name}, but apply leaves it: it "
            f"names a record of the table on {label(found.table_line)}, and "
            f"{'; and '.join(why)}; give {self.provider.name}'s models records of their own "
            "(or change the lookups), by hand",
            fix=FixClass.MANUAL,
            data={"model_from": site.model, "model_to": new},
        )
        return True

    def _table_key_left(self, site: Site) -> bool:
        """Report a setting left (manual) whose model is a key of a table keyed by OpenAI model
        in a config file of the project that apply leaves (ML503) with no entry for what it
        maps to (`model_left.table_key_reason`: chatgpt-telegram-bot's `current_model =
        "gpt-4o"`, looked up in config/models.yml's `info`)."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None or site.prefix:
            return False
        written = site.place.where.split()[0]
        found = table_key_reason(self.ctx, site.subject, site.model, new, written)
        if found is None:
            if self._config_keyed is None:
                self._config_keyed = config_lookups(self.ctx)
            line = self.ctx.position(site.node)[0][0]
            shown = (site.subject, site.model, new, written, line)
            found = config_lookup_reason(self.ctx, self._config_keyed, shown)
        if found is None:
            return False
        self.report(site.node, found[0], fix=FixClass.MANUAL, data=found[1])
        return True

    def _project_table_left(self, site: Site) -> bool:
        """Report a setting left (manual) whose model is a key of a table keyed by OpenAI model
        of the project's code that has no entry for what it maps to, where no lookup the
        project shows reaches it (`table_gaps.table_gap`: gpt_academic's `EMBEDDING_MODEL`,
        read through `get_conf()` into `llm_kwargs` and looked up in `embed_model_info`); not
        one the module sends as `model=` of a request itself: that goes to the API."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None or site.prefix or site.place.sent or self.provider is None:
            return False
        gap = table_gap(self.ctx.rules.facts.model_tables, [site.model], [new], self.ctx.path)
        if gap is None:
            return False
        table, _ = gap
        written = site.place.where.split()[0]
        self.report(
            site.node,
            f"{site.subject} maps to {new!r} on {self.provider.name}, but apply leaves it: "
            f"{gap_why(table, [site.model], [new])}; add one there, then change the {written}, "
            "by hand",
            fix=FixClass.MANUAL,
            data={
                "model_from": site.model,
                "model_to": new,
                "table": table_place(table),
            },
        )
        return True

    def _registry_left(self, site: Site) -> bool:
        """Report a setting left (manual) whose model the program registers as a model id
        while it registers nothing as what that maps to (`model_left.registry_reason`:
        simonw/llm's `DEFAULT_MODEL`, a key among the models `register_models()` registers);
        not one the module sends as `model=` of a request itself: that goes to the API."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None or site.prefix or site.place.sent:
            return False
        written = site.place.where.split()[0]
        found = registry_reason(self.ctx, site.subject, site.model, new, written)
        if found is None:
            return False
        self.report(site.node, found[0], fix=FixClass.MANUAL, data=found[1])
        return True

    def _passed_left(self, site: Site) -> bool:
        """Report a setting left (manual) where the module passes it on to a parameter of
        its own function whose default apply leaves for a test or a table lookup
        (`model_left.passed_reason`: autogen's `count_token()` default reached
        `_num_token_from_messages()`, whose family tests end in a raise)."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None:
            return False
        reason = passed_reason(self.ctx, site.subject, site.node, new)
        if reason is None:
            return False
        self.report(site.node, reason, fix=FixClass.MANUAL, data={"model_from": site.model})
        return True

    def _report_expected(self, expected: list[Site], made: dict[int, int]) -> None:
        """The literals a test asserts, tied to settings (`model_expectations`): one paired
        with the settings of its test is mapped as they are (review) where apply maps them all
        to one model, else left; one asserted outside the function of the settings it goes
        with, or beside a literal of its test that apply leaves (`Tie.rival`), is left, and so
        are those settings (manual)."""
        ties, findings, label = self.sites.ties, self._findings, self.ctx.line_label
        for held, (asserting, tied) in ties.held.items():
            at = made.get(held)
            if at is None or findings[at].edit is None:
                continue
            finding = findings[at]
            where = label(self.ctx.position(asserting.node)[0][0])
            how = (
                f"asserts the same OpenAI name, which this test also {tied.rival} (left as it is):"
                if tied.rival
                else "asserts the same OpenAI name outside the function that sets it, and"
            )
            findings[at] = replace(
                finding,
                message=f"{finding.message}; apply leaves it: {tied.what} on {where} {how} "
                "nothing shows which value it checks; change them together, by hand",
                fix=FixClass.MANUAL,
                edit=None,
                data={k: v for k, v in finding.data.items() if k != "model_to"},
            )
        for site in expected:
            tied = ties.expected[id(site.node)]
            first = tied.settings[0]
            where = f"{label(self.ctx.position(first.node)[0][0])} ({first.place.where})"
            data: dict[str, object] = {"model_from": site.model}
            if not tied.paired:
                how = (
                    f"sets, which this test also {tied.rival} (left as it is):"
                    if tied.rival
                    else "sets outside this function:"
                )
                message = (
                    f"{tied.what} asserts the OpenAI name that {where} {how} nothing shows "
                    "which value it checks, so apply leaves both and the test still asserts "
                    "what it passes; change them together, by hand"
                )
                self.report(site.node, message, fix=FixClass.MANUAL, data=data)
                continue
            new = _one_mapping(
                [findings[made[id(s.node)]] if id(s.node) in made else None for s in tied.settings]
            )
            text = requote(site.node, new) if new is not None else None
            if text is None:
                message = (
                    f"{tied.what} checks the model this test sets on {where}, which apply "
                    "leaves; change them together, by hand"
                )
                self.report(site.node, message, fix=FixClass.MANUAL, data=data)
                continue
            self.report(
                site.node,
                f"{tied.what} checks the model this test sets on {where}; apply maps both "
                f"to {new!r}",
                fix=FixClass.REVIEW,
                edit=Edit(self.ctx.span(site.node), text),
                data={**data, "model_to": new},
            )

    def _hold_beside_left(self, sites: dict[str, list[Site]], made: dict[int, int]) -> None:
        """Leave (manual) what apply would map in a statement that also holds the same OpenAI
        model where apply leaves it for a person (`model_expectations.same_case`: a test case's
        input beside its expected value, gpt-cli's `(AssistantGlobalArgs("dev", model="gpt-4"),
        {}, {"model": "gpt-4"})`): mapped alone, the test would compare the provider's model
        with OpenAI's. Left: a call ML206 reports, a check ML205 neither widens nor finds taking
        the mapped model (a value, `_VALUE_CHECKS`; a collection only where it holds the
        setting: `_beside`), a setting or assertion of this rule left as it is (this one's too,
        in turn). Run before the assertions are reported, so that one paired with a setting left
        here is left too; a setting an assertion holds (`Ties.held`) keeps that message."""
        findings, ctx, tied = self._findings, self.ctx, self.sites.ties.held

        def edited(site: Site) -> bool | None:
            at = made.get(id(site.node))
            return None if at is None else findings[at].edit is not None

        mapped = [s for s in sites["setting"] if edited(s) and id(s.node) not in tied]
        if not mapped:
            return
        left = [
            (s, f"{s.place.where}, ML204")
            for s in sites["setting"]
            if (edited(s) is False and findings[made[id(s.node)]].fix is not FixClass.NONE)
            or id(s.node) in tied
        ]
        # an assertion left with what it asserts (one paired with settings follows them)
        expected = self.sites.ties.expected
        left += [(s, "ML204") for s in sites["expect"] if not expected[id(s.node)].paired]
        left += [
            (s, f"{s.place.detail}= of {s.place.where}(), ML206")
            for s in sites["foreign"]
            if self._counted(s)
        ]
        # a comparison, a prefix test or a table's key tests or looks up a value: the model
        # beside it is what the program sends (`{"gpt-4o": {"model": "gpt-4o"}}`)
        checks = [s for s in sites["check"] if self._counted(s) and s.place.where in _VALUE_CHECKS]
        if checks and self.sites.widened is None:
            ModelElsewhere(ctx).findings.clear()  # reporting fills `widened` and `accepting`
        settled = {*(self.sites.widened or {}), *self.sites.accepting}
        left += [(s, _check_label(s)) for s in checks if id(s.place.container) not in settled]
        # by statement and model, so that only literals of one statement are compared
        by_statement: dict[tuple[int, str], list[tuple[Site, str]]] = {}
        for other, label in left:
            statement = statement_of(ctx, other.node)
            if statement is not None:
                by_statement.setdefault((id(statement), other.model), []).append((other, label))
        pending = [
            (site, key)
            for site in mapped
            if (statement := statement_of(ctx, site.node)) is not None
            and (key := (id(statement), site.model)) in by_statement
        ]
        while pending:
            held = next(
                (
                    (site, key, other, label)
                    for site, key in pending
                    for other, label in by_statement[key]
                    if self._beside(site, other)
                ),
                None,
            )
            if held is None:
                return
            site, key, other, label = held
            at = made[id(site.node)]
            finding = findings[at]
            line = ctx.line_label(ctx.position(other.node)[0][0])
            container = other.place.container
            if container is not None and _widget_choices(ctx, site.node, container):
                shape = "a widget's value beside its choices, which must hold it"
            elif copy_of(ctx, site.node, other.node) is not None:
                shape = "a field's default beside the UI's copy of it"
            else:
                shape = "a test's input beside its expected value"
            findings[at] = replace(
                finding,
                message=f"{finding.message}; apply leaves it: the same model is left on {line}, "
                f"in the same statement ({label}): mapped alone, the two would differ "
                f"({shape}); change both together, by hand",
                fix=FixClass.MANUAL,
                edit=None,
                data={k: v for k, v in finding.data.items() if k != "model_to"},
            )
            pending.remove((site, key))
            by_statement[key].append((site, f"{site.place.where}, ML204"))

    def _report_copies(self, copied: list[Site], made: dict[int, int]) -> None:
        """Report the UI's copies of a field's default (`field_copies`): written as ML204
        writes that default (the mapped model, or LangChain's route for it), the default's
        finding naming the copy (review); or left with the default (manual)."""
        findings, ctx = self._findings, self.ctx
        for copy in copied:
            setting, shown = self.sites.copies[id(copy.node)]
            at = made.get(id(setting.node))
            finding = findings[at] if at is not None else None
            edit = finding.edit if finding is not None else None
            new = (
                _one_mapping([finding])
                if edit is not None and edit.span == ctx.span(setting.node)
                else None
            )
            text = requote(copy.node, new) if new is not None else None
            line = ctx.line_label(ctx.position(setting.node)[0][0])
            subject = (
                f"{copy.prefix + copy.model!r} ({shown.label}) is the UI's copy of the default "
                f"of {setting.place.where} on {line}"
            )
            data: dict[str, object] = {"model_from": copy.model}
            if finding is not None and "langchain_route" in finding.data:
                data["langchain_route"] = finding.data["langchain_route"]
            if at is None or finding is None or text is None or new is None:
                message = f"{subject}, which apply leaves: change both together, by hand"
                self.report(copy.node, message, fix=FixClass.MANUAL, data=data)
                continue
            here = ctx.line_label(ctx.position(copy.node)[0][0])
            findings[at] = replace(
                finding,
                message=f"{finding.message}; apply writes the same in the UI's copy of this "
                f"default on {here} ({shown.label})",
            )
            self.report(
                copy.node,
                f"{subject}: apply maps both to {new!r}",
                fix=FixClass.REVIEW,
                edit=Edit(ctx.span(copy.node), text),
                data={**data, "model_to": new},
            )

    def _beside(self, site: Site, other: Site) -> bool:
        """Whether `other` stands in the test case of `site` (`same_case`); a list, tuple or
        set of models only where it holds `site` too, as a case's row does (`("gpt-4",
        {"model": "gpt-4"})`), not beside it (pydantic's `examples=["gpt-4o"]`)."""
        container = other.place.container
        if (
            other.place.where == "collection"
            and container is not None
            and _widget_choices(self.ctx, site.node, container)
        ):
            return True
        if other.place.where == "collection" and (
            container is None or not _inside(self.ctx, site.node, container)
        ):
            return False
        return same_case(self.ctx, site.node, other.node)

    def _counted(self, site: Site) -> bool:
        """Whether `site` names an OpenAI model the run switches from (not the provider's,
        nor a library's `openai:` string, ML671's)."""
        provider = self.provider
        return not (provider is not None and provider.serves(site.model)) and not (
            self.sites.library_owns(site)
        )

    def _litellm_reach(self, site: Site) -> str | None:
        """Where a setting may reach litellm (`litellm_reach`), followed from what it binds
        and named by its place; None for `openai:` before the model (LangChain's way), a
        setting sent as `model=` of an OpenAI SDK request, the model of a raw request's
        JSON body, which goes where the request does, and the model written in an AutoGen
        entry that ML660 points at the provider (`moved_model`)."""
        if site.prefix or site.place.sent or id(site.node) in body_models(self.ctx):
            return None
        if moved_model(self.ctx, site.node):
            return None
        if id(site.node) in litellm_models(self.ctx):
            return "configured"  # mem0's `"llm": {"provider": "litellm", ...}`
        holder = self.sites.holder(site)
        if interpreter_setting(self.ctx, holder) == oi.MODEL_ATTRIBUTE:
            return "interpreter"  # Open Interpreter's `interpreter.llm.model = "gpt-4o"`
        reach = self.litellm_reach(lambda: self._takers(site), self._setting_names(site))
        if reach == "untraced" and forwarded_param(self.ctx, site.node) is not None:
            return "forwarded"
        return reach

    def _takers(self, site: Site) -> set[str]:
        """Which libraries the module sends the setting to as `model=` (`model_takers`)."""
        index = self.ctx.index
        holder = self.sites.holder(site) if index.name_sources or index.attr_sources else None
        return model_takers(self.ctx, holder) if holder is not None else set()

    def _litellm_setting(self, site: Site, reach: str) -> bool:
        """Report a setting that may reach litellm (`_litellm_reach`): written on the
        provider's litellm route (`deepseek/deepseek-v4-pro`, review) where it is litellm's
        (the module's settings are, the module gives it to litellm only, or its name says so)
        and the provider has a route of its own, else left with the reason (manual). False
        where the table maps the model to nothing (reported as elsewhere)."""
        provider = self.provider
        assert provider is not None
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        if new is None:
            return False
        route = provider.frameworks.get("litellm_prefix")
        routed = litellm_route(provider, new, sdk.surface_of_model(site.model) == "chat")
        data: dict[str, object] = {"model_from": site.model}
        text = requote(site.node, routed) if routed and not site.listed else None
        litellms = {
            "module": "this module calls litellm",
            "sent": "this module gives it to litellm",
            "named": "its name says it goes to litellm",
            "configured": self._configured_litellm(site),
            "interpreter": "Open Interpreter hands its llm.model to litellm as it is",
            "forwarded": self._forwarded_litellm(site),
        }
        sends = " which sends a model without a provider prefix to OpenAI"
        if reach in litellms and text is not None and routed is not None:
            self.report(
                site.node,
                f"{site.subject} maps to {routed!r} on {provider.name}, on litellm's route for "
                f"it: {litellms[reach]},{sends}{self._route_variables(reach)}",
                fix=FixClass.REVIEW,
                edit=Edit(self.ctx.span(site.node), text),
                data={**data, "model_to": routed, "litellm_route": route},
            )
            return True
        need = litellm_need(provider, new, routed)
        who = "this module" if self.sites.litellm_calls else "a module of this project"
        because = litellms.get(reach, f"{who} calls litellm")
        if site.listed:
            message = (
                f"{site.subject} lists OpenAI models, but {because},{sends}: write "
                f"{provider.name}'s models there as litellm takes them ({need} for the first), "
                "by hand"
            )
        elif reach in litellms:
            message = f"{site.subject} maps to {new!r} on {provider.name}, but {because},{sends}"
            message += f": write {need} there, by hand"
        elif reach == "both":
            message = both_forms_advice(site.subject, new, provider, need)
        else:
            shows = "and nothing here shows where this one goes"
            message = both_forms_advice(site.subject, new, provider, need, because, shows)
        self.report(site.node, message, fix=FixClass.MANUAL, data=data)
        return True

    def _forwarded_litellm(self, site: Site) -> str:
        """Who hands the setting to litellm, where the project does across its modules
        (`litellm_forwarded.forwarded_param`): `Agent() hands model_name on to litellm
        (through the project's code)`."""
        found = forwarded_param(self.ctx, site.node)
        if found is None:
            return ""
        return (
            f"{found.name}() hands {found.param} on to litellm's model through the project's code"
        )

    def _configured_litellm(self, site: Site) -> str:
        """Who hands the setting to litellm, where a library's config does
        (`library_configs.litellm_models`): `mem0's "litellm" llm on line 4 gives it to
        litellm`."""
        found = litellm_models(self.ctx).get(id(site.node))
        if found is None:
            return ""
        library, picked = found
        line = self.ctx.line_label(self.ctx.position(picked)[0][0])
        shown = string_value(picked) or self.ctx.code(picked)
        return f"{library.module}'s {shown!r} llm ({line}) gives it to litellm as it is"

    def _route_variables(self, reach: str) -> str:
        """For a model a library hands litellm with no key or base URL ("configured"): the
        variables litellm's route of the provider reads (`[frameworks] litellm_api_key_env`,
            `litellm_base_url_env`), and the base URL to give the latter; so for Open Interpreter's
        ("interpreter"), which passes them only where the program sets its llm's."""
        provider = self.provider
        if reach not in ("configured", "interpreter") or provider is None:
            return ""
        key = provider.frameworks.get("litellm_api_key_env")
        base = provider.frameworks.get("litellm_base_url_env")
        url = self.ctx.rules.base_url
        if not isinstance(key, str) or not isinstance(base, str) or url is None:
            return ""
        passes = (
            "Open Interpreter passes api_key and api_base only where its llm sets them"
            if reach == "interpreter"
            else "the library passes no api_key or api_base"
        )
        return f"; that route reads {key} and {base} ({passes}): export {base}={url}"

    def _report_list(self, site: Site) -> None:
        """A setting listing models in one string: each mapped, duplicates dropped, in the
        order and with the separator it had (review); manual when one is not mapped."""
        provider = self.provider
        if provider is None:
            self.report(
                site.node,
                f"{site.subject} lists OpenAI models; `--provider ID` shows their replacements",
            )
            return
        mapped = [self.ctx.rules.map_model(m) for m in site.listed]
        value = string_value(site.node) or ""
        separator = ", " if ", " in value else ","
        if None in mapped:
            missing = ", ".join(
                repr(m) for m, n in zip(site.listed, mapped, strict=True) if n is None
            )
            self.report(
                site.node,
                f"{site.subject} lists OpenAI models; {provider.name}'s table maps no "
                f"model for {missing}: write {provider.name}'s models there by hand",
                fix=FixClass.MANUAL,
            )
            return
        kept = list(dict.fromkeys(m for m in mapped if m is not None))
        new = separator.join(kept)
        plain = all(requote(site.node, m) for m in kept)
        text = f"{site.node.prefix}{site.node.quote}{new}{site.node.quote}" if plain else None
        changed = self.changed_by(site.methods, new)
        if changed is not None:
            self.report(
                site.node,
                f"{site.subject} lists OpenAI models; on {provider.name} they map to "
                f"{new!r}{changed}",
                fix=FixClass.MANUAL,
                data={"model_from": value},
            )
            return
        self.report(
            site.node,
            f"{site.subject} lists OpenAI models; on {provider.name} they map to {new!r}",
            fix=FixClass.REVIEW if text is not None else FixClass.MANUAL,
            edit=Edit(self.ctx.span(site.node), text) if text is not None else None,
            data={"model_from": value, "model_to": new},
        )

    def _for_images(self, site: Site) -> bool:
        """A setting named for the model that reads images (`VISION_MODEL`, `vision_model=`),
        or the default of an environment variable so named, or an attribute assigned beside
        one switching images on for the same object (`llm.supports_vision = True`:
        `images_switched_on`), an entry of a dict beside one saying it reads images
        (`"multimodal": True`: `images_beside`), or one a request sending images uses (`sent
        as model=`).
        Asked only where it changes the mapping: when switching."""
        if not self.ctx.rules.switching:
            return False
        if any(sdk.named_for_images(n) for n in self._setting_names(site)):
            return True
        if images_switched_on(self.ctx, site.node) is not None:
            return True
        if images_beside(self.ctx, site.node) is not None:
            return True
        if vision_fallback(self.ctx, site.node) is not None:
            return True
        if self._keyed_for_images(site.model):
            return True
        return id(site.node) in image_model_nodes(self.ctx)

    def _keyed_for_images(self, model: str) -> bool:
        """Whether `model` keys an entry of a table of the project's config files that says
        it reads images (`vision: true`: `RunFacts.model_table_keys`), for a provider whose
        model for images answers text too (the program sends that model text as well:
        chatgpt-telegram-bot's `current_model = "gpt-4o"`, its photo fallback)."""
        provider = self.provider
        return (
            provider is not None
            and images_key(self.ctx.rules.facts.model_table_keys, model) is not None
            and provider.image_model_answers_text()
        )

    def _setting_names(self, site: Site) -> list[str]:
        """What names a setting: its place (`attribute Settings.openai_model`, `fallback of
        model= of litellm.completion()`), and the environment variable it is the default of."""
        names = [site.place.where]
        if site.env:
            lookup = next(
                (a for a in reversed(self.ctx.ancestors(site.node)) if isinstance(a, cst.Call)),
                None,
            )
            if lookup is not None and lookup.args:
                names.append(string_value(lookup.args[0].value) or "")
        return names

    def _raw_request_left(self, site: Site) -> Request | None:
        """The raw request to OpenAI (or to a URL that may be OpenAI's), left unchanged by
        apply, that the setting is part of, or whose JSON body's "model" entry takes the
        value it binds (a parameter's default stored in `self.model_name`, read there:
        ChatPaper's optimizeOpenAI.py): its model must stay OpenAI's as long as the request
        goes to OpenAI."""
        left = {id(r.call): r for g in raw_http(self.ctx).groups if not g.ok for r in g.requests}
        if not left:
            return None
        node = site.node
        body = body_models(self.ctx).get(id(node))  # `json=payload`, payload bound above
        if body is not None and id(body.call) in left:
            return body
        for ancestor in self.ctx.ancestors(node):
            if id(ancestor) in left:
                return left[id(ancestor)]
        holder = self.sites.holder(site)
        if holder is None:
            return None
        sent = bodies_sending(self.ctx, holder, lambda d: json_senders(self.ctx, d))
        return next((left[id(c)] for c in sent if id(c) in left), None)


class ModelElsewhere(_SitesRule):
    """An OpenAI model id in code that is not a model setting: a model list, check or table.

    ## What it does
    Finds string literals that are an OpenAI model id, or a model-family prefix inside a
    family check, outside every model setting: members of lists, tuples, sets and
    `Literal[...]` types of supported models, family checks (`.startswith("gpt-4")`,
    `.endswith`, `"gpt-4" in m`, `m.find("gpt-4")`, `.rfind`, `.count`, `re.match("gpt-4",
    m)`, `re.search`: `model_branches.FAMILY_TESTS`; a bare family such as `gpt` only where
    the name tested says it holds a model, `"gpt" in model_name`; a framework's helper that
    tests the name of its default model: the Agents SDK's `is_gpt_5_default()`,
    `frameworks.agents.DEFAULT_MODEL_TESTS`), tests of a model-like name for a part of
    OpenAI's names that tells kinds of model apart (`sdk.MODEL_NAME_FRAGMENTS`: `"-vision" in
    model`, `"4-turbo" in model`, `model.endswith("-preview")`), comparisons
    (`if model == "gpt-4"`), keys of tables keyed by model (token limits, prices), and any
    other expression. Not the keys of usage the program counts by model: a dict whose values
    are counters (zero or computed, alone or in dicts of them) under a name for usage
    (`sdk.USAGE_NAME_WORDS`: `n_used_tokens = {"gpt-3.5-turbo": {"n_input_tokens": 0}}`,
    or such a key inside it), or `usage["gpt-4o"] += n`: records the program writes, left as
    they are. A table that also has keys for the provider's models (its ids, also after
    `openai:` or on LangChain's route: `"deepseek:deepseek-v4-pro"`) finds them: one note
    for the table. A lookup written with the model's own name in a table known to hold it
    (`PRICES["gpt-image-1"]` beside the module's `PRICES = {"gpt-image-1": ...}`, or a key of
    a table of the project's config files the lookup's keys lead to:
    `config.models["info"]["gpt-image-1"]`, `RunFacts.model_table_keys`) is a note: apply
    renames neither that key nor the table's, so it finds the same entry after the switch.
    A collection is one finding, on its first OpenAI model. Prose,
    docstrings and `tiktoken.encoding_for_model(...)` are not findings, nor is a framework's
    tokenizer parameter (`from_tiktoken_encoder(model_name="gpt-4o")`), nor a model passed to
    the module's own function or class whose parameter only tiktoken reads, itself or stored
    in `self.X` (`Tok("gpt-3.5-turbo")`, its `encode()` calling `encoding_for_model(self.m)`,
    see ML207); short names (`ada`, `o3`; not after `openai:`, `"openai:o3"`) count only
    under a model-like name, as members of an enum that holds other model
    ids (`O1 = "o1"` beside `O1_MINI = "o1-mini"`) or of a list, tuple or set that holds a
    longer one (`("o1", "o1-mini")`), or where the module sends them as `model=`
    (`Tier.SMART.value`). A member of an enum the module sends as `model=`, itself
    (`Cls.MEMBER.value`) or as the default of a parameter that reaches `model=`
    (`model=param.value`, or `self.x = param` and `model=self.x.value`), is named in the
    enum's message with the line of the request and what it maps to.

    A family check is read in a module that names nothing else of OpenAI's (`if "gpt-" in
    kwargs["model"]:` once `apply`, or a person, set the default to the provider's model):
    it still never matches, and `check` stays red on it.

    Not a test that only picks how tiktoken counts (`tokenizer_branches`): gpt-engineer's
    `encoding_for_model(m) if "gpt-4" in m or "gpt-3.5" in m else get_encoding("cl100k_base")`,
    an `if`/`else` assigning or returning one or the other, or `if T: return
    encoding_for_model(m)` then `return get_encoding(...)`, where T is a family check, a
    comparison or a membership (inline, or a list, tuple or set only such tests read) that
    only OpenAI's model names pass into the branch asking tiktoken (or a framework's
    tokenizer, `frameworks.tokenizers`) about the model, the other one counting with a fixed
    encoding: a provider's model taking that one is what it is for, and made to pass,
    `encoding_for_model("deepseek-v4-pro")` raises KeyError. Neither reported nor widened.

    An enum is a class with a base named `*Enum` or deriving from an enum of the module
    (`ChatModel(ModelName)`, `ModelName(str, Enum)`). A class deriving from another module's
    class (langroid's `OpenAIChatModel(ModelName)`) may be one: its members (plain
    assignments, not annotated fields) are a collection too where two of them would map to
    one provider model (as settings, ML204 would make them one member,
    `ChatModel.BIG is ChatModel.SMALL`); a class whose bases are known not to be enums
    (builtins, pydantic's, `typing`'s, the module's plain classes) keeps its settings.

    An id compared with the same operand in the same `or`/`and` test as the program's own
    label (`mode == "gpt-4" or mode == "gpt-4-with-ocr"`: `registry.label_words`), or in
    another comparison of the same function (`if mode == "gpt-4": ...` then `if mode ==
    "gpt-4-with-ocr": ...`; at module level, of the module), is a label too: a note, left as
    it is. So is an id passed to a function whose parameter is read only to compare it with
    string literals (and to show it in a message): one of the module, or one imported by
    name from another module of the project, read again whatever the screening said of it
    (`RunFacts.label_params`: self-operating-computer's `get_system_prompt("gpt-4o", ...)`
    in apis.py, its tests in prompts.py, t54a). The comparisons inside such a function of
    the module are labels too where every call (the function used only by calls) gives the
    parameter a string written there, under no model-like keyword: apply leaves those
    strings, so the test decides as before (a note, "the test decides as before the switch;
    left as it is"; t65a: gpt-author's `print_step_costs(response, "gpt-4-0613")` kept
    `check` red). A call giving it anything else (a constant ML202 maps) keeps the warning,
    as does another module the rules read importing the function by name, which may hand
    it a reply's model (`RunFacts.label_params` with its callers, t65 review).

    Test data is a note (fix none, check passes): in test code (a function named `test...`, a
    file `test_*.py`, `*_test.py`, `conftest.py`), an id handed to the project's own function
    or class (of the module, a method of the test's class, or imported from the project: also
    a package above a `tests/` directory holding no `__init__.py`, which pytest's root puts on
    the path), by position or by keyword (not ML206's then), looked up in a table (`PRICES[
    "gpt-4"]`), or a case of a parametrized test whose function makes no SDK request itself
    (`pytest.mark.parametrize`'s argvalues). No request of the test sends it, and the
    project's tests may pin the name: gpt-engineer's `TokenUsageLog("gpt-4")` finds a price
    for OpenAI's names only, and `AI("gpt-4")` builds a model the test replaces; changed as
    ML205 said, two of its tests failed, and check could not pass without that (t58c D3); data
    `test_data`. What a test hands a function that sends it as `model=` is ML204's (mapped,
    with what the test's double expects). So is a table keyed by OpenAI model that the module
    reads only in ways that cannot raise KeyError (`table_guards`: `.get()` whose None it
    tests, `.get(m, default)`, `m in T`) and sends none of: a note (manual), the program taking
    its own branch for a model the table lacks.

    A family check or a comparison testing a name against a model the target retired (`[retired]`
    of its file, bare or on litellm's route: aider's `if "deepseek-reasoner" in name:`) is a
    note (manual, `check` passes), not ML204's error: no request sends the id from there; the
    note names the model that replaces it, which never passes the test.

    A list or tuple of models under a key naming models (`"llm_models": [...]`,
    `"embed_models"`) of a dict that also holds OpenAI's base URL or the provider's (a
    platform's entry: Langchain-Chatchat's `{"api_base_url": URL, "api_key": ..., "llm_models":
    ["gpt-4o", ...]}`) holds the ids the program sends to that URL, not a check of models: where
    `apply` points the URL at the provider (ML402) or it is the provider's already, each member
    is mapped in place (review; `--model` first) where every one maps to a model of its own
    that the list does not hold; else it is an error left to you. Where ML402 leaves the URL
    with the key beside it, change the models with the URL and the key (manual).

    A list or tuple of models given as the options of a menu (`sdk.MENU_WIDGETS`: Streamlit's
    `selectbox`, `radio`, `select_slider`, `model_menus`), itself or through the name it is
    bound to, whose choice the module binds to a name it passes as a model keyword
    (`get_llm(model=model)`) or that says it holds a model, holds the ids the program sends,
    the first by default (knowledge_gpt's `MODEL_LIST`, widened, kept `gpt-3.5-turbo` first,
    which SiliconFlow refused): each member is mapped in place (review), a model two of them
    map to written once; `data` holds `models_from`, `models_to` and `menu_line`. Where a
    member maps to nothing, the menu picks its default by a value of its own (or by a later
    position and two members map to one model), or shows its options through the program's
    `format_func=`, it is an error left to you.

    A test of a part of a model's name (`"-vision" in model`) is reported where the name
    tested says it holds a model and an OpenAI model holding the part (the module's own, or
    a key of the provider's table) maps to a model that does not: "'-vision' in ... tests
    the model name for '-vision'" (GPTDiscord sent images only to `-vision` models, and its
    vision model mapped to kimi-k2.6 went out as text only); `data` holds `fragment` and
    `models_to`. Nothing is said where no such model does.

    The OpenAI keys of a table keyed by model (token limits, prices) are one finding, at the
    dict display, naming them all (`data` `keys`); a table that also has keys for the
    provider's models is one note, on its first OpenAI key (lookups of those find them).

    A list, tuple or set whose members the module sends only to a server of the program's own
    (`own_server_models`: a `for` loop over it hands each to `model=` of a request, or to a
    function of the module that sends it so, through a client pointed at this machine or given
    a key only such a server takes, as ML003 leaves it; FastChat's scripts) is a note: the ids
    of that server's models, which no request to OpenAI or the provider takes.

    ## Why
    After the switch the program runs with the provider's model names: a list of supported
    models, a prefix check or a table keyed by OpenAI names may reject them, take another branch
    or miss a lookup. Only a person can say what the code should accept.

    ## Fix (manual)
    Add the provider's models to the list or table, or change the check; replace the model of
    a `(label, model)` pair that a lookup by label sends as `model=` (naming what it maps to:
    ML204 maps it where the module reads the table only so). `apply` maps the
    program's own model choices and defaults (ML204), so two shapes are rewritten, as review,
    to accept what the OpenAI models map to as well: a comparison with one model
    (`backend == "gpt-4"` becomes `backend in ("gpt-4", "<mapped>")`, `!=` becomes `not
    in`), where a branch on the old name would no longer be taken; and a list, tuple or set
    of model ids only (a tuple of test values holding one is a row, not a list of models),
    bound to a name or checked with `in` (not an argument: `parametrize`'s cases), which gets
    the provider's models its OpenAI models map to after its last element (a line each where
    its elements stand a line each), where a check of supported models would reject them
    (chatgpt-telegram-bot's model tuples, which choose each model's token limit, stopped it
    at start; the message names the `raise` of an `if` that refuses the models not in it:
    SuperAGI's summary model, whose default mapped alone made `build_llm()` raise); not one
    whose members the module takes as values (`model_gates.taken_as_values`:
    a `for` loop or comprehension over it whose variable is used otherwise than compared, an
    item, `f(*MODELS)`, `enumerate()` and the like, a member's position read, `MODELS.index(m)`),
    which stays manual: autogen's `for model in
    default_models: key_map[model] = "OPENAI_API_KEY"` made an entry for the provider's model
    with the OpenAI key, and chatgpt-telegram-bot's `tts_prices[tts_models.index(m)]` had no
    price for the model added at the end (the message names the sequence picked from). Nor
    one whose test picks the messages' shape (`model_gates.system_role_dropped`: the branch
    for its members writes no system or developer role where the other writes one, as code
    for OpenAI's o1-preview and o1-mini does): a note saying to leave it where the provider's
    file says its models take a system message (`[params] system_role`), else manual with no
    edit (qodo-cover's o1 list gained `deepseek-flash`, whose requests lost their system
    message). A list, tuple, set or `Literal[...]` that already holds what each of its OpenAI
    models maps to is not reported; nor is one the code reads only as prefixes of a model's
    name (`prefix_lists.read_as_prefixes`: `m.startswith(P)`, `any(m.startswith(p) for p in
    P)`, a `for p in P:` loop testing `m.startswith(p)`) once each provider model it must let
    through starts with a member: what its OpenAI members map to, and what the module's own
    OpenAI models passing it map to (llmware's and gpt-subtrans's lists gained `"deepseek-"`
    and stayed red). Until then the message names those models and the start they share
    (`'deepseek-'`), data `models_to`; one of model ids only is widened as any list. One
    that holds a provider model `apply` would not have put there
    (apply adds what its models map to together, or only what the module's own models map
    to, below) while it lacks some of those was fixed by hand: a note (manual, `check`
    passes) names what it lacks, from which models, `data` `models_to` (chatgpt-telegram-bot's
    `GPT_4O_MODELS` given `qwen4-max`, not `qwen-plus`, which the tuple of
    `gpt-4-turbo-preview` would take too); so is a family check beside a part the provider's
    models match (`startswith(("gpt", "qwen"))`), silent where all that apply maps the
    family's models to matches it; a model the provider's table does not map adds nothing
    (the others' targets still go in: chatgpt_telegram_bot's `assert model in {"text-davinci-003",
    "gpt-3.5-turbo"}` rejected its own mapped default) and is still reported after `apply`
    (manual), one with no model it maps stays manual, and
    so does one where a model the module's own requests or settings choose is not a member
    but maps to what a member maps to (adding that target would put the program's own model
    in the set: mem0's reasoning models, after which it stopped sending temperature; a
    provider model that a name tested against it holds, a default a first `apply` mapped,
    counts too, so a second `apply` adds nothing), and so
    do two collections the module checks models against that would both take one provider
    model, each from models the other does not hold (evals' base and chat model sets: the
    provider's chat model went down the base models' branch), unless one of the module's own
    models decides which one takes it. For a collection the module tests a value against
    (`model in GPT_4O_MODELS`), the OpenAI models other modules of the project give as the
    default of an environment read count as its own (`project_defaults`: chatgpt-telegram-bot's
    `main.py` hands its `OPENAI_MODEL` default to its helper's `default_max_tokens()`, which
    returned None for the mapped default, and the bot died at start). A collection that
    decides what the code sends (named
    for a request parameter, `SUPPORT_REASONING_EFFORT_MODELS`, `NO_SUPPORT_TEMPERATURE_MODELS`,
    or for reasoning models, `is_reasoning`, `reasoning_models`, or tested by an `if` that
    sets such a parameter, not one whose code for the other models raises:
    `openai_sdk.GATED_PARAMETERS`) stays manual where an OpenAI model
    it does not hold maps to what it would gain, read from the provider's table, so that a
    model chosen in another module counts too (mem0's default `gpt-5-mini` beside its
    reasoning model `gpt-5o-mini`, both `qwen-plus`), and, for a parameter its members are
    sent, where the provider's file does not say the model takes it with the values OpenAI's
    models take (gpt-researcher sent DeepSeek `reasoning_effort="medium"`; DeepSeek takes
    low, high and max). A collection named for images (`VISION_MODELS`, `MULTI_MODAL_MODELS`) gets
    only the provider's model for images, whatever each member maps to (DeepSeek maps
    `gpt-4o` to `deepseek-v4-pro`, which refuses images), and is told apart from other
    collections by that model, and is manual where the provider
    names none; one named for text only (`TEXT_ONLY_MODELS`, `no_vision`) stays manual,
    since the provider's file names its model for images but not those that read none
    (crewAI's `text_only_models` gained `deepseek-flash`), until it holds a provider model
    other than the one for images; with a provider that reads no images it gains what its
    models map to. OpenAI's text completions models (`gpt-4-base`,
    `gpt-3.5-turbo-instruct`, `davinci-002`: `openai_sdk.COMPLETIONS_ONLY_MODELS`) give no
    provider model to a collection or a comparison: code telling them apart sends them to
    the completions endpoint, and what they map to is a chat model (evals' ballots sent
    Kimi's there). A comparison is not widened either where another
    model the module names maps to the same provider model (`model == "gpt-4o"` beside
    `model == "gpt-4-turbo"` or a default of `"gpt-4-turbo"`: the first branch would take
    both; a dated snapshot too: camel's token counter sent its mapped default
    `"gpt-3.5-turbo"` down the branch of `model == "gpt-3.5-turbo-0301"`; a model a framework
    call sends counts, `litellm.completion(model="gpt-4o")`, and so does the provider's model
    itself written outside the comparison's test, bare or on its litellm route: it may stand
    for an OpenAI model the branch did not take (a first `apply` writes it for one), so a
    second `apply` leaves the comparison as the first did; open-interpreter's `== "gpt-4"`
    beside a `"gpt-4o"` the first apply made `deepseek/deepseek-v4-pro` was widened by the
    second), nor where another
    branch of its `if`/`elif` chain checks a family some model of which maps to it (`elif
    model.startswith("gpt-3.5")`). Neither a comparison nor a collection tested with `in` is
    widened where the branch a model equal to it takes (through `and` / `or`; the `else` of
    `!=`, `not in`) sets the very value tested to a model, a literal or a constant
    (open-interpreter's `elif profile["llm"]["model"] == "gpt-4-turbo-preview":
    profile["llm"]["model"] = "gpt-4o"`, an upgrade of the model it names): widened, every
    model the provider's table maps the tested one to, whichever OpenAI model it came from or
    a person chose, would be turned into the model set (OpenAI's, or what ML204 maps it to),
    while left, the provider's models skip the branch and keep their own. Manual while the
    value set is an OpenAI model, a note (`check` passes) once it is not (ML204 mapped it: a
    second `apply` widens nothing either). A family check names the provider's models `apply` adds
    to the module's lists, tuples, sets and comparisons beside an OpenAI model it matches,
    where it does not match them (`"gpt" in model` beside `MODELS = ["gpt-4"]`, which gains
    `deepseek-v4-pro`: knowledge_gpt's model menu then reached `raise NotImplementedError`);
    whether the program's choice goes from one to the other (a menu's options to a parameter
    of another function) is not followed. Where it adds none there, a family check names
    what apply maps OpenAI's models of that family to (`--model` overrides, then the
    provider's table; those of the module's own models first; three at most, and how many
    more), which it does not match: once mapped, wherever they are set, the program's models
    reach it as those (gpt-cli's default `"gpt-3.5-turbo"` became `deepseek-flash`, and its
    `model.startswith("gpt")` raised "Unknown model: deepseek-flash"); `data` holds `family`
    (`gpt`) and `models_to`. A check that picks the name of a request parameter
    (`model_gates.parameter_pick`: max_completion_tokens for the models passing it, max_tokens
    for the others, as mem0's `_uses_max_completion_tokens`) where the provider takes the name
    the other branch sends (`[params] max_tokens_param`) is a note saying to leave it, and a
    collection so tested gains nothing: accepting the provider's models would send them the
    name it rejects; `data` holds `parameter_passing` and `parameter_failing`. A family check
    guarding a lookup in a table keyed by OpenAI's models (`model_gates.guarded_use`,
    `sdk.GUARDED_USES`: gpt-engineer's `is_openai_model()` before
    `get_openai_token_cost_for_model`), whose other branch does not raise, is a note saying
    to leave it; `data` holds `guards`. A family check beside a test the provider's models
    pass, in its tuple or as another clause of an `or` (`model_branches.or_alternatives`:
    `("gpt-4-turbo" in m) or m.startswith("kimi-k2.6")`), counts as fixed by hand.
    A family check that picks the kind of request (`request_picks.request_pick`: babyagi's
    `elif not model.lower().startswith("gpt-"):` before `openai.Completion.create`, with
    `ChatCompletion.create` in its `else`), chat requests for the models passing it and
    legacy completions for the others, is widened where it is a `startswith` test (review):
    apply adds the starts of the provider's model ids (`_model_starts`: its `[detect]
    models` globs', `"doubao-"`, `"ep-20"`), then what it maps OpenAI's models of the family
    to that none of them starts, as the test reads them (`.lower()`), to the prefixes, so
    mapped they keep their chat requests (unwidened, babyagi sent `qwen-flash` to
    /completions, which Qwen serves for Qwen Coder only), and so does a provider model or
    Ark Endpoint ID set at run time (t65f); ML204 maps a default it tests. It adds the
    provider's text models only, not what a tier of another API names (SiliconFlow's
    `FunAudioLLM/SenseVoiceSmall`, which OpenAI's `gpt-4o-transcribe` maps to). The parts of a
    family check's tuple, and what apply maps to, match as the test reads the model, so the
    tuple apply wrote counts as fixed by hand and `check` passes on it (SiliconFlow's
    `deepseek-ai/DeepSeek-V3.2` against the `deepseek-ai/deepseek-v3.2` apply wrote for
    `.lower()` was an error, t51d). One it cannot widen
    (`"gpt" in model`, `re.match`, a quote the models hold) is an error naming the requests
    they would get instead; `data` holds `family`, `models_to`, `request_passing` and
    `request_failing` (`chat`, `completions`). One that gives chat requests to the models
    failing it is a note saying to leave it. A family check whose `if` only prints or logs
    (`request_picks.shown_only`: babyagi's `if LLM_MODEL.startswith("gpt-4"):` cost banner)
    decides no request: a note (fix `none`), `data` `family`.

    A family check whose branch for the models passing it reads a key (a name or call whose
    words say so, `sdk.KEY_PICK_WORDS`: gpt_academic's `select_api_key()` keeps the
    `is_openai_api_key(k)` keys for `gpt-` models, `request_picks.key_pick`) picks the key
    those models are sent with. Where what apply maps the family's models to fails it, the
    message says to give them the provider's key (its `api_key_env`), not to make the check
    accept them: made to, it sent Qwen the OpenAI key (t56a D1). Where they pass it (Qwen's
    `text-embedding-v4` and `startswith("text-embedding-")`), or a person made it accept them
    (`or m.startswith("qwen-")`), a note (manual, `check` passes) names them and says the key
    it picks must be the provider's. A family check that what apply maps its models to
    passes, picking no key, is not reported: it works for them once mapped (t56a D3: it was
    said never to match). One no model of the provider's table maps from says the provider's
    models never match it only where none of them (its table's and tiers', `--model`'s)
    does, else names those that do.

    A collection whose OpenAI models are keys of a table keyed by OpenAI model of the
    project's code (`table_gaps.table_gap`: gpt_academic's model menu, each choice looked up
    in `model_info`) gains nothing while that table lacks one of the models it would gain: a
    model chosen from it raised KeyError (t56a D4); the message names the table and the
    models it lacks, until it has every one.

    What `apply` adds takes the form of the values the module tests (`litellm_reach`, as
    ML204 decides a setting's): where they go to litellm (the module calls litellm and no
    other client, or gives them to litellm only, or their name says so:
    `settings.litellm_model`), the provider's model on litellm's route (`model in ("gpt-4",
    "deepseek/deepseek-v4-pro")`, as ML204 writes the module's default); where they go to an
    OpenAI client, the model as it is. Where both may read the check, or nothing shows where
    they go (open-interpreter's `interpreter.llm.model in [...]` in a module that calls no
    model, while another calls litellm), or the provider has no litellm route, it gains
    nothing and the message names both spellings. So where it tests a default or constant
    litellm takes as it is (`def ask(q, model="gpt-4o")`, `if model not in SUPPORTED:`):
    ML640, which reads the test as it stands, leaves that default, and widened alone the
    test would let it stay OpenAI's unreported. A model of the target on its litellm route
    counts as that model in a collection, so a second `apply` adds nothing. Silent with
    `--provider openai`, which keeps OpenAI models.
    """

    code = "ML205"
    name = "model-elsewhere"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # t62a: FastChat's scripts loop over OpenAI ids for the server FastChat itself runs
        Example(
            "from openai import OpenAI\n\n"
            'client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")\n\n\n'
            "def answer(model, question):\n"
            "    return client.chat.completions.create(model=model, messages=question)\n\n\n"
            "def main():\n"
            '    for model in ["gpt-3.5-turbo", "gpt-4"]:\n'
            '        print(answer(model, "hi"))\n',
            provider="acme",
            message="'gpt-3.5-turbo', 'gpt-4' in a list are sent as model= only to "
            "client.chat.completions.create() on line 7, whose client points at "
            "http://localhost:8000/v1, a server of the program's own, not OpenAI: the ids of "
            "that server's models; left as it is",
        ),
        # t61c C: the list decides whose key the prompt in its branch asks for
        Example(
            "from prompt_toolkit import prompt\n\n\ndef ask(llm):\n"
            '    if llm.model in ["gpt-4o", "gpt-4o-mini"]:\n'
            '        llm.api_key = prompt("OpenAI API key: ")\n',
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks "
            "models against them may reject Acme Cloud's models; apply leaves it: the branch for "
            "its members asks for a key at the prompt on line 6, the one OpenAI's models need; "
            "Acme Cloud's models added here would be asked for OpenAI's key and send it to Acme "
            "Cloud: give them a branch of their own, by hand",
        ),
        Example(
            'PLATFORMS = [{"api_base_url": "https://api.openai.com/v1", '
            '"llm_models": ["gpt-4o", "gpt-3.5-turbo"]}]\n',
            provider="acme",
            message="'gpt-4o', 'gpt-3.5-turbo' in a list under 'llm_models' are the model ids the "
            "program sends to the OpenAI base URL beside them (line 1), which apply points at Acme "
            "Cloud: apply writes what they map to ('acme-large', 'acme-small')",
            after="PLATFORMS = [\n    {\n"
            '        "api_base_url": "https://api.openai.com/v1",\n'
            '        "llm_models": ["acme-large", "acme-small"],\n    }\n]\n',
        ),
        Example(
            'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n',
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids: code that checks "
            "models against them may reject Acme Cloud's models; apply adds what they map to "
            "('acme-large', 'acme-small') beside them",
            after='SUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme-large", "acme-small")\n',
        ),
        # nano-graphrag's benchmark config: the entry's name says how tokens are counted (t52c)
        Example(
            'CONFIG = {"tiktoken_model_name": "gpt-4o", "working_dir": "cache"}\n',
            provider="acme",
            finds=False,
        ),
        # SuperAGI's summary model: the code works with the listed models only (t50a)
        Example(
            "def build(model):\n"
            '    if model not in ["gpt-4o", "gpt-4o-mini"]:\n'
            "        raise ValueError(model)\n"
            '    return {"model": model, "temperature": 0}\n',
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids: code that checks "
            "models against them may reject Acme Cloud's models; the code raises for the models "
            "not in it (line 3), so apply adds what they map to ('acme-large', 'acme-small') "
            "beside them",
            after="def build(model):\n"
            '    if model not in ["gpt-4o", "gpt-4o-mini", "acme-large", "acme-small"]:\n'
            "        raise ValueError(model)\n"
            '    return {"model": model, "temperature": 0}\n',
        ),
        # knowledge_gpt's model menu: its options are what the program sends (t50e)
        Example(
            'import streamlit as st\n\nMODELS = ["gpt-4o-mini", "gpt-4o", "gpt-4"]\n'
            'model = st.selectbox("Model", MODELS)\n',
            provider="acme",
            message="'gpt-4o-mini', 'gpt-4o', 'gpt-4' in a list are OpenAI model ids, the options "
            "of st.selectbox() on line 4, whose choice (`model`) names the model the program uses, "
            "the first by default: apply writes what they map to ('acme-small', 'acme-large'), "
            "once each",
            after='import streamlit as st\n\nMODELS = ["acme-small", "acme-large"]\n'
            'model = st.selectbox("Model", MODELS)\n',
        ),
        # GPTDiscord sent images only to a model named `-vision` (t50b)
        Example(
            'MODEL = "gpt-4-vision-preview"\n\n\n'
            "def content(text, image, model=MODEL):\n"
            '    return [text, image] if "-vision" in model else text\n',
            provider="acme",
            message="'-vision' in ... tests the model name for '-vision': what apply maps "
            "OpenAI's models with '-vision' to ('acme-large') does not hold it, so once mapped "
            "the program treats them as models without it; change it for Acme Cloud's models by "
            "hand",
        ),
        Example(
            'SUPPORTED = ["gpt-4o", "o1-pro"]\n',
            provider="acme",
            message="'gpt-4o', 'o1-pro' in a list are OpenAI model ids: code that checks models "
            "against them may reject Acme Cloud's models; apply adds what they map to "
            "('acme-large') beside them",
            after='SUPPORTED = ["gpt-4o", "o1-pro", "acme-large"]\n',
        ),
        Example(
            'DEFAULTS = ["gpt-4o", "gpt-4o-mini"]\n'
            'KEYS = {m: "OPENAI_API_KEY" for m in DEFAULTS}\n',
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids, and the loop for m "
            "in DEFAULTS on line 2 takes them as values, not as a check of models: apply leaves "
            "it, as 'acme-large', 'acme-small' added there would get what they get (an entry, a "
            "key); change it by hand",
        ),
        Example(
            'MODELS = ["gpt-4o", "gpt-4o-mini"]\n\n\ndef cost(n, model, prices):\n'
            "    return n * prices[MODELS.index(model)]\n",
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids, and "
            "MODELS.index(model) on line 5 reads the position of a member, which picks from "
            "prices: apply leaves it, as 'acme-large', 'acme-small' added at its end would have "
            "no entry in prices (an IndexError, or another model's entry); change it by hand",
        ),
        Example(
            "def messages(model, system, user):\n"
            '    if model in ["o1-preview", "o1-mini"]:\n'
            '        return [{"role": "user", "content": system + user}]\n'
            '    return [{"role": "system", "content": system},\n'
            '            {"role": "user", "content": user}]\n',
            provider="deepseek",
            message="'o1-preview', 'o1-mini' in a list are OpenAI model ids: code that checks "
            "models against them may reject DeepSeek's models; its test picks the messages: the "
            "branch for its members (line 3) sends no system message, as OpenAI's o1 models "
            "needed, and the other sends one; DeepSeek's models take a system message "
            "('deepseek-flash' too), so they belong in the other branch: apply leaves it; leave it",
        ),
        Example(
            'import litellm\n\nSUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\ndef ask(q, model):\n'
            "    assert model in SUPPORTED\n"
            "    return litellm.completion(model=model, messages=q)\n",
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids: code that checks "
            "models against them may reject Acme Cloud's models; apply adds what they map to "
            "('acme/acme-large', 'acme/acme-small') beside them, on litellm's route: this module "
            "calls litellm, which sends a model without a provider prefix to OpenAI",
            after='import litellm\n\nSUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme/acme-large", '
            '"acme/acme-small")\n\n\ndef ask(q, model):\n    assert model in SUPPORTED\n'
            "    return litellm.completion(model=model, messages=q)\n",
        ),
        Example(
            'def act(mode):\n    if mode == "gpt-4":\n        return 1\n'
            '    if mode == "gpt-4-with-ocr":\n        return 2\n',
            provider="acme",
            message="comparison with 'gpt-4' beside one with the program's own label "
            "'gpt-4-with-ocr' in the same function: taken as a label too (a mode, a menu entry) "
            "and left; if it names a model, change the check by hand",
        ),
        Example(
            'def ocr(mode):\n    return mode == "gpt-4" or mode == "gpt-4-with-ocr"\n',
            provider="acme",
            message="comparison with 'gpt-4' beside one with the program's own label "
            "'gpt-4-with-ocr' in the same test: taken as a label too (a mode, a menu entry) "
            "and left; if it names a model, change the check by hand",
        ),
        Example(
            'SUPPORTED = ["o1-pro"]\n',
            provider="acme",
            message="'o1-pro' in a list is an OpenAI model id: code that checks models against "
            "it may reject Acme Cloud's models; add them or change the check by hand",
        ),
        # t64b: the catalogue of a class handing another service's base URL to the
        # project's client (DB-GPT's AI/ML API proxy): that service's models
        Example(
            "from .base import ChatClient, register\n\n\n"
            "class Aggregator(ChatClient):\n"
            "    def __init__(self, key):\n"
            '        super().__init__(api_key=key, api_base="https://api.aggregator.example/v1")'
            "\n\n\n"
            'register(Aggregator, models=["gpt-4o-mini", "gpt-3.5-turbo"])\n',
            provider="acme",
            finds=False,
        ),
        # a list of prefixes (llmware, gpt-subtrans): the provider's prefix, added as the
        # message says, clears it
        Example(
            'CHAT_PREFIXES = ("gpt-3.5", "gpt-4")\n\n\ndef is_chat(model):\n'
            "    return any(model.startswith(p) for p in CHAT_PREFIXES)\n",
            provider="acme",
            message="'gpt-4' in a tuple is an OpenAI model id: code that checks models against "
            "it may reject Acme Cloud's models; apply leaves it: the code tests which of them a "
            "model's name starts with; 'acme-large' (from 'gpt-4') starts with none of them: "
            "add a prefix they start with ('acme-'), or change the check, by hand",
        ),
        Example(
            'CHAT_PREFIXES = ("gpt-3.5", "gpt-4", "acme-")\n\n\ndef is_chat(model):\n'
            "    return any(model.startswith(p) for p in CHAT_PREFIXES)\n",
            finds=False,
            provider="acme",
        ),
        Example(
            'PREFIXES = ["gpt-4", "acme-"]\n\n\ndef check(model):\n'
            "    for prefix in PREFIXES:\n        if model.lower().startswith(prefix):\n"
            "            return\n    raise ValueError(model)\n",
            finds=False,
            provider="acme",
        ),
        Example(
            'def is_gpt4(model):\n    return model.startswith("gpt-4")\n',
            provider="acme",
            message=".startswith('gpt-4') is an OpenAI model-family check: what apply maps "
            "OpenAI's 'gpt-4' models to ('acme-large', 'acme-small') never matches it, so the "
            "program's 'gpt-4' models fail it once mapped; make it accept Acme Cloud's models "
            "(starting with 'acme-') by hand",
        ),
        Example(
            'def llm(model):\n    if "gpt" in model:\n        return "chat"\n'
            "    raise NotImplementedError(model)\n\n\n"
            'MODELS = ["gpt-4o", "gpt-4o-mini"]\n',
            provider="acme",
            message="'gpt' in ... is an OpenAI model-family check: Acme Cloud's model names never "
            "match it, and apply adds 'acme-large', 'acme-small' to the list on line 7; change "
            "the check by hand",
            after='def llm(model):\n    if "gpt" in model:\n        return "chat"\n'
            "    raise NotImplementedError(model)\n\n\n"
            'MODELS = ["gpt-4o", "gpt-4o-mini", "acme-large", "acme-small"]\n',
        ),
        # t64e: RealChar's get_llm, its default mapped by ML204: the test needs widening
        Example(
            "from langchain.chat_models import ChatOpenAI\n\n\n"
            'def get_llm(model="gpt-3.5-turbo"):\n'
            '    if model.startswith("gpt"):\n'
            "        return ChatOpenAI(model=model)\n"
            '    raise ValueError(f"Invalid llm model: {model}")\n',
            provider="zhipu",
            message=".startswith('gpt') is an OpenAI model-family check: what apply maps OpenAI's "
            "'gpt' models to ('glm-4-flash', 'glm-4-plus', 'glm-4-air-250414' and 6 more) never "
            "matches it, so the program's 'gpt' models fail it once mapped; make it accept Zhipu "
            "AI (GLM)'s models (starting with 'glm-') by hand",
        ),
        # and once applied: its client reads Zhipu's key already, only the test keeps them out
        Example(
            "import os\n\nfrom langchain.chat_models import ChatOpenAI\n\n\n"
            'def get_llm(model="glm-4-flash"):\n'
            '    if model.startswith("gpt"):\n'
            "        return ChatOpenAI(\n"
            '            openai_api_key=os.environ["ZAI_API_KEY"],\n'
            "            openai_api_base=os.environ.get(\n"
            '                "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
            "            ),\n"
            "            model=model,\n"
            "        )\n"
            '    raise ValueError(f"Invalid llm model: {model}")\n',
            provider="zhipu",
            message=".startswith('gpt') is an OpenAI model-family check that picks the client for "
            "the models passing it (openai_api_key on line 9, which reads Zhipu AI (GLM)'s key, "
            "ZAI_API_KEY): what apply maps OpenAI's 'gpt' models to ('glm-4-plus', "
            "'glm-4-air-250414', 'glm-4-flash' and 6 more) never matches it, so once mapped they "
            "fail it; that "
            "client already talks to Zhipu AI (GLM): make the test accept Zhipu AI (GLM)'s models "
            "(starting with 'glm-'), by hand",
        ),
        Example(
            "import openai\n\n\ndef ask(prompt, model):\n"
            '    if not model.lower().startswith("gpt-"):\n'
            "        return openai.Completion.create(engine=model, prompt=prompt)\n"
            "    return openai.ChatCompletion.create(model=model, messages=prompt)\n",
            provider="acme",
            message=".startswith('gpt-') picks chat requests (openai.ChatCompletion.create() on "
            "line 7) for the models passing it and legacy completions requests "
            "(openai.Completion.create() on line 6) for the others: what apply maps OpenAI's "
            "'gpt-' models to ('acme-large', 'acme-small') never matches it, so once mapped they "
            "would get legacy completions requests; apply adds them to the prefixes it tests",
            after="import openai\n\n\ndef ask(prompt, model):\n"
            '    if not model.lower().startswith(("gpt-", "acme-large", "acme-small")):\n'
            "        return openai.Completion.create(engine=model, prompt=prompt)\n"
            "    return openai.ChatCompletion.create(model=model, messages=prompt)\n",
        ),
        # t65f: the starts of Doubao's [detect] models globs, its Ark Endpoint IDs' `ep-20` too
        Example(
            "import openai\n\n\ndef ask(prompt, model):\n"
            '    if not model.startswith("gpt-"):\n'
            "        return openai.Completion.create(engine=model, prompt=prompt)\n"
            "    return openai.ChatCompletion.create(model=model, messages=prompt)\n",
            provider="doubao",
            message=".startswith('gpt-') picks chat requests (openai.ChatCompletion.create() on "
            "line 7) for the models passing it and legacy completions requests "
            "(openai.Completion.create() on line 6) for the others: what apply maps OpenAI's "
            "'gpt-' models to ('doubao-seed-2-1-pro-260628', 'doubao-seed-2-1-turbo-260628', "
            "'doubao-seed-2-0-mini-260215') never matches it, so once mapped they would get "
            "legacy completions requests; apply adds the starts of ByteDance Doubao (Volcengine "
            "Ark)'s model ids ('doubao-', 'Doubao-', 'Skylark', 'ep-20') to the prefixes it "
            "tests, so any of its models set at run time gets chat requests too",
            after="import openai\n\n\ndef ask(prompt, model):\n"
            '    if not model.startswith(("gpt-", "doubao-", "Doubao-", "Skylark", "ep-20")):\n'
            "        return openai.Completion.create(engine=model, prompt=prompt)\n"
            "    return openai.ChatCompletion.create(model=model, messages=prompt)\n",
        ),
        Example(
            "import openai\n\n\ndef ask(prompt, model):\n"
            '    if "gpt" not in model:\n'
            "        return openai.Completion.create(engine=model, prompt=prompt)\n"
            "    return openai.ChatCompletion.create(model=model, messages=prompt)\n",
            provider="acme",
            message="'gpt' in ... picks chat requests (openai.ChatCompletion.create() on line 7) "
            "for the models passing it and legacy completions requests (openai.Completion.create() "
            "on line 6) for the others: what apply maps OpenAI's 'gpt' models to ('acme-large', "
            "'acme-small') never matches it, so once mapped they are sent as legacy completions "
            "requests, which Acme Cloud may not serve; apply cannot widen this test: make it "
            "accept them by hand",
        ),
        Example(
            'import os\n\nMODEL = os.getenv("MODEL", "gpt-4o")\nif MODEL.startswith("gpt-4"):\n'
            '    print("GPT-4 costs more")\n',
            provider="acme",
            message=".startswith('gpt-4') is an OpenAI model-family check that only decides what "
            "the program shows (print() on line 5): Acme Cloud's models never match it, so once "
            "mapped that message changes, and no request does; leave it, or make it accept them "
            "by hand",
        ),
        Example(
            'import re\n\n\ndef family(model_name):\n    return re.search("gpt-4", model_name)\n',
            provider="acme",
            message="re.search('gpt-4', ...) is an OpenAI model-family check: what apply maps "
            "OpenAI's 'gpt-4' models to ('acme-large', 'acme-small') never matches it, so the "
            "program's 'gpt-4' models fail it once mapped; make it accept Acme Cloud's models "
            "by hand",
        ),
        Example('def legacy(text):\n    return "gpt" in text\n', provider="acme", finds=False),
        Example(
            "import tiktoken\n\n\ndef encoding(model):\n    return (\n"
            "        tiktoken.encoding_for_model(model)\n"
            '        if "gpt-4" in model or "gpt-3.5" in model\n'
            '        else tiktoken.get_encoding("cl100k_base")\n    )\n',
            provider="acme",
            finds=False,
        ),
        Example(
            "import tiktoken\n\n\ndef encoding(model):\n"
            '    if model == "gpt-4o":\n        enc = tiktoken.encoding_for_model(model)\n'
            '    else:\n        enc = tiktoken.get_encoding("o200k_base")\n    return enc\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'LIMITS = {"gpt-4": 8192, "gpt-4-32k": 32768}\n',
            message="'gpt-4', 'gpt-4-32k' are dict keys of a table keyed by OpenAI model (such "
            "as token limits): lookups with another provider's model names miss them; add "
            "entries for them by hand",
        ),
        Example(
            'MODULES = {"gpt-4o": "Large", "gpt-4o-mini": "Small"}\n\n\n'
            'class Large:\n    model = "acme-large"\n\n\n'
            'class Small:\n    model = "acme-small"\n',
            message="'gpt-4o', 'gpt-4o-mini' are keys of MODULES, whose entries name classes "
            "that set their own model (Large.model, Small.model): labels of the program's that "
            "pick an entry, not models it sends: apply leaves them and maps those models where "
            "they are set; no request depends on them (to rename one, rename what the program "
            "looks up with it too)",
        ),
        Example(
            'def price(backend):\n    if backend == "gpt-4o":\n        return 5\n'
            '    if "gpt-4o-mini" != backend:\n        return 0\n    return 1\n',
            provider="acme",
            message="comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never equal "
            "it, so the branch would change after the switch; apply makes it accept "
            "'acme-large' as well (what 'gpt-4o' maps to)",
            after='def price(backend):\n    if backend in ("gpt-4o", "acme-large"):\n'
            '        return 5\n    if backend not in ("gpt-4o-mini", "acme-small"):\n'
            "        return 0\n    return 1\n",
        ),
        Example(
            'from openai import OpenAI\n\nclient = OpenAI()\nOLD = {"gpt-4-turbo"}\n'
            'MODEL = "gpt-4o"\nextra = {} if MODEL in OLD else {"temperature": 0.2}\n'
            "client.chat.completions.create(model=MODEL, messages=[], **extra)\n",
            provider="acme",
            message="'gpt-4-turbo' in a set is an OpenAI model id: code that checks models "
            "against it may reject Acme Cloud's models; apply leaves it: 'gpt-4o', which this "
            "module uses, maps to 'acme-large' too and is not in it, so adding 'acme-large' "
            "would change what the code does with it; change the check by hand",
        ),
        Example(
            'from openai import OpenAI\n\nclient = OpenAI()\nOLD = {"gpt-4-turbo"}\n'
            'MODEL = "acme-large"\nextra = {} if MODEL in OLD else {"temperature": 0.2}\n'
            "client.chat.completions.create(model=MODEL, messages=[], **extra)\n",
            provider="acme",
            message="'gpt-4-turbo' in a set is an OpenAI model id: code that checks models "
            "against it may reject Acme Cloud's models; apply leaves it: 'acme-large', which "
            "this module uses, is what a member maps to and is not in it, so adding "
            "'acme-large' would change what the code does with it; change the check by hand",
        ),
        Example(
            'def is_reasoning(model):\n    return model in {"gpt-4o"}\n',
            provider="acme",
            message="'gpt-4o' in a set is an OpenAI model id: code that checks models against "
            "it may reject Acme Cloud's models; apply leaves it: the code tells reasoning "
            "models apart by it, and OpenAI models not in it map to what it would gain "
            "('gpt-4' to 'acme-large'): the program's own model, chosen in any module, would "
            "change sides after the switch; change the check by hand",
        ),
        Example(
            'def price(model):\n    if model == "gpt-4o":\n        return 5\n'
            '    if model == "gpt-4-turbo":\n        return 10\n',
            provider="acme",
            message="comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never "
            "equal it; apply leaves it: 'gpt-4-turbo', which this module names too, maps to "
            "'acme-large' as well, so accepting 'acme-large' here would send that model down "
            "this branch; change the check by hand",
        ),
        Example(
            'FALLBACK = "acme-large"\n\n\ndef price(model):\n    if model == "gpt-4o":\n'
            "        return 5\n    return 1\n",
            provider="acme",
            message="comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never "
            "equal it; apply leaves it: this module names 'acme-large' too, what 'gpt-4o' maps "
            "to: it may stand for an OpenAI model this branch did not take, so accepting "
            "'acme-large' here could send that model down this branch; change the check by hand",
        ),
        # t65a: gpt-author's cost helper, given the model's name as a label by every call
        Example(
            'def cost(n, label):\n    if label == "gpt-4o":\n        return n * 0.03\n'
            "    return n * 0.002\n\n\n"
            'print(cost(1, "gpt-4o"), cost(2, "gpt-4o-mini"))\n',
            provider="acme",
            message="'gpt-4o' compared with label, a parameter of cost() that every call gives "
            "a string apply leaves (line 7): the test decides as before the switch; left as it "
            "is",
            after='def cost(n, label):\n    if label == "gpt-4o":\n        return n * 0.03\n'
            "    return n * 0.002\n\n\n"
            'print(cost(1, "gpt-4o"), cost(2, "gpt-4o-mini"))\n',
        ),
        # a call giving a constant ML202 maps: the test would decide otherwise, so widened
        Example(
            'MODEL = "gpt-4o-mini"\n\n\n'
            'def cost(n, label):\n    if label == "gpt-4o":\n        return n * 0.03\n'
            "    return n * 0.002\n\n\n"
            'print(cost(1, "gpt-4o"), cost(2, MODEL))\n',
            provider="acme",
            message="comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never equal "
            "it, so the branch would change after the switch; apply makes it accept "
            "'acme-large' as well (what 'gpt-4o' maps to)",
        ),
        Example(
            'def upgrade(cfg):\n    if cfg["model"] == "gpt-3.5-turbo-0301":\n'
            '        cfg["model"] = "gpt-4o"\n    return cfg\n',
            provider="acme",
            message="comparison with OpenAI model 'gpt-3.5-turbo-0301': Acme Cloud's model names "
            "never equal it; apply leaves it: the branch sets `cfg[\"model\"]` to 'gpt-4o' on "
            "line 3, an OpenAI model: accepting 'acme-small' here would turn it into that model "
            "as well, whichever OpenAI model was mapped to it or a person chose; Acme Cloud's "
            "models skip the branch and keep their own; make it accept them by hand only if "
            "they should take it, with an Acme Cloud model set there",
        ),
        Example(
            'def banner(mode):\n    if mode == "fast-lane":\n        return "quick"\n'
            '    print("mode:", mode)\n    return "plain" if mode not in ("slow-lane",) else "slow"'
            '\n\n\nbanner("gpt-4o")\n',
            provider="acme",
            message="'gpt-4o' passed to banner(), which only compares it with 'fast-lane', "
            "'slow-lane' and shows it in a message and never sends it as a model: apply leaves "
            "it; no request depends on it",
        ),
        Example(
            'def banner(mode):\n    if mode == "fast-lane":\n        return "quick"\n'
            '    return {"model": mode}\n\n\nbanner("gpt-4o")\n',
            provider="acme",
            message="'gpt-4o' (passed to banner()) is an OpenAI model id: if it reaches a "
            "request or a model check, Acme Cloud will not know it; change it by hand",
        ),
        Example(
            "import tiktoken\n\n\nclass Tok:\n    def __init__(self, m):\n        self.m = m\n\n"
            "    def encode(self, text):\n"
            "        return tiktoken.encoding_for_model(self.m).encode(text)\n\n\n"
            'tok = Tok("gpt-3.5-turbo")\n',
            provider="acme",
            finds=False,
        ),
        Example('SUPPORTED = ("gpt-4o", "acme-large")\n', provider="acme", finds=False),
        Example(
            "import os\n\n"
            'BASE = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            'ROUTES = {"acme-small": {"base_url": BASE}, "gpt-4o-mini": {"base_url": BASE}}\n',
            provider="acme",
            message="'gpt-4o-mini' keys an entry of ROUTES whose 'base_url' is Acme Cloud's URL "
            "(BASE, line 3): its requests send the OpenAI model 'gpt-4o-mini' there, which Acme "
            "Cloud does not serve; apply maps it to 'acme-small', which has an entry here "
            "already: drop this one, and 'gpt-4o-mini' from the menus and settings naming it, by "
            "hand (or give the entry an endpoint of OpenAI's, with OpenAI's key, to keep it on "
            "OpenAI)",
        ),
        Example(
            'ROUTES = {"acme-small": {"url": "https://api.openai.com/v1/chat/completions"},\n'
            '          "gpt-4o-mini": {"url": "https://api.openai.com/v1/chat/completions"}}\n',
            provider="acme",
            message="'gpt-4o-mini' of a table keyed by OpenAI model also keyed by Acme Cloud's "
            "models ('acme-small'): lookups of those find them, and the OpenAI keys serve "
            "OpenAI's models; left as it is",
        ),
        Example(
            'SUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme-large")\n',
            provider="acme",
            message="'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids beside Acme Cloud's "
            "'acme-large', which apply does not add alone: taken as fixed by hand, apply leaves "
            "it; it lacks 'acme-small' (from 'gpt-4o-mini'): add it if the code should accept "
            "it too",
        ),
        Example(
            'def known(model):\n    return model.startswith(("gpt", "acme-l"))\n',
            provider="acme",
            message="'gpt' in .startswith(...) is an OpenAI model-family check beside "
            "'acme-l', which Acme Cloud's models match: apply leaves it, as fixed by hand; "
            "what apply maps OpenAI's 'gpt' models to does not all match it ('acme-small'): "
            "make it accept it if the program uses it",
        ),
        Example(
            'def known(model):\n    return model.startswith(("gpt", "acme"))\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'def upgrade(old):\n    spent = {"gpt-4": {"prompt": 0, "completion": old}}\n'
            "    return spent\n",
            provider="acme",
            finds=False,
        ),
        Example('SUPPORTED = ("gpt-4o", "acme-large", "gpt-4o-mini", other)\n', provider="acme"),
        Example('SUPPORTED = ("o3-mini", other)\n', provider="acme"),
        Example('print("gpt-4o continued")\n"""gpt-4o"""\n', provider="acme", finds=False),
        Example('SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n', provider="openai", finds=False),
        # t58c D3: gpt-engineer's tests hand its token counter OpenAI's names
        Example(
            "class Usage:\n    def __init__(self, model):\n        self.model = model\n\n\n"
            'def test_cost():\n    assert Usage("gpt-4").model\n',
            provider="acme",
            path="test_usage.py",
            message="'gpt-4' (passed to Usage()) is an OpenAI model id a test hands the "
            "project's own code: test data, which no request of this file sends; apply leaves "
            "it, since the project's tests may depend on the name (a price or token table's "
            "entry, a mocked reply); if the code under test sends it in a real request, change "
            "it with that code, by hand",
        ),
        Example(
            "from agents.models import is_gpt_5_default\n\n"
            'settings = {} if is_gpt_5_default() else {"temperature": 0.2}\n',
            provider="acme",
            message="is_gpt_5_default() is an OpenAI model-family check: it tests the Agents "
            "SDK's default model ('gpt-5.6-luna' unless OPENAI_DEFAULT_MODEL is set), not the "
            "model the Agents run, so after the switch it still answers as for GPT-5, which "
            "Acme Cloud's models are not; change the check by hand",
        ),
        Example(
            "import litellm\n\n\ndef send(name, q):\n"
            '    if "acme-old" in name:\n        q = q[1:]\n'
            "    return litellm.completion(model=name, messages=q)\n",
            provider="acme",
            message="'acme-old' in ... is a check for a model Acme Cloud retired on 2025-12-01, "
            "not a request: 'acme-medium', which replaces it, never passes it; if the branch is "
            "meant for that model too, change the check by hand",
        ),
    )

    def __init__(self, ctx: PythonContext) -> None:
        super().__init__(ctx)
        self.default_tests: list[tuple[cst.Call, str]] = []  # (call, the family it tests)
        # Python's tree of the module, once a table asks (`_guarded_table`)
        self._ast_tree: tuple[ast.Module | None] | None = None

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if self.ctx.mentions(agents_fw.MODULE):
            helper = qualified(self.ctx, node.func, agents_fw.DEFAULT_MODEL_TESTS)
            if helper is not None:
                self.default_tests.append((node, agents_fw.DEFAULT_MODEL_TESTS[helper]))

    def finish(self) -> None:
        super().finish()
        provider = self.provider
        name = provider.name if provider is not None else "another provider"
        for call, family in self.default_tests:
            self.report(
                call,
                f"{last_name(call.func)}() is an OpenAI model-family check: it tests the Agents "
                f"SDK's default model ({agents_fw.DEFAULT_MODEL!r} unless "
                f"{agents_fw.DEFAULT_MODEL_VARIABLE} is set), not the model the Agents run, so "
                f"after the switch it still answers as for {family}, which {name}'s models are "
                "not; change the check by hand",
            )

    def _report_retired_test(self, site: Site) -> None:
        """A test of a name against a model the target retired (`"deepseek-reasoner" in
        name`, `name == "deepseek-chat"`): a check, not a request (ML204 would call it one
        that fails), so a note; the model that replaces it never passes it."""
        provider = self.provider
        retirement = provider.retirement(site.model) if provider is not None else None
        if retirement is None:
            return
        written = site.prefix + site.model
        place = site.place
        if place.where == "prefix":  # its detail shows the id without the route
            subject = place.detail.replace(repr(site.model), repr(written), 1)
        else:
            subject = f"comparison with {written!r}"
        on = f" on {retirement.on.isoformat()}" if retirement.on else ""
        new = site.prefix + retirement.use
        self.report(
            site.node,
            f"{subject} is a check for a model {provider.name} retired{on}, not a request: "
            f"{new!r}, which replaces it, never passes it; if the branch is meant for that "
            "model too, change the check by hand",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data=self.ctx.rules.retired_data(written, site.prefix, retirement),
        )

    def _table_with_provider_keys(self, site: Site, kept: list[Site]) -> bool:
        """Report a dict key naming an OpenAI model (a table keyed by OpenAI model) whose
        table also has keys for the provider's models (its ids, also after `openai:` or on
        LangChain's route for it, `"deepseek:deepseek-v4-pro"`): lookups of those find them,
        and the OpenAI keys serve OpenAI's models. One note per table, on its first such key.
        Whether `site` is such a key."""
        table = site.place.container
        provider = self.provider
        if site.place.where != "table" or not isinstance(table, cst.Dict) or provider is None:
            return False
        route = route_of(provider)
        prefixes = (lc.OPENAI_MODEL_PREFIX,) + ((f"{route.name}:",) if route is not None else ())
        served = []
        for element in table.elements:
            key = string_value(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                continue
            model = next((key[len(p) :] for p in prefixes if key.startswith(p)), key)
            if provider.serves(model):
                served.append(key)
        if not served:
            return False
        keys = [
            s
            for s in kept
            if s.place.where == "table" and s.place.container is table and not self._routed(s)
        ]
        if keys[0] is site:
            shown = ", ".join(repr(k) for k in served[:3]) + (
                f" and {len(served) - 3} more" if len(served) > 3 else ""
            )
            more = f" and {len(keys) - 1} more" if len(keys) > 1 else ""
            self.report(
                site.node,
                f"{site.prefix + site.model!r}{more} of a table keyed by OpenAI model also "
                f"keyed by {provider.name}'s models ({shown}): lookups of those find them, and "
                "the OpenAI keys serve OpenAI's models; left as it is",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
            )
        return True

    def _routed(self, site: Site) -> EntryRoute | None:
        """The provider's URL the entry under the table key `site` holds (`routed_entries`),
        where apply does not leave it on OpenAI: its key, an OpenAI model id, goes there."""
        table = site.place.container
        if (
            site.place.where != "table"
            or not isinstance(table, cst.Dict)
            or site.prefix
            or self.provider is None
            or not rules_switching(self)
        ):
            return None
        if any(key == site.model for key, _ in entry_labels(self.ctx, table)):
            return None  # its entry names the model it sends
        return provider_route(self.ctx, table, site.node)

    def _report_routed_key(self, site: Site) -> bool:
        """Report an OpenAI model id keying an entry whose requests go to the provider's URL
        (gpt_academic's `"gpt-4o-mini": {"endpoint": openai_endpoint}` once that endpoint is
        the provider's): the model is sent there as it is. An error where every value of that
        URL is the provider's, else a warning; left to a person (manual), with what apply maps
        it to: renamed alone, the key would part from the menus and lookups naming it, and
        where the table has an entry for that model already, this one is to go. Whether
        `site` is such a key."""
        route = self._routed(site)
        provider = self.provider
        if route is None or provider is None:
            return False
        table = site.place.container
        assert isinstance(table, cst.Dict)
        holder = holder_of(self.ctx, table)
        held = holder.value if isinstance(holder, cst.Name) else "a table"
        keys = {string_value(e.key) for e in table.elements if isinstance(e, cst.DictElement)}
        mapped = self.ctx.rules.map_model(site.model)
        at = self.ctx.line_label(route.line)
        unless = ""
        if route.others:
            lines = ", ".join(str(line) for line in route.others)
            many = "s" if len(route.others) > 1 else ""
            unless = f" unless the program replaces it (line{many} {lines})"
        if mapped is None:
            advice = f"key it by one of {provider.name}'s models instead"
        elif mapped in keys:
            advice = (
                f"apply maps it to {mapped!r}, which has an entry here already: drop this one, "
                f"and {site.model!r} from the menus and settings naming it"
            )
        else:
            advice = (
                f"apply maps it to {mapped!r}: key this entry by it, with the menus, settings "
                "and lookups naming it"
            )
        self.report(
            site.node,
            f"{site.model!r} keys an entry of {held} whose {route.field!r} is {provider.name}'s "
            f"URL ({route.shown}, {at}){unless}: its requests send the OpenAI model "
            f"{site.model!r} there, which {provider.name} does not serve; {advice}, by hand (or "
            "give the entry an endpoint of OpenAI's, with OpenAI's key, to keep it on OpenAI)",
            severity=Severity.ERROR if route.certain else Severity.WARNING,
            fix=FixClass.MANUAL,
            data={
                "model_from": site.model,
                **({"model_to": mapped} if mapped is not None else {}),
                "endpoint": route.shown,
            },
        )
        return True

    def _report_routed_menu(self, site: Site, members: list[Site]) -> bool:
        """Report a list, tuple or set bound to a name at the module's top level (a menu of
        models) whose OpenAI models are keys of a table of the project's code whose entries
        for them hold the provider's URL (`ModelTable.routed`:
        gpt_academic's `AVAIL_LLM_MODELS` menu beside `model_info`, whose `gpt-*` entries
        send their key to the provider once its endpoint is the provider's): a model picked
        from it is sent there as it is. A warning (the table's keys are the errors), manual:
        the list and the table change together. Whether `site` is such a list's."""
        provider = self.provider
        container = site.place.container
        if (
            provider is None
            or not rules_switching(self)
            or not isinstance(container, (cst.List, cst.Tuple, cst.Set))
            or not isinstance(holder_of(self.ctx, container), cst.Name)
            or any(
                isinstance(a, (cst.FunctionDef, cst.ClassDef))
                for a in self.ctx.ancestors(container)
            )
        ):
            return False  # a menu is a setting of the module's top level (`AVAIL_LLM_MODELS`)
        models = [m.model for m in members if not m.prefix]
        found = routed_table(self.ctx.rules.facts.model_tables, models)
        if found is None:
            return False
        table, routed = found
        targets = list(
            dict.fromkeys(t for m in routed if (t := self.ctx.rules.map_model(m)) is not None)
        )
        held = [v for v in self._values(container) if v is not None]
        shown = ", ".join(repr(m) for m in routed)
        ids = "are OpenAI model ids" if len(routed) > 1 else "is an OpenAI model id"
        why = routed_why(table, routed, provider.name, targets, held, _shape(container))
        self.report(
            site.node,
            f"{shown} in {site.place.detail} {ids} {why}",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data={"models_from": routed, "table": table_place(table)},
        )
        return True

    def _report_label_table(
        self, table: cst.CSTNode, written: list[str], labels: tuple[tuple[str, str], ...]
    ) -> None:
        """A note at a table whose entries name classes setting their own model (`labels`,
        `model_lookups.entry_labels`): its OpenAI keys (`written`) are labels that pick an
        entry, and the models sent are those settings, which ML204 maps where they are set."""
        shown = ", ".join(repr(k) for k in written)
        are = "is a key" if len(written) == 1 else "are keys"
        settings = list(dict.fromkeys(setting for _, setting in labels))
        # records carrying their own model (`_record_models`): those of the keys written
        records = settings[0].endswith("]")
        if records:
            settings = [setting for key, setting in labels if key in written]
        named = ", ".join(settings[:3]) + (
            f" and {len(settings) - 3} more" if len(settings) > 3 else ""
        )
        holder = holder_of(self.ctx, table)
        held = holder.value if isinstance(holder, cst.Name) else "a table"
        entries = (
            "carry the model they send" if records else "name classes that set their own model"
        )
        self.report(
            table,
            f"{shown} {are} of {held}, whose entries {entries} "
            f"({named}): labels of the program's that pick an entry, not models it sends: "
            "apply leaves them and maps those models where they are set; no request depends "
            "on them (to rename one, rename what the program looks up with it too)",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"keys": written, "labels": settings},
        )

    def _report_listed_labels(self, site: Site, members: list[Site]) -> bool:
        """A note at a list, tuple or set of models whose every member is a key of one of the
        module's tables whose keys are labels (`module_label_tables`: ChuanhuChatGPT's
        `ONLINE_MODELS`, the names its menu shows, beside `MODEL_METADATA`, whose entries
        carry the model sent): the program's names for entries, not models it sends. Whether
        it was one."""
        if not isinstance(site.place.container, (cst.List, cst.Tuple, cst.Set)):
            return False
        written = [m.prefix + m.model for m in members]
        if self.sites.requested.intersection(written):
            return False
        table = next(
            (
                (name, line)
                for name, (line, labels) in module_label_tables(self.ctx).items()
                if set(written) <= {key for key, _ in labels}
            ),
            None,
        )
        if table is None:
            return False
        shown = ", ".join(repr(k) for k in written)
        self.report(
            site.node,
            f"{shown} in {site.place.detail} {'is a key' if len(written) == 1 else 'are keys'} "
            f"of {table[0]} (line {table[1]}), whose entries name the model sent: labels of "
            "the program's that pick an entry, not models it sends: apply leaves them; no "
            "request depends on them (to rename one, rename the table's key with it)",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"keys": written, "table": table[0]},
        )
        return True

    def _report_own_server(self, site: Site, members: list[Site]) -> bool:
        """Report (a note) a list, tuple or set whose members the module sends only to a
        server of the program's own (`own_server_models`: FastChat's scripts over
        `["gpt-3.5-turbo", "gpt-4"]` to `OpenAI(base_url="http://localhost:8000/v1")`): ids
        of that server's models, which no request to OpenAI or the provider takes."""
        container = site.place.container
        if not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return False
        found = sent_to_own_server(self.ctx, container)
        if found is None:
            return False
        request, where = found
        models = [m.prefix + m.model for m in members]
        listed = ", ".join(repr(m) for m in models[:3])
        listed += f" and {len(models) - 3} more" if len(models) > 3 else ""
        what = "are sent" if len(models) > 1 else "is sent"
        line = self.ctx.line_label(self.ctx.position(request)[0][0])
        self.report(
            site.node,
            f"{listed} in {site.place.detail} {what} as model= only to "
            f"{snippet(self.ctx, request.func)}() on {line}, whose client points at {where}, "
            "a server of the program's own, not OpenAI: the ids of that server's models; "
            "left as it is",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"own_server": where},
        )
        return True

    def _report_test_data(self, site: Site, members: list[Site]) -> None:
        """Test data (`Place.test_data`): a model id a test hands the project's own code, or
        the cases of a parametrized test. No request of the test sends it, and the project's
        tests may pin the name (a price table's entry, a mocked reply: gpt-engineer's
        `TokenUsageLog("gpt-4")`, whose cost is None for another name, t58c D3): a note,
        left as it is (check passes)."""
        models = [m.prefix + m.model for m in members]
        if site.place.where == "collection":
            shown = ", ".join(repr(m) for m in models)
            what = (
                f"{shown} in {site.place.detail} of a parametrized test's cases "
                f"{'are OpenAI model ids' if len(models) > 1 else 'is an OpenAI model id'} "
                "the test hands the code it tests"
            )
        elif site.place.where == "table":
            what = (
                f"{models[0]!r} is an OpenAI model id a test looks up in a table keyed by such ids"
            )
        else:
            what = (
                f"{models[0]!r} ({site.place.detail}) is an OpenAI model id a test hands the "
                "project's own code"
            )
        self.report(
            site.node,
            f"{what}: test data, which no request of this file sends; apply leaves "
            f"{'them' if len(models) > 1 else 'it'}, since the project's tests may depend on "
            "the name (a price or token table's entry, a mocked reply); if the code under test "
            "sends it in a real request, change it with that code, by hand",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"test_data": True},
        )

    def _report_table(self, keys: list[Site], name: str) -> None:
        """One finding at a table keyed by OpenAI model (token limits, prices), naming its
        OpenAI keys: lookups with the provider's model names miss them all alike. A note
        where its keys are labels the module does not send (`_report_label_table`)."""
        table = keys[0].place.container
        assert table is not None
        written = [k.prefix + k.model for k in keys]
        labels = entry_labels(self.ctx, table) if isinstance(table, cst.Dict) else ()
        if labels and self.sites.requested.isdisjoint(written):
            self._report_label_table(table, written, labels)
            return
        if len(written) == 1:
            message = self.describe(keys[0], name, written)
        else:
            shown = ", ".join(repr(k) for k in written)
            message = (
                f"{shown} are dict keys of a table keyed by OpenAI model (such as token "
                f"limits): lookups with {name}'s model names miss them; add entries for them by "
                "hand"
            )
        if self._guarded_table(table) and self.sites.requested.isdisjoint(written):
            # a price table read by `.get()` whose None the code tests (d3, t58c): a model
            # it lacks takes the program's own branch; no request sends its keys
            message = message.removesuffix("; add entries for them by hand") + (
                ", and each read of it in this module handles a model it lacks (`.get()`, "
                f"`in`), so nothing raises, and no request sends its keys; add {name}'s models if "
                "the program should know them"
            )
            self.report(
                table, message, severity=Severity.NOTE, fix=FixClass.MANUAL, data={"keys": written}
            )
            return
        self.report(table, message, data={"keys": written})

    def _guarded_table(self, table: cst.CSTNode) -> bool:
        """Whether `table` is bound to a name at the module's top level that the module reads,
        and reads only in ways that cannot raise KeyError for a key it lacks
        (`table_guards.unsafe_reads`: `.get(key, default)`, `.get(key)` tested for None,
        `key in T`), never subscripted, and hands on nowhere."""
        ctx = self.ctx
        holder = holder_of(ctx, table)
        if not isinstance(holder, cst.Name) or any(
            isinstance(a, (cst.FunctionDef, cst.ClassDef)) for a in ctx.ancestors(table)
        ):
            return False
        if self._ast_tree is None:  # parsed once for all the module's tables
            self._ast_tree = (python_tree(ctx.text.encode()),)
        tree = self._ast_tree[0]
        if tree is None:
            return False
        name = holder.value
        walked = walk(tree)
        reads = walked.loads.get(name, ())
        # `T["dall-e-3"]` is safe to `table_guards` (apply leaves a key the module writes), yet
        # raises for a key the table lacks: any subscript keeps the warning
        return (
            bool(reads)
            and not any(id(n) in walked.subscripted for n in reads)
            and not unsafe_reads(tree, name)
        )

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        provider = self.provider
        name = provider.name if provider is not None else "another provider"
        for site in sites["label"]:
            if provider is not None and provider.serves(site.model):
                continue
            self.report(
                site.node,
                f"comparison with {site.model!r} beside one with the program's own label "
                f"{site.place.detail!r} in the same {site.place.where}: taken as a label too (a "
                "mode, a menu entry) and left; if it names a model, change the check by hand",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data={"label": site.model},
            )
        for site in self.sites.retired_tests:
            self._report_retired_test(site)
        for site in self.sites.slash_sites:
            if site.place.kind == "foreign":
                continue  # ML206's
            said = (
                site.subject
                if site.place.kind == "setting"
                else f"{site.prefix + site.model!r} ({site.place.detail})"
            )
            self.report(
                site.node,
                f"{said} is an OpenAI model id after {site.prefix!r}: if it reaches a request "
                f"or a model check, {name} will not know it; "
                f"{_slash_kept_advice(self.ctx.rules, site)}",
            )
        kept = [
            s
            for s in sites["check"]
            if (provider is None or not provider.serves(s.model)) and not self.sites.library_owns(s)
        ]
        # the models the module's requests and settings choose
        own = self.sites.requested | {s.model for s in sites["setting"]}
        if self.ctx.rules.switching and kept:
            own |= self.sites.tested_targets()
        # the defaults of other modules (`project_defaults`), which count for the collections
        # the module tests a value against
        defaults = project_defaults(self.ctx, own) if kept else {}
        against = tested_collections(self.ctx) if defaults else set()
        widened: dict[int, tuple[str, ...]] = {}  # what its edits add (ML204 reads it)
        self.sites.widened = widened
        mentioned = _mentioned(self.sites, sites)
        # what its edits add, where, beside which OpenAI models; the family checks, reported
        # once those are known (`_added_unmatched`)
        gains: list[_Added] = []
        families: list[Site] = []
        tables: dict[int, list[Site]] = {}  # one finding per table, its keys listed
        groups: dict[int, list[Site]] = {}  # one finding per collection, on its first model
        for site in kept:
            if site.place.group:
                groups.setdefault(site.place.group, []).append(site)
        checked = self._model_collections(sites["check"])
        for site in kept:
            if site.place.where == "label" and site.place.detail.startswith("looks up"):
                self.report(
                    site.node,
                    f"{site.prefix + site.model!r} {site.place.detail}: apply changes neither "
                    "this key nor the table's, so the lookup finds that entry after the switch "
                    "as before; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                continue
            if site.place.where == "label" and site.place.detail.startswith("compared with "):
                self.report(
                    site.node,
                    f"{site.prefix + site.model!r} {site.place.detail}: the test decides as "
                    "before the switch; left as it is",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                continue
            if site.place.where == "label" and site.place.table:
                self.report(
                    site.node,
                    f"{site.prefix + site.model!r} {site.place.detail}: a label of the "
                    "program's, never sent as a model: apply leaves it and the table's key; no "
                    "request depends on it (to rename it, rename that key with it: changed "
                    "alone, the lookup misses it)",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                continue
            if site.place.where == "label":
                self.report(
                    site.node,
                    f"{site.prefix + site.model!r} {site.place.detail} and never sends it as "
                    "a model: apply leaves it; no request depends on it",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                )
                continue
            members = groups[site.place.group] if site.place.group else [site]
            if members[0] is not site:
                continue
            if site.place.test_data:
                self._report_test_data(site, members)
                continue
            if self._report_own_server(site, members):
                continue
            if self._report_routed_key(site) or self._report_routed_menu(site, members):
                continue
            if self._table_with_provider_keys(site, kept):
                continue
            url = self._url_beside(site) if rules_switching(self) else None
            if url is not None:
                self._report_sent_list(site, members, *url)
                continue
            menu = self._menu(site, members)
            if menu is not None:
                gained = self._report_menu(site, members, menu)
                if gained:
                    widened[id(site.place.container)] = gained
                    gains.append((site.place.container, [m.model for m in members], gained))
                continue
            if self._report_listed_labels(site, members):
                continue
            picked = self._parameter_picked(site) or self._guarding(site)
            if picked is not None:
                self._report_picked(site, name, [m.prefix + m.model for m in members], *picked)
                continue
            sent = self._pair_sent(site, name)
            if sent is not None:
                self.report(site.node, sent)
                continue
            roles = self._system_role_left(site, members)
            if roles is not None:
                why, kept_by_file = roles
                message = self.describe(site, name, [m.prefix + m.model for m in members], why)
                if kept_by_file:
                    self.report(site.node, message, severity=Severity.NOTE, fix=FixClass.NONE)
                else:
                    self.report(site.node, message)
                continue
            collapsing = self.sites.collapsing.get(site.place.group)
            if collapsing is not None:
                models = [m.model for m in members]
                self.report(site.node, self.describe(site, name, models, collapsing))
                continue
            models = [m.prefix + m.model for m in members]
            if self._purpose(site.place.container) == "text" and self._may_read_images():
                blind = self._text_only_left(site)
                if blind is not None:
                    self.report(site.node, self.describe(site, name, models, blind))
                else:
                    self.sites.accepting.add(id(site.place.container))
                continue
            prefixes = self._prefix_list_left(site, members, own)
            if prefixes is not None:
                if prefixes[0]:  # what a person adds to it is ML205's advice, followed
                    message = self.describe(site, name, models, prefixes[0])
                    self.report(site.node, message, data={"models_to": prefixes[1]})
                else:
                    self.sites.accepting.add(id(site.place.container))
                continue
            if self._accepts_mapped(site, members):
                self.sites.accepting.add(id(site.place.container))
                continue
            counted = own | defaults.keys() if id(site.place.container) in against else own
            taken = None if any(m.prefix for m in members) else self._taken_left(site, members)
            settled = None if taken is not None else self._settled_by_hand(site, members, counted)
            if settled is not None:
                # a person's choice: apply neither adds to it nor asks for more (check passes)
                self.sites.accepting.add(id(site.place.container))
                message, missing = settled
                self.report(site.node, message, severity=Severity.NOTE, data={"models_to": missing})
                continue
            # `"openai:gpt-4o"` in a list or a check: the program's own way to name models,
            # which a person extends
            prefixed = any(m.prefix for m in members)
            shared = self._shared_target(site, members, counted)
            if shared is not None:
                used, target = shared
                what = "is what a member maps to" if used == target else f"maps to {target!r} too"
                which = "which this module uses"
                if used not in own:
                    which = f"the project's default ({defaults[used].variable} in "
                    which += f"{defaults[used].shown})"
                advice = (
                    f"apply leaves it: {used!r}, {which}, {what} and is not in it, so adding "
                    f"{target!r} would change what the code does with it; change the check by "
                    "hand"
                )
                self.report(site.node, self.describe(site, name, models, advice))
                continue
            if all(sdk.completions_only(m.model) for m in members) and rules_switching(self):
                completion = (
                    "OpenAI's text completions models: apply adds nothing (what they map to is "
                    "a chat model, which code telling them apart must not take for one); change "
                    "the check by hand"
                )
                if site.place.where == "comparison":
                    self.report(
                        site.node,
                        f"comparison with OpenAI model {site.model!r}: {name}'s model names never "
                        f"equal it; it is one of {completion}",
                    )
                elif site.place.where == "prefix":
                    self.report(
                        site.node,
                        f"{_family_check(site)}: {name}'s model names never match it; it "
                        f"tests {completion}",
                    )
                else:
                    self.report(
                        site.node, self.describe(site, name, models, f"they are {completion}")
                    )
                continue
            if taken is not None:
                self.report(site.node, taken)
                continue
            replaced = None if prefixed else self._replaced_in_branch(site, members, name)
            if replaced is not None and site.place.where == "collection":
                message, severity, fix = replaced
                message = self.describe(site, name, models, message)
                self.report(site.node, message, severity=severity, fix=fix)
                continue
            rival = None if prefixed else self._rival_collection(site, checked, counted)
            if rival is not None:
                # what the module's own models among its members map to still goes in (ML204
                # maps pandas-ai's default with it); the target the rival takes too stays out
                ours = [m for m in members if m.model in counted]
                added = self._collection_edit(site, ours) if ours else None
                if added is None or self._gate_left(site, members, added[1]) is not None:
                    self.report(site.node, self.describe(site, name, models, rival))
                    continue
                spelled = self._spelled(site, ours, added)
                if isinstance(spelled, str):
                    self.report(site.node, self.describe(site, name, models, spelled))
                    continue
                addition, written, spelling = spelled
                widened[id(site.place.container)] = written
                shown = ", ".join(repr(m) for m in written)
                sources = list(dict.fromkeys(m.model for m in ours))
                verb = "maps" if len(sources) == 1 else "map"
                advice = (
                    f"apply adds what {described(sources, defaults)} {verb} to ({shown}) beside "
                    f"{'it' if len(members) == 1 else 'them'}{spelling.note}, and no more: "
                    + rival.removeprefix("apply leaves it: ")
                )
                self.report(
                    site.node,
                    self.describe(site, name, models, advice),
                    fix=FixClass.REVIEW,
                    edit=addition,
                )
                continue
            left = None if prefixed else self._unmapped_left(site, members)
            if left is not None:
                self.report(site.node, self.describe(site, name, models, left))
                continue
            added = None if prefixed else self._collection_edit(site, members)
            gated = None if added is None else self._gate_left(site, members, added[1])
            if gated is None and added is not None:
                gated = self._table_gap_left(site, members, added[1])
            if gated is not None:
                self.report(site.node, self.describe(site, name, models, gated))
                continue
            gain = None if added is None else self._spelled(site, members, added)
            if isinstance(gain, str):
                self.report(site.node, self.describe(site, name, models, gain))
                continue
            if gain is not None:
                addition, written, spelling = gain
                widened[id(site.place.container)] = written
                gains.append((site.place.container, [m.model for m in members], written))
                shown = ", ".join(repr(m) for m in written)
                what = "what they map to" if len(members) > 1 else "what it maps to"
                if self._purpose(site.place.container) == "images":
                    what = f"{name}'s model for images"
                where = "beside them" if len(members) > 1 else "beside it"
                advice = f"apply adds {what} ({shown}) {where}{spelling.note}"
                container = site.place.container
                refused = None if container is None else refusal_of(self.ctx, container)
                if refused is not None:
                    line = self.ctx.line_label(self.ctx.position(refused)[0][0])
                    advice = f"the code raises for the models not in it ({line}), so {advice}"
                self.report(
                    site.node,
                    self.describe(site, name, models, advice),
                    fix=FixClass.REVIEW,
                    edit=addition,
                )
                continue
            # a branch setting the very model it tests decides first: the value it sets is
            # its own, no rival
            if replaced is not None and site.place.where == "comparison":
                message, severity, fix = replaced
                message = (
                    f"comparison with OpenAI model {site.model!r}: {name}'s model names never "
                    f"equal it; {message}"
                )
                self.report(site.node, message, severity=severity, fix=fix)
                continue
            mapped = self.ctx.rules.map_model(site.model)
            test = site.place.container
            # the target's models the module names count too: an earlier apply may have
            # mapped a rival to one (open-interpreter's `== "gpt-4"` beside a `"gpt-4o"`
            # the first apply made `deepseek/deepseek-v4-pro`), so a second apply leaves
            # the comparison as the first did
            named = self.sites.named_apart(test) if isinstance(test, cst.Comparison) else set()
            rival = _rival(self.ctx.rules, site.model, mentioned | named) if mapped else None
            if rival is not None and isinstance(test, cst.Comparison):
                # a setting of this very model is mapped (ML204): until the check changes,
                # no branch that names it takes the program's own default
                defaulted = any(
                    s.model == site.model
                    and all(t.node is not site.place.container for t in self.sites.branch_tests(s))
                    for s in sites["setting"]
                )
                after = (
                    f"; the module's own {site.model!r} becomes {mapped!r} (ML204), which this "
                    "branch does not take until you change it"
                    if defaulted
                    else ""
                )
                if _served(self.ctx.rules, rival) is not None:
                    why = (
                        f"this module names {rival!r} too, what {site.model!r} maps to: it "
                        "may stand for an OpenAI model this branch did not take, so accepting "
                        f"{mapped!r} here could send that model down this branch"
                    )
                else:
                    why = (
                        f"{rival!r}, which this module names too, maps to {mapped!r} as well, so "
                        f"accepting {mapped!r} here would send that model down this branch"
                    )
                self.report(
                    site.node,
                    f"comparison with OpenAI model {site.model!r}: {name}'s model names never "
                    f"equal it; apply leaves it: {why}{after}; change the check by hand",
                )
                continue
            # a comparison's: a test of a part of the name (`"gpt-4" in m`) gains nothing
            family = None
            if mapped and site.place.where == "comparison":
                family = self._family_branch(site, sites["check"], mapped)
            if family is not None:
                self.report(
                    site.node,
                    f"comparison with OpenAI model {site.model!r}: {name}'s model names never "
                    f"equal it; apply leaves it: another branch of this if/elif chain checks "
                    f"the family {family!r}, models of which map to {mapped!r} as well, so "
                    f"accepting {mapped!r} here would take them from that branch; change the "
                    "check by hand",
                )
                continue
            edit = None if prefixed else self._comparison_edit(site)
            if edit is None and site.place.where == "prefix":
                families.append(site)
            elif edit is None and isinstance(site.place.container, cst.Dict):
                tables.setdefault(id(site.place.container), []).append(site)
            elif edit is None:
                self.report(site.node, self.describe(site, name, models))
            if edit is None:
                continue
            equal = (
                f"comparison with OpenAI model {site.model!r}: {name}'s model names never equal it"
            )
            target = str(mapped)
            form = self._spelling(site, [site], [target])
            if not isinstance(form, str):
                form = self._litellm_left(site, form, [form(target)]) or form
            if isinstance(form, str):
                self.report(site.node, f"{equal}; {form}")
                continue
            if form.route:
                edit = self._comparison_edit(site, form)
                assert edit is not None  # the route changes no quote
            accepted = form(target)
            widened[id(site.place.container)] = (accepted,)
            gains.append((site.place.container, [site.model], (accepted,)))
            self.report(
                site.node,
                f"{equal}, so the branch would change after the switch; apply makes it accept "
                f"{accepted!r} as well (what {site.model!r} maps to{form.note})",
                fix=FixClass.REVIEW,
                edit=edit,
            )
        for keys in tables.values():
            self._report_table(keys, name)
        picked_calls: dict[int, list[Site]] = {}  # the family checks of one test, by its node
        for site in families:
            tested = family_test(self.ctx, site.node)
            if tested is not None:
                picked_calls.setdefault(id(tested[0]), []).append(site)
        for site in families:
            parts = self._provider_parts(site)
            key = None if not parts else key_pick(self.ctx, site.node)
            if parts and key is not None:
                # a person made it accept the provider's models: they get the key it picks
                self._report_key_passing(site, name, self._parts_passing(site, parts), key)
                continue
            if parts:
                self._report_family_fixed(site, parts, gains, own)
                continue
            if self._report_shown_only(site, name):
                continue
            if self._report_family_label(site):
                continue
            if self._report_request_family(site, name, own, widened, picked_calls):
                continue
            unmatched = self._added_unmatched(site, gains)
            targets = [] if unmatched else self._family_targets(site, own)
            fragment = sdk.model_fragment(site.model)
            if not targets and fragment and not unmatched:
                continue  # no model of the provider's table fails it for the models it names
            key = None if fragment else key_pick(self.ctx, site.node)
            passing = [] if targets or unmatched else self._family_targets(site, own, True)
            if passing:
                # what the family's models map to still matches it (`text-embedding-` and
                # Qwen's `text-embedding-v4`): the check works for them once mapped
                if key is not None:
                    self._report_key_passing(site, name, passing, key)
                continue
            if not targets:
                self._report_unmapped_family(site, name, unmatched)
                continue
            shown = ", ".join(repr(t) for t in targets[:3])
            if len(targets) > 3:
                shown += f" and {len(targets) - 3} more"
            if key is not None and self._provider_key_given(key):
                # apply gave the branch the provider's key and base URL (t64e, RealChar's
                # get_llm): only the test keeps the provider's models out of it
                provider = self.provider
                assert provider is not None  # `_family_targets`
                self.report(
                    site.node,
                    f"{_family_check(site)} that picks the client for the models passing it "
                    f"({self._key_shown(key)}, which reads {name}'s key, "
                    f"{provider.api_key_env}): what apply maps OpenAI's {site.model!r} models to "
                    f"({shown}) never matches it, so once mapped they fail it; that client "
                    f"already talks to {name}: make the test accept {name}'s models"
                    f"{self._widened_to(site, targets)}, by hand",
                    data={"family": site.model, "models_to": targets},
                )
                continue
            if key is not None:
                key_read = self._key_shown(key)
                provider = self.provider
                assert provider is not None  # `_family_targets`
                self.report(
                    site.node,
                    f"{_family_check(site)} that picks the key for the models passing it "
                    f"({key_read}): what apply maps OpenAI's {site.model!r} models to ({shown}) "
                    "never matches it, so once mapped they get no key from it; give them "
                    f"{name}'s key ({provider.api_key_env}) by hand: made to accept them, it "
                    "would send them the key it picks for OpenAI's models",
                    data={"family": site.model, "models_to": targets},
                )
                continue
            if fragment:
                verb = _PART_VERBS.get(site.place.test, "match")
                many = len(targets) > 1
                self.report(
                    site.node,
                    f"{_family_check(site)}: what apply maps OpenAI's models with "
                    f"{site.model!r} to ({shown}) {'do' if many else 'does'} not {verb} it, "
                    "so once mapped the program treats them as models without it; change it "
                    f"for {name}'s models by hand",
                    data={"fragment": site.model, "models_to": targets},
                )
                continue
            table = self._config_key_test(site)
            if table is not None:
                self.report(
                    site.node,
                    f"{site.place.detail} tests for a key of the table {table[0]} of "
                    f"{table[1]}, which apply "
                    f"leaves (ML503), not a model family: what apply maps {site.model!r} to "
                    f"({shown}) is no key there; add an entry for it there and change the "
                    "test with the settings it guards, by hand",
                    data={"model_from": site.model, "models_to": targets, "table": table[1]},
                )
                continue
            self.report(
                site.node,
                f"{_family_check(site)}: what apply maps OpenAI's {site.model!r} models to "
                f"({shown}) never matches it, so the program's {site.model!r} models fail it "
                f"once mapped; make it accept {name}'s models"
                f"{self._widened_to(site, targets)} by hand",
                data={"family": site.model, "models_to": targets},
            )

    def _provider_key_given(self, key: cst.CSTNode) -> bool:
        """Whether the key a family check picks (`request_picks.key_pick`) is a keyword
        whose value reads the provider's key variable (`openai_api_key=os.environ[
        "ZAI_API_KEY"]`, as apply writes it): the client of that branch talks to the
        provider already."""
        provider = self.provider
        parents = self.ctx.ancestors(key)
        arg = parents[-1] if parents else None
        if provider is None or not isinstance(arg, cst.Arg) or arg.keyword is not key:
            return False
        start = self.ctx.index_of(arg.value)
        return any(
            type(node) is cst.SimpleString and string_value(node) == provider.api_key_env
            for node in self.ctx.nodes[start : self.ctx.ends[start]]
        )

    def _widened_to(self, site: Site, targets: list[str]) -> str:
        """For a `startswith` check, the start the provider's models of `targets` share
        (`prefix_lists.shared_prefix`: ` (starting with 'glm-')`), not counting those of its
        other APIs' tiers (an image or transcription model); else each one's own start; else
        the models themselves. "" for another test."""
        provider = self.provider
        assert provider is not None  # `_family_targets`
        if site.place.test != "startswith":
            return ""
        text = [t for t in targets if not provider.other_api_model(t)] or targets
        common = shared_prefix(text)
        starts = [common] if common else [p for t in text if (p := shared_prefix([t]))]
        starts = list(dict.fromkeys(starts))
        if not starts:
            return " (such as " + ", ".join(repr(t) for t in text[:3]) + ")"
        return " (starting with " + " or ".join(repr(p) for p in starts[:3]) + ")"

    def _config_key_test(self, site: Site) -> tuple[str, str] | None:
        """`"gpt-4-1106-preview" in CONFIG.api_keys`: where the site tests for its model as a
        key of a table of the project's config files (`config_lookups`), that table's name and
        place (`api_keys`, `keys.yml:2`); else None."""
        keys = self.ctx.rules.facts.model_table_keys
        if not keys or site.place.test != "contains":
            return None
        found = config_lookups(self.ctx).tested.get(site.model)
        if found is None or found[1] != self.ctx.position(site.node)[0][0]:
            return None
        held = sorted(k for k in keys if k.table.rsplit(".", 1)[-1] == found[0])
        return (found[0], f"{held[0].file}:{held[0].line}") if held else None

    def _key_shown(self, key: cst.CSTNode) -> str:
        """A key read a family check picks (`request_picks.key_pick`), as messages show it:
        `is_openai_api_key() on line 98`, `keys on line 3`."""
        line = self.ctx.line_label(self.ctx.position(key)[0][0])
        if isinstance(key, cst.Call):
            return f"{snippet(self.ctx, key.func)}() on {line}"
        return f"{snippet(self.ctx, key)} on {line}"

    def _parts_passing(self, site: Site, parts: list[str]) -> list[str]:
        """The provider's models (its table's and tiers', `--model`'s) that pass the parts
        a person added to a family check (`_provider_parts`); the parts where none does."""
        matches = FAMILY_TESTS[site.place.test]
        rules = self.ctx.rules
        provider = rules.provider
        assert provider is not None  # `_provider_parts`
        methods = read_as(self.ctx, site.node)
        models = [*provider.models.values(), *provider.tiers.values(), *rules.models.values()]
        found = [
            m
            for m in dict.fromkeys(models)
            if any(matches(sdk.through_methods(m, methods), p) for p in parts)
        ]
        return found or parts

    def _report_key_passing(
        self, site: Site, name: str, passing: list[str], key: cst.CSTNode
    ) -> None:
        """A note for a family check picking the key (`key`) of the models passing it, which
        the provider's models `passing` pass (what apply maps the family's models to, or a
        part a person added): they are sent that key, which must be the provider's."""
        provider = self.provider
        assert provider is not None
        shown = _first_three(passing)
        self.report(
            site.node,
            f"{_family_check(site)} that picks the key for the models passing it "
            f"({self._key_shown(key)}): {name}'s {shown} {'pass' if len(passing) > 1 else 'passes'}"
            f" it, so {'they are' if len(passing) > 1 else 'it is'} sent the key it picks for "
            f"OpenAI's models; make sure that is {name}'s key ({provider.api_key_env}), not an "
            "OpenAI key",
            severity=Severity.NOTE,
            fix=FixClass.MANUAL,
            data={"family": site.model, "models_to": passing},
        )

    def _report_unmapped_family(self, site: Site, name: str, unmatched: str) -> None:
        """A family check that no model of the provider's table maps from: it says its models
        never match it only where none of the provider's models (its table's and tiers',
        `--model`'s, as the test reads them) does."""
        matches = FAMILY_TESTS.get(site.place.test)
        rules = self.ctx.rules
        provider = rules.provider
        matching: list[str] = []
        if matches is not None and provider is not None:
            methods = read_as(self.ctx, site.node)
            models = [*provider.models.values(), *provider.tiers.values(), *rules.models.values()]
            matching = [
                m
                for m in dict.fromkeys(models)
                if matches(sdk.through_methods(m, methods), site.model)
            ]
        if not matching:
            self.report(site.node, self.describe(site, name, [site.model], unmatched))
            return
        shown = _first_three(matching)
        self.report(
            site.node,
            f"{_family_check(site)}: of {name}'s models only {shown} "
            f"{'match' if len(matching) > 1 else 'matches'} it{unmatched}; change the check by "
            "hand",
        )

    def _report_family_label(self, site: Site) -> bool:
        """A note for a family check of a name the function also looks up in a table whose
        keys are labels (`display_names.label_lookup`: ChuanhuChatGPT's `"gpt" in
        model_name.lower()` beside `MODEL_METADATA[model_name]`, keyed by the names its menu
        shows): it tests the program's name for an entry, which apply leaves, not the model
        sent. Whether it was one."""
        tested = family_test(self.ctx, site.node)
        table = label_lookup(self.ctx, tested[0]) if tested is not None else None
        if table is None:
            return False
        self.report(
            site.node,
            f"{_family_check(site)} of a name the code also looks up in {table}, whose "
            "entries name the model sent: it tests the program's label for an entry, which "
            "apply leaves, not a model it sends; leave it",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"family": site.model, "table": table},
        )
        return True

    def _report_shown_only(self, site: Site, name: str) -> bool:
        """A note for a family check whose `if` only prints or logs (`request_picks.shown_only`:
        babyagi's "USING GPT-4" cost banner): once mapped the message changes, no request
        does. Whether it was one."""
        shown = shown_only(self.ctx, site.node) if rules_switching(self) else None
        if shown is None:
            return False
        line = self.ctx.line_label(self.ctx.position(shown)[0][0])
        self.report(
            site.node,
            f"{_family_check(site)} that only decides what the "
            f"program shows ({snippet(self.ctx, shown.func)}() on {line}): {name}'s models never "
            "match it, so once mapped that message changes, and no request does; leave it, or "
            "make it accept them by hand",
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"family": site.model},
        )
        return True

    def _report_request_family(
        self,
        site: Site,
        name: str,
        own: set[str],
        widened: dict[int, tuple[str, ...]],
        picked_calls: dict[int, list[Site]],
    ) -> bool:
        """Report a family check that picks the kind of request (`request_picks.request_pick`:
        babyagi's `if not model.startswith("gpt-"):` before `openai.Completion.create`, chat
        otherwise). Where the models passing it get chat requests and what apply maps the
        family's models to fails it, a `startswith` test gains them (review; `widened`, which
        ML204 reads): mapped, they keep the chat requests they had. Where it cannot (another
        test, a quote the models hold), an error naming the request they would get. Where the
        models failing it get chat requests, a note: the provider's models take that branch.
        Whether it was one."""
        pick = request_pick(self.ctx, site.node) if rules_switching(self) else None
        provider = self.provider
        if pick is None or provider is None:
            return False
        test = family_test(self.ctx, site.node)
        assert test is not None  # `request_pick`
        together = picked_calls.get(id(test[0]), [site])
        if together[0] is not site:
            return True  # one finding for the test, on its first OpenAI family
        families = [s.model for s in together]
        ctx, detail = self.ctx, site.place.detail
        sends = (
            f"{detail} picks {_REQUEST_NAMES[pick.passing]} "
            f"({snippet(ctx, pick.passing_call.func)}() on "
            f"{ctx.line_label(ctx.position(pick.passing_call)[0][0])}) for the models passing it "
            f"and {_REQUEST_NAMES[pick.failing]} ({snippet(ctx, pick.failing_call.func)}() on "
            f"{ctx.line_label(ctx.position(pick.failing_call)[0][0])}) for the others"
        )
        data: dict[str, object] = {
            "family": site.model,
            "request_passing": pick.passing,
            "request_failing": pick.failing,
        }
        if pick.failing == "chat":
            self.report(
                site.node,
                f"{sends}: {name}'s models fail it and get chat requests; leave it",
                severity=Severity.NOTE,
                fix=FixClass.NONE,
                data=data,
            )
            return True
        targets = list(dict.fromkeys(t for s in together for t in self._family_targets(s, own)))
        if not targets:
            return False
        data["models_to"] = targets
        shown = ", ".join(repr(t) for t in targets[:3])
        if len(targets) > 3:
            shown += f" and {len(targets) - 3} more"
        them = f"what apply maps OpenAI's {', '.join(repr(f) for f in families)} models to"
        edit = self._request_widening(test[0], site, targets)
        if edit is not None:
            added, change = edit
            widened[id(test[0])] = added
            tested = test[0]
            assert isinstance(tested, cst.Call) and isinstance(tested.func, cst.Attribute)
            starts = set(self._model_starts(without_id_methods(tested.func.value)[1], targets))
            family = ", ".join(repr(a) for a in added if a in starts)
            ids = ", ".join(repr(a) for a in added if a not in starts)
            gains = "them to the prefixes it tests"
            if family:
                # the provider's family: its models set at run time get chat requests too
                gains = (
                    f"the starts of {name}'s model ids ({family})"
                    + (f" and what none of them starts ({ids})" if ids else "")
                    + " to the prefixes it tests, so any of its models set at run time gets "
                    f"{_REQUEST_NAMES[pick.passing]} too"
                )
            self.report(
                site.node,
                f"{sends}: {them} ({shown}) never matches it, so once mapped they would get "
                f"{_REQUEST_NAMES[pick.failing]}; apply adds {gains}",
                fix=FixClass.REVIEW,
                edit=change,
                data=data,
            )
            return True
        support = _SUPPORT_WORDS.get(provider.support(pick.failing), "may not serve")
        self.report(
            site.node,
            f"{sends}: {them} ({shown}) never matches it, so once mapped they are sent as "
            f"{_REQUEST_NAMES[pick.failing]}, which {name} {support}; apply cannot widen this "
            "test: make it accept them by hand",
            severity=Severity.ERROR,
            data=data,
        )
        return True

    def _request_widening(
        self, test: cst.BaseExpression, site: Site, targets: list[str]
    ) -> tuple[tuple[str, ...], Edit] | None:
        """(the prefixes added, the edit) that makes the `startswith` test `test` accept
        `targets` (as the methods it reads the model through make them: `.lower()`), each in
        the quote of `site`'s literal: a tuple of its prefixes and them. None for another test
        or a quote they hold."""
        if not (
            isinstance(test, cst.Call)
            and isinstance(test.func, cst.Attribute)
            and test.func.attr.value == "startswith"
        ):
            return None
        value = test.args[0].value
        quote = site.node.quote
        methods = without_id_methods(test.func.value)[1]
        written = [e.value for e in value.elements] if isinstance(value, cst.Tuple) else [value]
        parts = [p for p in (string_value(w) for w in written) if p is not None]
        starts = self._model_starts(methods, targets)
        gained: list[str] = []
        for start in [*starts, *(sdk.through_methods(t, methods) for t in targets)]:
            if not any(start.startswith(p) for p in (*parts, *gained)):
                gained.append(start)
        added = tuple(gained)
        if len(quote) != 1 or not added or any(quote in t or "\\" in t for t in added):
            return None
        text = "".join(f", {quote}{t}{quote}" for t in added)
        if not isinstance(value, cst.Tuple):
            return added, Edit(self.ctx.span(value), f"({self.ctx.code(value)}{text})")
        last = value.elements[-1]
        end = self.ctx.span(last.value).end
        if isinstance(last.comma, cst.Comma):  # `("gpt-",)`
            end = self.ctx.text.index(",", end) + 1
        return added, Edit(Span(self.ctx.span(last.value).end, end), text)

    def _model_starts(self, methods: tuple[str, ...], targets: list[str]) -> list[str]:
        """The starts of the provider's model ids its file's `[detect] models` globs give
        (`prefix_lists.glob_starts`: Doubao's `doubao-`, `ep-20` of its Endpoint IDs), as
        `methods` make them (`.lower()`), where the test's family is all of them: those
        starting chat models of its tables that are all `targets` (what apply maps the
        family's models to: `qwen` only where `gpt-`'s models take every Qwen model in them,
        not for `o1`'s), and then those starting none (`ep-20`). Not one that starts only
        models of its other APIs' tiers (Zhipu's `cogview-`), nor one another of them
        starts (Qwen's `qwen-` beside `qwen`)."""
        provider = self.provider
        assert provider is not None  # `_request_widening`
        known = {*provider.tiers.values(), *provider.models.values()}
        chat = {sdk.through_methods(m, methods) for m in known if provider.chat_model(m)}
        others = {sdk.through_methods(m, methods) for m in known} - chat
        aimed = {sdk.through_methods(t, methods) for t in targets}
        starts = list(
            dict.fromkeys(
                sdk.through_methods(s, methods) for s in glob_starts(provider.model_patterns)
            )
        )
        starts = [s for s in starts if not any(s != o and s.startswith(o) for o in starts)]
        covering = [s for s in starts if any(m.startswith(s) for m in chat)]
        if not covering or any(m.startswith(s) and m not in aimed for s in covering for m in chat):
            return []
        unknown = [s for s in starts if not any(m.startswith(s) for m in chat | others)]
        return [s for s in starts if s in covering or s in unknown]

    def _url_beside(self, site: Site) -> tuple[str, int, bool | None] | None:
        """The key of a list or tuple of models in a dict (`"llm_models": ["gpt-4o"]`) that
        also holds OpenAI's base URL or the provider's, a platform's entry (Langchain-Chatchat's
        `{"api_base_url": URL, "api_key": ..., "llm_models": [...]}`): the ids the program
        sends to that URL. With the line of the URL and whether it is still OpenAI's (None
        where ML402 leaves it so, with the key beside it)."""
        container = site.place.container
        if not isinstance(container, (cst.List, cst.Tuple)):
            return None
        parents = self.ctx.ancestors(container)
        if len(parents) < 2 or not isinstance(parents[-1], cst.DictElement):
            return None
        element, table = parents[-1], parents[-2]
        key = string_value(element.key) if isinstance(element.key, cst.SimpleString) else None
        if key is None or not _MODELS_KEY.search(key) or not isinstance(table, cst.Dict):
            return None
        found = url_beside(self.ctx, table, element)
        return (key, *found) if found is not None else None

    def _report_sent_list(
        self, site: Site, members: list[Site], key: str, line: int, openai: bool | None
    ) -> None:
        """Models of a platform's entry beside its base URL (`_url_beside`): the ids sent to
        the provider once the URL is its. Mapped in place (review) where every member maps to
        a model of its own that the collection does not hold; else left, an error."""
        provider = self.provider
        assert provider is not None
        rules = self.ctx.rules
        container = site.place.container
        assert isinstance(container, (cst.List, cst.Tuple))
        shown = ", ".join(repr(m.prefix + m.model) for m in members[:3])
        if len(members) > 3:
            shown += f" and {len(members) - 3} more"
        many = len(members) > 1
        them = "them" if many else "it"
        where = f"{provider.name}'s base URL beside {them} (line {line})"
        if openai:
            where = (
                f"the OpenAI base URL beside {them} (line {line}), which apply points at "
                f"{provider.name}"
            )
        elif openai is None:
            where = (
                f"the OpenAI base URL beside {them} (line {line}), which apply leaves with the "
                "key beside it"
            )
        head = (
            f"{shown} in {site.place.detail} under {key!r} {'are' if many else 'is'} the model "
            f"id{'s' if many else ''} the program sends to {where}"
        )
        targets = [None if m.prefix else rules.map_model(m.model) for m in members]
        held = {
            string_value(e.value)
            for e in container.elements
            if isinstance(e.value, cst.SimpleString) and all(e.value is not m.node for m in members)
        }
        mapped = [t for t in targets if t is not None]
        data: dict[str, object] = {"models_from": [m.model for m in members], "url_line": line}
        edit = None
        if (
            openai is not None
            and len(mapped) == len(members)
            and len(set(mapped)) == len(mapped)
            and held.isdisjoint(mapped)
        ):
            edit = self._members_edit(container, members, mapped)
        if edit is not None:
            data["models_to"] = mapped
            listed = ", ".join(repr(t) for t in mapped)
            self.report(
                site.node,
                f"{head}: apply writes what {'they map' if many else 'it maps'} to ({listed})",
                fix=FixClass.REVIEW,
                edit=edit,
                data=data,
            )
            return
        pairs = [f"{m.model} -> {t}" for m, t in zip(members, targets, strict=True) if t]
        why = f" ({', '.join(pairs)})" if pairs else ""
        if openai is None:
            self.report(
                site.node,
                f"{head}: change {them} to {provider.name}'s models{why} with the URL and the "
                "key, by hand",
                data=data,
            )
            return
        reason = ""
        if len(mapped) == len(members):  # each maps, but to one model twice or one held
            reason = f"; apply leaves {them}, as mapped the list would name one model twice"
        self.report(
            site.node,
            f"{head}, which {provider.name} does not serve{reason}: change {them} to "
            f"{provider.name}'s models{why} by hand",
            severity=Severity.ERROR,
            data=data,
        )

    def _menu(self, site: Site, members: list[Site]) -> Menu | None:
        """The menu (`model_menus.menu_of`: `st.selectbox("Model", options=MODELS)`) whose
        options are the list or tuple of `site`, its value sent as a model, switching."""
        container = site.place.container
        if (
            not rules_switching(self)
            or not isinstance(container, (cst.List, cst.Tuple))
            or any(m.prefix for m in members)
        ):
            return None
        return menu_of(self.ctx, container, model_like)

    def _report_menu(self, site: Site, members: list[Site], menu: Menu) -> tuple[str, ...]:
        """The options of a menu whose choice is sent as a model (`_menu`): the ids the
        program sends, the first by default, so each is mapped in place, once (review; what
        the options become, returned), where every one maps and the menu neither picks its
        default by a value of its own nor shows its options through a function of the
        program; else left, an error."""
        provider = self.provider
        assert provider is not None
        ctx = self.ctx
        container = site.place.container
        assert isinstance(container, (cst.List, cst.Tuple))
        shown = ", ".join(repr(m.model) for m in members[:3])
        if len(members) > 3:
            shown += f" and {len(members) - 3} more"
        many = len(members) > 1
        them = "them" if many else "it"
        line = ctx.line_label(ctx.position(menu.call)[0][0])
        widget = f"{callee_label(ctx, menu.call)}() on {line}"
        chosen = f"`{menu.chosen.value}`"
        if menu.sent is not None:
            keyword = cast(cst.Name, menu.sent.keyword).value
            where = ctx.line_label(ctx.position(menu.sent)[0][0])
            sends = f"whose choice ({chosen}) the program sends as {keyword}= on {where}"
        else:
            sends = f"whose choice ({chosen}) names the model the program uses"
        first = ", the first by default" if menu.default is None else ""
        head = (
            f"{shown} in {site.place.detail} "
            f"{'are OpenAI model ids' if many else 'is an OpenAI model id'}, "
            f"the option{'s' if many else ''} of {widget}, {sends}{first}"
        )
        rules = ctx.rules
        targets = [rules.map_model(m.model) for m in members]
        data: dict[str, object] = {
            "models_from": [m.model for m in members],
            "menu_line": ctx.position(menu.call)[0][0],
        }
        pairs = [f"{m.model} -> {t}" for m, t in zip(members, targets, strict=True) if t]
        why = f" ({', '.join(pairs)})" if pairs else ""
        mapped = [t for t in targets if t is not None]
        if len(mapped) < len(members):
            self.report(
                site.node,
                f"{head}, which {provider.name} does not serve: change {them} to "
                f"{provider.name}'s models{why} by hand",
                severity=Severity.ERROR,
                data=data,
            )
            return ()
        by_node = {id(m.node): t for m, t in zip(members, mapped, strict=True)}
        final = [by_node.get(id(e.value), string_value(e.value)) for e in container.elements]
        repeated = len(set(final)) < len(final)
        default = menu.default
        reason = None
        if menu.labels is not None:
            line = ctx.line_label(ctx.position(menu.labels)[0][0])
            reason = (
                f"the menu shows its options through format_func= ({line}), which may look "
                f"{them} up by OpenAI id"
            )
        elif default is not None and not (
            # the first stays first: only a later position may shift
            isinstance(default.value, cst.Integer) and (not repeated or default.value.value == "0")
        ):
            name = default.keyword.value if default.keyword is not None else "its default"
            reason = (
                f"{name}= picks the default option by position, and two of {them} map to one "
                "model, written once"
                if repeated
                else f"{name}= picks the default option by a value of its own"
            )
        edit = None
        if reason is None:
            mapping = {id(m.node): (m.node, t) for m, t in zip(members, mapped, strict=True)}
            edit = options_edit(ctx, container, mapping)
        if edit is None:
            reason = reason or "their literals cannot be rewritten"
            self.report(
                site.node,
                f"{head}, which {provider.name} does not serve; apply leaves {them}: {reason}; "
                f"change {them} to {provider.name}'s models{why} by hand",
                severity=Severity.ERROR,
                data=data,
            )
            return ()
        written = tuple(dict.fromkeys(v for v in final if v is not None))
        gained = tuple(t for t in dict.fromkeys(mapped))
        data["models_to"] = mapped
        listed = ", ".join(repr(t) for t in gained)
        once = ", once each" if repeated else ""
        self.report(
            site.node,
            f"{head}: apply writes what {'they map' if many else 'it maps'} to ({listed}){once}",
            fix=FixClass.REVIEW,
            edit=edit,
            data=data,
        )
        return tuple(t for t in gained if t in written)

    def _members_edit(
        self, container: cst.List | cst.Tuple, members: list[Site], mapped: list[str]
    ) -> Edit | None:
        """One edit of `container` with each member's literal requoted to its model."""
        whole = self.ctx.span(container)
        text = self.ctx.text[whole.start : whole.end]
        for member, new in sorted(
            zip(members, mapped, strict=True), key=lambda p: -self.ctx.span(p[0].node).start
        ):
            written = requote(member.node, new)
            if written is None:
                return None
            at = self.ctx.span(member.node)
            text = text[: at.start - whole.start] + written + text[at.end - whole.start :]
        return Edit(whole, text)

    def _table_gap_left(self, site: Site, members: list[Site], gained: list[str]) -> str | None:
        """Why a collection gains nothing: its OpenAI models are keys of a table of the
        project's code lacking some of what it would gain (`table_gaps.table_gap`:
        gpt_academic's menu of models, each looked up in `model_info`), so a model chosen
        from it raises KeyError there. None where no such table lacks one."""
        if not self.ctx.rules.switching:
            return None
        models = [m.model for m in members]
        gap = table_gap(self.ctx.rules.facts.model_tables, models, gained, self.ctx.path)
        if gap is None:
            return None
        table, missing = gap
        keys = [m for m in dict.fromkeys(models) if m in table.keys]
        them = "them" if len(missing) > 1 else "it"
        return (
            f"apply adds nothing: {gap_why(table, keys, missing)}; add "
            f"{'entries for them' if len(missing) > 1 else 'an entry for it'} there, then "
            f"add {them} here, by hand"
        )

    def _provider_parts(self, site: Site) -> list[str]:
        """The other parts of the tuple a family check `site` stands in, and the literals the
        other clauses of an `or` it stands in test for (`model_branches.or_alternatives`),
        that some of the provider's models (its table's, its tiers', `--model`'s) match,
        switching: a person made it accept them (`model.startswith(("gpt", "qwen"))`). []
        elsewhere."""
        rules = self.ctx.rules
        provider = rules.provider
        matches = FAMILY_TESTS.get(site.place.test)
        if matches is None or provider is None or not rules.switching:
            return []
        parent = self.sites.parent_of(site.node)
        holder = self.sites.parent_of(parent) if isinstance(parent, cst.Element) else None
        models = {*provider.models.values(), *provider.tiers.values(), *rules.models.values()}
        methods = read_as(self.ctx, site.node)  # `model.lower().startswith(...)`
        seen = {sdk.through_methods(m, methods) for m in models}
        parts: list[str | None] = []
        if isinstance(holder, cst.Tuple):
            parts = [string_value(e.value) for e in holder.elements if e is not parent]
        # the other clauses of an `or` (`("gpt-4" in m) or m.startswith("kimi-k2.6")`)
        parts += or_alternatives(self.ctx, site.node)
        return [p for p in parts if p and any(matches(m, p) for m in seen)]

    def _report_family_fixed(
        self, site: Site, parts: list[str], gains: list[_Added], own: set[str]
    ) -> None:
        """A family check that accepts some of the provider's models as well (`parts`): fixed
        by hand, so it is left, with a note naming what apply maps OpenAI's models of its
        family to (or adds beside them to the module's lists) that it does not match; nothing
        where it matches them all."""
        matches = FAMILY_TESTS[site.place.test]
        part = site.model
        gained = [
            t
            for _, models, targets in gains
            if any(matches(m, part) for m in models)
            for t in targets
        ]
        targets = dict.fromkeys([*gained, *self._family_targets(site, own)])
        methods = read_as(self.ctx, site.node)
        unmatched = [
            t
            for t in targets
            if not any(matches(sdk.through_methods(t, methods), p) for p in (part, *parts))
        ]
        if not unmatched:
            return
        shown = ", ".join(repr(t) for t in unmatched[:3])
        if len(unmatched) > 3:
            shown += f" and {len(unmatched) - 3} more"
        provider = self.provider
        assert provider is not None  # `_provider_parts`
        them = "them" if len(unmatched) > 1 else "it"
        self.report(
            site.node,
            f"{_family_check(site)} beside "
            f"{', '.join(repr(p) for p in parts)}, which {provider.name}'s models match: apply "
            f"leaves it, as fixed by hand; what apply maps OpenAI's {part!r} models to does not "
            f"all match it ({shown}): make it accept {them} if the program uses {them}",
            severity=Severity.NOTE,
            data={"family": part, "models_to": unmatched},
        )

    def _family_targets(self, site: Site, own: set[str], matching: bool = False) -> list[str]:
        """The provider models `apply` writes for OpenAI models of the family the check
        `site` tests (`--model`/config overrides and the provider's table, by each entry's
        name or, for a glob, its stem) that the check does not match: after the switch they
        reach it in place of the OpenAI models it was written for (gpt-cli's `"gpt-3.5-turbo"`
        default became `deepseek-flash`, and its `model.startswith("gpt")` raised "Unknown
        model"). Those the module's own models are or map to first; [] when switching no
        provider. For a check that picks the kind of request (`request_pick`), the provider's
        text models only: not what a tier of another API names (a transcription or speech
        model OpenAI's `gpt-4o-transcribe` or `gpt-4o-mini-tts` maps to). `matching`: those
        the check does match instead (Qwen's `text-embedding-v4` for `text-embedding-`)."""
        matches = FAMILY_TESTS.get(site.place.test)
        rules = self.ctx.rules
        provider = rules.provider
        if matches is None or provider is None or not rules.switching:
            return []
        methods = read_as(self.ctx, site.node)
        text_only = request_pick(self.ctx, site.node) is not None
        part = site.model
        # the module's own first: what its OpenAI models of the family map to, and its
        # provider models (a default an earlier apply mapped)
        mapped = [rules.map_model(m) for m in sorted(own) if matches(m, part)]
        found = [t for t in mapped if t is not None]
        mine = set(found) | own
        for pattern, target in [*rules.models.items(), *provider.models.items()]:
            stem = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
            prefix = stem != pattern and site.place.test == "startswith"
            if matches(stem, part) or (prefix and part.startswith(stem)):
                found.append(target)
        found.sort(key=lambda t: t not in mine)
        return [
            t
            for t in dict.fromkeys(found)
            if matches(sdk.through_methods(t, methods), part) == matching
            and not (text_only and provider.other_api_model(t))
        ]

    def _added_unmatched(self, site: Site, gains: list[_Added]) -> str:
        """What the family check `site` says of the provider's models that `apply` adds to
        the module's lists, tuples, sets and comparisons (`gains`: each with its OpenAI
        models and what it gains) beside an OpenAI model the check matches, and that it does
        not match (`, and apply adds 'x' to the list on line 4`): the code that chooses
        from them may reach the check, which it cannot tell from here. "" for none."""
        matches = FAMILY_TESTS.get(site.place.test)
        if matches is None:
            return ""
        part, places = site.model, []
        for container, models, gained in gains:
            unmatched = [t for t in gained if not matches(t, part)]
            if container is not None and unmatched and any(matches(m, part) for m in models):
                shown = ", ".join(repr(t) for t in unmatched)
                line = self.ctx.line_label(self.ctx.position(container)[0][0])
                places.append(f"{shown} to the {_shape(container) or 'comparison'} on {line}")
        return f", and apply adds {' and '.join(places)}" if places else ""

    def _pair_sent(self, site: Site, provider: str) -> str | None:
        """The message for the model of a (label, model) pair that a lookup by label sends as
        `model=` (`model_reach.pair_table`) where `apply` leaves it (ML204 maps it where the
        table is only read so, for OpenAI SDK requests): adding the provider's models to the
        table would not change what is sent, so it says to replace it. None elsewhere."""
        ctx = self.ctx
        found = pair_table(ctx, site.node) if site.place.where == "collection" else None
        if found is None:
            return None
        line = ctx.line_label(ctx.position(found.requests[0])[0][0])
        foreign = next((c for c in found.requests if ctx.sdk_call(c) is None), None)
        if foreign is not None:
            why = f"{callee_label(ctx, foreign)}() is not an OpenAI SDK call"
        else:
            why = f"{found.table} is read otherwise too"
        advice = f"replace it with {provider}'s model by hand"
        if foreign is not None:
            advice = f"if it talks to {provider}, {advice}"
        if self.provider is None:
            advice = "change it by hand"
        else:
            mapped = ctx.rules.map_model(site.model)
            taken = litellm_takes(ctx, foreign, site.model, mapped) if mapped else ""
            advice += (
                f" (the model table says {mapped!r}{taken})" if mapped else " (its table maps none)"
            )
        return (
            f"{site.model!r} of entry {found.label!r} of {found.table} is an OpenAI model id "
            f"sent as model= on {line}, so apply leaves it ({why}); {advice}"
        )

    def _member_sent(self, site: Site) -> str:
        """For the members of a class (an enum), what the message adds where the module
        sends one as `model=`, itself or as a parameter's default: the line of the request
        and the provider's model for it (EmbModel.SMALL, the default of an embedder's
        `model`, was sent while the message spoke only of checks). Else ""."""
        sites = self.sites
        owner = sites.classes.get(site.place.group)
        if owner is None:
            return ""
        members: dict[str, str] = {}
        for member in sites.finish()["check"]:
            stored = sites.parent_of(member.node) if member.place.group == id(owner) else None
            if isinstance(stored, cst.Assign) and isinstance(stored.targets[0].target, cst.Name):
                members.setdefault(stored.targets[0].target.value, member.model)
        sent = sites.member_request(owner, list(members))
        if sent is None:
            return ""
        name, line, param = sent
        where = self.ctx.line_label(line)
        text = f", and {owner.name.value}.{name} is the model sent"
        text += (
            f" by default (the default of parameter {param}, sent as model= on {where})"
            if param
            else f" (as model= on {where})"
        )
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return text
        new = self.ctx.rules.map_model(members[name])
        if new is None:
            return f"{text}: {provider.name}'s table maps no model for {members[name]!r}"
        return f"{text}: it maps to {new!r} on {provider.name}"

    def _family_branch(self, site: Site, checks: list[Site], target: str) -> str | None:
        """The family (`"gpt-3.5" in m`, `m.startswith("gpt-3.5")`) that another branch of the
        `if`/`elif` chain of the comparison `site` checks, when one of its models maps to
        `target`: accepting the target in this branch would take them from that one (a
        token counter's `m == "gpt-3.5-turbo-0301"` before `m.startswith("gpt-3.5")`)."""
        ctx = self.ctx
        others = _other_branch_tests(ctx, site.node)
        if not others:
            return None
        rules = ctx.rules
        table = [*rules.models, *(rules.provider.models if rules.provider else ())]
        for check in checks:
            if check.place.where != "prefix" or not any(
                _inside(ctx, check.node, test) for test in others
            ):
                continue
            family = check.model
            stems = [family] + [n.rstrip("*") for n in table if n != site.model]
            if any(s.startswith(family) and rules.map_model(s) == target for s in stems):
                return family
        return None

    def _shared_target(
        self, site: Site, members: list[Site], own: set[str]
    ) -> tuple[str, str] | None:
        """A model the module's settings choose that is not in the list, tuple or set of
        `site` but maps to what one of its members maps to, and that target: adding the target
        would put that model's replacement in the collection (mem0's reasoning models: its
        default `gpt-5-mini` is not one, `gpt-5o-mini` is, both map to `qwen-plus`, and the
        migrated program stopped sending temperature). None when there is none."""
        container = site.place.container
        rules = self.ctx.rules
        if (
            not rules.switching
            or not own
            or not isinstance(container, (cst.List, cst.Tuple, cst.Set))
            or self._purpose(container) == "images"
        ):
            return None
        values = set(self._values(container))
        targets = {rules.map_model(m.model) for m in members} - {None}
        provider = rules.provider
        for model in sorted(own - values):
            # a model the provider serves is its own target (`MODEL = "qwen-plus"` once
            # migrated: a second apply must not add it either)
            served = provider is not None and provider.serves(model)
            target = model if served else rules.map_model(model)
            if target is not None and target in targets and target not in values:
                return model, target
        return None

    def _parameter_picked(self, site: Site) -> tuple[str, dict[str, object]] | None:
        """Why a check that picks the name of a request parameter (`model_gates.parameter_pick`:
        max_completion_tokens for the models that pass it, max_tokens for the others) is right
        as it is: the provider takes the name the other branch sends, so its models belong
        there (accepting them would send the name it rejects). With the finding's data; None
        for another check, or where the provider takes the name its branch sends."""
        provider = self.provider
        if provider is None or not rules_switching(self):
            return None
        container = site.place.container
        for test in branch_tests(self.ctx):
            if container is not None and test.widened is not container:
                continue
            if container is None and not _inside(self.ctx, site.node, test.node):
                continue
            pick = parameter_pick(self.ctx, test.node, test.negated)
            taken = provider.params.get(pick.fact) if pick is not None else None
            if pick is None or taken not in (pick.failing, "both"):
                continue
            line = self.ctx.line_label(self.ctx.position(pick.branch)[0][0])
            message = (
                f"it picks {pick.passing} for the models that pass it ({line}) and "
                f"{pick.failing} for the others: {provider.name}'s models take {pick.failing}, "
                "which the other branch sends; leave it"
            )
            return message, {"parameter_passing": pick.passing, "parameter_failing": pick.failing}
        return None

    def _guarding(self, site: Site) -> tuple[str, dict[str, object]] | None:
        """Why a family check that guards a lookup in a table keyed by OpenAI's models
        (`model_gates.guarded_use`: gpt-engineer's price table) is right as it is: the
        provider's models are not in that table, and the other branch handles the models it
        does not know. With the finding's data; None for another check."""
        provider = self.provider
        if provider is None or not rules_switching(self) or site.place.where != "prefix":
            return None
        use = guarded_use(self.ctx, site.node)
        if use is None:
            return None
        line = self.ctx.line_label(self.ctx.position(use.call)[0][0])
        message = (
            f"it guards {use.function}() ({line}), which looks the model up in {use.table}: "
            f"{provider.name}'s models are not in it, and the other branch handles the models "
            "it does not know; leave it"
        )
        return message, {"guards": use.function}

    def _report_picked(
        self, site: Site, name: str, models: list[str], why: str, data: dict[str, object]
    ) -> None:
        """A check `_parameter_picked` leaves: a note, nothing to do."""
        if site.place.where == "prefix":
            message = f"{_family_check(site)}: {why}"
        elif site.place.where == "comparison":
            message = f"comparison with OpenAI model {site.prefix + site.model!r}: {why}"
        else:
            message = self.describe(site, name, models, why)
        self.report(site.node, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data)

    def _system_role_left(self, site: Site, members: list[Site]) -> tuple[str, bool] | None:
        """Why a list, tuple or set whose test picks the messages' shape
        (`model_gates.system_role_dropped`: the branch for its members sends no system
        message, the other sends one, as code for OpenAI's o1-preview and o1-mini does) gains
        nothing, and whether the provider's file says its models take a system message (then
        they belong in the other branch: a note, leave it). None where its test picks no
        roles, the provider's file says its models take none (they gain as elsewhere), or
        its members map to nothing. qodo-cover's o1 list gained `deepseek-flash`, and every
        deepseek-flash request lost its system message."""
        container = site.place.container
        provider = self.provider
        if (
            provider is None
            or not rules_switching(self)
            or not isinstance(container, (cst.List, cst.Tuple, cst.Set))
            or provider.params.get("system_role") is False
        ):
            return None
        branch = system_role_dropped(self.ctx, container)
        if branch is None:
            return None
        rules = self.ctx.rules
        targets = [
            t
            for m in members
            if not sdk.completions_only(m.model) and (t := rules.map_model(m.model)) is not None
        ]
        if not targets:
            return None
        shown = ", ".join(repr(t) for t in dict.fromkeys(targets))
        line = self.ctx.line_label(self.ctx.position(branch)[0][0])
        picks = (
            f"its test picks the messages: the branch for its members ({line}) sends no system "
            "message, as OpenAI's o1 models needed, and the other sends one"
        )
        if provider.params.get("system_role") is True:
            return (
                f"{picks}; {provider.name}'s models take a system message ({shown} too), so "
                "they belong in the other branch: apply leaves it; leave it",
                True,
            )
        many = len(dict.fromkeys(targets)) > 1
        return (
            f"apply leaves it: {picks}, and {provider.name}'s file does not say whether "
            f"{shown} {'take' if many else 'takes'} one: leave it if "
            f"{'they do' if many else 'it does'}, else add {'them' if many else 'it'} by hand",
            False,
        )

    def _gate_left(self, site: Site, members: list[Site], added: list[str]) -> str | None:
        """Why a list, tuple or set that decides what the code sends (`model_gates`) does
        not gain the provider's models `added`: the provider's file does not show that they
        take the parameter it gates, or an OpenAI model outside it maps to one of them (mem0's
        default `gpt-5-mini`, set in another module, and its reasoning model `gpt-5o-mini`,
        both `qwen-plus`: the migrated default took the reasoning models' branch). None
        where it gains them."""
        container = site.place.container
        provider = self.provider
        if provider is None or self._purpose(container) is not None:
            return None
        assert isinstance(container, (cst.List, cst.Tuple, cst.Set))
        prompt = key_prompt_gate(self.ctx, container)
        if prompt is not None:
            line = self.ctx.line_label(self.ctx.position(prompt)[0][0])
            return (
                f"apply leaves it: the branch for its members asks for a key at the prompt on "
                f"{line}, the one OpenAI's models need; {provider.name}'s models added here "
                f"would be asked for OpenAI's key and send it to {provider.name}: give them a "
                "branch of their own, by hand"
            )
        words = _words(self._checked_collection(container) or "")[1]
        function = next(
            (a for a in reversed(self.ctx.ancestors(container)) if isinstance(a, cst.FunctionDef)),
            None,
        )
        if function is not None:
            words += _words(function.name.value)[1]
        gate = gate_of(self.ctx, container, words)
        if gate is None:
            return None
        if gate.parameter is not None:
            decides = f"the code decides by it whether to send {gate.parameter}"
            for target in [] if gate.withheld else added:
                why = refusal(provider, target, gate.parameter)
                if why is not None:
                    return f"apply leaves it: {decides}, and {why}; change the check by hand"
        else:
            decides = f"the code tells {gate.what} apart by it"
        rules = self.ctx.rules
        values = set(self._values(container))
        outside = []
        for target in added:
            sources = [m.model for m in members if rules.map_model(m.model) == target]
            other = outside_source(rules, target, values, sources)
            if other is not None:
                outside.append(f"{other} to {target!r}")
        if not outside:
            return None
        return (
            f"apply leaves it: {decides}, and OpenAI models not in it map to what it would "
            f"gain ({', '.join(outside)}): the program's own model, chosen in any module, "
            "would change sides after the switch; change the check by hand"
        )

    def _model_collections(self, sites: list[Site]) -> list[cst.CSTNode]:
        """The lists, tuples and sets of model ids only (OpenAI's or the provider's) that
        the module checks models against (`_checked_collection`), switching provider."""
        rules = self.ctx.rules
        provider = rules.provider
        if not rules.switching or provider is None:
            return []
        found: list[cst.CSTNode] = []
        for site in sites:
            container = site.place.container
            if (
                isinstance(container, (cst.List, cst.Tuple, cst.Set))
                and all(container is not c for c in found)
                and self._checked_collection(container) is not None
                and all(
                    v is not None and (rules.openai.serves(v) or provider.serves(v))
                    for v in self._values(container)
                )
            ):
                found.append(container)
        return found

    def _targets(self, container: cst.CSTNode) -> dict[str, list[str]]:
        """Provider model -> the members of a collection that give it, in order: the OpenAI
        models that map to it (for one named for images, the provider's model for images, as
        `_collection_edit` adds it), or the provider's model itself."""
        assert isinstance(container, (cst.List, cst.Tuple, cst.Set))
        rules = self.ctx.rules
        provider = rules.provider
        assert provider is not None
        images = self._purpose(container) == "images"
        found: dict[str, list[str]] = {}
        for value in self._values(container):
            served = value and provider.serves(value)
            target = value if served else rules.map_model(value or "", images)
            if value and target:
                found.setdefault(target, []).append(value)
        return found

    def _rival_collection(
        self, site: Site, checked: list[cst.CSTNode], own: set[str]
    ) -> str | None:
        """Why the collection of `site` is left to a person when another collection the module
        checks models against (the nearest first) takes a provider model this one would get
        too, each from models the other does not hold (evals' base models `{"gpt-4-base"}`
        beside its chat models `{"gpt-4", ...}`: with what both map to in both, the first test
        sent the provider's chat model to the text completions endpoint). A target that one of
        the module's own models gives goes where that model is (`_shared_target` leaves the
        others). None when there is none."""
        container = site.place.container
        if all(container is not c for c in checked):
            return None
        assert isinstance(container, (cst.List, cst.Tuple, cst.Set))
        mine = self._targets(container)
        values = set(self._values(container))
        line = self.ctx.position(container)[0][0]
        for other in sorted(checked, key=lambda c: abs(self.ctx.position(c)[0][0] - line)):
            if other is container or (self._purpose(other) == "text" and self._may_read_images()):
                continue  # a collection named for text only gains nothing (`_text_only_left`)
            assert isinstance(other, (cst.List, cst.Tuple, cst.Set))
            theirs = self._targets(other)
            their_values = set(self._values(other))
            for target, sources in mine.items():
                ours = [m for m in sources if m not in their_values]
                rivals = [m for m in theirs.get(target, ()) if m not in values]
                if target in values or not ours or not rivals or own & set(sources):
                    continue
                where = self.ctx.line_label(self.ctx.position(other)[0][0])
                return (
                    f"apply leaves it: {ours[0]!r} maps to {target!r}, and so does {rivals[0]!r} "
                    f"of the {_shape(other)} on {where}, which does not hold {ours[0]!r}: with "
                    f"{target!r} in both, the code could not tell them apart; change the checks "
                    "by hand"
                )
        return None

    def _taken_left(self, site: Site, members: list[Site]) -> str | None:
        """Why a list, tuple or set bound to a name gains nothing, switching provider: the
        module takes its members as values (`model_gates.taken_as_values`: autogen's
        `for model in default_models: key_map[model] = "OPENAI_API_KEY"`), so what it would
        gain would become one more of them. None for a list the module checks models against."""
        container = site.place.container
        if not rules_switching(self) or not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return None
        used = taken_as_values(self.ctx, container)
        if used is None:
            return None
        if isinstance(used, (cst.For, cst.CompFor)):
            shown = f"the loop for {self.ctx.code(used.target)} in {self.ctx.code(used.iter)}"
        else:
            shown = snippet(self.ctx, used)
        models = [m.prefix + m.model for m in members]
        listed = ", ".join(repr(m) for m in models[:3])
        listed += f" and {len(models) - 3} more" if len(models) > 3 else ""
        what, them, get = ("are OpenAI model ids", "them", "they get")
        if len(models) == 1:
            what, them, get = ("is an OpenAI model id", "it", "it gets")
        images = self._purpose(container) == "images"
        mapped = [
            t for m in members if (t := self.ctx.rules.map_model(m.model, images)) is not None
        ]
        gained = ", ".join(repr(t) for t in dict.fromkeys(mapped)) or "a model of its own"
        line = self.ctx.line_label(self.ctx.position(used)[0][0])
        parallel = parallel_sequence(self.ctx, container, used)
        if parallel is not None or _position_read(used):
            picks = f", which picks from {self.ctx.code(parallel)}" if parallel is not None else ""
            there = "in it" if parallel is None else f"in {self.ctx.code(parallel)}"
            return (
                f"{listed} in {site.place.detail} {what}, and {shown} on {line} reads the "
                f"position of a member{picks}: apply leaves it, as {gained} added at its end "
                f"would have no entry {there} (an IndexError, or another model's entry); "
                "change it by hand"
            )
        return (
            f"{listed} in {site.place.detail} {what}, and {shown} on {line} takes {them} as "
            f"values, not as a check of models: apply leaves it, as {gained} added there would "
            f"get what {get} (an entry, a key); change it by hand"
        )

    def _unmapped_left(self, site: Site, members: list[Site]) -> str | None:
        """What a list, tuple or set that holds what its mapped OpenAI models map to (as
        `apply` leaves it) still asks of a person: its models the table maps nothing to.
        None where it lacks a target, or has no such model."""
        container = site.place.container
        rules = self.ctx.rules
        if not rules.switching or not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return None
        values = set(self._values(container))
        images = self._purpose(container) == "images"
        targets = [(m.model, rules.map_model(m.model, images)) for m in members]
        unmapped = [model for model, target in targets if target is None]
        if not unmapped or any(t is not None and t not in values for _, t in targets):
            return None
        provider = rules.provider
        assert provider is not None  # switching
        if images and provider.image_model() is None:
            return (
                f"{provider.name} names no model that reads images for a collection named for "
                "them; change the check by hand"
            )
        if len(unmapped) == len(targets):
            return None
        shown = ", ".join(repr(m) for m in unmapped)
        them = "them" if len(unmapped) > 1 else "it"
        return (
            f"the models the others map to are in it; {provider.name}'s table maps nothing "
            f"to {shown}: drop {them} or add a model for {them} by hand"
        )

    def _accepts_mapped(self, site: Site, members: list[Site]) -> bool:
        """Whether the list, tuple or set of `site` holds, beside each of its OpenAI models,
        the provider's model that one maps to (the code accepts the provider's models too)."""
        container = site.place.container
        rules = self.ctx.rules
        if not rules.switching:
            return False
        if site.place.detail == _LITERAL:  # t53l D4: `Literal["gpt-4", "yi-lightning"]`
            literal = self._literal_of(site)
            held = {
                string_value(e.slice.value)
                for e in (literal.slice if literal else ())
                if isinstance(e.slice, cst.Index)
            }
            return bool(held) and all(rules.map_model(m.model) in held for m in members)
        if not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return False
        values = set(self._values(container)) - {None}
        images = self._purpose(container) == "images"
        return all(rules.map_model(m.model, images) in values for m in members)

    def _prefix_list_left(
        self, site: Site, members: list[Site], own: set[str]
    ) -> tuple[str, list[str]] | None:
        """For a list, tuple or set the code reads only as prefixes of a model's name
        (`prefix_lists.read_as_prefixes`): ("", []) where each provider model it must let
        through starts with one of its members (what its OpenAI members map to, and what the
        module's own OpenAI models starting with one map to): it accepts them, unreported;
        else the advice and those models, but None where it holds model ids only, which
        `_collection_edit` widens as any list. None for any other collection."""
        container = site.place.container
        rules = self.ctx.rules
        if (
            not rules.switching
            or not isinstance(container, (cst.List, cst.Tuple, cst.Set))
            or any(m.prefix for m in members)
            or not read_as_prefixes(self.ctx, container)
        ):
            return None
        values = [v for v in self._values(container) if v is not None]
        images = self._purpose(container) == "images"
        passing = [m for m in sorted(own) if rules.openai.serves(m) and not uncovered(values, [m])]
        sources: dict[str, list[str]] = {}  # a target -> the models giving it
        for model in dict.fromkeys([*(m.model for m in members), *passing]):
            target = None if sdk.completions_only(model) else rules.map_model(model, images)
            if target is not None:
                sources.setdefault(target, []).append(model)
        missing = uncovered(values, sources)
        if not missing:
            return "", []
        if self._collection_edit(site, members) is not None:
            return None  # of model ids only: what apply adds to it starts with itself
        shown = "; ".join(
            f"{t!r} (from {', '.join(repr(m) for m in sources[t][:2])})" for t in missing[:3]
        )
        shown += f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        common = shared_prefix(missing)
        add = f"a prefix they start with ({common!r})" if common else "prefixes they start with"
        start = "start" if len(missing) > 1 else "starts"
        return (
            f"apply leaves it: the code tests which of them a model's name starts with; "
            f"{shown} {start} with none of them: add {add}, or change the check, by hand"
        ), missing

    def _literal_of(self, site: Site) -> cst.Subscript | None:
        """The `Literal[...]` whose element is the string of `site`."""
        parents = self.ctx.ancestors(site.node)
        literal = parents[-3] if len(parents) >= 3 else None
        return literal if isinstance(literal, cst.Subscript) else None

    def _settled_by_hand(
        self, site: Site, members: list[Site], own: set[str]
    ) -> tuple[str, list[str]] | None:
        """The note on a list, tuple or set fixed by hand, and the provider models its OpenAI
        models map to that it lacks; None for any other. Fixed by hand: it holds a provider
        model `apply` would not have put there (apply adds what its members map to all at
        once, `_widening`, or, where another collection would take a target too, only what
        the module's own models, `own`, map to), so some of those targets are not in it.
        chatgpt-telegram-bot's `GPT_4O_MODELS` gained `qwen4-max` by hand, not `qwen-plus`,
        which its `gpt-4o-mini` maps to and the tuple of `gpt-4-turbo-preview` would take too:
        a person's choice, left."""
        container = site.place.container
        rules = self.ctx.rules
        provider = rules.provider
        if (
            not rules.switching
            or provider is None
            or not isinstance(container, (cst.List, cst.Tuple, cst.Set))
        ):
            return None
        values = [v for v in self._values(container) if v is not None]
        held = [v for v in dict.fromkeys(values) if provider.serves(v)]
        if not held:
            return None
        images = self._purpose(container) == "images"
        sources: dict[str, list[str]] = {}  # a target it does not hold -> the models giving it
        for member in members:
            target = rules.map_model(member.model, images)
            if (
                target is not None
                and target not in values
                and not sdk.completions_only(member.model)
            ):
                sources.setdefault(target, []).append(member.model)
        ours = {m if provider.serves(m) else rules.map_model(m) for m in own}
        widening = self._widening(members, set(values), images)
        applied = widening <= set(values)
        hand = [v for v in held if v not in ours and (not applied or v not in widening)]
        if not hand:
            return None
        lacks = []
        for target, models in sources.items():
            given = ", ".join(repr(m) for m in models[:2])
            given += f" and {len(models) - 2} more" if len(models) > 2 else ""
            lacks.append(f"{target!r} (from {given})")
        missing = list(sources)
        listed = ", ".join(repr(m.prefix + m.model) for m in members[:3])
        listed += f" and {len(members) - 3} more" if len(members) > 3 else ""
        are = "are OpenAI model ids" if len(members) > 1 else "is an OpenAI model id"
        them = "them" if len(missing) > 1 else "it"
        message = (
            f"{listed} in {site.place.detail} {are} beside {provider.name}'s "
            f"{', '.join(repr(v) for v in hand)}, which apply does not add alone: taken as "
            "fixed by hand, apply leaves it"
        )
        if lacks:
            message += (
                f"; it lacks {', '.join(lacks)}: add {them} if the code should accept {them} too"
            )
        return message, missing

    def _widening(self, members: list[Site], values: set[str], images: bool) -> set[str]:
        """The provider models `apply` adds to a list, tuple or set of `members` in one go
        (`_collection_edit`): what each maps to, but for text completions models and a dated
        snapshot whose family is not in it."""
        rules = self.ctx.rules
        found = set()
        for member in members:
            family = undated_model(member.model)
            new = rules.map_model(member.model, images)
            if (
                new
                and not sdk.completions_only(member.model)
                and (family is None or family in values)
            ):
                found.add(new)
        return found

    def _collection_edit(
        self, site: Site, members: list[Site], spelling: _Spelling = _Spelling()
    ) -> tuple[Edit, list[str]] | None:
        """The provider's models that the OpenAI models of a list, tuple or set map to, added
        after its last element (a line each where its elements stand a line each) as
        `spelling` writes them (`_spelling`), so that code checking models against it accepts
        them too, and those models as they are; None where it holds anything but
        model ids, none of them maps to anything, or the quote of the first does not fit (a
        model the table does not map adds nothing: the others' targets still go in, or the
        module's own default, mapped by ML204, would fail the check it used to pass).

        A dated snapshot (`gpt-4-0314`) whose family's name is not in the collection adds
        nothing: the list singles out that version (chatgpt-telegram-bot's models that cannot
        call functions), and the provider's model stands for the family's current one, which
        its default (`gpt-4o`) maps to as well. None when only such snapshots are left."""
        container = site.place.container
        rules = self.ctx.rules
        if not rules.switching or not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return None
        checked = self._checked_collection(container)
        if checked is None:
            return None
        values = set(self._values(container))
        provider = rules.provider
        if provider is None or not all(
            v is not None and (rules.openai.serves(v) or provider.serves(v)) for v in values
        ):
            return None  # not a list of models: a row of values (pytest's parametrize), a mix
        # a collection named for images (`VISION_MODELS`) gets the models for images only
        images = self._purpose(container) == "images"
        mapped: list[str] = []
        for member in members:
            if sdk.completions_only(member.model):
                continue  # a text completions model: a chat model is not one of them
            new = rules.map_model(member.model, images)
            if not new:
                continue  # a model the table does not map: nothing to add for it
            family = undated_model(member.model)
            if family is not None and family not in values:
                continue
            if new not in values and new not in mapped:
                mapped.append(new)
        quote = site.node.quote
        if not mapped or len(quote) != 1 or any(quote in m or "\\" in m for m in mapped):
            return None
        last = container.elements[-1]
        text, code = self.ctx.text, self.ctx.code
        end = self.ctx.span(last.value).end
        line_start = text.rfind("\n", 0, self.ctx.span(last.value).start) + 1
        indent = text[line_start : self.ctx.span(last.value).start]
        if "\n" in code(container) and not indent.strip():
            has_comma = isinstance(last.comma, cst.Comma)
            comma = text.index(",", end) + 1 if has_comma else end
            head = "" if has_comma else ","
            lines = "".join(f"\n{indent}{quote}{spelling(m)}{quote}," for m in mapped)
            return Edit(Span(comma, comma), head + lines), mapped
        added = "".join(f", {quote}{spelling(m)}{quote}" for m in mapped)
        if isinstance(last.comma, cst.Comma):  # `("gpt-4o",)`: the comma a tuple of one needs
            end = text.index(",", end) + 1
        return Edit(Span(self.ctx.span(last.value).end, end), added), mapped

    def _values(self, container: cst.CSTNode) -> list[str | None]:
        """The strings of a list, tuple or set, in order (None for anything else), a model of
        the target written on its litellm route (`deepseek/deepseek-v4-pro`, as apply adds it
        where the module's models go to litellm) read as the model itself."""
        assert isinstance(container, _COLLECTIONS)
        rules = self.ctx.rules
        values = [string_value(e.value) for e in container.elements]
        return [v and (_served(rules, v) or v) for v in values]

    def _checked_collection(self, container: cst.CSTNode) -> str | None:
        """A collection the code checks models against: bound to a name (`SUPPORTED = (...)`,
        a class attribute: its name is returned) or right of `in` / `not in` (""). None for an
        argument (`parametrize(...)`'s list of cases, which a test compares with OpenAI's
        behaviour) or anything else."""
        parents = self.ctx.ancestors(container)
        parent = parents[-1] if parents else None
        if isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is container:
            target = parent.targets[0].target if isinstance(parent, cst.Assign) else parent.target
            return self.ctx.code(target)
        if isinstance(parent, cst.ComparisonTarget) and isinstance(
            parent.operator, (cst.In, cst.NotIn)
        ):
            return ""
        return None

    def _purpose(self, container: cst.CSTNode | None) -> str | None:
        """What the name of a collection the code checks models against says its models do:
        "images" (`VISION_MODELS`), "text" (`TEXT_ONLY_MODELS`, `no_vision`), else None."""
        if not isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            return None
        name = self._checked_collection(container)
        if not name:
            return None
        if sdk.named_text_only(name):
            return "text"
        return "images" if sdk.named_for_images(name) else None

    def _may_read_images(self) -> bool:
        """Whether some model of the provider, switched to, may read images."""
        provider = self.provider
        return (
            rules_switching(self)
            and provider is not None
            and provider.supports.get("vision") is not False
        )

    def _text_only_left(self, site: Site) -> str | None:
        """Why a collection named for models that read no images is left to a person: the
        provider's catalogue says which of its models reads images (its `vision` tier), not
        which read none, and what the members map to may read them (DeepSeek maps `o3-mini`
        to deepseek-flash, its model for images). None once it holds a provider model that is
        not the one for images (a person's choice)."""
        provider = self.provider
        assert provider is not None  # switching
        container = site.place.container
        assert isinstance(container, (cst.List, cst.Tuple, cst.Set))
        image_model = provider.image_model()
        values = set(self._values(container))
        own = {v for v in values if v is not None and provider.serves(v)}
        if own - {image_model}:
            return None
        held = (
            f"it holds {image_model!r}, {provider.name}'s model for images: take it out and "
            if image_model in own
            else ""
        )
        return (
            "apply leaves it: it is named for models that read no images, and which of "
            f"{provider.name}'s models read none is for a person to say; {held}add those by hand"
        )

    def _replaced_in_branch(
        self, site: Site, members: list[Site], name: str
    ) -> tuple[str, Severity, FixClass] | None:
        """Why a comparison (`m == "gpt-4-turbo-preview"`, `!=`) or a collection tested with
        `in` / `not in` is not widened, switching provider: the branch its models take sets
        the very value tested to a model (open-interpreter's `elif profile["llm"]["model"] ==
        "gpt-4-turbo-preview": profile["llm"]["model"] = "gpt-4o"`, an upgrade of the OpenAI
        model it names). Accepting the provider's model there would replace that model too,
        whichever OpenAI model it came from (OpenAI's `gpt-4o-mini` maps to DeepSeek's
        `deepseek-flash` as well) or a person chose; left, the provider's models skip the
        branch and keep their own. Manual while the value set is an OpenAI model, a note
        once it is another (ML204 mapped it), so that a second `apply` widens nothing either.
        The message, severity and fix; None for other tests."""
        container = site.place.container
        rules = self.ctx.rules
        if not rules.switching or container is None:
            return None
        targets = [t for m in members if (t := rules.map_model(m.model)) and t != m.model]
        comparison: cst.CSTNode | None = container
        if isinstance(container, (cst.List, cst.Tuple, cst.Set)):
            target = self.sites.parent_of(container)
            comparison = self.sites.parent_of(target) if target is not None else None
            if not isinstance(target, cst.ComparisonTarget) or target.comparator is not container:
                return None
        if not targets or not isinstance(comparison, cst.Comparison):
            return None
        if len(comparison.comparisons) != 1:
            return None
        test = comparison.comparisons[0]
        equal = isinstance(test.operator, (cst.Equal, cst.In))
        if not equal and not isinstance(test.operator, (cst.NotEqual, cst.NotIn)):
            return None
        if test.comparator is container or test.comparator is site.node:
            subject = comparison.left
        elif comparison.left is site.node:
            subject = test.comparator
        else:
            return None  # inside a larger operand
        if not isinstance(subject, (cst.Name, cst.Attribute, cst.Subscript)):
            return None
        holder: cst.CSTNode = comparison
        statement = self.sites.parent_of(holder)
        # `if m == "gpt-4" and fast:`, `or`: the branch may be taken where m equals it
        while equal and isinstance(statement, cst.BooleanOperation):
            holder, statement = statement, self.sites.parent_of(statement)
        if not isinstance(statement, cst.If) or statement.test is not holder:
            return None
        branch = statement.body if equal else statement.orelse
        found = self._assigned_in(branch, subject) if branch is not None else None
        if found is None:
            return None
        assign, value = found
        line = self.ctx.line_label(self.ctx.position(assign)[0][0])
        shown = ", ".join(repr(t) for t in dict.fromkeys(targets))
        it = "it" if len(set(targets)) == 1 else "them"
        head = (
            f"apply leaves it: the branch sets `{snippet(self.ctx, subject)}` to {value!r} "
            f"on {line}"
        )
        why = (
            f"accepting {shown} here would turn {it} into that model as well, whichever OpenAI "
            f"model was mapped to {it} or a person chose; {name}'s models skip the branch and "
            "keep their own"
        )
        if rules.openai.serves(value.removeprefix("openai/")):
            return (
                f"{head}, an OpenAI model: {why}; make it accept them by hand only if they "
                f"should take it, with {article(name)} {name} model set there",
                Severity.WARNING,
                FixClass.MANUAL,
            )
        if value in targets:  # accepting it there would change nothing of the model
            why = f"{name}'s models skip the branch and keep their own"
        return f"{head}: {why}", Severity.NOTE, FixClass.NONE

    def _assigned_in(
        self, branch: cst.CSTNode, subject: cst.BaseExpression
    ) -> tuple[cst.Assign, str] | None:
        """The first assignment in `branch` (outside functions and classes defined there)
        of a string literal, or a constant bound to one, to what `subject` spells, with the
        string."""
        wanted = "".join(self.ctx.code(subject).split())
        start = self.ctx.index_of(branch)
        end = self.ctx.ends[start]
        at = start
        while at < end:
            node = self.ctx.nodes[at]
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                at = self.ctx.ends[at]
                continue
            at += 1
            if not isinstance(node, cst.Assign):
                continue
            if all("".join(self.ctx.code(t.target).split()) != wanted for t in node.targets):
                continue
            resolved = self.ctx.resolve_literal(node.value)
            if resolved is not None and resolved[2].startswith(("literal", "constant ")):
                return node, resolved[1]
        return None

    def _comparison_edit(self, site: Site, spelling: _Spelling = _Spelling()) -> Edit | None:
        """`x in ("gpt-4", "<mapped>")` for `x == "gpt-4"` (`not in` for `!=`), switching
        provider: the comparison with one model accepts what that model maps to as well."""
        comparison = site.place.container
        rules = self.ctx.rules
        if not rules.switching or not isinstance(comparison, cst.Comparison):
            return None
        if comparison.lpar or len(comparison.comparisons) != 1:
            return None
        target = comparison.comparisons[0]
        if isinstance(target.operator, cst.Equal):
            word = "in"
        elif isinstance(target.operator, cst.NotEqual):
            word = "not in"
        else:
            return None
        literal = site.node
        if literal is comparison.left:
            other = target.comparator
        elif literal is target.comparator:
            other = comparison.left
        else:
            return None  # inside a larger operand (`x == ("gpt-4" if a else b)`)
        if isinstance(other, (cst.SimpleString, cst.ConcatenatedString)):
            return None  # two literals: nothing of the program's runs through it
        mapped = rules.map_model(site.model)
        quote = literal.quote
        if not mapped or mapped == site.model or len(quote) != 1 or quote in mapped:
            return None
        if sdk.completions_only(site.model):
            return None  # a branch for text completions models: the provider's is a chat one
        source = self.ctx.source
        text = f"{source(other)} {word} ({source(literal)}, {quote}{spelling(mapped)}{quote})"
        return Edit(self.ctx.span(comparison), text)

    def _spelling(self, site: Site, members: list[Site], targets: list[str]) -> _Spelling | str:
        """How the provider's models `targets` go into the check of `site`, as the values the
        module tests against it take them (`litellm_reach`, which decides ML204's settings
        too): on litellm's route where they go to litellm, as they are where they go to an
        OpenAI client. Where both may read it, or litellm has no route of the provider's for
        them (no `litellm_prefix`, an embeddings model), the advice that leaves it to a
        person, naming both spellings."""
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return _Spelling()
        tested = self._tested(site)
        names = [self.ctx.code(t) for t in tested]
        reach = self.litellm_reach(lambda: self._tested_takers(tested), names)
        if reach is None:
            return _Spelling()
        chat = all(sdk.surface_of_model(m.model) == "chat" for m in members)
        routed = [litellm_route(provider, t, chat) for t in targets]
        route = provider.frameworks.get("litellm_prefix")
        sends = "which sends a model without a provider prefix to OpenAI"
        why = _LITELLM_CHECKS.get(reach)
        if why is not None and isinstance(route, str) and all(routed):
            return _Spelling(route, why)
        litellm = ", ".join(
            litellm_need(provider, t, r) for t, r in zip(targets, routed, strict=True)
        )
        if why is not None:
            return (
                f"apply leaves it: {why}, {sends}, and litellm takes {provider.name}'s models "
                f"there as {litellm}: accept them so, by hand"
            )
        who = "this module" if self.sites.litellm_calls else "a module of this project"
        shows = (
            "and the module gives what it tests to an OpenAI client too"
            if reach == "both"
            else "and nothing here shows where what it tests goes"
        )
        bare = ", ".join(repr(t) for t in targets)
        return (
            f"apply leaves it: {who} calls litellm, {sends}, {shows}: accept {litellm} where "
            f"what it tests goes to litellm, {bare} where it goes to an OpenAI client, by hand"
        )

    def _spelled(
        self, site: Site, members: list[Site], added: tuple[Edit, list[str]]
    ) -> tuple[Edit, tuple[str, ...], _Spelling] | str:
        """The edit of `_collection_edit` (`added`, for `members`) in the spelling of the
        module's models (`_spelling`), what it writes, and that spelling; else the advice
        that leaves the collection to a person."""
        spelling = self._spelling(site, members, added[1])
        if isinstance(spelling, str):
            return spelling
        left = self._litellm_left(site, spelling, [spelling(m) for m in added[1]])
        if left is not None:
            return left
        if spelling.route:
            routed = self._collection_edit(site, members, spelling)
            assert routed is not None  # the route changes no quote
            added = routed
        return added[0], tuple(spelling(m) for m in added[1]), spelling

    def _litellm_left(self, site: Site, spelling: _Spelling, written: list[str]) -> str | None:
        """Why the check of `site` gains nothing where a model the module gives litellm as it
        is (ML640's: `def ask(model="gpt-4o")` sending `model=model`) is tested by it and
        left by ML640 for it: ML640 reads the test as it stands (`model not in SUPPORTED`,
        which the provider's model fails), while adding `written` would make it pass; the
        default would stay OpenAI's with no test left to report it. None for no such model."""
        ctx, rules = self.ctx, self.ctx.rules
        for test in branch_tests(ctx):
            if test.widened is not site.place.container:
                continue
            start = ctx.index_of(test.holder)
            for node in ctx.nodes[start : ctx.ends[start]]:
                value = string_value(node) if type(node) is cst.SimpleString else None
                if value is None or not litellm_literal(ctx, node):
                    continue
                new = rules.map_model(value.removeprefix(f"{fw_litellm.OPENAI_PREFIX}/"))
                if new is None:
                    continue
                sent = spelling(new)
                if test.passes(value) == test.passes(sent) or (
                    test.passes(value) != test.passes(sent, written)
                ):
                    continue
                line = ctx.line_label(ctx.position(node)[0][0])
                passes, fails = (value, sent) if test.passes(value) else (sent, value)
                return (
                    f"apply leaves it: {value!r} on {line}, which litellm takes and this "
                    "check tests, stays as it is (ML640 reads the check as it stands, which "
                    f"{passes!r} passes and {fails!r} does not); widened alone, the check "
                    "would let that model stay OpenAI's unreported; change them together, by "
                    "hand"
                )
        return None

    def _tested(self, site: Site) -> list[cst.BaseExpression]:
        """What the module tests against the check of `site` (without `.lower()` and the
        like): the other side of a comparison with one model; the left of `in` / `not in`
        for a list, tuple or set written there, or of each such test of this module reading
        the name it is bound to."""
        container, parent_of = site.place.container, self.sites.parent_of
        if isinstance(container, cst.Comparison):
            if len(container.comparisons) != 1:
                return []
            right = container.comparisons[0].comparator
            if site.node is container.left:
                return [without_id_methods(right)[0]]
            return [without_id_methods(container.left)[0]] if site.node is right else []
        if not isinstance(container, _COLLECTIONS):
            return []
        reads: list[cst.CSTNode] = [container]
        bound = parent_of(container)
        if isinstance(bound, cst.Assign) and bound.value is container and len(bound.targets) == 1:
            target = bound.targets[0].target
            reads = reads_of(self.ctx, target) if isinstance(target, cst.Name) else []
        found = []
        for read in reads:
            where = parent_of(read)
            test = parent_of(where) if where is not None else None
            if (
                isinstance(where, cst.ComparisonTarget)
                and where.comparator is read
                and isinstance(where.operator, (cst.In, cst.NotIn))
                and isinstance(test, cst.Comparison)
                and len(test.comparisons) == 1
            ):
                found.append(without_id_methods(test.left)[0])
        return found

    def _tested_takers(self, tested: list[cst.BaseExpression]) -> set[str]:
        """Which libraries the module gives the values `tested` to as `model=` (`model_takers`
        of what binds them: a parameter, a name, an attribute), as ML204 follows a setting."""
        ctx = self.ctx
        index = ctx.index
        if not index.name_sources and not index.attr_sources:
            return set()
        found: set[str] = set()
        for value in tested:
            holders: list[cst.CSTNode] = []
            if isinstance(value, cst.Name):
                holders = [
                    b.node
                    for b in ctx.reaching(value)
                    if isinstance(b, Assignment) and isinstance(b.node, (cst.Param, cst.Name))
                ]
            elif isinstance(value, cst.Attribute):
                holders = [value]
            for holder in holders:
                found |= model_takers(ctx, holder)
        return found

    def describe(
        self, site: Site, provider: str, models: list[str], advice: str | None = None
    ) -> str:
        """The message for a model string that is not a setting, by the shape of the code;
        `models` are the OpenAI models of the same collection, `advice` what a collection's
        message says to do (by default: by hand), or what a family check adds."""
        model, shape, detail = site.prefix + site.model, site.place.where, site.place.detail
        target = f"{provider}'s"
        if shape == "collection":
            shown = ", ".join(repr(m) for m in models[:3])
            if len(models) > 3:
                shown += f" and {len(models) - 3} more"
            many = len(models) > 1
            return (
                f"{shown} in {detail} {'are OpenAI model ids' if many else 'is an OpenAI model id'}"
                f": code that checks models against {'them' if many else 'it'} may reject "
                f"{target} models{self._member_sent(site)}; "
                f"{advice or 'add them or change the check by hand'}"
            )
        if shape == "prefix":
            return (
                f"{_family_check(site)}: {target} model names never match "
                f"it{advice or ''}; change the check by hand"
            )
        if shape == "comparison":
            return (
                f"comparison with OpenAI model {model!r}: {target} model names never equal it, "
                "so the branch changes after the switch; change the check by hand"
            )
        if shape == "table":
            return (
                f"{model!r} is {detail} of a table keyed by OpenAI model (such as token limits): "
                f"lookups with {target} model names miss it; add entries for them by hand"
            )
        if site.place.table:  # a key of a table a function looks it up in, and more
            return (
                f"{model!r} ({detail}) is an OpenAI model id and a key of {site.place.table}, "
                f"which that function looks it up in: if it reaches a request or a model "
                f"check, {provider} will not know it; change it and that key together, by hand "
                "(changed alone, the lookup misses it)"
            )
        return (
            f"{model!r} ({detail}) is an OpenAI model id: if it reaches a request or a model "
            f"check, {provider} will not know it; change it by hand"
        )


class ModelForeignCall(_SitesRule):
    """An OpenAI model id passed as `model=` to a call that is not the OpenAI SDK.

    ## What it does
    Finds `model="gpt-4o"` (or another model-like keyword) given to a framework migrate-llm
    has no rule for, or a function that migrate-llm cannot follow to an OpenAI SDK call
    (the Agents SDK, litellm, DSPy, autogen-ext, LangChain and LlamaIndex have rules of
    their own: ML6xx; the model given to a LangChain chat model's request method,
    `llm.invoke(q, model="gpt-4o")`, is ML201's, and so is the one instructor's
    `from_openai(client, model=...)` is given, which its client's requests send). A function
    of the same module whose
    parameter reaches `model=` of an SDK call is followed instead (ML204 maps its
    arguments), also through the functions handing it on as it is, and one another module of
    the project defines, imported by name (`forwarding`). A model chosen at run time for a
    DSPy call (`model or "gpt-4o"`), or in a dict spread into a DSPy call with `**` (or
    into a litellm call, not as the fallback of its model, which is ML204's as
    `completion(model=m or "gpt-4o")` is), is reported here: ML640 rewrites only a model the
    module fixes, and a bare provider model would reach litellm without its route, key and
    base URL. So is a model in
    a dict display given as a keyword argument to a class imported from another package, or
    to its `from_...` constructor (`Evaluator(metric_params={"model": "gpt-4o-mini"})`): the
    library builds its own client from it; but not one beside OpenAI's base URL that ML402
    points at the provider, or the provider's, in the same dict: the client goes there, so
    the model is ML204's, as one in a dict nested in it is (TaskWeaver's `AppConfigSource(
    config={"llm.api_base": URL, "llm.model": "gpt-3.5-turbo-1106"})`, t51e; left here
    where ML402 leaves the URL, with a key beside it). So is the model entry of a settings
    dict given to a class named like OpenAI that no table knows and the project does not hold,
    or to a class of the module deriving from one, by keyword or by position, itself or through
    a name bound to it (`dict(model=...)` too: `openai_configs`): vanna's `OpenAI_Chat(config=
    {"api_key": key, "model": "gpt-4o"})` builds its client at OpenAI's URL, and ML401 leaves
    the key beside it (t56e D1). Not a function's argument
    (`wandb.init(config={...})`), a dict given by position (`EasyDict({...})`, a container
    the program reads back), nor a class of the module, the standard library, an HTTP
    library, the SDK or a framework with
    rules of its own (AutoGen's `llm_config`, ML660). The fallback of the model of an
    SDK request, a litellm call or a framework's OpenAI class (`model=m or "gpt-4o"`, `m if c
    else "gpt-4o"`, `getattr(self, "model", "gpt-4o")`) is a setting: ML204's.
    `model="openai:gpt-4o"` in a module that imports pydantic-ai (or of a run where a module
    does) is ML671's (another model after that prefix still goes to OpenAI); elsewhere it is
    an error here with ML671's advice: pydantic-ai reads such a string (`agent.override(
    model="openai:gpt-4o")` on an agent imported from elsewhere), and the table's model after
    `openai:` would still go to OpenAI. For a
    request shaped as the SDK's through a client the module does not trace, the model the
    message suggests is the one ML201 would write there: the provider's model for images where
    the request sends images; through a client another module's function returns that apply
    points at the provider (`RunFacts.provider_factories`), the model is ML204's. A function
    of a module openai 1.0 removed
    (`openai.embeddings_utils.get_embedding`, `openai_sdk.V0_ONLY_MODULES`) is named as
    openai<1's helper, which ML302 reports the import of. For a call whose name says it goes
    to litellm (`LitellmModel(model="gpt-4o")`) it is the model on the provider's litellm
    route (`deepseek/deepseek-v4-pro`): litellm refuses a provider's bare id; so it is for the
    request of a class shaped as an OpenAI client that hands its model to litellm (mem0's
    proxy `Mem0(...).chat.completions.create`, `frameworks.litellm.OPENAI_SHAPED`), with the
    `api_key=` and `base_url=` to pass there and the gate it asks litellm first. For a call
    of the project's own code in another module (`Agent(model_name="gpt-4o")`, swarms' Agent
    handing it on to litellm, t65c R2) from a module using neither litellm nor an OpenAI
    client, where a module of the project calls litellm, it names litellm's form too: that
    litellm needs `moonshot/kimi-k2.6` (where no module of the project uses an OpenAI client),
    or that litellm needs it and an OpenAI client takes the bare id, with nothing there showing
    which the call reaches; before, the bare id alone was named, which litellm refuses
    ("LLM Provider NOT provided"). A model on litellm's route to Azure OpenAI given there
    (`LitellmModel(model="azure/gpt-4o-mini")`, STORM's engine, t54f A; for a callee whose
    name does not say litellm, only with an OpenAI model as the deployment's name) is
    reported with ML640's words for a litellm call: it talks to Azure OpenAI; write
    `openai/<model>` (what the deployment's name maps to) with the provider's key and base
    URL and no api_version, by hand. A request through a gateway's own
    client set up for the provider (`Portkey(provider="deepseek")`, its base URL the
    provider's: `gateway_clients.provider_setting`) sends its model there as written: an
    OpenAI model given there, or in a constant or default only such requests send, is
    reported with the model to write, which apply does not write. A request through another
    service's own client (`Groq()`, `frameworks/other_sdks.py`) is that service's: no finding.

    ## Why
    Frameworks choose their provider their own way; `apply` does not migrate them, so their
    model names stay OpenAI's.

    ## Fix (manual)
    Configure the framework for the provider and use one of its models. Without a provider
    (`scan` alone) the message says only that (nothing for a model a test asserts, which
    follows the setting it checks); silent with `--provider openai`.
    """

    code = "ML206"
    name = "model-foreign-call"
    silent_when_modernising = True
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    examples = (
        # a gateway's client set up for the provider sends the model there as written
        Example(
            "from portkey_ai import Portkey\n\n"
            'client = Portkey(provider="acme")\n'
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to client.chat.completions.create(), a request "
            "through Portkey's client, which passes it on to Acme Cloud (provider='acme') with "
            "its model as written, and apply does not change requests through Portkey: Acme "
            "Cloud does not serve gpt-4o; use an Acme Cloud model there (the model table says "
            "'acme-large'), by hand",
        ),
        Example(  # instructor's wrapper: its client's requests send the model (ML201)
            "import instructor\nfrom openai import OpenAI\n\n"
            'client = instructor.from_openai(OpenAI(), model="gpt-4o")\n',
            provider="acme",
            finds=False,
        ),
        Example(
            'from llmkit import completion\ncompletion(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large')",
        ),
        Example(
            'from llmkit import completion\ncompletion(model="gpt-4o", messages=[])\n',
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; for another provider use one of its models there (`migrate-llm "
            "scan --provider ID` names it)",
        ),
        # t64f: an unknown library's settings holding OpenAI's key read and no base URL: the
        # model stays with the key (ML401 leaves it), where the library's default URL sends it
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            'Framework.set_settings("OpenAI", {"model": "gpt-4o", '
            '"auth": os.environ["OPENAI_API_KEY"]})\n',
            provider="acme",
            message="model='gpt-4o' goes to Framework.set_settings(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there "
            "(the model table says 'acme-large')",
        ),
        # ... also through a name bound to the settings (s65)
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            "cfg = {}\n"
            'cfg["model"] = "gpt-4o"\n'
            'cfg["auth"] = os.environ["OPENAI_API_KEY"]\n'
            'Framework.set_settings("OpenAI", cfg)\n',
            provider="acme",
            message="model='gpt-4o' goes to Framework.set_settings(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there "
            "(the model table says 'acme-large')",
        ),
        Example(
            "from evalkit import Judge\n\n"
            'judge = Judge(judge_params={"model": "gpt-4o-mini", "threshold": 0.5})\n',
            provider="acme",
            message="judge_params['model']='gpt-4o-mini' goes to Judge(), which is not an OpenAI "
            "SDK call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model "
            "there (the model table says 'acme-small')",
        ),
        Example(
            "from app.clients import make_client\n\nclient = make_client()\n"
            'client.chat.completions.create(model="gpt-4o", messages=[])\n',
            provider="acme",
            message="model='gpt-4o' goes to client.chat.completions.create(), an SDK call "
            "through a client this module does not trace (built or passed in elsewhere), so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the "
            "model table says 'acme-large')",
        ),
        # t56e D1: the settings a class named like OpenAI builds its own client from
        Example(
            "from sqlkit.chat import OpenAI_Chat\nfrom sqlkit.store import Store\n\n\n"
            "class MyKit(Store, OpenAI_Chat):\n    pass\n\n\n"
            'kit = MyKit(config={"model": "gpt-4o"})\n',
            provider="acme",
            message="config['model']='gpt-4o' goes to MyKit(), which is not an OpenAI SDK call, "
            "so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the "
            "model table says 'acme-large')",
        ),
        # t44b: camel's image toolkit, on a provider whose OpenAI-compatible API has no images
        Example(
            'from toolkit import make_image\n\nmake_image(prompt="cat", model="dall-e-3")\n',
            provider="qwen",
            message="model='dall-e-3' goes to make_image(), which is not an OpenAI SDK call, so "
            "apply leaves it; Alibaba Qwen (DashScope / Model Studio) serves no images API on "
            "its OpenAI-compatible endpoint, so no Alibaba Qwen (DashScope / Model Studio) "
            "model can go there: keep that call on OpenAI (its key from OpenAI's variable) or "
            "move it to another service, by hand",
        ),
        # t44g: generative-ai-for-beginners' lesson 08, on a provider serving no embeddings
        Example(
            "from openai.embeddings_utils import get_embedding\n\n"
            'v = get_embedding("hi", engine="text-embedding-ada-002")\n',
            provider="deepseek",
            message="engine='text-embedding-ada-002' goes to get_embedding(), openai<1's helper "
            "openai.embeddings_utils.get_embedding (removed in openai 1.0: ML302), so apply "
            "leaves it; DeepSeek serves no embeddings API on its OpenAI-compatible endpoint, "
            "so no DeepSeek model can go there: keep that call on OpenAI (its key from OpenAI's "
            "variable) or move it to another service, by hand",
        ),
        # t49a: what litellm takes is the model on the provider's route, not the bare id
        Example(
            "from litellm import completion\n\n\n"
            "def ask(key):\n"
            '    return completion(api_key=key, **{"model": "gpt-4o", "messages": []})\n',
            provider="acme",
            message="model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model "
            "table says 'acme-large'; litellm takes it as 'acme/acme-large')",
        ),
        # litellm, DSPy and the Agents SDK have rules of their own (ML631, ML640)
        Example(
            'from litellm import completion\ncompletion(model="gpt-4o", messages=[])\n',
            provider="acme",
            finds=False,
        ),
        # a name bound to one SDK method is that method (ML201 maps the model)
        Example(
            "from openai import OpenAI\nc = OpenAI()\nask = c.chat.completions.create\n"
            'ask(model="gpt-4o", messages=[])\n',
            provider="acme",
            finds=False,
        ),
    )

    def report_sites(self, sites: dict[str, list[Site]]) -> None:
        provider = self.provider
        if provider is not None and not self.ctx.rules.switching:
            return
        for site in sites["foreign"]:
            if self.sites.library_owns(site) or owns_model(self.ctx, site.node):
                continue  # ML671's, ML693's
            if provider is not None and provider.serves(site.model):
                continue
            helper = self._v0_helper(site)
            request = site.place.request
            shaped = None if request is None else openai_shaped(self.ctx, request)
            gateway = None if request is None else gateway_to_provider(self.ctx, request)
            if helper is not None:
                what = f"openai<1's helper {helper} (removed in openai 1.0: ML302)"
            elif gateway is not None and provider is not None:
                name, setting, value = gateway
                self.report(
                    site.node,
                    f"{site.place.detail}={site.prefix + site.model!r} goes to "
                    f"{site.place.where}(), a request through {name}'s client, which passes it "
                    f"on to {provider.name} ({setting}={value}) with its model as written, "
                    f"and apply does not change requests through {name}: {provider.name} does "
                    f"not serve {site.model}; use {article(provider.name)} {provider.name} "
                    f"model there{self._suggestion(site)}, by hand",
                    data={"gateway": name, "setting": f"{setting}={value}"},
                )
                continue
            elif shaped is not None:
                what = f"the request of {shaped[0]}, shaped as the SDK's"
            elif sdk.sdk_shaped(site.place.where) is not None:
                what = (
                    "an SDK call through a client this module does not trace (built or passed "
                    "in elsewhere)"
                )
            else:
                what = "which is not an OpenAI SDK call"
            if site.prefix in OPENAI_PREFIXES:
                self._report_prefixed(site, what)
                continue
            head = (
                f"{site.place.detail}={site.prefix + site.model!r} goes to "
                f"{site.place.where}(), {what}, so apply leaves it"
            )
            if provider is None:
                if expectation(self.ctx, site.node):
                    continue  # a test's expected value follows the setting it checks
                self.report(
                    site.node,
                    f"{head}; for another provider use one of its models there "
                    "(`migrate-llm scan --provider ID` names it)",
                )
                continue
            surface = sdk.surface_of_model(site.model)
            if provider.support(surface) is False:
                # dall-e-3 given to an images helper, on a provider serving no images
                self.report(
                    site.node,
                    f"{head}; {provider.name} serves no {surface} API on its OpenAI-compatible "
                    f"endpoint, so no {provider.name} model can go there: keep that call on "
                    "OpenAI (its key from OpenAI's variable) or move it to another service, by "
                    "hand",
                )
                continue
            hint = self._suggestion(site)
            self.report(
                site.node,
                f"{head}; if it talks to {provider.name}, use {article(provider.name)} "
                f"{provider.name} model there{hint}",
            )
        for site in self.sites.azure_sites:
            self._report_azure(site)
        for site in self.sites.slash_sites:
            if site.place.kind == "foreign":
                self.report(
                    site.node,
                    f"{site.place.detail}={site.prefix + site.model!r} goes to "
                    f"{site.place.where}(), which is not an OpenAI SDK call, so apply leaves "
                    f"it; {_slash_kept_advice(self.ctx.rules, site)}",
                )

    def _report_azure(self, site: Site) -> None:
        """`model="azure/gpt-4o-mini"` given to a call this module does not know (STORM's
        `LitellmModel`, t54f A): litellm's route to Azure OpenAI, which another library
        would not take, where the deployment is named as an OpenAI model or the callee's name
        says it goes to litellm. What to write for litellm in its place, as ML640 says for a
        litellm call."""
        sites, value = self.sites, site.prefix + site.model
        named = "litellm" in site.place.where.lower()
        if not (named or sites.is_model(site.model)):
            return
        said = (
            f"{site.place.detail}={value!r} goes to {site.place.where}(), which is not an OpenAI "
            f"SDK call, so apply leaves it; {'' if named else 'if it goes to litellm, '}it talks "
            f"to Azure OpenAI: {value!r} is {azure_route_text(value)}"
        )
        provider = self.provider
        data: dict[str, object] = {"model_from": value, "litellm_route": site.prefix[:-1]}
        if provider is None:
            self.report(
                site.node, f"{said}; `migrate-llm scan --provider ID` says what to use instead"
            )
            return
        surface = sdk.surface_of_model(site.model)
        new = self.ctx.rules.map_model(site.model)
        if new is None:
            what = (
                f"a model of theirs on litellm's route ({', '.join(provider.candidates(surface))})"
            )
        else:
            routed = litellm_route(provider, new, surface == "chat")
            written = routed or f"{fw_litellm.OPENAI_PREFIX}/{new}"
            data["model_to"] = written
            what = f"{written!r} (what {site.model} maps to)"
        url = self.ctx.rules.base_url
        assert url is not None
        self.report(
            site.node,
            f"{said}; for {provider.name} write {what} with api_key={key_expr(provider)} and "
            f"api_base={base_url_expr(provider, url)}, and no api_version, by hand",
            data=data,
        )

    def _v0_helper(self, site: Site) -> str | None:
        """`openai.embeddings_utils.get_embedding` where the call `site` is given to is a
        function of a module openai 1.0 removed (`sdk.V0_ONLY_MODULES`); None otherwise."""
        ctx = self.ctx
        if not ctx.v0_only_imports:
            return None
        path = (*ctx.ancestors(site.node), site.node)
        call = next(
            (
                outer
                for outer, inner in zip(path[-2::-1], path[:0:-1], strict=True)
                if isinstance(outer, cst.Call) and isinstance(inner, cst.Arg)
            ),
            None,
        )
        if call is None:
            return None
        for name in sorted(ctx.qualnames(call.func)):
            if any(name.startswith(f"{module}.") for module in sdk.V0_ONLY_MODULES):
                return name
        return None

    def _report_prefixed(self, site: Site, what: str) -> None:
        """`"openai:gpt-4o"` given to a call of a library this module does not import (an
        agent imported from elsewhere): pydantic-ai's way of naming a model, whose prefix keeps
        it on OpenAI whatever the model. An error, with ML671's advice."""
        rules = self.ctx.rules
        advice = build_advice(
            PYDANTIC_AI, rules.provider, rules.base_url, rules.map_model(site.model), "there"
        )
        self.report(
            site.node,
            f"{site.place.detail}={site.prefix + site.model!r} goes to {site.place.where}(), "
            f"{what}, so apply leaves it; if it is a pydantic-ai model string, "
            f"{why_openai(PYDANTIC_AI, site.prefix)}: {advice}",
            severity=Severity.ERROR,
        )

    def _suggestion(self, site: Site) -> str:
        """What the model table says for `site`, chosen as ML201 chooses (`map_model`): the
        provider's model for images where the request sends images (`image_model_nodes`)."""
        rules = self.ctx.rules
        images = id(site.node) in image_model_nodes(self.ctx)
        new = rules.map_model(site.model, images)
        if images and rules.images_change(site.model):
            if new is None:
                return " (the request sends images, and it names no model that takes them)"
            if new != rules.map_model(site.model):
                return f" (the model table says {site.prefix + new!r}, its model for images)"
        if not new:
            return ""
        return f" (the model table says {site.prefix + new!r}{self._through_litellm(site, new)})"

    def _through_litellm(self, site: Site, new: str) -> str:
        """For a litellm call (`litellm_takes`), or a call whose name says it goes to litellm
        (`LitellmModel`: a word of `fw_litellm.SETTING_NAME_WORDS`), which takes a provider's
        model only on a route (bare, it raises `fw_litellm.UNKNOWN_MODEL_ERROR`): what
        litellm must be given for `new` (`litellm_need`)."""
        provider = self.provider
        if provider is None or site.prefix:
            return ""
        taken = litellm_takes(self.ctx, site.place.request, site.model, new)
        if taken:
            return taken
        where = site.place.where.lower()
        named = {lib for word, lib in fw_litellm.SETTING_NAME_WORDS.items() if word in where}
        routed = litellm_route(provider, new, sdk.surface_of_model(site.model) == "chat")
        if named != {"litellm"}:
            return self._project_litellm(site, new, litellm_need(provider, new, routed))
        return (
            f"; its name says it goes to litellm, which needs {litellm_need(provider, new, routed)}"
        )

    def _project_litellm(self, site: Site, new: str, need: str) -> str:
        """For a call of the project's own code in another module (`project_import`: swarms'
        `Agent(model_name="gpt-4o")`, which hands it on to litellm, t65c R2) from a module
        using neither litellm nor an OpenAI client, where a module of the project calls
        litellm (`RunFacts.litellm_project`): what litellm needs (`need`), and, where the
        project also uses an OpenAI client, that one takes `new` as it is. Else ""."""
        ctx = self.ctx
        call = site.place.request
        facts = ctx.rules.facts
        if call is None or not facts.litellm_project or self.sites.litellm_calls:
            return ""
        if ctx.index.imports_openai or mentions_framework(ctx) or names_smolagents_openai(ctx):
            return ""
        module = project_import(ctx, call)
        if module is None:
            return ""
        callee = site.place.where.removesuffix("()")
        head = f"; {callee}() is the project's own code ({module}), and"
        if not facts.openai_client_used:
            return f"{head} the project sends its models to litellm, which needs {need}"
        return (
            f"{head} the project calls litellm, which needs {need}, and OpenAI clients, which "
            f"take {new!r}: nothing here shows which one this reaches"
        )


def litellm_takes(ctx: PythonContext, call: cst.Call | None, model: str, new: str) -> str:
    """Where `call` is a litellm call (`model_call`), which takes a provider's model only on
    a route: `; litellm takes it as 'dashscope/qwen-flash'` for the provider's `new` in place
    of OpenAI's `model` (`litellm_route`, the route ML204 writes; `litellm_need`); where it is
    the request of a class handing its model to litellm (`openai_shaped`: mem0's proxy), the
    same with the keywords that request passes the key and base URL by. Else ""."""
    provider = ctx.rules.provider
    if provider is None or call is None:
        return ""
    found = model_call(ctx, call)
    shaped = None if found is not None else openai_shaped(ctx, call)
    if shaped is None and (found is None or not found.shown.startswith("litellm.")):
        return ""
    routed = litellm_route(provider, new, sdk.surface_of_model(model) == "chat")
    if shaped is None:
        return f"; litellm takes it as {litellm_need(provider, new, routed)}"
    url = ctx.rules.base_url
    assert url is not None
    key, base = fw_litellm.OPENAI_SHAPED_KEYWORDS
    written = routed or f"{fw_litellm.OPENAI_PREFIX}/{new}"
    return (
        f"; {shaped[0]} hands it to litellm, which takes it as {written!r} with "
        f"{key}={key_expr(provider, at_import=ctx.at_import(call))} and "
        f"{base}={base_url_expr(provider, url)} passed there{gated(*shaped)}"
    )


def _one_mapping(findings: list[Finding | None]) -> str | None:
    """The literal every one of `findings` writes (each with an edit), else None."""
    written = set()
    for finding in findings:
        if finding is None or finding.edit is None:
            return None
        written.add(string_value(cst.parse_expression(finding.edit.text)))
    return written.pop() if len(written) == 1 else None


# a dict key naming the models of a platform's entry (`llm_models`, `embed_models`)
_MODELS_KEY = re.compile(r"(?i)model|engine")


def url_beside(
    ctx: PythonContext, table: cst.Dict, element: cst.DictElement
) -> tuple[int, bool | None] | None:
    """The line of OpenAI's base URL or the provider's written in an entry of the dict display
    `table` other than `element`, and whether it is OpenAI's (None where ML402 leaves it so,
    with the key beside it, or leaves an OpenAI URL there to a person: a full endpoint,
    `"full_url": "https://api.openai.com/v1/chat/completions"`, t64f); None where it holds
    neither."""
    openai = openai_base_urls(ctx)
    base = ctx.rules.base_url or ""
    own = urlsplit(base).hostname if "://" in base else None
    left = {id(node) for node, _ in urls_left(ctx)}
    for other in table.elements:
        if other is element or not isinstance(other, cst.DictElement):
            continue
        for string in _strings_in(other.value):
            if id(string) in left:
                return ctx.position(string)[0][0], None  # ML402 leaves it to a person
            value = (string_value(string) or "").rstrip("/")
            host = urlsplit(value).hostname if value.startswith("http") else None
            if value in openai or (own is not None and host == own):
                line = ctx.position(string)[0][0]
                if value in openai and not all(goes_with(ctx, k) for k in keys_beside(ctx, string)):
                    return line, None  # ML402 leaves the URL, with its key
                if value in openai and _key_stays(ctx, string):
                    return line, None  # ... or with a key read beside it that stays
                return line, value in openai
    return None


def _env_default_of(ctx: PythonContext, call: cst.Call, arg: cst.Arg) -> bool:
    """Whether `arg` is the default of the environment read `call` (`sdk.ENV_DEFAULTS`: its
    second argument or `default=`)."""
    if not ctx.qualnames(call.func) & sdk.ENV_DEFAULTS:
        return False
    if arg.keyword is not None:
        return arg.keyword.value == "default"
    return len(call.args) >= 2 and call.args[1] is arg


def _key_stays(ctx: PythonContext, url: cst.SimpleString) -> bool:
    """Whether ML402 leaves OpenAI's URL `url` because the record it is given to keeps
    OpenAI's key (`url_destination`: `{"base_url": config("OPENAI_API_BASE", default="") or
    URL, "api_key": API_KEY}`, `API_KEY` a read of OPENAI_API_KEY that ML401 leaves); for the
    default of a read (`config("OPENAI_API_BASE", default=URL)`), where that read goes."""
    names, given = env_names(ctx), cast(cst.CSTNode, url)
    parents = ctx.ancestors(url)
    if (
        len(parents) >= 2
        and isinstance(parents[-1], cst.Arg)
        and isinstance(read := parents[-2], cst.Call)
        and _env_default_of(ctx, read, parents[-1])
    ):
        given = read
    return url_destination(ctx, names, given, lambda key: kept_key(ctx, names, key)) is not None


def _strings_in(node: cst.CSTNode) -> list[cst.SimpleString]:
    """The string literals in `node`, itself included."""
    if isinstance(node, cst.SimpleString):
        return [node]
    return [s for child in node.children for s in _strings_in(child)]


# how a message names the request kinds of `request_picks.REQUEST_KINDS`
_REQUEST_NAMES = {"chat": "chat requests", "completions": "legacy completions requests"}
# how a message says what `Provider.support` answers for a surface
_SUPPORT_WORDS: dict[bool | str, str] = {
    True: "serves",
    False: "does not serve",
    "partial": "serves only in part",
    "unknown": "may not serve",
}


def rules_switching(rule: _SitesRule) -> bool:
    """Whether the run switches provider (a target to map OpenAI's models to)."""
    return rule.ctx.rules.switching and rule.provider is not None


def _shape(container: cst.CSTNode) -> str:
    return {cst.List: "list", cst.Tuple: "tuple", cst.Set: "set"}.get(type(container), "")


def _mentioned(model_sites: ModelSites, sites: dict[str, list[Site]]) -> set[str]:
    """Every model the module names: in its requests, settings, checks and other calls, and
    those the framework rules own (`litellm.completion(model="gpt-4o")`)."""
    claimed = {c.model for c in model_sites.candidates if id(c.node) in model_sites.claimed}
    return model_sites.requested | claimed | {s.model for group in sites.values() for s in group}


def _position_read(used: cst.CSTNode) -> bool:
    """Whether `used` (`model_gates.taken_as_values`) reads a member's position:
    `MODELS.index(m)`, `enumerate(MODELS)`, `zip(MODELS, ...)`."""
    if not isinstance(used, cst.Call):
        return False
    func = used.func
    if isinstance(func, cst.Attribute):
        return func.attr.value == "index"
    return isinstance(func, cst.Name) and func.value in ("enumerate", "zip")


def _rival(rules: RuleContext, model: str, mentioned: set[str]) -> str | None:
    """Another model the module names that maps to what `model` maps to (or is it): a
    comparison with `model` made to accept that target would take the other model's
    replacement too (`model == "gpt-4"` beside a default `"gpt-4-0613"`, both `glm-4-plus`:
    the program would take another branch)."""
    target = rules.map_model(model)
    for other in sorted(mentioned - {model}):
        if _FILE_NAME.search(other):
            continue  # `gpt-4-turbo.yaml`
        served = _served(rules, other)
        if (served if served is not None else rules.map_model(other)) == target:
            return other
    return None


def _reads_provider_settings(ctx: PythonContext) -> bool:
    """Whether a provider setting beside a model may pick LangChain's OpenAI class: the
    module or a module of its project names a function reading one (`lc.PROVIDER_READERS`:
    init_chat_model's `model_provider`); elsewhere `provider = "openai"` is the program's own
    choice (a client apply points at the provider). The text searched once per module."""
    found = ctx.analyses.get(_reads_provider_settings)
    if found is None:
        found = ctx.analyses[_reads_provider_settings] = (
            ctx.rules.facts.provider_readers_named
            or any(name in ctx.text for name in lc.PROVIDER_READERS)
        )
    return bool(found)


def provider_serves(rules: RuleContext, model: str) -> bool:
    """Whether the target (switching provider) serves `model` as it is written."""
    return rules.provider is not None and rules.switching and rules.provider.serves(model)


def _served(rules: RuleContext, value: str) -> str | None:
    """The target's own model `value` names, written bare or on the target's litellm route
    (`deepseek/deepseek-v4-pro`), switching provider; else None."""
    provider = rules.provider
    if provider is None or not rules.switching:
        return None
    if provider.serves(value):
        return value
    head, model = fw_litellm.route(value)
    if head and head == provider.frameworks.get("litellm_prefix") and provider.serves(model):
        return model
    return None


def _other_branch_tests(ctx: PythonContext, node: cst.CSTNode) -> list[cst.BaseExpression]:
    """The tests of the other branches of the `if`/`elif` chain whose test holds `node`."""
    ancestors = ctx.ancestors(node)
    heads = [
        i for i, a in enumerate(ancestors) if isinstance(a, cst.If) and _inside(ctx, node, a.test)
    ]
    if not heads:
        return []
    at = heads[-1]
    while at > 0 and getattr(ancestors[at - 1], "orelse", None) is ancestors[at]:
        at -= 1  # up an `elif` to its `if`
    tests: list[cst.BaseExpression] = []
    branch: cst.CSTNode | None = ancestors[at]
    while isinstance(branch, cst.If):
        if not _inside(ctx, node, branch.test):
            tests.append(branch.test)
        branch = branch.orelse
    return tests


def _inside(ctx: PythonContext, inner: cst.CSTNode, outer: cst.CSTNode) -> bool:
    start = ctx.index_of(outer)
    return start <= ctx.index_of(inner) < ctx.ends[start]


def _builds(func: cst.BaseExpression) -> bool:
    """Whether a callee builds an object: a class (`Evaluator`), or a class's `from_...`
    constructor (`Service.from_dict`), by the names' case."""
    name = last_name(func)
    if name is not None and name[:1].isupper():
        return True
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value.startswith("from_")
        and (last_name(func.value) or "")[:1].isupper()
    )


# packages whose calls take a dict that migrate-llm follows elsewhere: a request's body
# (ML403), the SDK's own types, the frameworks' settings (their rules: AutoGen's
# `llm_config`, ML660)
_FOLLOWED = STDLIB.union(
    FRAMEWORK_MODULES, ["openai"], (m.split(".")[0] for m in sdk.HTTP_LIBRARIES)
)

# the checks whose model may be a value beside a setting, as a test case's input
_VALUE_CHECKS = frozenset({"collection", "other", "label"})


def _widget_choices(ctx: PythonContext, value: cst.CSTNode, choices: cst.CSTNode) -> bool:
    """Whether `value` is the value and `choices` the choices of one UI widget
    (`sdk.CHOICE_WIDGETS`: `gr.Dropdown(choices=[...], value="gpt-4o")`), whose value must be
    one of its choices."""
    arg = ctx.ancestors(choices)[-1] if ctx.ancestors(choices) else None
    call = ctx.ancestors(arg)[-1] if arg is not None and ctx.ancestors(arg) else None
    if not isinstance(arg, cst.Arg) or not isinstance(call, cst.Call):
        return False
    name = qualified(ctx, call.func, sdk.CHOICE_WIDGETS)
    if name is None or arg.keyword is None:
        return False
    choices_keyword, value_keyword = sdk.CHOICE_WIDGETS[name]
    given = keyword(call, value_keyword)
    return arg.keyword.value == choices_keyword and given is not None and given.value is value


def _check_label(site: Site) -> str:
    """How a message names a check ML205 leaves: `in a tuple, ML205`."""
    where, detail = site.place.where, site.place.detail
    if where == "collection" and detail.startswith("a "):
        return f"in {detail}, ML205"
    return f"{detail}, ML205" if where == "other" else "ML205"


# a model-like string that names a file (`gpt-4-turbo.yaml`), not a model (`gpt-4.1`)
_FILE_NAME = re.compile(r"\.[A-Za-z]+\Z")


MODEL_STRING_RULES = (ModelSetting, ModelElsewhere, ModelForeignCall)
