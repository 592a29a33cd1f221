"""Why `apply` leaves a model setting it would otherwise map (ML202 and ML204 ask both).

- The client that sends it stays on Azure OpenAI or OpenAI (`model_reach.kept_client`): that
  client still takes the OpenAI name, a deployment's on Azure (mem0's). So does a class it is
  the model of that apply leaves there: a framework class whose rule leaves it, or a class
  named like OpenAI that no table knows, given no base URL (guidance's
  `models.OpenAI(MODEL, api_key=...)` before its table entry was sent `qwen4-max` at OpenAI).
- A test of the module on the name it sets (`model_branches`), as `apply` leaves or widens it
  (ML205 adds the provider's models to some), passes the OpenAI model and not what it maps
  to, or the reverse: mapped, the program would take another branch (babyagi's).
- A table keyed by OpenAI model that the module looks it up in (`model_lookups`) has no entry
  for what it maps to: a KeyError once mapped (autogen's `get_max_token_limit()`).
- A table keyed by OpenAI model in a config file of the project, which ML503 leaves
  (`model_table_keys`), has it as a key and no entry for what it maps to: the program looks
  the model up there (chatgpt-telegram-bot's `config.models["info"][current_model]`), and
  mapped alone it would miss (`table_key_reason`).
- The program registers it as a model id (`model_registry`: simonw/llm's `register(Chat(
  "gpt-4o-mini"))`, whose ids ML205 leaves) and registers nothing as what it maps to: the
  setting is a key the program looks up among them (llm's `DEFAULT_MODEL`), and mapped alone
  it names an unknown model (`registry_reason`).
- The module passes it on to a parameter of one of its own functions whose default apply
  leaves for one of those two reasons (autogen's `count_token()` hands its default to
  `_num_token_from_messages()`, whose family tests end in a raise): mapped, it would reach
  the test or the table that default is left for.

Each answer is the one-line reason of a manual finding (with its data, for the last), or
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.config_table_lookups import KeyedModels, keyed_models, table_names
from migrate_llm.frameworks import FrameworkClass, other_sdks
from migrate_llm.model_registry import ALIAS, DECORATOR, KEY, unregistered
from migrate_llm.model_table_keys import unkeyed
from migrate_llm.model_tables import NONE, RAISES, REFUSED, ModelTable
from migrate_llm.registry import Provider
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.litellm_route_keys import route_test
from migrate_llm.rules.model_branches import branch_tests, tests_on
from migrate_llm.rules.model_lookups import (
    TableLookup,
    comprehension_lookups,
    exported_lookups,
    imported_lookups,
    table_lookups,
)
from migrate_llm.rules.model_reach import (
    constructions_given,
    constructions_reading,
    holder_of,
    kept_client,
    reads_of,
    requests_sending,
)
from migrate_llm.rules.python import snippet
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.table_gaps import same_program
from migrate_llm.rules.v0_libraries import v0_setters_words
from migrate_llm.textio import python_tree

if TYPE_CHECKING:
    from migrate_llm.rules.clients import Endpoint

# parameters followed from one setting to the default it reaches
_PASSED_DEPTH = 3


def kept_reason(ctx: PythonContext, subject: str, requests: Iterable[cst.Call]) -> str | None:
    """Why `subject` is left where one of `requests` (the requests that send it as their
    model) goes through a client `apply` leaves on Azure OpenAI or OpenAI."""
    for call in requests:
        kept = kept_client(ctx, call)
        if kept is None:
            continue
        where, client = kept
        info = ctx.sdk_call(call) if client is None else None
        if info is not None and info.kind == "legacy":
            # openai<1's settings point at OpenAI (`v0_request_unpointed`, ML302)
            return (
                f"{subject} is sent as model= on {_line(ctx, call)} through openai<1, left "
                f"there with openai.api_key and openai.api_base, which {v0_setters_words(ctx)} "
                "points at the provider: the request goes to api.openai.com (see "
                "ML302), so apply leaves the model too; point both at the provider, by "
                "hand, and a later run maps it"
            )
        if client is None:  # openai's module-level client (`module_client_stays`)
            return (
                f"{subject} is sent as model= on {_line(ctx, call)} through openai's "
                "module-level client, which stays on OpenAI, as LlamaIndex's classes apply "
                "leaves there read its base URL (see ML103 or ML102): apply leaves the model "
                "too; change them together, by hand"
            )
        deployment = ", where it names a deployment" if where.startswith("Azure") else ""
        head = (
            f"{subject} is sent as model= on {_line(ctx, call)} through "
            f"{snippet(ctx, client.func)}() on {_line(ctx, client)}, which stays on {where}"
        )
        gone = _shut_down_only(ctx, client)
        if gone:
            return (
                f"{head}, where {gone}: apply leaves the model too; choose it when you move that "
                "code (see ML001), by hand"
            )
        return f"{head}{deployment}: apply leaves the model too; change them together, by hand"
    return None


def other_service_reason(
    ctx: PythonContext, subject: str, holder: cst.CSTNode, model: str
) -> str | None:
    """Why `subject` is left where the value `holder` binds is also sent as `model=` of a
    request through a client of another service's own SDK (`PythonContext.
    through_other_sdk_client`, any method: Anthropic's `client.messages.create(model=MODEL)`)
    beside a request apply moves: that request never reaches OpenAI, and mapped, the setting
    would send it the provider's model. (Sent only there, it is no finding at all:
    `ModelSettings.foreign_requests`.)"""
    if not ctx.index.names & other_sdks.class_parts(other_sdks.CLIENT_CLASSES):
        return None  # no such client is named in the module
    request = next(
        (
            call
            for call in requests_sending(ctx, holder)
            if ctx.through_other_sdk_client(call, any_method=True)
        ),
        None,
    )
    if request is None:
        return None
    new = ctx.rules.map_model(model)
    mapped = f"{new!r}" if new is not None else "the provider's model"
    return (
        f"{subject} is also sent as model= on {_line(ctx, request)} to "
        f"{snippet(ctx, request.func)}(), a request through another service's own SDK client, "
        f"which never reaches OpenAI: mapped, that request would get {mapped} too; apply "
        "leaves it: give the OpenAI requests a setting of their own, by hand"
    )


def _shut_down_only(ctx: PythonContext, client: cst.Call) -> str:
    """`the assistants API it calls was shut down on 2026-08-26` where every request of the
    client ML001 leaves on OpenAI (`unserved_only`) is to an API OpenAI's file says it shut
    down too (`[shut_down]`); "" otherwise."""
    from migrate_llm.rules.unserved_clients import unserved_only  # it imports model_reach

    surfaces = unserved_only(ctx, client) or ()
    shut_down = ctx.rules.openai.shut_down
    if not surfaces or not all(s in shut_down for s in surfaces):
        return ""
    said = " and ".join(f"the {s} API" for s in surfaces)
    days = " and ".join(sorted({shut_down[s].on.isoformat() for s in surfaces}))
    return f"{said} it calls {'was' if len(surfaces) == 1 else 'were'} shut down on {days}"


def deployment_kept_reason(
    ctx: PythonContext, subject: str, clients: Iterable[cst.Call]
) -> str | None:
    """Why `subject` is left where it is the Azure deployment (`azure_deployment=`) of one of
    `clients` that `apply` leaves on Azure OpenAI (ML002): every request of that client goes
    to the deployment so named (pdf2zh's AzureOpenAITranslator got
    `/openai/deployments/<the provider's model>/...`: 404)."""
    from migrate_llm.rules.key_destinations import left_on_openai  # it builds on model rules

    for call in clients:
        if ctx.constructed_client(call) is None or not left_on_openai(ctx, call):
            continue
        return (
            f"{subject} is the deployment (azure_deployment=) of {snippet(ctx, call.func)}() on "
            f"{_line(ctx, call)}, which stays on Azure OpenAI: apply leaves the model too; "
            "map it when you convert that client, by hand"
        )
    return None


