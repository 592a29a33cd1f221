"""GraphRAG's settings once migrated (t61a): the width of its vector indexes beside the
embedding model apply maps (ML511, D2) and the model entries GraphRAG asks for json_schema
from inside the library (ML503, D1), with qwen's `structured_models`."""

from __future__ import annotations

import json

import pytest
import tomllib

from migrate_llm.errors import ProviderError
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry, builtin_providers_dir, parse_provider

from .cli_findings import cli as invoke
from .test_config_edits import migrate

QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"

# `graphrag init` 3.1.2's model entries and vector store, in words of our own
INIT = (
    "completion_models:\n"
    "  default_completion_model:\n"
    "    model_provider: openai\n"
    "    model: {chat}\n"
    "    api_key: ${{GRAPHRAG_API_KEY}}\n"
    "\n"
    "embedding_models:\n"
    "  default_embedding_model:\n"
    "    model_provider: openai\n"
    "    model: text-embedding-3-large\n"
    "    api_key: ${{GRAPHRAG_API_KEY}}\n"
    "\n"
    "vector_store:\n"
    "{store}"
    "  type: lancedb\n"
    "  db_uri: output/lancedb\n"
    "\n"
    "embed_text:\n"
    "  batch_size: 10\n"
    "  embedding_model_id: default_embedding_model\n"
)
APPLIED = (
    "completion_models:\n"
    "  default_completion_model:\n"
    "    model_provider: openai\n"
    "    model: {chat}\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${{DASHSCOPE_API_KEY}}\n"
    "\n"
    "embedding_models:\n"
    "  default_embedding_model:\n"
    "    model_provider: openai\n"
    "    model: text-embedding-v4\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${{DASHSCOPE_API_KEY}}\n"
    "\n"
    "vector_store:\n"
    "{store}"
    "  type: lancedb\n"
    "  db_uri: output/lancedb\n"
    "\n"
    "embed_text:\n"
    "  batch_size: 10\n"
    "  embedding_model_id: default_embedding_model\n"
)
REBUILT = (
    "`graphrag.api.build_index` and the query API use this setting as it is (only the "
    "`graphrag index` command measures the model), and an index built with OpenAI's "
    "embeddings must be rebuilt (`graphrag index`)"
)
STRUCTURED = (
    "GraphRAG asks completion_models.default_completion_model for structured outputs "
    "(response_format json_schema) in community reports, on every `graphrag index` "
    "(community_reports) and drift search's primer (`graphrag query --method drift`) "
    "(drift_search): {model} does not take it ({name}'s file names the models that do: "
    "qwen4-max, qwen3.8-max), so that step fails (HTTP 400); set these sections' "
    "completion_model_id to an entry whose model takes json_schema, by hand"
)


def test_apply_writes_the_width_graphrag_sizes_its_indexes_for(
    tmp_path, monkeypatch, registry: Registry
) -> None:
    # t61a mig3: init project + build_index failed on "vector_size 3072" after apply
    monkeypatch.chdir(tmp_path)
    (tmp_path / "settings.yaml").write_text(INIT.format(chat="gpt-4.1", store=""))
    found = migrate(registry, "settings.yaml", INIT.format(chat="gpt-4.1", store=""), "qwen")[1]
    sized = [f for f in found if f.rule == "ML511"]
    assert [(f.line, f.severity, f.fix, f.message) for f in sized] == [
        (
            13,
            Severity.WARNING,
            FixClass.REVIEW,
            "GraphRAG's vector_store.vector_size (3072, its default) sizes its vector indexes "
            "for text-embedding-3-large's vectors; apply maps text-embedding-3-large to "
            "text-embedding-v4, which returns vectors 1024 wide: apply writes vector_size: "
            f"1024; {REBUILT}",
        )
    ]
    assert dict(sized[0].data) == {
        "setting": "vector_store.vector_size",
        "size": 3072,
        "model": "text-embedding-v4",
        "model_from": "text-embedding-3-large",
        "dimensions_to": 1024,
    }
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 1
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    after = APPLIED.format(chat="qwen4-max", store="  vector_size: 1024\n")
    assert (tmp_path / "settings.yaml").read_text() == after
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert (result.exit_code, result.stdout) == (0, "0 findings for qwen in 0 of 1 file\n")
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    assert (tmp_path / "settings.yaml").read_text() == after


