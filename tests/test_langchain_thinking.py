"""ML118 for LangChain's `init_chat_model()` (t47c D1): a model that did not think, mapped to
a DeepSeek model that thinks by default, whose tool loop LangChain cannot keep (it sends no
`reasoning_content` back): the switch in ML603's and ML605's edits, and ML118's own on a
configurable model whose `openai:` models ML204 moves to `deepseek:`. With t47c's D2 (the Next
line names DEEPSEEK_API_BASE), D3 (ML401's message), D4 (ML401 and ML205 quiet once the
program has the provider's branch and rows) and D5 (ML604 on a model assigned in branches,
ML205 on `"openai:o3"`). Exact before/after text, findings, `check` exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import (
    NAMES_PLAIN_ROUTE,
    NAMES_ROUTE,
    NAMES_THINKING_ROUTE,
    RunFacts,
    facts_of,
)
from tests.apply_summary import placeholder_step

from .cli_findings import cli as run

INIT = "from langchain.chat_models import init_chat_model\n"
SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'
KEY = 'api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
URL = 'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
ROUTE_REQUIREMENTS = "langchain>=1.0\nlangchain-openai>=0.3\nlangchain-deepseek>=1.1\n"
LOOP = (
    "msgs = [('user', 'What is 2+3?')]\nai = llm.invoke(msgs)\n"
    "msgs += [ai, ToolMessage('5', tool_call_id=ai.tool_calls[0]['id'])]\n"
    "print(llm.invoke(msgs).content)\n"
)
HEAD = INIT + "from langchain_core.messages import ToolMessage\n"


def findings(path: Path, *extra: str) -> list[dict]:
    result = run("scan", str(path), "-p", "deepseek", "--format", "json", *extra)
    return json.loads(result.stdout)["findings"]


def scanned(registry, text: str, **facts):
    ctx = RuleContext(registry, registry.get("deepseek"), facts=RunFacts(**facts))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


# --- the facts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bits"),
    [
        ('M = "openai:gpt-4.1"\n', NAMES_PLAIN_ROUTE),
        ('M = "openai:o3"\n', NAMES_THINKING_ROUTE),
        ('M = "openai:gpt-5"\nN = "openai:gpt-4o"\n', NAMES_PLAIN_ROUTE | NAMES_THINKING_ROUTE),
        # a table's keys name no model a call builds
        ('LIMITS = {"openai:o3": 200000, "openai:gpt-4.1" : 1}\n', 0),
        ('M = "openai:text-embedding-3-small"\n', 0),
        ('M = "openai:deepseek-flash"\n', 0),  # not OpenAI's: an earlier apply's
    ],
)
def test_the_route_bits_tell_values_by_whether_openai_says_they_think(text, bits):
    found = facts_of("python", text.encode(), True, True, None)
    assert found & (NAMES_PLAIN_ROUTE | NAMES_THINKING_ROUTE) == bits


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('M = "deepseek:deepseek-flash"\n', True),
        ('"default": "deepseek:deepseek-v4-pro",\n', True),
        ('LIMITS = {"deepseek:deepseek-flash": 1}\n', False),  # a table's key
        ('M = "deepseek-flash"\n', False),
    ],
)
def test_the_own_route_bits_tell_values_on_a_providers_route(text, named):
    found = facts_of("python", text.encode(), True, True, None)
    assert bool(found & NAMES_ROUTE["deepseek"]) is named
    assert RunFacts.of_bits(found).routes_named == (frozenset({"deepseek"}) if named else set())


# --- ML603: a model written in the call -------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "constant", "after_constant"),
    [
        ('"openai:gpt-4.1"', "", ""),
        (
            "RESEARCH_MODEL",
            'RESEARCH_MODEL = "openai:gpt-4.1"\n',
            'RESEARCH_MODEL = "openai:deepseek-v4-pro"\n',
        ),
    ],
    ids=["literal", "constant"],
)
def test_ml603_writes_the_switch_in_its_edit(
    tmp_path, monkeypatch, model, constant, after_constant
):
    """t47c repro d1/d1b: red before apply, switched after, green and unchanged after that."""
    (tmp_path / "requirements.txt").write_text(ROUTE_REQUIREMENTS)
    app_py = tmp_path / "agent.py"
    app_py.write_text(
        HEAD + constant + f"llm = init_chat_model({model}).bind_tools([add])\n" + LOOP
    )
    monkeypatch.chdir(tmp_path)
    assert run("check", ".", "-p", "deepseek").exit_code == 1
    [finding] = [f for f in findings(tmp_path) if f["rule"] == "ML603"]
    assert finding["data"]["extra_body"] == {"thinking": {"type": "disabled"}}
    assert finding["message"].endswith(
        "'openai:deepseek-v4-pro' thinks before it answers unless told not to, which 'gpt-4.1' "
        f"did not: {SWITCH} turns that off (drop it where the program wants the reasoning)"
    )
    assert run("apply", ".", "-p", "deepseek", "--yes").exit_code == 0
    written = model if constant else '"openai:deepseek-v4-pro"'
    assert app_py.read_text() == (
        "import os\n\n" + HEAD + after_constant + "llm = init_chat_model(\n"
        f"    {written},\n"
        f"    {KEY},\n    {URL},\n    {SWITCH},\n"
        ").bind_tools([add])\n" + LOOP
    )
    assert run("check", ".", "-p", "deepseek").exit_code == 0
    assert "changes 0 files" in run("apply", ".", "-p", "deepseek", "--diff").stderr


# --- ML118: a configurable model on DeepSeek's route -------------------------------------------

CONFIGURATION = (
    "from pydantic import BaseModel, Field\n\n\nclass Configuration(BaseModel):\n"
    '    research_model: str = Field(default="openai:gpt-4.1")\n'
    '    summarization_model: str = Field(default="openai:gpt-4.1-mini")\n'
)
GRAPH = (
    INIT + "\nconfigurable_model = init_chat_model(\n"
    '    configurable_fields=("model", "max_tokens", "api_key"),\n)\n\n\n'
    "def summarize(configurable):\n    return init_chat_model(\n"
    "        model=configurable.summarization_model,\n        max_tokens=100,\n"
    '        tags=["langsmith:nostream"],\n    )\n'
)
GRAPH_AFTER = (
    INIT + "\nconfigurable_model = init_chat_model(\n"
    '    model="deepseek:deepseek-flash",\n'
    f"    {SWITCH},\n"
    '    configurable_fields=("model", "max_tokens", "api_key"),\n)\n\n\n'
    "def summarize(configurable):\n    return init_chat_model(\n"
    f"        {SWITCH},\n"
    "        model=configurable.summarization_model,\n        max_tokens=100,\n"
    '        tags=["langsmith:nostream"],\n    )\n'
)


def _odr(tmp_path: Path, extra: str = "") -> None:
    (tmp_path / "requirements.txt").write_text(ROUTE_REQUIREMENTS)
    (tmp_path / "configuration.py").write_text(CONFIGURATION)
    (tmp_path / "graph.py").write_text(GRAPH)
    if extra:
        (tmp_path / "run_evaluate.py").write_text(extra)


def test_a_configurable_model_on_the_route_gets_the_switch_and_a_default_model(
    tmp_path, monkeypatch
):
    _odr(tmp_path, 'LIMITS = {"openai:o3": 200000}\n')  # a table key: no model a run names
    monkeypatch.chdir(tmp_path)
    ml118 = [f for f in findings(tmp_path) if f["rule"] == "ML118"]
    assert [(f["line"], f["severity"], f["fix"]) for f in ml118] == [
        (3, "warning", "review"),
        (9, "warning", "review"),
    ]
    assert ml118[0]["message"] == (
        "init_chat_model() chooses its model at run time, every `openai:` chat model the "
        "project names (configuration.py and 1 more name them) did not think, and DeepSeek's "
        "models that OpenAI's chat models map to think before answering unless told not to (a "
        "tool loop must send the reasoning back, which LangChain's chat models do not: the "
        f"second turn fails): apply passes {SWITCH} as the default config of every model it "
        "builds, with "
        "a default model 'deepseek:deepseek-flash' (without one LangChain fails building the "
        "one it reads attributes from); drop it where the program wants the reasoning"
    )
    assert ml118[0]["data"] == {
        "framework": "langchain",
        "extra_body": {"thinking": {"type": "disabled"}},
        "model_default": "deepseek:deepseek-flash",
    }
    result = run("apply", ".", "-p", "deepseek", "--yes")
    assert result.exit_code == 0
    assert (tmp_path / "graph.py").read_text() == GRAPH_AFTER
    assert result.stderr.rstrip().endswith(
        "Next: export DEEPSEEK_API_KEY=<your DeepSeek key> (the OpenAI key does not work "
        "there): LangChain's `deepseek:` models (ChatDeepSeek) read it; DEEPSEEK_API_BASE "
        "overrides its base URL https://api.deepseek.com/v1 (a proxy, a region, a test server)."
    )
    assert "changes 0 files" in run("apply", ".", "-p", "deepseek", "--diff").stderr


def test_a_project_also_naming_a_model_that_thought_is_left_with_a_warning(tmp_path, monkeypatch):
    """open_deep_research's tests/run_evaluate.py names `"openai:gpt-5"` for its research
    model: the switch would turn its reasoning off too."""
    _odr(tmp_path, 'research_model = "openai:gpt-5"\n')
    monkeypatch.chdir(tmp_path)
    ml118 = [f for f in findings(tmp_path) if f["rule"] == "ML118"]
    assert [(f["line"], f["severity"], f["fix"]) for f in ml118] == [
        (3, "warning", "manual"),
        (9, "warning", "manual"),
    ]
    assert ml118[0]["message"] == (
        "init_chat_model() chooses its model at run time, and DeepSeek's models that OpenAI's "
        "chat models map to think before answering unless told not to (a tool loop must send "
        "the reasoning back, which LangChain's chat models do not: the second turn fails); the "
        "`openai:` chat models the project names (configuration.py and 1 more name them) "
        "include ones that did not think and ones that did: where it builds one that did not, "
        f"pass {SWITCH}, by hand"
    )
    result = run("apply", ".", "-p", "deepseek", "--yes")
    assert result.exit_code == 0
    assert (tmp_path / "graph.py").read_text() == GRAPH
    # listed for a person, and still told once the strings are DeepSeek's (t47f)
    left = result.stderr.split("Left for you")[1]
    assert "graph.py:3:22 ML118 warning init_chat_model() chooses its model" in left
    assert "graph.py:9:12 ML118 warning" in left
    assert (
        'research_model = "deepseek:deepseek-v4-pro"' in (tmp_path / "run_evaluate.py").read_text()
    )
    # the module gives the models no tools: the models only answer later, a note
    after = [f for f in findings(tmp_path, "--show-notes") if f["rule"] == "ML118"]
    assert [(f["line"], f["severity"], f["fix"]) for f in after] == [
        (3, "note", "none"),
        (9, "note", "none"),
    ]
    assert after[0]["message"] == (
        "init_chat_model() chooses its model at run time, and DeepSeek's models think before "
        "answering unless told not to (a tool loop must send the reasoning back, which "
        "LangChain's chat models do not: the second turn fails); the project names models on "
        "`deepseek:`, and this call is not given the switch: where it builds one that should "
        f"answer at once (one that did not think on OpenAI), pass {SWITCH} (this module gives "
        "the models no tools)"
    )
    assert run("check", ".", "-p", "deepseek").exit_code == 0
    # a module giving them tools fails in its loop with thinking on: a warning, check fails
    tools = "\n\ndef researcher(tools):\n    return configurable_model.bind_tools(tools)\n"
    (tmp_path / "graph.py").write_text(GRAPH + tools)
    after = [f for f in findings(tmp_path) if f["rule"] == "ML118"]
    assert [(f["line"], f["severity"], f["fix"]) for f in after] == [
        (3, "warning", "manual"),
        (9, "warning", "manual"),
    ]
    assert after[0]["message"].endswith(f"pass {SWITCH}, by hand")
    check = run("check", ".", "-p", "deepseek")
    assert check.exit_code == 1
    assert "graph.py:3:22 ML118 init_chat_model() chooses its model" in check.stdout
    assert "graph.py:9:12 ML118 init_chat_model() chooses its model" in check.stdout
    # given the switch by hand: nothing left
    (tmp_path / "graph.py").write_text(GRAPH_AFTER)
    assert [f for f in findings(tmp_path) if f["rule"] == "ML118"] == []


def test_a_project_naming_another_route_alone_is_told_nothing(tmp_path, monkeypatch):
    """Models named on another provider's route, none on `openai:` or `deepseek:`."""
    _odr(tmp_path)
    (tmp_path / "configuration.py").write_text(
        CONFIGURATION.replace('"openai:gpt-4.1', '"anthropic:claude-sonnet-4')
    )
    monkeypatch.chdir(tmp_path)
    assert [f for f in findings(tmp_path) if f["rule"] == "ML118"] == []


