"""ML503: OpenAI model names in config files."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from migrate_llm import config as own_config
from migrate_llm import openai_sdk as sdk
from migrate_llm.formats import config_name
from migrate_llm.formats.document import ConfigDocument, Entry, dotted
from migrate_llm.formats.manifests import describes_package, in_tool_table
from migrate_llm.frameworks import aider, alpaca_eval, autogen, crewai, litellm, lmi, txtai
from migrate_llm.frameworks import open_interpreter as oi
from migrate_llm.frameworks.gateways import Gateway
from migrate_llm.frameworks.langchain import without_provider
from migrate_llm.frameworks.marvin import MARVIN_DEFAULTS
from migrate_llm.frameworks.pydantic_ai import PYDANTIC_AI, split_prefix
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.model_registry import (
    DECORATOR,
    REGISTRY_KEY,
    SENT_MODEL,
    SENT_MODEL_KEYS,
    record_role,
    registry_keys,
    unregistered,
)
from migrate_llm.prefilter import chat_models_written, embedding_models_named
from migrate_llm.registry import MODEL_ID, Provider, Retirement
from migrate_llm.rules.azure_target import deployment_advice
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.config_alpaca_eval import alpaca_openai_blocks
from migrate_llm.rules.config_alpaca_eval import held_why as alpaca_held_why
from migrate_llm.rules.config_alpaca_eval import point_at as alpaca_point_at
from migrate_llm.rules.config_camel import camel_openai_blocks, file_advice
from migrate_llm.rules.config_common import (
    KEY_KEY,
    LABEL_FIXTURE_DIRS,
    LABEL_LIST_KEYS,
    MODEL_KEY,
    MODEL_LIST_KEYS,
    SWITCHED_ON,
    config_key,
    gateway_blocks,
    held_blocks,
    host_owner,
    is_openai_base,
    migrating,
    paired_key,
    replace_value,
    scalar_text,
)
from migrate_llm.rules.config_graphrag import Rebuild, model_entries, rebuilds
from migrate_llm.rules.config_model_lists import StringList, list_finding
from migrate_llm.rules.config_placeholders import default_entry, placeholder
from migrate_llm.rules.config_services import service_blocks
from migrate_llm.rules.fine_tuned_models import fine_tuned_message
from migrate_llm.rules.framework_autogen_file import components, is_config_list_file
from migrate_llm.rules.graphrag_structured import structured_findings
from migrate_llm.rules.model_forms import litellm_route, lmi_advice
from migrate_llm.rules.model_left import registry_why, table_note
from migrate_llm.rules.models import article
from migrate_llm.rules.openai_branches import openai_names
from migrate_llm.rules.prefixed_recipe import build_advice, why_openai
from migrate_llm.rules.service_records import left_service
from migrate_llm.rules.service_selectors import (
    choice_data,
    choice_said,
    no_entry,
    project_picked,
    selects,
    target_choice,
)
from migrate_llm.rules.table_gaps import gap_why, read_gap, read_why, table_gap, table_place
from migrate_llm.service_names import ServiceName

Record = tuple[str, ...]


# Top-level keys of a JSON Schema document (json-schema.org: `$schema`, `$id`, `$defs`; the
# older `definitions`), which a library writes to describe its files (pydantic's
# `model_json_schema()`, pydantic-evals' `Dataset.to_file` beside each dataset).
_SCHEMA_KEYS = frozenset({"$schema", "$id", "$defs", "definitions"})
# the formats whose lists ML503 reads only under a key naming models (`_label_item`)
_DATA_KINDS = frozenset({"yaml", "toml", "json"})


# A key or section naming a tokenizer (`tokenizer:`, `tokenizer_model`, `tiktoken_model`):
# a model under it picks the encoding the program counts tokens with, not a request's model.
_TOKENIZER_KEY = re.compile(r"(?i)tokeni[sz]er|tiktoken")


# OpenAI's base-URL variables, as a .env file sets them (`OPENAI_BASE_URL=...`)
_OPENAI_BASE_KEYS = frozenset({"OPENAI_BASE_URL", "OPENAI_API_BASE", "OPENAI_API_BASE_URL"})


def _foreign_openai_base(doc: ConfigDocument) -> bool:
    """Whether `doc` sets OpenAI's base-URL variable to another server's URL
    (`OPENAI_BASE_URL=https://openrouter.ai/api/v1`): its `openai/` ids are that server's."""
    return any(
        (e.key or "").upper() in _OPENAI_BASE_KEYS
        and (e.value or "").startswith(("http://", "https://"))
        and "://api.openai.com" not in (e.value or "")
        for e in doc.entries
    )


def _held_why(path: Record, held: dict[Record, str]) -> str | None:
    """Why the model at `path` stays OpenAI's with its record (`held_blocks`), else None: its
    mapping is held, or it is an item of a list (`models: [gpt-4o-mini]`) whose mapping is,
    or its record is an item of a list whose endpoint sits in a mapping of its own
    (`- models: [...]` beside `config: {api_base: ..., api_key: ...}`, Kirara AI's
    `llms.api_backends`, t62f): ML502 and ML505 leave that endpoint and key on OpenAI, and
    the record's models change with them (as ML205 says of a model list in code)."""
    block = path[:-1]
    if block in held:
        return held[block]
    if path and path[-1].isdigit() and block:
        block = block[:-1]  # the mapping holding the list
        if block in held:
            return held[block]
    if not block or not block[-1].isdigit():
        return None
    inner = sorted(b for b in held if len(b) == len(block) + 1 and b[:-1] == block)
    if not inner:
        return None
    return f"the endpoint of its record ({dotted(inner[0])}) stays OpenAI's (see ML502)"


def _held_lists(entries: list[Entry], held: dict[Record, str]) -> dict[str, Record]:
    """The models listed by records left on OpenAI (`_held_why` of a list item), each with
    the list holding it: a default elsewhere naming one (`default_model: gpt-4o-mini` beside
    `backends: [{models: [gpt-4o-mini], ...}]`) picks it from there, so it stays with it."""
    found: dict[str, Record] = {}
    for entry in entries:
        path, value = entry.rooted, (entry.value or "").strip()
        if path and path[-1].isdigit() and value and _held_why(path, held) is not None:
            found.setdefault(value, path[:-1])
    return found


def _held_records(entries: list[Entry], held: dict[Record, str]) -> dict[str, Record]:
    """The models of records left on OpenAI (a `name` or model entry of a held mapping,
    `held_blocks`), each with its record, for a setting of a mapping of no endpoint of its
    own that names one (DB-GPT's `[models] default_embedding` beside the `[[models.
    embeddings]]` record whose URL and key stay OpenAI's): the program looks it up among
    the records, so it stays with them (t64b). Empty where no mapping is held."""
    found: dict[str, Record] = {}
    if not held:
        return found
    for entry in entries:
        value = (entry.value or "").strip()
        key = entry.key or ""
        if value and entry.rooted[:-1] in held and (key == "name" or MODEL_KEY.search(key)):
            found.setdefault(value, entry.rooted[:-1])
    return found


def _endpoint_blocks(doc: ConfigDocument) -> set[Record]:
    """The mappings of `doc` holding a URL, a base-URL entry or a key: records of an endpoint
    of their own."""
    return {
        e.rooted[:-1]
        for e in doc.entries
        if "://" in (e.value or "")
        or (e.key and (config_key(e.key) in sdk.CONFIG_BASE_URL_KEYS or KEY_KEY.search(e.key)))
    }


def _json_schema(doc: ConfigDocument) -> bool:
    """Whether a JSON or YAML file is a JSON Schema: its `enum` lists are the values a
    validator allows (an editor's completion of a dataset's judge model), not settings."""
    return doc.kind in ("json", "yaml") and any(
        len(e.path) == 1 and e.path[0] in _SCHEMA_KEYS for e in doc.entries
    )


@dataclass(frozen=True)
class _Named:
    """A record of a catalogue: the entry naming it, whether its model, once mapped, is one
    another record of the list names (or maps to), and whether the list names models (one
    of its records a model id with a hyphen: `o1` beside `gpt-4o` is a model too)."""

    entry: Entry
    clash: bool
    models: bool


_GRAPHRAG_CHAT = (
    "completion_models:\n  default_completion_model:\n    model_provider: openai\n"
    "    model: {model}\n    api_base: https://dashscope.aliyuncs.com/compatible-mode/v1\n"
    "    api_key: ${{DASHSCOPE_API_KEY}}\n"
)