def class_kept_reason(
    ctx: PythonContext, subject: str, holder: cst.CSTNode | None, reads: list[cst.CSTNode]
) -> tuple[str, bool] | None:
    """Why `subject` is left where the value `holder` binds (or the value read at one of
    `reads`: a dict entry read by its key) is the model of a class `apply` leaves talking to
    OpenAI or Azure OpenAI: a framework class whose rule leaves it
    (`key_destinations.left_on_openai`), or a class named like OpenAI that no table knows,
    given no base URL (`key_destinations.openai_class_left`); or of a class that refuses
    other models than OpenAI's (`FrameworkClass.checks_model`: LlamaIndex's
    `OpenAIEmbedding`) which apply does not rewrite, pointed elsewhere (`_checked_class_why`).
    With whether it is for a person to change (False: a note, the class pointed at a host
    of its own)."""
    # these build on the model rules
    from migrate_llm.rules.framework_classes import any_framework_class, endpoint, model_argument
    from migrate_llm.rules.key_destinations import left_on_openai, openai_class_left

    def takes(call: cst.Call, arg: cst.Arg) -> bool:
        cls = any_framework_class(ctx, call)
        if cls is not None:
            return model_argument(call, cls) is arg
        named = arg.keyword is not None and arg.keyword.value in sdk.MODEL_NAMES
        return named and openai_class_left(ctx, call)

    calls = (
        constructions_given(ctx, holder, takes)
        if holder is not None
        else constructions_reading(ctx, reads, takes)
    )
    for call in calls:
        cls = any_framework_class(ctx, call)
        if cls is not None and cls.checks_model:
            where = endpoint(ctx, call, cls.base_url)
            if where.kind != "openai":
                return _checked_class_why(ctx, subject, call, cls, where)
        if cls is not None:
            if endpoint(ctx, call, cls.base_url).kind != "openai" or not left_on_openai(ctx, call):
                continue
            how = f"which apply leaves on {'Azure OpenAI' if cls.azure else 'OpenAI'} (see there)"
        elif openai_class_left(ctx, call):
            how = (
                "a class named like OpenAI that migrate-llm does not rewrite, given no base URL: "
                "it talks to OpenAI"
            )
        else:
            continue
        return (
            f"{subject} is the model of {snippet(ctx, call.func)}() on {_line(ctx, call)}, "
            f"{how}; apply leaves the model too: change them together, by hand"
        ), True
    return None


