"""ML603: LangChain's `init_chat_model()` / `init_embeddings()` when they build an OpenAI model,
and models written after their provider (`"openai:gpt-4o"`, gpt-researcher's settings): exact
before/after text, what is left alone."""

from __future__ import annotations

import pytest

from .framework_rewrites import assert_rewrites, findings, migrate

IMPORTS = (
    "from langchain.chat_models import init_chat_model\n"
    "from langchain.embeddings import init_embeddings\n"
)
KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'


@pytest.mark.parametrize(
    ("call", "function", "arguments"),
    [
        pytest.param(
            'init_chat_model("openai:gpt-4o-mini", temperature=0)',
            "init_chat_model",
            ('"openai:acme-small"', KEY, URL, "temperature=0"),
            id="provider-before-a-colon",
        ),
        pytest.param(
            "init_chat_model('gpt-4o')",
            "init_chat_model",
            ("'openai:acme-large'", KEY, URL),
            id="inferred-from-the-name-gets-the-provider-written",
        ),
        pytest.param(
            'init_chat_model(model="gpt-4o", model_provider="openai")',
            "init_chat_model",
            (KEY, URL, 'model="acme-large"', 'model_provider="openai"'),
            id="provider-keyword",
        ),
        pytest.param(
            'init_chat_model("openai:gpt-4o", api_key=settings.openai_key)',
            "init_chat_model",
            ('"openai:acme-large"', URL, KEY),
            id="a-key-given-is-replaced-where-it-stands",
        ),
        pytest.param(
            'init_embeddings("openai:text-embedding-3-small")',
            "init_embeddings",
            ('"openai:acme-embed"', KEY, URL, "check_embedding_ctx_length=False", "chunk_size=16"),
            id="embeddings-with-the-providers-batch-limit",
        ),
    ],
)
def test_openai_models_are_pointed_at_the_provider(registry, call, function, arguments):
    before = IMPORTS + f"llm = {call}\n"
    change = migrate(registry, before)
    assert [f.fix.value for f in change.findings if f.rule == "ML603"] == ["review"]
    listed = "".join(f"    {argument},\n" for argument in arguments)
    assert change.after == "import os\n\n" + IMPORTS + f"llm = {function}(\n{listed})\n"
    assert_rewrites(registry, before, change.after)


def test_the_message_names_the_class_the_key_and_the_model(registry):
    before = IMPORTS + 'llm = init_chat_model("gpt-4o")\n'
    [finding] = [f for f in migrate(registry, before).findings if f.rule == "ML603"]
    assert finding.message == (
        "init_chat_model() (LangChain) builds ChatOpenAI, which talks to OpenAI (key from "
        "OPENAI_API_KEY); for Acme Cloud read the key from ACME_API_KEY and the base URL from "
        "ACME_BASE_URL (default https://api.acme.example/v1); model 'gpt-4o' -> "
        "'openai:acme-large'"
    )
    assert (finding.data["model_from"], finding.data["model_to"]) == ("gpt-4o", "openai:acme-large")


def test_a_model_chosen_at_run_time_with_the_openai_provider_is_named(registry):
    before = (
        IMPORTS + 'def make(name):\n    return init_chat_model(name, model_provider="openai")\n'
    )
    change = migrate(registry, before)
    [finding] = [f for f in change.findings if f.rule == "ML603"]
    assert finding.message.endswith(
        "; model from `name` at run time: make sure it names an Acme Cloud model"
    )
    assert 'api_key=os.environ["ACME_API_KEY"]' in change.after


def test_an_unmapped_model_is_left_with_the_endpoint_moved(registry):
    before = IMPORTS + 'llm = init_chat_model("openai:o3-mini")\n'
    change = migrate(registry, before)
    [finding] = [f for f in change.findings if f.rule == "ML603"]
    assert finding.message.endswith("; Acme Cloud has no mapping for model 'o3-mini': pass one")
    assert '"openai:o3-mini"' in change.after


@pytest.mark.parametrize(
    "call",
    [
        'init_chat_model("anthropic:claude-sonnet-4-5")',
        'init_chat_model("claude-sonnet-4-5")',
        'init_chat_model("gpt-4o", model_provider="azure_openai")',
        "init_chat_model(name)",  # a provider chosen at run time too
        "init_chat_model()",  # configured at run time
        'init_chat_model("openai:gpt-4o", base_url="http://localhost:8000/v1")',
        'init_embeddings("text-embedding-3-small")',  # no provider: LangChain refuses it
    ],
)
def test_other_providers_and_what_cannot_be_told_are_left(registry, call):
    before = IMPORTS + f"llm = {call}\n"
    assert [f for f in findings(registry, before, "acme") if f[1] == "ML603"] == []
    assert migrate(registry, before).after == before


