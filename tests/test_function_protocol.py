"""ML111 on what is left of OpenAI's legacy function calling in code moved to `tools=` (t55g,
D1): reads of the reply's `function_call` and the legacy turns sent back are errors, `check`
fails on them, and the code fixed by hand (tools, tool_calls, role "tool") runs on the provider
with the real openai SDK while `check` is green."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import FUNCTIONS_REFUSED, LoopbackServer
from .program_runner import run_python

E, W = Severity.ERROR, Severity.WARNING
MANUAL = FixClass.MANUAL
HEAD = "from openai import OpenAI\nc = OpenAI()\n"
TOOLS = '[{"type": "function", "function": {"name": "f", "parameters": {}}}]'
UNCONFIRMED = (
    " (unconfirmed: functions and function_call are absent from the SDK's create() signature, "
    "which takes tools and tool_choice; no Zhipu page says the legacy parameters are rejected "
    "rather than ignored)"
)
ROLE = (
    'role "function" (a function\'s result, in the legacy function calling) is not accepted by '
    "{p}, which takes tools=; send each result as "
    '{{"role": "tool", "tool_call_id": ..., "content": ...}}, with the id of the tool call it '
    "answers (message.tool_calls[i].id)"
)
TURN = (
    'an assistant message with "function_call" (the legacy function calling) is not accepted '
    "by {p}, which takes tools=; send the reply's tool calls as "
    '{{"role": "assistant", "content": ..., "tool_calls": message.tool_calls}} (or the reply '
    "message itself)"
)


def read(shown: str, part: str, line: int) -> str:
    return (
        f"{shown} reads the reply's legacy function call, None on a reply to tools= (the "
        f"request on line {line}): read {part}.tool_calls[i].function.name and .arguments"
    )


def ml111(registry, text: str, provider: str = "zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.column, f.severity, f.fix, f.message, dict(f.data))
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML111"
    ]


def messages(registry, text: str, provider: str = "zhipu") -> list[str]:
    return [row[4] for row in ml111(registry, text, provider)]


# the t55g repro (repro/r1/fc.py), moved to tools= as ML111 said, the rest left as it was
LEFTOVER = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
r = client.chat.completions.create(
    model="glm-4-flash", messages=[{"role": "user", "content": "hi"}], tools=tools
)
m = r.choices[0].message
name = m.function_call.name
msgs = [
    {"role": "user", "content": "hi"},
    {"role": "assistant", "content": None, "function_call": {"name": name, "arguments": "{}"}},
    {"role": "function", "name": name, "content": "42"},
]
final = client.chat.completions.create(model="glm-4-flash", messages=msgs, tools=tools)
print(final.choices[0].message.content)
"""

