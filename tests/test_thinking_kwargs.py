"""ML118 on a request built from a `**kwargs` wrapper (tree-of-thought-llm's
`completions_with_backoff(**kwargs)`, t62g): the module's calls filling it that give the model
are read as the request, and get the thinking switch there."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .provider_run import run_on_provider

HEAD = "from openai import OpenAI\nc = OpenAI()\n\n\n"
WRAPPER = "def send(**kwargs):\n    return c.chat.completions.create(**kwargs)\n\n\n"
SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


def found(registry, text):
    ctx = RuleContext(registry, registry.get("deepseek"))
    return [
        (f.line, f.severity, f.fix, f.edit is not None, f.message.rsplit(" (", 1)[-1])
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML118"
    ]


def test_each_call_naming_the_model_gets_the_switch(registry):
    text = (
        HEAD + WRAPPER + 'def ask(q):\n    return send(model="gpt-4o", messages=q)\n\n\n'
        'def fast(q):\n    return send(model="gpt-4o-mini", messages=q)\n'
    )
    sent = "send() sends this call's keywords as the request on line 6)"
    assert found(registry, text) == [
        (10, Severity.WARNING, FixClass.REVIEW, True, sent),
        (14, Severity.WARNING, FixClass.REVIEW, True, sent),
    ]


def test_a_wrapper_whose_kwargs_go_elsewhere_too_keeps_the_note(registry):
    # an `extra_body` entry would reach log() too
    text = (
        HEAD
        + WRAPPER.replace("    return", "    log(**kwargs)\n    return")
        + 'def ask(q):\n    return send(model="gpt-4o", messages=q)\n'
    )
    assert [(line, severity, edit) for line, severity, _, edit, _ in found(registry, text)] == [
        (7, Severity.NOTE, False)
    ]


def test_a_method_wrapper_keeps_the_note(registry):
    # a subclass may override the method with one taking no extra_body
    text = (
        HEAD + "class Bot:\n    def send(self, **kwargs):\n"
        "        return c.chat.completions.create(**kwargs)\n\n"
        '    def ask(self, q):\n        return self.send(model="gpt-4o", messages=q)\n'
    )
    assert [(line, severity, edit) for line, severity, _, edit, _ in found(registry, text)] == [
        (7, Severity.NOTE, False)
    ]


def test_a_call_spreading_a_mapping_is_left_for_a_person(registry):
    # the mapping may hold an extra_body of its own: a second one would be a TypeError
    text = (
        HEAD
        + WRAPPER
        + 'def ask(q, **opts):\n    return send(model="gpt-4o", messages=q, **opts)\n'
    )
    [(line, severity, fix, edit, _)] = found(registry, text)
    assert (line, severity, fix, edit) == (10, Severity.WARNING, FixClass.MANUAL, False)


def test_a_request_giving_its_own_extra_body_is_not_read_through_its_callers(registry):
    text = (
        HEAD
        + WRAPPER.replace("(**kwargs)\n\n", '(extra_body={"a": 1}, **kwargs)\n\n', 1)
        + 'def ask(q):\n    return send(model="gpt-4o", messages=q)\n'
    )
    assert [line for line, *_ in found(registry, text)] == [6]


APP = """from openai import OpenAI

client = OpenAI()


def send(**kwargs):
    return client.chat.completions.create(**kwargs)


def ask(text, model="gpt-4o", temperature=0.7):
    reply = send(
        model=model,
        messages=[{"role": "user", "content": text}],
        temperature=temperature,
        max_tokens=1000,
    )
    return reply.choices[0].message.content


print(ask("hi"))
"""


def test_apply_writes_the_switch_the_request_then_sends(registry, server, tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP)
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    assert '"fix": "review"' in scan.stdout and "sends this call's keywords" in scan.stdout
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    migrated = (tmp_path / "app.py").read_text()
    assert migrated == "import os\n\n" + APP.replace(
        "client = OpenAI()\n",
        "client = OpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        ")\n",
    ).replace('model="gpt-4o"', 'model="deepseek-v4-pro"').replace(
        "    reply = send(\n", f"    reply = send(\n        {SWITCH},\n"
    )
    run_on_provider(Path("app.py"), tmp_path, registry.get("deepseek"), server, tmp_path / "guard")
    [request] = server.requests
    assert {k: v for k, v in request.body.items() if k != "messages"} == {
        "model": "deepseek-v4-pro",
        "temperature": 0.7,
        "max_tokens": 1000,
        "thinking": {"type": "disabled"},
    }
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 0, check.stdout
    # the switch taken out by hand: check fails while the request thinks
    (tmp_path / "app.py").write_text(migrated.replace(f"        {SWITCH},\n", ""))
    check = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert check.exit_code == 1
    assert check.stdout.splitlines() == [
        "app.py:16:13 ML118 deepseek-v4-pro (the default of model of ask()) thinks before it "
        "answers unless told not to (replies and stream deltas carry reasoning_content, "
        "temperature is ignored, a tool loop must send the reasoning back): add "
        '"thinking": {"type": "disabled"} to extra_body, by hand (send() sends this call\'s '
        "keywords as the request on line 12)",
        "1 finding for deepseek in 1 of 2 files; 0 error, 1 warning, 0 note",
    ]


def test_a_call_handing_on_its_own_kwargs_keeps_the_requests_note(registry):
    # `relay(**kw)` fills send() with a model the module's calls of relay() give
    text = (
        HEAD
        + WRAPPER
        + 'def ask(q):\n    return send(model="gpt-4o", messages=q)\n\n\n'
        + "def relay(**kw):\n    return send(**kw)\n"
    )
    assert [(line, severity, edit) for line, severity, _, edit, _ in found(registry, text)] == [
        (6, Severity.NOTE, False),
        (10, Severity.WARNING, True),
    ]
