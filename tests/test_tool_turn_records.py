"""ML117 on assistant turns a loop writes back in the API's form from the program's own records
of its history (trial t56e, vanna's `_build_payload`: `{"role": m.role, ...}`, then
`msg["tool_calls"] = [...]` under `elif m.role == "assistant"`). The record keeps no reasoning,
so a thinking model's next request got HTTP 400 while `check` was green. Reported as manual,
whatever the role is written as; not where the turn carries the reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .loopback_server import THOUGHT, THOUGHT_MISSING, LoopbackServer
from .program_runner import run_python
from .test_tool_turns_e2e import migrated_program, provider_env

UNCONFIRMED = (
    " (unconfirmed: needed by the thinking models (kimi-k2.6 by default, kimi-k3); the error "
    "text is quoted by a third party, the official thinking-model guide was not read in full)"
)
SWITCH = '(extra_body={"thinking": {"type": "disabled"}})'


def rebuilt(record: str, add: str) -> str:
    """ML117's message on a turn rebuilt from the loop variable `record`."""
    return (
        "Moonshot AI (Kimi) rejects the next request (HTTP 400, thinking mode) unless the "
        "assistant turn with tool calls gives back the reply's reasoning_content: this turn is "
        f"rebuilt from `{record}`, the program's own record of an earlier reply (its tool calls "
        f"are read from {record}.tool_calls), which holds no reasoning_content unless the "
        "program keeps it: keep the reply's reasoning_content in that record where the reply is "
        f"read and {add}, or turn thinking off for these requests {SWITCH}, by hand" + UNCONFIRMED
    )


SET_HERE = 'set msg["reasoning_content"] from it'
HEAD = "import json\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
# vanna's shape (the trial's repro r2): the role and the tool calls copied from the record
PAYLOAD = HEAD + (
    "def send(history, tools, model):\n"
    "    messages = []\n"
    "    for m in history:\n"
    '        msg = {"role": m.role, "content": m.content}\n'
    '        if m.role == "assistant" and m.tool_calls:\n'
    '            msg["tool_calls"] = [\n'
    '                {"id": tc.id, "type": "function", "function": {"name": tc.name}}\n'
    "                for tc in m.tool_calls\n"
    "            ]\n"
    "        messages.append(msg)\n"
    "    return client.chat.completions.create(model=model, messages=messages, tools=tools)\n"
)


def ml117(registry, text, provider="moonshot"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    found = [(f.line, f.column, f.fix.value, f.message) for f in change.findings]
    return [row for row, f in zip(found, change.findings, strict=True) if f.rule == "ML117"]


def test_a_turn_rebuilt_from_a_record_of_the_history_is_left_to_a_person(registry):
    assert ml117(registry, PAYLOAD) == [(11, 15, "manual", rebuilt("m", SET_HERE))]
    # DeepSeek's thinking models need it too; Qwen's file lists no such field
    assert [row[2] for row in ml117(registry, PAYLOAD, "deepseek")] == ["manual"]
    assert ml117(registry, PAYLOAD, "qwen") == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the role written as the literal, the tool calls still set under an `if`
        ('{"role": m.role, "content": m.content}', '{"role": "assistant", "content": m.content}'),
        # a role read by subscript, the turn annotated
        ('msg = {"role": m.role,', 'msg: dict = {"role": m["role"],'),
        # the tool calls through a name a loop over the record's appends to (vanna's own code)
        (
            '            msg["tool_calls"] = [\n'
            '                {"id": tc.id, "type": "function", "function": {"name": tc.name}}\n'
            "                for tc in m.tool_calls\n"
            "            ]\n",
            "            calls = []\n"
            "            for tc in m.tool_calls:\n"
            '                calls.append({"id": tc.id, "type": "function"})\n'
            '            msg["tool_calls"] = calls\n',
        ),
    ],
)
def test_the_record_is_found_however_the_turn_is_written(registry, before, after):
    text = PAYLOAD.replace(before, after)
    assert text != PAYLOAD
    [(line, _, fix, message)] = ml117(registry, text)
    assert (line, fix, message) == (11, "manual", rebuilt("m", SET_HERE))


