"""Rewrite tests for AutoGen / AG2 and autogen-ext (ML660, ML661): exact text after `apply` (every Python rule, the real
provider files), and nothing left to edit on a second run."""

from __future__ import annotations

import pytest

from .framework_rewrites import applied, findings

CASES = [
    pytest.param(
        "zhipu",
        "import os\n"
        "\n"
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "\n"
        'client = OpenAIChatCompletionClient(model="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])\n',
        "import os\n"
        "\n"
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "\n"
        "client = OpenAIChatCompletionClient(\n"
        '    model="glm-4-air-250414",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    model_info={\n"
        '        "vision": True,\n'
        '        "function_calling": True,\n'
        '        "json_output": True,\n'
        '        "family": "unknown",\n'
        '        "structured_output": False,\n'
        "    },\n"
        ")\n",
        id="autogen-ext-client",
    ),
    pytest.param(
        "qwen",
        "import os\n"
        "\n"
        "import autogen\n"
        "\n"
        'config_list = [{"model": "gpt-4", "api_key": os.environ["OPENAI_API_KEY"]}]\n'
        'llm_config = {"config_list": config_list, "temperature": 0}\n'
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n',
        "import os\n"
        "\n"
        "import autogen\n"
        "\n"
        "config_list = [\n"
        "    {\n"
        '        "model": "qwen4-max",\n'
        '        "api_key": os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        '        "base_url": os.environ.get(\n'
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        ),\n"
        "    }\n"
        "]\n"
        'llm_config = {"config_list": config_list, "temperature": 0}\n'
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n',
        id="autogen-config-list",
    ),
    pytest.param(
        "zhipu",
        "from autogen import AssistantAgent\n"
        "\n"
        'FALLBACK = "gpt-4o-mini"\n'
        "\n"
        "\n"
        "def agent_settings(token, model=FALLBACK):\n"
        '    return {"config_list": [{"api_type": "openai", "model": model, "api_key": token}]}\n'
        "\n"
        "\n"
        'planner = AssistantAgent(name="planner", llm_config=agent_settings("t"))\n',
        "import os\n"
        "\n"
        "from autogen import AssistantAgent\n"
        "\n"
        'FALLBACK = "glm-4-air-250414"\n'
        "\n"
        "\n"
        "def agent_settings(token, model=FALLBACK):\n"
        "    return {\n"
        '        "config_list": [\n'
        "            {\n"
        '                "api_type": "openai",\n'
        '                "model": model,\n'
        '                "api_key": token or os.environ.get("ZAI_API_KEY", "unset"),\n'
        '                "base_url": os.environ.get(\n'
        '                    "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                ),\n"
        "            }\n"
        "        ]\n"
        "    }\n"
        "\n"
        "\n"
        'planner = AssistantAgent(name="planner", llm_config=agent_settings("t"))\n',
        id="autogen-config-list-from-a-helper",
    ),
    pytest.param(
        "zhipu",
        "import autogen\n"
        "\n"
        "\n"
        "def reviewer_config(token):\n"
        '    return {"model": "gpt-4o", "api_key": token, "temperature": 0}\n'
        "\n"
        "\n"
        'reviewer = autogen.AssistantAgent("reviewer", llm_config=reviewer_config("t"))\n',
        "import os\n"
        "\n"
        "import autogen\n"
        "\n"
        "\n"
        "def reviewer_config(token):\n"
        "    return {\n"
        '        "model": "glm-5.3",\n'
        '        "api_key": token or os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        "temperature": 0,\n'
        '        "base_url": os.environ.get(\n'
        '            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "        ),\n"
        "    }\n"
        "\n"
        "\n"
        'reviewer = autogen.AssistantAgent("reviewer", llm_config=reviewer_config("t"))\n',
        id="autogen-llm-config-from-a-helper",
    ),
    pytest.param(
        "zhipu",
        "import os\n"
        "\n"
        'SETTINGS = {"config_list": [{"model": "gpt-4", "api_key": os.environ["OPENAI_API_KEY"]}]}\n',
        "import os\n"
        "\n"
        "SETTINGS = {\n"
        '    "config_list": [\n'
        "        {\n"
        '            "model": "glm-4-plus",\n'
        '            "api_key": os.environ.get("ZAI_API_KEY", "unset"),\n'
        '            "base_url": os.environ.get(\n'
        '                "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "            ),\n"
        "        }\n"
        "    ]\n"
        "}\n",
        id="autogen-llm-config-in-a-module-without-the-import",
    ),
]


