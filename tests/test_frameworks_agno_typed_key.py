"""The key a person types goes where its prompt says, with the real agno (marker `frameworks`;
t53d D1). Two apps shaped like awesome-llm-apps' agno apps ask for the key in a Streamlit box
(a stand-in module of the project, so no Streamlit is needed: it answers what `TYPED_KEY`
holds, else the value the box shows) and hand it to agno's `OpenAIChat`; one also stores it in
OPENAI_API_KEY for an SDK client. Migrated for doubao, they run against the loopback server
with only Ark's variables set, tests/network_guard.py installed, and every HTTP request logged
with the host it goes to and the key it carries: each key reaches 127.0.0.1 only. Before the
fix, the box asked for the Ark key and `OpenAIChat` sent it to api.openai.com."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env
from .test_frameworks_langchain_e2e import migrated

pytestmark = pytest.mark.frameworks

KEY = "ark-test-key"
TYPED = "ark-typed-key"

STREAMLIT = '''"""A stand-in for Streamlit's text box: what a person types (TYPED_KEY), else what the box
shows before anything is typed."""

import os


def text_input(label, value="", type="default", key=None):
    return os.environ.get("TYPED_KEY", value)
'''

BOX = '''"""An agent given the key typed in a box that shows OPENAI_API_KEY (agentic_rag_gpt5)."""

import json
import os

import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat

key = st.text_input("OpenAI API Key", type="password", value=os.getenv("OPENAI_API_KEY", ""))
if key:
    agent = Agent(model=OpenAIChat(id="gpt-4o", api_key=key))
    print(json.dumps({"answer": agent.run("hi").content}))
'''

STORED = '''"""A key typed, stored in OPENAI_API_KEY for a client, and given to a router agent
(rag_database_routing)."""

import json
import os

import streamlit as st
from agno.agent import Agent
from agno.models.openai import OpenAIChat
from openai import OpenAI

key = st.text_input("Enter OpenAI API Key:", type="password")
if key:
    os.environ["OPENAI_API_KEY"] = key
    client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}]
    )
    router = Agent(model=OpenAIChat(id="gpt-4o", api_key=key))
    print(json.dumps({"answer": router.run("route").content, "client": bool(reply.choices)}))
'''

# Logs each request httpx sends (the openai SDK's transport): the host and the key it carries.
RECORDER = """
import os as _os
import httpx as _httpx


def _recording(send):
    def sent(self, request, *args, **kwargs):
        with open(_os.environ["KEY_HOSTS_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{request.url.host} {request.headers.get('authorization', '')}\\n")
        return send(self, request, *args, **kwargs)

    return sent


_httpx.Client.send = _recording(_httpx.Client.send)
_httpx.AsyncClient.send = _recording(_httpx.AsyncClient.send)
"""


def _project(tmp_path: Path, app: str, monkeypatch) -> Path:
    project = tmp_path / "app"
    project.mkdir()
    (project / "assistant.py").write_text(app, encoding="utf-8")
    (project / "streamlit.py").write_text(STREAMLIT, encoding="utf-8")
    return migrated(project, "doubao", monkeypatch)


def _run(project: Path, server, registry, tmp_path: Path, **env: str) -> tuple[dict, list[str]]:
    """The app's last line of output (JSON), and `host key` for each request it sent."""
    doubao = registry.get("doubao")
    run_env = clean_env(registry)
    run_env[doubao.api_key_env] = KEY
    run_env[doubao.base_url_env] = server.base + urlsplit(doubao.base_url).path
    run_env["AGNO_TELEMETRY"] = "false"
    run_env["KEY_HOSTS_LOG"] = str(tmp_path / "key-hosts.log")
    run_env.update(env)
    guard = tmp_path / "guard"
    run_env = network_guard.subprocess_env(run_env, guard, HTTPX_ALIAS + RECORDER)
    (tmp_path / "key-hosts.log").write_text("", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=project,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    sent = (tmp_path / "key-hosts.log").read_text(encoding="utf-8").splitlines()
    return json.loads(proc.stdout.strip().splitlines()[-1]), sent


@pytest.mark.parametrize(("typed", "carried"), [(None, KEY), (TYPED, TYPED)])
def test_the_key_in_the_box_reaches_the_provider_only(
    registry, server, tmp_path, monkeypatch, typed, carried
):
    pytest.importorskip("agno", reason="pip install agno")
    project = _project(tmp_path, BOX, monkeypatch)
    text = (project / "assistant.py").read_text(encoding="utf-8")
    assert 'value=os.getenv("ARK_API_KEY", "")' in text and "api_key=key," in text
    env = {"TYPED_KEY": typed} if typed else {}
    result, sent = _run(project, server, registry, tmp_path, **env)
    assert result == {"answer": f"reply from {registry.get('doubao').map_model('gpt-4o')}"}
    assert sent == [f"127.0.0.1 Bearer {carried}"]
    [request] = server.requests
    assert request.body["thinking"] == {"type": "disabled"}


def test_a_key_typed_and_stored_reaches_the_provider_from_both(
    registry, server, tmp_path, monkeypatch
):
    pytest.importorskip("agno", reason="pip install agno")
    project = _project(tmp_path, STORED, monkeypatch)
    assert 'os.environ["ARK_API_KEY"] = key' in (project / "assistant.py").read_text()
    result, sent = _run(project, server, registry, tmp_path, TYPED_KEY=TYPED)
    doubao = registry.get("doubao")
    assert result == {"answer": f"reply from {doubao.map_model('gpt-4o')}", "client": True}
    assert sent == [f"127.0.0.1 Bearer {TYPED}"] * 2
    models = [r.body["model"] for r in server.requests]
    assert models == [doubao.map_model("gpt-4o-mini"), doubao.map_model("gpt-4o")]
