"""ML604: `with_structured_output()` on a LangChain ChatOpenAI, whose default method sends a
json_schema response_format a provider without structured outputs rejects; ML605:
`init_chat_model()` choosing its model at run time in a project naming `openai:` models, which
sends them to OpenAI's URL (open_deep_research, t47 D2 and D5). Exact before/after text, the
findings' data, what is left alone, and `check` on a project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import (
    HOLDS_OPENAI_ROUTE,
    PINS_FUNCTION_CALLING_OUTPUT,
    RunFacts,
    facts_of,
    holds_openai_route,
)

INIT = "from langchain.chat_models import init_chat_model\n"
CHAT = "from langchain_openai import ChatOpenAI\n"
URL = 'base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'
KEY_AT_IMPORT = 'api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")'
FIXED = 'method="function_calling"'


def scanned(registry, text: str, provider: str = "deepseek", **facts):
    ctx = RuleContext(registry, registry.get(provider), facts=RunFacts(**facts))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def of(change, rule: str):
    return [f for f in change.findings if f.rule == rule]


# --- ML604 ------------------------------------------------------------------------------------


# a ChatOpenAI already pointed at the provider (ML601 leaves it)
BUILT = (
    "import os\n\n" + CHAT + "\nllm = ChatOpenAI(\n"
    '    model="deepseek-flash",\n'
    '    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
    f"    {URL},\n"
    ")\n"
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "chain = llm.with_structured_output(Answer)\n",
            f"chain = llm.with_structured_output(Answer, {FIXED})\n",
            id="through-a-name",
        ),
        pytest.param(
            "chain = llm.with_config(tags=t).with_structured_output(schema=S)\n",
            f"chain = llm.with_config(tags=t).with_structured_output(schema=S, {FIXED})\n",
            id="after-with-config",
        ),
        pytest.param(
            'chain = llm.with_structured_output(A, method="json_schema")\n',
            f"chain = llm.with_structured_output(A, {FIXED})\n",
            id="json-schema-written-over",
        ),
        pytest.param(
            "chain = llm.with_structured_output(A, strict=True)\n",
            f"chain = llm.with_structured_output(A, {FIXED}, strict=True)\n",
            id="strict-is-sent-in-the-tool",
        ),
    ],
)
def test_the_method_becomes_a_forced_tool_call(registry, before, after):
    change = scanned(registry, BUILT + before)
    [finding] = of(change, "ML604")
    assert (finding.fix.value, finding.severity.value) == ("review", "error")
    assert change.after == BUILT + after
    again = scanned(registry, change.after)
    assert of(again, "ML604") == [] and again.after == change.after


def test_the_message_and_data(registry):
    change = scanned(registry, BUILT + "chain = llm.with_structured_output(Answer)\n")
    [finding] = of(change, "ML604")
    assert finding.message.startswith(
        "with_structured_output(Answer) of ChatOpenAI() asks for structured outputs by "
        "response_format json_schema (langchain-openai>=0.3.0's default method); DeepSeek has "
        "no OpenAI-compatible structured_outputs API"
    )
    assert finding.message.endswith(
        ': apply passes method="function_calling" (the schema sent as a forced tool call, '
        "which DeepSeek takes)"
    )
    assert finding.data == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "method_from": "json_schema",
        "certain": True,
        "method_to": "function_calling",
    }


ODR = (
    "import asyncio\n\n" + INIT + "\nconfigurable_model = init_chat_model(\n"
    '    configurable_fields=("model", "max_tokens", "api_key"),\n'
    ")\n\n\n"
    "async def brief(config):\n"
    "    research_model = (\n"
    "        configurable_model\n"
    "        .with_structured_output(ResearchQuestion)\n"
    "        .with_retry(stop_after_attempt=3)\n"
    "        .with_config(config)\n"
    "    )\n"
    "    return await research_model.ainvoke([])\n"
)


def test_open_deep_research_configurable_model(registry):
    """The model of each run comes from settings holding `"openai:gpt-4.1"`: ML605 points the
    configurable model at the provider, with a default model; ML604 asks for a tool call."""
    change = scanned(registry, ODR, openai_routes_in=frozenset({"configuration.py"}))
    [structured] = of(change, "ML604")
    assert structured.data["certain"] is False
    assert structured.message.startswith(
        "with_structured_output(ResearchQuestion) of init_chat_model(), ChatOpenAI for "
        "`openai:` models asks for structured outputs"
    )
    [configured] = of(change, "ML605")
    assert configured.message == (
        "init_chat_model() chooses its model at run time and builds ChatOpenAI for `openai:` "
        "models (configuration.py names them), which talks to OpenAI's URL; for DeepSeek apply "
        "passes a default model 'openai:deepseek-flash', the base URL from DEEPSEEK_BASE_URL "
        "(default https://api.deepseek.com) and the key from DEEPSEEK_API_KEY as the default "
        "config of every model it builds (a model of another provider named in a run goes "
        "there too; without a default model LangChain fails building the one it reads "
        "attributes from); the key given at run time (configurable api_key) must be "
        "DEEPSEEK_API_KEY's, by hand"
    )
    assert configured.data == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "api_key_env": "DEEPSEEK_API_KEY",
        "base_url_env": "DEEPSEEK_BASE_URL",
        "routes_in": ["configuration.py"],
        "key_at_run_time": True,
    }
    assert change.after == (
        "import asyncio\nimport os\n\n" + INIT + "\nconfigurable_model = init_chat_model(\n"
        '    model="openai:deepseek-flash",\n'
        f"    {KEY_AT_IMPORT},\n"
        f"    {URL},\n"
        '    configurable_fields=("model", "max_tokens", "api_key"),\n'
        ")\n\n\n"
        "async def brief(config):\n"
        "    research_model = (\n"
        "        configurable_model\n"
        f"        .with_structured_output(ResearchQuestion, {FIXED})\n"
        "        .with_retry(stop_after_attempt=3)\n"
        "        .with_config(config)\n"
        "    )\n"
        "    return await research_model.ainvoke([])\n"
    )
    again = scanned(registry, change.after, openai_routes_in=frozenset({"configuration.py"}))
    assert [f for f in again.findings if f.edit is not None] == []


ROUTED = {
    "openai_routes_in": frozenset({"configuration.py"}),
    "langchain_routes": frozenset({"deepseek"}),
}


def test_a_model_moved_to_the_providers_route_keeps_its_default_method(registry):
    """t47f: with langchain-deepseek required, ML204 moves the project's `openai:` models to
    `deepseek:`; ChatDeepSeek asks for a forced tool call by default, so ML604 (and ML605)
    leave open_deep_research's configurable model alone."""
    change = scanned(registry, ODR, **ROUTED)
    assert of(change, "ML604") == [] and of(change, "ML605") == []
    assert change.after == ODR