def test_a_module_giving_the_models_tools_gets_the_switch_though_some_thought(
    tmp_path, monkeypatch
):
    """open_deep_research's graph binds tools to its configurable model: on DeepSeek a
    thinking model's second tool turn fails in LangChain, whatever the OpenAI model did, so
    the switch is written though the project also names `"openai:gpt-5"`."""
    _odr(tmp_path, 'research_model = "openai:gpt-5"\n')
    graph = GRAPH + "\n\ndef researcher(tools):\n    return configurable_model.bind_tools(tools)\n"
    (tmp_path / "graph.py").write_text(graph)
    monkeypatch.chdir(tmp_path)
    ml118 = [f for f in findings(tmp_path) if f["rule"] == "ML118"]
    assert [(f["line"], f["severity"], f["fix"]) for f in ml118] == [
        (3, "warning", "review"),
        (9, "warning", "review"),
    ]
    assert ml118[0]["message"].startswith(
        "init_chat_model() chooses its model at run time, the `openai:` chat models the project "
        "names (configuration.py and 1 more name them) include ones that thought, but this "
        "module gives the models tools, and with thinking on DeepSeek's models fail in its "
        "tool loop (with the switch, those that thought answer without reasoning), and "
        "DeepSeek's models"
    )
    assert run("apply", ".", "-p", "deepseek", "--yes").exit_code == 0
    assert (tmp_path / "graph.py").read_text() == GRAPH_AFTER + graph[len(GRAPH) :]


