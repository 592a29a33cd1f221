"""agno's OpenAI classes, default model and model strings (ML685): exact before/after text and
messages with every rule running, what is left to a person (so `check` fails), the prefilter,
and at the bottom the migrated program run with the real agno against the loopback server
(marked `frameworks`)."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.prefilter import prefilters
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import RunFacts, facts_of

from .cli_findings import check_rules
from .framework_rewrites import applied, assert_rewrites

MODELS = "from agno.models.openai import OpenAIChat\n"
AGENT = "from agno.agent import Agent\n"
EMBEDDER = "from agno.knowledge.embedder.openai import OpenAIEmbedder\n"
KEY = 'api_key=os.environ.get("ACME_API_KEY", "unset")'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
ACME_LIKE = (
    'OpenAILike(id="{model}", api_key=os.environ["ACME_API_KEY"], '
    'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
    "supports_native_structured_outputs=False) (from agno.models.openai import OpenAILike)"
)
NO_OUTPUTS = "supports_native_structured_outputs=False"

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
QWEN_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
LIKE_NOTE = (
    "it becomes OpenAILike, which sends the system prompt as 'system' (OpenAIChat: 'developer')"
)


def found(registry, text: str, provider: str | None = "acme") -> list[tuple[int, str, str, str]]:
    """(line, rule, fix, message) of every finding on `text`."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [(f.line, f.rule, f.fix.value, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