@pytest.mark.parametrize(
    ("store", "after"),
    [
        pytest.param("  vector_size: 3072\n", "  vector_size: 1024\n", id="written-3072"),
        pytest.param(
            "  vector_size: 1024\n  index_schema:\n    entity_description:\n"
            "      vector_size: 3072\n",
            "  vector_size: 1024\n  index_schema:\n    entity_description:\n"
            "      vector_size: 1024\n",
            id="an-index-of-its-own",
        ),
    ],
)
def test_a_written_openai_width_is_rewritten(registry: Registry, store: str, after: str) -> None:
    text = INIT.format(chat="gpt-4.1", store=store)
    new, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert new.split("vector_store:\n", 1)[1].startswith(after + "  type: lancedb\n")
    assert [f.fix for f in found if f.rule == "ML511"] == [FixClass.REVIEW]
    assert [f for f in migrate(registry, "settings.yaml", new, provider="qwen")[1]] == []


def test_a_project_migrated_by_hand_stays_red_until_its_width_fits(tmp_path, monkeypatch):
    # t61a B1: the model switched by hand, the width left at GraphRAG's default
    monkeypatch.chdir(tmp_path)
    text = APPLIED.format(chat="qwen4-max", store="")
    (tmp_path / "settings.yaml").write_text(text)
    result = invoke("check", "--provider", "qwen", "-j", "1")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "settings.yaml:15:1 ML511 GraphRAG's vector_store.vector_size (3072, its default) does "
        "not fit the vectors of text-embedding-v4"
    )
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    after = APPLIED.format(chat="qwen4-max", store="  vector_size: 1024\n")
    assert (tmp_path / "settings.yaml").read_text() == after
    assert invoke("check", "--provider", "qwen", "-j", "1").exit_code == 0


def test_another_width_is_left_to_a_person(registry: Registry) -> None:
    text = APPLIED.format(chat="qwen4-max", store="  vector_size: 1536\n")
    new, found = migrate(registry, "settings.yaml", text, provider="qwen")
    assert new == text
    assert [(f.rule, f.line, f.severity, f.fix, f.message) for f in found] == [
        (
            "ML511",
            16,
            Severity.ERROR,
            FixClass.MANUAL,
            "GraphRAG's vector_store.vector_size (1536) does not fit the vectors of "
            f"text-embedding-v4, which returns them 1024 wide: set 1024, by hand; {REBUILT}",
        )
    ]


def test_no_vector_store_gets_one_at_the_end(registry: Registry) -> None:
    text = INIT.format(chat="gpt-4.1", store="").replace(
        "vector_store:\n  type: lancedb\n  db_uri: output/lancedb\n\n", ""
    )
    new, _ = migrate(registry, "settings.yaml", text, provider="qwen")
    assert new.endswith(
        "  embedding_model_id: default_embedding_model\n\nvector_store:\n  vector_size: 1024\n"
    )


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        pytest.param(INIT.format(chat="gpt-4.1", store=""), "openai", id="not-switching"),
        pytest.param(
            APPLIED.format(chat="qwen4-max", store="").replace(
                QWEN_URL, "http://localhost:11434/v1"
            ),
            "qwen",
            id="a-local-server",
        ),
    ],
)
def test_widths_left_alone(registry: Registry, text: str, provider: str) -> None:
    found = migrate(registry, "settings.yaml", text, provider=provider)[1]
    assert [f for f in found if f.rule == "ML511"] == []


def test_a_model_without_json_schema_in_graphrags_structured_entry(tmp_path, monkeypatch):
    # t61a proj3: gpt-4o-mini maps to qwen-plus; create_community_reports got a 400
    monkeypatch.chdir(tmp_path)
    text = INIT.format(chat="gpt-4o-mini", store="  vector_size: 3072\n")
    (tmp_path / "settings.yaml").write_text(text)
    assert invoke("apply", "--provider", "qwen", "--yes", "-j", "1").exit_code == 0
    after = APPLIED.format(chat="qwen-plus", store="  vector_size: 1024\n")
    assert (tmp_path / "settings.yaml").read_text() == after
    result = invoke("check", "--provider", "qwen", "-j", "1", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (4, "ML503", "error", "manual", STRUCTURED.format(model="qwen-plus", name=QWEN))
    ]
    assert found[0]["data"] == {
        "model": "qwen-plus",
        "sections": ["community_reports", "drift_search"],
    }


