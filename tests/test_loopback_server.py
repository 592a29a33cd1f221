"""The loopback server answers as the provider files say: thinking models reply with
`reasoning_content` and (where the file lists `tool_turn_fields`) refuse a tool turn sent back
without it; tool calls carry arguments fitting the tool's schema, streamed as OpenAI streams
them."""

from __future__ import annotations

import json

import openai
import pytest

from .loopback_server import THOUGHT, THOUGHT_MISSING, LoopbackServer

OFF = {"thinking": {"type": "disabled"}}
ORDER_TOOL = {
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
ASK = [{"role": "user", "content": "Where is order 42?"}]


@pytest.fixture
def serve():
    """Start the servers a test asks for (`serve(server)` gives a client); stop them after."""
    started: list[LoopbackServer] = []

    def start(server: LoopbackServer) -> openai.OpenAI:
        started.append(server.start())
        return openai.OpenAI(api_key="test-key", base_url=server.base + "/v1", max_retries=0)

    yield start
    for server in started:
        server.stop()


def thought(message) -> object:
    return (message.model_extra or {}).get("reasoning_content")


def tool_turn(reply, keep_thought: bool) -> list[dict]:
    """The history after a tool call: the assistant turn (with or without its reasoning, as a
    program rebuilding it as a dict might) and the tool's result."""
    message = reply.choices[0].message
    turn = {"role": "assistant", "content": None, "tool_calls": [message.tool_calls[0].to_dict()]}
    if keep_thought:
        turn["reasoning_content"] = thought(message)
    result = {"role": "tool", "tool_call_id": message.tool_calls[0].id, "content": "shipped"}
    return [*ASK, turn, result]


@pytest.mark.parametrize(
    ("provider_id", "model", "thinks"),
    [
        ("deepseek", "deepseek-v4-pro", True),
        ("deepseek", "deepseek-flash", True),
        ("deepseek", "deepseek-coder", False),  # not among its thinking_models
        ("moonshot", "kimi-k2.6", True),
        ("moonshot", "kimi-k3", True),  # always_thinking
        ("moonshot", "moonshot-v1-8k", False),
        ("doubao", "doubao-seed-1-6-251015", True),
        ("qwen", "qwen3-32b", True),
        ("qwen", "qwen-plus", False),
        ("openai", "o3", False),  # OpenAI's chat API does not return the reasoning
        ("openai", "gpt-4o", False),
    ],
)
def test_a_model_the_file_says_thinks_replies_with_its_reasoning(
    registry, serve, provider_id, model, thinks
):
    client = serve(LoopbackServer.for_provider(registry.get(provider_id)))
    text = client.chat.completions.create(model=model, messages=ASK)
    call = client.chat.completions.create(model=model, messages=ASK, tools=[ORDER_TOOL])
    expected = THOUGHT if thinks else None
    assert (thought(text.choices[0].message), text.choices[0].message.content) == (
        expected,
        f"reply from {model}",
    )
    assert thought(call.choices[0].message) == expected
    assert call.choices[0].finish_reason == "tool_calls"


@pytest.mark.parametrize(
    ("provider_id", "model", "switch", "thinks"),
    [
        ("deepseek", "deepseek-v4-pro", OFF, False),
        ("moonshot", "kimi-k2.6", OFF, False),
        ("moonshot", "kimi-k3", OFF, True),  # no switch turns it off
        ("qwen", "qwen3-32b", {"enable_thinking": False}, False),
        ("qwen", "qwen3-32b", OFF, True),  # DeepSeek's switch is not Qwen's
    ],
)
def test_the_files_switch_turns_thinking_off(registry, serve, provider_id, model, switch, thinks):
    client = serve(LoopbackServer.for_provider(registry.get(provider_id)))
    reply = client.chat.completions.create(model=model, messages=ASK, extra_body=switch)
    assert thought(reply.choices[0].message) == (THOUGHT if thinks else None)


def test_thinking_false_serves_no_model_thinking(registry, serve):
    client = serve(LoopbackServer.for_provider(registry.get("moonshot"), thinking=False))
    for model in ("kimi-k2.6", "kimi-k3"):
        reply = client.chat.completions.create(model=model, messages=ASK, tools=[ORDER_TOOL])
        assert thought(reply.choices[0].message) is None
        history = tool_turn(reply, keep_thought=False)
        assert client.chat.completions.create(model=model, messages=history).choices[0]


@pytest.mark.parametrize(
    ("provider_id", "model"), [("deepseek", "deepseek-v4-pro"), ("moonshot", "kimi-k3")]
)
def test_a_tool_turn_sent_back_without_its_reasoning_is_refused(
    registry, serve, provider_id, model
):
    server = LoopbackServer.for_provider(registry.get(provider_id))
    client = serve(server)
    reply = client.chat.completions.create(model=model, messages=ASK, tools=[ORDER_TOOL])
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model=model, messages=tool_turn(reply, keep_thought=False))
    assert refused.value.status_code == 400
    assert refused.value.body == {"message": THOUGHT_MISSING, "type": "invalid_request_error"}
    kept = client.chat.completions.create(model=model, messages=tool_turn(reply, True))
    assert kept.choices[0].message.content == f"reply from {model}"
    turns = [[m for m in r.body["messages"] if m["role"] == "assistant"] for r in server.requests]
    assert [[t.get("reasoning_content") for t in ts] for ts in turns] == [[], [None], [THOUGHT]]


