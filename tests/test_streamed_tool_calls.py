"""ML116: a chat request that streams with tools, on a provider whose `[params]` say what
`extra_body` must carry for tool calls to stream (`stream_tools_extra_body`; Zhipu:
`tool_stream = true`). `apply` passes it (review), or merges it into the request's own
literal `extra_body`; a person adds it where the request is built from `**kwargs` or
`extra_body` is not a dict written in the call."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .program_runner import run_python
from .test_providers import minimal

HEAD = (
    "from openai import OpenAI\n\n"
    'client = OpenAI(api_key="unused", base_url="https://open.bigmodel.cn/api/paas/v4")\n'
    'TOOLS = [{"type": "function", "function": {"name": "ls", "parameters": {}}}]\n'
)
NEEDS = (
    'Zhipu AI (GLM) streams tool calls only when extra_body sends "tool_stream": True beside '
    "stream=True: "
)
UNCONFIRMED = (
    " (unconfirmed: documented for GLM-4.6 and later; what older models (glm-4-air-250414, "
    "glm-4-flash) do with tool_stream is not)"
)


def migrate(registry, text, provider="zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml116(change):
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.rule == "ML116"
    ]


def assert_idempotent(registry, change):
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f for f in again.findings if f.rule == "ML116"] == []


def test_tools_through_a_name_get_extra_body_passed(registry):
    before = HEAD + (
        "\n\ndef ask(messages, tools):\n"
        '    return client.chat.completions.create(model="glm-4.6", messages=messages, '
        "tools=tools, stream=True)\n"
    )
    change = migrate(registry, before)
    assert change.after == HEAD + (
        "\n\ndef ask(messages, tools):\n"
        "    return client.chat.completions.create(\n"
        '        extra_body={"tool_stream": True},\n'
        '        model="glm-4.6",\n'
        "        messages=messages,\n"
        "        tools=tools,\n"
        "        stream=True,\n"
        "    )\n"
    )
    assert ml116(change) == [
        (
            8,
            "warning",
            "review",
            NEEDS + 'apply passes extra_body={"tool_stream": True}' + UNCONFIRMED,
        )
    ]
    (finding,) = [f for f in change.findings if f.rule == "ML116"]
    assert finding.data == {"extra_body": {"tool_stream": True}}
    assert_idempotent(registry, change)


@pytest.mark.parametrize(
    ("body", "merged"),
    [
        ("{}", '{"tool_stream": True}'),
        ('{"top_k": 4}', '{"tool_stream": True, "top_k": 4}'),
    ],
)
def test_a_literal_extra_body_gets_the_entry(registry, body, merged):
    call = "reply = client.chat.completions.create(\n    model=m, tools=TOOLS, stream=True, extra_body={}\n)\n"
    change = migrate(registry, HEAD + call.replace("{}", body))
    assert change.after == HEAD + call.replace("{}", merged)
    assert ml116(change) == [
        (
            5,
            "warning",
            "review",
            NEEDS + 'apply adds "tool_stream": True to extra_body' + UNCONFIRMED,
        )
    ]
    assert_idempotent(registry, change)


def test_a_multiline_extra_body_gets_a_line_of_its_own(registry):
    before = HEAD + (
        "STREAM = True\n"
        "reply = client.chat.completions.create(\n"
        '    model="glm-4.6",\n'
        "    messages=[],\n"
        "    tools=TOOLS,\n"
        "    stream=STREAM,\n"
        "    extra_body={\n"
        '        "thinking": {"type": "enabled"},\n'
        "    },\n"
        ")\n"
    )
    change = migrate(registry, before)
    assert change.after == before.replace(
        '        "thinking"', '        "tool_stream": True,\n        "thinking"'
    )
    assert_idempotent(registry, change)


@pytest.mark.parametrize(
    ("call", "tail"),
    [
        (
            "create(model=m, messages=[], tools=TOOLS, stream=True, **options)",
            'pass extra_body={"tool_stream": True} (apply adds none to a request built from '
            "**kwargs, which may hold one)",
        ),
        (
            "create(model=m, messages=[], tools=TOOLS, stream=True, extra_body=body)",
            'add "tool_stream": True to the extra_body it sends (apply edits only a dict in the '
            "call)",
        ),
        (
            'create(model=m, messages=[], tools=TOOLS, stream=True, extra_body={**body, "a": 1})',
            'add "tool_stream": True to the extra_body it sends, after its last ** (later keys '
            "win; apply edits only a dict in the call that spreads none)",
        ),
        (
            # written before the spread, which may replace it
            "create(model=m, messages=[], tools=TOOLS, stream=True, "
            'extra_body={"tool_stream": True, **body})',
            'add "tool_stream": True to the extra_body it sends, after its last ** (later keys '
            "win; apply edits only a dict in the call that spreads none)",
        ),
        (
            "create(model=m, messages=[], tools=TOOLS, stream=True, "
            'extra_body={**body, "tool_stream": False})',
            'its extra_body sends "tool_stream": False',
        ),
        (
            'create(model=m, messages=[], tools=TOOLS, stream=True, extra_body={"tool_stream": False})',
            'its extra_body sends "tool_stream": False',
        ),
    ],
)
def test_left_to_a_person(registry, call, tail):
    before = (
        HEAD + f"m = 'glm-4.6'\noptions = body = dict()\nreply = client.chat.completions.{call}\n"
    )
    change = migrate(registry, before)
    assert ml116(change) == [(7, "warning", "manual", NEEDS + tail + UNCONFIRMED)]
    assert all(f.edit is None for f in change.findings if f.rule == "ML116")


@pytest.mark.parametrize(
    "call",
    [
        "create(model=m, messages=[], tools=TOOLS, stream=True, extra_body={'tool_stream': True})",
        # the entry after the spread is sent whatever the spread mapping holds
        "create(model=m, messages=[], tools=TOOLS, stream=True, "
        "extra_body={**off, 'tool_stream': True})",
        "create(model=m, messages=[], tools=TOOLS)",
        "create(model=m, messages=[], tools=TOOLS, stream=False)",
        "create(model=m, messages=[], tools=TOOLS, stream=None)",
        "create(model=m, messages=[], tools=TOOLS, stream=off)",
        "create(model=m, messages=[], tools=None, stream=True)",
        "create(model=m, messages=[], tools=[], stream=True)",
        "create(model=m, messages=[], stream=True)",
        "parse(model=m, messages=[], tools=TOOLS)",
    ],
)
def test_not_reported(registry, call):
    before = HEAD + f"m = 'glm-4.6'\noff = False\nreply = client.chat.completions.{call}\n"
    assert ml116(migrate(registry, before)) == []


REVIEW = NEEDS + 'apply passes extra_body={"tool_stream": True}' + UNCONFIRMED

KEPT_BODY = (
    HEAD + "\n\n"
    "def ask(messages, stream=True, **kwargs):\n"
    '    kwargs = {"model": "glm-4.6", "messages": messages, "stream": stream, **kwargs}\n'
    '    kwargs["tools"] = TOOLS\n'
    "    if stream:\n"
    '        kwargs["extra_body"] = {**kwargs.get("extra_body", {}), "tool_stream": True}\n'
    "    return client.chat.completions.create(**kwargs)\n"
)


@pytest.mark.parametrize(
    ("body", "found"),
    [
        # keeps the caller's extra_body and adds the entry after it: sent whatever it holds
        ('{**kwargs.get("extra_body", {}), "tool_stream": True}', []),
        ('{"tool_stream": True}', []),
        (
            '{"tool_stream": True, **kwargs.get("extra_body", {})}',
            [
                (
                    12,
                    "warning",
                    "manual",
                    NEEDS + 'add "tool_stream": True to the extra_body it sends, after its last '
                    "** (later keys win; apply edits only a dict in the call that spreads none)"
                    + UNCONFIRMED,
                )
            ],
        ),
    ],
)
def test_extra_body_set_by_key_with_a_spread(registry, body, found):
    """`kwargs["extra_body"] = {**kwargs.get("extra_body", {}), "tool_stream": True}` on the
    dict the request spreads (t68f, agentscope after following ML116): the entry written
    after the `**` is sent, so nothing is left; one written before it may be replaced."""
    before = KEPT_BODY.replace('{**kwargs.get("extra_body", {}), "tool_stream": True}', body)
    change = migrate(registry, before)
    assert ml116(change) == found
    assert change.after == before


def test_a_stream_chosen_at_run_time_counts(registry):
    """t46c D2: `stream=stream` may turn streaming on, and then the tool calls do not stream."""
    call = "create(model='glm-4.6', messages=[], tools=TOOLS, stream={})\n"
    before = HEAD + (
        "\n\ndef ask(stream: bool):\n    return client.chat.completions." + call.format("stream")
    )
    change = migrate(registry, before)
    assert ml116(change) == [(8, "warning", "review", REVIEW)]
    assert change.after == HEAD + (
        "\n\ndef ask(stream: bool):\n    return client.chat.completions.create(\n"
        "        extra_body={\"tool_stream\": True}, model='glm-4.6', messages=[], tools=TOOLS, "
        "stream=stream\n"
        "    )\n"
    )
    assert_idempotent(registry, change)
    computed = "streaming = input() == 'y'\nreply = client.chat.completions."
    assert ml116(migrate(registry, HEAD + computed + call.format("streaming"))) == [
        (6, "warning", "review", REVIEW)
    ]


def test_a_stream_chosen_at_run_time_in_a_spread_dict_is_left_to_a_person(registry):
    """swarm's `get_chat_completion`: `"stream": stream` in the dict spread into the request."""
    before = HEAD + (
        "\n\ndef ask(stream: bool):\n"
        '    params = {"model": "gpt-4o-mini", "messages": [], "tools": TOOLS, "stream": stream}\n'
        "    return client.chat.completions.create(**params)\n"
    )
    change = migrate(registry, before)
    tail = (
        'pass extra_body={"tool_stream": True} (apply adds none to a request built from '
        "**kwargs, which may hold one)"
    )
    assert ml116(change) == [(9, "warning", "manual", NEEDS + tail + UNCONFIRMED)]
    assert [f.edit for f in change.findings if f.rule == "ML116"] == [None]


