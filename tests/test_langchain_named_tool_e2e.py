"""End to end with the real langchain-openai (marker `frameworks`): what ML604 says of
`with_structured_output(..., method="function_calling")` (t52b D5) holds on the wire. The
first call sends `tool_choice` naming the schema's tool, which Qwen's file says it does not
take; the call's own `tool_choice=None` replaces it, and nothing is said of that one."""

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

PROGRAM = """import json
import os

from langchain_openai import ChatOpenAI
from pydantic import BaseModel


class Order(BaseModel):
    order_id: str


llm = ChatOpenAI(
    model="qwen-plus",
    api_key=os.environ["DASHSCOPE_API_KEY"],
    base_url=os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
    max_retries=0,
)
forced = llm.with_structured_output(Order, method="function_calling")
free = llm.with_structured_output(Order, method="function_calling", tool_choice=None)
print(json.dumps([forced.invoke("which order?").order_id, free.invoke("which order?").order_id]))
"""


def test_function_calling_names_the_tool_unless_the_call_gives_tool_choice(
    registry, server, tmp_path
):
    pytest.importorskip("langchain_openai")
    found = check_python(
        PROGRAM, RuleContext(registry, registry.get("qwen")), PYTHON_RULES, path="app.py"
    )
    assert [(f.line, f.rule) for f in found if f.rule == "ML604"] == [(18, "ML604")]
    (tmp_path / "app.py").write_text(PROGRAM)
    env = clean_env(registry)
    env["DASHSCOPE_API_KEY"] = "test-provider-key"
    env["DASHSCOPE_BASE_URL"] = server.base + "/v1"
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
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == ["42", "42"]
    forced, free = server.requests
    assert forced.body["tool_choice"] == {"type": "function", "function": {"name": "Order"}}
    assert "tool_choice" not in free.body
    assert [t["function"]["name"] for t in free.body["tools"]] == ["Order"]
