"""ML511: a vector width in a config file beside the embedding model it sizes (t53a D1).

LightRAG's env.example sets `EMBEDDING_DIM=3072` beside `EMBEDDING_MODEL=text-embedding-3-large`.
apply mapped the model to text-embedding-v4 (1024 wide) and left the width: `check` was green
and the server failed every insert ("total elements (1024) cannot be evenly divided by expected
dimension (3072)"). Now apply writes the mapped model's stated width, and where it cannot tell,
an error keeps `check` red."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

LIGHTRAG = """\
EMBEDDING_BINDING=openai
EMBEDDING_MODEL=text-embedding-3-large
EMBEDDING_DIM=3072
EMBEDDING_SEND_DIM=false
EMBEDDING_BINDING_HOST=https://api.openai.com/v1
"""
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"


def ml511(path: str, text: str, ctx: RuleContext) -> list[tuple[int, str, str, str, dict]]:
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.data)
        for f in check_config(path, text, ctx)
        if f.rule == "ML511"
    ]


def test_lightrags_env_example_gets_the_mapped_width_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "env.example").write_text(LIGHTRAG)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    found = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML511"]
    assert [(f["line"], f["column"], f["severity"], f["fix"]) for f in found] == [
        (3, 15, "warning", "review")
    ]
    assert found[0]["message"] == (
        "EMBEDDING_DIM=3072 is the width of text-embedding-3-large's vectors; apply maps "
        "text-embedding-3-large (line 2) to text-embedding-v4, which returns vectors 1024 wide "
        "(3072 -> 1024): apply makes it 1024; rebuild the stored vectors"
    )
    assert found[0]["data"] == {
        "setting": "EMBEDDING_DIM",
        "size": 3072,
        "model": "text-embedding-v4",
        "dimensions_to": 1024,
        "model_from": "text-embedding-3-large",
    }
    applied = runner.invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "env.example").read_text() == (
        "EMBEDDING_BINDING=openai\n"
        "EMBEDDING_MODEL=text-embedding-v4\n"
        "EMBEDDING_DIM=1024\n"
        "EMBEDDING_SEND_DIM=false\n"
        f"EMBEDDING_BINDING_HOST={QWEN_URL}\n"
    )
    check = runner.invoke(app, ["check", ".", "-p", "qwen"])
    assert check.exit_code == 0, check.output


def test_a_width_left_beside_the_providers_model_keeps_check_red(tmp_path, monkeypatch):
    """The file as the trial's apply left it: 3072 is no size text-embedding-v4 serves."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        f"EMBEDDING_BINDING=openai\nEMBEDDING_MODEL=text-embedding-v4\nEMBEDDING_DIM=3072\n"
        f"EMBEDDING_BINDING_HOST={QWEN_URL}\n"
    )
    check = CliRunner().invoke(app, ["check", ".", "-p", "qwen", "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["line"], f["severity"], f["fix"]) for f in found] == [
        ("ML511", 3, "error", "manual")
    ]
    assert found[0]["message"] == (
        "EMBEDDING_DIM=3072 fits no vectors of text-embedding-v4 (line 2): it returns them 1024 "
        "wide and Alibaba Qwen (DashScope / Model Studio) offers no dimensions=3072 (offered: "
        "64, 128, 256, 512, 768, 1024, 1536, 2048); set 1024 and rebuild the stored vectors, by "
        "hand"
    )


def test_a_size_the_provider_offers_beside_its_model_is_a_warning(registry: Registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    text = "EMBEDDING_MODEL=text-embedding-v4\nEMBEDDING_DIM=1536\nEMBEDDING_SEND_DIM=true\n"
    assert ml511(".env", text, ctx) == [
        (
            2,
            "warning",
            "manual",
            "EMBEDDING_DIM=1536 fits the vectors of text-embedding-v4 (line 1) only where the "
            "program sends dimensions=1536: it returns them 1024 wide by default; set 1024 (and "
            "rebuild the stored vectors) or have the program send the size, by hand",
            {
                "setting": "EMBEDDING_DIM",
                "size": 1536,
                "model": "text-embedding-v4",
                "dimensions_to": 1024,
            },
        )
    ]
    assert ml511(".env", text.replace("1536", "1024"), ctx) == []


def test_each_width_follows_the_model_of_its_own_stem(registry: Registry):
    """Two embedding models in one .env: `EVAL_EMBEDDING_DIM` sizes `EVAL_EMBEDDING_MODEL`'s."""
    ctx = RuleContext(registry, registry.get("qwen"))
    text = (
        "EMBEDDING_MODEL=text-embedding-3-large\nEMBEDDING_DIM=3072\n"
        "EVAL_EMBEDDING_MODEL=text-embedding-3-small\nEVAL_EMBEDDING_DIM=1536\n"
    )
    found = ml511(".env", text, ctx)
    assert [(line, fix, data["model_from"]) for line, _, fix, _, data in found] == [
        (2, "review", "text-embedding-3-large"),
        (4, "review", "text-embedding-3-small"),
    ]
    edits = [f.edit for f in check_config(".env", text, ctx) if f.rule == "ML511"]
    assert [(text[e.span.start : e.span.end], e.text) for e in edits if e] == [
        ("3072", "1024"),
        ("1536", "1024"),
    ]


def test_a_width_that_may_size_either_of_two_models_is_left_with_an_error(registry: Registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    text = "LLM_EMBEDDER=text-embedding-3-large\nSEARCH_EMBEDDER=text-embedding-3-small\nDIM=3072\n"
    assert ml511(".env", text, ctx) == [
        (
            3,
            "error",
            "manual",
            "DIM=3072 sizes the vectors of one of the embedding models beside it, "
            "text-embedding-3-large (line 1), text-embedding-3-small (line 2); once migrated "
            "they return vectors of other widths: set the width of the model it sizes, by hand",
            {
                "setting": "DIM",
                "size": 3072,
                "models": ["text-embedding-3-large", "text-embedding-3-small"],
            },
        )
    ]


def test_another_width_than_the_old_models_is_left_with_an_error(registry: Registry):
    """The program may send it as `dimensions=`: 256 of text-embedding-3-large."""
    ctx = RuleContext(registry, registry.get("qwen"))
    text = "EMBEDDING_MODEL=text-embedding-3-large\nEMBEDDING_DIM=256\n"
    assert ml511(".env", text, ctx) == [
        (
            2,
            "error",
            "manual",
            "EMBEDDING_DIM=256 is not text-embedding-3-large's width (3072); apply maps "
            "text-embedding-3-large (line 1) to text-embedding-v4, which returns vectors 1024 "
            "wide: the program may ask for 256 with dimensions=, which Alibaba Qwen (DashScope / "
            "Model Studio) offers (offered: 64, 128, 256, 512, 768, 1024, 1536, 2048); set the "
            "width the program gets, by hand",
            {
                "setting": "EMBEDDING_DIM",
                "size": 256,
                "model": "text-embedding-v4",
                "dimensions_to": 1024,
                "model_from": "text-embedding-3-large",
            },
        )
    ]


def test_a_model_whose_new_width_is_not_stated_is_left_with_an_error(registry: Registry):
    ctx = RuleContext(
        registry, registry.get("acme"), models={"text-embedding-3-small": "acme-embed-2"}
    )
    text = '[embedder]\nmodel = "text-embedding-3-small"\ndimensions = 1536\n'
    assert ml511("settings.toml", text, ctx) == [
        (
            3,
            "error",
            "manual",
            "dimensions=1536 sizes the vectors of text-embedding-3-small; apply maps "
            "text-embedding-3-small (line 2) to acme-embed-2, which returns vectors of a width "
            "Acme Cloud's file does not state: set the width acme-embed-2 returns, by hand",
            {
                "setting": "dimensions",
                "size": 1536,
                "model": "acme-embed-2",
                "model_from": "text-embedding-3-small",
            },
        )
    ]


def test_only_the_mapping_of_the_model_is_read(registry: Registry):
    """A width in another mapping (a vector store's) is not beside the model; JSON's number is
    rewritten in place."""
    ctx = RuleContext(registry, registry.get("acme"))
    text = (
        '{"embedder": {"model": "text-embedding-3-small", "embedding_dims": 1536},\n'
        ' "vector_store": {"embedding_model_dims": 1536}}\n'
    )
    found = [f for f in check_config("config.json", text, ctx) if f.rule == "ML511"]
    assert [(f.line, f.column, f.fix.value) for f in found] == [(1, 68, "review")]
    edit = found[0].edit
    assert edit is not None and (text[edit.span.start : edit.span.end], edit.text) == (
        "1536",
        "1024",
    )


def test_a_model_left_on_openai_keeps_its_width(registry: Registry):
    """ML503 leaves a model whose mapping keeps OpenAI's endpoint and key: no finding."""
    ctx = RuleContext(registry, registry.get("acme"))
    text = (
        "embedder:\n  base_url: https://api.openai.com/v1\n  api_key: sk-live-abc\n"
        "  model: text-embedding-3-small\n  embedding_dims: 1536\n"
    )
    rules = {f.rule: f.fix.value for f in check_config("config.yaml", text, ctx)}
    assert rules.get("ML503") == "manual"
    assert "ML511" not in rules