class ConfigModel(ConfigRule):
    """An OpenAI model name (`gpt-4o`, `text-embedding-3-small`) as a config value.

    ## What it does
    Finds string values in .env, YAML, TOML, JSON and INI files, and the values, option
    arguments (`--model gpt-4o`) and words of scripts, Dockerfiles, Makefiles, Procfiles and
    systemd units, that are exactly an OpenAI model name, or one written after its provider
    (`openai:gpt-4o`, as LangChain's `init_chat_model` and the applications built on it take
    models). Names without a hyphen, which are also plain words or titles (`ada`, `davinci`,
    `o3`), count only under a key that mentions a model, engine or deployment. An OpenAI
    model on litellm's OpenAI route (`fast_llm = "openai/gpt-4o-mini"`, R2R's `r2r.toml`) is
    judged as the model after it: on the provider's litellm route where litellm reads it, else
    the provider's model with `openai/` kept (the program strips it before its OpenAI client,
    or a library reading it does), left to a person where litellm and an OpenAI client (or
    DSPy) may both read it (t68b). A value padded
    with spaces inside its quotes (`'  gpt-4o  '`, which programs strip) counts; so does the
    default of an environment read (`"${env:LLM_MODEL_NAME:-gpt-4o}"`, `${MODEL:-gpt-4o}`:
    `config_placeholders.default_entry`), the model the program runs with while the variable
    is unset, mapped in place with the read kept (data `default_of`: the variable; t64b,
    DB-GPT's configs sent gpt-4o to Zhipu with `check` green). Not the model of a mapping
    that is another service's (`config_services`: its key reads `${env:AIMLAPI_API_KEY}`, its
    `api_url` is on `api.aimlapi.com`, another provider's host): that service's name for
    it, left as ML204 leaves the model of a client in code pointed at another service. A
    setting of a mapping with no endpoint of its own that names the model of a record that
    stays on OpenAI (DB-GPT's `[models] default_embedding` beside the `[[models.embeddings]]`
    record whose URL and key ML502 leaves) is left with that record (manual): the program
    looks it up among the records; a string
    holding a list of strings (`'["gpt-4o", "gpt-4"]'`, which programs read with `json.loads`)
    counts as a list of models in code does (below).

    What describes a package is no setting (`formats/manifests.py`): pyproject.toml's
    `[project]`, `[build-system]` and `[dependency-groups]`, the fields npm documents in
    package.json (`name`, `description`, `keywords`, `repository`...; not `config`), and a
    `keywords` or `classifiers` list in any file (gpt-cli's `keywords = ["cli", "gpt-4"]` says
    what the package is about; no program sends it). Nor is migrate-llm's own configuration
    (`[tool.migrate-llm]`, `migrate-llm.toml`). In a tool's table of a pyproject.toml
    (`[tool.NAME]`) a value counts only under a key naming a model, engine or deployment
    (`model = "gpt-4o"`, `[tool.app.models]`); a table keyed by OpenAI model counts there too.

    ## Why
    Providers reject OpenAI's model names. The provider file maps each to the provider's
    closest model; a name it does not map needs a person to choose. So does a model
    fine-tuned on OpenAI (`ft:gpt-4o-mini:org:name:id`), which only the account that trained
    it has (manual, unless `--model` maps it). GraphRAG asks the completion entry its
    `community_reports` (every index run) and `drift_search` name for structured outputs
    (json_schema, from inside the library): where that entry goes to the provider with a
    model its file says takes no json_schema (`[params] structured_models`), an error; where
    the file does not say, a warning (both manual: name an entry whose model takes it).

    ## Fix (review)
    `apply` writes the mapped name (`--model` overrides first) in place, quoting, spaces around
    it and an `openai:` in front kept (under a key naming images, `VISION_MODEL`, or beside a
    key of its mapping that names images and is on, `supports_vision: true`, `vision: yes`
    (not in a .env, whose variables are the whole program's), the provider's model for
    images, as ML204 maps such a default in code); not in scripts,
    Dockerfiles and the like (manual: what takes the model there, and where it sends it, is
    not known). A string holding a list of models, an environment variable's value
    (gpt_academic's `AVAIL_LLM_MODELS: '["gpt-3.5-turbo", "gpt-4", "qianfan"]'` in
    docker-compose.yml, which replaces the list its config.py binds), is the list the program
    parses and checks models against or offers, read as ML205 reads such a list in code
    (`config_model_lists`): one finding, on its first OpenAI model (data `models_from`,
    `models_to`). One that holds what each of its OpenAI models maps to is left silent; one that
    holds a provider model apply would not put there is taken as fixed by hand (a note, naming
    what it lacks); one of model ids only gains what its OpenAI models map to after its last
    item (review: `'["gpt-4o-mini", "gpt-4o", "acme-small", "acme-large"]'`); any other (other
    providers' names beside OpenAI's, a list written with escapes, `"[\\"gpt-4o\\"]"`) is left
    to a person (manual). Its items are not mapped in place (mapped so, gpt_academic's list
    offered deepseek-v4-pro, which its model table lacks, while the same list in config.py was
    left). A value whose model is a key of a table keyed by OpenAI model in the project's
    code with no entry for what it maps to (gpt_academic's `model_info`: ML204's `model_tables`),
    or that a module of the project gets by its name and looks up in such a table
    (`get_conf("LLM_MODEL")`, `model_info[llm_kwargs["llm_model"]]`: ML204's
    `ModelTable.reads`), is left (manual: `data` `model_to`, `table`), and so is a list whose
    OpenAI models are keys of one that lacks some of what it would gain (`data` `missing`):
    mapped, gpt_academic's compose service raised KeyError 'qwen-flash' (t56a D4); each is
    mapped once the table has every model it would be given (`table_gaps`). A provider model
    already written in such a setting, or in such a list, that the table lacks is reported too
    (manual). A value whose model the project's
    program registers as a model id while no module of it registers what it maps to (a `.env`'s
    `LLM_MODEL=gpt-4o-mini` beside simonw/llm's `register(Chat("gpt-4o-mini"))`: ML204's
    `model_registry`) is left (manual, data `registry`): mapped alone, it names a model the
    program does not know. Not where the file tells the registry's key from the model sent
    (`model_registry.record_role`): a value under a key the program's registry lookups are
    given (AgentVerse's `llm_registry.build(llm_config.pop("llm_type"))`), or holding a
    decorator's string beside `model:` in a record of the file, is left as a note; the
    record's `model:` is mapped as usual. An item of a YAML, TOML or JSON list whose
    model an item before it holds, or maps to, is removed rather than written twice
    (`["gpt-3.5-turbo", "gpt-3.5-turbo-16k"]` both map to one model). The keys of a table keyed
    by OpenAI model (per-model limits, names or prices in YAML, TOML or JSON) are one finding a
    table, left to a person: after the switch the program looks up the provider's models there.
    A value of the same file naming one of those keys (`available_text_models: [gpt-4o-mini]`
    beside `info: {gpt-4o-mini: ...}`) is left with the table (manual) until the table has an
    entry for the model it maps to: mapped alone, the program's lookup of it there fails; so is
    a model the project's code sets that is such a key (ML204, `model_table_keys`). The table's
    finding is settled once it has an entry for what each OpenAI key maps to, whatever keys
    those are (`cogview-4:` beside `gpt-image-1:`). A key whose record says it reads images
    (`vision: true`) maps, there and for a value naming it, to the provider's model for images
    where that model answers text too (`[params] vision_model_text`: the program sends the
    record's model text as well). In a
    run where a Python module imports crewAI, `MODEL`, `MODEL_NAME` and `OPENAI_MODEL_NAME` in a
    .env are written with the provider's route prefix (`deepseek/deepseek-flash`, see ML690),
    and a provider model there without it is an error: crewAI sends it to OpenAI. So is one
    after `openai/` (`MODEL=openai/deepseek-flash`: OpenAI's route, with OPENAI_API_KEY),
    written on the provider's route (an OpenAI model there mapped, a warning), unless the .env
    points `OPENAI_BASE_URL` / `OPENAI_API_BASE` away from OpenAI (left: ML501 reports it).
    So is an agent's `llm:` and `function_calling_llm:` in the project's YAML (a top-level
    mapping holding `role:` and `goal:` beside it, as a @CrewBase class's
    `config/agents.yaml`, which it hands to `Agent(config=...)`: `crewai.AGENT_CONFIG_KEYS`):
    t60b D1 and D2, `llm: gpt-4o` had been mapped bare and `llm: openai/gpt-4o` not reported,
    and crewAI sent both to OpenAI.
    A model on the provider's route there (`MODEL=deepseek/deepseek-v4-pro`, as apply writes
    it) that crewAI takes through litellm, where the project's crewai is 1.0 or later and no
    requirement names crewai's `litellm` extra or litellm, is a warning (manual): the
    program fails at import (see ML690).
    A `model_type` in a mapping whose `model_platform` picks camel's OpenAI platform (`openai`,
    `default`) and names no `url` (a model file for camel's `ModelFactory.create_from_yaml` /
    `create_from_json`) is left (manual): mapped alone, the provider's model goes to OpenAI;
    the message says what to write for camel's platform of the provider (see ML670).
    A `model_name` in the `completions_kwargs` of an alpaca_eval annotator config whose
    `fn_completions` builds an OpenAI client (`openai_completions`, `frameworks.alpaca_eval`)
    and which chooses no endpoint there (`client_config_path`, `openai_api_base`, a
    `client_kwargs` holding `base_url`) is left (manual): alpaca_eval's client goes where its
    client config file (OPENAI_CLIENT_CONFIG_PATH) or OPENAI_API_KEY and OPENAI_API_BASE say,
    OpenAI's unless a person points them at the provider; the message says how (`data` `library`:
    alpaca-eval). The provider's model there (as an earlier apply wrote it) is reported too
    (manual, `data` `model`), until a person records with a suppression comment that the
    client was pointed there (t67b).

    litellm sends a model without a provider prefix to OpenAI, and fails on a provider's model
    without one ("LLM Provider NOT provided"). In a project where a Python module calls
    litellm with a model (as ML204 tells it) and none uses an OpenAI client (no module or
    notebook builds one, `OpenAI(`, a framework's OpenAI class such as `ChatOpenAI(`, or calls
    the openai module's requests, `openai.chat.completions.create(`; nor does a JavaScript
    module, `new OpenAI(`; nor is an OpenAI URL with an API path written in a module, or
    pydantic-ai imported), a model value (not the alias of a deployment, `model_name` in a
    `model_list`) is written on litellm's route for the provider
    (`deepseek/deepseek-v4-pro`; `litellm_prefix` of the provider file), as the Python
    default it replaces is: open-interpreter's CLI hands its YAML profile's model to
    `litellm.completion`. Where a Python module writes litellm's `openai/` before a model
    itself (`f"openai/{model}"`, `PREFIX = {"OpenAI": "openai/"}`: `RunFacts.
    openai_route_added`), the model is written bare, as the code routes it (t68e). An OpenAI
    model under a record naming OpenAI's service (`{"name": "OpenAI", "llm": [...]}`) whose
    URL a table keyed by service of the project's code gives as OpenAI's, which ML402
    leaves, stays with that URL (manual, `service_records`). Where a module uses an OpenAI
    client too, the key path decides
    (`SETTING_NAME_WORDS` of `migrate_llm.frameworks.litellm`, as for ML204's names): with
    `litellm` the route, with `openai` the model as it is; else it is left with both
    spellings (manual). For a provider without a route of its own, or an embeddings model,
    it is left to a person (`openai/<model>` with the provider's api_base and key). A
    provider's chat model without the route where litellm reads it (`model: deepseek-v4-pro`,
    as an earlier apply wrote it) is an error that apply writes on the route; where a module
    uses an OpenAI client too and the key path tells neither, a warning left with both
    spellings (manual), as for an OpenAI model there (t67b: RD-Agent's `.env`
    `CHAT_MODEL=qwen-plus`, read by its litellm backend and its OpenAI-client one, was not
    reported, and litellm raised "LLM Provider NOT provided"). So is one of the provider's
    embedding models written bare (`EMBEDDING_MODEL=text-embedding-v4`), which litellm's
    `embedding()` refuses as `completion()` does a chat model: written on the provider's route
    where that route sends embeddings (`dashscope/text-embedding-v4`;
    `frameworks.litellm.EMBEDDINGS_ROUTES`), else an error left to a person
    (`openai/<model>` with the provider's api_base and key; t67e: RD-Agent's `.env`, read by
    its litellm backend, got no finding while its `CHAT_MODEL` line did). The model of
    an `interpreter` command line of a script (`interpreter --model gpt-4o`, `-m`), in any
    project, is named on that route too (scripts are not edited): Open Interpreter sets it
    as its `llm.model`; not where the command is given `--api_base`, before which it writes
    `openai/` (`frameworks/open_interpreter.py`).

    In an example .env file (`.env.example`, `.env-template`, `.env_sample`, `example.env`),
    the assignments commented out (`# OPENAI_MODEL=gpt-4o`), which people uncomment, are read
    too (`data.commented`): mapped in place as a live line is; where a person must choose (no
    mapping), a note, as the line sends nothing until someone uncomments it.

    A .env line that picks the program's service (`service_selectors.selects`:
    `TRADINGAGENTS_LLM_PROVIDER=openai`) beside OpenAI models this rule maps, in a project that
    picks its services by name (ML204's `service_selectors`), is an error: set to the target's
    name where the project has one (review), else left with the models (manual), as ML204
    reads one in code (t52b).

    An OpenAI model under a key or section naming a tokenizer (`tokenizer:`,
    `tokenizer_model`, `tiktoken_model`: canopy's `tokenizer: params: model_name:
    gpt-3.5-turbo`) picks the encoding the program counts tokens with (tiktoken's for that
    model), not a request's model: a note, left (data `tokenizer`, the key), as ML207 leaves
    such a name in code; mapped, `tiktoken.encoding_for_model()` raises KeyError.

    A list of records named by their model is a catalogue of per-model settings (aider's
    `- name: gpt-4o` with that model's settings below it): a list of mappings named by
    `name` or `id`, or by `model` where two records would name one provider model once
    mapped and none holds a base URL or a key. The program looks a model's settings up there
    by name, so a record named by an OpenAI model (also `openai/gpt-4o`) is left whole,
    manual, on its name: renamed, its settings would stand for another model, and two
    records for one. Add a record for the provider's model by hand.

    An OpenAI model after lmi's embedding prefixes (`hybrid-`, `litellm-`: paper-qa's
    `"embedding": "hybrid-text-embedding-3-small"`, `frameworks/lmi.py`) is left to you
    (manual): lmi hands the model after them to litellm, which sends it to OpenAI; the message
    gives the form litellm takes there (`hybrid-openai/<model>` with the provider's api_base and
    key in the embedding config's `kwargs`, a chat model on the provider's route). Data:
    `model_from`, `prefix`, `model_to`.

    In a run where a Python module imports pydantic-ai (or marvin 3, pydantic_evals), a
    value on pydantic-ai's OpenAI prefix (`openai:gpt-4o`, `openai-chat:...`; also
    `openai:glm-5.3` as an earlier apply wrote it) is an error left to you with ML671's
    advice: pydantic-ai reads such a string with its OpenAIProvider, which reads
    `OPENAI_API_KEY` and `OPENAI_BASE_URL`, so the provider's model after the prefix still
    goes to OpenAI. Build the model in code (`OpenAIChatModel(..., provider=OpenAIProvider(
    base_url=..., api_key=...))`) and keep the model alone in the file. Elsewhere the prefix
    is kept, as ML603 keeps it for LangChain's `init_chat_model`, which takes `base_url=` and
    `api_key=` beside the string. marvin's `MARVIN_AGENT_MODEL` (marvin 3.2.7) is read into
    `marvin.settings.agent_model`, a `KnownModelName` (pydantic-ai's `provider:model`
    strings), copied to `marvin.defaults.model` when marvin is imported: an `openai:` value
    there, and a bare model (`gpt-4o-mini`, or the provider's `qwen-plus`, with which marvin
    fails when imported), is an error left to you (in any run): remove it and set
    `marvin.defaults.model` to the built model in the program.

    A model value (`model`, `model_name`, `model_id`) that is neither an OpenAI model nor one
    the provider lists (`gpt-35-turbo`, an Azure deployment's name), in a YAML, TOML or JSON
    mapping whose base URL (`base_url`, `api_base`...) `apply` points at the provider (OpenAI's
    plain base URL, no key going with it) or that already names the provider's host, is left
    to you, as ML201 says of such a `model=` of a switched client: the program sends it to the
    provider (MetaGPT's Architect sent `gpt-35-turbo` to DeepSeek). `--model OLD=NEW` maps it.

    A model the provider retired (`[retired]` of its file: `deepseek-chat`, or
    `deepseek/deepseek-chat` on litellm's route for it) is an error left to you, with what
    the file says to use instead (the replacement may take more than its name).

    The model of a mapping whose requests still go to OpenAI after `apply` is left, a manual
    finding: one beside an OpenAI base URL and a key, or beside an OpenAI endpoint with a path
    (`.../v1/chat/completions`), one whose selector picks, by its key, a mapping of the file
    whose OpenAI base URL stays so (gpt-pilot's `provider: openai` beside `llm: {openai:
    {base_url: "https://api.openai.com/v1", api_key: ...}}`), one that picks OpenAI's client
    and names no base URL (`model_provider: openai`), an `OAI_CONFIG_LIST` entry without
    `base_url`, one beside an Azure OpenAI endpoint (see ML502), or in a mapping inside such a
    one that picks no client of its own and names no endpoint elsewhere (OpenManus's
    `[llm.vision]` under `[llm]`, `api_type = "azure"`, its base URL on Azure's
    `/openai/deployments/` path): mapping it alone would send the
    provider's model to OpenAI; the endpoint, key and model change together. So are the items
    of a list of models in such a mapping (`models: [gpt-4o-mini]` beside `api_base:` and
    `api_key:`), the models of a list record whose endpoint sits in a mapping of its own that
    stays (`- config: {api_base: ..., api_key: ...}` beside `models: [...]`), and a setting
    elsewhere naming one of those listed models (`default_model:`), as ML205 says of a list
    in code (t62f: Kirara AI's backends). A value under a
    key naming a deployment (`azure_deployment_name`, `AZURE_OPENAI_DEPLOYMENT`) is the name
    of the user's Azure resource: never rewritten (manual; no finding with
    `--provider azure`). So is the OpenAI model of a mapping that picks a gateway's own
    client (`gateways.GATEWAYS`: mini-swe-agent's `model_class: portkey`, by a key of
    `gateways.CLIENT_KEYS` or a provider key): its requests go through the gateway to the
    service it is set up for (`provider: "@openai"`, a slug of Portkey's catalogue) whatever
    model the file names; point the gateway at the provider and change the model with it.

    A JSON or YAML file that records what a program did rather than configuring it (a
    directory named `results`, `outputs`, `logs`, `runs`, or ending in `_results`... between
    it and the repository's root, such as `benchmark_results/`; a name such as
    `results.json` or `example_output.json`; records of results wherever they stand, a
    list of mappings each naming a model beside a measure written as a number, aider's
    leaderboard `- model: gpt-4o` with `pass_rate_1: 60.2`: see `formats/recorded.py`) is
    left as it is:
    what this rule would say there is one note (fix `none`), as rewriting it would falsify
    past runs. ML501 and ML502 do the same; ML505 reports a key there as anywhere.
    The `enum` lists of a JSON Schema (a top-level `$schema`, `$id`, `$defs` or
    `definitions`) are the values a validator allows, not settings: not reported. Nor is a
    YAML, TOML or JSON list mixing model ids with other words under no key naming a model
    (`MODEL_KEY` anywhere above it, `MODEL_LIST_KEYS`, an OpenAI model as the key): its
    items are labels (a recorded GitHub payload's `"topics": ["ai", "gpt-4-32k", "llm"]`,
    t63c); a list of model ids alone is a list of models wherever it stands.

    ## Example
    ```yaml
    model: gpt-4o-mini   # -> acme-small on Acme Cloud
    ```
    """

    code = "ML503"
    name = "config-model"
    category = "model"
    severity = Severity.WARNING
    fix = FixClass.REVIEW
    kinds = frozenset({"dotenv", "yaml", "toml", "json", "ini", "shell"})
    examples = (
        # t68b, r3: R2R's `fast_llm = "openai/gpt-5-nano"` (its code strips `openai/`: then
        # `openai/acme-small`); with no module stripping it, it may be OpenRouter's id: manual
        Example(
            '[app]\nfast_llm = "openai/gpt-4o-mini"\n',
            path="config.toml",
            provider="acme",
            message="openai/gpt-4o-mini is OpenAI's gpt-4o-mini after litellm's openai/ prefix; "
            "it maps to acme-small on Acme Cloud, but no module of this project strips the "
            "prefix before an OpenAI client, and no litellm call shows reading it: write "
            "openai/acme-small there if the program strips it, the model its service names "
            "otherwise, by hand",
            after='[app]\nfast_llm = "openai/gpt-4o-mini"\n',
        ),
        # r3: a litellm proxy deployment's model, sent with the deployment's OpenAI key: on
        # the provider's route litellm would send that key there
        Example(
            "model_list:\n  - model_name: fast\n    litellm_params:\n"
            "      model: openai/gpt-4o-mini\n      api_key: os.environ/OPENAI_API_KEY\n",
            path="litellm_config.yaml",
            provider="acme",
            message="openai/gpt-4o-mini is a litellm deployment's litellm_params.model under "
            "model_list, sent with the deployment's api_key (line 5): write acme/acme-small "
            "there with api_key: os.environ/ACME_API_KEY and api_base: "
            "https://api.acme.example/v1 (the OpenAI key does not work at Acme Cloud), by hand",
            after="model_list:\n  - model_name: fast\n    litellm_params:\n"
            "      model: openai/gpt-4o-mini\n      api_key: os.environ/OPENAI_API_KEY\n",
        ),
        # r3: one with no key or base URL of its own: litellm reads the provider's variables
        Example(
            "model_list:\n  - model_name: fast\n    litellm_params:\n"
            "      model: openai/gpt-4o-mini\n",
            path="litellm_config.yaml",
            provider="acme",
            after="model_list:\n  - model_name: fast\n    litellm_params:\n"
            "      model: acme/acme-small\n",
        ),
        # t67b: an alpaca_eval annotator whose openai_completions client stays OpenAI's
        Example(
            "judge:\n  fn_completions: openai_completions\n  completions_kwargs:\n"
            "    model_name: gpt-4o-mini\n    max_tokens: 100\n",
            path="annotators/configs.yaml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud, but "
            "alpaca_eval's openai_completions (fn_completions, line 2) sends it to OpenAI: it "
            "builds an openai.OpenAI client from the client config file "
            "OPENAI_CLIENT_CONFIG_PATH names, else from OPENAI_API_KEY or OPENAI_API_KEYS and "
            "OPENAI_API_BASE, and nothing in this file points it elsewhere: point it at Acme "
            "Cloud with a client config file holding `default: [{api_key: <the Acme Cloud "
            "key>, base_url: https://api.acme.example/v1}]` (kept out of version control) "
            "named by OPENAI_CLIENT_CONFIG_PATH or by client_config_path: in "
            "completions_kwargs, or with OPENAI_API_BASE=https://api.acme.example/v1 and the "
            "Acme Cloud key in OPENAI_API_KEY where it runs; then write model_name: "
            "acme-small, by hand",
            after="judge:\n  fn_completions: openai_completions\n  completions_kwargs:\n"
            "    model_name: gpt-4o-mini\n    max_tokens: 100\n",
        ),
        # t65e: canopy's default.yaml names the model tiktoken counts with under `tokenizer:`;
        # mapped, `encoding_for_model()` raised KeyError: left, the llm's model mapped
        Example(
            "tokenizer:\n  params:\n    model_name: gpt-3.5-turbo\n"
            "llm:\n  params:\n    model_name: gpt-3.5-turbo\n",
            path="config.yaml",
            provider="acme",
            message="gpt-3.5-turbo under tokenizer.params.model_name names a tokenizer, not a "
            "model the program sends: apply leaves it, as tiktoken knows OpenAI's model names "
            "only (encoding_for_model() raises KeyError for acme-small on Acme Cloud); the "
            "counts it gives are OpenAI's tokenizer's, close to but not the provider's",
            after="tokenizer:\n  params:\n    model_name: gpt-3.5-turbo\n"
            "llm:\n  params:\n    model_name: acme-small\n",
        ),
        # t62f: the models of a backend record whose endpoint, in a mapping of its own,
        # stays on OpenAI with its key (ML502, ML505) stay with them
        Example(
            "backends:\n  - config:\n      api_key: sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF\n"
            "      api_base: https://api.openai.com/v1\n    models:\n      - gpt-4o-mini\n",
            path="settings.yaml",
            provider="qwen",
            message="gpt-4o-mini is an OpenAI model; it maps to qwen-plus on Alibaba Qwen "
            "(DashScope / Model Studio), but the endpoint of its record (backends.0.config) "
            "stays OpenAI's (see ML502): change it with the base URL and the key, by hand",
            after="backends:\n  - config:\n      api_key: sk-proj-Qm7vT2xWk9LpR4nZ8bYc3HdF\n"
            "      api_base: https://api.openai.com/v1\n    models:\n      - gpt-4o-mini\n",
        ),
        Example(
            "llm:\n  model: gpt-4o-mini\n",
            path="config.yaml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud",
            after="llm:\n  model: acme-small\n",
        ),
        # t64b: the default of an environment read (DB-GPT's TOML configs) is the model the
        # program runs with while the variable is unset; mapped there, the read kept
        Example(
            '[[models.llms]]\nname = "${env:LLM_MODEL_NAME:-gpt-4o-mini}"\n',
            path="app.toml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud (the "
            "default of LLM_MODEL_NAME: where that variable is set, set it there too)",
            after='[[models.llms]]\nname = "${env:LLM_MODEL_NAME:-acme-small}"\n',
        ),
        # t63c: a recorded GitHub payload's topics are the repository's labels, not models
        Example(
            '{"repository": {"topics": ["ai", "gpt-35-turbo", "gpt-4-32k", "llm"]}}\n',
            path="tests/webhook.json",
            provider="acme",
            finds=False,
        ),
        Example(
            "menu: [gpt-4o, acme-small]\ntags: [gpt-4o, tool]\n",
            path="app.yaml",
            provider="acme",
            message="gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
            after="menu: [acme-large, acme-small]\ntags: [gpt-4o, tool]\n",
        ),
        # r2 t10: a list under a key of no labels (`LABEL_LIST_KEYS`) holds models, a
        # model without a hyphen (`llama3`) beside them
        Example(
            "router:\n  order: [gpt-4o, llama3]\n",
            path="config.yaml",
            provider="acme",
            message="gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
            after="router:\n  order: [acme-large, llama3]\n",
        ),
        # a recorded payload's lists holding a word are labels under any key
        Example(
            '{"repo": {"stack": ["python", "gpt-4o"]}}\n',
            path="tests/fixtures/push.json",
            provider="acme",
            finds=False,
        ),
        Example(
            "OPENAI_MODEL=ft:gpt-4o-mini:acme:triage:a1b2\n",
            path=".env",
            provider="acme",
            message="ft:gpt-4o-mini:acme:triage:a1b2 is a model fine-tuned on OpenAI from "
            "gpt-4o-mini: only the OpenAI account that trained it can use it; fine-tune a model "
            "on Acme Cloud with the same data or choose one of acme-large, acme-medium, "
            "acme-small (or pass --model ft:gpt-4o-mini:acme:triage:a1b2=NAME)",
        ),
        Example(
            '[llm]\nmodel = "o3-mini"\n',
            path="settings.toml",
            provider="acme",
            message="o3-mini is an OpenAI model with no Acme Cloud mapping; choose one of "
            "acme-large, acme-medium, acme-small (or pass --model o3-mini=NAME)",
        ),
        Example(
            '{"models": ["gpt-4o", "text-embedding-3-small"]}',
            path="config.json",
            message="gpt-4o is an OpenAI model; pass --provider to see what replaces it",
        ),
        Example(
            "[OpenAI]\nCHATGPT_MODEL = gpt-3.5-turbo\n",
            path="apikey.ini",
            provider="acme",
            message="gpt-3.5-turbo is an OpenAI model; it maps to acme-small on Acme Cloud",
            after="[OpenAI]\nCHATGPT_MODEL = acme-small\n",
        ),
        Example(
            'models: ["acme-large", "gpt-4o", "acme-small"]\n',
            path="models.yaml",
            provider="acme",
            message="gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, which the "
            "list holds before it: apply removes this item",
            after='models: ["acme-large", "acme-small"]\n',
        ),
        Example(
            "limits:\n  gpt-4o: 8000\n  gpt-4o-mini: 4000\n",
            path="models.yaml",
            provider="acme",
            message="gpt-4o and 1 more are keys of a table keyed by OpenAI model: after the "
            "switch the program looks up Acme Cloud's models there (acme-large, acme-small); "
            "add entries for them by hand",
        ),
        Example(
            "chat:\n  model_provider: openai\n  model: gpt-4o\n",
            path="settings.yaml",
            provider="acme",
            message="gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but this "
            "entry picks OpenAI (model_provider: openai) and names no base URL, so it goes to "
            "OpenAI (see ML502): change it with the base URL and the key, by hand",
        ),
        Example(
            'model:\n  model_name: "gpt-4o-mini"\n  model_class: portkey\n  provider: "@openai"\n',
            path="swebench.yaml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model whose requests go through Portkey "
            "(model_class: portkey), which sends them on to the service its provider: @openai "
            "names, not to Acme Cloud: apply leaves it; point the gateway at Acme Cloud and "
            "change the model to acme-small (what it maps to) with it, by hand",
        ),
        Example(
            "chat:\n  api_base: https://myres.openai.azure.com\n  azure_deployment_name: gpt-4o\n",
            path="settings.yaml",
            provider="acme",
            message="gpt-4o (azure_deployment_name) names a deployment of your Azure OpenAI "
            "resource, not a model; apply leaves it, and this entry goes to Azure OpenAI and stays "
            "there (see ML502)",
        ),
        # t52a: OpenManus's Azure example, its vision table inside the Azure one
        Example(
            '[llm]\napi_type = "azure"\nmodel = "gpt-4o-mini"\n'
            'base_url = "{YOUR_AZURE_ENDPOINT}/openai/deployments/{AZURE_DEPLOYMENT_ID}"\n\n'
            '[llm.vision]\nmodel = "gpt-4o"\n'
            'base_url = "{YOUR_AZURE_ENDPOINT}/openai/deployments/{AZURE_DEPLOYMENT_ID}"\n',
            path="config.toml",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud, but this "
            "entry goes to Azure OpenAI and stays there (see ML502): change it with the base URL "
            "and the key, by hand",
        ),
        Example(
            "- name: gpt-4o\n  edit_format: diff\n  weak_model_name: gpt-4o-mini\n"
            "- name: gpt-4-turbo\n  edit_format: udiff\n",
            path="model-settings.yml",
            provider="acme",
            message="gpt-4o names a record of a catalogue of per-model settings (name:): apply "
            "leaves the record, as writing acme-large there would make two records of one "
            "model; add one for acme-large by hand",
        ),
        Example(
            "MARVIN_AGENT_MODEL=openai:gpt-4o-mini\n",
            path=".env",
            provider="acme",
            message="openai:gpt-4o-mini: the openai: prefix makes pydantic-ai use its "
            "OpenAIProvider, which reads OPENAI_API_KEY and OPENAI_BASE_URL, so another model "
            "name after it still goes to OpenAI; marvin reads MARVIN_AGENT_MODEL only into "
            "KnownModelName names (no model object, no base URL): remove it, and for Acme Cloud "
            'build OpenAIChatModel("acme-small", provider=OpenAIProvider(base_url=os.environ.get('
            '"ACME_BASE_URL", "https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"]'
            "), profile=OpenAIModelProfile(openai_supports_tool_choice_required=False)) and pass "
            "that model to marvin.defaults.model in the program, once marvin is imported, by hand "
            '(profile=: Acme Cloud rejects tool_choice "required", which pydantic-ai sends for a '
            "structured output)",
        ),
        Example(
            "llm:\n  model: acme/acme-old\n",
            path="config.yaml",
            provider="acme",
            message="acme/acme-old: Acme Cloud retired it on 2025-12-01, so requests for it "
            "fail; use acme/acme-medium (with temperature at most 1) instead, by hand",
        ),
        Example(
            '{"run": {"model": "openai:gpt-4o", "grader_model": "gpt-4o-mini"}, "score": 0.8}',
            path="benchmark_results/run-7.json",
            provider="acme",
            message="openai:gpt-4o and 1 more are in recorded output (benchmark_results/), not "
            "configuration the program reads: apply leaves it",
        ),
        Example(
            "- dirname: 2024-08-15-json-gpt-4o\n  model: gpt-4o\n  pass_rate_1: 60.2\n",
            path="website/_data/edit_leaderboard.yml",
            provider="acme",
            message="gpt-4o is in recorded output (records of results: pass_rate_1 beside "
            "model), not configuration the program reads: apply leaves it",
        ),
        Example(
            'services:\n  app:\n    environment:\n      MODELS: \' ["gpt-4o-mini", "gpt-4o"] \'\n',
            path="docker-compose.yml",
            provider="acme",
            message="'gpt-4o-mini', 'gpt-4o' in the list in MODELS are OpenAI model ids: a "
            "program that checks models against them may reject Acme Cloud's models; apply adds "
            "what they map to ('acme-small', 'acme-large') beside them",
            after="services:\n  app:\n    environment:\n"
            '      MODELS: \' ["gpt-4o-mini", "gpt-4o", "acme-small", "acme-large"] \'\n',
        ),
        Example(
            "web: python app.py --model gpt-4o-mini\n",
            path="Procfile",
            provider="acme",
            message="gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud; "
            "change it by hand",
            after="web: python app.py --model gpt-4o-mini\n",
        ),
        Example(
            '[project]\nname = "gpt-cli"\nkeywords = ["cli", "gpt-4"]\n\n'
            '[tool.gpt-cli]\nmodel = "gpt-4"\n',
            path="pyproject.toml",
            provider="acme",
            message="gpt-4 is an OpenAI model; it maps to acme-large on Acme Cloud",
            after='[project]\nname = "gpt-cli"\nkeywords = ["cli", "gpt-4"]\n\n'
            '[tool.gpt-cli]\nmodel = "acme-large"\n',
        ),
        Example(
            "# OPENAI_MODEL=gpt-4o\n# TTS_MODEL=tts-1\n",
            path=".env.example",
            provider="acme",
            message="gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
            after="# OPENAI_MODEL=acme-large\n# TTS_MODEL=tts-1\n",
        ),
        Example(
            "llm:\n  model: gpt-4o\n  supports_vision: true\n",
            path="vision.yaml",
            provider="acme",
            message="gpt-4o is an OpenAI model, for images here (supports_vision: true), and "
            "Acme Cloud names no model that takes images; choose one from "
            "https://docs.acme.example/openai (or pass --model gpt-4o=NAME)",
        ),
        Example(
            'llm:\n  base_url: "https://api.openai.com/v1"\n  model: "gpt-35-turbo"\n',
            path="config2.yaml",
            provider="acme",
            message="gpt-35-turbo is neither an OpenAI model nor one Acme Cloud lists, and goes "
            "to Acme Cloud through the OpenAI base URL beside it (line 2), which apply points at "
            "Acme Cloud: check that Acme Cloud serves it (or pass --model gpt-35-turbo=NAME)",
        ),
        Example(
            '{"llm": "acme-large", "embedding": "hybrid-text-embedding-3-small"}',
            path="configs/wikicrow.json",
            provider="acme",
            message="hybrid-text-embedding-3-small is lmi's 'hybrid-' form of OpenAI's "
            "'text-embedding-3-small': lmi hands 'text-embedding-3-small' to litellm, which sends "
            "a model without a provider prefix to OpenAI; it maps to 'acme-embed' on Acme Cloud: "
            "write 'hybrid-openai/acme-embed' with Acme Cloud's api_base and key in the embedding "
            "config's 'kwargs' entry there instead (lmi gives litellm what follows 'hybrid-'), by "
            "hand",
        ),
        Example("MODEL=acme-large\n", path=".env", provider="acme", finds=False),
        Example("# MODEL=gpt-4o\n", path=".env", provider="acme", finds=False),
        Example("author: ada\n", path="config.yaml", finds=False),
        Example('[{"number": 1098, "title": "o3"}]', path="issues.json", finds=False),
        # t61a D1: GraphRAG asks its community-reports entry for json_schema (graphrag_structured)
        Example(
            _GRAPHRAG_CHAT.format(model="qwen-plus"),
            path="settings.yaml",
            provider="qwen",
            message="GraphRAG asks completion_models.default_completion_model for structured "
            "outputs (response_format json_schema) in community reports, on every `graphrag "
            "index` (community_reports) and drift search's primer (`graphrag query --method "
            "drift`) (drift_search): qwen-plus does not take it (Alibaba Qwen (DashScope / Model "
            "Studio)'s file names the models that do: qwen4-max, qwen3.8-max), so that step fails "
            "(HTTP 400); set these sections' completion_model_id to an entry whose model takes "
            "json_schema, by hand",
        ),
        Example(
            _GRAPHRAG_CHAT.format(model="qwen4-max"),
            path="settings.yaml",
            provider="qwen",
            finds=False,
        ),
    )

    def _model_keys(self, doc: ConfigDocument) -> Iterator[Finding]:
        """A table keyed by OpenAI model (token limits, prices, per-model settings): once the
        program's models are the provider's, looking them up there fails (one finding a
        table, on its first key; left to a person)."""
        if doc.kind not in ("yaml", "toml", "json"):
            return
        provider = self.ctx.provider
        for path, entries in first_keys(doc, self.ctx.openai.serves).items():
            first = entries[0]
            assert first.key is not None and first.key_span is not None
            more = f" and {len(entries) - 1} more are keys" if len(entries) > 1 else " is a key"
            head = f"{first.key}{more} of a table keyed by OpenAI model"
            if provider is None:
                message = f"{head}; pass --provider to see the models that look it up"
            else:
                # an entry saying its model reads images (`vision: true`) is looked up with
                # the provider's model for images
                mapped = (
                    self.ctx.map_model(
                        e.key or "",
                        table_images(self.ctx, images_sign(doc, e.rooted))
                        and self.ctx.images_change(e.key or ""),
                    )
                    for e in entries
                )
                targets = sorted({t for t in mapped if t is not None})
                # every key of the table: entries a person added for the provider's models
                # are not OpenAI's (`cogview-4:` beside `gpt-image-1:`)
                keys = {e.key for e in doc.entries if e.rooted[:-1] == path}
                if provider.serves(first.key) or all(t in keys for t in targets):
                    continue  # the provider serves these, or the table has its models too
                shown = f" ({', '.join(targets)})" if targets else ""
                message = (
                    f"{head}: after the switch the program looks up {provider.name}'s models "
                    f"there{shown}; add entries for them by hand"
                )
            yield self.finding_at(
                doc, first.key_span, message, fix=FixClass.MANUAL, data={"model_from": first.key}
            )

    def _tokenizer(
        self,
        doc: ConfigDocument,
        entry: Entry,
        span: Span,
        model: str,
        mapped: str | None,
        key: str,
    ) -> Finding:
        """An OpenAI model under a key or section naming a tokenizer (`tokenizer:
        model_name: gpt-3.5-turbo`): the program counts tokens with it (tiktoken's encoding
        for that model), it sends no request; left, as ML207 leaves such a name in code."""
        where = ".".join(entry.path)
        instead = f"{mapped} on {self.ctx.provider.name}" if mapped and self.ctx.provider else None
        message = (
            f"{model} under {where} names a tokenizer, not a model the program sends: "
            "apply leaves it, as tiktoken knows OpenAI's model names only "
            f"(encoding_for_model() raises KeyError for {instead or 'a provider model'}); "
            "the counts it gives are OpenAI's tokenizer's, close to but not the provider's"
        )
        return self.finding_at(
            doc,
            span,
            message,
            severity=Severity.NOTE,
            fix=FixClass.NONE,
            data={"model_from": model, "tokenizer": key},
        )

    def _rebuild(self, doc: ConfigDocument, rebuild: Rebuild) -> Finding:
        """An index GraphRAG built with an embedding model apply maps (`rebuilds`)."""
        model = rebuild.model
        assert model.value_span is not None
        dirs = " and ".join(f"{name}/" for name in rebuild.built)
        message = (
            f"GraphRAG's {dirs} beside this file hold an index or cache built with "
            f"{(model.value or '').strip()}: once apply maps it to {rebuild.mapped}, "
            "`graphrag query` fails on the stored vectors' width, and a new index reads the "
            "old model's answers and vectors back from the cache (its key leaves the model "
            f"out); delete {dirs} and run `graphrag index` again"
        )
        data = {"model_from": (model.value or "").strip(), "built": list(rebuild.built)}
        return self.finding_at(
            doc,
            model.value_span,
            message,
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )

    def _alpaca_served(
        self, doc: ConfigDocument, span: Span, model: str, function: Entry
    ) -> Finding:
        """The provider's model in an alpaca_eval annotator whose client stays OpenAI's
        (`alpaca_openai_blocks`), as an earlier apply wrote it: it goes to OpenAI, which does
        not serve it, until a person points the client at the provider and records that."""
        provider = self.ctx.provider
        assert provider is not None
        message = (
            f"{model} is {article(provider.name)} {provider.name} model, but "
            f"{alpaca_held_why(doc, function)}; OpenAI does not serve it: "
            f"{alpaca_point_at(self.ctx)}, by hand (then record that with "
            f"`# migrate-llm: ignore[{self.code}]` on this line)"
        )
        data = {"model": model, "library": alpaca_eval.PACKAGE}
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        doc = settings_of(doc)
        yield from self._model_keys(doc)
        for rebuild in rebuilds(self.ctx, doc):
            yield self._rebuild(doc, rebuild)
        yield from structured_findings(self, doc)
        provider = self.ctx.provider
        held = held_blocks(self.ctx, doc) if migrating(self.ctx) else {}
        gateways = gateway_blocks(doc) if migrating(self.ctx) else {}
        camel_blocks = camel_openai_blocks(doc) if migrating(self.ctx) else {}
        alpaca_blocks = alpaca_openai_blocks(doc) if migrating(self.ctx) else {}
        # mappings whose model no litellm route reads: GraphRAG's model entries (it hands
        # litellm `model_provider` + "/" + the model), AutoGen's component configs
        # (autogen-ext's OpenAI client takes the model as it is)
        unrouted = model_entries(doc) | {c.model.rooted[:-1] for c in components(self.ctx, doc)}
        # records of a catalogue whose model apply leaves (an OpenAI model, a retired one):
        # reported on the entry naming them, the rest of each record left with it
        left = {
            path: named for path, named in _catalogue(self.ctx, doc).items() if self._leaves(named)
        }
        # per list, each item's model as it stands once migrated (its value, or what `apply`
        # writes there): an item mapping to a model an item before it holds is removed
        listed: dict[tuple[str, ...], tuple[list[str | None], list[Span]]] = {}
        keyed = _keyed_tables(doc, self.ctx.openai.serves) if migrating(self.ctx) else {}
        # a string holding a list (`'["gpt-4o", "gpt-4"]'`) stands for its items; items not
        # placed exactly in the text (escapes) are left to a person
        entries, unplaced, lists = _with_string_lists(doc)
        # the models of such a list are one finding, as ML205 reads a list in code
        # (`config_model_lists`): an environment variable's value the program parses
        handled: set[Record] = set()
        for string_list in lists:
            found, paths = list_finding(self, doc, string_list)
            handled |= paths
            if found is not None:
                yield found
        entries = [e for e in entries if e.rooted not in handled]
        # `name = "${env:LLM_MODEL_NAME:-gpt-4o}"`: the default is the model the program runs
        # with while the variable is unset, read (and mapped in place) as the value
        defaults: dict[Record, str] = {}
        for index, entry in enumerate(entries):
            read = default_entry(doc, entry)
            if read is not None:
                entries[index] = read
                defaults[entry.rooted] = (placeholder(entry.value or "") or ("",))[0]
        # the model entries a key of their mapping says read images (`supports_vision: true`)
        vision = for_images(doc) if migrating(self.ctx) else {}
        # `LLM_PROVIDER=openai` beside the models, where the program picks services by name
        chosen = self._env_selector(doc, entries)
        if chosen is not None:
            yield chosen[0]
        blocked = chosen[1] if chosen is not None else None
        # mappings whose key or base URL is another service's (`${env:AIMLAPI_API_KEY}`): their
        # models are that service's names, left as ML204 leaves such a client's in code
        elsewhere = service_blocks(self.ctx, doc) if migrating(self.ctx) else {}
        # mappings whose requests go to the provider once apply has switched their base URL
        sent_there = self._sent_to_provider(doc, held) if migrating(self.ctx) else {}
        if _json_schema(doc):  # the ids a schema allows (pydantic-ai's KnownModelName): no use
            entries = [e for e in entries if "enum" not in e.rooted[:-1]]
        if is_config_list_file(doc.path):  # AutoGen's labels (`"tags": ["gpt-4"]`): no models
            entries = [e for e in entries if not set(e.path[1:]) & autogen.LABEL_KEYS]
        # a tool's table of a pyproject.toml: a model only under a key naming one
        file = config_name(doc.path).lower()
        entries = [
            e
            for e in entries
            if not in_tool_table(file, e.path) or any(map(MODEL_KEY.search, e.path))
        ]
        if doc.kind in _DATA_KINDS:  # a list of words and models: labels (`_labels`)
            labels = _labels(self.ctx, entries, _recorded_payload(doc))
            entries = [e for e in entries if e.rooted[:-1] not in labels]
        for entry in entries:
            if entry.rooted in unplaced:
                continue
            if entry.path and entry.path[-1].isdigit() and entry.value_span is not None:
                held_values, spans = listed.setdefault(entry.rooted[:-1], ([], []))
                spans.append(entry.value_span)
                held_values.append(entry.value.strip() if entry.value is not None else None)
        held_listed = _held_lists(entries, held)
        held_named = _held_records(entries, held)
        endpoints = _endpoint_blocks(doc) if held_named else set()
        # each mapping's keys and values: a registry key beside the model a record sends
        records: dict[tuple[str, ...], dict[str, str]] = {}
        for entry in entries:
            if entry.path and entry.value is not None:
                records.setdefault(entry.rooted[:-1], {})[entry.path[-1]] = entry.value.strip()
        for entry in entries:
            record = _record_of(entry, left)
            if record is not None:
                if left[record].entry is entry:
                    yield self._catalogue_record(doc, left[record])
                continue
            # `'  gpt-4o  '`: the program strips it; apply writes the model, the spaces kept
            model = entry.value.strip() if entry.value is not None else None
            span = entry.value_span
            if model is not None and span is not None and entry.key == MARVIN_DEFAULTS.variable:
                found = self._marvin_variable(doc, span, model)
                if found is not None:
                    yield found
                    continue
            retired = self.ctx.retired(model) if model is not None and migrating(self.ctx) else None
            if retired is not None and span is not None:
                yield self._retired(doc, entry, *retired)
                continue
            if model is not None and span is not None and self.ctx.facts.pydantic_ai_project:
                found = self._pydantic_ai_string(doc, span, model)
                if found is not None:
                    yield found
                    continue
            prefix, model = without_provider(model) if model is not None else ("", None)
            gateway = gateways.get(entry.rooted[:-1])
            if gateway is not None:
                if model is not None and span is not None and self.ctx.openai.serves(model):
                    yield self._gateway(doc, span, prefix + model, model, *gateway)
                continue
            if model is not None and span is not None and self.ctx.openai.serves(model):
                service = left_service(self.ctx, entry.rooted, records)
                if service is not None:
                    yield self._service_left(doc, span, prefix + model, model, service)
                    continue
            routed = self._crewai_route(doc, entry)
            if routed is not None and model is not None and span is not None and not prefix:
                head, inner = litellm.route(model)
                if head == crewai.OPENAI_PREFIX:  # `MODEL=openai/deepseek-flash`
                    found = self._crewai_openai_routed(doc, span, model, inner, routed)
                    if found is not None:
                        yield found
                    continue
                if head == routed and inner:  # `MODEL=deepseek/deepseek-v4-pro`
                    missing = crewai.missing_extra(self.ctx, head)
                    if missing is not None:
                        text, data = missing
                        yield self.finding_at(
                            doc,
                            span,
                            f"crewAI sends {model} through {text}",
                            severity=Severity.WARNING,
                            fix=FixClass.MANUAL,
                            data={"model_from": model, **data},
                        )
                        continue
            if (
                routed is not None
                and model is not None
                and span is not None
                and provider is not None
                and "/" not in model
                and provider.serves(model)
            ):
                yield self._crewai_unrouted(doc, span, model, routed)
                continue
            reach = (
                self._litellm_reach(doc, entry, prefix)
                if routed is None and entry.rooted[:-1] not in unrouted
                else None
            )
            if reach == "proxy" and model is not None and span is not None:
                deployed = self._deployment_left(doc, entry, span, model)
                if deployed is not None:
                    yield deployed
                    continue
            if (
                (reach in _LITELLM_READS or reach == "both")
                and model is not None
                and span is not None
                and (_bare_chat_model(provider, model) or _bare_embedding_model(provider, model))
            ):
                assert reach is not None
                yield self._litellm_unrouted(doc, span, model, reach)
                continue
            if reach in ("aider", "txtai") and model is not None and span is not None:
                aliased = self._aider_named(doc, span, model, reach)
                if aliased is not None:
                    yield aliased
                    continue
            if model is None or span is None:
                continue
            after_route = litellm.on_openai_route(model) if not prefix else None
            if (
                after_route is not None
                and self.ctx.openai.serves(after_route)
                and entry.rooted[:-1] not in unrouted
                and entry.rooted[:-1] not in elsewhere
            ):
                found = self._openai_routed(doc, entry, span, (model, after_route), reach, held)
                if found is not None:
                    yield found
                continue
            named = lmi.embedding_tail(model, self.ctx.openai.serves) if not prefix else None
            if named is not None:
                if provider is None or migrating(self.ctx):
                    yield self._lmi_embedding(doc, span, model, *named)
                continue
            base = self.ctx.openai.fine_tuned_base(model)
            if base is not None and model not in self.ctx.models:  # not mapped by --model
                message = fine_tuned_message(model, model, base, provider, "chat")
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL)
                continue
            if base is None and not self.ctx.openai.serves(model):
                function = alpaca_blocks.get(entry.rooted[:-1])
                if function is not None and provider is not None and provider.serves(model):
                    yield self._alpaca_served(doc, span, model, function)
                    continue
                if reach is not None and _on_own_route(provider, model):
                    continue  # `moonshot/kimi-k2.6` where litellm reads it: the provider's
                unkeyed = self._written_unkeyed(doc, entry, span, model)
                if unkeyed is not None:
                    yield unkeyed
                    continue
                url = sent_there.get(entry.rooted[:-1])
                if url is not None and reach is not None and _on_openai_route(provider, model):
                    continue  # `openai/MiniMax-M3` beside MiniMax's base URL, as ML503 advises
                unknown = self._unknown_sent(doc, entry, span, model, url) if url else None
                if unknown is not None:
                    yield unknown
                continue
            if "-" not in model and not MODEL_KEY.search(entry.key or ""):
                continue  # `ada`, `o3`: a model only where the key says so
            if entry.rooted[:-1] in elsewhere:
                continue  # sent to another service with its own key
            if provider is None:
                yield self.finding_at(
                    doc,
                    span,
                    f"{model} is an OpenAI model; pass --provider to see what replaces it",
                    data={"model_from": model},
                )
                continue
            # `VISION_MODEL=gpt-4o`, or `supports_vision: true` beside it: the provider's model
            # for images, as ML204 maps the default
            sign = entry.key if sdk.named_for_images(entry.key or "") else vision.get(entry.rooted)
            if sign is None and model in keyed:  # the table's entry for it: `vision: true`
                said = images_sign(doc, (*keyed[model][0], model))
                sign = f"its entry says {said}" if table_images(self.ctx, said) else None
            images = sign is not None and self.ctx.images_change(model)
            mapped = self.ctx.map_model(model, images)
            if mapped == model or provider.serves(model):
                continue
            tokenizer = next((k for k in entry.path if _TOKENIZER_KEY.search(k)), None)
            if tokenizer is not None:  # canopy's `tokenizer: params: model_name:` (t65e)
                yield self._tokenizer(doc, entry, span, model, mapped, tokenizer)
                continue
            why = _held_why(entry.rooted, held)
            listed_in = held_listed.get(model) if why is None else None
            if listed_in is not None and not (entry.path and entry.path[-1].isdigit()):
                why = (
                    f"it names a model {dotted(listed_in)} lists, whose record stays on "
                    "OpenAI (see ML502): mapped alone, it names a model no record lists"
                )
            named_in = held_named.get(model) if why is None and listed_in is None else None
            if named_in is not None and entry.rooted[:-1] not in endpoints | {named_in}:
                why = (
                    f"it names the model of {dotted(named_in)}, a record that stays on "
                    "OpenAI (see ML502): mapped alone, it names a model no record has"
                )
            if sdk.CONFIG_DEPLOYMENT_KEY.search(entry.key or ""):
                if provider.azure is None:  # on Azure OpenAI it is a deployment of the target
                    yield self._deployment(doc, entry, mapped, why)
                continue
            if mapped is not None and why is not None and entry.rooted[:-1] in camel_blocks:
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"{why}: {file_advice(self.ctx, '', mapped)}, by hand"
                )
                data = {"model_from": model}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif mapped is not None and why is not None and entry.path[:-1] in alpaca_blocks:
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"{why}: {alpaca_point_at(self.ctx)}; then write "
                    f"{alpaca_eval.MODEL_KEY}: {mapped}, by hand"
                )
                data = {"model_from": model, "library": alpaca_eval.PACKAGE}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif mapped is not None and why is not None:
                # where litellm reads it (aider's `model:`), on its route for the provider
                shown = (self._routed(model, mapped) if reach is not None else None) or mapped
                message = (
                    f"{model} is an OpenAI model; it maps to {shown} on {provider.name}, but "
                    f"{why}: change it with the base URL and the key, by hand"
                )
                data = {"model_from": model}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif mapped is not None and blocked is not None:
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"apply leaves it: {blocked}; change the two together, by hand"
                )
                data = {"model_from": model}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif mapped is not None and routed is not None:
                yield self._crewai_mapped(doc, span, model, mapped, routed)
            elif (
                mapped is not None
                and reach is not None
                and (reach == "both" or self._routed(model, mapped) is None)
            ):
                yield self._litellm_by_hand(doc, span, model, mapped, reach)
            elif mapped is not None and model in keyed and mapped not in keyed[model][1]:
                table = dotted(keyed[model][0]) or "at the top of the file"
                its = f", its model for images ({sign})" if images else ""
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}{its}, "
                    f"but it is also a key of the table {table}, which apply leaves (its entry "
                    f"would stand for another model): add an entry for {mapped} there (keep "
                    f"{model}'s: code naming it moves once that is there), then change this "
                    "value, by hand"
                )
                data = {"model_from": model, "model_to": mapped}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif (
                mapped is not None
                and not prefix
                and (gap := self._table_left(doc.path, entry, model, mapped)) is not None
            ):
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"apply leaves it: {gap[0]}; add one there, then change this value, by hand"
                )
                data = {"model_from": model, "model_to": mapped, "table": gap[1]}
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
            elif (
                mapped is not None
                and not prefix
                and (unregistered := registry_why(self.ctx, model, mapped))
                and (role := self._registry_role(records, entry, model, mapped)) != SENT_MODEL
            ):
                if role == REGISTRY_KEY:
                    yield self._registry_key(doc, span, entry, model, records, unregistered[1])
                    continue
                message = (
                    f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
                    f"apply leaves it: {unregistered[0]} first, then change this value, by hand"
                )
                yield self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=unregistered[1])
            elif mapped is not None:
                route = self._routed(model, mapped) if reach is not None else None
                written = route or prefix + mapped
                message = (
                    f"{prefix}{model} is an OpenAI model; it maps to {written} on {provider.name}"
                )
                if migrating(self.ctx) and not route:  # a table of the project's code
                    message += table_note(self.ctx.facts.model_tables, model, mapped, doc.path)
                if images:
                    message += f", its model for images ({sign})"
                if route and reach is not None:
                    message += f", on litellm's route for it: {_LITELLM_READS[reach]} ({_SENDS})"
                if entry.rooted in defaults:
                    message += (
                        f" (the default of {defaults[entry.rooted]}: where that variable is set, "
                        "set it there too)"
                    )
                edit = (
                    replace_value(doc, span, prefix + model, written)
                    if migrating(self.ctx) and entry.rooted not in unplaced
                    else None
                )
                item = entry.rooted[:-1] in listed and entry.path[-1].isdigit()
                if item and edit is not None:
                    held_values, spans = listed[entry.rooted[:-1]]
                    index = spans.index(span)
                    removal = _item_removal(doc, spans, index)
                    if written in held_values[:index] and removal is not None:
                        message += ", which the list holds before it: apply removes this item"
                        edit = removal
                    else:
                        held_values[index] = written
                if entry.rooted in unplaced:
                    message += ", in a list written with escapes in one string"
                if edit is None:
                    message += "; change it by hand"
                fix = None if edit is not None else FixClass.MANUAL
                data = {"model_from": model, "model_to": written if route else mapped}
                if route:
                    data["litellm_route"] = route.partition("/")[0]
                if entry.rooted in defaults:
                    data["default_of"] = defaults[entry.rooted]
                yield self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)
            else:
                message = unmapped_model(model, provider)
                if images:
                    message = (
                        f"{model} is an OpenAI model, for images here ({sign}), and "
                        f"{provider.name} names no model that takes images; choose one from "
                        f"{provider.docs} (or pass --model {model}=NAME)"
                    )
                yield self.finding_at(
                    doc, span, message, fix=FixClass.MANUAL, data={"model_from": model}
                )
        if doc.commented and migrating(self.ctx):
            yield from self._commented(doc)

    def _service_left(
        self, doc: ConfigDocument, span: Span, value: str, model: str, left: tuple[str, ServiceName]
    ) -> Finding:
        """An OpenAI model in a record naming OpenAI's service, whose URL a table keyed by
        service in a module of the project gives as OpenAI's (`service_records`): left with
        that URL, which ML402 leaves (t68e)."""
        named, service = left
        mapped = self.ctx.map_model(model)
        maps = f"it maps to {mapped}" if mapped else "the provider file maps it to nothing"
        message = (
            f"{value} is an OpenAI model under {named!r}, a service whose URL {service.shown} "
            "gives as OpenAI's in a table keyed by service, which apply leaves (ML402): a "
            "service's URL and its models move together, so it stays; change it with that "
            f"URL and key, by hand ({maps})"
        )
        data: dict[str, object] = {"model_from": value, "service": named}
        if mapped:
            data["model_to"] = mapped
        return self.finding_at(
            doc, span, message, severity=Severity.WARNING, fix=FixClass.MANUAL, data=data
        )

    def _table_left(
        self, path: str, entry: Entry, model: str, mapped: str
    ) -> tuple[str, str] | None:
        """Why the value `model` of `entry` is left rather than mapped to `mapped`, and the
        table as data names it: a module of the project gets the setting by its name and looks
        it up in a table lacking `mapped` (`table_gaps.read_gap`: gpt_academic's compose
        `LLM_MODEL`, read by `get_conf("LLM_MODEL")` and looked up in `model_info`), or `model`
        is a key of such a table (`table_gaps.table_gap`). None where neither is so."""
        if not migrating(self.ctx):
            return None
        tables = self.ctx.facts.model_tables
        read = read_gap(tables, entry.key, mapped) if entry.key else None
        if read is not None:
            table = read[0]
            return read_why(table, read[1], str(entry.key), mapped), table_place(table)
        gap = table_gap(tables, [model], [mapped], path)
        if gap is None:
            return None
        return gap_why(gap[0], [model], gap[1]), table_place(gap[0])

    def _written_unkeyed(
        self, doc: ConfigDocument, entry: Entry, span: Span, model: str
    ) -> Finding | None:
        """A provider model already set (by hand, or by an earlier `apply`) in a setting a
        module of the project gets by its name and looks up in a table that has no entry for
        it (`table_gaps.read_gap`): the program raises there as it would once mapped."""
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx) or not entry.key:
            return None
        if not provider.serves(model):
            return None
        read = read_gap(self.ctx.facts.model_tables, entry.key, model)
        if read is None:
            return None
        table = read[0]
        why = read_why(table, read[1], entry.key, model, mapped=False)
        message = (
            f"{model} is {provider.name}'s model, but {why}: add an entry for it there, by hand"
        )
        data = {"model_to": model, "table": table_place(table)}
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def _env_selector(
        self, doc: ConfigDocument, entries: list[Entry]
    ) -> tuple[Finding, str | None] | None:
        """A .env setting that picks the program's service (`service_selectors.selects`:
        TradingAgents' `TRADINGAGENTS_LLM_PROVIDER=openai`) set to OpenAI beside OpenAI models
        this rule maps, in a project that picks its services by name
        (`service_selectors.target_choice`), as ML204 reads one in code (t52b D2): set to
        the target's name where the project has it (review), else an error, with what the
        model findings say of it (`name=value on line N`); None where there is none."""
        provider = self.ctx.provider
        if doc.kind != "dotenv" or provider is None or not migrating(self.ctx):
            return None
        serves = self.ctx.openai.serves
        if not any(e.value and serves(e.value.strip()) for e in entries):
            return None
        for entry in entries:
            value, span = (entry.value or "").strip(), entry.value_span
            if entry.key is None or span is None or not selects(entry.key):
                continue
            if value.lower() not in openai_names():
                continue
            found = target_choice(self.ctx, project_picked(self.ctx))
            if found is None:
                return None
            target = found.target
            edit = replace_value(doc, span, value, target) if target is not None else None
            edited = edit is not None
            message = (
                f"{entry.key}={value} picks the service of the models this file sets, OpenAI, "
                f"with its key; {choice_said(self.ctx, found, edited, self.ctx.base_url)}"
            )
            fix = FixClass.REVIEW if edited else FixClass.MANUAL
            data = choice_data(entry.key, value, found, edited)
            finding = self.finding_at(
                doc, span, message, severity=Severity.ERROR, fix=fix, edit=edit, data=data
            )
            if edited:
                return finding, None
            line = doc.lines.position(span.start)[0]
            lacks = no_entry(self.ctx, bool(found.region), found.fixed)
            return finding, (
                f"{entry.key}={value} on line {line} beside it picks OpenAI, where the model "
                f"would go, and the program {lacks} to pick there"
            )
        return None

    def _sent_to_provider(
        self, doc: ConfigDocument, held: dict[Record, str]
    ) -> dict[Record, tuple[Entry, bool]]:
        """The mappings of a YAML, TOML or JSON file whose base URL (`base_url`, `api_base`)
        `apply` points at the provider (OpenAI's plain base URL, no key going with it) or
        already names the provider: the base URL entry, and whether it is still OpenAI's."""
        provider = self.ctx.provider
        if doc.kind not in ("yaml", "toml", "json") or provider is None:
            return {}
        found: dict[Record, tuple[Entry, bool]] = {}
        for entry in doc.entries:
            block, value = entry.rooted[:-1], (entry.value or "").strip()
            if entry.key is None or config_key(entry.key) not in sdk.CONFIG_BASE_URL_KEYS:
                continue
            if block in held or not value or entry.value_span is None:
                continue
            if is_openai_base(self.ctx, value) and paired_key(self.ctx, doc, entry) is None:
                found[block] = (entry, True)
            elif (owner := host_owner(self.ctx, value)) is not None and owner.id == provider.id:
                found[block] = (entry, False)
        return found

    def _unknown_sent(
        self, doc: ConfigDocument, entry: Entry, span: Span, model: str, url: tuple[Entry, bool]
    ) -> Finding | None:
        """A model value beside a base URL that sends it to the provider (`_sent_to_provider`)
        that is neither OpenAI's nor one the provider lists (`gpt-35-turbo`, an Azure
        deployment's name): as ML201 says of such a `model=` of a switched client. Mapped
        where `--model` names it."""
        provider = self.ctx.provider
        assert provider is not None
        key = config_key(entry.key or "")
        if key not in sdk.CONFIG_MODEL_KEYS or provider.serves(model) or provider.azure:
            return None
        if not MODEL_ID.match(model) or without_provider(model)[0]:
            return None
        url_entry, openai = url
        assert url_entry.value_span is not None
        line = doc.lines.position(url_entry.value_span.start)[0]
        where = (
            f"the OpenAI base URL beside it (line {line}), which apply points at {provider.name}"
            if openai
            else f"{provider.name}'s base URL beside it (line {line})"
        )
        data: dict[str, object] = {"model_from": model, "url_line": line}
        new = self.ctx.models.get(model)
        if new is not None and new != model:
            edit = replace_value(doc, span, model, new)
            data["model_to"] = new
            message = f"{model} goes to {provider.name} through {where}; --model maps it to {new}"
            if edit is None:
                message += "; change it by hand"
            fix = None if edit is not None else FixClass.MANUAL
            return self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)
        message = (
            f"{model} is neither an OpenAI model nor one {provider.name} lists, and goes to "
            f"{provider.name} through {where}: check that {provider.name} serves it (or pass "
            f"--model {model}=NAME)"
        )
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def _commented(self, doc: ConfigDocument) -> Iterator[Finding]:
        """The assignments commented out in an example .env file (`# OPENAI_MODEL=gpt-4o`),
        read as the live lines are: uncommented, the model goes to the provider as it stands.
        Mapped in place where a live line would be (review); left to a person, a note (the
        line sets nothing until someone uncomments it)."""
        lines = dataclasses.replace(doc, entries=doc.commented, commented=())
        for found in self.check(lines):
            data = {**found.data, "commented": True}
            if found.edit is not None:
                yield dataclasses.replace(found, data=data)
                continue
            yield dataclasses.replace(
                found,
                severity=Severity.NOTE,
                message=f"{found.message} (a commented-out line: change it before uncommenting it)",
                data=data,
            )

    def _leaves(self, named: _Named) -> bool:
        """Whether apply leaves the record `named`: named by an OpenAI model (one the provider
        does not serve, that the table maps elsewhere or not at all) or a retired one."""
        entry = named.entry
        value = (entry.value or "").strip()
        if migrating(self.ctx) and self.ctx.retired(value) is not None:
            return True
        provider, model = self.ctx.provider, _record_model(value)[1]
        if provider is None or not self.ctx.openai.serves(model) or provider.serves(model):
            return False
        if "-" not in model and not MODEL_KEY.search(entry.key or "") and not named.models:
            return False  # `- name: ada` among people: a name, not a model
        return self.ctx.map_model(model) != model

    def _catalogue_record(self, doc: ConfigDocument, named: _Named) -> Finding:
        """The entry naming a record of a catalogue of per-model settings (aider's `- name:
        gpt-4o` with the model's settings below it): the program looks a model's settings up
        there by name, so renaming the record would make it another model's (and two records
        of one model where another maps there too). Left, with the record to add."""
        provider = self.ctx.provider
        entry = named.entry
        assert provider is not None and entry.value is not None and entry.value_span is not None
        value = entry.value.strip()
        head = f"{value} names a record of a catalogue of per-model settings ({entry.key}:)"
        data: dict[str, object] = {"model_from": value, "record_key": entry.key}
        retired = self.ctx.retired(value) if migrating(self.ctx) else None
        if retired is not None:
            prefix, retirement = retired
            on = f" on {retirement.on.isoformat()}" if retirement.on else ""
            message = (
                f"{head}, a model {provider.name} retired{on}: apply leaves the record; add one "
                f"for {prefix}{retirement.use} by hand"
            )
            data["record_for"] = prefix + retirement.use
        else:
            prefix, model = _record_model(value)
            prefix = _route_for(self.ctx, prefix)
            mapped = self.ctx.map_model(model)
            if mapped is not None and not prefix and _bare_chat_model(provider, mapped):
                prefix = self._litellm_route(doc, entry)
            if mapped is None:
                choices = ", ".join(provider.candidates(sdk.surface_of_model(model)))
                shown = f" ({choices})" if choices else ""
                message = (
                    f"{head}: apply leaves the record; add one for the {provider.name} model "
                    f"that replaces it{shown} by hand"
                )
            else:
                why = (
                    f"writing {prefix}{mapped} there would make two records of one model"
                    if named.clash
                    else f"its settings are {model}'s, not {mapped}'s"
                )
                message = (
                    f"{head}: apply leaves the record, as {why}; add one for {prefix}{mapped} "
                    "by hand"
                )
                data["record_for"] = prefix + mapped
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)

    def _litellm_route(self, doc: ConfigDocument, entry: Entry) -> str:
        """The provider's litellm route (`deepseek/`) for a record named bare where litellm
        reads the file's models (`_LITELLM_READS`): litellm rejects the bare name; else ""."""
        own = self.ctx.provider.frameworks.get("litellm_prefix") if self.ctx.provider else None
        if not isinstance(own, str) or self._litellm_reach(doc, entry, "") not in _LITELLM_READS:
            return ""
        return f"{own}/"

    def _retired(
        self, doc: ConfigDocument, entry: Entry, prefix: str, retirement: Retirement
    ) -> Finding:
        """A model the provider retired (`deepseek-chat`, `deepseek/deepseek-chat` of
        litellm's route): requests for it fail. Left, with what the provider file says to use:
        the replacement may need more than its name (DeepSeek's thinking switch)."""
        assert entry.value is not None and entry.value_span is not None
        value = entry.value.strip()
        return self.finding_at(
            doc,
            entry.value_span,
            self.ctx.retired_message(value, prefix, retirement),
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data=self.ctx.retired_data(value, prefix, retirement),
        )

    def _gateway(
        self,
        doc: ConfigDocument,
        span: Span,
        written: str,
        model: str,
        selector: Entry,
        gateway: Gateway,
    ) -> Finding:
        """An OpenAI model of a mapping whose requests go through a gateway's own client
        (mini-swe-agent's `model_class: portkey` beside `provider: "@openai"`): the gateway
        sends them on to the service it is set up for, so the provider's model there would go
        to OpenAI. Left, with why."""
        provider = self.ctx.provider
        assert provider is not None
        keys = {
            config_key(e.key): e
            for e in doc.entries
            if e.rooted[:-1] == selector.rooted[:-1] and e.key
        }
        service = next(
            (
                e
                for k, e in keys.items()
                if k in sdk.CONFIG_PROVIDER_KEYS and e is not selector and (e.value or "").strip()
            ),
            None,
        )
        to = (
            f"the service its {service.key}: {(service.value or '').strip()} names"
            if service is not None
            else "the service it is set up for"
        )
        mapped = self.ctx.map_model(model)
        what = (
            f"{mapped} (what it maps to)"
            if mapped is not None
            else f"{article(provider.name)} {provider.name} model"
        )
        message = (
            f"{written} is an OpenAI model whose requests go through {gateway.name} "
            f"({selector.key}: {(selector.value or '').strip()}), which sends them on to {to}, "
            f"not to {provider.name}: apply leaves it; point the gateway at {provider.name} "
            f"and change the model to {what} with it, by hand"
        )
        data = {"model_from": written, "gateway": gateway.name}
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def _deployment(
        self, doc: ConfigDocument, entry: Entry, mapped: str | None, why: str | None
    ) -> Finding:
        """An OpenAI model id as an Azure deployment's name: the user's resource, left as it is."""
        assert entry.value is not None and entry.value_span is not None and self.ctx.provider
        name = self.ctx.provider.name
        head = (
            f"{entry.value.strip()} ({entry.key}) names a deployment of your Azure OpenAI "
            "resource, not a model; apply leaves it"
        )
        if why is not None:
            message = f"{head}, and {why}"
        else:
            table = f" (the model table says {mapped})" if mapped is not None else ""
            message = f"{head}: where it reaches {name}, name {name}'s model there instead{table}"
        data = {"model_from": entry.value.strip()}
        return self.finding_at(doc, entry.value_span, message, fix=FixClass.MANUAL, data=data)

    def _pydantic_ai_string(self, doc: ConfigDocument, span: Span, value: str) -> Finding | None:
        """An `openai:` model string (`openai:gpt-4o`, or `openai:glm-5.3` as an earlier apply
        wrote it) in a run that imports pydantic-ai, which reads such a string: its prefix
        builds pydantic-ai's OpenAIProvider, so any model after it goes to OpenAI. An error
        left to a person with ML671's advice; None for another value, and with `--provider
        openai`."""
        prefix, model = split_prefix(value, PYDANTIC_AI)
        provider = self.ctx.provider
        if not prefix or (provider is not None and not self.ctx.switching):
            return None
        served = provider is not None and provider.serves(model)
        if not served and not self.ctx.openai.serves(model):
            return None
        mapped = model if served else self.ctx.map_model(model)
        advice = build_advice(
            PYDANTIC_AI,
            provider,
            self.ctx.base_url,
            mapped,
            "where the program uses this value (which then names the model alone)",
        )
        return self.finding_at(
            doc,
            span,
            f"{value}: {why_openai(PYDANTIC_AI, prefix)} (a module of this run imports "
            f"pydantic-ai, see ML671); {advice}",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"model_from": model, "library": PYDANTIC_AI.package},
        )

    def _marvin_variable(self, doc: ConfigDocument, span: Span, value: str) -> Finding | None:
        """marvin's MARVIN_AGENT_MODEL naming an OpenAI model (`openai:gpt-4o-mini`) or a bare
        model (`gpt-4o-mini`, `qwen-plus`, as a person may write the provider's): marvin
        reads it into `marvin.settings.agent_model`, which takes only pydantic-ai's known
        `provider:model` names, so a bare one fails when marvin is imported; the provider's
        model goes to `marvin.defaults.model` in the program instead. An error left to a
        person; None for another value (another provider's `deepseek:deepseek-chat`), and
        without a switch to a provider."""
        provider = self.ctx.provider
        if provider is None or not self.ctx.switching:
            return None
        table = MARVIN_DEFAULTS
        prefix, model = split_prefix(value, PYDANTIC_AI)
        served = provider.serves(model)
        if not served and not self.ctx.openai.serves(model):
            return None
        if prefix:
            head = f"{value}: {why_openai(PYDANTIC_AI, prefix)}"
        elif ":" not in value:
            head = (
                f"{value}: marvin fails when imported: {table.variable} sets "
                f"marvin.settings.agent_model, a {table.known_names} that takes only "
                "pydantic-ai's known provider:model names"
            )
        else:
            return None
        mapped = model if served else self.ctx.map_model(model)
        where = f"to {table.setter} in the program, once {table.module} is imported"
        advice = build_advice(PYDANTIC_AI, provider, self.ctx.base_url, mapped, where)
        return self.finding_at(
            doc,
            span,
            f"{head}; {table.module} reads {table.variable} only into {table.known_names} "
            f"names (no model object, no base URL): remove it, and {advice}",
            severity=Severity.ERROR,
            fix=FixClass.MANUAL,
            data={"model_from": model, "library": table.module, "variable": table.variable},
        )

    def _crewai_route(self, doc: ConfigDocument, entry: Entry) -> str | None:
        """The prefix crewAI routes the provider's models by when `entry` sets crewAI's
        default model (`MODEL=` in a .env of a project that imports crewAI) or an agent's
        model in its YAML (`_crewai_agent_model`): "" when the provider has none; else None."""
        provider = self.ctx.provider
        if provider is None or not self.ctx.facts.crewai_project:
            return None
        if doc.kind == "yaml" and _crewai_agent_model(doc, entry):
            return crewai.route_prefix(provider.frameworks) or ""
        if (
            doc.kind != "dotenv"
            or entry.key not in crewai.MODEL_ENV
            or entry.path != (entry.key,)  # an item of a list in the value
        ):
            return None
        return crewai.route_prefix(provider.frameworks) or ""

    def _registry_role(
        self,
        records: dict[tuple[str, ...], dict[str, str]],
        entry: Entry,
        model: str,
        mapped: str,
    ) -> str | None:
        """What a value naming a model the program registers by decorator is in its record
        (`model_registry.record_role`): the key the registry looks up, the model sent, or
        None (left with the registry, manual)."""
        registered = self.ctx.facts.registered_models
        found = unregistered(registered, model, mapped)
        if found is None or found.how != DECORATOR or not entry.path:
            return None
        keys = registry_keys(records.values(), registered)
        return record_role(records.get(entry.rooted[:-1], {}), entry.path[-1], keys)

    def _registry_key(
        self,
        doc: ConfigDocument,
        span: Span,
        entry: Entry,
        model: str,
        records: dict[tuple[str, ...], dict[str, str]],
        data: dict[str, object],
    ) -> Finding:
        """A record's registry key (AgentVerse's `llm_type: gpt-4` beside `model: gpt-4`):
        the string a decorator registers, not a model sent; left, a note."""
        record = records.get(entry.rooted[:-1], {})
        sent = next((k for k in record if k in SENT_MODEL_KEYS), None)
        sends = (
            f"the record sends {sent}:, mapped on its own"
            if sent is not None
            else "the record names none: the class's own default is sent"
        )
        message = (
            f"{model} under {entry.path[-1]}: is the key the program registers its class by "
            f"({data['registry']}), not a model its requests send ({sends}): apply leaves it"
        )
        data = {"model_from": model, "registry": data["registry"]}
        return self.finding_at(
            doc, span, message, severity=Severity.NOTE, fix=FixClass.NONE, data=data
        )

    def _crewai_mapped(
        self, doc: ConfigDocument, span: Span, model: str, mapped: str, prefix: str
    ) -> Finding:
        provider = self.ctx.provider
        assert provider is not None
        head = f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}"
        data = {"model_from": model, "model_to": f"{prefix}/{mapped}" if prefix else mapped}
        if not prefix or not migrating(self.ctx):
            return self.finding_at(
                doc, span, f"{head}; {_crewai_by_hand(provider, mapped)}", fix=FixClass.MANUAL
            )
        routed = f"{prefix}/{mapped}"
        note, route = crewai.route_of(self.ctx, prefix)
        message = f"{head}, which crewAI reads as {routed} ({note})"
        edit = replace_value(doc, span, model, routed)
        return self.finding_at(doc, span, message, edit=edit, data=data | route)

    def _crewai_unrouted(self, doc: ConfigDocument, span: Span, model: str, prefix: str) -> Finding:
        """A provider model without its prefix where crewAI reads it: it goes to OpenAI."""
        provider = self.ctx.provider
        assert provider is not None
        head = f"crewAI sends {model} to OpenAI: it routes a model without a provider prefix there"
        if not prefix or not migrating(self.ctx):
            return self.finding_at(
                doc,
                span,
                f"{head}; {_crewai_by_hand(provider, model)}",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
            )
        routed = f"{prefix}/{model}"
        note, route = crewai.route_of(self.ctx, prefix)
        return self.finding_at(
            doc,
            span,
            f"{head}; apply writes {routed} ({note})",
            severity=Severity.ERROR,
            edit=replace_value(doc, span, model, routed),
            data={"model_from": model, "model_to": routed, **route},
        )

    def _crewai_openai_routed(
        self, doc: ConfigDocument, span: Span, value: str, model: str, prefix: str
    ) -> Finding | None:
        """`MODEL=openai/<model>` where crewAI reads it: OpenAI's route, which sends `model`
        to OpenAI with OPENAI_API_KEY unless the .env points OpenAI's base-URL variable
        elsewhere (`crewai.OPENAI_BASE_ENV`: left, ML501 reports it). Written on the
        provider's route: the provider's model as it is, an OpenAI model mapped."""
        provider = self.ctx.provider
        assert provider is not None
        for entry in doc.entries:
            if entry.key in crewai.OPENAI_BASE_ENV and entry.path == (entry.key,):
                url = (entry.value or "").strip()
                if url and not is_openai_base(self.ctx, url):
                    return None
        openai = self.ctx.openai.serves(model)
        target = self.ctx.map_model(model) if openai else model
        if not openai and not provider.serves(model):
            return None
        head = f"crewAI sends {value} to OpenAI: {crewai.OPENAI_ROUTED}"
        severity = None if openai else Severity.ERROR
        if target is None:
            message = f"{head}; {unmapped_model(model, provider)}"
            data = {"model_from": value}
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        if not prefix or not migrating(self.ctx):
            return self.finding_at(
                doc,
                span,
                f"{head}; {_crewai_by_hand(provider, target)}",
                severity=severity,
                fix=FixClass.MANUAL,
                data={"model_from": value},
            )
        routed = f"{prefix}/{target}"
        note, route = crewai.route_of(self.ctx, prefix)
        return self.finding_at(
            doc,
            span,
            f"{head}; apply writes {routed} ({note})",
            severity=severity,
            edit=replace_value(doc, span, value, routed),
            data={"model_from": value, "model_to": routed, **route},
        )

    def _litellm_reach(self, doc: ConfigDocument, entry: Entry, prefix: str) -> str | None:
        """Where the model of `entry` may go in a project where a module calls litellm, which
        sends a model without a provider prefix to OpenAI: "aider" for a model aider reads
        (`aider.model_setting`: `AIDER_MODEL` in a .env, `model:` in `.aider.conf.yml`), which
        it hands to litellm, in any project, and "interpreter-cli" for the model of an
        `interpreter` command line given no `--api_base` (`oi.command_model`); in such a
        project, "interpreter" for an Open
        Interpreter profile's model (`llm: {model: gpt-4o}`, `oi.profile_model`), "project"
        where no module uses an OpenAI client (`RunFacts.openai_client_used`, an OpenAI URL
        with an API path, a pydantic-ai project), so litellm reads it; else "named" where its
        key says it is litellm's (`litellm.SETTING_NAME_WORDS`), None where it says an OpenAI
        client's, "both" where it says neither. None outside such a project, for a model
        written after `openai:` (LangChain's way), and for the alias of a Router deployment
        (`model_list: [{model_name: gpt-4o, litellm_params: ...}]`, litellm proxy's config)."""
        facts = self.ctx.facts
        if prefix or not migrating(self.ctx):
            return None
        if aider.model_setting(doc.path, doc.kind, entry.path) or (
            doc.kind == "shell"
            and entry.key in aider.CONF_MODEL_KEYS
            and entry.key_span is not None
            and aider.command_option(doc.text, entry.key_span.start)
        ):
            return "aider"
        if (
            doc.kind == "shell"
            and entry.value_span is not None
            and oi.command_model(doc.text, entry.value_span.start)
        ):
            return "interpreter-cli"  # Open Interpreter's `interpreter --model gpt-4o`
        if facts.txtai_project and doc.kind == "yaml" and txtai.app_model(entry.path):
            return "txtai"  # a txtai application's `llm: {path: gpt-4o}`
        if _deployment_model(entry):
            return "proxy"  # litellm proxy's `model_list: [{litellm_params: {model: ...}}]`
        if not facts.litellm_project:
            return None
        if facts.open_interpreter_project and doc.kind == "yaml" and oi.profile_model(entry.path):
            return "interpreter"  # Open Interpreter's profile: `llm: {model: gpt-4o}`
        if entry.key == litellm.ROUTER_ALIAS and litellm.MODEL_LIST in entry.path:
            return None  # a proxy's `model_list` alias: the name the program asks for
        if facts.openai_route_added:
            return None  # the code writes `openai/` before it (`f"openai/{model}"`, t68e)
        if not (
            facts.openai_client_used or facts.openai_endpoint_held or facts.pydantic_ai_project
        ):
            return "project"
        words = [part.lower() for part in entry.path if not part.isdigit()]
        named = {
            library
            for word, library in litellm.SETTING_NAME_WORDS.items()
            if any(word in part for part in words)
        }
        if named == {"client"}:
            return None
        # a `.env` variable no file calling litellm names is still "both": the name may be
        # read in a settings module the litellm module imports (review r5), so r2 t2's case
        # (read only by a client) is a known false warning
        return "named" if named == {"litellm"} else "both"

    def _aider_named(
        self, doc: ConfigDocument, span: Span, value: str, reach: str = "aider"
    ) -> Finding | None:
        """A model aider (or txtai: `reach`) reads written as aider's alias of an OpenAI model
        (`4o`, `aider.OPENAI_ALIASES`) or on litellm's OpenAI route (`openai/gpt-4o`): the
        provider's model on litellm's route for it, as for `gpt-4o` there. None for another
        value."""
        provider = self.ctx.provider
        assert provider is not None
        head, inner = litellm.route(value)
        alias = aider.openai_model(value) if reach == "aider" else None
        model = alias or (inner if head == litellm.OPENAI_PREFIX else None)
        if model is None or not self.ctx.openai.serves(model):
            return None
        mapped = self.ctx.map_model(model)
        routed = self._routed(model, mapped) if mapped is not None else None
        what = f"aider's alias of {model}, an OpenAI model" if alias else "an OpenAI model"
        data: dict[str, object] = {"model_from": value}
        if mapped is None or routed is None:
            need = f"openai/{mapped} with {provider.name}'s api_base and key"
            message = (
                unmapped_model(model, provider)
                if mapped is None
                else f"{value} is {what}; write {need} there, by hand"
            )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        data |= {"model_to": routed, "litellm_route": routed.partition("/")[0]}
        edit = replace_value(doc, span, value, routed)
        sends = _SENDS if alias else "litellm's openai/ route sends it to OpenAI"
        message = (
            f"{value} is {what}; it maps to {routed} on {provider.name}, on litellm's route for "
            f"it: {_LITELLM_READS[reach]} ({sends})"
        )
        if edit is None:
            message += "; change it by hand"
        fix = None if edit is not None else FixClass.MANUAL
        return self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)

    def _deployment_left(
        self, doc: ConfigDocument, entry: Entry, span: Span, value: str
    ) -> Finding | None:
        """A litellm deployment's model (`_deployment_model`) apply leaves to a person: an
        OpenAI model beside the deployment's own api_key or api_base (`os.environ/OPENAI_API_KEY`:
        on the provider's route litellm would send OpenAI's key there), or the provider's model
        on litellm's OpenAI route with no api_base (`openai/kimi-k2.6` goes to OpenAI). None
        for another value, left to the rules for litellm's models."""
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx):
            return None
        head, inner = litellm.route(value)
        if head not in ("", litellm.OPENAI_PREFIX):
            return None
        given = {
            e.key: e
            for e in doc.entries
            if e.rooted[:-1] == entry.rooted[:-1] and e.key in ("api_key", *litellm.BASE_KEYWORDS)
        }
        data: dict[str, object] = {"model_from": value}
        where = "a litellm deployment's litellm_params.model under model_list"
        if self.ctx.openai.serves(inner) and given:
            mapped = self.ctx.map_model(inner)
            if mapped is None:
                return None
            need = self._routed(inner, mapped) or f"openai/{mapped}"
            first = min(given.values(), key=lambda e: e.key_span.start if e.key_span else 0)
            line = doc.lines.position(first.key_span.start)[0] if first.key_span else 0
            message = (
                f"{value} is {where}, sent with the deployment's {first.key} (line {line}): "
                f"write {need} there with api_key: os.environ/{provider.api_key_env} and "
                f"api_base: {provider.base_url} (the OpenAI key does not work at "
                f"{provider.name}), by hand"
            )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        if head and provider.serves(inner) and not any(k != "api_key" for k in given):
            need = self._routed(inner, inner) or f"{value} with api_base: {provider.base_url}"
            message = (
                f"{value} is {where}: litellm's openai/ route sends {provider.name}'s "
                f"{inner} to OpenAI's endpoint (with OpenAI's key): write {need} there with "
                f"api_key: os.environ/{provider.api_key_env}, by hand"
            )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        return None

    def _openai_routed(
        self,
        doc: ConfigDocument,
        entry: Entry,
        span: Span,
        written: tuple[str, str],
        reach: str | None,
        held: dict[Record, str],
    ) -> Finding | None:
        """An OpenAI model on litellm's OpenAI route (`openai/gpt-4o-mini`, the "route/model"
        form of R2R's `fast_llm`), judged as the model after the prefix. Where litellm reads
        it (`_litellm_reach`), the provider's model on litellm's route for it
        (`_aider_named`). Where nothing says litellm reads it, an OpenAI client does not take
        it as it is: the program strips the prefix before its client (R2R's
        `_get_async_client_and_model`), or a library reading it does, so the provider's model
        with the prefix kept (review). Where litellm and an OpenAI client may both read it, a
        DSPy project's (`dspy.LM` hands it to litellm, which then needs the provider's
        api_base), or a mapping that stays on OpenAI, left to a person."""
        value, model = written
        provider = self.ctx.provider
        data: dict[str, object] = {"model_from": value}
        if provider is None:
            message = f"{value} is an OpenAI model; pass --provider to see what replaces it"
            return self.finding_at(doc, span, message, data=data)
        if not migrating(self.ctx):
            return None
        if reach in _LITELLM_READS:
            return self._aider_named(doc, span, value, reach)
        mapped = self.ctx.map_model(model)
        if mapped is None:
            message = unmapped_model(model, provider)
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        kept = f"{litellm.OPENAI_PREFIX}/{mapped}"
        head = (
            f"{value} is OpenAI's {model} after litellm's {litellm.OPENAI_PREFIX}/ prefix; it "
            f"maps to {mapped} on {provider.name}"
        )
        why = _held_why(entry.rooted, held)
        if why is not None:
            message = f"{head}, but {why}: change it with the base URL and the key, by hand"
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        if reach == "both" or self.ctx.facts.dspy_project:
            need = self._routed(model, mapped) or f"{kept} with {provider.name}'s api_base and key"
            reader = (
                "a module of this project calls litellm and one uses an OpenAI client"
                if reach == "both"
                else "a module of this project imports DSPy, whose dspy.LM hands it to litellm"
            )
            message = (
                f"{head}, but {reader}: write {need} where litellm reads it, {kept} where the "
                "program strips the prefix before an OpenAI client, by hand"
            )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        if not self.ctx.facts.openai_route_stripped:
            # no module strips `openai/`: another service's id (OpenRouter's), where a client
            # or OPENAI_BASE_URL points elsewhere (left), else not known (manual)
            if self.ctx.facts.client_elsewhere or _foreign_openai_base(doc):
                return None
            message = (
                f"{head}, but no module of this project strips the prefix before an OpenAI "
                f"client, and no litellm call shows reading it: write {kept} there if the "
                "program strips it, the model its service names otherwise, by hand"
            )
            return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)
        data["model_to"] = kept
        edit = replace_value(doc, span, value, kept)
        message = (
            f"{head}: a module of this project strips the prefix before its client; apply "
            f"writes {kept}, the prefix kept"
            if edit is not None
            else f"{head}: write {kept} there, the prefix kept, by hand"
        )
        fix = None if edit is not None else FixClass.MANUAL
        return self.finding_at(doc, span, message, fix=fix, edit=edit, data=data)

    def _routed(self, model: str, mapped: str) -> str | None:
        """`mapped` on the provider's litellm route (`deepseek/deepseek-v4-pro`) for OpenAI's
        chat `model`; None for another model (embeddings go through `openai/` with a base
        URL) or a provider without one."""
        assert self.ctx.provider is not None
        return litellm_route(self.ctx.provider, mapped, sdk.surface_of_model(model) == "chat")

    def _litellm_by_hand(
        self, doc: ConfigDocument, span: Span, model: str, mapped: str, reach: str
    ) -> Finding:
        """A model litellm may read that apply cannot write for it: the project uses an OpenAI
        client too and the key tells neither (both spellings named), or the provider has no
        route of its own in litellm, or it is not a chat model."""
        provider = self.ctx.provider
        assert provider is not None
        need = self._routed(model, mapped) or (
            f"openai/{mapped} with {provider.name}'s api_base and key"
        )
        head = f"{model} is an OpenAI model; it maps to {mapped} on {provider.name}, but "
        if reach == "both":
            message = (
                f"{head}a module of this project calls litellm and one uses an OpenAI client "
                f"({_SENDS}): write {need} where litellm reads it, {mapped} where an OpenAI "
                "client does, by hand"
            )
        else:
            message = f"{head}{_LITELLM_READS[reach]} ({_SENDS}): write {need} there, by hand"
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data={"model_from": model})

    def _lmi_embedding(
        self, doc: ConfigDocument, span: Span, value: str, prefixes: str, model: str
    ) -> Finding:
        """An OpenAI model after lmi's embedding prefixes (`hybrid-text-embedding-3-small`,
        paper-qa's `embedding`): lmi hands the model to litellm, which sends it to OpenAI.
        Left to a person (manual), with what litellm takes after the prefixes."""
        provider = self.ctx.provider
        new = self.ctx.map_model(model) if provider is not None else None
        data: dict[str, object] = {"model_from": model, "prefix": prefixes}
        if new is not None:
            data["model_to"] = new
        message = lmi_advice(value, prefixes, model, provider, new)
        return self.finding_at(doc, span, message, fix=FixClass.MANUAL, data=data)

    def _litellm_unrouted(self, doc: ConfigDocument, span: Span, model: str, reach: str) -> Finding:
        """A provider's chat model without litellm's prefix where litellm reads it (as an
        earlier apply wrote it): litellm fails on it (`litellm.UNKNOWN_MODEL_ERROR`). Where an
        OpenAI client may read it too ("both"), which takes it as it is, left (`_both_unrouted`).
        So is one of its embedding models (`EMBEDDING_MODEL=text-embedding-v4`, which litellm's
        `embedding()` refuses as `completion()` does a chat model: t67e, RD-Agent), on the
        provider's route where that route sends embeddings (`dashscope/`:
        `litellm.EMBEDDINGS_ROUTES`), else left for `openai/` with its base URL and key."""
        provider = self.ctx.provider
        assert provider is not None
        route = provider.frameworks.get("litellm_prefix")
        if _bare_embedding_model(provider, model) and route not in litellm.EMBEDDINGS_ROUTES:
            route = None  # zai/, moonshot/, deepseek/ send no embeddings
        if reach == "both":
            return self._both_unrouted(doc, span, model, route)
        head = (
            f"{model} has no provider prefix, so litellm fails on it "
            f'("{litellm.UNKNOWN_MODEL_ERROR}"): {_LITELLM_READS[reach]}'
        )
        if reach == "txtai":  # txtai asks litellm first, then loads it from the Hugging Face Hub
            head = (
                f"{model} has no provider prefix, so txtai does not take it for litellm's and "
                f"loads it from the Hugging Face Hub: {_LITELLM_READS[reach]}"
            )
        if not isinstance(route, str):
            return self.finding_at(
                doc,
                span,
                f"{head}; write openai/{model} with {provider.name}'s api_base and key there, "
                "by hand",
                severity=Severity.ERROR,
                fix=FixClass.MANUAL,
                data={"model_from": model},
            )
        routed = f"{route}/{model}"
        edit = replace_value(doc, span, model, routed)
        return self.finding_at(
            doc,
            span,
            f"{head}; apply writes {routed}" if edit else f"{head}; write {routed} there, by hand",
            severity=Severity.ERROR,
            fix=None if edit else FixClass.MANUAL,
            edit=edit,
            data={"model_from": model, "model_to": routed, "litellm_route": route},
        )

    def _both_unrouted(self, doc: ConfigDocument, span: Span, model: str, route: object) -> Finding:
        """A provider's chat model without litellm's prefix in a project where a module calls
        litellm and one uses an OpenAI client, the key telling neither: litellm fails on it,
        the client takes it, and which of them reads it is not known, so a person writes each
        its own (a warning, manual, as `_litellm_by_hand` says of an OpenAI model there; t67b:
        RD-Agent's `.env` `CHAT_MODEL=qwen-plus` beside its OpenAI-client backend)."""
        provider = self.ctx.provider
        assert provider is not None
        routed = f"{route}/{model}" if isinstance(route, str) else None
        need = routed or f"openai/{model} with {provider.name}'s api_base and key"
        data: dict[str, object] = {"model_from": model}
        if routed is not None:
            data |= {"model_to": routed, "litellm_route": route}
        return self.finding_at(
            doc,
            span,
            f'{model} has no provider prefix, so litellm fails on it ("'
            f'{litellm.UNKNOWN_MODEL_ERROR}"), and a module of this project calls litellm and '
            f"one uses an OpenAI client, which takes it as it is: write {need} where litellm "
            f"reads it, {model} where an OpenAI client does, by hand (where only an OpenAI "
            "client reads it, record that with `# migrate-llm: ignore[ML503]` on the line "
            "above)",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
            data=data,
        )


