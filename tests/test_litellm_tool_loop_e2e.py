"""End to end (t48d, D1): open-interpreter's shape, `self.model = "gpt-4o"` read by
`litellm.completion(model=self.model, tools=...)` and the assistant turn rebuilt as a dict,
migrated to DeepSeek and run with the real litellm against a loopback server that answers and
checks as DeepSeek's thinking mode does. Before, apply mapped the model and wrote neither the
switch (ML118) nor the reasoning (ML117): the second request got HTTP 400.

Marked `frameworks`: it needs litellm installed (the `frameworks` extra).
"""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import THOUGHT, THOUGHT_MISSING, LoopbackServer
from .program_runner import run_python
from .test_frameworks_agents_e2e import needs

pytestmark = pytest.mark.frameworks

AGENT = """import litellm

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "order_status",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
        },
    }
]


class Agent:
    def __init__(self):
        self.model = "gpt-4o"

    def ask(self, question):
        messages = [{"role": "user", "content": question}]
        msg = litellm.completion(model=self.model, messages=messages, tools=TOOLS).choices[0].message
        messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls})
        for call in msg.tool_calls:
            messages.append({"role": "tool", "tool_call_id": call.id, "content": "shipped"})
        return litellm.completion(model=self.model, messages=messages).choices[0].message.content


print(Agent().ask("Where is order 42?"))
"""
SWITCH = '                extra_body={"thinking": {"type": "disabled"}},\n'
ADDED = '                "reasoning_content": getattr(msg, "reasoning_content", None),\n'


@pytest.fixture
def thinking_server():
    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


def run(tmp_path, server):
    """bot.py with DeepSeek's key and litellm's base-URL variable for its deepseek route
    pointing at the loopback server, no OPENAI_* variable, and the network guard."""
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "DEEPSEEK" not in k}
    env |= {
        "DEEPSEEK_API_KEY": "test-key",
        "DEEPSEEK_API_BASE": server.base,
        # litellm fetches its model price list from GitHub at import unless told not to
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    env = network_guard.subprocess_env(env, tmp_path / "guard")
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=120)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    return proc


def test_a_litellm_tool_loop_reading_self_model_runs_on_deepseek(
    registry, thinking_server, tmp_path, monkeypatch
):
    needs("litellm")
    (tmp_path / "bot.py").write_text(AGENT)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert again.stderr.startswith("Changed 0 files for DeepSeek")
    migrated = (tmp_path / "bot.py").read_text()
    assert 'self.model = "deepseek/deepseek-v4-pro"' in migrated
    assert migrated.count(SWITCH.strip()) == 2 and ADDED in migrated

    proc = run(tmp_path, thinking_server)
    assert (proc.returncode, proc.stdout) == (0, "reply from deepseek-v4-pro\n"), proc.stderr
    first, second = thinking_server.requests
    assert first.body["model"] == second.body["model"] == "deepseek-v4-pro"
    assert first.body["thinking"] == second.body["thinking"] == {"type": "disabled"}
    assert second.body["messages"][1]["tool_calls"][0]["id"] == "call_1"

    # ML117's entry alone carries the reasoning back where thinking stays on
    thinking_server.requests.clear()
    (tmp_path / "bot.py").write_text(migrated.replace(SWITCH, ""))
    proc = run(tmp_path, thinking_server)
    assert proc.returncode == 0, proc.stderr
    assert thinking_server.requests[1].body["messages"][1]["reasoning_content"] == THOUGHT

    # what apply wrote before (the model alone) is what DeepSeek rejects
    thinking_server.requests.clear()
    (tmp_path / "bot.py").write_text(migrated.replace(SWITCH, "").replace(ADDED, ""))
    proc = run(tmp_path, thinking_server)
    assert proc.returncode != 0
    assert THOUGHT_MISSING in proc.stderr
    assert len(thinking_server.requests) == 2