def _checked_class_why(
    ctx: PythonContext, subject: str, call: cst.Call, cls: FrameworkClass, where: Endpoint
) -> tuple[str, bool]:
    """Why `subject` is left where it is the model of `call`, a class that refuses models
    not OpenAI's (`cls.checks_model`) pointed elsewhere than OpenAI (`where`), which apply
    does not rewrite to its `replacement` (ML611 rewrites only one talking to OpenAI):
    mapped, the program would stop there (t66a: private-gpt's `OpenAIEmbedding(api_base=
    <computed>)` raised ValueError for `text-embedding-v4`). A person's to change with the
    class where its base URL is computed at run time or the provider's; a note where it
    points at a host of its own, whose model it names."""
    # these build on the model rules
    from migrate_llm.rules.framework_classes import FRAMEWORK_NAMES, checked_model_advice

    provider = ctx.rules.provider
    label = FRAMEWORK_NAMES.get(cls.framework, cls.framework)
    head = (
        f"{subject} is the model of {snippet(ctx, call.func)}() ({label}) on {_line(ctx, call)}, "
        f"which {cls.checks_model}"
    )
    owner = where.provider
    target = provider is not None and owner is not None and owner.id == provider.id
    if where.kind == "dynamic" or target:
        pointed = "its base URL is computed at run time" if not target else "it points there"
        service = provider.name if provider is not None else "the provider"
        return (
            f"{head}: apply leaves the class ({pointed}) and the model too; "
            f"{checked_model_advice(cls, service)}, and change the model with it, by hand"
        ), True
    shown = where.detail or "a host of its own"
    return (
        f"{head}: it points at {shown}, not OpenAI, whose model it names; apply leaves both"
    ), False