def test_a_turn_built_inline_or_through_a_helper_says_to_add_the_entry(registry):
    text = HEAD + (
        "def send(history, tools, model):\n"
        "    messages = [\n"
        '        {"role": m.role, "content": m.content, "tool_calls": convert(m.tool_calls)}\n'
        "        for m in history\n"
        "    ]\n"
        "    return client.chat.completions.create(model=model, messages=messages, tools=tools)\n"
    )
    add = 'add it to this turn as "reasoning_content"'
    assert ml117(registry, text) == [(10, 9, "manual", rebuilt("m", add))]


def test_a_record_given_as_a_parameter_may_be_the_reply_itself(registry):
    text = HEAD + (
        "def to_api(m):\n"
        '    msg = {"role": m.role, "content": m.content}\n'
        "    if m.tool_calls:\n"
        '        msg["tool_calls"] = [{"id": tc.id, "type": "function"} for tc in m.tool_calls]\n'
        "    return msg\n\n\n"
        "def send(history, tools, model):\n"
        "    messages = [to_api(m) for m in history]\n"
        "    return client.chat.completions.create(model=model, messages=messages, tools=tools)\n"
    )
    assert ml117(registry, text) == [
        (
            9,
            11,
            "manual",
            "Moonshot AI (Kimi) rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: this turn "
            "is rebuilt from `m`, a parameter the module does not show to be the reply message "
            "(its tool calls are read from m.tool_calls): where it is the reply message, add "
            '"reasoning_content": getattr(m, "reasoning_content", None), and where it is a '
            "record of the program's, which holds none unless the program keeps it, keep the "
            "reply's reasoning_content in that record where the reply is read and set "
            f'msg["reasoning_content"] from it, or turn thinking off for these requests {SWITCH}, '
            "by hand" + UNCONFIRMED,
        )
    ]


def test_a_turn_carrying_the_reasoning_is_not_reported(registry):
    # the record keeps it and the turn gives it back
    carried = '            msg["reasoning_content"] = m.reasoning_content\n'
    text = PAYLOAD.replace(
        "]\n        messages.append(", "]\n" + carried + "        messages.append("
    )
    assert carried in text
    assert ml117(registry, text) == []


def test_tool_calls_of_a_replys_choice_keep_the_edit_from_the_reply(registry):
    text = HEAD + (
        "def send(messages, tools, model):\n"
        "    reply = client.chat.completions.create(model=model, messages=messages, tools=tools)\n"
        "    for choice in reply.choices:\n"
        '        messages.append({"role": choice.message.role, "tool_calls": '
        "choice.message.tool_calls})\n"
    )
    assert [row[2:] for row in ml117(registry, text)] == [
        (
            "review",
            "Moonshot AI (Kimi) rejects the next request (HTTP 400, thinking mode) unless the "
            "assistant turn with tool calls gives back the reply's reasoning_content: apply adds "
            "it from choice.message" + UNCONFIRMED,
        )
    ]


def test_a_role_a_record_class_copies_from_itself_is_left_to_the_builder_finding(registry):
    # `self.role` in the record class's own `to_dict`: where a call builds the record from
    # a reply, ML117 reports that call (tests/test_tool_turn_builders.py), not this dict too
    text = HEAD + (
        "class Msg:\n"
        "    def to_dict(self):\n"
        '        return {"role": self.role, "tool_calls": self.tool_calls}\n\n\n'
        'client.chat.completions.create(model="gpt-4o", messages=[], tools=[{}])\n'
    )
    assert ml117(registry, text) == []


# --- end to end: the vanna-shaped agent on a loopback that thinks as Kimi's file says --------