_SENDS = "litellm sends a model without a provider prefix to OpenAI"
# Why litellm reads a config value (`ConfigModel._litellm_reach`)
_LITELLM_READS = {
    "aider": "aider reads it and hands it to litellm",
    "interpreter": "an Open Interpreter profile's llm.model, which it hands to litellm",
    "interpreter-cli": "Open Interpreter's command sets its llm.model to it and hands it to "
    "litellm",
    "txtai": "a txtai application's model, which txtai hands to litellm",
    "proxy": "a deployment's litellm_params.model under model_list, which litellm reads",
    "project": "a module of this project calls litellm and none uses an OpenAI client",
    "named": "its key says litellm reads it",
}


def _deployment_model(entry: Entry) -> bool:
    """Whether `entry` is the model of a litellm deployment (`model_list: [{model_name: fast,
    litellm_params: {model: openai/gpt-4o-mini}}]`, litellm proxy's config), which litellm
    reads in any project."""
    path = [part for part in entry.path if not part.isdigit()]
    return path[-3:] == [litellm.MODEL_LIST, litellm.ROUTER_PARAMS, "model"]


def _on_own_route(provider: Provider | None, model: str) -> bool:
    """Whether `model` is one of `provider`'s models on its own litellm route
    (`moonshot/kimi-k2.6`)."""
    own = provider.frameworks.get("litellm_prefix") if provider is not None else None
    head, inner = litellm.route(model)
    return provider is not None and bool(head) and head == own and provider.serves(inner)


