"""deepeval's metrics and deepeval-haystack's evaluator given a model name or none (ML670,
`frameworks.libraries.JUDGED`). Each text runs the whole pipeline (prefilter, every Python
rule)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

READS = "which reads OPENAI_API_KEY and OPENAI_BASE_URL"
NAMED = f"a model name: deepeval builds its OpenAI model with it, {READS}"
DEFAULT = f"deepeval builds its default OpenAI model (gpt-4o or gpt-5.4, by release), {READS}"
ALONE = "a model name alone does not move deepeval"
QWEN_AT = (
    'base_url=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1"), '
    'api_key=os.environ["DASHSCOPE_API_KEY"]'
)
QWEN = "Alibaba Qwen (DashScope / Model Studio)"
IMPORTED = (
    "from deepeval.models import LocalModel; where LocalModel() takes no arguments (deepeval "
    "3.0 and older) a DeepEvalBaseLLM subclass of one's own"
)
HEAD = (
    "import os\n\nfrom deepeval.metrics import AnswerRelevancyMetric, ExactMatchMetric, GEval\n\n"
)


def findings(registry, text: str, provider: str | None = "qwen"):
    return file_findings(registry, text, provider)


def metric_advice(model: str) -> str:
    return f'for {QWEN} pass model=LocalModel(model="{model}", {QWEN_AT}) ({IMPORTED}), by hand'


def test_a_metric_given_an_openai_model_name_is_ml670s_alone(registry):
    text = HEAD + 'metric = AnswerRelevancyMetric(threshold=0.7, model="gpt-4o-mini")\n'
    assert findings(registry, text) == [
        (
            "ML670",
            5,
            10,
            f"AnswerRelevancyMetric() is given model='gpt-4o-mini', {NAMED}; {ALONE}; "
            + metric_advice("qwen-plus"),
        )
    ]


def test_the_providers_model_name_still_goes_to_openai(registry):
    # the trial's advice followed: a qwen model there, and deepeval still at OpenAI
    text = HEAD + 'judge = GEval(name="tone", criteria="polite", model="qwen-plus")\n'
    assert findings(registry, text) == [
        (
            "ML670",
            5,
            9,
            f"GEval() is given model='qwen-plus', {NAMED}; {ALONE}; " + metric_advice("qwen-plus"),
        )
    ]


@pytest.mark.parametrize(
    ("call", "given"),
    [
        ("AnswerRelevancyMetric()", f"no model=: {DEFAULT}"),
        ("AnswerRelevancyMetric(0.5, None)", f"no model=: {DEFAULT}"),
        ('AnswerRelevancyMetric(0.5, "gpt-4o")', f"model='gpt-4o', {NAMED}"),
        ('AnswerRelevancyMetric(model=os.getenv("JUDGE"))', f'model=os.getenv("JUDGE"), {NAMED}'),
    ],
)
def test_no_model_none_a_positional_name_or_one_read_from_the_environment(registry, call, given):
    found = findings(registry, HEAD + f"metric = {call}\n")
    assert found is not None and [f[:3] for f in found] == [("ML670", 5, 10)]
    assert found[0][3].startswith(f"AnswerRelevancyMetric() is given {given}; {ALONE}; ")


def test_a_constant_is_followed_and_still_mapped_as_a_setting(registry):
    # ML204 maps a module's constant wherever it goes; ML670 stays red after the mapping
    text = HEAD + 'JUDGE = "gpt-4o"\nmetric = AnswerRelevancyMetric(model=JUDGE)\n'
    found = findings(registry, text)
    assert found is not None and [f[:3] for f in found] == [("ML204", 5, 9), ("ML670", 6, 10)]
    assert found[1][3].startswith(f"AnswerRelevancyMetric() is given model='gpt-4o', {NAMED}")


@pytest.mark.parametrize(
    "text",
    [
        # a model object of deepeval's kind, or one the module does not show
        HEAD + "from deepeval.models import LocalModel\n\n"
        'metric = AnswerRelevancyMetric(model=LocalModel(model="qwen-plus", base_url=url))\n',
        HEAD + "def make(judge):\n    return AnswerRelevancyMetric(model=judge)\n",
        HEAD + "metric = AnswerRelevancyMetric(**settings)\n",
        # a metric that judges without a model
        HEAD + "metric = ExactMatchMetric()\n",
        # a project's own class of the same name
        "from deepeval.test_case import LLMTestCase\n\n\nclass GEval:\n    pass\n\n\nGEval()\n",
    ],
)
def test_model_objects_and_metrics_without_a_model_are_left(registry, text):
    assert findings(registry, text) == []


EVALUATOR = (
    "from haystack_integrations.components.evaluators.deepeval import DeepEvalEvaluator, "
    "DeepEvalMetric\n\n"
)


def test_the_haystack_evaluator_given_a_name_or_no_model(registry):
    text = EVALUATOR + (
        "named = DeepEvalEvaluator(\n"
        '    metric=DeepEvalMetric.FAITHFULNESS, metric_params={"model": "gpt-4o-mini"}\n)\n'
        'PARAMS = {"threshold": 0.5}\n'
        "unnamed = DeepEvalEvaluator(DeepEvalMetric.FAITHFULNESS, PARAMS)\n"
    )
    evaluator_advice = (
        f'for {QWEN} pass metric_params={{"model": LocalModel(model="MODEL", {QWEN_AT})}} '
        f"({IMPORTED}; the evaluator's to_dict() then fails), or set deepeval's local model "
        "(`deepeval set-local-model`: the model, base URL and key), by hand"
    )
    assert findings(registry, text) == [
        (
            "ML670",
            3,
            9,
            f"DeepEvalEvaluator() is given metric_params[\"model\"]='gpt-4o-mini', {NAMED}; "
            f"{ALONE}; " + evaluator_advice.replace("MODEL", "qwen-plus"),
        ),
        (
            "ML670",
            7,
            11,
            f'DeepEvalEvaluator() is given no metric_params["model"]: {DEFAULT}; {ALONE}; '
            + evaluator_advice.replace("MODEL", "qwen4-max"),
        ),
    ]


@pytest.mark.parametrize(
    "params",
    [
        'metric_params={"model": LocalModel(model="qwen-plus", base_url=url, api_key=key)}',
        "metric_params=params",
        'metric_params={**shared, "threshold": 0.5}',
    ],
)
def test_the_evaluator_given_a_model_object_or_settings_not_shown_is_left(registry, params):
    text = EVALUATOR + (
        "from deepeval.models import LocalModel\n\n\ndef make(params, shared, url, key):\n"
        f'    return DeepEvalEvaluator("faithfulness", {params})\n'
    )
    assert findings(registry, text) == []


def test_no_provider_gives_a_neutral_message_and_openai_none(registry):
    text = HEAD + "metric = AnswerRelevancyMetric()\n"
    assert findings(registry, text, None) == [
        (
            "ML670",
            5,
            10,
            f"AnswerRelevancyMetric() is given no model=: {DEFAULT}; {ALONE}; for another "
            "provider pass model=LocalModel(model=..., base_url=..., api_key=...) reading its "
            f"base URL and key variables ({IMPORTED}), by hand (`migrate-llm scan --provider "
            "ID` names them)",
        )
    ]
    assert findings(registry, text, "openai") == []


@pytest.mark.parametrize(
    "text",
    [
        "from deepeval.metrics import FaithfulnessMetric\n\nFaithfulnessMetric()\n",
        "from haystack_integrations.components.evaluators.deepeval import DeepEvalEvaluator\n\n"
        'DeepEvalEvaluator("faithfulness", {"model": "gpt-4o"})\n',
    ],
)
def test_a_module_importing_only_deepeval_passes_the_prefilter(registry, text):
    found = findings(registry, text)
    assert [(rule, line, column) for rule, line, column, _ in found or []] == [("ML670", 3, 1)]


def test_the_trials_evaluator_keeps_check_red_and_apply_leaves_it(tmp_path, monkeypatch):
    source = EVALUATOR + (
        "evaluator = DeepEvalEvaluator(\n"
        '    metric=DeepEvalMetric.FAITHFULNESS, metric_params={"model": "qwen-plus"}\n)\n'
    )
    (tmp_path / "ev.py").write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"], f["fix"], f["data"]) for f in found] == [
        (
            "ML670",
            3,
            13,
            "manual",
            {
                "library": "deepeval",
                "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
                "model": "qwen-plus",
            },
        )
    ]
    CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"])
    assert (tmp_path / "ev.py").read_text(encoding="utf-8") == source
