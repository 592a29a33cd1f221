"""End to end with the real langchain-openai (marker `frameworks`): what ML111 and ML604 warn of
where the chat model another object holds may be ChatOpenAI or another provider's class
(`tests/test_langchain_member_choices.py`, t68) is what the migrated program sends once its
config picks ChatOpenAI: after apply to Zhipu, `bind_tools(..., tool_choice="any")` goes out as
"required" and `with_structured_output(Answer)` as a json_schema response_format, which a
server answering as Zhipu's file says refuses (400)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

pytestmark = pytest.mark.frameworks

# the other provider's class is imported where it is built: the frameworks venv lacks it
ENDPOINT = """import os

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_openai import ChatOpenAI


class Endpoint:
    def __init__(self, llm: BaseChatModel):
        self._llm = llm

    @classmethod
    def from_config(cls, vendor: str = "openai") -> "Endpoint":
        if vendor == "anthropic":
            from langchain_anthropic import ChatAnthropic

            _llm = ChatAnthropic(model="claude-sonnet-4-5")
        else:
            _llm = ChatOpenAI(
                model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], max_retries=0
            )
        return cls(llm=_llm)
"""

RAG = """from pydantic import BaseModel

from app.endpoint import Endpoint


class Answer(BaseModel):
    text: str


class Rag:
    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def cite(self, q: str):
        return self.endpoint._llm.bind_tools([Answer], tool_choice="any").invoke(q)

    def split(self, q: str) -> Answer:
        return self.endpoint._llm.with_structured_output(Answer).invoke(q)
"""

MAIN = """import openai

from app.endpoint import Endpoint
from app.rag import Rag

rag = Rag(Endpoint.from_config())
print(rag.cite("q").tool_calls[0]["name"])
try:
    rag.split("q")
except openai.BadRequestError as exc:
    print(exc.status_code)
"""


def test_what_is_warned_of_is_what_is_sent(registry, tmp_path, monkeypatch):
    pytest.importorskip("langchain_openai")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "endpoint.py").write_text(ENDPOINT)
    (tmp_path / "app" / "rag.py").write_text(RAG)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app" / "rag.py").read_text() == RAG
    checked = CliRunner().invoke(
        app, ["check", "app", "--provider", "zhipu", "--format", "json", "--no-cache"]
    )
    assert checked.exit_code == 1
    found = json.loads(checked.stdout)["findings"]
    assert [(f["path"], f["line"], f["rule"], f["severity"]) for f in found] == [
        ("app/rag.py", 15, "ML111", "warning"),
        ("app/rag.py", 18, "ML604", "warning"),
    ]
    (tmp_path / "main.py").write_text(MAIN)
    server = LoopbackServer.for_provider(registry.get("zhipu")).start()
    try:
        env = clean_env(registry)
        env["ZAI_API_KEY"] = "test-provider-key"
        env["ZAI_BASE_URL"] = server.base + "/api/paas/v4"
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
        proc = subprocess.run(
            [sys.executable, "main.py"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        bodies = [r.body for r in server.requests]
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout == "Answer\n400\n"
    assert network_guard.blocked_hosts(guard) == []
    assert [b["model"] for b in bodies] == ["glm-5.3", "glm-5.3"]
    assert bodies[0]["tool_choice"] == "required"
    assert bodies[1]["response_format"]["type"] == "json_schema"
