"""autogen-ext's `model_info["function_calling"]` for a provider whose file does not say every
model takes tools (trial t51g): True unless the file says the model takes none (`[supports]
tools = false`, or `"partial"` with `[params] tool_models` not listing it), with a warning
that stays until a person says the model calls them; a client whose model is chosen at run
time (`model=config["model"]`) is moved to the provider too (ML661), and tools given to a
client whose `model_info` refuses them are an error. Exact text after `apply`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.errors import ProviderError
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied
from .test_providers import minimal

AGENT = "from autogen_agentchat.agents import AssistantAgent\n"
CLIENT = "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
TOOL = '\n\nasync def get_weather(city: str) -> str:\n    return "sunny"\n\n\n'


def _info(indent: str, calling: bool) -> str:
    inner = indent + "    "
    return (
        f"{indent}model_info={{\n"
        f'{inner}"vision": False,\n'
        f'{inner}"function_calling": {calling},\n'
        f'{inner}"json_output": False,\n'
        f'{inner}"family": "unknown",\n'
        f'{inner}"structured_output": False,\n'
        f"{indent}}},\n"
    )


def _found(registry, text: str, provider: str):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
    ]


SILICONFLOW_UNCONFIRMED = (
    'OpenAIChatCompletionClient()\'s model_info says "function_calling": True, so that '
    "autogen-ext passes on the tools an agent gives it (with False it refuses them); "
    "SiliconFlow serves tools on some models only, and its provider file does not say whether "
    "deepseek-ai/DeepSeek-V3.2 is one: where the program gives this client tools, handoffs or a "
    "workbench, check that deepseek-ai/DeepSeek-V3.2 calls them, then say so with "
    '`# migrate-llm: ignore[ML661]` on the line of "function_calling"; else set it False, by hand'
)


def test_a_client_given_tools_on_a_provider_with_tools_on_some_models_takes_them(registry):
    """The t51g repro: `"function_calling": False` made AssistantAgent(tools=...) raise, and
    check passed."""
    before = AGENT + CLIENT + TOOL + 'client = OpenAIChatCompletionClient(model="gpt-4o")\n'
    before += 'agent = AssistantAgent("a", model_client=client, tools=[get_weather])\n'
    after = applied(registry, before, "siliconflow")
    assert after == (
        "import os\n\n" + AGENT + CLIENT + TOOL + "client = OpenAIChatCompletionClient(\n"
        '    model="deepseek-ai/DeepSeek-V3.2",\n'
        '    api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"),\n'
        + _info("    ", True)
        + ")\n"
        'agent = AssistantAgent("a", model_client=client, tools=[get_weather])\n'
    )
    warning = (9, "ML661", "warning", "manual", SILICONFLOW_UNCONFIRMED)
    assert warning in _found(registry, before, "siliconflow")
    # after apply the warning stands on the line a person marks
    assert _found(registry, after, "siliconflow") == [(17, *warning[1:])]
    confirmed = after.replace(
        '"function_calling": True,', '"function_calling": True,  # migrate-llm: ignore[ML661]'
    )
    change = FileScanner(
        RuleContext(registry, registry.get("siliconflow")), Path(".")
    ).migrate_text(confirmed, "python", "app.py", "app.py")
    assert (change.after, list(change.findings)) == (confirmed, [])


def test_a_provider_serving_tools_everywhere_gets_no_warning(registry):
    before = CLIENT + 'client = OpenAIChatCompletionClient(model="gpt-4o")\n'
    assert '"function_calling": True,' in applied(registry, before, "deepseek")
    assert [f for f in _found(registry, before, "deepseek") if f[2] == "warning"] == []


def test_a_model_the_provider_file_lists_without_tools_refuses_them_and_says_so(registry):
    """Spark serves tools on 4.0Ultra and Max only: gpt-3.5-turbo maps to lite, whose
    model_info says False, and the agent given tools is an error; 4.0Ultra takes them."""
    before = AGENT + CLIENT + TOOL
    before += 'big = OpenAIChatCompletionClient(model="gpt-4o")\n'
    before += 'small = OpenAIChatCompletionClient(model="gpt-3.5-turbo")\n'
    before += 'agent = AssistantAgent("a", model_client=small, tools=[get_weather])\n'
    after = applied(registry, before, "spark")
    assert after.count('"function_calling": True,') == 1
    assert after.count('"function_calling": False,') == 1
    error = (
        11,
        "ML661",
        "error",
        "manual",
        "AssistantAgent(tools=...) gives its client tools, and the client's model_info says it "
        'takes none ("function_calling": False): autogen refuses them ("The model does not '
        'support function calling") before any request; iFLYTEK Spark serves tools on '
        "4.0Ultra, generalv3.5, max-32k only: give this client one of them with "
        '"function_calling": True, or drop the tools, by hand',
    )
    assert [
        f for f in _found(registry, before, "spark") if f[2] != "error" or f[3] == "manual"
    ] == [error]
    assert [f for f in _found(registry, after, "spark")] == [(35, *error[1:])]


def test_a_model_chosen_at_run_time_is_moved_without_touching_it(registry):
    """t51g: task_centric_memory's utils.py went to api.openai.com with check green."""
    before = CLIENT + "\n\ndef make(config):\n"
    before += '    return OpenAIChatCompletionClient(model=config["model"], temperature=0)\n'
    assert applied(registry, before, "siliconflow") == (
        "import os\n\n" + CLIENT + "\n\ndef make(config):\n"
        "    return OpenAIChatCompletionClient(\n"
        '        model=config["model"],\n'
        '        api_key=os.environ["SILICONFLOW_CN_API_KEY"],\n'
        "        base_url=os.environ.get(\n"
        '            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"\n'
        "        ),\n" + _info("        ", True) + "        temperature=0,\n"
        "    )\n"
    )
    moved, unconfirmed = _found(registry, before, "siliconflow")
    assert moved == (
        5,
        "ML661",
        "error",
        "review",
        "OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the key from "
        "SILICONFLOW_CN_API_KEY and the base URL from SILICONFLOW_BASE_URL (default "
        'https://api.siliconflow.cn/v1); its model, config["model"], is chosen at run time: it '
        "must name a model of SiliconFlow (ML503 maps one written in a config file)",
    )
    # a note: this module gives the client no tools
    assert unconfirmed[1:4] == ("ML661", "note", "manual")
    assert (
        "SiliconFlow serves tools on some models only, and the client's model is chosen"
        in (unconfirmed[4])
    )
    # DeepSeek serves tools on every model (nothing to confirm), and every model its table
    # gives OpenAI's chat models thinks unless told not to: the switch goes with the client
    assert applied(registry, before, "deepseek").endswith(
        "        model_info={\n"
        '            "vision": False,\n'
        '            "function_calling": True,\n'
        '            "json_output": True,\n'
        '            "family": "unknown",\n'
        '            "structured_output": False,\n'
        "        },\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        "        temperature=0,\n"
        "    )\n"
    )
    assert _found(registry, before, "deepseek") == [
        (
            5,
            "ML661",
            "error",
            "review",
            "OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the key from "
            "DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            'https://api.deepseek.com), and turns thinking off (extra_body={"thinking": {"type": '
            "\"disabled\"}}): each model DeepSeek's table gives OpenAI's chat models thinks before "
            "it answers unless told not to, and autogen-ext does not give its reasoning_content "
            "back after a tool call, which the next request then fails for (HTTP 400); its model, "
            'config["model"], is chosen at run time: it must name a model of DeepSeek (ML503 '
            "maps one written in a config file)",
        )
    ]


