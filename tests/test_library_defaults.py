"""ragas' calls that build OpenAI models for what they are not given (ML670,
`frameworks.libraries.DEFAULTING`). Each text runs the whole pipeline (prefilter, every
Python rule)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

READS = "which read OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_API_BASE"
BOTH = (
    "is given no llm= nor embeddings=: ragas builds an LLM (gpt-4o-mini) and embeddings "
    "(text-embedding-ada-002 or text-embedding-3-small, by release) at OpenAI for the metrics "
    f"that need them, {READS}"
)
LLM_ONLY = (
    "is given no llm=: ragas builds an LLM (gpt-4o-mini) at OpenAI for the metrics that need "
    f"them, {READS}"
)
EMBEDDINGS_ONLY = (
    "is given no embeddings=: ragas builds embeddings (text-embedding-ada-002 or "
    f"text-embedding-3-small, by release) at OpenAI for the metrics that need them, {READS}"
)
QWEN_AT = (
    'base_url=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1"), '
    'api_key=os.environ["DASHSCOPE_API_KEY"]'
)
QWEN_LLM = f'ChatOpenAI(model="qwen-plus", {QWEN_AT})'
QWEN_EMBEDDINGS = (
    f'OpenAIEmbeddings(model="text-embedding-v4", {QWEN_AT}, '
    "check_embedding_ctx_length=False, chunk_size=10)"
)
KIMI_LLM = (
    'ChatOpenAI(model="kimi-k2.6", base_url=os.environ.get("MOONSHOT_BASE_URL", '
    '"https://api.moonshot.cn/v1"), api_key=os.environ["MOONSHOT_API_KEY"])'
)
KIMI_NO_EMBEDDINGS = (
    "embeddings= of a provider that serves them (Moonshot AI (Kimi) has no embeddings API; "
    "not OpenAI's)"
)
HEAD = (
    "from ragas import evaluate\n"
    "from ragas.metrics import (\n"
    "    BleuScore,\n"
    "    Faithfulness,\n"
    "    answer_relevancy,\n"
    "    context_recall,\n"
    "    faithfulness,\n"
    ")\n"
    "\n"
)


def scanned(registry, text: str, provider: str | None = "qwen"):
    """(line, column, message) of every ML670 finding on `text` as app.py; None when the
    prefilter rules the file out."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", text)
    if found is None:
        return None
    return [(f.line, f.column, f.message) for f in found if f.rule == "ML670"]


def test_evaluate_without_models_names_the_providers_models_and_batch_limit(registry):
    text = HEAD + "result = evaluate(dataset, metrics=[faithfulness, answer_relevancy])\n"
    assert scanned(registry, text) == [
        (
            10,
            10,
            f"evaluate() {BOTH}; for Alibaba Qwen (DashScope / Model Studio) pass "
            f"llm={QWEN_LLM} and embeddings={QWEN_EMBEDDINGS} (from langchain_openai import "
            "ChatOpenAI, OpenAIEmbeddings), by hand",
        )
    ]


def test_a_provider_without_embeddings_is_told_to_embed_elsewhere(registry):
    text = HEAD + "result = evaluate(dataset)\nlater = evaluate(dataset, llm=chat)\n"
    assert scanned(registry, text, "moonshot") == [
        (
            10,
            10,
            f"evaluate() {BOTH}; for Moonshot AI (Kimi) pass llm={KIMI_LLM} and "
            f"{KIMI_NO_EMBEDDINGS} (from langchain_openai import ChatOpenAI), by hand",
        ),
        (
            11,
            9,
            f"evaluate() {EMBEDDINGS_ONLY}; for Moonshot AI (Kimi) pass {KIMI_NO_EMBEDDINGS}, "
            "by hand",
        ),
    ]