@pytest.mark.parametrize(
    ("before", "after", "fix"),
    [
        pytest.param(
            'chain = model.with_structured_output(A, method="json_schema")\n',
            f"chain = model.with_structured_output(A, {FIXED})\n",
            "review",
            id="json-schema-by-name-sent-before-0.1.3",
        ),
        pytest.param(
            "chain = model.with_structured_output(A, **options)\n",
            "chain = model.with_structured_output(A, **options)\n",
            "manual",
            id="a-mapping-may-name-it",
        ),
    ],
)
def test_on_the_route_a_method_by_name_is_still_reported(registry, before, after, fix):
    head = INIT + "model = init_chat_model(configurable_fields=('model',))\n"
    change = scanned(registry, head + before, **ROUTED)
    [finding] = of(change, "ML604")
    assert (finding.fix.value, finding.data["certain"]) == (fix, False)
    assert change.after == head + after


@pytest.mark.parametrize(
    "built",
    [
        pytest.param(
            "model = init_chat_model(model=c.writer_model, model_provider=c.writer_provider)\n",
            id="a-provider-chosen-at-run-time",
        ),
        pytest.param(
            "if c.big:\n    model = init_chat_model(c.model)\n"
            'else:\n    model = ChatOpenAI(model="gpt-4o")\n',
            id="a-branch-building-chatopenai",
        ),
    ],
)
def test_on_the_route_a_model_that_may_stay_chatopenai_is_still_fixed(registry, built):
    head = INIT + CHAT + built
    change = scanned(registry, head + "chain = model.with_structured_output(A)\n", **ROUTED)
    [finding] = of(change, "ML604")
    assert (finding.fix.value, finding.data["certain"]) == ("review", False)
    assert change.after.endswith(f"chain = model.with_structured_output(A, {FIXED})\n")


