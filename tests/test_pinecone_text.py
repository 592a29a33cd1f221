"""pinecone-text's `OpenAIEncoder` builds `openai.OpenAI(**kwargs)` (OPENAI_API_KEY,
OPENAI_BASE_URL) itself (`frameworks.libraries.PINECONE_TEXT`, t65e: canopy's
OpenAIRecordEncoder): ML670 reports it until it is given `base_url=`, ML204-ML206 leave the
model handed to it (mapped alone it went to api.openai.com), and a key read given to it stays
OpenAI's."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

WRAPPER = (
    "from pinecone_text.dense.openai_encoder import OpenAIEncoder\n\n\n"
    "class Encoder:\n"
    '    def __init__(self, *, model_name: str = "text-embedding-3-small"):\n'
    "        self.encoder = OpenAIEncoder(model_name)\n\n"
    "    def embed(self, texts):\n"
    "        return self.encoder.encode_documents(texts)\n"
)
KEYED = (
    "import os\n\n"
    "from pinecone_text.dense import OpenAIEncoder\n\n"
    'encoder = OpenAIEncoder("text-embedding-3-small", api_key=os.environ["OPENAI_API_KEY"])\n'
)
HEAD = (
    "OpenAIEncoder() sends its requests to OpenAI with OPENAI_API_KEY and OPENAI_BASE_URL "
    "(pinecone-text's OpenAI embeddings encoder, openai.OpenAI(**kwargs), "
    "text-embedding-3-small unless given a model_name); "
)


def advice(provider: str, key: str, base: str, model: str) -> str:
    return (
        f"{HEAD}for {provider} pass it base_url= and api_key= reading {key} and {base} (its "
        f"**kwargs go to openai.OpenAI()) and model_name={model!r}, by hand"
    )


def test_a_wrappers_default_model_is_left_and_the_encoder_reported(registry):
    assert file_findings(registry, WRAPPER, "siliconflow") == [
        (
            "ML670",
            6,
            24,
            advice("SiliconFlow", "SILICONFLOW_CN_API_KEY", "SILICONFLOW_BASE_URL", "BAAI/bge-m3"),
        )
    ]


def test_a_key_read_given_to_the_encoder_stays_openais(registry):
    found = file_findings(registry, KEYED, "qwen")
    assert [(rule, line) for rule, line, _, _ in found] == [("ML670", 5), ("ML401", 5)]
    assert found[1][3].startswith("reads OPENAI_API_KEY, which goes to OpenAIEncoder() on line 5")


def test_an_encoder_pointed_at_the_provider_is_left_and_its_model_named_by_ml205(registry):
    text = (
        "import os\n\nfrom pinecone_text.dense import OpenAIEncoder\n\n"
        "encoder = OpenAIEncoder(\n"
        '    "text-embedding-3-small",\n'
        '    base_url=os.environ["DASHSCOPE_BASE_URL"],\n'
        '    api_key=os.environ["DASHSCOPE_API_KEY"],\n'
        ")\n"
    )
    assert [f[0] for f in file_findings(registry, text, "qwen")] == ["ML205"]


def test_apply_leaves_the_wrapper_and_check_stays_red(tmp_path, monkeypatch):
    path = tmp_path / "encoder.py"
    path.write_bytes(WRAPPER.encode())
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == WRAPPER.encode()
    result = CliRunner().invoke(app, ["check", "-p", "siliconflow", "--format", "json"])
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)["findings"]
    assert (found["rule"], found["line"], found["severity"], found["data"]) == (
        "ML670",
        6,
        "error",
        {"library": "pinecone-text", "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"]},
    )