@pytest.mark.parametrize(
    ("calls", "reported"),
    [
        ("ask([])\nask([], stream=False)\n", False),  # the default, or False
        ("ask([], None)\n", False),
        ("ask([])\nask([], True)\n", True),  # one call streams
        ("ask([], streaming)\n", True),
    ],
)
def test_a_parameter_is_followed_to_what_the_calls_pass(registry, calls, reported):
    before = HEAD + (
        "streaming = input() == 'y'\n\n\ndef ask(messages, stream=False):\n"
        "    return client.chat.completions.create(\n"
        "        model='glm-4.6', messages=messages, tools=TOOLS, stream=stream\n    )\n\n\n"
        + calls
    )
    assert [f[2] for f in ml116(migrate(registry, before))] == (["review"] if reported else [])


def test_only_where_the_provider_file_says_so(registry):
    before = (
        HEAD
        + "reply = client.chat.completions.create(model='x', messages=[], tools=TOOLS, stream=True)\n"
    )
    for provider in ("qwen", "deepseek", "openai"):
        assert ml116(migrate(registry, before, provider)) == []


def test_the_stream_helper_streams_without_saying_so(registry):
    before = HEAD + (
        "\n\nasync def ask(aclient, messages):\n"
        '    async with aclient.chat.completions.stream(model="glm-4.6", messages=messages, '
        "tools=TOOLS) as s:\n"
        "        return [event async for event in s]\n"
    )
    change = migrate(registry, before)
    assert change.after == HEAD + (
        "\n\nasync def ask(aclient, messages):\n"
        "    async with aclient.chat.completions.stream(\n"
        '        extra_body={"tool_stream": True}, model="glm-4.6", messages=messages, tools=TOOLS\n'
        "    ) as s:\n"
        "        return [event async for event in s]\n"
    )
    assert_idempotent(registry, change)