def test_a_model_read_from_settings_gets_the_base_url_and_keeps_its_key(registry):
    """open_deep_research's summarization model: the key comes from a helper reading
    OPENAI_API_KEY (ML401 reports that read), so it is left, named in the message."""
    before = (
        "import os\n\n" + INIT + "\n\ndef summarize(configurable, key):\n"
        "    return init_chat_model(\n"
        "        model=configurable.summarization_model,\n"
        "        api_key=key,\n"
        "    ).with_structured_output(Summary)\n"
    )
    change = scanned(registry, before, openai_routes_in=frozenset({"configuration.py"}))
    [configured] = of(change, "ML605")
    assert configured.message.endswith(
        "; for DeepSeek apply passes the base URL from DEEPSEEK_BASE_URL (default "
        "https://api.deepseek.com); the key given at run time (`key`) must be "
        "DEEPSEEK_API_KEY's, by hand"
    )
    assert change.after == (
        "import os\n\n" + INIT + "\n\ndef summarize(configurable, key):\n"
        "    return init_chat_model(\n"
        f"        {URL},\n"
        "        model=configurable.summarization_model,\n"
        "        api_key=key,\n"
        f"    ).with_structured_output(Summary, {FIXED})\n"
    )


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        pytest.param(
            CHAT + 'chain = ChatOpenAI().with_structured_output(A, method="json_mode")\n',
            {},
            id="another-method",
        ),
        pytest.param(
            CHAT
            + 'chain = ChatOpenAI(base_url="http://localhost:8000/v1").with_structured_output(A)\n',
            {},
            id="another-host",
        ),
        pytest.param(
            "from langchain_community.chat_models import ChatOpenAI\n"
            "chain = ChatOpenAI().with_structured_output(A)\n",
            {},
            id="langchain-community-defaults-to-function-calling",
        ),
        pytest.param(
            CHAT + "chain = ChatOpenAI().with_structured_output(A)\n",
            {"langchain_openai_function_calling": True},
            id="pinned-below-0.3.0",
        ),
        pytest.param(
            INIT + "chain = init_chat_model(name).with_structured_output(A)\n",
            {},
            id="a-model-chosen-at-run-time-without-openai-models-in-the-project",
        ),
        pytest.param(
            INIT
            + 'chain = init_chat_model("anthropic:claude-sonnet-4-5").with_structured_output(A)\n',
            {"openai_routes_in": frozenset({"settings.py"})},
            id="another-providers-model",
        ),
        pytest.param(
            "def f(model):\n    return model.with_structured_output(A)\n",
            {"openai_routes_in": frozenset({"settings.py"})},
            id="a-model-not-shown",
        ),
    ],
)
def test_left_alone(registry, text, facts):
    change = scanned(registry, text, **facts)
    assert of(change, "ML604") == [] and of(change, "ML605") == []


def test_the_provider_with_structured_outputs_is_left_alone(registry):
    text = CHAT + "chain = ChatOpenAI().with_structured_output(A)\n"
    assert of(scanned(registry, text, provider="azure"), "ML604") == []


@pytest.mark.parametrize(
    ("text", "provider", "why"),
    [
        pytest.param(
            CHAT + "chain = ChatOpenAI().with_structured_output(A, tools=[search])\n",
            "deepseek",
            '`tools=` is sent beside the schema only with "json_schema": bind those tools and '
            "ask for the schema apart, by hand",
            id="tools-beside-the-schema",
        ),
        pytest.param(
            CHAT + "chain = ChatOpenAI().with_structured_output(A, method=how)\n",
            "deepseek",
            'make sure it is not "json_schema", by hand',
            id="a-method-chosen-at-run-time",
        ),
        pytest.param(
            CHAT + "chain = ChatOpenAI().with_structured_output(A, **options)\n",
            "deepseek",
            "the `**mapping` it is given may name the method: pass "
            'method="function_calling" where it is built, by hand',
            id="a-mapping",
        ),
        pytest.param(
            CHAT + "chain = ChatOpenAI().with_structured_output(A)\n",
            "qwen",
            'its file lists no named tool_choice either, so method="function_calling" may fail '
            'too: describe the JSON in the prompt and pass method="json_mode", by hand',
            id="no-forced-tool-choice",
        ),
    ],
)
def test_left_for_a_person(registry, text, provider, why):
    change = scanned(registry, text, provider=provider)
    [finding] = of(change, "ML604")
    assert finding.fix.value == "manual"
    assert finding.message.endswith(f"; {why}")
    assert "with_structured_output" not in (
        change.edits_text if hasattr(change, "edits_text") else ""
    )
    assert [f for f in of(change, "ML604") if f.edit is not None] == []


