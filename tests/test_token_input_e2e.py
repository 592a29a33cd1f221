"""Token ids as an embeddings input, end to end: a provider whose file says its embeddings take
text only (`[params] embedding_token_input = false`: Qwen) is served by a loopback server that
refuses them (400) as the provider does. A migrated program sending tiktoken's ids (ML114 warns,
check stays red) fails there; the same program sending the text, as ML114 says to, runs.
LangChain's own path (token ids by default, text with `check_embedding_ctx_length=False`, which
apply writes) is run in tests/test_frameworks_langchain_e2e.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openai
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import TOKEN_INPUT_REFUSED, LoopbackServer
from .program_runner import run_python

REFUSAL = {
    "error": {
        "message": TOKEN_INPUT_REFUSED,
        "type": "invalid_request_error",
        "param": "input",
        "code": "invalid_value",
    }
}

# A stand-in for tiktoken (not installed in the test environment): `encode` gives a token id per
# byte. Enough for ML114 to see tiktoken's ids, and for the program to send integers.
TIKTOKEN = """def get_encoding(name):
    return Encoding()


class Encoding:
    def encode(self, text):
        return list(text.encode())
"""

PROGRAM = """import json
import sys

import tiktoken
from openai import OpenAI

client = OpenAI()
enc = tiktoken.get_encoding("cl100k_base")


def embed(texts):
    if sys.argv[1:] == ["ids"]:
        return client.embeddings.create(
            model="text-embedding-3-small", input=[enc.encode(t)[:8191] for t in texts]
        )
    return client.embeddings.create(model="text-embedding-3-small", input=texts)


print(json.dumps(len(embed(["first document", "second document"]).data)))
"""


@pytest.mark.parametrize(
    ("provider_id", "takes_ids"),
    [("qwen", False), ("openai", True), ("azure", True), ("zhipu", True)],
)
def test_the_server_answers_token_ids_as_the_provider_file_says(registry, provider_id, takes_ids):
    """Refused where the file says text only; taken where it says OpenAI's ids are (OpenAI,
    Azure OpenAI) or says nothing (Zhipu), as before."""
    server = LoopbackServer.for_provider(registry.get(provider_id)).start()
    try:
        client = openai.OpenAI(api_key="test-key", base_url=server.base + "/v1", max_retries=0)
        text = client.embeddings.create(model="m", input=["a", "b"])
        assert len(text.data) == 2
        for ids in ([[9906, 1917], [1234]], [9906, 1917]):
            if takes_ids:
                assert len(client.embeddings.create(model="m", input=ids).data) == len(
                    ids if isinstance(ids[0], list) else [ids]
                )
                continue
            with pytest.raises(openai.BadRequestError) as refused:
                client.embeddings.create(model="m", input=ids)
            assert refused.value.status_code == 400
            assert refused.value.body == REFUSAL["error"]
        assert [r.body["input"] for r in server.requests] == [
            ["a", "b"],
            [[9906, 1917], [1234]],
            [9906, 1917],
        ]
    finally:
        server.stop()


def test_a_migrated_program_sending_token_ids_fails_on_qwen_and_its_text_runs(
    registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    provider = registry.get("qwen")
    (tmp_path / "tiktoken.py").write_text(TIKTOKEN)
    (tmp_path / "embed.py").write_text(PROGRAM)
    # ML208: the project says where tiktoken's files are (a note, not a warning)
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert applied.exit_code == 0, applied.output
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen", "--format", "json"])
    assert check.exit_code == 1
    left = [(f["rule"], f["data"].get("input")) for f in json.loads(check.stdout)["findings"]]
    assert left == [("ML114", "token ids")]

    server = LoopbackServer.for_provider(provider).start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
        env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + "/v1"}
        env = network_guard.subprocess_env(env, tmp_path / "guard")
        ids = run_python(["embed.py", "ids"], cwd=tmp_path, env=env, timeout=60)
        text = run_python(["embed.py"], cwd=tmp_path, env=env, timeout=60)
    finally:
        server.stop()
    assert network_guard.blocked_hosts(tmp_path / "guard") == []
    assert ids.returncode == 1
    last = ids.stderr.strip().splitlines()[-1]
    # the SDK's error: the message alone (openai 3) or the whole body (openai 2)
    assert last.startswith("openai.BadRequestError: Error code: 400 - ")
    assert TOKEN_INPUT_REFUSED in last
    assert (text.returncode, text.stdout) == (0, "2\n")
    sent = [(r.path, r.body["model"], r.body["input"]) for r in server.requests]
    assert sent == [
        (
            "/v1/embeddings",
            "text-embedding-v4",
            [list(b"first document"), list(b"second document")],
        ),
        ("/v1/embeddings", "text-embedding-v4", ["first document", "second document"]),
    ]