def test_a_spread_dict_of_the_request_is_left_to_a_person(registry):
    before = HEAD + (
        'params = {"model": "glm-4.6", "messages": [], "tools": TOOLS, "stream": True}\n'
        "reply = client.chat.completions.create(**params)\n"
    )
    change = migrate(registry, before)
    assert [(line, fix) for line, _, fix, _ in ml116(change)] == [(6, "manual")]
    assert change.after == before


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"tool stream": True},
        {"tool_stream": [True]},
        {"tool_stream": {"on": {"deep": True}}},
        True,
    ],
)
def test_the_provider_file_entry_is_checked(value):
    with pytest.raises(
        ProviderError, match=r"^x\.toml: params\.stream_tools_extra_body: expected a table"
    ):
        parse_provider(minimal(params={"stream_tools_extra_body": value}), "x.toml")


def test_other_values_are_written_as_python(tmp_path):
    provider = parse_provider(
        minimal(params={"stream_tools_extra_body": {"on": True, "mode": "delta", "n": 2}}), "x.toml"
    )
    assert provider.params["stream_tools_extra_body"] == {"on": True, "mode": "delta", "n": 2}
    (tmp_path / "x.toml").write_text(
        "\n".join(
            [
                'schema = 1\nid = "x"\nname = "X"\ndocs = "https://x.example/docs"',
                'as_of = 2026-01-01\napi_key_env = "X_API_KEY"\nbase_url_env = "X_BASE_URL"',
                'base_url = "https://api.x.example/v1"\n[supports]\nchat = true',
                '[params]\nstream_tools_extra_body = { on = true, mode = "delta", n = 2 }\n',
            ]
        )
    )
    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\n\nc = OpenAI()\nc.chat.completions.create(model=m, tools=t, stream=True)\n"
    )
    result = CliRunner().invoke(
        app,
        [
            "apply",
            str(tmp_path / "app.py"),
            "--provider",
            "x",
            "--providers-dir",
            str(tmp_path),
            "--diff",
        ],
    )
    assert result.exit_code == 0, result.output
    assert 'extra_body={"on": True, "mode": "delta", "n": 2}' in result.stdout