def test_a_call_choosing_already_is_left(registry):
    text = (
        INIT
        + f'm = init_chat_model(configurable_fields=("model",), {SWITCH})\nM = "openai:gpt-4o"\n'
    )
    change = scanned(
        registry, text, langchain_routes=frozenset({"deepseek"}), plain_routes_named=True
    )
    assert [f for f in change.findings if f.rule == "ML118"] == []


def test_ml605_writes_the_switch_in_its_edit(registry):
    """Without langchain-deepseek ML605 points the call at DeepSeek with ChatOpenAI: the
    switch goes in the same edit (one finding, one pass)."""
    text = INIT + 'model = init_chat_model(configurable_fields=("model",))\nM = "openai:gpt-4o"\n'
    change = scanned(
        registry, text, openai_routes_in=frozenset({"app.py"}), plain_routes_named=True
    )
    assert [f.rule for f in change.findings if f.rule in ("ML118", "ML605")] == ["ML605"]
    assert change.after == (
        "import os\n\n" + INIT + "model = init_chat_model(\n"
        '    model="openai:deepseek-flash",\n'
        f"    {KEY},\n    {URL},\n    {SWITCH},\n"
        '    configurable_fields=("model",),\n)\nM = "openai:gpt-4o"\n'
    )
    [ml605] = [f for f in change.findings if f.rule == "ML605"]
    assert f"with {SWITCH} (ML118: none of the `openai:` chat models named thought" in (
        ml605.message
    )


