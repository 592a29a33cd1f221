"""The OpenAI Agents SDK's Responses-only features (ML632), its OpenAI providers built
directly (ML630), its voice and realtime APIs (ML633) and thinking models with tools (ML634):
exact findings, messages and text after `apply`, with the real provider files (trial t43c)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import ScanOptions, scan
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings

SETUP = (
    "set_default_openai_client(\n"
    "    AsyncOpenAI(\n"
    '        api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
    '        base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
    "    ),\n"
    "    use_for_tracing=False,\n"
    ")\n"
    'set_default_openai_api("chat_completions")\n'
    "set_tracing_disabled(True)\n"
)
KIMI = "Moonshot AI (Kimi)"


def messages(registry, text: str, provider: str, rule: str) -> list[tuple[int, str, str]]:
    """(line, severity, message) of the findings of `rule`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.severity.value, f.message)
        for f in check_python(text, ctx, (*_rules(),))
        if f.rule == rule
    ]


def _rules():
    from migrate_llm.rules import PYTHON_RULES

    return PYTHON_RULES


@pytest.mark.parametrize(
    "tool",
    [
        'ShellTool(executor=None, environment={"type": "container_auto"})',
        "ApplyPatchTool(editor=Editor())",
        'CustomTool(name="x", description="d", on_invoke_tool=run)',
        "ProgrammaticToolCallingTool()",
    ],
)
def test_the_responses_tools_of_sdk_0_22_are_hosted_tools(registry, tool):
    name = tool.split("(")[0]
    text = (
        f"from agents import Agent, {name}\n\n"
        f'agent = Agent(name="a", model="kimi-k2.6", tools=[{tool}])\n'
    )
    assert messages(registry, text, "moonshot", "ML632") == [
        (
            3,
            "error",
            f"{name}() is a hosted tool that only OpenAI's Responses API runs; the chat "
            f"completions API of {KIMI} rejects it: replace it with a @function_tool of your own "
            "or remove it",
        )
    ]


def test_responses_only_function_tool_features_and_tool_choice(registry):
    text = (
        "from agents import ModelSettings, tool_namespace\n"
        "from agents.decorators import tool\n\n\n"
        '@tool(allowed_callers=["programmatic"], defer_loading=True)\n'
        "def stock(sku: str) -> int:\n    return 3\n\n\n"
        'tools = tool_namespace(name="n", description=None, tools=[stock])\n'
        'settings = ModelSettings(tool_choice="programmatic_tool_calling")\n'
        'plain = ModelSettings(tool_choice="auto")\n'
    )
    chat = f"the chat completions API of {KIMI}"
    assert messages(registry, text, "moonshot", "ML632") == [
        (
            5,
            "error",
            "allowed_callers= of tool() is a tool feature that only OpenAI's Responses models "
            f"take; with {chat} the SDK raises UserError for this tool: remove it",
        ),
        (
            5,
            "error",
            "defer_loading= of tool() is a tool feature that only OpenAI's Responses models "
            f"take; with {chat} the SDK raises UserError for this tool: remove it",
        ),
        (
            10,
            "error",
            "tool_namespace() groups tools for the tool search of OpenAI's Responses models; "
            f"with {chat} the SDK raises UserError for its tools: pass them as plain tools",
        ),
        (
            11,
            "error",
            "tool_choice='programmatic_tool_calling' of ModelSettings() is only taken by "
            f"OpenAI's Responses models; with {chat} the SDK raises UserError: use 'auto' or "
            "remove it",
        ),
    ]


def test_state_kept_by_openai_a_stored_prompt_and_the_websocket_session(registry):
    text = (
        "from agents import Agent, Runner, responses_websocket_session\n\n"
        'agent = Agent(name="a", model="kimi-k2.6", prompt={"id": "pmpt_1"})\n\n\n'
        "async def main(conv):\n"
        '    first = await Runner.run(agent, "Largest country?")\n'
        '    await Runner.run(agent, "Its capital?", previous_response_id=first.last_response_id)\n'
        '    Runner.run_sync(agent, "hi", conversation_id=conv.id, previous_response_id=None)\n'
        "    async with responses_websocket_session() as ws:\n"
        '        await ws.run(agent, "hi")\n'
    )
    chat = f"the chat completions API of {KIMI}"
    history = (
        "sends the turn without the history: pass the history as the input instead "
        '({}.to_input_list() + [{{"role": "user", "content": ...}}]) or use a local session '
        "(SQLiteSession)"
    )
    assert messages(registry, text, "moonshot", "ML632") == [
        (
            3,
            "error",
            "prompt= of Agent() is a prompt template stored on OpenAI, which only the Responses "
            f"API reads; on {chat} the SDK ignores it: write the prompt's text as instructions= "
            "instead",
        ),
        (
            8,
            "error",
            "previous_response_id= of Runner.run() names state kept by OpenAI's Responses API; "
            f"on {chat} the SDK ignores it and " + history.format("first"),
        ),
        (
            9,
            "error",
            "conversation_id= of Runner.run_sync() names state kept by OpenAI's Responses API; "
            f"on {chat} the SDK ignores it and " + history.format("conv"),
        ),
        (
            10,
            "error",
            "responses_websocket_session() runs agents on OpenAI's Responses API over a "
            f"websocket, which {KIMI} does not serve: use Runner.run() or Runner.run_streamed() "
            "instead",
        ),
    ]


