"""ML114 reads a framework embedding class's model from the dict spread into it (t53a D6).

LightRAG's evaluation builds `OpenAIEmbeddings(**embedding_kwargs)` with `{"model":
eval_embedding_model, ...}`, the model `os.getenv("EVAL_EMBEDDING_MODEL",
"text-embedding-3-large")`; ML114 named LangChain's default instead: "text-embedding-ada-002's
were 1536 (1536 -> 1024)", where the vectors were 3072 wide."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

EVAL = """import os

from langchain_openai import OpenAIEmbeddings


def make():
    model = os.getenv("EVAL_EMBEDDING_MODEL", "text-embedding-3-large")
    kwargs = {"model": model, "api_key": os.getenv("EVAL_EMBEDDING_BINDING_API_KEY")}
    if os.getenv("EVAL_EMBEDDING_BINDING_HOST"):
        kwargs["base_url"] = os.getenv("EVAL_EMBEDDING_BINDING_HOST")
    return OpenAIEmbeddings(**kwargs)
"""


def ml114() -> list[tuple[int, str, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    return [
        (f["line"], f["severity"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML114"
    ]


def test_the_model_of_the_spread_dict_names_the_old_width(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ev.py").write_text(EVAL)
    assert ml114() == [
        (
            11,
            "warning",
            "text-embedding-v4 returns vectors 1024 wide, text-embedding-3-large's were 3072 "
            "(3072 -> 1024): rebuild the stored vectors; Alibaba Qwen (DashScope / Model Studio) "
            "offers no dimensions=3072 (offered: 64, 128, 256, 512, 768, 1024, 1536, 2048)",
        )
    ]
    (tmp_path / "ev.py").write_text(EVAL.replace("text-embedding-3-large", "text-embedding-v4"))
    assert ml114() == [
        (
            11,
            "note",
            "vectors from text-embedding-v4 (1024 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
        )
    ]