# --- D2: the Next line ------------------------------------------------------------------------


def test_the_next_line_names_the_routes_base_url_variable_beside_the_providers(
    tmp_path, monkeypatch
):
    _odr(tmp_path)
    (tmp_path / "evals.py").write_text(
        'from langchain_openai import ChatOpenAI\n\njudge = ChatOpenAI(model="gpt-4.1")\n'
    )
    monkeypatch.chdir(tmp_path)
    result = run("apply", ".", "-p", "deepseek", "--yes")
    assert result.stderr.rstrip().endswith(
        "Next: export DEEPSEEK_API_KEY=<your DeepSeek key> (the OpenAI key does not work "
        f"there). {placeholder_step('DeepSeek', 'evals.py:6')} "
        "DEEPSEEK_BASE_URL overrides the base URL https://api.deepseek.com (a proxy, a "
        "region, a test server). LangChain's `deepseek:` models (ChatDeepSeek) read "
        "DEEPSEEK_API_KEY and DEEPSEEK_API_BASE (not DEEPSEEK_BASE_URL): DEEPSEEK_API_BASE "
        "overrides its base URL https://api.deepseek.com/v1 (a proxy, a region, a test server)."
    )


# --- D3, D4: the key branch and the token table -----------------------------------------------

KEYS = (
    "import os\n\n"
    "def get_api_key_for_model(model_name: str):\n"
    '    if model_name.startswith("openai:"):\n'
    '        return os.getenv("OPENAI_API_KEY")\n'
    "{branch}"
    "    return None\n"
)
OWN_BRANCH = (
    '    elif model_name.startswith("deepseek:"):\n        return os.getenv("DEEPSEEK_API_KEY")\n'
)