def test_partial_support_is_a_warning(registry):
    """Qwen's structured outputs are partial: a warning, which still fails `check`."""
    change = scanned(registry, CHAT + "chain = ChatOpenAI().with_structured_output(A)\n", "qwen")
    [finding] = of(change, "ML604")
    assert finding.severity.value == "warning"


# --- ML605 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "routes"),
    [
        pytest.param('init_chat_model("openai:gpt-4o")', True, id="a-written-model-is-ml603s"),
        pytest.param("init_chat_model(configurable_fields=('model',))", False, id="no-routes"),
        pytest.param(
            "init_chat_model(m, model_provider=provider)", True, id="a-provider-chosen-at-run-time"
        ),
        pytest.param('init_chat_model(m, model_provider="anthropic")', True, id="another-provider"),
        pytest.param("init_chat_model(m, base_url=URL)", True, id="a-base-url-given"),
    ],
)
def test_run_time_models_left_alone(registry, call, routes):
    facts = {"openai_routes_in": frozenset({"settings.py"})} if routes else {}
    assert of(scanned(registry, INIT + f"llm = {call}\n", **facts), "ML605") == []


def test_no_model_and_no_fields_keeps_the_model_configurable(registry):
    """`init_chat_model()` makes the model configurable; given a default model it would not:
    apply writes LangChain's own default fields beside it."""
    change = scanned(
        registry, INIT + "llm = init_chat_model()\n", openai_routes_in=frozenset({"s.py"})
    )
    assert change.after == (
        "import os\n\n" + INIT + "llm = init_chat_model(\n"
        '    model="openai:deepseek-flash",\n'
        '    configurable_fields=("model", "model_provider"),\n'
        f"    {KEY_AT_IMPORT},\n"
        f"    {URL},\n"
        ")\n"
    )


# --- run facts and check -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "held"),
    [
        (b'MODEL = "openai:gpt-4.1"\n', True),
        (b"{'model': 'openai:o3'}", True),
        (b'"source": ["x = \\"openai:gpt-4o\\""]', True),  # a notebook's JSON
        (b'E = "openai:text-embedding-3-small"\n', False),
        (b'M = "anthropic:claude-sonnet-4-5"\n', False),
    ],
)
def test_modules_holding_openai_model_strings(data, held):
    assert holds_openai_route(data) is held
    assert (
        bool(facts_of("python", data, True, b"openai" in data, None) & HOLDS_OPENAI_ROUTE) is held
    )


@pytest.mark.parametrize(
    ("pin", "bit"),
    [("langchain-openai==0.2.14\n", True), ("langchain-openai>=0.3.28\n", False)],
)
def test_a_pin_below_0_3_0_keeps_function_calling(pin, bit):
    assert (
        bool(
            facts_of("requirements", pin.encode(), True, False, None) & PINS_FUNCTION_CALLING_OUTPUT
        )
        is bit
    )


SETTINGS = 'RESEARCH_MODEL = "openai:gpt-4.1"\n'
AGENT = INIT + (
    'model = init_chat_model(configurable_fields=("model",))\n'
    "chain = model.with_structured_output(Answer)\n"
)


