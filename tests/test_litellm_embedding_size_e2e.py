"""End to end with the real litellm (marker `frameworks`): babyagi 2's `litellm.embedding()`
(t59e D3). Applied for Qwen, the call gets `dimensions=1536` as the SDK's request does, listed
in `allowed_openai_params`: without the list litellm's openai/ route raises
UnsupportedParamsError for text-embedding-v4 before any request; with it the loopback server
receives text-embedding-v4, `dimensions: 1536` and the DashScope key."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

EMBED = (
    "from litellm import embedding\n\n\n"
    "def embed(text):\n"
    '    return embedding(model="text-embedding-ada-002", input=[text])["data"][0]["embedding"]\n'
)
PROGRAM = "import json\n\nfrom emb import embed\n\nprint(json.dumps(len(embed('hi'))))\n"


def test_an_applied_litellm_embedding_sends_the_old_size(server, tmp_path, monkeypatch):
    pytest.importorskip("litellm")
    (tmp_path / "emb.py").write_text(EMBED, encoding="utf-8")
    (tmp_path / "run.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "emb.py", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    applied = (tmp_path / "emb.py").read_text(encoding="utf-8")
    assert 'dimensions=1536,\n        allowed_openai_params=["dimensions"],\n' in applied
    assert CliRunner().invoke(app, ["check", "emb.py", "--provider", "qwen"]).exit_code == 0
    env = {
        "DASHSCOPE_API_KEY": "test-key-qwen",
        "DASHSCOPE_BASE_URL": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(proc.stdout), int)
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer test-key-qwen"
    assert (request.path, request.body["model"], request.body["dimensions"]) == (
        "/v1/embeddings",
        "text-embedding-v4",
        1536,
    )

    # the keyword alone, as a person might write it: litellm refuses it before any request
    (tmp_path / "emb.py").write_text(
        applied.replace('        allowed_openai_params=["dimensions"],\n', ""), encoding="utf-8"
    )
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 1
    assert "UnsupportedParamsError" in proc.stderr
    assert len(server.requests) == 1
