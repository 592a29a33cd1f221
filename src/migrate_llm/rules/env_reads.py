"""ML401: a read of one of OpenAI's environment variables, or a string naming one.

One rule made of parts, each in its own module: `env_var_targets` (the provider's variable
for OpenAI's), `settings_fields` (settings fields read by their name), `env_name_strings`
(strings naming a variable), `env_reads_left` (why a read is left), `base_url_reads` (a
base-URL read's default) and `key_aliases` (a variable of the program's own holding OpenAI's
key by its name). What it asks of reads is in `env_read_facts` and `url_keys`."""

from __future__ import annotations

import re

import libcst as cst

from migrate_llm.frameworks import chromadb as chroma
from migrate_llm.model import Edit, FixClass, Severity
from migrate_llm.openai_sdk import AZURE_URL_MARKS
from migrate_llm.prefilter import SETTINGS_TO_CLASS
from migrate_llm.rules.azure_bases import azure_url_beside, azure_url_built
from migrate_llm.rules.base import Example
from migrate_llm.rules.base_url_reads import (
    BaseUrlReads,
    endpoint_default,
    filled_callee,
    target_key_to_openai,
)
from migrate_llm.rules.caller_url_keys import CallerUrl, applied, caller_url, tied_edit
from migrate_llm.rules.chromadb_functions import (
    chroma_function,
    no_embeddings_model,
    pointing,
    pointing_edit,
    unserved_advice,
)
from migrate_llm.rules.class_choices import choice_said, class_choice
from migrate_llm.rules.clients import converted_argument
from migrate_llm.rules.code_templates import base_url_expr, path_url_expr
from migrate_llm.rules.config_common import LEGACY_ENV
from migrate_llm.rules.env_name_strings import NameStrings
from migrate_llm.rules.env_names import EnvAccess, EnvNames, NameSource, env_names, if_testing
from migrate_llm.rules.env_read_facts import (
    handed_elsewhere,
    handed_left,
    in_message,
    model_requests,
    names_model,
    own_setting,
    removes_variable,
    rename_edit,
    untraced,
    written,
)
from migrate_llm.rules.env_reads_left import LeftReads
from migrate_llm.rules.env_roles import base_url_variables, key_variables, role_of, same_role
from migrate_llm.rules.env_writes import guards, stand_in_rename, stand_ins_elsewhere
from migrate_llm.rules.imported_keys import openai_named_secrets, sent_import
from migrate_llm.rules.key_aliases import AliasRoute, alias_route, openai_key_alias
from migrate_llm.rules.key_destinations import (
    Destination,
    module_key_unread,
    provider_key_routed,
    provider_key_takers,
    provider_key_to_config,
    risky_destination,
)
from migrate_llm.rules.key_entry_names import considered_reads
from migrate_llm.rules.key_guards import guarded_reads, presence_test
from migrate_llm.rules.key_prompts import (
    asks_for_key,
    prefilled_box,
    prompt_wording,
    report_prompt,
    report_prompt_texts,
)
from migrate_llm.rules.key_read_defaults import (
    SpreadTie,
    applied_tie_unseen,
    key_read_default,
    spread_caller_url,
    tied_spread_edit,
)
from migrate_llm.rules.langchain_routes import (
    route_key_branch,
    route_key_kept,
    route_key_left,
    route_test,
)
from migrate_llm.rules.library_configs import configured_part, part_builds, part_taker
from migrate_llm.rules.openai_configs import ConfigTaker
from migrate_llm.rules.python_context import (
    ENV_NAME,
    PythonContext,
    scope_assignments,
    self_attribute,
    string_value,
)
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.service_tables import openai_key_kept
from migrate_llm.rules.setting_fallbacks import pair_reason
from migrate_llm.rules.settings_holds import aliased_field, compared, tested_held
from migrate_llm.rules.typed_answers import openai_answer
from migrate_llm.rules.unmoved_settings import followed_library
from migrate_llm.rules.url_keys import paired_keys

# a report of ML401 kept back: the read, its variable, the message, severity and fix
_KeptReport = tuple[EnvAccess, str, str, Severity, FixClass]
# ... and the edit renaming it
_ShownRead = tuple[EnvAccess, str, str, Severity, FixClass, Edit]
# a key read kept back: the read, its variable, message, severity, rename, and the caller's URL
_TiedRead = tuple[EnvAccess, str, str, Severity, Edit, CallerUrl]


