"""ML118 on a request whose model is written as the provider's (apply's mapping or the code's
own) and that sends no thinking switch: apply wrote the switch where it could, so `check`
keeps the warning it left for a request it could not edit (t62d: the cookbook's `**settings`
requests, "Left for you" after apply and silent in `check`), naming a token limit below the
provider file's `thinking_tokens_min`."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n"
APP = HEAD + (
    'settings = {"model": "gpt-4o-mini", "max_tokens": 500}\n\n\n'
    "def ask(history):\n"
    "    return client.chat.completions.create(messages=history, stream=True, **settings)\n"
)
THINKS = (
    "kimi-k2.6 thinks before it answers unless told not to{} (replies and stream deltas carry "
    "reasoning_content, temperature is fixed at 1.0 and other values are rejected, a tool loop "
    "must send the reasoning back)"
)
LIMIT = (
    ", and the reasoning counts against max_completion_tokens=500, below the 32000 Moonshot AI "
    "(Kimi) advises for it: it may use all of it and leave the reply empty (unconfirmed: a "
    'third party\'s advice ("raise to ≥32K"); the API reference says only that the default is '
    "about 1024)"
)
SPREAD = (
    ': pass extra_body={"thinking": {"type": "disabled"}} (apply adds none to a request built '
    "from **kwargs, which may hold one)"
)


def ml118(registry, text: str) -> list[tuple[int, Severity, FixClass | None, str]]:
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = check_python(text, ctx, PYTHON_RULES)
    return [(f.line, f.severity, f.fix, f.message) for f in found if f.rule == "ML118"]


def test_apply_leaves_the_warning_and_check_keeps_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "moonshot", "--yes", "--allow-dirty"]
    )
    assert done.exit_code == 0, done.stderr
    left = f"app.py:8:12 ML118 warning {THINKS.format(', which gpt-4o-mini did not')}"
    limit = LIMIT.replace("max_completion_tokens", "max_tokens")  # as written before apply
    assert f"  {left}{limit}{SPREAD}" in done.stderr.splitlines()
    after = (tmp_path / "app.py").read_text()
    assert 'settings = {"model": "kimi-k2.6", "max_completion_tokens": 500}\n' in after
    assert "extra_body" not in after
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert (done.exit_code, done.stdout) == (
        1,
        f"app.py:13:12 ML118 {THINKS.format('')}{LIMIT}{SPREAD}\n"
        "1 finding for moonshot in 1 of 1 file; 0 error, 1 warning, 0 note\n",
    )
    # recording the choice settles it
    (tmp_path / "app.py").write_text(
        after.replace("**settings)\n", "**settings)  # migrate-llm: ignore[ML118]\n")
    )
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert (done.exit_code, done.stdout) == (0, "0 findings for moonshot in 0 of 1 file\n")
    # the switch written in the dict settles it
    (tmp_path / "app.py").write_text(
        after.replace(
            '"max_completion_tokens": 500}',
            '"max_completion_tokens": 500, "extra_body": {"thinking": {"type": "disabled"}}}',
        )
    )
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert (done.exit_code, done.stdout) == (0, "0 findings for moonshot in 0 of 1 file\n")


def test_a_request_apply_could_edit_is_left_and_a_large_limit_unnamed(registry):
    # apply writes the switch in such a request for an OpenAI model: one written for the
    # provider keeps its default
    plain = HEAD + (
        'client.chat.completions.create(model="kimi-k2.6", messages=[], max_tokens=32_000)\n'
    )
    assert ml118(registry, plain) == []
    # below the provider file's thinking_tokens_min, as ML507 judges a config file's limit
    small = plain.replace("32_000", "500")
    assert ml118(registry, small) == [
        (
            4,
            Severity.WARNING,
            FixClass.MANUAL,
            "kimi-k2.6 thinks before it answers unless told not to, and the reasoning counts "
            "against max_tokens=500: it may use all of it and leave the reply empty; pass "
            'extra_body={"thinking": {"type": "disabled"}} where it sends this model, or raise '
            "the limit (to 32000 or more), by hand",
        )
    ]
    spread = HEAD + (
        'KW = {"model": "kimi-k2.6", "max_tokens": 32_000}\n'
        "client.chat.completions.create(messages=[], **KW)\n"
    )
    assert ml118(registry, spread) == [
        (5, Severity.WARNING, FixClass.MANUAL, THINKS.format("") + SPREAD)
    ]


def test_a_switch_sent_or_held_in_a_name_or_an_effort_is_left(registry):
    for entries, call in (
        (', "extra_body": {"thinking": {"type": "disabled"}}', ""),
        ("", ", extra_body=EXTRA"),
        (', "extra_body": EXTRA', ""),
        (', "reasoning_effort": "high"', ""),
    ):
        text = HEAD + (
            f'KW = {{"model": "kimi-k2.6"{entries}}}\n'
            f"client.chat.completions.create(messages=[]{call}, **KW)\n"
        )
        assert ml118(registry, text) == [], (entries, call)
