"""Trial t57b (openai-agents-python examples moved to Kimi): what `check` passed while the
program still reached OpenAI or failed on the provider. Model names on the SDK's litellm and
any-llm routes (ML640), thinking Agents on an `OpenAIChatCompletionsModel` or continuing a
history with tool calls (ML634), `ModelSettings(tool_choice="required")` (ML111) and a file
part given by URL (ML632): exact findings, text after `apply`, and `check`'s exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

KIMI = "Moonshot AI (Kimi)"
# never empty: litellm's moonshot/ route sends OPENAI_API_KEY for an empty key
KEY = 'os.environ["MOONSHOT_API_KEY"] or "unset"'
BASE = 'os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")'
OFF = "model_settings=ModelSettings(extra_body={'thinking': {'type': 'disabled'}})"
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


def found(registry, text: str, rule: str, provider: str = "moonshot") -> list[tuple]:
    """(line, severity, fix, message, edits) of the findings of `rule`."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.edit is not None)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def check(tmp_path: Path, text: str, monkeypatch) -> tuple[int, list[str]]:
    """`migrate-llm check . --provider moonshot` on `text` as app.py: exit code, rules."""
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot", "--format", "json"])
    return result.exit_code, [f["rule"] for f in json.loads(result.stdout)["findings"]]


LITELLM_ROUTE = (
    "import asyncio\n\n"
    "from agents import Agent, Runner, set_tracing_disabled\n\n"
    "set_tracing_disabled(True)\n\n\n"
    "async def main():\n"
    '    agent = Agent(name="a", instructions="Be brief.", model="litellm/openai/gpt-4o-mini")\n'
    '    print((await Runner.run(agent, "hi")).final_output)\n'
)


def test_a_model_name_on_the_litellm_route_moves_as_litellm_model_does(
    registry, tmp_path, monkeypatch
):
    """t57b A (repro r1): the SDK hands 'openai/gpt-4o-mini' to litellm with no key or base
    URL, which sent it to api.openai.com with OPENAI_API_KEY; check passed."""
    assert found(registry, LITELLM_ROUTE, "ML640") == [
        (
            9,
            "error",
            "review",
            "model='litellm/openai/gpt-4o-mini' of Agent() is OpenAI's gpt-4o-mini on the SDK's "
            "litellm route, which builds LitellmModel('openai/gpt-4o-mini') with no key or base "
            "URL: litellm sends it to api.openai.com with OPENAI_API_KEY; apply writes "
            "model=LitellmModel(model='moonshot/kimi-k2.6') (litellm's moonshot route) with the "
            "key from MOONSHOT_API_KEY and the base URL from MOONSHOT_BASE_URL (default "
            "https://api.moonshot.cn/v1)",
            True,
        )
    ]
    after = applied(registry, LITELLM_ROUTE, "moonshot")
    assert after == (
        "import asyncio\nimport os\n\n"
        "from agents import Agent, Runner, set_tracing_disabled\n"
        "from agents.extensions.models.litellm_model import LitellmModel\n\n"
        "set_tracing_disabled(True)\n\n\n"
        "async def main():\n"
        "    agent = Agent(\n"
        '        name="a",\n'
        '        instructions="Be brief.",\n'
        "        model=LitellmModel(\n"
        '            model="moonshot/kimi-k2.6",\n'
        f"            api_key={KEY},\n"
        f"            base_url={BASE},\n"
        "        ),\n"
        "    )\n"
        '    print((await Runner.run(agent, "hi")).final_output)\n'
    )
    assert check(tmp_path, LITELLM_ROUTE, monkeypatch) == (1, ["ML640"])
    assert check(tmp_path, after, monkeypatch) == (0, [])


