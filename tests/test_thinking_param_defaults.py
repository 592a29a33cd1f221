"""ML118 on a request whose model is a parameter's default (t56b D1: swarm's
customer_service_streaming `get_completion(messages, model="gpt-4o", ...)` posting
`**params`): apply maps the default to DeepSeek's deepseek-v4-pro and leaves the switch to a
person (the request is built from **kwargs); after apply the default is a thinking model the
request sends unless a caller passes another, so the warning stays (it was a note "its model
is chosen at run time", and `check` went green)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
SPREAD = (
    'def get_completion(messages, model="{model}", temperature=0.7):\n'
    '    params = {{"model": model, "messages": messages, "temperature": temperature}}\n'
    "    return client.chat.completions.create(**params).choices[0].message\n"
)
THINKS = (
    "deepseek-v4-pro (the default of model of get_completion()) thinks before it answers "
    "unless told not to"
)
WAS = ", which gpt-4o did not"
WHAT = (
    " (replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    "must send the reasoning back)"
)
SPREAD_ACTION = (
    ': pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to a request built '
    "from **kwargs, which may hold one)"
)
WARNING, NOTE, MANUAL = Severity.WARNING, Severity.NOTE, FixClass.MANUAL


def migrate(registry, text, provider="deepseek"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml118(change):
    return [(f.line, f.severity, f.fix, f.message) for f in change.findings if f.rule == "ML118"]


def test_the_warning_apply_leaves_stays_after_apply(registry):
    change = migrate(registry, HEAD + SPREAD.format(model="gpt-4o"))
    assert ml118(change) == [(8, WARNING, MANUAL, f"{THINKS}{WAS}{WHAT}{SPREAD_ACTION}")]
    assert 'def get_completion(messages, model="deepseek-v4-pro", temperature=0.7):' in (
        change.after
    )
    again = migrate(registry, change.after)
    line = change.after.splitlines().index(
        "    return client.chat.completions.create(**params).choices[0].message"
    )
    assert ml118(again) == [(line + 1, WARNING, MANUAL, f"{THINKS}{WHAT}{SPREAD_ACTION}")]
    assert again.after == change.after


def test_a_default_written_as_the_providers_model_is_warned_where_apply_could_edit(registry):
    """A request apply could give the switch for an OpenAI model: for a provider model written
    in the code it writes none (that is the code's choice), and says what to add."""
    before = HEAD + (
        'def ask(messages, model="deepseek-v4-pro"):\n'
        "    return client.chat.completions.create(model=model, messages=messages)\n"
    )
    change = migrate(registry, before)
    subject = THINKS.replace("get_completion()", "ask()")
    action = ': add "thinking": {"type": "disabled"} to extra_body, by hand'
    assert ml118(change) == [(7, WARNING, MANUAL, f"{subject}{WHAT}{action}")]
    assert "extra_body" not in change.after


def test_a_default_sent_with_the_switch_or_asking_for_reasoning_is_not_warned(registry):
    for call in (
        'model=model, messages=m, extra_body={"thinking": {"type": "disabled"}}',
        'model=model, messages=m, reasoning_effort="high"',
    ):
        before = HEAD + (
            'def ask(m, model="deepseek-v4-pro"):\n'
            f"    return client.chat.completions.create({call})\n"
        )
        assert ml118(migrate(registry, before)) == []


def test_a_parameter_without_a_default_keeps_the_note(registry):
    before = HEAD + (
        "def ask(m, model):\n    return client.chat.completions.create(model=model, messages=m)\n"
    )
    [(line, severity, fix, message)] = ml118(migrate(registry, before))
    assert (line, severity, fix) == (7, NOTE, MANUAL)
    assert message.startswith("its model is chosen at run time, and every DeepSeek model")


def test_scan_apply_check_on_the_swarm_helper(tmp_path, monkeypatch):
    """The CLI as the trial ran it: check red before apply, apply lists the warning under
    "Left for you", check stays red after with the same warning."""
    (tmp_path / "util.py").write_text(HEAD + SPREAD.format(model="gpt-4o"))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", "--provider", "deepseek"])
    assert before.exit_code == 1
    shown = f"util.py:8:12 ML118 {THINKS}{WAS}{WHAT}{SPREAD_ACTION}"
    assert shown in before.stdout.splitlines()
    applied = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert applied.exit_code == 0
    assert (
        f"  util.py:8:12 ML118 warning {THINKS}{WAS}{WHAT}{SPREAD_ACTION}"
        in (applied.stderr + applied.stdout).splitlines()
    )
    after = runner.invoke(app, ["check", ".", "--provider", "deepseek"])
    assert after.exit_code == 1
    lines = (tmp_path / "util.py").read_text().splitlines()
    line = lines.index("    return client.chat.completions.create(**params).choices[0].message")
    assert after.stdout.splitlines() == [
        f"util.py:{line + 1}:12 ML118 {THINKS}{WHAT}{SPREAD_ACTION}",
        "1 finding for deepseek in 1 of 1 file; 0 error, 1 warning, 0 note",
    ]
