"""Libraries whose model strings pick OpenAI by their provider prefix (ML671).

In such a library `"openai:gpt-4o"` is OpenAI's endpoint as much as its model: the prefix
builds the library's OpenAI provider, which reads OpenAI's variables, and the string has no
room for a base URL. Another model name after the prefix still goes to OpenAI. LangChain's
`init_chat_model("openai:...")` is not one of them: it takes `base_url=` and `api_key=`
beside the string (ML603). Each entry names the release and the file it was checked against.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from migrate_llm.frameworks.langchain import INIT_FUNCTIONS


@dataclass(frozen=True)
class PrefixedModels:
    """A library that picks its endpoint from a model string's provider prefix.

    `module`: the top-level module imported (what `FRAMEWORK_MODULES` lists). `package`: the
    distribution. `prefixes`: the prefixes that choose the OpenAI provider (`openai:`).
    `model_classes`: qualified names of the classes built from a bare model name that use
    that provider unless given another as `provider_keyword`; `responses_classes` are those
    among them that call OpenAI's Responses API. `openai_providers`: the strings that name
    the OpenAI provider there. `provider_classes`: qualified names of the OpenAI provider's
    class, which reads OpenAI's variables unless given `base_url_keyword` (or
    `client_keyword`, a client of one's own) and `key_keyword`. `known_names`: the type
    that lists the model strings the library knows (a field so typed rejects others).
    `variables`: what the provider reads. `model_class`, `provider_class` and `imports`: the
    code a person writes instead. `profile_keyword`, `profile_class`, `profile_import` and
    `forced_tool_field`: the model class's keyword taking a partial profile, merged over the
    provider's, and the profile's switch that stops the library sending `tool_choice:
    "required"` (passed False where the provider file says the provider rejects it). `source`:
    where, in which release and when it was checked. `model_takers`: qualified names of the
    classes whose `model` argument (first, or `model=`) takes a model object as well as a
    string, where apply puts the built model in place of the string. `settings_keyword`:
    the model class's keyword taking settings merged into each request (`extra_body` among
    them: the provider's switch that turns thinking off). `native_tool_keywords`: the
    arguments of those classes that may name tools OpenAI's servers run (web search), which
    the chat model class refuses. `taker_settings_keyword`: the keyword of those classes
    taking settings merged into each request; `settings_params`: a settings key -> the
    request parameter the chat model class sends it as (for `[model_params]`, as ML115
    reads them). `run_methods`: the methods of such an object (an `Agent`) that take that
    keyword too (and `model=`, a model of the run's own); `settings_classes`: qualified names
    of the classes whose keyword arguments build such settings (`ModelSettings(...)`).
    """

    module: str
    package: str
    prefixes: tuple[str, ...]
    model_classes: frozenset[str]
    responses_classes: frozenset[str]
    provider_keyword: str
    openai_providers: frozenset[str]
    provider_classes: frozenset[str]
    base_url_keyword: str
    key_keyword: str
    client_keyword: str
    known_names: str
    variables: tuple[str, ...]
    model_class: str
    provider_class: str
    imports: tuple[str, ...]
    profile_keyword: str
    profile_class: str
    profile_import: str
    forced_tool_field: str
    source: str
    model_takers: frozenset[str] = frozenset()
    settings_keyword: str = "settings"
    native_tool_keywords: tuple[str, ...] = ()
    taker_settings_keyword: str = ""
    settings_params: Mapping[str, str] = field(default_factory=dict)
    run_methods: frozenset[str] = frozenset()
    settings_classes: frozenset[str] = frozenset()


# pydantic-ai-slim 2.68.0 (PyPI wheel; github.com/pydantic/pydantic-ai, checked 2026-12-03):
# models/__init__.py `infer_model` splits `provider:model` at the first colon
# (`parse_model_id`) and builds `OpenAIResponsesModel` for `openai:` and `openai-responses:`,
# `OpenAIChatModel` for `openai-chat:`, each with `infer_provider(name)`, which is
# `OpenAIProvider()` for all three (providers/__init__.py `infer_provider_class`).
# providers/openai.py: `OpenAIProvider(base_url=None, api_key=None, openai_client=None, ...)`
# builds an `AsyncOpenAI` that reads OPENAI_BASE_URL and OPENAI_API_KEY when they are not
# given. models/openai: `OpenAIChatModel(model_name, *, provider='openai', ...)`, a string
# provider going through `infer_provider`; `KnownModelName` (models/_known_model_names.py)
# is a `Literal` of the known `provider:model` strings. pydantic-ai-slim 1.0.0 is the same
# but for `openai:` (`OpenAIChatModel`) and keeps `OpenAIModel`, the class's name before
# 1.0 (0.4.0: `OpenAIModel(model_name, *, provider='openai')`, `openai:` built it).
# The profile: pydantic-ai-slim 2.33.0 (installed in the pydantic-ai trial, checked
# 2026-12-04): profiles/openai.py `class OpenAIModelProfile(ModelProfile, total=False)` with
# `openai_supports_tool_choice_required: bool` ("Whether the provider accepts the value
# `tool_choice='required'` ... Default: `True`"); models/openai.py `OpenAIChatModel(model_name,
# *, provider=..., profile: ModelProfileSpec | None = None, ...)`; models/__init__.py
# `Model.profile` merges a `profile=` dict over the provider's (`OpenAIProvider.model_profile`
# keeps OpenAI's True). providers/moonshotai.py sets it False for Kimi. With it True, an Agent
# whose output is a structured type sends `tool_choice: "required"`.
PYDANTIC_AI = PrefixedModels(
    module="pydantic_ai",
    package="pydantic-ai",
    prefixes=("openai:", "openai-chat:", "openai-responses:"),
    model_classes=frozenset(
        {
            "pydantic_ai.models.openai.OpenAIChatModel",
            "pydantic_ai.models.openai.OpenAIModel",
            "pydantic_ai.models.openai.OpenAIResponsesModel",
        }
    ),
    responses_classes=frozenset({"pydantic_ai.models.openai.OpenAIResponsesModel"}),
    provider_keyword="provider",
    openai_providers=frozenset({"openai", "openai-chat", "openai-responses"}),
    provider_classes=frozenset({"pydantic_ai.providers.openai.OpenAIProvider"}),
    base_url_keyword="base_url",
    key_keyword="api_key",
    client_keyword="openai_client",
    known_names="KnownModelName",
    variables=("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    model_class="OpenAIChatModel",
    provider_class="OpenAIProvider",
    imports=(
        "from pydantic_ai.models.openai import OpenAIChatModel",
        "from pydantic_ai.providers.openai import OpenAIProvider",
    ),
    profile_keyword="profile",
    profile_class="OpenAIModelProfile",
    profile_import="from pydantic_ai.profiles.openai import OpenAIModelProfile",
    forced_tool_field="openai_supports_tool_choice_required",
    source="https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/"
    "providers/openai.py and models/__init__.py (pydantic-ai-slim 2.68.0, 1.0.0 and 0.4.0, "
    "checked 2026-12-03)",
    # agent/__init__.py: `Agent(model: models.Model | models.KnownModelName | str | None =
    # None, *, ...)`, re-exported as `pydantic_ai.Agent` (pydantic-ai-slim 2.31.1, installed
    # for the framework tests, checked 2026-12-05)
    model_takers=frozenset({"pydantic_ai.Agent", "pydantic_ai.agent.Agent"}),
    # models/openai.py `OpenAIChatModel(..., settings: ModelSettings | None = None)`, whose
    # `extra_body` each request sends (`extra_body=model_settings.get('extra_body')`)
    settings_keyword="settings",
    # agent/__init__.py `Agent(..., capabilities=[WebSearch()])` (`builtin_tools=` before);
    # models/openai.py `OpenAIChatModel.prepare_request` raises "WebSearchTool is not
    # supported with `OpenAIChatModel`" (pydantic-ai-slim 2.31.1, checked 2026-12-05)
    native_tool_keywords=("capabilities", "builtin_tools"),
    # agent/__init__.py `Agent(..., model_settings: ModelSettings | None = None)`, merged over
    # the model's `settings=`; models/openai.py `OpenAIChatModel._completions_create` sends
    # `temperature=model_settings.get('temperature', OMIT)`, `top_p`, `presence_penalty`,
    # `frequency_penalty`, `seed`, `logit_bias`, `parallel_tool_calls` (with tools) so, and
    # `reasoning_effort` from `openai_reasoning_effort` (pydantic-ai-slim 2.31.1, checked
    # 2026-12-05)
    taker_settings_keyword="model_settings",
    settings_params={
        "temperature": "temperature",
        "top_p": "top_p",
        "presence_penalty": "presence_penalty",
        "frequency_penalty": "frequency_penalty",
        "seed": "seed",
        "logit_bias": "logit_bias",
        "parallel_tool_calls": "parallel_tool_calls",
        "openai_reasoning_effort": "reasoning_effort",
    },
    # agent/abstract.py (pydantic-ai-slim 2.31.1, checked 2026-12-05): `run`, `run_sync`,
    # `run_stream`, `run_stream_sync`, `run_stream_events` and `iter` take `model_settings:
    # AgentModelSettings | None` (merged over the agent's: agent/__init__.py `iter`,
    # `merge_model_settings`) and `model=` (the run's model instead of the agent's);
    # `override(model_settings=...)` replaces the agent's for its block
    run_methods=frozenset(
        {
            "run",
            "run_sync",
            "run_stream",
            "run_stream_sync",
            "run_stream_events",
            "iter",
            "override",
        }
    ),
    # settings.py `class ModelSettings(TypedDict, total=False)` (re-exported as
    # `pydantic_ai.ModelSettings`, imported by models/__init__.py); models/openai.py
    # `OpenAIChatModelSettings(ModelSettings, total=False)` and
    # `OpenAIResponsesModelSettings(OpenAIChatModelSettings, total=False)`: TypedDicts, so a
    # call builds the dict its keywords are the entries of (pydantic-ai-slim 2.31.1, checked
    # 2026-12-05)
    settings_classes=frozenset(
        {
            "pydantic_ai.ModelSettings",
            "pydantic_ai.settings.ModelSettings",
            "pydantic_ai.models.ModelSettings",
            "pydantic_ai.models.openai.OpenAIChatModelSettings",
            "pydantic_ai.models.openai.OpenAIResponsesModelSettings",
        }
    ),
)

# The APIs other than chat an `openai:` string picks, by a word of OpenAI's model id (the
# provider file's `[supports]` entry): pydantic-ai-slim 2.33.0 (PyPI wheel, checked
# 2026-12-05) realtime/model.py `infer_realtime_model("openai:gpt-realtime")` (what
# `agent.realtime(...)` takes) builds `OpenAIRealtimeModel`, embeddings/__init__.py
# `infer_embedding_model("openai:text-embedding-3-small")` (`Embedder(...)`)
# `OpenAIEmbeddingModel`, both on `OpenAIProvider`: a chat model cannot stand in for them.
MODEL_APIS: tuple[tuple[str, str], ...] = (("realtime", "realtime"), ("embedding", "embeddings"))


def model_api(model: str) -> str | None:
    """The API other than chat (`MODEL_APIS`) that a model id after an `openai:` prefix
    picks, if any."""
    return next((api for word, api in MODEL_APIS if word in model), None)


# marvin 3 (github.com/PrefectHQ/marvin at e81f5faf, checked 2026-12-03): `marvin.Agent(model=
# ...)` and `marvin.defaults.model` take `KnownModelName | Model` (src/marvin/agents/agent.py,
# src/marvin/defaults.py) and hand them to pydantic-ai: a module importing marvin names
# pydantic-ai's models, `"openai:..."` strings and model objects alike.
MARVIN = replace(PYDANTIC_AI, module="marvin")

# pydantic_evals (github.com/pydantic/pydantic-ai at 0dde7ddc, pydantic_evals/, checked
# 2026-12-04): generation.py `generate_dataset(*, ..., model: models.Model |
# models.KnownModelName = 'openai:gpt-4o', ...)` builds `Agent(model, ...)`;
# evaluators/llm_as_a_judge.py `judge_output(..., model: models.Model |
# models.KnownModelName | None = None)` runs its agent with `model=`: pydantic-ai's strings.
# (pydantic-evals 2.33.0 and 2.62.0 default `generate_dataset`'s model to 'openai:gpt-5.2':
# `EVALS_DEFAULTS`.)
PYDANTIC_EVALS = replace(PYDANTIC_AI, module="pydantic_evals")

PREFIXED: tuple[PrefixedModels, ...] = (PYDANTIC_AI, MARVIN, PYDANTIC_EVALS)


@dataclass(frozen=True)
class DefaultModels:
    """Callables of a library that use its default model where given none (`model=` left
    out or None). `judges`: their qualified names, each with the position of its model
    argument (None: keyword only). `settable`: those whose default `setter` changes (the
    others only take `model=`). `default`: the model they use. `source`: where it was read."""

    judges: dict[str, int | None]
    settable: frozenset[str]
    setter: frozenset[str]
    model_keyword: str
    default: str
    source: str


# Arguments that name an experiment or a case in pydantic_evals' reports, not a model: a
# label such as `name='openai:gpt-5.1'` (evals/example_04) picks nothing. pydantic-evals
# 2.33.0 (PyPI wheel) dataset.py: `Dataset.evaluate(task, name=None, ..., task_name=None)`
# and `evaluate_sync(...)` ("name: The name of the experiment being run, this is used to
# identify the experiment in the report"); `Case(name=...)`, `Dataset(name=...)`. By the
# called name's last part: the dataset is often built elsewhere.
LABEL_ARGUMENTS: dict[str, frozenset[str]] = {
    "evaluate": frozenset({"name", "task_name"}),
    "evaluate_sync": frozenset({"name", "task_name"}),
    "Case": frozenset({"name"}),
    "Dataset": frozenset({"name"}),
}

# a call of the setter in a file's bytes: the project picks its judges' default (run facts)
SETS_JUDGE = re.compile(rb"\bset_default_judge_model[ \t]*\(")
# A module loading a dataset from its file (`Dataset.from_file(path)`, and `from_text` /
# `from_dict`, which build the same evaluators: pydantic_evals/dataset.py): its judges without
# a model use the default judge model of the process that runs it.
LOADS_DATASET = re.compile(rb"\bfrom_(?:file|text|dict)[ \t]*\(")

_EVALUATORS = "pydantic_evals.evaluators"
_JUDGES = f"{_EVALUATORS}.llm_as_a_judge"

# pydantic-evals 2.33.0 and 2.62.0 (PyPI wheels, checked 2026-12-04):
# evaluators/llm_as_a_judge.py `_default_model: models.Model | models.KnownModelName =
# 'openai:gpt-5.2'`, used as `model or _default_model` by `judge_output(output, rubric,
# model=None)`, `judge_input_output(inputs, output, rubric, model=None)`,
# `judge_input_output_expected(inputs, output, expected_output, rubric, model=None)`,
# `judge_output_expected(output, expected_output, rubric, model=None)` and
# `judge_g_eval(output, criteria, evaluation_steps, score_range, inputs, model=None)`
# (2.62.0: through `_resolve_judge_model`); `set_default_judge_model(model)` rebinds it.
# evaluators/common.py: the dataclasses `LLMJudge(rubric, model=None, ...)` and
# `GEval(criteria, evaluation_steps, score_range, include_input, model=None, ...)` hand their
# `model` to those helpers ("If you do not specify a model, it uses the default model for
# judging. This starts as 'openai:gpt-5.2'"), exported by `pydantic_evals.evaluators`.
# generation.py: `generate_dataset(*, ..., model: ... = 'openai:gpt-5.2', ...)`, which the
# judge default does not change.
EVALS_DEFAULTS = DefaultModels(
    judges={
        f"{_EVALUATORS}.LLMJudge": 1,
        f"{_EVALUATORS}.common.LLMJudge": 1,
        f"{_EVALUATORS}.GEval": 4,
        f"{_EVALUATORS}.common.GEval": 4,
        f"{_JUDGES}.judge_output": 2,
        f"{_JUDGES}.judge_input_output": 3,
        f"{_JUDGES}.judge_input_output_expected": 4,
        f"{_JUDGES}.judge_output_expected": 3,
        f"{_JUDGES}.judge_g_eval": 5,
        "pydantic_evals.generation.generate_dataset": None,
    },
    settable=frozenset(
        {
            f"{_EVALUATORS}.LLMJudge",
            f"{_EVALUATORS}.common.LLMJudge",
            f"{_EVALUATORS}.GEval",
            f"{_EVALUATORS}.common.GEval",
            f"{_JUDGES}.judge_output",
            f"{_JUDGES}.judge_input_output",
            f"{_JUDGES}.judge_input_output_expected",
            f"{_JUDGES}.judge_output_expected",
            f"{_JUDGES}.judge_g_eval",
        }
    ),
    setter=frozenset({f"{_JUDGES}.set_default_judge_model"}),
    model_keyword="model",
    default="openai:gpt-5.2",
    source="https://github.com/pydantic/pydantic-ai/blob/main/pydantic_evals/pydantic_evals/"
    "evaluators/llm_as_a_judge.py and evaluators/common.py (pydantic-evals 2.33.0 and 2.62.0, "
    "checked 2026-12-04)",
)


@dataclass(frozen=True)
class DatasetFiles:
    """Where a dataset file of a library names its evaluators. `cases`: the top-level key
    of its cases, each of which may have `evaluators` of its own; `evaluators`: the key of
    an evaluator list (top level, or a case's); `judges`: the evaluators (as a file names
    them) that use the library's default judge model where their `model_keyword` is absent
    or null; `loaders`: how the program reads such a file. `source`: where it was read."""

    cases: str
    evaluators: str
    judges: frozenset[str]
    model_keyword: str
    loaders: str
    source: str


# pydantic-evals 2.33.0 (PyPI wheel, checked 2026-12-05): dataset.py `_DatasetModel` has
# `cases` (each `_CaseModel` with its own `evaluators: list[EvaluatorSpec]`) and
# `evaluators`; `Dataset.from_file(path)` / `from_text` / `from_dict` build each evaluator from
# its spec by name among `DEFAULT_EVALUATORS` (evaluators/common.py, which holds `LLMJudge` and
# `GEval`); evaluators/spec.py (pydantic_ai/_spec.py `NamedSpec`): `'Name'`, `{'Name':
# first_arg}` or `{'Name': {kwargs}}`. Such an `LLMJudge`/`GEval` without `model` judges with
# the default judge model (`EVALS_DEFAULTS`).
EVALS_DATASETS = DatasetFiles(
    cases="cases",
    evaluators="evaluators",
    judges=frozenset({"LLMJudge", "GEval"}),
    model_keyword="model",
    loaders="Dataset.from_file()",
    source="https://github.com/pydantic/pydantic-ai/blob/main/pydantic_evals/pydantic_evals/"
    "dataset.py and evaluators/spec.py (pydantic-evals 2.33.0, checked 2026-12-05)",
)


# The top-level modules of LangChain's `init_chat_model` / `init_embeddings`, which read
# `openai:` strings their own way.
_OWN_READERS = tuple(sorted({name.split(".")[0] for name in INIT_FUNCTIONS}))

# Every prefix of `PREFIXED`: the model strings of such a library that name OpenAI.
OPENAI_PREFIXES: tuple[str, ...] = tuple(sorted({p for lib in PREFIXED for p in lib.prefixes}))

# An import of one of `PREFIXED` in a file's bytes (a notebook's lines start with `"`): a run
# with one hands its model strings to pydantic-ai (`run_facts`).
IMPORT = re.compile(
    rb'^[ \t]*"?(?:import|from)[ \t]+(?:'
    + b"|".join(re.escape(lib.module).encode() for lib in PREFIXED)
    + rb")\b",
    re.MULTILINE,
)


def prefixed_library(text: str) -> PrefixedModels | None:
    """The library of `PREFIXED` that a module with this text imports (`import pydantic_ai`,
    `from pydantic_ai.models import KnownModelName`), if any."""
    for library in PREFIXED:
        if _imports(library.module, text):
            return library
    return None


def _imports(module: str, text: str) -> bool:
    return module in text and _import(module).search(text) is not None


def run_library(text: str, imported_in_run: bool) -> PrefixedModels | None:
    """The library whose model strings a module's are: the one it imports
    (`prefixed_library`), else pydantic-ai where a module of the run imports one of
    `PREFIXED` (`imported_in_run`: a string the module hands to an agent it imports, as
    `agent.override(model="openai:...")`, or a setting another module reads), unless the
    module imports LangChain, whose `init_chat_model("openai:...")` takes a base URL beside
    the string (ML603)."""
    found = prefixed_library(text)
    if found is None and imported_in_run and not any(_imports(m, text) for m in _OWN_READERS):
        return PYDANTIC_AI
    return found


def split_prefix(value: str, library: PrefixedModels | None) -> tuple[str, str]:
    """(the prefix, the model) of a model string written after one of the library's OpenAI
    prefixes; else ("", `value`)."""
    if library is not None:
        for prefix in library.prefixes:
            if value.startswith(prefix):
                return prefix, value[len(prefix) :]
    return "", value


@functools.cache
def _import(module: str) -> re.Pattern[str]:
    return re.compile(rf"^[ \t]*(?:import|from)[ \t]+{re.escape(module)}\b", re.MULTILINE)