def branch_reason(
    ctx: PythonContext,
    subject: str,
    value: cst.CSTNode,
    model: str,
    new: str,
    methods: tuple[str, ...] = (),
    widen: bool = True,
) -> str | None:
    """Why `subject` (the literal `value`, holding `model`, read through `methods`) is left
    rather than mapped to `new`: a test of the name it sets treats the two otherwise.
    `widen=False` for a rule that asks during the traversal, before ML205's edits are known:
    a membership test is read as it stands (one ML205 would widen counts as a difference)."""
    provider = ctx.rules.provider
    why = _branch_why(ctx, value, model, new, methods, widen)
    if provider is None or why is None:
        return None
    return (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: {why}, so the "
        "program would take another branch; change the test and the model together, by hand"
    )


def _branch_why(
    ctx: PythonContext,
    value: cst.CSTNode,
    model: str,
    new: str,
    methods: tuple[str, ...],
    widen: bool = True,
) -> str | None:
    """The test of the name `value` sets that `model` and `new` (read through `methods`)
    do not both pass or both fail, as a message shows it; None where there is none. Not the
    test of the provider's own litellm route that `new` is written on (`if
    model.startswith("deepseek/"):`): the program routes the provider's models so, and
    taking that branch is what the new model is for."""
    old_sent = sdk.through_methods(model, methods)
    new_sent = sdk.through_methods(new, methods)
    provider = ctx.rules.provider
    prefix = provider.frameworks.get("litellm_prefix") if provider is not None else None
    # an argument of the module's own function: the tests of the parameter it fills (t62a:
    # FastChat's `embed(word, "text-embedding-ada-002")`, whose `if "ada" in model:` picks
    # OpenAI's client, the local server otherwise)
    fills = _fills(ctx, value)
    tests = branch_tests(ctx)
    passed = [(t, f) for f in fills for t in tests if t.holder is f[1]]
    for test, filled in [*((t, None) for t in tests_on(ctx, value)), *passed]:
        if (
            prefix
            and new.startswith(f"{prefix}/")
            and isinstance(test.node, cst.BaseExpression)
            and route_test(test.node, prefix)
        ):
            continue
        widened = test.widened if widen else None
        added = widened_by_ml205(ctx, widened) if widened is not None else ()
        passes_old = test.passes(old_sent)
        if passes_old == test.passes(new_sent, added):
            continue
        passes, fails = (model, new) if passes_old else (new, model)
        tested = f"{snippet(ctx, test.node)} on {_line(ctx, test.node)} tests it"
        if filled is not None:
            call, param = filled
            tested = (
                f"passed to {snippet(ctx, call.func)}() as {param.name.value} on "
                f"{_line(ctx, call)}, where {tested}"
            )
        return f"{tested}, which {passes!r} passes and {fails!r} does not"
    return None


def _fills(ctx: PythonContext, value: cst.CSTNode) -> list[tuple[cst.Call, cst.Param]]:
    """The (call, parameter) of the module's own functions `value` fills: as an argument
    itself (t62a: FastChat's `embed(word, "text-embedding-ada-002")`), or as the default of a
    parameter a read of which is one (t68c: chemcrow's `__init__(self, model="gpt-4-0613")`
    handing `model` to `_make_llm(model, ...)`, whose `model.startswith("gpt-4")` test ends
    in a raise). Through a default, not a parameter with a model of its own as default:
    `passed_reason` tells why that default is left."""
    if not isinstance(value, cst.BaseExpression):
        return []
    direct = _filled(ctx, value)
    found = [direct] if direct is not None else []
    param = _parent(ctx, value)
    if isinstance(param, cst.Param) and param.default is value:
        for read in reads_of(ctx, param):
            filled = _filled(ctx, read)
            default = filled[1].default if filled is not None else None
            if filled is not None and (default is None or string_value(default) is None):
                found.append(filled)
    return found