CASES = [
    pytest.param(
        f'{MODELS}model = OpenAIChat("gpt-4o-mini", temperature=0.2, organization="org-1")\n',
        "import os\n\nfrom agno.models.openai import OpenAILike\n"
        f'model = OpenAILike(\n    "acme-small",\n    {KEY},\n    {URL},\n    {NO_OUTPUTS},\n'
        "    temperature=0.2,\n)\n",
        id="positional-id-mapped-where-it-stands-organization-dropped",
    ),
    pytest.param(
        "import os\n\nimport agno.models.openai.chat as chat\n\n\n"
        "def build():\n"
        '    return chat.OpenAIChat(id="gpt-4o", api_key=os.getenv("OPENAI_API_KEY"))\n',
        "import os\n\nfrom agno.models.openai import OpenAILike\n\n\n"
        "def build():\n    return OpenAILike(\n"
        '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        f"        {NO_OUTPUTS},\n"
        '        id="acme-large",\n'
        '        api_key=os.environ["ACME_API_KEY"],\n'
        "    )\n",
        id="module-alias-and-openais-key-variable-replaced",
    ),
    pytest.param(
        f'{EMBEDDER}embedder = OpenAIEmbedder(id="text-embedding-3-small", dimensions=512)\n',
        f"import os\n\n{EMBEDDER}embedder = OpenAIEmbedder(\n    {KEY},\n    {URL},\n"
        '    id="acme-embed",\n    dimensions=512,\n)\n',
        id="embedder-keeps-the-dimensions-it-is-given",
    ),
    pytest.param(
        "from agno.embedder.openai import OpenAIEmbedder\nembedder = OpenAIEmbedder()\n",
        "import os\n\nfrom agno.embedder.openai import OpenAIEmbedder\n"
        f'embedder = OpenAIEmbedder(\n    {KEY},\n    {URL},\n    id="acme-embed",\n'
        "    dimensions=1024,\n)\n",
        id="agno-1x-embedder-gets-the-providers-size",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_rewrite(registry, before, after):
    assert_rewrites(registry, before, after)


def test_the_chat_class_message_and_data(registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    [finding] = check_python(f'{MODELS}model = OpenAIChat(id="gpt-4o")\n', ctx, PYTHON_RULES)
    assert finding.message == (
        f"OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); for {QWEN} read the "
        "key from DASHSCOPE_API_KEY and the base URL from DASHSCOPE_BASE_URL (default "
        f"{QWEN_URL}); model 'gpt-4o' -> 'qwen4-max'; {LIKE_NOTE}, with "
        f"supports_native_structured_outputs=False: {QWEN} takes structured outputs "
        "(response_format json_schema) on some models only, so agno asks for JSON mode "
        "(json_object) instead"
    )
    assert finding.data == {
        "framework": "agno",
        "class": "OpenAIChat",
        "api_key_env": "DASHSCOPE_API_KEY",
        "base_url_env": "DASHSCOPE_BASE_URL",
        "model_from": "gpt-4o",
        "model_to": "qwen4-max",
        "replacement": "agno.models.openai.OpenAILike",
    }


def test_the_responses_class_is_pointed_where_the_provider_serves_that_api(registry):
    text = "from agno.models.openai import OpenAIResponses\nmodel = OpenAIResponses()\n"
    assert applied(registry, text, "qwen") == (
        "import os\n\nfrom agno.models.openai import OpenAIResponses\n"
        "model = OpenAIResponses(\n"
        '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
        "    base_url=os.environ.get(\n"
        f'        "DASHSCOPE_BASE_URL", "{QWEN_URL}"\n'
        "    ),\n"
        '    id="qwen-plus",\n)\n'
    )


ACME_MADE_LIKE = (
    'make it OpenAILike(id="{model}", api_key=os.environ["ACME_API_KEY"], '
    'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
    "supports_native_structured_outputs=False), its other arguments kept (from "
    "agno.models.openai import OpenAILike; it sends the system prompt as 'system', where "
    "OpenAIChat sends 'developer')"
)


def test_another_key_is_left_to_a_person(registry):
    text = f'{MODELS}import os\nmodel = OpenAIChat(id="gpt-4o", api_key=os.environ["MY_KEY"])\n'
    assert found(registry, text) == [
        (
            3,
            "ML685",
            "manual",
            "OpenAIChat() (agno) talks to OpenAI (key from MY_KEY); apply replaces only "
            f"OPENAI_API_KEY: {ACME_MADE_LIKE.format(model='acme-large')}, by hand (an OpenAI "
            "key must not go to Acme Cloud)",
        )
    ]


def test_the_providers_key_without_a_base_url_still_goes_to_openai(registry):
    text = f'{MODELS}import os\nmodel = OpenAIChat(id="acme-large", api_key=os.environ["ACME_API_KEY"])\n'
    assert found(registry, text) == [
        (
            3,
            "ML685",
            "manual",
            "OpenAIChat() (agno) talks to OpenAI (key from ACME_API_KEY); without base_url= it "
            f"sends that key to OpenAI: {ACME_MADE_LIKE.format(model='acme-large')}, by hand",
        )
    ]


def test_a_typed_key_gets_the_whole_change_in_one_round(registry):
    """t46b (ai_data_analysis_agent): the first message named only the key and base URL; the
    OpenAI model and the 'developer' role came in a second round, after that edit. It names
    all of it now, and the code it gives leaves nothing for check."""
    text = (
        "import streamlit as st\n"
        f"{AGENT}{MODELS}\n"
        'agent = Agent(model=OpenAIChat(id="gpt-4o", api_key=st.session_state.openai_key))\n'
    )
    assert found(registry, text, "qwen") == [
        (
            5,
            "ML685",
            "manual",
            "OpenAIChat() (agno) talks to OpenAI (key from `st.session_state.openai_key`); apply "
            'replaces only OPENAI_API_KEY: make it OpenAILike(id="qwen4-max", '
            'api_key=os.environ["DASHSCOPE_API_KEY"], base_url=os.environ.get('
            f'"DASHSCOPE_BASE_URL", "{QWEN_URL}"), supports_native_structured_outputs=False), '
            "its other arguments kept (from agno.models.openai import OpenAILike; it sends the "
            "system prompt as 'system', where OpenAIChat sends 'developer'), by hand (an OpenAI "
            f"key must not go to {QWEN})",
        )
    ]
    edited = (
        "import os\n\nimport streamlit as st\n"
        f"{AGENT}from agno.models.openai import OpenAILike\n\n"
        'agent = Agent(model=OpenAILike(id="qwen4-max", api_key=os.environ["DASHSCOPE_API_KEY"], '
        f'base_url=os.environ.get("DASHSCOPE_BASE_URL", "{QWEN_URL}"), '
        "supports_native_structured_outputs=False))\n"
    )
    assert found(registry, edited, "qwen") == []


def test_an_embedder_left_to_a_person_is_told_its_model_and_size_too(registry):
    text = (
        f"import os\n\n{EMBEDDER}\n"
        'mine = OpenAIEmbedder(api_key=os.environ["MY_KEY"], id="text-embedding-3-small")\n'
        'ours = OpenAIEmbedder(api_key=os.environ["ACME_API_KEY"], id="acme-embed")\n'
    )
    assert [f for f in found(registry, text) if f[1] == "ML685"] == [
        (
            5,
            "ML685",
            "manual",
            "OpenAIEmbedder() (agno) talks to OpenAI (key from MY_KEY); apply replaces only "
            'OPENAI_API_KEY: pass id="acme-embed", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "dimensions=1024, by hand (an OpenAI key must not go to Acme Cloud)",
        ),
        (
            6,
            "ML685",
            "manual",
            "OpenAIEmbedder() (agno) talks to OpenAI (key from ACME_API_KEY); without base_url= "
            'it sends that key to OpenAI: pass base_url=os.environ.get("ACME_BASE_URL", '
            '"https://api.acme.example/v1"), dimensions=1024, by hand',
        ),
    ]


def test_team_without_a_model_and_an_openai_chat_string(registry):
    text = (
        f"{AGENT}from agno.team import Team\n\n"
        'writer = Agent(model="openai-chat:gpt-4o")\n'
        "team = Team([writer])\n"
    )
    assert found(registry, text) == [
        (
            4,
            "ML685",
            "manual",
            "Agent(model='openai-chat:gpt-4o') builds OpenAIChat at OpenAI (key from "
            "OPENAI_API_KEY): agno's openai-chat: strings go there whatever the model; pass "
            f"model={ACME_LIKE.format(model='acme-large')}, by hand",
        ),
        (
            5,
            "ML685",
            "manual",
            'Team() is given no model: agno\'s default model is OpenAIResponses(id="gpt-5.4") '
            "at OpenAI (key from OPENAI_API_KEY); pass "
            f"model={ACME_LIKE.format(model='<model>')}, <model> one of acme-large, "
            "acme-medium, acme-small, by hand",
        ),
    ]


def test_a_team_members_agent_without_a_model_takes_the_teams(registry):
    text = (
        f"{AGENT}{MODELS}from agno.team import Team\n\n"
        'writer = Agent(name="writer")\n'
        'team = Team([writer], model=OpenAIChat(id="gpt-4o"))\n'
    )
    assert [(line, rule) for line, rule, _, _ in found(registry, text)] == [(6, "ML685")]


def test_a_provider_model_after_the_openai_prefix_still_goes_to_openai(registry):
    # the trial's hand fix: "openai:qwen-plus" (which the model-string help used to suggest)
    text = f'{AGENT}writer = Agent(model="openai:qwen-plus", reasoning_model=None)\n'
    [(line, rule, fix, message)] = found(registry, text, "qwen")
    assert (line, rule, fix) == (2, "ML685", "manual")
    assert message.startswith(
        "Agent(model='openai:qwen-plus') builds OpenAIResponses at OpenAI (key from "
        "OPENAI_API_KEY): agno's openai: strings go there whatever the model; pass "
        'model=OpenAILike(id="qwen-plus", api_key=os.environ["DASHSCOPE_API_KEY"], '
    )


def test_a_vector_database_without_an_embedder(registry):
    text = (
        "from agno.vectordb.pgvector import PgVector\n"
        'db = PgVector(table_name="docs", db_url="postgresql://localhost/ai")\n'
    )
    assert found(registry, text) == [
        (
            2,
            "ML685",
            "manual",
            "PgVector() is given no embedder: agno builds OpenAIEmbedder() "
            "(text-embedding-3-small at OpenAI, key from OPENAI_API_KEY); pass "
            'embedder=OpenAIEmbedder(id="acme-embed", api_key=os.environ["ACME_API_KEY"], '
            'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
            "dimensions=1024) (from agno.knowledge.embedder.openai import OpenAIEmbedder), by hand",
        )
    ]
    assert found(registry, text, "deepseek")[0][3].endswith(
        "DeepSeek has no OpenAI-compatible embeddings API: pass an embedder of a provider "
        "that serves them (not OpenAI's), by hand"
    )


def test_a_vector_database_given_an_embedder_is_left_alone(registry):
    qdrant = "from agno.vectordb.qdrant import Qdrant\n"
    assert found(registry, f'{qdrant}db = Qdrant("docs", embedder=my_embedder)\n') == []
    # `embedder` is Qdrant's fifth parameter
    assert found(registry, f'{qdrant}db = Qdrant("docs", None, None, None, my_embedder)\n') == []
    assert found(registry, f"{qdrant}db = Qdrant(**settings)\n") == []


def test_the_embedder_is_left_where_the_provider_serves_no_embeddings(registry):
    assert found(registry, f"{EMBEDDER}embedder = OpenAIEmbedder()\n", "deepseek") == [
        (
            2,
            "ML685",
            "manual",
            "OpenAIEmbedder() (agno) talks to OpenAI (key from OPENAI_API_KEY); DeepSeek has no "
            f"OpenAI-compatible embeddings API (see {registry.get('deepseek').docs}): keep it "
            "on OpenAI or point it at a provider that serves embeddings (its key and base URL), "
            "by hand; acme, azure, baichuan, doubao, ernie, hunyuan, qwen, siliconflow, zhipu "
            "offer it",
        )
    ]


def test_the_chat_class_already_pointed_at_a_provider_without_the_developer_role(registry):
    text = (
        f"{MODELS}import os\n"
        'model = OpenAIChat(id="qwen-plus", api_key=os.environ["DASHSCOPE_API_KEY"], '
        'base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n'
    )
    assert found(registry, text, "qwen") == [
        (
            3,
            "ML685",
            "manual",
            f"OpenAIChat() (agno) already points at {QWEN}; it sends the system prompt as "
            f"'developer', which {QWEN} does not take: use OpenAILike (from "
            "agno.models.openai import OpenAILike) with supports_native_structured_outputs=False",
        )
    ]


def test_a_model_the_rule_owns_is_not_reported_again_by_the_model_rules(registry):
    text = f'{AGENT}{MODELS}agent = Agent(model=OpenAIChat("gpt-4o"))\nother = Agent(model="openai:gpt-4o")\n'
    assert [(line, rule) for line, rule, _, _ in found(registry, text)] == [
        (3, "ML685"),
        (4, "ML685"),
    ]


def test_without_a_provider_each_is_reported(registry):
    text = f"{AGENT}agent = Agent()\n"
    assert found(registry, text, None) == [
        (
            2,
            "ML685",
            "manual",
            'Agent() is given no model: agno\'s default model is OpenAIResponses(id="gpt-5.4") '
            "at OpenAI (key from OPENAI_API_KEY) unless a Team given a model runs it; "
            "`migrate-llm scan --provider ID` says what to pass",
        )
    ]


def test_a_module_naming_only_agnos_classes_passes_the_prefilter(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search(f"{AGENT}agent = Agent()\n")
    assert python.search("from agno.vectordb.lancedb import LanceDb\n")
    assert not python.search("from agno.tools.duckduckgo import DuckDuckGoTools\n")


# --- structured outputs and stream_options (the awesome-llm-apps trial on Zhipu) -------------

ZAI_KEY = 'api_key=os.environ.get("ZAI_API_KEY", "unset")'
ZAI_URL = 'base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'
SCHEMA_AGENT = (
    f"{AGENT}{MODELS}from pydantic import BaseModel\n\n\n"
    "class Verdict(BaseModel):\n    ok: bool\n\n\n"
    'judge = Agent(model=OpenAIChat(id="gpt-4o-mini"), output_schema=Verdict)\n'
)


def _schema_agent_on_zhipu(field: str) -> str:
    return (
        "import os\n\n"
        f"{AGENT}from agno.models.openai import OpenAILike\nfrom pydantic import BaseModel\n\n\n"
        "class Verdict(BaseModel):\n    ok: bool\n\n\n"
        "judge = Agent(\n    model=OpenAILike(\n"
        f"        {ZAI_KEY},\n        {ZAI_URL},\n        {field}=False,\n"
        '        id="glm-4-air-250414",\n    ),\n    output_schema=Verdict,\n)\n'
    )


def test_a_provider_without_structured_outputs_gets_json_mode(registry):
    assert applied(registry, SCHEMA_AGENT, "zhipu") == _schema_agent_on_zhipu(
        "supports_native_structured_outputs"
    )
    ctx = RuleContext(registry, registry.get("zhipu"))
    assert [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(SCHEMA_AGENT, ctx, PYTHON_RULES)
    ] == [
        (
            10,
            "error",
            "review",
            "OpenAIChat() (agno) talks to OpenAI (key from OPENAI_API_KEY); for Zhipu AI (GLM) "
            "read the key from ZAI_API_KEY and the base URL from ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4); model 'gpt-4o-mini' -> 'glm-4-air-250414'; "
            f"{LIKE_NOTE}, with supports_native_structured_outputs=False: Zhipu AI (GLM) has no "
            "structured outputs (response_format json_schema), so agno asks for JSON mode "
            "(json_object) instead",
        ),
    ]


def test_a_module_that_streams_gets_one_note_on_stream_options(registry):
    text = (
        f"{AGENT}{MODELS}\n"
        'fast = Agent(model=OpenAIChat(id="gpt-4o-mini"))\n'
        'deep = Agent(model=OpenAIChat(id="gpt-4o"), reasoning=True)\n\n'
        'fast.print_response("Plan the release.", stream=True)\n'
        'deep.print_response("Plan the release.", stream=False)\n'
    )
    notes = [
        (f.line, f.column, f.fix.value, f.message)
        for f in _zhipu(registry, text)
        if f.severity.value == "note"
    ]
    assert notes == [
        (
            4,
            20,
            "none",
            "agno sends stream_options= with every streamed request (stream=True on line 7), "
            "which Zhipu AI (GLM) does not take (unconfirmed: one third-party source "
            "(AgentScope GLM formatter)), and has no setting that leaves it out: if a streamed "
            "run fails, run it without streaming",
        )
    ]
    quiet = text.replace("stream=True", "stream=False")
    assert [f for f in _zhipu(registry, quiet) if f.severity.value == "note"] == []
    # a provider that takes stream_options: nothing to say
    qwen = RuleContext(registry, registry.get("qwen"))
    assert [
        f.severity.value for f in check_python(text, qwen, PYTHON_RULES) if f.rule == "ML685"
    ] == ["error", "error"]


def _zhipu(registry, text: str):
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML685"]


def test_a_pinned_agno_before_1_1_14_gets_the_fields_old_name(registry):
    ctx = RuleContext(registry, registry.get("zhipu"), facts=RunFacts(agno_old_outputs_field=True))
    before = SCHEMA_AGENT.replace("output_schema=", "response_model=")
    after, _ = migrate_text(before, "python", "app.py", check_python(before, ctx, PYTHON_RULES))
    assert after == _schema_agent_on_zhipu("supports_structured_outputs").replace(
        "output_schema=", "response_model="
    )
    assert [f for f in check_python(after, ctx, PYTHON_RULES) if f.edit is not None] == []


@pytest.mark.parametrize(
    ("text", "pins"),
    [
        pytest.param(b"agno==1.1.5\nopenai\n", True, id="pinned"),
        pytest.param(b"agno<1.1.14\n", True, id="capped"),
        pytest.param(b"agno>=1.1.7\n", False, id="floor-admits-newer"),
        pytest.param(b"agno[openai]==1.1.13\n", True, id="extras"),
        pytest.param(b"agno\nagnostic==1.0\n", False, id="unpinned-and-another-name"),
    ],
)
def test_which_requirements_pin_an_agno_with_the_old_field(text, pins):
    bits = facts_of("requirements", text, False, False, None)
    assert RunFacts.of_bits(bits).agno_old_outputs_field is pins


def test_apply_reads_the_agno_pin_of_the_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("agno==1.1.5\nopenai\n")
    (tmp_path / "judge.py").write_text(SCHEMA_AGENT)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "judge.py").read_text() == _schema_agent_on_zhipu(
        "supports_structured_outputs"
    )


def test_a_field_the_code_sets_is_kept_and_a_provider_with_structured_outputs_gets_none(
    registry,
):
    given = SCHEMA_AGENT.replace(
        'id="gpt-4o-mini")', 'id="gpt-4o-mini", supports_native_structured_outputs=True)'
    )
    assert "supports_native_structured_outputs=True" in applied(registry, given, "zhipu")
    assert "=False" not in applied(registry, given, "zhipu")
    zhipu = registry.get("zhipu")
    serving = replace(zhipu, supports={**zhipu.supports, "structured_outputs": True})
    ctx = RuleContext(registry, serving)
    after, _ = migrate_text(
        SCHEMA_AGENT, "python", "app.py", check_python(SCHEMA_AGENT, ctx, PYTHON_RULES)
    )
    assert after == _schema_agent_on_zhipu("supports_native_structured_outputs").replace(
        "        supports_native_structured_outputs=False,\n", ""
    )
    # stream_options is a note only where the provider file says it is not taken
    assert [
        f.rule
        for f in check_python(
            SCHEMA_AGENT, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES
        )
    ] == ["ML685"]


def test_check_fails_until_apply_and_on_what_is_left_to_a_person(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    program = tmp_path / "bot.py"
    program.write_text(f'{AGENT}{MODELS}agent = Agent(model=OpenAIChat(id="gpt-4o"))\n')
    assert check_rules(tmp_path, "deepseek") == (1, ["ML685"])
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert check_rules(tmp_path, "deepseek") == (0, [])
    program.write_text(f"{AGENT}agent = Agent(instructions='Be brief.')\n")
    assert check_rules(tmp_path, "deepseek") == (1, ["ML685"])


# --- end to end -----------------------------------------------------------------------------


@pytest.mark.frameworks
@pytest.mark.parametrize("provider_id", ["zhipu", "qwen"])
def test_agno_app_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    pytest.importorskip("agno", reason="pip install agno")
    from .test_frameworks_langchain_e2e import KEY, migrate, run

    provider = registry.get(provider_id)
    project = migrate("agno_app", provider_id, tmp_path, monkeypatch)
    assert "OpenAIChat" not in (project / "assistant.py").read_text()
    path = urlsplit(provider.base_url).path
    # agno's own usage statistics
    result = run(project, provider, server, registry, tmp_path, AGNO_TELEMETRY="false")
    chat_model = provider.map_model("gpt-4o")
    assert result == {
        "answer": f"reply from {chat_model}",
        "vector": True,
    }
    sent = sorted((r.path, r.body["model"]) for r in server.requests)
    assert sent == [
        (f"{path}/chat/completions", chat_model),
        (f"{path}/embeddings", provider.map_model("text-embedding-3-small")),
    ]
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}
    chat = next(r.body for r in server.requests if r.path.endswith("/chat/completions"))
    assert [m["role"] for m in chat["messages"]] == ["system", "user"]  # not "developer"
    embeddings = next(r.body for r in server.requests if r.path.endswith("/embeddings"))
    # agno sends `dimensions` to a base URL of its own: 1536 unless the provider lacks it
    assert embeddings["dimensions"] == {"zhipu": 2048, "qwen": 1536}[provider_id]


JUDGE = '''"""An agent answering in a schema, run once."""

import json

from agno.agent import Agent
from agno.models.openai import OpenAIChat
from pydantic import BaseModel


class Verdict(BaseModel):
    ok: bool


judge = Agent(model=OpenAIChat(id="gpt-4o-mini"), output_schema=Verdict)

if __name__ == "__main__":
    judge.run("Is the release ready?")
    print(json.dumps({"ran": True}))
'''


@pytest.mark.frameworks
def test_an_agent_with_a_schema_asks_zhipu_for_json_mode(registry, server, tmp_path, monkeypatch):
    pytest.importorskip("agno", reason="pip install agno")
    from .test_frameworks_langchain_e2e import migrated, run

    project = tmp_path / "judge"
    project.mkdir()
    (project / "assistant.py").write_text(JUDGE)
    migrated(project, "zhipu", monkeypatch)
    zhipu = registry.get("zhipu")
    assert run(project, zhipu, server, registry, tmp_path, AGNO_TELEMETRY="false") == {"ran": True}
    [request] = server.requests
    assert request.body["response_format"] == {"type": "json_object"}  # not json_schema


NANO = '''"""An agent on a model that answers at once, run once."""

import json

from agno.agent import Agent
from agno.models.openai import OpenAIChat

agent = Agent(model=OpenAIChat(id="gpt-4.1-nano"))

if __name__ == "__main__":
    agent.run("Say hi.")
    print(json.dumps({"ran": True}))
'''


@pytest.mark.frameworks
def test_an_agent_mapped_to_a_thinking_model_turns_thinking_off(
    registry, server, tmp_path, monkeypatch
):
    """t47b (D7): gpt-4.1-nano became glm-4.7-flash, which thinks unless told not to; the
    OpenAILike that apply writes sends the switch in its `extra_body`."""
    pytest.importorskip("agno", reason="pip install agno")
    from .test_frameworks_langchain_e2e import migrated, run

    project = tmp_path / "nano"
    project.mkdir()
    (project / "assistant.py").write_text(NANO)
    migrated(project, "zhipu", monkeypatch)
    zhipu = registry.get("zhipu")
    assert run(project, zhipu, server, registry, tmp_path, AGNO_TELEMETRY="false") == {"ran": True}
    [request] = server.requests
    assert request.body["model"] == "glm-4.7-flash"
    assert request.body["thinking"] == {"type": "disabled"}
