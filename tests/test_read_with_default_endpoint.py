"""A base URL read with a string default is never None (t53a D4).

LightRAG's Qwen demo binds `EMB_HOST = os.getenv("EMBEDDING_BINDING_HOST", DASHSCOPE_URL)` and
builds `OpenAI(api_key=EMB_KEY, base_url=EMB_HOST)`. ML003 warned that the client took its base
URL from `EMB_HOST` "(OpenAI's when that is None)", which it never is, and `check` failed on a
file written for Qwen. Now a read with a string default, through a name too, points where the
default does, as the read written in place."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

QWEN_DEMO = """import os
from openai import OpenAI

HOST = "https://dashscope.aliyuncs.com/compatible-mode/v1"
EMB_HOST = os.getenv("EMBEDDING_BINDING_HOST", HOST)
EMB_KEY = os.getenv("EMBEDDING_BINDING_API_KEY", os.getenv("LLM_BINDING_API_KEY"))


def embed(texts):
    client = OpenAI(api_key=EMB_KEY, base_url=EMB_HOST)
    return client.embeddings.create(model="text-embedding-v4", input=texts[:10]).data
"""


def ml003(tmp_path, text: str) -> list[tuple[int, str, str, str]]:
    (tmp_path / "demo.py").write_text(text)
    scan = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML003"
    ]


def test_a_client_on_the_providers_url_by_default_already_points_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert ml003(tmp_path, QWEN_DEMO) == [
        (10, "note", "none", "OpenAI() already points at Alibaba Qwen (DashScope / Model Studio)")
    ]
    check = CliRunner().invoke(app, ["check", ".", "-p", "qwen"])
    assert check.exit_code == 0, check.output
    applied = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes"])
    assert applied.exit_code == 0
    assert (tmp_path / "demo.py").read_text() == QWEN_DEMO


def test_a_key_read_with_os_environ_is_never_none(tmp_path, monkeypatch):
    """The same client through a variable of another server: its key is not said to fall
    back to OPENAI_API_KEY."""
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\nfrom openai import OpenAI\n\n"
        'KEY = os.environ["LLM_KEY"]\n'
        'client = OpenAI(api_key=KEY, base_url=os.getenv("LLM_HOST"))\n'
    )
    [(_, _, _, message)] = ml003(tmp_path, text)
    assert "OPENAI_API_KEY" not in message
    assert message.startswith("OpenAI() takes its base URL from environment variable LLM_HOST")


def test_another_servers_default_is_not_said_to_be_openais_when_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\nfrom openai import OpenAI\n\n"
        'HOST = os.getenv("LLM_HOST", "https://proxy.example.com/v1")\n'
        'client = OpenAI(api_key=os.getenv("LLM_KEY", ""), base_url=HOST)\n'
    )
    assert ml003(tmp_path, text) == [
        (
            5,
            "warning",
            "manual",
            "OpenAI() takes its base URL from environment variable LLM_HOST at run time; make "
            "sure it names Alibaba Qwen (DashScope / Model Studio) "
            "(https://dashscope.aliyuncs.com/compatible-mode/v1) in place of OpenAI's; "
            "a server of your own needs no change",
        )
    ]


def test_a_read_without_a_default_may_still_be_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\nfrom openai import OpenAI\n\n"
        'HOST = os.getenv("LLM_HOST")\n'
        'client = OpenAI(api_key=os.environ["LLM_KEY"], base_url=HOST)\n'
    )
    [(line, severity, _, message)] = ml003(tmp_path, text)
    assert (line, severity) == (5, "warning")
    assert message.startswith(
        "OpenAI() takes its base URL from `HOST` at run time (OpenAI's when that is None); "
    )
