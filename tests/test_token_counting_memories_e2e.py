"""End to end with the real LangChain (marker `frameworks`): a conversation kept by
`ConversationTokenBufferMemory(llm=ChatOpenAI(...))`, migrated for DeepSeek. LangChain counts
the memory's tokens with tiktoken, whose encoding tiktoken downloads from OpenAI's host: under
the guard the migrated program stops there before any request (t59b D1), and `check` fails on
it (ML208). Following the finding (TIKTOKEN_CACHE_DIR naming a directory holding the files)
it runs on the provider."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_frameworks_langchain_e2e import tiktoken_cache

pytestmark = pytest.mark.frameworks

PROGRAM = """import json

from langchain_classic.memory import ConversationTokenBufferMemory
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-3.5-turbo", temperature=0)
memory = ConversationTokenBufferMemory(llm=llm, max_token_limit=30)
memory.save_context({"input": "AI is what?!"}, {"output": "Amazing!"})
memory.save_context({"input": "Backpropagation is what?"}, {"output": "Beautiful!"})
memory.save_context({"input": "Chatbots are what?"}, {"output": "Charming!"})
kept = memory.load_memory_variables({})["history"]
print(json.dumps({"kept": kept, "reply": llm.invoke("hi").content}))
"""


def test_the_migrated_memory_downloads_its_encoding_unless_told_where_it_is(
    server, tmp_path, monkeypatch
):
    pytest.importorskip("langchain_classic")
    cache = tiktoken_cache()
    (tmp_path / "chat.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    base = [".", "--provider", "deepseek"]
    done = CliRunner().invoke(app, ["apply", *base, "--yes"])
    assert done.exit_code == 0, done.stderr
    source = (tmp_path / "chat.py").read_text(encoding="utf-8")
    assert 'tiktoken_model_name="gpt-3.5-turbo",' in source
    check = CliRunner().invoke(app, ["check", *base, "--format", "json"])
    assert check.exit_code == 1
    found = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("ML208", 15, 10)]
    assert source.splitlines()[14].startswith("memory = ConversationTokenBufferMemory(llm=llm")
    assert found[0]["message"].startswith(
        "LangChain's ConversationTokenBufferMemory(), counting tokens with ChatOpenAI(), loads "
        "a tiktoken encoding, which tiktoken downloads from OpenAI's host "
        "openaipublic.blob.core.windows.net on first use"
    )

    env = {"DEEPSEEK_API_KEY": "test-key-deepseek", "DEEPSEEK_BASE_URL": server.base + "/v1"}
    # an empty cache directory: tiktoken has to fetch the file
    empty = tmp_path / "no-tiktoken-files"
    empty.mkdir()
    proc, blocked = run_guarded("chat.py", tmp_path, {**env, "TIKTOKEN_CACHE_DIR": str(empty)})
    assert proc.returncode == 1
    assert blocked == ["openaipublic.blob.core.windows.net"], proc.stderr
    assert server.requests == []

    # as the finding says: the files beforehand, TIKTOKEN_CACHE_DIR naming their directory
    proc, blocked = run_guarded("chat.py", tmp_path, {**env, "TIKTOKEN_CACHE_DIR": cache})
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert json.loads(proc.stdout) == {
        "kept": "AI: Beautiful!\nHuman: Chatbots are what?\nAI: Charming!",
        "reply": "reply from deepseek-flash",
    }
    (request,) = server.requests
    assert (request.path, request.body["model"]) == ("/v1/chat/completions", "deepseek-flash")
    assert request.headers["authorization"] == "Bearer test-key-deepseek"
    (tmp_path / ".env").write_text(f"TIKTOKEN_CACHE_DIR={cache}\n")
    check = CliRunner().invoke(app, ["check", *base])
    assert check.exit_code == 0, check.stdout