def test_an_openai_provider_built_directly_gets_the_sdk_defaults(registry):
    before = (
        "from agents.models.openai_provider import OpenAIProvider\n\n\n"
        "async def main():\n"
        '    model = OpenAIProvider().get_model("kimi-k2.6")\n'
        "    return model\n"
    )
    after = (
        "import os\n\n"
        "from agents import (\n    set_default_openai_api,\n    set_default_openai_client,\n"
        "    set_tracing_disabled,\n)\n"
        "from agents.models.openai_provider import OpenAIProvider\n"
        "from openai import AsyncOpenAI\n\n" + SETUP + "\n\n"
        "async def main():\n"
        '    model = OpenAIProvider().get_model("kimi-k2.6")\n'
        "    return model\n"
    )
    assert applied(registry, before, "moonshot") == after
    assert findings(registry, after, "moonshot") == [(12, "ML003", "none")]  # a note


def test_an_openai_provider_with_a_client_of_its_own_is_left_with_what_to_write(registry):
    text = (
        "import os\n\n"
        "from agents import OpenAIProvider, RunConfig\n\n"
        'provider = OpenAIProvider(api_key=os.environ["OPENAI_API_KEY"], base_url=None)\n'
        "responses = OpenAIProvider(use_responses=True)\n"
        "chat = OpenAIProvider(use_responses=False)\n"
    )
    write = (
        "write OpenAIProvider(openai_client=AsyncOpenAI("
        'api_key=os.environ["MOONSHOT_API_KEY"], base_url=os.environ.get("MOONSHOT_BASE_URL", '
        f'"https://api.moonshot.cn/v1")), use_responses=False) for {KIMI}'
    )
    assert messages(registry, text, "moonshot", "ML630") == [
        (
            5,
            "error",
            "OpenAIProvider() of the OpenAI Agents SDK builds its own OpenAI client (api_key=), "
            f"which the SDK's default client does not replace: {write}",
        ),
        (
            6,
            "error",
            "OpenAIProvider() of the OpenAI Agents SDK asks for OpenAI's Responses API "
            f"(use_responses=): {write}",
        ),
        (
            7,
            "error",
            "OpenAIProvider() of the OpenAI Agents SDK calls OpenAI's Responses API with "
            "OPENAI_API_KEY and uploads traces to OpenAI; apply sets the SDK's default client "
            f"for {KIMI} (key from MOONSHOT_API_KEY, base URL from MOONSHOT_BASE_URL, default "
            "https://api.moonshot.cn/v1), the chat completions API, and tracing off",
        ),
    ]
    assert [f for f in findings(registry, text, "moonshot") if f[1] == "ML630"] == [
        (5, "ML630", "manual"),
        (6, "ML630", "manual"),
        (7, "ML630", "review"),
    ]


def test_a_module_that_only_builds_a_provider_is_scanned_and_check_fails(tmp_path):
    (tmp_path / "app.py").write_text(
        "from agents.models.openai_provider import OpenAIProvider\n\n"
        'model = OpenAIProvider().get_model("kimi-k2.6")\n',
        encoding="utf-8",
    )
    (tmp_path / "live.py").write_text(
        "from agents.realtime import RealtimeRunner\n\nrunner = RealtimeRunner(agent)\n",
        encoding="utf-8",
    )
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="moonshot"))
    assert [(f.path, f.line, f.rule, f.fix.value) for f in result.findings] == [
        ("app.py", 3, "ML630", "review"),
        ("live.py", 3, "ML633", "manual"),
    ]