@pytest.mark.parametrize(
    ("written", "model"),
    [
        ('Agent(name="a", model="litellm/gpt-4o")', "gpt-4o"),
        ('RunConfig(model="litellm/openai/gpt-4o-mini")', "gpt-4o-mini"),
    ],
)
def test_the_litellm_route_of_an_agent_or_a_run_config(registry, written, model):
    text = f"from agents import Agent, RunConfig\n\nx = {written}\n"
    assert [f[:3] for f in found(registry, text, "ML640")] == [(3, "error", "review")]
    after = applied(registry, text, "moonshot")
    assert 'model=LitellmModel(\n        model="moonshot/kimi-k2.6",\n' in after
    assert "from agents.extensions.models.litellm_model import LitellmModel\n" in after
    assert found(registry, after, "ML640") == []
    assert f"OpenAI's {model} on the SDK's litellm route" in found(registry, text, "ML640")[0][3]


def test_a_model_name_on_the_any_llm_route_is_left_with_what_to_write(
    registry, tmp_path, monkeypatch
):
    text = (
        'from agents import Agent\n\nagent = Agent(name="a", model="any-llm/openai/gpt-4o-mini")\n'
    )
    message = (
        "model='any-llm/openai/gpt-4o-mini' of Agent() is OpenAI's gpt-4o-mini on the SDK's "
        "any-llm route, which builds AnyLLMModel('openai/gpt-4o-mini') with no key or base URL: "
        'any-llm sends it to api.openai.com with OPENAI_API_KEY; write model=AnyLLMModel(model="'
        'openai/kimi-k2.6", api_key=os.environ.get("MOONSHOT_API_KEY", "unset"), '
        f'base_url={BASE}, api="chat_completions") for {KIMI} (from '
        "agents.extensions.models.any_llm_model import AnyLLMModel), by hand: without api= "
        "any-llm's OpenAI provider calls the Responses API"
    )
    assert found(registry, text, "ML640") == [(3, "error", "manual", message, False)]
    after = applied(registry, text, "moonshot")
    assert 'model="any-llm/openai/gpt-4o-mini"' in after
    assert check(tmp_path, after, monkeypatch) == (1, ["ML640"])


def test_routes_to_other_services_and_the_providers_own_are_not_reported(registry):
    for model in ("litellm/anthropic/claude-x", "litellm/moonshot/kimi-k2.6", "any-llm/x/y"):
        text = f'from agents import Agent\n\nagent = Agent(name="a", model="{model}")\n'
        assert found(registry, text, "ML640") == []


CHAT_MODEL = (
    "import os\n\n"
    "from agents import Agent, OpenAIChatCompletionsModel, function_tool, set_tracing_disabled\n"
    "from openai import AsyncOpenAI\n\n"
    "set_tracing_disabled(True)\n"
    "client = AsyncOpenAI(\n"
    f"    base_url={BASE},\n"
    '    api_key=os.environ["MOONSHOT_API_KEY"],\n'
    ")\n"
    "{model_line}\n\n"
    "@function_tool\n"
    "def lookup(q: str) -> str:\n"
    '    return "42"\n\n\n'
    "agent = Agent(\n"
    '    name="a",\n'
    "    tools=[lookup],\n"
    "    model=OpenAIChatCompletionsModel(model=MODEL, openai_client=client{extra}),\n"
    ")\n"
)


@pytest.mark.parametrize(
    "model_line",
    ['MODEL = "kimi-k2.6"', 'MODEL = os.getenv("MODEL_NAME") or "kimi-k2.6"'],
)
def test_a_thinking_model_on_a_chat_completions_model_with_tools(
    registry, tmp_path, monkeypatch, model_line
):
    """t57b C (repros r5, r5b): ML003's advice followed, the client pointed at Moonshot in
    the code; check passed, the second request failed with 400. r5c's fix is not reported."""
    text = CHAT_MODEL.format(model_line=model_line, extra="")
    assert found(registry, text, "ML634") == [
        (
            18,
            "error",
            "manual",
            f"Agent() has tools or handoffs, and its model 'kimi-k2.6' of {KIMI} thinks by "
            "default: it rejects the request after a tool call (HTTP 400) unless that turn gives "
            "back its reasoning_content, which the SDK replays for DeepSeek models only: add "
            f"{OFF} to it, or pass should_replay_reasoning_content=lambda ctx: True to its "
            "OpenAIChatCompletionsModel() on line 21, by hand",
            False,
        )
    ]
    assert check(tmp_path, text, monkeypatch) == (1, ["ML634"])
    replayed = CHAT_MODEL.format(
        model_line=model_line, extra=", should_replay_reasoning_content=lambda ctx: True"
    )
    assert check(tmp_path, replayed, monkeypatch) == (0, [])