def test_ml401_says_where_the_openai_key_goes_given_api_key_none(tmp_path):
    (tmp_path / "requirements.txt").write_text(ROUTE_REQUIREMENTS)
    (tmp_path / "keys.py").write_text(KEYS.format(branch=""))
    [finding] = [f for f in findings(tmp_path) if f["rule"] == "ML401"]
    assert finding["message"] == (
        "reads OPENAI_API_KEY for models on LangChain's `openai:` route (the test on line 4), "
        "which go to OpenAI; not switched: renamed alone, DeepSeek's key would go to OpenAI "
        "with them; models on `deepseek:` (ML204) take no branch here, and given api_key=None "
        "ChatDeepSeek reads no DEEPSEEK_API_KEY: at its default base URL it fails, and at "
        "another (DEEPSEEK_API_BASE: a proxy, a test server) the openai SDK under it falls "
        "back to OPENAI_API_KEY and sends the OpenAI key there; test for 'deepseek:' and name "
        "DEEPSEEK_API_KEY together, by hand"
    )


def test_check_passes_once_the_program_has_the_providers_branch_and_rows(tmp_path, monkeypatch):
    """t47c repro d3: a `deepseek:` branch reading DEEPSEEK_API_KEY beside the `openai:` one,
    and rows for DeepSeek's models in the token table."""
    (tmp_path / "requirements.txt").write_text(ROUTE_REQUIREMENTS)
    (tmp_path / "keys.py").write_text(
        'MODEL_TOKEN_LIMITS = {\n    "deepseek:deepseek-v4-pro": 1000000,\n'
        '    "openai:gpt-4.1": 1047576,\n    "openai:o3": 200000,\n}\n\n'
        + KEYS.format(branch=OWN_BRANCH)
    )
    monkeypatch.chdir(tmp_path)
    assert run("check", ".", "-p", "deepseek").exit_code == 0
    notes = [
        (f["rule"], f["line"], f["severity"], f["fix"], f["message"])
        for f in findings(tmp_path, "--show-notes")
    ]
    assert notes == [
        (
            "ML205",
            3,
            "note",
            "none",
            "'openai:gpt-4.1' and 1 more of a table keyed by OpenAI model also keyed by "
            "DeepSeek's models ('deepseek:deepseek-v4-pro'): lookups of those find them, and "
            "the OpenAI keys serve OpenAI's models; left as it is",
        ),
        (
            "ML401",
            11,
            "note",
            "none",
            "reads OPENAI_API_KEY for models on LangChain's `openai:` route (the test on line "
            "10), which go to OpenAI with it; models on `deepseek:` take the branch on line 12, "
            "which reads DEEPSEEK_API_KEY: left as it is",
        ),
    ]
    # without the rows, the table is a warning again, naming its OpenAI keys, o3 among them
    # (D5), once (t47f: one finding a key was 11 for one missing pair of rows)
    (tmp_path / "keys.py").write_text(
        'MODEL_TOKEN_LIMITS = {\n    "openai:gpt-4.1": 1047576,\n    "openai:o3": 200000,\n}\n'
    )
    assert [
        (f["rule"], f["line"], f["column"], f["severity"], f["fix"], f["message"], f["data"])
        for f in findings(tmp_path)
    ] == [
        (
            "ML205",
            1,
            22,
            "warning",
            "manual",
            "'openai:gpt-4.1', 'openai:o3' are dict keys of a table keyed by OpenAI model (such "
            "as token limits): lookups with DeepSeek's model names miss them; add entries for "
            "them by hand",
            {"keys": ["openai:gpt-4.1", "openai:o3"]},
        )
    ]


# --- D5: ML604 on a model assigned in branches ------------------------------------------------


PLAN = (
    INIT + "\n\ndef plan(provider, model, big):\n    if big:\n"
    "        llm = init_chat_model(model=model, max_tokens=20_000)\n    else:\n"
    "        llm = init_chat_model(model=model)\n"
    "    return llm.with_structured_output(Sections)\n\n\n"
    'DEFAULT = "openai:gpt-4.1"\n'
)


