"""What the LangChain, LlamaIndex, Haystack, agno, browser-use and guidance rules share: finding
a framework's OpenAI class by its qualified name, telling where it points, and rebuilding its
construction for a provider.

The tables of what each framework looks like are in `migrate_llm.frameworks`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

import libcst as cst

from migrate_llm.frameworks import KIND_SURFACES, FrameworkClass
from migrate_llm.frameworks import agno as ag
from migrate_llm.frameworks import browser_use as bu
from migrate_llm.frameworks import guidance as gd
from migrate_llm.frameworks import haystack as hs
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import llamaindex as li
from migrate_llm.frameworks.modules import import_pattern
from migrate_llm.model import Edit
from migrate_llm.openai_sdk import KEY_VARS_TO_SWITCH
from migrate_llm.registry import Provider
from migrate_llm.rules.calls import lacks_api, offered_by
from migrate_llm.rules.clients import (
    UNKNOWN_SETTING,
    Endpoint,
    azure_key_left,
    endpoint_of_value,
    env_var_read,
    held_key_advice,
    kept_key_text,
    kwargs_of,
    left_key_held,
    mapping_gets,
    own_key_read,
    passed_key_advice,
    passed_keys,
    setting,
    target_advice,
    typed_key_advice,
)
from migrate_llm.rules.code_templates import (
    IMPORT_OS,
    UNSET_KEY,
    base_url_expr,
    key_expr,
    literal,
    os_imports,
    python_literal,
)
from migrate_llm.rules.default_dicts import default_dict
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.framework_args import argument
from migrate_llm.rules.key_prompts import (
    PromptWording,
    prompt_wording,
    report_prompt,
    report_prompt_texts,
)
from migrate_llm.rules.model_values import known_literals
from migrate_llm.rules.models import article
from migrate_llm.rules.own_server_env import OwnServerEnv, own_server_env
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import (
    PythonContext,
    keyword,
    last_name,
    string_value,
)
from migrate_llm.rules.rewrite import narrowed_edit, rebuild_call, requote
from migrate_llm.rules.settings_reader_reads import reader_read
from migrate_llm.rules.switched_keys import left_on_openai_words
from migrate_llm.rules.thinking_switch import thinking_switch, unlike
from migrate_llm.rules.typed_answers import typed_key_left
from migrate_llm.rules.v0_libraries import runs_on_openai_v0
from migrate_llm.secrets import find_secrets, mask

if TYPE_CHECKING:
    from migrate_llm.rules.model_forms import BothForms

FRAMEWORK_NAMES = {
    lc.FRAMEWORK: "LangChain",
    li.FRAMEWORK: "LlamaIndex",
    hs.FRAMEWORK: hs.LABEL,
    ag.FRAMEWORK: ag.LABEL,
    bu.FRAMEWORK: bu.LABEL,
    gd.FRAMEWORK: gd.LABEL,
}
# Packages whose names only code spells: a module naming one uses the framework (also given
# it unimported, `UNIMPORTED_MODULES`).
_MARKERS = ("langchain", "llama_index", "deepagents", "browser_use")
# Packages named by words of prose or inside other words (`guidance` in a field's description,
# "a needle in a haystack", `agno` in `diagnose`): a module uses one only where it imports it
# at the start of a line, or names agno's package as code (`agno.models.openai`, unimported).
# paper-qa's "question-specific guidance" made its settings a guidance module, and ML204
# then wrote a bare embedding model where litellm needed its route.
_WORD_PACKAGES = tuple(
    sorted({name.split(".")[0] for table in (hs.CLASSES, ag.CLASSES, gd.CLASSES) for name in table})
)
_WORD_IMPORTS = re.compile(import_pattern(_WORD_PACKAGES), re.MULTILINE)
_AGNO_CODE = re.compile(rf"(?<![\w.]){ag.FRAMEWORK}\.\w")
ENV_DEFAULT = "env default"  # how `resolve_literal` names the default of an environment read


def mentions_framework(ctx: PythonContext) -> bool:
    """A cheap test before any name resolution: the module names a framework's package as
    code (`_MARKERS`) or imports one named by a word (`_WORD_PACKAGES`); asked for every
    call, so the text is searched once per module."""
    found = ctx.analyses.get(mentions_framework)
    if found is None:
        text = ctx.text
        found = any(marker in text for marker in _MARKERS) or (
            any(package in text for package in _WORD_PACKAGES)
            and (_WORD_IMPORTS.search(text) is not None or _AGNO_CODE.search(text) is not None)
        )
        ctx.analyses[mentions_framework] = found
    return bool(found)


def local_names(ctx: PythonContext, table: dict[str, FrameworkClass]) -> frozenset[str]:
    """The names under which the module may refer to `table`'s classes: theirs, and the
    `as` names of imports (`ChatOpenAI as Chat`). A cheap test before name resolution,
    computed once per module and table (the tables are constants)."""
    found = ctx.analyses.get(local_names)
    if found is None:
        found = ctx.analyses[local_names] = {}
    by_table = cast("dict[int, frozenset[str]]", found)
    names = by_table.get(id(table))
    if names is None:
        names = by_table[id(table)] = _local_names(ctx.text, table)
    return names


# By id of a table (kept with it: the tables are constants): its class names, and an
# expression finding `Name as alias` for any of them.
_TABLES: dict[int, tuple[object, frozenset[str], re.Pattern[str]]] = {}
_WORD = re.compile(r"\w")


def _local_names(text: str, table: dict[str, FrameworkClass]) -> frozenset[str]:
    """Each `\\b(Name|...)\\s+as\\s+(\\w+)` of the text, in the order and without the
    overlaps of `re.finditer`: the expression without the `\\b` in front is searched for
    (it starts with the names, which lets the regex engine skip to their first letters),
    and a match inside a word is passed over by one character."""
    entry = _TABLES.get(id(table))
    if entry is None or entry[0] is not table:
        names = frozenset(qualname.rsplit(".", 1)[1] for qualname in table)
        pattern = re.compile("(" + "|".join(sorted(names)) + r")\s+as\s+(\w+)")
        entry = _TABLES[id(table)] = (table, names, pattern)
    _, names, pattern = entry
    if not names:
        return frozenset(m.group(2) for m in re.finditer(r"\b()\s+as\s+(\w+)", text))
    if not any(name in text for name in names):
        return names  # no name in the text: no `as` after one
    aliases: set[str] = set()
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start and _WORD.match(text, start - 1):  # not at a word boundary: `MyOpenAI`
            at = start + 1
            continue
        aliases.add(match.group(2))
        at = match.end()
    return names | aliases


def framework_class(
    ctx: PythonContext,
    func: cst.BaseExpression,
    table: dict[str, FrameworkClass],
    names: frozenset[str] | None = None,
) -> tuple[str, FrameworkClass] | None:
    """(qualified name, class) when `func` refers to one of `table`'s classes through an
    import (aliases included); a class the project defines itself never matches. `names`:
    the `local_names` of the module, when known. A name bound to two of them (`try: from
    langchain_openai import ChatOpenAI` / `except ImportError: from langchain.chat_models
    import ChatOpenAI`) is the `legacy` one, then the first by name: whatever the hash
    seed, apply writes the keywords the older package takes (`openai_api_key=`,
    `model_kwargs={"extra_body": ...}`), which the newer one takes too, while the older
    one has no `api_key` alias and hands an `api_key=` or `extra_body=` it does not know
    to its `model_kwargs`, which sends them as fields of the request."""
    if type(func) is not cst.Name and type(func) is not cst.Attribute:  # exact: not ABCMeta's
        return None
    if names is not None and last_name(func) not in names:
        return None
    found = [(name, table[name]) for name in ctx.qualnames(func) if name in table]
    if len(found) > 1:
        return min(found, key=lambda pair: (not pair[1].legacy, pair[0]))
    return found[0] if found else None


def any_framework_class(ctx: PythonContext, call: cst.Call) -> FrameworkClass | None:
    """The LangChain, LlamaIndex, Haystack, agno, browser-use or guidance OpenAI class `call`
    constructs, if any (used by the model rules to leave these calls to the framework rules)."""
    if not mentions_framework(ctx):
        return None
    found = framework_class(ctx, call.func, _ALL_CLASSES, local_names(ctx, _ALL_CLASSES))
    return found[1] if found else None


_ALL_CLASSES = {
    **lc.CLASSES,
    **li.CLASSES,
    **hs.CLASSES,
    **ag.CLASSES,
    **bu.CLASSES,
    **gd.CLASSES,
}


def first_keyword(call: cst.Call, names: tuple[str, ...]) -> cst.Arg | None:
    """The first argument passed under one of `names` (a field name or its alias)."""
    for name in names:
        arg = keyword(call, name)
        if arg is not None:
            return arg
    return None


def model_argument(call: cst.Call, cls: FrameworkClass) -> cst.Arg | None:
    """The argument naming the model: a keyword of `cls.model`, else the positional one at
    `cls.model_position`, else an Azure class's deployment (`cls.deployment`), which its
    plain counterpart is given as the model."""
    arg = first_keyword(call, cls.model)
    if arg is None and cls.deployment:
        return first_keyword(call, cls.deployment)
    if arg is not None or cls.model_position is None:
        return arg
    return argument(call, cls.model[0], cls.model_position)


def _positional(call: cst.Call, cls: FrameworkClass) -> bool:
    """Whether `call` passes a positional argument other than the model at its position."""
    positional = [i for i, a in enumerate(call.args) if a.keyword is None and a.star == ""]
    return bool(positional) and positional != [cls.model_position]


def endpoint(ctx: PythonContext, call: cst.Call, names: tuple[str, ...]) -> Endpoint:
    """Where a framework class sends its requests, from its base-URL keywords (the same
    classification as the SDK client's `base_url`)."""
    arg = first_keyword(call, names)
    expr = arg.value if arg is not None else None
    shown = ""  # the `**mapping` an entry giving the base URL is written on
    if expr is None:
        values = [setting(ctx, call, name) for name in names]
        # an entry the module sets under one of the names (`kwargs["openai_api_base"] = ...`)
        expr = next((v for v in values if v is not None and v is not UNKNOWN_SETTING), None)
        if UNKNOWN_SETTING in values:
            mapping = kwargs_of(ctx, call)
            shown = f"`**{ctx.code(mapping.arg.value)}`" if mapping is not None else ""
            own = _provider_variable(ctx, expr) if expr is not None else None
            if own is not None and not _tested_first(ctx, cast(cst.Subscript, expr)):
                return own  # set by hand on the `**kwargs` it is given
            if not (
                mapping is not None
                and expr is not None
                and any(mapping.entries.get(n) is expr for n in mapping.settled)
            ):
                # A `**mapping` the module does not show may set it: the application chooses
                # the endpoint at run time (Langchain-Chatchat's `ChatOpenAI(**params)`).
                return Endpoint("dynamic", shown)
            # else written on the mapping before the call runs: as a keyword would be given
            # (`kwargs["base_url"] = URL`, then `ChatOpenAI(**kwargs)`)
    held = _provider_read(ctx, expr) if isinstance(expr, cst.Name) else None
    if held is not None:
        expr = held  # `_base = os.environ.get("ACME_BASE_URL", URL)`, then `api_base=_base`
    found = _provider_variable(ctx, expr) or endpoint_of_value(ctx, expr)
    if found.kind == "dynamic" and not found.detail and shown:
        return replace(found, detail=shown)
    if expr is None and found.kind == "openai":
        # given none, it reads the variables the module itself points at its own server
        # (FastChat's `os.environ["OPENAI_API_BASE"] = "http://localhost:8000/v1"`, t62a)
        cls = any_framework_class(ctx, call)
        written = own_server_env(ctx, cls.base_url_env, call) if cls is not None else None
        if written is not None:
            return Endpoint("custom", written.words(ctx))
    return found


def own_server_read(ctx: PythonContext) -> OwnServerEnv | None:
    """The write pointing a base-URL variable at a server of the program's own
    (`own_server_env`) that a framework class the module builds with no base URL reads
    (`endpoint`: FastChat's `ChatOpenAI()` after `os.environ["OPENAI_API_BASE"] =
    "http://localhost:8000/v1"`, t62a); None where no class of the module reads one. A
    write only other modules' clients may read (a test pointing the project's clients at a
    mock server) is not one: apply moves those clients to the provider's variables."""
    if own_server_read in ctx.analyses:
        return cast("OwnServerEnv | None", ctx.analyses[own_server_read])
    found = None
    if mentions_framework(ctx):
        for node in ctx.nodes:
            if not isinstance(node, cst.Call):
                continue
            cls = any_framework_class(ctx, node)
            if cls is None or not cls.base_url_env:
                continue
            own = own_server_env(ctx, cls.base_url_env, node)
            if own is not None and endpoint(ctx, node, cls.base_url).kind == "custom":
                found = own
                break
    ctx.analyses[own_server_read] = found
    return found


def _provider_read(ctx: PythonContext, name: cst.Name) -> cst.BaseExpression | None:
    """The value `name` is bound to once, where it reads a provider's own base-URL variable
    (`os.environ.get("ACME_BASE_URL", URL)`, `os.environ["ACME_BASE_URL"]`); None otherwise."""
    held = ctx.bound_value(name)
    env = env_var_read(ctx, held) if held is not None else None
    if env is None or ctx.rules.owner_of_base_url_variable(env[0]) is None:
        return None
    return held


def _provider_variable(ctx: PythonContext, expr: cst.BaseExpression | None) -> Endpoint | None:
    """The provider whose own base-URL variable `expr` reads as `os.environ["DASHSCOPE_BASE_URL"]`,
    which stops the program when unset (a `getenv` without default would give None, and the
    class OpenAI's URL); None for anything else."""
    if not isinstance(expr, cst.Subscript):
        return None
    env = env_var_read(ctx, expr)
    owner = ctx.rules.owner_of_base_url_variable(env[0]) if env is not None else None
    if owner is None:
        return None
    return Endpoint("provider", f"environment variable {owner.base_url_env}", owner)


def _tested_first(ctx: PythonContext, read: cst.Subscript) -> bool:
    """Whether `read` (`os.environ["ACME_BASE_URL"]`) runs only under an `if` testing its
    variable (`if os.environ.get("ACME_BASE_URL"): kw["base_url"] = ...`): then it does not
    stop the program where the variable is unset, and the class gets OpenAI's URL."""
    env = env_var_read(ctx, read)
    if env is None:
        return False
    parents = ctx.ancestors(read)
    for i, node in enumerate(parents):
        if not isinstance(node, (cst.If, cst.While)) or i + 1 >= len(parents):
            continue
        if parents[i + 1] is node.test:
            continue
        start = ctx.index_of(node.test)
        tested = ctx.nodes[start : ctx.ends[start]]
        reads = (env_var_read(ctx, n) for n in tested if isinstance(n, (cst.Call, cst.Subscript)))
        if any(found is not None and found[0] == env[0] for found in reads):
            return True
    return False


def report_typed_key_prompt(rule: PythonRule, call: cst.Call, key: cst.BaseExpression) -> None:
    """For a class already on the target provider's endpoint given a key a person types
    (`key`, its key argument): the prompt, where it still names OpenAI (`report_prompt`)."""
    if isinstance(key, cst.BooleanOperation) and isinstance(key.operator, cst.Or):
        key = key.left  # `st.session_state.get("k") or os.environ.get(...)` (apply's)
    prompt = env_names(rule.ctx).is_prompt(key)
    wording = prompt_wording(rule.ctx, prompt) if prompt is not None else None
    if wording is not None:
        report_prompt(rule, wording)
    if prompt is not None:
        report_prompt_texts(rule, prompt)


def key_left_to_person(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> str:
    """Why apply leaves a class that talks to OpenAI, given a key read other than OpenAI's
    (browser-use's and guidance's rules), for a person: the provider's key without a base URL
    goes to OpenAI; another variable may hold an OpenAI key, which must not go to the
    provider. Empty where apply points it at the provider."""
    provider = ctx.rules.provider
    assert provider is not None and ctx.rules.base_url is not None
    arg = first_keyword(call, cls.key)
    read = env_var_read(ctx, arg.value) if arg is not None else None
    variable = read[0] if read is not None else None
    url = base_url_expr(provider, ctx.rules.base_url)
    if variable == provider.api_key_env:
        return (
            f"without {cls.base_url[0]}= it sends that key to OpenAI: pass {cls.base_url[0]}={url}"
        )
    if variable is not None and variable not in KEY_VARS_TO_SWITCH:
        return (
            f"apply replaces only OPENAI_API_KEY: pass {cls.key[0]}={key_expr(provider)} and "
            f"{cls.base_url[0]}={url} together, by hand (an OpenAI key must not go to "
            f"{provider.name})"
        )
    return ""


def reports_azure(ctx: PythonContext, call: cst.Call, names: frozenset[str]) -> bool:
    """Whether `call` is one of `names` (a framework's Azure OpenAI class or helper, which its
    rule leaves to a person: browser-use's `ChatAzureOpenAI`, guidance's
    `create_azure_openai_model`) and this run reports it: with no provider, or one moving off
    OpenAI that is not Azure OpenAI."""
    from migrate_llm.rules.framework_args import qualified

    if qualified(ctx, call.func, names) is None:
        return False
    provider = ctx.rules.provider
    return provider is None or (ctx.rules.switching and provider.azure is None)


def azure_literals(
    ctx: PythonContext, call: cst.Call, names: frozenset[str], model: cst.Arg | None
) -> list[cst.CSTNode]:
    """The model literal written in such a call (`model`, its model argument) that its rule
    reports (the message names the model to build instead with): ML204-ML206 leave it."""
    if not reports_azure(ctx, call, names):
        return []
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    return [resolved[0]] if resolved is not None and resolved[2] == "literal" else []


def model_instead(
    ctx: PythonContext, model: cst.Arg | None, data: dict[str, object], images: bool = False
) -> str:
    """The provider's model to build instead of such an Azure call with (`model`, its model
    argument; `images`: the call is given images): one the provider serves as written, else
    the written one mapped, else `<model>`. A mapping is noted in `data`."""
    provider = ctx.rules.provider
    assert provider is not None
    resolved = ctx.resolve_literal(model.value) if model is not None else None
    if resolved is None:
        return "<model>"
    written = resolved[1]
    new = written if provider.serves(written) else None
    new = new or ctx.rules.map_model(written, images=images)
    if new is None:
        return "<model>"
    if new != written:
        data |= {"model_from": written, "model_to": new}
    return new


def key_source(rule: PythonRule, call: cst.Call, cls: FrameworkClass) -> str:
    arg = first_keyword(call, cls.key)
    if arg is None:
        mapping = kwargs_of(rule.ctx, call)
        entry = (
            next((mapping.entries[k] for k in cls.key if k in mapping.entries), None)
            if (mapping is not None)
            else None
        )
        if mapping is not None and entry is None:
            return f"key from `**{rule.snippet(mapping.arg.value)}` or OPENAI_API_KEY"
        if entry is None:
            return "key from OPENAI_API_KEY"
        given: cst.BaseExpression = entry
    else:
        given = arg.value
    value = string_value(given)
    if value is not None:
        secrets = find_secrets(value)
        return f"hard-coded key {mask(secrets[0].group(0))}" if secrets else "hard-coded key"
    env = env_var_read(rule.ctx, given)
    if env is not None:
        return f"key from {env[0]}"
    return f"key from `{rule.snippet(given)}`"


@dataclass
class Plan:
    """What migrating one construction changes, for the message, the data and the edit."""

    cls: FrameworkClass
    set_args: dict[str, str]
    drop: set[str]
    func: str | None = None
    imports: tuple[str, ...] = (IMPORT_OS,)
    model_from: str | None = None
    model_to: str | None = None
    model_where: str = ""  # "constant NAME" when the model comes from one
    model_note: str = ""  # why the model is left as it is
    blocked: str = ""  # why there is no edit at all
    values: dict[int, str] = field(default_factory=dict)  # new text of arguments, by index
    keywords: dict[int, str] = field(default_factory=dict)  # new names of keywords, by index
    typed_key: str = ""  # where the key a person types is asked for ("line 4"), kept
    typed_unset: bool = False  # read with `st.session_state.get()`: the provider's after it
    wording: PromptWording | None = None  # that prompt's text, where it names OpenAI
    prompt: cst.Call | None = None  # that prompt (the texts beside it: `report_prompt_texts`)
    passed_key: str = ""  # the key the program hands it (`passed_keys`), kept before the provider's
    stored_in: str = ""  # the modules storing a key in OpenAI's variable, which it read
    unserved: str = ""  # the API it calls that the target does not serve (why it is blocked)
    batch_note: str = ""  # a batch size written over the target's limit (`set_batch`)
    thinking_off: dict[str, Any] | None = None  # the switch set in `extra_body`
    thinking_note: str = ""  # the switch left to a person (an `extra_body` apply cannot extend)
    thinking_added: bool = False  # the switch added to the dict the call gives (not a keyword)
    # the OpenAI models a model chosen at run time may be, each mapped where it is written
    # (`branch_models`), and those they map to: what the switch is decided on
    chosen: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    thinking_models: tuple[str, str] = ("", "")  # (OpenAI's, the provider's) the switch is for


def _model_value(arg: cst.Arg, new: str) -> str:
    if isinstance(arg.value, cst.SimpleString):
        text = requote(arg.value, new)
        if text is not None:
            return text
    return literal(new)


def _env_default_value(
    ctx: PythonContext, arg: cst.Arg, default: cst.BaseExpression, new: str
) -> str:
    """The code of `arg`'s environment read (`os.getenv("M", "gpt-4o")`) with its default
    `default` written as `new`."""
    outer, inner = ctx.span(arg.value), ctx.span(default)
    text = requote(default, new) if isinstance(default, cst.SimpleString) else None
    return (
        ctx.text[outer.start : inner.start]
        + (text or literal(new))
        + ctx.text[inner.end : outer.end]
    )


def checked_model_advice(cls: FrameworkClass, service: str) -> str:
    """What to build for `service`'s models instead of `cls`, a class that refuses models not
    OpenAI's (`cls.checks_model`) and that apply leaves: its `replacement` given the model
    under its keyword (`OpenAILikeEmbedding(model_name=...)`), else what `cls.manual` says; ""
    for a class taking any name."""
    if not cls.checks_model:
        return ""
    if cls.replacement is None:
        return f"for {service}'s models {cls.manual}" if cls.manual else ""
    module, name = cls.replacement.rsplit(".", 1)
    keyword = dict(cls.replacement_keywords).get(cls.model[0], cls.model[0])
    package = f"; package {cls.requirement}" if cls.requirement else ""
    return (
        f"for {service}'s models build {name}({keyword}=...) there instead (from {module}{package})"
    )


def unserved_surface(ctx: PythonContext, cls: FrameworkClass) -> str | None:
    """The API a class of `cls`'s kind calls ("embeddings") when the target's `[supports]`
    table marks it false, else None."""
    provider = ctx.rules.provider
    surface = KIND_SURFACES.get(cls.kind)
    if provider is None or surface is None or provider.support(surface) is not False:
        return None
    return surface


def unserved_advice(ctx: PythonContext, surface: str, key: cst.Arg | None = None) -> str:
    """What is said of a class calling an API the target's `[supports]` table marks false: the
    provider fact in ML101's words for a call to it, what to do, and the catalogued providers
    that serve it (as ML101 lists them). Given a key (`key`, its key argument) that is a field
    apply points at the provider's key (`left_on_openai_words`), keeping it on OpenAI takes
    OpenAI's key from its own variable."""
    provider = ctx.rules.provider
    assert provider is not None
    keyword = key.keyword.value if key is not None and key.keyword is not None else ""
    switched = left_on_openai_words(ctx, key.value, keyword) if key and keyword else ""
    keep = f"{switched}, or point it" if switched else "keep it on OpenAI or point it"
    return (
        f"{lacks_api(provider, surface)} (see {provider.docs}): {keep} at a provider that "
        f"serves {surface} (its key and base URL), by hand; "
        f"{offered_by(provider, surface, ctx.rules.registry)}"
    )


def plan(module: PythonContext, call: cst.Call, cls: FrameworkClass, images: bool = False) -> Plan:
    """The keyword arguments, class and imports that point `call` at the target provider;
    `images`: whether its requests send images (an OpenAI model is mapped to the provider's
    model for images)."""
    ctx = module.rules
    provider = ctx.provider
    assert provider is not None and ctx.base_url is not None
    key_arg = first_keyword(call, cls.key)
    base_arg = first_keyword(call, cls.base_url)
    key_kw = key_arg.keyword.value if key_arg is not None and key_arg.keyword else cls.key[0]
    base_kw = (
        base_arg.keyword.value if base_arg is not None and base_arg.keyword else cls.base_url[0]
    )
    result = Plan(cls, {}, set(cls.drop) | set(cls.azure))
    if unserved_surface(module, cls) == "embeddings":
        # pointed at the provider, it would call an endpoint the provider does not serve
        result.unserved = "embeddings"
        result.blocked = unserved_advice(module, result.unserved, key_arg)
        return result
    if _positional(call, cls):
        # LlamaIndex's `OpenAI("gpt-4o")` / `OpenAIEmbedding(mode, model)`: the replacement
        # class orders its parameters differently, and keywords added next to a positional
        # model would repeat it.
        result.blocked = (
            f"it passes positional arguments: pass them by keyword ({cls.model[0]}=...)"
        )
        return result
    result.drop |= {k for k in cls.key if k != key_kw} | {k for k in cls.base_url if k != base_kw}
    if cls.azure and key_arg is not None and azure_key_left(module, key_arg.value):
        point = f"point it at {provider.name} (its base URL, a model, and"
        if cls.plain is not None:  # the Azure class itself does not work there
            point = f"replace it with {cls.plain} ({provider.name}'s base URL, a model, and"
        result.blocked = (
            f"its key `{snippet(module, key_arg.value)}` may be an Azure key your code hands it (a "
            f"parameter, a setting, a name other code uses), which must not go to "
            f"{provider.name}: {point} {key_kw}={key_expr(provider)}) without that key, by hand"
        )
        return result
    prompt = env_names(module).is_prompt(key_arg.value) if key_arg is not None else None
    # an Azure class's key is Azure's: replaced, never kept for the provider
    kept = passed_keys(module, key_arg.value) if key_arg is not None and not cls.azure else []
    held = left_key_held(module, kept) if prompt is None and kept else None
    if held is not None:  # the OpenAI key, or one ML401 leaves: not kept for the provider
        result.blocked = held_key_advice(module, kept_key_text(module, kept), held, "it")
        return result
    if prompt is not None and (left := typed_key_left(module, prompt, call)):
        result.blocked = left  # another that gets the key typed there stays on OpenAI
        return result
    if prompt is not None:  # a key a person types (streamlit/llm-examples): theirs, kept
        assert key_arg is not None
        result.typed_key = module.line_label(module.position(prompt)[0][0])
        result.wording = prompt_wording(module, prompt)
        result.prompt = prompt
        # a prompt written in the call: the rewrite writes it reworded (`report_prompt`)
        written = (
            result.wording.written_in(module, key_arg.value) if result.wording is not None else None
        )
        # None until the box is drawn, where the class would read OPENAI_API_KEY
        result.typed_unset = env_names(module).unset_state_read(key_arg.value)
        if result.typed_unset:
            code = written or module.code(key_arg.value)
            written = f"{code} or {key_expr(provider, at_import=True)}"
        if written:
            result.values[call.args.index(key_arg)] = written
    elif kept:  # a key the program hands it (a parameter, a setting): kept, the provider's after
        result.passed_key = kept_key_text(module, kept)
        # read so that an empty key with the variable unset still builds the class, as an
        # OpenAI client's fallback is (`clients._after_given_key`)
        provider_key = key_expr(provider, at_import=True)
        result.set_args[key_kw] = f"{result.passed_key} or {provider_key}"
    elif key_arg is not None and own_key_read(module, key_arg.value):
        pass  # the provider's own key variable, read as a person wrote it: left as it is
    else:
        # a module of the project stores a key in OpenAI's variable (bot.py's
        # `os.environ["OPENAI_API_KEY"] = key`), where the class took it from: the provider's
        # is read so that it does not raise while only that module sets a key (ML404 there)
        stored = sorted(ctx.facts.openai_key_stored_in)
        result.stored_in = ", ".join(stored)
        tolerant = module.at_import(call) or bool(stored)
        # a settings reader's read (decouple's `config`) stays that reader's, `.env` seen
        given_key = key_arg.value if key_arg is not None else None
        read = reader_read(module, given_key, provider.api_key_env, tolerant=tolerant)
        result.set_args[key_kw] = read or key_expr(provider, at_import=tolerant)
    given_base = base_arg.value if base_arg is not None and provider.azure is None else None
    read = reader_read(module, given_base, provider.base_url_env, ctx.base_url)
    result.set_args[base_kw] = read or base_url_expr(provider, ctx.base_url)
    # The model.
    model_arg = model_argument(call, cls)
    model_kw = model_arg.keyword.value if model_arg is not None and model_arg.keyword else None
    renamed = dict(cls.replacement_keywords)
    target_kw = renamed.get(model_kw or cls.model[0], model_kw or cls.model[0])
    if model_kw in cls.deployment:  # the deployment becomes the plain class's model
        target_kw = cls.model[0]
    if model_arg is not None and model_kw is None:  # positional: rewritten where it stands
        target_kw = model_kw = ""
    spread = _spread_model(module, call, cls) if model_arg is None and cls.default_model else None
    if spread is not None:
        _model_in_mapping(module, call, cls, spread, result, target_kw, images)
    elif model_arg is None:
        if not cls.default_model:
            result.blocked = f"it names no model (its deployment picks it): {_name_a_model(cls)}"
        else:
            new = ctx.map_model(cls.default_model, images)
            result.model_from = cls.default_model
            if new is None:
                result.blocked = (
                    f"it sends its default model {cls.default_model!r}, which {provider.name} "
                    f"has no mapping for: pass {cls.model[0]}= a provider model"
                )
            else:
                result.model_to = new
                result.set_args[target_kw] = literal(new)
    else:
        value = module.resolve_literal(model_arg.value)
        text = module.code(model_arg.value)
        if value is None:
            result.model_note = (
                f"model from `{snippet(module, model_arg.value)}` at run time: make sure it names "
                f"{article(provider.name)} {provider.name} model"
            )
            result.chosen = branch_models(module, model_arg.value, images)
            if result.chosen is not None:
                result.model_note = (
                    f"model from `{snippet(module, model_arg.value)}`, which the module sets to "
                    f"{' or '.join(repr(m) for m in result.chosen[0])}, each mapped where it is "
                    "written"
                )
        else:
            model = value[1]
            result.model_from = model
            new = None if provider.serves(model) else ctx.map_model(model, images)
            if new is not None and new != model:
                result.model_to = new
                if value[2] == "literal":
                    text = _model_value(model_arg, new)
                elif value[2] == ENV_DEFAULT:  # written in the call: mapped here, as a literal
                    text = _env_default_value(module, model_arg, value[0], new)
                    result.model_where = value[2]
                elif (both := _both_forms(module, value[0])) is not None:
                    result.model_to = None
                    result.model_note = (
                        f"model {model!r} ({value[2]}) is left as it is: this module also "
                        f"gives it to {both.library}, which takes it on a route ({both.reporter})"
                    )
                else:  # the constant or default is mapped where it is written (ML204)
                    result.model_where = value[2]
            elif not provider.serves(model) and not cls.azure:
                result.model_note = (
                    f"{provider.name} has no mapping for model {model!r}: pass a provider model"
                )
            elif cls.azure and not provider.serves(model):
                result.blocked = f"model {model!r} names an Azure deployment: {_name_a_model(cls)}"
        if target_kw != model_kw:
            result.drop.add(model_kw)  # type: ignore[arg-type]
            result.set_args[target_kw] = text
        elif text != module.code(model_arg.value):
            if model_kw:
                result.set_args[target_kw] = text
            else:
                result.values[call.args.index(model_arg)] = text
    for name, code in cls.endpoint_settings:
        result.set_args[name] = code
    set_thinking_off(module, cls, call, result)
    if (
        cls.token_model is not None
        and result.model_from
        and result.model_to
        and first_keyword(call, (cls.token_model,)) is None
    ):
        token_model = literal(result.model_from)
        if spread is not None:  # the mapping's own, where it names one
            token_model = _unless_given(module, call, cls.token_model, token_model)
        if token_model:
            result.set_args[cls.token_model] = token_model
    set_batch(module, cls, call, result)
    if cls.plain is not None:
        result.func = _renamed(module, call.func, cls.plain)
        if isinstance(call.func, cst.Name):
            result.imports = (*result.imports, f"from {lc.PLAIN_MODULE} import {cls.plain}")
    return result


def _name_a_model(cls: FrameworkClass) -> str:
    """What to do about an Azure class whose model apply cannot tell: name one, so that apply
    replaces the class with its plain counterpart (the Azure class does not work at a
    provider's base URL)."""
    if cls.plain is None:
        return f"pass {cls.model[0]}= a provider model"
    return (
        f"pass {cls.model[0]}= a provider model, then run apply again, which replaces it with "
        f"{cls.plain} (an Azure class does not work at a provider's base URL)"
    )


def plain_words(module: PythonContext, call: cst.Call, cls: FrameworkClass) -> str:
    """`apply replaces it with <plain> without its Azure settings (...); ` for an Azure class
    `call` builds, naming the settings it is given (and the deployment it gives as the
    model); "" for any other class."""
    if not cls.azure or cls.plain is None:
        return ""
    model = model_argument(call, cls)
    deployment = model.keyword.value if model is not None and model.keyword else ""
    given = [
        a.keyword.value
        for a in call.args
        if a.keyword is not None and a.keyword.value in cls.azure and a is not model
    ]
    if deployment in cls.deployment:
        given.append(f"{deployment}= becomes {cls.model[0]}=")
    settings = f" ({', '.join(given)})" if given else ""
    return f"apply replaces it with {cls.plain} without its Azure settings{settings}; "


def _spread_model(ctx: PythonContext, call: cst.Call, cls: FrameworkClass) -> object | None:
    """What the `**mapping` of `call`, given no model keyword, gives for the model: the
    entry the module shows it holding (`kw = {"model": "gpt-4o"}`), `UNKNOWN_SETTING` where it may
    hold one the module does not show (the caller's `**kwargs`); None where it surely
    holds none, or there is no mapping."""
    if not any(a.star == "**" for a in call.args):
        return None
    found = [setting(ctx, call, name) for name in cls.model]
    shown = next((v for v in found if v is not None and v is not UNKNOWN_SETTING), None)
    return shown if shown is not None else (UNKNOWN_SETTING if UNKNOWN_SETTING in found else None)


def _model_in_mapping(
    module: PythonContext,
    call: cst.Call,
    cls: FrameworkClass,
    spread: object,
    result: Plan,
    target_kw: str,
    images: bool,
) -> None:
    """The model of a class given none as a keyword, whose `**mapping` holds one or may:
    that model stays (written there, it is mapped there: ML204); the class's default mapped
    is given only where the mapping names none (`kw.get("model") or kw.get("model_name") or
    "<provider model>"`, as `**{**kw, ...}` merges it), and where that mapping cannot be read
    again (`**load()`), the model is left to a person."""
    provider = module.rules.provider
    assert provider is not None
    mapping = kwargs_of(module, call)
    shown = f"`**{module.code(mapping.arg.value)}`" if mapping is not None else "its mapping"
    check = f"make sure it names {article(provider.name)} {provider.name} model"
    if spread is not UNKNOWN_SETTING:  # an entry the module shows: mapped where it is written
        value = module.resolve_literal(cast(cst.BaseExpression, spread))
        if value is None:
            result.model_note = f"model from {shown} at run time: {check}"
        elif (
            cls.token_model is not None
            and setting(module, call, cls.token_model) is None
            and not provider.serves(value[1])
            and module.rules.map_model(value[1], images) is not None
        ):  # counted by the OpenAI name, as a mapped keyword is (ML204 maps the entry)
            result.set_args[cls.token_model] = literal(value[1])
        return
    new = module.rules.map_model(cls.default_model, images)
    reads = mapping_gets(module, call, cls.model)
    if new is None or reads is None:
        result.model_note = (
            f"model from {shown} at run time, else its default {cls.default_model!r}: {check}"
        )
        return
    result.model_from, result.model_to = cls.default_model, new
    result.model_where = f"its default, where {shown} names none"
    result.model_note = f"the model {shown} names is kept: {check}"
    result.set_args[target_kw] = f"{reads} or {literal(new)}"


def _unless_given(ctx: PythonContext, call: cst.Call, name: str, code: str) -> str:
    """`code`, the value a rewrite gives `name`, as it goes into the call's `**mapping`: as it
    is where the mapping holds no such entry, after a read of the one it may hold (`kw.get(
    "tiktoken_model_name") or code`); "" where the module writes one there, or where the
    mapping cannot be read again."""
    found = setting(ctx, call, name)
    if found is None:
        return code
    reads = mapping_gets(ctx, call, (name,)) if found is UNKNOWN_SETTING else None
    return f"{reads} or {code}" if reads else ""


def _both_forms(module: PythonContext, literal: cst.CSTNode) -> BothForms | None:
    # imported here: the module holding it imports this one
    from migrate_llm.rules.model_forms import both_forms

    return both_forms(module, literal)


def branch_models(
    module: PythonContext, model: cst.BaseExpression, images: bool
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The OpenAI models `model`, chosen at run time, may be where the module shows each
    (`known_literals`: llm-cookbook's `llm_name` set by date in an `if`, t59b D5), and the
    provider models they map to, each sorted; None where one is not shown, is the provider's
    already, or has no mapping (the model rules leave it, not mapped where it is written)."""
    found = known_literals(module, model)
    rules = module.rules
    if not found or rules.provider is None:
        return None
    sources = sorted({value for _, value, _ in found})
    targets = [None if rules.provider.serves(s) else rules.map_model(s, images) for s in sources]
    if any(t is None or t == s for s, t in zip(sources, targets, strict=True)):
        return None
    return tuple(sources), tuple(sorted({t for t in targets if t is not None}))


def _switch_models(module: PythonContext, p: Plan) -> tuple[str, str, dict[str, Any]] | None:
    """The OpenAI model(s) and provider model(s) the switch is decided on, as messages show
    them ("gpt-3.5-turbo, gpt-3.5-turbo-0301"), and the switch: the plan's model and its
    mapping, or every model a model chosen at run time may be (`Plan.chosen`) where each maps
    to a model needing the same switch; None where none is needed."""
    rules = module.rules
    if p.model_from is not None and p.model_to is not None:
        # the model after LangChain's `openai:` (ML603's `init_chat_model("openai:gpt-4o")`)
        needed = thinking_switch(rules, p.model_from, lc.without_provider(p.model_to)[1])
        return (p.model_from, p.model_to, needed) if needed is not None else None
    if p.model_from is not None or p.chosen is None:
        return None
    sources, targets = p.chosen
    switches = [thinking_switch(rules, s, rules.map_model(s) or "") for s in sources]
    first = switches[0]
    if first is not None and all(s == first for s in switches):
        return ", ".join(sources), ", ".join(targets), first
    needing = [s for s, switch in zip(sources, switches, strict=True) if switch is not None]
    if needing:  # not for every value: the program must choose (ML118's words)
        others = [s for s in sources if s not in needing]
        switch = thinking_form(module, p.cls, next(s for s in switches if s is not None))
        thinking = " or ".join(sorted({repr(rules.map_model(s)) for s in needing}))
        kept = " or ".join(sorted({repr(rules.map_model(s)) for s in others}))
        p.thinking_note = (
            f"{thinking}, which {' or '.join(needing)} maps to, thinks before it answers unless "
            f"told not to, {unlike(rules, ', '.join(needing))}; {' or '.join(others)} thought "
            f"already, as {kept} does: pass {switch} only with {thinking}, by hand (ML118)"
        )
    return None


def v0_form(module: PythonContext, cls: FrameworkClass) -> FrameworkClass:
    """`cls` as the module's openai release has it send its `extra_body` keyword's dict: in
    a module running on openai<1 (`runs_on_openai_v0`), a class handing that dict's entries
    to openai<1 as keywords (`FrameworkClass.v0_entries`) takes the switch's entries there,
    as fields of the body (openai<1 sent a `"extra_body"` entry as a field so named: t62c's
    `model_kwargs={"extra_body": ...}`)."""
    if cls.v0_entries and runs_on_openai_v0(module):
        return replace(cls, extra_body_entry=None)
    return cls


def set_thinking_off(module: PythonContext, cls: FrameworkClass, call: cst.Call, p: Plan) -> None:
    """Give a chat class (also `init_chat_model()` building one: ML603) whose OpenAI model
    answered at once, mapped to a provider model that thinks unless told not to, the
    provider's switch in its `extra_body` (ML118's for requests; LlamaIndex's
    `additional_kwargs={"extra_body": ...}`: `thinking_form`): unless the call chooses
    already (the switch's keys in that dict, `reasoning_effort=`, `reasoning=`) or spreads
    `**kwargs` that may. A dict written in the call gets the entry; a value the rewrite
    cannot extend is left to a person (`p.thinking_note`)."""
    v1_entry, cls = cls.extra_body_entry, v0_form(module, cls)
    if cls.extra_body is None:
        return
    if any(a.star == "**" for a in call.args):
        return
    if first_keyword(call, lc.REASONING_KEYWORDS) is not None:
        return
    found = _switch_models(module, p)
    if found is None:
        return
    p.thinking_models = found[:2]
    needed = found[2]
    if v1_entry is not None and cls.extra_body_entry is None:
        literal_body = _v0_literal_body(call, cls, v1_entry)
        if literal_body is not None:
            p.thinking_note = _v0_body_note(module, cls, p, needed, literal_body, v1_entry)
            return
    entries = {cls.extra_body_entry: needed} if cls.extra_body_entry else needed
    own = first_keyword(call, (cls.extra_body_entry,)) if cls.extra_body_entry else None
    if own is not None:
        # the body given as a keyword of its own (LangChain's older class moves it into
        # `model_kwargs`, and refuses it given both ways): its keys choose
        body = _dict_keys(own.value)
        if body is None or not any(k in body for k in needed):
            p.thinking_note = _thinking_note(module, cls, p, needed, own, own=True)
        return
    given = first_keyword(call, (cls.extra_body,))
    if given is None:
        p.set_args[cls.extra_body] = python_literal(entries)
        p.thinking_off = needed
        return
    display = given.value
    written = _dict_keys(display)
    if written is None:
        p.thinking_note = _thinking_note(module, cls, p, needed, given)
        return
    if cls.extra_body_entry is not None and cls.extra_body_entry in written:
        body = _dict_keys(_dict_value(display, cls.extra_body_entry))
        if body is None or not any(k in body for k in needed):
            p.thinking_note = _thinking_note(module, cls, p, needed, given)
        return  # the body it sends chooses (or is left to a person)
    if any(k in written for k in entries):
        return  # it names the switch: its choice
    assert isinstance(display, cst.Dict)
    p.values[call.args.index(given)] = _with_entries(module, display, entries)
    p.thinking_off = needed
    p.thinking_added = True


def body_given(
    call: cst.Call, holders: tuple[str, ...] = (lc.MODEL_KWARGS,)
) -> cst.BaseExpression | None:
    """The `extra_body` a chat class is given: its `extra_body=`, or the "extra_body" entry
    of a dict written in the call under one of `holders` (LangChain's `model_kwargs`, the
    older class's form, which the newer class sends too; LlamaIndex's `additional_kwargs`);
    None for neither."""
    given = first_keyword(call, (lc.EXTRA_BODY,))
    if given is not None:
        return given.value
    kwargs = first_keyword(call, holders)
    if kwargs is None or _dict_keys(kwargs.value) is None:
        return None
    return _dict_value(kwargs.value, lc.EXTRA_BODY)


def thinking_form(module: PythonContext, cls: FrameworkClass, needed: dict[str, Any]) -> str:
    """How the class is given the switch: `extra_body={...}`, LlamaIndex's
    `additional_kwargs={"extra_body": {...}}`; in a module on openai<1, LangChain's older
    class `model_kwargs={...}` (`v0_form`)."""
    cls = v0_form(module, cls)
    entries = {cls.extra_body_entry: needed} if cls.extra_body_entry else needed
    return f"{cls.extra_body}={python_literal(entries)}"


def _v0_literal_body(call: cst.Call, cls: FrameworkClass, entry: str) -> cst.Arg | None:
    """Where a class on openai<1 (`v0_form`) is given the body under `entry` all the same:
    `extra_body=` as a keyword of its own (LangChain's older class moves it into
    `model_kwargs`), or an `entry` key of the dict written under `cls.extra_body`."""
    own = first_keyword(call, (entry,))
    if own is not None:
        return own
    given = first_keyword(call, (cls.extra_body,)) if cls.extra_body else None
    written = _dict_keys(given.value) if given is not None else None
    return given if written is not None and entry in written else None


def _v0_body_note(
    module: PythonContext,
    cls: FrameworkClass,
    p: Plan,
    needed: dict[str, Any],
    given: cst.Arg,
    entry: str,
) -> str:
    """The switch to move by hand out of the `entry` a class on openai<1 sends as a body
    field of that name (`_v0_literal_body`)."""
    entries = ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in needed.items())
    return (
        f"{_shown_models(p)[1]} before it answers unless told not to, "
        f"{unlike(module.rules, p.thinking_models[0], _shown_models(p)[0])}, and on the "
        f"openai<1 this module runs on {cls.name} hands the entries of {cls.extra_body}= to "
        f"openai<1's create(), which has no {entry} and sends the one in "
        f"{snippet(module, given)} as a body field named {entry}: put {entries} and that "
        f"{entry}'s entries in {cls.extra_body}= itself, by hand (ML118)"
    )


def _thinking_note(
    module: PythonContext,
    cls: FrameworkClass,
    p: Plan,
    needed: dict[str, Any],
    given: cst.Arg,
    own: bool = False,
) -> str:
    """The switch to add by hand to the dict `given` (`own`: the body as a keyword of its
    own, `extra_body=` beside a class's `model_kwargs`)."""
    where = f'its "{cls.extra_body_entry}"' if cls.extra_body_entry and not own else "it"
    keyword = cls.extra_body_entry if own else cls.extra_body
    entries = ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in needed.items())
    return (
        f"{_shown_models(p)[1]} before it answers unless told not to, "
        f"{unlike(module.rules, p.thinking_models[0], _shown_models(p)[0])}: add {entries} to "
        f"{where} in {keyword}="
        f"{snippet(module, given.value)}, by hand (ML118)"
    )


def _dict_keys(node: cst.BaseExpression | None) -> set[str] | None:
    """The string keys of a dict display without `**` entries; None for anything else."""
    if not isinstance(node, cst.Dict):
        return None
    keys: set[str] = set()
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = string_value(element.key)
        if key is None:
            return None
        keys.add(key)
    return keys


def _dict_value(node: cst.BaseExpression, key: str) -> cst.BaseExpression | None:
    assert isinstance(node, cst.Dict)
    return next(
        (
            e.value
            for e in node.elements
            if isinstance(e, cst.DictElement) and string_value(e.key) == key
        ),
        None,
    )


def _with_entries(module: PythonContext, display: cst.Dict, entries: dict[str, Any]) -> str:
    """The text of a dict display with `entries` written before its first element."""
    span = module.span(display)
    text = module.text
    added = ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in entries.items())
    if not display.elements:
        return f"{{{added}}}"
    at = module.span(display.elements[0]).start
    return f"{text[span.start : at]}{added}, {text[at : span.end]}"


def set_batch(module: PythonContext, cls: FrameworkClass, call: cst.Call, p: Plan) -> None:
    """The class's batch keyword set in `p` to the target's `embedding_batch_max` where the
    provider takes fewer inputs per request than the class sends: its default when the call
    sets none, or a whole number written over it (said in `p.batch_note`). A value computed
    at run time is named in `p.batch_note` and left."""
    provider = module.rules.provider
    limit = provider.params.get("embedding_batch_max") if provider is not None else None
    if provider is None or cls.batch_size is None or not isinstance(limit, int):
        return
    arg = first_keyword(call, (cls.batch_size,))
    if arg is None:
        if limit < cls.batch_default:
            p.set_args[cls.batch_size] = str(limit)
        return
    most = f"{provider.name} takes at most {limit} inputs a request"
    if not isinstance(arg.value, cst.Integer):
        p.batch_note = (
            f"{cls.batch_size} from `{snippet(module, arg.value)}` at run time: keep it at most "
            f"{limit} ({most})"
        )
    elif arg.value.evaluated_value > limit:
        p.set_args[cls.batch_size] = str(limit)
        p.batch_note = f"{cls.batch_size} {arg.value.value} -> {limit} ({most})"


def batch_over_limit(
    ctx: PythonContext, call: cst.Call, cls: FrameworkClass, owner: Provider
) -> str:
    """For a class pointed at `owner`: the inputs it sends per request (its batch keyword,
    or an entry its `**mapping` surely holds when it runs, a whole number; or its default)
    where `owner` takes fewer, in words; else empty."""
    limit = owner.params.get("embedding_batch_max")
    if cls.batch_size is None or not isinstance(limit, int):
        return ""
    arg = first_keyword(call, (cls.batch_size,))
    given = arg.value if arg is not None else None
    if given is None and (mapping := kwargs_of(ctx, call)) is not None:
        if cls.batch_size in mapping.settled:  # `kw["chunk_size"] = 10` before the call
            given = mapping.entries[cls.batch_size]
        elif not mapping.complete:
            return ""  # the mapping may give one
    if given is None:
        sent, how = cls.batch_default, "by default"
    elif isinstance(given, cst.Integer):
        sent, how = given.evaluated_value, f"{cls.batch_size}={given.value}"
    else:
        return ""
    if sent <= limit:
        return ""
    return (
        f"it sends up to {sent} inputs a request ({how}), and {owner.name} takes at most "
        f"{limit}: pass {cls.batch_size}={limit}"
    )


def _renamed(ctx: PythonContext, func: cst.BaseExpression, name: str) -> str:
    """The callee text with its last name replaced (`lo.AzureChatOpenAI` -> `lo.ChatOpenAI`)."""
    if isinstance(func, cst.Attribute):
        return f"{ctx.code(func.value)}.{name}"
    return name


def plan_edit(rule: PythonRule, call: cst.Call, p: Plan) -> Edit | None:
    """The edit of `p`, narrowed to the text that changes (common start and end trimmed), so
    that the edits of code nested in the call but outside that text still apply."""
    ctx = rule.ctx
    new = rebuild_call(
        ctx,
        call,
        p.set_args,
        frozenset(p.drop),
        p.func,
        values=p.values,
        keywords=p.keywords,
        merge=merges_into_mapping(ctx, call, p.set_args),
    )
    return narrowed_edit(ctx, call, new, plan_imports(p))


def plan_imports(p: Plan) -> tuple[str, ...]:
    """`p.imports`, without `import os` where nothing it writes reads `os` (a settings
    reader's reads alone, `settings_reader_reads`)."""
    if any(os_imports(text) for text in [*p.set_args.values(), *p.values.values()]):
        return p.imports
    return tuple(i for i in p.imports if i != IMPORT_OS)


def merges_into_mapping(ctx: PythonContext, call: cst.Call, set_args: Mapping[str, str]) -> bool:
    """Whether the keywords a rewrite adds go into the call's `**mapping` (`rebuild_call`):
    not where its one mapping is a dict of the module a parameter defaults to or `self.X`
    holds (`default_dicts`) that nothing else sees, none of whose entries is one of them."""
    spreads = [a for a in call.args if a.star == "**"]
    if len(spreads) != 1:
        return True
    value = spreads[0].value
    reached = default_dict(ctx, value, lambda n: n is value)
    kwargs = kwargs_of(ctx, call)
    return (
        reached is None
        or bool(reached.left)
        or kwargs is None
        or not kwargs.complete
        or bool(set(set_args) & set(kwargs.entries))
    )


def describe_target(rule: PythonRule, p: Plan) -> str:
    """`for P read the key from ... (default ...)`, plus the model change."""
    text = target_advice(rule.ctx.rules)
    if p.typed_key:
        text = typed_key_advice(rule.ctx.rules, p.typed_key, p.typed_unset)
    elif p.passed_key:
        text = passed_key_advice(rule.ctx.rules, p.passed_key)
    if p.stored_in:
        provider = rule.provider
        assert provider is not None
        text += (
            f"; {p.stored_in} stores a key in OPENAI_API_KEY, which it read: it reads "
            f"{provider.api_key_env} with {UNSET_KEY!r} as default, so that it does not stop "
            f"while only OPENAI_API_KEY is set (see ML404 there)"
        )
    if p.model_to is not None and p.model_from is not None:
        where = f" ({p.model_where})" if p.model_where else ""
        text += f"; model {p.model_from!r}{where} -> {p.model_to!r}"
    if p.model_note:
        text += f"; {p.model_note}"
    if p.batch_note:
        text += f"; {p.batch_note}"
    return text + thinking_words(rule, p)


def thinking_words(rule: PythonRule, p: Plan, by_hand: bool = False) -> str:
    """`; <model> thinks before it answers ...: <switch> turns that off`, where the plan sets
    the provider's switch (`set_thinking_off`), or the switch left to a person; "" where
    neither. `by_hand`: said of a change a person makes (an edit's words otherwise)."""
    text = ""
    if p.thinking_off is not None:
        switch = f"{thinking_form(rule.ctx, p.cls, p.thinking_off)} turns that off"
        if p.thinking_added:
            cls = v0_form(rule.ctx, p.cls)
            entries = {cls.extra_body_entry: p.thinking_off} if cls.extra_body_entry else {}
            added = python_literal(entries or p.thinking_off)[1:-1]
            switch = f"{'add' if by_hand else 'apply adds'} {added} to its {p.cls.extra_body}"
        shown = _shown_models(p)
        text += (
            f"; {shown[1]} before it answers unless told not to, "
            f"{unlike(rule.ctx.rules, p.thinking_models[0], shown[0])}: {switch} (drop "
            "it where the program wants the reasoning)"
        )
    if p.thinking_note:
        text += f"; {p.thinking_note}"
    return text


def _shown_models(p: Plan) -> tuple[str, str]:
    """How messages show the models the switch is for: `'gpt-4o'` and `'deepseek-flash'
    thinks`; for a model chosen at run time (`Plan.chosen`), `gpt-3.5-turbo,
    gpt-3.5-turbo-0301` and `'deepseek-flash', which each of them maps to, thinks`."""
    sources, targets = p.thinking_models
    if p.chosen is None or p.model_from is not None:
        return repr(sources), f"{targets!r} thinks"
    mapped = ", ".join(repr(t) for t in targets.split(", "))
    verb = "thinks" if ", " not in targets else "think"
    return sources, f"{mapped}, which each of them maps to, {verb}"


def plan_data(rule: PythonRule, p: Plan) -> dict[str, object]:
    provider = rule.provider
    assert provider is not None
    data: dict[str, object] = {
        "framework": p.cls.framework,
        "class": p.cls.name,
        "api_key_env": provider.api_key_env,
        "base_url_env": provider.base_url_env,
    }
    if p.model_from is not None:
        data["model_from"] = p.model_from
    if p.model_to is not None:
        data["model_to"] = p.model_to
    if p.thinking_off is not None:
        data["extra_body"] = p.thinking_off
    if p.unserved:
        data["surface"] = p.unserved  # as ML101's data names the API of a call
    if p.passed_key:
        data["program_key"] = p.passed_key  # apply's Next line names it, as ML001's
    if p.stored_in:
        data["key_stored_in"] = p.stored_in
    # The provider's own class is a chat model class (providers/*.toml [frameworks]).
    integration = provider.frameworks.get(f"{p.cls.framework}_integration")
    if integration and p.cls.kind == "chat":
        data[f"{p.cls.framework}_integration"] = integration
    return data


def framework_class_model_values(ctx: PythonContext, call: cst.Call) -> list[cst.CSTNode]:
    """The model literals of a LangChain or LlamaIndex OpenAI class construction: their rules
    own them (ML204-ML206 leave them alone)."""
    cls = any_framework_class(ctx, call)
    if cls is None:
        return []
    owned: list[cst.CSTNode] = []
    if cls.token_model is not None and (counted := first_keyword(call, (cls.token_model,))):
        owned.append(counted.value)  # names the OpenAI model tokens are counted with, on purpose
    arg = model_argument(call, cls)
    if arg is None:
        return owned
    # Only a literal written in the call (also as the default of an environment read there):
    # a constant or default is mapped where it is written (ML204), as for SDK calls.
    resolved = ctx.resolve_literal(arg.value)
    written = resolved is not None and resolved[2] in ("literal", ENV_DEFAULT)
    return owned + ([resolved[0]] if resolved is not None and written else [])
