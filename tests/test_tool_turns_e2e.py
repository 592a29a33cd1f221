"""End to end (ML117): a tool loop that rebuilds the assistant turn as a dict, migrated to a
provider whose thinking mode needs the reply's `reasoning_content` back, then run with the real
openai SDK against a loopback server that answers and checks as that provider does."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import THOUGHT, THOUGHT_MISSING, LoopbackServer
from .program_runner import run_python

TOOL_LOOP = """import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "order_status",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
        },
    }
]


def ask(question):
    messages = [{"role": "user", "content": question}]
    reply = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    msg = reply.choices[0].message
    messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls})
    for call in msg.tool_calls:
        found = {"order": json.loads(call.function.arguments)["order_id"], "status": "shipped"}
        messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(found)})
    final = client.chat.completions.create(model="gpt-4o", messages=messages)
    return final.choices[0].message.content


print(ask("Where is order 42?"))
"""

ADDED = '"reasoning_content": getattr(msg, "reasoning_content", None)'


@pytest.fixture
def thinking_server():
    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


@pytest.mark.parametrize("provider_id", ["deepseek", "moonshot"])
def test_migrated_tool_loop_gives_the_reasoning_back(
    registry, thinking_server, tmp_path, monkeypatch, provider_id
):
    provider = registry.get(provider_id)
    (tmp_path / "bot.py").write_text(TOOL_LOOP)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "bot.py").read_text()
    assert ADDED in migrated
    again = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}")

    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: thinking_server.base + path}
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    model = provider.map_model("gpt-4o")
    assert proc.stdout == f"reply from {model}\n"
    first, second = thinking_server.requests
    assert first.body["model"] == second.body["model"] == model
    turn = second.body["messages"][1]
    assert (turn["role"], turn["reasoning_content"]) == ("assistant", THOUGHT)

    # the same program without the entry ML117 adds is what the provider rejects
    thinking_server.requests.clear()
    (tmp_path / "bot.py").write_text(migrated.replace(ADDED, '"name": "assistant"'))
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode != 0
    assert THOUGHT_MISSING in proc.stderr
    assert len(thinking_server.requests) == 2