def _on_openai_route(provider: Provider | None, model: str) -> bool:
    """Whether `model` is one of `provider`'s models on litellm's `openai/` route
    (`openai/MiniMax-M3`), which litellm sends to the api_base beside it: the provider's where
    that base URL is (or apply makes it) the provider's."""
    head, inner = litellm.route(model)
    return provider is not None and head == litellm.OPENAI_PREFIX and provider.serves(inner)


def _bare_embedding_model(provider: Provider | None, model: str) -> bool:
    """Whether `model` is one of `provider`'s embedding models as apply writes them, without a
    route: its `embedding` tier's, those its file states a width of, and those its table maps
    an OpenAI embedding model to."""
    if provider is None or "/" in model or not provider.serves(model):
        return False
    mapped = {t for s, t in provider.models.items() if sdk.surface_of_model(s) == "embeddings"}
    return model in embedding_models_named(provider) | mapped


def _bare_chat_model(provider: Provider | None, model: str) -> bool:
    """Whether `model` is one of `chat_models_written` of `provider`, without a route."""
    if provider is None or "/" in model or not provider.serves(model):
        return False
    return model in chat_models_written(provider)


def for_images(doc: ConfigDocument) -> dict[Record, str]:
    """The model entries of a mapping that a key of the same mapping says reads images, switched
    on (`supports_vision: true`, `vision: yes`: a key naming images, `sdk.named_for_images`,
    whose value is one of SWITCHED_ON), by path, with that key and value (for messages). Not in
    a .env or a script, whose variables are the whole program's."""
    if doc.kind not in ("yaml", "toml", "json", "ini"):
        return {}
    signs: dict[Record, str] = {}
    for entry in doc.entries:
        if entry.key is None or not entry.path or entry.path[-1].isdigit():
            continue
        if not sdk.flags_images(entry.key) or MODEL_KEY.search(entry.key):
            continue
        value = scalar_text(doc, entry)
        if value is not None and value.lower() in SWITCHED_ON:
            signs.setdefault(entry.rooted[:-1], f"{entry.key}: {value}")
    found: dict[Record, str] = {}
    for entry in doc.entries:
        sign = signs.get(entry.rooted[:-1]) if entry.path else None
        if sign is not None and entry.key is not None and MODEL_KEY.search(entry.key):
            found[entry.rooted] = sign
    return found


