"""End to end with the real langchain-openai (marker `frameworks`): what ML111 says of
`bind_tools(..., tool_choice=...)` and ML601 of the token limit on Zhipu (t67c) holds on the
wire. "any" and True go out as "required", a tool's name as a named tool, "auto" as it is;
`max_tokens=` goes out as `max_completion_tokens`, and only an `extra_body` entry sends
`max_tokens` itself."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .test_e2e_app import HTTPX_ALIAS, clean_env

pytestmark = pytest.mark.frameworks

PROGRAM = """import os

from langchain_openai import ChatOpenAI

KEY = os.environ["ZAI_API_KEY"]
URL = os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")


def cite(source: str) -> str:
    \"\"\"Cite a source.\"\"\"
    return source


llm = ChatOpenAI(model="glm-5.3", api_key=KEY, base_url=URL, max_retries=0)
llm.bind_tools([cite], tool_choice="any").invoke("q")
llm.bind_tools([cite], tool_choice=True).invoke("q")
llm.bind_tools([cite], tool_choice="cite").invoke("q")
llm.bind_tools([cite], tool_choice="auto").invoke("q")
ChatOpenAI(model="glm-5.3", api_key=KEY, base_url=URL, max_tokens=64).invoke("q")
body = {"max_tokens": 64}
ChatOpenAI(model="glm-5.3", api_key=KEY, base_url=URL, extra_body=body).invoke("q")
"""


def test_what_is_reported_is_what_is_sent(registry, server, tmp_path):
    pytest.importorskip("langchain_openai")
    found = check_python(
        PROGRAM, RuleContext(registry, registry.get("zhipu")), PYTHON_RULES, path="app.py"
    )
    assert [(f.line, f.rule, f.data.get("value")) for f in found if f.rule == "ML111"] == [
        (15, "ML111", "required"),
        (16, "ML111", "required"),
        (17, "ML111", "function"),
    ]
    assert [(f.line, f.data["sent_as"]) for f in found if "sent_as" in f.data] == [
        (19, "max_completion_tokens")
    ]
    (tmp_path / "app.py").write_text(PROGRAM)
    env = clean_env(registry)
    env["ZAI_API_KEY"] = "test-provider-key"
    env["ZAI_BASE_URL"] = server.base + "/api/paas/v4"
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "app.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    bodies = [r.body for r in server.requests]
    assert [b.get("tool_choice") for b in bodies[:4]] == [
        "required",
        "required",
        {"type": "function", "function": {"name": "cite"}},
        "auto",
    ]
    limited, entry = bodies[4:]
    assert (limited.get("max_completion_tokens"), "max_tokens" in limited) == (64, False)
    assert (entry.get("max_tokens"), "max_completion_tokens" in entry) == (64, False)
    assert json.dumps(entry["messages"]) == json.dumps([{"content": "q", "role": "user"}])