@pytest.mark.parametrize(("provider", "before", "after"), CASES)
def test_apply_rewrites(registry, provider, before, after):
    assert applied(registry, before, provider) == after


def test_an_entry_left_on_openai_keeps_its_model_and_fails_the_check(registry):
    # `**shared` may or may not give it a base_url: ML660 leaves the entry, and ML204 the
    # constant it sends (mapped, a Zhipu model would go to api.openai.com)
    before = (
        "import autogen\n"
        "\n"
        'MODEL = "gpt-4o-mini"\n'
        "\n"
        "\n"
        "def settings(shared):\n"
        '    return {"config_list": [{"model": MODEL, **shared}]}\n'
    )
    assert applied(registry, before, "zhipu") == before
    assert findings(registry, before, "zhipu") == [
        (3, "ML204", "manual"),
        (7, "ML660", "manual"),
    ]


def test_an_entry_whose_model_the_module_does_not_show_is_left_for_a_person(registry):
    before = (
        "import autogen\n"
        "\n"
        "\n"
        "def settings(token, model):\n"
        '    return {"config_list": [{"model": model, "api_key": token}]}\n'
    )
    assert applied(registry, before, "zhipu") == before
    assert findings(registry, before, "zhipu") == [(5, "ML660", "manual")]


def test_an_openai_key_read_in_an_entry_left_for_a_person_stays_openais(registry):
    # ML660 leaves the entry on api.openai.com: ML401 leaves its key read too (renamed,
    # DeepSeek's key would go to OpenAI)
    before = (
        "import os\n"
        "\n"
        "from autogen import ConversableAgent\n"
        "\n"
        "planner = ConversableAgent(\n"
        '    "planner",\n'
        "    llm_config={\n"
        '        "config_list": [\n'
        '            {"model": os.environ["PLANNER_MODEL"], "api_key": os.environ["OPENAI_API_KEY"]}\n'
        "        ]\n"
        "    },\n"
        ")\n"
    )
    assert applied(registry, before, "deepseek") == before
    assert findings(registry, before, "deepseek") == [
        (9, "ML660", "manual"),
        (9, "ML401", "manual"),
    ]


def test_a_provider_model_entry_and_another_api_type_are_not_reported(registry):
    before = (
        "import autogen\n"
        "\n"
        'LOCAL = "llama3"\n'
        "\n"
        "\n"
        "def settings(token, model=LOCAL):\n"
        '    return {"config_list": [{"model": model, "api_key": token},\n'
        '                            {"model": "gpt-4o", "api_type": "azure"}]}\n'
    )
    assert [f for f in findings(registry, before, "zhipu") if f[1] == "ML660"] == []