def images_sign(doc: ConfigDocument, record: Record) -> str:
    """What says the record at `record` (an entry of a table keyed by model: `info.gpt-4o`)
    reads images: a key of it naming images switched on (`vision: true`, as `_for_images`
    reads one beside a model), as `key: value`; "" where none does."""
    for entry in doc.entries:
        if entry.rooted[:-1] != record or entry.key is None:
            continue
        if not sdk.flags_images(entry.key) or MODEL_KEY.search(entry.key):
            continue
        value = scalar_text(doc, entry)
        if value is not None and value.lower() in SWITCHED_ON:
            return f"{entry.key}: {value}"
    return ""


def table_images(ctx: RuleContext, sign: str) -> bool:
    """Whether a model keying a record that `sign` says reads images (`images_sign`) maps to
    the provider's model for images: one the program sends text too (its entry is a chat
    model's), so only where that model answers text (`image_model_answers_text`)."""
    provider = ctx.provider
    return bool(sign) and provider is not None and provider.image_model_answers_text()


def settings_of(doc: ConfigDocument) -> ConfigDocument:
    """`doc` without the entries that describe a package (`formats.manifests`:
    pyproject.toml's `[project]`, package.json's `keywords`) or configure migrate-llm itself
    (its `models` table is keyed by OpenAI model): no program reads a model there."""
    name = config_name(doc.path).lower()
    if name == own_config.CONFIG_FILE:
        return dataclasses.replace(doc, entries=())
    ours = tuple(own_config.TABLE.split(".")) if name == own_config.PYPROJECT else None
    kept = tuple(
        e for e in doc.entries if not describes_package(name, e.path) and e.path[:2] != ours
    )
    return dataclasses.replace(doc, entries=kept) if len(kept) != len(doc.entries) else doc