def test_a_chat_completions_model_on_another_server_or_a_model_that_answers_at_once(registry):
    text = CHAT_MODEL.format(model_line='MODEL = "moonshot-v1-8k"', extra="")
    assert found(registry, text, "ML634") == []
    elsewhere = CHAT_MODEL.format(model_line='MODEL = "kimi-k2.6"', extra="").replace(
        BASE, '"http://127.0.0.1:8080/v1"'
    )
    assert found(registry, elsewhere, "ML634") == []


def receiver(why: str) -> str:
    return (
        f"Agent() is {why}, and its model 'kimi-k2.6' of {KIMI} thinks by default: it rejects a "
        "history whose assistant turns with tool calls do not give back their "
        "reasoning_content (HTTP 400), which the SDK replays for DeepSeek models only: add "
        f"{OFF} to it, by hand"
    )


HANDOFF = (
    "import asyncio\n\n"
    "from agents import Agent, ModelSettings, Runner, handoff\n\n"
    'french = Agent(name="french", instructions="Speak French.")\n'
    'spanish = Agent(name="spanish", instructions="Speak Spanish.")\n'
    "triage = Agent(\n"
    '    name="triage",\n'
    '    instructions="Hand off.",\n'
    "    handoffs=[french, handoff(spanish)],\n"
    '    model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}}),\n'
    ")\n"
    'print(asyncio.run(Runner.run(triage, "Bonjour")).final_output)\n'
)


def test_handoff_targets_continue_a_history_with_a_tool_call(registry, tmp_path, monkeypatch):
    """t57b B (repro r2): ML634 followed on the Agent handing off, check green, and the
    target's first request (thinking on, the handoff's tool call in its history) got 400."""
    target = receiver("a handoff target of the Agent on line 7")
    assert found(registry, HANDOFF, "ML634") == [
        (5, "error", "manual", target, False),
        (6, "error", "manual", target, False),
    ]
    after = applied(registry, HANDOFF, "moonshot")
    assert after.count('model="kimi-k2.6"') == 3
    assert [f[0] for f in found(registry, after, "ML634")] == [25, 26]
    fixed = after.replace(
        'Speak French."', f'Speak French.", {OFF.replace(chr(39), chr(34))}'
    ).replace('Speak Spanish."', f'Speak Spanish.", {OFF.replace(chr(39), chr(34))}')
    assert check(tmp_path, fixed, monkeypatch) == (0, [])


def test_a_handoff_whose_input_filter_chooses_the_history_is_left(registry):
    """t57b's handoffs/message_filter.py: `remove_all_tools` drops the tool calls before the
    Spanish agent runs (green once ML205 is followed)."""
    filtered = HANDOFF.replace(
        "handoff(spanish)", "handoff(spanish, input_filter=handoff_filters.remove_all_tools)"
    )
    assert [f[0] for f in found(registry, filtered, "ML634")] == [5]


RUN_ON_ITEMS = (
    "import asyncio\n\n"
    "from agents import Agent, ModelSettings, Runner, function_tool\n\n\n"
    "@function_tool\n"
    "def lookup(q: str) -> str:\n"
    '    return "42"\n\n\n'
    "worker = Agent(\n"
    '    name="worker",\n'
    "    tools=[lookup],\n"
    '    model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}}),\n'
    ")\n"
    'writer = Agent(name="writer", instructions="Summarise.")\n\n\n'
    "async def main():\n"
    '    first = await Runner.run(worker, "look it up")\n'
    '    items = first.to_input_list() + [{"role": "user", "content": "In one line."}]\n'
    "    print((await Runner.run(writer, items)).final_output)\n"
    "    print((await Runner.run(writer, first.to_input_list())).final_output)\n"
)