@pytest.mark.parametrize(
    ("call", "said"),
    [
        # faithfulness and context_recall need no embeddings
        ("evaluate(data, [faithfulness, context_recall])", LLM_ONLY),
        ("evaluate(data, [faithfulness, context_recall], None)", LLM_ONLY),
        # an embedding metric given an LLM still needs embeddings
        ("evaluate(data, metrics=(answer_relevancy,), llm=chat)", EMBEDDINGS_ONLY),
        # a metric not ragas', metrics not shown, none at all: both
        ("evaluate(data, [faithfulness, MyMetric()], llm=None)", BOTH),
        ("evaluate(data, metrics=pick())", BOTH),
        ("evaluate(data, [faithfulness, *extra], llm=chat)", EMBEDDINGS_ONLY),
        ("evaluate(data)", BOTH),
    ],
)
def test_the_metrics_decide_what_is_asked_for(registry, call, said):
    found = scanned(registry, HEAD + f"result = {call}\n")
    assert found is not None and len(found) == 1
    assert found[0][2].startswith(f"evaluate() {said}; for Alibaba Qwen")


@pytest.mark.parametrize(
    "text",
    [
        # metrics that carry their LLM, or need none, and no embeddings
        HEAD + "result = evaluate(data, [Faithfulness(llm=chat), BleuScore()])\n",
        # bound once to a list of metrics needing an LLM only, given one
        HEAD + "METRICS = [faithfulness, context_recall]\n"
        "result = evaluate(data, metrics=METRICS, llm=chat)\n",
        HEAD + "result = evaluate(data, llm=chat, embeddings=vectors)\n",
        # a project's own `evaluate`
        "from ragas.metrics import faithfulness\n\n\ndef evaluate(data, metrics):\n"
        "    return data\n\n\nevaluate([], [faithfulness])\n",
    ],
)
def test_calls_given_what_their_metrics_need_are_left(registry, text):
    assert scanned(registry, text) == []


def test_aevaluate_and_the_module_path_are_calls_of_it(registry):
    text = (
        "import ragas.evaluation\nfrom ragas import aevaluate\n\n\nasync def run(data):\n"
        "    await aevaluate(data, llm=chat, embeddings=vectors)\n"
        "    return ragas.evaluation.evaluate(data, llm=chat)\n"
    )
    found = scanned(registry, text)
    assert [(line, column) for line, column, _ in found or []] == [(7, 12)]
    assert (found or [])[0][2].startswith(f"ragas.evaluation.evaluate() {EMBEDDINGS_ONLY}; ")


def test_ragas_0_1_testset_generator_and_adapt(registry):
    text = (
        "from ragas import adapt\nfrom ragas.metrics import faithfulness\n"
        "from ragas.testset import TestsetGenerator\n\n"
        "generator = TestsetGenerator.with_openai()\n"
        'adapt(metrics=[faithfulness], language="chinese")\n'
    )
    assert scanned(registry, text, "moonshot") == [
        (
            5,
            13,
            "TestsetGenerator.with_openai() builds ChatOpenAI and OpenAIEmbeddings at OpenAI "
            f"(gpt-4o-mini, gpt-4o and text-embedding-ada-002 unless given others), {READS}; "
            "for Moonshot AI (Kimi) pass TestsetGenerator.from_langchain(llm, llm, embeddings) "
            f"with llm={KIMI_LLM} and {KIMI_NO_EMBEDDINGS} (from langchain_openai import "
            "ChatOpenAI), by hand",
        ),
        (
            6,
            1,
            f"adapt() {LLM_ONLY}; for Moonshot AI (Kimi) pass llm={KIMI_LLM} (from "
            "langchain_openai import ChatOpenAI), by hand",
        ),
    ]


def test_no_provider_gives_a_neutral_message(registry):
    assert scanned(registry, HEAD + "result = evaluate(data)\n", None) == [
        (
            10,
            10,
            f"evaluate() {BOTH}; for another provider pass llm=ChatOpenAI(model=..., "
            "base_url=..., api_key=...) and embeddings=OpenAIEmbeddings(model=..., "
            "base_url=..., api_key=..., check_embedding_ctx_length=False) reading its base URL "
            "and key variables (from langchain_openai import ChatOpenAI, OpenAIEmbeddings), by "
            "hand (`migrate-llm scan --provider ID` names them)",
        )
    ]


def test_silent_when_modernising(registry):
    assert scanned(registry, HEAD + "result = evaluate(data)\n", "openai") == []


