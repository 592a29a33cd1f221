"""t49d D2 and D4: LangChain's older ChatOpenAI (langchain-community, langchain's deprecated
path) gets DeepSeek's thinking switch in its `model_kwargs` (it has no `extra_body` field); an
agent sending the legacy `functions=` is reported (ML111); ML118 says nothing of the target's
models for a client a factory method points at another provider (ML003's note). Exact
before/after text and findings."""

from __future__ import annotations

import pytest

from .framework_rewrites import migrate

KEY = 'openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
URL = 'openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
SWITCH = '"extra_body": {"thinking": {"type": "disabled"}}'
THINKS = (
    "'deepseek-flash' thinks before it answers unless told not to, which 'gpt-4o-mini' did not: "
)


@pytest.mark.parametrize(
    "module", ["langchain_community.chat_models", "langchain.chat_models"], ids=["community", "old"]
)
def test_the_older_class_gets_the_switch_in_model_kwargs(registry, module):
    before = f'from {module} import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini")\n'
    change = migrate(registry, before, "deepseek")
    assert change.after == (
        f"import os\n\nfrom {module} import ChatOpenAI\nllm = ChatOpenAI(\n"
        f"    {KEY},\n    {URL},\n    model_kwargs={{{SWITCH}}},\n"
        '    tiktoken_model_name="gpt-4o-mini",\n    model="deepseek-flash",\n)\n'
    )
    (finding,) = change.findings
    assert finding.rule == "ML601"
    assert finding.data["extra_body"] == {"thinking": {"type": "disabled"}}
    assert finding.message.endswith(
        f"; {THINKS}model_kwargs={{{SWITCH}}} turns that off (drop it where the program wants "
        "the reasoning)"
    )
    assert migrate(registry, change.after, "deepseek").after == change.after


def test_a_model_kwargs_dict_written_in_the_call_gets_the_entry(registry):
    before = (
        "from langchain_community.chat_models import ChatOpenAI\n"
        'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0, model_kwargs={"top_p": 0.5})\n'
    )
    change = migrate(registry, before, "deepseek")
    assert change.after == (
        "import os\n\nfrom langchain_community.chat_models import ChatOpenAI\nllm = ChatOpenAI(\n"
        f"    {KEY},\n    {URL},\n"
        '    tiktoken_model_name="gpt-4o-mini",\n    model="deepseek-flash",\n    temperature=0,\n'
        f'    model_kwargs={{{SWITCH}, "top_p": 0.5}},\n)\n'
    )
    (finding,) = change.findings
    assert finding.message.endswith(
        f"; {THINKS}apply adds {SWITCH} to its model_kwargs (drop it where the program wants the "
        "reasoning)"
    )
    assert migrate(registry, change.after, "deepseek").after == change.after


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            'model_kwargs={"extra_body": {"seed": 1}}',
            'add "thinking": {"type": "disabled"} to its "extra_body" in '
            'model_kwargs={"extra_body": {"seed": 1}}, by hand (ML118)',
        ),
        (
            "model_kwargs=KWARGS",
            'add "thinking": {"type": "disabled"} to its "extra_body" in model_kwargs=KWARGS, by '
            "hand (ML118)",
        ),
        # the class moves `extra_body=` into model_kwargs and refuses it given both ways
        (
            'extra_body={"seed": 1}',
            'add "thinking": {"type": "disabled"} to it in extra_body={"seed": 1}, by hand (ML118)',
        ),
    ],
    ids=["entry", "name", "own-keyword"],
)
def test_a_body_the_rewrite_cannot_extend_is_left_to_a_person(registry, given, said):
    before = (
        "from langchain_community.chat_models import ChatOpenAI\n"
        f'llm = ChatOpenAI(model="gpt-4o-mini", {given})\n'
    )
    change = migrate(registry, before, "deepseek")
    assert "thinking" not in change.after and change.after.count("model_kwargs") <= 1
    (finding,) = change.findings
    assert "extra_body" not in finding.data
    assert finding.message.endswith(f"; {THINKS}{said}")


def test_a_body_that_chooses_already_is_kept(registry):
    before = (
        "from langchain_community.chat_models import ChatOpenAI\n"
        'llm = ChatOpenAI(model="gpt-4o-mini", model_kwargs={"extra_body": {"thinking": '
        '{"type": "enabled"}}})\n'
    )
    change = migrate(registry, before, "deepseek")
    assert change.after.count("thinking") == 1
    assert "thinks" not in change.findings[0].message


AGENT_HEAD = (
    "from langchain.agents import AgentType, create_openai_functions_agent, initialize_agent\n"
)
UNCONFIRMED = (
    " (unconfirmed: functions and function_call are absent from the API reference, which lists "
    "tools and tool_choice; the docs do not say the legacy parameters are rejected)"
)