def test_the_mapped_model_is_named_before_apply(registry: Registry) -> None:
    text = INIT.format(chat="gpt-4o-mini", store="  vector_size: 3072\n")
    found = migrate(registry, "settings.yaml", text, provider="qwen")[1]
    asked = [f for f in found if f.rule == "ML503" and f.fix is FixClass.MANUAL]
    assert [f.message for f in asked] == [
        STRUCTURED.format(model="qwen-plus, to which apply maps gpt-4o-mini,", name=QWEN)
    ]
    assert asked[0].data["model_from"] == "gpt-4o-mini"


# graphrag 2.7.2's layout, migrated by hand (t61a mig4): `models:`, `type: chat` (litellm)
V2 = (
    "models:\n"
    "  default_chat_model:\n"
    "    type: {kind}\n"
    "    model_provider: openai\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${{DASHSCOPE_API_KEY}}\n"
    "    model: {model}\n"
    "\n"
    "community_reports:\n"
    "  model_id: default_chat_model\n"
)


@pytest.mark.parametrize(
    ("kind", "model", "finds"),
    [
        pytest.param("chat", "qwen-plus", True, id="litellm-qwen-plus"),
        pytest.param("chat", "qwen4-max", False, id="litellm-qwen4-max"),
        pytest.param("openai_chat", "qwen-plus", False, id="fnllm-not-read"),
    ],
)
def test_graphrag_2_community_reports(registry: Registry, kind: str, model: str, finds: bool):
    text = V2.format(kind=kind, model=model)
    found = [
        f for f in migrate(registry, "settings.yaml", text, provider="qwen")[1] if f.rule == "ML503"
    ]
    expected = (
        "GraphRAG asks models.default_chat_model for structured outputs (response_format "
        "json_schema) in community reports, on every `graphrag index` (community_reports): "
        f"qwen-plus does not take it ({QWEN}'s file names the models that do: qwen4-max, "
        "qwen3.8-max), so that step fails (HTTP 400); set these sections' model_id to an entry "
        "whose model takes json_schema, by hand"
    )
    assert [(f.line, f.message) for f in found] == ([(7, expected)] if finds else [])


def test_structured_models_needs_partial_support() -> None:
    path = builtin_providers_dir() / "qwen.toml"
    text = path.read_text().replace('structured_outputs = "partial"', "structured_outputs = true")
    with pytest.raises(ProviderError, match=r"params\.structured_models"):
        parse_provider(tomllib.loads(text), "qwen.toml")


def test_qwen_names_the_models_taking_json_schema(registry: Registry) -> None:
    qwen = registry.get("qwen")
    assert [qwen.takes_structured(m) for m in ("qwen4-max", "qwen3.8-max", "qwen-plus")] == [
        True,
        True,
        False,
    ]
    assert registry.get("qwen").source_of("params", "structured_models")


# graphrag 2.7.2's embedding entry, migrated by hand (t61a D3: 12 inputs in one request)
V2_EMBEDDING = (
    "models:\n"
    "  default_embedding_model:\n"
    "    type: embedding\n"
    "    model_provider: openai\n"
    f"    api_base: {QWEN_URL}\n"
    "    api_key: ${DASHSCOPE_API_KEY}\n"
    "    model: text-embedding-v4\n"
    "\n"
    "vector_store:\n"
    "  default_vector_store:\n"
    "    type: lancedb\n"
    "\n"
    "embed_text:\n"
    "  model_id: default_embedding_model\n"
    "  vector_store_id: default_vector_store\n"
)


def test_graphrag_2_embedding_batch(registry: Registry) -> None:
    new, found = migrate(registry, "settings.yaml", V2_EMBEDDING, provider="qwen")
    assert [(f.rule, f.line, f.fix, f.message) for f in found] == [
        (
            "ML502",
            13,
            FixClass.REVIEW,
            "embed_text.batch_size is not set: GraphRAG sends 16 texts a request to "
            f"default_embedding_model, and {QWEN} embeds at most 10 inputs per request (more "
            "fail with 400); apply writes `batch_size: 10` under embed_text:",
        )
    ]
    assert new == V2_EMBEDDING.replace("embed_text:\n", "embed_text:\n  batch_size: 10\n")
    assert migrate(registry, "settings.yaml", new, provider="qwen")[1] == []
