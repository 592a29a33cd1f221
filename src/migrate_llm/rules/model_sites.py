"""`ModelSites`: every OpenAI model string of one module, collected during the rules' one
traversal and sorted once into settings (ML204), checks (ML205) and foreign calls (ML206)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import cast

import libcst as cst
from libcst.metadata import Assignment, BuiltinAssignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.frameworks.langchain import (
    OPENAI_MODEL_PREFIX,
    OPENAI_SPLIT_PREFIX,
    without_provider,
)
from migrate_llm.frameworks.modules import FRAMEWORK_MODULES
from migrate_llm.frameworks.pydantic_ai import (
    OPENAI_PREFIXES,
    PrefixedModels,
    prefixed_library,
    run_library,
    split_prefix,
)
from migrate_llm.imports import STDLIB
from migrate_llm.rules.azure_target import azure_target
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.call_parameters import module_class, parameter_for
from migrate_llm.rules.callee_models import sends_as_model
from migrate_llm.rules.config_objects import GETTER
from migrate_llm.rules.elsewhere_calls import (
    beside_elsewhere_class,
    elsewhere_url,
    read_only_elsewhere,
)
from migrate_llm.rules.entry_servers import server_beside
from migrate_llm.rules.factory_requests import provider_factory
from migrate_llm.rules.field_copies import ShownDefault, copies
from migrate_llm.rules.forwarding import Forwarding, through_text
from migrate_llm.rules.framework_args import owned_model_values, qualified
from migrate_llm.rules.framework_classes import any_framework_class, model_argument
from migrate_llm.rules.framework_litellm import calls_litellm, model_call
from migrate_llm.rules.gateway_clients import gateway_client, gateway_to_provider
from migrate_llm.rules.imported_labels import imported_labels
from migrate_llm.rules.imported_wrappers import imported_params, where_sent
from migrate_llm.rules.library_graphrag import graphrag_model_values
from migrate_llm.rules.listed_models import holds_model_id
from migrate_llm.rules.litellm_forwarded import forwarded_param
from migrate_llm.rules.lookup_labels import looked_up_only
from migrate_llm.rules.model_branches import (
    FAMILY_METHODS,
    FAMILY_TESTS,
    PATTERN_FUNCTIONS,
    PREFIX_METHODS,
    BranchTest,
    branch_tests,
    tests_on,
)
from migrate_llm.rules.model_expectations import Ties, callee_label, tie
from migrate_llm.rules.model_members import Member
from migrate_llm.rules.model_names import model_like, models_class, name_words, tokenizer_like
from migrate_llm.rules.model_places import LITERAL_TYPE, Candidate, Place, Site
from migrate_llm.rules.model_reach import (
    holder_of,
    kept_client,
    pair_table,
    reads_of,
    row_column_taker,
)
from migrate_llm.rules.model_string_helpers import (
    COLLECTION_NODES,
    node_inside,
    served_model,
    url_beside,
)
from migrate_llm.rules.model_values import env_default_arg
from migrate_llm.rules.models import model_args, sent_literal
from migrate_llm.rules.openai_configs import ConfigTaker, openai_config_taker
from migrate_llm.rules.passed_values import calls_passing, class_fields, only_called
from migrate_llm.rules.python_context import (
    PythonContext,
    last_name,
    literal_value,
    self_attribute,
    string_value,
    without_id_methods,
)
from migrate_llm.rules.request_arguments import request_arguments
from migrate_llm.rules.service_selectors import selected_service
from migrate_llm.rules.service_tables import service_entry
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
from migrate_llm.rules.url_keys import record_left
from migrate_llm.run_facts import (
    route_prefixes,
    slash_ids_elsewhere,
    slash_route_elsewhere,
    splits_slash,
)


def _or_operand(node: cst.CSTNode, operand: cst.CSTNode) -> bool:
    """Whether `node` is an `or` with `operand` on either side (`model or DEFAULT_MODEL`)."""
    return (
        isinstance(node, cst.BooleanOperation)
        and isinstance(node.operator, cst.Or)
        and operand in (node.left, node.right)
    )


_LOOKUPS = frozenset({"get", "setdefault", "pop"})
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)


def _setting(where: str, named: bool, detail: str = "") -> Place:
    return Place("setting", where, detail, named)


def _check(shape: str, detail: str, group: int = 0, container: cst.CSTNode | None = None) -> Place:
    return Place("check", shape, detail, group=group, container=container)


def _family(ctx: PythonContext, detail: str, test: str, tested: cst.BaseExpression) -> Place:
    """A model-family check (`FAMILY_TESTS`) on `tested`, named where a model-like name or
    dict key holds what it tests (`"gpt" in model`, `self.model_name.lower().find("gpt")`,
    `kwargs["model"]`), or a loop reads it from a listing or a collection of models
    (`"gpt" in m.id`: `listed_models`): a short family (`gpt`) counts there only."""
    read = without_id_methods(tested)[0]
    name = last_name(read)
    if type(read) is cst.Subscript and len(read.slice) == 1:  # `kwargs["model"]`
        index = read.slice[0].slice
        name = string_value(index.value) if isinstance(index, cst.Index) else None
    named = model_like(name) or holds_model_id(ctx, tested)
    return Place("check", "prefix", detail, named, test=test)


# the shapes of a check that test a name (`"x" in name`, `.startswith("x")`, `name == "x"`)
_TESTS = ("prefix", "comparison")


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


@functools.cache
def _routed_families(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """A quote, a routing prefix of a project's own (`experimental:`) and the head of a model
    family: a module without it names no model after such a prefix."""
    heads = sorted({re.escape(head) for _, head in sdk.family_heads(patterns) if head})
    return re.compile("[\"'][A-Za-z][\\w.-]*:(?:" + ("|".join(heads) or "(?!)") + ")")


# the packages whose calls a rule of their own reads (`handed_of` leaves their strings)
_KNOWN_PACKAGES = frozenset((*FRAMEWORK_MODULES, "openai"))


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
        # the routing prefixes of its own the project strips off a model string before using
        # the rest (`"experimental:"`: `run_facts.route_prefixes`, which hold this module's
        # in a run the engine screened); this module's read again only where it names a
        # model after such a prefix (`apply -`, a rule's example: no run facts)
        self.route_prefixes = ctx.rules.facts.route_prefixes
        if _routed_families(self.openai.model_patterns).search(ctx.text):
            self.route_prefixes |= route_prefixes(ctx.text.encode())
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
        # an `openai/` string in a module calling litellm (`fw_litellm.CALL_TEXT`), which
        # sends it to OpenAI (`fw_litellm.on_openai_route`: an environment variable's default
        # `"openai/gpt-4o-mini"`): ML204 maps it as the model after the prefix
        self.litellm_slash = (
            provider is not None
            and ctx.rules.switching
            and not self.slash_split
            and any(q + OPENAI_SPLIT_PREFIX in ctx.text for q in "\"'")
            and fw_litellm.CALL_TEXT.search(ctx.text.encode()) is not None
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
            or self.litellm_slash
            or self.azure_text
            or any(f"{q}{p}" in ctx.text for q in "\"'" for p in self.route_prefixes)
        )
        self.fed = False
        # the reads naming a Hugging Face tokenizer's repository `_uses_count` met (`counting`)
        self.named_loads = 0
        self.claimed: set[int] = set()
        self.reaching: dict[int, int] = {}  # id(Param) -> line of the SDK call it reaches
        # (id(ClassDef), member) -> line of the SDK call sending `Cls.MEMBER.value` as model=
        self.sent_members: dict[tuple[int, str], int] = {}
        self.prefix_names: set[int] = set()
        self.candidates: list[Candidate] = []
        # strings an OpenAI glob takes that are no OpenAI id (`gpt-4-with-ocr`), and those of
        # them that stand as settings (`finish`): ML204 notes them
        self.labels: list[Candidate] = []
        self.label_settings: list[Site] = []
        # strings naming a model the target retired, and those standing as settings no
        # request sends as it is (ML201, ML202 report those): ML204 reports them
        self.retired: list[Candidate] = []
        self.retired_settings: list[Site] = []
        self.retired_elsewhere: list[Candidate] = []  # in a table, a return, an expression
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
        self.openai_routed: list[Candidate] = []
        self.openai_routed_settings: list[Site] = []
        # strings on litellm's route to Azure OpenAI (`azure_text`), and those given to a call
        # this module does not know (ML206)
        self.azure_routed: list[Candidate] = []
        self.azure_sites: list[Site] = []
        # `openai/` strings no rule reads as a route (`slash_kept`), and those of them passed
        # to a call or standing as a dict's entry (ML205's) or given as `model=` (ML206's)
        self.slash_routed: list[Candidate] = []
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
        if served_model(self.ctx.rules, value) is not None:
            self.provider_named.append((node, value))
            if self.openai_named and provider_serves(self.ctx.rules, value):
                self.openai_routed.append(Candidate(node, value, True))
        exact = self.is_model(value)
        if exact or self.is_prefix(value):
            self.candidates.append(Candidate(node, value, exact))
        elif sdk.model_fragment(value):
            # `"-vision" in model`: a part of OpenAI's names, only in a test of a model's name
            self.candidates.append(Candidate(node, value, False, fragment=True))
        elif self.retired_ids and (found := self.ctx.rules.retired(value)) is not None:
            prefix = found[0]
            self.retired.append(Candidate(node, value[len(prefix) :], True, prefix=prefix))
        elif self.openai.label_words(value):
            self.labels.append(Candidate(node, value, True))
        elif "," in value:
            # a choice list in one string (pyvideotrans' `"gpt-5.5,gpt-5.5-pro,gpt-4.1"`,
            # split to fill a menu, its first the default): a setting when every item is a model
            listed = tuple(part.strip() for part in value.split(","))
            if all(self.is_model(part) for part in listed):
                self.candidates.append(Candidate(node, listed[0], True, listed=listed))
        elif self.azure_text and (route := fw_litellm.route(value))[0] in fw_litellm.AZURE_ROUTES:
            self.azure_routed.append(Candidate(node, route[1], True, prefix=f"{route[0]}/"))
        else:
            prefix, model = split_prefix(value, self.prefixed)
            if not prefix:
                prefix, model = without_provider(value)
            if not prefix and (head := value.partition(":")[0] + ":") in self.route_prefixes:
                prefix, model = head, value[len(head) :]
            if (
                not prefix
                and self.slash_split
                and value.startswith(OPENAI_SPLIT_PREFIX)
                and value not in self.slash_elsewhere
            ):
                prefix, model = OPENAI_SPLIT_PREFIX, value[len(OPENAI_SPLIT_PREFIX) :]
            if (
                not prefix
                and self.litellm_slash
                and (routed := fw_litellm.on_openai_route(value)) is not None
            ):
                prefix, model = f"{fw_litellm.OPENAI_PREFIX}/", routed
            if prefix and (self.is_model(model) or self.target_after_prefix(prefix, model)):
                self.candidates.append(Candidate(node, model, True, prefix=prefix))
            elif (
                not prefix
                and self.slash_kept
                and value.startswith(OPENAI_SPLIT_PREFIX)
                and self.is_model(value[len(OPENAI_SPLIT_PREFIX) :])
            ):
                model = value[len(OPENAI_SPLIT_PREFIX) :]
                self.slash_routed.append(Candidate(node, model, True, prefix=OPENAI_SPLIT_PREFIX))
            elif (
                prefix == OPENAI_MODEL_PREFIX
                and self.openai_named
                and self.prefixed is None
                and provider_serves(self.ctx.rules, model)
            ):
                self.openai_routed.append(Candidate(node, model, True, prefix=prefix))

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
            # ML204's module imports this one
            from migrate_llm.rules.model_setting import ModelSetting

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

    def _classified_aside(
        self,
        candidates: list[Candidate],
        keep: Callable[[Site], bool],
        *,
        unclaimed: bool = False,
        skip: Callable[[Candidate], bool] | None = None,
    ) -> list[Site]:
        """The sites of `candidates` that `keep` takes, found without recording anything of
        the classes they stand in; with `unclaimed`, not the literals a request rule claims;
        not the candidates `skip` takes (once their ancestors are known)."""
        classes = dict(self.classes)
        found = []
        for c in candidates:
            if unclaimed and id(c.node) in self.claimed:
                continue
            c.ancestors = self.ctx.ancestors(c.node)
            if skip is not None and skip(c):
                continue
            site = self.classify(c)
            if site is not None and keep(site):
                found.append(site)
        self.classes = classes
        return found

    def tests_of(self, candidates: list[Candidate]) -> list[Site]:
        """The sites of `candidates` that a test of a name compares with or looks for
        (`"deepseek-reasoner" in name`, `.startswith(...)`, `name == ...`): no request sends
        them from there."""
        return self._classified_aside(
            candidates, lambda s: s.place.kind == "check" and s.place.where in _TESTS
        )

    def foreign_of(self, candidates: list[Candidate]) -> list[Site]:
        """Those of `candidates` given to a call that is not the OpenAI SDK (ML206's)."""
        return self._classified_aside(
            candidates, lambda s: s.place.kind == "foreign", unclaimed=True
        )

    def handed_of(self, candidates: list[Candidate]) -> list[Site]:
        """Those of `candidates` given to a call that is not the OpenAI SDK, by keyword
        ("foreign") or by position ("check", `passed to f()`), or standing as a dict's entry
        (a "setting" `entry '...'`), found without recording anything of their classes; not
        inside a call of a framework's package (`instructor.from_provider("openai/gpt-4o")`:
        its rule's)."""

        def in_known_package(c: Candidate) -> bool:
            call = next((a for a in reversed(c.ancestors) if isinstance(a, cst.Call)), None)
            return call is not None and any(
                name.split(".")[0] in _KNOWN_PACKAGES for name in self.ctx.qualnames(call.func)
            )

        def handed(site: Site) -> bool:
            place = site.place
            return (
                place.kind == "foreign"
                or (place.kind == "check" and place.detail.startswith("passed to "))
                or (place.kind == "setting" and place.where.startswith("entry "))
            )

        return self._classified_aside(candidates, handed, unclaimed=True, skip=in_known_package)

    def settings_of(self, candidates: list[Candidate]) -> list[Site]:
        """The sites of `candidates` that stand as model settings, found without recording
        anything of the classes they stand in (they are no models)."""
        return self._classified_aside(candidates, lambda s: s.place.kind == "setting")

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
                and env_default_arg(self.ctx, call) is parent
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

    def classify(self, c: Candidate) -> Site | None:
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
        elif place.kind == "setting" and c.prefix and c.prefix in self.route_prefixes:
            # `ENGINE = "experimental:gpt-4o"`: the project's own function takes the prefix
            # off, and what it hands the rest to is not known here: ML205's, never an edit
            place = Place("check", "other", place.where)
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
        if place.where == "collection" and isinstance(place.container, COLLECTION_NODES):
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
                return _check("collection", LITERAL_TYPE, id(anc[i - 2]))
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
                    return _family(self.ctx, f"{model!r} in ...", "contains", ops[0].comparator)
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
        return any(
            name and not sdk.USAGE_NAME_WORDS.isdisjoint(name_words(name)[1]) for name in names
        )

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
        if name is None or tokenizer_like(name) or not models_class(name):
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
            if not node_inside(ctx, node, holder) and not isinstance(self.parent_of(node), cst.Expr)
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
            named = named or models_class(scope.name.value) or sent is not None
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
        if any(node_inside(self.ctx, node, test) for test in tests):
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
                served = served_model(self.ctx.rules, value) if value is not None else None
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
            return _family(ctx, f".{callee}({model!r})", test, call.func.value)
        method = isinstance(call.func, cst.Attribute)
        if callee in PATTERN_FUNCTIONS and index == 0 and keyword is None and len(call.args) > 1:
            kind = next((q for q in sorted(ctx.qualnames(call.func)) if q in FAMILY_TESTS), None)
            if kind is not None:
                return _family(ctx, f"{kind}({model!r}, ...)", kind, call.args[1].value)
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
            if project_call_in_test(ctx, call) and not sends_as_model(ctx, call, arg):
                return Place("check", "other", f"passed as {keyword}= to {shown}()", test_data=True)
            owner = module_class(ctx, call)
            if owner is not None and keyword in class_fields(owner):
                # the field's own default is a setting ML204 maps: so is a value given for it
                where = f"argument {keyword} of {owner.name.value}()"
                counted = self.field_count(owner, keyword)
                if counted is not None:
                    return self.counter(where, counted)
                return _setting(where, True)
            value = arg.value
            if (
                isinstance(value, cst.SimpleString)
                and string_value(value) == model  # not on a route (`azure/gpt-4.1`)
                and forwarded_param(ctx, value)
            ):
                # the project's code hands it on to litellm's model (swarms' `Agent(
                # model_name="gpt-4o")`): a setting ML204 writes on the route, as the default
                return _setting(f"argument {keyword} of {shown}()", True)
            return Place("foreign", shown, keyword, True, request=call)
        passed = f"passed as {keyword}= to {shown}()" if keyword else f"passed to {shown}()"
        looked = looked_up_only(ctx, call, arg, model, self.message)
        test_data = project_call_in_test(ctx, call) and not sends_as_model(ctx, call, arg)
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
                    return _family(self.ctx, detail, callee, call.func.value)
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


def provider_serves(rules: RuleContext, model: str) -> bool:
    """Whether the target (switching provider) serves `model` as it is written."""
    return rules.provider is not None and rules.switching and rules.provider.serves(model)


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
