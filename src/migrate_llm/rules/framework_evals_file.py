"""ML672: judges of a pydantic-evals dataset file that use the library's OpenAI default."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.frameworks.pydantic_ai import (
    EVALS_DATASETS,
    EVALS_DEFAULTS,
    PYDANTIC_EVALS,
    split_prefix,
)
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.prefixed_recipe import build_advice, why_openai


class DatasetDefaultJudge(ConfigRule):
    """A judge of a pydantic-evals dataset file given no model: it judges at OpenAI.

    ## What it does
    In a YAML or JSON file shaped as a pydantic-evals dataset (a top-level `cases` list),
    finds the `LLMJudge` and `GEval` evaluators, of the dataset (`evaluators:`) or of a case,
    that give no `model` (or `model: null`), as `Dataset.from_file()` reads them
    (`- LLMJudge: The answer is polite`, `- LLMJudge: {rubric: ..., include_input: true}`),
    and reports once per file, at the first, unless a module of the project calls
    `set_default_judge_model(...)` and every module loading a dataset (`from_file`,
    `from_text`, `from_dict`) calls it itself or imports a module of the project that calls
    it (`from setup import configure`, `import judge_setup`): a script that does neither may
    run without it.

    ## Why
    pydantic_evals builds each such evaluator with `model=None`, and judges with its default
    judge model `openai:gpt-5.2` (pydantic-evals 2.33.0 to 2.62.0): the `openai:` prefix makes
    pydantic-ai use its `OpenAIProvider`, which reads `OPENAI_API_KEY` and `OPENAI_BASE_URL`.
    The Python that evaluates the dataset names no judge, so ML671 sees none there.

    ## Fix (manual)
    Build the model the message names (`OpenAIChatModel(...)` on the provider's base URL and
    key, with the profile where the provider rejects tool_choice "required") and pass it once
    to `set_default_judge_model(...)` before the dataset is evaluated. A `model:` in the file
    is a pydantic-ai model string, which has no room for a base URL. Silent with
    `--provider openai`.

    ## Data
    `library` (`pydantic-evals`), `default_model`, `evaluators` (how many in the file).
    """

    code = "ML672"
    name = "dataset-default-judge"
    category = "framework"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"yaml", "json"})
    examples = (
        Example(
            "cases:\n- name: greet\n  inputs: hi\nevaluators:\n- LLMJudge: The answer is polite\n",
            path="cases.yaml",
            provider="acme",
            message="LLMJudge of this pydantic-evals dataset has no model:, so it judges with "
            "pydantic_evals' default judge model 'openai:gpt-5.2' once Dataset.from_file() "
            "reads it: the openai: prefix makes pydantic-ai use its OpenAIProvider, which "
            "reads OPENAI_API_KEY and OPENAI_BASE_URL, so another model name after it still "
            "goes to OpenAI; for Acme Cloud build OpenAIChatModel(<an Acme Cloud model>, "
            'provider=OpenAIProvider(base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), api_key=os.environ["ACME_API_KEY"]), '
            "profile=OpenAIModelProfile(openai_supports_tool_choice_required=False)) and pass "
            "that model once to set_default_judge_model() before the dataset is evaluated (a "
            "model: in the file is a model string, with no room for a base URL), by hand "
            '(profile=: Acme Cloud rejects tool_choice "required", which pydantic-ai sends for '
            "a structured output)",
        ),
        Example(
            '{"cases": [{"inputs": "hi", "evaluators": [{"LLMJudge": {"rubric": "Polite", '
            '"model": "test"}}]}]}\n',
            path="cases.json",
            provider="acme",
            finds=False,
        ),
        Example(
            '{"cases": [], "evaluators": [{"GEval": {"criteria": "Short"}}]}\n',
            path="cases.json",
            message="GEval of this pydantic-evals dataset has no model:, so it judges with "
            "pydantic_evals' default judge model 'openai:gpt-5.2' once Dataset.from_file() "
            "reads it: the openai: prefix makes pydantic-ai use its OpenAIProvider, which "
            "reads OPENAI_API_KEY and OPENAI_BASE_URL, so another model name after it still "
            'goes to OpenAI; for another provider build OpenAIChatModel("<its model>", '
            'provider=OpenAIProvider(base_url=os.environ.get("<its base URL variable>", '
            '"<its URL>"), api_key=os.environ["<its key variable>"])) and pass that model '
            "once to set_default_judge_model() before the dataset is evaluated (a model: in "
            "the file is a model string, with no room for a base URL), by hand (`migrate-llm "
            "scan --provider ID` names them)",
        ),
        Example(
            "cases:\n- inputs: hi\nevaluators:\n- LLMJudge: Polite\n",
            path="cases.yaml",
            provider="openai",
            finds=False,
        ),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        if self.ctx.provider is not None and not self.ctx.switching:
            return  # `--provider openai`: the default is the right endpoint then
        facts = self.ctx.facts
        if facts.judge_model_set and not facts.dataset_loaded_unjudged:
            return  # every module loading a dataset sets the default judge model
        files = EVALS_DATASETS
        if not any(e.path == (files.cases,) for e in doc.entries):
            return
        judges = _defaulted_judges(doc)
        if not judges:
            return
        first = judges[0]
        assert first.key_span is not None
        library = PYDANTIC_EVALS
        prefix, model = split_prefix(EVALS_DEFAULTS.default, library)
        provider = self.ctx.provider
        mapped = self.ctx.map_model(model) if provider is not None else None
        where = (
            "once to set_default_judge_model() before the dataset is evaluated (a "
            f"{files.model_keyword}: in the file is a model string, with no room for a base URL)"
        )
        advice = build_advice(library, provider, self.ctx.base_url, mapped, where)
        more = len(judges) - 1
        also = f" (and {more} more evaluator{'s' if more > 1 else ''} in this file)" if more else ""
        message = (
            f"{first.key} of this pydantic-evals dataset has no {files.model_keyword}:{also}, so "
            f"it judges with pydantic_evals' default judge model {EVALS_DEFAULTS.default!r} once "
            f"{files.loaders} reads it: {why_openai(library, prefix)}; {advice}"
        )
        data = {
            "library": "pydantic-evals",
            "default_model": EVALS_DEFAULTS.default,
            "evaluators": len(judges),
        }
        yield self.finding_at(doc, first.key_span, message, data=data)


def _defaulted_judges(doc: ConfigDocument) -> list[Entry]:
    """The judge evaluators of the dataset and of its cases that give no model, in order."""
    files = EVALS_DATASETS
    judges: list[Entry] = []
    given: set[tuple[str, ...]] = set()  # judges given a model
    for entry in doc.entries:
        path = entry.path
        if path[-1:] == (files.model_keyword,) and entry.value and _judge_path(path[:-1]):
            given.add(path[:-1])
        elif entry.key_span is not None and _judge_path(path):
            judges.append(entry)
    return [j for j in judges if j.path not in given]


def _judge_path(path: tuple[str, ...]) -> bool:
    """Whether `path` is that of a judge in an evaluator list: `evaluators/<i>/LLMJudge`, or
    `cases/<i>/evaluators/<j>/LLMJudge`."""
    files = EVALS_DATASETS
    if len(path) == 3:
        list_path = path[:1] == (files.evaluators,)
    elif len(path) == 5:
        list_path = path[0] == files.cases and path[1].isdigit() and path[2] == files.evaluators
    else:
        return False
    return list_path and path[-2].isdigit() and path[-1] in files.judges