_QUOTED = r"""(?:"[^"\\\n]*"|'[^'\\\n]*')"""
# a list of strings without escapes written in a string, JSON's way or Python's
_STRING_LIST = re.compile(rf"\[\s*(?:{_QUOTED}\s*(?:,\s*{_QUOTED}\s*)*,?\s*)?\]")


def _with_string_lists(
    doc: ConfigDocument,
) -> tuple[list[Entry], set[Record], list[StringList]]:
    """The entries of `doc`, a string value holding a list of strings (`'["gpt-4o",
    "gpt-4"]'`, which programs read with json.loads) replaced by an entry for each item,
    at the item's quoted text; the paths of items that cannot be placed exactly (the
    value written with escapes), which stand at the whole value; and those lists."""
    entries: list[Entry] = []
    unplaced: set[Record] = set()
    lists: list[StringList] = []
    for entry in doc.entries:
        value, span = entry.value, entry.value_span
        listed = value.strip() if value is not None else ""
        if span is None or value is None or not (listed[:1] == "[" and listed[-1:] == "]"):
            entries.append(entry)
            continue
        raw = doc.text[span.start : span.end]
        if _STRING_LIST.fullmatch(listed) is not None and raw.count(value) == 1:
            start = span.start + raw.index(value) + len(value) - len(value.lstrip())
            items = []
            for index, item in enumerate(re.finditer(_QUOTED, listed)):
                place = Span(start + item.start(), start + item.end())
                items.append(
                    Entry(
                        entry.key,
                        (*entry.path, str(index)),
                        item.group()[1:-1],
                        None,
                        place,
                        entry.document,
                    )
                )
            entries += items
            lists.append(StringList(entry.key, tuple(items), True))
            continue
        decoded = _decoded_list(listed)
        if decoded is None:
            entries.append(entry)
            continue
        items = [
            Entry(entry.key, (*entry.path, str(i)), text, None, span, entry.document)
            for i, text in enumerate(decoded)
        ]
        unplaced.update(item.rooted for item in items)
        entries += items
        lists.append(StringList(entry.key, tuple(items), False))
    return entries, unplaced, lists