def test_check_fails_until_apply_and_passes_after(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "agent.py").write_text(AGENT)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    check = runner.invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    found = sorted((f["rule"], f["path"], f["fix"]) for f in json.loads(check.stdout)["findings"])
    # the `openai:` model in another module is left (`langchain_routes`): ML605's edit points
    # only this call at the provider, and the string may reach others
    assert found == [
        ("ML204", "settings.py", "manual"),
        ("ML604", "agent.py", "review"),
        ("ML605", "agent.py", "review"),
    ]
    routes = next(f for f in json.loads(check.stdout)["findings"] if f["rule"] == "ML605")
    assert routes["data"]["routes_in"] == ["settings.py"]
    assert runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"]).exit_code == 0
    assert FIXED in (tmp_path / "agent.py").read_text()
    left = runner.invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert left.exit_code == 1
    assert [(f["rule"], f["path"]) for f in json.loads(left.stdout)["findings"]] == [
        ("ML204", "settings.py")
    ]
    # with the provider's own route required, the model moves to it and nothing is left
    (tmp_path / "requirements.txt").write_text("langchain-deepseek>=1.1\n")
    assert runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"]).exit_code == 0
    assert (tmp_path / "settings.py").read_text() == 'RESEARCH_MODEL = "deepseek:deepseek-v4-pro"\n'
    assert runner.invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0
    # without the project's `openai:` models, the configurable model is not known to be OpenAI's
    (tmp_path / "settings.py").write_text('RESEARCH_MODEL = "anthropic:claude-sonnet-4-5"\n')
    (tmp_path / "agent.py").write_text(AGENT)
    assert runner.invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code == 0


# --- ML605 beside ML204's `openai:` models (langchain_routes) -----------------------------------

PER_RUN = (
    INIT
    + 'MODEL = "openai:gpt-4o-mini"\n'
    + 'model = init_chat_model(configurable_fields=("model",))\n'
)


@pytest.mark.parametrize(
    "run",
    [
        pytest.param('reply = model.with_config({"configurable": {"model": MODEL}})\n', id="dict"),
        pytest.param("reply = model.with_config(configurable={'model': MODEL})\n", id="keyword"),
    ],
)
def test_a_runs_model_of_a_call_ml605_points_keeps_openai_and_is_mapped(registry, run):
    change = scanned(registry, PER_RUN + run)
    assert [(f.rule, f.fix.value) for f in change.findings] == [
        ("ML204", "review"),
        ("ML605", "review"),
    ]
    assert change.after == (
        "import os\n\n"
        + INIT
        + 'MODEL = "openai:deepseek-flash"\n'
        + "model = init_chat_model(\n"
        + '    model="openai:deepseek-flash",\n'
        + '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        + f"    {URL},\n"
        + '    configurable_fields=("model",),\n'
        + ")\n"
        + run
    )


def test_with_the_providers_route_required_models_move_to_it_and_ml605_is_quiet(registry):
    run = 'reply = model.with_config({"configurable": {"model": MODEL}})\n'
    change = scanned(registry, PER_RUN + run, langchain_routes=frozenset({"deepseek"}))
    assert [(f.rule, f.fix.value) for f in change.findings] == [("ML204", "review")]
    assert change.after == PER_RUN.replace("openai:gpt-4o-mini", "deepseek:deepseek-flash") + run


def test_a_runs_model_of_another_call_is_left(registry):
    run = 'reply = other.with_config({"configurable": {"model": MODEL}})\n'
    change = scanned(registry, PER_RUN + run)
    assert [(f.rule, f.fix.value) for f in of(change, "ML204")] == [("ML204", "manual")]


@pytest.mark.parametrize(
    ("built", "found"),
    [
        pytest.param("ChatOpenAI(base_url=config.llm_base_url)", [8], id="run-time"),
        pytest.param(
            'ChatOpenAI(base_url=os.environ["VLLM_BASE_URL"], api_key=os.environ["VLLM_KEY"])',
            [],
            id="own-server-variables",
        ),
        pytest.param(
            'ChatOpenAI(base_url=os.environ.get("OPENAI_BASE_URL", "http://localhost:1234/v1"))',
            [],
            id="openai-variable-defaulting-to-own-server",
        ),
    ],
)
def test_a_base_url_chosen_at_run_time_is_the_providers(registry, built, found):
    """quivr's `ChatOpenAI(base_url=config.llm_base_url)`: ML601 says to make it the
    provider's, so its json_schema output goes there (t67e); a server of the program's own
    is left, as ML601 leaves it."""
    text = f"import os\n\n{CHAT}\n\ndef make(config):\n    llm = {built}\n"
    text += "    return llm.with_structured_output(Answer)\n"
    lines = [f.line for f in of(scanned(registry, text, "zhipu"), "ML604")]
    assert lines == found