def lookup_reason(
    ctx: PythonContext,
    subject: str,
    value: cst.CSTNode,
    new: str,
    methods: tuple[str, ...] = (),
    written: str = "setting",
) -> str | None:
    """Why `subject` (the literal `value`, read through `methods`, the `written` of its
    place: "default", "constant"...) is left rather than mapped to `new`: a table keyed by
    OpenAI model that the module looks it up in has no entry for `new`."""
    provider = ctx.rules.provider
    why = _lookup_why(ctx, value, new, methods)
    if provider is None or why is None:
        return None
    return (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: {why}: add one, "
        f"then change the {written}, by hand"
    )


def table_key_reason(
    ctx: PythonContext, subject: str, model: str, new: str, written: str
) -> tuple[str, dict[str, object]] | None:
    """Why `subject` (the code's model `model`, the `written` of its place: "variable",
    "default"...) is left rather than mapped to `new`: it is a key of a table of the project's
    config files that apply leaves (ML503) with no key `new`; with the finding's data. None
    where there is none."""
    provider = ctx.rules.provider
    found = unkeyed(ctx.rules.facts.model_table_keys, model, new)
    if provider is None or found is None:
        return None
    where = f"{found.file}:{found.line}"
    table = f"the table {found.table} in {where}" if found.table else f"the table of {where}"
    its = ""
    if found.images and new == provider.image_model():
        its = f", its model for images (its entry in {where} says {found.images})"
    message = (
        f"{subject} maps to {new!r} on {provider.name}{its}, but apply leaves it: {model!r} is "
        f"a key of {table}, which apply leaves (ML503), and it has no entry for {new!r} (a lookup "
        f"there misses once mapped): add one, then change the {written}, by hand"
    )
    return message, {"model_from": model, "model_to": new, "table": where}


def config_lookup_reason(
    ctx: PythonContext,
    found: KeyedModels,
    site: tuple[str, str, str, str, int],
) -> tuple[str, dict[str, object]] | None:
    """Why `site`, (`subject`, the code's model `model`, `new`, what it maps to, the `written`
    of its place, its `line`), is left rather than mapped: the module uses it as a key of a
    table of the project's config files that apply leaves (ML503), a table with no key `new`
    (`config_table_lookups.keyed_models`: XAgent's `"gpt-4-1106-preview" in CONFIG.api_keys`,
    `CONFIG.api_keys[get_model_name(name)]`: `found`, `config_lookups`), whether or not the
    file as shipped holds `model`; with the finding's data. None where there is none."""
    subject, model, new, written, line = site
    keys = ctx.rules.facts.model_table_keys
    provider = ctx.rules.provider
    if provider is None or not keys:
        return None
    where = found.tested.get(model) or found.bound.get((line, model))
    if where is None:
        return None
    table, at = where
    held = sorted(k for k in keys if k.table.rsplit(".", 1)[-1] == table)
    if any(k.key == new for k in held):
        return None
    file = f"{held[0].file}:{held[0].line}"
    message = (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: the module uses "
        f"it as a key of the table {table} ({ctx.line_label(at)}), a table of {file} that apply "
        f"leaves (ML503), with no entry for {new!r} (a lookup there misses once mapped): add "
        f"one, then change the {written}, by hand"
    )
    return message, {"model_from": model, "model_to": new, "table": file}


def config_lookups(ctx: PythonContext) -> KeyedModels:
    """What the module of `ctx` looks up in the tables of its project's config files."""
    names = table_names(ctx.rules.facts.model_table_keys)
    tree = python_tree(ctx.text.encode()) if names else None
    return KeyedModels({}, {}) if tree is None else keyed_models(tree, names)