def _recorded_payload(doc: ConfigDocument) -> bool:
    """Whether `doc` is a JSON payload recorded under a test or fixtures directory
    (`LABEL_FIXTURE_DIRS`: `tests/webhook.json`)."""
    parts = doc.path.replace("\\", "/").split("/")
    return doc.kind == "json" and bool(set(parts[:-1]) & LABEL_FIXTURE_DIRS)


def _labels(ctx: RuleContext, entries: list[Entry], recorded: bool = False) -> set[Record]:
    """The lists among `entries` that hold labels, not models: under a key of labels
    (`LABEL_LIST_KEYS`: `topics`, `tags`), or under any key in a recorded payload
    (`recorded`, `_recorded_payload`), but under no key naming a model (neither a word of
    `MODEL_KEY`, `models`, `AVAIL_LLM_MODELS`, or of `MODEL_LIST_KEYS`, `llms`, nor an OpenAI
    model itself, litellm's `fallbacks: [{gpt-4o: [gpt-4o-mini]}]`), with an item that is no
    model id (OpenAI's, the provider's, one written on a provider's route, `openai:gpt-4o`,
    or a name with a hyphen and a digit, another vendor's `claude-3-opus`). A GitHub
    payload's `"topics": ["ai", "gpt-4-32k", "llm"]` (a recorded repository's labels, t63c)
    and a post's `tags: [gpt-4o, tool]` hold labels: rewritten, a test fixture no longer
    matches what GitHub sends. A list of model ids alone (`menu: [gpt-4o, acme-small]`), or
    under another key (a router's `order: [gpt-4o, llama3, gpt-4o-mini]`, whose `llama3` is
    a model without a hyphen), is a list of models."""
    provider = ctx.provider
    items: dict[Record, list[str | None]] = {}
    for entry in entries:
        path = entry.rooted
        labelled = recorded or (len(path) > 1 and path[-2].lower() in LABEL_LIST_KEYS)
        if path and path[-1].isdigit() and labelled:
            items.setdefault(path[:-1], []).append(entry.value)

    def model_id(value: str | None) -> bool:
        text = (value or "").strip()
        return bool(text) and (
            ":" in text
            or "/" in text
            or ("-" in text and any(c.isdigit() for c in text))
            or ctx.openai.serves(text)
            or (provider is not None and provider.serves(text))
        )

    def names_models(key: str) -> bool:
        return (
            MODEL_KEY.search(key) is not None
            or key.lower() in MODEL_LIST_KEYS
            or ctx.openai.serves(key)
        )

    return {
        path
        for path, values in items.items()
        if not any(names_models(k) for k in path if not k.isdigit())
        and not all(map(model_id, values))
    }


