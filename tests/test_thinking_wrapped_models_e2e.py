"""End to end (marker `frameworks`): LangChain's ChatOpenAI given its model at run time and a
low temperature (gpt-engineer's core/ai.py, t58c), migrated to DeepSeek, whose models think
unless told not to. Apply points the class at DeepSeek and leaves ML118's note; the request
then carries no switch (DeepSeek thinks and ignores the temperature). With the switch written
as the note says (`extra_body=` of the installed langchain-openai), the request received
carries it beside the model and the temperature. instructor's wrapper model is in
test_named_base_wrapper_models_e2e.py."""

from __future__ import annotations

import json

import pytest

from .cli_findings import run_json
from .test_frameworks_agents_e2e import needs, run_app, run_cli

pytestmark = pytest.mark.frameworks

APP = """import json
import sys

from langchain_openai import ChatOpenAI


def chat(model_name):
    return ChatOpenAI(model=model_name, temperature=0.1)


print(json.dumps(chat(sys.argv[1]).invoke("hi").content))
"""
APPLIED = """import json
import os
import sys

from langchain_openai import ChatOpenAI


def chat(model_name):
    return ChatOpenAI(
        api_key=os.environ["DEEPSEEK_API_KEY"],
        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        model=model_name,
        temperature=0.1,
    )


print(json.dumps(chat(sys.argv[1]).invoke("hi").content))
"""
SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


def test_chat_class_choosing_its_model_sends_deepseeks_switch_as_the_note_says(
    registry, tmp_path, monkeypatch
):
    needs("langchain_openai")
    from .loopback_server import LoopbackServer

    path = tmp_path / "app.py"
    path.write_text(APP)
    monkeypatch.chdir(tmp_path)
    assert run_cli("apply", "app.py", "--provider", "deepseek", "--yes").exit_code == 0
    assert path.read_text() == APPLIED
    code, report = run_json("scan", "app.py", "--provider", "deepseek", "--show-notes")
    [note] = [f for f in report["findings"] if f["rule"] == "ML118"]
    assert (code, note["line"], note["fix"]) == (0, 9, "manual")
    assert note["message"].endswith(f"pass {SWITCH}")

    provider = registry.get("deepseek")
    server = LoopbackServer.for_provider(provider).start()
    try:
        proc, base, key = run_app(
            registry, provider, tmp_path, "app.py", server, tmp_path, "deepseek-v4-pro"
        )
        assert json.loads(proc.stdout) == "reply from deepseek-v4-pro"
        [bare] = server.requests
        assert (bare.path, bare.body["model"], bare.body["temperature"]) == (
            f"{base}/chat/completions",
            "deepseek-v4-pro",
            0.1,
        )
        assert "thinking" not in bare.body  # DeepSeek thinks: the temperature is ignored
        assert bare.headers["authorization"] == f"Bearer {key}"

        followed = APPLIED.replace("temperature=0.1,\n", f"temperature=0.1,\n        {SWITCH},\n")
        assert followed != APPLIED
        path.write_text(followed)
        server.requests.clear()
        proc, base, key = run_app(
            registry, provider, tmp_path, "app.py", server, tmp_path, "deepseek-v4-pro"
        )
        assert json.loads(proc.stdout) == "reply from deepseek-v4-pro"
        [switched] = server.requests
        assert (
            switched.body["model"],
            switched.body["temperature"],
            switched.body["thinking"],
        ) == (
            "deepseek-v4-pro",
            0.1,
            {"type": "disabled"},
        )
        assert switched.headers["authorization"] == f"Bearer {key}"
    finally:
        server.stop()
    code, report = run_json("scan", "app.py", "--provider", "deepseek", "--show-notes")
    assert [f for f in report["findings"] if f["rule"] == "ML118"] == []