def test_scan_says_what_apply_does(tmp_path):
    source = HEAD + (
        "a = client.chat.completions.create(model='glm-4.6', messages=[], tools=TOOLS, stream=True)\n"
        "b = client.chat.completions.create(model='glm-4.6', messages=[], tools=TOOLS, stream=True, **kw)\n"
    )
    (tmp_path / "app.py").write_text(source)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", str(tmp_path), "--provider", "zhipu", "--format", "json"])
    found = [
        (f["line"], f["fix"]) for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML116"
    ]
    assert found == [(5, "review"), (6, "manual")]
    runner.invoke(app, ["apply", str(tmp_path), "--provider", "zhipu", "--yes"])
    after = (tmp_path / "app.py").read_text()
    assert after.count('extra_body={"tool_stream": True}') == 1
    check = runner.invoke(app, ["check", str(tmp_path), "--provider", "zhipu", "--format", "json"])
    left = [
        (f["line"], f["fix"]) for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML116"
    ]
    assert left == [(12, "manual")]


STREAMING_AGENT = """import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
TOOLS = [{"type": "function", "function": {"name": "ls", "parameters": {"type": "object"}}}]

stream = client.chat.completions.create(
    model="gpt-4o", messages=[{"role": "user", "content": "list files"}], tools=TOOLS, stream=True
)
print("".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices))
"""


def test_the_migrated_request_carries_tool_stream(registry, server, tmp_path, monkeypatch):
    (tmp_path / "agent.py").write_text(STREAMING_AGENT)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    provider = registry.get("zhipu")
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env.update({provider.api_key_env: "test-key-zhipu", provider.base_url_env: server.base + path})
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = run_python(["agent.py"], cwd=tmp_path, env=env, timeout=60)
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.path == f"{path}/chat/completions"
    assert (request.body["stream"], request.body["tool_stream"]) == (True, True)
    assert request.body["tools"][0]["function"]["name"] == "ls"