def test_without_a_provider_it_is_reported(registry):
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    text = IMPORTS + 'llm = init_chat_model("openai:gpt-4o")\n'
    [finding] = [
        f for f in check_python(text, RuleContext(registry), PYTHON_RULES) if f.rule == "ML603"
    ]
    assert finding.message == (
        "init_chat_model() (LangChain) builds ChatOpenAI, which talks to OpenAI (key from "
        "OPENAI_API_KEY); `migrate-llm apply --provider ID` points it at a provider"
    )


SETTINGS = """import os

from langchain.chat_models import init_chat_model

DEFAULTS = {"FAST_LLM": "openai:gpt-4o-mini"}
SMART_LLM = os.getenv("SMART_LLM", "openai:gpt-4o")
MODEL = "openai:gpt-4o"
llm = init_chat_model(MODEL)
KNOWN = ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]
"""


def test_models_named_with_their_provider_are_models_too(registry):
    """gpt-researcher: FAST_LLM="openai:gpt-4o-mini" reached DashScope unmapped, check passed."""
    assert findings(registry, SETTINGS, "acme") == [
        # an entry named like a model (`*_LLM`), an environment read's default: read elsewhere,
        # `openai:` would send the mapped model to OpenAI (Acme Cloud has no route)
        (5, "ML204", "manual"),
        (6, "ML204", "manual"),
        (7, "ML204", "review"),  # read here by init_chat_model, which ML603 points at Acme
        (8, "ML603", "review"),
        (9, "ML205", "manual"),  # a list the program checks against: no provider models added
    ]
    change = migrate(registry, SETTINGS)
    messages = {f.rule + str(f.line): f.message for f in change.findings}
    assert messages["ML2047"] == (
        "constant MODEL = 'openai:gpt-4o' maps to 'openai:acme-large' on Acme Cloud"
    )
    assert messages["ML6038"].endswith("model 'gpt-4o' (constant MODEL) -> 'openai:acme-large'")
    assert messages["ML2059"].startswith("'openai:gpt-4o' in a list is an OpenAI model id")
    assert 'SMART_LLM = os.getenv("SMART_LLM", "openai:gpt-4o")\n' in change.after
    assert 'MODEL = "openai:acme-large"\n' in change.after
    assert 'DEFAULTS = {"FAST_LLM": "openai:gpt-4o-mini"}\n' in change.after
    assert 'KNOWN = ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]\n' in change.after
    assert_rewrites(registry, SETTINGS, change.after)


@pytest.mark.parametrize(
    ("path", "before", "after", "message"),
    [
        (
            ".env",
            "FAST_LLM=openai:gpt-4o-mini\n",
            "FAST_LLM=openai:acme-small\n",
            "openai:gpt-4o-mini is an OpenAI model; it maps to openai:acme-small on Acme Cloud",
        ),
        (
            "models.json",
            '[{"model": "openai:gpt-4o", "title": "o3"}]\n',
            '[{"model": "openai:acme-large", "title": "o3"}]\n',
            "openai:gpt-4o is an OpenAI model; it maps to openai:acme-large on Acme Cloud",
        ),
    ],
)
def test_config_values_named_with_their_provider_are_mapped(registry, path, before, after, message):
    from pathlib import Path

    from migrate_llm.engine import FileScanner
    from migrate_llm.formats import classify
    from migrate_llm.rules.base import RuleContext

    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(before, classify(path), path, path)
    assert change.after == after
    assert [f.message for f in change.findings if f.rule == "ML503"] == [message]


# --- agent factories: create_agent / create_deep_agent given a model string ------------------

AGENT = "from langchain.agents import create_agent\n"
DEEP = "from deepagents import create_deep_agent\n"
BUILDS = (
    "{func}() builds its chat model with init_chat_model({value!r}): ChatOpenAI, which talks "
    "to OpenAI (key from OPENAI_API_KEY) whatever model follows `openai:`"
)


def _ml603(registry, text, provider="acme"):
    return [
        (f.line, f.fix.value, f.message)
        for f in migrate(registry, text, provider).findings
        if f.rule == "ML603"
    ]


