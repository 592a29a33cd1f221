"""OpenAI's URL as the default of Azure OpenAI's endpoint variable stays (t53a D5).

LightRAG's `get_default_host` holds `"azure_openai": os.getenv("AZURE_OPENAI_ENDPOINT",
"https://api.openai.com/v1")`; apply made that default DashScope's URL (ML402, safe), so the
Azure binding, with its Azure key, was pointed at DashScope where the variable is unset. The
endpoint of an Azure client is Azure's: the URL is left, a note."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

AZURE = """import os

from openai import AsyncAzureOpenAI

ENDPOINT = os.getenv("AZURE_OPENAI_ENDPOINT", "https://api.openai.com/v1")
HOST = os.getenv("LLM_BINDING_HOST", "https://api.openai.com/v1")


def client():
    return AsyncAzureOpenAI(
        azure_endpoint=ENDPOINT,
        api_key=os.environ["AZURE_OPENAI_API_KEY"],
        api_version="2024-08-01-preview",
    )
"""


def test_an_azure_endpoints_default_is_left_and_another_reads_is_switched(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(AZURE)
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    found = [
        (f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML402"
    ]
    assert found == [
        (
            5,
            "note",
            "none",
            "OpenAI URL https://api.openai.com/v1 as the default of AZURE_OPENAI_ENDPOINT, Azure "
            "OpenAI's endpoint variable: it stands for an Azure client's endpoint, which goes "
            "with Azure's key, never the provider's (ML002 reports the client); left as it is",
            {"variable": "AZURE_OPENAI_ENDPOINT"},
        ),
        (
            6,
            "warning",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; Alibaba Qwen (DashScope / Model "
            "Studio)'s base URL replaces it",
            {},
        ),
    ]
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    after = (tmp_path / "config.py").read_text()
    assert 'ENDPOINT = os.getenv("AZURE_OPENAI_ENDPOINT", "https://api.openai.com/v1")\n' in after
    assert (
        'HOST = os.getenv(\n    "LLM_BINDING_HOST", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n)'
        in after
    )