def test_a_model_that_thinks_by_default_gets_both_entries_in_one_extra_body(registry):
    """gpt-4.1-nano maps to glm-4.7-flash, which thinks unless told not to (ML118): the two
    rules make one edit, which apply writes once (two `extra_body=` would be no Python)."""
    before = HEAD + (
        'client.chat.completions.create(model="gpt-4.1-nano", messages=[], tools=TOOLS, '
        "stream=True)\n"
    )
    change = migrate(registry, before)
    both = '"tool_stream": True, "thinking": {"type": "disabled"}'
    found = {f.rule: f for f in change.findings if f.rule in ("ML116", "ML118")}
    assert found["ML116"].message == NEEDS + f"apply passes extra_body={{{both}}}" + UNCONFIRMED
    assert found["ML118"].message.startswith(
        "glm-4.7-flash thinks before it answers unless told not to, which gpt-4.1-nano did not"
    )
    assert found["ML116"].edit == found["ML118"].edit
    assert change.after == HEAD + (
        "client.chat.completions.create(\n"
        f"    extra_body={{{both}}},\n"
        '    model="glm-4.7-flash",\n'
        "    messages=[],\n"
        "    tools=TOOLS,\n"
        "    stream=True,\n"
        ")\n"
    )
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert [f.rule for f in again.findings if f.edit is not None] == []


BOT = (
    "\n\nclass Bot:\n"
    "    def answer(self, q{given}):\n"
    "        return self.ask(q{passed})\n\n"
    "    def ask(self, q, stream=False):\n"
    "        return client.chat.completions.create(\n"
    "            model='glm-4.6', messages=q, tools=TOOLS, stream=stream\n"
    "        )\n"
)


@pytest.mark.parametrize(
    ("given", "passed", "reported"),
    [
        ("", ", stream=True", True),  # t49b D4: chatgpt-telegram-bot's helper
        ("", ", True", True),
        (", streaming", ", stream=streaming", True),  # chosen by answer()'s callers
        (", streaming=False", ", stream=streaming", False),
        ("", "", False),  # the default
        ("", ", stream=False", False),
    ],
)
def test_a_method_parameter_is_followed_to_its_calls_through_self(
    registry, given, passed, reported
):
    change = migrate(registry, HEAD + BOT.format(given=given, passed=passed))
    assert [f[2] for f in ml116(change)] == (["review"] if reported else [])
    if reported:
        assert 'extra_body={"tool_stream": True},\n            model=' in change.after
        assert_idempotent(registry, change)


def test_a_method_called_on_the_class_binds_no_self(registry):
    before = HEAD + (
        "\n\nclass Bot:\n"
        "    @classmethod\n"
        "    def answer(cls, q):\n"
        "        return cls.ask(q, True)\n\n"
        "    @classmethod\n"
        "    def ask(cls, q, stream=False):\n"
        "        return client.chat.completions.create(\n"
        "            model='glm-4.6', messages=q, tools=TOOLS, stream=stream\n"
        "        )\n"
    )
    assert [f[2] for f in ml116(migrate(registry, before))] == ["review"]


def test_check_fails_on_the_trial_repro_until_apply_passes_the_entry(tmp_path):
    """repros/r4_self_method_stream.py of t49b: `check` was green (exit 0)."""
    path = tmp_path / "helper.py"
    path.write_text(
        "import openai\n"
        'TOOLS = [{"type": "function", "function": {"name": "f", "parameters": {}}}]\n'
        "class Helper:\n"
        "    def __init__(self):\n"
        '        self.client = openai.OpenAI(base_url="https://open.bigmodel.cn/api/paas/v4", '
        'api_key="x")\n'
        "    def answer_stream(self, messages):\n"
        "        return self.ask(messages, stream=True)\n"
        "    def ask(self, messages, stream=False):\n"
        "        return self.client.chat.completions.create(\n"
        '            model="glm-4-air-250414", messages=messages, tools=TOOLS, stream=stream)\n'
    )
    runner = CliRunner()
    red = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert red.exit_code == 1
    assert f"helper.py:9:16 ML116 {NEEDS}apply passes" in red.stdout
    applied = runner.invoke(app, ["apply", "--provider", "zhipu", "--yes", str(path)])
    assert applied.exit_code == 0, applied.output
    assert '            extra_body={"tool_stream": True},\n' in path.read_text()
    green = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert green.exit_code == 0, green.stdout