def _ml660(registry, text: str) -> list[tuple[int, str]]:
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    ctx = RuleContext(registry, registry.get("zhipu"))
    return [(f.line, f.message) for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML660"]


def test_a_key_the_caller_hands_an_entry_is_kept_with_the_variable_behind_it(registry):
    # the r34 trial's ag2 helper: the key the caller passed was dropped for ZAI_API_KEY (a
    # KeyError where it was unset), and the one entry was reported twice
    before = (
        "from autogen import AssistantAgent\n\n\n"
        "def make(api_key):\n"
        '    return AssistantAgent("a", llm_config={"config_list": [{"model": "gpt-4o-mini", '
        '"api_key": api_key}]})\n'
    )
    assert _ml660(registry, before) == [
        (
            5,
            "a config_list entry sends the request to OpenAI; apply keeps the key your code "
            "passes (`api_key`), with ZAI_API_KEY when it is empty, and passes the base URL from "
            "ZAI_BASE_URL (default https://open.bigmodel.cn/api/paas/v4)",
        )
    ]
    assert applied(registry, before, "zhipu") == (
        "import os\n\nfrom autogen import AssistantAgent\n\n\n"
        "def make(api_key):\n"
        "    return AssistantAgent(\n"
        '        "a",\n'
        "        llm_config={\n"
        '            "config_list": [\n'
        "                {\n"
        '                    "model": "glm-4-air-250414",\n'
        '                    "api_key": api_key or os.environ.get("ZAI_API_KEY", "unset"),\n'
        '                    "base_url": os.environ.get(\n'
        '                        "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                    ),\n"
        "                }\n"
        "            ]\n"
        "        },\n"
        "    )\n"
    )


def test_an_openai_key_read_in_an_entry_is_never_kept(registry):
    # the caller's key is kept; OPENAI_API_KEY behind it gives way to the provider's variable
    before = (
        "import os\n\nimport autogen\n\n\n"
        "def make(key):\n"
        '    return {"config_list": [{"model": "gpt-4o", '
        '"api_key": key or os.getenv("OPENAI_API_KEY"), "base_url": "https://api.openai.com/v1"}]}\n'
    )
    [(line, message)] = _ml660(registry, before)
    assert (line, "(`key`), with ZAI_API_KEY when" in message) == (7, True)
    assert applied(registry, before, "zhipu") == (
        "import os\n\nimport autogen\n\n\n"
        "def make(key):\n"
        "    return {\n"
        '        "config_list": [\n'
        "            {\n"
        '                "model": "glm-5.3",\n'
        '                "api_key": key or os.environ.get("ZAI_API_KEY", "unset"),\n'
        '                "base_url": os.environ.get(\n'
        '                    "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                ),\n"
        "            }\n"
        "        ]\n"
        "    }\n"
    )
    read_only = before.replace('key or os.getenv("OPENAI_API_KEY")', 'os.environ["OPENAI_API_KEY"]')
    [(_, message)] = _ml660(registry, read_only)
    assert "apply passes the key from ZAI_API_KEY" in message
    assert '"api_key": os.environ["ZAI_API_KEY"],\n' in applied(registry, read_only, "zhipu")


def test_an_autogen_ext_client_giving_its_key_is_one_finding_with_one_edit(registry):
    # the key given and the base URL missing were two ML661 findings with the same message
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    before = (
        "import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
        "client = OpenAIChatCompletionClient(\n"
        '    model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], model_info=INFO\n)\n'
    )
    ctx = RuleContext(registry, registry.get("zhipu"))
    assert [
        (f.line, f.column, f.fix.value, f.message)
        for f in check_python(before, ctx, PYTHON_RULES)
        if f.rule == "ML661"
    ] == [
        (
            5,
            10,
            "review",
            "OpenAIChatCompletionClient() sends the request to OpenAI; apply passes the key from "
            "ZAI_API_KEY and the base URL from ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4)",
        ),
        (
            6,
            11,
            "review",
            "model='gpt-4o' of OpenAIChatCompletionClient() is an OpenAI model; apply writes "
            "'glm-5.3' for Zhipu AI (GLM)",
        ),
    ]
    assert applied(registry, before, "zhipu") == (
        "import os\n\nfrom autogen_ext.models.openai import OpenAIChatCompletionClient\n\n"
        "client = OpenAIChatCompletionClient(\n"
        '    model="glm-5.3",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    model_info=INFO,\n)\n"
    )


ENTRY_SHAPES = [
    pytest.param(
        "import os\n\nimport autogen\n\n"
        'config_list = [dict(model="gpt-4", api_key=os.environ["OPENAI_API_KEY"])]\n',
        "import os\n\nimport autogen\n\n"
        "config_list = [\n"
        "    dict(\n"
        '        model="glm-4-plus",\n'
        '        api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    )\n"
        "]\n",
        [(5, "ML660", "review"), (5, "ML204", "review"), (5, "ML401", "safe")],
        id="dict-call-in-the-list",
    ),
    pytest.param(
        "import autogen\n\n"
        'entry = {"model": "gpt-4o-mini", "temperature": 0}\n'
        "config_list = [entry]\n",
        "import os\n\nimport autogen\n\n"
        "entry = {\n"
        '    "model": "glm-4-air-250414",\n'
        '    "temperature": 0,\n'
        '    "api_key": os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    "base_url": os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "}\n"
        "config_list = [entry]\n",
        [(3, "ML660", "review"), (3, "ML204", "review")],
        id="dict-bound-to-a-name",
    ),
    pytest.param(
        "from autogen import AssistantAgent, LLMConfig\n\n\n"
        "def make(key):\n"
        '    first = dict(api_key=key, model="gpt-4o", cache_seed=None)\n'
        "    return LLMConfig(first)\n",
        "import os\n\nfrom autogen import AssistantAgent, LLMConfig\n\n\n"
        "def make(key):\n"
        "    first = dict(\n"
        '        api_key=key or os.environ.get("ZAI_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        '        model="glm-5.3",\n'
        "        cache_seed=None,\n"
        "    )\n"
        "    return LLMConfig(first)\n",
        [(5, "ML660", "review"), (5, "ML204", "review")],
        id="dict-call-bound-to-a-name-given-to-llmconfig",
    ),
    pytest.param(
        "import autogen\n\n"
        'settings = dict(model="gpt-4o")\n'
        'settings["temperature"] = 0\n'
        'agent = autogen.AssistantAgent("a", llm_config=settings)\n',
        "import os\n\nimport autogen\n\n"
        "settings = dict(\n"
        '    model="glm-5.3",\n'
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n"
        'settings["temperature"] = 0\n'
        'agent = autogen.AssistantAgent("a", llm_config=settings)\n',
        [(3, "ML660", "review"), (3, "ML204", "review")],
        id="llm-config-name-changed-elsewhere-than-where-it-sends",
    ),
]


@pytest.mark.parametrize(("before", "after", "found"), ENTRY_SHAPES)
def test_entries_written_with_dict_or_bound_to_a_name_are_moved(registry, before, after, found):
    assert findings(registry, before, "zhipu") == found
    assert applied(registry, before, "zhipu") == after


NEEDS = (
    'give it a model of Zhipu AI (GLM), "base_url": "https://open.bigmodel.cn/api/paas/v4" '
    "and the key from ZAI_API_KEY, together"
)


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (
            'entry = {"model": "gpt-4"}\n'
            'if FAST:\n    entry = {"model": "gpt-4o-mini"}\n'
            "config_list = [entry]\n",
            [
                (
                    3,
                    "a config_list entry sends the request to OpenAI as written, and the module "
                    f"binds `entry` again on line 5: apply leaves it; {NEEDS}",
                ),
                (
                    5,
                    "a config_list entry sends the request to OpenAI as written, and the module "
                    f"binds `entry` again on line 3: apply leaves it; {NEEDS}",
                ),
            ],
        ),
        (
            'entry = dict(model="gpt-4o")\n'
            "entry.update(base_url=LOCAL_URL)\n"
            "config_list = [entry]\n",
            [
                (
                    3,
                    "a config_list entry sends the request to OpenAI as written, and the module "
                    f"changes `entry` on line 4 (`entry.update(base_url=LOCAL_URL)`): apply leaves "
                    f"it; {NEEDS}",
                ),
            ],
        ),
        (
            'entry = {"model": "gpt-4o", "api_key": KEY}\n'
            'del entry["api_key"]\n'
            "config_list = [entry]\n",
            [
                (
                    3,
                    "a config_list entry sends the request to OpenAI as written, and the module "
                    f'changes `entry` on line 4 (`del entry["api_key"]`): apply leaves it; {NEEDS}',
                ),
            ],
        ),
        (
            'config_list = [dict(**BASE, model="gpt-4")]\n',
            [
                (
                    3,
                    "a config_list entry sends the request to OpenAI unless `**BASE` gives it a "
                    f"base_url: apply leaves it; {NEEDS}",
                ),
            ],
        ),
        (
            'config_list = [dict(BASE, model="gpt-4")]\n',
            [
                (
                    3,
                    "a config_list entry sends the request to OpenAI unless `BASE` gives it a "
                    f"base_url: apply leaves it; {NEEDS}",
                ),
            ],
        ),
    ],
    ids=[
        "name-bound-twice",
        "update-of-the-base-url",
        "key-deleted",
        "dict-spread",
        "dict-positional",
    ],
)
def test_an_entry_the_module_may_change_is_left_with_its_model(registry, lines, found):
    before = "import autogen\n\n" + lines
    assert _ml660(registry, before) == found
    assert applied(registry, before, "zhipu") == before
    # ML204 leaves the models too: mapped, a Zhipu model would go to api.openai.com
    assert {(rule, fix) for _, rule, fix in findings(registry, before, "zhipu")} == {
        ("ML660", "manual"),
        ("ML204", "manual"),
    }


