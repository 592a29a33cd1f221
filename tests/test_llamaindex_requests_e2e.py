"""End to end with the real llama-index (marker `frameworks`): what a LlamaIndex OpenAILike
sends Qwen, through the loopback server that answers as Qwen's provider file says (a json_schema
`response_format` refused with 400). `check` fails on what the program sends while it fails,
and passes once the program is changed as the findings say, which then runs (t55b D1)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from . import network_guard
from .cli_findings import finding_rows, run_json
from .loopback_server import JSON_SCHEMA_REFUSED, LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

pytestmark = pytest.mark.frameworks

KEY = "test-qwen-key"
SCHEMA = '{"type": "json_schema", "json_schema": {"name": "r", "schema": {"type": "object"}}}'
PROGRAM = """import json
import os

from llama_index.core.prompts import PromptTemplate
from llama_index.llms.openai_like import OpenAILike
from pydantic import BaseModel


class Answer(BaseModel):
    a: str


llm = OpenAILike(
    model="qwen-plus",
    api_base=os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
    api_key=os.environ["DASHSCOPE_API_KEY"],
    is_chat_model=True,
{fields})
try:
    {call}
    print(json.dumps({{"answer": str(out)}}))
except Exception as error:
    print(json.dumps({{"error": type(error).__name__}}))
"""
COMPLETE = 'out = llm.complete("Give JSON").text'
STRUCTURED = 'out = llm.structured_predict(Answer, PromptTemplate("Give {x}"), x="JSON")'


def _check(root: Path) -> tuple[int, list[tuple[int, str]]]:
    code, report = run_json("check", str(root), "-p", "qwen", "--no-cache")
    return code, finding_rows(report, "line", "rule")


def _run(project: Path, provider, server: LoopbackServer, registry, tmp_path: Path) -> dict:
    """Run app.py with Qwen's variables only (the loopback's URL), no other host reachable."""
    env = clean_env(registry)
    env[provider.api_key_env] = KEY
    env[provider.base_url_env] = server.base + urlsplit(provider.base_url).path
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "app.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert network_guard.blocked_hosts(guard) == []
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _sent(server: LoopbackServer, provider) -> list[dict]:
    """The chat requests' bodies, each checked for its path and key."""
    path = urlsplit(provider.base_url).path + "/chat/completions"
    assert [r.path for r in server.requests] == [path] * len(server.requests)
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)
    return [r.body for r in server.requests]


def _project(tmp_path: Path, fields: str, call: str) -> Path:
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    (project / "app.py").write_text(PROGRAM.format(fields=fields, call=call), encoding="utf-8")
    return project


def test_constructor_parameters_refused_by_qwen_fail_check(registry, tmp_path):
    provider = registry.get("qwen")
    sent_as_is = f'    max_tokens=64,\n    additional_kwargs={{"response_format": {SCHEMA}}},\n'
    project = _project(tmp_path, sent_as_is, COMPLETE)
    assert _check(project) == (1, [(18, "ML112"), (19, "ML111")])
    server = LoopbackServer.for_provider(provider).start()
    try:
        refused = _run(project, provider, server, registry, tmp_path)
        body = _sent(server, provider)[-1]
        server.requests.clear()
        # as the findings say: json_object, and the token limit under Qwen's name
        fixed = (
            '    additional_kwargs={"response_format": {"type": "json_object"}, '
            '"max_completion_tokens": 64},\n'
        )
        _project(tmp_path, fixed, COMPLETE)
        assert _check(project) == (0, [])
        ran = _run(project, provider, server, registry, tmp_path)
        bodies = _sent(server, provider)
    finally:
        server.stop()
    assert refused == {"error": "BadRequestError"}
    assert body["model"] == "qwen-plus"
    assert body["response_format"]["type"] == "json_schema" and body["max_tokens"] == 64
    assert ran == {"answer": "reply from qwen-plus"}
    assert [(b["model"], b["response_format"], b.get("max_tokens")) for b in bodies] == [
        ("qwen-plus", {"type": "json_object"}, None)
    ]
    assert bodies[0]["max_completion_tokens"] == 64


TEXT_PROGRAM = (
    "from llama_index.core.program import LLMTextCompletionProgram\n\n    "
    "out = LLMTextCompletionProgram.from_defaults(\n"
    '        output_cls=Answer, prompt_template_str="Give {x}", llm=llm\n'
    '    )(x="JSON")'
)


def test_structured_output_refused_by_qwen_fails_check(registry, tmp_path):
    """`structured_predict` on OpenAILike given `should_use_structured_outputs=True` sends the
    schema as a json_schema `response_format`: Qwen refuses it. Without it, it sends
    `tool_choice="required"` (also in the prompt-based mode), which Qwen's file leaves out (the
    loopback takes it). LLMTextCompletionProgram, as the findings say, sends neither and is
    answered (the loopback's plain-text reply is then no JSON for the parser: a ValueError,
    not a 400)."""
    provider = registry.get("qwen")
    project = _project(tmp_path, "    should_use_structured_outputs=True,\n", STRUCTURED)
    assert _check(project) == (1, [(21, "ML111")])
    server = LoopbackServer.for_provider(provider).start()
    try:
        refused = _run(project, provider, server, registry, tmp_path)
        schema = _sent(server, provider)
        server.requests.clear()
        _project(tmp_path, '    pydantic_program_mode="llm",\n', STRUCTURED)
        assert _check(project) == (1, [(21, "ML111")])
        _run(project, provider, server, registry, tmp_path)
        required = _sent(server, provider)
        server.requests.clear()
        (project / "app.py").write_text(
            PROGRAM.format(fields="", call=TEXT_PROGRAM),
            encoding="utf-8",
        )
        assert _check(project) == (0, [])
        parsed = _run(project, provider, server, registry, tmp_path)
        text = _sent(server, provider)
    finally:
        server.stop()
    assert refused == {"error": "BadRequestError"}
    assert JSON_SCHEMA_REFUSED  # what the loopback answered (tests/loopback_server.py)
    assert [b["response_format"]["type"] for b in schema] == ["json_schema"]
    assert [(b.get("tool_choice"), "tools" in b) for b in required] == [("required", False)]
    assert parsed == {"error": "ValueError"}
    assert [("response_format" in b, "tool_choice" in b, b["model"]) for b in text] == [
        (False, False, "qwen-plus")
    ]