def registry_reason(
    ctx: PythonContext, subject: str, model: str, new: str, written: str
) -> tuple[str, dict[str, object]] | None:
    """Why `subject` (the code's model `model`, the `written` of its place: "constant",
    "default"...) is left rather than mapped to `new`: the program registers `model` as a
    model id and no module of it registers `new` (`registry_why`); with the finding's data.
    None where there is none."""
    found = registry_why(ctx.rules, model, new)
    if found is None:
        return None
    why, data = found
    provider = cast(Provider, ctx.rules.provider)
    message = (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: {why} first, "
        f"then change the {written}, by hand"
    )
    return message, data


def registry_why(rules: RuleContext, model: str, new: str) -> tuple[str, dict[str, object]] | None:
    """Why a setting of `model` is left rather than mapped to `new` (ML204's, ML503's): the
    program registers `model` as a model id (`RunFacts.registered_models`: simonw/llm's
    `DEFAULT_MODEL`, a key looked up among them) and no module of it registers `new`, as
    what a message says after "apply leaves it: ", with the finding's data. None where
    there is none."""
    provider = rules.provider
    found = unregistered(rules.facts.registered_models, model, new)
    if provider is None or found is None:
        return None
    place = f"line {found.line} of {found.shown}"
    held = {
        KEY: f"a key of {found.by}, {place}",
        ALIAS: f"an alias given to {found.by}() on {place}",
        DECORATOR: f"the decorator @{found.by}({model!r}) on {place}",
    }.get(found.how, f"{found.by}() on {place}")
    why = (
        f"{model!r} is a model id the program registers ({held}), and it registers no {new!r}: "
        f"mapped, the program would look up a model it does not know; register "
        f"{provider.name}'s {new!r} there (or map the registry's entries too)"
    )
    where = f"{found.shown}:{found.line}"
    return why, {"model_from": model, "model_to": new, "registry": where}


def table_note(tables: Iterable[ModelTable], model: str, new: str, place: str) -> str:
    """What a message mapping `model` to `new` adds where a table keyed by OpenAI model of
    the project (`RunFacts.model_tables`) has `model` and no entry for `new`: a lookup there
    that this module does not show (gpt_academic's `LLM_MODEL`, read through `get_conf()`
    and looked up in `model_info`) misses it once mapped. Only a table the project may look
    up by keys it does not show (`ModelTable.open`): one whose module looks it up only by the
    parameters of its functions (PentestGPT's `dynamic_import(module_name)`) is looked up by
    what the calls pass, which ML204 follows; nor one whose keys are labels (`ModelTable.labels`),
    nor one of another program than the file `place` (`table_gaps.same_program`).
    The first such table by file and line; "" where there is none."""
    found = sorted(
        (
            t
            for t in tables
            if t.open
            and not t.labels
            and model in t.keys
            and new not in t.keys
            and same_program(place, t)
        ),
        key=lambda t: (t.shown, t.line),
    )
    if not found:
        return ""
    table = found[0]
    return (
        f"; {model!r} is a key of {table.name} (line {table.line} of {table.shown}), which has "
        f"no entry for {new!r}: where the program looks the model up there, add one: that "
        "lookup misses it once mapped"
    )