@pytest.mark.parametrize(
    ("cls", "build", "shown", "column"),
    [
        (
            "langchain_community.chat_models",
            "initialize_agent(TOOLS, llm, agent=AgentType.OPENAI_FUNCTIONS)",
            "initialize_agent(agent=AgentType.OPENAI_FUNCTIONS)",
            38,
        ),
        (
            "langchain_openai",
            'initialize_agent(TOOLS, llm, "openai-multi-functions")',
            'initialize_agent(agent="openai-multi-functions")',
            38,
        ),
        (
            "langchain_openai",
            "create_openai_functions_agent(llm=llm, tools=TOOLS, prompt=PROMPT)",
            "create_openai_functions_agent()",
            9,
        ),
    ],
    ids=["initialize-agent", "agent-type-string", "create-functions-agent"],
)
def test_an_agent_sending_the_legacy_functions_is_reported(registry, cls, build, shown, column):
    before = (
        f"{AGENT_HEAD}from {cls} import ChatOpenAI\n\n"
        f'llm = ChatOpenAI(model="deepseek-flash", base_url="https://api.deepseek.com")\n'
        f"agent = {build}\n"
    )
    change = migrate(registry, before, "deepseek")
    (finding,) = (f for f in change.findings if f.rule == "ML111")
    assert (finding.line, finding.column, finding.fix.value) == (5, column, "manual")
    on = (
        " on langchain_openai's ChatOpenAI (this ChatOpenAI has no bind_tools)"
        if cls != "langchain_openai"
        else ""
    )
    assert finding.message == (
        f"{shown} builds an agent whose requests send the legacy functions= (OpenAI's function "
        "calling), which DeepSeek does not support: build it with create_tool_calling_agent(llm, "
        f"tools, prompt){on}, which sends tools=, by hand{UNCONFIRMED}"
    )


@pytest.mark.parametrize(
    ("build", "url", "provider"),
    [
        (
            "initialize_agent(TOOLS, llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)",
            "",
            "deepseek",
        ),
        ("initialize_agent(TOOLS, llm, agent=AgentType.OPENAI_FUNCTIONS)", "", "acme"),
        (
            "initialize_agent(TOOLS, llm, agent=AgentType.OPENAI_FUNCTIONS)",
            ', base_url="http://localhost:8000/v1"',
            "deepseek",
        ),
        ("initialize_agent(TOOLS, make(), agent=AgentType.OPENAI_FUNCTIONS)", "", "deepseek"),
    ],
    ids=["react-agent", "provider-with-functions", "own-server", "model-not-shown"],
)
def test_other_agents_and_models_are_not_reported(registry, build, url, provider):
    before = (
        f"{AGENT_HEAD}from langchain_openai import ChatOpenAI\n\n"
        f'llm = ChatOpenAI(model="gpt-4o-mini"{url})\nagent = {build}\n'
    )
    change = migrate(registry, before, provider)
    assert [f for f in change.findings if "functions=" in f.message] == []


PPIO = (
    "import dataclasses\n\nimport openai\n\n\n@dataclasses.dataclass\nclass Bot:\n"
    "    key: str\n    api_base: str = {url}\n\n"
    "    def _make_client(self):\n"
    "        return openai.AsyncOpenAI(api_key=self.key, base_url=self.api_base)\n\n"
    "    async def ask(self, ms, **options):\n"
    "        client = self._make_client()\n"
    "        return await client.chat.completions.create(messages=ms, **options)\n\n"
    "    async def again(self, ms, **options):\n"
    "        return await self._make_client().chat.completions.create(messages=ms, **options)\n"
)


def test_a_client_a_factory_points_at_another_provider_gets_no_ml118(registry):
    """xiaogpt's ppio_bot.py: ML003 says the client points at PPIO and is left; the requests
    through it are not DeepSeek's, whose models ML118 would speak of."""
    before = PPIO.format(url='"https://api.ppinfra.com/openai"')
    change = migrate(registry, before, "deepseek")
    assert change.after == before
    assert [(f.rule, f.line) for f in change.findings] == [("ML003", 12)]
    assert change.findings[0].message == (
        "AsyncOpenAI() points at https://api.ppinfra.com/openai, not OpenAI; left as it is"
    )


def test_a_client_a_factory_points_at_openai_still_gets_ml118(registry):
    before = PPIO.format(url="None")
    change = migrate(registry, before, "deepseek")
    notes = [f.line for f in change.findings if f.rule == "ML118"]
    assert notes == [16, 19]