VOICE = (
    "from agents.voice import SingleAgentVoiceWorkflow, VoicePipeline, VoicePipelineConfig\n\n"
    "a = VoicePipeline(workflow=SingleAgentVoiceWorkflow(agent))\n"
    'b = VoicePipeline(workflow=w, stt_model="gpt-4o-transcribe", tts_model=MyTTS())\n'
    "c = VoicePipeline(workflow=w, config=VoicePipelineConfig(model_provider=Mine()))\n"
    "d = VoicePipeline(workflow=w, stt_model=MySTT(), tts_model=MyTTS())\n"
)


def test_voice_pipelines_on_a_provider_without_audio(registry):
    head = (
        "VoicePipeline() runs OpenAI's speech models (gpt-4o-transcribe, gpt-4o-mini-tts) on "
        "the audio API of the SDK's default client"
    )
    no_audio = (
        "; Moonshot AI (Kimi) has no audio API: give it stt_model= and tts_model= of a service "
        "that has one, or keep voice on another service"
    )
    assert messages(registry, VOICE, "moonshot", "ML633") == [
        (3, "error", head + no_audio),
        (4, "error", head + no_audio),
    ]
    zhipu = registry.get("zhipu").name
    assert messages(registry, VOICE, "zhipu", "ML633")[0] == (
        3,
        "warning",
        f"{head}, which {zhipu} does not serve by those names: give it the provider's speech "
        "models (stt_model=, tts_model=), by hand",
    )


def test_realtime_connects_to_openai_whatever_the_provider_file_says(registry):
    text = (
        "from agents.realtime import OpenAIRealtimeWebSocketModel, RealtimeAgent, RealtimeRunner\n\n"
        'agent = RealtimeAgent(name="a")\n'
        "runner = RealtimeRunner(agent, model=OpenAIRealtimeWebSocketModel())\n"
    )
    tail = (
        "connects to OpenAI's Realtime API (wss://api.openai.com/v1/realtime) with "
        "OPENAI_API_KEY, whatever the SDK's default client; "
    )
    advice = (
        " Realtime API: keep realtime on another service, or build the turn from "
        "speech-to-text, an Agent and text-to-speech"
    )
    assert messages(registry, text, "moonshot", "ML633") == [
        (4, "error", f"RealtimeRunner() {tail}{KIMI} has no{advice}"),
        (4, "error", f"OpenAIRealtimeWebSocketModel() {tail}{KIMI} has no{advice}"),
    ]
    qwen = registry.get("qwen").name
    assert messages(registry, text, "qwen", "ML633")[0] == (
        4,
        "error",
        f"RealtimeRunner() {tail}{qwen} does not list a{advice}",
    )


THINKING = (
    "from agents import Agent, ModelSettings, function_tool\n\n\n"
    "@function_tool\n"
    "def lookup(order_id: str) -> str:\n"
    '    return f"order {order_id}: shipped"\n\n\n'
    'agent = Agent(name="A", instructions="x", model="gpt-4o", tools=[lookup])\n'
    'triage = Agent(name="T", handoffs=[agent])\n'
    'plain = Agent(name="P", model="gpt-4o", tools=[])\n'
    "off = Agent(\n"
    '    name="O",\n'
    '    model="kimi-k2.6",\n'
    "    tools=[lookup],\n"
    '    model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}}),\n'
    ")\n"
)


def test_agents_with_tools_on_a_model_that_thinks_by_default(registry):
    message = (
        "Agent() has tools or handoffs, and its model 'kimi-k2.6' of Moonshot AI (Kimi) "
        "thinks by default: it rejects the request after a tool call (HTTP 400) unless that "
        "turn gives back its reasoning_content, which the SDK replays for DeepSeek models "
        "only: add model_settings=ModelSettings(extra_body={'thinking': {'type': 'disabled'}}) "
        "to it, or run it on OpenAIChatCompletionsModel(..., should_replay_reasoning_content="
        "lambda ctx: True), by hand"
    )
    # the Agent on gpt-4o gets the switch from ML118's edit; the one on the SDK's default
    # (a model that thinks, mapped to kimi-k2.6) is left to a person
    assert messages(registry, THINKING, "moonshot", "ML634") == [(10, "error", message)]
    assert [f for f in findings(registry, THINKING, "moonshot") if f[1] == "ML118"] == [
        (9, "ML118", "review"),
        (11, "ML118", "review"),
    ]
    after = applied(registry, THINKING, "moonshot")
    assert [f for f in findings(registry, after, "moonshot") if f[1] == "ML634"] == [
        (36, "ML634", "manual"),
    ]


@pytest.mark.parametrize("provider", ["deepseek", "qwen", "openai"])
def test_no_thinking_finding_where_the_sdk_replays_or_nothing_needs_it(registry, provider):
    assert messages(registry, THINKING, provider, "ML634") == []
