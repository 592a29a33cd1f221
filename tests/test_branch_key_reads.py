"""A key read in one branch of a function reaches only what runs after it: t44d's LightRAG
client factory read OPENAI_API_KEY in its `else:` branch for the OpenAI client, and ML401 left
it (manual), saying it went to the Azure client of the other branch; apply moved the OpenAI
client to DeepSeek, so with the old key still exported, DeepSeek got the OpenAI key."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

FACTORY = """import asyncio
import os

from openai import AsyncAzureOpenAI, AsyncOpenAI


def make(api_key=None, base_url=None, use_azure=False):
    if use_azure:
        cfg = {"api_key": api_key}
        return AsyncAzureOpenAI(**cfg)
    else:
        if not api_key:
            api_key = os.environ["OPENAI_API_KEY"]
        cfg = {"api_key": api_key}
        return AsyncOpenAI(**cfg)


async def main():
    reply = await make().chat.completions.create(model="deepseek-flash", messages=[])
    print(reply.choices[0].message.content)


asyncio.run(main())
"""


def test_a_key_read_in_one_branch_goes_with_that_branchs_client(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(FACTORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert '            api_key = os.environ["DEEPSEEK_API_KEY"]\n' in after
    assert "OPENAI_API_KEY" not in after
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-secret",
            "DEEPSEEK_API_KEY": "deepseek-key",
            "DEEPSEEK_BASE_URL": server.base,
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer deepseek-key"
