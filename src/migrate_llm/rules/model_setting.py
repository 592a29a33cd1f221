"""ML204: an OpenAI model id held by a setting (a default, attribute, constant, dict entry,
option or environment default) that `apply` maps to the provider's model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import cast

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.config_table_lookups import KeyedModels
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks import open_interpreter as oi
from migrate_llm.frameworks.langchain import OPENAI_MODEL_PREFIX, OPENAI_SPLIT_PREFIX
from migrate_llm.model import Edit, Finding, FixClass, Severity
from migrate_llm.model_table_keys import images_key
from migrate_llm.rules.base import Example
from migrate_llm.rules.config_text import TextModel, config_text_models
from migrate_llm.rules.entry_servers import server_beside
from migrate_llm.rules.field_copies import copy_of
from migrate_llm.rules.framework_args import qualified
from migrate_llm.rules.framework_autogen import (
    elsewhere_entry,
    left_entry,
    moved_model,
    sends_to_azure,
)
from migrate_llm.rules.image_requests import (
    image_model_nodes,
    images_beside,
    images_switched_on,
    vision_fallback,
)
from migrate_llm.rules.interpreter_settings import interpreter_setting
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
from migrate_llm.rules.litellm_forwarded import forwarded_param, openai_routed_model
from migrate_llm.rules.literal_defaults import literal_hold_reason
from migrate_llm.rules.model_elsewhere import ModelElsewhere
from migrate_llm.rules.model_expectations import same_case, statement_of
from migrate_llm.rules.model_forms import (
    both_forms_advice,
    litellm_need,
    litellm_route,
    litellm_route_taken,
    model_takers,
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
from migrate_llm.rules.model_members import Member, imported_members
from migrate_llm.rules.model_places import Candidate, Place, Site
from migrate_llm.rules.model_reach import (
    bodies_sending,
    deployments_given,
    entry_reads,
    holder_of,
    reads_of,
    requests_reading,
    requests_sending,
)
from migrate_llm.rules.model_site_rules import SitesRule, rules_switching
from migrate_llm.rules.model_string_helpers import node_inside, url_beside
from migrate_llm.rules.model_values import env_default_arg
from migrate_llm.rules.models import _ModelRule, article
from migrate_llm.rules.openai_urls import urls_left
from migrate_llm.rules.other_server_heirs import own_server_heir
from migrate_llm.rules.python_context import PythonContext, keyword, string_value
from migrate_llm.rules.raw_http import Request, body_models, json_senders, raw_http, service_body
from migrate_llm.rules.record_keys import record_key
from migrate_llm.rules.rewrite import requote
from migrate_llm.rules.service_selectors import (
    Selector,
    asserted_selectors,
    choice_data,
    choice_said,
    no_entry,
    selected_service,
    selector_beside,
)
from migrate_llm.rules.service_tables import names_target_service
from migrate_llm.rules.table_gaps import gap_why, table_gap, table_place
from migrate_llm.rules.table_reads import home_entry
from migrate_llm.rules.url_keys import record_left


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


# `_litellm_reach` of an `openai/` string litellm does not take as its route to OpenAI
ELSEWHERE = "elsewhere"


class ModelSetting(SitesRule, _ModelRule):
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
    with a model (`litellm.completion`, `acompletion`, `embedding`, the Router; also through a
    stand-in imported under the name `litellm`, as aider's lazy proxy, and smolagents'
    `LiteLLMModel` / `LiteLLMRouterModel`) and uses no other client (it imports neither openai
    nor a framework's OpenAI class, and names no smolagents `OpenAIServerModel`), a setting is
    written on litellm's route for the provider (`deepseek/deepseek-v4-pro`; `litellm_prefix` of
    the provider file), also one written on litellm's OpenAI route in such a module
    (`os.environ.get("APP_MODEL", "openai/gpt-4o-mini")`, judged as the model after `openai/`,
    t68b) where it reaches litellm calls as it is with no `api_base=`/`base_url=` but OpenAI's
    or the provider's (`model_forms.litellm_route_taken`; else another service's id, or the
    project's own gateway's model, left: r3); for a provider without one, or an embeddings
    model, it is left for a person. Where a module calls litellm and another client, or another
    module of the project calls litellm and this one uses no other client, a setting the module
    gives to litellm only (as `model=`, followed as `model_reach` does) is written on the route,
    one it sends only to OpenAI SDK requests or a framework's OpenAI class is mapped as
    elsewhere; else its name decides (its place's, or the environment variable's it is the
    default of: `SETTING_NAME_WORDS` of `migrate_llm.frameworks.litellm`): with `litellm` the
    route, with `openai` the provider's model as it is (magentic's `Settings.litellm_model` and
    `Settings.openai_model`). One the module gives to both, or whose way nothing shows, is left
    for a person with both spellings (manual). A module that only imports openai, building
    no client (a test of the project's litellm code, t68g), uses no other client here. The
    model written in an AutoGen entry that ML660
    points at the provider (`{"model": "gpt-4o", "api_key": ...}` in a `config_list`) goes to
    the provider's OpenAI-compatible endpoint: mapped as elsewhere, whatever other modules call
    litellm. A parameter the project hands on to litellm's model through its own classes and
    functions, across modules (`RunFacts.litellm_model_params`: swarms' `Agent(model_name= ...)`
    → its `LiteLLM` → `litellm.completion`), has its default written on the route where nothing
    else shows its way, and so has an OpenAI model given for it by a call in another module
    (`Agent(model_name="gpt-4o")`, whatever clients that module uses; ML206 named the route and
    left it). A name imported through the packages re-exporting it (`from swarms import Agent`,
    swarms/__init__.py importing `*` from swarms.structs, whose `__init__.py` imports Agent and
    lists it in `__all__`) is followed to the module whose code it is, where nothing makes that
    uncertain (a name bound twice, a star import of a module not read or whose `__all__` is no
    literal list: `module_bindings`). A call is followed by the whole dotted name its import
    gives (`from pkg import agent` ... `agent.Agent(` is pkg/agent.py's Agent, not the one
    pkg/__init__.py re-exports), an absolute import naming a module by its whole package chain
    (`core` is not backend/app/core/, imported as `app.core`). Where the parameter also reaches
    `model=` of an OpenAI SDK request (`RunFacts.litellm_shared_params`: `if use_litellm:
    litellm.completion(...) else: client.chat.completions.create(...)`), the call's model, as
    the default, is left with both forms to write by hand (manual): litellm needs the route, the
    client the bare id. The "model" of mem0's litellm llm (`"llm": {"provider": "litellm",
    "config": {"model": "gpt-4o-mini"}}`: `ConfigSection.litellm_providers`), which mem0 hands
    litellm with no key or base URL, is written on the provider's litellm route
    (`zai/glm-4-air-250414`), the message naming the variables that route reads (`export
    ZAI_API_BASE=...`).

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
    ML205 reports: renamed, FastChat's test went to its local server instead, t62a), and a
    default whose parameter is handed on to such a function (`__init__(self, model="gpt-4")`
    calling `build(model)`, whose family test ends in a raise: mapped alone, t68c). Not a
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
    provider's key); mapped, the provider's model would go to OpenAI. So is the model of a
    class that refuses names not OpenAI's (`checks_model` in `frameworks/`: LlamaIndex's
    `OpenAI` and `OpenAIEmbedding`) that apply does not rewrite to its OpenAI-like class, one
    not talking to OpenAI: where its base URL is computed at run time or the provider's, left
    to you with the class to build instead (`OpenAILikeEmbedding(model_name=...)`; t66a:
    mapped, private-gpt's `OpenAIEmbedding` raised ValueError for `text-embedding-v4` when
    built); where it points at a host of its own, a note (that host's model). Also followed
    from an entry of a dict read by its key (`CONFIG["model"]`), an environment default
    there too. So is a
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
    endpoint names a deployment, left with a warning as above. A default of the `__init__` of
    a subclass of a class of the module that points at another server (hands its base a URL
    not OpenAI's, or builds a client of its own for one: `other_server_heirs`, ragflow's
    vendor classes, t68e) is that server's model: left, a note.
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
        # t68b: a default on litellm's OpenAI route in a module calling litellm
        Example(
            "import os\n\nfrom litellm import completion\n\n"
            'MODEL = os.environ.get("APP_MODEL", "openai/gpt-4o-mini")\n\n\n'
            "def ask(q):\n    return completion(model=MODEL, messages=q)\n",
            provider="acme",
            message="env default 'openai/gpt-4o-mini' of constant MODEL maps to "
            "'acme/acme-small' on Acme Cloud, on litellm's route for it: this module gives it "
            "to litellm, whose openai/ route sends it to OpenAI",
            after="import os\n\nfrom litellm import completion\n\n"
            'MODEL = os.environ.get("APP_MODEL", "acme/acme-small")\n\n\n'
            "def ask(q):\n    return completion(model=MODEL, messages=q)\n",
        ),
        # r3: sent with the api_base of the project's own gateway, which litellm's provider
        # route would send the provider's key to: left
        Example(
            "import os\n\nfrom litellm import completion\n\n"
            'MODEL = os.environ.get("APP_MODEL", "openai/gpt-4o-mini")\n\n\n'
            "def ask(q):\n"
            '    return completion(model=MODEL, messages=q, api_base="http://127.0.0.1:8000/v1")\n',
            provider="acme",
            finds=False,
        ),
        # after a routing prefix the module strips off: ML205's, never rewritten here
        Example(
            "def get_engine(name):\n"
            '    if name.startswith("experimental:"):\n'
            '        return name.split("experimental:")[1]\n'
            "    raise ValueError(name)\n\n\n"
            'ENGINE = "experimental:gpt-4o"\n',
            provider="deepseek",
            finds=False,
        ),
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
        # t66a: LlamaIndex's OpenAIEmbedding, its base URL computed at run time, refuses the
        # provider's model when built: the model stays with the class
        Example(
            "import os\n\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n\n"
            'CONFIG = {"model": os.getenv("EMBED_MODEL", "text-embedding-3-small")}\n\n\n'
            "def make(api_base):\n"
            '    return OpenAIEmbedding(api_base=api_base, model=CONFIG["model"])\n',
            provider="acme",
            message="env default 'text-embedding-3-small' of entry 'model' is the model of "
            "OpenAIEmbedding() (LlamaIndex) on line 9, which raises ValueError when built with a "
            "model name that is not OpenAI's: apply leaves the class (its base URL is computed "
            "at run time) and the model too; for Acme Cloud's models build "
            "OpenAILikeEmbedding(model_name=...) there instead (from "
            "llama_index.embeddings.openai_like; package llama-index-embeddings-openai-like), "
            "and change the model with it, by hand",
        ),
        # ... pointed at a server of its own: that server's model, a note
        Example(
            "from llama_index.llms.openai import OpenAI\n\n"
            'MODEL = "gpt-4o"\n'
            'llm = OpenAI(api_base="http://localhost:8000/v1", model=MODEL)\n',
            provider="acme",
            message="constant MODEL = 'gpt-4o' is the model of OpenAI() (LlamaIndex) on line 4, "
            "which raises ValueError for a model name it does not know when its metadata is "
            "read: it points at http://localhost:8000/v1, not OpenAI, whose model it names; "
            "apply leaves both",
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
        # t68e: a subclass's own model, beside the URL it hands its base (ragflow's vendors)
        Example(
            "from openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, model="gpt-4o", base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n"
            "        self.model = model\n\n\nclass VendorChat(Embed):\n"
            '    def __init__(self, key, model="gpt-4o", base_url="https://api.vendor.example/v1"):'
            "\n        super().__init__(key, model, base_url)\n",
            provider="acme",
            message="default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            after="from openai import OpenAI\n\n\nclass Embed:\n"
            '    def __init__(self, key, model="acme-large", base_url="https://api.openai.com/v1"):\n'
            "        self.client = OpenAI(api_key=key, base_url=base_url)\n"
            "        self.model = model\n\n\nclass VendorChat(Embed):\n"
            '    def __init__(self, key, model="gpt-4o", base_url="https://api.vendor.example/v1"):'
            "\n        super().__init__(key, model, base_url)\n",
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
        # t68c: chemcrow's default handed on to a function whose family test ends in a raise
        Example(
            "def build(model):\n"
            '    if model.startswith("gpt-4"):\n'
            "        return model\n"
            "    raise ValueError(model)\n\n\n"
            "class Bot:\n"
            '    def __init__(self, model="gpt-4o"):\n'
            "        self.model = build(model)\n",
            provider="acme",
            message="default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but apply "
            'leaves it: passed to build() as model on line 9, where model.startswith("gpt-4") on '
            "line 2 tests it, which 'gpt-4o' passes and 'acme-large' does not, so the program "
            "would take another branch; change the test and the model together, by hand",
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
        self.record(self.make_finding(message, start, end, fix=FixClass.MANUAL, data=data))

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

    def _report_retired_key(self, candidate: Candidate, table: str) -> None:
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
        heir = own_server_heir(self.ctx, site.node) if rules.switching else None
        if heir is not None:
            # ragflow's vendor classes deriving from its OpenAIEmbed, each with its own URL
            self._report_elsewhere(
                site, f"in {heir}.__init__(), a subclass pointed at another server: that server's"
            )
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
        if reach == ELSEWHERE:
            return
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
        # `openai/` in a module calling litellm is litellm's route (`litellm_slash`), mapped
        # below as the model after it
        if rules.switching and site.prefix == OPENAI_SPLIT_PREFIX and not self.sites.litellm_slash:
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
        # (the read whose default it is: `{"model": os.getenv("M", "gpt-4o")}`, t66a)
        climbed = self.sites.climb(self.ctx.ancestors(site.node), site.node)[0]
        entries = entry_reads(self.ctx, climbed) if holder is None and classes else []
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
        data = {"model_from": site.model}
        if reason is None and classes and (holder is not None or entries):
            found = class_kept_reason(self.ctx, site.subject, holder, entries)
            if found is not None and not found[1]:  # pointed at a host of its own
                self.report(
                    site.node, found[0], severity=Severity.NOTE, fix=FixClass.NONE, data=data
                )
                return True
            reason = found[0] if found is not None else None
        if reason is None:
            return False
        self.report(site.node, reason, fix=FixClass.MANUAL, data=data)
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
            and env_default_arg(self.ctx, read) is parents[-1]
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
        validation. So is a parameter's default, as ML202 leaves one (t68a: the default would
        fall outside its type). ML205 reports the Literal; apply widens no Literal."""
        new = self.ctx.rules.map_model(site.model, self._for_images(site))
        reason = literal_hold_reason(self.ctx, site.subject, site.node, new) if new else None
        if reason is None:
            return False
        data = {"model_from": site.model, "model_to": new}
        self.report(site.node, reason, fix=FixClass.MANUAL, data=data)
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
            container is None or not node_inside(self.ctx, site.node, container)
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
        and named by its place (an `openai/` string too, litellm's route in a module calling
        litellm: `ModelSites.litellm_slash`); None for `openai:` before the model (LangChain's
        way), a
        setting sent as `model=` of an OpenAI SDK request, the model of a raw request's
        JSON body, which goes where the request does, and the model written in an AutoGen
        entry that ML660 points at the provider (`moved_model`)."""
        litellm_routed = site.prefix == OPENAI_SPLIT_PREFIX and self.sites.litellm_slash
        if (
            (site.prefix and not litellm_routed)
            or site.place.sent
            or id(site.node) in body_models(self.ctx)
        ):
            return None
        if moved_model(self.ctx, site.node):
            return None
        if id(site.node) in litellm_models(self.ctx):
            return "configured"  # mem0's `"llm": {"provider": "litellm", ...}`
        holder = self.sites.holder(site)
        if interpreter_setting(self.ctx, holder) == oi.MODEL_ATTRIBUTE:
            return "interpreter"  # Open Interpreter's `interpreter.llm.model = "gpt-4o"`
        if litellm_routed:
            # an `openai/` string is litellm's route to OpenAI only where it reaches litellm
            # as it is, with no other server's URL (`litellm_route_taken`); else another
            # service's id (OpenRouter's), or a model for the project's own server: left
            return "sent" if litellm_route_taken(self.ctx, holder) else ELSEWHERE
        forwarded = forwarded_param(self.ctx, site.node)
        if forwarded is not None and forwarded.module:
            # given to the project's code in another module, not sent here; "shared" where
            # that code also sends it to an OpenAI SDK request
            return "shared" if forwarded.shared else "forwarded"
        reach = self.litellm_reach(lambda: self._takers(site), self._setting_names(site))
        if forwarded is not None and forwarded.shared and reach != "both":
            return "shared"
        if reach == "untraced" and forwarded is not None:
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
        sends = (
            f" whose {OPENAI_SPLIT_PREFIX} route sends it to OpenAI"
            if site.prefix == OPENAI_SPLIT_PREFIX
            else " which sends a model without a provider prefix to OpenAI"
        )
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
        elif reach == "shared":
            because, shows = self._forwarded_litellm(site), "and to an OpenAI SDK request"
            message = both_forms_advice(site.subject, new, provider, need, because, shows)
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


def _one_mapping(findings: list[Finding | None]) -> str | None:
    """The literal every one of `findings` writes (each with an edit), else None."""
    written = set()
    for finding in findings:
        if finding is None or finding.edit is None:
            return None
        written.add(string_value(cst.parse_expression(finding.edit.text)))
    return written.pop() if len(written) == 1 else None


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
