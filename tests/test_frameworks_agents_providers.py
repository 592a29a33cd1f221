"""Agents SDK runs through a model provider of the program's own (ML630, ML631), and the SDK's
helper that tests its default model's name (ML205). Trial 34b: `RunConfig(model_provider=
Local())`, whose `get_model` builds a chat model on a client at localhost, got
`model="deepseek-v4-pro"` on its Agent and the SDK's default client, so the program's own
server received DeepSeek's model name; `is_gpt_5_default()` still took its GPT-5 branch."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

PROVIDER_CLASS = (
    "from agents import Agent, ModelProvider, OpenAIChatCompletionsModel, RunConfig, Runner\n"
    "from openai import AsyncOpenAI\n"
    "\n"
    'home = AsyncOpenAI(base_url="http://127.0.0.1:11434/v1", api_key="none")\n'
    "\n"
    "\n"
    "class Home(ModelProvider):\n"
    "    def get_model(self, model_name):\n"
    '        return OpenAIChatCompletionsModel(model=model_name or "qwen3:8b", openai_client=home)\n'
    "\n"
    "\n"
)
OWN_RUN = (
    PROVIDER_CLASS + 'helper = Agent(name="helper", instructions="Answer briefly.")\n'
    'print(Runner.run_sync(helper, "ping", run_config=RunConfig(model_provider=Home())))\n'
)
LEFT_OUT = "set_default_openai_client() and set_default_openai_api()"


def found(registry, text: str, provider: str = "deepseek") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding but ML003's (the client at localhost)."""
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule != "ML003"
    ]


def test_an_agent_run_through_its_own_provider_gets_no_model_and_no_default_client(registry):
    after = applied(registry, OWN_RUN, "deepseek")
    assert after == (
        "from agents import (\n"
        "    Agent,\n"
        "    ModelProvider,\n"
        "    OpenAIChatCompletionsModel,\n"
        "    RunConfig,\n"
        "    Runner,\n"
        "    set_tracing_disabled,\n"
        ")\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "set_tracing_disabled(True)\n" + OWN_RUN.split("\n", 2)[2]
    )
    provider = "model_provider=Home() on line 13"
    assert found(registry, OWN_RUN) == [
        (
            12,
            "ML630",
            "review",
            "Agent() of the OpenAI Agents SDK uploads traces to OpenAI with OPENAI_API_KEY; "
            f"apply sets tracing off, and leaves out {LEFT_OUT}: this module's runs pass their "
            f"own model provider ({provider})",
        ),
        (
            12,
            "ML631",
            "none",
            f"Agent() has no model=, so the model provider this module's runs pass ({provider}) "
            "chooses its model: apply leaves it",
        ),
    ]
    assert found(registry, after) == [
        (
            21,
            "ML630",
            "none",
            "Agent() of the OpenAI Agents SDK runs through the model provider this module's "
            f"runs pass (model_provider=Home() on line 22): apply leaves out {LEFT_OUT}",
        ),
        (
            21,
            "ML631",
            "none",
            "Agent() has no model=, so the model provider this module's runs pass "
            "(model_provider=Home() on line 22) chooses its model: apply leaves it",
        ),
    ]


def test_a_provider_held_in_a_constant_on_a_client_read_at_run_time(registry):
    # custom_example_provider.py's shape, in our words: the instance in a constant, a client
    # whose URL comes from a variable, tracing already off, the run's config a dict
    text = (
        "import os\n"
        "\n"
        "from agents import Agent, ModelProvider, OpenAIChatCompletionsModel, Runner\n"
        "from agents import set_tracing_disabled\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        'gateway = AsyncOpenAI(base_url=os.getenv("GATEWAY_URL"), api_key=os.getenv("GATEWAY_KEY"))\n'
        "set_tracing_disabled(disabled=True)\n"
        "\n"
        "\n"
        "class Gateway(ModelProvider):\n"
        "    def get_model(self, model_name):\n"
        '        return OpenAIChatCompletionsModel(model_name or "house", openai_client=gateway)\n'
        "\n"
        "\n"
        "GATEWAY = Gateway()\n"
        "\n"
        "\n"
        "async def main():\n"
        '    poet = Agent(name="poet", instructions="Write haikus.")\n'
        '    return await Runner.run(poet, "rain", run_config={"model_provider": GATEWAY})\n'
    )
    assert applied(registry, text, "qwen") == text
    provider = "model_provider=GATEWAY on line 21"
    assert found(registry, text, "qwen") == [
        (
            20,
            "ML630",
            "none",
            "Agent() of the OpenAI Agents SDK runs through the model provider this module's "
            f"runs pass ({provider}): apply leaves out {LEFT_OUT}",
        ),
        (
            20,
            "ML631",
            "none",
            f"Agent() has no model=, so the model provider this module's runs pass ({provider}) "
            "chooses its model: apply leaves it",
        ),
    ]