def test_ml604_reads_a_model_assigned_in_each_branch(registry):
    change = scanned(registry, PLAN, openai_routes_in=frozenset({"app.py"}))
    [finding] = [f for f in change.findings if f.rule == "ML604"]
    assert (finding.line, finding.data["certain"]) == (9, False)
    assert 'llm.with_structured_output(Sections, method="function_calling")' in change.after


def test_ml604_leaves_a_name_one_branch_binds_to_something_else(registry):
    text = PLAN.replace("init_chat_model(model=model)\n", "make_other(model)\n")
    change = scanned(registry, text, openai_routes_in=frozenset({"app.py"}))
    assert [f for f in change.findings if f.rule == "ML604"] == []


def test_a_model_whose_default_is_another_providers_is_left(registry):
    """open_deep_research's legacy `EVAL_MODEL` defaults to an `anthropic:` model: that call
    may build ChatAnthropic."""
    text = (
        INIT + "import os\n\n\ndef judge(m=None):\n"
        '    chosen = m or os.environ.get("EVAL_MODEL", "anthropic:claude-3-7-sonnet-latest")\n'
        "    return init_chat_model(chosen)\n\n\n"
        'M = "openai:gpt-4o"\n'
    )
    change = scanned(
        registry, text, langchain_routes=frozenset({"deepseek"}), plain_routes_named=True
    )
    assert [f for f in change.findings if f.rule == "ML118"] == []
    plain = text.replace('"anthropic:claude-3-7-sonnet-latest"', '"x"')
    change = scanned(
        registry, plain, langchain_routes=frozenset({"deepseek"}), plain_routes_named=True
    )
    assert [(f.rule, f.line) for f in change.findings if f.rule == "ML118"] == [("ML118", 7)]


def test_ml605_writes_the_switch_for_a_tool_loop_though_some_models_thought(registry):
    text = (
        INIT
        + 'model = init_chat_model(configurable_fields=("model",))\nM = "openai:gpt-4o"\n'
        + "agent = model.bind_tools([])\n"
    )
    change = scanned(
        registry,
        text,
        openai_routes_in=frozenset({"app.py"}),
        plain_routes_named=True,
        thinking_routes_named=True,
    )
    [ml605] = [f for f in change.findings if f.rule == "ML605"]
    assert f"    {SWITCH},\n" in change.after
    assert (
        f"with {SWITCH} (ML118: the module gives the models tools, and some `openai:` chat "
        "models named thought, but the DeepSeek models they map to think unless told not to"
    ) in ml605.message
    # without tools the models that thought keep their reasoning: no switch
    plain = scanned(
        registry,
        text.replace("agent = model.bind_tools([])\n", ""),
        openai_routes_in=frozenset({"app.py"}),
        plain_routes_named=True,
        thinking_routes_named=True,
    )
    assert SWITCH not in plain.after


CONFIG_KEYS = (
    "def get_api_key_for_model(model_name: str, api_keys: dict):\n"
    '    if model_name.startswith("openai:"):\n'
    '        return api_keys.get("OPENAI_API_KEY")\n'
    "{branch}"
    "    return None\n"
)


def test_a_key_named_in_a_config_dict_with_the_providers_branch_is_a_note(tmp_path, monkeypatch):
    """t47f: open_deep_research's keys from the run's config (`api_keys.get(...)`): with a
    `deepseek:` branch naming DEEPSEEK_API_KEY beside it, the OpenAI branch is left as it is."""
    (tmp_path / "requirements.txt").write_text(ROUTE_REQUIREMENTS)
    own = '    elif model_name.startswith("deepseek:"):\n        return api_keys.get("DEEPSEEK_API_KEY")\n'
    (tmp_path / "keys.py").write_text(CONFIG_KEYS.format(branch=own))
    monkeypatch.chdir(tmp_path)
    assert run("check", ".", "-p", "deepseek").exit_code == 0
    [note] = [f for f in findings(tmp_path, "--show-notes") if f["rule"] == "ML401"]
    assert (note["line"], note["severity"], note["fix"]) == (3, "note", "none")
    assert note["message"] == (
        "names OPENAI_API_KEY for models on LangChain's `openai:` route (the test on line 2), "
        "which go to OpenAI with it; models on `deepseek:` take the branch on line 4, which "
        "reads DEEPSEEK_API_KEY: left as it is"
    )
    # without that branch it is left to a person and check fails
    (tmp_path / "keys.py").write_text(CONFIG_KEYS.format(branch=""))
    assert run("check", ".", "-p", "deepseek").exit_code == 1