def _decoded_list(text: str) -> list[str] | None:
    """The strings of the list `text` holds, read as JSON or as a Python literal; None when
    it is neither."""
    for parse in (json.loads, ast.literal_eval):
        try:
            value = parse(text)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        if isinstance(value, list):
            return [item for item in value if isinstance(item, str)]
    return None


def _crewai_agent_model(doc: ConfigDocument, entry: Entry) -> bool:
    """Whether `entry` is the `llm:` (or `function_calling_llm:`) of an agent in a crewAI
    project's agents YAML: a top-level mapping holding `role:` and `goal:` beside it
    (`crewai.AGENT_CONFIG_KEYS`), which a @CrewBase class hands to `Agent(config=...)`."""
    if len(entry.path) != 2 or entry.key not in crewai.AGENT_CONFIG_LLM_KEYS:
        return False
    agent = entry.path[0]
    keys = {e.path[1] for e in doc.entries if len(e.path) == 2 and e.path[0] == agent}
    return all(k in keys for k in crewai.AGENT_CONFIG_KEYS)


def _crewai_by_hand(provider: Provider, model: str) -> str:
    prefix = crewai.route_prefix(provider.frameworks)
    if prefix:
        return f"write {prefix}/{model} by hand"
    return (
        f"crewAI has no route of its own for {provider.name}: pass its agents "
        f'llm=LLM(model="openai/{model}", base_url=..., api_key=os.environ["'
        f'{provider.api_key_env}"]) in code, by hand (OPENAI_API_KEY must not hold its key)'
    )


def _catalogue(ctx: RuleContext, doc: ConfigDocument) -> dict[Record, _Named]:
    """The records of catalogues of per-model settings in a YAML, TOML or JSON file, by path:
    the items of a list of two or more mappings named by one key of CONFIG_RECORD_KEYS, each
    with the entry naming it. Named by `name` or `id`, a list of records is one always; by
    `model`, where two records would name one provider model once mapped, and none holds a
    base URL or a key (a list of endpoints, as AutoGen's config list, is not one)."""
    if doc.kind not in ("yaml", "toml", "json") or ctx.provider is None:
        return {}
    records: dict[Record, dict[str, Entry]] = {}
    for entry in doc.entries:
        if entry.key is not None and len(entry.path) >= 2 and entry.path[-2].isdigit():
            records.setdefault(entry.rooted[:-1], {})[config_key(entry.key)] = entry
    lists: dict[tuple[Record, str], list[tuple[Record, Entry]]] = {}
    for path, keys in records.items():
        for name in sdk.CONFIG_RECORD_KEYS:
            named = keys.get(name)
            if named is not None and (named.value or "").strip():
                lists.setdefault((path[:-1], name), []).append((path, named))
                break
    found: dict[Record, _Named] = {}
    for (_, name), items in lists.items():
        if len(items) < 2:
            continue
        # per model a record names once mapped, the names written for it
        names: dict[str, set[str]] = {}
        for _, entry in items:
            names.setdefault(_as_mapped(ctx, entry), set()).add((entry.value or "").strip())
        clashing = {model for model, written in names.items() if len(written) > 1}
        if name == "model" and (
            not clashing or any(_holds_endpoint(records[path]) for path, _ in items)
        ):
            continue
        models = any(_is_model_id(ctx, entry) for _, entry in items)
        for path, entry in items:
            found[path] = _Named(entry, _as_mapped(ctx, entry) in clashing, models)
    return found


def _is_model_id(ctx: RuleContext, entry: Entry) -> bool:
    """Whether a record's name is a model id with a hyphen, OpenAI's or the target's."""
    model = _record_model((entry.value or "").strip())[1]
    if "-" not in model:
        return False
    return ctx.openai.serves(model) or (ctx.provider is not None and ctx.provider.serves(model))


def _as_mapped(ctx: RuleContext, entry: Entry) -> str:
    """The model a record names once `apply` maps it (its name as written when not mapped)."""
    value = (entry.value or "").strip()
    prefix, model = _record_model(value)
    mapped = ctx.map_model(model) if ctx.openai.serves(model) else None
    return _route_for(ctx, prefix) + mapped if mapped is not None else value


def _record_model(value: str) -> tuple[str, str]:
    """(prefix, model) of a record's name: an OpenAI model after `openai:` (LangChain's
    way) or `openai/` (litellm's OpenAI route: aider's `- name: openai/gpt-4o`), else ("",
    the name)."""
    prefix, model = without_provider(value)
    head, rest = litellm.route(value)
    if not prefix and head == litellm.OPENAI_PREFIX:
        return f"{head}/", rest
    return prefix, model


def _route_for(ctx: RuleContext, prefix: str) -> str:
    """What a record for the provider's model is named after in place of `prefix`: litellm's
    route for the provider where the record's is litellm's OpenAI route (else OpenAI's, the
    compatible route)."""
    if prefix != f"{litellm.OPENAI_PREFIX}/" or ctx.provider is None:
        return prefix
    own = ctx.provider.frameworks.get("litellm_prefix")
    return f"{own}/" if isinstance(own, str) else prefix


def _holds_endpoint(keys: dict[str, Entry]) -> bool:
    """Whether a record names a base URL or holds a key (a string: `prompt_tokens: 512` of
    a benchmark's record is a count)."""
    return any(
        (key in sdk.CONFIG_BASE_URL_KEYS or KEY_KEY.search(entry.key or ""))
        and bool((entry.value or "").strip())
        for key, entry in keys.items()
    )


def _record_of(entry: Entry, records: dict[Record, _Named]) -> Record | None:
    """The record of `records` that holds `entry` (at any depth), if any."""
    if not records:
        return None
    for end in range(len(entry.rooted) - 1, 0, -1):
        if entry.rooted[:end] in records:
            return entry.rooted[:end]
    return None


def first_keys(
    doc: ConfigDocument, serves: Callable[[str], bool]
) -> dict[tuple[str, ...], list[Entry]]:
    """The entries whose key is an OpenAI model id (with a hyphen), by the table that holds
    them."""
    tables: dict[tuple[str, ...], list[Entry]] = {}
    for entry in doc.entries:
        key = entry.key
        if key is None or entry.key_span is None or not entry.path or "-" not in key:
            continue
        if entry.path[-1] == key and serves(key):
            tables.setdefault(entry.rooted[:-1], []).append(entry)
    return tables


def _keyed_tables(
    doc: ConfigDocument, serves: Callable[[str], bool]
) -> dict[str, tuple[tuple[str, ...], set[str]]]:
    """OpenAI model -> the table of the file keyed by it (`first_keys`) and every key of
    that table: a value naming the model is the key the program looks its entry up by
    (`available_text_models: [gpt-4o-mini]` beside `info: {gpt-4o-mini: ...}`)."""
    tables = first_keys(doc, serves)
    keys: dict[tuple[str, ...], set[str]] = {path: set() for path in tables}
    for entry in doc.entries:
        if entry.key is not None and entry.path and entry.rooted[:-1] in keys:
            keys[entry.rooted[:-1]].add(entry.key)
    return {e.key: (path, keys[path]) for path, es in tables.items() for e in es if e.key}


def _item_removal(doc: ConfigDocument, spans: list[Span], index: int) -> Edit | None:
    """The edit removing item `index` of the list whose items stand at `spans`: its line (`- b`
    of a YAML block list), or it with the separator before it (after it, for the first) in
    a flow list, a JSON or TOML array; None for another shape or a list of one."""
    text, span = doc.text, spans[index]
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end == -1 else line_end + 1
    if (
        doc.kind == "yaml"
        and text[line_start : span.start].strip() == "-"
        and not text[span.end : line_end].strip()
    ):
        return Edit(Span(line_start, line_end), "")
    if index and text[spans[index - 1].end : span.start].strip() == ",":
        return Edit(Span(spans[index - 1].end, span.end), "")
    if index + 1 < len(spans) and text[span.end : spans[index + 1].start].strip() == ",":
        return Edit(Span(span.start, spans[index + 1].start), "")
    return None


def unmapped_model(model: str, provider: Provider) -> str:
    """What to say of OpenAI's `model` that `provider`'s table does not map ("... with no
    mapping; choose one of ..."): in a config value, or anywhere a person changes it."""
    choices = ", ".join(provider.candidates(sdk.surface_of_model(model)))
    pick = f"choose one of {choices}" if choices else f"choose a model from {provider.docs}"
    if provider.azure is not None:  # Azure OpenAI: model names are the user's deployments
        return (
            f"{model} is an OpenAI model with no {provider.name} mapping; "
            f"{deployment_advice(model)}"
        )
    return (
        f"{model} is an OpenAI model with no {provider.name} mapping; {pick} "
        f"(or pass --model {model}=NAME)"
    )
