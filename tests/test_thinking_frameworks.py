"""ML118's switch in each framework's form (t47b, D7): agno's and LlamaIndex's class rewrites
(ML685, ML611) write it in their edit, the Agents SDK's Agent and litellm's call get it from
ML118, mem0's llm config has no setting for it (ML670 says so)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import applied, findings, migrate

SWITCH = {"thinking": {"type": "disabled"}}
KEY = 'os.environ.get("ZAI_API_KEY", "unset")'
# litellm's zai/ route sends OPENAI_API_KEY for an empty key: the read is never empty there
LITELLM_KEY = 'os.environ.get("ZAI_API_KEY") or "unset"'
BASE = 'os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'


def test_agnos_openaichat_becomes_openailike_with_the_switch(registry):
    before = (
        "from agno.agent import Agent\nfrom agno.models.openai import OpenAIChat\n\n"
        'agent = Agent(model=OpenAIChat(id="gpt-4.1-nano"))\n'
    )
    assert applied(registry, before, "zhipu") == (
        "import os\n\nfrom agno.agent import Agent\nfrom agno.models.openai import OpenAILike\n\n"
        "agent = Agent(\n    model=OpenAILike(\n"
        f"        api_key={KEY},\n        base_url={BASE},\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        "        supports_native_structured_outputs=False,\n"
        '        id="glm-4.7-flash",\n    )\n)\n'
    )
    [rewrite] = migrate(registry, before, "zhipu").findings
    assert rewrite.rule == "ML685" and rewrite.data["extra_body"] == SWITCH
    assert (
        "'glm-4.7-flash' thinks before it answers unless told not to, which 'gpt-4.1-nano' did "
        'not: extra_body={"thinking": {"type": "disabled"}} turns that off' in rewrite.message
    )


def test_llamaindex_openai_gets_the_switch_in_additional_kwargs(registry):
    before = (
        "from llama_index.llms.openai import OpenAI\n\n"
        'llm = OpenAI(model="gpt-4.1-nano", additional_kwargs={"seed": 1})\n'
        'other = OpenAI(model="gpt-4.1-nano", additional_kwargs=KW)\n'
    )
    after = applied(registry, before, "zhipu")
    assert after == (
        "import os\n\nfrom llama_index.llms.openai_like import OpenAILike\n\n"
        "llm = OpenAILike(\n"
        f"    api_key={KEY},\n    api_base={BASE},\n"
        "    is_chat_model=True,\n    is_function_calling_model=True,\n"
        '    model="glm-4.7-flash",\n'
        '    additional_kwargs={"extra_body": {"thinking": {"type": "disabled"}}, "seed": 1},\n'
        ")\n"
        "other = OpenAILike(\n"
        f"    api_key={KEY},\n    api_base={BASE},\n"
        "    is_chat_model=True,\n    is_function_calling_model=True,\n"
        '    model="glm-4.7-flash",\n    additional_kwargs=KW,\n)\n'
    )
    added, left = migrate(registry, before, "zhipu").findings
    assert added.data["extra_body"] == SWITCH and "extra_body" not in left.data
    assert (
        'apply adds "extra_body": {"thinking": {"type": "disabled"}} to its additional_kwargs'
        in added.message
    )
    assert (
        'add "thinking": {"type": "disabled"} to its "extra_body" in additional_kwargs=KW, by '
        "hand (ML118)" in left.message
    )


def test_an_agents_model_settings_get_the_switch(registry):
    before = (
        "from agents import Agent, ModelSettings\n\n"
        'a = Agent(name="a", model="gpt-4.1-nano", model_settings=ModelSettings())\n'
        'b = Agent(name="b", model="gpt-4.1-nano", '
        'model_settings=ModelSettings(extra_body={"x": 1}))\n'
        'c = Agent(name="c", model="gpt-4.1-nano", '
        'model_settings=ModelSettings(reasoning={"effort": "low"}))\n'
    )
    after = applied(registry, before, "zhipu")
    assert (
        'a = Agent(\n    name="a",\n    model="glm-4.7-flash",\n'
        '    model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}}),\n)\n'
    ) in after
    assert (
        'model_settings=ModelSettings(extra_body={"thinking": {"type": "disabled"}, "x": 1}),'
        in after
    )
    assert 'model_settings=ModelSettings(reasoning={"effort": "low"}),' in after
    assert [f for f in findings(registry, before, "zhipu") if f[1] == "ML118"] == [
        (3, "ML118", "review"),
        (4, "ML118", "review"),
    ]


def test_litellms_call_gets_the_switch_beside_the_route(registry):
    before = 'import litellm\n\nreply = litellm.completion(model="gpt-4.1-nano", messages=[])\n'
    assert applied(registry, before, "zhipu") == (
        "import os\n\nimport litellm\n\nreply = litellm.completion(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    model="zai/glm-4.7-flash",\n'
        f"    api_key={LITELLM_KEY},\n    api_base={BASE},\n    messages=[],\n)\n"
    )


def test_the_findings_json_of_an_agent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        'from agents import Agent\n\nagent = Agent(name="a", model="gpt-4.1-nano")\n'
    )
    result = CliRunner().invoke(app, ["scan", "app.py", "--provider", "zhipu", "--format", "json"])
    [found] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML118"]
    assert (found["line"], found["column"], found["fix"], found["data"]) == (
        3,
        9,
        "review",
        {"extra_body": SWITCH},
    )


def test_mem0s_llm_config_is_told_it_cannot_turn_thinking_off(registry):
    text = (
        "from mem0 import Memory\n\n"
        'm = Memory.from_config({"llm": {"provider": "openai", "config": '
        '{"model": "gpt-4.1-nano"}}})\n'
    )
    [llm] = [f for f in migrate(registry, text, "zhipu").findings if '"llm"' in f.message]
    assert (
        "\"model\" to 'glm-4.7-flash' (for 'gpt-4.1-nano'), which thinks before it answers "
        "unless told not to, unlike 'gpt-4.1-nano', and mem0's config has no setting that "
        "turns it off (extra_body): where the program wants quick answers, map "
        "'gpt-4.1-nano' to a model that does not think (--model gpt-4.1-nano=NAME), by hand"
    ) in llm.message