def _lookup_why(
    ctx: PythonContext, value: cst.CSTNode, new: str, methods: tuple[str, ...]
) -> str | None:
    """The lookup `value` reaches in a table with no entry for `new` (read through
    `methods`), as a message shows it; None where there is none."""
    sent = sdk.through_methods(new, methods)
    for lookup in _lookups(ctx).get(id(value), ()):
        if sent in lookup.keys:
            continue
        if lookup.how == RAISES:
            missed = "a KeyError once mapped"
        elif lookup.how == NONE:
            missed = "None once mapped"
        elif lookup.how == REFUSED:
            missed = "the error the program raises there once mapped"
        elif lookup.guard is not None:
            missed = (
                f"once mapped, `{snippet(ctx, lookup.guard)}` on {_line(ctx, lookup.guard)} is "
                "false and the program takes its other branch, silently"
            )
        else:
            missed = "once mapped, it takes its branch for a model missing there, silently"
        where = _lookup_place(ctx, lookup)
        if lookup.through:
            where, table = f"{where} looks it up in {lookup.table}, which", ""
        else:
            where, table = f"{where} looks it up, and", f" {lookup.table}"
        return f"{where}{table} has no entry for {sent!r} ({missed})"
    return None


def label_reason(
    ctx: PythonContext,
    subject: str,
    value: cst.CSTNode,
    model: str,
    new: str,
    methods: tuple[str, ...] = (),
) -> str | None:
    """Why `subject` (the literal `value`, holding `model`, read through `methods`) is left,
    as a note, rather than mapped to `new`: every lookup it reaches that has no entry for
    `new` is in a table whose keys are labels (`TableLookup.labels`: PentestGPT's
    `module_mapping`, whose entries name config classes): the entry it picks names the model
    the program sends, which apply maps where it is set, and the label changed alone would
    miss its entry. None where one lookup is in another table, or there is none."""
    sent = sdk.through_methods(new, methods)
    missed = [k for k in _lookups(ctx).get(id(value), ()) if sent not in k.keys]
    if not missed or not all(k.labels for k in missed):
        return None
    lookup = missed[0]
    where = _lookup_place(ctx, lookup)
    picked = dict(lookup.labels).get(sdk.through_methods(model, methods))
    there = " there" if lookup.through else f" in {lookup.table}"
    if picked is not None:
        entry = f"its entry{there} names the model sent ({picked})"
    else:
        entry = f"the entries{there} name the models sent"
    looks = f"looks it up in {lookup.table}" if lookup.through else "looks it up"
    return (
        f"{subject} is a label of the program's, not a model it sends: {where} {looks}, and "
        f"{entry}, which apply maps where it is set: apply leaves the label; no request "
        "depends on it (to rename it, rename the table's key with it: changed alone, the "
        "lookup misses it)"
    )


def _lookup_place(ctx: PythonContext, lookup: TableLookup) -> str:
    """Where `lookup` is, as a message names it: `module_mapping[name] on line 5`,
    `dynamic_import() on line 80`, or another module's lookup (`TableLookup.where`)."""
    if lookup.where:
        return lookup.where
    if lookup.through:
        call = cast(cst.Call, lookup.node)
        return f"{snippet(ctx, call.func)}() on {_line(ctx, call)}"
    return f"{snippet(ctx, lookup.node)} on {_line(ctx, lookup.node)}"


def passed_reason(ctx: PythonContext, subject: str, value: cst.CSTNode, new: str) -> str | None:
    """Why `subject` (the literal `value`) is left rather than mapped to `new`: what it sets
    is passed on, by keyword or position, to a parameter of a function of the module whose
    own default apply leaves for a test or a table lookup (`_held_default`); mapped, it would
    reach what that default is left for (autogen's `count_token()` default, handed to
    `_num_token_from_messages()`, raised NotImplementedError)."""
    provider = ctx.rules.provider
    holder = holder_of(ctx, value)
    why = _passed_why(ctx, holder, 0, set()) if holder is not None else None
    if provider is None or why is None:
        return None
    return (
        f"{subject} maps to {new!r} on {provider.name}, but apply leaves it: {why}; change "
        "them together, by hand"
    )


