"""Rewrite tests for the OpenAI Agents SDK (ML630-ML632): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

from .framework_rewrites import applied, findings

CASES = [
    pytest.param(
        "zhipu",
        "from agents import Agent, OpenAIChatCompletionsModel, Runner\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "client = AsyncOpenAI()\n"
        'model = OpenAIChatCompletionsModel(model="gpt-4o", openai_client=client)\n'
        'agent = Agent(name="a", instructions="Be brief.", model=model)\n'
        "\n"
        "\n"
        "def run(q):\n"
        "    return Runner.run_sync(agent, q).final_output\n",
        # the Agent runs on its model's client (ML001 points it at the provider): the SDK's
        # default client and API would go unused (t43c)
        "import os\n"
        "\n"
        "from agents import Agent, OpenAIChatCompletionsModel, Runner, set_tracing_disabled\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "set_tracing_disabled(True)\n"
        "\n"
        "client = AsyncOpenAI(\n"
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n"
        'model = OpenAIChatCompletionsModel(model="glm-5.3", openai_client=client)\n'
        'agent = Agent(name="a", instructions="Be brief.", model=model)\n'
        "\n"
        "\n"
        "def run(q):\n"
        "    return Runner.run_sync(agent, q).final_output\n",
        id="client-model-and-tracing",
    ),
    pytest.param(
        "qwen",
        "import agents\n"
        "from agents import Agent, Runner, set_default_openai_client\n"
        "\n"
        'MODEL = "gpt-4o-mini"\n'
        "\n"
        "\n"
        "class Agent2(Agent):\n"
        "    pass\n"
        "\n"
        "\n"
        "def build():\n"
        '    return Agent(name="helper", model=MODEL, handoffs=[Agent(name="inner", model="gpt-4.1")])\n'
        "\n"
        "\n"
        'triage = agents.Agent(name="triage", tools=[agents.WebSearchTool()])\n',
        "import os\n"
        "\n"
        "import agents\n"
        "from agents import (\n"
        "    Agent,\n"
        "    Runner,\n"
        "    set_default_openai_api,\n"
        "    set_default_openai_client,\n"
        "    set_tracing_disabled,\n"
        ")\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "set_default_openai_client(\n"
        "    AsyncOpenAI(\n"
        '        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        "        base_url=os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        "    ),\n"
        "    use_for_tracing=False,\n"
        ")\n"
        'set_default_openai_api("chat_completions")\n'
        "set_tracing_disabled(True)\n"
        "\n"
        'MODEL = "qwen-plus"\n'
        "\n"
        "\n"
        "class Agent2(Agent):\n"
        "    pass\n"
        "\n"
        "\n"
        "def build():\n"
        "    return Agent(\n"
        '        name="helper", model=MODEL, handoffs=[Agent(name="inner", model="qwen4-max")]\n'
        "    )\n"
        "\n"
        "\n"
        'triage = agents.Agent(model="qwen4-max", name="triage", tools=[agents.WebSearchTool()])\n',
        id="nested-agents-constant-hosted-tool",
    ),
    pytest.param(
        "zhipu",
        'from myproject.agents import Agent\n\nagent = Agent(name="x", model="gpt-4o-mini")\n',
        'from myproject.agents import Agent\n\nagent = Agent(name="x", model="gpt-4o-mini")\n',
        id="own-agent-class",
    ),
    pytest.param(
        "zhipu",
        "import agents\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        'agents.set_default_openai_client(AsyncOpenAI(base_url="https://open.bigmodel.cn/api/paas/v4"), use_for_tracing=False)\n'
        'agents.set_default_openai_api("chat_completions")\n'
        "agents.set_tracing_disabled(True)\n"
        'model = agents.OpenAIResponsesModel("openai/gpt-4o", openai_client=AsyncOpenAI())\n'
        'agent = agents.Agent(name="a", model=model)\n',
        "import os\n"
        "\n"
        "import agents\n"
        "from openai import AsyncOpenAI\n"
        "\n"
        "agents.set_default_openai_client(\n"
        "    AsyncOpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url="https://open.bigmodel.cn/api/paas/v4",\n'
        "    ),\n"
        "    use_for_tracing=False,\n"
        ")\n"
        'agents.set_default_openai_api("chat_completions")\n'
        "agents.set_tracing_disabled(True)\n"
        "model = agents.OpenAIChatCompletionsModel(\n"
        '    "glm-5.3",\n'
        "    openai_client=AsyncOpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    ),\n"
        ")\n"
        'agent = agents.Agent(name="a", model=model)\n',
        id="responses-model",
    ),
]


_SETUP = (
    "set_default_openai_client(\n"
    "    AsyncOpenAI(\n"
    '        api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "        base_url=os.environ.get(\n"
    '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "        ),\n"
    "    ),\n"
    "    use_for_tracing=False,\n"
    ")\n"
    'set_default_openai_api("chat_completions")\n'
    "set_tracing_disabled(True)\n"
)
_SETTERS = (
    "from agents import (\n"
    "    Agent,\n"
    "    Runner,\n"
    "    set_default_openai_api,\n"
    "    set_default_openai_client,\n"
    "    set_tracing_disabled,\n"
    ")\n"
)
_RUN = 'agent = Agent(name="a", instructions="Be brief.")\nprint(Runner.run_sync(agent, "hello").final_output)\n'
_RAN = (
    'agent = Agent(model="qwen4-max", name="a", instructions="Be brief.")\n'
    'print(Runner.run_sync(agent, "hello").final_output)\n'
)
# The SDK read OPENAI_API_KEY when a run needed it, after `load_dotenv()`; the client apply
# sets reads the provider's key where it stands, so it goes below the load (t46b: a key kept
# in .env was never read, and the request carried "Bearer unset")
DOTENV_CASES = [
    pytest.param(
        "from dotenv import load_dotenv\nfrom agents import Agent, Runner\nload_dotenv()\n" + _RUN,
        "import os\n\nfrom dotenv import load_dotenv\n"
        + _SETTERS
        + "from openai import AsyncOpenAI\nload_dotenv()\n"
        + _SETUP
        + _RAN,
        id="load-after-the-imports",
    ),
    pytest.param(
        "import dotenv\n\ndotenv.load_dotenv(dotenv.find_dotenv())\n"
        "from agents import Agent, Runner\n\n" + _RUN,
        "import os\n\nimport dotenv\nfrom openai import AsyncOpenAI\n\n"
        "dotenv.load_dotenv(dotenv.find_dotenv())\n"
        "from agents import (\n"
        "    Agent,\n"
        "    Runner,\n"
        "    set_default_openai_api,\n"
        "    set_default_openai_client,\n"
        "    set_tracing_disabled,\n"
        ")\n\n" + _SETUP + "\n" + _RAN,
        id="module-load-then-imports",
    ),
    pytest.param(
        "from agents import Agent, Runner\n\n" + _RUN,
        "import os\n\n" + _SETTERS + "from openai import AsyncOpenAI\n\n" + _SETUP + "\n" + _RAN,
        id="no-load",
    ),
]


@pytest.mark.parametrize(("before", "after"), DOTENV_CASES)
def test_the_default_client_is_set_below_a_module_level_load_dotenv(registry, before, after):
    assert applied(registry, before, "qwen") == after


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after


def test_what_only_the_responses_api_runs_is_left_for_a_person(registry):
    text = (
        "from agents import Agent, FileSearchTool, WebSearchTool\n\n"
        'agent = Agent(name="a", model="glm-5.1", tools=[WebSearchTool(), FileSearchTool(['
        '"vs_1"])])\n'
    )
    assert [f for f in findings(registry, text, "zhipu") if f[1] != "ML630"] == [
        (3, "ML632", "manual"),
        (3, "ML632", "manual"),
    ]


def test_modules_that_set_the_sdk_up_get_nothing_more(registry):
    text = (
        "import os\n\n"
        "from agents import Agent, set_default_openai_api, set_default_openai_client\n"
        "from agents.tracing import set_tracing_disabled\n"
        "from openai import AsyncOpenAI\n\n"
        "set_default_openai_client(\n"
        '    AsyncOpenAI(api_key=os.environ["ZAI_API_KEY"], '
        'base_url="https://open.bigmodel.cn/api/paas/v4"),\n'
        "    use_for_tracing=False,\n"
        ")\n"
        'set_default_openai_api("chat_completions")\n'
        "set_tracing_disabled(True)\n"
        'agent = Agent(name="a", model="glm-5.1")\n'
    )
    assert findings(registry, text, "zhipu") == [(8, "ML003", "none")]


def test_without_a_provider_scan_names_the_sdk_defaults(registry):
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext as Context
    from migrate_llm.rules.python import check_python

    text = 'from agents import Agent\nagent = Agent(name="a", model="gpt-4o")\n'
    found = check_python(text, Context(registry), PYTHON_RULES)
    assert [(f.rule, f.fix.value) for f in found] == [("ML630", "manual")]


def test_qualified_names_the_table_entry_a_callee_imports(registry):
    import libcst as cst

    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.framework_args import qualified
    from migrate_llm.rules.python_context import PythonContext

    text = (
        "import agents\n"
        "from agents import Agent\n"
        "from mine import Runner\n"
        "agents.Agent()\n"
        "Agent[Context]()\n"
        "Runner()\n"
        "Missing()\n"
        "agents.Runner()\n"
    )
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    calls = [n.func for n in ctx.nodes if isinstance(n, cst.Call)]
    table = {"agents.Agent": 1, "agents.Runner": 2}
    expected = ["agents.Agent", "agents.Agent", None, None, "agents.Runner"]
    assert [qualified(ctx, f, table) for f in calls] == expected
    assert [qualified(ctx, f, frozenset(table)) for f in calls] == expected
    assert [qualified(ctx, f, {"agents.Agent"}) for f in calls] == [*expected[:4], None]