def test_a_project_whose_only_openai_use_is_ragas_fails_check(tmp_path, monkeypatch):
    (tmp_path / "score.py").write_text(
        "from ragas import evaluate\n\n\ndef score(data):\n    return evaluate(data)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"], f["fix"], f["data"]) for f in findings] == [
        (
            "ML670",
            5,
            12,
            "manual",
            {
                "library": "ragas",
                "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE"],
                "missing": ["llm", "embeddings"],
            },
        )
    ]


# ragas-haystack's RagasEvaluator: 0.1's form takes no model, 2's takes ragas' objects
KIMI_WRAPPED = f"evaluator_llm=LangchainLLMWrapper({KIMI_LLM})"
EVALUATOR_HEAD = (
    "from haystack_integrations.components.evaluators.ragas import RagasEvaluator, RagasMetric\n"
    "from ragas.metrics import ContextPrecision, Faithfulness\n\n"
)


def test_ragas_haystack_evaluator_forms(registry):
    text = EVALUATOR_HEAD + (
        "old = RagasEvaluator(metric=RagasMetric.ANSWER_RELEVANCY)\n"
        "also_old = RagasEvaluator(RagasMetric.FAITHFULNESS)\n"
        "new = RagasEvaluator(ragas_metrics=[ContextPrecision(), Faithfulness()])\n"
        "given = RagasEvaluator([Faithfulness()], evaluator_llm=chat)\n"
    )
    old = (
        "RagasEvaluator(metric=...) gives ragas no model: it builds an LLM (gpt-4o-mini) and "
        "embeddings (text-embedding-ada-002 or text-embedding-3-small, by release) at OpenAI for "
        f"the metric, {READS}; for Moonshot AI (Kimi) pass ragas-haystack 2's "
        f"RagasEvaluator(ragas_metrics=[...], ...) with {KIMI_WRAPPED} and evaluator_embedding= "
        "of a provider that serves them (Moonshot AI (Kimi) has no embeddings API; not "
        "OpenAI's) (from langchain_openai import ChatOpenAI; from ragas.llms import "
        "LangchainLLMWrapper), by hand"
    )
    assert scanned(registry, text, "moonshot") == [
        (4, 7, old),
        (5, 12, old),
        (
            6,
            7,
            "RagasEvaluator() is given no evaluator_llm=: ragas builds an LLM (gpt-4o-mini) at "
            f"OpenAI for the metrics that need them, {READS}; for Moonshot AI (Kimi) pass "
            f"{KIMI_WRAPPED} (from langchain_openai import ChatOpenAI; from ragas.llms import "
            "LangchainLLMWrapper), by hand",
        ),
    ]


def test_ragas_haystack_embeddings_are_wrapped_too(registry):
    text = EVALUATOR_HEAD + "new = RagasEvaluator(metric=RagasMetric.ANSWER_SIMILARITY)\n"
    found = scanned(registry, text)
    assert found is not None and len(found) == 1
    assert found[0][2].endswith(
        f"with evaluator_llm=LangchainLLMWrapper({QWEN_LLM}) and "
        f"evaluator_embedding=LangchainEmbeddingsWrapper({QWEN_EMBEDDINGS}) (from "
        "langchain_openai import ChatOpenAI, OpenAIEmbeddings; from ragas.llms import "
        "LangchainLLMWrapper; from ragas.embeddings import LangchainEmbeddingsWrapper), by hand"
    )


def test_a_notebook_evaluating_with_ragas_haystack_fails_check(tmp_path, monkeypatch):
    cells = [
        "from haystack import Pipeline\n"
        "from haystack_integrations.components.evaluators.ragas import RagasEvaluator, "
        "RagasMetric\n",
        "evaluator = RagasEvaluator(\n    metric=RagasMetric.FAITHFULNESS)\n",
    ]
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "source": cell,
                "execution_count": None,
            }
            for cell in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "eval.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["cell"], f["line"], f["column"]) for f in findings] == [
        ("ML670", 2, 1, 13)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "from ragas import evaluate\n\nevaluate(data)\n",
        "from haystack_integrations.components.evaluators.ragas import RagasEvaluator\n\n"
        'RagasEvaluator("faithfulness")\n',
    ],
)
def test_a_module_importing_only_ragas_passes_the_prefilter(registry, text):
    found = scanned(registry, text)
    assert [(line, column) for line, column, _ in found or []] == [(3, 1)]
