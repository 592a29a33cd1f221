"""An OpenAI model given to litellm beside the provider's base URL (`model="gpt-4o",
api_base="https://api.deepseek.com"`): litellm routes it by its name to its OpenAI route and
sends it to that base URL as it is, and the provider serves no such model. ML640 maps it as
for a call apply points there, so ML118's switch speaks of the model that is sent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .loopback_run import run_guarded

AT_PROVIDER = """import os

import litellm


def ask(q):
    return litellm.completion(
        model="gpt-4o",
        messages=[{"role": "user", "content": q}],
        api_base=os.environ["DEEPSEEK_BASE_URL"],
        api_key=os.environ["DEEPSEEK_API_KEY"],
    )
"""
APPLIED = AT_PROVIDER.replace(
    '        model="gpt-4o",\n',
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    '        model="deepseek/deepseek-v4-pro",\n',
)
THINKS = (
    "deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did not "
    "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    'must send the reasoning back): apply passes extra_body={"thinking": {"type": "disabled"}}'
)


def found(registry, text: str):
    """(rule, line, column, severity, fix, message) of each finding, for DeepSeek."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    results = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    return [(f.rule, f.line, f.column, f.severity, f.fix, f.message) for f in results]


def applied(registry, text: str) -> str:
    ctx = RuleContext(registry, registry.get("deepseek"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    return after


def test_an_openai_model_at_the_providers_base_url_is_mapped(registry):
    assert found(registry, AT_PROVIDER) == [
        ("ML118", 7, 12, Severity.WARNING, FixClass.REVIEW, THINKS),
        (
            "ML640",
            8,
            15,
            Severity.ERROR,
            FixClass.REVIEW,
            "model='gpt-4o' of litellm.completion() is an OpenAI model; apply writes "
            "'deepseek/deepseek-v4-pro' (litellm's deepseek route) for DeepSeek",
        ),
    ]
    assert applied(registry, AT_PROVIDER) == APPLIED
    assert found(registry, APPLIED) == []


def test_an_openai_model_on_a_route_the_call_names_is_mapped_without_a_prefix(registry):
    """`custom_llm_provider="openai"` sends the model as it is: the provider's id alone."""
    text = AT_PROVIDER.replace(
        '        model="gpt-4o",\n',
        '        model="gpt-4o",\n        custom_llm_provider="openai",\n',
    )
    assert [f[:2] + f[5:] for f in found(registry, text)] == [
        ("ML118", 7, THINKS),
        (
            "ML640",
            8,
            "model='gpt-4o' of litellm.completion() is an OpenAI model; apply writes "
            "'deepseek-v4-pro' for DeepSeek",
        ),
    ]
    assert applied(registry, text) == text.replace(
        '        model="gpt-4o",\n',
        '        extra_body={"thinking": {"type": "disabled"}},\n        model="deepseek-v4-pro",\n',
    )


@pytest.mark.frameworks
def test_litellm_sends_the_mapped_model_to_the_provider(tmp_path, monkeypatch):
    """With the real litellm: before apply the provider's base URL receives gpt-4o; as
    applied, the provider's model, with the provider's key."""
    pytest.importorskip("litellm")
    from .loopback_server import LoopbackServer

    program = AT_PROVIDER + '\nprint(json.dumps(ask("hi").choices[0].message.content))\n'
    (tmp_path / "a.py").write_text("import json\n" + program, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    server = LoopbackServer().start()
    try:
        env = {
            "DEEPSEEK_API_KEY": "test-key-deepseek",
            "DEEPSEEK_BASE_URL": server.base,
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        }
        proc, blocked = run_guarded("a.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert [r.body["model"] for r in server.requests] == ["gpt-4o"]
        assert CliRunner().invoke(app, ["apply", "a.py", "-p", "deepseek", "--yes"]).exit_code == 0
        proc, blocked = run_guarded("a.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert json.loads(proc.stdout) == "reply from deepseek-v4-pro"
        request = server.requests[-1]
        assert request.headers["authorization"] == "Bearer test-key-deepseek"
        assert (request.path, request.body["model"], request.body["thinking"]) == (
            "/chat/completions",
            "deepseek-v4-pro",
            {"type": "disabled"},
        )
        result = CliRunner().invoke(app, ["check", "a.py", "-p", "deepseek"])
        assert result.exit_code == 0, result.output
    finally:
        server.stop()