@pytest.mark.parametrize(
    ("head", "call", "value"),
    [
        pytest.param(AGENT, 'create_agent(model="openai:gpt-4o", tools=[])', "openai:gpt-4o"),
        pytest.param(DEEP, 'create_deep_agent("gpt-4o", tools=[])', "gpt-4o", id="inferred"),
    ],
)
def test_an_agent_given_an_openai_model_string_gets_init_chat_model(registry, head, call, value):
    """gpt-researcher's deep research agent: apply rewrote the string to "openai:qwen4-max",
    check passed, and the agent still called api.openai.com."""
    func = call.partition("(")[0]
    before = head + f"agent = {call}\n"
    assert _ml603(registry, before) == [
        (
            2,
            "review",
            BUILDS.format(func=func, value=value)
            + f"; apply gives {func}() init_chat_model() pointed at Acme Cloud (key from "
            "ACME_API_KEY, base URL from ACME_BASE_URL), model 'openai:acme-large'",
        )
    ]
    keyword = "model=" if "model=" in call else ""
    rest = "    tools=[],\n"
    after = (
        "import os\n\n"
        + "".join(sorted([head, "from langchain.chat_models import init_chat_model\n"]))
        + f"agent = {func}(\n"
        f"    {keyword}init_chat_model(\n"
        '        "openai:acme-large",\n'
        f"        {KEY},\n"
        f"        {URL},\n"
        "    ),\n" + rest + ")\n"
    )
    assert migrate(registry, before).after == after
    assert_rewrites(registry, before, after)


def test_an_agent_given_a_constant_is_wrapped_and_the_constant_mapped_where_it_is(registry):
    before = AGENT + 'MODEL = "openai:gpt-4o-mini"\nagent = create_agent(model=MODEL)\n'
    after = migrate(registry, before).after
    assert after == (
        "import os\n\n" + AGENT + "from langchain.chat_models import init_chat_model\n"
        'MODEL = "openai:acme-small"\n'
        "agent = create_agent(\n    model=init_chat_model(\n        MODEL,\n"
        f"        {KEY},\n        {URL},\n    )\n)\n"
    )
    assert_rewrites(registry, before, after)


def test_an_agent_model_chosen_at_run_time_is_left_and_stays_reported(registry):
    before = (
        "import os\n\n" + DEEP + '\nmodel = os.environ.get("LLM") or "openai:gpt-4o"\n'
        "agent = create_deep_agent(model=model)\n"
    )
    expected = (
        6,
        "manual",
        BUILDS.format(func="create_deep_agent", value="openai:gpt-4o")
        + "; its model comes from `model` at run time: give create_deep_agent() "
        f"`init_chat_model('openai:acme-large', {KEY}, {URL})` with an Acme Cloud model, by hand",
    )
    assert _ml603(registry, before) == [expected]
    # ML204 leaves the fallback too: the agent builds ChatOpenAI at OpenAI's URL
    change = migrate(registry, before)
    assert change.after == before
    assert [(f.rule, f.line, f.fix.value) for f in change.findings if f.rule == "ML204"] == [
        ("ML204", 5, "manual")
    ]


@pytest.mark.parametrize(
    "model",
    [
        'os.environ.get("LLM") or task.get("model", "openai:gpt-4o")',
        'task.get("model", "openai:gpt-4o")',
    ],
)
def test_an_agent_model_from_a_dict_default_is_left_and_stays_reported(registry, model):
    """gpt-researcher's deep research agent reads its model from the task's JSON, with an
    OpenAI default: ML204 maps the default, the agent still builds ChatOpenAI."""
    before = (
        "import os\n\n" + DEEP + "\n\ndef build(task):\n"
        f"    model = {model}\n    return create_deep_agent(model=model)\n"
    )
    assert [row[:2] for row in _ml603(registry, before)] == [(8, "manual")]
    change = migrate(registry, before)
    assert change.after == before  # ML204 leaves the default: it would still go to OpenAI
    assert [(f.rule, f.fix.value) for f in change.findings if f.rule == "ML204"] == [
        ("ML204", "manual")
    ]


@pytest.mark.parametrize(
    "call",
    [
        'create_agent(model="anthropic:claude-sonnet-4-5")',
        "create_agent(model=ChatOpenAI(model='gpt-4o'))",
        "create_agent(model=init_chat_model('openai:acme-large', base_url=URL))",
        "create_agent(model=pick())",
    ],
)
def test_an_agent_given_a_model_object_or_another_provider_is_not_this_rules(registry, call):
    before = (
        AGENT + "from langchain.chat_models import init_chat_model\n"
        "from langchain_openai import ChatOpenAI\n\n" + f"agent = {call}\n"
    )
    assert _ml603(registry, before) == []


def test_without_a_provider_an_agents_openai_string_is_named(registry):
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    before = AGENT + 'agent = create_agent(model="openai:gpt-4o")\n'
    found = check_python(before, RuleContext(registry, None), PYTHON_RULES)
    assert [(f.line, f.fix.value, f.message) for f in found if f.rule == "ML603"] == [
        (
            2,
            "review",
            BUILDS.format(func="create_agent", value="openai:gpt-4o")
            + "; give it a chat model pointed at a provider instead",
        )
    ]
