"""Trial t57b, what the OpenAI Agents SDK rules read of an Agent's model and settings: ML634
on an Agent running on `LitellmModel(...)` (litellm's moonshot/ route gives the tool turn its
reasoning back from 1.83.12 on, so only a project pinning an older litellm is told), and
ML111 on `ModelSettings(...)` followed to the Agents using them (settings only Agents on
another library or server use are not the provider's request)."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import PINS_LITELLM_UNFILLED, RunFacts, facts_of

PINNED = RunFacts(litellm_unfilled=frozenset({"moonshot"}))
LITELLM_AGENT = (
    "from agents import Agent\n"
    "from agents.extensions.models.litellm_model import LitellmModel\n\n"
    "agent = Agent(\n"
    '    name="a",\n'
    "    tools=[lookup],\n"
    '    model=LitellmModel(model="moonshot/kimi-k2.6"),\n'
    ")\n"
)


def found(registry, text: str, rule: str, facts: RunFacts | None = None) -> list[tuple]:
    """(line, severity, message) of the findings of `rule` for moonshot."""
    ctx = RuleContext(registry, registry.get("moonshot"), facts=facts or RunFacts())
    return [
        (f.line, f.severity.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == rule
    ]


def test_a_litellm_model_agent_is_reported_where_the_pin_predates_the_route_filling_it(
    registry,
):
    assert found(registry, LITELLM_AGENT, "ML634", PINNED) == [
        (
            4,
            "error",
            "Agent() has tools or handoffs, and its model 'kimi-k2.6' of Moonshot AI (Kimi) "
            "thinks by default: it rejects the request after a tool call (HTTP 400) unless that "
            "turn gives back its reasoning_content, which the SDK replays for DeepSeek models "
            "only and litellm's moonshot/ route gives back from 1.83.12 on, a release the "
            "project's litellm requirement admits none of: add model_settings=ModelSettings("
            "extra_body={'thinking': {'type': 'disabled'}}) to it, or pass "
            "should_replay_reasoning_content=lambda ctx: True to its LitellmModel() on line 7, "
            "or upgrade litellm to >=1.83.12, by hand",
        )
    ]
    # the OpenAI model ML640 moves onto the route, before apply
    openai_model = LITELLM_AGENT.replace("moonshot/kimi-k2.6", "openai/gpt-4o")
    assert [line for line, _, _ in found(registry, openai_model, "ML634", PINNED)] == [4]


def test_a_litellm_model_agent_left_alone(registry):
    # no pin: a release filling it is installed (measured on the loopback server, 1.110.2)
    assert found(registry, LITELLM_AGENT, "ML634") == []
    told = LITELLM_AGENT.replace(
        '"moonshot/kimi-k2.6")', '"moonshot/kimi-k2.6", should_replay_reasoning_content=r)'
    )
    off = LITELLM_AGENT.replace(
        "    tools=[lookup],\n",
        '    tools=[lookup],\n    model_settings=ModelSettings(extra_body={"thinking": '
        '{"type": "disabled"}}),\n',
    ).replace("import Agent\n", "import Agent, ModelSettings\n")
    other = LITELLM_AGENT.replace("moonshot/kimi-k2.6", "openrouter/moonshotai/kimi-k2")
    for text in (told, off, other):
        assert found(registry, text, "ML634", PINNED) == [], text


def test_a_litellm_pin_below_the_release_filling_it_is_a_run_fact():
    bit = PINS_LITELLM_UNFILLED["moonshot"]
    assert facts_of("requirements", b"litellm==1.83.4\n", True, False, set()) & bit
    for admits in (b"litellm>=1.83.12\n", b"litellm\n", b"litellm>=1.80\n"):
        assert not facts_of("requirements", admits, True, False, set()) & bit, admits


SETTINGS = (
    "from agents import Agent, ModelSettings, OpenAIChatCompletionsModel\n"
    "from agents.extensions.models.litellm_model import LitellmModel\n"
    "from openai import AsyncOpenAI\n\n"
    'local = AsyncOpenAI(base_url="http://localhost:11434/v1", api_key="x")\n'
    'forced = ModelSettings(tool_choice="required")\n'
    'model_settings = ModelSettings(tool_choice="required")\n'
    'shared = ModelSettings(tool_choice="required")\n'
    'kimi = LitellmModel(model="moonshot/kimi-k2.6")\n'
    "a = Agent(name='a', tools=[f], model=kimi, model_settings=forced)\n"
    "b = Agent(\n"
    "    name='b',\n"
    "    tools=[f],\n"
    '    model=OpenAIChatCompletionsModel("llama3", local),\n'
    "    model_settings=model_settings,\n"
    ")\n"
    "c = Agent(name='c', tools=[f], model_settings=shared)\n"
    "d = Agent(name='d', tools=[f], model=kimi, model_settings=shared)\n"
    "e = Agent(name='e', tools=[f], model=kimi, model_settings=ModelSettings("
    'tool_choice="required"))\n'
    "g = Agent(name='g', tools=[f], model_settings=ModelSettings(tool_choice=\"required\"))\n"
    "\n\ndef settings():\n"
    '    return ModelSettings(tool_choice="required")\n'
)


def test_model_settings_are_checked_where_an_agent_on_the_provider_uses_them(registry):
    """t57b E follow-up: settings used only by an Agent on litellm's route (which sends
    "required" as a user message) or on a local server are not the provider's request;
    settings shared with an Agent on the SDK's default client, written in its call, or
    used where the module does not show by which Agent are."""
    message = (
        'tool_choice="required" is not accepted by Moonshot AI (Kimi) (accepted: none, auto); '
        'use "auto" and check that the model calls a tool (unconfirmed: '
    )
    reported = found(registry, SETTINGS, "ML111")
    assert [(line, severity) for line, severity, _ in reported] == [
        (8, "warning"),
        (20, "warning"),
        (24, "warning"),
    ]
    assert all(text.startswith(message) for _, _, text in reported)


def test_settings_read_otherwise_are_checked(registry):
    text = (
        "from agents import Agent, ModelSettings\n\n"
        'forced = ModelSettings(tool_choice="required")\n'
        "agent = Agent(name='a', tools=[f], model='litellm/moonshot/kimi-k2.6', "
        "model_settings=forced)\n"
        "other = forced\n"
    )
    assert [line for line, _, _ in found(registry, text, "ML111")] == [3]
    used_once = text.replace("other = forced\n", "")
    assert found(registry, used_once, "ML111") == []
