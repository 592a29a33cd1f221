"""An `OPENAI_*` variable that holds a model (by its name, or because its value is the model of
a request moved to the provider) is OpenAI's or Azure's model, not the program's own setting:
ML401 leaves it, manual, and `check` fails. An Azure `deployment_id=` renamed `model=` (ML304)
is for review."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.env_read_facts import names_model, own_setting
from migrate_llm.rules.python import check_python

ZHIPU_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ.get("ZAI_API_KEY"), '
    'base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"))\n'
)
DEPLOYMENT_READ = ZHIPU_CLIENT + (
    'dep = os.environ.get("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")\n'
    'vectors = client.embeddings.create(input=["x"], model=dep)\n'
)
LEGACY_AZURE_EMBEDDING = (
    "import os\n\nimport openai\n\n"
    'deployment = os.environ.get("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")\n\n\n'
    "def embed(texts):\n"
    "    return openai.Embedding.create(input=texts, deployment_id=deployment)\n"
)
MIGRATED_EMBEDDING = (
    "import os\n\nimport openai\n\n"
    "client = openai.OpenAI(\n"
    '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
    ")\n\n"
    'deployment = os.environ.get("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")\n\n\n'
    "def embed(texts):\n"
    "    return client.embeddings.create(input=texts, model=deployment)\n"
)
SET_THERE = (
    "the variable names an OpenAI or Azure model or deployment, not Zhipu AI (GLM)'s; set "
    "Zhipu AI (GLM)'s model"
)


def findings(registry, text: str, provider: str = "zhipu", rules=("ML401", "ML304")):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def applied(registry, text: str) -> str:
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    return after


def test_a_name_speaking_of_a_model_inside_a_word_is_not_the_programs_own_setting():
    assert names_model("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")
    assert names_model("OPENAI_CHATMODEL") and names_model("OPENAI_ENGINES")
    assert not own_setting("OPENAI_EMBEDDINGMODEL_DEPLOYMENTID")
    assert own_setting("OPENAI_MAX_TOKENS") and own_setting("OPENAI_EMBEDDING_BATCH_SIZE")


def test_a_deployment_variable_sent_as_the_providers_model_is_left_and_check_fails(
    registry, tmp_path, monkeypatch
):
    """The trial's repro: an OpenAI client already on ZAI_*, its model read from the Azure
    deployment variable. It was a note ("works the same"), and check passed."""
    assert findings(registry, DEPLOYMENT_READ) == [
        (
            6,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_EMBEDDINGMODEL_DEPLOYMENTID, the model of client.embeddings.create() "
            f"on line 7: {SET_THERE} (embedding-3) there, by hand",
        )
    ]
    assert applied(registry, DEPLOYMENT_READ) == DEPLOYMENT_READ
    (tmp_path / "m.py").write_text(DEPLOYMENT_READ)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "m.py", "--provider", "zhipu", "--no-cache"])
    assert result.exit_code == 1
    assert "m.py:6:7 ML401 reads OPENAI_EMBEDDINGMODEL_DEPLOYMENTID" in result.output


def test_an_own_setting_whose_value_is_the_model_is_left(registry):
    """OPENAI_CHAT speaks of no model, but its value is the model of a request moved to the
    provider: not the program's own setting either."""
    text = ZHIPU_CLIENT + (
        'CHAT = os.getenv("OPENAI_CHAT")\n'
        'client.chat.completions.create(messages=[], model=CHAT or "glm-4-flash")\n'
    )
    [(line, rule, severity, fix, message)] = findings(registry, text)
    assert (line, rule, severity, fix) == (6, "ML401", "warning", "manual")
    assert message.startswith(
        "reads OPENAI_CHAT, the model of client.chat.completions.create() on line 7: "
        "the variable names an OpenAI or Azure model or deployment"
    )


def test_a_model_variable_whose_use_is_not_shown_is_left(registry):
    text = 'import os\n\nMODEL = os.getenv("OPENAI_COMPLETIONMODEL_DEPLOYMENTID")\n'
    assert findings(registry, text) == [
        (
            3,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_COMPLETIONMODEL_DEPLOYMENTID, which names an OpenAI or Azure model or "
            "deployment, not Zhipu AI (GLM)'s; set Zhipu AI (GLM)'s model there, by hand",
        )
    ]


def test_own_settings_stay_notes(registry):
    text = ZHIPU_CLIENT + 'size = int(os.getenv("OPENAI_EMBEDDING_BATCH_SIZE", "64"))\n'
    assert [f[:4] for f in findings(registry, text)] == [(6, "ML401", "note", "none")]


def test_an_azure_deployment_id_renamed_model_is_for_review_and_check_fails_after(
    registry, tmp_path, monkeypatch
):
    """retrieval-plugin's embedding call: apply renames deployment_id= (the v1 call takes
    model=), for review; the variable's read is left, so check still fails after apply."""
    assert findings(registry, LEGACY_AZURE_EMBEDDING) == [
        (
            5,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_EMBEDDINGMODEL_DEPLOYMENTID, the model of openai.Embedding.create() "
            f"on line 9: {SET_THERE} (embedding-3) there, by hand",
        ),
        (
            9,
            "ML304",
            "error",
            "review",
            "deployment_id= is openai<1.0; v1 calls take model=: `deployment` names an Azure "
            "deployment, which Zhipu AI (GLM) would be sent as the model; make sure it holds "
            "Zhipu AI (GLM)'s model (embedding-3)",
        ),
    ]
    assert applied(registry, LEGACY_AZURE_EMBEDDING) == MIGRATED_EMBEDDING
    assert findings(registry, MIGRATED_EMBEDDING) == [
        (
            10,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_EMBEDDINGMODEL_DEPLOYMENTID, the model of client.embeddings.create() "
            f"on line 14: {SET_THERE} (embedding-3) there, by hand",
        )
    ]
    (tmp_path / "app.py").write_text(MIGRATED_EMBEDDING)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "app.py", "--provider", "zhipu", "--no-cache"])
    assert result.exit_code == 1


def test_a_literal_deployment_stays_safe_and_an_azure_target_keeps_its_deployment(registry):
    """A literal is ML201's (mapped, or reported as an unknown model); on Azure OpenAI a
    deployment is the model."""
    literal = (
        "import openai\n\n\ndef embed(texts):\n"
        '    return openai.Embedding.create(input=texts, deployment_id="my-ada")\n'
    )
    assert findings(registry, literal, rules=("ML304",)) == [
        (5, "ML304", "error", "safe", "deployment_id= is openai<1.0; v1 calls take model=")
    ]
    assert [f[1:4] for f in findings(registry, LEGACY_AZURE_EMBEDDING, "azure")] == [
        ("ML401", "warning", "manual"),
        ("ML304", "error", "safe"),
    ]
    assert (
        "names an OpenAI or Azure model"
        not in findings(registry, LEGACY_AZURE_EMBEDDING, "azure")[0][4]
    )