def test_a_model_chosen_at_run_time_on_the_providers_url_gets_model_info(registry):
    before = (
        "import os\n\n" + CLIENT + "\n\ndef make(model):\n    return OpenAIChatCompletionClient(\n"
        '        model=model, base_url="https://api.deepseek.com", '
        'api_key=os.environ["DEEPSEEK_API_KEY"]\n    )\n'
    )
    after = applied(registry, before, "deepseek")
    assert after.endswith(
        "    return OpenAIChatCompletionClient(\n"
        "        model=model,\n"
        '        base_url="https://api.deepseek.com",\n'
        '        api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        "        model_info={\n"
        '            "vision": False,\n'
        '            "function_calling": True,\n'
        '            "json_output": True,\n'
        '            "family": "unknown",\n'
        '            "structured_output": False,\n'
        "        },\n"
        "    )\n"
    )
    assert _found(registry, before, "deepseek") == [
        (
            7,
            "ML661",
            "error",
            "review",
            "OpenAIChatCompletionClient() sends its model (model) to DeepSeek without "
            "model_info, which autogen-ext needs for a model it does not know: apply adds it",
        )
    ]


def _config(registry, path: str, text: str, provider: str = "siliconflow"):
    kind = "json" if path.endswith(".json") else "yaml"
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, kind, path, path)
    again = scanner.migrate_text(change.after, kind, path, path)
    assert again.after == change.after
    return change, again.findings


YAML_UNCONFIRMED = (
    'this component config\'s model_info says "function_calling": true, so that autogen-ext '
    "passes on the tools an agent gives it (with false it refuses them); SiliconFlow serves "
    "tools on some models only, and its provider file does not say whether "
    "deepseek-ai/DeepSeek-V3.2 is one: where the program gives this client tools, handoffs or a "
    "workbench, check that deepseek-ai/DeepSeek-V3.2 calls them, then {}; else set it false, by "
    "hand"
)