def _passed_why(ctx: PythonContext, holder: cst.CSTNode, depth: int, seen: set[int]) -> str | None:
    """Where the value `holder` binds is passed to a parameter whose default apply leaves,
    and why, as a message shows it; also through a parameter it is the default of."""
    if depth > _PASSED_DEPTH or id(holder) in seen:
        return None
    seen.add(id(holder))
    for read in reads_of(ctx, holder):
        parent = _parent(ctx, read)
        if isinstance(parent, cst.Param) and parent.default is read:
            why = _passed_why(ctx, parent, depth + 1, seen)
        else:
            filled = _filled(ctx, read)
            why = _held_default(ctx, filled[1], depth, seen) if filled is not None else None
            if why is not None and filled is not None:
                call, param = filled
                why = (
                    f"passed to {snippet(ctx, call.func)}() as {param.name.value} on "
                    f"{_line(ctx, call)}, whose default apply leaves: {why}"
                )
        if why is not None:
            return why
    return None


def _held_default(ctx: PythonContext, param: cst.Param, depth: int, seen: set[int]) -> str | None:
    """Why apply leaves the default of `param`, an OpenAI model it would map: a test of the
    parameter, a table lookup, or a parameter it is passed on to in turn."""
    default = param.default
    model = string_value(default) if default is not None else None
    new = ctx.rules.map_model(model) if model is not None else None
    if default is None or model is None or new is None or new == model:
        return None
    return (
        _branch_why(ctx, default, model, new, ())
        or _lookup_why(ctx, default, new, ())
        or _passed_why(ctx, param, depth + 1, seen)
    )


def _filled(ctx: PythonContext, read: cst.CSTNode) -> tuple[cst.Call, cst.Param] | None:
    """(the call, the parameter) where `read` is an argument, by keyword or position, of a
    call by name of a function the module defines."""
    arg = _parent(ctx, read)
    call = _parent(ctx, arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(arg, cst.Arg) or arg.value is not read or arg.star:
        return None
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Name):
        return None
    bound = ctx.bindings(call.func)
    function = getattr(bound[0], "node", None) if len(bound) == 1 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    params = function.params
    if arg.keyword is not None:
        named = (*params.params, *params.kwonly_params)
        param = next((p for p in named if p.name.value == arg.keyword.value), None)
        return (call, param) if param is not None else None
    plain = []
    for given in call.args:
        if given.keyword is not None or given.star:
            break
        plain.append(given)
    at = next((i for i, given in enumerate(plain) if given is arg), None)
    positional = [*params.posonly_params, *params.params]
    if at is None or at >= len(positional):
        return None
    return call, positional[at]


def _lookups(ctx: PythonContext) -> dict[int, list[TableLookup]]:
    """The lookups in ML205's tables each literal of the module may reach (found once)."""
    found = ctx.analyses.get(_lookups)
    if found is None:
        # ML205's tables come from the model rules, which build on this module
        from migrate_llm.rules.model_sites import ModelSites

        found = table_lookups(ctx, ModelSites.of(ctx).tables())
        for more in (comprehension_lookups(ctx), imported_lookups(ctx), exported_lookups(ctx)):
            for key, lookups in more.items():
                found.setdefault(key, []).extend(lookups)
        ctx.analyses[_lookups] = found
    return found  # type: ignore[return-value]


def widened_by_ml205(ctx: PythonContext, node: cst.CSTNode) -> tuple[str, ...]:
    """The provider's models ML205 adds to a comparison, list, tuple or set (its edits found
    once per module, once the traversal is over)."""
    # ML205 builds on the model rules
    from migrate_llm.rules.model_elsewhere import ModelElsewhere
    from migrate_llm.rules.model_sites import ModelSites

    sites = ModelSites.of(ctx)
    if sites.widened is None:
        ModelElsewhere(ctx).findings.clear()  # reporting fills `widened`
    assert sites.widened is not None
    return sites.widened.get(id(node), ())


def _line(ctx: PythonContext, node: cst.CSTNode) -> str:
    return ctx.line_label(ctx.position(node)[0][0])


def _parent(ctx: PythonContext, node: cst.CSTNode) -> cst.CSTNode | None:
    above = ctx.ancestors(node)
    return above[-1] if above else None