def test_a_file_listing_no_tool_turn_fields_takes_the_turn_without_reasoning(registry, serve):
    """Doubao's Seed models think by default, but its file says nothing of the tool turn."""
    client = serve(LoopbackServer.for_provider(registry.get("doubao")))
    model = "doubao-seed-1-6-251015"
    reply = client.chat.completions.create(model=model, messages=ASK, tools=[ORDER_TOOL])
    assert thought(reply.choices[0].message) == THOUGHT
    final = client.chat.completions.create(model=model, messages=tool_turn(reply, False))
    assert final.choices[0].message.content == f"reply from {model}"


def test_a_deepseek_tool_turn_with_thinking_turned_off_needs_no_reasoning(registry, serve):
    client = serve(LoopbackServer.for_provider(registry.get("deepseek")))
    model = "deepseek-v4-pro"
    reply = client.chat.completions.create(
        model=model, messages=ASK, tools=[ORDER_TOOL], extra_body=OFF
    )
    assert thought(reply.choices[0].message) is None
    history = tool_turn(reply, keep_thought=False)
    final = client.chat.completions.create(model=model, messages=history, extra_body=OFF)
    assert final.choices[0].message.content == f"reply from {model}"


SCHEMA = {
    "type": "object",
    "properties": {
        "city": {"type": "string"},
        "days": {"type": "integer"},
        "ratio": {"type": "number"},
        "metric": {"type": "boolean"},
        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "where": {"$ref": "#/$defs/Place"},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "optional": {"type": "string"},
    },
    "required": ["city", "days", "ratio", "metric", "unit", "tags", "where", "note"],
    "$defs": {
        "Place": {
            "type": "object",
            "properties": {"lat": {"type": "number"}, "name": {"type": "string"}},
            "required": ["lat"],
        }
    },
}
FILLED = {
    "city": "42",
    "days": 42,
    "ratio": 42,
    "metric": True,
    "unit": "celsius",
    "tags": ["42"],
    "where": {"lat": 42},
    "note": "42",
}
TOOLS = [
    {"type": "function", "function": {"name": "first", "parameters": {"type": "object"}}},
    {"type": "function", "function": {"name": "weather", "parameters": SCHEMA}},
]


