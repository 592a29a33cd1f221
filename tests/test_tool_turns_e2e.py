"""End to end: a tool loop that rebuilds the assistant turn as a dict (ML117), and a stream whose
delta fields are merged into a dict the program built (ML118), migrated to providers whose models
think by default, then run with the real openai SDK against a loopback server that answers and
checks as those providers do."""

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
            "parameters": {
                "type": "object",
                "properties": {"order_id": {"type": "string"}},
                "required": ["order_id"],
            },
        },
    }
]


def ask(question):
    messages = [{"role": "user", "content": question}]
    reply = client.chat.completions.create(model="o3", messages=messages, tools=TOOLS)
    msg = reply.choices[0].message
    messages.append({"role": "assistant", "content": msg.content, "tool_calls": msg.tool_calls})
    for call in msg.tool_calls:
        found = {"order": json.loads(call.function.arguments)["order_id"], "status": "shipped"}
        messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(found)})
    final = client.chat.completions.create(model="o3", messages=messages)
    return final.choices[0].message.content


print(ask("Where is order 42?"))
"""

ADDED = '"reasoning_content": getattr(msg, "reasoning_content", None)'


def migrated_program(tmp_path, monkeypatch, provider, program: str) -> str:
    """`program` as bot.py, migrated with `apply --provider`; a second apply changes nothing."""
    (tmp_path / "bot.py").write_text(program)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", provider.id, "--yes"])
    assert done.exit_code == 0, done.stderr
    again = CliRunner().invoke(app, ["apply", ".", "--provider", provider.id, "--yes"])
    assert again.stderr.startswith(f"Changed 0 files for {provider.name}")
    return (tmp_path / "bot.py").read_text()


def provider_env(provider, server, tmp_path) -> dict[str, str]:
    """No OPENAI_* variable; the provider's key and base URL (the loopback); the guard."""
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    return network_guard.subprocess_env(env, tmp_path / "guard")


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
    migrated = migrated_program(tmp_path, monkeypatch, provider, TOOL_LOOP)
    assert ADDED in migrated
    env = provider_env(provider, thinking_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    model = provider.map_model("o3")
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


STREAM_MERGE = """from openai import OpenAI

client = OpenAI()
merged = {"content": ""}
stream = client.chat.completions.create(
    model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
)
for chunk in stream:
    for key, value in chunk.choices[0].delta.model_dump(exclude_none=True).items():
        if key != "role":
            merged[key] += value
print(merged["content"])
"""

SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


@pytest.mark.parametrize("provider_id", ["deepseek", "moonshot"])
def test_a_migrated_stream_merge_gets_no_reasoning_fields(
    registry, thinking_server, tmp_path, monkeypatch, provider_id
):
    """gpt-4o answered at once; the provider's model thinks unless told not to, and its stream
    deltas would carry reasoning_content, a key the program's dict does not have (swarm)."""
    provider = registry.get(provider_id)
    migrated = migrated_program(tmp_path, monkeypatch, provider, STREAM_MERGE)
    assert SWITCH in migrated
    env = provider_env(provider, thinking_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert (proc.returncode, proc.stdout) == (0, "streamed \n"), proc.stderr
    (request,) = thinking_server.requests
    assert request.body["model"] == provider.map_model("gpt-4o")
    assert request.body["thinking"] == {"type": "disabled"}

    # without the switch the provider thinks, and the program meets a key it does not know
    (tmp_path / "bot.py").write_text(migrated.replace(SWITCH + ",", ""))
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode != 0
    assert "KeyError: 'reasoning_content'" in proc.stderr


LOG_LOOP = """import json
import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
MODEL = os.environ.get("BOT_MODEL", "o3")
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "order_status",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}},
        },
    }
]


def to_api(log):
    # the turns are rebuilt from the program's own log, as gptme does
    for entry in log:
        out = dict(entry)
        call_id = out.pop("call_id", None)
        if call_id and out["role"] == "assistant":
            arguments = json.dumps({"order_id": "42"})
            function = {"name": "order_status", "arguments": arguments}
            out["tool_calls"] = [{"id": call_id, "type": "function", "function": function}]
        elif call_id:
            out["tool_call_id"] = call_id
        yield out


def step(log):
    reply = client.chat.completions.create(model=MODEL, messages=list(to_api(log)), tools=TOOLS)
    msg = reply.choices[0].message
    if not msg.tool_calls:
        return msg.content
    call = msg.tool_calls[0]
    log.append({"role": "assistant", "content": msg.content or "", "call_id": call.id})
    log.append({"role": "tool", "content": "shipped", "call_id": call.id})
    return None


log = [{"role": "user", "content": "Where is order 42?"}]
answer = None
while answer is None:
    answer = step(log)
print(answer)
"""

KEPT = (
    '    log.append({"role": "assistant", "content": msg.content or "", "call_id": call.id, '
    '"reasoning_content": getattr(msg, "reasoning_content", None)})\n'
)
GIVEN_BACK = '            out["reasoning_content"] = out.get("reasoning_content")\n'


def test_a_turn_rebuilt_from_the_programs_log_keeps_check_red_until_the_reasoning_is_kept(
    registry, thinking_server, tmp_path, monkeypatch
):
    """gptme's shape: no reply in scope where the turn is rebuilt, so ML117 is manual and
    `check` stays red; the program fails on a thinking model until the reasoning is kept in
    its log and given back, which the finding says to do."""
    provider = registry.get("deepseek")
    migrated = migrated_program(tmp_path, monkeypatch, provider, LOG_LOOP)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert "bot.py:25:9 ML117 DeepSeek rejects the next request" in check.stdout
    env = provider_env(provider, thinking_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode != 0 and THOUGHT_MISSING in proc.stderr

    # the hand edit the finding names: keep the reasoning in the log, give it back
    lines = migrated.splitlines(keepends=True)
    appended = next(i for i, t in enumerate(lines) if '"call_id": call.id})' in t)
    lines[appended] = KEPT
    setting = next(i for i, t in enumerate(lines) if 'out["tool_calls"] = ' in t)
    lines.insert(setting + 1, GIVEN_BACK)
    (tmp_path / "bot.py").write_text("".join(lines))
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert "ML117" not in check.stdout
    thinking_server.requests.clear()
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"reply from {provider.map_model('o3')}\n"
    assert thinking_server.requests[1].body["messages"][1]["reasoning_content"] == THOUGHT