def test_a_yaml_config_says_function_calling_true_and_notes_it_where_no_agent_gives_tools(
    registry,
):
    before = (
        "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
        "config:\n  model: gpt-4o\n  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    )
    change, left = _config(registry, "model_config.yaml", before)
    assert change.after == (
        "provider: autogen_ext.models.openai.OpenAIChatCompletionClient\n"
        "config:\n  model: deepseek-ai/DeepSeek-V3.2\n  base_url: https://api.siliconflow.cn/v1\n"
        "  model_info:\n    vision: false\n    function_calling: true\n    json_output: false\n"
        "    family: unknown\n    structured_output: false\n"
        "  api_key: REPLACE_WITH_YOUR_API_KEY\n"
    )
    message = YAML_UNCONFIRMED.format(
        'say so with `# migrate-llm: ignore[ML663]` on the line of "function_calling"'
    )
    # a note: no agent config here gives it tools (one that does gets a warning)
    warned = [f for f in change.findings if f.severity is Severity.NOTE and f.rule == "ML663"]
    assert [(f.line, f.column, f.fix, f.message) for f in warned] == [
        (3, 3, FixClass.MANUAL, message)
    ]
    assert [(f.line, f.column, f.rule, f.message) for f in left] == [(7, 5, "ML663", message)]
    confirmed = change.after.replace(
        "function_calling: true", "function_calling: true  # migrate-llm: ignore[ML663]"
    )
    assert list(_config(registry, "model_config.yaml", confirmed)[1]) == []


TEAM = {
    "provider": "autogen_agentchat.teams.RoundRobinGroupChat",
    "config": {
        "participants": [
            {
                "provider": "autogen_agentchat.agents.AssistantAgent",
                "config": {
                    "name": "assistant",
                    "model_client": {
                        "provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",
                        "config": {
                            "model": "deepseek-ai/DeepSeek-V3.2",
                            "base_url": "https://api.siliconflow.cn/v1",
                            "api_key": "<key>",
                            "model_info": {
                                "vision": False,
                                "function_calling": False,
                                "json_output": False,
                                "family": "unknown",
                                "structured_output": False,
                            },
                        },
                    },
                    "workbench": [{"config": {"tools": []}}],
                    "handoffs": [{"target": "user", "name": "transfer_to_user"}],
                },
            }
        ]
    },
}


@pytest.mark.parametrize(
    ("given", "key", "refused"),
    [
        ({"handoffs": ["user"]}, "handoffs", True),
        ({"workbench": [{"config": {"tools": [{"name": "t"}]}}]}, "workbench", True),
        ({"workbench": [{"config": {"tools": []}}], "handoffs": []}, "", False),
    ],
)
def test_the_tools_an_agent_config_gives_its_client(registry, given, key, refused):
    agent = json.loads(json.dumps(TEAM["config"]["participants"][0]))
    del agent["config"]["workbench"], agent["config"]["handoffs"]
    agent["config"].update(given)
    left = _config(registry, "agent.json", json.dumps(agent, indent=2) + "\n")[1]
    errors = [f.message for f in left if f.severity is Severity.ERROR]
    assert [m.split(",")[0] for m in errors] == (
        [f"the agent config holding this model client gives it {key}"] if refused else []
    )


def test_a_json_team_handing_off_with_function_calling_false_is_an_error(registry):
    """What migrate-llm db56a77 wrote in t51g's team.json: load_component raised "handoffs need
    function calling"."""
    before = json.dumps(TEAM, indent=2) + "\n"
    change, left = _config(registry, "team.json", before)
    assert change.after == before
    assert [(f.line, f.column, f.severity, f.fix, f.message) for f in left] == [
        (
            31,
            11,
            Severity.ERROR,
            FixClass.MANUAL,
            "the agent config holding this model client gives it handoffs, and its model_info "
            'says "function_calling": false: autogen refuses them ("The model does not support '
            'function calling") when it loads the agent; set "function_calling": true where '
            "deepseek-ai/DeepSeek-V3.2 calls tools, by hand",
        )
    ]
    fixed = before.replace('"function_calling": false', '"function_calling": true')
    assert [(f.line, f.severity, f.message) for f in _config(registry, "team.json", fixed)[1]] == [
        (
            17,
            Severity.WARNING,
            YAML_UNCONFIRMED.format(
                "record that in a baseline (`migrate-llm check --write-baseline FILE`: JSON "
                "takes no comment)"
            ),
        )
    ]


def test_tool_models_say_which_models_take_tools_where_tools_are_partial():
    partial = minimal(supports={"tools": "partial"}, params={"tool_models": ["big*"]})
    provider = parse_provider(partial, "x.toml")
    assert [provider.takes_tools(m) for m in ("big-1", "small", None)] == [True, False, None]
    with pytest.raises(
        ProviderError, match=r'^x\.toml: params\.tool_models: supports\.tools is not "partial"'
    ):
        parse_provider(
            minimal(supports={"tools": True}, params={"tool_models": ["big*"]}), "x.toml"
        )
    unknown = parse_provider(minimal(supports={"tools": "unknown"}), "x.toml")
    assert [unknown.takes_tools(m) for m in ("big-1", None)] == [None, None]
    assert parse_provider(minimal(supports={"tools": False}), "x.toml").takes_tools("m") is False