def test_tool_call_arguments_fit_the_called_tools_schema(serve):
    client = serve(LoopbackServer())
    named = {"type": "function", "function": {"name": "weather"}}
    reply = client.chat.completions.create(
        model="gpt-4o", messages=ASK, tools=TOOLS, tool_choice=named
    )
    [call] = reply.choices[0].message.tool_calls
    assert (call.function.name, json.loads(call.function.arguments)) == ("weather", FILLED)
    first = client.chat.completions.create(model="gpt-4o", messages=ASK, tools=TOOLS)
    [call] = first.choices[0].message.tool_calls
    assert (call.function.name, call.function.arguments) == ("first", "{}")
    legacy = client.chat.completions.create(
        model="gpt-4o", messages=ASK, functions=[TOOLS[1]["function"]]
    )
    called = legacy.choices[0].message.function_call
    assert (called.name, json.loads(called.arguments)) == ("weather", FILLED)


def test_a_streamed_tool_call_comes_in_pieces(registry, serve):
    """As OpenAI streams one: the call's id, type and name first with empty arguments, then
    the arguments in pieces; a thinking model's reasoning before; finish_reason tool_calls."""
    client = serve(LoopbackServer.for_provider(registry.get("deepseek")))
    chunks = list(
        client.chat.completions.create(
            model="deepseek-v4-pro",
            messages=ASK,
            tools=[TOOLS[1]],
            stream=True,
        )
    )
    deltas = [c.choices[0].delta for c in chunks]
    assert [(d.model_extra or {}).get("reasoning_content") for d in deltas[:2]] == [None, THOUGHT]
    pieces = [d.tool_calls[0] for d in deltas if d.tool_calls]
    assert [(p.index, p.id, p.type) for p in pieces] == [
        (0, "call_1", "function"),
        (0, None, None),
        (0, None, None),
    ]
    assert [p.function.name for p in pieces] == ["weather", None, None]
    assert pieces[0].function.arguments == ""
    arguments = "".join(p.function.arguments for p in pieces)
    assert json.loads(arguments) == FILLED
    assert all(p.function.arguments for p in pieces[1:])
    assert [c.choices[0].finish_reason for c in chunks] == [None] * (len(chunks) - 1) + [
        "tool_calls"
    ]
    assert all(not d.content for d in deltas)


def test_a_streamed_reply_after_the_tool_result_is_text(registry, serve):
    client = serve(LoopbackServer.for_provider(registry.get("deepseek"), thinking=False))
    reply = client.chat.completions.create(
        model="deepseek-v4-pro", messages=ASK, tools=[ORDER_TOOL]
    )
    history = tool_turn(reply, keep_thought=False)
    chunks = list(
        client.chat.completions.create(
            model="deepseek-v4-pro", messages=history, tools=[ORDER_TOOL], stream=True
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "streamed "
    assert [c.choices[0].finish_reason for c in chunks][-1] == "stop"
    assert not any(c.choices[0].delta.tool_calls for c in chunks)


def test_an_audio_upload_is_answered_and_recorded(serve, tmp_path):
    """A transcription's multipart upload is answered (the server used to drop the
    connection), so a test can see which key reached the host serving audio (t64c)."""
    server = LoopbackServer()
    client = serve(server)
    audio = tmp_path / "hello.wav"
    audio.write_bytes(b"RIFF0000WAVE")
    with audio.open("rb") as f:
        reply = client.audio.transcriptions.create(model="whisper-1", file=f)
    assert reply.text == "transcript of hello.wav by whisper-1"
    with audio.open("rb") as f:
        text = client.audio.transcriptions.create(model="whisper-1", file=f, response_format="text")
    assert text == "transcript of hello.wav by whisper-1"
    assert [(r.path, r.headers["authorization"], r.body) for r in server.requests] == [
        (
            "/v1/audio/transcriptions",
            "Bearer test-key",
            {"model": "whisper-1", "file": {"filename": "hello.wav", "size": 12}},
        ),
        (
            "/v1/audio/transcriptions",
            "Bearer test-key",
            {
                "model": "whisper-1",
                "file": {"filename": "hello.wav", "size": 12},
                "response_format": "text",
            },
        ),
    ]
