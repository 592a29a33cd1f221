"""End to end with the real frameworks (marker `frameworks`): a configurable
`init_chat_model(configurable_fields=...)` in a tool loop, its model named per run from a
setting `"openai:gpt-4.1"` that apply moves to LangChain's route for DeepSeek
(`deepseek:deepseek-v4-pro`, which thinks unless told not to). Neither ChatDeepSeek nor
ChatOpenAI sends a reply's `reasoning_content` back with the assistant's tool-call turn, so the
loopback server (thinking on, as DeepSeek's) refuses the second request with 400 unless thinking
is off: ML118 passes the switch as the configurable model's default (t47c's crash)."""

from __future__ import annotations

import json
import shutil

import pytest

from .test_frameworks_langchain_e2e import APPS, migrated
from .test_langchain_routes_e2e import _run

pytestmark = pytest.mark.frameworks

SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


@pytest.fixture
def thinking_server():
    from .loopback_server import LoopbackServer

    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


def test_a_configurable_tool_loop_on_deepseeks_route_runs_with_thinking_off(
    registry, thinking_server, tmp_path, monkeypatch
):
    pytest.importorskip("langchain_deepseek")
    project = tmp_path / "langchain_route_tools_app"
    shutil.copytree(APPS / "langchain_route_tools_app", project)
    migrated(project, "deepseek", monkeypatch)
    source = (project / "assistant.py").read_text()
    assert (
        "configurable_model = init_chat_model(\n"
        '    model="deepseek:deepseek-flash",\n'
        f"    {SWITCH},\n"
        '    configurable_fields=("model", "max_tokens"),\n'
        ")\n"
    ) in source
    assert (
        'research_model: str = "deepseek:deepseek-v4-pro"' in (project / "settings.py").read_text()
    )
    proc, blocked = _run(project, thinking_server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert blocked == []
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "tool_calls": 1,
        "answer": "reply from deepseek-v4-pro",
    }
    first, second = thinking_server.requests
    assert first.body["model"] == second.body["model"] == "deepseek-v4-pro"
    assert first.body["thinking"] == second.body["thinking"] == {"type": "disabled"}
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "tool"]
    # without the switch (and its default model) the second turn is refused, as DeepSeek does
    thinking_server.requests.clear()
    bare = source.replace(f"    {SWITCH},\n", "")
    (project / "assistant.py").write_text(bare)
    proc, blocked = _run(project, thinking_server, registry, tmp_path)
    assert proc.returncode == 1
    assert "must be passed back" in proc.stderr
    assert len(thinking_server.requests) == 2
