"""ML205: an OpenAI model id in a check, collection, table or comparison, which may reject
the provider's models: left to a person, or widened where that is safe."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import libcst as cst
from libcst.metadata import Assignment

from migrate_llm import openai_sdk as sdk
from migrate_llm.frameworks import agents as agents_fw
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import litellm as fw_litellm
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import undated_model
from migrate_llm.rules.base import Example, RuleContext
from migrate_llm.rules.display_names import label_lookup
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.langchain_routes import route_of
from migrate_llm.rules.literal_defaults import literal_hold_reason
from migrate_llm.rules.model_branches import (
    FAMILY_TESTS,
    branch_tests,
    earlier_branches,
    or_alternatives,
)
from migrate_llm.rules.model_expectations import callee_label
from migrate_llm.rules.model_forms import litellm_literal, litellm_need, litellm_route, model_takers
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
from migrate_llm.rules.model_left import config_lookups
from migrate_llm.rules.model_lookups import entry_labels, module_label_tables
from migrate_llm.rules.model_menus import Menu, menu_of, options_edit
from migrate_llm.rules.model_names import model_like, name_words
from migrate_llm.rules.model_places import LITERAL_TYPE, Site
from migrate_llm.rules.model_reach import holder_of, pair_table, reads_of
from migrate_llm.rules.model_site_rules import SitesRule, rules_switching
from migrate_llm.rules.model_sites import ModelSites
from migrate_llm.rules.model_string_helpers import (
    COLLECTION_NODES,
    litellm_takes,
    node_inside,
    served_model,
    slash_kept_advice,
    url_beside,
)
from migrate_llm.rules.models import article
from migrate_llm.rules.own_server_models import sent_to_own_server
from migrate_llm.rules.prefix_lists import glob_starts, read_as_prefixes, shared_prefix, uncovered
from migrate_llm.rules.project_defaults import described, project_defaults, tested_collections
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import (
    PythonContext,
    last_name,
    string_value,
    without_id_methods,
)
from migrate_llm.rules.request_picks import (
    family_test,
    key_pick,
    read_as,
    rejected_at,
    request_pick,
    shown_only,
)
from migrate_llm.rules.rewrite import requote
from migrate_llm.rules.routed_entries import EntryRoute, provider_route
from migrate_llm.rules.table_gaps import gap_why, routed_table, routed_why, table_gap, table_place
from migrate_llm.table_guards import unsafe_reads, walk
from migrate_llm.textio import python_tree


def _first_three(models: list[str]) -> str:
    """The first three of `models` quoted, and how many more."""
    more = f" and {len(models) - 3} more" if models[3:] else ""
    return ", ".join(repr(m) for m in models[:3]) + more


# what shows that the values a check of ML205's tests go to litellm (`litellm_reach`)
_LITELLM_CHECKS = {
    "module": "this module calls litellm",
    "sent": "this module gives what it tests to litellm",
    "named": "the name it tests says it goes to litellm",
}


# how a message says a model passes a test of a part of its name, by its kind
_PART_VERBS = {"contains": "hold", "startswith": "start with", "endswith": "end with"}
# ML205's words for a `"gpt" in x` check on Acme Cloud (the examples)
_GPT_FAMILY = (
    "'gpt' in ... is an OpenAI model-family check: what apply maps OpenAI's 'gpt' models to "
    "('acme-large', 'acme-small') never matches it, so the program's 'gpt' models fail it once "
    "mapped; make it accept Acme Cloud's models by hand"
)


def _family_check(site: Site) -> str:
    """What a message calls a test of a part of a model's name: an OpenAI model-family check
    (`"gpt" in m`, `m.startswith("gpt-4")`), or, for a part telling kinds of model apart
    (`sdk.model_fragment`: `"-vision" in m`), a test of the name for it."""
    if sdk.model_fragment(site.model):
        return f"{site.place.detail} tests the model name for {site.model!r}"
    return f"{site.place.detail} is an OpenAI model-family check"


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


class ModelElsewhere(SitesRule):
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
    other expression, also after a routing prefix a module of the project strips off a
    string (`"experimental:gpt-4o"`: `run_facts.route_prefixes`; manual). Not the keys of
    usage the program counts by model: a dict whose values are counters (zero or computed,
    alone or in dicts of them) under a name for usage
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
    with what the test's double expects); what it hands the project's own function or class
    that passes it straight on as a model keyword (`ChatOpenAI(model_name=model)`, found by
    its import, a package's re-export too: `callee_models`) is reported as outside tests
    (ML206, ML205's warning; t68c ChemCrow's `ChemCrow(model=...)`). A table keyed by OpenAI
    model that the module reads only in ways that cannot raise KeyError (`table_guards`:
    `.get()` whose None it tests, `.get(m, default)`, `m in T`) and sends none of is a note
    too (manual), the program taking its own branch for a model the table lacks.

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
    `("gpt-4-turbo" in m) or m.startswith("kimi-k2.6")`), counts as fixed by hand; so does
    a negated test in an `and` of negated tests (`"gpt-4" not in m and not
    m.startswith("deepseek")`), and an earlier branch of its if/elif chain testing the same
    value that takes some of them (`model_branches.earlier_branches`), a note naming what
    it does not take. Where the values it tests go to litellm (`litellm_reach`), the
    provider's models count as litellm gets them (`moonshot/kimi-k2.6`): the message names
    that start (`'moonshot/kimi-'`), and a bare `"kimi-"` beside the family is no fix.
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
    accept them: made to, it sent Qwen the OpenAI key (t56a D1); where the models failing it
    reach a `raise` (`request_picks.rejected_at`), it says they fail it there and to make it
    accept them only once the key it picks for them is the provider's (t68c). Where they
    pass it (Qwen's
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
        # t68c: the models failing a check that picks the key reach a raise
        Example(
            "def pick_key(model, keys):\n"
            '    if model.startswith("gpt-4"):\n'
            '        return keys["openai_key"]\n'
            "    raise ValueError(model)\n",
            provider="acme",
            message=".startswith('gpt-4') is an OpenAI model-family check that picks the key for "
            "the models passing it (keys on line 3): what apply maps OpenAI's 'gpt-4' models to "
            "('acme-large', 'acme-small') never matches it, so once mapped they fail it and reach "
            "the raise on line 4; make it accept Acme Cloud's models (starting with 'acme-') only "
            "once the key it picks for them is Acme Cloud's (ACME_API_KEY), not an OpenAI key, by "
            "hand",
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
        Example(  # t67a: the start of the provider's models as litellm gets them
            "import litellm\n\n\ndef ask(model, q):\n"
            '    if model.startswith(("gpt", "acme-")):\n        q = q[-10:]\n'
            "    return litellm.completion(model=model, messages=q)\n",
            provider="acme",
            message="'gpt' in .startswith(...) is an OpenAI model-family check: what apply maps "
            "OpenAI's 'gpt' models to ('acme-large', 'acme-small') never matches it, so the "
            "program's 'gpt' models fail it once mapped; make it accept Acme Cloud's models "
            "(starting with 'acme/acme-') by hand",
        ),
        Example(
            "import litellm\n\n\ndef ask(model, q):\n"
            '    if model.startswith(("gpt", "acme/acme-")):\n        q = q[-10:]\n'
            "    return litellm.completion(model=model, messages=q)\n",
            provider="acme",
            finds=False,
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
        # t66g: DemoGPT filters the listing's ids with a substring test, named by no word
        Example(
            "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef chat_models():\n"
            '    return [m.id for m in client.models.list().data if "gpt" in m.id]\n',
            provider="acme",
            message=_GPT_FAMILY,
        ),
        Example(
            'def has_gpt(models):\n    return any("gpt" in m for m in models)\n',
            provider="acme",
            message=_GPT_FAMILY,
        ),
        Example(
            'def quoted(lines):\n    return [line for line in lines if "gpt" in line]\n',
            provider="acme",
            finds=False,
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
        # t66b textgrad's get_engine("experimental:gpt-4o"), the prefix taken off (here in
        # the module; another module's: `run_facts.route_prefixes`)
        Example(
            "from engines import LiteEngine\n\n\ndef get_engine(name):\n"
            '    if name.startswith("experimental:"):\n'
            '        return LiteEngine(name.split("experimental:")[1])\n'
            "    raise ValueError(name)\n\n\n"
            'get_engine("experimental:gpt-4o-mini")\n',
            provider="acme",
            message="'experimental:gpt-4o-mini' (passed to get_engine()) is OpenAI model id "
            "'gpt-4o-mini' after 'experimental:', a prefix the project strips off before using "
            "the rest: if it reaches a request or a model check, Acme Cloud will not know it; "
            "change the id after the prefix by hand",
        ),
        # a constant too: no setting ML204 rewrites (session-66 review)
        Example(
            "def get_engine(name):\n"
            '    if name.startswith("experimental:"):\n'
            '        return name.split("experimental:")[1]\n'
            "    raise ValueError(name)\n\n\n"
            'ENGINE = "experimental:gpt-4o"\n',
            provider="acme",
            message="'experimental:gpt-4o' (constant ENGINE) is OpenAI model id 'gpt-4o' after "
            "'experimental:', a prefix the project strips off before using the rest: if it "
            "reaches a request or a model check, Acme Cloud will not know it; change the id "
            "after the prefix by hand",
        ),
        # the rest handed to Ollama's own client: that server's model, not OpenAI's
        Example(
            "import ollama\n\n\ndef get_engine(name):\n"
            '    if name.startswith("ollama:"):\n'
            '        return ollama.Client(), name.split(":", 1)[1]\n'
            "    raise ValueError(name)\n\n\n"
            'get_engine("ollama:gpt-4o-mini")\n',
            provider="acme",
            finds=False,
        ),
        # a prefix nothing takes off is another program's name: left
        Example(
            'from engines import get_engine\n\nget_engine("experimental:gpt-4o-mini")\n',
            provider="acme",
            finds=False,
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
        # t66b textgrad's get_engine: an earlier branch of the chain takes the provider's
        # models, which never reach the family check
        Example(
            "def pick(name):\n"
            '    if name.startswith("acme"):\n        return 1\n'
            '    elif ("gpt-4" in name) or ("gpt-3.5" in name):\n        return 2\n'
            "    raise ValueError(name)\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "def pick(name):\n"
            '    if name == "acme-large":\n        return 1\n'
            '    elif name.startswith("gpt-3.5"):\n        return 2\n'
            "    raise ValueError(name)\n",
            provider="acme",
            message=".startswith('gpt-3.5') is an OpenAI model-family check after a "
            "branch for 'acme-large', which Acme Cloud's models take: apply leaves it, as fixed "
            "by hand; what apply maps OpenAI's 'gpt-3.5' models to does not all take that "
            "branch ('acme-small'): make it take it if the program uses it",
        ),
        # a branch testing another value takes nothing from the check
        Example(
            "def pick(kind, name):\n"
            '    if kind.startswith("acme"):\n        return 1\n'
            '    elif name.startswith("gpt-3.5"):\n        return 2\n'
            "    raise ValueError(name)\n",
            provider="acme",
            message=".startswith('gpt-3.5') is an OpenAI model-family check: what apply maps "
            "OpenAI's 'gpt-3.5' models to ('acme-small') never matches it, so the program's "
            "'gpt-3.5' models fail it once mapped; make it accept Acme Cloud's models (starting "
            "with 'acme-') by hand",
        ),
        # textgrad's seed gate: a negated test in an `and` of negated tests
        Example(
            "def gate(name, seed=None):\n"
            '    if seed is not None and "gpt-4" not in name and not name.startswith("acme"):\n'
            '        raise ValueError("seed is for OpenAI models only")\n',
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
                f"{slash_kept_advice(self.ctx.rules, site)}",
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
                # no branch that names it takes the program's own default; not one ML204
                # leaves for its Literal type (`literal_hold_reason`, t68f)
                defaulted = any(
                    s.model == site.model
                    and all(t.node is not site.place.container for t in self.sites.branch_tests(s))
                    and (
                        mapped is None
                        or not literal_hold_reason(self.ctx, s.subject, s.node, mapped)
                    )
                    for s in sites["setting"]
                )
                after = (
                    f"; the module's own {site.model!r} becomes {mapped!r} (ML204), which this "
                    "branch does not take until you change it"
                    if defaulted
                    else ""
                )
                if served_model(self.ctx.rules, rival) is not None:
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
            if self._report_family_taken(site, gains, own):
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
            if key is not None and (raised := rejected_at(self.ctx, site.node)) is not None:
                # the failing models are refused, not keyless (t68c: chemcrow's
                # `raise ValueError(...)` after the check)
                provider = self.provider
                assert provider is not None  # `_family_targets`
                line = self.ctx.line_label(self.ctx.position(raised)[0][0])
                self.report(
                    site.node,
                    f"{_family_check(site)} that picks the key for the models passing it "
                    f"({self._key_shown(key)}): what apply maps OpenAI's {site.model!r} models "
                    f"to ({shown}) never matches it, so once mapped they fail it and reach the "
                    f"raise on {line}; make it accept {name}'s models"
                    f"{self._widened_to(site, targets)} only once the key it picks for them "
                    f"is {name}'s ({provider.api_key_env}), not an OpenAI key, by hand",
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
        the models themselves; on litellm's route where the values it tests go to litellm
        (`_litellm_route`: `'moonshot/kimi-'`, t67a). "" for another test."""
        provider = self.provider
        assert provider is not None  # `_family_targets`
        if site.place.test != "startswith":
            return ""
        text = [t for t in targets if not provider.other_api_model(t)] or targets
        # litellm gets them on its route (`moonshot/kimi-k2.6`): what the test reads
        route = f"{self._litellm_route(site)}/".lstrip("/")
        common = shared_prefix(text)
        starts = [common] if common else [p for t in text if (p := shared_prefix([t]))]
        starts = [route + p for p in dict.fromkeys(starts)]
        if not starts:
            return " (such as " + ", ".join(repr(route + t) for t in text[:3]) + ")"
        return " (starting with " + " or ".join(repr(p) for p in starts[:3]) + ")"

    def _litellm_route(self, site: Site) -> str:
        """The provider's litellm route (`moonshot`) where the values `site` tests go to
        litellm (`_spelling`), which gets the provider's models as `moonshot/<model>`; ""
        elsewhere."""
        spelling = self._spelling(site, [], [])
        return spelling.route if isinstance(spelling, _Spelling) else ""

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
        switching: a person made it accept them (`model.startswith(("gpt", "qwen"))`); where
        the values it tests go to litellm, those models on its route (`_litellm_route`: not
        `"kimi-"` for `moonshot/kimi-k2.6`). [] elsewhere."""
        rules = self.ctx.rules
        provider = rules.provider
        matches = FAMILY_TESTS.get(site.place.test)
        if matches is None or provider is None or not rules.switching:
            return []
        parent = self.sites.parent_of(site.node)
        holder = self.sites.parent_of(parent) if isinstance(parent, cst.Element) else None
        models = {*provider.models.values(), *provider.tiers.values(), *rules.models.values()}
        methods = read_as(self.ctx, site.node)  # `model.lower().startswith(...)`
        route = self._litellm_route(site)  # litellm's model there: `moonshot/kimi-k2.6`
        seen = {sdk.through_methods(f"{route}/{m}" if route else m, methods) for m in models}
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
        route = f"{self._litellm_route(site)}/".lstrip("/")  # litellm's model there
        unmatched = [
            t
            for t in targets
            if not any(matches(sdk.through_methods(route + t, methods), p) for p in (part, *parts))
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

    def _report_family_taken(self, site: Site, gains: list[_Added], own: set[str]) -> bool:
        """Whether an earlier branch of the if/elif chain of a family check's test takes
        some of the provider's models (`model_branches.earlier_branches`: `if
        m.startswith("deepseek"): ...` before `elif "gpt-4" in m:`), switching: fixed by
        hand, so it is left, with a note naming what apply maps OpenAI's models of its
        family to that the branch does not take (nothing where it takes them all)."""
        rules = self.ctx.rules
        provider = rules.provider
        if provider is None or not rules.switching:
            return False
        methods = read_as(self.ctx, site.node)

        def taken(model: str, tests: list[tuple[Callable[[str, str], bool], str]]) -> bool:
            sent = sdk.through_methods(model, methods)
            return any(test(sent, part) for test, part in tests)

        models = {*provider.models.values(), *provider.tiers.values(), *rules.models.values()}
        tests = [
            t for t in earlier_branches(self.ctx, site.node) if any(taken(m, [t]) for m in models)
        ]
        if not tests:
            return False
        matches = FAMILY_TESTS[site.place.test]
        gained = [
            t
            for _, froms, targets in gains
            if any(matches(m, site.model) for m in froms)
            for t in targets
        ]
        targets = dict.fromkeys([*gained, *self._family_targets(site, own)])
        unmatched = [t for t in targets if not taken(t, tests)]
        if unmatched:
            parts = ", ".join(repr(p) for p in dict.fromkeys(p for _, p in tests))
            them = "them" if len(unmatched) > 1 else "it"
            self.report(
                site.node,
                f"{_family_check(site)} after a branch for {parts}, which "
                f"{provider.name}'s models take: apply leaves it, as fixed by hand; what apply "
                f"maps OpenAI's {site.model!r} models to does not all take that branch "
                f"({_first_three(unmatched)}): make it take {them} if the program uses {them}",
                severity=Severity.NOTE,
                data={"family": site.model, "models_to": unmatched},
            )
        return True

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
                node_inside(ctx, check.node, test) for test in others
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
            if container is None and not node_inside(self.ctx, site.node, test.node):
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
        words = name_words(self._checked_collection(container) or "")[1]
        function = next(
            (a for a in reversed(self.ctx.ancestors(container)) if isinstance(a, cst.FunctionDef)),
            None,
        )
        if function is not None:
            words += name_words(function.name.value)[1]
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
        if site.place.detail == LITERAL_TYPE:  # t53l D4: `Literal["gpt-4", "yi-lightning"]`
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
        assert isinstance(container, COLLECTION_NODES)
        rules = self.ctx.rules
        values = [string_value(e.value) for e in container.elements]
        return [v and (served_model(rules, v) or v) for v in values]

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
        if not isinstance(container, COLLECTION_NODES):
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
        if site.prefix and site.prefix in self.sites.route_prefixes:
            # `"experimental:gpt-4o"`: the project's own function takes the prefix off
            return (
                f"{model!r} ({detail}) is OpenAI model id {site.model!r} after "
                f"{site.prefix!r}, a prefix the project strips off before using the rest: if "
                f"it reaches a request or a model check, {provider} will not know it; change "
                "the id after the prefix by hand"
            )
        return (
            f"{model!r} ({detail}) is an OpenAI model id: if it reaches a request or a model "
            f"check, {provider} will not know it; change it by hand"
        )


# a dict key naming the models of a platform's entry (`llm_models`, `embed_models`)
_MODELS_KEY = re.compile(r"(?i)model|engine")


# how a message names the request kinds of `request_picks.REQUEST_KINDS`
_REQUEST_NAMES = {"chat": "chat requests", "completions": "legacy completions requests"}
# how a message says what `Provider.support` answers for a surface
_SUPPORT_WORDS: dict[bool | str, str] = {
    True: "serves",
    False: "does not serve",
    "partial": "serves only in part",
    "unknown": "may not serve",
}


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
        served = served_model(rules, other)
        if (served if served is not None else rules.map_model(other)) == target:
            return other
    return None


def _other_branch_tests(ctx: PythonContext, node: cst.CSTNode) -> list[cst.BaseExpression]:
    """The tests of the other branches of the `if`/`elif` chain whose test holds `node`."""
    ancestors = ctx.ancestors(node)
    heads = [
        i
        for i, a in enumerate(ancestors)
        if isinstance(a, cst.If) and node_inside(ctx, node, a.test)
    ]
    if not heads:
        return []
    at = heads[-1]
    while at > 0 and getattr(ancestors[at - 1], "orelse", None) is ancestors[at]:
        at -= 1  # up an `elif` to its `if`
    tests: list[cst.BaseExpression] = []
    branch: cst.CSTNode | None = ancestors[at]
    while isinstance(branch, cst.If):
        if not node_inside(ctx, node, branch.test):
            tests.append(branch.test)
        branch = branch.orelse
    return tests


# a model-like string that names a file (`gpt-4-turbo.yaml`), not a model (`gpt-4.1`)
_FILE_NAME = re.compile(r"\.[A-Za-z]+\Z")
