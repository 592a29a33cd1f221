"""End to end with the real LangChain (marker `frameworks`): a `ChatOpenAI` the program itself
points at MiniMax with `temperature=0` (DemoGPT's shape, t66g), which MiniMax refuses. Apply
writes the bottom of MiniMax's range (0.01), as for an SDK request, and the request the loopback
server receives carries it."""

from __future__ import annotations

import json

import pytest

from .test_frameworks_langchain_e2e import KEY, migrated, run_process

pytestmark = pytest.mark.frameworks

ASSISTANT = """import json
import os

from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    model="MiniMax-M2.5",
    temperature=0,
    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
    api_key=os.environ["MINIMAX_API_KEY"],
)
print(json.dumps({"answer": llm.invoke("Plan the app.").content}))
"""


def test_the_temperature_a_class_on_minimax_sends_is_in_range(
    registry, server, tmp_path, monkeypatch
):
    project = tmp_path / "chains"
    project.mkdir()
    (project / "assistant.py").write_text(ASSISTANT)
    migrated(project, "minimax", monkeypatch)  # check passes, a second apply changes nothing
    assert (project / "assistant.py").read_text() == ASSISTANT.replace(
        "temperature=0,", "temperature=0.01,"
    )
    proc = run_process(project, registry.get("minimax"), server, registry, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"answer": "reply from MiniMax-M2.5"}
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert {k: v for k, v in request.body.items() if k not in ("messages", "stream")} == {
        "model": "MiniMax-M2.5",
        "temperature": 0.01,
    }
