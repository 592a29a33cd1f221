"""ML118 on Qwen (providers/qwen.toml `[params]`): gpt-4o and most OpenAI chat models map to
qwen4-max, which thinks by default and names no switch Alibaba documents for it (listed as
always thinking), so a request giving a token limit is warned that the reasoning counts against
it, before and after apply (t49i: maestro-gpt4o.py's `max_tokens=4096`, and a continuation
heuristic reading 4000 completion tokens as a cut answer). The open-source Qwen3 models are
hybrid, thinking unless told not to: they get `extra_body={"enable_thinking": False}`.
qwen-plus and qwen-flash (gpt-4o-mini, gpt-3.5-turbo) think only when asked: nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n"
# maestro-gpt4o.py's shape: a constant model, a request with its token limit
MAESTRO = (
    HEAD + 'ORCHESTRATOR_MODEL = "{model}"\n\n\ndef orchestrate(messages):\n'
    "    return client.chat.completions.create(\n"
    "        model=ORCHESTRATOR_MODEL,\n"
    "        messages=messages,\n"
    "        max_tokens=4096\n"
    "    )\n"
)
ALWAYS = "qwen4-max always thinks before it answers (no switch turns it off)"
WAS = (
    ", which gpt-4o did not (replies and stream deltas carry reasoning_content, the provider "
    "file does not say whether a tool loop must send the reasoning back)"
)
EMPTY = (
    ", and the reasoning counts against max_tokens=4096: at the default effort it may use all "
    'of it and leave the reply empty; pass reasoning_effort="low", or '
)
# no size clears it on Qwen, whose file names none (t68d: ML507's wording)
NO_SIZE = (
    "; no limit clears this warning (the provider's file names no size the reasoning needs; a "
    "larger one only leaves it more room): where the requests are settled otherwise (an effort "
    "sent where this call does not show it), record that with `# migrate-llm: ignore[ML118]` "
    "on the call's first line"
)
UNCONFIRMED = (
    " (unconfirmed: qwen4-max: Alibaba says thinking is on by default and is tuned with "
    "reasoning_effort; whether enable_thinking=false turns it off is not documented; a "
    'third-party gateway (APIYI) reports reasoning_effort="none" turns it off and that a small '
    "max_tokens may be spent on thinking alone, leaving an empty reply)"
)
WARNING, MANUAL = Severity.WARNING, FixClass.MANUAL


def migrate(registry, text, models=None):
    ctx = RuleContext(registry, registry.get("qwen"), None, dict(models or {}))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml118(change):
    return [(f.line, f.severity, f.fix, f.message) for f in change.findings if f.rule == "ML118"]


def test_the_provider_file_says_which_qwen_models_think(registry):
    params = registry.get("qwen").params
    assert params["always_thinking"] == ["qwen4-max"]
    assert params["thinking_off_extra_body"] == {"enable_thinking": False}
    assert "qwen3-32b" in params["thinking_models"]
    assert not {"qwen-plus", "qwen-flash", "qwen4-max"} & set(params["thinking_models"])


def test_maestros_token_limit_is_warned_before_and_after_apply(registry):
    change = migrate(registry, MAESTRO.format(model="gpt-4o"))
    pick = "map gpt-4o to a model that can stop thinking (--model gpt-4o=NAME), by hand" + NO_SIZE
    assert ml118(change) == [(8, WARNING, MANUAL, f"{ALWAYS}{WAS}{EMPTY}{pick}{UNCONFIRMED}")]
    assert 'ORCHESTRATOR_MODEL = "qwen4-max"\n' in change.after
    assert "        max_completion_tokens=4096\n" in change.after
    # once written as qwen4-max the limit is as much at risk: check stays red
    again = migrate(registry, change.after)
    pick = "choose a model that can stop thinking, by hand" + NO_SIZE
    written = EMPTY.replace("max_tokens", "max_completion_tokens")
    assert ml118(again) == [(15, WARNING, MANUAL, f"{ALWAYS}{written}{pick}{UNCONFIRMED}")]
    assert again.after == change.after


def test_models_that_think_only_when_asked_say_nothing(registry):
    for model in ("gpt-4o-mini", "gpt-3.5-turbo", "qwen-plus"):  # qwen-plus, qwen-flash
        assert ml118(migrate(registry, MAESTRO.format(model=model))) == []


def test_an_open_source_qwen3_model_gets_its_switch(registry):
    change = migrate(registry, MAESTRO.format(model="gpt-4o"), {"gpt-4o": "qwen3-32b"})
    [(line, severity, fix, message)] = ml118(change)
    assert (line, severity, fix) == (8, WARNING, FixClass.REVIEW)
    assert message.startswith("qwen3-32b thinks before it answers unless told not to")
    assert 'apply passes extra_body={"enable_thinking": False} (unconfirmed: the open' in message
    assert (
        '        extra_body={"enable_thinking": False},\n        model=ORCHESTRATOR_MODEL,\n'
        in change.after
    )
    assert ml118(migrate(registry, change.after, {"gpt-4o": "qwen3-32b"})) == []


def test_check_is_red_on_maestro_before_and_after_apply(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("maestro.py").write_text(MAESTRO.format(model="gpt-4o"), encoding="utf-8")
    runner = CliRunner()
    target = ["--provider", "qwen", "--no-cache", "maestro.py"]
    before = runner.invoke(app, ["check", *target])
    assert before.exit_code == 1
    assert f"maestro.py:8:12 ML118 {ALWAYS}{WAS}{EMPTY}" in before.stdout
    applied = runner.invoke(app, ["apply", "--yes", *target])
    assert applied.exit_code == 0, applied.output
    after = runner.invoke(app, ["check", *target])
    assert after.exit_code == 1
    written = EMPTY.replace("max_tokens", "max_completion_tokens")
    assert f"maestro.py:15:12 ML118 {ALWAYS}{written}" in after.stdout
