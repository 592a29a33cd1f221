"""ML118 on a request whose model is an environment read's default (t49b D5:
chatgpt-telegram-bot's `os.environ.get("OPENAI_MODEL", "gpt-4o")`, which ML204 maps to
glm-5.3, a model that always thinks) and that gives `max_tokens`: the reasoning counts against
the limit, so a warning (manual) before apply and after it, as for a constant; a provider
model written in the code that always thinks gets it too once apply has written it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

HEAD = "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
ASK = "\n\ndef ask(q):\n    return client.chat.completions.create(model=MODEL, messages=q{more})\n"
ALWAYS = "always thinks before it answers (no switch turns it off)"
WAS = (
    ", which gpt-4o did not (replies and stream deltas carry reasoning_content, the provider "
    "file does not say whether a tool loop must send the reasoning back)"
)
EMPTY = (
    ", and the reasoning counts against max_tokens=300: at the default effort it may use all "
    'of it and leave the reply empty; pass reasoning_effort="low", or '
)
# no size clears it on Zhipu, whose file names none (t68d: ML507's wording)
NO_SIZE = (
    "; no limit clears this warning (the provider's file names no size the reasoning needs; a "
    "larger one only leaves it more room): where the requests are settled otherwise (an effort "
    "sent where this call does not show it), record that with `# migrate-llm: ignore[ML118]` "
    "on the call's first line"
)
MAP = "map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME), by hand" + NO_SIZE
CHOOSE = "choose a model that can stop thinking, by hand" + NO_SIZE
WARNING, NOTE, MANUAL = Severity.WARNING, Severity.NOTE, FixClass.MANUAL


def migrate(registry, text, provider="zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml118(change):
    return [(f.line, f.severity, f.fix, f.message) for f in change.findings if f.rule == "ML118"]


def module(model: str, more: str = ", max_tokens=300") -> str:
    return HEAD + f"MODEL = {model}\n" + ASK.format(more=more)


@pytest.mark.parametrize(
    "model",
    [
        'os.environ.get("OPENAI_MODEL", "gpt-4o")',
        'os.getenv("OPENAI_MODEL", "gpt-4o").strip()',
        'os.environ.setdefault("OPENAI_MODEL", "gpt-4o")',
        'os.getenv("OPENAI_MODEL", default="gpt-4o")',
    ],
)
def test_an_env_default_mapped_to_a_model_that_always_thinks_is_warned(registry, model):
    change = migrate(registry, module(model))
    subject = f"glm-5.3 (the default of OPENAI_MODEL) {ALWAYS}"
    assert ml118(change) == [(10, WARNING, MANUAL, f"{subject}{WAS}{EMPTY}{MAP}")]
    # apply writes glm-5.3 as the default (ML204): the limit is as much at risk as before
    assert '"OPENAI_MODEL", ' in change.after and '"glm-5.3"' in change.after
    again = migrate(registry, change.after)
    assert ml118(again) == [(13, WARNING, MANUAL, f"{subject}{EMPTY}{CHOOSE}")]
    assert again.after == change.after


def test_a_constant_keeps_its_warning_after_apply(registry):
    change = migrate(registry, module('"gpt-4o"'))
    assert ml118(change) == [(10, WARNING, MANUAL, f"glm-5.3 {ALWAYS}{WAS}{EMPTY}{MAP}")]
    assert 'MODEL = "glm-5.3"\n' in change.after
    assert ml118(migrate(registry, change.after)) == [
        (13, WARNING, MANUAL, f"glm-5.3 {ALWAYS}{EMPTY}{CHOOSE}")
    ]


def test_the_env_default_in_the_request_itself(registry):
    before = HEAD + (
        "client.chat.completions.create(\n"
        '    model=os.environ.get("OPENAI_MODEL", "gpt-4o"), messages=[], max_tokens=300\n'
        ")\n"
    )
    assert [f[:3] for f in ml118(migrate(registry, before))] == [(6, WARNING, MANUAL)]


def test_without_a_limit_a_note_before_apply_and_nothing_after(registry):
    change = migrate(registry, module('os.environ.get("OPENAI_MODEL", "gpt-4o")', more=""))
    assert [f[:3] for f in ml118(change)] == [(10, NOTE, MANUAL)]
    assert ml118(migrate(registry, change.after)) == []


@pytest.mark.parametrize(
    ("model", "more"),
    [
        ('os.environ.get("OPENAI_MODEL", "gpt-4o")', ', max_tokens=300, reasoning_effort="low"'),
        ('os.environ.get("OPENAI_MODEL", "glm-4-air-250414")', ", max_tokens=300"),
        ('os.environ.get("OPENAI_MODEL", "gpt-4o-mini")', ", max_tokens=300"),  # glm-4-air
        ('os.environ.get("OPENAI_MODEL")', ", max_tokens=300"),  # no default
        ('os.environ["OPENAI_MODEL"]', ", max_tokens=300"),
    ],
)
def test_not_reported(registry, model, more):
    assert ml118(migrate(registry, module(model, more))) == []


def test_a_parameter_defaulting_to_an_env_read_is_not_followed(registry):
    # a caller may pass another model
    before = HEAD + (
        '\n\ndef ask(q, model=os.environ.get("OPENAI_MODEL", "gpt-4o")):\n'
        "    return client.chat.completions.create(model=model, messages=q, max_tokens=300)\n"
    )
    assert ml118(migrate(registry, before)) == []


def test_check_is_red_on_the_trial_repro_before_and_after_apply(tmp_path):
    """repros/r5_env_default_thinking.py of t49b: no ML118 before or after apply."""
    path = tmp_path / "bot.py"
    path.write_text(
        "import os\n"
        "from openai import OpenAI\n"
        "client = OpenAI()\n"
        'MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o")\n'
        "def ask(q):\n"
        '    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", '
        '"content": q}], max_tokens=300)\n'
    )
    runner = CliRunner()
    before = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert before.exit_code == 1
    assert f"bot.py:6:12 ML118 glm-5.3 (the default of OPENAI_MODEL) {ALWAYS}{WAS}" in before.stdout
    applied = runner.invoke(app, ["apply", "--provider", "zhipu", "--yes", str(path)])
    assert applied.exit_code == 0, applied.output
    assert 'MODEL = os.environ.get("OPENAI_MODEL", "glm-5.3")\n' in path.read_text()
    after = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert after.exit_code == 1
    assert (
        f"bot.py:9:12 ML118 glm-5.3 (the default of OPENAI_MODEL) {ALWAYS}{EMPTY}" in after.stdout
    )