def test_a_run_without_the_own_provider_leaves_the_agents_for_a_person(registry):
    text = (
        PROVIDER_CLASS + 'helper = Agent(name="helper")\n'
        'local = Runner.run_sync(helper, "ping", run_config=RunConfig(model_provider=Home()))\n'
        'remote = Runner.run_sync(helper, "ping")\n'
    )
    after = applied(registry, text, "deepseek")
    assert 'helper = Agent(name="helper")\n' in after
    assert "set_default_openai_client(\n" in after  # the run without it needs the client
    assert [f for f in found(registry, text) if f[1] == "ML631"] == [
        (
            12,
            "ML631",
            "manual",
            "Agent() has no model=: this module has a model provider of its own "
            "(model_provider=Home() on line 13), but not every run passes it (Runner.run_sync() "
            "on line 14), and which runs reach this Agent is not followed: apply leaves it; give "
            "it one of DeepSeek's models if a run without that provider reaches it",
        )
    ]


def test_a_provider_class_on_its_own_server_in_a_module_that_runs_no_agent(registry):
    text = PROVIDER_CLASS + 'helper = Agent(name="helper")\n'
    assert [f for f in found(registry, text) if f[1] == "ML631"] == [
        (
            12,
            "ML631",
            "manual",
            "Agent() has no model=: this module has a model provider of its own (class Home on "
            "line 7) and runs no agent itself, so which provider chooses this Agent's model is "
            "not known here: apply leaves it; give it one of DeepSeek's models if a run "
            "without that provider reaches it",
        )
    ]


def test_the_sdks_openai_providers_keep_the_default_model_mapped(registry):
    text = (
        "from agents import Agent, MultiProvider, RunConfig, Runner\n"
        "from agents.models.openai_provider import OpenAIProvider\n"
        "\n"
        "PROVIDER = OpenAIProvider()\n"
        'a = Agent(name="a")\n'
        'Runner.run_sync(a, "x", run_config=RunConfig(model_provider=MultiProvider()))\n'
        'Runner.run_sync(a, "x", run_config=RunConfig(model_provider=PROVIDER))\n'
    )
    after = applied(registry, text, "deepseek")
    assert 'a = Agent(model="deepseek-v4-pro", name="a")\n' in after
    assert "set_default_openai_client(\n" in after


def test_a_provider_class_on_a_client_apply_moves_keeps_the_default_model_mapped(registry):
    # its client becomes DeepSeek's (ML001): the Agent's model goes there
    text = PROVIDER_CLASS.replace(
        'AsyncOpenAI(base_url="http://127.0.0.1:11434/v1", api_key="none")', "AsyncOpenAI()"
    )
    text += 'helper = Agent(name="helper")\n'
    assert 'helper = Agent(model="deepseek-v4-pro", name="helper")\n' in applied(
        registry, text, "deepseek"
    )


def test_litellm_provider_is_left_for_a_person(registry):
    text = (
        "from agents import Agent, RunConfig, Runner\n"
        "from agents.extensions.models.litellm_provider import LitellmProvider\n"
        "\n"
        'a = Agent(name="a")\n'
        'Runner.run_sync(a, "x", run_config=RunConfig(model_provider=LitellmProvider()))\n'
    )
    assert [f for f in found(registry, text) if f[1] == "ML631"] == [
        (
            4,
            "ML631",
            "manual",
            "Agent() has no model=: this module runs agents through LitellmProvider() on line "
            "5, which hands litellm the model name, and for an Agent without one the SDK's "
            "default, OpenAI's 'gpt-5.6-luna': apply leaves it; give it DeepSeek's model as "
            "litellm names it, by hand",
        )
    ]


GPT_5_BRANCH = (
    "is_gpt_5_default() is an OpenAI model-family check: it tests the Agents SDK's default "
    "model ('gpt-5.6-luna' unless OPENAI_DEFAULT_MODEL is set), not the model the Agents "
    "run, so after the switch it still answers as for GPT-5, which DeepSeek's models are not; "
    "change the check by hand"
)


def test_is_gpt_5_default_is_a_model_family_check(registry):
    text = (
        "import agents.models\n"
        "from agents.models import is_gpt_5_default\n"
        "\n"
        "\n"
        "def keep_history(data):\n"
        "    if is_gpt_5_default():\n"
        "        return data\n"
        "    return agents.models.is_gpt_5_default() or data[2:]\n"
    )
    assert found(registry, text) == [
        (6, "ML205", "manual", GPT_5_BRANCH),
        (8, "ML205", "manual", GPT_5_BRANCH),
    ]
    assert applied(registry, text, "deepseek") == text
    assert found(registry, text, "openai") == []


def test_a_function_of_the_same_name_is_not_the_sdks(registry):
    text = (
        "from agents import Agent\n"
        "\n"
        "\n"
        "def is_gpt_5_default():\n"
        "    return False\n"
        "\n"
        "\n"
        'a = Agent(name="a", model="deepseek-v4-pro") if is_gpt_5_default() else None\n'
    )
    assert [f[1] for f in found(registry, text)] == ["ML630"]