def test_a_function_named_dict_is_not_an_entry(registry):
    before = (
        "import autogen\n\n\ndef dict(**kw):\n    return kw\n\n\n"
        'config_list = [dict(model="gpt-4")]\n'
    )
    assert _ml660(registry, before) == []


def test_the_module_is_searched_for_an_autogen_import_once(registry, monkeypatch):
    """Asked at every call, the search of the whole text made a 50,000-line module's scan
    with a provider take minutes: it is made once per module."""
    from migrate_llm.rules import framework_autogen

    searched = []
    pattern = framework_autogen._IMPORTS_AUTOGEN

    class Counting:
        def search(self, text):
            searched.append(len(text))
            return pattern.search(text)

    monkeypatch.setattr(framework_autogen, "_IMPORTS_AUTOGEN", Counting())
    calls = "".join(f"print({i})\n" for i in range(50))
    before = 'import autogen\nimport os\n\nkey = os.environ["OPENAI_API_KEY"]\n' + calls
    assert findings(registry, before, "zhipu")
    assert len(searched) == 1


def test_an_entry_moved_to_the_provider_gets_its_model_where_another_module_calls_litellm(
    tmp_path, monkeypatch
):
    """t45g defect 2: another module's litellm call left `gpt-4o` (manual) in an entry that
    ML660 pointed at DashScope, which rejects it. A constant the entry reads may be imported
    where litellm sends it: left as before."""
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    agent = (
        "import os\nimport autogen\n\n"
        'llm_config = {"config_list": [{"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]}]}\n'
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n'
    )
    constant = agent.replace('"model": "gpt-4o"', '"model": MODEL').replace(
        "llm_config =", 'MODEL = "gpt-4o"\nllm_config ='
    )
    other = (
        "from litellm import completion\n\n\n"
        "def ask(model, text):\n"
        '    return completion(model=model, messages=[{"role": "user", "content": text}])\n'
    )
    for name, text in {"agent.py": agent, "constant.py": constant, "other.py": other}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["apply", "-p", "qwen", "--yes"]).exit_code == 0
    moved = (
        '            "api_key": os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        '            "base_url": os.environ.get(\n'
        '                "DASHSCOPE_BASE_URL",\n'
        '                "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "            ),\n"
        "        }\n"
        "    ]\n"
        "}\n"
        'assistant = autogen.AssistantAgent("assistant", llm_config=llm_config)\n'
    )
    head = "import os\nimport autogen\n\n"
    assert (tmp_path / "agent.py").read_text(encoding="utf-8") == (
        head + 'llm_config = {\n    "config_list": [\n        {\n'
        '            "model": "qwen4-max",\n' + moved
    )
    assert (tmp_path / "constant.py").read_text(encoding="utf-8") == (
        head + 'MODEL = "gpt-4o"\nllm_config = {\n    "config_list": [\n        {\n'
        '            "model": MODEL,\n' + moved
    )
    again = runner.invoke(app, ["apply", "-p", "qwen", "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""


def _moonshot(registry, text: str) -> list[tuple[int, int, str, str, str]]:
    """(line, column, severity, fix, message) of the ML660 findings for Moonshot."""
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        (f.line, f.column, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML660"
    ]


_TOOLS_BEFORE = (
    "import os\n"
    "\n"
    "from autogen import ConversableAgent\n"
    "\n"
    'entry = {"model": "gpt-4", "api_key": os.environ["OPENAI_API_KEY"]}\n'
    'assistant = ConversableAgent("a", llm_config={"config_list": [entry]})\n'
)
_SWITCH_MESSAGE = (
    "a config_list entry sends the request to OpenAI; apply passes the key from "
    "MOONSHOT_API_KEY and the base URL from MOONSHOT_BASE_URL (default "
    'https://api.moonshot.cn/v1), and turns thinking off (extra_body={"thinking": '
    '{"type": "disabled"}}, which AutoGen sends with each request): kimi-k2.6 thinks before '
    "it answers unless told not to, and AutoGen does not give its reasoning_content back "
    "after a tool call, which the next request then fails for (HTTP 400)"
)


def test_an_entry_mapped_to_a_thinking_model_gets_the_switch_turning_it_off(registry):
    # t59d D1: gpt-4 -> kimi-k2.6 with thinking left on; AutoGen 0.2 drops the
    # reasoning_content of the tool-call turn and Kimi refuses the loop's second request
    assert applied(registry, _TOOLS_BEFORE, "moonshot") == (
        "import os\n"
        "\n"
        "from autogen import ConversableAgent\n"
        "\n"
        "entry = {\n"
        '    "model": "kimi-k2.6",\n'
        '    "api_key": os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '    "base_url": os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        '    "extra_body": {"thinking": {"type": "disabled"}},\n'
        "}\n"
        'assistant = ConversableAgent("a", llm_config={"config_list": [entry]})\n'
    )
    assert _moonshot(registry, _TOOLS_BEFORE) == [(5, 9, "error", "review", _SWITCH_MESSAGE)]


def test_an_entry_giving_its_own_extra_body_or_not_thinking_gets_no_switch(registry):
    given = _TOOLS_BEFORE.replace('"api_key"', '"extra_body": {"x": 1}, "api_key"')
    assert '"extra_body": {"x": 1}' in applied(registry, given, "moonshot")
    assert "thinking" not in applied(registry, given, "moonshot")
    # o3 maps to kimi-k3, which always thinks: no switch turns it off (the table's note)
    reasoning = _TOOLS_BEFORE.replace('"gpt-4"', '"o3"')
    assert "extra_body" not in applied(registry, reasoning, "moonshot")
    # DeepSeek's chat model for gpt-4 is also a thinking one: the same switch
    assert '"extra_body": {"thinking": {"type": "disabled"}}' in applied(
        registry, _TOOLS_BEFORE, "deepseek"
    )


_TEMPERATURE_BEFORE = (
    "import os\n"
    "\n"
    "from autogen import ConversableAgent\n"
    "\n"
    'entries = [{"model": "gpt-4", "temperature": 0.9, "api_key": os.environ["OPENAI_API_KEY"]}]\n'
    'settings = {"config_list": entries, "temperature": 0}\n'
    'a = ConversableAgent("a", llm_config=settings)\n'
)


def _fixed(value: str) -> str:
    return (
        "kimi-k2.6 fixes temperature on Moonshot AI (Kimi) (0.6 as this entry runs) and rejects "
        f'another (HTTP 400): AutoGen sends "temperature": {value} with each request; remove '
        "it, by hand"
    )


def test_a_temperature_the_mapped_model_fixes_fails_the_check_in_entry_and_llm_config(registry):
    # t59d D2: kimi-k2.6 answers 400 to any temperature but its own (0.6 with thinking off)
    after = applied(registry, _TEMPERATURE_BEFORE, "moonshot")
    assert after == (
        "import os\n"
        "\n"
        "from autogen import ConversableAgent\n"
        "\n"
        "entries = [\n"
        "    {\n"
        '        "model": "kimi-k2.6",\n'
        '        "temperature": 0.9,\n'
        '        "api_key": os.environ.get("MOONSHOT_API_KEY", "unset"),\n'
        '        "base_url": os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        '        "extra_body": {"thinking": {"type": "disabled"}},\n'
        "    }\n"
        "]\n"
        'settings = {"config_list": entries, "temperature": 0}\n'
        'a = ConversableAgent("a", llm_config=settings)\n'
    )
    assert [f for f in _moonshot(registry, _TEMPERATURE_BEFORE) if f[3] == "manual"] == [
        (5, 31, "error", "manual", _fixed("0.9")),
        (6, 37, "error", "manual", _fixed("0")),
    ]
    # `check` after apply: the same two, still errors
    assert _moonshot(registry, after) == [
        (8, 9, "error", "manual", _fixed("0.9")),
        (14, 37, "error", "manual", _fixed("0")),
    ]
    # the value the model runs at is not reported, nor a parameter it does not fix
    fine = after.replace('"temperature": 0.9', '"temperature": 0.6').replace(
        '"temperature": 0}', '"max_tokens": 50}'
    )
    assert _moonshot(registry, fine) == []


def test_a_temperature_stored_into_llm_config_by_name_fails_the_check(registry):
    # t59d D2's other half: `llm_config["temperature"] = 0` after the dict is written
    before = (
        _TEMPERATURE_BEFORE.replace('"temperature": 0.9, ', "")
        .replace(', "temperature": 0}', "}")
        .replace("a = ", 'settings["temperature"] = 0\nsettings["cache_seed"] = None\na = ')
    )
    after = applied(registry, before, "moonshot")
    assert after.endswith(
        'settings = {"config_list": entries}\n'
        'settings["temperature"] = 0\n'
        'settings["cache_seed"] = None\n'
        'a = ConversableAgent("a", llm_config=settings)\n'
    )
    assert [f for f in _moonshot(registry, before) if f[3] == "manual"] == [
        (7, 1, "error", "manual", _fixed("0"))
    ]
    assert _moonshot(registry, after) == [(14, 1, "error", "manual", _fixed("0"))]
    assert _moonshot(registry, after.replace('["temperature"] = 0', '["temperature"] = 0.6')) == []