class OpenAIEnvVar(NameStrings, LeftReads, BaseUrlReads):
    """A read of one of OpenAI's environment variables, or a string naming one.

    ## What it does
    Finds `os.environ["OPENAI_API_KEY"]`, `os.getenv("OPENAI_BASE_URL")`,
    `"OPENAI_API_KEY" in os.environ` and other `OPENAI_*` / `AZURE_OPENAI_*` variables (also
    through the project's own function wrapping `os.getenv`, `getenv("OPENAI_API_KEY", d)`
    with `def getenv(key, default=None)` reading `os.getenv(key, ...)`: `env_wrappers`), also
    where the name travels through a constant (`KEY_VAR = "OPENAI_API_KEY"; os.getenv(KEY_VAR)`),
    a list a loop reads (`for v in REQUIRED: os.environ[v]`) or a dict entry, and one an
    f-string or `+` builds in a loop over services (`f"{p.upper()}_API_KEY"` for `p` in
    `["openai", "anthropic"]`, a literal dict's keys, or the members of an `Enum` of the module
    or imported from its project, `f"{p.value.upper()}_API_KEY"` for `p` in gpt-pilot's
    `LLMProvider`: left to you, saying which read gets OpenAI's key and that a client apply
    points at the provider sends it there). It also finds
    strings naming them as settings sources (pydantic `Field(env=...)`, `validation_alias`
    in a `BaseSettings` class, `AliasChoices`), as config values under an `*_env` key, and in
    messages shown to people, and as what a call the module cannot follow looks up where its
    result is the key of a client apply moves (`lookup("OPENAI_API_KEY")`: an error, the
    OpenAI key may go to the provider); and the fields of a `BaseSettings` class that read one by
    their own name (`openai_api_key: str`, after the class's `env_prefix`), also of a class
    deriving from one of the module, or from a class another module of the project derives
    from `BaseSettings` (`settings_bases`: WrenAI's `EvalSettings(Settings)`, t67d), or from
    another module's class while it states an `env_prefix`. A removal
    (`os.environ.pop("OPENAI_API_KEY", None)`, `del os.environ[...]`) is not renamed: it
    would remove the provider's variable; but one in test code that takes away a stand-in
    key ML404 renames, written by its test or by the tests of other modules
    (`env_writes.stand_ins_elsewhere`: a conftest.py fixture, t67c), is renamed with it
    (review), and left to you where ML404 renames some such writes and leaves others. A read
    shown in a message
    (printed, logged, raised) is renamed only where no other read of its variable in the module
    is left: renamed beside one left, it would show the provider's value, not the program's
    (ChuanhuChatGPT's log line of OPENAI_API_BASE). So is a test that a key variable is set
    (`if os.getenv("OPENAI_API_KEY"):`, `if not os.getenv(...): return`; not `if not (key :=
    ...)`, which hands the value on): renamed only where every read of the variable it guards
    is (those of its function, or the module's where its function reads it nowhere else),
    else left (manual), so that the test and the reads name the same variable (crawl4ai's
    examples, t66g: the test asked for the provider's key above a config that kept OpenAI's
    beside an `openai/...` model). A message naming a key variable that
    also prints the key itself, whole (`logger.info("OPENAI_API_KEY=%s",
    os.environ["OPENAI_API_KEY"])`, `print(f"OPENAI_API_KEY: {openai.api_key}")`, a name
    bound to a key read: `printed_keys`), is not one to reword: it is a secret leaking into
    the output and logs, whichever provider's key it prints; a warning (manual, no edit)
    says to remove the key from the line or mask it. A slice or a test of it (`key[:4]`,
    `"set" if key else "unset"`) is not the key. A read given with a framework
    class whose rule moves it with the base URL is that rule's (Haystack's `Secret`, ML680; a
    Semantic Kernel service, ML686; crewAI's `LLM()` pointed at OpenAI, ML690, and an OpenAI
    embedder spec, ML692).

    ## Why
    After `apply` the program must not need any `OPENAI_*` variable: every name that reaches
    an environment read has to name the provider's variable.

    ## Fix
    Safe where the module shows the name reaches a read (directly, through a constant, a loop or a
    dict, or a settings field): `apply` names the provider's variable instead (the OpenAI key is
    never copied into it). So for another `OPENAI_*` variable that holds OpenAI's key or base URL
    (`env_roles`): by its name (`OPENAI_BASEURL`, `OPENAI_KEY`: `sdk.KEY_VAR_SPELLINGS`,
    `sdk.BASE_URL_VAR_SPELLINGS`), its use (the `api_key=`/`base_url=` of an OpenAI client of the
    module, through names, class constants and `self.x`; not of a client of another server) or its
    default (OpenAI's base URL): PentestGPT's `os.getenv("OPENAI_BASEURL",
    "https://api.openai.com/v1")` kept sending the provider's key to the relay its README has users
    export. A name shown in both roles, or whose words speak of something else (`OPENAI_ORG`), takes
    none; a module reading two variables for one role (also the provider's) gets the second left, as
    for openai<1's names below. A read given the name alone (`os.getenv(X)`) whose value an SDK
    client takes as its key, and which the program does not test, also gets the default `"unset"`:
    given None, the client reads OPENAI_API_KEY and would send the OpenAI key to the provider
    (mem0's `api_key = config.api_key or os.getenv("OPENAI_API_KEY")`, then `OpenAI(api_key=api_key,
    base_url=base_url)`); so does one stored under the name `api_key` (`data["api_key"] = ... or
    os.getenv(X)`, `self.api_key = ...`) in a module whose client is built from a `**` mapping
    with no `api_key=` of its own (crewAI's OpenAI class, `OpenAI(**self._params())`, t60b).
    Manual where the key goes to a class or function named like OpenAI that
    migrate-llm does not rewrite (chromadb's `OpenAIEmbeddingFunction`, an `openai_api_key=` of some
    library; also the key entry of a settings dict given to such a class, a display or `dict(...)`
    given as an argument itself or through a name bound to it, where the class is not the
    project's own, or to a class of the module deriving from one, whose key keyword goes to that
    base too: vanna's `class MyVanna(ChromaDB_VectorStore, OpenAI_Chat)` given `config={"api_key":
    ...}` builds `OpenAI(api_key=config["api_key"])` at OpenAI's URL, t56e D1: `openai_configs`;
    so is a string naming OpenAI's key variable given to one as the variable it reads,
    chromadb's `api_key_env_var=`; in a table of services' key variables,
    `dict(openai="OPENAI_API_KEY", deepseek="DEEPSEEK_API_KEY")`, also a flat tuple, list or set
    of other LLM services' key variables, `("OPENAI_API_KEY", "GOOGLE_API_KEY",
    "DASHSCOPE_API_KEY")` that a test fixture sets, not `["OPENAI_API_KEY", "SERPAPI_API_KEY"]`,
    OpenAI's entry stays: a note beside the provider's, else a warning to add one; a note too
    under OpenAI's key of a table keyed by service, `{"openai": (URL, "OPENAI_API_KEY")}`), to an
    SDK client whose base URL is chosen at run time, or that may be another provider's or the
    program's own server (`self.url = url or
    "https://api.x.ai/v1"`, `url if url else URL`: apply leaves it, and the key would go there), or
    into one dict or call beside such a URL (`{"api_key": ..., "base_url": self.base_url}`, which a
    client may be built from: the key and the URL travel together), to a litellm or DSPy call,
    another call or a dict (a Router deployment) beside a base URL that is neither OpenAI's nor
    the target's (`litellm.completion(model="gpt-4o", api_base=os.environ["LLM_PROXY_URL"],
    api_key=...)`, a proxy of the program's own, another host: ML640 leaves the call there, and
    the target's key would go to that host), to a raw HTTP request apply does
    not point at the provider, nowhere the module shows but beside an OpenAI URL apply leaves
    (ML402's: the tracing exporter's `https://api.openai.com/v1/traces/ingest`, a realtime `wss://`
    URL; the value returned, stored on `self` or put in headers rather than given only to a client
    apply points at the provider), to a class or function imported from the project itself (`from
    .chatgpt import ChatGPTSession`, or from a package the file is in) where the module holds no
    such URL but one of its project does with an API path (simpleaichat's class field `api_url =
    "https://api.openai.com/v1/chat/completions"`, given `auth={"api_key": key}`: point that URL at
    the provider first), to an SDK client or a framework class that apply leaves talking to OpenAI
    or Azure OpenAI (its own finding is manual: `AzureOpenAIEmbeddings` for a provider without
    embeddings; an Azure client of the class also through an attribute of `self` it may be given,
    pandas-ai's `self.api_token = ... os.getenv("OPENAI_API_KEY")` and
    `AzureOpenAI(**self._client_params)`), into an AutoGen `config_list` entry that ML660 leaves on
    OpenAI (`{"model": os.environ["MODEL"], "api_key": os.environ["OPENAI_API_KEY"]}`, a model the
    module does not show) or skips as sending elsewhere (another `api_type`, `"azure"`; a `base_url`
    of another provider or the program's own server: the key would go there), into a GraphRAG model
    entry that ML670 reports (`ModelConfig(model_provider="openai", ..., api_key=...)` with no
    `api_base`, a dict of that shape, `"azure"`), into the settings of a part of an embedchain,
    mem0 or scrapegraphai config that ML670 reports (mem0's `{"embedder": {"provider":
    "openai", "config": {"api_key": ...}}}` with no `"openai_base_url"`), into the `**params` or
    Router deployment giving litellm a model chosen at run time, into a header that a service
    forwards to OpenAI's API (Weaviate's `{"X-OpenAI-Api-Key": key}`), as the key of a client whose
    base URL reads OPENAI_BASE_URL with a default on this machine (`os.getenv("OPENAI_BASE_URL",
    "http://localhost:1234/v1")`: the key would go there while the provider's base-URL variable is
    unset; the URL read stays with it), or back into an OpenAI variable
    (`os.environ["OPENAI_API_KEY"] = key`, a dict entry named for one; followed through names,
    expressions and the module's own functions): given the provider's key, it could send that key to
    OpenAI. A key given in a `**` mapping is judged as the `api_key=` of each call spreading it (`kw
    = {"api_key": ...}` or `kw["api_key"] = ...` then `f(**kw)`, `f(**{...})`, `self.kw = {...}`
    spread in a method of the class), the mapping's other entries as that call's keywords
    (`"api_base": None` is OpenAI's URL): STORM's `OpenAIModel(model="gpt-4o", **kw)` (a class named
    like OpenAI), `litellm.embedding(model=self.name, **self.kargs)` (a model chosen at run time).
    So is a key a function or class of the module takes in its `**` parameter, at each call
    spreading that parameter (`def make(**kw): return OpenAI(**kw)`), or, where it keeps it
    otherwise (`self.kwargs = kwargs`), at the call itself as at unknown code (an OpenAI model given
    beside it sends it to OpenAI). Manual, too, for a key given to a litellm or DSPy call whose key
    and base URL ML640 leaves to a person for its `**` arguments, its model sending it to OpenAI
    (`dspy.OpenAI(model="gpt-4o", **kw)`, with no base URL other than OpenAI's given or shown in the
    mapping). A key given to a function or class of the module is judged under the name of the
    parameter it fills, by keyword or by position (past `self`; not a position only `*args`
    takes), the other arguments too: crawl4ai's `extract_with_llm("openai/gpt-4o",
    os.getenv("OPENAI_API_KEY"))`, whose `api_token` goes on to `LLMConfig(provider=provider,
    api_token=api_token)`, is left as `extract_with_llm(provider=..., api_token=...)` is
    (t66g: renamed, the provider's key went to OpenAI with `check` silent). A name bound to
    OpenAI's key variable beside a model on litellm's OpenAI route naming an OpenAI model in
    the same module or class body (crawl4ai's `DEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"`
    beside `DEFAULT_PROVIDER = "openai/gpt-4o"`, read elsewhere as that model's key) is left
    saying so (manual), not advised renamed; the provider's key variable named there (renamed
    by hand) is an error: the provider's key goes with that model to OpenAI
    (`route_key_names`). So is a read of the provider's key variable given as the key of a
    call or dict beside such a model (`provider_key_routed`: what apply wrote before it held
    these keys, `extract_with_llm("openai/gpt-4o", os.getenv("ARK_API_KEY"))`); not beside
    `openai/<the provider's model>` or a base URL that is not OpenAI's.
    Review for values under an `*_env` key whose read the module does not show; OpenAI's key
    variable so named in a record (a call's keywords, a dict display) holding OpenAI URLs
    (also through a name bound once or `self.X`: `"url": OPENAI_URL`) is
    renamed only where ML402 points all of them at the provider, else left with them (manual;
    a note in OpenAI's entry of a table keyed by service where the program names a service of
    the provider's own): DB-GPT's `Profile(env_var="OPENAI_API_KEY", ...,
    embedding_api_url="https://api.openai.com/v1/embeddings")`, renamed alone, sent the
    provider's key to OpenAI (t64b; `url_keys.name_moves`). Manual where
    the use is not shown, for names the module also sets (see ML404), and for OpenAI-only settings
    (organisation, project, Azure). A name that is the option a configparser object reads
    (`config.get('OpenAI', 'OPENAI_API_KEYS')`) whose value the module sets as a key or base URL
    is said as such (`config_pairs.option_said`, manual): where apply sends that value (on the
    client it builds, with the other setting of that configuration), or that it leaves or
    deletes its setting (ML301). One that is the test of a choice between classes (an `if`
    expression or statement whose branches name or build different classes, also through a name
    bound to the read: STORM's `OpenAIModel if os.getenv("OPENAI_API_TYPE") == "openai" else
    AzureOpenAIModel`) says so, as removing the variable makes the other branch run: the choice
    is rewritten with it (`rules/class_choices.py`). A model variable whose counterpart the
    provider's file lists (`[detect] env_vars`: Doubao's ARK_MODEL for OPENAI_MODEL, the same
    words after the service's prefix) is named in place of "no equivalent", with a provider model
    to set in it (manual). A variable that neither the openai SDK nor a library the tables
    know reads, and whose name speaks of no key, URL, account or model (`OPENAI_TIMEOUT`,
    `OPENAI_MAX_RETRIES`), is the program's own setting, which works the same with the provider: a
    note, unless its value goes to something of OpenAI's (a class named like OpenAI, an OpenAI
    variable; not a dict entry named for the setting itself, `{"OPENAI_USE_FUNCTIONS": ...}`). A
    variable with no provider equivalent whose value the module shows going only to HTTP proxy
    settings (`OPENAI_PROXY` given to `proxy=` or `proxies=` of any call, `http_client=
    httpx.AsyncClient(proxy=...)`, a `"proxy"` dict entry, `self.proxy`, `os.environ[
    "HTTPS_PROXY"]`, a call named for a proxy; through names, `or`, f-strings and the module's
    functions; a test of it or a log message aside) is the program's own proxy: a note, as that
    proxy now carries the traffic of the clients apply points at the provider
    (chatgpt-telegram-bot's `'proxy': os.environ.get('OPENAI_PROXY')`, for its `httpx.AsyncClient`).
    Given to openai<1.0's `openai.proxy`, which openai>=1.0 ignores, it stays manual with ML301's
    advice. Manual, too, where the name speaks of a model, also inside a word
    (`OPENAI_EMBEDDINGMODEL_DEPLOYMENTID`), or the value is the `model=` (v0: `engine=`,
    `deployment_id=`) of a request apply moves to the provider: it names OpenAI's or Azure's model
    or deployment, and the provider's model must be set there (on an Azure target a deployment is
    the model: left). Azure OpenAI's own key variable, AZURE_OPENAI_API_KEY, is renamed only for an
    Azure OpenAI target: elsewhere a client left on Azure may read it, and the provider's key would
    go to Azure; manual, or a note where it is an argument of an Azure client or class that apply
    converts (`AzureOpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"])`: the conversion replaces
    that argument, as it drops `azure_endpoint=`). A settings field read by its name
    (`openai_api_key: str`, which stops the program at start once only the provider's key is set,
    even where the client no longer uses it) is made to read the provider's variable, for review:
    `Field(validation_alias="ACME_API_KEY")` in pydantic-settings, `Field(env=...)` in pydantic<2
    (`Annotated[str, Field(...)]` where the field has another default, which other rules may
    rewrite). pydantic then refuses the field's name as an argument: code building
    `Settings(openai_api_key=...)` must pass `Settings(ACME_API_KEY=...)` (`populate_by_name=True`
    would read OPENAI_API_KEY again where ACME_API_KEY is unset); manual where the module builds the
    class (or a class of its own deriving from it) so. Manual where the settings base is not
    pydantic's, and for a base-URL field that the project's modules give only as the endpoint
    of an Azure client or class apply leaves, besides testing it (`RunFacts.
    azure_endpoint_fields`: DocsGPT's `AzureOpenAI(azure_endpoint=settings.OPENAI_API_BASE)`):
    renamed, it would point that client at the provider with its Azure key. So is a read of
    OpenAI's key or base-URL variable bound alone at a module's level to a name that another
    module gives (imported, or as `settings.NAME`) as a key, base-URL or endpoint keyword of a
    client or class apply leaves on OpenAI or Azure OpenAI, or in the headers of a raw request
    to OpenAI that ML403 leaves (`RunFacts.settings_left`, `setting_consumers`: t63c's
    `API_BASE = os.environ.get("OPENAI_API_BASE")` given as `AzureOpenAI(azure_endpoint=
    API_BASE)`, renamed, sent the Azure key to the provider). Names in
    messages (print, logging, exceptions) are notes; a label in an f-string
    that holds a read this rule renames (`f"OPENAI_API_KEY: {'set' if os.environ['OPENAI_API_KEY']
    else 'unset'}"`, paper-qa's tutorial) is renamed with it (a note, safe), so the message names
    the variable the code reads. Key reads that belong to a
    raw HTTP request are ML403's, and those a call takes for its key beside an OpenAI URL
    (`X(base_url=URL, api_key=os.getenv("OPENAI_API_KEY"))`) ML402's: the key and the URL change
    together. A test of the key variable that guards a write of it (`if not
    os.getenv("OPENAI_API_KEY"): os.environ["OPENAI_API_KEY"] = load()`) changes with the write:
    renamed where ML404 renames the write, else left to ML404's finding. A key read that is
    the fallback of a key parameter (`api_key = api_key or os.environ.get("OPENAI_API_KEY")`)
    in a function whose base URL is a parameter (or bound only to a value of one, `api_base =
    init_params.api_base`, annotated too: DB-GPT's dataclass, t64b) falling back to a read of
    OpenAI's base-URL
    variable (`url = url or os.environ.get("OPENAI_API_BASE_URL")`: camel's `OpenAIModel`) is
    renamed tied to that URL, as ML003 ties a client's key (`caller_url_keys`): the
    provider's key only where the caller's URL is empty or the provider's, another server
    keeping the key the caller gives (t60a D7); left with the URL's read where that is left.
    A string naming the variable in a decorator of the function reading it (camel's
    `@api_keys_required([("api_key", "OPENAI_API_KEY")])`) is renamed with the read, or left
    with it (t60a A1). Manual, too, where the
    module also sets the variable under a name computed at run time that can spell it
    (`os.environ[f"{name.upper()}_API_KEY"] = key`, also through a name, `+`, `%`, `.format`, into
    `setdefault`, `putenv` or `update`): the renamed read would miss that write; a key variable's
    read too where another module of the project writes a `*_API_KEY` name so
    (`RunFacts.computed_key_written`). Manual for a key read reaching a name that another
    module of the project imports where that module holds an OpenAI URL apply leaves (bound at
    the module's level to the read, also inside an `if`, or to what a function of the module
    holding it returns: lmql's `openai_secret`, `RunFacts.key_imports`, `imported_keys`):
    renamed, the provider's key went to OpenAI there (t65b); the next `apply` renames it once
    that URL is the provider's. An error (manual) for a string naming a key of OpenAI's under
    the program's own name, a variable (`LMQL_OPENAI_SECRET`) or a key file's entry
    (`"openai-secret: "`), whose value reaches a name such a module sending to the provider's
    URL imports: the OpenAI key goes to the provider. Manual for a base-URL read whose value
    the module builds into an Azure OpenAI request's URL (`/openai/deployments/`,
    `api-version=`: `azure_bases`), an Azure endpoint as Azure clients are, and for a key read
    of the function building such a URL; an error for a read of the provider's base-URL
    variable built so (an earlier apply's work). And for a key test (`if
    os.getenv("OPENAI_API_KEY"):`, `if not key: raise` after `key = os.getenv(...)`) guarding a
    call, directly or through the module's own functions, to an API the provider's
    `[supports]` table marks false (audio, images): renamed, the test would pass on the
    provider's key while the feature still needs OpenAI's; so for
    one guarding a class named like OpenAI, given no key, that no table knows and apply
    leaves (camel's `OpenAIEmbedding()`, which reads OPENAI_API_KEY itself), or an SDK
    client given no key that apply leaves (its base URL chosen at run time: LightRAG's
    `openai.AsyncOpenAI(base_url=base_url)`); also where the guarded code reaches such a
    call through a class or function of another module of the project, followed there a few
    modules deep (`guarded_callees`: R2R's key test before `R2RBuilder(config).build()`,
    whose factory builds an embeddings client apply leaves on OpenAI, t68b; or where the
    test's message names a class named like OpenAI that a module of the project building an
    OpenAI client defines with such a call: `guarded_callees.named_class`); a read of a
    base-URL variable that only shows or tests it is left with a read of it going to such a
    client. Manual, too,
    where the module uses the name as a key of something else (`cfg.get("OPENAI_API_KEY")`, a
    subscript, a dict entry: `other_use`): the read and that key are renamed together or not at all.
    So is a key read given to a framework class that apply leaves (on a base URL chosen at run time,
    or calling an API the provider lacks). A read of OpenAI's base-URL variable gets the provider's
    base URL as its default where it has none, `os.environ[X]` too (as `os.environ.get(Y, URL)`: the
    provider's variable is optional); so does a test of it (`if os.environ.get(X):`), then always
    true, and the reads it guards. So does one whose default is computed and may be None
    (`os.getenv(X, os.getenv("MY_PROXY_URL"))`: `os.getenv(Y, os.getenv("MY_PROXY_URL") or
    "<URL>")`, t64b), unless that default holds a read of OpenAI's key or base-URL variable.
    A read followed by `or None` (`self.base_url or
    os.getenv(X) or None`, crewAI's OpenAI class, t60b; also with reads of OpenAI's base-URL
    variables left between, `or os.getenv("OPENAI_API_BASE") or None`) gets the provider's URL
    in place of that None (`... or os.getenv(Y) or "<URL>"`): renamed with the None kept, the
    provider's key went to api.openai.com wherever the provider's base-URL variable was unset.
    Manual where the value goes (as it is, through names,
    `.rstrip("/")`, the module's functions, or a mapping's entry `kw["base_url"] = ...` spread into
    a call after it, also through a function of the module spreading its `**kwargs`) to a client or
    framework class that apply leaves with OpenAI's key (none given: it reads OPENAI_API_KEY; a
    `**mapping` that may hold one; a read left OpenAI's, also in `key or os.getenv(...)`; a key the
    program hands a client that may be None, where ML003 gives it no fallback, `key if key is not
    None else default_key()`) or with any key (an Azure client ML002 leaves keeps the key it is
    given; also through an attribute of `self`, as above: beside its `azure_endpoint` the client
    would raise), or beside such a key in a dict or call, to a framework class calling an API the
    provider's `[supports]` table marks false (embeddings), or, with no key given beside it, to a
    function or class of the project imported from another module, whose client the module does not
    show (by a relative import, or an absolute one of a package the project holds where Python finds
    the file's top package: `get_llm(provider, **kwargs)`): renamed, OpenAI's key would go to the
    provider. So where the key beside it reads another provider's key variable (its file's
    `api_key_env`, or a key variable of its `[detect] env_vars`: Langchain-Chatchat's
    `zhipuai.ZhipuAI(api_key=os.environ["ZHIPUAI_API_KEY"], base_url=api_base)` with Qwen the
    target, also through an entry, `values["api_base"] = ...` then `base_url=values[
    "api_base"]`): renamed, that key would go to the target; so where it goes to a client of
    another service's own SDK (`other_sdks`: `ZhipuAI(api_key=api_key, base_url=base)`),
    whatever key it is given, also through an entry named with a prefix
    (`values["zhipuai_api_base"]`). A test of the variable and the reads it guards are left
    together, and so are a key and a base URL given to one call (a key given by
    its keyword beside a `**mapping` is the one the call takes; a key name bound in branches,
    RD-Agent's `key = os.getenv("DEEPSEEK_API_KEY")` / `key = os.getenv("OPENAI_API_KEY")`, is
    OpenAI's where any branch's read is left, and each message names the other read), and a
    base URL and a key stored in one mapping under the SDK's names (`env["OPENAI_BASE_URL"]`
    beside `env["OPENAI_API_KEY"]`, a child process's environment: `env_entry_pairs`), whose
    entries keep their names and take the provider's key and base URL together, by hand.

    A key read given (by keyword or position) to a class or function imported by name from
    another module of the project whose parameter reaches there a client or class apply leaves
    (`callee_keys`: `Gen(api_key=key)`, whose `OpenAI(api_key=self.api_key)` ML001 leaves on
    OpenAI) is left (manual), naming that client: point it at the provider first, then read the
    provider's key; so is one that module hands on to the project's code that cannot be
    followed (`ModelCatalog().load_model(name, api_key=key)`), naming that call. A string
    naming OpenAI's key variable for a read under a name built at run time that gives the key
    of a client ML001 leaves (`def _get_api_key(self, env_var="OPENAI_API_KEY")`:
    `built_name_clients`) says the same.

    OpenAI's key variable read or named in a branch for models on LangChain's `openai:` route
    (`if model_name.startswith("openai:"): return os.getenv("OPENAI_API_KEY")`,
    open_deep_research's `get_api_key_for_model`; the `if` test holds `"openai:"`) is left
    (manual): those models go to OpenAI, where the provider's key must not, and those ML204
    writes on the provider's route (`deepseek:`) take no branch there (given `api_key=None`,
    ChatDeepSeek reads no DEEPSEEK_API_KEY, and at a base URL of DEEPSEEK_API_BASE the openai
    SDK under it sends OPENAI_API_KEY there): the test and the variable change together. Once
    the same `if`/`elif` chain has a branch testing for the route (`"deepseek:"`) whose body
    names the route's key variable, a note (`check` passes).

    A read of the provider's own key variable given as the key (`api_key=`, `openai_api_key=`;
    through names and the module's functions) of a class named like OpenAI that no table
    knows, given nothing that may be a base URL (no keyword naming a URL, base, host or
    endpoint, no URL argument, no `**mapping`; not a class of the module or imported from its
    project), or as the key entry of a settings dict given to such a class or to a class of
    the module deriving from one (the dict and the call given nothing that may be a base URL:
    `openai_configs`), is an error, manual: such a class talks to OpenAI, and the provider's
    key would go there (what a person writes following ML205 on
    `OpenAIEmbeddingFunction(...)`); pass it the provider's base URL, or keep it on OpenAI
    with OpenAI's key. chromadb's
    `OpenAIEmbeddingFunction` (`frameworks.chromadb`: its keywords checked on its releases)
    given no base URL gets one instead (review): apply passes it `api_base=` with the
    provider's base URL and, where it is given no `model_name=`, the provider's model for
    chromadb's default `text-embedding-ada-002` (`data` `keywords_added`); given another
    model than the provider's, it stays an error naming those keywords. A read of OpenAI's key
    going to it names them too (`api_base=...` and `model_name=...`, chromadb's keywords).
    Where the provider's file names no embeddings model (DeepSeek), these findings say so
    instead: keep it on OpenAI with OpenAI's key where OpenAI can be reached, point it at
    another host serving embeddings, or use a local embedding function
    (`chromadb_functions.unserved_advice`).
    So is such a read given as the key of a part of a library's config that ML670 reports
    (mem0's `"llm": {"provider": "openai", "config": {"api_key": os.environ["ZAI_API_KEY"]}}`,
    the nested `"llm"` of its LLM reranker, with no `"openai_base_url"`).
    A read of OpenAI's key bound at a module's top level to a public name the module does not
    use itself (`OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")` in a settings module) is
    left (manual) in a project importing mem0, embedchain or scrapegraphai: another module may
    put it into such a config part (`from settings import OPENAI_API_KEY`), and which configs
    take it is not known from one module, so it stays even where all of them are pointed at
    the provider (conservative; `config_exports`).

    A program's own variable holding OpenAI's key by its name (OPENAI_API_KEY, OPENAI_KEY or
    OPENAI_TOKEN with words around it: bilingual_book_maker's `BBM_OPENAI_API_KEY`, which its
    README says to fill with the OpenAI key, `OPENAI_API_KEY_2`; not one whose other words say
    it holds something else, `OPENAI_API_KEY_FILE`, `OPENAI_TOKEN_LIMIT`, nor Azure's) is not
    renamed (an `OPENAI_*` one holding OpenAI's key by its name or use is: `env_roles`, below).
    Where its value goes to the provider it is a warning, manual: read in a chain of
    `or`s or as a read's default beside a key read apply switches or one of the provider's key
    (`os.getenv("OPENAI_API_KEY") or os.getenv("BBM_OPENAI_API_KEY")`, `os.getenv(
    "OPENAI_API_KEY", os.getenv("OPENAI_KEY"))`) unless the module shows the value going only
    elsewhere, or given as the key of an SDK client or framework class that talks to the
    provider or that apply points there keeping the key it is handed (through names and the
    module's functions, `OpenAI(api_key=key)`): remove it from the chain or point it at a
    variable holding the provider's key. Not where it goes only to a client of the program's
    own server (`VLLM_OPENAI_API_KEY` beside its own base URL), to one apply leaves on OpenAI,
    or to one whose key apply replaces with the provider's.

    A prompt the switched read falls back to (`os.getenv("OPENAI_API_KEY") or getpass("Your
    OpenAI key: ")`, or `key = getpass(...)` assigned to the same name in the function; any
    of `openai_sdk.PROMPT_READERS`: `input()`, prompt_toolkit's `prompt()`, click's and
    typer's `prompt()`, rich's `Prompt.ask()`, questionary's `password(...).ask()`) asks for
    the provider's key once the read names its variable: reworded as ML404's are
    (`key_prompts`). So does one asking for a key or token in a branch of the `if` the read
    is (part of) the test of, whose answer the module only tests and stores on an object
    (open-interpreter's `if not os.environ.get("OPENAI_API_KEY") and not llm.api_key:`, then
    `response = prompt("OpenAI API key: ", is_password=True)` and `llm.api_key = response`:
    the OpenAI key typed there went to DeepSeek), or hands to a call through a name bound
    otherwise too (the rules of calls take a name bound once to the prompt: ML001, ML640);
    also after `apply`, where the read names the provider's variable and the prompt still
    names OpenAI otherwise (manual). A text naming OpenAI's key variable in such a branch is a
    message whatever shows it (open-interpreter's `interpreter.display_message("... export
    OPENAI_API_KEY=...")`): a note, as in `print()`. A prompt whose answer the module stores,
    directly or through a name bound once, under a key named for OpenAI's key variable that
    this rule says to rename to the provider's, by hand (shell_gpt's `defaults[
    "OPENAI_API_KEY"] = getpass("Please enter your OpenAI API key: ")`, also a dict display's
    entry), is left as it is, and the entry's finding says so: the clients reading the entry
    keep OpenAI's URL until a person switches it (ML003 switches a run-time URL's OpenAI
    branch only for a key named for the provider), so a prompt asking for the provider's key
    would send that key to OpenAI. Once the entry is named for the provider's key variable
    (`defaults["ACME_API_KEY"] = getpass(...)`), a prompt still naming OpenAI's key is
    reported (manual): the clients reading the entry are in other modules.

    A prompt whose answer stays OpenAI's whatever apply does is left asking for OpenAI's key,
    with the read it falls back to (both manual): one in the body of an `if` testing a model
    against OpenAI's model ids (`if interpreter.llm.model in ["gpt-4o", ...]:`), or whose
    answer goes to a litellm call whose model sends it to OpenAI (chosen at run time). Asked
    for the provider's key there, it would send that key to OpenAI (t61c C: open-interpreter's
    gpt-4o branch sent the Zhipu key to api.openai.com). The provider's variable read, and its
    key asked for, in such a branch (an earlier apply's work) is an error.

    A read of OpenAI's base-URL variable whose default is a whole endpoint (it ends in
    `/chat/completions` or another request path: `openai_sdk.ENDPOINT_PATHS`) is left
    (manual): the code takes the variable for the URL it posts to as it is (MindSearch's
    `api_base=os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1/chat/completions")`,
    given to lagent's GPTAPI), while the provider's variable holds its base URL alone (apply's
    Next line, the .env lines it writes): the message gives the read to write instead, the
    provider's base-URL read plus the path. A read of the provider's base-URL variable with
    such a default (written by hand, t66c: 0 findings, then 404 with the variable set as apply
    said) is a warning saying the same.
    """

    code = "ML401"
    name = "openai-env-var"
    silent_when_modernising = True  # OpenAI's variables are the right ones then
    category = "environment"
    severity = Severity.WARNING
    fix = FixClass.SAFE
    examples = (
        # t66f: a parameter's default goes where the parameter goes: here to clients left
        # on OpenAI (DemoGPT's `__init__(openai_api_key=os.getenv(...))`), so it stays
        Example(
            "import os\n\nfrom langchain_openai import ChatOpenAI\n"
            "from openai import OpenAI\n\n\n"
            "class Agent:\n"
            '    def __init__(self, key=os.getenv("OPENAI_API_KEY", ""), base=None):\n'
            "        self.key = key\n"
            "        self.llm = ChatOpenAI(openai_api_key=key, openai_api_base=base)\n\n"
            "    def models(self):\n"
            "        return OpenAI(api_key=self.key).models.list()\n",
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to ChatOpenAI() on line 10, a class apply "
            "leaves as it is (on OpenAI, or on a base URL chosen at run time): given Acme "
            "Cloud's key (ACME_API_KEY) it could send that key to OpenAI; point the class at "
            "Acme Cloud (its base URL and key), then read ACME_API_KEY, by hand",
            after="import os\n\nfrom langchain_openai import ChatOpenAI\n"
            "from openai import OpenAI\n\n\n"
            "class Agent:\n"
            '    def __init__(self, key=os.getenv("OPENAI_API_KEY", ""), base=None):\n'
            "        self.key = key\n"
            "        self.llm = ChatOpenAI(openai_api_key=key, openai_api_base=base)\n\n"
            "    def models(self):\n"
            "        return OpenAI(api_key=self.key).models.list()\n",
        ),
        # t66f (DemoGPT's sidebar): given back by a box of the module's own, it goes where
        # the call's result goes, a client whose URL is OpenAI's when `base` is empty
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            'def box(label, value=""):\n'
            "    return input(label) or value\n\n\n"
            'key = box("Key", value=os.getenv("OPENAI_API_KEY", ""))\n'
            'base = box("Base URL")\n'
            "client = OpenAI(api_key=key, base_url=base or None)\n",
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to OpenAI() on line 12, a client whose "
            "base URL is chosen at run time (OpenAI's when `base` is empty): given Acme "
            "Cloud's key (ACME_API_KEY) it would send that key to OpenAI there; make sure the "
            "client gets Acme Cloud's base URL, then read ACME_API_KEY, by hand",
            after="import os\n\nfrom openai import OpenAI\n\n\n"
            'def box(label, value=""):\n'
            "    return input(label) or value\n\n\n"
            'key = box("Key", value=os.getenv("OPENAI_API_KEY", ""))\n'
            'base = box("Base URL")\n'
            "client = OpenAI(api_key=key, base_url=base or None)\n",
        ),
        # t66f: one given to a client apply moves is renamed with it
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            'def make(key=os.getenv("OPENAI_API_KEY")):\n'
            "    return OpenAI(api_key=key)\n",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            'is not copied); with the default "unset": given None, OpenAI() on line 7 would '
            "read OPENAI_API_KEY and send the OpenAI key to Acme Cloud",
            after="import os\n\nfrom openai import OpenAI\n\n\n"
            'def make(key=os.getenv("ACME_API_KEY", "unset")):\n'
            "    return OpenAI(api_key=key)\n",
        ),
        # t66c: a variable taken for the whole endpoint it posts to (MindSearch's api_base)
        Example(
            'import os\n\nURL = os.environ.get("OPENAI_API_BASE", '
            '"https://api.openai.com/v1/chat/completions")\nprint(URL)\n',
            provider="acme",
            message="reads OPENAI_API_BASE; not switched: its default "
            "https://api.openai.com/v1/chat/completions is a whole endpoint (it ends in "
            "/chat/completions), so the code takes OPENAI_API_BASE for the URL it posts to, "
            "while ACME_BASE_URL holds Acme Cloud's base URL without the path "
            "(https://api.acme.example/v1, as apply's Next line and the .env line it writes set "
            "it): renamed, its requests would go to the base URL; read "
            '`os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + '
            '"/chat/completions"` there, '
            "with Acme Cloud's key beside it, by hand",
        ),
        Example(
            'import os\n\nURL = os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1/chat/completions")\nprint(URL)\n',
            provider="acme",
            message="reads ACME_BASE_URL as a whole endpoint (its default "
            "https://api.acme.example/v1/chat/completions ends in /chat/completions), but "
            "ACME_BASE_URL holds Acme Cloud's base URL without the path "
            "(https://api.acme.example/v1: apply's Next line and the .env lines it writes set it "
            "so): set that way, the requests go to the "
            'base URL; read `os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + '
            '"/chat/completions"`, or a variable of your own for the endpoint, by hand',
        ),
        Example(
            'import os\n\nURL = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
            ' + "/chat/completions"\n',
            provider="acme",
            finds=False,
        ),
        # lagent's GPTAPI given no api_base posts to OpenAI's URL: the key stays OpenAI's
        Example(
            "import os\n\nfrom lagent.llms import GPTAPI\n\n"
            'llm = GPTAPI(model_type="gpt-4o", key=os.environ["OPENAI_API_KEY"])\n',
            provider="qwen",
            message="reads OPENAI_API_KEY, which goes to GPTAPI() on line 5, lagent's GPTAPI, "
            "given no api_base: it posts to its default URL, OpenAI's "
            "https://api.openai.com/v1/chat/completions, so given Alibaba Qwen (DashScope / "
            "Model Studio)'s key (DASHSCOPE_API_KEY) it would send that key there; give it "
            "Alibaba Qwen (DashScope / Model Studio)'s chat completions URL as api_base, then "
            "read DASHSCOPE_API_KEY, by hand",
        ),
        Example(
            "import os\n\nfrom lagent.llms import GPTAPI\n\nllm = GPTAPI(\n"
            '    model_type="qwen-plus",\n    key=os.environ["OPENAI_API_KEY"],\n'
            '    api_base="https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",'
            "\n)\n",
            provider="qwen",
            message="reads OPENAI_API_KEY; Alibaba Qwen (DashScope / Model Studio)'s key is "
            "in DASHSCOPE_API_KEY (the OpenAI key is not copied)",
            after="import os\n\nfrom lagent.llms import GPTAPI\n\nllm = GPTAPI(\n"
            '    model_type="qwen-plus",\n    key=os.environ["DASHSCOPE_API_KEY"],\n'
            '    api_base="https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions",'
            "\n)\n",
        ),
        # t65: a record of a class imported from the project: the name moves with its URL
        Example(
            "from .profiles import Profile\n\n"
            'OPENAI = Profile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")\n',
            provider="acme",
            message="names OPENAI_API_KEY as the variable to read; Acme Cloud's key is in "
            "ACME_API_KEY (the OpenAI key is not copied)",
            after="from .profiles import Profile\n\n"
            'OPENAI = Profile(env_var="ACME_API_KEY", api_base="https://api.openai.com/v1")\n',
        ),
        # t65: the mirror, a class named like OpenAI keeping the name: both stay
        Example(
            "from .profiles import OpenAIProfile\n\n"
            'OPENAI = OpenAIProfile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")'
            "\n",
            provider="acme",
            message="names OPENAI_API_KEY as the variable to read, beside OpenAI's URL "
            "https://api.openai.com/v1 (line 3) in the same record, which apply leaves: renamed "
            "alone, Acme Cloud's key would go to OpenAI; where this record now serves Acme "
            "Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and name ACME_API_KEY here "
            "together, by hand, else keep both OpenAI's",
            after="from .profiles import OpenAIProfile\n\n"
            'OPENAI = OpenAIProfile(env_var="OPENAI_API_KEY", api_base="https://api.openai.com/v1")'
            "\n",
        ),
        # t65: a base-URL read beside a key name its record's endpoint URL keeps: left with it
        Example(
            "import os\n\nfrom .profiles import Profile\n\n"
            "EMBED = Profile(\n"
            '    api_base=os.getenv("OPENAI_BASE_URL"),\n'
            '    env_var="OPENAI_API_KEY",\n'
            '    embedding_url="https://api.openai.com/v1/embeddings",\n'
            ")\n",
            provider="acme",
            message="reads OPENAI_BASE_URL; not switched: it is the base URL of Profile() on "
            "line 5, whose key (env_var naming OPENAI_API_KEY as the variable to read it from, "
            "which stays) apply leaves OpenAI's: switched, it would send that key to Acme "
            "Cloud; point both at Acme Cloud (the key from ACME_API_KEY) together, by hand",
            after="import os\n\nfrom .profiles import Profile\n\n"
            "EMBED = Profile(\n"
            '    api_base=os.getenv("OPENAI_BASE_URL"),\n'
            '    env_var="OPENAI_API_KEY",\n'
            '    embedding_url="https://api.openai.com/v1/embeddings",\n'
            ")\n",
        ),
        # t64b: a key-variable name beside an OpenAI URL of its record that apply leaves
        Example(
            'EMBED = dict(env_var="OPENAI_API_KEY", url="https://api.openai.com/v1/embeddings")\n',
            provider="acme",
            message="names OPENAI_API_KEY as the variable to read, beside OpenAI's URL "
            "https://api.openai.com/v1/embeddings (line 1) in the same record, which apply "
            "leaves: renamed alone, Acme Cloud's key would go to OpenAI; where this record now "
            "serves Acme Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and name "
            "ACME_API_KEY here together, by hand, else keep both OpenAI's",
        ),
        # s64 review: the same with the URL given through a constant (a dict display)
        Example(
            'OPENAI_URL = "https://api.openai.com/v1/embeddings"\n'
            'PROFILE = {"env_var": "OPENAI_API_KEY", "url": OPENAI_URL}\n',
            provider="acme",
            message="names OPENAI_API_KEY as the variable to read, beside OpenAI's URL "
            "https://api.openai.com/v1/embeddings (line 1) in the same record, which apply "
            "leaves: renamed alone, Acme Cloud's key would go to OpenAI; where this record now "
            "serves Acme Cloud, point its URLs at Acme Cloud (ACME_BASE_URL) and name "
            "ACME_API_KEY here together, by hand, else keep both OpenAI's",
            after='OPENAI_URL = "https://api.openai.com/v1/embeddings"\n'
            'PROFILE = {"env_var": "OPENAI_API_KEY", "url": OPENAI_URL}\n',
        ),
        # a key given to Portkey's client naming OpenAI goes on to OpenAI (ML009)
        Example(
            "import os\n\nfrom portkey_ai import Portkey\n\n"
            'client = Portkey(provider="openai", Authorization="Bearer " + '
            'os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to Portkey() on line 5, a gateway's own "
            "client that passes it on with its requests to the service its settings name "
            "(ML009), and apply leaves the call: given Acme Cloud's key (ACME_API_KEY) it would "
            "send that key there; set the gateway up for Acme Cloud first, then give it "
            "ACME_API_KEY, by hand",
        ),
        # s64: a key in `dict(...)` spread into a client ML001 leaves on OpenAI (its only
        # requests are embeddings, which DeepSeek does not serve) stays with it
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'cfg = dict(api_key=os.environ["OPENAI_API_KEY"])\nemb = OpenAI(**cfg)\n'
            'v = emb.embeddings.create(model="text-embedding-3-small", input="x")\n',
            provider="deepseek",
            message="reads OPENAI_API_KEY, which goes to OpenAI() on line 6, which apply leaves "
            "talking to OpenAI or Azure OpenAI (see its finding): given DeepSeek's key "
            "(DEEPSEEK_API_KEY) it would send that key there; point that call at DeepSeek, then "
            "read DEEPSEEK_API_KEY, by hand",
        ),
        # t61c C: the prompt of a branch for OpenAI's models asks for the key they need
        Example(
            "import os\n\nimport litellm\n\n\ndef ask(model):\n    key = None\n"
            '    if model in ["gpt-4o", "gpt-4o-mini"] and not os.environ.get("OPENAI_API_KEY"):\n'
            '        key = input("OpenAI API key: ")\n'
            "    return litellm.completion(model=model, api_key=key, messages=[])\n",
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the prompt on line 9 asks for the key "
            "where it is unset, and it asks in the branch `if model in [...]`, taken for "
            "OpenAI's models, which send it to OpenAI: renamed alone, the read would skip that "
            "prompt where Acme Cloud's key is set and send OpenAI's model no key",
        ),
        Example(
            'import os\nkey = os.environ["OPENAI_API_KEY"]\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY "
            "(the OpenAI key is not copied)",
            after='import os\nkey = os.environ["ACME_API_KEY"]\n',
        ),
        Example(
            'from os import getenv\nurl = getenv("OPENAI_API_BASE", "https://api.openai.com/v1")\n',
            provider="acme",
            message="reads OPENAI_API_BASE; Acme Cloud's base URL is in ACME_BASE_URL "
            "(default https://api.acme.example/v1)",
            after="from os import getenv\n"
            'url = getenv("ACME_BASE_URL", "https://api.openai.com/v1")\n',
        ),
        # t57: a proxy of the program's own beside OpenAI's key; ML640 leaves the call there
        Example(
            "import os\n\nimport litellm\n\nreply = litellm.completion(\n"
            '    model="gpt-4o",\n    api_base=os.environ["LLM_PROXY_URL"],\n'
            '    api_key=os.environ["OPENAI_API_KEY"],\n    messages=[],\n)\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to litellm.completion() on line 5, whose "
            'base URL (`os.environ["LLM_PROXY_URL"]`) may be another provider\'s or a server of '
            "the program's own, which apply leaves: given Acme Cloud's key (ACME_API_KEY) it "
            "would send that key there; give that call the key its server takes, by hand",
        ),
        # t62b: the model beside the key, given by position or as `path=` to code the tool
        # does not know, sends the call (and the key) to OpenAI
        Example(
            "import os\n\nfrom mylib import run\n\n"
            'out = run("gpt-4o", api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to run() on line 5 with the OpenAI model "
            "'gpt-4o' and no base URL of Acme Cloud's: the model string sends the call to "
            "OpenAI, so given Acme Cloud's key (ACME_API_KEY) it would send it to OpenAI; "
            "point the call at Acme Cloud (its model, base URL and key) and read ACME_API_KEY, "
            "or keep it on OpenAI, by hand",
        ),
        # t64f: an unknown library's settings, an OpenAI model and the key but no base URL:
        # apply gives it none, so its default URL (Agently's: OpenAI's) would get the key
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            'Framework.set_settings("OpenAI", {"model": "gpt-4o", '
            '"auth": os.environ["OPENAI_API_KEY"]})\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to Framework.set_settings() on line 5 "
            'with the OpenAI model `"gpt-4o"` and no base URL: migrate-llm does not know that '
            "library and gives it none, so its default URL, which may be OpenAI's, would get "
            "Acme Cloud's key (ACME_API_KEY); move the key, a base URL of Acme Cloud's and the "
            "model together, by hand",
        ),
        # ... also spread over a chain of settings calls (Agently 3's dotted names)
        Example(
            "import os\n\nfrom agentfw import create_agent\n\n"
            "agent = create_agent()\n"
            'agent.set_settings("model.OpenAI.auth", os.environ["OPENAI_API_KEY"]).set_settings(\n'
            '    "model.OpenAI.options", {"model": "gpt-4o"}\n'
            ")\n",
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to agent.set_settings() on line 6 with "
            'the OpenAI model `"gpt-4o"` and no base URL: migrate-llm does not know that '
            "library and gives it none, so its default URL, which may be OpenAI's, would get "
            "Acme Cloud's key (ACME_API_KEY); move the key, a base URL of Acme Cloud's and the "
            "model together, by hand",
        ),
        # ... nor where the settings are bound to a name first (s65: a dict display,
        # `dict(...)`, or entries written after, `cfg["model"] = ...`)
        Example(
            "import os\n\nfrom agentfw import Framework\n\n"
            'cfg = dict(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])\n'
            'Framework.set_settings("OpenAI", cfg)\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to Framework.set_settings() on line 6 "
            'with the OpenAI model `"gpt-4o"` and no base URL: migrate-llm does not know that '
            "library and gives it none, so its default URL, which may be OpenAI's, would get "
            "Acme Cloud's key (ACME_API_KEY); move the key, a base URL of Acme Cloud's and the "
            "model together, by hand",
        ),
        # ... also a key given by its name with no model beside it (s65)
        Example(
            "import os\n\nfrom agentfw import Lib\n\n"
            'lib = Lib(auth={"api_key": os.environ["OPENAI_API_KEY"]})\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to Lib() on line 5 with no base URL: "
            "migrate-llm does not know that library and gives it none, so its default URL, "
            "which may be OpenAI's, would get Acme Cloud's key (ACME_API_KEY); move the key, a "
            "base URL of Acme Cloud's and its model together, by hand",
        ),
        # ... nor where the dict's key also goes to an OpenAI client, which apply moves: the
        # key follows it (left, the client would send the OpenAI key to the provider; r1, s65)
        Example(
            "import os\n\nfrom agentfw import Framework\nfrom openai import OpenAI\n\n"
            'cfg = {"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]}\n'
            'Framework.set_settings("OpenAI", cfg)\n'
            'client = OpenAI(api_key=cfg["api_key"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is "
            "not copied)",
            after="import os\n\nfrom agentfw import Framework\nfrom openai import OpenAI\n\n"
            'cfg = {"model": "gpt-4o", "api_key": os.environ["ACME_API_KEY"]}\n'
            'Framework.set_settings("OpenAI", cfg)\n'
            'client = OpenAI(api_key=cfg["api_key"])\n',
        ),
        # ... and the library, given the provider's key that way and still no base URL, keeps
        # a warning of its own until it is given one (r3, s65; here as apply leaves the key)
        Example(
            "import os\n\nfrom agentfw import Framework\nfrom openai import OpenAI\n\n"
            'cfg = {"model": "gpt-4o", "api_key": os.environ["ACME_API_KEY"]}\n'
            'Framework.set_settings("OpenAI", cfg)\n'
            'client = OpenAI(api_key=cfg["api_key"])\n',
            provider="acme",
            message="Framework.set_settings() gets the key read on line 6, which goes to an "
            "OpenAI client too and follows it to Acme Cloud's key (ACME_API_KEY), with the "
            'OpenAI model `"gpt-4o"` and no base URL: migrate-llm does not know that library '
            "and gives it none, so its default URL, which may be OpenAI's, would get Acme "
            "Cloud's key; give it a base URL of Acme Cloud's (https://api.acme.example/v1) and "
            "the model, by hand",
        ),
        # ... nor a call that only shows or logs the key (`sdk.SHOWING_*`), nor a copy of an
        # OpenAI client (`client.with_options(api_key=...)`, on the client's endpoint)
        Example(
            "import logging\nimport os\n\n"
            'cfg = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
            'logging.getLogger(__name__).debug("settings: %s", cfg)\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is "
            "not copied)",
            after="import logging\nimport os\n\n"
            'cfg = {"api_key": os.environ["ACME_API_KEY"]}\n'
            'logging.getLogger(__name__).debug("settings: %s", cfg)\n',
        ),
        # ... not where the chain sets a base URL too, which ML402 points at the provider
        Example(
            "import os\n\nfrom agentfw import create_agent\n\n"
            "agent = create_agent()\n"
            'agent.set_settings("model.OpenAI.auth", os.environ["OPENAI_API_KEY"]).set_settings(\n'
            '    "model.OpenAI.url", "https://api.openai.com/v1"\n'
            ').set_settings("model.OpenAI.options", {"model": "gpt-4o"})\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is "
            "not copied)",
            after="import os\n\nfrom agentfw import create_agent\n\n"
            "agent = create_agent()\n"
            'agent.set_settings("model.OpenAI.auth", os.environ["ACME_API_KEY"]).set_settings(\n'
            '    "model.OpenAI.url", "https://api.openai.com/v1"\n'
            ').set_settings("model.OpenAI.options", {"model": "gpt-4o"})\n',
        ),
        # txtai's LLM(): renamed only where ML622 moves its model onto the provider's route
        Example(
            "import os\n\nfrom txtai import LLM\n\n"
            'w = LLM(path="o3-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to LLM() on line 5 with the OpenAI model "
            "'o3-mini' and no base URL of Acme Cloud's: the model string sends "
            "the call to OpenAI, so given Acme Cloud's key (ACME_API_KEY) it would send it to "
            "OpenAI; point the call at Acme Cloud (its model, base URL and key) and read "
            "ACME_API_KEY, or keep it on OpenAI, by hand",
        ),
        Example(
            "import os\n\nfrom txtai import LLM\n\n"
            'w = LLM("anthropic/claude-3-5-sonnet", api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to LLM() on line 5, whose model "
            '`"anthropic/claude-3-5-sonnet"` routes it to anthropic: neither OpenAI\'s key nor '
            "Acme Cloud's (ACME_API_KEY) belongs there, and apply leaves the call; give it "
            "anthropic's key, by hand",
        ),
        Example(
            "import os\n\nfrom txtai import LLM\n\n"
            'w = LLM(path="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            "is not copied)",
            after="import os\n\nfrom txtai import LLM\n\n"
            'w = LLM(path="gpt-4o-mini", api_key=os.environ["ACME_API_KEY"])\n',
        ),
        # t64c: vocode's own `getenv` wrapping os.getenv is a read, renamed as os.getenv's
        Example(
            "import os\n\nimport openai\n\n\ndef getenv(key, default=None):\n"
            "    return os.getenv(key, default)\n\n\n"
            'client = openai.OpenAI(api_key=getenv("OPENAI_API_KEY"))\n',
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            "is not copied)",
            after="import os\n\nimport openai\n\n\ndef getenv(key, default=None):\n"
            "    return os.getenv(key, default)\n\n\n"
            'client = openai.OpenAI(api_key=getenv("ACME_API_KEY"))\n',
        ),
        # ...a lookup the module cannot follow, its result the key of a client apply moves
        Example(
            "import openai\n\nfrom config import lookup\n\n"
            'client = openai.OpenAI(api_key=lookup("OPENAI_API_KEY"))\n',
            provider="acme",
            message="names OPENAI_API_KEY as what `lookup()` looks up, whose result is the key "
            "of openai.OpenAI() on line 5, which apply points at Acme Cloud: where that call "
            "reads OPENAI_API_KEY, OpenAI's key would go to Acme Cloud; make it name "
            "ACME_API_KEY (and read it), by hand",
        ),
        Example(
            "from getpass import getpass\n\n\ndef ask_key(defaults):\n"
            '    key = getpass("Your OpenAI API key: ")\n'
            '    defaults["OPENAI_API_KEY"] = key\n',
            provider="acme",
            message="names OPENAI_API_KEY, but the module does not show how it is used; make "
            "it name ACME_API_KEY by hand; apply leaves the prompt on line 5 ('Your OpenAI API "
            "key:'), whose answer is stored here: the clients reading this entry send it to "
            "OpenAI until their base URL is switched; make it ask for an Acme Cloud key when "
            "you rename the entry and point them at Acme Cloud",
        ),
        Example(
            "from getpass import getpass\n\n\ndef ask_key(defaults):\n"
            '    key = getpass("Your OpenAI API key: ")\n'
            '    defaults["ACME_API_KEY"] = key\n',
            provider="acme",
            message="the prompt 'Your OpenAI API key:' asks for an OpenAI key, and its answer is "
            "stored under ACME_API_KEY, Acme Cloud's key variable: make it ask for an Acme Cloud "
            "key, by hand",
        ),
        # t63d: the name a read under a built name reads for a client ML001 leaves
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\nclass Gen:\n"
            '    def _key(self, env_var="OPENAI_API_KEY"):\n'
            "        self.api_key = os.environ.get(env_var)\n        return self.api_key\n\n"
            "    def run(self):\n        client = OpenAI(api_key=self.api_key)\n"
            "        return client.models.list()\n",
            provider="acme",
            message="names OPENAI_API_KEY, the variable `os.environ.get(env_var)` (line 8) reads "
            "for the key of OpenAI() on line 12, which apply leaves talking to OpenAI (see "
            "there): renamed alone, Acme Cloud's key would go to OpenAI; point that client at "
            "Acme Cloud first, then make this name ACME_API_KEY, by hand",
        ),
        # t55 h1: simonw/llm's model classes declare the variable their key is looked up in
        Example(
            "import openai\n\n\nclass Model:\n"
            '    key_env_var = "OPENAI_API_KEY"\n\n'
            "    def ask(self):\n"
            "        client = openai.OpenAI(api_key=self.get_key(), base_url=self.api_base)\n"
            '        return client.chat.completions.create(model="acme-large", messages=[])\n',
            provider="acme",
            message="names OPENAI_API_KEY as the key of class Model (`key_env_var`), the key of "
            "its SDK clients (line 8): they still reach OpenAI with OpenAI's key, which apply "
            "cannot move (the class hands the name to code the module does not show); name "
            "ACME_API_KEY here and point those clients at Acme Cloud (ACME_BASE_URL), together, "
            "by hand",
        ),
        # t55e: the key looked up by a function given the class's names, the client already
        # pointed at the provider (by an earlier apply) while the class names OpenAI's key
        Example(
            "import os\n\nimport openai\n\n\nclass Model:\n"
            '    key_env_var = "OPENAI_API_KEY"\n\n'
            "    def ask(self):\n"
            "        client = openai.OpenAI(\n"
            "            api_key=lookup_key(self.key_env_var),\n"
            '            base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        )\n"
            '        return client.chat.completions.create(model="acme-large", messages=[])\n',
            provider="acme",
            message="names OPENAI_API_KEY as the key of class Model (`key_env_var`), the key of "
            "its SDK clients (line 10), which point at Acme Cloud: OpenAI's key goes to Acme "
            "Cloud; name ACME_API_KEY here, by hand",
        ),
        # t52f D6: Doubao's file lists ARK_MODEL
        Example(
            'ENVS = {"OPENAI_MODEL": None}\n',
            provider="doubao",
            message="names OPENAI_MODEL, but the module does not show how it is used; ByteDance "
            "Doubao (Volcengine Ark)'s model variable is ARK_MODEL (its provider file lists it): "
            "name ARK_MODEL here and set a ByteDance Doubao (Volcengine Ark) model in it, by hand",
        ),
        Example(
            "import os\n\n\nclass Config:\n"
            '    api_base = os.getenv("OPENAI_BASEURL", "https://api.openai.com/v1")\n',
            provider="acme",
            message="reads OPENAI_BASEURL, OpenAI's base URL by its name; Acme Cloud's base URL "
            "is in ACME_BASE_URL (default https://api.acme.example/v1)",
            after="import os\n\n\nclass Config:\n"
            '    api_base = os.getenv("ACME_BASE_URL", "https://api.openai.com/v1")\n',
        ),
        Example(
            'import os\norg = os.getenv("OPENAI_ORG_ID")\n',
            message="reads OPENAI_ORG_ID, an OpenAI-only setting; the provider has no equivalent",
        ),
        # t64f: the account id given to a client ML001 moves goes with its edit
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'client = OpenAI(organization=os.environ["OPENAI_ORG_ID"])\n',
            provider="acme",
            message="reads OPENAI_ORG_ID for organization= of OpenAI() on line 5, which apply "
            "points at Acme Cloud: that argument goes with the rewrite",
        ),
        Example(
            "import os\n\nimport httpx\n\n"
            'proxy = os.getenv("OPENAI_PROXY")\n'
            "http_client = httpx.AsyncClient(proxy=proxy) if proxy else None\n",
            provider="acme",
            message="reads OPENAI_PROXY only for an HTTP proxy (proxy= of httpx.AsyncClient() on "
            "line 6), the program's own setting: that proxy now carries the traffic of the "
            "clients apply points at Acme Cloud; nothing to change (rename the variable if it "
            "should not name OpenAI)",
        ),
        Example(
            'import os\nREQUIRED = ["OPENAI_API_KEY", "DB_URL"]\n'
            "missing = [v for v in REQUIRED if v not in os.environ]\n",
            provider="acme",
            message="names OPENAI_API_KEY, read from the environment on line 3 (through "
            "REQUIRED); Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)",
            after='import os\nREQUIRED = ["ACME_API_KEY", "DB_URL"]\n'
            "missing = [v for v in REQUIRED if v not in os.environ]\n",
        ),
        Example(
            'class Settings(BaseSettings):\n    key: str = Field(env="OPENAI_API_KEY")\n',
            provider="acme",
            message="names OPENAI_API_KEY, the variable a settings field reads; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied)",
            after='class Settings(BaseSettings):\n    key: str = Field(env="ACME_API_KEY")\n',
        ),
        Example(
            "import os\n\nprint(\n"
            "    f\"OPENAI_API_KEY: {'set' if os.environ['OPENAI_API_KEY'] else 'unset'}\"\n)\n",
            provider="acme",
            message="names OPENAI_API_KEY in a message beside its read, which apply renames: apply "
            "names ACME_API_KEY there too",
            after="import os\n\nprint(\n"
            "    f\"ACME_API_KEY: {'set' if os.environ['ACME_API_KEY'] else 'unset'}\"\n)\n",
        ),
        # s64: a log line printing the key, which rewording would not stop
        Example(
            "import logging\nimport os\n\n"
            'logging.info("OPENAI_API_KEY=%s", os.environ["OPENAI_API_KEY"])\n',
            provider="acme",
            message="names OPENAI_API_KEY in a message that prints the key itself "
            '(`os.environ["OPENAI_API_KEY"]`): a secret leaking into the output and logs, '
            "whichever variable it comes from; remove the key from this line or mask it, by "
            "hand",
            after="import logging\nimport os\n\n"
            'logging.info("OPENAI_API_KEY=%s", os.environ["ACME_API_KEY"])\n',
        ),
        Example(
            'raise RuntimeError("set OPENAI_API_KEY first")\n',
            provider="acme",
            message="names OPENAI_API_KEY in a message; Acme Cloud's key is in ACME_API_KEY: "
            "reword it",
        ),
        # t65b: lmql's error template, a constant a raise formats
        Example(
            '_MISSING = """\\\nDefine the `OPENAI_API_KEY` environment variable or create\n'
            '{path}\n"""\n\n\ndef fail(path):\n'
            "    raise FileNotFoundError(_MISSING.format(path=path))\n",
            provider="acme",
            message="names OPENAI_API_KEY in a message; Acme Cloud's key is in ACME_API_KEY: "
            "reword it",
        ),
        Example(
            '_MISSING = """\\\nDefine the `OPENAI_API_KEY` environment variable or create\n'
            '{path}\n"""\n\n\ndef fail(path):\n'
            "    m = _MISSING.format(path=path)\n    raise FileNotFoundError(m)\n",
            provider="acme",
            message="names OPENAI_API_KEY in a message; Acme Cloud's key is in ACME_API_KEY: "
            "reword it",
        ),
        Example(
            '_HELP = """\\\nDefine the `OPENAI_API_KEY` environment variable\n"""\n\n\n'
            "def show():\n    return _HELP\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n    debug: bool = False\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): the field reads it by "
            "validation_alias= (code building `Settings(openai_api_key=...)` must then pass it "
            "by the alias, `Settings(ACME_API_KEY=...)`: populate_by_name=True would read "
            "OPENAI_API_KEY again)",
            after="from pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\n"
            "class Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(validation_alias="ACME_API_KEY")\n'
            "    debug: bool = False\n",
        ),
        Example(
            "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n\n\nsettings = Settings(openai_api_key=load_key())\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): not switched: the call on "
            "line 8 passes it by name (`Settings(openai_api_key=...)`), which the alias would "
            'refuse; give the field validation_alias="ACME_API_KEY" and pass it there by that '
            "name, `Settings(ACME_API_KEY=...)`, or keep the field and pass it Acme Cloud's key "
            "explicitly, by hand",
        ),
        # a library no table knows handed the field with an OpenAI model and no base URL
        # stays on OpenAI, as a read of OPENAI_API_KEY handed there does (vocode's Whisper)
        Example(
            "from pydantic_settings import BaseSettings\nfrom speechkit import Transcriber\n\n\n"
            "class Settings(BaseSettings):\n    openai_api_key: str\n\n\n"
            "settings = Settings()\n"
            'ears = Transcriber(api_key=settings.openai_api_key, model="whisper-1")\n',
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; not switched: "
            'it goes to Transcriber() on line 10 with the OpenAI model "whisper-1" and no base '
            "URL, a library migrate-llm does not rewrite, which stays on OpenAI: aliased to "
            "ACME_API_KEY, the field would give it Acme Cloud's key, which it would send to "
            "OpenAI; point that call at Acme Cloud (its model, base URL and key) or give it "
            "OpenAI's key from its own variable, then make the field read ACME_API_KEY, by hand",
        ),
        Example(
            "from pydantic import BaseSettings, Field\n\n\nclass Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(..., description="the key")\n'
            '    openai_api_base: str = ""\n',
            provider="acme",
            after="from typing import Annotated\n\n"
            "from pydantic import BaseSettings, Field\n\n\nclass Settings(BaseSettings):\n"
            '    openai_api_key: str = Field(..., description="the key", env="ACME_API_KEY")\n'
            '    openai_api_base: Annotated[str, Field(env="ACME_BASE_URL")] = ""\n',
        ),
        Example(
            "from app.base import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
            "    openai_api_key: str\n",
            provider="acme",
            message="settings field Settings.openai_api_key reads OPENAI_API_KEY; Acme Cloud's "
            "key is in ACME_API_KEY (the OpenAI key is not copied): make the field read it "
            "(validation_alias=, or env= in pydantic<2), by hand",
        ),
        Example(
            "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
            "class Settings(BaseSettings):\n"
            '    model_config = SettingsConfigDict(env_prefix="APP_")\n'
            "    openai_api_key: str\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic import Field, field_validator\n"
            "from pydantic_settings import BaseSettings\n\n\n"
            "class Settings(BaseSettings):\n"
            '    OPENAI_API_KEY: str = Field(validation_alias="ACME_API_KEY")\n\n'
            '    @field_validator("OPENAI_API_KEY", mode="before")\n'
            "    @classmethod\n"
            "    def strip(cls, v):\n"
            "        return v.strip()\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic import BaseSettings\n\nfrom app.constants import PREFIX\n\n\n"
            "class Settings(BaseSettings):\n"
            '    openai_api_key: str = "<set me>"\n\n'
            "    @property\n    def ready(self) -> bool:\n"
            "        return bool(self.openai_api_key)\n\n"
            "    class Config:\n        env_prefix = PREFIX\n\n"
            "        def describe(self):\n            return 'settings'\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\n"
            "class Settings(BaseSettings):\n"
            "    model_config = SettingsConfigDict(case_sensitive=True)\n"
            "    openai_api_key: str\n",
            provider="acme",
            finds=False,
        ),
        Example(
            "import os\n\nfrom chromadb.utils.embedding_functions import "
            "OpenAIEmbeddingFunction\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\nembed = OpenAIEmbeddingFunction(api_key=KEY)\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to OpenAIEmbeddingFunction() on line 6, "
            "chromadb's OpenAIEmbeddingFunction, which migrate-llm does not rewrite: it talks to "
            "OpenAI, where Acme Cloud's key (ACME_API_KEY) must not go; point it at Acme Cloud "
            'with api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") and '
            'model_name="acme-embed" (chromadb\'s keywords) and read ACME_API_KEY, or keep it on '
            "OpenAI, by hand",
        ),
        # t64e: SpeechRecognition's Whisper API recogniser calls OpenAI itself
        Example(
            "import os\n\nimport speech_recognition as sr\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\n\n\n'
            "def transcribe(audio):\n"
            "    return sr.Recognizer().recognize_whisper_api(audio, api_key=KEY)\n",
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to sr.Recognizer().recognize_whisper_api() "
            "on line 9, SpeechRecognition's OpenAI Whisper API recogniser: the library calls "
            "OpenAI's API itself (audio.transcriptions.create, api.openai.com) with the key it "
            "is given and takes no base URL, so given Acme Cloud's key (ACME_API_KEY) it would "
            "send that key to OpenAI; keep OpenAI's key there, or replace the call by a request "
            "to Acme Cloud (ML670 there says how) and then read ACME_API_KEY, by hand",
        ),
        # t56e D1: vanna's README class, its key in the settings dict its base is given
        Example(
            "import os\n\nfrom sqlkit.chat import OpenAI_Chat\nfrom sqlkit.store import Store\n"
            "\n\nclass MyKit(Store, OpenAI_Chat):\n    pass\n\n\n"
            'kit = MyKit(config={"api_key": os.environ.get("OPENAI_API_KEY")})\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes in the settings given as config= to "
            "MyKit() on line 11, a class of the project deriving from OpenAI_Chat, which is "
            "named like OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, Acme "
            "Cloud's "
            "key (ACME_API_KEY) would go there; point it at Acme Cloud (its base URL and key) "
            "and read ACME_API_KEY, or keep it on OpenAI, by hand",
        ),
        Example(
            "import os\n\nfrom vectors import OpenAIEmbedder\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\nembed = OpenAIEmbedder(api_key=KEY)\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to OpenAIEmbedder() on line 6, named like "
            "OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, Acme Cloud's key "
            "(ACME_API_KEY) would go there; point it at Acme Cloud (its base URL and key) and "
            "read ACME_API_KEY, or keep it on OpenAI, by hand",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'KEY = os.getenv("OPENAI_API_KEY")\nclient = OpenAI(api_key=KEY)\nprint(len(KEY))\n',
            provider="acme",
            after="import os\n\nfrom openai import OpenAI\n\n"
            'KEY = os.getenv("ACME_API_KEY", "unset")\nclient = OpenAI(api_key=KEY)\n'
            "print(len(KEY))\n",
        ),
        Example(
            'import os\n\n\ndef base(url=None):\n    return url or os.getenv("OPENAI_BASE_URL")\n',
            provider="acme",
            after="import os\n\n\ndef base(url=None):\n"
            '    return url or os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            'import os\ntimeout = float(os.getenv("OPENAI_TIMEOUT", "30"))\n',
            provider="acme",
            message="reads OPENAI_TIMEOUT, the program's own setting (the openai SDK does not "
            "read it), which works the same with Acme Cloud; nothing to change",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
            'deployment = os.getenv("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")\n'
            'vectors = client.embeddings.create(input=["hi"], model=deployment)\n',
            provider="acme",
            message="reads OPENAI_EMBEDDINGMODEL_DEPLOYMENTID, the model of "
            "client.embeddings.create() on line 7: the variable names an OpenAI or Azure model "
            "or deployment, not Acme Cloud's; set Acme Cloud's model (acme-embed) there, by hand",
        ),
        Example(
            "import os\n\n\ndef client_kwargs(url=None):\n"
            '    return {"api_key": os.environ["OPENAI_API_KEY"], "base_url": url}\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes with the base URL `url` of the same dict "
            "on line 5, chosen at run time (OpenAI's when it is None) and left as it is: given "
            "Acme Cloud's key (ACME_API_KEY) it could send that key to OpenAI; make sure that "
            "URL is Acme Cloud's, then read ACME_API_KEY, by hand",
        ),
        Example(
            "import os\n\n\ndef remember(provider, key):\n"
            '    os.environ[f"{provider.upper()}_API_KEY"] = key\n\n\n'
            'def current_key():\n    return os.environ.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the module sets `*_API_KEY` under a name "
            "computed at run time (line 5), which can be OPENAI_API_KEY: renamed, this read "
            "would miss what that write stores; make both use ACME_API_KEY, by hand",
            after="import os\n\n\ndef remember(provider, key):\n"
            '    os.environ[f"{provider.upper()}_API_KEY"] = key\n\n\n'
            'def current_key():\n    return os.environ.get("OPENAI_API_KEY")\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
            "def dictate(path):\n"
            '    if not os.getenv("OPENAI_API_KEY"):\n'
            '        raise RuntimeError("dictation needs an OpenAI key")\n'
            '    with open(path, "rb") as audio:\n'
            '        return client.audio.transcriptions.create(model="whisper-1", file=audio)\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before "
            "client.audio.transcriptions.create() on line 12, a call to the audio API, which "
            "Acme Cloud does not offer: renamed, the test would pass on Acme Cloud's key while "
            "that feature still needs OpenAI's; replace or remove the feature, then the test, "
            "by hand",
        ),
        # camel's semantic cache example: the test guarded camel's own OpenAI embedding (t44b)
        Example(
            "import os\n\nfrom camel.embeddings import OpenAIEmbedding\n\n"
            'if os.environ.get("OPENAI_API_KEY"):\n    embed = OpenAIEmbedding()\n'
            "else:\n    embed = None\n",
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: it tests for OpenAI's key before "
            "OpenAIEmbedding() on line 6, which apply leaves and which reads OpenAI's key "
            "itself: renamed, the test would pass on Acme Cloud's key while that call still "
            "needs OpenAI's; point that call at Acme Cloud (or replace it), then the test, by "
            "hand",
        ),
        Example(
            'import os\n\nkw = {}\nif os.environ.get("OPENAI_BASE_URL"):\n'
            '    kw["base_url"] = os.environ["OPENAI_BASE_URL"]\n',
            provider="acme",
            after='import os\n\nkw = {}\nif os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"):\n'
            '    kw["base_url"] = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n"
            'url = os.environ["OPENAI_BASE_URL"]\nclient = OpenAI(base_url=url)\n',
            provider="acme",
            message="reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on "
            "line 6, whose key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: "
            "switched, it would send that key to Acme Cloud; point both at Acme Cloud (the key "
            "from ACME_API_KEY) together, by hand",
        ),
        Example(
            "import os\n\nimport zhipuai\n\n\ndef make(api_base=None):\n"
            '    api_base = api_base or os.getenv("OPENAI_API_BASE")\n'
            '    return zhipuai.ZhipuAI(api_key=os.environ["ZHIPUAI_API_KEY"], '
            "base_url=api_base)\n",
            provider="acme",
            message="reads OPENAI_API_BASE; not switched: it is the base URL of zhipuai.ZhipuAI() "
            "on line 8, whose key (from ZHIPUAI_API_KEY) is Zhipu AI (GLM)'s: switched, it would "
            "send that key to Acme Cloud; leave it, or point both at Acme Cloud (the key from "
            "ACME_API_KEY) together, by hand",
        ),
        # t58b D3: Langchain-Chatchat's LocalAIEmbeddings, serving whatever server its caller names
        Example(
            "from langchain_core.utils import get_from_dict_or_env\n\n\n"
            "def validate(values):\n"
            '    values["key"] = get_from_dict_or_env(values, "key", "OPENAI_API_KEY")\n'
            '    values["base"] = get_from_dict_or_env(values, "base", "OPENAI_API_BASE")\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: it goes "
            "with OPENAI_API_BASE (named on line 6), each the fallback of a setting the caller "
            "gives, so the code serves whatever server its caller names: renamed to "
            "ACME_API_KEY, Acme Cloud's key would go to any server a caller names with an empty "
            "key (a local one); leave both, and give the callers meant for Acme Cloud its base "
            "URL and key (from ACME_API_KEY) together",
        ),
        # t58b D1: Langchain-Chatchat's ZhipuAIEmbeddings, its key handed in
        Example(
            "import os\n\nfrom zhipuai import ZhipuAI\n\n\ndef make(api_key, api_base=None):\n"
            '    base = api_base or os.getenv("OPENAI_API_BASE")\n'
            "    return ZhipuAI(api_key=api_key, base_url=base)\n",
            provider="acme",
            message="reads OPENAI_API_BASE; not switched: it is the base URL of ZhipuAI() on line "
            "8, a client of another service's own SDK (zhipuai.ZhipuAI), which sends that "
            "service's key, not OpenAI's: switched, it would send that key to Acme Cloud; leave "
            "it, or point that client at Acme Cloud (the key from ACME_API_KEY) by hand",
        ),
        Example(
            "import os\n\nimport zhipuai\n\n\ndef validate(values):\n"
            '    values["api_base"] = values["api_base"] or os.getenv("OPENAI_API_BASE")\n'
            '    key = os.environ["ZHIPUAI_API_KEY"]\n'
            '    return zhipuai.ZhipuAI(api_key=key, base_url=values["api_base"])\n',
            provider="acme",
            message="reads OPENAI_API_BASE; not switched: it is the base URL of zhipuai.ZhipuAI() "
            "on line 9, whose key (from ZHIPUAI_API_KEY) is Zhipu AI (GLM)'s: switched, it would "
            "send that key to Acme Cloud; leave it, or point both at Acme Cloud (the key from "
            "ACME_API_KEY) together, by hand",
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
            "    return OpenAI(\n"
            "        api_key=key if key is not None else default_key(),\n"
            '        base_url=base if base is not None else os.getenv("OPENAI_BASE_URL"),\n'
            "    )\n",
            provider="acme",
            message="reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on "
            "line 7, whose key (`key if key is not None else default_key()`) may be None, and "
            "the SDK then sends OPENAI_API_KEY: switched, it would send that key to Acme Cloud; "
            "make that key Acme Cloud's where it is None (from ACME_API_KEY), then switch both, "
            "by hand",
            after="import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
            "    return OpenAI(\n"
            "        api_key=key if key is not None else default_key(),\n"
            '        base_url=base if base is not None else os.getenv("OPENAI_BASE_URL"),\n'
            "    )\n",
        ),
        Example(
            'import os\n\nimport httpx\n\nINGEST = "https://api.openai.com/v1/traces/ingest"\n'
            "\n\ndef key():\n"
            '    return os.environ.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which the module does not show going only to a client "
            "apply points at Acme Cloud, beside the OpenAI URL "
            "https://api.openai.com/v1/traces/ingest on line 5, which apply leaves (ML402): "
            "given Acme Cloud's key (ACME_API_KEY) it could send that key there, to OpenAI; "
            "point that URL and this key at Acme Cloud together, or keep both on OpenAI, by hand",
            after='import os\n\nimport httpx\n\nINGEST = "https://api.openai.com/v1/traces/ingest"\n'
            "\n\ndef key():\n"
            '    return os.environ.get("OPENAI_API_KEY")\n',
        ),
        Example(
            'import os\n\nkey = os.getenv("OPENAI_API_KEY") or cfg.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the module also uses the name as a key "
            'on line 3 (`cfg.get("OPENAI_API_KEY")`), which apply does not rename: renamed alone, '
            "this read and that key would name different variables; make both use ACME_API_KEY, "
            "by hand",
            after='import os\n\nkey = os.getenv("OPENAI_API_KEY") or cfg.get("OPENAI_API_KEY")\n',
        ),
        Example(
            'import os\nkey = os.environ["AZURE_OPENAI_API_KEY"]\n',
            provider="acme",
            message="reads AZURE_OPENAI_API_KEY, Azure OpenAI's key; not switched to ACME_API_KEY: "
            "Acme Cloud's key must not go where Azure's does (a client left on Azure OpenAI would "
            "send it there); a client apply points at Acme Cloud reads ACME_API_KEY itself: remove "
            "this read once nothing uses it, by hand",
        ),
        Example(
            "import os\n\nfrom .provider import get_llm\n\n"
            'llm = get_llm("chat", base_url=os.getenv("OPENAI_BASE_URL"))\n',
            provider="acme",
            message="reads OPENAI_BASE_URL; not switched: it goes to get_llm() on line 5, the "
            "project's own (imported from .provider), with no key beside it: a client built "
            "there from it keeps OpenAI's key (OPENAI_API_KEY, which it reads itself, or the key "
            "given it there): switched, it would send that key to Acme Cloud; pass Acme Cloud's "
            "key (from ACME_API_KEY) with it, or point both at Acme Cloud where that client is "
            "built, by hand",
            after="import os\n\nfrom .provider import get_llm\n\n"
            'llm = get_llm("chat", base_url=os.getenv("OPENAI_BASE_URL"))\n',
        ),
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    api_key=os.getenv("ACME_API_KEY") or os.getenv("APP_OPENAI_API_KEY"),\n)\n',
            provider="acme",
            message="reads APP_OPENAI_API_KEY, which holds an OpenAI key by its name; it goes to "
            "Acme Cloud with Acme Cloud's key (ACME_API_KEY): remove it from the chain or point "
            "it at a variable holding Acme Cloud's key, by hand",
        ),
        Example(
            "import os\n\n"
            "from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n\n"
            'ef = OpenAIEmbeddingFunction(api_key=os.environ["ACME_API_KEY"])\n',
            provider="acme",
            message="reads ACME_API_KEY, which goes to OpenAIEmbeddingFunction() on line 5, "
            "chromadb's OpenAIEmbeddingFunction, given no base URL: it talks to OpenAI, so Acme "
            "Cloud's key would go there; apply passes it api_base=os.environ.get("
            '"ACME_BASE_URL", "https://api.acme.example/v1") and model_name="acme-embed" '
            "(chromadb's keywords)",
            after="import os\n\n"
            "from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n\n"
            "ef = OpenAIEmbeddingFunction(\n"
            '    api_key=os.environ["ACME_API_KEY"],\n'
            '    api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            '    model_name="acme-embed",\n)\n',
        ),
        Example(
            "import os\n\nfrom sqlkit.chat import OpenAI_Chat\n\n"
            'CONFIG = {"api_key": os.environ["ACME_API_KEY"]}\nkit = OpenAI_Chat(config=CONFIG)\n',
            provider="acme",
            message="reads ACME_API_KEY, which goes in the settings given as config= to "
            "OpenAI_Chat() on line 6, named like OpenAI and not rewritten by migrate-llm, given "
            "no base URL: it talks to OpenAI, so Acme Cloud's key goes there; give it Acme "
            "Cloud's base URL (the setting it takes for one), or keep it on OpenAI with "
            "OpenAI's key, by hand",
        ),
        Example(
            "import os\n\nfrom vectors import OpenAIEmbedder\n\n"
            'ef = OpenAIEmbedder(api_key=os.environ["ACME_API_KEY"])\n',
            provider="acme",
            message="reads ACME_API_KEY, which goes to OpenAIEmbedder() on line 5, a class named "
            "like OpenAI that migrate-llm does not rewrite, given no base URL: it talks to OpenAI, "
            'so Acme Cloud\'s key goes there; pass it base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1") (or the keyword it takes for one), or keep it on '
            "OpenAI with OpenAI's key, by hand",
        ),
        # t60a D7, A1: camel's OpenAIModel, its key and base URL each the caller's or a read
        Example(
            "import os\n\n\n"
            "def settings(api_key=None, url=None):\n"
            '    api_key = api_key or os.environ.get("OPENAI_API_KEY")\n'
            '    url = url or os.environ.get("OPENAI_API_BASE_URL")\n'
            "    return api_key, url\n",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            "is not copied), read only where the caller gives no key and its base URL `url` is "
            "empty or Acme Cloud's (the read on line 6): another server keeps the key the "
            "caller gives",
            after="import os\n\n\n"
            "def settings(api_key=None, url=None):\n"
            "    api_key = api_key or (\n"
            '        os.environ.get("ACME_API_KEY")\n'
            "        if not url\n"
            '        or str(url).rstrip("/").lower()\n'
            "        in (\n"
            '            os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '            .rstrip("/")\n'
            "            .lower(),\n"
            '            "https://api.acme.example/v1",\n'
            "        )\n"
            "        else api_key\n"
            "    )\n"
            '    url = url or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            "    return api_key, url\n",
        ),
        # review of t60b: the key stored for a `**`-built client (crewAI's wrapper), tied to the
        # URL the caller gives in the same data
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    @classmethod\n"
            "    def fill(cls, data):\n"
            '        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")\n'
            "        return data\n\n"
            "    def params(self):\n"
            '        return {"api_key": self.api_key, "base_url": self.base_url or '
            'os.getenv("OPENAI_BASE_URL") or None}\n\n'
            "    def client(self):\n"
            "        return OpenAI(**self.params())\n",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            'is not copied); with the default "unset": given None, OpenAI() on line 16 would '
            "read OPENAI_API_KEY and send the OpenAI key to Acme Cloud; read only where the "
            'caller gives no key and its base URL `data.get("base_url")` is empty or Acme '
            "Cloud's: another server keeps the key the caller gives",
            after="import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    @classmethod\n"
            "    def fill(cls, data):\n"
            '        data["api_key"] = data.get("api_key") or (\n'
            '            os.getenv("ACME_API_KEY", "unset")\n'
            '            if not data.get("base_url")\n'
            '            or str(data.get("base_url")).rstrip("/").lower()\n'
            "            in (\n"
            '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            '                "https://api.acme.example/v1",\n'
            "            )\n"
            '            else data.get("api_key")\n'
            "        )\n"
            "        return data\n\n"
            "    def params(self):\n"
            "        return {\n"
            '            "api_key": self.api_key,\n'
            '            "base_url": self.base_url\n'
            '            or os.getenv("ACME_BASE_URL")\n'
            '            or "https://api.acme.example/v1",\n'
            "        }\n\n"
            "    def client(self):\n"
            "        return OpenAI(**self.params())\n",
        ),
        # s62: the mapping also updated from another the tie cannot read: tied, for review
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    @classmethod\n"
            "    def fill(cls, data):\n"
            '        data["api_key"] = data.get("api_key") or os.getenv("OPENAI_API_KEY")\n'
            "        return data\n\n"
            "    def params(self):\n"
            '        params = {"api_key": self.api_key, "base_url": self.base_url}\n'
            "        params.update(self.extra)\n"
            "        return params\n\n"
            "    def client(self):\n"
            "        return OpenAI(**self.params())\n",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            'is not copied); with the default "unset": given None, OpenAI() on line 18 would '
            "read OPENAI_API_KEY and send the OpenAI key to Acme Cloud; read only where the "
            'caller gives no key and its base URL `data.get("base_url")` is empty or Acme '
            "Cloud's: another server keeps the key the caller gives; but the client's mapping "
            "is also written by `params.update(self.extra)` on line 14, which may give it "
            "another base URL: that URL is not compared, and Acme Cloud's key would go there; "
            "check what it can hold",
            after="import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    @classmethod\n"
            "    def fill(cls, data):\n"
            '        data["api_key"] = data.get("api_key") or (\n'
            '            os.getenv("ACME_API_KEY", "unset")\n'
            '            if not data.get("base_url")\n'
            '            or str(data.get("base_url")).rstrip("/").lower()\n'
            "            in (\n"
            '                os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                .rstrip("/")\n'
            "                .lower(),\n"
            '                "https://api.acme.example/v1",\n'
            "            )\n"
            '            else data.get("api_key")\n'
            "        )\n"
            "        return data\n\n"
            "    def params(self):\n"
            '        params = {"api_key": self.api_key, "base_url": self.base_url}\n'
            "        params.update(self.extra)\n"
            "        return params\n\n"
            "    def client(self):\n"
            "        return OpenAI(**self.params())\n",
        ),
        # s62: a client's own key beside the URL its caller sets, tied to that URL
        Example(
            "import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    def client(self):\n"
            "        return OpenAI(\n"
            '            api_key=self.api_key or os.getenv("OPENAI_API_KEY"),\n'
            '            base_url=self.base_url or os.getenv("OPENAI_BASE_URL"),\n'
            "        )\n",
            provider="acme",
            message="reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key "
            'is not copied); with the default "unset": given None, OpenAI() on line 8 would '
            "read OPENAI_API_KEY and send the OpenAI key to Acme Cloud; read only where the "
            "caller gives no key and its base URL `self.base_url` is empty or Acme Cloud's: "
            "another server keeps the key the caller gives",
            after="import os\n\nfrom openai import OpenAI\n\n\n"
            "class Chat:\n"
            "    def client(self):\n"
            "        return OpenAI(\n"
            "            api_key=self.api_key\n"
            "            or (\n"
            '                os.getenv("ACME_API_KEY", "unset")\n'
            "                if not self.base_url\n"
            '                or str(self.base_url).rstrip("/").lower()\n'
            "                in (\n"
            '                    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '                    .rstrip("/")\n'
            "                    .lower(),\n"
            '                    "https://api.acme.example/v1",\n'
            "                )\n"
            "                else self.api_key\n"
            "            ),\n"
            "            base_url=self.base_url\n"
            '            or os.getenv("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            "        )\n",
        ),
        Example(
            "import os\n\nfrom .checks import keys_required\n\n\n"
            '@keys_required([("api_key", "OPENAI_API_KEY")])\n'
            "def key(api_key=None):\n"
            '    return api_key or os.environ.get("OPENAI_API_KEY")\n',
            provider="acme",
            message="names OPENAI_API_KEY in a decorator of `key`, whose read of it on line 8 "
            "apply renames to ACME_API_KEY: apply names ACME_API_KEY here too, so the decorator "
            "checks the variable the function reads",
            after="import os\n\nfrom .checks import keys_required\n\n\n"
            '@keys_required([("api_key", "ACME_API_KEY")])\n'
            "def key(api_key=None):\n"
            '    return api_key or os.environ.get("ACME_API_KEY")\n',
        ),
        Example('import os\nkey = os.environ["ACME_API_KEY"]\nprint("hello")\n', finds=False),
        # t63 leak2: the caller posts OpenAI's key to /threads and hands it to chat()
        Example(
            "import os\n\nimport openai\nimport requests\n\n\n"
            "def chat(messages, api_key=None):\n"
            '    api_key = api_key or os.environ["OPENAI_API_KEY"]\n'
            "    client = openai.OpenAI(\n"
            '        base_url="https://api.openai.com/v1", api_key=api_key\n'
            "    )\n"
            '    return client.chat.completions.create(model="gpt-4o", messages=messages)\n\n\n'
            "def main():\n"
            '    key = os.environ["OPENAI_API_KEY"]\n'
            "    requests.post(\n"
            '        "https://api.openai.com/v1/threads", headers={"Authorization": key}\n'
            "    )\n"
            "    return chat([], api_key=key)\n",
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the call on line 20 gives chat() the key "
            "read on line 16, which stays OpenAI's for the raw request to OpenAI on line 17 (see "
            "ML403): renamed, this read would move its client to Acme Cloud with OpenAI's key; "
            "the client stays on OpenAI. Give it Acme Cloud's key (ACME_API_KEY) and URL "
            "together, by hand",
        ),
        # t63b: the key read renamed by hand, the base-URL read beside it still OpenAI's
        Example(
            "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY"),\n'
            '    base_url=os.environ.get("OPENAI_BASE_URL"),\n'
            ")\n",
            provider="acme",
            message="reads OPENAI_BASE_URL; Acme Cloud's base URL is in ACME_BASE_URL (default "
            "https://api.acme.example/v1); as the code stands, Acme Cloud's key goes to OpenAI: "
            "this read gives OpenAI() on line 5 its base URL, OpenAI's (https://api.openai.com/v1) "
            "while OPENAI_BASE_URL is unset, and that client's key reads ACME_API_KEY (line 6): "
            "apply reads ACME_BASE_URL here, with Acme Cloud's URL as its default",
            after="import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY"),\n'
            '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
            ")\n",
        ),
        # t65b: a base URL built into an Azure deployment's URL is an Azure endpoint
        Example(
            "import os\n\n\ndef azure_url(deployment):\n"
            '    base = os.environ.get("OPENAI_API_BASE")\n'
            '    return f"{base}/openai/deployments/{deployment}/chat/completions?api-version=1"\n',
            provider="acme",
            message="reads OPENAI_API_BASE; not switched: its value is the Azure OpenAI endpoint "
            "of the request URL built on line 6 (a deployment path or api-version), whose "
            "requests carry an Azure key: pointed at Acme Cloud, they would send that key "
            "there, on a path Acme Cloud does not serve. It stays Azure's, as Azure clients do; "
            "move the request to Acme Cloud (its URL, path and key together) or keep it on "
            "Azure, by hand",
            after="import os\n\n\ndef azure_url(deployment):\n"
            '    base = os.environ.get("OPENAI_API_BASE")\n'
            '    return f"{base}/openai/deployments/{deployment}/chat/completions?api-version=1"\n',
        ),
        # t65b: the provider's base URL an earlier apply wrote there is an error
        Example(
            "import os\n\n\ndef azure_url(deployment):\n"
            '    base = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
            '    return f"{base}/openai/deployments/{deployment}/chat/completions?api-version=1"\n',
            provider="acme",
            message="reads ACME_BASE_URL into the Azure OpenAI request URL built on line 6 (a "
            "deployment path or api-version), whose requests carry an Azure key: that key goes "
            "to Acme Cloud, on a path Acme Cloud does not serve; read the Azure resource's "
            "endpoint there again, or move the request to Acme Cloud (its URL, path and key "
            "together), by hand",
        ),
        # t65b: and the key read of the function building it, sent in its `api-key` header
        Example(
            "import os\n\n\ndef azure_request(base, deployment):\n"
            '    url = base + "/openai/deployments/" + deployment + "/embeddings?api-version=1"\n'
            '    return url, {"api-key": os.environ["OPENAI_API_KEY"]}\n',
            provider="acme",
            message="reads OPENAI_API_KEY; not switched: the function reading it builds an "
            "Azure OpenAI request URL on line 5 (a deployment path or api-version), whose "
            "requests carry an Azure key: renamed, this read would send Acme Cloud's key to "
            "Azure. It stays Azure's with that URL; move the request to Acme Cloud (its URL, "
            "path and key together) or keep it on Azure, by hand",
            after="import os\n\n\ndef azure_request(base, deployment):\n"
            '    url = base + "/openai/deployments/" + deployment + "/embeddings?api-version=1"\n'
            '    return url, {"api-key": os.environ["OPENAI_API_KEY"]}\n',
        ),
        # t66d: python-decouple's `config()` reads a variable as `os.environ.get` does: renamed
        # in place, so a value kept in `.env` (which decouple reads) is still the one read
        Example(
            "from decouple import config\n\n"
            'BASE_URL = config("OPENAI_API_BASE", default="https://api.openai.com/v1")\n',
            provider="acme",
            message="reads OPENAI_API_BASE; Acme Cloud's base URL is in ACME_BASE_URL (default "
            "https://api.acme.example/v1)",
            after="from decouple import config\n\n"
            'BASE_URL = config("ACME_BASE_URL", default="https://api.openai.com/v1")\n',
        ),
        # t66d: kotaemon's settings dict: the key read stays, so do its URL and model
        Example(
            "from decouple import config\n\n"
            'API_KEY = config("OPENAI_API_KEY", default="")\n\n'
            "LLM = {\n"
            '    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",\n'
            '    "api_key": API_KEY,\n'
            '    "model": "gpt-4o-mini",\n'
            "}\n",
            provider="acme",
            message='reads OPENAI_API_KEY, which goes with the base URL `config("OPENAI_API_BASE", '
            'default="") or "https://api.opena…` of the same dict on line 7, chosen at run time '
            "(OpenAI's when it is None) and left as it is: given Acme Cloud's key (ACME_API_KEY) "
            "it could send that key to OpenAI; make sure that URL is Acme Cloud's, then read "
            "ACME_API_KEY, by hand",
            after="from decouple import config\n\n"
            'API_KEY = config("OPENAI_API_KEY", default="")\n\n'
            "LLM = {\n"
            '    "base_url": config("OPENAI_API_BASE", default="") or "https://api.openai.com/v1",\n'
            '    "api_key": API_KEY,\n'
            '    "model": "gpt-4o-mini",\n'
            "}\n",
        ),
        Example(
            "import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'config = LLMConfig(provider="openai/gpt-4o-mini", '
            'api_token=os.getenv("OPENAI_API_KEY"))\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to LLMConfig() on line 5 with the OpenAI "
            "model 'openai/gpt-4o-mini' and no base URL of Acme Cloud's: the model string sends "
            "the call to OpenAI, so given Acme Cloud's key (ACME_API_KEY) it would send it to "
            "OpenAI; point the call at Acme Cloud (its model, base URL and key) and read "
            "ACME_API_KEY, or keep it on OpenAI, by hand",
            after="import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'config = LLMConfig(provider="openai/gpt-4o-mini", '
            'api_token=os.getenv("OPENAI_API_KEY"))\n',
        ),
        Example(
            "import os\n\nKEYS = {\n"
            '    "groq": os.getenv("GROQ_API_KEY"),\n'
            '    "openai": os.getenv("OPENAI_API_KEY"),\n'
            "}\n",
            provider="acme",
            message="reads OPENAI_API_KEY under 'openai' in KEYS, a table keyed by service: "
            "OpenAI's key for OpenAI, which stays (renamed, the provider's key would go wherever "
            "'openai' sends it); where the program should reach Acme Cloud, add an entry for it "
            "reading ACME_API_KEY, by hand",
            after="import os\n\nKEYS = {\n"
            '    "groq": os.getenv("GROQ_API_KEY"),\n'
            '    "openai": os.getenv("OPENAI_API_KEY"),\n'
            "}\n",
        ),
        Example(
            "import os\n\nfrom crawl4ai import LLMConfig\n\n\n"
            "def make(provider, api_token=None):\n"
            "    return LLMConfig(provider=provider, api_token=api_token)\n\n\n"
            'config = make("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))\n',
            provider="acme",
            message="reads OPENAI_API_KEY, which goes to make() on line 10 with the OpenAI "
            "model 'openai/gpt-4o' and no base URL of Acme Cloud's: the model string sends "
            "the call to OpenAI, so given Acme Cloud's key (ACME_API_KEY) it would send it to "
            "OpenAI; point the call at Acme Cloud (its model, base URL and key) and read "
            "ACME_API_KEY, or keep it on OpenAI, by hand",
            after="import os\n\nfrom crawl4ai import LLMConfig\n\n\n"
            "def make(provider, api_token=None):\n"
            "    return LLMConfig(provider=provider, api_token=api_token)\n\n\n"
            'config = make("openai/gpt-4o", os.getenv("OPENAI_API_KEY"))\n',
        ),
        Example(
            "import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'config = LLMConfig(provider="openai/gpt-4o", api_token=os.getenv("ACME_API_KEY"))\n',
            provider="acme",
            message="reads ACME_API_KEY, which goes to LLMConfig() on line 5 beside "
            '`"openai/gpt-4o"`, a model on litellm\'s OpenAI route: the model string sends the '
            "call, and Acme Cloud's key, to OpenAI; give it Acme Cloud's model and route, or "
            "read OpenAI's key there, by hand",
            after="import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'config = LLMConfig(provider="openai/gpt-4o", api_token=os.getenv("ACME_API_KEY"))\n',
        ),
        Example(
            'DEFAULT_PROVIDER = "openai/gpt-4o"\nDEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"\n',
            provider="acme",
            message='names OPENAI_API_KEY beside `DEFAULT_PROVIDER = "openai/gpt-4o"` on line '
            "1, a model on litellm's OpenAI route: the key read under this name goes with that "
            "model to OpenAI, so naming ACME_API_KEY here would send Acme Cloud's key to "
            "OpenAI; change that model and this name together, by hand",
            after='DEFAULT_PROVIDER = "openai/gpt-4o"\n'
            'DEFAULT_PROVIDER_API_KEY = "OPENAI_API_KEY"\n',
        ),
        Example(
            "import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'if os.getenv("OPENAI_API_KEY"):\n'
            '    config = LLMConfig(provider="openai/gpt-4o", '
            'api_token=os.getenv("OPENAI_API_KEY"))\n',
            provider="acme",
            message="reads OPENAI_API_KEY to test that it is set; not switched: the read of "
            "OPENAI_API_KEY on line 6 stays as it is (see there), and renamed, this test would "
            "ask for ACME_API_KEY while that read needs OPENAI_API_KEY; switch both together, "
            "by hand",
            after="import os\n\nfrom crawl4ai import LLMConfig\n\n"
            'if os.getenv("OPENAI_API_KEY"):\n'
            '    config = LLMConfig(provider="openai/gpt-4o", '
            'api_token=os.getenv("OPENAI_API_KEY"))\n',
        ),
    )

    def _read_branch(self, node: cst.CSTNode, name: str) -> cst.If | None:
        """The branch for models on LangChain's `openai:` route holding the read `node` of
        OpenAI's key variable `name`, switching (`langchain_routes.route_test`)."""
        if name not in key_variables(self.ctx) or not self.ctx.rules.switching:
            return None
        return route_test(self.ctx, node)

    def _beside_current(self, name: str, read: set[str]) -> bool:
        """Whether `name` is openai<1's name of a variable the module also reads by its
        current name, or by the provider's name for it (once `apply` has renamed that); or a
        variable of the program's holding OpenAI's key or base URL (`env_roles`) beside
        another the module reads for it (`same_role`)."""
        current = LEGACY_ENV.get(name)
        if current is None:
            return same_role(self.ctx, name, read) is not None
        if current in read:
            return True
        new = self._target(current)
        # each spelling searched for once per module, not at each read
        return new is not None and (self.ctx.mentions(f'"{new}"') or self.ctx.mentions(f"'{new}'"))

    def _alias_message(self, name: str, read: set[str]) -> str:
        """For openai<1's name of a variable the module also reads by its current name; for
        a variable of `env_roles` beside another holding the same (`same_role`)."""
        if name not in LEGACY_ENV:
            role, other = role_of(self.ctx, name), same_role(self.ctx, name, read)
            assert role is not None and other is not None
            new = self._target(name) or "the provider's variable"
            renamed = f" (renamed to {new})" if other != new else ""
            return (
                f"reads {name}, {role.said}, beside {other}, which this module also reads"
                f"{renamed}: renamed too, both would read {new}; keep one read of {new}, by hand"
            )
        current = LEGACY_ENV[name]
        new = self._target(current) or "the provider's variable"
        return (
            f"reads {name}, openai<1's name for {current}, which this module also reads "
            f"(renamed to {new}): renamed too, both would read {new}, and code that warns "
            f"about the old name would warn whenever {new} is set; remove this read by hand"
        )

    def _advice(self, name: str) -> tuple[str, FixClass, Severity]:
        where = self._where(name)
        role = role_of(self.ctx, name)
        if where is not None and role is not None:
            return f"reads {name}, {role.said}; {where}", FixClass.SAFE, self.severity
        if where is not None:
            return f"reads {name}; {where}", FixClass.SAFE, self.severity
        if own_setting(name):
            return f"reads {name}, {self._own()}", FixClass.NONE, Severity.NOTE
        return f"reads {name}, {self._no_equivalent(name)}", FixClass.MANUAL, self.severity

    def _unset_default(self, client: cst.Call) -> str:
        """What a key read given the default "unset" (`key_read_default`) adds to its message."""
        target = self._provider_name
        line = self.ctx.line_label(self.ctx.position(client)[0][0])
        return (
            f'; with the default "unset": given None, {self.snippet(client.func)}() on {line} '
            f"would read OPENAI_API_KEY and send the OpenAI key to {target}"
        )

    def _spread_tie(self, url: str) -> str:
        """What a key read tied to the caller's URL (`tied_spread_edit`) adds to its message."""
        target = self._provider_name
        return (
            f"; read only where the caller gives no key and its base URL `{url}` is empty or "
            f"{target}'s: another server keeps the key the caller gives"
        )

    def _unseen_writes(self, tie: SpreadTie) -> str:
        """What a key read tied to the caller's URL adds to its message where the client's
        mapping is also written in ways the tie cannot see through (`tie.unseen`): a base URL
        given there is not compared, so the finding is for review."""
        if not tie.unseen:
            return ""
        target = self._provider_name
        writes = ", ".join(
            f"`{self.snippet(call)}` on {self.ctx.line_label(self.ctx.position(call)[0][0])}"
            for call in tie.unseen
        )
        return (
            f"; but the client's mapping is also written by {writes}, which may give it "
            f"another base URL: that URL is not compared, and {target}'s key would go there; "
            "check what it can hold"
        )

    def _converted(self, name: str, call: cst.Call, keyword: str) -> tuple[str, FixClass, Severity]:
        """For a read of a variable with no provider variable for it, given to an Azure client
        or class `apply` converts as an argument that conversion replaces or drops
        (`converted_argument`): it goes with the rewrite."""
        target = self._provider_name
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        message = (
            f"reads {name} for {keyword}= of {self.snippet(call.func)}() on {line}, which apply "
            f"points at {target}: that argument goes with the rewrite"
        )
        return message, FixClass.NONE, Severity.NOTE

    def _model(self, names: EnvNames, accesses: list[EnvAccess], name: str) -> str | None:
        """Why reads of a variable that is no key or base URL are left, manual, when it names a
        model (`names_model`) or its value is the model of a request apply moves to the
        provider (`model_requests`): that is OpenAI's or Azure's model, not the provider's. On
        an Azure target a model is a deployment: left to the model rules."""
        if self._where(name) is not None or (self.provider and self.provider.azure):
            return None
        requests = [c for a in accesses for c in model_requests(self.ctx, a)]
        if requests or names_model(name):
            return self._model_reason(requests)
        return None

    def visit_Module(self, node: cst.Module) -> None:
        self._module_reads()
        self._openai_secrets_sent()
        self._provider_base_in_azure()
        self._provider_base_as_endpoint()
        self._followed_libraries()

    def _followed_libraries(self) -> None:
        """Report an unknown library's settings call given a key read that follows an OpenAI
        client (`unmoved_settings.followed_library`: renamed with it, or so renamed) and no
        base URL: the library gets the provider's key and its own default URL, which may be
        OpenAI's; a warning until it is given the provider's base URL."""
        provider = self.provider
        text = self.ctx.text
        if provider is None or not self.ctx.rules.switching:
            return
        if "OPENAI" not in text and provider.api_key_env not in text:
            return
        names = env_names(self.ctx)
        keys = key_variables(self.ctx) | {provider.api_key_env}
        seen: set[int] = set()
        for access in names.accesses:
            if access.kind != "read" or not any(s.value in keys for s in access.sources):
                continue
            found = followed_library(self.ctx, access.node)
            if found is None or id(found.call) in seen:
                continue
            seen.add(id(found.call))
            read = self.ctx.line_label(self.ctx.position(access.node)[0][0])
            model = found.model
            given = f"the OpenAI model `{self.snippet(model)}` and " if model is not None else ""
            also = "the model" if model is not None else "its model"
            self.report(
                found.call,
                f"{self.snippet(found.call.func)}() gets the key read on {read}, which goes to "
                f"an OpenAI client too and follows it to {provider.name}'s key "
                f"({provider.api_key_env}), with {given}no base URL: migrate-llm does not know "
                f"that library and gives it none, so its default URL, which may be OpenAI's, "
                f"would get {provider.name}'s key; give it a base URL of {provider.name}'s "
                f"({provider.base_url}) and {also}, by hand",
                fix=FixClass.MANUAL,
            )

    def _provider_base_in_azure(self) -> None:
        """Report a read of the provider's base-URL variable whose value the module builds
        into an Azure OpenAI request's URL (`azure_bases.azure_url_built`; an earlier apply's
        work): an error, as that request sends its Azure key to the provider."""
        provider = self.provider
        if provider is None or provider.azure is not None or not self.ctx.rules.switching:
            return
        text = self.ctx.text
        if provider.base_url_env not in text or not any(m in text for m in AZURE_URL_MARKS):
            return
        for access in env_names(self.ctx).accesses:
            if access.kind != "read" or provider.base_url_env not in access.names:
                continue
            built = azure_url_built(self.ctx, access.node)
            if built is None:
                continue
            line = self.ctx.line_label(self.ctx.position(built)[0][0])
            self.report(
                access.node,
                f"reads {provider.base_url_env} into the Azure OpenAI request URL built on "
                f"{line} (a deployment path or api-version), whose requests carry an Azure "
                f"key: that key goes to {provider.name}, on a path {provider.name} does not "
                "serve; read the Azure resource's endpoint there again, or move the request "
                f"to {provider.name} (its URL, path and key together), by hand",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data={"variable_from": provider.base_url_env},
            )

    def _provider_base_as_endpoint(self) -> None:
        """Report a read of the provider's base-URL variable whose default is a whole endpoint
        (`os.environ.get("ZAI_BASE_URL", ".../chat/completions")`, renamed by hand as ML401
        asked of MindSearch's OPENAI_API_BASE, t66c): the program posts to the variable's
        value as it is, while apply's Next line and the .env lines it writes set it to the
        base URL alone, so the requests go to the base URL (404). A warning, manual."""
        provider, base = self.provider, self.ctx.rules.base_url
        if provider is None or base is None or provider.base_url_env not in self.ctx.text:
            return
        for access in env_names(self.ctx).accesses:
            if access.kind != "read" or provider.base_url_env not in access.names:
                continue
            found = endpoint_default(access.node)
            if found is None:
                continue
            url, path = found
            self.report(
                access.node,
                f"reads {provider.base_url_env} as a whole endpoint (its default {url} ends in "
                f"{path}), but {provider.base_url_env} holds {provider.name}'s base URL without "
                f"the path ({base}: apply's Next line and the .env lines it writes set it so): "
                f"set that way, the requests go to the base URL; read "
                f"`{path_url_expr(provider, base, path)}`, or a variable of your own for the "
                "endpoint, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
                data={"variable_from": provider.base_url_env, "endpoint_path": path},
            )

    def _openai_secrets_sent(self) -> None:
        """Report the strings naming a key of OpenAI's under the program's own name (a variable,
        a key file's entry) whose value reaches a name another module of the project sends to
        the provider's URL (`imported_keys.openai_named_secrets`): an error, no edit."""
        for string, what, sent in openai_named_secrets(self.ctx):
            if id(string) in self.done:
                continue
            self.report(
                string,
                self._openai_secret_message(what, sent),
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data={"sent_by": sent.sender, "name": sent.name},
            )

    def _module_reads(self) -> None:
        if "OPENAI" not in self.ctx.text:
            # every name this rule follows is spelled out somewhere in the module; a prompt
            # of the provider's key may still name OpenAI, and a settings dict may go to a
            # class of another module deriving from one named so (`openai_configs`)
            text = self.ctx.text
            if "openai" in text.lower() or re.search(SETTINGS_TO_CLASS, text) is not None:
                self._provider_reads(env_names(self.ctx), set())
            return
        names = env_names(self.ctx)
        raw = raw_http(self.ctx)
        indirect: dict[int, tuple[NameSource, list[EnvAccess]]] = {}
        guarded = guards(self.ctx)
        reads = considered_reads(self.ctx, names)
        kept = []
        for access in reads:
            if removes_variable(self.ctx, names, access.node):
                self._removal(names, access)
            else:
                kept.append(access)
        reads = kept
        found = {id(a): names.openai_sources(a) for a in reads}
        read = {s.value for sources in found.values() for s in sources}
        urls_left = self._urls_left(names, reads)
        switched: set[int] = set()  # the key reads renamed (by node id)
        aliases: list[_KeptReport] = []  # reports of key aliases, kept back
        shown: list[_ShownRead] = []  # reads in messages apply would rename, kept back
        tests: list[_ShownRead] = []  # tests that a key is set apply would rename, kept back
        tied: list[_TiedRead] = []  # key reads beside a caller's URL, kept back
        unswitched: dict[str, cst.CSTNode] = {}  # a read (or name) of each variable left
        for access in reads:
            sources = found[id(access)]
            for source in sources:
                self.done.add(id(source.node))
            if len(sources) == 1 and not sources[0].via and len(access.sources) == 1:
                source = sources[0]
                message, fix, severity = self._advice(source.value)
                if (model := self._model(names, [access], source.value)) is not None:
                    message, fix = f"reads {source.value}, {model}", FixClass.MANUAL
                    severity = self.severity
                edit = None if written(names, source) else self._edit(source.node, source.value)
                spread: tuple[Edit, SpreadTie] | None = None  # a tie to the caller's URL
                if edit is not None:
                    edit = self._url_read(edit, access.node, source)
                    last = self._last(access.node)
                    edit, keyed = key_read_default(self.ctx, names, edit, access.node, source, last)
                    if keyed is not None:
                        message += self._unset_default(keyed)
                        tie = spread_caller_url(self.ctx, names, access.node, keyed)
                        if tie is not None:
                            edit = tied_spread_edit(self.ctx, access.node, edit, tie.given, tie.url)
                            message += self._spread_tie(tie.url) + self._unseen_writes(tie)
                            spread = edit, tie
                if written(names, source) and fix is FixClass.SAFE:
                    message, fix = self._written(source), FixClass.MANUAL
                elif (branch := self._read_branch(access.node, source.value)) is not None:
                    edit, fix, severity = None, FixClass.MANUAL, self.severity
                    message = route_key_left(self.ctx, f"reads {source.value}", branch)
                    if (own := route_key_branch(self.ctx, branch)) is not None:
                        fix, severity = FixClass.NONE, Severity.NOTE
                        message = route_key_kept(self.ctx, f"reads {source.value}", branch, own)
                elif (
                    fix is FixClass.SAFE
                    and source.value in key_variables(self.ctx)
                    and (table_kept := openai_key_kept(self.ctx, access.node, source.value))
                ):
                    message, only_noted = table_kept
                    edit, fix = None, FixClass.NONE if only_noted else FixClass.MANUAL
                    severity = Severity.NOTE if only_noted else self.severity
                elif (
                    model is None
                    and edit is None
                    and fix is FixClass.MANUAL
                    and (converted := converted_argument(self.ctx, access.node)) is not None
                ):
                    message, fix, severity = self._converted(source.value, *converted)
                elif (
                    model is None
                    and edit is None
                    and fix is FixClass.MANUAL
                    and (proxy := self._proxy(names, [access], source.value)) is not None
                ):
                    message, fix, severity = proxy
                elif fix is FixClass.SAFE and (
                    left := self._left(names, [access], source.value)
                    or self._held_read(source.value, access.node)
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {left}"
                elif request_line := untraced(self.ctx, raw, names, access):
                    edit, fix = None, FixClass.MANUAL
                    message = self._untraced_message(source.value, request_line)
                elif handed := handed_left(self.ctx, raw, names, access):
                    edit, fix = None, FixClass.MANUAL
                    message = self._handed_message(source.value, access.node, *handed)
                elif elsewhere := handed_elsewhere(self.ctx, names, access):
                    edit, fix = None, FixClass.MANUAL
                    message = self._handed_elsewhere_message(source.value, access.node, elsewhere)
                elif fix is FixClass.SAFE and (
                    sent_away := self._sent_elsewhere(source.value, access.node)
                ):
                    edit, fix, message = None, FixClass.MANUAL, sent_away
                elif (
                    source.value in key_variables(self.ctx)
                    and (destination := risky_destination(self.ctx, names, access.node))
                    # a client left because it may be given this read: the other use of the
                    # name is why (ML001 points here)
                    and not (destination.kind == "left" and self._paired(names, source.value))
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = self._risky_message(source.value, destination, access.node)
                    if destination.kind == "left" and module_key_unread(self.ctx, destination.call):
                        fix, severity = FixClass.NONE, Severity.NOTE  # nothing reads it
                elif source.value in key_variables(self.ctx) and (
                    pair := paired_keys(self.ctx, names).get(id(access.node))
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {self._paired_message(pair)}"
                elif (
                    fix is FixClass.SAFE
                    and source.value in key_variables(self.ctx)
                    and (typed := self._typed_openai(names, access.node)) is not None
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = self._typed_left(source.value, *typed)
                elif fix is FixClass.NONE and self._to_openai(names, access):
                    message, fix, severity = self._openai_bound(source.value)
                elif (
                    fix is FixClass.SAFE
                    and id(access.node) in urls_left
                    and not in_message(self.ctx, access.node)
                ):
                    # the base URL of a client left on OpenAI stays with it, whatever its twin
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {urls_left[id(access.node)]}"
                elif fix is FixClass.SAFE and self._beside_current(source.value, read):
                    edit, fix = None, FixClass.MANUAL
                    message = self._alias_message(source.value, read)
                elif fix is FixClass.SAFE and id(access.node) in urls_left:
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {urls_left[id(access.node)]}"
                elif fix is FixClass.SAFE and (
                    paired := self._paired(names, source.value, access.node)
                ):
                    edit, fix = None, FixClass.MANUAL
                    message = f"reads {source.value}; not switched: {paired}"
                elif (
                    fix is FixClass.SAFE
                    and edit is not None
                    and source.value in base_url_variables(self.ctx)
                    and (filled := filled_callee(self, names, access.node, source.value))
                ):
                    message, severity = message + filled, Severity.ERROR
                elif (
                    fix is FixClass.SAFE
                    and source.value in base_url_variables(self.ctx)
                    and (leak := target_key_to_openai(self, names, access.node))
                ):
                    message, severity = message + leak, Severity.ERROR
                elif (
                    model is None
                    and edit is None
                    and fix is FixClass.MANUAL
                    and (choice := class_choice(self.ctx, access.node)) is not None
                ):
                    target = self._provider_name
                    message += choice_said(self.ctx, choice, target)
                elif id(access.node) in guarded:
                    message += self._guarded_message(guarded[id(access.node)])
                if spread is not None and edit is spread[0] and spread[1].unseen:
                    fix = FixClass.REVIEW if fix is FixClass.SAFE else fix
                if (
                    edit is not None
                    and fix is FixClass.SAFE
                    and source.value in key_variables(self.ctx)
                    and id(access.node) not in guarded
                    and presence_test(names, access.node)
                ):
                    # decided once the reads it guards are (`_key_guards`)
                    tests.append((access, source.value, message, severity, fix, edit))
                    continue
                if edit is not None and in_message(self.ctx, access.node):
                    # decided once every other read of the variable is (`_shown_reads`)
                    shown.append((access, source.value, message, severity, fix, edit))
                    continue
                if edit is None:
                    unswitched.setdefault(source.value, access.node)
                if edit is None and openai_key_alias(source.value):
                    # decided once every read beside it is (`_key_aliases`)
                    aliases.append((access, source.value, message, severity, fix))
                    continue
                if (
                    edit is not None
                    and fix is FixClass.SAFE
                    and spread is None  # tied already
                    and source.value in key_variables(self.ctx)
                    and (caller := caller_url(self.ctx, names, access.node)) is not None
                ):
                    # decided once the caller's URL's read is (`_tied_reads`)
                    tied.append((access, source.value, message, severity, edit, caller))
                    continue
                self._report_read(names, access, source.value, message, severity, fix, edit)
                if edit is not None and source.value in key_variables(self.ctx):
                    switched.add(id(access.node))
                continue
            for source in sources:
                indirect.setdefault(id(source.node), (source, []))[1].append(access)
        for source, accesses in indirect.values():
            if raw.holds(names, source.node):
                continue
            line = names.line(accesses[0].node)
            where = self._where(source.value)
            if written(names, source):
                self.report(
                    source.node,
                    self._written(source),
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif request_line := next(
                (n for a in accesses if (n := untraced(self.ctx, raw, names, a))), 0
            ):
                self.report(
                    source.node,
                    self._untraced_message(source.value, request_line),
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif where is None and (model := self._model(names, accesses, source.value)):
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, {model}",
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif where is None and own_setting(source.value):
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, {self._own()}",
                    severity=Severity.NOTE,
                    fix=FixClass.NONE,
                    data=self._data(source.value),
                )
            elif where is None and (proxy := self._proxy(names, accesses, source.value)):
                message, fix, severity = proxy
                said = message.removeprefix(f"reads {source.value} ")
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, {said}",
                    severity=severity,
                    fix=fix,
                    data=self._data(source.value),
                )
            elif where is None:
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)}, {self._no_equivalent(source.value)}",
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            elif self.service_key(source.node, source.value):
                pass  # `for v in ("OPENAI_API_KEY", "GOOGLE_API_KEY", ...)`: one per service
            elif left := (
                self._left(names, accesses, source.value)
                or self._url_left(names, accesses, source.value)
                or self._pair_left(names, accesses, source.value)
                or self._paired(names, source.value, accesses[0].node)
                or self._held_read(source.value)
            ):
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)} (through {source.via}); not switched: {left}",
                    fix=FixClass.MANUAL,
                    data=self._data(source.value),
                )
            else:
                edit = self._edit(source.node, source.value)
                if edit is None:
                    unswitched.setdefault(source.value, source.node)
                if edit is not None and source.value in key_variables(self.ctx):
                    switched.update(id(a.node) for a in accesses)
                self.report(
                    source.node,
                    f"names {source.value}, read from the environment on "
                    f"{self.ctx.line_label(line)} (through {source.via}); {where}",
                    edit=edit,
                    data=self._data(source.value),
                )
        self._tied_reads(names, tied, unswitched, switched)
        pending = {id(a.node) for a, *_ in (*shown, *tests)}
        self._key_guards(names, tests, [a for a in reads if id(a.node) not in pending], switched)
        for access, name, *_ in tests:
            if id(access.node) not in switched:
                unswitched.setdefault(name, access.node)
        self.reads_left = unswitched
        self._shown_reads(names, shown, unswitched, switched)
        self._provider_reads(names, switched)
        self._key_aliases(names, switched, aliases)

    def _sent_elsewhere(self, name: str, read: cst.CSTNode) -> str | None:
        """Why a read apply would rename stays, in the first of these that holds: a key read
        reaching a name another module imports and sends beside an OpenAI URL apply leaves
        (`sent_import`), a base-URL read the module builds into an Azure OpenAI request's URL
        (`azure_url_built`), a key read in a function building one (`azure_url_beside`)."""
        ctx = self.ctx
        if name in key_variables(ctx) and (sent := sent_import(ctx, read, openai=True)) is not None:
            return self._imported_message(name, sent)
        if name in base_url_variables(ctx) and (built := azure_url_built(ctx, read)) is not None:
            return self._azure_built_message(name, built)
        if name in key_variables(ctx) and (built := azure_url_beside(ctx, read)) is not None:
            return self._azure_key_message(name, built)
        return None

    def _held_read(self, name: str, read: cst.CSTNode | None = None) -> str | None:
        """Why a read of `name` stays beside a settings field of the module reading the same
        variable that ML401 leaves (`held_variables`), or the read `read` that the module
        tests a field of an imported class ML401 leaves against (`tested_held`)."""
        held = self.held_variables().get(name)
        if held is not None:
            return (
                f"the settings field {held} reads it too and stays (see there): switched "
                f"alone, the two would name different variables; switch both together, by hand"
            )
        tested = tested_held(self.ctx, read, name) if read is not None else None
        if tested is None:
            return None
        field, test = tested
        line = self.ctx.line_label(self.ctx.position(test)[0][0])
        provider = self._provider_name
        return (
            f"the settings field {field} reads it too and stays (ML401, see there), and the "
            f"test `{self.snippet(test)}` on {line} tells the two apart: renamed alone, this "
            f"read would hold {provider}'s key and the branch that test guards would send "
            "the OpenAI key the field holds to the server it picks; switch both together, by "
            "hand"
        )

    def _report_read(
        self,
        names: EnvNames,
        access: EnvAccess,
        name: str,
        message: str,
        severity: Severity,
        fix: FixClass,
        edit: Edit | None,
    ) -> None:
        """Report a read by a literal of its own (renamed where `edit`), and a key read's
        fallback prompts with it. A key read left beside a settings field that reads the
        provider's key already (`aliased_field`), compared with a key (`compared`), is an
        error naming the leak."""
        target = self._target(name)
        if edit is not None and (pair := self._helper_pair(access.node, name)) is not None:
            # LangChain's `get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")`
            # beside the base URL's: the caller's server takes the key (t58b D3)
            message, fix, edit = f"reads {name}; not switched: {pair}", FixClass.MANUAL, None
        if edit is None and target is not None and name in key_variables(self.ctx):
            field = aliased_field(self.ctx, target)
            test = compared(self.ctx, access.node) if field is not None else None
            if test is not None:
                line = self.ctx.line_label(self.ctx.position(test)[0][0])
                severity = Severity.ERROR
                message += (
                    f"; the settings field {field} reads {target} already, so the test "
                    f"`{self.snippet(test)}` on {line} tells the two apart: the branch it guards "
                    f"keeps the provider's key and sends it to the server it picks (another "
                    "provider's); make both read the same variable"
                )
        self.report(
            access.node, message, severity=severity, fix=fix, edit=edit, data=self._data(name)
        )
        if edit is not None and name in key_variables(self.ctx):
            for prompt in fallback_prompts(self.ctx, names, access.node):
                self._prompt(prompt, renamed=True)

    def _helper_pair(self, node: cst.CSTNode, name: str) -> str | None:
        """`pair_reason`'s reason to leave a read through a helper given the setting it is the
        fallback of (`get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")`) where
        the function reads the partner variable the same way, else None."""
        if not isinstance(node, cst.Call):
            return None
        given = next(
            (a.value for a in node.args if string_value(a.value) == name),
            None,
        )
        return pair_reason(self.ctx, given, name) if given is not None else None

    def _tied_reads(
        self,
        names: EnvNames,
        tied: list[_TiedRead],
        unswitched: dict[str, cst.CSTNode],
        switched: set[int],
    ) -> None:
        """Report the key reads falling back from the key the caller gives, beside the
        caller's base URL falling back to a read of OpenAI's base-URL variable
        (`caller_url_keys`): where that read is renamed, the key's rename is tied to the URL
        (the provider's key only where the caller gives no URL, or the provider's); where it
        is left, the key read is left with it (renamed alone, the provider's key would go
        where that URL points: OpenAI, or the caller's server)."""
        for access, name, message, severity, edit, caller in tied:
            url_read = caller.read.node
            url_edit = next(
                (
                    f.edit
                    for f in self.findings
                    if f.edit is not None
                    and f.data.get("variable_from") in caller.read.names
                    and self.ctx.span(url_read).start <= f.edit.span.start
                    and f.edit.span.end <= self.ctx.span(url_read).end
                ),
                None,
            )
            line = self.ctx.line_label(self.ctx.position(url_read)[0][0])
            target = self._provider_name
            if url_edit is None:
                unswitched.setdefault(name, access.node)
                message = (
                    f"reads {name}; not switched: it is the fallback of the key the caller gives "
                    f"(`{caller.key.value}`), whose base URL `{caller.url.value}` falls back to "
                    f"the read on {line}, which apply leaves: renamed alone, {target}'s key "
                    "would go where that URL points; switch both together, by hand"
                )
                self._report_read(names, access, name, message, severity, FixClass.MANUAL, None)
                continue
            url = applied(self.ctx, url_read, url_edit)
            message += (
                f", read only where the caller gives no key and its base URL "
                f"`{caller.url.value}` is empty or {target}'s (the read on {line}): another "
                "server keeps the key the caller gives"
            )
            edit = tied_edit(self.ctx, access.node, edit, caller, url)
            self._report_read(names, access, name, message, severity, FixClass.SAFE, edit)
            switched.add(id(access.node))

    def _key_guards(
        self,
        names: EnvNames,
        tests: list[_ShownRead],
        reads: list[EnvAccess],
        switched: set[int],
    ) -> None:
        """Report the tests that a key variable is set (`presence_test`) that apply would
        rename: renamed where every read they guard (`guarded_reads`) is, else left with the
        first read left (crawl4ai's `if os.getenv("OPENAI_API_KEY"):` above a config whose
        key beside an `openai/...` model stays OpenAI's: renamed, the test asked for the
        provider's key while the config still took OpenAI's, t66g)."""
        for access, name, message, severity, fix, edit in tests:
            guarded = guarded_reads(self.ctx, access.node, name, reads)
            left = next((a for a in guarded if id(a.node) not in switched), None)
            if left is None:
                self._report_read(names, access, name, message, severity, fix, edit)
                switched.add(id(access.node))
                continue
            line = self.ctx.line_label(self.ctx.position(left.node)[0][0])
            message = (
                f"reads {name} to test that it is set; not switched: the read of {name} on "
                f"{line} stays as it is (see there), and renamed, this test would ask for "
                f"{self._target(name) or 'the provider variable'} while that read needs "
                f"{name}; switch both together, by hand"
            )
            self._report_read(names, access, name, message, self.severity, FixClass.MANUAL, None)

    def _shown_reads(
        self,
        names: EnvNames,
        shown: list[_ShownRead],
        unswitched: dict[str, cst.CSTNode],
        switched: set[int],
    ) -> None:
        """Report the reads in a message (logged, printed, raised) that apply would rename:
        renamed where no other read of the variable in the module is left, else left with
        it (ChuanhuChatGPT's `logging.info(f"... {os.environ['OPENAI_API_BASE']}")` below
        the read apply leaves on OPENAI_API_BASE: renamed, it would show the provider's
        URL, which the program does not use)."""
        for access, name, message, severity, fix, edit in shown:
            other = unswitched.get(name)
            if other is None:
                self._report_read(names, access, name, message, severity, fix, edit)
                if name in key_variables(self.ctx):
                    switched.add(id(access.node))
                continue
            line = self.ctx.line_label(self.ctx.position(other)[0][0])
            message = (
                f"reads {name} in a message; not switched: it shows the value of {name}, "
                f"which the read on {line} leaves as it is (see there): renamed, it would "
                f"show {self._target(name) or 'the provider variable'} (or its default), "
                "not the value the program uses; switch both together, by hand"
            )
            self._report_read(names, access, name, message, self.severity, FixClass.MANUAL, None)

    def _provider_reads(self, names: EnvNames, switched: set[int]) -> None:
        """The key tests (`key_tests`): the `if`s a key read renamed (`switched`) or one of
        the provider's key variable is the test of; and the prompts such a read of the
        provider's variable falls back to (`fallback_prompts`), which must still ask for
        its key after `apply`."""
        provider = self.provider
        if provider is None or not self.ctx.rules.switching:
            return
        for access in names.accesses:
            renamed = id(access.node) in switched
            if access.kind != "read" or not (renamed or provider.api_key_env in access.names):
                continue
            test = if_testing(names, access.node)
            if test is not None:
                self.key_tests.append(test)
            if not renamed:
                for prompt in fallback_prompts(self.ctx, names, access.node):
                    if (why := openai_answer(self.ctx, prompt)) is not None:
                        self._provider_key_typed(access.node, prompt, why)
                        continue
                    self._prompt(prompt, renamed=True)
                taken = next(provider_key_takers(self.ctx, names, access.node), None)
                if taken is not None:
                    self._provider_key_to_openai(access.node, *taken)
                elif (unseen := applied_tie_unseen(self.ctx, names, access.node)) is not None:
                    self._provider_key_unseen(access.node, unseen[1])
                elif (held := provider_key_to_config(self.ctx, names, access.node)) is not None:
                    self._provider_key_to_config(access.node, held)
                elif (routed := provider_key_routed(self.ctx, names, access.node)) is not None:
                    self._provider_key_routed(access.node, routed)

    def _provider_key_unseen(self, node: cst.CSTNode, tie: SpreadTie) -> None:
        """Report a read of the provider's key tied to the caller's URL in a client's `**`
        mapping also written in ways the tie cannot see through (`applied_tie_unseen`): the
        review finding of the OpenAI key's read stands after apply (a warning, manual), until
        a person has checked those writes and records it done."""
        provider = self.provider
        assert provider is not None
        message = (
            f"reads {provider.api_key_env} only where the caller gives no key and its base URL "
            f"`{tie.url}` is empty or {provider.name}'s"
            + self._unseen_writes(tie)
            + ", then record that with `# migrate-llm: ignore[ML401]` at the end of this line "
            "(or in a `check --baseline` file), as check cannot see what it holds"
        )
        data: dict[str, object] = {"variable_from": provider.api_key_env}
        self.report(node, message, severity=Severity.WARNING, fix=FixClass.MANUAL, data=data)

    def _provider_key_to_openai(
        self, node: cst.CSTNode, call: cst.Call, taker: ConfigTaker | None = None
    ) -> None:
        """Report a read of the provider's key that goes as the key of a class named like
        OpenAI given no base URL (`provider_key_to_openai`), or in a settings dict given to
        one (`taker`, `openai_configs`): an error, as the class sends it to OpenAI."""
        provider = self.provider
        base_url = self.ctx.rules.base_url
        assert provider is not None and base_url is not None
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        head = (
            f"reads {provider.api_key_env}, which goes to {self.snippet(call.func)}() on {line}, "
        )
        data: dict[str, object] = {"variable_from": provider.api_key_env}
        if taker is not None:
            self.report(
                node,
                f"reads {provider.api_key_env}, which goes in the settings given as "
                f"{taker.given(self.ctx)} to {self.snippet(call.func)}() on {line}, "
                f"{taker.what(self.ctx)}, given no base URL: it talks to OpenAI, so "
                f"{provider.name}'s key goes there; give it {provider.name}'s base URL (the "
                "setting it takes for one), or keep it on OpenAI with OpenAI's key, by hand",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data=data,
            )
            return
        if chroma_function(self.ctx, call):
            head += f"{chroma.LABEL}, given no base URL: it talks to OpenAI, "
            pointed = pointing_edit(self.ctx, call)
            if pointed is not None:
                edit, data["keywords_added"] = pointed[0], list(pointed[1])
                self.report(
                    node,
                    f"{head}so {provider.name}'s key would go there; apply passes it "
                    f"{pointing(self.ctx, call)}",
                    severity=Severity.ERROR,
                    fix=FixClass.REVIEW,
                    edit=edit,
                    data=data,
                )
                return
            if no_embeddings_model(self.ctx):
                self.report(
                    node,
                    f"{head}so {provider.name}'s key goes there; {unserved_advice(self.ctx)}, "
                    "by hand",
                    severity=Severity.ERROR,
                    fix=FixClass.MANUAL,
                    data=data,
                )
                return
            advice = pointing(self.ctx, call)
        else:
            head += (
                "a class named like OpenAI that migrate-llm does not rewrite, given no base URL: "
                "it talks to OpenAI, "
            )
            advice = (
                f"base_url={base_url_expr(provider, base_url)} (or the keyword it takes for one)"
            )
        self.report(
            node,
            f"{head}so {provider.name}'s key goes there; pass it {advice}, or keep it on OpenAI "
            "with OpenAI's key, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _provider_key_routed(self, node: cst.CSTNode, routed: Destination) -> None:
        """Report a read of the provider's key that goes beside a model on litellm's OpenAI
        route naming an OpenAI model (`provider_key_routed`): an error, as that model sends
        the key to OpenAI."""
        provider = self.provider
        assert provider is not None and routed.model is not None
        call = routed.call
        line = self.ctx.line_label(self.ctx.position(call)[0][0])
        where = (
            f"goes to {self.snippet(call.func)}() on {line}"
            if isinstance(call, cst.Call)
            else f"is the key of the dict on {line}"
        )
        self.report(
            node,
            f"reads {provider.api_key_env}, which {where} beside "
            f"`{self.snippet(routed.model)}`, a model on litellm's OpenAI route: the model "
            f"string sends the call, and {provider.name}'s key, to OpenAI; give it "
            f"{provider.name}'s model and route, or read OpenAI's key there, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"variable_from": provider.api_key_env},
        )

    def _provider_key_to_config(self, node: cst.CSTNode, settings: cst.CSTNode) -> None:
        """Report a read of the provider's key given in the settings of a part of a library's
        config that talks to OpenAI (`provider_key_to_config`): an error, as that part sends
        it there."""
        provider = self.provider
        base_url = self.ctx.rules.base_url
        found = configured_part(self.ctx, settings)
        assert provider is not None and base_url is not None and found is not None
        part = found[1]
        section = part.section
        line = self.ctx.line_label(self.ctx.position(part.node)[0][0])
        where = f'"{section.keys[0]}" of {part_taker(part)}'
        if part.inner and section.nested is not None:
            where = f'"{section.nested.llm_key}" of the {where}'
        talks = "may talk" if part.how == "unknown" else "talks"
        self.report(
            node,
            f"reads {provider.api_key_env}, the key of {where} on {line}, {part_builds(part)}, "
            f"which {talks} to OpenAI (ML670): {provider.name}'s key goes there; set beside it "
            f'"{section.base_url_key}": {base_url_expr(provider, base_url)} (see ML670), or '
            "keep it on OpenAI with OpenAI's key, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"variable_from": provider.api_key_env},
        )

    def _key_aliases(
        self,
        names: EnvNames,
        switched: set[int],
        kept: list[_KeptReport],
    ) -> None:
        """Reads of a variable holding OpenAI's key by its name (`openai_key_alias`:
        `BBM_OPENAI_API_KEY`, `OPENAI_API_KEY_2`) whose value goes to the target (`alias_route`):
        a warning, manual. `kept`: the reports of such `OPENAI_*` reads, made where it does
        not."""
        for access, name, message, severity, fix in kept:
            route = alias_route(self.ctx, names, access, switched)
            if route is None:
                data = self._data(name)
                self.report(access.node, message, severity=severity, fix=fix, data=data)
            else:
                self._key_alias(access.node, name, route)
        for access in names.accesses:
            aliased = [
                s.value
                for s in access.sources
                if not ENV_NAME.match(s.value) and openai_key_alias(s.value)
            ]
            if access.kind != "read" or not aliased:
                continue
            route = alias_route(self.ctx, names, access, switched)
            if route is not None:
                self._key_alias(access.node, aliased[0], route)

    def _key_alias(self, node: cst.CSTNode, name: str, route: AliasRoute) -> None:
        """Report a read of `name`, an OpenAI key alias, that goes to the target by `route`."""
        target = self._provider_name
        key = self._provider_key
        if route.beside is not None:
            how = (
                f"with the key apply switches ({route.beside}, to {key})"
                if route.switched
                else f"with {target}'s key ({route.beside})"
            )
            fix = (
                f"remove it from the chain or point it at a variable holding {target}'s key, "
                "by hand"
            )
        else:
            assert route.client is not None
            line = self.ctx.line_label(self.ctx.position(route.client)[0][0])
            pointed = (
                f"which apply points at {target}" if route.moved else f"which talks to {target}"
            )
            how = f"as the key of {self.snippet(route.client.func)}() on {line}, {pointed}"
            fix = f"point it at a variable holding {target}'s key, by hand"
        message = (
            f"reads {name}, which holds an OpenAI key by its name; it goes to {target} {how}: {fix}"
        )
        self.report(node, message, fix=FixClass.MANUAL, data={"variable_from": name})

    def _typed_openai(self, names: EnvNames, read: cst.CSTNode) -> tuple[cst.Call, str] | None:
        """The first prompt `read` falls back to (`fallback_prompts`) whose answer stays
        OpenAI's after `apply` (`openai_answer`), and why; None where there is none."""
        for prompt in fallback_prompts(self.ctx, names, read):
            why = openai_answer(self.ctx, prompt)
            if why is not None:
                return prompt, why
        return None

    def _provider_key_typed(self, read: cst.CSTNode, prompt: cst.Call, why: str) -> None:
        """A prompt asked where the provider's key variable is unset whose answer goes to
        OpenAI (`openai_answer`; the state an earlier apply left in t61c C: "Zhipu AI (GLM)
        API key: " in a branch for gpt-4o): an error, as the provider's key typed there is
        sent to OpenAI."""
        assert self.provider is not None
        said: set[int] = vars(self).setdefault("_typed_said", set())
        if id(prompt) in said:  # the reads a prompt is the fallback of: said at the first
            return
        said.add(id(prompt))
        name = self.provider.name
        line = self.ctx.line_label(self.ctx.position(prompt)[0][0])
        self.report(
            read,
            f"reads {self.provider.api_key_env}, and the prompt on {line} asks for the key "
            f"where it is unset: {why}, so {name}'s key typed there goes to OpenAI; ask for "
            f"it where {name}'s models are chosen, and for OpenAI's key (in OPENAI_API_KEY) "
            "where OpenAI's are, by hand",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
        )

    def _typed_left(self, name: str, prompt: cst.Call, why: str) -> str:
        """The message of a key read left because the prompt it falls back to keeps OpenAI's
        key (t61c C); that prompt, where its text names OpenAI, is reported too (a warning,
        manual: it must not be reworded)."""
        ctx = self.ctx
        target = self._provider_name
        line = ctx.line_label(ctx.position(prompt)[0][0])
        wording = prompt_wording(ctx, prompt)
        if wording is not None:
            self.report(
                wording.node,
                f"the prompt {wording.shown} asks for the key where {name} is unset; left as "
                f"it is: {why}. Asked for {target}'s key, it would send that key to OpenAI; "
                f"ask for it where {target}'s models are chosen, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
            )
        return (
            f"reads {name}; not switched: the prompt on {line} asks for the key where it is "
            f"unset, and {why}: renamed alone, the read would skip that prompt where "
            f"{target}'s key is set and send OpenAI's model no key"
        )

    def _prompt(self, prompt: cst.Call, renamed: bool) -> None:
        wording = prompt_wording(self.ctx, prompt) if self.ctx.rules.switching else None
        if wording is not None:
            report_prompt(self, wording, editable=renamed)
        report_prompt_texts(self, prompt, editable=renamed)

    def _removal(self, names: EnvNames, access: EnvAccess) -> None:
        """`os.environ.pop("OPENAI_API_KEY", None)` or `del os.environ[...]` is left: renamed,
        it would remove the provider's key (agno's examples restore a key this way). Where a
        popped value is used too, reading the provider's key stays to do by hand. One taking
        away a stand-in that ML404 renames, set by its test (`_stand_in_set`) or by the tests
        of other modules (`stand_ins_elsewhere`: quivr's conftest.py, t67c), is renamed with
        it; where those modules' writes are renamed and left both, it is left to a person."""
        target = self._provider_name
        used = isinstance(access.node, cst.Call) and not isinstance(
            names.parent(access.node), cst.Expr
        )
        for source in names.openai_sources(access):
            self.done.add(id(source.node))
            line = self._stand_in_set(names, access, source.value)
            renamed: list[str] = []
            kept: list[str] = []
            if line is None and not used:
                renamed, kept = stand_ins_elsewhere(self.ctx, names, access, source.value)
            key_env = self.provider.api_key_env if self.provider is not None else ""
            if renamed and kept:
                self.report(
                    access.node,
                    f"removes {source.value}, which the project's tests set to a stand-in key "
                    f"that apply renames to {key_env} ({', '.join(renamed)}) and to one it "
                    f"leaves ({', '.join(kept)}): left as it is, it raises KeyError where the "
                    "renamed one ran; make those writes and this removal name one variable, "
                    "by hand",
                    severity=Severity.WARNING,
                    fix=FixClass.MANUAL,
                    data={"variable_from": source.value, "variable_to": None},
                )
                continue
            edit = None
            if line is not None or renamed:
                edit = rename_edit(self.ctx, source.node, key_env)
            if edit is not None:
                sets = (
                    f"the test sets to a stand-in key on {line}"
                    if line is not None
                    else f"the project's tests set to a stand-in key ({', '.join(renamed)})"
                )
                message = (
                    f"removes {source.value}, which {sets} that apply renames: renamed with it "
                    f"to {key_env}"
                )
                self.report(
                    access.node,
                    message,
                    severity=Severity.WARNING,
                    fix=FixClass.REVIEW,
                    edit=edit,
                    data={"variable_from": source.value, "variable_to": key_env},
                )
            elif used:
                message = (
                    f"reads and removes {source.value}: renamed, it would remove {target}'s "
                    "variable from the environment; read that with os.environ.get and keep "
                    "this removal, by hand"
                )
                self.report(access.node, message, fix=FixClass.MANUAL)
            else:
                message = (
                    f"removes {source.value} from the environment; left as it is (renamed, it "
                    f"would remove {target}'s variable)"
                )
                self.report(access.node, message, severity=Severity.NOTE, fix=FixClass.NONE)

    def _stand_in_set(self, names: EnvNames, access: EnvAccess, name: str) -> str | None:
        """Where the write of a stand-in for `name` that ML404 renames
        (`stand_in_rename`) where the removal `access` takes away what its test set: every
        write of `name` in the innermost function or class around the removal that
        writes it at all is such a write (a test's `del os.environ[...]` after it set the
        variable, a `tearDown` after `setUp`: aider's tests, t61b D5); renamed alone, the
        write would leave the removal to fail with KeyError."""
        for scope in reversed(self.ctx.ancestors(access.node)):
            if not isinstance(scope, (cst.FunctionDef, cst.ClassDef)):
                continue
            writes = [
                (a, s)
                for a in names.accesses
                if a.kind == "write" and scope in self.ctx.ancestors(a.node)
                for s in names.openai_sources(a)
                if s.value == name
            ]
            if not writes:
                continue
            if all(stand_in_rename(self.ctx, names, a, s) is not None for a, s in writes):
                return self.ctx.line_label(self.ctx.position(writes[0][0].node)[0][0])
            return None
        return None


def fallback_prompts(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> list[cst.Call]:
    """The prompts (`sdk.PROMPT_READERS`) a person answers where the key variable `read` reads
    is unset, whose answer goes where the read's value does: an operand of `read or
    getpass(...)`, or the value of another assignment to the name the read's value is bound
    to in the same function (simpleaichat's `key = os.getenv(K)`, then `if not key: key =
    getpass("Input your OpenAI key here: ")`); and one asking for a key in a branch of the
    `if` the read is (part of) the test of (`branch_prompts`). Once the read names the
    provider's variable, they must ask for the provider's key. So must a web UI's text box
    showing the read's value before anything is typed (`prefilled_box`)."""

    def prompt(value: cst.BaseExpression) -> cst.Call | None:
        return value if type(value) is cst.Call and names.prompt_call(value) else None

    found = branch_prompts(ctx, names, read)
    value: cst.CSTNode = read
    holder = names.parent(read)
    while type(holder) is cst.BooleanOperation and isinstance(holder.operator, cst.Or):
        found += [c for side in (holder.left, holder.right) if (c := prompt(side))]
        value, holder = holder, names.parent(holder)
    if type(holder) is cst.Arg and (box := prefilled_box(ctx, holder, names.parent(holder))):
        return [*found, box]
    if not (
        type(holder) is cst.Assign
        and holder.value is value
        and len(holder.targets) == 1
        and type(target := holder.targets[0].target) is cst.Name
    ):
        return found
    for node in scope_assignments(ctx, holder):
        if (
            node is not holder
            and len(node.targets) == 1
            and type(other := node.targets[0].target) is cst.Name
            and other.value == target.value
        ):
            sides = (
                (node.value.left, node.value.right)
                if type(node.value) is cst.BooleanOperation
                else (node.value,)
            )
            found += [c for side in sides if (c := prompt(side))]
    return found


def branch_prompts(ctx: PythonContext, names: EnvNames, read: cst.CSTNode) -> list[cst.Call]:
    """The prompts asking for a key (`asks_for_key`) in the branches of the `if` whose test
    the key read `read` is part of (open-interpreter's `if not os.environ.get(
    "OPENAI_API_KEY") and not llm.api_key:`, then `response = prompt("OpenAI API key: ",
    is_password=True)` and `llm.api_key = response`): the key the test found missing, typed
    instead. Only where the answer is stored and tested there (`_only_stored`): one handed to
    a call or stored in the environment is the prompt of the rule of that call or write."""
    test = if_testing(names, read)
    if test is None:
        return []
    stored = {
        id(p) for a in names.accesses if a.kind == "write" and (p := names.is_prompt(a.value))
    }
    found: list[cst.Call] = []
    for branch in (test.body, test.orelse):
        if branch is None:
            continue
        at = ctx.index_of(branch)
        end = ctx.ends[at]
        while at < end:
            node = ctx.nodes[at]
            if type(node) in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
                at = ctx.ends[at]
                continue
            at += 1
            if (
                type(node) is cst.Call
                and names.prompt_call(node)
                and id(node) not in stored
                and asks_for_key(ctx, node)
                and _only_stored(ctx, names, node)
            ):
                found.append(node)
    return found


def _only_stored(ctx: PythonContext, names: EnvNames, prompt: cst.Call) -> bool:
    """Whether the answer to `prompt` is only assigned to an attribute of an object other
    than `self` (`llm.api_key = ...`), directly or through a name bound to it, whose other
    uses test it (`if response == "--local":`). Given to a call, put in a dict, returned or
    stored on `self`, it may reach what another rule follows."""
    value: cst.CSTNode = prompt
    holder = names.parent(prompt)
    while (  # `prompt(...).strip()`
        type(holder) is cst.Attribute
        and type(call := names.parent(holder)) is cst.Call
        and call.func is holder
    ):
        value, holder = call, names.parent(call)
    if type(holder) is not cst.Assign or holder.value is not value:
        return False
    targets = [t.target for t in holder.targets]
    if any(type(t) is cst.Attribute for t in targets):
        return all(type(t) is cst.Attribute and not self_attribute(t) for t in targets)
    if len(targets) != 1 or type(target := targets[0]) is not cst.Name:
        return False
    scope = ctx.scope(target)
    if scope is None:
        return False
    uses = [
        access.node
        for assignment in scope.assignments[target.value]
        if getattr(assignment, "node", None) is target
        for access in assignment.references
    ]
    return bool(uses) and all(_tested_or_stored(names, use) for use in uses)


def _tested_or_stored(names: EnvNames, use: cst.CSTNode) -> bool:
    """Whether a use of a typed key only tests it or stores it on an attribute of another
    object than `self`, or is an argument that the rules of calls do not take for the
    prompt's answer (`names.is_prompt`: the name is bound otherwise too, a parameter)."""
    parent = names.parent(use)
    if type(parent) is cst.Arg:
        return isinstance(use, cst.BaseExpression) and names.is_prompt(use) is None
    if type(parent) is cst.Assign:
        return parent.value is use and all(
            type(t.target) is cst.Attribute and not self_attribute(t.target) for t in parent.targets
        )
    if type(parent) in (cst.Comparison, cst.ComparisonTarget, cst.UnaryOperation):
        return True
    if type(parent) is cst.BooleanOperation:
        return type(names.parent(parent)) in (cst.If, cst.While, cst.UnaryOperation)
    return type(parent) in (cst.If, cst.While) and getattr(parent, "test", None) is use
