"""litellm calls checked as the SDK's are (t59e, babyagi 2 on Qwen): a `response_format` asking
for a JSON schema gets ML101's verdict on structured outputs (D1), and `litellm.embedding()`
gets `dimensions=` where the SDK's `embeddings.create` does (ML114, D3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here

QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN_DOCS = (
    "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope"
)
QWEN_DOUBT = (
    "providers/qwen.toml: json_schema documented for qwen4-max; third-party list for "
    "qwen3.8-max / qwen3.7; older models json_object only"
)

PACK = """from litellm import completion
from pydantic import BaseModel


class Decision(BaseModel):
    name: str


def decide(q):
    return completion(
        model="gpt-4o-mini", messages=[{"role": "user", "content": q}], response_format=Decision
    )
"""
PACK_APPLIED = f"""import os

from litellm import completion
from pydantic import BaseModel


class Decision(BaseModel):
    name: str


def decide(q):
    return completion(
        model="dashscope/qwen-plus",
        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",
        api_base=os.environ.get(
            "DASHSCOPE_BASE_URL", "{QWEN_URL}"
        ),
        messages=[{{"role": "user", "content": q}}],
        response_format=Decision,
    )
"""


def _applied_twice(root: Path, provider: str) -> str:
    """Apply for `provider` twice; the text after the first run (the second changes nothing)."""
    first = cli("apply", ".", "--provider", provider, "--yes")
    assert first.exit_code == 0, first.output
    text = (root / "app.py").read_text(encoding="utf-8")
    second = cli("apply", ".", "--provider", provider, "--yes")
    assert second.exit_code == 0, second.output
    assert (root / "app.py").read_text(encoding="utf-8") == text
    return text


def test_a_pydantic_response_format_keeps_check_failing_after_apply(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": PACK})
    assert _applied_twice(tmp_path, "qwen") == PACK_APPLIED
    code, report = run_json("check", ".", "--provider", "qwen")
    assert code == 1
    assert finding_rows(report, "line", "rule", "severity", "fix", "message", "data") == [
        (
            12,
            "ML101",
            "warning",
            "manual",
            "completion() through litellm; Alibaba Qwen (DashScope / Model Studio)'s "
            f"structured_outputs support is partial ({QWEN_DOUBT}); test this call (see "
            f"{QWEN_DOCS})",
            {
                "surface": "structured_outputs",
                "call": "litellm.completion",
                "unconfirmed": QWEN_DOUBT,
            },
        )
    ]


ROUTED = """import litellm

FORM = {"type": "json_schema", "json_schema": {"name": "A", "schema": {}}}
router = litellm.Router(
    model_list=[{"model_name": "fast", "litellm_params": {"model": "gpt-4o-mini"}}]
)


def direct(q):
    return litellm.completion(model="gpt-4o-mini", messages=q, response_format=FORM)


async def routed(q):
    return await router.acompletion(model="fast", messages=q, response_format=FORM)
"""
GLM_REFUSES = (
    "it asks for structured outputs (response_format json_schema); Zhipu AI (GLM) does not "
    "accept that type (accepted response_format types: text, json_object), whatever the "
    "schema's strictness, so this call fails on every run: ask for JSON mode instead (type "
    "json_object), describe the fields in the prompt and validate the reply yourself, by hand "
    "(see https://docs.bigmodel.cn/cn/guide/develop/openai/introduction)"
)


def test_a_json_schema_dict_to_a_provider_refusing_it_is_an_error(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": ROUTED})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    rows = finding_rows(report, "line", "severity", "fix", "message", "data", rules={"ML101"})
    assert rows == [
        (
            10,
            "error",
            "manual",
            f"litellm.completion() through litellm; {GLM_REFUSES}",
            {"surface": "structured_outputs", "call": "litellm.completion"},
        ),
        (
            14,
            "error",
            "manual",
            f"router.acompletion() through litellm; {GLM_REFUSES}",
            {"surface": "structured_outputs", "call": "litellm.Router.acompletion"},
        ),
    ]


@pytest.mark.parametrize(
    "call",
    [
        'litellm.completion(model="gpt-4o-mini", messages=q, response_format=form)',
        'litellm.completion(model="gpt-4o-mini", messages=q, response_format={"type": '
        '"json_object"})',
        'litellm.completion(model="ollama/llama3", messages=q, response_format=Answer)',
    ],
)
def test_formats_not_shown_as_schemas_or_other_routes_are_not_reported(tmp_path, monkeypatch, call):
    text = (
        "import litellm\nfrom pydantic import BaseModel\n\n\nclass Answer(BaseModel):\n"
        f"    text: str\n\n\ndef ask(q, form):\n    return {call}\n"
    )
    write_here(tmp_path, monkeypatch, {"app.py": text})
    code, report = run_json("scan", ".", "--provider", "zhipu")
    assert code == 0
    assert finding_rows(report, "line", rules={"ML101"}) == []


EMBED = """from litellm import embedding
from openai import OpenAI


def via_litellm(text):
    return embedding(model="text-embedding-ada-002", input=[text])["data"][0]["embedding"]


def via_sdk(text):
    return OpenAI().embeddings.create(model="text-embedding-ada-002", input=[text])
"""
EMBED_APPLIED = f"""import os

from litellm import embedding
from openai import OpenAI


def via_litellm(text):
    return embedding(
        dimensions=1536,
        allowed_openai_params=["dimensions"],
        model="openai/text-embedding-v4",
        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",
        api_base=os.environ.get(
            "DASHSCOPE_BASE_URL", "{QWEN_URL}"
        ),
        input=[text],
    )["data"][0]["embedding"]


def via_sdk(text):
    return OpenAI(
        api_key=os.environ["DASHSCOPE_API_KEY"],
        base_url=os.environ.get(
            "DASHSCOPE_BASE_URL", "{QWEN_URL}"
        ),
    ).embeddings.create(dimensions=1536, model="text-embedding-v4", input=[text])
"""
KEPT = (
    "vectors from text-embedding-v4 (1024 dimensions by default) are not comparable with "
    "stored OpenAI vectors: re-embed what you store; apply passes dimensions=1536{}, the size "
    "of text-embedding-ada-002's vectors, so what holds them takes the new ones"
)
LISTED = (
    ' (with allowed_openai_params=["dimensions"], without which litellm refuses it for this model)'
)


def test_litellm_embeddings_keep_their_size_as_the_sdks_do(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": EMBED})
    code, report = run_json("scan", ".", "--provider", "qwen")
    assert code == 0
    assert finding_rows(report, "line", "severity", "fix", "message", rules={"ML114"}) == [
        (6, "note", "review", KEPT.format(LISTED)),
        (10, "note", "review", KEPT.format("")),
    ]
    assert _applied_twice(tmp_path, "qwen") == EMBED_APPLIED
    code, report = run_json("check", ".", "--provider", "qwen")
    assert (code, report["findings"]) == (0, [])
