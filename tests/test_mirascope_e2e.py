"""End to end with the real Mirascope v1 (marker `frameworks`): the trial's v1 program (t63e),
migrated by apply, reaches only the loopback server, with DeepSeek's key and model; before
apply it went to api.openai.com (the network guard refuses that host and records it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .cli_findings import cli, run_json
from .loopback_run import run_guarded

pytestmark = pytest.mark.frameworks

PROGRAM = (
    "import asyncio\n\n"
    "from mirascope.core import openai\n\n\n"
    '@openai.call("gpt-4o-mini", call_params=openai.OpenAICallParams(temperature=0.2))\n'
    "def answer(question: str) -> str:\n"
    '    return f"Answer briefly: {question}"\n\n\n'
    '@openai.call("gpt-4o", json_mode=True)\n'
    "async def later(question: str) -> str:\n"
    "    return question\n\n\n"
    'print(answer("What is 2+2?").content)\n'
    'print(asyncio.run(later("Say hi")).content)\n'
)
ENV = {
    "DEEPSEEK_API_KEY": "test-key-deepseek",
    "OPENAI_API_KEY": "sk-openai-user-key-0000000000000000",
    # mirascope imports its litellm module where litellm is installed: no cost map download
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
}


def test_the_applied_v1_program_reaches_the_provider_only(server, tmp_path: Path, monkeypatch):
    if importlib.util.find_spec("mirascope") is None:  # not imported: it imports litellm
        pytest.skip("mirascope is not installed")
    (tmp_path / "app.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    env = {**ENV, "DEEPSEEK_BASE_URL": server.base}
    before, blocked = run_guarded("app.py", tmp_path, env)
    assert before.returncode != 0 and set(blocked) == {"api.openai.com"}
    assert server.requests == []

    done = cli("apply", "app.py", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    code, report = run_json("check", "app.py", "--provider", "deepseek")
    assert (code, report["findings"]) == (0, [])

    after, blocked = run_guarded("app.py", tmp_path, env)
    assert blocked == [] and after.returncode == 0, after.stderr
    assert after.stdout == "reply from deepseek-flash\nreply from deepseek-v4-pro\n"
    assert [(r.method, r.path) for r in server.requests] == [("POST", "/chat/completions")] * 2
    first, second = server.requests
    for request in server.requests:
        assert request.headers["authorization"] == "Bearer test-key-deepseek"
    assert (first.body["model"], first.body["temperature"]) == ("deepseek-flash", 0.2)
    assert (second.body["model"], second.body["response_format"]) == (
        "deepseek-v4-pro",
        {"type": "json_object"},
    )
