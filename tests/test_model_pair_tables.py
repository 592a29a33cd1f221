"""A table of (label, model) pairs looked up by label to pick the model a request sends
(devika's `("GPT-4o", "gpt-4o")` tuples, `dict(MODELS)[label]` sent as `model=`): adding the
provider's models to it, as ML205 once advised, still sends gpt-4o. Where the module only reads
the table so, for OpenAI SDK requests, ML204 maps each model (review); elsewhere ML205 says to
replace it, naming what it maps to."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .test_model_labels import migrated

SENT = (
    "from openai import OpenAI\n\n"
    'MODELS = [("GPT-4o", "gpt-4o"), ("GPT-4o mini", "gpt-4o-mini")]\n\n\n'
    "def ask(label, prompt):\n"
    "    model_id = dict(MODELS)[label]\n"
    "    r = OpenAI().chat.completions.create(model=model_id, messages=prompt)\n"
    "    return r.choices[0].message.content\n"
)


def test_a_pair_table_only_sent_as_model_is_mapped(registry):
    found, after = migrated(registry, SENT)
    assert [f for f in found if f[2] in ("ML204", "ML205")] == [
        (
            3,
            22,
            "ML204",
            "warning",
            "review",
            "model of entry 'GPT-4o' of MODELS = 'gpt-4o' (sent as model= on line 8) maps to "
            "'acme-large' on Acme Cloud",
        ),
        (
            3,
            49,
            "ML204",
            "warning",
            "review",
            "model of entry 'GPT-4o mini' of MODELS = 'gpt-4o-mini' (sent as model= on line 8) "
            "maps to 'acme-small' on Acme Cloud",
        ),
    ]
    assert 'MODELS = [("GPT-4o", "acme-large"), ("GPT-4o mini", "acme-small")]\n' in after


def test_check_passes_once_the_pair_table_is_mapped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(SENT)
    options = [".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    assert CliRunner().invoke(app, ["check", *options]).exit_code == 1
    assert CliRunner().invoke(app, ["apply", *options, "--yes"]).exit_code == 0
    result = CliRunner().invoke(app, ["check", *options])
    assert result.exit_code == 0, result.output


LEFT = (
    "from openai import OpenAI\n"
    "from crew_of_mine import Agent\n\n"
    'MODELS = [("GPT-4o", "gpt-4o")]\n'
    "LABELS = [label for label, _ in MODELS]\n"
    'PAIRS = [("Fast", "gpt-4o-mini")]\n\n\n'
    "def ask(label, prompt):\n"
    "    return OpenAI().chat.completions.create(model=dict(MODELS).get(label), messages=prompt)\n"
    "\n\n"
    "def agent(label):\n"
    "    return Agent(model=dict(PAIRS)[label])\n"
)


def test_a_pair_table_apply_leaves_says_to_replace_its_model(registry):
    found, after = migrated(registry, LEFT)
    assert 'MODELS = [("GPT-4o", "gpt-4o")]\n' in after
    assert 'PAIRS = [("Fast", "gpt-4o-mini")]\n' in after
    assert [f for f in found if f[2] == "ML205"] == [
        (
            4,
            22,
            "ML205",
            "warning",
            "manual",
            "'gpt-4o' of entry 'GPT-4o' of MODELS is an OpenAI model id sent as model= on line "
            "10, so apply leaves it (MODELS is read otherwise too); replace it with Acme Cloud's "
            "model by hand (the model table says 'acme-large')",
        ),
        (
            6,
            19,
            "ML205",
            "warning",
            "manual",
            "'gpt-4o-mini' of entry 'Fast' of PAIRS is an OpenAI model id sent as model= on line "
            "14, so apply leaves it (Agent() is not an OpenAI SDK call); if it talks to Acme "
            "Cloud, replace it with Acme Cloud's model by hand (the model table says "
            "'acme-small')",
        ),
    ]


def test_a_pair_table_no_request_reads_is_still_a_list_of_models(registry):
    """Looked up by model (the model first) or never looked up, the table may be a list the
    code checks models against: the advice stays."""
    text = 'MODELS = [("gpt-4o", "GPT-4o")]\nNAMES = [("GPT-4o", "gpt-4o")]\n'
    found, after = migrated(registry, text)
    assert after == text
    assert [f[5] for f in found] == [
        "'gpt-4o' in a tuple is an OpenAI model id: code that checks models against it may "
        "reject Acme Cloud's models; add them or change the check by hand",
    ] * 2