AGENT = """import json
import os

from openai import OpenAI

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


class Turn:
    def __init__(self, role, content=None, calls=(), call_id=None):
        self.role, self.content, self.tool_calls, self.call_id = role, content, calls, call_id


class Call:
    def __init__(self, call_id, name, arguments):
        self.id, self.name, self.arguments = call_id, name, arguments


class Service:
    def __init__(self, model=None):
        self.model = model or "gpt-4o"
        self.client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])

    def send(self, history):
        reply = self.client.chat.completions.create(**self._payload(history))
        msg = reply.choices[0].message
        calls = [
            Call(c.id, c.function.name, json.loads(c.function.arguments))
            for c in msg.tool_calls or []
        ]
        return Turn("assistant", msg.content, calls)

    def _payload(self, history):
        messages = []
        for m in history:
            msg = {"role": m.role, "content": m.content}
            if m.role == "tool":
                msg["tool_call_id"] = m.call_id
            elif m.role == "assistant" and m.tool_calls:
                msg["tool_calls"] = [
                    {
                        "id": tc.id,
                        "type": "function",
                        "function": {"name": tc.name, "arguments": json.dumps(tc.arguments)},
                    }
                    for tc in m.tool_calls
                ]
            messages.append(msg)
        return {"model": self.model, "messages": messages, "tools": TOOLS, "tool_choice": "auto"}


history = [Turn("user", "Where is order 42?")]
service = Service()
turn = service.send(history)
history.append(turn)
for call in turn.tool_calls:
    history.append(Turn("tool", json.dumps({"status": "shipped"}), call_id=call.id))
print(service.send(history).content)
"""
# the hand edits the finding names: the record keeps the reasoning, the turn gives it back
KEEP = (
    '        turn = Turn("assistant", msg.content, calls)\n'
    '        turn.reasoning = getattr(msg, "reasoning_content", None)\n'
    "        return turn\n"
)
GIVE = '                msg["reasoning_content"] = m.reasoning\n'


@pytest.fixture
def kimi_server(registry):
    running = LoopbackServer.for_provider(registry.get("moonshot")).start()
    yield running
    running.stop()


def test_a_migrated_agent_rebuilding_its_turns_keeps_check_red_until_it_gives_the_reasoning_back(
    registry, kimi_server, tmp_path, monkeypatch
):
    provider = registry.get("moonshot")
    migrated = migrated_program(tmp_path, monkeypatch, provider, AGENT)
    assert 'self.model = model or "kimi-k2.6"' in migrated
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert (check.exit_code, check.stdout) == (
        1,
        f"bot.py:51:19 ML117 {rebuilt('m', SET_HERE)}\n"
        "1 finding for moonshot in 1 of 1 file; 0 error, 1 warning, 0 note\n",
    )
    env = provider_env(provider, kimi_server, tmp_path)
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
    assert proc.returncode != 0 and THOUGHT_MISSING in proc.stderr
    first, second = kimi_server.requests
    assert (first.path, first.body["model"], first.headers["authorization"]) == (
        "/v1/chat/completions",
        "kimi-k2.6",
        "Bearer test-key",
    )
    assert "reasoning_content" not in second.body["messages"][1]

    fixed = migrated.replace('        return Turn("assistant", msg.content, calls)\n', KEEP)
    at = fixed.index("                    for tc in m.tool_calls\n                ]\n")
    end = fixed.index("]\n", at) + 2
    fixed = fixed[:end] + GIVE + fixed[end:]
    (tmp_path / "bot.py").write_text(fixed)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    # the second file is the guard's sitecustomize.py
    assert (check.exit_code, check.stdout) == (0, "0 findings for moonshot in 0 of 2 files\n")
    kimi_server.requests.clear()
    proc = run_python(["bot.py"], cwd=tmp_path, env=env, timeout=60)
    assert (proc.returncode, proc.stdout) == (0, "reply from kimi-k2.6\n"), proc.stderr
    assert kimi_server.requests[1].body["messages"][1]["reasoning_content"] == THOUGHT