# the same, fixed by hand as the findings say
FIXED = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
r = client.chat.completions.create(
    model="glm-4-flash", messages=[{"role": "user", "content": "hi"}], tools=tools
)
m = r.choices[0].message
call = m.tool_calls[0]
name = call.function.name
msgs = [
    {"role": "user", "content": "hi"},
    {"role": "assistant", "content": None, "tool_calls": [call.model_dump()]},
    {"role": "tool", "tool_call_id": call.id, "content": "42"},
]
final = client.chat.completions.create(model="glm-4-flash", messages=msgs, tools=tools)
print(final.choices[0].message.content)
"""


def test_the_t55g_leftovers_are_errors(registry):
    data = {"param": "functions"}
    assert ml111(registry, LEFTOVER) == [
        (14, 8, E, MANUAL, read("m.function_call", "m", 10), data | {"leftover": "read"}),
        (
            17,
            44,
            E,
            MANUAL,
            TURN.format(p="Zhipu AI (GLM)") + UNCONFIRMED,
            data | {"leftover": "function_call"},
        ),
        (
            18,
            14,
            E,
            MANUAL,
            ROLE.format(p="Zhipu AI (GLM)") + UNCONFIRMED,
            data | {"leftover": "function"},
        ),
    ]
    assert ml111(registry, FIXED) == []


def test_reads_of_the_function_call_are_followed_from_the_request(registry):
    # on the call itself; through the choice a loop takes; as a dict
    text = HEAD + (
        f"T = {TOOLS}\n"
        'a = c.chat.completions.create(model="m", messages=[], tools=T).choices[0].message'
        ".function_call\n"
        'r = c.chat.completions.create(model="m", messages=[], tools=T)\n'
        "for choice in r.choices:\n"
        "    print(choice.message.function_call)\n"
        "d = r.choices[0].message.model_dump()\n"
        'print(d["function_call"], d.get("function_call"))\n'
        'print(getattr(r.choices[0].message, "function_call", None))\n'
    )
    assert messages(registry, text, "acme") == [
        read(
            'c.chat.completions.create(model="m", messages=[], tools=T).choices[0].message'
            ".function_call",
            'c.chat.completions.create(model="m", messages=[], tools=T).choices[0].message',
            4,
        ),
        read("choice.message.function_call", "choice.message", 5),
        read('d["function_call"]', "d", 5).replace(
            "d.tool_calls[i].function.name and .arguments",
            'd["tool_calls"][i]["function"]["name"] and ["arguments"]',
        ),
        read('d.get("function_call")', "d", 5).replace(
            "d.tool_calls[i].function.name and .arguments",
            'd["tool_calls"][i]["function"]["name"] and ["arguments"]',
        ),
        read('getattr(r.choices[0].message, "function_call", None)', "r.choices[0].message", 5),
    ]


def test_a_helper_returning_the_reply_and_a_stream_are_followed(registry):
    text = HEAD + (
        f"T = {TOOLS}\n\n\n"
        "def ask(q):\n"
        '    return c.chat.completions.create(model="m", messages=q, tools=T)\n\n\n'
        "msg = ask([]).choices[0].message\n"
        "if msg.function_call:\n"
        "    print(msg.function_call.arguments)\n"
        'for chunk in c.chat.completions.create(model="m", messages=[], tools=T, stream=True):\n'
        "    print(chunk.choices[0].delta.function_call)\n"
    )
    assert [(row[0], row[4]) for row in ml111(registry, text, "acme")] == [
        (11, read("msg.function_call", "msg", 7)),
        (12, read("msg.function_call", "msg", 7)),
        (14, read("chunk.choices[0].delta.function_call", "chunk.choices[0].delta", 13)),
    ]


def test_a_provider_without_the_legacy_protocol_never_sends_the_function_call(registry):
    # a request still sending functions= is reported there; its reply's reads too
    text = HEAD + (
        'r = c.chat.completions.create(model="m", messages=[], functions=F)\n'
        "print(r.choices[0].message.function_call.name)\n"
    )
    assert messages(registry, text, "moonshot")[1:] == [
        "r.choices[0].message.function_call reads the reply's legacy function call, which "
        "Moonshot AI (Kimi) does not send (it has no legacy function calling, functions=): "
        "send the request tools= and read r.choices[0].message.tool_calls[i].function.name "
        "and .arguments"
    ]
    # a provider whose file says nothing of functions= (Acme), a request without tools=
    assert ml111(registry, text, "acme") == []


def test_legacy_turns_added_to_the_messages_list_are_errors(registry):
    text = HEAD + (
        'history = [{"role": "user", "content": "hi"}]\n'
        'r = c.chat.completions.create(model="m", messages=history, tools=T)\n'
        "m = r.choices[0].message\n"
        "history.append(\n"
        '    {"role": m.role, "function_call": {"name": "f", "arguments": "{}"}, "content": None}\n'
        ")\n"
        'result = dict(role="function", name="f", content="42")\n'
        "history.append(result)\n"
        'history += [{"role": "function", "name": "g", "content": "1"}]\n'
        'history.extend([{"role": "function", "name": "h", "content": "2"}])\n'
        'history.insert(1, {"role": "function", "name": "k", "content": "3"})\n'
        'c.chat.completions.create(model="m", messages=history, tools=T)\n'
    )
    role = ROLE.format(p="Moonshot AI (Kimi)")
    assert [(row[0], row[1], row[4]) for row in ml111(registry, text, "moonshot")] == [
        (7, 22, TURN.format(p="Moonshot AI (Kimi)")),
        (9, 20, role),
        (11, 22, role),
        (12, 26, role),
        (13, 28, role),
    ]
    # OpenAI still takes them beside tools=: only the provider's file makes them errors
    assert ml111(registry, text, "acme") == []


def test_turns_in_a_list_passed_to_the_function_sending_it(registry):
    text = HEAD + (
        "def send(messages):\n"
        '    return c.chat.completions.create(model="m", messages=messages, tools=T)\n\n\n'
        'send([{"role": "user", "content": "hi"}, {"role": "function", "name": "f", '
        '"content": "1"}])\n'
    )
    assert [(row[0], row[1]) for row in ml111(registry, text, "moonshot")] == [(7, 51)]


def test_code_already_on_tools_and_openai_before_migration_are_left_alone(registry):
    fixed = HEAD + (
        'history = [{"role": "user", "content": "hi"}]\n'
        'r = c.chat.completions.create(model="m", messages=history, tools=T)\n'
        "msg = r.choices[0].message\n"
        "history.append(msg)\n"
        "for call in msg.tool_calls or []:\n"
        "    args = call.function.arguments\n"
        '    history.append({"role": "tool", "tool_call_id": call.id, "content": args})\n'
        'c.chat.completions.create(model="m", messages=history, tools=T)\n'
    )
    assert ml111(registry, fixed, "moonshot") == []
    # openai<1.0: ML302 and ML305 report the call and the dict reads; ML111 only the
    # parameters, and the leftovers once apply has written the v1 forms
    v0 = (
        "import openai\n"
        'r = openai.ChatCompletion.create(model="gpt-4o", messages=M, functions=F)\n'
        'msg = r["choices"][0]["message"]\n'
        'name = msg["function_call"]["name"]\n'
        'M.append({"role": "function", "name": name, "content": "1"})\n'
    )
    assert [(row[0], row[1], row[2]) for row in ml111(registry, v0, "moonshot")] == [(2, 62, W)]


def test_check_fails_on_the_leftovers_and_passes_on_the_fixed_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fc.py").write_text(LEFTOVER)
    done = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu"])
    assert done.exit_code == 1
    assert done.stdout.splitlines()[-1] == (
        "3 findings for zhipu in 1 of 1 file; 3 error, 0 warning, 0 note"
    )
    assert [line.split(" ML111 ")[0] for line in done.stdout.splitlines()[:-1]] == [
        "fc.py:14:8",
        "fc.py:17:44",
        "fc.py:18:14",
    ]
    (tmp_path / "fc.py").write_text(FIXED)
    done = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu"])
    assert (done.exit_code, done.stdout) == (0, "0 findings for zhipu in 0 of 1 file\n")


def _env(provider, server, tmp_path) -> dict[str, str]:
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    return network_guard.subprocess_env(env, tmp_path / "guard")


def test_the_fixed_code_runs_on_the_provider_and_the_leftovers_fail(registry, tmp_path):
    provider = registry.get("zhipu")
    server = LoopbackServer.for_provider(provider).start()
    try:
        env = _env(provider, server, tmp_path)
        (tmp_path / "fc.py").write_text(FIXED)
        proc = run_python(["fc.py"], cwd=tmp_path, env=env, timeout=60)
        assert network_guard.blocked_hosts(tmp_path / "guard") == [], proc.stderr
        assert (proc.returncode, proc.stdout) == (0, "reply from glm-4-flash\n"), proc.stderr
        first, second = server.requests
        assert {r.path for r in (first, second)} == {"/api/paas/v4/chat/completions"}
        assert {r.headers["authorization"] for r in (first, second)} == {"Bearer test-key"}
        assert second.body["model"] == "glm-4-flash"
        turn, result = second.body["messages"][1:]
        assert turn["tool_calls"][0]["id"] == "call_1"
        assert result == {"role": "tool", "tool_call_id": "call_1", "content": "42"}

        # the leftover read fails on the reply to tools= before any second request
        server.requests.clear()
        (tmp_path / "fc.py").write_text(LEFTOVER)
        proc = run_python(["fc.py"], cwd=tmp_path, env=env, timeout=60)
        assert proc.returncode == 1
        assert "AttributeError: 'NoneType' object has no attribute 'name'" in proc.stderr
        assert len(server.requests) == 1

        # with the read fixed, the legacy turns are what the provider refuses
        server.requests.clear()
        fixed_read = LEFTOVER.replace("m.function_call.name", "m.tool_calls[0].function.name")
        (tmp_path / "fc.py").write_text(fixed_read)
        proc = run_python(["fc.py"], cwd=tmp_path, env=env, timeout=60)
        assert proc.returncode == 1
        assert FUNCTIONS_REFUSED in proc.stderr
        assert len(server.requests) == 2
        assert network_guard.blocked_hosts(tmp_path / "guard") == []
    finally:
        server.stop()


def test_turns_added_by_a_function_the_sent_list_is_given_to(registry):
    # t62d (cookbook openai-functions-streaming): the result appended by a helper that gets
    # the history as a parameter, by position, by keyword, and one helper further down
    text = HEAD + (
        "def record(name, history):\n"
        '    history.append({"role": "function", "name": name, "content": "1"})\n\n\n'
        "def note(items):\n"
        '    items.insert(0, {"role": "function", "name": "g", "content": "2"})\n\n\n'
        "def relay(name, log):\n"
        "    record(name, log)\n\n\n"
        "def turn(history):\n"
        '    c.chat.completions.create(model="m", messages=history, tools=T)\n'
        '    record("f", history)\n'
        "    note(items=history)\n"
        '    relay("h", history)\n'
        '    c.chat.completions.create(model="m", messages=history, tools=T)\n'
    )
    assert [(row[0], row[1], row[4]) for row in ml111(registry, text, "moonshot")] == [
        (4, 29, ROLE.format(p="Moonshot AI (Kimi)")),
        (8, 30, ROLE.format(p="Moonshot AI (Kimi)")),
    ]
    assert ml111(registry, text, "acme") == []


def test_a_function_given_another_list_or_binding_its_parameter_again_is_left_alone(registry):
    text = HEAD + (
        "def record(name, history, log):\n"
        '    log.append({"role": "function", "name": name, "content": "1"})\n\n\n'
        "def copy(history):\n"
        "    history = list(history)\n"
        '    history.append({"role": "function", "name": "g", "content": "2"})\n\n\n'
        "def turn(history, log):\n"
        '    c.chat.completions.create(model="m", messages=history, tools=T)\n'
        '    record("f", history, log)\n'
        "    copy(history)\n"
        "    other.record(history)\n"
        '    c.chat.completions.create(model="m", messages=history, tools=T)\n'
    )
    assert ml111(registry, text, "moonshot") == []


# the t62d repro, on Moonshot's endpoint: the helper appends the legacy result
HELPER = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
)
tools = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
off = {"thinking": {"type": "disabled"}}


def record(name, history):
    history.append({"role": "function", "name": name, "content": "42"})


def turn(history):
    r = client.chat.completions.create(
        model="kimi-k2.6", messages=history, tools=tools, extra_body=off
    )
    history.append(r.choices[0].message)
    record(r.choices[0].message.tool_calls[0].function.name, history)
    final = client.chat.completions.create(
        model="kimi-k2.6", messages=history, tools=tools, extra_body=off
    )
    print(final.choices[0].message.content)


turn([{"role": "user", "content": "hi"}])
"""


def test_a_helper_appending_the_legacy_result_fails_on_the_provider_and_check(
    registry, tmp_path, monkeypatch
):
    provider = registry.get("moonshot")
    server = LoopbackServer.for_provider(provider).start()
    try:
        env = _env(provider, server, tmp_path)
        (tmp_path / "fc.py").write_text(HELPER)
        proc = run_python(["fc.py"], cwd=tmp_path, env=env, timeout=60)
        assert proc.returncode == 1
        assert FUNCTIONS_REFUSED in proc.stderr
        _, second = server.requests
        assert second.body["messages"][-1] == {"role": "function", "name": "f", "content": "42"}
        assert network_guard.blocked_hosts(tmp_path / "guard") == []
    finally:
        server.stop()
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["check", "fc.py", "--provider", "moonshot"])
    assert (done.exit_code, done.stdout) == (
        1,
        "fc.py:14:29 ML111 " + ROLE.format(p="Moonshot AI (Kimi)") + "\n"
        "1 finding for moonshot in 1 of 1 file; 1 error, 0 warning, 0 note\n",
    )