def test_an_agent_run_on_the_items_of_a_run_with_tool_calls(registry):
    """t57b B (repro r3, agents_as_tools.py): the writer continues the worker's history."""
    why = "the starting agent of Runner.run() on line 22, run on first.to_input_list()"
    assert found(registry, RUN_ON_ITEMS, "ML634") == [(16, "error", "manual", receiver(why), False)]
    no_tools = RUN_ON_ITEMS.replace("    tools=[lookup],\n", "")
    assert found(registry, no_tools, "ML634") == []


def test_an_agent_run_on_a_name_bound_to_the_items_of_a_run_with_tool_calls(registry):
    """The items reach the run through a name (`items = first.to_input_list() + [...]`, then
    `Runner.run(writer, items)`) and no other run of the writer shows them."""
    text = RUN_ON_ITEMS.replace(
        "    print((await Runner.run(writer, first.to_input_list())).final_output)\n", ""
    )
    why = "the starting agent of Runner.run() on line 22, run on first.to_input_list()"
    assert found(registry, text, "ML634") == [(16, "error", "manual", receiver(why), False)]
    rebound = text.replace("    print((await", '    items = ["hi"]\n    print((await')
    assert found(registry, rebound, "ML634") == []


def test_the_tool_choice_of_model_settings_is_checked_as_a_requests(
    registry, tmp_path, monkeypatch
):
    """t57b E (repro r6, forcing_tool_use.py): green after following ML634 while sending
    tool_choice "required", which ML111 reports in chat.completions.create."""
    text = (
        "import sys\n\n"
        "from agents import Agent, ModelSettings\n\n"
        'forced = sys.argv[1] == "forced"\n'
        "agent = Agent(\n"
        '    name="a",\n'
        "    tools=[lookup],\n"
        '    model_settings=ModelSettings(tool_choice="required" if forced else None),\n'
        ")\n"
    )
    assert found(registry, text, "ML111") == [
        (
            9,
            "warning",
            "manual",
            'tool_choice="required" (when forced) is not accepted by Moonshot AI (Kimi) '
            '(accepted: none, auto); use "auto" and check that the model calls a tool '
            "(unconfirmed: "
            + registry.get("moonshot").uncertain["params.tool_choice"].removeprefix("UNCONFIRMED: ")
            + ")",
            False,
        )
    ]
    after = applied(registry, text, "moonshot")
    off = '"thinking": {"type": "disabled"}'
    fixed = after.replace('tool_choice="required" if forced else None', f"extra_body={{{off}}}")
    assert check(tmp_path, after, monkeypatch)[0] == 1
    assert "ML111" in check(tmp_path, after, monkeypatch)[1]
    assert check(tmp_path, fixed, monkeypatch) == (0, [])


def test_a_file_part_given_by_url_is_reported_after_apply_too(registry, tmp_path, monkeypatch):
    """t57b D (repro r4, basic/remote_pdf.py): the SDK raises UserError before any request
    once apply has chosen the chat completions API; check passed."""
    text = (
        "import asyncio\n\n"
        "from agents import Agent, Runner\n\n"
        'agent = Agent(name="a", instructions="Summarise.", model="gpt-4o")\n'
        'items = [{"role": "user", "content": [{"type": "input_file", "file_url": URL}]}]\n'
        "print(asyncio.run(Runner.run(agent, items)).final_output)\n"
    )
    message = (
        'an "input_file" part given by file_url is read only by OpenAI\'s Responses API; on the '
        f'chat completions API of {KIMI} the SDK raises UserError ("Only file_data or file_id '
        'is supported for input_file") before any request: download the file and send its '
        "text, or its content as file_data (a base64 data URL) where the provider reads file "
        "parts"
    )
    assert found(registry, text, "ML632") == [(6, "error", "manual", message, False)]
    after = applied(registry, text, "moonshot")
    assert after.startswith("import asyncio\nimport os\n") and SETUP in after
    assert check(tmp_path, after, monkeypatch) == (1, ["ML632"])
